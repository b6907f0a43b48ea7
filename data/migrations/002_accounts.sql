-- caseload schema 2: sign-in. Passwords are Argon2id hashes only; accounts are never
-- deleted (disabled instead), so a user name is never reused.

ALTER TABLE staff ADD COLUMN password_hash TEXT;            -- NULL: no password yet
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 1
  CHECK (must_change_password IN (0, 1));
ALTER TABLE staff ADD COLUMN password_changed_at TEXT;
ALTER TABLE staff ADD COLUMN totp_secret TEXT;              -- base32; NULL: not enrolled
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN grants INTEGER NOT NULL DEFAULT 0
  CHECK (grants BETWEEN 0 AND 15);                          -- 1 part2, 2 prea, 4 health, 8 victim
ALTER TABLE staff ADD COLUMN supervisor_id INTEGER REFERENCES staff(id); -- interns
ALTER TABLE staff ADD COLUMN locked_at TEXT;                -- set by lockout, cleared by unlock
ALTER TABLE staff ADD COLUMN last_sign_in_at TEXT;

-- Failed sign-ins since the last success, for the lockout rule.
CREATE TABLE sign_in_failure (
  id        INTEGER PRIMARY KEY,
  staff_id  INTEGER NOT NULL REFERENCES staff(id),
  at        TEXT NOT NULL
) STRICT;
CREATE INDEX sign_in_failure_by_staff ON sign_in_failure(staff_id, at);

-- Facts about this database, such as the sign-in shown on a demonstration database.
CREATE TABLE setting (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

