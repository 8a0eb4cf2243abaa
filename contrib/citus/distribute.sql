-- contrib/citus/distribute.sql: step 2, on the coordinator only, after
-- prepare.sql ran on every node (distribute.sh runs both).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
-- Triggers on distributed tables run on the shards (on the workers): Citus
-- only creates them there with this setting.
SET citus.enable_unsafe_triggers = on;
-- Foreign keys to reference tables are added over one connection per node.
SET citus.multi_shard_modify_mode = sequential;

DO $$
DECLARE
	t text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'greenattr_citus')
	   OR EXISTS (SELECT 1 FROM pg_catalog.run_command_on_workers(
	                  $q$SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'greenattr_citus'$q$) w
	               WHERE NOT w.success OR w.result <> '1') THEN
		RAISE EXCEPTION 'run prepare.sql on every node first (distribute.sh does)';
	END IF;

	-- Citus copies the existing rows into the shards with the shards'
	-- triggers in place: off while the rows move (they were checked when
	-- stored), on again at the end.
	FOR t IN SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	          WHERE n.nspname = 'greenattr' AND c.relkind IN ('r', 'p')
	            AND EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal)
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE greenattr.%I DISABLE TRIGGER USER', t);
	END LOOP;

	-- Reference tables: copied whole to every node, so the triggers that run
	-- on the workers read them locally.
	FOREACH t IN ARRAY ARRAY[
		'region', 'mechanism', 'market', 'boundary_rule', 'entity', 'coverage', 'account', 'asset',
		'role_entity',
		'party_registry', 'cooperative_approach', 'itmo_authorization', 'itmo_block', 'itmo_revocation',
		'itmo_action', 'corresponding_adjustment', 'party_emissions', 'ndc', 'ndc_use_rule',
		'energy_source', 'grid_generation', 'grid_exchange', 'consumption', 'region_direct_emission',
		'region_group', 'region_group_member', 'offset_ruleset', 'offset_rule', 'compliance_figure',
		'claim_target', 'offset_priority']
	LOOP
		PERFORM pg_catalog.create_reference_table(pg_catalog.format('greenattr.%I', t));
	END LOOP;

	-- Distributed by asset id, all in one co-location group: the rows of one
	-- asset live on one node, in shards that are joined locally.
	PERFORM pg_catalog.create_distributed_table('greenattr.activity', 'asset_id');
	FOREACH t IN ARRAY ARRAY[
		'instrument', 'holding', 'crediting_period', 'numbering',
		'jcm_share', 'product_declaration', 'event_forestry', 'consumption_claim', 'surrender', 'claim_retirement']
	LOOP
		PERFORM pg_catalog.create_distributed_table(pg_catalog.format('greenattr.%I', t), 'asset_id',
			colocate_with => 'greenattr.activity');
	END LOOP;
END
$$;

-- Triggers back on (Citus passes the command to every shard).
DO $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	          WHERE n.nspname = 'greenattr' AND c.relkind IN ('r', 'p')
	            AND EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal)
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE greenattr.%I ENABLE TRIGGER USER', t);
	END LOOP;
END
$$;

-- Foreign keys back (prepare.sql kept them; the two between distributed
-- tables now include the asset id).
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT tbl, name, def FROM greenattr_citus.foreign_key ORDER BY tbl::text, name LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.name, r.def);
	END LOOP;
END
$$;
