-- caseload schema 11: case plans and release plans are reviewed too. A review's kind may now
-- be 'case_plan' (a signed version: its signer is the author) or 'release_plan' (its author
-- is the caseworker who submitted it), and its reason 'requested' (an author asked for a
-- review their configuration does not require). A case plan returned by a reviewer is
-- changed in a new version, and signing that version submits the same review again: its
-- item moves forward to the newer version of the same plan, and only then. A release plan is
-- a living document: once a review of it is approved, a later one may be opened. Samples
-- name the kind they were drawn from.
--
-- SQLite changes a CHECK only by rebuilding the table (the "12 steps"): the migration runs
-- with foreign keys off, checks them before it commits, and recreates every index and
-- trigger. The triggers of the child tables that read review are dropped first and made
-- again after it, so that no trigger names a table that is briefly gone.

DROP TRIGGER review_comment_round;
DROP TRIGGER review_snapshot_round;

CREATE TABLE review_sample_new (
  id        INTEGER PRIMARY KEY,
  period    TEXT NOT NULL CHECK (length(period) = 7
                                 AND period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  kind      TEXT NOT NULL DEFAULT 'form' CHECK (kind IN ('form', 'case_plan', 'release_plan')),
  -- the form a sample of forms was drawn from; '' for plans
  form_id   TEXT NOT NULL CHECK (CASE kind WHEN 'form' THEN length(form_id) BETWEEN 1 AND 64
                                           ELSE form_id = '' END),
  percent   INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  seed      TEXT NOT NULL CHECK (length(seed) = 16 AND seed NOT GLOB '*[^0-9a-f]*'),
  eligible  INTEGER NOT NULL CHECK (eligible >= 0),
  drawn     INTEGER NOT NULL CHECK (drawn BETWEEN 0 AND eligible),
  drawn_by  INTEGER NOT NULL REFERENCES staff(id),
  drawn_at  TEXT NOT NULL,
  UNIQUE (period, kind, form_id)
) STRICT;
INSERT INTO review_sample_new (id, period, kind, form_id, percent, seed, eligible, drawn,
                               drawn_by, drawn_at)
  SELECT id, period, 'form', form_id, percent, seed, eligible, drawn, drawn_by, drawn_at
  FROM review_sample;

CREATE TABLE review_new (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('form', 'note', 'case_plan', 'release_plan')),
  -- form_response.id, note.id, case_plan.id or release_plan.id, by kind; about whom and by
  -- whom are checked against the item by review_object_matches
  object_id     INTEGER NOT NULL,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  author_id     INTEGER NOT NULL REFERENCES staff(id),
  reason        TEXT NOT NULL CHECK (reason IN ('required', 'sampled', 'cosign', 'requested')),
  state         TEXT NOT NULL DEFAULT 'submitted'
                CHECK (state IN ('submitted', 'in_review', 'approved', 'returned')),
  round         INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
  assigned_to   INTEGER REFERENCES staff(id),
  opened_at     TEXT NOT NULL,
  submitted_at  TEXT NOT NULL CHECK (submitted_at >= opened_at),
  due_on        TEXT CHECK (due_on IS date(due_on, '+0 days')),
  decided_at    TEXT,
  decided_by    INTEGER REFERENCES staff(id),
  checklist_id  INTEGER REFERENCES form_response(id),
  sample_id     INTEGER REFERENCES review_sample(id),
  CHECK ((decided_at IS NULL) = (decided_by IS NULL)),
  CHECK ((state IN ('approved', 'returned')) = (decided_by IS NOT NULL)),
  CHECK (state <> 'in_review' OR assigned_to IS NOT NULL),
  CHECK (reason <> 'sampled' OR sample_id IS NOT NULL),
  CHECK (reason <> 'cosign' OR kind = 'note'),
  CHECK (decided_by IS NULL OR decided_by <> author_id),
  CHECK (assigned_to IS NULL OR assigned_to <> author_id)
) STRICT;
INSERT INTO review_new SELECT id, kind, object_id, person_id, author_id, reason, state, round,
  assigned_to, opened_at, submitted_at, due_on, decided_at, decided_by, checklist_id, sample_id
  FROM review;

DROP TABLE review;
DROP TABLE review_sample;
ALTER TABLE review_sample_new RENAME TO review_sample;
ALTER TABLE review_new RENAME TO review;

-- An item has one review, except a release plan, which has at most one open at a time.
CREATE UNIQUE INDEX review_item ON review(kind, object_id)
  WHERE kind <> 'release_plan' OR state <> 'approved';
