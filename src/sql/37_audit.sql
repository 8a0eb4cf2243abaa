-- greenattr.audit(): every invariant recomputed from the tables, one row per
-- violation, empty when all hold.  Meant for after bulk loads, restores with
-- triggers disabled, or any doubt.  Each area of the extension contributes a
-- function greenattr.audit_<area>() returning (invariant, subject, detail);
-- audit() runs them all, in name order.
--
-- audit_registry(): overlaps are found by one sort per numbering space (a
-- running maximum of the last unit), not by a self-join, so the cost stays
-- close to a scan of the tables.
--
-- The audit functions run with jit = off: their plans over a large registry
-- cost enough to be compiled, and compiling them (seconds, most of it LLVM
-- inlining and optimization) took longer than running them.
CREATE FUNCTION @extschema@.audit_registry()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	-- 1, 5. No unit in two holdings (one holder; no unit issued twice).
	-- The block is looked up only for the rows reported; "C" order groups the numbering spaces without the
	-- cost of the database's collation.
	SELECT 'one_holder', 'holding ' OPERATOR(pg_catalog.||) s.id,
	       format('block %s overlaps an earlier holding of the same numbering space reaching unit %s',
	              (SELECT h.block FROM @extschema@.holding h WHERE h.id OPERATOR(pg_catalog.=) s.id), s.reach)
	  FROM (SELECT k.id, k.first,
	               pg_catalog.max(k.last) OVER (
	                   PARTITION BY k.scheme, k.space ORDER BY k.first, k.id
	                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
	          FROM (SELECT h.id, @extschema@.scheme(h.block) COLLATE "C" AS scheme, @extschema@.space(h.block) COLLATE "C" AS space,
	                       @extschema@.first_unit(h.block) AS first, @extschema@.last_unit(h.block) AS last
	                  FROM @extschema@.holding h) k) s
	 WHERE s.reach OPERATOR(pg_catalog.>=) s.first
	UNION ALL
	-- 1. No issued block overlaps another.
	SELECT 'unique_serials', s.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) s.id,
	       format('issued block %s overlaps an earlier issuance reaching unit %s',
	              (SELECT i.block FROM @extschema@.instrument i
	                WHERE i.id OPERATOR(pg_catalog.=) s.id AND i.family OPERATOR(pg_catalog.=) s.family), s.reach)
	  FROM (SELECT k.id, k.family, k.first,
	               pg_catalog.max(k.last) OVER (
	                   PARTITION BY k.scheme, k.space ORDER BY k.first, k.id
	                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
	          FROM (SELECT i.id, i.family, @extschema@.scheme(i.block) COLLATE "C" AS scheme,
	                       @extschema@.space(i.block) COLLATE "C" AS space,
	                       @extschema@.first_unit(i.block) AS first, @extschema@.last_unit(i.block) AS last
	                  FROM @extschema@.instrument i) k) s
	 WHERE s.reach OPERATOR(pg_catalog.>=) s.first
	UNION ALL
	-- 2. One attribute, one instrument.
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
	    OR (c.energy IS NOT NULL AND a.energy IS NULL) OR (c.co2e IS NOT NULL AND a.co2e IS NULL)
	UNION ALL
	-- 2. Each issuance claims what its units stand for.
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
	    OR @extschema@.scheme(i.block) OPERATOR(pg_catalog.<>) i.mechanism
	UNION ALL
	-- 3. One crediting mechanism per asset and period.
	SELECT 'credit_one_mechanism_per_period', 'credit ' OPERATOR(pg_catalog.||) x.id,
	       format('%s block %s and %s block %s of asset %s have overlapping vintages %s and %s',
	              x.mechanism, x.block, y.mechanism, y.block, x.asset_id, x.vintage, y.vintage)
	  FROM @extschema@.credit x
	  JOIN @extschema@.credit y ON y.asset_id OPERATOR(pg_catalog.=) x.asset_id
	   AND y.vintage OPERATOR(pg_catalog.&&) x.vintage AND y.mechanism OPERATOR(pg_catalog.>) x.mechanism
	UNION ALL
	-- 4. Boundary rules: credits from inside a covered boundary.
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
	        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND a.kind OPERATOR(pg_catalog.=) 'saving'))
	UNION ALL
	-- 4. No entity in an ETS and in an energy-use-rights market that forbids it, at once.
	SELECT 'no_ets_coverage', 'entity ' OPERATOR(pg_catalog.||) c.entity_id,
	       format('covered by %s during %s and by %s during %s', c.market, c.during, e.market, e.during)
	  FROM @extschema@.coverage c
	  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
	   AND r.rule OPERATOR(pg_catalog.=) 'no_ets_coverage'
	  JOIN @extschema@.coverage e ON e.entity_id OPERATOR(pg_catalog.=) c.entity_id
	   AND e.during OPERATOR(pg_catalog.&&) c.during
	  JOIN @extschema@.market m ON m.code OPERATOR(pg_catalog.=) e.market AND m.kind OPERATOR(pg_catalog.=) 'ets'
	UNION ALL
	-- 6. Conservation: per issuance, held + retired + cancelled = issued, inside the block.
	SELECT 'conservation', i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
	       format('issued %s (%s units); holdings hold %s units%s', i.block, @extschema@.units(i.block),
	              coalesce(h.held, 0), CASE WHEN h.inside THEN '' ELSE ', some outside the block' END)
	  FROM @extschema@.instrument i
	  LEFT JOIN (SELECT x.instrument_id, x.family, pg_catalog.sum(@extschema@.units(x.block)) AS held,
	                    pg_catalog.bool_and(j.block OPERATOR(@extschema@.@>) x.block) AS inside
	               FROM @extschema@.holding x
	               JOIN @extschema@.instrument j ON j.id OPERATOR(pg_catalog.=) x.instrument_id
	                AND j.family OPERATOR(pg_catalog.=) x.family
	              GROUP BY x.instrument_id, x.family) h
	    ON h.instrument_id OPERATOR(pg_catalog.=) i.id AND h.family OPERATOR(pg_catalog.=) i.family
	 WHERE h.held IS NULL OR h.held OPERATOR(pg_catalog.<>) @extschema@.units(i.block) OR NOT h.inside
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
