-- Bulk issuance: issue_many() checks certificates, green power and quotas as one
-- batch and writes them without the per-row triggers.  The batch must give
-- what the same rows give one by one: the same rows, the same refusals with
-- the same words, the same journal chain; and the per-row triggers must skip
-- only the rows the batch checked.
\i sql/include/registry_fixture.sql
-- Two identical wind farms: asset 5 is issued in batches, asset 6 row by row.
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(5, 'Wind farm C', 'generator', 'wind', 'CN-GD', 1),
	(6, 'Wind farm D', 'generator', 'wind', 'CN-GD', 1);
INSERT INTO greenattr.activity (id, asset_id, kind, period, energy) VALUES
	(11, 5, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh'),
	(12, 5, 'generation', '[2024-02-01,2024-03-01)', '1000 MWh'),
	(21, 6, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh'),
	(22, 6, 'generation', '[2024-02-01,2024-03-01)', '1000 MWh');
-- Rows of asset 5 or 6, with the asset's own ids (activities 11/21 -> 1, 12/22 -> 2).
CREATE FUNCTION pg_temp.issued(asset bigint) RETURNS TABLE (n bigint, activity bigint, block text,
	vintage tstzrange, claim_energy text, claim_co2e text, issued_to bigint, held text, status text, holder bigint)
LANGUAGE sql AS $$
	SELECT row_number() OVER (ORDER BY i.id), i.activity_id % 10, greenattr.first_unit(i.block) || '-' || greenattr.last_unit(i.block),
	       i.vintage, i.claim_energy::text, i.claim_co2e::text, i.issued_to,
	       greenattr.first_unit(h.block) || '-' || greenattr.last_unit(h.block), h.status, h.account_id
	  FROM greenattr.instrument i JOIN greenattr.holding h ON h.instrument_id = i.id AND h.family = i.family
	 WHERE i.asset_id = asset ORDER BY i.id
$$;
CREATE FUNCTION pg_temp.journaled(asset bigint) RETURNS TABLE (n bigint, verb text, block text, to_account bigint,
	activity bigint, vintage text, sealed boolean)
LANGUAGE sql AS $$
	SELECT row_number() OVER (ORDER BY j.id), j.verb, greenattr.first_unit(j.block) || '-' || greenattr.last_unit(j.block),
	       j.to_account, (j.detail ->> 'activity')::bigint % 10, j.detail ->> 'vintage',
	       EXISTS (SELECT 1 FROM greenattr.journal_chain c WHERE c.journal_id = j.id)
	  FROM greenattr.journal j WHERE greenattr.space(j.block) = asset::text ORDER BY j.id
$$;

-- 1. The same three blocks, as one batch and one by one: units 1-100 and
-- 301-600 against January, 101-300 against February.
SELECT b::text AS batch FROM greenattr.issue_many('GEC', ARRAY[11, 12, 11], ARRAY[100, 200, 300], 1) b;
SELECT greenattr.issue('GEC', 21, 100, 1)::text AS one,
       greenattr.issue('GEC', 22, 200, 1)::text AS two,
       greenattr.issue('GEC', 21, 300, 1)::text AS three;
SELECT * FROM pg_temp.issued(5);
-- Every column of every row the same (both differences empty) ...
(SELECT * FROM pg_temp.issued(5) EXCEPT ALL SELECT * FROM pg_temp.issued(6))
UNION ALL (SELECT * FROM pg_temp.issued(6) EXCEPT ALL SELECT * FROM pg_temp.issued(5));
-- ... and so is the journal: the batch is sealed at commit like the rows.
SELECT * FROM pg_temp.journaled(5);
(SELECT * FROM pg_temp.journaled(5) EXCEPT ALL SELECT * FROM pg_temp.journaled(6))
UNION ALL (SELECT * FROM pg_temp.journaled(6) EXCEPT ALL SELECT * FROM pg_temp.journaled(5));
SELECT * FROM greenattr.activity_claimed(11);
SELECT * FROM greenattr.activity_claimed(12);

-- 2. One attribute, one instrument inside a batch: February has 1000 MWh, 200
-- claimed.  300 + 500 fill it; a third row of 1 MWh is one too many, and the
-- batch is refused with the words of the row-by-row refusal (asset 6) ...
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[12, 12, 12], ARRAY[300, 500, 1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 22, 300, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 22, 500, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 22, 1, 1)$$);
-- ... nothing of the refused batch stays (serials, claims, journal) ...
SELECT scheme, space, next_first FROM greenattr.numbering WHERE space IN ('5', '6') ORDER BY space;
SELECT * FROM greenattr.activity_claimed(12);
-- ... and the two rows that fit exactly are accepted.
SELECT b::text AS exactly_full FROM greenattr.issue_many('GEC', ARRAY[12, 12], ARRAY[300, 500], 1) b;
SELECT * FROM greenattr.activity_claimed(12);

-- 3. Which refusal comes first, as row by row: the first row's checks, then
-- the receiving account, then the later rows.  Account 5 is suspended.
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[11, 11], ARRAY[1, 5000], 5)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[11, 11], ARRAY[5000, 1], 5)$$);
-- Activity 7 is a saving: a certificate cannot claim it; a quota can.
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[11, 7], ARRAY[1, 1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('EUR_HA', ARRAY[7, 11], ARRAY[1, 1], 4)$$);
SELECT b::text AS quota FROM greenattr.issue_many('EUR_HA', ARRAY[7, 7], ARRAY[100, 200], 4) b;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('EUR_HA', ARRAY[7], ARRAY[1], 4)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('EUR_HA', 7, 1, 4)$$);
-- A GEC-only account takes a batch of GEC; green power is refused by the account rule.
SELECT b::text AS gec_only FROM greenattr.issue_many('GEC', ARRAY[11], ARRAY[10], 6) b;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GP', ARRAY[11], ARRAY[10], 6)$$);
-- Credits take the row-by-row path, with their own rules: 2023 of Forest B
-- is credited by CCER, so GS is refused for it.
SELECT b::text AS credits FROM greenattr.issue_many('CCER', ARRAY[3, 3], ARRAY[100, 200], 1) b;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GS', ARRAY[3], ARRAY[1], 1)$$);

