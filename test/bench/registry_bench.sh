#!/usr/bin/env bash
# Registry benchmark (issue 9 workloads 1, 2, 4, 5): prints figures, never fails on a time.
#
#   bash test/bench/registry_bench.sh                 # scales 100000 and 1000000 blocks
#   BENCH_SCALES=100000 bash test/bench/registry_bench.sh
#   BENCH_SECONDS=60 (pgbench duration), BENCH_CLIENTS=2
#   BENCH_CALL_ROWS=100000: issue_many() is called with at most this many blocks at a time
#
# 1. Bulk issuance: N certificate blocks against N/10 generation activities, three ways in one
#    instance: the limit (unindexed table of the instruments' columns), the plain-SQL way (the
#    registry's schema in plain SQL: issuances with a text serial + int8range, a btree_gist
#    EXCLUDE and a PL/pgSQL trigger doing the attribute-sum check, the holding each creates,
#    one holder per unit by a btree_gist EXCLUDE, and a journal row; written in one statement),
#    and the registry with every invariant on: greenattr.issue_many() (the bulk verb: the rows
#    checked as a batch, in calls of BENCH_CALL_ROWS) and greenattr.issue() called once per block (scales up to
#    BENCH_ROW_MAX, default 100000: 1,000,000 calls take ten minutes), each on an empty registry.
# 2. Transfers under concurrency: pgbench moving random sub-blocks between random accounts,
#    next to the plain-SQL way of the same moves (int8range serials, btree_gist exclusion,
#    no conservation check, hash chain or guards) and pgbench's built-in TPC-B-like script;
#    then audit() and conservation.
# 4. audit() over the registry of the last scale, next to a sequential scan of every table
#    it reads (the journal and its hash chain included).
# 5. Peak memory of the backend that ran each workload: VmHWM, which also counts the pages of
#    shared_buffers (256 MB) the backend touched, and its private memory (the highest RssAnon,
#    sampled every 20 ms).  For the pgbench runs, the highest of their backends, sampled five
#    times a second.
#
# The instance is the harness's throwaway one (fsync and synchronous_commit off), the same for
# every side of each comparison; BENCH_REUSE=1 uses one already running (test/bench/all.sh).
# Lines "figure: ..." are the figures all.sh puts in its summary.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SCALES=${BENCH_SCALES:-"100000 1000000"}
SECONDS_RUN=${BENCH_SECONDS:-60}
CLIENTS=${BENCH_CLIENTS:-2}
ROW_MAX=${BENCH_ROW_MAX:-100000}
CALL_ROWS=${BENCH_CALL_ROWS:-100000}

bench_instance

q() { ga_psql -At -d bench "$@"; }
# Run one statement (no trailing semicolon) in a session of its own, its result
# discarded; print the elapsed seconds, the session's peak memory (VmHWM) and its peak
# private memory (kB).
timed() { bench_timed bench "$1" | tail -n 1; }
quiet() { bench_quiet bench; }
# audit()'s violations: their number, and how many of each invariant.
violations() {
	q -c "SELECT coalesce(sum(n), 0) || coalesce(' (' || string_agg(invariant || ': ' || n, ', ') || ')', '')
	        FROM (SELECT invariant, count(*) AS n FROM greenattr.audit() GROUP BY 1) v"
}

bench_database bench

say "workload 1: bulk issuance"
printf '%-10s %-12s %12s %12s %10s %10s %10s\n' blocks way seconds rows/s vs_limit peak_kB private_kB
for n in $SCALES; do
	acts=$((n / 10))
	q >/dev/null <<SQL
