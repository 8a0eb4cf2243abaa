/*
 * certblock_ops.c: certblock comparison (btree and hash opclass support),
 * the interval operators (&&, @>, <@, -|-, <<, >>) and block arithmetic
 * (+ merge, - difference, split).
 *
 * Blocks of different schemes or numbering spaces never overlap, contain,
 * touch or precede one another: their unit numbers are counted separately.
 * The total order used by btree is (scheme, space, first, last), bytewise on
 * the strings, which is also the order the GiST opclass clusters by.
 */
#include "certblock.h"

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(certblock_eq);
PG_FUNCTION_INFO_V1(certblock_ne);
PG_FUNCTION_INFO_V1(certblock_lt);
PG_FUNCTION_INFO_V1(certblock_le);
PG_FUNCTION_INFO_V1(certblock_gt);
PG_FUNCTION_INFO_V1(certblock_ge);
PG_FUNCTION_INFO_V1(certblock_cmp);
PG_FUNCTION_INFO_V1(certblock_hash);
PG_FUNCTION_INFO_V1(certblock_hash_extended);
PG_FUNCTION_INFO_V1(certblock_overlaps);
PG_FUNCTION_INFO_V1(certblock_contains);
PG_FUNCTION_INFO_V1(certblock_contained_by);
PG_FUNCTION_INFO_V1(certblock_contains_unit);
PG_FUNCTION_INFO_V1(certblock_unit_contained_by);
PG_FUNCTION_INFO_V1(certblock_adjacent);
PG_FUNCTION_INFO_V1(certblock_before);
PG_FUNCTION_INFO_V1(certblock_after);
PG_FUNCTION_INFO_V1(certblock_merge);
PG_FUNCTION_INFO_V1(certblock_minus);
PG_FUNCTION_INFO_V1(certblock_split);

static int
cmp_bytes(const char *a, int alen, const char *b, int blen)
{
	int			r = memcmp(a, b, Min(alen, blen));

	if (r != 0)
		return r < 0 ? -1 : 1;
	return (alen > blen) - (alen < blen);
}

/* Order of (scheme, space); 0 iff both are equal. */
int
certblock_cmp_space(const CertBlock *a, const CertBlock *b)
{
	int			r = cmp_bytes(CB_SCHEME(a), a->scheme_len, CB_SCHEME(b), b->scheme_len);

	if (r == 0)
		r = cmp_bytes(CB_SPACE(a), a->space_len, CB_SPACE(b), b->space_len);
	return r;
}

int
certblock_cmp_internal(const CertBlock *a, const CertBlock *b)
{
	int			r = certblock_cmp_space(a, b);

	if (r != 0)
		return r;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->last != b->last)
		return a->last < b->last ? -1 : 1;
	return 0;
}

/*
 * 64-bit hash of (scheme, space): the GiST keys carry it in place of the
 * strings.  The scheme length is the seed, so "AB"+"C" and "A"+"BC" differ.
 */
uint64
certblock_space_hash(const CertBlock *b)
{
	return DatumGetUInt64(hash_any_extended((const unsigned char *) b->data,
											b->scheme_len + b->space_len,
											(uint64) b->scheme_len));
}

static inline bool
same_space(const CertBlock *a, const CertBlock *b)
{
	return a->scheme_len == b->scheme_len && a->space_len == b->space_len &&
		memcmp(a->data, b->data, a->scheme_len + a->space_len) == 0;
}

#define CMP_FN(name, test) \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	CertBlock  *a = PG_GETARG_CERTBLOCK_P(0); \
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(1); \
	int			c = certblock_cmp_internal(a, b); \
	PG_RETURN_BOOL(test); \
}

CMP_FN(certblock_eq, c == 0)
CMP_FN(certblock_ne, c != 0)
CMP_FN(certblock_lt, c < 0)
CMP_FN(certblock_le, c <= 0)
CMP_FN(certblock_gt, c > 0)
CMP_FN(certblock_ge, c >= 0)

Datum
certblock_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(certblock_cmp_internal(PG_GETARG_CERTBLOCK_P(0),
										   PG_GETARG_CERTBLOCK_P(1)));
}

/* certblock_make() zeroes padding, so equal values hash their bytes alike. */
Datum
certblock_hash(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);

	return hash_any((const unsigned char *) VARDATA(b), VARSIZE(b) - VARHDRSZ);
}

Datum
certblock_hash_extended(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);

	return hash_any_extended((const unsigned char *) VARDATA(b), VARSIZE(b) - VARHDRSZ,
							 PG_GETARG_INT64(1));
}

static inline bool
overlaps(const CertBlock *a, const CertBlock *b)
{
	return same_space(a, b) && a->first <= b->last && b->first <= a->last;
}

static inline bool
contains(const CertBlock *a, const CertBlock *b)
{
	return same_space(a, b) && a->first <= b->first && b->last <= a->last;
}

bool
certblock_contains_internal(const CertBlock *a, const CertBlock *b)
{
	return contains(a, b);
}

