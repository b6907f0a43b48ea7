#include "lineedit.h"

#include <curses.h>
#include <string.h>

#include "caseload/password.h"
#include "caseload/text.h"
#include "draw.h"

void ui_lineedit_init(struct ui_lineedit *le, size_t max_bytes)
{
	memset(le, 0, sizeof *le);
	strbuf_init(&le->text);
	strbuf_init(&le->undo);
	le->max_bytes = max_bytes;
}

void ui_lineedit_wipe(struct ui_lineedit *le)
{
	password_wipe(le->text.buf, le->text.cap);
	password_wipe(le->undo.buf, le->undo.cap);
	le->text.len = le->undo.len = 0;
	le->cursor = le->first = 0;
}

void ui_lineedit_clear(struct ui_lineedit *le)
{
	if (le->secret && le->text.buf)
		ui_lineedit_wipe(le);
	strbuf_clear(&le->text);
	strbuf_clear(&le->undo);
}

void ui_lineedit_set(struct ui_lineedit *le, const char *text)
{
	strbuf_reset(&le->text);
	strbuf_puts(&le->text, text);
	strbuf_reset(&le->undo);
	strbuf_puts(&le->undo, text);
	le->cursor = le->text.len;
	le->undo_cursor = le->cursor;
	le->first = 0;
	le->changed = false;
}

void ui_lineedit_mark_clean(struct ui_lineedit *le)
{
	le->changed = false;
}

static size_t le_prev(const struct ui_lineedit *le, size_t at)
{
	while (at > 0) {
		at--;
		if (((unsigned char)le->text.buf[at] & 0xC0) != 0x80)
			break;
	}
	return at;
}

static size_t le_next(const struct ui_lineedit *le, size_t at)
{
	if (at >= le->text.len)
		return le->text.len;
	uint32_t cp;
	return at + text_decode(le->text.buf + at, le->text.len - at, &cp);
}

static bool le_is_space(const struct ui_lineedit *le, size_t at)
{
	return le->text.buf[at] == ' ';
}

static size_t le_word_left(const struct ui_lineedit *le, size_t at)
{
	while (at > 0 && le_is_space(le, le_prev(le, at)))
		at = le_prev(le, at);
	while (at > 0 && !le_is_space(le, le_prev(le, at)))
		at = le_prev(le, at);
	return at;
}

static size_t le_word_right(const struct ui_lineedit *le, size_t at)
{
	while (at < le->text.len && !le_is_space(le, at))
		at = le_next(le, at);
	while (at < le->text.len && le_is_space(le, at))
		at = le_next(le, at);
	return at;
}

static void le_remember(struct ui_lineedit *le)
{
	if (le->secret)
		return; /* no second copy of a password */
	strbuf_reset(&le->undo);
	strbuf_append(&le->undo, le->text.buf, le->text.len);
	le->undo_cursor = le->cursor;
}

/* Removes bytes [from, to) and leaves the cursor at from. */
static void le_delete(struct ui_lineedit *le, size_t from, size_t to)
{
	if (from >= to)
		return;
	le_remember(le);
	memmove(le->text.buf + from, le->text.buf + to, le->text.len - to + 1);
	le->text.len -= to - from;
	le->cursor = from;
	le->changed = true;
}

static void le_insert(struct ui_lineedit *le, uint32_t cp)
{
	struct strbuf enc;
	strbuf_init(&enc);
	text_encode(&enc, cp);
	if (le->text.len + enc.len <= le->max_bytes) {
		le_remember(le);
		strbuf_append(&le->text, enc.buf, enc.len); /* grows the buffer */
		memmove(le->text.buf + le->cursor + enc.len, le->text.buf + le->cursor,
			le->text.len - enc.len - le->cursor);
		memcpy(le->text.buf + le->cursor, enc.buf, enc.len);
		le->cursor += enc.len;
		le->changed = true;
	} else {
		beep();
	}
	strbuf_clear(&enc);
}

