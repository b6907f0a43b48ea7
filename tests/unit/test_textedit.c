/* The multi-line editor of case-note bodies, without a terminal: soft wrapping by display
 * width, cursor movement across wraps and newlines, the deletion keys, undo, pastes,
 * max_bytes, and a long note. The cached layout is checked against a fresh one after
 * random edits. */
#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/text.h"
#include "textedit.h"

static struct ui_textedit te;

static void te_setup(void)
{
	ui_textedit_init(&te, 0);
}

static void te_teardown(void)
{
	ui_textedit_clear(&te);
}

static bool key(ui_key k)
{
	return ui_textedit_key(&te, k, 10);
}

static void type(const char *utf8)
{
	size_t i = 0, n = strlen(utf8);
	while (i < n) {
		uint32_t cp;
		i += text_decode(utf8 + i, n - i, &cp);
		ck_assert(key(cp == '\n' ? '\r' : (ui_key)cp));
	}
}

static void keys(ui_key k, int times)
{
	for (int i = 0; i < times; i++)
		ck_assert(key(k));
}

/* The visual lines as "first|second|...", each as stored (newlines left out). */
static char *lines_of(struct ui_textedit *e)
{
	struct strbuf sb;
	strbuf_init(&sb);
	size_t count = ui_textedit_line_count(e);
	for (size_t i = 0; i < count; i++) {
		size_t start, end;
		ck_assert(ui_textedit_line_range(e, i, &start, &end));
		if (i)
			strbuf_putc(&sb, '|');
		strbuf_append(&sb, e->text.buf + start, end - start);
	}
	ck_assert(!ui_textedit_line_range(e, count, &(size_t){0}, &(size_t){0}));
	return strbuf_detach(&sb);
}

static void assert_lines(int width, const char *text, const char *expected)
{
	ui_textedit_set(&te, text);
	ui_textedit_layout(&te, width);
	char *got = lines_of(&te);
	ck_assert_str_eq(got, expected);
	free(got);
}

static void assert_cursor(size_t line, int col)
{
	size_t l;
	int c;
	ui_textedit_cursor_at(&te, &l, &c);
	ck_assert_uint_eq(l, line);
	ck_assert_int_eq(c, col);
}

/* Columns of bytes [start, end) as drawn (sanitized). */
static int cols_of(const char *s, size_t start, size_t end)
{
	char *part = strndup(s + start, end - start);
	int w = text_width(part);
	free(part);
	return w;
}

/* --- wrapping -------------------------------------------------------------------------- */

START_TEST(wrap_ascii_after_last_space)
{
	assert_lines(10, "The quick brown fox jumps over the lazy dog",
	             "The quick |brown fox |jumps over |the lazy |dog");
	/* the space that does not fit hangs at the end of its line, not at the next start */
	assert_lines(5, "abcde fgh", "abcde |fgh");
	assert_lines(10, "short", "short");
	assert_lines(10, "", "");
	ck_assert_uint_eq(ui_textedit_line_count(&te), 1);
}
END_TEST

START_TEST(wrap_long_word_mid_word)
{
	assert_lines(5, "abcdefghijkl xy", "abcde|fghij|kl xy");
	assert_lines(4, "ab cdefghij", "ab |cdef|ghij");
	assert_lines(1, "abc", "a|b|c");
}
END_TEST

START_TEST(wrap_hard_newlines)
{
	assert_lines(10, "a\n\nb\n", "a||b|");
	ck_assert_uint_eq(ui_textedit_line_count(&te), 4);
	assert_lines(3, "abc\ndef", "abc|def");
	/* no wrapping at all below width 1: only the newlines break */
	assert_lines(0, "a long line that goes on\nnext", "a long line that goes on|next");
}
END_TEST

START_TEST(wrap_cjk_never_straddles)
{
	assert_lines(5, "李小龍李小龍", "李小|龍李|小龍");
	assert_lines(4, "李小龍李小龍", "李小|龍李|小龍");
	assert_lines(2, "a李b", "a|李|b");
	assert_lines(6, "Bruce 李小龍 Lee", "Bruce |李小龍 |Lee");
	/* wider than the line: it still gets a line of its own rather than looping */
	assert_lines(1, "李小", "李|小");
	ui_textedit_set(&te, "李小龍 is Bruce Lee; 李小龍 is Bruce Lee");
	ui_textedit_layout(&te, 7);
	for (size_t i = 0; i < ui_textedit_line_count(&te); i++) {
		size_t s, e;
		ck_assert(ui_textedit_line_range(&te, i, &s, &e));
		ck_assert_int_le(cols_of(te.text.buf, s, e), 8); /* 7, or 8 with a hanging space */
		if (e > s && te.text.buf[e - 1] != ' ')
			ck_assert_int_le(cols_of(te.text.buf, s, e), 7);
	}
}
END_TEST

