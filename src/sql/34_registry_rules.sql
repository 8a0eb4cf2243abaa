-- The registry's invariants, enforced by triggers so that every path (the verbs,
-- a direct INSERT, a loader) goes through the same checks.  Each violation raises
-- SQLSTATE class 23 with CONSTRAINT set to the rule's name, a message naming the
-- block or row, and a detail with the numbers.
--
-- Plans: every query of the functions on the issuance and transfer paths is a
-- point lookup by key, so they run with enable_seqscan = off.  PL/pgSQL keeps
-- its plans for the session; without the setting, plans made while the tables
-- were nearly empty stay sequential scans through a large load in one
-- transaction (measured: 20,000 issuances in 46 s, against 12 s with it).
-- The functions that insert holdings or look up an issuance by its key also
-- run with plan_cache_mode = force_generic_plan: a lookup by key in the
-- partitioned instrument table (theirs, and the foreign-key check of every new
-- holding) looks cheaper planned for the one partition of the key, so the
-- plan cache never kept a plan and planned it again on every row (15 % of an
-- issuance's time in the profile); the generic plan prunes when it runs.
-- A PERFORM is a query run through the executor; set_config() is assigned
-- instead (to a variable named done), which PL/pgSQL evaluates directly.
--
-- Concurrency: each check first locks the row that serialises its rule (the
-- activity for claims, the owner entity for boundary rules, the holding for
-- moves), then reads with a fresh READ COMMITTED snapshot, so two transactions
-- can never both pass a check that only one of them may pass.

-- Rows a bulk verb has checked itself (src/bulk.c): the per-row triggers of
-- instrument, holding and journal skip them (WHEN NOT bulk_checked()).  Only
-- the extension's owner can open a batch (99_security_verbs revokes the rest).
CREATE FUNCTION @extschema@.bulk_checked() RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_bulk_checked' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.bulk_checked() IS
	'Whether the rows being written were checked by a bulk verb (the per-row triggers then skip them)';
CREATE FUNCTION @extschema@.bulk_checked_begin() RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_bulk_checked_begin' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.bulk_checked_begin() IS
	'Declare the rows written next, at this trigger depth, checked by the calling verb (until bulk_checked_end() or the end of the subtransaction)';
CREATE FUNCTION @extschema@.bulk_checked_end() RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_bulk_checked_end' LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.bulk_checked_end() IS 'End the declaration of bulk_checked_begin()';

-- Claimed quantity of an activity, summed over every instrument family, less
-- the certificate units converted into credits (their claim moved to the credit).
-- PL/pgSQL, not SQL: it runs once per issuance, and PL/pgSQL keeps its plans
-- where a SQL function would plan its query on every call (7x slower here).
CREATE FUNCTION @extschema@.activity_claimed(activity_id bigint,
	OUT energy @extschema@.energy, OUT co2e @extschema@.co2e)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
BEGIN
	-- Converted units are looked up per instrument of the activity (a handful),
	-- through holding(instrument_id), never by a scan of all holdings.
	SELECT @extschema@.sum(i.claim_energy) OPERATOR(@extschema@.-)
	       ('1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) coalesce(pg_catalog.sum(
	           (SELECT pg_catalog.sum(@extschema@.units(h.block)) FROM @extschema@.holding h
	             WHERE h.instrument_id OPERATOR(pg_catalog.=) i.id AND h.family OPERATOR(pg_catalog.=) i.family
	               AND h.status OPERATOR(pg_catalog.=) 'converted')), 0)),
	       @extschema@.sum(i.claim_co2e)
	  INTO energy, co2e
	  FROM @extschema@.instrument i
	 WHERE i.activity_id OPERATOR(pg_catalog.=) activity_claimed.activity_id;
END
$$;
COMMENT ON FUNCTION @extschema@.activity_claimed(bigint) IS
	'Energy and CO2e claimed against an activity by all instruments together';

