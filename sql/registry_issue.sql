-- Registry core: issuance, serial allocation, one attribute / one instrument,
-- one crediting mechanism per period, and direct INSERTs going through the same checks.
\i sql/include/registry_fixture.sql

-- Serials are allocated per mechanism and asset: 1..600, then 601..900.
SELECT greenattr.issue('GEC', 1, 600, 1) AS gec_1;
SELECT greenattr.issue('GEC', 1, 300, 1) AS gec_2;
-- Certificates claim 1 MWh per unit: activity 1 has 1000 MWh, 900 are claimed.
SELECT * FROM greenattr.activity_claimed(1);

-- One attribute, one instrument: 100 MWh are left.  An I-REC or a green-power
-- trade for 101 MWh of them is refused ...
SELECT pg_temp.attempt($$SELECT greenattr.issue('IREC', 1, 101, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GP', 1, 101, 1)$$);
-- ... exactly the 100 MWh left are accepted, in any family ...
SELECT greenattr.issue('GP', 1, 100, 1) AS gp;
SELECT * FROM greenattr.activity_claimed(1);
-- ... and then not one more.
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 1, 1, 1)$$);

-- A credit against generation claims its tonnes at the baseline factor:
-- 500 t / 0.8 t/MWh = 625 MWh of activity 2's 1000 MWh, leaving 375 MWh.
SELECT greenattr.issue('CCER', 2, 500, 1, baseline_ef => '0.8 t/MWh') AS ccer_on_generation;
SELECT * FROM greenattr.activity_claimed(2);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 2, 376, 1)$$);
SELECT greenattr.issue('GEC', 2, 375, 1) AS gec_rest;
-- Without a baseline factor a credit cannot claim generation.
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 9, 1, 1)$$);

-- Reductions: activity 3 is 5000 t of the forest's 2023 output.
SELECT greenattr.issue('CCER', 3, 4000, 1) AS ccer_2023;
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 3, 1001, 1)$$);
-- One crediting mechanism per asset and period: GS for the same 2023 output
-- is refused although 1000 t are left ...
SELECT pg_temp.attempt($$SELECT greenattr.issue('GS', 3, 1000, 1)$$);
-- ... while GS for 2024 (another period of the same asset) is accepted.
SELECT greenattr.issue('GS', 4, 1000, 1) AS gs_2024;

-- Families and activity kinds must fit; unknown rows and bad quantities are refused.
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 3, 1, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('EUR_HA', 1, 1, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('NOPE', 1, 1, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 99, 1, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 9, 0, 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 9, 1, 99)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 1, 1, 1, vintage => '[2023-12-01,2024-01-02)')$$);
-- Receiving accounts must be open and may be limited to one mechanism.
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 4, 1, 5)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 4, 1, 6)$$);
SELECT greenattr.issue('GEC', 9, 10, 6) AS gec_into_gec_only_account;

-- Direct INSERTs go through the same checks.  A block overlapping issued
-- serials is refused (no unit exists twice) ...
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 9, greenattr.certblock('GEC', '1', 900, 950), 1)$$);
-- ... the adjacent block is accepted ...
INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
VALUES ('certificate', 'GEC', 9, greenattr.certblock('GEC', '1', 1286, 1300), 1);
-- ... one that over-claims is refused, and so is one in the wrong scheme or family.
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 1, greenattr.certblock('GEC', '1', 5000, 5000), 1)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 9, greenattr.certblock('IREC', '1', 1, 1), 1)$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'CCER', 9, greenattr.certblock('CCER', '1', 900, 900), 1)$$);
-- An imported block in a numbering space of its own is accepted, and native
-- allocation in that space then continues after it.
INSERT INTO greenattr.credit (family, mechanism, activity_id, block, issued_to)
VALUES ('credit', 'GS', 4, greenattr.certblock('GS', '3', 5000, 5099), 1);
SELECT greenattr.issue('GS', 4, 10, 1) AS gs_after_import;

-- Issuances are immutable.
SELECT pg_temp.attempt($$UPDATE greenattr.instrument SET issued_to = 2 WHERE id = 1$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.certificate WHERE id = 1$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.certificate CASCADE$$);

-- What was issued, and who holds it.
SELECT id, family, mechanism, asset_id, activity_id, block, lower(vintage)::date AS vintage_from,
       upper(vintage)::date AS vintage_to, claim_energy, claim_co2e, issued_to
  FROM greenattr.instrument ORDER BY id;
SELECT block, instrument_id, account_id, status FROM greenattr.holding ORDER BY block;
SELECT scheme, space, next_first FROM greenattr.numbering ORDER BY 1, 2;
SELECT verb, block, from_account, to_account, detail->>'instrument' AS instrument
  FROM greenattr.journal ORDER BY id;
SELECT * FROM greenattr.audit();

-- Bulk issuance: every row through the same checks, in the order given; each
-- numbering space's blocks contiguous; an error in any row issues nothing.
BEGIN;
SELECT * FROM greenattr.issue_many('GEC', ARRAY[9, 9, 9], ARRAY[5, 1, 4], 1) AS blocks;
SELECT id, activity_id, block, claim_energy, issued_to FROM greenattr.instrument ORDER BY id DESC LIMIT 3;
SELECT scheme, space, next_first FROM greenattr.numbering WHERE scheme = 'GEC';
-- the second row counts the first: together they claim more than activity 9 has left
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[9, 9], ARRAY[500, 500], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[9, 2], ARRAY[1, 1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[9, 99], ARRAY[1, 1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[9, 9], ARRAY[1, 0], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[9, 9], ARRAY[1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('NOPE', ARRAY[9], ARRAY[1], 1)$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue_many('GEC', ARRAY[9], ARRAY[1], 5)$$);
SELECT count(*) AS issuances, sum(greenattr.units(block)) AS units FROM greenattr.instrument WHERE activity_id = 9;
-- (the registry's invariants: the journal rows are sealed only at commit)
SELECT * FROM greenattr.audit_registry();
ROLLBACK;
