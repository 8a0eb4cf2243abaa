/*
 * serial.c: registry serial numbers as registries publish them, read into a
 * certblock (greenattr.parse_serial) and written back from a template serial
 * of the same issuance (greenattr.format_serial).
 *
 * Every supported serial is  head <first> sep <last> tail  where the two
 * numbers are the block and head/tail describe the issuance.  Parsing records
 * those pieces, so writing a block back is head + first + sep + last + tail
 * with the template's pieces: a split block gets the serial the registry
 * prints for it, in the template's style (old or new Verra form, "-" or
 * " to ", zero padding).
 *
 * Numbering spaces (README, "Registry serial numbers", explains the sources):
 *  - Verra (scheme VCS) numbers VCUs on one registry-wide counter, so its space
 *    is empty and the old 12-field and the new 13-field forms of the same
 *    units parse to overlapping blocks.
 *  - Gold Standard (GS), Climate Action Reserve (CAR) and American Carbon
 *    Registry (ACR) count units inside an issuance batch (blocks start at 1):
 *    the space is the serial's issuance prefix, verbatim.
 */
#include "certblock.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(greenattr_parse_serial);
PG_FUNCTION_INFO_V1(greenattr_format_serial);

#define SERIAL_FORMATS_HINT \
	"Known formats: Verra \"<seq>-<first>-<last>-VCS-VCU-...-<DDMMYYYY>-<DDMMYYYY>-<flag>\" and the older " \
	"\"<seq>-<first>-<last>-VCU-...-<DDMMYYYY>-<DDMMYYYY>-<flag>\" (10 to 13 fields); Gold Standard \"GS1-...-<batch>-<first>-<last>\" (9 fields); " \
	"Climate Action Reserve \"CAR-...-<batch>-<first> to <last>\"; American Carbon Registry " \
	"\"ACR-...-<batch>-<first>-<last>\" or \"ACR-...-<batch>-<first> to <last>\"; " \
	"and the certblock form SCHEME:space:first-last."

#define MAX_TOKENS 16

typedef enum SerialFormat
{
	SF_CANONICAL,
	SF_VERRA,					/* new, 13 fields, with VCS */
	SF_VERRA_OLD,				/* 12 fields, without VCS */
	SF_GS,
	SF_CAR,
	SF_ACR
} SerialFormat;

/* A parsed serial: text = head, first, sep, last, tail (offsets into str). */
typedef struct Serial
{
	SerialFormat fmt;
	const char *str;			/* trimmed copy of the input */
	int			head_len;		/* str[0 .. head_len) */
	int			first_off;
	int			first_len;
	int			sep_len;		/* the separator follows the first number */
	int			last_off;
	int			last_len;		/* the tail follows the last number */
	const char *scheme;
	const char *space;
	int			space_len;
	int64		first;
	int64		last;
	CertBlock  *block;			/* SF_CANONICAL only */
} Serial;

typedef struct Token
{
	int			off;
	int			len;
} Token;

static bool
all_digits(const char *s, int len)
{
	int			i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char) s[i]))
			return false;
	return true;
}

static bool
all_alnum(const char *s, int len)
{
	int			i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char) s[i]))
			return false;
	return true;
}

/* Split s[0 .. len) at '-'; returns the count, or -1 if there are too many. */
static int
split_dash(const char *s, int len, Token *tok)
{
	int			n = 0;
	int			start = 0;
	int			i;

	for (i = 0; i <= len; i++)
	{
		if (i == len || s[i] == '-')
		{
			if (n == MAX_TOKENS)
				return -1;
			tok[n].off = start;
			tok[n].len = i - start;
			n++;
			start = i + 1;
		}
	}
	return n;
}

static void
bad_serial(const char *str, const char *why)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			errmsg("invalid registry serial number: \"%s\"", str),
			errdetail("%s", why),
			errhint(SERIAL_FORMATS_HINT));
}

static int64
serial_number(const char *str, const char *s, int len)
{
	uint64		v = 0;
	int			i;

	for (i = 0; i < len; i++)
	{
		int			d = s[i] - '0';

		if (v > (uint64) (PG_INT64_MAX - d) / 10)
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("unit number \"%.*s\" out of range in registry serial number \"%s\"",
						   len, s, str),
					errdetail("Unit numbers run from 0 to %lld.", (long long) PG_INT64_MAX));
		v = v * 10 + d;
	}
	return (int64) v;
}

