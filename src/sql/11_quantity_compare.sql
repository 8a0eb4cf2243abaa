-- Comparison operators and the btree and hash operator classes of the quantity
-- types.  The C functions are shared by the three types (an int64 each); they
-- cannot raise an error, hence LEAKPROOF.

-- co2e
CREATE FUNCTION @extschema@.co2e_eq(@extschema@.co2e, @extschema@.co2e) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_eq' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_ne(@extschema@.co2e, @extschema@.co2e) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ne' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_lt(@extschema@.co2e, @extschema@.co2e) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_lt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_le(@extschema@.co2e, @extschema@.co2e) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_le' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_gt(@extschema@.co2e, @extschema@.co2e) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_gt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_ge(@extschema@.co2e, @extschema@.co2e) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ge' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.co2e, RIGHTARG = @extschema@.co2e, FUNCTION = @extschema@.co2e_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE FUNCTION @extschema@.co2e_cmp(@extschema@.co2e, @extschema@.co2e) RETURNS integer
	AS 'MODULE_PATHNAME', 'greenattr_quantity_cmp' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_hash(@extschema@.co2e) RETURNS integer
	AS 'MODULE_PATHNAME', 'greenattr_quantity_hash' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.co2e_hash_extended(@extschema@.co2e, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'greenattr_quantity_hash_extended' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE OPERATOR CLASS @extschema@.co2e_ops DEFAULT FOR TYPE @extschema@.co2e USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.co2e_cmp(@extschema@.co2e, @extschema@.co2e),
	FUNCTION 2 @extschema@.co2e_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.co2e_hash_ops DEFAULT FOR TYPE @extschema@.co2e USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.co2e_hash(@extschema@.co2e),
	FUNCTION 2 @extschema@.co2e_hash_extended(@extschema@.co2e, bigint);

-- energy
CREATE FUNCTION @extschema@.energy_eq(@extschema@.energy, @extschema@.energy) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_eq' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_ne(@extschema@.energy, @extschema@.energy) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ne' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_lt(@extschema@.energy, @extschema@.energy) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_lt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_le(@extschema@.energy, @extschema@.energy) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_le' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_gt(@extschema@.energy, @extschema@.energy) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_gt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_ge(@extschema@.energy, @extschema@.energy) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ge' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.energy, RIGHTARG = @extschema@.energy, FUNCTION = @extschema@.energy_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE FUNCTION @extschema@.energy_cmp(@extschema@.energy, @extschema@.energy) RETURNS integer
	AS 'MODULE_PATHNAME', 'greenattr_quantity_cmp' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_hash(@extschema@.energy) RETURNS integer
	AS 'MODULE_PATHNAME', 'greenattr_quantity_hash' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.energy_hash_extended(@extschema@.energy, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'greenattr_quantity_hash_extended' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE OPERATOR CLASS @extschema@.energy_ops DEFAULT FOR TYPE @extschema@.energy USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.energy_cmp(@extschema@.energy, @extschema@.energy),
	FUNCTION 2 @extschema@.energy_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.energy_hash_ops DEFAULT FOR TYPE @extschema@.energy USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.energy_hash(@extschema@.energy),
	FUNCTION 2 @extschema@.energy_hash_extended(@extschema@.energy, bigint);

-- emission_factor
CREATE FUNCTION @extschema@.emission_factor_eq(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_eq' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_ne(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ne' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_lt(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_lt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_le(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_le' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_gt(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_gt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_ge(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_quantity_ge' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
	HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.emission_factor, RIGHTARG = @extschema@.emission_factor, FUNCTION = @extschema@.emission_factor_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE FUNCTION @extschema@.emission_factor_cmp(@extschema@.emission_factor, @extschema@.emission_factor) RETURNS integer
	AS 'MODULE_PATHNAME', 'greenattr_quantity_cmp' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_quantity_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_hash(@extschema@.emission_factor) RETURNS integer
	AS 'MODULE_PATHNAME', 'greenattr_quantity_hash' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE FUNCTION @extschema@.emission_factor_hash_extended(@extschema@.emission_factor, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'greenattr_quantity_hash_extended' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
CREATE OPERATOR CLASS @extschema@.emission_factor_ops DEFAULT FOR TYPE @extschema@.emission_factor USING btree AS
	OPERATOR 1 @extschema@.< ,
	OPERATOR 2 @extschema@.<= ,
	OPERATOR 3 @extschema@.= ,
	OPERATOR 4 @extschema@.>= ,
	OPERATOR 5 @extschema@.> ,
	FUNCTION 1 @extschema@.emission_factor_cmp(@extschema@.emission_factor, @extschema@.emission_factor),
	FUNCTION 2 @extschema@.emission_factor_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.emission_factor_hash_ops DEFAULT FOR TYPE @extschema@.emission_factor USING hash AS
	OPERATOR 1 @extschema@.= ,
	FUNCTION 1 @extschema@.emission_factor_hash(@extschema@.emission_factor),
	FUNCTION 2 @extschema@.emission_factor_hash_extended(@extschema@.emission_factor, bigint);
