/* A form: filled in section by section, field by field, every answer saved in the database
 * as it is given (text a moment after typing stops, or on leaving the field); skip logic,
 * calculated values, scores and validation messages follow each change at once. The last
 * page is the summary ("check your answers"): scores and levels, overrides, and what still
 * blocks finalizing. A finalized form is read-only; a correction is an amendment. */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/caseload.h"
#include "caseload/formwork.h"
#include "caseload/review.h"
#include "caseload/permit.h"
#include "dialog.h"
#include "draw.h"
#include "format.h"
#include "review_panel.h"
#include "lineedit.h"
#include "textedit.h"
#include "view.h"

#define FORM_AUTOSAVE_TICKS 3 /* idle ticks (about 0.75 s) before typed text is saved */
#define FORM_AREA_LINES 6     /* height of a multi-line answer being edited */

/* One line-up entry of the page: a field (of a row, for repeats), or a repeat's heading. */
struct fv_item {
	int slot;
	size_t row;
	bool heading; /* a repeat's or likert's heading line */
};

struct form_view {
	struct ui_view base;
	struct app_form *form;
	char person_name[200];
	size_t section;  /* == section_count: the summary page */
	struct fv_item *items;
	size_t item_count, item_cap;
	size_t active;   /* index in items */
	int top;         /* first screen line of the page shown */
	struct ui_lineedit line;
	struct ui_textedit area;
	int edit_slot;   /* the field the editors hold, -1 none */
	size_t edit_row;
	bool typing;     /* unsaved text in the editors */
	int idle_ticks;
	bool picking;    /* the active choice field's list is open */
	size_t pick;
	bool show_all;   /* after a finalize attempt: every message, required ones too */
	bool confirm;    /* warnings shown: F5 again finalizes */
	size_t summary_cursor; /* the score selected on the summary page */
	struct ui_dialog_ops override_ops;
	/* Review: the item's review (its comments beside the fields they concern, what changed
	 * since the last submission), and for a reviewer its keys and the queue stepped through
	 * with n/p. */
	struct ui_review_panel qa;
};

static struct ui_view *fv_new(struct ui *ui, struct app_form *form);
static int fv_label_width(void);

static struct form_view *fv_of(struct ui_view *view)
{
	return (struct form_view *)view;
}

static const struct formdef *fv_def(const struct form_view *fv)
{
	return fv->form->def;
}

static bool fv_summary_page(const struct form_view *fv)
{
	return fv->section >= fv_def(fv)->section_count;
}

static bool fv_is_text(enum formdef_field_type t)
{
	return t == FORMDEF_TEXT || t == FORMDEF_INTEGER || t == FORMDEF_DECIMAL ||
	       t == FORMDEF_DATE || t == FORMDEF_DATETIME || t == FORMDEF_TIME;
}

static bool fv_is_area(enum formdef_field_type t)
{
	return t == FORMDEF_TEXTAREA || t == FORMDEF_ADDRESS;
}

static bool fv_is_choice(enum formdef_field_type t)
{
	return t == FORMDEF_SELECT_ONE || t == FORMDEF_SELECT_MULTIPLE || t == FORMDEF_YES_NO;
}

/* ---- the page's line-up ---- */

static void fv_push(struct form_view *fv, int slot, size_t row, bool heading)
{
	if (fv->item_count == fv->item_cap) {
		fv->item_cap = fv->item_cap ? fv->item_cap * 2 : 32;
		fv->items = xrealloc(fv->items, fv->item_cap * sizeof *fv->items);
	}
	fv->items[fv->item_count++] = (struct fv_item){slot, row, heading};
}

/* The visible fields of the section, repeats expanded row by row. */
static void fv_build(struct form_view *fv)
{
	const struct formdef *def = fv_def(fv);
	fv->item_count = 0;
	if (fv_summary_page(fv))
		return;
	const struct formdef_section *sec = &def->sections[fv->section];
	for (size_t i = sec->first_field; i < sec->first_field + sec->field_count; i++) {
		const struct formdef_field *f = &def->fields[i];
		if (f->parent >= 0 && def->fields[f->parent].type == FORMDEF_REPEAT)
			continue; /* listed under their repeat, row by row */
		if (!formeval_visible(fv->form->ev, f->slot, 0))
			continue;
		if (f->type == FORMDEF_REPEAT) {
			fv_push(fv, f->slot, 0, true);
			size_t rows = formeval_rows(fv->form->ev, f->slot);
			for (size_t r = 0; r < rows; r++)
				for (size_t j = 0; j < def->field_count; j++)
					if (def->fields[j].parent == f->slot &&
					    formeval_visible(fv->form->ev, (int)j, r))
						fv_push(fv, (int)j, r, false);
			continue;
		}
		fv_push(fv, f->slot, 0, f->type == FORMDEF_LIKERT);
	}
	if (fv->active >= fv->item_count)
		fv->active = fv->item_count ? fv->item_count - 1 : 0;
}

static const struct fv_item *fv_current(const struct form_view *fv)
{
	return fv->active < fv->item_count ? &fv->items[fv->active] : NULL;
}

static const struct formdef_field *fv_field(const struct form_view *fv, const struct fv_item *it)
{
	return it ? &fv_def(fv)->fields[it->slot] : NULL;
}

/* The repeat the active item belongs to (its heading or one of its rows), or -1. */
static int fv_current_repeat(const struct form_view *fv)
{
	const struct fv_item *it = fv_current(fv);
	const struct formdef_field *f = fv_field(fv, it);
	if (!f)
		return -1;
	if (f->type == FORMDEF_REPEAT)
		return f->slot;
	if (f->parent >= 0 && fv_def(fv)->fields[f->parent].type == FORMDEF_REPEAT)
		return f->parent;
	return -1;
}

/* ---- saving ---- */

static void fv_load_editors(struct form_view *fv)
{
	const struct fv_item *it = fv_current(fv);
	const struct formdef_field *f = fv_field(fv, it);
	fv->typing = false;
	fv->picking = false;
	if (!f || it->heading || !(fv_is_text(f->type) || fv_is_area(f->type))) {
		fv->edit_slot = -1;
		return;
	}
	fv->edit_slot = it->slot;
	fv->edit_row = it->row;
	const char *text = formeval_text(fv->form->ev, it->slot, it->row);
	if (fv_is_area(f->type))
		ui_textedit_set(&fv->area, text);
	else
		ui_lineedit_set(&fv->line, text);
}

