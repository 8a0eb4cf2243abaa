-- Scope 2 of an entity, hourly (24/7) matching, regional inventories and the
-- double-counting exposure of green-power purchases.

-- Scope 2, per region of the entity's consumption over a period (GHG Protocol
-- Scope 2 Guidance; DOMAIN §3):
--   consumption  C = metered consumption lying in the period
--   claimed      K = consumption_claim rows of the entity for the region in the period
--                (quality criteria checked by claim_consumption())
--   covered      min(C, K); claims beyond consumption cover nothing
--   location     C x (generation emissions / generation) of the region and period
--   instruments  sum of K_i x national factor of the claimed generator's source
--                (0 for non-fossil sources); when K > C, that sum x covered / K
--   residual     (C - covered) x residual mix of the region and period (basis_co2e /
--                basis_energy of residual_balance()), never the grid average
--   market       instruments + residual
-- Each emission is rounded once to the gram (scale_co2e()); the factors shown are
-- rounded to 1 g/MWh but never used rounded.
CREATE FUNCTION @extschema@.scope2(entity bigint, period tstzrange)
RETURNS TABLE (region text, consumption @extschema@.energy, claimed @extschema@.energy, covered @extschema@.energy,
	location_factor @extschema@.emission_factor, location_co2e @extschema@.co2e,
	instrument_co2e @extschema@.co2e, residual_factor @extschema@.emission_factor,
	residual_co2e @extschema@.co2e, market_co2e @extschema@.co2e)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	zero_e constant @extschema@.energy := '0'::@extschema@.energy;
	zero_c constant @extschema@.co2e := '0'::@extschema@.co2e;
	r      record;
	g      record;
	b      record;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) scope2.entity) THEN
		RAISE EXCEPTION 'entity % does not exist', scope2.entity USING ERRCODE = '22023';
	END IF;
	PERFORM @extschema@.check_period(scope2.period);
	FOR r IN
		WITH c AS (
			SELECT x.region, @extschema@.sum(x.energy) AS energy,
			       pg_catalog.bool_and(x.period OPERATOR(pg_catalog.<@) scope2.period) AS aligned
			  FROM @extschema@.consumption x
			 WHERE x.entity_id OPERATOR(pg_catalog.=) scope2.entity AND x.period OPERATOR(pg_catalog.&&) scope2.period
			 GROUP BY x.region),
		k AS (
			SELECT x.region, @extschema@.sum(x.energy) AS energy,
			       @extschema@.sum(x.energy OPERATOR(@extschema@.*) s.national_factor) AS co2e,
			       pg_catalog.bool_and(x.period OPERATOR(pg_catalog.<@) scope2.period) AS aligned
			  FROM @extschema@.consumption_claim x
			  JOIN @extschema@.asset a ON a.id OPERATOR(pg_catalog.=) x.asset_id
			  JOIN @extschema@.energy_source s ON s.code OPERATOR(pg_catalog.=) a.technology
			 WHERE x.entity_id OPERATOR(pg_catalog.=) scope2.entity AND x.period OPERATOR(pg_catalog.&&) scope2.period
			 GROUP BY x.region)
		SELECT coalesce(c.region, k.region) AS region, coalesce(c.energy, zero_e) AS c, coalesce(k.energy, zero_e) AS k,
		       coalesce(k.co2e, zero_c) AS kco2e, coalesce(c.aligned, true) AND coalesce(k.aligned, true) AS aligned
		  FROM c FULL JOIN k ON k.region OPERATOR(pg_catalog.=) c.region
		 ORDER BY 1
	LOOP
		IF NOT r.aligned THEN
			RAISE EXCEPTION 'consumption or claims of entity % in region % cross the bounds of period %',
				scope2.entity, r.region, scope2.period
				USING ERRCODE = '22023', HINT = 'Ask for a period made of whole metering and claimed periods.';
		END IF;
		region := r.region;
		consumption := r.c;
		claimed := r.k;
		covered := LEAST(r.c, r.k);
		SELECT * INTO g FROM @extschema@.grid_totals(r.region, scope2.period);
		location_factor := NULL;
		location_co2e := NULL;
		IF g.generation OPERATOR(@extschema@.>) zero_e THEN
			location_factor := g.emissions OPERATOR(@extschema@./) g.generation;
			location_co2e := @extschema@.scale_co2e(g.emissions, consumption, g.generation);
		END IF;
		IF r.k OPERATOR(@extschema@.<=) r.c THEN
			instrument_co2e := r.kco2e;
		ELSE
			instrument_co2e := @extschema@.scale_co2e(r.kco2e, covered, r.k);
		END IF;
		residual_factor := NULL;
		residual_co2e := zero_c;
		IF covered OPERATOR(@extschema@.<) consumption THEN
			SELECT * INTO b FROM @extschema@.residual_balance(r.region, scope2.period);
			residual_factor := b.residual_factor;
			residual_co2e := @extschema@.scale_co2e(b.basis_co2e, consumption OPERATOR(@extschema@.-) covered, b.basis_energy);
		END IF;
		market_co2e := instrument_co2e OPERATOR(@extschema@.+) residual_co2e;
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.scope2(bigint, tstzrange) IS
	'Location-based and market-based Scope 2 emissions of an entity over a period, per region of its consumption';

