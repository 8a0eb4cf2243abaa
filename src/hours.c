/*
 * hours.c: UTC hours for hourly (24/7) matching.
 *
 * hourly_match() groups every consumption row and every certificate by the
 * UTC hour it starts in.  date_trunc('hour', t, 'UTC') does that through a
 * time-zone conversion per call, which was a fifth of a region-year's
 * matching; a UTC hour is plain arithmetic on the timestamp (microseconds
 * since 2000-01-01 00:00 UTC, itself the start of an hour).
 */
#include "greenattr.h"

#include "datatype/timestamp.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"

/* The start of the UTC hour of a finite timestamp. */
static TimestampTz
HourStart(TimestampTz t)
{
	int64		into_hour = t % USECS_PER_HOUR;

	/* Floor, not truncation toward zero: hours before 2000 too. */
	if (into_hour < 0)
		into_hour += USECS_PER_HOUR;
	return t - into_hour;
}

PG_FUNCTION_INFO_V1(greenattr_utc_hour);
Datum
greenattr_utc_hour(PG_FUNCTION_ARGS)
{
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(0);

	if (TIMESTAMP_NOT_FINITE(t))
		PG_RETURN_TIMESTAMPTZ(t);
	PG_RETURN_TIMESTAMPTZ(HourStart(t));
}

/*
 * within_one_hour(row tstzrange, period tstzrange): whether a metered row can
 * take part in hourly matching of the period: it lies in the period and ends
 * at the latest one hour after the UTC hour it starts in (the bound values
 * compared as upper() and lower() give them; an empty range or an infinite
 * bound has no hour and does not).  One call per consumption row,
 * instead of range containment, two bound extractions and an interval sum
 * evaluated as separate SQL expressions.
 */
PG_FUNCTION_INFO_V1(greenattr_within_one_hour);
Datum
greenattr_within_one_hour(PG_FUNCTION_ARGS)
{
	RangeType  *row = PG_GETARG_RANGE_P(0);
	RangeType  *period = PG_GETARG_RANGE_P(1);
	TypeCacheEntry *typcache = range_get_typcache(fcinfo, RangeTypeGetOid(row));
	RangeBound	lower,
				upper;
	bool		empty;

	if (!range_contains_internal(typcache, period, row))
		PG_RETURN_BOOL(false);
	range_deserialize(typcache, row, &lower, &upper, &empty);
	/* No hour at all (empty), or none that is a time (infinite bounds or values). */
	if (empty || lower.infinite || upper.infinite ||
		TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(lower.val)) ||
		TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(upper.val)))
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(DatumGetTimestampTz(upper.val) <=
				   HourStart(DatumGetTimestampTz(lower.val)) + USECS_PER_HOUR);
}