/* Check that tokens [from, to) are non-empty letters and digits. */
static void
check_fields(const char *s, Token *tok, int from, int to)
{
	int			i;

	for (i = from; i < to; i++)
		if (!all_alnum(s + tok[i].off, tok[i].len))
			bad_serial(s, psprintf("Field %d (\"%.*s\") must be letters and digits.",
									 i + 1, tok[i].len, s + tok[i].off));
}

static void
set_numbers(Serial *sr, int first_off, int first_len, int last_off, int last_len)
{
	const char *s = sr->str;

	if (!all_digits(s + first_off, first_len) || !all_digits(s + last_off, last_len))
		bad_serial(s, psprintf("The block's first and last units (\"%.*s\", \"%.*s\") must be unsigned integers.",
							   first_len, s + first_off, last_len, s + last_off));
	sr->head_len = first_off;
	sr->first_off = first_off;
	sr->first_len = first_len;
	sr->sep_len = last_off - (first_off + first_len);
	sr->last_off = last_off;
	sr->last_len = last_len;
	sr->first = serial_number(s, s + first_off, first_len);
	sr->last = serial_number(s, s + last_off, last_len);
	if (sr->first > sr->last)
		bad_serial(s, psprintf("The first unit " INT64_FORMAT " is greater than the last unit " INT64_FORMAT ".",
							   sr->first, sr->last));
}

/* The space is the issuance prefix: everything before "-<first>". */
static void
set_prefix_space(Serial *sr)
{
	const char *why;

	sr->space = sr->str;
	sr->space_len = sr->first_off - 1;
	why = certblock_check_space(sr->space, sr->space_len);
	if (why != NULL)
		bad_serial(sr->str, why);
}

static void
parse_serial(const char *input, Serial *sr)
{
	const char *s;
	const char *to;
	int			len;
	int			n;
	Token		tok[MAX_TOKENS];
	const char *b = input;
	const char *e;

	while (isspace((unsigned char) *b))
		b++;
	e = b + strlen(b);
	while (e > b && isspace((unsigned char) e[-1]))
		e--;
	len = e - b;
	s = pnstrdup(b, len);
	memset(sr, 0, sizeof(Serial));
	sr->str = s;

	if (strchr(s, ':') != NULL)
	{
		sr->fmt = SF_CANONICAL;
		sr->block = certblock_parse_cstring(s, NULL);
		return;
	}

	to = strstr(s, " to ");
	if (to != NULL)
	{
		/* CAR and the newer ACR style: "<prefix>-<first> to <last>" */
		int			left = to - s;
		int			last_off = left + 4;

		if (strstr(to + 4, " to ") != NULL)
			bad_serial(s, "The serial holds \" to \" more than once.");
		n = split_dash(s, left, tok);
		if (n >= 1 && tok[0].len == 3 && strncmp(s, "CAR", 3) == 0)
		{
			if (n != 10)
				bad_serial(s, psprintf("A Climate Action Reserve serial has 10 fields before \" to \", not %d.", n));
			sr->fmt = SF_CAR;
			sr->scheme = "CAR";
		}
		else if (n >= 1 && tok[0].len == 3 && strncmp(s, "ACR", 3) == 0)
		{
			if (n != 6)
				bad_serial(s, psprintf("An American Carbon Registry serial has 6 fields before \" to \", not %d.", n));
			sr->fmt = SF_ACR;
			sr->scheme = "ACR";
		}
		else
			bad_serial(s, "Only Climate Action Reserve (CAR-) and American Carbon Registry (ACR-) serials write their block as \"<first> to <last>\".");
		check_fields(s, tok, 0, n - 1);
		set_numbers(sr, tok[n - 1].off, tok[n - 1].len, last_off, len - last_off);
		set_prefix_space(sr);
		return;
	}

	n = split_dash(s, len, tok);
	if (n < 0)
		bad_serial(s, psprintf("The serial has more than %d fields.", MAX_TOKENS));
#define TOKEQ(i, lit) (tok[i].len == (int) strlen(lit) && strncmp(s + tok[i].off, lit, tok[i].len) == 0)
	if (n >= 10 && n <= 13 &&
		((TOKEQ(3, "VCS") && TOKEQ(4, "VCU")) || TOKEQ(3, "VCU")))
	{
		/*
		 * Verra: seq-first-last-[VCS-]VCU-...-<vintage start>-<vintage end>-flag.
		 * The fields between the unit type and the vintage (registry codes,
		 * country, sectoral scope, project id) vary between the old and new
		 * forms and examples, so they are only checked to be alphanumeric.
		 */
		int			d = n - 3;	/* the vintage start date's field */

		sr->fmt = TOKEQ(3, "VCS") ? SF_VERRA : SF_VERRA_OLD;
		check_fields(s, tok, 0, n);
		if (!all_digits(s + tok[0].off, tok[0].len))
			bad_serial(s, "The first field of a Verra serial is a number.");
		if (tok[d].len != 8 || tok[d + 1].len != 8 ||
			!all_digits(s + tok[d].off, 8) || !all_digits(s + tok[d + 1].off, 8))
			bad_serial(s, psprintf("Fields %d and %d of a Verra serial are the vintage dates, DDMMYYYY.",
								   d + 1, d + 2));
		sr->scheme = "VCS";
		sr->space = "";
		sr->space_len = 0;
		set_numbers(sr, tok[1].off, tok[1].len, tok[2].off, tok[2].len);
		return;
	}
	if (n >= 1 && tok[0].len > 2 && strncmp(s, "GS", 2) == 0 && all_digits(s + 2, tok[0].len - 2))
	{
		if (n != 9)
			bad_serial(s, psprintf("A Gold Standard serial has 9 fields, not %d.", n));
		sr->fmt = SF_GS;
		sr->scheme = "GS";
		check_fields(s, tok, 0, n);
		set_numbers(sr, tok[7].off, tok[7].len, tok[8].off, tok[8].len);
		set_prefix_space(sr);
		return;
	}
	if (n >= 1 && TOKEQ(0, "ACR"))
	{
		if (n != 7)
			bad_serial(s, psprintf("An American Carbon Registry serial has 7 fields, not %d.", n));
		sr->fmt = SF_ACR;
		sr->scheme = "ACR";
		check_fields(s, tok, 0, n);
		set_numbers(sr, tok[5].off, tok[5].len, tok[6].off, tok[6].len);
		set_prefix_space(sr);
		return;
	}
	if (n >= 1 && TOKEQ(0, "CAR"))
		bad_serial(s, "A Climate Action Reserve serial writes its block as \"<first> to <last>\".");
#undef TOKEQ
	bad_serial(s, "The serial matches none of the known registry formats.");
}

