-- caseload schema 10: case plans. A person's plan is a series of versions; the newest may be
-- a draft (changed goal by goal, step by step, with a revision for stale writes), every
-- other one is signed. A signed version never changes, not even through raw SQL: a change
-- after signing is made in a new draft version copied from it, and the old one stays
-- readable. Goals target a need domain (the Central Eight or one the facility configures);
-- steps carry who does what by when; reviews record progress per goal on a cadence.
-- Nothing is ever deleted.

CREATE TABLE case_plan (
  id                   INTEGER PRIMARY KEY,
  person_id            INTEGER NOT NULL REFERENCES person(id),
  version              INTEGER NOT NULL CHECK (version >= 1),
  state                TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'signed')),
  created_at           TEXT NOT NULL,
  created_by           INTEGER NOT NULL REFERENCES staff(id),
  -- the signed version this draft was copied from (NULL: the first)
  copied_from          INTEGER REFERENCES case_plan(id),
  signed_at            TEXT,
  signed_by            INTEGER REFERENCES staff(id),
  -- whether the person acknowledged the plan when it was signed (NULL until signed)
  person_acknowledged  INTEGER CHECK (person_acknowledged IN (0, 1)),
  acknowledged_at      TEXT,
  next_review_on       TEXT CHECK (next_review_on IS date(next_review_on, '+0 days')),
  revision             INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  CHECK ((state = 'signed') = (signed_at IS NOT NULL)),
  CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
  CHECK ((state = 'signed') = (person_acknowledged IS NOT NULL)),
  CHECK ((acknowledged_at IS NOT NULL) = (person_acknowledged IS 1)),
  UNIQUE (person_id, version)
) STRICT;
-- at most one draft per person: the version being worked on
CREATE UNIQUE INDEX case_plan_one_draft ON case_plan(person_id) WHERE state = 'draft';

CREATE TABLE plan_goal (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES case_plan(id),
  -- a Central Eight code or a configured one (the app checks which are configured)
  domain          TEXT NOT NULL CHECK (length(domain) BETWEEN 2 AND 24
                                       AND domain NOT GLOB '*[^a-z0-9_]*'),
  priority        INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 99),
  statement       TEXT NOT NULL DEFAULT '' CHECK (length(CAST(statement AS BLOB)) <= 1000),
  measure         TEXT NOT NULL DEFAULT '' CHECK (length(CAST(measure AS BLOB)) <= 1000),
  stage           TEXT NOT NULL DEFAULT 'contemplation'
                  CHECK (stage IN ('precontemplation', 'contemplation', 'preparation',
                                   'action', 'maintenance')),
  strengths       TEXT NOT NULL DEFAULT '' CHECK (length(CAST(strengths AS BLOB)) <= 1000),
  barriers        TEXT NOT NULL DEFAULT '' CHECK (length(CAST(barriers AS BLOB)) <= 1000),
  accommodations  TEXT NOT NULL DEFAULT '' CHECK (length(CAST(accommodations AS BLOB)) <= 1000),
  -- the goal of the version this one was copied from (NULL: new in this version)
  copied_from     INTEGER REFERENCES plan_goal(id)
) STRICT;
CREATE INDEX plan_goal_by_plan ON plan_goal(plan_id, priority, id);

CREATE TABLE plan_step (
  id           INTEGER PRIMARY KEY,
  goal_id      INTEGER NOT NULL REFERENCES plan_goal(id),
  description  TEXT NOT NULL CHECK (length(description) >= 1
                                    AND length(CAST(description AS BLOB)) <= 1000),
  responsible  TEXT NOT NULL CHECK (responsible IN ('person', 'caseworker', 'program', 'agent',
                                                    'family')),
  target_on    TEXT CHECK (target_on IS date(target_on, '+0 days')),
  status       TEXT NOT NULL DEFAULT 'not_started'
               CHECK (status IN ('not_started', 'in_progress', 'done', 'dropped')),
  drop_reason  TEXT NOT NULL DEFAULT '' CHECK (length(CAST(drop_reason AS BLOB)) <= 500),
  progress     TEXT NOT NULL DEFAULT '' CHECK (length(CAST(progress AS BLOB)) <= 2000),
  CHECK (status <> 'dropped' OR length(trim(drop_reason)) >= 1)
) STRICT;
CREATE INDEX plan_step_by_goal ON plan_step(goal_id, id);

CREATE TABLE plan_review (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES case_plan(id),
  reviewed_on     TEXT NOT NULL CHECK (reviewed_on IS date(reviewed_on, '+0 days')),
  by_id           INTEGER NOT NULL REFERENCES staff(id),
  at              TEXT NOT NULL,
  next_review_on  TEXT NOT NULL CHECK (next_review_on IS date(next_review_on, '+0 days')
                                       AND next_review_on > reviewed_on)
) STRICT;
CREATE INDEX plan_review_by_plan ON plan_review(plan_id, reviewed_on, id);

