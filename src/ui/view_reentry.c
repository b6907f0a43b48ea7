/* The release plan: the readiness of every section at a glance (colored by status, days to
 * release, overdue tasks, what blocks release), and one section's tasks, contacts and
 * referrals, where tasks are ticked and added, the status is set, and the person is referred
 * to a community resource whose outcome is followed. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/directory.h"
#include "caseload/reentry.h"
#include "dialog.h"
#include "draw.h"
#include "format.h"
#include "review_panel.h"
#include "view.h"

struct reentry_view {
	struct ui_view base;
	int64_t person_id;
	struct reentry plan;
	int section;            /* the open section; -1: the readiness view */
	int cursor, top;        /* a section in the readiness view; in a section a task, then
				 * (cursor >= row_count) a referral */
	int *rows;              /* the open section's task indexes into plan.tasks */
	int row_count;
	struct referral *refs;  /* the open section's referrals, newest first */
	size_t ref_count;
	enum ui_action pending; /* what the open dialog does */
	int64_t pending_task;
	struct ui_dialog_ops ops;
	/* the plan's QA review (its comments and changes under each section); in review mode
	 * (opened from the review queue) the reviewer's keys, and nothing changes */
	struct ui_review_panel qa;
	bool review_mode;
};

static const struct ui_binding reentry_bindings[] = {
	{'\r', ACT_OPEN, 0, "Enter"},
	{' ', ACT_RELPLAN_TICK, 0, "Space"},
	{'a', ACT_RELPLAN_TASK_ADD, 0, "a"},
	{'s', ACT_RELPLAN_STATUS, 0, "s"},
	{'c', ACT_RELPLAN_CONTACT, 0, "c"},
	{'d', ACT_RELPLAN_DROP, 0, "d"},
	{'f', ACT_REFERRAL_NEW, 0, "f"},
	{'o', ACT_REFERRAL_STATUS, 0, "o"},
};
static const struct ui_keymap reentry_keymap = {
	"Release plan: every section with its status (verified green, in progress yellow, not "
	"started or blocked red), days to release, overdue tasks and what blocks release. Enter "
	"opens a section: its tasks with owner and due date, and its contacts; Space ticks the "
	"selected task, a adds a task, d drops one, s sets the status, c adds a contact; f refers "
	"the person to a community resource for the section (from the resources directory) and "
	"its referrals are listed under the contacts, where o moves the selected one on (sent -> "
	"accepted, declined or withdrawn; accepted -> completed, declined or withdrawn); F5 submits "
	"the plan for QA review (or again after it was returned); Esc goes back. Opened from the "
	"review queue it is read-only: m comments on the section under the cursor, c fills in "
	"the QA checklist, A approves, R returns it, r reassigns, t takes it, n and p step "
	"through the queue",
	reentry_bindings, (int)(sizeof reentry_bindings / sizeof reentry_bindings[0])};

/* The open section's tasks, in the order drawn. */
static void reentry_rows(struct reentry_view *rv)
{
	free(rv->rows);
	rv->rows = NULL;
	rv->row_count = 0;
	if (rv->section < 0)
		return;
	const char *id = rv->plan.sections[rv->section].section;
	rv->rows = xcalloc(rv->plan.task_count + 1, sizeof *rv->rows);
	for (size_t i = 0; i < rv->plan.task_count; i++)
		if (!strcmp(rv->plan.tasks[i].section, id))
			rv->rows[rv->row_count++] = (int)i;
}

#define REENTRY_REFERRALS_CAP 50

/* The open section's referrals (none in the readiness view). */
static void reentry_referrals(struct reentry_view *rv, struct ui *ui)
{
	rv->ref_count = 0;
	if (rv->section < 0)
		return;
	if (!rv->refs)
		rv->refs = xcalloc(REENTRY_REFERRALS_CAP, sizeof *rv->refs);
	if (app_referral_list_from(ui->app, rv->person_id, REFERRAL_FROM_RELEASE_PLAN,
				   rv->plan.sections[rv->section].section, rv->refs,
				   REENTRY_REFERRALS_CAP, &rv->ref_count) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "This section's referrals cannot be read");
}

