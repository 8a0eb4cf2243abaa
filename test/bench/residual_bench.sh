#!/usr/bin/env bash
# Benchmark of the residual-mix area over a generated year of hourly data:
# 1,000 generators x 8,760 hours of grid data, 1,000 consumers x 8,760 hours of
# metered consumption, and hourly certificates on 30 % of the generation (300 of
# the 400 wind generators, every hour), issued with issue_many() and claimed by
# the consumers with claim_consumption_many(), in calls of 100,000 blocks.
# Prints the time of greenattr.residual_mix() and of greenattr.hourly_match()
# (all 1,000 consumers, one call each, and all at once with
# greenattr.hourly_match_region()) for the region-year next to a plain-SQL
# GROUP BY doing the same arithmetic over numeric copies of the data; and the
# rate of the issuance and of the claims.
#
#   bash test/bench/residual_bench.sh        # builds, starts the throwaway instance, runs
#   BENCH_GENERATORS=100 BENCH_CONSUMERS=100 bash test/bench/residual_bench.sh   # a smaller year
#   (60 % of the generators are coal, the rest wind; certificates on the output of three
#   quarters of the wind generators, 30 % of the generation; consumption about equals generation)
#   BENCH_REUSE=1: run against an instance already started (no build, no stop; the database stays)
#   BENCH_REUSE=1 BENCH_TIMINGS_ONLY=1: time the greenattr_bench database of an earlier run
#   again, on its instance started again on its data directory (no generation; the functions
#   are those the database was created with; for profiling and repeated timings)
#
# Uses the throwaway instance of test/lib/instance.sh (GREENATTR_PG, GREENATTR_PORT)
# and a database of its own, greenattr_bench.  About 12 GB of disk; do not run it
# next to the test command (they share the instance).
set -euo pipefail
G=${BENCH_GENERATORS:-1000}
C=${BENCH_CONSUMERS:-1000}
COAL=$((G * 6 / 10))
CLAIMED=$((G * 3 / 10))   # wind generators COAL+1 .. COAL+CLAIMED: 30 % of the generators' output
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_instance
bench() { ga_psql -d greenattr_bench "$@"; }
TIMINGS_ONLY=${BENCH_TIMINGS_ONLY:-0}
if [ "$TIMINGS_ONLY" = 1 ]; then
	[ -n "${BENCH_REUSE:-}" ] || { echo "BENCH_TIMINGS_ONLY=1 needs BENCH_REUSE=1 and the instance of an earlier run started on its data" >&2; exit 2; }
	bench -Atc "SELECT 1" >/dev/null || { echo "no greenattr_bench database to time" >&2; exit 2; }
fi
# Everything up to the timings makes the data (skipped with BENCH_TIMINGS_ONLY=1).
if [ "$TIMINGS_ONLY" != 1 ]; then
bench_database greenattr_bench

say "generating data"
bench <<SQL
\\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET TimeZone = 'UTC';
SET search_path = public, greenattr;
-- 1,000 generators in Guangdong: 600 coal at 0.800-0.899 t/MWh, 400 wind.
INSERT INTO greenattr.entity (id, name, region) VALUES (1, 'Gridco', 'CN-GD');
INSERT INTO greenattr.entity (id, name, region)
SELECT 1 + c, 'Consumer ' || c, 'CN-GD' FROM generate_series(1, $C) c;
INSERT INTO greenattr.account (id, holder_id, name) VALUES (1, 1, 'Gridco');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id)
SELECT g, 'Generator ' || g, 'generator', CASE WHEN g <= $COAL THEN 'coal' ELSE 'wind' END, 'CN-GD', 1
  FROM generate_series(1, $G) g;
-- Bulk load: the GiST exclusion constraints and index of the two big tables are
-- dropped for the load and created again (validating every row) right after it;
-- row-by-row GiST insertion would take most of the run.
ALTER TABLE greenattr.grid_generation DROP CONSTRAINT grid_generation_once, DROP CONSTRAINT grid_generation_asset_once;
DROP INDEX greenattr.grid_generation_region_period;
ALTER TABLE greenattr.consumption DROP CONSTRAINT consumption_once;
-- Hourly grid data of 2023 (8,760 hours), one row per generator and hour.
INSERT INTO greenattr.grid_generation (region, period, source, asset_id, energy, emission_factor)
SELECT 'CN-GD', tstzrange(t, t + interval '1 hour'), CASE WHEN g <= $COAL THEN 'coal' ELSE 'wind' END, g,
       (((g * 7 + h * 13) % 100) + 1)::bigint * '1 MWh'::greenattr.energy,
       CASE WHEN g <= $COAL THEN (0.800 + (g % 100) / 1000.0)::numeric::greenattr.emission_factor
            ELSE '0 t/MWh'::greenattr.emission_factor END
  FROM generate_series(1, $G) g,
       generate_series(0, 8759) h,
       LATERAL (SELECT timestamptz '2023-01-01 00:00+00' + h * interval '1 hour' AS t) x;
