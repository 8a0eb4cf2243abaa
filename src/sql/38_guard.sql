-- Guards on a DBA's own tables: greenattr.guard() attaches the registry's rules
-- to a table the extension does not own (a registry's own GEC or CCER table),
-- mapping its columns to serial block, asset, period, amount and mechanism.
-- From then on every row of that table is a claim, checked like an issuance:
-- serials unique across shipped and guarded tables, one attribute one
-- instrument, one crediting mechanism per asset and period, crediting periods
-- and boundary rules.
--
--   guarded_table (the mapping, one row per guarded table)
--   guarded_claim (the ledger: one row per row of a guarded table, with the
--                  same exclusion constraints as the shipped tables)
--
-- Row triggers on the DBA's table keep the ledger in step (INSERT, UPDATE,
-- DELETE, TRUNCATE); a trigger on greenattr.instrument makes the shipped path
-- see the ledger, and one on greenattr.coverage makes coverage changes see
-- guarded credits.  Both return at once while no table is guarded.
--
-- Locks (the same on both paths; the guarded path takes them in issue()'s order):
--   * the asset row FOR KEY SHARE, then the activity row FOR NO KEY UPDATE:
--     the first makes a change of the asset's facts (asset_keeps_claims)
--     wait for the claim; the second serialises every claim on the activity and
--     changes of the activity (activity_keeps_claims);
--   * the numbering row of the block's space (guarded rows move it past their
--     block, as imported shipped blocks do, so issue() allocates after them);
--   * the owner entity FOR SHARE (credits): serialises with coverage changes;
--   * a transaction advisory lock on the numbering space (scheme, space) before
--     looking for overlapping serials.  Serials of one space may be claimed
--     against different activities, so the activity lock does not cover them;
--     the numbering row is taken by the shipped path only after its rows are
--     stored (instrument_after_insert), too late to check before it, and the
--     advisory lock writes nothing;
--   * a transaction advisory lock on the asset before looking for credits of
--     another mechanism (an asset's saving and reduction periods may overlap,
--     so the activity lock does not cover them either).
-- guard() locks greenattr.instrument and greenattr.coverage in SHARE mode, so
-- no shipped issuance or coverage change is in flight while the first guard
-- appears (the shipped-side triggers skip their work while none exists).

CREATE TABLE @extschema@.guarded_table (
	tbl                regclass PRIMARY KEY,
	block_column       text NOT NULL,
	block_kind         text NOT NULL CHECK (block_kind IN ('certblock', 'text')),
	asset_column       text NOT NULL,
	period_column      text NOT NULL,
	period_kind        text NOT NULL CHECK (period_kind IN ('daterange', 'tstzrange')),
	amount_column      text,
	amount_kind        text CHECK (amount_kind IN ('numeric', 'energy', 'co2e')),
	mechanism          text REFERENCES @extschema@.mechanism (code),
	mechanism_column   text,
	baseline_ef_column text,
	baseline_ef_kind   text CHECK (baseline_ef_kind IN ('emission_factor', 'numeric')),
	guarded_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
	guarded_by         text NOT NULL DEFAULT SESSION_USER,
	CHECK ((mechanism IS NULL) <> (mechanism_column IS NULL)),
	CHECK ((amount_column IS NULL) = (amount_kind IS NULL)),
	CHECK ((baseline_ef_column IS NULL) = (baseline_ef_kind IS NULL))
);
COMMENT ON TABLE @extschema@.guarded_table IS 'Tables of a DBA guarded by greenattr.guard(): which column holds the serial block, asset, period, amount and mechanism';
COMMENT ON COLUMN @extschema@.guarded_table.block_kind IS 'certblock, or text read with greenattr.parse_serial() (registry serial formats or the certblock text form)';
COMMENT ON COLUMN @extschema@.guarded_table.period_kind IS 'daterange (UTC calendar days) or tstzrange';
COMMENT ON COLUMN @extschema@.guarded_table.amount_kind IS 'numeric (units: MWh, tce or tCO2e by family), energy or co2e; NULL: no amount column, the serial block alone states the quantity';
COMMENT ON COLUMN @extschema@.guarded_table.mechanism IS 'Mechanism of every row (or mechanism_column: the column that names it per row)';
COMMENT ON COLUMN @extschema@.guarded_table.baseline_ef_column IS 'For credits against generation or saving: the column with the baseline emission factor (t/MWh)';

CREATE TABLE @extschema@.guarded_claim (
	tbl          regclass NOT NULL REFERENCES @extschema@.guarded_table (tbl),
	block        @extschema@.certblock NOT NULL,
	family       text NOT NULL,
	mechanism    text NOT NULL REFERENCES @extschema@.mechanism (code),
	asset_id     bigint NOT NULL,
	activity_id  bigint NOT NULL REFERENCES @extschema@.activity (id),
	vintage      tstzrange NOT NULL,
	claim_energy @extschema@.energy,
	claim_co2e   @extschema@.co2e,
	CHECK ((claim_energy IS NULL) <> (claim_co2e IS NULL)),
	CONSTRAINT guarded_claim_unique_serials EXCLUDE USING gist (block WITH &&),
	CONSTRAINT guarded_claim_one_mechanism_per_period
		EXCLUDE USING gist (asset_id WITH =, vintage WITH &&, mechanism WITH <>) WHERE (family = 'credit')
);
CREATE INDEX ON @extschema@.guarded_claim (activity_id);
CREATE INDEX ON @extschema@.guarded_claim (tbl);
COMMENT ON TABLE @extschema@.guarded_claim IS 'Ledger of guarded rows: one claim per row of a guarded table, kept by its triggers';
COMMENT ON COLUMN @extschema@.guarded_claim.block IS 'Serial block of the row (identifies it: blocks never overlap)';
COMMENT ON COLUMN @extschema@.guarded_claim.activity_id IS 'Activity of the asset whose period contains the row''s period';
COMMENT ON COLUMN @extschema@.guarded_claim.claim_energy IS 'What the row claims of an energy activity';
COMMENT ON COLUMN @extschema@.guarded_claim.claim_co2e IS 'What the row claims of a reduction activity';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.guarded_table', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.guarded_claim', '');

-- The kinds of a guard's mapped columns, in the order of guard_column_kinds().
CREATE FUNCTION @extschema@.guard_kinds(g @extschema@.guarded_table)
RETURNS text[] LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT ARRAY[g.block_kind, 'int', g.period_kind, g.amount_kind,
	             CASE WHEN g.mechanism_column IS NOT NULL THEN 'text' END, g.baseline_ef_kind]
$$;

