/* wcwidth is X/Open; ncursesw's flags usually ask for X/Open already */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "textedit.h"

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "caseload/text.h"
#include "draw.h"

/* Undo keeps this many steps, and drops the oldest once the text they removed passes
 * TE_UNDO_BYTES (the newest step is always kept, however large). */
#define TE_UNDO_STEPS 200
#define TE_UNDO_BYTES ((size_t)4 << 20)

enum te_kind {
	TE_EDIT, /* one change on its own: a paste, a kill, Ctrl-W */
	TE_TYPE, /* a run of typed characters */
	TE_BACK, /* a run of Backspace */
	TE_DEL,  /* a run of Delete */
};

/* Undoing puts `removed` back in place of the ins_len bytes at pos, cursor at `cursor`. */
struct ui_textedit_step {
	size_t pos, ins_len;
	char *removed;
	size_t removed_len;
	size_t cursor;
	enum te_kind kind;
};

/* --- characters ------------------------------------------------------------------------ */

/* One decoding unit at `at` (< len): a character, or a single invalid byte. */
static size_t te_unit(const struct ui_textedit *te, size_t at, uint32_t *cp)
{
	unsigned char c = (unsigned char)te->text.buf[at];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	return text_decode(te->text.buf + at, te->text.len - at, cp);
}

/* Columns one unit takes on screen, which is what text_sanitize makes of it: an escape
 * ("^[", "<U+202E>", "<xE6>") is as wide as its spelling, so the layout must measure that
 * rather than the code point. */
static int te_cols(const char *s, size_t n, uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (cp != TEXT_INVALID && !text_is_unsafe(cp) && wcwidth((wchar_t)cp) >= 0)
		return text_cp_width(cp);
	char one[5];
	memcpy(one, s, n);
	one[n] = '\0';
	return text_width(one);
}

static int te_unit_cols(const struct ui_textedit *te, size_t at, size_t *n)
{
	uint32_t cp;
	*n = te_unit(te, at, &cp);
	return te_cols(te->text.buf + at, *n, cp);
}

static size_t te_next_unit(const struct ui_textedit *te, size_t at)
{
	if (at >= te->text.len)
		return te->text.len;
	uint32_t cp;
	return at + te_unit(te, at, &cp);
}

/* The start of the unit that ends at `at`. Forward decoding is self-synchronizing (a
 * sequence is at most four bytes and never contains a lead byte), so looking back to the
 * nearest lead byte finds the same boundaries as decoding from the start would. */
static size_t te_prev_unit(const struct ui_textedit *te, size_t at)
{
	if (at == 0)
		return 0;
	const unsigned char *b = (const unsigned char *)te->text.buf;
	size_t q = at - 1;
	while (q > 0 && at - q < 4 && (b[q] & 0xC0) == 0x80)
		q--;
	uint32_t cp;
	size_t n = text_decode(te->text.buf + q, te->text.len - q, &cp);
	return q + n == at ? q : at - 1;
}

/* `at` moved back to the start of the unit it falls in. Deleting what separated a stray
 * lead byte from stray continuation bytes (both only ever pasted) can join them into one
 * character around the cursor. */
static size_t te_boundary(const struct ui_textedit *te, size_t at)
{
	const unsigned char *b = (const unsigned char *)te->text.buf;
	size_t q = at;
	while (q > 0 && at - q < 4) {
		q--;
		if ((b[q] & 0xC0) != 0x80) {
			uint32_t cp;
			size_t n = text_decode(te->text.buf + q, te->text.len - q, &cp);
			return q + n > at ? q : at;
		}
	}
	return at;
}

/* A combining mark (or another zero-width character): the cursor moves over it together
 * with the character it follows. */
static bool te_is_mark(const struct ui_textedit *te, size_t at)
{
	if ((unsigned char)te->text.buf[at] < 0x80)
		return false;
	size_t n;
	return te_unit_cols(te, at, &n) == 0;
}

