/* The case plan screen: the version, its state and next review in the title, the RNR
 * warnings at the top in yellow, the priorities the needs review proposes, then the goals
 * with their steps as a tree. Every change is a dialog that saves through one use case. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/caseload.h"
#include "caseload/planning.h"
#include "caseload/strbuf.h"
#include "dialog.h"
#include "draw.h"
#include "format.h"
#include "review_panel.h"
#include "view.h"

#define PLAN_REVIEW_GOALS_MAX UI_DIALOG_MAX_FIELDS

enum plan_line_kind { PLAN_LINE_TEXT, PLAN_LINE_GOAL, PLAN_LINE_STEP };

struct plan_view {
	struct ui_view base;
	struct app_case_plan cp;
	char person_name[200];
	struct ui_line *lines;
	int count, cap;
	int cursor, top;
	struct ui_dialog_ops ops; /* of the open dialog: it outlives the call that opened it */
	int64_t editing;          /* the goal or step the open dialog changes */
	/* the goal or step just added, to put the cursor on (0: leave it) */
	enum plan_line_kind select_kind;
	int64_t select_id;
	char review_labels[PLAN_REVIEW_GOALS_MAX][80];
	int64_t review_goals[PLAN_REVIEW_GOALS_MAX];
	int review_count;
	/* the plan's QA review: beside its goals for everyone who may see it; in review mode
	 * (opened from the review queue) the reviewer's keys, and nothing changes */
	struct ui_review_panel qa;
	bool review_mode;
};

static const struct ui_binding plan_bindings[] = {
	{'g', ACT_PLAN_GOAL_ADD, 0, "g"},
	{'a', ACT_PLAN_STEP_ADD, 0, "a"},
	{'e', ACT_PLAN_EDIT, 0, "e"},
	{'\r', ACT_PLAN_EDIT, 0, NULL},
	{'s', ACT_PLAN_STEP_STATUS, 0, "s"},
	{'v', ACT_PLAN_REVIEW, 0, "v"},
	{'S', ACT_PLAN_SIGN, 0, "S"},
	{'n', ACT_PLAN_NEW_VERSION, 0, "n"},
	{'P', ACT_PLAN_ACCEPT, 0, "P"},
	{'V', ACT_PLAN_VERSION_BACK, 0, "V"},
	{'f', ACT_REFERRAL_NEW, 0, "f"},
};
static const struct ui_keymap plan_keymap = {
	"Case plan: goals by need domain with their action steps. Warnings in yellow show where "
	"the plan contradicts Risk-Need-Responsivity. A signed version never changes: n starts a "
	"new version copied from it; V steps back through the older versions, read-only; f "
	"refers the person to a community resource for the selected step; F5 submits the signed "
	"plan for QA review. Opened from the review queue it is read-only: m comments on the goal "
	"under the cursor (elsewhere: on the whole plan), c fills in the QA checklist, A approves, "
	"R returns it, r reassigns, t takes it, n and p step through the queue",
	plan_bindings, (int)(sizeof plan_bindings / sizeof plan_bindings[0])};

/* A line of kind PLAN_LINE_GOAL or _STEP stands for cp.goals or cp.steps[index]. */
#define plan_add(pv, element, kind, index, ...)                                                    \
	ui_line_add(&(pv)->lines, &(pv)->count, &(pv)->cap, element, kind, (int64_t)(index),      \
		    __VA_ARGS__)

static const char *plan_status_label(enum plan_step_status s)
{
	static const char *const labels[] = {"not started", "in progress", "done", "dropped"};
	return (size_t)s < sizeof labels / sizeof labels[0] ? labels[s] : "?";
}

static void plan_build_steps(struct plan_view *pv, int64_t goal_id)
{
	const struct app_case_plan *cp = &pv->cp;
	char day[DATE_TEXT_SIZE];
	for (size_t i = 0; i < cp->step_count; i++) {
		const struct plan_step *s = &cp->steps[i];
		if (s->goal_id != goal_id)
			continue;
		bool closed = s->status == PLAN_DONE || s->status == PLAN_DROPPED;
		plan_add(pv, closed ? UI_DIM : UI_NORMAL, PLAN_LINE_STEP, i,
			 "    - [%s] %s (%s%s%s)%s%s", plan_status_label(s->status), s->description,
			 plan_responsible_code(s->responsible),
			 s->target_on != DATE_NONE ? ", by " : "", date_format(s->target_on, day),
			 s->status == PLAN_DROPPED ? ": " : "",
			 s->status == PLAN_DROPPED ? s->drop_reason : "");
	}
}

