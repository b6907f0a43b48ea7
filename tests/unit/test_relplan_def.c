/* The release plan's definition: the YAML loader (a good file, each problem at its
 * file:line:column) and the due-date rule (weekends, holidays, a chain of holidays before a
 * weekend, no SRD). The forms library alone: pure, no database. */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/relplan_def.h"

static date_t day(const char *ymd)
{
	date_t d;
	ck_assert_msg(date_parse(ymd, &d), "bad date %s", ymd);
	return d;
}

static void fixture(char *path, const char *name)
{
	snprintf(path, PATH_MAX, "%s/%s", RELPLAN_FIXTURES, name);
}

/* Loads the fixture expecting CL_ERR_INVALID and exactly the lines of `expected` ("line:col:
 * message"), each prefixed with the fixture's path. */
static void expect_errors(const char *name, const char *expected)
{
	char path[PATH_MAX];
	fixture(path, name);
	struct strbuf errors, want;
	strbuf_init(&errors);
	strbuf_init(&want);
	const char *p = expected;
	while (*p) {
		const char *nl = strchr(p, '\n');
		strbuf_printf(&want, "%s:%.*s\n", path, (int)(nl - p), p);
		p = nl + 1;
	}
	struct relplan_def def;
	ck_assert_int_eq(relplan_def_load(path, &def, &errors), CL_ERR_INVALID);
	ck_assert_uint_eq(def.section_count, 0);
	ck_assert_ptr_null(def.sections);
	ck_assert_str_eq(errors.buf ? errors.buf : "", want.buf);
	strbuf_clear(&errors);
	strbuf_clear(&want);
}