START_TEST(wrap_combining_marks_stay_with_their_letter)
{
	/* "e" + U+0301 six times: three characters to a line of three columns */
	const char *e6 = "e\xcc\x81"
	                 "e\xcc\x81"
	                 "e\xcc\x81"
	                 "e\xcc\x81"
	                 "e\xcc\x81"
	                 "e\xcc\x81";
	ui_textedit_set(&te, e6);
	ui_textedit_layout(&te, 3);
	ck_assert_uint_eq(ui_textedit_line_count(&te), 2);
	size_t s, e;
	ck_assert(ui_textedit_line_range(&te, 1, &s, &e));
	ck_assert_uint_eq(s, 9);
	ck_assert_int_eq(te.text.buf[s], 'e');
	/* precomposed and decomposed wrap alike */
	assert_lines(3, "Zoë Zoe\xcc\x88", "Zoë |Zoe\xcc\x88");
}
END_TEST

START_TEST(wrap_measures_escapes_as_drawn)
{
	/* ESC shows as "^[" (2 columns), U+202E as "<U+202E>" (8), a stray byte as "<xE6>" */
	assert_lines(3, "ab\x1b", "ab|\x1b");
	assert_lines(4, "ab\x1b", "ab\x1b");
	assert_lines(8, "a\u202e", "a|\u202e");
	assert_lines(9, "a\u202e", "a\u202e");
	assert_lines(6, "a\xe6z", "a\xe6|z");
	/* a pasted tab is one column, drawn as a space, and a place to break */
	assert_lines(4, "ab\tcd", "ab\t|cd");
}
END_TEST

/* --- movement -------------------------------------------------------------------------- */

START_TEST(cursor_across_wraps_and_newlines)
{
	ui_textedit_set(&te, "The quick brown fox jumps over the lazy dog");
	ui_textedit_layout(&te, 10);
	ck_assert_uint_eq(te.cursor, 0);
	keys(UI_FN(KEY_RIGHT), 10);
	assert_cursor(1, 0); /* past the wrap: the next line's start */
	keys(UI_FN(KEY_LEFT), 1);
	assert_cursor(0, 9);
	ck_assert(key(UI_FN(KEY_DOWN)));
	ck_assert(key(UI_FN(KEY_END)));
	assert_cursor(1, 9); /* before the space the line wrapped at */
	ck_assert(key(UI_FN(KEY_DOWN)));
	ck_assert(key(UI_CTRL('e')));
	assert_cursor(2, 10); /* "jumps over" before its hanging space: the margin column */
	ck_assert(key(UI_FN(KEY_RIGHT)));
	assert_cursor(3, 0);
	ck_assert(key(UI_FN(KEY_HOME)));
	assert_cursor(3, 0);
	ck_assert(key(UI_FN(KEY_LEFT)));
	assert_cursor(2, 10);
	ck_assert(key(UI_CTRL('a')));
	assert_cursor(2, 0);
	ck_assert_uint_eq(te.cursor, 20);

	ui_textedit_set(&te, "ab\ncd\n");
	ui_textedit_layout(&te, 10);
	keys(UI_FN(KEY_RIGHT), 2);
	assert_cursor(0, 2);
	ck_assert(key(UI_FN(KEY_RIGHT)));
	assert_cursor(1, 0);
	ck_assert(key(UI_FN(KEY_END)));
	assert_cursor(1, 2);
	ck_assert(key(UI_FN(KEY_RIGHT)));
	assert_cursor(2, 0); /* the empty line after the final newline */
	ck_assert_uint_eq(te.cursor, 6);
	ck_assert(key(UI_FN(KEY_RIGHT)));
	ck_assert_uint_eq(te.cursor, 6);
}
END_TEST

