-- contrib/citus/attempt.sql: pg_temp.attempt(statement) for the cluster scenario
-- (included by scenario_cluster.sql, once per session).
-- Like the regression tests' attempt(), with one difference: Citus passes a
-- worker's error on without its constraint name (only SQLSTATE, message,
-- detail, hint and context).  When the name is missing, the rule is read from
-- the hint (cluster_functions.sql adds "(rule: name)" there on the workers) or
-- from the message (an exclusion constraint, named with its shard suffix), and
-- printed as "[from hint: ...]" / "[from message: ...]".
CREATE FUNCTION pg_temp.attempt(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
	st text; msg text; det text; hin text; con text; rule text;
BEGIN
	EXECUTE stmt INTO result;
	RETURN 'ok' || coalesce(': ' || result, '');
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
		con = CONSTRAINT_NAME, hin = PG_EXCEPTION_HINT;
	rule := coalesce(substring(hin from $r$\(rule: ([a-z0-9_]+)\)$r$),
	                 substring(msg from $r$constraint "([a-z0-9_]+)_[0-9]+"$r$));
	RETURN st || coalesce(' [' || nullif(con, '') || ']', coalesce(' [from ' || CASE WHEN hin ~ '\(rule: ' THEN 'hint' ELSE 'message' END || ': ' || rule || ']', ' [no rule]'))
		|| ': ' || msg || coalesce(E'\nDETAIL: ' || nullif(det, ''), '');
END
$$;