-- Hourly consumption of 1,000 consumers, 1-100 MWh each: in total about the
-- generation, so that the claims (30 % of it) cover part of it.
INSERT INTO greenattr.consumption (entity_id, region, period, energy)
SELECT 1 + c, 'CN-GD', tstzrange(t, t + interval '1 hour'), (((c * 11 + h * 3) % 100) + 1)::bigint * '1 MWh'::greenattr.energy
  FROM generate_series(1, $C) c,
       generate_series(0, 8759) h,
       LATERAL (SELECT timestamptz '2023-01-01 00:00+00' + h * interval '1 hour' AS t) x;
ALTER TABLE greenattr.grid_generation
	ADD CONSTRAINT grid_generation_once EXCLUDE USING gist (region WITH =, source WITH =, period WITH &&) WHERE (asset_id IS NULL),
	ADD CONSTRAINT grid_generation_asset_once EXCLUDE USING gist (asset_id WITH =, period WITH &&) WHERE (asset_id IS NOT NULL);
CREATE INDEX grid_generation_region_period ON greenattr.grid_generation USING gist (region, period);
ALTER TABLE greenattr.consumption ADD CONSTRAINT consumption_once EXCLUDE USING gist (entity_id WITH =, region WITH =, period WITH &&);
-- Hourly activities of wind generators COAL+1 .. COAL+CLAIMED, for their certificates.
INSERT INTO greenattr.activity (asset_id, kind, period, energy)
SELECT g.asset_id, 'generation', g.period, g.energy FROM greenattr.grid_generation g
 WHERE g.asset_id BETWEEN $COAL + 1 AND $COAL + $CLAIMED ORDER BY g.asset_id, g.period;
VACUUM ANALYZE greenattr.activity;
SQL