static void fv_set(struct form_view *fv, struct ui *ui, int slot, size_t row, const char *text)
{
	char msg[APP_FORM_MESSAGE_SIZE];
	fv->confirm = false;
	if (app_form_set(ui->app, fv->form, slot, row, text, msg, sizeof msg) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
	ui->dirty = true;
}

/* Saves what the editors hold when it changed. */
static void fv_flush(struct form_view *fv, struct ui *ui)
{
	if (!fv->typing || fv->edit_slot < 0)
		return;
	const struct formdef_field *f = &fv_def(fv)->fields[fv->edit_slot];
	const char *text = fv_is_area(f->type) ? fv->area.text.buf : fv->line.text.buf;
	fv->typing = false;
	fv->idle_ticks = 0;
	if (strcmp(text, formeval_text(fv->form->ev, fv->edit_slot, fv->edit_row)) != 0)
		fv_set(fv, ui, fv->edit_slot, fv->edit_row, text);
	ui_lineedit_mark_clean(&fv->line);
	ui_textedit_mark_clean(&fv->area);
}

/* Moves to another item or section, saving first; skip logic may have changed the page. */
static void fv_goto(struct form_view *fv, struct ui *ui, size_t section, size_t active)
{
	fv_flush(fv, ui);
	fv->section = section;
	fv->active = active;
	fv_build(fv);
	fv_load_editors(fv);
	ui->dirty = true;
}

/* Items the cursor stops on: what takes an answer, and a repeat's heading (to add rows). */
static bool fv_focusable(const struct form_view *fv, size_t i)
{
	const struct formdef_field *f = fv_field(fv, &fv->items[i]);
	return f->type != FORMDEF_NOTE && f->type != FORMDEF_CALCULATED && f->type != FORMDEF_LIKERT;
}

/* The nearest focusable item from `from` going in direction dir (1 or -1), or `from`. */
static size_t fv_focus_from(const struct form_view *fv, long from, int dir)
{
	for (long i = from; i >= 0 && i < (long)fv->item_count; i += dir)
		if (fv_focusable(fv, (size_t)i))
			return (size_t)i;
	return from < 0 ? 0 : (size_t)from;
}

static void fv_move(struct form_view *fv, struct ui *ui, int delta)
{
	fv_flush(fv, ui);
	fv_build(fv);
	if (!fv->item_count)
		return;
	long next = (long)fv->active + delta;
	if (next < 0 || next >= (long)fv->item_count)
		return;
	size_t to = fv_focus_from(fv, next, delta > 0 ? 1 : -1);
	if (!fv_focusable(fv, to))
		return; /* nothing to stop on that way */
	fv_goto(fv, ui, fv->section, to);
}

/* The next (or previous) section that skip logic shows; the summary page comes last. */
static void fv_section_step(struct form_view *fv, struct ui *ui, int dir)
{
	const struct formdef *def = fv_def(fv);
	long s = (long)fv->section;
	for (;;) {
		s += dir;
		if (s < 0 || s > (long)def->section_count)
			return;
		if (s == (long)def->section_count || formeval_section_visible(fv->form->ev, (size_t)s))
			break;
	}
	fv->top = 0;
	fv_goto(fv, ui, (size_t)s, 0);
	fv->active = fv_focus_from(fv, 0, 1);
	fv_load_editors(fv);
}

/* ---- choices ---- */

/* The choices offered for a new answer: the field's list less retired ones. */
static size_t fv_choices(const struct formdef_field *f, const struct formdef_choice **out,
			 size_t cap)
{
	static const struct formdef_choice yes_no[] = {{.value = "yes", .label = "Yes"},
						       {.value = "no", .label = "No"}};
	size_t n = 0;
	if (f->type == FORMDEF_YES_NO) {
		for (size_t i = 0; i < 2 && n < cap; i++)
			out[n++] = &yes_no[i];
		return n;
	}
	if (!f->choices)
		return 0;
	for (size_t i = 0; i < f->choices->count && n < cap; i++)
		if (!f->choices->items[i].retired)
			out[n++] = &f->choices->items[i];
	return n;
}

static bool fv_multi_has(const char *text, const char *value)
{
	size_t n = strlen(value);
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !memcmp(p, value, n))
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

/* The answer of a multiple choice with one value toggled, in the list's order. */
static void fv_multi_toggle(const struct formdef_field *f, const char *text, const char *value,
			    struct strbuf *out)
{
	for (size_t i = 0; f->choices && i < f->choices->count; i++) {
		const char *v = f->choices->items[i].value;
		bool on = fv_multi_has(text, v);
		if (!strcmp(v, value))
			on = !on;
		if (on) {
			if (out->len)
				strbuf_putc(out, '\n');
			strbuf_puts(out, v);
		}
	}
}

static void fv_choose(struct form_view *fv, struct ui *ui, const struct fv_item *it, size_t n)
{
	const struct formdef_field *f = fv_field(fv, it);
	const struct formdef_choice *choices[64];
	size_t count = fv_choices(f, choices, 64);
	if (n >= count) {
		beep();
		return;
	}
	if (f->type == FORMDEF_SELECT_MULTIPLE) {
		struct strbuf next;
		strbuf_init(&next);
		fv_multi_toggle(f, formeval_text(fv->form->ev, it->slot, it->row), choices[n]->value,
				&next);
		fv_set(fv, ui, it->slot, it->row, next.buf);
		strbuf_clear(&next);
	} else {
		fv_set(fv, ui, it->slot, it->row, choices[n]->value);
	}
}

/* The label an answer shows: a choice's label, yes/no, or the text. */
static void fv_answer_text(const struct form_view *fv, const struct formdef_field *f, size_t row,
			   struct strbuf *out)
{
	const char *text = formeval_text(fv->form->ev, f->slot, row);
	if (f->type == FORMDEF_CALCULATED) {
		fval_format(formeval_value(fv->form->ev, f->slot, row), out);
		return;
	}
	if (f->type == FORMDEF_YES_NO) {
		strbuf_puts(out, !strcmp(text, "yes") ? "Yes" : !strcmp(text, "no") ? "No" : text);
		return;
	}
	if (f->type == FORMDEF_SELECT_ONE || f->type == FORMDEF_SELECT_MULTIPLE) {
		for (const char *p = text; *p;) {
			const char *end = strchr(p, '\n');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			char value[256];
			snprintf(value, sizeof value, "%.*s", (int)(len < 255 ? len : 255), p);
			const struct formdef_choice *c = formdef_choice_find(f->choices, value);
			if (out->len)
				strbuf_puts(out, ", ");
			strbuf_puts(out, c ? c->label : value);
			if (c && c->retired)
				strbuf_puts(out, " (retired)");
			p += len + (end ? 1 : 0);
		}
		return;
	}
	strbuf_puts(out, text);
}

/* ---- review annotations ---- */

/* The item's review, if it has one, with its comments and changes. */
static void fv_review_load(struct form_view *fv, struct ui *ui)
{
	ui_review_panel_load(&fv->qa, ui, 0, REVIEW_FORM, fv->form->resp.id);
}

/* Draws text word-wrapped in w columns from (y, x), up to bottom; returns the lines it
 * takes (drawn or not). */
static int fv_wrapped(const char *text, int y, int x, int w, int bottom, bool draw,
		      enum ui_element element)
{
	struct strbuf wrapped;
	strbuf_init(&wrapped);
	int n = (int)ui_format_wrap(text, w, &wrapped);
	char *line = wrapped.buf;
	for (int i = 0; draw && line && i < n; i++) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (y + i < bottom)
			ui_draw_text(y + i, x, w, line, TEXT_LEFT, element);
		line = end ? end + 1 : NULL;
	}
	strbuf_clear(&wrapped);
	return n;
}

