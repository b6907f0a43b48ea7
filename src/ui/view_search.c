/* Finding notes: full-text search (everyone's, or one person's) with ranked results and
 * the matched words highlighted; and the queue of interns' notes waiting for the signed-in
 * supervisor's co-signature. Enter opens the note. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/staff.h"
#include "dialog.h"
#include "draw.h"
#include "lineedit.h"
#include "view.h"

#define SEARCH_HITS 50

struct search_view {
	struct ui_view base;
	int64_t person_id; /* 0: every person the user may read */
	struct ui_lineedit query;
	bool editing; /* the query line has the keys */
	struct note_hit hits[SEARCH_HITS];
	size_t count;
	int cursor;
	bool searched;
	char type[NOTE_TYPE_SIZE], author[64], since[DATE_TEXT_SIZE], until[DATE_TEXT_SIZE];
	int64_t author_id;
	struct ui_dialog_ops filter_ops;
};

static const struct ui_binding search_bindings[] = {
	{'\r', ACT_OPEN, 0, "Enter"},
	{'/', ACT_FILTER, 0, "/"},
	{'F', ACT_SEARCH_FILTERS, 0, "F"},
};
static const struct ui_keymap search_keymap = {
	"Note search: type words, \"a phrase\" or a prefix* and Enter; all words must match",
	search_bindings, (int)(sizeof search_bindings / sizeof search_bindings[0])};

/* Draws "before \x01match\x02 after" with the match highlighted, within width columns. */
static void search_draw_snippet(int y, int x, int width, const char *snippet, enum ui_element base)
{
	char part[400];
	bool mark = false;
	const char *p = snippet;
	while (*p && width > 0) {
		size_t n = strcspn(p, "\x01\x02");
		snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part - 1 ? n : sizeof part - 1), p);
		int w = text_width(part);
		if (w > width)
			w = width;
		if (w > 0)
			ui_draw_text(y, x, w, part, TEXT_LEFT, mark ? UI_TAB_ACTIVE : base);
		x += w;
		width -= w;
		p += n;
		if (*p == '\x01' || *p == '\x02') {
			mark = *p == '\x01';
			p++;
		}
	}
}

static void search_run(struct search_view *sv, struct ui *ui)
{
	char msg[APP_NOTE_MESSAGE_SIZE];
	struct note_search s = {.query = sv->query.text.buf,
				.person_id = sv->person_id,
				.type = sv->type[0] ? sv->type : NULL,
				.author_id = sv->author_id,
				.since = sv->since[0] ? sv->since : NULL,
				.until = sv->until[0] ? sv->until : NULL};
	sv->count = 0;
	sv->cursor = 0;
	sv->searched = true;
	if (app_note_search(ui->app, &s, sv->hits, SEARCH_HITS, &sv->count, msg, sizeof msg) !=
	    CL_OK)
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
}

static void search_draw(struct ui_view *view, struct ui *ui)
{
	struct search_view *sv = (struct search_view *)view;
	char detail[64];
	snprintf(detail, sizeof detail, "%zu result%s ", sv->count, sv->count == 1 ? "" : "s");
	ui_draw_title(ui, sv->person_id ? "Search this person's notes" : "Search notes",
		      sv->searched ? detail : NULL);
	ui_draw_text(1, 1, 8, "Search:", TEXT_LEFT, UI_LABEL);
	if (sv->type[0] || sv->author[0] || sv->since[0] || sv->until[0]) {
		char f[200];
		snprintf(f, sizeof f, "only%s%s%s%s%s%s%s%s (F changes)", sv->type[0] ? " type " : "",
			 sv->type, sv->author[0] ? " by " : "", sv->author, sv->since[0] ? " since " : "",
			 sv->since, sv->until[0] ? " until " : "", sv->until);
		ui_draw_text(2, 10, COLS - 11, f, TEXT_LEFT, UI_DIM);
	}
	int rows = (LINES - 4) / 2;
	for (int i = 0; i < rows && i < (int)sv->count; i++) {
		const struct note_hit *h = &sv->hits[i];
		int y = 3 + 2 * i;
		bool selected = i == sv->cursor && !sv->editing;
		char line[800];
		snprintf(line, sizeof line, "%s  %-8s %-12s %s \u00b7 %s", h->contact_at, h->person_oid,
			 h->type, h->person_name, h->author);
		if (selected)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		ui_draw_text(y, 1, COLS - 2, line, TEXT_LEFT, selected ? UI_SELECTED : UI_HEADER);
		search_draw_snippet(y + 1, 3, COLS - 4, h->snippet, UI_NORMAL);
	}
	if (sv->searched && !sv->count)
		ui_draw_text(3, 2, COLS - 4, "No notes match (all words must appear).", TEXT_LEFT,
			     UI_DIM);
	static const char *const hints[] = {"Enter", "search / open", "/", "new search", "F",
					    "filters", "q", "back", NULL};
	ui_draw_status(ui, hints, "");
	ui_lineedit_draw(&sv->query, 1, 10, COLS - 11, sv->editing);
}