/* The goal's progress at this version's latest review, when it was rated there. */
static void plan_build_progress(struct plan_view *pv, int64_t goal_id)
{
	const struct plan_review_goal *r = app_plan_goal_progress(&pv->cp, goal_id);
	char day[DATE_TEXT_SIZE];
	if (r)
		plan_add(pv, UI_LABEL, PLAN_LINE_TEXT, 0, "    Progress at the review of %s: %s%s%s",
			 date_format(pv->cp.plan.last_review_on, day),
			 plan_progress_code(r->progress), r->note[0] ? ": " : "", r->note);
}

static void plan_build(struct plan_view *pv)
{
	const struct app_case_plan *cp = &pv->cp;
	pv->count = 0;
	ui_review_panel_header(&pv->qa, &pv->lines, &pv->count, &pv->cap, PLAN_LINE_TEXT);
	for (size_t i = 0; i < cp->warning_count; i++)
		plan_add(pv, UI_SOON, PLAN_LINE_TEXT, 0, "! %s", cp->warnings[i].text);
	if (cp->proposal_count) {
		char list[400] = "";
		size_t used = 0;
		for (size_t i = 0; i < cp->proposal_count && used < sizeof list; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s (%d)",
						 i ? ", " : "",
						 plan_domain_label(cp->proposals[i].domain),
						 cp->proposals[i].rating);
		plan_add(pv, UI_LABEL, PLAN_LINE_TEXT, 0,
			 "Proposed from the needs review (P accepts): %s", list);
	}
	if (!cp->exists)
		plan_add(pv, UI_DIM, PLAN_LINE_TEXT, 0, "%s",
			 "No case plan yet: g adds a goal, P accepts the proposed priorities");
	for (size_t i = 0; i < cp->goal_count; i++) {
		const struct plan_goal *g = &cp->goals[i];
		plan_add(pv, UI_HEADER, PLAN_LINE_GOAL, i, "%d. %s [%s] %s", g->priority,
			 plan_domain_label(g->domain), plan_stage_code(g->stage),
			 g->statement[0] ? g->statement : "(no goal statement yet)");
		if (g->measure[0])
			plan_add(pv, UI_LABEL, PLAN_LINE_TEXT, 0, "    Measure: %s", g->measure);
		plan_build_progress(pv, g->id);
		plan_build_steps(pv, g->id);
		ui_review_panel_beside(&pv->qa, g->domain, &pv->lines, &pv->count, &pv->cap,
				       PLAN_LINE_TEXT);
	}
	for (int i = 0; pv->select_id && i < pv->count; i++) {
		const struct ui_line *l = &pv->lines[i];
		int64_t id = l->kind == PLAN_LINE_GOAL   ? cp->goals[l->ref].id
			     : l->kind == PLAN_LINE_STEP ? cp->steps[l->ref].id
							 : 0;
		if (l->kind == (int)pv->select_kind && id == pv->select_id)
			pv->cursor = i;
	}
	pv->select_id = 0;
	if (pv->cursor >= pv->count)
		pv->cursor = pv->count - 1;
	if (pv->cursor < 0)
		pv->cursor = 0;
	if (pv->count && pv->lines[pv->cursor].kind == PLAN_LINE_TEXT)
		for (int i = 0; i < pv->count; i++)
			if (pv->lines[i].kind != PLAN_LINE_TEXT) {
				pv->cursor = i;
				break;
			}
}

