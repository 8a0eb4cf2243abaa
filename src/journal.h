/*
 * journal.h: the journal's chain hash (journal.c), shared with the seal
 * trigger (journal_seal.c).
 */
#ifndef JOURNAL_H
#define JOURNAL_H

#include "greenattr.h"

#define JOURNAL_HASH_LEN 32

/*
 * The fields of an entry after the previous hash, in the order hashed:
 * seq, id, at, actor, verb, block (text), from_account, to_account,
 * detail (text).
 */
#define JOURNAL_FIELDS 9

/* SHA-256 of prev (32 bytes) and the entry's fields into out (32 bytes). */
extern void journal_hash(const unsigned char *prev, const Datum *values,
						 const bool *nulls, unsigned char *out);

/* A hash as a bytea value. */
extern bytea *journal_hash_bytea(const unsigned char *hash);

#endif							/* JOURNAL_H */
