-- sum, avg, min and max over co2e, energy and emission_factor, serial and parallel.
SET search_path = public, greenattr;
\i sql/include/try.sql

CREATE TABLE quantity_agg (g text, c co2e, e energy, f emission_factor);
INSERT INTO quantity_agg VALUES
	('a', '1.5 t', '2.5 MWh', '0.6565 t/MWh'),
	('a', '2.25 t', '1 tce', '0.5810 t/MWh'),
	('a', NULL, NULL, NULL),
	('b', '-1 g', '1 Wh', '1 g/MWh'),
	('b', '-2 g', '2 Wh', '2 g/MWh'),
	('c', NULL, NULL, NULL);
SELECT g, sum(c), avg(c), min(c), max(c), count(c) FROM quantity_agg GROUP BY g ORDER BY g;
SELECT g, sum(e), avg(e), min(e), max(e) FROM quantity_agg GROUP BY g ORDER BY g;
SELECT g, sum(f), avg(f), min(f), max(f) FROM quantity_agg GROUP BY g ORDER BY g;
-- No rows: NULL, like sum() of numbers.
SELECT sum(c), avg(c), min(c), max(c), sum(e), avg(f) FROM quantity_agg WHERE false;
-- Running totals (aggregates as window functions), DISTINCT and FILTER.
SELECT g, c, sum(c) OVER (ORDER BY g, c NULLS FIRST) AS running
FROM quantity_agg ORDER BY g, c NULLS FIRST;
SELECT sum(DISTINCT c) AS distinct_sum, sum(c) FILTER (WHERE c > '0 t') AS positive_sum
FROM (SELECT c FROM quantity_agg UNION ALL SELECT c FROM quantity_agg) d;

-- The total is exact in 128 bits: partial sums may leave int64, only the final total
-- must fit (22003 otherwise, at both ends).
SELECT v AS expression, pg_temp.try(v) AS result FROM unnest(ARRAY[
	$$(SELECT sum(x) FROM unnest(ARRAY['9223372036854775807 g', '9223372036854775807 g', '-9223372036854775807 g']::co2e[]) x)$$,
	$$(SELECT sum(x) FROM unnest(ARRAY['-9223372036854775808 g', '-9223372036854775808 g', '9223372036854775807 g', '9223372036854775807 g']::co2e[]) x)$$,
	$$(SELECT sum(x) FROM unnest(ARRAY['9223372036854775807 g', '1 g']::co2e[]) x)$$,
	$$(SELECT sum(x) FROM unnest(ARRAY['-9223372036854775808 g', '-1 g']::co2e[]) x)$$,
	$$(SELECT sum(x) FROM unnest(ARRAY['9223372036854775807 Wh', '1 Wh']::energy[]) x)$$,
	$$(SELECT sum(x) FROM unnest(ARRAY['-9223372036854775808 Wh', '-1 Wh']::energy[]) x)$$,
	$$(SELECT sum(x) FROM unnest(ARRAY['9223372036854775807 g/MWh', '1 g/MWh']::emission_factor[]) x)$$,
	$$(SELECT sum(x) FROM unnest(ARRAY['-9223372036854775808 g/MWh', '-1 g/MWh']::emission_factor[]) x)$$,
	$$(SELECT avg(x) FROM unnest(ARRAY['9223372036854775807 g', '9223372036854775807 g']::co2e[]) x)$$,
	$$(SELECT avg(x) FROM unnest(ARRAY['-9223372036854775808 g', '-9223372036854775808 g']::co2e[]) x)$$,
	$$(SELECT avg(x) FROM unnest(ARRAY['-9223372036854775808 Wh', '9223372036854775807 Wh']::energy[]) x)$$]) v;
-- avg rounds half away from zero to the resolution.
SELECT avg(x) FILTER (WHERE k = 1) AS "1,2 g",
       avg(x) FILTER (WHERE k = 2) AS "-1,-2 g",
       avg(x) FILTER (WHERE k = 3) AS "1,1,2 g",
       avg(x) FILTER (WHERE k = 4) AS "1,2,2 g",
       avg(x) FILTER (WHERE k = 5) AS "-1,-1,-2 g"
FROM (VALUES (1, '1 g'::co2e), (1, '2 g'), (2, '-1 g'), (2, '-2 g'), (3, '1 g'), (3, '1 g'), (3, '2 g'),
             (4, '1 g'), (4, '2 g'), (4, '2 g'), (5, '-1 g'), (5, '-1 g'), (5, '-2 g')) v(k, x);

-- Parallel aggregation over a million rows: the plan has a Partial Aggregate under a
-- Gather; its sum, avg, min and max equal the serial ones and an independent numeric
-- computation on the same values.  The first half of the rows is about +9e18 g each and
-- the second half about -9e18 g, so every partial sum leaves int64 by far while the
-- total is small.
CREATE TABLE quantity_big (i int, grams numeric, q co2e);
INSERT INTO quantity_big
SELECT i, x, (x::text || ' g')::co2e
FROM (SELECT i, (CASE WHEN i <= 500000 THEN 9000000000000000000 ELSE -9000000000000000000 END)
                + ((i::int8 * 7919) % 1000003 - 500001) AS x
      FROM generate_series(1, 1000000) i) s;
ANALYZE quantity_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT sum(q), avg(q), min(q), max(q) FROM quantity_big;
-- Workers really ran (the partial states crossed processes through serialize/deserialize).
CREATE FUNCTION pg_temp.workers_launched(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
	RETURN (plan -> 0 -> 'Plan' -> 'Plans' -> 0 ->> 'Workers Launched')::int;
END $$;
SELECT pg_temp.workers_launched('SELECT sum(q), avg(q) FROM quantity_big') > 0 AS parallel_workers_ran;
SELECT sum(q) AS sum, avg(q) AS avg, min(q) AS min, max(q) AS max FROM quantity_big
\gset parallel_
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT sum(q), avg(q), min(q), max(q) FROM quantity_big;
SELECT sum(q) AS sum, avg(q) AS avg, min(q) AS min, max(q) AS max FROM quantity_big
\gset serial_
-- (Multiplying by 0.000001 is exact; numeric division would round to its own scale.)
SELECT sum(grams) * 0.000001 AS sum,
       sign(sum(grams)) * div(2 * abs(sum(grams)) + count(*), 2 * count(*)) * 0.000001 AS avg,
       min(grams) * 0.000001 AS min, max(grams) * 0.000001 AS max
FROM quantity_big
\gset numeric_
SELECT 'sum' AS aggregate, :'parallel_sum' AS parallel, :'serial_sum' AS serial, :'numeric_sum' AS "numeric"
UNION ALL SELECT 'avg', :'parallel_avg', :'serial_avg', :'numeric_avg'
UNION ALL SELECT 'min', :'parallel_min', :'serial_min', :'numeric_min'
UNION ALL SELECT 'max', :'parallel_max', :'serial_max', :'numeric_max';
SELECT :'parallel_sum'::co2e = :'serial_sum'::co2e AND :'serial_sum'::co2e::numeric = :'numeric_sum'::numeric AS sum_agrees,
       :'parallel_avg'::co2e = :'serial_avg'::co2e AND :'serial_avg'::co2e::numeric = :'numeric_avg'::numeric AS avg_agrees,
       :'parallel_min'::co2e = :'serial_min'::co2e AND :'serial_min'::co2e::numeric = :'numeric_min'::numeric AS min_agrees,
       :'parallel_max'::co2e = :'serial_max'::co2e AND :'serial_max'::co2e::numeric = :'numeric_max'::numeric AS max_agrees;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE quantity_big, quantity_agg;
