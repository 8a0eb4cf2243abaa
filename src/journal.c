/*
 * journal.c: the hash chain of the registry journal.
 *
 * Every journal row is sealed (at commit, by the trigger in
 * src/sql/91_security_journal.sql) with
 *
 *     hash = SHA-256(previous hash || canonical serialization of the entry)
 *
 * The serialization is fixed here, in C, so that it does not depend on any
 * session setting (DateStyle, TimeZone, extra_float_digits, bytea_output):
 *
 *     "greenattr-journal-v1" 0x00
 *     then, for each field in order
 *         seq, id, at, actor, verb, block, from_account, to_account, detail
 *     one byte 0x00 if the field is NULL, else 0x01 followed by
 *         bigint fields:   8 bytes, big-endian two's complement
 *         at:              8 bytes, big-endian microseconds since
 *                          2000-01-01 00:00:00 UTC (PostgreSQL's own epoch)
 *         text fields:     4 bytes big-endian length, then the bytes
 *                          (block: certblock's canonical text form;
 *                          detail: jsonb's canonical text form)
 *
 * so anyone holding a copy of the journal can recompute the chain outside the
 * database and compare it with a published head (greenattr.journal_head()).
 */
#include "greenattr.h"

#include <openssl/evp.h>

#include "utils/builtins.h"
#include "utils/timestamp.h"

#define JOURNAL_HASH_LEN 32
#define JOURNAL_FORMAT "greenattr-journal-v1"

/*
 * One digest context and one SHA-256 implementation per backend, made on first
 * use and reused: creating a context and looking the algorithm up again for
 * every entry (OpenSSL 3 fetches it from its provider each time) cost more
 * than the hashing itself when verify_journal() hashes every entry.
 */
static EVP_MD_CTX *journal_ctx = NULL;
static const EVP_MD *journal_md = NULL;

static EVP_MD_CTX *
JournalDigest(void)
{
	if (journal_md == NULL)
	{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
		journal_md = EVP_MD_fetch(NULL, "SHA256", NULL);
#else
		journal_md = EVP_sha256();
#endif
		if (journal_md == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("SHA-256 is not available in OpenSSL")));
	}
	if (journal_ctx == NULL)
	{
		journal_ctx = EVP_MD_CTX_new();
		if (journal_ctx == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("could not allocate a SHA-256 context")));
	}
	return journal_ctx;
}

/* Feed one big-endian int64 field (or its NULL marker) to the digest. */
static void
DigestInt64(EVP_MD_CTX *ctx, bool isnull, int64 value)
{
	unsigned char buf[9];
	uint64		v = (uint64) value;
	int			i;

	if (isnull)
	{
		buf[0] = 0;
		EVP_DigestUpdate(ctx, buf, 1);
		return;
	}
	buf[0] = 1;
	for (i = 0; i < 8; i++)
		buf[1 + i] = (unsigned char) (v >> (56 - 8 * i));
	EVP_DigestUpdate(ctx, buf, 9);
}

/* Feed one length-prefixed text field (or its NULL marker) to the digest. */
static void
DigestText(EVP_MD_CTX *ctx, bool isnull, text *value)
{
	unsigned char head[5];
	uint32		len;

	if (isnull)
	{
		head[0] = 0;
		EVP_DigestUpdate(ctx, head, 1);
		return;
	}
	len = (uint32) VARSIZE_ANY_EXHDR(value);
	head[0] = 1;
	head[1] = (unsigned char) (len >> 24);
	head[2] = (unsigned char) (len >> 16);
	head[3] = (unsigned char) (len >> 8);
	head[4] = (unsigned char) len;
	EVP_DigestUpdate(ctx, head, 5);
	EVP_DigestUpdate(ctx, VARDATA_ANY(value), len);
}

/*
 * journal_entry_hash(prev bytea, seq bigint, id bigint, at timestamptz,
 *     actor text, verb text, block text, from_account bigint,
 *     to_account bigint, detail text) -> bytea (32 bytes)
 *
 * Not STRICT: NULL fields are part of the serialization.  prev must be a
 * 32-byte hash (the genesis entry chains to 32 zero bytes).
 */
PG_FUNCTION_INFO_V1(greenattr_journal_entry_hash);
Datum
greenattr_journal_entry_hash(PG_FUNCTION_ARGS)
{
	bytea	   *prev;
	bytea	   *result;
	EVP_MD_CTX *ctx;
	unsigned int outlen = 0;
	bool		ok;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("previous hash of a journal entry cannot be null"),
				 errhint("The first entry chains to 32 zero bytes.")));
	prev = PG_GETARG_BYTEA_PP(0);
	if (VARSIZE_ANY_EXHDR(prev) != JOURNAL_HASH_LEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("previous hash of a journal entry must be %d bytes, not %d",
						JOURNAL_HASH_LEN, (int) VARSIZE_ANY_EXHDR(prev))));

	ctx = JournalDigest();
	result = (bytea *) palloc(VARHDRSZ + JOURNAL_HASH_LEN);
	SET_VARSIZE(result, VARHDRSZ + JOURNAL_HASH_LEN);

	ok = EVP_DigestInit_ex(ctx, journal_md, NULL) == 1;
	if (ok)
	{
		EVP_DigestUpdate(ctx, VARDATA_ANY(prev), JOURNAL_HASH_LEN);
		EVP_DigestUpdate(ctx, JOURNAL_FORMAT, sizeof(JOURNAL_FORMAT));	/* with its NUL */
		DigestInt64(ctx, PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_INT64(1));
		DigestInt64(ctx, PG_ARGISNULL(2), PG_ARGISNULL(2) ? 0 : PG_GETARG_INT64(2));
		DigestInt64(ctx, PG_ARGISNULL(3), PG_ARGISNULL(3) ? 0 : PG_GETARG_TIMESTAMPTZ(3));
		DigestText(ctx, PG_ARGISNULL(4), PG_ARGISNULL(4) ? NULL : PG_GETARG_TEXT_PP(4));
		DigestText(ctx, PG_ARGISNULL(5), PG_ARGISNULL(5) ? NULL : PG_GETARG_TEXT_PP(5));
		DigestText(ctx, PG_ARGISNULL(6), PG_ARGISNULL(6) ? NULL : PG_GETARG_TEXT_PP(6));
		DigestInt64(ctx, PG_ARGISNULL(7), PG_ARGISNULL(7) ? 0 : PG_GETARG_INT64(7));
		DigestInt64(ctx, PG_ARGISNULL(8), PG_ARGISNULL(8) ? 0 : PG_GETARG_INT64(8));
		DigestText(ctx, PG_ARGISNULL(9), PG_ARGISNULL(9) ? NULL : PG_GETARG_TEXT_PP(9));
		ok = EVP_DigestFinal_ex(ctx, (unsigned char *) VARDATA(result), &outlen) == 1
			&& outlen == JOURNAL_HASH_LEN;
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SHA-256 of a journal entry failed in OpenSSL")));
	PG_RETURN_BYTEA_P(result);
}