SET client_min_messages = warning;
SET search_path = public, greenattr;
DROP TABLE IF EXISTS bare, plain_journal, plain_holding, plain_cert, plain_activity, plain_account CASCADE;
DROP FUNCTION IF EXISTS plain_check();
-- fresh registry data for this scale (reference rows stay; replica mode lets the
-- benchmark, and only it, empty the append-only tables, the journal's hash chain
-- with the journal)
SET session_replication_role = replica;
TRUNCATE journal, journal_chain, journal_chain_head, holding, credit, certificate, green_power, energy_quota, numbering, activity, asset, account, entity CASCADE;
SET session_replication_role = origin;
INSERT INTO entity (id, name, region) VALUES (1, 'Generator', 'CN-GD');
INSERT INTO account (id, holder_id) VALUES (1, 1);
INSERT INTO asset (id, name, kind, technology, region, owner_id)
SELECT g, 'wind ' || g, 'generator', 'wind', 'CN-GD', 1 FROM generate_series(1, $acts / 10) g;
INSERT INTO activity (id, asset_id, kind, period, energy)
SELECT (a - 1) * 10 + m, a, 'generation',
       tstzrange(make_timestamptz(2024, m, 1, 0, 0, 0, 'UTC'), make_timestamptz(2024, m + 1, 1, 0, 0, 0, 'UTC')),
       '1000000 MWh'
  FROM generate_series(1, $acts / 10) a, generate_series(1, 10) m;
-- the limit: the instruments' columns (id and issued_at drawn as the registry draws them), no index
CREATE TABLE bare (id bigserial, family text, mechanism text, asset_id bigint, activity_id bigint, block certblock,
                   vintage tstzrange, claim_energy energy, issued_to bigint, issued_at timestamptz DEFAULT now());
-- The plain-SQL way, the same schema as the registry's: issuances (text serial +
-- int8range, btree_gist exclusion, PL/pgSQL sum check), the holding each issuance
-- creates (one holder per unit: btree_gist exclusion; keys to the issuance and the
-- account) and a journal row; no hash chain, no account status or kind, no guards.
CREATE TABLE plain_account (id bigint PRIMARY KEY);
INSERT INTO plain_account SELECT id FROM account;
CREATE TABLE plain_activity (id bigint PRIMARY KEY, asset_id bigint, period tstzrange, mwh numeric);
INSERT INTO plain_activity SELECT id, asset_id, period, mwh(energy) FROM activity;
CREATE TABLE plain_cert (id bigserial PRIMARY KEY, scheme text, space text, serials int8range,
                         activity_id bigint REFERENCES plain_activity, mwh numeric,
                         issued_to bigint REFERENCES plain_account, issued_at timestamptz NOT NULL DEFAULT now(),
                         EXCLUDE USING gist (scheme WITH =, space WITH =, serials WITH &&));
CREATE INDEX ON plain_cert (activity_id);
CREATE TABLE plain_holding (id bigserial PRIMARY KEY, scheme text NOT NULL, space text NOT NULL,
                            serials int8range NOT NULL, instrument_id bigint NOT NULL REFERENCES plain_cert,
                            account_id bigint NOT NULL REFERENCES plain_account, status text NOT NULL DEFAULT 'active',
                            since timestamptz NOT NULL DEFAULT now(),
                            EXCLUDE USING gist (scheme WITH =, space WITH =, serials WITH &&));
CREATE INDEX ON plain_holding (account_id);
CREATE INDEX ON plain_holding (instrument_id);
CREATE TABLE plain_journal (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(),
                            verb text NOT NULL, scheme text NOT NULL, space text NOT NULL, serials int8range NOT NULL,
                            from_account bigint, to_account bigint, detail jsonb);
-- Point lookups only: the same plan setting as the registry's own trigger functions.
CREATE FUNCTION plain_check() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS \$\$
DECLARE have numeric; used numeric;
BEGIN
	SELECT mwh INTO have FROM plain_activity WHERE id = NEW.activity_id FOR NO KEY UPDATE;
	SELECT coalesce(sum(mwh), 0) INTO used FROM plain_cert WHERE activity_id = NEW.activity_id;
	IF used + NEW.mwh > have THEN
		RAISE EXCEPTION 'activity % over-claimed', NEW.activity_id USING ERRCODE = '23514';
	END IF;
	RETURN NEW;
