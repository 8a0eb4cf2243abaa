-- Registry core: issuance, serial allocation, one attribute / one instrument,
-- one crediting mechanism per period, and direct INSERTs going through the same checks.
\ir include/registry_fixture.sql
\set VERBOSITY default

-- Serials are allocated per mechanism and asset: 1..600, then 601..1000.
SELECT greenattr.issue('GEC', 1, 600, 1) AS gec_1;
SELECT greenattr.issue('GEC', 1, 300, 1) AS gec_2;
-- The issuance claims 1 MWh per certificate unit; activity 1 has 1000 MWh, 900 claimed.
SELECT * FROM greenattr.activity_claimed(1);

-- One attribute, one instrument: an I-REC for the same MWh is refused once the
-- activity is used up (100 MWh left, 101 asked) ...
SELECT greenattr.issue('IREC', 1, 101, 1);
-- ... and so is a green-power trade ...
SELECT greenattr.issue('GP', 1, 101, 1);
-- ... while exactly the 100 MWh left are accepted, in any family.
SELECT greenattr.issue('GP', 1, 100, 1) AS gp;
SELECT * FROM greenattr.activity_claimed(1);
SELECT greenattr.issue('GEC', 1, 1, 1);

-- A credit against generation claims its tonnes at the baseline factor:
-- 500 t at 0.8 t/MWh = 625 MWh of activity 2, leaving 375 MWh.
SELECT greenattr.issue('CCER', 2, 500, 1, baseline_ef => '0.8 t/MWh') AS ccer_gen;
SELECT * FROM greenattr.activity_claimed(2);
SELECT greenattr.issue('GEC', 2, 376, 1);
SELECT greenattr.issue('GEC', 2, 375, 1) AS gec_rest;
-- Without a baseline factor a credit cannot claim generation.
SELECT greenattr.issue('CCER', 2, 1, 1);

-- Reductions: 5000 t of activity 3 (forest, 2023).
SELECT greenattr.issue('CCER', 3, 4000, 1) AS ccer_2023;
SELECT greenattr.issue('CCER', 3, 1001, 1);
-- One crediting mechanism per asset and period: GS for the 2023 forest output
-- is refused even though 1000 t are left ...
SELECT greenattr.issue('GS', 3, 1000, 1);
-- ... while GS for 2024 (another period of the same asset) is accepted.
SELECT greenattr.issue('GS', 4, 1000, 1) AS gs_2024;

-- Families and activity kinds must fit.
SELECT greenattr.issue('GEC', 3, 1, 1);
SELECT greenattr.issue('EUR_HA', 1, 1, 1);
SELECT greenattr.issue('NOPE', 1, 1, 1);
SELECT greenattr.issue('GEC', 99, 1, 1);
SELECT greenattr.issue('GEC', 1, 0, 1);
-- Receiving accounts must be open and may be limited to one mechanism.
SELECT greenattr.issue('CCER', 4, 1, 5);
SELECT greenattr.issue('CCER', 4, 1, 6);

-- Direct INSERTs go through the same checks: a block that overlaps issued
-- serials is refused (no unit exists twice) ...
INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
VALUES ('certificate', 'GEC', 2, greenattr.certblock('GEC', '1', 900, 950), 1);
-- ... so is one that over-claims ...
INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
VALUES ('certificate', 'GEC', 1, greenattr.certblock('GEC', '1', 5000, 5000), 1);
-- ... and one in the wrong numbering scheme.
INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
VALUES ('certificate', 'GEC', 4, greenattr.certblock('IREC', '1', 1, 1), 1);
-- An imported block in a numbering space of its own is accepted, and native
-- allocation in that space then continues after it.
INSERT INTO greenattr.credit (family, mechanism, activity_id, block, issued_to)
VALUES ('credit', 'GS', 4, greenattr.certblock('GS', '3', 5000, 5099), 1);
SELECT greenattr.issue('GS', 4, 10, 1) AS gs_after_import;

-- Issuances are immutable.
UPDATE greenattr.instrument SET issued_to = 2 WHERE id = 1;
DELETE FROM greenattr.certificate WHERE id = 1;
TRUNCATE greenattr.certificate;

-- What was issued, and who holds it.
SELECT id, family, mechanism, asset_id, activity_id, block, vintage, claim_energy, claim_co2e, issued_to
  FROM greenattr.instrument ORDER BY id;
SELECT block, instrument_id, account_id, status FROM greenattr.holding ORDER BY block;
SELECT scheme, space, next_first FROM greenattr.numbering ORDER BY 1, 2;
SELECT verb, block, from_account, to_account FROM greenattr.journal ORDER BY id;
SELECT * FROM greenattr.audit();
