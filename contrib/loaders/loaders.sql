-- Registry-export loaders: import the public CSV exports of Verra, Gold
-- Standard, the American Carbon Registry and the Climate Action Reserve into
-- the greenattr registry.  Not part of the extension: load.sh runs this file
-- (idempotent) into schema greenattr_load before every load.
--
-- Flow: load.sh copies the file's physical lines into greenattr_load.line
-- (one text column, so a bad row never aborts the COPY), then calls
-- greenattr_load.run(), which reassembles CSV records (quoted fields may hold
-- newlines), maps header names to fields through greenattr_load.column_map,
-- and places every record in its own subtransaction.  Every record that is not
-- placed is written to greenattr_load.report with its reason.
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS greenattr_load;
COMMENT ON SCHEMA greenattr_load IS 'Loaders of registry CSV exports into greenattr (contrib/loaders, not part of the extension)';

-- Registries: mechanism code, how slash dates are ordered, and where a serial
-- names its country and project (for the checks and the region fallback).
CREATE TABLE IF NOT EXISTS greenattr_load.registry (
	registry          text PRIMARY KEY,
	mechanism         text NOT NULL,
	name              text NOT NULL,
	slash_dates       text NOT NULL CHECK (slash_dates IN ('DMY', 'MDY')),
	serial_country_re text NOT NULL,
	serial_project_re text NOT NULL,
	project_prefix    text NOT NULL,
	issue_on_retirement boolean NOT NULL
);
COMMENT ON TABLE greenattr_load.registry IS 'Registries the loaders know, with how their exports and serials are read';
COMMENT ON COLUMN greenattr_load.registry.registry IS 'loader name: verra, gs, acr, car';
COMMENT ON COLUMN greenattr_load.registry.mechanism IS 'greenattr mechanism code (= certblock scheme of its serials)';
COMMENT ON COLUMN greenattr_load.registry.name IS 'registry name';
COMMENT ON COLUMN greenattr_load.registry.slash_dates IS 'order of d/m/y dates in the export: DMY or MDY (ISO dates are always accepted)';
COMMENT ON COLUMN greenattr_load.registry.serial_country_re IS 'regular expression whose first group is the ISO 3166-1 alpha-2 country in a serial';
COMMENT ON COLUMN greenattr_load.registry.serial_project_re IS 'regular expression whose first group is the project number in a serial';
COMMENT ON COLUMN greenattr_load.registry.project_prefix IS 'prefix of the export''s project ids before the number in the serial (ACR, CAR)';
COMMENT ON COLUMN greenattr_load.registry.issue_on_retirement IS 'the issuance export has no serials: retired blocks are issued against the loaded vintage when their retirement is loaded';

INSERT INTO greenattr_load.registry VALUES
	('verra', 'VCS', 'Verra (VCS)', 'DMY',
	 '-([A-Z]{2})-[0-9]+-[0-9]+-[0-9]{8}-[0-9]{8}-[0-9]+$', '-[A-Z]{2}-[0-9]+-([0-9]+)-[0-9]{8}-[0-9]{8}-[0-9]+$', '', false),
	('gs', 'GS', 'Gold Standard', 'DMY',
	 '^GS[0-9]+-[0-9]+-([A-Z]{2})-', '^GS[0-9]+-[0-9]+-[A-Z]{2}-GS([0-9]+)-', '', false),
	('acr', 'ACR', 'American Carbon Registry', 'MDY',
	 '^ACR-([A-Z]{2})-', '^ACR-[A-Z]{2}-([0-9]+)-', 'ACR', true),
	('car', 'CAR', 'Climate Action Reserve', 'MDY',
	 '^CAR-[A-Z0-9]+-([A-Z]{2})-', '^CAR-[A-Z0-9]+-[A-Z]{2}-([0-9]+)-', 'CAR', true)
ON CONFLICT (registry) DO UPDATE SET mechanism = EXCLUDED.mechanism, name = EXCLUDED.name,
	slash_dates = EXCLUDED.slash_dates, serial_country_re = EXCLUDED.serial_country_re,
	serial_project_re = EXCLUDED.serial_project_re, project_prefix = EXCLUDED.project_prefix,
	issue_on_retirement = EXCLUDED.issue_on_retirement;

