-- The registry verbs: issue, transfer, retire, cancel.  Each runs its checks
-- through the triggers of 34/35, writes one journal row, and returns the block
-- it acted on.  greenattr.verb (transaction-local) tells the holding guard that
-- a verb is at work.

-- Lock the active holding that contains the whole block and return it, after
-- every check that may refuse the move: the caller owns the units, they are
-- held whole, active, in one holding (EU registry check 7027), by
-- from_account if given, and that account may send.  Nothing is written but
-- the verb setting.
CREATE FUNCTION @extschema@.find_block(b @extschema@.certblock, from_account bigint, verb text)
RETURNS @extschema@.holding LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h     @extschema@.holding;
	other @extschema@.holding;
	tries int := 0;
	done  text;
BEGIN
	done := pg_catalog.set_config('greenattr.verb', verb, true);
	-- A holder learns nothing of units that are not its own, not even whether
	-- they exist or what state they are in: the ownership check comes first
	-- (caller_is_operator() and caller_accounts(): 90_security_roles.sql).  The
	-- operator, and a superuser, act on any units.  (Two IFs: the first is a
	-- plain expression, evaluated without starting a query for the second.)
	IF NOT @extschema@.caller_is_operator() THEN
		IF NOT EXISTS (SELECT 1 FROM @extschema@.holding x WHERE x.block OPERATOR(@extschema@.&&) b)
		   OR EXISTS (SELECT 1 FROM @extschema@.holding x
		               WHERE x.block OPERATOR(@extschema@.&&) b
		                 AND x.account_id NOT IN (SELECT @extschema@.caller_accounts())) THEN
			PERFORM @extschema@.raise_rule('holder_owns_units', '42501',
				format('permission denied to %s units %s', verb, b::text),
				format('The units are not held by an account of an entity that role %s acts for.', SESSION_USER),
				'A holder moves only the units of its own accounts (greenattr.role_entity maps roles to entities).');
		END IF;
	END IF;
	LOOP
		SELECT * INTO h FROM @extschema@.holding x
		 WHERE x.block OPERATOR(@extschema@.@>) b AND x.status OPERATOR(pg_catalog.=) 'active'
		   FOR UPDATE;
		-- A concurrent split may have moved our units into a row this statement's
		-- snapshot did not see yet: look once more with a fresh snapshot.
		EXIT WHEN FOUND OR tries OPERATOR(pg_catalog.>=) 1;
		tries := tries OPERATOR(pg_catalog.+) 1;
	END LOOP;
	IF NOT FOUND THEN
		SELECT * INTO other FROM @extschema@.holding x
		 WHERE x.block OPERATOR(@extschema@.&&) b
		 ORDER BY x.status OPERATOR(pg_catalog.=) 'active', x.block LIMIT 1;
		IF NOT FOUND THEN
			PERFORM @extschema@.raise_rule('units_held', '23514',
				format('no units of block %s have been issued', b::text), NULL,
				'Name a block that was issued by greenattr.issue() or inserted into an instrument table.');
		ELSIF other.status IN ('retired', 'cancelled', 'converted') THEN
			PERFORM @extschema@.raise_rule('retired_and_cancelled_are_final', '23514',
				format('units %s of block %s are %s', other.block::text, b::text, other.status),
				format('Holding %s of account %s is %s.', other.id, other.account_id, other.status),
				'Retired and cancelled units are final: they cannot be transferred, retired or cancelled again.');
		ELSIF other.status OPERATOR(pg_catalog.=) 'frozen' THEN
			PERFORM @extschema@.raise_rule('frozen_units', '23514',
				format('units %s of block %s are frozen', other.block::text, b::text),
				format('Holding %s of account %s is frozen.', other.id, other.account_id), NULL);
		ELSE
			PERFORM @extschema@.raise_rule('one_holder', '23514',
				format('block %s is not held whole in one holding', b::text),
				format('Account %s holds %s, which covers only part of it.', other.account_id, other.block::text),
				'Transfer, retire or cancel the part in each holding separately.');
		END IF;
	END IF;
	IF from_account IS NOT NULL AND h.account_id OPERATOR(pg_catalog.<>) from_account THEN
		PERFORM @extschema@.raise_rule('one_holder', '23514',
			format('block %s is held by account %s, not by account %s', b::text, h.account_id, from_account),
			NULL, 'Only the holding account can transfer, retire or cancel units.');
	END IF;
	PERFORM @extschema@.check_account(h.account_id, b, 'send');

	RETURN h;
