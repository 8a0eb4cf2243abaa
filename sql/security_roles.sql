-- Roles, privileges and row-level security, exercised as the roles themselves
-- (SET SESSION AUTHORIZATION: session_user is the role, as for a login).
\i sql/include/security_fixture.sql
-- As the superuser: Windco holds GEC 101-1000 (account 1), Buyer GEC 1-100 (account 2).
SELECT account_id, block::text FROM holding ORDER BY block;

-- ---- holder: Windco ------------------------------------------------------
SET SESSION AUTHORIZATION regress_ga_windco;
SELECT session_user, greenattr.caller_is_operator() AS operator,
       ARRAY(SELECT greenattr.caller_entities()) AS entities,
       ARRAY(SELECT greenattr.caller_accounts() ORDER BY 1) AS accounts;
-- Sees only its own account, holdings, journal rows and issuances.
SELECT id, holder_id, name FROM account ORDER BY id;
SELECT account_id, block::text, status FROM holding ORDER BY block;
SELECT id, verb, block::text, from_account, to_account FROM journal ORDER BY id;
SELECT family, block::text, issued_to FROM instrument;
SELECT family, block::text FROM certificate;
SELECT * FROM role_entity;
-- Public registry data: entities, assets, activities.
SELECT count(*) AS entities FROM entity;
SELECT count(*) AS activities FROM activity;
-- Moves its own units: whole holdings and parts (the split stays in account 1).
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 101, 200), 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 901, 910), 2, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 201, 300), 'Windco', 'scope2')$$);
SELECT pg_temp.attempt($$SELECT greenattr.cancel(greenattr.certblock('GEC', '1', 301, 310), 'metering error')$$);
-- Cannot move Buyer's units: transfer, retire, cancel (also naming the account).
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 50), 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 50), 1, 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 1, 50), 'Windco', 'scope2')$$);
SELECT pg_temp.attempt($$SELECT greenattr.cancel(greenattr.certblock('GEC', '1', 1, 100), 'mine now')$$);
-- Operator verbs are not granted to holders.
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 2, 10, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.opt_into_crediting(1, 'CCER', '[2024-01-01,2024-02-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.take_block(greenattr.certblock('GEC', '1', 1, 50), NULL, 'transfer')$$);
-- No direct writes: the journal, holdings (even claiming to be a verb), reference data.
SELECT pg_temp.attempt($$INSERT INTO greenattr.journal (verb, block) VALUES ('transfer', greenattr.certblock('GEC', '1', 1, 50)) RETURNING id$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.journal RETURNING id$$);
SELECT pg_temp.attempt($$SELECT pg_catalog.set_config('greenattr.verb', 'transfer', false)$$);
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET account_id = 1 RETURNING id$$);
RESET greenattr.verb;
SELECT pg_temp.attempt($$INSERT INTO greenattr.account (holder_id, name) VALUES (1, 'extra') RETURNING id$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.role_entity VALUES ('regress_ga_windco', 3) RETURNING entity_id$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, vintage, issued_to)
	VALUES ('certificate', 'GEC', 9, greenattr.certblock('GEC', '1', 5001, 5010), '[2024-03-01,2024-04-01)', 1) RETURNING id$$);
-- No audit or chain functions (they would read beyond its rows), no chain table.
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.audit()$$);
SELECT pg_temp.attempt($$SELECT valid FROM greenattr.verify_journal()$$);
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.journal_chain$$);
-- Types and operators work.
SELECT '1.5 t'::co2e + '500 kg'::co2e AS sum;
RESET SESSION AUTHORIZATION;

-- ---- holder: Buyer ---------------------------------------------------------
SET SESSION AUTHORIZATION regress_ga_buyer;
SELECT id, holder_id, name FROM account ORDER BY id;
SELECT account_id, block::text, status FROM holding ORDER BY block;
-- The GEC issuance is visible because Buyer holds part of it.
SELECT family, block::text, issued_to FROM instrument;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 50), 6)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 51, 60), 'Beijing Data Centre', 'scope2')$$);
-- Windco's units, including a part of a holding it does not hold.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 499), 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 400, 499), 'Buyer', 'scope2')$$);
SELECT pg_temp.attempt($$SELECT greenattr.cancel(greenattr.certblock('GEC', '1', 400, 499), 'Buyer')$$);
-- Units not all its own tell a holder nothing of their state: a block reaching
-- into Windco's holding and units never issued are refused alike ...
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 195, 205), 6)$$);
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 99000, 99010), 6)$$);
-- ... while for its own units it learns why a move fails (two of its holdings).
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 95, 105), 6)$$);
RESET SESSION AUTHORIZATION;

