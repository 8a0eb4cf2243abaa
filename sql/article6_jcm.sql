-- JCM: exact split of an issuance between Japan's government, the host
-- government and the participants (largest remainder, Japan first); Japan's
-- 2021 cut-off for NDC use; the third-country rule of bilateral programmes
-- (seed 001), whoever developed the project.
\i sql/include/article6_fixture.sql

-- The split rule on its own: floor shares, then the leftover units one each by
-- largest remainder, ties to the earlier share (Japan is listed first).
SELECT t.total, t.weights, greenattr.jcm_split(t.total, t.weights) AS parts,
       (SELECT sum(x) FROM unnest(greenattr.jcm_split(t.total, t.weights)) x) AS sum
  FROM (VALUES (7::bigint, '{50,50}'::int[]), (1001, '{50,50}'), (1000, '{60,30,10}'), (1001, '{60,30,10}'),
               (10, '{1,1,1}'), (11, '{1,1,1}'), (999, '{2,1,1}'), (1001, '{50,40,5,5}'), (1, '{1,99}'),
               (0, '{1,1}'), (9223372036854775807, '{1,2}')) t (total, weights);
SELECT pg_temp.attempt($$SELECT greenattr.jcm_split(-1, '{1,1}')$$);
SELECT pg_temp.attempt($$SELECT greenattr.jcm_split(10, '{1,0}')$$);
SELECT pg_temp.attempt($$SELECT greenattr.jcm_split(10, '{}')$$);

-- The project's shares: Japan 50, Thailand 40, two participants 5 each.
-- Japan's share goes to Japan's government account, the host's to Thailand's.
SELECT pg_temp.attempt($$INSERT INTO greenattr.jcm_share VALUES (10, 12, 'japan', 50)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.jcm_share VALUES (10, 16, 'japan', 50)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.jcm_share VALUES (10, 19, 'host', 40)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.jcm_share VALUES (10, 11, 'host', 40)$$);
INSERT INTO greenattr.jcm_share (asset_id, account_id, role, weight) VALUES
	(10, 11, 'japan', 50), (10, 10, 'host', 40), (10, 16, 'participant', 5), (10, 15, 'participant', 5);
SELECT pg_temp.attempt($$INSERT INTO greenattr.jcm_share VALUES (10, 14, 'japan', 50)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.jcm_share VALUES (10, 17, 'participant', 0)$$);
-- No allocation recorded, or no such activity.
SELECT pg_temp.attempt($$SELECT * FROM greenattr.jcm_issue(13, 100)$$);
SELECT pg_temp.attempt($$SELECT * FROM greenattr.jcm_issue(99, 100)$$);

-- Thailand authorizes the project's 2024 JCM issuances for NDC use.
SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2025-01-01)', 5000, 10) AS auth;

-- 1001 units split 50:40:5:5: 500.5, 400.4, 50.05, 50.05 -> floors 500, 400,
-- 50, 50 (1000); the one unit left goes to the largest remainder, Japan's.
SELECT * FROM greenattr.jcm_issue(10, 1001);
SELECT block, account_id, greenattr.account_party(account_id) AS party, status FROM greenattr.holding ORDER BY block;
-- Japan's share and the Japanese participant's crossed a border: first
-- transfers, added by Thailand for 2024 (501 + 50 t).  The Thai participant's
-- did not.
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;
-- 7 units: 3.5, 2.8, 0.35, 0.35 -> floors 3, 2, 0, 0; the 2 units left go to
-- the largest remainders, the host's (.8) and Japan's (.5): 4, 3, 0, 0.  The
-- participants get no block.
SELECT role, account_id, share_units, block FROM greenattr.jcm_issue(10, 7);
SELECT * FROM greenattr.audit();

-- Japan's 2021 cut-off: JCM credits issued before 2021-01-01 (UTC) do not
-- count toward Japan's NDC; those issued from that instant do.  Two credits
-- loaded with their historical issuance times, authorized and first transferred.
INSERT INTO greenattr.credit (family, mechanism, activity_id, block, issued_to, issued_at) VALUES
	('credit', 'JCM', 15, greenattr.certblock('JCM', '10', 9001, 9100), 10, '2020-12-31 23:59:59+00'),
	('credit', 'JCM', 15, greenattr.certblock('JCM', '10', 9101, 9200), 10, '2021-01-01 00:00:00+00');
SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 9001, 9100), 10) AS auth_2020;
SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 9101, 9200), 10) AS auth_2021;
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 9001, 9100), 11);
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 9101, 9200), 11);
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 9001, 9100), 'JPN', 2025)$$);
SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 9101, 9200), 'JPN', 2025);
-- The cut-off is a shipped row of ndc_use_rule (party, mechanism, earliest issuance).
SELECT party, mechanism, issued_from, shipped FROM greenattr.ndc_use_rule;

-- Third-country rule.  A Belt-and-Road project in Laos, developed by a Korean
-- company; China-Laos is a bilateral programme.  Laos authorizes its 2024
-- issuances for NDC use.
SELECT greenattr.authorize_issuance('CA0002', 11, 'BRI', '[2024-01-01,2025-01-01)', 1000, 13) AS auth_bri;
-- The authorization fixes the project's host party before any unit is issued:
-- it cannot move to Thailand now (asset_keeps_claims).
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET region = 'TH' WHERE id = 11$$);
SELECT greenattr.issue('BRI', 12, 1000, 13) AS bri;
SELECT greenattr.transfer(greenattr.certblock('BRI', '11', 1, 300), 14);      -- to China: first transfer
SELECT greenattr.transfer(greenattr.certblock('BRI', '11', 301, 600), 17);    -- to the Korean developer: first transfer
SELECT greenattr.transfer(greenattr.certblock('BRI', '11', 301, 400), 12, from_account => 17); -- on to Korea
SELECT greenattr.transfer(greenattr.certblock('BRI', '11', 401, 500), 20, from_account => 17); -- on to a Chinese buyer
-- Korea may hold them, but not use them toward its NDC; China may, also those
-- held by the Chinese buyer's account (a company of Shenzhen, CN-GD-SZ).
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('BRI', '11', 301, 400), 'KOR', 2025)$$);
SELECT greenattr.use_for_ndc(greenattr.certblock('BRI', '11', 1, 300), 'CHN', 2025);
SELECT greenattr.use_for_ndc(greenattr.certblock('BRI', '11', 401, 500), 'CHN', 2025);
-- Laos, the host, cannot use its own units that never left.
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('BRI', '11', 601, 700), 'LAO', 2025)$$);

SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;
SELECT party, year, additions, subtractions FROM greenattr.party_balance ORDER BY party, year;
SELECT * FROM greenattr.audit();
