-- Compliance surrender into each preloaded ETS market: for every rule of the
-- market one rejected surrender and the accepted neighbour; a year whose second
-- surrender crosses the cap; an all-or-nothing failure leaving holdings unchanged.
-- Figures (sql/include/ets_fixture.sql) are for compliance year 2024.
\i sql/include/ets_fixture.sql
\pset null '(null)'

-- ======== National market (ETS_CN:seeds): cap 5 % of allowances due 10000 t = 500 t; CCER only;
-- no projects of entities covered by ETS_CN.
SELECT pg_temp.cr('CCER', 13, 600, 31), pg_temp.cr('VCS', 40, 10, 31), pg_temp.cr('CCER', 36, 10, 31);
SELECT pg_temp.v(31, 'ETS_CN', ARRAY[pg_temp.b('CCER', 13, 1, 501)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 1, 501)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('VCS', '40', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '36', 1, 10)])$$);
-- All or nothing: the first block is fine, the second is not; nothing is retired or split.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024,
	ARRAY[greenattr.certblock('CCER', '13', 1, 100), greenattr.certblock('VCS', '40', 1, 10)])$$);
SELECT block, account_id, status, purpose FROM greenattr.holding WHERE account_id = 31 ORDER BY block;
SELECT count(*) AS surrenders, (SELECT count(*) FROM greenattr.journal WHERE verb = 'surrender') AS journal_rows FROM greenattr.surrender;
-- The legal neighbour: exactly 500 t.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 1, 500)])$$);
SELECT block, status, beneficiary, purpose, claimed_period FROM greenattr.holding WHERE account_id = 31 ORDER BY block;
SELECT entity_id, market, compliance_year, ruleset, block, units, mechanism, asset_id, technology, region, vintage
  FROM greenattr.surrender ORDER BY id;
SELECT verb, block, from_account, detail FROM greenattr.journal WHERE verb = 'surrender' ORDER BY id;
-- Nothing is left under the cap.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 501, 501)])$$);

-- ======== Guangdong (ETS_GD:seeds): cap 10 % of verified emissions 10000 t = 1000 t; CCER, PHCER;
-- at least 70 % of CCERs from Guangdong; no projects of ETS_GD-covered entities.
SELECT pg_temp.cr('CCER', 11, 1000, 32), pg_temp.cr('CCER', 12, 500, 32), pg_temp.cr('PHCER', 15, 200, 32),
       pg_temp.cr('VCS', 40, 10, 32), pg_temp.cr('CCER', 36, 10, 32);
-- 200 of 300 CCER t from Guangdong = 66.7 % < 70 %.
SELECT pg_temp.v(32, 'ETS_GD', ARRAY[pg_temp.b('CCER', 11, 1, 200), pg_temp.b('CCER', 12, 1, 100)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024,
	ARRAY[greenattr.certblock('CCER', '11', 1, 200), greenattr.certblock('CCER', '12', 1, 100)])$$);
-- PHCER do not count in the CCER quota: 200 GD CCER of 300 CCER still fails with 100 PHCER added.
SELECT pg_temp.v(32, 'ETS_GD', ARRAY[pg_temp.b('CCER', 11, 1, 200), pg_temp.b('CCER', 12, 1, 100), pg_temp.b('PHCER', 15, 1, 100)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024, ARRAY[greenattr.certblock('VCS', '40', 11, 20)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024, ARRAY[greenattr.certblock('CCER', '36', 11, 20)])$$);
-- First surrender: 210 of 300 = 70 %: accepted.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024,
	ARRAY[greenattr.certblock('CCER', '11', 1, 210), greenattr.certblock('CCER', '12', 1, 90)])$$);
-- Second surrender crosses the cap: 300 + 701 = 1001 t > 1000 t.
SELECT * FROM greenattr.check_surrender(32, 'ETS_GD', 2024, ARRAY[greenattr.certblock('CCER', '11', 211, 911)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024, ARRAY[greenattr.certblock('CCER', '11', 211, 911)])$$);
-- The neighbour: 300 + 700 = 1000 t; the quota now counts both calls: 910 of 1000 CCER t from Guangdong.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024, ARRAY[greenattr.certblock('CCER', '11', 211, 910)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024, ARRAY[greenattr.certblock('PHCER', '15', 1, 1)])$$);