static enum ui_result search_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct search_view *sv = (struct search_view *)view;
	if (!sv->editing)
		return UI_DECLINED;
	if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
		search_run(sv, ui);
		sv->editing = sv->count == 0;
		return UI_HANDLED;
	}
	if (key == UI_ESC) {
		if (sv->searched && sv->count) {
			sv->editing = false;
			return UI_HANDLED;
		}
		return UI_DECLINED; /* back */
	}
	if (key == UI_FN(KEY_DOWN) && sv->count) {
		sv->editing = false;
		return UI_HANDLED;
	}
	if (key == 'F' && !sv->query.text.len)
		return UI_DECLINED; /* the filters, before anything is typed */
	ui_lineedit_key(&sv->query, key);
	return UI_HANDLED;
}

static enum cl_status search_filter_submit(void *ctx, struct ui *ui, const char *const *t,
					   char *msg, size_t msgsz)
{
	struct search_view *sv = ctx;
	date_t d;
	struct staff author;
	if ((t[2][0] && !date_parse(t[2], &d)) || (t[3][0] && !date_parse(t[3], &d))) {
		snprintf(msg, msgsz, "Dates are YYYY-MM-DD (or empty)");
		return CL_ERR_INVALID;
	}
	if (t[0][0] && !config_note_type_valid(&ui->app->config, t[0])) {
		snprintf(msg, msgsz, "Not a note type of this facility");
		return CL_ERR_INVALID;
	}
	sv->author_id = 0;
	if (t[1][0]) {
		if (store_staff_by_username(ui->app->store, t[1], &author) != CL_OK) {
			snprintf(msg, msgsz, "No account with that user name");
			return CL_ERR_INVALID;
		}
		sv->author_id = author.id;
	}
	str_copy(sv->type, sizeof sv->type, t[0]);
	str_copy(sv->author, sizeof sv->author, t[1]);
	str_copy(sv->since, sizeof sv->since, t[2]);
	str_copy(sv->until, sizeof sv->until, t[3]);
	if (sv->query.text.len)
		search_run(sv, ui);
	snprintf(msg, msgsz, "Filters set");
	return CL_OK;
}

