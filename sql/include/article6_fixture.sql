-- Parties, governments, projects and approaches shared by the Article 6 tests
-- (included with \i after the registry fixture, which recreates the extension
-- and provides pg_temp.attempt()).  Ids from 10 up; registry fixture rows keep 1..9.
\i sql/include/registry_fixture.sql
INSERT INTO greenattr.mechanism (code, family, unit, name, issuer) VALUES
	('BRI', 'credit', 'tCO2e', 'Belt-and-Road cooperation credit', 'China and partner registries');
INSERT INTO greenattr.entity (id, name, region, kind, party) VALUES
	(10, 'Government of Thailand', 'TH', 'government', 'THA'),
	(11, 'Government of Japan', 'JP', 'government', 'JPN'),
	(12, 'Government of Korea', 'KR', 'government', 'KOR'),
	(13, 'Government of Laos', 'LA', 'government', 'LAO'),
	(14, 'Government of China', 'CN', 'government', 'CHN');
INSERT INTO greenattr.entity (id, name, region) VALUES
	(15, 'Siam Solar Co', 'TH'),         -- Thai project owner
	(16, 'Nippon Participant KK', 'JP'), -- Japanese JCM participant
	(17, 'Hanguk Developer', 'KR'),      -- Korean developer of a project in Laos
	(18, 'Pacific Air', 'JP'),           -- airline using units for CORSIA
	(19, 'Shenzhen Buyer', 'CN-GD-SZ');  -- a company two levels below its country
INSERT INTO greenattr.account (id, holder_id, kind, name) VALUES
	(10, 10, 'government', 'Thailand government'),
	(11, 11, 'government', 'Japan government'),
	(12, 12, 'government', 'Korea government'),
	(13, 13, 'government', 'Laos government'),
	(14, 14, 'government', 'China government'),
	(15, 15, 'holding', 'Siam Solar'),
	(16, 16, 'holding', 'Nippon Participant'),
	(17, 17, 'holding', 'Hanguk Developer'),
	(18, 18, 'holding', 'Pacific Air'),
	(19, 10, 'holding', 'Thailand government, ordinary holding account'),
	(20, 19, 'holding', 'Shenzhen Buyer');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(10, 'Bangkok rooftop solar (JCM)', 'project', 'solar', 'TH', 15),
	(11, 'Vientiane biogas (Belt and Road)', 'project', 'methane', 'LA', 17),
	(12, 'Chiang Mai cookstoves (6.2)', 'project', 'energy_efficiency', 'TH', 15);
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e) VALUES
	(10, 10, 'reduction', '[2024-01-01,2025-01-01)', '10000 t'),
	(11, 10, 'reduction', '[2025-01-01,2026-01-01)', '10000 t'),
	(12, 11, 'reduction', '[2024-01-01,2025-01-01)', '5000 t'),
	(13, 12, 'reduction', '[2023-01-01,2024-01-01)', '5000 t'),
	(14, 12, 'reduction', '[2024-01-01,2025-01-01)', '5000 t'),
	(15, 10, 'reduction', '[2019-01-01,2020-01-01)', '1000 t');
INSERT INTO greenattr.party_registry (party, registry_id) VALUES
	('THA', 'THA01'), ('JPN', 'JPN01'), ('KOR', 'KOR01'), ('LAO', 'LAO01'), ('CHN', 'CHN01');
INSERT INTO greenattr.cooperative_approach (id, name, parties, bilateral) VALUES
	('CA0001', 'JCM Japan-Thailand', '{JPN,THA}', true),
	('CA0002', 'Belt-and-Road China-Laos', '{CHN,LAO}', true),
	('CA0003', 'Thailand cookstoves (multilateral 6.2)', '{THA,JPN,KOR}', false);