static void plan_draw(struct ui_view *view, struct ui *ui)
{
	struct plan_view *pv = (struct plan_view *)view;
	const struct case_plan *p = &pv->cp.plan;
	char detail[200], day[DATE_TEXT_SIZE], where[300];
	if (pv->cp.read_only)
		snprintf(detail, sizeof detail, "version %d (signed on %.10s), read-only ",
			 p->version, p->signed_at);
	else if (pv->cp.exists)
		snprintf(detail, sizeof detail, "version %d \u00b7 %s%s \u00b7 next review %s ",
			 p->version, p->state == PLAN_SIGNED ? "signed" : "draft",
			 p->state == PLAN_SIGNED && p->person_acknowledged ? " (acknowledged)" : "",
			 p->next_review_on != DATE_NONE ? date_format(p->next_review_on, day)
							: "none");
	else
		snprintf(detail, sizeof detail, "no plan yet ");
	snprintf(where, sizeof where, "Case plan: %s", pv->person_name);
	erase();
	ui_draw_title(ui, where, detail);
	int rows = LINES - 2;
	if (pv->cursor < pv->top)
		pv->top = pv->cursor;
	if (pv->cursor >= pv->top + rows)
		pv->top = pv->cursor - rows + 1;
	for (int i = pv->top; i < pv->count && i - pv->top < rows; i++) {
		const struct ui_line *l = &pv->lines[i];
		bool selected = i == pv->cursor && l->kind != PLAN_LINE_TEXT;
		int y = 1 + i - pv->top;
		if (selected)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		ui_draw_text(y, 1, COLS - 2, l->text, TEXT_LEFT,
			     selected ? UI_SELECTED : l->element);
	}
	static const char *const hints[] = {"g", "goal", "a", "step", "e", "edit", "s", "status",
					    "v", "review", "S", "sign", "n", "new version", "P",
					    "accept", "V", "older version", NULL};
	static const char *const old_hints[] = {"V", "older version (from the first: current)",
						NULL};
	static const char *const review_hints[] = {"m", "comment", "c", "checklist", "A",
						   "approve", "R", "return", "n/p", "next/previous",
						   NULL};
	ui_draw_status(ui,
		       pv->review_mode && pv->qa.reviewing ? review_hints
		       : pv->cp.read_only		       ? old_hints
							       : hints,
		       pv->review_mode ? "reviewing" : "");
}

/* The goal the cursor is on, or the goal of the step it is on; NULL when neither. */
static const struct plan_goal *plan_selected_goal(const struct plan_view *pv)
{
	if (pv->cursor < 0 || pv->cursor >= pv->count)
		return NULL;
	const struct ui_line *l = &pv->lines[pv->cursor];
	if (l->kind == PLAN_LINE_GOAL)
		return &pv->cp.goals[l->ref];
	if (l->kind == PLAN_LINE_STEP)
		for (size_t i = 0; i < pv->cp.goal_count; i++)
			if (pv->cp.goals[i].id == pv->cp.steps[l->ref].goal_id)
				return &pv->cp.goals[i];
	return NULL;
}

static const struct plan_step *plan_selected_step(const struct plan_view *pv)
{
	if (pv->cursor < 0 || pv->cursor >= pv->count ||
	    pv->lines[pv->cursor].kind != PLAN_LINE_STEP)
		return NULL;
	return &pv->cp.steps[pv->lines[pv->cursor].ref];
}

static void plan_push(struct plan_view *pv, struct ui *ui, const char *title,
		      const struct ui_dialog_field_def *defs, int count, const char *const *texts)
{
	ui_view_push(ui, ui_dialog_new(title, false, defs, count, texts, NULL, &pv->ops, pv));
}

/* ---- goals ---- */

/* A domain typed as its code or the unique start of one (Central Eight or configured). */
static bool plan_domain_find(struct ui *ui, const char *typed, char *out, size_t size)
{
	size_t len = strlen(typed), found = 0;
	char name[PLAN_DOMAIN_SIZE];
	for (size_t i = 0; len && i < PLAN_CENTRAL8; i++) {
		if (!strcmp(typed, plan_central8_code(i))) {
			str_copy(out, size, typed);
			return true;
		}
		if (!strncmp(typed, plan_central8_code(i), len) && ++found)
			str_copy(out, size, plan_central8_code(i));
	}
	for (size_t i = 0; len && config_plan_domain(&ui->app->config, i, name, sizeof name); i++) {
		if (!strcmp(typed, name)) {
			str_copy(out, size, typed);
			return true;
		}
		if (!strncmp(typed, name, len) && ++found)
			str_copy(out, size, name);
	}
	if (found != 1)
		str_copy(out, size, typed);
	return found == 1;
}