/* The comment and change lines under a field: drawn from y when draw, counted always. */
static int fv_annotate(const struct form_view *fv, const struct fv_item *it, int y, int bottom,
		       bool draw)
{
	const struct formdef_field *f = fv_field(fv, it);
	int x = fv_label_width() + 2, w = COLS - x - 1, n = 0;
	char line[4400];
	for (size_t i = 0; i < fv->qa.change_count; i++) {
		const struct review_change *c = &fv->qa.changes[i];
		if (strcmp(c->field, f->id) != 0 || (size_t)c->row != it->row)
			continue;
		snprintf(line, sizeof line, "\u21ba changed since the last submission; was: %s",
			 c->before[0] ? c->before : "(empty)");
		n += fv_wrapped(line, y + n, x, w, bottom, draw, UI_SOON);
	}
	for (size_t i = 0; i < fv->qa.comment_count; i++) {
		const struct review_comment *c = &fv->qa.comments[i];
		if (strcmp(c->anchor, f->id) != 0)
			continue;
		snprintf(line, sizeof line, "\u25c6 %s (round %d): %s", c->author_name, c->round,
			 c->body);
		n += fv_wrapped(line, y + n, x, w, bottom, draw,
				c->round == fv->qa.review.round ? UI_URGENT : UI_DIM);
	}
	return n;
}

/* ---- drawing ---- */

static int fv_label_width(void)
{
	int w = COLS * 2 / 5;
	return w < 16 ? 16 : w > 44 ? 44 : w;
}

/* How many lines an item takes: the field, its open list or editor, its message. */
static int fv_item_height(const struct form_view *fv, size_t i)
{
	const struct fv_item *it = &fv->items[i];
	const struct formdef_field *f = fv_field(fv, it);
	int h = 1;
	if (f->type == FORMDEF_NOTE) {
		struct strbuf wrapped;
		strbuf_init(&wrapped);
		h = (int)ui_format_wrap(f->label ? f->label : "", COLS - 3, &wrapped);
		strbuf_clear(&wrapped);
		return h;
	}
	bool active = i == fv->active && fv->form->editable;
	if (active && fv_is_area(f->type))
		h += FORM_AREA_LINES;
	if (active && fv->picking) {
		const struct formdef_choice *choices[64];
		h += (int)fv_choices(f, choices, 64);
	}
	enum formdef_severity sev;
	const char *m = formeval_field_message(fv->form->ev, it->slot, it->row, &sev);
	if (m[0] && (fv->show_all || formeval_text(fv->form->ev, it->slot, it->row)[0] ||
		     f->type == FORMDEF_REPEAT))
		h++;
	return h + fv_annotate(fv, it, 0, 0, false);
}

/* The field's message (when there is one to show) and then its review annotations. */
static void fv_draw_message(const struct form_view *fv, const struct fv_item *it, int y,
			    int bottom, int label_w)
{
	const struct formdef_field *f = fv_field(fv, it);
	enum formdef_severity sev = FORMDEF_ERROR;
	const char *m = formeval_field_message(fv->form->ev, it->slot, it->row, &sev);
	if (m[0] && (fv->show_all || formeval_text(fv->form->ev, it->slot, it->row)[0] ||
		     f->type == FORMDEF_REPEAT)) {
		char line[300];
		snprintf(line, sizeof line, "%s %s", sev == FORMDEF_ERROR ? "\u2717" : "!", m);
		if (y < bottom)
			ui_draw_text(y, label_w + 2, COLS - label_w - 3, line, TEXT_LEFT,
				     sev == FORMDEF_ERROR ? UI_URGENT : UI_SOON);
		y++;
	}
	fv_annotate(fv, it, y, bottom, true);
}

static void fv_draw_item(struct form_view *fv, size_t i, int y, int bottom)
{
	const struct fv_item *it = &fv->items[i];
	const struct formdef_field *f = fv_field(fv, it);
	bool active = i == fv->active;
	bool editing = active && fv->form->editable;
	int label_w = fv_label_width();
	int value_x = label_w + 2, value_w = COLS - value_x - 1;
	char label[400];
	bool required = formeval_required(fv->form->ev, it->slot, it->row);
	if (f->parent >= 0 && fv_def(fv)->fields[f->parent].type == FORMDEF_REPEAT)
		snprintf(label, sizeof label, "  #%zu %s%s", it->row + 1, f->label ? f->label : f->id,
			 required ? " *" : "");
	else
		snprintf(label, sizeof label, "%s%s", f->label ? f->label : f->id,
			 required ? " *" : "");
	if (f->type == FORMDEF_NOTE) {
		struct strbuf wrapped;
		strbuf_init(&wrapped);
		ui_format_wrap(f->label ? f->label : "", COLS - 3, &wrapped);
		char *line = wrapped.buf;
		for (int n = 0; line && y + n < bottom; n++) {
			char *end = strchr(line, '\n');
			if (end)
				*end = '\0';
			ui_draw_text(y + n, 1, COLS - 2, line, TEXT_LEFT, active ? UI_SELECTED : UI_DIM);
			line = end ? end + 1 : NULL;
		}
		strbuf_clear(&wrapped);
		return;
	}
	if (it->heading) {
		char text[500];
		if (f->type == FORMDEF_REPEAT)
			snprintf(text, sizeof text, "%s: %zu row%s%s", label,
				 formeval_rows(fv->form->ev, f->slot),
				 formeval_rows(fv->form->ev, f->slot) == 1 ? "" : "s",
				 fv->form->editable ? "  (F7 adds a row)" : "");
		else
			snprintf(text, sizeof text, "%s", label);
		ui_draw_text(y, 1, COLS - 2, text, TEXT_LEFT,
			     active ? UI_SELECTED : UI_HEADER);
		fv_draw_message(fv, it, y + 1, bottom, label_w);
		return;
	}
	ui_draw_text(y, 1, label_w, label, TEXT_LEFT, active ? UI_SELECTED : UI_LABEL);
	if (editing && fv_is_text(f->type)) {
		ui_lineedit_draw(&fv->line, y, value_x, value_w, true);
	} else if (editing && fv_is_area(f->type)) {
		int h = FORM_AREA_LINES;
		if (y + 1 + h > bottom)
			h = bottom - y - 1;
		if (h > 0)
			ui_textedit_draw(&fv->area, y + 1, value_x, h, value_w, true);
		y += FORM_AREA_LINES;
	} else {
		struct strbuf text;
		strbuf_init(&text);
		fv_answer_text(fv, f, it->row, &text);
		if (fv_is_area(f->type))
			for (char *p = text.buf; *p; p++)
				if (*p == '\n')
					*p = ' ';
		enum ui_element e = f->type == FORMDEF_CALCULATED ? UI_DIM
				    : editing			  ? UI_FIELD_ACTIVE
								  : UI_NORMAL;
		if (!text.len && editing && fv_is_choice(f->type))
			strbuf_puts(&text, f->type == FORMDEF_YES_NO ? "y or n" : "1-9, or Enter for the list");
		else if (!text.len && editing && f->type == FORMDEF_ATTESTATION)
			strbuf_puts(&text, "Space to attest");
		ui_draw_text(y, value_x, value_w, text.buf, TEXT_LEFT, e);
		strbuf_clear(&text);
	}
	if (editing && fv->picking) {
		const struct formdef_choice *choices[64];
		size_t n = fv_choices(f, choices, 64);
		const char *text = formeval_text(fv->form->ev, it->slot, it->row);
		for (size_t c = 0; c < n && y + 1 < bottom; c++) {
			y++;
			bool on = f->type == FORMDEF_SELECT_MULTIPLE ? fv_multi_has(text, choices[c]->value)
								     : !strcmp(text, choices[c]->value);
			char line[400];
			snprintf(line, sizeof line, "%2zu %s %s", c + 1,
				 f->type == FORMDEF_SELECT_MULTIPLE ? (on ? "[x]" : "[ ]")
								    : (on ? "(\u2022)" : "( )"),
				 choices[c]->label);
			ui_draw_text(y, value_x, value_w, line, TEXT_LEFT,
				     c == fv->pick ? UI_SELECTED : UI_NORMAL);
		}
	}
	fv_draw_message(fv, it, y + 1, bottom, label_w);
}

