/*
 * spi_plans.h: statements kept for the session by the C trigger functions
 * (journal_seal.c, conservation.c), prepared for the schema the extension
 * lives in.  A set belongs to the trigger function that uses it: the
 * extension dropped and created again (new function, new certblock type, maybe
 * the same schema) makes the set be prepared anew.
 */
#ifndef SPI_PLANS_H
#define SPI_PLANS_H

#include "greenattr.h"

#include "executor/spi.h"

#define PLAN_MAX_ARGS 4

/*
 * A statement: its text, where each %s is the extension's schema, and its
 * parameters' types; CERTBLOCK_ARG stands for the extension's certblock type,
 * whose oid depends on the installation.
 */
#define CERTBLOCK_ARG InvalidOid
typedef struct PlanSpec
{
	const char *sql;
	int			nargs;
	Oid			argtypes[PLAN_MAX_ARGS];
} PlanSpec;

/* The statements of one trigger function, once prepared. */
typedef struct PlanSet
{
	const PlanSpec *specs;
	int			n;
	Oid			function;		/* the function prepared for; InvalidOid until prepared */
	SPIPlanPtr *plans;			/* n statements, in TopMemoryContext */
} PlanSet;

/* Prepare the set's statements for the function, in its schema, unless they are (inside SPI_connect). */
extern void plan_set_prepare(PlanSet *set, Oid function);

#endif							/* SPI_PLANS_H */