static const struct ui_dialog_field_def plan_goal_defs[] = {
	{"Need domain", "e.g. antisocial_cognition, substance_abuse, housing",
	 PLAN_DOMAIN_SIZE - 1},
	{"Priority", "1 first", 2},
	{"Goal (SMART)", "specific, measurable, achievable, relevant, time-bound", 1000},
	{"Measure of success", "how you will know it is met", 1000},
	{"Stage of change", "precontemplation, contemplation, preparation, action, maintenance",
	 20},
	{"Strengths", NULL, 1000},
	{"Barriers", NULL, 1000},
	{"Responsivity", "accommodations: literacy, language, trauma...", 1000},
};
#define PLAN_GOAL_FIELDS ((int)(sizeof plan_goal_defs / sizeof plan_goal_defs[0]))

/* The dialog's texts into g; false (msg says why) when one does not read. */
static bool plan_goal_from(struct ui *ui, const char *const *texts, struct plan_goal *g, char *msg,
			   size_t msgsz)
{
	plan_domain_find(ui, texts[0], g->domain, sizeof g->domain);
	char *end;
	long priority = strtol(texts[1], &end, 10);
	if (end == texts[1] || *end || priority < 1 || priority > 99) {
		snprintf(msg, msgsz, "A priority is a number from 1 to 99");
		return false;
	}
	g->priority = (int)priority;
	if (!plan_stage_parse(texts[4][0] ? texts[4] : "contemplation", &g->stage)) {
		snprintf(msg, msgsz, "Stage: precontemplation, contemplation, preparation, action "
				     "or maintenance");
		return false;
	}
	str_copy(g->statement, sizeof g->statement, texts[2]);
	str_copy(g->measure, sizeof g->measure, texts[3]);
	str_copy(g->strengths, sizeof g->strengths, texts[5]);
	str_copy(g->barriers, sizeof g->barriers, texts[6]);
	str_copy(g->accommodations, sizeof g->accommodations, texts[7]);
	return true;
}

static enum cl_status plan_goal_submit(void *ctx, struct ui *ui, const char *const *texts,
				       char *msg, size_t msgsz)
{
	struct plan_view *pv = ctx;
	struct plan_goal g = {.id = pv->editing};
	if (!plan_goal_from(ui, texts, &g, msg, msgsz))
		return CL_ERR_INVALID;
	if (pv->editing)
		return app_plan_goal_update(ui->app, &pv->cp, &g, msg, msgsz);
	enum cl_status st = app_plan_goal_add(ui->app, &pv->cp, &g, msg, msgsz);
	pv->select_kind = PLAN_LINE_GOAL;
	pv->select_id = st == CL_OK ? g.id : 0;
	return st;
}

static void plan_goal_dialog(struct plan_view *pv, struct ui *ui, const struct plan_goal *g)
{
	char priority[8];
	snprintf(priority, sizeof priority, "%d", g ? g->priority : (int)pv->cp.goal_count + 1);
	const char *texts[PLAN_GOAL_FIELDS] = {
		g ? g->domain : "",	    priority,	      g ? g->statement : "",
		g ? g->measure : "",	    g ? plan_stage_code(g->stage) : "contemplation",
		g ? g->strengths : "",	    g ? g->barriers : "",
		g ? g->accommodations : pv->cp.accommodations};
	pv->editing = g ? g->id : 0;
	pv->ops = (struct ui_dialog_ops){.submit = plan_goal_submit};
	plan_push(pv, ui, g ? "Edit goal" : "New goal", plan_goal_defs, PLAN_GOAL_FIELDS, texts);
}

/* ---- steps ---- */

static const struct ui_dialog_field_def plan_step_defs[] = {
	{"Step", "what is to be done", 1000},
	{"Responsible", "person, caseworker, program, agent or family", 12},
	{"Target date", "YYYY-MM-DD, or empty", 10},
	{"Progress note", NULL, 2000},
};

