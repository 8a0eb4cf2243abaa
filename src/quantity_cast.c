/*
 * quantity_cast.c: conversions between the quantity types and numeric, in
 * the canonical units (t, MWh, t/MWh), and the accessors tonnes(), mwh(),
 * tce().  From numeric goes through the text parser, so a cast rejects
 * exactly what input rejects, with the same messages.
 */
#include "greenattr.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "quantity.h"

/* Exact: the canonical decimal as numeric_in reads it (scale = decimals shown). */
Numeric
quantity_to_numeric(int64 value)
{
	char		buf[QUANTITY_NUMBER_BUFLEN];

	return DatumGetNumeric(DirectFunctionCall3(numeric_in,
											   CStringGetDatum(quantity_format_number(value, buf)),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

/* The value in its canonical unit; one function for the three types. */
PG_FUNCTION_INFO_V1(greenattr_quantity_to_numeric);
Datum
greenattr_quantity_to_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(quantity_to_numeric(PG_GETARG_INT64(0)));
}

/* A number in the canonical unit: numeric_out's text read as a bare number. */
static Datum
quantity_from_numeric(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out,
														   PG_GETARG_DATUM(0)));
	int64		value = 0;

	/* no error-save context: a failed cast is an ERROR */
	(void) quantity_parse(text, qt, &value, NULL);
	PG_RETURN_INT64(value);
}

QUANTITY_ENTRY_POINTS(from_numeric)

/* Tonnes of standard coal equivalent: Wh / 8141000, trailing zeros trimmed. */
PG_FUNCTION_INFO_V1(greenattr_energy_tce);
Datum
greenattr_energy_tce(PG_FUNCTION_ARGS)
{
	Datum		tce = DirectFunctionCall2(numeric_div,
										  NumericGetDatum(quantity_int64_to_numeric(PG_GETARG_INT64(0))),
										  NumericGetDatum(quantity_int64_to_numeric(INT64CONST(8141000))));

	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, tce));
}
