-- contrib/citus/cluster_functions.sql: the functions of greenattr 0.2 that must
-- run differently once the registry is distributed by asset id.  Included by
-- prepare.sql, so it runs on every node inside prepare's transaction.
--
-- Why they change (each is the extension's function with these differences,
-- marked "cluster:" in the bodies):
--   * A query on a distributed table without "asset_id = x" goes to every
--     shard.  Citus refuses that with FOR UPDATE/SHARE, and refuses any remote
--     shard inside a trigger running on a shard ("cannot execute a distributed
--     query from a query on a shard").  So every lookup names the asset: the
--     triggers take it from NEW (an INSERT into a distributed table must carry
--     the asset id anyway), the verbs find it first (find_block() calls
--     greenattr_citus.block_asset(), a read of every shard, on the coordinator)
--     and write the holding on its shards.
--   * set_config() is not passed to the workers, so the holding guard there
--     would never see that a verb is at work: the verbs set greenattr.verb with
--     SET LOCAL, which Citus passes on (citus.propagate_set_commands = local).
--   * The journal and its hash chain stay on the coordinator (one chain, as on
--     one node); triggers that run on the workers cannot write it, so the
--     journal rows of an issuance and of conversions are written by issue(),
--     and issue_many() calls issue() once per block (claim_consumption_many()
--     likewise calls claim_consumption(): its batch locks holdings across
--     shards).
--   * numbering has an asset_id (prepare.sql).
--   * coverage_checks no longer looks for credits of the entity's assets when
--     coverage is added (a read of every shard from a trigger), nor locks the
--     entity (a distributed deadlock between the copies of the reference
--     table): audit() reports what it let through (README, "Scale-out with Citus").
--   * Errors raised on a worker reach the client without their constraint
--     name: raise_rule() adds it to the hint there; refuse_change() names the
--     table, not the shard.
--   * The area audits join distributed tables on the asset id too.
--     audit_registry() joins the blocks block_overlaps() reports instead of
--     looking each up in a correlated subquery (refused by Citus).
--   * ets_verdict() is PL/pgSQL (Citus plans no SQL function with parameters
--     over distributed tables).
--   * The guard triggers on instrument and coverage are not replaced:
--     guard() is refused on a cluster (prepare.sql), so they return at once.
-- Nothing else in the function bodies differs from greenattr 0.2.

CREATE TEMP TABLE cluster_functions_before ON COMMIT DROP AS
SELECT p.oid, p.prosecdef, p.proconfig FROM pg_catalog.pg_proc p
 WHERE p.pronamespace = 'greenattr'::regnamespace;

-- The asset whose holdings contain units of block b (NULL if none).  Reads
-- every shard: call it on the coordinator, never from a trigger.
CREATE FUNCTION greenattr_citus.block_asset(b greenattr.certblock) RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	assets bigint[];
BEGIN
	SELECT pg_catalog.array_agg(DISTINCT h.asset_id ORDER BY h.asset_id) INTO assets
	  FROM greenattr.holding h WHERE h.block OPERATOR(greenattr.&&) b;
	IF pg_catalog.cardinality(assets) > 1 THEN
		PERFORM greenattr.raise_rule('one_holder', '23514',
			format('block %s is held in holdings of several assets (%s)', b::text, pg_catalog.array_to_string(assets, ', ')),
			'On a cluster, holdings are stored per asset; a globally numbered scheme can have the same serials in two assets.',
			'Name the part of each asset separately; audit() reports the overlap.');
	END IF;
	RETURN assets[1];
END
$$;

-- SET LOCAL greenattr.verb, passed on to the workers by Citus.
CREATE FUNCTION greenattr_citus.set_verb(v text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET citus.propagate_set_commands = 'local'
AS $$
BEGIN
	EXECUTE format('SET LOCAL greenattr.verb = %L', v);
END
$$;

-- activity_claimed() for one asset's shards (callable inside triggers).
CREATE FUNCTION greenattr_citus.activity_claimed(activity_id bigint, asset_id bigint,
	OUT energy greenattr.energy, OUT co2e greenattr.co2e)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
BEGIN
	SELECT greenattr.sum(i.claim_energy) OPERATOR(greenattr.-)
	       ('1 MWh'::greenattr.energy OPERATOR(greenattr.*) coalesce(pg_catalog.sum(
	           (SELECT pg_catalog.sum(greenattr.units(h.block)) FROM greenattr.holding h
	             WHERE h.asset_id OPERATOR(pg_catalog.=) activity_claimed.asset_id        -- cluster
	               AND h.instrument_id OPERATOR(pg_catalog.=) i.id AND h.family OPERATOR(pg_catalog.=) i.family
	               AND h.status OPERATOR(pg_catalog.=) 'converted')), 0)),
	       greenattr.sum(i.claim_co2e)
	  INTO energy, co2e
	  FROM greenattr.instrument i
	 WHERE i.asset_id OPERATOR(pg_catalog.=) activity_claimed.asset_id                   -- cluster
	   AND i.activity_id OPERATOR(pg_catalog.=) activity_claimed.activity_id;
END
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA greenattr_citus FROM PUBLIC;

-- cluster: Citus passes a worker's error on to the client with its SQLSTATE,
-- message, detail, hint and context, but without its constraint name, so on a
-- worker the rule's name is added to the hint: "(rule: one_attribute_one_instrument)".
CREATE OR REPLACE FUNCTION greenattr.raise_rule(rule text, code text, msg text, detail text, hint text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (SELECT l.groupid FROM pg_catalog.pg_dist_local_group l) OPERATOR(pg_catalog.>) 0 THEN
		hint := pg_catalog.concat_ws(' ', hint, pg_catalog.format('(rule: %s)', rule));
	END IF;
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

-- cluster: on a worker the trigger fires on a shard ("certificate_102104"):
-- the rule and the message name the table, not the shard.
CREATE OR REPLACE FUNCTION greenattr.refuse_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	tbl text := pg_catalog.regexp_replace(TG_TABLE_NAME, '_[0-9]+$', '');
BEGIN
	PERFORM greenattr.raise_rule(tbl OPERATOR(pg_catalog.||) '_immutable', '23000',
		format('rows of greenattr.%s cannot be changed by %s', tbl, TG_OP),
		CASE WHEN TG_LEVEL OPERATOR(pg_catalog.=) 'ROW'
		     THEN format('Row %s, block %s.', OLD.id, OLD.block::text) END,
		CASE tbl
			WHEN 'journal' THEN 'The journal is append-only.'
			ELSE 'Issued units are withdrawn with greenattr.cancel(), never edited or deleted.' END);
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.activity_claimed(activity_id bigint,
	OUT energy greenattr.energy, OUT co2e greenattr.co2e)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	asset bigint;
BEGIN
	-- cluster: find the asset (every shard), then sum on its shards.
	SELECT a.asset_id INTO asset FROM greenattr.activity a WHERE a.id OPERATOR(pg_catalog.=) activity_claimed.activity_id;
	SELECT c.energy, c.co2e INTO energy, co2e FROM greenattr_citus.activity_claimed(activity_claimed.activity_id, asset) c;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.convert_frozen_certificates(act greenattr.activity, credit_mechanism text,
	credit_block greenattr.certblock, credit_vintage tstzrange)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	cp   greenattr.crediting_period;
	verb text := pg_catalog.current_setting('greenattr.verb', true);
	done  text;
BEGIN
	SELECT * INTO cp FROM greenattr.crediting_period c
	 WHERE c.asset_id OPERATOR(pg_catalog.=) act.asset_id AND c.during OPERATOR(pg_catalog.&&) credit_vintage;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF cp.mechanism OPERATOR(pg_catalog.<>) credit_mechanism THEN
		PERFORM greenattr.raise_rule('crediting_period', '23514',
			format('credit block %s: asset %s opted into %s for %s', credit_block::text, act.asset_id,
				cp.mechanism, cp.during),
			format('The vintage %s lies in that crediting period.', credit_vintage),
			format('Only %s credits can be issued for this period.', cp.mechanism));
	END IF;
	done := pg_catalog.set_config('greenattr.verb', 'convert', true);
	-- cluster: one asset's shards; the journal rows are written by issue().
	UPDATE greenattr.holding h
	   SET status = 'converted', since = pg_catalog.now(),
	       reason = format('converted to %s credit %s', credit_mechanism, credit_block::text)
	  FROM greenattr.instrument c
	 WHERE h.asset_id OPERATOR(pg_catalog.=) act.asset_id AND c.asset_id OPERATOR(pg_catalog.=) act.asset_id
	   AND c.id OPERATOR(pg_catalog.=) h.instrument_id AND c.family OPERATOR(pg_catalog.=) h.family
	   AND c.activity_id OPERATOR(pg_catalog.=) act.id AND c.vintage OPERATOR(pg_catalog.&&) credit_vintage
	   AND h.status OPERATOR(pg_catalog.=) 'frozen';
	done := pg_catalog.set_config('greenattr.verb', coalesce(verb, ''), true);
END
$$;

CREATE OR REPLACE FUNCTION greenattr.instrument_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	mech    greenattr.mechanism;
	act     greenattr.activity;
	owner   bigint;
	units   bigint;
	claimed record;
	used_energy greenattr.energy;
	used_co2e   greenattr.co2e;
	over    boolean;
	amounts text[];
	cov     record;
	what    text;
BEGIN
	SELECT * INTO mech FROM greenattr.mechanism m WHERE m.code OPERATOR(pg_catalog.=) NEW.mechanism;
	IF NOT FOUND THEN
		PERFORM greenattr.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" does not exist', NEW.mechanism), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	IF mech.family OPERATOR(pg_catalog.<>) NEW.family THEN
		PERFORM greenattr.raise_rule('mechanism_family', '23514',
			format('mechanism %s issues %s units, not %s units', mech.code, mech.family, NEW.family),
			NULL, format('Insert %s units into greenattr.%s.', mech.code, mech.family));
	END IF;
	IF greenattr.scheme(NEW.block) OPERATOR(pg_catalog.<>) mech.code THEN
		PERFORM greenattr.raise_rule('block_scheme', '23514',
			format('block %s is not a %s serial block', NEW.block::text, mech.code), NULL,
			'The scheme of an issued block is the code of its mechanism.');
	END IF;

	-- The activity row lock serialises every claim on this activity.
	-- cluster: the row carries its asset id (Citus routed it by it); the
	-- activity must be one of that asset's.
	SELECT * INTO act FROM greenattr.activity a
	 WHERE a.asset_id OPERATOR(pg_catalog.=) NEW.asset_id
	   AND a.id OPERATOR(pg_catalog.=) NEW.activity_id FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		PERFORM greenattr.raise_rule('activity_exists', '23503',
			format('activity %s does not exist', NEW.activity_id),
			format('No activity %s of asset %s.', NEW.activity_id, NEW.asset_id),
			'On a cluster, an issuance names the asset of its activity (asset_id).');
	END IF;
	NEW.asset_id := act.asset_id;
	NEW.vintage := coalesce(NEW.vintage, act.period);
	IF NOT act.period OPERATOR(pg_catalog.@>) NEW.vintage THEN
		PERFORM greenattr.raise_rule('vintage_within_activity', '23514',
			format('vintage %s of block %s is outside activity %s', NEW.vintage, NEW.block::text, act.id),
			format('Activity %s covers %s.', act.id, act.period), NULL);
	END IF;

	units := greenattr.units(NEW.block);
	NEW.claim_energy := NULL;
	NEW.claim_co2e := NULL;
	IF NEW.family IN ('certificate', 'green_power') THEN
		what := 'generation';
		NEW.claim_energy := '1 MWh'::greenattr.energy OPERATOR(greenattr.*) units;
	ELSIF NEW.family OPERATOR(pg_catalog.=) 'energy_quota' THEN
		what := 'saving';
		NEW.claim_energy := '1 tce'::greenattr.energy OPERATOR(greenattr.*) units;
	ELSIF act.kind OPERATOR(pg_catalog.=) 'reduction' THEN
		what := 'reduction';
		NEW.claim_co2e := '1 t'::greenattr.co2e OPERATOR(greenattr.*) units;
	ELSE
		what := act.kind;
		IF NEW.baseline_ef IS NULL
		   OR NEW.baseline_ef OPERATOR(greenattr.<=) '0'::greenattr.emission_factor THEN
			PERFORM greenattr.raise_rule('credit_baseline_factor', '23514',
				format('credit block %s against %s activity %s needs a positive baseline emission factor',
					NEW.block::text, act.kind, act.id), NULL,
				'Give baseline_ef: the factor that converts the credited tonnes into MWh of the activity.');
		END IF;
		NEW.claim_energy := ('1 t'::greenattr.co2e OPERATOR(greenattr.*) units)
			OPERATOR(greenattr./) NEW.baseline_ef;
	END IF;
	IF act.kind OPERATOR(pg_catalog.<>) what THEN
		PERFORM greenattr.raise_rule('instrument_activity_kind', '23514',
			format('%s block %s cannot be issued against %s activity %s',
				NEW.family, NEW.block::text, act.kind, act.id), NULL,
			format('%s units are issued against %s activities.', NEW.family, what));
	END IF;

	-- Crediting periods: only the mechanism the asset opted into credits the
	-- period, and issuing it converts the certificates frozen for it.
	IF NEW.family OPERATOR(pg_catalog.=) 'credit' THEN
		PERFORM greenattr.convert_frozen_certificates(act, NEW.mechanism, NEW.block, NEW.vintage);
	END IF;

	-- One attribute, one instrument: all families together claim at most the
	-- activity, in its own measure (energy or co2e).
	-- (Called as an expression, not as a table in FROM: no tuplestore, no plan.)
	claimed := greenattr_citus.activity_claimed(act.id, act.asset_id);   -- cluster: the asset's shards
	IF act.energy IS NOT NULL THEN
		used_energy := coalesce(claimed.energy, '0'::greenattr.energy);
		over := used_energy OPERATOR(greenattr.+) NEW.claim_energy OPERATOR(greenattr.>) act.energy;
	ELSE
		used_co2e := coalesce(claimed.co2e, '0'::greenattr.co2e);
		over := used_co2e OPERATOR(greenattr.+) NEW.claim_co2e OPERATOR(greenattr.>) act.co2e;
	END IF;
	IF over THEN
		-- The figures of the message, written out only when it is raised.
		IF act.energy IS NOT NULL THEN
			amounts := ARRAY[act.energy::text, used_energy::text, NEW.claim_energy::text,
			                 (act.energy OPERATOR(greenattr.-) used_energy)::text];
		ELSE
			amounts := ARRAY[act.co2e::text, used_co2e::text, NEW.claim_co2e::text,
			                 (act.co2e OPERATOR(greenattr.-) used_co2e)::text];
		END IF;
		PERFORM greenattr.raise_rule('one_attribute_one_instrument', '23514',
			format('%s block %s would claim more than activity %s %s', NEW.family, NEW.block::text, act.id,
				CASE act.kind WHEN 'reduction' THEN 'reduced' ELSE 'produced' END),
			format('Activity %s (%s of asset %s over %s) has %s; instruments already claim %s; this block claims %s.',
				act.id, act.kind, act.asset_id, act.period, amounts[1], amounts[2], amounts[3]),
			format('At most %s can still be issued against activity %s.', amounts[4], act.id));
	END IF;

	-- Boundary rules: credits only, against coverage of the asset's owner.
	-- cluster: asset, entity, coverage and boundary_rule are reference tables, read on this node.
	IF NEW.family OPERATOR(pg_catalog.=) 'credit' THEN
		SELECT s.owner_id INTO owner FROM greenattr.asset s WHERE s.id OPERATOR(pg_catalog.=) act.asset_id;
		-- Lock the owner: a concurrent coverage change waits for this issuance.
		PERFORM 1 FROM greenattr.entity e WHERE e.id OPERATOR(pg_catalog.=) owner FOR SHARE;
		SELECT r.market, r.rule, c.during, e.name INTO cov
		  FROM greenattr.coverage c
		  JOIN greenattr.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		  JOIN greenattr.entity e ON e.id OPERATOR(pg_catalog.=) c.entity_id
		 WHERE c.entity_id OPERATOR(pg_catalog.=) owner
		   AND greenattr.day_range(c.during) OPERATOR(pg_catalog.&&) NEW.vintage
		   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
		        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND act.kind OPERATOR(pg_catalog.=) 'saving'))
		 ORDER BY r.market LIMIT 1;
		IF FOUND THEN
			PERFORM greenattr.raise_rule(cov.rule, '23514',
				format('credit block %s comes from inside the boundary of an entity covered by %s',
					NEW.block::text, cov.market),
				format('Asset %s belongs to entity %s (%s), covered by %s during %s; the credited vintage is %s.',
					act.asset_id, owner, cov.name, cov.market, cov.during, NEW.vintage),
				format('Boundary rule %s of %s forbids it; credits can be issued only for periods outside that coverage.',
					cov.rule, cov.market));
		END IF;
	END IF;

	PERFORM greenattr.check_account(NEW.issued_to, NEW.block, 'receive');
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.instrument_after_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
	verb text := pg_catalog.current_setting('greenattr.verb', true);
	done  text;
BEGIN
	done := pg_catalog.set_config('greenattr.verb', 'issue', true);
	INSERT INTO greenattr.holding (block, instrument_id, family, asset_id, account_id)
	VALUES (NEW.block, NEW.id, NEW.family, NEW.asset_id, NEW.issued_to);
	-- cluster: numbering per asset; the journal row is written by issue().
	INSERT INTO greenattr.numbering AS n (asset_id, scheme, space, next_first)
	VALUES (NEW.asset_id, greenattr.scheme(NEW.block), greenattr.space(NEW.block), greenattr.last_unit(NEW.block) OPERATOR(pg_catalog.+) 1)
	ON CONFLICT (asset_id, scheme, space) DO UPDATE
	   SET next_first = EXCLUDED.next_first
	 WHERE n.next_first OPERATOR(pg_catalog.<) EXCLUDED.next_first;
	done := pg_catalog.set_config('greenattr.verb', coalesce(verb, ''), true);
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.holding_conservation() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
	issued greenattr.certblock;
	gone   greenattr.certblock;
	held   numeric;
BEGIN
	SELECT i.block INTO issued FROM greenattr.instrument i
	 WHERE i.asset_id OPERATOR(pg_catalog.=) NEW.asset_id                                  -- cluster
	   AND i.id OPERATOR(pg_catalog.=) NEW.instrument_id AND i.family OPERATOR(pg_catalog.=) NEW.family;
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' OR NEW.instrument_id OPERATOR(pg_catalog.<>) OLD.instrument_id THEN
		IF issued IS NULL OR NOT issued OPERATOR(greenattr.@>) NEW.block THEN
			PERFORM greenattr.raise_rule('conservation', '23514',
				format('holding %s holds units %s outside issuance %s', NEW.id, NEW.block::text, NEW.instrument_id),
				format('Issuance %s issued %s.', NEW.instrument_id, coalesce(issued::text, 'nothing')),
				'Per issuance, held + retired + cancelled units equal the issued units.');
		END IF;
		RETURN NULL;
	END IF;
	IF NEW.block OPERATOR(greenattr.=) OLD.block THEN
		RETURN NULL;
	END IF;
	IF NOT OLD.block OPERATOR(greenattr.@>) NEW.block THEN
		PERFORM greenattr.raise_rule('conservation', '23514',
			format('holding %s grew from %s to %s', NEW.id, OLD.block::text, NEW.block::text), NULL,
			'A holding only gives units away; per issuance, held + retired + cancelled units equal the issued units.');
	END IF;
	-- The units given up: before and after the block kept (one or both may be empty).
	FOR gone IN
		SELECT greenattr.certblock(greenattr.scheme(OLD.block), greenattr.space(OLD.block), g.f, g.l)
		  FROM (VALUES (greenattr.first_unit(OLD.block), greenattr.first_unit(NEW.block) OPERATOR(pg_catalog.-) 1),
		               (greenattr.last_unit(NEW.block) OPERATOR(pg_catalog.+) 1, greenattr.last_unit(OLD.block))) g(f, l)
		 WHERE g.f OPERATOR(pg_catalog.<=) g.l
	LOOP
		SELECT coalesce(pg_catalog.sum(
		           pg_catalog.int8smaller(greenattr.last_unit(h.block), greenattr.last_unit(gone))
		           OPERATOR(pg_catalog.-) pg_catalog.int8larger(greenattr.first_unit(h.block), greenattr.first_unit(gone))
		           OPERATOR(pg_catalog.+) 1), 0)
		  INTO held
		  FROM greenattr.holding h
		 WHERE h.asset_id OPERATOR(pg_catalog.=) NEW.asset_id                               -- cluster
		   AND h.block OPERATOR(greenattr.&&) gone AND h.instrument_id OPERATOR(pg_catalog.=) NEW.instrument_id;
		IF held OPERATOR(pg_catalog.<>) greenattr.units(gone) THEN
			PERFORM greenattr.raise_rule('conservation', '23514',
				format('holdings of issuance %s do not add up to its block %s', NEW.instrument_id, issued::text),
				format('Units %s left holding %s; other holdings of the issuance hold %s of its %s units.',
					gone::text, NEW.id, held, greenattr.units(gone)),
				'Per issuance, held + retired + cancelled units equal the issued units.');
		END IF;
	END LOOP;
	RETURN NULL;
END
$$;

-- cluster: the no_ets_coverage check only, without the entity lock.  The
-- check that no credit of the entity's assets lies in the new coverage would
-- read every shard from a trigger; and coverage is a reference table, so this
-- trigger runs on every node's copy, where locking the entity row (a reference
-- table too) from each copy deadlocks the copies against each other (measured:
-- "canceling the transaction since it was involved in a distributed
-- deadlock").  audit() reports credits inside a coverage and overlapping
-- coverages that no_ets_coverage forbids.
CREATE OR REPLACE FUNCTION greenattr.coverage_checks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	clash record;
BEGIN

	SELECT c.market, c.during, r.market AS rule_market INTO clash
	  FROM greenattr.coverage c
	  JOIN greenattr.market m ON m.code OPERATOR(pg_catalog.=) c.market
	  JOIN greenattr.market nm ON nm.code OPERATOR(pg_catalog.=) NEW.market
	  JOIN greenattr.boundary_rule r ON r.rule OPERATOR(pg_catalog.=) 'no_ets_coverage'
	   AND ((r.market OPERATOR(pg_catalog.=) NEW.market AND m.kind OPERATOR(pg_catalog.=) 'ets')
	     OR (r.market OPERATOR(pg_catalog.=) c.market AND nm.kind OPERATOR(pg_catalog.=) 'ets'))
	 WHERE c.entity_id OPERATOR(pg_catalog.=) NEW.entity_id
	   AND c.during OPERATOR(pg_catalog.&&) NEW.during
	   AND (TG_OP OPERATOR(pg_catalog.=) 'INSERT' OR c.ctid OPERATOR(pg_catalog.<>) OLD.ctid)
	 LIMIT 1;
	IF FOUND THEN
		PERFORM greenattr.raise_rule('no_ets_coverage', '23514',
			format('entity %s cannot be covered by %s during %s: it is covered by %s during %s',
				NEW.entity_id, NEW.market, NEW.during, clash.market, clash.during),
			format('Boundary rule no_ets_coverage of %s: an entity it covers is not covered by an ETS at the same time.',
				clash.rule_market),
			'Choose a period that does not overlap the other coverage.');
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.find_block(b greenattr.certblock, from_account bigint, verb text)
RETURNS greenattr.holding LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h     greenattr.holding;
	other greenattr.holding;
	tries int := 0;
	asset bigint;
	mine  bigint[];
BEGIN
	-- cluster: the verb is passed on to the workers; the asset is found first
	-- and every holding query below is on its shards.
	PERFORM greenattr_citus.set_verb(verb);
	asset := greenattr_citus.block_asset(b);
	-- A holder learns nothing of units that are not its own, not even whether
	-- they exist or what state they are in: the ownership check comes first
	-- (caller_is_operator() and caller_accounts(): 90_security_roles.sql).  The
	-- operator, and a superuser, act on any units.  (Two IFs: the first is a
	-- plain expression, evaluated without starting a query for the second.)
	IF NOT greenattr.caller_is_operator() THEN
		mine := ARRAY(SELECT greenattr.caller_accounts());                       -- cluster
		IF asset IS NULL
		   OR EXISTS (SELECT 1 FROM greenattr.holding x
		               WHERE x.asset_id OPERATOR(pg_catalog.=) asset AND x.block OPERATOR(greenattr.&&) b
		                 AND x.account_id OPERATOR(pg_catalog.<>) ALL (mine)) THEN
			PERFORM greenattr.raise_rule('holder_owns_units', '42501',
				format('permission denied to %s units %s', verb, b::text),
				format('The units are not held by an account of an entity that role %s acts for.', SESSION_USER),
				'A holder moves only the units of its own accounts (greenattr.role_entity maps roles to entities).');
		END IF;
	END IF;
	IF asset IS NULL THEN                                                        -- cluster
		PERFORM greenattr.raise_rule('units_held', '23514',
			format('no units of block %s have been issued', b::text), NULL,
			'Name a block that was issued by greenattr.issue() or inserted into an instrument table.');
	END IF;
	LOOP
		SELECT * INTO h FROM greenattr.holding x
		 WHERE x.asset_id OPERATOR(pg_catalog.=) asset
		   AND x.block OPERATOR(greenattr.@>) b AND x.status OPERATOR(pg_catalog.=) 'active'
		   FOR UPDATE;
		-- A concurrent split may have moved our units into a row this statement's
		-- snapshot did not see yet: look once more with a fresh snapshot.
		EXIT WHEN FOUND OR tries OPERATOR(pg_catalog.>=) 1;
		tries := tries OPERATOR(pg_catalog.+) 1;
	END LOOP;
	IF NOT FOUND THEN
		SELECT * INTO other FROM greenattr.holding x
		 WHERE x.asset_id OPERATOR(pg_catalog.=) asset AND x.block OPERATOR(greenattr.&&) b
		 ORDER BY x.status OPERATOR(pg_catalog.=) 'active', x.block LIMIT 1;
		IF NOT FOUND THEN
			PERFORM greenattr.raise_rule('units_held', '23514',
				format('no units of block %s have been issued', b::text), NULL,
				'Name a block that was issued by greenattr.issue() or inserted into an instrument table.');
		ELSIF other.status IN ('retired', 'cancelled', 'converted') THEN
			PERFORM greenattr.raise_rule('retired_and_cancelled_are_final', '23514',
				format('units %s of block %s are %s', other.block::text, b::text, other.status),
				format('Holding %s of account %s is %s.', other.id, other.account_id, other.status),
				'Retired and cancelled units are final: they cannot be transferred, retired or cancelled again.');
		ELSIF other.status OPERATOR(pg_catalog.=) 'frozen' THEN
			PERFORM greenattr.raise_rule('frozen_units', '23514',
				format('units %s of block %s are frozen', other.block::text, b::text),
				format('Holding %s of account %s is frozen.', other.id, other.account_id), NULL);
		ELSE
			PERFORM greenattr.raise_rule('one_holder', '23514',
				format('block %s is not held whole in one holding', b::text),
				format('Account %s holds %s, which covers only part of it.', other.account_id, other.block::text),
				'Transfer, retire or cancel the part in each holding separately.');
		END IF;
	END IF;
	IF from_account IS NOT NULL AND h.account_id OPERATOR(pg_catalog.<>) from_account THEN
		PERFORM greenattr.raise_rule('one_holder', '23514',
			format('block %s is held by account %s, not by account %s', b::text, h.account_id, from_account),
			NULL, 'Only the holding account can transfer, retire or cancel units.');
	END IF;
	PERFORM greenattr.check_account(h.account_id, b, 'send');

	RETURN h;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.take_block(b greenattr.certblock, from_account bigint, verb text)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h greenattr.holding := greenattr.find_block(b, from_account, verb);
BEGIN
	-- Shrink the row to the block first, then store the pieces before and after it.
	UPDATE greenattr.holding x SET block = b
	 WHERE x.asset_id OPERATOR(pg_catalog.=) h.asset_id AND x.id OPERATOR(pg_catalog.=) h.id;   -- cluster
	PERFORM greenattr.keep_rest(h, b);
	RETURN h.id;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.issue(mechanism text, activity bigint, units bigint, account bigint,
	baseline_ef greenattr.emission_factor DEFAULT NULL, vintage tstzrange DEFAULT NULL)
RETURNS greenattr.certblock LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	fam   text;
	asset bigint;
	first bigint;
	b     greenattr.certblock;
	iid   bigint;
	vint  tstzrange;
BEGIN
	IF units OPERATOR(pg_catalog.<=) 0 THEN
		RAISE EXCEPTION 'cannot issue % units', units USING ERRCODE = '22023',
			HINT = 'Issue a positive whole number of units.';
	END IF;
	SELECT m.family INTO fam FROM greenattr.mechanism m WHERE m.code OPERATOR(pg_catalog.=) issue.mechanism;
	IF NOT FOUND THEN
		PERFORM greenattr.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" does not exist', issue.mechanism), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	SELECT a.asset_id INTO asset FROM greenattr.activity a WHERE a.id OPERATOR(pg_catalog.=) issue.activity;
	IF NOT FOUND THEN
		PERFORM greenattr.raise_rule('activity_exists', '23503',
			format('activity %s does not exist', issue.activity), NULL, NULL);
	END IF;
	-- cluster: numbering and the issuance row carry the asset id.
	INSERT INTO greenattr.numbering AS n (asset_id, scheme, space, next_first)
	VALUES (asset, issue.mechanism, asset::text, units OPERATOR(pg_catalog.+) 1)
	ON CONFLICT (asset_id, scheme, space) DO UPDATE SET next_first = n.next_first OPERATOR(pg_catalog.+) units
	RETURNING n.next_first OPERATOR(pg_catalog.-) units INTO first;
	b := greenattr.certblock(issue.mechanism, asset::text, first, first OPERATOR(pg_catalog.+) units OPERATOR(pg_catalog.-) 1);
	INSERT INTO greenattr.instrument (family, mechanism, asset_id, activity_id, block, vintage, baseline_ef, issued_to)
	VALUES (fam, issue.mechanism, asset, issue.activity, b, issue.vintage, issue.baseline_ef, issue.account)
	RETURNING id, instrument.vintage INTO iid, vint;
	-- cluster: the journal rows the triggers write on one node.
	INSERT INTO greenattr.journal (verb, block, from_account, detail)
	SELECT 'convert', h.block, h.account_id,
	       pg_catalog.jsonb_build_object('converted_to', b::text, 'mechanism', issue.mechanism)
	  FROM greenattr.holding h
	 WHERE fam OPERATOR(pg_catalog.=) 'credit' AND h.asset_id OPERATOR(pg_catalog.=) asset
	   AND h.status OPERATOR(pg_catalog.=) 'converted'
	   AND h.reason OPERATOR(pg_catalog.=) format('converted to %s credit %s', issue.mechanism, b::text)
	 ORDER BY h.block;
	INSERT INTO greenattr.journal (verb, block, to_account, detail)
	VALUES ('issue', b, issue.account,
		pg_catalog.jsonb_build_object('instrument', iid, 'family', fam, 'mechanism', issue.mechanism,
			'activity', issue.activity, 'vintage', vint::text));
	RETURN b;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.issue_many(mechanism text, activities bigint[], units bigint[], account bigint,
	baseline_ef greenattr.emission_factor DEFAULT NULL)
RETURNS SETOF greenattr.certblock LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	fam text;
	bad record;
	n   int;
BEGIN
	IF pg_catalog.cardinality(activities) IS DISTINCT FROM pg_catalog.cardinality(units) THEN
		RAISE EXCEPTION 'activities and units differ in length (% and %)',
			pg_catalog.cardinality(activities), pg_catalog.cardinality(units) USING ERRCODE = '22023',
			HINT = 'Give one number of units per activity.';
	END IF;
	-- The argument checks of issue(), for the first row that fails them.
	SELECT x.u INTO bad FROM pg_catalog.unnest(units) x (u)
	 WHERE x.u IS NULL OR x.u OPERATOR(pg_catalog.<=) 0 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'cannot issue % units', coalesce(bad.u::text, 'NULL') USING ERRCODE = '22023',
			HINT = 'Issue a positive whole number of units.';
	END IF;
	SELECT m.family INTO fam FROM greenattr.mechanism m WHERE m.code OPERATOR(pg_catalog.=) issue_many.mechanism;
	IF NOT FOUND THEN
		PERFORM greenattr.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" does not exist', issue_many.mechanism), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	-- cluster: one issue() per block, in argument order (the same serials:
	-- each asset's blocks follow one another).  The set-based insert reads
	-- activity and numbering without the asset and leaves the journal rows to
	-- the instrument trigger, which on a cluster runs on the workers.
	FOR n IN 1 .. coalesce(pg_catalog.cardinality(activities), 0) LOOP
		RETURN NEXT greenattr.issue(issue_many.mechanism, activities[n], units[n], issue_many.account,
			issue_many.baseline_ef);
	END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.claim_consumption_many(blocks greenattr.certblock[], entities bigint[], region text,
	periods tstzrange[], from_account bigint DEFAULT NULL)
RETURNS SETOF greenattr.certblock LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
	c record;
BEGIN
	IF pg_catalog.cardinality(blocks) IS DISTINCT FROM pg_catalog.cardinality(entities)
	   OR pg_catalog.cardinality(blocks) IS DISTINCT FROM pg_catalog.cardinality(periods) THEN
		RAISE EXCEPTION 'blocks, entities and periods differ in length (%, % and %)',
			pg_catalog.cardinality(blocks), pg_catalog.cardinality(entities), pg_catalog.cardinality(periods)
			USING ERRCODE = '22023', HINT = 'Give one entity and one period per block.';
	END IF;
	IF coalesce(pg_catalog.array_ndims(blocks), 1) OPERATOR(pg_catalog.>) 1
	   OR coalesce(pg_catalog.array_ndims(entities), 1) OPERATOR(pg_catalog.>) 1
	   OR coalesce(pg_catalog.array_ndims(periods), 1) OPERATOR(pg_catalog.>) 1 THEN
		RAISE EXCEPTION 'blocks, entities and periods must be one-dimensional arrays' USING ERRCODE = '22023',
			HINT = 'Give one entity and one period per block, each as a list.';
	END IF;
	-- cluster: one claim_consumption() per block, in argument order.  The batch
	-- locks holdings without their asset (FOR UPDATE across shards, refused by
	-- Citus) and writes rows whose triggers run on the workers, where
	-- bulk_checked() is false and the verb setting of set_config() unknown.
	FOR c IN SELECT x.b, x.e, x.p
	           FROM ROWS FROM (pg_catalog.unnest(blocks), pg_catalog.unnest(entities), pg_catalog.unnest(periods))
	                WITH ORDINALITY x (b, e, p, n)
	          ORDER BY x.n LOOP
		RETURN NEXT greenattr.claim_consumption(c.b, c.e, region, c.p, from_account);
	END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.transfer(block greenattr.certblock, to_account bigint, from_account bigint DEFAULT NULL)
RETURNS greenattr.certblock LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h greenattr.holding;
BEGIN
	-- Every check first, then one write of the holding: shrunk to the block and
	-- moved at once (one new version of the row, not two), its rest kept behind.
	h := greenattr.find_block(transfer.block, transfer.from_account, 'transfer');
	IF h.account_id OPERATOR(pg_catalog.=) transfer.to_account THEN
		RAISE EXCEPTION 'block % is already held by account %', transfer.block::text, h.account_id
			USING ERRCODE = '22023', HINT = 'Transfer to another account.';
	END IF;
	PERFORM greenattr.check_account(transfer.to_account, transfer.block, 'receive');
	UPDATE greenattr.holding x SET block = transfer.block, account_id = transfer.to_account, since = pg_catalog.now()
	 WHERE x.asset_id OPERATOR(pg_catalog.=) h.asset_id AND x.id OPERATOR(pg_catalog.=) h.id;   -- cluster
	PERFORM greenattr.keep_rest(h, transfer.block);
	INSERT INTO greenattr.journal (verb, block, from_account, to_account)
	VALUES ('transfer', transfer.block, h.account_id, transfer.to_account);
	PERFORM greenattr_citus.set_verb('');                                     -- cluster
	RETURN transfer.block;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.close_block(b greenattr.certblock, from_account bigint, new_status text,
	beneficiary text, purpose text, claimed_period tstzrange, reason text, detail jsonb)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	verb   text := CASE new_status WHEN 'retired' THEN 'retire' ELSE 'cancel' END;
	h      greenattr.holding;
	hid    bigint;
	holder bigint;
BEGIN
	-- As in transfer(): the checks, then one write of the holding, then its rest.
	h := greenattr.find_block(b, from_account, verb);
	UPDATE greenattr.holding x
	   SET block = b, status = new_status, beneficiary = close_block.beneficiary, purpose = close_block.purpose,
	       claimed_period = close_block.claimed_period, reason = close_block.reason, since = pg_catalog.now()
	 WHERE x.asset_id OPERATOR(pg_catalog.=) h.asset_id AND x.id OPERATOR(pg_catalog.=) h.id   -- cluster
	RETURNING x.id, x.account_id INTO hid, holder;
	PERFORM greenattr.keep_rest(h, b);
	INSERT INTO greenattr.journal (verb, block, from_account, detail) VALUES (verb, b, holder, detail);
	PERFORM greenattr_citus.set_verb('');                                     -- cluster
	RETURN hid;
END
$$;

CREATE OR REPLACE FUNCTION greenattr.opt_into_crediting(asset bigint, mechanism text, during tstzrange)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h      record;
	frozen bigint := 0;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM greenattr.mechanism m WHERE m.code OPERATOR(pg_catalog.=) opt_into_crediting.mechanism
	                  AND m.family OPERATOR(pg_catalog.=) 'credit') THEN
		RAISE EXCEPTION '"%" is not a crediting mechanism', opt_into_crediting.mechanism USING ERRCODE = '22023',
			HINT = 'Name a mechanism of family credit, such as CCER.';
	END IF;
	INSERT INTO greenattr.crediting_period (asset_id, mechanism, during)
	VALUES (opt_into_crediting.asset, opt_into_crediting.mechanism, opt_into_crediting.during);
	PERFORM greenattr_citus.set_verb('freeze');                                -- cluster
	FOR h IN
		SELECT x.id, x.block, x.account_id
		  FROM greenattr.holding x
		  JOIN greenattr.instrument i ON i.asset_id OPERATOR(pg_catalog.=) x.asset_id         -- cluster
		   AND i.id OPERATOR(pg_catalog.=) x.instrument_id AND i.family OPERATOR(pg_catalog.=) x.family
		 WHERE x.asset_id OPERATOR(pg_catalog.=) opt_into_crediting.asset
		   AND x.family OPERATOR(pg_catalog.=) 'certificate' AND x.status OPERATOR(pg_catalog.=) 'active'
		   AND x.account_id OPERATOR(pg_catalog.=) i.issued_to
		   AND i.vintage OPERATOR(pg_catalog.&&) opt_into_crediting.during
		 ORDER BY x.block
		   FOR UPDATE OF x
	LOOP
		UPDATE greenattr.holding x
		   SET status = 'frozen', since = pg_catalog.now(),
		       reason = format('asset %s opted into %s for %s', opt_into_crediting.asset,
		                       opt_into_crediting.mechanism, opt_into_crediting.during)
		 WHERE x.asset_id OPERATOR(pg_catalog.=) opt_into_crediting.asset AND x.id OPERATOR(pg_catalog.=) h.id;
		INSERT INTO greenattr.journal (verb, block, from_account, detail)
		VALUES ('freeze', h.block, h.account_id,
			pg_catalog.jsonb_build_object('mechanism', opt_into_crediting.mechanism, 'during', opt_into_crediting.during::text));
		frozen := frozen OPERATOR(pg_catalog.+) greenattr.units(h.block);
	END LOOP;
	PERFORM greenattr_citus.set_verb('');
	RETURN frozen;