START_TEST(cursor_keeps_goal_column)
{
	ui_textedit_set(&te, "a long first line\nab\nanother long line\n李小龍李小龍");
	ui_textedit_layout(&te, 40);
	keys(UI_FN(KEY_RIGHT), 10);
	ck_assert(key(UI_FN(KEY_DOWN)));
	assert_cursor(1, 2); /* the short line's end */
	ck_assert(key(UI_FN(KEY_DOWN)));
	assert_cursor(2, 10); /* back at the goal */
	ck_assert(key(UI_FN(KEY_UP)));
	ck_assert(key(UI_FN(KEY_UP)));
	assert_cursor(0, 10);
	/* a wide character the goal falls inside: the cursor stops before it */
	keys(UI_FN(KEY_LEFT), 7);
	ck_assert(key(UI_FN(KEY_DOWN)));
	ck_assert(key(UI_FN(KEY_DOWN)));
	ck_assert(key(UI_FN(KEY_DOWN)));
	assert_cursor(3, 2);
	/* a horizontal move forgets the goal */
	ck_assert(key(UI_FN(KEY_RIGHT)));
	ck_assert(key(UI_FN(KEY_UP)));
	assert_cursor(2, 4);
	/* Up on the first line goes to the start, Down on the last to the end */
	ck_assert(key(UI_FN(KEY_UP)));
	ck_assert(key(UI_FN(KEY_UP)));
	ck_assert(key(UI_FN(KEY_UP)));
	ck_assert_uint_eq(te.cursor, 0);
	keys(UI_FN(KEY_DOWN), 4);
	ck_assert_uint_eq(te.cursor, te.text.len);
}
END_TEST

START_TEST(cursor_goal_across_soft_wraps)
{
	/* "abcde fgh ij": at width 5 the lines are "abcde ", "fgh ", "ij" */
	ui_textedit_set(&te, "abcde fgh ij");
	ui_textedit_layout(&te, 5);
	keys(UI_FN(KEY_RIGHT), 4);
	ck_assert(key(UI_FN(KEY_DOWN)));
	assert_cursor(1, 3); /* before the wrapped line's trailing space, not the next line */
	ck_assert(key(UI_FN(KEY_DOWN)));
	assert_cursor(2, 2);
	ck_assert(key(UI_FN(KEY_UP)));
	ck_assert(key(UI_FN(KEY_UP)));
	assert_cursor(0, 4);
	/* a word broken mid-way: End stops before the last character that fits */
	ui_textedit_set(&te, "abcdefgh");
	ui_textedit_layout(&te, 5);
	ck_assert(key(UI_FN(KEY_END)));
	assert_cursor(0, 4);
	ck_assert(key(UI_FN(KEY_DOWN)));
	assert_cursor(1, 3);
}
END_TEST

START_TEST(cursor_pages)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < 100; i++)
		strbuf_printf(&sb, "line %03d\n", i);
	ui_textedit_set(&te, sb.buf);
	strbuf_clear(&sb);
	ui_textedit_layout(&te, 40);
	keys(UI_FN(KEY_RIGHT), 5);
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_NPAGE), 20));
	assert_cursor(20, 5);
	ck_assert_uint_eq(te.top_line, 20);
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_NPAGE), 20));
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_PPAGE), 20));
	assert_cursor(20, 5);
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_PPAGE), 50));
	assert_cursor(0, 5);
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_PPAGE), 50));
	assert_cursor(0, 0);
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_NPAGE), 500));
	assert_cursor(100, 0);
}
END_TEST

START_TEST(cursor_skips_combining_marks)
{
	ui_textedit_set(&te, "e\xcc\x81x");
	ck_assert(key(UI_FN(KEY_RIGHT)));
	ck_assert_uint_eq(te.cursor, 3);
	assert_cursor(0, 1);
	ck_assert(key(UI_FN(KEY_RIGHT)));
	ck_assert(key(UI_FN(KEY_LEFT)));
	ck_assert(key(UI_FN(KEY_LEFT)));
	ck_assert_uint_eq(te.cursor, 0);
	ui_textedit_set(&te, "李小龍");
	ck_assert(key(UI_FN(KEY_RIGHT)));
	ck_assert_uint_eq(te.cursor, 3);
	assert_cursor(0, 2);
}
END_TEST

