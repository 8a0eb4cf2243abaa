/*
 * spi_plans.h: statements kept for the session by the C functions that run in
 * every commit (journal_seal.c, conservation.c), prepared for the
 * installation of the extension the calling function belongs to: its schema,
 * and its certblock type, which is new when the extension is dropped and
 * created again (maybe in the same schema), so that the set is prepared anew.
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
	Oid			certblock_type; /* of the installation prepared for; InvalidOid until prepared */
	SPIPlanPtr *plans;			/* n statements, in TopMemoryContext */
} PlanSet;

/* Prepare the set's statements for the calling function's installation, unless they are (inside SPI_connect). */
extern void plan_set_prepare(PlanSet *set, Oid function);

#endif							/* SPI_PLANS_H */
