-- Guards on a DBA's own tables: two tables of a registry's own design, a GEC
-- table and a CCER-like credit table, guarded with greenattr.guard(), checked
-- against each other and against the shipped instrument tables by every rule.
-- (Arguments, mapping types, unguard, privileges and audit: guard_mapping.)
\i sql/include/registry_fixture.sql
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.my_gec, public.my_ccer;
RESET client_min_messages;

-- The registry's GEC table: serials as text, the plant (a greenattr.asset id),
-- the month as a daterange, the MWh as numeric.  One row is there already.
CREATE TABLE public.my_gec (serial text PRIMARY KEY, plant int NOT NULL, month daterange NOT NULL,
	mwh numeric NOT NULL, note text);
INSERT INTO public.my_gec VALUES ('GEC:CN-2024:1-100', 1, '[2024-01-01,2024-02-01)', 100, 'loaded before the guard');
-- Its credit table: Verra or canonical serials as text, the project, the
-- vintage as a tstzrange, the quantity in units (tCO2e for credits, MWh for
-- the odd certificate), the mechanism per row, and a baseline factor (t/MWh)
-- for credits against generation.
CREATE TABLE public.my_ccer (id int PRIMARY KEY, serial text, project bigint, vintage tstzrange,
	quantity numeric, scheme text, ef numeric);

-- One call per table; guard() returns the rows it took into the ledger.
SELECT greenattr.guard('public.my_gec', block => 'serial', asset => 'plant', period => 'month',
	amount => 'mwh', mechanism => 'GEC') AS gec_rows;
SELECT greenattr.guard('public.my_ccer', block => 'serial', asset => 'project', period => 'vintage',
	amount => 'quantity', mechanism_column => 'scheme', baseline_ef => 'ef') AS ccer_rows;
SELECT tbl, block, family, mechanism, asset_id, activity_id, vintage, claim_energy, claim_co2e
  FROM greenattr.guarded_claim ORDER BY block;

-- 1. No serial unit twice.
-- Within one guarded table: units 50-60 are in the first row already; 101-200 are free.
SELECT pg_temp.attempt($$INSERT INTO public.my_gec VALUES ('GEC:CN-2024:50-60', 1, '[2024-01-01,2024-02-01)', 11)$$);
INSERT INTO public.my_gec VALUES ('GEC:CN-2024:101-200', 1, '[2024-01-01,2024-02-01)', 100);
-- Between two guarded tables: a row of my_ccer naming GEC units my_gec holds.
SELECT pg_temp.attempt($$INSERT INTO public.my_ccer VALUES (1, 'GEC:CN-2024:200-200', 1, '[2024-01-01,2024-02-01)', 1, 'GEC', NULL)$$);
-- A guarded row against a shipped issuance: GEC:1:1-300 is issued ...
SELECT greenattr.issue('GEC', 1, 300, 1) AS shipped_gec;
SELECT pg_temp.attempt($$INSERT INTO public.my_gec VALUES ('GEC:1:250-260', 1, '[2024-01-01,2024-02-01)', 11)$$);
-- ... units 301-310 are not; the guarded row moves the numbering space past
-- them, as an imported issuance does, so issue() continues at 311.
INSERT INTO public.my_gec VALUES ('GEC:1:301-310', 1, '[2024-01-01,2024-02-01)', 10);
SELECT greenattr.issue('GEC', 2, 10, 1) AS shipped_after_guarded;
-- A shipped issuance against a guarded row: a direct INSERT of unit 305 is
-- refused, unit 321 (next to 311-320) is accepted.
SELECT pg_temp.attempt($$INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
	VALUES ('certificate', 'GEC', 2, greenattr.certblock('GEC', '1', 305, 305), 1)$$);
INSERT INTO greenattr.certificate (family, mechanism, activity_id, block, issued_to)
VALUES ('certificate', 'GEC', 2, greenattr.certblock('GEC', '1', 321, 321), 1);