END
$$;

-- audit(): the area audits again, with every join between distributed tables
-- made on the asset id too (Citus joins distributed tables only on their
-- distribution column).  The checks over whole numbering spaces (one_holder,
-- unique_serials) still compare every asset's blocks: on a cluster they are
-- what finds the same serials in two assets.  Run audit() with
-- citus.enable_repartition_joins = on.
-- block_overlaps() has no combine function: Citus gathers the (block, id,
-- tag) rows of every shard on the coordinator and aggregates them there
-- (citus.coordinator_aggregation_strategy = row-gather, the default), the
-- same array as on one node.  But Citus refuses the correlated lookup of a
-- reported block here ("correlated subqueries are not supported when the FROM
-- clause contains a CTE or subquery"): it is an inner join, sent to the shards
-- with the aggregate's result (an outer join made Citus copy the whole table
-- to the coordinator).  And with the lateral reference to the family list,
-- Citus ran the aggregate on each shard apart (32 arrays, no overlap across
-- shards found): the list is written out in the aggregate's argument.

CREATE OR REPLACE FUNCTION greenattr.audit_registry()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	-- 1, 5. No unit in two holdings (one holder; no unit issued twice).
	SELECT 'one_holder', 'holding ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
	       format('block %s overlaps an earlier holding of the same numbering space reaching unit %s',
	              h.block,                                                              -- cluster: joined below
	              o.a[k OPERATOR(pg_catalog.*) 3])
	  FROM (SELECT greenattr.block_overlaps(h.block, h.id, 0) AS a FROM greenattr.holding h) o
	 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k
	  JOIN greenattr.holding h ON h.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]
	UNION ALL
	-- 1. No issued block overlaps another (tag: the family's place in f.families).
	SELECT 'unique_serials', f.families[o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 1]]
	         OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
	       format('issued block %s overlaps an earlier issuance reaching unit %s',
	              i.block,                                                              -- cluster: joined below
	              o.a[k OPERATOR(pg_catalog.*) 3])
	  FROM (SELECT '{credit,certificate,green_power,energy_quota}'::text[] AS families) f
	 CROSS JOIN (SELECT greenattr.block_overlaps(i.block, i.id,                     -- cluster: not lateral, the list again
	                                pg_catalog.array_position('{credit,certificate,green_power,energy_quota}'::text[], i.family)) AS a
	                       FROM greenattr.instrument i) o
	 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k
	  JOIN greenattr.instrument i ON i.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]
	   AND i.family OPERATOR(pg_catalog.=) f.families[o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 1]]
	UNION ALL
	-- 2. One attribute, one instrument.
	SELECT 'one_attribute_one_instrument', 'activity ' OPERATOR(pg_catalog.||) a.id,
	       format('activity has %s; instruments claim %s', coalesce(a.energy::text, a.co2e::text),
	              coalesce(c.energy::text, c.co2e::text))
	  FROM greenattr.activity a
	  JOIN (SELECT i.asset_id, i.activity_id,
	               greenattr.sum(i.claim_energy) OPERATOR(greenattr.-) coalesce(
	                   '1 MWh'::greenattr.energy OPERATOR(greenattr.*) pg_catalog.sum(v.units), '0'::greenattr.energy) AS energy,
	               greenattr.sum(i.claim_co2e) AS co2e
	          FROM greenattr.instrument i
	          LEFT JOIN (SELECT x.asset_id, x.instrument_id, x.family, pg_catalog.sum(greenattr.units(x.block)) AS units
	                       FROM greenattr.holding x WHERE x.status OPERATOR(pg_catalog.=) 'converted'
	                      GROUP BY x.asset_id, x.instrument_id, x.family) v                    -- cluster: by asset
	            ON v.asset_id OPERATOR(pg_catalog.=) i.asset_id
	           AND v.instrument_id OPERATOR(pg_catalog.=) i.id AND v.family OPERATOR(pg_catalog.=) i.family
	         GROUP BY i.asset_id, i.activity_id) c
	    ON c.asset_id OPERATOR(pg_catalog.=) a.asset_id AND c.activity_id OPERATOR(pg_catalog.=) a.id
	 WHERE c.energy OPERATOR(greenattr.>) a.energy OR c.co2e OPERATOR(greenattr.>) a.co2e
	    OR (c.energy IS NOT NULL AND a.energy IS NULL) OR (c.co2e IS NOT NULL AND a.co2e IS NULL)
	UNION ALL
	-- 2. Each issuance claims what its units stand for.
	SELECT 'claim_matches_units', i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
	       format('block %s claims %s', i.block, coalesce(i.claim_energy::text, i.claim_co2e::text))
	  FROM greenattr.instrument i
	 WHERE (i.family IN ('certificate', 'green_power')
	        AND (i.claim_energy IS NULL OR i.claim_energy OPERATOR(greenattr.<>) ('1 MWh'::greenattr.energy OPERATOR(greenattr.*) greenattr.units(i.block))))
	    OR (i.family OPERATOR(pg_catalog.=) 'energy_quota'
	        AND (i.claim_energy IS NULL OR i.claim_energy OPERATOR(greenattr.<>) ('1 tce'::greenattr.energy OPERATOR(greenattr.*) greenattr.units(i.block))))
	    OR (i.family OPERATOR(pg_catalog.=) 'credit' AND i.claim_co2e IS NOT NULL
	        AND i.claim_co2e OPERATOR(greenattr.<>) ('1 t'::greenattr.co2e OPERATOR(greenattr.*) greenattr.units(i.block)))
	    OR (i.family OPERATOR(pg_catalog.=) 'credit' AND i.claim_energy IS NOT NULL
	        AND i.claim_energy OPERATOR(greenattr.<>) (('1 t'::greenattr.co2e OPERATOR(greenattr.*) greenattr.units(i.block))
	                                             OPERATOR(greenattr./) i.baseline_ef))
	    OR greenattr.scheme(i.block) OPERATOR(pg_catalog.<>) i.mechanism
	UNION ALL
	-- 2. Each issuance stays inside its activity (activity_keeps_claims): the
	-- activity exists on the issuance's asset (a foreign key a restore with the
	-- triggers off skips; on a cluster the join is co-located, so an activity
	-- of another asset counts as missing), a kind the family is issued against,
	-- the vintage within its period.  (audit_guard() checks guarded rows' asset
	-- and period.)
	SELECT CASE WHEN a.id IS NULL THEN 'instrument_activity_exists'
	            WHEN NOT a.period OPERATOR(pg_catalog.@>) i.vintage THEN 'vintage_within_activity'
	            ELSE 'instrument_activity_kind' END,
	       i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
	       CASE WHEN a.id IS NULL
	            THEN format('block %s (asset %s, vintage %s) names activity %s, which does not exist on asset %s',
	                        i.block, i.asset_id, i.vintage, i.activity_id, i.asset_id)
	            ELSE format('block %s (asset %s, vintage %s) is issued against %s activity %s of asset %s over %s',
	                        i.block, i.asset_id, i.vintage, a.kind, a.id, a.asset_id, a.period) END
	  FROM greenattr.instrument i
	  LEFT JOIN greenattr.activity a ON a.id OPERATOR(pg_catalog.=) i.activity_id
	   AND a.asset_id OPERATOR(pg_catalog.=) i.asset_id                                 -- cluster: co-located
	 WHERE a.id IS NULL
	    OR NOT a.period OPERATOR(pg_catalog.@>) i.vintage
	    OR (i.family IN ('certificate', 'green_power') AND a.kind OPERATOR(pg_catalog.<>) 'generation')
	    OR (i.family OPERATOR(pg_catalog.=) 'energy_quota' AND a.kind OPERATOR(pg_catalog.<>) 'saving')
	    OR (i.family OPERATOR(pg_catalog.=) 'credit'
	        AND (i.claim_co2e IS NOT NULL) OPERATOR(pg_catalog.<>) (a.kind OPERATOR(pg_catalog.=) 'reduction'))
	UNION ALL
	-- 3. One crediting mechanism per asset and period.
	SELECT 'credit_one_mechanism_per_period', 'credit ' OPERATOR(pg_catalog.||) x.id,
	       format('%s block %s and %s block %s of asset %s have overlapping vintages %s and %s',
	              x.mechanism, x.block, y.mechanism, y.block, x.asset_id, x.vintage, y.vintage)
	  FROM greenattr.credit x
	  JOIN greenattr.credit y ON y.asset_id OPERATOR(pg_catalog.=) x.asset_id
	   AND y.vintage OPERATOR(pg_catalog.&&) x.vintage AND y.mechanism OPERATOR(pg_catalog.>) x.mechanism
	UNION ALL
	-- 4. Boundary rules: credits from inside a covered boundary.
	SELECT r.rule, 'credit ' OPERATOR(pg_catalog.||) i.id,
	       format('block %s of asset %s (vintage %s): owner %s covered by %s during %s',
	              i.block, i.asset_id, i.vintage, s.owner_id, c.market, c.during)
	  FROM greenattr.credit i
	  JOIN greenattr.activity a ON a.asset_id OPERATOR(pg_catalog.=) i.asset_id      -- cluster
	   AND a.id OPERATOR(pg_catalog.=) i.activity_id
	  JOIN greenattr.asset s ON s.id OPERATOR(pg_catalog.=) i.asset_id
	  JOIN greenattr.coverage c ON c.entity_id OPERATOR(pg_catalog.=) s.owner_id
	   AND greenattr.day_range(c.during) OPERATOR(pg_catalog.&&) i.vintage
	  JOIN greenattr.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
	   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
	        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND a.kind OPERATOR(pg_catalog.=) 'saving'))
	UNION ALL
	-- 4. No entity in an ETS and in an energy-use-rights market that forbids it, at once.
	SELECT 'no_ets_coverage', 'entity ' OPERATOR(pg_catalog.||) c.entity_id,
	       format('covered by %s during %s and by %s during %s', c.market, c.during, e.market, e.during)
	  FROM greenattr.coverage c
	  JOIN greenattr.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
	   AND r.rule OPERATOR(pg_catalog.=) 'no_ets_coverage'
	  JOIN greenattr.coverage e ON e.entity_id OPERATOR(pg_catalog.=) c.entity_id
	   AND e.during OPERATOR(pg_catalog.&&) c.during
	  JOIN greenattr.market m ON m.code OPERATOR(pg_catalog.=) e.market AND m.kind OPERATOR(pg_catalog.=) 'ets'
	UNION ALL
	-- 6. Conservation: per issuance, held + retired + cancelled = issued, inside the block.
	SELECT 'conservation', i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
	       format('issued %s (%s units); holdings hold %s units%s', i.block, greenattr.units(i.block),
	              coalesce(h.held, 0), CASE WHEN h.inside IS NOT FALSE THEN '' ELSE ', some outside the block' END)
	  FROM greenattr.instrument i
	  LEFT JOIN (SELECT x.asset_id, x.instrument_id, x.family, pg_catalog.sum(greenattr.units(x.block)) AS held,
	                    pg_catalog.bool_and(j.block OPERATOR(greenattr.@>) x.block) AS inside
	               FROM greenattr.holding x
	               JOIN greenattr.instrument j ON j.asset_id OPERATOR(pg_catalog.=) x.asset_id      -- cluster
	                AND j.id OPERATOR(pg_catalog.=) x.instrument_id AND j.family OPERATOR(pg_catalog.=) x.family
	              GROUP BY x.asset_id, x.instrument_id, x.family) h
	    ON h.asset_id OPERATOR(pg_catalog.=) i.asset_id
	   AND h.instrument_id OPERATOR(pg_catalog.=) i.id AND h.family OPERATOR(pg_catalog.=) i.family
	 WHERE h.held IS NULL OR h.held OPERATOR(pg_catalog.<>) greenattr.units(i.block) OR NOT h.inside
