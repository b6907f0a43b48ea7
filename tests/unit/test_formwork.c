/* Forms as use cases: a response is started, answered answer by answer in the database,
 * finalized (frozen with its scores, outputs written back), amended; it always opens with
 * the definition it was made with, even after the file changed version; a changed file
 * under an old version is refused; two terminals never overwrite each other; confidential
 * answers stay with those who hold the grant; interns' forms go to review. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseload/formwork.h"
#include "caseload/person_detail.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static char msg[APP_FORM_MESSAGE_SIZE];
static char forms_dir[PATH_MAX];
static int64_t pid;

/* A small form: a scored item, a confidential answer, a default, a banded level written
 * back to the record on finalize, a warning rule. */
static const char form_v1[] =
	"caseform: 1\n"
	"id: tiny\n"
	"version: VERSION\n"
	"title: Tiny screen\n"
	"workflow: {complete: [caseworker, lead, intern]}\n"
	"choices:\n"
	"  level:\n"
	"    - {value: '0', label: None, score: 0}\n"
	"    - {value: '1', label: Some, score: SCORE}\n"
	"    - {value: '2', label: Much, score: 4}\n"
	"sections:\n"
	"  - id: one\n"
	"    title: One\n"
	"    fields:\n"
	"      - {id: seen_on, type: date, label: Seen on, default: 'today()', required: true}\n"
	"      - {id: need, type: select_one, choices: level, label: Need, required: true}\n"
	"      - {id: treatment, type: text, label: Treatment, sensitivity: part2}\n"
	"      - {id: age_now, type: calculated, label: Age, calculate: 'case.age'}\n"
	"scores:\n"
	"  - {id: total, label: Total, items: [need]}\n"
	"  - id: band\n"
	"    label: Level\n"
	"    from: total\n"
	"    bands: [{max: 1, value: low}, {min: 2, value: high}]\n"
	"    override: {reason_required: true, approver_roles: [lead]}\n"
	"rules:\n"
	"  - {assert: \"$need != '2'\", message: Check a high need twice, severity: warning}\n"
	"outputs:\n"
	"  - {to: case.risk_level, from: '$band', on: finalize}\n";

static void write_form(const char *file, int version, int score)
{
	char path[PATH_MAX], text[sizeof form_v1 + 32], v[16], sc[16];
	snprintf(v, sizeof v, "%d", version);
	snprintf(sc, sizeof sc, "%d", score);
	const char *src = form_v1;
	char *out = text;
	while (*src) {
		if (!strncmp(src, "VERSION", 7)) {
			out += sprintf(out, "%s", v);
			src += 7;
		} else if (!strncmp(src, "SCORE", 5)) {
			out += sprintf(out, "%s", sc);
			src += 5;
		} else {
			*out++ = *src++;
		}
	}
	*out = '\0';
	fx_path(path, forms_dir, file);
	fx_write_file(path, text, strlen(text));
}

/* Forgets the loaded forms, so the next use reads the directory again (a restart). */
static void reload_forms(void)
{
	if (!fx.app.forms)
		return;
	formcatalog_clear(fx.app.forms);
	free(fx.app.forms);
	fx.app.forms = NULL;
}

static void setup(void)
{
	fx_app_open(&fx, NOW);
	fx_tmpdir(forms_dir);
	str_copy(fx.app.config.forms_dir, sizeof fx.app.config.forms_dir, forms_dir);
	write_form("tiny.yaml", 1, 1);
	struct person p;
	fx_person_init(&p, "300001", "Nguyễn", "An");
	p.caseworker_id = fx.staff_id;
	pid = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	fx_staff_add(&fx.app, "ina", "Ina Intern", "intern");
	fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
}

static void teardown(void)
{
	fx_app_close(&fx);
	fx_rmtree(forms_dir);
}

static int slot(const struct app_form *f, const char *id)
{
	int s = formdef_field_slot(f->def, id);
	ck_assert_int_ge(s, 0);
	return s;
}