-- The query that reads a guarded row's claim: serial block, asset, period,
-- amount (as text), mechanism and baseline factor.  src is '($1)' for a row
-- passed as a parameter, or a table alias.  Column names are quoted here; the
-- column types were checked by guard() and are checked again before every use
-- (guard_column_kinds()), so no cast can run a function of the table's owner.
CREATE FUNCTION @extschema@.guard_fields_sql(g @extschema@.guarded_table, src text)
RETURNS text LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.format('SELECT %s AS blk, (%s)::pg_catalog.int8 AS asset, %s AS vintage, (%s)::pg_catalog.text AS amount, %s AS mech, %s AS ef',
		CASE g.block_kind WHEN 'certblock' THEN pg_catalog.format('%s.%I', src, g.block_column)
			ELSE pg_catalog.format('@extschema@.parse_serial((%s.%I)::pg_catalog.text)', src, g.block_column) END,
		pg_catalog.format('%s.%I', src, g.asset_column),
		CASE g.period_kind WHEN 'tstzrange' THEN pg_catalog.format('%s.%I', src, g.period_column)
			ELSE pg_catalog.format('CASE WHEN pg_catalog.isempty(%1$s.%2$I) THEN ''empty''::pg_catalog.tstzrange ELSE @extschema@.day_range(%1$s.%2$I) END',
				src, g.period_column) END,
		CASE WHEN g.amount_column IS NULL THEN 'NULL' ELSE pg_catalog.format('%s.%I', src, g.amount_column) END,
		CASE WHEN g.mechanism_column IS NULL THEN pg_catalog.quote_literal(g.mechanism)
			ELSE pg_catalog.format('(%s.%I)::pg_catalog.text', src, g.mechanism_column) END,
		CASE g.baseline_ef_kind
			WHEN 'emission_factor' THEN pg_catalog.format('%s.%I', src, g.baseline_ef_column)
			WHEN 'numeric' THEN pg_catalog.format('(%s.%I)::@extschema@.emission_factor', src, g.baseline_ef_column)
			ELSE 'NULL::@extschema@.emission_factor' END)
$$;

