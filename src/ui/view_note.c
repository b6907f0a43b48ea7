/* One case note: read it (and amend or co-sign it), or write it. The editor autosaves the
 * draft a moment after typing stops, so a killed terminal loses nothing; finalizing makes
 * the note immutable (an intern's goes for co-signature instead). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/permit.h"
#include "draw.h"
#include "editor.h"
#include "lineedit.h"
#include "textedit.h"
#include "view.h"

#define NOTE_FIELDS 5 /* type, contact time, present, subject, sensitivity; then the body */
#define NOTE_AUTOSAVE_TICKS 3 /* idle ticks (about 0.75 s) before the draft is saved */

enum note_mode { NOTE_READ, NOTE_WRITE };

struct note_view {
	struct ui_view base;
	enum note_mode mode;
	struct note note;
	struct ui_lineedit fields[NOTE_FIELDS];
	struct ui_textedit body;
	int active; /* 0..NOTE_FIELDS-1 a field, NOTE_FIELDS the body */
	bool dirty;
	int idle_ticks;
	bool confirm_pending; /* a warning was shown: F5 again finalizes */
	char status[APP_NOTE_MESSAGE_SIZE];
	bool status_error;
};

static const char *const field_labels[NOTE_FIELDS] = {"Type", "Contact", "Present", "Subject",
						      "Sensitivity"};

static const struct ui_binding note_read_bindings[] = {
	{'a', ACT_NOTE_AMEND, 0, "a"},
	{'c', ACT_NOTE_COSIGN, 0, "c"},
	{'e', ACT_NOTE_EDIT, 0, "e"},
};
static const struct ui_keymap note_read_keymap = {
	"Case note", note_read_bindings,
	(int)(sizeof note_read_bindings / sizeof note_read_bindings[0])};
static const struct ui_keymap note_write_keymap = {
	"Writing a note: Tab moves between the fields and the text; F5 (or Ctrl-X) finalizes; "
	"Esc saves the draft and closes; F4 (or Ctrl-O) opens the text in $EDITOR where the "
	"site allows it. The text: arrows, PgUp/PgDn, Home/End, Ctrl-W, "
	"Ctrl-K, Ctrl-U delete, Ctrl-Z undoes",
	NULL, 0};

static struct note_view *nv_of(struct ui_view *view)
{
	return (struct note_view *)view;
}

static void nv_say(struct note_view *nv, bool error, const char *text)
{
	snprintf(nv->status, sizeof nv->status, "%s", text);
	nv->status_error = error;
}

static void nv_fields_from_note(struct note_view *nv)
{
	ui_lineedit_set(&nv->fields[0], nv->note.type);
	ui_lineedit_set(&nv->fields[1], nv->note.contact_at);
	ui_lineedit_set(&nv->fields[2], nv->note.present);
	ui_lineedit_set(&nv->fields[3], nv->note.subject);
	ui_lineedit_set(&nv->fields[4], app_note_sensitivity_name(nv->note.sensitivity));
	ui_textedit_set(&nv->body, nv->note.body);
}

/* Copies what was typed into the note; false (with the reason shown) when a field is not
 * acceptable as typed. */
static bool nv_note_from_fields(struct note_view *nv)
{
	enum note_sensitivity s;
	if (!app_note_sensitivity_parse(nv->fields[4].text.buf, &s)) {
		nv_say(nv, true, "Sensitivity is none, health, part2, prea or victim");
		return false;
	}
	str_copy(nv->note.type, sizeof nv->note.type, nv->fields[0].text.buf);
	str_copy(nv->note.contact_at, sizeof nv->note.contact_at, nv->fields[1].text.buf);
	str_copy(nv->note.present, sizeof nv->note.present, nv->fields[2].text.buf);
	str_copy(nv->note.subject, sizeof nv->note.subject, nv->fields[3].text.buf);
	nv->note.sensitivity = s;
	free(nv->note.body);
	nv->note.body = xstrdup(nv->body.text.buf);
	return true;
}

static void nv_save(struct note_view *nv, struct ui *ui)
{
	char msg[APP_NOTE_MESSAGE_SIZE];
	if (!nv->dirty || nv->mode != NOTE_WRITE || !nv_note_from_fields(nv))
		return;
	if (app_note_save_draft(ui->app, &nv->note, msg, sizeof msg) == CL_OK) {
		nv->dirty = false;
		ui_textedit_mark_clean(&nv->body);
		for (int i = 0; i < NOTE_FIELDS; i++)
			ui_lineedit_mark_clean(&nv->fields[i]);
		nv_say(nv, false, "Draft saved");
	} else {
		nv_say(nv, true, msg);
	}
	ui->dirty = true;
}

