-- Text and binary input/output of co2e, energy and emission_factor.
SET search_path = public, greenattr;
\i sql/include/try.sql

-- Every co2e unit, with and without the CO2 / CO2e suffix; a bare number is tonnes.
SELECT u AS unit, ('1.5 ' || u)::co2e AS "1.5", ('-2 ' || u)::co2e AS "-2"
FROM unnest(ARRAY['g', 'gCO2', 'gCO2e', 'kg', 'kgCO2', 'kgCO2e', 't', 'tCO2', 'tCO2e',
                  'kt', 'ktCO2', 'ktCO2e', 'Mt', 'MtCO2', 'MtCO2e', 'Gt', 'GtCO2', 'GtCO2e']) u
WHERE u NOT LIKE 'g%';
SELECT '2 g'::co2e, '2 gCO2'::co2e, '2 gCO2e'::co2e, '12'::co2e AS bare;
-- Every energy unit; a bare number is MWh.  1 tce = 8141 kWh, 1 kgce = 8141 Wh.
SELECT u AS unit, ('3 ' || u)::energy AS "3", ('-0.5 ' || u)::energy AS "-0.5"
FROM unnest(ARRAY['kWh', 'MWh', 'GWh', 'TWh', 'tce']) u;
SELECT '3 Wh'::energy, '3 kgce'::energy, '2.5'::energy AS bare;
SELECT '1 tce'::energy = '8141 kWh'::energy AS tce_is_8141_kwh,
       '1 kgce'::energy = '8141 Wh'::energy AS kgce_is_8141_wh,
       '29.3076 GJ'::text AS "(1 tce in GJ, not an accepted unit)";
-- Every emission_factor unit mass/energy; a bare number is t/MWh.
-- (0.6565 kg/MWh is 656.5 g/MWh: finer than the resolution.)
SELECT m || '/' || e AS unit, ('2 ' || m || '/' || e)::emission_factor AS "2",
       pg_temp.try(format('%L::emission_factor', '0.6565 ' || m || '/' || e)) AS "0.6565"
FROM unnest(ARRAY['g', 'gCO2', 'gCO2e', 'kg', 'kgCO2', 'kgCO2e', 't', 'tCO2', 'tCO2e']) m,
     unnest(ARRAY['kWh', 'MWh']) e;
SELECT '656 g/MWh'::emission_factor, '656 gCO2/kWh'::emission_factor,
       '656 gCO2e/kWh'::emission_factor, '0.6565'::emission_factor AS bare;

-- Number syntax: sign, point, exponent, spaces before the unit and around the text.
SELECT v AS input, v::co2e AS co2e
FROM unnest(ARRAY['+1.5 t', '-1.5 t', '1.5t', '1.5    t', E'  1.5\tt  ', '.5 t', '5. t',
                  '1e3 g', '1E3 g', '1.5e-3 t', '1.5E+2 kg', '1000e-9 t', '0.0000010 t',
                  '000012 t', '0 t', '-0 t', '0.000000000 t', '0e-999999999999 t',
                  '12.000000000000000000000000000000 t']) v;
-- Canonical output: tonnes, MWh, t/MWh, up to six decimals, zeros trimmed, not in integers.
SELECT '100 t'::co2e, '1.500000 t'::co2e, '1.000001 t'::co2e, '-0.000001 t'::co2e,
       '10 kt'::co2e, '2.5 MWh'::energy, '100 GWh'::energy, '0.6565 t/MWh'::emission_factor;
-- The whole int64 range in base units, both ends, and the first values outside.
SELECT v AS input, pg_temp.try(format('%L::co2e', v)) AS co2e
FROM unnest(ARRAY['9223372036854775807 g', '-9223372036854775808 g',
                  '9223372036854.775807 t', '-9223372036854.775808 t',
                  '9223.372036854775807 Gt', '-9223.372036854775808 Gt',
                  '9223372036854775808 g', '-9223372036854775809 g',
                  '9223372036854.775808 t', '-9223372036854.775809 t',
                  '9223.372036854775808 Gt', '1e30 t', '-1e30 t', '1e999999999999 t',
                  '1e99999999999999999999999999 t']) v;
