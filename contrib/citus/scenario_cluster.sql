-- contrib/citus/scenario_cluster.sql: run on the coordinator AFTER
-- distribute.sh, on the registry of scenario_load.sql.  Shows where the assets
-- live, runs the verbs across the cluster, tries the double counts the rules
-- must stop (each printed as SQLSTATE [rule]: message, like the regression
-- tests' attempt()), shows what a cluster no longer refuses, and audits.
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET client_min_messages = error;     -- Citus warns that a pg_temp function stays local
\pset footer off

\ir attempt.sql

-- citus_shards and citus_tables leave out tables owned by an extension, as all
-- of these are: the placement comes from pg_dist_shard and pg_dist_placement.
\echo '== Where each asset lives: its holding shard (activity, instrument, ... use the same shard index) and node'
SELECT s.id AS asset, s.name, x.shardid AS holding_shard, n.nodeport AS node_port,
       CASE n.groupid WHEN 0 THEN 'coordinator' ELSE 'worker ' || n.groupid END AS node
  FROM greenattr.asset s
 CROSS JOIN LATERAL (SELECT pg_catalog.get_shard_id_for_distribution_column('greenattr.holding', s.id) AS shardid) x
  JOIN pg_catalog.pg_dist_placement p ON p.shardid = x.shardid
  JOIN pg_catalog.pg_dist_node n ON n.groupid = p.groupid
 ORDER BY s.id;

\echo '== greenattr tables in Citus metadata: n = reference (one shard on every node), h = distributed by asset id'
SELECT p.partmethod, p.colocationid, count(*) AS tables, string_agg(c.relname, ' ' ORDER BY c.relname) AS names
  FROM pg_catalog.pg_dist_partition p JOIN pg_catalog.pg_class c ON c.oid = p.logicalrelid
 WHERE c.relnamespace = 'greenattr'::regnamespace
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(DISTINCT d.shardid) AS holding_shards, count(DISTINCT p.groupid) AS node_groups
  FROM pg_catalog.pg_dist_shard d JOIN pg_catalog.pg_dist_placement p ON p.shardid = d.shardid
 WHERE d.logicalrelid = 'greenattr.holding'::regclass;
\echo '-- the journal and its chain are plain tables of the coordinator (not in the list above)'

\echo '== The verbs on the distributed registry'
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 4, 300, 1)::text$$) AS issue_gec_asset3;
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 5, 1000, 3)::text$$) AS issue_ccer_asset4;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '3', 1, 200), 2)::text$$) AS transfer_split;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '2', 1, 500), 2, 1)::text$$) AS transfer_asset2;
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '3', 1, 50), 'Buyer', 'scope2', '[2024-01-01,2025-01-01)', 2)::text$$) AS retire;
SELECT pg_temp.attempt($$SELECT greenattr.cancel(greenattr.certblock('CCER', '4', 3901, 4000), 'buffer pool')::text$$) AS cancel;
SELECT pg_temp.attempt($$SELECT string_agg(b::text, ' ') FROM greenattr.issue_many('GEC', ARRAY[2, 7, 2], ARRAY[100, 200, 50], 1) b$$) AS issue_many_two_assets;
\echo '-- China 2024: asset 2 opts into CCER for January; its untraded GECs freeze, the CCER issuance converts them'
SELECT pg_temp.attempt($$SELECT greenattr.opt_into_crediting(2, 'CCER', '[2024-01-01,2024-02-01)')::text$$) AS opt_in_units_frozen;
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 3, 800, 1, baseline_ef => '0.8 t/MWh')::text$$) AS ccer_converts_gec;

\echo '== Double counts the rules must still stop'
\echo '-- serial overlap within one asset (an import of units asset 1 already issued)'
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, asset_id, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 1, 2, 'GEC:1:900-1100', 1) RETURNING id::text$$) AS serial_overlap;
\echo '-- over-claim: more certificates than the MWh of the activity'
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 4, 201, 1)::text$$) AS over_claim_gec;
\echo '-- issue_many(): the third block over-claims activity 4, so none of the three is issued'
SELECT pg_temp.attempt($$SELECT string_agg(b::text, ' ') FROM greenattr.issue_many('GEC', ARRAY[7, 7, 4], ARRAY[100, 100, 500], 1) b$$) AS issue_many_over_claim;
\echo '-- over-claim across families: a credit on generation already certified'
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 1, 10, 3, baseline_ef => '0.8 t/MWh')::text$$) AS over_claim_credit;
\echo '-- one holder: a block across two holdings, the wrong sender, units already retired or never issued'
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 350, 450), 1)::text$$) AS across_holdings;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '3', 60, 70), 1, 1)::text$$) AS wrong_sender;
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 1, 50), 'Other', 'scope2')::text$$) AS retire_twice;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 5000, 5001), 2)::text$$) AS never_issued;
\echo '-- boundary: credits from an asset of an entity covered by an ETS'
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 6, 100, 4)::text$$) AS credit_in_ets_boundary;
\echo '-- back doors: a direct UPDATE of a holding, a DELETE of an issuance'
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET account_id = 2 WHERE asset_id = 4 RETURNING id::text$$) AS direct_update;
SELECT pg_temp.attempt($$DELETE FROM greenattr.certificate WHERE asset_id = 1 RETURNING id::text$$) AS direct_delete;

