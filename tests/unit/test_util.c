/* util: strbuf, str_copy, status texts, model labels and parsers, the seeded generator. */
#include <stdlib.h>
#include <string.h>

#include "caseload/model.h"
#include "caseload/rng.h"
#include "caseload/status.h"
#include "caseload/strbuf.h"
#include "fixture.h"

START_TEST(strbuf_grows_and_resets)
{
	struct strbuf sb;
	strbuf_init(&sb);
	ck_assert_str_eq(sb.buf, "");
	ck_assert_uint_eq(sb.len, 0);
	for (int i = 0; i < 1000; i++)
		strbuf_putc(&sb, (char)('a' + i % 26));
	ck_assert_uint_eq(sb.len, 1000);
	ck_assert_uint_eq(strlen(sb.buf), 1000);
	ck_assert_int_eq(sb.buf[999], 'a' + 999 % 26);
	strbuf_reset(&sb);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_str_eq(sb.buf, "");
	strbuf_puts(&sb, "x=");
	strbuf_printf(&sb, "%d/%s/%05.1f", 42, "Nguyễn", 3.14159);
	ck_assert_str_eq(sb.buf, "x=42/Nguyễn/003.1");
	/* a formatted piece far longer than the current capacity */
	char big[700];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	strbuf_printf(&sb, "[%s]", big);
	ck_assert_uint_eq(sb.len, strlen("x=42/Nguyễn/003.1") + 701);
	ck_assert_int_eq(sb.buf[sb.len - 1], ']');
	strbuf_append(&sb, "abc", 2);
	ck_assert_int_eq(sb.buf[sb.len - 1], 'b');
	ck_assert_int_eq(sb.buf[sb.len], '\0');
	strbuf_clear(&sb);
	ck_assert_ptr_null(sb.buf);
	ck_assert_uint_eq(sb.len, 0);
}
END_TEST

START_TEST(strbuf_detach_hands_over)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "kept");
	char *p = strbuf_detach(&sb);
	ck_assert_str_eq(p, "kept");
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_ptr_null(sb.buf); /* nothing left behind to leak */
	strbuf_init(&sb);
	strbuf_puts(&sb, "again");
	ck_assert_str_eq(p, "kept");
	ck_assert_str_eq(sb.buf, "again");
	free(p);
	strbuf_clear(&sb);
}
END_TEST

START_TEST(str_copy_never_splits_utf8)
{
	char buf[16];
	str_copy(buf, sizeof buf, "short");
	ck_assert_str_eq(buf, "short");
	/* "Nguyễn": ễ is three bytes at offsets 4..6 */
	str_copy(buf, 5, "Nguyễn");
	ck_assert_str_eq(buf, "Nguy");
	str_copy(buf, 6, "Nguyễn");
	ck_assert_str_eq(buf, "Nguy");
	str_copy(buf, 7, "Nguyễn");
	ck_assert_str_eq(buf, "Nguy");
	str_copy(buf, 8, "Nguyễn");
	ck_assert_str_eq(buf, "Nguyễ");
	str_copy(buf, 4, "李小龍");
	ck_assert_str_eq(buf, "李");
	str_copy(buf, 3, "李小龍");
	ck_assert_str_eq(buf, "");
	str_copy(buf, 1, "abc");
	ck_assert_str_eq(buf, "");
	buf[0] = 'Q';
	str_copy(buf, 0, "abc"); /* no room: untouched */
	ck_assert_int_eq(buf[0], 'Q');
	/* exactly fitting */
	str_copy(buf, 6, "abcde");
	ck_assert_str_eq(buf, "abcde");
}
END_TEST

START_TEST(status_texts_are_distinct)
{
	static const enum cl_status all[] = {
#define X(id, text) id,
	    CL_STATUS_LIST(X)
#undef X
	};
	size_t n = sizeof all / sizeof all[0];
	ck_assert_uint_eq(n, CL_ERR_INTERNAL + 1);
	for (size_t i = 0; i < n; i++) {
		const char *t = cl_status_text(all[i]);
		ck_assert_ptr_nonnull(t);
		ck_assert_uint_gt(strlen(t), 0);
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(t, cl_status_text(all[j]));
	}
	ck_assert_str_eq(cl_status_text(CL_OK), "ok");
	ck_assert_str_eq(cl_status_text(CL_ERR_STALE),
	                 "changed by someone else since it was opened");
	ck_assert_str_eq(cl_status_text((enum cl_status)999), "unknown error");
}
END_TEST

