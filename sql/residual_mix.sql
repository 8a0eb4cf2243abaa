-- Residual mix and grid average: the seed example (DOMAIN §3), cross-region
-- claims, expiry, the deficit rule and the rules that refuse bad data.
\i sql/include/residual_fixture.sql
\set y '''[2024-01-01,2025-01-01)'''

-- Seed: 100 MWh green + 900 MWh thermal emitting 1000 t (Guangdong), and a
-- Yunnan grid of 500 MWh hydro + 500 MWh coal at 0.9 t/MWh.
INSERT INTO grid_generation (region, period, source, energy, co2e, emission_factor) VALUES
	('CN-GD', :y, 'wind', '100 MWh', '0 t', NULL),
	('CN-GD', :y, 'coal', '900 MWh', '1000 t', NULL),
	('CN-YN', :y, 'hydro', '500 MWh', NULL, '0 t/MWh'),
	('CN-YN', :y, 'coal', '500 MWh', NULL, '0.9 t/MWh');
SELECT region, source, energy, co2e, emission_factor, emissions FROM grid_generation ORDER BY id;
SELECT r, grid_factor(r, :y) FROM unnest(ARRAY['CN-GD', 'CN-YN', 'CN']) r;
-- No instruments yet: the residual mix is the grid average.
SELECT residual_mix('CN-GD', :y);

-- 100 GECs on the wind farm's output leave the mix when issued; while nobody has
-- claimed them, Guangdong's untracked consumption (1000 MWh) exceeds its residual
-- generation (900 MWh), and CN, the wider mix, has the same deficit and no parent.
INSERT INTO activity (id, asset_id, kind, period, energy) VALUES
	(1, 1, 'generation', :y, '100 MWh'),
	(2, 2, 'generation', :y, '500 MWh'),
	(3, 3, 'generation', :y, '10 MWh');
SELECT issue('GEC', 1, 100, 1);
SELECT pg_temp.attempt($$SELECT residual_mix('CN-GD', '[2024-01-01,2025-01-01)')$$);
-- Buyer A claims them for its Guangdong consumption of 2024: the seed's figures.
SELECT transfer('GEC:1:1-100', 2);
SELECT claim_consumption('GEC:1:1-100', 2, 'CN-GD', :y);
SELECT grid_factor('CN-GD', :y) AS grid, residual_mix('CN-GD', :y) AS residual;
SELECT * FROM residual_balance('CN-GD', :y);
-- Scope 2 of the seed: A consumed the 100 MWh it claimed and reports 0 t; B
-- consumed the other 900 MWh and reports 1000 t at the residual mix, not 900 t
-- at the grid average: together the 1000 t emitted, counted once.
INSERT INTO consumption (entity_id, region, period, energy) VALUES (2, 'CN-GD', :y, '100 MWh'), (3, 'CN-GD', :y, '900 MWh');
SELECT e, s.* FROM unnest(ARRAY[2, 3]) e, scope2(e, :y) s;
SELECT holding_id, block, entity_id, region, period, energy FROM consumption_claim;
SELECT verb, block, from_account, detail FROM journal WHERE verb = 'claim_consumption';
SELECT block, status, beneficiary, purpose, claimed_period FROM holding WHERE block = 'GEC:1:1-100';

-- Yunnan: 300 GECs on the hydro output; 200 of them are claimed by Buyer A for
-- Guangdong consumption (cross-region, same market): they leave Yunnan's mix and
-- cover consumption in Guangdong.  The other 100 are still outstanding: the
-- deficit reaches CN, which has no parent.
SELECT issue('GEC', 2, 300, 4);
SELECT transfer('GEC:2:1-200', 2);
SELECT claim_consumption('GEC:2:1-200', 2, 'CN-GD', :y);
SELECT pg_temp.attempt($$SELECT residual_mix('CN-YN', '[2024-01-01,2025-01-01)')$$);
-- 100 expire unclaimed: their attributes return to Yunnan's mix.
SELECT expire('GEC:2:201-300');
SELECT block, status, reason FROM holding WHERE block && 'GEC:2:1-300' ORDER BY block;
SELECT r, b.* FROM unnest(ARRAY['CN-GD', 'CN-YN', 'CN']) r, residual_balance(r, :y) b;
SELECT r, residual_mix(r, :y) FROM unnest(ARRAY['CN-GD', 'CN-YN', 'CN']) r;
SELECT * FROM residual_mix_yearly ORDER BY region;

