/*
 * conservation.c: the commit-time conservation check of one holding.
 *
 * The deferred constraint trigger holding_conservation
 * (src/sql/35_registry_guards.sql) runs for every holding a verb stores or
 * changes, so every transfer pays for it at commit, once per piece it writes.
 * Its rule, in a time that does not grow with the issuance's holdings:
 *
 *   - a holding stored, or given another issuance, lies inside the block
 *     issued (the exclusion constraint keeps it off every other holding);
 *   - a holding changed only shrinks, and every unit it gave up is held by
 *     other holdings of the same issuance.
 *
 * An issuance starts as one holding of its whole block, so held + retired +
 * cancelled = issued.  A refusal is raised by raise_rule() (SQLSTATE 23514,
 * constraint "conservation"), with the words of the PL/pgSQL version this
 * replaces.
 */
#include "certblock.h"
#include "spi_plans.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

enum
{
	PLAN_ISSUED,				/* the issued block of an issuance */
	PLAN_HOLDERS,				/* the issuance's holdings overlapping a block */
	PLAN_RAISE,					/* raise_rule() */
	N_PLANS
};
static const PlanSpec conservation_specs[N_PLANS] = {
	[PLAN_ISSUED] = {"SELECT i.block FROM %s.instrument i"
					 " WHERE i.id OPERATOR(pg_catalog.=) $1 AND i.family OPERATOR(pg_catalog.=) $2",
	2, {INT8OID, TEXTOID}},
	[PLAN_HOLDERS] = {"SELECT h.block FROM %s.holding h"
					  " WHERE h.block OPERATOR(%s.&&) $1 AND h.instrument_id OPERATOR(pg_catalog.=) $2",
	2, {CERTBLOCK_ARG, INT8OID}},
	[PLAN_RAISE] = {"SELECT %s.raise_rule('conservation', '23514', $1, $2, $3)",
	3, {TEXTOID, TEXTOID, TEXTOID}},
};
static PlanSet conservation_plans = {conservation_specs, N_PLANS, InvalidOid, NULL};

#define SUMS_HINT "Per issuance, held + retired + cancelled units equal the issued units."

/* The holding's fields the rule reads. */
typedef struct Holding
{
	int64		id;
	CertBlock  *block;
	int64		instrument_id;
	text	   *family;
} Holding;

static Datum
column(HeapTuple row, TupleDesc desc, const char *name)
{
	int			attnum = SPI_fnumber(desc, name);
	bool		isnull;
	Datum		value;

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("holding_conservation() fired on a table without column \"%s\"", name),
				 errhint("The trigger belongs on greenattr.holding.")));
	value = heap_getattr(row, attnum, desc, &isnull);
	if (isnull)
		elog(ERROR, "holding without %s", name);
	return value;
}

static void
read_holding(HeapTuple row, TupleDesc desc, Holding *h)
{
	h->id = DatumGetInt64(column(row, desc, "id"));
	h->block = DatumGetCertBlockP(column(row, desc, "block"));
	h->instrument_id = DatumGetInt64(column(row, desc, "instrument_id"));
	h->family = DatumGetTextPP(column(row, desc, "family"));
}

/* Refuse with raise_rule(); the detail may be NULL. */
static void
refuse(const char *message, const char *detail, const char *hint)
{
	Datum		args[3];
	char		nulls[3] = {' ', detail ? ' ' : 'n', ' '};

	args[0] = CStringGetTextDatum(message);
	args[1] = detail ? CStringGetTextDatum(detail) : (Datum) 0;
	args[2] = CStringGetTextDatum(hint);
	SPI_execute_plan(conservation_plans.plans[PLAN_RAISE], args, nulls, false, 0);
	elog(ERROR, "raise_rule() returned");	/* it always raises */
}