-- ======== Shenzhen: two readings.  seed 001 (default, published later): 20 % of the shortfall
-- 2000 t = 400 t; seed 002: 10 % of emissions 5000 t = 500 t.  Wind/solar from the listed
-- provinces and cities; biogas from Shenzhen; no projects of ETS_SZ-covered entities.
SELECT pg_temp.cr('CCER', 12, 600, 33), pg_temp.cr('CCER', 13, 100, 33), pg_temp.cr('CCER', 14, 100, 33),
       pg_temp.cr('VCS', 40, 10, 33), pg_temp.cr('CCER', 36, 10, 33), pg_temp.cr('SZCER', 16, 10, 33);
SELECT pg_temp.v(33, 'ETS_SZ', ARRAY[pg_temp.b('CCER', 12, 501, 901)]);
SELECT pg_temp.v(33, 'ETS_SZ', ARRAY[pg_temp.b('CCER', 12, 501, 901)], 'ETS_SZ:seed002');
SELECT pg_temp.attempt($$SELECT greenattr.surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('CCER', '12', 501, 901)])$$);
-- Biogas from Guangdong outside Shenzhen is not local.
SELECT pg_temp.cr('CCER', 41, 10, 33);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('CCER', '41', 1, 10)])$$);
-- Jiangsu wind is not on Shenzhen's list; Hunan wind is.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('CCER', '13', 601, 610)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('VCS', '40', 21, 30)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('CCER', '36', 21, 30)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(33, 'ETS_SZ', 2024,
	ARRAY[greenattr.certblock('CCER', '12', 501, 790), greenattr.certblock('CCER', '14', 1, 100), greenattr.certblock('SZCER', '16', 1, 10)])$$);
-- 400 t surrendered: the seed 002 reading would still allow 100 t more, seed 001 none.
SELECT pg_temp.v(33, 'ETS_SZ', ARRAY[pg_temp.b('CCER', 12, 791, 890)], 'ETS_SZ:seed002');
SELECT pg_temp.v(33, 'ETS_SZ', ARRAY[pg_temp.b('CCER', 12, 791, 891)], 'ETS_SZ:seed002');
SELECT pg_temp.v(33, 'ETS_SZ', ARRAY[pg_temp.b('CCER', 12, 791, 791)]);

-- ======== Beijing: cap 5 % of allocation 10000 t = 500 t (both); CCER from outside Beijing at most
-- 2.5 % of allocation = 250 t (seed 002); eligible: seed 001 CCER, BJCER; seed 002 CCER, BJESR, BFCER,
-- the latter two from Beijing only.
SELECT pg_temp.cr('CCER', 19, 300, 34), pg_temp.cr('BFCER', 17, 100, 34), pg_temp.cr('BJESR', 20, 50, 34),
       pg_temp.cr('BJESR', 18, 100, 34), pg_temp.cr('BJCER', 21, 60, 34), pg_temp.cr('CCER', 36, 10, 34);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('CCER', '19', 1, 251)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('CCER', '19', 1, 250)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('BFCER', '17', 1, 100)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('BJCER', '21', 1, 10)], ruleset => 'ETS_BJ:seed002')$$);
-- Energy-saving reductions from Hebei are not from Beijing (seed 002).
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('BJESR', '20', 1, 50)], ruleset => 'ETS_BJ:seed002')$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('CCER', '36', 31, 40)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024,
	ARRAY[greenattr.certblock('BFCER', '17', 1, 100), greenattr.certblock('BJESR', '18', 1, 100)], ruleset => 'ETS_BJ:seed002')$$);
-- 450 t surrendered.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('BJCER', '21', 1, 51)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(34, 'ETS_BJ', 2024, ARRAY[greenattr.certblock('BJCER', '21', 1, 50)])$$);