-- One attribute, one instrument across shipped and guarded claims: the
-- activity (locked by the caller) must hold what both already claim plus this
-- block's claim, in its own measure.  what names the block in the message
-- ('certificate block X' or 'certificate block X in my_gec'); verb is what the
-- hint says can still be done ('issued', 'claimed').
CREATE FUNCTION @extschema@.guard_check_claim(act @extschema@.activity, what text,
	claim_e @extschema@.energy, claim_c @extschema@.co2e, verb text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	shipped record;
	guarded record;
	used_e  @extschema@.energy;
	used_c  @extschema@.co2e;
	over    boolean;
	amounts text[];
BEGIN
	SELECT * INTO shipped FROM @extschema@.activity_claimed(act.id);
	SELECT @extschema@.sum(c.claim_energy) AS energy, @extschema@.sum(c.claim_co2e) AS co2e INTO guarded
	  FROM @extschema@.guarded_claim c WHERE c.activity_id OPERATOR(pg_catalog.=) act.id;
	IF act.energy IS NOT NULL THEN
		used_e := coalesce(shipped.energy, '0'::@extschema@.energy)
			OPERATOR(@extschema@.+) coalesce(guarded.energy, '0'::@extschema@.energy);
		over := claim_e IS NULL OR used_e OPERATOR(@extschema@.+) claim_e OPERATOR(@extschema@.>) act.energy;
		amounts := ARRAY[act.energy::text, used_e::text, coalesce(guarded.energy, '0'::@extschema@.energy)::text,
		                 claim_e::text, (act.energy OPERATOR(@extschema@.-) used_e)::text];
	ELSE
		used_c := coalesce(shipped.co2e, '0'::@extschema@.co2e)
			OPERATOR(@extschema@.+) coalesce(guarded.co2e, '0'::@extschema@.co2e);
		over := claim_c IS NULL OR used_c OPERATOR(@extschema@.+) claim_c OPERATOR(@extschema@.>) act.co2e;
		amounts := ARRAY[act.co2e::text, used_c::text, coalesce(guarded.co2e, '0'::@extschema@.co2e)::text,
		                 claim_c::text, (act.co2e OPERATOR(@extschema@.-) used_c)::text];
	END IF;
	IF over THEN
		PERFORM @extschema@.raise_rule('one_attribute_one_instrument', '23514',
			format('%s would claim more than activity %s %s', what, act.id,
				CASE act.kind WHEN 'reduction' THEN 'reduced' ELSE 'produced' END),
			format('Activity %s (%s of asset %s over %s) has %s; instruments already claim %s (%s of it in guarded tables); this block claims %s.',
				act.id, act.kind, act.asset_id, act.period, amounts[1], amounts[2], amounts[3], amounts[4]),
			format('At most %s can still be %s against activity %s.', amounts[5], verb, act.id));
	END IF;
END
$$;

-- Guarded claims are checked against rows other transactions committed after
-- the locks are taken, which only a READ COMMITTED statement sees: under
-- REPEATABLE READ or SERIALIZABLE the snapshot is the transaction's first, so a
-- claim (guarded or shipped) committed meanwhile would go unseen, and guarded
-- rows write nothing that makes such a transaction fail to serialize.  Both
-- paths refuse other isolation levels while a table is guarded.
CREATE FUNCTION @extschema@.guard_read_committed(what text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.refuse_outside_read_committed('guard_read_committed',
		format('%s cannot be checked against guarded claims', what),
		'Its snapshot would miss claims committed after the transaction began.',
		'Run it in a READ COMMITTED transaction (the default) while tables are guarded.');
END
$$;

-- Check one guarded row's claim against the registry and record it in the
-- ledger.  Called by the row trigger and by guard() for the rows already there.
CREATE FUNCTION @extschema@.guard_claim(g @extschema@.guarded_table, blk @extschema@.certblock, asset bigint,
	row_period tstzrange, amount text, mech text, ef @extschema@.emission_factor)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	m       @extschema@.mechanism;
	act     @extschema@.activity;
	kinds   text[];
	missing text;
	units   bigint;
	claim_e @extschema@.energy;
	claim_c @extschema@.co2e;
	ok      boolean;
	clash   record;
	owner   bigint;
	cov     record;
BEGIN
	PERFORM @extschema@.guard_read_committed(format('a row of guarded table %s', g.tbl));
	missing := CASE WHEN blk IS NULL THEN g.block_column WHEN asset IS NULL THEN g.asset_column
	                WHEN row_period IS NULL THEN g.period_column WHEN mech IS NULL THEN g.mechanism_column
	                WHEN amount IS NULL AND g.amount_column IS NOT NULL THEN g.amount_column END;
	IF missing IS NOT NULL THEN
		PERFORM @extschema@.raise_rule('guarded_row_complete', '23502',
			format('null value in column "%s" of guarded table %s', missing, g.tbl),
			CASE WHEN blk IS NOT NULL THEN format('The row has serial block %s.', blk::text) END,
			'Every row of a guarded table is a claim: give its serial, asset, period, amount and mechanism.');
	END IF;

	SELECT * INTO m FROM @extschema@.mechanism x WHERE x.code OPERATOR(pg_catalog.=) mech;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" of block %s in %s does not exist', mech, blk::text, g.tbl), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	IF @extschema@.scheme(blk) OPERATOR(pg_catalog.<>) m.code THEN
		PERFORM @extschema@.raise_rule('block_scheme', '23514',
			format('block %s in %s is not a %s serial block', blk::text, g.tbl, m.code), NULL,
			'The scheme of a guarded block is the code of its mechanism (parse_serial() reads VCS, GS, CAR and ACR serials with those codes).');
	END IF;
	IF pg_catalog.isempty(row_period) THEN
		PERFORM @extschema@.raise_rule('vintage_within_activity', '23514',
			format('period of block %s in %s is empty', blk::text, g.tbl), NULL,
			'Give the period of the output the row claims.');
	END IF;

	-- The activity of the asset that contains the period; its row lock
	-- serialises every claim on it, shipped or guarded.  The asset is locked
	-- first, in issue()'s order.
	PERFORM 1 FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) asset FOR KEY SHARE;
	kinds := CASE WHEN m.family IN ('certificate', 'green_power') THEN ARRAY['generation']
	              WHEN m.family OPERATOR(pg_catalog.=) 'energy_quota' THEN ARRAY['saving']
	              WHEN ef IS NULL THEN ARRAY['reduction']
	              ELSE ARRAY['generation', 'saving'] END;
	SELECT * INTO act FROM @extschema@.activity a
	 WHERE a.asset_id OPERATOR(pg_catalog.=) asset AND a.kind OPERATOR(pg_catalog.=) ANY (kinds)
	   AND a.period OPERATOR(pg_catalog.@>) row_period
	 ORDER BY a.id LIMIT 1
	   FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		IF NOT EXISTS (SELECT 1 FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) asset) THEN
			PERFORM @extschema@.raise_rule('asset_exists', '23503',
				format('asset %s of block %s in %s does not exist', asset, blk::text, g.tbl), NULL,
				format('The column "%s" holds ids of greenattr.asset.', g.asset_column));
		END IF;
		PERFORM @extschema@.raise_rule('activity_exists', '23503',
			format('no %s activity of asset %s covers %s, the period of block %s in %s',
				pg_catalog.array_to_string(kinds, ' or '), asset, row_period, blk::text, g.tbl),
			(SELECT CASE WHEN pg_catalog.count(*) OPERATOR(pg_catalog.=) 0
			             THEN format('Asset %s has no %s activity.', asset, pg_catalog.array_to_string(kinds, ' or '))
			             ELSE format('Asset %s has %s activities for %s.', asset, pg_catalog.array_to_string(kinds, ' or '),
			                         pg_catalog.string_agg(a.period::text, ', ' ORDER BY a.period)) END
			   FROM @extschema@.activity a
			  WHERE a.asset_id OPERATOR(pg_catalog.=) asset AND a.kind OPERATOR(pg_catalog.=) ANY (kinds)),
			'A guarded row claims against the asset''s activity whose period contains the row''s period: record the metered output in greenattr.activity first.');
	END IF;

	-- Guarded rows move the numbering space past their block, as imported
	-- issuances do; after the activity, in issue()'s order.
	INSERT INTO @extschema@.numbering AS n (scheme, space, next_first)
	VALUES (@extschema@.scheme(blk), @extschema@.space(blk), @extschema@.last_unit(blk) OPERATOR(pg_catalog.+) 1)
	ON CONFLICT (scheme, space) DO UPDATE
	   SET next_first = EXCLUDED.next_first WHERE n.next_first OPERATOR(pg_catalog.<) EXCLUDED.next_first;

	-- The claim, from the units (as for issuances), and the amount the row states.
	units := @extschema@.units(blk);
	IF m.family IN ('certificate', 'green_power') THEN
		claim_e := '1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) units;
	ELSIF m.family OPERATOR(pg_catalog.=) 'energy_quota' THEN
		claim_e := '1 tce'::@extschema@.energy OPERATOR(@extschema@.*) units;
	ELSIF act.kind OPERATOR(pg_catalog.=) 'reduction' THEN
		claim_c := '1 t'::@extschema@.co2e OPERATOR(@extschema@.*) units;
	ELSE
		IF ef OPERATOR(@extschema@.<=) '0'::@extschema@.emission_factor THEN
			PERFORM @extschema@.raise_rule('credit_baseline_factor', '23514',
				format('credit block %s in %s against %s activity %s needs a positive baseline emission factor',
					blk::text, g.tbl, act.kind, act.id), NULL,
				format('Give the factor that converts the credited tonnes into MWh of the activity in column "%s".',
					g.baseline_ef_column));
		END IF;
		claim_e := ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) units) OPERATOR(@extschema@./) ef;
	END IF;
	IF amount IS NOT NULL THEN
		ok := CASE g.amount_kind
			WHEN 'numeric' THEN amount::numeric OPERATOR(pg_catalog.=) units::numeric
			WHEN 'energy' THEN m.family OPERATOR(pg_catalog.<>) 'credit'
			     AND amount::@extschema@.energy OPERATOR(@extschema@.=)
			         ((CASE m.unit WHEN 'tce' THEN '1 tce' ELSE '1 MWh' END)::@extschema@.energy OPERATOR(@extschema@.*) units)
			ELSE m.family OPERATOR(pg_catalog.=) 'credit'
			     AND amount::@extschema@.co2e OPERATOR(@extschema@.=) ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) units) END;
		IF NOT ok THEN
			PERFORM @extschema@.raise_rule('claim_matches_units', '23514',
				format('block %s in %s has %s units but its row states %s%s', blk::text, g.tbl, units, amount,
					CASE g.amount_kind WHEN 'numeric' THEN ' ' OPERATOR(pg_catalog.||) m.unit ELSE '' END),
				format('One %s unit stands for 1 %s.', m.code, m.unit),
				format('State %s %s in column "%s", or change the serial block.', units, m.unit, g.amount_column));
		END IF;
	END IF;

	-- Crediting periods: only the mechanism the asset opted into credits the period.
	IF m.family OPERATOR(pg_catalog.=) 'credit' THEN
		SELECT * INTO clash FROM @extschema@.crediting_period c
		 WHERE c.asset_id OPERATOR(pg_catalog.=) act.asset_id AND c.during OPERATOR(pg_catalog.&&) row_period
		   AND c.mechanism OPERATOR(pg_catalog.<>) m.code
		 LIMIT 1;
		IF FOUND THEN
			PERFORM @extschema@.raise_rule('crediting_period', '23514',
				format('credit block %s in %s: asset %s opted into %s for %s', blk::text, g.tbl, act.asset_id,
					clash.mechanism, clash.during),
				format('The vintage %s lies in that crediting period.', row_period),
				format('Only %s credits can be issued for this period.', clash.mechanism));
		END IF;
		-- Lock the owner: a concurrent coverage change waits for this claim.
		SELECT s.owner_id INTO owner FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) act.asset_id;
		PERFORM 1 FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) owner FOR SHARE;
	END IF;

	-- No serial unit twice: not in a shipped issuance (its holdings cover
	-- exactly its block), not in another guarded row.
	PERFORM pg_catalog.pg_advisory_xact_lock(1735355244,
		pg_catalog.hashtext(@extschema@.scheme(blk) OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) @extschema@.space(blk)));
	SELECT h.block, h.instrument_id, h.family INTO clash FROM @extschema@.holding h
	 WHERE h.block OPERATOR(@extschema@.&&) blk ORDER BY h.block LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('unique_serials', '23P01',
			format('block %s in %s overlaps issued units %s', blk::text, g.tbl, clash.block::text),
			format('Units %s were issued in greenattr.%s (issuance %s).', clash.block::text, clash.family, clash.instrument_id),
			'A serial unit exists once: give the row serials that no issuance and no guarded row has.');
	END IF;
	SELECT c.block, c.tbl INTO clash FROM @extschema@.guarded_claim c
	 WHERE c.block OPERATOR(@extschema@.&&) blk ORDER BY c.block LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('unique_serials', '23P01',
			format('block %s in %s overlaps block %s in %s', blk::text, g.tbl, clash.block::text, clash.tbl),
			NULL, 'A serial unit exists once: give the row serials that no issuance and no guarded row has.');
	END IF;

	-- One crediting mechanism per asset and period, across shipped and guarded credits.
	IF m.family OPERATOR(pg_catalog.=) 'credit' THEN
		PERFORM pg_catalog.pg_advisory_xact_lock(1735355245, pg_catalog.hashint8(act.asset_id));
		SELECT i.mechanism, i.block, i.vintage, 'greenattr.credit'::text AS place INTO clash FROM @extschema@.credit i
		 WHERE i.asset_id OPERATOR(pg_catalog.=) act.asset_id AND i.vintage OPERATOR(pg_catalog.&&) row_period
		   AND i.mechanism OPERATOR(pg_catalog.<>) m.code
		 LIMIT 1;
		IF NOT FOUND THEN
			SELECT c.mechanism, c.block, c.vintage, c.tbl::text AS place INTO clash FROM @extschema@.guarded_claim c
			 WHERE c.family OPERATOR(pg_catalog.=) 'credit' AND c.asset_id OPERATOR(pg_catalog.=) act.asset_id
			   AND c.vintage OPERATOR(pg_catalog.&&) row_period AND c.mechanism OPERATOR(pg_catalog.<>) m.code
			 LIMIT 1;
		END IF;
		IF FOUND THEN
			PERFORM @extschema@.raise_rule('credit_one_mechanism_per_period', '23P01',
				format('%s credit block %s in %s overlaps the vintage of %s credit block %s in %s',
					m.code, blk::text, g.tbl, clash.mechanism, clash.block::text, clash.place),
				format('Asset %s: vintages %s and %s overlap.', act.asset_id, row_period, clash.vintage),
				'The reductions of one asset in one period are credited by one mechanism only.');
		END IF;
	END IF;

	-- One attribute, one instrument: shipped and guarded claims together.
	PERFORM @extschema@.guard_check_claim(act, format('%s block %s in %s', m.family, blk::text, g.tbl),
		claim_e, claim_c, 'claimed');

	-- Boundary rules: credits only, against coverage of the asset's owner.
	IF m.family OPERATOR(pg_catalog.=) 'credit' THEN
		SELECT r.market, r.rule, c.during, e.name INTO cov
		  FROM @extschema@.coverage c
		  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		  JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) c.entity_id
		 WHERE c.entity_id OPERATOR(pg_catalog.=) owner
		   AND @extschema@.day_range(c.during) OPERATOR(pg_catalog.&&) row_period
		   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
		        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND act.kind OPERATOR(pg_catalog.=) 'saving'))
		 ORDER BY r.market LIMIT 1;
		IF FOUND THEN
			PERFORM @extschema@.raise_rule(cov.rule, '23514',
				format('credit block %s in %s comes from inside the boundary of an entity covered by %s',
					blk::text, g.tbl, cov.market),
				format('Asset %s belongs to entity %s (%s), covered by %s during %s; the credited vintage is %s.',
					act.asset_id, owner, cov.name, cov.market, cov.during, row_period),
				format('Boundary rule %s of %s forbids it; credits can be claimed only for periods outside that coverage.',
					cov.rule, cov.market));
		END IF;
	END IF;

	INSERT INTO @extschema@.guarded_claim (tbl, block, family, mechanism, asset_id, activity_id, vintage, claim_energy, claim_co2e)
	VALUES (g.tbl, blk, m.family, m.code, act.asset_id, act.id, row_period, claim_e, claim_c);
