/* The review screens: the reviewer's queue (oldest first, stepped through with n/p once
 * opened), the author's work waiting on them (returned forms and drafts), and a lead's
 * team view (per person and per QA criterion, over a period). */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/review.h"
#include "caseload/staff.h"
#include "dialog.h"
#include "draw.h"
#include "view.h"

#define REVIEW_LIST_CAP 500

/* ---- the queue ---- */

/* One line of the queue: a review, or an intern's note waiting for co-signature. */
struct queue_line {
	const struct review *review;
	const struct note *note;
	const char *at; /* when it started waiting (UTC), to put both kinds in one order */
};

struct queue_view {
	struct ui_view base;
	struct review *rows;
	size_t review_count;
	struct note *notes;
	size_t note_count;
	struct queue_line *lines;
	size_t count;
	int cursor, top;
	char author[64];
	int64_t author_id;
	int kind; /* -1 all */
	struct ui_dialog_ops filter_ops;
};

static const struct ui_binding queue_bindings[] = {
	{'\r', ACT_OPEN, 0, "Enter"},
	{'F', ACT_FILTER, 0, "F"},
};
static const struct ui_keymap queue_keymap = {
	"Review queue: the work waiting for your review, oldest first (yours and, for leads, the "
	"shared queue), and interns' notes waiting for your co-signature (Enter opens the note, "
	"c co-signs it). Enter opens a form at its summary; there m comments on the field under the "
	"cursor, c fills in the QA checklist, A approves, R returns it to its author, r "
	"reassigns, t takes it from the shared queue, n and p step to the next and previous "
	"item; a case plan or release plan opens on its own screen, read-only, with the same keys "
	"(m comments on the goal or section under the cursor). F filters by author and kind",
	queue_bindings, (int)(sizeof queue_bindings / sizeof queue_bindings[0])};

static void queue_free_notes(struct queue_view *qv)
{
	for (size_t i = 0; i < qv->note_count; i++)
		note_clear(&qv->notes[i]);
	free(qv->notes);
	qv->notes = NULL;
	qv->note_count = 0;
}

static int queue_line_cmp(const void *a, const void *b)
{
	return strcmp(((const struct queue_line *)a)->at, ((const struct queue_line *)b)->at);
}

/* The reviews and the notes to co-sign, merged oldest first. */
static void queue_load(struct queue_view *qv, struct ui *ui)
{
	qv->review_count = 0;
	queue_free_notes(qv);
	if (app_review_queue(ui->app, qv->author_id, qv->kind, qv->rows, REVIEW_LIST_CAP,
			     &qv->review_count) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "Your role reviews nothing");
	else if (app_notes_pending(ui->app, &qv->notes, &qv->note_count) != CL_OK)
		qv->note_count = 0;
	free(qv->lines);
	qv->lines = xcalloc(qv->review_count + qv->note_count + 1, sizeof *qv->lines);
	qv->count = 0;
	for (size_t i = 0; i < qv->review_count; i++)
		qv->lines[qv->count++] = (struct queue_line){&qv->rows[i], NULL, qv->rows[i].submitted_at};
	for (size_t i = 0; i < qv->note_count; i++)
		if ((!qv->author_id || qv->notes[i].author_id == qv->author_id) &&
		    (qv->kind < 0 || qv->kind == REVIEW_NOTE))
			qv->lines[qv->count++] = (struct queue_line){NULL, &qv->notes[i],
								     qv->notes[i].written_at};
	qsort(qv->lines, qv->count, sizeof *qv->lines, queue_line_cmp);
	if (qv->cursor >= (int)qv->count)
		qv->cursor = qv->count ? (int)qv->count - 1 : 0;
}

