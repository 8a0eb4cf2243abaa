-- The exact quantity types co2e, energy and emission_factor (src/quantity*.c).
-- Each is an int64 count of a base unit (gram, watt-hour, g/MWh) passed by value:
-- 8 bytes fit a Datum on every 64-bit platform, so values need no palloc and
-- sorts and aggregates stay cheap.  Text input is exact (see quantity_parse.c);
-- binary I/O is the int64 in base units, big-endian.

CREATE TYPE @extschema@.co2e;
CREATE FUNCTION @extschema@.co2e_in(cstring) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_out(@extschema@.co2e) RETURNS cstring
	AS 'MODULE_PATHNAME', 'greenattr_co2e_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_recv(internal) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_quantity_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_send(@extschema@.co2e) RETURNS bytea
	AS 'MODULE_PATHNAME', 'greenattr_quantity_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.co2e (
	INPUT = @extschema@.co2e_in,
	OUTPUT = @extschema@.co2e_out,
	RECEIVE = @extschema@.co2e_recv,
	SEND = @extschema@.co2e_send,
	INTERNALLENGTH = 8,
	PASSEDBYVALUE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.co2e IS 'mass of CO2-equivalent, exact to the gram; canonical unit tCO2e';

CREATE TYPE @extschema@.energy;
CREATE FUNCTION @extschema@.energy_in(cstring) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_out(@extschema@.energy) RETURNS cstring
	AS 'MODULE_PATHNAME', 'greenattr_energy_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_recv(internal) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_quantity_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_send(@extschema@.energy) RETURNS bytea
	AS 'MODULE_PATHNAME', 'greenattr_quantity_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.energy (
	INPUT = @extschema@.energy_in,
	OUTPUT = @extschema@.energy_out,
	RECEIVE = @extschema@.energy_recv,
	SEND = @extschema@.energy_send,
	INTERNALLENGTH = 8,
	PASSEDBYVALUE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.energy IS 'energy, exact to the watt-hour; canonical unit MWh';

CREATE TYPE @extschema@.emission_factor;
CREATE FUNCTION @extschema@.emission_factor_in(cstring) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_out(@extschema@.emission_factor) RETURNS cstring
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_recv(internal) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_quantity_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_send(@extschema@.emission_factor) RETURNS bytea
	AS 'MODULE_PATHNAME', 'greenattr_quantity_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.emission_factor (
	INPUT = @extschema@.emission_factor_in,
	OUTPUT = @extschema@.emission_factor_out,
	RECEIVE = @extschema@.emission_factor_recv,
	SEND = @extschema@.emission_factor_send,
	INTERNALLENGTH = 8,
	PASSEDBYVALUE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.emission_factor IS 'CO2-equivalent mass per energy, exact to the g/MWh; canonical unit tCO2e/MWh';
