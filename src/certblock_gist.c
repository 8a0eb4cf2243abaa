/*
 * certblock_gist.c: the default GiST operator class of certblock (&&, @>, <@,
 * =), which is what EXCLUDE USING gist (b WITH &&) runs on.
 *
 * Think of (scheme, space, unit number) as one lexicographic total order: a
 * block is the interval [(s, n, first), (s, n, last)] in it and two blocks
 * overlap iff those intervals overlap.  Every index key, leaf or internal, is
 * such an interval, with one change for speed: the strings (scheme, space) are
 * replaced by a 64-bit hash, so the key is a fixed 32-byte
 * [(hash, number), (hash, number)] and is compared with integer operations.
 *
 * Why that stays correct: blocks of one space share one hash, so a leaf key
 * is the image of its block under a map that keeps the order inside a space;
 * an internal key covers its children's keys (union = min low, max high);
 * hence a subtree holding a block that overlaps (contains, equals ...) the
 * query always passes the internal test below.  Keys only over-approximate:
 * two spaces with the same hash merely look alike to the index.  The leaf test
 * is therefore lossy and asks for a recheck, and the exact operator on the
 * heap tuple decides; an exclusion constraint rechecks the same way.
 */
#include "certblock.h"

#include "access/gist.h"
#include "access/stratnum.h"
#include "utils/sortsupport.h"

PG_FUNCTION_INFO_V1(certblock_gistkey_in);
PG_FUNCTION_INFO_V1(certblock_gistkey_out);
PG_FUNCTION_INFO_V1(certblock_gist_consistent);
PG_FUNCTION_INFO_V1(certblock_gist_union);
PG_FUNCTION_INFO_V1(certblock_gist_compress);
PG_FUNCTION_INFO_V1(certblock_gist_penalty);
PG_FUNCTION_INFO_V1(certblock_gist_picksplit);
PG_FUNCTION_INFO_V1(certblock_gist_same);
PG_FUNCTION_INFO_V1(certblock_gist_sortsupport);

/* A point of the (hash, unit number) order. */
typedef struct GPoint
{
	uint64		h;
	int64		n;
} GPoint;

/* The key: fixed length 32 (SQL type greenattr.certblock_gistkey). */
typedef struct GKey
{
	GPoint		lo;
	GPoint		hi;
} GKey;

static inline int
pcmp(GPoint a, GPoint b)
{
	if (a.h != b.h)
		return a.h < b.h ? -1 : 1;
	if (a.n != b.n)
		return a.n < b.n ? -1 : 1;
	return 0;
}

static GKey *
key_of_block(const CertBlock *b)
{
	GKey	   *k = palloc(sizeof(GKey));

	k->lo.h = k->hi.h = certblock_space_hash(b);
	k->lo.n = b->first;
	k->hi.n = b->last;
	return k;
}

/* The key type is internal to the index: it is shown, never typed in. */
Datum
certblock_gistkey_in(PG_FUNCTION_ARGS)
{
	ereport(ERROR,
			errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			errmsg("cannot accept a value of type greenattr.certblock_gistkey"),
			errdetail("The type holds GiST index keys of certblock and has no input form."));
	PG_RETURN_VOID();
}

Datum
certblock_gistkey_out(PG_FUNCTION_ARGS)
{
	GKey	   *k = (GKey *) PG_GETARG_POINTER(0);

	PG_RETURN_CSTRING(psprintf("[(%016llx," INT64_FORMAT "),(%016llx," INT64_FORMAT ")]",
							   (unsigned long long) k->lo.h, k->lo.n,
							   (unsigned long long) k->hi.h, k->hi.n));
}

Datum
certblock_gist_compress(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *ret;

	if (!entry->leafkey)
		PG_RETURN_POINTER(entry);
	ret = palloc(sizeof(GISTENTRY));
	gistentryinit(*ret,
				  PointerGetDatum(key_of_block(DatumGetCertBlockP(entry->key))),
				  entry->rel, entry->page, entry->offset, false);
	PG_RETURN_POINTER(ret);
}

/*
 * The query's hash, cached across the many consistent() calls of one scan
 * (every entry of every visited page): hashing the strings each time cost as
 * much as the rest of an exclusion probe.  The cache keeps a copy of the
 * query's scheme and space and is used only when they are byte-equal, so a
 * new query is never mistaken for an old one.
 */
typedef struct QueryCache
{
	int			scheme_len;
	int			space_len;
	uint64		hash;
	char		data[CERTBLOCK_SCHEME_MAX + CERTBLOCK_SPACE_MAX];
} QueryCache;