SELECT v AS input, pg_temp.try(format('%L::energy', v)) AS energy
FROM unnest(ARRAY['9223372036854775807 Wh', '-9223372036854775808 Wh',
                  '1132953204379.655 tce', '-1132953204379.655 tce',
                  '1132953204379.656 tce', '-1132953204379.656 tce', '1132953204380 tce']) v;
SELECT v AS input, pg_temp.try(format('%L::emission_factor', v)) AS emission_factor
FROM unnest(ARRAY['9223372036854775807 g/MWh', '-9223372036854775808 g/MWh',
                  '9223372036.854775807 t/kWh', '9223372036.854775808 t/kWh',
                  '-9223372036.854775809 t/kWh']) v;
-- Output reads back as the same value.
SELECT v, v::text::co2e = v AS round_trips
FROM unnest(ARRAY['9223372036854775807 g'::co2e, '-9223372036854775808 g', '-1 g', '0 g']) v;
SELECT v, v::text::energy = v AS round_trips
FROM unnest(ARRAY['9223372036854775807 Wh'::energy, '-9223372036854775808 Wh', '1 kgce']) v;
SELECT v, v::text::emission_factor = v AS round_trips
FROM unnest(ARRAY['9223372036854775807 g/MWh'::emission_factor, '-9223372036854775808 g/MWh',
                  '1 g/kWh']) v;

-- Rejected: finer than the resolution (22P02), next to accepted neighbours.
SELECT v AS input, pg_temp.try(format('%L::co2e', v)) AS co2e
FROM unnest(ARRAY['0.0000001 t', '1.0000005 t', '0.5 g', '15e-7 t', '1e-1 kg', '1e-4 kg',
                  '0.0000000001 t', '1e-999999999999 t', '1e-99999999999999999999999999 t',
                  '-0.0000005 t']) v;
SELECT v AS input, pg_temp.try(format('%L::energy', v)) AS energy
FROM unnest(ARRAY['0.0001 tce', '0.001 tce', '1.5 kgce', '2 kgce', '0.5 Wh', '0.0000001 MWh']) v;
SELECT v AS input, pg_temp.try(format('%L::emission_factor', v)) AS emission_factor
FROM unnest(ARRAY['0.5 g/MWh', '0.0005 g/kWh', '0.001 g/kWh', '0.0000001']) v;
-- Very long numbers: the error class follows from the digits alone, without computing them.
-- (A number both too large and finer than the resolution is reported as too fine.)
SELECT left(pg_temp.try(format('%L::co2e', '1' || repeat('0', 100000) || ' g')), 50) AS "1e100000 g",
       left(pg_temp.try(format('%L::co2e', '0.' || repeat('0', 100000) || '1 t')), 50) AS "1e-100001 t",
       left(pg_temp.try(format('%L::co2e', '1' || repeat('0', 100000) || 'e-100000 g')), 50) AS "1 g",
       left(pg_temp.try(format('%L::co2e', '1' || repeat('0', 100000) || 'e-99999999999999999999 g')), 50)
         AS "1e(100000 - 1e20) g";
SELECT pg_temp.try(format('%L::co2e', repeat('9', 30) || '.5 g')) AS "30 nines and a half gram";

-- Rejected: bad syntax (22P02).
SELECT v AS input, pg_temp.try(format('%L::co2e', v)) AS co2e
FROM unnest(ARRAY['', '   ', 't', '-', '+', '.', '. t', '1.2.3 t', '--1 t', '+-1 t', '- 1 t',
                  '1e t', '1e+ t', '1e', 'NaN', 'Infinity', '-Infinity', '1,5 t', '1_000 t',
                  '(1) t']) v;
