-- Row-level security on every table with holder data: account, holding, the
-- instrument tables (issued_to names an account), journal and role_entity.
--
--   greenattr_admin    every row, and writes where its table privileges allow
--   greenattr_auditor  every row, read only
--   greenattr_holder   only the rows of the entities it acts for: its accounts,
--                      their holdings, the journal rows that name them, the
--                      issuances it received or holds part of, its own mappings
--
-- Reference and output data (region, mechanism, market, boundary_rule, entity,
-- coverage, asset, activity, crediting_period, numbering) are public registry
-- information and carry no policy.  The extension's owner and superusers
-- bypass row-level security, so the verbs and the triggers (SECURITY DEFINER)
-- always see every row.
DO $$
DECLARE
	t text;
	own text;
BEGIN
	FOR t, own IN VALUES
		('account',      'holder_id IN (SELECT @extschema@.caller_entities())'),
		('holding',      'account_id IN (SELECT @extschema@.caller_accounts())'),
		('journal',      'from_account IN (SELECT @extschema@.caller_accounts()) OR to_account IN (SELECT @extschema@.caller_accounts())'),
		('role_entity',  'entity_id IN (SELECT @extschema@.caller_entities())'),
		('instrument',   'issued_to IN (SELECT @extschema@.caller_accounts()) OR (id, family) IN (SELECT h.instrument_id, h.family FROM @extschema@.holding h)'),
		('credit',       'issued_to IN (SELECT @extschema@.caller_accounts()) OR (id, family) IN (SELECT h.instrument_id, h.family FROM @extschema@.holding h)'),
		('certificate',  'issued_to IN (SELECT @extschema@.caller_accounts()) OR (id, family) IN (SELECT h.instrument_id, h.family FROM @extschema@.holding h)'),
		('green_power',  'issued_to IN (SELECT @extschema@.caller_accounts()) OR (id, family) IN (SELECT h.instrument_id, h.family FROM @extschema@.holding h)'),
		('energy_quota', 'issued_to IN (SELECT @extschema@.caller_accounts()) OR (id, family) IN (SELECT h.instrument_id, h.family FROM @extschema@.holding h)')
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE pg_catalog.format('CREATE POLICY operator_all ON @extschema@.%I TO greenattr_admin USING (true) WITH CHECK (true)', t);
		EXECUTE pg_catalog.format('CREATE POLICY auditor_read ON @extschema@.%I FOR SELECT TO greenattr_auditor USING (true)', t);
		-- The holding subquery of the instrument policies is itself filtered
		-- by the holding policy: the issuances of units the holder holds.
		EXECUTE pg_catalog.format('CREATE POLICY holder_own ON @extschema@.%I FOR SELECT TO greenattr_holder USING (%s)', t, own);
	END LOOP;
END
$$;
