/* date: day numbers, parsing, ages, weekdays; clock: CASELOAD_NOW and timestamps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/clock.h"
#include "caseload/date.h"
#include "caseload/strbuf.h"
#include "fixture.h"

START_TEST(epoch_and_known_days)
{
	ck_assert_int_eq(date_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(date_from_ymd(1970, 1, 2), 1);
	ck_assert_int_eq(date_from_ymd(1969, 12, 31), -1);
	ck_assert_int_eq(date_from_ymd(2000, 1, 1), 10957);
	ck_assert_int_eq(date_from_ymd(2000, 3, 1), 11017);
	ck_assert_int_eq(date_from_ymd(1900, 1, 1), -25567);
	ck_assert_int_eq(date_from_ymd(2024, 6, 15), 19889);
	ck_assert_int_eq(date_from_ymd(1800, 1, 1), -62091);
}
END_TEST

/* Every day from 1900 to 2100: consecutive numbers, exact inverses, text round trips. */
START_TEST(round_trip_every_day)
{
	int y = 1900, m = 1, d = 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	date_t prev = date_from_ymd(1899, 12, 31);
	int prev_wd = date_weekday(prev);
	int days = 0;
	while (y <= 2100) {
		date_t n = date_from_ymd(y, m, d);
		ck_assert_int_eq(n, prev + 1);
		ck_assert(date_valid_ymd(y, m, d));
		int yy, mm, dd;
		date_to_ymd(n, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			ck_abort_msg("%d-%d-%d came back as %d-%d-%d", y, m, d, yy, mm, dd);
		char text[DATE_TEXT_SIZE], want[DATE_TEXT_SIZE + 8];
		date_format(n, text);
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		ck_assert_str_eq(text, want);
		date_t parsed = DATE_NONE;
		ck_assert(date_parse(text, &parsed));
		ck_assert_int_eq(parsed, n);
		int wd = date_weekday(n);
		ck_assert_int_eq(wd, (prev_wd + 1) % 7);
		prev = n, prev_wd = wd;
		days++;

		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		int len = m == 2 && leap ? 29 : mdays[m - 1];
		ck_assert(!date_valid_ymd(y, m, len + 1));
		if (++d > len) {
			d = 1;
			if (++m > 12)
				m = 1, y++;
		}
	}
	ck_assert_int_eq(days, 73414); /* 201 years, 49 of them leap */
}
END_TEST

START_TEST(leap_years)
{
	ck_assert(date_valid_ymd(2024, 2, 29));
	ck_assert(!date_valid_ymd(2023, 2, 29));
	ck_assert(!date_valid_ymd(2100, 2, 29));
	ck_assert(!date_valid_ymd(1900, 2, 29));
	ck_assert(date_valid_ymd(2000, 2, 29));
	ck_assert(!date_valid_ymd(2024, 2, 30));
	date_t d;
	ck_assert(date_parse("2024-02-29", &d));
	ck_assert_int_eq(d, date_from_ymd(2024, 3, 1) - 1);
	ck_assert(!date_parse("2023-02-29", &d));
	ck_assert(!date_parse("2100-02-29", &d));
	ck_assert(date_parse("2000-02-29", &d));
	ck_assert_int_eq(date_from_ymd(2025, 1, 1) - date_from_ymd(2024, 1, 1), 366);
	ck_assert_int_eq(date_from_ymd(2101, 1, 1) - date_from_ymd(2100, 1, 1), 365);
}
END_TEST

START_TEST(parse_refuses_malformed)
{
	static const char *const bad[] = {
	    "2024-1-01",
	    "2024-01-1",
	    "2024-13-01",
	    "2024-00-10",
	    "2024-01-00",
	    "2024-04-31",
	    "2024-06-31",
	    "abcd-ef-gh",
	    "",
	    "2024-01-01x",
	    "2024-01-01 ",
	    " 2024-01-01",
	    "2024/01/01",
	    "20240101",
	    "+024-01-01",
	    "-024-01-01",
	    "2024-0a-01",
	    "2024-01-0 ",
	    "1799-12-31",
	    "3000-01-01",
	    "0000-00-00",
	    "9999-12-31",
	    "2024--01-01",
	    "2024-01-32",
	    "２０２４-01-01",
	    "2024-01-01T00:00:00Z",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		date_t d = 4242;
		if (date_parse(bad[i], &d))
			ck_abort_msg("\"%s\" parsed", bad[i]);
		ck_assert_int_eq(d, 4242); /* untouched on failure */
	}
	date_t d;
	ck_assert(date_parse("1800-01-01", &d));
	ck_assert_int_eq(d, date_from_ymd(1800, 1, 1));
	ck_assert(date_parse("2999-12-31", &d));
	ck_assert_int_eq(d, date_from_ymd(2999, 12, 31));
	ck_assert(!date_valid_ymd(2024, 0, 1));
	ck_assert(!date_valid_ymd(2024, 13, 1));
	ck_assert(!date_valid_ymd(2024, 1, 0));
}
END_TEST

START_TEST(format_none)
{
	char buf[DATE_TEXT_SIZE] = "junk";
	ck_assert_str_eq(date_format(DATE_NONE, buf), "");
	ck_assert_ptr_eq(date_format(0, buf), buf);
	ck_assert_str_eq(buf, "1970-01-01");
}
END_TEST

static int age(const char *birth, const char *on)
{
	return date_age_years(fx_date(birth), fx_date(on));
}

START_TEST(ages_around_birthdays)
{
	ck_assert_int_eq(age("2000-06-15", "2000-06-15"), 0);
	ck_assert_int_eq(age("2000-06-15", "2001-06-14"), 0);
	ck_assert_int_eq(age("2000-06-15", "2001-06-15"), 1);
	ck_assert_int_eq(age("2000-06-15", "2018-06-14"), 17);
	ck_assert_int_eq(age("2000-06-15", "2018-06-15"), 18);
	ck_assert_int_eq(age("2000-06-15", "2018-06-16"), 18);
	ck_assert_int_eq(age("2000-06-15", "2018-05-31"), 17);
	ck_assert_int_eq(age("2000-06-15", "2018-07-01"), 18);
	ck_assert_int_eq(age("1999-12-31", "2000-01-01"), 0);
	ck_assert_int_eq(age("1999-12-31", "2017-12-31"), 18);
	ck_assert_int_eq(age("1999-12-31", "2017-12-30"), 17);
	/* born on Feb 29: a year older on Mar 1 in common years */
	ck_assert_int_eq(age("2004-02-29", "2022-02-28"), 17);
	ck_assert_int_eq(age("2004-02-29", "2022-03-01"), 18);
	ck_assert_int_eq(age("2004-02-29", "2024-02-28"), 19);
	ck_assert_int_eq(age("2004-02-29", "2024-02-29"), 20);
	ck_assert_int_eq(age("2004-02-29", "2024-03-01"), 20);
	ck_assert_int_eq(age("1910-01-01", "2024-06-15"), 114);
}
END_TEST

START_TEST(weekdays)
{
	ck_assert_int_eq(date_weekday(fx_date("1970-01-01")), 3); /* Thursday */
	ck_assert_int_eq(date_weekday(fx_date("2024-06-15")), 5); /* Saturday */
	ck_assert_int_eq(date_weekday(fx_date("2024-06-17")), 0); /* Monday */
	ck_assert_int_eq(date_weekday(fx_date("2000-01-01")), 5);
	ck_assert_int_eq(date_weekday(fx_date("1900-01-01")), 0);
	ck_assert_int_eq(date_weekday(fx_date("1969-12-28")), 6); /* Sunday, before the epoch */
	ck_assert_int_eq(date_weekday(fx_date("1800-01-01")), 2);
}
END_TEST

/* ---- clock ---- */

static struct clock clock_from(const char *now, bool *ok)
{
	struct clock c;
	c.fixed = 777;
	if (now)
		setenv("CASELOAD_NOW", now, 1);
	else
		unsetenv("CASELOAD_NOW");
	*ok = clock_init_from_env(&c);
	unsetenv("CASELOAD_NOW");
	return c;
}

START_TEST(clock_env_date)
{
	bool ok;
	struct clock c = clock_from("2024-03-01", &ok);
	ck_assert(ok);
	ck_assert_int_eq(clock_now(&c), (time_t)fx_date("2024-03-01") * 86400 + 12 * 3600);
	ck_assert_int_eq(clock_today(&c), fx_date("2024-03-01"));
	char ts[32];
	clock_timestamp(&c, ts);
	ck_assert_str_eq(ts, "2024-03-01T12:00:00.00Z");
	/* a fixed clock does not move */
	ck_assert_int_eq(clock_now(&c), clock_now(&c));
}
END_TEST

START_TEST(clock_env_instant)
{
	bool ok;
	struct clock c = clock_from("2024-02-29T23:59:58Z", &ok);
	ck_assert(ok);
	ck_assert_int_eq(clock_now(&c), (time_t)fx_date("2024-02-29") * 86400 + 86398);
	char ts[32];
	clock_timestamp(&c, ts);
	ck_assert_str_eq(ts, "2024-02-29T23:59:58.00Z");
	ck_assert_int_eq(clock_today(&c), fx_date("2024-02-29"));
	c = clock_from("1999-12-31T00:00:00Z", &ok);
	ck_assert(ok);
	clock_timestamp(&c, ts);
	ck_assert_str_eq(ts, "1999-12-31T00:00:00.00Z");
}
END_TEST

START_TEST(clock_env_malformed)
{
	static const char *const bad[] = {
	    "yesterday",
	    "2024-02-30",
	    "2024-3-01",
	    "2024-03-01T",
	    "2024-03-01X",
	    "2024-03-01 12:00:00",
	    "2024-03-01T24:00:00Z",
	    "2024-03-01T12:60:00Z",
	    "2024-03-01T12:00:60Z",
	    "2024-03-01T12:00:00", /* no Z: not UTC */
	    "2024-03-01T12:00:00+02:00",
	    "2024-03-01T12:00:00Zjunk",
	    "2024-03-01T-1:00:00Z",
	    "2024-03-01T1:2:3Z",
	    "2024-03-01T12:00Z",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bool ok;
		clock_from(bad[i], &ok);
		if (ok)
			ck_abort_msg("CASELOAD_NOW=\"%s\" accepted", bad[i]);
	}
}
END_TEST

static bool timestamp_shaped(const char *ts)
{
	/* YYYY-MM-DDTHH:MM:SS.ssZ */
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.ddZ";
	if (strlen(ts) != sizeof shape - 1)
		return false;
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? (ts[i] < '0' || ts[i] > '9') : ts[i] != shape[i])
			return false;
	}
	return true;
}

