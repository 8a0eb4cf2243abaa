-- The journal hash chain: sealing at commit, the canonical serialization
-- (recomputed here independently with PostgreSQL's own sha256()),
-- verify_journal() on every kind of tampering, journal_head().
\i sql/include/security_fixture.sql
SELECT greenattr.retire(greenattr.certblock('GEC', '1', 1, 10), 'Beijing Data Centre', 'scope2',
	'[2024-01-01,2025-01-01)', 2);

-- The documented serialization (src/journal.c), written out in SQL.
CREATE FUNCTION pg_temp.f_int(x bigint) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || int8send(x) END
$$;
CREATE FUNCTION pg_temp.f_text(x text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x IS NULL THEN '\x00'::bytea
	       ELSE '\x01'::bytea || int4send(octet_length(convert_to(x, 'UTF8'))) || convert_to(x, 'UTF8') END
$$;
CREATE FUNCTION pg_temp.expected_hash(prev bytea, seq bigint, j greenattr.journal) RETURNS bytea
LANGUAGE sql STABLE AS $$
	SELECT sha256(prev || convert_to('greenattr-journal-v1', 'UTF8') || '\x00'::bytea
		|| pg_temp.f_int(seq) || pg_temp.f_int(j.id)
		|| CASE WHEN j.at IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || timestamptz_send(j.at) END
		|| pg_temp.f_text(j.actor) || pg_temp.f_text(j.verb) || pg_temp.f_text(j.block::text)
		|| pg_temp.f_int(j.from_account) || pg_temp.f_int(j.to_account) || pg_temp.f_text(j.detail::text))
$$;

-- One entry per journal row, chained: entry 1 links to 32 zero bytes, every
-- other to the entry before it, and each hash is the documented SHA-256.
SELECT c.seq, c.journal_id, j.verb, j.block::text,
       c.prev_hash = coalesce(lag(c.hash) OVER (ORDER BY c.seq), decode(repeat('00', 32), 'hex')) AS links,
       c.hash = pg_temp.expected_hash(c.prev_hash, c.seq, j) AS recomputed,
       length(c.hash) AS bytes
  FROM journal_chain c JOIN journal j ON j.id = c.journal_id ORDER BY c.seq;
SELECT * FROM verify_journal();
SELECT h.entries, h.journal_id, h.hash = encode(c.hash, 'hex') AS is_last_hash, length(h.hash) AS hex_digits
  FROM journal_head() h JOIN journal_chain c ON c.seq = h.entries;
-- The hash covers NULL markers: NULL and '' differ, as do a field's absence and presence.
SELECT journal_entry_hash(decode(repeat('00', 32), 'hex'), 1, 1, NULL, NULL, 'v', '', NULL, NULL, NULL)
     = journal_entry_hash(decode(repeat('00', 32), 'hex'), 1, 1, NULL, '', 'v', NULL, NULL, NULL, NULL) AS same;
SELECT journal_entry_hash(decode(repeat('00', 32), 'hex'), 1, 1, NULL, 'ab', 'c', NULL, NULL, NULL, NULL)
     = journal_entry_hash(decode(repeat('00', 32), 'hex'), 1, 1, NULL, 'a', 'bc', NULL, NULL, NULL, NULL) AS same;
-- The SHA-256 itself, on a fixed entry (sha256() of the serialization written out by hand).
SELECT journal_entry_hash(decode(repeat('00', 32), 'hex'), 1, 2, NULL, 'a', NULL, NULL, 3, NULL, NULL)
     = sha256(decode(repeat('00', 32), 'hex') || convert_to('greenattr-journal-v1', 'UTF8')
              || '\x00010000000000000001010000000000000002000100000001610000010000000000000003'::bytea
              || '\x0000'::bytea) AS matches;
-- Bad previous hashes.
SELECT pg_temp.attempt($$SELECT greenattr.journal_entry_hash(NULL, 1, 1, NULL, NULL, 'v', NULL, NULL, NULL, NULL)$$);
SELECT pg_temp.attempt($$SELECT greenattr.journal_entry_hash('\x00', 1, 1, NULL, NULL, 'v', NULL, NULL, NULL, NULL)$$);

-- Sealed at commit: an open transaction's rows have no entry yet (and
-- verify_journal() in that transaction says so), a rolled-back one leaves none.
BEGIN;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 11, 20), 6, 2);
SELECT (SELECT max(id) FROM journal) AS last_row, (SELECT max(seq) FROM journal_chain) AS last_entry;
SELECT * FROM verify_journal();
COMMIT;
SELECT c.seq, c.journal_id, j.verb FROM journal_chain c JOIN journal j ON j.id = c.journal_id WHERE c.seq = 4;
BEGIN;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 21, 30), 6, 2);
ROLLBACK;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 31, 40), 6, 2);
SELECT c.seq, c.journal_id, j.verb, j.block::text FROM journal_chain c JOIN journal j ON j.id = c.journal_id WHERE c.seq >= 4 ORDER BY c.seq;
SELECT * FROM verify_journal();
-- A session may seal at once (SET CONSTRAINTS); it then holds the head until it ends.
BEGIN;
SET CONSTRAINTS greenattr.journal_seal IMMEDIATE;
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 41, 50), 6, 2);
SELECT max(seq) AS last_entry FROM journal_chain;
COMMIT;