-- The UTC hour a timestamp lies in (date_trunc('hour', t, 'UTC') without the
-- time-zone conversion: src/hours.c).
CREATE FUNCTION @extschema@.utc_hour(t timestamptz) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'greenattr_utc_hour'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.utc_hour(timestamptz) IS 'The start of the UTC hour a timestamp lies in';

-- Whether a metered row (or a certificate's vintage) can take part in hourly
-- matching of a period: within the period, and ending at the latest one hour
-- after the UTC hour it starts in; an empty range never (src/hours.c: one call
-- per row).
CREATE FUNCTION @extschema@.within_one_hour(metered tstzrange, period tstzrange) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_within_one_hour'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.within_one_hour(tstzrange, tstzrange) IS
	'Whether a range lies in the period and within the UTC hour it starts in (hourly matching)';

-- The consumption check of hourly_match(): true when no consumption row breaks
-- the hourly metering rule (bad is NULL), else 22023 naming the row.
CREATE FUNCTION @extschema@.hourly_metering_ok(entity bigint, bad tstzrange, period tstzrange)
RETURNS boolean LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'consumption of entity % over % is not within one hour of period %',
			hourly_metering_ok.entity, bad, hourly_metering_ok.period
			USING ERRCODE = '22023', HINT = 'Hourly matching needs hourly (or finer) metering within the period.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION @extschema@.hourly_metering_ok(bigint, tstzrange, tstzrange) IS
	'Check of hourly_match(): true when bad is NULL, else 22023 naming the consumption row that is not within one hour of the period';

-- 24/7 matching: per hour (UTC) and region, the entity's consumption against the
-- carbon-free (non-fossil) certificates it claimed whose vintage is that hour
-- and whose generator lies in the region of the consumption.  Certificates
-- whose vintage is not within one hour do not take part.  Consumption rows
-- must each lie within one hour (22023 otherwise, naming the earliest such row).
-- The consumption is read once (x): the check runs over the same rows as the
-- sums, as a one-time filter before any row is returned.
CREATE FUNCTION @extschema@.hourly_match(entity bigint, period tstzrange)
RETURNS TABLE ("hour" timestamptz, region text, consumption @extschema@.energy, certificates @extschema@.energy,
	matched @extschema@.energy, unmatched @extschema@.energy, surplus @extschema@.energy, cfe numeric)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) hourly_match.entity) THEN
		RAISE EXCEPTION 'entity % does not exist', hourly_match.entity USING ERRCODE = '22023';
	END IF;
	PERFORM @extschema@.check_period(hourly_match.period);
	RETURN QUERY
	WITH x AS MATERIALIZED (
		SELECT y.period, y.region, y.energy, @extschema@.utc_hour(pg_catalog.lower(y.period)) AS h
		  FROM @extschema@.consumption y
		 WHERE y.entity_id OPERATOR(pg_catalog.=) hourly_match.entity AND y.period OPERATOR(pg_catalog.&&) hourly_match.period),
	bad AS (
		SELECT x.period FROM x
		 WHERE NOT @extschema@.within_one_hour(x.period, hourly_match.period)
		 ORDER BY pg_catalog.lower(x.period), pg_catalog.upper(x.period)
		 LIMIT 1),
	c AS (
		SELECT x.h, x.region, @extschema@.sum(x.energy) AS energy
		  FROM x
		 GROUP BY 1, 2),
	k AS (
		SELECT @extschema@.utc_hour(pg_catalog.lower(i.vintage)) AS h, x.region,
		       @extschema@.sum(x.energy) AS energy
		  FROM @extschema@.consumption_claim x
		  JOIN @extschema@.instrument i ON i.id OPERATOR(pg_catalog.=) x.instrument_id AND i.family OPERATOR(pg_catalog.=) x.family
		  JOIN @extschema@.asset a ON a.id OPERATOR(pg_catalog.=) x.asset_id
		  JOIN @extschema@.energy_source s ON s.code OPERATOR(pg_catalog.=) a.technology AND NOT s.fossil
		 WHERE x.entity_id OPERATOR(pg_catalog.=) hourly_match.entity
		   AND x.period OPERATOR(pg_catalog.&&) hourly_match.period
		   AND @extschema@.within_one_hour(i.vintage, hourly_match.period)
		   AND a.region OPERATOR(pg_catalog.=) x.region
		 GROUP BY 1, 2),
	m AS (
		SELECT coalesce(c.h, k.h) AS h, coalesce(c.region, k.region) AS region,
		       coalesce(c.energy, '0'::@extschema@.energy) AS cons, coalesce(k.energy, '0'::@extschema@.energy) AS certs
		  FROM c FULL JOIN k ON k.h OPERATOR(pg_catalog.=) c.h AND k.region OPERATOR(pg_catalog.=) c.region)
	SELECT m.h, m.region, m.cons, m.certs, LEAST(m.cons, m.certs),
	       m.cons OPERATOR(@extschema@.-) LEAST(m.cons, m.certs),
	       m.certs OPERATOR(@extschema@.-) LEAST(m.cons, m.certs),
	       CASE WHEN m.cons OPERATOR(@extschema@.>) '0'::@extschema@.energy
	            THEN pg_catalog.round(LEAST(m.cons, m.certs) OPERATOR(@extschema@./) m.cons, 6) END
	  FROM m
	 WHERE @extschema@.hourly_metering_ok(hourly_match.entity, (SELECT bad.period FROM bad), hourly_match.period)
	 ORDER BY m.h, m.region;
