/*
 * journal_seal.c: the seal of one journal row, at commit.
 *
 * The deferred trigger journal_seal (src/sql/91_security_journal.sql) runs for
 * every journal row a verb writes, so every transfer, retirement and
 * cancellation pays for it in its commit.  Written in PL/pgSQL it was four
 * nested calls, each with its own SET clauses and its statements started
 * afresh; here it is one call and prepared statements kept for the session:
 *
 *   1. lock the chain head: where this transaction's last seal left it (the
 *      transaction-local setting greenattr.journal_head_at, rolled back with
 *      a savepoint like the head itself), else by its key, creating it at
 *      position 0 on the very first seal;
 *   2. hash the row chained to the head's hash (journal_hash(), the format of
 *      journal.c);
 *   3. append the entry to journal_chain;
 *   4. move the head to it, and remember where the head now is.
 *
 * Steps 1 and 4 are also journal_head_lock() and journal_head_moved(), between
 * which journal_seal_batch() seals a bulk verb's rows in one statement.
 *
 * The statements name the extension's tables by schema and pg_catalog's
 * operators explicitly: the function runs as the extension's owner.  The SQL
 * declaration sets enable_seqscan = off: the planner takes a sequential scan
 * of the one-page head table for cheaper than a TID scan, and a transaction
 * that seals many rows leaves that page full of the head's dead versions.
 */
#include "journal.h"
#include "spi_plans.h"

#include <ctype.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

#define HEAD_AT_SETTING "greenattr.journal_head_at"

/* The statements (spi_plans.h), prepared for the schema the function lives in. */
enum
{
	PLAN_LOCK_AT,				/* the head at a given ctid */
	PLAN_LOCK,					/* the head by its key */
	PLAN_CREATE,				/* the head at position 0, if missing */
	PLAN_APPEND,				/* one chain entry */
	PLAN_MOVE,					/* the head to a new position */
	N_PLANS
};
static const PlanSpec seal_specs[N_PLANS] = {
	[PLAN_LOCK_AT] = {"SELECT x.ctid, x.seq, x.hash FROM %s.journal_chain_head x"
					  " WHERE x.ctid OPERATOR(pg_catalog.=) $1 AND x.singleton FOR UPDATE",
	1, {TIDOID}},
	[PLAN_LOCK] = {"SELECT x.ctid, x.seq, x.hash FROM %s.journal_chain_head x"
				   " WHERE x.singleton FOR UPDATE",
	0, {0}},
	[PLAN_CREATE] = {"INSERT INTO %s.journal_chain_head (singleton, seq, hash)"
					 " VALUES (true, 0, pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex'))"
					 " ON CONFLICT (singleton) DO NOTHING",
	0, {0}},
	[PLAN_APPEND] = {"INSERT INTO %s.journal_chain (seq, journal_id, prev_hash, hash)"
					 " VALUES ($1, $2, $3, $4)",
	4, {INT8OID, INT8OID, BYTEAOID, BYTEAOID}},
	[PLAN_MOVE] = {"UPDATE %s.journal_chain_head x SET seq = $2, hash = $3"
				   " WHERE x.ctid OPERATOR(pg_catalog.=) $1 AND x.singleton RETURNING x.ctid",
	3, {TIDOID, INT8OID, BYTEAOID}},
};
static PlanSet seal_plans = {seal_specs, N_PLANS, InvalidOid, NULL};

/* The locked head: where it is, its position and its hash. */
typedef struct ChainHead
{
	ItemPointerData at;
	int64		seq;
	unsigned char hash[JOURNAL_HASH_LEN];
} ChainHead;

