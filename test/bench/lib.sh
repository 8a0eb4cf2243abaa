# test/bench/lib.sh: sourced by the benchmarks.  The throwaway instance of
# test/lib/instance.sh, a way to time one statement with the memory of its backend,
# and the "figure:" lines that test/bench/all.sh gathers into its summary.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/instance.sh"

# Install, build and start the instance, and stop it on exit; with BENCH_REUSE=1
# use the instance already running (all.sh starts one for every workload).
bench_instance() {
	if [ -z "${BENCH_REUSE:-}" ]; then
		ga_install_deps
		ga_build
		ga_start
		trap ga_stop EXIT
	fi
}

# A database of the benchmark's own, created anew with the extension in it.
bench_database() {
	ga_psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" >/dev/null
	ga_psql -d postgres -c "CREATE DATABASE $1" >/dev/null
	ga_psql -d "$1" -c "SET client_min_messages = warning; CREATE EXTENSION greenattr CASCADE" >/dev/null
}

# bench_quiet DB: before a timed side, the dead rows of the sides before it vacuumed
# and their dirty pages written out, so that no side pays for another's autovacuum or
# checkpoint.
bench_quiet() { ga_psql -d "$1" -c "VACUUM (ANALYZE)" -c "CHECKPOINT" >/dev/null; }

# Every table an audit_<area>() function reads (reference tables, the journal and its
# hash chain included): what "a sequential scan of the same tables" scans.  Sequential
# scans only (count(*) would otherwise read a vacuumed table's smallest index), and no
# JIT, as the audit functions run.
AUDIT_TABLES="holding instrument activity asset entity account coverage boundary_rule market journal journal_chain
journal_chain_head consumption_claim grid_generation itmo_block itmo_authorization itmo_revocation
corresponding_adjustment surrender claim_retirement event_forestry offset_rule mechanism"
audit_scan_sql() {
	local t sql=""
	for t in $AUDIT_TABLES; do sql="$sql${sql:+, }(SELECT count(*) FROM greenattr.$t)"; done
	echo "SET jit = off; SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off; SELECT $sql"
}

# The private memory of a backend: its highest RssAnon, sampled every 20 ms from
# outside while a statement runs (VmHWM also counts the pages of shared_buffers the
# backend touched, 256 MB here).
BENCH_POLL=$(mktemp -d /tmp/ga_bench_poll.XXXXXX)
chmod 777 "$BENCH_POLL"
cat >"$BENCH_POLL/poll.sh" <<'POLLER'
#!/bin/sh
# poll.sh PID DIR: highest RssAnon of PID until DIR/stop appears, into DIR/peak
max=0
while [ ! -e "$2/stop" ] && [ -e "/proc/$1" ]; do
	v=$(sed -n 's/^RssAnon:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ -n "$v" ] && [ "$v" -gt "$max" ] && max=$v
	sleep 0.02
done
echo "$max" >"$2/peak.tmp" && mv "$2/peak.tmp" "$2/peak"
POLLER
chmod 755 "$BENCH_POLL/poll.sh"

# bench_timed DB SQL [show]: run SQL (statements, the last without a semicolon) in a
# session of its own on DB, search_path public then greenattr.  Its last output line is
# "seconds VmHWM_kB private_kB"; with "show" the statement's result comes before it,
# otherwise it is discarded.
bench_timed() {
	local sink='\g /dev/null'
	[ "${3:-}" = show ] && sink=';'
	rm -f "$BENCH_POLL/stop" "$BENCH_POLL/peak"
	ga_psql -At -d "$1" <<SQL
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET search_path = public, greenattr;
SELECT pg_backend_pid() AS pid \gset
\setenv GA_PID :pid
\! $BENCH_POLL/poll.sh \$GA_PID $BENCH_POLL &
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
$2 $sink
\! touch $BENCH_POLL/stop
SELECT round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 3)
       || ' ' || (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1] AS r \gset
\! while [ ! -e $BENCH_POLL/peak ]; do sleep 0.01; done
\echo :r \`cat $BENCH_POLL/peak\`
SQL
}

# figure KEY VALUE...: one figure for all.sh's summary, printed with the rest.
figure() { echo "figure: $*"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.3f}' if b else 'n/a')" "$1" "$2"; }
rate() { python3 -c "import sys; print(int(float(sys.argv[1])/float(sys.argv[2])))" "$1" "$2"; }
