-- contrib/citus/scenario_load.sql: a small registry loaded on the coordinator
-- BEFORE distribute.sql runs (so the script has existing rows to move): six
-- assets of four owners, their metered activities, four accounts, and a few
-- issuances, transfers, a retirement and a cancellation made by the verbs.
-- Run on a fresh database with greenattr installed (cluster.sh + CREATE EXTENSION).
\set ON_ERROR_STOP on
SET search_path = public, greenattr;
SET TimeZone = 'UTC';

INSERT INTO greenattr.entity (id, name, region) VALUES
	(1, 'Windco', 'CN-GD'), (2, 'Steelco', 'CN-GD'), (3, 'Buyer', 'CN-BJ'), (4, 'Forestco', 'CN-FJ');
-- Steelco is in the Guangdong ETS: no credits from assets inside its boundary.
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (2, 'ETS_GD', '[2021-01-01,)');

INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(1, 'Wind farm A', 'generator', 'wind', 'CN-GD', 1),
	(2, 'Wind farm B', 'generator', 'wind', 'CN-GD', 1),
	(3, 'Solar park C', 'generator', 'solar', 'CN-GD', 1),
	(4, 'Forest D', 'project', 'forestry', 'CN-FJ', 4),
	(5, 'Waste-heat recovery E', 'project', 'energy_efficiency', 'CN-GD', 2),
	(6, 'Solar park F', 'generator', 'solar', 'CN-FJ', 4);
-- Identity columns: the explicit ids above leave the sequences behind.
SELECT pg_catalog.setval('greenattr.entity_id_seq', 4), pg_catalog.setval('greenattr.asset_id_seq', 6);

INSERT INTO greenattr.activity (asset_id, kind, period, energy, co2e) VALUES
	(1, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh', NULL),   -- 1
	(1, 'generation', '[2024-02-01,2024-03-01)', '1000 MWh', NULL),   -- 2
	(2, 'generation', '[2024-01-01,2024-02-01)', '2000 MWh', NULL),   -- 3
	(3, 'generation', '[2024-01-01,2024-02-01)', '500 MWh', NULL),    -- 4
	(4, 'reduction',  '[2023-01-01,2024-01-01)', NULL, '5000 t'),     -- 5
	(5, 'reduction',  '[2024-01-01,2025-01-01)', NULL, '800 t'),      -- 6
	(6, 'generation', '[2024-01-01,2024-02-01)', '700 MWh', NULL);    -- 7

INSERT INTO greenattr.account (holder_id, kind, name) VALUES
	(1, 'holding', 'Windco holding'),     -- 1
	(3, 'holding', 'Buyer holding'),      -- 2
	(4, 'holding', 'Forestco holding'),   -- 3
	(2, 'holding', 'Steelco holding');    -- 4

-- Issued, moved and retired on one node, before the registry is distributed.
SELECT greenattr.issue('GEC', 1, 1000, 1);                                     -- GEC:1:1-1000
SELECT greenattr.issue('GEC', 3, 1500, 1);                                     -- GEC:2:1-1500
SELECT greenattr.issue('CCER', 5, 3000, 3);                                    -- CCER:4:1-3000
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 400), 2);
SELECT greenattr.retire(greenattr.certblock('GEC', '1', 1, 100), 'Buyer', 'scope2', '[2024-01-01,2025-01-01)');
SELECT greenattr.cancel(greenattr.certblock('GEC', '2', 1401, 1500), 'metering correction');
SELECT count(*) AS audit_violations FROM greenattr.audit();