$$;

CREATE OR REPLACE FUNCTION greenattr.audit_ets()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	-- The year's surrenders still satisfy the aggregate rules of their rule set
	-- (caps, origin quotas) against the current compliance figures.
	SELECT 'offset_' OPERATOR(pg_catalog.||) v.rule,
	       format('entity %s %s %s', g.entity_id, g.market, g.compliance_year),
	       format('rule %s of %s: %s, limit %s', v.rule_id, g.ruleset, v.figure, v."limit")
	  FROM (SELECT DISTINCT s.entity_id, s.market, s.compliance_year, s.ruleset FROM greenattr.surrender s) g
	  CROSS JOIN LATERAL greenattr.ets_verdict(g.entity_id, g.market, g.compliance_year,
	                                             '{}'::greenattr.certblock[], g.ruleset) v
	 WHERE NOT v.ok AND v.rule_id IS NOT NULL
	UNION ALL
	-- Every surrendered block is a retired holding for that compliance purpose.
	SELECT 'surrender_retired', 'surrender ' OPERATOR(pg_catalog.||) s.id,
	       format('block %s is not one retired holding with purpose compliance:%s:%s', s.block, s.market, s.compliance_year)
	  FROM greenattr.surrender s
	 WHERE NOT EXISTS (SELECT 1 FROM greenattr.holding h
	                    WHERE h.asset_id OPERATOR(pg_catalog.=) s.asset_id AND h.block OPERATOR(greenattr.=) s.block AND h.status OPERATOR(pg_catalog.=) 'retired'   -- cluster
	                      AND h.purpose OPERATOR(pg_catalog.=) format('compliance:%s:%s', s.market, s.compliance_year))
	UNION ALL
	-- Every claim retirement is a retired holding for that target.
	SELECT 'claim_retired', 'claim_retirement ' OPERATOR(pg_catalog.||) r.id,
	       format('block %s is not one retired holding for claim target %s', r.block, r.target_id)
	  FROM greenattr.claim_retirement r
	 WHERE NOT EXISTS (SELECT 1 FROM greenattr.holding h
	                    WHERE h.asset_id OPERATOR(pg_catalog.=) r.asset_id AND h.block OPERATOR(greenattr.=) r.block AND h.status OPERATOR(pg_catalog.=) 'retired'   -- cluster
	                      AND pg_catalog.split_part(h.purpose, ':', 2) OPERATOR(pg_catalog.=) r.target_id::text)
	UNION ALL
	-- Every holding retired for a reserved purpose has its surrender or claim row.
	SELECT 'reserved_purpose', 'holding ' OPERATOR(pg_catalog.||) h.id,
	       format('block %s retired for %s without a %s row', h.block, h.purpose,
	              CASE WHEN h.purpose ~ '^compliance:' THEN 'surrender' ELSE 'claim_retirement' END)
	  FROM greenattr.holding h
	 WHERE h.status OPERATOR(pg_catalog.=) 'retired' AND h.purpose ~ '^(compliance|event|product):'
	   -- cluster: both on the asset
	   AND NOT EXISTS (SELECT 1 FROM greenattr.surrender s WHERE s.asset_id OPERATOR(pg_catalog.=) h.asset_id AND s.block OPERATOR(greenattr.=) h.block)
	   AND NOT EXISTS (SELECT 1 FROM greenattr.claim_retirement r WHERE r.asset_id OPERATOR(pg_catalog.=) h.asset_id AND r.block OPERATOR(greenattr.=) h.block)
	UNION ALL
	-- A new forestry project of an event serves no other claim.
	SELECT 'event_forestry_once', 'claim_retirement ' OPERATOR(pg_catalog.||) r.id,
	       format('units of asset %s (new forestry of target %s) retired for target %s', r.asset_id, f.target_id, r.target_id)
	  FROM greenattr.claim_retirement r
	  JOIN greenattr.event_forestry f ON f.asset_id OPERATOR(pg_catalog.=) r.asset_id
	 WHERE f.target_id OPERATOR(pg_catalog.<>) r.target_id
	UNION ALL
	-- Rule rows name mechanisms, markets and region groups that exist.
	SELECT 'offset_rule_references', 'offset_rule ' OPERATOR(pg_catalog.||) r.id,
	       format('unknown %s', x.what)
	  FROM greenattr.offset_rule r
	  CROSS JOIN LATERAL (
		SELECT 'mechanism ' OPERATOR(pg_catalog.||) m AS what
		  FROM unnest(r.mechanisms OPERATOR(pg_catalog.||) coalesce(r.scope_mechanisms, '{}')) m
		 WHERE NOT EXISTS (SELECT 1 FROM greenattr.mechanism k WHERE k.code OPERATOR(pg_catalog.=) m)
		UNION ALL
		SELECT 'market ' OPERATOR(pg_catalog.||) m
		  FROM unnest(r.markets) m
		 WHERE NOT EXISTS (SELECT 1 FROM greenattr.market k WHERE k.code OPERATOR(pg_catalog.=) m)) x
