-- Search-path hijacking (in the style of contrib/seg's security test): a
-- malicious holder plants functions and operators named like those the
-- extension calls, in a schema that the installer's and the victims'
-- search_path put before pg_catalog.  Neither CREATE EXTENSION nor the verbs,
-- triggers, policies or audit may call them.
SET client_min_messages = warning;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_ga_attacker') THEN
		CREATE ROLE regress_ga_attacker LOGIN;
	END IF;
END
$$;
DROP SCHEMA IF EXISTS regress_ga_hostile CASCADE;
RESET client_min_messages;
CREATE SCHEMA regress_ga_hostile AUTHORIZATION regress_ga_attacker;

SET ROLE regress_ga_attacker;
-- Every planted function records its call here.
CREATE TABLE regress_ga_hostile.called (fn text);
GRANT USAGE ON SCHEMA regress_ga_hostile TO PUBLIC;
GRANT INSERT, SELECT ON regress_ga_hostile.called TO PUBLIC;
-- Catalog functions and operators the install script, the verbs and the
-- policies use, with the same argument types.
CREATE FUNCTION regress_ga_hostile.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('pg_has_role(name,oid,text)'); SELECT true $$;
CREATE FUNCTION regress_ga_hostile.pg_has_role(name, text, text) RETURNS boolean LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('pg_has_role(name,text,text)'); SELECT true $$;
CREATE FUNCTION regress_ga_hostile.current_setting(text, boolean) RETURNS text LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('current_setting'); SELECT 'transfer' $$;
CREATE FUNCTION regress_ga_hostile.set_config(text, text, boolean) RETURNS text LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('set_config'); SELECT $2 $$;
CREATE FUNCTION regress_ga_hostile.repeat(text, integer) RETURNS text LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('repeat'); SELECT 'ff' $$;
CREATE FUNCTION regress_ga_hostile.decode(text, text) RETURNS bytea LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('decode'); SELECT '\xff'::bytea $$;
CREATE FUNCTION regress_ga_hostile.string_to_array(text, text) RETURNS text[] LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('string_to_array'); SELECT ARRAY['holder'] $$;
CREATE FUNCTION regress_ga_hostile.now() RETURNS timestamptz LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('now'); SELECT '2000-01-01'::timestamptz $$;
CREATE FUNCTION regress_ga_hostile.int8_always(bigint, bigint) RETURNS boolean LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('bigint ='); SELECT true $$;
CREATE OPERATOR regress_ga_hostile.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = regress_ga_hostile.int8_always);
CREATE FUNCTION regress_ga_hostile.text_never(text, text) RETURNS boolean LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('text <>'); SELECT false $$;
CREATE OPERATOR regress_ga_hostile.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = regress_ga_hostile.text_never);
RESET ROLE;

-- The installer's search_path puts the hostile schema first; the fixture
-- creates the extension under it.
SET search_path = regress_ga_hostile, pg_catalog, public;
\i sql/include/security_fixture.sql
SELECT count(*) AS hostile_calls FROM regress_ga_hostile.called;

-- Now overloads of the extension's own internals, with its types: the
-- attacker is a holder (it can use the types), acting for no entity.
GRANT greenattr_holder TO regress_ga_attacker;
SET ROLE regress_ga_attacker;
CREATE FUNCTION regress_ga_hostile.caller_is_operator() RETURNS boolean LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('caller_is_operator'); SELECT true $$;
CREATE FUNCTION regress_ga_hostile.caller_accounts() RETURNS SETOF bigint LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('caller_accounts'); SELECT generate_series(1, 10)::bigint $$;
CREATE FUNCTION regress_ga_hostile.caller_entities() RETURNS SETOF bigint LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('caller_entities'); SELECT generate_series(1, 10)::bigint $$;
CREATE FUNCTION regress_ga_hostile.raise_rule(text, text, text, text, text) RETURNS void LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('raise_rule') $$;
CREATE FUNCTION regress_ga_hostile.units(greenattr.certblock) RETURNS bigint LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('units'); SELECT 0::bigint $$;
CREATE FUNCTION regress_ga_hostile.scheme(greenattr.certblock) RETURNS text LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('scheme'); SELECT 'GEC' $$;
CREATE FUNCTION regress_ga_hostile.check_account(bigint, greenattr.certblock, text) RETURNS void LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('check_account') $$;
CREATE FUNCTION regress_ga_hostile.journal_entry_hash(bytea, bigint, bigint, timestamptz, text, text, text, bigint, bigint, text)
	RETURNS bytea LANGUAGE sql
	AS $$ INSERT INTO regress_ga_hostile.called VALUES ('journal_entry_hash'); SELECT $1 $$;
