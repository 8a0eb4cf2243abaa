-- Registry core: transfer, retire, cancel; one holder, finality, conservation,
-- the journal, and no back door around the verbs.
\i sql/include/registry_fixture.sql

SELECT greenattr.issue('GEC', 1, 1000, 1) AS gec;

-- A partial transfer splits the holding and keeps blocks contiguous:
-- 1..1000 at account 1 becomes 1..199 (1), 200..499 (2), 500..1000 (1).
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 200, 499), 2) AS moved;
SELECT block, account_id, status FROM greenattr.holding ORDER BY block;

-- The buyer passes part on, naming itself as sender.
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 200, 249), 6, from_account => 2) AS moved_again;
-- A sender that does not hold the block is refused.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 250, 260), 3, from_account => 1)$$);
-- A block held by two accounts cannot move in one piece; each part can.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 190, 210), 3)$$);
-- Units never issued cannot move.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1001, 1001), 3)$$);
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('IREC', '1', 1, 1), 3)$$);
-- Suspended accounts neither receive nor send.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 10), 5)$$);
UPDATE greenattr.account SET status = 'suspended' WHERE id = 1;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 10), 3)$$);
UPDATE greenattr.account SET status = 'open' WHERE id = 1;
-- A GEC-only account receives GEC (above) but nothing else.
SELECT greenattr.issue('CCER', 3, 10, 1) AS ccer;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('CCER', '3', 1, 10), 6)$$);
-- Moving a block to the account that holds it is a mistake, not a transfer.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 10), 1)$$);

-- Retirement carries the claim and is final.
SELECT greenattr.retire(greenattr.certblock('GEC', '1', 300, 399), 'Buyer', 'scope2',
	claimed_period => '[2024-01-01,2025-01-01)') AS retired;
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 300, 399), 'Buyer', 'scope2')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 350, 450), 'Buyer', 'scope2')$$);
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 300, 300), 3)$$);
SELECT pg_temp.attempt($$SELECT greenattr.cancel(greenattr.certblock('GEC', '1', 300, 399), 'mistake')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 400, 409), '', 'scope2')$$);
-- The neighbouring active units still move.
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 409), 3) AS neighbour_moves;
-- Cancellation needs a reason and is final too.
SELECT greenattr.cancel(greenattr.certblock('GEC', '1', 900, 1000), 'expired') AS cancelled;
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1000, 1000), 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.cancel(greenattr.certblock('GEC', '1', 800, 810), NULL)$$);

SELECT block, account_id, status, beneficiary, purpose, claimed_period, reason
  FROM greenattr.holding ORDER BY block;

-- Conservation: held + retired + cancelled = issued.
SELECT i.block, greenattr.units(i.block) AS issued,
       sum(greenattr.units(h.block)) FILTER (WHERE h.status = 'active') AS held,
       sum(greenattr.units(h.block)) FILTER (WHERE h.status = 'retired') AS retired,
       sum(greenattr.units(h.block)) FILTER (WHERE h.status = 'cancelled') AS cancelled
  FROM greenattr.instrument i JOIN greenattr.holding h ON h.instrument_id = i.id
 GROUP BY i.block ORDER BY i.block;

-- No back door: holdings are not edited, inserted or deleted directly ...
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET account_id = 3 WHERE account_id = 1$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.holding (block, instrument_id, family, asset_id, account_id)
	VALUES (greenattr.certblock('GEC', '1', 5000, 5000), 1, 'certificate', 1, 1)$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.holding WHERE status = 'active'$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.holding$$);
-- ... not even by a session that pretends to be a verb: retired units stay
-- final, and the conservation check at commit catches units that vanish ...
SELECT pg_temp.attempt($$SELECT set_config('greenattr.verb', 'transfer', false)$$);
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET status = 'active' WHERE status = 'retired'$$);
-- (The check runs at commit; IMMEDIATE runs it at the end of the statement, so
-- attempt() can show its SQLSTATE and rule.)
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET block = greenattr.certblock('GEC', '1', 1, 150)
	WHERE block = greenattr.certblock('GEC', '1', 1, 199)$$);
-- ... and units that appear from nowhere: a holding that grows past its issuance,
-- or a holding stored outside it.
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET block = greenattr.certblock('CCER', '3', 1, 20)
	WHERE block = greenattr.certblock('CCER', '3', 1, 10)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.holding (block, instrument_id, family, asset_id, account_id)
	VALUES (greenattr.certblock('GEC', '1', 3000, 3009), 1, 'certificate', 1, 3)$$);
