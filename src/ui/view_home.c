/* The home screen: the caseworker's day at a glance, each item opening where its work is
 * done, and the caseload drawn as two small bar charts. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/home.h"
#include "caseload/review.h"
#include "draw.h"
#include "format.h"
#include "view.h"

enum home_item {
	HOME_NONE,
	HOME_PERSON,
	HOME_FORM,
	HOME_REVIEW,
	HOME_NOTE,
	HOME_RELEASE_PLAN, /* id: the person */
	HOME_CASE_PLAN,    /* id: the person */
};

struct home_view {
	struct ui_view base;
	struct home day;
	struct ui_line *lines;
	int count, cap;
	int cursor, top;
};

static const struct ui_binding home_bindings[] = {
	{'\r', ACT_OPEN, 0, "Enter"},
	{'c', ACT_SCOPE, 0, "c"},
	{'N', ACT_NOTE_SEARCH, 0, "N"},
	{'R', ACT_REVIEW_QUEUE, 0, "R"},
	{'W', ACT_MY_WORK, 0, "W"},
	{'T', ACT_TEAM_VIEW, 0, "T"},
	{'D', ACT_RESOURCE_SHOW, 0, "D"},
};
static const struct ui_keymap home_keymap = {
	"Home: your day. Releases in the next 90 days, key dates overdue or due this week, the "
	"forms and notes waiting for you, new alerts on your caseload, and your caseload by risk "
	"level and by time to release. Enter opens the item where its work is done; c opens the "
	"caseload list",
	home_bindings, (int)(sizeof home_bindings / sizeof home_bindings[0])};

/* A line that opens item `id` of the given kind (HOME_NONE: plain text). */
#define home_add(hv, element, kind, id, ...)                                                       \
	ui_line_add(&(hv)->lines, &(hv)->count, &(hv)->cap, element, kind, id, __VA_ARGS__)

static void home_heading(struct home_view *hv, const char *title, size_t count)
{
	if (hv->count)
		home_add(hv, UI_NORMAL, HOME_NONE, 0, "%s", "");
	struct ui_line *l = home_add(hv, UI_HEADER, HOME_NONE, 0, "%s (%zu)", title, count);
	l->heading = true;
}

static void home_build_people(struct home_view *hv)
{
	struct home *d = &hv->day;
	char day[DATE_TEXT_SIZE], rel[40];
	home_heading(hv, "Releasing in the next 90 days", d->release_count);
	for (size_t i = 0; i < d->release_count; i++) {
		const struct workday_person *p = &d->releases[i];
		int days = (int)(p->date - d->today);
		ui_format_relative(days, rel, sizeof rel);
		home_add(hv, ui_days_element(days), HOME_PERSON, p->id, "%s  %-12s %s (%s) \u00b7 %s",
			 date_format(p->date, day), rel, p->name, p->oid, p->detail);
	}
	home_heading(hv, "Due this week", d->due_count + d->task_count + d->plan_review_count);
	for (size_t i = 0; i < d->due_count; i++) {
		const struct workday_person *p = &d->due[i];
		int days = (int)(p->date - d->today);
		ui_format_relative(days, rel, sizeof rel);
		home_add(hv, days < 0 ? UI_URGENT : UI_SOON, HOME_PERSON, p->id, "%s  %-12s %s (%s): %s",
			 date_format(p->date, day), rel, p->name, p->oid,
			 model_due_label((enum due_kind)p->kind));
	}
	for (size_t i = 0; i < d->task_count; i++) {
		const struct workday_person *p = &d->tasks[i];
		int days = (int)(p->date - d->today);
		ui_format_relative(days, rel, sizeof rel);
		home_add(hv, days < 0 ? UI_URGENT : UI_SOON, HOME_RELEASE_PLAN, p->id,
			 "%s  %-12s %s (%s): release plan: %s", date_format(p->date, day), rel, p->name,
			 p->oid, p->detail);
	}
	for (size_t i = 0; i < d->plan_review_count; i++) {
		const struct workday_person *p = &d->plan_reviews[i];
		int days = (int)(p->date - d->today);
		ui_format_relative(days, rel, sizeof rel);
		home_add(hv, days < 0 ? UI_URGENT : UI_SOON, HOME_CASE_PLAN, p->id,
			 "%s  %-12s %s (%s): %s review", date_format(p->date, day), rel, p->name, p->oid,
			 p->detail);
	}
}

