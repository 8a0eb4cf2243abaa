-- Reserved retirement purposes: compliance:<market>:<year> belongs to
-- surrender(), event:<id> and product:<id>:... to retire_for_claim(), so a
-- plain retire() cannot make a claim that skipped the offset rules or the
-- claim bookkeeping.
CREATE FUNCTION @extschema@.holding_purpose_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	owner text := CASE WHEN NEW.purpose ~ '^compliance:' THEN 'surrender' ELSE 'retire_for_claim' END;
BEGIN
	IF coalesce(pg_catalog.current_setting('greenattr.verb', true), '') OPERATOR(pg_catalog.<>) owner THEN
		PERFORM @extschema@.raise_rule('reserved_purpose', '23514',
			format('purpose "%s" of block %s is reserved for greenattr.%s()', NEW.purpose, NEW.block::text, owner),
			'Purposes starting with compliance:, event: or product: are written by the verbs that check their rules.',
			format('Use greenattr.%s(), or another purpose.', owner));
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER holding_purpose_guard BEFORE INSERT OR UPDATE OF status, purpose ON @extschema@.holding
	FOR EACH ROW WHEN (NEW.status = 'retired' AND NEW.purpose ~ '^(compliance|event|product):')
	EXECUTE FUNCTION @extschema@.holding_purpose_guard();
