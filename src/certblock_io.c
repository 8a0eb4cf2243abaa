/*
 * certblock_io.c: the certblock type's text and binary I/O, its constructor
 * and field accessors.  Everything that creates a certblock goes through
 * certblock_make(), so the field rules (scheme and numbering-space alphabets,
 * lengths, 0 <= first <= last) are enforced in one place.
 *
 * Canonical text form:  SCHEME:space:first-last   (single unit: SCHEME:space:n)
 *   VCS::115597313-115618057
 *   GS:GS1-1-KE-GS7495-16-2025-30645:608-30350
 * The scheme never contains ':' and the space never does either, so the first
 * and last colons split the text unambiguously; output always prints
 * first-last, so output -> input -> output is the identity.
 */
#include "certblock.h"

#include <ctype.h>

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(certblock_in);
PG_FUNCTION_INFO_V1(certblock_out);
PG_FUNCTION_INFO_V1(certblock_recv);
PG_FUNCTION_INFO_V1(certblock_send);
PG_FUNCTION_INFO_V1(certblock_construct);
PG_FUNCTION_INFO_V1(certblock_scheme);
PG_FUNCTION_INFO_V1(certblock_space);
PG_FUNCTION_INFO_V1(certblock_first_unit);
PG_FUNCTION_INFO_V1(certblock_last_unit);
PG_FUNCTION_INFO_V1(certblock_units);

#define CANONICAL_HINT \
	"Write SCHEME:space:first-last, for example \"VCS::1001-2000\" or " \
	"\"GS:GS1-1-KE-GS7495-16-2025-30645:608-30350\"; a single unit may be written SCHEME:space:n."

/*
 * Scheme codes are registry or programme codes: an upper-case letter, then
 * upper-case letters, digits or underscores (mechanism codes such as A6_4 and
 * EUR_HA are schemes too).  Returns NULL if acceptable, else a sentence
 * saying why not (used as errdetail).
 */
const char *
certblock_check_scheme(const char *s, int len)
{
	int			i;

	if (len == 0)
		return "The scheme code is empty.";
	if (len > CERTBLOCK_SCHEME_MAX)
		return psprintf("The scheme code has %d characters; at most %d are allowed.",
						len, CERTBLOCK_SCHEME_MAX);
	if (!(s[0] >= 'A' && s[0] <= 'Z'))
		return "A scheme code starts with an upper-case letter A-Z.";
	for (i = 1; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return "A scheme code holds only upper-case letters A-Z, digits and underscores (A6_4, EUR_HA).";
	return NULL;
}

/*
 * A numbering space may be empty (schemes that number globally).  Its
 * alphabet excludes ':' and whitespace so the canonical form stays
 * unambiguous and copy-pastable.
 */
const char *
certblock_check_space(const char *s, int len)
{
	int			i;

	if (len > CERTBLOCK_SPACE_MAX)
		return psprintf("The numbering space has %d characters; at most %d are allowed.",
						len, CERTBLOCK_SPACE_MAX);
	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			  (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '/'))
			return "A numbering space holds only ASCII letters, digits and the characters - . _ /.";
	}
	return NULL;
}

/* Build a value; the caller has validated the fields. */
CertBlock *
certblock_make(const char *scheme, int scheme_len,
			   const char *space, int space_len, int64 first, int64 last)
{
	Size		size = offsetof(CertBlock, data) + scheme_len + space_len;
	CertBlock  *b = (CertBlock *) palloc0(size);

	SET_VARSIZE(b, size);
	b->scheme_len = (uint8) scheme_len;
	b->space_len = (uint8) space_len;
	b->first = first;
	b->last = last;
	memcpy(b->data, scheme, scheme_len);
	memcpy(b->data + scheme_len, space, space_len);
	return b;
}

char *
certblock_to_cstring(const CertBlock *b)
{
	return psprintf("%.*s:%.*s:" INT64_FORMAT "-" INT64_FORMAT,
					b->scheme_len, CB_SCHEME(b), b->space_len, CB_SPACE(b),
					b->first, b->last);
}

/*
 * Read an unsigned decimal int64 at *p.  Returns 0 on success, 1 if there is
 * no digit (or a sign), 2 on overflow.
 */
