-- An activity that instruments or guarded rows claim against keeps every claim
-- true (trigger activity_keeps_claims): its asset and kind stay, its period
-- still contains every vintage, its quantity still covers every claim.  Each
-- refusal next to the change accepted beside it; audit() finds what a change
-- with the trigger off left behind.
\i sql/include/registry_fixture.sql
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(5, 'Solar park C', 'generator', 'solar', 'CN-GD', 1);

-- Claims: 600 MWh of activity 1 (vintage: the whole of January 2024), 100 MWh
-- of activity 9 for 10 March only, 4000 t of activity 3 (2023).  Activity 2
-- (February, 1000 MWh) has no claim.
SELECT greenattr.issue('GEC', 1, 600, 1) AS gec_jan;
SELECT greenattr.issue('GEC', 9, 100, 1, vintage => '[2024-03-10,2024-03-11)') AS gec_mar10;
SELECT greenattr.issue('CCER', 3, 4000, 1) AS ccer_2023;

-- Asset and kind.  Activity 1 cannot move to asset 5 ...
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET asset_id = 5 WHERE id = 1$$);
-- ... the unclaimed activity 2 can.
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET asset_id = 5 WHERE id = 2 RETURNING asset_id$$);
-- The claimed reduction 3 cannot become generation; the unclaimed reduction 5 can.
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET kind = 'generation', energy = '5000 MWh', co2e = NULL WHERE id = 3$$);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET kind = 'saving', energy = '800 MWh', co2e = NULL WHERE id = 5 RETURNING kind$$);

-- Period.  Widening a claimed activity is accepted (to 15 April) ...
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET period = '[2024-03-01,2024-04-15)' WHERE id = 9 RETURNING period$$);
-- ... narrowing it past the vintage of 10 March is refused, from either end ...
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET period = '[2024-03-11,2024-04-15)' WHERE id = 9$$);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET period = '[2024-03-01,2024-03-10 12:00+00)' WHERE id = 9$$);
-- ... and narrowing it to exactly that day is accepted.
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET period = '[2024-03-10,2024-03-11)' WHERE id = 9 RETURNING period$$);
-- Activity 1's vintage is its whole period: one second less is refused.
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET period = '[2024-01-01,2024-01-31 23:59:59+00)' WHERE id = 1$$);

-- Quantity.  Activity 1 (600 MWh claimed) cannot go below 600 MWh ...
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '599.999999 MWh' WHERE id = 1$$);
-- ... it can be 600 MWh, after which nothing more can be issued against it ...
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '600 MWh' WHERE id = 1 RETURNING energy$$);
SELECT pg_temp.attempt($$SELECT greenattr.issue('GEC', 1, 1, 1)$$);
-- ... until it is raised again.
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '601 MWh' WHERE id = 1 RETURNING energy$$);
SELECT greenattr.issue('GEC', 1, 1, 1) AS gec_last_mwh;
-- A reduction in tonnes: 4000 t claimed of activity 3.
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET co2e = '3999.999999 t' WHERE id = 3$$);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET co2e = '4000 t' WHERE id = 3 RETURNING co2e$$);
-- A credit against generation claims its MWh at the baseline factor: 400 t at
-- 0.8 t/MWh is 500 MWh of activity 2 (now asset 5's).
SELECT greenattr.issue('CCER', 2, 400, 1, baseline_ef => '0.8 t/MWh') AS ccer_on_generation;
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '499 MWh' WHERE id = 2$$);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '500 MWh' WHERE id = 2 RETURNING energy$$);

-- Guarded rows count too: a guarded table claims 50 MWh of activity 9
-- (100 MWh issued), so 149 MWh is refused and 150 MWh accepted ...
CREATE TABLE public.my_gec (serial text PRIMARY KEY, plant int NOT NULL, day daterange NOT NULL, mwh numeric NOT NULL);
SELECT greenattr.guard('public.my_gec', block => 'serial', asset => 'plant', period => 'day',
	amount => 'mwh', mechanism => 'GEC') AS guarded_rows;