-- 2. One attribute, one instrument, across shipped and guarded claims.
-- Activity 1 (January, 1000 MWh): my_gec 100 + 100 + 10, shipped 300 = 510 MWh.
SELECT * FROM greenattr.activity_claimed(1);
SELECT greenattr.sum(claim_energy) AS guarded_claims_activity_1 FROM greenattr.guarded_claim WHERE activity_id = 1;
-- A shipped I-REC for 491 MWh over-claims; 490 MWh fit exactly.
SELECT pg_temp.attempt($$SELECT greenattr.issue('IREC', 1, 491, 1)$$);
SELECT greenattr.issue('IREC', 1, 490, 1) AS irec_exact_fit;
-- Now the activity is claimed in full: not one guarded MWh more.
SELECT pg_temp.attempt($$INSERT INTO public.my_gec VALUES ('GEC:CN-2024:201-201', 1, '[2024-01-01,2024-02-01)', 1)$$);
-- Deleting a guarded row frees its claim: 100 MWh, taken again by a new row.
DELETE FROM public.my_gec WHERE serial = 'GEC:CN-2024:101-200';
INSERT INTO public.my_gec VALUES ('GEC:CN-2024:201-300', 1, '[2024-01-01,2024-02-01)', 100);
SELECT pg_temp.attempt($$INSERT INTO public.my_gec VALUES ('GEC:CN-2024:301-301', 1, '[2024-01-01,2024-02-01)', 1)$$);
-- The serials of the deleted row are free again too, here for February.
INSERT INTO public.my_ccer VALUES (1, 'GEC:CN-2024:101-101', 1, '[2024-02-01,2024-03-01)', 1, 'GEC', NULL);

-- 3. One crediting mechanism per asset and period.  The forest (asset 3):
-- 1000 t of its 2023 reduction are issued as VCS ...
SELECT greenattr.issue('VCS', 3, 1000, 1) AS shipped_vcs_2023;
-- ... so a CCER in my_ccer for the first half of 2023 is refused, ...
SELECT pg_temp.attempt($$INSERT INTO public.my_ccer VALUES (2, 'CCER:FOREST-B:1-500', 3, '[2023-01-01,2023-07-01)', 500, 'CCER', NULL)$$);
-- ... a CCER for 2024 is accepted, and so is a VCS row for 2023 (Verra serial)
-- as long as the claims fit: 1000 t shipped + 1000 t guarded of 5000 t.
INSERT INTO public.my_ccer VALUES (2, 'CCER:FOREST-B:1-500', 3, '[2024-01-01,2025-01-01)', 500, 'CCER', NULL);
INSERT INTO public.my_ccer VALUES (3, '9520-116283776-116284775-VCS-VCU-576-VER-CN-1-1529-01012023-31122023-0', 3,
	'[2023-01-01,2024-01-01)', 1000, 'VCS', NULL);
SELECT * FROM greenattr.activity_claimed(3);
SELECT greenattr.sum(claim_co2e) AS guarded_claims_activity_3 FROM greenattr.guarded_claim WHERE activity_id = 3;
-- The shipped path sees the guarded CCER: a VCS issuance for 2024 is refused.
SELECT pg_temp.attempt($$SELECT greenattr.issue('VCS', 4, 10, 1)$$);
SELECT greenattr.issue('CCER', 4, 10, 1) AS shipped_ccer_2024;
-- A guarded reduction claim over-claiming the rest of 2023 (5000 - 2000 = 3000 t) ...
SELECT pg_temp.attempt($$INSERT INTO public.my_ccer VALUES (4, 'VCS::200000001-200003001', 3, '[2023-01-01,2024-01-01)', 3001, 'VCS', NULL)$$);
-- ... and the exact fit.
INSERT INTO public.my_ccer VALUES (4, 'VCS::200000001-200003000', 3, '[2023-01-01,2024-01-01)', 3000, 'VCS', NULL);

-- A credit against generation claims its tonnes at the baseline factor:
-- 400 t / 0.8 t/MWh = 500 MWh of activity 2 (February, 1000 MWh; 10 + 1 + 1 MWh claimed).
INSERT INTO public.my_ccer VALUES (5, 'CCER:WIND-A:1-400', 1, '[2024-02-01,2024-03-01)', 400, 'CCER', 0.8);
SELECT * FROM greenattr.activity_claimed(2);
SELECT greenattr.sum(claim_energy) AS guarded_claims_activity_2 FROM greenattr.guarded_claim WHERE activity_id = 2;
-- 488 MWh are left: a shipped GEC for 489 is refused, 488 fit.
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 2, 489, 1)$$);
SELECT greenattr.issue('GEC', 2, 488, 1) AS gec_rest_of_february;
-- Without a factor the row would claim a reduction, and the wind farm has none.
SELECT pg_temp.attempt($$INSERT INTO public.my_ccer VALUES (6, 'CCER:WIND-A:401-401', 1, '[2024-03-01,2024-04-01)', 1, 'CCER', NULL)$$);

