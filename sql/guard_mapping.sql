-- Guards: the arguments of guard(), the column types it maps, the checks of a
-- guarded row's own fields, unguard(), who may guard, and audit_guard().
\i sql/include/registry_fixture.sql
SET client_min_messages = warning;
DROP VIEW IF EXISTS public.my_view;
DROP TABLE IF EXISTS public.my_certs, public.my_quota, public.my_credits, public.my_parts, public.my_other;
RESET client_min_messages;

-- Certificates with a certblock column, a tstzrange and the amount as energy.
CREATE TABLE public.my_certs (blk greenattr.certblock, plant bigint, during tstzrange, amount greenattr.energy,
	label varchar(20), n int, d date);
-- Energy-use-rights quota with a varchar serial, a smallint asset, a daterange and the amount in tce.
CREATE TABLE public.my_quota (serial varchar(80), site smallint, year daterange, tce greenattr.energy);
-- Credits with the amount as co2e and the baseline factor as emission_factor.
CREATE TABLE public.my_credits (serial text, project int, vintage daterange, tonnes greenattr.co2e,
	mech text, factor greenattr.emission_factor);
CREATE VIEW public.my_view AS SELECT * FROM public.my_certs;
CREATE TABLE public.my_parts (blk greenattr.certblock, plant bigint, during tstzrange) PARTITION BY RANGE (plant);

-- Bad arguments name what is wrong.
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'serial', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'label', period => 'during', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'd', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'n', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', amount => 'label', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', mechanism_column => 'n')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC', baseline_ef => 'n')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => NULL, asset => 'plant', period => 'during', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC', mechanism_column => 'label')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', mechanism => 'NOPE')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_view', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
DROP VIEW public.my_view;
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_parts', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('greenattr.holding', block => 'block', asset => 'asset_id', period => 'since', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.no_such_table', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.unguard('public.my_certs')$$);
-- Nothing was guarded by the failed calls.
SELECT count(*) AS guards FROM greenattr.guarded_table;

-- A row already there that breaks a rule makes guard() fail as a whole: an
-- I-REC block of activity 1's January claiming 1001 MWh of its 1000.
INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:1-1001', 1, '[2024-01-01,2024-02-01)', '1001 MWh');
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', amount => 'amount', mechanism => 'IREC')$$);
SELECT count(*) AS guards, (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'public.my_certs'::regclass) AS triggers
  FROM greenattr.guarded_table;
UPDATE public.my_certs SET blk = 'IREC:PLANT-A:1-1000', amount = '1000 MWh';
SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', amount => 'amount',
	mechanism => 'IREC') AS certs_rows;
-- Guarding twice is refused (unguard first to change the mapping).
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
SELECT tbl, block_column, block_kind, asset_column, period_column, period_kind, amount_column, amount_kind,
       mechanism, mechanism_column, baseline_ef_column, baseline_ef_kind, guarded_by
  FROM greenattr.guarded_table ORDER BY tbl::text;

-- A guarded row's own fields.  Every mapped column is set:
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES (NULL, 1, '[2024-02-01,2024-03-01)', '1 MWh')$$);
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2000', NULL, '[2024-02-01,2024-03-01)', '1 MWh')$$);
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2000', 1, NULL, '1 MWh')$$);
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2000', 1, '[2024-02-01,2024-03-01)', NULL)$$);
-- the block is of the table's mechanism, the period is not empty, the asset exists,
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('GEC:PLANT-A:2000-2000', 1, '[2024-02-01,2024-03-01)', '1 MWh')$$);
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2000', 1, 'empty', '1 MWh')$$);
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2000', 99, '[2024-02-01,2024-03-01)', '1 MWh')$$);
-- an activity of the asset contains the period (February 15 to March 15 spans two),
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2000', 1, '[2024-02-15,2024-03-15)', '1 MWh')$$);
-- and the amount is what the units stand for (1 MWh each).
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2009', 1, '[2024-02-01,2024-03-01)', '9 MWh')$$);
INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:2000-2009', 1, '[2024-02-01,2024-03-01)', '10 MWh');