CREATE FUNCTION @extschema@.raise_rule(rule text, code text, msg text, detail text, hint text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	-- RAISE refuses NULL options, so leave out the ones not given.
	IF detail IS NULL AND hint IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = code, MESSAGE = msg, CONSTRAINT = rule;
	ELSIF hint IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = code, MESSAGE = msg, DETAIL = detail, CONSTRAINT = rule;
	ELSIF detail IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = code, MESSAGE = msg, HINT = hint, CONSTRAINT = rule;
	END IF;
	RAISE EXCEPTION USING ERRCODE = code, MESSAGE = msg, DETAIL = detail, HINT = hint, CONSTRAINT = rule;
END
$$;

-- Accounts that send or receive must be open and allowed to hold the units.
CREATE FUNCTION @extschema@.check_account(account_id bigint, block @extschema@.certblock, role text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	acct @extschema@.account;
BEGIN
	SELECT * INTO acct FROM @extschema@.account a WHERE a.id OPERATOR(pg_catalog.=) account_id;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('account_exists', '23503',
			format('account %s does not exist', account_id), NULL, NULL);
	END IF;
	IF acct.status OPERATOR(pg_catalog.<>) 'open' THEN
		PERFORM @extschema@.raise_rule('account_open', '23514',
			format('account %s is %s and cannot %s units', account_id, acct.status, role),
			format('Block %s was to %s account %s.', block::text,
				CASE role WHEN 'receive' THEN 'go to' ELSE 'leave' END, account_id),
			'Only open accounts send or receive units.');
	END IF;
	IF role OPERATOR(pg_catalog.=) 'receive' AND acct.mechanism IS NOT NULL
	   AND acct.mechanism OPERATOR(pg_catalog.<>) @extschema@.scheme(block) THEN
		PERFORM @extschema@.raise_rule('account_mechanism', '23514',
			format('account %s may hold only %s units, not %s', account_id, acct.mechanism, block::text),
			NULL, format('Transfer %s units to an account for %s or for any mechanism.',
				@extschema@.scheme(block), @extschema@.scheme(block)));
	END IF;
END
$$;

-- A credit for an asset's output in a period it opted into crediting for:
-- refuse another mechanism, and convert the certificates frozen on the same
-- activity and vintage (cancelled, their claim released to the credit).
CREATE FUNCTION @extschema@.convert_frozen_certificates(act @extschema@.activity, credit_mechanism text,
	credit_block @extschema@.certblock, credit_vintage tstzrange)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	cp   @extschema@.crediting_period;
	verb text := pg_catalog.current_setting('greenattr.verb', true);
	done  text;
BEGIN
	SELECT * INTO cp FROM @extschema@.crediting_period c
	 WHERE c.asset_id OPERATOR(pg_catalog.=) act.asset_id AND c.during OPERATOR(pg_catalog.&&) credit_vintage;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF cp.mechanism OPERATOR(pg_catalog.<>) credit_mechanism THEN
		PERFORM @extschema@.raise_rule('crediting_period', '23514',
			format('credit block %s: asset %s opted into %s for %s', credit_block::text, act.asset_id,
				cp.mechanism, cp.during),
			format('The vintage %s lies in that crediting period.', credit_vintage),
			format('Only %s credits can be issued for this period.', cp.mechanism));
	END IF;
	done := pg_catalog.set_config('greenattr.verb', 'convert', true);
	WITH converted AS (
		UPDATE @extschema@.holding h
		   SET status = 'converted', since = pg_catalog.now(),
		       reason = format('converted to %s credit %s', credit_mechanism, credit_block::text)
		  FROM @extschema@.instrument c
		 WHERE c.id OPERATOR(pg_catalog.=) h.instrument_id AND c.family OPERATOR(pg_catalog.=) h.family
		   AND c.activity_id OPERATOR(pg_catalog.=) act.id AND c.vintage OPERATOR(pg_catalog.&&) credit_vintage
		   AND h.status OPERATOR(pg_catalog.=) 'frozen'
		RETURNING h.block, h.account_id)
	INSERT INTO @extschema@.journal (verb, block, from_account, detail)
	SELECT 'convert', v.block, v.account_id,
	       pg_catalog.jsonb_build_object('converted_to', credit_block::text, 'mechanism', credit_mechanism)
	  FROM converted v;
	done := pg_catalog.set_config('greenattr.verb', coalesce(verb, ''), true);
END
$$;

-- The refusals of an issuance row that issue_many() also makes for a whole
-- batch (with the same words): an activity of the wrong kind, and a claim
-- beyond the activity (amounts: the activity's, already claimed, this block's,
-- what is left; as text).
CREATE FUNCTION @extschema@.refuse_activity_kind(family text, block @extschema@.certblock,
	act @extschema@.activity, what text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.raise_rule('instrument_activity_kind', '23514',
		format('%s block %s cannot be issued against %s activity %s', family, block::text, act.kind, act.id), NULL,
		format('%s units are issued against %s activities.', family, what));
END
$$;

CREATE FUNCTION @extschema@.refuse_over_claim(family text, block @extschema@.certblock,
	act @extschema@.activity, amounts text[])
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.raise_rule('one_attribute_one_instrument', '23514',
		format('%s block %s would claim more than activity %s %s', family, block::text, act.id,
			CASE act.kind WHEN 'reduction' THEN 'reduced' ELSE 'produced' END),
		format('Activity %s (%s of asset %s over %s) has %s; instruments already claim %s; this block claims %s.',
			act.id, act.kind, act.asset_id, act.period, amounts[1], amounts[2], amounts[3]),
		format('At most %s can still be issued against activity %s.', amounts[4], act.id));
END
$$;

-- Lock an activity for a claim on it, its asset first: asset_keeps_claims
-- waits for that lock, and a transaction holding it may still add activities
-- to the asset (their foreign key takes the same lock).  The asset is read
-- through the activity, so it is locked again if the activity moved to
-- another asset while we waited for the activity.  The activity lock
-- serialises every claim on the activity and its changes
-- (activity_keeps_claims).  Refuses an activity that does not exist.
CREATE FUNCTION @extschema@.lock_activity_for_claim(activity bigint) RETURNS @extschema@.activity
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	locked bigint;
	act    @extschema@.activity;
BEGIN
	SELECT s.id INTO locked FROM @extschema@.asset s
	 WHERE s.id OPERATOR(pg_catalog.=)
	       (SELECT a.asset_id FROM @extschema@.activity a WHERE a.id OPERATOR(pg_catalog.=) lock_activity_for_claim.activity)
	   FOR KEY SHARE;
	SELECT * INTO act FROM @extschema@.activity a
	 WHERE a.id OPERATOR(pg_catalog.=) lock_activity_for_claim.activity FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('activity_exists', '23503',
			format('activity %s does not exist', lock_activity_for_claim.activity), NULL, NULL);
	END IF;
	IF act.asset_id IS DISTINCT FROM locked THEN
		PERFORM 1 FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) act.asset_id FOR KEY SHARE;
	END IF;
	RETURN act;
END
$$;

-- Before an issuance row is stored: mechanism and block agree, the activity
-- can carry this family, the claim fits what the activity still has
-- (one attribute, one instrument), and no boundary rule forbids a credit.
CREATE FUNCTION @extschema@.instrument_before_insert() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	mech    @extschema@.mechanism;
	act     @extschema@.activity;
	owner   bigint;
	units   bigint;
	claimed record;
	used_energy @extschema@.energy;
	used_co2e   @extschema@.co2e;
	over    boolean;
	amounts text[];
	cov     record;
	what    text;
BEGIN
	SELECT * INTO mech FROM @extschema@.mechanism m WHERE m.code OPERATOR(pg_catalog.=) NEW.mechanism;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" does not exist', NEW.mechanism), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	IF mech.family OPERATOR(pg_catalog.<>) NEW.family THEN
		PERFORM @extschema@.raise_rule('mechanism_family', '23514',
			format('mechanism %s issues %s units, not %s units', mech.code, mech.family, NEW.family),
			NULL, format('Insert %s units into greenattr.%s.', mech.code, mech.family));
	END IF;
	IF @extschema@.scheme(NEW.block) OPERATOR(pg_catalog.<>) mech.code THEN
		PERFORM @extschema@.raise_rule('block_scheme', '23514',
			format('block %s is not a %s serial block', NEW.block::text, mech.code), NULL,
			'The scheme of an issued block is the code of its mechanism.');
	END IF;

	act := @extschema@.lock_activity_for_claim(NEW.activity_id);
	NEW.asset_id := act.asset_id;
	NEW.vintage := coalesce(NEW.vintage, act.period);
	IF NOT act.period OPERATOR(pg_catalog.@>) NEW.vintage THEN
		PERFORM @extschema@.raise_rule('vintage_within_activity', '23514',
			format('vintage %s of block %s is outside activity %s', NEW.vintage, NEW.block::text, act.id),
			format('Activity %s covers %s.', act.id, act.period), NULL);
	END IF;

	units := @extschema@.units(NEW.block);
	NEW.claim_energy := NULL;
	NEW.claim_co2e := NULL;
	IF NEW.family IN ('certificate', 'green_power') THEN
		what := 'generation';
		NEW.claim_energy := '1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) units;
	ELSIF NEW.family OPERATOR(pg_catalog.=) 'energy_quota' THEN
		what := 'saving';
		NEW.claim_energy := '1 tce'::@extschema@.energy OPERATOR(@extschema@.*) units;
	ELSIF act.kind OPERATOR(pg_catalog.=) 'reduction' THEN
		what := 'reduction';
		NEW.claim_co2e := '1 t'::@extschema@.co2e OPERATOR(@extschema@.*) units;
	ELSE
		what := act.kind;
		IF NEW.baseline_ef IS NULL
		   OR NEW.baseline_ef OPERATOR(@extschema@.<=) '0'::@extschema@.emission_factor THEN
			PERFORM @extschema@.raise_rule('credit_baseline_factor', '23514',
				format('credit block %s against %s activity %s needs a positive baseline emission factor',
					NEW.block::text, act.kind, act.id), NULL,
				'Give baseline_ef: the factor that converts the credited tonnes into MWh of the activity.');
		END IF;
		NEW.claim_energy := ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) units)
			OPERATOR(@extschema@./) NEW.baseline_ef;
	END IF;
	IF act.kind OPERATOR(pg_catalog.<>) what THEN
		PERFORM @extschema@.refuse_activity_kind(NEW.family, NEW.block, act, what);
	END IF;

	-- Crediting periods: only the mechanism the asset opted into credits the
	-- period, and issuing it converts the certificates frozen for it.
	IF NEW.family OPERATOR(pg_catalog.=) 'credit' THEN
		PERFORM @extschema@.convert_frozen_certificates(act, NEW.mechanism, NEW.block, NEW.vintage);
	END IF;

	-- One attribute, one instrument: all families together claim at most the
	-- activity, in its own measure (energy or co2e).
	-- (Called as an expression, not as a table in FROM: no tuplestore, no plan.)
	claimed := @extschema@.activity_claimed(act.id);
	IF act.energy IS NOT NULL THEN
		used_energy := coalesce(claimed.energy, '0'::@extschema@.energy);
		over := used_energy OPERATOR(@extschema@.+) NEW.claim_energy OPERATOR(@extschema@.>) act.energy;
	ELSE
		used_co2e := coalesce(claimed.co2e, '0'::@extschema@.co2e);
		over := used_co2e OPERATOR(@extschema@.+) NEW.claim_co2e OPERATOR(@extschema@.>) act.co2e;
	END IF;
	IF over THEN
		-- The figures of the message, written out only when it is raised.
		IF act.energy IS NOT NULL THEN
			amounts := ARRAY[act.energy::text, used_energy::text, NEW.claim_energy::text,
			                 (act.energy OPERATOR(@extschema@.-) used_energy)::text];
		ELSE
			amounts := ARRAY[act.co2e::text, used_co2e::text, NEW.claim_co2e::text,
			                 (act.co2e OPERATOR(@extschema@.-) used_co2e)::text];
		END IF;
		PERFORM @extschema@.refuse_over_claim(NEW.family, NEW.block, act, amounts);
	END IF;

	-- Boundary rules: credits only, against coverage of the asset's owner.
	IF NEW.family OPERATOR(pg_catalog.=) 'credit' THEN
		SELECT s.owner_id INTO owner FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) act.asset_id;
		-- Lock the owner: a concurrent coverage change waits for this issuance.
		PERFORM 1 FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) owner FOR SHARE;
		SELECT r.market, r.rule, c.during, e.name INTO cov
		  FROM @extschema@.coverage c
		  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		  JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) c.entity_id
		 WHERE c.entity_id OPERATOR(pg_catalog.=) owner
		   AND @extschema@.day_range(c.during) OPERATOR(pg_catalog.&&) NEW.vintage
		   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
		        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND act.kind OPERATOR(pg_catalog.=) 'saving'))
		 ORDER BY r.market LIMIT 1;
		IF FOUND THEN
			PERFORM @extschema@.raise_rule(cov.rule, '23514',
				format('credit block %s comes from inside the boundary of an entity covered by %s',
					NEW.block::text, cov.market),
				format('Asset %s belongs to entity %s (%s), covered by %s during %s; the credited vintage is %s.',
					act.asset_id, owner, cov.name, cov.market, cov.during, NEW.vintage),
				format('Boundary rule %s of %s forbids it; credits can be issued only for periods outside that coverage.',
					cov.rule, cov.market));
		END IF;
	END IF;

	PERFORM @extschema@.check_account(NEW.issued_to, NEW.block, 'receive');
	RETURN NEW;
