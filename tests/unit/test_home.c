/* The caseworker's day: releases counted in 30/60/90-day windows, key dates overdue or due
 * this week, new alerts, the caseload by risk and by time to release, and the work waiting:
 * all of the signed-in user's own caseload, nobody else's. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "caseload/home.h"
#include "caseload/planning.h"
#include "caseload/reentry.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static int64_t otto;

static void setup(void)
{
	fx_app_open(&fx, NOW);
	otto = fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
}

static void teardown(void)
{
	fx_app_close(&fx);
}

/* A person of `worker`'s caseload releasing on srd (or never: "") at risk `risk`. */
static int64_t person(const char *oid, int64_t worker, const char *srd, enum risk_level risk)
{
	struct person p;
	fx_person_init(&p, oid, "Person", oid);
	p.caseworker_id = worker;
	p.srd = srd[0] ? fx_date(srd) : DATE_NONE;
	p.risk = risk;
	return fx_person_insert(&fx.app, &p, NULL, NULL, 0);
}

START_TEST(releases_due_and_counts_of_my_caseload)
{
	person("300001", fx.staff_id, "2026-12-10", RISK_LOW);      /* 17 days */
	person("300002", fx.staff_id, "2027-01-20", RISK_HIGH);     /* 58 days */
	person("300003", fx.staff_id, "2027-02-15", RISK_HIGH);     /* 84 days */
	person("300004", fx.staff_id, "2027-06-01", RISK_MODERATE); /* 190 days: 6-12 months */
	person("300005", fx.staff_id, "", RISK_VERY_HIGH);          /* no SRD */
	person("300006", otto, "2026-11-30", RISK_LOW);             /* not mine */
	struct home h;
	ck_assert_int_eq(app_home_load(&fx.app, &h), CL_OK);
	ck_assert_uint_eq(h.release_count, 3);
	ck_assert_str_eq(h.releases[0].oid, "300001");
	ck_assert_str_eq(h.releases[2].oid, "300003");
	ck_assert_uint_eq(h.releases_30, 1);
	ck_assert_uint_eq(h.releases_60, 2);
	ck_assert_uint_eq(h.releases_90, 3);
	ck_assert_uint_eq(h.by_risk[RISK_LOW], 1);
	ck_assert_uint_eq(h.by_risk[RISK_HIGH], 2);
	ck_assert_uint_eq(h.by_risk[RISK_MODERATE], 1);
	ck_assert_uint_eq(h.by_risk[RISK_VERY_HIGH], 1);
	ck_assert_uint_eq(h.by_months[0], 3); /* within 3 months */
	ck_assert_uint_eq(h.by_months[2], 1); /* 6-12 months */
	ck_assert_uint_eq(h.by_months[4], 1); /* none */
	size_t total = 0;
	for (int i = 0; i < RISK_COUNT; i++)
		total += h.by_risk[i];
	ck_assert_uint_eq(total, 5);
	app_home_clear(&h);
}
END_TEST

START_TEST(key_dates_due_and_overdue)
{
	int64_t a = person("300001", fx.staff_id, "2028-01-01", RISK_LOW);
	int64_t b = person("300002", fx.staff_id, "2028-01-01", RISK_LOW);
	person("300003", fx.staff_id, "2028-01-01", RISK_LOW);
	/* the derived next-due column, as the key-date rules would have set it */
	char sql[300];
	snprintf(sql, sizeof sql,
		 "UPDATE person SET next_due_date = '2026-11-20', next_due_kind = 1 WHERE id = %lld;"
		 "UPDATE person SET next_due_date = '2026-11-28', next_due_kind = 2 WHERE id = %lld;"
		 "UPDATE person SET next_due_date = '2026-12-20' WHERE next_due_date = '9999-12-31'",
		 (long long)a, (long long)b);
	ck_assert_int_eq(fx_sql_exec(fx.db, sql, NULL, 0), 0);
	struct home h;
	ck_assert_int_eq(app_home_load(&fx.app, &h), CL_OK);
	ck_assert_uint_eq(h.due_count, 2); /* the third is due in four weeks */
	ck_assert_int_eq(h.due[0].id, a);
	ck_assert_int_eq(h.due[0].kind, 1);
	ck_assert_uint_eq(h.overdue, 1);
	app_home_clear(&h);
}
END_TEST

