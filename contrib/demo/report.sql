-- greenattr demo report: what the registry built by demo.sql holds, and what
-- it says about 2024.  Every figure comes from greenattr's tables, views and
-- functions.  test/run-demo.sh writes this output to .work/demo/report.txt.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';
\set y '''[2024-01-01,2025-01-01)'''
\set week '''[2024-06-03,2024-06-10)'''

\echo '================================================================================'
\echo ' greenattr demo report: a green-attribute registry of five Chinese provinces, 2024'
\echo '================================================================================'
\echo 'Quantities are exact (integer grams, Wh and g/MWh inside); 1 certificate = 1 MWh,'
\echo '1 credit = 1 tCO2e, 1 energy-use right = 1 tce.  Times are UTC.'

\echo
\echo '1. Holdings per account'
\echo '-----------------------'
\echo 'Every issued unit, by the account that holds it and its status: active (may move),'
\echo 'retired (claimed), cancelled (expired unclaimed) or converted (its attribute became a credit).'
SELECT a.name AS account, e.name AS holder, scheme(h.block) AS mechanism, h.status,
       to_char(sum(units(h.block)), 'FM999,999,999,990') AS units, m.unit,
       count(*) AS blocks
  FROM holding h
  JOIN account a ON a.id = h.account_id
  JOIN entity e ON e.id = a.holder_id
  JOIN mechanism m ON m.code = scheme(h.block)
 GROUP BY a.id, a.name, e.name, scheme(h.block), h.status, m.unit
 ORDER BY a.id, mechanism, h.status;

\echo
\echo '2. Retirements'
\echo '--------------'
\echo 'Units retired for a claim: on whose behalf, for what, for which period.'
SELECT scheme(h.block) AS mechanism, h.beneficiary, h.purpose,
       CASE WHEN upper(h.claimed_period) - lower(h.claimed_period) = interval '1 hour'
            THEN 'hour of each certificate''s vintage'
            ELSE coalesce(lower(h.claimed_period)::date || ' to ' || (upper(h.claimed_period)::date - 1), '-') END AS claimed_for,
       to_char(sum(units(h.block)), 'FM999,999,999,990') AS units, m.unit
  FROM holding h JOIN mechanism m ON m.code = scheme(h.block)
 WHERE h.status = 'retired'
 GROUP BY 1, 2, 3, 4, m.unit
 ORDER BY 2, 1, 3;

\echo
\echo '3. Residual mix per province, 2024, next to the grid average'
\echo '--------------------------------------------------------------'
\echo 'Grid average: generation emissions / generation (location-based factor).  Residual mix:'
\echo 'the factor of consumption that no certificate covers (market-based factor), after the'
\echo 'attributes carried by certificates and green power leave the mix; a deficit of'
\echo 'attributes (an importing province) is filled at the residual mix of China (CN).'
SELECT r.region, rg.name,
       to_char(mwh(b.generation) / 1e6, 'FM9,990.000') AS "generation TWh",
       to_char(mwh(b.tracked) / 1e6, 'FM990.000') AS "tracked TWh",
       to_char(mwh(b.claimed) / 1e6, 'FM990.000') AS "claimed TWh",
       to_char(mwh(b.deficit) / 1e6, 'FM990.000') AS "deficit TWh",
       b.grid_factor::numeric AS "grid average t/MWh",
       b.residual_factor::numeric AS "residual mix t/MWh",
       to_char(100 * (b.residual_factor / b.grid_factor - 1), 'FMS990.0') || ' %' AS "residual vs grid"
  FROM (VALUES (1, 'CN-GD'), (2, 'CN-YN'), (3, 'CN-BJ'), (4, 'CN-NM'), (5, 'CN-HA'), (6, 'CN')) r (ord, region)
  JOIN region rg ON rg.code = r.region
  CROSS JOIN LATERAL residual_balance(r.region, :y) b
 ORDER BY r.ord;

\echo
\echo '4. Scope 2 statement, 2024'
\echo '--------------------------'
SELECT format(E'%s, electricity consumed in %s: %s MWh.\n'
              '  Location-based Scope 2: %s tCO2e (grid average %s t/MWh).\n'
              '  Market-based Scope 2:   %s tCO2e: %s MWh covered by certificates and green power\n'
              '                          at 0 t/MWh, %s MWh at the residual mix %s t/MWh.',
              e.name, s.region, to_char(mwh(s.consumption), 'FM999,999,999,990.0'),
              to_char(tonnes(s.location_co2e), 'FM999,999,999,990.000'), s.location_factor::numeric,
              to_char(tonnes(s.market_co2e), 'FM999,999,999,990.000'), to_char(mwh(s.covered), 'FM999,999,999,990.0'),
              to_char(mwh(s.consumption - s.covered), 'FM999,999,999,990.0'), s.residual_factor::numeric) AS statement
  FROM scope2(3, :y) s JOIN entity e ON e.id = 3 \gset
