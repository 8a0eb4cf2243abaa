#!/usr/bin/env bash
# ETS surrender benchmark: prints figures, never fails on a time.
#
#   bash test/bench/ets_bench.sh                  # 10 calls of 1000 blocks
#   BENCH_CALLS=20 BENCH_BLOCKS=500 bash test/bench/ets_bench.sh
#
# One Guangdong entity surrenders BENCH_CALLS times BENCH_BLOCKS ten-unit
# blocks of CCER (Guangdong wind, so every rule of ETS_GD:seeds is evaluated and
# holds); each call is timed, so the cost of the year's earlier surrenders (the cap
# and origin quota count them) shows as the calls go on.  Then check_surrender()
# of 100 blocks against the full year, plain retire() of as many blocks for comparison
# (the registry's per-block cost), and audit_ets().
source "$(dirname "${BASH_SOURCE[0]}")/../lib/instance.sh"

CALLS=${BENCH_CALLS:-10}
BLOCKS=${BENCH_BLOCKS:-1000}

ga_install_deps
ga_build
ga_start
trap ga_stop EXIT

q() { ga_psql -At -d bench "$@"; }
# Run one statement (no trailing semicolon); print the elapsed seconds.
timed() {
	ga_psql -At -d bench <<SQL
SET client_min_messages = warning;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
$1 \g /dev/null
SELECT round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 3);
SQL
}

ga_psql -d postgres -c "CREATE DATABASE bench" >/dev/null
total=$(((CALLS + 1) * BLOCKS * 10 + 1000))
q >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION greenattr CASCADE;
INSERT INTO greenattr.entity (id, name, region) VALUES (1, 'Windco', 'CN-GD'), (2, 'Cement', 'CN-GD');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id, gases) VALUES (1, 'GD wind', 'project', 'wind', 'CN-GD', 1, '{CO2}');
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e) VALUES (1, 1, 'reduction', '[2024-01-01,2025-01-01)', '${total} t');
INSERT INTO greenattr.account (id, holder_id) VALUES (1, 2);
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (2, 'ETS_GD', '[2013-01-01,)');
INSERT INTO greenattr.compliance_figure (entity_id, market, compliance_year, verified_emissions) VALUES (2, 'ETS_GD', 2024, '1e9 t');
SELECT greenattr.issue('CCER', 1, ${total}, 1);
SQL

say "surrender: ${CALLS} calls of ${BLOCKS} blocks of 10 t (one entity, ETS_GD, 2024)"
printf '%-6s %-14s %10s %12s\n' call earlier_rows seconds blocks/s
for c in $(seq 0 $((CALLS - 1))); do
	first=$((c * BLOCKS * 10 + 1))
	s=$(timed "SELECT greenattr.surrender(2, 'ETS_GD', 2024,
		ARRAY(SELECT greenattr.certblock('CCER', '1', $first + 10 * g, $first + 10 * g + 9) FROM generate_series(0, $BLOCKS - 1) g))")
	printf '%-6s %-14s %10s %12s\n' $((c + 1)) $((c * BLOCKS)) "$s" \
		"$(python3 -c "import sys; print(int(float(sys.argv[1])/float(sys.argv[2])) if float(sys.argv[2]) else 'n/a')" "$BLOCKS" "$s")"
done
last=$((CALLS * BLOCKS * 10 + 1))
say "check_surrender of 100 blocks against $((CALLS * BLOCKS)) earlier surrendered blocks"
timed "SELECT * FROM greenattr.check_surrender(2, 'ETS_GD', 2024,
	ARRAY(SELECT greenattr.certblock('CCER', '1', $last + g, $last + g) FROM generate_series(0, 99) g))"
say "for comparison: ${BLOCKS} greenattr.retire() of 10 t blocks in one transaction, same holdings"
timed "SELECT count(greenattr.retire(greenattr.certblock('CCER', '1', $last + 100 + 10 * g, $last + 109 + 10 * g), 'Cement', 'voluntary'))
	FROM generate_series(0, $BLOCKS - 1) g"
say "audit_ets() over the same"
timed "SELECT * FROM greenattr.audit_ets()"
q -c "SELECT count(*) AS surrender_rows, sum(units) AS units FROM greenattr.surrender"