$$;

CREATE OR REPLACE FUNCTION greenattr.audit_residual()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	-- Every claim stands for a retired holding with the same block.
	SELECT 'claim_is_retired', 'consumption_claim ' OPERATOR(pg_catalog.||) c.holding_id,
	       CASE WHEN h.id IS NULL THEN format('holding %s does not exist', c.holding_id)
	            ELSE format('holding %s is %s with block %s of instrument %s; the claim has block %s of instrument %s',
	                        h.id, h.status, h.block, h.instrument_id, c.block, c.instrument_id) END
	  FROM greenattr.consumption_claim c
	  LEFT JOIN greenattr.holding h ON h.asset_id OPERATOR(pg_catalog.=) c.asset_id      -- cluster
	   AND h.id OPERATOR(pg_catalog.=) c.holding_id
	 WHERE h.id IS NULL OR h.status OPERATOR(pg_catalog.<>) 'retired' OR h.block OPERATOR(greenattr.<>) c.block
	    OR h.instrument_id OPERATOR(pg_catalog.<>) c.instrument_id OR h.family OPERATOR(pg_catalog.<>) c.family
	UNION ALL
	-- Tracked generation per region, source and year never exceeds the grid data.
	SELECT 'tracked_within_generation', s.region OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) s.technology
	         OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) s.year,
	       format('instruments claim %s; grid data has %s', s.tracked, coalesce(g.energy, '0'::greenattr.energy))
	  FROM (SELECT a.region, a.technology,
	               pg_catalog.date_part('year', pg_catalog.lower(i.vintage) AT TIME ZONE 'UTC')::integer AS year,
	               greenattr.sum(i.claim_energy OPERATOR(greenattr.-) ('1 MWh'::greenattr.energy OPERATOR(greenattr.*)
	                   coalesce(x.units, 0))) AS tracked
	          FROM greenattr.instrument i
	          JOIN greenattr.activity v ON v.asset_id OPERATOR(pg_catalog.=) i.asset_id AND v.id OPERATOR(pg_catalog.=) i.activity_id AND v.kind OPERATOR(pg_catalog.=) 'generation'
	          JOIN greenattr.asset a ON a.id OPERATOR(pg_catalog.=) i.asset_id
	          -- units back in the mix (converted, expired), per instrument: one grouped pass, not a probe per instrument
	          LEFT JOIN (SELECT x.asset_id, x.instrument_id, x.family, pg_catalog.sum(greenattr.units(x.block))::bigint AS units
	                       FROM greenattr.holding x
	                      WHERE x.status OPERATOR(pg_catalog.=) 'converted'
	                         OR (x.status OPERATOR(pg_catalog.=) 'cancelled' AND x.reason OPERATOR(pg_catalog.=) 'expired'
	                             AND x.family IN ('certificate', 'green_power'))
	                      GROUP BY x.asset_id, x.instrument_id, x.family) x              -- cluster: by asset
	            ON x.asset_id OPERATOR(pg_catalog.=) i.asset_id AND x.instrument_id OPERATOR(pg_catalog.=) i.id AND x.family OPERATOR(pg_catalog.=) i.family
	         -- only regions with grid data are checked: drop the others before grouping
	         WHERE EXISTS (SELECT 1 FROM greenattr.grid_generation gg WHERE gg.region OPERATOR(pg_catalog.=) a.region)
	         GROUP BY 1, 2, 3) s
	  LEFT JOIN (SELECT g.region, g.source,
	                    pg_catalog.date_part('year', pg_catalog.lower(g.period) AT TIME ZONE 'UTC')::integer AS year,
	                    greenattr.sum(g.energy) AS energy
	               FROM greenattr.grid_generation g GROUP BY 1, 2, 3) g
	    ON g.region OPERATOR(pg_catalog.=) s.region AND g.source OPERATOR(pg_catalog.=) s.technology
	   AND g.year OPERATOR(pg_catalog.=) s.year
	 WHERE s.tracked OPERATOR(greenattr.>) coalesce(g.energy, '0'::greenattr.energy)
