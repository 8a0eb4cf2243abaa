-- Verbs of the residual-mix area: claim_consumption() retires certificates or
-- green power for an entity's consumption in a region and period (structured
-- Scope 2 claim); expire() cancels units that expired unclaimed.
--
-- Quality criteria (GHG Protocol Scope 2 Guidance, ch. 7) checked at claim time:
--   claim_instrument_family  only energy attribute instruments (certificate, green_power);
--   claim_source             the generator's technology is a source of greenattr.energy_source,
--                            so its emission factor is known;
--   claim_market_boundary    generation and consumption lie in the same market: the same
--                            country (region_country(): its nearest enclosing country);
--   claim_vintage            the vintage lies within the claimed consumption period, and that
--                            period within one calendar year (UTC).

-- region_country() is defined with the region table (30_reference.sql).

-- A region and every region below it.
CREATE FUNCTION @extschema@.region_subtree(code text) RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH RECURSIVE down AS (
		SELECT r.code FROM @extschema@.region r WHERE r.code OPERATOR(pg_catalog.=) $1
		UNION ALL
		SELECT r.code FROM @extschema@.region r JOIN down ON r.parent OPERATOR(pg_catalog.=) down.code)
	SELECT pg_catalog.array_agg(down.code) FROM down
$$;
COMMENT ON FUNCTION @extschema@.region_subtree(text) IS 'A region and all regions below it (NULL if it does not exist)';

-- Arguments shared by the functions of this area: a bounded period, a known region.
CREATE FUNCTION @extschema@.check_period(period tstzrange) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF period IS NULL OR pg_catalog.isempty(period) OR pg_catalog.lower_inf(period) OR pg_catalog.upper_inf(period) THEN
		RAISE EXCEPTION 'period % is not a bounded, non-empty range', coalesce(period::text, 'NULL') USING ERRCODE = '22023',
			HINT = 'Give a period such as ''[2024-01-01,2025-01-01)''.';
	END IF;
END
$$;

CREATE FUNCTION @extschema@.check_region_period(region text, period tstzrange) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF region IS NULL OR NOT EXISTS (SELECT 1 FROM @extschema@.region r WHERE r.code OPERATOR(pg_catalog.=) region) THEN
		RAISE EXCEPTION 'region "%" does not exist', coalesce(region, 'NULL') USING ERRCODE = '22023',
			HINT = 'Regions are rows of greenattr.region.';
	END IF;
	PERFORM @extschema@.check_period(period);
END
$$;