-- Units given up at the front of a holding, or at both ends (the front is
-- named first), are refused like those at the back ...
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET block = greenattr.certblock('GEC', '1', 50, 199)
	WHERE block = greenattr.certblock('GEC', '1', 1, 199)$$);
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET block = greenattr.certblock('GEC', '1', 50, 150)
	WHERE block = greenattr.certblock('GEC', '1', 1, 199)$$);
-- ... a holding given to another issuance must lie inside that one's block ...
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 2, 10, 1)::text$$);
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET instrument_id = (SELECT max(i.id) FROM greenattr.certificate i)
	WHERE block = greenattr.certblock('GEC', '1', 1, 199) RETURNING id::text$$);
-- ... and units given up are accepted when other holdings of the issuance
-- hold them (a split written by hand, all pieces in one statement).
SELECT pg_temp.attempt($$WITH kept AS (
	UPDATE greenattr.holding SET block = greenattr.certblock('GEC', '1', 50, 150)
	 WHERE block = greenattr.certblock('GEC', '1', 1, 199) RETURNING *),
	rest AS (
	INSERT INTO greenattr.holding (block, instrument_id, family, asset_id, account_id)
	SELECT r.b, k.instrument_id, k.family, k.asset_id, k.account_id
	  FROM kept k, (VALUES (greenattr.certblock('GEC', '1', 1, 49)), (greenattr.certblock('GEC', '1', 151, 199))) r (b)
	RETURNING block)
	SELECT string_agg(block::text, ', ' ORDER BY block) FROM rest$$);
ROLLBACK;
-- Deferred as usual, the check stops the transaction at COMMIT.
UPDATE greenattr.holding SET block = greenattr.certblock('GEC', '1', 1, 150)
 WHERE block = greenattr.certblock('GEC', '1', 1, 199);
RESET greenattr.verb;

-- The journal records every change, and is append-only.
SELECT id, verb, block, from_account, to_account, detail - 'vintage' - 'instrument' AS detail,
       actor = session_user AS by_me
  FROM greenattr.journal ORDER BY id;
SELECT pg_temp.attempt($$UPDATE greenattr.journal SET verb = 'issue' WHERE id = 2$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.journal WHERE id = 2$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.journal$$);

SELECT * FROM greenattr.audit();
-- A holding recorded under another asset than its issuance's (the
-- distribution key, by which the residual balance finds released units) is
-- reported too.
BEGIN;
ALTER TABLE greenattr.holding DISABLE TRIGGER USER;
UPDATE greenattr.holding SET asset_id = 2
 WHERE id = (SELECT min(h.id) FROM greenattr.holding h WHERE h.instrument_id = 1 AND h.family = 'certificate');
ALTER TABLE greenattr.holding ENABLE TRIGGER USER;
SELECT * FROM greenattr.audit() ORDER BY 1, 2;
ROLLBACK;

-- audit() can fail: with the triggers switched off (as a careless restore
-- might), a forged holding outside any issuance is reported.
ALTER TABLE greenattr.holding DISABLE TRIGGER USER;
INSERT INTO greenattr.holding (block, instrument_id, family, asset_id, account_id)
VALUES (greenattr.certblock('GEC', '1', 2000, 2009), 1, 'certificate', 1, 3);
ALTER TABLE greenattr.holding ENABLE TRIGGER USER;
SELECT * FROM greenattr.audit() ORDER BY 1, 2;

-- The seal of a transaction's journal rows finds the chain head it moved last
-- by its place: many seals in one transaction, one of them undone with a
-- savepoint after sealing, leave one whole chain.
BEGIN;
SET CONSTRAINTS greenattr.journal_seal IMMEDIATE;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 404), 2, from_account => 3);
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 400, 401), 3, from_account => 2);
SAVEPOINT s;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 402, 402), 3, from_account => 2);
ROLLBACK TO SAVEPOINT s;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 403, 404), 3, from_account => 2);
-- a setting that names no live head is not trusted
SELECT set_config('greenattr.journal_head_at', '(0,1)', true) IS NOT NULL AS misled;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 402, 402), 3, from_account => 2);
COMMIT;
SELECT valid, entries = (SELECT count(*) FROM greenattr.journal) AS every_row_sealed, problem
  FROM greenattr.verify_journal();