START_TEST(cursor_word_moves)
{
	ui_textedit_set(&te, "alpha beta\ngamma  delta");
	ck_assert(key(UI_FN(KEY_SRIGHT)));
	ck_assert_uint_eq(te.cursor, 6);
	ck_assert(key(UI_FN(KEY_SRIGHT)));
	ck_assert_uint_eq(te.cursor, 11);
	ck_assert(key(UI_FN(KEY_SRIGHT)));
	ck_assert_uint_eq(te.cursor, 18);
	ck_assert(key(UI_FN(KEY_SRIGHT)));
	ck_assert_uint_eq(te.cursor, te.text.len);
	ck_assert(key(UI_FN(KEY_SLEFT)));
	ck_assert_uint_eq(te.cursor, 18);
	ck_assert(key(UI_FN(KEY_SLEFT)));
	ck_assert_uint_eq(te.cursor, 11);
	ck_assert(key(UI_FN(KEY_SLEFT)));
	ck_assert_uint_eq(te.cursor, 6);
	ck_assert(key(UI_FN(KEY_SLEFT)));
	ck_assert_uint_eq(te.cursor, 0);
	/* words of other scripts */
	ui_textedit_set(&te, "Nguyễn Văn 李小龍");
	ck_assert(key(UI_FN(KEY_SRIGHT)));
	ck_assert(key(UI_FN(KEY_SRIGHT)));
	ck_assert_str_eq(te.text.buf + te.cursor, "李小龍");
}
END_TEST

START_TEST(keys_left_to_the_caller)
{
	ui_textedit_set(&te, "text");
	ck_assert(!key('\t'));
	ck_assert(!key(UI_FN(KEY_BTAB)));
	ck_assert(!key(UI_ESC));
	ck_assert(!key(UI_CTRL('x')));
	ck_assert(!key(UI_FN(KEY_F(5))));
	ck_assert(!key(0x9B));   /* C1 CSI */
	ck_assert(!key(0x202E)); /* right-to-left override */
	ck_assert(!key(0xD800));
	ck_assert(!key(0x110000));
	ck_assert_str_eq(te.text.buf, "text");
	ck_assert(!te.changed);
}
END_TEST

/* --- editing --------------------------------------------------------------------------- */

START_TEST(edit_insert_and_enter)
{
	type("Seen in ");
	type("李小龍's cell\nall well");
	ck_assert_str_eq(te.text.buf, "Seen in 李小龍's cell\nall well");
	ck_assert(te.changed);
	ui_textedit_mark_clean(&te);
	ck_assert(!te.changed);
	ck_assert(key(UI_FN(KEY_ENTER)));
	ck_assert(key('\n'));
	ck_assert_str_eq(te.text.buf, "Seen in 李小龍's cell\nall well\n\n");
	ck_assert(te.changed);
	assert_cursor(3, 0);
}
END_TEST

START_TEST(edit_deletion_keys)
{
	ui_textedit_set(&te, "first line\nsecond line here\nthird");
	keys(UI_FN(KEY_DOWN), 1);
	keys(UI_FN(KEY_SRIGHT), 1); /* before "line here" */
	ck_assert_uint_eq(te.cursor, 18);
	ck_assert(key(UI_FN(KEY_BACKSPACE)));
	ck_assert_str_eq(te.text.buf, "first line\nsecondline here\nthird");
	ck_assert(key(127));
	ck_assert(key(UI_CTRL('h')));
	ck_assert_str_eq(te.text.buf, "first line\nsecoline here\nthird");
	ck_assert(key(UI_FN(KEY_DC)));
	ck_assert(key(UI_CTRL('d')));
	ck_assert_str_eq(te.text.buf, "first line\nsecone here\nthird");
	ck_assert(key(UI_CTRL('k')));
	ck_assert_str_eq(te.text.buf, "first line\nseco\nthird");
	ck_assert(key(UI_CTRL('k'))); /* at the line's end: joins the next */
	ck_assert_str_eq(te.text.buf, "first line\nsecothird");
	ck_assert(key(UI_CTRL('u')));
	ck_assert_str_eq(te.text.buf, "first line\nthird");
	ck_assert(key(UI_CTRL('u'))); /* at the line's start: joins the previous */
	ck_assert_str_eq(te.text.buf, "first linethird");
	ck_assert_uint_eq(te.cursor, 10);
	ck_assert(key(UI_CTRL('w')));
	ck_assert_str_eq(te.text.buf, "first third");
	ck_assert(key(UI_CTRL('w')));
	ck_assert_str_eq(te.text.buf, "third");
	ck_assert(key(UI_CTRL('w'))); /* nothing before: nothing happens */
	ck_assert(key(UI_FN(KEY_BACKSPACE)));
	ck_assert_str_eq(te.text.buf, "third");
	ck_assert(key(UI_FN(KEY_END)));
	ck_assert(key(UI_FN(KEY_DC)));
	ck_assert(key(UI_CTRL('k')));
	ck_assert_str_eq(te.text.buf, "third");
	/* Ctrl-W takes the spaces and newline before the word as well */
	ui_textedit_set(&te, "one two\n  ");
	ck_assert(key(UI_FN(KEY_DOWN)));
	ck_assert(key(UI_FN(KEY_END)));
	ck_assert(key(UI_CTRL('w')));
	ck_assert_str_eq(te.text.buf, "one ");
}
END_TEST