/* What the cursor moves over: sections, or the open section's tasks and referrals. */
static int reentry_count(const struct reentry_view *rv)
{
	return rv->section < 0 ? (int)rv->plan.section_count
			       : rv->row_count + (int)rv->ref_count;
}

static bool reentry_load(struct reentry_view *rv, struct ui *ui)
{
	char msg[APP_REENTRY_MESSAGE_SIZE] = "";
	char open_id[RELPLAN_ID_SIZE] = "";
	if (rv->section >= 0)
		snprintf(open_id, sizeof open_id, "%s", rv->plan.sections[rv->section].section);
	app_reentry_clear(&rv->plan);
	if (app_reentry_open(ui->app, rv->person_id, &rv->plan, msg, sizeof msg) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
		return false;
	}
	if (open_id[0])
		rv->section = app_reentry_section_index(&rv->plan, open_id);
	if (rv->review_mode)
		rv->plan.editable = false;
	else
		ui_review_panel_load(&rv->qa, ui, 0, REVIEW_RELEASE_PLAN, rv->plan.plan.id);
	reentry_rows(rv);
	reentry_referrals(rv, ui);
	int count = reentry_count(rv);
	if (rv->cursor >= count)
		rv->cursor = count - 1;
	if (rv->cursor < 0)
		rv->cursor = 0;
	return true;
}

static enum ui_element reentry_status_element(const struct reentry *r, size_t s)
{
	switch (r->sections[s].status) {
	case RELPLAN_VERIFIED:
		return UI_GOOD;
	case RELPLAN_IN_PROGRESS:
		return r->counts[s].blocking_open ? UI_URGENT : UI_SOON;
	case RELPLAN_NOT_APPLICABLE:
		return UI_DIM;
	case RELPLAN_NOT_STARTED:
	case RELPLAN_STATUS_COUNT:
		break;
	}
	return UI_URGENT;
}

/* The lines above either list: release date, overdue count, what blocks release. */
static int reentry_draw_summary(const struct reentry *r, int y)
{
	char line[700], day[DATE_TEXT_SIZE], rel[40];
	if (r->srd == DATE_NONE) {
		snprintf(line, sizeof line, "No release date \u00b7 %zu overdue", r->overdue);
	} else {
		ui_format_relative(r->days_to_release, rel, sizeof rel);
		snprintf(line, sizeof line, "Release %s (%s) \u00b7 %zu task%s overdue",
			 date_format(r->srd, day), rel, r->overdue, r->overdue == 1 ? "" : "s");
	}
	ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, r->overdue ? UI_URGENT : UI_NORMAL);
	snprintf(line, sizeof line, "Blocks release: %s", r->blocks ? r->blocks_text : "nothing");
	ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, r->blocks ? UI_URGENT : UI_GOOD);
	return y + 1;
}

static void reentry_scroll(struct reentry_view *rv, int rows)
{
	if (rv->cursor < rv->top)
		rv->top = rv->cursor;
	if (rows > 0 && rv->cursor >= rv->top + rows)
		rv->top = rv->cursor - rows + 1;
}

static void reentry_draw_sections(struct reentry_view *rv, int y)
{
	const struct reentry *r = &rv->plan;
	char line[400];
	snprintf(line, sizeof line, "%-38s %-15s %7s %8s", "Section", "Status", "Done", "Overdue");
	ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_HEADER);
	int rows = LINES - 1 - y;
	reentry_scroll(rv, rows);
	for (int i = rv->top; i < (int)r->section_count && i - rv->top < rows; i++, y++) {
		const struct relplan_section *s = &r->sections[i];
		const struct reentry_count *c = &r->counts[i];
		char done[24], late[24];
		snprintf(done, sizeof done, "%zu/%zu", c->done, c->tasks);
		snprintf(late, sizeof late, "%zu", c->overdue);
		/* the review's marks first: a narrow terminal cuts the end of the line */
		snprintf(line, sizeof line, "%-38.38s %-15s %7s %8s%s%s", s->title,
			 relplan_status_label(s->status), done, c->overdue ? late : "",
			 ui_review_panel_marks(&rv->qa, s->section),
			 c->blocking_open && s->status != RELPLAN_NOT_APPLICABLE ? "  blocks release"
										 : "");
		bool selected = i == rv->cursor;
		if (selected)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		ui_draw_text(y, 1, COLS - 2, line, TEXT_LEFT,
			     selected ? UI_SELECTED : reentry_status_element(r, (size_t)i));
	}
}