static void queue_draw(struct ui_view *view, struct ui *ui)
{
	struct queue_view *qv = (struct queue_view *)view;
	char detail[160];
	snprintf(detail, sizeof detail, "%zu waiting%s%s ", qv->count,
		 qv->author[0] ? " \u00b7 by " : "", qv->author);
	erase();
	ui_draw_title(ui, "Review queue", detail);
	/* narrower names on a narrow terminal, so that the item stays readable */
	int aw = COLS >= 100 ? 20 : 14, pw = COLS >= 100 ? 25 : 20;
	char head[200];
	snprintf(head, sizeof head, "Days  Due         %-*s %-*s Item", aw, "Author", pw, "Person");
	ui_draw_text(1, 1, COLS - 2, head, TEXT_LEFT, UI_HEADER);
	date_t today = app_today(ui->app);
	int rows = LINES - 3;
	if (qv->cursor < qv->top)
		qv->top = qv->cursor;
	if (qv->cursor >= qv->top + rows)
		qv->top = qv->cursor - rows + 1;
	for (int i = qv->top; i < (int)qv->count && i - qv->top < rows; i++) {
		const struct queue_line *q = &qv->lines[i];
		date_t submitted = DATE_NONE;
		char day[DATE_TEXT_SIZE];
		snprintf(day, sizeof day, "%.10s", q->at);
		date_parse(day, &submitted);
		int waiting = submitted == DATE_NONE ? 0 : (int)(today - submitted);
		char line[1200];
		bool late = waiting > 7;
		if (q->review) {
			const struct review *r = q->review;
			char who[300], due[DATE_TEXT_SIZE] = "-";
			if (r->due_on != DATE_NONE) {
				date_format(r->due_on, due);
				late = r->due_on < today;
			}
			snprintf(who, sizeof who, "%s (%s)", r->person_name, r->person_oid);
			char round[32] = ""; /* a resubmission: which round */
			if (r->round > 1)
				snprintf(round, sizeof round, " \u00b7 round %d", r->round);
			snprintf(line, sizeof line, "%4d  %-10s  %-*.*s %-*.*s %s%s%s", waiting, due,
				 aw, aw, r->author_name, pw, pw, who, r->title, round,
				 r->reason == REVIEW_SAMPLED	   ? " \u00b7 QA sample"
				 : r->reason == REVIEW_REQUESTED ? " \u00b7 asked for"
				 : r->assigned_to		   ? ""
								   : " \u00b7 shared");
		} else {
			const struct note *n = q->note;
			snprintf(line, sizeof line, "%4d  %-10s  %-*.*s %-*s Case note to co-sign: %s",
				 waiting, "-", aw, aw, n->author_name, pw, "",
				 n->subject[0] ? n->subject : n->type);
		}
		bool selected = i == qv->cursor;
		int y = 2 + i - qv->top;
		if (selected)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		ui_draw_text(y, 1, COLS - 2, line, TEXT_LEFT,
			     selected ? UI_SELECTED : late ? UI_URGENT : UI_NORMAL);
	}
	if (!qv->count)
		ui_draw_text(2, 2, COLS - 4, "Nothing waiting for your review.", TEXT_LEFT, UI_DIM);
	static const char *const hints[] = {"Enter", "review", "F", "filter", "q", "back", NULL};
	ui_draw_status(ui, hints, "");
}

/* A kind as typed: the start of "form", "note", "case plan" or "release plan" (or its code);
 * -1 when none. */
static int queue_kind_parse(const char *typed)
{
	char code[32];
	str_copy(code, sizeof code, typed);
	for (char *c = code; *c; c++)
		*c = *c == ' ' ? '_' : (char)tolower((unsigned char)*c);
	static const enum review_kind kinds[] = {REVIEW_FORM, REVIEW_NOTE, REVIEW_CASE_PLAN,
						 REVIEW_RELEASE_PLAN};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (code[0] && !strncmp(review_kind_code(kinds[i]), code, strlen(code)))
			return (int)kinds[i];
	return -1;
}

static enum cl_status queue_filter_submit(void *ctx, struct ui *ui, const char *const *t,
					  char *msg, size_t msgsz)
{
	struct queue_view *qv = ctx;
	struct staff author;
	if (t[0][0] && store_staff_by_username(ui->app->store, t[0], &author) != CL_OK) {
		snprintf(msg, msgsz, "There is no account \"%s\"", t[0]);
		return CL_ERR_NOTFOUND;
	}
	int kind = t[1][0] ? queue_kind_parse(t[1]) : -1;
	if (t[1][0] && kind < 0) {
		snprintf(msg, msgsz, "A kind is form, note, case plan or release plan");
		return CL_ERR_INVALID;
	}
	qv->author_id = t[0][0] ? author.id : 0;
	str_copy(qv->author, sizeof qv->author, t[0]);
	qv->kind = kind;
	snprintf(msg, msgsz, "%s%s%s", t[0][0] ? "Only the work of " : "Everyone's work",
		 t[0], kind < 0 ? "" : kind == REVIEW_FORM ? ", forms" : kind == REVIEW_NOTE
							     ? ", notes"
							     : kind == REVIEW_CASE_PLAN
								     ? ", case plans"
								     : ", release plans");
	return CL_OK;
}

