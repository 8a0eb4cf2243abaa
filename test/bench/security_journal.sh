#!/usr/bin/env bash
# What the journal hash chain costs the registry: transfers per second with
# the seal (journal_seal trigger) on and off, with 1 and 2 concurrent clients
# that move different blocks (so nothing but the chain head is shared).
#   bash test/bench/security_journal.sh [seconds per run, default 10]
# Needs the tree of a test run (bash test/run-tests.sh --leg 15): starts that
# instance (.work/pg15, port GREENATTR_PORT or 54315), uses a database of its
# own, stops the instance at the end.  Prints one line per run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
secs=${1:-10}
port=${GREENATTR_PORT:-54315}
work=$root/.work/pg15
bin=$work/pgroot/usr/lib/postgresql/15/bin
[ -x "$bin/pgbench" ] || { echo "run bash test/run-tests.sh --leg 15 first" >&2; exit 2; }
as_pg() { runuser -u postgres -- "$@"; }
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null' EXIT
psql() { as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$work/sock" -p "$port" -U postgres "$@"; }

psql -d postgres -c 'DROP DATABASE IF EXISTS greenattr_bench' -c 'CREATE DATABASE greenattr_bench'
psql -d greenattr_bench <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION btree_gist;
CREATE EXTENSION greenattr;
INSERT INTO greenattr.entity (id, name, region) VALUES (1, 'A', 'CN-GD'), (2, 'B', 'CN-BJ');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES (1, 'Wind farm', 'generator', 'wind', 'CN-GD', 1);
INSERT INTO greenattr.activity (id, asset_id, kind, period, energy) VALUES (1, 1, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh');
INSERT INTO greenattr.account (id, holder_id) VALUES (1, 1), (2, 2), (3, 1), (4, 2);
-- client 1 moves GEC:1:1-100 between accounts 1 and 2, client 2 GEC:1:101-200 between 3 and 4
SELECT greenattr.issue('GEC', 1, 100, 1);
SELECT greenattr.issue('GEC', 1, 100, 3);
SQL
script=$(mktemp)
chmod 644 "$script"
cat >"$script" <<'PGB'
\set lo (:client_id % 2) * 100 + 1
\set hi (:client_id % 2) * 100 + 100
\set a (:client_id % 2) * 2 + 1
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', :lo, :hi),
	CASE WHEN (SELECT h.account_id FROM greenattr.holding h WHERE h.block::text = 'GEC:1:' || :lo || '-' || :hi) = :a
	     THEN :a + 1 ELSE :a END);
PGB
# The same two holdings change thousands of times, and their dead versions slow every
# later run: each run starts from a vacuumed table, and the second round takes the
# settings in the other order, so that neither side always runs first.
for order in "on off" "off on"; do
	for clients in 1 2; do
		for seal in $order; do
			if [ $seal = on ]; then
				psql -d greenattr_bench -c 'ALTER TABLE greenattr.journal ENABLE TRIGGER journal_seal'
			else
				psql -d greenattr_bench -c 'ALTER TABLE greenattr.journal DISABLE TRIGGER journal_seal'
			fi
			psql -d greenattr_bench -c 'VACUUM greenattr.holding, greenattr.journal_chain_head'
			tps=$(as_pg "$bin/pgbench" -n -h "$work/sock" -p "$port" -U postgres -c $clients -j $clients -T "$secs" \
				-f "$script" greenattr_bench 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
			echo "seal $seal, $clients client(s): $tps transfers/s"
		done
	done
done
psql -d greenattr_bench -c 'ALTER TABLE greenattr.journal ENABLE TRIGGER journal_seal'
# The runs with the seal off left journal rows without entries: verify_journal() says so.
psql -d greenattr_bench -At -c "SELECT 'verify_journal after the runs: valid ' || v.valid || ', ' || v.entries || ' entries intact; ' || coalesce(v.problem, '') FROM greenattr.verify_journal() v"
rm -f "$script"
