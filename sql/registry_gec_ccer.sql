-- China's 2024 GEC/CCER rule: when an asset opts into CCER for a crediting
-- period, its untraded GECs of that period are frozen, then cancelled
-- (converted) when the reductions are issued as CCER; traded GECs stay valid
-- and keep their MWh, so the CCER can only credit the rest.
\i sql/include/registry_fixture.sql

-- January: 1000 GEC, of which 300 are sold to the buyer.  February: 1000 GEC, unsold.
SELECT greenattr.issue('GEC', 1, 1000, 1) AS gec_jan;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 1, 300), 2) AS sold;
SELECT greenattr.issue('GEC', 2, 1000, 1) AS gec_feb;
-- While the GECs stand, January's MWh are fully claimed: no CCER for them.
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 1, 560, 1, baseline_ef => '0.8 t/MWh')$$);

-- The wind farm opts into CCER for January and February: the 700 unsold January
-- GECs and the 1000 February GECs are frozen (1700 units); the sold ones are not.
SELECT greenattr.opt_into_crediting(1, 'CCER', '[2024-01-01,2024-03-01)') AS frozen_units;
SELECT block, account_id, status, reason FROM greenattr.holding ORDER BY block;
-- Frozen units do not move; the buyer's GECs still do.
SELECT pg_temp.attempt($$SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 301, 310), 2)$$);
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 1500, 1500), 'Windco', 'scope2')$$);
SELECT greenattr.retire(greenattr.certblock('GEC', '1', 1, 300), 'Buyer', 'scope2') AS buyer_claim;

-- Issuing January's CCER converts the frozen January GECs and takes their MWh:
-- 560 t / 0.8 t/MWh = 700 MWh = the 700 converted GECs; the 300 sold GECs keep theirs.
SELECT greenattr.issue('CCER', 1, 560, 1, baseline_ef => '0.8 t/MWh') AS ccer_jan;
SELECT * FROM greenattr.activity_claimed(1);
-- Not one tonne more (1 t at 0.8 t/MWh = 1.25 MWh would exceed the 1000 MWh).
SELECT pg_temp.attempt($$SELECT greenattr.issue('CCER', 1, 1, 1, baseline_ef => '0.8 t/MWh')$$);
-- Converted units are final.
SELECT pg_temp.attempt($$SELECT greenattr.retire(greenattr.certblock('GEC', '1', 400, 400), 'Windco', 'scope2')$$);
-- February's GECs stay frozen until February is credited, and only by CCER.
SELECT pg_temp.attempt($$SELECT greenattr.issue('GS', 2, 10, 1, baseline_ef => '0.8 t/MWh')$$);
SELECT pg_temp.attempt($$SELECT greenattr.opt_into_crediting(1, 'GS', '[2024-02-01,2024-04-01)')$$);
SELECT pg_temp.attempt($$SELECT greenattr.opt_into_crediting(1, 'GEC', '[2024-05-01,2024-06-01)')$$);

SELECT block, account_id, status, reason FROM greenattr.holding ORDER BY block;
SELECT verb, block, from_account, detail->>'converted_to' AS converted_to FROM greenattr.journal
 WHERE verb IN ('freeze', 'convert') ORDER BY id;

-- The same output is not measured twice: the wind farm's reductions are its
-- generation at a baseline factor, not a second activity over the same period.
SELECT pg_temp.attempt($$INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e)
	VALUES (100, 1, 'reduction', '[2024-01-15,2024-02-15)', '500 t')$$);
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e) VALUES (101, 1, 'reduction', '[2025-01-01,2025-02-01)', '500 t');
-- Periods of one asset and kind never overlap: a second 2024 saving of the kiln
-- is refused, its 2025 saving (adjacent) is accepted.
SELECT pg_temp.attempt($$INSERT INTO greenattr.activity (id, asset_id, kind, period, energy)
	VALUES (102, 4, 'saving', '[2024-06-01,2024-07-01)', '10 tce')$$);
INSERT INTO greenattr.activity (id, asset_id, kind, period, energy) VALUES (103, 4, 'saving', '[2025-01-01,2026-01-01)', '10 tce');
SELECT * FROM greenattr.audit();
