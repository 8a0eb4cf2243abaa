-- ETS surrender fixture (included with \i): the registry fixture, then one
-- compliance entity per ETS market with its account, coverage and figures for
-- 2024, and projects of every kind the offset rules tell apart.
\i sql/include/registry_fixture.sql
-- The registry's own boundary rules refuse to issue credits from covered
-- boundaries at all; surrender re-checks the seeds' boundary rules at the
-- time of use, which these tests exercise, so they are removed here.
DELETE FROM greenattr.boundary_rule WHERE rule = 'no_credits_in_boundary';

INSERT INTO greenattr.entity (id, name, region) VALUES
	(10, 'Projectco', 'CN-JS'), (20, 'Boundaryco', 'CN-GD'),
	(31, 'National power plant', 'CN-GD'), (32, 'Guangdong cement', 'CN-GD'), (33, 'Shenzhen port', 'CN-GD-SZ'),
	(34, 'Beijing heating', 'CN-BJ'), (35, 'Shanghai steel', 'CN-SH'), (36, 'Tianjin chemicals', 'CN-TJ'),
	(37, 'Hubei paper', 'CN-HB'), (38, 'Chongqing aluminium', 'CN-CQ'), (39, 'Fujian ceramics', 'CN-FJ');
INSERT INTO greenattr.account (id, holder_id, kind, name)
SELECT id, id, 'compliance', name || ' compliance' FROM greenattr.entity WHERE id >= 31;
INSERT INTO greenattr.account (id, holder_id, kind, name) VALUES (10, 10, 'holding', 'Projectco holding');
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES
	(31, 'ETS_CN', '[2021-01-01,)'), (32, 'ETS_GD', '[2013-01-01,)'), (33, 'ETS_SZ', '[2013-01-01,)'),
	(34, 'ETS_BJ', '[2013-01-01,)'), (35, 'ETS_SH', '[2013-01-01,)'), (36, 'ETS_TJ', '[2013-01-01,)'),
	(37, 'ETS_HB', '[2014-01-01,)'), (38, 'ETS_CQ', '[2014-01-01,)'), (39, 'ETS_FJ', '[2016-01-01,)');
-- Boundaryco is covered by every ETS market in 2024 (the projects of its boundary).
INSERT INTO greenattr.coverage (entity_id, market, during)
SELECT 20, code, '[2024-01-01,2025-01-01)' FROM greenattr.market WHERE kind = 'ets';
INSERT INTO greenattr.compliance_figure (entity_id, market, compliance_year, allowances_due, verified_emissions,
	allocation, initial_allocation, shortfall) VALUES
	(31, 'ETS_CN', 2024, '10000 t', '10400 t', '9000 t', NULL, NULL),
	(32, 'ETS_GD', 2024, NULL, '10000 t', NULL, NULL, NULL),
	(33, 'ETS_SZ', 2024, NULL, '5000 t', '3000 t', NULL, '2000 t'),
	(34, 'ETS_BJ', 2024, NULL, NULL, '10000 t', NULL, NULL),
	(35, 'ETS_SH', 2024, NULL, '10000 t', '8000 t', NULL, NULL),
	(36, 'ETS_TJ', 2024, NULL, '10000 t', NULL, NULL, NULL),
	(37, 'ETS_HB', 2024, NULL, NULL, NULL, '10000 t', NULL),
	(38, 'ETS_CQ', 2024, '10000 t', '5000 t', NULL, NULL, NULL),
	(39, 'ETS_FJ', 2024, NULL, '10000 t', NULL, NULL, NULL);

