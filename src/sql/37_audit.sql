-- greenattr.audit(): every invariant recomputed from the tables, one row per
-- violation, empty when all hold.  Meant for after bulk loads, restores with
-- triggers disabled, or any doubt.  Each area of the extension contributes a
-- function greenattr.audit_<area>() returning (invariant, subject, detail);
-- audit() runs them all, in name order.
--
-- audit_registry(): overlaps are found by one sort per numbering space (a
-- running maximum of the last unit), not by a self-join: block_overlaps()
-- below keeps 32 bytes per block, sorts them once in memory and sweeps.  Each
-- check is a statement of its own (RETURN QUERY), planned alone, so that
-- PostgreSQL can run the scans and joins of the large checks in parallel (one
-- query with the overlap aggregate, which cannot run in parallel, could not).
--
-- The audit functions run with jit = off: their plans over a large registry
-- cost enough to be compiled, and compiling them (seconds, most of it LLVM
-- inlining and optimization) took longer than running them.

-- block_overlaps(block, id, tag) -> bigint[]: triples (id, tag, reach) of the
-- blocks whose first unit lies at or below the highest last unit (reach) of
-- the blocks before them in their numbering space, in (first unit, id, tag)
-- order; the spaces in "C" text order (src/audit_agg.c).
CREATE FUNCTION @extschema@.block_overlaps_transfn(internal, @extschema@.certblock, bigint, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'greenattr_block_overlaps_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.block_overlaps_finalfn(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'greenattr_block_overlaps_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.block_overlaps(@extschema@.certblock, bigint, integer) (
	SFUNC = @extschema@.block_overlaps_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.block_overlaps_finalfn,
	FINALFUNC_MODIFY = READ_WRITE
);
COMMENT ON AGGREGATE @extschema@.block_overlaps(@extschema@.certblock, bigint, integer) IS
	'Blocks overlapping an earlier block of their numbering space (by first unit, id, tag): flat triples (id, tag, reach), empty when none';

CREATE FUNCTION @extschema@.audit_registry()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
	-- 1, 5. No unit in two holdings (one holder; no unit issued twice).
	RETURN QUERY
		SELECT 'one_holder', 'holding ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
		       format('block %s overlaps an earlier holding of the same numbering space reaching unit %s',
		              (SELECT h.block FROM @extschema@.holding h
		                WHERE h.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]),
		              o.a[k OPERATOR(pg_catalog.*) 3])
		  FROM (SELECT @extschema@.block_overlaps(h.block, h.id, 0) AS a FROM @extschema@.holding h) o
		 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k;
	-- 1. No issued block overlaps another (tag: the family's place in f.families).
	RETURN QUERY
		SELECT 'unique_serials', f.families[o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 1]]
		         OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
		       format('issued block %s overlaps an earlier issuance reaching unit %s',
		              (SELECT i.block FROM @extschema@.instrument i
		                WHERE i.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]
		                  AND i.family OPERATOR(pg_catalog.=) f.families[o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 1]]),
		              o.a[k OPERATOR(pg_catalog.*) 3])
		  FROM (SELECT '{credit,certificate,green_power,energy_quota}'::text[] AS families) f
		 CROSS JOIN LATERAL (SELECT @extschema@.block_overlaps(i.block, i.id,
		                                pg_catalog.array_position(f.families, i.family)) AS a
		                       FROM @extschema@.instrument i) o
		 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k;
	-- 2. One attribute, one instrument.
	RETURN QUERY
		SELECT 'one_attribute_one_instrument', 'activity ' OPERATOR(pg_catalog.||) a.id,
		       format('activity has %s; instruments claim %s', coalesce(a.energy::text, a.co2e::text),
		              coalesce(c.energy::text, c.co2e::text))
		  FROM @extschema@.activity a
		  JOIN (SELECT i.activity_id,
		               @extschema@.sum(i.claim_energy) OPERATOR(@extschema@.-) coalesce(
		                   '1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) pg_catalog.sum(v.units), '0'::@extschema@.energy) AS energy,
		               @extschema@.sum(i.claim_co2e) AS co2e
		          FROM @extschema@.instrument i
		          LEFT JOIN (SELECT x.instrument_id, x.family, pg_catalog.sum(@extschema@.units(x.block)) AS units
		                       FROM @extschema@.holding x WHERE x.status OPERATOR(pg_catalog.=) 'converted'
		                      GROUP BY x.instrument_id, x.family) v
		            ON v.instrument_id OPERATOR(pg_catalog.=) i.id AND v.family OPERATOR(pg_catalog.=) i.family
		         GROUP BY i.activity_id) c ON c.activity_id OPERATOR(pg_catalog.=) a.id
		 WHERE c.energy OPERATOR(@extschema@.>) a.energy OR c.co2e OPERATOR(@extschema@.>) a.co2e
		    OR (c.energy IS NOT NULL AND a.energy IS NULL) OR (c.co2e IS NOT NULL AND a.co2e IS NULL);
	-- 2. Each issuance claims what its units stand for.
	RETURN QUERY
		SELECT 'claim_matches_units', i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
		       format('block %s claims %s', i.block, coalesce(i.claim_energy::text, i.claim_co2e::text))
		  FROM @extschema@.instrument i
		 WHERE (i.family IN ('certificate', 'green_power')
		        AND (i.claim_energy IS NULL OR i.claim_energy OPERATOR(@extschema@.<>) ('1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(i.block))))
		    OR (i.family OPERATOR(pg_catalog.=) 'energy_quota'
		        AND (i.claim_energy IS NULL OR i.claim_energy OPERATOR(@extschema@.<>) ('1 tce'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(i.block))))
		    OR (i.family OPERATOR(pg_catalog.=) 'credit' AND i.claim_co2e IS NOT NULL
		        AND i.claim_co2e OPERATOR(@extschema@.<>) ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(i.block)))
		    OR (i.family OPERATOR(pg_catalog.=) 'credit' AND i.claim_energy IS NOT NULL
		        AND i.claim_energy OPERATOR(@extschema@.<>) (('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(i.block))
		                                             OPERATOR(@extschema@./) i.baseline_ef))
		    OR @extschema@.scheme(i.block) OPERATOR(pg_catalog.<>) i.mechanism;
	-- 2. Each issuance stays inside its activity (activity_keeps_claims): the
	-- activity exists (a foreign key a restore with the triggers off skips), its
	-- asset, a kind the family is issued against, the vintage within its
	-- period.  (audit_guard() checks guarded rows' asset and period.)
	RETURN QUERY
		SELECT CASE WHEN a.id IS NULL THEN 'instrument_activity_exists'
		            WHEN i.asset_id OPERATOR(pg_catalog.<>) a.asset_id THEN 'claimed_activity_fixed'
		            WHEN NOT a.period OPERATOR(pg_catalog.@>) i.vintage THEN 'vintage_within_activity'
		            ELSE 'instrument_activity_kind' END,
		       i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
		       CASE WHEN a.id IS NULL
		            THEN format('block %s (asset %s, vintage %s) names activity %s, which does not exist',
		                        i.block, i.asset_id, i.vintage, i.activity_id)
		            ELSE format('block %s (asset %s, vintage %s) is issued against %s activity %s of asset %s over %s',
		                        i.block, i.asset_id, i.vintage, a.kind, a.id, a.asset_id, a.period) END
		  FROM @extschema@.instrument i
		  LEFT JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) i.activity_id
		 WHERE a.id IS NULL OR i.asset_id OPERATOR(pg_catalog.<>) a.asset_id
		    OR NOT a.period OPERATOR(pg_catalog.@>) i.vintage
		    OR (i.family IN ('certificate', 'green_power') AND a.kind OPERATOR(pg_catalog.<>) 'generation')
		    OR (i.family OPERATOR(pg_catalog.=) 'energy_quota' AND a.kind OPERATOR(pg_catalog.<>) 'saving')
		    OR (i.family OPERATOR(pg_catalog.=) 'credit'
		        AND (i.claim_co2e IS NOT NULL) OPERATOR(pg_catalog.<>) (a.kind OPERATOR(pg_catalog.=) 'reduction'));
	-- 3. One crediting mechanism per asset and period.
	RETURN QUERY
		SELECT 'credit_one_mechanism_per_period', 'credit ' OPERATOR(pg_catalog.||) x.id,
		       format('%s block %s and %s block %s of asset %s have overlapping vintages %s and %s',
		              x.mechanism, x.block, y.mechanism, y.block, x.asset_id, x.vintage, y.vintage)
		  FROM @extschema@.credit x
		  JOIN @extschema@.credit y ON y.asset_id OPERATOR(pg_catalog.=) x.asset_id
		   AND y.vintage OPERATOR(pg_catalog.&&) x.vintage AND y.mechanism OPERATOR(pg_catalog.>) x.mechanism;
	-- 4. Boundary rules: credits from inside a covered boundary.
	RETURN QUERY
		SELECT r.rule, 'credit ' OPERATOR(pg_catalog.||) i.id,
		       format('block %s of asset %s (vintage %s): owner %s covered by %s during %s',
		              i.block, i.asset_id, i.vintage, s.owner_id, c.market, c.during)
		  FROM @extschema@.credit i
		  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) i.activity_id
		  JOIN @extschema@.asset s ON s.id OPERATOR(pg_catalog.=) i.asset_id
		  JOIN @extschema@.coverage c ON c.entity_id OPERATOR(pg_catalog.=) s.owner_id
		   AND @extschema@.day_range(c.during) OPERATOR(pg_catalog.&&) i.vintage
		  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
		        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND a.kind OPERATOR(pg_catalog.=) 'saving'));
	-- 4. No entity in an ETS and in an energy-use-rights market that forbids it, at once.
	RETURN QUERY
		SELECT 'no_ets_coverage', 'entity ' OPERATOR(pg_catalog.||) c.entity_id,
		       format('covered by %s during %s and by %s during %s', c.market, c.during, e.market, e.during)
		  FROM @extschema@.coverage c
		  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		   AND r.rule OPERATOR(pg_catalog.=) 'no_ets_coverage'
		  JOIN @extschema@.coverage e ON e.entity_id OPERATOR(pg_catalog.=) c.entity_id
		   AND e.during OPERATOR(pg_catalog.&&) c.during
		  JOIN @extschema@.market m ON m.code OPERATOR(pg_catalog.=) e.market AND m.kind OPERATOR(pg_catalog.=) 'ets';
	-- 6. Conservation: per issuance, held + retired + cancelled = issued, inside
	-- the block, under the issuance's asset (the distribution key; the residual
	-- balance finds released units by it).  One join of each issuance with its
	-- holdings, grouped by the issuance's key.
	RETURN QUERY
		SELECT 'conservation', i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
		       format('issued %s (%s units); holdings hold %s units%s%s', i.block, @extschema@.units(i.block),
		              coalesce(pg_catalog.sum(@extschema@.units(x.block)), 0),
		              CASE WHEN pg_catalog.bool_and(i.block OPERATOR(@extschema@.@>) x.block) IS NOT FALSE THEN ''
		                   ELSE ', some outside the block' END,
		              CASE WHEN pg_catalog.bool_and(x.asset_id OPERATOR(pg_catalog.=) i.asset_id) IS NOT FALSE THEN ''
		                   ELSE format(', some under another asset than %s', i.asset_id) END)
		  FROM @extschema@.instrument i
		  LEFT JOIN @extschema@.holding x ON x.instrument_id OPERATOR(pg_catalog.=) i.id
		   AND x.family OPERATOR(pg_catalog.=) i.family
		 GROUP BY i.id, i.family
		HAVING pg_catalog.sum(@extschema@.units(x.block)) IS DISTINCT FROM @extschema@.units(i.block)
		    OR NOT pg_catalog.bool_and(i.block OPERATOR(@extschema@.@>) x.block)
		    OR NOT pg_catalog.bool_and(x.asset_id OPERATOR(pg_catalog.=) i.asset_id);
END
$$;
COMMENT ON FUNCTION @extschema@.audit_registry() IS
	'Registry invariants (serials, claims, mechanisms, boundaries, conservation); one row per violation';

CREATE FUNCTION @extschema@.audit()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	fn regprocedure;
BEGIN
	FOR fn IN
		SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
		   AND p.proname LIKE 'audit\_%' AND p.pronargs OPERATOR(pg_catalog.=) 0
		 ORDER BY p.proname
	LOOP
		RETURN QUERY EXECUTE format('SELECT * FROM %s', fn);
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.audit() IS
	'Recompute every invariant of every area (all greenattr.audit_*() functions); one row per violation, empty when all hold';