static void fv_draw_summary(struct form_view *fv, int y, int bottom)
{
	const struct formdef *def = fv_def(fv);
	ui_draw_text(y++, 1, COLS - 2, "Scores", TEXT_LEFT, UI_HEADER);
	for (size_t i = 0; i < def->score_count && y < bottom; i++) {
		const struct formdef_score *sd = &def->scores[i];
		char value[64] = "", line[400];
		bool has;
		double v;
		const char *level, *override, *reason;
		if (fv->form->frozen) {
			const struct form_score *s = &fv->form->frozen[i];
			has = s->has_value, v = s->value, level = s->level;
			override = s->override_level, reason = s->override_reason;
		} else {
			const struct formeval_score *s = formeval_score(fv->form->ev, i);
			has = s->has_value, v = s->value, level = s->level;
			override = s->override_level, reason = s->override_reason;
		}
		if (sd->from < 0) {
			struct strbuf b;
			strbuf_init(&b);
			struct fval fv_num = {0};
			fval_set_number(&fv_num, v);
			fval_format(&fv_num, &b);
			snprintf(value, sizeof value, "%s", has ? b.buf : "not scored");
			strbuf_clear(&b);
		} else {
			snprintf(value, sizeof value, "%s", level[0] ? level : "no level");
		}
		if (override[0])
			snprintf(line, sizeof line, "%-30.30s %s \u2192 overridden: %s (%s)",
				 sd->label ? sd->label : sd->id, value, override, reason);
		else
			snprintf(line, sizeof line, "%-30.30s %s%s", sd->label ? sd->label : sd->id,
				 value, sd->override_allowed && fv->form->editable ? "   (o overrides)" : "");
		ui_draw_text(y++, 2, COLS - 3, line, TEXT_LEFT,
			     i == fv->summary_cursor ? UI_SELECTED : UI_NORMAL);
	}
	if (!def->score_count && y < bottom)
		ui_draw_text(y++, 2, COLS - 3, "This form has no scores", TEXT_LEFT, UI_DIM);
	y++;
	if (fv->qa.has && y < bottom) {
		y = ui_review_panel_draw(&fv->qa, NULL, y, bottom);
		for (size_t i = 0; i < fv->qa.comment_count && y < bottom; i++) {
			const struct review_comment *c = &fv->qa.comments[i];
			int slot = c->anchor[0] ? formdef_field_slot(def, c->anchor) : -1;
			if (slot < 0)
				continue; /* on the whole form: in the header */
			char line[4400];
			snprintf(line, sizeof line, "\u25c6 %s, round %d, on %s: %s", c->author_name,
				 c->round, def->fields[slot].label ? def->fields[slot].label : c->anchor,
				 c->body);
			ui_draw_text(y++, 2, COLS - 3, line, TEXT_LEFT,
				     c->round == fv->qa.review.round ? UI_URGENT : UI_DIM);
		}
		y++;
	}
	if (!fv->form->editable) {
		char line[600];
		snprintf(line, sizeof line, "%s by %s%s%s", app_form_state_name(fv->form->resp.state),
			 fv->form->resp.author_name, fv->form->resp.finalized_at[0] ? " at " : "",
			 fv->form->resp.finalized_at);
		if (y < bottom)
			ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_LABEL);
		return;
	}
	size_t count = 0;
	const struct formeval_issue *issues = formeval_issues(fv->form->ev, &count);
	if (y < bottom)
		ui_draw_text(y++, 1, COLS - 2,
			     count ? "Before finalizing (F5)" : "Nothing blocks finalizing: F5 finalizes",
			     TEXT_LEFT, count ? UI_HEADER : UI_GOOD);
	for (size_t i = 0; i < count && y < bottom; i++) {
		char line[400];
		const char *where = issues[i].slot >= 0 ? def->fields[issues[i].slot].label : "Form";
		snprintf(line, sizeof line, "%s %s: %s",
			 issues[i].severity == FORMDEF_ERROR ? "\u2717" : "!", where ? where : "",
			 issues[i].message);
		ui_draw_text(y++, 2, COLS - 3, line, TEXT_LEFT,
			     issues[i].severity == FORMDEF_ERROR ? UI_URGENT : UI_SOON);
	}
}

