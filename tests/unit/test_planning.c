/* Case plans: the proposed priorities and RNR warnings (pure), versioning (a signed version
 * never changes, not even through raw SQL; a new version copies it), step status
 * transitions, reviews and the cadence, stale writes, permissions. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formdef.h"
#include "caseload/formwork.h"
#include "caseload/planning.h"
#include "caseload/strbuf.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static char msg[APP_PLAN_MESSAGE_SIZE];
static int64_t pid;

/* ---- pure rules ---- */

START_TEST(proposal_puts_big_four_first)
{
	/* history, personality, cognition, associates, family, school, leisure, substance */
	int ratings[PLAN_CENTRAL8] = {2, 1, 3, 2, 3, PLAN_NO_RATING, 2, 0};
	struct plan_proposal p[PLAN_CENTRAL8];
	size_t n = plan_propose(ratings, p);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(p[0].domain, "antisocial_cognition"); /* Big Four, rated 3 */
	ck_assert_str_eq(p[1].domain, "criminal_history");     /* Big Four, 2, review order */
	ck_assert_str_eq(p[2].domain, "antisocial_associates");
	ck_assert_str_eq(p[3].domain, "family_marital");       /* others: 3 before 2 */
	ck_assert_str_eq(p[4].domain, "leisure_recreation");
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(p[i].priority, (int)i + 1);
	int none[PLAN_CENTRAL8] = {0, 1, 1, PLAN_NO_RATING, 0, 0, 1, 1};
	ck_assert_uint_eq(plan_propose(none, p), 0);
}
END_TEST

static struct plan_goal goal(int64_t id, const char *domain)
{
	struct plan_goal g = {.id = id, .priority = (int)id};
	str_copy(g.domain, sizeof g.domain, domain);
	return g;
}

START_TEST(warnings_follow_rnr)
{
	int ratings[PLAN_CENTRAL8] = {0, 3, 2, 1, 3, 0, 0, 0};
	struct plan_goal goals[] = {goal(1, "antisocial_personality"), goal(2, "housing")};
	struct plan_step steps[] = {{.id = 1, .goal_id = 1, .status = PLAN_IN_PROGRESS}};
	struct plan_warning_input in = {.ratings = ratings, .goals = goals, .goal_count = 2,
					.steps = steps, .step_count = 1};
	struct plan_warning w[PLAN_WARNINGS_MAX];
	size_t n = plan_warnings(&in, w, PLAN_WARNINGS_MAX);
	/* cognition (2) has no goal; family (3) is not Big Four: no warning; goal 2 has no step */
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(w[0].kind, PLAN_WARN_BIG_FOUR_UNTARGETED);
	ck_assert_ptr_nonnull(strstr(w[0].text, "Antisocial cognition is rated 2"));
	ck_assert_int_eq(w[1].kind, PLAN_WARN_GOAL_WITHOUT_STEPS);
	ck_assert_int_eq(w[1].goal_id, 2);
	/* a low-risk person: four goals is intensive, three is not */
	struct plan_goal four[] = {goal(1, "a1"), goal(2, "a2"), goal(3, "a3"), goal(4, "a4")};
	struct plan_step st[4];
	for (int i = 0; i < 4; i++)
		st[i] = (struct plan_step){.id = i + 1, .goal_id = i + 1, .status = PLAN_DONE};
	in = (struct plan_warning_input){.low_risk = true, .goals = four, .goal_count = 4,
					 .steps = st, .step_count = 4};
	n = plan_warnings(&in, w, PLAN_WARNINGS_MAX);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(w[0].kind, PLAN_WARN_INTENSIVE_LOW_RISK);
	ck_assert_ptr_nonnull(strstr(w[0].text, "Intensive plan for a low-risk person"));
	in.goal_count = 3;
	in.step_count = 3;
	ck_assert_uint_eq(plan_warnings(&in, w, PLAN_WARNINGS_MAX), 0);
	/* more than eight open steps is intensive too */
	struct plan_step open[9];
	for (int i = 0; i < 9; i++)
		open[i] = (struct plan_step){.id = i + 1, .goal_id = 1 + i % 3,
					     .status = PLAN_NOT_STARTED};
	in.steps = open;
	in.step_count = 9;
	ck_assert_uint_eq(plan_warnings(&in, w, PLAN_WARNINGS_MAX), 1);
	in.step_count = 8;
	ck_assert_uint_eq(plan_warnings(&in, w, PLAN_WARNINGS_MAX), 0);
	in.low_risk = false;
	in.step_count = 9;
	ck_assert_uint_eq(plan_warnings(&in, w, PLAN_WARNINGS_MAX), 0);
}
END_TEST