-- ---- holder without an entity ---------------------------------------------
SET SESSION AUTHORIZATION regress_ga_unmapped;
SELECT count(*) AS accounts FROM account;
SELECT count(*) AS holdings FROM holding;
SELECT count(*) AS journal_rows FROM journal;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 499), 2)$$);
RESET SESSION AUTHORIZATION;

-- ---- auditor -----------------------------------------------------------------
SET SESSION AUTHORIZATION regress_ga_auditor;
SELECT count(*) AS accounts FROM account;
SELECT account_id, block::text, status FROM holding ORDER BY block;
SELECT count(*) AS journal_rows FROM journal;
SELECT count(*) AS chain_entries FROM journal_chain;
SELECT valid, entries, problem FROM verify_journal();
SELECT entries FROM journal_head();
SELECT * FROM audit();
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 499), 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 2, 10, 1)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.entity (name, region) VALUES ('Auditco', 'CN-BJ') RETURNING id$$);
SELECT pg_temp.attempt($$UPDATE greenattr.account SET status = 'closed' WHERE id = 1 RETURNING id$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.role_entity RETURNING entity_id$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.journal (verb, block) VALUES ('x', greenattr.certblock('GEC', '1', 1, 1)) RETURNING id$$);
RESET SESSION AUTHORIZATION;

-- ---- operator (not a superuser) -----------------------------------------------
SET SESSION AUTHORIZATION regress_ga_operator;
SELECT greenattr.caller_is_operator() AS operator;
SELECT pg_temp.attempt($$INSERT INTO greenattr.entity (id, name, region) VALUES (5, 'Solarco', 'CN-GD') RETURNING id$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.account (id, holder_id, name) VALUES (7, 5, 'Solarco holding') RETURNING id$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.role_entity VALUES ('regress_ga_buyer', 5) RETURNING entity_id$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 2, 10, 7)$$);
-- The operator authorizes moves of any holder's units.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 499), 7)$$);
SELECT pg_temp.attempt($$SELECT greenattr.opt_into_crediting(1, 'CCER', '[2024-02-01,2024-03-01)')$$);
-- but changes holdings and the journal only through the verbs.
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET account_id = 7 RETURNING id$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.journal RETURNING id$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.journal$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.journal_chain VALUES (1000, 1, '\x00', '\x00') RETURNING seq$$);
SELECT pg_temp.attempt($$SELECT greenattr.take_block(greenattr.certblock('GEC', '1', 1, 50), NULL, 'transfer')$$);
-- It may load an issuance directly, through the same triggers as issue().
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, vintage, issued_to)
	VALUES ('certificate', 'GEC', 9, greenattr.certblock('GEC', '1', 5001, 5010), '[2024-03-01,2024-04-01)', 1) RETURNING block::text$$);
RESET SESSION AUTHORIZATION;

-- Buyer now also acts for Solarco (a second mapping) and sees its account.
SET SESSION AUTHORIZATION regress_ga_buyer;
SELECT id, holder_id, name FROM account ORDER BY id;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 449), 2, 7)$$);
RESET SESSION AUTHORIZATION;

-- ---- a role outside greenattr: nothing is granted to PUBLIC ---------------------
SET SESSION AUTHORIZATION regress_ga_outsider;
SELECT pg_temp.attempt($$SELECT count(*) FROM greenattr.holding$$);
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 50), 1)$$);
SELECT pg_temp.attempt($$SELECT '1 t'::greenattr.co2e$$);
RESET SESSION AUTHORIZATION;

-- Final state, as the superuser: every move above is in the journal, actor
-- and all, and the registry and the chain are intact.
SELECT id, actor, verb, block::text, from_account, to_account FROM journal WHERE id > 2 ORDER BY id;
SELECT account_id, block::text, status FROM holding ORDER BY block;
SELECT valid, entries, problem FROM verify_journal();
SELECT * FROM audit();
