-- ETS offset rules as data (DOMAIN.md §6; seed 001 table 4, seed 002 table 3-2).
--
--   offset_ruleset ──< offset_rule >── region_group ──< region_group_member
--
-- A rule set is one reading of one market's offset rules for a range of
-- compliance years.  Where the two seeds agree (or one only adds to the other)
-- a market has one rule set; where they disagree it has one per seed, and each
-- holds the disputed rows of its own seed plus the undisputed rows of both.
-- Every rule row records the seed section it comes from.  The compliance
-- figures the caps are measured against live in compliance_figure.

-- Mechanisms the pilots accept that the registry core does not ship.
INSERT INTO @extschema@.mechanism (code, family, unit, name, issuer, region, shipped) VALUES
	('SZCER', 'credit', 'tCO2e', 'Shenzhen inclusive-carbon (carbon generalized system of preferences) certified reduction', 'Shenzhen Ecology and Environment Bureau', 'CN-GD-SZ', true),
	('SHCER', 'credit', 'tCO2e', 'Shanghai inclusive-carbon reduction', 'Shanghai Ecology and Environment Bureau', 'CN-SH', true),
	('BJCER', 'credit', 'tCO2e', 'Beijing inclusive voluntary carbon reduction', 'Beijing Municipal Ecology and Environment Bureau', 'CN-BJ', true),
	('BJESR', 'credit', 'tCO2e', 'Beijing energy-saving project carbon reduction', 'Beijing Municipal Ecology and Environment Bureau', 'CN-BJ', true),
	('TFCER', 'credit', 'tCO2e', 'Tianjin forestry carbon-sink certified reduction', 'Tianjin Ecology and Environment Bureau', 'CN-TJ', true);

-- Four Guangdong cities named in Shenzhen's origin list (seed 002 table 3-2);
-- codes below CN-GD in the style of CN-GD-SZ.
INSERT INTO @extschema@.region (code, parent, name, alpha3, level, shipped) VALUES
	('CN-GD-MZ', 'CN-GD', 'Meizhou Shi', NULL, 'city', true),
	('CN-GD-HY', 'CN-GD', 'Heyuan Shi', NULL, 'city', true),
	('CN-GD-ZJ', 'CN-GD', 'Zhanjiang Shi', NULL, 'city', true),
	('CN-GD-SW', 'CN-GD', 'Shanwei Shi', NULL, 'city', true);

-- The greenhouse gases a project reduces (Fujian accepts CO2 and CH4 only).
ALTER TABLE @extschema@.asset ADD COLUMN gases text[]
	CHECK (gases OPERATOR(pg_catalog.<@) ARRAY['CO2', 'CH4', 'N2O', 'HFC', 'PFC', 'SF6', 'NF3']
	       AND pg_catalog.cardinality(gases) OPERATOR(pg_catalog.>) 0);
COMMENT ON COLUMN @extschema@.asset.gases IS 'Greenhouse gases the project reduces or removes (CO2, CH4, N2O, HFC, PFC, SF6, NF3); NULL when not recorded';