static struct app_form *start(void)
{
	struct app_form *f = NULL;
	ck_assert_msg(app_form_start(&fx.app, pid, "tiny", &f, msg, sizeof msg) == CL_OK, "%s", msg);
	return f;
}

static void set(struct app_form *f, const char *field, const char *text)
{
	ck_assert_msg(app_form_set(&fx.app, f, slot(f, field), 0, text, msg, sizeof msg) == CL_OK,
		      "%s", msg);
}

static long long count(const char *sql)
{
	return fx_sql_int(fx.db, sql);
}

START_TEST(answers_are_stored_as_given_and_defaults_at_once)
{
	struct app_form *f = start();
	ck_assert_int_eq(f->resp.state, FORM_DRAFT);
	ck_assert(f->editable);
	char value[64];
	fx_sql_text(fx.db, "SELECT value FROM form_answer WHERE field = 'seen_on'", value,
		    sizeof value);
	ck_assert_str_eq(value, "2026-11-23");
	set(f, "need", "1");
	set(f, "treatment", "methadone clinic");
	/* a text that does not read is kept as typed, with its message */
	set(f, "seen_on", "last tuesday");
	fx_sql_text(fx.db, "SELECT value FROM form_answer WHERE field = 'seen_on'", value,
		    sizeof value);
	ck_assert_str_eq(value, "last tuesday");
	enum formdef_severity sev;
	ck_assert_str_ne(formeval_field_message(f->ev, slot(f, "seen_on"), 0, &sev), "");
	/* a cleared answer is gone from the database */
	set(f, "treatment", "");
	ck_assert_int_eq(count("SELECT count(*) FROM form_answer WHERE field = 'treatment'"), 0);
	/* every save is audited: the defaults, then each answer */
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE event = 'form.save'"), 5);
	int64_t id = f->resp.id;
	app_form_free(&f);

	/* reopened (a restart): the same answers */
	ck_assert_int_eq(app_form_open(&fx.app, id, &f, msg, sizeof msg), CL_OK);
	ck_assert_str_eq(formeval_text(f->ev, slot(f, "need"), 0), "1");
	ck_assert_str_eq(formeval_text(f->ev, slot(f, "seen_on"), 0), "last tuesday");
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE event = 'form.view'"), 1);
	app_form_free(&f);
}
END_TEST

