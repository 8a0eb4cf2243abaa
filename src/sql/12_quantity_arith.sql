-- Arithmetic on the quantity types (quantity_arith.c): + and - within a type,
-- * and / by bigint, numeric and double precision, ratios of two quantities of
-- one type, and energy x emission_factor = co2e with its inverses.  Products and
-- quotients round half away from zero to the resolution; results that do not
-- fit raise 22003, zero divisors 22012.

-- co2e
CREATE FUNCTION @extschema@.co2e_add(@extschema@.co2e, @extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_sub(@extschema@.co2e, @extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_sub' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_neg(@extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_neg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_pos(@extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_quantity_pos' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_ratio(@extschema@.co2e, @extschema@.co2e) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_mul_int8(@extschema@.co2e, bigint) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int8_mul_co2e(bigint, @extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_int8_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_div_int8(@extschema@.co2e, bigint) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_mul_numeric(@extschema@.co2e, numeric) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_mul_co2e(numeric, @extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_numeric_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_div_numeric(@extschema@.co2e, numeric) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_mul_float8(@extschema@.co2e, double precision) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_mul_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.float8_mul_co2e(double precision, @extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_float8_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_div_float8(@extschema@.co2e, double precision) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_div_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_add,
	COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_sub);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_neg);
CREATE OPERATOR @extschema@.+ (RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_pos);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_ratio);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.co2e, RIGHTARG = bigint, FUNCTION = @extschema@.co2e_mul_int8,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = bigint, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.int8_mul_co2e,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.co2e, RIGHTARG = bigint, FUNCTION = @extschema@.co2e_div_int8);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.co2e, RIGHTARG = numeric, FUNCTION = @extschema@.co2e_mul_numeric,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = numeric, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.numeric_mul_co2e,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.co2e, RIGHTARG = numeric, FUNCTION = @extschema@.co2e_div_numeric);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.co2e, RIGHTARG = double precision, FUNCTION = @extschema@.co2e_mul_float8,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = double precision, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.float8_mul_co2e,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.co2e, RIGHTARG = double precision, FUNCTION = @extschema@.co2e_div_float8);

-- energy
CREATE FUNCTION @extschema@.energy_add(@extschema@.energy, @extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_sub(@extschema@.energy, @extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_sub' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_neg(@extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_neg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_pos(@extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_quantity_pos' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_ratio(@extschema@.energy, @extschema@.energy) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_mul_int8(@extschema@.energy, bigint) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int8_mul_energy(bigint, @extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_int8_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_div_int8(@extschema@.energy, bigint) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_mul_numeric(@extschema@.energy, numeric) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_mul_energy(numeric, @extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_numeric_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_div_numeric(@extschema@.energy, numeric) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_mul_float8(@extschema@.energy, double precision) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_mul_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.float8_mul_energy(double precision, @extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_float8_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_div_float8(@extschema@.energy, double precision) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_div_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_add,
	COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_sub);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_neg);
CREATE OPERATOR @extschema@.+ (RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_pos);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_ratio);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.energy, RIGHTARG = bigint, FUNCTION = @extschema@.energy_mul_int8,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = bigint, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.int8_mul_energy,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.energy, RIGHTARG = bigint, FUNCTION = @extschema@.energy_div_int8);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.energy, RIGHTARG = numeric, FUNCTION = @extschema@.energy_mul_numeric,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = numeric, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.numeric_mul_energy,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.energy, RIGHTARG = numeric, FUNCTION = @extschema@.energy_div_numeric);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.energy, RIGHTARG = double precision, FUNCTION = @extschema@.energy_mul_float8,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = double precision, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.float8_mul_energy,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.energy, RIGHTARG = double precision, FUNCTION = @extschema@.energy_div_float8);

-- emission_factor
CREATE FUNCTION @extschema@.emission_factor_add(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_sub(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_sub' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_neg(@extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_neg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_pos(@extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_quantity_pos' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_ratio(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS numeric
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_mul_int8(@extschema@.emission_factor, bigint) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int8_mul_emission_factor(bigint, @extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_int8_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_div_int8(@extschema@.emission_factor, bigint) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_mul_numeric(@extschema@.emission_factor, numeric) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_mul_emission_factor(numeric, @extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_numeric_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_div_numeric(@extschema@.emission_factor, numeric) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_mul_float8(@extschema@.emission_factor, double precision) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_mul_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.float8_mul_emission_factor(double precision, @extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_float8_mul' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_div_float8(@extschema@.emission_factor, double precision) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_div_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_add,
	COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_sub);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_neg);
CREATE OPERATOR @extschema@.+ (RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_pos);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_ratio);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.emission_factor, RIGHTARG = bigint, FUNCTION = @extschema@.emission_factor_mul_int8,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = bigint, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.int8_mul_emission_factor,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.emission_factor, RIGHTARG = bigint, FUNCTION = @extschema@.emission_factor_div_int8);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.emission_factor, RIGHTARG = numeric, FUNCTION = @extschema@.emission_factor_mul_numeric,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = numeric, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.numeric_mul_emission_factor,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.emission_factor, RIGHTARG = numeric, FUNCTION = @extschema@.emission_factor_div_numeric);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.emission_factor, RIGHTARG = double precision, FUNCTION = @extschema@.emission_factor_mul_float8,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = double precision, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.float8_mul_emission_factor,
	COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.emission_factor, RIGHTARG = double precision, FUNCTION = @extschema@.emission_factor_div_float8);

-- across types: Wh x g/MWh = g, g / Wh = g/MWh, g / (g/MWh) = Wh
CREATE FUNCTION @extschema@.energy_mul_emission_factor(@extschema@.energy, @extschema@.emission_factor) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_energy_mul_emission_factor' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_mul_energy(@extschema@.emission_factor, @extschema@.energy) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_mul_energy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_div_energy(@extschema@.co2e, @extschema@.energy) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_co2e_div_energy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_div_emission_factor(@extschema@.co2e, @extschema@.emission_factor) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_co2e_div_emission_factor' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.emission_factor,
	FUNCTION = @extschema@.energy_mul_emission_factor, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.energy,
	FUNCTION = @extschema@.emission_factor_mul_energy, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.co2e_div_energy);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.co2e_div_emission_factor);
