#include "dialog.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"

#define DIALOG_MESSAGE_SIZE 256
#define DIALOG_DRAFT_TICKS 2 /* idle ticks (about half a second) before a draft is kept */

struct ui_dialog {
	struct ui_view base;
	char title[128];
	bool autosave;
	int count;
	int active;
	struct ui_dialog_field_def defs[UI_DIALOG_MAX_FIELDS];
	struct ui_lineedit edits[UI_DIALOG_MAX_FIELDS];
	bool draft_dirty[UI_DIALOG_MAX_FIELDS]; /* typed since the last draft save */
	int idle_ticks;
	bool discard_armed; /* Esc pressed once on a field that would not save */
	char message[DIALOG_MESSAGE_SIZE];
	bool message_error;
	const struct ui_dialog_ops *ops;
	void *ctx;
};

static const struct ui_binding dialog_bindings[] = {
	{'\t', ACT_DOWN, 0, "Tab Down"},
	{UI_FN(KEY_BTAB), ACT_UP, 0, "Shift-Tab Up"},
	{'\r', ACT_OPEN, 0, "Enter"},
	{UI_CTRL('s'), ACT_OPEN, 0, "Ctrl-S"},
};

static const struct ui_keymap dialog_keymap = {
	"Dialog: Enter saves the field (or does the action); Esc closes. Editing: Left/Right, "
	"Home/End or Ctrl-A/Ctrl-E, Shift-Left/Right by word, Backspace/Delete, Ctrl-U/Ctrl-K "
	"delete to start/end, Ctrl-W deletes a word, Ctrl-Z undoes",
	dialog_bindings, (int)(sizeof dialog_bindings / sizeof dialog_bindings[0])};

static struct ui_dialog *dialog_of(struct ui_view *view)
{
	return (struct ui_dialog *)view;
}

static void dialog_say(struct ui_dialog *d, bool error, const char *text)
{
	snprintf(d->message, sizeof d->message, "%s", text);
	d->message_error = error;
}

/* Reloads the stored value of every field the user has not changed. */
static void dialog_reformat(struct ui_dialog *d)
{
	if (!d->ops->format)
		return;
	for (int i = 0; i < d->count; i++) {
		if (d->edits[i].changed)
			continue;
		char buf[512];
		d->ops->format(d->ctx, i, buf, sizeof buf);
		ui_lineedit_set(&d->edits[i], buf);
	}
}

/* Autosave: saves the active field if it changed. False when it was refused. */
static bool dialog_commit_active(struct ui_dialog *d, struct ui *ui)
{
	struct ui_lineedit *le = &d->edits[d->active];
	if (!d->autosave || !le->changed)
		return true;
	char msg[DIALOG_MESSAGE_SIZE];
	msg[0] = '\0';
	enum cl_status st = d->ops->commit(d->ctx, ui, d->active, le->text.buf, msg, sizeof msg);
	if (st != CL_OK) {
		dialog_say(d, true, msg);
		/* a stale record was reloaded: show the others' values around the kept text */
		dialog_reformat(d);
		return false;
	}
	ui_lineedit_mark_clean(le);
	d->draft_dirty[d->active] = false;
	dialog_reformat(d);
	char buf[512];
	d->ops->format(d->ctx, d->active, buf, sizeof buf);
	ui_lineedit_set(le, buf);
	dialog_say(d, false, msg);
	return true;
}

static void dialog_focus(struct ui_dialog *d, struct ui *ui, int delta)
{
	if (!dialog_commit_active(d, ui))
		return;
	d->active = (d->active + delta + d->count) % d->count;
	d->discard_armed = false;
}

static void dialog_close(struct ui_dialog *d, struct ui *ui, bool discard)
{
	if (d->autosave && discard && d->ops->draft_discard) {
		for (int i = 0; i < d->count; i++)
			if (d->edits[i].changed)
				d->ops->draft_discard(d->ctx, ui, i);
	}
	ui_view_pop(ui);
}

static void dialog_escape(struct ui_dialog *d, struct ui *ui)
{
	if (!d->autosave) {
		dialog_close(d, ui, false);
		return;
	}
	if (d->discard_armed) {
		dialog_close(d, ui, true);
		ui_message(ui, UI_MSG_INFO, "Unsaved change discarded");
		return;
	}
	if (dialog_commit_active(d, ui)) {
		char said[DIALOG_MESSAGE_SIZE];
		snprintf(said, sizeof said, "%s", d->message);
		dialog_close(d, ui, false); /* frees d */
		if (said[0])
			ui_message(ui, UI_MSG_INFO, "%s", said);
		return;
	}
	d->discard_armed = true;
	char msg[DIALOG_MESSAGE_SIZE];
	snprintf(msg, sizeof msg, "%s. Esc again discards your change", d->message);
	dialog_say(d, true, msg);
}

static void dialog_submit(struct ui_dialog *d, struct ui *ui)
{
	const char *texts[UI_DIALOG_MAX_FIELDS];
	for (int i = 0; i < d->count; i++)
		texts[i] = d->edits[i].text.buf;
	char msg[DIALOG_MESSAGE_SIZE];
	msg[0] = '\0';
	if (d->ops->submit(d->ctx, ui, texts, msg, sizeof msg) == CL_OK) {
		ui_view_pop(ui); /* this dialog is freed here */
		ui_message(ui, UI_MSG_INFO, "%s", msg);
		return;
	}
	dialog_say(d, true, msg);
}