START_TEST(clock_system)
{
	bool ok;
	struct clock c = clock_from(NULL, &ok);
	ck_assert(ok);
	ck_assert_int_eq(c.fixed, 0);
	time_t before = time(NULL);
	time_t now = clock_now(&c);
	ck_assert_int_ge(now, before);
	ck_assert_int_le(now, time(NULL));
	c = clock_from("", &ok);
	ck_assert(ok);
	ck_assert_int_eq(c.fixed, 0);
	char ts[32];
	clock_timestamp(&c, ts);
	ck_assert_msg(timestamp_shaped(ts), "timestamp %s", ts);
	/* the date part is today's UTC date */
	char day[DATE_TEXT_SIZE];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	date_format(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), day);
	if (tm.tm_hour != 23 || tm.tm_min != 59) /* not at the turn of the day */
		ck_assert(strncmp(ts, day, 10) == 0);
}
END_TEST

START_TEST(clock_fixed_and_timestamps)
{
	struct clock c;
	clock_init_fixed(&c, 1718452800); /* 2024-06-15T12:00:00Z */
	ck_assert_int_eq(clock_now(&c), 1718452800);
	ck_assert_int_eq(clock_today(&c), fx_date("2024-06-15"));
	char ts[32];
	clock_timestamp(&c, ts);
	ck_assert_str_eq(ts, "2024-06-15T12:00:00.00Z");
	ck_assert(timestamp_shaped(ts));
	clock_init_fixed(&c, 951782400 + 86399); /* 2000-02-29T23:59:59Z */
	clock_timestamp(&c, ts);
	ck_assert_str_eq(ts, "2000-02-29T23:59:59.00Z");
}
END_TEST

