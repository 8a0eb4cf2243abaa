/*
 * pg_shim.c: the few PostgreSQL server functions the parsers call, for
 * running them outside the server (fuzz_parsers.c).
 *
 * ereport(ERROR) unwinds with siglongjmp to the harness, as in the server;
 * the harness reads the SQLSTATE and messages recorded here.  Every palloc is
 * kept on a list and freed after each input, so the leak checker sees only
 * real leaks.  Messages are formatted with the C library (vsnprintf), which
 * makes the sanitizers check every format string and argument the parsers
 * pass.  Functions the parsing paths never reach abort if called.
 */
#include "postgres.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg_shim.h"

/* port.h points the printf family at PostgreSQL's own; here we are them. */
#undef vsnprintf
#undef snprintf
#undef vsprintf
#undef sprintf
#undef vfprintf
#undef fprintf
#undef printf

sigjmp_buf *PG_exception_stack = NULL;
ErrorContextCallback *error_context_stack = NULL;

ShimError	shim_error;

/* ---- memory ---- */
typedef struct Chunk
{
	struct Chunk *next;
	struct Chunk *prev;
	/* user data follows, maximally aligned */
} Chunk;

#define CHUNK_HDR MAXALIGN(sizeof(Chunk))

static Chunk arena = {&arena, &arena};

static void *
ArenaAlloc(Size size)
{
	Chunk	   *c = malloc(CHUNK_HDR + size);

	if (c == NULL)
		abort();
	c->next = arena.next;
	c->prev = &arena;
	arena.next->prev = c;
	arena.next = c;
	return (char *) c + CHUNK_HDR;
}

void
shim_free_all(void)
{
	while (arena.next != &arena)
	{
		Chunk	   *c = arena.next;

		arena.next = c->next;
		free(c);
	}
	arena.prev = &arena;
}

void *
palloc(Size size)
{
	return ArenaAlloc(size);
}

void *
palloc0(Size size)
{
	void	   *p = ArenaAlloc(size);

	memset(p, 0, size);
	return p;
}

void *
palloc_extended(Size size, int flags)
{
	return (flags & MCXT_ALLOC_ZERO) ? palloc0(size) : palloc(size);
}

void
pfree(void *pointer)
{
	Chunk	   *c = (Chunk *) ((char *) pointer - CHUNK_HDR);

	c->prev->next = c->next;
	c->next->prev = c->prev;
	free(c);
}

void *
repalloc(void *pointer, Size size)
{
	Chunk	   *c = (Chunk *) ((char *) pointer - CHUNK_HDR);
	Chunk	   *n;

	c->prev->next = c->next;
	c->next->prev = c->prev;
	n = realloc(c, CHUNK_HDR + size);
	if (n == NULL)
		abort();
	n->next = arena.next;
	n->prev = &arena;
	arena.next->prev = n;
	arena.next = n;
	return (char *) n + CHUNK_HDR;
}

char *
pstrdup(const char *in)
{
	return pnstrdup(in, strlen(in));
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = palloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

size_t
pvsnprintf(char *buf, size_t len, const char *fmt, va_list args)
{
	int			n = vsnprintf(buf, len, fmt, args);

	if (n < 0)
		abort();
	return (size_t) n < len ? (size_t) n : (size_t) n + 1;
}

char *
psprintf(const char *fmt,...)
{
	va_list		args;
	int			n;
	char	   *buf;

	va_start(args, fmt);
	n = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	if (n < 0)
		abort();
	buf = palloc(n + 1);
	va_start(args, fmt);
	vsnprintf(buf, n + 1, fmt, args);
	va_end(args);
	return buf;
}

/* PostgreSQL's own printf family (port.h redirects snprintf to these). */
int
pg_snprintf(char *str, size_t count, const char *fmt,...)
{
	va_list		args;
	int			n;

	va_start(args, fmt);
	n = vsnprintf(str, count, fmt, args);
	va_end(args);
	return n;
}

int
pg_vsnprintf(char *str, size_t count, const char *fmt, va_list args)
{
	return vsnprintf(str, count, fmt, args);
}

int
pg_sprintf(char *str, const char *fmt,...)
{
	va_list		args;
	int			n;

	va_start(args, fmt);
	n = vsprintf(str, fmt, args);
	va_end(args);
	return n;
}

/* ---- StringInfo ---- */
void
initStringInfo(StringInfo str)
{
	str->maxlen = 1024;
	str->data = palloc(str->maxlen);
	resetStringInfo(str);
}

void
resetStringInfo(StringInfo str)
{
	str->data[0] = '\0';
	str->len = 0;
	str->cursor = 0;
}

void
enlargeStringInfo(StringInfo str, int needed)
{
	int			newlen;

	if (needed < 0 || needed > (int) MaxAllocSize - str->len - 1)
		abort();
	needed += str->len + 1;
	if (needed <= str->maxlen)
		return;
	newlen = 2 * str->maxlen;
	while (needed > newlen)
		newlen = 2 * newlen;
	str->data = repalloc(str->data, newlen);
	str->maxlen = newlen;
}

/* The server's prototypes gained const/void qualifiers in 16 and 17. */
#if PG_VERSION_NUM >= 160000
#define SHIM_BINARY_DATA const void
#else
#define SHIM_BINARY_DATA const char
#endif
#if PG_VERSION_NUM >= 170000
#define SHIM_CONST_ARRAY const
#else
#define SHIM_CONST_ARRAY
#endif

void
appendBinaryStringInfo(StringInfo str, SHIM_BINARY_DATA *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
	str->data[str->len] = '\0';
}

void
appendStringInfoString(StringInfo str, const char *s)
{
	appendBinaryStringInfo(str, s, strlen(s));
}

void
appendStringInfoChar(StringInfo str, char ch)
{
	appendBinaryStringInfo(str, &ch, 1);
}

int
appendStringInfoVA(StringInfo str, const char *fmt, va_list args)
{
	va_list		copy;
	int			n;

	va_copy(copy, args);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		abort();
	enlargeStringInfo(str, n);
	vsnprintf(str->data + str->len, n + 1, fmt, args);
	str->len += n;
	return 0;
}

void
appendStringInfo(StringInfo str, const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	appendStringInfoVA(str, fmt, args);
	va_end(args);
}

/* ---- varlena text ---- */
struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	if (VARATT_IS_COMPRESSED(datum) || VARATT_IS_EXTERNAL(datum))
		abort();				/* the harness builds plain values only */
	return datum;
}

struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	if (VARATT_IS_EXTENDED(datum))
		abort();
	return datum;
}

text *
cstring_to_text_with_len(const char *s, int len)
{
	text	   *result = (text *) palloc(len + VARHDRSZ);

	SET_VARSIZE(result, len + VARHDRSZ);
	memcpy(VARDATA(result), s, len);
	return result;
}

text *
cstring_to_text(const char *s)
{
	return cstring_to_text_with_len(s, strlen(s));
}

char *
text_to_cstring(const text *t)
{
	text	   *tunpacked = (text *) pg_detoast_datum_packed((struct varlena *) t);

	return pnstrdup(VARDATA_ANY(tunpacked), VARSIZE_ANY_EXHDR(tunpacked));
}

/* ---- error reporting ---- */
bool
errstart(int elevel, const char *domain)
{
	if (elevel < ERROR)
		return false;			/* the parsers emit no notices; ignore them */
	memset(&shim_error, 0, sizeof(shim_error));
	shim_error.elevel = elevel;
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	shim_error.raised = true;
	if (PG_exception_stack == NULL)
		abort();
	siglongjmp(*PG_exception_stack, 1);
}

#if PG_VERSION_NUM >= 160000
/*
 * Soft errors (16+): the parsers report through errsave(fcinfo->context, ...).
 * The harness passes no error-save context, so, as in the server, a soft
 * error is a plain ERROR.
 */
bool
errsave_start(struct Node *context, const char *domain)
{
	return errstart(ERROR, domain);
}

void
errsave_finish(struct Node *context, const char *filename, int lineno, const char *funcname)
{
	errfinish(filename, lineno, funcname);
}
#endif

int
errcode(int sqlerrcode)
{
	shim_error.sqlerrcode = sqlerrcode;
	return 0;
}

static void
ShimFormat(char *buf, size_t len, const char *fmt, va_list args)
{
	if (vsnprintf(buf, len, fmt, args) < 0)
		abort();
}

#define SHIM_MESSAGE(fn, field) \
int \
fn(const char *fmt,...) \
{ \
	va_list		args; \
	va_start(args, fmt); \
	ShimFormat(shim_error.field, sizeof(shim_error.field), fmt, args); \
	va_end(args); \
	return 0; \
}

SHIM_MESSAGE(errmsg, message)
SHIM_MESSAGE(errmsg_internal, message)
SHIM_MESSAGE(errdetail, detail)
SHIM_MESSAGE(errhint, hint)

/* ---- never reached by the parsing paths ---- */
#define SHIM_ABORT(decl) decl { abort(); }
SHIM_ABORT(int64 pq_getmsgint64(StringInfo msg))
SHIM_ABORT(void pq_begintypsend(StringInfo buf))
SHIM_ABORT(bytea *pq_endtypsend(StringInfo buf))
SHIM_ABORT(void pq_sendint64(StringInfo buf, int64 i))
SHIM_ABORT(unsigned int pq_getmsgint(StringInfo msg, int b))
SHIM_ABORT(const char *pq_getmsgbytes(StringInfo msg, int datalen))
SHIM_ABORT(void pq_copymsgbytes(StringInfo msg, char *buf, int datalen))
SHIM_ABORT(int pq_getmsgbyte(StringInfo msg))
SHIM_ABORT(void pq_sendbytes(StringInfo buf, const char *data, int datalen))
SHIM_ABORT(uint32 hash_bytes(const unsigned char *k, int keylen))
SHIM_ABORT(uint64 hash_bytes_extended(const unsigned char *k, int keylen, uint64 seed))
SHIM_ABORT(TypeFuncClass get_call_result_type(FunctionCallInfo fcinfo, Oid *resultTypeId, TupleDesc *resultTupleDesc))
SHIM_ABORT(TupleDesc BlessTupleDesc(TupleDesc tupdesc))
SHIM_ABORT(HeapTuple heap_form_tuple(TupleDesc tupleDescriptor, SHIM_CONST_ARRAY Datum *values, SHIM_CONST_ARRAY bool *isnull))
SHIM_ABORT(Datum HeapTupleHeaderGetDatum(HeapTupleHeader tuple))
