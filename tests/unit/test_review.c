/* QA review as use cases: where submitted work goes, who may decide on it (never its
 * author), returning with comments and resubmitting with the changes shown, outputs
 * written on approval, the seeded sample, the QA checklist's compliance and the team view. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/person_detail.h"
#include "caseload/review.h"
#include "caseload/staff.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static char msg[APP_REVIEW_MESSAGE_SIZE];
static char forms_dir[PATH_MAX];
static int64_t pid, lee, lou, ina, otto;

static const char reviewed_form[] =
	"caseform: 1\n"
	"id: screen\n"
	"version: 1\n"
	"title: Reviewed screen\n"
	"workflow: {complete: [caseworker, lead, intern], review: required}\n"
	"sections:\n"
	"  - id: one\n"
	"    title: One\n"
	"    fields:\n"
	"      - {id: level, type: select_one, label: Level, required: true,\n"
	"         choices: [{value: low, label: Low}, {value: high, label: High}]}\n"
	"      - {id: evidence, type: text, label: Evidence}\n"
	"outputs:\n"
	"  - {to: case.risk_level, from: '$level', on: approve}\n";

static void setup(void)
{
	fx_app_open(&fx, NOW);
	fx_tmpdir(forms_dir);
	str_copy(fx.app.config.forms_dir, sizeof fx.app.config.forms_dir, forms_dir);
	char path[PATH_MAX];
	fx_path(path, forms_dir, "screen.yaml");
	fx_write_file(path, reviewed_form, strlen(reviewed_form));
	struct person p;
	fx_person_init(&p, "300001", "Nguyễn", "An");
	p.caseworker_id = fx.staff_id;
	pid = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	lee = fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	lou = fx_staff_add(&fx.app, "lou", "Lou Lead", "lead");
	ina = fx_staff_add(&fx.app, "ina", "Ina Intern", "intern");
	otto = fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	char sql[200];
	snprintf(sql, sizeof sql,
		 "UPDATE staff SET supervisor_id = %lld WHERE id = %lld;"
		 "UPDATE staff SET lead_id = %lld WHERE id = %lld",
		 (long long)fx.staff_id, (long long)ina, (long long)lee, (long long)fx.staff_id);
	ck_assert_int_eq(fx_sql_exec(fx.db, sql, NULL, 0), 0);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
}

static void teardown(void)
{
	fx_app_close(&fx);
	fx_rmtree(forms_dir);
}

static long long count(const char *sql)
{
	return fx_sql_int(fx.db, sql);
}

/* The signed-in user fills in and submits the screen; returns the response id. */
static int64_t submit(const char *level, const char *evidence)
{
	struct app_form *f = NULL;
	char fmsg[APP_FORM_MESSAGE_SIZE];
	ck_assert_msg(app_form_start(&fx.app, pid, "screen", &f, fmsg, sizeof fmsg) == CL_OK, "%s",
		      fmsg);
	ck_assert_int_eq(app_form_set(&fx.app, f, formdef_field_slot(f->def, "level"), 0, level,
				      fmsg, sizeof fmsg),
			 CL_OK);
	ck_assert_int_eq(app_form_set(&fx.app, f, formdef_field_slot(f->def, "evidence"), 0,
				      evidence, fmsg, sizeof fmsg),
			 CL_OK);
	ck_assert_msg(app_form_finalize(&fx.app, f, true, fmsg, sizeof fmsg) == CL_OK, "%s", fmsg);
	ck_assert_int_eq(f->resp.state, FORM_PENDING_REVIEW);
	int64_t id = f->resp.id;
	app_form_free(&f);
	return id;
}

static struct review review_of(int64_t response)
{
	struct review r;
	ck_assert_int_eq(store_review_of(fx.app.store, REVIEW_FORM, response, &r), CL_OK);
	return r;
}

