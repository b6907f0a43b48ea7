-- caseload schema 12: the team view's monthly tallies. A lead's team view over a period
-- reads whole months from these tallies and only the days at its edges from the reviews
-- themselves, so a year costs about what a month does. The tallies are kept by triggers as
-- reviews open and move, and as their QA checklists leave draft (or go back to one), so
-- nothing that writes a review can forget them; `caseload check` recounts them.
--
-- A review counts in the month of its first submission (opened_at), as in the team view.

-- Per month and author: reviews opened, approved at the first round, returned at least once,
-- decided, the sum of their decision times in milliseconds (opened to decided), and of their
-- QA checklists that left draft, how many have a compliance score and its sum.
CREATE TABLE review_tally (
  month           TEXT NOT NULL CHECK (length(month) = 7),
  author_id       INTEGER NOT NULL REFERENCES staff(id),
  submitted       INTEGER NOT NULL DEFAULT 0,
  approved_first  INTEGER NOT NULL DEFAULT 0,
  returned        INTEGER NOT NULL DEFAULT 0,
  decided         INTEGER NOT NULL DEFAULT 0,
  decision_ms     INTEGER NOT NULL DEFAULT 0,
  scored          INTEGER NOT NULL DEFAULT 0,
  compliance      REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (month, author_id)
) STRICT, WITHOUT ROWID;

-- Per month and QA criterion (a checklist answer field "qa_..."): answers in checklists that
-- left draft, how many rate it (met, partial, not met), how many not met, how many partly.
CREATE TABLE review_criterion_tally (
  month     TEXT NOT NULL CHECK (length(month) = 7),
  field     TEXT NOT NULL,
  rated     INTEGER NOT NULL DEFAULT 0,
  not_met   INTEGER NOT NULL DEFAULT 0,
  partial   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, field)
) STRICT, WITHOUT ROWID;

-- ---- from what is there ----

INSERT INTO review_tally (month, author_id, submitted, approved_first, returned, decided,
                          decision_ms)
  SELECT substr(opened_at, 1, 7), author_id, count(*),
         count(CASE WHEN state = 'approved' AND round = 1 THEN 1 END),
         count(CASE WHEN state = 'returned' OR round > 1 THEN 1 END),
         count(decided_at),
         ifnull(sum(CAST(round((julianday(decided_at) - julianday(opened_at)) * 86400000)
                         AS INTEGER)), 0)
  FROM review GROUP BY 1, 2;
INSERT INTO review_tally (month, author_id, scored, compliance)
  SELECT substr(r.opened_at, 1, 7), r.author_id, count(sc.value), ifnull(sum(sc.value), 0)
  FROM review r JOIN form_response c ON c.id = r.checklist_id AND c.state <> 'draft'
  JOIN form_score sc ON sc.response_id = c.id AND sc.score = 'compliance'
  WHERE true GROUP BY 1, 2
  ON CONFLICT (month, author_id) DO UPDATE SET scored = excluded.scored,
    compliance = excluded.compliance;
INSERT INTO review_criterion_tally (month, field, rated, not_met, partial)
  SELECT substr(r.opened_at, 1, 7), a.field,
         count(CASE WHEN a.value IN ('met', 'partial', 'not_met') THEN 1 END),
         count(CASE WHEN a.value = 'not_met' THEN 1 END),
         count(CASE WHEN a.value = 'partial' THEN 1 END)
  FROM review r JOIN form_response c ON c.id = r.checklist_id AND c.state <> 'draft'
  JOIN form_answer a ON a.response_id = c.id AND a.field >= 'qa_' AND a.field < 'qa`'
  GROUP BY 1, 2;

-- ---- kept as reviews open and move ----

-- A review opens without a checklist (one is started for it later), so that the checklist
-- triggers below see every link made.
CREATE TRIGGER review_opens_without_checklist BEFORE INSERT ON review
WHEN new.checklist_id IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a review opens without a QA checklist: link one afterwards');
END;

CREATE TRIGGER review_tally_open AFTER INSERT ON review BEGIN
  INSERT INTO review_tally (month, author_id, submitted, approved_first, returned, decided,
                            decision_ms)
  VALUES (substr(new.opened_at, 1, 7), new.author_id, 1,
          new.state = 'approved' AND new.round = 1, new.state = 'returned' OR new.round > 1,
          new.decided_at IS NOT NULL,
          ifnull(CAST(round((julianday(new.decided_at) - julianday(new.opened_at)) * 86400000)
                      AS INTEGER), 0))
  ON CONFLICT (month, author_id) DO UPDATE SET submitted = submitted + excluded.submitted,
    approved_first = approved_first + excluded.approved_first,
    returned = returned + excluded.returned, decided = decided + excluded.decided,
    decision_ms = decision_ms + excluded.decision_ms;
END;

-- opened_at and author_id never change (review_origin_fixed): the row is the same month's
CREATE TRIGGER review_tally_move AFTER UPDATE OF state, round, decided_at ON review BEGIN
  UPDATE review_tally SET
    approved_first = approved_first - (old.state = 'approved' AND old.round = 1)
                                    + (new.state = 'approved' AND new.round = 1),
    returned = returned - (old.state = 'returned' OR old.round > 1)
                        + (new.state = 'returned' OR new.round > 1),
    decided = decided - (old.decided_at IS NOT NULL) + (new.decided_at IS NOT NULL),
    decision_ms = decision_ms
      - ifnull(CAST(round((julianday(old.decided_at) - julianday(old.opened_at)) * 86400000)
                    AS INTEGER), 0)
      + ifnull(CAST(round((julianday(new.decided_at) - julianday(new.opened_at)) * 86400000)
                    AS INTEGER), 0)
  WHERE month = substr(new.opened_at, 1, 7) AND author_id = new.author_id;
