/*
 * bulk.c: rows checked in bulk by a registry verb.
 *
 * issue_many() checks a whole batch of issuances with set-based queries and
 * then inserts the instruments, holdings and journal rows in three statements.
 * The per-row triggers on those tables would repeat, row by row, the checks
 * the verb has just made; their WHEN clauses ask bulk_checked() and skip the
 * rows while a verb has declared them checked.
 *
 * The declaration lives in this backend's memory only, where no SQL can set
 * it except through bulk_checked_begin(), which only the extension's owner can
 * execute (the verbs run as the owner).  It covers only statements run at the
 * trigger depth where it was made: a trigger of the DBA's own that writes into
 * the registry's tables from inside the bulk insert runs one level deeper and
 * gets every check.  It ends with bulk_checked_end(), and in any case when the
 * (sub)transaction that made it commits or aborts, so an error in the middle
 * of a batch cannot leave it behind.
 */
#include "greenattr.h"

#include "access/xact.h"
#include "utils/fmgrprotos.h"

static bool bulk_active = false;
static int32 bulk_trigger_depth = 0;
static SubTransactionId bulk_subxact = InvalidSubTransactionId;
static bool callbacks_registered = false;

static void
bulk_reset(void)
{
	bulk_active = false;
	bulk_subxact = InvalidSubTransactionId;
}

static void
bulk_xact_callback(XactEvent event, void *arg)
{
	bulk_reset();
}

static void
bulk_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
					  SubTransactionId parentSubid, void *arg)
{
	if (bulk_active && mySubid == bulk_subxact &&
		(event == SUBXACT_EVENT_ABORT_SUB || event == SUBXACT_EVENT_COMMIT_SUB))
		bulk_reset();
}

static int32
current_trigger_depth(void)
{
	return DatumGetInt32(DirectFunctionCall1(pg_trigger_depth, (Datum) 0));
}

PG_FUNCTION_INFO_V1(greenattr_bulk_checked_begin);
Datum
greenattr_bulk_checked_begin(PG_FUNCTION_ARGS)
{
	if (!callbacks_registered)
	{
		RegisterXactCallback(bulk_xact_callback, NULL);
		RegisterSubXactCallback(bulk_subxact_callback, NULL);
		callbacks_registered = true;
	}
	if (bulk_active)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("a bulk-checked batch is already open")));
	bulk_active = true;
	bulk_trigger_depth = current_trigger_depth();
	bulk_subxact = GetCurrentSubTransactionId();
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(greenattr_bulk_checked_end);
Datum
greenattr_bulk_checked_end(PG_FUNCTION_ARGS)
{
	bulk_reset();
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(greenattr_bulk_checked);
Datum
greenattr_bulk_checked(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(bulk_active && current_trigger_depth() == bulk_trigger_depth);
}
