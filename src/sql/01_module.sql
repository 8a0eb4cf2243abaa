CREATE FUNCTION @extschema@.openssl_version() RETURNS text
	AS 'MODULE_PATHNAME', 'greenattr_openssl_version'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.openssl_version() IS
	'Version of the OpenSSL library the greenattr module is linked with (used for journal hashes)';
