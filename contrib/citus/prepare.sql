-- contrib/citus/prepare.sql: step 1 of distributing a greenattr registry over
-- Citus.  Run on EVERY node (coordinator and workers; distribute.sh does it),
-- before distribute.sql runs on the coordinator.  Each node changes its own copy
-- of the extension's tables (CREATE EXTENSION made one on every node), so DDL
-- propagation is off here.
--
-- 1. Foreign keys between the extension's tables are dropped; distribute.sql
--    puts them back once every table is a reference or distributed table (Citus
--    would otherwise try to turn the tables at the other end into "local tables
--    in metadata" and create a second copy of them on the workers).
-- 2. Keys and exclusion constraints of the tables distributed by asset id get
--    the asset id, with =: Citus can only enforce a uniqueness rule inside one
--    shard.
-- 3. numbering gets an asset_id column (the numbering space of native serials
--    is the asset already; imported spaces are now per asset).
-- 4. On workers, identity and sequence defaults that may fire there (holdings
--    stored by the issuance trigger) start at (group id << 48) + 1, as Citus does
--    for the sequences of the tables it creates, so ids stay unique.
-- 5. Row-level security policies with subqueries (refused by Citus) fail closed.
-- 6. The functions that must run differently on a cluster are replaced
--    (cluster_functions.sql).
-- 7. The journal stays on the coordinator: the workers' copies refuse rows.
-- 8. guard() is refused: the guard tables stay plain, empty tables on each node.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL citus.enable_ddl_propagation = off;
SET LOCAL client_min_messages = warning;

DO $$
BEGIN
	IF (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'greenattr') IS DISTINCT FROM '0.2' THEN
		RAISE EXCEPTION 'contrib/citus was written for greenattr 0.2'
			USING HINT = 'Check every function replaced by cluster_functions.sql against the installed version first.';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition p
	            JOIN pg_catalog.pg_class c ON c.oid = p.logicalrelid
	            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	           WHERE n.nspname = 'greenattr') THEN
		RAISE EXCEPTION 'greenattr tables are already in Citus metadata on this node';
	END IF;
	IF EXISTS (SELECT 1 FROM greenattr.guarded_table) THEN
		RAISE EXCEPTION 'greenattr guards tables on this node (greenattr.guarded_table)'
			USING HINT = 'guard() does not work on a cluster: unguard() every table first.';
	END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS greenattr_citus;
REVOKE ALL ON SCHEMA greenattr_citus FROM PUBLIC;

-- 1. Foreign keys: kept (for distribute.sql) and dropped.
CREATE TABLE greenattr_citus.foreign_key (
	tbl  regclass NOT NULL,
	name name NOT NULL,
	def  text NOT NULL,
	PRIMARY KEY (tbl, name)
);
INSERT INTO greenattr_citus.foreign_key (tbl, name, def)
SELECT k.conrelid::regclass, k.conname, pg_catalog.pg_get_constraintdef(k.oid)
  FROM pg_catalog.pg_constraint k
  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'greenattr' AND k.contype = 'f'
   AND k.conparentid = 0;          -- not the per-partition clones of a partitioned table's key
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT tbl, name FROM greenattr_citus.foreign_key LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.name);
	END LOOP;
END
$$;
-- The guard tables stay plain tables on each node, without their keys (step 8).
DELETE FROM greenattr_citus.foreign_key
 WHERE tbl IN ('greenattr.guarded_table'::regclass, 'greenattr.guarded_claim'::regclass);
-- The two keys between distributed tables must include the asset id.
UPDATE greenattr_citus.foreign_key
   SET def = 'FOREIGN KEY (asset_id, activity_id) REFERENCES greenattr.activity(asset_id, id)'
 WHERE tbl = 'greenattr.instrument'::regclass AND name = 'instrument_activity_id_fkey';
UPDATE greenattr_citus.foreign_key
   SET def = 'FOREIGN KEY (asset_id, instrument_id, family) REFERENCES greenattr.instrument(asset_id, id, family)'
 WHERE tbl = 'greenattr.holding'::regclass AND name = 'holding_instrument_id_family_fkey';

-- 2. Keys and exclusions of the distributed tables, with the asset id first.
ALTER TABLE greenattr.activity DROP CONSTRAINT activity_pkey,
	ADD CONSTRAINT activity_pkey PRIMARY KEY (asset_id, id);
ALTER TABLE greenattr.instrument DROP CONSTRAINT instrument_pkey,
	ADD CONSTRAINT instrument_pkey PRIMARY KEY (asset_id, id, family);
ALTER TABLE greenattr.holding DROP CONSTRAINT holding_pkey,
	ADD CONSTRAINT holding_pkey PRIMARY KEY (asset_id, id);
-- One holder per unit, now within one asset's numbering spaces (see README).
ALTER TABLE greenattr.holding DROP CONSTRAINT holding_one_holder,
	ADD CONSTRAINT holding_one_holder EXCLUDE USING gist (asset_id WITH =, block WITH OPERATOR(greenattr.&&));
ALTER TABLE greenattr.consumption_claim DROP CONSTRAINT consumption_claim_pkey,
	ADD CONSTRAINT consumption_claim_pkey PRIMARY KEY (asset_id, holding_id);
ALTER TABLE greenattr.surrender DROP CONSTRAINT surrender_pkey,
	ADD CONSTRAINT surrender_pkey PRIMARY KEY (asset_id, id);
