-- Grid average, residual mix and the attribute balance behind it.
--
-- A region means the region and every region below it (region_subtree()): the
-- residual mix of CN aggregates the grid data of all its provinces.  A period is
-- any bounded range (an hour, a month, a year); rows count in it when they lie
-- within it, and a row that crosses its bounds is an error (22023), never
-- silently cut or dropped.
--
-- residual_balance(region, period), for generation G with emissions E:
--   tracked T_s   per source s: energy claimed by instruments (certificates, green
--                 power, credits at their baseline factor) issued on generation of the
--                 region's assets whose vintage lies in the period, less units cancelled
--                 as expired (they return to the mix) and certificates converted to
--                 credits (the credit carries the claim instead).  Issued units leave the
--                 mix when issued, not when retired (AIB shifted-issuing method): a unit
--                 still active may be claimed later, wherever it is used.
--   tracked_co2e  sum over s of T_s x E_s / G_s (E_s, G_s: the source's grid data in
--                 the region and period), each term rounded once to the gram.
--                 T_s above G_s (or a source without grid data) is refused:
--                 tracked_within_generation (23514).
--   consumption   C = G + imports - exports (physical exchanges across the region's border)
--   claimed       K = energy retired for consumption in the region (consumption_claim),
--                 whatever region generated it: a certificate generated in A and claimed in
--                 B leaves A's mix (tracked) and covers consumption in B (claimed).
--   untracked     U = max(C - K, 0): consumption the residual mix is for
--   residual      G_r = G - T, E_r = E - tracked_co2e
--   deficit       D = max(U - G_r, 0): consumption without attributes of the region
--   residual mix  basis_co2e / basis_energy, with
--                   D = 0: E_r / G_r (a surplus goes to the wider pool at the same factor);
--                   D > 0: (E_r + D x F_w) / U, F_w = residual mix of the parent region
--                   (AIB: the deficit is filled from the wider attribute mix; D x F_w is
--                   computed from the parent's basis, rounded once); no parent, or a
--                   parent without residual mix: residual_mix_deficit (23514).
--                 The factor is shown rounded to 1 g/MWh; Scope 2 uses the basis.

-- c x num / den, rounded once to the gram (half away from zero): every emission
-- derived from a ratio is computed this way, never through a rounded factor.
CREATE FUNCTION @extschema@.scale_co2e(c @extschema@.co2e, num @extschema@.energy, den @extschema@.energy)
RETURNS @extschema@.co2e LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.round(($1::numeric OPERATOR(pg_catalog.*) $2::numeric) OPERATOR(pg_catalog./) $3::numeric, 6)::@extschema@.co2e
$$;
COMMENT ON FUNCTION @extschema@.scale_co2e(@extschema@.co2e, @extschema@.energy, @extschema@.energy) IS
	'c x num / den rounded once to the gram';

-- 22023 when grid data of the regions sub (a region and those below it)
-- crosses a bound of the period.  A row that overlaps the period and reaches
-- past a bound contains that bound, so the (region, period) index finds the few
-- rows to test, rather than a test of every row the sums read.
CREATE FUNCTION @extschema@.check_grid_period(region text, sub text[], period tstzrange)
RETURNS void LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM @extschema@.grid_generation x
	            WHERE x.region OPERATOR(pg_catalog.=) ANY (check_grid_period.sub)
	              AND x.period OPERATOR(pg_catalog.&&) check_grid_period.period
	              AND (x.period OPERATOR(pg_catalog.@>) pg_catalog.lower(check_grid_period.period)
	                   OR x.period OPERATOR(pg_catalog.@>) pg_catalog.upper(check_grid_period.period))
	              AND NOT x.period OPERATOR(pg_catalog.<@) check_grid_period.period) THEN
		RAISE EXCEPTION 'grid data of region % crosses the bounds of period %', check_grid_period.region, check_grid_period.period
			USING ERRCODE = '22023', HINT = 'Ask for a period made of whole periods of the grid data.';
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.check_grid_period(text, text[], tstzrange) IS
	'Refuse (22023) a period that cuts through grid data of the given regions';

-- Total generation and emissions of a region (and the regions below it) over a
-- period; 22023 if grid data crosses the period's bounds.
CREATE FUNCTION @extschema@.grid_totals(region text, period tstzrange,
	OUT generation @extschema@.energy, OUT emissions @extschema@.co2e)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	sub text[];
BEGIN
	PERFORM @extschema@.check_region_period(grid_totals.region, grid_totals.period);
	sub := @extschema@.region_subtree(grid_totals.region);
	PERFORM @extschema@.check_grid_period(grid_totals.region, sub, grid_totals.period);
	SELECT coalesce(@extschema@.sum(g.energy), '0'::@extschema@.energy), coalesce(@extschema@.sum(g.emissions), '0'::@extschema@.co2e)
	  INTO generation, emissions
	  FROM @extschema@.grid_generation g
	 WHERE g.region OPERATOR(pg_catalog.=) ANY (sub) AND g.period OPERATOR(pg_catalog.&&) grid_totals.period;
END
$$;
COMMENT ON FUNCTION @extschema@.grid_totals(text, tstzrange) IS
	'Total generation and its direct emissions in a region (and the regions below it) over a period';

CREATE FUNCTION @extschema@.residual_balance(region text, period tstzrange,
	OUT generation @extschema@.energy, OUT emissions @extschema@.co2e,
	OUT tracked @extschema@.energy, OUT tracked_co2e @extschema@.co2e,
	OUT imports @extschema@.energy, OUT exports @extschema@.energy,
	OUT consumption @extschema@.energy, OUT claimed @extschema@.energy,
	OUT untracked @extschema@.energy, OUT residual_generation @extschema@.energy,
	OUT residual_co2e @extschema@.co2e, OUT deficit @extschema@.energy,
	OUT wider_factor @extschema@.emission_factor, OUT grid_factor @extschema@.emission_factor,
	OUT residual_factor @extschema@.emission_factor,
	OUT basis_co2e @extschema@.co2e, OUT basis_energy @extschema@.energy)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	zero_e  constant @extschema@.energy := '0'::@extschema@.energy;
	zero_c  constant @extschema@.co2e := '0'::@extschema@.co2e;
	sub     text[];
	parent  text;
	aligned boolean;
	k       integer;
	s_source  text[];
	s_energy  @extschema@.energy[];
	s_co2e    @extschema@.co2e[];
	s_tracked @extschema@.energy[];
	w_co2e   @extschema@.co2e;
	w_energy @extschema@.energy;
BEGIN
	PERFORM @extschema@.check_region_period(residual_balance.region, residual_balance.period);
	sub := @extschema@.region_subtree(residual_balance.region);

	generation := zero_e; emissions := zero_c; tracked := zero_e; tracked_co2e := zero_c;
	PERFORM @extschema@.check_grid_period(residual_balance.region, sub, residual_balance.period);
	-- Vintages that cross the period's bounds.  Such a vintage contains a bound,
	-- and so does its activity's period, which contains the vintage
	-- (instrument_checks, activity_keeps_claims): the activities' (asset, kind,
	-- period) index finds the few to look at, rather than a test of every
	-- instrument the sums read.
	IF EXISTS (SELECT 1 FROM @extschema@.asset s
	             JOIN @extschema@.activity a ON a.asset_id OPERATOR(pg_catalog.=) s.id AND a.kind OPERATOR(pg_catalog.=) 'generation'
	              AND (a.period OPERATOR(pg_catalog.@>) pg_catalog.lower(residual_balance.period)
	                   OR a.period OPERATOR(pg_catalog.@>) pg_catalog.upper(residual_balance.period))
	             JOIN @extschema@.instrument i ON i.activity_id OPERATOR(pg_catalog.=) a.id
	            WHERE s.region OPERATOR(pg_catalog.=) ANY (sub)
	              AND i.family IN ('certificate', 'green_power', 'credit')
	              AND i.vintage OPERATOR(pg_catalog.&&) residual_balance.period
	              AND NOT i.vintage OPERATOR(pg_catalog.<@) residual_balance.period) THEN
		RAISE EXCEPTION 'instruments of region % have vintages that cross the bounds of period %',
			residual_balance.region, residual_balance.period
			USING ERRCODE = '22023', HINT = 'Ask for a period made of whole vintages (hourly vintages for hourly periods).';
	END IF;
	-- Per source: grid data (g) and tracked attributes (t), issued less expired
	-- and converted units, read in one statement, then checked source by source
	-- in order.  EXECUTE, not a FOR loop or SELECT INTO: plpgsql runs those with
	-- a cursor or a row limit, and PostgreSQL then never runs the plan in
	-- parallel, where the scan of a year of grid data does.
	EXECUTE $q$
		SELECT pg_catalog.array_agg(q.source ORDER BY q.source), pg_catalog.array_agg(q.energy ORDER BY q.source),
		       pg_catalog.array_agg(q.co2e ORDER BY q.source), pg_catalog.array_agg(q.tracked ORDER BY q.source)
		  FROM (
			WITH g AS (
				SELECT x.source, @extschema@.sum(x.energy) AS energy, @extschema@.sum(x.emissions) AS co2e
				  FROM @extschema@.grid_generation x
				 WHERE x.region OPERATOR(pg_catalog.=) ANY ($1) AND x.period OPERATOR(pg_catalog.&&) $2
				 GROUP BY x.source),
			-- Attributes of generation, summed per asset before the join to the
			-- region's assets (a join of every instrument costs more than the
			-- sum).  Certificates and green power are issued against generation
			-- only, on their activity's asset, their vintage inside its period
			-- (instrument_checks, issue_many()), and the activity keeps them so
			-- (activity_keeps_claims; audit_registry() reports a change made with
			-- the triggers off).  So only credits (against generation or saving)
			-- are read with their activity.
			per_asset AS (
				SELECT i.asset_id, @extschema@.sum(i.claim_energy) AS issued, NULL::@extschema@.energy AS released
				  FROM @extschema@.instrument i
				 WHERE i.family IN ('certificate', 'green_power') AND i.vintage OPERATOR(pg_catalog.&&) $2
				 GROUP BY i.asset_id
				UNION ALL
				SELECT i.asset_id, @extschema@.sum(i.claim_energy), NULL
				  FROM @extschema@.instrument i
				  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) i.activity_id
				   AND a.kind OPERATOR(pg_catalog.=) 'generation' AND a.period OPERATOR(pg_catalog.&&) $2
				 WHERE i.family OPERATOR(pg_catalog.=) 'credit' AND i.vintage OPERATOR(pg_catalog.&&) $2
				 GROUP BY i.asset_id
				UNION ALL
				-- Units released from those instruments (converted; certificates
				-- expired), found through holding_released rather than by reading
				-- every holding; a holding carries its issuance's asset (audit():
				-- conservation).
				SELECT i.asset_id, NULL,
				       '1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) pg_catalog.sum(@extschema@.units(x.block))::bigint
				  FROM @extschema@.holding x
				  JOIN @extschema@.instrument i ON i.asset_id OPERATOR(pg_catalog.=) x.asset_id
				   AND i.id OPERATOR(pg_catalog.=) x.instrument_id AND i.family OPERATOR(pg_catalog.=) x.family
				 WHERE (x.status OPERATOR(pg_catalog.=) 'converted'
				        OR (x.status OPERATOR(pg_catalog.=) 'cancelled' AND x.reason OPERATOR(pg_catalog.=) 'expired'
				            AND x.family IN ('certificate', 'green_power')))
				   AND i.vintage OPERATOR(pg_catalog.&&) $2 AND i.claim_energy IS NOT NULL
				   AND (i.family IN ('certificate', 'green_power')
				        OR (i.family OPERATOR(pg_catalog.=) 'credit'
				            AND EXISTS (SELECT 1 FROM @extschema@.activity a
				                         WHERE a.id OPERATOR(pg_catalog.=) i.activity_id AND a.kind OPERATOR(pg_catalog.=) 'generation'
				                           AND a.period OPERATOR(pg_catalog.&&) $2)))
				 GROUP BY i.asset_id),
			t AS (
				SELECT s.technology AS source,
				       coalesce(@extschema@.sum(p.issued), $3) OPERATOR(@extschema@.-) coalesce(@extschema@.sum(p.released), $3) AS tracked
				  FROM @extschema@.asset s
				  JOIN per_asset p ON p.asset_id OPERATOR(pg_catalog.=) s.id
				 WHERE s.region OPERATOR(pg_catalog.=) ANY ($1)
				 GROUP BY s.technology)
			SELECT coalesce(g.source, t.source) AS source, coalesce(g.energy, $3) AS energy,
			       coalesce(g.co2e, $4) AS co2e, coalesce(t.tracked, $3) AS tracked
			  FROM g FULL JOIN t ON t.source OPERATOR(pg_catalog.=) g.source) q
	$q$ INTO s_source, s_energy, s_co2e, s_tracked
	USING sub, residual_balance.period, zero_e, zero_c;
	FOR k IN 1 .. coalesce(pg_catalog.array_length(s_source, 1), 0) LOOP
		IF s_tracked[k] OPERATOR(@extschema@.>) s_energy[k] THEN
			PERFORM @extschema@.raise_rule('tracked_within_generation', '23514',
				format('instruments of region %s claim %s of %s generation in %s, more than the grid data''s %s',
					residual_balance.region, s_tracked[k], s_source[k], residual_balance.period, s_energy[k]),
				'Attributes of generation that the grid data does not contain cannot be taken out of the residual mix.',
				format('Load the %s generation of the region into greenattr.grid_generation.', s_source[k]));
		END IF;
		generation := generation OPERATOR(@extschema@.+) s_energy[k];
		emissions := emissions OPERATOR(@extschema@.+) s_co2e[k];
		tracked := tracked OPERATOR(@extschema@.+) s_tracked[k];
		IF s_tracked[k] OPERATOR(@extschema@.>) zero_e THEN
			tracked_co2e := tracked_co2e OPERATOR(@extschema@.+)
				@extschema@.scale_co2e(s_co2e[k], s_tracked[k], s_energy[k]);
		END IF;
	END LOOP;

	-- Physical exchanges across the border of the region.
	SELECT coalesce(@extschema@.sum(x.energy) FILTER (WHERE x.to_region OPERATOR(pg_catalog.=) ANY (sub)), zero_e),
	       coalesce(@extschema@.sum(x.energy) FILTER (WHERE x.from_region OPERATOR(pg_catalog.=) ANY (sub)), zero_e),
	       coalesce(pg_catalog.bool_and(x.period OPERATOR(pg_catalog.<@) residual_balance.period), true)
	  INTO imports, exports, aligned
	  FROM @extschema@.grid_exchange x
	 WHERE x.period OPERATOR(pg_catalog.&&) residual_balance.period
	   AND (x.to_region OPERATOR(pg_catalog.=) ANY (sub)) OPERATOR(pg_catalog.<>) (x.from_region OPERATOR(pg_catalog.=) ANY (sub));
	IF NOT aligned THEN
		RAISE EXCEPTION 'exchanges of region % cross the bounds of period %', residual_balance.region, residual_balance.period
			USING ERRCODE = '22023', HINT = 'Ask for a period made of whole periods of the exchange data.';
	END IF;

	-- Consumption claimed in the region, whatever region generated it (EXECUTE,
	-- as above, so that a year of hourly claims is summed in parallel).
	EXECUTE $q$
		SELECT coalesce(@extschema@.sum(c.energy), $3),
		       coalesce(pg_catalog.bool_and(c.period OPERATOR(pg_catalog.<@) $2), true)
		  FROM @extschema@.consumption_claim c
		 WHERE c.region OPERATOR(pg_catalog.=) ANY ($1) AND c.period OPERATOR(pg_catalog.&&) $2
	$q$ INTO claimed, aligned
	USING sub, residual_balance.period, zero_e;
	IF NOT aligned THEN
		RAISE EXCEPTION 'consumption claims in region % cross the bounds of period %', residual_balance.region, residual_balance.period
			USING ERRCODE = '22023', HINT = 'Ask for a period made of whole claimed periods.';
	END IF;

	consumption := generation OPERATOR(@extschema@.+) imports OPERATOR(@extschema@.-) exports;
	untracked := GREATEST(consumption OPERATOR(@extschema@.-) claimed, zero_e);
	residual_generation := generation OPERATOR(@extschema@.-) tracked;
	residual_co2e := emissions OPERATOR(@extschema@.-) tracked_co2e;
	deficit := GREATEST(untracked OPERATOR(@extschema@.-) residual_generation, zero_e);
	IF generation OPERATOR(@extschema@.>) zero_e THEN
		grid_factor := emissions OPERATOR(@extschema@./) generation;
	END IF;
	IF deficit OPERATOR(@extschema@.=) zero_e THEN
		IF residual_generation OPERATOR(@extschema@.>) zero_e THEN
			basis_co2e := residual_co2e;
			basis_energy := residual_generation;
			residual_factor := basis_co2e OPERATOR(@extschema@./) basis_energy;
		END IF;
		RETURN;
	END IF;
	SELECT r.parent INTO parent FROM @extschema@.region r WHERE r.code OPERATOR(pg_catalog.=) residual_balance.region;
	IF parent IS NOT NULL THEN
		SELECT w.basis_co2e, w.basis_energy, w.residual_factor INTO w_co2e, w_energy, wider_factor
		  FROM @extschema@.residual_balance(parent, residual_balance.period) w;
	END IF;
	IF w_energy IS NULL THEN
		PERFORM @extschema@.raise_rule('residual_mix_deficit', '23514',
			format('region %s lacks attributes for %s of its untracked consumption in %s',
				residual_balance.region, deficit, residual_balance.period),
			format('Untracked consumption %s; residual generation %s; %s.', untracked, residual_generation,
				CASE WHEN parent IS NULL THEN 'the region has no parent region'
				     ELSE format('parent region %s has no residual mix either', parent) END),
			'Load the grid data of a wider region (a parent region) whose attribute mix can fill the deficit.');
	END IF;
	basis_co2e := residual_co2e OPERATOR(@extschema@.+) @extschema@.scale_co2e(w_co2e, deficit, w_energy);
	basis_energy := untracked;
	residual_factor := basis_co2e OPERATOR(@extschema@./) basis_energy;
END
$$;
COMMENT ON FUNCTION @extschema@.residual_balance(text, tstzrange) IS
	'Attribute balance of a region (and the regions below it) over a period: grid data, tracked and claimed attributes, deficit and residual mix';

CREATE FUNCTION @extschema@.residual_mix(region text, period tstzrange)
RETURNS @extschema@.emission_factor LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT b.residual_factor FROM @extschema@.residual_balance($1, $2) b
$$;
COMMENT ON FUNCTION @extschema@.residual_mix(text, tstzrange) IS
	'Residual mix of a region over a period: emissions per MWh of the generation whose attributes no instrument carries (market-based Scope 2)';

CREATE FUNCTION @extschema@.grid_factor(region text, period tstzrange)
RETURNS @extschema@.emission_factor LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE WHEN t.generation OPERATOR(@extschema@.>) '0'::@extschema@.energy
	            THEN t.emissions OPERATOR(@extschema@./) t.generation END
	  FROM @extschema@.grid_totals($1, $2) t
$$;
COMMENT ON FUNCTION @extschema@.grid_factor(text, tstzrange) IS
	'Location-based grid factor of a region over a period: total generation emissions / total generation (NULL without generation)';