END
$$;

-- Row and TRUNCATE trigger of a guarded table: keeps the ledger in step.
CREATE FUNCTION @extschema@.guard_row() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	g   @extschema@.guarded_table;
	q   text;
	now_kinds text[];
	ob  @extschema@.certblock; oa bigint; ov tstzrange; oamt text; om text; oef @extschema@.emission_factor;
	nb  @extschema@.certblock; na bigint; nv tstzrange; namt text; nm text; nef @extschema@.emission_factor;
BEGIN
	SELECT * INTO g FROM @extschema@.guarded_table t WHERE t.tbl OPERATOR(pg_catalog.=) TG_RELID;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('guarded_table', '55000',
			format('table %s has greenattr''s guard trigger %s but is not guarded', TG_RELID::regclass, TG_NAME), NULL,
			'Call greenattr.guard() for the table, or drop the trigger.');
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
		DELETE FROM @extschema@.guarded_claim c WHERE c.tbl OPERATOR(pg_catalog.=) g.tbl;
		RETURN NULL;
	END IF;
	-- The mapped columns still exist with the types the guard was made for
	-- (raises 42703 or 42804 naming the column if not).
	now_kinds := @extschema@.guard_column_kinds(g.tbl, ARRAY[g.block_column, g.asset_column, g.period_column,
		g.amount_column, g.mechanism_column, g.baseline_ef_column]);
	IF now_kinds IS DISTINCT FROM @extschema@.guard_kinds(g) THEN
		PERFORM @extschema@.raise_rule('guarded_table', '55000',
			format('the mapped columns of guarded table %s changed type', g.tbl),
			format('The guard reads (block, asset, period, amount, mechanism, baseline factor) as %s; the columns are now %s.',
				@extschema@.guard_kinds(g), now_kinds),
			'Call greenattr.unguard() and greenattr.guard() again.');
	END IF;
	q := @extschema@.guard_fields_sql(g, '($1)');
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		EXECUTE q INTO ob, oa, ov, oamt, om, oef USING OLD;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		EXECUTE q INTO nb, na, nv, namt, nm, nef USING NEW;
	END IF;
	IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
	   AND ROW(ob::text, oa, ov::text, oamt, om, oef::text) IS NOT DISTINCT FROM ROW(nb::text, na, nv::text, namt, nm, nef::text) THEN
		RETURN NULL;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM @extschema@.guarded_claim c
		 WHERE c.block OPERATOR(@extschema@.=) ob AND c.tbl OPERATOR(pg_catalog.=) g.tbl;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM @extschema@.guard_claim(g, nb, na, nv, namt, nm, nef);
	END IF;
	RETURN NULL;
