-- Article 6 verbs run as the extension's owner: an official authorizes and
-- revokes only with a government account of the entity its role acts for.
\i sql/include/article6_fixture.sql
SET client_min_messages = warning;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_ga_thai_official') THEN
		CREATE ROLE regress_ga_thai_official LOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_ga_japan_official') THEN
		CREATE ROLE regress_ga_japan_official LOGIN;
	END IF;
END $$;
RESET client_min_messages;
GRANT greenattr_holder TO regress_ga_thai_official, regress_ga_japan_official;
INSERT INTO greenattr.role_entity (role_name, entity_id) VALUES
	('regress_ga_thai_official', 10), ('regress_ga_japan_official', 11);
SELECT greenattr.issue('JCM', 10, 1000, 15) AS issued;

-- Japan's official names Thailand's government account: refused.
SET SESSION AUTHORIZATION regress_ga_japan_official;
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 1, 100), 10)$$);
RESET SESSION AUTHORIZATION;
-- Thailand's official, with Thailand's account: accepted, and may revoke.
SET SESSION AUTHORIZATION regress_ga_thai_official;
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 1, 100), 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 1, 10), 'withdrawn', 10)$$);
RESET SESSION AUTHORIZATION;
-- Japan's official cannot revoke Thailand's authorization either ...
SET SESSION AUTHORIZATION regress_ga_japan_official;
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 11, 20), 'withdrawn', 10)$$);
-- ... nor authorize Thailand's future issuances.
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2025-01-01,2026-01-01)', 100, 10)$$);
RESET SESSION AUTHORIZATION;
SELECT authorization_id, block FROM greenattr.itmo_block ORDER BY block;
SELECT authorization_id, block, reason FROM greenattr.itmo_revocation ORDER BY block;
