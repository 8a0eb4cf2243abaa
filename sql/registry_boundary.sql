-- Registry core: boundary rules between markets and crediting, kept as rows.
\i sql/include/registry_fixture.sql

-- The shipped rules: every ETS forbids credits from inside a covered boundary,
-- every energy-use-rights pilot forbids credits from covered savings, and Henan
-- keeps ETS-covered entities out of its energy-use-rights market.
SELECT market, rule, source FROM greenattr.boundary_rule ORDER BY market, rule;

-- Steelco (entity 2, owner of asset 2) is covered by the Guangdong ETS in 2024.
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (2, 'ETS_GD', '[2024-01-01,2025-01-01)');
-- No CCER for its 2024 reduction (inside the covered boundary) ...
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 6, 100, 3)$$);
-- ... but its 2023 reduction, before the coverage began, is creditable.
SELECT greenattr.issue('CCER', 5, 100, 3) AS ccer_2023;
-- Coverage cannot be added over a period whose credits it would forbid.
SELECT pg_temp.attempt($$INSERT INTO greenattr.coverage (entity_id, market, during)
	VALUES (2, 'ETS_CN', '[2023-06-01,2024-01-01)')$$);
-- Rules are data: without the Guangdong rule the 2024 credit is accepted.
DELETE FROM greenattr.boundary_rule WHERE market = 'ETS_GD' AND rule = 'no_credits_in_boundary';
SELECT greenattr.issue('CCER', 6, 100, 3) AS ccer_2024_without_rule;
-- Putting the rule back does not hide the credit just issued: audit() reports it.
INSERT INTO greenattr.boundary_rule (market, rule, source) VALUES ('ETS_GD', 'no_credits_in_boundary', 'restored by the test');
SELECT invariant, subject, detail FROM greenattr.audit();
DELETE FROM greenattr.boundary_rule WHERE source = 'restored by the test';

-- Cementco (entity 4) is in Henan's energy-use-rights pilot in 2024: no credit
-- from its saving ...
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (4, 'EUR_HA', '[2024-01-01,2025-01-01)');
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 7, 10, 4, baseline_ef => '2.5 t/MWh')$$);
-- ... while the quota surplus of the same saving is issued as energy-use rights,
-- and a credit from its (non-saving) reduction is accepted.
SELECT greenattr.issue('EUR_HA', 7, 120, 4) AS quota_surplus;
SELECT greenattr.issue('CCER', 8, 400, 4) AS ccer_from_reduction;
-- The quota claims 120 tce = 120 × 8141 kWh = 976.92 MWh of the 300 tce saving.
SELECT * FROM greenattr.activity_claimed(7);

-- Henan: an entity in its energy-use-rights market is not in an ETS at the same time ...
SELECT pg_temp.attempt($$INSERT INTO greenattr.coverage (entity_id, market, during)
	VALUES (4, 'ETS_CN', '[2024-07-01,2025-01-01)')$$);
-- ... but may join the ETS once it has left (2025) ...
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (4, 'ETS_CN', '[2025-01-01,2026-01-01)');
-- ... and the rule runs both ways: Henan's pilot refuses an ETS-covered entity.
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (3, 'ETS_BJ', '[2024-01-01,2025-01-01)');
SELECT pg_temp.attempt($$INSERT INTO greenattr.coverage (entity_id, market, during)
	VALUES (3, 'EUR_HA', '[2024-06-01,2024-07-01)')$$);
-- Zhejiang has no such rule: the same entity may be in both there.
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (3, 'EUR_ZJ', '[2024-06-01,2024-07-01)');
-- One market covers an entity once over any period.
SELECT pg_temp.attempt($$INSERT INTO greenattr.coverage (entity_id, market, during)
	VALUES (3, 'ETS_BJ', '[2024-12-01,2025-02-01)')$$);

SELECT entity_id, market, during FROM greenattr.coverage ORDER BY entity_id, during, market;
SELECT * FROM greenattr.audit();