END
$$;

-- The shipped path sees guarded claims: after instrument_checks (which locked
-- the activity and set the claim), serials, other-mechanism credits and the
-- claims of the activity are checked against the ledger.
CREATE FUNCTION @extschema@.instrument_guarded() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	clash   record;
	act     @extschema@.activity;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM @extschema@.guarded_table) THEN
		RETURN NEW;
	END IF;
	PERFORM @extschema@.guard_read_committed(format('%s block %s', NEW.family, NEW.block::text));
	PERFORM pg_catalog.pg_advisory_xact_lock(1735355244,
		pg_catalog.hashtext(@extschema@.scheme(NEW.block) OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) @extschema@.space(NEW.block)));
	SELECT c.block, c.tbl INTO clash FROM @extschema@.guarded_claim c
	 WHERE c.block OPERATOR(@extschema@.&&) NEW.block ORDER BY c.block LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule('unique_serials', '23P01',
			format('%s block %s overlaps block %s in %s', NEW.family, NEW.block::text, clash.block::text, clash.tbl),
			NULL, 'A serial unit exists once: issue serials that no issuance and no guarded row has.');
	END IF;
	IF NEW.family OPERATOR(pg_catalog.=) 'credit' THEN
		PERFORM pg_catalog.pg_advisory_xact_lock(1735355245, pg_catalog.hashint8(NEW.asset_id));
		SELECT c.mechanism, c.block, c.vintage, c.tbl INTO clash FROM @extschema@.guarded_claim c
		 WHERE c.family OPERATOR(pg_catalog.=) 'credit' AND c.asset_id OPERATOR(pg_catalog.=) NEW.asset_id
		   AND c.vintage OPERATOR(pg_catalog.&&) NEW.vintage AND c.mechanism OPERATOR(pg_catalog.<>) NEW.mechanism
		 LIMIT 1;
		IF FOUND THEN
			PERFORM @extschema@.raise_rule('credit_one_mechanism_per_period', '23P01',
				format('%s credit block %s overlaps the vintage of %s credit block %s in %s',
					NEW.mechanism, NEW.block::text, clash.mechanism, clash.block::text, clash.tbl),
				format('Asset %s: vintages %s and %s overlap.', NEW.asset_id, NEW.vintage, clash.vintage),
				'The reductions of one asset in one period are credited by one mechanism only.');
		END IF;
	END IF;

	IF NOT EXISTS (SELECT 1 FROM @extschema@.guarded_claim c
	                WHERE c.activity_id OPERATOR(pg_catalog.=) NEW.activity_id) THEN
		RETURN NEW;
	END IF;
	-- instrument_checks holds the activity's row lock already.
	SELECT * INTO act FROM @extschema@.activity a WHERE a.id OPERATOR(pg_catalog.=) NEW.activity_id;
	PERFORM @extschema@.guard_check_claim(act, format('%s block %s', NEW.family, NEW.block::text),
		NEW.claim_energy, NEW.claim_co2e, 'issued');
	RETURN NEW;
END
$$;

-- Coverage cannot be added over a period whose guarded credits a boundary rule
-- would forbid (coverage_checks, which runs first, locks the entity).
CREATE FUNCTION @extschema@.coverage_guarded() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	clash record;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM @extschema@.guarded_table) THEN
		RETURN NEW;
	END IF;
	PERFORM @extschema@.guard_read_committed(format('coverage of entity %s by %s', NEW.entity_id, NEW.market));
	SELECT c.block, c.vintage, c.tbl, r.rule INTO clash
	  FROM @extschema@.asset s
	  JOIN @extschema@.guarded_claim c ON c.asset_id OPERATOR(pg_catalog.=) s.id AND c.family OPERATOR(pg_catalog.=) 'credit'
	  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) c.activity_id
	  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) NEW.market
	   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
	        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND a.kind OPERATOR(pg_catalog.=) 'saving'))
	 WHERE s.owner_id OPERATOR(pg_catalog.=) NEW.entity_id
	   AND c.vintage OPERATOR(pg_catalog.&&) @extschema@.day_range(NEW.during)
	 ORDER BY c.block LIMIT 1;
	IF FOUND THEN
		PERFORM @extschema@.raise_rule(clash.rule, '23514',
			format('entity %s cannot be covered by %s during %s: credit block %s in %s of its asset has vintage %s',
				NEW.entity_id, NEW.market, NEW.during, clash.block::text, clash.tbl, clash.vintage),
			format('Boundary rule %s of %s forbids credits from inside a covered boundary.', clash.rule, NEW.market),
			'Cover the entity from a date after its credited vintages, or delete those rows first.');
	END IF;
	RETURN NEW;
END
$$;

-- Trigger names sort after instrument_checks and coverage_checks: BEFORE
-- triggers fire in name order, and these rely on the locks those take.
CREATE TRIGGER instrument_guarded BEFORE INSERT ON @extschema@.instrument
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.instrument_guarded();
CREATE TRIGGER coverage_guarded BEFORE INSERT OR UPDATE ON @extschema@.coverage
	FOR EACH ROW EXECUTE FUNCTION @extschema@.coverage_guarded();

-- The kinds of the mapped columns (block, asset, period, amount, mechanism
-- column, baseline factor; NULL where not mapped): each must exist and be of a
-- type the guard reads without running anything of the table's owner (no
-- domains, no types whose casts the owner wrote).  guard() calls it to make
-- the mapping, the guard trigger on every row to see that it still holds.
CREATE FUNCTION @extschema@.guard_column_kinds(tbl regclass, cols text[])
RETURNS text[] LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	col   record;
	typ   regtype;
	kind  text;
	kinds text[] := ARRAY[]::text[];
