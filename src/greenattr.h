/*
 * greenattr.h: declarations shared by the C files of the greenattr extension,
 * and the few compatibility shims that keep one source building on PostgreSQL 13-17.
 */
#ifndef GREENATTR_H
#define GREENATTR_H

#include "postgres.h"
#include "fmgr.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"				/* VARDATA_ANY and friends left postgres.h in 16 */
#endif

/*
 * The quantity types are int64 passed by value: that needs an 8-byte Datum
 * (every 64-bit platform; USE_FLOAT8_BYVAL).  Refuse to build where it is not.
 */
#if SIZEOF_DATUM != 8
#error "greenattr needs a 64-bit platform (8-byte Datum)"
#endif

/*
 * Soft input errors (PG16+): input functions report through fcinfo->context so
 * that pg_input_is_valid() and COPY ... ON_ERROR work.  Before 16 there is no
 * error-save context and errsave() is a plain ERROR.
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#else
#define errsave(context, ...) ereport(ERROR, __VA_ARGS__)
#define SOFT_ERROR_OCCURRED(escontext) false
#endif

/* 128-bit integers are required: exact products of two int64 quantities. */
#ifndef HAVE_INT128
#error "greenattr needs a compiler with 128-bit integers"
#endif

#endif							/* GREENATTR_H */
