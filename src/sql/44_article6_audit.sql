-- audit_article6(): the corresponding adjustments recomputed from holdings and
-- authorizations (run by greenattr.audit()).
--   first_transfer_adjusted: every authorized, unrevoked unit that has been
--     first transferred by the evidence of the holdings (an NDC-authorized unit
--     held in another party's account; an OIMP unit whose definition is
--     authorization or issuance; an OIMP unit under use_or_cancellation that is
--     retired or cancelled) is covered by exactly one addition, of the
--     authorizing party, for its vintage year;
--   adjustment_of_authorized_units: every addition lies on authorized units of
--     its authorization, with quantity = units x 1 t;
--   ndc_use_subtracted: every retirement with purpose 'ndc' is covered by
--     exactly one subtraction of the using party for the year of use, and every
--     subtraction lies on such a retirement.
CREATE FUNCTION @extschema@.audit_article6()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	WITH parts AS (
		SELECT h.id AS holding_id, h.account_id, h.status, h.block AS holding_block, x.part, a.*, i.vintage
		  FROM @extschema@.holding h
		 CROSS JOIN LATERAL @extschema@.itmo_parts(h.block) x
		  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
		  JOIN @extschema@.credit i ON i.id OPERATOR(pg_catalog.=) x.instrument_id
		 WHERE h.family OPERATOR(pg_catalog.=) 'credit'
		   AND EXISTS (SELECT 1 FROM @extschema@.itmo_block ib WHERE ib.block OPERATOR(@extschema@.&&) h.block)
	), expected AS (
		SELECT p.*,
		       (SELECT coalesce(pg_catalog.sum(@extschema@.units(@extschema@.block_meet(c.block, p.part))), 0)
		          FROM @extschema@.corresponding_adjustment c
		         WHERE c.kind OPERATOR(pg_catalog.=) 'addition' AND c.block OPERATOR(@extschema@.&&) p.part
		           AND c.party OPERATOR(pg_catalog.=) p.party
		           AND c.year OPERATOR(pg_catalog.=) @extschema@.vintage_year(p.vintage)) AS adjusted
		  FROM parts p
		 WHERE (p.for_ndc AND @extschema@.account_party(p.account_id) IS DISTINCT FROM p.party)
		    OR (p.for_oimp AND p.first_transfer IN ('authorization', 'issuance'))
		    OR (p.for_oimp AND p.first_transfer OPERATOR(pg_catalog.=) 'use_or_cancellation'
		        AND p.status IN ('retired', 'cancelled'))
	)
	SELECT 'first_transfer_adjusted', 'holding ' OPERATOR(pg_catalog.||) e.holding_id,
	       format('units %s of authorization %s are first transferred; additions of %s for %s cover %s of their %s units',
	              e.part, e.id, e.party, @extschema@.vintage_year(e.vintage), e.adjusted, @extschema@.units(e.part))
	  FROM expected e
	 WHERE e.adjusted OPERATOR(pg_catalog.<>) @extschema@.units(e.part)
	UNION ALL
	-- Additions overlapping one another (one first transfer per unit): block_overlaps() (37_audit.sql).
	SELECT 'first_transfer_adjusted', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
	       format('addition on %s overlaps another addition reaching unit %s',
	              (SELECT c.block FROM @extschema@.corresponding_adjustment c
	                WHERE c.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]),
	              o.a[k OPERATOR(pg_catalog.*) 3])
	  FROM (SELECT @extschema@.block_overlaps(c.block, c.id, 0) AS a FROM @extschema@.corresponding_adjustment c
	         WHERE c.kind OPERATOR(pg_catalog.=) 'addition') o
	 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k
	UNION ALL
	SELECT 'adjustment_of_authorized_units', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) c.id,
	       format('%s of %s on %s (%s units) by %s: %s of the units are authorized by authorization %s',
	              c.kind, c.quantity, c.block, @extschema@.units(c.block), c.party,
	              coalesce((SELECT pg_catalog.sum(@extschema@.units(x.part)) FROM @extschema@.itmo_parts(c.block) x
	                         WHERE x.authorization_id OPERATOR(pg_catalog.=) c.authorization_id), 0), c.authorization_id)
	  FROM @extschema@.corresponding_adjustment c
	 WHERE c.quantity OPERATOR(@extschema@.<>) ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(c.block))
	    OR coalesce((SELECT pg_catalog.sum(@extschema@.units(ib.block)) FROM @extschema@.itmo_block ib
	                  WHERE ib.authorization_id OPERATOR(pg_catalog.=) c.authorization_id
	                    AND ib.block OPERATOR(@extschema@.@>) c.block), 0) OPERATOR(pg_catalog.=) 0
	    OR (c.kind OPERATOR(pg_catalog.=) 'addition' AND c.party OPERATOR(pg_catalog.<>)
	        (SELECT a.party FROM @extschema@.itmo_authorization a WHERE a.id OPERATOR(pg_catalog.=) c.authorization_id))
	UNION ALL
	SELECT 'ndc_use_subtracted', 'holding ' OPERATOR(pg_catalog.||) h.id,
	       format('NDC use of %s by %s for %s: subtractions of %s for that year cover %s of its %s units (%s in all)',
	              h.block, h.beneficiary, h.claimed_period, h.beneficiary, s.matching, @extschema@.units(h.block), s.total)
	  FROM @extschema@.holding h
	 CROSS JOIN LATERAL (
		SELECT coalesce(pg_catalog.sum(@extschema@.units(@extschema@.block_meet(c.block, h.block)))
		           FILTER (WHERE c.party OPERATOR(pg_catalog.=) h.beneficiary
		                     AND c.year OPERATOR(pg_catalog.=) @extschema@.vintage_year(h.claimed_period)), 0) AS matching,
		       coalesce(pg_catalog.sum(@extschema@.units(@extschema@.block_meet(c.block, h.block))), 0) AS total
		  FROM @extschema@.corresponding_adjustment c
		 WHERE c.kind OPERATOR(pg_catalog.=) 'subtraction' AND c.block OPERATOR(@extschema@.&&) h.block) s
	 WHERE h.status OPERATOR(pg_catalog.=) 'retired' AND h.purpose OPERATOR(pg_catalog.=) 'ndc'
	   AND (s.matching OPERATOR(pg_catalog.<>) @extschema@.units(h.block) OR s.total OPERATOR(pg_catalog.<>) @extschema@.units(h.block))
	UNION ALL
	SELECT 'ndc_use_subtracted', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) c.id,
	       format('subtraction on %s by %s for %s lies outside the NDC uses (%s of its units)', c.block, c.party, c.year,
	              coalesce(u.units, 0))
	  FROM @extschema@.corresponding_adjustment c
	 CROSS JOIN LATERAL (
		SELECT pg_catalog.sum(@extschema@.units(@extschema@.block_meet(h.block, c.block))) AS units
		  FROM @extschema@.holding h
		 WHERE h.block OPERATOR(@extschema@.&&) c.block AND h.status OPERATOR(pg_catalog.=) 'retired'
		   AND h.purpose OPERATOR(pg_catalog.=) 'ndc') u
	 WHERE c.kind OPERATOR(pg_catalog.=) 'subtraction'
	   AND coalesce(u.units, 0) OPERATOR(pg_catalog.<>) @extschema@.units(c.block)
$$;
COMMENT ON FUNCTION @extschema@.audit_article6() IS
	'Article 6 invariants: every first-transferred authorized unit has exactly one addition, every NDC use exactly one subtraction; one row per violation';