CREATE TABLE plan_review_goal (
  review_id  INTEGER NOT NULL REFERENCES plan_review(id),
  goal_id    INTEGER NOT NULL REFERENCES plan_goal(id),
  progress   TEXT NOT NULL CHECK (progress IN ('none', 'some', 'achieved', 'regressed')),
  note       TEXT NOT NULL DEFAULT '' CHECK (length(CAST(note AS BLOB)) <= 1000),
  PRIMARY KEY (review_id, goal_id)
) STRICT, WITHOUT ROWID;

-- ---- a signed version never changes ----

-- signing: draft -> signed, once; a draft only moves forward by its revision
CREATE TRIGGER case_plan_signed_immutable BEFORE UPDATE ON case_plan
WHEN old.state = 'signed' BEGIN
  SELECT RAISE(ABORT, 'a signed case plan never changes: start a new version');
END;
CREATE TRIGGER case_plan_origin_fixed
BEFORE UPDATE OF person_id, version, created_at, created_by, copied_from ON case_plan BEGIN
  SELECT RAISE(ABORT, 'a case plan keeps its person, version and origin');
END;
CREATE TRIGGER case_plan_no_delete BEFORE DELETE ON case_plan BEGIN
  SELECT RAISE(ABORT, 'case plans are never deleted');
END;

CREATE TRIGGER plan_goal_insert_draft BEFORE INSERT ON plan_goal
WHEN (SELECT state FROM case_plan WHERE id = new.plan_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'goals are added to a draft case plan only');
END;
CREATE TRIGGER plan_goal_update_draft BEFORE UPDATE ON plan_goal
WHEN (SELECT state FROM case_plan WHERE id = old.plan_id) IS NOT 'draft'
  OR new.plan_id <> old.plan_id OR new.copied_from IS NOT old.copied_from BEGIN
  SELECT RAISE(ABORT, 'a goal of a signed case plan never changes');
END;
CREATE TRIGGER plan_goal_no_delete BEFORE DELETE ON plan_goal BEGIN
  SELECT RAISE(ABORT, 'goals are never deleted');
END;

CREATE TRIGGER plan_step_insert_draft BEFORE INSERT ON plan_step
WHEN (SELECT p.state FROM plan_goal g JOIN case_plan p ON p.id = g.plan_id
      WHERE g.id = new.goal_id) IS NOT 'draft' BEGIN
  SELECT RAISE(ABORT, 'steps are added to a draft case plan only');
END;
CREATE TRIGGER plan_step_update_draft BEFORE UPDATE ON plan_step
WHEN (SELECT p.state FROM plan_goal g JOIN case_plan p ON p.id = g.plan_id
      WHERE g.id = old.goal_id) IS NOT 'draft' OR new.goal_id <> old.goal_id BEGIN
  SELECT RAISE(ABORT, 'a step of a signed case plan never changes');
END;
-- done and dropped are final within a version: not_started -> in_progress | done | dropped,
-- in_progress -> not_started | done | dropped
CREATE TRIGGER plan_step_status_forward BEFORE UPDATE OF status ON plan_step
WHEN new.status <> old.status AND old.status IN ('done', 'dropped') BEGIN
  SELECT RAISE(ABORT, 'a done or dropped step keeps its status');
END;
CREATE TRIGGER plan_step_no_delete BEFORE DELETE ON plan_step BEGIN
  SELECT RAISE(ABORT, 'steps are never deleted');
END;

-- ---- reviews: append-only ----

CREATE TRIGGER plan_review_no_update BEFORE UPDATE ON plan_review BEGIN
  SELECT RAISE(ABORT, 'plan_review is append-only');
END;
CREATE TRIGGER plan_review_no_delete BEFORE DELETE ON plan_review BEGIN
  SELECT RAISE(ABORT, 'plan_review is append-only');
END;
CREATE TRIGGER plan_review_goal_of_plan BEFORE INSERT ON plan_review_goal
WHEN NOT EXISTS (SELECT 1 FROM plan_review r JOIN plan_goal g ON g.plan_id = r.plan_id
                 WHERE r.id = new.review_id AND g.id = new.goal_id) BEGIN
  SELECT RAISE(ABORT, 'a review rates the goals of its own plan');
END;
CREATE TRIGGER plan_review_goal_no_update BEFORE UPDATE ON plan_review_goal BEGIN
  SELECT RAISE(ABORT, 'plan_review_goal is append-only');
END;
CREATE TRIGGER plan_review_goal_no_delete BEFORE DELETE ON plan_review_goal BEGIN
  SELECT RAISE(ABORT, 'plan_review_goal is append-only');
END;