static int nv_draw_header(struct note_view *nv, struct ui *ui)
{
	const struct note *n = &nv->note;
	char where[160], line[900];
	snprintf(where, sizeof where, "Note %lld \u00b7 %s", (long long)n->id,
		 app_note_state_name(n->state));
	ui_draw_title(ui, where, n->author_name);
	int y = 1;
	if (nv->mode == NOTE_WRITE) {
		for (int i = 0; i < NOTE_FIELDS; i++, y++) {
			ui_draw_text(y, 1, 12, field_labels[i], TEXT_RIGHT,
				     i == nv->active ? UI_HEADER : UI_LABEL);
			if (i != nv->active)
				ui_lineedit_draw(&nv->fields[i], y, 14, COLS - 15, false);
		}
		return y;
	}
	snprintf(line, sizeof line, "%s \u00b7 %s \u00b7 by %s%s%s", n->contact_at, n->type,
		 n->author_name, n->cosigned_at[0] ? " \u00b7 co-signed by " : "",
		 n->cosigned_by_name);
	ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_HEADER);
	if (n->present[0]) {
		snprintf(line, sizeof line, "Present: %s", n->present);
		ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_NORMAL);
	}
	if (n->subject[0]) {
		snprintf(line, sizeof line, "Subject: %s", n->subject);
		ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_NORMAL);
	}
	if (n->sensitivity != NOTE_OPEN) {
		snprintf(line, sizeof line, "Confidential: %s",
			 app_note_sensitivity_name(n->sensitivity));
		ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_SOON);
	}
	if (n->amends_id) {
		snprintf(line, sizeof line, "Amends note %lld", (long long)n->amends_id);
		ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_DIM);
	}
	if (n->amended_by_id) {
		snprintf(line, sizeof line, "AMENDED: corrected by note %lld", (long long)n->amended_by_id);
		ui_draw_text(y++, 1, COLS - 2, line, TEXT_LEFT, UI_URGENT);
	}
	return y;
}

static void nv_draw(struct ui_view *view, struct ui *ui)
{
	struct note_view *nv = nv_of(view);
	int y = nv_draw_header(nv, ui);
	ui_draw_fill(y, 0, COLS, UI_BORDER);
	int body_y = y + 1, body_h = LINES - body_y - 2;
	bool writing = nv->mode == NOTE_WRITE;
	if (nv->status[0])
		ui_draw_text(LINES - 2, 1, COLS - 2, nv->status, TEXT_LEFT,
			     nv->status_error ? UI_URGENT : UI_GOOD);
	static const char *const write_hints[] = {"Tab", "next", "F5", "finalize", "Esc",
						  "save & close", "F1", "help", NULL};
	static const char *const read_hints[] = {"a", "amend", "c", "co-sign", "j k", "scroll",
						 "q", "back", "?", "help", NULL};
	ui_draw_status(ui, writing ? write_hints : read_hints,
		       writing ? "draft saves as you type " : "");
	ui_textedit_draw(&nv->body, body_y, 1, body_h, COLS - 2, writing && nv->active == NOTE_FIELDS);
	if (writing && nv->active < NOTE_FIELDS)
		ui_lineedit_draw(&nv->fields[nv->active], 1 + nv->active, 14, COLS - 15, true);
}

static void nv_finalize(struct note_view *nv, struct ui *ui)
{
	char msg[APP_NOTE_MESSAGE_SIZE];
	bool warning = false;
	if (!nv_note_from_fields(nv))
		return;
	if (app_note_check(ui->app, &nv->note, msg, sizeof msg, &warning) != CL_OK) {
		nv_say(nv, true, msg);
		return;
	}
	if (warning && !nv->confirm_pending) {
		char ask[APP_NOTE_MESSAGE_SIZE + 64];
		snprintf(ask, sizeof ask, "%s. F5 again to finalize anyway", msg);
		nv_say(nv, true, ask);
		nv->confirm_pending = true;
		return;
	}
	nv->dirty = true;
	if (app_note_finalize(ui->app, &nv->note, msg, sizeof msg) != CL_OK) {
		nv_say(nv, true, msg);
		return;
	}
	nv->dirty = false;
	nv->mode = NOTE_READ;
	ui_message(ui, UI_MSG_INFO, "%s", msg);
	ui_view_pop(ui); /* frees nv; the record below reloads its timeline */
}