END
$$;
COMMENT ON FUNCTION @extschema@.hourly_match(bigint, tstzrange) IS
	'24/7 matching of an entity''s consumption, hour by hour and region by region, with the carbon-free certificates it claimed of the same hour and region';

-- The regions hourly_match_region() reads: the region and those below it,
-- after the checks of the area's arguments (22023).
CREATE FUNCTION @extschema@.hourly_region_scope(region text, period tstzrange) RETURNS text[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.check_region_period(hourly_region_scope.region, hourly_region_scope.period);
	RETURN @extschema@.region_subtree(hourly_region_scope.region);
END
$$;
COMMENT ON FUNCTION @extschema@.hourly_region_scope(text, tstzrange) IS
	'Check of hourly_match_region(): the region and the regions below it, or 22023 for an unknown region or an unbounded period';

-- The earliest consumption row of an entity, region and hour that is not
-- within one hour of the period (for hourly_match_region()'s refusal).
CREATE FUNCTION @extschema@.hourly_unmetered(entity bigint, region text, h timestamptz, period tstzrange)
RETURNS tstzrange LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT y.period FROM @extschema@.consumption y
	 WHERE y.entity_id OPERATOR(pg_catalog.=) $1 AND y.region OPERATOR(pg_catalog.=) $2
	   AND y.period OPERATOR(pg_catalog.&&) $4 AND @extschema@.utc_hour(pg_catalog.lower(y.period)) OPERATOR(pg_catalog.=) $3
	   AND NOT @extschema@.within_one_hour(y.period, $4)
	 ORDER BY pg_catalog.lower(y.period), pg_catalog.upper(y.period) LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.hourly_unmetered(bigint, text, timestamptz, tstzrange) IS
	'The earliest consumption row of an entity, region and UTC hour that is not within one hour of the period';

-- 24/7 matching of a whole region at once: for every entity, the rows that
-- hourly_match(entity, period) gives for its consumption in the region or
-- below it, in no particular order.  Consumption rows and claims are grouped
-- together by (entity, hour, region), one GROUP BY over both, rather than two
-- groupings joined (a full join of 8.76 million hours with 2.6 million claimed
-- hours cost a third of the time).  Each consumption row's check (within one
-- hour of the period) is an aggregate of its hour, and an hour with a row that
-- fails it raises 22023 naming the row.  SQL without SET clauses, so that the
-- planner inlines it into the calling query, and PARALLEL SAFE with its
-- helpers, so that it can run in parallel: a sum over a region-year reads the
-- rows as they come, where a PL/pgSQL function would first store them all.
-- The scope (the checks of the arguments, and the regions) is computed once,
-- in a CTE, and read by the three places that use it; every name is qualified.
CREATE FUNCTION @extschema@.hourly_match_region(region_code text, period tstzrange)
RETURNS TABLE (entity bigint, "hour" timestamptz, region text, consumption @extschema@.energy,
	certificates @extschema@.energy, matched @extschema@.energy, unmatched @extschema@.energy,
	surplus @extschema@.energy, cfe numeric)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH scope AS (
		SELECT @extschema@.hourly_region_scope(hourly_match_region.region_code, hourly_match_region.period) AS regions),
	m AS (
		SELECT u.entity_id AS e, u.h, u.region,
		       coalesce(@extschema@.sum(u.cons), '0'::@extschema@.energy) AS cons,
		       coalesce(@extschema@.sum(u.certs), '0'::@extschema@.energy) AS certs,
		       pg_catalog.bool_and(u.hourly) AS hourly
		  FROM (SELECT y.entity_id, @extschema@.utc_hour(pg_catalog.lower(y.period)) AS h, y.region,
		               y.energy AS cons, NULL::@extschema@.energy AS certs,
		               @extschema@.within_one_hour(y.period, hourly_match_region.period) AS hourly
		          FROM @extschema@.consumption y
		         WHERE y.region OPERATOR(pg_catalog.=) ANY ((SELECT scope.regions FROM scope)::pg_catalog.text[])
		           AND y.period OPERATOR(pg_catalog.&&) hourly_match_region.period
		        UNION ALL
		        -- Carbon-free certificates claimed for consumption in the region,
		        -- generated in the region of the consumption, of an hour's vintage.
		        SELECT x.entity_id, @extschema@.utc_hour(pg_catalog.lower(i.vintage)), x.region, NULL, x.energy, NULL
		          FROM @extschema@.consumption_claim x
		          JOIN @extschema@.instrument i ON i.id OPERATOR(pg_catalog.=) x.instrument_id AND i.family OPERATOR(pg_catalog.=) x.family
		          JOIN @extschema@.asset a ON a.id OPERATOR(pg_catalog.=) x.asset_id
		          JOIN @extschema@.energy_source s ON s.code OPERATOR(pg_catalog.=) a.technology AND NOT s.fossil
		         WHERE x.region OPERATOR(pg_catalog.=) ANY ((SELECT scope.regions FROM scope)::pg_catalog.text[])
		           AND x.period OPERATOR(pg_catalog.&&) hourly_match_region.period
		           AND @extschema@.within_one_hour(i.vintage, hourly_match_region.period)
		           AND a.region OPERATOR(pg_catalog.=) x.region) u
		 GROUP BY 1, 2, 3)
	SELECT m.e, m.h, m.region, m.cons, m.certs, LEAST(m.cons, m.certs),
	       m.cons OPERATOR(@extschema@.-) LEAST(m.cons, m.certs),
	       m.certs OPERATOR(@extschema@.-) LEAST(m.cons, m.certs),
	       CASE WHEN m.cons OPERATOR(@extschema@.>) '0'::@extschema@.energy
	            THEN pg_catalog.round(LEAST(m.cons, m.certs) OPERATOR(@extschema@./) m.cons, 6) END
	  FROM m
	 -- Also a one-time filter: the arguments are checked even when no row comes.
	 WHERE (SELECT scope.regions FROM scope) IS NOT NULL
	   AND (m.hourly IS NOT FALSE
	    OR @extschema@.hourly_metering_ok(m.e, @extschema@.hourly_unmetered(m.e, m.region, m.h, hourly_match_region.period),
	           hourly_match_region.period))
$$;
COMMENT ON FUNCTION @extschema@.hourly_match_region(text, tstzrange) IS
	'24/7 matching of every entity''s consumption in a region (and the regions below it), hour by hour: the rows of hourly_match() for that consumption, with the entity';

CREATE FUNCTION @extschema@.cfe_score(entity bigint, period tstzrange)
RETURNS numeric LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE WHEN @extschema@.sum(m.consumption) OPERATOR(@extschema@.>) '0'::@extschema@.energy
	            THEN pg_catalog.round(@extschema@.sum(m.matched) OPERATOR(@extschema@./) @extschema@.sum(m.consumption), 6) END
	  FROM @extschema@.hourly_match($1, $2) m
$$;
COMMENT ON FUNCTION @extschema@.cfe_score(bigint, tstzrange) IS
	'Carbon-free-energy score of an entity over a period: consumption matched hour by hour / consumption (6 decimals)';

-- Regional inventory of one calendar year (seed 002 §4.1), for the region and
-- the regions below it:
--   direct            grid generation emissions + region_direct_emission rows
--   imports           power imported across the border, priced at the national factor
--                     of its source (energy_source.national_factor)
--   exported green    energy of instruments generated in the region and claimed for
--                     consumption outside it; the adjusted factor removes it:
--                     generation emissions / (generation - exported green)
--   credits exported  credits (tCO2e units) generated in the region, vintage in the year,
--                     retired from accounts of entities outside the region: added back
--   credits imported  credits generated outside, vintage in the year, retired from
--                     accounts of entities of the region: deducted
--   inventory = direct + import indirect; adjusted = inventory + exported - imported
CREATE FUNCTION @extschema@.region_inventory(region text, year integer)
RETURNS TABLE (generation @extschema@.energy, generation_co2e @extschema@.co2e, other_direct_co2e @extschema@.co2e,
	imports @extschema@.energy, import_co2e @extschema@.co2e, exports @extschema@.energy,
	grid_factor @extschema@.emission_factor, green_exported @extschema@.energy,
	adjusted_factor @extschema@.emission_factor, credits_exported @extschema@.co2e, credits_imported @extschema@.co2e,
	inventory_co2e @extschema@.co2e, adjusted_co2e @extschema@.co2e)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	zero_e constant @extschema@.energy := '0'::@extschema@.energy;
	zero_c constant @extschema@.co2e := '0'::@extschema@.co2e;
	p      tstzrange;
	sub    text[];
BEGIN
	IF year IS NULL OR year NOT BETWEEN 1900 AND 2200 THEN
		RAISE EXCEPTION 'year % is out of range', coalesce(year::text, 'NULL') USING ERRCODE = '22023',
			HINT = 'Give a calendar year between 1900 and 2200.';
	END IF;
	p := pg_catalog.tstzrange(pg_catalog.make_timestamptz(year, 1, 1, 0, 0, 0, 'UTC'),
		pg_catalog.make_timestamptz(year OPERATOR(pg_catalog.+) 1, 1, 1, 0, 0, 0, 'UTC'), '[)');
	PERFORM @extschema@.check_region_period(region_inventory.region, p);
	sub := @extschema@.region_subtree(region_inventory.region);

	SELECT t.generation, t.emissions INTO generation, generation_co2e
	  FROM @extschema@.grid_totals(region_inventory.region, p) t;
	IF generation OPERATOR(@extschema@.>) zero_e THEN
		grid_factor := generation_co2e OPERATOR(@extschema@./) generation;
	END IF;
	SELECT coalesce(@extschema@.sum(d.co2e), zero_c) INTO other_direct_co2e
	  FROM @extschema@.region_direct_emission d
	 WHERE d.region OPERATOR(pg_catalog.=) ANY (sub) AND d.year OPERATOR(pg_catalog.=) region_inventory.year;
	SELECT coalesce(@extschema@.sum(x.energy) FILTER (WHERE x.to_region OPERATOR(pg_catalog.=) ANY (sub)), zero_e),
	       coalesce(@extschema@.sum(x.energy OPERATOR(@extschema@.*) s.national_factor)
	                FILTER (WHERE x.to_region OPERATOR(pg_catalog.=) ANY (sub)), zero_c),
	       coalesce(@extschema@.sum(x.energy) FILTER (WHERE x.from_region OPERATOR(pg_catalog.=) ANY (sub)), zero_e)
	  INTO imports, import_co2e, exports
	  FROM @extschema@.grid_exchange x
	  JOIN @extschema@.energy_source s ON s.code OPERATOR(pg_catalog.=) x.source
	 WHERE x.period OPERATOR(pg_catalog.<@) p
	   AND (x.to_region OPERATOR(pg_catalog.=) ANY (sub)) OPERATOR(pg_catalog.<>) (x.from_region OPERATOR(pg_catalog.=) ANY (sub));
	SELECT coalesce(@extschema@.sum(c.energy), zero_e) INTO green_exported
	  FROM @extschema@.consumption_claim c
	  JOIN @extschema@.asset a ON a.id OPERATOR(pg_catalog.=) c.asset_id
	  JOIN @extschema@.instrument i ON i.id OPERATOR(pg_catalog.=) c.instrument_id AND i.family OPERATOR(pg_catalog.=) c.family
	 WHERE a.region OPERATOR(pg_catalog.=) ANY (sub) AND NOT c.region OPERATOR(pg_catalog.=) ANY (sub)
	   AND i.vintage OPERATOR(pg_catalog.<@) p;
	IF generation OPERATOR(@extschema@.>) green_exported THEN
		adjusted_factor := generation_co2e OPERATOR(@extschema@./) (generation OPERATOR(@extschema@.-) green_exported);
	END IF;
	SELECT coalesce(@extschema@.sum('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(h.block))
	                FILTER (WHERE a.region OPERATOR(pg_catalog.=) ANY (sub) AND NOT e.region OPERATOR(pg_catalog.=) ANY (sub)), zero_c),
	       coalesce(@extschema@.sum('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(h.block))
	                FILTER (WHERE NOT a.region OPERATOR(pg_catalog.=) ANY (sub) AND e.region OPERATOR(pg_catalog.=) ANY (sub)), zero_c)
	  INTO credits_exported, credits_imported
	  FROM @extschema@.holding h
	  JOIN @extschema@.instrument i ON i.id OPERATOR(pg_catalog.=) h.instrument_id AND i.family OPERATOR(pg_catalog.=) h.family
	  JOIN @extschema@.asset a ON a.id OPERATOR(pg_catalog.=) h.asset_id
	  JOIN @extschema@.account acc ON acc.id OPERATOR(pg_catalog.=) h.account_id
	  JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) acc.holder_id
	 WHERE h.family OPERATOR(pg_catalog.=) 'credit' AND h.status OPERATOR(pg_catalog.=) 'retired'
	   AND i.vintage OPERATOR(pg_catalog.<@) p;
	inventory_co2e := generation_co2e OPERATOR(@extschema@.+) other_direct_co2e OPERATOR(@extschema@.+) import_co2e;
	adjusted_co2e := inventory_co2e OPERATOR(@extschema@.+) credits_exported OPERATOR(@extschema@.-) credits_imported;
	RETURN NEXT;
END
$$;
COMMENT ON FUNCTION @extschema@.region_inventory(text, integer) IS
	'Regional inventory of a calendar year: direct emissions, indirect emissions of imported power, exported green power and credits moved across the region''s border';

-- Double-counting exposure of green-power purchases (seed 002 §3.3):
--   S0    real reduction claimed once: green x market_factor (the factor the green power
--         displaces, e.g. the combined margin)
--   S1    S0 + green x grid_factor: the same MWh counted again by everybody else who keeps
--         using the unadjusted grid average
--   S2_x  S1 + x x S0: a share x of the same MWh also issued as credits at market_factor
-- ratio = claimed / S0 (4 decimals).
CREATE FUNCTION @extschema@.double_counting_exposure(green @extschema@.energy, market_factor @extschema@.emission_factor,
	grid_factor @extschema@.emission_factor, credited_shares numeric[] DEFAULT ARRAY[0.25, 0.5, 1])
RETURNS TABLE (scenario text, credited_share numeric, real_co2e @extschema@.co2e, claimed_co2e @extschema@.co2e,
	overclaim_co2e @extschema@.co2e, ratio numeric)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	s0 @extschema@.co2e;
	s1 @extschema@.co2e;
	x  numeric;
BEGIN
	IF green IS NULL OR market_factor IS NULL OR grid_factor IS NULL
	   OR green OPERATOR(@extschema@.<=) '0'::@extschema@.energy
	   OR market_factor OPERATOR(@extschema@.<=) '0'::@extschema@.emission_factor
	   OR grid_factor OPERATOR(@extschema@.<) '0'::@extschema@.emission_factor THEN
		RAISE EXCEPTION 'double-counting exposure needs positive green energy and market factor and a non-negative grid factor'
			USING ERRCODE = '22023', DETAIL = format('Got green %s, market factor %s, grid factor %s.',
				coalesce(green::text, 'NULL'), coalesce(market_factor::text, 'NULL'), coalesce(grid_factor::text, 'NULL'));
	END IF;
	s0 := green OPERATOR(@extschema@.*) market_factor;
	s1 := s0 OPERATOR(@extschema@.+) (green OPERATOR(@extschema@.*) grid_factor);
	scenario := 'S0'; credited_share := 0; real_co2e := s0; claimed_co2e := s0;
	overclaim_co2e := '0'::@extschema@.co2e; ratio := 1.0000;
	RETURN NEXT;
	scenario := 'S1'; claimed_co2e := s1; overclaim_co2e := s1 OPERATOR(@extschema@.-) s0;
	ratio := pg_catalog.round(s1 OPERATOR(@extschema@./) s0, 4);
	RETURN NEXT;
	FOREACH x IN ARRAY coalesce(credited_shares, '{}'::numeric[]) LOOP
		IF x IS NULL OR x OPERATOR(pg_catalog.<) 0 OR x OPERATOR(pg_catalog.>) 1 THEN
			RAISE EXCEPTION 'credited share % is not between 0 and 1', coalesce(x::text, 'NULL') USING ERRCODE = '22023';
		END IF;
		scenario := 'S2_' OPERATOR(pg_catalog.||) pg_catalog.trim_scale(x OPERATOR(pg_catalog.*) 100)::text;
		credited_share := x;
		claimed_co2e := s1 OPERATOR(@extschema@.+) (s0 OPERATOR(@extschema@.*) x);
		overclaim_co2e := claimed_co2e OPERATOR(@extschema@.-) s0;
		ratio := pg_catalog.round(claimed_co2e OPERATOR(@extschema@./) s0, 4);
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.double_counting_exposure(@extschema@.energy, @extschema@.emission_factor, @extschema@.emission_factor, numeric[]) IS
	'What naive accounting claims for green power: S0 (market-based deduction), S1 (+ unadjusted grid factor), S2_x (+ share x also credited)';