$$;

CREATE OR REPLACE FUNCTION greenattr.audit_article6()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	WITH parts AS (
		SELECT h.id AS holding_id, h.account_id, h.status, h.block AS holding_block, x.part, a.*, i.vintage
		  FROM greenattr.holding h
		 CROSS JOIN LATERAL greenattr.itmo_parts(h.block) x
		  JOIN greenattr.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
		  JOIN greenattr.credit i ON i.asset_id OPERATOR(pg_catalog.=) h.asset_id AND i.id OPERATOR(pg_catalog.=) x.instrument_id
		 WHERE h.family OPERATOR(pg_catalog.=) 'credit'
		   AND EXISTS (SELECT 1 FROM greenattr.itmo_block ib WHERE ib.block OPERATOR(greenattr.&&) h.block)
	), expected AS (
		SELECT p.*,
		       (SELECT coalesce(pg_catalog.sum(greenattr.units(greenattr.block_meet(c.block, p.part))), 0)
		          FROM greenattr.corresponding_adjustment c
		         WHERE c.kind OPERATOR(pg_catalog.=) 'addition' AND c.block OPERATOR(greenattr.&&) p.part
		           AND c.party OPERATOR(pg_catalog.=) p.party
		           AND c.year OPERATOR(pg_catalog.=) greenattr.vintage_year(p.vintage)) AS adjusted
		  FROM parts p
		 WHERE (p.for_ndc AND greenattr.account_party(p.account_id) IS DISTINCT FROM p.party)
		    OR (p.for_oimp AND p.first_transfer IN ('authorization', 'issuance'))
		    OR (p.for_oimp AND p.first_transfer OPERATOR(pg_catalog.=) 'use_or_cancellation'
		        AND p.status IN ('retired', 'cancelled'))
	)
	SELECT 'first_transfer_adjusted', 'holding ' OPERATOR(pg_catalog.||) e.holding_id,
	       format('units %s of authorization %s are first transferred; additions of %s for %s cover %s of their %s units',
	              e.part, e.id, e.party, greenattr.vintage_year(e.vintage), e.adjusted, greenattr.units(e.part))
	  FROM expected e
	 WHERE e.adjusted OPERATOR(pg_catalog.<>) greenattr.units(e.part)
	UNION ALL
	-- Additions overlapping one another (one first transfer per unit), by a running maximum per space.
	SELECT 'first_transfer_adjusted', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) s.id,
	       format('addition on %s overlaps another addition reaching unit %s', s.block, s.reach)
	  FROM (SELECT c.id, c.block,
	               pg_catalog.max(greenattr.last_unit(c.block)) OVER (
	                   PARTITION BY greenattr.scheme(c.block), greenattr.space(c.block)
	                   ORDER BY greenattr.first_unit(c.block), c.id
	                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
	          FROM greenattr.corresponding_adjustment c WHERE c.kind OPERATOR(pg_catalog.=) 'addition') s
	 WHERE s.reach OPERATOR(pg_catalog.>=) greenattr.first_unit(s.block)
	UNION ALL
	SELECT 'adjustment_of_authorized_units', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) c.id,
	       format('%s of %s on %s (%s units) by %s: %s of the units are authorized by authorization %s',
	              c.kind, c.quantity, c.block, greenattr.units(c.block), c.party,
	              coalesce((SELECT pg_catalog.sum(greenattr.units(x.part)) FROM greenattr.itmo_parts(c.block) x
	                         WHERE x.authorization_id OPERATOR(pg_catalog.=) c.authorization_id), 0), c.authorization_id)
	  FROM greenattr.corresponding_adjustment c
	 WHERE c.quantity OPERATOR(greenattr.<>) ('1 t'::greenattr.co2e OPERATOR(greenattr.*) greenattr.units(c.block))
	    OR coalesce((SELECT pg_catalog.sum(greenattr.units(ib.block)) FROM greenattr.itmo_block ib
	                  WHERE ib.authorization_id OPERATOR(pg_catalog.=) c.authorization_id
	                    AND ib.block OPERATOR(greenattr.@>) c.block), 0) OPERATOR(pg_catalog.=) 0
	    OR (c.kind OPERATOR(pg_catalog.=) 'addition' AND c.party OPERATOR(pg_catalog.<>)
	        (SELECT a.party FROM greenattr.itmo_authorization a WHERE a.id OPERATOR(pg_catalog.=) c.authorization_id))
	UNION ALL
	-- cluster: the two lateral sums over corresponding_adjustment (a reference
	-- table) as joins grouped by holding and by adjustment.
	SELECT 'ndc_use_subtracted', 'holding ' OPERATOR(pg_catalog.||) h.id,
	       format('NDC use of %s by %s for %s: subtractions of %s for that year cover %s of its %s units (%s in all)',
	              h.block, h.beneficiary, h.claimed_period, h.beneficiary, coalesce(s.matching, 0), greenattr.units(h.block),
	              coalesce(s.total, 0))
	  FROM greenattr.holding h
	  LEFT JOIN (
		SELECT x.asset_id, x.id,
		       pg_catalog.sum(greenattr.units(greenattr.block_meet(c.block, x.block)))
		           FILTER (WHERE c.party OPERATOR(pg_catalog.=) x.beneficiary
		                     AND c.year OPERATOR(pg_catalog.=) greenattr.vintage_year(x.claimed_period)) AS matching,
		       pg_catalog.sum(greenattr.units(greenattr.block_meet(c.block, x.block))) AS total
		  FROM greenattr.holding x
		  JOIN greenattr.corresponding_adjustment c
		    ON c.kind OPERATOR(pg_catalog.=) 'subtraction' AND c.block OPERATOR(greenattr.&&) x.block
		 WHERE x.status OPERATOR(pg_catalog.=) 'retired' AND x.purpose OPERATOR(pg_catalog.=) 'ndc'
		 GROUP BY x.asset_id, x.id) s ON s.asset_id OPERATOR(pg_catalog.=) h.asset_id AND s.id OPERATOR(pg_catalog.=) h.id
	 WHERE h.status OPERATOR(pg_catalog.=) 'retired' AND h.purpose OPERATOR(pg_catalog.=) 'ndc'
	   AND (coalesce(s.matching, 0) OPERATOR(pg_catalog.<>) greenattr.units(h.block)
	        OR coalesce(s.total, 0) OPERATOR(pg_catalog.<>) greenattr.units(h.block))
	UNION ALL
	SELECT 'ndc_use_subtracted', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) c.id,
	       format('subtraction on %s by %s for %s lies outside the NDC uses (%s of its units)', c.block, c.party, c.year,
	              coalesce(u.units, 0))
	  FROM greenattr.corresponding_adjustment c
	  LEFT JOIN (
		SELECT d.id, pg_catalog.sum(greenattr.units(greenattr.block_meet(h.block, d.block))) AS units
		  FROM greenattr.corresponding_adjustment d
		  JOIN greenattr.holding h ON h.block OPERATOR(greenattr.&&) d.block
		   AND h.status OPERATOR(pg_catalog.=) 'retired' AND h.purpose OPERATOR(pg_catalog.=) 'ndc'
		 WHERE d.kind OPERATOR(pg_catalog.=) 'subtraction'
		 GROUP BY d.id) u ON u.id OPERATOR(pg_catalog.=) c.id
	 WHERE c.kind OPERATOR(pg_catalog.=) 'subtraction'
	   AND coalesce(u.units, 0) OPERATOR(pg_catalog.<>) greenattr.units(c.block)