START_TEST(step_transitions)
{
	ck_assert(plan_step_may_move(PLAN_NOT_STARTED, PLAN_IN_PROGRESS));
	ck_assert(plan_step_may_move(PLAN_NOT_STARTED, PLAN_DROPPED));
	ck_assert(plan_step_may_move(PLAN_IN_PROGRESS, PLAN_NOT_STARTED));
	ck_assert(plan_step_may_move(PLAN_IN_PROGRESS, PLAN_DONE));
	ck_assert(!plan_step_may_move(PLAN_DONE, PLAN_IN_PROGRESS));
	ck_assert(!plan_step_may_move(PLAN_DROPPED, PLAN_NOT_STARTED));
	ck_assert(plan_step_may_move(PLAN_DONE, PLAN_DONE));
	enum plan_step_status s;
	ck_assert(plan_step_status_parse("in_progress", &s) && s == PLAN_IN_PROGRESS);
	ck_assert(!plan_step_status_parse("finished", &s));
}
END_TEST

/* ---- use cases over a database ---- */

static void setup(void)
{
	fx_app_open(&fx, NOW);
	struct person p;
	fx_person_init(&p, "300001", "Nguyễn", "An");
	p.caseworker_id = fx.staff_id;
	p.risk = RISK_HIGH;
	pid = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
}

static void teardown(void)
{
	fx_app_close(&fx);
}

static void set(struct app_form *f, const char *field, const char *text)
{
	int slot = formdef_field_slot(f->def, field);
	ck_assert_msg(slot >= 0, "no field %s", field);
	ck_assert_msg(app_form_set(&fx.app, f, slot, 0, text, msg, sizeof msg) == CL_OK, "%s: %s",
		      field, msg);
}

/* A finalized needs review with these ratings, in needs_central8's section order. */
static void needs_review(const char *const ratings[PLAN_CENTRAL8])
{
	static const char *const prefix[PLAN_CENTRAL8] = {
		"history", "personality", "cognition", "associates",
		"family",  "school_work", "leisure",   "substance"};
	struct app_form *f = NULL;
	ck_assert_int_eq(app_form_start(&fx.app, pid, "needs_central8", &f, msg, sizeof msg),
			 CL_OK);
	set(f, "review_type", "initial");
	set(f, "review_date", "2026-11-20");
	char field[64];
	for (size_t i = 0; i < PLAN_CENTRAL8; i++) {
		snprintf(field, sizeof field, "%s_rating", prefix[i]);
		set(f, field, ratings[i]);
		snprintf(field, sizeof field, "%s_evidence", prefix[i]);
		set(f, field, "Seen in the file and the interview.");
		snprintf(field, sizeof field, "%s_sources", prefix[i]);
		set(f, field, "interview");
	}
	set(f, "summary_text", "Targets for the plan: cognition first, then family and leisure.");
	ck_assert_msg(app_form_finalize(&fx.app, f, true, msg, sizeof msg) == CL_OK, "%s", msg);
	app_form_free(&f);
}

static void open_plan(struct app_case_plan *cp)
{
	ck_assert_msg(app_case_plan_open(&fx.app, pid, cp, msg, sizeof msg) == CL_OK, "%s", msg);
}

static int64_t add_goal(struct app_case_plan *cp, const char *domain, const char *statement)
{
	struct plan_goal g = {.priority = (int)cp->goal_count + 1, .stage = PLAN_PREPARATION};
	str_copy(g.domain, sizeof g.domain, domain);
	str_copy(g.statement, sizeof g.statement, statement);
	ck_assert_msg(app_plan_goal_add(&fx.app, cp, &g, msg, sizeof msg) == CL_OK, "%s", msg);
	return g.id;
}

static int64_t add_step(struct app_case_plan *cp, int64_t goal_id, const char *text)
{
	struct plan_step s = {.goal_id = goal_id, .responsible = PLAN_BY_PERSON,
			      .target_on = fx_date("2027-01-15")};
	str_copy(s.description, sizeof s.description, text);
	ck_assert_msg(app_plan_step_add(&fx.app, cp, &s, msg, sizeof msg) == CL_OK, "%s", msg);
	return s.id;
}

