/* The review panel of the plan screens: one review's header, its annotations beside the
 * goals or sections, and the reviewer's keys, over the review use cases. */
#include "review_panel.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

static void panel_free_lists(struct ui_review_panel *p)
{
	review_comments_free(&p->comments, p->comment_count);
	review_changes_free(&p->changes, p->change_count);
	p->comment_count = p->change_count = p->event_count = 0;
	p->has = p->reviewing = false;
}

void ui_review_panel_clear(struct ui_review_panel *p)
{
	panel_free_lists(p);
	free(p->queue);
	p->queue = NULL;
	p->queue_count = p->queue_pos = 0;
}

void ui_review_panel_load(struct ui_review_panel *p, struct ui *ui, int64_t review_id,
			  enum review_kind kind, int64_t item_id)
{
	panel_free_lists(p);
	p->load_id = review_id;
	p->load_kind = kind;
	p->load_item = item_id;
	enum cl_status st = review_id ? app_review_get(ui->app, review_id, &p->review)
				      : app_review_of_item(ui->app, kind, item_id, &p->review);
	if (st != CL_OK)
		return;
	p->has = true;
	app_review_comments(ui->app, &p->review, &p->comments, &p->comment_count);
	app_review_changes(ui->app, &p->review, &p->changes, &p->change_count);
	app_review_events(ui->app, &p->review, p->events, sizeof p->events / sizeof p->events[0],
			  &p->event_count);
	app_review_checklist_glance(ui->app, &p->review, &p->checklist);
	p->reviewing = p->review.author_id != ui->app->me.id &&
		       (p->review.state == REVIEW_SUBMITTED || p->review.state == REVIEW_IN_REVIEW);
}

void ui_review_panel_set_queue(struct ui_review_panel *p, const int64_t *queue, size_t count,
			       size_t pos)
{
	free(p->queue);
	p->queue = NULL;
	p->queue_count = p->queue_pos = 0;
	if (!count)
		return;
	p->queue = xmalloc(count * sizeof *p->queue);
	memcpy(p->queue, queue, count * sizeof *p->queue);
	p->queue_count = count;
	p->queue_pos = pos;
}

static const char *panel_reason(enum review_reason reason)
{
	switch (reason) {
	case REVIEW_REQUIRED:
		return "required";
	case REVIEW_SAMPLED:
		return "sampled for QA";
	case REVIEW_COSIGN:
		return "co-signature";
	case REVIEW_REQUESTED:
		return "asked for by its author";
	}
	return "?";
}

/* What the author does about a returned item, by kind. */
static const char *panel_author_todo(const struct review *r)
{
	switch (r->kind) {
	case REVIEW_CASE_PLAN:
		return "Returned: start a new version (n), change what the comments ask and sign "
		       "it (S); signing submits it again";
	case REVIEW_RELEASE_PLAN:
		return "Returned: change what the comments ask, then F5 submits the plan again";
	case REVIEW_FORM:
		return "Returned: e opens it for changes (the comments are beside the fields); F5 "
		       "submits it again";
	case REVIEW_NOTE:
		break;
	}
	return "Returned to its author";
}

/* "form", "plan": what the dialogs call the item. */
static const char *panel_noun(const struct review *r)
{
	return r->kind == REVIEW_FORM ? "form" : r->kind == REVIEW_NOTE ? "note" : "plan";
}

/* The QA checklist at a glance: compliance against the pass mark. */
static void panel_checklist_line(const struct ui_review_panel *p, struct ui_line **lines,
				 int *count, int *cap, int kind)
{
	const struct review_checklist_glance *c = &p->checklist;
	if (!c->started) {
		if (p->reviewing)
			ui_line_add(lines, count, cap, UI_DIM, kind, 0,
				    "QA checklist: not started (c fills it in)");
		return;
	}
	char mark[64] = "";
	bool below = c->has_compliance && c->has_pass_mark && c->compliance < c->pass_mark;
	if (c->has_compliance && c->has_pass_mark)
		snprintf(mark, sizeof mark, " against a pass mark of %.0f %%: %s", c->pass_mark,
			 below ? "below it" : "meets it");
	char value[32] = "not yet computed";
	if (c->has_compliance)
		snprintf(value, sizeof value, "%.1f %%", c->compliance);
	ui_line_add(lines, count, cap, below ? UI_URGENT : c->final ? UI_GOOD : UI_SOON, kind, 0,
		    "QA checklist (%s): compliance %s%s", c->final ? "done" : "draft", value, mark);
}

