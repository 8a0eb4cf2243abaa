/*
 * audit_agg.c: greenattr.block_overlaps(block, id, tag), the aggregate behind
 * the audit's "no unit twice" checks (src/sql/37_audit.sql).
 *
 * The audit used to find overlapping blocks with a window (a running maximum
 * of the last unit per numbering space, in (first unit, id) order), which
 * sorts the whole table as wide tuples and spills to disk on a large registry.
 * Here each row is kept as 32 bytes (numbering space interned to a number,
 * first, last, id, tag), sorted once in memory and swept: the result is the
 * same list of rows, in the same order the window gave in a "C" collation.
 *
 * Result: a flat bigint[] of triples (id, tag, reach) for every block whose
 * first unit is at or below the highest last unit (reach) of the blocks
 * before it in its numbering space, ordered by (scheme, space, first, id,
 * tag); empty when no block overlaps another.
 */
#include "certblock.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(greenattr_block_overlaps_transfn);
PG_FUNCTION_INFO_V1(greenattr_block_overlaps_finalfn);

/* Key of a numbering space: the scheme and space bytes, zero-padded. */
typedef struct SpaceKey
{
	uint8		scheme_len;
	uint8		space_len;
	char		data[CERTBLOCK_SCHEME_MAX + CERTBLOCK_SPACE_MAX];
} SpaceKey;

typedef struct SpaceEntry
{
	SpaceKey	key;
	uint32		num;			/* order of first appearance */
} SpaceEntry;

typedef struct OverlapItem
{
	uint32		space;			/* rank of the numbering space once sorted */
	int32		tag;
	int64		first;
	int64		last;
	int64		id;
} OverlapItem;

typedef struct OverlapState
{
	HTAB	   *spaces;
	SpaceEntry **by_num;		/* entries by num */
	uint32		nspaces;
	uint32		spaces_cap;
	SpaceEntry *last_entry;		/* consecutive rows often share a space */
	Size		n;
	Size		cap;
	OverlapItem *items;
} OverlapState;

Datum
greenattr_block_overlaps_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MemoryContext old;
	OverlapState *st;
	CertBlock  *b;
	SpaceKey	key;
	SpaceEntry *e;
	OverlapItem *it;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "block_overlaps_transfn called in non-aggregate context");

	old = MemoryContextSwitchTo(aggcxt);
	if (PG_ARGISNULL(0))
	{
		HASHCTL		ctl;

		st = palloc0(sizeof(OverlapState));
		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(SpaceKey);
		ctl.entrysize = sizeof(SpaceEntry);
		ctl.hcxt = aggcxt;
		st->spaces = hash_create("block_overlaps spaces", 256, &ctl,
								 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		st->spaces_cap = 256;
		st->by_num = palloc(sizeof(SpaceEntry *) * st->spaces_cap);
		st->cap = 1024;
		st->items = palloc(sizeof(OverlapItem) * st->cap);
	}
	else
		st = (OverlapState *) PG_GETARG_POINTER(0);

	/* A row without a block or an id cannot be reported: skip it, as max() would. */
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		b = PG_GETARG_CERTBLOCK_P(1);
		e = st->last_entry;
		if (e == NULL || e->key.scheme_len != b->scheme_len || e->key.space_len != b->space_len
			|| memcmp(e->key.data, b->data, b->scheme_len + b->space_len) != 0)
		{
			bool		found;

			memset(&key, 0, sizeof(key));
			key.scheme_len = b->scheme_len;
			key.space_len = b->space_len;
			memcpy(key.data, b->data, b->scheme_len + b->space_len);
			e = (SpaceEntry *) hash_search(st->spaces, &key, HASH_ENTER, &found);
			if (!found)
			{
				if (st->nspaces == st->spaces_cap)
				{
					st->spaces_cap *= 2;
					st->by_num = repalloc_huge(st->by_num, sizeof(SpaceEntry *) * st->spaces_cap);
				}
				e->num = st->nspaces;
				st->by_num[st->nspaces++] = e;
			}
			st->last_entry = e;
		}
		if (st->n == st->cap)
		{
			st->cap *= 2;
			st->items = repalloc_huge(st->items, sizeof(OverlapItem) * st->cap);
		}
		it = &st->items[st->n++];
		it->space = e->num;
		it->tag = PG_ARGISNULL(3) ? 0 : PG_GETARG_INT32(3);
		it->first = b->first;
		it->last = b->last;
		it->id = PG_GETARG_INT64(2);
	}
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

/* Numbering spaces in "C" text order: scheme, then space, bytewise, shorter first on a tie. */
static int
cmp_space_entries(const void *a, const void *b)
{
	const SpaceKey *x = &(*(SpaceEntry *const *) a)->key;
	const SpaceKey *y = &(*(SpaceEntry *const *) b)->key;
	int			r;

	r = memcmp(x->data, y->data, Min(x->scheme_len, y->scheme_len));
	if (r == 0 && x->scheme_len != y->scheme_len)
		r = x->scheme_len < y->scheme_len ? -1 : 1;
	if (r == 0)
	{
		r = memcmp(x->data + x->scheme_len, y->data + y->scheme_len, Min(x->space_len, y->space_len));
		if (r == 0 && x->space_len != y->space_len)
			r = x->space_len < y->space_len ? -1 : 1;
	}
	return r;
}

static int
cmp_items(const void *a, const void *b)
{
	const OverlapItem *x = a;
	const OverlapItem *y = b;

	if (x->space != y->space)
		return x->space < y->space ? -1 : 1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->tag != y->tag)
		return x->tag < y->tag ? -1 : 1;
	return 0;
}

Datum
greenattr_block_overlaps_finalfn(PG_FUNCTION_ARGS)
{
	OverlapState *st;
	SpaceEntry **sorted;
	uint32	   *rank;
	Datum	   *out = NULL;
	Size		nout = 0;
	Size		capout = 0;
	Size		i;
	bool		have = false;
	int64		reach = 0;
	uint32		space = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT8OID));
	st = (OverlapState *) PG_GETARG_POINTER(0);

	/* Rank the spaces in text order, then sort the rows once and sweep. */
	sorted = palloc(sizeof(SpaceEntry *) * Max(st->nspaces, 1));
	memcpy(sorted, st->by_num, sizeof(SpaceEntry *) * st->nspaces);
	qsort(sorted, st->nspaces, sizeof(SpaceEntry *), cmp_space_entries);
	rank = palloc(sizeof(uint32) * Max(st->nspaces, 1));
	for (i = 0; i < st->nspaces; i++)
		rank[sorted[i]->num] = (uint32) i;
	for (i = 0; i < st->n; i++)
		st->items[i].space = rank[st->items[i].space];
	qsort(st->items, st->n, sizeof(OverlapItem), cmp_items);

	for (i = 0; i < st->n; i++)
	{
		OverlapItem *it = &st->items[i];

		if (!have || it->space != space)
		{
			have = true;
			space = it->space;
			reach = it->last;
			continue;
		}
		if (reach >= it->first)
		{
			if (nout + 3 > capout)
			{
				capout = capout ? capout * 2 : 48;
				out = out ? repalloc_huge(out, sizeof(Datum) * capout) : palloc(sizeof(Datum) * capout);
			}
			out[nout++] = Int64GetDatum(it->id);
			out[nout++] = Int64GetDatum((int64) it->tag);
			out[nout++] = Int64GetDatum(reach);
		}
		if (it->last > reach)
			reach = it->last;
	}
	if (nout == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT8OID));
	PG_RETURN_ARRAYTYPE_P(construct_array(out, (int) nout, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
