/* keydates: the dates that follow from a sentence, and the derived list columns. */
#include <string.h>

#include "caseload/keydates.h"
#include "caseload/rng.h"
#include "fixture.h"

#define TODAY "2024-06-15"

static struct person base_person(void)
{
	struct person p;
	fx_person_init(&p, "A100001", "Nguyễn", "An");
	/* nothing due unless a test sets it */
	p.next_review = DATE_NONE;
	p.srd = DATE_NONE;
	p.expiration = DATE_NONE;
	return p;
}

static struct person_derived derive(const struct person *p, const struct alert *alerts, size_t n,
                                    const char *today)
{
	struct person_derived d;
	memset(&d, 0x5A, sizeof d);
	keydates_derive(p, alerts, n, fx_date(today), &d);
	return d;
}

START_TEST(sentence_dates)
{
	struct person p = base_person();
	p.srd = fx_date("2026-03-01");
	p.expiration = fx_date("2028-03-01");
	struct keydates k;
	keydates_compute(&p, fx_date(TODAY), &k);
	ck_assert_int_eq(k.ecrc_due, fx_date("2025-12-01"));
	ck_assert_int_eq(k.ecrc_due, p.srd - KEYDATES_ECRC_DAYS);
	ck_assert_int_eq(k.planning_start, fx_date("2025-03-01"));
	ck_assert_int_eq(k.planning_start, p.srd - KEYDATES_PLANNING_DAYS);
	ck_assert_int_eq(k.release, p.srd);
	ck_assert_int_eq(k.release_kind, DUE_RELEASE);
	ck_assert_int_eq(k.days_to_release, 624);
	ck_assert_int_eq(k.age, 39); /* born 1985-04-12 */
	/* admitted 2023-01-10 with 40 days of jail credit */
	ck_assert_int_eq(k.time_served_days, fx_date(TODAY) - fx_date("2023-01-10") + 40);
	ck_assert_int_eq(k.time_served_days, 522 + 40);

	/* across a leap day: 2024-05-30 - 90 = 2024-03-01, - 365 = 2023-05-31 */
	p.srd = fx_date("2024-05-30");
	keydates_compute(&p, fx_date(TODAY), &k);
	ck_assert_int_eq(k.ecrc_due, fx_date("2024-03-01"));
	ck_assert_int_eq(k.planning_start, fx_date("2023-05-31"));
	ck_assert_int_eq(k.days_to_release, -16);
}
END_TEST

START_TEST(release_without_srd)
{
	struct person p = base_person();
	p.expiration = fx_date("2030-01-01");
	struct keydates k;
	keydates_compute(&p, fx_date(TODAY), &k);
	ck_assert_int_eq(k.release, p.expiration);
	ck_assert_int_eq(k.release_kind, DUE_EXPIRATION);
	ck_assert_int_eq(k.ecrc_due, DATE_NONE);
	ck_assert_int_eq(k.planning_start, DATE_NONE);
	ck_assert_int_eq(k.days_to_release, p.expiration - fx_date(TODAY));
}
END_TEST

START_TEST(life_sentence)
{
	struct person p = base_person();
	p.ecrc_required = true;
	struct keydates k;
	keydates_compute(&p, fx_date(TODAY), &k);
	ck_assert_int_eq(k.release, DATE_NONE);
	ck_assert_int_eq(k.release_kind, DUE_NONE);
	ck_assert_int_eq(k.days_to_release, KEYDATES_NO_DAYS);
	ck_assert_int_eq(k.ecrc_due, DATE_NONE);
	ck_assert_int_eq(k.planning_start, DATE_NONE);

	struct person_derived d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due, DATE_NONE);
	ck_assert_int_eq(d.next_due_kind, DUE_NONE);
	ck_assert_uint_eq(d.alert_flags, 0);
	ck_assert_int_eq(d.refresh_on, DATE_NONE);

	/* a life sentence still has reviews */
	p.next_review = fx_date("2024-12-01");
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due, fx_date("2024-12-01"));
	ck_assert_int_eq(d.next_due_kind, DUE_REVIEW);
	ck_assert_int_eq(d.refresh_on, fx_date("2024-12-02"));
}
END_TEST