-- 4. Boundary rules.  Steelco (entity 2, owner of asset 2) is in the Guangdong
-- ETS in 2024: its 2024 reduction cannot be credited in my_ccer, its 2023 one can.
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (2, 'ETS_GD', '[2024-01-01,2025-01-01)');
SELECT pg_temp.attempt($$INSERT INTO public.my_ccer VALUES (7, 'CCER:HEAT:1-100', 2, '[2024-01-01,2025-01-01)', 100, 'CCER', NULL)$$);
INSERT INTO public.my_ccer VALUES (7, 'CCER:HEAT:1-100', 2, '[2023-01-01,2024-01-01)', 100, 'CCER', NULL);
-- Coverage cannot be added over the guarded credit's vintage; after it, it can.
SELECT pg_temp.attempt($$INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (2, 'ETS_CN', '[2023-07-01,2024-01-01)')$$);
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (2, 'ETS_CN', '[2025-01-01,2026-01-01)');

-- 5. UPDATE: a row moved into a conflict is refused (the row keeps its claim) ...
SELECT pg_temp.attempt($$UPDATE public.my_gec SET serial = 'GEC:1:1-10', mwh = 10 WHERE serial = 'GEC:1:301-310'$$);
SELECT pg_temp.attempt($$UPDATE public.my_ccer SET vintage = '[2024-01-01,2025-01-01)' WHERE id = 7$$);
SELECT pg_temp.attempt($$UPDATE public.my_gec SET month = '[2024-02-01,2024-03-01)' WHERE serial = 'GEC:CN-2024:1-100'$$);
-- ... a row moved to where it fits is accepted: January's 100 MWh go to March
-- (activity 9) and free January.
UPDATE public.my_gec SET month = '[2024-03-01,2024-04-01)' WHERE serial = 'GEC:CN-2024:1-100';
SELECT activity_id, block, claim_energy FROM greenattr.guarded_claim WHERE block = 'GEC:CN-2024:1-100';
SELECT greenattr.issue('GP', 1, 100, 1) AS gp_into_freed_january;
-- A change to an unmapped column changes no claim.
UPDATE public.my_gec SET note = 'checked';

-- Isolation: guarded claims are checked only in READ COMMITTED transactions
-- (a REPEATABLE READ or SERIALIZABLE snapshot could miss a claim committed
-- after it began): a guarded row and a shipped issuance are refused there ...
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT pg_temp.attempt($$INSERT INTO public.my_gec VALUES ('GEC:CN-2024:401-401', 1, '[2024-03-01,2024-04-01)', 1)$$);
ROLLBACK;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT pg_temp.attempt($$SELECT greenattr.issue('GP', 9, 1, 1)$$);
ROLLBACK;
-- ... and accepted in READ COMMITTED.
BEGIN ISOLATION LEVEL READ COMMITTED;
INSERT INTO public.my_gec VALUES ('GEC:CN-2024:401-401', 1, '[2024-03-01,2024-04-01)', 1);
SELECT greenattr.issue('GP', 9, 1, 1) AS gp_read_committed;
COMMIT;

-- The ledger, and the audit: nothing to report.
SELECT tbl, block, family, mechanism, asset_id, activity_id, vintage, claim_energy, claim_co2e
  FROM greenattr.guarded_claim ORDER BY block;
SELECT * FROM greenattr.audit();

-- 6. unguard: the triggers go, the claims are released.
SELECT greenattr.unguard('public.my_ccer') AS released;
SELECT count(*) AS ccer_claims FROM greenattr.guarded_claim WHERE tbl = 'public.my_ccer'::regclass;
-- The shipped path no longer counts them: February had 499 MWh shipped and
-- 501 guarded (1 GEC + 500 for the credit); 501 MWh of GEC are accepted now,
-- and my_ccer takes any row.
SELECT greenattr.issue('GEC', 2, 501, 1) AS gec_after_unguard;
INSERT INTO public.my_ccer VALUES (8, 'CCER:FOREST-B:1-500', 3, '[2024-01-01,2025-01-01)', 999, 'CCER', NULL);
SELECT tgname FROM pg_trigger WHERE tgrelid = 'public.my_ccer'::regclass ORDER BY tgname;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'public.my_gec'::regclass ORDER BY tgname;
-- TRUNCATE of a guarded table releases its claims.
TRUNCATE public.my_gec;
SELECT count(*) AS claims_left FROM greenattr.guarded_claim;
SELECT greenattr.unguard('public.my_gec') AS released;
SELECT * FROM greenattr.audit();
DROP TABLE public.my_gec, public.my_ccer;
