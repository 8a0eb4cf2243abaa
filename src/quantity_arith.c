/*
 * quantity_arith.c: arithmetic on the quantity types.
 *
 * Sums and differences are exact int64 with overflow checks.  Products and
 * quotients are computed exactly (int128, or PostgreSQL's exact numeric
 * functions) and rounded once, half away from zero, to the resolution; a
 * result that does not fit is 22003, a zero divisor 22012.  float8 factors
 * are taken at the digits PostgreSQL's float8-to-numeric cast gives them
 * (15 significant digits), then treated as numeric; NaN and infinities are
 * rejected because no quantity results from them.
 */
#include "greenattr.h"

#include <math.h>

#include "common/int.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "quantity.h"

void
quantity_out_of_range(const QuantityType *qt)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s out of range", qt->name),
			 errdetail("%s", quantity_range_detail(qt))));
}

static void
DivisionByZero(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DIVISION_BY_ZERO),
			 errmsg("division by zero")));
}

int64
quantity_from_int128(int128 value, const QuantityType *qt)
{
	if (value < PG_INT64_MIN || value > PG_INT64_MAX)
		quantity_out_of_range(qt);
	return (int64) value;
}

/*
 * dividend / divisor rounded half away from zero.  Callers keep |divisor|
 * below 2^126 (it is an int64, 10^6 or a row count), so 2 * |remainder|,
 * which is less than 2 * |divisor|, cannot overflow.
 */
int128
quantity_div_round(int128 dividend, int128 divisor)
{
	int128		quotient = dividend / divisor;
	int128		remainder = dividend % divisor;
	int128		abs_remainder = remainder < 0 ? -remainder : remainder;
	int128		abs_divisor = divisor < 0 ? -divisor : divisor;

	if (2 * abs_remainder >= abs_divisor)
		quotient += ((dividend < 0) == (divisor < 0)) ? 1 : -1;
	return quotient;
}

Numeric
quantity_int64_to_numeric(int64 value)
{
#if PG_VERSION_NUM >= 140000
	return int64_to_numeric(value);
#else
	return DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(value)));
#endif
}

/* Numeric helpers over PostgreSQL's exact numeric functions. */
static inline Numeric
NumericOp2(PGFunction fn, Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(fn, NumericGetDatum(a), NumericGetDatum(b)));
}

static inline int
NumericCmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

static inline int
NumericSign(Numeric a)
{
	return NumericCmp(a, quantity_int64_to_numeric(0));
}

/* A numeric number of base units, rounded half away from zero, as int64. */
static int64
NumericToBaseUnits(Numeric value, const QuantityType *qt)
{
	Numeric		rounded = DatumGetNumeric(DirectFunctionCall2(numeric_round,
															  NumericGetDatum(value),
															  Int32GetDatum(0)));

	if (NumericCmp(rounded, quantity_int64_to_numeric(PG_INT64_MIN)) < 0 ||
		NumericCmp(rounded, quantity_int64_to_numeric(PG_INT64_MAX)) > 0)
		quantity_out_of_range(qt);
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(rounded)));
}

/*
 * dividend / divisor rounded half away from zero, exactly: the truncated
 * quotient and its remainder are exact, and one step away from zero is taken
 * when 2 * |remainder| >= |divisor|.  (numeric_div followed by a round would
 * round twice.)
 */
static Numeric
NumericDivRound(Numeric dividend, Numeric divisor)
{
	Numeric		quotient = NumericOp2(numeric_div_trunc, dividend, divisor);
	Numeric		remainder = NumericOp2(numeric_mod, dividend, divisor);
	Numeric		twice = NumericOp2(numeric_mul, remainder, quantity_int64_to_numeric(2));

	if (NumericCmp(DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(twice))),
				DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(divisor)))) >= 0)
	{
		bool		positive = (NumericSign(dividend) < 0) == (NumericSign(divisor) < 0);

		quotient = NumericOp2(positive ? numeric_add : numeric_sub, quotient,
						quantity_int64_to_numeric(1));
	}
	return quotient;
}

