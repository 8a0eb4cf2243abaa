-- Guards on holdings and coverage: the one-holder, finality, conservation and
-- exclusive-coverage rules.

-- Calendar days (UTC) as a timestamp range, to compare coverage with vintages.
-- No SET clause, so that the planner can inline it; the body names only
-- pg_catalog objects, fully qualified.
CREATE FUNCTION @extschema@.day_range(d daterange) RETURNS tstzrange
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT pg_catalog.tstzrange(
		CASE WHEN pg_catalog.lower_inf(d) THEN NULL ELSE pg_catalog.lower(d)::timestamp AT TIME ZONE 'UTC' END,
		CASE WHEN pg_catalog.upper_inf(d) THEN NULL ELSE pg_catalog.upper(d)::timestamp AT TIME ZONE 'UTC' END,
		'[)')
$$;
COMMENT ON FUNCTION @extschema@.day_range(daterange) IS 'The UTC timestamps of a range of calendar days';

-- Holdings change only inside the registry's verbs (which set greenattr.verb for
-- the transaction); retired and cancelled rows never change at all.
CREATE FUNCTION @extschema@.holding_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' AND OLD.status IN ('retired', 'cancelled', 'converted') THEN
		PERFORM @extschema@.raise_rule('retired_and_cancelled_are_final', '23514',
			format('units %s are %s and cannot change', OLD.block::text, OLD.status),
			format('Holding %s of account %s is %s.', OLD.id, OLD.account_id, OLD.status),
			'Retired and cancelled (including converted) units are final.');
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'DELETE'
	   OR coalesce(pg_catalog.current_setting('greenattr.verb', true), '') OPERATOR(pg_catalog.=) '' THEN
		PERFORM @extschema@.raise_rule('holding_through_verbs', '23000',
			format('holdings cannot be changed by a direct %s', TG_OP),
			'Holdings are created by issuance and changed only by the registry verbs.',
			'Use greenattr.issue(), greenattr.transfer(), greenattr.retire() or greenattr.cancel().');
	END IF;
	RETURN NEW;
END
$$;

-- Conservation, checked at commit for every holding stored or changed, in a
-- time that does not grow with the number of holdings of the issuance: a new
-- holding lies inside its issued block (the exclusion constraint keeps it off
-- every other holding), and a holding only ever shrinks, every unit it gave up
-- being held by other holdings of the same issuance.  An issuance starts as
-- one holding of its whole block, so held + retired + cancelled = issued.
-- (audit() re-checks the sums over all holdings.)  In C (src/conservation.c):
-- it runs in the commit of every transfer, once per piece written.
CREATE FUNCTION @extschema@.holding_conservation() RETURNS trigger
	AS 'MODULE_PATHNAME', 'greenattr_holding_conservation'
	LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- Tables written only by one verb of a later area (surrenders, claim
-- retirements, consumption claims): an INSERT inside that verb passes; any
-- other INSERT, UPDATE, DELETE or TRUNCATE is refused.  Trigger arguments:
-- the verb (its greenattr.verb setting), the rule name, the rows' name, and
-- the detail and hint of the error.
CREATE FUNCTION @extschema@.written_by_verb() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.=) 'INSERT'
	   AND coalesce(pg_catalog.current_setting('greenattr.verb', true), '') OPERATOR(pg_catalog.=) TG_ARGV[0] THEN
		RETURN NEW;
	END IF;
	PERFORM @extschema@.raise_rule(TG_ARGV[1], '23000',
		format('%s cannot be changed by a direct %s', TG_ARGV[2], TG_OP), TG_ARGV[3], TG_ARGV[4]);
	RETURN NULL;
END
$$;

CREATE TRIGGER holding_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.holding
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.holding_guard();
CREATE CONSTRAINT TRIGGER holding_conservation AFTER INSERT OR UPDATE ON @extschema@.holding
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.holding_conservation();

-- Coverage: an entity is not in an ETS and in an energy-use-rights market that
-- forbids it (no_ets_coverage) at once, and coverage cannot be added over a
-- period for which the entity's assets already hold credits a rule forbids.
CREATE FUNCTION @extschema@.coverage_checks() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	clash record;
BEGIN
	-- Serialises coverage changes of this entity with credit issuance (which locks it FOR SHARE).
	PERFORM 1 FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) NEW.entity_id FOR NO KEY UPDATE;

	SELECT c.market, c.during, r.market AS rule_market INTO clash
	  FROM @extschema@.coverage c
	  JOIN @extschema@.market m ON m.code OPERATOR(pg_catalog.=) c.market
	  JOIN @extschema@.market nm ON nm.code OPERATOR(pg_catalog.=) NEW.market
	  JOIN @extschema@.boundary_rule r ON r.rule OPERATOR(pg_catalog.=) 'no_ets_coverage'
	   AND ((r.market OPERATOR(pg_catalog.=) NEW.market AND m.kind OPERATOR(pg_catalog.=) 'ets')
	     OR (r.market OPERATOR(pg_catalog.=) c.market AND nm.kind OPERATOR(pg_catalog.=) 'ets'))
	 WHERE c.entity_id OPERATOR(pg_catalog.=) NEW.entity_id
	   AND c.during OPERATOR(pg_catalog.&&) NEW.during
	   AND (TG_OP OPERATOR(pg_catalog.=) 'INSERT' OR c.ctid OPERATOR(pg_catalog.<>) OLD.ctid)
	 LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('no_ets_coverage', '23514',
			format('entity %s cannot be covered by %s during %s: it is covered by %s during %s',
				NEW.entity_id, NEW.market, NEW.during, clash.market, clash.during),
			format('Boundary rule no_ets_coverage of %s: an entity it covers is not covered by an ETS at the same time.',
				clash.rule_market),
			'Choose a period that does not overlap the other coverage.');
	END IF;

	SELECT i.block, i.vintage, r.rule INTO clash
	  FROM @extschema@.asset s
	  JOIN @extschema@.credit i ON i.asset_id OPERATOR(pg_catalog.=) s.id
	  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) i.activity_id
	  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) NEW.market
	   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
	        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND a.kind OPERATOR(pg_catalog.=) 'saving'))
	 WHERE s.owner_id OPERATOR(pg_catalog.=) NEW.entity_id
	   AND i.vintage OPERATOR(pg_catalog.&&) @extschema@.day_range(NEW.during)
	 LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule(clash.rule, '23514',
			format('entity %s cannot be covered by %s during %s: credit block %s of its asset has vintage %s',
				NEW.entity_id, NEW.market, NEW.during, clash.block::text, clash.vintage),
			format('Boundary rule %s of %s forbids credits from inside a covered boundary.', clash.rule, NEW.market),
			'Cover the entity from a date after its credited vintages, or cancel those credits first.');
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER coverage_checks BEFORE INSERT OR UPDATE ON @extschema@.coverage
	FOR EACH ROW EXECUTE FUNCTION @extschema@.coverage_checks();
