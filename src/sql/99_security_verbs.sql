-- Privileges: the last piece of the install script, so it sees every object
-- the earlier pieces created.
--
-- Nothing is granted to PUBLIC: a role outside the three greenattr roles
-- cannot use the schema, its types or its functions until a DBA grants them.
-- Each greenattr role gets USAGE on the schema and its types and EXECUTE on
-- every plain function (types, operators, aggregates, accessors); then
--   * trigger functions: EXECUTE for nobody (firing a trigger needs no
--     privilege; withholding it stops anyone attaching a SECURITY DEFINER
--     trigger function to a table of their own);
--   * internal helpers (REVOKED below): only the extension's owner;
--   * verbs (the VERB LIST below): SECURITY DEFINER with a pinned search_path,
--     EXECUTE for the roles named there only.

DO $$
DECLARE
	fn  regprocedure;
	typ regtype;
	v   record;
	r   text;
BEGIN
	-- Schema, types, tables and sequences: nothing for PUBLIC.
	EXECUTE 'REVOKE ALL ON SCHEMA @extschema@ FROM PUBLIC';
	EXECUTE 'GRANT USAGE ON SCHEMA @extschema@ TO greenattr_admin, greenattr_holder, greenattr_auditor';
	FOR typ IN
		SELECT t.oid::regtype FROM pg_catalog.pg_type t
		 WHERE t.typnamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
		   AND t.typtype IN ('b', 'd', 'e', 'r') AND t.typcategory OPERATOR(pg_catalog.<>) 'A'
	LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON TYPE %s FROM PUBLIC', typ);
		EXECUTE pg_catalog.format('GRANT USAGE ON TYPE %s TO greenattr_admin, greenattr_holder, greenattr_auditor', typ);
	END LOOP;
	EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA @extschema@ FROM PUBLIC';
	EXECUTE 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA @extschema@ FROM PUBLIC';

	-- Functions: EXECUTE for the three roles on plain functions.
	EXECUTE 'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA @extschema@ FROM PUBLIC';
	EXECUTE 'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA @extschema@ TO greenattr_admin, greenattr_holder, greenattr_auditor';

	-- Trigger functions and internal helpers (called by the verbs and
	-- triggers, which run as the owner): EXECUTE for nobody.
	FOR fn IN
		SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
		   AND p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.trigger'::pg_catalog.regtype
		UNION ALL
		SELECT i.signature::regprocedure FROM (VALUES
			('@extschema@.take_block(@extschema@.certblock, bigint, text)'),
			('@extschema@.find_block(@extschema@.certblock, bigint, text)'),
			('@extschema@.keep_rest(@extschema@.holding, @extschema@.certblock)'),
			('@extschema@.check_account(bigint, @extschema@.certblock, text)'),
			('@extschema@.convert_frozen_certificates(@extschema@.activity, text, @extschema@.certblock, tstzrange)'),
			('@extschema@.raise_rule(text, text, text, text, text)'),
			('@extschema@.refuse_outside_read_committed(text, text, text, text)'),
			('@extschema@.lock_activity_for_claim(bigint)'),
			('@extschema@.close_block(@extschema@.certblock, bigint, text, text, text, tstzrange, text, jsonb)'),
			('@extschema@.journal_head_lock()'),
			('@extschema@.journal_head_moved(tid, bigint, bytea)'),
			('@extschema@.refuse_activity_kind(text, @extschema@.certblock, @extschema@.activity, text)'),
			('@extschema@.refuse_over_claim(text, @extschema@.certblock, @extschema@.activity, text[])'),
			('@extschema@.issue_many_rows(text, bigint[], bigint[])'),
			('@extschema@.claim_many_rows(@extschema@.certblock[], bigint[], tstzrange[], bigint[], bigint[])'),
			-- A bulk verb's declaration that its rows are checked (src/bulk.c).
			('@extschema@.bulk_checked_begin()'),
			('@extschema@.bulk_checked_end()'),
			-- Guards (38_guard.sql): called by guard() and the guard triggers only.
			('@extschema@.guard_fields_sql(@extschema@.guarded_table, text)'),
			('@extschema@.guard_column_kinds(regclass, text[])'),
			('@extschema@.guard_kinds(@extschema@.guarded_table)'),
			('@extschema@.guard_check_claim(@extschema@.activity, text, @extschema@.energy, @extschema@.co2e, text)'),
			('@extschema@.guard_read_committed(text)'),
			('@extschema@.guard_claim(@extschema@.guarded_table, @extschema@.certblock, bigint, tstzrange, text, text, @extschema@.emission_factor)')) i (signature)
	LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM greenattr_admin, greenattr_holder, greenattr_auditor', fn);
	END LOOP;

	-- Trigger functions run as the owner, so that a holder's commit checks
	-- (conservation, the journal seal) see every row whatever the policies.
	FOR fn IN
		SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
		   AND p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.trigger'::pg_catalog.regtype
		   AND NOT p.prosecdef
	LOOP
		EXECUTE pg_catalog.format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, pg_temp', fn);
	END LOOP;

	-- ==== VERB LIST ======================================================
	-- One row per verb: its signature and who may call it ('admin' or
	-- 'admin holder').  Holders' calls are limited to their own units by the
	-- holding_caller_check trigger (92_security_holder.sql).  Verbs of later
	-- areas (Article 6, ETS surrender, residual mix claims ...) are added
	-- HERE; a verb not listed runs with its caller's privileges and so cannot
	-- write the registry tables as a holder or auditor.  The regression test
	-- security_catalog lists every SECURITY DEFINER function and its grants:
	-- update its expected output with the list.
	FOR v IN SELECT l.signature::regprocedure AS fn, l.callers FROM (VALUES
		('@extschema@.issue(text, bigint, bigint, bigint, @extschema@.emission_factor, tstzrange)', 'admin'),
		('@extschema@.issue_many(text, bigint[], bigint[], bigint, @extschema@.emission_factor)',  'admin'),
		('@extschema@.opt_into_crediting(bigint, text, tstzrange)',                               'admin'),
		('@extschema@.transfer(@extschema@.certblock, bigint, bigint)',                            'admin holder'),
		('@extschema@.retire(@extschema@.certblock, text, text, tstzrange, bigint)',               'admin holder'),
		('@extschema@.cancel(@extschema@.certblock, text, bigint)',                                'admin holder'),
		-- Article 6: a host government (a holder mapped to a government entity)
		-- authorizes and revokes with its own account (check_host_government
		-- checks the caller); uses are retirements, checked by holding_caller_check.
		('@extschema@.authorize(text, @extschema@.certblock, bigint, boolean, text, text)',        'admin holder'),
		('@extschema@.authorize_issuance(text, bigint, text, tstzrange, bigint, bigint, boolean, text, text)', 'admin holder'),
		('@extschema@.revoke_authorization(bigint, @extschema@.certblock, text, bigint)',         'admin holder'),
		('@extschema@.use_for_ndc(@extschema@.certblock, text, integer, bigint)',                  'admin holder'),
		('@extschema@.use_for_oimp(@extschema@.certblock, text, bigint)',                          'admin holder'),
		('@extschema@.jcm_issue(bigint, bigint, tstzrange)',                                       'admin'),
		-- ETS: an entity surrenders or claims with its own units (holding_caller_check).
		('@extschema@.surrender(bigint, text, integer, @extschema@.certblock[], bigint, text)',     'admin holder'),
		('@extschema@.retire_for_claim(@extschema@.certblock, bigint, bigint)',                    'admin holder'),
		-- Residual mix: a holder retires its own certificates for a consumption claim
		-- (holding_caller_check); expiry is the registry operator's.
		('@extschema@.claim_consumption(@extschema@.certblock, bigint, text, tstzrange, bigint)',  'admin holder'),
		('@extschema@.claim_consumption_many(@extschema@.certblock[], bigint[], text, tstzrange[], bigint)', 'admin holder'),
		('@extschema@.expire(@extschema@.certblock, bigint)',                                      'admin'),
		-- Guards on a DBA's own tables: the operator attaches and removes them
		-- (guard() also checks the session user's TRIGGER privilege on the table).
		('@extschema@.guard(regclass, text, text, text, text, text, text, text)',                  'admin'),
		('@extschema@.unguard(regclass)',                                                         'admin')
	) l (signature, callers)
	-- ==== END OF VERB LIST ===============================================
	LOOP
		EXECUTE pg_catalog.format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, pg_temp', v.fn);
		EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM greenattr_admin, greenattr_holder, greenattr_auditor', v.fn);
		FOREACH r IN ARRAY pg_catalog.string_to_array(v.callers, ' ') LOOP
			EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %I', v.fn, 'greenattr_' OPERATOR(pg_catalog.||) r);
		END LOOP;
	END LOOP;
END
$$;

-- Read functions that would give a holder a partial (row-level filtered) and
-- so misleading answer, or that read beyond the holder's rows.
REVOKE ALL ON FUNCTION @extschema@.audit() FROM greenattr_holder;
REVOKE ALL ON FUNCTION @extschema@.audit_registry() FROM greenattr_holder;
REVOKE ALL ON FUNCTION @extschema@.audit_guard() FROM greenattr_holder;
REVOKE ALL ON FUNCTION @extschema@.audit_journal() FROM greenattr_holder;
REVOKE ALL ON FUNCTION @extschema@.activity_claimed(bigint) FROM greenattr_holder;
REVOKE ALL ON FUNCTION @extschema@.verify_journal() FROM greenattr_holder;
REVOKE ALL ON FUNCTION @extschema@.journal_head() FROM greenattr_holder;

-- Tables.  Reading: the operator and the auditor read every table.  A holder
-- reads the public registry tables listed here and the tables with row-level
-- security (93_security_rls.sql), nothing else: a table a later area adds is
-- closed to holders until it is listed here or given policies.
-- Writing: the operator edits reference data, entities, assets, activities,
-- accounts, coverage and role mappings, and may load issuances directly
-- (through the same triggers as issue()); holdings, the journal and its chain
-- change only through the verbs and triggers.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO greenattr_admin, greenattr_auditor;
DO $$
DECLARE
	t regclass;
BEGIN
	FOR t IN
		SELECT c.oid::regclass FROM pg_catalog.pg_class c
		 WHERE c.relnamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
		   AND c.relkind IN ('r', 'p') AND c.relrowsecurity
		UNION ALL
		SELECT x.name::regclass FROM (VALUES
			('@extschema@.region'), ('@extschema@.mechanism'), ('@extschema@.market'),
			('@extschema@.boundary_rule'), ('@extschema@.entity'), ('@extschema@.coverage'),
			('@extschema@.asset'), ('@extschema@.activity'), ('@extschema@.crediting_period'),
			('@extschema@.numbering')) x (name)
	LOOP
		EXECUTE pg_catalog.format('GRANT SELECT ON %s TO greenattr_holder', t);
	END LOOP;
END
$$;
GRANT INSERT, UPDATE, DELETE ON @extschema@.region, @extschema@.mechanism, @extschema@.market,
	@extschema@.boundary_rule, @extschema@.entity, @extschema@.coverage, @extschema@.asset,
	@extschema@.activity, @extschema@.account, @extschema@.role_entity TO greenattr_admin;
GRANT INSERT ON @extschema@.instrument, @extschema@.credit, @extschema@.certificate,
	@extschema@.green_power, @extschema@.energy_quota TO greenattr_admin;
-- The operator also keeps the data the Article 6, ETS and residual-mix verbs
-- work from (parties, approaches, NDCs, shares; rule sets, figures, claim
-- targets; grid data and consumption).  The tables those verbs write
-- (authorizations, actions, adjustments, surrenders, claim retirements,
-- consumption claims) stay read-only: only the verbs, as the owner, write them.
GRANT INSERT, UPDATE, DELETE ON @extschema@.party_registry, @extschema@.cooperative_approach,
	@extschema@.jcm_share, @extschema@.ndc, @extschema@.party_emissions, @extschema@.ndc_use_rule,
	@extschema@.offset_ruleset, @extschema@.offset_rule, @extschema@.region_group,
	@extschema@.region_group_member, @extschema@.compliance_figure, @extschema@.claim_target,
	@extschema@.event_forestry, @extschema@.product_declaration, @extschema@.offset_priority,
	@extschema@.energy_source, @extschema@.grid_generation, @extschema@.grid_exchange,
	@extschema@.consumption, @extschema@.region_direct_emission
	TO greenattr_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA @extschema@ TO greenattr_admin;