END \$\$;
CREATE TRIGGER plain_check BEFORE INSERT ON plain_cert FOR EACH ROW EXECUTE FUNCTION plain_check();
ANALYZE;
SQL
	quiet
	read -r t_bare m_bare p_bare < <(timed "INSERT INTO bare (family, mechanism, asset_id, activity_id, block, vintage,
		                                                     claim_energy, issued_to)
		SELECT 'certificate', 'GEC', (a.id - 1) / 10 + 1, a.id,
		certblock('GEC', ((a.id - 1) / 10 + 1)::text, ((a.id - 1) % 10) * 100 + k * 10 - 9, ((a.id - 1) % 10) * 100 + k * 10),
		a.period, '10 MWh', 1
		FROM activity a, generate_series(1, 10) k")
	quiet
	read -r t_plain m_plain p_plain < <(timed "WITH c AS (
		INSERT INTO plain_cert (scheme, space, serials, activity_id, mwh, issued_to)
		SELECT 'GEC', ((a.id - 1) / 10 + 1)::text,
		       int8range(((a.id - 1) % 10) * 100 + k * 10 - 9, ((a.id - 1) % 10) * 100 + k * 10, '[]'), a.id, 10, 1
		FROM activity a, generate_series(1, 10) k ORDER BY a.id, k
		RETURNING id, scheme, space, serials, activity_id, issued_to),
		h AS (INSERT INTO plain_holding (scheme, space, serials, instrument_id, account_id)
		      SELECT scheme, space, serials, id, issued_to FROM c ORDER BY id)
		INSERT INTO plain_journal (verb, scheme, space, serials, to_account, detail)
		SELECT 'issue', scheme, space, serials, issued_to, jsonb_build_object('instrument', id, 'activity', activity_id)
		  FROM c ORDER BY id")
	# The same blocks as above, in the same order: activity by activity, 10 units each,
	# in calls of at most CALL_ROWS blocks (a loader's batches), all in one statement.
	quiet
	read -r t_bulk m_bulk p_bulk < <(timed "WITH b AS (SELECT array_agg(a.id ORDER BY a.id, k) AS acts
	                                          FROM activity a, generate_series(1, 10) k)
		SELECT sum((SELECT count(*) FROM issue_many('GEC', b.acts[lo:least(lo + $CALL_ROWS - 1, $n)],
		                                             array_fill(10::bigint, ARRAY[least($CALL_ROWS, $n - lo + 1)]), 1)))
		  FROM b, generate_series(1, $n, $CALL_ROWS) lo")
	t_row='' m_row='' p_row=''
	if [ "$n" -le "$ROW_MAX" ]; then
		# an empty registry again (the activities stay)
		q >/dev/null <<'SQL'
SET client_min_messages = warning;
SET search_path = public, greenattr;
SET session_replication_role = replica;
TRUNCATE journal, journal_chain, journal_chain_head, holding, credit, certificate, green_power, energy_quota, numbering CASCADE;
SET session_replication_role = origin;
SQL
		quiet
		read -r t_row m_row p_row < <(timed "SELECT count(issue('GEC', a.id, 10, 1)) FROM activity a, generate_series(1, 10) k")
	fi
	for way in limit plain issue_many issue; do
		case $way in
		limit) t=$t_bare m=$m_bare p=$p_bare ;;
		plain) t=$t_plain m=$m_plain p=$p_plain ;;
		issue_many) t=$t_bulk m=$m_bulk p=$p_bulk ;;
		issue) t=$t_row m=$m_row p=$p_row ;;
		esac
		[ -n "$t" ] || continue
		printf '%-10s %-12s %12s %12s %10s %10s %10s\n' "$n" "$way" "$t" "$(rate "$n" "$t")" "$(ratio "$t_bare" "$t")" "$m" "$p"
		figure "issuance $n $way $t $m $p"
	done
	one_by_one=''
	[ -n "$t_row" ] && one_by_one="; issue() one by one $(ratio "$t_plain" "$t_row")x"
	echo "  registry vs plain-SQL way: issue_many() $(ratio "$t_plain" "$t_bulk")x the throughput$one_by_one"
done

