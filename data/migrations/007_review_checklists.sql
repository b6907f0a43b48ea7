-- caseload schema 7: the team view reads the QA checklists of a period (a few of every
-- review) without walking every review of it.
CREATE INDEX review_checklists ON review(opened_at, checklist_id, author_id)
  WHERE checklist_id IS NOT NULL;
