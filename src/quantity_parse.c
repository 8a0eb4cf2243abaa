/*
 * quantity_parse.c: text and binary I/O of the quantity types.
 *
 * Input is exact: a decimal number in any unit the type accepts is turned
 * into a whole number of base units without floating point, and anything
 * that cannot be stored exactly (finer than the resolution, or outside
 * int64) is rejected, never rounded or wrapped.  Errors go through
 * errsave() so that PostgreSQL 16+ can report them softly.
 * Output is the canonical unit with up to six decimals, zeros trimmed.
 */
#include "greenattr.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "quantity.h"

/* The ways a text can fail to be a quantity; one reporting helper for all. */
typedef enum QuantityInputError
{
	QIE_SYNTAX,					/* not number [spaces] unit */
	QIE_UNIT,					/* well-formed but unknown unit */
	QIE_PRECISION,				/* finer than the type's resolution */
	QIE_RANGE					/* outside int64 base units */
} QuantityInputError;

static bool
quantity_input_error(Node *escontext, const QuantityType *qt,
					 QuantityInputError kind, const char *input, const char *unit)
{
	switch (kind)
	{
		case QIE_SYNTAX:
			errsave(escontext,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", qt->name, input),
					 errhint("%s", qt->units_hint)));
			break;
		case QIE_UNIT:
			errsave(escontext,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", qt->name, input),
					 errdetail("The unit \"%s\" is not recognized.", unit),
					 errhint("%s", qt->units_hint)));
			break;
		case QIE_PRECISION:
			errsave(escontext,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", qt->name, input),
					 errdetail("%s", qt->resolution_detail),
					 errhint("%s", qt->units_hint)));
			break;
		case QIE_RANGE:
			errsave(escontext,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value \"%s\" is out of range for type %s", input, qt->name),
					 errdetail("%s", quantity_range_detail(qt)),
					 errhint("%s", qt->units_hint)));
			break;
	}
	return false;
}

static inline bool
IsSpace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool
IsDigit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
IsLetter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Exponents beyond this are clamped.  A string holds fewer than 2^30 digits,
 * so a clamped exponent still outweighs every digit count and decides "too
 * fine" or "too large" exactly as the true exponent would.
 */
#define EXPONENT_CLAMP INT64CONST(1000000000000000)

/*
 * Parse "[spaces][sign]number[spaces][unit][spaces]" into base units.
 *
 * The number is read as digits only: D = the mantissa digits with the point
 * removed, value = D * 10^(exponent - digits after the point).  Leading zeros
 * are dropped and trailing zeros moved into the exponent, leaving a mantissa
 * m that is 0 or not divisible by 10, with nd significant digits.  With the
 * unit worth mult * 10^pow10 base units, the value is m * mult * 10^E with
 * E = exponent - fraction digits + trailing zeros + pow10.  mult (1 or 8141)
 * is coprime to 10, so for m != 0 the value is a whole number of base units
 * exactly when E >= 0: E < 0 is "finer than the resolution", whatever the
 * magnitude, and is reported first.
 *
 * No digit string is ever too long: when E >= 0 and nd - 1 + E >= 19 the
 * value is at least 10^19 > 2^63 base units, out of range without computing
 * it; otherwise m < 10^19 and m * 8141 * 10^E < 10^23 fit in int128.  The
 * digit and fraction counts are bounded by the string length, and the
 * exponent is clamped at 10^15, so E itself cannot overflow an int64.
 */
