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
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF period IS NULL OR pg_catalog.isempty(period) OR pg_catalog.lower_inf(period) OR pg_catalog.upper_inf(period) THEN
		RAISE EXCEPTION 'period % is not a bounded, non-empty range', coalesce(period::text, 'NULL') USING ERRCODE = '22023',
			HINT = 'Give a period such as ''[2024-01-01,2025-01-01)''.';
	END IF;
END
$$;

-- A claimed consumption period: bounded, not empty, within one calendar year
-- (UTC).  SQL without SET clauses, so that claim_consumption_many()'s batch
-- check inlines it; claim_consumption() refuses a period that fails it.
CREATE FUNCTION @extschema@.claimable_period(period tstzrange) RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT NOT pg_catalog.isempty($1) AND NOT pg_catalog.lower_inf($1) AND NOT pg_catalog.upper_inf($1)
	   AND pg_catalog.date_trunc('year', pg_catalog.lower($1), 'UTC')
	       OPERATOR(pg_catalog.=) pg_catalog.date_trunc('year', pg_catalog.upper($1) OPERATOR(pg_catalog.-) interval '1 microsecond', 'UTC')
$$;
COMMENT ON FUNCTION @extschema@.claimable_period(tstzrange) IS
	'Whether a period can be claimed for consumption: bounded, not empty, within one calendar year (UTC)';

CREATE FUNCTION @extschema@.check_region_period(region text, period tstzrange) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
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
	   OR NOT @extschema@.claimable_period(claim_consumption.period) THEN
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

-- The rows of a claim_consumption_many() batch whose block is a whole active
-- holding it locked: held[k] was locked for row at[k].  SQL without SET
-- clauses, so that the planner inlines it into the verb's statements; every
-- name is qualified (and EXECUTE is for nobody: 99_security_verbs.sql).
CREATE FUNCTION @extschema@.claim_many_rows(blocks @extschema@.certblock[], entities bigint[], periods tstzrange[],
	held bigint[], at bigint[])
RETURNS TABLE (n bigint, block @extschema@.certblock, period tstzrange, entity_id bigint, entity_name text,
	holding_id bigint, account_id bigint, instrument_id bigint, family text, asset_id bigint)
LANGUAGE sql STABLE
AS $$
	SELECT x.n, x.b, x.p, e.id, e.name, h.id, h.account_id, h.instrument_id, h.family, h.asset_id
	  FROM ROWS FROM (pg_catalog.unnest(claim_many_rows.held), pg_catalog.unnest(claim_many_rows.at)) l (hid, n)
	  JOIN ROWS FROM (pg_catalog.unnest(claim_many_rows.blocks), pg_catalog.unnest(claim_many_rows.entities),
	                  pg_catalog.unnest(claim_many_rows.periods)) WITH ORDINALITY x (b, e, p, n)
	    ON x.n OPERATOR(pg_catalog.=) l.n
	  JOIN @extschema@.holding h ON h.id OPERATOR(pg_catalog.=) l.hid
	  JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) x.e
	 WHERE h.block OPERATOR(@extschema@.=) x.b AND h.status OPERATOR(pg_catalog.=) 'active'
$$;
COMMENT ON FUNCTION @extschema@.claim_many_rows(@extschema@.certblock[], bigint[], tstzrange[], bigint[], bigint[]) IS
	'The rows of a claim_consumption_many() batch that are whole active holdings it locked';

-- Bulk consumption claims, the verb of hourly (24/7) matching, where every
-- hour of a consumer's year is a claim of its own: the i-th block is claimed
-- for the consumption of entities[i] in the region during periods[i], as
-- claim_consumption() claims it, in the order given; one refused claim claims
-- nothing.  Returns the blocks in that order.
--
-- An operator's call first locks the active holdings that contain the blocks,
-- in id order (so two batches over the same holdings never lock them in
-- opposite orders, whichever path each then takes), and the entities.  When
-- every row then passes the checks of claim_consumption() on the holdings
-- locked (each block a whole active holding of an open account, by
-- from_account if given, once in the batch; a known entity; the family,
-- source, market and vintage criteria), the batch is written in one statement
-- (holdings, claims, journal) that the per-row triggers skip (bulk_checked());
-- its journal rows are sealed as one batch at commit.  Any other batch (a
-- block to split off a larger holding, a row that would be refused, a holding
-- split concurrently) and every holder's call (which must learn nothing of
-- others' units, so locks nothing before find_block() has checked ownership)
-- go through claim_consumption() row by row, which refuses the first failing
-- row with its own words.  The batch check only chooses the path: it never
-- refuses.
--
-- No JIT: the lock's estimate (a hundred holdings for each block) is high
-- enough for JIT with inlining and optimization, which saved no time and took
-- memory (100,000 claims in one call, three runs each: 8.5-9.9 s and 151 MB
-- of private memory with JIT, 6.7-9.7 s and 127 MB without; the caller's
-- arrays included).  A call holds its whole batch (200,000 claims: 210 MB,
-- 67 MB of it the caller's arrays; written in statements of 100,000 they
-- took 197 MB, so most of it is the batch's arrays and the lock and check
-- statements): call it with batches of 100,000 or so, as the benchmark does.
CREATE FUNCTION @extschema@.claim_consumption_many(blocks @extschema@.certblock[], entities bigint[], region text,
	periods tstzrange[], from_account bigint DEFAULT NULL)
