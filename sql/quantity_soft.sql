-- requires: pg16
-- Soft input errors (PostgreSQL 16+): the quantity input functions report through the
-- error-save context, so pg_input_is_valid() and pg_input_error_info() work.
SET search_path = public, greenattr;
SELECT v AS input, pg_input_is_valid(v, 'co2e') AS co2e, pg_input_is_valid(v, 'energy') AS energy,
       pg_input_is_valid(v, 'emission_factor') AS emission_factor
FROM unnest(ARRAY['1.5 tCO2e', '2.5 MWh', '0.6565 tCO2e/MWh', '12', '1 tce', '12 tonnes', '1 mt',
                  '0.0000001 t', '0.5 Wh', '0.5 g/MWh', '1e30 t', '9223372036854775808 Wh',
                  '9223372036854775807 g/MWh', '', 'NaN']) v;
-- Each class of error, with its SQLSTATE and detail.
SELECT v AS input, e.sql_error_code, e.message, e.detail
FROM unnest(ARRAY['1.5 t', '12 tonnes', '', '0.0000001 t', '1e30 t', '-9223372036854775809 g']) v,
     pg_input_error_info(v, 'co2e') e;
SELECT v AS input, e.sql_error_code, e.message, e.detail
FROM unnest(ARRAY['1 tce', '1 GJ', '1.5 kgce', '1132953204380 tce']) v,
     pg_input_error_info(v, 'energy') e;
SELECT v AS input, e.sql_error_code, e.message, e.detail
FROM unnest(ARRAY['1 g/kWh', '1 t / MWh', '0.0005 g/kWh', '9223372036.854775808 t/kWh']) v,
     pg_input_error_info(v, 'emission_factor') e;
-- The hints list the accepted units.
SELECT t AS type, e.hint
FROM unnest(ARRAY['co2e', 'energy', 'emission_factor']) t, pg_input_error_info('1 lb', t) e;