END
$$;

-- After an issuance row is stored: its whole block is held by the receiving
-- account, the numbering space moves past it, and the journal records it.
-- issue() has already moved the space: the upsert then leaves the row as it is
-- (no new version of it per issuance).
CREATE FUNCTION @extschema@.instrument_after_insert() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
	verb text := pg_catalog.current_setting('greenattr.verb', true);
	done  text;
BEGIN
	done := pg_catalog.set_config('greenattr.verb', 'issue', true);
	INSERT INTO @extschema@.holding (block, instrument_id, family, asset_id, account_id)
	VALUES (NEW.block, NEW.id, NEW.family, NEW.asset_id, NEW.issued_to);
	INSERT INTO @extschema@.numbering AS n (scheme, space, next_first)
	VALUES (@extschema@.scheme(NEW.block), @extschema@.space(NEW.block), @extschema@.last_unit(NEW.block) OPERATOR(pg_catalog.+) 1)
	ON CONFLICT (scheme, space) DO UPDATE
	   SET next_first = EXCLUDED.next_first
	 WHERE n.next_first OPERATOR(pg_catalog.<) EXCLUDED.next_first;
	INSERT INTO @extschema@.journal (verb, block, to_account, detail)
	VALUES ('issue', NEW.block, NEW.issued_to,
		pg_catalog.jsonb_build_object('instrument', NEW.id, 'family', NEW.family, 'mechanism', NEW.mechanism,
			'activity', NEW.activity_id, 'vintage', NEW.vintage::text));
	done := pg_catalog.set_config('greenattr.verb', coalesce(verb, ''), true);
	RETURN NULL;
