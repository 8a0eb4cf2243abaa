-- Views for BI tools: one row per region and year (residual mix, inventory),
-- per entity, region and year (Scope 2, double-counting exposure).  Years are
-- UTC calendar years taken from the data.

CREATE FUNCTION @extschema@.year_range(year integer) RETURNS tstzrange
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.tstzrange(pg_catalog.make_timestamptz($1, 1, 1, 0, 0, 0, 'UTC'),
		pg_catalog.make_timestamptz($1 OPERATOR(pg_catalog.+) 1, 1, 1, 0, 0, 0, 'UTC'), '[)')
$$;
COMMENT ON FUNCTION @extschema@.year_range(integer) IS 'The UTC calendar year as a timestamp range';

CREATE VIEW @extschema@.residual_mix_yearly AS
SELECT y.region, y.year, b.generation, b.emissions, b.grid_factor, b.tracked, b.tracked_co2e,
       b.imports, b.exports, b.consumption, b.claimed, b.untracked, b.deficit, b.wider_factor, b.residual_factor
  FROM (SELECT DISTINCT g.region, pg_catalog.date_part('year', pg_catalog.lower(g.period) AT TIME ZONE 'UTC')::integer AS year
          FROM @extschema@.grid_generation g) y
  CROSS JOIN LATERAL @extschema@.residual_balance(y.region, @extschema@.year_range(y.year)) b;
COMMENT ON VIEW @extschema@.residual_mix_yearly IS 'Grid average and residual mix per region (with the regions below it) and calendar year';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.region IS 'Region (aggregating the regions below it)';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.year IS 'Calendar year (UTC)';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.generation IS 'Total generation';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.emissions IS 'Total direct emissions of the generation';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.grid_factor IS 'Location-based grid factor: emissions / generation';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.tracked IS 'Generation whose attributes instruments carry (issued, less expired and converted)';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.tracked_co2e IS 'Emissions of the tracked generation, at the factor of its source';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.imports IS 'Physical imports across the region''s border';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.exports IS 'Physical exports across the region''s border';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.consumption IS 'Generation + imports - exports';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.claimed IS 'Consumption in the region covered by claimed instruments';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.untracked IS 'Consumption not covered by instruments: what the residual mix is for';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.deficit IS 'Untracked consumption beyond the residual generation, filled from the parent region''s mix';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.wider_factor IS 'Residual mix of the parent region that fills the deficit (NULL without deficit)';
COMMENT ON COLUMN @extschema@.residual_mix_yearly.residual_factor IS 'Residual mix: the factor of untracked consumption (market-based Scope 2)';

CREATE VIEW @extschema@.scope2_yearly AS
SELECT y.entity_id, e.name AS entity, y.year, s.region, s.consumption, s.claimed, s.covered,
       s.location_factor, s.location_co2e, s.instrument_co2e, s.residual_factor, s.residual_co2e, s.market_co2e
  FROM (SELECT DISTINCT c.entity_id, pg_catalog.date_part('year', pg_catalog.lower(c.period) AT TIME ZONE 'UTC')::integer AS year
          FROM @extschema@.consumption c) y
  JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) y.entity_id
  CROSS JOIN LATERAL @extschema@.scope2(y.entity_id, @extschema@.year_range(y.year)) s;
