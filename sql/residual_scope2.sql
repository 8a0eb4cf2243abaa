-- Scope 2 (location- and market-based), claim quality criteria, hourly (24/7)
-- matching, regional inventories, double-counting exposure and the BI views.
\i sql/include/residual_fixture.sql
\set y '''[2024-01-01,2025-01-01)'''
\set h0 '''[2024-06-01 00:00,2024-06-01 01:00)'''
\set h1 '''[2024-06-01 01:00,2024-06-01 02:00)'''
\set h2 '''[2024-06-01 02:00,2024-06-01 03:00)'''
\set h3 '''[2024-06-01 03:00,2024-06-01 04:00)'''
INSERT INTO entity (id, name, region) VALUES (7, 'Buyer D', 'CN-SH');
INSERT INTO account (id, holder_id, kind, name) VALUES (7, 7, 'holding', 'Buyer D');
INSERT INTO asset (id, name, kind, technology, region, owner_id) VALUES
	(5, 'Gas plant YN', 'generator', 'gas', 'CN-YN', 4),
	(6, 'Solar SH', 'generator', 'solar', 'CN-SH', 1),
	(7, 'Solar SH small', 'generator', 'solar', 'CN-SH', 1),
	(8, 'Tidal GD', 'generator', 'tidal', 'CN-GD', 1);

-- Grid data: Guangdong and Yunnan by year, Shanghai by hour.
INSERT INTO grid_generation (region, period, source, energy, co2e, emission_factor) VALUES
	('CN-GD', :y, 'wind', '100 MWh', '0 t', NULL),
	('CN-GD', :y, 'coal', '900 MWh', '1000 t', NULL),
	('CN-YN', :y, 'hydro', '500 MWh', NULL, '0 t/MWh'),
	('CN-YN', :y, 'coal', '500 MWh', NULL, '0.9 t/MWh'),
	('CN-YN', :y, 'gas', '100 MWh', NULL, '0.5 t/MWh'),
	('CN-SH', :h0, 'solar', '10 MWh', '0 t', NULL),
	('CN-SH', :h0, 'coal', '30 MWh', '27 t', NULL),
	('CN-SH', :h1, 'solar', '10 MWh', '0 t', NULL),
	('CN-SH', :h1, 'coal', '30 MWh', '27 t', NULL);
INSERT INTO grid_exchange (from_region, to_region, period, source, energy) VALUES
	('CN-YN', 'CN-GD', :y, 'hydro', '50 MWh'),
	('CN-GX', 'CN-GD', :y, 'coal', '100 MWh'),
	('CN-GX', 'CN-GD', :y, 'gas', '10 MWh'),
	('CN-GD', 'CN-HN', :y, 'coal', '20 MWh');
INSERT INTO region_direct_emission (region, year, sector, co2e) VALUES ('CN-GD', 2024, 'industry', '5000 t');

-- Metered consumption: A and B in Guangdong for the year, C in Yunnan and D in
-- Shanghai by the hour.
INSERT INTO consumption (entity_id, region, period, energy) VALUES
	(2, 'CN-GD', :y, '150 MWh'),
	(3, 'CN-GD', :y, '850 MWh'),
	(5, 'CN-YN', :h0, '10 MWh'), (5, 'CN-YN', :h1, '10 MWh'), (5, 'CN-YN', :h2, '10 MWh'), (5, 'CN-YN', :h3, '10 MWh'),
	(7, 'CN-SH', :h0, '20 MWh'), (7, 'CN-SH', :h1, '20 MWh');

INSERT INTO activity (id, asset_id, kind, period, energy, co2e) VALUES
	(1, 1, 'generation', :y, '100 MWh', NULL),
	(2, 2, 'generation', :h0, '10 MWh', NULL),
	(3, 2, 'generation', :h1, '5 MWh', NULL),
	(4, 2, 'generation', :h2, '15 MWh', NULL),
	(5, 5, 'generation', :h3, '20 MWh', NULL),
	(6, 6, 'generation', :h0, '8 MWh', NULL),
	(7, 6, 'generation', :h1, '8 MWh', NULL),
	(8, 7, 'generation', '[2024-06-01 00:30,2024-06-01 01:30)', '1 MWh', NULL),
	(9, 4, 'reduction', :y, NULL, '10 t'),
	(10, 8, 'generation', :y, '5 MWh', NULL),
	(11, 3, 'generation', :y, '10 MWh', NULL);