END
$$;

-- Holding h has just been shrunk to block b (and perhaps moved): store the
-- pieces of h before and after b, still where h was, with h's status and date.
CREATE FUNCTION @extschema@.keep_rest(h @extschema@.holding, b @extschema@.certblock)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
	IF @extschema@.first_unit(h.block) OPERATOR(pg_catalog.<) @extschema@.first_unit(b) THEN
		INSERT INTO @extschema@.holding (block, instrument_id, family, asset_id, account_id, status, since)
		VALUES (@extschema@.certblock(@extschema@.scheme(b), @extschema@.space(b), @extschema@.first_unit(h.block),
				@extschema@.first_unit(b) OPERATOR(pg_catalog.-) 1),
			h.instrument_id, h.family, h.asset_id, h.account_id, h.status, h.since);
	END IF;
	IF @extschema@.last_unit(b) OPERATOR(pg_catalog.<) @extschema@.last_unit(h.block) THEN
		INSERT INTO @extschema@.holding (block, instrument_id, family, asset_id, account_id, status, since)
		VALUES (@extschema@.certblock(@extschema@.scheme(b), @extschema@.space(b),
				@extschema@.last_unit(b) OPERATOR(pg_catalog.+) 1, @extschema@.last_unit(h.block)),
			h.instrument_id, h.family, h.asset_id, h.account_id, h.status, h.since);
	END IF;
END
$$;

-- Lock the active holding that contains the whole block, split it so that the
-- block is a holding of its own, and return that holding's id.  Fails (class 23)
-- if the block is not held whole, active, in one holding (find_block()).
CREATE FUNCTION @extschema@.take_block(b @extschema@.certblock, from_account bigint, verb text)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h @extschema@.holding := @extschema@.find_block(b, from_account, verb);
BEGIN
	-- Shrink the row to the block first, then store the pieces before and after it.
	UPDATE @extschema@.holding x SET block = b WHERE x.id OPERATOR(pg_catalog.=) h.id;
	PERFORM @extschema@.keep_rest(h, b);
	RETURN h.id;
END
$$;

