-- Article 6 and JCM verbs: authorize units (by block or by issuance), revoke,
-- use toward an NDC or for OIMP, render ITMO identifiers, and issue a JCM
-- issuance split between Japan, the host and the participants.  The first
-- transfers and corresponding adjustments themselves are kept by the triggers
-- of 41_article6_rules.sql.

-- Only a government account of the host party may authorize or revoke.
CREATE FUNCTION @extschema@.check_host_government(account bigint, host text, what text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	acct_kind text;
	holder_party text;
BEGIN
	SELECT a.kind, e.party INTO acct_kind, holder_party
	  FROM @extschema@.account a JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) a.holder_id
	 WHERE a.id OPERATOR(pg_catalog.=) account;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('account_exists', '23503', format('account %s does not exist', account), NULL, NULL);
	END IF;
	IF acct_kind OPERATOR(pg_catalog.<>) 'government' OR holder_party IS DISTINCT FROM host THEN
		PERFORM @extschema@.raise_rule('authorized_by_host_party', '42501',
			format('account %s cannot %s: it is not a government account of host party %s', account, what, host),
			format('Account %s is a %s account%s.', account, acct_kind,
				CASE WHEN holder_party IS NULL THEN ' of a non-government holder' ELSE ' of party ' OPERATOR(pg_catalog.||) holder_party END),
			format('Only the government account of %s, where the mitigation occurred, can %s.', host, what));
	END IF;
	-- The verbs run as the extension's owner: the session must act for the
	-- account it names (caller_accounts(), 90_security_roles.sql), unless it is
	-- the registry operator.
	IF NOT @extschema@.caller_is_operator()
	   AND NOT EXISTS (SELECT 1 FROM @extschema@.caller_accounts() c(id) WHERE c.id OPERATOR(pg_catalog.=) account) THEN
		PERFORM @extschema@.raise_rule('caller_acts_for_account', '42501',
			format('session user %s does not act for account %s and cannot %s with it', SESSION_USER, account, what),
			NULL, 'Map the session''s role to the government entity in greenattr.role_entity.');
	END IF;
END
$$;

-- Arguments shared by both ways of authorizing.
CREATE FUNCTION @extschema@.check_authorization_purposes(for_ndc boolean, oimp text, first_transfer text) RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT coalesce(for_ndc, false) AND coalesce(oimp, '') OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'an authorization needs a purpose' USING ERRCODE = '22023',
			HINT = 'Authorize for NDC use (for_ndc => true), for an OIMP (oimp => ''CORSIA''), or both.';
	END IF;
	IF (coalesce(oimp, '') OPERATOR(pg_catalog.=) '') <> (first_transfer IS NULL) THEN
		RAISE EXCEPTION 'an authorization for OIMP needs a first-transfer definition, and only one for OIMP does'
			USING ERRCODE = '22023',
			HINT = 'Give oimp and first_transfer (authorization, issuance or use_or_cancellation) together.';
	END IF;
	IF first_transfer NOT IN ('authorization', 'issuance', 'use_or_cancellation') THEN
		RAISE EXCEPTION 'invalid first-transfer definition "%"', first_transfer USING ERRCODE = '22023',
			HINT = 'The definitions are authorization, issuance and use_or_cancellation (2/CMA.3 annex para 2(b)).';
	END IF;
END
$$;