static void le_undo(struct ui_lineedit *le)
{
	struct strbuf swap = le->text;
	size_t cursor = le->cursor;
	le->text = le->undo;
	le->undo = swap;
	le->cursor = le->undo_cursor <= le->text.len ? le->undo_cursor : le->text.len;
	le->undo_cursor = cursor;
	le->changed = true;
}

bool ui_lineedit_key(struct ui_lineedit *le, ui_key key)
{
	switch (key) {
	case UI_FN(KEY_LEFT):
		le->cursor = le_prev(le, le->cursor);
		return true;
	case UI_FN(KEY_RIGHT):
		le->cursor = le_next(le, le->cursor);
		return true;
	case UI_FN(KEY_HOME):
	case UI_CTRL('a'):
		le->cursor = 0;
		return true;
	case UI_FN(KEY_END):
	case UI_CTRL('e'):
		le->cursor = le->text.len;
		return true;
	case UI_FN(KEY_SLEFT):
		le->cursor = le_word_left(le, le->cursor);
		return true;
	case UI_FN(KEY_SRIGHT):
		le->cursor = le_word_right(le, le->cursor);
		return true;
	case UI_FN(KEY_BACKSPACE):
	case 127:
	case UI_CTRL('h'):
		le_delete(le, le_prev(le, le->cursor), le->cursor);
		return true;
	case UI_FN(KEY_DC):
	case UI_CTRL('d'):
		le_delete(le, le->cursor, le_next(le, le->cursor));
		return true;
	case UI_CTRL('u'):
		le_delete(le, 0, le->cursor);
		return true;
	case UI_CTRL('k'):
		le_delete(le, le->cursor, le->text.len);
		return true;
	case UI_CTRL('w'):
		le_delete(le, le_word_left(le, le->cursor), le->cursor);
		return true;
	case UI_CTRL('z'):
	case UI_CTRL('_'):
		le_undo(le);
		return true;
	default:
		break;
	}
	if (key >= 0x20 && !text_is_unsafe((uint32_t)key) && key <= 0x10FFFF &&
	    !(key >= 0xD800 && key <= 0xDFFF)) {
		le_insert(le, (uint32_t)key);
		return true;
	}
	return false;
}

/* Columns one character takes once sanitized for display. */
static int le_width_of(const struct ui_lineedit *le, size_t from, size_t to)
{
	struct strbuf part, clean;
	strbuf_init(&part);
	strbuf_init(&clean);
	strbuf_append(&part, le->text.buf + from, to - from);
	text_sanitize(&clean, part.buf, false);
	int w = text_width(clean.buf);
	strbuf_clear(&part);
	strbuf_clear(&clean);
	return w;
}

void ui_lineedit_draw(struct ui_lineedit *le, int y, int x, int width, bool active)
{
	if (width < 2)
		return;
	if (le->first > le->cursor)
		le->first = le->cursor;
	/* scroll so the cursor (and one cell after it) is visible */
	while (le->first < le->cursor && le_width_of(le, le->first, le->cursor) > width - 1)
		le->first = le_next(le, le->first);
	struct strbuf visible;
	strbuf_init(&visible);
	if (le->secret) {
		/* a bullet per character; the text itself never reaches the screen */
		size_t chars = 0;
		for (size_t i = 0; i < le->text.len; i++)
			chars += ((unsigned char)le->text.buf[i] & 0xC0) != 0x80;
		for (size_t i = 0; i < chars && i < (size_t)width - 1; i++)
			strbuf_puts(&visible, "\u2022");
		ui_draw_text(y, x, width, visible.buf, TEXT_LEFT, active ? UI_FIELD_ACTIVE : UI_FIELD);
		strbuf_clear(&visible);
		if (active) {
			move(y, x + (int)(chars < (size_t)width - 1 ? chars : (size_t)width - 1));
			curs_set(1);
		}
		return;
	}
	strbuf_append(&visible, le->text.buf + le->first, le->text.len - le->first);
	ui_draw_text(y, x, width, visible.buf, TEXT_LEFT, active ? UI_FIELD_ACTIVE : UI_FIELD);
	strbuf_clear(&visible);
	if (active) {
		move(y, x + le_width_of(le, le->first, le->cursor));
		curs_set(1);
	}
}
