-- certblock: text and binary I/O, constructor, accessors, comparison, operators,
-- split, merge, difference and the merge_blocks aggregate.
SET search_path = greenattr, public;

\i sql/include/err.sql

-- Canonical form: SCHEME:space:first-last; single unit SCHEME:space:n; empty space allowed.
SELECT 'VCS::115597313-115618057'::certblock AS verra,
       'GS:GS1-1-KE-GS7495-16-2025-30645:608-30350'::certblock AS gs,
       'GEC:CN-2024/wind.1_a:42'::certblock AS single_unit,
       '  IREC:x:0-0  '::certblock AS trimmed_zero,
       'CDM::007-010'::certblock AS leading_zeros;
-- Round trip: text -> value -> text is stable, and the value survives it unchanged.
SELECT b::text, b::text::certblock = b AS same_value
FROM (VALUES ('VCS::1-9223372036854775807'::certblock), ('A:a-b.c_d/e:5-6'), ('JCM::0')) v(b);
-- Binary round trip through send/receive.
SELECT certblock_send('GS:GS1-1-KE:1-2') AS wire_form;
CREATE TEMP TABLE bin(b certblock);
INSERT INTO bin VALUES ('VCS::10-20'), ('GS:GS1-1-KE-GS7495-16-2025-30645:608-30350');
COPY bin TO '/tmp/greenattr_certblock_bin.copy' WITH (FORMAT binary);
CREATE TEMP TABLE bin2(b certblock);
COPY bin2 FROM '/tmp/greenattr_certblock_bin.copy' WITH (FORMAT binary);
SELECT b FROM bin2 ORDER BY b;
SELECT (SELECT array_agg(b ORDER BY b) FROM bin) = (SELECT array_agg(b ORDER BY b) FROM bin2) AS binary_round_trip;
-- Received values pass the same checks as text (22P03 otherwise): the raw bytes
-- of a bytea column copied in binary reach certblock_recv() unchanged.  A truncated
-- value runs out of message bytes, which PostgreSQL itself reports as 08P01.
CREATE TEMP TABLE raw(x bytea);
CREATE TEMP TABLE bin3(b certblock);
CREATE FUNCTION pg_temp.recv(wire bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE raw;
	INSERT INTO raw VALUES (wire);
	COPY raw TO '/tmp/greenattr_certblock_raw.copy' WITH (FORMAT binary);
	RETURN pg_temp.err($q$COPY pg_temp.bin3 FROM '/tmp/greenattr_certblock_raw.copy' WITH (FORMAT binary)$q$);
END $$;
SELECT what, pg_temp.recv(wire)
FROM (VALUES ('valid 1-2',      '\x00000000000000010000000000000002024753084753312d312d4b45'::bytea),
             ('first > last',   '\x00000000000000030000000000000002024753084753312d312d4b45'),
             ('negative first', '\xffffffffffffffff0000000000000002024753084753312d312d4b45'),
             ('lower-case scheme', '\x00000000000000010000000000000002026773084753312d312d4b45'),
             ('colon in space', '\x00000000000000010000000000000002024753013a'),
             ('truncated',      '\x0000000000000001000000000000000202475308')) v(what, wire);
SELECT b FROM bin3;

-- Bad input: 22P02 with detail and hint; one shown in full, the rest by SQLSTATE.
SELECT 'VCS:1-2'::certblock;
SELECT 'vcs::1-2'::certblock;
SELECT 'VCS::20-10'::certblock;
SELECT s, pg_temp.err(format('SELECT %L::greenattr.certblock', s))
FROM (VALUES ('VCS::-5'), ('VCS::-5-10'), ('VCS::5--10'), ('VCS::'), ('VCS::1-'), ('VCS::1-2x'),
             ('VCS::1 - 2'), ('VCS::+1'), (':sp:1'), ('1VCS::1'), ('ABCDEFGHIJKLM::1'),
             ('ABCDEFGHIJKL::1'), ('VCS:a b:1'), ('VCS:a:b:1'), ('VCS:ä:1'), ('VCS::1-2-3'),
             ('VCS::9223372036854775807'), ('VCS::9223372036854775808'), ('VCS::1-99999999999999999999'),
             ('VCS:' || repeat('s', 64) || ':1'), ('VCS:' || repeat('s', 65) || ':1'), ('')) v(s);

-- Constructor and accessors (the names later code relies on).
SELECT certblock('VCS', '', 1001, 2000) AS b, scheme(certblock('VCS', '', 1001, 2000)),
       space(certblock('VCS', '', 1001, 2000)) = '' AS empty_space,
       first_unit('GS:x:608-30350'), last_unit('GS:x:608-30350'), units('GS:x:608-30350');
SELECT units('A::0-9223372036854775806') AS max_units, units('A::9223372036854775807') AS one;
SELECT pg_temp.err($$SELECT greenattr.units('A::0-9223372036854775807')$$);
SELECT certblock('vcs', '', 1, 2);
SELECT pg_temp.err($$SELECT greenattr.certblock('VCS', 'a:b', 1, 2)$$) AS bad_space,
       pg_temp.err($$SELECT greenattr.certblock('VCS', '', -1, 2)$$) AS negative,
       pg_temp.err($$SELECT greenattr.certblock('VCS', '', 3, 2)$$) AS reversed,
       pg_temp.err($$SELECT greenattr.certblock('VCS', '', 2, 2)$$) AS single;

-- Equality and order: (scheme, space, first, last), strings bytewise.
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge,
       certblock_cmp(a, b) AS cmp
FROM (VALUES ('VCS::1-5'::certblock, 'VCS::1-5'::certblock),
             ('VCS::1-5', 'VCS::1-6'),
             ('VCS::2-3', 'VCS::1-6'),
             ('VCS:a:1-5', 'VCS::1-5'),
             ('VCS:B:1-5', 'VCS:a:1-5'),
             ('GS:a:9-9', 'VCS::1-1'),
             ('VCS::1-5', 'VCSX::1-5')) v(a, b);
SELECT b FROM (VALUES ('VCS::5-9'::certblock), ('GS:b:1'), ('VCS::1-2'), ('GS:a:7'), ('VCS:z:0'), ('GS:a:3-4')) v(b)
ORDER BY b;
-- Hash opclass: equal values hash alike; DISTINCT and GROUP BY by hashing agree with sorting.
SELECT certblock_hash('VCS::1-5') = certblock_hash('  VCS::01-5 ') AS hash_equal,
       certblock_hash_extended('VCS::1-5', 7) = certblock_hash_extended('VCS::1-5', 7) AS ext_equal,
       certblock_hash('VCS::1-5') <> certblock_hash('VCS::1-6') AS hash_differs;
SET enable_sort = off;
SELECT b, count(*) FROM (VALUES ('VCS::1-5'::certblock), ('VCS::1-5'), ('VCS::1-6'), ('GS:a:1-5')) v(b)
GROUP BY b ORDER BY b::text;
RESET enable_sort;

-- Interval operators on edge cases: nested, touching (shared unit), adjacent,
-- apart, other space, other scheme.
SELECT a, b, a && b AS overlap, a @> b AS contains, a <@ b AS within,
       a -|- b AS adjacent, a << b AS before, a >> b AS after
FROM (VALUES ('VCS::10-20'::certblock, 'VCS::10-20'::certblock),  -- equal
             ('VCS::10-20', 'VCS::12-18'),   -- nested
             ('VCS::12-18', 'VCS::10-20'),   -- nested, other way
             ('VCS::10-20', 'VCS::20-30'),   -- touching: unit 20 shared
             ('VCS::10-20', 'VCS::21-30'),   -- adjacent
             ('VCS::21-30', 'VCS::10-20'),   -- adjacent, other way
             ('VCS::10-20', 'VCS::22-30'),   -- one unit apart
             ('VCS::10-20', 'VCS:p1:10-20'), -- same units, other numbering space
             ('VCS::10-20', 'VCS:p1:21-30'), -- would be adjacent in one space
             ('VCS:p1:10-20', 'GS:p1:10-20'), -- same space text, other scheme
             ('VCS::9223372036854775806-9223372036854775807', 'VCS::0-9223372036854775805'),
             ('VCS::9223372036854775807', 'VCS::9223372036854775807')) v(a, b);
-- Block and unit containment; a bare unit number carries no space.
SELECT b, u, b @> u AS contains, u <@ b AS within
FROM (VALUES ('VCS::10-20'::certblock, 9::bigint), ('VCS::10-20', 10), ('VCS::10-20', 20),
             ('VCS::10-20', 21), ('GS:x:5', 5)) v(b, u);

-- split: the first n units and the rest.
SELECT * FROM split('GS:x:608-30350', 1);
SELECT * FROM split('GS:x:608-30350', 29742);
SELECT (s).head, (s).tail, units((s).head) + units((s).tail) AS total
FROM (SELECT split('VCS::115597313-115618057', 10000) AS s) x;
SELECT n, pg_temp.err(format($$SELECT greenattr.split('VCS::10-20', %s)$$, n))
FROM (VALUES (0), (-1), (11), (12), (10)) v(n);
SELECT * FROM split('VCS::0-9223372036854775807', 9223372036854775807);

-- + merges adjacent blocks (either order); anything else is 22023.
SELECT 'VCS::10-20'::certblock + 'VCS::21-30' AS merged, 'VCS::21-30'::certblock + 'VCS::10-20' AS merged_back;
SELECT 'VCS::10-20'::certblock + 'VCS::20-30';
SELECT a, b, pg_temp.err(format('SELECT %L::greenattr.certblock OPERATOR(greenattr.+) %L::greenattr.certblock', a, b))
FROM (VALUES ('VCS::10-20', 'VCS::22-30'), ('VCS::10-20', 'VCS:p:21-30'), ('VCS::10-20', 'GS::21-30'),
             ('VCS::10-20', 'VCS::12-15')) v(a, b);

-- - difference where it is one block; empty or two pieces is 22000.
SELECT a, b, a - b AS diff
FROM (VALUES ('VCS::10-20'::certblock, 'VCS::5-12'::certblock), ('VCS::10-20', 'VCS::18-25'),
             ('VCS::10-20', 'VCS::10-10'), ('VCS::10-20', 'VCS::20'), ('VCS::10-20', 'VCS::21-30'),
             ('VCS::10-20', 'VCS:p:12-15'), ('VCS::10-20', 'GS::10-20')) v(a, b);
SELECT 'VCS::10-20'::certblock - 'VCS::12-15';
SELECT pg_temp.err($$SELECT 'VCS::10-20'::greenattr.certblock OPERATOR(greenattr.-) 'VCS::10-20'$$) AS same,
       pg_temp.err($$SELECT 'VCS::10-20'::greenattr.certblock OPERATOR(greenattr.-) 'VCS::0-99'$$) AS covered;

-- merge_blocks: fewest blocks covering the same units, sorted; overlapping and
-- adjacent blocks of one space merge, other spaces stay apart; NULLs are skipped.
SELECT merge_blocks(b) FROM (VALUES ('VCS::21-30'::certblock), ('VCS::1-10'), ('VCS::11-20'), ('VCS::40-50'),
                                    ('VCS::45-47'), ('VCS::48-60'), ('VCS:p:31-39'), ('GS::31-39'),
                                    ('VCS::62'), (NULL)) v(b);
SELECT merge_blocks(b) FROM (VALUES ('VCS::5-9'::certblock)) v(b);
SELECT merge_blocks(b) IS NULL AS empty_is_null FROM (SELECT 'VCS::1'::certblock WHERE false) v(b);
SELECT merge_blocks(b) FROM (VALUES ('VCS::9223372036854775800-9223372036854775807'::certblock),
                                    ('VCS::0-9223372036854775799')) v(b);
-- Independent check on 2,000 random blocks: the merged blocks hold the same units,
-- are pairwise neither overlapping nor adjacent, and are sorted.
SELECT setseed(0.42);
CREATE TEMP TABLE rb AS
SELECT certblock('VCS', (i % 3)::text, f, f + (random() * 20)::int) AS b
FROM (SELECT i, (random() * 20000)::int AS f FROM generate_series(1, 2000) i) s;
CREATE TEMP TABLE mb AS SELECT unnest(merge_blocks(b)) AS b FROM rb;
SELECT (SELECT count(DISTINCT (space(b), u)) FROM rb, generate_series(first_unit(b), last_unit(b)) u)
     = (SELECT sum(units(b)) FROM mb) AS same_unit_count,
       (SELECT count(*) FROM rb r WHERE NOT EXISTS (SELECT FROM mb m WHERE m.b @> r.b)) AS uncovered,
       (SELECT count(*) FROM mb x, mb y WHERE x.b <> y.b AND (x.b && y.b OR x.b -|- y.b)) AS touching_pairs,
       (SELECT array_agg(b) FROM mb) = (SELECT array_agg(b ORDER BY b) FROM mb) AS sorted;