-- 4. Only the batch's own rows skip the triggers.  After a batch, in the
-- same transaction, a direct INSERT over-claiming January is refused ...
BEGIN;
SELECT count(*) AS issued FROM greenattr.issue_many('GEC', ARRAY[11], ARRAY[1], 1);
SELECT greenattr.bulk_checked() AS still_declared;
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 11, greenattr.certblock('GEC', '5', 5000, 5999), 1)$$);
ROLLBACK;
-- ... and a DBA's own trigger that writes into the registry from inside the
-- batch's INSERT runs one trigger level deeper: its row is checked (and here
-- refused, which fails the batch).
CREATE FUNCTION pg_temp.also_issue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 11, greenattr.certblock('GEC', '5', 5000, 5999), 1);
	RETURN NULL;
END $$;
CREATE TRIGGER also_issue AFTER INSERT ON greenattr.certificate
	FOR EACH ROW WHEN (NEW.activity_id = 11) EXECUTE FUNCTION pg_temp.also_issue();
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[11], ARRAY[1], 1)$$);
DROP TRIGGER also_issue ON greenattr.certificate;
-- The failed batch left no declaration behind: the same direct INSERT is
-- checked, and the one that fits is accepted.
SELECT greenattr.bulk_checked() AS left_declared;
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 11, greenattr.certblock('GEC', '5', 5000, 5999), 1)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 11, greenattr.certblock('GEC', '5', 5000, 5004), 1) RETURNING block::text$$);
-- Holdings of a batch change only through the verbs, like any other.
SELECT pg_temp.attempt($$UPDATE greenattr.holding SET account_id = 2 WHERE block = greenattr.certblock('GEC', '5', 1, 100)$$);

-- 5. The journal chain: in one transaction a transfer (sealed row by row), a
-- batch (sealed as one), and another transfer are chained in that order ...
SELECT entries AS entries_before FROM greenattr.journal_head();
BEGIN;
SELECT greenattr.transfer(greenattr.certblock('GEC', '5', 1, 10), 2)::text AS first_move;
SELECT b::text AS batch FROM greenattr.issue_many('GP', ARRAY[9, 9], ARRAY[1, 2], 1) b;
SELECT greenattr.transfer(greenattr.certblock('GEC', '5', 11, 20), 2)::text AS second_move;
SELECT count(*) AS waiting_batches FROM greenattr.journal_batch;
COMMIT;
SELECT c.seq - h.entries + 4 AS last_four, j.verb, j.block::text
  FROM greenattr.journal_chain c JOIN greenattr.journal j ON j.id = c.journal_id, greenattr.journal_head() h
 WHERE c.seq > h.entries - 4 ORDER BY c.seq;
SELECT (SELECT count(*) FROM greenattr.journal_batch) AS waiting_batches,
       (SELECT bool_and(c.seq IS NOT NULL) FROM greenattr.journal j
          LEFT JOIN greenattr.journal_chain c ON c.journal_id = j.id) AS all_sealed;
-- ... a batch rolled back to a savepoint leaves nothing to seal, the transfer
-- before it is sealed ...
BEGIN;
SELECT greenattr.transfer(greenattr.certblock('GEC', '5', 21, 30), 2)::text AS kept_move;
SAVEPOINT s;
SELECT count(*) AS issued FROM greenattr.issue_many('GEC', ARRAY[11], ARRAY[1], 1);
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT c.seq - h.entries + 2 AS last_two, j.verb, j.block::text
  FROM greenattr.journal_chain c JOIN greenattr.journal j ON j.id = c.journal_id, greenattr.journal_head() h
 WHERE c.seq > h.entries - 2 ORDER BY c.seq;
-- ... and the whole chain verifies.
SELECT valid, entries, problem FROM greenattr.verify_journal();