START_TEST(model_labels)
{
	ck_assert_str_eq(model_custody_label(CUSTODY_MAXIMUM), "maximum");
	ck_assert_str_eq(model_custody_label((enum custody_level)CUSTODY_COUNT), "?");
	ck_assert_str_eq(model_custody_label((enum custody_level) - 1), "?");
	ck_assert_str_eq(model_risk_label(RISK_NONE), "not assessed");
	ck_assert_str_eq(model_risk_label(RISK_VERY_HIGH), "very high");
	ck_assert_str_eq(model_risk_label((enum risk_level)RISK_COUNT), "?");
	ck_assert_str_eq(model_alert_label(ALERT_SUICIDE_WATCH), "suicide watch");
	ck_assert_str_eq(model_alert_label((enum alert_kind)ALERT_COUNT), "?");
	ck_assert_int_eq(model_alert_marker(ALERT_KEEP_SEPARATE), 'K');
	ck_assert_int_eq(model_alert_marker(ALERT_MEDICAL), 'M');
	ck_assert_int_eq(model_alert_marker(ALERT_SECURITY), 'S');
	ck_assert_int_eq(model_alert_marker(ALERT_SUICIDE_WATCH), 'W');
	ck_assert_int_eq(model_alert_marker((enum alert_kind)ALERT_COUNT), '?');
	ck_assert_str_eq(model_enrollment_label(ENROLL_WITHDRAWN), "withdrawn");
	ck_assert_str_eq(model_due_label(DUE_ECRC), "ECRC due");
	ck_assert_str_eq(model_due_short(DUE_PLANNING), "rel.plan");
	ck_assert_str_eq(model_due_short(DUE_NONE), "");
	ck_assert_str_eq(model_due_label((enum due_kind)DUE_COUNT), "?");
	ck_assert_str_eq(model_sex_label(SEX_FEMALE), "female");
	ck_assert_str_eq(model_sex_label((enum sex)SEX_COUNT), "?");
	ck_assert_int_eq(model_sex_code(SEX_MALE), 'M');
	ck_assert_int_eq(model_sex_code(SEX_X), 'X');
	ck_assert_int_eq(model_sex_code((enum sex)7), '?');
	enum sex s = SEX_COUNT;
	ck_assert(model_sex_from_code('F', &s));
	ck_assert_int_eq(s, SEX_FEMALE);
	ck_assert(!model_sex_from_code('f', &s));
	ck_assert(!model_sex_from_code('Q', &s));
}
END_TEST

START_TEST(model_parsers)
{
	enum custody_level c = CUSTODY_COUNT;
	ck_assert(model_custody_parse("max", &c));
	ck_assert_int_eq(c, CUSTODY_MAXIMUM);
	ck_assert(model_custody_parse("MEDIUM", &c));
	ck_assert_int_eq(c, CUSTODY_MEDIUM);
	ck_assert(model_custody_parse("c", &c));
	ck_assert_int_eq(c, CUSTODY_CLOSE);
	c = CUSTODY_COUNT;
	ck_assert(!model_custody_parse("m", &c)); /* minimum, medium, maximum */
	ck_assert(!model_custody_parse("", &c));
	ck_assert(!model_custody_parse("supermax", &c));
	ck_assert_int_eq(c, CUSTODY_COUNT);

	enum risk_level r = RISK_COUNT;
	ck_assert(model_risk_parse("high", &r));
	ck_assert_int_eq(r, RISK_HIGH);
	ck_assert(model_risk_parse("very", &r));
	ck_assert_int_eq(r, RISK_VERY_HIGH);
	ck_assert(model_risk_parse("Not Assessed", &r));
	ck_assert_int_eq(r, RISK_NONE);
	ck_assert(model_risk_parse("mod", &r));
	ck_assert_int_eq(r, RISK_MODERATE);
	ck_assert(!model_risk_parse("extreme", &r));

	enum sex s = SEX_COUNT;
	ck_assert(model_sex_parse("m", &s));
	ck_assert_int_eq(s, SEX_MALE);
	ck_assert(model_sex_parse("f", &s));
	ck_assert_int_eq(s, SEX_FEMALE);
	ck_assert(model_sex_parse("x", &s));
	ck_assert_int_eq(s, SEX_X);
	ck_assert(model_sex_parse("Female", &s));
	ck_assert_int_eq(s, SEX_FEMALE);
	ck_assert(model_sex_parse("male", &s));
	ck_assert_int_eq(s, SEX_MALE);
	ck_assert(!model_sex_parse("q", &s));
	ck_assert(!model_sex_parse("", &s));
}
END_TEST

START_TEST(rng_is_reproducible_and_bounded)
{
	struct rng a, b;
	rng_seed(&a, 12345);
	rng_seed(&b, 12345);
	for (int i = 0; i < 1000; i++)
		ck_assert_uint_eq(rng_next(&a), rng_next(&b));
	rng_seed(&b, 12346);
	int same = 0;
	for (int i = 0; i < 100; i++)
		same += rng_next(&a) == rng_next(&b);
	ck_assert_int_lt(same, 2);

	bool seen_lo = false, seen_hi = false;
	int hits[10] = {0};
	for (int i = 0; i < 20000; i++) {
		ck_assert_uint_lt(rng_below(&a, 7), 7);
		int v = rng_range(&a, -3, 6);
		ck_assert_int_ge(v, -3);
		ck_assert_int_le(v, 6);
		seen_lo |= v == -3;
		seen_hi |= v == 6;
		hits[v + 3]++;
		ck_assert(!rng_chance(&a, 0));
		ck_assert(rng_chance(&a, 100));
	}
	ck_assert(seen_lo && seen_hi);
	for (int i = 0; i < 10; i++)
		ck_assert_int_gt(hits[i], 1500); /* each value near 2000 */
	int yes = 0;
	for (int i = 0; i < 10000; i++)
		yes += rng_chance(&a, 30);
	ck_assert_int_gt(yes, 2700);
	ck_assert_int_lt(yes, 3300);
}
END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, strbuf_grows_and_resets);
	tcase_add_test(tc, strbuf_detach_hands_over);
	tcase_add_test(tc, str_copy_never_splits_utf8);
	tcase_add_test(tc, status_texts_are_distinct);
	tcase_add_test(tc, model_labels);
	tcase_add_test(tc, model_parsers);
	tcase_add_test(tc, rng_is_reproducible_and_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(util_suite());
}
