/*
 * quantity_cmp.c: ordering, equality and hashing of the quantity types, for
 * the comparison operators and the btree and hash operator classes, and the
 * smaller/larger functions behind min() and max().
 *
 * None of these can fail, and all three types are an int64 in base units,
 * so each function here serves the three types.
 */
#include "greenattr.h"

#include "utils/fmgrprotos.h"
#include "utils/sortsupport.h"

#include "quantity.h"

#define QUANTITY_COMPARISON(fname, op) \
	PG_FUNCTION_INFO_V1(fname); \
	Datum \
	fname(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_BOOL(PG_GETARG_INT64(0) op PG_GETARG_INT64(1)); \
	}

QUANTITY_COMPARISON(greenattr_quantity_eq, ==)
QUANTITY_COMPARISON(greenattr_quantity_ne, !=)
QUANTITY_COMPARISON(greenattr_quantity_lt, <)
QUANTITY_COMPARISON(greenattr_quantity_le, <=)
QUANTITY_COMPARISON(greenattr_quantity_gt, >)
QUANTITY_COMPARISON(greenattr_quantity_ge, >=)

static inline int
CompareInt64(int64 a, int64 b)
{
	return (a > b) - (a < b);
}

PG_FUNCTION_INFO_V1(greenattr_quantity_cmp);
Datum
greenattr_quantity_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(CompareInt64(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

#if PG_VERSION_NUM < 150000
static int
quantity_fastcmp(Datum a, Datum b, SortSupport ssup)
{
	return CompareInt64(DatumGetInt64(a), DatumGetInt64(b));
}
#endif

/*
 * Sorts compare Datums directly.  From 15 on, PostgreSQL's own signed-Datum
 * comparator lets tuplesort use its specialized sort routines.
 */
PG_FUNCTION_INFO_V1(greenattr_quantity_sortsupport);
Datum
greenattr_quantity_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

#if PG_VERSION_NUM >= 150000
	ssup->comparator = ssup_datum_signed_cmp;
#else
	ssup->comparator = quantity_fastcmp;
#endif
	PG_RETURN_VOID();
}

/* Hashes are those of the int64 in base units. */
PG_FUNCTION_INFO_V1(greenattr_quantity_hash);
Datum
greenattr_quantity_hash(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(hashint8, PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(greenattr_quantity_hash_extended);
Datum
greenattr_quantity_hash_extended(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall2(hashint8extended, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1));
}

PG_FUNCTION_INFO_V1(greenattr_quantity_smaller);
Datum
greenattr_quantity_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(Min(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

PG_FUNCTION_INFO_V1(greenattr_quantity_larger);
Datum
greenattr_quantity_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(Max(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}
