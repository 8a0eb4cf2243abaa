-- The audit's "no unit twice" checks: block_overlaps() (src/audit_agg.c)
-- against the window it replaced, then audit_registry() reporting overlapping
-- issuances and holdings written with the registry's triggers (and, for
-- holdings, the exclusion constraint) out of the way.
\i sql/include/registry_fixture.sql

-- A small case read by hand: in GS:A, 5-9 overlaps 1-10 (reach 10) and 10-12
-- touches unit 10 (reach 10); 13-20 lies after them.  X:A is another space:
-- its 1-3 overlaps nothing.  Output: (id, tag, reach) triples.
SELECT greenattr.block_overlaps(b::greenattr.certblock, id, tag ORDER BY id)
  FROM (VALUES ('GS:A:1-10', 1, 0), ('GS:A:5-9', 2, 0), ('GS:A:10-12', 3, 7), ('GS:A:13-20', 4, 0),
               ('X:A:1-3', 5, 0)) v(b, id, tag);
SELECT greenattr.block_overlaps(b::greenattr.certblock, id, 0)
  FROM (VALUES ('GS:A:1-10', 1), ('GS:B:1-10', 2)) v(b, id);
SELECT greenattr.block_overlaps(NULL::greenattr.certblock, id, 0) FROM generate_series(1, 3) id;

-- Random blocks in four numbering spaces (two of one scheme, spaces of
-- different lengths), ties on the first unit included: the aggregate reports
-- the same rows, in the same order, as the window over (first unit, id).
SELECT setseed(0.42);
CREATE TEMP TABLE blocks AS
SELECT g AS id, greenattr.certblock(s.scheme, s.space, f, f + (random() * 30)::bigint) AS block
  FROM generate_series(1, 3000) g,
       LATERAL (SELECT (ARRAY['GEC', 'GEC', 'VCS', 'A6_4'])[1 + g % 4] AS scheme,
                       (ARRAY['7', '70', '', '7'])[1 + g % 4] AS space,
                       (random() * 20000)::bigint AS f) s;
WITH agg AS (
	SELECT a[k * 3 - 2] AS id, a[k * 3] AS reach, k AS pos
	  FROM (SELECT greenattr.block_overlaps(block, id, 0) AS a FROM blocks) o,
	       generate_series(1, array_length(o.a, 1) / 3) k),
win AS (
	SELECT s.id, s.reach, row_number() OVER (ORDER BY s.scheme COLLATE "C", s.space COLLATE "C", s.first, s.id) AS pos
	  FROM (SELECT b.id, greenattr.scheme(b.block) AS scheme, greenattr.space(b.block) AS space,
	               greenattr.first_unit(b.block) AS first,
	               max(greenattr.last_unit(b.block)) OVER (
	                   PARTITION BY greenattr.scheme(b.block), greenattr.space(b.block)
	                   ORDER BY greenattr.first_unit(b.block), b.id
	                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
	          FROM blocks b) s
	 WHERE s.reach >= s.first)
SELECT (SELECT count(*) FROM win) AS overlapping,
       (SELECT count(*) FROM win) = (SELECT count(*) FROM agg) AS same_count,
       NOT EXISTS (SELECT 1 FROM agg a FULL JOIN (SELECT w.*, row_number() OVER (ORDER BY w.pos) AS rank FROM win w) w
                     ON w.rank = a.pos AND w.id = a.id AND w.reach = a.reach
                    WHERE a.id IS NULL OR w.id IS NULL) AS same_rows_same_order;

-- audit_registry(): an issuance written over another one's serials, with the
-- triggers off, is reported once (the later of the two in serial order), and
-- as an issuance without holdings.
SELECT greenattr.issue('GEC', 1, 1000, 1) AS gec;
SET session_replication_role = replica;
INSERT INTO greenattr.certificate (id, family, mechanism, asset_id, activity_id, block, vintage, claim_energy, issued_to)
VALUES (900, 'certificate', 'GEC', 1, 2, greenattr.certblock('GEC', '1', 990, 1009), '[2024-02-01,2024-03-01)', '20 MWh', 1);
SET session_replication_role = origin;
SELECT * FROM greenattr.audit_registry() ORDER BY 1, 2;

-- Holdings: the exclusion constraint forbids overlaps even with the triggers
-- off, so it is dropped for one transaction; two forged holdings inside the
-- holding of units 1-1000 issued above are both reported (reach 1000).
BEGIN;
ALTER TABLE greenattr.holding DROP CONSTRAINT holding_one_holder;
SET LOCAL session_replication_role = replica;
INSERT INTO greenattr.holding (id, block, instrument_id, family, asset_id, account_id)
VALUES (9001, greenattr.certblock('GEC', '1', 100, 109), 1, 'certificate', 1, 1),
       (9002, greenattr.certblock('GEC', '1', 105, 120), 1, 'certificate', 1, 2);
SELECT * FROM greenattr.audit_registry() WHERE invariant = 'one_holder' ORDER BY 1, 2;
ROLLBACK;
