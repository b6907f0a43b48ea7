/* Case-plan use cases over the case-plan store, and the pure rules they show: the goals a
 * needs review proposes, and where a plan contradicts Risk-Need-Responsivity. */
#include "caseload/planning.h"
#include "caseload/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formdef.h"
#include "caseload/formeval.h"
#include "caseload/formwork.h"
#include "caseload/permit.h"
#include "caseload/person_detail.h"
#include "caseload/strbuf.h"

#define PLAN_NEEDS_FORM "needs_central8"
#define PLAN_RESPONSIVITY_FORM "responsivity_screen"
#define PLAN_LOW_RISK_GOALS 3
#define PLAN_LOW_RISK_OPEN_STEPS 8

/* In the needs review's order; `field` is the review's rating field of the domain. */
static const struct {
	const char *code, *label, *field;
	bool big_four;
} plan_central8[PLAN_CENTRAL8] = {
	{"criminal_history", "Criminal history", "history_rating", true},
	{"antisocial_personality", "Antisocial personality pattern", "personality_rating", true},
	{"antisocial_cognition", "Antisocial cognition", "cognition_rating", true},
	{"antisocial_associates", "Antisocial associates", "associates_rating", true},
	{"family_marital", "Family/marital", "family_rating", false},
	{"school_work", "School/work", "school_work_rating", false},
	{"leisure_recreation", "Leisure/recreation", "leisure_rating", false},
	{"substance_abuse", "Substance abuse", "substance_rating", false},
};

const char *plan_central8_code(size_t index)
{
	return index < PLAN_CENTRAL8 ? plan_central8[index].code : NULL;
}

int plan_central8_index(const char *code)
{
	for (int i = 0; code && i < PLAN_CENTRAL8; i++)
		if (!strcmp(code, plan_central8[i].code))
			return i;
	return -1;
}

const char *plan_domain_label(const char *code)
{
	int i = plan_central8_index(code);
	return i >= 0 ? plan_central8[i].label : code;
}

bool plan_domain_big_four(const char *code)
{
	int i = plan_central8_index(code);
	return i >= 0 && plan_central8[i].big_four;
}

/* ---- pure rules ---- */

size_t plan_propose(const int ratings[PLAN_CENTRAL8], struct plan_proposal out[PLAN_CENTRAL8])
{
	size_t n = 0;
	/* Big Four first, then the rest; within each, rating 3 before 2, then review order */
	for (int group = 0; group < 2; group++)
		for (int rating = 3; rating >= 2; rating--)
			for (size_t i = 0; i < PLAN_CENTRAL8; i++)
				if (plan_central8[i].big_four == (group == 0) &&
				    ratings[i] == rating) {
					out[n].domain = plan_central8[i].code;
					out[n].rating = rating;
					out[n].priority = (int)n + 1;
					n++;
				}
	return n;
}

static bool plan_has_goal(const struct plan_warning_input *in, const char *domain)
{
	for (size_t i = 0; i < in->goal_count; i++)
		if (!strcmp(in->goals[i].domain, domain))
			return true;
	return false;
}

static size_t plan_steps_of(const struct plan_warning_input *in, int64_t goal_id)
{
	size_t n = 0;
	for (size_t i = 0; i < in->step_count; i++)
		n += in->steps[i].goal_id == goal_id;
	return n;
}