START_TEST(days_until)
{
	ck_assert_int_eq(keydates_days_until(fx_date("2024-06-16"), fx_date(TODAY)), 1);
	ck_assert_int_eq(keydates_days_until(fx_date(TODAY), fx_date(TODAY)), 0);
	ck_assert_int_eq(keydates_days_until(fx_date("2024-06-01"), fx_date(TODAY)), -14);
	ck_assert_int_eq(keydates_days_until(fx_date("2025-06-15"), fx_date(TODAY)), 365);
}
END_TEST

START_TEST(served_and_age_edges)
{
	struct person p = base_person();
	p.admission = fx_date("2024-07-01"); /* not yet admitted */
	struct keydates k;
	keydates_compute(&p, fx_date(TODAY), &k);
	ck_assert_int_eq(k.time_served_days, 0);
	p.admission = fx_date(TODAY);
	p.jail_credit_days = 0;
	keydates_compute(&p, fx_date(TODAY), &k);
	ck_assert_int_eq(k.time_served_days, 0);
	p.dob = fx_date("2010-06-15");
	keydates_compute(&p, fx_date(TODAY), &k);
	ck_assert_int_eq(k.age, 14);
	keydates_compute(&p, fx_date("2024-06-14"), &k);
	ck_assert_int_eq(k.age, 13);
}
END_TEST

/* The earliest of review, release planning, ECRC (only when required) and release. */
START_TEST(next_due_selection)
{
	struct person p = base_person();
	struct person_derived d;

	/* review first */
	p.next_review = fx_date("2024-09-01");
	p.srd = fx_date("2026-03-01");
	p.expiration = fx_date("2028-03-01");
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_REVIEW);
	ck_assert_int_eq(d.next_due, fx_date("2024-09-01"));
	ck_assert_int_eq(d.refresh_on, fx_date("2024-09-02"));

	/* release planning (SRD - 365) before the review */
	p.next_review = fx_date("2025-06-01");
	p.srd = fx_date("2025-09-01");
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_PLANNING);
	ck_assert_int_eq(d.next_due, fx_date("2024-09-01"));

	/* planning already started: release itself is next, ECRC ignored when not required */
	p.next_review = DATE_NONE;
	p.srd = fx_date("2025-01-15");
	p.ecrc_required = false;
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_RELEASE);
	ck_assert_int_eq(d.next_due, fx_date("2025-01-15"));
	ck_assert_int_eq(d.refresh_on, fx_date("2025-01-16"));

	/* the same person needing ECRC: SRD - 90 */
	p.ecrc_required = true;
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_ECRC);
	ck_assert_int_eq(d.next_due, fx_date("2024-10-17"));
	ck_assert_int_eq(d.refresh_on, fx_date("2024-10-18"));

	/* ECRC passed: release again */
	d = derive(&p, NULL, 0, "2024-10-18");
	ck_assert_int_eq(d.next_due_kind, DUE_RELEASE);

	/* no SRD: the expiration (data from before the rules, or imported) */
	p.srd = DATE_NONE;
	p.expiration = fx_date("2030-01-01");
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_EXPIRATION);
	ck_assert_int_eq(d.next_due, fx_date("2030-01-01"));

	/* an SRD hides the expiration */
	p.srd = fx_date("2029-01-01");
	p.ecrc_required = false;
	d = derive(&p, NULL, 0, "2028-06-01");
	ck_assert_int_eq(d.next_due_kind, DUE_RELEASE);
	ck_assert_int_eq(d.next_due, fx_date("2029-01-01"));
}
END_TEST

