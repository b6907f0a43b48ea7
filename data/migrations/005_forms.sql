-- caseload schema 5: forms. Each registered form definition keeps the exact YAML it was loaded
-- from, so that a response always renders with the definition it was made with. A response is
-- a draft (autosaved, answer by answer, with a revision for stale-write detection), then
-- finalized, or submitted for review and approved or returned; once out of draft its answers
-- and scores never change, and a correction is a new response that amends it. Nothing is ever
-- deleted.

CREATE TABLE form_definition (
  id            INTEGER PRIMARY KEY,
  form_id       TEXT NOT NULL CHECK (length(form_id) BETWEEN 1 AND 64 AND form_id GLOB '[a-z]*'
                                     AND form_id NOT GLOB '*[^a-z0-9_]*'),
  version       INTEGER NOT NULL CHECK (version >= 1),
  -- SHA-256 of the source, lower-case hex
  hash          TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  -- the byte bounds are those of the fixed buffers the program reads them into
  title         TEXT NOT NULL CHECK (length(title) >= 1 AND length(CAST(title AS BLOB)) < 400),
  status        TEXT NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  source_path   TEXT NOT NULL DEFAULT '' CHECK (length(CAST(source_path AS BLOB)) < 1024),
  registered_at TEXT NOT NULL,
  -- last, so that listing the definitions never walks a long source's overflow pages
  source        TEXT NOT NULL CHECK (length(CAST(source AS BLOB)) <= 4194304),
  UNIQUE (form_id, version)
) STRICT;

CREATE TABLE form_response (
  id             INTEGER PRIMARY KEY,
  person_id      INTEGER NOT NULL REFERENCES person(id),
  definition_id  INTEGER NOT NULL REFERENCES form_definition(id),
  state          TEXT NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'final', 'pending_review', 'approved', 'returned')),
  author_id      INTEGER NOT NULL REFERENCES staff(id),
  -- as it was when written: a later change of the display name does not rewrite history
  author_name    TEXT NOT NULL CHECK (length(author_name) >= 1
                                     AND length(CAST(author_name AS BLOB)) < 244),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  -- set when it leaves draft (finalized, or submitted for review), cleared when a returned
  -- response goes back to draft for its author to change
  finalized_at   TEXT,
  finalized_by   INTEGER REFERENCES staff(id),
  -- the last review: approved or returned, by whom, when, and why when returned
  reviewed_at    TEXT,
  reviewed_by    INTEGER REFERENCES staff(id),
  review_note    TEXT NOT NULL DEFAULT '' CHECK (length(CAST(review_note AS BLOB)) < 800),
  amends_id      INTEGER REFERENCES form_response(id),
  -- bumped by every write to the response, its answers or its scores: a save carrying an
  -- older revision was read before another terminal's save
  revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  -- one line written when it leaves draft ("Total 12 · level moderate"), frozen from then on
  summary        TEXT NOT NULL DEFAULT '' CHECK (length(CAST(summary AS BLOB)) < 400),
  due_on         TEXT CHECK (due_on IS date(due_on, '+0 days')),
  CHECK ((state = 'draft') = (finalized_at IS NULL)),
  CHECK ((finalized_at IS NULL) = (finalized_by IS NULL)),
  CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)),
  CHECK (state NOT IN ('approved', 'returned') OR reviewed_by IS NOT NULL),
  -- nobody reviews their own response
  CHECK (reviewed_by IS NULL OR reviewed_by <> author_id)
) STRICT;

-- A person's responses, newest first and keyset-paged by id.
CREATE INDEX form_response_by_person ON form_response(person_id, id DESC);
-- An author's drafts (their home screen) and a reviewer's queue by state.
CREATE INDEX form_response_by_author ON form_response(author_id, state);
-- Whether a definition is in use (its text is frozen from then on).
CREATE INDEX form_response_by_definition ON form_response(definition_id);
-- The person's timeline pages responses that left draft by when they did.
CREATE INDEX form_response_by_time ON form_response(person_id, finalized_at, id)
  WHERE finalized_at IS NOT NULL;
