/*
 * quantity_units.c: the units each quantity type accepts on input, and the
 * texts (hints, details) that describe them.  This file is the single
 * statement of what is accepted; the README copies it.
 *
 * Units are case-sensitive: "Mt" is a megatonne, while "mt" (which some read
 * as "metric tonne") and "MT" are rejected as ambiguous, as is "tonnes".
 */
#include "greenattr.h"

#include "quantity.h"

/* Mass, in grams.  co2e accepts all of them, emission_factor the first three. */
static const QuantityUnit mass_units[] = {
	{"g", 1, 0},
	{"kg", 1, 3},
	{"t", 1, 6},
	{"kt", 1, 9},
	{"Mt", 1, 12},
	{"Gt", 1, 15},
};
#define EF_MASS_UNITS 3

/* Energy, in Wh.  1 tce = 8141 kWh (29.3076 GJ), so 1 kgce = 8141 Wh. */
static const QuantityUnit energy_units[] = {
	{"Wh", 1, 0},
	{"kWh", 1, 3},
	{"MWh", 1, 6},
	{"GWh", 1, 9},
	{"TWh", 1, 12},
	{"kgce", 8141, 0},
	{"tce", 8141, 3},
};

/* The energy denominators of an emission factor, in Wh. */
static const QuantityUnit ef_energy_units[] = {
	{"kWh", 1, 3},
	{"MWh", 1, 6},
};

/*
 * A mass unit from the first nunits of mass_units, optionally glued to the
 * suffix CO2 or CO2e ("tCO2e", "ktCO2"), occupying exactly len bytes of unit.
 */
static bool
LookupMass(const char *unit, size_t len, int nunits, QuantityUnit *result)
{
	for (int i = 0; i < nunits; i++)
	{
		size_t		n = strlen(mass_units[i].name);
		size_t		rest;

		if (n > len || strncmp(unit, mass_units[i].name, n) != 0)
			continue;
		rest = len - n;
		if (rest == 0 ||
			(rest == 3 && strncmp(unit + n, "CO2", 3) == 0) ||
			(rest == 4 && strncmp(unit + n, "CO2e", 4) == 0))
		{
			*result = mass_units[i];
			return true;
		}
	}
	return false;
}

static bool
LookupTable(const char *unit, const QuantityUnit *table, int n, QuantityUnit *result)
{
	for (int i = 0; i < n; i++)
	{
		if (strcmp(unit, table[i].name) == 0)
		{
			*result = table[i];
			return true;
		}
	}
	return false;
}

bool
quantity_lookup_co2e_unit(const char *unit, QuantityUnit *result)
{
	return LookupMass(unit, strlen(unit), lengthof(mass_units), result);
}

bool
quantity_lookup_energy_unit(const char *unit, QuantityUnit *result)
{
	return LookupTable(unit, energy_units, lengthof(energy_units), result);
}

/*
 * mass/energy with no spaces: g, kg or t (each optionally + CO2 or CO2e),
 * then '/', then kWh or MWh.  In g/MWh: mass 10^m g over energy 10^e Wh is
 * 10^(m - e + 6) g/MWh (t/MWh = 10^6, g/kWh = kg/MWh = 10^3, kg/kWh = 10^6).
 */
bool
quantity_lookup_emission_factor_unit(const char *unit, QuantityUnit *result)
{
	const char *slash = strchr(unit, '/');
	QuantityUnit mass;
	QuantityUnit energy;

	if (slash == NULL ||
		!LookupMass(unit, slash - unit, EF_MASS_UNITS, &mass) ||
		!LookupTable(slash + 1, ef_energy_units, lengthof(ef_energy_units), &energy))
		return false;
	result->name = unit;
	result->mult = 1;
	result->pow10 = mass.pow10 - energy.pow10 + 6;
	return true;
}

const QuantityType quantity_co2e = {
	.name = "co2e",
	.unit = "tCO2e",
	.lookup_unit = quantity_lookup_co2e_unit,
	.bare_unit = "t",
	.units_hint = "Write a number followed by one of the units g, kg, t, kt, Mt or Gt, "
	"optionally followed by CO2 or CO2e without a space (for example \"1.5 tCO2e\"); "
	"a number without a unit is taken in tonnes. Units are case-sensitive.",
	.resolution_detail = "Values of type co2e are stored to the whole gram (0.000001 t).",
};

const QuantityType quantity_energy = {
	.name = "energy",
	.unit = "MWh",
	.lookup_unit = quantity_lookup_energy_unit,
	.bare_unit = "MWh",
	.units_hint = "Write a number followed by one of the units Wh, kWh, MWh, GWh, TWh, "
	"kgce or tce (for example \"2.5 MWh\"); a number without a unit is taken in MWh. "
	"Units are case-sensitive.",
	.resolution_detail = "Values of type energy are stored to the whole watt-hour (0.000001 MWh).",
};

const QuantityType quantity_emission_factor = {
	.name = "emission_factor",
	.unit = "tCO2e/MWh",
	.lookup_unit = quantity_lookup_emission_factor_unit,
	.bare_unit = "t/MWh",
	.units_hint = "Write a number followed by a unit mass/energy without spaces, where mass is "
	"g, kg or t, optionally followed by CO2 or CO2e, and energy is kWh or MWh "
	"(for example \"0.6565 tCO2e/MWh\"); a number without a unit is taken in t/MWh. "
	"Units are case-sensitive.",
	.resolution_detail = "Values of type emission_factor are stored to the whole g/MWh (0.000001 t/MWh).",
};