static void reentry_task_line(const struct reentry *r, const struct relplan_task *t, char *line,
			      size_t size, enum ui_element *el)
{
	char due[DATE_TEXT_SIZE] = "", done[DATE_TEXT_SIZE];
	date_format(t->due_on, due);
	bool late = t->done_on == DATE_NONE && !t->dropped_reason[0] && t->due_on != DATE_NONE &&
		    t->due_on < r->today;
	*el = t->dropped_reason[0] ? UI_DIM : t->done_on != DATE_NONE ? UI_GOOD
					    : late ? UI_URGENT : UI_NORMAL;
	if (t->dropped_reason[0])
		snprintf(line, size, "[-] %-40.40s %-10s %-10s dropped: %s", t->label, t->owner,
			 due[0] ? due : "-", t->dropped_reason);
	else
		snprintf(line, size, "[%c] %-40.40s %-10s %-10s %s%s%s", t->done_on != DATE_NONE ? 'x' : ' ',
			 t->label, t->owner, due[0] ? due : "-",
			 t->done_on != DATE_NONE ? "done " : late ? "OVERDUE" : "",
			 t->done_on != DATE_NONE ? date_format(t->done_on, done) : "",
			 t->blocks_release ? "  blocks release" : "");
}

static int reentry_draw_contacts(const struct reentry_view *rv, int y);
static void reentry_draw_referrals(const struct reentry_view *rv, int y);

static void reentry_draw_section(struct reentry_view *rv, int y)
{
	const struct reentry *r = &rv->plan;
	const struct relplan_section *s = &r->sections[rv->section];
	char line[800];
	snprintf(line, sizeof line, "%s: %s%s%s", s->title, relplan_status_label(s->status),
		 s->reason[0] ? " \u2014 " : "", s->reason);
	ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT,
		     reentry_status_element(r, (size_t)rv->section));
	y = ui_review_panel_draw(&rv->qa, s->section, y, y + 6 < LINES - 2 ? y + 6 : LINES - 2);
	snprintf(line, sizeof line, "    %-40s %-10s %-10s %s", "Task", "Owner", "Due", "Done");
	ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_HEADER);
	size_t contacts = 0;
	for (size_t i = 0; i < r->contact_count; i++)
		contacts += !strcmp(r->contacts[i].section, s->section);
	int rows = LINES - 1 - y - (contacts ? (int)contacts + 2 : 0) -
		   (rv->ref_count ? (int)rv->ref_count + 2 : 0);
	if (rows < 3)
		rows = 3;
	int cursor = rv->cursor;
	if (rv->cursor >= rv->row_count) /* on a referral: the tasks stay where they were */
		rv->cursor = rv->row_count ? rv->row_count - 1 : 0;
	reentry_scroll(rv, rows);
	rv->cursor = cursor;
	if (!rv->row_count)
		ui_draw_text(y, 2, COLS - 3, "No tasks: a adds one", TEXT_LEFT, UI_DIM);
	for (int i = rv->top; i < rv->row_count && i - rv->top < rows; i++, y++) {
		enum ui_element el;
		reentry_task_line(r, &r->tasks[rv->rows[i]], line, sizeof line, &el);
		bool selected = i == rv->cursor;
		if (selected)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		ui_draw_text(y, 1, COLS - 2, line, TEXT_LEFT, selected ? UI_SELECTED : el);
	}
	y = rv->row_count ? y : y + 1;
	if (contacts && y < LINES - 2)
		y = reentry_draw_contacts(rv, y + 1);
	if (rv->ref_count && y < LINES - 2)
		reentry_draw_referrals(rv, y + 1);
}

