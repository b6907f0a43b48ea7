-- caseload schema 6: quality-assurance review. One review per item under review (a form
-- response, or an intern's note to co-sign), its history of events (append-only), comments
-- anchored to a field of the item (append-only), the item's answers as they were at each
-- submission (so the reviewer sees what changed), and the seeded samples drawn for QA.
-- Nobody decides or is assigned their own item; nothing is ever deleted.

-- The lead a caseworker's work goes to (an intern's reviewer stays supervisor_id), and the
-- last day of a probation (NULL: not on probation): work of those past it may be sampled.
ALTER TABLE staff ADD COLUMN lead_id INTEGER REFERENCES staff(id);
ALTER TABLE staff ADD COLUMN probation_until TEXT
  CHECK (probation_until IS date(probation_until, '+0 days'));

-- A draw of completed work for QA: the period ("YYYY-MM"), the form, the share asked for,
-- the seed (16 lower-case hex digits of a uint64, so that the draw can be repeated), how many
-- were eligible and how many drawn.
CREATE TABLE review_sample (
  id        INTEGER PRIMARY KEY,
  period    TEXT NOT NULL CHECK (length(period) = 7
                                 AND period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  form_id   TEXT NOT NULL CHECK (length(form_id) BETWEEN 1 AND 64),
  percent   INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  seed      TEXT NOT NULL CHECK (length(seed) = 16 AND seed NOT GLOB '*[^0-9a-f]*'),
  eligible  INTEGER NOT NULL CHECK (eligible >= 0),
  drawn     INTEGER NOT NULL CHECK (drawn BETWEEN 0 AND eligible),
  drawn_by  INTEGER NOT NULL REFERENCES staff(id),
  drawn_at  TEXT NOT NULL,
  UNIQUE (period, form_id)
) STRICT;

CREATE TABLE review (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('form', 'note')),
  -- form_response.id or note.id, by kind; about whom and by whom are copied from it (and
  -- checked against it by review_object_matches), so that the self-review ban below holds
  object_id     INTEGER NOT NULL,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  author_id     INTEGER NOT NULL REFERENCES staff(id),
  reason        TEXT NOT NULL CHECK (reason IN ('required', 'sampled', 'cosign')),
  state         TEXT NOT NULL DEFAULT 'submitted'
                CHECK (state IN ('submitted', 'in_review', 'approved', 'returned')),
  round         INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
  -- NULL: the shared queue
  assigned_to   INTEGER REFERENCES staff(id),
  -- the first submission (turnaround and the team view's period) and the current round's
  opened_at     TEXT NOT NULL,
  submitted_at  TEXT NOT NULL CHECK (submitted_at >= opened_at),
  due_on        TEXT CHECK (due_on IS date(due_on, '+0 days')),
  -- the decision of the current round, cleared by a resubmission
  decided_at    TEXT,
  decided_by    INTEGER REFERENCES staff(id),
  checklist_id  INTEGER REFERENCES form_response(id),
  sample_id     INTEGER REFERENCES review_sample(id),
  CHECK ((decided_at IS NULL) = (decided_by IS NULL)),
  CHECK ((state IN ('approved', 'returned')) = (decided_by IS NOT NULL)),
  CHECK (state <> 'in_review' OR assigned_to IS NOT NULL),
  CHECK (reason <> 'sampled' OR sample_id IS NOT NULL),
  -- nobody reviews their own work
  CHECK (decided_by IS NULL OR decided_by <> author_id),
  CHECK (assigned_to IS NULL OR assigned_to <> author_id),
  UNIQUE (kind, object_id)
) STRICT;

-- A reviewer's queue (and the shared one: assigned_to NULL), oldest submission first,
-- keyset-paged by (submitted_at, id).
CREATE INDEX review_queue ON review(state, assigned_to, submitted_at, id);
-- What waits for an author (returned items), newest first.
CREATE INDEX review_by_author ON review(author_id, state, submitted_at, id);
-- The team view and the criteria: the reviews first submitted in a period.
CREATE INDEX review_by_opened ON review(opened_at);

-- Every transition: who, when, in which round, to whom it was then assigned, and the note of
-- a decision.
CREATE TABLE review_event (
  id           INTEGER PRIMARY KEY,
  review_id    INTEGER NOT NULL REFERENCES review(id),
  round        INTEGER NOT NULL CHECK (round >= 1),
  event        TEXT NOT NULL CHECK (event IN ('submitted', 'taken', 'reassigned', 'approved',
                                              'returned', 'resubmitted')),
  by_id        INTEGER NOT NULL REFERENCES staff(id),
  at           TEXT NOT NULL,
  assigned_to  INTEGER REFERENCES staff(id),
  note         TEXT NOT NULL DEFAULT '' CHECK (length(CAST(note AS BLOB)) < 800)
) STRICT;
CREATE INDEX review_event_by_review ON review_event(review_id, id);

-- A comment on the item as a whole (anchor '') or on one of its fields or sections.
CREATE TABLE review_comment (
  id         INTEGER PRIMARY KEY,
  review_id  INTEGER NOT NULL REFERENCES review(id),
  round      INTEGER NOT NULL CHECK (round >= 1),
  anchor     TEXT NOT NULL DEFAULT '' CHECK (length(CAST(anchor AS BLOB)) < 72),
  author_id  INTEGER NOT NULL REFERENCES staff(id),
  at         TEXT NOT NULL,
  body       TEXT NOT NULL CHECK (length(body) >= 1 AND length(CAST(body AS BLOB)) <= 4000)
) STRICT;
CREATE INDEX review_comment_by_review ON review_comment(review_id, id);

-- A form response's answers as they were submitted in a round, with their sensitivity, which
-- every read checks exactly as for the answers themselves.
CREATE TABLE review_snapshot (
  review_id    INTEGER NOT NULL REFERENCES review(id),
  round        INTEGER NOT NULL CHECK (round >= 1),
  field        TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 64),
  row          INTEGER NOT NULL CHECK (row >= 0),
  value        TEXT NOT NULL CHECK (length(value) >= 1
                                    AND length(CAST(value AS BLOB)) <= 1048576),
  sensitivity  INTEGER NOT NULL DEFAULT 0 CHECK (sensitivity BETWEEN 0 AND 4),
  PRIMARY KEY (review_id, round, field, row)
) STRICT, WITHOUT ROWID;

