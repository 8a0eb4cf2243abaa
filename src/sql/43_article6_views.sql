-- Article 6 reporting: the emissions balance per party and year with its
-- corresponding adjustments, and views shaped like the tables of the Agreed
-- Electronic Format (AEF, 6/CMA.4 annex II): authorizations, actions, holdings.
--
-- Balance formulas (2/CMA.3 annex paras 7, 8):
--   adjusted_emissions        = reported + additions(year) - subtractions(year)
--     additions are counted in the vintage year, subtractions in the NDC-use year;
--   period_* (inside an NDC period, from its first year up to this year) =
--     cumulative reported emissions, additions and subtractions; for a multi-year
--     NDC the row of the last year holds the cumulative end-of-period figures;
--   averaging (single-year NDC, method 'averaging'), in the target year only:
--     averaged_additions    = period additions    / (last_year - first_year + 1)
--     averaged_subtractions = period subtractions / (last_year - first_year + 1)
--     averaged_emissions    = reported + averaged_additions - averaged_subtractions
--   (co2e ÷ bigint, rounded half away from zero to 1 g).

CREATE VIEW @extschema@.party_balance AS
WITH adj AS (
	SELECT c.party, c.year,
	       @extschema@.sum(c.quantity) FILTER (WHERE c.kind OPERATOR(pg_catalog.=) 'addition') AS additions,
	       @extschema@.sum(c.quantity) FILTER (WHERE c.kind OPERATOR(pg_catalog.=) 'subtraction') AS subtractions
	  FROM @extschema@.corresponding_adjustment c GROUP BY c.party, c.year
), yr AS (
	SELECT k.party, k.year, e.emissions,
	       coalesce(a.additions, '0'::@extschema@.co2e) AS additions,
	       coalesce(a.subtractions, '0'::@extschema@.co2e) AS subtractions
	  FROM (SELECT e.party, e.year FROM @extschema@.party_emissions e UNION SELECT a.party, a.year FROM adj a) k
	  LEFT JOIN @extschema@.party_emissions e ON e.party OPERATOR(pg_catalog.=) k.party AND e.year OPERATOR(pg_catalog.=) k.year
	  LEFT JOIN adj a ON a.party OPERATOR(pg_catalog.=) k.party AND a.year OPERATOR(pg_catalog.=) k.year
), per AS (
	SELECT y.*, n.first_year, n.last_year, n.kind, n.method,
	       (SELECT @extschema@.sum(z.emissions) FROM yr z WHERE z.party OPERATOR(pg_catalog.=) y.party
	           AND z.year OPERATOR(pg_catalog.>=) n.first_year AND z.year OPERATOR(pg_catalog.<=) y.year) AS period_emissions,
	       (SELECT @extschema@.sum(z.additions) FROM yr z WHERE z.party OPERATOR(pg_catalog.=) y.party
	           AND z.year OPERATOR(pg_catalog.>=) n.first_year AND z.year OPERATOR(pg_catalog.<=) y.year) AS period_additions,
	       (SELECT @extschema@.sum(z.subtractions) FROM yr z WHERE z.party OPERATOR(pg_catalog.=) y.party
	           AND z.year OPERATOR(pg_catalog.>=) n.first_year AND z.year OPERATOR(pg_catalog.<=) y.year) AS period_subtractions
	  FROM yr y
	  LEFT JOIN @extschema@.ndc n ON n.party OPERATOR(pg_catalog.=) y.party
	   AND y.year OPERATOR(pg_catalog.>=) n.first_year AND y.year OPERATOR(pg_catalog.<=) n.last_year
), av AS (
	SELECT p.*,
	       CASE WHEN p.method OPERATOR(pg_catalog.=) 'averaging' AND p.year OPERATOR(pg_catalog.=) p.last_year
	            THEN p.period_additions OPERATOR(@extschema@./) (p.last_year OPERATOR(pg_catalog.-) p.first_year OPERATOR(pg_catalog.+) 1)::bigint END AS averaged_additions,
	       CASE WHEN p.method OPERATOR(pg_catalog.=) 'averaging' AND p.year OPERATOR(pg_catalog.=) p.last_year
	            THEN p.period_subtractions OPERATOR(@extschema@./) (p.last_year OPERATOR(pg_catalog.-) p.first_year OPERATOR(pg_catalog.+) 1)::bigint END AS averaged_subtractions
	  FROM per p
)
SELECT a.party, a.year, a.emissions AS reported_emissions, a.additions, a.subtractions,
       (a.emissions OPERATOR(@extschema@.+) a.additions) OPERATOR(@extschema@.-) a.subtractions AS adjusted_emissions,
       a.first_year AS ndc_first_year, a.last_year AS ndc_last_year, a.kind AS ndc_kind, a.method AS ndc_method,
       a.period_emissions, a.period_additions, a.period_subtractions,
       (a.period_emissions OPERATOR(@extschema@.+) a.period_additions) OPERATOR(@extschema@.-) a.period_subtractions
           AS period_adjusted_emissions,
       a.averaged_additions, a.averaged_subtractions,
       (a.emissions OPERATOR(@extschema@.+) a.averaged_additions) OPERATOR(@extschema@.-) a.averaged_subtractions
           AS averaged_emissions
  FROM av a;
