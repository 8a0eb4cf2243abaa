-- greenattr demo: exact quantities, a small registry, and the rules that stop
-- double counting.  Run by the README's main-job command (test/run-demo.sh).
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';

-- A refused operation is part of the story: run it, print why it was refused.
-- If greenattr ever accepted it, the demo stops with an error (and so does the
-- dump/restore test, which runs this script).
CREATE FUNCTION pg_temp.refused(what text, stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; con text;
BEGIN
	BEGIN
		EXECUTE stmt;
	EXCEPTION WHEN others THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, con = CONSTRAINT_NAME;
		RETURN format('%s: refused, SQLSTATE %s, rule %s: %s', what, st, coalesce(nullif(con, ''), '-'), msg);
	END;
	RAISE EXCEPTION 'demo: "%" was accepted, but greenattr must refuse it', what;
END $$;

\echo
\echo '== 1. Exact quantities: integer grams, Wh and g/MWh inside, no floating point'
SELECT '2.5 GWh'::energy * '0.6565 t/MWh'::emission_factor AS "2.5 GWh at 0.6565 t/MWh",
       '1000 t'::co2e / '900 MWh'::energy AS "residual factor of the seed grid (1000 t / 900 MWh)",
       '1 tce'::energy AS "1 tce",
       '504 GWh'::energy * '0.6565 t/MWh'::emission_factor AS "seed buyer: 504 GWh x 0.6565";

\echo
\echo '== 2. A registry: a Guangdong wind farm, a steel mill in the Guangdong ETS, a Beijing buyer'
INSERT INTO entity (id, name, region) VALUES
	(1, 'Yangjiang Wind Power Co.', 'CN-GD'), (2, 'Shaoguan Steel', 'CN-GD'), (3, 'Beijing Data Centre Ltd.', 'CN-BJ');
INSERT INTO coverage (entity_id, market, during) VALUES (2, 'ETS_GD', '[2024-01-01,2026-01-01)');
INSERT INTO asset (id, name, kind, technology, region, owner_id) VALUES
	(1, 'Yangjiang offshore wind', 'generator', 'wind', 'CN-GD', 1),
	(2, 'Shaoguan waste-heat power', 'project', 'energy_efficiency', 'CN-GD', 2);
INSERT INTO activity (id, asset_id, kind, period, energy, co2e) VALUES
	(1, 1, 'generation', '[2024-01-01,2024-02-01)', '12000 MWh', NULL),
	(2, 1, 'generation', '[2024-02-01,2024-03-01)', '10500 MWh', NULL),
	(3, 2, 'reduction',  '[2024-01-01,2025-01-01)', NULL, '8000 t');
INSERT INTO account (id, holder_id, kind, name) VALUES
	(1, 1, 'holding', 'Yangjiang holding'), (2, 3, 'holding', 'Data centre holding'), (3, 2, 'holding', 'Shaoguan holding');

SELECT issue('GEC', 1, 12000, 1) AS "January GECs issued",
       issue('GEC', 2, 6000, 1) AS "February GECs issued";
SELECT transfer(certblock('GEC', '1', 1, 5000), 2) AS "sold to the data centre";
SELECT retire(certblock('GEC', '1', 1, 4000), 'Beijing Data Centre Ltd.', 'scope2', '[2024-01-01,2025-01-01)')
         AS "retired for its 2024 Scope 2 claim";

\echo
\echo '== 3. Attempts to count the same attribute twice'
SELECT pg_temp.refused('I-REC for January MWh that already carry GECs', $$SELECT issue('IREC', 1, 1, 1)$$) AS attempt
UNION ALL
SELECT pg_temp.refused('CCER for the same January MWh', $$SELECT issue('CCER', 1, 100, 1, baseline_ef => '0.5810 t/MWh')$$)
UNION ALL
SELECT pg_temp.refused('retire the data centre''s GECs a second time', $$SELECT retire(certblock('GEC', '1', 1, 100), 'Someone else', 'offset')$$)
UNION ALL
SELECT pg_temp.refused('the seller transfers GECs it already sold', $$SELECT transfer(certblock('GEC', '1', 4001, 5000), 3, from_account => 1)$$)
UNION ALL
SELECT pg_temp.refused('CCER from inside the steel mill''s ETS boundary', $$SELECT issue('CCER', 3, 1000, 3)$$)
UNION ALL
SELECT pg_temp.refused('edit the journal', $$DELETE FROM journal$$);

\echo
\echo '== 4. China 2024: the wind farm opts into CCER for February; unsold GECs freeze, then convert'
SELECT opt_into_crediting(1, 'CCER', '[2024-02-01,2024-03-01)') AS "GEC units frozen";
SELECT issue('CCER', 2, 4000, 1, baseline_ef => '0.8 t/MWh') AS "February CCER (4000 t at 0.8 t/MWh = 5000 MWh)";
SELECT pg_temp.refused('a Gold Standard credit for the same February', $$SELECT issue('GS', 2, 10, 1, baseline_ef => '0.8 t/MWh')$$) AS attempt;
SELECT a.id AS activity, lower(a.period)::date AS "from", upper(a.period)::date AS "to",
       a.energy AS produced, c.energy AS claimed, a.energy - c.energy AS unclaimed
  FROM activity a, activity_claimed(a.id) c WHERE a.kind = 'generation' ORDER BY a.id;

\echo
\echo '== 5. Holdings'
SELECT h.block, units(h.block) AS units, e.name AS holder, h.status,
       coalesce(h.beneficiary || ' / ' || h.purpose, h.reason) AS claim_or_reason
  FROM holding h JOIN account a ON a.id = h.account_id JOIN entity e ON e.id = a.holder_id
 ORDER BY h.block;

\echo
\echo '== 6. Journal and audit'
SELECT id, verb, block, from_account AS "from", to_account AS "to" FROM journal ORDER BY id;
SELECT count(*) AS "audit(): broken invariants" FROM audit();