START_TEST(edit_multibyte_deletes)
{
	ui_textedit_set(&te, "Zoe\xcc\x88 李");
	ck_assert(key(UI_FN(KEY_END)));
	ck_assert(key(UI_FN(KEY_BACKSPACE)));
	ck_assert_str_eq(te.text.buf, "Zoe\xcc\x88 ");
	keys(UI_FN(KEY_BACKSPACE), 2); /* the space, then the accent alone */
	ck_assert_str_eq(te.text.buf, "Zoe");
	ui_textedit_set(&te, "Zoe\xcc\x88x");
	keys(UI_FN(KEY_RIGHT), 2);
	ck_assert(key(UI_FN(KEY_DC))); /* the letter with its accent */
	ck_assert_str_eq(te.text.buf, "Zox");
}
END_TEST

START_TEST(edit_undo_steps)
{
	type("hello world");
	ck_assert(key(UI_FN(KEY_BACKSPACE)));
	ck_assert(key(UI_FN(KEY_BACKSPACE)));
	ck_assert_str_eq(te.text.buf, "hello wor");
	ck_assert(key(UI_CTRL('z'))); /* the two Backspaces are one change */
	ck_assert_str_eq(te.text.buf, "hello world");
	ck_assert_uint_eq(te.cursor, 11);
	ck_assert(key(UI_CTRL('z'))); /* the typing run is one change */
	ck_assert_str_eq(te.text.buf, "");
	ck_assert(key(UI_CTRL('z'))); /* nothing left */
	ck_assert_str_eq(te.text.buf, "");

	/* each typed line, each move-separated run, each kill and paste: a step of its own */
	type("ab\ncd");
	ck_assert(key(UI_FN(KEY_LEFT)));
	type("X");
	ck_assert(key(UI_CTRL('u')));
	ck_assert(ui_textedit_insert_text(&te, "pasted\nlines"));
	ck_assert(key(UI_FN(KEY_UP)));
	ck_assert(key(UI_FN(KEY_HOME)));
	ck_assert(key(UI_FN(KEY_DC)));
	ck_assert(key(UI_FN(KEY_DC)));
	ck_assert_str_eq(te.text.buf, "ab\nsted\nlinesd");
	const char *expect[] = {"ab\npasted\nlinesd", "ab\nd", "ab\ncXd", "ab\ncd", "ab", ""};
	for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
		ck_assert(key(UI_CTRL('z')));
		ck_assert_str_eq(te.text.buf, expect[i]);
	}
	/* the cursor goes back to where the change was made */
	ui_textedit_set(&te, "keep this; drop that");
	keys(UI_FN(KEY_SRIGHT), 2);
	ck_assert(key(UI_CTRL('k')));
	ck_assert(key(UI_FN(KEY_HOME)));
	ck_assert(key(UI_CTRL('_')));
	ck_assert_str_eq(te.text.buf, "keep this; drop that");
	ck_assert_uint_eq(te.cursor, 11);
	ck_assert(te.changed);
	/* set forgets the steps */
	ui_textedit_set(&te, "fresh");
	ck_assert(key(UI_CTRL('z')));
	ck_assert_str_eq(te.text.buf, "fresh");
}
END_TEST

START_TEST(edit_undo_is_bounded)
{
	for (int i = 0; i < 1000; i++) {
		type("w ");
		ck_assert(key(UI_FN(KEY_LEFT))); /* a move between: 1000 separate steps */
		ck_assert(key(UI_FN(KEY_RIGHT)));
	}
	ck_assert_uint_le(te.step_count, 200);
	ck_assert_uint_gt(te.step_count, 10);
	/* large kills: the removed text kept stays near the bound */
	char *big = malloc(1 << 20);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	for (int i = 0; i < 10; i++) {
		ck_assert(ui_textedit_insert_text(&te, big));
		ck_assert(key(UI_CTRL('u')));
	}
	free(big);
	ck_assert_uint_le(te.step_bytes, (size_t)5 << 20);
	for (int i = 0; i < 300; i++)
		key(UI_CTRL('z'));
	ck_assert_uint_eq(te.step_count, 0);
}
END_TEST