COMMENT ON VIEW @extschema@.party_balance IS
	'Emissions balance per party and year: reported emissions, corresponding adjustments, adjusted balance, and the NDC-period figures (cumulative; averaging in the target year of a single-year NDC)';
COMMENT ON COLUMN @extschema@.party_balance.party IS 'Party (ISO alpha-3)';
COMMENT ON COLUMN @extschema@.party_balance.year IS 'Calendar year';
COMMENT ON COLUMN @extschema@.party_balance.reported_emissions IS 'Emissions the party reported for the year (NULL if none)';
COMMENT ON COLUMN @extschema@.party_balance.additions IS 'ITMOs first transferred by the party with this vintage year (added)';
COMMENT ON COLUMN @extschema@.party_balance.subtractions IS 'ITMOs the party used toward its NDC for this year (subtracted)';
COMMENT ON COLUMN @extschema@.party_balance.adjusted_emissions IS 'reported_emissions + additions - subtractions (annual adjustment)';
COMMENT ON COLUMN @extschema@.party_balance.ndc_first_year IS 'First year of the NDC period the year lies in (NULL outside NDC periods)';
COMMENT ON COLUMN @extschema@.party_balance.ndc_last_year IS 'Last (target) year of that NDC period';
COMMENT ON COLUMN @extschema@.party_balance.ndc_kind IS 'single_year or multi_year';
COMMENT ON COLUMN @extschema@.party_balance.ndc_method IS 'trajectory or averaging';
COMMENT ON COLUMN @extschema@.party_balance.period_emissions IS 'Reported emissions from the first year of the NDC period through this year';
COMMENT ON COLUMN @extschema@.party_balance.period_additions IS 'Additions from the first year of the NDC period through this year';
COMMENT ON COLUMN @extschema@.party_balance.period_subtractions IS 'Subtractions from the first year of the NDC period through this year';
COMMENT ON COLUMN @extschema@.party_balance.period_adjusted_emissions IS 'period_emissions + period_additions - period_subtractions (cumulative; the multi-year figure in the last year)';
COMMENT ON COLUMN @extschema@.party_balance.averaged_additions IS 'Averaging method, target year only: additions over the whole period / number of years of the period';
COMMENT ON COLUMN @extschema@.party_balance.averaged_subtractions IS 'Averaging method, target year only: subtractions over the whole period / number of years of the period';
COMMENT ON COLUMN @extschema@.party_balance.averaged_emissions IS 'Averaging method, target year only: reported_emissions + averaged_additions - averaged_subtractions';

-- Unit-level ITMO identifier of one unit of an authorized block (no lookups).
CREATE FUNCTION @extschema@.itmo_unit_id(approach text, registry_id text, party text, b @extschema@.certblock,
	unit bigint, vintage tstzrange)
RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT format('%s/%s/%s/%s:%s:%s/%s', $1, $2, $3, @extschema@.scheme($4), @extschema@.space($4), $5,
		@extschema@.vintage_year($6))
