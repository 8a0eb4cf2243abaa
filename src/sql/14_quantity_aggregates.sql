-- sum, avg, min and max over the quantity types (quantity_agg.c, quantity_cmp.c).
-- sum and avg keep an exact int128 total and a count in an internal state with
-- combine, serialize and deserialize functions: parallel safe.  sum fails only
-- when the final total does not fit; avg rounds half away from zero.
CREATE FUNCTION @extschema@.quantity_sum_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sum_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quantity_sum_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sum_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.quantity_sum_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sum_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- co2e
CREATE FUNCTION @extschema@.co2e_sum_accum(internal, @extschema@.co2e) RETURNS internal
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sum_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_sum_final(internal) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_sum_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_avg_final(internal) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_co2e_avg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_smaller(@extschema@.co2e, @extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_quantity_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_larger(@extschema@.co2e, @extschema@.co2e) RETURNS @extschema@.co2e
	AS 'MODULE_PATHNAME', 'greenattr_quantity_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.sum(@extschema@.co2e) (
	SFUNC = @extschema@.co2e_sum_accum, STYPE = internal, SSPACE = 24,
	FINALFUNC = @extschema@.co2e_sum_final,
	COMBINEFUNC = @extschema@.quantity_sum_combine,
	SERIALFUNC = @extschema@.quantity_sum_serialize, DESERIALFUNC = @extschema@.quantity_sum_deserialize,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.avg(@extschema@.co2e) (
	SFUNC = @extschema@.co2e_sum_accum, STYPE = internal, SSPACE = 24,
	FINALFUNC = @extschema@.co2e_avg_final,
	COMBINEFUNC = @extschema@.quantity_sum_combine,
	SERIALFUNC = @extschema@.quantity_sum_serialize, DESERIALFUNC = @extschema@.quantity_sum_deserialize,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.min(@extschema@.co2e) (
	SFUNC = @extschema@.co2e_smaller, STYPE = @extschema@.co2e, COMBINEFUNC = @extschema@.co2e_smaller,
	SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.co2e) (
	SFUNC = @extschema@.co2e_larger, STYPE = @extschema@.co2e, COMBINEFUNC = @extschema@.co2e_larger,
	SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE
);

-- energy
CREATE FUNCTION @extschema@.energy_sum_accum(internal, @extschema@.energy) RETURNS internal
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sum_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_sum_final(internal) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_sum_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_avg_final(internal) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_energy_avg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_smaller(@extschema@.energy, @extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_quantity_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_larger(@extschema@.energy, @extschema@.energy) RETURNS @extschema@.energy
	AS 'MODULE_PATHNAME', 'greenattr_quantity_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.sum(@extschema@.energy) (
	SFUNC = @extschema@.energy_sum_accum, STYPE = internal, SSPACE = 24,
	FINALFUNC = @extschema@.energy_sum_final,
	COMBINEFUNC = @extschema@.quantity_sum_combine,
	SERIALFUNC = @extschema@.quantity_sum_serialize, DESERIALFUNC = @extschema@.quantity_sum_deserialize,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.avg(@extschema@.energy) (
	SFUNC = @extschema@.energy_sum_accum, STYPE = internal, SSPACE = 24,
	FINALFUNC = @extschema@.energy_avg_final,
	COMBINEFUNC = @extschema@.quantity_sum_combine,
	SERIALFUNC = @extschema@.quantity_sum_serialize, DESERIALFUNC = @extschema@.quantity_sum_deserialize,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.min(@extschema@.energy) (
	SFUNC = @extschema@.energy_smaller, STYPE = @extschema@.energy, COMBINEFUNC = @extschema@.energy_smaller,
	SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.energy) (
	SFUNC = @extschema@.energy_larger, STYPE = @extschema@.energy, COMBINEFUNC = @extschema@.energy_larger,
	SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE
);

-- emission_factor
CREATE FUNCTION @extschema@.emission_factor_sum_accum(internal, @extschema@.emission_factor) RETURNS internal
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sum_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_sum_final(internal) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_sum_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_avg_final(internal) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_emission_factor_avg_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_smaller(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_quantity_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_larger(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS @extschema@.emission_factor
	AS 'MODULE_PATHNAME', 'greenattr_quantity_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.sum(@extschema@.emission_factor) (
	SFUNC = @extschema@.emission_factor_sum_accum, STYPE = internal, SSPACE = 24,
	FINALFUNC = @extschema@.emission_factor_sum_final,
	COMBINEFUNC = @extschema@.quantity_sum_combine,
	SERIALFUNC = @extschema@.quantity_sum_serialize, DESERIALFUNC = @extschema@.quantity_sum_deserialize,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.avg(@extschema@.emission_factor) (
	SFUNC = @extschema@.emission_factor_sum_accum, STYPE = internal, SSPACE = 24,
	FINALFUNC = @extschema@.emission_factor_avg_final,
	COMBINEFUNC = @extschema@.quantity_sum_combine,
	SERIALFUNC = @extschema@.quantity_sum_serialize, DESERIALFUNC = @extschema@.quantity_sum_deserialize,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.min(@extschema@.emission_factor) (
	SFUNC = @extschema@.emission_factor_smaller, STYPE = @extschema@.emission_factor, COMBINEFUNC = @extschema@.emission_factor_smaller,
	SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.emission_factor) (
	SFUNC = @extschema@.emission_factor_larger, STYPE = @extschema@.emission_factor, COMBINEFUNC = @extschema@.emission_factor_larger,
	SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE
);