START_TEST(past_items_skipped)
{
	struct person p = base_person();
	struct person_derived d;
	p.next_review = fx_date("2024-06-14"); /* yesterday: overdue, not "next" */
	p.srd = fx_date("2024-12-31");         /* planning started 2024-01-01 */
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_RELEASE);
	ck_assert_int_eq(d.next_due, fx_date("2024-12-31"));

	/* due today still counts, and changes tomorrow */
	p.next_review = fx_date(TODAY);
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_REVIEW);
	ck_assert_int_eq(d.next_due, fx_date(TODAY));
	ck_assert_int_eq(d.refresh_on, fx_date("2024-06-16"));

	/* everything in the past: nothing due */
	p.next_review = fx_date("2020-01-01");
	p.srd = fx_date("2021-01-01");
	p.expiration = fx_date("2022-01-01");
	p.ecrc_required = true;
	d = derive(&p, NULL, 0, TODAY);
	ck_assert_int_eq(d.next_due_kind, DUE_NONE);
	ck_assert_int_eq(d.next_due, DATE_NONE);
	ck_assert_int_eq(d.refresh_on, DATE_NONE);
}
END_TEST

static struct alert mk_alert(enum alert_kind kind, const char *start, const char *end)
{
	struct alert a;
	memset(&a, 0, sizeof a);
	a.kind = kind;
	a.start = fx_date(start);
	a.end = fx_date(end);
	return a;
}

START_TEST(alert_flags)
{
	struct person p = base_person();
	p.next_review = fx_date("2024-09-01"); /* refresh 2024-09-02 without alerts */
	struct alert a[6];
	struct person_derived d;

	a[0] = mk_alert(ALERT_MEDICAL, "2024-01-01", ""); /* open */
	d = derive(&p, a, 1, TODAY);
	ck_assert_uint_eq(d.alert_flags, 1u << ALERT_MEDICAL);
	ck_assert_int_eq(d.refresh_on, fx_date("2024-09-02"));

	a[0] = mk_alert(ALERT_MEDICAL, "2024-01-01", "2024-06-14"); /* ended yesterday */
	d = derive(&p, a, 1, TODAY);
	ck_assert_uint_eq(d.alert_flags, 0);
	ck_assert_int_eq(d.refresh_on, fx_date("2024-09-02"));

	a[0] = mk_alert(ALERT_SECURITY, "2024-01-01", TODAY); /* ended today: no longer applies */
	d = derive(&p, a, 1, TODAY);
	ck_assert_uint_eq(d.alert_flags, 0);
	ck_assert_int_eq(d.refresh_on, fx_date("2024-09-02"));

	a[0] = mk_alert(ALERT_SECURITY, "2024-01-01", "2024-06-16"); /* ends tomorrow */
	d = derive(&p, a, 1, TODAY);
	ck_assert_uint_eq(d.alert_flags, 1u << ALERT_SECURITY);
	ck_assert_int_eq(d.refresh_on, fx_date("2024-06-16"));

	a[0] = mk_alert(ALERT_SUICIDE_WATCH, "2024-06-20", ""); /* not yet */
	d = derive(&p, a, 1, TODAY);
	ck_assert_uint_eq(d.alert_flags, 0);
	ck_assert_int_eq(d.refresh_on, fx_date("2024-06-20"));

	a[0] = mk_alert(ALERT_KEEP_SEPARATE, TODAY, ""); /* starts today */
	d = derive(&p, a, 1, TODAY);
	ck_assert_uint_eq(d.alert_flags, 1u << ALERT_KEEP_SEPARATE);

	/* several: flags combine, the earliest boundary wins */
	a[0] = mk_alert(ALERT_MEDICAL, "2023-05-01", "2024-07-01");
	a[1] = mk_alert(ALERT_SECURITY, "2024-06-01", "");
	a[2] = mk_alert(ALERT_SUICIDE_WATCH, "2024-06-25", "2024-06-30");
	a[3] = mk_alert(ALERT_KEEP_SEPARATE, "2020-01-01", "2021-01-01");
	a[4] = mk_alert(ALERT_MEDICAL, "2024-06-10", "2024-06-11");
	a[5] = mk_alert((enum alert_kind)9, "2024-01-01", ""); /* unknown kind: ignored */
	d = derive(&p, a, 6, TODAY);
	ck_assert_uint_eq(d.alert_flags, (1u << ALERT_MEDICAL) | (1u << ALERT_SECURITY));
	ck_assert_int_eq(d.refresh_on, fx_date("2024-06-25"));
	ck_assert_int_eq(d.next_due_kind, DUE_REVIEW);

	/* an alert boundary with nothing due */
	p.next_review = DATE_NONE;
	a[0] = mk_alert(ALERT_MEDICAL, "2024-01-01", "2024-08-01");
	d = derive(&p, a, 1, TODAY);
	ck_assert_int_eq(d.next_due, DATE_NONE);
	ck_assert_int_eq(d.refresh_on, fx_date("2024-08-01"));
}
END_TEST