static int
read_unit(const char **p, int64 *out)
{
	const char *s = *p;
	uint64		v = 0;

	if (!isdigit((unsigned char) *s))
		return 1;
	while (isdigit((unsigned char) *s))
	{
		int			d = *s - '0';

		if (v > (uint64) (PG_INT64_MAX - d) / 10)
			return 2;
		v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = (int64) v;
	return 0;
}

/*
 * Parse the canonical form.  Returns NULL after a soft error (PG16+);
 * on 15 errsave() raises.
 */
CertBlock *
certblock_parse_cstring(const char *str, Node *escontext)
{
	const char *start = str;
	const char *end;
	const char *c1;
	const char *c2;
	const char *p;
	const char *why;
	int64		first;
	int64		last;
	int			rc;

	while (isspace((unsigned char) *start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char) end[-1]))
		end--;

	c1 = memchr(start, ':', end - start);
	c2 = NULL;
	for (p = end; p > start; p--)
		if (p[-1] == ':')
		{
			c2 = p - 1;
			break;
		}
	if (c1 == NULL || c2 == c1)
	{
		errsave(escontext,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type certblock: \"%s\"", str),
				errdetail("A certblock has three parts separated by colons: scheme, numbering space and units."),
				errhint(CANONICAL_HINT));
		return NULL;
	}

	why = certblock_check_scheme(start, c1 - start);
	if (why == NULL)
		why = certblock_check_space(c1 + 1, c2 - c1 - 1);
	if (why != NULL)
	{
		errsave(escontext,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type certblock: \"%s\"", str),
				errdetail("%s", why),
				errhint(CANONICAL_HINT));
		return NULL;
	}

	p = c2 + 1;
	rc = read_unit(&p, &first);
	last = first;
	if (rc == 0 && p < end)
	{
		if (*p == '-')
		{
			p++;
			rc = read_unit(&p, &last);
		}
		if (rc == 0 && p != end)
			rc = 1;
	}
	else if (rc == 0 && p != end)
		rc = 1;

	if (rc == 2)
	{
		errsave(escontext,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("unit number out of range in certblock: \"%s\"", str),
				errdetail("Unit numbers run from 0 to %lld.", (long long) PG_INT64_MAX));
		return NULL;
	}
	if (rc != 0 && (c2[1] == '-' || strstr(c2 + 1, "--") != NULL))
	{
		errsave(escontext,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type certblock: \"%s\"", str),
				errdetail("Unit numbers cannot be negative."),
				errhint(CANONICAL_HINT));
		return NULL;
	}
	if (rc != 0)
	{
		errsave(escontext,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type certblock: \"%s\"", str),
				errdetail("The units are written as first-last or as a single unit number, both non-negative integers."),
				errhint(CANONICAL_HINT));
		return NULL;
	}
	if (first > last)
	{
		errsave(escontext,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type certblock: \"%s\"", str),
				errdetail("The first unit " INT64_FORMAT " is greater than the last unit " INT64_FORMAT ".",
						  first, last),
				errhint("Write the lower unit number first."));
		return NULL;
	}
	return certblock_make(start, c1 - start, c1 + 1, c2 - c1 - 1, first, last);
}

Datum
certblock_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CertBlock  *b = certblock_parse_cstring(str, fcinfo->context);

	if (b == NULL)
		PG_RETURN_NULL();
	PG_RETURN_CERTBLOCK_P(b);
}

Datum
certblock_out(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);

	PG_RETURN_CSTRING(certblock_to_cstring(b));
}

/*
 * Binary form: int8 first, int8 last, then scheme and space, each as a
 * one-byte length and its bytes.  Received values pass the same checks as text.
 */
Datum
certblock_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		first = pq_getmsgint64(buf);
	int64		last = pq_getmsgint64(buf);
	int			slen;
	int			plen;
	const char *scheme;
	const char *space;
	const char *why;

	slen = pq_getmsgbyte(buf);
	scheme = pq_getmsgbytes(buf, slen);
	plen = pq_getmsgbyte(buf);
	space = pq_getmsgbytes(buf, plen);

	why = certblock_check_scheme(scheme, slen);
	if (why == NULL)
		why = certblock_check_space(space, plen);
	if (why == NULL && (first < 0 || last < first))
		why = "The units must satisfy 0 <= first <= last.";
	if (why != NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				errmsg("invalid external certblock value"),
				errdetail("%s", why));
	PG_RETURN_CERTBLOCK_P(certblock_make(scheme, slen, space, plen, first, last));
}

Datum
certblock_send(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, b->first);
	pq_sendint64(&buf, b->last);
	pq_sendbyte(&buf, b->scheme_len);
	pq_sendbytes(&buf, CB_SCHEME(b), b->scheme_len);
	pq_sendbyte(&buf, b->space_len);
	pq_sendbytes(&buf, CB_SPACE(b), b->space_len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* certblock(scheme text, space text, first int8, last int8) */
Datum
certblock_construct(PG_FUNCTION_ARGS)
{
	text	   *scheme = PG_GETARG_TEXT_PP(0);
	text	   *space = PG_GETARG_TEXT_PP(1);
	int64		first = PG_GETARG_INT64(2);
	int64		last = PG_GETARG_INT64(3);
	const char *why;

	why = certblock_check_scheme(VARDATA_ANY(scheme), VARSIZE_ANY_EXHDR(scheme));
	if (why != NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid certblock scheme code \"%s\"", text_to_cstring(scheme)),
				errdetail("%s", why));
	why = certblock_check_space(VARDATA_ANY(space), VARSIZE_ANY_EXHDR(space));
	if (why != NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid certblock numbering space \"%s\"", text_to_cstring(space)),
				errdetail("%s", why));
	if (first < 0 || first > last)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("invalid certblock units " INT64_FORMAT " to " INT64_FORMAT, first, last),
				errdetail("The units must satisfy 0 <= first <= last."));
	PG_RETURN_CERTBLOCK_P(certblock_make(VARDATA_ANY(scheme), VARSIZE_ANY_EXHDR(scheme),
										 VARDATA_ANY(space), VARSIZE_ANY_EXHDR(space),
										 first, last));
}

Datum
certblock_scheme(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(CB_SCHEME(b), b->scheme_len));
}

Datum
certblock_space(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(CB_SPACE(b), b->space_len));
}

Datum
certblock_first_unit(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CERTBLOCK_P(0)->first);
}

Datum
certblock_last_unit(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CERTBLOCK_P(0)->last);
}

/* The count of units; only the block 0..max int8 has a count beyond int8. */
Datum
certblock_units(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);
	int64		n;

	if (pg_add_s64_overflow(b->last - b->first, 1, &n))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("number of units in certblock \"%s\" is out of range for type bigint",
					   certblock_to_cstring(b)));
	PG_RETURN_INT64(n);
}
