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
#include "journal.h"

#include <openssl/evp.h>

#include "utils/builtins.h"
#include "windowapi.h"
#include "utils/timestamp.h"

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

/* Which fields of an entry (journal.h) are text; the others are int64. */
static const bool journal_field_is_text[JOURNAL_FIELDS] = {
	false, false, false,		/* seq, id, at */
	true, true, true,			/* actor, verb, block */
	false, false,				/* from_account, to_account */
	true						/* detail */
};

/* A previous hash as given: never NULL, always 32 bytes. */
static const unsigned char *
PrevHash(bool isnull, Datum value)
{
	bytea	   *prev;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("previous hash of a journal entry cannot be null"),
				 errhint("The first entry chains to 32 zero bytes.")));
	prev = DatumGetByteaPP(value);
	if (VARSIZE_ANY_EXHDR(prev) != JOURNAL_HASH_LEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("previous hash of a journal entry must be %d bytes, not %d",
						JOURNAL_HASH_LEN, (int) VARSIZE_ANY_EXHDR(prev))));
	return (const unsigned char *) VARDATA_ANY(prev);
}

void
journal_hash(const unsigned char *prev, const Datum *values, const bool *nulls,
			unsigned char *out)
{
	EVP_MD_CTX *ctx = JournalDigest();
	unsigned int outlen = 0;
	bool		ok;
	int			i;

	ok = EVP_DigestInit_ex(ctx, journal_md, NULL) == 1;
	if (ok)
	{
		EVP_DigestUpdate(ctx, prev, JOURNAL_HASH_LEN);
		EVP_DigestUpdate(ctx, JOURNAL_FORMAT, sizeof(JOURNAL_FORMAT));	/* with its NUL */
		for (i = 0; i < JOURNAL_FIELDS; i++)
		{
			if (journal_field_is_text[i])
				DigestText(ctx, nulls[i], nulls[i] ? NULL : DatumGetTextPP(values[i]));
			else				/* bigint, or timestamptz: an int64 too */
				DigestInt64(ctx, nulls[i], nulls[i] ? 0 : DatumGetInt64(values[i]));
		}
		ok = EVP_DigestFinal_ex(ctx, out, &outlen) == 1 && outlen == JOURNAL_HASH_LEN;
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("SHA-256 of a journal entry failed in OpenSSL")));
}

bytea *
journal_hash_bytea(const unsigned char *hash)
{
	bytea	   *result = (bytea *) palloc(VARHDRSZ + JOURNAL_HASH_LEN);

	SET_VARSIZE(result, VARHDRSZ + JOURNAL_HASH_LEN);
	memcpy(VARDATA(result), hash, JOURNAL_HASH_LEN);
	return result;
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
	const unsigned char *prev = PrevHash(PG_ARGISNULL(0), PG_GETARG_DATUM(0));
	Datum		values[JOURNAL_FIELDS];
	bool		nulls[JOURNAL_FIELDS];
	unsigned char hash[JOURNAL_HASH_LEN];
	int			i;

	for (i = 0; i < JOURNAL_FIELDS; i++)
	{
		nulls[i] = PG_ARGISNULL(i + 1);
		values[i] = nulls[i] ? (Datum) 0 : PG_GETARG_DATUM(i + 1);
	}
	journal_hash(prev, values, nulls, hash);
	PG_RETURN_BYTEA_P(journal_hash_bytea(hash));
}

/*
 * journal_chain_hash(first_prev bytea, seq bigint, id bigint, ...) OVER (ORDER BY seq)
 *
 * A window function: the hash of each row chained to the hash of the row
 * before it in the window's order, the first row to first_prev (read from
 * the first row only).  The arguments after first_prev are those of
 * journal_entry_hash.  Seals a batch of entries in one pass, where the
 * chain's sequential dependence would otherwise need a loop.
 */
PG_FUNCTION_INFO_V1(greenattr_journal_chain_hash);
Datum
greenattr_journal_chain_hash(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	/* [0]: whether a row was hashed; then the last hash */
	unsigned char *state = (unsigned char *)
		WinGetPartitionLocalMemory(winobj, 1 + JOURNAL_HASH_LEN);
	Datum		values[JOURNAL_FIELDS];
	bool		nulls[JOURNAL_FIELDS];
	bool		isnull;
	Datum		first;
	int			i;

	if (!state[0])
	{
		first = WinGetFuncArgCurrent(winobj, 0, &isnull);
		memcpy(state + 1, PrevHash(isnull, first), JOURNAL_HASH_LEN);
		state[0] = 1;
	}
	for (i = 0; i < JOURNAL_FIELDS; i++)
		values[i] = WinGetFuncArgCurrent(winobj, i + 1, &nulls[i]);
	journal_hash(state + 1, values, nulls, state + 1);
	PG_RETURN_BYTEA_P(journal_hash_bytea(state + 1));
}
