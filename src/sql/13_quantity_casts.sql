-- Casts between the quantity types and numeric, in the canonical units
-- (t, MWh, t/MWh) (quantity_cast.c).  To numeric is exact and allowed in
-- assignments; from numeric is explicit only and rejects what text input
-- rejects (finer than the resolution, out of range, NaN, infinities).

CREATE FUNCTION @extschema@.co2e_to_numeric(@extschema@.co2e) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_to_co2e(numeric) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.co2e AS numeric) WITH FUNCTION @extschema@.co2e_to_numeric(@extschema@.co2e) AS ASSIGNMENT;
CREATE CAST (numeric AS @extschema@.co2e) WITH FUNCTION @extschema@.numeric_to_co2e(numeric);

CREATE FUNCTION @extschema@.energy_to_numeric(@extschema@.energy) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_to_energy(numeric) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.energy AS numeric) WITH FUNCTION @extschema@.energy_to_numeric(@extschema@.energy) AS ASSIGNMENT;
CREATE CAST (numeric AS @extschema@.energy) WITH FUNCTION @extschema@.numeric_to_energy(numeric);

CREATE FUNCTION @extschema@.emission_factor_to_numeric(@extschema@.emission_factor) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_to_emission_factor(numeric) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.emission_factor AS numeric) WITH FUNCTION @extschema@.emission_factor_to_numeric(@extschema@.emission_factor) AS ASSIGNMENT;
CREATE CAST (numeric AS @extschema@.emission_factor) WITH FUNCTION @extschema@.numeric_to_emission_factor(numeric);

-- Accessors: the value in tonnes, in MWh, and in tonnes of standard coal equivalent.
CREATE FUNCTION @extschema@.tonnes(@extschema@.co2e) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mwh(@extschema@.energy) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tce(@extschema@.energy) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_energy_tce' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tonnes(@extschema@.co2e) IS 'The mass in tonnes CO2e, exactly';
COMMENT ON FUNCTION @extschema@.mwh(@extschema@.energy) IS 'The energy in MWh, exactly';
COMMENT ON FUNCTION @extschema@.tce(@extschema@.energy) IS 'The energy in tonnes of standard coal equivalent (1 tce = 8141 kWh), at numeric division precision';