static void fv_draw_header(struct form_view *fv)
{
	const struct formdef *def = fv_def(fv);
	char where[600], line[600];
	snprintf(where, sizeof where, "%s v%d \u00b7 %s", def->title, def->version, fv->person_name);
	char detail[160];
	snprintf(detail, sizeof detail, " %s%s", app_form_state_name(fv->form->resp.state),
		 fv->form->withheld ? " \u00b7 some answers confidential" : "");
	ui_draw_title(NULL, where, detail);
	if (fv_summary_page(fv))
		snprintf(line, sizeof line, " Summary: check the answers \u00b7 %zu problem%s",
			 formeval_error_count(fv->form->ev),
			 formeval_error_count(fv->form->ev) == 1 ? "" : "s");
	else
		snprintf(line, sizeof line, " Section %zu of %zu: %s", fv->section + 1,
			 def->section_count, def->sections[fv->section].title);
	ui_draw_fill(1, 0, COLS, UI_TAB_ACTIVE);
	ui_draw_text(1, 0, COLS, line, TEXT_LEFT, UI_TAB_ACTIVE);
}

/* The help line of the active field: its help text, else its full label. */
static void fv_draw_help(struct form_view *fv, int y)
{
	const struct formdef_field *f = fv_field(fv, fv_current(fv));
	if (!f || fv_summary_page(fv))
		return;
	char line[600];
	snprintf(line, sizeof line, "%s%s%s", f->label ? f->label : "", f->help ? ": " : "",
		 f->help ? f->help : "");
	ui_draw_text(y, 1, COLS - 2, line, TEXT_LEFT, UI_DIM);
}

static void fv_draw(struct ui_view *view, struct ui *ui)
{
	struct form_view *fv = fv_of(view);
	fv_build(fv);
	erase();
	fv_draw_header(fv);
	int top = 2, bottom = LINES - 2;
	if (fv_summary_page(fv)) {
		fv_draw_summary(fv, top, bottom);
	} else {
		/* keep the active item in view */
		int line = 0, active_line = 0, active_h = 1;
		for (size_t i = 0; i < fv->item_count; i++) {
			if (i == fv->active) {
				active_line = line;
				active_h = fv_item_height(fv, i);
			}
			line += fv_item_height(fv, i);
		}
		int rows = bottom - top;
		if (active_line < fv->top)
			fv->top = active_line;
		if (active_line + active_h > fv->top + rows)
			fv->top = active_line + active_h - rows;
		if (fv->top < 0)
			fv->top = 0;
		line = 0;
		for (size_t i = 0; i < fv->item_count; i++) {
			int h = fv_item_height(fv, i);
			int y = top + line - fv->top;
			if (y >= top && y < bottom)
				fv_draw_item(fv, i, y, bottom);
			line += h;
		}
		if (!fv->item_count)
			ui_draw_text(top, 1, COLS - 2, "Nothing to answer here (skipped by earlier answers)",
				     TEXT_LEFT, UI_DIM);
	}
	fv_draw_help(fv, LINES - 2);
	static const char *const edit_hints[] = {"Tab", "next", "PgDn", "section", "F5", "finalize",
						 "F6", "summary", "Esc", "close", NULL};
	static const char *const read_hints[] = {"PgDn", "section", "a", "amend", "F6", "summary",
						 "Esc", "back", NULL};
	static const char *const review_hints[] = {"m", "comment", "A", "approve", "R", "return",
						   "c", "checklist", "n/p", "next/prev", "t", "take",
						   "Esc", "back", NULL};
	static const char *const returned_hints[] = {"e", "change it", "F6", "comments", "Esc",
						     "back", NULL};
	const char *right = fv->typing ? "unsaved" : "saved";
	bool returned = fv->form->resp.state == FORM_RETURNED &&
			fv->form->resp.author_id == ui->app->me.id;
	ui_draw_status(ui, fv->form->editable ? edit_hints
			   : fv->qa.reviewing ? review_hints
			   : returned	      ? returned_hints
					      : read_hints,
		       fv->form->editable ? right : NULL);
}

/* ---- keys ---- */

static void fv_finalize(struct form_view *fv, struct ui *ui)
{
	fv_flush(fv, ui);
	char msg[APP_FORM_MESSAGE_SIZE];
	fv->show_all = true;
	enum cl_status st = app_form_finalize(ui->app, fv->form, fv->confirm, msg, sizeof msg);
	if (st == CL_OK) {
		ui_message(ui, UI_MSG_INFO, "%s", msg);
		fv->section = fv_def(fv)->section_count; /* show what was frozen */
		fv_build(fv);
		return;
	}
	/* a first refusal for warnings only arms the second F5 */
	fv->confirm = st == CL_ERR_INVALID && formeval_error_count(fv->form->ev) == 0;
	ui_message(ui, UI_MSG_ERROR, "%s", msg);
	if (formeval_error_count(fv->form->ev))
		fv_goto(fv, ui, fv_def(fv)->section_count, 0);
}

static void fv_attest(struct form_view *fv, struct ui *ui, const struct fv_item *it)
{
	char text[400], when[32];
	time_t now = clock_now(&ui->app->clock);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	snprintf(text, sizeof text, "%s at %s", ui->app->me.display_name, when);
	fv_set(fv, ui, it->slot, it->row, text);
}

static enum ui_result fv_choice_key(struct form_view *fv, struct ui *ui, const struct fv_item *it,
				    ui_key key)
{
	const struct formdef_field *f = fv_field(fv, it);
	const struct formdef_choice *choices[64];
	size_t n = fv_choices(f, choices, 64);
	if (fv->picking) {
		if (key == UI_FN(KEY_UP) || key == 'k') {
			fv->pick = fv->pick ? fv->pick - 1 : 0;
		} else if (key == UI_FN(KEY_DOWN) || key == 'j') {
			fv->pick = fv->pick + 1 < n ? fv->pick + 1 : fv->pick;
		} else if (key == ' ' && f->type == FORMDEF_SELECT_MULTIPLE) {
			fv_choose(fv, ui, it, fv->pick);
		} else if (key == '\r' || key == '\n' || key == ' ') {
			if (f->type != FORMDEF_SELECT_MULTIPLE)
				fv_choose(fv, ui, it, fv->pick);
			fv->picking = false;
		} else if (key == UI_ESC) {
			fv->picking = false;
		} else if (key >= '1' && key <= '9') {
			fv_choose(fv, ui, it, (size_t)(key - '1'));
			fv->picking = f->type == FORMDEF_SELECT_MULTIPLE;
		} else {
			return UI_DECLINED;
		}
		return UI_HANDLED;
	}
	if (f->type == FORMDEF_YES_NO && (key == 'y' || key == 'Y' || key == 'n' || key == 'N')) {
		fv_set(fv, ui, it->slot, it->row, key == 'y' || key == 'Y' ? "yes" : "no");
		return UI_HANDLED;
	}
	if (key >= '1' && key <= '9') {
		fv_choose(fv, ui, it, (size_t)(key - '1'));
		return UI_HANDLED;
	}
	if (key == '\r' || key == '\n' || key == ' ') {
		fv->picking = true;
		fv->pick = 0;
		const char *text = formeval_text(fv->form->ev, it->slot, it->row);
		for (size_t i = 0; i < n; i++)
			if (!strcmp(text, choices[i]->value))
				fv->pick = i;
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_BACKSPACE) || key == UI_FN(KEY_DC) || key == 127 || key == '\b') {
		fv_set(fv, ui, it->slot, it->row, "");
		return UI_HANDLED;
	}
	return UI_DECLINED;
}