BEGIN
	FOR col IN SELECT * FROM (VALUES
		(1, 'block', cols[1], true,
		 ARRAY['@extschema@.certblock', 'text', 'character varying']::regtype[], ARRAY['certblock', 'text', 'text']),
		(2, 'asset', cols[2], true,
		 ARRAY['bigint', 'integer', 'smallint']::regtype[], ARRAY['int', 'int', 'int']),
		(3, 'period', cols[3], true,
		 ARRAY['daterange', 'tstzrange']::regtype[], ARRAY['daterange', 'tstzrange']),
		(4, 'amount', cols[4], false,
		 ARRAY['numeric', 'bigint', 'integer', 'smallint', '@extschema@.energy', '@extschema@.co2e']::regtype[],
		 ARRAY['numeric', 'numeric', 'numeric', 'numeric', 'energy', 'co2e']),
		(5, 'mechanism_column', cols[5], false,
		 ARRAY['text', 'character varying']::regtype[], ARRAY['text', 'text']),
		(6, 'baseline_ef', cols[6], false,
		 ARRAY['@extschema@.emission_factor', 'numeric']::regtype[], ARRAY['emission_factor', 'numeric'])
	) v (pos, arg, colname, required, types, labels) ORDER BY pos
	LOOP
		IF col.colname IS NULL THEN
			IF col.required THEN
				RAISE EXCEPTION 'guard() needs the % column', col.arg USING ERRCODE = '22023',
					HINT = format('Name the column of %s that holds the %s.', tbl, col.arg);
			END IF;
			kinds := kinds OPERATOR(pg_catalog.||) NULL::text;
			CONTINUE;
		END IF;
		SELECT a.atttypid::regtype INTO typ FROM pg_catalog.pg_attribute a
		 WHERE a.attrelid OPERATOR(pg_catalog.=) tbl AND a.attname OPERATOR(pg_catalog.=) col.colname
		   AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'column "%" of relation "%" does not exist', col.colname, tbl USING ERRCODE = '42703',
				DETAIL = format('It was given as %s => %L.', col.arg, col.colname),
				HINT = format('Columns of %s: %s.', tbl,
					(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
					   FROM pg_catalog.pg_attribute a
					  WHERE a.attrelid OPERATOR(pg_catalog.=) tbl AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped));
		END IF;
		kind := col.labels[pg_catalog.array_position(col.types, typ)];
		IF kind IS NULL THEN
			RAISE EXCEPTION 'column "%" of relation "%" is of type %', col.colname, tbl, typ USING ERRCODE = '42804',
				DETAIL = format('The %s column must be of type %s.', col.arg, pg_catalog.array_to_string(col.types, ', ')),
				HINT = 'Map a column of one of those types (a domain over one is not accepted).';
		END IF;
		kinds := kinds OPERATOR(pg_catalog.||) kind;
	END LOOP;

	RETURN kinds;
END
$$;

-- guard(): attach the registry's rules to a DBA's table.  Checks the mapping,
-- records it, installs the triggers and takes the rows already there into the
-- ledger (each checked like a new row).  Returns the number of rows taken.
CREATE FUNCTION @extschema@.guard(tbl regclass, block text, asset text, period text,
	amount text DEFAULT NULL, mechanism text DEFAULT NULL, mechanism_column text DEFAULT NULL,
	baseline_ef text DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	rel   record;
	kinds text[];
	g     @extschema@.guarded_table;
	r     record;
	n     bigint := 0;
BEGIN
	IF tbl IS NULL THEN
		RAISE EXCEPTION 'guard() needs a table' USING ERRCODE = '22023';
	END IF;
	SELECT c.relkind, c.relispartition, c.relnamespace, c.relpersistence, c.relhassubclass INTO rel FROM pg_catalog.pg_class c
	 WHERE c.oid OPERATOR(pg_catalog.=) tbl;
	IF rel.relnamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace THEN
		RAISE EXCEPTION 'table % belongs to greenattr', tbl USING ERRCODE = '22023',
			HINT = 'greenattr''s own tables are checked by their own triggers; guard a table of yours.';
	END IF;
	IF rel.relkind OPERATOR(pg_catalog.=) 'p' OR rel.relispartition THEN
		RAISE EXCEPTION 'cannot guard partitioned table or partition %', tbl USING ERRCODE = '0A000',
			HINT = 'Guard an ordinary table.';
	END IF;
	IF rel.relkind OPERATOR(pg_catalog.<>) 'r' THEN
		RAISE EXCEPTION '"%" is not a table', tbl USING ERRCODE = '42809', HINT = 'Guard an ordinary table.';
	END IF;
	-- A temporary or unlogged table loses its rows (session end, crash) while
	-- its claims stay; rows of an inheritance child bypass the parent's triggers.
	IF rel.relpersistence OPERATOR(pg_catalog.<>) 'p' THEN
		RAISE EXCEPTION 'cannot guard temporary or unlogged table %', tbl USING ERRCODE = '0A000',
			HINT = 'Guard a permanent, logged table: its rows must outlive the session and a crash as the claims do.';
	END IF;
	IF rel.relhassubclass OR EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhparent OPERATOR(pg_catalog.=) tbl) THEN
		RAISE EXCEPTION 'cannot guard table % with inheritance children', tbl USING ERRCODE = '0A000',
			HINT = 'Rows of a child table do not fire the parent''s triggers; guard each table of its own.';
	END IF;
	IF NOT pg_catalog.has_table_privilege(SESSION_USER, tbl, 'TRIGGER') THEN
		PERFORM @extschema@.raise_rule('guard_privilege', '42501', format('permission denied to guard table %s', tbl),
			format('Role %s has no TRIGGER privilege on it.', SESSION_USER),
			'The table''s owner, or a role granted TRIGGER on it, guards it.');
	END IF;
	IF EXISTS (SELECT 1 FROM @extschema@.guarded_table t WHERE t.tbl OPERATOR(pg_catalog.=) guard.tbl) THEN
		RAISE EXCEPTION 'table % is guarded already', tbl USING ERRCODE = '42710',
			HINT = format('To change its mapping, call greenattr.unguard(%L) first.', tbl::text);
	END IF;
	IF (guard.mechanism IS NULL) OPERATOR(pg_catalog.=) (guard.mechanism_column IS NULL) THEN
		RAISE EXCEPTION 'guard() needs either mechanism or mechanism_column' USING ERRCODE = '22023',
			HINT = 'Give mechanism => ''GEC'' for a table of one mechanism, or mechanism_column => the column naming it per row.';
	END IF;
	IF guard.mechanism IS NOT NULL AND NOT EXISTS (SELECT 1 FROM @extschema@.mechanism m
	                                              WHERE m.code OPERATOR(pg_catalog.=) guard.mechanism) THEN
		RAISE EXCEPTION 'mechanism "%" does not exist', guard.mechanism USING ERRCODE = '22023',
			HINT = 'Mechanisms are rows of greenattr.mechanism.';
	END IF;

	kinds := @extschema@.guard_column_kinds(tbl, ARRAY[guard.block, guard.asset, guard.period, guard.amount,
		guard.mechanism_column, guard.baseline_ef]);
	PERFORM @extschema@.guard_read_committed(format('guarding table %s', tbl));

	-- No issuance or coverage change in flight while the first guard appears
	-- (their guard triggers do nothing while no table is guarded); no write to
	-- the table while its rows are taken into the ledger.
	LOCK TABLE @extschema@.instrument, @extschema@.coverage IN SHARE MODE;
	EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', tbl);

	INSERT INTO @extschema@.guarded_table AS t (tbl, block_column, block_kind, asset_column, period_column, period_kind,
		amount_column, amount_kind, mechanism, mechanism_column, baseline_ef_column, baseline_ef_kind)
	VALUES (guard.tbl, guard.block, kinds[1], guard.asset, guard.period, kinds[3],
		guard.amount, kinds[4], guard.mechanism, guard.mechanism_column, guard.baseline_ef, kinds[6])
	RETURNING * INTO g;
	EXECUTE format('CREATE TRIGGER greenattr_guard AFTER INSERT OR UPDATE OR DELETE ON %s '
	               'FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_row()', tbl);
	EXECUTE format('CREATE TRIGGER greenattr_guard_truncate AFTER TRUNCATE ON %s '
	               'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.guard_row()', tbl);

	FOR r IN EXECUTE @extschema@.guard_fields_sql(g, 't') OPERATOR(pg_catalog.||) format(' FROM %s t ORDER BY 1', tbl) LOOP
		PERFORM @extschema@.guard_claim(g, r.blk, r.asset, r.vintage, r.amount, r.mech, r.ef);
		n := n OPERATOR(pg_catalog.+) 1;
	END LOOP;
	RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.guard(regclass, text, text, text, text, text, text, text) IS
	'Attach the registry''s rules to a table of yours: map its serial, asset, period, amount and mechanism columns; returns the rows taken into the ledger';