\echo '-- guard() of a table of ours: refused on a cluster'
CREATE TABLE public.own_gec (serial text, asset bigint, month tstzrange, mwh numeric);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.own_gec', block => 'serial', asset => 'asset', period => 'month',
	amount => 'mwh', mechanism => 'GEC')::text$$) AS guard_own_table;

\echo '== What the cluster no longer refuses: the same Verra (global numbering) serials in two assets'
SELECT pg_temp.attempt($$INSERT INTO greenattr.credit (family, mechanism, asset_id, activity_id, block, baseline_ef, issued_to)
	VALUES ('credit', 'VCS', 3, 4, 'VCS::115597313-115597412', '0.8 t/MWh', 1) RETURNING block::text$$) AS vcs_in_asset3;
SELECT pg_temp.attempt($$INSERT INTO greenattr.credit (family, mechanism, asset_id, activity_id, block, baseline_ef, issued_to)
	VALUES ('credit', 'VCS', 6, 7, 'VCS::115597313-115597412', '0.8 t/MWh', 3) RETURNING block::text$$) AS same_vcs_in_asset6;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('VCS', '', 115597313, 115597412), 2)::text$$) AS transfer_ambiguous;

\echo '== Coverage: no_ets_coverage still refused; coverage over credited vintages now accepted (audit-only)'
SELECT pg_temp.attempt($$INSERT INTO greenattr.coverage (entity_id, market, during)
	VALUES (2, 'EUR_HA', '[2024-01-01,2025-01-01)') RETURNING entity_id::text$$) AS no_ets_coverage;
SELECT pg_temp.attempt($$INSERT INTO greenattr.coverage (entity_id, market, during)
	VALUES (4, 'ETS_FJ', '[2023-01-01,2024-01-01)') RETURNING entity_id::text$$) AS coverage_over_credits;

\echo '== A holder (role alice acts for Buyer, entity 3, account 2): her own units move, another''s do not;'
\echo '-- she reads no holding directly (the holder policy fails closed on the cluster)'
CREATE ROLE alice LOGIN;
GRANT greenattr_holder TO alice;
INSERT INTO greenattr.role_entity (role_name, entity_id) VALUES ('alice', 3);
\c - alice
SET search_path = public, greenattr;
SET client_min_messages = error;
\ir attempt.sql
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 101, 150), 1)::text$$) AS own_units;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 501, 550), 2)::text$$) AS windco_units;
SELECT pg_temp.attempt($$SELECT count(*)::text FROM greenattr.holding$$) AS holdings_alice_reads;
\c - postgres
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET client_min_messages = error;
\ir attempt.sql

\echo '== Later areas'
\echo '-- Scope 2 claim of certificates (residual mix area): take_block() and a consumption_claim row on the asset''s shard'
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption(greenattr.certblock('GEC', '1', 401, 450), 3, 'CN-GD',
	'[2024-01-01,2025-01-01)')::text$$) AS claim_consumption;
\echo '-- ETS surrender (ets_verdict as PL/pgSQL): Guangdong CCER accepted, Fujian CCER refused by the origin quota'
INSERT INTO greenattr.compliance_figure (entity_id, market, compliance_year, allowances_due, verified_emissions, allocation, initial_allocation)
VALUES (2, 'ETS_GD', 2024, '100000 t', '100000 t', '90000 t', '90000 t');
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('CCER', '2', 1, 200), 4)::text$$) AS gd_ccer_to_steelco;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('CCER', '4', 1, 500), 4)::text$$) AS fj_ccer_to_steelco;
SELECT pg_temp.attempt($$SELECT greenattr.surrender(2, 'ETS_GD', 2024, ARRAY[greenattr.certblock('CCER', '2', 1, 100)])::text$$) AS surrender_gd;
SELECT pg_temp.attempt($$SELECT greenattr.surrender(2, 'ETS_GD', 2024, ARRAY[greenattr.certblock('CCER', '4', 1, 100)])::text$$) AS surrender_fj;