say "workload 4: audit() over the last registry ($(q -c 'SELECT count(*) FROM greenattr.holding') holdings)"
# Each side twice, the first to warm the cache; the figures are the second runs.
SCAN=$(audit_scan_sql)
quiet
for run in 1 2; do
	read -r t_scan m_scan p_scan < <(timed "$SCAN")
	read -r t_audit m_audit p_audit < <(timed "SELECT count(*) FROM audit()")
done
audit_violations=$(violations)
echo "  sequential scan of the $(echo $AUDIT_TABLES | wc -w) tables audit() reads: ${t_scan} s; audit(): ${t_audit} s" \
	"($(ratio "$t_audit" "$t_scan")x the scan; peak ${m_audit} kB, private ${p_audit} kB); violations: $audit_violations"
figure "audit $t_audit $m_audit $p_audit $(q -c 'SELECT count(*) FROM greenattr.instrument')"
figure "audit_scan $t_scan $m_scan $p_scan"

say "workload 2: transfers under concurrency ($CLIENTS clients, $SECONDS_RUN s)"
q >/dev/null <<'SQL'
SET client_min_messages = warning;
SET search_path = public, greenattr;
INSERT INTO entity (id, name, region) SELECT g, 'holder ' || g, 'CN-BJ' FROM generate_series(2, 100) g;
INSERT INTO account (id, holder_id) SELECT g, g FROM generate_series(2, 100) g;
-- Move a random sub-block (the first n units, n uniform in 1..all) of a random active
-- holding to a random other account: n short of the whole holding splits it.  The holding
-- is the first active one from an id drawn uniformly between the lowest and the highest
-- (the ids do not start at 1: the registry of each scale is issued anew); the id is drawn
-- before the query (random() inside the WHERE clause would be drawn again for every row:
-- no index bound, and a pick heavily biased to the lowest ids).  A conflicting move (the
-- holding just changed) is an ordinary outcome: count it, go on.
CREATE FUNCTION bench_transfer() RETURNS int LANGUAGE plpgsql SET search_path = public, greenattr AS $$
DECLARE h record; n bigint; b certblock; dest bigint; lo bigint;
BEGIN
	SELECT min(id) + floor(random() * (max(id) - min(id) + 1))::bigint INTO lo FROM greenattr.holding;
	SELECT id, block, account_id INTO h FROM greenattr.holding
	 WHERE id >= lo AND status = 'active' ORDER BY id LIMIT 1;
	IF NOT FOUND THEN RETURN 0; END IF;
	n := 1 + floor(random() * units(h.block))::bigint;
	b := certblock(scheme(h.block), space(h.block), first_unit(h.block), first_unit(h.block) + n - 1);
	dest := 1 + (random() * 99)::int;
	IF dest = h.account_id THEN dest := dest % 100 + 1; END IF;
	PERFORM greenattr.transfer(b, dest, from_account => h.account_id);
	RETURN 1;
EXCEPTION WHEN check_violation OR invalid_parameter_value THEN
	RETURN 0;
END $$;

-- The plain-SQL way of the same moves, from a copy of the holdings as they are now: text
-- serial + int8range with a btree_gist exclusion, a foreign key to the accounts, the same
-- pick, the containing row locked and checked (active, held by the sender), shrunk and
-- moved, its rest stored, one journal row; no check of the accounts' status or kind (only
-- the foreign key), no conservation check, no hash chain, no guards.
DROP TABLE IF EXISTS plain_journal, plain_holding, plain_account CASCADE;
CREATE TABLE plain_account (id bigint PRIMARY KEY);
INSERT INTO plain_account SELECT id FROM account;
CREATE TABLE plain_holding (id bigserial PRIMARY KEY, scheme text NOT NULL, space text NOT NULL,
                            serials int8range NOT NULL, instrument_id bigint NOT NULL,
                            account_id bigint NOT NULL REFERENCES plain_account, status text NOT NULL,
                            since timestamptz NOT NULL,
                            EXCLUDE USING gist (scheme WITH =, space WITH =, serials WITH &&));
CREATE INDEX ON plain_holding (account_id);
CREATE INDEX ON plain_holding (instrument_id);
INSERT INTO plain_holding (id, scheme, space, serials, instrument_id, account_id, status, since)
SELECT id, scheme(block), space(block), int8range(first_unit(block), last_unit(block), '[]'),
       instrument_id, account_id, status, since
  FROM holding ORDER BY id;