START_TEST(good_file)
{
	char path[PATH_MAX];
	fixture(path, "good.yaml");
	struct relplan_def def;
	struct strbuf errors;
	strbuf_init(&errors);
	ck_assert_int_eq(relplan_def_load(path, &def, &errors), CL_OK);
	ck_assert_uint_eq(def.section_count, 3);
	ck_assert_uint_eq(def.holiday_count, 2); /* sorted, the repeated day once */
	ck_assert_int_eq(def.holidays[0], day("2026-12-24"));
	const struct relplan_section_def *h = relplan_def_section(&def, "housing");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->title, "Housing");
	ck_assert_uint_eq(h->task_count, 2);
	ck_assert_str_eq(h->tasks[0].id, "residence_verified");
	ck_assert_int_eq(h->tasks[0].owner, RELPLAN_OWNER_AGENT);
	ck_assert_int_eq(h->tasks[0].days_before, 30);
	ck_assert(h->tasks[0].blocks_release);
	ck_assert_int_eq(h->tasks[1].days_before, 180);
	ck_assert(!h->tasks[1].blocks_release);
	ck_assert_int_eq(def.sections[1].tasks[0].days_before, 0);
	ck_assert_uint_eq(def.sections[2].task_count, 0);
	ck_assert_ptr_null(relplan_def_section(&def, "nowhere"));
	relplan_def_clear(&def);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(shipped_file_loads)
{
	struct relplan_def def;
	struct strbuf errors;
	strbuf_init(&errors);
	enum cl_status st = relplan_def_load(SHIPPED_RELEASE_PLAN, &def, &errors);
	ck_assert_msg(st == CL_OK, "%s", errors.buf ? errors.buf : "");
	ck_assert_uint_eq(def.section_count, 13);
	ck_assert_str_eq(def.sections[0].id, "housing");
	ck_assert_str_eq(def.sections[12].id, "first_72_hours");
	relplan_def_clear(&def);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(errors_with_positions)
{
	expect_errors("bad_owner.yaml",
		      "5:36: owner \"warden\" must be caseworker, person, program, agent or family\n");
	expect_errors("bad_due.yaml", "8:14: due \"release + 3\" must read \"srd - N\" with N from 0 "
				      "to 730\n");
	expect_errors("bad_keys.yaml", "3:5: unknown key \"titel\"\n");
	expect_errors("bad_holiday.yaml", "1:12: holiday \"2026-02-30\" must be a date YYYY-MM-DD\n");
	expect_errors("duplicate.yaml", "6:9: section id \"housing\" is used twice\n"
					"9:14: task id \"a\" is used twice\n");
	expect_errors("blocks.yaml",
		      "5:76: blocks_release must be true or false, not \"maybe\"\n");
}
END_TEST

START_TEST(syntax_error_and_missing_file)
{
	char path[PATH_MAX];
	fixture(path, "syntax.yaml");
	struct relplan_def def;
	struct strbuf errors;
	strbuf_init(&errors);
	ck_assert_int_eq(relplan_def_load(path, &def, &errors), CL_ERR_INVALID);
	char want[PATH_MAX + 40];
	snprintf(want, sizeof want, "%s:4:1: ", path);
	ck_assert_msg(strncmp(errors.buf, want, strlen(want)) == 0, "%s", errors.buf);
	strbuf_clear(&errors);
	fixture(path, "absent.yaml");
	ck_assert_int_eq(relplan_def_load(path, &def, &errors), CL_ERR_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(errors.buf, "cannot open"));
	strbuf_clear(&errors);
}
END_TEST

START_TEST(due_on_a_working_day)
{
	/* 2027-03-31 is a Wednesday: 2 days back is a Monday */
	date_t srd = day("2027-03-31");
	ck_assert_int_eq(relplan_due(srd, 2, NULL, 0), day("2027-03-29"));
	ck_assert_int_eq(relplan_due(srd, 0, NULL, 0), srd);
}
END_TEST

START_TEST(due_moves_off_weekends)
{
	date_t srd = day("2027-03-31");
	/* 3 days back is Sunday 03-28, 4 is Saturday 03-27: both to Friday 03-26 */
	ck_assert_int_eq(relplan_due(srd, 3, NULL, 0), day("2027-03-26"));
	ck_assert_int_eq(relplan_due(srd, 4, NULL, 0), day("2027-03-26"));
}
END_TEST

START_TEST(due_moves_off_holidays)
{
	date_t hol[] = {day("2026-12-24"), day("2026-12-25")};
	/* SRD Monday 2027-01-25, 31 days back: Christmas Eve (Thursday) -> Wednesday 12-23 */
	ck_assert_int_eq(relplan_due(day("2027-01-25"), 32, hol, 2), day("2026-12-23"));
	ck_assert(relplan_is_holiday(day("2026-12-25"), hol, 2));
	ck_assert(relplan_is_holiday(day("2026-12-26"), hol, 2)); /* a Saturday */
	ck_assert(!relplan_is_holiday(day("2026-12-23"), hol, 2));
}
END_TEST

START_TEST(due_chain_of_holidays_before_a_weekend)
{
	/* 31 days before 2026-12-30 is Sunday 11-29: back over the weekend and the holidays
	 * Friday 11-27 and Thursday 11-26 to Wednesday 11-25 */
	date_t hol[] = {day("2026-11-26"), day("2026-11-27")};
	ck_assert_int_eq(relplan_due(day("2026-12-30"), 31, hol, 2), day("2026-11-25"));
	ck_assert_int_eq(relplan_due(day("2026-11-29"), 0, hol, 2), day("2026-11-25"));
}
END_TEST

START_TEST(due_without_srd)
{
	ck_assert_int_eq(relplan_due(DATE_NONE, 60, NULL, 0), DATE_NONE);
}
END_TEST

START_TEST(owner_names)
{
	enum relplan_owner o = RELPLAN_OWNER_COUNT;
	ck_assert(relplan_owner_parse("family", &o));
	ck_assert_int_eq(o, RELPLAN_OWNER_FAMILY);
	ck_assert(!relplan_owner_parse("Family", &o));
	ck_assert_str_eq(relplan_owner_name(RELPLAN_OWNER_AGENT), "agent");
	ck_assert_str_eq(relplan_owner_name(RELPLAN_OWNER_COUNT), "?");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("relplan_def");
	TCase *load = tcase_create("load");
	tcase_add_test(load, good_file);
	tcase_add_test(load, shipped_file_loads);
	tcase_add_test(load, errors_with_positions);
	tcase_add_test(load, syntax_error_and_missing_file);
	tcase_add_test(load, owner_names);
	suite_add_tcase(s, load);
	TCase *due = tcase_create("due");
	tcase_add_test(due, due_on_a_working_day);
	tcase_add_test(due, due_moves_off_weekends);
	tcase_add_test(due, due_moves_off_holidays);
	tcase_add_test(due, due_chain_of_holidays_before_a_weekend);
	tcase_add_test(due, due_without_srd);
	suite_add_tcase(s, due);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
