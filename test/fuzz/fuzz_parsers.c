/*
 * fuzz_parsers.c: libFuzzer harness for greenattr's text parsers, built
 * outside the server (test/fuzz/build.sh) from the unmodified sources:
 *
 *   byte 0 % 5   target
 *     0, 1, 2    quantity_parse() for co2e, energy, emission_factor
 *     3          certblock_parse_cstring() (certblock input)
 *     4          greenattr_parse_serial() (parse_serial), then
 *                greenattr_format_serial() with the input as template
 *   bytes 1..    the text (cut at the first NUL: SQL text holds none)
 *
 * A run fails (abort, reported by libFuzzer as a crash) on any sanitizer
 * report, on an error with an SQLSTATE the parser does not document, and on
 * accepted garbage:
 *   - quantities: an accepted text must have the documented syntax
 *     (checked here by an independent matcher), and the canonical output of
 *     the value must parse back to the same value;
 *   - certblocks and serials: the canonical output must parse back to the
 *     byte-identical block, and a serial written back from the block in the
 *     input's own style (format_serial) must parse to the same block.
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "quantity.h"
#include "certblock.h"
#include "pg_shim.h"

#undef fprintf					/* the C library's, not port.h's pg_fprintf */

extern Datum greenattr_parse_serial(PG_FUNCTION_ARGS);
extern Datum greenattr_format_serial(PG_FUNCTION_ARGS);

static void
Fail(const char *what, const char *input)
{
	fprintf(stderr, "fuzz_parsers: %s\n  input: \"%s\"\n  last error: %s / %s\n",
			what, input, shim_error.message, shim_error.detail);
	abort();
}

static bool
IsSp(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * The documented quantity syntax, [sp][sign]number[e[sign]digits][sp][unit][sp]
 * with a unit starting with a letter, written independently of the parser.
 */
static bool
LooksLikeQuantity(const char *s)
{
	int			digits = 0;

	while (IsSp(*s))
		s++;
	if (*s == '+' || *s == '-')
		s++;
	while (*s >= '0' && *s <= '9')
		s++, digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (digits == 0)
		return false;
	if (*s == 'e' || *s == 'E')
	{
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	while (IsSp(*s))
		s++;
	if (*s == '\0')
		return true;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	while (*s && !IsSp(*s))
		s++;
	while (IsSp(*s))
		s++;
	return *s == '\0';			/* the unit has no inner spaces */
}

static Datum
Call1(PGFunction fn, Datum a)
{
	LOCAL_FCINFO(fcinfo, 1);

	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = a;
	fcinfo->args[0].isnull = false;
	return fn(fcinfo);
}

static Datum
Call2(PGFunction fn, Datum a, Datum b)
{
	LOCAL_FCINFO(fcinfo, 2);

	InitFunctionCallInfoData(*fcinfo, NULL, 2, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = a;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = b;
	fcinfo->args[1].isnull = false;
	return fn(fcinfo);
}

static bool
SameBlock(const CertBlock *a, const CertBlock *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

/* Inputs accepted and rejected per target, printed at exit if FUZZ_PARSERS_STATS is set. */
static long accepted[5];
static long rejected[5];

static void
PrintStats(void)
{
	static const char *const names[] = {"co2e", "energy", "emission_factor", "certblock", "parse_serial"};

	for (int i = 0; i < 5; i++)
		fprintf(stderr, "fuzz_parsers: %-15s accepted %ld, rejected %ld\n", names[i], accepted[i], rejected[i]);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (getenv("FUZZ_PARSERS_STATS") != NULL)
		atexit(PrintStats);
	return 0;
}

static const QuantityType *const quantity_types[] = {
	&quantity_co2e, &quantity_energy, &quantity_emission_factor
};

/* Errors each target documents: 22P02 syntax, 22003 range. */
static bool
ExpectedError(int target)
{
	int			code = shim_error.sqlerrcode;

	if (code == ERRCODE_INVALID_TEXT_REPRESENTATION || code == ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE)
		return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sigjmp_buf	jb;
	int			target;
	char	   *input;
	volatile int phase = 0;		/* 0 parsing the input, 1 checking what it accepted */

	if (size < 1)
		return 0;
	target = data[0] % 5;
	input = malloc(size);
	memcpy(input, data + 1, size - 1);
	input[size - 1] = '\0';

	memset(&shim_error, 0, sizeof(shim_error));
	PG_exception_stack = &jb;
	if (sigsetjmp(jb, 0) == 0)
	{
		if (target < 3)
		{
			const QuantityType *qt = quantity_types[target];
			int64		v;
			int64		back;
			char		num[QUANTITY_NUMBER_BUFLEN];
			char	   *canon;

			if (quantity_parse(input, qt, &v, NULL))
			{
				phase = 1;
				if (!LooksLikeQuantity(input))
					Fail("quantity accepted text outside the documented syntax", input);
				canon = psprintf("%s %s", quantity_format_number(v, num), qt->unit);
				if (!quantity_parse(canon, qt, &back, NULL) || back != v)
					Fail("quantity output does not parse back to the same value", input);
			}
			else
				Fail("quantity_parse returned false without an error (PostgreSQL 15 has no soft errors)", input);
		}
		else if (target == 3)
		{
			CertBlock  *b = certblock_parse_cstring(input, NULL);
			CertBlock  *b2;
			char	   *canon;

			phase = 1;
			if (b == NULL)
				Fail("certblock_parse_cstring returned NULL without an error", input);
			if (b->first < 0 || b->first > b->last)
				Fail("certblock accepted a block with first > last or a negative unit", input);
			canon = certblock_to_cstring(b);
			b2 = certblock_parse_cstring(canon, NULL);
			if (!SameBlock(b, b2) || strcmp(certblock_to_cstring(b2), canon) != 0)
				Fail("certblock output does not parse back to the same block", input);
		}
		else
		{
			CertBlock  *b;
			CertBlock  *b2;
			text	   *again;

			b = (CertBlock *) DatumGetPointer(Call1(greenattr_parse_serial,
													PointerGetDatum(cstring_to_text(input))));
			phase = 1;
			if (b->first < 0 || b->first > b->last)
				Fail("parse_serial accepted a block with first > last or a negative unit", input);
			b2 = certblock_parse_cstring(certblock_to_cstring(b), NULL);
			if (!SameBlock(b, b2))
				Fail("parse_serial's block does not survive its canonical output", input);
			/* written back in the input's own style, it reads as the same block */
			again = (text *) DatumGetPointer(Call2(greenattr_format_serial, PointerGetDatum(b),
												   PointerGetDatum(cstring_to_text(input))));
			b2 = (CertBlock *) DatumGetPointer(Call1(greenattr_parse_serial, PointerGetDatum(again)));
			if (!SameBlock(b, b2))
				Fail("format_serial(parse_serial(s), s) does not parse back to the same block", input);
		}
	}
	else
	{
		/* An ERROR: fine while parsing, if its SQLSTATE is a documented one. */
		if (phase == 1)
			Fail("an accepted value failed to round-trip", input);
		if (shim_error.elevel < ERROR || !ExpectedError(target))
			Fail("error with an undocumented SQLSTATE", input);
		if (shim_error.message[0] == '\0')
			Fail("error without a message", input);
	}
	if (shim_error.raised)
		rejected[target]++;
	else
		accepted[target]++;
	PG_exception_stack = NULL;
	shim_free_all();
	free(input);
	return 0;
}