size_t plan_warnings(const struct plan_warning_input *in, struct plan_warning *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; in->ratings && i < PLAN_CENTRAL8 && n < cap; i++)
		if (plan_central8[i].big_four && in->ratings[i] >= 2 &&
		    !plan_has_goal(in, plan_central8[i].code)) {
			out[n] = (struct plan_warning){.kind = PLAN_WARN_BIG_FOUR_UNTARGETED};
			snprintf(out[n].text, sizeof out[n].text,
				 "%s is rated %d but no goal targets it", plan_central8[i].label,
				 in->ratings[i]);
			n++;
		}
	size_t open = 0;
	for (size_t i = 0; i < in->step_count; i++)
		open += in->steps[i].status == PLAN_NOT_STARTED ||
			in->steps[i].status == PLAN_IN_PROGRESS;
	if (in->low_risk && n < cap &&
	    (in->goal_count > PLAN_LOW_RISK_GOALS || open > PLAN_LOW_RISK_OPEN_STEPS)) {
		out[n] = (struct plan_warning){.kind = PLAN_WARN_INTENSIVE_LOW_RISK};
		snprintf(out[n].text, sizeof out[n].text,
			 "Intensive plan for a low-risk person: %zu goals, %zu open steps",
			 in->goal_count, open);
		n++;
	}
	for (size_t i = 0; i < in->goal_count && n < cap; i++)
		if (plan_steps_of(in, in->goals[i].id) == 0) {
			out[n] = (struct plan_warning){.kind = PLAN_WARN_GOAL_WITHOUT_STEPS,
						       .goal_id = in->goals[i].id};
			snprintf(out[n].text, sizeof out[n].text, "Goal %d (%s) has no steps",
				 in->goals[i].priority, plan_domain_label(in->goals[i].domain));
			n++;
		}
	return n;
}

/* ---- reading ---- */

void app_case_plan_clear(struct app_case_plan *cp)
{
	free(cp->goals);
	free(cp->steps);
	free(cp->progress);
	memset(cp, 0, sizeof *cp);
}

/* The newest finalized (or approved) response of form_id on the person, 0 when none. */
static int64_t plan_latest_form(struct app *app, int64_t person_id, const char *form_id)
{
	struct form_response page[32];
	size_t count;
	int64_t before = 0;
	do {
		if (app_form_list(app, person_id, before, page, 32, &count) != CL_OK)
			return 0;
		for (size_t i = 0; i < count; i++)
			if (!strcmp(page[i].form_id, form_id) &&
			    (page[i].state == FORM_FINAL || page[i].state == FORM_APPROVED))
				return page[i].id;
		before = count ? page[count - 1].id : 0;
	} while (count == 32);
	return 0;
}

/* The newest finalized response of form_id, read with its own definition, or NULL. Read as
 * part of opening the plan (audited as such), not as a view of the form. Caller frees. */
static struct app_form *plan_open_latest(struct app *app, int64_t person_id, const char *form_id)
{
	int64_t id = plan_latest_form(app, person_id, form_id);
	struct app_form *form = NULL;
	char msg[APP_PLAN_MESSAGE_SIZE];
	if (id && app_form_load(app, id, &form, msg, sizeof msg) != CL_OK)
		form = NULL;
	return form;
}

/* The ratings of the latest needs review, through the form engine over its answers. */
static bool plan_read_ratings(struct app *app, int64_t person_id, int ratings[PLAN_CENTRAL8])
{
	for (size_t i = 0; i < PLAN_CENTRAL8; i++)
		ratings[i] = PLAN_NO_RATING;
	struct app_form *form = plan_open_latest(app, person_id, PLAN_NEEDS_FORM);
	if (!form)
		return false;
	for (size_t i = 0; i < PLAN_CENTRAL8; i++) {
		int slot = formdef_field_slot(form->def, plan_central8[i].field);
		const char *text = slot >= 0 ? formeval_text(form->ev, slot, 0) : NULL;
		if (text && text[0] >= '0' && text[0] <= '3' && text[1] == '\0')
			ratings[i] = text[0] - '0';
	}
	app_form_free(&form);
	return true;
}

/* The responsivity screen's accommodation flags that are set (fields named flag_*), by
 * label: what a goal's responsivity accommodations start from. */
