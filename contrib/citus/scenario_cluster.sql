-- contrib/citus/scenario_cluster.sql: run on the coordinator AFTER
-- distribute.sh, on the registry of scenario_load.sql.  Shows where the assets
-- live, runs the verbs across the cluster, tries the double counts the rules
-- must stop (each printed as SQLSTATE [rule]: message, like the regression
-- tests' attempt()), shows what a cluster no longer refuses, and audits.
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET client_min_messages = error;     -- Citus warns that a pg_temp function stays local
\pset footer off

-- Like the regression tests' attempt(), with one difference: Citus passes a
-- worker's error on without its constraint name (only SQLSTATE, message,
-- detail, hint and context).  When the name is missing, the rule is read from
-- the hint (cluster_functions.sql adds "(rule: name)" there on the workers) or
-- from the message (an exclusion constraint, named with its shard suffix), and
-- printed as "[from hint: ...]" / "[from message: ...]".
CREATE FUNCTION pg_temp.attempt(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
	st text; msg text; det text; hin text; con text; rule text;
BEGIN
	EXECUTE stmt INTO result;
	RETURN 'ok' || coalesce(': ' || result, '');
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
		con = CONSTRAINT_NAME, hin = PG_EXCEPTION_HINT;
	rule := coalesce(substring(hin from $r$\(rule: ([a-z0-9_]+)\)$r$),
	                 substring(msg from $r$constraint "([a-z0-9_]+)_[0-9]+"$r$));
	RETURN st || coalesce(' [' || nullif(con, '') || ']', ' [from ' || CASE WHEN hin ~ '\(rule: ' THEN 'hint' ELSE 'message' END || ': ' || coalesce(rule, '?') || ']')
		|| ': ' || msg || coalesce(E'\nDETAIL: ' || nullif(det, ''), '');
END
$$;

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
SELECT p.partmethod, p.colocationid, count(*) AS tables,
       string_agg(replace(p.logicalrelid::text, 'greenattr.', ''), ' ' ORDER BY p.logicalrelid::text) AS names
  FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid::text LIKE 'greenattr.%'
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
\echo '-- China 2024: asset 2 opts into CCER for January; its untraded GECs freeze, the CCER issuance converts them'
SELECT pg_temp.attempt($$SELECT greenattr.opt_into_crediting(2, 'CCER', '[2024-01-01,2024-02-01)')::text$$) AS opt_in_units_frozen;
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 3, 800, 1, baseline_ef => '0.8 t/MWh')::text$$) AS ccer_converts_gec;

\echo '== Double counts the rules must still stop'
\echo '-- serial overlap within one asset (an import of units asset 1 already issued)'
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, asset_id, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 1, 2, 'GEC:1:900-1100', 1) RETURNING id::text$$) AS serial_overlap;
\echo '-- over-claim: more certificates than the MWh of the activity'
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 4, 201, 1)::text$$) AS over_claim_gec;
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

\echo '== What the cluster no longer refuses: the same Verra (global numbering) serials in two assets'
SELECT pg_temp.attempt($$INSERT INTO greenattr.credit (family, mechanism, asset_id, activity_id, block, baseline_ef, issued_to)
	VALUES ('credit', 'VCS', 3, 4, 'VCS::115597313-115597412', '0.8 t/MWh', 1) RETURNING block::text$$) AS vcs_in_asset3;
SELECT pg_temp.attempt($$INSERT INTO greenattr.credit (family, mechanism, asset_id, activity_id, block, baseline_ef, issued_to)
	VALUES ('credit', 'VCS', 6, 7, 'VCS::115597313-115597412', '0.8 t/MWh', 3) RETURNING block::text$$) AS same_vcs_in_asset6;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('VCS', '', 115597313, 115597412), 2)::text$$) AS transfer_ambiguous;

\echo '== The journal (on the coordinator) and its hash chain'
SELECT id, verb, block::text, from_account, to_account FROM greenattr.journal ORDER BY id;
SELECT valid, entries, problem FROM greenattr.verify_journal();

\echo '== audit() (joins across shards: needs repartition joins)'
SET citus.enable_repartition_joins = on;
SET citus.multi_shard_modify_mode = sequential;
SELECT * FROM greenattr.audit() ORDER BY 1, 2;
\echo '== Units per asset: issued = held + retired + cancelled'
SELECT h.asset_id, h.status, sum(greenattr.units(h.block)) AS units
  FROM greenattr.holding h GROUP BY 1, 2 ORDER BY 1, 2;
