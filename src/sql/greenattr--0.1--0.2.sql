-- greenattr 0.1 -> 0.2 (ALTER EXTENSION greenattr UPDATE TO '0.2').
-- Every change of 0.2 to the catalog, so that an updated database has the same
-- extension objects as a fresh CREATE EXTENSION (test/t/upgrade.pl compares them).
\echo Use "ALTER EXTENSION greenattr UPDATE TO '0.2'" to load this file. \quit

-- ==== Rows checked in bulk (new in 0.2; as in 34_registry_rules.sql) ====
-- The per-row triggers of instrument, holding and journal skip the rows a bulk
-- verb declares checked; created first, since the triggers' WHEN clauses name it.
-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.bulk_checked() RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_bulk_checked' LANGUAGE C VOLATILE PARALLEL RESTRICTED;

COMMENT ON FUNCTION @extschema@.bulk_checked() IS
	'Whether the rows being written were checked by a bulk verb (the per-row triggers then skip them)';

-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.bulk_checked_begin() RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_bulk_checked_begin' LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION @extschema@.bulk_checked_begin() IS
	'Declare the rows written next, at this trigger depth, checked by the calling verb (until bulk_checked_end() or the end of the subtransaction)';

-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.bulk_checked_end() RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_bulk_checked_end' LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION @extschema@.bulk_checked_end() IS 'End the declaration of bulk_checked_begin()';

-- ==== Guards on a DBA's own tables (new in 0.2; as in 38_guard.sql) ====
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
-- A change checked against the claims committed so far is refused outside
-- READ COMMITTED: only a fresh snapshot per statement sees a claim committed
-- after the transaction began.  msg is the message up to " in a <level>
-- transaction".
CREATE FUNCTION @extschema@.refuse_outside_read_committed(rule text, msg text, detail text, hint text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF pg_catalog.current_setting('transaction_isolation') OPERATOR(pg_catalog.<>) 'read committed' THEN
		PERFORM @extschema@.raise_rule(rule, '0A000',
			format('%s in a %s transaction', msg, pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))),
			detail, hint);
	END IF;
END
$$;

REVOKE ALL ON FUNCTION @extschema@.refuse_outside_read_committed(text, text, text, text) FROM PUBLIC;

-- Lock an activity for a claim on it, its asset first: asset_keeps_claims
-- waits for that lock, and a transaction holding it may still add activities
-- to the asset (their foreign key takes the same lock).  The asset is read
-- through the activity, so it is locked again if the activity moved to
-- another asset while we waited for the activity.  The activity lock
-- serialises every claim on the activity and its changes
-- (activity_keeps_claims).  Refuses an activity that does not exist.
CREATE FUNCTION @extschema@.lock_activity_for_claim(activity bigint) RETURNS @extschema@.activity
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	locked bigint;
	act    @extschema@.activity;
BEGIN
	SELECT s.id INTO locked FROM @extschema@.asset s
	 WHERE s.id OPERATOR(pg_catalog.=)
	       (SELECT a.asset_id FROM @extschema@.activity a WHERE a.id OPERATOR(pg_catalog.=) lock_activity_for_claim.activity)
	   FOR KEY SHARE;
	SELECT * INTO act FROM @extschema@.activity a
	 WHERE a.id OPERATOR(pg_catalog.=) lock_activity_for_claim.activity FOR NO KEY UPDATE;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('activity_exists', '23503',
			format('activity %s does not exist', lock_activity_for_claim.activity), NULL, NULL);
	END IF;
	IF act.asset_id IS DISTINCT FROM locked THEN
		PERFORM 1 FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) act.asset_id FOR KEY SHARE;
	END IF;
	RETURN act;
END
$$;
REVOKE ALL ON FUNCTION @extschema@.lock_activity_for_claim(bigint) FROM PUBLIC;

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

-- Privileges of the guard objects, as 99_security_verbs.sql gives them on a
-- fresh install: nothing for PUBLIC; the tables readable by the operator and
-- the auditor; guard()/unguard() verbs of the operator; the helpers and trigger
-- functions for nobody; audit_guard() not for holders.
REVOKE ALL ON @extschema@.guarded_table, @extschema@.guarded_claim FROM PUBLIC;
GRANT SELECT ON @extschema@.guarded_table, @extschema@.guarded_claim TO greenattr_admin, greenattr_auditor;
DO $$
DECLARE
	f record;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure AS fn, p.proname AS name,
		       p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.trigger'::pg_catalog.regtype AS is_trigger
		  FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
		   AND (p.proname LIKE 'guard%' OR p.proname IN ('unguard', 'audit_guard', 'instrument_guarded', 'coverage_guarded'))
	LOOP
		EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.fn);
		IF f.is_trigger OR f.name IN ('guard', 'unguard') THEN
			EXECUTE pg_catalog.format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, pg_temp', f.fn);
		END IF;
		IF f.name IN ('guard', 'unguard') THEN
			EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO greenattr_admin', f.fn);
		ELSIF f.name OPERATOR(pg_catalog.=) 'audit_guard' THEN
			EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO greenattr_admin, greenattr_auditor', f.fn);
		END IF;
	END LOOP;
END
$$;

-- ==== The registry's write path (0.2): checks before writes, a bulk issue verb, a seal that is
-- linear in the rows sealed.  Definitions as in the pieces (contrib/tools/function_defs.py).
-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.convert_frozen_certificates(act @extschema@.activity, credit_mechanism text,
	credit_block @extschema@.certblock, credit_vintage tstzrange)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	cp   @extschema@.crediting_period;
	verb text := pg_catalog.current_setting('greenattr.verb', true);
	done  text;
BEGIN
	SELECT * INTO cp FROM @extschema@.crediting_period c
	 WHERE c.asset_id OPERATOR(pg_catalog.=) act.asset_id AND c.during OPERATOR(pg_catalog.&&) credit_vintage;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF cp.mechanism OPERATOR(pg_catalog.<>) credit_mechanism THEN
		PERFORM @extschema@.raise_rule('crediting_period', '23514',
			format('credit block %s: asset %s opted into %s for %s', credit_block::text, act.asset_id,
				cp.mechanism, cp.during),
			format('The vintage %s lies in that crediting period.', credit_vintage),
			format('Only %s credits can be issued for this period.', cp.mechanism));
	END IF;
	done := pg_catalog.set_config('greenattr.verb', 'convert', true);
	WITH converted AS (
		UPDATE @extschema@.holding h
		   SET status = 'converted', since = pg_catalog.now(),
		       reason = format('converted to %s credit %s', credit_mechanism, credit_block::text)
		  FROM @extschema@.instrument c
		 WHERE c.id OPERATOR(pg_catalog.=) h.instrument_id AND c.family OPERATOR(pg_catalog.=) h.family
		   AND c.activity_id OPERATOR(pg_catalog.=) act.id AND c.vintage OPERATOR(pg_catalog.&&) credit_vintage
		   AND h.status OPERATOR(pg_catalog.=) 'frozen'
		RETURNING h.block, h.account_id)
	INSERT INTO @extschema@.journal (verb, block, from_account, detail)
	SELECT 'convert', v.block, v.account_id,
	       pg_catalog.jsonb_build_object('converted_to', credit_block::text, 'mechanism', credit_mechanism)
	  FROM converted v;
	done := pg_catalog.set_config('greenattr.verb', coalesce(verb, ''), true);
END
$$;

-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.instrument_before_insert() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	mech    @extschema@.mechanism;
	act     @extschema@.activity;
	owner   bigint;
	units   bigint;
	claimed record;
	used_energy @extschema@.energy;
	used_co2e   @extschema@.co2e;
	over    boolean;
	amounts text[];
	cov     record;
	what    text;
