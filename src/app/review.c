/* QA review use cases: the rules of who reviews what, over the review store. */
#include "caseload/review.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/caseplan.h"
#include "caseload/relplan.h"
#include "caseload/permit.h"
#include "caseload/rng.h"
#include "caseload/staff.h"

const char *app_review_state_name(enum review_state state)
{
	switch (state) {
	case REVIEW_SUBMITTED:
		return "submitted";
	case REVIEW_IN_REVIEW:
		return "in review";
	case REVIEW_APPROVED:
		return "approved";
	case REVIEW_RETURNED:
		return "returned";
	}
	return "?";
}

const char *app_review_kind_name(enum review_kind kind)
{
	switch (kind) {
	case REVIEW_FORM:
		return "forms";
	case REVIEW_NOTE:
		return "case notes";
	case REVIEW_CASE_PLAN:
		return "case plans";
	case REVIEW_RELEASE_PLAN:
		return "release plans";
	}
	return "?";
}

static enum role review_role(const struct staff *s)
{
	return permit_role_parse(s->role);
}

/* Who reviews an author's work: an intern's supervising caseworker, a caseworker's lead,
 * else nobody in particular (the shared queue: 0). */
static int64_t review_assignee(struct app *app, int64_t author_id)
{
	struct staff author;
	if (store_staff_by_id(app->store, author_id, &author) != CL_OK)
		return 0;
	if (review_role(&author) == ROLE_INTERN)
		return author.supervisor_id;
	return author.lead_id;
}

/* Whether the signed-in user may decide on the review: never its author; a lead; or, for
 * an intern's work, the intern's supervisor. */
static bool review_may_decide(struct app *app, const struct review *r)
{
	if (!app->me.id || r->author_id == app->me.id)
		return false;
	if (review_role(&app->me) == ROLE_LEAD)
		return true;
	struct staff author;
	return store_staff_by_id(app->store, r->author_id, &author) == CL_OK &&
	       review_role(&author) == ROLE_INTERN && author.supervisor_id == app->me.id &&
	       app_can(app, PERM_NOTE_COSIGN, r->person_id);
}

static bool review_may_see(struct app *app, const struct review *r)
{
	return r->author_id == app->me.id || r->assigned_to == app->me.id ||
	       review_may_decide(app, r);
}

static enum cl_status review_finish(struct app *app, enum cl_status st, const char *event,
				    const struct review *r, char *msg, size_t msgsz)
{
	char object[48];
	snprintf(object, sizeof object, "review=%lld", (long long)r->id);
	return app_finish(app, st, event, r->person_id, object,
			  "this review was changed in another terminal; open it again", msg, msgsz);
}

/* ---- submitting ---- */

/* Opens the review r describes (kind, object_id, person_id, author_id, reason set; the
 * reviewer is found here), or, when `returned` names a returned review of the item, starts
 * its next round (a case plan's moving to r->object_id); then snapshots the item. */
static enum cl_status review_submit(struct app *app, struct review *r, const struct review *returned,
				    const char *at)
{
	enum cl_status st;
	/* the reviewer's time starts again at each submission */
	date_t due = app_today(app) + app->config.review_due_days;
	if (returned) {
		st = store_review_resubmit(app->store, returned->id,
					   r->kind == REVIEW_CASE_PLAN ? r->object_id : 0, 0, due,
					   app->me.id, at);
		if (st == CL_OK)
			st = store_review_get(app->store, returned->id, r);
	} else {
		r->assigned_to = review_assignee(app, r->author_id);
		if (r->assigned_to == r->author_id)
			r->assigned_to = 0;
		r->due_on = due;
		st = store_review_open(app->store, r, app->me.id, at);
	}
	if (st == CL_OK)
		st = store_review_snapshot(app->store, r);
	return st;
}

enum cl_status app_review_submit_form(struct app *app, const struct app_form *form,
				      const char *at)
{
	struct review r, old;
	enum cl_status st = store_review_of(app->store, REVIEW_FORM, form->resp.id, &old);
	if (st != CL_OK && st != CL_ERR_NOTFOUND)
		return st;
	r = (struct review){.kind = REVIEW_FORM,
			    .object_id = form->resp.id,
			    .person_id = form->resp.person_id,
			    .author_id = form->resp.author_id,
			    .reason = REVIEW_REQUIRED};
	return review_submit(app, &r, st == CL_OK ? &old : NULL, at);
}