static void plan_read_accommodations(struct app *app, int64_t person_id, char *out, size_t size)
{
	out[0] = '\0';
	struct app_form *form = plan_open_latest(app, person_id, PLAN_RESPONSIVITY_FORM);
	if (!form)
		return;
	size_t used = 0;
	for (size_t i = 0; i < form->def->field_count; i++) {
		const struct formdef_field *f = &form->def->fields[i];
		const struct fval *v = formeval_value(form->ev, f->slot, 0);
		bool set = fval_truthy(v) || (v->kind == FVAL_STRING && !strcmp(v->u.str, "yes"));
		if (strncmp(f->id, "flag_", 5) != 0 || !set || !f->label)
			continue;
		int n = snprintf(out + used, size - used, "%s%s", used ? "; " : "", f->label);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	app_form_free(&form);
}

/* The latest review's progress rows for the plan in cp->plan (at most one per goal). */
static enum cl_status plan_load_progress(struct app *app, struct app_case_plan *cp)
{
	free(cp->progress);
	cp->progress = NULL;
	cp->progress_count = 0;
	if (!cp->goal_count)
		return CL_OK;
	cp->progress = xcalloc(cp->goal_count, sizeof *cp->progress);
	return store_plan_review_latest(app->store, cp->plan.id, cp->progress, cp->goal_count,
					&cp->progress_count);
}

const struct plan_review_goal *app_plan_goal_progress(const struct app_case_plan *cp,
						      int64_t goal_id)
{
	for (size_t i = 0; i < cp->progress_count; i++)
		if (cp->progress[i].goal_id == goal_id)
			return &cp->progress[i];
	return NULL;
}

/* Goals, steps, what to propose and warn about, for the plan in cp->plan. */
static enum cl_status plan_load_contents(struct app *app, struct app_case_plan *cp)
{
	free(cp->goals);
	free(cp->steps);
	cp->goals = NULL;
	cp->steps = NULL;
	cp->goal_count = cp->step_count = 0;
	enum cl_status st = CL_OK;
	if (cp->exists) {
		st = store_plan_goals(app->store, cp->plan.id, &cp->goals, &cp->goal_count);
		if (st == CL_OK)
			st = store_plan_steps(app->store, cp->plan.id, &cp->steps, &cp->step_count);
	}
	if (st == CL_OK)
		st = plan_load_progress(app, cp);
	if (st != CL_OK)
		return st;
	struct plan_proposal all[PLAN_CENTRAL8];
	size_t n = cp->have_needs ? plan_propose(cp->ratings, all) : 0;
	cp->proposal_count = 0;
	struct plan_warning_input in = {.ratings = cp->have_needs ? cp->ratings : NULL,
					.goals = cp->goals,
					.goal_count = cp->goal_count,
					.steps = cp->steps,
					.step_count = cp->step_count};
	for (size_t i = 0; i < n; i++)
		if (!plan_has_goal(&in, all[i].domain))
			cp->proposals[cp->proposal_count++] = all[i];
	struct person p;
	in.low_risk =
		store_person_get(app->store, cp->person_id, &p) == CL_OK && p.risk == RISK_LOW;
	cp->warning_count = plan_warnings(&in, cp->warnings, PLAN_WARNINGS_MAX);
	return CL_OK;
}

/* Reads the person's newest version into cp (inside the caller's transaction). */
static enum cl_status plan_reload(struct app *app, struct app_case_plan *cp)
{
	enum cl_status st = store_case_plan_latest(app->store, cp->person_id, &cp->plan);
	cp->exists = st == CL_OK;
	cp->read_only = false;
	cp->latest_version = cp->exists ? cp->plan.version : 0;
	if (st == CL_ERR_NOTFOUND)
		st = CL_OK;
	return st == CL_OK ? plan_load_contents(app, cp) : st;
}

static void plan_object(const struct app_case_plan *cp, char *object, size_t size)
{
	snprintf(object, size, "case_plan=%lld version=%d", (long long)cp->plan.id,
		 cp->plan.version);
}

enum cl_status app_case_plan_open(struct app *app, int64_t person_id, struct app_case_plan *out,
				  char *msg, size_t msgsz)
{
	memset(out, 0, sizeof *out);
	msg[0] = '\0';
	out->person_id = person_id;
	enum cl_status st = app_permit(app, PERM_PERSON_READ, person_id, msg, msgsz);
	if (st != CL_OK)
		return st;
	/* a transaction of its own (and its own audit row): before the plan's */
	out->have_needs = plan_read_ratings(app, person_id, out->ratings);
	plan_read_accommodations(app, person_id, out->accommodations, sizeof out->accommodations);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = plan_reload(app, out);
	char object[64];
	plan_object(out, object, sizeof object);
	st = app_finish(app, st, "caseplan.view", person_id, object, NULL, msg, msgsz);
	if (st != CL_OK)
		app_case_plan_clear(out);
	return st;
}

/* Replaces the newest version read in cp by the older one numbered `version`, read-only:
 * it is shown as it was, so nothing is proposed or warned about. */
static enum cl_status plan_load_older(struct app *app, struct app_case_plan *cp, int version,
				      char *msg, size_t msgsz)
{
	size_t cap = (size_t)cp->latest_version, count = 0;
	struct case_plan *all = xcalloc(cap, sizeof *all);
	enum cl_status st = store_case_plans_of_person(app->store, cp->person_id, all, cap, &count);
	bool found = false;
	for (size_t i = 0; st == CL_OK && i < count && !found; i++)
		if (all[i].version == version) {
			cp->plan = all[i];
			found = true;
		}
	free(all);
	if (st == CL_OK && !found) {
		app_say(msg, msgsz, "There is no version %d", version);
		return CL_ERR_NOTFOUND;
	}
	if (st == CL_OK)
		st = plan_load_contents(app, cp);
	cp->read_only = true;
	cp->proposal_count = 0;
	cp->warning_count = 0;
	return st;
}

enum cl_status app_case_plan_show_version(struct app *app, struct app_case_plan *cp,
					  int version, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	enum cl_status st = app_permit(app, PERM_PERSON_READ, cp->person_id, msg, msgsz);
	if (st == CL_OK)
		st = store_begin(app->store);
	if (st == CL_OK)
		st = plan_reload(app, cp);
	if (st == CL_OK && version && version != cp->latest_version) {
		if (version < 1 || version > cp->latest_version) {
			app_say(msg, msgsz, "There is no version %d", version);
			st = CL_ERR_NOTFOUND;
		} else {
			st = plan_load_older(app, cp, version, msg, msgsz);
		}
	}
	char object[64];
	plan_object(cp, object, sizeof object);
	return app_finish(app, st, "caseplan.view", cp->person_id, object, NULL, msg, msgsz);
}

enum cl_status app_case_plan_open_at(struct app *app, int64_t person_id, int64_t plan_id,
				     struct app_case_plan *out, char *msg, size_t msgsz)
{
	enum cl_status st = app_case_plan_open(app, person_id, out, msg, msgsz);
	if (st != CL_OK || out->plan.id == plan_id)
		return st;
	struct case_plan wanted;
	if (store_case_plan_get(app->store, plan_id, &wanted) != CL_OK ||
	    wanted.person_id != person_id) {
		app_say(msg, msgsz, "That version of the case plan is not there");
		return CL_ERR_NOTFOUND;
	}
	return app_case_plan_show_version(app, out, wanted.version, msg, msgsz);
}

/* ---- changing ---- */

/* Nothing changes through an older version shown read-only; false (msg says so) for one. */
static bool plan_current(const struct app_case_plan *cp, char *msg, size_t msgsz)
{
	if (cp->read_only)
		app_say(msg, msgsz, "Version %d is an older version, read-only: V returns to the "
				    "current one",
			cp->plan.version);
	return !cp->read_only;
}

/* Starts a change: permission, then the transaction. */
static enum cl_status plan_begin(struct app *app, struct app_case_plan *cp, char *msg,
				 size_t msgsz)
{
	msg[0] = '\0';
	enum cl_status st = app_permit(app, PERM_PERSON_EDIT, cp->person_id, msg, msgsz);
	return st == CL_OK ? store_begin(app->store) : st;
}

/* Ends a change: reload, audit, commit (or roll back and explain). */
static enum cl_status plan_end(struct app *app, struct app_case_plan *cp, enum cl_status st,
			       const char *event, char *msg, size_t msgsz)
{
	if (st == CL_OK)
		st = plan_reload(app, cp);
	char object[64];
	plan_object(cp, object, sizeof object);
	st = app_finish(app, st, event, cp->person_id, object,
			"the plan was changed in another terminal; it has been read again", msg,
			msgsz);
	if (st == CL_ERR_STALE || st == CL_ERR_INVALID || st == CL_ERR_EXISTS) {
		/* show what is there now */
		if (store_begin(app->store) == CL_OK) {
			plan_reload(app, cp);
			store_rollback(app->store);
		}
	}
	return st;
}

/* Goals and steps change in a draft only; false (msg says what to do) for a signed one. */
static bool plan_editable(const struct app_case_plan *cp, char *msg, size_t msgsz)
{
	if (!plan_current(cp, msg, msgsz))
		return false;
	if (cp->exists && cp->plan.state == PLAN_SIGNED) {
		app_say(msg, msgsz, "Version %d is signed and never changes: start a new version",
			cp->plan.version);
		return false;
	}
	return true;
}

/* Moves the draft's revision on: the first write of every change to a draft. */
static enum cl_status plan_touch(struct app *app, struct app_case_plan *cp)
{
	if (!cp->exists)
		return CL_ERR_INVALID;
	int64_t revision = cp->plan.revision;
	return store_case_plan_touch(app->store, cp->plan.id, &revision);
}

/* Starts a change to the draft as read: permission, transaction, revision moved on. */
static enum cl_status plan_change(struct app *app, struct app_case_plan *cp, char *msg,
				  size_t msgsz)
{
	enum cl_status st = plan_begin(app, cp, msg, msgsz);
	return st == CL_OK ? plan_touch(app, cp) : st;
}

static enum cl_status plan_new_draft(struct app *app, struct app_case_plan *cp)
{
	char at[32];
	app_timestamp(app, at);
	date_t next = app_today(app) + app->config.case_plan_review_days;
	enum cl_status st =
		store_case_plan_create(app->store, cp->person_id, app->me.id, at, next, &cp->plan);
	if (st == CL_OK)
		cp->exists = true;
	return st;
}

enum cl_status app_case_plan_create(struct app *app, struct app_case_plan *cp, char *msg,
				    size_t msgsz)
{
	if (cp->exists) {
		app_say(msg, msgsz, "The person has a case plan already");
		return CL_ERR_EXISTS;
	}
	enum cl_status st = plan_begin(app, cp, msg, msgsz);
	if (st == CL_OK)
		st = plan_new_draft(app, cp);
	st = plan_end(app, cp, st, "caseplan.create", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Case plan started: version 1, a draft");
	return st;
}

enum cl_status app_case_plan_accept(struct app *app, struct app_case_plan *cp, char *msg,
				    size_t msgsz)
{
	if (cp->proposal_count == 0) {
		app_say(msg, msgsz, "No proposed priorities: %s",
			cp->have_needs ? "every domain rated 2 or 3 has a goal"
				       : "there is no finalized needs review");
		return CL_ERR_INVALID;
	}
	if (!plan_editable(cp, msg, msgsz))
		return CL_ERR_INVALID;
	enum cl_status st = plan_begin(app, cp, msg, msgsz);
	if (st == CL_OK)
		st = cp->exists ? plan_touch(app, cp) : plan_new_draft(app, cp);
	int first = (int)cp->goal_count;
	for (size_t i = 0; i < cp->proposal_count && st == CL_OK; i++) {
		struct plan_goal g = {.plan_id = cp->plan.id, .stage = PLAN_CONTEMPLATION};
		str_copy(g.domain, sizeof g.domain, cp->proposals[i].domain);
		g.priority = first + cp->proposals[i].priority;
		st = store_plan_goal_add(app->store, &g);
	}
	size_t n = cp->proposal_count;
	st = plan_end(app, cp, st, "caseplan.accept", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "%zu proposed goal%s added: write their statements", n,
			n == 1 ? "" : "s");
	return st;
}

/* The goal's values are ones the plan may hold. */
static bool plan_goal_valid(struct app *app, const struct plan_goal *g, char *msg, size_t msgsz)
{
	if (plan_central8_index(g->domain) < 0 &&
	    !config_plan_domain_valid(&app->config, g->domain)) {
		app_say(msg, msgsz, "\"%s\" is not a need domain here", g->domain);
		return false;
	}
	if (g->priority < 1 || g->priority > 99) {
		app_say(msg, msgsz, "A priority is 1 to 99");
		return false;
	}
	return true;
}

enum cl_status app_plan_goal_add(struct app *app, struct app_case_plan *cp, struct plan_goal *g,
				 char *msg, size_t msgsz)
{
	if (!plan_editable(cp, msg, msgsz) || !plan_goal_valid(app, g, msg, msgsz))
		return CL_ERR_INVALID;
	enum cl_status st = plan_begin(app, cp, msg, msgsz);
	if (st == CL_OK && !cp->exists)
		st = plan_new_draft(app, cp);
	else if (st == CL_OK)
		st = plan_touch(app, cp);
	g->plan_id = cp->plan.id;
	if (st == CL_OK)
		st = store_plan_goal_add(app->store, g);
	st = plan_end(app, cp, st, "caseplan.goal.add", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Goal added");
	return st;
}

/* The goal or step belongs to the plan as read. */
static bool plan_owns_goal(const struct app_case_plan *cp, int64_t goal_id)
{
	for (size_t i = 0; i < cp->goal_count; i++)
		if (cp->goals[i].id == goal_id)
			return true;
	return false;
}

static const struct plan_step *plan_step_of(const struct app_case_plan *cp, int64_t id)
{
	for (size_t i = 0; i < cp->step_count; i++)
		if (cp->steps[i].id == id)
			return &cp->steps[i];
	return NULL;
}

enum cl_status app_plan_goal_update(struct app *app, struct app_case_plan *cp,
				    const struct plan_goal *g, char *msg, size_t msgsz)
{
	if (!plan_owns_goal(cp, g->id)) {
		app_say(msg, msgsz, "That goal is not in this plan");
		return CL_ERR_NOTFOUND;
	}
	if (!plan_editable(cp, msg, msgsz) || !plan_goal_valid(app, g, msg, msgsz))
		return CL_ERR_INVALID;
	enum cl_status st = plan_change(app, cp, msg, msgsz);
	if (st == CL_OK)
		st = store_plan_goal_update(app->store, g);
	return plan_end(app, cp, st, "caseplan.goal.edit", msg, msgsz);
}

static bool plan_step_valid(const struct plan_step *s, char *msg, size_t msgsz)
{
	if (!s->description[0]) {
		app_say(msg, msgsz, "A step needs a description");
		return false;
	}
	if (s->status == PLAN_DROPPED && !s->drop_reason[0]) {
		app_say(msg, msgsz, "A dropped step needs the reason it was dropped");
		return false;
	}
	return true;
}

enum cl_status app_plan_step_add(struct app *app, struct app_case_plan *cp, struct plan_step *s,
				 char *msg, size_t msgsz)
{
	if (!plan_owns_goal(cp, s->goal_id)) {
		app_say(msg, msgsz, "Choose a goal of this plan first");
		return CL_ERR_NOTFOUND;
	}
	if (!plan_editable(cp, msg, msgsz) || !plan_step_valid(s, msg, msgsz))
		return CL_ERR_INVALID;
	enum cl_status st = plan_change(app, cp, msg, msgsz);
	if (st == CL_OK)
		st = store_plan_step_add(app->store, s);
	st = plan_end(app, cp, st, "caseplan.step.add", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Step added");
	return st;
}

enum cl_status app_plan_step_update(struct app *app, struct app_case_plan *cp,
				    const struct plan_step *s, char *msg, size_t msgsz)
{
	const struct plan_step *old = plan_step_of(cp, s->id);
	if (!old || old->goal_id != s->goal_id) {
		app_say(msg, msgsz, "That step is not in this plan");
		return CL_ERR_NOTFOUND;
	}
	if (!plan_step_may_move(old->status, s->status)) {
		app_say(msg, msgsz, "The step is %s: its status is final in this version",
			plan_step_status_code(old->status));
		return CL_ERR_INVALID;
	}
	if (!plan_editable(cp, msg, msgsz) || !plan_step_valid(s, msg, msgsz))
		return CL_ERR_INVALID;
	enum cl_status st = plan_change(app, cp, msg, msgsz);
	if (st == CL_OK)
		st = store_plan_step_update(app->store, s);
	return plan_end(app, cp, st, "caseplan.step.edit", msg, msgsz);
}

enum cl_status app_plan_review(struct app *app, struct app_case_plan *cp,
			       const struct plan_review_goal *rows, size_t count, char *msg,
			       size_t msgsz)
{
	for (size_t i = 0; i < count; i++)
		if (!plan_owns_goal(cp, rows[i].goal_id)) {
			app_say(msg, msgsz, "A review rates the goals of this plan only");
			return CL_ERR_INVALID;
		}
	if (!cp->exists) {
		app_say(msg, msgsz, "There is no plan to review yet");
		return CL_ERR_INVALID;
	}
	if (!plan_current(cp, msg, msgsz))
		return CL_ERR_INVALID;
	enum cl_status st = plan_begin(app, cp, msg, msgsz);
	char at[32];
	app_timestamp(app, at);
	date_t today = app_today(app);
	date_t next = today + app->config.case_plan_review_days;
	int64_t id = 0;
	if (st == CL_OK)
		st = store_plan_review_add(app->store, cp->plan.id, today, next, app->me.id, at,
					   rows, count, &id);
	st = plan_end(app, cp, st, "caseplan.review", msg, msgsz);
	char day[DATE_TEXT_SIZE];
	if (st == CL_OK)
		app_say(msg, msgsz, "Review recorded; the next is due %s", date_format(next, day));
	return st;
}

enum cl_status app_plan_sign(struct app *app, struct app_case_plan *cp, bool acknowledged,
			     char *msg, size_t msgsz)
{
	if (!plan_current(cp, msg, msgsz))
		return CL_ERR_INVALID;
	if (!cp->exists || cp->plan.state != PLAN_DRAFT) {
		app_say(msg, msgsz, "Only a draft is signed");
		return CL_ERR_INVALID;
	}
	if (cp->goal_count == 0) {
		app_say(msg, msgsz, "A plan needs at least one goal before it is signed");
		return CL_ERR_INVALID;
	}
	for (size_t i = 0; i < cp->goal_count; i++)
		if (!cp->goals[i].statement[0]) {
			app_say(msg, msgsz, "Goal %d (%s) has no goal statement yet",
				cp->goals[i].priority, plan_domain_label(cp->goals[i].domain));
			return CL_ERR_INVALID;
		}
	enum cl_status st = plan_begin(app, cp, msg, msgsz);
	char at[32];
	app_timestamp(app, at);
	if (st == CL_OK)
		st = store_case_plan_sign(app->store, cp->plan.id, cp->plan.revision, app->me.id,
					  acknowledged, at);
	/* QA review, when case plans are reviewed or this version answers a returned one */
	struct review review = {0};
	if (st == CL_OK)
		st = app_review_submit_case_plan(app, cp->plan.id, REVIEW_REQUIRED, at, &review);
	st = plan_end(app, cp, st, "caseplan.sign", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Version %d signed%s%s%s", cp->plan.version,
			acknowledged ? ", acknowledged" : ", not acknowledged",
			!review.id	       ? ""
			: review.round > 1 ? "; resubmitted for review to "
					   : "; submitted for review to ",
			!review.id ? ""
			: review.assigned_name[0] ? review.assigned_name
						  : "the shared queue");
	return st;
}

enum cl_status app_plan_new_version(struct app *app, struct app_case_plan *cp, char *msg,
				    size_t msgsz)
{
	if (!plan_current(cp, msg, msgsz))
		return CL_ERR_INVALID;
	if (!cp->exists || cp->plan.state != PLAN_SIGNED) {
		app_say(msg, msgsz, "A new version starts from a signed one");
		return CL_ERR_INVALID;
	}
	enum cl_status st = plan_begin(app, cp, msg, msgsz);
	char at[32];
	app_timestamp(app, at);
	if (st == CL_OK)
		st = store_case_plan_new_version(app->store, cp->plan.id, app->me.id, at,
						 &cp->plan);
	st = plan_end(app, cp, st, "caseplan.version", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Version %d started as a draft; the signed one stays readable",
			cp->plan.version);
	return st;
}
