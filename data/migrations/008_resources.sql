-- caseload schema 8: the community resources directory (agencies and services people are
-- referred to on release) and the referrals made to them, with every status change kept.
-- Nothing is deleted: a resource that closes is marked inactive, a referral that is not
-- wanted any more is withdrawn.

CREATE TABLE resource (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
  -- the folded name (text_fold), for ordering and for finding the same agency again
  name_key     TEXT NOT NULL CHECK (length(name_key) BETWEEN 1 AND 480),
  kind         TEXT NOT NULL CHECK (kind IN ('housing', 'treatment', 'mental_health',
                                             'employment', 'education', 'benefits',
                                             'id_documents', 'transport', 'food_clothing',
                                             'family', 'legal', 'other')),
  phone        TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
  -- the phone's digits only: "(612) 555-0101" and "612-555-0101" are one number
  phone_key    TEXT NOT NULL DEFAULT '' CHECK (phone_key NOT GLOB '*[^0-9]*'),
  email        TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 120),
  address      TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 240),
  service_area TEXT NOT NULL DEFAULT '' CHECK (length(service_area) <= 160),
  eligibility  TEXT NOT NULL DEFAULT '' CHECK (length(CAST(eligibility AS BLOB)) <= 1000),
  capacity     TEXT NOT NULL DEFAULT '' CHECK (length(CAST(capacity AS BLOB)) <= 500),
  -- what resource_search holds for this row (folded name, area, notes...), kept here too so
  -- that the integrity check can compare the index with it
  search_text  TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at   TEXT NOT NULL,
  created_by   INTEGER NOT NULL REFERENCES staff(id),
  updated_at   TEXT NOT NULL CHECK (updated_at >= created_at),
  updated_by   INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
-- One agency per name and phone: an import that meets it again updates it.
CREATE UNIQUE INDEX resource_identity ON resource(name_key, phone_key);
-- The directory in name order, whole or by kind, keyset-paged by (name_key, id).
CREATE INDEX resource_by_kind ON resource(kind, name_key, id);

-- Kept in step with resource.search_text by the store's own statements (trusted_schema is
-- off: no trigger may write to a virtual table), like person_search.
CREATE VIRTUAL TABLE resource_search USING fts5(search_text, tokenize='trigram');

CREATE TABLE referral (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  resource_id  INTEGER NOT NULL REFERENCES resource(id),
  -- where the referral was made: a release-plan section, a case-plan step, the record itself;
  -- origin_ref names the section or step ("housing", "goal 2 step 1"), '' for none
  origin       TEXT NOT NULL CHECK (origin IN ('release_plan', 'case_plan', 'record')),
  origin_ref   TEXT NOT NULL DEFAULT '' CHECK (length(CAST(origin_ref AS BLOB)) <= 120),
  status       TEXT NOT NULL DEFAULT 'sent'
               CHECK (status IN ('sent', 'accepted', 'declined', 'completed', 'withdrawn')),
  created_at   TEXT NOT NULL,
  created_by   INTEGER NOT NULL REFERENCES staff(id),
  updated_at   TEXT NOT NULL CHECK (updated_at >= created_at)
) STRICT;
-- A person's referrals, newest first.
CREATE INDEX referral_by_person ON referral(person_id, created_at, id);
CREATE INDEX referral_by_resource ON referral(resource_id);

-- Every status a referral took (its first: 'sent'), by whom, when, with the note given.
CREATE TABLE referral_event (
  id           INTEGER PRIMARY KEY,
  referral_id  INTEGER NOT NULL REFERENCES referral(id),
  status       TEXT NOT NULL
               CHECK (status IN ('sent', 'accepted', 'declined', 'completed', 'withdrawn')),
  by_id        INTEGER NOT NULL REFERENCES staff(id),
  at           TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '' CHECK (length(CAST(note AS BLOB)) <= 800)
) STRICT;
CREATE INDEX referral_event_by_referral ON referral_event(referral_id, id);

-- ---- rules ----

CREATE TRIGGER resource_no_delete BEFORE DELETE ON resource BEGIN
  SELECT RAISE(ABORT, 'resources are never deleted: mark them inactive');
END;
CREATE TRIGGER referral_origin_fixed
BEFORE UPDATE OF person_id, resource_id, origin, origin_ref, created_at, created_by ON referral
BEGIN
  SELECT RAISE(ABORT, 'a referral keeps its person, resource and origin');
END;
-- sent -> accepted | declined | withdrawn; accepted -> completed | declined | withdrawn;
-- declined, completed and withdrawn are final.
CREATE TRIGGER referral_status_forward BEFORE UPDATE OF status ON referral
WHEN NOT ((old.status = 'sent' AND new.status IN ('accepted', 'declined', 'withdrawn'))
          OR (old.status = 'accepted' AND new.status IN ('completed', 'declined', 'withdrawn')))
BEGIN
  SELECT RAISE(ABORT, 'a referral''s status only moves forward');
END;
CREATE TRIGGER referral_no_delete BEFORE DELETE ON referral BEGIN
  SELECT RAISE(ABORT, 'referrals are never deleted: withdraw them');
END;
CREATE TRIGGER referral_event_no_update BEFORE UPDATE ON referral_event BEGIN
  SELECT RAISE(ABORT, 'referral_event is append-only');
END;
CREATE TRIGGER referral_event_no_delete BEFORE DELETE ON referral_event BEGIN
  SELECT RAISE(ABORT, 'referral_event is append-only');
END;