END
$$;

-- Issuances are immutable: corrections are cancellations, never edits.
CREATE FUNCTION @extschema@.refuse_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.raise_rule(TG_TABLE_NAME OPERATOR(pg_catalog.||) '_immutable', '23000',
		format('rows of greenattr.%s cannot be changed by %s', TG_TABLE_NAME, TG_OP),
		CASE WHEN TG_LEVEL OPERATOR(pg_catalog.=) 'ROW'
		     THEN format('Row %s, block %s.', OLD.id, OLD.block::text) END,
		CASE TG_TABLE_NAME
			WHEN 'journal' THEN 'The journal is append-only.'
			ELSE 'Issued units are withdrawn with greenattr.cancel(), never edited or deleted.' END);
	RETURN NULL;
END
$$;

-- A change checked against the claims committed so far is refused outside
-- READ COMMITTED: only a fresh snapshot per statement sees a claim committed
-- after the transaction began.  msg is the message up to " in a <level>
-- transaction".
CREATE FUNCTION @extschema@.refuse_outside_read_committed(rule text, msg text, detail text, hint text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF pg_catalog.current_setting('transaction_isolation') OPERATOR(pg_catalog.<>) 'read committed' THEN
		PERFORM @extschema@.raise_rule(rule, '0A000',
			format('%s in a %s transaction', msg, pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))),
			detail, hint);
	END IF;
