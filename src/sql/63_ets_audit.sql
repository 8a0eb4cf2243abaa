-- audit_ets(): the ETS and claim invariants recomputed from the tables (run by
-- greenattr.audit()).  Catches what later edits of rules or compliance figures,
-- or restores with triggers disabled, can break.
CREATE FUNCTION @extschema@.audit_ets()
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
	  FROM (SELECT DISTINCT s.entity_id, s.market, s.compliance_year, s.ruleset FROM @extschema@.surrender s) g
	  CROSS JOIN LATERAL @extschema@.ets_verdict(g.entity_id, g.market, g.compliance_year,
	                                             '{}'::@extschema@.certblock[], g.ruleset) v
	 WHERE NOT v.ok AND v.rule_id IS NOT NULL
	UNION ALL
	-- Every surrendered block is a retired holding for that compliance purpose.
	SELECT 'surrender_retired', 'surrender ' OPERATOR(pg_catalog.||) s.id,
	       format('block %s is not one retired holding with purpose compliance:%s:%s', s.block, s.market, s.compliance_year)
	  FROM @extschema@.surrender s
	 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.holding h
	                    WHERE h.block OPERATOR(@extschema@.=) s.block AND h.status OPERATOR(pg_catalog.=) 'retired'
	                      AND h.purpose OPERATOR(pg_catalog.=) format('compliance:%s:%s', s.market, s.compliance_year))
	UNION ALL
	-- Every claim retirement is a retired holding for that target.
	SELECT 'claim_retired', 'claim_retirement ' OPERATOR(pg_catalog.||) r.id,
	       format('block %s is not one retired holding for claim target %s', r.block, r.target_id)
	  FROM @extschema@.claim_retirement r
	 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.holding h
	                    WHERE h.block OPERATOR(@extschema@.=) r.block AND h.status OPERATOR(pg_catalog.=) 'retired'
	                      AND pg_catalog.split_part(h.purpose, ':', 2) OPERATOR(pg_catalog.=) r.target_id::text)
	UNION ALL
	-- Every holding retired for a reserved purpose has its surrender or claim row.
	SELECT 'reserved_purpose', 'holding ' OPERATOR(pg_catalog.||) h.id,
	       format('block %s retired for %s without a %s row', h.block, h.purpose,
	              CASE WHEN h.purpose ~ '^compliance:' THEN 'surrender' ELSE 'claim_retirement' END)
	  FROM @extschema@.holding h
	 WHERE h.status OPERATOR(pg_catalog.=) 'retired' AND h.purpose ~ '^(compliance|event|product):'
	   AND NOT EXISTS (SELECT 1 FROM @extschema@.surrender s WHERE s.block OPERATOR(@extschema@.=) h.block)
	   AND NOT EXISTS (SELECT 1 FROM @extschema@.claim_retirement r WHERE r.block OPERATOR(@extschema@.=) h.block)
	UNION ALL
	-- A new forestry project of an event serves no other claim.
	SELECT 'event_forestry_once', 'claim_retirement ' OPERATOR(pg_catalog.||) r.id,
	       format('units of asset %s (new forestry of target %s) retired for target %s', r.asset_id, f.target_id, r.target_id)
	  FROM @extschema@.claim_retirement r
	  JOIN @extschema@.event_forestry f ON f.asset_id OPERATOR(pg_catalog.=) r.asset_id
	 WHERE f.target_id OPERATOR(pg_catalog.<>) r.target_id
	UNION ALL
	-- Rule rows name mechanisms, markets and region groups that exist.
	SELECT 'offset_rule_references', 'offset_rule ' OPERATOR(pg_catalog.||) r.id,
	       format('unknown %s', x.what)
	  FROM @extschema@.offset_rule r
	  CROSS JOIN LATERAL (
		SELECT 'mechanism ' OPERATOR(pg_catalog.||) m AS what
		  FROM unnest(r.mechanisms OPERATOR(pg_catalog.||) coalesce(r.scope_mechanisms, '{}')) m
		 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.mechanism k WHERE k.code OPERATOR(pg_catalog.=) m)
		UNION ALL
		SELECT 'market ' OPERATOR(pg_catalog.||) m
		  FROM unnest(r.markets) m
		 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.market k WHERE k.code OPERATOR(pg_catalog.=) m)) x
$$;
COMMENT ON FUNCTION @extschema@.audit_ets() IS
	'ETS and claim invariants: surrendered amounts within the caps and quotas, surrenders and claim retirements backed by retired holdings and the reverse, rule references';