/* The body in the user's own editor, where the site allows it. The draft is saved first, so
 * whatever happens in the editor the text as it was is in the database. */
static void nv_external_edit(struct note_view *nv, struct ui *ui)
{
	if (!ui->app->config.allow_external_editor) {
		ui_message(ui, UI_MSG_ERROR, "The external editor is turned off here "
					     "(allow_external_editor in the configuration)");
		return;
	}
	nv_save(nv, ui);
	if (nv->dirty)
		return; /* nv_save said why */
	char err[APP_NOTE_MESSAGE_SIZE];
	char *edited = NULL;
	if (!ui_editor_run(nv->body.text.buf, NOTE_BODY_MAX_BYTES, &edited, err, sizeof err)) {
		ui_message(ui, UI_MSG_ERROR, "%s", err);
		return;
	}
	if (!edited) {
		ui_message(ui, UI_MSG_INFO, "The text came back unchanged");
		return;
	}
	ui_textedit_set(&nv->body, edited);
	free(edited);
	nv->active = NOTE_FIELDS;
	nv->dirty = true;
	nv->confirm_pending = false;
	nv_save(nv, ui);
	if (!nv->dirty)
		ui_message(ui, UI_MSG_INFO, "Text from the editor saved in the draft");
}

static enum ui_result nv_write_key(struct note_view *nv, struct ui *ui, ui_key key)
{
	if (key == UI_ESC) {
		nv_save(nv, ui);
		if (!nv->dirty) {
			ui_message(ui, UI_MSG_INFO, "Draft kept: finish it from the record's timeline");
			ui_view_pop(ui);
		}
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_F(5)) || key == UI_CTRL('x')) {
		nv_finalize(nv, ui);
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_F(4)) || key == UI_CTRL('o')) {
		nv_external_edit(nv, ui);
		return UI_HANDLED;
	}
	if (key == '\t' || key == UI_FN(KEY_BTAB)) {
		nv->active = (nv->active + (key == '\t' ? 1 : NOTE_FIELDS)) % (NOTE_FIELDS + 1);
		return UI_HANDLED;
	}
	bool changed;
	if (nv->active < NOTE_FIELDS) {
		if (key == '\r' || key == '\n' || key == UI_FN(KEY_DOWN)) {
			nv->active++;
			return UI_HANDLED;
		}
		if (key == UI_FN(KEY_UP)) {
			nv->active = nv->active ? nv->active - 1 : 0;
			return UI_HANDLED;
		}
		changed = ui_lineedit_key(&nv->fields[nv->active], key);
	} else {
		if (key == UI_FN(KEY_F(1)))
			return UI_DECLINED;
		/* the same wrap width the draw uses (it keeps the last column for the cursor) */
		ui_textedit_layout(&nv->body, COLS - 3);
		changed = ui_textedit_key(&nv->body, key, LINES - 10);
	}
	/* a consumed key may only have moved the cursor: the editors know what changed */
	bool edited = nv->body.changed;
	for (int i = 0; i < NOTE_FIELDS; i++)
		edited = edited || nv->fields[i].changed;
	if (edited) {
		nv->dirty = true;
		nv->idle_ticks = 0;
		nv->confirm_pending = false;
	}
	return changed ? UI_HANDLED : UI_DECLINED;
}

static enum ui_result nv_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct note_view *nv = nv_of(view);
	if (nv->mode == NOTE_WRITE)
		return nv_write_key(nv, ui, key);
	return UI_DECLINED;
}

static void nv_replace_with(struct ui *ui, struct note *note, enum note_mode mode);