static enum ui_result queue_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				   int arg)
{
	struct queue_view *qv = (struct queue_view *)view;
	(void)arg;
	switch (action) {
	case ACT_UP:
		if (qv->cursor > 0)
			qv->cursor--;
		return UI_HANDLED;
	case ACT_DOWN:
		if (qv->cursor + 1 < (int)qv->count)
			qv->cursor++;
		return UI_HANDLED;
	case ACT_OPEN: {
		if (!qv->count)
			return UI_HANDLED;
		const struct queue_line *q = &qv->lines[qv->cursor];
		if (q->note) {
			struct ui_view *note = ui_note_view_new(ui, q->note->id);
			if (note)
				ui_view_push(ui, note);
			return UI_HANDLED;
		}
		/* n and p step through the reviews of the queue */
		int64_t *ids = xmalloc(qv->count * sizeof *ids);
		size_t n = 0, pos = 0;
		for (size_t i = 0; i < qv->count; i++) {
			if (!qv->lines[i].review)
				continue;
			if ((int)i == qv->cursor)
				pos = n;
			ids[n++] = qv->lines[i].review->id;
		}
		struct ui_view *next = ui_review_view_new(ui, ids[pos], ids, n, pos);
		free(ids);
		if (next)
			ui_view_push(ui, next);
		return UI_HANDLED;
	}
	case ACT_FILTER: {
		static const struct ui_dialog_field_def defs[] = {
			{"Author", "a user name, or empty for everyone", 60},
			{"Kind", "form, note, case plan or release plan; empty for all", 20}};
		const char *kind = qv->kind < 0 ? "" : review_kind_code((enum review_kind)qv->kind);
		const char *texts[] = {qv->author, kind};
		qv->filter_ops = (struct ui_dialog_ops){.submit = queue_filter_submit};
		ui_view_push(ui, ui_dialog_new("Filter the queue", false, defs, 2, texts, NULL,
					       &qv->filter_ops, qv));
		return UI_HANDLED;
	}
	default:
		return UI_DECLINED;
	}
}

static void queue_resume(struct ui_view *view, struct ui *ui)
{
	queue_load((struct queue_view *)view, ui);
}

static void queue_destroy(struct ui_view *view)
{
	struct queue_view *qv = (struct queue_view *)view;
	queue_free_notes(qv);
	free(qv->lines);
	free(qv->rows);
	free(qv);
}

static const struct ui_view_ops queue_ops = {
	.name = "Review queue",
	.keymap = &queue_keymap,
	.draw = queue_draw,
	.action = queue_action,
	.resume = queue_resume,
	.destroy = queue_destroy,
};

struct ui_view *ui_review_queue_new(struct ui *ui)
{
	struct queue_view *qv = xcalloc(1, sizeof *qv);
	qv->base.ops = &queue_ops;
	qv->rows = xcalloc(REVIEW_LIST_CAP, sizeof *qv->rows);
	qv->kind = -1;
	queue_load(qv, ui);
	return &qv->base;
}

/* ---- the author's work ---- */

struct work_item {
	bool review;     /* a returned item (with comments), else a draft form */
	enum review_kind kind;
	int64_t id;      /* form response id; for a plan, the person's id */
	char line[1200];
};

struct work_view {
	struct ui_view base;
	struct work_item *items;
	size_t count;
	int cursor;
};

static const struct ui_binding work_bindings[] = {{'\r', ACT_OPEN, 0, "Enter"}};
static const struct ui_keymap work_keymap = {
	"My work: forms and plans returned to you by review (open a form and press e to change "
	"it; the reviewer's comments are beside the fields; a returned case plan is changed in a "
	"new version, which signing submits again; a release plan is submitted again with F5) and "
	"your drafts. Enter opens",
	work_bindings, 1};

static void work_load(struct work_view *wv, struct ui *ui)
{
	enum { CAP = 200 };
	struct review *returned = xcalloc(CAP, sizeof *returned);
	struct form_response *drafts = xcalloc(CAP, sizeof *drafts);
	size_t nr = 0, nd = 0;
	app_review_returned(ui->app, returned, CAP, &nr);
	app_form_drafts(ui->app, drafts, CAP, &nd);
	free(wv->items);
	wv->items = xcalloc(nr + nd + 1, sizeof *wv->items);
	wv->count = 0;
	for (size_t i = 0; i < nr; i++) {
		struct work_item *w = &wv->items[wv->count++];
		w->review = true;
		w->kind = returned[i].kind;
		w->id = returned[i].kind == REVIEW_FORM ? returned[i].object_id
							: returned[i].person_id;
		snprintf(w->line, sizeof w->line, "returned  %.10s  %-25.25s %s \u00b7 by %s",
			 returned[i].decided_at, returned[i].person_name, returned[i].title,
			 returned[i].assigned_name);
	}
	for (size_t i = 0; i < nd; i++) {
		if (drafts[i].state != FORM_DRAFT)
			continue; /* returned ones are listed above */
		struct work_item *w = &wv->items[wv->count++];
		w->id = drafts[i].id;
		snprintf(w->line, sizeof w->line, "draft     %.10s  %s v%d", drafts[i].updated_at,
			 drafts[i].title, drafts[i].version);
	}
	free(returned);
	free(drafts);
	if (wv->cursor >= (int)wv->count)
		wv->cursor = wv->count ? (int)wv->count - 1 : 0;
}

