/* Case notes as use cases: who may finalize, co-sign and amend; what a reader without a
 * grant can find of a confidential note (nothing, by any path); the checks before
 * finalizing. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/staff.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static char msg[400];
static int64_t pid, intern_id, other_id, lead_id;

static void setup(void)
{
	fx_app_open(&fx, NOW);
	struct person p;
	fx_person_init(&p, "300001", "Nguyễn", "An");
	p.caseworker_id = fx.staff_id;
	pid = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	intern_id = fx_staff_add(&fx.app, "ina", "Ina Intern", "intern");
	other_id = fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	lead_id = fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	char sql[120];
	snprintf(sql, sizeof sql, "UPDATE staff SET supervisor_id = %lld WHERE id = %lld",
		 (long long)fx.staff_id, (long long)intern_id);
	ck_assert_int_eq(fx_sql_exec(fx.db, sql, NULL, 0), 0);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
}

static void teardown(void)
{
	fx_app_close(&fx);
}

/* Writes and finalizes a note as whoever is signed in; returns its id. */
static int64_t write_note(const char *body, enum note_sensitivity s, enum cl_status expect)
{
	struct note n;
	ck_assert_int_eq(app_note_start(&fx.app, pid, &n, msg, sizeof msg), CL_OK);
	free(n.body);
	n.body = strdup(body);
	n.sensitivity = s;
	snprintf(n.subject, sizeof n.subject, "Subject of %s", body);
	str_copy(n.contact_at, sizeof n.contact_at, "2026-11-20 10:30");
	ck_assert_int_eq(app_note_finalize(&fx.app, &n, msg, sizeof msg), expect);
	int64_t id = n.id;
	note_clear(&n);
	return id;
}