# Issued and claimed through the registry, in calls of 100,000 blocks, one
# transaction per call: certificates of the whole hour's output into Gridco's
# account, each claimed for the hour by one consumer (hour h of generator g by
# consumer (g + h) mod C: no consumer gets two in one hour while the claimed
# generators are no more than the consumers).
say "issuing and claiming the certificates"
# Each in a session of its own, timed with its backend's memory (workload 5): the
# heaviest backends of the registry in this workload.
read -r t_issue m_issue p_issue < <(bench_timed greenattr_bench "DO \$\$
DECLARE
	lo bigint;
BEGIN
	FOR lo IN SELECT generate_series(min(id), max(id), 100000) FROM greenattr.activity LOOP
		PERFORM count(*) FROM greenattr.issue_many('GEC',
			ARRAY(SELECT a.id FROM greenattr.activity a WHERE a.id >= lo AND a.id < lo + 100000 ORDER BY a.id),
			ARRAY(SELECT (a.energy::numeric)::bigint FROM greenattr.activity a WHERE a.id >= lo AND a.id < lo + 100000 ORDER BY a.id),
			1);
		COMMIT;
	END LOOP;
END
\$\$" | tail -n 1)
read -r t_claim m_claim p_claim < <(bench_timed greenattr_bench "DO \$\$
DECLARE
	lo bigint;
BEGIN
	FOR lo IN SELECT generate_series(min(id), max(id), 100000) FROM greenattr.instrument LOOP
		PERFORM count(*) FROM greenattr.claim_consumption_many(
			ARRAY(SELECT i.block FROM greenattr.instrument i WHERE i.id >= lo AND i.id < lo + 100000 ORDER BY i.id),
			ARRAY(SELECT 2 + (i.asset_id + (extract(epoch FROM lower(i.vintage) - timestamptz '2023-01-01 00:00+00') / 3600)::bigint) % $C
			        FROM greenattr.instrument i WHERE i.id >= lo AND i.id < lo + 100000 ORDER BY i.id),
			'CN-GD',
			ARRAY(SELECT i.vintage FROM greenattr.instrument i WHERE i.id >= lo AND i.id < lo + 100000 ORDER BY i.id));
		COMMIT;
	END LOOP;
END
\$\$" | tail -n 1)
echo "   issue_many(): $t_issue s, VmHWM $m_issue kB, private $p_issue kB; claim_consumption_many(): $t_claim s, VmHWM $m_claim kB, private $p_claim kB"
figure "residual_issue 1 $t_issue $m_issue $p_issue"
figure "residual_claims 1 $t_claim $m_claim $p_claim"
bench <<SQL
SELECT (SELECT count(*) FROM greenattr.instrument) AS certificates,
       round((SELECT count(*) FROM greenattr.instrument) / $t_issue) AS issued_per_s,
       count(*) AS claims, round(count(*) / $t_claim) AS claimed_per_s,
       round(100 * sum(c.energy::numeric) / (SELECT sum(g.energy::numeric) FROM greenattr.grid_generation g), 2) AS pct_of_generation_claimed,
       round(100 * sum(c.energy::numeric) / (SELECT sum(y.energy::numeric) FROM greenattr.consumption y), 2) AS pct_of_consumption_claimed
  FROM greenattr.consumption_claim c;
SQL

say "numeric copies for the plain-SQL way"
bench <<SQL
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET TimeZone = 'UTC';
SET search_path = public, greenattr;
-- Numeric copies for the plain-SQL comparison.
CREATE TABLE gen_num AS SELECT region, period, source, energy::numeric AS energy, emissions::numeric AS co2e FROM greenattr.grid_generation;
CREATE TABLE cert_num AS
SELECT s.region, s.technology AS source, i.vintage, i.claim_energy::numeric AS energy
  FROM greenattr.instrument i JOIN greenattr.asset s ON s.id = i.asset_id;
CREATE TABLE claim_num AS
SELECT c.entity_id, c.region, c.period, c.energy::numeric AS energy, i.vintage, s.region AS gen_region
  FROM greenattr.consumption_claim c JOIN greenattr.instrument i ON i.id = c.instrument_id AND i.family = c.family
  JOIN greenattr.asset s ON s.id = c.asset_id;
CREATE TABLE cons_num AS SELECT entity_id, region, period, energy::numeric AS energy FROM greenattr.consumption;
CREATE INDEX ON gen_num (region);
CREATE INDEX ON cons_num (entity_id);
VACUUM ANALYZE;
SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size;
SQL

fi

say "timings (two rounds of each pair, then hourly_match per consumer once; each query in a session of its own)"
# timed KEY LABEL QUERY: run the query in a session of its own; print its result, then
# its time, the session's peak memory (VmHWM, which counts the shared buffers it touched)
# and its peak private memory (RssAnon), and the figure KEY of this round for all.sh.
timed() {
	local out t m p
	echo "-- $2"
	bench -c "CHECKPOINT" >/dev/null
	out=$(bench_timed greenattr_bench "$3" show)
	head -n -1 <<<"$out"
	read -r t m p <<<"$(tail -n 1 <<<"$out")"
	echo "   $t s; VmHWM $m kB, private $p kB"
	figure "$1 $round $t $m $p"
}
# Two rounds; in each pair of a greenattr query and its plain twin, greenattr's
# runs first in round 1 and second in round 2, so that neither always runs on
# what the other left in the caches.
pair() {
	if [ "$round" = 1 ]; then timed "$1" "$2" "$3"; timed "$4" "$5" "$6"; else timed "$4" "$5" "$6"; timed "$1" "$2" "$3"; fi
}
for round in 1 2; do
say "round $round"

pair residual_mix "residual_mix(CN-GD, 2023)" "SELECT residual_mix('CN-GD', '[2023-01-01,2024-01-01)')" \
     residual_plain "plain GROUP BY over numeric: same arithmetic (per-source sums, tracked, claims, ratio)" "
WITH g AS (SELECT source, sum(energy) AS e, sum(co2e) AS c FROM gen_num
            WHERE region = 'CN-GD' AND period && '[2023-01-01,2024-01-01)' GROUP BY source),
     t AS (SELECT source, sum(energy) AS t FROM cert_num
            WHERE region = 'CN-GD' AND vintage && '[2023-01-01,2024-01-01)' GROUP BY source),
     k AS (SELECT coalesce(sum(energy), 0) AS k FROM claim_num WHERE region = 'CN-GD' AND period && '[2023-01-01,2024-01-01)')
SELECT round((sum(g.c) - sum(round(coalesce(t.t, 0) * g.c / g.e, 6))) / (sum(g.e) - sum(coalesce(t.t, 0))), 6) AS residual,
       (SELECT k FROM k) AS claimed
  FROM g LEFT JOIN t USING (source)"
pair hourly_match_region "hourly_match_region: the same rows for the whole region in one query" "
SELECT sum(m.matched) AS matched, sum(m.consumption) AS consumption, round(sum(m.matched) / sum(m.consumption), 6) AS cfe
  FROM hourly_match_region('CN-GD', '[2023-01-01,2024-01-01)') m" \
     hourly_plain "plain GROUP BY over numeric: consumption and claims per consumer and hour, matched = least()" "
WITH c AS (SELECT entity_id, lower(period) AS h, sum(energy) AS e FROM cons_num
            WHERE region = 'CN-GD' AND period && '[2023-01-01,2024-01-01)' GROUP BY 1, 2),
     k AS (SELECT entity_id, lower(vintage) AS h, sum(energy) AS e FROM claim_num
            WHERE gen_region = region AND vintage && '[2023-01-01,2024-01-01)' GROUP BY 1, 2)
SELECT sum(least(c.e, coalesce(k.e, 0))) AS matched, sum(c.e) AS consumption,
       round(sum(least(c.e, coalesce(k.e, 0))) / sum(c.e), 6) AS cfe
  FROM c LEFT JOIN k USING (entity_id, h)"
done
# Not a goal's query, and 50 s long: once, after both rounds, so that it precedes neither
# side of a pair.
round=1
timed hourly_match_each "hourly_match for every consumer of CN-GD, 2023, one call each (sum of matched energy, CFE)" "
SELECT sum(m.matched) AS matched, sum(m.consumption) AS consumption, round(sum(m.matched) / sum(m.consumption), 6) AS cfe
  FROM entity e CROSS JOIN LATERAL hourly_match(e.id, '[2023-01-01,2024-01-01)') m WHERE e.region = 'CN-GD'"