START_TEST(finalize_freezes_scores_and_writes_outputs)
{
	struct app_form *f = start();
	/* errors are fixed first, then the rule's warning needs a confirmation */
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "1 problem"));
	set(f, "need", "2");
	ck_assert_int_eq(app_form_finalize(&fx.app, f, false, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "warning"));
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(f->resp.state, FORM_FINAL);
	ck_assert(!f->editable);
	ck_assert_int_eq(count("SELECT value FROM form_score WHERE score = 'total'"), 4);
	char text[200];
	fx_sql_text(fx.db, "SELECT final_level FROM form_score WHERE score = 'band'", text,
		    sizeof text);
	ck_assert_str_eq(text, "high");
	fx_sql_text(fx.db, "SELECT summary FROM form_response", text, sizeof text);
	ck_assert_str_eq(text, "Total 4 \u00b7 Level high");
	/* the output: the record's risk level, with its history row */
	struct person p;
	ck_assert_int_eq(store_person_get(fx.app.store, pid, &p), CL_OK);
	ck_assert_int_eq(p.risk, RISK_HIGH);
	ck_assert_int_eq(count("SELECT count(*) FROM person_change WHERE field = 'risk_level'"), 1);
	/* final means final: the use case and the schema refuse a change */
	ck_assert_int_eq(app_form_set(&fx.app, f, slot(f, "need"), 0, "0", msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_int_ne(fx_sql_exec(fx.db, "UPDATE form_answer SET value = '0'", NULL, 0), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE event = 'form.finalize'"), 1);
	app_form_free(&f);
}
END_TEST

START_TEST(amendment_copies_and_links)
{
	struct app_form *f = start();
	set(f, "need", "1");
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, msg, sizeof msg), CL_OK);
	int64_t original = f->resp.id;
	app_form_free(&f);
	ck_assert_int_eq(app_form_amend(&fx.app, original, &f, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(f->resp.amends_id, original);
	ck_assert(f->editable);
	ck_assert_str_eq(formeval_text(f->ev, slot(f, "need"), 0), "1");
	set(f, "need", "0");
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, msg, sizeof msg), CL_OK);
	app_form_free(&f);
	struct form_response list[4];
	size_t n = 0;
	ck_assert_int_eq(app_form_list(&fx.app, pid, 0, list, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[1].id, original);
	ck_assert_int_eq(list[1].amended_by_id, list[0].id);
	/* a draft is not amended */
	f = start();
	ck_assert_int_eq(app_form_amend(&fx.app, f->resp.id, &(struct app_form *){NULL}, msg,
				       sizeof msg),
			 CL_ERR_INVALID);
	app_form_free(&f);
}
END_TEST

START_TEST(a_response_keeps_its_definition)
{
	struct app_form *f = start();
	set(f, "need", "1");
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, msg, sizeof msg), CL_OK);
	int64_t v1 = f->resp.id;
	app_form_free(&f);
	/* version 2 scores "Some" 3 instead of 1 (a new meaning: a loader error between
	 * versions, so it replaces the file rather than sitting beside it) */
	char path[PATH_MAX];
	fx_path(path, forms_dir, "tiny.yaml");
	unlink(path);
	write_form("tiny2.yaml", 2, 3);
	reload_forms();
	f = start();
	ck_assert_int_eq(f->def->version, 2);
	set(f, "need", "1");
	ck_assert_int_eq((int)formeval_score(f->ev, 0)->value, 3);
	app_form_free(&f);
	/* the old response still opens with version 1 and its own scoring */
	ck_assert_int_eq(app_form_open(&fx.app, v1, &f, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(f->def->version, 1);
	ck_assert_int_eq((int)formeval_score(f->ev, 0)->value, 1);
	ck_assert_int_eq((int)f->frozen[0].value, 1);
	app_form_free(&f);
}
END_TEST

START_TEST(changed_text_under_the_same_version_is_refused)
{
	struct app_form *f = start();
	app_form_free(&f);
	write_form("tiny.yaml", 1, 2); /* same id and version, other text */
	reload_forms();
	ck_assert_int_eq(app_form_start(&fx.app, pid, "tiny", &f, msg, sizeof msg), CL_ERR_EXISTS);
	ck_assert_ptr_null(f);
	ck_assert_msg(strstr(msg, "changed without a new version") != NULL, "%s", msg);
	ck_assert_int_eq(count("SELECT count(*) FROM form_response"), 1);
}
END_TEST

START_TEST(two_terminals_never_overwrite_each_other)
{
	struct app_form *a = start();
	struct app_form *b = NULL;
	ck_assert_int_eq(app_form_open(&fx.app, a->resp.id, &b, msg, sizeof msg), CL_OK);
	set(a, "need", "1");
	ck_assert_int_eq(app_form_set(&fx.app, b, slot(b, "need"), 0, "2", msg, sizeof msg),
			 CL_ERR_STALE);
	ck_assert_ptr_nonnull(strstr(msg, "another terminal"));
	/* b shows what is stored, not what it failed to write */
	ck_assert_str_eq(formeval_text(b->ev, slot(b, "need"), 0), "");
	char value[8];
	fx_sql_text(fx.db, "SELECT value FROM form_answer WHERE field = 'need'", value, sizeof value);
	ck_assert_str_eq(value, "1");
	app_form_free(&a);
	app_form_free(&b);
}
END_TEST

START_TEST(confidential_answers_stay_with_the_grant)
{
	struct app_form *f = start();
	set(f, "need", "1");
	set(f, "treatment", "methadone clinic");
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, msg, sizeof msg), CL_OK);
	int64_t id = f->resp.id;
	app_form_free(&f);
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_form_open(&fx.app, id, &f, msg, sizeof msg), CL_OK);
	ck_assert(f->withheld);
	ck_assert_str_eq(formeval_text(f->ev, slot(f, "treatment"), 0), "");
	ck_assert_str_eq(formeval_text(f->ev, slot(f, "need"), 0), "1");
	app_form_free(&f);
	/* nor can he amend it (the copy would lose what he cannot see) */
	ck_assert_int_eq(app_form_amend(&fx.app, id, &f, msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_ptr_null(f);
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE staff SET grants = 1 WHERE username = 'otto'",
				     NULL, 0),
			 0);
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_form_open(&fx.app, id, &f, msg, sizeof msg), CL_OK);
	ck_assert(!f->withheld);
	ck_assert_str_eq(formeval_text(f->ev, slot(f, "treatment"), 0), "methadone clinic");
	app_form_free(&f);
}
END_TEST