\echo :statement
\echo
\echo 'Every consumer of the registry (scope2_yearly):'
SELECT entity, region, to_char(mwh(consumption), 'FM999,999,999,990.0') AS "consumption MWh",
       to_char(mwh(covered), 'FM999,999,999,990.0') AS "covered MWh",
       location_factor::numeric AS "grid t/MWh", residual_factor::numeric AS "residual t/MWh",
       to_char(tonnes(location_co2e), 'FM999,999,999,990.000') AS "location-based t",
       to_char(tonnes(market_co2e), 'FM999,999,999,990.000') AS "market-based t"
  FROM scope2_yearly WHERE year = 2024 ORDER BY entity_id, region;

\echo
\echo '5. Hourly (24/7) matching of the data centre, 3-9 June 2024'
\echo '------------------------------------------------------------'
\echo 'Per hour: consumption against the certificates of that same hour claimed for it'
\echo '(Yangjiang offshore wind, Zhaoqing solar).  Volume matching compares weekly totals;'
\echo 'hourly matching counts only what each hour covers (the CFE score).'
SELECT to_char(sum(mwh(consumption)), 'FM999,990.0') AS "consumption MWh",
       to_char(sum(mwh(certificates)), 'FM999,990.0') AS "certificates MWh",
       to_char(100 * sum(mwh(certificates)) / sum(mwh(consumption)), 'FM990.0') || ' %' AS "volume matching",
       to_char(sum(mwh(matched)), 'FM999,990.0') AS "matched MWh",
       to_char(sum(mwh(unmatched)), 'FM999,990.0') AS "unmatched MWh",
       to_char(sum(mwh(surplus)), 'FM999,990.0') AS "surplus MWh",
       to_char(100 * cfe_score(3, :week), 'FM990.0') || ' %' AS "hourly CFE score"
  FROM hourly_match(3, :week);
SELECT hour::date AS "day (UTC)",
       to_char(sum(mwh(consumption)), 'FM99,990.0') AS "consumption MWh",
       to_char(sum(mwh(certificates)), 'FM99,990.0') AS "certificates MWh",
       to_char(sum(mwh(matched)), 'FM99,990.0') AS "matched MWh",
       count(*) FILTER (WHERE unmatched > '0 MWh') AS "hours short",
       to_char(100 * sum(mwh(matched)) / sum(mwh(consumption)), 'FM990.0') || ' %' AS "CFE"
  FROM hourly_match(3, :week) GROUP BY 1 ORDER BY 1;

\echo
\echo '6. Attempted double counts, and the rule that stopped each one'
\echo '-------------------------------------------------------------'
SELECT n AS "#", attempt, rule, sqlstate FROM demo.refusal ORDER BY n;
\echo 'The messages:'
SELECT n AS "#", message FROM demo.refusal ORDER BY n;

\echo
\echo '7. Compliance and international transfers'
\echo '-----------------------------------------'
\echo 'Guangdong ETS: offset credits surrendered for 2024 (limit: 10 % of verified emissions, >= 70 % of CCERs from Guangdong).'
SELECT e.name AS entity, s.market, s.compliance_year, s.ruleset, s.block, s.units AS "tCO2e", a.name AS project, s.region
  FROM surrender s JOIN entity e ON e.id = s.entity_id JOIN asset a ON a.id = s.asset_id ORDER BY s.id;
\echo 'Article 6 (JCM Japan-Thailand): corresponding adjustments (addition by the host at first transfer,'
\echo 'subtraction by the user at NDC use).'
SELECT c.party, c.kind, c.year, c.block, c.quantity, itmo_id(c.block) AS "ITMO identifier"
  FROM corresponding_adjustment c ORDER BY c.id;

\echo
\echo '8. Checks'
\echo '---------'
SELECT count(*) AS "audit(): broken invariants" FROM audit();
\echo 'Key figures next to their recomputation from the raw rows in plain numeric SQL (demo.self_check):'
SELECT figure, greenattr, recomputed, greenattr = recomputed AS equal FROM demo.self_check;