-- Quota in tce against the kiln's 2024 saving (activity 7, 300 tce): 1 tce a unit.
SELECT greenattr.guard('public.my_quota', block => 'serial', asset => 'site', period => 'year', amount => 'tce',
	mechanism => 'EUR_HA') AS quota_rows;
SELECT pg_temp.attempt($$INSERT INTO public.my_quota VALUES ('EUR_HA:KILN:1-10', 4, '[2024-01-01,2025-01-01)', '10 MWh')$$);
INSERT INTO public.my_quota VALUES ('EUR_HA:KILN:1-10', 4, '[2024-01-01,2025-01-01)', '10 tce');
-- An unparsable serial is the parser's error.
SELECT pg_temp.attempt($$INSERT INTO public.my_quota VALUES ('not a serial', 4, '[2024-01-01,2025-01-01)', '1 tce')$$);
SELECT block, activity_id, claim_energy FROM greenattr.guarded_claim WHERE tbl = 'public.my_quota'::regclass;
-- Credits with the amount as co2e, the factor as emission_factor, the mechanism per row.
SELECT greenattr.guard('public.my_credits', block => 'serial', asset => 'project', period => 'vintage',
	amount => 'tonnes', mechanism_column => 'mech', baseline_ef => 'factor') AS credit_rows;
SELECT pg_temp.attempt($$INSERT INTO public.my_credits VALUES ('NOPE:X:1-1', 3, '[2023-01-01,2024-01-01)', '1 t', 'NOPE', NULL)$$);
SELECT pg_temp.attempt($$INSERT INTO public.my_credits VALUES ('GS:X:1-5', 3, '[2023-01-01,2024-01-01)', '4 t', 'GS', NULL)$$);
-- A certificate row in a co2e-amount table: its units are MWh.
SELECT pg_temp.attempt($$INSERT INTO public.my_credits VALUES ('GEC:X:1-5', 1, '[2024-03-01,2024-04-01)', '5 t', 'GEC', NULL)$$);
INSERT INTO public.my_credits VALUES ('GS:X:1-5', 3, '[2023-01-01,2024-01-01)', '5 t', 'GS', NULL);
-- A credit against generation needs a positive factor.
SELECT pg_temp.attempt($$INSERT INTO public.my_credits VALUES ('CCER:WIND:1-5', 1, '[2024-03-01,2024-04-01)', '5 t', 'CCER', '0 t/MWh')$$);
-- A crediting period: the wind farm opts into CCER for March (it has no
-- certificates to freeze), so a GS credit for March is refused, a CCER accepted:
-- 5 t at 0.5 t/MWh claim 10 MWh.
SELECT greenattr.opt_into_crediting(1, 'CCER', '[2024-03-01,2024-04-01)') AS frozen;
SELECT pg_temp.attempt($$INSERT INTO public.my_credits VALUES ('GS:WIND:1-5', 1, '[2024-03-01,2024-04-01)', '5 t', 'GS', '0.5 t/MWh')$$);
INSERT INTO public.my_credits VALUES ('CCER:WIND:1-5', 1, '[2024-03-01,2024-04-01)', '5 t', 'CCER', '0.5 t/MWh');
-- Cementco (entity 4) is in Henan's energy-use-rights pilot in 2024: no
-- credit from its saving (activity 7), while one from its reduction (activity 8) is accepted.
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (4, 'EUR_HA', '[2024-01-01,2025-01-01)');
SELECT pg_temp.attempt($$INSERT INTO public.my_credits VALUES ('CCER:KILN:1-10', 4, '[2024-01-01,2025-01-01)', '10 t', 'CCER', '2.5 t/MWh')$$);
INSERT INTO public.my_credits VALUES ('CCER:KILN:1-10', 4, '[2024-01-01,2025-01-01)', '10 t', 'CCER', NULL);
DELETE FROM greenattr.coverage WHERE entity_id = 4;
SELECT block, family, mechanism, activity_id, claim_energy, claim_co2e FROM greenattr.guarded_claim
 WHERE tbl = 'public.my_credits'::regclass ORDER BY block;