ALTER TABLE greenattr.claim_retirement DROP CONSTRAINT claim_retirement_pkey,
	ADD CONSTRAINT claim_retirement_pkey PRIMARY KEY (asset_id, id);

-- 3. numbering per asset: native spaces keep their counter; every space that
-- instruments use gets at least max(last unit) + 1 for each asset issuing in it.
ALTER TABLE greenattr.numbering ADD COLUMN asset_id bigint;
CREATE TEMP TABLE numbering_before ON COMMIT DROP AS SELECT * FROM greenattr.numbering;
ALTER TABLE greenattr.numbering DISABLE TRIGGER USER;
DELETE FROM greenattr.numbering;
INSERT INTO greenattr.numbering (asset_id, scheme, space, next_first)
SELECT u.asset_id, u.scheme, u.space, pg_catalog.max(u.next_first)
  FROM (SELECT i.asset_id, greenattr.scheme(i.block) AS scheme, greenattr.space(i.block) AS space,
               greenattr.last_unit(i.block) + 1 AS next_first
          FROM greenattr.instrument i
        UNION ALL
        SELECT b.space::bigint, b.scheme, b.space, b.next_first
          FROM numbering_before b WHERE b.space ~ '^[0-9]{1,18}$'
           AND EXISTS (SELECT 1 FROM greenattr.asset s WHERE s.id = b.space::bigint)) u
 GROUP BY u.asset_id, u.scheme, u.space;
ALTER TABLE greenattr.numbering ENABLE TRIGGER USER;
ALTER TABLE greenattr.numbering ALTER COLUMN asset_id SET NOT NULL,
	DROP CONSTRAINT numbering_pkey, ADD CONSTRAINT numbering_pkey PRIMARY KEY (asset_id, scheme, space);

-- 4. Sequences on workers: a range of their own.
DO $$
DECLARE
	grp bigint := (SELECT groupid FROM pg_catalog.pg_dist_local_group);
	s   regclass;
BEGIN
	IF grp > 0 THEN
		FOR s IN SELECT c.oid::regclass FROM pg_catalog.pg_class c
		           JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		          WHERE n.nspname = 'greenattr' AND c.relkind = 'S' LOOP
			EXECUTE pg_catalog.format('ALTER SEQUENCE %s MINVALUE %s START WITH %s RESTART WITH %s',
				s, (grp << 48) + 1, (grp << 48) + 1, (grp << 48) + 1);
		END LOOP;
	END IF;
END
$$;

-- 5. Row-level security: Citus refuses policies with subqueries on
-- distributed and reference tables, and the holder policies are subqueries
-- (accounts of the caller's entities).  On the cluster they fail closed: a
-- holder reads none of these rows directly (the operator and auditor policies,
-- USING (true), are unchanged; the journal stays on the coordinator with its
-- policy).  See README, "Scale-out with Citus".
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['account', 'holding', 'role_entity', 'instrument', 'credit', 'certificate',
	                         'green_power', 'energy_quota'] LOOP
		EXECUTE pg_catalog.format('ALTER POLICY holder_own ON greenattr.%I USING (false)', t);
	END LOOP;
END
$$;

-- 6. Functions.
\ir cluster_functions.sql

-- 7. and 8. Tables whose rows a node refuses: TG_ARGV holds the message and the hint.
CREATE FUNCTION greenattr_citus.refuse_row() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION '%', TG_ARGV[0]
		USING ERRCODE = '0A000', HINT = TG_ARGV[1],
		      DETAIL = pg_catalog.format('A row of greenattr.%s was to be written on node group %s.', TG_TABLE_NAME,
		                                 (SELECT groupid FROM pg_catalog.pg_dist_local_group));
END
$$;
REVOKE ALL ON FUNCTION greenattr_citus.refuse_row() FROM PUBLIC;

-- 7. The journal and its hash chain stay on the coordinator, as plain tables
-- (one chain in commit order, verify_journal() unchanged).  Each worker has
-- its own copy from CREATE EXTENSION: a row written there (by a trigger of a
-- later area running on a shard, or a verb called on a worker) would never
-- reach the chain, so the workers' copies refuse rows.
DO $$
BEGIN
	IF (SELECT groupid FROM pg_catalog.pg_dist_local_group) > 0 THEN
		CREATE TRIGGER journal_on_coordinator BEFORE INSERT ON greenattr.journal
			FOR EACH ROW EXECUTE FUNCTION greenattr_citus.refuse_row('the greenattr journal lives on the coordinator',
				'Call the verbs on the coordinator; on a cluster, triggers running on shards cannot write the journal.');
	END IF;
END
$$;

-- 8. guard() is refused on a cluster.  Its ledger (guarded_claim) would be on
-- the coordinator, while the guard triggers on instrument run on the workers
-- against their own copies, and its advisory locks would not meet across
-- nodes.  While guarded_table is empty on every node (it refuses rows), the
-- guard triggers on instrument and coverage return at once.
CREATE TRIGGER no_guard BEFORE INSERT ON greenattr.guarded_table
	FOR EACH ROW EXECUTE FUNCTION greenattr_citus.refuse_row('greenattr.guard() is not available on a Citus cluster',
		'On a cluster, attributes are issued into greenattr''s own tables (issue(), issue_many()).');
COMMIT;