/* Whatever the dates: refresh_on lies after today, and until that day the derived values
 * stay exactly what they were; so refreshing only rows with refresh_on <= today is enough. */
START_TEST(refresh_on_is_a_true_boundary)
{
	struct rng rng;
	rng_seed(&rng, 99);
	date_t base = fx_date(TODAY);
	for (int iter = 0; iter < 400; iter++) {
		struct person p = base_person();
		p.next_review = rng_chance(&rng, 70) ? base + rng_range(&rng, -60, 400) : DATE_NONE;
		p.srd = rng_chance(&rng, 80) ? base + rng_range(&rng, -100, 900) : DATE_NONE;
		p.expiration =
		    rng_chance(&rng, 60) ? base + rng_range(&rng, -100, 1500) : DATE_NONE;
		p.ecrc_required = rng_chance(&rng, 40);
		struct alert a[4];
		size_t n = rng_below(&rng, 5);
		for (size_t i = 0; i < n; i++) {
			memset(&a[i], 0, sizeof a[i]);
			a[i].kind = (enum alert_kind)rng_below(&rng, ALERT_COUNT);
			a[i].start = base + rng_range(&rng, -300, 200);
			a[i].end =
			    rng_chance(&rng, 50) ? a[i].start + rng_range(&rng, 0, 300) : DATE_NONE;
		}
		struct person_derived d0;
		keydates_derive(&p, a, n, base, &d0);
		if (d0.next_due != DATE_NONE) {
			ck_assert_int_ge(d0.next_due, base);
			ck_assert_int_ne(d0.next_due_kind, DUE_NONE);
		} else {
			ck_assert_int_eq(d0.next_due_kind, DUE_NONE);
		}
		ck_assert(d0.refresh_on == DATE_NONE || d0.refresh_on > base);
		date_t until = d0.refresh_on == DATE_NONE ? base + 1200 : d0.refresh_on;
		for (date_t day = base + 1; day < until; day++) {
			struct person_derived d;
			keydates_derive(&p, a, n, day, &d);
			if (d.next_due != d0.next_due || d.next_due_kind != d0.next_due_kind ||
			    d.alert_flags != d0.alert_flags)
				ck_abort_msg("iteration %d: derived values changed %d days before "
				             "refresh_on",
				             iter, until - day);
		}
	}
}
END_TEST

static Suite *keydates_suite(void)
{
	Suite *s = suite_create("keydates");
	TCase *tc = tcase_create("compute");
	tcase_add_test(tc, sentence_dates);
	tcase_add_test(tc, release_without_srd);
	tcase_add_test(tc, life_sentence);
	tcase_add_test(tc, days_until);
	tcase_add_test(tc, served_and_age_edges);
	suite_add_tcase(s, tc);
	tc = tcase_create("derive");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, next_due_selection);
	tcase_add_test(tc, past_items_skipped);
	tcase_add_test(tc, alert_flags);
	tcase_add_test(tc, refresh_on_is_a_true_boundary);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(keydates_suite());
}
