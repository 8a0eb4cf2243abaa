-- Arithmetic, casts and accessors of co2e, energy and emission_factor.
SET search_path = public, greenattr;
\i sql/include/try.sql
CREATE FUNCTION pg_temp.try_all(exprs text[]) RETURNS TABLE (expression text, result text)
LANGUAGE sql AS $$ SELECT e, pg_temp.try(e) FROM unnest(exprs) e $$;

-- The worked values of the issue.
SELECT '2.5 GWh'::energy * '0.6565 t/MWh'::emission_factor AS product,
       '2.5 GWh'::energy * '0.6565 t/MWh'::emission_factor = '1641.25 t'::co2e AS product_ok,
       '1000 t'::co2e / '900 MWh'::energy AS factor,
       '1000 t'::co2e / '900 MWh'::energy = '1.111111 t/MWh'::emission_factor AS factor_ok,
       '1 tce'::energy = '8141 kWh'::energy AS tce_ok;

-- + and - within a type; unary minus and plus; overflow at both ends is 22003.
SELECT * FROM pg_temp.try_all(ARRAY[
	$$'1.5 t'::co2e + '2.25 t'::co2e$$,
	$$'1 g'::co2e - '2 g'::co2e$$,
	$$-'1.5 t'::co2e$$,
	$$+'1.5 t'::co2e$$,
	$$- -'1.5 t'::co2e$$,
	$$'9223372036854775806 g'::co2e + '1 g'::co2e$$,
	$$'9223372036854775807 g'::co2e + '1 g'::co2e$$,
	$$'-9223372036854775807 g'::co2e - '1 g'::co2e$$,
	$$'-9223372036854775808 g'::co2e - '1 g'::co2e$$,
	$$'-9223372036854775808 g'::co2e + '9223372036854775807 g'::co2e$$,
	$$-'9223372036854775807 g'::co2e$$,
	$$-'-9223372036854775808 g'::co2e$$,
	$$'2.5 MWh'::energy + '1 kgce'::energy$$,
	$$'1 MWh'::energy - '1 tce'::energy$$,
	$$-'2.5 MWh'::energy$$,
	$$+'2.5 MWh'::energy$$,
	$$'9223372036854775807 Wh'::energy + '1 Wh'::energy$$,
	$$'-9223372036854775808 Wh'::energy - '1 Wh'::energy$$,
	$$-'-9223372036854775808 Wh'::energy$$,
	$$'0.6565 t/MWh'::emission_factor + '1 g/kWh'::emission_factor$$,
	$$'0.5 t/MWh'::emission_factor - '0.6565 t/MWh'::emission_factor$$,
	$$-'0.6565'::emission_factor$$,
	$$+'0.6565'::emission_factor$$,
	$$'9223372036854775807 g/MWh'::emission_factor + '1 g/MWh'::emission_factor$$,
	$$'-9223372036854775808 g/MWh'::emission_factor - '1 g/MWh'::emission_factor$$,
	$$-'-9223372036854775808 g/MWh'::emission_factor$$]);
-- The full message of an overflow names the range.
SELECT '9223372036854775807 g'::co2e + '1 g'::co2e;

-- * and / by bigint: exact int128 product; quotient rounded half away from zero.
SELECT * FROM pg_temp.try_all(ARRAY[
	$$'1.5 t'::co2e * 3::int8$$,
	$$3::int8 * '1.5 t'::co2e$$,
	$$'10 t'::co2e / 3::int8$$,
	$$'-10 t'::co2e / 3::int8$$,
	$$'5 g'::co2e / 2::int8$$,
	$$'-5 g'::co2e / 2::int8$$,
	$$'5 g'::co2e / -2::int8$$,
	$$'-5 g'::co2e / -2::int8$$,
	$$'7 g'::co2e / 2::int8$$,
	$$'4 g'::co2e / 3::int8$$,
	$$'5 g'::co2e / 3::int8$$,
	$$'-4 g'::co2e / 3::int8$$,
	$$'-5 g'::co2e / 3::int8$$,
	$$'1 g'::co2e * 9223372036854775807::int8$$,
	$$'-1 g'::co2e * 9223372036854775807::int8$$,
	$$'2 g'::co2e * 4611686018427387903::int8$$,
	$$'2 g'::co2e * 4611686018427387904::int8$$,
	$$'-2 g'::co2e * 4611686018427387904::int8$$,
	$$'-2 g'::co2e * 4611686018427387905::int8$$,
	$$'9223372036854775807 g'::co2e * 9223372036854775807::int8$$,
	$$'-9223372036854775808 g'::co2e * -1::int8$$,
	$$'-9223372036854775808 g'::co2e / -1::int8$$,
	$$'-9223372036854775808 g'::co2e / 1::int8$$,
	$$'9223372036854775807 g'::co2e / 9223372036854775807::int8$$,
	$$'-9223372036854775808 g'::co2e / 9223372036854775807::int8$$,
	$$'1 g'::co2e / 0::int8$$,
	$$'2.5 MWh'::energy * 4::int8$$,
	$$4::int8 * '2.5 MWh'::energy$$,
	$$'1 MWh'::energy / 7::int8$$,
	$$'9223372036854775807 Wh'::energy * 2::int8$$,
	$$'1 MWh'::energy / 0::int8$$,
	$$'0.6565'::emission_factor * 2::int8$$,
	$$2::int8 * '0.6565'::emission_factor$$,
	$$'1'::emission_factor / 3::int8$$,
	$$'-9223372036854775808 g/MWh'::emission_factor * 2::int8$$,
	$$'1'::emission_factor / 0::int8$$]);

