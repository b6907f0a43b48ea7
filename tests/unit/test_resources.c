/* The community resources directory and referrals: search as you type (accents and case
 * ignored), the CSV import (good and bad rows with their exact messages, duplicates updated
 * rather than doubled, all in one transaction), who may change the directory, the referral
 * status rules (allowed and refused moves, each with its event) and their audit rows. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/directory.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static int64_t person_id;

static void setup(void)
{
	fx_app_open(&fx, NOW);
	fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	fx_staff_add(&fx.app, "ina", "Ina Intern", "intern");
	fx_staff_add(&fx.app, "aud", "Ada Auditor", "auditor");
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	struct person p;
	fx_person_init(&p, "400001", "Nguyen", "Thi");
	p.caseworker_id = fx.staff_id;
	person_id = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
}

static void teardown(void)
{
	fx_app_close(&fx);
}

/* ---- import ---- */

struct refusals {
	char lines[16][300];
	size_t count;
};

static void collect(void *ctx, const char *line)
{
	struct refusals *r = ctx;
	if (r->count < 16)
		str_copy(r->lines[r->count++], sizeof r->lines[0], line);
}

static enum cl_status import_text(const char *text, struct directory_import *res,
				  struct refusals *refused)
{
	memset(refused, 0, sizeof *refused);
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	ck_assert_ptr_nonnull(in);
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	enum cl_status st = app_resources_import(&fx.app, in, "dir.csv", res, collect, NULL,
						 refused, msg, sizeof msg);
	fclose(in);
	return st;
}

static void import_example(void)
{
	FILE *in = fopen(CASELOAD_EXAMPLE_CSV, "r");
	ck_assert_ptr_nonnull(in);
	struct directory_import res;
	struct refusals refused = {0};
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_resources_import(&fx.app, in, "example.csv", &res, collect, NULL,
					      &refused, msg, sizeof msg),
			 CL_OK);
	fclose(in);
	ck_assert_uint_eq(res.added, 20);
	ck_assert_uint_eq(res.refused, 0);
	ck_assert_str_eq(msg, "20 added, 0 updated, 0 refused");
}

START_TEST(example_file_imports_whole)
{
	import_example();
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM resource"), 20);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM resource_search"), 20);
	/* quoted fields keep their commas */
	char area[200];
	fx_sql_text(fx.db, "SELECT service_area FROM resource WHERE phone = '218-555-0103'", area,
		    sizeof area);
	ck_assert_str_eq(area, "St. Louis, Carlton and Lake counties");
	/* again: every row is a duplicate by name and phone, updated, never doubled */

	FILE *in = fopen(CASELOAD_EXAMPLE_CSV, "r");
	struct directory_import res;
	struct refusals refused = {0};
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_resources_import(&fx.app, in, "example.csv", &res, collect, NULL,
					      &refused, msg, sizeof msg),
			 CL_OK);
	fclose(in);
	ck_assert_uint_eq(res.added, 0);
	ck_assert_uint_eq(res.updated, 20);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM resource"), 20);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT max(version) FROM resource"), 2);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'resource.import' AND outcome = 'ok'"),
			 2);
}
END_TEST

