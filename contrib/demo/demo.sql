-- greenattr demo: a registry of a few Chinese provinces in 2024, built with the
-- extension's verbs, and the attempts to count an attribute twice that it
-- refuses.  Run by the README's main-job command (test/run-demo.sh), which then
-- prints report.sql and draws the charts; the dump/restore test loads this
-- file alone.  Input data: data/grid_2024.sql (grid), data/week_2024_06.sql
-- (one week of hourly metering).
--
-- Every attempted double count goes through demo.refused(): it must be refused
-- by the named rule, or the demo stops with an error.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';

CREATE SCHEMA demo;
COMMENT ON SCHEMA demo IS 'greenattr demo: input staging and the log of refused attempts';

CREATE TABLE demo.refusal (
	n        int PRIMARY KEY,
	attempt  text NOT NULL,
	rule     text NOT NULL,
	sqlstate text NOT NULL,
	message  text NOT NULL
);

-- Run stmt; it must fail with CONSTRAINT_NAME = rule.  Logs the refusal in
-- demo.refusal and returns one line; raises if the statement was accepted or
-- refused by another rule (a refusal for the wrong reason proves nothing).
CREATE FUNCTION demo.refused(attempt text, rule text, stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; con text; k int;
BEGIN
	BEGIN
		EXECUTE stmt;
	EXCEPTION WHEN others THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, con = CONSTRAINT_NAME;
		IF con IS DISTINCT FROM rule THEN
			RAISE EXCEPTION 'demo: "%" was refused by rule "%" (SQLSTATE %: %), expected rule "%"',
				attempt, coalesce(nullif(con, ''), '-'), st, msg, rule;
		END IF;
		SELECT coalesce(max(n), 0) + 1 INTO k FROM demo.refusal;
		INSERT INTO demo.refusal VALUES (k, attempt, con, st, msg);
		RETURN format('%s. %s: refused (%s, SQLSTATE %s)', k, attempt, con, st);
	END;
	RAISE EXCEPTION 'demo: "%" was accepted, but greenattr must refuse it (rule %)', attempt, rule;
END $$;

\echo
\echo '== 1. Who is who: entities, accounts, assets, market coverage'
INSERT INTO entity (id, name, region, kind, party) VALUES
	(1,  'Yangjiang Offshore Wind Co.',        'CN-GD',    'company', NULL),
	(2,  'Shaoguan Steel',                     'CN-GD',    'company', NULL),
	(3,  'Guangzhou Cloud Data Centre',        'CN-GD',    'company', NULL),
	(4,  'Lancang Hydropower Co.',             'CN-YN',    'company', NULL),
	(5,  'Beijing Financial Street Holdings',  'CN-BJ',    'company', NULL),
	(6,  'Ulanqab Wind Power Co.',             'CN-NM',    'company', NULL),
	(7,  'Zhongyuan Cement (Henan)',           'CN-HA',    'company', NULL),
	(8,  'Zhaoqing Solar Co.',                 'CN-GD',    'company', NULL),
	(9,  'Kunming Aluminium Smelter',          'CN-YN',    'company', NULL),
	(10, 'Shenzhen Electronics Assembly',      'CN-GD-SZ', 'company', NULL),
	(11, 'Pingtan Offshore Wind Co.',          'CN-FJ',    'company', NULL),
	(12, 'Zhanjiang Mangrove Restoration Co.', 'CN-GD',    'company', NULL),
	(13, 'Government of Japan',                'JP',       'government', 'JPN'),
	(14, 'Government of Thailand',             'TH',       'government', 'THA'),
	(15, 'Siam Rooftop Solar Co.',             'TH',       'company', NULL);

INSERT INTO account (id, holder_id, kind, name) VALUES
	(1, 1, 'holding', 'Yangjiang holding'),          (2, 3, 'holding', 'Data centre holding'),
	(3, 2, 'compliance', 'Shaoguan compliance'),     (4, 4, 'holding', 'Lancang holding'),
	(5, 5, 'holding', 'Financial Street holding'),   (6, 6, 'holding', 'Ulanqab holding'),
	(7, 7, 'holding', 'Zhongyuan holding'),          (8, 8, 'holding', 'Zhaoqing holding'),
	(9, 9, 'holding', 'Smelter holding'),            (10, 10, 'holding', 'Shenzhen holding'),
	(11, 11, 'holding', 'Pingtan holding'),          (12, 12, 'holding', 'Mangrove holding'),
	(13, 13, 'government', 'Japan government'),      (14, 14, 'government', 'Thailand government'),
	(15, 15, 'holding', 'Siam holding');

INSERT INTO asset (id, name, kind, technology, region, owner_id, gases) VALUES
	(1, 'Yangjiang offshore wind farm',     'generator', 'wind',              'CN-GD', 1,  NULL),
	(2, 'Shaoguan waste-heat power',        'project',   'energy_efficiency', 'CN-GD', 2,  '{CO2}'),
	(3, 'Zhaoqing solar park',              'generator', 'solar',             'CN-GD', 8,  NULL),
	(4, 'Lancang cascade hydro',            'generator', 'hydro',             'CN-YN', 4,  NULL),
	(5, 'Ulanqab wind base',                'generator', 'wind',              'CN-NM', 6,  NULL),
	(6, 'Zhongyuan kiln upgrade',           'project',   'energy_efficiency', 'CN-HA', 7,  '{CO2}'),
	(7, 'Pingtan offshore wind farm',       'generator', 'wind',              'CN-FJ', 11, '{CO2}'),
	(8, 'Zhanjiang mangrove restoration',   'project',   'forestry',          'CN-GD', 12, '{CO2}'),
	(9, 'Bangkok rooftop solar (JCM)',      'project',   'solar',             'TH',    15, '{CO2}');

-- Shaoguan Steel is in the Guangdong pilot ETS; Zhongyuan Cement in Henan's
-- energy-use-rights pilot (whose rules keep it out of any ETS at the same time).
INSERT INTO coverage (entity_id, market, during) VALUES
	(2, 'ETS_GD', '[2024-01-01,2026-01-01)'),
	(7, 'EUR_HA', '[2024-01-01,2025-01-01)');
INSERT INTO compliance_figure (entity_id, market, compliance_year, verified_emissions) VALUES
	(2, 'ETS_GD', 2024, '3000000 t');

-- Metered output: what every instrument claims against.
INSERT INTO activity (id, asset_id, kind, period, energy, co2e) VALUES
	(1,  1, 'generation', '[2024-01-01,2024-06-01)', '1800000 MWh',   NULL),
	(2,  1, 'generation', '[2024-06-10,2025-01-01)', '2900000 MWh',   NULL),
	(3,  4, 'generation', '[2024-01-01,2025-01-01)', '100000000 MWh', NULL),
	(4,  5, 'generation', '[2024-01-01,2024-04-01)', '3000000 MWh',   NULL),
	(5,  5, 'generation', '[2024-04-01,2025-01-01)', '9000000 MWh',   NULL),
	(6,  6, 'saving',     '[2024-01-01,2025-01-01)', '30000 tce',     NULL),
	(7,  2, 'reduction',  '[2024-01-01,2025-01-01)', NULL,            '50000 t'),
	(8,  7, 'generation', '[2023-07-01,2024-01-01)', '1000000 MWh',   NULL),
	(9,  8, 'reduction',  '[2024-01-01,2025-01-01)', NULL,            '300000 t'),
	(10, 9, 'reduction',  '[2024-01-01,2025-01-01)', NULL,            '10000 t');
SELECT count(*) AS entities, (SELECT count(*) FROM account) AS accounts, (SELECT count(*) FROM asset) AS assets,
       (SELECT count(*) FROM activity) AS activities
  FROM entity;

\echo
\echo '== 2. Grid data of 2024: five provinces, generation by source, exchanges'
\ir data/grid_2024.sql
SELECT region, count(*) AS sources, sum(energy) AS generation, sum(emissions) AS emissions
  FROM grid_generation GROUP BY region ORDER BY region;

\echo
\echo '== 3. Certificates and green power, issued, sold and claimed for consumption'
-- Yangjiang, January to May: 250,000 GECs, 200,000 sold to the data centre.
SELECT issue('GEC', 1, 250000, 1) AS "Yangjiang GECs, Jan-May";
SELECT transfer('GEC:1:1-200000', 2) AS "sold to the data centre";
-- Lancang cascade: 16 million GECs and 300,000 I-RECs of its 2024 output.
SELECT issue('GEC', 3, 16000000, 4) AS "Lancang GECs", issue('IREC', 3, 300000, 4) AS "Lancang I-RECs";
SELECT transfer('GEC:4:1-15000000', 9) AS "to the Kunming smelter",
       transfer('GEC:4:15000001-16000000', 5) AS "to Financial Street",
       transfer('IREC:4:1-300000', 10) AS "to Shenzhen Electronics";
-- Ulanqab: its first-quarter output sold to Beijing as green power (energy and
-- attribute bundled), then GECs from April.
SELECT issue('GP', 4, 3000000, 6) AS "Ulanqab green power, Q1", issue('GEC', 5, 1100000, 6) AS "Ulanqab GECs, Apr-Dec";
SELECT transfer('GP:5:1-3000000', 5) AS "green power to Financial Street",
       transfer('GEC:5:1-1000000', 5) AS "GECs to Financial Street";

-- Metered consumption of 2024 (the data centre's June week is hourly, below).
INSERT INTO consumption (entity_id, region, period, energy) VALUES
	(3,  'CN-GD', '[2024-01-01,2024-06-03)', '110880 MWh'),
	(3,  'CN-GD', '[2024-06-10,2025-01-01)', '146880 MWh'),
	(5,  'CN-BJ', '[2024-01-01,2025-01-01)', '6000000 MWh'),
	(9,  'CN-YN', '[2024-01-01,2025-01-01)', '20000000 MWh'),
	(10, 'CN-GD', '[2024-01-01,2025-01-01)', '400000 MWh');

-- Claims: each block is retired for one entity's consumption in one region and
-- period (claim_consumption() checks family, source, market boundary, vintage).
SELECT claim_consumption('GEC:1:1-200000', 3, 'CN-GD', '[2024-01-01,2025-01-01)') AS "data centre",
       claim_consumption('GEC:4:1-15000000', 9, 'CN-YN', '[2024-01-01,2025-01-01)') AS smelter,
       claim_consumption('IREC:4:1-300000', 10, 'CN-GD', '[2024-01-01,2025-01-01)') AS "Shenzhen";
SELECT claim_consumption('GP:5:1-3000000', 5, 'CN-BJ', '[2024-01-01,2025-01-01)') AS "Financial Street: green power",
       claim_consumption('GEC:5:1-1000000', 5, 'CN-BJ', '[2024-01-01,2025-01-01)') AS "wind GECs",
       claim_consumption('GEC:4:15000001-16000000', 5, 'CN-BJ', '[2024-01-01,2025-01-01)') AS "hydro GECs";

\echo
\echo '== 4. One week of hourly matching: the data centre buys the hourly output of a wind farm and a solar park'
-- The week's metering (hour, consumption, wind and solar output) is staged in
-- demo.week; each hour becomes a consumption row and, per generator, an
-- activity, a GEC block of that hour, its sale and its claim for that hour.
CREATE TABLE demo.week (
	hour            timestamptz PRIMARY KEY,
	consumption_mwh numeric NOT NULL,
	wind_mwh        int NOT NULL,
	solar_mwh       int NOT NULL
);
\ir data/week_2024_06.sql
DO $$
DECLARE
	w     record;
	hr    tstzrange;
	b     certblock;
	n     int := 0;
BEGIN
	FOR w IN SELECT * FROM demo.week ORDER BY hour LOOP
		n := n + 1;
		hr := tstzrange(w.hour, w.hour + interval '1 hour');
		INSERT INTO consumption (entity_id, region, period, energy)
		VALUES (3, 'CN-GD', hr, w.consumption_mwh::energy);
		IF w.wind_mwh > 0 THEN          -- activity 1000 + n: Yangjiang wind, hour n
			INSERT INTO activity (id, asset_id, kind, period, energy) VALUES (1000 + n, 1, 'generation', hr, w.wind_mwh::numeric::energy);
			b := issue('GEC', 1000 + n, w.wind_mwh, 1);
			PERFORM transfer(b, 2);
			PERFORM claim_consumption(b, 3, 'CN-GD', hr);
		END IF;
		IF w.solar_mwh > 0 THEN         -- activity 2000 + n: Zhaoqing solar, hour n
			INSERT INTO activity (id, asset_id, kind, period, energy) VALUES (2000 + n, 3, 'generation', hr, w.solar_mwh::numeric::energy);
			b := issue('GEC', 2000 + n, w.solar_mwh, 8);
			PERFORM transfer(b, 2);
			PERFORM claim_consumption(b, 3, 'CN-GD', hr);
		END IF;
	END LOOP;
END $$;
SELECT count(*) AS hours, sum(consumption_mwh) AS "consumption (MWh)", sum(wind_mwh) AS "wind GECs",
       sum(solar_mwh) AS "solar GECs" FROM demo.week;

\echo
\echo '== 5. Energy-use rights (Henan) and China''s GEC -> CCER conversion (Fujian, 2023)'
-- Zhongyuan Cement's saving is issued as an energy-use-rights surplus (tce).
SELECT issue('EUR_HA', 6, 20000, 7) AS "Henan energy-use-right surplus (tce)";
-- Pingtan's second half of 2023: GECs, 100,000 of them sold; then the farm opts
-- into CCER for that half-year: its unsold GECs freeze, and issuing the CCERs
-- converts them (their claim on the MWh moves to the credit).
SELECT issue('GEC', 8, 1000000, 11) AS "Pingtan GECs, H2 2023";
SELECT transfer('GEC:7:1-100000', 5) AS "sold to Financial Street";
SELECT opt_into_crediting(7, 'CCER', '[2023-07-01,2024-01-01)') AS "GECs frozen";
SELECT issue('CCER', 8, 600000, 11, baseline_ef => '0.7 t/MWh') AS "Pingtan CCER (600,000 t at 0.7 t/MWh)";
SELECT a.id AS activity, a.energy AS produced, c.energy AS claimed, a.energy - c.energy AS unclaimed
  FROM activity a, activity_claimed(a.id) c WHERE a.id = 8;

\echo
\echo '== 6. The Guangdong ETS: Shaoguan Steel surrenders CCERs within its offset rules'
SELECT issue('CCER', 9, 300000, 12) AS "Zhanjiang mangrove CCER";
SELECT transfer('CCER:8:1-260000', 3) AS "to Shaoguan", transfer('CCER:7:1-50000', 3) AS "to Shaoguan ";
SELECT rule_id, rule, "limit", figure, ok
  FROM check_surrender(2, 'ETS_GD', 2024, ARRAY['CCER:8:1-200000', 'CCER:7:1-50000']::certblock[]);
SELECT surrender(2, 'ETS_GD', 2024, ARRAY['CCER:8:1-200000', 'CCER:7:1-50000']::certblock[]) AS "tonnes surrendered";

\echo
\echo '== 7. JCM (Japan-Thailand): an issuance split 50:50, Japan''s share used toward its NDC'
INSERT INTO party_registry (party, registry_id) VALUES ('JPN', 'JPN01'), ('THA', 'THA01');
INSERT INTO cooperative_approach (id, name, parties, bilateral) VALUES ('CA0001', 'JCM Japan-Thailand', '{JPN,THA}', true);
INSERT INTO jcm_share (asset_id, account_id, role, weight) VALUES (9, 13, 'japan', 50), (9, 14, 'host', 50);
SELECT authorize_issuance('CA0001', 9, 'JCM', '[2024-01-01,2025-01-01)', 8000, 14) AS "Thailand's authorization";
SELECT role, account_id, share_units, block FROM jcm_issue(10, 8000);
SELECT use_for_ndc('JCM:9:1-4000', 'JPN', 2025) AS "used toward Japan's NDC (2025)";

\echo
\echo '== 8. Year-end close: 2024 certificates nobody claimed expire and return to the residual mix'
SELECT expire('GEC:1:200001-250000') AS "Yangjiang", expire('GEC:5:1000001-1100000') AS "Ulanqab";

\echo
\echo '== 9. Attempts to count the same attribute twice (each must be refused by the rule named)'
SELECT demo.refused('I-RECs for the Lancang cascade''s whole 2024 output, 16.3 TWh of which carry GECs and I-RECs',
	'one_attribute_one_instrument', $$SELECT issue('IREC', 3, 100000000, 4)$$) AS refused
UNION ALL SELECT demo.refused('a GEC for Ulanqab''s first-quarter MWh, already sold as green power',
	'one_attribute_one_instrument', $$SELECT issue('GEC', 4, 1, 6)$$)
UNION ALL SELECT demo.refused('a second GEC for an hour of Yangjiang wind already certificated (3 June, 00:00 UTC)',
	'one_attribute_one_instrument', $$SELECT issue('GEC', 1001, 1, 1)$$)
UNION ALL SELECT demo.refused('Financial Street claims its green power a second time',
	'retired_and_cancelled_are_final', $$SELECT claim_consumption('GP:5:1-3000000', 5, 'CN-BJ', '[2024-01-01,2025-01-01)')$$)
UNION ALL SELECT demo.refused('the data centre''s claimed June GECs are resold to the smelter',
	'retired_and_cancelled_are_final', $$SELECT transfer('GEC:1:1-1', 9)$$)
UNION ALL SELECT demo.refused('Pingtan sells again GECs it already sold to Financial Street',
	'one_holder', $$SELECT transfer('GEC:7:1-1000', 10, from_account => 11)$$)
UNION ALL SELECT demo.refused('Financial Street claims 2023 GECs against its 2024 consumption',
	'claim_vintage', $$SELECT claim_consumption('GEC:7:1-1000', 5, 'CN-BJ', '[2024-01-01,2025-01-01)')$$)
UNION ALL SELECT demo.refused('Pingtan sells GECs whose attribute became CCER',
	'retired_and_cancelled_are_final', $$SELECT transfer('GEC:7:100001-101000', 5)$$)
UNION ALL SELECT demo.refused('Gold Standard credits for Pingtan''s H2 2023, already credited as CCER',
	'crediting_period', $$SELECT issue('GS', 8, 1000, 11, baseline_ef => '0.7 t/MWh')$$)
UNION ALL SELECT demo.refused('CCER from Shaoguan Steel''s waste-heat plant, inside its Guangdong ETS boundary',
	'no_credits_in_boundary', $$SELECT issue('CCER', 7, 10000, 3)$$)
UNION ALL SELECT demo.refused('CCER for the energy Zhongyuan Cement saved, already issued as energy-use rights',
	'no_credits_from_saving', $$SELECT issue('CCER', 6, 1000, 7, baseline_ef => '0.8 t/MWh')$$)
UNION ALL SELECT demo.refused('Zhongyuan Cement joins the national ETS while in Henan''s energy-use-rights market',
	'no_ets_coverage', $$INSERT INTO coverage (entity_id, market, during) VALUES (7, 'ETS_CN', '[2024-07-01,2025-01-01)')$$)
UNION ALL SELECT demo.refused('Shaoguan surrenders 60,000 more CCERs for 2024, beyond its 10 % cap',
	'offset_cap', $$SELECT surrender(2, 'ETS_GD', 2024, ARRAY['CCER:8:200001-260000']::certblock[])$$)
UNION ALL SELECT demo.refused('Japan uses the same JCM credits toward its NDC again',
	'retired_and_cancelled_are_final', $$SELECT use_for_ndc('JCM:9:1-4000', 'JPN', 2026)$$)
UNION ALL SELECT demo.refused('Thailand uses toward its NDC JCM credits it never transferred',
	'ndc_use_after_first_transfer', $$SELECT use_for_ndc('JCM:9:4001-8000', 'THA', 2025)$$)
UNION ALL SELECT demo.refused('Gold Standard credits for the JCM project''s 2024 reductions',
	'credit_one_mechanism_per_period', $$SELECT issue('GS', 10, 1000, 15)$$)
UNION ALL SELECT demo.refused('erase the journal of the registry',
	'journal_immutable', $$DELETE FROM journal$$);

\echo
\echo '== 10. Checks: audit(), and key figures recomputed from the raw rows in plain numeric SQL'
-- Each figure greenattr computes next to the same figure from the raw rows:
-- the week's matched energy (hour by hour, the lesser of consumption and
-- certificates), Guangdong's grid average (emissions / generation) and the data
-- centre's location-based Scope 2 (its consumption x that ratio).
CREATE VIEW demo.self_check AS
WITH gd AS (
	SELECT sum(energy::numeric * emission_factor::numeric) AS emissions, sum(energy::numeric) AS generation
	  FROM grid_generation WHERE region = 'CN-GD' AND period <@ '[2024-01-01,2025-01-01)'::tstzrange)
SELECT 'hourly matched energy, 3-9 June (MWh)' AS figure,
       (SELECT sum(mwh(matched)) FROM hourly_match(3, '[2024-06-03,2024-06-10)')) AS greenattr,
       (SELECT sum(least(consumption_mwh, wind_mwh + solar_mwh)) FROM demo.week) AS recomputed
UNION ALL
SELECT 'Guangdong grid average 2024 (t/MWh)',
       grid_factor('CN-GD', '[2024-01-01,2025-01-01)')::numeric,
       round(gd.emissions / gd.generation, 6)
  FROM gd
UNION ALL
SELECT 'data centre, location-based Scope 2 2024 (t)',
       (SELECT tonnes(location_co2e) FROM scope2(3, '[2024-01-01,2025-01-01)')),
       round((SELECT sum(energy::numeric) FROM consumption WHERE entity_id = 3) * gd.emissions / gd.generation, 6)
  FROM gd;

SELECT figure, greenattr, recomputed, greenattr = recomputed AS equal FROM demo.self_check;
SELECT count(*) AS "audit(): broken invariants" FROM audit();
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM audit()) THEN
		RAISE EXCEPTION 'demo: audit() reports broken invariants';
	END IF;
	IF EXISTS (SELECT 1 FROM demo.self_check WHERE greenattr IS DISTINCT FROM recomputed) THEN
		RAISE EXCEPTION 'demo: a figure of greenattr differs from its recomputation (see demo.self_check)';
	END IF;
END $$;