-- Projects: id, technology, region, gases; each has a 2024 reduction activity of
-- the same id (100000 t), some also a 2014 one (id + 100).
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id, gases) VALUES
	(11, 'GD wind',          'project', 'wind',              'CN-GD',    10, '{CO2}'),
	(12, 'Hunan wind',       'project', 'wind',              'CN-HN',    10, '{CO2}'),
	(13, 'Jiangsu wind',     'project', 'wind',              'CN-JS',    10, '{CO2}'),
	(14, 'Shenzhen biogas',  'project', 'biogas',            'CN-GD-SZ', 10, '{CH4}'),
	(15, 'GD inclusive',     'project', 'clean_transport',   'CN-GD',    10, '{CO2}'),
	(16, 'SZ inclusive',     'project', 'clean_transport',   'CN-GD-SZ', 10, '{CO2}'),
	(17, 'Beijing forestry', 'project', 'forestry',          'CN-BJ',    10, '{CO2}'),
	(18, 'Beijing savings',  'project', 'energy_efficiency', 'CN-BJ',    10, '{CO2}'),
	(19, 'Hebei solar',      'project', 'solar',             'CN-HE',    10, '{CO2}'),
	(20, 'Hebei savings',    'project', 'energy_efficiency', 'CN-HE',    10, '{CO2}'),
	(21, 'Beijing inclusive','project', 'clean_transport',   'CN-BJ',    10, '{CO2}'),
	(22, 'Shanghai solar',   'project', 'solar',             'CN-SH',    10, '{CO2}'),
	(23, 'Yunnan hydro',     'project', 'hydro',             'CN-YN',    10, '{CO2}'),
	(24, 'Shanghai inclusive','project','clean_transport',   'CN-SH',    10, '{CO2}'),
	(25, 'Tianjin forestry', 'project', 'forestry',          'CN-TJ',    10, '{CO2}'),
	(26, 'Hubei biogas',     'project', 'biogas',            'CN-HB',    10, '{CH4}'),
	(27, 'Hubei wind',       'project', 'wind',              'CN-HB',    10, '{CO2}'),
	(28, 'Chongqing solar',  'project', 'solar',             'CN-CQ',    10, '{CO2}'),
	(29, 'Sichuan solar',    'project', 'solar',             'CN-SC',    10, '{CO2}'),
	(30, 'Chongqing hydro',  'project', 'hydro',             'CN-CQ',    10, '{CO2}'),
	(31, 'Fujian forestry',  'project', 'forestry',          'CN-FJ',    10, '{CO2}'),
	(32, 'Fujian landfill',  'project', 'methane',           'CN-FJ',    10, '{CH4}'),
	(33, 'Fujian nitric acid','project','n2o_abatement',     'CN-FJ',    10, '{N2O}'),
	(34, 'Fujian hydro',     'project', 'hydro',             'CN-FJ',    10, '{CO2}'),
	(35, 'Fujian wind',      'project', 'wind',              'CN-FJ',    10, NULL),
	(36, 'Boundary retrofit','project', 'energy_efficiency', 'CN-GD',    20, '{CO2}'),
	(37, 'Chongqing inclusive','project','clean_transport',  'CN-CQ',    10, '{CO2}'),
	(40, 'Jiangsu landfill (VCS)','project','methane',       'CN-JS',    10, '{CH4}'),
	(41, 'Guangdong biogas', 'project', 'biogas',            'CN-GD',    10, '{CH4}'),
	(42, 'Hubei forestry (VCS)','project','forestry',        'CN-HB',    10, '{CO2}');
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e)
SELECT id, id, 'reduction', '[2024-01-01,2025-01-01)', '100000 t' FROM greenattr.asset WHERE id BETWEEN 11 AND 42;
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e)
SELECT id + 100, id, 'reduction', '[2012-01-01,2013-01-01)', '100000 t' FROM greenattr.asset WHERE id = 22;
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e)
SELECT id + 200, id, 'reduction', '[2014-01-01,2015-01-01)', '100000 t' FROM greenattr.asset WHERE id IN (14, 26, 27);
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e) VALUES
	(331, 31, 'reduction', '[2004-01-01,2005-01-01)', '100000 t');
-- cr(mechanism, activity, units, account): issue and return the block as text.
CREATE FUNCTION pg_temp.cr(m text, act bigint, n bigint, acct bigint) RETURNS text
LANGUAGE sql AS $$ SELECT greenattr.issue(m, act, n, acct)::text $$;
-- b(mechanism, asset, first, last): a block.
CREATE FUNCTION pg_temp.b(m text, a int, f bigint, l bigint) RETURNS greenattr.certblock
LANGUAGE sql IMMUTABLE AS $$ SELECT greenattr.certblock(m, a::text, f, l) $$;
-- v(entity, market, blocks, ruleset): the rules that fail, or 'all rules hold'.
CREATE FUNCTION pg_temp.v(e bigint, m text, bl greenattr.certblock[], rs text DEFAULT NULL) RETURNS text
LANGUAGE sql AS $$
	SELECT coalesce(string_agg(format('%s #%s: %s | limit %s | %s', c.rule, coalesce(c.rule_id::text, '-'), c.figure, c."limit",
	                                  coalesce(c.scope, 'all')), E'\n' ORDER BY c.rule_id NULLS FIRST) FILTER (WHERE NOT c.ok),
	                'all rules hold') || ' [' || min(c.ruleset) || ']'
	  FROM greenattr.check_surrender(e, m, 2024, bl, rs) c
$$;
