-- A small registry shared by the registry tests (included with \i).
\i sql/include/fresh_registry.sql
INSERT INTO greenattr.entity (id, name, region) VALUES
	(1, 'Windco', 'CN-GD'), (2, 'Steelco', 'CN-GD'), (3, 'Buyer', 'CN-BJ'), (4, 'Cementco', 'CN-HA');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(1, 'Wind farm A', 'generator', 'wind', 'CN-GD', 1),
	(2, 'Waste-heat recovery', 'project', 'energy_efficiency', 'CN-GD', 2),
	(3, 'Forest B', 'project', 'forestry', 'CN-FJ', 1),
	(4, 'Kiln upgrade', 'project', 'energy_efficiency', 'CN-HA', 4);
INSERT INTO greenattr.activity (id, asset_id, kind, period, energy, co2e) VALUES
	(1, 1, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh', NULL),
	(2, 1, 'generation', '[2024-02-01,2024-03-01)', '1000 MWh', NULL),
	(3, 3, 'reduction',  '[2023-01-01,2024-01-01)', NULL, '5000 t'),
	(4, 3, 'reduction',  '[2024-01-01,2025-01-01)', NULL, '5000 t'),
	(5, 2, 'reduction',  '[2023-01-01,2024-01-01)', NULL, '800 t'),
	(6, 2, 'reduction',  '[2024-01-01,2025-01-01)', NULL, '800 t'),
	(7, 4, 'saving',     '[2024-01-01,2025-01-01)', '300 tce', NULL),
	(8, 4, 'reduction',  '[2024-01-01,2025-01-01)', NULL, '400 t'),
	(9, 1, 'generation', '[2024-03-01,2024-04-01)', '1000 MWh', NULL);
INSERT INTO greenattr.account (id, holder_id, kind, name) VALUES
	(1, 1, 'holding', 'Windco holding'),
	(2, 3, 'holding', 'Buyer holding'),
	(3, 2, 'holding', 'Steelco holding'),
	(4, 4, 'holding', 'Cementco holding');
INSERT INTO greenattr.account (id, holder_id, kind, status, name) VALUES
	(5, 3, 'trading', 'suspended', 'Buyer trading (suspended)');
INSERT INTO greenattr.account (id, holder_id, kind, mechanism, name) VALUES
	(6, 3, 'holding', 'GEC', 'Buyer GEC-only');