START_TEST(edit_paste_stored_as_is)
{
	const char *paste = "one\ntwo\x1b[31m\tthree\r\n\u202eevil\x7f\xe6";
	type("> ");
	ck_assert(ui_textedit_insert_text(&te, paste));
	ck_assert_uint_eq(te.text.len, 2 + strlen(paste));
	ck_assert_str_eq(te.text.buf + 2, paste);
	ck_assert_uint_eq(te.cursor, te.text.len);
	/* the escape, the override and the stray byte are measured as they will be drawn */
	ui_textedit_layout(&te, 80);
	char *got = lines_of(&te);
	ck_assert_str_eq(got, "> one|two\x1b[31m\tthree\r|\u202eevil\x7f\xe6");
	free(got);
	assert_cursor(2, 8 + 4 + 2 + 5);
	/* one step for the whole paste */
	ck_assert(key(UI_CTRL('z')));
	ck_assert_str_eq(te.text.buf, "> ");
	/* typed, the same control characters go to the caller */
	ck_assert(!key(UI_ESC));
	ck_assert(!key('\t'));
	ck_assert(!key(0x9B));
	ck_assert(!key(0x202E));
	ck_assert_str_eq(te.text.buf, "> ");
}
END_TEST

START_TEST(edit_max_bytes)
{
	ui_textedit_clear(&te);
	ui_textedit_init(&te, 10);
	type("abcdefghijkl");
	ck_assert_str_eq(te.text.buf, "abcdefghij");
	ck_assert(key(UI_FN(KEY_ENTER))); /* consumed, refused */
	ck_assert_str_eq(te.text.buf, "abcdefghij");
	keys(UI_FN(KEY_BACKSPACE), 3);
	ck_assert(!ui_textedit_insert_text(&te, "李李")); /* room for one of them */
	ck_assert_str_eq(te.text.buf, "abcdefg李");
	keys(UI_FN(KEY_BACKSPACE), 2);
	ck_assert(!ui_textedit_insert_text(&te, "李李"));
	ck_assert_str_eq(te.text.buf, "abcdef李");
	keys(UI_FN(KEY_BACKSPACE), 1);
	type("gh");
	ck_assert(!ui_textedit_insert_text(&te, "李")); /* two bytes of room: none of it */
	ck_assert_str_eq(te.text.buf, "abcdefgh");
	ck_assert(!ui_textedit_insert_text(&te, "x\xe6\x9d\x8e")); /* cut after the x */
	ck_assert_str_eq(te.text.buf, "abcdefghx");
	ck_assert(ui_textedit_insert_text(&te, ""));
	/* stored text longer than the bound is kept whole; it only refuses growth */
	ui_textedit_set(&te, "0123456789ABCDEF");
	ck_assert_str_eq(te.text.buf, "0123456789ABCDEF");
	type("x");
	ck_assert_str_eq(te.text.buf, "0123456789ABCDEF");
	ck_assert(key(UI_FN(KEY_DC)));
	ck_assert_str_eq(te.text.buf, "123456789ABCDEF");
}
END_TEST

START_TEST(edit_set_is_clean)
{
	ui_textedit_set(&te, "stored note\nsecond line");
	ck_assert(!te.changed);
	ck_assert_uint_eq(te.cursor, 0);
	ck_assert_uint_eq(te.top_line, 0);
	ck_assert(key(UI_FN(KEY_DOWN)));
	ck_assert(!te.changed);
	type("x");
	ck_assert(te.changed);
	ck_assert_str_eq(te.text.buf, "stored note\nxsecond line");
	ui_textedit_set(&te, NULL);
	ck_assert_str_eq(te.text.buf, "");
}
END_TEST

START_TEST(scroll_takes_the_cursor_along)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < 30; i++)
		strbuf_printf(&sb, "%d\n", i);
	ui_textedit_set(&te, sb.buf);
	strbuf_clear(&sb);
	ui_textedit_scroll(&te, 5, 10);
	ck_assert_uint_eq(te.top_line, 5);
	assert_cursor(5, 0);
	ui_textedit_scroll(&te, 100, 10);
	ck_assert_uint_eq(te.top_line, 21); /* 31 lines, the last page of 10 */
	ui_textedit_scroll(&te, -3, 10);
	ck_assert_uint_eq(te.top_line, 18);
	assert_cursor(21, 0); /* still in view: left where it was */
	ui_textedit_scroll(&te, -100, 10);
	ck_assert_uint_eq(te.top_line, 0);
	assert_cursor(9, 0);
}
END_TEST