-- Authorize issued units: one block within one issuance, every unit active in
-- an account of the host party.  Returns the authorization id.
CREATE FUNCTION @extschema@.authorize(approach text, block @extschema@.certblock, by_account bigint,
	for_ndc boolean DEFAULT true, oimp text DEFAULT NULL, first_transfer text DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	instr @extschema@.credit;
	host  text;
	away  record;
	auth  @extschema@.itmo_authorization;
	prev  text;
BEGIN
	PERFORM @extschema@.check_authorization_purposes(authorize.for_ndc, authorize.oimp, authorize.first_transfer);
	-- Found through the holdings (GiST-indexed blocks), then checked against the issuance.
	SELECT i.* INTO instr FROM @extschema@.credit i
	 WHERE i.id IN (SELECT h.instrument_id FROM @extschema@.holding h
	                 WHERE h.block OPERATOR(@extschema@.&&) authorize.block AND h.family OPERATOR(pg_catalog.=) 'credit')
	   AND i.block OPERATOR(@extschema@.@>) authorize.block;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('authorize_issued_units', '23514',
			format('block %s is not within one issued credit block', authorize.block::text), NULL,
			'Authorize issued credits one issuance at a time, or authorize future issuances with greenattr.authorize_issuance().');
	END IF;
	host := @extschema@.asset_party(instr.asset_id);
	PERFORM @extschema@.check_host_government(authorize.by_account, host, 'authorize');
	IF authorize.first_transfer OPERATOR(pg_catalog.=) 'issuance' THEN
		RAISE EXCEPTION 'units of block % are already issued', authorize.block::text USING ERRCODE = '22023',
			DETAIL = 'A first transfer defined at issuance needs the authorization before the issuance.',
			HINT = 'Authorize the asset''s issuances beforehand with greenattr.authorize_issuance(), or choose another definition.';
	END IF;
	-- Lock the holdings: a concurrent transfer of these units waits, or is waited for.
	PERFORM 1 FROM @extschema@.holding h WHERE h.block OPERATOR(@extschema@.&&) authorize.block FOR SHARE;
	SELECT h.block, h.account_id, h.status, @extschema@.account_party(h.account_id) AS party INTO away
	  FROM @extschema@.holding h
	 WHERE h.block OPERATOR(@extschema@.&&) authorize.block
	   AND (h.status OPERATOR(pg_catalog.<>) 'active' OR @extschema@.account_party(h.account_id) IS DISTINCT FROM host)
	 ORDER BY h.block LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('authorize_units_at_home', '23514',
			format('units %s of block %s cannot be authorized: they are %s in account %s of party %s',
				away.block::text, authorize.block::text, away.status, away.account_id, coalesce(away.party, 'unknown')),
			NULL, format('A host party authorizes units that are active in accounts of %s.', host));
	END IF;

	prev := @extschema@.itmo_write_begin();
	INSERT INTO @extschema@.itmo_authorization (approach, party, by_account, for_ndc, for_oimp, oimp, first_transfer,
		asset_id, block, quantity)
	VALUES (authorize.approach, host, authorize.by_account, coalesce(authorize.for_ndc, false),
		coalesce(authorize.oimp, '') OPERATOR(pg_catalog.<>) '', nullif(authorize.oimp, ''), authorize.first_transfer,
		instr.asset_id, authorize.block, @extschema@.units(authorize.block))
	RETURNING * INTO auth;
	INSERT INTO @extschema@.itmo_block (authorization_id, block, instrument_id) VALUES (auth.id, authorize.block, instr.id);
	PERFORM @extschema@.itmo_record('authorization', auth.id, authorize.block, instr.id, NULL, NULL, NULL, NULL,
		NULL, NULL, NULL, NULL);
	INSERT INTO @extschema@.journal (verb, block, from_account, detail)
	VALUES ('authorize', authorize.block, authorize.by_account, pg_catalog.jsonb_build_object('authorization', auth.id,
		'approach', auth.approach, 'party', host, 'for_ndc', auth.for_ndc, 'oimp', auth.oimp,
		'first_transfer', auth.first_transfer));
	IF auth.first_transfer OPERATOR(pg_catalog.=) 'authorization' THEN
		PERFORM @extschema@.itmo_first_transfer(auth, authorize.block, instr.id, NULL, NULL, host, NULL, NULL);
	END IF;
	PERFORM @extschema@.itmo_write_end(prev);
	RETURN auth.id;
END
$$;
COMMENT ON FUNCTION @extschema@.authorize(text, @extschema@.certblock, bigint, boolean, text, text) IS
	'Host party authorizes issued credits (one block of one issuance) for NDC use and/or an OIMP; returns the authorization id';

-- Authorize future issuances of an asset: units of the mechanism issued with a
-- vintage inside the timeframe, up to quantity units, become authorized as they
-- are issued.  Returns the authorization id.
CREATE FUNCTION @extschema@.authorize_issuance(approach text, asset bigint, mechanism text, timeframe tstzrange,
	quantity bigint, by_account bigint, for_ndc boolean DEFAULT true, oimp text DEFAULT NULL,
	first_transfer text DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	host text;
	aid  bigint;
	prev text;
BEGIN
	PERFORM @extschema@.check_authorization_purposes(authorize_issuance.for_ndc, authorize_issuance.oimp,
		authorize_issuance.first_transfer);
	IF authorize_issuance.quantity IS NULL OR authorize_issuance.quantity OPERATOR(pg_catalog.<=) 0 THEN
		RAISE EXCEPTION 'cannot authorize % units', coalesce(authorize_issuance.quantity::text, 'NULL')
			USING ERRCODE = '22023', HINT = 'The authorized quantity is a positive whole number of units (t CO2e).';
	END IF;
	IF authorize_issuance.timeframe IS NULL OR pg_catalog.isempty(authorize_issuance.timeframe) THEN
		RAISE EXCEPTION 'an authorization by issuance needs a timeframe' USING ERRCODE = '22023',
			HINT = 'Give the range in which the vintages of the authorized issuances lie.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM @extschema@.mechanism m WHERE m.code OPERATOR(pg_catalog.=) authorize_issuance.mechanism
	                  AND m.family OPERATOR(pg_catalog.=) 'credit') THEN
		RAISE EXCEPTION '"%" is not a crediting mechanism', authorize_issuance.mechanism USING ERRCODE = '22023',
			HINT = 'Article 6 authorizes credits (t CO2e), such as JCM or A6_4 units.';
	END IF;
	-- The asset's region decides the host: hold the asset (a change of its
	-- region, asset_keeps_claims, waits for this lock and then sees the
	-- authorization) before reading it.
	PERFORM 1 FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) authorize_issuance.asset FOR KEY SHARE;
	host := @extschema@.asset_party(authorize_issuance.asset);
	IF host IS NULL THEN
		PERFORM @extschema@.raise_rule('asset_exists', '23503',
			format('asset %s does not exist or lies in no country', authorize_issuance.asset), NULL, NULL);
	END IF;
	PERFORM @extschema@.check_host_government(authorize_issuance.by_account, host, 'authorize');
	prev := @extschema@.itmo_write_begin();
	INSERT INTO @extschema@.itmo_authorization (approach, party, by_account, for_ndc, for_oimp, oimp, first_transfer,
		asset_id, mechanism, timeframe, quantity)
	VALUES (authorize_issuance.approach, host, authorize_issuance.by_account, coalesce(authorize_issuance.for_ndc, false),
		coalesce(authorize_issuance.oimp, '') OPERATOR(pg_catalog.<>) '', nullif(authorize_issuance.oimp, ''),
		authorize_issuance.first_transfer, authorize_issuance.asset, authorize_issuance.mechanism,
		authorize_issuance.timeframe, authorize_issuance.quantity)
	RETURNING id INTO aid;
	PERFORM @extschema@.itmo_write_end(prev);
	RETURN aid;
