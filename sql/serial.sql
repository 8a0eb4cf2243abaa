-- Registry serial numbers: parse_serial() and format_serial().
SET search_path = greenattr, public;
\i sql/include/err.sql

-- Every published format, with the block, its scheme and numbering space, and units.
SELECT s AS serial, b, scheme(b), space(b), first_unit(b), last_unit(b), units(b)
FROM (VALUES ('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0'),
             ('1234-115600000-115600999-VCU-034-APX-US-14-1060-01012019-31122019-0'),
             ('0001-000001-000100-VCS-VCU-003-VER-US-0003-01012020-31122020-1'),
             ('GS1-1-KE-GS7495-16-2025-30645-608-30350'),
             ('CAR-1-US-293-1-120-CA-2006-102-1 to 29251'),
             ('ACR-US-192-2010-203-1-5000'),
             ('ACR-FR-1129-2025-2917-30932 to 35143'),
             ('  CAR-1-US-293-1-120-CA-2006-102-7 to 7  '),
             ('VCS::115597313-115618057'),
             ('GEC:CN-2024:5')) v(s), LATERAL (SELECT parse_serial(s) AS b) p;

-- Verra numbers VCUs registry-wide: an old 12-field serial and a new 13-field
-- serial that share units overlap; disjoint ones do not.
SELECT parse_serial('1234-115600000-115600999-VCU-034-APX-US-14-1060-01012019-31122019-0')
    && parse_serial('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0') AS old_new_overlap,
       parse_serial('1234-115500000-115597312-VCU-034-APX-US-14-1060-01012019-31122019-0')
    && parse_serial('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0') AS disjoint,
       parse_serial('1234-115500000-115597312-VCU-034-APX-US-14-1060-01012019-31122019-0')
   -|- parse_serial('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0') AS adjacent;
-- ACR's two styles of one batch share a space; GS batches and CAR batches are separate spaces.
SELECT parse_serial('ACR-FR-1129-2025-2917-30932 to 35143') && parse_serial('ACR-FR-1129-2025-2917-35000-36000') AS acr_styles,
       parse_serial('GS1-1-KE-GS7495-16-2025-30645-608-30350') && parse_serial('GS1-1-KE-GS7495-16-2025-30646-608-30350') AS gs_other_batch,
       parse_serial('CAR-1-US-293-1-120-CA-2006-102-1 to 29251') && parse_serial('CAR-1-US-293-1-120-CA-2006-103-1 to 29251') AS car_other_batch;

-- format_serial: the serial the registry prints for a (split) block, in the template's style.
SELECT t AS template, b, format_serial(b, t) AS serial
FROM (VALUES
  ('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0', 'VCS::115597313-115607312'::certblock),
  ('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0', 'VCS::115607313-115618057'),
  ('1234-115600000-115600999-VCU-034-APX-US-14-1060-01012019-31122019-0', 'VCS::115600500-115600999'),
  ('0001-000001-000100-VCS-VCU-003-VER-US-0003-01012020-31122020-1', 'VCS::51-100'),
  ('0001-000001-000100-VCS-VCU-003-VER-US-0003-01012020-31122020-1', 'VCS::1234567-1234568'),
  ('GS1-1-KE-GS7495-16-2025-30645-608-30350', 'GS:GS1-1-KE-GS7495-16-2025-30645:608-1000'),
  ('CAR-1-US-293-1-120-CA-2006-102-1 to 29251', 'CAR:CAR-1-US-293-1-120-CA-2006-102:10001-29251'),
  ('ACR-US-192-2010-203-1-5000', 'ACR:ACR-US-192-2010-203:2501-5000'),
  ('ACR-FR-1129-2025-2917-30932 to 35143', 'ACR:ACR-FR-1129-2025-2917:30932-31000'),
  ('GS:x:1-2', 'GS:x:5-6')) v(t, b);
-- A split written back and read again is the split block (the round trip crosses
-- the Verra old and new forms: a block parsed from a new serial, split, then
-- written in the old form of an earlier serial of the same units).
SELECT (s).head, (s).tail,
       parse_serial(format_serial((s).head, '1234-115600000-115600999-VCU-034-APX-US-14-1060-01012019-31122019-0')) = (s).head AS head_round_trip,
       parse_serial(format_serial((s).tail, '9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0')) = (s).tail AS tail_round_trip
FROM (SELECT split(parse_serial('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0'), 3000) AS s) x;
SELECT t, b, pg_temp.err(format('SELECT greenattr.format_serial(%L, %L)', b, t))
FROM (VALUES ('GS1-1-KE-GS7495-16-2025-30645-608-30350', 'GS:GS1-1-KE-GS7495-16-2025-30646:1-5'),
             ('GS1-1-KE-GS7495-16-2025-30645-608-30350', 'VCS::1-5'),
             ('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0', 'VCS:p:1-5'),
             ('not a serial', 'VCS::1-5')) v(t, b);
SELECT format_serial('VCS::1-5', 'GS1-1-KE-GS7495-16-2025-30645-608-30350');

-- Anything else is 22P02 naming the known formats (shown once in full).
SELECT parse_serial('VCU-123');
SELECT s, pg_temp.err(format('SELECT greenattr.parse_serial(%L)', s))
FROM (VALUES ('9660-115618057-115597313-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0'),  -- reversed
             ('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-0101201-31122019-0'),   -- short date
             ('9660-1155x7313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0'),  -- letter in a number
             ('9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019'),    -- flag missing
             ('X9660-115597313-115618057-VCU-034-APX-US-14-1060-01012019-31122019-0'),     -- bad first field
             ('9660-115597313-115618057-VCS-VCU--VER-US-14-1060-01012019-31122019-0'),    -- empty field
             ('9660-1-99999999999999999999-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0'), -- out of range
             ('1-2-3-VCU-5-6-7'),                                                           -- too few fields
             ('GS1-1-KE-GS7495-16-2025-608-30350'),
             ('GS1-1-KE-GS7495-16-2025-30645-608-3035O'),
             ('GS1-1-KE-GS7495-16-2025-30645-30350-608'),
             ('CAR-1-US-293-1-120-CA-2006-102-1-29251'),
             ('CAR-1-US-293-1-120-CA-2006-1 to 29251'),
             ('CAR-1-US-293-1-120-CA-2006-102-1 to 29251 to 3'),
             ('CAR-1-US-293-1-120-CA-2006-102-1 to -5'),
             ('ACR-US-192-2010-203-1'),
             ('ACR-US-192-2010-1 to 5000'),
             ('ACR-US-192-2010-203-1 to 5000x'),
             ('XYZ-1-2 to 3'),
             ('CAR-1-US-293-1-120-CA-' || repeat('9', 40) || '-102-1 to 29251'),
             ('vcs::1-2'),
             ('')) v(s);