static bool plan_step_from(const char *const *texts, struct plan_step *s, char *msg, size_t msgsz)
{
	str_copy(s->description, sizeof s->description, texts[0]);
	if (!plan_responsible_parse(texts[1], &s->responsible)) {
		snprintf(msg, msgsz, "Responsible: person, caseworker, program, agent or family");
		return false;
	}
	s->target_on = DATE_NONE;
	if (texts[2][0] && !date_parse(texts[2], &s->target_on)) {
		snprintf(msg, msgsz, "A target date reads YYYY-MM-DD");
		return false;
	}
	str_copy(s->progress, sizeof s->progress, texts[3]);
	return true;
}

static enum cl_status plan_step_submit(void *ctx, struct ui *ui, const char *const *texts,
				       char *msg, size_t msgsz)
{
	struct plan_view *pv = ctx;
	struct plan_step s = {0};
	if (pv->editing) {
		for (size_t i = 0; i < pv->cp.step_count; i++)
			if (pv->cp.steps[i].id == pv->editing)
				s = pv->cp.steps[i];
		if (!plan_step_from(texts, &s, msg, msgsz))
			return CL_ERR_INVALID;
		return app_plan_step_update(ui->app, &pv->cp, &s, msg, msgsz);
	}
	const struct plan_goal *g = plan_selected_goal(pv);
	s.goal_id = g ? g->id : 0;
	if (!plan_step_from(texts, &s, msg, msgsz))
		return CL_ERR_INVALID;
	enum cl_status st = app_plan_step_add(ui->app, &pv->cp, &s, msg, msgsz);
	pv->select_kind = PLAN_LINE_STEP;
	pv->select_id = st == CL_OK ? s.id : 0;
	return st;
}

static void plan_step_dialog(struct plan_view *pv, struct ui *ui, const struct plan_step *s)
{
	char day[DATE_TEXT_SIZE] = "";
	if (s)
		date_format(s->target_on, day);
	const char *texts[] = {s ? s->description : "",
			       s ? plan_responsible_code(s->responsible) : "person", day,
			       s ? s->progress : ""};
	pv->editing = s ? s->id : 0;
	pv->ops = (struct ui_dialog_ops){.submit = plan_step_submit};
	plan_push(pv, ui, s ? "Edit step" : "New step", plan_step_defs, 4, texts);
}

static enum cl_status plan_status_submit(void *ctx, struct ui *ui, const char *const *texts,
					 char *msg, size_t msgsz)
{
	struct plan_view *pv = ctx;
	const struct plan_step *old = plan_selected_step(pv);
	if (!old || old->id != pv->editing) {
		snprintf(msg, msgsz, "The step is no longer there");
		return CL_ERR_NOTFOUND;
	}
	struct plan_step s = *old;
	if (!plan_step_status_parse(texts[0], &s.status)) {
		snprintf(msg, msgsz, "Status: not_started, in_progress, done or dropped");
		return CL_ERR_INVALID;
	}
	str_copy(s.drop_reason, sizeof s.drop_reason, texts[1]);
	str_copy(s.progress, sizeof s.progress, texts[2]);
	return app_plan_step_update(ui->app, &pv->cp, &s, msg, msgsz);
}

static void plan_status_dialog(struct plan_view *pv, struct ui *ui, const struct plan_step *s)
{
	static const struct ui_dialog_field_def defs[] = {
		{"Status", "not_started, in_progress, done or dropped", 12},
		{"Reason dropped", "required when dropped", 500},
		{"Progress note", NULL, 2000},
	};
	const char *texts[] = {plan_step_status_code(s->status), s->drop_reason, s->progress};
	pv->editing = s->id;
	pv->ops = (struct ui_dialog_ops){.submit = plan_status_submit};
	plan_push(pv, ui, "Step status", defs, 3, texts);
}

/* ---- review, sign ---- */

