/*
 * certblock.h: the certblock value (a block of consecutive serial numbers of
 * one numbering space of one scheme) shared by its I/O, operator, GiST,
 * aggregate and registry-serial files.
 */
#ifndef CERTBLOCK_H
#define CERTBLOCK_H

#include "greenattr.h"

/*
 * Limits of the text fields; small enough that a block is at most ~100 bytes
 * and the lengths fit in one byte each.
 */
#define CERTBLOCK_SCHEME_MAX 12
#define CERTBLOCK_SPACE_MAX 64

/*
 * On-disk layout.  The strings are stored back to back without terminators,
 * the scheme first.  Every byte is set by certblock_make() (padding zeroed), so
 * equal blocks are byte-equal and the hash opclass may hash the raw bytes.
 * The type has PLAIN storage and double alignment: the int64 fields are read in
 * place and a value is never compressed or given a short header.
 */
typedef struct CertBlock
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		scheme_len;
	uint8		space_len;
	uint16		pad;			/* always zero */
	int64		first;
	int64		last;
	char		data[FLEXIBLE_ARRAY_MEMBER];	/* scheme, then space */
} CertBlock;

#define CB_SCHEME(b)	((b)->data)
#define CB_SPACE(b)		((b)->data + (b)->scheme_len)

#define DatumGetCertBlockP(X)	((CertBlock *) PG_DETOAST_DATUM(X))
#define PG_GETARG_CERTBLOCK_P(n) DatumGetCertBlockP(PG_GETARG_DATUM(n))
#define PG_RETURN_CERTBLOCK_P(x) PG_RETURN_POINTER(x)

/* certblock_io.c */
extern const char *certblock_check_scheme(const char *s, int len);
extern const char *certblock_check_space(const char *s, int len);
extern CertBlock *certblock_make(const char *scheme, int scheme_len,
								 const char *space, int space_len,
								 int64 first, int64 last);
extern char *certblock_to_cstring(const CertBlock *b);
extern CertBlock *certblock_parse_cstring(const char *str, struct Node *escontext);

/* certblock_ops.c */
extern int	certblock_cmp_space(const CertBlock *a, const CertBlock *b);
extern int	certblock_cmp_internal(const CertBlock *a, const CertBlock *b);
extern uint64 certblock_space_hash(const CertBlock *b);
extern bool certblock_contains_internal(const CertBlock *a, const CertBlock *b);

#endif							/* CERTBLOCK_H */