/* a ends just before b starts (written without overflow at max int8). */
static inline bool
touches_before(const CertBlock *a, const CertBlock *b)
{
	return a->last < b->first && b->first - a->last == 1;
}

static inline bool
adjacent(const CertBlock *a, const CertBlock *b)
{
	return same_space(a, b) && (touches_before(a, b) || touches_before(b, a));
}

Datum
certblock_overlaps(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(overlaps(PG_GETARG_CERTBLOCK_P(0), PG_GETARG_CERTBLOCK_P(1)));
}

Datum
certblock_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains(PG_GETARG_CERTBLOCK_P(0), PG_GETARG_CERTBLOCK_P(1)));
}

Datum
certblock_contained_by(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(contains(PG_GETARG_CERTBLOCK_P(1), PG_GETARG_CERTBLOCK_P(0)));
}

/* block @> unit: a bare int8 unit carries no space, only its number is tested. */
Datum
certblock_contains_unit(PG_FUNCTION_ARGS)
{
	CertBlock  *a = PG_GETARG_CERTBLOCK_P(0);
	int64		u = PG_GETARG_INT64(1);

	PG_RETURN_BOOL(a->first <= u && u <= a->last);
}

Datum
certblock_unit_contained_by(PG_FUNCTION_ARGS)
{
	int64		u = PG_GETARG_INT64(0);
	CertBlock  *a = PG_GETARG_CERTBLOCK_P(1);

	PG_RETURN_BOOL(a->first <= u && u <= a->last);
}

Datum
certblock_adjacent(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(adjacent(PG_GETARG_CERTBLOCK_P(0), PG_GETARG_CERTBLOCK_P(1)));
}

Datum
certblock_before(PG_FUNCTION_ARGS)
{
	CertBlock  *a = PG_GETARG_CERTBLOCK_P(0);
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(1);

	PG_RETURN_BOOL(same_space(a, b) && a->last < b->first);
}

Datum
certblock_after(PG_FUNCTION_ARGS)
{
	CertBlock  *a = PG_GETARG_CERTBLOCK_P(0);
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(1);

	PG_RETURN_BOOL(same_space(a, b) && a->first > b->last);
}

static CertBlock *
with_units(const CertBlock *b, int64 first, int64 last)
{
	return certblock_make(CB_SCHEME(b), b->scheme_len, CB_SPACE(b), b->space_len,
						  first, last);
}

/* a + b: two adjacent blocks as one; anything else is refused. */
Datum
certblock_merge(PG_FUNCTION_ARGS)
{
	CertBlock  *a = PG_GETARG_CERTBLOCK_P(0);
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(1);

	if (!adjacent(a, b))
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("cannot merge certblocks \"%s\" and \"%s\"",
					   certblock_to_cstring(a), certblock_to_cstring(b)),
				errdetail("Only adjacent blocks of one scheme and numbering space merge into one block."));
	PG_RETURN_CERTBLOCK_P(with_units(a, Min(a->first, b->first), Max(a->last, b->last)));
}

/*
 * a - b: the units of a not in b, when they form one block.  A block of
 * another space takes nothing away.
 */
Datum
certblock_minus(PG_FUNCTION_ARGS)
{
	CertBlock  *a = PG_GETARG_CERTBLOCK_P(0);
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(1);

	if (!overlaps(a, b))
		PG_RETURN_CERTBLOCK_P(a);
	if (b->first <= a->first && a->last <= b->last)
		ereport(ERROR,
				errcode(ERRCODE_DATA_EXCEPTION),
				errmsg("certblock difference \"%s\" - \"%s\" is empty",
					   certblock_to_cstring(a), certblock_to_cstring(b)),
				errdetail("Every unit of the first block is in the second; a certblock holds at least one unit."));
	if (a->first < b->first && b->last < a->last)
		ereport(ERROR,
				errcode(ERRCODE_DATA_EXCEPTION),
				errmsg("certblock difference \"%s\" - \"%s\" is not one block",
					   certblock_to_cstring(a), certblock_to_cstring(b)),
				errdetail("The second block lies strictly inside the first and would leave two blocks."),
				errhint("Use greenattr.split() to cut the block in two first."));
	if (b->first <= a->first)
		PG_RETURN_CERTBLOCK_P(with_units(a, b->last + 1, a->last));
	PG_RETURN_CERTBLOCK_P(with_units(a, a->first, b->first - 1));
}

/* split(b, n) -> (head, tail): the first n units and the rest, both non-empty. */
Datum
certblock_split(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);
	int64		n = PG_GETARG_INT64(1);
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	/* n < last - first + 1, written so that it cannot overflow */
	if (n < 1 || n - 1 >= b->last - b->first)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("cannot split " INT64_FORMAT " units off certblock \"%s\"",
					   n, certblock_to_cstring(b)),
				errdetail("The head must hold at least one unit and the tail at least one unit, so n runs from 1 to the block's units minus 1."));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = PointerGetDatum(with_units(b, b->first, b->first + n - 1));
	values[1] = PointerGetDatum(with_units(b, b->first + n, b->last));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