CREATE FUNCTION @extschema@.claim_consumption(block @extschema@.certblock, entity bigint, region text,
	period tstzrange, from_account bigint DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ent    @extschema@.entity;
	hid    bigint;
	h      @extschema@.holding;
	i      @extschema@.instrument;
	a      @extschema@.asset;
BEGIN
	PERFORM @extschema@.check_region_period(claim_consumption.region, claim_consumption.period);
	SELECT * INTO ent FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) claim_consumption.entity;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('entity_exists', '23503',
			format('entity %s does not exist', claim_consumption.entity), NULL, NULL);
	END IF;
	hid := @extschema@.take_block(claim_consumption.block, claim_consumption.from_account, 'claim_consumption');
	SELECT * INTO h FROM @extschema@.holding x WHERE x.id OPERATOR(pg_catalog.=) hid;
	SELECT * INTO i FROM @extschema@.instrument x
	 WHERE x.id OPERATOR(pg_catalog.=) h.instrument_id AND x.family OPERATOR(pg_catalog.=) h.family;
	SELECT * INTO a FROM @extschema@.asset x WHERE x.id OPERATOR(pg_catalog.=) h.asset_id;

	IF i.family NOT IN ('certificate', 'green_power') THEN
		PERFORM @extschema@.raise_rule('claim_instrument_family', '23514',
			format('%s block %s cannot be claimed for electricity consumption', i.family, claim_consumption.block::text),
			NULL, 'Only energy certificates and green power (1 MWh units) cover electricity consumption.');
	END IF;
	IF NOT EXISTS (SELECT 1 FROM @extschema@.energy_source s WHERE s.code OPERATOR(pg_catalog.=) a.technology) THEN
		PERFORM @extschema@.raise_rule('claim_source', '23514',
			format('block %s comes from asset %s of technology "%s", which is not an energy source',
				claim_consumption.block::text, a.id, a.technology),
			'The emission factor of a claimed instrument is the factor of its source.',
			'Add the technology to greenattr.energy_source or correct the asset.');
	END IF;
	IF @extschema@.region_country(a.region) IS DISTINCT FROM @extschema@.region_country(claim_consumption.region) THEN
		PERFORM @extschema@.raise_rule('claim_market_boundary', '23514',
			format('block %s was generated in %s and cannot cover consumption in %s',
				claim_consumption.block::text, a.region, claim_consumption.region),
			format('Generation lies in market %s, consumption in market %s.',
				@extschema@.region_country(a.region), @extschema@.region_country(claim_consumption.region)),
			'Instruments cover consumption in the market (country) where they were generated.');
	END IF;
	IF NOT claim_consumption.period OPERATOR(pg_catalog.@>) i.vintage
	   OR pg_catalog.date_trunc('year', pg_catalog.lower(claim_consumption.period), 'UTC')
	      OPERATOR(pg_catalog.<>) pg_catalog.date_trunc('year', pg_catalog.upper(claim_consumption.period)
	          OPERATOR(pg_catalog.-) interval '1 microsecond', 'UTC') THEN
		PERFORM @extschema@.raise_rule('claim_vintage', '23514',
			format('block %s of vintage %s cannot cover consumption of %s',
				claim_consumption.block::text, i.vintage, claim_consumption.period),
			'The vintage must lie within the claimed consumption period, and that period within one calendar year.',
			'Claim the block for the consumption of its own vintage.');
	END IF;

	UPDATE @extschema@.holding x
	   SET status = 'retired', beneficiary = ent.name, purpose = 'scope2',
	       claimed_period = claim_consumption.period, since = pg_catalog.now()
	 WHERE x.id OPERATOR(pg_catalog.=) hid;
	INSERT INTO @extschema@.consumption_claim (holding_id, block, instrument_id, family, asset_id, entity_id, region, period, energy)
	VALUES (hid, claim_consumption.block, i.id, i.family, a.id, ent.id, claim_consumption.region, claim_consumption.period,
		'1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(claim_consumption.block));
	INSERT INTO @extschema@.journal (verb, block, from_account, detail)
	VALUES ('claim_consumption', claim_consumption.block, h.account_id,
		pg_catalog.jsonb_build_object('beneficiary', ent.name, 'entity', ent.id, 'purpose', 'scope2',
			'region', claim_consumption.region, 'claimed_period', claim_consumption.period::text));
	PERFORM pg_catalog.set_config('greenattr.verb', '', true);
	RETURN claim_consumption.block;
END
$$;
COMMENT ON FUNCTION @extschema@.claim_consumption(@extschema@.certblock, bigint, text, tstzrange, bigint) IS
	'Retire certificates or green power for an entity''s electricity consumption in a region and period (Scope 2 claim); final';

-- Units that expired unclaimed: cancelled with reason 'expired'.  Their
-- attributes return to the residual mix of the region that generated them.
CREATE FUNCTION @extschema@.expire(block @extschema@.certblock, from_account bigint DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	fam text;
BEGIN
	SELECT m.family INTO fam FROM @extschema@.mechanism m WHERE m.code OPERATOR(pg_catalog.=) @extschema@.scheme(expire.block);
	IF fam IS DISTINCT FROM 'certificate' AND fam IS DISTINCT FROM 'green_power' THEN
		RAISE EXCEPTION 'block % is not a block of certificates or green power', expire.block::text
			USING ERRCODE = '22023', HINT = 'Only energy certificates and green power expire into the residual mix.';
	END IF;
	RETURN @extschema@.cancel(expire.block, 'expired', expire.from_account);
END
$$;
COMMENT ON FUNCTION @extschema@.expire(@extschema@.certblock, bigint) IS
	'Cancel certificates or green power that expired unclaimed (reason ''expired''); their attributes return to the residual mix';