RESET ROLE;
-- The trap is live: an unqualified call does reach the planted function.
SET search_path = regress_ga_hostile, greenattr, pg_catalog, public;
SELECT units(certblock('GEC', '1', 1, 10)) AS planted_units;
SELECT fn FROM regress_ga_hostile.called;
TRUNCATE regress_ga_hostile.called;

-- Victims: holder Windco, the attacker itself, the superuser, with the
-- hostile schema first on their search_path.
SET SESSION AUTHORIZATION regress_ga_windco;
SET search_path = regress_ga_hostile, greenattr, pg_catalog, public;
SELECT pg_temp.attempt($$SELECT transfer(certblock('GEC', '1', 101, 200), 2)$$);
SELECT pg_temp.attempt($$SELECT transfer(certblock('GEC', '1', 1, 10), 1)$$);
SELECT account_id, block::text FROM holding ORDER BY block;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION regress_ga_attacker;
SET search_path = regress_ga_hostile, greenattr, pg_catalog, public;
SELECT pg_temp.attempt($$SELECT transfer(certblock('GEC', '1', 201, 300), 2)$$);
SELECT pg_temp.attempt($$SELECT retire(certblock('GEC', '1', 1, 10), 'Attacker', 'offset')$$);
SELECT count(*) AS visible_holdings FROM holding;
SELECT count(*) AS visible_accounts FROM account;
RESET SESSION AUTHORIZATION;
SET search_path = regress_ga_hostile, greenattr, pg_catalog, public;
-- A temporary table named like a registry table does not capture the verbs either.
CREATE TEMPORARY TABLE holding (id bigint);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 2, 5, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.cancel(greenattr.certblock('GEC', '1', 1001, 1005), 'test')$$);
DROP TABLE pg_temp.holding;
SELECT valid, entries FROM greenattr.verify_journal();
SELECT * FROM greenattr.audit();
SELECT fn, count(*) FROM regress_ga_hostile.called GROUP BY fn;
RESET search_path;

-- A schema named greenattr that someone else created beforehand, or in which
-- someone else may create objects, is refused by CREATE EXTENSION: its owner
-- could drop the extension's functions and put its own in their place.
SET client_min_messages = warning;
DROP EXTENSION greenattr CASCADE;
DROP SCHEMA greenattr;
RESET client_min_messages;
SELECT current_database() AS regress_db \gset
GRANT CREATE ON DATABASE :"regress_db" TO regress_ga_attacker;
SET ROLE regress_ga_attacker;
CREATE SCHEMA greenattr;
RESET ROLE;
CREATE FUNCTION pg_temp.try_create() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	msg text; hin text;
BEGIN
	CREATE EXTENSION greenattr;
	RETURN 'created';
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, hin = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || msg || E'\nHINT: ' || hin;
END
$$;
SELECT pg_temp.try_create();
ALTER SCHEMA greenattr OWNER TO CURRENT_USER;
GRANT CREATE ON SCHEMA greenattr TO regress_ga_attacker;
SELECT pg_temp.try_create();
REVOKE CREATE ON SCHEMA greenattr FROM regress_ga_attacker;
GRANT CREATE ON SCHEMA greenattr TO PUBLIC;
SELECT pg_temp.try_create();
REVOKE CREATE ON SCHEMA greenattr FROM PUBLIC;
-- The neighbour: an existing schema owned by a superuser, with no other
-- creators, is accepted.
SELECT pg_temp.try_create();
REVOKE CREATE ON DATABASE :"regress_db" FROM regress_ga_attacker;
SELECT count(*) AS extension_schemas FROM pg_namespace n JOIN pg_extension e ON e.extnamespace = n.oid
 WHERE e.extname = 'greenattr' AND n.nspname = 'greenattr';

SET client_min_messages = warning;
DROP SCHEMA regress_ga_hostile CASCADE;
RESET client_min_messages;