/* "today" is the caseworker's local date; timestamps stay UTC. */
START_TEST(clock_today_is_local)
{
	const char *saved = getenv("TZ");
	char *old = saved ? xstrdup(saved) : NULL;
	bool ok;
	struct clock c = clock_from("2024-03-02T02:00:00Z", &ok);
	ck_assert(ok);
	setenv("TZ", "EST5", 1);
	tzset();
	ck_assert_int_eq(clock_today(&c), fx_date("2024-03-01"));
	char ts[32];
	clock_timestamp(&c, ts);
	ck_assert_str_eq(ts, "2024-03-02T02:00:00.00Z");
	setenv("TZ", "UTC0", 1);
	tzset();
	ck_assert_int_eq(clock_today(&c), fx_date("2024-03-02"));
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	tzset();
}
END_TEST

static Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, epoch_and_known_days);
	tcase_add_test(tc, round_trip_every_day);
	tcase_add_test(tc, leap_years);
	tcase_add_test(tc, parse_refuses_malformed);
	tcase_add_test(tc, format_none);
	tcase_add_test(tc, ages_around_birthdays);
	tcase_add_test(tc, weekdays);
	suite_add_tcase(s, tc);
	tc = tcase_create("clock");
	tcase_add_test(tc, clock_env_date);
	tcase_add_test(tc, clock_env_instant);
	tcase_add_test(tc, clock_env_malformed);
	tcase_add_test(tc, clock_system);
	tcase_add_test(tc, clock_fixed_and_timestamps);
	tcase_add_test(tc, clock_today_is_local);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(date_suite());
}