$$;

-- cluster: ets_verdict() (the offset rules of surrender() and check_surrender())
-- as PL/pgSQL around the same query: Citus cannot plan a SQL function's
-- parameters over distributed tables ("could not create distributed plan").
-- Its new blocks are matched with the entity's holdings after those are
-- joined with their issuances on each asset's shards (marked below).
CREATE OR REPLACE FUNCTION greenattr.ets_verdict(entity bigint, market text, compliance_year integer,
	blocks greenattr.certblock[], ruleset text)
RETURNS TABLE (rule_id bigint, rule text, scope text, "limit" text, figure text, ok boolean,
	block greenattr.certblock, source text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
RETURN QUERY
WITH
fig AS (
	SELECT f.* FROM greenattr.compliance_figure f
	 WHERE f.entity_id OPERATOR(pg_catalog.=) $1 AND f.market OPERATOR(pg_catalog.=) $2
	   AND f.compliance_year OPERATOR(pg_catalog.=) $3),
-- The new blocks, with the one active holding of the entity that holds each whole.
nb AS (
	-- cluster: the holdings of the entity joined with their issuances on the
	-- asset's shards first, then matched with the blocks (no lateral join of a
	-- table function with a distributed table).
	SELECT b.ord, b.blk, h.mechanism, h.vintage, s.id AS asset_id, s.technology, s.region, s.gases, s.owner_id,
	       greenattr.units(b.blk) AS units, h.id AS holding_id
	  FROM unnest($4) WITH ORDINALITY b(blk, ord)
	  LEFT JOIN (
		SELECT x.id, x.block, x.asset_id, j.mechanism, j.vintage FROM greenattr.holding x
		  JOIN greenattr.instrument j ON j.asset_id OPERATOR(pg_catalog.=) x.asset_id
		   AND j.id OPERATOR(pg_catalog.=) x.instrument_id AND j.family OPERATOR(pg_catalog.=) x.family
		  JOIN greenattr.account a ON a.id OPERATOR(pg_catalog.=) x.account_id
		 WHERE x.status OPERATOR(pg_catalog.=) 'active'
		   AND a.holder_id OPERATOR(pg_catalog.=) $1 AND x.family OPERATOR(pg_catalog.=) 'credit') h
	    ON h.block OPERATOR(greenattr.@>) b.blk
	  LEFT JOIN greenattr.asset s ON s.id OPERATOR(pg_catalog.=) h.asset_id),