\echo '-- Article 6: JCM credits issue and move; authorizations cannot be made on the cluster (refused, nothing written)'
INSERT INTO greenattr.entity (id, name, region, kind, party) VALUES
	(10, 'Government of Thailand', 'TH', 'government', 'THA'), (11, 'Government of Japan', 'JP', 'government', 'JPN');
INSERT INTO greenattr.entity (id, name, region) VALUES (15, 'Siam Solar Co', 'TH');
INSERT INTO greenattr.account (id, holder_id, kind, name) VALUES
	(10, 10, 'government', 'Thailand government'), (11, 11, 'government', 'Japan government'), (15, 15, 'holding', 'Siam Solar');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(10, 'Bangkok rooftop solar (JCM)', 'project', 'solar', 'TH', 15);
INSERT INTO greenattr.activity (asset_id, kind, period, co2e) VALUES (10, 'reduction', '[2024-01-01,2025-01-01)', '10000 t');
INSERT INTO greenattr.party_registry (party, registry_id) VALUES ('THA', 'THA01'), ('JPN', 'JPN01');
INSERT INTO greenattr.cooperative_approach (id, name, parties, bilateral) VALUES ('CA0001', 'JCM Japan-Thailand', '{JPN,THA}', true);
SELECT id AS act10 FROM greenattr.activity WHERE asset_id = 10 \gset
SELECT pg_temp.attempt($$SELECT greenattr.issue('JCM', $$ || :act10 || $$, 4000, 15)::text$$) AS issue_jcm;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 1, 2000), 10)::text$$) AS to_thai_government;
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 1, 1000), 10)::text$$) AS authorize_block;
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2025-01-01)', 1000, 10)::text$$) AS authorize_issuance;
SELECT count(*) AS authorizations FROM greenattr.itmo_authorization;

\echo '== The journal (on the coordinator) and its hash chain'
SELECT id, verb, block::text, from_account, to_account FROM greenattr.journal ORDER BY id;
SELECT valid, entries, problem FROM greenattr.verify_journal();

\echo '== Residual mix, Scope 2, hourly matching, audit() (joins across shards: repartition joins, one connection per node)'
SET citus.enable_repartition_joins = on;
SET citus.multi_shard_modify_mode = sequential;
\echo '-- Guangdong grid data of 2024 (reference tables) and two metered hours of Buyer'
INSERT INTO greenattr.grid_generation (region, period, source, energy, emission_factor) VALUES
	('CN-GD', '[2024-01-01,2025-01-01)', 'coal', '500000 MWh', '0.853 tCO2e/MWh'),
	('CN-GD', '[2024-01-01,2025-01-01)', 'wind', '100000 MWh', '0 tCO2e/MWh'),
	('CN-GD', '[2024-01-01,2025-01-01)', 'solar', '50000 MWh', '0 tCO2e/MWh');
INSERT INTO greenattr.grid_exchange (from_region, to_region, source, period, energy)
VALUES ('CN-GD', 'CN-FJ', 'coal', '[2024-01-01,2025-01-01)', '5000 MWh');
INSERT INTO greenattr.consumption (entity_id, region, period, energy) VALUES
	(3, 'CN-GD', '[2024-01-15 10:00,2024-01-15 11:00)', '30 MWh'), (3, 'CN-GD', '[2024-01-15 11:00,2024-01-15 12:00)', '30 MWh');
SELECT generation, tracked, exports, claimed, residual_generation, deficit, residual_factor
  FROM greenattr.residual_balance('CN-GD', greenattr.year_range(2024));
SELECT region, consumption, claimed, location_co2e, residual_factor, market_co2e FROM greenattr.scope2(3, greenattr.year_range(2024));
SELECT "hour", region, consumption, certificates, matched, cfe FROM greenattr.hourly_match(3, '[2024-01-15,2024-01-16)');
\echo '-- audit()'
SELECT * FROM greenattr.audit() ORDER BY 1, 2;
\echo '-- block_overlaps() has no combine function: Citus aggregates the rows of every shard on the coordinator'
CREATE TEMP TABLE local_holding AS SELECT id, block FROM greenattr.holding;
SELECT d.a AS distributed, d.a = l.a AS same_as_local_copy
  FROM (SELECT greenattr.block_overlaps(h.block, h.id, 0) AS a FROM greenattr.holding h) d,
       (SELECT greenattr.block_overlaps(h.block, h.id, 0) AS a FROM local_holding h) l;
\echo '== Units per asset: issued = held + retired + cancelled'
SELECT h.asset_id, h.status, sum(greenattr.units(h.block)) AS units
  FROM greenattr.holding h GROUP BY 1, 2 ORDER BY 1, 2;
