-- Article 6: authorization for other international mitigation purposes (OIMP,
-- e.g. CORSIA) under each first-transfer definition the host party may choose
-- (2/CMA.3 annex para 2(b)): at authorization, at issuance, at use or
-- cancellation; units authorized for both purposes; an issuance straight into
-- another party's account; the authorized quantity as a maximum.
\i sql/include/article6_fixture.sql

-- Cookstove credits of a Thai project (A6_4, vintage 2023) in the owner's account.
SELECT greenattr.issue('A6_4', 13, 1000, 15) AS vintage_2023;

-- (a) First transfer at authorization: the addition is made when the host
--     authorizes (vintage year 2023).
SELECT greenattr.authorize('CA0003', greenattr.certblock('A6_4', '12', 1, 400), 10,
	for_ndc => false, oimp => 'CORSIA', first_transfer => 'authorization') AS auth_a;
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;
-- Later moves and the use make no new adjustment.
SELECT greenattr.transfer(greenattr.certblock('A6_4', '12', 1, 400), 18);
SELECT greenattr.use_for_oimp(greenattr.certblock('A6_4', '12', 1, 100), 'Pacific Air', from_account => 18);
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;
-- Units authorized for OIMP only cannot be used toward an NDC.
SELECT greenattr.transfer(greenattr.certblock('A6_4', '12', 101, 200), 11);
SELECT pg_temp.attempt($$SELECT greenattr.use_for_ndc(greenattr.certblock('A6_4', '12', 101, 200), 'JPN', 2025)$$);

-- (b) First transfer at issuance: authorize the project's 2024 issuances, up
--     to 1000 t, before they happen.  Of 1500 units issued, 1001-2000 are
--     authorized and first transferred at issuance; 2001-2500 are not authorized.
SELECT greenattr.authorize_issuance('CA0003', 12, 'A6_4', '[2024-01-01,2025-01-01)', 1000, 10,
	for_ndc => false, oimp => 'CORSIA', first_transfer => 'issuance') AS auth_b;
SELECT greenattr.issue('A6_4', 14, 1500, 15) AS vintage_2024;
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;
-- Unauthorized units cannot be used for OIMP; the authorized neighbours can.
SELECT pg_temp.attempt($$SELECT greenattr.use_for_oimp(greenattr.certblock('A6_4', '12', 2001, 2100), 'Siam Solar Co')$$);
SELECT pg_temp.attempt($$SELECT greenattr.use_for_oimp(greenattr.certblock('A6_4', '12', 1991, 2010), 'Siam Solar Co')$$);
SELECT greenattr.use_for_oimp(greenattr.certblock('A6_4', '12', 1901, 2000), 'Siam Solar Co');
-- A retirement of unauthorized units for another purpose is no OIMP use.
SELECT greenattr.retire(greenattr.certblock('A6_4', '12', 2001, 2100), 'Siam Solar Co', 'voluntary offset');
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;

-- (c) Authorized for NDC use and for CORSIA, first transfer for OIMP at use
--     or cancellation: whichever comes first is the first transfer.
SELECT greenattr.authorize('CA0003', greenattr.certblock('A6_4', '12', 401, 800), 10,
	for_ndc => true, oimp => 'CORSIA', first_transfer => 'use_or_cancellation') AS auth_c;
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;
-- A use for OIMP at home: first transfer (50 t).
SELECT greenattr.use_for_oimp(greenattr.certblock('A6_4', '12', 401, 450), 'Siam Solar Co');
-- A cancellation: first transfer (20 t).
SELECT greenattr.cancel(greenattr.certblock('A6_4', '12', 451, 470), 'voluntary cancellation');
-- An international transfer: first transfer for NDC use (130 t).
SELECT greenattr.transfer(greenattr.certblock('A6_4', '12', 471, 600), 11);
-- Japan uses part for OIMP (no new addition), part toward its NDC (subtraction).
SELECT greenattr.use_for_oimp(greenattr.certblock('A6_4', '12', 471, 500), 'Government of Japan');
SELECT greenattr.use_for_ndc(greenattr.certblock('A6_4', '12', 501, 600), 'JPN', 2024);
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;
-- Revocation: refused for units first transferred by use, allowed for the rest.
SELECT pg_temp.attempt($$SELECT greenattr.revoke_authorization(3, greenattr.certblock('A6_4', '12', 441, 460), 'error', 10)$$);
SELECT greenattr.revoke_authorization(3, greenattr.certblock('A6_4', '12', 701, 800), 'over-authorized', 10);

-- (d) OIMP only, first transfer at use: an international transfer is no first
--     transfer; the use is (100 t).
SELECT greenattr.authorize('CA0003', greenattr.certblock('A6_4', '12', 801, 1000), 10,
	for_ndc => false, oimp => 'CORSIA', first_transfer => 'use_or_cancellation') AS auth_d;
SELECT greenattr.transfer(greenattr.certblock('A6_4', '12', 801, 900), 18);
SELECT count(*) AS adjustments FROM greenattr.corresponding_adjustment;
SELECT greenattr.use_for_oimp(greenattr.certblock('A6_4', '12', 801, 900), 'Pacific Air', from_account => 18);
-- Revocation of units not yet used is still possible, after the transfer abroad.
SELECT greenattr.transfer(greenattr.certblock('A6_4', '12', 901, 950), 18);
SELECT greenattr.revoke_authorization(4, greenattr.certblock('A6_4', '12', 901, 950), 'buyer withdrew', 10);

-- (e) NDC authorization by issuance, issued straight into Japan's account: the
--     issuance is the first international transfer.  Authorization b has used
--     up its 1000 t, so this one takes the first 100 units; the rest are not
--     authorized.
SELECT greenattr.authorize_issuance('CA0003', 12, 'A6_4', '[2024-01-01,2025-01-01)', 100, 10) AS auth_e;
SELECT greenattr.issue('A6_4', 14, 200, 11) AS into_japan;
SELECT authorization_id, block FROM greenattr.itmo_block ORDER BY block;

-- All adjustments.  Thailand adds for 2023: 400 (a) + 50 + 20 + 130 (c) +
-- 100 (d) = 700 t; for 2024: 1000 (b) + 100 (e) = 1100 t.  Japan subtracts
-- 100 t for 2024.
SELECT id, kind, party, year, block, quantity FROM greenattr.corresponding_adjustment ORDER BY id;
SELECT party, year, additions, subtractions FROM greenattr.party_balance ORDER BY party, year;
SELECT action_type, authorization_id AS auth, first_unit_id AS first, last_unit_id AS last, quantity, vintage,
       transferring_party AS from_party, acquiring_party AS to_party, purpose, using_party_or_entity AS used_by,
       ndc_use_year AS ndc_year, corresponding_adjustment AS adj
  FROM greenattr.aef_action ORDER BY action_id;
SELECT authorization_id, purposes, oimp, first_transfer_definition, units_authorized, units_revoked,
       units_first_transferred
  FROM greenattr.aef_authorization ORDER BY authorization_id;
SELECT * FROM greenattr.audit();
