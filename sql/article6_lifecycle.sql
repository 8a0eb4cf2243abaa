-- Article 6: authorization (by issuance and by block), first transfer and its
-- corresponding adjustments kept by triggers, later transfers, NDC use,
-- revocation, the rules that refuse misuse, the AEF views and the audit.
\i sql/include/article6_fixture.sql

-- Parties of accounts: governments by entity.party, others by the country of
-- their region (CN-GD-SZ -> CN-GD -> CN).
SELECT a.id, a.kind, greenattr.account_party(a.id) AS party FROM greenattr.account a WHERE a.id >= 10 ORDER BY a.id;

-- Only the host party's government account authorizes: Japan's government
-- account, Thailand's ordinary account and a Thai company are refused.
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 11)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 19)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 15)$$);
-- Bad arguments.
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 10, for_ndc => false)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 10, oimp => 'CORSIA')$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 10, first_transfer => 'issuance')$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 10, oimp => 'CORSIA', first_transfer => 'delivery')$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 0, 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', 'empty', 6000, 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'GEC', '[2024-01-01,2026-01-01)', 6000, 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 99, 'JCM', '[2024-01-01,2026-01-01)', 6000, 10)$$);
-- An authorizing account that does not exist.
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 999)$$);

-- 1. Authorize: Thailand authorizes up to 6000 t of the project's JCM issuances
--    of vintages 2024-2025 for NDC use.
SELECT greenattr.authorize_issuance('CA0001', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 10) AS auth;
-- An unknown approach is a missing row.
SELECT pg_temp.attempt($$SELECT greenattr.authorize_issuance('CA9999', 10, 'JCM', '[2024-01-01,2026-01-01)', 6000, 10)$$);

-- 2. Issue: 4000 (vintage 2024) and 3000 (vintage 2025) into the Thai owner's
--    account.  The first 6000 units are authorized (4000 + 2000), 6001-7000 not.
--    Issuance in the host party is no first transfer: no adjustment yet.
SELECT greenattr.issue('JCM', 10, 4000, 15) AS vintage_2024;
SELECT greenattr.issue('JCM', 11, 3000, 15) AS vintage_2025;
SELECT authorization_id, block, instrument_id FROM greenattr.itmo_block ORDER BY block;
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;

-- A domestic transfer (Thai company -> Thai government) is no first transfer.
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 1, 1000), 10);
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;

-- 3. First transfer: Thailand's government -> Japan's government.  Thailand
--    adds 1000 t to its 2024 balance (the vintage year).
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 1, 1000), 11);
-- A block partly authorized: 5901-6000 (authorized, vintage 2025) are first
-- transferred, 6001-6100 (beyond the authorized quantity) move without adjustment.
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 5901, 6100), 16);
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;

-- 4. Later transfers: domestic in Japan (nothing), then Japan -> Korea, an
--    international transfer of units already first transferred: an action, no
--    new adjustment.
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 1, 500), 16, from_account => 11);
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 1, 200), 12, from_account => 16);
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;
SELECT action, block, transferring_party, acquiring_party FROM greenattr.itmo_action
 WHERE action IN ('first_transfer', 'transfer') ORDER BY id;

-- 5. Use toward the NDC: Japan uses 501-1000 (its government account) and
--    5901-6000 (held by a Japanese company) for 2025: subtractions for 2025.
SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 501, 1000), 'JPN', 2025);
SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 5901, 6000), 'JPN', 2025);
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;
SELECT block, account_id, status, beneficiary, purpose, claimed_period FROM greenattr.holding
 WHERE purpose = 'ndc' ORDER BY block;