START_TEST(proposals_come_from_the_latest_needs_review)
{
	struct app_case_plan cp;
	open_plan(&cp);
	ck_assert(!cp.exists);
	ck_assert(!cp.have_needs);
	ck_assert_int_eq(app_case_plan_accept(&fx.app, &cp, msg, sizeof msg), CL_ERR_INVALID);
	app_case_plan_clear(&cp);

	static const char *const ratings[PLAN_CENTRAL8] = {"1", "2", "3", "na",
							   "3", "0", "2", "1"};
	needs_review(ratings);
	open_plan(&cp);
	ck_assert(cp.have_needs);
	ck_assert_int_eq(cp.ratings[2], 3);
	ck_assert_int_eq(cp.ratings[3], PLAN_NO_RATING);
	ck_assert_uint_eq(cp.proposal_count, 4);
	ck_assert_str_eq(cp.proposals[0].domain, "antisocial_cognition");
	ck_assert_str_eq(cp.proposals[1].domain, "antisocial_personality");
	ck_assert_str_eq(cp.proposals[2].domain, "family_marital");
	ck_assert_str_eq(cp.proposals[3].domain, "leisure_recreation");
	/* proposed, not saved: two Big Four domains without a goal */
	ck_assert(!cp.exists);
	ck_assert_uint_eq(cp.warning_count, 2);
	ck_assert_int_eq(app_case_plan_accept(&fx.app, &cp, msg, sizeof msg), CL_OK);
	ck_assert(cp.exists);
	ck_assert_uint_eq(cp.goal_count, 4);
	ck_assert_str_eq(cp.goals[0].domain, "antisocial_cognition");
	ck_assert_int_eq(cp.goals[0].priority, 1);
	ck_assert_uint_eq(cp.proposal_count, 0);
	/* now only "no steps" warnings remain */
	ck_assert_uint_eq(cp.warning_count, 4);
	ck_assert_int_eq(cp.warnings[0].kind, PLAN_WARN_GOAL_WITHOUT_STEPS);
	app_case_plan_clear(&cp);
}
END_TEST