$$;
COMMENT ON FUNCTION @extschema@.itmo_unit_id(text, text, text, @extschema@.certblock, bigint, tstzrange) IS
	'ITMO unique identifier of one unit: approach/registry id/first transferring party/serial/vintage year';

CREATE VIEW @extschema@.aef_authorization AS
SELECT a.id AS authorization_id, pg_catalog.timezone('UTC', a.authorized_at)::date AS authorization_date,
       a.approach AS cooperative_approach, a.party AS authorizing_party, g.registry_id AS party_registry_id,
       (SELECT c.parties FROM @extschema@.cooperative_approach c WHERE c.id OPERATOR(pg_catalog.=) a.approach)
           AS authorized_parties,
       '1 t'::@extschema@.co2e OPERATOR(@extschema@.*) a.quantity AS authorized_quantity,
       CASE WHEN a.for_ndc AND a.for_oimp THEN 'NDC and OIMP' WHEN a.for_ndc THEN 'NDC' ELSE 'OIMP' END AS purposes,
       a.oimp, a.first_transfer AS first_transfer_definition,
       coalesce(a.block::text, a.mechanism OPERATOR(pg_catalog.||) ' issuances of asset ' OPERATOR(pg_catalog.||) a.asset_id) AS scope,
       a.timeframe, a.asset_id,
       coalesce((SELECT pg_catalog.sum(@extschema@.units(ib.block)) FROM @extschema@.itmo_block ib
                  WHERE ib.authorization_id OPERATOR(pg_catalog.=) a.id), 0) AS units_authorized,
       coalesce((SELECT pg_catalog.sum(@extschema@.units(r.block)) FROM @extschema@.itmo_revocation r
                  WHERE r.authorization_id OPERATOR(pg_catalog.=) a.id), 0) AS units_revoked,
       coalesce((SELECT pg_catalog.sum(@extschema@.units(c.block)) FROM @extschema@.corresponding_adjustment c
                  WHERE c.authorization_id OPERATOR(pg_catalog.=) a.id AND c.kind OPERATOR(pg_catalog.=) 'addition'), 0)
           AS units_first_transferred
  FROM @extschema@.itmo_authorization a
  LEFT JOIN @extschema@.party_registry g ON g.party OPERATOR(pg_catalog.=) a.party;
COMMENT ON VIEW @extschema@.aef_authorization IS 'AEF table 2 (authorizations): one row per authorization';
COMMENT ON COLUMN @extschema@.aef_authorization.authorization_id IS 'Authorization id';
COMMENT ON COLUMN @extschema@.aef_authorization.authorization_date IS 'Date of the authorization (UTC)';
COMMENT ON COLUMN @extschema@.aef_authorization.cooperative_approach IS 'Cooperative approach id (CA + 4 digits)';
COMMENT ON COLUMN @extschema@.aef_authorization.authorizing_party IS 'Host party that authorized';
COMMENT ON COLUMN @extschema@.aef_authorization.party_registry_id IS 'Registry id of the authorizing party';
COMMENT ON COLUMN @extschema@.aef_authorization.authorized_parties IS 'Parties of the cooperative approach (for a bilateral programme, the only parties whose NDCs the units may count toward)';
COMMENT ON COLUMN @extschema@.aef_authorization.authorized_quantity IS 'Authorized quantity (a maximum), t CO2e';
COMMENT ON COLUMN @extschema@.aef_authorization.purposes IS 'NDC, OIMP, or NDC and OIMP';
COMMENT ON COLUMN @extschema@.aef_authorization.oimp IS 'The other international mitigation purpose (e.g. CORSIA)';
COMMENT ON COLUMN @extschema@.aef_authorization.first_transfer_definition IS 'First-transfer definition for OIMP: authorization, issuance or use_or_cancellation';
COMMENT ON COLUMN @extschema@.aef_authorization.scope IS 'The authorized block, or the mechanism and asset whose issuances are authorized';
COMMENT ON COLUMN @extschema@.aef_authorization.timeframe IS 'Vintage range of the authorized issuances (authorization by issuance)';
COMMENT ON COLUMN @extschema@.aef_authorization.asset_id IS 'Project whose units are authorized';
COMMENT ON COLUMN @extschema@.aef_authorization.units_authorized IS 'Issued units the authorization covers so far';
COMMENT ON COLUMN @extschema@.aef_authorization.units_revoked IS 'Units whose authorization was revoked';
COMMENT ON COLUMN @extschema@.aef_authorization.units_first_transferred IS 'Units first transferred (each with one addition)';