START_TEST(bad_rows_refused_with_their_line_the_rest_imported)
{
	const char *csv =
		"Phone,Name,KIND,service area\r\n"
		"612-555-0150,Good Shelter,housing,Anoka County\r\n"
		"612-555-0151,,housing,x\r\n"
		"612-555-0152,Odd Place,shelter,x\r\n"
		"612-555-0153,Short Row,housing\r\n"
		"612-555-0154,\"Multi\nLine\",employment,x\r\n"
		"612-555-0155,Bad \"quote\",legal,x\r\n"
		"\r\n"
		"55,Tiny Phone,legal,x\r\n"
		"(612) 555 0150,GOOD SHELTER,housing,\"Anoka, Isanti\"\r\n"
		"612-555-0156,\"Unclosed,legal,x\n";
	struct directory_import res;
	struct refusals refused;
	ck_assert_int_eq(import_text(csv, &res, &refused), CL_OK);
	ck_assert_uint_eq(res.added, 1);
	ck_assert_uint_eq(res.updated, 1);
	ck_assert_uint_eq(res.refused, 7);
	ck_assert_uint_eq(refused.count, 7);
	ck_assert_str_eq(refused.lines[0], "dir.csv:3: the name is empty");
	ck_assert_str_eq(refused.lines[1],
			 "dir.csv:4: kind \"shelter\" is not one of housing, treatment, "
			 "mental_health, employment, education, benefits, id_documents, "
			 "transport, food_clothing, family, legal, other");
	ck_assert_str_eq(refused.lines[2], "dir.csv:5: expected 4 fields as in the header, found 3");
	ck_assert_str_eq(refused.lines[3],
			 "dir.csv:6: the name holds control characters or is not UTF-8 text");
	ck_assert_str_eq(refused.lines[4],
			 "dir.csv:8: a quote inside an unquoted field (quote the whole field and "
			 "double the quote)");
	ck_assert_str_eq(refused.lines[5], "dir.csv:10: the phone \"55\" has fewer than 7 digits");
	ck_assert_str_eq(refused.lines[6], "dir.csv:12: a quoted field is not closed");
	/* the same agency, its name in other case and its phone written otherwise: updated */
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM resource"), 1);
	char text[200];
	fx_sql_text(fx.db, "SELECT name || '|' || service_area FROM resource", text, sizeof text);
	ck_assert_str_eq(text, "GOOD SHELTER|Anoka, Isanti");
}
END_TEST

START_TEST(unusable_header_imports_nothing)
{
	struct directory_import res;
	struct refusals refused;
	ck_assert_int_eq(import_text("name,colour\nA,red\n", &res, &refused), CL_ERR_INVALID);
	ck_assert_str_eq(refused.lines[0], "dir.csv:1: unknown column \"colour\" in the header");
	ck_assert_int_eq(import_text("name,phone\nA,6125550101\n", &res, &refused), CL_ERR_INVALID);
	ck_assert_str_eq(refused.lines[0], "dir.csv:1: the header has no \"kind\" column");
	ck_assert_int_eq(import_text("name,kind,Name\n", &res, &refused), CL_ERR_INVALID);
	ck_assert_str_eq(refused.lines[0], "dir.csv:1: column \"name\" appears twice in the header");
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM resource"), 0);
}
END_TEST

START_TEST(only_caseworkers_and_leads_change_the_directory)
{
	ck_assert_int_eq(fx_login(&fx.app, "ina"), CL_OK);
	struct directory_import res;
	struct refusals refused;
	ck_assert_int_eq(import_text("name,kind\nA,housing\n", &res, &refused), CL_ERR_DENIED);
	struct resource r = {.kind = RES_LEGAL, .active = true};
	str_copy(r.name, sizeof r.name, "Legal Aid");
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_resource_save(&fx.app, &r, msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE outcome = 'denied'"
					   " AND event IN ('resource.import', 'resource.add')"),
			 2);
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	ck_assert_int_eq(app_resource_save(&fx.app, &r, msg, sizeof msg), CL_OK);
	ck_assert_str_eq(msg, "Saved: Legal Aid");
}
END_TEST

/* ---- add, update, search ---- */