static void
NonFiniteFactor(const QuantityType *qt, bool divide, const char *factor)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 divide ? errmsg("cannot divide %s by %s", qt->name, factor)
			 : errmsg("cannot multiply %s by %s", qt->name, factor),
			 errdetail("Quantities can only be multiplied or divided by finite numbers.")));
}

static void
CheckNumericFactor(Numeric factor, const QuantityType *qt, bool divide)
{
	bool		finite = !numeric_is_nan(factor);

#if PG_VERSION_NUM >= 140000
	finite = finite && !numeric_is_inf(factor);
#endif
	if (!finite)
		NonFiniteFactor(qt, divide,
						  DatumGetCString(DirectFunctionCall1(numeric_out,
															  NumericGetDatum(factor))));
	if (divide && NumericSign(factor) == 0)
		DivisionByZero();
}

/* float8 factors become numeric through PostgreSQL's own cast. */
static Numeric
Float8Factor(float8 factor, const QuantityType *qt, bool divide)
{
	if (isnan(factor))
		NonFiniteFactor(qt, divide, "NaN");
	if (isinf(factor))
		NonFiniteFactor(qt, divide, factor > 0 ? "Infinity" : "-Infinity");
	if (divide && factor == 0.0)
		DivisionByZero();
	return DatumGetNumeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(factor)));
}

static int64
MulNumeric(int64 value, Numeric factor, const QuantityType *qt)
{
	return NumericToBaseUnits(NumericOp2(numeric_mul, quantity_int64_to_numeric(value), factor), qt);
}

static int64
DivNumeric(int64 value, Numeric divisor, const QuantityType *qt)
{
	return NumericToBaseUnits(NumericDivRound(quantity_int64_to_numeric(value), divisor), qt);
}

/* ---- within one type ---- */

static Datum
quantity_add(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	int64		result;

	if (pg_add_s64_overflow(PG_GETARG_INT64(0), PG_GETARG_INT64(1), &result))
		quantity_out_of_range(qt);
	PG_RETURN_INT64(result);
}

static Datum
quantity_sub(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	int64		result;

	if (pg_sub_s64_overflow(PG_GETARG_INT64(0), PG_GETARG_INT64(1), &result))
		quantity_out_of_range(qt);
	PG_RETURN_INT64(result);
}

static Datum
quantity_neg(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	int64		result;

	if (pg_sub_s64_overflow(0, PG_GETARG_INT64(0), &result))
		quantity_out_of_range(qt);
	PG_RETURN_INT64(result);
}

/* ---- by int8: exact int128 product, rounded int128 quotient ---- */

static Datum
quantity_mul_int8(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	PG_RETURN_INT64(quantity_from_int128((int128) PG_GETARG_INT64(0) * PG_GETARG_INT64(1), qt));
}

static Datum
quantity_int8_mul(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	PG_RETURN_INT64(quantity_from_int128((int128) PG_GETARG_INT64(0) * PG_GETARG_INT64(1), qt));
}

static Datum
quantity_div_int8(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	int64		divisor = PG_GETARG_INT64(1);

	if (divisor == 0)
		DivisionByZero();
	PG_RETURN_INT64(quantity_from_int128(quantity_div_round(PG_GETARG_INT64(0), divisor), qt));
}

/* ---- by numeric ---- */

static Datum
quantity_mul_numeric(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	Numeric		factor = PG_GETARG_NUMERIC(1);

	CheckNumericFactor(factor, qt, false);
	PG_RETURN_INT64(MulNumeric(PG_GETARG_INT64(0), factor, qt));
}

static Datum
quantity_numeric_mul(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	Numeric		factor = PG_GETARG_NUMERIC(0);

	CheckNumericFactor(factor, qt, false);
	PG_RETURN_INT64(MulNumeric(PG_GETARG_INT64(1), factor, qt));
}

static Datum
quantity_div_numeric(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	Numeric		divisor = PG_GETARG_NUMERIC(1);

	CheckNumericFactor(divisor, qt, true);
	PG_RETURN_INT64(DivNumeric(PG_GETARG_INT64(0), divisor, qt));
}

/* ---- by float8, through numeric ---- */

static Datum
quantity_mul_float8(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	Numeric		factor = Float8Factor(PG_GETARG_FLOAT8(1), qt, false);

	PG_RETURN_INT64(MulNumeric(PG_GETARG_INT64(0), factor, qt));
}

