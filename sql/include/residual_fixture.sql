-- A small grid and registry shared by the residual-mix tests (included with \i).
-- Fresh extension, so ids and serials start from 1 in every test file.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS greenattr CASCADE;
CREATE EXTENSION greenattr;
RESET client_min_messages;
\set SHOW_CONTEXT never
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';
-- attempt(statement): 'ok' and the first value it returns, or the error as
-- SQLSTATE [rule]: message, detail and hint.
CREATE FUNCTION pg_temp.attempt(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
	st text; msg text; det text; hin text; con text;
BEGIN
	EXECUTE stmt INTO result;
	RETURN 'ok' || coalesce(': ' || result, '');
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
		hin = PG_EXCEPTION_HINT, con = CONSTRAINT_NAME;
	RETURN st || coalesce(' [' || nullif(con, '') || ']', '') || ': ' || msg
		|| coalesce(E'\nDETAIL: ' || nullif(det, ''), '') || coalesce(E'\nHINT: ' || nullif(hin, ''), '');
END
$$;
-- Guangdong (CN-GD) and Yunnan (CN-YN), both in CN; a French wind farm for the
-- market boundary.
INSERT INTO greenattr.entity (id, name, region) VALUES
	(1, 'Windco', 'CN-GD'), (2, 'Buyer A', 'CN-GD'), (3, 'Buyer B', 'CN-GD'),
	(4, 'Hydroco', 'CN-YN'), (5, 'Buyer C', 'CN-YN'), (6, 'Eolien SA', 'FR');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(1, 'Wind farm GD', 'generator', 'wind', 'CN-GD', 1),
	(2, 'Hydro plant YN', 'generator', 'hydro', 'CN-YN', 4),
	(3, 'Parc eolien', 'generator', 'wind', 'FR', 6),
	(4, 'Forest GD', 'project', 'forestry', 'CN-GD', 1);
INSERT INTO greenattr.account (id, holder_id, kind, name) VALUES
	(1, 1, 'holding', 'Windco'), (2, 2, 'holding', 'Buyer A'), (3, 3, 'holding', 'Buyer B'),
	(4, 4, 'holding', 'Hydroco'), (5, 5, 'holding', 'Buyer C'), (6, 6, 'holding', 'Eolien SA');