-- * and / by numeric: exact product and quotient, rounded once, half away from zero.
SELECT * FROM pg_temp.try_all(ARRAY[
	$$'10 t'::co2e * 0.5$$,
	$$0.5 * '10 t'::co2e$$,
	$$'1 g'::co2e * 0.5$$,
	$$'-1 g'::co2e * 0.5$$,
	$$'3 g'::co2e * 0.5$$,
	$$'1 g'::co2e * 0.49999999999999999999999999999$$,
	$$'-1 g'::co2e * 0.49999999999999999999999999999$$,
	$$'1 t'::co2e * 1.0000005$$,
	$$'1 t'::co2e * 1.00000049999$$,
	$$'1 g'::co2e * 9223372036854775807.4999$$,
	$$'1 g'::co2e * 9223372036854775807.5$$,
	$$'-1 g'::co2e * 9223372036854775808.4999$$,
	$$'-1 g'::co2e * 9223372036854775808.5$$,
	$$'9223372036854775807 g'::co2e * 1.0000000000000000001$$,
	$$'9223372036854775807 g'::co2e * 1.00000000000000000001$$,
	$$'10 t'::co2e / 4.0$$,
	$$'10 g'::co2e / 4.0$$,
	$$'-10 g'::co2e / 4.0$$,
	$$'10 g'::co2e / -4.0$$,
	$$'-10 g'::co2e / -4.0$$,
	$$'1 g'::co2e / 0.3$$,
	$$'2 g'::co2e / 0.8$$,
	$$'1 g'::co2e / 2.00000000000000000000001$$,
	$$'1 g'::co2e / 1.99999999999999999999999$$,
	$$'1 t'::co2e / 0.000000000000000000000000001$$,
	$$'1 g'::co2e / 0.0000000000000000001$$,
	$$'1 g'::co2e / 1000000000000000000000000000000$$,
	$$'1 g'::co2e / 0.0$$,
	$$'1 g'::co2e * 'NaN'::numeric$$,
	$$'NaN'::numeric * '1 g'::co2e$$,
	$$'1 g'::co2e * 'Infinity'::numeric$$,
	$$'1 g'::co2e * '-Infinity'::numeric$$,
	$$'1 g'::co2e / 'NaN'::numeric$$,
	$$'1 g'::co2e / 'Infinity'::numeric$$,
	$$'2.5 MWh'::energy * 1.5$$,
	$$1.5 * '2.5 MWh'::energy$$,
	$$'1 Wh'::energy * 2.5$$,
	$$'1 MWh'::energy / 3.0$$,
	$$'9223372036854775807 Wh'::energy * 1.5$$,
	$$'1 MWh'::energy / 0.0$$,
	$$'1 MWh'::energy * 'NaN'::numeric$$,
	$$'0.6565'::emission_factor * 0.5$$,
	$$0.5 * '0.6565'::emission_factor$$,
	$$'0.000001'::emission_factor * 1.5$$,
	$$'1'::emission_factor / 3.0$$,
	$$'9223372036854775807 g/MWh'::emission_factor / 0.5$$,
	$$'1'::emission_factor / 0.0$$,
	$$'1'::emission_factor / 'Infinity'::numeric$$]);

-- The quotient is not numeric_div then round: that rounds twice (1 / 2.00000000000000000000001
-- is 0.4999..., numeric_div gives 0.5000..., round gives 1).
SELECT round(1 / 2.00000000000000000000001) AS rounded_twice,
       '1 g'::co2e / 2.00000000000000000000001 AS quantity_quotient;

