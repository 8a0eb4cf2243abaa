-- Article 6 rules, kept by triggers so that greenattr.issue(), transfer(),
-- retire() and cancel() produce the ITMO actions and corresponding adjustments
-- without knowing about Article 6:
--   * issuance (AFTER INSERT on credit): authorizations by issuance take the
--     new units; an OIMP first transfer defined at issuance or authorization,
--     or an issuance straight into another party's account, is a first transfer;
--   * holding changes (AFTER UPDATE OF account_id, status on holding): an
--     international transfer of NDC-authorized units is their first transfer
--     (once per unit); a retirement with purpose 'ndc' is an NDC use (checked,
--     then subtracted by the using party); other retirements and cancellations
--     of OIMP-authorized units are OIMP uses/cancellations (a first transfer
--     under the use_or_cancellation definition).
--
-- Parties.  A government entity is its party (entity.party); any other entity
-- belongs to the party of the country its region lies in (region.alpha3 of the
-- country reached through region.parent).  An account belongs to the party of
-- its holder; an asset (project) to the party of its region's country, which is
-- its host party.  A transfer is international when the two accounts belong to
-- different parties.
--
-- Concurrency.  Every decision about an authorized unit (first transfer,
-- revocation, authorization by issuance) is taken while holding the row lock
-- of its itmo_authorization, and reads with a fresh READ COMMITTED snapshot
-- after taking it, so a unit is first transferred once; the exclusion
-- constraints one_first_transfer_per_unit and one_ndc_use_per_unit are the
-- backstop.

-- Party (ISO alpha-3) of the country that contains a region.
CREATE FUNCTION @extschema@.region_party(region text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT r.alpha3 FROM @extschema@.region r
	 WHERE r.code OPERATOR(pg_catalog.=) @extschema@.region_country($1)
$$;
COMMENT ON FUNCTION @extschema@.region_party(text) IS 'ISO alpha-3 of the country a region lies in (NULL if none)';

-- Party of an account: its holder's party (governments) or the country of its region.
CREATE FUNCTION @extschema@.account_party(account bigint) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT coalesce(e.party, @extschema@.region_party(e.region))
	  FROM @extschema@.account a JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) a.holder_id
	 WHERE a.id OPERATOR(pg_catalog.=) $1
$$;
COMMENT ON FUNCTION @extschema@.account_party(bigint) IS
	'Party an account belongs to: the holder''s party for a government, else the country of the holder''s region';

-- Host party of an asset: the country its region lies in.
CREATE FUNCTION @extschema@.asset_party(asset bigint) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT @extschema@.region_party(s.region) FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) $1
$$;
COMMENT ON FUNCTION @extschema@.asset_party(bigint) IS 'Host party of an asset: the country of its region';

-- Calendar year (UTC) in which a vintage starts: the year of a first-transfer addition.
CREATE FUNCTION @extschema@.vintage_year(vintage tstzrange) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.date_part('year', pg_catalog.timezone('UTC', pg_catalog.lower($1)))::int
$$;
COMMENT ON FUNCTION @extschema@.vintage_year(tstzrange) IS 'UTC calendar year in which a vintage starts';

-- The units two blocks have in common (NULL if none).
CREATE FUNCTION @extschema@.block_meet(a @extschema@.certblock, b @extschema@.certblock)
RETURNS @extschema@.certblock
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE WHEN a OPERATOR(@extschema@.&&) b THEN
		@extschema@.certblock(@extschema@.scheme(a), @extschema@.space(a),
			pg_catalog.int8larger(@extschema@.first_unit(a), @extschema@.first_unit(b)),
			pg_catalog.int8smaller(@extschema@.last_unit(a), @extschema@.last_unit(b))) END
$$;
COMMENT ON FUNCTION @extschema@.block_meet(@extschema@.certblock, @extschema@.certblock) IS
	'Units two blocks have in common, as a block; NULL when they do not overlap';

-- The pieces of a block not covered by any of the given blocks, in unit order.
CREATE FUNCTION @extschema@.block_gaps(b @extschema@.certblock, covered @extschema@.certblock[])
RETURNS SETOF @extschema@.certblock
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	f bigint := @extschema@.first_unit(b);
	c @extschema@.certblock;
