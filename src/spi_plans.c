/*
 * spi_plans.c: statements kept for the session by the C trigger functions.
 *
 * A trigger that runs in every transfer's commit cannot afford to parse and
 * plan its statements each time; SPI keeps prepared statements for the
 * session.  They are prepared with generic plans (a custom plan would be made
 * again for every call of a key lookup into the partitioned instrument table),
 * and all of a set are prepared before any is kept, so that a failed prepare
 * leaves the set as it was.
 */
#include "spi_plans.h"

#include "catalog/pg_type.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

static SPIPlanPtr
prepare(const PlanSpec *spec, const char *schema, Oid certblock_type)
{
	Oid			argtypes[PLAN_MAX_ARGS];
	char	   *sql;
	SPIPlanPtr	plan;
	int			i;

	Assert(spec->nargs <= PLAN_MAX_ARGS);
	for (i = 0; i < spec->nargs; i++)
		argtypes[i] = OidIsValid(spec->argtypes[i]) ? spec->argtypes[i] : certblock_type;
	/* Every %s of the text is the schema. */
	sql = psprintf(spec->sql, schema, schema, schema);
	plan = SPI_prepare_cursor(sql, spec->nargs, argtypes, CURSOR_OPT_GENERIC_PLAN);
	if (plan == NULL)
		elog(ERROR, "could not prepare \"%s\": %s", sql, SPI_result_code_string(SPI_result));
	return plan;
}

void
plan_set_prepare(PlanSet *set, Oid function)
{
	Oid			schema_oid;
	const char *schema;
	Oid			certblock_type;
	SPIPlanPtr *fresh;
	int			i;

	schema_oid = get_func_namespace(function);
	certblock_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									 CStringGetDatum("certblock"), ObjectIdGetDatum(schema_oid));
	if (set->certblock_type == certblock_type && OidIsValid(certblock_type))
		return;
	schema = quote_identifier(get_namespace_name(schema_oid));
	if (!OidIsValid(certblock_type))
		elog(ERROR, "type certblock not found in schema %s", schema);
	fresh = palloc(sizeof(SPIPlanPtr) * set->n);
	for (i = 0; i < set->n; i++)
		fresh[i] = prepare(&set->specs[i], schema, certblock_type);
	if (set->plans == NULL)
		set->plans = MemoryContextAllocZero(TopMemoryContext, sizeof(SPIPlanPtr) * set->n);
	else if (OidIsValid(set->certblock_type))
	{
		set->certblock_type = InvalidOid;
		for (i = 0; i < set->n; i++)
			SPI_freeplan(set->plans[i]);
	}
	for (i = 0; i < set->n; i++)
	{
		if (SPI_keepplan(fresh[i]) != 0)
			elog(ERROR, "could not keep a prepared statement");
		set->plans[i] = fresh[i];
	}
	set->certblock_type = certblock_type;
}