-- Which export column feeds which field.  Change a header here when a registry
-- renames a column; a required field whose column is missing rejects the file.
CREATE TABLE IF NOT EXISTS greenattr_load.column_map (
	registry text NOT NULL REFERENCES greenattr_load.registry,
	kind     text NOT NULL CHECK (kind IN ('issuances', 'retirements')),
	field    text NOT NULL CHECK (field IN ('project_id', 'project_name', 'proponent', 'country', 'technology',
	                                       'vintage', 'vintage_start', 'vintage_end', 'quantity', 'serial',
	                                       'beneficiary', 'purpose', 'retired_on', 'issued_on')),
	header   text NOT NULL,
	required boolean NOT NULL,
	PRIMARY KEY (registry, kind, field)
);
COMMENT ON TABLE greenattr_load.column_map IS 'Export column (header) for each field the loader reads, per registry and file kind';
COMMENT ON COLUMN greenattr_load.column_map.registry IS 'registry (greenattr_load.registry)';
COMMENT ON COLUMN greenattr_load.column_map.kind IS 'issuances or retirements';
COMMENT ON COLUMN greenattr_load.column_map.field IS 'field the loader reads';
COMMENT ON COLUMN greenattr_load.column_map.header IS 'column header in the export (matched exactly, surrounding blanks ignored)';
COMMENT ON COLUMN greenattr_load.column_map.required IS 'a file without this column is rejected as a whole';

INSERT INTO greenattr_load.column_map (registry, kind, field, header, required)
SELECT 'verra', k, f, h, r FROM (VALUES ('issuances'), ('retirements')) AS kinds (k),
 (VALUES ('project_id', 'ID', true), ('project_name', 'Name', false), ('country', 'Country/Area', false),
         ('technology', 'Project Type', false), ('vintage_start', 'Vintage Start', true),
         ('vintage_end', 'Vintage End', true), ('quantity', 'Quantity Issued', true),
         ('serial', 'Serial Number', true), ('retired_on', 'Retirement/Cancellation Date', false),
         ('beneficiary', 'Retirement Beneficiary', false), ('purpose', 'Retirement Reason', false)) AS m (f, h, r)
UNION ALL
SELECT 'gs', 'issuances', f, h, r FROM
 (VALUES ('project_id', 'GSID', true), ('project_name', 'Project Name', false), ('proponent', 'Project Developer', false),
         ('country', 'Country', false), ('technology', 'Project Type', false), ('vintage', 'Vintage', true),
         ('quantity', 'Quantity', true), ('serial', 'Serial Number', true)) AS m (f, h, r)
UNION ALL
SELECT 'gs', 'retirements', f, h, r FROM
 (VALUES ('project_id', 'GSID', true), ('project_name', 'Project Name', false), ('proponent', 'Project Developer', false),
         ('country', 'Country', false), ('technology', 'Project Type', false), ('vintage', 'Vintage', true),
         ('quantity', 'Quantity', true), ('serial', 'Serial Number', true), ('retired_on', 'Retirement Date', false),
         ('beneficiary', 'Using Entity', false), ('purpose', 'Use Case', false)) AS m (f, h, r)
UNION ALL
SELECT 'acr', 'issuances', f, h, r FROM
 (VALUES ('project_id', 'Project ID', true), ('project_name', 'Project Name', false),
         ('proponent', 'Project Developer', false), ('country', 'Project Site Country', false),
         ('technology', 'Project Type', false), ('vintage', 'Vintage', true),
         ('quantity', 'Total Credits Issued', true), ('issued_on', 'Date Issued (GMT)', true)) AS m (f, h, r)
UNION ALL
SELECT 'acr', 'retirements', f, h, r FROM
 (VALUES ('project_id', 'Project ID', true), ('project_name', 'Project Name', false),
         ('country', 'Project Site Country', false), ('technology', 'Project Type', false),
         ('vintage', 'Vintage', true), ('quantity', 'Quantity of Credits', true),
         ('serial', 'Credit Serial Numbers', true), ('retired_on', 'Status Effective (GMT)', false),
         ('beneficiary', 'Retired on Behalf of', false), ('purpose', 'Retirement Reason', false)) AS m (f, h, r)
UNION ALL
SELECT 'car', 'issuances', f, h, r FROM
 (VALUES ('project_id', 'Project ID', true), ('project_name', 'Project Name', false),
         ('proponent', 'Project Owner', false), ('country', 'Project Site Country', false),
         ('technology', 'Project Type', false), ('vintage', 'Vintage', true),
         ('quantity', 'Total Offset Credits Issued', true), ('issued_on', 'Date Issued', true)) AS m (f, h, r)