-- Everything counted by the year's aggregate rules: earlier surrenders and the new blocks.
allb AS (
	SELECT p.mechanism, p.technology, p.region, p.units, true AS earlier FROM greenattr.surrender p
	 WHERE p.entity_id OPERATOR(pg_catalog.=) $1 AND p.market OPERATOR(pg_catalog.=) $2
	   AND p.compliance_year OPERATOR(pg_catalog.=) $3
	UNION ALL
	SELECT nb.mechanism, nb.technology, nb.region, nb.units, false FROM nb WHERE nb.holding_id IS NOT NULL),
rules AS (
	SELECT r.*, fv.val AS basis_value,
	       concat_ws(', ',
	           CASE WHEN r.scope_mechanisms IS NOT NULL THEN 'mechanisms ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.scope_mechanisms, '/') END,
	           CASE WHEN r.scope_technologies IS NOT NULL THEN
	               CASE WHEN r.scope_other THEN 'technologies other than ' ELSE 'technologies ' END
	               OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.scope_technologies, '/') END) AS scope_text
	  FROM greenattr.offset_rule r
	  LEFT JOIN LATERAL (
		SELECT CASE r.basis WHEN 'allowances_due' THEN fig.allowances_due
		                    WHEN 'verified_emissions' THEN fig.verified_emissions
		                    WHEN 'allocation' THEN fig.allocation
		                    WHEN 'initial_allocation' THEN fig.initial_allocation
		                    WHEN 'shortfall' THEN fig.shortfall END AS val
		  FROM fig) fv ON true
	 WHERE r.ruleset OPERATOR(pg_catalog.=) $5),
-- Whether a rule applies to a block.
scoped AS (
	SELECT r.id AS rid, nb.*
	  FROM rules r JOIN nb ON nb.holding_id IS NOT NULL
	   AND (r.scope_mechanisms IS NULL OR nb.mechanism OPERATOR(pg_catalog.=) ANY (r.scope_mechanisms))
	   AND (r.scope_technologies IS NULL OR (nb.technology OPERATOR(pg_catalog.=) ANY (r.scope_technologies)) OPERATOR(pg_catalog.<>) r.scope_other)),
-- Group membership once per rule and distinct region, not per block.
member AS (
	SELECT r.id AS rid, g.region, greenattr.region_in_group(g.region, r.region_group) AS inside
	  FROM rules r CROSS JOIN (SELECT DISTINCT allb.region FROM allb) g
	 WHERE r.region_group IS NOT NULL),