END
$$;
COMMENT ON FUNCTION @extschema@.authorize_issuance(text, bigint, text, tstzrange, bigint, bigint, boolean, text, text) IS
	'Host party authorizes an asset''s future issuances of a credit mechanism (vintage within timeframe, up to quantity units); returns the authorization id';

-- Revoke the authorization of units not yet first transferred; final.
CREATE FUNCTION @extschema@.revoke_authorization(authorization_id bigint, block @extschema@.certblock, reason text,
	by_account bigint)
RETURNS @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	auth    @extschema@.itmo_authorization;
	covered bigint;
	ft      @extschema@.certblock;
	instr   bigint;
	prev    text;
BEGIN
	IF coalesce(revoke_authorization.reason, '') OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'a revocation needs a reason' USING ERRCODE = '22023';
	END IF;
	SELECT * INTO auth FROM @extschema@.itmo_authorization a
	 WHERE a.id OPERATOR(pg_catalog.=) revoke_authorization.authorization_id FOR UPDATE;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('authorization_exists', '23503',
			format('authorization %s does not exist', revoke_authorization.authorization_id), NULL, NULL);
	END IF;
	PERFORM @extschema@.check_host_government(revoke_authorization.by_account, auth.party, 'revoke an authorization');
	SELECT coalesce(pg_catalog.sum(@extschema@.units(x.part)), 0), pg_catalog.min(x.instrument_id) INTO covered, instr
	  FROM @extschema@.itmo_parts(revoke_authorization.block) x
	 WHERE x.authorization_id OPERATOR(pg_catalog.=) auth.id;
	IF covered OPERATOR(pg_catalog.<>) @extschema@.units(revoke_authorization.block) THEN
		PERFORM @extschema@.raise_rule('revoke_authorized_units', '23514',
			format('block %s is not authorized by authorization %s', revoke_authorization.block::text, auth.id),
			format('%s of its %s units are authorized by it and not yet revoked.', covered,
				@extschema@.units(revoke_authorization.block)),
			'Revoke units the authorization covers and that are still authorized.');
	END IF;
	SELECT g INTO ft FROM @extschema@.itmo_ft_pieces(revoke_authorization.block, true) g LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('revoke_before_first_transfer', '23514',
			format('units %s of block %s have been first transferred; their authorization cannot be revoked',
				ft::text, revoke_authorization.block::text),
			'A first transfer has been adjusted for in the authorizing party''s emissions balance.',
			'Revoke only units that have not been first transferred.');
	END IF;
	prev := @extschema@.itmo_write_begin();
	INSERT INTO @extschema@.itmo_revocation (authorization_id, block, reason)
	VALUES (auth.id, revoke_authorization.block, revoke_authorization.reason);
	PERFORM @extschema@.itmo_record('revocation', auth.id, revoke_authorization.block, instr, NULL, NULL, NULL, NULL,
		revoke_authorization.reason, NULL, NULL, NULL);
	INSERT INTO @extschema@.journal (verb, block, from_account, detail)
	VALUES ('revoke', revoke_authorization.block, revoke_authorization.by_account,
		pg_catalog.jsonb_build_object('authorization', auth.id, 'reason', revoke_authorization.reason));
	PERFORM @extschema@.itmo_write_end(prev);
	RETURN revoke_authorization.block;
