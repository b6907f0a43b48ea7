-- caseload schema 4: case notes. A note is written as a draft (autosaved, versioned), then
-- finalized, or for interns submitted and co-signed; from then on its text never changes and a
-- correction is a new note that amends it. Nothing is ever deleted.

CREATE TABLE note (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  author_id     INTEGER NOT NULL REFERENCES staff(id),
  -- as it was when written: a later change of the display name does not rewrite history
  author_name   TEXT NOT NULL CHECK (length(author_name) >= 1
                                    AND length(CAST(author_name AS BLOB)) < 244),
  type          TEXT NOT NULL CHECK (length(type) >= 1 AND length(CAST(type AS BLOB)) < 32),
  -- local wall-clock time of the contact; a draft may hold what is still being typed
  contact_at    TEXT NOT NULL CHECK (length(CAST(contact_at AS BLOB)) < 20 AND
                  (state = 'draft' OR contact_at GLOB
                   '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]')),
  written_at    TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft', 'pending_cosign', 'final')),
  sensitivity   INTEGER NOT NULL DEFAULT 0 CHECK (sensitivity BETWEEN 0 AND 4),
  amends_id     INTEGER REFERENCES note(id),
  finalized_at  TEXT,
  finalized_by  INTEGER REFERENCES staff(id),
  cosigned_at   TEXT,
  cosigned_by   INTEGER REFERENCES staff(id),
  version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at    TEXT NOT NULL,
  -- the byte bounds are those of the fixed buffers the program reads them into
  present       TEXT NOT NULL DEFAULT '' CHECK (length(present) <= 200
                                               AND length(CAST(present AS BLOB)) < 400),
  subject       TEXT NOT NULL DEFAULT '' CHECK (length(subject) <= 200
                                               AND length(CAST(subject AS BLOB)) < 800),
  -- last, so that reading any other column never walks a long body's overflow pages
  body          TEXT NOT NULL DEFAULT '' CHECK (length(CAST(body AS BLOB)) <= 1048576),
  CHECK ((state = 'final') = (finalized_at IS NOT NULL AND finalized_by IS NOT NULL)),
  CHECK ((finalized_at IS NULL) = (finalized_by IS NULL)),
  CHECK ((cosigned_at IS NULL) = (cosigned_by IS NULL)),
  -- nobody co-signs their own note
  CHECK (cosigned_by IS NULL OR (state = 'final' AND cosigned_by <> author_id))
) STRICT;

-- The person's timeline, newest first and keyset-paged by (contact_at, id).
CREATE INDEX note_by_person ON note(person_id, contact_at, id);
-- The co-signature queue: pending notes of a supervisor's interns.
CREATE INDEX note_by_state ON note(state, author_id);
-- "Amended by": the amendments of one note. Partial, because almost every note amends none:
-- over NULLs too, ANALYZE would judge it useless and the timeline would scan every note.
CREATE INDEX note_by_amends ON note(amends_id) WHERE amends_id IS NOT NULL;
-- The timeline pages record changes by time as well.
CREATE INDEX person_change_by_time ON person_change(person_id, changed_at, id);

-- Once submitted for co-signature the text is what the co-signer signs.
CREATE TRIGGER note_text_frozen
BEFORE UPDATE OF type, contact_at, present, subject, body, sensitivity ON note
WHEN old.state <> 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft note''s text changes');
END;
-- Who wrote it, about whom, when, and what it corrects are fixed from the start.
CREATE TRIGGER note_origin_fixed
BEFORE UPDATE OF person_id, author_id, author_name, written_at, amends_id ON note BEGIN
  SELECT RAISE(ABORT, 'a note keeps its person, author and origin');
END;
-- draft -> pending_cosign -> final, or draft -> final; a pending note ends co-signed.
CREATE TRIGGER note_state_forward BEFORE UPDATE OF state ON note
WHEN NOT (new.state = old.state
          OR (old.state = 'draft' AND new.state IN ('pending_cosign', 'final'))
          OR (old.state = 'pending_cosign' AND new.state = 'final'
              AND new.cosigned_by IS NOT NULL)) BEGIN
  SELECT RAISE(ABORT, 'a note''s state only moves forward');
END;
-- A final note never changes: it is corrected by an amendment. Created after the triggers
-- above so that SQLite, which runs the newest first, gives this message for a final note.
CREATE TRIGGER note_final_immutable BEFORE UPDATE ON note WHEN old.state = 'final' BEGIN
  SELECT RAISE(ABORT, 'a final note never changes: amend it');
END;
CREATE TRIGGER note_no_delete BEFORE DELETE ON note BEGIN
  SELECT RAISE(ABORT, 'notes are never deleted');
END;
-- An amendment corrects a final note of the same person.
CREATE TRIGGER note_amends_final BEFORE INSERT ON note WHEN new.amends_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM note o WHERE o.id = new.amends_id
                  AND o.person_id = new.person_id AND o.state = 'final') BEGIN
  SELECT RAISE(ABORT, 'an amendment corrects a final note of the same person');
END;

-- Full-text search over notes that left draft. Each is indexed once, by the store, when it
-- leaves draft (no trigger may write to a virtual table under trusted_schema off); its text
-- never changes afterwards, so the index never needs the old values. The content is this
-- view, not the table, so that FTS5's integrity-check, which compares the index with every
-- content row, does not count the unindexed drafts as corruption.
CREATE VIEW note_indexed AS
  SELECT id, subject, body, present FROM note WHERE state <> 'draft';
CREATE VIRTUAL TABLE note_search USING fts5(subject, body, present, content='note_indexed',
  content_rowid='id', tokenize='unicode61 remove_diacritics 2');
