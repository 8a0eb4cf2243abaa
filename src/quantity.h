/*
 * quantity.h: the exact quantity types co2e, energy and emission_factor.
 *
 * All three are an int64 count of a base unit, passed by value:
 *   co2e             grams of CO2-equivalent      canonical unit tCO2e     (10^6 g)
 *   energy           watt-hours                   canonical unit MWh       (10^6 Wh)
 *   emission_factor  grams per MWh                canonical unit tCO2e/MWh (10^6 g/MWh)
 * Every canonical unit is 10^6 base units, so one formatter and one numeric
 * conversion serve all three.  A QuantityType describes one type: its name
 * for messages, its units, and its texts.  Functions whose errors name the
 * type get one SQL-callable entry point per type (QUANTITY_ENTRY_POINTS);
 * functions that cannot fail are shared by the three types.
 */
#ifndef GREENATTR_QUANTITY_H
#define GREENATTR_QUANTITY_H

#include "greenattr.h"

#include "nodes/nodes.h"
#include "utils/numeric.h"

/* Base units per canonical unit (t, MWh, t/MWh), and its number of decimals. */
#define QUANTITY_CANONICAL_SCALE	INT64CONST(1000000)
#define QUANTITY_CANONICAL_DECIMALS 6

/*
 * A unit's size in base units is mult * 10^pow10 with mult 1 or 8141 (tce):
 * both coprime to 10, which the exact parser relies on.
 */
typedef struct QuantityUnit
{
	const char *name;
	int64		mult;
	int			pow10;
} QuantityUnit;

typedef struct QuantityType
{
	const char *name;			/* SQL type name, for messages */
	const char *unit;			/* canonical unit, written after the number */
	/* finds a unit spelling; false if unknown */
	bool		(*lookup_unit) (const char *unit, QuantityUnit *result);
	const char *bare_unit;		/* unit of a number written without one */
	const char *units_hint;		/* errhint: the accepted units */
	const char *resolution_detail;	/* errdetail: input finer than the resolution */
} QuantityType;

extern const QuantityType quantity_co2e;
extern const QuantityType quantity_energy;
extern const QuantityType quantity_emission_factor;

/* quantity_units.c */
extern bool quantity_lookup_co2e_unit(const char *unit, QuantityUnit *result);
extern bool quantity_lookup_energy_unit(const char *unit, QuantityUnit *result);
extern bool quantity_lookup_emission_factor_unit(const char *unit, QuantityUnit *result);

/* quantity_parse.c */
extern bool quantity_parse(const char *str, const QuantityType *qt,
						   int64 *result, Node *escontext);
extern char *quantity_format_number(int64 value, char *buf);
extern char *quantity_range_detail(const QuantityType *qt);
#define QUANTITY_NUMBER_BUFLEN 32

/* quantity_arith.c: shared exact arithmetic */
extern void quantity_out_of_range(const QuantityType *qt) pg_attribute_noreturn();
extern int64 quantity_from_int128(int128 value, const QuantityType *qt);
extern int128 quantity_div_round(int128 dividend, int128 divisor);
extern Numeric quantity_int64_to_numeric(int64 value);
extern Numeric quantity_to_numeric(int64 value);

/*
 * One SQL-callable function per type for an operation implemented by
 * quantity_<op>(fcinfo, qt): the entry point fixes which type's name and
 * units appear in messages.
 */
#define QUANTITY_ENTRY_POINT(type, op) \
	PG_FUNCTION_INFO_V1(greenattr_##type##_##op); \
	Datum \
	greenattr_##type##_##op(PG_FUNCTION_ARGS) \
	{ \
		return quantity_##op(fcinfo, &quantity_##type); \
	}

#define QUANTITY_ENTRY_POINTS(op) \
	QUANTITY_ENTRY_POINT(co2e, op) \
	QUANTITY_ENTRY_POINT(energy, op) \
	QUANTITY_ENTRY_POINT(emission_factor, op)

#endif							/* GREENATTR_QUANTITY_H */