-- unguard(): drop the triggers and release the table's claims.  Accepts the
-- oid of a table dropped while guarded.  Returns the number of claims released.
CREATE FUNCTION @extschema@.unguard(tbl regclass)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
	present boolean;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM @extschema@.guarded_table t WHERE t.tbl OPERATOR(pg_catalog.=) unguard.tbl) THEN
		RAISE EXCEPTION 'table % is not guarded', tbl USING ERRCODE = '22023',
			HINT = 'Guarded tables are listed in greenattr.guarded_table.';
	END IF;
	present := EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) tbl);
	IF present AND NOT pg_catalog.has_table_privilege(SESSION_USER, tbl, 'TRIGGER') THEN
		PERFORM @extschema@.raise_rule('guard_privilege', '42501', format('permission denied to unguard table %s', tbl),
			format('Role %s has no TRIGGER privilege on it.', SESSION_USER),
			'The table''s owner, or a role granted TRIGGER on it, unguards it.');
	END IF;
	IF present THEN
		EXECUTE format('DROP TRIGGER IF EXISTS greenattr_guard ON %s', tbl);
		EXECUTE format('DROP TRIGGER IF EXISTS greenattr_guard_truncate ON %s', tbl);
	END IF;
	DELETE FROM @extschema@.guarded_claim c WHERE c.tbl OPERATOR(pg_catalog.=) unguard.tbl;
	GET DIAGNOSTICS n = ROW_COUNT;
	DELETE FROM @extschema@.guarded_table t WHERE t.tbl OPERATOR(pg_catalog.=) unguard.tbl;
	RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.unguard(regclass) IS
	'Remove the guard of a table: drop its triggers and release its claims (returns the claims released)';

-- audit_guard() (run by audit()): each guarded table against its ledger, and
-- the ledger against the shipped tables and the reference data.
-- SECURITY DEFINER: it reads the guarded tables (which an auditor may not
-- read) and the guard's internal helpers (EXECUTE for nobody).
CREATE FUNCTION @extschema@.audit_guard()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	gt  @extschema@.guarded_table;
	bad text;
