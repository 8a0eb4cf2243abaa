/*
 * quantity_agg.c: sum() and avg() over the quantity types.
 *
 * The state is an exact int128 total and a row count.  int128 cannot
 * overflow (fewer than 2^63 rows of at most 2^63 each), so a total whose
 * partial sums leave int64 is still exact, and sum() fails (22003) only when
 * the final total does not fit the type.  avg() rounds half away from zero to
 * the resolution.  The state has combine, serialize and deserialize
 * functions, so both aggregates run in parallel plans.  min() and max() need
 * no state of their own (quantity_cmp.c).
 *
 * The state functions are shared by the three types; only the final
 * functions, which can report an out-of-range total, are per type.
 */
#include "greenattr.h"

#include "libpq/pqformat.h"

#include "quantity.h"

typedef struct QuantitySumState
{
	int128		sum;			/* in base units */
	int64		count;			/* non-NULL values summed */
} QuantitySumState;

static MemoryContext
AggregateContext(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", fname);
	return aggcontext;
}

static inline QuantitySumState *
StateArg(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : (QuantitySumState *) PG_GETARG_POINTER(n);
}

/* The state is created on the first non-NULL value: no values, NULL result. */
PG_FUNCTION_INFO_V1(greenattr_quantity_sum_accum);
Datum
greenattr_quantity_sum_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "greenattr_quantity_sum_accum");
	QuantitySumState *state = StateArg(fcinfo, 0);

	if (!PG_ARGISNULL(1))
	{
		if (state == NULL)
			state = MemoryContextAllocZero(aggcontext, sizeof(QuantitySumState));
		state->sum += PG_GETARG_INT64(1);
		state->count++;
	}
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(greenattr_quantity_sum_combine);
Datum
greenattr_quantity_sum_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "greenattr_quantity_sum_combine");
	QuantitySumState *state1 = StateArg(fcinfo, 0);
	QuantitySumState *state2 = StateArg(fcinfo, 1);

	if (state2 == NULL)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}
	if (state1 == NULL)
	{
		/* the result must live in the aggregate's context, not state2's */
		state1 = MemoryContextAlloc(aggcontext, sizeof(QuantitySumState));
		*state1 = *state2;
		PG_RETURN_POINTER(state1);
	}
	state1->sum += state2->sum;
	state1->count += state2->count;
	PG_RETURN_POINTER(state1);
}

/* Wire form: the int128 total as two int64 (high, low), then the count. */
PG_FUNCTION_INFO_V1(greenattr_quantity_sum_serialize);
Datum
greenattr_quantity_sum_serialize(PG_FUNCTION_ARGS)
{
	QuantitySumState *state;
	StringInfoData buf;

	(void) AggregateContext(fcinfo, "greenattr_quantity_sum_serialize");
	state = (QuantitySumState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint64(&buf, (int64) (state->sum >> 64));
	pq_sendint64(&buf, (int64) (uint64) state->sum);
	pq_sendint64(&buf, state->count);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(greenattr_quantity_sum_deserialize);
Datum
greenattr_quantity_sum_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggregateContext(fcinfo, "greenattr_quantity_sum_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	QuantitySumState *state;
	uint64		high;
	uint64		low;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes));
	state = MemoryContextAlloc(aggcontext, sizeof(QuantitySumState));
	high = (uint64) pq_getmsgint64(&buf);
	low = (uint64) pq_getmsgint64(&buf);
	state->sum = (int128) (((uint128) high << 64) | low);
	state->count = pq_getmsgint64(&buf);
	pq_getmsgend(&buf);
	pfree(buf.data);
	PG_RETURN_POINTER(state);
}

static Datum
quantity_sum_final(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	QuantitySumState *state = StateArg(fcinfo, 0);

	if (state == NULL || state->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(quantity_from_int128(state->sum, qt));
}

/* The mean of int64 values is within int64: rounding alone cannot overflow. */
static Datum
quantity_avg_final(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	QuantitySumState *state = StateArg(fcinfo, 0);

	if (state == NULL || state->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(quantity_from_int128(quantity_div_round(state->sum, state->count), qt));
}

QUANTITY_ENTRY_POINTS(sum_final)
QUANTITY_ENTRY_POINTS(avg_final)
