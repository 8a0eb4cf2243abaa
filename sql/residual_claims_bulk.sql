-- claim_consumption_many(): the claims of hourly matching in one call.  A batch
-- the registry would accept row by row is written as a batch; the result
-- (holdings, claims, journal) equals claim_consumption() row by row.  Every
-- refusal is claim_consumption()'s own, for the first failing row, and leaves
-- nothing claimed.
\i sql/include/residual_fixture.sql
\set y '''[2024-01-01,2025-01-01)'''
\set h0 '''[2024-06-01 00:00,2024-06-01 01:00)'''
\set h1 '''[2024-06-01 01:00,2024-06-01 02:00)'''
\set h2 '''[2024-06-01 02:00,2024-06-01 03:00)'''
\set h3 '''[2024-06-01 03:00,2024-06-01 04:00)'''
INSERT INTO asset (id, name, kind, technology, region, owner_id) VALUES
	(5, 'Wind farm GD 2', 'generator', 'wind', 'CN-GD', 1),
	(6, 'Tidal GD', 'generator', 'tidal', 'CN-GD', 1);
INSERT INTO account (id, holder_id, kind, name) VALUES (7, 1, 'holding', 'Windco old account');
-- Hours 0-3 of 1 June 2024 of the two Guangdong wind farms (10 MWh each), a
-- tidal hour, a forestry reduction and a French wind year.
INSERT INTO activity (id, asset_id, kind, period, energy, co2e) VALUES
	(1, 1, 'generation', :h0, '10 MWh', NULL), (2, 1, 'generation', :h1, '10 MWh', NULL),
	(3, 1, 'generation', :h2, '10 MWh', NULL), (4, 1, 'generation', :h3, '10 MWh', NULL),
	(5, 5, 'generation', :h0, '10 MWh', NULL), (6, 5, 'generation', :h1, '10 MWh', NULL),
	(7, 5, 'generation', :h2, '10 MWh', NULL), (8, 5, 'generation', :h3, '10 MWh', NULL),
	(9, 6, 'generation', :h0, '5 MWh', NULL),
	(10, 4, 'reduction', :y, NULL, '10 t'),
	(11, 3, 'generation', :y, '10 MWh', NULL),
	(12, 5, 'generation', '[2024-06-01 04:00,2024-06-01 05:00)', '10 MWh', NULL);
SELECT (SELECT count(*) FROM issue_many('GEC', ARRAY[1, 2, 3, 4], ARRAY[10, 10, 10, 10], 1)) AS gec_1,   -- GEC:1:1-10 ... GEC:1:31-40
       (SELECT count(*) FROM issue_many('GEC', ARRAY[5, 6, 7, 8], ARRAY[10, 10, 10, 10], 1)) AS gec_5;  -- GEC:5:1-10 ... GEC:5:31-40
SELECT issue('GEC', 9, 5, 1) AS tidal, issue('CCER', 10, 10, 1) AS ccer, issue('GO', 11, 10, 6) AS go;
-- A block in an account that was closed after it received it.
SELECT issue('GEC', 12, 10, 7) AS in_closed_account;
UPDATE account SET status = 'closed' WHERE id = 7;

-- Hours 0-2 of wind farm 1 for Buyers A, B, A in one call: checked as one
-- batch (one journal batch waits for the seal at commit).
BEGIN;
SELECT claim_consumption_many(ARRAY['GEC:1:1-10', 'GEC:1:11-20', 'GEC:1:21-30']::certblock[], ARRAY[2, 3, 2],
                              'CN-GD', ARRAY[:h0, :h1, :h2]::tstzrange[]) AS claimed;
SELECT count(*) AS waiting_batches, sum(entries) AS entries FROM journal_batch;
SELECT bulk_checked() AS still_declared;
COMMIT;
-- The same hours of wind farm 2, row by row.
SELECT claim_consumption('GEC:5:1-10', 2, 'CN-GD', :h0), claim_consumption('GEC:5:11-20', 3, 'CN-GD', :h1),
       claim_consumption('GEC:5:21-30', 2, 'CN-GD', :h2);
-- Both ways, side by side: every column but the serial space and the ids.
SELECT space(c.block) AS farm, first_unit(c.block) AS first, last_unit(c.block) AS last, c.family, c.entity_id,
       c.region, c.period, c.energy, h.account_id, h.status, h.beneficiary, h.purpose, h.claimed_period,
       h.since = c.claimed_at AS same_time
  FROM consumption_claim c JOIN holding h ON h.id = c.holding_id
 ORDER BY first_unit(c.block), space(c.block);
SELECT space(block) AS farm, verb, from_account, to_account, detail FROM journal
 WHERE verb = 'claim_consumption' ORDER BY id;
-- Each claim's issuance is its block's own.
SELECT count(*) AS claims, count(*) FILTER (WHERE i.block @> c.block AND i.asset_id = c.asset_id) AS of_their_issuance
  FROM consumption_claim c JOIN instrument i ON i.id = c.instrument_id AND i.family = c.family;

-- Part of a holding (hour 3 of farm 1 split 31-35 / 36-40): row by row, no batch.
BEGIN;
SELECT claim_consumption_many(ARRAY['GEC:1:31-35']::certblock[], ARRAY[3], 'CN-GD', ARRAY[:h3]::tstzrange[]) AS claimed;
SELECT count(*) AS waiting_batches FROM journal_batch;
COMMIT;
SELECT block, account_id, status, beneficiary FROM holding WHERE block && 'GEC:1:31-40' ORDER BY block;