CREATE TABLE @extschema@.region_group (
	code    text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{0,31}$'),
	name    text NOT NULL,
	source  text NOT NULL,
	shipped boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.region_group IS 'Named sets of regions that offset origin rules refer to (a province, an economic area, a list of eligible provinces)';
COMMENT ON COLUMN @extschema@.region_group.name IS 'Name of the group';
COMMENT ON COLUMN @extschema@.region_group.code IS 'Group code used by offset_rule.region_group';
COMMENT ON COLUMN @extschema@.region_group.source IS 'Where the group comes from (document, section), and any approximation made';
COMMENT ON COLUMN @extschema@.region_group.shipped IS 'True for rows the extension ships; pg_dump leaves them out';

CREATE TABLE @extschema@.region_group_member (
	region_group text NOT NULL REFERENCES @extschema@.region_group (code) ON DELETE CASCADE,
	region       text NOT NULL REFERENCES @extschema@.region (code),
	shipped      boolean NOT NULL DEFAULT false,
	PRIMARY KEY (region_group, region)
);
COMMENT ON TABLE @extschema@.region_group_member IS 'Members of a region group; a region belongs to a group if it or an enclosing region is a member';
COMMENT ON COLUMN @extschema@.region_group_member.region_group IS 'The group';
COMMENT ON COLUMN @extschema@.region_group_member.region IS 'A member region (its subregions belong too)';
COMMENT ON COLUMN @extschema@.region_group_member.shipped IS 'True for rows the extension ships; pg_dump leaves them out';

CREATE TABLE @extschema@.offset_ruleset (
	code      text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*:[a-z0-9_]+$'),
	market    text NOT NULL REFERENCES @extschema@.market (code),
	during    daterange NOT NULL CHECK (NOT pg_catalog.isempty(during) AND NOT pg_catalog.lower_inf(during)),
	published date NOT NULL,
	source    text NOT NULL,
	note      text,
	shipped   boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.offset_ruleset IS 'One reading of one ETS market''s offset rules for a range of compliance years';
COMMENT ON COLUMN @extschema@.offset_ruleset.code IS 'market:reading, e.g. ETS_SZ:seed001';
COMMENT ON COLUMN @extschema@.offset_ruleset.market IS 'The ETS market';
COMMENT ON COLUMN @extschema@.offset_ruleset.during IS 'Compliance years the rule set applies to (compliance year Y is the day range [Y-01-01, Y+1-01-01))';
COMMENT ON COLUMN @extschema@.offset_ruleset.published IS 'Date of the source; when several rule sets cover a year, surrender() uses the latest published unless told otherwise';
COMMENT ON COLUMN @extschema@.offset_ruleset.source IS 'The document(s) this reading comes from';
COMMENT ON COLUMN @extschema@.offset_ruleset.note IS 'How this reading differs from the market''s other readings';
COMMENT ON COLUMN @extschema@.offset_ruleset.shipped IS 'True for rows the extension ships; pg_dump leaves them out';

CREATE TABLE @extschema@.offset_rule (
	id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	ruleset      text NOT NULL REFERENCES @extschema@.offset_ruleset (code) ON DELETE CASCADE,
	rule         text NOT NULL CHECK (rule IN ('cap', 'mechanism', 'technology_excluded', 'technology_only',
	                                           'vintage', 'gas', 'boundary', 'origin_share', 'outside_cap')),
	scope_mechanisms   text[],
	scope_technologies text[],
	scope_other  boolean NOT NULL DEFAULT false,
	ratio        numeric CHECK (ratio OPERATOR(pg_catalog.>) 0 AND ratio OPERATOR(pg_catalog.<=) 1),
	basis        text CHECK (basis IN ('allowances_due', 'verified_emissions', 'allocation', 'initial_allocation', 'shortfall')),
	mechanisms   text[],
	technologies text[],
	vintage      daterange,
	gases        text[],
	region_group text REFERENCES @extschema@.region_group (code),
	markets      text[],
	source       text NOT NULL,
	shipped      boolean NOT NULL DEFAULT false,
	CHECK (scope_technologies IS NOT NULL OR NOT scope_other),
	CHECK (CASE rule
		WHEN 'cap'                 THEN ratio IS NOT NULL AND basis IS NOT NULL
		WHEN 'mechanism'           THEN mechanisms IS NOT NULL
		WHEN 'technology_excluded' THEN technologies IS NOT NULL
		WHEN 'technology_only'     THEN technologies IS NOT NULL
		WHEN 'vintage'             THEN vintage IS NOT NULL
		WHEN 'gas'                 THEN gases IS NOT NULL
		WHEN 'boundary'            THEN true
		WHEN 'origin_share'        THEN ratio IS NOT NULL AND region_group IS NOT NULL
		WHEN 'outside_cap'         THEN ratio IS NOT NULL AND basis IS NOT NULL AND region_group IS NOT NULL
		END)
);
CREATE INDEX ON @extschema@.offset_rule (ruleset);
COMMENT ON TABLE @extschema@.offset_rule IS 'Offset rules of a rule set, one row per rule; surrender() refuses a set of blocks that breaks any of them';
COMMENT ON COLUMN @extschema@.offset_rule.id IS 'Rule id (named in errors and in check_surrender rows)';
COMMENT ON COLUMN @extschema@.offset_rule.ruleset IS 'The rule set the rule belongs to';
COMMENT ON COLUMN @extschema@.offset_rule.rule IS
	'cap: scoped units surrendered in the year <= ratio x basis figure; '
	'mechanism: every block is of one of mechanisms; '
	'technology_excluded / technology_only: scoped blocks are not / are of technologies; '
	'vintage: scoped blocks'' vintage lies within vintage; '
	'gas: scoped blocks'' assets reduce only gases; '
	'boundary: no scoped block from an asset whose owner was covered by one of markets (NULL: any ETS) during its vintage; '
	'origin_share: at least ratio of the scoped units surrendered in the year come from region_group; '
	'outside_cap: scoped units from outside region_group <= ratio x basis figure';
COMMENT ON COLUMN @extschema@.offset_rule.scope_mechanisms IS 'The rule applies to blocks of these mechanisms only (NULL: all)';
COMMENT ON COLUMN @extschema@.offset_rule.scope_technologies IS 'The rule applies to blocks from assets of these technologies only (NULL: all)';
COMMENT ON COLUMN @extschema@.offset_rule.scope_other IS 'True: the rule applies to the technologies NOT in scope_technologies';
COMMENT ON COLUMN @extschema@.offset_rule.ratio IS 'cap, origin_share, outside_cap: the share (0.05 = 5 %)';
COMMENT ON COLUMN @extschema@.offset_rule.basis IS 'cap, outside_cap: the compliance figure the ratio applies to (a column of compliance_figure)';
COMMENT ON COLUMN @extschema@.offset_rule.mechanisms IS 'mechanism: the eligible mechanisms';
COMMENT ON COLUMN @extschema@.offset_rule.technologies IS 'technology_excluded, technology_only: asset technologies';
COMMENT ON COLUMN @extschema@.offset_rule.vintage IS 'vintage: the days a block''s vintage must lie within';
COMMENT ON COLUMN @extschema@.offset_rule.gases IS 'gas: the gases allowed';
COMMENT ON COLUMN @extschema@.offset_rule.region_group IS 'origin_share, outside_cap: the region group of origin';
COMMENT ON COLUMN @extschema@.offset_rule.markets IS 'boundary: ETS markets whose covered entities'' projects are excluded (NULL: every ETS market)';
COMMENT ON COLUMN @extschema@.offset_rule.source IS 'Seed and section the rule comes from';
COMMENT ON COLUMN @extschema@.offset_rule.shipped IS 'True for rows the extension ships; pg_dump leaves them out';

-- The figures of an entity's compliance year that caps are measured against.
CREATE TABLE @extschema@.compliance_figure (
	entity_id          bigint NOT NULL REFERENCES @extschema@.entity (id),
	market             text NOT NULL REFERENCES @extschema@.market (code),
	compliance_year    integer NOT NULL CHECK (compliance_year BETWEEN 2005 AND 2200),
	allowances_due     @extschema@.co2e CHECK (allowances_due OPERATOR(@extschema@.>=) '0'::@extschema@.co2e),
	verified_emissions @extschema@.co2e CHECK (verified_emissions OPERATOR(@extschema@.>=) '0'::@extschema@.co2e),
	allocation         @extschema@.co2e CHECK (allocation OPERATOR(@extschema@.>=) '0'::@extschema@.co2e),
	initial_allocation @extschema@.co2e CHECK (initial_allocation OPERATOR(@extschema@.>=) '0'::@extschema@.co2e),
	shortfall          @extschema@.co2e CHECK (shortfall OPERATOR(@extschema@.>=) '0'::@extschema@.co2e),
	PRIMARY KEY (entity_id, market, compliance_year)
);
COMMENT ON TABLE @extschema@.compliance_figure IS 'An entity''s figures for one compliance year of one market; offset caps are shares of them. surrender() locks this row';
COMMENT ON COLUMN @extschema@.compliance_figure.entity_id IS 'The covered entity';
COMMENT ON COLUMN @extschema@.compliance_figure.market IS 'The ETS market';
COMMENT ON COLUMN @extschema@.compliance_figure.compliance_year IS 'The year whose emissions are being covered';
COMMENT ON COLUMN @extschema@.compliance_figure.allowances_due IS 'Allowances the entity must surrender for the year';
COMMENT ON COLUMN @extschema@.compliance_figure.verified_emissions IS 'Verified (audited) emissions of the year';
COMMENT ON COLUMN @extschema@.compliance_figure.allocation IS 'Allowances allocated (issued) to the entity for the year';
COMMENT ON COLUMN @extschema@.compliance_figure.initial_allocation IS 'Initial allocation for the year, before adjustments';
COMMENT ON COLUMN @extschema@.compliance_figure.shortfall IS 'Verified allowance gap: what the entity''s allowances do not cover';

-- Does a region (or an enclosing region) belong to a group?
CREATE FUNCTION @extschema@.region_in_group(region text, region_group text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH RECURSIVE up(code, depth) AS (
		SELECT $1, 0
		UNION ALL
		SELECT r.parent, up.depth OPERATOR(pg_catalog.+) 1
		  FROM up JOIN @extschema@.region r ON r.code OPERATOR(pg_catalog.=) up.code
		 WHERE r.parent IS NOT NULL AND up.depth OPERATOR(pg_catalog.<) 8)
	SELECT EXISTS (SELECT 1 FROM up JOIN @extschema@.region_group_member m
	                 ON m.region OPERATOR(pg_catalog.=) up.code AND m.region_group OPERATOR(pg_catalog.=) $2)
$$;
COMMENT ON FUNCTION @extschema@.region_in_group(text, text) IS 'True if the region or a region enclosing it is a member of the group';

INSERT INTO @extschema@.region_group (code, name, source, shipped) VALUES
	('BJ', 'Beijing', 'seed 002 table 3-2 (Beijing)', true),
	('GD', 'Guangdong (with Shenzhen)', 'seed 001 table 4, seed 002 table 3-2 (Guangdong)', true),
	('HB', 'Hubei', 'seed 001 table 4, seed 002 table 3-2 (Hubei)', true),
	('FJ', 'Fujian', 'seed 001 table 4, seed 002 table 3-2 (Fujian)', true),
	('CQ', 'Chongqing', 'seed 001 table 4 (Chongqing)', true),
	('JJJ', 'Beijing-Tianjin-Hebei', 'seed 001 table 4 (Tianjin)', true),
	('CHENGYU', 'Chengdu-Chongqing economic circle',
	 'seed 001 table 4 (Chongqing); approximated by Chongqing and all of Sichuan: replace CN-SC by the circle''s cities to be exact', true),
	('SZ_RE', 'Shenzhen origins for wind, solar and waste-to-energy credits',
	 'seed 002 table 3-2 (Shenzhen) lists (1) and (2); list (3), regions with a carbon-trading cooperation agreement, is not named and is left to the DBA', true),
	('SZ_LOCAL', 'Shenzhen origins for biogas, biomass, clean-transport and ocean-sink credits',
	 'seed 002 table 3-2 (Shenzhen) list (1); list (2), cooperation regions, is left to the DBA', true);

INSERT INTO @extschema@.region_group_member (region_group, region, shipped)
SELECT g, r, true FROM (VALUES
	('BJ', 'CN-BJ'), ('GD', 'CN-GD'), ('HB', 'CN-HB'), ('FJ', 'CN-FJ'), ('CQ', 'CN-CQ'),
	('JJJ', 'CN-BJ'), ('JJJ', 'CN-TJ'), ('JJJ', 'CN-HE'),
	('CHENGYU', 'CN-CQ'), ('CHENGYU', 'CN-SC'),
	('SZ_RE', 'CN-GD-MZ'), ('SZ_RE', 'CN-GD-HY'), ('SZ_RE', 'CN-GD-ZJ'), ('SZ_RE', 'CN-GD-SW'),
	('SZ_RE', 'CN-XJ'), ('SZ_RE', 'CN-XZ'), ('SZ_RE', 'CN-NX'), ('SZ_RE', 'CN-NM'), ('SZ_RE', 'CN-GS'),
	('SZ_RE', 'CN-SN'), ('SZ_RE', 'CN-AH'), ('SZ_RE', 'CN-JX'), ('SZ_RE', 'CN-HN'), ('SZ_RE', 'CN-SC'),
	('SZ_RE', 'CN-GZ'), ('SZ_RE', 'CN-GX'), ('SZ_RE', 'CN-YN'), ('SZ_RE', 'CN-FJ'), ('SZ_RE', 'CN-HI'),
	('SZ_LOCAL', 'CN-GD-SZ')) v(g, r);

-- Rule sets.  seed 001 = "中国核证自愿减排量的国际化前景展望 —— 一带一路篇" (Guangzhou
-- Carbon Emissions Exchange, September 2023), table 4; seed 002 = "碳达峰碳中和目标下的
-- 抵销机制设计" (Tsinghua University, 2023-02-15), table 3-2.
INSERT INTO @extschema@.offset_ruleset (code, market, during, published, source, note, shipped) VALUES
	('ETS_CN:seeds', 'ETS_CN', '[2019-01-01,)', '2023-09-01', 'seed 001 table 4; seed 002 table 3-2', 'The seeds agree.', true),
	('ETS_GD:seeds', 'ETS_GD', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4; seed 002 table 3-2',
	 'The seeds agree (seed 002: previous-year emissions, i.e. the compliance year''s verified emissions, surrendered the year after).', true),
	('ETS_SZ:seed001', 'ETS_SZ', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4', 'Cap: 20 % of the verified allowance shortfall.', true),
	('ETS_SZ:seed002', 'ETS_SZ', '[2013-01-01,)', '2023-02-15', 'seed 002 table 3-2', 'Cap: 10 % of annual emissions.', true),
	('ETS_BJ:seed001', 'ETS_BJ', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4', 'Eligible: CCER and Beijing inclusive voluntary reductions.', true),
	('ETS_BJ:seed002', 'ETS_BJ', '[2013-01-01,)', '2023-02-15', 'seed 002 table 3-2', 'Eligible: CCER, energy-saving reductions and BFCER.', true),
	('ETS_SH:seed001', 'ETS_SH', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4', 'Cap: 5 % of verified emissions; CCER and Shanghai inclusive reductions.', true),
	('ETS_SH:seed002', 'ETS_SH', '[2013-01-01,)', '2023-02-15', 'seed 002 table 3-2', 'Cap: 5 % of the allocation; CCER only.', true),
	('ETS_TJ:seed001', 'ETS_TJ', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4', 'CCER only; at least 50 % of CCERs from Beijing-Tianjin-Hebei.', true),
	('ETS_TJ:seed002', 'ETS_TJ', '[2013-01-01,)', '2023-02-15', 'seed 002 table 3-2', 'CCER and TFCER; Beijing-Tianjin-Hebei only preferred, no quota.', true),
	('ETS_HB:seeds', 'ETS_HB', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4; seed 002 table 3-2', 'The seeds agree; seed 001 adds project types and the crediting period.', true),
	('ETS_CQ:seed001', 'ETS_CQ', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4', 'Cap: 8 % of allowances due; origin quotas (90 % Chengdu-Chongqing, 80 % Chongqing).', true),
	('ETS_CQ:seed002', 'ETS_CQ', '[2013-01-01,)', '2023-02-15', 'seed 002 table 3-2', 'Cap: 8 % of verified emissions; no origin or source limits.', true),
	('ETS_FJ:seeds', 'ETS_FJ', '[2013-01-01,)', '2023-09-01', 'seed 001 table 4; seed 002 table 3-2', 'The seeds agree; seed 001 adds the forestry / other split, gases and vintage.', true);

INSERT INTO @extschema@.offset_rule (ruleset, rule, scope_mechanisms, scope_technologies, scope_other, ratio, basis,
	mechanisms, technologies, vintage, gases, region_group, markets, source, shipped)
SELECT v.*, true FROM (VALUES
	-- National market (全国)
	('ETS_CN:seeds', 'cap', NULL::text[], NULL::text[], false, 0.05, 'allowances_due', NULL::text[], NULL::text[], NULL::daterange, NULL::text[], NULL, NULL::text[], 'seed 001 table 4 (全国); seed 002 table 3-2 (全国)'),
	('ETS_CN:seeds', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER}', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (全国); seed 002 table 3-2 (全国)'),
	('ETS_CN:seeds', 'boundary', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{ETS_CN}', 'seed 001 table 4 (全国); seed 002 table 3-2 (全国)'),
	-- Guangdong (广东)
	('ETS_GD:seeds', 'cap', NULL, NULL, false, 0.10, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (广东); seed 002 table 3-2 (广东)'),
	('ETS_GD:seeds', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER,PHCER}', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (广东); seed 002 table 3-2 (广东)'),
	('ETS_GD:seeds', 'origin_share', '{CCER}', NULL, false, 0.70, NULL, NULL, NULL, NULL, NULL, 'GD', NULL, 'seed 001 table 4 (广东); seed 002 table 3-2 (广东)'),
	('ETS_GD:seeds', 'boundary', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{ETS_GD}', 'seed 002 table 3-2 (广东)'),
	-- Shenzhen (深圳): the cap is disputed
	('ETS_SZ:seed001', 'cap', NULL, NULL, false, 0.20, 'shortfall', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (深圳)'),
	('ETS_SZ:seed002', 'cap', NULL, NULL, false, 0.10, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 002 table 3-2 (深圳)'),
	-- Beijing (北京): the eligible mechanisms are disputed
	('ETS_BJ:seed001', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER,BJCER}', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (北京)'),
	('ETS_BJ:seed002', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER,BJESR,BFCER}', NULL, NULL, NULL, NULL, NULL, 'seed 002 table 3-2 (北京)'),
	('ETS_BJ:seed002', 'origin_share', '{BJESR,BFCER}', NULL, false, 1, NULL, NULL, NULL, NULL, NULL, 'BJ', NULL, 'seed 002 table 3-2 (北京)'),
	-- Shanghai (上海): the cap basis and the mechanisms are disputed
	('ETS_SH:seed001', 'cap', NULL, NULL, false, 0.05, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (上海)'),
	('ETS_SH:seed001', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER,SHCER}', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (上海)'),
	('ETS_SH:seed002', 'cap', NULL, NULL, false, 0.05, 'allocation', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 002 table 3-2 (上海)'),
	('ETS_SH:seed002', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER}', NULL, NULL, NULL, NULL, NULL, 'seed 002 table 3-2 (上海)'),
	-- Tianjin (天津): the mechanisms and the regional quota are disputed
	('ETS_TJ:seed001', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER}', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (天津)'),
	('ETS_TJ:seed001', 'origin_share', '{CCER}', NULL, false, 0.50, NULL, NULL, NULL, NULL, NULL, 'JJJ', NULL, 'seed 001 table 4 (天津)'),
	('ETS_TJ:seed002', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER,TFCER}', NULL, NULL, NULL, NULL, NULL, 'seed 002 table 3-2 (天津)'),
	-- Hubei (湖北)
	('ETS_HB:seeds', 'cap', NULL, NULL, false, 0.10, 'initial_allocation', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (湖北); seed 002 table 3-2 (湖北)'),
	('ETS_HB:seeds', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER}', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (湖北); seed 002 table 3-2 (湖北)'),
	('ETS_HB:seeds', 'origin_share', NULL, NULL, false, 1, NULL, NULL, NULL, NULL, NULL, 'HB', NULL, 'seed 001 table 4 (湖北); seed 002 table 3-2 (湖北)'),
	('ETS_HB:seeds', 'technology_only', NULL, NULL, false, NULL, NULL, NULL, '{biogas,forestry}', NULL, NULL, NULL, NULL, 'seed 001 table 4 (湖北)'),
	('ETS_HB:seeds', 'vintage', NULL, NULL, false, NULL, NULL, NULL, NULL, '[2013-01-01,2016-01-01)', NULL, NULL, NULL, 'seed 001 table 4 (湖北)'),
	('ETS_HB:seeds', 'boundary', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{ETS_HB}', 'seed 002 table 3-2 (湖北)'),
	-- Chongqing (重庆): the cap basis and the origin quotas are disputed
	('ETS_CQ:seed001', 'cap', NULL, NULL, false, 0.08, 'allowances_due', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (重庆)'),
	('ETS_CQ:seed001', 'origin_share', NULL, NULL, false, 0.90, NULL, NULL, NULL, NULL, NULL, 'CHENGYU', NULL, 'seed 001 table 4 (重庆)'),
	('ETS_CQ:seed001', 'origin_share', NULL, NULL, false, 0.80, NULL, NULL, NULL, NULL, NULL, 'CQ', NULL, 'seed 001 table 4 (重庆)'),
	('ETS_CQ:seed002', 'cap', NULL, NULL, false, 0.08, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 002 table 3-2 (重庆)'),
	-- Fujian (福建)
	('ETS_FJ:seeds', 'cap', NULL, NULL, false, 0.10, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (福建); seed 002 table 3-2 (福建)'),
	('ETS_FJ:seeds', 'cap', NULL, '{forestry}', false, 0.10, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (福建)'),
	('ETS_FJ:seeds', 'cap', NULL, '{forestry}', true, 0.05, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (福建)'),
	('ETS_FJ:seeds', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER,FFCER}', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (福建); seed 002 table 3-2 (福建)'),
	('ETS_FJ:seeds', 'origin_share', NULL, NULL, false, 1, NULL, NULL, NULL, NULL, NULL, 'FJ', NULL, 'seed 001 table 4 (福建); seed 002 table 3-2 (福建)'),
	('ETS_FJ:seeds', 'technology_excluded', '{CCER}', NULL, false, NULL, NULL, NULL, '{hydro}', NULL, NULL, NULL, NULL, 'seed 001 table 4 (福建)'),
	('ETS_FJ:seeds', 'gas', '{CCER}', NULL, false, NULL, NULL, NULL, NULL, NULL, '{CO2,CH4}', NULL, NULL, 'seed 001 table 4 (福建)'),
	('ETS_FJ:seeds', 'vintage', '{FFCER}', NULL, false, NULL, NULL, NULL, NULL, '[2005-02-16,)', NULL, NULL, NULL, 'seed 001 table 4 (福建)'),
	('ETS_FJ:seeds', 'boundary', '{CCER}', NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (福建); seed 002 table 3-2 (福建)')
) v
UNION ALL
-- Rows both readings of a disputed market share.
SELECT rs.code, v.rule, v.sm, v.st, v.so, v.ratio, v.basis, v.mechs, v.techs, v.vint, NULL::text[], v.grp, v.mkts, v.src, true
  FROM (VALUES
	-- Shenzhen: eligible mechanisms (both), origins by project type and boundary (seed 002)
	('ETS_SZ', 'mechanism', NULL::text[], NULL::text[], false, NULL::numeric, NULL::text, '{CCER,SZCER}'::text[], NULL::text[], NULL::daterange, NULL::text, NULL::text[], 'seed 001 table 4 (深圳); seed 002 table 3-2 (深圳)', 1),
	('ETS_SZ', 'origin_share', NULL, '{wind,solar,waste_incineration}', false, 1, NULL, NULL, NULL, NULL, 'SZ_RE', NULL, 'seed 002 table 3-2 (深圳)', 2),
	('ETS_SZ', 'origin_share', NULL, '{biogas,biomass,clean_transport,ocean_sink}', false, 1, NULL, NULL, NULL, NULL, 'SZ_LOCAL', NULL, 'seed 002 table 3-2 (深圳)', 3),
	('ETS_SZ', 'boundary', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, '{ETS_SZ}', 'seed 002 table 3-2 (深圳)', 4),
	-- Beijing: cap (both), CCER from outside Beijing and boundary (seed 002)
	('ETS_BJ', 'cap', NULL, NULL, false, 0.05, 'allocation', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (北京); seed 002 table 3-2 (北京)', 1),
	('ETS_BJ', 'outside_cap', '{CCER}', NULL, false, 0.025, 'allocation', NULL, NULL, NULL, 'BJ', NULL, 'seed 002 table 3-2 (北京)', 2),
	('ETS_BJ', 'boundary', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, '{ETS_BJ}', 'seed 002 table 3-2 (北京)', 3),
	-- Shanghai: non-hydro CCER after 2013-01-01 (seed 001), boundary (seed 002)
	('ETS_SH', 'technology_excluded', '{CCER}', NULL, false, NULL, NULL, NULL, '{hydro}', NULL, NULL, NULL, 'seed 001 table 4 (上海)', 1),
	('ETS_SH', 'vintage', '{CCER}', NULL, false, NULL, NULL, NULL, NULL, '[2013-01-01,)', NULL, NULL, 'seed 001 table 4 (上海)', 2),
	('ETS_SH', 'boundary', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, '{ETS_SH}', 'seed 002 table 3-2 (上海)', 3),
	-- Tianjin: cap (both), boundary of Tianjin and national covered entities (seed 002)
	('ETS_TJ', 'cap', NULL, NULL, false, 0.10, 'verified_emissions', NULL, NULL, NULL, NULL, NULL, 'seed 001 table 4 (天津); seed 002 table 3-2 (天津)', 1),
	('ETS_TJ', 'boundary', NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, '{ETS_TJ,ETS_CN}', 'seed 002 table 3-2 (天津)', 2),
	-- Chongqing: eligible mechanisms (both), non-hydro (seed 001)
	('ETS_CQ', 'mechanism', NULL, NULL, false, NULL, NULL, '{CCER,CQCER}', NULL, NULL, NULL, NULL, 'seed 001 table 4 (重庆); seed 002 table 3-2 (重庆)', 1),
	('ETS_CQ', 'technology_excluded', NULL, NULL, false, NULL, NULL, NULL, '{hydro}', NULL, NULL, NULL, 'seed 001 table 4 (重庆)', 2)
  ) v(market, rule, sm, st, so, ratio, basis, mechs, techs, vint, grp, mkts, src, ord)
  JOIN @extschema@.offset_ruleset rs ON rs.market OPERATOR(pg_catalog.=) v.market
 ORDER BY 1, 2;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.region_group', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.region_group_member', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.offset_ruleset', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.offset_rule', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.offset_rule_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.compliance_figure', '');