static enum cl_status plan_review_submit(void *ctx, struct ui *ui, const char *const *texts,
					 char *msg, size_t msgsz)
{
	struct plan_view *pv = ctx;
	struct plan_review_goal rows[PLAN_REVIEW_GOALS_MAX];
	size_t n = 0;
	for (int i = 0; i < pv->review_count; i++) {
		if (!texts[i][0])
			continue;
		rows[n] = (struct plan_review_goal){.goal_id = pv->review_goals[i]};
		if (!plan_progress_parse(texts[i], &rows[n].progress)) {
			snprintf(msg, msgsz, "%s: none, some, achieved or regressed",
				 pv->review_labels[i]);
			return CL_ERR_INVALID;
		}
		n++;
	}
	return app_plan_review(ui->app, &pv->cp, rows, n, msg, msgsz);
}

static void plan_review_dialog(struct plan_view *pv, struct ui *ui)
{
	struct ui_dialog_field_def defs[PLAN_REVIEW_GOALS_MAX];
	const char *texts[PLAN_REVIEW_GOALS_MAX];
	pv->review_count = 0;
	for (size_t i = 0; i < pv->cp.goal_count && pv->review_count < PLAN_REVIEW_GOALS_MAX; i++) {
		int k = pv->review_count++;
		const struct plan_goal *g = &pv->cp.goals[i];
		snprintf(pv->review_labels[k], sizeof pv->review_labels[k], "%d %s", g->priority,
			 plan_domain_label(g->domain));
		pv->review_goals[k] = g->id;
		defs[k] = (struct ui_dialog_field_def){pv->review_labels[k],
						       "none, some, achieved, regressed", 10};
		texts[k] = "";
	}
	if (!pv->review_count) {
		ui_message(ui, UI_MSG_ERROR, "The plan has no goals to review yet");
		return;
	}
	pv->ops = (struct ui_dialog_ops){.submit = plan_review_submit};
	plan_push(pv, ui, "Plan review: progress per goal", defs, pv->review_count, texts);
}

static enum cl_status plan_sign_submit(void *ctx, struct ui *ui, const char *const *texts,
				       char *msg, size_t msgsz)
{
	struct plan_view *pv = ctx;
	bool yes = !strcmp(texts[0], "yes") || !strcmp(texts[0], "y");
	if (!yes && strcmp(texts[0], "no") && strcmp(texts[0], "n")) {
		snprintf(msg, msgsz, "Answer yes or no: did the person acknowledge the plan?");
		return CL_ERR_INVALID;
	}
	return app_plan_sign(ui->app, &pv->cp, yes, msg, msgsz);
}

static void plan_sign_dialog(struct plan_view *pv, struct ui *ui)
{
	static const struct ui_dialog_field_def defs[] = {
		{"Person acknowledged", "yes or no; Enter signs, Esc cancels", 3}};
	const char *texts[] = {""};
	pv->ops = (struct ui_dialog_ops){.submit = plan_sign_submit};
	plan_push(pv, ui, "Sign this version? It will never change", defs, 1, texts);
}

/* ---- the view ---- */

static void plan_say(struct ui *ui, enum cl_status st, const char *msg)
{
	ui_message(ui, st == CL_OK ? UI_MSG_INFO : UI_MSG_ERROR, "%s", msg);
}

static void plan_move(struct plan_view *pv, int dir)
{
	for (int i = pv->cursor + dir; i >= 0 && i < pv->count; i += dir)
		if (pv->lines[i].kind != PLAN_LINE_TEXT) {
			pv->cursor = i;
			return;
		}
}

/* V: the version before the one shown; from the first, the current one again. */
static void plan_version_back(struct plan_view *pv, struct ui *ui)
{
	char msg[APP_PLAN_MESSAGE_SIZE];
	if (pv->cp.latest_version < 2) {
		ui_message(ui, UI_MSG_ERROR, "There is no older version");
		return;
	}
	int shown = pv->cp.plan.version;
	int version = shown > 1 ? shown - 1 : pv->cp.latest_version;
	enum cl_status st = app_case_plan_show_version(ui->app, &pv->cp, version, msg, sizeof msg);
	pv->cursor = pv->top = 0;
	plan_build(pv);
	if (st != CL_OK)
		plan_say(ui, st, msg);
	else if (pv->cp.read_only)
		ui_message(ui, UI_MSG_INFO, "Version %d, read-only: V again for the one before",
			   pv->cp.plan.version);
	else
		ui_message(ui, UI_MSG_INFO, "Back to the current version %d", pv->cp.plan.version);
}

