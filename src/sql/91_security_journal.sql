-- Tamper evidence: the journal as a SHA-256 hash chain.
--
-- Each journal row is sealed when its transaction commits: a deferred trigger
-- takes the chain head (one row, locked FOR UPDATE), hashes the row's canonical
-- serialization (src/journal.c) chained to the head's hash, appends the entry
-- to journal_chain and moves the head.  Sealing at commit gives one linear
-- chain in commit order while transactions that are still open never wait for
-- each other: the head is locked only from the seal to the end of the commit,
-- so two transfers of different blocks still run side by side (spec
-- registry_parallel_moves) and only their commits queue for a moment (spec
-- security_chain_race).  A transaction that rolls back leaves no entry.
--
-- verify_journal() recomputes the chain and names the first broken entry;
-- journal_head() gives the head hash for an operator to publish outside the
-- database.  Whoever can bypass the triggers (a superuser) can also rewrite the
-- whole chain consistently: only a published head catches that, and it also
-- catches entries cut off the end.

CREATE FUNCTION @extschema@.journal_entry_hash(prev bytea, seq bigint, id bigint, at timestamptz,
	actor text, verb text, block text, from_account bigint, to_account bigint, detail text)
RETURNS bytea
	AS 'MODULE_PATHNAME', 'greenattr_journal_entry_hash'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.journal_entry_hash(bytea, bigint, bigint, timestamptz, text, text, text, bigint, bigint, text) IS
	'SHA-256 of the previous hash and the canonical serialization of one journal entry (format in src/journal.c)';

CREATE TABLE @extschema@.journal_chain (
	seq        bigint PRIMARY KEY CHECK (seq > 0),
	journal_id bigint NOT NULL UNIQUE,
	prev_hash  bytea NOT NULL CHECK (pg_catalog.length(prev_hash) = 32),
	hash       bytea NOT NULL CHECK (pg_catalog.length(hash) = 32),
	sealed_at  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);
COMMENT ON TABLE @extschema@.journal_chain IS 'Hash chain over the journal: one entry per journal row, in commit order';
COMMENT ON COLUMN @extschema@.journal_chain.seq IS 'Position in the chain (1, 2, 3 ... without gaps)';
COMMENT ON COLUMN @extschema@.journal_chain.journal_id IS 'The journal row this entry seals (no foreign key: a deleted row must leave its entry behind as evidence)';
COMMENT ON COLUMN @extschema@.journal_chain.prev_hash IS 'Hash of the previous entry (32 zero bytes for the first)';
COMMENT ON COLUMN @extschema@.journal_chain.hash IS 'SHA-256 of prev_hash and the journal row''s canonical serialization';
COMMENT ON COLUMN @extschema@.journal_chain.sealed_at IS 'When the entry was sealed (commit of the journal row''s transaction)';

-- The head: one row, the lock every seal takes.
CREATE TABLE @extschema@.journal_chain_head (
	singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	seq       bigint NOT NULL CHECK (seq >= 0),
	hash      bytea NOT NULL CHECK (pg_catalog.length(hash) = 32)
);
COMMENT ON TABLE @extschema@.journal_chain_head IS 'Last entry of the journal hash chain (one row; created by the first seal)';
COMMENT ON COLUMN @extschema@.journal_chain_head.seq IS 'Number of entries in the chain';
COMMENT ON COLUMN @extschema@.journal_chain_head.hash IS 'Hash of the last entry';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.journal_chain', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.journal_chain_head', '');

-- The window form: each row's hash chained to the row before it, the first
-- to first_prev.  Seals a batch in one pass (journal_seal_batch()).
CREATE FUNCTION @extschema@.journal_chain_hash(first_prev bytea, seq bigint, id bigint, at timestamptz,
	actor text, verb text, block text, from_account bigint, to_account bigint, detail text)
RETURNS bytea
	AS 'MODULE_PATHNAME', 'greenattr_journal_chain_hash'
	LANGUAGE C IMMUTABLE WINDOW;
COMMENT ON FUNCTION @extschema@.journal_chain_hash(bytea, bigint, bigint, timestamptz, text, text, text, bigint, bigint, text) IS
	'Window function: chain hashes of the rows in window order, the first chained to first_prev';