END;

-- ---- kept as QA checklists count or stop counting ----
-- A checklist counts while it is linked to a review and not a draft; its answers and scores
-- change only while it is a draft (005_forms.sql), so what is added is what is later taken
-- away.

CREATE TRIGGER review_tally_unlink AFTER UPDATE OF checklist_id ON review
WHEN old.checklist_id IS NOT NULL
  AND (SELECT state FROM form_response WHERE id = old.checklist_id) <> 'draft' BEGIN
  UPDATE review_tally SET
    scored = scored - (SELECT count(value) FROM form_score
                       WHERE response_id = old.checklist_id AND score = 'compliance'),
    compliance = compliance - (SELECT ifnull(sum(value), 0) FROM form_score
                               WHERE response_id = old.checklist_id AND score = 'compliance')
  WHERE month = substr(old.opened_at, 1, 7) AND author_id = old.author_id;
  UPDATE review_criterion_tally SET
    rated = rated - (SELECT count(*) FROM form_answer a WHERE a.response_id = old.checklist_id
                     AND a.field = review_criterion_tally.field
                     AND a.value IN ('met', 'partial', 'not_met')),
    not_met = not_met - (SELECT count(*) FROM form_answer a
                         WHERE a.response_id = old.checklist_id
                         AND a.field = review_criterion_tally.field AND a.value = 'not_met'),
    partial = partial - (SELECT count(*) FROM form_answer a
                         WHERE a.response_id = old.checklist_id
                         AND a.field = review_criterion_tally.field AND a.value = 'partial')
  WHERE month = substr(old.opened_at, 1, 7)
    AND field IN (SELECT field FROM form_answer WHERE response_id = old.checklist_id);
END;

CREATE TRIGGER review_tally_link AFTER UPDATE OF checklist_id ON review
WHEN new.checklist_id IS NOT NULL
  AND (SELECT state FROM form_response WHERE id = new.checklist_id) <> 'draft' BEGIN
  INSERT INTO review_tally (month, author_id, scored, compliance)
  SELECT substr(new.opened_at, 1, 7), new.author_id, count(value), ifnull(sum(value), 0)
  FROM form_score WHERE response_id = new.checklist_id AND score = 'compliance'
  ON CONFLICT (month, author_id) DO UPDATE SET scored = scored + excluded.scored,
    compliance = compliance + excluded.compliance;
  INSERT INTO review_criterion_tally (month, field, rated, not_met, partial)
  SELECT substr(new.opened_at, 1, 7), field, value IN ('met', 'partial', 'not_met'),
         value = 'not_met', value = 'partial'
  FROM form_answer WHERE response_id = new.checklist_id AND field >= 'qa_' AND field < 'qa`'
  ON CONFLICT (month, field) DO UPDATE SET rated = rated + excluded.rated,
    not_met = not_met + excluded.not_met, partial = partial + excluded.partial;
END;

-- A linked checklist leaves draft (counts from now) or goes back to one (stops counting),
-- for every review it is linked to.
CREATE TRIGGER review_tally_checklist AFTER UPDATE OF state ON form_response
WHEN (old.state = 'draft') <> (new.state = 'draft')
  AND EXISTS (SELECT 1 FROM review WHERE checklist_id = new.id) BEGIN
  INSERT INTO review_tally (month, author_id, scored, compliance)
  SELECT substr(r.opened_at, 1, 7), r.author_id,
         CASE WHEN new.state = 'draft' THEN -1 ELSE 1 END * count(sc.value),
         CASE WHEN new.state = 'draft' THEN -1 ELSE 1 END * ifnull(sum(sc.value), 0)
  FROM review r JOIN form_score sc ON sc.response_id = new.id AND sc.score = 'compliance'
  WHERE r.checklist_id = new.id GROUP BY 1, 2
  ON CONFLICT (month, author_id) DO UPDATE SET scored = scored + excluded.scored,
    compliance = compliance + excluded.compliance;
  INSERT INTO review_criterion_tally (month, field, rated, not_met, partial)
  SELECT substr(r.opened_at, 1, 7), a.field,
         CASE WHEN new.state = 'draft' THEN -1 ELSE 1 END
           * count(CASE WHEN a.value IN ('met', 'partial', 'not_met') THEN 1 END),
         CASE WHEN new.state = 'draft' THEN -1 ELSE 1 END
           * count(CASE WHEN a.value = 'not_met' THEN 1 END),
         CASE WHEN new.state = 'draft' THEN -1 ELSE 1 END
           * count(CASE WHEN a.value = 'partial' THEN 1 END)
  FROM review r JOIN form_answer a ON a.response_id = new.id AND a.field >= 'qa_'
    AND a.field < 'qa`'
  WHERE r.checklist_id = new.id GROUP BY 1, 2
  ON CONFLICT (month, field) DO UPDATE SET rated = rated + excluded.rated,
    not_met = not_met + excluded.not_met, partial = partial + excluded.partial;
END;
