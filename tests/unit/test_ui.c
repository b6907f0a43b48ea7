/* The parts of the interface that need no terminal: the list layout (as a string) and the
 * line editor's behaviour. */
#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/text.h"
#include "layout.h"
#include "lineedit.h"

static char *describe(int width)
{
	struct ui_list_layout layout;
	struct strbuf sb;
	strbuf_init(&sb);
	ui_layout_list(width, &layout);
	ui_layout_describe(&layout, &sb);
	return strbuf_detach(&sb);
}

static int layout_extent(int width)
{
	struct ui_list_layout layout;
	ui_layout_list(width, &layout);
	const struct ui_column_slot *last = &layout.slots[layout.count - 1];
	return last->x + last->width;
}

START_TEST(layout_80_columns)
{
	char *d = describe(80);
	ck_assert_str_eq(d, "Name@0+20 OID@21+7 Housing@29+8 Risk@38+5 SRD@44+10 Days@55+5 "
			    "Next due@61+14 Alerts@76+4");
	free(d);
}
END_TEST

START_TEST(layout_narrow_drops_lowest_priority_first)
{
	char *d = describe(60);
	ck_assert_ptr_null(strstr(d, "Custody"));
	ck_assert_ptr_null(strstr(d, "Next due"));
	ck_assert_ptr_nonnull(strstr(d, "Name@0"));
	ck_assert_ptr_nonnull(strstr(d, "OID@"));
	ck_assert_ptr_nonnull(strstr(d, "Alerts@"));
	free(d);
	d = describe(200);
	ck_assert_ptr_nonnull(strstr(d, "Custody@"));
	ck_assert_ptr_nonnull(strstr(d, "Next due@"));
	free(d);
}
END_TEST

START_TEST(layout_never_wider_than_screen)
{
	for (int w = 40; w <= 400; w++) {
		ck_assert_int_le(layout_extent(w), w < 60 ? 60 : w);
		struct ui_list_layout layout;
		ui_layout_list(w, &layout);
		for (int i = 1; i < layout.count; i++)
			ck_assert_int_gt(layout.slots[i].x,
					 layout.slots[i - 1].x + layout.slots[i - 1].width - 1);
	}
}
END_TEST

START_TEST(layout_name_capped_on_wide_screens)
{
	struct ui_list_layout layout;
	ui_layout_list(300, &layout);
	ck_assert_int_eq(layout.slots[0].column, COL_NAME);
	ck_assert_int_le(layout.slots[0].width, 44);
	ck_assert_int_eq(layout.count, COL_COUNT);
}
END_TEST

static struct ui_lineedit le;

static void le_setup(void)
{
	ui_lineedit_init(&le, 32);
}

static void le_teardown(void)
{
	ui_lineedit_clear(&le);
}

static void type(const char *utf8)
{
	size_t i = 0, n = strlen(utf8);
	while (i < n) {
		uint32_t cp;
		i += text_decode(utf8 + i, n - i, &cp);
		ck_assert(ui_lineedit_key(&le, (ui_key)cp));
	}
}

START_TEST(lineedit_multibyte_insert_and_delete)
{
	type("Nguyễn");
	ck_assert_str_eq(le.text.buf, "Nguyễn");
	ck_assert(le.changed);
	ck_assert(ui_lineedit_key(&le, UI_FN(KEY_BACKSPACE)));
	ck_assert(ui_lineedit_key(&le, UI_FN(KEY_BACKSPACE)));
	ck_assert_str_eq(le.text.buf, "Nguy");
	ck_assert(ui_lineedit_key(&le, UI_FN(KEY_LEFT)));
	type("李");
	ck_assert_str_eq(le.text.buf, "Ngu李y");
	ck_assert(ui_lineedit_key(&le, UI_FN(KEY_HOME)));
	ck_assert(ui_lineedit_key(&le, UI_FN(KEY_DC)));
	ck_assert_str_eq(le.text.buf, "gu李y");
}
END_TEST

START_TEST(lineedit_words_kill_and_undo)
{
	type("Zoë Ñúñez Ortiz");
	ck_assert(ui_lineedit_key(&le, UI_CTRL('w')));
	ck_assert_str_eq(le.text.buf, "Zoë Ñúñez ");
	ck_assert(ui_lineedit_key(&le, UI_CTRL('z')));
	ck_assert_str_eq(le.text.buf, "Zoë Ñúñez Ortiz");
	ck_assert(ui_lineedit_key(&le, UI_FN(KEY_SLEFT)));
	ck_assert(ui_lineedit_key(&le, UI_FN(KEY_SLEFT)));
	ck_assert(ui_lineedit_key(&le, UI_CTRL('k')));
	ck_assert_str_eq(le.text.buf, "Zoë ");
	ck_assert(ui_lineedit_key(&le, UI_CTRL('u')));
	ck_assert_str_eq(le.text.buf, "");
}
END_TEST

START_TEST(lineedit_refuses_controls_and_overflow)
{
	ck_assert(!ui_lineedit_key(&le, UI_ESC));
	ck_assert(!ui_lineedit_key(&le, '\r'));
	ck_assert(!ui_lineedit_key(&le, '\t'));
	ck_assert(!ui_lineedit_key(&le, 0x9B)); /* C1 CSI */
	ck_assert(!ui_lineedit_key(&le, 0x202E));
	ck_assert_str_eq(le.text.buf, "");
	for (int i = 0; i < 40; i++)
		ui_lineedit_key(&le, 'x');
	ck_assert_uint_eq(le.text.len, 32);
}
END_TEST

START_TEST(lineedit_set_is_clean)
{
	ui_lineedit_set(&le, "2027-03-01");
	ck_assert(!le.changed);
	ck_assert_uint_eq(le.cursor, 10);
	type("x");
	ck_assert(le.changed);
	ui_lineedit_mark_clean(&le);
	ck_assert(!le.changed);
}
END_TEST

static Suite *ui_suite(void)
{
	Suite *s = suite_create("ui");
	TCase *layout = tcase_create("layout");
	tcase_add_test(layout, layout_80_columns);
	tcase_add_test(layout, layout_narrow_drops_lowest_priority_first);
	tcase_add_test(layout, layout_never_wider_than_screen);
	tcase_add_test(layout, layout_name_capped_on_wide_screens);
	suite_add_tcase(s, layout);
	TCase *edit = tcase_create("lineedit");
	tcase_add_checked_fixture(edit, le_setup, le_teardown);
	tcase_add_test(edit, lineedit_multibyte_insert_and_delete);
	tcase_add_test(edit, lineedit_words_kill_and_undo);
	tcase_add_test(edit, lineedit_refuses_controls_and_overflow);
	tcase_add_test(edit, lineedit_set_is_clean);
	suite_add_tcase(s, edit);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *runner = srunner_create(ui_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
