-- CSV files for the charts and for check.py, written into the folder given as
-- psql variable out (test/run-demo.sh: -v out=.work/demo).  greenattr's results
-- (residual.csv, scope2.csv, hourly.csv) and the raw rows check.py recomputes
-- them from (raw_*.csv: plain columns of the registry's tables, no functions).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET search_path = public, greenattr;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';
\pset format csv

\o :out/residual.csv
SELECT r.region, rg.name, b.grid_factor::numeric AS grid_factor, b.residual_factor::numeric AS residual_factor,
       b.basis_co2e::numeric AS basis_co2e, b.basis_energy::numeric AS basis_energy
  FROM (VALUES (1, 'CN-GD'), (2, 'CN-YN'), (3, 'CN-BJ'), (4, 'CN-NM'), (5, 'CN-HA'), (6, 'CN')) r (ord, region)
  JOIN region rg ON rg.code = r.region
  CROSS JOIN LATERAL residual_balance(r.region, '[2024-01-01,2025-01-01)') b
 ORDER BY r.ord;

\o :out/scope2.csv
SELECT entity_id, entity, region, location_co2e::numeric AS location_co2e, market_co2e::numeric AS market_co2e
  FROM scope2_yearly WHERE year = 2024 ORDER BY entity_id, region;

\o :out/hourly.csv
SELECT to_char(hour, 'YYYY-MM-DD HH24:MI') AS hour_utc, mwh(consumption) AS consumption_mwh,
       mwh(certificates) AS certificates_mwh, mwh(matched) AS matched_mwh
  FROM hourly_match(3, '[2024-06-03,2024-06-10)') ORDER BY hour;

\o :out/summary.csv
SELECT round(100 * cfe_score(3, '[2024-06-03,2024-06-10)'), 1) AS cfe_percent,
       round(100 * sum(mwh(certificates)) / sum(mwh(consumption)), 1) AS volume_percent
  FROM hourly_match(3, '[2024-06-03,2024-06-10)');

-- Raw rows.  released_units: units of the issuance that expired unclaimed or
-- were converted into a credit (their attribute returns to the mix or moves).
\o :out/raw_instruments.csv
SELECT a.region, a.technology, v.kind AS activity_kind, lower(i.vintage) AS vintage_from, upper(i.vintage) AS vintage_to,
       i.claim_energy::numeric AS claim_mwh,
       coalesce((SELECT sum(last_unit(h.block) - first_unit(h.block) + 1) FROM holding h
                  WHERE h.instrument_id = i.id AND h.family = i.family
                    AND (h.status = 'converted' OR (h.status = 'cancelled' AND h.reason = 'expired'))), 0) AS released_units
  FROM instrument i JOIN asset a ON a.id = i.asset_id JOIN activity v ON v.id = i.activity_id
 WHERE i.claim_energy IS NOT NULL
 ORDER BY i.id;

\o :out/raw_claims.csv
SELECT c.entity_id, c.region, c.energy::numeric AS mwh, s.national_factor::numeric AS national_factor
  FROM consumption_claim c JOIN asset a ON a.id = c.asset_id JOIN energy_source s ON s.code = a.technology
 WHERE c.period <@ '[2024-01-01,2025-01-01)'::tstzrange
 ORDER BY c.holding_id;

\o :out/raw_consumption.csv
SELECT entity_id, region, energy::numeric AS mwh FROM consumption
 WHERE period <@ '[2024-01-01,2025-01-01)'::tstzrange ORDER BY id;
\o