static uint64
query_hash(FunctionCallInfo fcinfo, const CertBlock *query)
{
	QueryCache *qc = (QueryCache *) fcinfo->flinfo->fn_extra;
	int			len = query->scheme_len + query->space_len;

	if (qc != NULL && qc->scheme_len == query->scheme_len &&
		qc->space_len == query->space_len && memcmp(qc->data, query->data, len) == 0)
		return qc->hash;
	if (qc == NULL)
	{
		qc = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(QueryCache));
		fcinfo->flinfo->fn_extra = qc;
	}
	qc->scheme_len = query->scheme_len;
	qc->space_len = query->space_len;
	memcpy(qc->data, query->data, len);
	qc->hash = certblock_space_hash(query);
	return qc->hash;
}

/*
 * Strategies follow the geometric numbering (as contrib/seg):
 * 3 &&, 6 =, 7 @>, 8 <@.
 */
Datum
certblock_gist_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	CertBlock  *query = PG_GETARG_CERTBLOCK_P(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);
	GKey	   *k = (GKey *) DatumGetPointer(entry->key);
	GPoint		qlo;
	GPoint		qhi;
	bool		res;

	qlo.h = qhi.h = query_hash(fcinfo, query);
	qlo.n = query->first;
	qhi.n = query->last;

	if (GIST_LEAF(entry))
	{
		*recheck = true;		/* the hash stands for the strings */
		if (k->lo.h != qlo.h)
			PG_RETURN_BOOL(false);
		switch (strategy)
		{
			case RTOverlapStrategyNumber:
				res = k->lo.n <= qhi.n && qlo.n <= k->hi.n;
				break;
			case RTSameStrategyNumber:
				res = k->lo.n == qlo.n && k->hi.n == qhi.n;
				break;
			case RTContainsStrategyNumber:
				res = k->lo.n <= qlo.n && qhi.n <= k->hi.n;
				break;
			case RTContainedByStrategyNumber:
				res = qlo.n <= k->lo.n && k->hi.n <= qhi.n;
				break;
			default:
				elog(ERROR, "unrecognized certblock GiST strategy number: %d", strategy);
				res = false;
		}
		PG_RETURN_BOOL(res);
	}

	/*
	 * Internal key [lo, hi]: may a child block x satisfy the strategy?  For
	 * && and <@, x meets [qlo, qhi], so [lo, hi] must meet it too.  For @>
	 * and =, x spans [qlo, qhi], so [lo, hi] must span it too.
	 */
	*recheck = false;
	switch (strategy)
	{
		case RTOverlapStrategyNumber:
		case RTContainedByStrategyNumber:
			res = pcmp(k->lo, qhi) <= 0 && pcmp(qlo, k->hi) <= 0;
			break;
		case RTSameStrategyNumber:
		case RTContainsStrategyNumber:
			res = pcmp(k->lo, qlo) <= 0 && pcmp(qhi, k->hi) <= 0;
			break;
		default:
			elog(ERROR, "unrecognized certblock GiST strategy number: %d", strategy);
			res = false;
	}
	PG_RETURN_BOOL(res);
}

Datum
certblock_gist_union(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	int		   *sizep = (int *) PG_GETARG_POINTER(1);
	GKey	   *u = palloc(sizeof(GKey));
	int			i;

	*u = *(GKey *) DatumGetPointer(entryvec->vector[0].key);
	for (i = 1; i < entryvec->n; i++)
	{
		GKey	   *k = (GKey *) DatumGetPointer(entryvec->vector[i].key);

		if (pcmp(k->lo, u->lo) < 0)
			u->lo = k->lo;
		if (pcmp(k->hi, u->hi) > 0)
			u->hi = k->hi;
	}
	*sizep = sizeof(GKey);
	PG_RETURN_POINTER(u);
}

/*
 * Distance between two points of the order as a float: within a hash it is
 * the unit gap; across hashes it exceeds every unit gap (1e19 > max int8)
 * and grows with the hash gap, scaled by 2^32 only, so that the largest value
 * (about 8e28) still fits the float penalty.  Only comparisons of penalties
 * matter, so rounding is harmless.
 */
static double
pdist(GPoint a, GPoint b)
{
	if (pcmp(a, b) > 0)
	{
		GPoint		t = a;

		a = b;
		b = t;
	}
	if (a.h == b.h)
		return (double) b.n - (double) a.n;
	return 1e19 + (double) (b.h - a.h) * 4294967296.0;
}