START_TEST(caseworker_finalizes_intern_submits)
{
	int64_t mine = write_note("met about housing application", NOTE_OPEN, CL_OK);
	struct note n;
	ck_assert_int_eq(app_note_open(&fx.app, mine, &n), CL_OK);
	ck_assert_int_eq(n.state, NOTE_FINAL);
	note_clear(&n);
	ck_assert_int_eq(fx_login(&fx.app, "ina"), CL_OK);
	int64_t hers = write_note("intake interview notes", NOTE_OPEN, CL_OK);
	ck_assert_int_eq(app_note_open(&fx.app, hers, &n), CL_OK);
	ck_assert_int_eq(n.state, NOTE_PENDING_COSIGN);
	note_clear(&n);
	/* she cannot co-sign her own; another caseworker is not her supervisor */
	ck_assert_int_ne(app_note_cosign(&fx.app, hers, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_note_cosign(&fx.app, hers, msg, sizeof msg), CL_ERR_DENIED);
	/* the supervisor sees it in the queue and co-signs */
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	struct note *queue;
	size_t count;
	ck_assert_int_eq(app_notes_pending(&fx.app, &queue, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(queue[0].id, hers);
	note_clear(&queue[0]);
	free(queue);
	ck_assert_int_eq(app_note_cosign(&fx.app, hers, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_note_open(&fx.app, hers, &n), CL_OK);
	ck_assert_int_eq(n.state, NOTE_FINAL);
	ck_assert_str_eq(n.cosigned_by_name, "Casey Caseworker");
	note_clear(&n);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE event = "
					   "'note.cosign'"),
			 1);
}
END_TEST

START_TEST(checks_before_finalizing)
{
	struct note n;
	bool warning;
	ck_assert_int_eq(app_note_start(&fx.app, pid, &n, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_note_check(&fx.app, &n, msg, sizeof msg, &warning), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "empty"));
	free(n.body);
	n.body = strdup("spoke with his sister about the release address");
	str_copy(n.contact_at, sizeof n.contact_at, "2027-01-05 09:00");
	ck_assert_int_eq(app_note_check(&fx.app, &n, msg, sizeof msg, &warning), CL_OK);
	ck_assert(warning);
	ck_assert_ptr_nonnull(strstr(msg, "future"));
	str_copy(n.contact_at, sizeof n.contact_at, "1990-01-05 09:00");
	ck_assert_int_eq(app_note_check(&fx.app, &n, msg, sizeof msg, &warning), CL_OK);
	ck_assert(warning);
	ck_assert_ptr_nonnull(strstr(msg, "before admission"));
	str_copy(n.contact_at, sizeof n.contact_at, "tomorrow");
	ck_assert_int_eq(app_note_check(&fx.app, &n, msg, sizeof msg, &warning), CL_ERR_INVALID);
	str_copy(n.contact_at, sizeof n.contact_at, "2026-11-20 10:30");
	str_copy(n.type, sizeof n.type, "gossip");
	ck_assert_int_eq(app_note_check(&fx.app, &n, msg, sizeof msg, &warning), CL_ERR_INVALID);
	note_clear(&n);
}
END_TEST

START_TEST(amendment_keeps_the_original)
{
	int64_t original = write_note("wrong date recorded for the hearing", NOTE_OPEN, CL_OK);
	struct note a;
	ck_assert_int_eq(app_note_amend(&fx.app, original, &a, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(a.amends_id, original);
	free(a.body);
	a.body = strdup("hearing is on the 12th, not the 21st");
	ck_assert_int_eq(app_note_finalize(&fx.app, &a, msg, sizeof msg), CL_OK);
	struct note o;
	ck_assert_int_eq(app_note_open(&fx.app, original, &o), CL_OK);
	ck_assert_int_eq(o.amended_by_id, a.id);
	ck_assert_str_eq(o.body, "wrong date recorded for the hearing");
	note_clear(&o);
	note_clear(&a);
	/* a draft is not amended, it is edited */
	struct note d;
	ck_assert_int_eq(app_note_start(&fx.app, pid, &d, msg, sizeof msg), CL_OK);
	struct note x;
	ck_assert_int_eq(app_note_amend(&fx.app, d.id, &x, msg, sizeof msg), CL_ERR_INVALID);
	note_clear(&d);
}
END_TEST

START_TEST(confidential_notes_invisible_without_the_grant)
{
	write_note("ordinary contact about work assignment", NOTE_OPEN, CL_OK);
	int64_t secret = write_note("methadone dosing reviewed with clinic", NOTE_PART2, CL_OK);
	/* another caseworker without the part2 grant: no path finds it */
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	struct note n;
	ck_assert_int_ne(app_note_open(&fx.app, secret, &n), CL_OK);
	struct timeline_entry e[20];
	size_t count;
	struct timeline_query q = {.person_id = pid};
	ck_assert_int_eq(app_timeline(&fx.app, &q, e, 20, &count), CL_OK);
	for (size_t i = 0; i < count; i++)
		ck_assert(!(e[i].kind == TIMELINE_NOTE && e[i].id == secret));
	struct note_hit hits[10];
	struct note_search s = {.query = "methadone"};
	ck_assert_int_eq(app_note_search(&fx.app, &s, hits, 10, &count, msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(count, 0);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE staff SET role = 'lead' WHERE username = 'otto'",
				     NULL, 0),
			 0);
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_notes_export(&fx.app, "300001", out, msg, sizeof msg), CL_OK);
	fclose(out);
	ck_assert_ptr_null(strstr(text, "methadone"));
	ck_assert_ptr_nonnull(strstr(text, "work assignment"));
	free(text);
	/* with the grant it is found */
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE staff SET grants = 1 WHERE username = 'otto'",
				     NULL, 0),
			 0);
	ck_assert_int_eq(fx_login(&fx.app, "otto"), CL_OK);
	ck_assert_int_eq(app_note_search(&fx.app, &s, hits, 10, &count, msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(app_note_open(&fx.app, secret, &n), CL_OK);
	note_clear(&n);
}
END_TEST

START_TEST(search_takes_any_text_literally)
{
	write_note("Discussed \"Thinking for a Change\" session 4 attendance", NOTE_OPEN, CL_OK);
	static const char *const queries[] = {"\"unbalanced", "AND OR NOT", "NEAR(a b)", "*",
					      "col:umn", "-minus", "((", "\"\"", "'; DROP TABLE note; --",
					      "thinking AND"};
	struct note_hit hits[10];
	size_t count;
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		struct note_search s = {.query = queries[i]};
		ck_assert_msg(app_note_search(&fx.app, &s, hits, 10, &count, msg, sizeof msg) == CL_OK,
			      "query %s: %s", queries[i], msg);
	}
	struct note_search phrase = {.query = "\"thinking for a change\""};
	ck_assert_int_eq(app_note_search(&fx.app, &phrase, hits, 10, &count, msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(count, 1);
	struct note_search prefix = {.query = "attend*"};
	ck_assert_int_eq(app_note_search(&fx.app, &prefix, hits, 10, &count, msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_ptr_nonnull(strchr(hits[0].snippet, '\x01'));
}
END_TEST

static Suite *casenotes_suite(void)
{
	Suite *s = suite_create("casenotes");
	TCase *tc = tcase_create("casenotes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, caseworker_finalizes_intern_submits);
	tcase_add_test(tc, checks_before_finalizing);
	tcase_add_test(tc, amendment_keeps_the_original);
	tcase_add_test(tc, confidential_notes_invisible_without_the_grant);
	tcase_add_test(tc, search_takes_any_text_literally);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(casenotes_suite());
}