-- The deficit rule, computed independently from the balance rows:
-- Yunnan's residual = (450 t + 200 MWh x CN's 1450 t / 1700 MWh) / 1000 MWh.
SELECT (450::numeric + round(1450::numeric * 200 / 1700, 6)) / 1000 AS yn_check,
       round((450::numeric + round(1450::numeric * 200 / 1700, 6)) / 1000, 6) = residual_mix('CN-YN', :y)::numeric AS agrees;

-- Tracked attributes need generation in the grid data (France: a GO on wind
-- output, but the French grid data has only gas).
INSERT INTO grid_generation (region, period, source, energy, emission_factor) VALUES
	('FR', :y, 'gas', '100 MWh', '0.4 t/MWh');
SELECT issue('GO', 3, 10, 6);
SELECT pg_temp.attempt($$SELECT residual_mix('FR', '[2024-01-01,2025-01-01)')$$);
SELECT * FROM audit_residual();
INSERT INTO grid_generation (region, period, source, energy, asset_id, emission_factor) VALUES
	('FR', '[2024-01-01,2024-07-01)', 'wind', '9.999 MWh', 3, '0 t/MWh');
SELECT pg_temp.attempt($$SELECT residual_mix('FR', '[2024-01-01,2025-01-01)')$$);
INSERT INTO grid_generation (region, period, source, energy, asset_id, emission_factor) VALUES
	('FR', '[2024-07-01,2025-01-01)', 'wind', '0.001 MWh', 3, '0 t/MWh');
SELECT claim_consumption('GO:3:1-10', 6, 'FR', :y);
SELECT residual_mix('FR', :y), grid_factor('FR', :y);

-- Grid data rules.
SELECT pg_temp.attempt($$INSERT INTO greenattr.grid_generation (region, period, source, energy, co2e, emission_factor)
	VALUES ('CN-GD', '[2024-06-01,2024-07-01)', 'coal', '1 MWh', '1 t', NULL)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.grid_generation (region, period, source, energy, co2e, emission_factor)
	VALUES ('CN-GD', '[2025-01-01,2025-02-01)', 'coal', '1 MWh', '1 t', '1 t/MWh')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.grid_generation (region, period, source, energy, co2e)
	VALUES ('CN-GD', '[2025-01-01,2025-02-01)', 'oil', '1 MWh', '1 t')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.grid_generation (region, period, source, energy, asset_id, co2e)
	VALUES ('FR', '[2024-12-01,2025-01-01)', 'wind', '1 MWh', 3, '0 t')$$);
-- The legal neighbour: the next month.
SELECT pg_temp.attempt($$INSERT INTO greenattr.grid_generation (region, period, source, energy, co2e)
	VALUES ('CN-GD', '[2025-01-01,2025-02-01)', 'coal', '1 MWh', '1 t') RETURNING emissions$$);

