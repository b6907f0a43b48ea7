/* Case plans and release plans under QA review: a signed case plan goes to the signer's
 * lead, comes back with a comment on a goal, and the version signed after it starts the
 * next round of the same review (the review moves to it) with the changes per goal; the
 * configuration turns review to a sample or off (a request still submits); a release plan
 * is submitted once every section is settled, resubmitted by hand after a return, and may
 * be reviewed again after approval; samples of plans are seeded and recorded; nobody
 * approves their own plan. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/planning.h"
#include "caseload/reentry.h"
#include "caseload/review.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static char msg[APP_REVIEW_MESSAGE_SIZE];
static char dir[PATH_MAX];
static int64_t pid, lee, lou;

static const char plan_yaml[] =
	"sections:\n"
	"  - id: housing\n"
	"    title: Housing\n"
	"    tasks:\n"
	"      - {id: options, label: \"Options discussed\", owner: caseworker, due: \"srd - 90\"}\n"
	"  - id: identification\n"
	"    title: Identification documents\n"
	"    tasks:\n"
	"      - {id: state_id, label: \"State ID applied for\", owner: caseworker, due: \"srd - 60\"}\n";

static void setup(void)
{
	fx_app_open(&fx, NOW);
	struct person p;
	fx_person_init(&p, "300001", "Nguyễn", "An");
	p.caseworker_id = fx.staff_id;
	p.srd = fx_date("2027-03-10");
	pid = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	lee = fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	lou = fx_staff_add(&fx.app, "lou", "Lou Lead", "lead");
	char sql[120];
	snprintf(sql, sizeof sql, "UPDATE staff SET lead_id = %lld WHERE id = %lld", (long long)lee,
		 (long long)fx.staff_id);
	ck_assert_int_eq(fx_sql_exec(fx.db, sql, NULL, 0), 0);
	fx_tmpdir(dir);
	char path[PATH_MAX];
	fx_path(path, dir, "release_plan.yaml");
	fx_write_file(path, plan_yaml, sizeof plan_yaml - 1);
	str_copy(fx.app.config.release_plan_file, sizeof fx.app.config.release_plan_file, path);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
}

static void teardown(void)
{
	fx_app_close(&fx);
	fx_rmtree(dir);
}

static long long count(const char *sql)
{
	return fx_sql_int(fx.db, sql);
}

static void login(const char *who)
{
	ck_assert_int_eq(fx_login(&fx.app, who), CL_OK);
}

/* ---- case plans ---- */

static void plan_open(struct app_case_plan *cp)
{
	app_case_plan_clear(cp);
	ck_assert_msg(app_case_plan_open(&fx.app, pid, cp, msg, sizeof msg) == CL_OK, "%s", msg);
}

static void goal_add(struct app_case_plan *cp, const char *domain, const char *statement)
{
	struct plan_goal g = {.priority = (int)cp->goal_count + 1, .stage = PLAN_PREPARATION};
	str_copy(g.domain, sizeof g.domain, domain);
	str_copy(g.statement, sizeof g.statement, statement);
	ck_assert_msg(app_plan_goal_add(&fx.app, cp, &g, msg, sizeof msg) == CL_OK, "%s", msg);
}

/* casey writes a first plan of one goal and signs it; returns the version's id. */
static int64_t first_plan_signed(struct app_case_plan *cp)
{
	memset(cp, 0, sizeof *cp);
	plan_open(cp);
	ck_assert_msg(app_case_plan_create(&fx.app, cp, msg, sizeof msg) == CL_OK, "%s", msg);
	goal_add(cp, "school_work", "Find work");
	ck_assert_msg(app_plan_sign(&fx.app, cp, true, msg, sizeof msg) == CL_OK, "%s", msg);
	return cp->plan.id;
}

static struct review plan_review(enum review_kind kind, int64_t object)
{
	struct review r;
	ck_assert_int_eq(store_review_of(fx.app.store, kind, object, &r), CL_OK);
	return r;
}