-- Refusals: a good first row (GEC:1:36-40 for Buyer A, hour 3), then each
-- criterion broken in the second: claim_consumption()'s error for that row.
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'CCER:4:1-10']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-01-01,2025-01-01)']::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:6:1-5']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 00:00,2024-06-01 01:00)']::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GO:3:1-10']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-01-01,2025-01-01)']::tstzrange[])$$);
-- Vintage: hour 3's block for hour 2; for a period across two years.
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:31-40']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 02:00,2024-06-01 03:00)']::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:31-40']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01,2025-06-01)']::tstzrange[])$$);
-- Entity, region and period arguments.
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:31-40']::greenattr.certblock[],
	ARRAY[2, 99], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 03:00,2024-06-01 04:00)']::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:31-40']::greenattr.certblock[],
	ARRAY[2, 2], 'XX', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 03:00,2024-06-01 04:00)']::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:31-40']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 03:00,)']::tstzrange[])$$);
-- The holding: from another account, in a closed account, already retired, twice in the batch.
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:31-40']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 03:00,2024-06-01 04:00)']::tstzrange[], 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:41-50']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 04:00,2024-06-01 05:00)']::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:1:1-10']::greenattr.certblock[],
	ARRAY[2, 2], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 00:00,2024-06-01 01:00)']::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:1:36-40']::greenattr.certblock[],
	ARRAY[2, 3], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 03:00,2024-06-01 04:00)']::tstzrange[])$$);
-- Arrays of different lengths or of two dimensions; none at all.
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY[['GEC:1:36-40', 'GEC:5:31-40']]::greenattr.certblock[],
	ARRAY[[2, 3]], 'CN-GD', ARRAY[['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-06-01 03:00,2024-06-01 04:00)']]::tstzrange[])$$);
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:1:36-40']::greenattr.certblock[],
	ARRAY[2, 3], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)']::tstzrange[])$$);
SELECT count(*) AS claimed FROM claim_consumption_many('{}', '{}', 'CN-GD', '{}');
-- Nothing of the refused batches was written: the good row is still active,
-- seven claims and seven journal rows as before.
SELECT block, status FROM holding WHERE block IN ('GEC:1:36-40', 'GEC:5:31-40') ORDER BY block;
SELECT (SELECT count(*) FROM consumption_claim) AS claims,
       (SELECT count(*) FROM journal WHERE verb = 'claim_consumption') AS journal_rows,
       bulk_checked() AS declared;

-- A batch rolled back to a savepoint leaves nothing either.
BEGIN;
SAVEPOINT s;
SELECT claim_consumption_many(ARRAY['GEC:1:36-40', 'GEC:5:31-40']::certblock[], ARRAY[2, 3], 'CN-GD', ARRAY[:h3, :h3]::tstzrange[]) AS claimed;
ROLLBACK TO SAVEPOINT s;
SELECT (SELECT count(*) FROM consumption_claim) AS claims, (SELECT count(*) FROM journal_batch) AS waiting_batches,
       bulk_checked() AS declared;
COMMIT;

-- A holder claims only its own units, row by row: Windco (entity 1) claims
-- another's French GO, refused; then its own hour 3 of farm 2, accepted.
SET client_min_messages = warning;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_ga_windco') THEN
		CREATE ROLE regress_ga_windco LOGIN;
	END IF;
	GRANT greenattr_holder TO regress_ga_windco;
END
$$;
RESET client_min_messages;
INSERT INTO role_entity (role_name, entity_id) VALUES ('regress_ga_windco', 1);
SET SESSION AUTHORIZATION regress_ga_windco;
SELECT pg_temp.attempt($$SELECT greenattr.claim_consumption_many(ARRAY['GEC:5:31-40', 'GO:3:1-10']::greenattr.certblock[],
	ARRAY[1, 1], 'CN-GD', ARRAY['[2024-06-01 03:00,2024-06-01 04:00)', '[2024-01-01,2025-01-01)']::tstzrange[])$$);
BEGIN;
SELECT greenattr.claim_consumption_many(ARRAY['GEC:5:31-40']::greenattr.certblock[], ARRAY[1], 'CN-GD',
                                        ARRAY['[2024-06-01 03:00,2024-06-01 04:00)']::tstzrange[]) AS claimed;
RESET SESSION AUTHORIZATION;
SELECT count(*) AS waiting_batches FROM journal_batch;
COMMIT;
-- The operator's batch of the good row (its blocks numbered from 0: rows are
-- paired by position); claims stay final.
SELECT claim_consumption_many('[0:0]={GEC:1:36-40}'::certblock[], ARRAY[2], 'CN-GD', ARRAY[:h3]::tstzrange[]) AS claimed;
SELECT pg_temp.attempt($$UPDATE greenattr.consumption_claim SET entity_id = 3$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.consumption_claim (holding_id, block, instrument_id, family, asset_id, entity_id, region, period, energy)
	SELECT holding_id + 100, block, instrument_id, family, asset_id, entity_id, region, period, energy FROM greenattr.consumption_claim LIMIT 1$$);
SELECT entity_id, count(*) AS claims, sum(energy) AS energy FROM consumption_claim GROUP BY 1 ORDER BY 1;
-- Article 6's holding trigger runs for certificates only where it refuses
-- them (NDC use, OIMP): a certificate retired for either purpose is refused,
-- for another purpose retired.
SELECT pg_temp.attempt($$SELECT greenattr.retire('GEC:6:1-2', 'Buyer A', 'ndc')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire('GEC:6:1-2', 'Buyer A', 'oimp')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire('GEC:6:1-2', 'Buyer A', 'csr')$$);
SELECT valid, entries, problem FROM verify_journal();
SELECT * FROM audit();
DELETE FROM role_entity WHERE role_name = 'regress_ga_windco';