static void home_build_work(struct home_view *hv)
{
	struct home *d = &hv->day;
	home_heading(hv, "Waiting for you",
		     d->draft_count + d->returned_count + d->review_count + d->cosign_count);
	for (size_t i = 0; i < d->returned_count; i++) {
		const struct review *r = &d->returned[i];
		home_add(hv, UI_URGENT,
			 r->kind == REVIEW_CASE_PLAN ? HOME_CASE_PLAN : HOME_RELEASE_PLAN,
			 r->person_id, "%-9s %s, %s (%s): see %s's comments", "returned", r->title,
			 r->person_name, r->person_oid, r->assigned_name[0] ? r->assigned_name
									 : "the reviewer");
	}
	for (size_t i = 0; i < d->draft_count; i++) {
		const struct form_response *r = &d->drafts[i];
		bool returned = r->state == FORM_RETURNED;
		home_add(hv, returned ? UI_URGENT : UI_NORMAL, HOME_FORM, r->id,
			 "%-9s %s v%d, started %.10s%s", returned ? "returned" : "draft", r->title,
			 r->version, r->created_at, returned ? ": see the reviewer's comments" : "");
	}
	for (size_t i = 0; i < d->review_count; i++) {
		const struct review *r = &d->reviews[i];
		home_add(hv, UI_NORMAL, HOME_REVIEW, r->id, "%-9s %s by %s, %s (%s)", "review",
			 r->title, r->author_name, r->person_name, r->person_oid);
	}
	for (size_t i = 0; i < d->cosign_count; i++) {
		const struct note *n = &d->cosign[i];
		home_add(hv, UI_NORMAL, HOME_NOTE, n->id, "%-9s %s note by %s: %s", "co-sign", n->type,
			 n->author_name, n->subject[0] ? n->subject : "(no subject)");
	}
	home_heading(hv, "New alerts, last 7 days", d->alert_count);
	char day[DATE_TEXT_SIZE];
	for (size_t i = 0; i < d->alert_count; i++) {
		const struct workday_person *p = &d->alerts[i];
		home_add(hv, UI_URGENT, HOME_PERSON, p->id, "%s  %-14s %s (%s) %s",
			 date_format(p->date, day), model_alert_label((enum alert_kind)p->kind), p->name,
			 p->oid, p->detail);
	}
}

static void home_load(struct home_view *hv, struct ui *ui)
{
	app_home_clear(&hv->day);
	hv->count = 0;
	if (app_home_load(ui->app, &hv->day) != CL_OK) {
		home_add(hv, UI_URGENT, HOME_NONE, 0, "%s", "Your day cannot be read just now");
		return;
	}
	home_build_people(hv);
	home_build_work(hv);
	if (hv->cursor >= hv->count)
		hv->cursor = hv->count - 1;
	if (hv->cursor < 0 || hv->lines[hv->cursor].kind == HOME_NONE) {
		hv->cursor = 0;
		while (hv->cursor < hv->count && hv->lines[hv->cursor].kind == HOME_NONE)
			hv->cursor++;
		if (hv->cursor == hv->count)
			hv->cursor = 0;
	}
}

/* One bar chart: a label, a bar scaled to the largest count, the count. */
static int home_chart(int y, int x, int w, const char *title, const char *const *labels,
		      const size_t *counts, const enum ui_element *elements, size_t n)
{
	size_t most = 1;
	for (size_t i = 0; i < n; i++)
		most = counts[i] > most ? counts[i] : most;
	ui_draw_text(y++, x, w, title, TEXT_LEFT, UI_HEADER);
	int bar_w = w - 16 - 6;
	for (size_t i = 0; i < n && y < LINES - 1; i++, y++) {
		ui_draw_text(y, x, 15, labels[i], TEXT_LEFT, UI_LABEL);
		int len = bar_w > 0 ? (int)((counts[i] * (size_t)bar_w + most - 1) / most) : 0;
		char bar[600] = "";
		size_t used = 0;
		for (int k = 0; k < len && used + 4 < sizeof bar; k++)
			used += (size_t)snprintf(bar + used, sizeof bar - used, "\u2588");
		if (len)
			ui_draw_text(y, x + 16, len, bar, TEXT_LEFT, elements ? elements[i] : UI_GOOD);
		char num[24];
		snprintf(num, sizeof num, "%zu", counts[i]);
		ui_draw_text(y, x + 16 + len + 1, 6, num, TEXT_LEFT, UI_NORMAL);
	}
	return y;
}

static void home_draw_charts(struct home_view *hv, int y, int x, int w)
{
	const char *risk[RISK_COUNT];
	enum ui_element risk_el[RISK_COUNT];
	for (int i = 0; i < RISK_COUNT; i++) {
		risk[i] = model_risk_label((enum risk_level)i);
		risk_el[i] = ui_risk_element((enum risk_level)i);
	}
	y = home_chart(y, x, w, "Caseload by risk level", risk, hv->day.by_risk, risk_el, RISK_COUNT);
	const char *months[WORKDAY_BUCKETS];
	for (size_t i = 0; i < WORKDAY_BUCKETS; i++)
		months[i] = app_home_bucket_label(i);
	home_chart(y + 1, x, w, "By time to release", months, hv->day.by_months, NULL,
		   WORKDAY_BUCKETS);
}

