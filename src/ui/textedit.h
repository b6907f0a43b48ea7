#ifndef CASELOAD_UI_TEXTEDIT_H
#define CASELOAD_UI_TEXTEDIT_H
/* A multi-line UTF-8 text editor for case-note bodies: soft word wrap by display width,
 * hard newlines from Enter, cursor by character, word, visual line and page, the deletion
 * keys of the line editor, and several levels of undo in bounded memory.
 *
 * The text is kept exactly as given or pasted: control characters and invalid bytes that
 * arrive in ui_textedit_set or ui_textedit_insert_text are stored as they are and drawn
 * escaped (text_sanitize), never sent raw. Typed keys insert only printable characters and,
 * from Enter, newlines. Tab is not an editing key: the caller uses it to move between
 * fields, and a pasted tab is stored and shown as one space.
 *
 * The wrap layout is cached as the byte offset where each visual line starts and is
 * patched around each edit, so keys stay quick near the end of a long note. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/strbuf.h"
#include "keymap.h"

struct ui_textedit_step; /* one undo step, private to textedit.c */

struct ui_textedit {
	struct strbuf text; /* owned; never holds a NUL byte */
	size_t cursor;      /* byte offset, on a character boundary */
	/* Wrap width in columns; below 1 only hard newlines break lines. Set it with
	 * ui_textedit_layout (ui_textedit_draw does, from its own width). */
	int width;
	size_t top_line;  /* first visual line shown */
	size_t max_bytes; /* inserts that would pass it are refused; 0: no limit */
	bool changed;     /* since ui_textedit_set or ui_textedit_mark_clean */
	int goal_col;     /* the column Up and Down aim for; -1 when none is kept */

	/* Private: the cached layout (start offsets of the visual lines, valid for
	 * lines_width) and the undo steps, oldest first. */
	size_t *lines;
	size_t line_count, line_cap;
	int lines_width;
	bool lines_valid;
	struct ui_textedit_step *steps;
	size_t step_count, step_cap, step_bytes;
	bool step_open; /* the last step may still grow (a run of typing or deleting) */
};

void ui_textedit_init(struct ui_textedit *te, size_t max_bytes);
/* Frees the text, layout and undo steps; ui_textedit_init again before reuse. */
void ui_textedit_clear(struct ui_textedit *te);
/* Replaces the text as is (even past max_bytes: stored text is never cut), cursor and view
 * at the start, undo forgotten, not marked changed. */
void ui_textedit_set(struct ui_textedit *te, const char *text);
void ui_textedit_mark_clean(struct ui_textedit *te);

/* Applies an editing or movement key; false when it is not one (the caller acts on it):
 * Tab, Esc, other control characters and unknown function keys. page_lines is how far
 * PgUp and PgDn move. An insert past max_bytes beeps and is still consumed. */
bool ui_textedit_key(struct ui_textedit *te, ui_key key, int page_lines);

/* Inserts a paste at the cursor as one undo step, control characters and all. When it
 * would pass max_bytes it is cut at a character boundary; false when anything was cut. */
bool ui_textedit_insert_text(struct ui_textedit *te, const char *utf8);

/* Sets the wrap width and brings the cached layout up to date. */
void ui_textedit_layout(struct ui_textedit *te, int width);
/* Visual lines (at least one: an empty text has one empty line). */
size_t ui_textedit_line_count(struct ui_textedit *te);
/* Byte range of visual line `line`: [*start, *end), *end before its newline if it has one
 * (a trailing space where the line wrapped is included). False past the last line. */
bool ui_textedit_line_range(struct ui_textedit *te, size_t line, size_t *start, size_t *end);
/* The cursor's visual line and its display column in that line. */
void ui_textedit_cursor_at(struct ui_textedit *te, size_t *line, int *col);

/* Scrolls the view by `lines` (negative: up) for a window `height` lines tall, taking the
 * cursor along when it would leave the window: a reader scrolls with this rather than by
 * moving the cursor with Up and Down. */
void ui_textedit_scroll(struct ui_textedit *te, long lines, int height);

/* Draws the visible lines in a height x width window at (y, x), scrolled so the cursor's
 * line shows, and when active places the cursor. It wraps at width - 1 columns: the last
 * column holds the cursor after a full line (and a space hanging where a line wrapped). */
void ui_textedit_draw(struct ui_textedit *te, int y, int x, int height, int width, bool active);

#endif