/* Whether the action changes the plan, which an older version shown read-only refuses. */
static bool plan_action_changes(enum ui_action action)
{
	switch (action) {
	case ACT_PLAN_GOAL_ADD:
	case ACT_PLAN_STEP_ADD:
	case ACT_PLAN_EDIT:
	case ACT_PLAN_STEP_STATUS:
	case ACT_PLAN_REVIEW:
	case ACT_PLAN_SIGN:
	case ACT_PLAN_NEW_VERSION:
	case ACT_PLAN_ACCEPT:
	case ACT_REFERRAL_NEW:
		return true;
	default:
		return false;
	}
}

static enum ui_result plan_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	struct plan_view *pv = (struct plan_view *)view;
	(void)arg;
	char msg[APP_PLAN_MESSAGE_SIZE];
	const struct plan_goal *g = plan_selected_goal(pv);
	const struct plan_step *s = plan_selected_step(pv);
	enum cl_status st;
	if (pv->review_mode && plan_action_changes(action)) {
		ui_message(ui, UI_MSG_ERROR, "Under review here the plan is read-only: its author "
					     "changes it");
		return UI_HANDLED;
	}
	if (pv->cp.read_only && plan_action_changes(action)) {
		ui_message(ui, UI_MSG_ERROR,
			   "Version %d is an older version, read-only: V returns to the current one",
			   pv->cp.plan.version);
		return UI_HANDLED;
	}
	switch (action) {
	case ACT_UP:
	case ACT_DOWN:
		plan_move(pv, action == ACT_UP ? -1 : 1);
		return UI_HANDLED;
	case ACT_PLAN_GOAL_ADD:
		plan_goal_dialog(pv, ui, NULL);
		return UI_HANDLED;
	case ACT_PLAN_STEP_ADD:
		if (!g)
			ui_message(ui, UI_MSG_ERROR, "Select a goal first");
		else
			plan_step_dialog(pv, ui, NULL);
		return UI_HANDLED;
	case ACT_PLAN_EDIT:
		if (s)
			plan_step_dialog(pv, ui, s);
		else if (g)
			plan_goal_dialog(pv, ui, g);
		return UI_HANDLED;
	case ACT_PLAN_STEP_STATUS:
		if (!s)
			ui_message(ui, UI_MSG_ERROR, "Select a step first");
		else
			plan_status_dialog(pv, ui, s);
		return UI_HANDLED;
	case ACT_REFERRAL_NEW: {
		/* f: the directory, where r refers the person for the selected step */
		if (!s) {
			ui_message(ui, UI_MSG_ERROR, "Select a step to refer for it");
			return UI_HANDLED;
		}
		char ref[32];
		snprintf(ref, sizeof ref, "%lld", (long long)s->id);
		ui_view_push(ui, ui_resources_refer_new(ui, pv->cp.person_id, REFERRAL_FROM_CASE_PLAN,
							ref));
		return UI_HANDLED;
	}
	case ACT_PLAN_REVIEW:
		plan_review_dialog(pv, ui);
		return UI_HANDLED;
	case ACT_PLAN_SIGN:
		plan_sign_dialog(pv, ui);
		return UI_HANDLED;
	case ACT_PLAN_NEW_VERSION:
		st = app_plan_new_version(ui->app, &pv->cp, msg, sizeof msg);
		plan_build(pv);
		plan_say(ui, st, msg);
		return UI_HANDLED;
	case ACT_PLAN_VERSION_BACK:
		plan_version_back(pv, ui);
		return UI_HANDLED;
	case ACT_PLAN_ACCEPT:
		st = app_case_plan_accept(ui->app, &pv->cp, msg, sizeof msg);
		plan_build(pv);
		plan_say(ui, st, msg);
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

/* The review shown: in review mode the one opened, else that of the version shown. */
static void plan_review_load(struct plan_view *pv, struct ui *ui)
{
	if (!pv->review_mode)
		ui_review_panel_load(&pv->qa, ui, 0, REVIEW_CASE_PLAN,
				     pv->cp.exists ? pv->cp.plan.id : 0);
}

/* Q: the author submits the signed plan for review. */
static void plan_request_review(struct plan_view *pv, struct ui *ui)
{
	char msg[APP_REVIEW_MESSAGE_SIZE];
	enum cl_status st = app_review_request(ui->app, REVIEW_CASE_PLAN, pv->cp.person_id, msg,
					       sizeof msg);
	plan_say(ui, st, msg);
	plan_review_load(pv, ui);
	plan_build(pv);
}

/* The reviewer's keys (before the keymap: n and p step through the queue there), and F5. */
static enum ui_result plan_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct plan_view *pv = (struct plan_view *)view;
	if (key == UI_FN(KEY_F(5)) && !pv->review_mode) {
		plan_request_review(pv, ui);
		return UI_HANDLED;
	}
	if (!pv->review_mode)
		return UI_DECLINED; /* the review's keys are the review screen's, not the plan's */
	const struct plan_goal *g = plan_selected_goal(pv);
	/* may free pv (n, p): nothing after it */
	return ui_review_panel_key(&pv->qa, ui, key, g ? g->domain : "",
				   g ? plan_domain_label(g->domain) : "");
}