-- Refused NDC uses.
-- Unauthorized units (beyond the authorized quantity); the authorized neighbours were accepted above.
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 6001, 6100), 'JPN', 2025)$$);
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 6101, 6200), 'THA', 2025)$$);
-- The host party's own authorized units, never first transferred.
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 2001, 2100), 'THA', 2025)$$);
-- Units held by another party's account.
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 201, 300), 'KOR', 2025)$$);
-- Korea holds 1-200, but CA0001 is bilateral (Japan, Thailand): third-country rule.
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 1, 200), 'KOR', 2025)$$);
-- A retirement with purpose 'ndc' must name a party and one calendar year.
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('JCM', '10', 201, 300), 'Japan', 'ndc', '[2025-01-01,2026-01-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('JCM', '10', 201, 300), 'JPN', 'ndc', '[2025-01-01,2025-07-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('JCM', '10', 201, 300), 'JPN', 'ndc')$$);
-- Used units are final: no second use, no second subtraction.
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 501, 600), 'JPN', 2026)$$);
-- A retirement for another purpose is no NDC use and makes no adjustment.
SELECT greenattr.retire(greenattr.certblock('JCM', '10', 201, 210), 'Nippon Participant KK', 'voluntary offset');
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;

-- 6. Revocation, only of units not yet first transferred.
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 3001, 3500), 'project audit', 11)$$);
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 901, 1100), 'project audit', 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 5950, 6050), 'project audit', 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 3001, 3500), '', 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(7, greenattr.certblock('JCM', '10', 3001, 3500), 'project audit', 10)$$);
SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 3001, 3500), 'project audit', 10) AS revoked;
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(1, greenattr.certblock('JCM', '10', 3401, 3600), 'again', 10)$$);
-- Revoked units are ordinary credits: an international transfer makes no
-- adjustment and they cannot be used toward an NDC.
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 3001, 3500), 16);
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('JCM', '10', 3001, 3100), 'JPN', 2025)$$);
-- Their neighbours are still authorized: 3501-3600 are first transferred.
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 3501, 3600), 16);
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;

-- 7. Authorization by block, of issued units: 7001-7500 were issued after the
--    authorized quantity ran out.
SELECT greenattr.issue('JCM', 11, 500, 15) AS unauthorized_issue;
SELECT count(*) AS authorized_blocks FROM greenattr.itmo_block;
SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 7001, 7200), 10) AS auth_by_block;
-- A unit is authorized once.
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 7101, 7300), 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 2001, 2100), 10)$$);
SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 7201, 7300), 10) AS neighbour;
-- Units already abroad, or spanning two issuances, or never issued, are refused.
SELECT greenattr.transfer(greenattr.certblock('JCM', '10', 7401, 7500), 16);
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 7401, 7450), 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 6901, 7100), 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 7501, 7600), 10)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 7301, 7400), 10, for_ndc => false, oimp => 'CORSIA', first_transfer => 'issuance')$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 7301, 7400), 11)$$);
SELECT pg_temp.attempt($$SELECT greenattr.authorize('CA0001', greenattr.certblock('JCM', '10', 501, 600), 10)$$);

-- 8. Balances.  Thailand adds 1000 t (1-1000) + 100 t (3501-3600) for 2024
--    and 100 t (5901-6000) for 2025, the vintage years; Japan subtracts
--    500 t (501-1000) + 100 t (5901-6000) for 2025, the year of use.
INSERT INTO greenattr.party_emissions (party, year, emissions) VALUES
	('THA', 2024, '350000000 t'), ('THA', 2025, '345000000 t'),
	('JPN', 2024, '1100000000 t'), ('JPN', 2025, '1070000000 t');
SELECT party, year, reported_emissions, additions, subtractions, adjusted_emissions
  FROM greenattr.party_balance ORDER BY party, year;

-- 9. Reporting: AEF views and ITMO identifiers.
SELECT greenattr.itmo_id(greenattr.certblock('JCM', '10', 1, 1000));
SELECT pg_temp.attempt($$SELECT greenattr.itmo_id(greenattr.certblock('JCM', '10', 6001, 6100))$$);
SELECT authorization_id, cooperative_approach, authorizing_party, party_registry_id, authorized_quantity, purposes,
       first_transfer_definition, scope, timeframe, units_authorized, units_revoked, units_first_transferred
  FROM greenattr.aef_authorization ORDER BY authorization_id;
