-- caseload schema 9: release (reentry) plans. One open plan per person and stay, its sections
-- (taken from the release plan YAML when the plan is opened), their checklists of tasks with
-- due dates counted back from the SRD, the contacts of each section, and every change in an
-- append-only history. Nothing is deleted: a task no longer wanted is dropped with a reason.

CREATE TABLE release_plan (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES person(id),
  -- closed when the stay ends; a later stay opens a new plan
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  -- the SRD the due dates were counted from (NULL: none known then)
  srd         TEXT CHECK (srd IS date(srd, '+0 days')),
  created_by  INTEGER NOT NULL REFERENCES staff(id),
  created_at  TEXT NOT NULL,
  -- bumped by every change: the base of stale-write detection
  version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
CREATE UNIQUE INDEX release_plan_open ON release_plan(person_id) WHERE state = 'open';

CREATE TABLE release_section (
  plan_id     INTEGER NOT NULL REFERENCES release_plan(id),
  section     TEXT NOT NULL CHECK (length(section) BETWEEN 1 AND 31),
  position    INTEGER NOT NULL CHECK (position >= 0),
  title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 63),
  status      TEXT NOT NULL DEFAULT 'not_started'
              CHECK (status IN ('not_started', 'in_progress', 'verified', 'not_applicable')),
  -- why a section does not apply: required for not_applicable, and only there
  reason      TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  updated_by  INTEGER REFERENCES staff(id),
  updated_at  TEXT,
  CHECK ((status = 'not_applicable') = (reason IS NOT NULL)),
  CHECK ((updated_by IS NULL) = (updated_at IS NULL)),
  PRIMARY KEY (plan_id, section)
) STRICT;

CREATE TABLE release_task (
  id             INTEGER PRIMARY KEY,
  plan_id        INTEGER NOT NULL,
  section        TEXT NOT NULL,
  -- the checklist's task id; NULL for a task someone added
  task           TEXT CHECK (task IS NULL OR length(task) BETWEEN 1 AND 31),
  label          TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 127),
  owner          TEXT NOT NULL
                 CHECK (owner IN ('caseworker', 'person', 'program', 'agent', 'family')),
  due_on         TEXT CHECK (due_on IS date(due_on, '+0 days')),
  blocks_release INTEGER NOT NULL DEFAULT 0 CHECK (blocks_release IN (0, 1)),
  done_on        TEXT CHECK (done_on IS date(done_on, '+0 days')),
  done_by        INTEGER REFERENCES staff(id),
  dropped_reason TEXT CHECK (dropped_reason IS NULL OR length(dropped_reason) BETWEEN 1 AND 500),
  note           TEXT CHECK (note IS NULL OR length(note) <= 500),
  created_by     INTEGER NOT NULL REFERENCES staff(id),
  created_at     TEXT NOT NULL,
  CHECK ((done_on IS NULL) = (done_by IS NULL)),
  FOREIGN KEY (plan_id, section) REFERENCES release_section(plan_id, section),
  UNIQUE (plan_id, task)
) STRICT;
CREATE INDEX release_task_by_plan ON release_task(plan_id, section, id);

CREATE TABLE release_contact (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL,
  section     TEXT NOT NULL,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 127),
  role        TEXT NOT NULL CHECK (length(role) <= 127),
  phone       TEXT NOT NULL CHECK (length(phone) <= 63),
  note        TEXT NOT NULL CHECK (length(note) <= 500),
  added_by    INTEGER NOT NULL REFERENCES staff(id),
  added_at    TEXT NOT NULL,
  FOREIGN KEY (plan_id, section) REFERENCES release_section(plan_id, section)
) STRICT;
CREATE INDEX release_contact_by_plan ON release_contact(plan_id, section, id);

-- Every change: a section's new status (and reason), a task ticked, unticked, added or
-- dropped, a contact added; who and when.
CREATE TABLE release_change (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES release_plan(id),
  section     TEXT,
  task_id     INTEGER REFERENCES release_task(id),
  change      TEXT NOT NULL CHECK (change IN ('opened', 'status', 'task_done', 'task_undone',
                                              'task_added', 'task_dropped', 'contact_added')),
  value       TEXT,
  reason      TEXT,
  by_id       INTEGER NOT NULL REFERENCES staff(id),
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX release_change_by_plan ON release_change(plan_id, id);

CREATE TRIGGER release_plan_keep BEFORE DELETE ON release_plan BEGIN
  SELECT RAISE(ABORT, 'release plans are never deleted');
END;
CREATE TRIGGER release_section_keep BEFORE DELETE ON release_section BEGIN
  SELECT RAISE(ABORT, 'release plan sections are never deleted');
END;
CREATE TRIGGER release_task_keep BEFORE DELETE ON release_task BEGIN
  SELECT RAISE(ABORT, 'release plan tasks are dropped with a reason, never deleted');
END;
CREATE TRIGGER release_contact_keep BEFORE DELETE ON release_contact BEGIN
  SELECT RAISE(ABORT, 'release plan contacts are never deleted');
END;
CREATE TRIGGER release_change_keep BEFORE DELETE ON release_change BEGIN
  SELECT RAISE(ABORT, 'the release plan history is append-only');
END;
CREATE TRIGGER release_change_fixed BEFORE UPDATE ON release_change BEGIN
  SELECT RAISE(ABORT, 'the release plan history is append-only');
END;