-- Rejected: unknown units, case-sensitive (22P02).
SELECT v AS input, pg_temp.try(format('%L::co2e', v)) AS co2e
FROM unnest(ARRAY['12 tonnes', '1 mt', '1 MT', '1 T', '1 KG', '1 kgco2e', '1 t CO2e', '1 tCO2E',
                  '1 tco2', '1 tCO2ee', '1 tCH4', '1 kWh', '1 t/MWh', '1 e3 t', '1 t t', '0x10 t',
                  '1 lb']) v;
SELECT v AS input, pg_temp.try(format('%L::energy', v)) AS energy
FROM unnest(ARRAY['1 mwh', '1 kwh', '1 KWh', '1 J', '1 GJ', '1 tCe', '1 TCE', '1 t', '1 W',
                  '1 PWh']) v;
SELECT v AS input, pg_temp.try(format('%L::emission_factor', v)) AS emission_factor
FROM unnest(ARRAY['1 t / MWh', '1 t/ MWh', '1 t/GWh', '1 t/Wh', '1 Mt/MWh', '1 kt/MWh',
                  '1 tCO2e/kwh', '1 /MWh', '1 t/', '1 t', '1 MWh', '1 kg/kWh/h', '1 t/MWh2']) v;
-- The messages in full: detail and hint say what is accepted.
SELECT '12 tonnes'::co2e;
SELECT '1 mt'::co2e;
SELECT ''::co2e;
SELECT '0.0000001 t'::co2e;
SELECT '1e30 t'::co2e;
SELECT '1.5 kgce'::energy;
SELECT '1 GJ'::energy;
SELECT '1 t / MWh'::emission_factor;
SELECT '0.5 g/MWh'::emission_factor;
SELECT '9223372036854775808 g/MWh'::emission_factor;

-- Binary form: the int64 in base units, big-endian.
SELECT co2e_send('1.5 t') AS "1500000 g", co2e_send('-1 g') AS "-1 g",
       co2e_send('-9223372036854775808 g') AS "int64 min",
       energy_send('1 tce') AS "8141000 Wh", emission_factor_send('0.6565') AS "656500 g/MWh";
-- COPY BINARY round trip, through a file in the server's data directory.
CREATE TABLE quantity_copy (id int, c co2e, e energy, f emission_factor);
INSERT INTO quantity_copy VALUES
	(1, '1.5 t', '2.5 MWh', '0.6565 t/MWh'),
	(2, '-0.000001 t', '1 kgce', '1 g/kWh'),
	(3, '9223372036854775807 g', '9223372036854775807 Wh', '9223372036854775807 g/MWh'),
	(4, '-9223372036854775808 g', '-9223372036854775808 Wh', '-9223372036854775808 g/MWh'),
	(5, NULL, '0 MWh', NULL);
SELECT format('cat > %L', current_setting('data_directory') || '/quantity_copy.bin') AS copy_out,
       format('cat %1$L && rm %1$L', current_setting('data_directory') || '/quantity_copy.bin') AS copy_in
\gset
COPY quantity_copy TO PROGRAM :'copy_out' (FORMAT binary);
-- Row 1 as COPY wrote it: 4 fields, then each field as length 8 + int64 (1, 1500000, 2500000, 656500).
SELECT position('\x0004000000040000000100000008000000000016e3600000000800000000002625a00000000800000000000a0474'::bytea
                IN pg_read_binary_file('quantity_copy.bin')) > 0 AS row1_as_expected;
CREATE TABLE quantity_copy_back (LIKE quantity_copy);
COPY quantity_copy_back FROM PROGRAM :'copy_in' (FORMAT binary);
SELECT * FROM quantity_copy_back ORDER BY id;
SELECT count(*) AS rows_back,
       (SELECT count(*) FROM (TABLE quantity_copy EXCEPT TABLE quantity_copy_back) d) AS lost,
       (SELECT count(*) FROM (TABLE quantity_copy_back EXCEPT TABLE quantity_copy) d) AS changed
FROM quantity_copy_back;
DROP TABLE quantity_copy, quantity_copy_back;