/* Penalty = growth of the subtree's interval needed to take the new key. */
Datum
certblock_gist_penalty(PG_FUNCTION_ARGS)
{
	GISTENTRY  *origentry = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *newentry = (GISTENTRY *) PG_GETARG_POINTER(1);
	float	   *result = (float *) PG_GETARG_POINTER(2);
	GKey	   *o = (GKey *) DatumGetPointer(origentry->key);
	GKey	   *n = (GKey *) DatumGetPointer(newentry->key);
	double		growth = 0.0;

	if (pcmp(n->lo, o->lo) < 0)
		growth += pdist(n->lo, o->lo);
	if (pcmp(n->hi, o->hi) > 0)
		growth += pdist(o->hi, n->hi);
	*result = (float) growth;
	PG_RETURN_POINTER(result);
}

typedef struct SortItem
{
	OffsetNumber off;
	GKey	   *key;
} SortItem;

static int
sortitem_cmp(const void *a, const void *b)
{
	const GKey *ka = ((const SortItem *) a)->key;
	const GKey *kb = ((const SortItem *) b)->key;
	int			r = pcmp(ka->lo, kb->lo);

	return r != 0 ? r : pcmp(ka->hi, kb->hi);
}

/*
 * Sort by low bound and cut in the middle.  The keys are intervals of a
 * one-dimensional order and registry blocks rarely overlap, so neighbours in
 * low-bound order are neighbours on the line: the two halves cover nearly
 * disjoint stretches (only an interval straddling the cut makes them meet),
 * which keeps searches to one path, and the even cut keeps pages balanced.
 */
Datum
certblock_gist_picksplit(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	GIST_SPLITVEC *v = (GIST_SPLITVEC *) PG_GETARG_POINTER(1);
	OffsetNumber maxoff = entryvec->n - 1;
	int			nitems = maxoff - FirstOffsetNumber + 1;
	SortItem   *items = palloc(sizeof(SortItem) * nitems);
	GKey	   *left = palloc(sizeof(GKey));
	GKey	   *right = palloc(sizeof(GKey));
	int			half;
	int			i;

	for (i = 0; i < nitems; i++)
	{
		items[i].off = FirstOffsetNumber + i;
		items[i].key = (GKey *) DatumGetPointer(entryvec->vector[items[i].off].key);
	}
	qsort(items, nitems, sizeof(SortItem), sortitem_cmp);
	half = nitems / 2;

	v->spl_left = palloc(sizeof(OffsetNumber) * nitems);
	v->spl_right = palloc(sizeof(OffsetNumber) * nitems);
	v->spl_nleft = v->spl_nright = 0;
	*left = *items[0].key;
	*right = *items[half].key;
	for (i = 0; i < nitems; i++)
	{
		GKey	   *k = items[i].key;
		GKey	   *u = i < half ? left : right;

		if (i < half)
			v->spl_left[v->spl_nleft++] = items[i].off;
		else
			v->spl_right[v->spl_nright++] = items[i].off;
		if (pcmp(k->lo, u->lo) < 0)
			u->lo = k->lo;
		if (pcmp(k->hi, u->hi) > 0)
			u->hi = k->hi;
	}
	v->spl_ldatum = PointerGetDatum(left);
	v->spl_rdatum = PointerGetDatum(right);
	PG_RETURN_POINTER(v);
}

Datum
certblock_gist_same(PG_FUNCTION_ARGS)
{
	GKey	   *a = (GKey *) PG_GETARG_POINTER(0);
	GKey	   *b = (GKey *) PG_GETARG_POINTER(1);
	bool	   *result = (bool *) PG_GETARG_POINTER(2);

	*result = pcmp(a->lo, b->lo) == 0 && pcmp(a->hi, b->hi) == 0;
	PG_RETURN_POINTER(result);
}

/*
 * Sorted index build (support function 11): the build sorts the compressed
 * leaf keys and packs pages in that order, so neighbouring pages hold
 * neighbouring stretches of the line, as picksplit aims for.
 */
static int
gkey_ssup_cmp(Datum a, Datum b, SortSupport ssup)
{
	GKey	   *ka = (GKey *) DatumGetPointer(a);
	GKey	   *kb = (GKey *) DatumGetPointer(b);
	int			r = pcmp(ka->lo, kb->lo);

	return r != 0 ? r : pcmp(ka->hi, kb->hi);
}

Datum
certblock_gist_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = gkey_ssup_cmp;
	PG_RETURN_VOID();
}