/* The section's contacts from line y; returns the line after them. */
static int reentry_draw_contacts(const struct reentry_view *rv, int y)
{
	const struct reentry *r = &rv->plan;
	const struct relplan_section *s = &r->sections[rv->section];
	char line[800];
	ui_draw_text(y++, 1, COLS - 2, "Contacts", TEXT_LEFT, UI_HEADER);
	for (size_t i = 0; i < r->contact_count && y < LINES - 1; i++) {
		const struct relplan_contact *c = &r->contacts[i];
		if (strcmp(c->section, s->section))
			continue;
		snprintf(line, sizeof line, "%s%s%s%s%s%s%s", c->name, c->role[0] ? " (" : "", c->role,
			 c->role[0] ? ")" : "", c->phone[0] ? "  " : "", c->phone,
			 c->note[0] ? "  " : "");
		size_t used = strlen(line);
		snprintf(line + used, sizeof line - used, "%s", c->note);
		ui_draw_text(y++, 2, COLS - 3, line, TEXT_LEFT, UI_NORMAL);
	}
	return y;
}

/* The section's referrals from line y: resource, status, last change. */
static void reentry_draw_referrals(const struct reentry_view *rv, int y)
{
	char line[400];
	snprintf(line, sizeof line, "%-44s %-10s %s", "Referred to", "Status", "Last change");
	ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_HEADER);
	for (size_t i = 0; i < rv->ref_count && y < LINES - 1; i++, y++) {
		const struct referral *f = &rv->refs[i];
		snprintf(line, sizeof line, "%-44.44s %-10s %.10s", f->resource_name,
			 referral_status_code(f->status), f->updated_at);
		bool selected = rv->cursor == rv->row_count + (int)i;
		if (selected)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		ui_draw_text(y, 2, COLS - 3, line, TEXT_LEFT,
			     selected ? UI_SELECTED
				      : f->status == REFERRAL_DECLINED ? UI_URGENT
				      : f->status == REFERRAL_WITHDRAWN ? UI_DIM : UI_NORMAL);
	}
}

static void reentry_draw(struct ui_view *view, struct ui *ui)
{
	struct reentry_view *rv = (struct reentry_view *)view;
	const struct reentry *r = &rv->plan;
	erase();
	char where[300];
	snprintf(where, sizeof where, "Release plan: %s (%s)", r->person_name, r->oid);
	ui_draw_title(ui, where, rv->section >= 0 ? r->sections[rv->section].title : "");
	int y = reentry_draw_summary(r, 1);
	static const char *const review_hints[] = {"m", "comment", "c", "checklist", "A",
						   "approve", "R", "return", "n/p", "next/previous",
						   NULL};
	const char *right = rv->review_mode ? "reviewing" : r->editable ? "" : "read only";
	if (rv->section < 0) {
		int below = ui_review_panel_draw(&rv->qa, NULL, y, y + 8 < LINES - 2 ? y + 8 : LINES - 2);
		y = below > y ? below + 1 : y; /* a blank line under the review */
		reentry_draw_sections(rv, y);
		static const char *const hints[] = {"Enter", "open section", "s", "status", "a",
						    "add task", "c", "contact", "F5", "submit for QA",
						    "Esc", "back", NULL};
		ui_draw_status(ui, rv->review_mode && rv->qa.reviewing ? review_hints : hints, right);
	} else {
		reentry_draw_section(rv, y);
		static const char *const hints[] = {"Space", "tick", "a", "add task", "d", "drop",
						    "s", "status", "c", "contact", "f", "refer",
						    "o", "outcome", "Esc", "sections", NULL};
		ui_draw_status(ui, rv->review_mode && rv->qa.reviewing ? review_hints : hints, right);
	}
}

