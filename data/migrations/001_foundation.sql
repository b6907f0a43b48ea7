-- caseload schema 1: staff, people and what the record screen shows.
-- Dates are ISO-8601 text (YYYY-MM-DD), timestamps UTC (YYYY-MM-DDTHH:MM:SS.ssZ).

CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64
                                           AND username NOT GLOB '*[^a-z0-9._-]*'),
  display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
  role          TEXT NOT NULL CHECK (role IN ('intern','caseworker','lead','admin','auditor')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE person (
  id               INTEGER PRIMARY KEY,
  oid              TEXT NOT NULL UNIQUE CHECK (length(oid) BETWEEN 1 AND 12
                                              AND oid NOT GLOB '*[^0-9A-Z-]*'),
  last_name        TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 80),
  first_name       TEXT NOT NULL CHECK (length(first_name) <= 80),
  middle_name      TEXT NOT NULL DEFAULT '' CHECK (length(middle_name) <= 80),
  name_key         TEXT NOT NULL,            -- folded "last first middle": the sort order
  search_text      TEXT NOT NULL DEFAULT '', -- folded names, aliases and OID: the filter
  dob              TEXT NOT NULL CHECK (dob IS date(dob, '+0 days')),
  sex              TEXT NOT NULL CHECK (sex IN ('M','F','X')),
  language         TEXT NOT NULL DEFAULT 'English' CHECK (length(language) BETWEEN 1 AND 40),
  interpreter      INTEGER NOT NULL DEFAULT 0 CHECK (interpreter IN (0, 1)),
  unit             TEXT NOT NULL DEFAULT '' CHECK (length(unit) <= 20),
  cell             TEXT NOT NULL DEFAULT '' CHECK (length(cell) <= 20),
  custody          INTEGER NOT NULL DEFAULT 0 CHECK (custody BETWEEN 0 AND 4),
  risk             INTEGER NOT NULL DEFAULT 0 CHECK (risk BETWEEN 0 AND 4),
  caseworker_id    INTEGER REFERENCES staff(id),
  admission_date   TEXT NOT NULL CHECK (admission_date IS date(admission_date, '+0 days')),
  sentence_begin   TEXT CHECK (sentence_begin IS date(sentence_begin, '+0 days')),
  jail_credit_days INTEGER NOT NULL DEFAULT 0 CHECK (jail_credit_days BETWEEN 0 AND 36500),
  srd              TEXT CHECK (srd IS date(srd, '+0 days')),
  expiration_date  TEXT CHECK (expiration_date IS date(expiration_date, '+0 days')),
  next_review_date TEXT CHECK (next_review_date IS date(next_review_date, '+0 days')),
  ecrc_required    INTEGER NOT NULL DEFAULT 0 CHECK (ecrc_required IN (0, 1)),
  -- Derived from the dates and alerts above for today's date, kept so that every list
  -- column has an index to page by. refresh_on is the first day they may go stale.
  next_due_date    TEXT NOT NULL DEFAULT '9999-12-31',
  next_due_kind    INTEGER NOT NULL DEFAULT 0,
  alert_flags      INTEGER NOT NULL DEFAULT 0,
  refresh_on       TEXT NOT NULL DEFAULT '0000-01-01',
  version          INTEGER NOT NULL DEFAULT 1,
  updated_at       TEXT NOT NULL,
  updated_by       INTEGER REFERENCES staff(id)
) STRICT;

-- One index per sort column of the caseload list, ending in id for keyset paging.
CREATE INDEX person_by_name      ON person(name_key, id);
CREATE INDEX person_by_housing   ON person(unit, cell, id);
CREATE INDEX person_by_custody   ON person(custody, id);
CREATE INDEX person_by_risk      ON person(risk, id);
CREATE INDEX person_by_srd       ON person(ifnull(srd, '9999-12-31'), id);
CREATE INDEX person_by_due       ON person(next_due_date, id);
CREATE INDEX person_by_alerts    ON person(alert_flags, id);
CREATE INDEX person_by_worker    ON person(caseworker_id, name_key, id);
CREATE INDEX person_by_refresh   ON person(refresh_on);

-- Substring filter over names, aliases and OIDs (three characters or more). Kept in step
-- by the store's own statements, not by triggers: connections run with trusted_schema off,
-- under which SQLite lets no trigger write to a virtual table.
CREATE VIRTUAL TABLE person_search USING fts5(search_text, tokenize='trigram');

CREATE TABLE person_alias (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person(id),
  alias      TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 160),
  UNIQUE (person_id, alias)
) STRICT;

-- Alerts belong to the person, not to one stay.
CREATE TABLE alert (
  id             INTEGER PRIMARY KEY,
  person_id      INTEGER NOT NULL REFERENCES person(id),
  kind           INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),
  detail         TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 200),
  separate_from  INTEGER REFERENCES person(id),
  start_date     TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
  end_date       TEXT CHECK (end_date IS date(end_date, '+0 days') AND end_date >= start_date),
  created_by     INTEGER REFERENCES staff(id),
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX alert_by_person ON alert(person_id, start_date);

CREATE TABLE housing_stay (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  unit         TEXT NOT NULL,
  cell         TEXT NOT NULL DEFAULT '',
  custody      INTEGER NOT NULL CHECK (custody BETWEEN 0 AND 4),
  start_date   TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
  end_date     TEXT CHECK (end_date IS date(end_date, '+0 days') AND end_date >= start_date),
  reason       TEXT NOT NULL DEFAULT '',
  recorded_by  INTEGER REFERENCES staff(id),
  recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX housing_by_person ON housing_stay(person_id, start_date);

CREATE TABLE program (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE,
  kind  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE enrollment (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES person(id),
  program_id  INTEGER NOT NULL REFERENCES program(id),
  status      INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),
  start_date  TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
  end_date    TEXT CHECK (end_date IS date(end_date, '+0 days'))
) STRICT;
CREATE INDEX enrollment_by_person ON enrollment(person_id, start_date);

-- Who changed which field of a record, when, from what to what.
CREATE TABLE person_change (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES person(id),
  field       TEXT NOT NULL,
  old_value   TEXT NOT NULL,
  new_value   TEXT NOT NULL,
  changed_by  INTEGER REFERENCES staff(id),
  changed_at  TEXT NOT NULL
) STRICT;
CREATE INDEX person_change_by_person ON person_change(person_id, id);

-- Text typed into an editor but not yet committed: restored when the editor reopens.
CREATE TABLE edit_draft (
  staff_id      INTEGER NOT NULL REFERENCES staff(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  field         TEXT NOT NULL,
  value         TEXT NOT NULL,
  base_version  INTEGER NOT NULL,
  saved_at      TEXT NOT NULL,
  PRIMARY KEY (staff_id, person_id, field)
) STRICT, WITHOUT ROWID;

-- Every access to a person's record. Append-only: the triggers refuse change.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  staff_id   INTEGER,
  event      TEXT NOT NULL,
  outcome    TEXT NOT NULL CHECK (outcome IN ('ok','denied','failed')),
  person_id  INTEGER,
  object     TEXT NOT NULL DEFAULT '',
  terminal   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_by_person ON audit_log(person_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