START_TEST(signed_case_plan_goes_to_the_lead_and_comes_back)
{
	struct app_case_plan cp;
	int64_t v1 = first_plan_signed(&cp);
	ck_assert_ptr_nonnull(strstr(msg, "submitted for review to Lee Lead"));
	struct review r = plan_review(REVIEW_CASE_PLAN, v1);
	ck_assert_int_eq(r.assigned_to, lee);
	ck_assert_int_eq(r.author_id, fx.staff_id);
	ck_assert_int_eq(r.reason, REVIEW_REQUIRED);
	ck_assert_str_eq(r.title, "Case plan v1");
	ck_assert_int_eq(r.due_on, fx_date("2026-12-03")); /* review_due_days after today */
	ck_assert_int_eq(count("SELECT count(*) FROM review_snapshot WHERE field = "
			       "'school_work.goal' AND value = 'Find work'"),
			 1);
	/* the author neither approves nor comments */
	ck_assert_int_eq(app_review_approve(&fx.app, r.id, "", msg, sizeof msg), CL_ERR_DENIED);

	/* the lead returns it with a comment on the goal */
	login("lee");
	ck_assert_int_eq(app_review_comment(&fx.app, r.id, "school_work", "Not measurable", msg,
					    sizeof msg),
			 CL_OK);
	ck_assert_int_eq(app_review_return(&fx.app, r.id, "", msg, sizeof msg), CL_OK);

	/* casey cannot resubmit the same version: a new one, changed, signed */
	login("casey");
	ck_assert_int_eq(app_review_request(&fx.app, REVIEW_CASE_PLAN, pid, msg, sizeof msg),
			 CL_ERR_EXISTS);
	ck_assert_ptr_nonnull(strstr(msg, "start a new version"));
	plan_open(&cp);
	ck_assert_int_eq(app_plan_new_version(&fx.app, &cp, msg, sizeof msg), CL_OK);
	/* the draft shows the review it answers */
	struct review answering;
	ck_assert_int_eq(app_review_of_item(&fx.app, REVIEW_CASE_PLAN, cp.plan.id, &answering),
			 CL_OK);
	ck_assert_int_eq(answering.id, r.id);
	struct plan_goal g = cp.goals[0];
	str_copy(g.statement, sizeof g.statement, "Hold a job for 90 days");
	ck_assert_int_eq(app_plan_goal_update(&fx.app, &cp, &g, msg, sizeof msg), CL_OK);
	goal_add(&cp, "antisocial_associates", "Two prosocial contacts");
	ck_assert_int_eq(app_plan_sign(&fx.app, &cp, true, msg, sizeof msg), CL_OK);
	ck_assert_ptr_nonnull(strstr(msg, "resubmitted for review to Lee Lead"));
	int64_t v2 = cp.plan.id;

	/* the same review, round 2, now of version 2, back with the lead who returned it */
	struct review again = plan_review(REVIEW_CASE_PLAN, v2);
	ck_assert_int_eq(again.id, r.id);
	ck_assert_int_eq(again.round, 2);
	ck_assert_int_eq(again.assigned_to, lee);
	ck_assert_str_eq(again.title, "Case plan v2");
	ck_assert_int_eq(again.due_on, fx_date("2026-12-03"));
	ck_assert_int_eq(store_review_of(fx.app.store, REVIEW_CASE_PLAN, v1, &r), CL_ERR_NOTFOUND);
	login("lee");
	struct review_change *changes = NULL;
	size_t n = 0;
	ck_assert_int_eq(app_review_changes(&fx.app, &again, &changes, &n), CL_OK);
	ck_assert_uint_ge(n, 2);
	bool statement = false, added = false;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(changes[i].field, "school_work.goal")) {
			statement = true;
			ck_assert_str_eq(changes[i].before, "Find work");
			ck_assert_str_eq(changes[i].after, "Hold a job for 90 days");
		}
		if (!strcmp(changes[i].field, "antisocial_associates.goal")) {
			added = true;
			ck_assert_str_eq(changes[i].before, "");
		}
	}
	review_changes_free(&changes, n);
	ck_assert(statement && added);
	ck_assert_int_eq(app_review_approve(&fx.app, again.id, "", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(plan_review(REVIEW_CASE_PLAN, v2).state, REVIEW_APPROVED);
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE event = 'review.approve'"), 1);
	app_case_plan_clear(&cp);
}
END_TEST

START_TEST(review_never_moves_to_another_plan_through_sql)
{
	struct app_case_plan cp;
	int64_t v1 = first_plan_signed(&cp);
	struct review r = plan_review(REVIEW_CASE_PLAN, v1);
	login("lee");
	ck_assert_int_eq(app_review_return(&fx.app, r.id, "Redo it", msg, sizeof msg), CL_OK);
	/* an id that is no newer version of the person's plan */
	fx_sql_refused(fx.db, "keeps its item",
		       "UPDATE review SET object_id = object_id + 1000, state = 'submitted', "
		       "round = 2, decided_at = NULL, decided_by = NULL WHERE id = %lld%.0lld",
		       r.id, 0);
	app_case_plan_clear(&cp);
}
END_TEST

START_TEST(configuration_samples_or_turns_off_case_plan_review)
{
	fx.app.config.case_plan_review = CONFIG_REVIEW_OFF;
	struct app_case_plan cp;
	int64_t v1 = first_plan_signed(&cp);
	struct review r;
	ck_assert_int_eq(store_review_of(fx.app.store, REVIEW_CASE_PLAN, v1, &r), CL_ERR_NOTFOUND);
	/* asked for, it goes anyway */
	ck_assert_msg(app_review_request(&fx.app, REVIEW_CASE_PLAN, pid, msg, sizeof msg) == CL_OK,
		      "%s", msg);
	ck_assert_str_eq(msg, "Submitted for review: Lee Lead");
	r = plan_review(REVIEW_CASE_PLAN, v1);
	ck_assert_int_eq(r.reason, REVIEW_REQUESTED);
	ck_assert_int_eq(app_review_request(&fx.app, REVIEW_CASE_PLAN, pid, msg, sizeof msg),
			 CL_ERR_EXISTS);
	ck_assert_ptr_nonnull(strstr(msg, "waiting for review already"));

	/* sampled: a new version is left to the monthly draw, which only a lead makes */
	fx.app.config.case_plan_review = CONFIG_REVIEW_SAMPLED;
	plan_open(&cp);
	ck_assert_int_eq(app_plan_new_version(&fx.app, &cp, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_plan_sign(&fx.app, &cp, false, msg, sizeof msg), CL_OK);
	int64_t v2 = cp.plan.id;
	ck_assert_int_eq(store_review_of(fx.app.store, REVIEW_CASE_PLAN, v2, &r), CL_ERR_NOTFOUND);
	size_t drawn = 0;
	ck_assert_int_eq(app_review_draw_sample(&fx.app, REVIEW_CASE_PLAN, NULL, "2026-11", 100, 7,
						&drawn, msg, sizeof msg),
			 CL_ERR_DENIED);
	login("lou");
	ck_assert_msg(app_review_draw_sample(&fx.app, REVIEW_CASE_PLAN, NULL, "2026-11", 100, 7,
					     &drawn, msg, sizeof msg) == CL_OK,
		      "%s", msg);
	ck_assert_uint_eq(drawn, 1); /* version 1 is under review already */
	r = plan_review(REVIEW_CASE_PLAN, v2);
	ck_assert_int_eq(r.reason, REVIEW_SAMPLED);
	ck_assert_int_eq(r.assigned_to, lee);
	ck_assert_int_eq(count("SELECT count(*) FROM review_sample WHERE kind = 'case_plan' "
			       "AND form_id = '' AND eligible = 1 AND drawn = 1"),
			 1);
	ck_assert_int_eq(app_review_draw_sample(&fx.app, REVIEW_CASE_PLAN, NULL, "2026-11", 100, 7,
						&drawn, msg, sizeof msg),
			 CL_ERR_EXISTS);
	ck_assert_int_eq(app_review_draw_sample(&fx.app, REVIEW_NOTE, NULL, "2026-11", 100, 7,
						&drawn, msg, sizeof msg),
			 CL_ERR_INVALID);
	app_case_plan_clear(&cp);
}
END_TEST

START_TEST(nobody_approves_their_own_plan)
{
	login("lee");
	struct app_case_plan cp;
	int64_t v1 = first_plan_signed(&cp);
	struct review r = plan_review(REVIEW_CASE_PLAN, v1);
	ck_assert_int_eq(r.author_id, lee);
	ck_assert_int_eq(r.assigned_to, 0); /* lee has no lead: the shared queue */
	ck_assert_int_eq(app_review_approve(&fx.app, r.id, "", msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_str_eq(msg, "Nobody reviews their own work");
	struct review q[4];
	size_t n = 9;
	ck_assert_int_eq(app_review_queue(&fx.app, 0, -1, q, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	login("lou");
	ck_assert_int_eq(app_review_queue(&fx.app, 0, REVIEW_CASE_PLAN, q, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(app_review_queue(&fx.app, 0, REVIEW_FORM, q, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(app_review_approve(&fx.app, r.id, "", msg, sizeof msg), CL_OK);
	app_case_plan_clear(&cp);
}
END_TEST

/* ---- release plans ---- */

static void settle(struct reentry *r, const char *section, enum relplan_status status)
{
	char rmsg[APP_REENTRY_MESSAGE_SIZE];
	ck_assert_msg(app_reentry_set_status(&fx.app, r, section, status,
					     status == RELPLAN_NOT_APPLICABLE ? "Has a home" : NULL,
					     rmsg, sizeof rmsg) == CL_OK,
		      "%s", rmsg);
	str_copy(msg, sizeof msg, rmsg);
	app_reentry_clear(r);
	ck_assert_int_eq(app_reentry_open(&fx.app, pid, r, rmsg, sizeof rmsg), CL_OK);
}

START_TEST(release_plan_submitted_when_settled_and_resubmitted)
{
	struct reentry r;
	char rmsg[APP_REENTRY_MESSAGE_SIZE];
	ck_assert_int_eq(app_reentry_open(&fx.app, pid, &r, rmsg, sizeof rmsg), CL_OK);
	settle(&r, "housing", RELPLAN_NOT_APPLICABLE);
	struct review rv;
	ck_assert_int_eq(store_review_of(fx.app.store, REVIEW_RELEASE_PLAN, r.plan.id, &rv),
			 CL_ERR_NOTFOUND);
	settle(&r, "identification", RELPLAN_VERIFIED);
	ck_assert_ptr_nonnull(strstr(msg, "every section is settled: submitted for review to Lee"));
	rv = plan_review(REVIEW_RELEASE_PLAN, r.plan.id);
	ck_assert_int_eq(rv.author_id, fx.staff_id);
	ck_assert_str_eq(rv.title, "Release plan");
	ck_assert_int_eq(count("SELECT count(*) FROM review_snapshot WHERE field = 'housing' "
			       "AND value = 'not applicable: Has a home'"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM review_snapshot WHERE field = "
			       "'identification.state_id' AND value LIKE 'State ID applied for: open%'"),
			 1);

	/* returned on a section; changed; resubmitted by hand */
	login("lee");
	ck_assert_int_eq(app_review_comment(&fx.app, rv.id, "identification", "ID not verified",
					    msg, sizeof msg),
			 CL_OK);
	ck_assert_int_eq(app_review_return(&fx.app, rv.id, "", msg, sizeof msg), CL_OK);
	login("casey");
	app_reentry_clear(&r);
	ck_assert_int_eq(app_reentry_open(&fx.app, pid, &r, rmsg, sizeof rmsg), CL_OK);
	for (size_t i = 0; i < r.task_count; i++)
		if (!strcmp(r.tasks[i].task, "state_id"))
			ck_assert_int_eq(app_reentry_tick(&fx.app, &r, r.tasks[i].id, true, rmsg,
							  sizeof rmsg),
					 CL_OK);
	ck_assert_msg(app_review_request(&fx.app, REVIEW_RELEASE_PLAN, pid, msg, sizeof msg) ==
			      CL_OK,
		      "%s", msg);
	ck_assert_str_eq(msg, "Resubmitted for review: Lee Lead");
	rv = plan_review(REVIEW_RELEASE_PLAN, r.plan.id);
	ck_assert_int_eq(rv.round, 2);
	login("lee");
	struct review_change *changes = NULL;
	size_t n = 0;
	ck_assert_int_eq(app_review_changes(&fx.app, &rv, &changes, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(changes[0].field, "identification.state_id");
	ck_assert_ptr_nonnull(strstr(changes[0].after, "done 2026-11-23"));
	review_changes_free(&changes, n);
	ck_assert_int_eq(app_review_approve(&fx.app, rv.id, "", msg, sizeof msg), CL_OK);

	/* after approval it may be reviewed again: a new review, not the old one reopened */
	login("casey");
	ck_assert_msg(app_review_request(&fx.app, REVIEW_RELEASE_PLAN, pid, msg, sizeof msg) ==
			      CL_OK,
		      "%s", msg);
	struct review later = plan_review(REVIEW_RELEASE_PLAN, r.plan.id);
	ck_assert_int_ne(later.id, rv.id);
	ck_assert_int_eq(later.round, 1);
	ck_assert_int_eq(app_review_request(&fx.app, REVIEW_RELEASE_PLAN, pid, msg, sizeof msg),
			 CL_ERR_EXISTS);
	/* only one open review per plan, even through SQL */
	fx_sql_refused(fx.db, "UNIQUE",
		       "INSERT INTO review (kind, object_id, person_id, author_id, reason, opened_at, "
		       "submitted_at) SELECT 'release_plan', id, person_id, %lld, 'requested', 'x', "
		       "'x' FROM release_plan WHERE id = %lld",
		       fx.staff_id, r.plan.id);
	app_reentry_clear(&r);
}
END_TEST

START_TEST(release_plans_sampled_by_release_month)
{
	fx.app.config.release_plan_review = CONFIG_REVIEW_SAMPLED;
	struct reentry r;
	char rmsg[APP_REENTRY_MESSAGE_SIZE];
	ck_assert_int_eq(app_reentry_open(&fx.app, pid, &r, rmsg, sizeof rmsg), CL_OK);
	settle(&r, "housing", RELPLAN_NOT_APPLICABLE);
	settle(&r, "identification", RELPLAN_VERIFIED);
	struct review rv;
	ck_assert_int_eq(store_review_of(fx.app.store, REVIEW_RELEASE_PLAN, r.plan.id, &rv),
			 CL_ERR_NOTFOUND);
	login("lou");
	size_t drawn = 9;
	ck_assert_int_eq(app_review_draw_sample(&fx.app, REVIEW_RELEASE_PLAN, NULL, "2027-02", 50, 1,
						&drawn, msg, sizeof msg),
			 CL_OK);
	ck_assert_uint_eq(drawn, 0);
	ck_assert_int_eq(app_review_draw_sample(&fx.app, REVIEW_RELEASE_PLAN, NULL, "2027-03", 50, 1,
						&drawn, msg, sizeof msg),
			 CL_OK);
	ck_assert_uint_eq(drawn, 1);
	rv = plan_review(REVIEW_RELEASE_PLAN, r.plan.id);
	ck_assert_int_eq(rv.reason, REVIEW_SAMPLED);
	ck_assert_int_eq(rv.author_id, fx.staff_id); /* the person's caseworker */
	ck_assert_int_eq(rv.assigned_to, lee);
	app_reentry_clear(&r);
}
END_TEST

static Suite *planreview_suite(void)
{
	Suite *s = suite_create("planreview");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, signed_case_plan_goes_to_the_lead_and_comes_back);
	tcase_add_test(tc, review_never_moves_to_another_plan_through_sql);
	tcase_add_test(tc, configuration_samples_or_turns_off_case_plan_review);
	tcase_add_test(tc, nobody_approves_their_own_plan);
	tcase_add_test(tc, release_plan_submitted_when_settled_and_resubmitted);
	tcase_add_test(tc, release_plans_sampled_by_release_month);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(planreview_suite());
}