START_TEST(save_validates_and_refuses_stale_writes)
{
	struct resource r = {.kind = RES_HOUSING, .active = true};
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_resource_save(&fx.app, &r, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_str_eq(msg, "Not saved: the name is empty");
	str_copy(r.name, sizeof r.name, "Haven House");
	str_copy(r.email, sizeof r.email, "haven.example");
	ck_assert_int_eq(app_resource_save(&fx.app, &r, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_str_eq(msg, "Not saved: the email \"haven.example\" is not an address");
	str_copy(r.email, sizeof r.email, "beds@haven.example");
	ck_assert_int_eq(app_resource_save(&fx.app, &r, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(r.version, 1);
	struct resource other;
	ck_assert_int_eq(app_resource_get(&fx.app, r.id, &other), CL_OK);
	str_copy(r.capacity, sizeof r.capacity, "3 beds");
	ck_assert_int_eq(app_resource_save(&fx.app, &r, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(r.version, 2);
	/* a second terminal saving what it read before: refused, nothing overwritten */
	str_copy(other.capacity, sizeof other.capacity, "full");
	ck_assert_int_eq(app_resource_save(&fx.app, &other, msg, sizeof msg), CL_ERR_STALE);
	ck_assert_str_eq(msg, "Not saved: this resource was changed in another terminal; open it "
			      "again");
	char cap[40];
	fx_sql_text(fx.db, "SELECT capacity FROM resource", cap, sizeof cap);
	ck_assert_str_eq(cap, "3 beds");
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event IN "
					   "('resource.add', 'resource.update') AND outcome = 'ok'"),
			 2);
	/* the index follows the update */
	struct resource found[4];
	size_t n = 0;
	ck_assert_int_eq(app_resource_search(&fx.app, "3 beds", -1, false, NULL, found, 4, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
}
END_TEST

START_TEST(search_as_you_type_kind_and_pages)
{
	import_example();
	struct resource found[30];
	size_t n = 0;
	/* accents and case ignored, both ways */
	ck_assert_int_eq(app_resource_search(&fx.app, "ASOCIACION", -1, false, NULL, found, 30, &n),
			 CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(found[0].name, "Asociación Latina de Empleo");
	ck_assert_int_eq(app_resource_search(&fx.app, "latína", -1, false, NULL, found, 30, &n),
			 CL_OK);
	ck_assert_uint_eq(n, 1);
	/* one and two characters: a substring match, still */
	ck_assert_int_eq(app_resource_search(&fx.app, "Du", -1, false, NULL, found, 30, &n), CL_OK);
	ck_assert_uint_ge(n, 1);
	/* by kind, in name order */
	ck_assert_int_eq(app_resource_search(&fx.app, "", RES_HOUSING, false, NULL, found, 30, &n),
			 CL_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(found[0].name, "Arrowhead Transitional Housing");
	ck_assert_str_eq(found[2].name, "Twin Cities Reentry Housing Collaborative");
	/* notes and the service area are searched; the kind filter narrows */
	ck_assert_int_eq(app_resource_search(&fx.app, "hennepin", RES_TREATMENT, false, NULL, found,
					     30, &n),
			 CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(found[0].name, "Hennepin Medication Assisted Treatment Clinic");
	/* keyset pages cover the whole directory once */
	struct resource page[7];
	size_t total = 0;
	const struct resource *after = NULL;
	struct resource last;
	do {
		ck_assert_int_eq(app_resource_search(&fx.app, "", -1, false, after, page, 7, &n), CL_OK);
		if (n) {
			if (after)
				ck_assert_str_gt(page[0].name_key, last.name_key);
			last = page[n - 1];
			after = &last;
		}
		total += n;
	} while (n == 7);
	ck_assert_uint_eq(total, 20);
	/* an inactive entry is left out unless asked for */
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE resource SET active = 0 WHERE kind = 'legal'",
				     NULL, 0),
			 FX_SQLITE_OK);
	ck_assert_int_eq(app_resource_search(&fx.app, "", RES_LEGAL, false, NULL, found, 30, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(app_resource_search(&fx.app, "", RES_LEGAL, true, NULL, found, 30, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
}
END_TEST

/* ---- referrals ---- */

static int64_t refer(const char *phone)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT id FROM resource WHERE phone = '%s'", phone);
	int64_t resource = fx_sql_int(fx.db, sql);
	int64_t id = 0;
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_referral_create(&fx.app, person_id, resource,
					     REFERRAL_FROM_RELEASE_PLAN, "housing",
					     "Needs a bed from release day", &id, msg, sizeof msg),
			 CL_OK);
	return id;
}

START_TEST(referral_transitions_allowed)
{
	import_example();
	int64_t a = refer("612-555-0101");
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_referral_move(&fx.app, a, REFERRAL_ACCEPTED, "Bed on 12/3", msg,
					   sizeof msg),
			 CL_OK);
	ck_assert_str_eq(msg, "Referral to Twin Cities Reentry Housing Collaborative: accepted");
	ck_assert_int_eq(app_referral_move(&fx.app, a, REFERRAL_COMPLETED, "", msg, sizeof msg), CL_OK);
	int64_t b = refer("651-555-0102");
	ck_assert_int_eq(app_referral_move(&fx.app, b, REFERRAL_WITHDRAWN, "moved county", msg,
					   sizeof msg),
			 CL_OK);
	struct referral list[8];
	size_t n = 0;
	ck_assert_int_eq(app_referral_list(&fx.app, person_id, list, 8, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].id, b); /* newest first */
	ck_assert_int_eq(list[0].status, REFERRAL_WITHDRAWN);
	ck_assert_int_eq(list[1].status, REFERRAL_COMPLETED);
	ck_assert_str_eq(list[1].origin_ref, "housing");
	struct referral f;
	struct referral_event ev[8];
	ck_assert_int_eq(app_referral_history(&fx.app, a, &f, ev, 8, &n), CL_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(ev[0].status, REFERRAL_SENT);
	ck_assert_str_eq(ev[0].note, "Needs a bed from release day");
	ck_assert_int_eq(ev[1].status, REFERRAL_ACCEPTED);
	ck_assert_str_eq(ev[1].note, "Bed on 12/3");
	ck_assert_str_eq(ev[2].by_name, ev[0].by_name);
	/* audited with ids only, never the note */
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'referral.create' AND outcome = 'ok'"),
			 2);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'referral.move' AND outcome = 'ok'"),
			 3);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE object LIKE "
					   "'%bed%' OR object LIKE '%county%'"),
			 0);
	char object[80];
	snprintf(object, sizeof object,
		 "SELECT object FROM audit_log WHERE event = 'referral.move' ORDER BY id LIMIT 1");
	char text[80];
	fx_sql_text(fx.db, object, text, sizeof text);
	char want[80];
	snprintf(want, sizeof want, "referral=%lld status=accepted", (long long)a);
	ck_assert_str_eq(text, want);
}
END_TEST

START_TEST(referral_transitions_refused)
{
	import_example();
	int64_t a = refer("612-555-0101");
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_referral_move(&fx.app, a, REFERRAL_COMPLETED, "", msg, sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_str_eq(msg, "A referral is completed only after the resource accepted it");
	ck_assert_int_eq(app_referral_move(&fx.app, a, REFERRAL_SENT, "", msg, sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_str_eq(msg, "This referral is sent already");
	ck_assert_int_eq(app_referral_move(&fx.app, a, REFERRAL_DECLINED, "", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_referral_move(&fx.app, a, REFERRAL_ACCEPTED, "", msg, sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_str_eq(msg, "This referral is declined: a closed referral does not change; make a "
			      "new one");
	int64_t b = refer("651-555-0102");
	ck_assert_int_eq(app_referral_move(&fx.app, b, REFERRAL_ACCEPTED, "", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_referral_move(&fx.app, b, REFERRAL_SENT, "", msg, sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_str_eq(msg, "A referral is sent once; it cannot go back to sent");
	/* the next states the screens offer */
	enum referral_status next[REFERRAL_STATUS_COUNT];
	ck_assert_uint_eq(app_referral_next(REFERRAL_SENT, next), 3);
	ck_assert_int_eq(next[0], REFERRAL_ACCEPTED);
	ck_assert_uint_eq(app_referral_next(REFERRAL_ACCEPTED, next), 3);
	ck_assert_int_eq(next[0], REFERRAL_COMPLETED);
	ck_assert_uint_eq(app_referral_next(REFERRAL_COMPLETED, next), 0);
	/* the schema holds the same rules, and keeps everything */
	fx_sql_refused(fx.db, "only moves forward",
		       "UPDATE referral SET status = 'sent' WHERE id = %lld%.0lld", a, 0);
	fx_sql_refused(fx.db, "never deleted", "DELETE FROM referral WHERE id = %lld%.0lld", a, 0);
	fx_sql_refused(fx.db, "append-only", "DELETE FROM referral_event WHERE referral_id = %lld%.0lld",
		       a, 0);
	fx_sql_refused(fx.db, "never deleted", "DELETE FROM resource WHERE id > %lld%.0lld", 0, 0);
	/* an inactive resource takes no new referrals */
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE resource SET active = 0", NULL, 0), FX_SQLITE_OK);
	int64_t id;
	ck_assert_int_eq(app_referral_create(&fx.app, person_id, 1, REFERRAL_FROM_RECORD, "", "",
					     &id, msg, sizeof msg),
			 CL_ERR_INVALID);
}
END_TEST

START_TEST(referrals_need_the_person_and_drafting)
{
	import_example();
	ck_assert_int_eq(fx_login(&fx.app, "aud"), CL_OK);
	int64_t id;
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_referral_create(&fx.app, person_id, 1, REFERRAL_FROM_RECORD, "", "",
					     &id, msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM referral"), 0);
	ck_assert_int_ge(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE outcome = 'denied'"),
			 1);
	struct referral list[2];
	size_t n = 9;
	ck_assert_int_eq(app_referral_list(&fx.app, person_id, list, 2, &n), CL_ERR_DENIED);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* A release-plan section lists its own referrals: not those of another section or from
 * another plan with the same name, newest first with their status, and the reading is
 * audited with the section. */
START_TEST(section_lists_its_referrals)
{
	import_example();
	int64_t a = refer("612-555-0101");
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	ck_assert_int_eq(app_referral_move(&fx.app, a, REFERRAL_ACCEPTED, "", msg, sizeof msg), CL_OK);
	int64_t b = refer("651-555-0102");
	int64_t other;
	ck_assert_int_eq(app_referral_create(&fx.app, person_id, 1, REFERRAL_FROM_CASE_PLAN,
					     "housing", "", &other, msg, sizeof msg),
			 CL_OK);
	ck_assert_int_eq(app_referral_create(&fx.app, person_id, 1, REFERRAL_FROM_RELEASE_PLAN,
					     "employment", "", &other, msg, sizeof msg),
			 CL_OK);
	struct referral list[8];
	size_t n = 0;
	ck_assert_int_eq(app_referral_list_from(&fx.app, person_id, REFERRAL_FROM_RELEASE_PLAN,
						"housing", list, 8, &n),
			 CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].id, b);
	ck_assert_int_eq(list[0].status, REFERRAL_SENT);
	ck_assert_int_eq(list[1].id, a);
	ck_assert_int_eq(list[1].status, REFERRAL_ACCEPTED);
	ck_assert_str_eq(list[1].resource_name, "Twin Cities Reentry Housing Collaborative");
	ck_assert_str_eq(list[1].updated_at, "2026-11-23T15:00:00.00Z");
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'referral.view' AND object = 'section=housing'"),
			 1);
	ck_assert_int_eq(app_referral_list_from(&fx.app, person_id, REFERRAL_FROM_RELEASE_PLAN,
						"id_documents", list, 8, &n),
			 CL_OK);
	ck_assert_uint_eq(n, 0);
	/* who may not read the person reads no section's referrals either */
	ck_assert_int_eq(fx_login(&fx.app, "aud"), CL_OK);
	n = 9;
	ck_assert_int_eq(app_referral_list_from(&fx.app, person_id, REFERRAL_FROM_RELEASE_PLAN,
						"housing", list, 8, &n),
			 CL_ERR_DENIED);
	ck_assert_uint_eq(n, 0);
}
END_TEST

static Suite *resources_suite(void)
{
	Suite *s = suite_create("resources");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, example_file_imports_whole);
	tcase_add_test(tc, bad_rows_refused_with_their_line_the_rest_imported);
	tcase_add_test(tc, unusable_header_imports_nothing);
	tcase_add_test(tc, only_caseworkers_and_leads_change_the_directory);
	tcase_add_test(tc, save_validates_and_refuses_stale_writes);
	tcase_add_test(tc, search_as_you_type_kind_and_pages);
	tcase_add_test(tc, referral_transitions_allowed);
	tcase_add_test(tc, referral_transitions_refused);
	tcase_add_test(tc, referrals_need_the_person_and_drafting);
	tcase_add_test(tc, section_lists_its_referrals);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(resources_suite());
}