END
$$;

-- An activity is what its instruments and guarded rows claim against, so once
-- claimed it changes only in ways that keep every claim true: its asset and
-- kind stay (instruments carry the asset and were checked against the kind),
-- its period still contains every vintage, its quantity still covers every
-- claim.  Widening the period or raising the quantity is always accepted.
-- The UPDATE holds the activity's row lock, which every claim takes (after
-- the asset's), and the claims are read with a fresh READ COMMITTED snapshot; under a
-- transaction snapshot a claim committed meanwhile would go unseen, and a
-- claim only locks rows (the asset, the activity), which does not make the
-- UPDATE fail to serialize, so such changes are refused outside READ COMMITTED.
CREATE FUNCTION @extschema@.activity_before_update() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	n_shipped bigint;
	n_guarded bigint;
	outside   record;
	span      tstzrange;
	v         tstzrange;
	shipped   record;
	guarded   record;
	used_e    @extschema@.energy;
	used_c    @extschema@.co2e;
	claims    text;
BEGIN
	PERFORM @extschema@.refuse_outside_read_committed('activity_change_read_committed',
		format('activity %s cannot be narrowed, reduced or given another asset or kind', OLD.id),
		'The change is checked against the claims on the activity, and this snapshot could miss one committed after the transaction began.',
		'Change the activity in a READ COMMITTED transaction (the default).');
	SELECT pg_catalog.count(*) INTO n_shipped FROM @extschema@.instrument i
	 WHERE i.activity_id OPERATOR(pg_catalog.=) OLD.id;
	SELECT pg_catalog.count(*) INTO n_guarded FROM @extschema@.guarded_claim c
	 WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id;
	IF n_shipped OPERATOR(pg_catalog.=) 0 AND n_guarded OPERATOR(pg_catalog.=) 0 THEN
		RETURN NEW;
	END IF;
	claims := format('%s %s and %s %s', n_shipped, CASE n_shipped WHEN 1 THEN 'issuance' ELSE 'issuances' END,
		n_guarded, CASE n_guarded WHEN 1 THEN 'guarded row' ELSE 'guarded rows' END);

	IF NEW.asset_id OPERATOR(pg_catalog.<>) OLD.asset_id OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind THEN
		PERFORM @extschema@.raise_rule('claimed_activity_fixed', '23514',
			format('activity %s cannot change its asset or kind once claimed', OLD.id),
			format('Activity %s is %s of asset %s, claimed by %s; the change would make it %s of asset %s.',
				OLD.id, OLD.kind, OLD.asset_id, claims, NEW.kind, NEW.asset_id),
			'Record the output of another asset or kind as an activity of its own.');
	END IF;

	IF NOT NEW.period OPERATOR(pg_catalog.@>) OLD.period THEN
		SELECT x.what, x.vintage INTO outside
		  FROM (SELECT pg_catalog.format('%s block %s', i.family, i.block) AS what, i.vintage, 1 AS src, i.id
		          FROM @extschema@.instrument i
		         WHERE i.activity_id OPERATOR(pg_catalog.=) OLD.id AND NOT NEW.period OPERATOR(pg_catalog.@>) i.vintage
		        UNION ALL
		        SELECT pg_catalog.format('%s block %s in %s', c.family, c.block, c.tbl), c.vintage, 2, 0
		          FROM @extschema@.guarded_claim c
		         WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id AND NOT NEW.period OPERATOR(pg_catalog.@>) c.vintage) x
		 ORDER BY x.src, x.id, x.what LIMIT 1;
		IF FOUND THEN
			-- The span of the vintages, bounds included or not as they are
			-- (range_agg() is PostgreSQL 14+).
			FOR v IN SELECT i.vintage FROM @extschema@.instrument i WHERE i.activity_id OPERATOR(pg_catalog.=) OLD.id
			         UNION ALL
			         SELECT c.vintage FROM @extschema@.guarded_claim c WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id
			LOOP
				span := pg_catalog.range_merge(coalesce(span, v), v);
			END LOOP;
			PERFORM @extschema@.raise_rule('vintage_within_activity', '23514',
				format('vintage %s of %s would be outside activity %s', outside.vintage, outside.what, OLD.id),
				format('The new period of activity %s is %s.', OLD.id, NEW.period),
				format('The period of activity %s must contain %s, the vintages claimed against it.', OLD.id, span));
		END IF;
	END IF;

	IF NEW.energy OPERATOR(@extschema@.<) OLD.energy OR NEW.co2e OPERATOR(@extschema@.<) OLD.co2e THEN
		SELECT * INTO shipped FROM @extschema@.activity_claimed(OLD.id);
		SELECT @extschema@.sum(c.claim_energy) AS energy, @extschema@.sum(c.claim_co2e) AS co2e INTO guarded
		  FROM @extschema@.guarded_claim c WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id;
		used_e := coalesce(shipped.energy, '0'::@extschema@.energy) OPERATOR(@extschema@.+) coalesce(guarded.energy, '0'::@extschema@.energy);
		used_c := coalesce(shipped.co2e, '0'::@extschema@.co2e) OPERATOR(@extschema@.+) coalesce(guarded.co2e, '0'::@extschema@.co2e);
		IF used_e OPERATOR(@extschema@.>) NEW.energy OR used_c OPERATOR(@extschema@.>) NEW.co2e THEN
			PERFORM @extschema@.raise_rule('one_attribute_one_instrument', '23514',
				format('activity %s cannot be reduced to %s: %s is claimed against it',
					OLD.id, coalesce(NEW.energy::text, NEW.co2e::text),
					CASE WHEN NEW.energy IS NULL THEN used_c::text ELSE used_e::text END),
				format('Activity %s (%s of asset %s over %s) has %s, claimed by %s.',
					OLD.id, OLD.kind, OLD.asset_id, OLD.period, coalesce(OLD.energy::text, OLD.co2e::text), claims),
				format('Activity %s can be reduced to no less than %s.', OLD.id,
					CASE WHEN NEW.energy IS NULL THEN used_c::text ELSE used_e::text END));
		END IF;
	END IF;
	RETURN NEW;