static void work_draw(struct ui_view *view, struct ui *ui)
{
	struct work_view *wv = (struct work_view *)view;
	char detail[48];
	snprintf(detail, sizeof detail, "%zu waiting ", wv->count);
	erase();
	ui_draw_title(ui, "My work", detail);
	for (int i = 0; i < (int)wv->count && i < LINES - 3; i++) {
		bool selected = i == wv->cursor;
		if (selected)
			ui_draw_fill(2 + i, 0, COLS, UI_SELECTED);
		ui_draw_text(2 + i, 1, COLS - 2, wv->items[i].line, TEXT_LEFT,
			     selected ? UI_SELECTED : wv->items[i].review ? UI_URGENT : UI_NORMAL);
	}
	if (!wv->count)
		ui_draw_text(2, 2, COLS - 4, "Nothing waiting for you.", TEXT_LEFT, UI_DIM);
	static const char *const hints[] = {"Enter", "open", "q", "back", NULL};
	ui_draw_status(ui, hints, "");
}

static enum ui_result work_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	struct work_view *wv = (struct work_view *)view;
	(void)arg;
	if (action == ACT_UP && wv->cursor > 0)
		wv->cursor--;
	else if (action == ACT_DOWN && wv->cursor + 1 < (int)wv->count)
		wv->cursor++;
	else if (action == ACT_OPEN && wv->count) {
		const struct work_item *w = &wv->items[wv->cursor];
		struct ui_view *next = w->kind == REVIEW_CASE_PLAN	? ui_case_plan_view_new(ui, w->id)
				       : w->kind == REVIEW_RELEASE_PLAN ? ui_release_plan_view_new(ui, w->id)
									: ui_form_view_new(ui, w->id);
		if (next)
			ui_view_push(ui, next);
	} else if (action != ACT_UP && action != ACT_DOWN)
		return UI_DECLINED;
	return UI_HANDLED;
}

static void work_resume(struct ui_view *view, struct ui *ui)
{
	work_load((struct work_view *)view, ui);
}

static void work_destroy(struct ui_view *view)
{
	struct work_view *wv = (struct work_view *)view;
	free(wv->items);
	free(wv);
}

static const struct ui_view_ops work_ops = {
	.name = "My work",
	.keymap = &work_keymap,
	.draw = work_draw,
	.action = work_action,
	.resume = work_resume,
	.destroy = work_destroy,
};

struct ui_view *ui_my_work_new(struct ui *ui)
{
	struct work_view *wv = xcalloc(1, sizeof *wv);
	wv->base.ops = &work_ops;
	work_load(wv, ui);
	return &wv->base;
}

/* ---- the team view ---- */

#define TEAM_CAP 200
#define TEAM_CRITERIA 32

struct team_view {
	struct ui_view base;
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	struct review_team_row rows[TEAM_CAP];
	size_t count;
	struct review_criterion_row criteria[TEAM_CRITERIA];
	size_t criteria_count;
	int top;
	struct ui_dialog_ops period_ops;
};

static const struct ui_binding team_bindings[] = {{'F', ACT_FILTER, 0, "F"}};
static const struct ui_keymap team_keymap = {
	"Team view: per caseworker and intern, the work submitted for review in the period, "
	"approved the first time, returned, the mean days to a decision and the mean QA "
	"compliance; then how often each QA criterion was not met or only partly met, which "
	"says where training is needed. F changes the period; caseload review team --csv "
	"exports it",
	team_bindings, 1};