CREATE FUNCTION @extschema@.issue(mechanism text, activity bigint, units bigint, account bigint,
	baseline_ef @extschema@.emission_factor DEFAULT NULL, vintage tstzrange DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	fam   text;
	asset bigint;
	first bigint;
	b     @extschema@.certblock;
BEGIN
	IF units OPERATOR(pg_catalog.<=) 0 THEN
		RAISE EXCEPTION 'cannot issue % units', units USING ERRCODE = '22023',
			HINT = 'Issue a positive whole number of units.';
	END IF;
	SELECT m.family INTO fam FROM @extschema@.mechanism m WHERE m.code OPERATOR(pg_catalog.=) issue.mechanism;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" does not exist', issue.mechanism), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	-- Locked (asset, then activity) before the asset is read for the serials;
	-- the instrument trigger takes the same locks again, for direct inserts.
	asset := (@extschema@.lock_activity_for_claim(issue.activity)).asset_id;
	-- Native serials: the numbering space of a mechanism is the asset, so issuance
	-- of one asset never waits on another's.
	INSERT INTO @extschema@.numbering AS n (scheme, space, next_first)
	VALUES (issue.mechanism, asset::text, units OPERATOR(pg_catalog.+) 1)
	ON CONFLICT (scheme, space) DO UPDATE SET next_first = n.next_first OPERATOR(pg_catalog.+) units
	RETURNING n.next_first OPERATOR(pg_catalog.-) units INTO first;
	b := @extschema@.certblock(issue.mechanism, asset::text, first, first OPERATOR(pg_catalog.+) units OPERATOR(pg_catalog.-) 1);
	INSERT INTO @extschema@.instrument (family, mechanism, activity_id, block, vintage, baseline_ef, issued_to)
	VALUES (fam, issue.mechanism, issue.activity, b, issue.vintage, issue.baseline_ef, issue.account);
	RETURN b;
END
$$;
COMMENT ON FUNCTION @extschema@.issue(text, bigint, bigint, bigint, @extschema@.emission_factor, tstzrange) IS
	'Issue units of a mechanism against an activity into an account; allocates the next serials of the asset''s numbering space';

-- The rows of one statement of an issue_many() batch (the whole batch, or a
-- slice of a long one) once their serials are allocated: the i-th row claims
-- units[i] of activities[i]; the rows of an asset take, in row order, the
-- serials its numbering space was just moved past (the statement moves each
-- space once, by its total).  act: the row's activity; act_upto: the
-- statement's units on it up to and including the row.  SQL without SET
-- clauses, so that the planner inlines it into the verb's statements; every
-- name is qualified (and EXECUTE is for nobody: 99_security_verbs.sql).
CREATE FUNCTION @extschema@.issue_many_rows(mechanism text, activities bigint[], units bigint[])
RETURNS TABLE (n bigint, activity_id bigint, units bigint, act_upto bigint, act @extschema@.activity, block @extschema@.certblock)
LANGUAGE sql STABLE
AS $$
	WITH r AS (
		SELECT x.n, x.a, x.u, t.asset_id, t AS act,
		       (pg_catalog.sum(x.u) OVER (PARTITION BY t.asset_id ORDER BY x.n))::pg_catalog.int8 AS upto,
		       (pg_catalog.sum(x.u) OVER (PARTITION BY x.a ORDER BY x.n))::pg_catalog.int8 AS act_upto
		  FROM ROWS FROM (pg_catalog.unnest(issue_many_rows.activities), pg_catalog.unnest(issue_many_rows.units))
		       WITH ORDINALITY x (a, u, n)
		  JOIN @extschema@.activity t ON t.id OPERATOR(pg_catalog.=) x.a),
	need AS (
		SELECT r.asset_id, pg_catalog.sum(r.u)::pg_catalog.int8 AS total FROM r GROUP BY r.asset_id)
	SELECT r.n, r.a, r.u, r.act_upto, r.act,
	       @extschema@.certblock(issue_many_rows.mechanism, r.asset_id::pg_catalog.text,
	           nb.next_first OPERATOR(pg_catalog.-) need.total OPERATOR(pg_catalog.+) r.upto OPERATOR(pg_catalog.-) r.u,
	           nb.next_first OPERATOR(pg_catalog.-) need.total OPERATOR(pg_catalog.+) r.upto OPERATOR(pg_catalog.-) 1)
	  FROM r
	  JOIN need ON need.asset_id OPERATOR(pg_catalog.=) r.asset_id
	  JOIN @extschema@.numbering nb ON nb.scheme OPERATOR(pg_catalog.=) issue_many_rows.mechanism
	   AND nb.space OPERATOR(pg_catalog.=) r.asset_id::pg_catalog.text
$$;
COMMENT ON FUNCTION @extschema@.issue_many_rows(text, bigint[], bigint[]) IS
	'The rows of an issue_many() batch with their blocks, after its serials are allocated';

-- Bulk issuance, the verb of a loader: the i-th block claims units[i] of
-- activities[i], all of one mechanism, into one account.  An error in any row
-- issues nothing.  Returns the blocks in the order of the rows; each asset's
-- blocks are contiguous.
--
-- Certificates, green power and energy quotas issued by an operator are
-- checked as one batch, with the rules and the words of the per-row triggers:
-- the activities locked (in id order, on the row path too), each activity's
-- claims summed once per statement and the batch's own claims added row by
-- row, the first failing row refused as the row-by-row checks would refuse it
-- (its activity's kind or claim, or the receiving account after the first
-- row's checks).  The rows are then written in three statements (instruments,
-- holdings, journal) that the per-row triggers skip (bulk_checked(),
-- src/bulk.c); each statement's journal rows are sealed as one batch at
-- commit (journal_batch).  Constraints (keys, exclusion of overlapping
-- serials, foreign keys) still check every row.
--
-- Credits (crediting periods, conversion, boundary rules, Article 6), callers
-- other than operators, and registries with guarded tables of their own take
-- the row-by-row path: one INSERT per statement whose rows each pass the
-- triggers, as in issue().  The lock on instrument taken first orders a bulk
-- issuance with guard(), which locks instrument before it records a guarded
-- table.
--
-- Memory: a statement keeps its rows' foreign-key checks queued, and its work
-- areas, until it ends (about 330 bytes a row; on the row path the deferred
-- conservation and seal triggers also queue one event per row until commit).
-- A batch longer than the setting greenattr.bulk_rows_per_statement (default
-- 100,000) is therefore numbered, checked and written in statements of that
-- many rows, in order, each counting the claims of those before it (an
-- activity's claims summed again in every statement that has rows on it).
-- The activities, assets and numbering spaces of the whole batch are locked
-- first, each in id order, so that a long batch takes its locks in the order
-- a short one does.
--
-- Plans: the statements over the arrays run by EXECUTE, planned for the
-- arrays given; everything else, the foreign-key checks of the rows included,
-- with generic plans (a custom plan of each holding's key check into the
-- partitioned instrument table was otherwise made again for every row).  No
-- JIT: the check's estimate (an activity_claimed() probe per row) is high
-- enough for JIT with inlining, whose compilation cost more time and memory
-- than it saved (the one-statement code, 200,000 rows in one call: 19.0 s
-- and 86 MB private with JIT, 14.0 s and 72 MB without).
CREATE FUNCTION @extschema@.issue_many(mechanism text, activities bigint[], units bigint[], account bigint,
	baseline_ef @extschema@.emission_factor DEFAULT NULL)
RETURNS SETOF @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $$
DECLARE
	fam      text;
	unit     @extschema@.energy;
	what     text;
	bad      record;
	c        record;
	row_path boolean;
	rows_per text := coalesce(nullif(pg_catalog.current_setting('greenattr.bulk_rows_per_statement', true), ''), '100000');
	step     integer;
	total    integer;
	lo       integer;
	part_a   bigint[];
	part_u   bigint[];
BEGIN
	IF pg_catalog.cardinality(activities) IS DISTINCT FROM pg_catalog.cardinality(units) THEN
		RAISE EXCEPTION 'activities and units differ in length (% and %)',
			pg_catalog.cardinality(activities), pg_catalog.cardinality(units) USING ERRCODE = '22023',
			HINT = 'Give one number of units per activity.';
	END IF;
	IF rows_per OPERATOR(pg_catalog.!~) '^[1-9][0-9]{0,8}$' THEN
		RAISE EXCEPTION 'invalid value for greenattr.bulk_rows_per_statement: "%"', rows_per USING ERRCODE = '22023',
			HINT = 'Set it to a whole number of rows from 1 to 999999999, or reset it (100000).';
	END IF;
	step := rows_per::integer;
	-- The argument checks of issue(), for the first row that fails them.
	SELECT x.u INTO bad FROM pg_catalog.unnest(units) x (u)
	 WHERE x.u IS NULL OR x.u OPERATOR(pg_catalog.<=) 0 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'cannot issue % units', coalesce(bad.u::text, 'NULL') USING ERRCODE = '22023',
			HINT = 'Issue a positive whole number of units.';
	END IF;
	SELECT m.family INTO fam FROM @extschema@.mechanism m WHERE m.code OPERATOR(pg_catalog.=) issue_many.mechanism;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" does not exist', issue_many.mechanism), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	total := coalesce(pg_catalog.cardinality(activities), 0);
	IF total OPERATOR(pg_catalog.=) 0 THEN
		RETURN;
	END IF;

	LOCK TABLE @extschema@.instrument IN ROW EXCLUSIVE MODE;
	-- Their assets, then the activities, each in id order (as in issue()); the
	-- row triggers then find them locked, and two batches over the same rows
	-- never lock them in opposite orders.  Locked before the assets are read
	-- for the serials, so an asset cannot change between the numbering and the
	-- blocks.  The assets once more after the activities: an activity moved to
	-- another asset while we waited for it has that asset locked as well.
	PERFORM 1 FROM @extschema@.asset s
	 WHERE s.id IN (SELECT t.asset_id FROM @extschema@.activity t WHERE t.id OPERATOR(pg_catalog.=) ANY (activities))
	 ORDER BY s.id FOR KEY SHARE;
	PERFORM 1 FROM @extschema@.activity t WHERE t.id OPERATOR(pg_catalog.=) ANY (activities)
	 ORDER BY t.id FOR NO KEY UPDATE;
	PERFORM 1 FROM @extschema@.asset s
	 WHERE s.id IN (SELECT t.asset_id FROM @extschema@.activity t WHERE t.id OPERATOR(pg_catalog.=) ANY (activities))
	 ORDER BY s.id FOR KEY SHARE;
	-- Checked once locked: an activity deleted meanwhile is refused, not dropped from the batch.
	SELECT x.a INTO bad FROM pg_catalog.unnest(activities) WITH ORDINALITY x (a, n)
	 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.activity t WHERE t.id OPERATOR(pg_catalog.=) x.a)
	 ORDER BY x.n LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('activity_exists', '23503',
			format('activity %s does not exist', coalesce(bad.a::text, 'NULL')), NULL, NULL);
	END IF;
	IF total OPERATOR(pg_catalog.>) step THEN
		-- The numbering spaces of all the batch's assets, locked (or made) in
		-- asset order before its first statement moves any of them.
		EXECUTE $q$
			INSERT INTO @extschema@.numbering AS nb (scheme, space, next_first)
			SELECT $1, s.asset_id::text, 1
			  FROM (SELECT DISTINCT t.asset_id FROM pg_catalog.unnest($2) x (a)
			          JOIN @extschema@.activity t ON t.id OPERATOR(pg_catalog.=) x.a) s
			 ORDER BY s.asset_id
			ON CONFLICT (scheme, space) DO UPDATE SET next_first = nb.next_first
			$q$
			USING mechanism, activities;
		-- Sliced below: subscripts from 1, one dimension (unnest() read any shape).
		activities := ARRAY(SELECT x.a FROM pg_catalog.unnest(activities) WITH ORDINALITY x (a, n) ORDER BY x.n);
		units := ARRAY(SELECT x.u FROM pg_catalog.unnest(units) WITH ORDINALITY x (u, n) ORDER BY x.n);
	END IF;

	row_path := fam OPERATOR(pg_catalog.=) 'credit' OR NOT @extschema@.caller_is_operator()
	            OR EXISTS (SELECT 1 FROM @extschema@.guarded_table);
	-- What instrument_before_insert() decides per row: certificates and green
	-- power claim MWh of generation, quotas tce of saving.
	IF fam OPERATOR(pg_catalog.=) 'energy_quota' THEN
		unit := '1 tce';
		what := 'saving';
	ELSE
		unit := '1 MWh';
		what := 'generation';
	END IF;

	FOR lo IN 1 .. total BY step LOOP
		IF total OPERATOR(pg_catalog.>) step THEN
			part_a := activities[lo:lo OPERATOR(pg_catalog.+) step OPERATOR(pg_catalog.-) 1];
			part_u := units[lo:lo OPERATOR(pg_catalog.+) step OPERATOR(pg_catalog.-) 1];
		ELSE
			part_a := activities;
			part_u := units;
		END IF;
		-- Native serials, as in issue(): each asset's space moved once past
		-- all the statement's blocks of it (spaces locked in asset order).
		EXECUTE $q$
			INSERT INTO @extschema@.numbering AS nb (scheme, space, next_first)
			SELECT $1, t.asset_id::text, pg_catalog.sum(x.u)::bigint OPERATOR(pg_catalog.+) 1
			  FROM ROWS FROM (pg_catalog.unnest($2), pg_catalog.unnest($3)) x (a, u)
			  JOIN @extschema@.activity t ON t.id OPERATOR(pg_catalog.=) x.a
			 GROUP BY t.asset_id ORDER BY t.asset_id
			ON CONFLICT (scheme, space) DO UPDATE
			   SET next_first = nb.next_first OPERATOR(pg_catalog.+) EXCLUDED.next_first OPERATOR(pg_catalog.-) 1
			$q$
			USING mechanism, part_a, part_u;

		IF row_path THEN
			RETURN QUERY EXECUTE $q$
				INSERT INTO @extschema@.instrument AS i (family, mechanism, activity_id, block, baseline_ef, issued_to)
				SELECT $4, $1, b.activity_id, b.block, $5, $6
				  FROM @extschema@.issue_many_rows($1, $2, $3) b ORDER BY b.n
				RETURNING i.block
				$q$
				USING mechanism, part_a, part_u, fam, baseline_ef, account;
			CONTINUE;
		END IF;

		-- The batch path.  The statement's first row's block, and its first
		-- failing row with its block.  An activity's claim before a row is what
		-- it had (read after the lock, the batch's earlier statements included),
		-- plus the statement's earlier rows on it.  (EXECUTE ... INTO: a FOR
		-- loop would open a cursor, which takes the generic plan this function
		-- asks for.)
		EXECUTE $q$
			WITH b AS (SELECT * FROM @extschema@.issue_many_rows($1, $2, $3)),
			-- activity_claimed() only where there is a claim to sum: fresh
			-- activities, the usual batch, cost one index probe each.
			claimed AS (
				SELECT d.a, CASE WHEN EXISTS (SELECT 1 FROM @extschema@.instrument i WHERE i.activity_id OPERATOR(pg_catalog.=) d.a)
				                 THEN coalesce((@extschema@.activity_claimed(d.a)).energy, '0'::@extschema@.energy)
				                 ELSE '0'::@extschema@.energy END AS energy
				  FROM (SELECT DISTINCT b.activity_id AS a FROM b) d),
			checked AS (
				SELECT b.n, b.act, b.block,
				       claimed.energy OPERATOR(@extschema@.+) ($4 OPERATOR(@extschema@.*) (b.act_upto OPERATOR(pg_catalog.-) b.units)) AS used,
				       $4 OPERATOR(@extschema@.*) b.units AS claim
				  FROM b JOIN claimed ON claimed.a OPERATOR(pg_catalog.=) b.activity_id),
			failing AS (
				SELECT w.*, (w.act).kind OPERATOR(pg_catalog.<>) $5 AS wrong_kind
				  FROM checked w
				 WHERE (w.act).kind OPERATOR(pg_catalog.<>) $5
				    OR w.used OPERATOR(@extschema@.+) w.claim OPERATOR(@extschema@.>) (w.act).energy
				 ORDER BY w.n LIMIT 1)
			SELECT (SELECT w.block FROM checked w WHERE w.n OPERATOR(pg_catalog.=) 1) AS first_block, f.*
			  FROM (SELECT 1) one LEFT JOIN failing f ON true
			$q$
			INTO c USING mechanism, part_a, part_u, unit, what;
		IF c.n OPERATOR(pg_catalog.>) 1 THEN
			-- After the first row's checks, as its trigger would: the account.
			PERFORM @extschema@.check_account(issue_many.account, c.first_block, 'receive');
		END IF;
		IF c.wrong_kind THEN
			PERFORM @extschema@.refuse_activity_kind(fam, c.block, c.act, what);
		ELSIF c.n IS NOT NULL THEN
			PERFORM @extschema@.refuse_over_claim(fam, c.block, c.act, ARRAY[(c.act).energy::text, c.used::text,
				c.claim::text, ((c.act).energy OPERATOR(@extschema@.-) c.used)::text]);
		END IF;
		PERFORM @extschema@.check_account(issue_many.account, c.first_block, 'receive');

		-- The rows, checked: written without their per-row triggers.
		PERFORM @extschema@.bulk_checked_begin();
		RETURN QUERY EXECUTE $q$
			WITH ins AS (
				INSERT INTO @extschema@.instrument AS i (family, mechanism, asset_id, activity_id, block, vintage,
					baseline_ef, claim_energy, issued_to)
				SELECT $4, $1, (b.act).asset_id, b.activity_id, b.block, (b.act).period, $5, $7 OPERATOR(@extschema@.*) b.units, $6
				  FROM @extschema@.issue_many_rows($1, $2, $3) b
				 ORDER BY b.n
				RETURNING i.*),
			held AS (
				INSERT INTO @extschema@.holding (block, instrument_id, family, asset_id, account_id)
				SELECT ins.block, ins.id, ins.family, ins.asset_id, ins.issued_to FROM ins ORDER BY ins.id),
			journaled AS (
				INSERT INTO @extschema@.journal AS j (verb, block, to_account, detail)
				SELECT 'issue', ins.block, ins.issued_to,
				       pg_catalog.jsonb_build_object('instrument', ins.id, 'family', ins.family, 'mechanism', ins.mechanism,
				           'activity', ins.activity_id, 'vintage', ins.vintage::text)
				  FROM ins ORDER BY ins.id
				RETURNING j.id, j.block),
			batch AS (
				INSERT INTO @extschema@.journal_batch (first_id, last_id, entries)
				SELECT pg_catalog.min(journaled.id), pg_catalog.max(journaled.id), pg_catalog.count(*) FROM journaled)
			SELECT journaled.block FROM journaled ORDER BY journaled.id
			$q$
			USING mechanism, part_a, part_u, fam, baseline_ef, account, unit;
		PERFORM @extschema@.bulk_checked_end();
	END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.issue_many(text, bigint[], bigint[], bigint, @extschema@.emission_factor) IS
	'Issue many blocks of one mechanism into one account, units[i] against activities[i], through the checks of issue(); returns the blocks in order';

CREATE FUNCTION @extschema@.transfer(block @extschema@.certblock, to_account bigint, from_account bigint DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h @extschema@.holding;
	done  text;
BEGIN
	-- Every check first, then one write of the holding: shrunk to the block and
	-- moved at once (one new version of the row, not two), its rest kept behind.
	h := @extschema@.find_block(transfer.block, transfer.from_account, 'transfer');
	IF h.account_id OPERATOR(pg_catalog.=) transfer.to_account THEN
		RAISE EXCEPTION 'block % is already held by account %', transfer.block::text, h.account_id
			USING ERRCODE = '22023', HINT = 'Transfer to another account.';
	END IF;
	PERFORM @extschema@.check_account(transfer.to_account, transfer.block, 'receive');
	UPDATE @extschema@.holding x SET block = transfer.block, account_id = transfer.to_account, since = pg_catalog.now()
	 WHERE x.id OPERATOR(pg_catalog.=) h.id;
	PERFORM @extschema@.keep_rest(h, transfer.block);
	INSERT INTO @extschema@.journal (verb, block, from_account, to_account)
	VALUES ('transfer', transfer.block, h.account_id, transfer.to_account);
	done := pg_catalog.set_config('greenattr.verb', '', true);
	RETURN transfer.block;
END
$$;
COMMENT ON FUNCTION @extschema@.transfer(@extschema@.certblock, bigint, bigint) IS
	'Move a block held whole and active by one account (from_account, if given) to another open account';

-- The final step shared by retire() and cancel() (and verbs built on them):
-- take the block whole from its active holding, make it retired or cancelled
-- with its claim or reason, and journal it.  Returns the holding's id.
CREATE FUNCTION @extschema@.close_block(b @extschema@.certblock, from_account bigint, new_status text,
	beneficiary text, purpose text, claimed_period tstzrange, reason text, detail jsonb)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	verb   text := CASE new_status WHEN 'retired' THEN 'retire' ELSE 'cancel' END;
	h      @extschema@.holding;
	done  text;
BEGIN
	-- As in transfer(): the checks, then one write of the holding, then its rest.
	h := @extschema@.find_block(b, from_account, verb);
	UPDATE @extschema@.holding x
	   SET block = b, status = new_status, beneficiary = close_block.beneficiary, purpose = close_block.purpose,
	       claimed_period = close_block.claimed_period, reason = close_block.reason, since = pg_catalog.now()
	 WHERE x.id OPERATOR(pg_catalog.=) h.id;
	PERFORM @extschema@.keep_rest(h, b);
	INSERT INTO @extschema@.journal (verb, block, from_account, detail) VALUES (verb, b, h.account_id, detail);
	done := pg_catalog.set_config('greenattr.verb', '', true);
	RETURN h.id;
END
$$;

CREATE FUNCTION @extschema@.retire(block @extschema@.certblock, beneficiary text, purpose text,
	claimed_period tstzrange DEFAULT NULL, from_account bigint DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF coalesce(beneficiary, '') OPERATOR(pg_catalog.=) '' OR coalesce(purpose, '') OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'a retirement needs a beneficiary and a purpose' USING ERRCODE = '22023',
			HINT = 'Name on whose behalf and for what the units are claimed.';
	END IF;
	PERFORM @extschema@.close_block(retire.block, retire.from_account, 'retired', retire.beneficiary,
		retire.purpose, retire.claimed_period, NULL,
		pg_catalog.jsonb_build_object('beneficiary', retire.beneficiary, 'purpose', retire.purpose,
			'claimed_period', retire.claimed_period::text));
	RETURN retire.block;
END
$$;
COMMENT ON FUNCTION @extschema@.retire(@extschema@.certblock, text, text, tstzrange, bigint) IS
	'Retire a block for a claim (beneficiary, purpose, claimed period); final';

CREATE FUNCTION @extschema@.cancel(block @extschema@.certblock, reason text, from_account bigint DEFAULT NULL)
RETURNS @extschema@.certblock LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF coalesce(reason, '') OPERATOR(pg_catalog.=) '' THEN
		RAISE EXCEPTION 'a cancellation needs a reason' USING ERRCODE = '22023';
	END IF;
	PERFORM @extschema@.close_block(cancel.block, cancel.from_account, 'cancelled', NULL, NULL, NULL,
		cancel.reason, pg_catalog.jsonb_build_object('reason', cancel.reason));
	RETURN cancel.block;
END
$$;
COMMENT ON FUNCTION @extschema@.cancel(@extschema@.certblock, text, bigint) IS
	'Cancel a block without a claim (taken out of use); final';

-- China 2024 GEC/CCER rule: an asset that opts into a crediting mechanism for
-- a period has its untraded certificates of that period (still in the account
-- they were issued into) frozen; issuing the credits then converts them.
-- Returns the number of certificate units frozen.
CREATE FUNCTION @extschema@.opt_into_crediting(asset bigint, mechanism text, during tstzrange)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	h      record;
	frozen bigint := 0;
	done  text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM @extschema@.mechanism m WHERE m.code OPERATOR(pg_catalog.=) opt_into_crediting.mechanism
	                  AND m.family OPERATOR(pg_catalog.=) 'credit') THEN
		RAISE EXCEPTION '"%" is not a crediting mechanism', opt_into_crediting.mechanism USING ERRCODE = '22023',
			HINT = 'Name a mechanism of family credit, such as CCER.';
	END IF;
	INSERT INTO @extschema@.crediting_period (asset_id, mechanism, during)
	VALUES (opt_into_crediting.asset, opt_into_crediting.mechanism, opt_into_crediting.during);
	done := pg_catalog.set_config('greenattr.verb', 'freeze', true);
	FOR h IN
		SELECT x.id, x.block, x.account_id
		  FROM @extschema@.holding x
		  JOIN @extschema@.instrument i ON i.id OPERATOR(pg_catalog.=) x.instrument_id
		   AND i.family OPERATOR(pg_catalog.=) x.family
		 WHERE x.asset_id OPERATOR(pg_catalog.=) opt_into_crediting.asset
		   AND x.family OPERATOR(pg_catalog.=) 'certificate' AND x.status OPERATOR(pg_catalog.=) 'active'
		   AND x.account_id OPERATOR(pg_catalog.=) i.issued_to
		   AND i.vintage OPERATOR(pg_catalog.&&) opt_into_crediting.during
		 ORDER BY x.block
		   FOR UPDATE OF x
	LOOP
		UPDATE @extschema@.holding x
		   SET status = 'frozen', since = pg_catalog.now(),
		       reason = format('asset %s opted into %s for %s', opt_into_crediting.asset,
		                       opt_into_crediting.mechanism, opt_into_crediting.during)
		 WHERE x.id OPERATOR(pg_catalog.=) h.id;
		INSERT INTO @extschema@.journal (verb, block, from_account, detail)
		VALUES ('freeze', h.block, h.account_id,
			pg_catalog.jsonb_build_object('mechanism', opt_into_crediting.mechanism, 'during', opt_into_crediting.during::text));
		frozen := frozen OPERATOR(pg_catalog.+) @extschema@.units(h.block);
	END LOOP;
	done := pg_catalog.set_config('greenattr.verb', '', true);
	RETURN frozen;
END
$$;
COMMENT ON FUNCTION @extschema@.opt_into_crediting(bigint, text, tstzrange) IS
	'Record that an asset credits its output of a period under one mechanism; freeze its untraded certificates of the period (returns the units frozen)';