BEGIN
	SELECT * INTO mech FROM @extschema@.mechanism m WHERE m.code OPERATOR(pg_catalog.=) NEW.mechanism;
	IF NOT FOUND THEN
		PERFORM @extschema@.raise_rule('mechanism_exists', '23503',
			format('mechanism "%s" does not exist', NEW.mechanism), NULL,
			'Mechanisms are rows of greenattr.mechanism.');
	END IF;
	IF mech.family OPERATOR(pg_catalog.<>) NEW.family THEN
		PERFORM @extschema@.raise_rule('mechanism_family', '23514',
			format('mechanism %s issues %s units, not %s units', mech.code, mech.family, NEW.family),
			NULL, format('Insert %s units into greenattr.%s.', mech.code, mech.family));
	END IF;
	IF @extschema@.scheme(NEW.block) OPERATOR(pg_catalog.<>) mech.code THEN
		PERFORM @extschema@.raise_rule('block_scheme', '23514',
			format('block %s is not a %s serial block', NEW.block::text, mech.code), NULL,
			'The scheme of an issued block is the code of its mechanism.');
	END IF;

	act := @extschema@.lock_activity_for_claim(NEW.activity_id);
	NEW.asset_id := act.asset_id;
	NEW.vintage := coalesce(NEW.vintage, act.period);
	IF NOT act.period OPERATOR(pg_catalog.@>) NEW.vintage THEN
		PERFORM @extschema@.raise_rule('vintage_within_activity', '23514',
			format('vintage %s of block %s is outside activity %s', NEW.vintage, NEW.block::text, act.id),
			format('Activity %s covers %s.', act.id, act.period), NULL);
	END IF;

	units := @extschema@.units(NEW.block);
	NEW.claim_energy := NULL;
	NEW.claim_co2e := NULL;
	IF NEW.family IN ('certificate', 'green_power') THEN
		what := 'generation';
		NEW.claim_energy := '1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) units;
	ELSIF NEW.family OPERATOR(pg_catalog.=) 'energy_quota' THEN
		what := 'saving';
		NEW.claim_energy := '1 tce'::@extschema@.energy OPERATOR(@extschema@.*) units;
	ELSIF act.kind OPERATOR(pg_catalog.=) 'reduction' THEN
		what := 'reduction';
		NEW.claim_co2e := '1 t'::@extschema@.co2e OPERATOR(@extschema@.*) units;
	ELSE
		what := act.kind;
		IF NEW.baseline_ef IS NULL
		   OR NEW.baseline_ef OPERATOR(@extschema@.<=) '0'::@extschema@.emission_factor THEN
			PERFORM @extschema@.raise_rule('credit_baseline_factor', '23514',
				format('credit block %s against %s activity %s needs a positive baseline emission factor',
					NEW.block::text, act.kind, act.id), NULL,
				'Give baseline_ef: the factor that converts the credited tonnes into MWh of the activity.');
		END IF;
		NEW.claim_energy := ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) units)
			OPERATOR(@extschema@./) NEW.baseline_ef;
	END IF;
	IF act.kind OPERATOR(pg_catalog.<>) what THEN
		PERFORM @extschema@.refuse_activity_kind(NEW.family, NEW.block, act, what);
	END IF;

	-- Crediting periods: only the mechanism the asset opted into credits the
	-- period, and issuing it converts the certificates frozen for it.
	IF NEW.family OPERATOR(pg_catalog.=) 'credit' THEN
		PERFORM @extschema@.convert_frozen_certificates(act, NEW.mechanism, NEW.block, NEW.vintage);
	END IF;

	-- One attribute, one instrument: all families together claim at most the
	-- activity, in its own measure (energy or co2e).
	-- (Called as an expression, not as a table in FROM: no tuplestore, no plan.)
	claimed := @extschema@.activity_claimed(act.id);
	IF act.energy IS NOT NULL THEN
		used_energy := coalesce(claimed.energy, '0'::@extschema@.energy);
		over := used_energy OPERATOR(@extschema@.+) NEW.claim_energy OPERATOR(@extschema@.>) act.energy;
	ELSE
		used_co2e := coalesce(claimed.co2e, '0'::@extschema@.co2e);
		over := used_co2e OPERATOR(@extschema@.+) NEW.claim_co2e OPERATOR(@extschema@.>) act.co2e;
	END IF;
	IF over THEN
		-- The figures of the message, written out only when it is raised.
		IF act.energy IS NOT NULL THEN
			amounts := ARRAY[act.energy::text, used_energy::text, NEW.claim_energy::text,
			                 (act.energy OPERATOR(@extschema@.-) used_energy)::text];
		ELSE
			amounts := ARRAY[act.co2e::text, used_co2e::text, NEW.claim_co2e::text,
			                 (act.co2e OPERATOR(@extschema@.-) used_co2e)::text];
		END IF;
		PERFORM @extschema@.refuse_over_claim(NEW.family, NEW.block, act, amounts);
	END IF;

	-- Boundary rules: credits only, against coverage of the asset's owner.
	IF NEW.family OPERATOR(pg_catalog.=) 'credit' THEN
		SELECT s.owner_id INTO owner FROM @extschema@.asset s WHERE s.id OPERATOR(pg_catalog.=) act.asset_id;
		-- Lock the owner: a concurrent coverage change waits for this issuance.
		PERFORM 1 FROM @extschema@.entity e WHERE e.id OPERATOR(pg_catalog.=) owner FOR SHARE;
		SELECT r.market, r.rule, c.during, e.name INTO cov
		  FROM @extschema@.coverage c
		  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		  JOIN @extschema@.entity e ON e.id OPERATOR(pg_catalog.=) c.entity_id
		 WHERE c.entity_id OPERATOR(pg_catalog.=) owner
		   AND @extschema@.day_range(c.during) OPERATOR(pg_catalog.&&) NEW.vintage
		   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
		        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND act.kind OPERATOR(pg_catalog.=) 'saving'))
		 ORDER BY r.market LIMIT 1;
		IF FOUND THEN
			PERFORM @extschema@.raise_rule(cov.rule, '23514',
				format('credit block %s comes from inside the boundary of an entity covered by %s',
					NEW.block::text, cov.market),
				format('Asset %s belongs to entity %s (%s), covered by %s during %s; the credited vintage is %s.',
					act.asset_id, owner, cov.name, cov.market, cov.during, NEW.vintage),
				format('Boundary rule %s of %s forbids it; credits can be issued only for periods outside that coverage.',
					cov.rule, cov.market));
		END IF;
	END IF;

	PERFORM @extschema@.check_account(NEW.issued_to, NEW.block, 'receive');
	RETURN NEW;
END
$$;

-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.instrument_after_insert() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
	verb text := pg_catalog.current_setting('greenattr.verb', true);
	done  text;
BEGIN
	done := pg_catalog.set_config('greenattr.verb', 'issue', true);
	INSERT INTO @extschema@.holding (block, instrument_id, family, asset_id, account_id)
	VALUES (NEW.block, NEW.id, NEW.family, NEW.asset_id, NEW.issued_to);
	INSERT INTO @extschema@.numbering AS n (scheme, space, next_first)
	VALUES (@extschema@.scheme(NEW.block), @extschema@.space(NEW.block), @extschema@.last_unit(NEW.block) OPERATOR(pg_catalog.+) 1)
	ON CONFLICT (scheme, space) DO UPDATE
	   SET next_first = EXCLUDED.next_first
	 WHERE n.next_first OPERATOR(pg_catalog.<) EXCLUDED.next_first;
	INSERT INTO @extschema@.journal (verb, block, to_account, detail)
	VALUES ('issue', NEW.block, NEW.issued_to,
		pg_catalog.jsonb_build_object('instrument', NEW.id, 'family', NEW.family, 'mechanism', NEW.mechanism,
			'activity', NEW.activity_id, 'vintage', NEW.vintage::text));
	done := pg_catalog.set_config('greenattr.verb', coalesce(verb, ''), true);
	RETURN NULL;
END
$$;