-- Arguments.
SELECT pg_temp.attempt($$SELECT residual_mix('XX', '[2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT residual_mix('CN-GD', '[2024-01-01,)')$$);
SELECT pg_temp.attempt($$SELECT residual_mix('CN-GD', 'empty')$$);
SELECT pg_temp.attempt($$SELECT grid_factor('CN-GD', '[2024-01-01,2024-07-01)')$$);
SELECT pg_temp.attempt($$SELECT residual_mix('CN-GD', '[2024-01-01,2024-07-01)')$$);
-- Grid data crossing the lower bound is found as well (the residual mix looks
-- for rows that contain a bound of the period), also when only the bound's
-- inclusion differs; a period made of whole rows (2024 and January 2025) is accepted.
SELECT pg_temp.attempt($$SELECT residual_mix('CN-GD', '[2024-07-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT residual_mix('CN-GD', '(2024-01-01,2025-01-01)')$$);
SELECT pg_temp.attempt($$SELECT residual_mix('CN-GD', '[2024-01-01,2025-02-01)') IS NOT NULL$$);
SELECT grid_factor('CN-GD', '[2023-01-01,2024-01-01)') AS no_data;

-- Exchanges cross the border of a region (CN-GD to CN-YN is inside CN).
INSERT INTO grid_exchange (from_region, to_region, period, source, energy) VALUES
	('CN-YN', 'CN-GD', :y, 'hydro', '50 MWh');
SELECT r, b.imports, b.exports, b.consumption, b.untracked, b.deficit, b.residual_factor
  FROM unnest(ARRAY['CN-GD', 'CN-YN', 'CN']) r, residual_balance(r, :y) b;
SELECT pg_temp.attempt($$INSERT INTO greenattr.grid_exchange (from_region, to_region, period, source, energy)
	VALUES ('CN-YN', 'CN-YN', '[2024-01-01,2025-01-01)', 'hydro', '1 MWh')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.grid_exchange (from_region, to_region, period, source, energy)
	VALUES ('CN-YN', 'CN-GD', '[2024-06-01,2024-07-01)', 'hydro', '1 MWh')$$);
-- Consumption is reported once per entity, region and time: June 2024 again
-- for Buyer A in Guangdong is refused; the next January there, and the same
-- year in Yunnan, are accepted (then rolled back).
SELECT pg_temp.attempt($$INSERT INTO greenattr.consumption (entity_id, region, period, energy)
	VALUES (2, 'CN-GD', '[2024-06-01,2024-07-01)', '1 MWh')$$);
BEGIN;
INSERT INTO consumption (entity_id, region, period, energy) VALUES
	(2, 'CN-GD', '[2025-01-01,2025-02-01)', '1 MWh'), (2, 'CN-YN', :y, '1 MWh');
SELECT entity_id, region, period, energy FROM consumption WHERE entity_id = 2 ORDER BY region, period;
ROLLBACK;

-- What the tracked side counts, in Guangdong 2022 (wind 1000 MWh at 0 t, coal
-- 1000 MWh emitting 1000 t): January's 400 GECs; February's 300 GECs frozen and
-- converted into a CCER of 240 t at 0.8 t/MWh (the credit carries the 300 MWh,
-- the converted GECs are released); 100 of January's GECs expire (released);
-- a CCER of 50 t on a saving (not generation: not counted; counted, it would
-- find no 'efficiency' grid data and be refused).  Tracked:
-- 400 + 300 - 300 + 300 - 100 = 600 MWh of wind.  300 GECs are claimed and
-- 600 MWh exported to Yunnan: consumption 1400, untracked 1100, residual
-- generation 1400 (no deficit), residual mix 1000 t / 1400 MWh = 0.714286.
\set y22 '''[2022-01-01,2023-01-01)'''
INSERT INTO grid_generation (region, period, source, energy, co2e) VALUES
	('CN-GD', :y22, 'wind', '1000 MWh', '0 t'), ('CN-GD', :y22, 'coal', '1000 MWh', '1000 t');
INSERT INTO asset (id, name, kind, technology, region, owner_id) VALUES
	(5, 'Wind farm GD 2', 'generator', 'wind', 'CN-GD', 1),
	(6, 'Efficiency GD', 'project', 'efficiency', 'CN-GD', 1);
INSERT INTO activity (id, asset_id, kind, period, energy) VALUES
	(10, 5, 'generation', '[2022-01-01,2022-02-01)', '400 MWh'),
	(11, 5, 'generation', '[2022-02-01,2022-03-01)', '300 MWh'),
	(12, 6, 'saving', :y22, '100 MWh');
SELECT issue('GEC', 10, 400, 1) AS gec_jan, issue('GEC', 11, 300, 1) AS gec_feb;
SELECT opt_into_crediting(5, 'CCER', '[2022-02-01,2022-03-01)') AS frozen;
SELECT issue('CCER', 11, 240, 1, baseline_ef => '0.8 t/MWh') AS ccer_feb,
       issue('CCER', 12, 50, 1, baseline_ef => '0.5 t/MWh') AS ccer_saving;
SELECT expire('GEC:5:301-400') AS expired;
SELECT claim_consumption('GEC:5:1-300', 1, 'CN-GD', :y22) AS claimed;
INSERT INTO grid_exchange (from_region, to_region, period, source, energy) VALUES
	('CN-GD', 'CN-YN', :y22, 'coal', '600 MWh');
SELECT i.family, i.block, i.claim_energy, h.block AS holding, h.status, h.reason
  FROM instrument i JOIN holding h ON h.instrument_id = i.id AND h.family = i.family
 WHERE i.asset_id IN (5, 6) ORDER BY i.block, h.block;
SELECT * FROM residual_balance('CN-GD', :y22);
SELECT residual_mix('CN-GD', :y22), round(1000::numeric / 1400, 6) AS by_hand;
SELECT * FROM audit();