-- "Amended by", partial for the same reason as note_by_amends.
CREATE INDEX form_response_by_amends ON form_response(amends_id) WHERE amends_id IS NOT NULL;

-- One answer: the text of a field (of a repeat's row; 0 otherwise). sensitivity is an enum
-- note_sensitivity value (0 open; see NOTE_SENSITIVITY_LIST), checked on every read exactly
-- as a note's is. An empty answer is no row.
CREATE TABLE form_answer (
  response_id  INTEGER NOT NULL REFERENCES form_response(id),
  field        TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 64),
  row          INTEGER NOT NULL CHECK (row >= 0),
  value        TEXT NOT NULL CHECK (length(value) >= 1 AND length(CAST(value AS BLOB)) <= 1048576),
  sensitivity  INTEGER NOT NULL DEFAULT 0 CHECK (sensitivity BETWEEN 0 AND 4),
  PRIMARY KEY (response_id, field, row)
) STRICT, WITHOUT ROWID;

-- One computed score: raw value (NULL when it could not be scored), its band, the override
-- and the level that counts.
CREATE TABLE form_score (
  response_id      INTEGER NOT NULL REFERENCES form_response(id),
  score            TEXT NOT NULL CHECK (length(score) BETWEEN 1 AND 64),
  value            REAL,
  missing          INTEGER NOT NULL DEFAULT 0 CHECK (missing >= 0),
  level            TEXT NOT NULL DEFAULT '' CHECK (length(CAST(level AS BLOB)) < 64),
  band_set         INTEGER NOT NULL DEFAULT -1 CHECK (band_set >= -1),
  override_level   TEXT NOT NULL DEFAULT '' CHECK (length(CAST(override_level AS BLOB)) < 64),
  override_reason  TEXT NOT NULL DEFAULT '' CHECK (length(CAST(override_reason AS BLOB)) < 256),
  override_by      INTEGER REFERENCES staff(id),
  final_level      TEXT NOT NULL DEFAULT '',
  CHECK ((override_level = '') = (override_by IS NULL)),
  CHECK (final_level = CASE WHEN override_level <> '' THEN override_level ELSE level END),
  PRIMARY KEY (response_id, score)
) STRICT, WITHOUT ROWID;

-- ---- definitions ----

CREATE TRIGGER form_definition_identity_fixed
BEFORE UPDATE OF form_id, version ON form_definition BEGIN
  SELECT RAISE(ABORT, 'a form definition keeps its id and version');
END;
-- Only a draft definition that no response uses may be replaced by other text.
CREATE TRIGGER form_definition_text_fixed
BEFORE UPDATE OF source, hash, title ON form_definition
WHEN (new.source IS NOT old.source OR new.hash IS NOT old.hash OR new.title IS NOT old.title)
  AND (old.status <> 'draft'
       OR EXISTS (SELECT 1 FROM form_response WHERE definition_id = old.id)) BEGIN
  SELECT RAISE(ABORT,
    'a form definition that is active or in use keeps its text: register a new version');
END;
CREATE TRIGGER form_definition_never_draft_again
BEFORE UPDATE OF status ON form_definition
WHEN new.status = 'draft' AND old.status <> 'draft' BEGIN
  SELECT RAISE(ABORT, 'a form definition never returns to draft');
END;
CREATE TRIGGER form_definition_no_delete BEFORE DELETE ON form_definition BEGIN
  SELECT RAISE(ABORT, 'form definitions are never deleted');
END;

-- ---- responses ----

-- About whom, made with which definition, by whom, and what it corrects: fixed from the start.
CREATE TRIGGER form_response_origin_fixed
BEFORE UPDATE OF person_id, definition_id, author_id, author_name, created_at, amends_id
ON form_response BEGIN
  SELECT RAISE(ABORT, 'a form response keeps its person, definition, author and origin');