CREATE INDEX review_of_item ON review(kind, object_id, id);
CREATE INDEX review_queue ON review(state, assigned_to, submitted_at, id);
CREATE INDEX review_by_author ON review(author_id, state, submitted_at, id);
CREATE INDEX review_by_opened ON review(opened_at);
CREATE INDEX review_checklists ON review(opened_at, checklist_id, author_id)
  WHERE checklist_id IS NOT NULL;

-- ---- review ----

CREATE TRIGGER review_object_matches BEFORE INSERT ON review
WHEN NOT CASE new.kind
  WHEN 'form' THEN EXISTS (SELECT 1 FROM form_response o WHERE o.id = new.object_id
                           AND o.person_id = new.person_id AND o.author_id = new.author_id)
  WHEN 'note' THEN EXISTS (SELECT 1 FROM note o WHERE o.id = new.object_id
                           AND o.person_id = new.person_id AND o.author_id = new.author_id)
  WHEN 'case_plan' THEN EXISTS (SELECT 1 FROM case_plan o WHERE o.id = new.object_id
                                AND o.person_id = new.person_id AND o.state = 'signed'
                                AND o.signed_by = new.author_id)
  WHEN 'release_plan' THEN EXISTS (SELECT 1 FROM release_plan o WHERE o.id = new.object_id
                                   AND o.person_id = new.person_id)
  ELSE 0 END BEGIN
  SELECT RAISE(ABORT, 'a review is of an existing item, its person and its author');
END;
-- The item stays, except that a returned case plan's review moves, as it is resubmitted, to
-- a newer signed version of the same person's plan signed by the same author.
CREATE TRIGGER review_origin_fixed
BEFORE UPDATE OF kind, object_id, person_id, author_id, reason, opened_at, sample_id
ON review
WHEN new.kind IS NOT old.kind OR new.person_id IS NOT old.person_id
  OR new.author_id IS NOT old.author_id OR new.reason IS NOT old.reason
  OR new.opened_at IS NOT old.opened_at OR new.sample_id IS NOT old.sample_id
  OR (new.object_id IS NOT old.object_id
      AND NOT (new.kind = 'case_plan' AND old.state = 'returned' AND new.state = 'submitted'
               AND EXISTS (SELECT 1 FROM case_plan o, case_plan w
                           WHERE o.id = new.object_id AND w.id = old.object_id
                           AND o.person_id = new.person_id AND o.state = 'signed'
                           AND o.signed_by = new.author_id AND o.version > w.version)))
BEGIN
  SELECT RAISE(ABORT, 'a review keeps its item, person, author and origin');
END;
CREATE TRIGGER review_state_forward BEFORE UPDATE OF state ON review
WHEN NOT ((old.state IN ('submitted', 'in_review')
           AND new.state IN ('submitted', 'in_review', 'approved', 'returned'))
          OR (old.state = 'returned' AND new.state IN ('returned', 'submitted'))
          OR (old.state = 'approved' AND new.state = 'approved')) BEGIN
  SELECT RAISE(ABORT, 'a review''s state only moves forward');
END;
CREATE TRIGGER review_round_forward BEFORE UPDATE OF round ON review
WHEN new.round <> old.round
  AND NOT (new.round = old.round + 1 AND old.state = 'returned' AND new.state = 'submitted') BEGIN
  SELECT RAISE(ABORT, 'a review''s round grows by one at each resubmission');
END;
CREATE TRIGGER review_approved_immutable BEFORE UPDATE ON review
WHEN old.state = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved review never changes');
END;
CREATE TRIGGER review_no_delete BEFORE DELETE ON review BEGIN
  SELECT RAISE(ABORT, 'reviews are never deleted');
END;

CREATE TRIGGER review_comment_round BEFORE INSERT ON review_comment
WHEN new.round > (SELECT round FROM review WHERE id = new.review_id) BEGIN
  SELECT RAISE(ABORT, 'a review comment belongs to a round the review has reached');
END;
CREATE TRIGGER review_snapshot_round BEFORE INSERT ON review_snapshot
WHEN new.round > (SELECT round FROM review WHERE id = new.review_id) BEGIN
  SELECT RAISE(ABORT, 'a review snapshot belongs to a round the review has reached');
END;
CREATE TRIGGER review_sample_no_update BEFORE UPDATE ON review_sample BEGIN
  SELECT RAISE(ABORT, 'review_sample is append-only');
END;
CREATE TRIGGER review_sample_no_delete BEFORE DELETE ON review_sample BEGIN
  SELECT RAISE(ABORT, 'review_sample is append-only');
END;
