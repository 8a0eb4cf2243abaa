-- Comparison operators, btree and hash operator classes, and the labels of every
-- function of the quantity types.
SET search_path = public, greenattr;

-- Every comparison on pairs below, at and above, including the int64 ends.
SELECT a, b, a < b AS lt, a <= b AS le, a = b AS eq, a <> b AS ne, a >= b AS ge, a > b AS gt,
       co2e_cmp(a, b) AS cmp
FROM (VALUES ('1 t'::co2e, '1000 kg'::co2e), ('1 t', '1.000001 t'), ('1.000001 t', '1 t'),
             ('-9223372036854775808 g', '9223372036854775807 g'),
             ('9223372036854775807 g', '-9223372036854775808 g'),
             ('-0.000001 t', '0 t')) v(a, b);
SELECT a, b, a < b AS lt, a <= b AS le, a = b AS eq, a <> b AS ne, a >= b AS ge, a > b AS gt,
       energy_cmp(a, b) AS cmp
FROM (VALUES ('1 tce'::energy, '8141 kWh'::energy), ('1 tce', '8.141001 MWh'),
             ('8.141001 MWh', '1 tce')) v(a, b);
SELECT a, b, a < b AS lt, a <= b AS le, a = b AS eq, a <> b AS ne, a >= b AS ge, a > b AS gt,
       emission_factor_cmp(a, b) AS cmp
FROM (VALUES ('0.6565 t/MWh'::emission_factor, '656.5 kg/MWh'::emission_factor),
             ('0.6565', '0.5810'), ('0.5810', '0.6565')) v(a, b);
-- The order of quantities is the order of their numeric values, on a spread of values.
CREATE TABLE quantity_ops (i int, c co2e, e energy, f emission_factor);
INSERT INTO quantity_ops
SELECT i, (x::text || ' g')::co2e, (x::text || ' Wh')::energy, (x::text || ' g/MWh')::emission_factor
FROM (SELECT i, CASE i WHEN 1 THEN -9223372036854775808 WHEN 2 THEN 9223372036854775807
                       ELSE ((i::int8 * 7919) % 20011 - 10005) * (10::int8 ^ (i % 15))::int8 END AS x
      FROM generate_series(1, 2000) i) s;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a.c < b.c) <> (a.c::numeric < b.c::numeric)
                           OR (a.c = b.c) <> (a.c::numeric = b.c::numeric)
                           OR (a.e <= b.e) <> (a.e::numeric <= b.e::numeric)
                           OR (a.f > b.f) <> (a.f::numeric > b.f::numeric)
                           OR sign(co2e_cmp(a.c, b.c)) <> sign(a.c::numeric - b.c::numeric))
         AS disagreements
FROM quantity_ops a JOIN quantity_ops b ON b.i % 10 = a.i % 10;
-- Sorting (sortsupport) agrees with numeric order.
SELECT bool_and(r1 = r2) AS co2e_sorted_like_numeric
FROM (SELECT row_number() OVER (ORDER BY c, i) r1, row_number() OVER (ORDER BY c::numeric, i) r2
      FROM quantity_ops) s;
SELECT bool_and(r1 = r2) AS energy_sorted_like_numeric
FROM (SELECT row_number() OVER (ORDER BY e DESC, i) r1, row_number() OVER (ORDER BY e::numeric DESC, i) r2
      FROM quantity_ops) s;
SELECT c FROM quantity_ops ORDER BY c LIMIT 3;
SELECT f FROM quantity_ops ORDER BY f DESC LIMIT 3;