static size_t te_next_cluster(const struct ui_textedit *te, size_t at)
{
	at = te_next_unit(te, at);
	while (at < te->text.len && te_is_mark(te, at))
		at = te_next_unit(te, at);
	return at;
}

static size_t te_prev_cluster(const struct ui_textedit *te, size_t at)
{
	at = te_prev_unit(te, at);
	while (at > 0 && te_is_mark(te, at))
		at = te_prev_unit(te, at);
	return at;
}

static bool te_is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static size_t te_word_left(const struct ui_textedit *te, size_t at)
{
	while (at > 0 && te_is_space(te->text.buf[at - 1]))
		at--;
	while (at > 0 && !te_is_space(te->text.buf[te_prev_unit(te, at)]))
		at = te_prev_unit(te, at);
	return at;
}

static size_t te_word_right(const struct ui_textedit *te, size_t at)
{
	while (at < te->text.len && !te_is_space(te->text.buf[at]))
		at = te_next_unit(te, at);
	while (at < te->text.len && te_is_space(te->text.buf[at]))
		at++;
	return at;
}

static int te_cols_between(const struct ui_textedit *te, size_t from, size_t to)
{
	int cols = 0;
	while (from < to) {
		size_t n;
		cols += te_unit_cols(te, from, &n);
		from += n;
	}
	return cols;
}

/* --- layout ---------------------------------------------------------------------------- */

/* Where the visual line starting at s ends (the next one's start). A line breaks after
 * its newline; else before the first character that would pass the width: after the last
 * space on the line when there is one, mid-word when there is not. A space that does not
 * fit ends the line and hangs in the margin column draw keeps, so no line starts with the
 * space between two words. The first character always stays, so a character wider than
 * the line still makes progress. *broke is false only when the text ran out. */
static size_t te_wrap(const struct ui_textedit *te, size_t s, bool *broke)
{
	size_t len = te->text.len, p = s, space_end = s;
	int col = 0;
	*broke = true;
	while (p < len) {
		/* printable ASCII inline: one edit can rewrap the rest of a long paragraph */
		uint32_t cp = (unsigned char)te->text.buf[p];
		size_t n = 1;
		int w = 1;
		if (cp < 0x20 || cp >= 0x7F) {
			n = te_unit(te, p, &cp);
			if (cp == '\n')
				return p + 1;
			w = te_cols(te->text.buf + p, n, cp);
		}
		if (te->width > 0 && w > 0 && col > 0 && col + w > te->width) {
			if (cp == ' ' || cp == '\t')
				return p + 1;
			return space_end > s ? space_end : p;
		}
		col += w;
		p += n;
		if (cp == ' ' || cp == '\t')
			space_end = p;
	}
	*broke = false;
	return len;
}

/* The line after the one starting at s; false when that one is the last. After a break
 * that ends the text (a final newline, a hanging space) there is one more, empty line for
 * the cursor to sit on. */
static bool te_next_start(const struct ui_textedit *te, size_t s, size_t *next)
{
	if (s >= te->text.len)
		return false;
	bool broke;
	*next = te_wrap(te, s, &broke);
	return broke || *next < te->text.len;
}

static void te_reserve_lines(struct ui_textedit *te, size_t count)
{
	if (count <= te->line_cap)
		return;
	size_t cap = te->line_cap ? te->line_cap : 64;
	while (cap < count)
		cap *= 2;
	te->lines = xrealloc(te->lines, cap * sizeof *te->lines);
	te->line_cap = cap;
}

static void te_push_line(struct ui_textedit *te, size_t start)
{
	te_reserve_lines(te, te->line_count + 1);
	te->lines[te->line_count++] = start;
}

