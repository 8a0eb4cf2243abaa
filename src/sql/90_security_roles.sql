-- Roles and who acts for which entity.
--
--   greenattr_admin    registry operator: issues, authorizes, edits reference data
--   greenattr_holder   account holder: sees and moves only its own accounts' units
--   greenattr_auditor  reads everything, changes nothing
--
-- Roles are cluster-wide while the extension lives in one database: each role
-- is created only if missing, so CREATE EXTENSION in a second database (or
-- after DROP EXTENSION, which leaves the roles behind) does not fail.  Two
-- databases installing at once may race on the same role; the loser's
-- duplicate_object error is caught.  The roles cannot log in: grant them to
-- login roles.
DO $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['greenattr_admin', 'greenattr_holder', 'greenattr_auditor'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r) THEN
			BEGIN
				EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
			EXCEPTION WHEN duplicate_object THEN
				NULL;
			END;
		END IF;
	END LOOP;
END
$$;

-- The schema must be the installer's (or a superuser's), and no one else may
-- create objects in it: a schema's owner can drop any object in it, and whoever
-- could then put a function of its own in place of one the SECURITY DEFINER
-- verbs call would run code as the extension's owner.  CREATE EXTENSION into a
-- schema that already existed is refused unless it meets this.
DO $$
DECLARE
	owner oid;
	other text;
BEGIN
	SELECT n.nspowner INTO owner FROM pg_catalog.pg_namespace n
	 WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::regnamespace;
	IF owner OPERATOR(pg_catalog.<>) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
	   AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) owner) THEN
		RAISE EXCEPTION 'schema @extschema@ is owned by role %, not by the role installing greenattr', owner::regrole
			USING ERRCODE = '42501',
			HINT = 'Drop the schema, or make the installing role or a superuser its owner, then create the extension.';
	END IF;
	SELECT pg_catalog.string_agg(CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END, ', ')
	  INTO other
	  FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
	 WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
	   AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE' AND a.grantee OPERATOR(pg_catalog.<>) owner;
	IF other IS NOT NULL THEN
		RAISE EXCEPTION 'roles other than its owner may create objects in schema @extschema@: %', other
			USING ERRCODE = '42501',
			HINT = 'Revoke CREATE on the schema from them, then create the extension.';
	END IF;
END
$$;

-- Which database roles act for which entity.  A session acts for every entity
-- mapped to a role its session user is a member of (directly or through other
-- roles), so a company can map one group role and grant it to its staff.
CREATE TABLE @extschema@.role_entity (
	role_name name NOT NULL,
	entity_id bigint NOT NULL REFERENCES @extschema@.entity (id),
	PRIMARY KEY (role_name, entity_id)
);
CREATE INDEX ON @extschema@.role_entity (entity_id);
COMMENT ON TABLE @extschema@.role_entity IS 'Database roles and the entities they act for (a holder moves only the units of its entities'' accounts)';
COMMENT ON COLUMN @extschema@.role_entity.role_name IS 'A database role; its members act for the entity';
COMMENT ON COLUMN @extschema@.role_entity.entity_id IS 'Entity whose accounts the role''s members see and move';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.role_entity', '');

-- The caller is the session user: inside a SECURITY DEFINER verb current_user is
-- the extension's owner, while session_user still names who called.  A
-- superuser is a member of every role, so it acts as the registry operator.
-- PL/pgSQL, not SQL: a SQL function with a SET clause is never inlined and is
-- parsed and planned again in every transaction that calls it (9.5 % of a
-- transfer); PL/pgSQL keeps its plan for the session.
CREATE FUNCTION @extschema@.caller_is_operator() RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN pg_catalog.pg_has_role(SESSION_USER, 'greenattr_admin', 'MEMBER');
END
$$;
COMMENT ON FUNCTION @extschema@.caller_is_operator() IS
	'Whether the session user is a registry operator (member of greenattr_admin, or a superuser)';

CREATE FUNCTION @extschema@.caller_entities() RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
	-- By oid: a mapped role that no longer exists matches nobody (by name it would raise).
	SELECT DISTINCT m.entity_id FROM @extschema@.role_entity m
	  JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) m.role_name
	 WHERE pg_catalog.pg_has_role(SESSION_USER, r.oid, 'MEMBER')
$$;
COMMENT ON FUNCTION @extschema@.caller_entities() IS
	'Entities the session user acts for (through greenattr.role_entity and role membership)';

CREATE FUNCTION @extschema@.caller_accounts() RETURNS SETOF bigint
LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN QUERY SELECT a.id FROM @extschema@.account a
	 WHERE a.holder_id IN (SELECT @extschema@.caller_entities());
END
$$;
COMMENT ON FUNCTION @extschema@.caller_accounts() IS
	'Accounts of the entities the session user acts for';