BEGIN
	-- A table dropped while guarded: its claims stay until unguard() releases them.
	RETURN QUERY
	SELECT 'guarded_table', 'table ' OPERATOR(pg_catalog.||) g.tbl::oid::text,
	       format('table %s was dropped while guarded; its claims (%s) stay until greenattr.unguard(%s) releases them',
	              g.tbl::oid, (SELECT pg_catalog.count(*) FROM @extschema@.guarded_claim c WHERE c.tbl OPERATOR(pg_catalog.=) g.tbl),
	              g.tbl::oid)
	  FROM @extschema@.guarded_table g
	 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) g.tbl)
	 ORDER BY 2;
	-- Each row of a guarded table has its claim in the ledger, and each claim its row
	-- (a disabled trigger, a restore that skipped rows).
	FOR gt IN SELECT * FROM @extschema@.guarded_table t
	          WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) t.tbl)
	          ORDER BY t.tbl::text
	LOOP
		-- A mapping the table no longer fits (a column renamed, dropped or retyped).
		BEGIN
			bad := NULL;
			IF @extschema@.guard_column_kinds(gt.tbl, ARRAY[gt.block_column, gt.asset_column, gt.period_column,
			       gt.amount_column, gt.mechanism_column, gt.baseline_ef_column])
			   IS DISTINCT FROM @extschema@.guard_kinds(gt) THEN
				bad := 'a mapped column changed type';
			END IF;
		EXCEPTION WHEN undefined_column OR datatype_mismatch THEN
			bad := SQLERRM;
		END;
		IF bad IS NOT NULL THEN
			invariant := 'guarded_table';
			subject := 'table ' OPERATOR(pg_catalog.||) gt.tbl::text;
			detail := format('the guard no longer fits the table: %s; unguard() and guard() again', bad);
			RETURN NEXT;
			CONTINUE;
		END IF;
		RETURN QUERY EXECUTE format($q$
			WITH r AS (%s FROM %s t)
			SELECT 'guarded_ledger'::pg_catalog.text, pg_catalog.format('%%s row %%s', $1, coalesce(r.blk::pg_catalog.text, '(no serial)')),
			       'the row has no matching claim in greenattr.guarded_claim'::pg_catalog.text
			  FROM r
			 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.guarded_claim c
			                    WHERE c.tbl OPERATOR(pg_catalog.=) $1 AND c.block OPERATOR(@extschema@.=) r.blk
			                      AND c.asset_id OPERATOR(pg_catalog.=) r.asset AND c.vintage OPERATOR(pg_catalog.=) r.vintage
			                      AND c.mechanism OPERATOR(pg_catalog.=) r.mech)
			UNION ALL
			SELECT 'guarded_ledger', pg_catalog.format('%%s row %%s', $1, r.blk),
			       pg_catalog.format('%%s rows of the table have this serial block; one claim stands for them', pg_catalog.count(*))
			  FROM r WHERE r.blk IS NOT NULL
			 GROUP BY r.blk HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1
			UNION ALL
			SELECT 'guarded_ledger', pg_catalog.format('%%s claim %%s', $1, c.block),
			       'the claim has no row in the guarded table'
			  FROM @extschema@.guarded_claim c
			 WHERE c.tbl OPERATOR(pg_catalog.=) $1
			   AND NOT EXISTS (SELECT 1 FROM r WHERE r.blk OPERATOR(@extschema@.=) c.block)
			ORDER BY 2$q$, @extschema@.guard_fields_sql(gt, 't'), gt.tbl) USING gt.tbl;
	END LOOP;
	RETURN QUERY
	-- No serial unit both issued and in a guarded row.
	SELECT 'unique_serials', c.tbl::text OPERATOR(pg_catalog.||) ' claim ' OPERATOR(pg_catalog.||) c.block::text,
	       format('block %s overlaps issued units %s (%s %s)', c.block, h.block, h.family, h.instrument_id)
	  FROM @extschema@.guarded_claim c
	  JOIN @extschema@.holding h ON h.block OPERATOR(@extschema@.&&) c.block
	UNION ALL
	-- One attribute, one instrument: shipped and guarded claims together.
	SELECT 'one_attribute_one_instrument', 'activity ' OPERATOR(pg_catalog.||) a.id,
	       format('activity has %s; shipped instruments claim %s and guarded rows %s',
	              coalesce(a.energy::text, a.co2e::text), coalesce(s.energy::text, s.co2e::text, 'nothing'),
	              coalesce(x.energy::text, x.co2e::text))
	  FROM (SELECT c.activity_id, @extschema@.sum(c.claim_energy) AS energy, @extschema@.sum(c.claim_co2e) AS co2e
	          FROM @extschema@.guarded_claim c GROUP BY c.activity_id) x
	  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) x.activity_id
	  CROSS JOIN LATERAL @extschema@.activity_claimed(a.id) s
	 WHERE (coalesce(s.energy, '0'::@extschema@.energy) OPERATOR(@extschema@.+) coalesce(x.energy, '0'::@extschema@.energy))
	           OPERATOR(@extschema@.>) coalesce(a.energy, '0'::@extschema@.energy)
	    OR (coalesce(s.co2e, '0'::@extschema@.co2e) OPERATOR(@extschema@.+) coalesce(x.co2e, '0'::@extschema@.co2e))
	           OPERATOR(@extschema@.>) coalesce(a.co2e, '0'::@extschema@.co2e)
	UNION ALL
	-- Each guarded claim is what its units stand for, against an activity that contains it.
	SELECT 'claim_matches_units', c.tbl::text OPERATOR(pg_catalog.||) ' claim ' OPERATOR(pg_catalog.||) c.block::text,
	       format('block %s claims %s against activity %s over %s', c.block,
	              coalesce(c.claim_energy::text, c.claim_co2e::text), a.id, a.period)
	  FROM @extschema@.guarded_claim c
	  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) c.activity_id
	 WHERE a.asset_id OPERATOR(pg_catalog.<>) c.asset_id OR NOT a.period OPERATOR(pg_catalog.@>) c.vintage
	    OR @extschema@.scheme(c.block) OPERATOR(pg_catalog.<>) c.mechanism
	    OR (c.family IN ('certificate', 'green_power')
	        AND c.claim_energy OPERATOR(@extschema@.<>) ('1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(c.block)))
	    OR (c.family OPERATOR(pg_catalog.=) 'energy_quota'
	        AND c.claim_energy OPERATOR(@extschema@.<>) ('1 tce'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(c.block)))
	    OR (c.family OPERATOR(pg_catalog.=) 'credit' AND c.claim_co2e IS NOT NULL
	        AND c.claim_co2e OPERATOR(@extschema@.<>) ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(c.block)))
	    OR (c.claim_energy IS NOT NULL AND a.energy IS NULL) OR (c.claim_co2e IS NOT NULL AND a.co2e IS NULL)
	UNION ALL
	-- One crediting mechanism per asset and period, guarded against shipped credits.
	SELECT 'credit_one_mechanism_per_period', c.tbl::text OPERATOR(pg_catalog.||) ' claim ' OPERATOR(pg_catalog.||) c.block::text,
	       format('%s block %s and %s credit %s of asset %s have overlapping vintages %s and %s',
	              c.mechanism, c.block, i.mechanism, i.block, c.asset_id, c.vintage, i.vintage)
	  FROM @extschema@.guarded_claim c
	  JOIN @extschema@.credit i ON i.asset_id OPERATOR(pg_catalog.=) c.asset_id
	   AND i.vintage OPERATOR(pg_catalog.&&) c.vintage AND i.mechanism OPERATOR(pg_catalog.<>) c.mechanism
	 WHERE c.family OPERATOR(pg_catalog.=) 'credit'
	UNION ALL
	-- Boundary rules: guarded credits from inside a covered boundary.
	SELECT r.rule, c.tbl::text OPERATOR(pg_catalog.||) ' claim ' OPERATOR(pg_catalog.||) c.block::text,
	       format('block %s of asset %s (vintage %s): owner %s covered by %s during %s',
	              c.block, c.asset_id, c.vintage, s.owner_id, v.market, v.during)
	  FROM @extschema@.guarded_claim c
	  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) c.activity_id
	  JOIN @extschema@.asset s ON s.id OPERATOR(pg_catalog.=) c.asset_id
	  JOIN @extschema@.coverage v ON v.entity_id OPERATOR(pg_catalog.=) s.owner_id
	   AND @extschema@.day_range(v.during) OPERATOR(pg_catalog.&&) c.vintage
	  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) v.market
	   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
	        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND a.kind OPERATOR(pg_catalog.=) 'saving'))
	 WHERE c.family OPERATOR(pg_catalog.=) 'credit';
END
$$;
COMMENT ON FUNCTION @extschema@.audit_guard() IS
	'Guarded tables against their ledger, and guarded claims against the registry (serials, claims, mechanisms, boundaries); one row per violation';