START_TEST(drafts_are_their_authors_and_interns_go_to_review)
{
	struct app_form *f = start();
	int64_t draft = f->resp.id;
	app_form_free(&f);
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_form_open(&fx.app, draft, &f, msg, sizeof msg), CL_ERR_NOTFOUND);
	ck_assert_int_eq(fx_login(&fx.app, "ina"), CL_OK);
	f = start();
	set(f, "need", "0");
	ck_assert_int_eq(app_form_finalize(&fx.app, f, true, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(f->resp.state, FORM_PENDING_REVIEW);
	ck_assert_ptr_nonnull(strstr(msg, "review"));
	/* outputs wait for the approval of reviewed work */
	struct person p;
	ck_assert_int_eq(store_person_get(fx.app.store, pid, &p), CL_OK);
	ck_assert_int_ne(p.risk, RISK_LOW);
	app_form_free(&f);
}
END_TEST

START_TEST(only_the_forms_of_ones_role_start)
{
	const struct formdef *defs[32];
	size_t n = app_forms_startable(&fx.app, defs, 32);
	bool tiny = false, qa = false;
	for (size_t i = 0; i < n; i++) {
		tiny |= !strcmp(defs[i]->id, "tiny");
		qa |= !strcmp(defs[i]->id, "qa_checklist");
	}
	ck_assert(tiny);
	ck_assert(!qa); /* the QA checklist is the leads' */
	struct app_form *f = NULL;
	ck_assert_int_eq(app_form_start(&fx.app, pid, "qa_checklist", &f, msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_int_eq(app_form_start(&fx.app, pid, "no_such_form", &f, msg, sizeof msg),
			 CL_ERR_NOTFOUND);
	ck_assert_int_eq(count("SELECT count(*) FROM form_response"), 0);
}
END_TEST

START_TEST(a_broken_file_is_left_out_and_reported)
{
	char path[PATH_MAX];
	fx_path(path, forms_dir, "broken.yaml");
	fx_write_file(path, "caseform: 1\nid: [oops\n", 22);
	reload_forms();
	struct strbuf report;
	strbuf_init(&report);
	const struct formcatalog *cat = app_forms(&fx.app, &report);
	ck_assert_uint_eq(cat->files_broken, 1);
	ck_assert_ptr_nonnull(strstr(report.buf, "broken.yaml:"));
	ck_assert_ptr_nonnull(formcatalog_current(cat, "tiny"));
	strbuf_clear(&report);
}
END_TEST

static Suite *formwork_suite(void)
{
	Suite *s = suite_create("formwork");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, answers_are_stored_as_given_and_defaults_at_once);
	tcase_add_test(tc, finalize_freezes_scores_and_writes_outputs);
	tcase_add_test(tc, amendment_copies_and_links);
	tcase_add_test(tc, a_response_keeps_its_definition);
	tcase_add_test(tc, changed_text_under_the_same_version_is_refused);
	tcase_add_test(tc, two_terminals_never_overwrite_each_other);
	tcase_add_test(tc, confidential_answers_stay_with_the_grant);
	tcase_add_test(tc, drafts_are_their_authors_and_interns_go_to_review);
	tcase_add_test(tc, only_the_forms_of_ones_role_start);
	tcase_add_test(tc, a_broken_file_is_left_out_and_reported);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(formwork_suite());
}
