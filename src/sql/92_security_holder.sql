-- A holder moves only its own units.
--
-- The verbs run as the extension's owner (SECURITY DEFINER, 99_security_verbs),
-- so the table privileges of the caller no longer stop them: this trigger on
-- holding checks the caller instead.  Every verb that moves, retires, cancels
-- or splits units changes the holding row that contains them, so every such
-- verb (also those added by later areas) is covered without checks of its own:
-- unless the session user is a registry operator, the account that held the
-- units before the change (for the pieces a split leaves behind, the account
-- keeping them) must belong to an entity the session user acts for.  The
-- receiving account may be anyone's.
CREATE FUNCTION @extschema@.holding_caller_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	acct bigint;
	what @extschema@.certblock;
BEGIN
	IF NOT @extschema@.caller_is_operator() THEN
		-- The message names the block the verb asked for (take_block first
		-- shrinks the holding to it), never the rest of another's holding.
		IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
			acct := NEW.account_id;
			what := NEW.block;
		ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
			acct := OLD.account_id;
			what := NEW.block;
		ELSE
			acct := OLD.account_id;
			what := OLD.block;
		END IF;
		IF acct IS NULL OR acct NOT IN (SELECT @extschema@.caller_accounts()) THEN
			PERFORM @extschema@.raise_rule('holder_owns_units', '42501',
				pg_catalog.format('permission denied to %s units %s',
					coalesce(nullif(pg_catalog.current_setting('greenattr.verb', true), ''), 'change'), what::text),
				pg_catalog.format('The units are not held by an account of an entity that role %s acts for.', SESSION_USER),
				'A holder moves only the units of its own accounts (greenattr.role_entity maps roles to entities).');
		END IF;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
		RETURN OLD;		-- for holding_guard to refuse
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.holding_caller_check() IS
	'Trigger: outside the registry operator role, holdings change only in the caller''s own accounts';

CREATE TRIGGER holding_caller_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.holding
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.holding_caller_check();