-- The chain itself is append-only, even for a superuser who keeps the triggers.
SELECT pg_temp.attempt($$UPDATE greenattr.journal_chain SET hash = prev_hash WHERE seq = 1 RETURNING seq$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.journal_chain WHERE seq = 6 RETURNING seq$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.journal_chain$$);
SELECT pg_temp.attempt($$DELETE FROM greenattr.journal_chain_head RETURNING seq$$);
SELECT pg_temp.attempt($$TRUNCATE greenattr.journal_chain_head$$);

-- Tampering by a superuser who bypasses the triggers (session_replication_role
-- = replica disables them).  Each case is undone before the next.
SET session_replication_role = replica;
CREATE TEMPORARY TABLE saved_journal AS SELECT * FROM journal;
CREATE TEMPORARY TABLE saved_chain AS SELECT * FROM journal_chain;
CREATE TEMPORARY TABLE saved_head AS SELECT * FROM journal_chain_head;

-- 1. A journal row edited: the retirement's beneficiary.
UPDATE journal SET detail = jsonb_set(detail, '{beneficiary}', '"Someone Else"') WHERE id = 3;
SELECT * FROM verify_journal();
SELECT * FROM audit();
-- Undone exactly, it verifies again: the seal is over the content.
UPDATE journal j SET detail = s.detail FROM saved_journal s WHERE s.id = j.id AND j.id = 3;
SELECT valid, entries FROM verify_journal();
-- An edit of another column (the timestamp) is caught the same way.
UPDATE journal SET at = at + interval '1 microsecond' WHERE id = 4;
SELECT * FROM verify_journal();
UPDATE journal j SET at = s.at FROM saved_journal s WHERE s.id = j.id AND j.id = 4;

-- 2. A chain entry removed (the journal row stays).
DELETE FROM journal_chain WHERE seq = 2;
SELECT * FROM verify_journal();
INSERT INTO journal_chain SELECT * FROM saved_chain WHERE seq = 2;

-- 3. A chain entry relinked: its previous hash is not the entry before it.
UPDATE journal_chain SET prev_hash = sha256('forged') WHERE seq = 3;
SELECT * FROM verify_journal();
UPDATE journal_chain c SET prev_hash = s.prev_hash FROM saved_chain s WHERE s.seq = c.seq AND c.seq = 3;

-- 4. The last entry and its journal row cut off the end: the head still counts it.
DELETE FROM journal WHERE id = (SELECT journal_id FROM journal_chain WHERE seq = 6);
DELETE FROM journal_chain WHERE seq = 6;
SELECT * FROM verify_journal();
-- ... and with the head moved back too, only a published head shows the cut.
UPDATE journal_chain_head SET seq = 5, hash = (SELECT hash FROM journal_chain WHERE seq = 5);
SELECT valid, entries FROM verify_journal();
SELECT entries, hash = (SELECT encode(hash, 'hex') FROM saved_chain WHERE seq = 6) AS matches_published
  FROM journal_head();
INSERT INTO journal SELECT * FROM saved_journal WHERE id = (SELECT journal_id FROM saved_chain WHERE seq = 6);
INSERT INTO journal_chain SELECT * FROM saved_chain WHERE seq = 6;
UPDATE journal_chain_head h SET seq = s.seq, hash = s.hash FROM saved_head s;
SELECT valid, entries FROM verify_journal();

-- 5. A journal row slipped in with the triggers off: it has no entry.
INSERT INTO journal (verb, block, from_account) VALUES ('transfer', certblock('GEC', '1', 1, 1), 2);
SELECT * FROM verify_journal();
DELETE FROM journal WHERE id = (SELECT max(id) FROM journal);

-- 6. A journal row deleted: left broken for the auditor to find.
DELETE FROM journal WHERE id = 2;
RESET session_replication_role;
SELECT * FROM verify_journal();
SELECT * FROM audit();
SET SESSION AUTHORIZATION regress_ga_auditor;
SELECT * FROM verify_journal();
RESET SESSION AUTHORIZATION;
-- New entries still chain on from the head.
SELECT greenattr.transfer(greenattr.certblock('GEC', '1', 51, 60), 6, 2);
SELECT seq, journal_id FROM journal_chain WHERE seq = 7;