-- The chain head, locked for a seal: where it is, its position and its hash.
-- Created at position 0 by the first seal.
-- A transaction that seals many rows updates the head once per row, and every
-- one of those versions stays until the transaction ends: found by a scan, the
-- head cost time in proportion to the rows already sealed (a 100,000-row
-- issuance spent most of its commit there).  So each seal remembers where it
-- left the head (journal_head_moved(): a transaction-local setting, rolled
-- back with a savepoint like the head itself) and the next seal goes straight
-- to that version; a setting that does not name the live head (changed by
-- hand, or by the head moving otherwise) just falls back to the search.
-- Without enable_seqscan = off, a plan made while the head table looked empty
-- scans it by ctid too.  In C (src/journal_seal.c), with the row seal.
CREATE FUNCTION @extschema@.journal_head_lock(OUT t tid, OUT n bigint, OUT prev bytea)
	AS 'MODULE_PATHNAME', 'greenattr_journal_head_lock'
	LANGUAGE C
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- Move the locked head at t to position n with hash h, and remember where it is now.
CREATE FUNCTION @extschema@.journal_head_moved(t tid, n bigint, h bytea)
RETURNS void
	AS 'MODULE_PATHNAME', 'greenattr_journal_head_moved'
	LANGUAGE C
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- Deferred: runs at commit, after the transaction's own checks.  In C
-- (src/journal_seal.c), for it is in the commit of every verb that journals
-- row by row: the same steps as journal_seal_batch() for one row (the head
-- locked and moved by the code of journal_head_lock() and journal_head_moved(),
-- the row hashed by journal_entry_hash()'s format, the entry appended).
-- enable_seqscan = off: see journal_head_lock().
CREATE FUNCTION @extschema@.journal_seal() RETURNS trigger
	AS 'MODULE_PATHNAME', 'greenattr_journal_seal'
	LANGUAGE C SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	SET enable_seqscan = off;

-- Journal rows written by a bulk verb (rows it checked itself, see
-- bulk_checked()) are sealed as one batch: the verb records the range of
-- journal ids it wrote and the number of its rows in it, and the deferred
-- trigger on that record seals them at commit, in id order, where the
-- row-by-row seals of the same transaction would have put them.  In the
-- range, other transactions' rows are either not committed (sealed by their
-- own commit) or committed and sealed with it: the range's unsealed visible
-- rows are the batch.  The record is removed once sealed.
CREATE TABLE @extschema@.journal_batch (
	id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	first_id bigint NOT NULL,
	last_id  bigint NOT NULL,
	entries  bigint NOT NULL CHECK (entries > 0),
	CHECK (first_id <= last_id)
);
COMMENT ON TABLE @extschema@.journal_batch IS
	'Batches of journal rows written by a bulk verb, waiting for their seal at commit (empty outside a transaction)';
COMMENT ON COLUMN @extschema@.journal_batch.first_id IS 'Lowest journal id of the batch';
COMMENT ON COLUMN @extschema@.journal_batch.last_id IS 'Highest journal id of the batch';
COMMENT ON COLUMN @extschema@.journal_batch.entries IS 'Number of journal rows in the batch';

CREATE FUNCTION @extschema@.journal_seal_batch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
	head   record;
	sealed bigint;
	h      bytea;
BEGIN
	head := @extschema@.journal_head_lock();
	WITH batch AS (
		SELECT j.*, head.n OPERATOR(pg_catalog.+) pg_catalog.row_number() OVER (ORDER BY j.id) AS seq
		  FROM @extschema@.journal j
		 WHERE j.id OPERATOR(pg_catalog.>=) NEW.first_id AND j.id OPERATOR(pg_catalog.<=) NEW.last_id
		   AND NOT EXISTS (SELECT 1 FROM @extschema@.journal_chain x WHERE x.journal_id OPERATOR(pg_catalog.=) j.id)),
	chained AS (
		SELECT b.seq, b.id,
		       @extschema@.journal_chain_hash(head.prev, b.seq, b.id, b.at, b.actor, b.verb, b.block::text,
		           b.from_account, b.to_account, b.detail::text) OVER w AS hash
		  FROM batch b WINDOW w AS (ORDER BY b.seq)),
	linked AS (
		INSERT INTO @extschema@.journal_chain (seq, journal_id, prev_hash, hash)
		SELECT c.seq, c.id, pg_catalog.lag(c.hash, 1, head.prev) OVER (ORDER BY c.seq), c.hash
		  FROM chained c ORDER BY c.seq
		RETURNING 1)
	SELECT pg_catalog.count(*) INTO sealed FROM linked;
	IF sealed OPERATOR(pg_catalog.<>) NEW.entries THEN
		RAISE EXCEPTION 'journal batch % found % unsealed rows between journal rows % and %, not %',
			NEW.id, sealed, NEW.first_id, NEW.last_id, NEW.entries
			USING ERRCODE = 'XX000', HINT = 'The batch was recorded by a bulk verb; this is a bug.';
	END IF;
	-- The batch's last hash, the new head: by key, not kept in memory for a million rows.
	SELECT x.hash INTO h FROM @extschema@.journal_chain x WHERE x.seq OPERATOR(pg_catalog.=) (head.n OPERATOR(pg_catalog.+) sealed);
	PERFORM @extschema@.journal_head_moved(head.t, head.n OPERATOR(pg_catalog.+) sealed, h);
	DELETE FROM @extschema@.journal_batch b WHERE b.id OPERATOR(pg_catalog.=) NEW.id;
	RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER journal_seal AFTER INSERT ON @extschema@.journal
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW WHEN (NOT @extschema@.bulk_checked())
	EXECUTE FUNCTION @extschema@.journal_seal();