-- ---- review ----

-- The review's item, about whom and by whom: fixed from the start, and true to the item.
CREATE TRIGGER review_object_matches BEFORE INSERT ON review
WHEN NOT CASE new.kind
  WHEN 'form' THEN EXISTS (SELECT 1 FROM form_response o WHERE o.id = new.object_id
                           AND o.person_id = new.person_id AND o.author_id = new.author_id)
  WHEN 'note' THEN EXISTS (SELECT 1 FROM note o WHERE o.id = new.object_id
                           AND o.person_id = new.person_id AND o.author_id = new.author_id)
  ELSE 0 END BEGIN
  SELECT RAISE(ABORT, 'a review is of an existing item, its person and its author');
END;
CREATE TRIGGER review_origin_fixed
BEFORE UPDATE OF kind, object_id, person_id, author_id, reason, opened_at, sample_id
ON review BEGIN
  SELECT RAISE(ABORT, 'a review keeps its item, person, author and origin');
END;
-- submitted -> in_review (taken) | submitted (reassigned) | approved | returned;
-- in_review -> submitted (reassigned) | approved | returned; returned -> submitted.
CREATE TRIGGER review_state_forward BEFORE UPDATE OF state ON review
WHEN NOT ((old.state IN ('submitted', 'in_review')
           AND new.state IN ('submitted', 'in_review', 'approved', 'returned'))
          OR (old.state = 'returned' AND new.state IN ('returned', 'submitted'))
          OR (old.state = 'approved' AND new.state = 'approved')) BEGIN
  SELECT RAISE(ABORT, 'a review''s state only moves forward');
END;
-- A round only grows, by one at a resubmission.
CREATE TRIGGER review_round_forward BEFORE UPDATE OF round ON review
WHEN new.round <> old.round
  AND NOT (new.round = old.round + 1 AND old.state = 'returned' AND new.state = 'submitted') BEGIN
  SELECT RAISE(ABORT, 'a review''s round grows by one at each resubmission');
END;
-- Approved is terminal. Created after the triggers above so that SQLite, which runs the newest
-- first, gives this message for it.
CREATE TRIGGER review_approved_immutable BEFORE UPDATE ON review
WHEN old.state = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved review never changes');
END;
CREATE TRIGGER review_no_delete BEFORE DELETE ON review BEGIN
  SELECT RAISE(ABORT, 'reviews are never deleted');
END;

-- ---- history: append-only ----

CREATE TRIGGER review_event_no_update BEFORE UPDATE ON review_event BEGIN
  SELECT RAISE(ABORT, 'review_event is append-only');
END;
CREATE TRIGGER review_event_no_delete BEFORE DELETE ON review_event BEGIN
  SELECT RAISE(ABORT, 'review_event is append-only');
END;
-- A comment belongs to a round the review has reached.
CREATE TRIGGER review_comment_round BEFORE INSERT ON review_comment
WHEN new.round > (SELECT round FROM review WHERE id = new.review_id) BEGIN
  SELECT RAISE(ABORT, 'a review comment belongs to a round the review has reached');
END;
CREATE TRIGGER review_comment_no_update BEFORE UPDATE ON review_comment BEGIN
  SELECT RAISE(ABORT, 'review_comment is append-only');
END;
CREATE TRIGGER review_comment_no_delete BEFORE DELETE ON review_comment BEGIN
  SELECT RAISE(ABORT, 'review_comment is append-only');
END;
CREATE TRIGGER review_snapshot_round BEFORE INSERT ON review_snapshot
WHEN new.round > (SELECT round FROM review WHERE id = new.review_id) BEGIN
  SELECT RAISE(ABORT, 'a review snapshot belongs to a round the review has reached');
END;
CREATE TRIGGER review_snapshot_no_update BEFORE UPDATE ON review_snapshot BEGIN
  SELECT RAISE(ABORT, 'review_snapshot is append-only');
END;
CREATE TRIGGER review_snapshot_no_delete BEFORE DELETE ON review_snapshot BEGIN
  SELECT RAISE(ABORT, 'review_snapshot is append-only');
END;
CREATE TRIGGER review_sample_no_update BEFORE UPDATE ON review_sample BEGIN
  SELECT RAISE(ABORT, 'review_sample is append-only');
END;
CREATE TRIGGER review_sample_no_delete BEFORE DELETE ON review_sample BEGIN
  SELECT RAISE(ABORT, 'review_sample is append-only');
END;
