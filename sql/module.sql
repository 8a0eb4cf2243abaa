-- The module loads and is linked with OpenSSL 3.
SELECT greenattr.openssl_version() ~ '^OpenSSL 3\.' AS linked_with_openssl3;
-- The extension lives in its own schema and is not relocatable.
SELECT extname, extnamespace::regnamespace, extrelocatable FROM pg_extension WHERE extname = 'greenattr';