void ui_review_panel_header(const struct ui_review_panel *p, struct ui_line **lines, int *count,
			    int *cap, int kind)
{
	if (!p->has)
		return;
	const struct review *r = &p->review;
	ui_line_add(lines, count, cap, UI_HEADER, kind, 0, "QA review (%s), round %d: %s%s%s",
		    panel_reason(r->reason), r->round, app_review_state_name(r->state),
		    r->assigned_name[0] ? ", with " : ", in the shared queue", r->assigned_name);
	for (size_t i = 0; i < p->event_count; i++) {
		const struct review_event *e = &p->events[i];
		char when[17];
		snprintf(when, sizeof when, "%.16s", e->at);
		if (when[10] == 'T')
			when[10] = ' ';
		ui_line_add(lines, count, cap, UI_DIM, kind, 0, "  %s  round %d  %s by %s%s%s", when,
			    e->round, e->event, e->by_name, e->note[0] ? ": " : "", e->note);
	}
	for (size_t i = 0; i < p->comment_count; i++) {
		const struct review_comment *c = &p->comments[i];
		if (c->anchor[0])
			continue;
		ui_line_add(lines, count, cap, c->round == r->round ? UI_URGENT : UI_DIM, kind, 0,
			    "\u25c6 %s (round %d), on the whole %s: %s", c->author_name, c->round,
			    panel_noun(r), c->body);
	}
	panel_checklist_line(p, lines, count, cap, kind);
	if (r->state == REVIEW_RETURNED)
		ui_line_add(lines, count, cap, UI_SOON, kind, 0, "%s", panel_author_todo(r));
	if (p->change_count)
		ui_line_add(lines, count, cap, UI_SOON, kind, 0,
			    "\u21ba %zu change%s since the last submission, shown where they are",
			    p->change_count, p->change_count == 1 ? "" : "s");
}

/* Whether field is anchor itself or one of its parts ("anchor.x", "anchor:x"). */
static bool panel_under(const char *field, const char *anchor)
{
	size_t n = strlen(anchor);
	return n && !strncmp(field, anchor, n) &&
	       (field[n] == '\0' || field[n] == '.' || field[n] == ':');
}

void ui_review_panel_beside(const struct ui_review_panel *p, const char *anchor,
			    struct ui_line **lines, int *count, int *cap, int kind)
{
	if (!p->has)
		return;
	for (size_t i = 0; i < p->change_count; i++) {
		const struct review_change *c = &p->changes[i];
		if (!panel_under(c->field, anchor))
			continue;
		const char *part = c->field + strlen(anchor);
		part += *part ? 1 : 0;
		ui_line_add(lines, count, cap, UI_SOON, kind, 0, "      \u21ba %s was: %s; now: %s",
			    *part ? part : "status", c->before[0] ? c->before : "(none)",
			    c->after[0] ? c->after : "(none)");
	}
	for (size_t i = 0; i < p->comment_count; i++) {
		const struct review_comment *c = &p->comments[i];
		if (strcmp(c->anchor, anchor) != 0)
			continue;
		ui_line_add(lines, count, cap, c->round == p->review.round ? UI_URGENT : UI_DIM, kind,
			    0, "      \u25c6 %s (round %d): %s", c->author_name, c->round, c->body);
	}
}

int ui_review_panel_draw(const struct ui_review_panel *p, const char *anchor, int y, int bottom)
{
	struct ui_line *lines = NULL;
	int count = 0, cap = 0;
	if (anchor)
		ui_review_panel_beside(p, anchor, &lines, &count, &cap, 0);
	else
		ui_review_panel_header(p, &lines, &count, &cap, 0);
	for (int i = 0; i < count && y < bottom; i++)
		ui_draw_text(y++, 1, COLS - 2, lines[i].text, TEXT_LEFT, lines[i].element);
	free(lines);
	return y;
}

const char *ui_review_panel_marks(const struct ui_review_panel *p, const char *anchor)
{
	bool commented = false, changed = false;
	for (size_t i = 0; i < p->comment_count; i++)
		commented |= !strcmp(p->comments[i].anchor, anchor);
	for (size_t i = 0; i < p->change_count; i++)
		changed |= panel_under(p->changes[i].field, anchor);
	return commented && changed ? "  \u25c6 \u21ba"
	       : commented	    ? "  \u25c6"
	       : changed	    ? "  \u21ba"
				    : "";
}

/* ---- the reviewer's keys ---- */

enum panel_action { PANEL_COMMENT, PANEL_APPROVE, PANEL_RETURN, PANEL_REASSIGN };

static enum cl_status panel_submit(void *ctx, struct ui *ui, const char *const *t, char *msg,
				   size_t msgsz)
{
	struct ui_review_panel *p = ctx;
	int64_t id = p->review.id;
	switch ((enum panel_action)p->action) {
	case PANEL_COMMENT: {
		enum cl_status st = app_review_comment(ui->app, id, p->anchor, t[0], msg, msgsz);
		if (st == CL_OK) /* by its label, not its code */
			snprintf(msg, msgsz, "Comment saved on %s", p->anchor_label);
		return st;
	}
	case PANEL_APPROVE:
		return app_review_approve(ui->app, id, t[0], msg, msgsz);
	case PANEL_RETURN:
		return app_review_return(ui->app, id, t[0], msg, msgsz);
	case PANEL_REASSIGN:
		return app_review_reassign(ui->app, id, t[0], msg, msgsz);
	}
	return CL_ERR_INVALID;
}

