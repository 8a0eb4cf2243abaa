/* pg_shim.h: what the fuzz harness reads from the error-reporting shim. */
#ifndef PG_SHIM_H
#define PG_SHIM_H

typedef struct ShimError
{
	bool		raised;
	int			elevel;
	int			sqlerrcode;
	char		message[4096];
	char		detail[4096];
	char		hint[4096];
} ShimError;

extern ShimError shim_error;
extern void shim_free_all(void);

#endif