BEGIN
	IF b IS NULL THEN
		RETURN;
	END IF;
	FOR c IN SELECT x FROM pg_catalog.unnest(covered) x
	          WHERE x OPERATOR(@extschema@.&&) b ORDER BY @extschema@.first_unit(x) LOOP
		IF @extschema@.first_unit(c) OPERATOR(pg_catalog.>) f THEN
			RETURN NEXT @extschema@.certblock(@extschema@.scheme(b), @extschema@.space(b), f,
				@extschema@.first_unit(c) OPERATOR(pg_catalog.-) 1);
		END IF;
		f := pg_catalog.int8larger(f, @extschema@.last_unit(c) OPERATOR(pg_catalog.+) 1);
	END LOOP;
	IF f OPERATOR(pg_catalog.<=) @extschema@.last_unit(b) THEN
		RETURN NEXT @extschema@.certblock(@extschema@.scheme(b), @extschema@.space(b), f, @extschema@.last_unit(b));
	END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.block_gaps(@extschema@.certblock, @extschema@.certblock[]) IS
	'Pieces of a block that none of the given blocks covers, in unit order';

-- Authorized, unrevoked units within a block: one row per authorization piece.
CREATE FUNCTION @extschema@.itmo_parts(b @extschema@.certblock)
RETURNS TABLE (authorization_id bigint, instrument_id bigint, part @extschema@.certblock)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
	SELECT ib.authorization_id, ib.instrument_id, g.g
	  FROM @extschema@.itmo_block ib
	 CROSS JOIN LATERAL @extschema@.block_gaps(@extschema@.block_meet(ib.block, $1),
	       ARRAY(SELECT r.block FROM @extschema@.itmo_revocation r
	              WHERE r.block OPERATOR(@extschema@.&&) ib.block AND r.block OPERATOR(@extschema@.&&) $1)) g (g)
	 WHERE ib.block OPERATOR(@extschema@.&&) $1
	 ORDER BY @extschema@.first_unit(g.g)
$$;
COMMENT ON FUNCTION @extschema@.itmo_parts(@extschema@.certblock) IS
	'The authorized, unrevoked units within a block: (authorization, issuance, piece) in unit order';

-- Pieces of a block that have (first = true) or have not (false) been first transferred.
CREATE FUNCTION @extschema@.itmo_ft_pieces(b @extschema@.certblock, first_transferred boolean)
RETURNS SETOF @extschema@.certblock
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
	SELECT g FROM @extschema@.block_gaps($1,
	       ARRAY(SELECT c.block FROM @extschema@.corresponding_adjustment c
	              WHERE c.kind OPERATOR(pg_catalog.=) 'addition' AND c.block OPERATOR(@extschema@.&&) $1)) g
	 WHERE NOT $2
	UNION ALL
	SELECT @extschema@.block_meet(c.block, $1) FROM @extschema@.corresponding_adjustment c
	 WHERE $2 AND c.kind OPERATOR(pg_catalog.=) 'addition' AND c.block OPERATOR(@extschema@.&&) $1
$$;
COMMENT ON FUNCTION @extschema@.itmo_ft_pieces(@extschema@.certblock, boolean) IS
	'Pieces of a block already first transferred (true) or not yet (false)';

-- Record one action on authorized units; with adjust_party, also its corresponding adjustment.
CREATE FUNCTION @extschema@.itmo_record(act text, auth bigint, blk @extschema@.certblock, instr bigint,
	from_acct bigint, to_acct bigint, from_party text, to_party text, purp text, user_name text,
	use_year int, adjust_party text)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	vint tstzrange;
	aid  bigint;
	prev text := @extschema@.itmo_write_begin();
