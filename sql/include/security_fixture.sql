-- Fixture of the security tests (included with \i): the registry fixture, plus
-- login roles for each greenattr role and their entity mappings.
--   regress_ga_operator  greenattr_admin
--   regress_ga_auditor   greenattr_auditor
--   regress_ga_windco    greenattr_holder, acts for Windco (entity 1: account 1)
--   regress_ga_buyer     greenattr_holder, acts for Buyer (entity 3: accounts 2, 5, 6)
--   regress_ga_unmapped  greenattr_holder, acts for no entity
--   regress_ga_outsider  no greenattr role
-- Roles are cluster-wide: created only if missing, like the extension's own.
\i sql/include/registry_fixture.sql
SET client_min_messages = warning;
DO $$
DECLARE
	r text[];
BEGIN
	FOREACH r SLICE 1 IN ARRAY ARRAY[
		['regress_ga_operator', 'greenattr_admin'], ['regress_ga_auditor', 'greenattr_auditor'],
		['regress_ga_windco', 'greenattr_holder'], ['regress_ga_buyer', 'greenattr_holder'],
		['regress_ga_unmapped', 'greenattr_holder'], ['regress_ga_outsider', NULL]] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r[1]) THEN
			EXECUTE format('CREATE ROLE %I LOGIN', r[1]);
		END IF;
		IF r[2] IS NOT NULL THEN
			EXECUTE format('GRANT %I TO %I', r[2], r[1]);
		END IF;
	END LOOP;
END
$$;
RESET client_min_messages;
INSERT INTO greenattr.role_entity (role_name, entity_id) VALUES
	('regress_ga_windco', 1), ('regress_ga_buyer', 3);
-- Windco's GEC block 1-1000 (account 1), 1-100 of it sold to Buyer (account 2).
SELECT greenattr.issue('GEC', 1, 1000, 1);
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 100), 2);