COMMENT ON VIEW @extschema@.scope2_yearly IS 'Location-based and market-based Scope 2 emissions per entity, calendar year and region of consumption';
COMMENT ON COLUMN @extschema@.scope2_yearly.entity_id IS 'Consuming entity';
COMMENT ON COLUMN @extschema@.scope2_yearly.entity IS 'Name of the entity';
COMMENT ON COLUMN @extschema@.scope2_yearly.year IS 'Calendar year (UTC)';
COMMENT ON COLUMN @extschema@.scope2_yearly.region IS 'Region of the consumption';
COMMENT ON COLUMN @extschema@.scope2_yearly.consumption IS 'Metered consumption';
COMMENT ON COLUMN @extschema@.scope2_yearly.claimed IS 'Energy of the instruments claimed for this consumption';
COMMENT ON COLUMN @extschema@.scope2_yearly.covered IS 'Consumption covered by instruments (at most the consumption)';
COMMENT ON COLUMN @extschema@.scope2_yearly.location_factor IS 'Grid average factor of the region and year';
COMMENT ON COLUMN @extschema@.scope2_yearly.location_co2e IS 'Location-based emissions: consumption x grid average';
COMMENT ON COLUMN @extschema@.scope2_yearly.instrument_co2e IS 'Emissions of the covered consumption at the factor of the instruments'' sources';
COMMENT ON COLUMN @extschema@.scope2_yearly.residual_factor IS 'Residual mix applied to the uncovered consumption';
COMMENT ON COLUMN @extschema@.scope2_yearly.residual_co2e IS 'Uncovered consumption x residual mix';
COMMENT ON COLUMN @extschema@.scope2_yearly.market_co2e IS 'Market-based emissions: instrument_co2e + residual_co2e';

CREATE VIEW @extschema@.region_inventory_yearly AS
SELECT y.region, y.year, i.*
  FROM (SELECT DISTINCT g.region, pg_catalog.date_part('year', pg_catalog.lower(g.period) AT TIME ZONE 'UTC')::integer AS year
          FROM @extschema@.grid_generation g) y
  CROSS JOIN LATERAL @extschema@.region_inventory(y.region, y.year) i;
COMMENT ON VIEW @extschema@.region_inventory_yearly IS 'Regional inventory per region (with the regions below it) and calendar year';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.region IS 'Region (aggregating the regions below it)';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.year IS 'Calendar year (UTC)';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.generation IS 'Power generated in the region';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.generation_co2e IS 'Direct emissions of power generation';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.other_direct_co2e IS 'Other direct emissions (greenattr.region_direct_emission)';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.imports IS 'Power imported across the region''s border';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.import_co2e IS 'Indirect emissions of imported power at the national factor of its source';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.exports IS 'Power exported across the region''s border';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.grid_factor IS 'Grid average factor of the region';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.green_exported IS 'Green power and certificates generated in the region and claimed for consumption outside it';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.adjusted_factor IS 'Grid factor without the exported green generation: generation emissions / (generation - green exported)';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.credits_exported IS 'Credits generated in the region and retired by entities outside it (added back)';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.credits_imported IS 'Credits generated outside the region and retired by its entities (deducted)';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.inventory_co2e IS 'Direct emissions + indirect emissions of imports';
COMMENT ON COLUMN @extschema@.region_inventory_yearly.adjusted_co2e IS 'Inventory + credits exported - credits imported';

CREATE VIEW @extschema@.double_counting_exposure_yearly AS
SELECT c.entity_id, c.region, c.year, c.green, f.grid_factor, x.scenario, x.claimed_co2e, x.overclaim_co2e, x.ratio
  FROM (SELECT k.entity_id, k.region, pg_catalog.date_part('year', pg_catalog.lower(k.period) AT TIME ZONE 'UTC')::integer AS year,
               @extschema@.sum(k.energy) AS green
          FROM @extschema@.consumption_claim k
          JOIN @extschema@.asset a ON a.id OPERATOR(pg_catalog.=) k.asset_id
          JOIN @extschema@.energy_source s ON s.code OPERATOR(pg_catalog.=) a.technology AND NOT s.fossil
         GROUP BY 1, 2, 3) c
  CROSS JOIN LATERAL (SELECT @extschema@.grid_factor(c.region, @extschema@.year_range(c.year)) AS grid_factor) f
  CROSS JOIN LATERAL @extschema@.double_counting_exposure(c.green, f.grid_factor, f.grid_factor, ARRAY[1]) x
 WHERE f.grid_factor OPERATOR(@extschema@.>) '0'::@extschema@.emission_factor;
