-- caseload schema 3: a tamper-evident audit trail, and indexes to search it.

-- Each row carries the hex SHA-256 of the previous row's hash and its own content (the exact
-- text is in src/store/audit.c), so changing, inserting or deleting a row breaks the chain
-- there and store_audit_verify names it. Rows written before this version keep ''.
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT ''
  CHECK (hash = '' OR (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));

-- Where the chain starts: the first chained row and the hash it chains to. Set here to the
-- row after those written before this version (which verify passes over and counts), so
-- that blanking hashes cannot pass rows off as older; each retention purge moves it to the
-- first row kept and the hash of the last row purged.
CREATE TABLE audit_anchor (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  first_id   INTEGER NOT NULL CHECK (first_id >= 1),
  prev_hash  TEXT NOT NULL
             CHECK (prev_hash = '' OR (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'))
) STRICT;
INSERT INTO audit_anchor (id, first_id, prev_hash)
  SELECT 1, ifnull(max(id), 0) + 1, '' FROM audit_log;

-- The audit search pages newest first by id within each filter; time ranges alone use `at`.
CREATE INDEX audit_by_staff ON audit_log(staff_id, id);
CREATE INDEX audit_by_event ON audit_log(event, id);
CREATE INDEX audit_by_at    ON audit_log(at);
