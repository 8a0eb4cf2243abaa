-- Article 6: the emissions balance per party and year (greenattr.party_balance)
-- for single-year and multi-year NDCs: annual adjustments, cumulative period
-- figures, and the averaging method of a single-year NDC (2/CMA.3 annex para 7).
\i sql/include/article6_fixture.sql
INSERT INTO greenattr.activity (id, asset_id, kind, period, co2e) VALUES
	(16, 12, 'reduction', '[2025-01-01,2026-01-01)', '5000 t');

-- Cookstove credits of vintages 2023, 2024, 2025, authorized for NDC use under
-- a multilateral approach and first transferred to Japan: Thailand adds 300,
-- 600 and 901 t for those years.
SELECT greenattr.issue('A6_4', 13, 300, 15), greenattr.issue('A6_4', 14, 600, 15), greenattr.issue('A6_4', 16, 901, 15);
SELECT greenattr.authorize('CA0003', greenattr.certblock('A6_4', '12', 1, 300), 10),
       greenattr.authorize('CA0003', greenattr.certblock('A6_4', '12', 301, 900), 10),
       greenattr.authorize('CA0003', greenattr.certblock('A6_4', '12', 901, 1801), 10);
SELECT greenattr.transfer(greenattr.certblock('A6_4', '12', 1, 300), 11),
       greenattr.transfer(greenattr.certblock('A6_4', '12', 301, 900), 11),
       greenattr.transfer(greenattr.certblock('A6_4', '12', 901, 1801), 11);
-- Japan uses 100, 200 and 300 t for 2023, 2024, 2025; Korea acquires 601 t and
-- uses 250 t for 2025.
SELECT greenattr.use_for_ndc(greenattr.certblock('A6_4', '12', 1, 100), 'JPN', 2023),
       greenattr.use_for_ndc(greenattr.certblock('A6_4', '12', 301, 500), 'JPN', 2024),
       greenattr.use_for_ndc(greenattr.certblock('A6_4', '12', 901, 1200), 'JPN', 2025);
SELECT greenattr.transfer(greenattr.certblock('A6_4', '12', 1201, 1801), 12);
SELECT greenattr.use_for_ndc(greenattr.certblock('A6_4', '12', 1201, 1450), 'KOR', 2025);

INSERT INTO greenattr.party_emissions (party, year, emissions) VALUES
	('THA', 2022, '1020000 t'), ('THA', 2023, '1000000 t'), ('THA', 2024, '1010000 t'), ('THA', 2025, '990000 t'),
	('JPN', 2023, '5000000 t'), ('JPN', 2024, '4900000 t'), ('JPN', 2025, '4800000 t'),
	('KOR', 2025, '2000000 t');
-- Thailand: single-year NDC for 2025 over 2023-2025, averaging.  Japan: a
-- multi-year NDC 2023-2025.  Korea: single-year NDC for 2030 over 2021-2030,
-- with an annual trajectory.
INSERT INTO greenattr.ndc (party, first_year, last_year, kind, method) VALUES
	('THA', 2023, 2025, 'single_year', 'averaging'),
	('JPN', 2023, 2025, 'multi_year', 'trajectory'),
	('KOR', 2021, 2030, 'single_year', 'trajectory');
-- One NDC period at a time per party; averaging is for single-year NDCs only.
SELECT pg_temp.attempt($$INSERT INTO greenattr.ndc VALUES ('THA', 2025, 2030, 'single_year', 'trajectory')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.ndc VALUES ('THA', 2026, 2030, 'multi_year', 'averaging')$$);
SELECT pg_temp.attempt($$INSERT INTO greenattr.ndc VALUES ('THA', 2031, 2030, 'single_year', 'trajectory')$$);
-- The neighbours are accepted: the adjacent period, and a one-year NDC (shown,
-- then rolled back so the balances below keep their NDC periods).
BEGIN;
INSERT INTO greenattr.ndc VALUES ('THA', 2026, 2030, 'single_year', 'trajectory');
INSERT INTO greenattr.ndc VALUES ('KOR', 2031, 2031, 'single_year', 'averaging');
SELECT party, first_year, last_year, kind, method FROM greenattr.ndc ORDER BY party, first_year;
ROLLBACK;

-- Annual balances: adjusted = reported + additions - subtractions.
--   THA 2023: 1000000 + 300 = 1000300; 2024: 1010000 + 600 = 1010600;
--       2025: 990000 + 901 = 990901; 2022 (no NDC, no adjustment): 1020000.
--   JPN 2023: 5000000 - 100; 2024: 4900000 - 200; 2025: 4800000 - 300.
--   KOR 2025: 2000000 - 250 = 1999750.
SELECT party, year, reported_emissions, additions, subtractions, adjusted_emissions, ndc_kind, ndc_method
  FROM greenattr.party_balance ORDER BY party, year;
-- Period figures, cumulative from the NDC's first year.  Japan's last row is
-- the multi-year account: 14700000 - 600 = 14699400 t.
SELECT party, year, period_emissions, period_additions, period_subtractions, period_adjusted_emissions
  FROM greenattr.party_balance WHERE ndc_first_year IS NOT NULL ORDER BY party, year;
-- Averaging, in Thailand's target year only: (300 + 600 + 901) / 3 = 600.333333 t
-- (1801 t / 3 = 600333333.3 g, rounded to the gram); no subtractions;
-- 990000 + 600.333333 = 990600.333333 t.
SELECT party, year, averaged_additions, averaged_subtractions, averaged_emissions
  FROM greenattr.party_balance WHERE ndc_method = 'averaging' ORDER BY year;
SELECT * FROM greenattr.audit();
