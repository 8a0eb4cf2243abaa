#!/usr/bin/env bash
# Audit benchmark (issue 9 workload 4, audit only): greenattr.audit() and each
# greenattr.audit_<area>() over a registry of N holdings, next to a sequential
# scan of every table the audit reads (journal and its hash chain included:
# audit_journal() reads both).  Prints figures, never fails on a time.
#
#   bash test/bench/audit_bench.sh                   # N = 100000 and 1000000 holdings
#   BENCH_SCALES=100000 bash test/bench/audit_bench.sh
#
# The registry is built by bulk INSERT with session_replication_role = replica
# (the registry's triggers off; its constraints and indexes on), not through
# issue()/retire(): N/2 certificate issuances of 10 units against N/20 monthly
# generation activities, each issuance split into two holdings (units 1-5
# retired, 6-10 active), one journal row per issuance and per retirement, and
# the SHA-256 chain over the journal computed with the extension's own hash
# function.  The bench then checks that audit() finds nothing: a registry the
# audit accepts, as issue()/retire() would have built it.
#
# BENCH_REUSE=1 runs against an instance already started (no build).
# Uses the throwaway instance of test/lib/instance.sh (GREENATTR_PG,
# GREENATTR_PORT) and a database of its own; do not run it next to the tests.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCALES=${BENCH_SCALES:-"100000 1000000"}
bench_instance
q() { ga_psql -At -d audit_bench "$@"; }
# One statement in a session of its own, result discarded: elapsed seconds, the
# backend's peak resident memory (VmHWM, kB) and its peak private memory (RssAnon, kB).
timed() { bench_timed audit_bench "$1" | tail -n 1; }
bench_database audit_bench
SCAN=$(audit_scan_sql)

for n in $SCALES; do
	say "building a registry of $n holdings (bulk INSERT, triggers off: session_replication_role = replica)"
	q >/dev/null <<SQL
SET client_min_messages = warning;
SET search_path = public, greenattr;
SET session_replication_role = replica;
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
TRUNCATE journal_chain, journal_chain_head, journal, holding, credit, certificate, green_power, energy_quota,
         numbering, activity, asset, account, entity CASCADE;
INSERT INTO entity (id, name, region) VALUES (1, 'Generator', 'CN-GD'), (2, 'Buyer', 'CN-BJ');
INSERT INTO account (id, holder_id) VALUES (1, 1), (2, 2);
INSERT INTO asset (id, name, kind, technology, region, owner_id)
SELECT g, 'wind ' || g, 'generator', 'wind', 'CN-GD', 1 FROM generate_series(1, $n / 200) g;
INSERT INTO activity (id, asset_id, kind, period, energy)
SELECT (a - 1) * 10 + m, a, 'generation',
       tstzrange(make_timestamptz(2024, m, 1, 0, 0, 0, 'UTC'), make_timestamptz(2024, m + 1, 1, 0, 0, 0, 'UTC')),
       '1000000 MWh'
  FROM generate_series(1, $n / 200) a, generate_series(1, 10) m;
-- 10 issuances of 10 units per activity, serials consecutive per asset.
INSERT INTO certificate (id, family, mechanism, asset_id, activity_id, block, vintage, claim_energy, issued_to)
SELECT (a.id - 1) * 10 + k, 'certificate', 'GEC', a.asset_id, a.id,
       certblock('GEC', a.asset_id::text, ((a.id - 1) % 10) * 100 + k * 10 - 9, ((a.id - 1) % 10) * 100 + k * 10),
       a.period, '10 MWh', 1
  FROM activity a, generate_series(1, 10) k;
SELECT setval('instrument_id_seq', (SELECT max(id) FROM instrument));
INSERT INTO numbering (scheme, space, next_first) SELECT 'GEC', id::text, 1001 FROM asset;
INSERT INTO holding (block, instrument_id, family, asset_id, account_id, status, beneficiary, purpose, claimed_period)
SELECT (split(i.block, 5)).head, i.id, 'certificate', i.asset_id, 1, 'retired', 'Buyer', 'scope2', i.vintage
  FROM certificate i
UNION ALL
SELECT (split(i.block, 5)).tail, i.id, 'certificate', i.asset_id, 1, 'active', NULL, NULL, NULL
  FROM certificate i;
INSERT INTO journal (verb, block, to_account, detail)
SELECT 'issue', i.block, 1, jsonb_build_object('instrument', i.id) FROM certificate i ORDER BY i.id;
INSERT INTO journal (verb, block, from_account, detail)
SELECT 'retire', h.block, 1, jsonb_build_object('beneficiary', h.beneficiary, 'purpose', h.purpose,
                                                'claimed_period', h.claimed_period::text)
  FROM holding h WHERE h.status = 'retired' ORDER BY h.id;
-- The chain, as the seals at commit would have written it.
DO \$\$
DECLARE
	j greenattr.journal;
	prev bytea := decode(repeat('00', 32), 'hex');
	h bytea;
	s bigint := 0;
BEGIN
	FOR j IN SELECT * FROM greenattr.journal ORDER BY id LOOP
		s := s + 1;
		h := greenattr.journal_entry_hash(prev, s, j.id, j.at, j.actor, j.verb, j.block::text,
		                                  j.from_account, j.to_account, j.detail::text);
		INSERT INTO greenattr.journal_chain (seq, journal_id, prev_hash, hash) VALUES (s, j.id, prev, h);
		prev := h;
	END LOOP;
	INSERT INTO greenattr.journal_chain_head (singleton, seq, hash) VALUES (true, s, prev);
END
\$\$;
SET session_replication_role = origin;
VACUUM ANALYZE;
SQL
	echo "  holdings $(q -c 'SELECT count(*) FROM greenattr.holding'), instruments $(q -c 'SELECT count(*) FROM greenattr.instrument')," \
		"journal rows $(q -c 'SELECT count(*) FROM greenattr.journal'), database $(q -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')"
	echo "  audit() violations (must be 0): $(q -c 'SELECT count(*) FROM greenattr.audit()')"
	# Vacuumed and checkpointed, each side run once to warm the cache; the figures below
	# are each side's second run.
	bench_quiet audit_bench
	timed "$SCAN" >/dev/null
	timed "SELECT count(*) FROM greenattr.audit()" >/dev/null
	read -r t_scan m_scan p_scan < <(timed "$SCAN")
	printf '  %-44s %8s s  VmHWM %8s kB  private %7s kB\n' "count(*) of the $(echo $AUDIT_TABLES | wc -w) tables audit reads" "$t_scan" "$m_scan" "$p_scan"
	# Every area audit() runs (as it finds them: greenattr.audit_*() without arguments), then audit().
	for f in $(q -c "SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'greenattr'::regnamespace
	                   AND p.proname LIKE 'audit\\_%' AND p.pronargs = 0 ORDER BY p.proname") audit; do
		read -r t m p < <(timed "SELECT count(*) FROM greenattr.$f()")
		printf '  %-44s %8s s  VmHWM %8s kB  private %7s kB  %6sx the scan\n' "greenattr.$f()" "$t" "$m" "$p" "$(ratio "$t" "$t_scan")"
	done
done