-- audit() re-checks guarded claims against changes the triggers do not see:
-- the kiln's saving cut to 5 tce under its 10 tce quota (refused by
-- activity_keeps_claims, so made with the triggers off, as a restore would),
-- and a boundary rule put back after coverage was added without it.
SELECT pg_temp.attempt($$UPDATE greenattr.activity SET energy = '5 tce' WHERE id = 7$$);
SET session_replication_role = replica;
UPDATE greenattr.activity SET energy = '5 tce' WHERE id = 7;
RESET session_replication_role;
DELETE FROM greenattr.boundary_rule WHERE market = 'ETS_FJ' AND rule = 'no_credits_in_boundary';
INSERT INTO greenattr.coverage (entity_id, market, during) VALUES (1, 'ETS_FJ', '[2023-01-01,2024-01-01)');
INSERT INTO greenattr.boundary_rule (market, rule, source) VALUES ('ETS_FJ', 'no_credits_in_boundary', 'put back by the test');
SELECT invariant, subject, detail FROM greenattr.audit() ORDER BY 1, 2, 3;
UPDATE greenattr.activity SET energy = '300 tce' WHERE id = 7;
DELETE FROM greenattr.coverage WHERE market = 'ETS_FJ';
SELECT count(*) AS findings FROM greenattr.audit();

-- Who may guard: the operator, on a table it may put triggers on.
SET client_min_messages = warning;
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_guard_operator') THEN
		CREATE ROLE regress_guard_operator LOGIN IN ROLE greenattr_admin;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_guard_holder') THEN
		CREATE ROLE regress_guard_holder LOGIN IN ROLE greenattr_holder;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_guard_auditor') THEN
		CREATE ROLE regress_guard_auditor LOGIN IN ROLE greenattr_auditor;
	END IF;
