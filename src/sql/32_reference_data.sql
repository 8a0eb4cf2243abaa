-- Shipped reference rows (DOMAIN.md §1, §2, §6). A DBA may add rows; shipped
-- rows are marked so that pg_dump leaves them out and a restore does not duplicate them.

INSERT INTO @extschema@.region (code, parent, name, alpha3, level, shipped) VALUES
	('CN-GD-SZ', 'CN-GD', 'Shenzhen Shi', NULL, 'city', true);

INSERT INTO @extschema@.mechanism (code, family, unit, name, issuer, region, shipped) VALUES
	('CCER',   'credit', 'tCO2e', 'China Certified Emission Reduction', 'Ministry of Ecology and Environment (CN)', 'CN', true),
	('CDM',    'credit', 'tCO2e', 'Clean Development Mechanism CER', 'CDM Executive Board', NULL, true),
	('GS',     'credit', 'tCO2e', 'Gold Standard Verified Emission Reduction', 'Gold Standard Foundation', NULL, true),
	('VCS',    'credit', 'tCO2e', 'Verra Verified Carbon Unit', 'Verra', NULL, true),
	('ACR',    'credit', 'tCO2e', 'American Carbon Registry ERT', 'American Carbon Registry', NULL, true),
	('CAR',    'credit', 'tCO2e', 'Climate Action Reserve CRT', 'Climate Action Reserve', NULL, true),
	('JCM',    'credit', 'tCO2e', 'Joint Crediting Mechanism credit', 'JCM joint committees (Japan and partner)', NULL, true),
	('A6_4',   'credit', 'tCO2e', 'Article 6.4 emission reduction (A6.4ER)', 'Article 6.4 Supervisory Body', NULL, true),
	('PHCER',  'credit', 'tCO2e', 'Guangdong inclusive-carbon (Pu Hui) certified reduction', 'Guangdong Department of Ecology and Environment', 'CN-GD', true),
	('BFCER',  'credit', 'tCO2e', 'Beijing forestry carbon-sink certified reduction', 'Beijing Municipal Ecology and Environment Bureau', 'CN-BJ', true),
	('FFCER',  'credit', 'tCO2e', 'Fujian forestry certified reduction', 'Fujian Department of Ecology and Environment', 'CN-FJ', true),
	('CQCER',  'credit', 'tCO2e', 'Chongqing certified emission reduction', 'Chongqing Ecology and Environment Bureau', 'CN-CQ', true),
	('GEC',    'certificate', 'MWh', 'China green electricity certificate', 'National Energy Administration (CN)', 'CN', true),
	('IREC',   'certificate', 'MWh', 'International REC (I-REC(E))', 'I-TRACK Foundation', NULL, true),
	('TIGR',   'certificate', 'MWh', 'Tradable Instrument for Global Renewables', 'APX / Xpansiv', NULL, true),
	('GO',     'certificate', 'MWh', 'EU Guarantee of Origin (EECS)', 'AIB member issuing bodies', NULL, true),
	('USREC',  'certificate', 'MWh', 'US renewable energy certificate', 'US regional tracking systems', 'US', true),
	('GP',     'green_power', 'MWh', 'China green-power trade (energy bundled with its attribute)', 'Beijing / Guangzhou power exchange centres', 'CN', true),
	('EUR_ZJ', 'energy_quota', 'tce', 'Zhejiang energy-use right', 'Zhejiang Development and Reform Commission', 'CN-ZJ', true),
	('EUR_FJ', 'energy_quota', 'tce', 'Fujian energy-use right', 'Fujian Development and Reform Commission', 'CN-FJ', true),
	('EUR_HA', 'energy_quota', 'tce', 'Henan energy-use right', 'Henan Development and Reform Commission', 'CN-HA', true),
	('EUR_SC', 'energy_quota', 'tce', 'Sichuan energy-use right', 'Sichuan Development and Reform Commission', 'CN-SC', true);

INSERT INTO @extschema@.market (code, kind, region, name, shipped) VALUES
	('ETS_CN', 'ets', 'CN',       'China national ETS', true),
	('ETS_BJ', 'ets', 'CN-BJ',    'Beijing pilot ETS', true),
	('ETS_TJ', 'ets', 'CN-TJ',    'Tianjin pilot ETS', true),
	('ETS_SH', 'ets', 'CN-SH',    'Shanghai pilot ETS', true),
	('ETS_CQ', 'ets', 'CN-CQ',    'Chongqing pilot ETS', true),
	('ETS_HB', 'ets', 'CN-HB',    'Hubei pilot ETS', true),
	('ETS_GD', 'ets', 'CN-GD',    'Guangdong pilot ETS', true),
	('ETS_SZ', 'ets', 'CN-GD-SZ', 'Shenzhen pilot ETS', true),
	('ETS_FJ', 'ets', 'CN-FJ',    'Fujian pilot ETS', true),
	('EUR_ZJ', 'energy_use_rights', 'CN-ZJ', 'Zhejiang energy-use-rights pilot', true),
	('EUR_FJ', 'energy_use_rights', 'CN-FJ', 'Fujian energy-use-rights pilot', true),
	('EUR_HA', 'energy_use_rights', 'CN-HA', 'Henan energy-use-rights pilot', true),
	('EUR_SC', 'energy_use_rights', 'CN-SC', 'Sichuan energy-use-rights pilot', true);

-- Every ETS: no credits from inside a covered entity's boundary (seed 002 table 3-2 and
-- §5.2.1). Every energy-use-rights pilot: no CCER for saving projects inside its
-- boundary (seed 002 §3.2.3, §5.2.1). Henan: ETS-covered entities leave energy-use-rights
-- trading (Henan 2022 revised pilot plan, seed 002 §5.2.1).
INSERT INTO @extschema@.boundary_rule (market, rule, source, shipped)
SELECT code, 'no_credits_in_boundary', 'seed 002 table 3-2, §5.2.1', true
  FROM @extschema@.market WHERE kind = 'ets'
UNION ALL
SELECT code, 'no_credits_from_saving', 'seed 002 §3.2.3, §5.2.1', true
  FROM @extschema@.market WHERE kind = 'energy_use_rights'
UNION ALL
SELECT 'EUR_HA', 'no_ets_coverage', 'Henan energy-use-rights pilot plan, revised 2022 (seed 002 §5.2.1)', true
ORDER BY 1, 2;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.region', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.mechanism', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.market', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.boundary_rule', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.boundary_rule_id_seq', '');