/* The issued block of the holding's issuance, or NULL if there is none. */
static CertBlock *
issued_block(const Holding *h)
{
	Datum		args[2] = {Int64GetDatum(h->instrument_id), PointerGetDatum(h->family)};
	bool		isnull;
	Datum		block;

	if (SPI_execute_plan(conservation_plans.plans[PLAN_ISSUED], args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read issuance " INT64_FORMAT, h->instrument_id);
	if (SPI_processed == 0)
		return NULL;
	block = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? NULL : DatumGetCertBlockP(block);
}

/* A stored holding (or one moved to another issuance) lies inside its issued block. */
static void
check_inside(const Holding *h)
{
	CertBlock  *issued = issued_block(h);

	if (issued == NULL || !certblock_contains_internal(issued, h->block))
		refuse(psprintf("holding " INT64_FORMAT " holds units %s outside issuance " INT64_FORMAT,
						h->id, certblock_to_cstring(h->block), h->instrument_id),
			   psprintf("Issuance " INT64_FORMAT " issued %s.", h->instrument_id,
						issued ? certblock_to_cstring(issued) : "nothing"),
			   SUMS_HINT);
}

/* Units first..last that left the holding are held by the issuance's other holdings. */
static void
check_given_up(const Holding *h, const CertBlock *old, int64 first, int64 last)
{
	CertBlock  *gone;
	Datum		args[2];
	int64		held = 0;
	uint64		i;

	gone = certblock_make(CB_SCHEME(old), old->scheme_len, CB_SPACE(old), old->space_len, first, last);
	args[0] = PointerGetDatum(gone);
	args[1] = Int64GetDatum(h->instrument_id);
	if (SPI_execute_plan(conservation_plans.plans[PLAN_HOLDERS], args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the holdings of issuance " INT64_FORMAT, h->instrument_id);
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		CertBlock  *b = DatumGetCertBlockP(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));

		/* Overlapping blocks of one space: count the units they share. */
		held += Min(b->last, last) - Max(b->first, first) + 1;
	}
	if (held != last - first + 1)
	{
		CertBlock  *issued = issued_block(h);

		refuse(psprintf("holdings of issuance " INT64_FORMAT " do not add up to its block %s",
						h->instrument_id, issued ? certblock_to_cstring(issued) : ""),
			   psprintf("Units %s left holding " INT64_FORMAT "; other holdings of the issuance hold "
						INT64_FORMAT " of its " INT64_FORMAT " units.",
						certblock_to_cstring(gone), h->id, held, last - first + 1),
			   SUMS_HINT);
	}
}

PG_FUNCTION_INFO_V1(greenattr_holding_conservation);
Datum
greenattr_holding_conservation(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	Holding		now;
	Holding		before;
	bool		moved;			/* stored, or given another issuance */

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) || TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("holding_conservation() must fire AFTER INSERT OR UPDATE FOR EACH ROW")));
	desc = trigdata->tg_relation->rd_att;

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		read_holding(trigdata->tg_trigtuple, desc, &now);
		moved = true;
	}
	else
	{
		read_holding(trigdata->tg_newtuple, desc, &now);
		read_holding(trigdata->tg_trigtuple, desc, &before);
		moved = now.instrument_id != before.instrument_id;
		/* Same issuance, same block (a retirement, a change of holder): nothing to check. */
		if (!moved && certblock_cmp_internal(now.block, before.block) == 0)
			return PointerGetDatum(NULL);
	}

	SPI_connect();
	plan_set_prepare(&conservation_plans, fcinfo->flinfo->fn_oid);
	if (moved)
		check_inside(&now);
	else
	{
		if (!certblock_contains_internal(before.block, now.block))
			refuse(psprintf("holding " INT64_FORMAT " grew from %s to %s", now.id,
							certblock_to_cstring(before.block), certblock_to_cstring(now.block)),
				   NULL,
				   "A holding only gives units away; per issuance, held + retired + cancelled units equal the issued units.");
		/*
		 * The units given up: before and after the block kept (one or both may
		 * be none; tested first, so that no end of the serial range overflows).
		 */
		if (before.block->first < now.block->first)
			check_given_up(&now, before.block, before.block->first, now.block->first - 1);
		if (now.block->last < before.block->last)
			check_given_up(&now, before.block, now.block->last + 1, before.block->last);
	}
	SPI_finish();
	return PointerGetDatum(NULL);
}