/* The returned review a newly signed version answers: that of the version it was copied
 * from, when it was returned and the same author signed this one. */
static bool review_returned_case_plan(struct app *app, const struct case_plan *plan,
				      struct review *out)
{
	return plan->copied_from &&
	       store_review_of(app->store, REVIEW_CASE_PLAN, plan->copied_from, out) == CL_OK &&
	       out->state == REVIEW_RETURNED && out->author_id == plan->signed_by;
}

enum cl_status app_review_submit_case_plan(struct app *app, int64_t plan_id,
					   enum review_reason reason, const char *at,
					   struct review *out)
{
	memset(out, 0, sizeof *out);
	struct case_plan plan;
	enum cl_status st = store_case_plan_get(app->store, plan_id, &plan);
	if (st != CL_OK)
		return st;
	struct review old, r = {.kind = REVIEW_CASE_PLAN,
				.object_id = plan.id,
				.person_id = plan.person_id,
				.author_id = plan.signed_by,
				.reason = reason};
	bool again = review_returned_case_plan(app, &plan, &old);
	if (!again && reason == REVIEW_REQUIRED &&
	    app->config.case_plan_review != CONFIG_REVIEW_REQUIRED)
		return CL_OK;
	st = review_submit(app, &r, again ? &old : NULL, at);
	if (st == CL_OK)
		*out = r;
	return st;
}

enum cl_status app_review_submit_release_plan(struct app *app, int64_t plan_id,
					      int64_t person_id, enum review_reason reason,
					      const char *at, struct review *out)
{
	struct review old, r = {.kind = REVIEW_RELEASE_PLAN,
				.object_id = plan_id,
				.person_id = person_id,
				.author_id = app->me.id,
				.reason = reason};
	enum cl_status st = store_review_of(app->store, REVIEW_RELEASE_PLAN, plan_id, &old);
	if (st != CL_OK && st != CL_ERR_NOTFOUND)
		return st;
	bool again = st == CL_OK && old.state == REVIEW_RETURNED;
	if (again)
		r.author_id = old.author_id;
	st = review_submit(app, &r, again ? &old : NULL, at);
	*out = r;
	return st;
}

enum cl_status app_review_of_item(struct app *app, enum review_kind kind, int64_t object_id,
				  struct review *out)
{
	enum cl_status st = store_review_of(app->store, kind, object_id, out);
	if (st == CL_ERR_NOTFOUND && kind == REVIEW_CASE_PLAN) {
		/* a draft (or an unreviewed version) answers the returned review of the one it
		 * copies; any other review is that version's own */
		struct case_plan plan;
		if (store_case_plan_get(app->store, object_id, &plan) == CL_OK && plan.copied_from)
			st = store_review_of(app->store, kind, plan.copied_from, out);
		if (st == CL_OK && out->state != REVIEW_RETURNED)
			st = CL_ERR_NOTFOUND;
	}
	if (st == CL_OK && !review_may_see(app, out) &&
	    !app_can(app, PERM_PERSON_READ, out->person_id))
		return CL_ERR_NOTFOUND;
	return st;
}

/* CL_ERR_EXISTS (msg says so) when the item's latest review still waits for a decision. */
static enum cl_status review_not_waiting(const struct review *latest, char *msg, size_t msgsz)
{
	if (latest->state != REVIEW_SUBMITTED && latest->state != REVIEW_IN_REVIEW)
		return CL_OK;
	app_say(msg, msgsz, "It is waiting for review already (%s)",
		latest->assigned_name[0] ? latest->assigned_name : "in the shared queue");
	return CL_ERR_EXISTS;
}

static enum cl_status review_request_case_plan(struct app *app, int64_t person_id,
					       const char *at, struct review *out, char *msg,
					       size_t msgsz)
{
	struct case_plan plan;
	enum cl_status st = store_case_plan_latest(app->store, person_id, &plan);
	if (st == CL_OK && plan.state != PLAN_SIGNED) {
		app_say(msg, msgsz, "Sign the plan first: a signed version is what is reviewed");
		return CL_ERR_INVALID;
	}
	if (st != CL_OK) {
		app_say(msg, msgsz, "There is no case plan to review");
		return st == CL_ERR_NOTFOUND ? CL_ERR_INVALID : st;
	}
	struct review own;
	st = store_review_of(app->store, REVIEW_CASE_PLAN, plan.id, &own);
	if (st == CL_OK) {
		if (own.state == REVIEW_RETURNED)
			app_say(msg, msgsz, "It was returned: start a new version (n), change it and "
					       "sign it, which submits it again");
		else if (own.state == REVIEW_APPROVED)
			app_say(msg, msgsz, "Version %d was approved already", plan.version);
		else
			review_not_waiting(&own, msg, msgsz);
		return CL_ERR_EXISTS;
	}
	if (st != CL_ERR_NOTFOUND)
		return st;
	return app_review_submit_case_plan(app, plan.id, REVIEW_REQUESTED, at, out);
}

