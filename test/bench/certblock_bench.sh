#!/usr/bin/env bash
# test/bench/certblock_bench.sh: benchmark (not a test) of the overlap guard.
#
# Builds the GiST exclusion index over 1,000,000 blocks, then inserts 100,000
# more blocks under the constraint, in two ways in the same run on the same
# throwaway instance:
#   certblock   b certblock,             EXCLUDE USING gist (b WITH OPERATOR(greenattr.&&))
#   plain SQL   space text, r int8range, EXCLUDE USING gist (space WITH =, r WITH &&)  (btree_gist)
# and prints rows/s for each step.  Data: 1,000 numbering spaces x 1,000 blocks
# of 50 units (units k*100+1 .. k*100+50), loaded in random order; the 100,000
# new blocks fill the gaps (k*100+51 .. k*100+100, adjacent to existing blocks,
# never overlapping), also in random order, in one INSERT ... SELECT.
# Finally each table must refuse an overlapping block (a check that the
# constraint was live, not part of the timing).
#
# Usage: GREENATTR_PORT=54412 bash test/bench/certblock_bench.sh [spaces] [blocks-per-space]
source "$(dirname "${BASH_SOURCE[0]}")/../lib/instance.sh"

SPACES=${1:-1000}
PER_SPACE=${2:-1000}
NEW_PER_SPACE=$((PER_SPACE / 10))

ga_install_deps
ga_build
ga_start
trap ga_stop EXIT

q() { ga_psql -d postgres -At "$@"; }

# Seconds (with fractions) taken by one SQL statement.
timed() {
	local t0 t1
	t0=$(date +%s.%N)
	q -c "$1" >/dev/null || return 1
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}

rate() { printf '%.0f' "$(echo "$1 / $2" | bc -l)"; }

q -c "CREATE EXTENSION greenattr" -c "CREATE EXTENSION btree_gist"
say "generating $((SPACES * PER_SPACE)) blocks in $SPACES numbering spaces"
q <<SQL
SELECT setseed(0.5);
CREATE TABLE src AS
SELECT 'GS'::text AS scheme, 'GS1-1-KE-GS' || s || '-16-2025-' || (30000 + s) AS space,
       k * 100 + 1 AS first, k * 100 + 50 AS last
FROM generate_series(1, $SPACES) s, generate_series(0, $PER_SPACE - 1) k ORDER BY random();
CREATE TABLE src_new AS
SELECT 'GS'::text AS scheme, 'GS1-1-KE-GS' || s || '-16-2025-' || (30000 + s) AS space,
       k * 100 + 51 AS first, k * 100 + 100 AS last
FROM generate_series(1, $SPACES) s, generate_series(0, $NEW_PER_SPACE - 1) k ORDER BY random();
CREATE TABLE cb (b greenattr.certblock NOT NULL);
INSERT INTO cb SELECT greenattr.certblock(scheme, space, first, last) FROM src;
CREATE TABLE pl (space text NOT NULL, r int8range NOT NULL);
INSERT INTO pl SELECT scheme || ':' || space, int8range(first, last, '[]') FROM src;
VACUUM ANALYZE cb; VACUUM ANALYZE pl; VACUUM ANALYZE src_new;
CHECKPOINT;
SQL

n_old=$((SPACES * PER_SPACE))
n_new=$((SPACES * NEW_PER_SPACE))

say "certblock: building the GiST exclusion index"
cb_build=$(timed "ALTER TABLE cb ADD CONSTRAINT cb_excl EXCLUDE USING gist (b WITH OPERATOR(greenattr.&&))")
q -c "CHECKPOINT"
say "certblock: inserting $n_new blocks under the constraint"
cb_ins=$(timed "INSERT INTO cb SELECT greenattr.certblock(scheme, space, first, last) FROM src_new")

say "plain SQL (text + int8range, btree_gist): building the GiST exclusion index"
pl_build=$(timed "ALTER TABLE pl ADD CONSTRAINT pl_excl EXCLUDE USING gist (space WITH =, r WITH &&)")
q -c "CHECKPOINT"
say "plain SQL: inserting $n_new blocks under the constraint"
pl_ins=$(timed "INSERT INTO pl SELECT scheme || ':' || space, int8range(first, last, '[]') FROM src_new")

# The constraints are live: an overlapping block is refused by both.
cb_refused=$(q -c "INSERT INTO cb VALUES ('GS:GS1-1-KE-GS7-16-2025-30007:140-160')" 2>&1 | grep -c 'violates exclusion constraint' || true)
pl_refused=$(q -c "INSERT INTO pl VALUES ('GS:GS1-1-KE-GS7-16-2025-30007', int8range(140, 160, '[]'))" 2>&1 | grep -c 'violates exclusion constraint' || true)
sizes=$(q -c "SELECT pg_size_pretty(pg_relation_size('cb_excl')) || ' vs ' || pg_size_pretty(pg_relation_size('pl_excl'))")

echo
printf '%-44s %12s %12s %12s\n' "step ($(nproc) CPUs, PostgreSQL $PGVER)" "seconds" "rows/s" "vs plain"
printf '%-44s %12.2f %12s %12s\n' "certblock GiST build, $n_old rows" "$cb_build" "$(rate $n_old "$cb_build")" \
	"$(printf '%.2fx' "$(echo "$pl_build / $cb_build" | bc -l)")"
printf '%-44s %12.2f %12s %12s\n' "btree_gist text+int8range build" "$pl_build" "$(rate $n_old "$pl_build")" "1.00x"
printf '%-44s %12.2f %12s %12s\n' "certblock insert $n_new under EXCLUDE" "$cb_ins" "$(rate $n_new "$cb_ins")" \
	"$(printf '%.2fx' "$(echo "$pl_ins / $cb_ins" | bc -l)")"
printf '%-44s %12.2f %12s %12s\n' "btree_gist insert under EXCLUDE" "$pl_ins" "$(rate $n_new "$pl_ins")" "1.00x"
echo "index size (certblock vs plain): $sizes"
echo "overlap refused afterwards: certblock=$cb_refused plain=$pl_refused (1 = yes)"
[ "$cb_refused" = 1 ] && [ "$pl_refused" = 1 ]
