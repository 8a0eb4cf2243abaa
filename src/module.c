/*
 * module.c: the extension's module magic and build facts.
 */
#include "greenattr.h"

#include <openssl/crypto.h>

#include "utils/builtins.h"

PG_MODULE_MAGIC;

/*
 * The OpenSSL library the module was linked with (the journal hashes with it);
 * reported so a DBA can check what a server actually loaded.
 */
PG_FUNCTION_INFO_V1(greenattr_openssl_version);
Datum
greenattr_openssl_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(OpenSSL_version(OPENSSL_VERSION)));
}