static enum ui_result dialog_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct ui_dialog *d = dialog_of(view);
	if (key == UI_ESC) {
		dialog_escape(d, ui);
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_RESIZE))
		return UI_HANDLED;
	if (ui_lineedit_key(&d->edits[d->active], key)) {
		d->draft_dirty[d->active] = d->autosave;
		d->idle_ticks = 0;
		d->discard_armed = false;
		return UI_HANDLED;
	}
	return UI_DECLINED;
}

static enum ui_result dialog_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				    int arg)
{
	struct ui_dialog *d = dialog_of(view);
	(void)arg;
	switch (action) {
	case ACT_UP:
		dialog_focus(d, ui, -1);
		return UI_HANDLED;
	case ACT_DOWN:
		dialog_focus(d, ui, 1);
		return UI_HANDLED;
	case ACT_OPEN:
		if (!d->autosave)
			dialog_submit(d, ui);
		else if (dialog_commit_active(d, ui) && d->active + 1 < d->count)
			d->active++;
		return UI_HANDLED;
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_REDRAW:
	case ACT_LOCK:
		return UI_DECLINED;
	default:
		return UI_HANDLED; /* nothing of the screen below reacts while a dialog is open */
	}
}

static void dialog_tick(struct ui_view *view, struct ui *ui)
{
	struct ui_dialog *d = dialog_of(view);
	if (!d->autosave || !d->draft_dirty[d->active])
		return;
	if (++d->idle_ticks < DIALOG_DRAFT_TICKS)
		return;
	d->ops->draft_save(d->ctx, ui, d->active, d->edits[d->active].text.buf);
	d->draft_dirty[d->active] = false;
}

static void dialog_draw(struct ui_view *view, struct ui *ui)
{
	struct ui_dialog *d = dialog_of(view);
	int width = COLS - 4 < 84 ? COLS - 4 : 84;
	int height = d->count + 6;
	int y0 = (LINES - height) / 2, x0 = (COLS - width) / 2;
	if (y0 < 1)
		y0 = 1;
	ui_draw_box(y0, x0, height, width, d->title);
	int label_w = 0;
	for (int i = 0; i < d->count; i++) {
		int w = text_width(d->defs[i].label);
		label_w = w > label_w ? w : label_w;
	}
	if (label_w > width / 3)
		label_w = width / 3;
	int input_x = x0 + 3 + label_w + 1, input_w = width - (input_x - x0) - 3;
	for (int i = 0; i < d->count; i++) {
		int y = y0 + 2 + i;
		bool unsaved = d->autosave && d->edits[i].changed;
		ui_draw_text(y, x0 + 1, 1, unsaved ? "*" : " ", TEXT_LEFT, UI_SOON);
		ui_draw_text(y, x0 + 2, label_w, d->defs[i].label, TEXT_RIGHT,
			     i == d->active ? UI_HEADER : UI_LABEL);
		if (i != d->active)
			ui_lineedit_draw(&d->edits[i], y, input_x, input_w, false);
	}
	int hint_y = y0 + 2 + d->count + 1;
	ui_draw_text(hint_y, x0 + 2, width - 4, d->defs[d->active].hint, TEXT_LEFT, UI_DIM);
	if (d->message[0])
		ui_draw_text(hint_y + 1, x0 + 2, width - 4, d->message, TEXT_LEFT,
			     d->message_error ? UI_URGENT : UI_GOOD);
	static const char *const hints_auto[] = {"Enter", "save field", "Tab", "next", "Esc",
						 "save & close", "F1", "help", NULL};
	static const char *const hints_submit[] = {"Enter", "save", "Tab", "next field", "Esc",
						   "cancel", "F1", "help", NULL};
	ui_draw_status(ui, d->autosave ? hints_auto : hints_submit,
		       d->autosave ? "changes save as you go " : "");
	/* the active field last, so the cursor ends up in it */
	ui_lineedit_draw(&d->edits[d->active], y0 + 2 + d->active, input_x, input_w, true);
}

static void dialog_destroy(struct ui_view *view)
{
	struct ui_dialog *d = dialog_of(view);
	for (int i = 0; i < d->count; i++)
		ui_lineedit_clear(&d->edits[i]);
	curs_set(0);
	free(d);
}

static const struct ui_view_ops dialog_ops = {
	.name = "Dialog",
	.keymap = &dialog_keymap,
	.overlay = true,
	.draw = dialog_draw,
	.action = dialog_action,
	.key = dialog_key,
	.tick = dialog_tick,
	.destroy = dialog_destroy,
};

struct ui_view *ui_dialog_new(const char *title, bool autosave, const struct ui_dialog_field_def *defs,
			      int count, const char *const *texts, const char *const *drafts,
			      const struct ui_dialog_ops *ops, void *ctx)
{
	struct ui_dialog *d = xcalloc(1, sizeof *d);
	d->base.ops = &dialog_ops;
	snprintf(d->title, sizeof d->title, "%s", title);
	d->autosave = autosave;
	d->count = count > UI_DIALOG_MAX_FIELDS ? UI_DIALOG_MAX_FIELDS : count;
	d->ops = ops;
	d->ctx = ctx;
	int restored = 0;
	for (int i = 0; i < d->count; i++) {
		d->defs[i] = defs[i];
		ui_lineedit_init(&d->edits[i], defs[i].max_bytes);
		d->edits[i].secret = defs[i].secret;
		ui_lineedit_set(&d->edits[i], texts && texts[i] ? texts[i] : "");
		if (drafts && drafts[i]) {
			ui_lineedit_set(&d->edits[i], drafts[i]);
			d->edits[i].changed = true;
			if (!restored++)
				d->active = i;
		}
	}
	if (restored)
		dialog_say(d, false, "Restored text you had not saved (marked *): Enter saves it, "
				     "Esc twice discards it");
	return &d->base;
}
