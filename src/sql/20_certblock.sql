-- certblock: a block of consecutive serial numbers (units) of one numbering space of one
-- scheme.  Type, constructor, accessors, operators, btree and hash opclasses.
-- Canonical text form: SCHEME:space:first-last (single unit: SCHEME:space:n).

CREATE TYPE @extschema@.certblock;

CREATE FUNCTION @extschema@.certblock_in(cstring) RETURNS @extschema@.certblock
	AS 'MODULE_PATHNAME', 'certblock_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_out(@extschema@.certblock) RETURNS cstring
	AS 'MODULE_PATHNAME', 'certblock_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_recv(internal) RETURNS @extschema@.certblock
	AS 'MODULE_PATHNAME', 'certblock_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_send(@extschema@.certblock) RETURNS bytea
	AS 'MODULE_PATHNAME', 'certblock_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- PLAIN storage: values are small (at most ~100 bytes) and are read in place.
CREATE TYPE @extschema@.certblock (
	INTERNALLENGTH = VARIABLE,
	INPUT = @extschema@.certblock_in,
	OUTPUT = @extschema@.certblock_out,
	RECEIVE = @extschema@.certblock_recv,
	SEND = @extschema@.certblock_send,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.certblock IS
	'Block of consecutive unit serial numbers of one scheme and numbering space: SCHEME:space:first-last';

CREATE FUNCTION @extschema@.certblock(scheme text, space text, first bigint, last bigint)
	RETURNS @extschema@.certblock
	AS 'MODULE_PATHNAME', 'certblock_construct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.certblock(text, text, bigint, bigint) IS
	'Block of units first..last (inclusive) of a scheme''s numbering space';

CREATE FUNCTION @extschema@.scheme(@extschema@.certblock) RETURNS text
	AS 'MODULE_PATHNAME', 'certblock_scheme' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.space(@extschema@.certblock) RETURNS text
	AS 'MODULE_PATHNAME', 'certblock_space' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_unit(@extschema@.certblock) RETURNS bigint
	AS 'MODULE_PATHNAME', 'certblock_first_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.last_unit(@extschema@.certblock) RETURNS bigint
	AS 'MODULE_PATHNAME', 'certblock_last_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.units(@extschema@.certblock) RETURNS bigint
	AS 'MODULE_PATHNAME', 'certblock_units' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scheme(@extschema@.certblock) IS 'Scheme (registry or programme) code of a block';
COMMENT ON FUNCTION @extschema@.space(@extschema@.certblock) IS 'Numbering space of a block (empty where the scheme numbers globally)';
COMMENT ON FUNCTION @extschema@.first_unit(@extschema@.certblock) IS 'First unit number of a block';
COMMENT ON FUNCTION @extschema@.last_unit(@extschema@.certblock) IS 'Last unit number of a block (inclusive)';
COMMENT ON FUNCTION @extschema@.units(@extschema@.certblock) IS 'Number of units in a block: last - first + 1';

-- Comparison: the total order (scheme, space, first, last).
CREATE FUNCTION @extschema@.certblock_eq(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_ne(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_lt(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_le(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gt(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_ge(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_cmp(@extschema@.certblock, @extschema@.certblock) RETURNS integer
	AS 'MODULE_PATHNAME', 'certblock_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_hash(@extschema@.certblock) RETURNS integer
	AS 'MODULE_PATHNAME', 'certblock_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_hash_extended(@extschema@.certblock, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'certblock_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.certblock_btree_ops
	DEFAULT FOR TYPE @extschema@.certblock USING btree AS
	OPERATOR 1 @extschema@.<,
	OPERATOR 2 @extschema@.<=,
	OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=,
	OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.certblock_cmp(@extschema@.certblock, @extschema@.certblock);

CREATE OPERATOR CLASS @extschema@.certblock_hash_ops
	DEFAULT FOR TYPE @extschema@.certblock USING hash AS
	OPERATOR 1 @extschema@.=,
	FUNCTION 1 @extschema@.certblock_hash(@extschema@.certblock),
	FUNCTION 2 @extschema@.certblock_hash_extended(@extschema@.certblock, bigint);

-- Interval operators.  Blocks of different schemes or spaces never overlap,
-- contain, touch or precede one another.
CREATE FUNCTION @extschema@.certblock_overlaps(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_overlaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_contains(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_contained_by(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_contained_by' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_contains_unit(@extschema@.certblock, bigint) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_contains_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_unit_contained_by(bigint, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_unit_contained_by' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_adjacent(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_adjacent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_before(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_before' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_after(@extschema@.certblock, @extschema@.certblock) RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_after' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_merge(@extschema@.certblock, @extschema@.certblock)
	RETURNS @extschema@.certblock
	AS 'MODULE_PATHNAME', 'certblock_merge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_minus(@extschema@.certblock, @extschema@.certblock)
	RETURNS @extschema@.certblock
	AS 'MODULE_PATHNAME', 'certblock_minus' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_overlaps, COMMUTATOR = OPERATOR(@extschema@.&&),
	RESTRICT = areasel, JOIN = areajoinsel
);
CREATE OPERATOR @extschema@.@> (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_contains, COMMUTATOR = OPERATOR(@extschema@.<@),
	RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.<@ (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_contained_by, COMMUTATOR = OPERATOR(@extschema@.@>),
	RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.@> (
	LEFTARG = @extschema@.certblock, RIGHTARG = bigint,
	FUNCTION = @extschema@.certblock_contains_unit, COMMUTATOR = OPERATOR(@extschema@.<@),
	RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.<@ (
	LEFTARG = bigint, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_unit_contained_by, COMMUTATOR = OPERATOR(@extschema@.@>),
	RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.-|- (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_adjacent, COMMUTATOR = OPERATOR(@extschema@.-|-),
	RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.<< (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_before, COMMUTATOR = OPERATOR(@extschema@.>>),
	RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.>> (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_after, COMMUTATOR = OPERATOR(@extschema@.<<),
	RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_merge, COMMUTATOR = OPERATOR(@extschema@.+)
);
CREATE OPERATOR @extschema@.- (
	LEFTARG = @extschema@.certblock, RIGHTARG = @extschema@.certblock,
	FUNCTION = @extschema@.certblock_minus
);

CREATE FUNCTION @extschema@.split(b @extschema@.certblock, n bigint,
		OUT head @extschema@.certblock, OUT tail @extschema@.certblock)
	AS 'MODULE_PATHNAME', 'certblock_split' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.split(@extschema@.certblock, bigint) IS
	'The first n units of a block (head) and the rest (tail); 1 <= n < units(b)';

-- merge_blocks(certblock) -> certblock[]: the fewest blocks covering the same units.
CREATE FUNCTION @extschema@.certblock_merge_transfn(internal, @extschema@.certblock) RETURNS internal
	AS 'MODULE_PATHNAME', 'certblock_merge_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_merge_finalfn(internal) RETURNS @extschema@.certblock[]
	AS 'MODULE_PATHNAME', 'certblock_merge_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.merge_blocks(@extschema@.certblock) (
	SFUNC = @extschema@.certblock_merge_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.certblock_merge_finalfn
);
COMMENT ON AGGREGATE @extschema@.merge_blocks(@extschema@.certblock) IS
	'Fewest blocks covering the units of the input blocks (overlapping and adjacent blocks merged), sorted';
