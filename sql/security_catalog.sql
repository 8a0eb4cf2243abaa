-- The security catalog of the extension: roles, what PUBLIC and each role may
-- do, which functions run as the owner and with what search_path, which tables
-- have row-level security.  When a verb is added to the VERB LIST
-- (src/sql/99_security_verbs.sql), its line appears here.
\i sql/include/security_fixture.sql

-- The three roles, unable to log in, not superusers.
SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles
 WHERE rolname LIKE 'greenattr\_%' ORDER BY rolname;

-- Nothing granted to PUBLIC: no object of the schema has an ACL entry for
-- PUBLIC, and none keeps its default ACL (which for functions and types would
-- give PUBLIC EXECUTE or USAGE).
WITH objects AS (
	SELECT 'schema' AS kind, n.nspname::text AS name, n.nspacl AS acl FROM pg_namespace n WHERE n.nspname = 'greenattr'
	UNION ALL
	SELECT 'relation', c.oid::regclass::text, c.relacl FROM pg_class c
	 WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
	UNION ALL
	SELECT 'function', p.oid::regprocedure::text, p.proacl FROM pg_proc p WHERE p.pronamespace = 'greenattr'::regnamespace
	UNION ALL
	SELECT 'type', t.oid::regtype::text, t.typacl FROM pg_type t
	 WHERE t.typnamespace = 'greenattr'::regnamespace AND t.typtype IN ('b', 'd', 'e', 'r') AND t.typcategory <> 'A')
SELECT kind, count(*) AS objects,
       count(*) FILTER (WHERE acl IS NULL) AS default_acl,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM aclexplode(acl) a WHERE a.grantee = 0)) AS public_grants
  FROM objects GROUP BY kind ORDER BY kind;

-- Functions that run as the owner: each pins its search_path; who may call it.
SELECT p.oid::regprocedure AS function, array_to_string(p.proconfig, ', ') AS config,
       coalesce((SELECT string_agg(a.grantee::regrole::text, ', ' ORDER BY a.grantee::regrole::text)
                   FROM aclexplode(p.proacl) a
                  WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> p.proowner), '(owner only)') AS callers
  FROM pg_proc p
 WHERE p.pronamespace = 'greenattr'::regnamespace AND p.prosecdef AND p.prorettype <> 'trigger'::regtype
 ORDER BY p.oid::regprocedure::text;
-- Trigger functions: all run as the owner with a pinned search_path, and none
-- may be attached to another table by anyone but the owner.
SELECT count(*) AS trigger_functions,
       count(*) FILTER (WHERE p.prosecdef) AS security_definer,
       count(*) FILTER (WHERE 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig)) AS pinned,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee <> p.proowner)) AS granted
  FROM pg_proc p
 WHERE p.pronamespace = 'greenattr'::regnamespace AND p.prorettype = 'trigger'::regtype;
-- Every function not written in C pins its search_path, but day_range(),
-- issue_many_rows(), claim_many_rows(), claimable_period() and
-- hourly_match_region(): a SET clause would keep the planner from inlining
-- them, and their bodies name every object fully qualified
-- (35_registry_guards.sql, 36_registry_verbs.sql, 51_residual_verbs.sql,
-- 53_residual_scope2.sql).
SELECT p.oid::regprocedure AS unpinned FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'greenattr'::regnamespace AND l.lanname <> 'c' AND p.prokind <> 'a'
   AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false);
-- Functions the holder or auditor may not call although the other roles may.
SELECT p.oid::regprocedure AS function,
       has_function_privilege('greenattr_admin', p.oid, 'EXECUTE') AS admin,
       has_function_privilege('greenattr_holder', p.oid, 'EXECUTE') AS holder,
       has_function_privilege('greenattr_auditor', p.oid, 'EXECUTE') AS auditor
  FROM pg_proc p
 WHERE p.pronamespace = 'greenattr'::regnamespace AND p.prorettype <> 'trigger'::regtype
   AND NOT (has_function_privilege('greenattr_admin', p.oid, 'EXECUTE')
            AND has_function_privilege('greenattr_holder', p.oid, 'EXECUTE')
            AND has_function_privilege('greenattr_auditor', p.oid, 'EXECUTE'))
 ORDER BY p.oid::regprocedure::text;

-- Table privileges of each role (row-level security further limits the holder).
SELECT c.relname,
       concat_ws(',', CASE WHEN has_table_privilege('greenattr_admin', c.oid, 'SELECT') THEN 'r' END,
                      CASE WHEN has_table_privilege('greenattr_admin', c.oid, 'INSERT') THEN 'a' END,
                      CASE WHEN has_table_privilege('greenattr_admin', c.oid, 'UPDATE') THEN 'w' END,
                      CASE WHEN has_table_privilege('greenattr_admin', c.oid, 'DELETE') THEN 'd' END) AS admin,
       concat_ws(',', CASE WHEN has_table_privilege('greenattr_holder', c.oid, 'SELECT') THEN 'r' END,
                      CASE WHEN has_table_privilege('greenattr_holder', c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE') THEN 'write' END) AS holder,
       concat_ws(',', CASE WHEN has_table_privilege('greenattr_auditor', c.oid, 'SELECT') THEN 'r' END,
                      CASE WHEN has_table_privilege('greenattr_auditor', c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE') THEN 'write' END) AS auditor,
       c.relrowsecurity AS rls,
       (SELECT string_agg(p.polname, ', ' ORDER BY p.polname) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
  FROM pg_class c
 WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind IN ('r', 'p')
 ORDER BY c.relname;

-- CREATE EXTENSION in a second database of the cluster: the roles exist
-- already and are reused.
\set regress_db :DBNAME
CREATE DATABASE regress_greenattr_second;
\c regress_greenattr_second
SET client_min_messages = warning;
CREATE EXTENSION btree_gist;
CREATE EXTENSION greenattr;
RESET client_min_messages;
SELECT count(*) AS greenattr_roles FROM pg_roles WHERE rolname LIKE 'greenattr\_%';
SELECT has_function_privilege('greenattr_holder', 'greenattr.transfer(greenattr.certblock, bigint, bigint)', 'EXECUTE') AS holder_transfers;
\c :regress_db
DROP DATABASE regress_greenattr_second;