CREATE CONSTRAINT TRIGGER journal_seal_batch AFTER INSERT ON @extschema@.journal_batch
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION @extschema@.journal_seal_batch();

-- The chain is as append-only as the journal; the head moves only by seals.
CREATE FUNCTION @extschema@.journal_chain_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM @extschema@.raise_rule(TG_TABLE_NAME OPERATOR(pg_catalog.||) '_immutable', '23000',
		pg_catalog.format('rows of greenattr.%s cannot be changed by %s', TG_TABLE_NAME, TG_OP),
		'The journal hash chain is append-only.',
		'Entries are written only when journal rows commit.');
	RETURN NULL;
END
$$;
CREATE TRIGGER journal_chain_append_only BEFORE UPDATE OR DELETE ON @extschema@.journal_chain
	FOR EACH ROW EXECUTE FUNCTION @extschema@.journal_chain_guard();
CREATE TRIGGER journal_chain_no_truncate BEFORE TRUNCATE ON @extschema@.journal_chain
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.journal_chain_guard();
CREATE TRIGGER journal_chain_head_no_delete BEFORE DELETE ON @extschema@.journal_chain_head
	FOR EACH ROW EXECUTE FUNCTION @extschema@.journal_chain_guard();
CREATE TRIGGER journal_chain_head_no_truncate BEFORE TRUNCATE ON @extschema@.journal_chain_head
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.journal_chain_guard();