SELECT setval(pg_get_serial_sequence('plain_holding', 'id'), (SELECT max(id) FROM plain_holding));
CREATE TABLE plain_journal (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(),
                            verb text NOT NULL, scheme text NOT NULL, space text NOT NULL, serials int8range NOT NULL,
                            from_account bigint, to_account bigint);
ANALYZE plain_account, plain_holding;
CREATE FUNCTION plain_transfer() RETURNS int LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE h record; r record; n bigint; part int8range; dest bigint; lo bigint;
BEGIN
	SELECT min(id) + floor(random() * (max(id) - min(id) + 1))::bigint INTO lo FROM plain_holding;
	SELECT id, scheme, space, serials, account_id INTO h FROM plain_holding
	 WHERE id >= lo AND status = 'active' ORDER BY id LIMIT 1;
	IF NOT FOUND THEN RETURN 0; END IF;
	n := 1 + floor(random() * (upper(h.serials) - lower(h.serials)))::bigint;
	part := int8range(lower(h.serials), lower(h.serials) + n);
	dest := 1 + (random() * 99)::int;
	IF dest = h.account_id THEN dest := dest % 100 + 1; END IF;
	SELECT * INTO r FROM plain_holding
	 WHERE scheme = h.scheme AND space = h.space AND serials @> part AND status = 'active' FOR UPDATE;
	IF NOT FOUND OR r.account_id <> h.account_id THEN RETURN 0; END IF;
	UPDATE plain_holding SET serials = part, account_id = dest, since = now() WHERE id = r.id;
	IF upper(part) < upper(r.serials) THEN
		INSERT INTO plain_holding (scheme, space, serials, instrument_id, account_id, status, since)
		VALUES (r.scheme, r.space, int8range(upper(part), upper(r.serials)), r.instrument_id, r.account_id,
		        r.status, r.since);
	END IF;
	INSERT INTO plain_journal (verb, scheme, space, serials, from_account, to_account)
	VALUES ('transfer', r.scheme, r.space, part, r.account_id, dest);
	RETURN 1;
EXCEPTION WHEN check_violation OR invalid_parameter_value THEN
	RETURN 0;