-- * and / by double precision: the float is taken at the digits of PostgreSQL's
-- float8-to-numeric cast (0.1 is 0.1), then exact.  An integer literal picks this path.
SELECT * FROM pg_temp.try_all(ARRAY[
	$$'1 t'::co2e * 0.1::float8$$,
	$$0.1::float8 * '1 t'::co2e$$,
	$$'1 g'::co2e * 0.5::float8$$,
	$$'-1 g'::co2e * 0.5::float8$$,
	$$'10 t'::co2e / 3::float8$$,
	$$'10 t'::co2e / 3$$,
	$$'10 t'::co2e * 3$$,
	$$'1 g'::co2e / 2::float8$$,
	$$'1 g'::co2e * 1e300::float8$$,
	$$'1 g'::co2e * 1e-300::float8$$,
	$$'1 g'::co2e / 1e-300::float8$$,
	$$'1 g'::co2e * 'NaN'::float8$$,
	$$'NaN'::float8 * '1 g'::co2e$$,
	$$'1 g'::co2e * 'Infinity'::float8$$,
	$$'1 g'::co2e * '-Infinity'::float8$$,
	$$'1 g'::co2e / 'NaN'::float8$$,
	$$'1 g'::co2e / 'Infinity'::float8$$,
	$$'1 g'::co2e / 0::float8$$,
	$$'1 g'::co2e / '-0'::float8$$,
	$$'2.5 MWh'::energy * 0.2::float8$$,
	$$0.2::float8 * '2.5 MWh'::energy$$,
	$$'2.5 MWh'::energy / 0.2::float8$$,
	$$'2.5 MWh'::energy * 'NaN'::float8$$,
	$$'2.5 MWh'::energy / 0::float8$$,
	$$'9223372036854775807 Wh'::energy * 1.5::float8$$,
	$$'0.6565'::emission_factor * 0.2::float8$$,
	$$0.2::float8 * '0.6565'::emission_factor$$,
	$$'0.6565'::emission_factor / 0.2::float8$$,
	$$'0.6565'::emission_factor / 'Infinity'::float8$$,
	$$'0.6565'::emission_factor / 0::float8$$,
	$$'-9223372036854775808 g/MWh'::emission_factor * 1.5::float8$$]);
SELECT '1 g'::co2e * 'NaN'::float8;

-- Ratios of two quantities of one type are plain numbers.
SELECT * FROM pg_temp.try_all(ARRAY[
	$$'2 t'::co2e / '3 t'::co2e$$,
	$$'3 t'::co2e / '1.5 t'::co2e$$,
	$$'-9223372036854775808 g'::co2e / '1 g'::co2e$$,
	$$'1 t'::co2e / '0 t'::co2e$$,
	$$'1 tce'::energy / '1 MWh'::energy$$,
	$$'1 MWh'::energy / '0 MWh'::energy$$,
	$$'0.6565'::emission_factor / '0.5810'::emission_factor$$,
	$$'1'::emission_factor / '0'::emission_factor$$]);

