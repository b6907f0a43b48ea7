/* Release plan use cases: opening makes the plan from the YAML checklist with due dates on
 * working days; the status rules (a reason for not applicable, verified only once the
 * blocking tasks are done); ticking, adding and dropping tasks; contacts; overdue tasks and
 * what blocks release; permissions, stale writes and the audit trail. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "caseload/reentry.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static char dir[PATH_MAX];
static int64_t otto;

static const char plan_yaml[] =
	"holidays: [2026-12-25]\n"
	"sections:\n"
	"  - id: housing\n"
	"    title: Housing\n"
	"    tasks:\n"
	"      - {id: options, label: \"Options discussed\", owner: caseworker, due: \"srd - 90\"}\n"
	"      - {id: residence_verified, label: \"Residence verified\", owner: agent, due: \"srd - 30\", blocks_release: true}\n"
	"  - id: identification\n"
	"    title: Identification documents\n"
	"    tasks:\n"
	"      - {id: state_id, label: \"State ID applied for\", owner: caseworker, due: \"srd - 60\", blocks_release: true}\n"
	"  - id: victim_safety\n"
	"    title: Victim safety\n"
	"    tasks:\n"
	"      - {id: notification, label: \"Victim notification sent\", owner: program, due: \"srd - 30\"}\n";

static void setup(void)
{
	fx_app_open(&fx, NOW);
	otto = fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	fx_staff_add(&fx.app, "lena", "Lena Lead", "lead");
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	fx_tmpdir(dir);
	char path[PATH_MAX];
	fx_path(path, dir, "release_plan.yaml");
	fx_write_file(path, plan_yaml, sizeof plan_yaml - 1);
	snprintf(fx.app.config.release_plan_file, sizeof fx.app.config.release_plan_file, "%s",
		 path);
}

static void teardown(void)
{
	fx_app_close(&fx);
	fx_rmtree(dir);
}

static int64_t person(const char *oid, int64_t worker, const char *srd)
{
	struct person p;
	fx_person_init(&p, oid, "Person", oid);
	p.caseworker_id = worker;
	p.srd = srd[0] ? fx_date(srd) : DATE_NONE;
	return fx_person_insert(&fx.app, &p, NULL, NULL, 0);
}

static const struct relplan_task *task(const struct reentry *r, const char *id)
{
	for (size_t i = 0; i < r->task_count; i++)
		if (!strcmp(r->tasks[i].task, id))
			return &r->tasks[i];
	ck_abort_msg("no task %s", id);
	return NULL;
}

static void open_plan(int64_t id, struct reentry *r)
{
	char msg[APP_REENTRY_MESSAGE_SIZE] = "";
	enum cl_status st = app_reentry_open(&fx.app, id, r, msg, sizeof msg);
	ck_assert_msg(st == CL_OK, "%s", msg);
}

static void reopen(int64_t id, struct reentry *r)
{
	app_reentry_clear(r);
	open_plan(id, r);
}

START_TEST(open_makes_the_plan_once)
{
	/* SRD Monday 2027-01-25: 30 days back is Christmas Day (Friday, a holiday here) ->
	 * Thursday 12-24; 60 days back Thursday 11-26 and 90 days back Tuesday 10-27 stay */
	int64_t p = person("400001", fx.staff_id, "2027-01-25");
	struct reentry r;
	open_plan(p, &r);
	ck_assert_uint_eq(r.section_count, 3);
	ck_assert_str_eq(r.sections[0].section, "housing");
	for (size_t i = 0; i < r.section_count; i++)
		ck_assert_int_eq(r.sections[i].status, RELPLAN_NOT_STARTED);
	ck_assert_uint_eq(r.task_count, 4);
	ck_assert_int_eq(task(&r, "residence_verified")->due_on, fx_date("2026-12-24"));
	ck_assert_int_eq(task(&r, "state_id")->due_on, fx_date("2026-11-26"));
	ck_assert_int_eq(task(&r, "options")->due_on, fx_date("2026-10-27"));
	ck_assert_int_eq(r.days_to_release, 63);
	int64_t plan = r.plan.id;
	reopen(p, &r);
	ck_assert_int_eq(r.plan.id, plan);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM release_plan"), 1);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'relplan.create'"), 1);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'relplan.view'"), 2);
	app_reentry_clear(&r);
}
END_TEST