SELECT issue('GEC', 1, 100, 1);          -- GEC:1:1-100, Guangdong wind, 2024
SELECT issue('GEC', 2, 10, 4), issue('GEC', 3, 5, 4), issue('GEC', 4, 15, 4), issue('GEC', 5, 20, 4);  -- asset 2's space holds hours 0-2
SELECT issue('GEC', 6, 8, 1), issue('GEC', 7, 8, 1);
SELECT issue('CCER', 9, 10, 1), issue('GEC', 10, 5, 1), issue('GO', 11, 10, 6);

-- Claim quality criteria: each refused, next to the accepted neighbour.
SELECT transfer('GEC:1:1-100', 2);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('CCER:4:1-10', 2, 'CN-GD', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:8:1-5', 2, 'CN-GD', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GO:3:1-10', 2, 'CN-GD', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 2, 'CN-GD', '[2024-01-01,2024-07-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 2, 'CN-GD', '[2024-01-01,2025-01-02)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 99, 'CN-GD', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 2, 'XX', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 2, 'CN-GD', '[2024-01-01,)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 2, 'CN-GD', '[2024-01-01,2025-01-01)', 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 2, 'CN-GD', '[2024-01-01,2025-01-01)', 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GEC:1:1-80', 2, 'CN-GD', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption('GO:3:1-10', 6, 'FR', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.expire('CCER:4:1-10')$$);
-- The tidal GECs expire unclaimed (tidal is no source of the grid data).
SELECT expire('GEC:8:1-5');
-- Buyer C (Yunnan) claims the other 20 Guangdong GECs: same market, other region.
SELECT claim_consumption('GEC:1:81-100', 5, 'CN-YN', :y, 2);
-- C's hourly claims: hydro of hours 0-2, gas of hour 3; D's solar of hours 0-1.
SELECT transfer('GEC:2:1-10', 5), transfer('GEC:2:11-15', 5), transfer('GEC:2:16-30', 5), transfer('GEC:5:1-20', 5);
SELECT claim_consumption('GEC:2:1-10', 5, 'CN-YN', :h0), claim_consumption('GEC:2:11-15', 5, 'CN-YN', :h1),
       claim_consumption('GEC:2:16-30', 5, 'CN-YN', :h2), claim_consumption('GEC:5:1-20', 5, 'CN-YN', :h3);
SELECT transfer('GEC:6:1-8', 7);
SELECT claim_consumption('GEC:6:1-8', 7, 'CN-SH', :h0);

-- Claims are written only by the verb, and never change.
SELECT pg_temp.attempt($$INSERT INTO greenattr.consumption_claim (holding_id, block, instrument_id, family, asset_id, entity_id, region, period, energy)
	VALUES (999, 'GEC:1:1-1', 1, 'certificate', 1, 2, 'CN-GD', '[2024-01-01,2025-01-01)', '1 MWh')$$);
SELECT pg_temp.attempt($$UPDATE greenattr.consumption_claim SET region = 'CN-YN'$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.consumption_claim$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.consumption_claim$$);
SELECT holding_id, block, entity_id, region, period, energy FROM consumption_claim ORDER BY holding_id;

-- Hourly residual mix (Shanghai, hour 0): 27 t / (40 - 8) MWh.
SELECT grid_factor('CN-SH', :h0), residual_mix('CN-SH', :h0);
-- Hourly vintages of an activity that spans two hours count hour by hour: the
-- activity crosses the hour's bound, its vintages do not.  Two more solar MWh
-- of hour 0, claimed by D: 27 t / (40 - 8 - 2) MWh = 0.9 t/MWh.
BEGIN;
INSERT INTO asset (id, name, kind, technology, region, owner_id) VALUES (9, 'Solar SH two-hour meter', 'generator', 'solar', 'CN-SH', 1);
INSERT INTO activity (id, asset_id, kind, period, energy) VALUES (13, 9, 'generation', '[2024-06-01 00:00,2024-06-01 02:00)', '4 MWh');
SELECT issue('GEC', 13, 2, 1, vintage => :h0) AS hour0, issue('GEC', 13, 2, 1, vintage => :h1) AS hour1;
SELECT transfer('GEC:9:1-2', 7), claim_consumption('GEC:9:1-2', 7, 'CN-SH', :h0);
SELECT residual_mix('CN-SH', :h0), round(27::numeric / 30, 6) AS by_hand;
ROLLBACK;
-- A vintage that contains both bounds of the period is refused like one that
-- crosses a single bound.  Activity 13 runs from 23:00 the day before to
-- 02:00: a certificate of its hour 0, claimed by D, counts there (27 t /
-- (40 - 8 - 1) MWh); one of its whole three hours cannot be placed in hour 0.
BEGIN;
INSERT INTO asset (id, name, kind, technology, region, owner_id) VALUES (9, 'Solar SH three-hour meter', 'generator', 'solar', 'CN-SH', 1);
INSERT INTO activity (id, asset_id, kind, period, energy) VALUES (13, 9, 'generation', '[2024-05-31 23:00,2024-06-01 02:00)', '3 MWh');
SELECT issue('GEC', 13, 1, 1, vintage => :h0) AS hour0;
SELECT transfer('GEC:9:1-1', 7), claim_consumption('GEC:9:1-1', 7, 'CN-SH', :h0);
SELECT residual_mix('CN-SH', :h0), round(27::numeric / 31, 6) AS by_hand;
SELECT issue('GEC', 13, 2, 1) AS three_hours;
SELECT pg_temp.attempt($$SELECT greenattr.residual_mix('CN-SH', '[2024-06-01 00:00,2024-06-01 01:00)')$$);
ROLLBACK;
-- A credit on generation is placed by its vintage as certificates are.  A
-- CCER of 1 t at a baseline of 0.4 t/MWh claims 2.5 MWh of a two-hour solar
-- activity: it cannot be placed in hour 0, and counts in the two hours
-- together: tracked 8 + 8 (asset 6's hours) + 2.5 = 18.5 MWh, residual
-- generation 80 - 18.5 = 61.5 MWh.  The credit is claimed by no consumption in
-- Shanghai; with 12 MWh exported, untracked consumption is 80 - 12 - 8 = 60
-- MWh and there is no deficit: 54 t / 61.5 MWh.
BEGIN;
INSERT INTO asset (id, name, kind, technology, region, owner_id) VALUES (9, 'Solar SH credited', 'generator', 'solar', 'CN-SH', 1);
INSERT INTO activity (id, asset_id, kind, period, energy) VALUES (13, 9, 'generation', '[2024-06-01 00:00,2024-06-01 02:00)', '4 MWh');
SELECT issue('CCER', 13, 1, 1, baseline_ef => '0.4 t/MWh') AS credit;
SELECT block, vintage, claim_energy FROM instrument WHERE asset_id = 9;
SELECT pg_temp.attempt($$SELECT greenattr.residual_mix('CN-SH', '[2024-06-01 00:00,2024-06-01 01:00)')$$);
INSERT INTO grid_exchange (from_region, to_region, period, source, energy) VALUES
	('CN-SH', 'CN-JS', '[2024-06-01 00:00,2024-06-01 02:00)', 'coal', '12 MWh');
SELECT tracked, consumption, claimed, untracked, residual_generation, residual_co2e, deficit, residual_factor,
       round(54 / 61.5, 6) AS by_hand
  FROM residual_balance('CN-SH', '[2024-06-01 00:00,2024-06-01 02:00)');
ROLLBACK;
-- A certificate whose vintage crosses the hour cannot be placed in it, nor
-- in the next hour (it crosses that one's lower bound) ...
SELECT issue('GEC', 8, 1, 1);
SELECT pg_temp.attempt($$SELECT greenattr.residual_mix('CN-SH', '[2024-06-01 00:00,2024-06-01 01:00)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.residual_mix('CN-SH', '[2024-06-01 01:00,2024-06-01 02:00)')$$);
-- ... but counts in the two hours together (D claims it and hour 1's GECs).
SELECT transfer('GEC:6:9-16', 7), transfer('GEC:7:1-1', 7);
SELECT claim_consumption('GEC:6:9-16', 7, 'CN-SH', :h1),
       claim_consumption('GEC:7:1-1', 7, 'CN-SH', '[2024-06-01 00:00,2024-06-01 02:00)');
SELECT * FROM residual_balance('CN-SH', '[2024-06-01 00:00,2024-06-01 02:00)');

-- 24/7 matching: C's hour 3 is covered by gas certificates, which are not
-- carbon-free; D's half-hour-shifted certificate is not an hourly one.
SELECT * FROM hourly_match(5, :y);
SELECT cfe_score(5, :y) AS c_cfe, cfe_score(7, :y) AS d_cfe, cfe_score(1, :y) AS windco_no_consumption;
SELECT * FROM hourly_match(7, :y);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.hourly_match(2, '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.hourly_match(5, '[2024-06-01 00:30,2024-06-02)')$$);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.hourly_match(99, '[2024-01-01,2025-01-01)')$$);
SELECT * FROM hourly_match(5, '[2024-06-01 01:00,2024-06-01 02:00)');
-- A whole region at once: the rows hourly_match() gives each entity for its
-- consumption in the region (Yunnan is C's, Shanghai D's), the same in every
-- column (both differences empty).
SELECT * FROM hourly_match_region('CN-YN', :y) ORDER BY 1, 2, 3;
SELECT * FROM hourly_match_region('CN-SH', :y) ORDER BY 1, 2, 3;
(SELECT r.* FROM unnest(ARRAY['CN-YN', 'CN-SH']) g, hourly_match_region(g, :y) r
 EXCEPT ALL SELECT e, m.* FROM unnest(ARRAY[5, 7]) e, hourly_match(e, :y) m)
UNION ALL
(SELECT e, m.* FROM unnest(ARRAY[5, 7]) e, hourly_match(e, :y) m
 EXCEPT ALL SELECT r.* FROM unnest(ARRAY['CN-YN', 'CN-SH']) g, hourly_match_region(g, :y) r);
-- Hunan meters nothing: no rows.  A meter that crosses an hour is refused and
-- named, as by hourly_match(); its neighbour ending on the hour is matched.
SELECT count(*) AS hunan FROM hourly_match_region('CN-HN', :y);
BEGIN;
INSERT INTO entity (id, name, region) VALUES (8, 'Buyer E', 'CN-YN');
INSERT INTO consumption (entity_id, region, period, energy) VALUES (8, 'CN-YN', '[2024-06-01 05:00,2024-06-01 06:01)', '3 MWh');
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('CN-YN', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match(8, '[2024-01-01,2025-01-01)')$$);
UPDATE consumption SET period = '[2024-06-01 05:00,2024-06-01 06:00)' WHERE entity_id = 8;
SELECT * FROM hourly_match_region('CN-YN', :y) WHERE entity = 8;
ROLLBACK;
-- A period that cuts C's first hour in half; an unknown region; an open period.
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('CN-YN', '[2024-06-01 00:30,2024-06-02)')$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('XX-XX', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('CN-YN', '[2024-01-01,)')$$);
-- The same where nothing was metered or claimed at all: the arguments are checked first.
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('XX-XX', '[1990-01-01,1991-01-01)')$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('CN-YN', '[1990-01-01,)')$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('CN-YN', '[1990-01-01,1991-01-01)')$$);
-- hourly_match_region() and the checks it calls are PARALLEL SAFE, so that a
-- region-year is read in parallel.  With parallel plans made free, its
-- comparison with hourly_match() (taken first into a table: hourly_match() is
-- PL/pgSQL, not parallel safe) has a Gather, which it would not have while
-- hourly_match_region() were not PARALLEL SAFE, and gives no row, with an hour
-- of claims and no consumption among them (C's 04:00: 3 MWh of hydro
-- certificates, all surplus); the refusals are those above.
SELECT p.oid::regprocedure AS function, p.proparallel FROM pg_proc p
 WHERE p.oid IN ('hourly_match_region(text, tstzrange)'::regprocedure, 'hourly_region_scope(text, tstzrange)'::regprocedure,
                 'hourly_metering_ok(bigint, tstzrange, tstzrange)'::regprocedure,
                 'hourly_unmetered(bigint, text, timestamptz, tstzrange)'::regprocedure,
                 'check_region_period(text, tstzrange)'::regprocedure, 'check_period(tstzrange)'::regprocedure)
 ORDER BY 1::text;
CREATE FUNCTION pg_temp.gathers(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	line text;
	n bigint := 0;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		n := n + (line ~ 'Gather')::int;
	END LOOP;
	RETURN n;
END
$$;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
BEGIN;
INSERT INTO activity (id, asset_id, kind, period, energy) VALUES (12, 2, 'generation', '[2024-06-01 04:00,2024-06-01 05:00)', '3 MWh');
SELECT issue('GEC', 12, 3, 4) AS h4;
SELECT transfer('GEC:2:31-33', 5), claim_consumption('GEC:2:31-33', 5, 'CN-YN', '[2024-06-01 04:00,2024-06-01 05:00)');
CREATE TEMP TABLE by_entity AS SELECT e AS entity, m.* FROM unnest(ARRAY[5, 7]) e, hourly_match(e, :y) m;
SELECT * FROM by_entity WHERE consumption = '0 MWh';
CREATE TEMP VIEW by_region AS
SELECT * FROM greenattr.hourly_match_region('CN-YN', '[2024-01-01,2025-01-01)')
UNION ALL
SELECT * FROM greenattr.hourly_match_region('CN-SH', '[2024-01-01,2025-01-01)');
SELECT pg_temp.gathers('SELECT * FROM by_region EXCEPT ALL SELECT * FROM by_entity') > 0 AS parallel;
(SELECT * FROM by_region EXCEPT ALL SELECT * FROM by_entity)
UNION ALL
(SELECT * FROM by_entity EXCEPT ALL SELECT * FROM by_region);
ROLLBACK;
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('XX-XX', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('XX-XX', '[1990-01-01,1991-01-01)')$$);
BEGIN;
INSERT INTO entity (id, name, region) VALUES (8, 'Buyer E', 'CN-YN');
INSERT INTO consumption (entity_id, region, period, energy) VALUES (8, 'CN-YN', '[2024-06-01 05:00,2024-06-01 06:01)', '3 MWh');
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.hourly_match_region('CN-YN', '[2024-01-01,2025-01-01)')$$);
ROLLBACK;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
-- The hour arithmetic underneath: UTC hours, before 2000 too; a range within
-- the period and its hour, next to one crossing the hour, one ending on the
-- next hour, one leaving the period, an empty one and one from -infinity.
SELECT utc_hour('2024-06-01 00:59:59.999999+00') AS h0, utc_hour('2024-06-01 01:00+00') AS h1,
       utc_hour('2024-06-01 09:30+08') AS h1_from_beijing, utc_hour('1999-12-31 23:30+00') AS before_2000,
       utc_hour('infinity') AS infinite;
SELECT within_one_hour('[2024-06-01 00:15,2024-06-01 00:45)', :y) AS quarter,
       within_one_hour('[2024-06-01 00:30,2024-06-01 01:30)', :y) AS crosses,
       within_one_hour('[2024-06-01 00:00,2024-06-01 01:00]', :y) AS ends_on_next_hour,
       within_one_hour('[2024-12-31 23:30,2025-01-01 00:30)', :y) AS leaves_period,
       within_one_hour('empty', :y) AS empty, within_one_hour('[-infinity,2024-06-01 01:00)', '[-infinity,2025-01-01)') AS from_minus_infinity;

-- Residual mixes of the year.
SELECT r, b.* FROM unnest(ARRAY['CN-GD', 'CN-YN', 'CN-SH', 'CN']) r, residual_balance(r, :y) b;

-- Scope 2 of the year: A claimed 80 of its 150 MWh (partial coverage), B
-- nothing, C more than it consumed (gas certificates at 0.405 t/MWh), D
-- (hourly metering) part.
SELECT e, s.* FROM unnest(ARRAY[2, 3, 5, 7]) e, scope2(e, :y) s;
-- Independently, from the raw figures: Guangdong's residual basis is 1000 t plus
-- the 160 MWh deficit at CN's 1544 t / 2013 MWh, over 1060 MWh untracked.
WITH f(gd_basis) AS (SELECT 1000 + round(1544::numeric * 160 / 2013, 6))
SELECT round(f.gd_basis * 70 / 1060, 6) = (SELECT tonnes(market_co2e) FROM scope2(2, :y)) AS a_market,
       round(f.gd_basis * 850 / 1060, 6) = (SELECT tonnes(market_co2e) FROM scope2(3, :y)) AS b_market,
       round(20 * 0.405 * 40 / 70, 6) = (SELECT tonnes(market_co2e) FROM scope2(5, :y)) AS c_market,
       round(54::numeric * 23 / 63, 6) = (SELECT tonnes(market_co2e) FROM scope2(7, :y)) AS d_market,
       round(500::numeric * 40 / 1100, 6) = (SELECT tonnes(location_co2e) FROM scope2(5, :y)) AS c_location
  FROM f;
SELECT * FROM scope2_yearly ORDER BY entity_id, region;
SELECT pg_temp.attempt($$SELECT * FROM greenattr.scope2(99, '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.scope2(5, '[2024-06-01 00:30,2024-06-02)')$$);

-- Regional inventories.
SELECT r, i.* FROM unnest(ARRAY['CN-GD', 'CN-YN', 'CN']) r, region_inventory(r, 2024) i;
-- Credits: 6 of Guangdong's forest CCERs retired by Buyer C (Yunnan), 4 by Windco.
SELECT transfer('CCER:4:1-6', 5);
SELECT retire('CCER:4:1-6', 'Buyer C', 'offset', :y), retire('CCER:4:7-10', 'Windco', 'offset', :y);
SELECT r, i.credits_exported, i.credits_imported, i.inventory_co2e, i.adjusted_co2e
  FROM unnest(ARRAY['CN-GD', 'CN-YN', 'CN']) r, region_inventory(r, 2024) i;
SELECT * FROM region_inventory_yearly ORDER BY region;
SELECT pg_temp.attempt($$SELECT * FROM greenattr.region_inventory('CN-GD', 1800)$$);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.region_inventory('XX', 2024)$$);
UPDATE energy_source SET national_factor = '0.9 t/MWh' WHERE code = 'coal';
SELECT import_co2e FROM region_inventory('CN-GD', 2024);
UPDATE energy_source SET national_factor = '0.853 t/MWh' WHERE code = 'coal';

-- Double-counting exposure, seed 002 §3.3: 504 GWh, 0.6565 and 0.5810 t/MWh.
SELECT * FROM double_counting_exposure('504 GWh', '0.6565 t/MWh', '0.5810 t/MWh');
SELECT * FROM double_counting_exposure('504 GWh', '0.6565 t/MWh', '0.5810 t/MWh', ARRAY[0.1]);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.double_counting_exposure('0 MWh', '0.6565 t/MWh', '0.5810 t/MWh')$$);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.double_counting_exposure('1 MWh', '0.6565 t/MWh', '-0.1 t/MWh')$$);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.double_counting_exposure('1 MWh', '0.6565 t/MWh', '0.5810 t/MWh', ARRAY[1.5])$$);
SELECT * FROM double_counting_exposure_yearly ORDER BY entity_id, region, scenario;

-- Every column of the area's views carries a comment.
SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'greenattr'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
   AND c.relname IN ('residual_mix_yearly', 'scope2_yearly', 'region_inventory_yearly', 'double_counting_exposure_yearly',
                     'energy_source', 'grid_generation', 'grid_exchange', 'consumption', 'consumption_claim', 'region_direct_emission')
   AND col_description(c.oid, a.attnum) IS NULL;
SELECT * FROM audit();