END $$;
RESET client_min_messages;
-- audit() with tables guarded, as the operator and as an auditor, who may not
-- read the guarded tables: audit_guard() reads them as the extension's owner.
SET SESSION AUTHORIZATION regress_guard_auditor;
SELECT count(*) AS auditor_findings FROM greenattr.audit();
SELECT pg_temp.attempt($$SELECT count(*) FROM public.my_certs$$);
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION regress_guard_operator;
SELECT count(*) AS operator_findings FROM greenattr.audit();
RESET SESSION AUTHORIZATION;
-- Tables whose rows could vanish or bypass the triggers are not guarded: a
-- temporary table, an unlogged one, a parent of inheritance children.
CREATE TEMP TABLE my_temp (blk greenattr.certblock, plant bigint, during tstzrange);
SELECT pg_temp.attempt($$SELECT greenattr.guard('pg_temp.my_temp', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
CREATE UNLOGGED TABLE public.my_unlogged (blk greenattr.certblock, plant bigint, during tstzrange);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_unlogged', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
CREATE TABLE public.my_parent (blk greenattr.certblock, plant bigint, during tstzrange);
CREATE TABLE public.my_child () INHERITS (public.my_parent);
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_parent', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
DROP TABLE public.my_unlogged, public.my_child, public.my_parent, my_temp;
CREATE TABLE public.my_other (blk greenattr.certblock, plant bigint, during tstzrange);
GRANT SELECT ON public.my_other TO regress_guard_operator;
SET SESSION AUTHORIZATION regress_guard_operator;
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_other', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
SELECT pg_temp.attempt($$SELECT greenattr.unguard('public.my_quota')$$);
RESET SESSION AUTHORIZATION;
GRANT TRIGGER ON public.my_other TO regress_guard_operator;
SET SESSION AUTHORIZATION regress_guard_operator;
SELECT greenattr.guard('public.my_other', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC') AS other_rows;
SELECT greenattr.unguard('public.my_other') AS released;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION regress_guard_holder;
SELECT pg_temp.attempt($$SELECT greenattr.guard('public.my_other', block => 'blk', asset => 'plant', period => 'during', mechanism => 'IREC')$$);
RESET SESSION AUTHORIZATION;

-- The guard trigger on a table that is not guarded refuses to guess.
CREATE TRIGGER greenattr_guard AFTER INSERT ON public.my_other FOR EACH ROW EXECUTE FUNCTION greenattr.guard_row();
SELECT pg_temp.attempt($$INSERT INTO public.my_other VALUES ('IREC:X:1-1', 1, '[2024-01-01,2024-02-01)')$$);
DROP TRIGGER greenattr_guard ON public.my_other;

-- audit(): a row written while the guard trigger was disabled has no claim;
-- a table dropped while guarded keeps its claims until unguard() by oid.
ALTER TABLE public.my_certs DISABLE TRIGGER greenattr_guard;
INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:3000-3000', 1, '[2024-02-01,2024-03-01)', '1 MWh');
-- a copy of a row that has its claim: two rows, one claim.
INSERT INTO public.my_certs SELECT * FROM public.my_certs WHERE blk = 'IREC:PLANT-A:1-1000';
DELETE FROM public.my_certs WHERE blk = 'IREC:PLANT-A:2000-2009';
ALTER TABLE public.my_certs ENABLE TRIGGER greenattr_guard;
SELECT oid AS quota_oid FROM pg_class WHERE oid = 'public.my_quota'::regclass \gset
DROP TABLE public.my_quota;
SELECT invariant, replace(subject, :'quota_oid', 'QUOTA') AS subject, replace(detail, :'quota_oid', 'QUOTA') AS detail
  FROM greenattr.audit() ORDER BY 1, 2, 3;
SELECT greenattr.unguard(:'quota_oid'::oid::regclass) AS released;
-- The copy goes (trigger off again: its claim is the original's).
ALTER TABLE public.my_certs DISABLE TRIGGER greenattr_guard;
DELETE FROM public.my_certs WHERE ctid = (SELECT max(ctid) FROM public.my_certs WHERE blk = 'IREC:PLANT-A:1-1000');
ALTER TABLE public.my_certs ENABLE TRIGGER greenattr_guard;
-- unguard() and guard() again rebuild the ledger from the table as it is.
SELECT greenattr.unguard('public.my_certs') AS released;
SELECT greenattr.guard('public.my_certs', block => 'blk', asset => 'plant', period => 'during', amount => 'amount',
	mechanism => 'IREC') AS certs_rows;
SELECT block, activity_id, claim_energy FROM greenattr.guarded_claim WHERE tbl = 'public.my_certs'::regclass ORDER BY block;
SELECT * FROM greenattr.audit();

-- The guard trigger runs as the extension's owner, so it reads only the column
-- types guard() accepted: a mapped column renamed, or retyped to another kind,
-- stops the table until it is guarded anew, and audit() says so.
ALTER TABLE public.my_certs RENAME COLUMN plant TO plant_id;
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:4000-4000', 1, '[2024-02-01,2024-03-01)', '1 MWh')$$);
SELECT invariant, subject, detail FROM greenattr.audit();
ALTER TABLE public.my_certs RENAME COLUMN plant_id TO plant;
ALTER TABLE public.my_certs ALTER COLUMN amount TYPE numeric USING greenattr.mwh(amount);
SELECT pg_temp.attempt($$INSERT INTO public.my_certs VALUES ('IREC:PLANT-A:4000-4000', 1, '[2024-02-01,2024-03-01)', 1)$$);
SELECT invariant, subject, detail FROM greenattr.audit();
-- Back to energy, the guard holds again; a change within a kind (integer to
-- bigint) is harmless.
ALTER TABLE public.my_certs ALTER COLUMN amount TYPE greenattr.energy USING (amount || ' MWh')::greenattr.energy;
ALTER TABLE public.my_credits ALTER COLUMN project TYPE bigint;
INSERT INTO public.my_credits VALUES ('GS:X:6-6', 3, '[2023-01-01,2024-01-01)', '1 t', 'GS', NULL);
SELECT count(*) AS findings FROM greenattr.audit();

SELECT greenattr.unguard('public.my_certs') AS released_certs, greenattr.unguard('public.my_credits') AS released_credits;
SELECT count(*) AS guards, (SELECT count(*) FROM greenattr.guarded_claim) AS claims FROM greenattr.guarded_table;
DROP TABLE public.my_certs, public.my_credits, public.my_parts, public.my_other;