-- btree indexes serve range and equality searches.
CREATE INDEX quantity_ops_c ON quantity_ops (c);
CREATE INDEX quantity_ops_e ON quantity_ops USING btree (e);
CREATE INDEX quantity_ops_f ON quantity_ops USING hash (f);
ANALYZE quantity_ops;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT c FROM quantity_ops WHERE c BETWEEN '-1 t' AND '1 t';
SELECT count(*) FROM quantity_ops WHERE c BETWEEN '-1 t' AND '1 t';
SELECT count(*) FROM quantity_ops WHERE c::numeric BETWEEN -1 AND 1;
EXPLAIN (COSTS OFF) SELECT i FROM quantity_ops WHERE e = '-9223372036854775808 Wh';
SELECT i FROM quantity_ops WHERE e = '-9223372036854775808 Wh';
-- A hash index serves equality.
EXPLAIN (COSTS OFF) SELECT i FROM quantity_ops WHERE f = '9223372036854775807 g/MWh';
SELECT i FROM quantity_ops WHERE f = '9223372036854775807 g/MWh';
RESET enable_seqscan;
RESET enable_bitmapscan;
-- Hash aggregation and hash joins use the hash opclass; merge joins the btree one.
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT c, count(*) FROM quantity_ops GROUP BY c;
RESET enable_sort;
SELECT count(*) AS groups, sum(n) AS rows FROM (SELECT c, count(*) n FROM quantity_ops GROUP BY c) g;
SELECT count(DISTINCT c::numeric) AS numeric_groups FROM quantity_ops;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM quantity_ops a JOIN quantity_ops b ON a.e = b.e;
SELECT count(*) FROM quantity_ops a JOIN quantity_ops b ON a.e = b.e;
RESET enable_mergejoin;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM quantity_ops a JOIN quantity_ops b ON a.f = b.f;
SELECT count(*) FROM quantity_ops a JOIN quantity_ops b ON a.f = b.f;
RESET enable_hashjoin;
RESET enable_nestloop;
SELECT count(*) FROM quantity_ops a JOIN quantity_ops b ON a.f::numeric = b.f::numeric;
-- Hash functions: equal values hash equal; the extended hash changes with the seed.
SELECT co2e_hash('1 t') = co2e_hash('1000 kg') AS equal_hash,
       co2e_hash('1 t') = co2e_hash('1.000001 t') AS different_hash,
       energy_hash_extended('1 tce', 0) = energy_hash_extended('8141 kWh', 0) AS equal_ext,
       energy_hash_extended('1 tce', 0) = energy_hash_extended('1 tce', 1) AS same_with_seed_1,
       emission_factor_hash('0.6565') = hashint8(656500) AS hash_of_the_int64;
DROP TABLE quantity_ops;

-- Labels: every function of the quantity types (the C functions and aggregates
-- that take or give them; registry verbs that merely use them are not counted)
-- is IMMUTABLE and PARALLEL SAFE...
CREATE TEMP VIEW quantity_functions AS
SELECT p.oid::regprocedure AS function, p.prokind, p.provolatile, p.proparallel, p.proisstrict,
       p.proleakproof
FROM pg_proc p
WHERE p.pronamespace = 'greenattr'::regnamespace
  AND (p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c') OR p.prokind = 'a')
  AND (p.prorettype IN ('greenattr.co2e'::regtype, 'greenattr.energy'::regtype,
                        'greenattr.emission_factor'::regtype)
       OR p.proargtypes::oid[] && ARRAY['greenattr.co2e'::regtype, 'greenattr.energy'::regtype,
                                        'greenattr.emission_factor'::regtype]::oid[]
       OR p.proname LIKE 'quantity\_%');
SELECT prokind, count(*) FROM quantity_functions GROUP BY prokind ORDER BY prokind;
SELECT function, provolatile, proparallel FROM quantity_functions
WHERE provolatile <> 'i' OR proparallel <> 's';
-- ...STRICT except the aggregate support functions that handle NULL states...
SELECT function FROM quantity_functions WHERE prokind = 'f' AND NOT proisstrict ORDER BY function::text;
-- ...and LEAKPROOF only where no error can be raised: comparisons and hashes.
SELECT function FROM quantity_functions WHERE proleakproof ORDER BY function::text;
-- Aggregates: parallel safe with combine, serialize and deserialize functions.
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
       a.aggsortop::regoperator AS sortop
FROM pg_aggregate a JOIN quantity_functions q ON q.function = a.aggfnoid
ORDER BY a.aggfnoid::regprocedure::text;
-- Casts: to numeric in assignments, from numeric explicitly.
SELECT c.castsource::regtype, c.casttarget::regtype, c.castcontext, c.castfunc::regprocedure
FROM pg_cast c
WHERE c.castsource IN ('greenattr.co2e'::regtype, 'greenattr.energy'::regtype, 'greenattr.emission_factor'::regtype)
   OR c.casttarget IN ('greenattr.co2e'::regtype, 'greenattr.energy'::regtype, 'greenattr.emission_factor'::regtype)
ORDER BY c.castsource::regtype::text, c.casttarget::regtype::text;
-- Operator classes: btree (with sortsupport) and hash for each type.
SELECT opc.opcname, am.amname, opc.opcdefault,
       (SELECT string_agg(amprocnum || ':' || amproc::regproc::text, ' ' ORDER BY amprocnum)
        FROM pg_amproc WHERE amprocfamily = opc.opcfamily) AS support
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype IN ('greenattr.co2e'::regtype, 'greenattr.energy'::regtype, 'greenattr.emission_factor'::regtype)
ORDER BY 1;