/* The visual line holding byte `at`: the last one starting at or before it. */
static size_t te_line_index(const struct ui_textedit *te, size_t at)
{
	size_t lo = 0, hi = te->line_count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (te->lines[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void te_layout_all(struct ui_textedit *te)
{
	te->line_count = 0;
	te_push_line(te, 0);
	size_t s = 0, next;
	while (te_next_start(te, s, &next)) {
		te_push_line(te, next);
		s = next;
	}
	te->lines_width = te->width;
	te->lines_valid = true;
}

static void te_ensure_layout(struct ui_textedit *te)
{
	if (te->lines_valid && te->lines_width == te->width)
		return;
	/* a new width keeps the same text at the top of the view */
	bool anchored = te->lines_valid && te->line_count > 0;
	size_t top_byte = 0;
	if (anchored)
		top_byte =
		    te->lines[te->top_line < te->line_count ? te->top_line : te->line_count - 1];
	te_layout_all(te);
	if (anchored)
		te->top_line = te_line_index(te, top_byte);
}

/* Patches the layout after bytes [a, old_b) became ins bytes, instead of wrapping all the
 * text again. A line's breaks depend on its bytes up to the character where it overflowed,
 * which lies no further than the start of the line after next, and on the up to three
 * bytes after that character (a stray lead byte may now be completed). So the lines that
 * start more than two lines before byte a - 4 stand; the rest are wrapped again until a
 * new line starts past the edit exactly where an old one did (shifted), and from there
 * every old line holds: wrapping from a line start looks only forward. */
static void te_relayout(struct ui_textedit *te, size_t a, size_t old_b, size_t ins)
{
	size_t removed = old_b - a;
	size_t k = te_line_index(te, a >= 4 ? a - 4 : 0);
	size_t r = k >= 2 ? k - 2 : 0;
	size_t m = k;
	while (m < te->line_count && te->lines[m] < old_b)
		m++;
	size_t *fresh = NULL, fresh_count = 0, fresh_cap = 0;
	size_t s = te->lines[r], next;
	bool synced = false;
	while (te_next_start(te, s, &next)) {
		if (next >= a + ins) {
			size_t old = next - ins + removed;
			while (m < te->line_count && te->lines[m] < old)
				m++;
			if (m < te->line_count && te->lines[m] == old) {
				synced = true;
				break;
			}
		}
		if (fresh_count == fresh_cap) {
			fresh_cap = fresh_cap ? fresh_cap * 2 : 16;
			fresh = xrealloc(fresh, fresh_cap * sizeof *fresh);
		}
		fresh[fresh_count++] = next;
		s = next;
	}
	size_t tail = synced ? te->line_count - m : 0;
	size_t count = r + 1 + fresh_count + tail;
	te_reserve_lines(te, count);
	if (tail) {
		memmove(te->lines + r + 1 + fresh_count, te->lines + m, tail * sizeof *te->lines);
		for (size_t i = r + 1 + fresh_count; i < count; i++)
			te->lines[i] = te->lines[i] - removed + ins;
	}
	if (fresh_count)
		memcpy(te->lines + r + 1, fresh, fresh_count * sizeof *fresh);
	te->line_count = count;
	free(fresh);
}

/* The last place the cursor may take on visual line i: before its newline; before its last
 * character when it wrapped (the place after that is the next line's start); the end of
 * the text on the last line. */
static size_t te_line_last(const struct ui_textedit *te, size_t i)
{
	if (i + 1 >= te->line_count)
		return te->text.len;
	size_t next = te->lines[i + 1];
	if (te->text.buf[next - 1] == '\n')
		return next - 1;
	size_t p = te_prev_cluster(te, next);
	return p < te->lines[i] ? te->lines[i] : p;
}

/* The place on visual line i nearest column `goal` without passing it. */
static size_t te_pos_at_col(const struct ui_textedit *te, size_t i, int goal)
{
	size_t p = te->lines[i], last = te_line_last(te, i);
	int col = 0;
	while (p < last) {
		size_t n;
		int w = te_unit_cols(te, p, &n);
		if (col + w > goal)
			break;
		col += w;
		p = te_next_cluster(te, p);
	}
	return p < last ? p : last;
}

/* --- changes and undo ------------------------------------------------------------------ */

static void te_reserve_text(struct ui_textedit *te, size_t need)
{
	if (need <= te->text.cap)
		return;
	size_t cap = te->text.cap ? te->text.cap : 64;
	while (cap < need)
		cap *= 2;
	te->text.buf = xrealloc(te->text.buf, cap);
	te->text.cap = cap;
}

/* Replaces bytes [a, b) with ins[0..n) and keeps the layout in step. */
static void te_replace(struct ui_textedit *te, size_t a, size_t b, const char *ins, size_t n)
{
	size_t len = te->text.len;
	te_reserve_text(te, len - (b - a) + n + 1);
	memmove(te->text.buf + a + n, te->text.buf + b, len - b + 1);
	if (n)
		memcpy(te->text.buf + a, ins, n);
	te->text.len = len - (b - a) + n;
	if (te->lines_valid && te->lines_width == te->width)
		te_relayout(te, a, b, n);
	else
		te->lines_valid = false;
}

static void te_drop_oldest_step(struct ui_textedit *te)
{
	te->step_bytes -= te->steps[0].removed_len;
	free(te->steps[0].removed);
	memmove(te->steps, te->steps + 1, (te->step_count - 1) * sizeof *te->steps);
	te->step_count--;
}

static void te_trim_steps(struct ui_textedit *te)
{
	while (te->step_count > TE_UNDO_STEPS ||
	       (te->step_count > 1 && te->step_bytes > TE_UNDO_BYTES))
		te_drop_oldest_step(te);
}

static void te_forget_steps(struct ui_textedit *te)
{
	for (size_t i = 0; i < te->step_count; i++)
		free(te->steps[i].removed);
	te->step_count = 0;
	te->step_bytes = 0;
	te->step_open = false;
}

/* Grows the open step when this change continues it (typing on, deleting on), so that a
 * run counts as one change; else starts a step. Call it before the change is made. */
static void te_record(struct ui_textedit *te, enum te_kind kind, size_t a, size_t b, size_t ins)
{
	struct ui_textedit_step *last = te->step_count ? &te->steps[te->step_count - 1] : NULL;
	size_t gone = b - a;
	if (te->step_open && last && last->kind == kind) {
		if (kind == TE_TYPE && gone == 0 && a == last->pos + last->ins_len) {
			last->ins_len += ins;
			return;
		}
		if ((kind == TE_BACK && ins == 0 && b == last->pos) ||
		    (kind == TE_DEL && ins == 0 && a == last->pos)) {
			char *joined = xmalloc(last->removed_len + gone);
			size_t old_at = kind == TE_BACK ? gone : 0;
			memcpy(joined + old_at, last->removed, last->removed_len);
			memcpy(joined + (kind == TE_BACK ? 0 : last->removed_len), te->text.buf + a,
			       gone);
			free(last->removed);
			last->removed = joined;
			last->removed_len += gone;
			last->pos = a;
			te->step_bytes += gone;
			te_trim_steps(te);
			return;
		}
	}
	if (te->step_count == te->step_cap) {
		te->step_cap = te->step_cap ? te->step_cap * 2 : 16;
		te->steps = xrealloc(te->steps, te->step_cap * sizeof *te->steps);
	}
	struct ui_textedit_step *step = &te->steps[te->step_count++];
	step->pos = a;
	step->ins_len = ins;
	step->removed = NULL;
	step->removed_len = gone;
	if (gone) {
		step->removed = xmalloc(gone);
		memcpy(step->removed, te->text.buf + a, gone);
	}
	step->cursor = te->cursor;
	step->kind = kind;
	te->step_bytes += gone;
	te->step_open = kind != TE_EDIT;
	te_trim_steps(te);
}

static bool te_fits(const struct ui_textedit *te, size_t add)
{
	return !te->max_bytes ||
	       (te->text.len <= te->max_bytes && add <= te->max_bytes - te->text.len);
}

static void te_type(struct ui_textedit *te, const char *s, size_t n)
{
	if (!te_fits(te, n)) {
		beep();
		return;
	}
	te_record(te, TE_TYPE, te->cursor, te->cursor, n);
	te_replace(te, te->cursor, te->cursor, s, n);
	te->cursor += n;
	te->changed = true;
}

static void te_delete(struct ui_textedit *te, size_t a, size_t b, enum te_kind kind)
{
	if (a >= b) {
		te->step_open = false;
		return;
	}
	te_record(te, kind, a, b, 0);
	te_replace(te, a, b, "", 0);
	te->cursor = te_boundary(te, a);
	te->changed = true;
}

static void te_undo(struct ui_textedit *te)
{
	te->step_open = false;
	if (!te->step_count)
		return;
	struct ui_textedit_step step = te->steps[--te->step_count];
	te->step_bytes -= step.removed_len;
	te_replace(te, step.pos, step.pos + step.ins_len, step.removed, step.removed_len);
	free(step.removed);
	te->cursor = te_boundary(te, step.cursor <= te->text.len ? step.cursor : te->text.len);
	te->changed = true;
}

static void te_move(struct ui_textedit *te, size_t to)
{
	te->cursor = to;
	te->step_open = false; /* typing after a move is a new change */
}

/* --- keys ------------------------------------------------------------------------------ */

/* Moves by `delta` visual lines at the goal column. Past the first or last line it goes to
 * the start or end of the text, so Up on the top line still does something visible. */
static void te_vertical(struct ui_textedit *te, long delta, int goal)
{
	size_t line;
	int col;
	ui_textedit_cursor_at(te, &line, &col);
	if (goal < 0)
		goal = col;
	long last = (long)te->line_count - 1;
	long target = (long)line + delta;
	target = target < 0 ? 0 : target > last ? last : target;
	if ((size_t)target == line && delta < 0)
		te_move(te, 0);
	else if ((size_t)target == line && delta > 0)
		te_move(te, te->text.len);
	else
		te_move(te, te_pos_at_col(te, (size_t)target, goal));
	te->goal_col = goal;
}

static void te_page(struct ui_textedit *te, long delta, int goal)
{
	te_ensure_layout(te);
	long top = (long)te->top_line + delta, last = (long)te->line_count - 1;
	te->top_line = (size_t)(top < 0 ? 0 : top > last ? last : top);
	te_vertical(te, delta, goal);
}

/* Keys whose codes the terminal description assigns at run time (ncurses extended names):
 * Ctrl- and Alt-arrows. */
static bool te_is_named_key(ui_key key, const char *name)
{
	int code = key_defined(name);
	return code > 0 && key == UI_FN(code);
}

static bool te_is_typable(ui_key key)
{
	return key >= 0x20 && key <= 0x10FFFF && !(key >= 0xD800 && key <= 0xDFFF) &&
	       !text_is_unsafe((uint32_t)key);
}

bool ui_textedit_key(struct ui_textedit *te, ui_key key, int page_lines)
{
	int goal = te->goal_col;
	te->goal_col = -1; /* only the vertical moves keep it */
	long page = page_lines > 1 ? page_lines : 1;
	size_t at = te->cursor;
	switch (key) {
	case UI_FN(KEY_LEFT):
		te_move(te, te_prev_cluster(te, at));
		return true;
	case UI_FN(KEY_RIGHT):
		te_move(te, te_next_cluster(te, at));
		return true;
	case UI_FN(KEY_SLEFT):
		te_move(te, te_word_left(te, at));
		return true;
	case UI_FN(KEY_SRIGHT):
		te_move(te, te_word_right(te, at));
		return true;
	case UI_FN(KEY_UP):
		te_vertical(te, -1, goal);
		return true;
	case UI_FN(KEY_DOWN):
		te_vertical(te, 1, goal);
		return true;
	case UI_FN(KEY_PPAGE):
		te_page(te, -page, goal);
		return true;
	case UI_FN(KEY_NPAGE):
		te_page(te, page, goal);
		return true;
	case UI_FN(KEY_HOME):
	case UI_CTRL('a'):
		te_ensure_layout(te);
		te_move(te, te->lines[te_line_index(te, at)]);
		return true;
	case UI_FN(KEY_END):
	case UI_CTRL('e'):
		te_ensure_layout(te);
		te_move(te, te_line_last(te, te_line_index(te, at)));
		return true;
	case '\r':
	case '\n':
	case UI_FN(KEY_ENTER):
		te->step_open = false; /* each line typed is its own undo step */
		te_type(te, "\n", 1);
		return true;
	case UI_FN(KEY_BACKSPACE):
	case 127:
	case UI_CTRL('h'):
		/* one code point: Backspace after an accent takes the accent alone */
		te_delete(te, te_prev_unit(te, at), at, TE_BACK);
		return true;
	case UI_FN(KEY_DC):
	case UI_CTRL('d'):
		/* the whole character: a mark left behind would land on the one before */
		te_delete(te, at, te_next_cluster(te, at), TE_DEL);
		return true;
	case UI_CTRL('w'):
		te_delete(te, te_word_left(te, at), at, TE_EDIT);
		return true;
	case UI_CTRL('k'): {
		/* to the end of the logical line; at its end, the newline (joining the next) */
		const char *nl = memchr(te->text.buf + at, '\n', te->text.len - at);
		size_t end = nl ? (size_t)(nl - te->text.buf) : te->text.len;
		te_delete(te, at, end == at && end < te->text.len ? end + 1 : end, TE_EDIT);
		return true;
	}
	case UI_CTRL('u'): {
		/* to the start of the logical line; at its start, the newline before it */
		size_t start = at;
		while (start > 0 && te->text.buf[start - 1] != '\n')
			start--;
		te_delete(te, start == at && start > 0 ? start - 1 : start, at, TE_EDIT);
		return true;
	}
	case UI_CTRL('z'):
	case UI_CTRL('_'):
		te_undo(te);
		return true;
	default:
		break;
	}
	if (key < 0 && (te_is_named_key(key, "kLFT5") || te_is_named_key(key, "kLFT3"))) {
		te_move(te, te_word_left(te, at));
		return true;
	}
	if (key < 0 && (te_is_named_key(key, "kRIT5") || te_is_named_key(key, "kRIT3"))) {
		te_move(te, te_word_right(te, at));
		return true;
	}
	if (te_is_typable(key)) {
		struct strbuf enc;
		strbuf_init(&enc);
		text_encode(&enc, (uint32_t)key);
		te_type(te, enc.buf, enc.len);
		strbuf_clear(&enc);
		return true;
	}
	te->goal_col = goal; /* not ours: leave the state as it was */
	return false;
}

bool ui_textedit_insert_text(struct ui_textedit *te, const char *utf8)
{
	size_t n = strlen(utf8), take = n;
	if (te->max_bytes) {
		size_t room = te->text.len < te->max_bytes ? te->max_bytes - te->text.len : 0;
		if (take > room) {
			/* cut at a character boundary, never inside a sequence */
			take = 0;
			while (take < n) {
				uint32_t cp;
				size_t u = text_decode(utf8 + take, n - take, &cp);
				if (take + u > room)
					break;
				take += u;
			}
		}
	}
	te->goal_col = -1;
	if (take > 0) {
		size_t at = te->cursor;
		te_record(te, TE_EDIT, at, at, take);
		te_replace(te, at, at, utf8, take);
		te->cursor = te_boundary(te, at + take);
		te->changed = true;
	}
	if (take < n)
		beep();
	return take == n;
}

/* --- set up, queries, drawing ---------------------------------------------------------- */

void ui_textedit_init(struct ui_textedit *te, size_t max_bytes)
{
	memset(te, 0, sizeof *te);
	strbuf_init(&te->text);
	te->max_bytes = max_bytes;
	te->goal_col = -1;
}

void ui_textedit_clear(struct ui_textedit *te)
{
	te_forget_steps(te);
	free(te->steps);
	free(te->lines);
	strbuf_clear(&te->text);
	te->steps = NULL;
	te->step_cap = 0;
	te->lines = NULL;
	te->line_count = te->line_cap = 0;
	te->lines_valid = false;
	te->cursor = te->top_line = 0;
}

void ui_textedit_set(struct ui_textedit *te, const char *text)
{
	strbuf_reset(&te->text);
	strbuf_puts(&te->text, text ? text : "");
	te_forget_steps(te);
	te->cursor = 0;
	te->top_line = 0;
	te->goal_col = -1;
	te->lines_valid = false;
	te->changed = false;
}

void ui_textedit_mark_clean(struct ui_textedit *te)
{
	te->changed = false;
}

void ui_textedit_layout(struct ui_textedit *te, int width)
{
	te->width = width;
	te_ensure_layout(te);
}

size_t ui_textedit_line_count(struct ui_textedit *te)
{
	te_ensure_layout(te);
	return te->line_count;
}

bool ui_textedit_line_range(struct ui_textedit *te, size_t line, size_t *start, size_t *end)
{
	te_ensure_layout(te);
	if (line >= te->line_count)
		return false;
	*start = te->lines[line];
	*end = line + 1 < te->line_count ? te->lines[line + 1] : te->text.len;
	if (*end > *start && te->text.buf[*end - 1] == '\n')
		(*end)--;
	return true;
}

void ui_textedit_cursor_at(struct ui_textedit *te, size_t *line, int *col)
{
	te_ensure_layout(te);
	*line = te_line_index(te, te->cursor);
	*col = te_cols_between(te, te->lines[*line], te->cursor);
}

void ui_textedit_scroll(struct ui_textedit *te, long lines, int height)
{
	te_ensure_layout(te);
	size_t rows = height > 1 ? (size_t)height : 1;
	long top_max = te->line_count > rows ? (long)(te->line_count - rows) : 0;
	long top = (long)te->top_line + lines;
	te->top_line = (size_t)(top < 0 ? 0 : top > top_max ? top_max : top);
	size_t line = te_line_index(te, te->cursor);
	if (line < te->top_line)
		te_move(te, te->lines[te->top_line]);
	else if (line >= te->top_line + rows)
		te_move(te, te->lines[te->top_line + rows - 1]);
	te->goal_col = -1;
}

void ui_textedit_draw(struct ui_textedit *te, int y, int x, int height, int width, bool active)
{
	if (height < 1 || width < 2)
		return;
	ui_textedit_layout(te, width - 1);
	size_t line, rows = (size_t)height;
	int col;
	ui_textedit_cursor_at(te, &line, &col);
	/* no blank rows below the text while there is text above, and the cursor in view */
	size_t top_max = te->line_count > rows ? te->line_count - rows : 0;
	if (te->top_line > top_max)
		te->top_line = top_max;
	if (line < te->top_line)
		te->top_line = line;
	else if (line >= te->top_line + rows)
		te->top_line = line - rows + 1;
	struct strbuf raw, shown;
	strbuf_init(&raw);
	strbuf_init(&shown);
	for (size_t i = 0; i < rows; i++) {
		size_t start, end;
		strbuf_reset(&raw);
		strbuf_reset(&shown);
		if (ui_textedit_line_range(te, te->top_line + i, &start, &end))
			strbuf_append(&raw, te->text.buf + start, end - start);
		/* the stored bytes may hold anything a paste brought: escape them here, per
		 * line, in the same spelling the layout measured */
		text_sanitize(&shown, raw.buf, false);
		ui_draw_text(y + (int)i, x, width, shown.buf, TEXT_LEFT, UI_NORMAL);
	}
	strbuf_clear(&raw);
	strbuf_clear(&shown);
	if (active) {
		move(y + (int)(line - te->top_line), x + (col < width - 1 ? col : width - 1));
		curs_set(1);
	}
}