/* Keys that edit the active field. */
static enum ui_result fv_field_key(struct form_view *fv, struct ui *ui, ui_key key)
{
	const struct fv_item *it = fv_current(fv);
	const struct formdef_field *f = fv_field(fv, it);
	if (!f || it->heading)
		return UI_DECLINED;
	if (fv_is_choice(f->type))
		return fv_choice_key(fv, ui, it, key);
	if (f->type == FORMDEF_ATTESTATION) {
		if (key == ' ' || key == '\r' || key == 'y') {
			fv_attest(fv, ui, it);
			return UI_HANDLED;
		}
		if (key == UI_FN(KEY_BACKSPACE) || key == 127 || key == UI_FN(KEY_DC)) {
			fv_set(fv, ui, it->slot, it->row, "");
			return UI_HANDLED;
		}
		return UI_DECLINED;
	}
	if (fv_is_area(f->type)) {
		ui_textedit_layout(&fv->area, COLS - fv_label_width() - 4);
		/* the arrows leave the area from its first and its last line */
		size_t line;
		int col;
		ui_textedit_cursor_at(&fv->area, &line, &col);
		if ((key == UI_FN(KEY_UP) && line == 0) ||
		    (key == UI_FN(KEY_DOWN) && line + 1 >= ui_textedit_line_count(&fv->area)))
			return UI_DECLINED;
		bool consumed = ui_textedit_key(&fv->area, key, FORM_AREA_LINES);
		if (fv->area.changed) {
			fv->typing = true;
			fv->idle_ticks = 0;
		}
		return consumed ? UI_HANDLED : UI_DECLINED;
	}
	if (fv_is_text(f->type)) {
		bool consumed = ui_lineedit_key(&fv->line, key);
		if (fv->line.changed) {
			fv->typing = true;
			fv->idle_ticks = 0;
		}
		return consumed ? UI_HANDLED : UI_DECLINED;
	}
	return UI_DECLINED;
}

static void fv_row_add(struct form_view *fv, struct ui *ui)
{
	int repeat = fv_current_repeat(fv);
	char msg[APP_FORM_MESSAGE_SIZE];
	if (repeat < 0) {
		ui_message(ui, UI_MSG_ERROR, "Rows are added to a list of rows (a repeat): move to one");
		return;
	}
	fv_flush(fv, ui);
	if (app_form_row_add(ui->app, fv->form, repeat, msg, sizeof msg) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
		return;
	}
	fv_build(fv);
	/* onto the new row's first field */
	size_t last_row = formeval_rows(fv->form->ev, repeat) - 1;
	for (size_t i = 0; i < fv->item_count; i++)
		if (fv->items[i].row == last_row && fv_def(fv)->fields[fv->items[i].slot].parent == repeat) {
			fv_goto(fv, ui, fv->section, i);
			break;
		}
}

static void fv_row_remove(struct form_view *fv, struct ui *ui)
{
	const struct fv_item *it = fv_current(fv);
	int repeat = fv_current_repeat(fv);
	if (repeat < 0 || !it || it->heading) {
		ui_message(ui, UI_MSG_ERROR, "Move to a row of a list to remove it");
		return;
	}
	char msg[APP_FORM_MESSAGE_SIZE];
	fv_flush(fv, ui);
	enum cl_status st = app_form_row_remove(ui->app, fv->form, repeat, it->row, msg, sizeof msg);
	ui_message(ui, st == CL_OK ? UI_MSG_INFO : UI_MSG_ERROR, "%s", msg);
	fv_goto(fv, ui, fv->section, fv->active);
}

static enum cl_status fv_override_submit(void *ctx, struct ui *ui, const char *const *t,
					 char *msg, size_t msgsz)
{
	struct form_view *fv = ctx;
	return app_form_override(ui->app, fv->form, fv->summary_cursor, t[0], t[1], msg, msgsz);
}

static void fv_override(struct form_view *fv, struct ui *ui)
{
	const struct formdef *def = fv_def(fv);
	if (!fv->form->editable || fv->summary_cursor >= def->score_count ||
	    !def->scores[fv->summary_cursor].override_allowed) {
		ui_message(ui, UI_MSG_ERROR, "Select a score that allows an override");
		return;
	}
	static const struct ui_dialog_field_def defs[] = {
		{"Level", "one of the score's levels; empty removes the override", 60},
		{"Reason", "why the computed level does not fit this person", 250},
	};
	const struct formeval_score *s = formeval_score(fv->form->ev, fv->summary_cursor);
	const char *texts[] = {s->override_level, s->override_reason};
	fv->override_ops = (struct ui_dialog_ops){.submit = fv_override_submit};
	ui_view_push(ui, ui_dialog_new("Override the level", false, defs, 2, texts, NULL,
				       &fv->override_ops, fv));
}

static enum ui_result fv_amend(struct form_view *fv, struct ui *ui)
{
	char msg[APP_FORM_MESSAGE_SIZE];
	struct app_form *amendment;
	if (app_form_amend(ui->app, fv->form->resp.id, &amendment, msg, sizeof msg) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
		return UI_HANDLED;
	}
	app_form_free(&fv->form);
	fv->form = amendment;
	fv->section = 0;
	fv->active = 0;
	fv->show_all = false;
	fv_goto(fv, ui, 0, 0);
	ui_message(ui, UI_MSG_INFO, "%s", msg);
	return UI_HANDLED;
}

/* ---- reviewing ---- */

static void fv_reopen_for_changes(struct form_view *fv, struct ui *ui)
{
	char msg[APP_FORM_MESSAGE_SIZE];
	struct app_form *fresh;
	if (app_review_reopen(ui->app, fv->form->resp.id, msg, sizeof msg) != CL_OK ||
	    app_form_open(ui->app, fv->form->resp.id, &fresh, msg, sizeof msg) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
		return;
	}
	app_form_free(&fv->form);
	fv->form = fresh;
	fv_review_load(fv, ui);
	fv_goto(fv, ui, 0, 0);
	fv->active = fv_focus_from(fv, 0, 1);
	fv_load_editors(fv);
	ui_message(ui, UI_MSG_INFO, "Open for changes: the reviewer's comments are beside the "
				    "fields; F5 submits it again");
}