static enum ui_result nv_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				int arg)
{
	struct note_view *nv = nv_of(view);
	char msg[APP_NOTE_MESSAGE_SIZE];
	(void)arg;
	if (nv->mode == NOTE_WRITE)
		return action == ACT_HELP || action == ACT_LOCK ? UI_DECLINED : UI_HANDLED;
	switch (action) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN: {
		int page = LINES - 10 > 1 ? LINES - 10 : 1;
		long by = action == ACT_UP ? -1 : action == ACT_DOWN ? 1 : action == ACT_PAGE_UP ? -page : page;
		ui_textedit_layout(&nv->body, COLS - 3);
		ui_textedit_scroll(&nv->body, by, page);
		return UI_HANDLED;
	}
	case ACT_NOTE_COSIGN:
		if (app_note_cosign(ui->app, nv->note.id, msg, sizeof msg) == CL_OK) {
			struct note fresh;
			if (app_note_open(ui->app, nv->note.id, &fresh) == CL_OK) {
				note_clear(&nv->note);
				nv->note = fresh;
			}
		}
		ui_message(ui, UI_MSG_INFO, "%s", msg);
		return UI_HANDLED;
	case ACT_NOTE_AMEND: {
		struct note amendment;
		if (app_note_amend(ui->app, nv->note.id, &amendment, msg, sizeof msg) != CL_OK) {
			ui_message(ui, UI_MSG_ERROR, "%s", msg);
			return UI_HANDLED;
		}
		nv_replace_with(ui, &amendment, NOTE_WRITE); /* frees nv */
		ui_message(ui, UI_MSG_INFO, "Amending note: correct it and finalize (F5)");
		return UI_HANDLED;
	}
	case ACT_NOTE_EDIT:
		if (nv->note.state != NOTE_DRAFT || nv->note.author_id != ui->app->me.id) {
			ui_message(ui, UI_MSG_ERROR, "Only the author's draft is edited; a final note "
						     "is amended (a)");
			return UI_HANDLED;
		}
		nv->mode = NOTE_WRITE;
		nv->active = NOTE_FIELDS;
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void nv_tick(struct ui_view *view, struct ui *ui)
{
	struct note_view *nv = nv_of(view);
	if (nv->mode == NOTE_WRITE && nv->dirty && ++nv->idle_ticks >= NOTE_AUTOSAVE_TICKS)
		nv_save(nv, ui);
}

static void nv_destroy(struct ui_view *view)
{
	struct note_view *nv = nv_of(view);
	for (int i = 0; i < NOTE_FIELDS; i++)
		ui_lineedit_clear(&nv->fields[i]);
	ui_textedit_clear(&nv->body);
	note_clear(&nv->note);
	free(nv);
}

static const struct ui_view_ops note_ops = {
	.name = "Case note",
	.keymap = &note_read_keymap,
	.draw = nv_draw,
	.action = nv_action,
	.key = nv_key,
	.tick = nv_tick,
	.destroy = nv_destroy,
};

static const struct ui_view_ops note_write_ops = {
	.name = "Writing a note",
	.keymap = &note_write_keymap,
	.draw = nv_draw,
	.action = nv_action,
	.key = nv_key,
	.tick = nv_tick,
	.destroy = nv_destroy,
};

/* Takes ownership of *note. */
static struct ui_view *nv_new(struct note *note, enum note_mode mode)
{
	struct note_view *nv = xcalloc(1, sizeof *nv);
	nv->base.ops = mode == NOTE_WRITE ? &note_write_ops : &note_ops;
	nv->mode = mode;
	nv->note = *note;
	memset(note, 0, sizeof *note);
	for (int i = 0; i < NOTE_FIELDS; i++)
		ui_lineedit_init(&nv->fields[i], i == 2 ? 399 : i == 3 ? 799 : 40);
	ui_textedit_init(&nv->body, NOTE_BODY_MAX_BYTES);
	nv_fields_from_note(nv);
	nv->active = mode == NOTE_WRITE ? NOTE_FIELDS : 0;
	return &nv->base;
}

static void nv_replace_with(struct ui *ui, struct note *note, enum note_mode mode)
{
	ui_view_replace(ui, nv_new(note, mode));
}

struct ui_view *ui_note_view_new(struct ui *ui, int64_t note_id)
{
	struct note note;
	if (app_note_open(ui->app, note_id, &note) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "That note cannot be opened");
		return NULL;
	}
	bool mine = note.state == NOTE_DRAFT && note.author_id == ui->app->me.id;
	return nv_new(&note, mine ? NOTE_WRITE : NOTE_READ);
}

struct ui_view *ui_note_write_new(struct ui *ui, int64_t person_id)
{
	struct note note;
	char msg[APP_NOTE_MESSAGE_SIZE];
	if (app_note_start(ui->app, person_id, &note, msg, sizeof msg) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
		return NULL;
	}
	return nv_new(&note, NOTE_WRITE);
}