-- energy x emission_factor = co2e (Wh * g/MWh / 10^6, rounded half away from zero);
-- co2e / energy = emission_factor; co2e / emission_factor = energy.
SELECT * FROM pg_temp.try_all(ARRAY[
	$$'0.6565 t/MWh'::emission_factor * '2.5 GWh'::energy$$,
	$$'504 GWh'::energy * '0.6565 t/MWh'::emission_factor$$,
	$$'900 MWh'::energy * '1.111111 t/MWh'::emission_factor$$,
	$$'1 Wh'::energy * '500000 g/MWh'::emission_factor$$,
	$$'1 Wh'::energy * '499999 g/MWh'::emission_factor$$,
	$$'-1 Wh'::energy * '500000 g/MWh'::emission_factor$$,
	$$'-1 Wh'::energy * '-500000 g/MWh'::emission_factor$$,
	$$'500000 g/MWh'::emission_factor * '-1 Wh'::energy$$,
	$$'9223372036854775807 Wh'::energy * '1 g/MWh'::emission_factor$$,
	$$'-9223372036854775808 Wh'::energy * '1000000 g/MWh'::emission_factor$$,
	$$'9223372036854775807 Wh'::energy * '1000001 g/MWh'::emission_factor$$,
	$$'9223372036854775807 Wh'::energy * '9223372036854775807 g/MWh'::emission_factor$$,
	$$'-9223372036854775808 Wh'::energy * '-9223372036854775808 g/MWh'::emission_factor$$,
	$$'1000 t'::co2e / '900 MWh'::energy$$,
	$$'331 kt'::co2e / '504 GWh'::energy$$,
	$$'1 g'::co2e / '2 MWh'::energy$$,
	$$'1 g'::co2e / '2000001 Wh'::energy$$,
	$$'-1 g'::co2e / '2 MWh'::energy$$,
	$$'1 g'::co2e / '3 MWh'::energy$$,
	$$'9223372036854775807 g'::co2e / '1000000 Wh'::energy$$,
	$$'9223372036854775807 g'::co2e / '999999 Wh'::energy$$,
	$$'-9223372036854775808 g'::co2e / '1 Wh'::energy$$,
	$$'1 t'::co2e / '0 MWh'::energy$$,
	$$'1641.25 t'::co2e / '0.6565 t/MWh'::emission_factor$$,
	$$'1000 t'::co2e / '1.111111 t/MWh'::emission_factor$$,
	$$'1 g'::co2e / '2000000 g/MWh'::emission_factor$$,
	$$'-1 g'::co2e / '2000000 g/MWh'::emission_factor$$,
	$$'9223372036854775807 g'::co2e / '1000000000 g/MWh'::emission_factor$$,
	$$'9223372036854775807 g'::co2e / '1000000 g/MWh'::emission_factor$$,
	$$'9223372036854775807 g'::co2e / '999999 g/MWh'::emission_factor$$,
	$$'1 t'::co2e / '0 t/MWh'::emission_factor$$]);
-- Market-based Scope 2 of the seed's grid (100 MWh green + 900 MWh thermal emitting 1000 t):
-- the residual factor brings the 900 MWh back to the 1000 t emitted, to the gram rounding.
SELECT '1000 t'::co2e / '900 MWh'::energy AS residual_factor,
       '900 MWh'::energy * ('1000 t'::co2e / '900 MWh'::energy) AS consumer_b,
       '1000 t'::co2e - '900 MWh'::energy * ('1000 t'::co2e / '900 MWh'::energy) AS rounding_gap;

-- Casts to numeric, in t, MWh, t/MWh: exact, allowed in assignments, never implicit.
SELECT '1.5 t'::co2e::numeric AS t, '-0.000001 t'::co2e::numeric AS g,
       '-9223372036854775808 g'::co2e::numeric AS min, '2.5 MWh'::energy::numeric AS mwh,
       '1 kgce'::energy::numeric AS kgce, '0.6565 t/MWh'::emission_factor::numeric AS t_per_mwh,
       '12 t'::co2e::numeric AS twelve;
CREATE TABLE quantity_assign (n numeric, q co2e);
INSERT INTO quantity_assign (n) VALUES ('1.5 t'::co2e), ('9223372036854775807 g'::co2e);
SELECT n FROM quantity_assign;
SELECT '1.5 t'::co2e + 1.5;
SELECT round('1.5 t'::co2e);
-- Casts from numeric: explicit only, and rejected exactly like text input.
INSERT INTO quantity_assign (q) VALUES (1.5);
SELECT * FROM pg_temp.try_all(ARRAY[
	$$1.5::co2e$$,
	$$(-0.000001)::co2e$$,
	$$1.5000000000::co2e$$,
	$$9223372036854.775807::co2e$$,
	$$(-9223372036854.775808)::co2e$$,
	$$9223372036854.775808::co2e$$,
	$$(-9223372036854.775809)::co2e$$,
	$$1e30::co2e$$,
	$$1.0000001::co2e$$,
	$$'NaN'::numeric::co2e$$,
	$$'Infinity'::numeric::co2e$$,
	$$2.5::energy$$,
	$$0.0000005::energy$$,
	$$9223372036854.775808::energy$$,
	$$0.6565::emission_factor$$,
	$$0.00000001::emission_factor$$,
	$$(-9223372036854.775809)::emission_factor$$,
	$$'NaN'::numeric::emission_factor$$]);
SELECT 1.0000001::co2e;

-- Accessors: tonnes(), mwh() exact; tce() at numeric division precision, zeros trimmed.
SELECT tonnes('1.5 t'), tonnes('-9223372036854775808 g'), mwh('2.5 GWh'), mwh('1 Wh'),
       tce('1 tce'), tce('8141 Wh'), tce('1 MWh'), tce('-1 Wh'), tce('0 Wh');
