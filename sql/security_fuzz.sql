-- SQL-level random input sweep: mutated and hostile texts through every type
-- input function (co2e, energy, emission_factor, certblock) and through
-- parse_serial, inside the server.  Every input must either be rejected with a
-- documented SQLSTATE (22P02 syntax, 22003 range) or be accepted and survive a
-- round trip: its canonical output reads back as the same value (for serials:
-- format_serial writes the block back in the input's style and that reads as
-- the same block).  The generator is seeded, so the sweep is repeatable.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS greenattr CASCADE;
CREATE EXTENSION greenattr;
RESET client_min_messages;
SET statement_timeout = '120s';

-- n texts made from the seeds by 1-4 random edits each (replace, insert,
-- delete a character, or repeat a slice), with characters the parsers treat
-- specially and some they should never accept.
CREATE FUNCTION pg_temp.mutants(seeds text[], n int) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	alphabet text[] := ARRAY['0', '1', '5', '9', '.', 'e', 'E', '+', '-', ' ', E'\t', ':', 't', 'W', 'h',
		'k', 'M', 'G', 'g', 'C', 'O', '2', '/', 'V', 'S', 'U', 'A', 'R', 'x', 'é', '\', '''', '%', '"', 'ー'];
	s text;
	pos int;
	len int;
BEGIN
	FOR i IN 1 .. n LOOP
		s := seeds[1 + floor(random() * array_length(seeds, 1))::int];
		FOR k IN 1 .. 1 + floor(random() * 4)::int LOOP
			len := length(s);
			pos := 1 + floor(random() * (len + 1))::int;
			CASE floor(random() * 4)::int
				WHEN 0 THEN s := overlay(s PLACING alphabet[1 + floor(random() * array_length(alphabet, 1))::int] FROM pos FOR 1);
				WHEN 1 THEN s := overlay(s PLACING alphabet[1 + floor(random() * array_length(alphabet, 1))::int] FROM pos FOR 0);
				WHEN 2 THEN s := overlay(s PLACING '' FROM pos FOR 1);
				ELSE s := overlay(s PLACING substr(s, pos, 1 + floor(random() * 6)::int) FROM pos FOR 0);
			END CASE;
		END LOOP;
		RETURN NEXT s;
	END LOOP;
END
$$;

-- Texts no parser should choke on.
CREATE FUNCTION pg_temp.hostile() RETURNS SETOF text LANGUAGE sql AS $$
	SELECT unnest(ARRAY['', ' ', '.', '-', '+', 'e', '1e', '1e+', '.e1', '--1 t', '1..2 t', '1 t t', 'NaN', 'Infinity',
		'-Infinity', '1e999999999999999999999999 t', '1e-999999999999999999999999 t', '0e999999999999999999 t',
		'0.' || repeat('0', 100000) || '1 t', repeat('9', 100000) || ' t', '1' || repeat('0', 100000) || 'e-100000 t',
		repeat(' ', 10000) || '1 t' || repeat(' ', 10000), '9223372036854.775807 t', '9223372036854.775808 t',
		'-9223372036854.775808 t', '-9223372036854.775809 t', '1 tCO2ee', '1 t/MWh/MWh', '1 /MWh',
		':', '::', ':::', 'A:b:1-', 'A:b:-1', 'A:b:1--2', 'A:b:9223372036854775807', 'A:b:9223372036854775808',
		'A:b:2-1', repeat('A', 1000) || ':b:1', 'A:' || repeat('b', 1000) || ':1', 'A:b:' || repeat('1', 1000),
		repeat('-', 1000), repeat('1-', 500) || '1', 'CAR-' || repeat('1 to ', 100), ' to ', 'ACR- to 5',
		'GS1-1-KE-GS7495-16-2025-30645-99999999999999999999-1', 'GS1-1-KE-GS7495-16-2025-30645-5-4',
		'9660-1-2-VCS-VCU-261-VER-US-14-1060-0101201-31122019-0', E'GEC:1:1-2\n', E'\x01\x02', 'é:ü:1'])
$$;

CREATE FUNCTION pg_temp.sweep(target text, texts text[],
	OUT target_name text, OUT inputs int, OUT accepted int, OUT rejected int, OUT bad int, OUT first_bad text)
LANGUAGE plpgsql AS $$
DECLARE
	s text;
	out1 text;
	out2 text;
	state text;
	st text;
BEGIN
	target_name := target;
	inputs := 0; accepted := 0; rejected := 0; bad := 0;
	FOREACH s IN ARRAY texts LOOP
		inputs := inputs + 1;
		state := 'parse';
		BEGIN
			IF target = 'parse_serial' THEN
				out1 := greenattr.parse_serial(s)::text;
				state := 'check';
				-- canonical output, and the serial written back in the input's style
				out2 := greenattr.parse_serial(out1)::text;
				IF out2 IS DISTINCT FROM out1 THEN
					RAISE EXCEPTION 'canonical round trip: % -> %', out1, out2 USING ERRCODE = 'XX001';
				END IF;
				out2 := greenattr.parse_serial(greenattr.format_serial(greenattr.parse_serial(s), s))::text;
			ELSE
				EXECUTE format('SELECT $1::greenattr.%I::text', target) INTO out1 USING s;
				state := 'check';
				EXECUTE format('SELECT $1::greenattr.%I::text', target) INTO out2 USING out1;
			END IF;
			IF out2 IS DISTINCT FROM out1 THEN
				RAISE EXCEPTION 'round trip: % -> %', out1, out2 USING ERRCODE = 'XX001';
			END IF;
			accepted := accepted + 1;
		EXCEPTION WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
			IF state = 'parse' AND st IN ('22P02', '22003') THEN
				rejected := rejected + 1;
			ELSE
				bad := bad + 1;
				first_bad := coalesce(first_bad, format('%s at %s: %s', st, state, left(s, 80)));
			END IF;
		END;
	END LOOP;
END
$$;

SELECT setseed(0.20261121);
SELECT target_name, inputs, accepted > 0 AS some_accepted, rejected > 0 AS some_rejected, bad, first_bad
  FROM (VALUES
	('co2e', ARRAY['1.5 tCO2e', '-12.000001 t', '1e3 kg', '.5 MtCO2', '9223372036854.775807 t', '7 g', '3 GtCO2e']),
	('energy', ARRAY['2.5 MWh', '1 tce', '8141 kWh', '1.5 kgce', '-0.000001 GWh', '4 TWh', '12 Wh']),
	('emission_factor', ARRAY['0.6565 tCO2e/MWh', '650 g/kWh', '0.8 t/MWh', '1E-6 kg/kWh', '0.5 kgCO2/MWh']),
	('certblock', ARRAY['GEC:1:1-12000', 'VCS::115597313-115618057', 'GS:GS1-1-KE-GS7495-16-2025-30645:30000-30400', ' CCER:44:7 ']),
	('parse_serial', ARRAY['9660-115597313-115618057-VCS-VCU-261-VER-US-14-1060-01012019-31122019-0',
		'9660-115597313-115618057-VCU-261-VER-US-14-1060-01012019-31122019-0',
		'GS1-1-KE-GS7495-16-2025-30645-608-30350', 'CAR-1-US-293-1-120-CA-2006-102-1 to 29251',
		'ACR-US-192-2010-203-1-5000', 'ACR-FR-1129-2025-2917-30932 to 35143', 'GEC:1:1-100'])) t (target, seeds),
	LATERAL pg_temp.sweep(t.target, ARRAY(SELECT pg_temp.mutants(t.seeds, 3000) UNION ALL SELECT pg_temp.hostile())) s;
RESET statement_timeout;