/* ---- dialogs ---- */

static const char *reentry_section_id(const struct reentry_view *rv)
{
	int s = rv->section >= 0 ? rv->section : rv->cursor;
	return s >= 0 && (size_t)s < rv->plan.section_count ? rv->plan.sections[s].section : NULL;
}

static enum cl_status reentry_submit(void *ctx, struct ui *ui, const char *const *texts,
				     char *msg, size_t msgsz)
{
	struct reentry_view *rv = ctx;
	const char *section = reentry_section_id(rv);
	struct app *app = ui->app;
	enum cl_status st = CL_ERR_INVALID;
	enum relplan_status status;
	switch (rv->pending) {
	case ACT_RELPLAN_STATUS:
		if (!relplan_status_parse(texts[0], &status)) {
			snprintf(msg, msgsz, "The status is not started, in progress, verified or "
					     "not applicable");
			return CL_ERR_INVALID;
		}
		st = app_reentry_set_status(app, &rv->plan, section, status, texts[1], msg, msgsz);
		break;
	case ACT_RELPLAN_TASK_ADD:
		st = app_reentry_task_add(app, &rv->plan, section, texts[0], texts[1], texts[2], msg,
					  msgsz);
		break;
	case ACT_RELPLAN_CONTACT:
		st = app_reentry_contact_add(app, &rv->plan, section, texts[0], texts[1], texts[2],
					     texts[3], msg, msgsz);
		break;
	case ACT_RELPLAN_DROP:
		st = app_reentry_task_drop(app, &rv->plan, rv->pending_task, texts[0], msg, msgsz);
		break;
	default:
		break;
	}
	if (st == CL_OK)
		ui_message(ui, UI_MSG_INFO, "%s", msg);
	else if (st == CL_ERR_STALE)
		reentry_load(rv, ui); /* the next try goes against what is there now */
	return st;
}

static void reentry_dialog(struct reentry_view *rv, struct ui *ui, enum ui_action action)
{
	const char *section = reentry_section_id(rv);
	if (!section)
		return;
	if (!rv->plan.editable) {
		ui_message(ui, UI_MSG_ERROR, "Only the person's caseworker or a lead changes the plan");
		return;
	}
	struct ui_dialog_field_def defs[4];
	const char *texts[4] = {NULL, NULL, NULL, NULL};
	int n = 0;
	char title[160];
	int s = app_reentry_section_index(&rv->plan, section);
	const char *name = rv->plan.sections[s].title;
	switch (action) {
	case ACT_RELPLAN_STATUS:
		snprintf(title, sizeof title, "Status of %s", name);
		defs[n++] = (struct ui_dialog_field_def){"Status", "not started, in progress, verified or not applicable", 20, false};
		defs[n++] = (struct ui_dialog_field_def){"Reason", "Required for not applicable", 500, false};
		texts[0] = relplan_status_label(rv->plan.sections[s].status);
		texts[1] = rv->plan.sections[s].reason;
		break;
	case ACT_RELPLAN_TASK_ADD:
		snprintf(title, sizeof title, "Add a task to %s", name);
		defs[n++] = (struct ui_dialog_field_def){"Task", "What is to be done", 127, false};
		defs[n++] = (struct ui_dialog_field_def){"Owner", "caseworker, person, program, agent or family", 16, false};
		defs[n++] = (struct ui_dialog_field_def){"Due", "YYYY-MM-DD or srd - N; empty: none", 16, false};
		texts[1] = "caseworker";
		break;
	case ACT_RELPLAN_CONTACT:
		snprintf(title, sizeof title, "Add a contact to %s", name);
		defs[n++] = (struct ui_dialog_field_def){"Name", "A person or an agency", 127, false};
		defs[n++] = (struct ui_dialog_field_def){"Role", "Landlord, agent, sister...", 127, false};
		defs[n++] = (struct ui_dialog_field_def){"Phone", "", 63, false};
		defs[n++] = (struct ui_dialog_field_def){"Note", "", 500, false};
		break;
	case ACT_RELPLAN_DROP:
		if (rv->section < 0 || rv->cursor >= rv->row_count)
			return;
		rv->pending_task = rv->plan.tasks[rv->rows[rv->cursor]].id;
		snprintf(title, sizeof title, "Drop \"%s\"", rv->plan.tasks[rv->rows[rv->cursor]].label);
		defs[n++] = (struct ui_dialog_field_def){"Reason", "Why it is no longer needed", 500, false};
		break;
	default:
		return;
	}
	rv->pending = action;
	rv->ops = (struct ui_dialog_ops){.submit = reentry_submit};
	ui_view_push(ui, ui_dialog_new(title, false, defs, n, texts, NULL, &rv->ops, rv));
}