/* Keys on a form that is not being filled in: the reviewer's and the returned form's
 * author's. */
static enum ui_result fv_review_key(struct form_view *fv, struct ui *ui, ui_key key)
{
	if (key == 'e' && fv->form->resp.state == FORM_RETURNED &&
	    fv->form->resp.author_id == ui->app->me.id) {
		fv_reopen_for_changes(fv, ui);
		return UI_HANDLED;
	}
	const struct formdef_field *f = fv_summary_page(fv) ? NULL : fv_field(fv, fv_current(fv));
	/* may free fv (n, p): nothing after it */
	return ui_review_panel_key(&fv->qa, ui, key, f ? f->id : "",
				   f ? (f->label ? f->label : f->id) : "");
}

static enum ui_result fv_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct form_view *fv = fv_of(view);
	if (key == UI_FN(KEY_F(1)) || key == UI_FN(KEY_F(12)) || key == UI_CTRL('l'))
		return UI_DECLINED;
	if (key == UI_ESC && !fv->picking) {
		fv_flush(fv, ui);
		if (!fv->typing)
			ui_view_pop(ui);
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_NPAGE) || key == UI_FN(KEY_PPAGE)) {
		fv_section_step(fv, ui, key == UI_FN(KEY_NPAGE) ? 1 : -1);
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_F(6))) {
		fv_goto(fv, ui, fv_def(fv)->section_count, 0);
		return UI_HANDLED;
	}
	if (!fv->form->editable && fv_review_key(fv, ui, key) == UI_HANDLED) {
		ui->dirty = true; /* fv may be gone (n, p) */
		return UI_HANDLED;
	}
	if (fv_summary_page(fv)) {
		if (key == UI_FN(KEY_UP) || key == 'k')
			fv->summary_cursor = fv->summary_cursor ? fv->summary_cursor - 1 : 0;
		else if (key == UI_FN(KEY_DOWN) || key == 'j')
			fv->summary_cursor += fv->summary_cursor + 1 < fv_def(fv)->score_count;
		else if (key == 'o' && fv->form->editable)
			fv_override(fv, ui);
		else if (key == UI_FN(KEY_F(5)) || key == UI_CTRL('x'))
			fv->form->editable ? fv_finalize(fv, ui) : (void)0;
		else if (key == 'a' && !fv->form->editable)
			return fv_amend(fv, ui);
		else if (key == 'q')
			ui_view_pop(ui);
		ui->dirty = true;
		return UI_HANDLED;
	}
	if (!fv->form->editable) {
		if (key == 'a')
			return fv_amend(fv, ui);
		if (key == UI_FN(KEY_DOWN) || key == 'j' || key == '\t')
			fv_move(fv, ui, 1);
		else if (key == UI_FN(KEY_UP) || key == 'k' || key == UI_FN(KEY_BTAB))
			fv_move(fv, ui, -1);
		else if (key == 'q')
			ui_view_pop(ui);
		else
			return UI_DECLINED;
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_F(5)) || key == UI_CTRL('x')) {
		fv_finalize(fv, ui);
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_F(7))) {
		fv_row_add(fv, ui);
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_F(8))) {
		fv_row_remove(fv, ui);
		return UI_HANDLED;
	}
	if (fv_field_key(fv, ui, key) == UI_HANDLED) {
		ui->dirty = true;
		return UI_HANDLED;
	}
	if (key == '\t' || key == UI_FN(KEY_DOWN) || key == '\r' || key == '\n') {
		if (fv->active + 1 >= fv->item_count && key == '\t')
			fv_section_step(fv, ui, 1);
		else
			fv_move(fv, ui, 1);
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_BTAB) || key == UI_FN(KEY_UP)) {
		fv_move(fv, ui, -1);
		return UI_HANDLED;
	}
	return UI_HANDLED; /* while filling in, no other key acts behind the user's back */
}

static enum ui_result fv_action(struct ui_view *view, struct ui *ui, enum ui_action action, int arg)
{
	(void)view, (void)ui, (void)arg;
	return action == ACT_HELP || action == ACT_LOCK || action == ACT_REDRAW ? UI_DECLINED
									       : UI_HANDLED;
}

static void fv_tick(struct ui_view *view, struct ui *ui)
{
	struct form_view *fv = fv_of(view);
	if (fv->typing && ++fv->idle_ticks >= FORM_AUTOSAVE_TICKS)
		fv_flush(fv, ui);
}

static void fv_resume(struct ui_view *view, struct ui *ui)
{
	struct form_view *fv = fv_of(view);
	/* a decision or a comment was made in a dialog above: show it */
	if (ui_review_panel_resume(&fv->qa, ui))
		return; /* replaced by the next review */
	ui->dirty = true;
}

static void fv_destroy(struct ui_view *view)
{
	struct form_view *fv = fv_of(view);
	app_form_free(&fv->form);
	ui_review_panel_clear(&fv->qa);
	ui_lineedit_clear(&fv->line);
	ui_textedit_clear(&fv->area);
	free(fv->items);
	free(fv);
}

static const struct ui_binding form_bindings[] = {
	{'\t', ACT_DOWN, 0, "Tab Down Enter"},
	{UI_FN(KEY_BTAB), ACT_UP, 0, "Shift-Tab Up"},
	{UI_FN(KEY_NPAGE), ACT_PAGE_DOWN, 0, "PgDn PgUp"},
	{UI_FN(KEY_F(5)), ACT_NONE, 0, "F5"},
	{UI_FN(KEY_F(6)), ACT_NONE, 0, "F6"},
	{UI_FN(KEY_F(7)), ACT_NONE, 0, "F7 F8"},
	{'a', ACT_NOTE_AMEND, 0, "a"},
};
static const struct ui_keymap form_keymap = {
	"A form: Tab, Down or Enter moves to the next field and saves the answer (text is also "
	"saved a moment after you stop typing); PgDn and PgUp move between sections (those "
	"skipped by earlier answers are passed over), the last page is the summary (F6): scores, "
	"levels, overrides (o) and what blocks finalizing. Choices: their number, y/n, or Enter "
	"for the list (Space ticks in a multiple choice). F7 adds a row to a list of rows, F8 "
	"removes the row you are in. F5 (or Ctrl-X) finalizes; with warnings only, F5 again. "
	"Esc closes (nothing is lost: continue from the record's Forms tab). On a finalized "
	"form, a amends it",
	form_bindings, (int)(sizeof form_bindings / sizeof form_bindings[0])};

static const struct ui_view_ops form_ops = {
	.name = "Form",
	.keymap = &form_keymap,
	.draw = fv_draw,
	.action = fv_action,
	.key = fv_key,
	.tick = fv_tick,
	.resume = fv_resume,
	.destroy = fv_destroy,
};