START_TEST(new_alerts_only_in_force_and_recent)
{
	int64_t a = person("300001", fx.staff_id, "2028-01-01", RISK_LOW);
	char sql[600];
	snprintf(sql, sizeof sql,
		 "INSERT INTO alert (person_id, kind, detail, start_date, end_date, created_at) VALUES"
		 " (%lld, 1, 'new', '2026-11-21', NULL, 'x'),"
		 " (%lld, 2, 'old', '2026-10-01', NULL, 'x'),"
		 " (%lld, 3, 'ended', '2026-11-20', '2026-11-22', 'x')",
		 (long long)a, (long long)a, (long long)a);
	ck_assert_int_eq(fx_sql_exec(fx.db, sql, NULL, 0), 0);
	struct home h;
	ck_assert_int_eq(app_home_load(&fx.app, &h), CL_OK);
	ck_assert_uint_eq(h.alert_count, 1);
	ck_assert_str_eq(h.alerts[0].detail, "new");
	app_home_clear(&h);
}
END_TEST

START_TEST(release_plan_tasks_and_case_plan_reviews_due)
{
	int64_t a = person("300001", fx.staff_id, "2026-12-10", RISK_HIGH);
	person("300002", otto, "2026-12-10", RISK_HIGH); /* not mine */
	char msg[300];
	struct reentry r;
	ck_assert_msg(app_reentry_open(&fx.app, a, &r, msg, sizeof msg) == CL_OK, "%s", msg);
	app_reentry_clear(&r);
	struct app_case_plan cp;
	ck_assert_msg(app_case_plan_open(&fx.app, a, &cp, msg, sizeof msg) == CL_OK, "%s", msg);
	ck_assert_msg(app_case_plan_create(&fx.app, &cp, msg, sizeof msg) == CL_OK, "%s", msg);
	app_case_plan_clear(&cp);
	struct home h;
	ck_assert_int_eq(app_home_load(&fx.app, &h), CL_OK);
	/* 17 days to release: the plan's tasks counted back from the SRD are mostly overdue */
	ck_assert_uint_gt(h.task_count, 0);
	ck_assert_int_eq(h.tasks[0].id, a);
	ck_assert_int_le(h.tasks[0].date, h.today + 7);
	ck_assert_uint_gt(h.overdue, 0);
	ck_assert_ptr_nonnull(strstr(h.releases[0].detail, "release plan 0/"));
	/* the case plan's first review is 90 days out: not due */
	ck_assert_uint_eq(h.plan_review_count, 0);
	app_home_clear(&h);
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE case_plan SET next_review_on = '2026-11-25'",
				     NULL, 0),
			 0);
	ck_assert_int_eq(app_home_load(&fx.app, &h), CL_OK);
	ck_assert_uint_eq(h.plan_review_count, 1);
	ck_assert_str_eq(h.plan_reviews[0].detail, "case plan v1");
	app_home_clear(&h);
}
END_TEST

START_TEST(nobody_signed_in_sees_nothing)
{
	fx.app.me.id = 0;
	struct home h;
	ck_assert_int_eq(app_home_load(&fx.app, &h), CL_ERR_DENIED);
	ck_assert_uint_eq(h.release_count, 0);
}
END_TEST

static Suite *home_suite(void)
{
	Suite *s = suite_create("home");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, releases_due_and_counts_of_my_caseload);
	tcase_add_test(tc, key_dates_due_and_overdue);
	tcase_add_test(tc, new_alerts_only_in_force_and_recent);
	tcase_add_test(tc, release_plan_tasks_and_case_plan_reviews_due);
	tcase_add_test(tc, nobody_signed_in_sees_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(home_suite());
}