/* Run a locking query; if it found the head, copy it into *head. */
static bool
read_head(SPIPlanPtr plan, Datum *args, ChainHead *head)
{
	HeapTuple	row;
	TupleDesc	desc;
	bool		isnull;
	bytea	   *hash;

	if (SPI_execute_plan(plan, args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the journal chain head");
	if (SPI_processed == 0)
		return false;
	if (SPI_processed > 1)
		elog(ERROR, "the journal chain has %llu heads", (unsigned long long) SPI_processed);
	row = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	head->at = *(ItemPointer) DatumGetPointer(SPI_getbinval(row, desc, 1, &isnull));
	head->seq = DatumGetInt64(SPI_getbinval(row, desc, 2, &isnull));
	hash = DatumGetByteaPP(SPI_getbinval(row, desc, 3, &isnull));
	if (VARSIZE_ANY_EXHDR(hash) != JOURNAL_HASH_LEN)
		elog(ERROR, "the journal chain head's hash is not %d bytes", JOURNAL_HASH_LEN);
	memcpy(head->hash, VARDATA_ANY(hash), JOURNAL_HASH_LEN);
	return true;
}

/* Whether a setting has the form of a tid: "(block,offset)". */
static bool
looks_like_tid(const char *s)
{
	int			block_digits = 0,
				offset_digits = 0;

	if (*s++ != '(')
		return false;
	while (isdigit((unsigned char) *s) && block_digits <= 9)
		s++, block_digits++;
	if (block_digits == 0 || block_digits > 9 || *s++ != ',')
		return false;
	while (isdigit((unsigned char) *s) && offset_digits <= 4)
		s++, offset_digits++;
	return offset_digits > 0 && offset_digits <= 4 && s[0] == ')' && s[1] == '\0';
}

static void
lock_head(ChainHead *head)
{
	const char *saved = GetConfigOption(HEAD_AT_SETTING, true, false);

	if (saved != NULL && looks_like_tid(saved))
	{
		Datum		at = DirectFunctionCall1(tidin, CStringGetDatum(saved));

		if (read_head(seal_plans.plans[PLAN_LOCK_AT], &at, head))
			return;
	}
	if (read_head(seal_plans.plans[PLAN_LOCK], NULL, head))
		return;
	if (SPI_execute_plan(seal_plans.plans[PLAN_CREATE], NULL, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not create the journal chain head");
	if (!read_head(seal_plans.plans[PLAN_LOCK], NULL, head))
		elog(ERROR, "the journal chain head is missing");
}

/* Move the locked head at *at to position seq with hash, and remember where it is now. */
static void
move_head(ItemPointer at, int64 seq, bytea *hash)
{
	Datum		args[3] = {PointerGetDatum(at), Int64GetDatum(seq), PointerGetDatum(hash)};
	bool		isnull;
	Datum		moved_to;

	if (SPI_execute_plan(seal_plans.plans[PLAN_MOVE], args, NULL, false, 0) != SPI_OK_UPDATE_RETURNING ||
		SPI_processed != 1)
		elog(ERROR, "could not move the journal chain head");
	moved_to = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	(void) set_config_option(HEAD_AT_SETTING, DatumGetCString(DirectFunctionCall1(tidout, moved_to)),
							 superuser() ? PGC_SUSET : PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_LOCAL, true, 0, false);
}

/* Column attnum of a journal row, by name. */
static int
journal_column(TupleDesc desc, const char *name)
{
	int			attnum = SPI_fnumber(desc, name);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("journal_seal() fired on a table without column \"%s\"", name),
				 errhint("The trigger belongs on greenattr.journal.")));
	return attnum;
}

/* The entry's fields (journal.h's order) from the journal row, seq first. */
static void
entry_fields(HeapTuple row, TupleDesc desc, int64 seq, Datum *values, bool *nulls)
{
	static const char *const columns[JOURNAL_FIELDS] = {
		NULL, "id", "at", "actor", "verb", "block", "from_account", "to_account", "detail"
	};
	int			i;

	values[0] = Int64GetDatum(seq);
	nulls[0] = false;
	for (i = 1; i < JOURNAL_FIELDS; i++)
	{
		int			attnum = journal_column(desc, columns[i]);

		if (i == 5 || i == 8)
		{
			/* block and detail: their text form, as block::text and detail::text */
			char	   *out = SPI_getvalue(row, desc, attnum);

			nulls[i] = (out == NULL);
			values[i] = nulls[i] ? (Datum) 0 : PointerGetDatum(cstring_to_text(out));
		}
		else
			values[i] = heap_getattr(row, attnum, desc, &nulls[i]);
	}
}

PG_FUNCTION_INFO_V1(greenattr_journal_seal);
Datum
greenattr_journal_seal(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	ChainHead	head;
	Datum		values[JOURNAL_FIELDS];
	bool		nulls[JOURNAL_FIELDS];
	unsigned char hash[JOURNAL_HASH_LEN];
	Datum		args[4];

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("journal_seal() must fire AFTER INSERT FOR EACH ROW")));

	SPI_connect();
	plan_set_prepare(&seal_plans, fcinfo->flinfo->fn_oid);
	lock_head(&head);
	entry_fields(trigdata->tg_trigtuple, trigdata->tg_relation->rd_att, head.seq + 1, values, nulls);
	journal_hash(head.hash, values, nulls, hash);

	args[0] = Int64GetDatum(head.seq + 1);
	args[1] = values[1];		/* the journal row's id */
	if (nulls[1])
		elog(ERROR, "journal row without an id");
	args[2] = PointerGetDatum(journal_hash_bytea(head.hash));
	args[3] = PointerGetDatum(journal_hash_bytea(hash));
	if (SPI_execute_plan(seal_plans.plans[PLAN_APPEND], args, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not append to the journal chain");

	move_head(&head.at, head.seq + 1, DatumGetByteaPP(args[3]));
	SPI_finish();
	return PointerGetDatum(NULL);
}

/*
 * The same two steps for journal_seal_batch(), which seals a bulk verb's rows
 * in one statement between them: journal_head_lock() -> (t, n, prev) and
 * journal_head_moved(t, n, h).
 */
PG_FUNCTION_INFO_V1(greenattr_journal_head_lock);
Datum
greenattr_journal_head_lock(PG_FUNCTION_ARGS)
{
	ChainHead	head;
	TupleDesc	desc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	ItemPointer at = palloc(sizeof(ItemPointerData));
	HeapTuple	result;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "journal_head_lock() must return a record");
	SPI_connect();
	plan_set_prepare(&seal_plans, fcinfo->flinfo->fn_oid);
	lock_head(&head);
	SPI_finish();
	*at = head.at;
	values[0] = PointerGetDatum(at);
	values[1] = Int64GetDatum(head.seq);
	values[2] = PointerGetDatum(journal_hash_bytea(head.hash));
	result = heap_form_tuple(BlessTupleDesc(desc), values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(result));
}

PG_FUNCTION_INFO_V1(greenattr_journal_head_moved);
Datum
greenattr_journal_head_moved(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		elog(ERROR, "journal_head_moved() needs the head's place, position and hash");
	SPI_connect();
	plan_set_prepare(&seal_plans, fcinfo->flinfo->fn_oid);
	move_head((ItemPointer) PG_GETARG_POINTER(0), PG_GETARG_INT64(1), PG_GETARG_BYTEA_PP(2));
	SPI_finish();
	PG_RETURN_VOID();
}