COMMENT ON VIEW @extschema@.double_counting_exposure_yearly IS 'What naive accounting would claim for each entity''s green-power claims (non-fossil sources) of a year, with the grid average as both the displaced and the unadjusted factor';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.entity_id IS 'Entity that claimed the green power';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.region IS 'Region of the covered consumption';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.year IS 'Calendar year (UTC) of the covered consumption';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.green IS 'Energy of non-fossil sources claimed through certificates and green power';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.grid_factor IS 'Grid average factor of the region and year (used as displaced and as unadjusted factor)';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.scenario IS 'S0 (claimed once), S1 (+ unadjusted grid factor), S2_100 (+ the same MWh also credited)';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.claimed_co2e IS 'Reductions claimed in the scenario';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.overclaim_co2e IS 'Claimed beyond the real reduction (S0)';
COMMENT ON COLUMN @extschema@.double_counting_exposure_yearly.ratio IS 'Claimed / real reduction';

-- Invariants of this area, run by greenattr.audit().
CREATE FUNCTION @extschema@.audit_residual()
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
	  FROM @extschema@.consumption_claim c
	  LEFT JOIN @extschema@.holding h ON h.id OPERATOR(pg_catalog.=) c.holding_id
	 WHERE h.id IS NULL OR h.status OPERATOR(pg_catalog.<>) 'retired' OR h.block OPERATOR(@extschema@.<>) c.block
	    OR h.instrument_id OPERATOR(pg_catalog.<>) c.instrument_id OR h.family OPERATOR(pg_catalog.<>) c.family
	UNION ALL
	-- Tracked generation per region, source and year never exceeds the grid data.
	SELECT 'tracked_within_generation', s.region OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) s.technology
	         OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) s.year,
	       format('instruments claim %s; grid data has %s', s.tracked, coalesce(g.energy, '0'::@extschema@.energy))
	  FROM (SELECT a.region, a.technology,
	               pg_catalog.date_part('year', pg_catalog.lower(i.vintage) AT TIME ZONE 'UTC')::integer AS year,
	               @extschema@.sum(i.claim_energy OPERATOR(@extschema@.-) ('1 MWh'::@extschema@.energy OPERATOR(@extschema@.*)
	                   coalesce(x.units, 0))) AS tracked
	          FROM @extschema@.instrument i
	          JOIN @extschema@.activity v ON v.id OPERATOR(pg_catalog.=) i.activity_id AND v.kind OPERATOR(pg_catalog.=) 'generation'
	          JOIN @extschema@.asset a ON a.id OPERATOR(pg_catalog.=) i.asset_id
	          -- units back in the mix (converted, expired), per instrument: one grouped pass, not a probe per instrument
	          LEFT JOIN (SELECT x.instrument_id, x.family, pg_catalog.sum(@extschema@.units(x.block))::bigint AS units
	                       FROM @extschema@.holding x
	                      WHERE x.status OPERATOR(pg_catalog.=) 'converted'
	                         OR (x.status OPERATOR(pg_catalog.=) 'cancelled' AND x.reason OPERATOR(pg_catalog.=) 'expired'
	                             AND x.family IN ('certificate', 'green_power'))
	                      GROUP BY x.instrument_id, x.family) x
	            ON x.instrument_id OPERATOR(pg_catalog.=) i.id AND x.family OPERATOR(pg_catalog.=) i.family
	         -- only regions with grid data are checked: drop the others before grouping
	         WHERE EXISTS (SELECT 1 FROM @extschema@.grid_generation gg WHERE gg.region OPERATOR(pg_catalog.=) a.region)
	         GROUP BY 1, 2, 3) s
	  LEFT JOIN (SELECT g.region, g.source,
	                    pg_catalog.date_part('year', pg_catalog.lower(g.period) AT TIME ZONE 'UTC')::integer AS year,
	                    @extschema@.sum(g.energy) AS energy
	               FROM @extschema@.grid_generation g GROUP BY 1, 2, 3) g
	    ON g.region OPERATOR(pg_catalog.=) s.region AND g.source OPERATOR(pg_catalog.=) s.technology
	   AND g.year OPERATOR(pg_catalog.=) s.year
	 WHERE s.tracked OPERATOR(@extschema@.>) coalesce(g.energy, '0'::@extschema@.energy)
$$;
COMMENT ON FUNCTION @extschema@.audit_residual() IS
	'Invariants of the residual-mix area: claims stand for retired holdings; tracked generation within the grid data';