START_TEST(work_goes_to_the_authors_reviewer)
{
	/* casey's lead is lee */
	struct review r = review_of(submit("low", "a"));
	ck_assert_int_eq(r.assigned_to, lee);
	ck_assert_int_eq(r.state, REVIEW_SUBMITTED);
	ck_assert_int_eq(r.round, 1);
	/* otto has no lead: the shared queue */
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	struct review shared = review_of(submit("low", "b"));
	ck_assert_int_eq(shared.assigned_to, 0);
	/* an intern's work goes to her supervising caseworker */
	ck_assert_int_eq(fx_login(&fx.app, "ina"), CL_OK);
	struct review hers = review_of(submit("low", "c"));
	ck_assert_int_eq(hers.assigned_to, fx.staff_id);
	/* lee's queue: his own and the shared one, oldest first; lou sees only the shared */
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	struct review q[8];
	size_t n = 0;
	ck_assert_int_eq(app_review_queue(&fx.app, 0, -1, q, 8, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(q[0].id, r.id);
	ck_assert_int_eq(q[1].id, shared.id);
	ck_assert_int_eq(fx_login(&fx.app, "lou"), CL_OK);
	ck_assert_int_eq(app_review_queue(&fx.app, 0, -1, q, 8, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	/* casey reviews the intern's work */
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	ck_assert_int_eq(app_review_queue(&fx.app, 0, -1, q, 8, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(q[0].id, hers.id);
	ck_assert_int_eq(app_review_approve(&fx.app, hers.id, "", msg, sizeof msg), CL_OK);
}
END_TEST

START_TEST(nobody_reviews_their_own_work)
{
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	struct review mine = review_of(submit("low", "a"));
	ck_assert_int_eq(app_review_approve(&fx.app, mine.id, "", msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_ptr_nonnull(strstr(msg, "own"));
	ck_assert_int_eq(app_review_take(&fx.app, mine.id, msg, sizeof msg), CL_ERR_DENIED);
	/* the schema refuses it too, whatever the program says */
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE review SET decided_by = %lld, decided_at = 'x', "
				  "state = 'approved' WHERE id = %lld",
		 (long long)lee, (long long)mine.id);
	ck_assert_int_ne(fx_sql_exec(fx.db, sql, NULL, 0), 0);
	/* a caseworker decides on no caseworker's work; another lead does */
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_review_approve(&fx.app, mine.id, "", msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(fx_login(&fx.app, "lou"), CL_OK);
	ck_assert_int_eq(app_review_approve(&fx.app, mine.id, "", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE event = 'review.decide' "
			       "AND outcome = 'denied'"),
			 3);
}
END_TEST

START_TEST(returned_with_comments_resubmitted_with_changes)
{
	int64_t response = submit("high", "thin");
	struct review r = review_of(response);
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	/* returning needs something to say */
	ck_assert_int_eq(app_review_return(&fx.app, r.id, "", msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(app_review_comment(&fx.app, r.id, "evidence", "Say which shelter.", msg,
					    sizeof msg),
			 CL_OK);
	ck_assert_int_eq(app_review_return(&fx.app, r.id, "", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM form_response WHERE state = 'returned'"), 1);
	/* approving a returned item is refused */
	ck_assert_int_eq(app_review_approve(&fx.app, r.id, "", msg, sizeof msg), CL_ERR_INVALID);

	/* the author sees it, reopens it, changes it and submits again */
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	struct review back[4];
	size_t n = 0;
	ck_assert_int_eq(app_review_returned(&fx.app, back, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	struct review_comment *comments = NULL;
	size_t nc = 0;
	ck_assert_int_eq(app_review_comments(&fx.app, &back[0], &comments, &nc), CL_OK);
	ck_assert_uint_eq(nc, 1);
	ck_assert_str_eq(comments[0].anchor, "evidence");
	ck_assert_str_eq(comments[0].body, "Say which shelter.");
	review_comments_free(&comments, nc);
	ck_assert_int_eq(app_review_reopen(&fx.app, response, msg, sizeof msg), CL_OK);
	struct app_form *f = NULL;
	char fmsg[APP_FORM_MESSAGE_SIZE];
	ck_assert_int_eq(app_form_open(&fx.app, response, &f, fmsg, sizeof fmsg), CL_OK);
	ck_assert(f->editable);
	ck_assert_int_eq(app_form_set(&fx.app, f, formdef_field_slot(f->def, "evidence"), 0,
				      "Union Gospel Mission", fmsg, sizeof fmsg),
			 CL_OK);
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, fmsg, sizeof fmsg), CL_OK);
	app_form_free(&f);
	r = review_of(response);
	ck_assert_int_eq(r.round, 2);
	ck_assert_int_eq(r.state, REVIEW_SUBMITTED);
	ck_assert_int_eq(r.assigned_to, lee);

	/* the reviewer sees exactly what changed, then approves; the output is written now */
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	struct review_change *changes = NULL;
	ck_assert_int_eq(app_review_changes(&fx.app, &r, &changes, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(changes[0].field, "evidence");
	ck_assert_str_eq(changes[0].before, "thin");
	ck_assert_str_eq(changes[0].after, "Union Gospel Mission");
	review_changes_free(&changes, n);
	struct person p;
	ck_assert_int_eq(store_person_get(fx.app.store, pid, &p), CL_OK);
	ck_assert_int_ne(p.risk, RISK_HIGH);
	ck_assert_int_eq(app_review_approve(&fx.app, r.id, "Good.", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(store_person_get(fx.app.store, pid, &p), CL_OK);
	ck_assert_int_eq(p.risk, RISK_HIGH);
	char events[200];
	fx_sql_text(fx.db, "SELECT group_concat(event, ',') FROM (SELECT event FROM review_event "
			   "ORDER BY id)",
		    events, sizeof events);
	ck_assert_str_eq(events, "submitted,returned,resubmitted,approved");
	ck_assert_int_eq(count("SELECT count(*) FROM form_response WHERE state = 'approved'"), 1);
}
END_TEST

START_TEST(the_sample_is_seeded)
{
	int64_t ids[100], a[10], b[10], c[10];
	for (int i = 0; i < 100; i++)
		ids[i] = 1000 + i * 3;
	app_review_draw(ids, 100, 10, 42, a);
	app_review_draw(ids, 100, 10, 42, b);
	app_review_draw(ids, 100, 10, 43, c);
	ck_assert_mem_eq(a, b, sizeof a);
	ck_assert(memcmp(a, c, sizeof a) != 0);
	/* the population's order does not matter, only its members */
	int64_t reversed[100];
	for (int i = 0; i < 100; i++)
		reversed[i] = ids[99 - i];
	app_review_draw(reversed, 100, 10, 42, c);
	ck_assert_mem_eq(a, c, sizeof a);
	for (int i = 1; i < 10; i++)
		ck_assert_int_lt(a[i - 1], a[i]); /* sorted, no repeats */
	/* asking for more than there are draws them all */
	app_review_draw(ids, 3, 10, 1, c);
	ck_assert_int_eq(c[0], 1000);
	ck_assert_int_eq(c[2], 1006);
}
END_TEST

START_TEST(a_month_is_sampled_once_and_reproducibly)
{
	/* a sampled form: finalized without review, then drawn */
	static const char sampled[] = "caseform: 1\nid: sampled\nversion: 1\ntitle: Sampled\n"
				      "workflow: {complete: [caseworker], review: sampled}\n"
				      "sections:\n  - id: a\n    title: A\n    fields:\n"
				      "      - {id: x, type: text, label: X}\n";
	char path[PATH_MAX];
	fx_path(path, forms_dir, "sampled.yaml");
	fx_write_file(path, sampled, strlen(sampled));
	char fmsg[APP_FORM_MESSAGE_SIZE];
	int64_t ids[4];
	for (int i = 0; i < 4; i++) {
		struct app_form *f = NULL;
		ck_assert_int_eq(app_form_start(&fx.app, pid, "sampled", &f, fmsg, sizeof fmsg), CL_OK);
		ck_assert_int_eq(app_form_finalize(&fx.app, f, true, fmsg, sizeof fmsg), CL_OK);
		ck_assert_int_eq(f->resp.state, FORM_FINAL);
		ids[i] = f->resp.id;
		app_form_free(&f);
	}
	/* half of November's four, the ones the seeded draw picks */
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	size_t drawn = 0;
	ck_assert_msg(app_review_draw_sample(&fx.app, REVIEW_FORM, "sampled", "2026-11", 50, 99, &drawn, msg,
					     sizeof msg) == CL_OK,
		      "%s", msg);
	ck_assert_uint_eq(drawn, 2);
	int64_t expect[2];
	app_review_draw(ids, 4, 2, 99, expect);
	for (int i = 0; i < 2; i++) {
		struct review r = review_of(expect[i]);
		ck_assert_int_eq(r.reason, REVIEW_SAMPLED);
		ck_assert_int_eq(r.assigned_to, lee);
		ck_assert_int_ne(r.sample_id, 0);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM review WHERE reason = 'sampled'"), 2);
	ck_assert_int_eq(count("SELECT eligible * 10 + drawn FROM review_sample"), 42);
	/* a month is sampled once; the finalized forms themselves do not change */
	ck_assert_int_eq(app_review_draw_sample(&fx.app, REVIEW_FORM, "sampled", "2026-11", 50, 5, &drawn, msg,
						sizeof msg),
			 CL_ERR_EXISTS);
	ck_assert_int_eq(count("SELECT count(*) FROM form_response WHERE state = 'final'"), 4);
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE event = 'review.sample'"), 1);
	/* a caseworker draws no samples */
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_review_draw_sample(&fx.app, REVIEW_FORM, "sampled", "2026-12", 50, 5, &drawn, msg,
						sizeof msg),
			 CL_ERR_DENIED);
}
END_TEST

START_TEST(compliance_and_the_team_view)
{
	int64_t response = submit("low", "thin");
	struct review r = review_of(response);
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	struct app_form *qa = NULL;
	ck_assert_msg(app_review_checklist(&fx.app, r.id, &qa, msg, sizeof msg) == CL_OK, "%s", msg);
	static const char *const ratings[][2] = {
		{"qa_timeliness", "met"}, {"qa_completeness", "partial"}, {"qa_fidelity", "met"},
		{"qa_rnr", "not_met"},	  {"qa_smart", "na"},	      {"qa_signatures", "met"},
		{"qa_victim_safety", "met"}, {"qa_privacy", "met"},
	};
	char fmsg[APP_FORM_MESSAGE_SIZE];
	for (size_t i = 0; i < sizeof ratings / sizeof ratings[0]; i++)
		ck_assert_int_eq(app_form_set(&fx.app, qa, formdef_field_slot(qa->def, ratings[i][0]),
					      0, ratings[i][1], fmsg, sizeof fmsg),
				 CL_OK);
	/* 5 met (10) + 1 partial (1) + 1 not met (0) over 7 rated standards (14 points) */
	int compliance = formdef_score_index(qa->def, "compliance");
	ck_assert_int_ge(compliance, 0);
	const struct formeval_score *sc = formeval_score(qa->ev, (size_t)compliance);
	ck_assert(sc->has_value);
	ck_assert_double_eq_tol(sc->value, 78.6, 0.05);
	app_form_free(&qa);
	/* at a glance on the item's screen: a draft, below the pass mark of 80 */
	struct review_checklist_glance glance;
	ck_assert_int_eq(store_review_get(fx.app.store, r.id, &r), CL_OK);
	ck_assert_int_eq(app_review_checklist_glance(&fx.app, &r, &glance), CL_OK);
	ck_assert(glance.started && !glance.final && glance.has_compliance && glance.has_pass_mark);
	ck_assert_double_eq_tol(glance.compliance, 78.6, 0.05);
	ck_assert_double_eq_tol(glance.pass_mark, 80, 1e-9);
	ck_assert_int_eq(app_review_return(&fx.app, r.id, "Fix it.", msg, sizeof msg), CL_OK);

	struct review_team_row rows[8];
	struct review_criterion_row crit[16];
	size_t n = 0, nc = 0;
	ck_assert_int_eq(app_review_team(&fx.app, "2026-11-01", "2026-12-01", rows, 8, &n, crit,
					 16, &nc, msg, sizeof msg),
			 CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(rows[0].staff_id, fx.staff_id);
	ck_assert_uint_eq(rows[0].submitted, 1);
	ck_assert_uint_eq(rows[0].returned, 1);
	ck_assert_uint_eq(rows[0].approved_first, 0);
	/* a caseworker has no team view */
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_review_team(&fx.app, "2026-11-01", "2026-12-01", rows, 8, &n, crit,
					 16, &nc, msg, sizeof msg),
			 CL_ERR_DENIED);
}
END_TEST

static Suite *review_suite(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, work_goes_to_the_authors_reviewer);
	tcase_add_test(tc, nobody_reviews_their_own_work);
	tcase_add_test(tc, returned_with_comments_resubmitted_with_changes);
	tcase_add_test(tc, the_sample_is_seeded);
	tcase_add_test(tc, a_month_is_sampled_once_and_reproducibly);
	tcase_add_test(tc, compliance_and_the_team_view);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(review_suite());
}