INSERT INTO public.my_gec VALUES ('GEC:1:5001-5050', 1, '[2024-03-10,2024-03-11)', 50);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '149 MWh' WHERE id = 9$$);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '150 MWh' WHERE id = 9 RETURNING energy$$);
-- ... and an activity claimed by guarded rows alone keeps its asset.
INSERT INTO greenattr.activity (id, asset_id, kind, period, energy) VALUES
	(10, 1, 'generation', '[2024-05-01,2024-06-01)', '200 MWh');
INSERT INTO public.my_gec VALUES ('GEC:1:6001-6010', 1, '[2024-05-02,2024-05-03)', 10);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET asset_id = 5 WHERE id = 10$$);
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET period = '[2024-05-03,2024-06-01)' WHERE id = 10$$);
-- An asset whose output only a guarded row claims keeps its facts too.
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(6, 'Wind farm D', 'generator', 'wind', 'CN-GD', 1);
INSERT INTO greenattr.activity (id, asset_id, kind, period, energy) VALUES
	(11, 6, 'generation', '[2024-05-01,2024-06-01)', '100 MWh');
INSERT INTO public.my_gec VALUES ('GEC:6:1-10', 6, '[2024-05-02,2024-05-03)', 10);
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET technology = 'solar' WHERE id = 6$$);
SELECT greenattr.unguard('public.my_gec') AS released;
DROP TABLE public.my_gec;

-- An asset whose output is claimed keeps its region, technology and kind
-- (trigger asset_keeps_claims): asset 1 has issuances, asset 3 too ...
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET region = 'CN-BJ' WHERE id = 1$$);
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET technology = 'solar' WHERE id = 1$$);
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET kind = 'facility' WHERE id = 3$$);
-- ... but it may be renamed or sold ...
BEGIN;
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET name = 'Wind farm A (repowered)', owner_id = 2 WHERE id = 1 RETURNING owner_id$$);
ROLLBACK;
-- ... and asset 4, whose saving and reduction nothing claims, can be corrected,
-- until a JCM share names it (Article 6 authorizations by issuance likewise fix
-- its host party before any unit is issued).
BEGIN;
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET region = 'CN-HB', technology = 'waste_heat' WHERE id = 4 RETURNING region$$);
ROLLBACK;
BEGIN;
INSERT INTO greenattr.jcm_share (asset_id, account_id, role, weight) VALUES (4, 4, 'participant', 1);
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET region = 'CN-HB' WHERE id = 4$$);
ROLLBACK;

-- Outside READ COMMITTED the claims read could miss one committed meanwhile:
-- a change the trigger checks is refused, although it fits the 100 MWh still
-- claimed of activity 9 and READ COMMITTED accepts it ...
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '120 MWh' WHERE id = 9 RETURNING energy$$);
ROLLBACK;
BEGIN;
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '120 MWh' WHERE id = 9 RETURNING energy$$);
ROLLBACK;
-- ... one it need not check (a larger quantity) is not.
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '2000 MWh' WHERE id = 9 RETURNING energy$$);
ROLLBACK;
-- The same for an asset: asset 4's region, which READ COMMITTED lets change
-- (above), is refused; its name is not checked and changes.
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET region = 'CN-HB' WHERE id = 4$$);
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT pg_temp.attempt($$UPDATE greenattr.asset SET name = 'Kiln upgrade 2' WHERE id = 4 RETURNING name$$);
ROLLBACK;

SELECT id, asset_id, kind, period, energy, co2e FROM greenattr.activity WHERE id IN (1, 2, 3, 5, 9) ORDER BY id;
SELECT * FROM greenattr.audit();

-- With every trigger off (a restore, a replica), audit() finds the three
-- ways an activity can stop containing its issuances.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE greenattr.activity SET asset_id = 5 WHERE id = 3;
UPDATE greenattr.activity SET period = '[2024-03-11,2024-03-12)' WHERE id = 9;
UPDATE greenattr.activity SET kind = 'saving' WHERE id = 1;
SELECT * FROM greenattr.audit() WHERE invariant IN ('claimed_activity_fixed', 'vintage_within_activity', 'instrument_activity_kind')
 ORDER BY subject;
ROLLBACK;
-- ... and an issuance whose activity was deleted (the foreign key is off too).
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM greenattr.activity WHERE id = 9;
SELECT * FROM greenattr.audit() WHERE invariant = 'instrument_activity_exists';
ROLLBACK;
SELECT count(*) AS violations FROM greenattr.audit();