BEGIN
	SELECT i.vintage INTO vint FROM @extschema@.credit i WHERE i.id OPERATOR(pg_catalog.=) instr;
	INSERT INTO @extschema@.itmo_action (action, authorization_id, block, instrument_id, vintage, from_account,
		to_account, transferring_party, acquiring_party, purpose, used_by, ndc_year)
	VALUES (act, auth, blk, instr, vint, from_acct, to_acct, from_party, to_party, purp, user_name, use_year)
	RETURNING id INTO aid;
	IF act OPERATOR(pg_catalog.=) 'first_transfer' THEN
		INSERT INTO @extschema@.corresponding_adjustment (action_id, authorization_id, kind, party, year, block, quantity)
		VALUES (aid, auth, 'addition', adjust_party, @extschema@.vintage_year(vint), blk,
			'1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(blk));
	ELSIF act OPERATOR(pg_catalog.=) 'use_ndc' THEN
		INSERT INTO @extschema@.corresponding_adjustment (action_id, authorization_id, kind, party, year, block, quantity)
		VALUES (aid, auth, 'subtraction', adjust_party, use_year, blk,
			'1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(blk));
	END IF;
	PERFORM @extschema@.itmo_write_end(prev);
	RETURN aid;
END
$$;

-- First transfer of the not yet first-transferred pieces of an authorized part;
-- the pieces already first transferred are recorded as other_action (if given).
CREATE FUNCTION @extschema@.itmo_first_transfer(auth @extschema@.itmo_authorization, part @extschema@.certblock,
	instr bigint, from_acct bigint, to_acct bigint, from_party text, to_party text, other_action text)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	p  @extschema@.certblock;
	ft bigint := 0;
BEGIN
	-- Pieces already first transferred first: the additions below would count them in.
	IF other_action IS NOT NULL THEN
		FOR p IN SELECT * FROM @extschema@.itmo_ft_pieces(part, true) LOOP
			PERFORM @extschema@.itmo_record(other_action, auth.id, p, instr, from_acct, to_acct, from_party,
				to_party, NULL, NULL, NULL, NULL);
		END LOOP;
	END IF;
	FOR p IN SELECT * FROM @extschema@.itmo_ft_pieces(part, false) LOOP
		PERFORM @extschema@.itmo_record('first_transfer', auth.id, p, instr, from_acct, to_acct, from_party,
			to_party, NULL, NULL, NULL, auth.party);
		ft := ft OPERATOR(pg_catalog.+) @extschema@.units(p);
	END LOOP;
	RETURN ft;
END
$$;

-- Lock the authorizations that cover any unit of a block (in id order).
CREATE FUNCTION @extschema@.itmo_lock(b @extschema@.certblock) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
	SELECT 1 FROM @extschema@.itmo_authorization a
	 WHERE a.id IN (SELECT ib.authorization_id FROM @extschema@.itmo_block ib
	                 WHERE ib.block OPERATOR(@extschema@.&&) $1)
	 ORDER BY a.id FOR UPDATE OF a
$$;

-- NDC use (retirement with purpose 'ndc'): every unit authorized for NDC use and
-- first transferred, held by the using party, of an approach open to it, and
-- issued late enough for it.  Then one subtraction per authorized piece.
CREATE FUNCTION @extschema@.itmo_ndc_use(h @extschema@.holding) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	user_party text := h.beneficiary;
	use_year   int;
	covered    bigint;
	bad        record;
	holder     text;
	rule       record;
	p          record;
BEGIN
	IF user_party !~ '^[A-Z]{3}$' OR h.claimed_period IS NULL
	   OR pg_catalog.lower_inf(h.claimed_period) OR pg_catalog.upper_inf(h.claimed_period)
	   OR pg_catalog.date_part('month', pg_catalog.timezone('UTC', pg_catalog.lower(h.claimed_period))) OPERATOR(pg_catalog.<>) 1
	   OR pg_catalog.date_part('day', pg_catalog.timezone('UTC', pg_catalog.lower(h.claimed_period))) OPERATOR(pg_catalog.<>) 1
	   OR pg_catalog.timezone('UTC', pg_catalog.lower(h.claimed_period))::time OPERATOR(pg_catalog.<>) '00:00'
	   OR pg_catalog.upper(h.claimed_period) OPERATOR(pg_catalog.<>)
	      (pg_catalog.lower(h.claimed_period) OPERATOR(pg_catalog.+) '1 year'::interval) THEN
		RAISE EXCEPTION 'NDC use of block % must name the using party and one calendar year', h.block::text
			USING ERRCODE = '22023',
			DETAIL = format('The beneficiary is "%s" and the claimed period is %s.', user_party,
				coalesce(h.claimed_period::text, 'not given')),
			HINT = 'Use greenattr.use_for_ndc(block, party, year): the party as ISO alpha-3, the year of use.';
	END IF;
	use_year := @extschema@.vintage_year(h.claimed_period);

	PERFORM @extschema@.itmo_lock(h.block);
	SELECT coalesce(pg_catalog.sum(@extschema@.units(x.part)), 0) INTO covered
	  FROM @extschema@.itmo_parts(h.block) x
	  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
	 WHERE a.for_ndc;
	IF covered OPERATOR(pg_catalog.<>) @extschema@.units(h.block) THEN
		PERFORM @extschema@.raise_rule('itmo_authorized_for_purpose', '23514',
			format('units of block %s are not authorized for use toward NDCs', h.block::text),
			format('%s of its %s units are authorized, unrevoked, for NDC use.', covered, @extschema@.units(h.block)),
			'Only units a host party authorized for use toward NDCs can be used toward an NDC.');
	END IF;
	SELECT g INTO bad FROM @extschema@.itmo_ft_pieces(h.block, false) g LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('ndc_use_after_first_transfer', '23514',
			format('units %s of block %s have not been first transferred', bad.g::text, h.block::text),
			format('Party %s wants to use them toward its NDC for %s.', user_party, use_year),
			'A party uses toward its NDC only ITMOs that were first transferred (the host party''s own units stay in its inventory).');
	END IF;
	holder := @extschema@.account_party(h.account_id);
	IF holder IS DISTINCT FROM user_party THEN
		PERFORM @extschema@.raise_rule('ndc_use_by_holding_party', '23514',
			format('party %s cannot use block %s held by account %s of party %s', user_party, h.block::text,
				h.account_id, coalesce(holder, 'unknown')),
			NULL, 'A party uses toward its NDC the units held in its own accounts; transfer them first.');
	END IF;
	SELECT c.id, c.parties INTO bad
	  FROM @extschema@.itmo_parts(h.block) x
	  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
	  JOIN @extschema@.cooperative_approach c ON c.id OPERATOR(pg_catalog.=) a.approach
	 WHERE c.bilateral AND NOT (user_party OPERATOR(pg_catalog.=) ANY (c.parties))
	 LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('approach_parties_only', '23514',
			format('party %s cannot use block %s toward its NDC: it is not a party to %s', user_party,
				h.block::text, bad.id),
			format('%s is a bilateral programme of %s.', bad.id, pg_catalog.array_to_string(bad.parties, ' and ')),
			'Credits of a bilateral programme count toward the NDCs of its two parties only, whoever developed the project.');
	END IF;
	SELECT r.*, i.issued_at, i.mechanism AS mech INTO rule
	  FROM @extschema@.credit i
	  JOIN @extschema@.ndc_use_rule r ON r.mechanism OPERATOR(pg_catalog.=) i.mechanism
	   AND r.party OPERATOR(pg_catalog.=) user_party
	 WHERE i.id OPERATOR(pg_catalog.=) h.instrument_id AND i.issued_at OPERATOR(pg_catalog.<) r.issued_from;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('ndc_issuance_cutoff', '23514',
			format('party %s does not accept %s units issued before %s toward its NDC', user_party, rule.mech,
				pg_catalog.timezone('UTC', rule.issued_from)::date),
			format('Block %s was issued at %s UTC.', h.block::text, pg_catalog.timezone('UTC', rule.issued_at)),
			format('%s accepts %s units issued on or after %s UTC (%s).', user_party, rule.mech,
				pg_catalog.timezone('UTC', rule.issued_from), rule.source));
	END IF;

	FOR p IN SELECT * FROM @extschema@.itmo_parts(h.block) LOOP
		PERFORM @extschema@.itmo_record('use_ndc', p.authorization_id, p.part, p.instrument_id, h.account_id, NULL,
			NULL, NULL, 'ndc', user_party, use_year, user_party);
	END LOOP;
END
$$;

-- After a holding moves or changes status: the Article 6 consequences.
-- Runs on every transfer: like the registry's own path (see 34_registry_rules.sql),
-- its lookups keep index plans (enable_seqscan = off).
CREATE FUNCTION @extschema@.itmo_holding_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	p         record;
	auth      @extschema@.itmo_authorization;
	from_p    text;
	to_p      text;
	covered   bigint;
BEGIN
	IF NEW.status OPERATOR(pg_catalog.=) 'retired' AND NEW.purpose OPERATOR(pg_catalog.=) 'ndc' THEN
		PERFORM @extschema@.itmo_ndc_use(NEW);
		RETURN NULL;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM @extschema@.itmo_block ib WHERE ib.block OPERATOR(@extschema@.&&) NEW.block)
	   AND NEW.purpose IS DISTINCT FROM 'oimp' THEN
		RETURN NULL;
	END IF;
	PERFORM @extschema@.itmo_lock(NEW.block);

	IF NEW.status OPERATOR(pg_catalog.=) 'retired' AND NEW.purpose OPERATOR(pg_catalog.=) 'oimp' THEN
		SELECT coalesce(pg_catalog.sum(@extschema@.units(x.part)), 0) INTO covered
		  FROM @extschema@.itmo_parts(NEW.block) x
		  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
		 WHERE a.for_oimp;
		IF covered OPERATOR(pg_catalog.<>) @extschema@.units(NEW.block) THEN
			PERFORM @extschema@.raise_rule('itmo_authorized_for_purpose', '23514',
				format('units of block %s are not authorized for other international mitigation purposes', NEW.block::text),
				format('%s of its %s units are authorized, unrevoked, for OIMP.', covered, @extschema@.units(NEW.block)),
				'Only units a host party authorized for OIMP (e.g. CORSIA) can be used for it.');
		END IF;
	END IF;

	IF OLD.account_id OPERATOR(pg_catalog.<>) NEW.account_id THEN
		from_p := @extschema@.account_party(OLD.account_id);
		to_p := @extschema@.account_party(NEW.account_id);
	END IF;
	FOR p IN SELECT * FROM @extschema@.itmo_parts(NEW.block) LOOP
		SELECT * INTO auth FROM @extschema@.itmo_authorization a WHERE a.id OPERATOR(pg_catalog.=) p.authorization_id;
		IF OLD.account_id OPERATOR(pg_catalog.<>) NEW.account_id THEN
			IF from_p IS DISTINCT FROM to_p THEN
				IF auth.for_ndc THEN
					PERFORM @extschema@.itmo_first_transfer(auth, p.part, p.instrument_id, OLD.account_id,
						NEW.account_id, from_p, to_p, 'transfer');
				ELSE
					PERFORM @extschema@.itmo_record('transfer', auth.id, p.part, p.instrument_id, OLD.account_id,
						NEW.account_id, from_p, to_p, NULL, NULL, NULL, NULL);
				END IF;
			END IF;
		ELSIF NEW.status IN ('retired', 'cancelled') AND OLD.status OPERATOR(pg_catalog.<>) NEW.status THEN
			IF auth.for_oimp AND auth.first_transfer OPERATOR(pg_catalog.=) 'use_or_cancellation' THEN
				PERFORM @extschema@.itmo_first_transfer(auth, p.part, p.instrument_id, NEW.account_id, NULL,
					auth.party, NULL, NULL);
			END IF;
			PERFORM @extschema@.itmo_record(
				CASE WHEN NEW.status OPERATOR(pg_catalog.=) 'retired' AND auth.for_oimp THEN 'use_oimp' ELSE 'cancellation' END,
				auth.id, p.part, p.instrument_id, NEW.account_id, NULL, NULL, NULL,
				coalesce(NEW.purpose, NEW.reason),
				CASE WHEN NEW.status OPERATOR(pg_catalog.=) 'retired' THEN NEW.beneficiary END, NULL, NULL);
		END IF;
	END LOOP;
	RETURN NULL;
END
$$;

-- Only credits are ever authorized (itmo_block holds credit blocks: authorize()
-- and itmo_issuance() take nothing else), so for certificates, green power and
-- quotas the function has work only for the purposes it refuses for them (ndc,
-- oimp): the WHEN clause spares their transfers and claims a call per row.
CREATE TRIGGER itmo_holding_change AFTER UPDATE OF account_id, status ON @extschema@.holding
	FOR EACH ROW
	WHEN ((OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.status IS DISTINCT FROM NEW.status)
	      AND (NEW.family = 'credit' OR NEW.purpose IN ('ndc', 'oimp')))
	EXECUTE FUNCTION @extschema@.itmo_holding_change();

-- After a credit is issued (and its holding stored): authorizations by issuance
-- of its asset take its units, up to their authorized quantity; units first
-- transferred at issuance get their addition.
CREATE FUNCTION @extschema@.itmo_issuance() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	auth   @extschema@.itmo_authorization;
	nextu  bigint := @extschema@.first_unit(NEW.block);
	taken  bigint;
	n      bigint;
	b      @extschema@.certblock;
	p      record;
	to_p   text := @extschema@.account_party(NEW.issued_to);
	prev   text := @extschema@.itmo_write_begin();
BEGIN
	FOR auth IN
		SELECT * FROM @extschema@.itmo_authorization a
		 WHERE a.asset_id OPERATOR(pg_catalog.=) NEW.asset_id AND a.block IS NULL
		   AND a.mechanism OPERATOR(pg_catalog.=) NEW.mechanism AND a.timeframe OPERATOR(pg_catalog.@>) NEW.vintage
		 ORDER BY a.id FOR UPDATE
	LOOP
		EXIT WHEN nextu OPERATOR(pg_catalog.>) @extschema@.last_unit(NEW.block);
		SELECT coalesce(pg_catalog.sum(@extschema@.units(ib.block)), 0) INTO taken
		  FROM @extschema@.itmo_block ib WHERE ib.authorization_id OPERATOR(pg_catalog.=) auth.id;
		n := pg_catalog.int8smaller(auth.quantity OPERATOR(pg_catalog.-) taken,
			@extschema@.last_unit(NEW.block) OPERATOR(pg_catalog.-) nextu OPERATOR(pg_catalog.+) 1);
		CONTINUE WHEN n OPERATOR(pg_catalog.<=) 0;
		b := @extschema@.certblock(@extschema@.scheme(NEW.block), @extschema@.space(NEW.block), nextu,
			nextu OPERATOR(pg_catalog.+) n OPERATOR(pg_catalog.-) 1);
		INSERT INTO @extschema@.itmo_block (authorization_id, block, instrument_id) VALUES (auth.id, b, NEW.id);
		PERFORM @extschema@.itmo_record('authorization', auth.id, b, NEW.id, NULL, NEW.issued_to, NULL, NULL,
			NULL, NULL, NULL, NULL);
		INSERT INTO @extschema@.journal (verb, block, to_account, detail)
		VALUES ('authorize', b, NEW.issued_to, pg_catalog.jsonb_build_object('authorization', auth.id,
			'approach', auth.approach, 'party', auth.party, 'at', 'issuance'));
		nextu := nextu OPERATOR(pg_catalog.+) n;
	END LOOP;

	FOR p IN SELECT * FROM @extschema@.itmo_parts(NEW.block) LOOP
		SELECT * INTO auth FROM @extschema@.itmo_authorization a WHERE a.id OPERATOR(pg_catalog.=) p.authorization_id;
		IF (auth.for_oimp AND auth.first_transfer IN ('issuance', 'authorization'))
		   OR (auth.for_ndc AND to_p IS DISTINCT FROM auth.party) THEN
			PERFORM @extschema@.itmo_first_transfer(auth, p.part, p.instrument_id, NULL, NEW.issued_to, auth.party,
				CASE WHEN to_p IS DISTINCT FROM auth.party THEN to_p END, NULL);
		END IF;
	END LOOP;
	PERFORM @extschema@.itmo_write_end(prev);
	RETURN NULL;
END
$$;

-- On the credit partition: fires after instrument_holding (name order), once the holding exists.
CREATE TRIGGER itmo_issuance AFTER INSERT ON @extschema@.credit
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_issuance();

-- The Article 6 records are never edited or deleted.
CREATE FUNCTION @extschema@.itmo_refuse_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.raise_rule(TG_TABLE_NAME OPERATOR(pg_catalog.||) '_immutable', '23000',
		format('rows of greenattr.%s cannot be changed by %s', TG_TABLE_NAME, TG_OP),
		'Authorizations, revocations, ITMO actions and corresponding adjustments are permanent records.',
		'A mistaken authorization is revoked with greenattr.revoke_authorization() before its units are first transferred.');
	RETURN NULL;
END
$$;

CREATE TRIGGER itmo_authorization_immutable BEFORE UPDATE OR DELETE ON @extschema@.itmo_authorization
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER itmo_block_immutable BEFORE UPDATE OR DELETE ON @extschema@.itmo_block
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER itmo_revocation_immutable BEFORE UPDATE OR DELETE ON @extschema@.itmo_revocation
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER itmo_action_immutable BEFORE UPDATE OR DELETE ON @extschema@.itmo_action
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER corresponding_adjustment_immutable BEFORE UPDATE OR DELETE ON @extschema@.corresponding_adjustment
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER itmo_authorization_no_truncate BEFORE TRUNCATE ON @extschema@.itmo_authorization
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER itmo_block_no_truncate BEFORE TRUNCATE ON @extschema@.itmo_block
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER itmo_revocation_no_truncate BEFORE TRUNCATE ON @extschema@.itmo_revocation
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER itmo_action_no_truncate BEFORE TRUNCATE ON @extschema@.itmo_action
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.itmo_refuse_change();
CREATE TRIGGER corresponding_adjustment_no_truncate BEFORE TRUNCATE ON @extschema@.corresponding_adjustment
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.itmo_refuse_change();

-- The Article 6 records are written only by the verbs and triggers of this
-- area, which set the transaction-local greenattr.article6 while they write
-- (a session can set it itself; the exclusion constraints and audit_article6()
-- still hold against it).
CREATE FUNCTION @extschema@.itmo_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF coalesce(pg_catalog.current_setting('greenattr.article6', true), '') OPERATOR(pg_catalog.<>) 'on' THEN
		PERFORM @extschema@.raise_rule('article6_through_verbs', '23000',
			format('rows of greenattr.%s cannot be inserted directly', TG_TABLE_NAME),
			'Authorizations, revocations, ITMO actions and corresponding adjustments are written by the Article 6 verbs and by the triggers on issuances and holdings.',
			'Use greenattr.authorize(), authorize_issuance(), revoke_authorization(), transfer(), use_for_ndc(), use_for_oimp(), retire() or cancel().');
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER itmo_authorization_guard BEFORE INSERT ON @extschema@.itmo_authorization
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_guard();
CREATE TRIGGER itmo_block_guard BEFORE INSERT ON @extschema@.itmo_block
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_guard();
CREATE TRIGGER itmo_revocation_guard BEFORE INSERT ON @extschema@.itmo_revocation
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_guard();
CREATE TRIGGER itmo_action_guard BEFORE INSERT ON @extschema@.itmo_action
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_guard();
CREATE TRIGGER corresponding_adjustment_guard BEFORE INSERT ON @extschema@.corresponding_adjustment
	FOR EACH ROW EXECUTE FUNCTION @extschema@.itmo_guard();

-- Let this area's writers write; returns the previous value, to restore with itmo_write_end().
CREATE FUNCTION @extschema@.itmo_write_begin() RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	prev text := coalesce(pg_catalog.current_setting('greenattr.article6', true), '');
BEGIN
	PERFORM pg_catalog.set_config('greenattr.article6', 'on', true);
	RETURN prev;
END
$$;

CREATE FUNCTION @extschema@.itmo_write_end(prev text) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.set_config('greenattr.article6', coalesce($1, ''), true);
$$;

-- JCM shares: Japan's share goes to a government account of Japan, the host's
-- to a government account of the project's host party.
CREATE FUNCTION @extschema@.jcm_share_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	acct_kind text;
	acct_p    text;
	want      text;
BEGIN
	-- The host is the party of the asset's region: hold the asset before reading
	-- it, as authorize_issuance() does (asset_keeps_claims waits for this lock).
	PERFORM 1 FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) NEW.asset_id FOR KEY SHARE;
	SELECT a.kind, @extschema@.account_party(a.id) INTO acct_kind, acct_p
	  FROM @extschema@.account a WHERE a.id OPERATOR(pg_catalog.=) NEW.account_id;
	want := CASE NEW.role WHEN 'japan' THEN 'JPN' WHEN 'host' THEN @extschema@.asset_party(NEW.asset_id) END;
	IF want IS NOT NULL AND (acct_kind IS DISTINCT FROM 'government' OR acct_p IS DISTINCT FROM want) THEN
		PERFORM @extschema@.raise_rule('jcm_share_accounts', '23514',
			format('the %s share of JCM asset %s must go to a government account of %s, not to account %s',
				NEW.role, NEW.asset_id, want, NEW.account_id),
			format('Account %s is a %s account of party %s.', NEW.account_id, acct_kind, coalesce(acct_p, 'unknown')),
			'Japan''s share goes to Japan''s government account, the host''s share to the host government''s account.');
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER jcm_share_check BEFORE INSERT OR UPDATE ON @extschema@.jcm_share
	FOR EACH ROW EXECUTE FUNCTION @extschema@.jcm_share_check();
