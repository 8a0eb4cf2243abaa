-- Registry serial numbers (Verra, Gold Standard, Climate Action Reserve, American
-- Carbon Registry) read into certblocks and written back in the registry's style.

CREATE FUNCTION @extschema@.parse_serial(serial text) RETURNS @extschema@.certblock
	AS 'MODULE_PATHNAME', 'greenattr_parse_serial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_serial(text) IS
	'Block of a registry serial number (Verra, Gold Standard, CAR, ACR) or of the canonical certblock form';

CREATE FUNCTION @extschema@.format_serial(b @extschema@.certblock, template text) RETURNS text
	AS 'MODULE_PATHNAME', 'greenattr_format_serial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.format_serial(@extschema@.certblock, text) IS
	'Serial number the registry prints for a block, from a serial of the same issuance as template';
