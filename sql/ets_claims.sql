-- Event neutrality and product claims: retire_for_claim(), the seed's priority
-- order, the 1-year / 6-year deadlines, VCS product declarations, new forestry
-- serving one event only, and the view of missed deadlines.
\i sql/include/ets_fixture.sql
\pset null '(null)'

SELECT * FROM greenattr.offset_priority ORDER BY priority;
-- Dates relative to today keep the deadlines on the same side of today whenever this runs.
INSERT INTO greenattr.claim_target (id, kind, name, entity_id, ends, emissions) VALUES
	(1, 'event', 'Past games', 34, DATE '2020-02-20', '100 t'),
	(2, 'event', 'Upcoming expo', 34, current_date + 30, '100 t'),
	(3, 'event', 'Forest summit', 34, current_date - 730, '100 t');
INSERT INTO greenattr.claim_target (id, kind, name, entity_id, product, batch, emissions, deadline) VALUES
	(4, 'product', 'Low-carbon coil', 32, 'Steel coil', 'B-17', '50 t', current_date + 10);
INSERT INTO greenattr.event_forestry (target_id, asset_id) VALUES (3, 17);
-- A target is an event (with an end, no product) or a product (no end).
SELECT pg_temp.attempt($$INSERT INTO greenattr.claim_target (kind, name, entity_id, ends, product, emissions)
	VALUES ('event', 'Bad', 34, '2024-01-01', 'x', '1 t') RETURNING id$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.claim_target (kind, name, entity_id, ends, product, emissions)
	VALUES ('product', 'Bad', 34, '2024-01-01', 'x', '1 t') RETURNING id$$);

SELECT pg_temp.cr('CCER', 13, 300, 34), pg_temp.cr('PHCER', 15, 100, 34), pg_temp.cr('BFCER', 17, 200, 34),
       pg_temp.cr('VCS', 40, 100, 32), pg_temp.cr('CCER', 11, 100, 32);
-- Event 2 (ends in 30 days): in time.
SELECT greenattr.retire_for_claim(greenattr.certblock('CCER', '13', 1, 60), 2),
       greenattr.retire_for_claim(greenattr.certblock('PHCER', '15', 1, 40), 2);
-- Event 1 (ended 2020-02-20, deadline 2021-02-20): late.
SELECT greenattr.retire_for_claim(greenattr.certblock('CCER', '13', 61, 90), 1);
-- Event 3 (ended two years ago): its new forestry has 6 years, other units had 1.
SELECT greenattr.retire_for_claim(greenattr.certblock('BFCER', '17', 1, 80), 3),
       greenattr.retire_for_claim(greenattr.certblock('CCER', '13', 91, 100), 3);
-- The forestry of event 3 serves no other claim.
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('BFCER', '17', 81, 90), 2)$$);
-- Product 4: VCS units need the project's declaration, dated no later than the vintage start (2024-01-01).
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('VCS', '40', 1, 20), 4)$$);
INSERT INTO greenattr.product_declaration (asset_id, product, declared_on) VALUES (40, 'Steel coil', '2024-01-02');
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('VCS', '40', 1, 20), 4)$$);
UPDATE greenattr.product_declaration SET declared_on = '2024-01-01';
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('VCS', '40', 1, 20), 4)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('CCER', '11', 1, 30), 4)$$);
-- Errors: unknown target, units already retired, units of another holder.
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('CCER', '11', 31, 40), 99)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('CCER', '13', 1, 10), 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire_for_claim(greenattr.certblock('CCER', '11', 31, 40), 4, from_account => 34)$$);

SELECT r.target_id, r.block, r.units, r.mechanism, r.asset_id, r.priority,
       CASE WHEN t.kind = 'product' THEN r.deadline = t.deadline
            WHEN r.asset_id = 17 THEN r.deadline = (t.ends + interval '6 years')::date
            ELSE r.deadline = (t.ends + interval '1 year')::date END AS deadline_as_expected,
       r.retired_on = (now() AT TIME ZONE 'UTC')::date AS retired_today
  FROM greenattr.claim_retirement r JOIN greenattr.claim_target t ON t.id = r.target_id ORDER BY r.id;
SELECT block, status, beneficiary, purpose FROM greenattr.holding WHERE status = 'retired' ORDER BY block;
SELECT verb, block, from_account, detail - 'deadline' AS detail FROM greenattr.journal WHERE verb = 'retire_for_claim' ORDER BY id;
-- Missed: event 1 (a late block, and not offset by its deadline) and event 3 (its CCER came
-- after the 1-year deadline; its 6-year deadline has not passed).  Event 2 and product 4 are in time.
SELECT target_id, kind, name, what, block, deadline = DATE '2021-02-20' AS deadline_2021_02_20, emissions, retired_in_time
  FROM greenattr.claim_missed_deadline ORDER BY target_id, what;
-- Product 4 with its deadline passed: 50 t retired of 50 t is offset; of 60 t it is not.
UPDATE greenattr.claim_target SET deadline = current_date - 1 WHERE id = 4;
SELECT count(*) FROM greenattr.claim_missed_deadline WHERE target_id = 4;
UPDATE greenattr.claim_target SET emissions = '60 t' WHERE id = 4;
SELECT target_id, kind, what, block, emissions, retired_in_time FROM greenattr.claim_missed_deadline WHERE target_id = 4;
-- Claim retirements are written by retire_for_claim() only.
SELECT pg_temp.attempt($$UPDATE greenattr.claim_retirement SET units = 1 RETURNING id$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.claim_retirement RETURNING id$$);
SELECT * FROM greenattr.audit();