-- ======== Shanghai: seed 001 (default) 5 % of verified emissions 10000 t = 500 t, CCER and SHCER;
-- seed 002 5 % of allocation 8000 t = 400 t, CCER only; both: no hydro CCER, CCER vintages from
-- 2013-01-01, no projects of ETS_SH-covered entities.
SELECT pg_temp.cr('CCER', 22, 600, 35), pg_temp.cr('CCER', 122, 10, 35), pg_temp.cr('CCER', 23, 10, 35),
       pg_temp.cr('SHCER', 24, 10, 35), pg_temp.cr('CCER', 36, 10, 35);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(35, 'ETS_SH', 2024, ARRAY[greenattr.certblock('CCER', '23', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(35, 'ETS_SH', 2024, ARRAY[greenattr.certblock('CCER', '22', 601, 610)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(35, 'ETS_SH', 2024, ARRAY[greenattr.certblock('CCER', '36', 41, 50)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(35, 'ETS_SH', 2024, ARRAY[greenattr.certblock('SHCER', '24', 1, 10)], ruleset => 'ETS_SH:seed002')$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(35, 'ETS_SH', 2024, ARRAY[greenattr.certblock('CCER', '22', 1, 501)])$$);
SELECT pg_temp.v(35, 'ETS_SH', ARRAY[pg_temp.b('CCER', 22, 1, 401)], 'ETS_SH:seed002');
SELECT pg_temp.v(35, 'ETS_SH', ARRAY[pg_temp.b('CCER', 22, 1, 400)], 'ETS_SH:seed002');
SELECT pg_temp.attempt($$SELECT greenattr.surrender(35, 'ETS_SH', 2024,
	ARRAY[greenattr.certblock('CCER', '22', 1, 490), greenattr.certblock('SHCER', '24', 1, 10)])$$);

-- ======== Tianjin: cap 10 % of verified emissions 10000 t = 1000 t (both); seed 001 (default): CCER
-- only, at least 50 % from Beijing-Tianjin-Hebei; seed 002: CCER and TFCER, no quota; both: no
-- projects of ETS_TJ- or ETS_CN-covered entities.
SELECT pg_temp.cr('CCER', 19, 501, 36), pg_temp.cr('CCER', 13, 600, 36), pg_temp.cr('TFCER', 25, 10, 36),
       pg_temp.cr('CCER', 36, 10, 36);
-- 100 of 201 t from Hebei = 49.75 %.
SELECT pg_temp.v(36, 'ETS_TJ', ARRAY[pg_temp.b('CCER', 19, 301, 400), pg_temp.b('CCER', 13, 701, 801)]);
SELECT pg_temp.v(36, 'ETS_TJ', ARRAY[pg_temp.b('CCER', 19, 301, 400), pg_temp.b('CCER', 13, 701, 801)], 'ETS_TJ:seed002');
SELECT pg_temp.attempt($$SELECT greenattr.surrender(36, 'ETS_TJ', 2024,
	ARRAY[greenattr.certblock('CCER', '19', 301, 400), greenattr.certblock('CCER', '13', 701, 801)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(36, 'ETS_TJ', 2024, ARRAY[greenattr.certblock('TFCER', '25', 1, 10)])$$);
SELECT pg_temp.v(36, 'ETS_TJ', ARRAY[pg_temp.b('TFCER', 25, 1, 10)], 'ETS_TJ:seed002');
SELECT pg_temp.attempt($$SELECT greenattr.surrender(36, 'ETS_TJ', 2024, ARRAY[greenattr.certblock('CCER', '36', 51, 60)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(36, 'ETS_TJ', 2024,
	ARRAY[greenattr.certblock('CCER', '19', 301, 400), greenattr.certblock('CCER', '13', 701, 800)])$$);
-- 200 t surrendered; 401 + 400 more = 1001 t.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(36, 'ETS_TJ', 2024,
	ARRAY[greenattr.certblock('CCER', '19', 401, 801), greenattr.certblock('CCER', '13', 801, 1200)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(36, 'ETS_TJ', 2024,
	ARRAY[greenattr.certblock('CCER', '19', 401, 800), greenattr.certblock('CCER', '13', 801, 1200)])$$);

-- ======== Hubei (ETS_HB:seeds): cap 10 % of initial allocation 10000 t = 1000 t; CCER from Hubei,
-- biogas or forestry, vintage within 2013-2015; no projects of ETS_HB-covered entities.
SELECT pg_temp.cr('CCER', 226, 1100, 37), pg_temp.cr('CCER', 26, 10, 37), pg_temp.cr('CCER', 227, 10, 37),
       pg_temp.cr('CCER', 214, 10, 37), pg_temp.cr('CCER', 36, 10, 37);
SELECT pg_temp.cr('VCS', 42, 10, 37);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(37, 'ETS_HB', 2024, ARRAY[greenattr.certblock('VCS', '42', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(37, 'ETS_HB', 2024, ARRAY[greenattr.certblock('CCER', '26', 1101, 1110)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(37, 'ETS_HB', 2024, ARRAY[greenattr.certblock('CCER', '27', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(37, 'ETS_HB', 2024, ARRAY[greenattr.certblock('CCER', '14', 101, 110)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(37, 'ETS_HB', 2024, ARRAY[greenattr.certblock('CCER', '36', 61, 70)])$$);
SELECT pg_temp.v(37, 'ETS_HB', ARRAY[pg_temp.b('CCER', 36, 61, 70)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(37, 'ETS_HB', 2024, ARRAY[greenattr.certblock('CCER', '26', 1, 1001)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(37, 'ETS_HB', 2024, ARRAY[greenattr.certblock('CCER', '26', 1, 1000)])$$);

-- ======== Chongqing: seed 001 (default) cap 8 % of allowances due 10000 t = 800 t, at least 90 % from
-- Chengdu-Chongqing and 80 % from Chongqing; seed 002 8 % of verified emissions 5000 t = 400 t, no
-- origin quotas; both: CCER and CQCER, no hydro.  Neither seed has a boundary rule for Chongqing.
SELECT pg_temp.cr('CCER', 28, 900, 38), pg_temp.cr('CCER', 29, 200, 38), pg_temp.cr('CCER', 13, 15, 38),
       pg_temp.cr('CCER', 30, 10, 38), pg_temp.cr('VCS', 40, 10, 38), pg_temp.cr('CQCER', 37, 10, 38);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(38, 'ETS_CQ', 2024, ARRAY[greenattr.certblock('CCER', '30', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(38, 'ETS_CQ', 2024, ARRAY[greenattr.certblock('VCS', '40', 31, 40)])$$);
-- 70 of 100 t from Chongqing < 80 %; all 100 from the economic circle.
SELECT pg_temp.v(38, 'ETS_CQ', ARRAY[pg_temp.b('CCER', 28, 1, 70), pg_temp.b('CCER', 29, 1, 30)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(38, 'ETS_CQ', 2024,
	ARRAY[greenattr.certblock('CCER', '28', 1, 70), greenattr.certblock('CCER', '29', 1, 30)])$$);
-- 85 of 100 t from the circle < 90 %, 85 % from Chongqing.
SELECT pg_temp.v(38, 'ETS_CQ', ARRAY[pg_temp.b('CCER', 28, 1, 85), pg_temp.b('CCER', 13, 1301, 1315)]);
SELECT pg_temp.v(38, 'ETS_CQ', ARRAY[pg_temp.b('CCER', 28, 1, 85), pg_temp.b('CCER', 13, 1301, 1315)], 'ETS_CQ:seed002');
SELECT pg_temp.attempt($$SELECT greenattr.surrender(38, 'ETS_CQ', 2024,
	ARRAY[greenattr.certblock('CCER', '28', 1, 70), greenattr.certblock('CCER', '29', 1, 20), greenattr.certblock('CQCER', '37', 1, 10)])$$);
-- 100 t surrendered; 701 more = 801 t > 800 t.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(38, 'ETS_CQ', 2024, ARRAY[greenattr.certblock('CCER', '28', 71, 771)])$$);
SELECT pg_temp.v(38, 'ETS_CQ', ARRAY[pg_temp.b('CCER', 28, 71, 370)], 'ETS_CQ:seed002');
SELECT pg_temp.attempt($$SELECT greenattr.surrender(38, 'ETS_CQ', 2024, ARRAY[greenattr.certblock('CCER', '28', 71, 770)])$$);

-- ======== Fujian (ETS_FJ:seeds): cap 10 % of verified emissions 10000 t = 1000 t, of which forestry at
-- most 1000 t and other types at most 5 % = 500 t; CCER and FFCER, all from Fujian; CCER non-hydro,
-- CO2 and CH4 only, not from projects of entities covered by any ETS; FFCER vintages from 2005-02-16.
SELECT pg_temp.cr('FFCER', 31, 600, 39), pg_temp.cr('FFCER', 331, 10, 39), pg_temp.cr('CCER', 32, 600, 39),
       pg_temp.cr('CCER', 33, 10, 39), pg_temp.cr('CCER', 34, 10, 39), pg_temp.cr('CCER', 35, 10, 39),
       pg_temp.cr('CCER', 12, 10, 39), pg_temp.cr('CCER', 36, 10, 39);
SELECT pg_temp.cr('VCS', 42, 10, 39);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('VCS', '42', 11, 20)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('CCER', '34', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('CCER', '33', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('CCER', '35', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('FFCER', '31', 601, 610)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('CCER', '12', 1101, 1110)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('CCER', '36', 71, 80)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('CCER', '32', 1, 501)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('CCER', '32', 1, 500)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('FFCER', '31', 1, 501)])$$);
SELECT * FROM greenattr.check_surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('FFCER', '31', 1, 500)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(39, 'ETS_FJ', 2024, ARRAY[greenattr.certblock('FFCER', '31', 1, 500)])$$);

-- ======== Totals per entity and market, and the audit.
SELECT entity_id, market, ruleset, sum(units) AS units, count(*) AS blocks FROM greenattr.surrender
 GROUP BY 1, 2, 3 ORDER BY 1, 3;
SELECT * FROM greenattr.audit();