START_TEST(width_change_keeps_the_top)
{
	ui_textedit_set(&te, "one two three four five six seven eight nine ten");
	ui_textedit_layout(&te, 10);
	te.top_line = 3;
	size_t s, e;
	ck_assert(ui_textedit_line_range(&te, 3, &s, &e));
	ui_textedit_layout(&te, 20);
	size_t s2, e2;
	ck_assert(ui_textedit_line_range(&te, te.top_line, &s2, &e2));
	ck_assert_uint_le(s2, s);
	ck_assert_uint_lt(s, e2);
}
END_TEST

/* --- the cached layout under random edits ---------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* The patched layout must equal wrapping the whole text afresh. */
static void assert_layout_fresh(struct ui_textedit *e)
{
	ck_assert(e->lines_valid); /* patched, not rebuilt behind the test's back */
	struct ui_textedit fresh;
	ui_textedit_init(&fresh, 0);
	ui_textedit_set(&fresh, e->text.buf);
	ui_textedit_layout(&fresh, e->width);
	ck_assert_uint_eq(e->line_count, fresh.line_count);
	for (size_t i = 0; i < fresh.line_count; i++)
		ck_assert_uint_eq(e->lines[i], fresh.lines[i]);
	ui_textedit_clear(&fresh);
}

/* The cursor lies on a character boundary, as decoding from the start finds them. */
static void assert_cursor_on_boundary(const struct ui_textedit *e)
{
	size_t i = 0;
	while (i < e->cursor) {
		uint32_t cp;
		i += text_decode(e->text.buf + i, e->text.len - i, &cp);
	}
	ck_assert_uint_eq(i, e->cursor);
}

/* Hand-formatted: clang-format lays these lists out one item to a line, in spaces. */
/* clang-format off */
static const char *const pieces[] = {
	"a", "word ", " ", "  ", "\n", "\n\n", "x y z ", "long-unbroken-word",
	"李", "小龍 ", "e\xcc\x81", "\xcc\x81",	/* wide; a letter and a lone accent */
	"\x1b", "\u202e", "\t",			/* drawn escaped, or as a space */
	"\xe6", "\x9d\x8e", "\xe6\x9d", "\x8e",	/* halves of 李 that may meet */
};

static const ui_key fuzz_keys[] = {
	UI_FN(KEY_LEFT), UI_FN(KEY_RIGHT), UI_FN(KEY_UP), UI_FN(KEY_DOWN),
	UI_FN(KEY_HOME), UI_FN(KEY_END), UI_FN(KEY_SLEFT), UI_FN(KEY_SRIGHT),
	UI_FN(KEY_NPAGE), UI_FN(KEY_PPAGE), UI_FN(KEY_BACKSPACE), UI_FN(KEY_DC),
	UI_CTRL('w'), UI_CTRL('k'), UI_CTRL('u'), '\r', 'q', ' ', 0x674E, 0x0301,
};
/* clang-format on */

START_TEST(layout_patched_equals_fresh)
{
	rng_state += (uint64_t)_i * 7919;
	int width = _i % 13; /* 0: hard newlines only */
	const char *start = "Seen at 09:00.\nNo concerns; 李小龍 asked about visits.";
	ui_textedit_set(&te, start);
	ui_textedit_layout(&te, width);
	int ops = 150;
	for (int op = 0; op < ops; op++) {
		unsigned what = rnd(10);
		if (what < 3) {
			ui_textedit_insert_text(&te, pieces[rnd(sizeof pieces / sizeof pieces[0])]);
		} else {
			ui_key k = fuzz_keys[rnd(sizeof fuzz_keys / sizeof fuzz_keys[0])];
			ui_textedit_key(&te, k, 1 + (int)rnd(5));
		}
		ck_assert_uint_le(te.cursor, te.text.len);
		ck_assert_uint_eq(strlen(te.text.buf), te.text.len);
		assert_cursor_on_boundary(&te);
		assert_layout_fresh(&te);
	}
	/* every change undone, in order, gives back the text it started from */
	for (int op = 0; op < ops; op++) {
		ui_textedit_key(&te, UI_CTRL('z'), 1);
		assert_layout_fresh(&te);
	}
	ck_assert_str_eq(te.text.buf, start);
}
END_TEST

/* --- a long note ----------------------------------------------------------------------- */

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static char *long_note(size_t bytes, bool paragraphs)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (unsigned i = 0; sb.len < bytes; i++) {
		strbuf_printf(&sb, "%s%u", i % 7 == 3 ? "李小龍 " : "word", i);
		strbuf_putc(&sb, paragraphs && i % 97 == 96 ? '\n' : ' ');
	}
	return strbuf_detach(&sb);
}