static enum cl_status review_request_release_plan(struct app *app, int64_t person_id,
						  const char *at, struct review *out, char *msg,
						  size_t msgsz)
{
	struct relplan plan;
	enum cl_status st = store_relplan_get(app->store, person_id, &plan);
	if (st != CL_OK) {
		app_say(msg, msgsz, "There is no open release plan to review");
		return st == CL_ERR_NOTFOUND ? CL_ERR_INVALID : st;
	}
	struct review latest;
	st = store_review_of(app->store, REVIEW_RELEASE_PLAN, plan.id, &latest);
	if (st != CL_OK && st != CL_ERR_NOTFOUND)
		return st;
	if (st == CL_OK && review_not_waiting(&latest, msg, msgsz) != CL_OK)
		return CL_ERR_EXISTS;
	enum review_reason reason = app->config.release_plan_review == CONFIG_REVIEW_REQUIRED
					    ? REVIEW_REQUIRED
					    : REVIEW_REQUESTED;
	return app_review_submit_release_plan(app, plan.id, person_id, reason, at, out);
}

enum cl_status app_review_request(struct app *app, enum review_kind kind, int64_t person_id,
				  char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (kind != REVIEW_CASE_PLAN && kind != REVIEW_RELEASE_PLAN) {
		app_say(msg, msgsz, "Only plans are submitted this way");
		return CL_ERR_INVALID;
	}
	if (app_permit(app, PERM_PERSON_EDIT, person_id, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	char at[32];
	app_timestamp(app, at);
	struct review r = {0};
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = kind == REVIEW_CASE_PLAN
			     ? review_request_case_plan(app, person_id, at, &r, msg, msgsz)
			     : review_request_release_plan(app, person_id, at, &r, msg, msgsz);
	if (st != CL_OK && msg[0]) {
		store_rollback(app->store);
		return st;
	}
	char object[48];
	snprintf(object, sizeof object, "%s person=%lld", review_kind_code(kind),
		 (long long)person_id);
	st = app_finish(app, st, "review.submit", person_id, object,
			"the plan was changed in another terminal; open it again", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "%s for review: %s", r.round > 1 ? "Resubmitted" : "Submitted",
			r.assigned_name[0] ? r.assigned_name : "the shared queue");
	return st;
}

/* ---- queues ---- */

enum cl_status app_review_queue(struct app *app, int64_t author_id, int kind,
				struct review *out, size_t cap, size_t *count)
{
	*count = 0;
	if (!app_can(app, PERM_NOTE_COSIGN, 0) && !app_can(app, PERM_REVIEW_APPROVE, 0))
		return CL_ERR_DENIED;
	struct review_queue_query q = {
		.reviewer_id = app->me.id,
		.shared = review_role(&app->me) == ROLE_LEAD,
		.author_id = author_id,
		.kind = kind,
		.after_at = "",
	};
	return store_review_queue(app->store, &q, out, cap, count);
}

enum cl_status app_review_returned(struct app *app, struct review *out, size_t cap,
				   size_t *count)
{
	return store_reviews_of_author(app->store, app->me.id, REVIEW_RETURNED, out, cap, count);
}

enum cl_status app_review_get(struct app *app, int64_t id, struct review *out)
{
	enum cl_status st = store_review_get(app->store, id, out);
	if (st == CL_OK && !review_may_see(app, out))
		return CL_ERR_NOTFOUND;
	return st;
}

enum cl_status app_review_comments(struct app *app, const struct review *r,
				   struct review_comment **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (!review_may_see(app, r))
		return CL_ERR_NOTFOUND;
	return store_review_comments(app->store, r->id, out, count);
}

enum cl_status app_review_events(struct app *app, const struct review *r,
				 struct review_event *out, size_t cap, size_t *count)
{
	*count = 0;
	if (!review_may_see(app, r))
		return CL_ERR_NOTFOUND;
	return store_review_events(app->store, r->id, out, cap, count);
}

enum cl_status app_review_changes(struct app *app, const struct review *r,
				  struct review_change **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (!review_may_see(app, r))
		return CL_ERR_NOTFOUND;
	if (r->round < 2)
		return CL_OK;
	struct note_reader reader;
	app_note_reader(app, &reader);
	return store_review_changes(app->store, &reader, r->id, r->round - 1, r->round, out,
				    count);
}

/* ---- the reviewer's steps ---- */

/* Loads the review and checks the user may act on it as its reviewer. */
static enum cl_status review_for_decision(struct app *app, int64_t id, struct review *r,
					  char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (store_review_get(app->store, id, r) != CL_OK) {
		app_say(msg, msgsz, "There is no such review");
		return CL_ERR_NOTFOUND;
	}
	if (r->author_id == app->me.id) {
		app_say(msg, msgsz, "Nobody reviews their own work");
		app_audit(app, "review.decide", "denied", r->person_id, "");
		return CL_ERR_DENIED;
	}
	if (!review_may_decide(app, r)) {
		app_say(msg, msgsz, "Only a lead (or an intern's supervisor) reviews this");
		app_audit(app, "review.decide", "denied", r->person_id, "");
		return CL_ERR_DENIED;
	}
	if (r->state != REVIEW_SUBMITTED && r->state != REVIEW_IN_REVIEW) {
		app_say(msg, msgsz, "This review is %s already", app_review_state_name(r->state));
		return CL_ERR_INVALID;
	}
	return CL_OK;
}

enum cl_status app_review_take(struct app *app, int64_t id, char *msg, size_t msgsz)
{
	struct review r;
	enum cl_status st = review_for_decision(app, id, &r, msg, msgsz);
	if (st != CL_OK)
		return st;
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_review_take(app->store, id, app->me.id, at);
	st = review_finish(app, st, "review.take", &r, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Taken: it is in your queue");
	return st;
}

enum cl_status app_review_reassign(struct app *app, int64_t id, const char *username,
				   char *msg, size_t msgsz)
{
	struct review r;
	enum cl_status st = review_for_decision(app, id, &r, msg, msgsz);
	if (st != CL_OK)
		return st;
	if (review_role(&app->me) != ROLE_LEAD) {
		app_say(msg, msgsz, "Only a lead reassigns reviews");
		return CL_ERR_DENIED;
	}
	struct staff to = {0};
	if (username && *username) {
		if (store_staff_by_username(app->store, username, &to) != CL_OK || !to.active) {
			app_say(msg, msgsz, "There is no active account \"%s\"", username);
			return CL_ERR_NOTFOUND;
		}
		if (to.id == r.author_id || review_role(&to) != ROLE_LEAD) {
			app_say(msg, msgsz, "%s cannot review this: %s", to.display_name,
				   to.id == r.author_id ? "it is their own work" : "not a lead");
			return CL_ERR_INVALID;
		}
	}
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_review_reassign(app->store, id, to.id, app->me.id, at);
	st = review_finish(app, st, "review.reassign", &r, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, to.id ? "Reassigned to %s" : "Back in the shared queue%s",
			   to.id ? to.display_name : "");
	return st;
}

enum cl_status app_review_comment(struct app *app, int64_t id, const char *anchor,
				  const char *body, char *msg, size_t msgsz)
{
	struct review r;
	enum cl_status st = review_for_decision(app, id, &r, msg, msgsz);
	if (st != CL_OK)
		return st;
	if (!body || !*body || strlen(body) > REVIEW_COMMENT_MAX) {
		app_say(msg, msgsz, "A comment is 1 to %d bytes of text", REVIEW_COMMENT_MAX);
		return CL_ERR_INVALID;
	}
	char at[32];
	app_timestamp(app, at);
	int64_t comment_id = 0;
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_review_comment_add(app->store, id, r.round, anchor ? anchor : "", body,
					      app->me.id, at, &comment_id);
	st = review_finish(app, st, "review.comment", &r, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Comment saved%s%s", anchor && *anchor ? " on " : "",
			   anchor ? anchor : "");
	return st;
}

/* The form under review, opened with its stored definition, to write its outputs. */
static enum cl_status review_outputs(struct app *app, const struct review *r, const char *at)
{
	if (r->kind != REVIEW_FORM)
		return CL_OK;
	struct app_form *form = NULL;
	char msg[APP_FORM_MESSAGE_SIZE];
	enum cl_status st = app_form_load(app, r->object_id, &form, msg, sizeof msg);
	if (st == CL_OK)
		st = app_form_write_outputs(app, form, FORMDEF_ON_APPROVE, at);
	app_form_free(&form);
	return st;
}

static enum cl_status review_decide(struct app *app, int64_t id, enum review_state to,
				    const char *note, char *msg, size_t msgsz)
{
	struct review r;
	enum cl_status st = review_for_decision(app, id, &r, msg, msgsz);
	if (st != CL_OK)
		return st;
	if (to == REVIEW_RETURNED && (!note || !*note)) {
		struct review_comment *comments = NULL;
		size_t n = 0, this_round = 0;
		if (store_review_comments(app->store, id, &comments, &n) == CL_OK)
			for (size_t i = 0; i < n; i++)
				this_round += comments[i].round == r.round;
		review_comments_free(&comments, n);
		if (!this_round) {
			app_say(msg, msgsz, "Say what to change: comment on a field (m) or give "
					       "a note when returning");
			return CL_ERR_INVALID;
		}
	}
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_review_decide(app->store, id, to, app->me.id, note ? note : "", at);
	if (st == CL_OK && r.kind == REVIEW_FORM && r.reason != REVIEW_SAMPLED) {
		int64_t revision = 0;
		struct note_reader reader;
		app_note_reader(app, &reader);
		struct form_response resp;
		st = store_form_response_get(app->store, &reader, r.object_id, &resp);
		revision = resp.revision;
		if (st == CL_OK)
			st = store_form_response_move(app->store, r.object_id, &revision,
						      to == REVIEW_APPROVED ? FORM_APPROVED
									    : FORM_RETURNED,
						      app->me.id, note ? note : "", at);
	}
	if (st == CL_OK && to == REVIEW_APPROVED)
		st = review_outputs(app, &r, at);
	st = review_finish(app, st, to == REVIEW_APPROVED ? "review.approve" : "review.return",
			   &r, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, to == REVIEW_APPROVED
					       ? "Approved"
					       : "Returned to %s with your comments",
			   r.author_name);
	return st;
}

enum cl_status app_review_approve(struct app *app, int64_t id, const char *note, char *msg,
				  size_t msgsz)
{
	return review_decide(app, id, REVIEW_APPROVED, note, msg, msgsz);
}

enum cl_status app_review_return(struct app *app, int64_t id, const char *note, char *msg,
				 size_t msgsz)
{
	return review_decide(app, id, REVIEW_RETURNED, note, msg, msgsz);
}

enum cl_status app_review_reopen(struct app *app, int64_t response_id, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	struct note_reader reader;
	app_note_reader(app, &reader);
	struct form_response resp;
	enum cl_status st = store_form_response_get(app->store, &reader, response_id, &resp);
	if (st != CL_OK || resp.author_id != app->me.id || resp.state != FORM_RETURNED) {
		app_say(msg, msgsz, "Only its author changes a returned form");
		return st == CL_OK ? CL_ERR_DENIED : st;
	}
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_form_response_move(app->store, response_id, &resp.revision, FORM_DRAFT,
					      app->me.id, NULL, at);
	char object[48];
	snprintf(object, sizeof object, "form=%lld", (long long)response_id);
	st = app_finish(app, st, "form.reopen", resp.person_id, object,
			"this form was changed in another terminal; open it again", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Open for changes: F5 submits it again");
	return st;
}

enum cl_status app_review_checklist(struct app *app, int64_t id, struct app_form **out,
				    char *msg, size_t msgsz)
{
	*out = NULL;
	struct review r;
	enum cl_status st = review_for_decision(app, id, &r, msg, msgsz);
	if (st != CL_OK)
		return st;
	if (r.checklist_id)
		return app_form_open(app, r.checklist_id, out, msg, msgsz);
	st = app_form_start(app, r.person_id, "qa_checklist", out, msg, msgsz);
	if (st != CL_OK)
		return st;
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_review_set_checklist(app->store, id, (*out)->resp.id);
	st = review_finish(app, st, "review.checklist", &r, msg, msgsz);
	if (st != CL_OK)
		app_form_free(out);
	return st;
}

enum cl_status app_review_checklist_glance(struct app *app, const struct review *r,
					   struct review_checklist_glance *out)
{
	memset(out, 0, sizeof *out);
	if (!review_may_see(app, r))
		return CL_ERR_NOTFOUND;
	if (!r->checklist_id)
		return CL_OK;
	struct app_form *list = NULL;
	char msg[APP_FORM_MESSAGE_SIZE] = "";
	enum cl_status st = app_form_load(app, r->checklist_id, &list, msg, sizeof msg);
	if (st != CL_OK)
		return st;
	out->started = true;
	out->final = list->resp.state != FORM_DRAFT;
	int score = formdef_score_index(list->def, "compliance");
	if (score >= 0 && list->frozen) {
		out->has_compliance = list->frozen[score].has_value;
		out->compliance = list->frozen[score].value;
	} else if (score >= 0) {
		const struct formeval_score *sc = formeval_score(list->ev, (size_t)score);
		out->has_compliance = sc->has_value;
		out->compliance = sc->value;
	}
	int slot = formdef_field_slot(list->def, "pass_mark");
	const struct fval *mark = slot >= 0 ? formeval_value(list->ev, slot, 0) : NULL;
	if (mark && mark->kind == FVAL_NUMBER) {
		out->has_pass_mark = true;
		out->pass_mark = mark->u.num;
	}
	app_form_free(&list);
	return CL_OK;
}

/* ---- sampling ---- */

static int review_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void app_review_draw(const int64_t *ids, size_t count, size_t want, uint64_t seed,
		     int64_t *out)
{
	/* a partial Fisher-Yates over a copy of the ids in id order: the population's order is
	 * fixed, so the same seed always picks the same ids */
	int64_t *pool = xmalloc((count ? count : 1) * sizeof *pool);
	if (count) /* ids is NULL for an empty population */
		memcpy(pool, ids, count * sizeof *pool);
	qsort(pool, count, sizeof *pool, review_cmp_id);
	struct rng rng;
	rng_seed(&rng, seed);
	if (want > count)
		want = count;
	for (size_t i = 0; i < want; i++) {
		size_t j = i + rng_below(&rng, (uint32_t)(count - i));
		int64_t t = pool[i];
		pool[i] = pool[j];
		pool[j] = t;
	}
	memcpy(out, pool, want * sizeof *out);
	qsort(out, want, sizeof *out, review_cmp_id);
	free(pool);
}

/* The first day of the month "YYYY-MM" and of the next one. */
static bool review_period(const char *period, char from[DATE_TEXT_SIZE], char to[DATE_TEXT_SIZE])
{
	int y, m;
	char extra;
	if (!period || sscanf(period, "%4d-%2d%c", &y, &m, &extra) != 2 || m < 1 || m > 12 ||
	    strlen(period) != 7)
		return false;
	date_format(date_from_ymd(y, m, 1), from);
	date_format(date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1), to);
	return true;
}

static enum cl_status review_open_sampled(struct app *app, enum review_kind kind,
					  int64_t object_id, int64_t sample_id, const char *at)
{
	struct review r = {.kind = kind, .object_id = object_id, .reason = REVIEW_SAMPLED,
			   .sample_id = sample_id};
	enum cl_status st = store_review_item(app->store, kind, object_id, &r.person_id,
					      &r.author_id);
	if (st == CL_OK)
		st = review_submit(app, &r, NULL, at);
	return st;
}

enum cl_status app_review_draw_sample(struct app *app, enum review_kind kind,
				      const char *form_id, const char *period, int percent,
				      uint64_t seed, size_t *drawn, char *msg, size_t msgsz)
{
	*drawn = 0;
	msg[0] = '\0';
	if (app_permit(app, PERM_REVIEW_APPROVE, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (kind == REVIEW_NOTE || (kind == REVIEW_FORM && (!form_id || !*form_id))) {
		app_say(msg, msgsz, "A sample is of a form, case plans or release plans");
		return CL_ERR_INVALID;
	}
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	if (!review_period(period, from, to) || percent < 1 || percent > 100) {
		app_say(msg, msgsz, "A sample is of a month (YYYY-MM) and 1 to 100 percent");
		return CL_ERR_INVALID;
	}
	int64_t *ids = NULL;
	size_t count = 0;
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_review_population(app->store, kind, form_id, from, to, &ids, &count);
	size_t want = (count * (size_t)percent + 99) / 100;
	int64_t *picked = xmalloc((want ? want : 1) * sizeof *picked);
	if (st == CL_OK)
		app_review_draw(ids, count, want, seed, picked);
	char at[32];
	app_timestamp(app, at);
	int64_t sample_id = 0;
	struct review_sample_record rec = {.period = period, .kind = kind, .form_id = form_id,
					   .percent = percent, .seed = seed, .eligible = count,
					   .drawn = want};
	if (st == CL_OK)
		st = store_review_sample_add(app->store, &rec, app->me.id, at, &sample_id);
	const char *what = kind == REVIEW_FORM ? form_id : app_review_kind_name(kind);
	if (st == CL_ERR_EXISTS)
		app_say(msg, msgsz, "%s of %s was sampled already", period, what);
	for (size_t i = 0; st == CL_OK && i < want; i++)
		st = review_open_sampled(app, kind, picked[i], sample_id, at);
	free(ids);
	free(picked);
	char object[96];
	snprintf(object, sizeof object, "sample=%lld", (long long)sample_id);
	st = app_finish(app, st, "review.sample", 0, object, "sampled meanwhile elsewhere", msg,
			msgsz);
	if (st == CL_OK) {
		*drawn = want;
		app_say(msg, msgsz, "Drew %zu of %zu (seed %llu)", want, count,
			   (unsigned long long)seed);
	}
	return st;
}

/* ---- the team view ---- */

enum cl_status app_review_team(struct app *app, const char *from, const char *to,
			       struct review_team_row *rows, size_t cap, size_t *count,
			       struct review_criterion_row *criteria, size_t ccap,
			       size_t *ccount, char *msg, size_t msgsz)
{
	*count = *ccount = 0;
	msg[0] = '\0';
	date_t a, b;
	if (!date_parse(from, &a) || !date_parse(to, &b) || b <= a) {
		app_say(msg, msgsz, "A period is two dates, YYYY-MM-DD, the first before the "
				       "second");
		return CL_ERR_INVALID;
	}
	if (app_permit(app, PERM_REVIEW_APPROVE, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	enum cl_status st = store_review_team(app->store, from, to, rows, cap, count);
	if (st == CL_OK)
		st = store_review_criteria(app->store, from, to, criteria, ccap, ccount);
	if (st == CL_OK)
		st = app_audit(app, "review.team", "ok", 0, "");
	return st;
}

static void review_csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

enum cl_status app_review_team_csv(struct app *app, const char *from, const char *to, FILE *out,
				   char *msg, size_t msgsz)
{
	enum { CAP = 1000 };
	struct review_team_row *rows = xcalloc(CAP, sizeof *rows);
	struct review_criterion_row criteria[64];
	size_t n = 0, nc = 0;
	enum cl_status st = app_review_team(app, from, to, rows, CAP, &n, criteria, 64, &nc, msg,
					    msgsz);
	if (st == CL_OK) {
		fputs("staff,role,submitted,approved_first_time,returned,decided,"
		      "mean_turnaround_days,mean_compliance_percent\r\n",
		      out);
		for (size_t i = 0; i < n; i++) {
			review_csv_field(out, rows[i].name);
			fputc(',', out);
			review_csv_field(out, rows[i].role);
			fprintf(out, ",%zu,%zu,%zu,%zu,%.1f,", rows[i].submitted,
				rows[i].approved_first, rows[i].returned, rows[i].decided,
				rows[i].mean_turnaround_days);
			if (rows[i].has_compliance)
				fprintf(out, "%.1f", rows[i].mean_compliance);
			fputs("\r\n", out);
		}
		fputs("\r\ncriterion,rated,not_met,partial,failure_rate_percent\r\n", out);
		for (size_t i = 0; i < nc; i++) {
			review_csv_field(out, criteria[i].field);
			double rate = criteria[i].rated
					      ? 100.0 * (double)(criteria[i].not_met + criteria[i].partial) /
							(double)criteria[i].rated
					      : 0;
			fprintf(out, ",%zu,%zu,%zu,%.1f\r\n", criteria[i].rated, criteria[i].not_met,
				criteria[i].partial, rate);
		}
		if (fflush(out) != 0 || ferror(out)) {
			app_say(msg, msgsz, "The CSV could not be written");
			st = CL_ERR_IO;
		}
	}
	free(rows);
	return st;
}