static enum ui_result search_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				    int arg)
{
	struct search_view *sv = (struct search_view *)view;
	static const struct ui_dialog_field_def defs[] = {
		{"Type", "A note type, or empty for all", 24},
		{"Author", "A user name, or empty for anyone", 32},
		{"Since", "YYYY-MM-DD, or empty", 10},
		{"Until", "YYYY-MM-DD (inclusive), or empty", 10},
	};
	(void)arg;
	switch (action) {
	case ACT_SEARCH_FILTERS: {
		const char *texts[] = {sv->type, sv->author, sv->since, sv->until};
		sv->filter_ops = (struct ui_dialog_ops){.submit = search_filter_submit};
		ui_view_push(ui, ui_dialog_new("Search filters", false, defs, 4, texts, NULL,
					       &sv->filter_ops, sv));
		return UI_HANDLED;
	}
	case ACT_UP:
		if (sv->cursor > 0)
			sv->cursor--;
		else
			sv->editing = true;
		return UI_HANDLED;
	case ACT_DOWN:
		if (sv->cursor + 1 < (int)sv->count)
			sv->cursor++;
		return UI_HANDLED;
	case ACT_FILTER:
		sv->editing = true;
		return UI_HANDLED;
	case ACT_OPEN:
		if (sv->count) {
			struct ui_view *note = ui_note_view_new(ui, sv->hits[sv->cursor].note_id);
			if (note)
				ui_view_push(ui, note);
		}
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void search_destroy(struct ui_view *view)
{
	struct search_view *sv = (struct search_view *)view;
	ui_lineedit_clear(&sv->query);
	free(sv);
}

static const struct ui_view_ops search_ops = {
	.name = "Note search",
	.keymap = &search_keymap,
	.draw = search_draw,
	.action = search_action,
	.key = search_key,
	.destroy = search_destroy,
};

struct ui_view *ui_search_view_new(struct ui *ui, int64_t person_id)
{
	(void)ui;
	struct search_view *sv = xcalloc(1, sizeof *sv);
	sv->base.ops = &search_ops;
	sv->person_id = person_id;
	ui_lineedit_init(&sv->query, 200);
	sv->editing = true;
	return &sv->base;
}

/* ---- the co-signature queue ---- */

struct cosign_view {
	struct ui_view base;
	struct note *notes;
	size_t count;
	int cursor;
};

static const struct ui_binding cosign_bindings[] = {
	{'\r', ACT_OPEN, 0, "Enter"},
};
static const struct ui_keymap cosign_keymap = {
	"Waiting for your co-signature (oldest first): open a note, then c co-signs it",
	cosign_bindings, (int)(sizeof cosign_bindings / sizeof cosign_bindings[0])};

static void cosign_free(struct cosign_view *cv)
{
	for (size_t i = 0; i < cv->count; i++)
		note_clear(&cv->notes[i]);
	free(cv->notes);
	cv->notes = NULL;
	cv->count = 0;
}

static void cosign_load(struct cosign_view *cv, struct ui *ui)
{
	cosign_free(cv);
	if (app_notes_pending(ui->app, &cv->notes, &cv->count) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "Your role does not co-sign notes");
	if (cv->cursor >= (int)cv->count)
		cv->cursor = cv->count ? (int)cv->count - 1 : 0;
}

static void cosign_draw(struct ui_view *view, struct ui *ui)
{
	struct cosign_view *cv = (struct cosign_view *)view;
	char detail[48];
	snprintf(detail, sizeof detail, "%zu waiting ", cv->count);
	ui_draw_title(ui, "Co-signature queue", detail);
	for (int i = 0; i < (int)cv->count && i < LINES - 3; i++) {
		const struct note *n = &cv->notes[i];
		char line[900];
		snprintf(line, sizeof line, "%s  %-12s %-22.22s %s", n->contact_at, n->type,
			 n->author_name, n->subject[0] ? n->subject : "(no subject)");
		bool selected = i == cv->cursor;
		if (selected)
			ui_draw_fill(2 + i, 0, COLS, UI_SELECTED);
		ui_draw_text(2 + i, 1, COLS - 2, line, TEXT_LEFT, selected ? UI_SELECTED : UI_NORMAL);
	}
	if (!cv->count)
		ui_draw_text(2, 2, COLS - 4, "Nothing waiting for you.", TEXT_LEFT, UI_DIM);
	static const char *const hints[] = {"Enter", "open", "q", "back", NULL};
	ui_draw_status(ui, hints, "");
}

static enum ui_result cosign_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				    int arg)
{
	struct cosign_view *cv = (struct cosign_view *)view;
	(void)arg;
	switch (action) {
	case ACT_UP:
		if (cv->cursor > 0)
			cv->cursor--;
		return UI_HANDLED;
	case ACT_DOWN:
		if (cv->cursor + 1 < (int)cv->count)
			cv->cursor++;
		return UI_HANDLED;
	case ACT_OPEN:
		if (cv->count) {
			struct ui_view *note = ui_note_view_new(ui, cv->notes[cv->cursor].id);
			if (note)
				ui_view_push(ui, note);
		}
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void cosign_resume(struct ui_view *view, struct ui *ui)
{
	cosign_load((struct cosign_view *)view, ui);
}

static void cosign_destroy(struct ui_view *view)
{
	struct cosign_view *cv = (struct cosign_view *)view;
	cosign_free(cv);
	free(cv);
}

static const struct ui_view_ops cosign_ops = {
	.name = "Co-signature queue",
	.keymap = &cosign_keymap,
	.draw = cosign_draw,
	.action = cosign_action,
	.resume = cosign_resume,
	.destroy = cosign_destroy,
};

struct ui_view *ui_cosign_view_new(struct ui *ui)
{
	struct cosign_view *cv = xcalloc(1, sizeof *cv);
	cv->base.ops = &cosign_ops;
	cosign_load(cv, ui);
	return &cv->base;
}