START_TEST(signed_version_is_immutable_and_copied)
{
	struct app_case_plan cp;
	open_plan(&cp);
	int64_t g1 = add_goal(&cp, "antisocial_cognition", "Use a thinking report weekly");
	int64_t g2 = add_goal(&cp, "housing", "Approved residence before release");
	add_step(&cp, g1, "Complete Thinking for a Change");
	int64_t s2 = add_step(&cp, g2, "Apply to the halfway house");
	ck_assert_int_eq(cp.plan.version, 1);
	ck_assert(cp.plan.next_review_on == fx_date("2027-02-21")); /* today + 90 */
	/* an unknown domain is refused */
	struct plan_goal bad = {.priority = 3};
	str_copy(bad.domain, sizeof bad.domain, "astrology");
	ck_assert_int_eq(app_plan_goal_add(&fx.app, &cp, &bad, msg, sizeof msg), CL_ERR_INVALID);

	ck_assert_msg(app_plan_sign(&fx.app, &cp, true, msg, sizeof msg) == CL_OK, "%s", msg);
	ck_assert_int_eq(cp.plan.state, PLAN_SIGNED);
	ck_assert(cp.plan.person_acknowledged);
	ck_assert_int_eq(cp.plan.signed_by, fx.staff_id);
	/* nothing of it changes now, through the app or raw SQL */
	struct plan_step s = cp.steps[1];
	s.status = PLAN_DONE;
	ck_assert_int_eq(app_plan_step_update(&fx.app, &cp, &s, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "signed"));
	fx_sql_refused(fx.db, "signed case plan never changes",
		       "UPDATE case_plan SET next_review_on = '2030-01-01' WHERE id = %lld%.0lld",
		       cp.plan.id, 0);
	fx_sql_refused(fx.db, "signed case plan never changes",
		       "UPDATE plan_goal SET statement = 'x' WHERE id = %lld%.0lld", g1, 0);
	fx_sql_refused(fx.db, "signed case plan never changes",
		       "UPDATE plan_step SET status = 'done' WHERE id = %lld%.0lld", s2, 0);
	fx_sql_refused(fx.db, "draft case plan only",
		       "INSERT INTO plan_goal (plan_id, domain, priority) VALUES (%lld, 'housing', "
		       "%lld)",
		       cp.plan.id, 9);
	fx_sql_refused(fx.db, "never deleted", "DELETE FROM plan_step WHERE id = %lld%.0lld", s2,
		       0);
	fx_sql_refused(fx.db, "never deleted", "DELETE FROM case_plan WHERE id = %lld%.0lld",
		       cp.plan.id, 0);

	int64_t v1 = cp.plan.id;
	ck_assert_int_eq(app_plan_new_version(&fx.app, &cp, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(cp.plan.version, 2);
	ck_assert_int_eq(cp.plan.state, PLAN_DRAFT);
	ck_assert_int_eq(cp.plan.copied_from, v1);
	ck_assert_uint_eq(cp.goal_count, 2);
	ck_assert_uint_eq(cp.step_count, 2);
	ck_assert_str_eq(cp.goals[0].statement, "Use a thinking report weekly");
	ck_assert(cp.goals[0].id != g1);
	ck_assert_int_eq(cp.steps[0].goal_id, cp.goals[0].id);
	/* the copy changes, the signed one stays as it was */
	s = cp.steps[1];
	s.status = PLAN_DONE;
	ck_assert_int_eq(app_plan_step_update(&fx.app, &cp, &s, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM plan_step WHERE status = 'done'"),
			 1);
	char sql[120];
	snprintf(sql, sizeof sql, "SELECT status FROM plan_step WHERE id = %lld", (long long)s2);
	char status[32];
	fx_sql_text(fx.db, sql, status, sizeof status);
	ck_assert_str_eq(status, "not_started");
	/* only one draft at a time */
	ck_assert_int_eq(app_plan_new_version(&fx.app, &cp, msg, sizeof msg), CL_ERR_INVALID);
	struct case_plan versions[4];
	size_t n;
	ck_assert_int_eq(store_case_plans_of_person(fx.app.store, pid, versions, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(versions[1].state, PLAN_SIGNED);
	app_case_plan_clear(&cp);
}
END_TEST

START_TEST(step_status_rules_and_stale_writes)
{
	struct app_case_plan cp, other;
	open_plan(&cp);
	int64_t g = add_goal(&cp, "substance_abuse", "Attend treatment");
	add_step(&cp, g, "Enrol in the program");
	struct plan_step s = cp.steps[0];
	s.status = PLAN_DROPPED;
	ck_assert_int_eq(app_plan_step_update(&fx.app, &cp, &s, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "reason"));
	fx_sql_refused(fx.db, "CHECK",
		       "UPDATE plan_step SET status = 'dropped' WHERE id = %lld%.0lld", s.id, 0);
	str_copy(s.drop_reason, sizeof s.drop_reason, "Program closed");
	ck_assert_int_eq(app_plan_step_update(&fx.app, &cp, &s, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(cp.steps[0].status, PLAN_DROPPED);
	s = cp.steps[0];
	s.status = PLAN_IN_PROGRESS;
	ck_assert_int_eq(app_plan_step_update(&fx.app, &cp, &s, msg, sizeof msg), CL_ERR_INVALID);
	fx_sql_refused(fx.db, "keeps its status",
		       "UPDATE plan_step SET status = 'in_progress' WHERE id = %lld%.0lld", s.id,
		       0);

	/* another terminal read the plan, then this one changed it: the other's write is stale */
	open_plan(&other);
	add_step(&cp, g, "Meet the counsellor");
	struct plan_goal changed = other.goals[0];
	str_copy(changed.measure, sizeof changed.measure, "Six sessions attended");
	ck_assert_int_eq(app_plan_goal_update(&fx.app, &other, &changed, msg, sizeof msg),
			 CL_ERR_STALE);
	ck_assert_uint_eq(other.step_count, 2); /* read again */
	changed = other.goals[0];
	str_copy(changed.measure, sizeof changed.measure, "Six sessions attended");
	ck_assert_int_eq(app_plan_goal_update(&fx.app, &other, &changed, msg, sizeof msg), CL_OK);
	ck_assert_str_eq(other.goals[0].measure, "Six sessions attended");
	app_case_plan_clear(&other);
	app_case_plan_clear(&cp);
}
END_TEST

START_TEST(reviews_set_the_next_date)
{
	struct app_case_plan cp;
	open_plan(&cp);
	ck_assert_int_eq(app_plan_review(&fx.app, &cp, NULL, 0, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(app_case_plan_create(&fx.app, &cp, msg, sizeof msg), CL_OK);
	ck_assert(cp.exists);
	ck_assert_int_eq(cp.plan.version, 1);
	ck_assert_int_eq(cp.plan.state, PLAN_DRAFT);
	ck_assert_int_eq(app_case_plan_create(&fx.app, &cp, msg, sizeof msg), CL_ERR_EXISTS);
	int64_t g1 = add_goal(&cp, "school_work", "Earn the GED");
	int64_t g2 = add_goal(&cp, "leisure_recreation", "Join a structured activity");
	fx.app.config.case_plan_review_days = 30;
	fx_set_today(&fx.app, "2027-01-10");
	struct plan_review_goal rows[2] = {{.goal_id = g1, .progress = PLAN_PROGRESS_SOME},
					   {.goal_id = g2, .progress = PLAN_PROGRESS_ACHIEVED}};
	str_copy(rows[0].note, sizeof rows[0].note, "Passed two of four tests");
	ck_assert_msg(app_plan_review(&fx.app, &cp, rows, 2, msg, sizeof msg) == CL_OK, "%s", msg);
	ck_assert(cp.plan.next_review_on == fx_date("2027-02-09"));
	ck_assert(cp.plan.last_review_on == fx_date("2027-01-10"));
	struct plan_review_goal got[4];
	size_t n;
	ck_assert_int_eq(store_plan_review_latest(fx.app.store, cp.plan.id, got, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(got[1].progress, PLAN_PROGRESS_ACHIEVED);
	ck_assert_str_eq(got[0].note, "Passed two of four tests");
	fx_sql_refused(fx.db, "append-only", "DELETE FROM plan_review WHERE plan_id = %lld%.0lld",
		       cp.plan.id, 0);
	/* a goal of another plan is refused by the schema too */
	fx_sql_refused(fx.db, "its own plan",
		       "INSERT INTO plan_review_goal (review_id, goal_id, progress) VALUES "
		       "((SELECT max(id) FROM plan_review), %lld + %lld, 'some')",
		       g2, 100);
	app_case_plan_clear(&cp);
}
END_TEST

/* Later changes make a new version; the old one reads as it was, with its own review, and
 * nothing changes through it. */
START_TEST(older_versions_stay_readable)
{
	struct app_case_plan cp;
	open_plan(&cp);
	int64_t g1 = add_goal(&cp, "substance_abuse", "Attend treatment weekly");
	add_step(&cp, g1, "Enrol in the program");
	struct plan_review_goal row = {.goal_id = g1, .progress = PLAN_PROGRESS_SOME};
	str_copy(row.note, sizeof row.note, "Two sessions");
	ck_assert_msg(app_plan_review(&fx.app, &cp, &row, 1, msg, sizeof msg) == CL_OK, "%s", msg);
	ck_assert_ptr_nonnull(app_plan_goal_progress(&cp, g1));
	ck_assert_int_eq(app_plan_goal_progress(&cp, g1)->progress, PLAN_PROGRESS_SOME);
	ck_assert_int_eq(app_plan_sign(&fx.app, &cp, true, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_plan_new_version(&fx.app, &cp, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(cp.latest_version, 2);
	ck_assert_ptr_null(app_plan_goal_progress(&cp, cp.goals[0].id)); /* not reviewed yet */
	struct plan_step s = cp.steps[0];
	s.status = PLAN_DONE;
	ck_assert_int_eq(app_plan_step_update(&fx.app, &cp, &s, msg, sizeof msg), CL_OK);

	ck_assert_msg(app_case_plan_show_version(&fx.app, &cp, 1, msg, sizeof msg) == CL_OK, "%s",
		      msg);
	ck_assert(cp.read_only);
	ck_assert_int_eq(cp.plan.version, 1);
	ck_assert_int_eq(cp.plan.state, PLAN_SIGNED);
	ck_assert_int_eq(cp.latest_version, 2);
	ck_assert_uint_eq(cp.step_count, 1);
	ck_assert_int_eq(cp.steps[0].status, PLAN_NOT_STARTED);
	ck_assert_str_eq(app_plan_goal_progress(&cp, g1)->note, "Two sessions");
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'caseplan.view' AND object LIKE '% version=1'"),
			 1);
	/* nothing changes through it */
	struct plan_goal g = {.priority = 2};
	str_copy(g.domain, sizeof g.domain, "housing");
	ck_assert_int_eq(app_plan_goal_add(&fx.app, &cp, &g, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "read-only"));
	ck_assert_int_eq(app_plan_review(&fx.app, &cp, &row, 1, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "read-only"));
	ck_assert_int_eq(app_plan_new_version(&fx.app, &cp, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM plan_review"), 1);
	ck_assert_int_eq(app_case_plan_show_version(&fx.app, &cp, 3, msg, sizeof msg),
			 CL_ERR_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(msg, "no version 3"));

	ck_assert_int_eq(app_case_plan_show_version(&fx.app, &cp, 0, msg, sizeof msg), CL_OK);
	ck_assert(!cp.read_only);
	ck_assert_int_eq(cp.plan.version, 2);
	ck_assert_int_eq(cp.steps[0].status, PLAN_DONE);
	app_case_plan_clear(&cp);
}
END_TEST

START_TEST(permissions_and_audit)
{
	struct app_case_plan cp;
	open_plan(&cp);
	add_goal(&cp, "family_marital", "Weekly calls with family");
	app_case_plan_clear(&cp);
	fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	open_plan(&cp); /* anyone who may read the record reads the plan */
	ck_assert_int_eq(app_plan_sign(&fx.app, &cp, false, msg, sizeof msg), CL_ERR_DENIED);
	app_case_plan_clear(&cp);
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	open_plan(&cp);
	ck_assert_int_eq(app_plan_sign(&fx.app, &cp, false, msg, sizeof msg), CL_OK);
	ck_assert(!cp.plan.person_acknowledged);
	app_case_plan_clear(&cp);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'caseplan.sign' AND outcome = 'ok'"),
			 1);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'caseplan.view'"),
			 3);
	ck_assert_int_ge(fx_sql_int(fx.db,
				    "SELECT count(*) FROM audit_log WHERE outcome = 'denied'"),
			 1);
}
END_TEST

START_TEST(accommodations_come_from_the_responsivity_screen)
{
	/* a facility's own, smaller responsivity screen (version 2 replaces the shipped one) */
	char dir[PATH_MAX], path[PATH_MAX];
	fx_tmpdir(dir);
	static const char yaml[] =
		"caseform: 1\nid: responsivity_screen\nversion: 2\ntitle: Responsivity\n"
		"sections:\n  - id: a\n    title: A\n    fields:\n"
		"      - {id: reads, type: yes_no, label: Reads well}\n"
		"      - {id: flag_reading_support, type: calculated, label: Reading support,\n"
		"         calculate: \"$reads = 'no'\"}\n"
		"      - {id: flag_language, type: calculated, label: Interpreter,\n"
		"         calculate: \"false\"}\n";
	fx_path(path, dir, "responsivity.yaml");
	fx_write_file(path, yaml, strlen(yaml));
	str_copy(fx.app.config.forms_dir, sizeof fx.app.config.forms_dir, dir);
	struct app_case_plan cp;
	open_plan(&cp);
	ck_assert_str_eq(cp.accommodations, ""); /* no screen yet */
	app_case_plan_clear(&cp);
	struct app_form *f = NULL;
	ck_assert_msg(app_form_start(&fx.app, pid, "responsivity_screen", &f, msg, sizeof msg) ==
			      CL_OK,
		      "%s", msg);
	set(f, "reads", "no");
	ck_assert_msg(app_form_finalize(&fx.app, f, true, msg, sizeof msg) == CL_OK, "%s", msg);
	app_form_free(&f);
	open_plan(&cp);
	ck_assert_str_eq(cp.accommodations, "Reading support");
	app_case_plan_clear(&cp);
	fx_rmtree(dir);
}
END_TEST

static Suite *planning_suite(void)
{
	Suite *s = suite_create("planning");
	TCase *pure = tcase_create("rules");
	tcase_add_test(pure, proposal_puts_big_four_first);
	tcase_add_test(pure, warnings_follow_rnr);
	tcase_add_test(pure, step_transitions);
	suite_add_tcase(s, pure);
	TCase *tc = tcase_create("plans");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, proposals_come_from_the_latest_needs_review);
	tcase_add_test(tc, signed_version_is_immutable_and_copied);
	tcase_add_test(tc, step_status_rules_and_stale_writes);
	tcase_add_test(tc, reviews_set_the_next_date);
	tcase_add_test(tc, permissions_and_audit);
	tcase_add_test(tc, older_versions_stay_readable);
	tcase_add_test(tc, accommodations_come_from_the_responsivity_screen);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(planning_suite());
}