static void team_load(struct team_view *tv, struct ui *ui)
{
	char msg[APP_REVIEW_MESSAGE_SIZE];
	if (app_review_team(ui->app, tv->from, tv->to, tv->rows, TEAM_CAP, &tv->count,
			    tv->criteria, TEAM_CRITERIA, &tv->criteria_count, msg,
			    sizeof msg) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
}

static void team_draw(struct ui_view *view, struct ui *ui)
{
	struct team_view *tv = (struct team_view *)view;
	char detail[64];
	snprintf(detail, sizeof detail, "%s to %s ", tv->from, tv->to);
	erase();
	ui_draw_title(ui, "Team view", detail);
	int y = 1, bottom = LINES - 1;
	ui_draw_text(y++, 1, COLS - 2,
		     "Staff                     Role        Submitted  1st time  Returned  Days  QA %",
		     TEXT_LEFT, UI_HEADER);
	for (size_t i = (size_t)tv->top; i < tv->count && y < bottom; i++) {
		const struct review_team_row *r = &tv->rows[i];
		char qa[16] = "-", line[600];
		if (r->has_compliance)
			snprintf(qa, sizeof qa, "%.0f", r->mean_compliance);
		snprintf(line, sizeof line, "%-25.25s %-11s %9zu %9zu %9zu %5.1f %5s", r->name,
			 r->role, r->submitted, r->approved_first, r->returned,
			 r->mean_turnaround_days, qa);
		ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT,
			     r->has_compliance && r->mean_compliance < 80 ? UI_URGENT : UI_NORMAL);
	}
	if (!tv->count && y < bottom)
		ui_draw_text(y++, 2, COLS - 4, "No work was submitted for review in this period.",
			     TEXT_LEFT, UI_DIM);
	y++;
	if (y < bottom)
		ui_draw_text(y++, 1, COLS - 2, "QA criterion              Rated  Not met  Partly  Failing",
			     TEXT_LEFT, UI_HEADER);
	for (size_t i = 0; i < tv->criteria_count && y < bottom; i++) {
		const struct review_criterion_row *c = &tv->criteria[i];
		double rate = c->rated ? 100.0 * (double)(c->not_met + c->partial) / (double)c->rated : 0;
		char line[300];
		snprintf(line, sizeof line, "%-25.25s %6zu %8zu %7zu %7.0f%%", c->field, c->rated,
			 c->not_met, c->partial, rate);
		ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, rate >= 25 ? UI_URGENT : UI_NORMAL);
	}
	static const char *const hints[] = {"F", "period", "q", "back", NULL};
	ui_draw_status(ui, hints, "");
}

static enum cl_status team_period_submit(void *ctx, struct ui *ui, const char *const *t,
					 char *msg, size_t msgsz)
{
	struct team_view *tv = ctx;
	date_t a, b;
	if (!date_parse(t[0], &a) || !date_parse(t[1], &b) || b <= a) {
		snprintf(msg, msgsz, "Two dates, YYYY-MM-DD, the first before the second");
		return CL_ERR_INVALID;
	}
	str_copy(tv->from, sizeof tv->from, t[0]);
	str_copy(tv->to, sizeof tv->to, t[1]);
	team_load(tv, ui);
	snprintf(msg, msgsz, "Period %s to %s", tv->from, tv->to);
	return CL_OK;
}

static enum ui_result team_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	struct team_view *tv = (struct team_view *)view;
	(void)arg;
	if (action == ACT_FILTER) {
		static const struct ui_dialog_field_def defs[] = {
			{"From", "YYYY-MM-DD, the first day", 10},
			{"To", "YYYY-MM-DD, the day after the last", 10}};
		const char *texts[] = {tv->from, tv->to};
		tv->period_ops = (struct ui_dialog_ops){.submit = team_period_submit};
		ui_view_push(ui, ui_dialog_new("Team view period", false, defs, 2, texts, NULL,
					       &tv->period_ops, tv));
		return UI_HANDLED;
	}
	if (action == ACT_DOWN && tv->top + 1 < (int)tv->count)
		tv->top++;
	else if (action == ACT_UP && tv->top > 0)
		tv->top--;
	else if (action != ACT_UP && action != ACT_DOWN)
		return UI_DECLINED;
	return UI_HANDLED;
}

static void team_destroy(struct ui_view *view)
{
	free(view);
}

static const struct ui_view_ops team_ops = {
	.name = "Team view",
	.keymap = &team_keymap,
	.draw = team_draw,
	.action = team_action,
	.destroy = team_destroy,
};

struct ui_view *ui_team_view_new(struct ui *ui)
{
	struct team_view *tv = xcalloc(1, sizeof *tv);
	tv->base.ops = &team_ops;
	date_t today = app_today(ui->app);
	date_format(today - 90, tv->from);
	date_format(today + 1, tv->to);
	team_load(tv, ui);
	return &tv->base;
}