END
$$;

-- An asset's region, technology and kind are facts its instruments were
-- issued on and are still judged by (residual mix and regional attribution by
-- region, Article 6 host party, ETS offset rules by region and project type,
-- carbon-free hours by technology): once an issuance or a guarded row claims
-- output of the asset, or an Article 6 authorization by issuance or a JCM
-- share names it (they fixed its host party before any unit was issued), they
-- stay.  Name and owner may change (a plant is renamed or sold).
-- Concurrency: the asset row is locked FOR UPDATE, which waits for every
-- transaction adding an activity, an authorization or a JCM share to the asset
-- (their foreign-key checks hold the asset FOR KEY SHARE) or claiming its
-- output (claims hold the asset FOR KEY SHARE before they lock their
-- activity); everything is then counted with a fresh READ COMMITTED snapshot,
-- so such changes are refused outside READ COMMITTED.  The change locks no
-- activity: a transaction that changes an activity of the asset and then
-- claims it waits for the change instead of deadlocking with it.
CREATE FUNCTION @extschema@.asset_before_update() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	n_shipped  bigint;
	n_guarded  bigint;
	n_article6 bigint;
BEGIN
	PERFORM @extschema@.refuse_outside_read_committed('asset_change_read_committed',
		format('asset %s cannot change its region, technology or kind', OLD.id),
		'The change is checked against the claims on the asset''s output, and this snapshot could miss one committed after the transaction began.',
		'Change the asset in a READ COMMITTED transaction (the default).');
	PERFORM 1 FROM @extschema@.asset a WHERE a.id OPERATOR(pg_catalog.=) OLD.id FOR UPDATE;
	-- Through the asset's activities: instruments and guarded rows are indexed by activity.
	SELECT pg_catalog.count(*) INTO n_shipped
	  FROM @extschema@.activity a JOIN @extschema@.instrument i ON i.activity_id OPERATOR(pg_catalog.=) a.id
	 WHERE a.asset_id OPERATOR(pg_catalog.=) OLD.id;
	SELECT pg_catalog.count(*) INTO n_guarded
	  FROM @extschema@.activity a JOIN @extschema@.guarded_claim c ON c.activity_id OPERATOR(pg_catalog.=) a.id
	 WHERE a.asset_id OPERATOR(pg_catalog.=) OLD.id;
	SELECT (SELECT pg_catalog.count(*) FROM @extschema@.itmo_authorization x WHERE x.asset_id OPERATOR(pg_catalog.=) OLD.id)
	       OPERATOR(pg_catalog.+)
	       (SELECT pg_catalog.count(*) FROM @extschema@.jcm_share x WHERE x.asset_id OPERATOR(pg_catalog.=) OLD.id)
	  INTO n_article6;
	IF n_shipped OPERATOR(pg_catalog.>) 0 OR n_guarded OPERATOR(pg_catalog.>) 0 OR n_article6 OPERATOR(pg_catalog.>) 0 THEN
		PERFORM @extschema@.raise_rule('claimed_asset_fixed', '23514',
			format('asset %s cannot change its region, technology or kind once its output is claimed, authorized or allocated', OLD.id),
			format('Asset %s (%s, %s in %s) has %s %s, %s %s and %s Article 6 %s; the change would make it %s, %s in %s.',
				OLD.id, OLD.kind, OLD.technology, OLD.region,
				n_shipped, CASE n_shipped WHEN 1 THEN 'issuance' ELSE 'issuances' END,
				n_guarded, CASE n_guarded WHEN 1 THEN 'guarded row' ELSE 'guarded rows' END,
				n_article6, CASE n_article6 WHEN 1 THEN 'authorization or JCM share' ELSE 'authorizations or JCM shares' END,
				NEW.kind, NEW.technology, NEW.region),
			'Record a plant with other facts as an asset of its own; an asset''s facts can be corrected until its output is first claimed, authorized or allocated.');
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER instrument_checks BEFORE INSERT ON @extschema@.instrument
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.instrument_before_insert();
CREATE TRIGGER instrument_holding AFTER INSERT ON @extschema@.instrument
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.instrument_after_insert();
CREATE TRIGGER instrument_immutable BEFORE UPDATE OR DELETE ON @extschema@.instrument
	FOR EACH ROW EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON @extschema@.journal
	FOR EACH ROW EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON @extschema@.journal
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER holding_no_truncate BEFORE TRUNCATE ON @extschema@.holding
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER credit_no_truncate BEFORE TRUNCATE ON @extschema@.credit FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER certificate_no_truncate BEFORE TRUNCATE ON @extschema@.certificate FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER green_power_no_truncate BEFORE TRUNCATE ON @extschema@.green_power FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER energy_quota_no_truncate BEFORE TRUNCATE ON @extschema@.energy_quota FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER activity_keeps_claims BEFORE UPDATE ON @extschema@.activity
	FOR EACH ROW WHEN (NEW.asset_id OPERATOR(pg_catalog.<>) OLD.asset_id OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind
	                   OR NOT NEW.period OPERATOR(pg_catalog.@>) OLD.period
	                   OR NEW.energy OPERATOR(@extschema@.<) OLD.energy OR NEW.co2e OPERATOR(@extschema@.<) OLD.co2e)
	EXECUTE FUNCTION @extschema@.activity_before_update();
CREATE TRIGGER asset_keeps_claims BEFORE UPDATE ON @extschema@.asset
	FOR EACH ROW WHEN (NEW.region OPERATOR(pg_catalog.<>) OLD.region OR NEW.technology OPERATOR(pg_catalog.<>) OLD.technology
	                   OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind)
	EXECUTE FUNCTION @extschema@.asset_before_update();