static void reentry_tick(struct reentry_view *rv, struct ui *ui)
{
	if (rv->section < 0 || rv->cursor >= rv->row_count)
		return;
	const struct relplan_task *t = &rv->plan.tasks[rv->rows[rv->cursor]];
	char msg[APP_REENTRY_MESSAGE_SIZE] = "";
	enum cl_status st = app_reentry_tick(ui->app, &rv->plan, t->id, t->done_on == DATE_NONE, msg,
					     sizeof msg);
	ui_message(ui, st == CL_OK ? UI_MSG_INFO : UI_MSG_ERROR, "%s", msg);
	reentry_load(rv, ui);
}

/* f: the directory, where r refers the person for the open section. */
static void reentry_refer(struct reentry_view *rv, struct ui *ui)
{
	if (rv->section < 0) {
		ui_message(ui, UI_MSG_ERROR, "Open a section (Enter) to refer for it");
		return;
	}
	ui_view_push(ui, ui_resources_refer_new(ui, rv->person_id, REFERRAL_FROM_RELEASE_PLAN,
						rv->plan.sections[rv->section].section));
}

/* Whether the action changes the plan or its referrals (refused in review mode). */
static bool reentry_action_changes(enum ui_action action)
{
	switch (action) {
	case ACT_RELPLAN_TICK:
	case ACT_RELPLAN_TASK_ADD:
	case ACT_RELPLAN_STATUS:
	case ACT_RELPLAN_CONTACT:
	case ACT_RELPLAN_DROP:
	case ACT_REFERRAL_NEW:
	case ACT_REFERRAL_STATUS:
		return true;
	default:
		return false;
	}
}

/* The reviewer's keys (before the keymap: c is the checklist there), and F5. */
static enum ui_result reentry_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct reentry_view *rv = (struct reentry_view *)view;
	if (key == UI_FN(KEY_F(5)) && !rv->review_mode) {
		char msg[APP_REVIEW_MESSAGE_SIZE];
		enum cl_status st = app_review_request(ui->app, REVIEW_RELEASE_PLAN, rv->person_id,
						       msg, sizeof msg);
		ui_message(ui, st == CL_OK ? UI_MSG_INFO : UI_MSG_ERROR, "%s", msg);
		reentry_load(rv, ui);
		return UI_HANDLED;
	}
	if (!rv->review_mode)
		return UI_DECLINED; /* the review's keys are the review screen's, not the plan's */
	const char *section = reentry_section_id(rv);
	int s = section ? app_reentry_section_index(&rv->plan, section) : -1;
	/* may free rv (n, p): nothing after it */
	return ui_review_panel_key(&rv->qa, ui, key, section ? section : "",
				   s >= 0 ? rv->plan.sections[s].title : "");
}

