#ifndef CASELOAD_REVIEW_H
#define CASELOAD_REVIEW_H
/* Quality-assurance review as use cases. A form that requires review (and any form an
 * intern completes) is submitted when its author finalizes it: it goes to the author's
 * reviewer (an intern's supervising caseworker; a caseworker's lead; else the shared queue
 * leads take from). A reviewer takes it, reads it beside the QA checklist, comments on its
 * fields, and approves it or returns it; a returned form goes back to its author, who
 * changes it and submits it again, and the reviewer sees what changed. Nobody reviews their
 * own work. A share of finalized work is drawn for QA by a seeded, recorded draw. Every
 * step is permission-checked and audited. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "caseload/app.h"
#include "caseload/formwork.h"
#include "caseload/reviewstore.h"

#define APP_REVIEW_MESSAGE_SIZE 300

/* "submitted", "in review", "approved", "returned". */
const char *app_review_state_name(enum review_state state);
/* "forms", "case notes", "case plans", "release plans". */
const char *app_review_kind_name(enum review_kind kind);

/* Inside the caller's transaction (app_form_finalize's): opens the review of a form that
 * just went to pending review, or, for one that was returned, starts its next round; and
 * snapshots its answers for the comparison. */
enum cl_status app_review_submit_form(struct app *app, const struct app_form *form,
				      const char *at);

/* Inside the caller's transaction (app_plan_sign's): the case plan version just signed goes
 * to review when case_plan_review is required (reason REVIEW_REQUIRED) or when asked for
 * (REVIEW_REQUESTED); and whatever the setting, a version signed by the author of a returned
 * review of the version it was copied from starts that review's next round (the review
 * moves to the new version). out->id is 0 when nothing was submitted. */
enum cl_status app_review_submit_case_plan(struct app *app, int64_t plan_id,
					   enum review_reason reason, const char *at,
					   struct review *out);
/* Inside the caller's transaction: submits the person's release plan for review by the
 * signed-in user, or starts the next round of its returned review. */
enum cl_status app_review_submit_release_plan(struct app *app, int64_t plan_id,
					      int64_t person_id, enum review_reason reason,
					      const char *at, struct review *out);
/* The user submits the person's plan (kind REVIEW_CASE_PLAN: the newest version, signed;
 * REVIEW_RELEASE_PLAN: the open plan) for review, or resubmits a returned release plan.
 * Needs PERM_PERSON_EDIT; audited ("review.submit"). CL_ERR_EXISTS when it waits for a
 * decision already, was approved (a case plan version) or must be changed in a new version
 * first (msg says which). */
enum cl_status app_review_request(struct app *app, enum review_kind kind, int64_t person_id,
				  char *msg, size_t msgsz);
/* The review of an item, for those who may see it (its author, a reviewer, or anyone who
 * reads the person's record): of a form response or note; of the case plan version
 * object_id (or, when it has none, the returned review of the version it was copied from:
 * the comments a draft answers); a release plan's latest. CL_ERR_NOTFOUND when none. */
enum cl_status app_review_of_item(struct app *app, enum review_kind kind, int64_t object_id,
				  struct review *out);

/* The signed-in reviewer's queue (their own and, for leads, the shared one), oldest first.
 * author_id 0 and kind -1 for all. */
enum cl_status app_review_queue(struct app *app, int64_t author_id, int kind,
				struct review *out, size_t cap, size_t *count);
/* Reviews waiting on the signed-in author: returned to them. */
enum cl_status app_review_returned(struct app *app, struct review *out, size_t cap,
				   size_t *count);

/* A review by id, if the user may see it (its author, a reviewer). */
enum cl_status app_review_get(struct app *app, int64_t id, struct review *out);

/* The comments of a review (every round, oldest first) for its author and reviewers; the
 * caller frees them (review_comments_free). */
enum cl_status app_review_comments(struct app *app, const struct review *r,
				   struct review_comment **out, size_t *count);
/* The history of a review (each submission, take, reassignment and decision), oldest
 * first, at most cap. */
enum cl_status app_review_events(struct app *app, const struct review *r,
				 struct review_event *out, size_t cap, size_t *count);
/* What changed in the item since the previous submission (none at the first round); the
 * caller frees them (review_changes_free). */
enum cl_status app_review_changes(struct app *app, const struct review *r,
				  struct review_change **out, size_t *count);

/* Takes a review from the queue (it becomes the user's); reassigns one to another
 * reviewer by user name ("" the shared queue). */
enum cl_status app_review_take(struct app *app, int64_t id, char *msg, size_t msgsz);
enum cl_status app_review_reassign(struct app *app, int64_t id, const char *username,
				   char *msg, size_t msgsz);

/* A comment on the item, anchored to a field or section id ("" the item as a whole). */
enum cl_status app_review_comment(struct app *app, int64_t id, const char *anchor,
				  const char *body, char *msg, size_t msgsz);

/* Approves (writing the form's outputs due on approval) or returns (with at least one
 * comment or a note) the item. */
enum cl_status app_review_approve(struct app *app, int64_t id, const char *note, char *msg,
				  size_t msgsz);
enum cl_status app_review_return(struct app *app, int64_t id, const char *note, char *msg,
				 size_t msgsz);

/* The author opens a returned form again for changes (it becomes a draft; finalizing
 * submits the next round). */
enum cl_status app_review_reopen(struct app *app, int64_t response_id, char *msg,
				 size_t msgsz);

/* Starts (or continues) the QA checklist of a review. The caller frees *out. */
enum cl_status app_review_checklist(struct app *app, int64_t id, struct app_form **out,
				    char *msg, size_t msgsz);

/* The QA checklist of a review at a glance, for the item's screen: whether one was started,
 * whether it left draft, its compliance percentage and the pass mark (the checklist's
 * "compliance" score and "pass_mark" field), each when there is one. */
struct review_checklist_glance {
	bool started, final;
	bool has_compliance, has_pass_mark;
	double compliance, pass_mark;
};
enum cl_status app_review_checklist_glance(struct app *app, const struct review *r,
					   struct review_checklist_glance *out);

/* Draws a month's ("YYYY-MM") QA sample of a kind of work (REVIEW_FORM: the finalized
 * responses of form_id; REVIEW_CASE_PLAN: the versions signed; REVIEW_RELEASE_PLAN: the
 * plans of the people whose SRD falls in the month) by authors past probation: percent of
 * them, chosen by a generator seeded with `seed` (the same seed always draws the same sample
 * from the same population), recorded with the sample. Leads only. *drawn says how many. */
enum cl_status app_review_draw_sample(struct app *app, enum review_kind kind,
				      const char *form_id, const char *period, int percent,
				      uint64_t seed, size_t *drawn, char *msg, size_t msgsz);
/* The draw itself, for tests and audits: picks `want` of the `count` ids into out (sorted),
 * deterministically from seed. */
void app_review_draw(const int64_t *ids, size_t count, size_t want, uint64_t seed,
		     int64_t *out);

/* The team view over [from, to) (dates "YYYY-MM-DD"): per author, and per QA criterion.
 * Leads only (audited). */
enum cl_status app_review_team(struct app *app, const char *from, const char *to,
			       struct review_team_row *rows, size_t cap, size_t *count,
			       struct review_criterion_row *criteria, size_t ccap,
			       size_t *ccount, char *msg, size_t msgsz);
/* The same as CSV (RFC 4180: quoted where needed), per author then per criterion. */
enum cl_status app_review_team_csv(struct app *app, const char *from, const char *to, FILE *out,
				   char *msg, size_t msgsz);

#endif