-- Recompute the chain from the first entry.  One row: valid, the number of
-- entries found intact (up to the first break), and for the first break its
-- position, its journal row (when known) and what is wrong.  Rows written by the calling transaction itself are sealed
-- only at its commit: called before, it reports the first of them as unsealed.
--
-- Set-based, in two passes: the chain in seq order (its primary key) for gaps
-- and links (row_number, lag), and the chain joined to the journal for the
-- first deleted or changed row (each entry's hash in C, no SQL function per
-- entry; in parallel); only the faults found are sorted.  The first fault by position wins, and within one entry the checks keep the order
-- gap, link, deleted row, changed row; an entry after a fault is never
-- reported, so the result is the one an entry-by-entry walk gives.  Unsealed
-- rows are looked for only when the journal has more rows than the intact
-- chain seals (seals are unique and each was just found to point at a present row).
CREATE FUNCTION @extschema@.verify_journal(OUT valid boolean, OUT entries bigint,
	OUT broken_seq bigint, OUT broken_journal_id bigint, OUT problem text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	c    record;
	zero bytea := pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex');
	prev bytea;
	head @extschema@.journal_chain_head;
	njournal bigint;
	lost bigint;
	found_faults bigint;
BEGIN
	valid := false;
	-- fault: 1 gap, 2 link, 3 deleted row, 4 changed row; n: position in the
	-- chain.  The hashes, most of the cost, are an aggregate (the first entry
	-- whose row is deleted or changed), which PostgreSQL computes in parallel;
	-- EXECUTE, as plpgsql runs a static SELECT INTO with a row limit, and so
	-- never in parallel.
	EXECUTE $q$
		SELECT f.*
		  FROM (SELECT w.seq, w.journal_id, w.n, CASE WHEN w.seq OPERATOR(pg_catalog.<>) w.n THEN 1 ELSE 2 END AS fault
		          FROM (SELECT x.seq, x.journal_id, x.prev_hash,
		                       pg_catalog.row_number() OVER (ORDER BY x.seq) AS n,
		                       pg_catalog.lag(x.hash) OVER (ORDER BY x.seq) AS before
		                  FROM @extschema@.journal_chain x) w
		         WHERE w.seq OPERATOR(pg_catalog.<>) w.n
		            OR w.prev_hash OPERATOR(pg_catalog.<>) coalesce(w.before, $1)
		        UNION ALL
		        SELECT x.seq, x.journal_id, x.seq,
		               CASE WHEN EXISTS (SELECT 1 FROM @extschema@.journal j WHERE j.id OPERATOR(pg_catalog.=) x.journal_id)
		                    THEN 4 ELSE 3 END
		          FROM @extschema@.journal_chain x
		         WHERE x.seq OPERATOR(pg_catalog.=) (
		               SELECT pg_catalog.min(y.seq)
		                 FROM @extschema@.journal_chain y
		                 LEFT JOIN @extschema@.journal j ON j.id OPERATOR(pg_catalog.=) y.journal_id
		                WHERE j.id IS NULL
		                   OR @extschema@.journal_entry_hash(y.prev_hash, y.seq, j.id, j.at, j.actor, j.verb, j.block::text,
		                          j.from_account, j.to_account, j.detail::text) OPERATOR(pg_catalog.<>) y.hash)) f
		 ORDER BY f.seq, f.fault
		 LIMIT 1
	$q$ INTO c USING zero;
	GET DIAGNOSTICS found_faults = ROW_COUNT;
	IF found_faults OPERATOR(pg_catalog.>) 0 THEN
		entries := c.n OPERATOR(pg_catalog.-) 1;
		IF c.fault OPERATOR(pg_catalog.=) 1 THEN
			broken_seq := c.n;
			problem := pg_catalog.format('chain entry %s is missing: entry %s follows entry %s', c.n, c.seq, entries);
			RETURN;
		END IF;
		broken_seq := c.seq;
		broken_journal_id := c.journal_id;
		IF c.fault OPERATOR(pg_catalog.=) 2 THEN
			problem := pg_catalog.format('chain entry %s (journal row %s) does not link to entry %s', c.seq, c.journal_id, entries);
		ELSIF c.fault OPERATOR(pg_catalog.=) 3 THEN
			problem := pg_catalog.format('journal row %s (chain entry %s) was deleted', c.journal_id, c.seq);
		ELSE
			problem := pg_catalog.format('journal row %s (chain entry %s) was changed: its hash does not match', c.journal_id, c.seq);
		END IF;
		RETURN;
	END IF;
	SELECT x.seq, x.hash INTO entries, prev FROM @extschema@.journal_chain x ORDER BY x.seq DESC LIMIT 1;
	entries := coalesce(entries, 0);
	prev := coalesce(prev, zero);

	SELECT * INTO head FROM @extschema@.journal_chain_head x WHERE x.singleton;
	IF coalesce(head.seq, 0) OPERATOR(pg_catalog.<>) entries
	   OR (head.seq IS NOT NULL AND head.hash OPERATOR(pg_catalog.<>) prev) THEN
		broken_seq := entries OPERATOR(pg_catalog.+) 1;
		problem := pg_catalog.format('the chain ends at entry %s but its head records entry %s', entries, coalesce(head.seq, 0));
		RETURN;
	END IF;

	-- Committed journal rows must all be sealed: a row inserted with the
	-- triggers disabled has no entry.
	SELECT pg_catalog.count(*) INTO njournal FROM @extschema@.journal;
	IF njournal OPERATOR(pg_catalog.>) entries THEN
		SELECT pg_catalog.min(j.id) INTO lost FROM @extschema@.journal j
		 WHERE NOT EXISTS (SELECT 1 FROM @extschema@.journal_chain x WHERE x.journal_id OPERATOR(pg_catalog.=) j.id);
		broken_journal_id := lost;
		problem := pg_catalog.format('journal row %s has no chain entry', lost);
		RETURN;
	END IF;
	valid := true;
END
$$;
COMMENT ON FUNCTION @extschema@.verify_journal() IS
	'Recompute the journal hash chain; valid, entries checked, and the first broken entry (position, journal row, problem)';

CREATE FUNCTION @extschema@.journal_head(OUT entries bigint, OUT journal_id bigint, OUT hash text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT coalesce(h.seq, 0), c.journal_id,
	       pg_catalog.encode(coalesce(h.hash, pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex')), 'hex')
	  FROM (SELECT 1) one
	  LEFT JOIN @extschema@.journal_chain_head h ON h.singleton
	  LEFT JOIN @extschema@.journal_chain c ON c.seq OPERATOR(pg_catalog.=) h.seq
$$;
COMMENT ON FUNCTION @extschema@.journal_head() IS
	'Head of the journal hash chain (entries, last journal row, hex SHA-256) to publish outside the database';

CREATE FUNCTION @extschema@.audit_journal()
RETURNS TABLE (invariant text, subject text, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	SELECT 'journal_chain', 'chain entry ' OPERATOR(pg_catalog.||) coalesce(v.broken_seq::text, '-')
	       OPERATOR(pg_catalog.||) coalesce(', journal row ' OPERATOR(pg_catalog.||) v.broken_journal_id, ''),
	       v.problem
	  FROM @extschema@.verify_journal() v
	 WHERE NOT v.valid
$$;
COMMENT ON FUNCTION @extschema@.audit_journal() IS
	'Journal hash chain: one row naming the first broken entry, none when the chain verifies';