RETURNS SETOF @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $$
DECLARE
	n        bigint := coalesce(pg_catalog.cardinality(blocks), 0);
	held     bigint[];
	at       bigint[];
	checked  boolean;
	c        record;
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
	IF n OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;

	IF @extschema@.caller_is_operator()
	   AND EXISTS (SELECT 1 FROM @extschema@.region r WHERE r.code OPERATOR(pg_catalog.=) claim_consumption_many.region) THEN
		-- The holdings, in id order; the entities, so that none goes before the write.
		EXECUTE $q$
			SELECT pg_catalog.array_agg(s.id), pg_catalog.array_agg(s.n)
			  FROM (SELECT h.id, x.n FROM @extschema@.holding h
			          JOIN pg_catalog.unnest($1) WITH ORDINALITY x (b, n) ON h.block OPERATOR(@extschema@.@>) x.b
			         WHERE h.status OPERATOR(pg_catalog.=) 'active'
			         ORDER BY h.id FOR UPDATE OF h) s
			$q$
			INTO held, at USING blocks;
		PERFORM 1 FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) ANY (entities) ORDER BY e.id FOR KEY SHARE;
		-- Whether claim_consumption() would accept every row as it stands, without a split.
		EXECUTE $q$
			WITH r AS (
				SELECT r.*, i.vintage
				  FROM @extschema@.claim_many_rows($1, $2, $4, $6, $7) r
				  JOIN @extschema@.account a ON a.id OPERATOR(pg_catalog.=) r.account_id AND a.status OPERATOR(pg_catalog.=) 'open'
				  JOIN @extschema@.instrument i ON i.id OPERATOR(pg_catalog.=) r.instrument_id AND i.family OPERATOR(pg_catalog.=) r.family
				 WHERE ($5 IS NULL OR r.account_id OPERATOR(pg_catalog.=) $5)
				   AND r.family IN ('certificate', 'green_power'))
			-- Per asset and per period, not per row: the source, the market and the
			-- calendar year (every row's asset and period are among the distinct ones).
			SELECT (SELECT pg_catalog.count(*) FILTER (WHERE r.period OPERATOR(pg_catalog.@>) r.vintage) OPERATOR(pg_catalog.=) $8
			           AND pg_catalog.count(DISTINCT r.holding_id) OPERATOR(pg_catalog.=) $8
			          FROM r)
			   AND (SELECT pg_catalog.bool_and(
			                   EXISTS (SELECT 1 FROM @extschema@.energy_source es WHERE es.code OPERATOR(pg_catalog.=) s.technology)
			                   AND @extschema@.region_country(s.region) IS NOT DISTINCT FROM @extschema@.region_country($3))
			          FROM (SELECT DISTINCT r.asset_id FROM r) d
			          JOIN @extschema@.asset s ON s.id OPERATOR(pg_catalog.=) d.asset_id)
			   AND (SELECT pg_catalog.bool_and(@extschema@.claimable_period(d.period))
			          FROM (SELECT DISTINCT r.period FROM r) d)
			$q$
			INTO checked USING blocks, entities, region, periods, from_account, held, at, n;
	END IF;

	IF checked IS NOT TRUE THEN
		-- Paired by position, as the batch pairs them (whatever the arrays' lower bounds).
		FOR c IN SELECT x.b, x.e, x.p
		           FROM ROWS FROM (pg_catalog.unnest(blocks), pg_catalog.unnest(entities), pg_catalog.unnest(periods))
		                WITH ORDINALITY x (b, e, p, n)
		          ORDER BY x.n LOOP
			RETURN NEXT @extschema@.claim_consumption(c.b, c.e, region, c.p, from_account);
		END LOOP;
		RETURN;
	END IF;

	-- The rows, checked: written without their per-row triggers.
	PERFORM pg_catalog.set_config('greenattr.verb', 'claim_consumption', true);
	PERFORM @extschema@.bulk_checked_begin();
	RETURN QUERY EXECUTE $q$
		WITH r AS (SELECT * FROM @extschema@.claim_many_rows($1, $2, $4, $5, $6)),
		retired AS (
			UPDATE @extschema@.holding h
			   SET status = 'retired', beneficiary = r.entity_name, purpose = 'scope2', claimed_period = r.period,
			       since = pg_catalog.now()
			  FROM r WHERE h.id OPERATOR(pg_catalog.=) r.holding_id),
		claimed AS (
			INSERT INTO @extschema@.consumption_claim (holding_id, block, instrument_id, family, asset_id, entity_id, region, period, energy)
			SELECT r.holding_id, r.block, r.instrument_id, r.family, r.asset_id, r.entity_id, $3, r.period,
			       '1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(r.block)
			  FROM r ORDER BY r.n),
		journaled AS (
			INSERT INTO @extschema@.journal AS j (verb, block, from_account, detail)
			SELECT 'claim_consumption', r.block, r.account_id,
			       pg_catalog.jsonb_build_object('beneficiary', r.entity_name, 'entity', r.entity_id, 'purpose', 'scope2',
			           'region', $3, 'claimed_period', r.period::text)
			  FROM r ORDER BY r.n
			RETURNING j.id, j.block),
		batch AS (
			INSERT INTO @extschema@.journal_batch (first_id, last_id, entries)
			SELECT pg_catalog.min(journaled.id), pg_catalog.max(journaled.id), pg_catalog.count(*) FROM journaled)
		SELECT journaled.block FROM journaled ORDER BY journaled.id
		$q$
		USING blocks, entities, region, periods, held, at;
	PERFORM @extschema@.bulk_checked_end();
	PERFORM pg_catalog.set_config('greenattr.verb', '', true);
END
$$;
COMMENT ON FUNCTION @extschema@.claim_consumption_many(@extschema@.certblock[], bigint[], text, tstzrange[], bigint) IS
	'Claim many blocks for consumption in one region, blocks[i] for entities[i] during periods[i], through the checks of claim_consumption(); returns the blocks in order';

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
