-- A fresh extension (ids and serials start from 1) and the session settings of the
-- registry tests, with attempt(statement): 'ok' and the first value it returns, or
-- the error as SQLSTATE [rule]: message, detail and hint (stable across server
-- versions, unlike CONTEXT and LOCATION lines).  Included by the fixtures.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS greenattr CASCADE;
CREATE EXTENSION greenattr;
RESET client_min_messages;
\set SHOW_CONTEXT never
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';
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