static struct ui_view *fv_new(struct ui *ui, struct app_form *form)
{
	struct form_view *fv = xcalloc(1, sizeof *fv);
	fv->base.ops = &form_ops;
	fv->form = form;
	fv->edit_slot = -1;
	ui_lineedit_init(&fv->line, FORM_ANSWER_MAX_BYTES);
	ui_textedit_init(&fv->area, FORM_ANSWER_MAX_BYTES);
	struct caseload_row row;
	if (app_caseload_row(ui->app, form->resp.person_id, &row) == CL_OK)
		snprintf(fv->person_name, sizeof fv->person_name, "%s (%s)", row.name, row.oid);
	fv_review_load(fv, ui);
	fv_build(fv);
	fv->active = fv_focus_from(fv, 0, 1);
	fv_load_editors(fv);
	return &fv->base;
}

struct ui_view *ui_form_view_new(struct ui *ui, int64_t response_id)
{
	struct app_form *form;
	char msg[APP_FORM_MESSAGE_SIZE];
	if (app_form_open(ui->app, response_id, &form, msg, sizeof msg) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
		return NULL;
	}
	if (form->withheld)
		ui_message(ui, UI_MSG_INFO, "Some answers are confidential and hidden from you");
	return fv_new(ui, form);
}

static struct ui_view *fv_review_open(struct ui *ui, int64_t review_id, const int64_t *queue,
				      size_t count, size_t pos)
{
	struct review r;
	if (app_review_get(ui->app, review_id, &r) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "This review is no longer yours to see");
		return NULL;
	}
	/* a plan is reviewed on its own screen */
	if (r.kind == REVIEW_CASE_PLAN)
		return ui_case_plan_review_new(ui, &r, queue, count, pos);
	if (r.kind == REVIEW_RELEASE_PLAN)
		return ui_release_plan_review_new(ui, &r, queue, count, pos);
	struct ui_view *view = ui_form_view_new(ui, r.object_id);
	if (!view)
		return NULL;
	struct form_view *fv = fv_of(view);
	ui_review_panel_set_queue(&fv->qa, queue, count, pos);
	fv->section = fv_def(fv)->section_count; /* the summary first: state, comments, scores */
	return view;
}

struct ui_view *ui_review_view_new(struct ui *ui, int64_t review_id, const int64_t *queue,
				   size_t count, size_t pos)
{
	return fv_review_open(ui, review_id, queue, count, pos);
}

struct ui_view *ui_form_start_new(struct ui *ui, int64_t person_id, const char *form_id)
{
	struct app_form *form;
	char msg[APP_FORM_MESSAGE_SIZE];
	if (app_form_start(ui->app, person_id, form_id, &form, msg, sizeof msg) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
		return NULL;
	}
	ui_message(ui, UI_MSG_INFO, "%s", msg);
	return fv_new(ui, form);
}

/* ---- choosing a form to start ---- */

#define PICK_MAX 64

struct form_pick_view {
	struct ui_view base;
	int64_t person_id;
	const struct formdef *defs[PICK_MAX];
	size_t count, cursor;
};

static void fp_draw(struct ui_view *view, struct ui *ui)
{
	struct form_pick_view *pv = (struct form_pick_view *)view;
	int h = (int)pv->count + 4, w = COLS - 8 < 76 ? COLS - 8 : 76;
	if (h > LINES - 4)
		h = LINES - 4;
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
	for (int y = y0; y < y0 + h; y++)
		ui_draw_fill(y, x0, w, UI_NORMAL);
	ui_draw_box(y0, x0, h, w, "Start a form");
	size_t first = pv->cursor >= (size_t)(h - 4) ? pv->cursor - (size_t)(h - 4) + 1 : 0;
	for (size_t i = first; i < pv->count && (int)(i - first) < h - 4; i++) {
		char line[500];
		const struct formdef *d = pv->defs[i];
		snprintf(line, sizeof line, "%s (v%d)%s", d->title, d->version,
			 d->review == FORMDEF_REVIEW_REQUIRED ? "  \u00b7 reviewed" : "");
		ui_draw_text(y0 + 2 + (int)(i - first), x0 + 2, w - 4, line, TEXT_LEFT,
			     i == pv->cursor ? UI_SELECTED : UI_NORMAL);
	}
	static const char *const hints[] = {"Enter", "start", "Esc", "cancel", NULL};
	ui_draw_status(ui, hints, NULL);
}

static enum ui_result fp_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct form_pick_view *pv = (struct form_pick_view *)view;
	if (key == UI_FN(KEY_UP) || key == 'k')
		pv->cursor = pv->cursor ? pv->cursor - 1 : 0;
	else if (key == UI_FN(KEY_DOWN) || key == 'j')
		pv->cursor += pv->cursor + 1 < pv->count;
	else if (key == UI_ESC || key == 'q')
		ui_view_pop(ui);
	else if (key > ' ' && key < 127 && key != 'j' && key != 'k') {
		/* a letter jumps to the next form whose title starts with it */
		for (size_t step = 1; step <= pv->count; step++) {
			size_t i = (pv->cursor + step) % pv->count;
			if (tolower((unsigned char)pv->defs[i]->title[0]) == tolower(key)) {
				pv->cursor = i;
				break;
			}
		}
	} else if (key == '\r' || key == '\n') {
		int64_t person = pv->person_id;
		char id[FORM_ID_SIZE];
		str_copy(id, sizeof id, pv->defs[pv->cursor]->id);
		ui_view_pop(ui); /* frees pv */
		struct ui_view *next = ui_form_start_new(ui, person, id);
		if (next)
			ui_view_push(ui, next);
	} else
		return UI_DECLINED;
	ui->dirty = true;
	return UI_HANDLED;
}

static void fp_destroy(struct ui_view *view)
{
	free(view);
}

static const struct ui_keymap form_pick_keymap = {
	"Start a form: Up and Down choose (or the first letter of its title), Enter starts it on "
	"this person, Esc cancels", NULL, 0};

static const struct ui_view_ops form_pick_ops = {
	.name = "Start a form",
	.keymap = &form_pick_keymap,
	.overlay = true,
	.draw = fp_draw,
	.key = fp_key,
	.destroy = fp_destroy,
};

struct ui_view *ui_form_pick_new(struct ui *ui, int64_t person_id)
{
	struct form_pick_view *pv = xcalloc(1, sizeof *pv);
	pv->base.ops = &form_pick_ops;
	pv->person_id = person_id;
	pv->count = app_forms_startable(ui->app, pv->defs, PICK_MAX);
	if (!pv->count) {
		ui_message(ui, UI_MSG_ERROR, "No form is available to your role (see caseload "
					     "forms check for forms that failed to load)");
		free(pv);
		return NULL;
	}
	return &pv->base;
}