agg AS (
	SELECT r.id AS rid,
	       coalesce(pg_catalog.sum(a.units) FILTER (WHERE a.earlier), 0) AS before,
	       coalesce(pg_catalog.sum(a.units) FILTER (WHERE NOT a.earlier), 0) AS now,
	       coalesce(pg_catalog.sum(a.units) FILTER (WHERE mb.inside), 0) AS inside
	  FROM rules r LEFT JOIN allb a
	    ON (r.scope_mechanisms IS NULL OR a.mechanism OPERATOR(pg_catalog.=) ANY (r.scope_mechanisms))
	   AND (r.scope_technologies IS NULL OR (a.technology OPERATOR(pg_catalog.=) ANY (r.scope_technologies)) OPERATOR(pg_catalog.<>) r.scope_other)
	  LEFT JOIN member mb ON mb.rid OPERATOR(pg_catalog.=) r.id AND mb.region OPERATOR(pg_catalog.=) a.region
	 GROUP BY r.id),
-- The first block (in argument order) that breaks each per-block rule.
bad AS (
	SELECT DISTINCT ON (r.id) r.id AS rid, s.blk, s.ord,
	       CASE r.rule
	           WHEN 'mechanism' THEN 'mechanism ' OPERATOR(pg_catalog.||) s.mechanism
	           WHEN 'technology_excluded' THEN 'technology ' OPERATOR(pg_catalog.||) s.technology
	           WHEN 'technology_only' THEN 'technology ' OPERATOR(pg_catalog.||) s.technology
	           WHEN 'vintage' THEN 'vintage ' OPERATOR(pg_catalog.||) s.vintage::text
	           WHEN 'gas' THEN 'gases ' OPERATOR(pg_catalog.||) coalesce(pg_catalog.array_to_string(s.gases, '/'), 'not recorded')
	           WHEN 'boundary' THEN (SELECT format('owner entity %s covered by %s during %s', s.owner_id, c.market, c.during)
	                                   FROM greenattr.coverage c
	                                   JOIN greenattr.market m ON m.code OPERATOR(pg_catalog.=) c.market AND m.kind OPERATOR(pg_catalog.=) 'ets'
	                                  WHERE c.entity_id OPERATOR(pg_catalog.=) s.owner_id
	                                    AND (r.markets IS NULL OR c.market OPERATOR(pg_catalog.=) ANY (r.markets))
	                                    AND greenattr.day_range(c.during) OPERATOR(pg_catalog.&&) s.vintage
	                                  ORDER BY c.market, c.during LIMIT 1)
	       END AS what
	  FROM rules r JOIN scoped s ON s.rid OPERATOR(pg_catalog.=) r.id
	 WHERE CASE r.rule
	           WHEN 'mechanism' THEN NOT s.mechanism OPERATOR(pg_catalog.=) ANY (r.mechanisms)
	           WHEN 'technology_excluded' THEN s.technology OPERATOR(pg_catalog.=) ANY (r.technologies)
	           WHEN 'technology_only' THEN NOT s.technology OPERATOR(pg_catalog.=) ANY (r.technologies)
	           WHEN 'vintage' THEN NOT greenattr.day_range(r.vintage) OPERATOR(pg_catalog.@>) s.vintage
	           WHEN 'gas' THEN s.gases IS NULL OR NOT s.gases OPERATOR(pg_catalog.<@) r.gases
	           WHEN 'boundary' THEN EXISTS (
	               SELECT 1 FROM greenattr.coverage c
	                 JOIN greenattr.market m ON m.code OPERATOR(pg_catalog.=) c.market AND m.kind OPERATOR(pg_catalog.=) 'ets'
	                WHERE c.entity_id OPERATOR(pg_catalog.=) s.owner_id
	                  AND (r.markets IS NULL OR c.market OPERATOR(pg_catalog.=) ANY (r.markets))
	                  AND greenattr.day_range(c.during) OPERATOR(pg_catalog.&&) s.vintage)
	           ELSE false END
	 ORDER BY r.id, s.ord),
nscoped AS (
	SELECT s.rid, pg_catalog.count(*) AS n FROM scoped s GROUP BY s.rid)
-- Preconditions.
SELECT NULL::bigint, 'covered', NULL::text,
       format('%s covers entity %s in %s', $2, $1, $3),
       coalesce((SELECT pg_catalog.string_agg(c.during::text, ', ' ORDER BY c.during) FROM greenattr.coverage c
                  WHERE c.entity_id OPERATOR(pg_catalog.=) $1 AND c.market OPERATOR(pg_catalog.=) $2
                    AND c.during OPERATOR(pg_catalog.&&) pg_catalog.daterange(pg_catalog.make_date($3, 1, 1), pg_catalog.make_date($3 OPERATOR(pg_catalog.+) 1, 1, 1))),
                'not covered'),
       EXISTS (SELECT 1 FROM greenattr.coverage c
                WHERE c.entity_id OPERATOR(pg_catalog.=) $1 AND c.market OPERATOR(pg_catalog.=) $2
                  AND c.during OPERATOR(pg_catalog.&&) pg_catalog.daterange(pg_catalog.make_date($3, 1, 1), pg_catalog.make_date($3 OPERATOR(pg_catalog.+) 1, 1, 1))),
       NULL::greenattr.certblock, NULL::text
UNION ALL
SELECT NULL, 'compliance_figures', NULL, format('figures of entity %s in %s for %s recorded', $1, $2, $3),
       CASE WHEN EXISTS (SELECT 1 FROM fig) THEN 'recorded' ELSE 'not recorded' END,
       EXISTS (SELECT 1 FROM fig), NULL, NULL
UNION ALL
(SELECT NULL, 'units_held', NULL, format('each block held whole and active by an account of entity %s', $1),
       coalesce((SELECT 'block ' OPERATOR(pg_catalog.||) nb.blk::text OPERATOR(pg_catalog.||) ' is not' FROM nb WHERE nb.holding_id IS NULL ORDER BY nb.ord LIMIT 1),
                (SELECT pg_catalog.count(*)::text OPERATOR(pg_catalog.||) ' block(s), ' OPERATOR(pg_catalog.||) pg_catalog.sum(nb.units)::text OPERATOR(pg_catalog.||) ' t' FROM nb)),
       NOT EXISTS (SELECT 1 FROM nb WHERE nb.holding_id IS NULL),
       (SELECT nb.blk FROM nb WHERE nb.holding_id IS NULL ORDER BY nb.ord LIMIT 1), NULL)
UNION ALL
-- The rules of the rule set, in rule id order.
(SELECT r.id, r.rule, nullif(r.scope_text, ''),
       CASE r.rule
           WHEN 'cap' THEN format('at most %s %% of %s %s', pg_catalog.trim_scale(r.ratio OPERATOR(pg_catalog.*) 100), r.basis,
                                  coalesce(r.basis_value::text, '(not recorded)'))
           WHEN 'outside_cap' THEN format('from outside %s at most %s %% of %s %s', r.region_group, pg_catalog.trim_scale(r.ratio OPERATOR(pg_catalog.*) 100), r.basis,
                                  coalesce(r.basis_value::text, '(not recorded)'))
           WHEN 'origin_share' THEN format('at least %s %% from %s', pg_catalog.trim_scale(r.ratio OPERATOR(pg_catalog.*) 100), r.region_group)
           WHEN 'mechanism' THEN 'only mechanisms ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.mechanisms, ', ')
           WHEN 'technology_excluded' THEN 'no technology ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.technologies, ', ')
           WHEN 'technology_only' THEN 'only technologies ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.technologies, ', ')
           WHEN 'vintage' THEN 'vintages within ' OPERATOR(pg_catalog.||) r.vintage::text
           WHEN 'gas' THEN 'only gases ' OPERATOR(pg_catalog.||) pg_catalog.array_to_string(r.gases, ', ')
           WHEN 'boundary' THEN 'no project of an entity covered by ' OPERATOR(pg_catalog.||)
                                coalesce(pg_catalog.array_to_string(r.markets, ', '), 'any ETS') OPERATOR(pg_catalog.||) ' during its vintage'
       END,
       CASE
           WHEN r.rule IN ('cap', 'outside_cap', 'origin_share') THEN
               format('%s t%s (%s t before, %s t now)',
                      CASE r.rule WHEN 'outside_cap' THEN g.before OPERATOR(pg_catalog.+) g.now OPERATOR(pg_catalog.-) g.inside
                                  WHEN 'origin_share' THEN g.inside
                                  ELSE g.before OPERATOR(pg_catalog.+) g.now END,
                      CASE r.rule WHEN 'origin_share' THEN format(' of %s t', g.before OPERATOR(pg_catalog.+) g.now)
                                  WHEN 'outside_cap' THEN format(' of %s t', g.before OPERATOR(pg_catalog.+) g.now)
                                  ELSE '' END,
                      g.before, g.now)
           WHEN bad.rid IS NOT NULL THEN format('block %s: %s', bad.blk::text, bad.what)
           ELSE format('%s block(s) in scope', coalesce(ns.n, 0))
       END,
       CASE r.rule
           WHEN 'cap' THEN r.basis_value IS NOT NULL AND
               (g.before OPERATOR(pg_catalog.+) g.now)::numeric OPERATOR(pg_catalog.<=) (r.ratio OPERATOR(pg_catalog.*) (r.basis_value::numeric))
           WHEN 'outside_cap' THEN r.basis_value IS NOT NULL AND
               (g.before OPERATOR(pg_catalog.+) g.now OPERATOR(pg_catalog.-) g.inside)::numeric OPERATOR(pg_catalog.<=) (r.ratio OPERATOR(pg_catalog.*) (r.basis_value::numeric))
           WHEN 'origin_share' THEN
               g.inside::numeric OPERATOR(pg_catalog.>=) (r.ratio OPERATOR(pg_catalog.*) (g.before OPERATOR(pg_catalog.+) g.now))
           ELSE bad.rid IS NULL
       END,
       bad.blk, r.source
  FROM rules r
  JOIN agg g ON g.rid OPERATOR(pg_catalog.=) r.id
  LEFT JOIN bad ON bad.rid OPERATOR(pg_catalog.=) r.id
  LEFT JOIN nscoped ns ON ns.rid OPERATOR(pg_catalog.=) r.id
 ORDER BY r.rule IN ('cap', 'outside_cap', 'origin_share'), r.id);
END
$$;

-- CREATE OR REPLACE resets what the statement does not say: check that every
-- replaced function kept its SECURITY DEFINER flag and its settings.
DO $$
DECLARE
	f record;
BEGIN
	FOR f IN SELECT b.oid::regprocedure AS fn FROM cluster_functions_before b JOIN pg_catalog.pg_proc p ON p.oid = b.oid
	          WHERE p.prosecdef IS DISTINCT FROM b.prosecdef OR p.proconfig IS DISTINCT FROM b.proconfig LOOP
		RAISE EXCEPTION 'cluster_functions.sql changed the security or settings of %', f.fn;
	END LOOP;
END
$$;
