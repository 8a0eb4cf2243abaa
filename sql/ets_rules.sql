-- The preloaded offset rule sets and rules, region groups, rule-set choice,
-- argument errors and the preconditions of a surrender.
\i sql/include/ets_fixture.sql
\pset null '(null)'

SELECT code, market, during, published, source FROM greenattr.offset_ruleset ORDER BY code;
SELECT r.ruleset, r.rule, r.scope_mechanisms, r.scope_technologies, r.scope_other, r.ratio, r.basis, r.mechanisms,
       r.technologies, r.vintage, r.gases, r.region_group, r.markets
  FROM greenattr.offset_rule r ORDER BY r.ruleset, r.id;
-- Every market has a rule set for 2024, and every rule set a cap and a mechanism list.
SELECT m.code, count(DISTINCT s.code) AS rulesets,
       bool_and(EXISTS (SELECT 1 FROM greenattr.offset_rule r WHERE r.ruleset = s.code AND r.rule = 'cap')) AS caps,
       bool_and(EXISTS (SELECT 1 FROM greenattr.offset_rule r WHERE r.ruleset = s.code AND r.rule = 'mechanism')) AS mechanisms
  FROM greenattr.market m LEFT JOIN greenattr.offset_ruleset s ON s.market = m.code AND s.during @> DATE '2024-01-01'
 WHERE m.kind = 'ets' GROUP BY m.code ORDER BY m.code;
SELECT region_group, string_agg(region, ' ' ORDER BY region) FROM greenattr.region_group_member GROUP BY 1 ORDER BY 1;
-- Membership follows enclosing regions: Shenzhen is in Guangdong, not in Shenzhen's list for wind.
SELECT r, g, greenattr.region_in_group(r, g)
  FROM (VALUES ('CN-GD-SZ', 'GD'), ('CN-GD', 'SZ_LOCAL'), ('CN-GD-MZ', 'SZ_RE'), ('CN-GD-SZ', 'SZ_RE'),
               ('CN-HE', 'JJJ'), ('CN-SC', 'CHENGYU'), ('CN-SC', 'CQ'), ('CN', 'GD')) v(r, g);

-- Which rule set: the latest published covering the year, or the one named.
SELECT DISTINCT ruleset FROM greenattr.check_surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('CCER', '1', 1, 1)]);
SELECT DISTINCT ruleset FROM greenattr.check_surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('CCER', '1', 1, 1)], 'ETS_SZ:seed002');
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.check_surrender(33, 'ETS_SZ', 2024, ARRAY[greenattr.certblock('CCER', '1', 1, 1)], 'ETS_GD:seeds')$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.check_surrender(31, 'ETS_CN', 2018, ARRAY[greenattr.certblock('CCER', '1', 1, 1)])$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.check_surrender(31, 'EUR_HA', 2024, ARRAY[greenattr.certblock('CCER', '1', 1, 1)])$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.check_surrender(31, 'ETS_XX', 2024, ARRAY[greenattr.certblock('CCER', '1', 1, 1)])$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.check_surrender(31, NULL, 2024, ARRAY[greenattr.certblock('CCER', '1', 1, 1)])$$);
-- Blocks: none, a NULL one, two overlapping.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, '{}')$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[NULL::greenattr.certblock])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024,
	ARRAY[greenattr.certblock('CCER', '13', 1, 10), greenattr.certblock('CCER', '13', 10, 20)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024,
	ARRAY[greenattr.certblock('CCER', '13', 1, 10), greenattr.certblock('CCER', '13', 11, 20)])$$);

-- Preconditions: the entity exists, has figures for the year, is covered, and holds the units.
SELECT pg_temp.cr('CCER', 13, 100, 31), pg_temp.cr('CCER', 11, 100, 10);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(99, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2023, ARRAY[greenattr.certblock('CCER', '13', 1, 10)])$$);
INSERT INTO greenattr.compliance_figure (entity_id, market, compliance_year, allowances_due) VALUES (10, 'ETS_CN', 2024, '1000 t');
SELECT pg_temp.v(10, 'ETS_CN', ARRAY[pg_temp.b('CCER', 11, 1, 10)]);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(10, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '11', 1, 10)])$$);
-- Units of another entity, units never issued, a block spanning two holdings.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '11', 1, 10)])$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 101, 110)])$$);
SELECT greenattr.transfer(greenattr.certblock('CCER', '13', 51, 100), 31 + 1);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 41, 60)])$$);
-- From a named account: the entity's own, or refused.
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 1, 10)], from_account => 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.surrender(31, 'ETS_CN', 2024, ARRAY[greenattr.certblock('CCER', '13', 1, 10)], from_account => 31)$$);
-- Figures with a NULL basis: the cap cannot be shown to hold.
SELECT pg_temp.cr('CCER', 11, 10, 32);
UPDATE greenattr.compliance_figure SET verified_emissions = NULL WHERE entity_id = 32;
SELECT pg_temp.attempt($$SELECT greenattr.surrender(32, 'ETS_GD', 2024, ARRAY[greenattr.certblock('CCER', '11', 101, 110)])$$);

-- Surrender rows and claim retirements are written by the verbs only.
SELECT pg_temp.attempt($$INSERT INTO greenattr.surrender (entity_id, market, compliance_year, ruleset, block, units, mechanism,
	asset_id, technology, region, vintage) VALUES (31, 'ETS_CN', 2024, 'ETS_CN:seeds', greenattr.certblock('CCER', '13', 11, 20),
	10, 'CCER', 13, 'wind', 'CN-JS', '[2024-01-01,2025-01-01)') RETURNING id$$);
SELECT pg_temp.attempt($$UPDATE greenattr.surrender SET units = 1 RETURNING id$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.surrender RETURNING id$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.surrender$$);
-- Reserved purposes: a plain retire() cannot claim compliance, an event or a product.
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('CCER', '13', 11, 20), 'National power plant', 'compliance:ETS_CN:2024')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('CCER', '13', 11, 20), 'National power plant', 'event:1')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('CCER', '13', 11, 20), 'National power plant', 'compliance report 2024')$$);
-- A session faking the verb gets past the guard, and audit() reports the holding below.
BEGIN;
SELECT set_config('greenattr.verb', 'surrender', true);
SELECT greenattr.take_block(greenattr.certblock('CCER', '13', 21, 30), NULL, 'surrender');
UPDATE greenattr.holding SET status = 'retired', beneficiary = 'x', purpose = 'compliance:ETS_CN:2024'
 WHERE block = greenattr.certblock('CCER', '13', 21, 30);
COMMIT;
-- audit_ets(): a figure lowered after the surrender breaks the cap; a rule naming an unknown mechanism.
UPDATE greenattr.compliance_figure SET allowances_due = '100 t' WHERE entity_id = 31;
INSERT INTO greenattr.offset_rule (ruleset, rule, mechanisms, source) VALUES ('ETS_CN:seeds', 'mechanism', '{CCER,NOPE}', 'test');
SELECT * FROM greenattr.audit();