static enum ui_result reentry_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				     int arg)
{
	struct reentry_view *rv = (struct reentry_view *)view;
	(void)arg;
	int count = reentry_count(rv);
	if (rv->review_mode && reentry_action_changes(action)) {
		ui_message(ui, UI_MSG_ERROR, "Under review here the plan is read-only: its author "
					     "changes it");
		return UI_HANDLED;
	}
	switch (action) {
	case ACT_UP:
	case ACT_DOWN:
		rv->cursor += action == ACT_UP ? -1 : 1;
		rv->cursor = rv->cursor < 0 ? 0 : rv->cursor >= count ? count - 1 : rv->cursor;
		return UI_HANDLED;
	case ACT_HOME:
	case ACT_END:
		rv->cursor = action == ACT_HOME || count == 0 ? 0 : count - 1;
		return UI_HANDLED;
	case ACT_OPEN:
		if (rv->section < 0 && count > 0) {
			rv->section = rv->cursor;
			rv->cursor = rv->top = 0;
			reentry_rows(rv);
			reentry_referrals(rv, ui);
		}
		return UI_HANDLED;
	case ACT_BACK:
		if (rv->section < 0)
			return UI_DECLINED;
		rv->cursor = rv->section;
		rv->top = 0;
		rv->section = -1;
		reentry_rows(rv);
		reentry_referrals(rv, ui);
		return UI_HANDLED;
	case ACT_REDRAW:
		reentry_load(rv, ui);
		return UI_DECLINED;
	case ACT_RELPLAN_TICK:
		reentry_tick(rv, ui);
		return UI_HANDLED;
	case ACT_RELPLAN_TASK_ADD:
	case ACT_RELPLAN_STATUS:
	case ACT_RELPLAN_CONTACT:
	case ACT_RELPLAN_DROP:
		reentry_dialog(rv, ui, action);
		return UI_HANDLED;
	case ACT_REFERRAL_NEW:
		reentry_refer(rv, ui);
		return UI_HANDLED;
	case ACT_REFERRAL_STATUS:
		if (rv->section >= 0 && rv->cursor >= rv->row_count && rv->cursor < count)
			ui_referral_move(ui, &rv->refs[rv->cursor - rv->row_count]);
		else if (rv->section >= 0)
			ui_message(ui, UI_MSG_ERROR, "Select one of the section's referrals (below "
						     "its contacts) to record how it went");
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void reentry_resume(struct ui_view *view, struct ui *ui)
{
	struct reentry_view *rv = (struct reentry_view *)view;
	if (rv->review_mode && ui_review_panel_resume(&rv->qa, ui))
		return; /* replaced by the next review */
	reentry_load(rv, ui);
}

static void reentry_destroy(struct ui_view *view)
{
	struct reentry_view *rv = (struct reentry_view *)view;
	app_reentry_clear(&rv->plan);
	ui_review_panel_clear(&rv->qa);
	free(rv->rows);
	free(rv->refs);
	free(rv);
}

static const struct ui_view_ops reentry_ops = {
	.name = "Release plan",
	.keymap = &reentry_keymap,
	.draw = reentry_draw,
	.action = reentry_action,
	.key = reentry_key,
	.resume = reentry_resume,
	.destroy = reentry_destroy,
};

struct ui_view *ui_release_plan_view_new(struct ui *ui, int64_t person_id)
{
	struct reentry_view *rv = xcalloc(1, sizeof *rv);
	rv->base.ops = &reentry_ops;
	rv->person_id = person_id;
	rv->section = -1;
	if (!reentry_load(rv, ui)) {
		reentry_destroy(&rv->base);
		return NULL;
	}
	return &rv->base;
}

struct ui_view *ui_release_plan_review_new(struct ui *ui, const struct review *r,
					   const int64_t *queue, size_t count, size_t pos)
{
	struct reentry_view *rv = xcalloc(1, sizeof *rv);
	rv->base.ops = &reentry_ops;
	rv->person_id = r->person_id;
	rv->section = -1;
	rv->review_mode = true;
	ui_review_panel_load(&rv->qa, ui, r->id, REVIEW_RELEASE_PLAN, 0);
	ui_review_panel_set_queue(&rv->qa, queue, count, pos);
	if (!reentry_load(rv, ui)) {
		reentry_destroy(&rv->base);
		return NULL;
	}
	return &rv->base;
}
