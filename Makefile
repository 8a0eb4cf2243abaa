# greenattr: PGXS build.
#   make / make install      build and install into the PostgreSQL found by PG_CONFIG
#   bash test/run-tests.sh   the whole test suite on a throwaway instance (see README)
EXTENSION   = greenattr
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" greenattr.control)

MODULE_big  = greenattr
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is built from the numbered pieces in src/sql/, in name order.
INSTALL_PIECES = $(sort $(wildcard src/sql/[0-9][0-9]_*.sql))
DATA_built  = sql-build/greenattr--$(EXTVERSION).sql
# Earlier releases' install scripts (kept as released) and the upgrade scripts
# between releases: src/sql/greenattr--<old>.sql, src/sql/greenattr--<old>--<new>.sql.
DATA        = $(wildcard src/sql/greenattr--*.sql)
EXTRA_CLEAN = sql-build

PG_CONFIG  ?= pg_config
PG_CPPFLAGS = -I$(srcdir)/src
# -Wextra minus unused-parameter: fmgr passes fcinfo to every SQL-callable function,
# used or not (pgvector's CI makes the same exception).
PG_CFLAGS   = -Wall -Wextra -Werror -Wno-unused-parameter
SHLIB_LINK  = -lcrypto

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql-build/greenattr--$(EXTVERSION).sql: $(INSTALL_PIECES) greenattr.control
	@mkdir -p sql-build
	( echo "-- greenattr $(EXTVERSION): generated from src/sql/*.sql by the Makefile; do not edit."; \
	  printf '%s\n' '\echo Use "CREATE EXTENSION greenattr" to load this file. \quit'; \
	  for f in $(INSTALL_PIECES); do echo; echo "-- ---- $$f"; cat $$f; done ) > $@

$(OBJS): src/greenattr.h
src/journal.o src/journal_seal.o: src/journal.h
src/journal_seal.o src/conservation.o src/spi_plans.o: src/spi_plans.h
src/conservation.o src/certblock_ops.o: src/certblock.h