END;
-- draft -> final | pending_review; pending_review -> approved | returned;
-- returned -> pending_review (resubmitted) | draft (for its author to change).
CREATE TRIGGER form_response_state_forward BEFORE UPDATE OF state ON form_response
WHEN NOT (new.state = old.state
          OR (old.state = 'draft' AND new.state IN ('final', 'pending_review'))
          OR (old.state = 'pending_review' AND new.state IN ('approved', 'returned'))
          OR (old.state = 'returned' AND new.state IN ('pending_review', 'draft'))) BEGIN
  SELECT RAISE(ABORT, 'a form response''s state only moves forward');
END;
-- What was submitted stays as submitted until it is back in draft.
CREATE TRIGGER form_response_submission_fixed
BEFORE UPDATE OF summary, finalized_at, finalized_by, due_on ON form_response
WHEN old.state <> 'draft' AND new.state <> 'draft'
  AND (new.summary IS NOT old.summary OR new.finalized_at IS NOT old.finalized_at
       OR new.finalized_by IS NOT old.finalized_by OR new.due_on IS NOT old.due_on) BEGIN
  SELECT RAISE(ABORT, 'only a draft form response''s summary changes');
END;
-- Final and approved are terminal: corrected by an amendment. Created after the triggers above
-- so that SQLite, which runs the newest first, gives this message for them.
CREATE TRIGGER form_response_final_immutable BEFORE UPDATE ON form_response
WHEN old.state IN ('final', 'approved') BEGIN
  SELECT RAISE(ABORT, 'a final form response never changes: amend it');
END;
CREATE TRIGGER form_response_no_delete BEFORE DELETE ON form_response BEGIN
  SELECT RAISE(ABORT, 'form responses are never deleted');
END;
-- An amendment corrects a response that left draft, of the same person and the same form
-- (possibly in a newer version).
CREATE TRIGGER form_response_amends_submitted BEFORE INSERT ON form_response
WHEN new.amends_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM form_response o
                  JOIN form_definition od ON od.id = o.definition_id
                  JOIN form_definition nd ON nd.id = new.definition_id
                  WHERE o.id = new.amends_id AND o.person_id = new.person_id
                    AND o.state <> 'draft' AND od.form_id = nd.form_id) BEGIN
  SELECT RAISE(ABORT, 'an amendment corrects a submitted response of the same person and form');
END;

-- ---- answers and scores: they change only while their response is a draft ----

CREATE TRIGGER form_answer_insert_draft BEFORE INSERT ON form_answer
WHEN (SELECT state FROM form_response WHERE id = new.response_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft form response''s answers change');
END;
CREATE TRIGGER form_answer_update_draft BEFORE UPDATE ON form_answer
WHEN (SELECT state FROM form_response WHERE id = old.response_id) IS NOT 'draft'
  OR (SELECT state FROM form_response WHERE id = new.response_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft form response''s answers change');
END;
CREATE TRIGGER form_answer_delete_draft BEFORE DELETE ON form_answer
WHEN (SELECT state FROM form_response WHERE id = old.response_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft form response''s answers change');
END;
CREATE TRIGGER form_score_insert_draft BEFORE INSERT ON form_score
WHEN (SELECT state FROM form_response WHERE id = new.response_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft form response''s scores change');
END;
CREATE TRIGGER form_score_update_draft BEFORE UPDATE ON form_score
WHEN (SELECT state FROM form_response WHERE id = old.response_id) IS NOT 'draft'
  OR (SELECT state FROM form_response WHERE id = new.response_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft form response''s scores change');
END;
CREATE TRIGGER form_score_delete_draft BEFORE DELETE ON form_score
WHEN (SELECT state FROM form_response WHERE id = old.response_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft form response''s scores change');
END;