/* 1000 keys of writing and moving: typing, Backspace, Enter, arrows, words, undo. */
static void thousand_keys(void)
{
	/* clang-format off */
	static const ui_key script[] = {
		'o', 'k', ' ', UI_FN(KEY_BACKSPACE), '\r', 'x', UI_FN(KEY_LEFT), UI_FN(KEY_UP),
		UI_FN(KEY_DOWN), UI_FN(KEY_RIGHT), UI_FN(KEY_END), UI_FN(KEY_HOME), UI_FN(KEY_END),
		UI_CTRL('w'), UI_CTRL('z'), 0x674E, UI_FN(KEY_SLEFT), UI_FN(KEY_SRIGHT),
		UI_FN(KEY_DC), UI_FN(KEY_BACKSPACE),
	};
	/* clang-format on */
	for (int i = 0; i < 1000; i++)
		ui_textedit_key(&te, script[i % (int)(sizeof script / sizeof script[0])], 20);
}

START_TEST(long_note_stays_quick)
{
	char *note = long_note(500 * 1024, _i == 0);
	ui_textedit_layout(&te, 78);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert(ui_textedit_insert_text(&te, note));
	ck_assert_uint_eq(te.text.len, strlen(note));
	ck_assert_uint_gt(ui_textedit_line_count(&te), 5000);
	/* keys near the end */
	thousand_keys();
	/* and near the start, where every edit moves the whole text and its layout */
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_PPAGE), 1 << 30));
	ck_assert(ui_textedit_key(&te, UI_FN(KEY_PPAGE), 1 << 30));
	ck_assert_uint_eq(te.cursor, 0);
	keys(UI_FN(KEY_DOWN), 3);
	thousand_keys();
	double took = seconds_since(&t0);
	/* a sanity bound, not a benchmark: wrapping it all again per key would take minutes */
	ck_assert_msg(took < 5.0, "2000 keys on a 500 KB note took %.2f s", took);
	assert_layout_fresh(&te);
	free(note);
}
END_TEST

static Suite *textedit_suite(void)
{
	Suite *s = suite_create("textedit");
	TCase *wrap = tcase_create("wrap");
	tcase_add_checked_fixture(wrap, te_setup, te_teardown);
	tcase_add_test(wrap, wrap_ascii_after_last_space);
	tcase_add_test(wrap, wrap_long_word_mid_word);
	tcase_add_test(wrap, wrap_hard_newlines);
	tcase_add_test(wrap, wrap_cjk_never_straddles);
	tcase_add_test(wrap, wrap_combining_marks_stay_with_their_letter);
	tcase_add_test(wrap, wrap_measures_escapes_as_drawn);
	suite_add_tcase(s, wrap);
	TCase *move = tcase_create("move");
	tcase_add_checked_fixture(move, te_setup, te_teardown);
	tcase_add_test(move, cursor_across_wraps_and_newlines);
	tcase_add_test(move, cursor_keeps_goal_column);
	tcase_add_test(move, cursor_goal_across_soft_wraps);
	tcase_add_test(move, cursor_pages);
	tcase_add_test(move, cursor_skips_combining_marks);
	tcase_add_test(move, cursor_word_moves);
	tcase_add_test(move, keys_left_to_the_caller);
	tcase_add_test(move, scroll_takes_the_cursor_along);
	tcase_add_test(move, width_change_keeps_the_top);
	suite_add_tcase(s, move);
	TCase *edit = tcase_create("edit");
	tcase_add_checked_fixture(edit, te_setup, te_teardown);
	tcase_add_test(edit, edit_insert_and_enter);
	tcase_add_test(edit, edit_deletion_keys);
	tcase_add_test(edit, edit_multibyte_deletes);
	tcase_add_test(edit, edit_undo_steps);
	tcase_add_test(edit, edit_undo_is_bounded);
	tcase_add_test(edit, edit_paste_stored_as_is);
	tcase_add_test(edit, edit_max_bytes);
	tcase_add_test(edit, edit_set_is_clean);
	suite_add_tcase(s, edit);
	TCase *layout = tcase_create("layout");
	tcase_add_checked_fixture(layout, te_setup, te_teardown);
	tcase_add_loop_test(layout, layout_patched_equals_fresh, 0, 60);
	tcase_add_loop_test(layout, long_note_stays_quick, 0, 2);
	suite_add_tcase(s, layout);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *runner = srunner_create(textedit_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
