#ifndef CASELOAD_UI_LINEEDIT_H
#define CASELOAD_UI_LINEEDIT_H
/* A one-line UTF-8 text editor: cursor by character and word, insert, delete, kill to
 * either end, undo of the last change, horizontal scrolling. Control characters and
 * escape sequences are never inserted. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/strbuf.h"
#include "keymap.h"

struct ui_lineedit {
	struct strbuf text; /* owned */
	struct strbuf undo; /* the text before the last change */
	size_t undo_cursor;
	size_t cursor; /* byte offset, always on a character boundary */
	size_t first;  /* byte offset of the first visible character */
	size_t max_bytes;
	bool changed; /* since ui_lineedit_set or ui_lineedit_mark_clean */
	bool secret;  /* a password: drawn as bullets, no undo kept, wiped when cleared */
};

void ui_lineedit_init(struct ui_lineedit *le, size_t max_bytes);
void ui_lineedit_clear(struct ui_lineedit *le);
/* Empties it; a secret's bytes are overwritten first. */
void ui_lineedit_wipe(struct ui_lineedit *le);
/* Replaces the text, cursor at the end, not marked changed. */
void ui_lineedit_set(struct ui_lineedit *le, const char *text);
void ui_lineedit_mark_clean(struct ui_lineedit *le);

/* Applies an editing key; false when the key is not an editing key (the caller acts on
 * it). Enter, Tab, Esc and the up/down arrows are never consumed. */
bool ui_lineedit_key(struct ui_lineedit *le, ui_key key);

/* Draws the visible part in `width` columns and, when active, places the cursor. */
void ui_lineedit_draw(struct ui_lineedit *le, int y, int x, int width, bool active);

#endif
