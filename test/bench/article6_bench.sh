#!/usr/bin/env bash
# Article 6 benchmark: what the ITMO triggers cost the registry verbs.  Prints
# figures, never fails on a time.
#
#   GREENATTR_PORT=54421 bash test/bench/article6_bench.sh     # N = 2000 moves of 10 units
#   BENCH_N=20000 bash test/bench/article6_bench.sh
#
# In one throwaway instance (the harness's: fsync and synchronous_commit off):
#   1. N international transfers of unauthorized units with the holding
#      trigger itmo_holding_change disabled (the registry alone), then N more
#      with it enabled (only its "any authorized unit here?" probe runs); twice;
#   2. N international transfers of authorized units, each a first transfer
#      (lock, pieces, action and addition rows);
#   3. N NDC uses of those units (checks and a subtraction each);
#   4. N retirements of unauthorized units for another purpose;
#   5. audit_article6() and audit_registry() over the result.
# Tables are analyzed before each workload.
# Each workload runs as one DO block in its own session; the figure is the
# elapsed time and the rate per second.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/instance.sh"

N=${BENCH_N:-2000}
ga_install_deps
ga_build
ga_start
trap ga_stop EXIT

q() { ga_psql -At -d bench "$@"; }
timed() {
	ga_psql -At -d bench <<SQL
SET client_min_messages = warning;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
$1 \g /dev/null
SELECT round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 3);
SQL
}
rate() { python3 -c "import sys; print(int(float(sys.argv[1])/float(sys.argv[2])) if float(sys.argv[2]) else 'n/a')" "$1" "$2"; }

ga_psql -d postgres -c "CREATE DATABASE bench" >/dev/null
q >/dev/null <<SQL
SET client_min_messages = warning;
CREATE EXTENSION greenattr CASCADE;
INSERT INTO greenattr.entity (id, name, region, kind, party) VALUES
	(10, 'Government of Thailand', 'TH', 'government', 'THA'), (11, 'Government of Japan', 'JP', 'government', 'JPN');
INSERT INTO greenattr.entity (id, name, region) VALUES (15, 'Siam Solar Co', 'TH');
INSERT INTO greenattr.account (id, holder_id, kind) VALUES (10, 10, 'government'), (11, 11, 'government'), (15, 15, 'holding');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(10, 'Solar A', 'project', 'solar', 'TH', 15), (11, 'Solar B', 'project', 'solar', 'TH', 15);
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e) VALUES
	(10, 10, 'reduction', '[2024-01-01,2025-01-01)', '100000000 t'),
	(11, 11, 'reduction', '[2024-01-01,2025-01-01)', '100000000 t');
INSERT INTO greenattr.party_registry VALUES ('THA', 'THA01');
INSERT INTO greenattr.cooperative_approach VALUES ('CA0001', 'bench', ARRAY['THA', 'JPN'], true);
SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2025-01-01)', $((N * 10)), 10);
-- One holding per 10-unit block, so that no workload splits (and churns) a big holding:
-- asset 10: N blocks, all authorized; asset 11: 4N blocks, none authorized.
DO \$\$ BEGIN FOR k IN 1 .. $N LOOP PERFORM greenattr.issue('JCM', 10, 10, 15); END LOOP; END \$\$;
DO \$\$ BEGIN FOR k IN 1 .. $((4 * N)) LOOP PERFORM greenattr.issue('JCM', 11, 10, 15); END LOOP; END \$\$;
SQL

say "Article 6 triggers, N = $N moves of 10 units"
printf '%-48s %10s %10s\n' workload seconds per_s
run() {
	local label=$1 body=$2 s
	q -c "ANALYZE" >/dev/null
	s=$(timed "DO \$\$ BEGIN FOR k IN 0 .. $((N - 1)) LOOP $body END LOOP; END \$\$")
	printf '%-48s %10s %10s\n' "$label" "$s" "$(rate "$N" "$s")"
}
# Off and on twice, alternating, on fresh units each time (the holding table grows).
for pass in 0 2; do
	q -c "ALTER TABLE greenattr.holding DISABLE TRIGGER itmo_holding_change" >/dev/null
	run "transfer abroad, unauthorized, trigger off" \
		"PERFORM greenattr.transfer(greenattr.certblock('JCM', '11', $((pass * N * 10)) + k * 10 + 1, $((pass * N * 10)) + k * 10 + 10), 11);"
	q -c "ALTER TABLE greenattr.holding ENABLE TRIGGER itmo_holding_change" >/dev/null
	run "transfer abroad, unauthorized, trigger on" \
		"PERFORM greenattr.transfer(greenattr.certblock('JCM', '11', $(((pass + 1) * N * 10)) + k * 10 + 1, $(((pass + 1) * N * 10)) + k * 10 + 10), 11);"
done
run "transfer abroad, authorized: first transfer" \
	"PERFORM greenattr.transfer(greenattr.certblock('JCM', '10', k * 10 + 1, k * 10 + 10), 11);"
run "use toward NDC (checks + subtraction)" \
	"PERFORM greenattr.use_for_ndc(greenattr.certblock('JCM', '10', k * 10 + 1, k * 10 + 10), 'JPN', 2025);"
run "retire unauthorized units, purpose offset" \
	"PERFORM greenattr.retire(greenattr.certblock('JCM', '11', k * 10 + 1, k * 10 + 10), 'x', 'offset', from_account => 11);"
printf '%-48s %10s\n' "audit_article6()" "$(timed 'SELECT count(*) FROM greenattr.audit_article6()')"
printf '%-48s %10s\n' "audit_registry()" "$(timed 'SELECT count(*) FROM greenattr.audit_registry()')"
printf '%-48s %10s\n' "violations (audit())" "$(q -c 'SELECT count(*) FROM greenattr.audit()')"
printf '%-48s %10s\n' "adjustments written" "$(q -c 'SELECT count(*) FROM greenattr.corresponding_adjustment')"