static CertBlock *
serial_block(Serial *sr)
{
	if (sr->fmt == SF_CANONICAL)
		return sr->block;
	return certblock_make(sr->scheme, strlen(sr->scheme), sr->space, sr->space_len,
						  sr->first, sr->last);
}

/* parse_serial(text) -> certblock */
Datum
greenattr_parse_serial(PG_FUNCTION_ARGS)
{
	Serial		sr;

	parse_serial(text_to_cstring(PG_GETARG_TEXT_PP(0)), &sr);
	PG_RETURN_CERTBLOCK_P(serial_block(&sr));
}

/* A number in the template's width when the template pads with zeros. */
static void
append_unit(StringInfo buf, int64 v, const char *tmpl, int tmpl_len)
{
	if (tmpl_len > 1 && tmpl[0] == '0')
		appendStringInfo(buf, "%0*lld", tmpl_len, (long long) v);
	else
		appendStringInfo(buf, INT64_FORMAT, v);
}

/*
 * format_serial(block, template) -> text: the block in the registry's own
 * style, taking the issuance fields from a serial of the same numbering space.
 */
Datum
greenattr_format_serial(PG_FUNCTION_ARGS)
{
	CertBlock  *b = PG_GETARG_CERTBLOCK_P(0);
	Serial		sr;
	CertBlock  *tb;
	StringInfoData buf;
	const char *s;

	parse_serial(text_to_cstring(PG_GETARG_TEXT_PP(1)), &sr);
	tb = serial_block(&sr);
	if (certblock_cmp_space(b, tb) != 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("certblock \"%s\" is not in the numbering space of serial \"%s\"",
					   certblock_to_cstring(b), sr.str),
				errdetail("The template serial reads as scheme \"%.*s\", numbering space \"%.*s\".",
						  tb->scheme_len, CB_SCHEME(tb), tb->space_len, CB_SPACE(tb)),
				errhint("Pass a serial of the issuance the block comes from."));
	if (sr.fmt == SF_CANONICAL)
		PG_RETURN_TEXT_P(cstring_to_text(certblock_to_cstring(b)));

	s = sr.str;
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, s, sr.head_len);
	append_unit(&buf, b->first, s + sr.first_off, sr.first_len);
	appendBinaryStringInfo(&buf, s + sr.first_off + sr.first_len, sr.sep_len);
	append_unit(&buf, b->last, s + sr.last_off, sr.last_len);
	appendStringInfoString(&buf, s + sr.last_off + sr.last_len);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