END
$$;
COMMENT ON FUNCTION @extschema@.revoke_authorization(bigint, @extschema@.certblock, text, bigint) IS
	'Host party revokes the authorization of units not yet first transferred; final';

-- NDC use: a retirement with purpose 'ndc', the using party as beneficiary and
-- the calendar year of use as claimed period.
CREATE FUNCTION @extschema@.use_for_ndc(block @extschema@.certblock, party text, year int,
	from_account bigint DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT @extschema@.retire($1, $2, 'ndc',
		pg_catalog.tstzrange(pg_catalog.make_timestamptz($3, 1, 1, 0, 0, 0, 'UTC'),
		                     pg_catalog.make_timestamptz($3 OPERATOR(pg_catalog.+) 1, 1, 1, 0, 0, 0, 'UTC')), $4)
$$;
COMMENT ON FUNCTION @extschema@.use_for_ndc(@extschema@.certblock, text, int, bigint) IS
	'Use ITMOs toward a party''s NDC in a calendar year: retire(block, party, ''ndc'', that year); the trigger subtracts them';

-- OIMP use: a retirement with purpose 'oimp' on behalf of the using entity.
CREATE FUNCTION @extschema@.use_for_oimp(block @extschema@.certblock, entity text, from_account bigint DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT @extschema@.retire($1, $2, 'oimp', NULL, $3)
$$;
COMMENT ON FUNCTION @extschema@.use_for_oimp(@extschema@.certblock, text, bigint) IS
	'Use units authorized for other international mitigation purposes (e.g. CORSIA) on behalf of an entity: retire(block, entity, ''oimp'')';

-- ITMO unique identifier (6/CMA.4 annex I para 5) of authorized units:
-- approach / originating registry / first transferring party / serials / vintage year.
CREATE FUNCTION @extschema@.itmo_id(block @extschema@.certblock) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r record;
BEGIN
	SELECT a.approach, g.registry_id, a.party, i.vintage INTO r
	  FROM @extschema@.itmo_block ib
	  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) ib.authorization_id
	  JOIN @extschema@.party_registry g ON g.party OPERATOR(pg_catalog.=) a.party
	  JOIN @extschema@.credit i ON i.id OPERATOR(pg_catalog.=) ib.instrument_id
	 WHERE ib.block OPERATOR(@extschema@.@>) itmo_id.block;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'block % is not within one authorized block', itmo_id.block::text USING ERRCODE = '22023',
			HINT = 'ITMO identifiers exist for authorized units; see greenattr.itmo_block.';
	END IF;
	RETURN format('%s/%s/%s/%s/%s', r.approach, r.registry_id, r.party, itmo_id.block::text,
		@extschema@.vintage_year(r.vintage));
END
$$;
COMMENT ON FUNCTION @extschema@.itmo_id(@extschema@.certblock) IS
	'ITMO unique identifier of authorized units: approach/registry id/first transferring party/serial block/vintage year (6/CMA.4)';

-- Split total whole units by weights with the largest-remainder rule: each
-- share gets floor(total * w / W); the units left over go one each to the
-- shares with the largest remainders (total * w mod W), ties to the earlier
-- share.  The parts add up to total exactly.
CREATE FUNCTION @extschema@.jcm_split(total bigint, weights int[]) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	w      numeric := 0;
	parts  bigint[];
	left_  bigint;
	k      int;
BEGIN
	IF total OPERATOR(pg_catalog.<) 0 OR pg_catalog.cardinality(weights) OPERATOR(pg_catalog.=) 0
	   OR EXISTS (SELECT 1 FROM pg_catalog.unnest(weights) x WHERE x IS NULL OR x OPERATOR(pg_catalog.<=) 0) THEN
		RAISE EXCEPTION 'cannot split % units by weights %', total, weights::text USING ERRCODE = '22023',
			HINT = 'Split a non-negative number of units by one or more positive weights.';
	END IF;
	SELECT pg_catalog.sum(x) INTO w FROM pg_catalog.unnest(weights) x;
	SELECT pg_catalog.array_agg(pg_catalog.div(total::numeric OPERATOR(pg_catalog.*) x, w)::bigint ORDER BY o)
	  INTO parts FROM pg_catalog.unnest(weights) WITH ORDINALITY u (x, o);
	SELECT total OPERATOR(pg_catalog.-) pg_catalog.sum(x) INTO left_ FROM pg_catalog.unnest(parts) x;
	FOR k IN
		SELECT o FROM pg_catalog.unnest(weights) WITH ORDINALITY u (x, o)
		 ORDER BY pg_catalog.mod(total::numeric OPERATOR(pg_catalog.*) x, w) DESC, o
		 LIMIT left_
	LOOP
		parts[k] := parts[k] OPERATOR(pg_catalog.+) 1;
	END LOOP;
	RETURN parts;
END
$$;
COMMENT ON FUNCTION @extschema@.jcm_split(bigint, int[]) IS
	'Split whole units by weights, exactly: floor shares, then the leftover units one each by largest remainder, ties to the earlier weight';

-- Issue a JCM issuance into the host government's account and transfer the
-- shares of Japan and the participants (jcm_share).  Serial order: Japan's
-- share first, then the host's, then the participants' (by account id); the
-- same order breaks ties in the largest-remainder split.
CREATE FUNCTION @extschema@.jcm_issue(activity bigint, units bigint, vintage tstzrange DEFAULT NULL)
RETURNS TABLE (role text, account_id bigint, share_units bigint, block @extschema@.certblock)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	asset  bigint;
	host   bigint;
	roles  text[];
	accts  bigint[];
	parts  bigint[];
	issued @extschema@.certblock;
	f      bigint;
	k      int;
BEGIN
	-- Locked as in issue(): the shares and the serials then belong to the same asset.
	asset := (@extschema@.lock_activity_for_claim(jcm_issue.activity)).asset_id;
	SELECT pg_catalog.array_agg(s.role ORDER BY s.role OPERATOR(pg_catalog.<>) 'japan', s.role OPERATOR(pg_catalog.<>) 'host', s.account_id),
	       pg_catalog.array_agg(s.account_id ORDER BY s.role OPERATOR(pg_catalog.<>) 'japan', s.role OPERATOR(pg_catalog.<>) 'host', s.account_id),
	       @extschema@.jcm_split(jcm_issue.units,
	           pg_catalog.array_agg(s.weight ORDER BY s.role OPERATOR(pg_catalog.<>) 'japan', s.role OPERATOR(pg_catalog.<>) 'host', s.account_id)),
	       pg_catalog.min(s.account_id) FILTER (WHERE s.role OPERATOR(pg_catalog.=) 'host')
	  INTO roles, accts, parts, host
	  FROM @extschema@.jcm_share s WHERE s.asset_id OPERATOR(pg_catalog.=) asset;
	IF host IS NULL OR NOT ('japan' OPERATOR(pg_catalog.=) ANY (roles)) THEN
		RAISE EXCEPTION 'JCM asset % has no allocation with a Japan and a host share', asset USING ERRCODE = '22023',
			HINT = 'Record the project''s shares in greenattr.jcm_share: one japan, one host, any participants.';
	END IF;
	issued := @extschema@.issue('JCM', jcm_issue.activity, jcm_issue.units, host, NULL, jcm_issue.vintage);
	f := @extschema@.first_unit(issued);
	FOR k IN 1 .. pg_catalog.cardinality(roles) LOOP
		role := roles[k];
		account_id := accts[k];
		share_units := parts[k];
		block := NULL;
		IF parts[k] OPERATOR(pg_catalog.>) 0 THEN
			block := @extschema@.certblock(@extschema@.scheme(issued), @extschema@.space(issued), f,
				f OPERATOR(pg_catalog.+) parts[k] OPERATOR(pg_catalog.-) 1);
			IF accts[k] OPERATOR(pg_catalog.<>) host THEN
				PERFORM @extschema@.transfer(block, accts[k], host);
			END IF;
			f := f OPERATOR(pg_catalog.+) parts[k];
		END IF;
		RETURN NEXT;
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.jcm_issue(bigint, bigint, tstzrange) IS
	'Issue JCM credits and split them between Japan''s government, the host government and the participants by the project''s jcm_share weights (largest remainder, Japan first)';