START_TEST(no_srd_no_due_dates)
{
	int64_t p = person("400002", fx.staff_id, "");
	struct reentry r;
	open_plan(p, &r);
	ck_assert_int_eq(task(&r, "state_id")->due_on, DATE_NONE);
	ck_assert_uint_eq(r.overdue, 0);
	app_reentry_clear(&r);
}
END_TEST

START_TEST(status_rules)
{
	int64_t p = person("400003", fx.staff_id, "2027-01-25");
	struct reentry r;
	open_plan(p, &r);
	char msg[APP_REENTRY_MESSAGE_SIZE];
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "victim_safety", RELPLAN_NOT_APPLICABLE,
						"", msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "victim_safety", RELPLAN_NOT_APPLICABLE,
						"No identified victim", msg, sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_int_eq(r.sections[2].status, RELPLAN_NOT_APPLICABLE);
	ck_assert_str_eq(r.sections[2].reason, "No identified victim");
	/* verified only when the blocking tasks are done, and the message says which is not */
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "housing", RELPLAN_VERIFIED, NULL, msg,
						sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "Residence verified"));
	ck_assert_int_eq(app_reentry_tick(&fx.app, &r, task(&r, "residence_verified")->id, true, msg,
					  sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_int_eq(task(&r, "residence_verified")->done_on, fx_date("2026-11-23"));
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "housing", RELPLAN_VERIFIED, NULL, msg,
						sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_int_eq(r.sections[0].status, RELPLAN_VERIFIED);
	ck_assert_str_eq(r.sections[0].reason, "");
	/* leaving not_applicable drops the reason; the history keeps every change */
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "victim_safety", RELPLAN_IN_PROGRESS,
						NULL, msg, sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_str_eq(r.sections[2].reason, "");
	int64_t changes;
	ck_assert_int_eq(store_relplan_change_count(fx.app.store, r.plan.id, &changes), CL_OK);
	ck_assert_int_eq(changes, 5); /* opened, n/a, done, verified, in progress */
	app_reentry_clear(&r);
}
END_TEST

START_TEST(blocking_and_overdue)
{
	/* SRD 2026-12-21 (a Monday): state ID due 10-22, residence 11-20, notification 11-20:
	 * all three past today (11-23); options (09-22) too */
	int64_t p = person("400004", fx.staff_id, "2026-12-21");
	struct reentry r;
	open_plan(p, &r);
	ck_assert_int_eq(r.days_to_release, 28);
	ck_assert_uint_eq(r.overdue, 4);
	ck_assert_uint_eq(r.blocks, 2);
	ck_assert_str_eq(r.blocks_text, "no verified housing, Identification documents");
	ck_assert_uint_eq(r.counts[0].blocking_open, 1);
	char msg[APP_REENTRY_MESSAGE_SIZE];
	ck_assert_int_eq(app_reentry_tick(&fx.app, &r, task(&r, "state_id")->id, true, msg,
					  sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_uint_eq(r.overdue, 3);
	ck_assert_str_eq(r.blocks_text, "no verified housing");
	/* a section that does not apply counts nothing overdue */
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "victim_safety", RELPLAN_NOT_APPLICABLE,
						"No victim", msg, sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_uint_eq(r.overdue, 2);
	/* a dropped task is kept, and no longer counts */
	ck_assert_int_eq(app_reentry_task_drop(&fx.app, &r, task(&r, "options")->id, "Known already",
					       msg, sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_str_eq(task(&r, "options")->dropped_reason, "Known already");
	ck_assert_uint_eq(r.overdue, 1);
	/* unticking brings the block back */
	ck_assert_int_eq(app_reentry_tick(&fx.app, &r, task(&r, "state_id")->id, false, msg,
					  sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_str_eq(r.blocks_text, "no verified housing, Identification documents");
	app_reentry_clear(&r);
}
END_TEST

START_TEST(custom_tasks_and_contacts)
{
	int64_t p = person("400005", fx.staff_id, "2027-01-25");
	struct reentry r;
	open_plan(p, &r);
	char msg[APP_REENTRY_MESSAGE_SIZE];
	ck_assert_int_eq(app_reentry_task_add(&fx.app, &r, "housing", "Call the shelter", "warden",
					      "", msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(app_reentry_task_add(&fx.app, &r, "housing", "Call the shelter", "person",
					      "tomorrow", msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(app_reentry_task_add(&fx.app, &r, "housing", "Call the shelter", "person",
					      "srd - 3", msg, sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_uint_eq(r.task_count, 5);
	const struct relplan_task *t = NULL;
	for (size_t i = 0; i < r.task_count; i++)
		if (!strcmp(r.tasks[i].label, "Call the shelter"))
			t = &r.tasks[i];
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->task, "");
	ck_assert_int_eq(t->due_on, fx_date("2027-01-22")); /* Friday */
	ck_assert_int_eq(app_reentry_contact_add(&fx.app, &r, "housing", "", "", "", "", msg,
						 sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(app_reentry_contact_add(&fx.app, &r, "housing", "Hope House", "shelter",
						 "555-0100", "", msg, sizeof msg), CL_OK);
	reopen(p, &r);
	ck_assert_uint_eq(r.contact_count, 1);
	ck_assert_str_eq(r.contacts[0].name, "Hope House");
	ck_assert_str_eq(r.contacts[0].section, "housing");
	app_reentry_clear(&r);
}
END_TEST

START_TEST(stale_write_refused)
{
	int64_t p = person("400006", fx.staff_id, "2027-01-25");
	struct reentry a, b;
	open_plan(p, &a);
	open_plan(p, &b);
	char msg[APP_REENTRY_MESSAGE_SIZE];
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &a, "housing", RELPLAN_IN_PROGRESS, NULL,
						msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &b, "identification", RELPLAN_IN_PROGRESS,
						NULL, msg, sizeof msg), CL_ERR_STALE);
	reopen(p, &b);
	ck_assert_int_eq(b.sections[1].status, RELPLAN_NOT_STARTED);
	app_reentry_clear(&a);
	app_reentry_clear(&b);
}
END_TEST

START_TEST(permissions)
{
	int64_t theirs = person("400007", otto, "2027-01-25");
	struct reentry r;
	char msg[APP_REENTRY_MESSAGE_SIZE] = "";
	/* another caseworker's person: no plan made, no plan changed */
	ck_assert_int_eq(app_reentry_open(&fx.app, theirs, &r, msg, sizeof msg), CL_ERR_NOTFOUND);
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	open_plan(theirs, &r);
	ck_assert(r.editable);
	app_reentry_clear(&r);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	open_plan(theirs, &r);
	ck_assert(!r.editable);
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "housing", RELPLAN_IN_PROGRESS, NULL,
						msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'access.denied'"), 1);
	/* a lead may change anyone's plan */
	ck_assert_int_eq(fx_login(&fx.app, "lena"), CL_OK);
	ck_assert_int_eq(app_reentry_set_status(&fx.app, &r, "housing", RELPLAN_IN_PROGRESS, NULL,
						msg, sizeof msg), CL_OK);
	app_reentry_clear(&r);
}
END_TEST

START_TEST(history_is_never_deleted)
{
	int64_t p = person("400008", fx.staff_id, "2027-01-25");
	struct reentry r;
	open_plan(p, &r);
	fx_sql_refused(fx.db, "never deleted", "DELETE FROM release_task WHERE plan_id = %lld%.0lld",
		       r.plan.id, 0);
	fx_sql_refused(fx.db, "append-only", "UPDATE release_change SET at = '' WHERE plan_id = "
		       "%lld%.0lld", r.plan.id, 0);
	fx_sql_refused(fx.db, "CHECK", "UPDATE release_section SET status = 'not_applicable' "
		       "WHERE plan_id = %lld%.0lld", r.plan.id, 0);
	app_reentry_clear(&r);
}
END_TEST

START_TEST(broken_definition_explained)
{
	char path[PATH_MAX];
	fx_path(path, dir, "release_plan.yaml");
	fx_write_file(path, "sections: 3\n", 12);
	int64_t p = person("400009", fx.staff_id, "2027-01-25");
	struct reentry r;
	char msg[APP_REENTRY_MESSAGE_SIZE] = "";
	ck_assert_int_eq(app_reentry_open(&fx.app, p, &r, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "release_plan.yaml:1:11:"));
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM release_plan"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reentry");
	TCase *tc = tcase_create("reentry");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_makes_the_plan_once);
	tcase_add_test(tc, no_srd_no_due_dates);
	tcase_add_test(tc, status_rules);
	tcase_add_test(tc, blocking_and_overdue);
	tcase_add_test(tc, custom_tasks_and_contacts);
	tcase_add_test(tc, stale_write_refused);
	tcase_add_test(tc, permissions);
	tcase_add_test(tc, history_is_never_deleted);
	tcase_add_test(tc, broken_definition_explained);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