-- from src/sql/35_registry_guards.sql
CREATE OR REPLACE FUNCTION @extschema@.holding_conservation() RETURNS trigger
	AS 'MODULE_PATHNAME', 'greenattr_holding_conservation'
	LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.find_block(b @extschema@.certblock, from_account bigint, verb text)
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

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.keep_rest(h @extschema@.holding, b @extschema@.certblock)
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

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.take_block(b @extschema@.certblock, from_account bigint, verb text)
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

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.issue_many(mechanism text, activities bigint[], units bigint[], account bigint,
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

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.transfer(block @extschema@.certblock, to_account bigint, from_account bigint DEFAULT NULL)
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

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.close_block(b @extschema@.certblock, from_account bigint, new_status text,
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

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.opt_into_crediting(asset bigint, mechanism text, during tstzrange)
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

-- from src/sql/91_security_journal.sql
CREATE OR REPLACE FUNCTION @extschema@.journal_seal() RETURNS trigger
	AS 'MODULE_PATHNAME', 'greenattr_journal_seal'
	LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- CREATE OR REPLACE resets SECURITY DEFINER: the trigger functions and verbs
-- above run as the owner again, as 99_security_verbs.sql makes them; the new
-- internal helpers are for nobody, issue_many() for the operator.
ALTER FUNCTION @extschema@.instrument_before_insert() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.instrument_after_insert() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.holding_conservation() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.journal_seal() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.transfer(@extschema@.certblock, bigint, bigint) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.opt_into_crediting(bigint, text, tstzrange) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.issue_many(text, bigint[], bigint[], bigint, @extschema@.emission_factor) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION @extschema@.find_block(@extschema@.certblock, bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.keep_rest(@extschema@.holding, @extschema@.certblock) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.issue_many(text, bigint[], bigint[], bigint, @extschema@.emission_factor) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.issue_many(text, bigint[], bigint[], bigint, @extschema@.emission_factor) TO greenattr_admin;

-- ==== Audit and residual mix (0.2): audits without JIT, overlaps by one C aggregate, the journal
-- chain verified set-wise, the residual balance's per-source query parallel, hourly matching
-- reading consumption once.
-- from src/sql/37_audit.sql
CREATE OR REPLACE FUNCTION @extschema@.block_overlaps_transfn(internal, @extschema@.certblock, bigint, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'greenattr_block_overlaps_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- from src/sql/37_audit.sql
CREATE OR REPLACE FUNCTION @extschema@.block_overlaps_finalfn(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'greenattr_block_overlaps_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- from src/sql/37_audit.sql
CREATE OR REPLACE AGGREGATE @extschema@.block_overlaps(@extschema@.certblock, bigint, integer) (
	SFUNC = @extschema@.block_overlaps_transfn,
	STYPE = internal,
	FINALFUNC = @extschema@.block_overlaps_finalfn,
	FINALFUNC_MODIFY = READ_WRITE
);

COMMENT ON AGGREGATE @extschema@.block_overlaps(@extschema@.certblock, bigint, integer) IS
	'Blocks overlapping an earlier block of their numbering space (by first unit, id, tag): flat triples (id, tag, reach), empty when none';

-- from src/sql/37_audit.sql
CREATE OR REPLACE FUNCTION @extschema@.audit_registry()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
	-- 1, 5. No unit in two holdings (one holder; no unit issued twice).
	RETURN QUERY
		SELECT 'one_holder', 'holding ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
		       format('block %s overlaps an earlier holding of the same numbering space reaching unit %s',
		              (SELECT h.block FROM @extschema@.holding h
		                WHERE h.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]),
		              o.a[k OPERATOR(pg_catalog.*) 3])
		  FROM (SELECT @extschema@.block_overlaps(h.block, h.id, 0) AS a FROM @extschema@.holding h) o
		 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k;
	-- 1. No issued block overlaps another (tag: the family's place in f.families).
	RETURN QUERY
		SELECT 'unique_serials', f.families[o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 1]]
		         OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
		       format('issued block %s overlaps an earlier issuance reaching unit %s',
		              (SELECT i.block FROM @extschema@.instrument i
		                WHERE i.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]
		                  AND i.family OPERATOR(pg_catalog.=) f.families[o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 1]]),
		              o.a[k OPERATOR(pg_catalog.*) 3])
		  FROM (SELECT '{credit,certificate,green_power,energy_quota}'::text[] AS families) f
		 CROSS JOIN LATERAL (SELECT @extschema@.block_overlaps(i.block, i.id,
		                                pg_catalog.array_position(f.families, i.family)) AS a
		                       FROM @extschema@.instrument i) o
		 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k;
	-- 2. One attribute, one instrument.
	RETURN QUERY
		SELECT 'one_attribute_one_instrument', 'activity ' OPERATOR(pg_catalog.||) a.id,
		       format('activity has %s; instruments claim %s', coalesce(a.energy::text, a.co2e::text),
		              coalesce(c.energy::text, c.co2e::text))
		  FROM @extschema@.activity a
		  JOIN (SELECT i.activity_id,
		               @extschema@.sum(i.claim_energy) OPERATOR(@extschema@.-) coalesce(
		                   '1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) pg_catalog.sum(v.units), '0'::@extschema@.energy) AS energy,
		               @extschema@.sum(i.claim_co2e) AS co2e
		          FROM @extschema@.instrument i
		          LEFT JOIN (SELECT x.instrument_id, x.family, pg_catalog.sum(@extschema@.units(x.block)) AS units
		                       FROM @extschema@.holding x WHERE x.status OPERATOR(pg_catalog.=) 'converted'
		                      GROUP BY x.instrument_id, x.family) v
		            ON v.instrument_id OPERATOR(pg_catalog.=) i.id AND v.family OPERATOR(pg_catalog.=) i.family
		         GROUP BY i.activity_id) c ON c.activity_id OPERATOR(pg_catalog.=) a.id
		 WHERE c.energy OPERATOR(@extschema@.>) a.energy OR c.co2e OPERATOR(@extschema@.>) a.co2e
		    OR (c.energy IS NOT NULL AND a.energy IS NULL) OR (c.co2e IS NOT NULL AND a.co2e IS NULL);
	-- 2. Each issuance claims what its units stand for.
	RETURN QUERY
		SELECT 'claim_matches_units', i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
		       format('block %s claims %s', i.block, coalesce(i.claim_energy::text, i.claim_co2e::text))
		  FROM @extschema@.instrument i
		 WHERE (i.family IN ('certificate', 'green_power')
		        AND (i.claim_energy IS NULL OR i.claim_energy OPERATOR(@extschema@.<>) ('1 MWh'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(i.block))))
		    OR (i.family OPERATOR(pg_catalog.=) 'energy_quota'
		        AND (i.claim_energy IS NULL OR i.claim_energy OPERATOR(@extschema@.<>) ('1 tce'::@extschema@.energy OPERATOR(@extschema@.*) @extschema@.units(i.block))))
		    OR (i.family OPERATOR(pg_catalog.=) 'credit' AND i.claim_co2e IS NOT NULL
		        AND i.claim_co2e OPERATOR(@extschema@.<>) ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(i.block)))
		    OR (i.family OPERATOR(pg_catalog.=) 'credit' AND i.claim_energy IS NOT NULL
		        AND i.claim_energy OPERATOR(@extschema@.<>) (('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(i.block))
		                                             OPERATOR(@extschema@./) i.baseline_ef))
		    OR @extschema@.scheme(i.block) OPERATOR(pg_catalog.<>) i.mechanism;
	-- 2. Each issuance stays inside its activity (activity_keeps_claims): the
	-- activity exists (a foreign key a restore with the triggers off skips), its
	-- asset, a kind the family is issued against, the vintage within its
	-- period.  (audit_guard() checks guarded rows' asset and period.)
	RETURN QUERY
		SELECT CASE WHEN a.id IS NULL THEN 'instrument_activity_exists'
		            WHEN i.asset_id OPERATOR(pg_catalog.<>) a.asset_id THEN 'claimed_activity_fixed'
		            WHEN NOT a.period OPERATOR(pg_catalog.@>) i.vintage THEN 'vintage_within_activity'
		            ELSE 'instrument_activity_kind' END,
		       i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
		       CASE WHEN a.id IS NULL
		            THEN format('block %s (asset %s, vintage %s) names activity %s, which does not exist',
		                        i.block, i.asset_id, i.vintage, i.activity_id)
		            ELSE format('block %s (asset %s, vintage %s) is issued against %s activity %s of asset %s over %s',
		                        i.block, i.asset_id, i.vintage, a.kind, a.id, a.asset_id, a.period) END
		  FROM @extschema@.instrument i
		  LEFT JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) i.activity_id
		 WHERE a.id IS NULL OR i.asset_id OPERATOR(pg_catalog.<>) a.asset_id
		    OR NOT a.period OPERATOR(pg_catalog.@>) i.vintage
		    OR (i.family IN ('certificate', 'green_power') AND a.kind OPERATOR(pg_catalog.<>) 'generation')
		    OR (i.family OPERATOR(pg_catalog.=) 'energy_quota' AND a.kind OPERATOR(pg_catalog.<>) 'saving')
		    OR (i.family OPERATOR(pg_catalog.=) 'credit'
		        AND (i.claim_co2e IS NOT NULL) OPERATOR(pg_catalog.<>) (a.kind OPERATOR(pg_catalog.=) 'reduction'));
	-- 3. One crediting mechanism per asset and period.
	RETURN QUERY
		SELECT 'credit_one_mechanism_per_period', 'credit ' OPERATOR(pg_catalog.||) x.id,
		       format('%s block %s and %s block %s of asset %s have overlapping vintages %s and %s',
		              x.mechanism, x.block, y.mechanism, y.block, x.asset_id, x.vintage, y.vintage)
		  FROM @extschema@.credit x
		  JOIN @extschema@.credit y ON y.asset_id OPERATOR(pg_catalog.=) x.asset_id
		   AND y.vintage OPERATOR(pg_catalog.&&) x.vintage AND y.mechanism OPERATOR(pg_catalog.>) x.mechanism;
	-- 4. Boundary rules: credits from inside a covered boundary.
	RETURN QUERY
		SELECT r.rule, 'credit ' OPERATOR(pg_catalog.||) i.id,
		       format('block %s of asset %s (vintage %s): owner %s covered by %s during %s',
		              i.block, i.asset_id, i.vintage, s.owner_id, c.market, c.during)
		  FROM @extschema@.credit i
		  JOIN @extschema@.activity a ON a.id OPERATOR(pg_catalog.=) i.activity_id
		  JOIN @extschema@.asset s ON s.id OPERATOR(pg_catalog.=) i.asset_id
		  JOIN @extschema@.coverage c ON c.entity_id OPERATOR(pg_catalog.=) s.owner_id
		   AND @extschema@.day_range(c.during) OPERATOR(pg_catalog.&&) i.vintage
		  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		   AND (r.rule OPERATOR(pg_catalog.=) 'no_credits_in_boundary'
		        OR (r.rule OPERATOR(pg_catalog.=) 'no_credits_from_saving' AND a.kind OPERATOR(pg_catalog.=) 'saving'));
	-- 4. No entity in an ETS and in an energy-use-rights market that forbids it, at once.
	RETURN QUERY
		SELECT 'no_ets_coverage', 'entity ' OPERATOR(pg_catalog.||) c.entity_id,
		       format('covered by %s during %s and by %s during %s', c.market, c.during, e.market, e.during)
		  FROM @extschema@.coverage c
		  JOIN @extschema@.boundary_rule r ON r.market OPERATOR(pg_catalog.=) c.market
		   AND r.rule OPERATOR(pg_catalog.=) 'no_ets_coverage'
		  JOIN @extschema@.coverage e ON e.entity_id OPERATOR(pg_catalog.=) c.entity_id
		   AND e.during OPERATOR(pg_catalog.&&) c.during
		  JOIN @extschema@.market m ON m.code OPERATOR(pg_catalog.=) e.market AND m.kind OPERATOR(pg_catalog.=) 'ets';
	-- 6. Conservation: per issuance, held + retired + cancelled = issued, inside
	-- the block, under the issuance's asset (the distribution key; the residual
	-- balance finds released units by it).  One join of each issuance with its
	-- holdings, grouped by the issuance's key.
	RETURN QUERY
		SELECT 'conservation', i.family OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) i.id,
		       format('issued %s (%s units); holdings hold %s units%s%s', i.block, @extschema@.units(i.block),
		              coalesce(pg_catalog.sum(@extschema@.units(x.block)), 0),
		              CASE WHEN pg_catalog.bool_and(i.block OPERATOR(@extschema@.@>) x.block) IS NOT FALSE THEN ''
		                   ELSE ', some outside the block' END,
		              CASE WHEN pg_catalog.bool_and(x.asset_id OPERATOR(pg_catalog.=) i.asset_id) IS NOT FALSE THEN ''
		                   ELSE format(', some under another asset than %s', i.asset_id) END)
		  FROM @extschema@.instrument i
		  LEFT JOIN @extschema@.holding x ON x.instrument_id OPERATOR(pg_catalog.=) i.id
		   AND x.family OPERATOR(pg_catalog.=) i.family
		 GROUP BY i.id, i.family
		HAVING pg_catalog.sum(@extschema@.units(x.block)) IS DISTINCT FROM @extschema@.units(i.block)
		    OR NOT pg_catalog.bool_and(i.block OPERATOR(@extschema@.@>) x.block)
		    OR NOT pg_catalog.bool_and(x.asset_id OPERATOR(pg_catalog.=) i.asset_id);
END
$$;

COMMENT ON FUNCTION @extschema@.audit_registry() IS
	'Registry invariants (serials, claims, mechanisms, boundaries, conservation); one row per violation';

-- from src/sql/37_audit.sql
CREATE OR REPLACE FUNCTION @extschema@.audit()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	fn regprocedure;
BEGIN
	FOR fn IN
		SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::regnamespace
		   AND p.proname LIKE 'audit\_%' AND p.pronargs OPERATOR(pg_catalog.=) 0
		 ORDER BY p.proname
	LOOP
		RETURN QUERY EXECUTE format('SELECT * FROM %s', fn);
	END LOOP;
END
$$;

COMMENT ON FUNCTION @extschema@.audit() IS
	'Recompute every invariant of every area (all greenattr.audit_*() functions); one row per violation, empty when all hold';

-- from src/sql/44_article6_audit.sql
CREATE OR REPLACE FUNCTION @extschema@.audit_article6()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	WITH parts AS (
		SELECT h.id AS holding_id, h.account_id, h.status, h.block AS holding_block, x.part, a.*, i.vintage
		  FROM @extschema@.holding h
		 CROSS JOIN LATERAL @extschema@.itmo_parts(h.block) x
		  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
		  JOIN @extschema@.credit i ON i.id OPERATOR(pg_catalog.=) x.instrument_id
		 WHERE h.family OPERATOR(pg_catalog.=) 'credit'
		   AND EXISTS (SELECT 1 FROM @extschema@.itmo_block ib WHERE ib.block OPERATOR(@extschema@.&&) h.block)
	), expected AS (
		SELECT p.*,
		       (SELECT coalesce(pg_catalog.sum(@extschema@.units(@extschema@.block_meet(c.block, p.part))), 0)
		          FROM @extschema@.corresponding_adjustment c
		         WHERE c.kind OPERATOR(pg_catalog.=) 'addition' AND c.block OPERATOR(@extschema@.&&) p.part
		           AND c.party OPERATOR(pg_catalog.=) p.party
		           AND c.year OPERATOR(pg_catalog.=) @extschema@.vintage_year(p.vintage)) AS adjusted
		  FROM parts p
		 WHERE (p.for_ndc AND @extschema@.account_party(p.account_id) IS DISTINCT FROM p.party)
		    OR (p.for_oimp AND p.first_transfer IN ('authorization', 'issuance'))
		    OR (p.for_oimp AND p.first_transfer OPERATOR(pg_catalog.=) 'use_or_cancellation'
		        AND p.status IN ('retired', 'cancelled'))
	)
	SELECT 'first_transfer_adjusted', 'holding ' OPERATOR(pg_catalog.||) e.holding_id,
	       format('units %s of authorization %s are first transferred; additions of %s for %s cover %s of their %s units',
	              e.part, e.id, e.party, @extschema@.vintage_year(e.vintage), e.adjusted, @extschema@.units(e.part))
	  FROM expected e
	 WHERE e.adjusted OPERATOR(pg_catalog.<>) @extschema@.units(e.part)
	UNION ALL
	-- Additions overlapping one another (one first transfer per unit): block_overlaps() (37_audit.sql).
	SELECT 'first_transfer_adjusted', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2],
	       format('addition on %s overlaps another addition reaching unit %s',
	              (SELECT c.block FROM @extschema@.corresponding_adjustment c
	                WHERE c.id OPERATOR(pg_catalog.=) o.a[k OPERATOR(pg_catalog.*) 3 OPERATOR(pg_catalog.-) 2]),
	              o.a[k OPERATOR(pg_catalog.*) 3])
	  FROM (SELECT @extschema@.block_overlaps(c.block, c.id, 0) AS a FROM @extschema@.corresponding_adjustment c
	         WHERE c.kind OPERATOR(pg_catalog.=) 'addition') o
	 CROSS JOIN LATERAL pg_catalog.generate_series(1, coalesce(pg_catalog.array_length(o.a, 1), 0) OPERATOR(pg_catalog./) 3) k
	UNION ALL
	SELECT 'adjustment_of_authorized_units', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) c.id,
	       format('%s of %s on %s (%s units) by %s: %s of the units are authorized by authorization %s',
	              c.kind, c.quantity, c.block, @extschema@.units(c.block), c.party,
	              coalesce((SELECT pg_catalog.sum(@extschema@.units(x.part)) FROM @extschema@.itmo_parts(c.block) x
	                         WHERE x.authorization_id OPERATOR(pg_catalog.=) c.authorization_id), 0), c.authorization_id)
	  FROM @extschema@.corresponding_adjustment c
	 WHERE c.quantity OPERATOR(@extschema@.<>) ('1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(c.block))
	    OR coalesce((SELECT pg_catalog.sum(@extschema@.units(ib.block)) FROM @extschema@.itmo_block ib
	                  WHERE ib.authorization_id OPERATOR(pg_catalog.=) c.authorization_id
	                    AND ib.block OPERATOR(@extschema@.@>) c.block), 0) OPERATOR(pg_catalog.=) 0
	    OR (c.kind OPERATOR(pg_catalog.=) 'addition' AND c.party OPERATOR(pg_catalog.<>)
	        (SELECT a.party FROM @extschema@.itmo_authorization a WHERE a.id OPERATOR(pg_catalog.=) c.authorization_id))
	UNION ALL
	SELECT 'ndc_use_subtracted', 'holding ' OPERATOR(pg_catalog.||) h.id,
	       format('NDC use of %s by %s for %s: subtractions of %s for that year cover %s of its %s units (%s in all)',
	              h.block, h.beneficiary, h.claimed_period, h.beneficiary, s.matching, @extschema@.units(h.block), s.total)
	  FROM @extschema@.holding h
	 CROSS JOIN LATERAL (
		SELECT coalesce(pg_catalog.sum(@extschema@.units(@extschema@.block_meet(c.block, h.block)))
		           FILTER (WHERE c.party OPERATOR(pg_catalog.=) h.beneficiary
		                     AND c.year OPERATOR(pg_catalog.=) @extschema@.vintage_year(h.claimed_period)), 0) AS matching,
		       coalesce(pg_catalog.sum(@extschema@.units(@extschema@.block_meet(c.block, h.block))), 0) AS total
		  FROM @extschema@.corresponding_adjustment c
		 WHERE c.kind OPERATOR(pg_catalog.=) 'subtraction' AND c.block OPERATOR(@extschema@.&&) h.block) s
	 WHERE h.status OPERATOR(pg_catalog.=) 'retired' AND h.purpose OPERATOR(pg_catalog.=) 'ndc'
	   AND (s.matching OPERATOR(pg_catalog.<>) @extschema@.units(h.block) OR s.total OPERATOR(pg_catalog.<>) @extschema@.units(h.block))
	UNION ALL
	SELECT 'ndc_use_subtracted', 'corresponding_adjustment ' OPERATOR(pg_catalog.||) c.id,
	       format('subtraction on %s by %s for %s lies outside the NDC uses (%s of its units)', c.block, c.party, c.year,
	              coalesce(u.units, 0))
	  FROM @extschema@.corresponding_adjustment c
	 CROSS JOIN LATERAL (
		SELECT pg_catalog.sum(@extschema@.units(@extschema@.block_meet(h.block, c.block))) AS units
		  FROM @extschema@.holding h
		 WHERE h.block OPERATOR(@extschema@.&&) c.block AND h.status OPERATOR(pg_catalog.=) 'retired'
		   AND h.purpose OPERATOR(pg_catalog.=) 'ndc') u
	 WHERE c.kind OPERATOR(pg_catalog.=) 'subtraction'
	   AND coalesce(u.units, 0) OPERATOR(pg_catalog.<>) @extschema@.units(c.block)
$$;

COMMENT ON FUNCTION @extschema@.audit_article6() IS
	'Article 6 invariants: every first-transferred authorized unit has exactly one addition, every NDC use exactly one subtraction; one row per violation';

-- from src/sql/52_residual_mix.sql
CREATE OR REPLACE FUNCTION @extschema@.residual_balance(region text, period tstzrange,
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

-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.hourly_metering_ok(entity bigint, bad tstzrange, period tstzrange)
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

-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.hourly_match(entity bigint, period tstzrange)
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

-- from src/sql/54_residual_views.sql
CREATE OR REPLACE FUNCTION @extschema@.audit_residual()
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

-- from src/sql/63_ets_audit.sql
CREATE OR REPLACE FUNCTION @extschema@.audit_ets()
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

-- from src/sql/91_security_journal.sql
CREATE OR REPLACE FUNCTION @extschema@.verify_journal(OUT valid boolean, OUT entries bigint,
	OUT broken_seq bigint, OUT broken_journal_id bigint, OUT problem text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	c    record;
	zero bytea := pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex');
	prev bytea;
	head @extschema@.journal_chain_head;
	njournal bigint;
	lost bigint;
	found_faults bigint;
BEGIN
	valid := false;
	-- fault: 1 gap, 2 link, 3 deleted row, 4 changed row; n: position in the
	-- chain.  The hashes, most of the cost, are an aggregate (the first entry
	-- whose row is deleted or changed), which PostgreSQL computes in parallel;
	-- EXECUTE, as plpgsql runs a static SELECT INTO with a row limit, and so
	-- never in parallel.
	EXECUTE $q$
		SELECT f.*
		  FROM (SELECT w.seq, w.journal_id, w.n, CASE WHEN w.seq OPERATOR(pg_catalog.<>) w.n THEN 1 ELSE 2 END AS fault
		          FROM (SELECT x.seq, x.journal_id, x.prev_hash,
		                       pg_catalog.row_number() OVER (ORDER BY x.seq) AS n,
		                       pg_catalog.lag(x.hash) OVER (ORDER BY x.seq) AS before
		                  FROM @extschema@.journal_chain x) w
		         WHERE w.seq OPERATOR(pg_catalog.<>) w.n
		            OR w.prev_hash OPERATOR(pg_catalog.<>) coalesce(w.before, $1)
		        UNION ALL
		        SELECT x.seq, x.journal_id, x.seq,
		               CASE WHEN EXISTS (SELECT 1 FROM @extschema@.journal j WHERE j.id OPERATOR(pg_catalog.=) x.journal_id)
		                    THEN 4 ELSE 3 END
		          FROM @extschema@.journal_chain x
		         WHERE x.seq OPERATOR(pg_catalog.=) (
		               SELECT pg_catalog.min(y.seq)
		                 FROM @extschema@.journal_chain y
		                 LEFT JOIN @extschema@.journal j ON j.id OPERATOR(pg_catalog.=) y.journal_id
		                WHERE j.id IS NULL
		                   OR @extschema@.journal_entry_hash(y.prev_hash, y.seq, j.id, j.at, j.actor, j.verb, j.block::text,
		                          j.from_account, j.to_account, j.detail::text) OPERATOR(pg_catalog.<>) y.hash)) f
		 ORDER BY f.seq, f.fault
		 LIMIT 1
	$q$ INTO c USING zero;
	GET DIAGNOSTICS found_faults = ROW_COUNT;
	IF found_faults OPERATOR(pg_catalog.>) 0 THEN
		entries := c.n OPERATOR(pg_catalog.-) 1;
		IF c.fault OPERATOR(pg_catalog.=) 1 THEN
			broken_seq := c.n;
			problem := pg_catalog.format('chain entry %s is missing: entry %s follows entry %s', c.n, c.seq, entries);
			RETURN;
		END IF;
		broken_seq := c.seq;
		broken_journal_id := c.journal_id;
		IF c.fault OPERATOR(pg_catalog.=) 2 THEN
			problem := pg_catalog.format('chain entry %s (journal row %s) does not link to entry %s', c.seq, c.journal_id, entries);
		ELSIF c.fault OPERATOR(pg_catalog.=) 3 THEN
			problem := pg_catalog.format('journal row %s (chain entry %s) was deleted', c.journal_id, c.seq);
		ELSE
			problem := pg_catalog.format('journal row %s (chain entry %s) was changed: its hash does not match', c.journal_id, c.seq);
		END IF;
		RETURN;
	END IF;
	SELECT x.seq, x.hash INTO entries, prev FROM @extschema@.journal_chain x ORDER BY x.seq DESC LIMIT 1;
	entries := coalesce(entries, 0);
	prev := coalesce(prev, zero);

	SELECT * INTO head FROM @extschema@.journal_chain_head x WHERE x.singleton;
	IF coalesce(head.seq, 0) OPERATOR(pg_catalog.<>) entries
	   OR (head.seq IS NOT NULL AND head.hash OPERATOR(pg_catalog.<>) prev) THEN
		broken_seq := entries OPERATOR(pg_catalog.+) 1;
		problem := pg_catalog.format('the chain ends at entry %s but its head records entry %s', entries, coalesce(head.seq, 0));
		RETURN;
	END IF;

	-- Committed journal rows must all be sealed: a row inserted with the
	-- triggers disabled has no entry.
	SELECT pg_catalog.count(*) INTO njournal FROM @extschema@.journal;
	IF njournal OPERATOR(pg_catalog.>) entries THEN
		SELECT pg_catalog.min(j.id) INTO lost FROM @extschema@.journal j
		 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.journal_chain x WHERE x.journal_id OPERATOR(pg_catalog.=) j.id);
		broken_journal_id := lost;
		problem := pg_catalog.format('journal row %s has no chain entry', lost);
		RETURN;
	END IF;
	valid := true;
END
$$;

COMMENT ON FUNCTION @extschema@.verify_journal() IS
	'Recompute the journal hash chain; valid, entries checked, and the first broken entry (position, journal row, problem)';

-- from src/sql/91_security_journal.sql
CREATE OR REPLACE FUNCTION @extschema@.audit_journal()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	SELECT 'journal_chain', 'chain entry ' OPERATOR(pg_catalog.||) coalesce(v.broken_seq::text, '-')
	       OPERATOR(pg_catalog.||) coalesce(', journal row ' OPERATOR(pg_catalog.||) v.broken_journal_id, ''),
	       v.problem
	  FROM @extschema@.verify_journal() v
	 WHERE NOT v.valid
$$;

COMMENT ON FUNCTION @extschema@.audit_journal() IS
	'Journal hash chain: one row naming the first broken entry, none when the chain verifies';

-- New functions: EXECUTE for the three roles, nothing for PUBLIC, as
-- 99_security_verbs.sql gives every plain function.
REVOKE ALL ON FUNCTION @extschema@.block_overlaps_transfn(internal, @extschema@.certblock, bigint, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.block_overlaps_finalfn(internal) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.block_overlaps(@extschema@.certblock, bigint, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.hourly_metering_ok(bigint, tstzrange, tstzrange) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.block_overlaps_transfn(internal, @extschema@.certblock, bigint, integer),
	@extschema@.block_overlaps_finalfn(internal), @extschema@.block_overlaps(@extschema@.certblock, bigint, integer),
	@extschema@.hourly_metering_ok(bigint, tstzrange, tstzrange)
	TO greenattr_admin, greenattr_holder, greenattr_auditor;

-- ==== Helpers on every transfer in PL/pgSQL (0.2): a plan kept for the session.
-- from src/sql/90_security_roles.sql
CREATE OR REPLACE FUNCTION @extschema@.caller_is_operator() RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN pg_catalog.pg_has_role(SESSION_USER, 'greenattr_admin', 'MEMBER');
END
$$;

COMMENT ON FUNCTION @extschema@.caller_is_operator() IS
	'Whether the session user is a registry operator (member of greenattr_admin, or a superuser)';



-- ==== Review mends (0.2): caller_accounts() in PL/pgSQL (a plan kept for the session), the ITMO
-- trigger's party lookups once per row, region_inventory() scanning the grid data once.
-- from src/sql/41_article6_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.itmo_holding_change() RETURNS trigger
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

-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.region_inventory(region text, year integer)
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

-- from src/sql/90_security_roles.sql
CREATE OR REPLACE FUNCTION @extschema@.caller_accounts() RETURNS SETOF bigint
LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN QUERY SELECT a.id FROM @extschema@.account a
	 WHERE a.holder_id IN (SELECT @extschema@.caller_entities());
END
$$;

COMMENT ON FUNCTION @extschema@.caller_accounts() IS
	'Accounts of the entities the session user acts for';

-- CREATE OR REPLACE resets SECURITY DEFINER: the trigger function runs as the
-- owner again, as 99_security_verbs.sql makes every trigger function.
ALTER FUNCTION @extschema@.itmo_holding_change() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;

-- ==== Bulk issuance (new in 0.2) ====
-- issue_many() checks certificates, green power and quotas as one batch and
-- writes them without the per-row triggers (WHEN NOT bulk_checked()); the
-- journal rows it writes are sealed as one batch at commit.
-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.refuse_activity_kind(family text, block @extschema@.certblock,
	act @extschema@.activity, what text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.raise_rule('instrument_activity_kind', '23514',
		format('%s block %s cannot be issued against %s activity %s', family, block::text, act.kind, act.id), NULL,
		format('%s units are issued against %s activities.', family, what));
END
$$;

-- from src/sql/34_registry_rules.sql
CREATE OR REPLACE FUNCTION @extschema@.refuse_over_claim(family text, block @extschema@.certblock,
	act @extschema@.activity, amounts text[])
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.raise_rule('one_attribute_one_instrument', '23514',
		format('%s block %s would claim more than activity %s %s', family, block::text, act.id,
			CASE act.kind WHEN 'reduction' THEN 'reduced' ELSE 'produced' END),
		format('Activity %s (%s of asset %s over %s) has %s; instruments already claim %s; this block claims %s.',
			act.id, act.kind, act.asset_id, act.period, amounts[1], amounts[2], amounts[3]),
		format('At most %s can still be issued against activity %s.', amounts[4], act.id));
END
$$;

-- from src/sql/91_security_journal.sql
CREATE OR REPLACE FUNCTION @extschema@.journal_chain_hash(first_prev bytea, seq bigint, id bigint, at timestamptz,
	actor text, verb text, block text, from_account bigint, to_account bigint, detail text)
RETURNS bytea
	AS 'MODULE_PATHNAME', 'greenattr_journal_chain_hash'
	LANGUAGE C IMMUTABLE WINDOW;

COMMENT ON FUNCTION @extschema@.journal_chain_hash(bytea, bigint, bigint, timestamptz, text, text, text, bigint, bigint, text) IS
	'Window function: chain hashes of the rows in window order, the first chained to first_prev';

-- from src/sql/91_security_journal.sql
CREATE OR REPLACE FUNCTION @extschema@.journal_head_lock(OUT t tid, OUT n bigint, OUT prev bytea)
	AS 'MODULE_PATHNAME', 'greenattr_journal_head_lock'
	LANGUAGE C
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- from src/sql/91_security_journal.sql
CREATE OR REPLACE FUNCTION @extschema@.journal_head_moved(t tid, n bigint, h bytea)
RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_journal_head_moved'
	LANGUAGE C
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- from src/sql/36_registry_verbs.sql
CREATE OR REPLACE FUNCTION @extschema@.issue_many_rows(mechanism text, activities bigint[], units bigint[])
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

-- from src/sql/91_security_journal.sql
CREATE TABLE @extschema@.journal_batch (
	id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	first_id bigint NOT NULL,
	last_id  bigint NOT NULL,
	entries  bigint NOT NULL CHECK (entries > 0),
	CHECK (first_id <= last_id)
);
COMMENT ON TABLE @extschema@.journal_batch IS
	'Batches of journal rows written by a bulk verb, waiting for their seal at commit (empty outside a transaction)';
COMMENT ON COLUMN @extschema@.journal_batch.first_id IS 'Lowest journal id of the batch';
COMMENT ON COLUMN @extschema@.journal_batch.last_id IS 'Highest journal id of the batch';
COMMENT ON COLUMN @extschema@.journal_batch.entries IS 'Number of journal rows in the batch';

-- from src/sql/91_security_journal.sql
CREATE OR REPLACE FUNCTION @extschema@.journal_seal_batch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	head   record;
	sealed bigint;
	h      bytea;
BEGIN
	head := @extschema@.journal_head_lock();
	WITH batch AS (
		SELECT j.*, head.n OPERATOR(pg_catalog.+) pg_catalog.row_number() OVER (ORDER BY j.id) AS seq
		  FROM @extschema@.journal j
		 WHERE j.id OPERATOR(pg_catalog.>=) NEW.first_id AND j.id OPERATOR(pg_catalog.<=) NEW.last_id
		   AND NOT EXISTS (SELECT 1 FROM @extschema@.journal_chain x WHERE x.journal_id OPERATOR(pg_catalog.=) j.id)),
	chained AS (
		SELECT b.seq, b.id,
		       @extschema@.journal_chain_hash(head.prev, b.seq, b.id, b.at, b.actor, b.verb, b.block::text,
		           b.from_account, b.to_account, b.detail::text) OVER w AS hash
		  FROM batch b WINDOW w AS (ORDER BY b.seq)),
	linked AS (
		INSERT INTO @extschema@.journal_chain (seq, journal_id, prev_hash, hash)
		SELECT c.seq, c.id, pg_catalog.lag(c.hash, 1, head.prev) OVER (ORDER BY c.seq), c.hash
		  FROM chained c ORDER BY c.seq
		RETURNING 1)
	SELECT pg_catalog.count(*) INTO sealed FROM linked;
	IF sealed OPERATOR(pg_catalog.<>) NEW.entries THEN
		RAISE EXCEPTION 'journal batch % found % unsealed rows between journal rows % and %, not %',
			NEW.id, sealed, NEW.first_id, NEW.last_id, NEW.entries
			USING ERRCODE = 'XX000', HINT = 'The batch was recorded by a bulk verb; this is a bug.';
	END IF;
	-- The batch's last hash, the new head: by key, not kept in memory for a million rows.
	SELECT x.hash INTO h FROM @extschema@.journal_chain x WHERE x.seq OPERATOR(pg_catalog.=) (head.n OPERATOR(pg_catalog.+) sealed);
	PERFORM @extschema@.journal_head_moved(head.t, head.n OPERATOR(pg_catalog.+) sealed, h);
	DELETE FROM @extschema@.journal_batch b WHERE b.id OPERATOR(pg_catalog.=) NEW.id;
	RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER journal_seal_batch AFTER INSERT ON @extschema@.journal_batch
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION @extschema@.journal_seal_batch();

-- The per-row triggers again, with their WHEN clauses.
DROP TRIGGER instrument_checks ON @extschema@.instrument;
CREATE TRIGGER instrument_checks BEFORE INSERT ON @extschema@.instrument
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.instrument_before_insert();
DROP TRIGGER instrument_holding ON @extschema@.instrument;
CREATE TRIGGER instrument_holding AFTER INSERT ON @extschema@.instrument
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.instrument_after_insert();
DROP TRIGGER holding_guard ON @extschema@.holding;
CREATE TRIGGER holding_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.holding
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.holding_guard();
DROP TRIGGER holding_conservation ON @extschema@.holding;
CREATE CONSTRAINT TRIGGER holding_conservation AFTER INSERT OR UPDATE ON @extschema@.holding
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.holding_conservation();
DROP TRIGGER holding_caller_check ON @extschema@.holding;
CREATE TRIGGER holding_caller_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.holding
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.holding_caller_check();
DROP TRIGGER journal_seal ON @extschema@.journal;
CREATE CONSTRAINT TRIGGER journal_seal AFTER INSERT ON @extschema@.journal
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.journal_seal();

-- Privileges, as 99_security_verbs.sql sets them: the helpers for nobody, the
-- new trigger function as the owner, the new table readable by operators and
-- auditors.
REVOKE ALL ON FUNCTION @extschema@.bulk_checked_begin(), @extschema@.bulk_checked_end(),
	@extschema@.journal_head_lock(), @extschema@.journal_head_moved(tid, bigint, bytea),
	@extschema@.refuse_activity_kind(text, @extschema@.certblock, @extschema@.activity, text),
	@extschema@.refuse_over_claim(text, @extschema@.certblock, @extschema@.activity, text[]),
	@extschema@.issue_many_rows(text, bigint[], bigint[]),
	@extschema@.journal_seal_batch()
	FROM PUBLIC, greenattr_admin, greenattr_holder, greenattr_auditor;
GRANT EXECUTE ON FUNCTION @extschema@.bulk_checked(),
	@extschema@.journal_chain_hash(bytea, bigint, bigint, timestamptz, text, text, text, bigint, bigint, text)
	TO greenattr_admin, greenattr_holder, greenattr_auditor;
REVOKE ALL ON FUNCTION @extschema@.bulk_checked(),
	@extschema@.journal_chain_hash(bytea, bigint, bigint, timestamptz, text, text, text, bigint, bigint, text)
	FROM PUBLIC;
ALTER FUNCTION @extschema@.journal_seal() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON TABLE @extschema@.journal_batch FROM PUBLIC;
GRANT SELECT ON TABLE @extschema@.journal_batch TO greenattr_admin, greenattr_auditor;
GRANT USAGE ON SEQUENCE @extschema@.journal_batch_id_seq TO greenattr_admin;

-- ==== Hourly matching (new in 0.2) ====
-- UTC hours in C, and hourly_match_region(): a whole region in one query.
-- (hourly_match() itself, above, uses utc_hour() and within_one_hour(), which
-- PL/pgSQL resolves when it runs.)
-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.utc_hour(t timestamptz) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'greenattr_utc_hour'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.utc_hour(timestamptz) IS 'The start of the UTC hour a timestamp lies in';

-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.within_one_hour(metered tstzrange, period tstzrange) RETURNS boolean
	AS 'MODULE_PATHNAME', 'greenattr_within_one_hour'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.within_one_hour(tstzrange, tstzrange) IS
	'Whether a range lies in the period and within the UTC hour it starts in (hourly matching)';

-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.hourly_region_scope(region text, period tstzrange) RETURNS text[]
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

-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.hourly_unmetered(entity bigint, region text, h timestamptz, period tstzrange)
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

-- from src/sql/53_residual_scope2.sql
CREATE OR REPLACE FUNCTION @extschema@.hourly_match_region(region_code text, period tstzrange)
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

GRANT EXECUTE ON FUNCTION @extschema@.utc_hour(timestamptz), @extschema@.within_one_hour(tstzrange, tstzrange),
	@extschema@.hourly_unmetered(bigint, text, timestamptz, tstzrange), @extschema@.hourly_region_scope(text, tstzrange),
	@extschema@.hourly_match_region(text, tstzrange)
	TO greenattr_admin, greenattr_holder, greenattr_auditor;
REVOKE ALL ON FUNCTION @extschema@.utc_hour(timestamptz), @extschema@.within_one_hour(tstzrange, tstzrange),
	@extschema@.hourly_unmetered(bigint, text, timestamptz, tstzrange), @extschema@.hourly_region_scope(text, tstzrange),
	@extschema@.hourly_match_region(text, tstzrange)
	FROM PUBLIC;
-- The checks hourly_match_region() calls are parallel safe, so that it can run
-- in parallel (src/sql/51_residual_verbs.sql).
ALTER FUNCTION @extschema@.check_period(tstzrange) PARALLEL SAFE;
ALTER FUNCTION @extschema@.check_region_period(text, tstzrange) PARALLEL SAFE;

-- ==== Bulk consumption claims (new in 0.2) ====
-- claim_consumption_many(): the claims of hourly matching checked as a batch;
-- the consumption-claim row guard skips the rows it declares checked.
-- from src/sql/51_residual_verbs.sql
-- The rows of a claim_consumption_many() batch whose block is a whole active
-- holding it locked: held[k] was locked for row at[k].  SQL without SET
-- clauses, so that the planner inlines it into the verb's statements; every
-- name is qualified (and EXECUTE is for nobody: 99_security_verbs.sql).
CREATE OR REPLACE FUNCTION @extschema@.claim_many_rows(blocks @extschema@.certblock[], entities bigint[], periods tstzrange[],
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
CREATE OR REPLACE FUNCTION @extschema@.claim_consumption_many(blocks @extschema@.certblock[], entities bigint[], region text,
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

DROP TRIGGER consumption_claim_guard ON @extschema@.consumption_claim;
CREATE TRIGGER consumption_claim_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.consumption_claim
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked()) EXECUTE FUNCTION @extschema@.written_by_verb('claim_consumption', 'claim_through_verb', 'consumption claims',
		'Consumption claims are written by greenattr.claim_consumption() and are final.',
		'Use greenattr.claim_consumption() to claim units for consumption.');

-- Article 6 acts on credits only: the trigger skips other families' transfers
-- and claims (as in 41_article6_rules.sql).
DROP TRIGGER itmo_holding_change ON @extschema@.holding;
-- Only credits are ever authorized (itmo_block holds credit blocks: authorize()
-- and itmo_issuance() take nothing else), so for certificates, green power and
-- quotas the function has work only for the purposes it refuses for them (ndc,
-- oimp): the WHEN clause spares their transfers and claims a call per row.
CREATE TRIGGER itmo_holding_change AFTER UPDATE OF account_id, status ON @extschema@.holding
	FOR EACH ROW
	WHEN ((OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.status IS DISTINCT FROM NEW.status)
	      AND (NEW.family = 'credit' OR NEW.purpose IN ('ndc', 'oimp')))
	EXECUTE FUNCTION @extschema@.itmo_holding_change();

-- Privileges, as 99_security_verbs.sql sets them: the helper for nobody, the
-- verb as the owner for operators and holders.
REVOKE ALL ON FUNCTION @extschema@.claim_many_rows(@extschema@.certblock[], bigint[], tstzrange[], bigint[], bigint[])
	FROM PUBLIC, greenattr_admin, greenattr_holder, greenattr_auditor;
ALTER FUNCTION @extschema@.claim_consumption_many(@extschema@.certblock[], bigint[], text, tstzrange[], bigint)
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION @extschema@.claim_consumption_many(@extschema@.certblock[], bigint[], text, tstzrange[], bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.claim_consumption_many(@extschema@.certblock[], bigint[], text, tstzrange[], bigint)
	TO greenattr_admin, greenattr_holder;

-- ==== Residual mix over many instruments (0.2) ====
-- residual_balance() (above) finds the released units through this index.
CREATE INDEX holding_released ON @extschema@.holding (instrument_id, family)
	WHERE status = 'converted' OR (status = 'cancelled' AND reason = 'expired');

-- ==== Claimed activities keep their claims (new in 0.2; as in 34_registry_rules.sql) ====
-- An activity is what its instruments and guarded rows claim against, so once
-- claimed it changes only in ways that keep every claim true: its asset and
-- kind stay (instruments carry the asset and were checked against the kind),
-- its period still contains every vintage, its quantity still covers every
-- claim.  Widening the period or raising the quantity is always accepted.
-- The UPDATE holds the activity's row lock, which every claim takes (after
-- the asset's), and the claims are read with a fresh READ COMMITTED snapshot; under a
-- transaction snapshot a claim committed meanwhile would go unseen, and a
-- claim only locks rows (the asset, the activity), which does not make the
-- UPDATE fail to serialize, so such changes are refused outside READ COMMITTED.
CREATE FUNCTION @extschema@.activity_before_update() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	n_shipped bigint;
	n_guarded bigint;
	outside   record;
	span      tstzrange;
	v         tstzrange;
	shipped   record;
	guarded   record;
	used_e    @extschema@.energy;
	used_c    @extschema@.co2e;
	claims    text;
BEGIN
	PERFORM @extschema@.refuse_outside_read_committed('activity_change_read_committed',
		format('activity %s cannot be narrowed, reduced or given another asset or kind', OLD.id),
		'The change is checked against the claims on the activity, and this snapshot could miss one committed after the transaction began.',
		'Change the activity in a READ COMMITTED transaction (the default).');
	SELECT pg_catalog.count(*) INTO n_shipped FROM @extschema@.instrument i
	 WHERE i.activity_id OPERATOR(pg_catalog.=) OLD.id;
	SELECT pg_catalog.count(*) INTO n_guarded FROM @extschema@.guarded_claim c
	 WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id;
	IF n_shipped OPERATOR(pg_catalog.=) 0 AND n_guarded OPERATOR(pg_catalog.=) 0 THEN
		RETURN NEW;
	END IF;
	claims := format('%s %s and %s %s', n_shipped, CASE n_shipped WHEN 1 THEN 'issuance' ELSE 'issuances' END,
		n_guarded, CASE n_guarded WHEN 1 THEN 'guarded row' ELSE 'guarded rows' END);

	IF NEW.asset_id OPERATOR(pg_catalog.<>) OLD.asset_id OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind THEN
		PERFORM @extschema@.raise_rule('claimed_activity_fixed', '23514',
			format('activity %s cannot change its asset or kind once claimed', OLD.id),
			format('Activity %s is %s of asset %s, claimed by %s; the change would make it %s of asset %s.',
				OLD.id, OLD.kind, OLD.asset_id, claims, NEW.kind, NEW.asset_id),
			'Record the output of another asset or kind as an activity of its own.');
	END IF;

	IF NOT NEW.period OPERATOR(pg_catalog.@>) OLD.period THEN
		SELECT x.what, x.vintage INTO outside
		  FROM (SELECT pg_catalog.format('%s block %s', i.family, i.block) AS what, i.vintage, 1 AS src, i.id
		          FROM @extschema@.instrument i
		         WHERE i.activity_id OPERATOR(pg_catalog.=) OLD.id AND NOT NEW.period OPERATOR(pg_catalog.@>) i.vintage
		        UNION ALL
		        SELECT pg_catalog.format('%s block %s in %s', c.family, c.block, c.tbl), c.vintage, 2, 0
		          FROM @extschema@.guarded_claim c
		         WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id AND NOT NEW.period OPERATOR(pg_catalog.@>) c.vintage) x
		 ORDER BY x.src, x.id, x.what LIMIT 1;
		IF FOUND THEN
			-- The span of the vintages, bounds included or not as they are
			-- (range_agg() is PostgreSQL 14+).
			FOR v IN SELECT i.vintage FROM @extschema@.instrument i WHERE i.activity_id OPERATOR(pg_catalog.=) OLD.id
			         UNION ALL
			         SELECT c.vintage FROM @extschema@.guarded_claim c WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id
			LOOP
				span := pg_catalog.range_merge(coalesce(span, v), v);
			END LOOP;
			PERFORM @extschema@.raise_rule('vintage_within_activity', '23514',
				format('vintage %s of %s would be outside activity %s', outside.vintage, outside.what, OLD.id),
				format('The new period of activity %s is %s.', OLD.id, NEW.period),
				format('The period of activity %s must contain %s, the vintages claimed against it.', OLD.id, span));
		END IF;
	END IF;

	IF NEW.energy OPERATOR(@extschema@.<) OLD.energy OR NEW.co2e OPERATOR(@extschema@.<) OLD.co2e THEN
		SELECT * INTO shipped FROM @extschema@.activity_claimed(OLD.id);
		SELECT @extschema@.sum(c.claim_energy) AS energy, @extschema@.sum(c.claim_co2e) AS co2e INTO guarded
		  FROM @extschema@.guarded_claim c WHERE c.activity_id OPERATOR(pg_catalog.=) OLD.id;
		used_e := coalesce(shipped.energy, '0'::@extschema@.energy) OPERATOR(@extschema@.+) coalesce(guarded.energy, '0'::@extschema@.energy);
		used_c := coalesce(shipped.co2e, '0'::@extschema@.co2e) OPERATOR(@extschema@.+) coalesce(guarded.co2e, '0'::@extschema@.co2e);
		IF used_e OPERATOR(@extschema@.>) NEW.energy OR used_c OPERATOR(@extschema@.>) NEW.co2e THEN
			PERFORM @extschema@.raise_rule('one_attribute_one_instrument', '23514',
				format('activity %s cannot be reduced to %s: %s is claimed against it',
					OLD.id, coalesce(NEW.energy::text, NEW.co2e::text),
					CASE WHEN NEW.energy IS NULL THEN used_c::text ELSE used_e::text END),
				format('Activity %s (%s of asset %s over %s) has %s, claimed by %s.',
					OLD.id, OLD.kind, OLD.asset_id, OLD.period, coalesce(OLD.energy::text, OLD.co2e::text), claims),
				format('Activity %s can be reduced to no less than %s.', OLD.id,
					CASE WHEN NEW.energy IS NULL THEN used_c::text ELSE used_e::text END));
		END IF;
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER activity_keeps_claims BEFORE UPDATE ON @extschema@.activity
	FOR EACH ROW WHEN (NEW.asset_id OPERATOR(pg_catalog.<>) OLD.asset_id OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind
	                   OR NOT NEW.period OPERATOR(pg_catalog.@>) OLD.period
	                   OR NEW.energy OPERATOR(@extschema@.<) OLD.energy OR NEW.co2e OPERATOR(@extschema@.<) OLD.co2e)
	EXECUTE FUNCTION @extschema@.activity_before_update();
-- issue() locks the activity before it reads the asset for the serials.
CREATE OR REPLACE FUNCTION @extschema@.issue(mechanism text, activity bigint, units bigint, account bigint,
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

-- jcm_issue() locks the activity before it reads the asset for the shares.
CREATE OR REPLACE FUNCTION @extschema@.jcm_issue(activity bigint, units bigint, vintage tstzrange DEFAULT NULL)
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

-- A verb runs as the owner (99_security_verbs.sql); CREATE OR REPLACE reset it.
ALTER FUNCTION @extschema@.issue(text, bigint, bigint, bigint, @extschema@.emission_factor, tstzrange)
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.jcm_issue(bigint, bigint, tstzrange) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
-- A trigger function: EXECUTE for nobody (99_security_verbs.sql).
REVOKE ALL ON FUNCTION @extschema@.activity_before_update() FROM PUBLIC, greenattr_admin, greenattr_holder, greenattr_auditor;
-- Trigger functions run as the owner (99_security_verbs.sql).
ALTER FUNCTION @extschema@.activity_before_update() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;

-- ==== One test of a claimable period (0.2; as in 51_residual_verbs.sql) ====
CREATE FUNCTION @extschema@.claimable_period(period tstzrange) RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT NOT pg_catalog.isempty($1) AND NOT pg_catalog.lower_inf($1) AND NOT pg_catalog.upper_inf($1)
	   AND pg_catalog.date_trunc('year', pg_catalog.lower($1), 'UTC')
	       OPERATOR(pg_catalog.=) pg_catalog.date_trunc('year', pg_catalog.upper($1) OPERATOR(pg_catalog.-) interval '1 microsecond', 'UTC')
$$;

COMMENT ON FUNCTION @extschema@.claimable_period(tstzrange) IS
	'Whether a period can be claimed for consumption: bounded, not empty, within one calendar year (UTC)';
REVOKE ALL ON FUNCTION @extschema@.claimable_period(tstzrange) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.claimable_period(tstzrange) TO greenattr_admin, greenattr_holder, greenattr_auditor;
-- claim_consumption() tests the period with it.
CREATE OR REPLACE FUNCTION @extschema@.claim_consumption(block @extschema@.certblock, entity bigint, region text,
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

ALTER FUNCTION @extschema@.claim_consumption(@extschema@.certblock, bigint, text, tstzrange, bigint)
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;

-- ==== One test of grid data crossing a period (0.2; as in 52_residual_mix.sql) ====
-- residual_balance() (above) and grid_totals() refuse such a period through it.
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
REVOKE ALL ON FUNCTION @extschema@.check_grid_period(text, text[], tstzrange) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.check_grid_period(text, text[], tstzrange) TO greenattr_admin, greenattr_holder, greenattr_auditor;
CREATE OR REPLACE FUNCTION @extschema@.grid_totals(region text, period tstzrange,
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


-- ==== The journal seal in C (0.2) ====
-- journal_seal() is a C function now (src/journal_seal.c, defined above with
-- the other trigger functions); journal_row_hash(), which only it called, is gone.
DROP FUNCTION @extschema@.journal_row_hash(bytea, bigint, @extschema@.journal);

-- ==== A claimed asset keeps its facts (new in 0.2) ====
-- Region, technology and kind of an asset stay once its output is claimed
-- (asset_keeps_claims, 34_registry_rules.sql).
CREATE OR REPLACE FUNCTION @extschema@.asset_before_update() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	n_shipped  bigint;
	n_guarded  bigint;
	n_article6 bigint;
BEGIN
	PERFORM @extschema@.refuse_outside_read_committed('asset_change_read_committed',
		format('asset %s cannot change its region, technology or kind', OLD.id),
		'The change is checked against the claims on the asset''s output, and this snapshot could miss one committed after the transaction began.',
		'Change the asset in a READ COMMITTED transaction (the default).');
	PERFORM 1 FROM @extschema@.asset a WHERE a.id OPERATOR(pg_catalog.=) OLD.id FOR UPDATE;
	-- Through the asset's activities: instruments and guarded rows are indexed by activity.
	SELECT pg_catalog.count(*) INTO n_shipped
	  FROM @extschema@.activity a JOIN @extschema@.instrument i ON i.activity_id OPERATOR(pg_catalog.=) a.id
	 WHERE a.asset_id OPERATOR(pg_catalog.=) OLD.id;
	SELECT pg_catalog.count(*) INTO n_guarded
	  FROM @extschema@.activity a JOIN @extschema@.guarded_claim c ON c.activity_id OPERATOR(pg_catalog.=) a.id
	 WHERE a.asset_id OPERATOR(pg_catalog.=) OLD.id;
	SELECT (SELECT pg_catalog.count(*) FROM @extschema@.itmo_authorization x WHERE x.asset_id OPERATOR(pg_catalog.=) OLD.id)
	       OPERATOR(pg_catalog.+)
	       (SELECT pg_catalog.count(*) FROM @extschema@.jcm_share x WHERE x.asset_id OPERATOR(pg_catalog.=) OLD.id)
	  INTO n_article6;
	IF n_shipped OPERATOR(pg_catalog.>) 0 OR n_guarded OPERATOR(pg_catalog.>) 0 OR n_article6 OPERATOR(pg_catalog.>) 0 THEN
		PERFORM @extschema@.raise_rule('claimed_asset_fixed', '23514',
			format('asset %s cannot change its region, technology or kind once its output is claimed, authorized or allocated', OLD.id),
			format('Asset %s (%s, %s in %s) has %s %s, %s %s and %s Article 6 %s; the change would make it %s, %s in %s.',
				OLD.id, OLD.kind, OLD.technology, OLD.region,
				n_shipped, CASE n_shipped WHEN 1 THEN 'issuance' ELSE 'issuances' END,
				n_guarded, CASE n_guarded WHEN 1 THEN 'guarded row' ELSE 'guarded rows' END,
				n_article6, CASE n_article6 WHEN 1 THEN 'authorization or JCM share' ELSE 'authorizations or JCM shares' END,
				NEW.kind, NEW.technology, NEW.region),
			'Record a plant with other facts as an asset of its own; an asset''s facts can be corrected until its output is first claimed, authorized or allocated.');
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER asset_keeps_claims BEFORE UPDATE ON @extschema@.asset
	FOR EACH ROW WHEN (NEW.region OPERATOR(pg_catalog.<>) OLD.region OR NEW.technology OPERATOR(pg_catalog.<>) OLD.technology
	                   OR NEW.kind OPERATOR(pg_catalog.<>) OLD.kind)
	EXECUTE FUNCTION @extschema@.asset_before_update();
REVOKE ALL ON FUNCTION @extschema@.asset_before_update() FROM PUBLIC, greenattr_admin, greenattr_holder, greenattr_auditor;
ALTER FUNCTION @extschema@.asset_before_update() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
-- The Article 6 writers that read an asset's host party hold the asset first,
-- so that a change of its region waits for them (41_article6_rules.sql,
-- 42_article6_verbs.sql).
CREATE OR REPLACE FUNCTION @extschema@.jcm_share_check() RETURNS trigger
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
CREATE OR REPLACE FUNCTION @extschema@.authorize_issuance(approach text, asset bigint, mechanism text, timeframe tstzrange,
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
ALTER FUNCTION @extschema@.jcm_share_check() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.authorize_issuance(text, bigint, text, tstzrange, bigint, bigint, boolean, text, text)
	SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
