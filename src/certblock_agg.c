/*
 * certblock_agg.c: greenattr.merge_blocks(certblock), the aggregate that
 * rewrites a set of blocks as the fewest blocks covering the same units
 * (overlapping and adjacent blocks of one space become one), sorted.
 *
 * The blocks are collected, sorted once in the btree order and swept: that is
 * O(n log n) whatever the input order, where merging pairwise in SQL would be
 * quadratic.
 */
#include "certblock.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(certblock_merge_transfn);
PG_FUNCTION_INFO_V1(certblock_merge_finalfn);

typedef struct MergeState
{
	Oid			elemtype;		/* certblock's type oid, for the result array */
	int			n;
	int			cap;
	CertBlock **items;
} MergeState;

Datum
certblock_merge_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MemoryContext old;
	MergeState *st;
	CertBlock  *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "certblock_merge_transfn called in non-aggregate context");

	old = MemoryContextSwitchTo(aggcxt);
	if (PG_ARGISNULL(0))
	{
		st = palloc(sizeof(MergeState));
		st->elemtype = get_fn_expr_argtype(fcinfo->flinfo, 1);
		st->n = 0;
		st->cap = 64;
		st->items = palloc(sizeof(CertBlock *) * st->cap);
	}
	else
		st = (MergeState *) PG_GETARG_POINTER(0);

	if (!PG_ARGISNULL(1))
	{
		b = PG_GETARG_CERTBLOCK_P(1);
		if (st->n == st->cap)
		{
			st->cap *= 2;
			st->items = repalloc(st->items, sizeof(CertBlock *) * st->cap);
		}
		st->items[st->n] = palloc(VARSIZE(b));
		memcpy(st->items[st->n], b, VARSIZE(b));
		st->n++;
	}
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

static int
item_cmp(const void *a, const void *b)
{
	return certblock_cmp_internal(*(CertBlock *const *) a, *(CertBlock *const *) b);
}

Datum
certblock_merge_finalfn(PG_FUNCTION_ARGS)
{
	MergeState *st;
	Datum	   *out;
	int			nout = 0;
	int			i;
	CertBlock  *cur;
	int64		cur_last;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (MergeState *) PG_GETARG_POINTER(0);
	if (st->n == 0)
		PG_RETURN_NULL();

	qsort(st->items, st->n, sizeof(CertBlock *), item_cmp);
	out = palloc(sizeof(Datum) * st->n);
	cur = st->items[0];
	cur_last = cur->last;
	for (i = 1; i <= st->n; i++)
	{
		CertBlock  *b = i < st->n ? st->items[i] : NULL;

		/* b continues cur when it starts at or before cur_last + 1 */
		if (b != NULL && certblock_cmp_space(cur, b) == 0 &&
			(b->first <= cur_last || b->first - cur_last == 1))
		{
			cur_last = Max(cur_last, b->last);
			continue;
		}
		out[nout++] = PointerGetDatum(certblock_make(CB_SCHEME(cur), cur->scheme_len,
													 CB_SPACE(cur), cur->space_len,
													 cur->first, cur_last));
		if (b != NULL)
		{
			cur = b;
			cur_last = b->last;
		}
	}
	get_typlenbyvalalign(st->elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, nout, st->elemtype, typlen, typbyval, typalign));
}
