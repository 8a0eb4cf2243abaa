-- certblock GiST support: the default operator class, used by
-- EXCLUDE USING gist (b WITH &&) to forbid double-issued units.
-- Index keys are fixed-size intervals over (hash of scheme+space, unit number);
-- src/certblock_gist.c explains why that is exact after the heap recheck.

CREATE TYPE @extschema@.certblock_gistkey;
CREATE FUNCTION @extschema@.certblock_gistkey_in(cstring) RETURNS @extschema@.certblock_gistkey
	AS 'MODULE_PATHNAME', 'certblock_gistkey_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gistkey_out(@extschema@.certblock_gistkey) RETURNS cstring
	AS 'MODULE_PATHNAME', 'certblock_gistkey_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.certblock_gistkey (
	INTERNALLENGTH = 32,
	INPUT = @extschema@.certblock_gistkey_in,
	OUTPUT = @extschema@.certblock_gistkey_out,
	ALIGNMENT = double
);
COMMENT ON TYPE @extschema@.certblock_gistkey IS 'GiST index key of certblock (internal)';

CREATE FUNCTION @extschema@.certblock_gist_consistent(internal, @extschema@.certblock, smallint, oid, internal)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'certblock_gist_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gist_union(internal, internal) RETURNS @extschema@.certblock_gistkey
	AS 'MODULE_PATHNAME', 'certblock_gist_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gist_compress(internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'certblock_gist_compress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gist_penalty(internal, internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'certblock_gist_penalty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gist_picksplit(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'certblock_gist_picksplit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gist_same(@extschema@.certblock_gistkey, @extschema@.certblock_gistkey, internal)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'certblock_gist_same' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.certblock_gist_sortsupport(internal) RETURNS void
	AS 'MODULE_PATHNAME', 'certblock_gist_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR CLASS @extschema@.certblock_gist_ops
	DEFAULT FOR TYPE @extschema@.certblock USING gist AS
	OPERATOR 3 @extschema@.&& (@extschema@.certblock, @extschema@.certblock),
	OPERATOR 6 @extschema@.= (@extschema@.certblock, @extschema@.certblock),
	OPERATOR 7 @extschema@.@> (@extschema@.certblock, @extschema@.certblock),
	OPERATOR 8 @extschema@.<@ (@extschema@.certblock, @extschema@.certblock),
	FUNCTION 1 @extschema@.certblock_gist_consistent(internal, @extschema@.certblock, smallint, oid, internal),
	FUNCTION 2 @extschema@.certblock_gist_union(internal, internal),
	FUNCTION 3 @extschema@.certblock_gist_compress(internal),
	FUNCTION 5 @extschema@.certblock_gist_penalty(internal, internal, internal),
	FUNCTION 6 @extschema@.certblock_gist_picksplit(internal, internal),
	FUNCTION 7 @extschema@.certblock_gist_same(@extschema@.certblock_gistkey, @extschema@.certblock_gistkey, internal),
	STORAGE @extschema@.certblock_gistkey;

-- Sorted index builds (support function 11) exist from PostgreSQL 14 on; 13 builds
-- by repeated insertion and would refuse the function number.
DO $$
BEGIN
	IF pg_catalog.current_setting('server_version_num')::integer >= 140000 THEN
		EXECUTE 'ALTER OPERATOR FAMILY @extschema@.certblock_gist_ops USING gist ADD '
			'FUNCTION 11 (@extschema@.certblock, @extschema@.certblock) '
			'@extschema@.certblock_gist_sortsupport(internal)';
	END IF;
END $$;