-- 6. A long batch is checked and written in statements of
-- greenattr.bulk_rows_per_statement rows (default 100,000: a statement keeps
-- its rows' foreign-key checks in memory until it ends).  Two more identical
-- farms: asset 7 in statements of 2 rows, asset 8 in one statement.
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(7, 'Wind farm E', 'generator', 'wind', 'CN-GD', 1),
	(8, 'Wind farm F', 'generator', 'wind', 'CN-GD', 1);
INSERT INTO greenattr.activity (id, asset_id, kind, period, energy) VALUES
	(31, 7, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh'),
	(32, 7, 'generation', '[2024-02-01,2024-03-01)', '1000 MWh'),
	(41, 8, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh'),
	(42, 8, 'generation', '[2024-02-01,2024-03-01)', '1000 MWh');
-- Five rows in three statements (1-2, 3-4, 5), asset 7's rows in all three
-- (January's in the first two): the serials run on in row order as in one
-- statement.
-- Each statement leaves its journal rows to the seal at commit as a batch of
-- its own: three batches, then one.
BEGIN;
SET LOCAL greenattr.bulk_rows_per_statement = 2;
SELECT b::text AS in_three FROM greenattr.issue_many('GEC', ARRAY[31, 32, 31, 31, 32], ARRAY[100, 200, 300, 400, 50], 1) b;
SELECT first_id - (SELECT min(first_id) FROM greenattr.journal_batch) AS first, entries FROM greenattr.journal_batch ORDER BY first_id;
COMMIT;
BEGIN;
SELECT b::text AS in_one FROM greenattr.issue_many('GEC', ARRAY[41, 42, 41, 41, 42], ARRAY[100, 200, 300, 400, 50], 1) b;
SELECT first_id - (SELECT min(first_id) FROM greenattr.journal_batch) AS first, entries FROM greenattr.journal_batch ORDER BY first_id;
COMMIT;
-- Every column of every row and journal row the same.
(SELECT * FROM pg_temp.issued(7) EXCEPT ALL SELECT * FROM pg_temp.issued(8))
UNION ALL (SELECT * FROM pg_temp.issued(8) EXCEPT ALL SELECT * FROM pg_temp.issued(7));
(SELECT * FROM pg_temp.journaled(7) EXCEPT ALL SELECT * FROM pg_temp.journaled(8))
UNION ALL (SELECT * FROM pg_temp.journaled(8) EXCEPT ALL SELECT * FROM pg_temp.journaled(7));
SELECT (SELECT count(*) FROM pg_temp.issued(7)) AS rows_7, (SELECT count(*) FROM pg_temp.journaled(7)) AS journal_7;
-- A later statement counts the claims of the earlier ones: January has 200
-- MWh left; 150 in the first statement, 51 in the second is one too many,
-- refused with the words of one statement, and nothing of the batch stays ...
SET greenattr.bulk_rows_per_statement = 2;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[31, 32, 31], ARRAY[150, 1, 51], 1)$$);
RESET greenattr.bulk_rows_per_statement;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[41, 42, 41], ARRAY[150, 1, 51], 1)$$);
SELECT scheme, space, next_first FROM greenattr.numbering WHERE space IN ('7', '8') ORDER BY space;
SELECT * FROM greenattr.activity_claimed(31);
-- ... and 150 + 50 fill it exactly.
SET greenattr.bulk_rows_per_statement = 2;
SELECT b::text AS exactly_full FROM greenattr.issue_many('GEC', ARRAY[31, 32, 31], ARRAY[150, 1, 50], 1) b;
SELECT * FROM greenattr.activity_claimed(31);
-- Two assets in turn across statements: each space runs on from where it
-- was (7 at 1252, 8 at 1051).
SELECT b::text AS two_assets FROM greenattr.issue_many('GEC', ARRAY[32, 42, 32, 42, 32], ARRAY[1, 2, 3, 4, 5], 1) b;
SELECT scheme, space, next_first FROM greenattr.numbering WHERE space IN ('7', '8') ORDER BY space;
-- A saving in the second statement, and a suspended account: the refusals
-- of one statement.
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[32, 42, 7], ARRAY[1, 1, 1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[32, 42, 32], ARRAY[1, 1, 1], 5)$$);
RESET greenattr.bulk_rows_per_statement;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[32, 42, 7], ARRAY[1, 1, 1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[32, 42, 32], ARRAY[1, 1, 1], 5)$$);
-- Credits (the row-by-row path) in statements of one row: Forest B's 2023 has
-- 5000 t, 300 claimed above; 4000 then 701 is one too many, 4000 then 700 fits.
SET greenattr.bulk_rows_per_statement = 1;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('CCER', ARRAY[3, 3], ARRAY[4000, 701], 1)$$);
SELECT b::text AS credits FROM greenattr.issue_many('CCER', ARRAY[3, 3], ARRAY[4000, 700], 1) b;
-- A setting that is not a whole number of rows is refused.
SET greenattr.bulk_rows_per_statement = 0;
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[32], ARRAY[1], 1)$$);
SET greenattr.bulk_rows_per_statement = 'many';
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[32], ARRAY[1], 1)$$);
RESET greenattr.bulk_rows_per_statement;

-- Nothing the audit would find.
SELECT * FROM greenattr.audit();