bool
quantity_parse(const char *str, const QuantityType *qt, int64 *result, Node *escontext)
{
	const char *p = str;
	bool		negative = false;
	int64		ndigits = 0;	/* mantissa digits, point excluded */
	int64		nfraction = 0;	/* of which after the point */
	bool		seen_point = false;
	const char *first_sig = NULL;	/* first nonzero mantissa digit */
	const char *last_sig = NULL;	/* last nonzero mantissa digit */
	int64		last_sig_index = 0; /* its index among the digits, from 1 */
	int64		nsig = 0;		/* digits from first_sig to last_sig */
	int64		exponent = 0;
	int64		e;
	const char *unit_start;
	const char *unit_end;
	char	   *unit;
	QuantityUnit scale;
	int128		value;

	while (IsSpace(*p))
		p++;
	if (*p == '+' || *p == '-')
		negative = (*p++ == '-');

	for (;; p++)
	{
		if (IsDigit(*p))
		{
			ndigits++;
			if (seen_point)
				nfraction++;
			if (*p != '0')
			{
				if (first_sig == NULL)
					first_sig = p;
				last_sig = p;
				last_sig_index = ndigits;
			}
		}
		else if (*p == '.' && !seen_point)
			seen_point = true;
		else
			break;
	}
	if (ndigits == 0)
		return quantity_input_error(escontext, qt, QIE_SYNTAX, str, NULL);

	if (*p == 'e' || *p == 'E')
	{
		bool		exp_negative = false;

		p++;
		if (*p == '+' || *p == '-')
			exp_negative = (*p++ == '-');
		if (!IsDigit(*p))
			return quantity_input_error(escontext, qt, QIE_SYNTAX, str, NULL);
		for (; IsDigit(*p); p++)
		{
			if (exponent < EXPONENT_CLAMP)
				exponent = exponent * 10 + (*p - '0');
		}
		if (exp_negative)
			exponent = -exponent;
	}

	while (IsSpace(*p))
		p++;
	unit_start = p;
	unit_end = p + strlen(p);
	while (unit_end > unit_start && IsSpace(unit_end[-1]))
		unit_end--;
	if (unit_end == unit_start)
		unit = pstrdup(qt->bare_unit);
	else if (!IsLetter(*unit_start))
		return quantity_input_error(escontext, qt, QIE_SYNTAX, str, NULL);
	else
		unit = pnstrdup(unit_start, unit_end - unit_start);
	if (!qt->lookup_unit(unit, &scale))
		return quantity_input_error(escontext, qt, QIE_UNIT, str, unit);

	if (first_sig == NULL)
	{
		*result = 0;
		return true;
	}

	for (const char *c = first_sig; c <= last_sig; c++)
		if (IsDigit(*c))
			nsig++;
	e = exponent - nfraction + (ndigits - last_sig_index) + scale.pow10;
	if (e < 0)
		return quantity_input_error(escontext, qt, QIE_PRECISION, str, NULL);
	if (nsig - 1 + e >= 19)
		return quantity_input_error(escontext, qt, QIE_RANGE, str, NULL);

	value = 0;
	for (const char *c = first_sig; c <= last_sig; c++)
		if (IsDigit(*c))
			value = value * 10 + (*c - '0');
	for (int64 i = 0; i < e; i++)
		value *= 10;
	value *= scale.mult;
	if (negative)
		value = -value;
	if (value < PG_INT64_MIN || value > PG_INT64_MAX)
		return quantity_input_error(escontext, qt, QIE_RANGE, str, NULL);
	*result = (int64) value;
	return true;
}

/*
 * The value in canonical units as a decimal: up to six decimals, trailing
 * zeros and a bare point trimmed.  buf needs QUANTITY_NUMBER_BUFLEN bytes.
 */
char *
quantity_format_number(int64 value, char *buf)
{
	/* 0 - (uint64) value is the magnitude even for INT64_MIN */
	uint64		magnitude = value < 0 ? 0 - (uint64) value : (uint64) value;
	uint64		whole = magnitude / QUANTITY_CANONICAL_SCALE;
	uint64		fraction = magnitude % QUANTITY_CANONICAL_SCALE;
	int			len;

	len = snprintf(buf, QUANTITY_NUMBER_BUFLEN, "%s" UINT64_FORMAT,
				   value < 0 ? "-" : "", whole);
	if (fraction != 0)
	{
		len += snprintf(buf + len, QUANTITY_NUMBER_BUFLEN - len,
						".%0*" INT64_MODIFIER "u", QUANTITY_CANONICAL_DECIMALS, fraction);
		while (buf[len - 1] == '0')
			buf[--len] = '\0';
	}
	return buf;
}

/* errdetail text for a value outside the type's range. */
char *
quantity_range_detail(const QuantityType *qt)
{
	char		lo[QUANTITY_NUMBER_BUFLEN];
	char		hi[QUANTITY_NUMBER_BUFLEN];

	return psprintf("Values of type %s lie between %s %s and %s %s.", qt->name,
					quantity_format_number(PG_INT64_MIN, lo), qt->unit,
					quantity_format_number(PG_INT64_MAX, hi), qt->unit);
}

static Datum
quantity_in(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	int64		value;

	if (!quantity_parse(PG_GETARG_CSTRING(0), qt, &value, fcinfo->context))
		PG_RETURN_NULL();
	PG_RETURN_INT64(value);
}

static Datum
quantity_out(FunctionCallInfo fcinfo, const QuantityType *qt)
{
	char		buf[QUANTITY_NUMBER_BUFLEN];

	PG_RETURN_CSTRING(psprintf("%s %s",
							   quantity_format_number(PG_GETARG_INT64(0), buf), qt->unit));
}

QUANTITY_ENTRY_POINTS(in)
QUANTITY_ENTRY_POINTS(out)

/* Binary I/O is the int64 in base units, the same for the three types. */
PG_FUNCTION_INFO_V1(greenattr_quantity_recv);
Datum
greenattr_quantity_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_INT64(pq_getmsgint64(buf));
}

PG_FUNCTION_INFO_V1(greenattr_quantity_send);
Datum
greenattr_quantity_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
