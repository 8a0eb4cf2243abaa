#!/usr/bin/env bash
# contrib/citus/cluster.sh: a throwaway Citus cluster (one coordinator, two
# workers) for trying contrib/citus/distribute.sql.  It expects PostgreSQL with
# Citus and greenattr already installed in one tree (it never builds Citus):
#
#   CITUS_PGBIN=/path/to/postgresql/15/bin bash contrib/citus/cluster.sh start
#   bash contrib/citus/cluster.sh psql [psql arguments]     # on the coordinator
#   bash contrib/citus/cluster.sh stop
#   CITUS_PGBIN=... bash contrib/citus/cluster.sh demo     # start, then every step below
#
# demo: start; CREATE EXTENSION greenattr (Citus creates it on the workers);
# scenario_load.sql; distribute.sh; scenario_cluster.sql.  The cluster is left
# running (stop it with "stop").
#
# Settings: CITUS_PGBIN (required for start), CITUS_WORK (data, sockets and logs;
# default /tmp/greenattr-citus), CITUS_PORT (coordinator port, workers the next
# two; default 54430), CITUS_DB (default greenattr).  Every instance listens on
# a Unix socket in $CITUS_WORK/sock only, trust authentication, fsync off:
# for tests, never for data.  As root, the servers run as the postgres user.
set -euo pipefail

WORK=${CITUS_WORK:-/tmp/greenattr-citus}
PORT=${CITUS_PORT:-54430}
DB=${CITUS_DB:-greenattr}
SOCK=$WORK/sock
STATE=$WORK/pgbin          # remembers CITUS_PGBIN for stop and psql
NODES=(coord worker1 worker2)

run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pgbin() {
	if [ -n "${CITUS_PGBIN:-}" ]; then echo "$CITUS_PGBIN"; elif [ -f "$STATE" ]; then cat "$STATE";
	else echo "set CITUS_PGBIN to the bin directory of a PostgreSQL with Citus and greenattr" >&2; exit 2; fi
}
node_port() { echo $((PORT + $1)); }
psql_on() { local p=$1; shift; run "$(pgbin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$p" -U postgres -d "$DB" "$@"; }

stop() {
	local i
	for i in 0 1 2; do
		if [ -f "$WORK/${NODES[$i]}/postmaster.pid" ]; then
			run "$(pgbin)/pg_ctl" -D "$WORK/${NODES[$i]}" -m fast -w stop >/dev/null || true
		fi
	done
}

start() {
	local bin i p
	bin=$(pgbin)
	[ -x "$bin/postgres" ] || { echo "no postgres in $bin" >&2; exit 2; }
	stop
	rm -rf "$WORK"
	mkdir -p "$SOCK"
	echo "$bin" > "$STATE"
	[ "$(id -u)" = 0 ] && chown -R postgres: "$WORK"
	for i in 0 1 2; do
		p=$(node_port $i)
		run "$bin/initdb" -D "$WORK/${NODES[$i]}" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
		cat >> "$WORK/${NODES[$i]}/postgresql.conf" <<CONF
shared_preload_libraries = 'citus'
listen_addresses = ''
port = $p
unix_socket_directories = '$SOCK'
max_prepared_transactions = 100
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
		run "$bin/pg_ctl" -D "$WORK/${NODES[$i]}" -l "$WORK/${NODES[$i]}.log" -w start >/dev/null
		run "$bin/createdb" -h "$SOCK" -p "$p" -U postgres "$DB"
		psql_on "$p" -c 'CREATE EXTENSION citus'
	done
	# Nodes reach each other over the same socket directory.
	psql_on "$PORT" -o /dev/null <<SQL
SELECT pg_catalog.citus_set_coordinator_host('$SOCK', $PORT);
SELECT pg_catalog.citus_add_node('$SOCK', $(node_port 1));
SELECT pg_catalog.citus_add_node('$SOCK', $(node_port 2));
SQL
	echo "coordinator: psql -h $SOCK -p $PORT -U postgres -d $DB (workers on ports $(node_port 1), $(node_port 2))"
}

demo() {
	local here
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	start
	echo "== CREATE EXTENSION greenattr"
	psql_on "$PORT" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION greenattr CASCADE'
	echo "== scenario_load.sql (one node, before distributing)"
	psql_on "$PORT" -f "$here/scenario_load.sql"
	PSQL="$(pgbin)/psql" run bash "$here/distribute.sh" -h "$SOCK" -p "$PORT" -U postgres -d "$DB"
	echo "== scenario_cluster.sql"
	psql_on "$PORT" -f "$here/scenario_cluster.sql"
}

case "${1:-}" in
	start) start ;;
	demo) demo ;;
	stop) stop ;;
	psql) shift; psql_on "$PORT" "$@" ;;
	*) echo "usage: $0 start | demo | stop | psql [psql arguments]" >&2; exit 2 ;;
esac