static Datum
quantity_float8_mul(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	Numeric		factor = Float8Factor(PG_GETARG_FLOAT8(0), qt, false);

	PG_RETURN_INT64(MulNumeric(PG_GETARG_INT64(1), factor, qt));
}

static Datum
quantity_div_float8(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	Numeric		divisor = Float8Factor(PG_GETARG_FLOAT8(1), qt, true);

	PG_RETURN_INT64(DivNumeric(PG_GETARG_INT64(0), divisor, qt));
}

QUANTITY_ENTRY_POINTS(add)
QUANTITY_ENTRY_POINTS(sub)
QUANTITY_ENTRY_POINTS(neg)
QUANTITY_ENTRY_POINTS(mul_int8)
QUANTITY_ENTRY_POINTS(int8_mul)
QUANTITY_ENTRY_POINTS(div_int8)
QUANTITY_ENTRY_POINTS(mul_numeric)
QUANTITY_ENTRY_POINTS(numeric_mul)
QUANTITY_ENTRY_POINTS(div_numeric)
QUANTITY_ENTRY_POINTS(mul_float8)
QUANTITY_ENTRY_POINTS(float8_mul)
QUANTITY_ENTRY_POINTS(div_float8)

/* Unary plus cannot fail: one function for the three types. */
PG_FUNCTION_INFO_V1(greenattr_quantity_pos);
Datum
greenattr_quantity_pos(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_INT64(0));
}

/*
 * The ratio of two quantities of one type, a plain number: numeric division
 * of the base-unit counts, trailing zeros trimmed.
 */
PG_FUNCTION_INFO_V1(greenattr_quantity_ratio);
Datum
greenattr_quantity_ratio(PG_FUNCTION_ARGS)
{
	int64		divisor = PG_GETARG_INT64(1);
	Numeric		ratio;

	if (divisor == 0)
		DivisionByZero();
	ratio = NumericOp2(numeric_div, quantity_int64_to_numeric(PG_GETARG_INT64(0)),
				 quantity_int64_to_numeric(divisor));
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, NumericGetDatum(ratio)));
}

/* ---- across types: energy x emission factor = co2e, and the inverses ---- */

/* Wh * g/MWh / 10^6 = g; |product| < 2^126 */
static int64
EnergyTimesFactor(int64 wh, int64 g_per_mwh)
{
	return quantity_from_int128(quantity_div_round((int128) wh * g_per_mwh,
												   QUANTITY_CANONICAL_SCALE),
								&quantity_co2e);
}

PG_FUNCTION_INFO_V1(greenattr_energy_mul_emission_factor);
Datum
greenattr_energy_mul_emission_factor(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(EnergyTimesFactor(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

PG_FUNCTION_INFO_V1(greenattr_emission_factor_mul_energy);
Datum
greenattr_emission_factor_mul_energy(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(EnergyTimesFactor(PG_GETARG_INT64(1), PG_GETARG_INT64(0)));
}

/* g * 10^6 / Wh = g/MWh */
PG_FUNCTION_INFO_V1(greenattr_co2e_div_energy);
Datum
greenattr_co2e_div_energy(PG_FUNCTION_ARGS)
{
	int64		wh = PG_GETARG_INT64(1);

	if (wh == 0)
		DivisionByZero();
	PG_RETURN_INT64(quantity_from_int128(quantity_div_round((int128) PG_GETARG_INT64(0) *
															QUANTITY_CANONICAL_SCALE, wh),
										 &quantity_emission_factor));
}

/* g * 10^6 / (g/MWh) = Wh */
PG_FUNCTION_INFO_V1(greenattr_co2e_div_emission_factor);
Datum
greenattr_co2e_div_emission_factor(PG_FUNCTION_ARGS)
{
	int64		g_per_mwh = PG_GETARG_INT64(1);

	if (g_per_mwh == 0)
		DivisionByZero();
	PG_RETURN_INT64(quantity_from_int128(quantity_div_round((int128) PG_GETARG_INT64(0) *
															QUANTITY_CANONICAL_SCALE, g_per_mwh),
										 &quantity_energy));
}