/* A dialog closed: the use case it ran has read the plan again (or it was cancelled); a
 * decision steps to the next review of the queue. */
static void plan_resume(struct ui_view *view, struct ui *ui)
{
	struct plan_view *pv = (struct plan_view *)view;
	if (pv->review_mode) {
		if (ui_review_panel_resume(&pv->qa, ui))
			return; /* replaced by the next review */
	} else {
		plan_review_load(pv, ui);
	}
	plan_build(pv);
}

static void plan_destroy(struct ui_view *view)
{
	struct plan_view *pv = (struct plan_view *)view;
	app_case_plan_clear(&pv->cp);
	ui_review_panel_clear(&pv->qa);
	free(pv->lines);
	free(pv);
}

static const struct ui_view_ops plan_ops = {
	.name = "Case plan",
	.keymap = &plan_keymap,
	.draw = plan_draw,
	.action = plan_action,
	.key = plan_key,
	.resume = plan_resume,
	.destroy = plan_destroy,
};

/* The person's plan, at the version plan_id (0: the newest). */
static struct plan_view *plan_view_open(struct ui *ui, int64_t person_id, int64_t plan_id)
{
	struct plan_view *pv = xcalloc(1, sizeof *pv);
	pv->base.ops = &plan_ops;
	char msg[APP_PLAN_MESSAGE_SIZE];
	enum cl_status st =
		plan_id ? app_case_plan_open_at(ui->app, person_id, plan_id, &pv->cp, msg, sizeof msg)
			: app_case_plan_open(ui->app, person_id, &pv->cp, msg, sizeof msg);
	if (st != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg[0] ? msg : "The case plan cannot be read");
		app_case_plan_clear(&pv->cp);
		free(pv);
		return NULL;
	}
	struct caseload_row row;
	if (app_caseload_row(ui->app, person_id, &row) == CL_OK)
		snprintf(pv->person_name, sizeof pv->person_name, "%s (%s)", row.name, row.oid);
	return pv;
}

struct ui_view *ui_case_plan_view_new(struct ui *ui, int64_t person_id)
{
	struct plan_view *pv = plan_view_open(ui, person_id, 0);
	if (!pv)
		return NULL;
	plan_review_load(pv, ui);
	plan_build(pv);
	return &pv->base;
}

struct ui_view *ui_case_plan_review_new(struct ui *ui, const struct review *r,
					const int64_t *queue, size_t count, size_t pos)
{
	struct plan_view *pv = plan_view_open(ui, r->person_id, r->object_id);
	if (!pv)
		return NULL;
	pv->review_mode = true;
	ui_review_panel_load(&pv->qa, ui, r->id, REVIEW_CASE_PLAN, 0);
	ui_review_panel_set_queue(&pv->qa, queue, count, pos);
	plan_build(pv);
	return &pv->base;
}