UNION ALL
SELECT 'car', 'retirements', f, h, r FROM
 (VALUES ('project_id', 'Project ID', true), ('project_name', 'Project Name', false),
         ('country', 'Project Site Country', false), ('technology', 'Project Type', false),
         ('vintage', 'Vintage', true), ('quantity', 'Quantity of Offset Credits', true),
         ('serial', 'Offset Credit Serial Numbers', true), ('retired_on', 'Status Effective', false),
         ('beneficiary', 'Account Holder', false), ('purpose', 'Retirement Reason', false)) AS m (f, h, r)
ON CONFLICT (registry, kind, field) DO UPDATE SET header = EXCLUDED.header, required = EXCLUDED.required;

-- One registry project = one asset (and its proponent's holding account).
CREATE TABLE IF NOT EXISTS greenattr_load.project (
	registry   text NOT NULL REFERENCES greenattr_load.registry,
	project_id text NOT NULL,
	asset_id   bigint NOT NULL UNIQUE REFERENCES greenattr.asset (id),
	account_id bigint NOT NULL REFERENCES greenattr.account (id),
	PRIMARY KEY (registry, project_id)
);
COMMENT ON TABLE greenattr_load.project IS 'Registry project id to greenattr asset and the account its imported credits were issued into';
COMMENT ON COLUMN greenattr_load.project.registry IS 'registry';
COMMENT ON COLUMN greenattr_load.project.project_id IS 'project id as the export writes it (ID, GSID, ACR123, CAR123)';
COMMENT ON COLUMN greenattr_load.project.asset_id IS 'the asset (kind project)';
COMMENT ON COLUMN greenattr_load.project.account_id IS 'holding account of the proponent for the mechanism';

-- Issuance rows without serials (ACR, CAR) already added to an activity.
CREATE TABLE IF NOT EXISTS greenattr_load.loaded_row (
	registry text NOT NULL,
	kind     text NOT NULL,
	row_hash text NOT NULL,
	load_id  bigint NOT NULL,
	PRIMARY KEY (registry, kind, row_hash)
);
COMMENT ON TABLE greenattr_load.loaded_row IS 'Fingerprints of issuance rows without serial numbers (ACR, CAR) already counted into an activity: md5 of project id, vintage, quantity and issue date';
COMMENT ON COLUMN greenattr_load.loaded_row.registry IS 'registry';
COMMENT ON COLUMN greenattr_load.loaded_row.kind IS 'file kind';
COMMENT ON COLUMN greenattr_load.loaded_row.row_hash IS 'md5 of project id, vintage, quantity and issue date as written in the export';
COMMENT ON COLUMN greenattr_load.loaded_row.load_id IS 'load that counted it';

CREATE TABLE IF NOT EXISTS greenattr_load.load (
	id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	registry       text NOT NULL REFERENCES greenattr_load.registry,
	kind           text NOT NULL,
	file_name      text NOT NULL,
	started_at     timestamptz NOT NULL DEFAULT now(),
	finished_at    timestamptz,
	rows           bigint NOT NULL DEFAULT 0,
	placed         bigint NOT NULL DEFAULT 0,
	already_loaded bigint NOT NULL DEFAULT 0,
	skipped        bigint NOT NULL DEFAULT 0,
	rejected       bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE greenattr_load.load IS 'One row per load: file, counts of rows placed, already loaded, skipped and rejected';
COMMENT ON COLUMN greenattr_load.load.id IS 'load id';
COMMENT ON COLUMN greenattr_load.load.registry IS 'registry';
COMMENT ON COLUMN greenattr_load.load.kind IS 'issuances or retirements';
COMMENT ON COLUMN greenattr_load.load.file_name IS 'file name as given to load.sh';
COMMENT ON COLUMN greenattr_load.load.started_at IS 'start of the load';
COMMENT ON COLUMN greenattr_load.load.finished_at IS 'end of the load (NULL if the file was rejected as a whole)';
COMMENT ON COLUMN greenattr_load.load.rows IS 'data records read';
COMMENT ON COLUMN greenattr_load.load.placed IS 'records placed in the registry';
COMMENT ON COLUMN greenattr_load.load.already_loaded IS 'records identical to ones loaded before';
COMMENT ON COLUMN greenattr_load.load.skipped IS 'records that are not of the file''s kind (a Verra row without retirement date in a retirements load)';
COMMENT ON COLUMN greenattr_load.load.rejected IS 'records that could not be placed';

CREATE TABLE IF NOT EXISTS greenattr_load.report (
	load_id    bigint NOT NULL REFERENCES greenattr_load.load,
	row_no     bigint NOT NULL,
	outcome    text NOT NULL CHECK (outcome IN ('rejected', 'already loaded', 'skipped')),
	reason     text NOT NULL,
	sqlstate   text,
	rule       text,
	project_id text,
	serial     text,
	record     text NOT NULL,
	PRIMARY KEY (load_id, row_no)
);
COMMENT ON TABLE greenattr_load.report IS 'Every record of a load that was not placed, with the reason';
COMMENT ON COLUMN greenattr_load.report.load_id IS 'load';
COMMENT ON COLUMN greenattr_load.report.row_no IS 'data record number (1 = first record after the header; a record may span several lines)';
COMMENT ON COLUMN greenattr_load.report.outcome IS 'rejected, already loaded or skipped';
COMMENT ON COLUMN greenattr_load.report.reason IS 'why: the loader''s check or the registry''s error message';
COMMENT ON COLUMN greenattr_load.report.sqlstate IS 'SQLSTATE of the error (NULL for already loaded and skipped)';
COMMENT ON COLUMN greenattr_load.report.rule IS 'constraint name of the registry rule or loader check that refused the record';
COMMENT ON COLUMN greenattr_load.report.project_id IS 'project id of the record, if readable';
COMMENT ON COLUMN greenattr_load.report.serial IS 'serial number of the record, if any';
COMMENT ON COLUMN greenattr_load.report.record IS 'the record as it stands in the file';

-- Physical lines of the file being loaded (load.sh fills it; emptied per load).
CREATE UNLOGGED TABLE IF NOT EXISTS greenattr_load.line (
	line text
);
COMMENT ON TABLE greenattr_load.line IS 'Lines of the file being loaded, in file order (scratch table of load.sh)';
COMMENT ON COLUMN greenattr_load.line.line IS 'one physical line';

-- Split one CSV record into its fields (RFC 4180: fields separated by commas,
-- optionally in double quotes, "" for a quote inside quotes).  NULL if the
-- record is malformed (a quote inside an unquoted field, text after a closing quote).
CREATE OR REPLACE FUNCTION greenattr_load.csv_fields(rec text)
RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	parts text[];
	f     text;
	out   text[] := '{}';
	total int := 0;
BEGIN
	FOR parts IN SELECT regexp_matches(rec || ',', '("(?:[^"]|"")*"|[^,"]*),', 'g') LOOP
		f := parts[1];
		total := total + length(f) + 1;
		IF left(f, 1) = '"' THEN
			f := replace(substr(f, 2, length(f) - 2), '""', '"');
		END IF;
		out := out || f;
	END LOOP;
	IF total <> length(rec) + 1 THEN
		RETURN NULL;
	END IF;
	RETURN out;
END
$$;

-- A date as the registries write it: ISO (2024-01-31, optionally with a time)
-- or d/m/y in the registry's order (DMY or MDY), optionally with a time.
CREATE OR REPLACE FUNCTION greenattr_load.export_date(t text, slash_order text)
RETURNS date LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m text[];
BEGIN
	m := regexp_match(btrim(t), '^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([ T].*)?$');
	IF m IS NOT NULL THEN
		RETURN make_date(m[1]::int, m[2]::int, m[3]::int);
	END IF;
	m := regexp_match(btrim(t), '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})( .*)?$');
	IF m IS NOT NULL THEN
		IF slash_order = 'DMY' THEN
			RETURN make_date(m[3]::int, m[2]::int, m[1]::int);
		END IF;
		RETURN make_date(m[3]::int, m[1]::int, m[2]::int);
	END IF;
	RAISE EXCEPTION 'invalid date "%"', t USING ERRCODE = '22007',
		HINT = 'Dates are read as YYYY-MM-DD or, in this registry''s export, ' ||
		       CASE slash_order WHEN 'DMY' THEN 'DD/MM/YYYY' ELSE 'MM/DD/YYYY' END || '.';
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
	RAISE EXCEPTION 'invalid date "%"', t USING ERRCODE = '22007';
END
$$;

-- Raise a loader check as an error the row loop reports (constraint = check name).
CREATE OR REPLACE FUNCTION greenattr_load.refuse(rule text, sqlstate text, message text)
RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION USING MESSAGE = message, ERRCODE = sqlstate, CONSTRAINT = rule;
END
$$;

-- The asset (and account) of a registry project, created on first sight.
CREATE OR REPLACE FUNCTION greenattr_load.project_asset(reg greenattr_load.registry, r jsonb, serial text,
	OUT asset_id bigint, OUT account_id bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	pid     text := r->>'project_id';
	region  text;
	country text := nullif(btrim(r->>'country'), '');
	owner   text := nullif(btrim(r->>'proponent'), '');
	ent     bigint;
BEGIN
	SELECT p.asset_id, p.account_id INTO asset_id, account_id
	  FROM greenattr_load.project p WHERE p.registry = reg.registry AND p.project_id = pid;
	IF FOUND THEN
		RETURN;
	END IF;
	-- Country: an ISO code, a country name, else the country in the serial.
	SELECT g.code INTO region FROM greenattr.region g
	 WHERE g.level = 'country' AND (g.code = upper(country) OR lower(g.name) = lower(country) OR g.alpha3 = upper(country));
	IF region IS NULL AND serial IS NOT NULL THEN
		SELECT g.code INTO region FROM greenattr.region g
		 WHERE g.level = 'country' AND g.code = (regexp_match(serial, reg.serial_country_re))[1];
	END IF;
	IF region IS NULL THEN
		PERFORM greenattr_load.refuse('loader_country', '22023',
			format('project %s: country "%s" is not an ISO 3166-1 country', pid, coalesce(country, '')));
	END IF;
	owner := coalesce(owner, format('%s project %s proponent (not named in the export)', reg.mechanism, pid));
	SELECT e.id INTO ent FROM greenattr.entity e WHERE e.name = owner;
	IF NOT FOUND THEN
		INSERT INTO greenattr.entity (name, region) VALUES (owner, region) RETURNING id INTO ent;
	END IF;
	SELECT a.id INTO account_id FROM greenattr.account a
	 WHERE a.holder_id = ent AND a.mechanism = reg.mechanism AND a.name = reg.name || ' import'
	 ORDER BY a.id LIMIT 1;
	IF NOT FOUND THEN
		INSERT INTO greenattr.account (holder_id, mechanism, kind, name)
		VALUES (ent, reg.mechanism, 'holding', reg.name || ' import') RETURNING id INTO account_id;
	END IF;
	INSERT INTO greenattr.asset (name, kind, technology, region, owner_id)
	VALUES (coalesce(nullif(btrim(r->>'project_name'), ''), format('%s project %s', reg.mechanism, pid)),
	        'project', coalesce(nullif(btrim(r->>'technology'), ''), 'unspecified'), region, ent)
	RETURNING id INTO asset_id;
	INSERT INTO greenattr_load.project VALUES (reg.registry, pid, asset_id, account_id);
END
$$;

-- The vintage of a record: Vintage Start..End (inclusive dates) or a vintage year.
CREATE OR REPLACE FUNCTION greenattr_load.vintage(reg greenattr_load.registry, r jsonb)
RETURNS tstzrange LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	s date;
	e date;
BEGIN
	IF r ? 'vintage_start' THEN
		s := greenattr_load.export_date(r->>'vintage_start', reg.slash_dates);
		e := greenattr_load.export_date(r->>'vintage_end', reg.slash_dates);
		IF s IS NULL OR e IS NULL OR e < s THEN
			PERFORM greenattr_load.refuse('loader_vintage', '22023',
				format('vintage "%s" to "%s" is not a period', r->>'vintage_start', r->>'vintage_end'));
		END IF;
	ELSE
		IF coalesce(r->>'vintage', '') !~ '^\s*[0-9]{4}\s*$' THEN
			PERFORM greenattr_load.refuse('loader_vintage', '22023',
				format('vintage "%s" is not a year', coalesce(r->>'vintage', '')));
		END IF;
		s := make_date(btrim(r->>'vintage')::int, 1, 1);
		e := make_date(btrim(r->>'vintage')::int, 12, 31);
	END IF;
	RETURN tstzrange((s::text || ' 00:00 UTC')::timestamptz, ((e + 1)::text || ' 00:00 UTC')::timestamptz);
END
$$;

-- The reduction activity of an asset and vintage; its co2e grows by add_t tonnes.
CREATE OR REPLACE FUNCTION greenattr_load.vintage_activity(asset bigint, v tstzrange, add_t bigint)
RETURNS bigint LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	act bigint;
BEGIN
	SELECT a.id INTO act FROM greenattr.activity a
	 WHERE a.asset_id = asset AND a.kind = 'reduction' AND a.period = v FOR UPDATE;
	IF FOUND THEN
		IF add_t > 0 THEN
			UPDATE greenattr.activity a SET co2e = a.co2e OPERATOR(greenattr.+) (add_t::numeric)::greenattr.co2e
			 WHERE a.id = act;
		END IF;
		RETURN act;
	END IF;
	IF add_t <= 0 THEN
		RETURN NULL;
	END IF;
	INSERT INTO greenattr.activity (asset_id, kind, period, co2e)
	VALUES (asset, 'reduction', v, (add_t::numeric)::greenattr.co2e) RETURNING id INTO act;
	RETURN act;
END
$$;

-- Place one record.  Returns NULL when placed, else the outcome ('already
-- loaded', 'skipped') with the reason in the second element; errors propagate.
CREATE OR REPLACE FUNCTION greenattr_load.place(reg greenattr_load.registry, kind text, r jsonb, rec text, load_id bigint)
RETURNS text[] LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	pid     text := nullif(btrim(r->>'project_id'), '');
	serial  text := nullif(btrim(r->>'serial'), '');
	qty     bigint;
	b       greenattr.certblock;
	v       tstzrange;
	asset   bigint;
	acct    bigint;
	act     bigint;
	h       greenattr.holding;
	sp      text;
	benef   text;
	purp    text;
BEGIN
	IF pid IS NULL THEN
		PERFORM greenattr_load.refuse('loader_project_id', '22023', 'the record has no project id');
	END IF;
	IF kind = 'retirements' AND reg.registry = 'verra' AND coalesce(btrim(r->>'retired_on'), '') = '' THEN
		RETURN ARRAY['skipped', format('block of project %s has no retirement/cancellation date: not retired', pid)];
	END IF;
	IF coalesce(r->>'quantity', '') !~ '^\s*[0-9][0-9,]*\s*$' THEN
		PERFORM greenattr_load.refuse('loader_quantity', '22023',
			format('project %s: quantity "%s" is not a whole number of credits', pid, coalesce(r->>'quantity', '')));
	END IF;
	qty := replace(btrim(r->>'quantity'), ',', '')::bigint;
	IF qty <= 0 THEN
		PERFORM greenattr_load.refuse('loader_quantity', '22023', format('project %s: quantity %s is not positive', pid, qty));
	END IF;
	v := greenattr_load.vintage(reg, r);

	IF serial IS NOT NULL THEN
		b := greenattr.parse_serial(serial);
		IF greenattr.scheme(b) <> reg.mechanism THEN
			PERFORM greenattr_load.refuse('loader_serial_registry', '22023',
				format('serial %s is a %s serial, not a %s one', serial, greenattr.scheme(b), reg.mechanism));
		END IF;
		IF greenattr.units(b) <> qty THEN
			PERFORM greenattr_load.refuse('loader_quantity_matches_serial', '22023',
				format('project %s: quantity %s does not match serial %s (%s units)', pid, qty, serial, greenattr.units(b)));
		END IF;
		sp := (regexp_match(serial, reg.serial_project_re))[1];
		IF sp IS NULL OR reg.project_prefix || ltrim(sp, '0') <> regexp_replace(pid, '^(' || reg.project_prefix || ')0*', '\1') THEN
			PERFORM greenattr_load.refuse('loader_serial_project', '22023',
				format('serial %s does not belong to project %s', serial, pid));
		END IF;
	ELSIF kind = 'retirements' OR NOT reg.issue_on_retirement THEN
		PERFORM greenattr_load.refuse('loader_serial', '22023', format('project %s: the record has no serial number', pid));
	END IF;

	IF kind = 'issuances' THEN
		IF b IS NULL THEN
			-- ACR/CAR: the issuance export has no serials; count the vintage's total.
			INSERT INTO greenattr_load.loaded_row
			VALUES (reg.registry, kind, md5(jsonb_build_array(pid, btrim(r->>'vintage'), qty, btrim(r->>'issued_on'))::text), load_id)
			ON CONFLICT DO NOTHING;
			IF NOT FOUND THEN
				RETURN ARRAY['already loaded', format('issuance of %s credits of project %s, vintage %s, issued %s, is already counted',
					qty, pid, btrim(r->>'vintage'), btrim(r->>'issued_on'))];
			END IF;
			SELECT * INTO asset, acct FROM greenattr_load.project_asset(reg, r, NULL);
			PERFORM greenattr_load.vintage_activity(asset, v, qty);
			RETURN NULL;
		END IF;
		-- Found through the holdings' GiST index (the credit table has none on block).
		IF EXISTS (SELECT FROM greenattr.holding x
		             JOIN greenattr.credit c ON c.id = x.instrument_id AND c.family = 'credit'
		             JOIN greenattr_load.project p ON p.asset_id = c.asset_id
		            WHERE x.block OPERATOR(greenattr.&&) b AND c.block OPERATOR(greenattr.@>) b
		              AND p.registry = reg.registry AND p.project_id = pid AND c.vintage = v) THEN
			RETURN ARRAY['already loaded', format('block %s is already issued', b)];
		END IF;
		SELECT * INTO asset, acct FROM greenattr_load.project_asset(reg, r, serial);
		act := greenattr_load.vintage_activity(asset, v, qty);
		INSERT INTO greenattr.credit (family, mechanism, activity_id, block, vintage, issued_to)
		VALUES ('credit', reg.mechanism, act, b, v, acct);
		RETURN NULL;
	END IF;

	-- Retirements.
	benef := coalesce(nullif(btrim(r->>'beneficiary'), ''), '(not disclosed in the export)');
	purp := coalesce(nullif(btrim(r->>'purpose'), ''), '(not stated in the export)');
	SELECT * INTO h FROM greenattr.holding x WHERE x.block OPERATOR(greenattr.@>) b AND x.status = 'retired';
	IF FOUND AND h.beneficiary = benef AND h.purpose = purp THEN
		RETURN ARRAY['already loaded', format('block %s is already retired for %s', b, benef)];
	END IF;
	IF NOT EXISTS (SELECT FROM greenattr.holding x WHERE x.block OPERATOR(greenattr.&&) b) THEN
		IF NOT reg.issue_on_retirement THEN
			PERFORM greenattr_load.refuse('loader_units_issued', '23514',
				format('retirement of units never issued: no loaded issuance covers block %s', b));
		END IF;
		SELECT p.asset_id, p.account_id INTO asset, acct FROM greenattr_load.project p
		 WHERE p.registry = reg.registry AND p.project_id = pid;
		act := greenattr_load.vintage_activity(asset, v, 0);
		IF act IS NULL THEN
			PERFORM greenattr_load.refuse('loader_units_issued', '23514',
				format('retirement of units never issued: no issuance of project %s, vintage %s, is loaded (block %s)',
					pid, btrim(r->>'vintage'), b));
		END IF;
		INSERT INTO greenattr.credit (family, mechanism, activity_id, block, vintage, issued_to)
		VALUES ('credit', reg.mechanism, act, b, v, acct);
	END IF;
	PERFORM greenattr.retire(b, benef, purp);
	RETURN NULL;
END
$$;

-- Load the lines in greenattr_load.line as a registry export of the given kind.
-- A procedure: it commits every batch_size records, so a large file does not
-- pile up tens of thousands of subtransactions (one per record) in one
-- transaction, and what is loaded stays loaded if the load is interrupted
-- (loading the file again then places only the rest).  Procedures that commit
-- cannot carry a SET clause, so every name here is qualified.  Reports
-- progress (NOTICE) every progress_every records; load_id returns the load.
CREATE OR REPLACE PROCEDURE greenattr_load.run(registry text, kind text, file_name text,
	progress_every int DEFAULT 1000, batch_size int DEFAULT 1000, INOUT load_id bigint DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
	reg      greenattr_load.registry;
	lid      bigint;
	header   text[];
	idx      jsonb := '{}';
	missing  text;
	ln       text;
	rec      text;
	n        bigint := 0;
	fields   text[];
	r        jsonb;
	m        record;
	res      text[];
	st       text;
	msg      text;
	rule     text;
	c_placed bigint := 0;
	c_done   bigint := 0;
	c_skip   bigint := 0;
	c_bad    bigint := 0;
	started  timestamptz := clock_timestamp();
BEGIN
	IF batch_size IS NULL OR batch_size < 1 THEN
		RAISE EXCEPTION 'batch size must be positive' USING ERRCODE = '22023';
	END IF;
	SELECT * INTO reg FROM greenattr_load.registry g WHERE g.registry = run.registry;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown registry "%"', run.registry USING ERRCODE = '22023',
			HINT = 'Use verra, gs, acr or car.';
	END IF;
	IF kind NOT IN ('issuances', 'retirements') THEN
		RAISE EXCEPTION 'unknown file kind "%"', kind USING ERRCODE = '22023', HINT = 'Use issuances or retirements.';
	END IF;
	INSERT INTO greenattr_load.load (registry, kind, file_name) VALUES (reg.registry, kind, file_name) RETURNING id INTO lid;
	load_id := lid;

	FOR ln IN SELECT coalesce(l.line, '') FROM greenattr_load.line l ORDER BY l.ctid LOOP
		-- Reassemble a record: a line with an odd number of quotes continues on the next.
		rec := CASE WHEN rec IS NULL THEN ln ELSE rec || E'\n' || ln END;
		IF (length(rec) - length(replace(rec, '"', ''))) % 2 = 1 THEN
			CONTINUE;
		END IF;
		rec := rtrim(rec, E'\r');
		IF header IS NULL THEN
			header := greenattr_load.csv_fields(ltrim(rec, E'\uFEFF'));
			IF header IS NULL THEN
				RAISE EXCEPTION 'the header of % is not a CSV record', file_name USING ERRCODE = '22P04';
			END IF;
			FOR i IN 1 .. array_length(header, 1) LOOP
				IF NOT idx ? btrim(header[i]) THEN
					idx := idx || jsonb_build_object(btrim(header[i]), i);
				END IF;
			END LOOP;
			SELECT string_agg(format('"%s" (%s)', c.header, c.field), ', ' ORDER BY c.field) INTO missing
			  FROM greenattr_load.column_map c
			 WHERE c.registry = reg.registry AND c.kind = run.kind AND c.required AND NOT idx ? c.header;
			IF missing IS NOT NULL THEN
				RAISE EXCEPTION 'file % lacks columns of a % % export: %', file_name, reg.name, kind, missing
					USING ERRCODE = '22023',
					HINT = 'Check the file kind, or change the header in greenattr_load.column_map if the registry renamed the column.';
			END IF;
			rec := NULL;
			CONTINUE;
		END IF;
		IF rec = '' THEN
			rec := NULL;
			CONTINUE;
		END IF;
		n := n + 1;
		fields := greenattr_load.csv_fields(rec);
		r := '{}';
		IF fields IS NOT NULL THEN
			FOR m IN SELECT c.field, c.header FROM greenattr_load.column_map c
			          WHERE c.registry = reg.registry AND c.kind = run.kind AND idx ? c.header LOOP
				r := r || jsonb_build_object(m.field, fields[(idx->>m.header)::int]);
			END LOOP;
		END IF;
		BEGIN
			IF fields IS NULL THEN
				PERFORM greenattr_load.refuse('loader_csv', '22P04', 'the record is not valid CSV (stray or unbalanced quote)');
			ELSIF array_length(fields, 1) < array_length(header, 1) THEN
				PERFORM greenattr_load.refuse('loader_columns', '22P04',
					format('the record has %s columns, the header %s: missing columns', array_length(fields, 1), array_length(header, 1)));
			END IF;
			res := greenattr_load.place(reg, kind, r, rec, lid);
			IF res IS NULL THEN
				c_placed := c_placed + 1;
			ELSE
				INSERT INTO greenattr_load.report (load_id, row_no, outcome, reason, project_id, serial, record)
				VALUES (lid, n, res[1], res[2], r->>'project_id', r->>'serial', rec);
				IF res[1] = 'skipped' THEN c_skip := c_skip + 1; ELSE c_done := c_done + 1; END IF;
			END IF;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, rule = CONSTRAINT_NAME;
			INSERT INTO greenattr_load.report (load_id, row_no, outcome, reason, sqlstate, rule, project_id, serial, record)
			VALUES (lid, n, 'rejected', msg, st, nullif(rule, ''), r->>'project_id', r->>'serial', rec);
			c_bad := c_bad + 1;
		END;
		rec := NULL;
		IF n % batch_size = 0 THEN
			UPDATE greenattr_load.load l SET rows = n, placed = c_placed, already_loaded = c_done, skipped = c_skip,
			       rejected = c_bad WHERE l.id = lid;
			COMMIT;
		END IF;
		IF progress_every > 0 AND n % progress_every = 0 THEN
			RAISE NOTICE 'load %: % records read, % placed, % already loaded, % skipped, % rejected (% s)',
				lid, n, c_placed, c_done, c_skip, c_bad, round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);
		END IF;
	END LOOP;
	IF header IS NULL AND rec IS NULL THEN
		RAISE EXCEPTION 'file % is empty', file_name USING ERRCODE = '22023';
	ELSIF header IS NULL THEN
		RAISE EXCEPTION 'the header of % is not a CSV record', file_name USING ERRCODE = '22P04',
			DETAIL = 'A quote opened in the header is never closed.';
	END IF;
	IF rec IS NOT NULL THEN
		-- The file ends inside a quoted field.
		n := n + 1;
		INSERT INTO greenattr_load.report (load_id, row_no, outcome, reason, sqlstate, rule, record)
		VALUES (lid, n, 'rejected', 'the file ends inside a quoted field', '22P04', 'loader_csv', rec);
		c_bad := c_bad + 1;
	END IF;
	UPDATE greenattr_load.load l SET finished_at = clock_timestamp(), rows = n, placed = c_placed,
	       already_loaded = c_done, skipped = c_skip, rejected = c_bad
	 WHERE l.id = lid;
END
$$;
