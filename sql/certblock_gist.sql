-- certblock GiST opclass: EXCLUDE USING gist (b WITH &&) forbids double-issued
-- units, index searches agree with sequential scans, and plans use the index.
SET search_path = greenattr, public;

CREATE TABLE issued (id serial PRIMARY KEY, b certblock NOT NULL,
                     EXCLUDE USING gist (b WITH &&));
INSERT INTO issued (b) VALUES ('VCS::1001-2000'), ('GS:GS1-1-KE-GS7495-16-2025-30645:1-30350');
-- An overlap is rejected with 23P01, whether it shares one unit or all of them ...
\set VERBOSITY default
INSERT INTO issued (b) VALUES ('VCS::2000-2100');
INSERT INTO issued (b) VALUES ('VCS::1500');
INSERT INTO issued (b) VALUES (parse_serial('GS1-1-KE-GS7495-16-2025-30645-608-30350'));
-- ... and the adjacent block, the same units in another numbering space and another
-- scheme are accepted.
INSERT INTO issued (b) VALUES ('VCS::2001-2100'), ('VCS::1-1000'), ('VCS:other:1001-2000'),
                              ('GS:GS1-1-KE-GS7495-16-2025-30646:1-30350'), ('CDM::1001-2000');
-- A multi-row insert with an overlap between two new rows fails as a whole.
INSERT INTO issued (b) VALUES ('ACR::1-10'), ('ACR::10-20');
SELECT b FROM issued ORDER BY b;
-- The SQLSTATEs: 23P01 for the overlap, nothing for its adjacent neighbour.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT pg_temp.err($$INSERT INTO issued (b) VALUES ('VCS::2100-2200')$$) AS overlap,
       pg_temp.err($$INSERT INTO issued (b) VALUES ('VCS::2101-2200')$$) AS adjacent;

-- Index searches: a bigger table, compared with the exact answer of a sequential scan.
SELECT setseed(0.17);
CREATE TABLE many (b certblock);
-- 20 spaces x 1,000 blocks of 10 units with gaps of 5; random order.
INSERT INTO many
SELECT certblock(CASE WHEN s % 2 = 0 THEN 'GS' ELSE 'CAR' END, 'batch-' || s, k * 15, k * 15 + 9)
FROM generate_series(1, 20) s, generate_series(0, 999) k ORDER BY random();
CREATE INDEX many_b ON many USING gist (b);
ANALYZE many;
CREATE TEMP TABLE probes AS
SELECT certblock(CASE WHEN s % 2 = 0 THEN 'GS' ELSE 'CAR' END, 'batch-' || s, f, f + len) AS q
FROM (SELECT (random() * 21)::int AS s, (random() * 15100)::int AS f, (random() * 40)::int AS len
      FROM generate_series(1, 300)) x;
CREATE TEMP TABLE by_seq AS
SELECT q, (SELECT count(*) FROM many WHERE b && q) AS ov, (SELECT count(*) FROM many WHERE b @> q) AS ct,
       (SELECT count(*) FROM many WHERE b <@ q) AS cb, (SELECT count(*) FROM many WHERE b = q) AS eq
FROM probes;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM many WHERE b && 'GS:batch-2:100-120';
EXPLAIN (COSTS OFF) SELECT * FROM many WHERE b @> 'GS:batch-2:100-102';
EXPLAIN (COSTS OFF) SELECT * FROM many WHERE b <@ 'GS:batch-2:100-200';
EXPLAIN (COSTS OFF) SELECT * FROM many WHERE b = 'GS:batch-2:105-114';
CREATE TEMP TABLE by_index AS
SELECT q, (SELECT count(*) FROM many WHERE b && q) AS ov, (SELECT count(*) FROM many WHERE b @> q) AS ct,
       (SELECT count(*) FROM many WHERE b <@ q) AS cb, (SELECT count(*) FROM many WHERE b = q) AS eq
FROM probes;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- The same counts both ways, and the probes do hit something.
SELECT count(*) AS probes,
       count(*) FILTER (WHERE (s.ov, s.ct, s.cb, s.eq) IS DISTINCT FROM (i.ov, i.ct, i.cb, i.eq)) AS mismatches,
       sum(s.ov) > 0 AND sum(s.ct) > 0 AND sum(s.cb) > 0 AS hits
FROM by_seq s JOIN by_index i ON i.q = s.q AND i.ctid = s.ctid;
-- Hand-checked: the blocks of batch-2 near 100 are 90-99, 105-114, 120-129, 135-144;
-- 100-120 overlaps 105-114 and 120-129 (unit 120 shared), 106-110 lies in 105-114 only,
-- and 0-149 holds the ten blocks k*15..k*15+9 for k = 0..9.
SELECT b FROM many WHERE b && 'GS:batch-2:100-120' ORDER BY b;
SELECT b FROM many WHERE b @> 'GS:batch-2:106-110' ORDER BY b;
SELECT count(*) AS inside FROM many WHERE b <@ 'GS:batch-2:0-149';
-- Without a planner nudge the index is chosen for a selective search.
EXPLAIN (COSTS OFF) SELECT * FROM many WHERE b && 'GS:batch-2:100-120';
-- The index key type is internal: it has an output form but no input.
SELECT 'x'::certblock_gistkey;
SELECT pg_temp.err($$SELECT 'x'::greenattr.certblock_gistkey$$);
-- The operator class: strategies and support functions (11, sortsupport, from PG 14 on).
SELECT amopstrategy, amopopr::regoperator FROM pg_amop
WHERE amopfamily = (SELECT opcfamily FROM pg_opclass WHERE opcname = 'certblock_gist_ops')
ORDER BY amopstrategy;
SELECT amprocnum, amproc FROM pg_amproc
WHERE amprocfamily = (SELECT opcfamily FROM pg_opclass WHERE opcname = 'certblock_gist_ops')
ORDER BY amprocnum;

-- Leave the schema as the extension made it.
DROP TABLE issued, many;