CREATE VIEW @extschema@.aef_action AS
SELECT x.id AS action_id, pg_catalog.timezone('UTC', x.at)::date AS action_date, x.action AS action_type,
       a.approach AS cooperative_approach, x.authorization_id, a.party AS first_transferring_party,
       g.registry_id AS party_registry_id,
       @extschema@.itmo_unit_id(a.approach, g.registry_id, a.party, x.block, @extschema@.first_unit(x.block), x.vintage) AS first_itmo_id,
       @extschema@.itmo_unit_id(a.approach, g.registry_id, a.party, x.block, @extschema@.last_unit(x.block), x.vintage) AS last_itmo_id,
       @extschema@.scheme(x.block) AS underlying_registry,
       @extschema@.first_unit(x.block) AS first_unit_id, @extschema@.last_unit(x.block) AS last_unit_id,
       't CO2e'::text AS metric,
       '1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(x.block) AS quantity,
       @extschema@.vintage_year(x.vintage) AS vintage,
       x.transferring_party, x.acquiring_party, x.purpose, x.used_by AS using_party_or_entity,
       x.ndc_year AS ndc_use_year, c.kind AS corresponding_adjustment, c.party AS adjusting_party, c.year AS adjustment_year
  FROM @extschema@.itmo_action x
  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
  LEFT JOIN @extschema@.party_registry g ON g.party OPERATOR(pg_catalog.=) a.party
  LEFT JOIN @extschema@.corresponding_adjustment c ON c.action_id OPERATOR(pg_catalog.=) x.id;
COMMENT ON VIEW @extschema@.aef_action IS 'AEF table 3 (actions): every authorization, first transfer, international transfer, use and cancellation of authorized units';
COMMENT ON COLUMN @extschema@.aef_action.action_id IS 'Action id';
COMMENT ON COLUMN @extschema@.aef_action.action_date IS 'Date of the action (UTC)';
COMMENT ON COLUMN @extschema@.aef_action.action_type IS 'authorization, first_transfer, transfer, use_ndc, use_oimp, cancellation or revocation';
COMMENT ON COLUMN @extschema@.aef_action.cooperative_approach IS 'Cooperative approach id';
COMMENT ON COLUMN @extschema@.aef_action.authorization_id IS 'Authorization the units belong to';
COMMENT ON COLUMN @extschema@.aef_action.first_transferring_party IS 'First transferring party (the authorizing party)';
COMMENT ON COLUMN @extschema@.aef_action.party_registry_id IS 'Party ITMO registry id of the originating party';
COMMENT ON COLUMN @extschema@.aef_action.first_itmo_id IS 'ITMO unique identifier of the first unit';
COMMENT ON COLUMN @extschema@.aef_action.last_itmo_id IS 'ITMO unique identifier of the last unit';
COMMENT ON COLUMN @extschema@.aef_action.underlying_registry IS 'Scheme (mechanism) of the underlying units';
COMMENT ON COLUMN @extschema@.aef_action.first_unit_id IS 'First underlying unit serial';
COMMENT ON COLUMN @extschema@.aef_action.last_unit_id IS 'Last underlying unit serial';
COMMENT ON COLUMN @extschema@.aef_action.metric IS 'Metric of the quantity: t CO2e';
COMMENT ON COLUMN @extschema@.aef_action.quantity IS 'Quantity, t CO2e';
COMMENT ON COLUMN @extschema@.aef_action.vintage IS 'Vintage: the UTC year in which the mitigation period starts';
COMMENT ON COLUMN @extschema@.aef_action.transferring_party IS 'Party the units left (transfers and first transfers)';
COMMENT ON COLUMN @extschema@.aef_action.acquiring_party IS 'Party that acquired the units (transfers and first transfers)';
COMMENT ON COLUMN @extschema@.aef_action.purpose IS 'Purpose of a use or cancellation';
COMMENT ON COLUMN @extschema@.aef_action.using_party_or_entity IS 'Using party (NDC use) or entity (OIMP use)';
COMMENT ON COLUMN @extschema@.aef_action.ndc_use_year IS 'Calendar year of an NDC use';
COMMENT ON COLUMN @extschema@.aef_action.corresponding_adjustment IS 'addition or subtraction made by this action (NULL if none)';
COMMENT ON COLUMN @extschema@.aef_action.adjusting_party IS 'Party whose emissions balance the adjustment changes';
COMMENT ON COLUMN @extschema@.aef_action.adjustment_year IS 'Year of the emissions balance the adjustment applies to';