SELECT action_type, authorization_id, first_itmo_id, last_itmo_id, quantity, vintage, transferring_party,
       acquiring_party, purpose, using_party_or_entity AS used_by, ndc_use_year AS ndc_year,
       corresponding_adjustment AS adj, adjusting_party AS adj_party, adjustment_year AS adj_year
  FROM greenattr.aef_action ORDER BY action_id;
SELECT holding_party, account_id, status, authorization_id, block, quantity, vintage, first_transferred
  FROM greenattr.aef_holding ORDER BY block;
SELECT verb, block, from_account, to_account, detail->>'authorization' AS authorization
  FROM greenattr.journal WHERE verb IN ('authorize', 'revoke') ORDER BY id;

-- 10. The records are permanent.
SELECT pg_temp.attempt($$UPDATE greenattr.itmo_authorization SET quantity = 9000 WHERE id = 1$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.corresponding_adjustment$$);
SELECT pg_temp.attempt($$UPDATE greenattr.itmo_block SET authorization_id = 2$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.itmo_revocation$$);
SELECT pg_temp.attempt($$UPDATE greenattr.itmo_action SET action = 'transfer'$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.corresponding_adjustment$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.itmo_block$$);
-- Nor are they written directly: not an authorization, nor an addition.
SELECT pg_temp.attempt($$INSERT INTO greenattr.itmo_authorization (approach, party, by_account, for_ndc, for_oimp,
	asset_id, block, quantity) VALUES ('CA0001', 'THA', 15, true, false, 10, greenattr.certblock('JCM', '10', 6001, 6100), 100)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.itmo_block (authorization_id, block, instrument_id)
	VALUES (1, greenattr.certblock('JCM', '10', 6001, 6100), 2)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.corresponding_adjustment (action_id, authorization_id, kind, party, year, block, quantity)
	VALUES (1, 1, 'addition', 'THA', 2024, greenattr.certblock('JCM', '10', 2001, 2010), '10 t')$$);
-- A session that fakes the writers' setting still cannot adjust a unit twice,
-- revoke it twice or authorize it twice: the exclusion constraints hold.
SELECT pg_temp.attempt($$SELECT set_config('greenattr.article6', 'on', false)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.corresponding_adjustment (action_id, authorization_id, kind, party, year, block, quantity)
	VALUES (1, 1, 'addition', 'THA', 2024, greenattr.certblock('JCM', '10', 1, 10), '10 t')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.corresponding_adjustment (action_id, authorization_id, kind, party, year, block, quantity)
	VALUES (1, 1, 'subtraction', 'JPN', 2025, greenattr.certblock('JCM', '10', 991, 1010), '20 t')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.itmo_revocation (authorization_id, block, reason)
	VALUES (1, greenattr.certblock('JCM', '10', 3401, 3410), 'again')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.itmo_block (authorization_id, block, instrument_id)
	VALUES (3, greenattr.certblock('JCM', '10', 7001, 7001), 3)$$);
RESET greenattr.article6;

SELECT * FROM greenattr.audit();

-- 11. The audit recomputes the adjustments from the holdings: with triggers
--     off (a restore gone wrong), authorized units moved abroad without an
--     addition, an NDC retirement without its subtraction, a stray subtraction
--     and an addition of the wrong size are all reported.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE greenattr.holding SET account_id = 11 WHERE block = greenattr.certblock('JCM', '10', 1001, 3000);
UPDATE greenattr.holding SET status = 'retired', beneficiary = 'JPN', purpose = 'ndc',
       claimed_period = '[2025-01-01,2026-01-01)' WHERE block = greenattr.certblock('JCM', '10', 211, 500);
INSERT INTO greenattr.corresponding_adjustment (action_id, authorization_id, kind, party, year, block, quantity)
VALUES (1, 1, 'subtraction', 'JPN', 2025, greenattr.certblock('JCM', '10', 3601, 3610), '10 t'),
       (1, 1, 'addition', 'THA', 2024, greenattr.certblock('JCM', '10', 3611, 3620), '11 t');
SELECT * FROM greenattr.audit_article6() ORDER BY 1, 2;
ROLLBACK;
SELECT count(*) AS violations FROM greenattr.audit();