static void home_draw(struct ui_view *view, struct ui *ui)
{
	struct home_view *hv = (struct home_view *)view;
	const struct home *d = &hv->day;
	char detail[200];
	size_t people = 0;
	for (int i = 0; i < RISK_COUNT; i++)
		people += d->by_risk[i];
	snprintf(detail, sizeof detail, "%zu people \u00b7 %zu release%s in 30 days \u00b7 %zu overdue ",
		 people, d->releases_30, d->releases_30 == 1 ? "" : "s", d->overdue);
	erase();
	char where[300];
	snprintf(where, sizeof where, "Home: %s", ui->app->me.display_name);
	ui_draw_title(ui, where, detail);
	bool split = COLS >= 100;
	int list_w = split ? COLS - 44 : COLS - 2;
	int rows = LINES - 2;
	if (hv->cursor < hv->top)
		hv->top = hv->cursor;
	if (hv->cursor >= hv->top + rows)
		hv->top = hv->cursor - rows + 1;
	for (int i = hv->top; i < hv->count && i - hv->top < rows; i++) {
		const struct ui_line *l = &hv->lines[i];
		bool selected = i == hv->cursor && l->kind != HOME_NONE;
		int y = 1 + i - hv->top;
		if (selected)
			ui_draw_fill(y, 0, list_w + 1, UI_SELECTED);
		ui_draw_text(y, l->heading ? 1 : 2, l->heading ? list_w : list_w - 1, l->text, TEXT_LEFT,
			     selected ? UI_SELECTED : l->element);
	}
	if (split)
		home_draw_charts(hv, 2, list_w + 3, COLS - list_w - 4);
	else if (LINES - 2 - (hv->count - hv->top) >= 15) /* narrow: below the list, room allowing */
		home_draw_charts(hv, 2 + hv->count - hv->top, 2, COLS - 4);
	static const char *const hints[] = {"Enter", "open", "c", "caseload", "R", "reviews", "W",
					    "my work", "N", "search notes", "?", "help", NULL};
	ui_draw_status(ui, hints, "");
}

static void home_open(struct home_view *hv, struct ui *ui)
{
	if (hv->cursor < 0 || hv->cursor >= hv->count)
		return;
	const struct ui_line *l = &hv->lines[hv->cursor];
	struct ui_view *next = NULL;
	switch (l->kind) {
	case HOME_PERSON:
		next = ui_person_view_new(ui, l->ref);
		break;
	case HOME_FORM:
		next = ui_form_view_new(ui, l->ref);
		break;
	case HOME_REVIEW:
		next = ui_review_view_new(ui, l->ref, NULL, 0, 0);
		break;
	case HOME_NOTE:
		next = ui_note_view_new(ui, l->ref);
		break;
	case HOME_RELEASE_PLAN:
		next = ui_release_plan_view_new(ui, l->ref);
		break;
	case HOME_CASE_PLAN:
		next = ui_case_plan_view_new(ui, l->ref);
		break;
	case HOME_NONE:
		break;
	}
	if (next)
		ui_view_push(ui, next);
}

static void home_move(struct home_view *hv, int dir)
{
	for (int i = hv->cursor + dir; i >= 0 && i < hv->count; i += dir)
		if (hv->lines[i].kind != HOME_NONE) {
			hv->cursor = i;
			return;
		}
}

static enum ui_result home_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	struct home_view *hv = (struct home_view *)view;
	(void)arg;
	struct ui_view *next = NULL;
	switch (action) {
	case ACT_UP:
	case ACT_DOWN:
		home_move(hv, action == ACT_UP ? -1 : 1);
		return UI_HANDLED;
	case ACT_OPEN:
		home_open(hv, ui);
		return UI_HANDLED;
	case ACT_SCOPE:
		next = ui_list_view_new(ui);
		break;
	case ACT_NOTE_SEARCH:
		next = ui_search_view_new(ui, 0);
		break;
	case ACT_REVIEW_QUEUE:
		next = ui_review_queue_new(ui);
		break;
	case ACT_MY_WORK:
		next = ui_my_work_new(ui);
		break;
	case ACT_TEAM_VIEW:
		next = ui_team_view_new(ui);
		break;
	case ACT_RESOURCE_SHOW:
		next = ui_resources_view_new(ui, 0);
		break;
	default:
		return UI_DECLINED;
	}
	if (next)
		ui_view_push(ui, next);
	return UI_HANDLED;
}

static void home_resume(struct ui_view *view, struct ui *ui)
{
	home_load((struct home_view *)view, ui);
}

static void home_destroy(struct ui_view *view)
{
	struct home_view *hv = (struct home_view *)view;
	app_home_clear(&hv->day);
	free(hv->lines);
	free(hv);
}

static const struct ui_view_ops home_ops = {
	.name = "Home",
	.keymap = &home_keymap,
	.draw = home_draw,
	.action = home_action,
	.resume = home_resume,
	.destroy = home_destroy,
};

struct ui_view *ui_day_view_new(struct ui *ui)
{
	struct home_view *hv = xcalloc(1, sizeof *hv);
	hv->base.ops = &home_ops;
	home_load(hv, ui);
	return &hv->base;
}