END $$;
SQL
issued_before=$(q -c "SELECT sum(greenattr.units(block)) FROM greenattr.instrument")
holdings_before=$(q -c "SELECT count(*) FROM greenattr.holding")
echo "SELECT bench_transfer();" >"$WORK/transfer.sql"
echo "SELECT plain_transfer();" >"$WORK/plain_transfer.sql"
chmod 644 "$WORK/transfer.sql" "$WORK/plain_transfer.sql"
# The highest VmHWM and the highest private memory (RssAnon) of the backends of database
# $1 while it runs, sampled five times a second, into $2 ("VmHWM_kB private_kB").
sample_peak() {
	local db=$1 out=$2 peak=0 priv=0 pid v a
	echo "0 0" >"$out"
	while :; do
		for pid in $(pgrep -f "postgres: postgres $db " || true); do
			v=$(sed -n 's/^VmHWM:\s*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null || true)
			a=$(sed -n 's/^RssAnon:\s*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null || true)
			[ -n "$v" ] && [ "$v" -gt "$peak" ] && peak=$v
			[ -n "$a" ] && [ "$a" -gt "$priv" ] && priv=$a
		done
		echo "$peak $priv" >"$out.tmp" && mv "$out.tmp" "$out"
		sleep 0.2
	done
}
# pgbench on database $1 (script $2, or the built-in TPC-B-like one if empty) for the run's
# clients and seconds; prints its tps, and the peaks of its backends into $WORK/peak_$3.
# A run whose pgbench fails, or whose clients abort, stops the benchmark: its rate would
# be the rate of fewer clients.
run_pgbench() {
	local db=$1 script=$2 name=$3 sampler tps status=0
	bench_quiet "$db" || { echo "vacuum before pgbench ($name) failed" >&2; exit 1; }
	sample_peak "$db" "$WORK/peak_$name" &
	sampler=$!
	as_pg "$PGBIN/pgbench" -n -h "$SOCK" -p "$PGPORT" -U postgres -c "$CLIENTS" -j "$CLIENTS" \
		-T "$SECONDS_RUN" ${script:+-f "$script"} "$db" >"$WORK/pgbench_$name.out" 2>"$WORK/pgbench_$name.err" || status=$?
	kill "$sampler"; wait "$sampler" 2>/dev/null || true
	tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench_$name.out")
	if [ "$status" -ne 0 ] || grep -q aborted "$WORK/pgbench_$name.out" "$WORK/pgbench_$name.err" \
	   || ! [[ "$tps" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
		echo "pgbench ($name) failed (exit $status):" >&2
		cat "$WORK/pgbench_$name.out" "$WORK/pgbench_$name.err" >&2
		exit 1
	fi
	echo "$tps"
}
tps_transfer=$(run_pgbench bench "$WORK/transfer.sql" transfer)
tps_plain=$(run_pgbench bench "$WORK/plain_transfer.sql" plain)
ga_psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS tpcb" >/dev/null
ga_psql -d postgres -c "CREATE DATABASE tpcb" >/dev/null
as_pg "$PGBIN/pgbench" -i -q -s 10 -h "$SOCK" -p "$PGPORT" -U postgres tpcb >/dev/null 2>&1
tps_tpcb=$(run_pgbench tpcb '' tpcb)
echo "  transfers: ${tps_transfer} tps; the plain-SQL way: ${tps_plain} tps;" \
	"pgbench TPC-B-like (scale 10): ${tps_tpcb} tps"
echo "  ratios: $(ratio "$tps_transfer" "$tps_tpcb")x TPC-B-like, $(ratio "$tps_transfer" "$tps_plain")x the plain-SQL way" \
	"(which is $(ratio "$tps_plain" "$tps_tpcb")x TPC-B-like)"
read -r m_transfer p_transfer <"$WORK/peak_transfer"
read -r m_plain_tx p_plain_tx <"$WORK/peak_plain"
read -r m_tpcb p_tpcb <"$WORK/peak_tpcb"
echo "  peak backend memory, VmHWM (shared buffers included) / private: transfers $m_transfer / $p_transfer kB;" \
	"plain-SQL way $m_plain_tx / $p_plain_tx kB; TPC-B-like $m_tpcb / $p_tpcb kB"
figure "transfers $tps_transfer $m_transfer $p_transfer"
figure "transfers_plain $tps_plain $m_plain_tx $p_plain_tx"
figure "transfers_tpcb $tps_tpcb $m_tpcb $p_tpcb"
# A move that splits a holding leaves one more holding behind.
echo "  transfers journaled: $(q -c "SELECT count(*) FROM greenattr.journal WHERE verb = 'transfer'")," \
	"$(($(q -c 'SELECT count(*) FROM greenattr.holding') - holdings_before)) of them splits;" \
	"the plain-SQL way: $(q -c 'SELECT count(*) FROM plain_journal')," \
	"$(($(q -c 'SELECT count(*) FROM plain_holding') - holdings_before)) splits"
after_violations=$(violations)
held_after=$(q -c 'SELECT sum(greenattr.units(block)) FROM greenattr.holding')
unconserved=$(q -c "SELECT count(*) FROM greenattr.instrument i
	LEFT JOIN (SELECT instrument_id, family, sum(greenattr.units(block)) AS held FROM greenattr.holding GROUP BY 1, 2) h
	       ON h.instrument_id = i.id AND h.family = i.family
	WHERE coalesce(h.held, 0) <> greenattr.units(i.block)")
echo "  audit() violations after the run: $after_violations;" \
	"units issued: ${issued_before}; units held after the run: $held_after"
echo "  issuances whose holdings do not add up to their block: $unconserved of $(q -c 'SELECT count(*) FROM greenattr.instrument')"
figure "after_transfers ${after_violations%% *} $issued_before $held_after $unconserved"