static void panel_dialog(struct ui_review_panel *p, struct ui *ui, enum panel_action action,
			 const char *anchor, const char *label)
{
	static const struct ui_dialog_field_def comment[] = {
		{"Comment", "what to change, and why (the author sees it where it applies)", 4000}};
	static const struct ui_dialog_field_def approve[] = {
		{"Note", "optional: Enter approves", 700}};
	static const struct ui_dialog_field_def ret[] = {
		{"Note", "what the author must do (your comments go with it)", 700}};
	static const struct ui_dialog_field_def reassign[] = {
		{"Reviewer", "a lead's user name, or empty for the shared queue", 60}};
	const struct ui_dialog_field_def *defs[] = {comment, approve, ret, reassign};
	static const char *const titles[] = {"Comment", "Approve this %s",
					     "Return it to its author", "Reassign the review"};
	char title[300];
	snprintf(title, sizeof title, titles[action], panel_noun(&p->review));
	if (action == PANEL_COMMENT) {
		str_copy(p->anchor, sizeof p->anchor, anchor ? anchor : "");
		if (anchor && *anchor)
			snprintf(p->anchor_label, sizeof p->anchor_label, "%s", label);
		else
			snprintf(p->anchor_label, sizeof p->anchor_label, "the whole %s",
				 panel_noun(&p->review));
		snprintf(title, sizeof title, "Comment on %s", p->anchor_label);
	}
	p->action = action;
	p->ops = (struct ui_dialog_ops){.submit = panel_submit};
	const char *texts[] = {""};
	ui_view_push(ui, ui_dialog_new(title, false, defs[action], 1, texts, NULL, &p->ops, p));
}

/* n and p: the review dir steps away in the queue replaces this screen. */
static bool panel_step(struct ui_review_panel *p, struct ui *ui, int dir)
{
	if (!p->queue_count) {
		ui_message(ui, UI_MSG_ERROR, "Open reviews from the review queue (R) to step "
					     "through them");
		return false;
	}
	long pos = (long)p->queue_pos + dir;
	if (pos < 0 || pos >= (long)p->queue_count) {
		ui_message(ui, UI_MSG_INFO, dir > 0 ? "That was the last in the queue"
						    : "That was the first in the queue");
		return false;
	}
	struct ui_view *next = ui_review_view_new(ui, p->queue[pos], p->queue, p->queue_count,
						  (size_t)pos);
	if (!next)
		return false;
	ui_view_replace(ui, next); /* frees the screen holding p */
	return true;
}

enum ui_result ui_review_panel_key(struct ui_review_panel *p, struct ui *ui, ui_key key,
				   const char *anchor, const char *label)
{
	if (!p->has || !p->reviewing)
		return UI_DECLINED;
	char msg[APP_REVIEW_MESSAGE_SIZE];
	struct app_form *checklist;
	static const struct {
		ui_key key;
		enum panel_action action;
	} dialogs[] = {{'m', PANEL_COMMENT}, {'A', PANEL_APPROVE}, {'R', PANEL_RETURN},
		       {'r', PANEL_REASSIGN}};
	for (size_t i = 0; i < sizeof dialogs / sizeof dialogs[0]; i++)
		if (key == dialogs[i].key) {
			panel_dialog(p, ui, dialogs[i].action, anchor, label);
			return UI_HANDLED;
		}
	switch (key) {
	case 't':
		ui_message(ui, app_review_take(ui->app, p->review.id, msg, sizeof msg) == CL_OK
				       ? UI_MSG_INFO
				       : UI_MSG_ERROR,
			   "%s", msg);
		ui_review_panel_load(p, ui, p->load_id, p->load_kind, p->load_item);
		return UI_HANDLED;
	case 'c': {
		if (app_review_checklist(ui->app, p->review.id, &checklist, msg, sizeof msg) != CL_OK) {
			ui_message(ui, UI_MSG_ERROR, "%s", msg);
			return UI_HANDLED;
		}
		int64_t id = checklist->resp.id;
		app_form_free(&checklist);
		struct ui_view *form = ui_form_view_new(ui, id);
		if (form)
			ui_view_push(ui, form);
		return UI_HANDLED;
	}
	case 'n':
	case 'p':
		panel_step(p, ui, key == 'n' ? 1 : -1);
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

bool ui_review_panel_resume(struct ui_review_panel *p, struct ui *ui)
{
	bool was_reviewing = p->reviewing;
	ui_review_panel_load(p, ui, p->load_id, p->load_kind, p->load_item);
	if (was_reviewing && !p->reviewing && p->queue_count) {
		if (p->queue_pos + 1 < p->queue_count)
			return panel_step(p, ui, 1);
	}
	return false;
}