CREATE VIEW @extschema@.aef_holding AS
SELECT @extschema@.account_party(h.account_id) AS holding_party, h.account_id, h.status,
       a.id AS authorization_id, a.approach AS cooperative_approach, a.party AS first_transferring_party,
       x.part AS block,
       @extschema@.itmo_unit_id(a.approach, g.registry_id, a.party, x.part, @extschema@.first_unit(x.part), i.vintage) AS first_itmo_id,
       @extschema@.itmo_unit_id(a.approach, g.registry_id, a.party, x.part, @extschema@.last_unit(x.part), i.vintage) AS last_itmo_id,
       '1 t'::@extschema@.co2e OPERATOR(@extschema@.*) @extschema@.units(x.part) AS quantity,
       @extschema@.vintage_year(i.vintage) AS vintage,
       NOT EXISTS (SELECT 1 FROM @extschema@.itmo_ft_pieces(x.part, false)) AS first_transferred
  FROM @extschema@.holding h
 CROSS JOIN LATERAL @extschema@.itmo_parts(h.block) x
  JOIN @extschema@.itmo_authorization a ON a.id OPERATOR(pg_catalog.=) x.authorization_id
  JOIN @extschema@.credit i ON i.id OPERATOR(pg_catalog.=) x.instrument_id
  LEFT JOIN @extschema@.party_registry g ON g.party OPERATOR(pg_catalog.=) a.party
 WHERE h.family OPERATOR(pg_catalog.=) 'credit'
   AND EXISTS (SELECT 1 FROM @extschema@.itmo_block ib WHERE ib.block OPERATOR(@extschema@.&&) h.block);
COMMENT ON VIEW @extschema@.aef_holding IS 'AEF table 4 (holdings): authorized, unrevoked units by holding account and status';
COMMENT ON COLUMN @extschema@.aef_holding.holding_party IS 'Party of the holding account';
COMMENT ON COLUMN @extschema@.aef_holding.account_id IS 'Holding account';
COMMENT ON COLUMN @extschema@.aef_holding.status IS 'active, frozen, retired or cancelled';
COMMENT ON COLUMN @extschema@.aef_holding.authorization_id IS 'Authorization of the units';
COMMENT ON COLUMN @extschema@.aef_holding.cooperative_approach IS 'Cooperative approach id';
COMMENT ON COLUMN @extschema@.aef_holding.first_transferring_party IS 'First transferring (authorizing) party';
COMMENT ON COLUMN @extschema@.aef_holding.block IS 'Units held';
COMMENT ON COLUMN @extschema@.aef_holding.first_itmo_id IS 'ITMO unique identifier of the first unit';
COMMENT ON COLUMN @extschema@.aef_holding.last_itmo_id IS 'ITMO unique identifier of the last unit';
COMMENT ON COLUMN @extschema@.aef_holding.quantity IS 'Quantity, t CO2e';
COMMENT ON COLUMN @extschema@.aef_holding.vintage IS 'Vintage year';
COMMENT ON COLUMN @extschema@.aef_holding.first_transferred IS 'Whether every unit of the block has been first transferred';
