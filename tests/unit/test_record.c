/* The record use cases: opening (audited), one-field changes with their rules, history and
 * audit rows, stale writes between two terminals, moves, aliases, alerts and drafts. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/audit.h"
#include "caseload/caseload.h"
#include "caseload/people.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "fixture.h"

#define TODAY "2024-06-15"

static struct fx_app fx;
static int64_t pid;     /* the person every test works on */
static struct person p; /* as the user last saw it */
static char msg[APP_MESSAGE_SIZE];

static void setup(void)
{
	fx_app_open(&fx, TODAY);
	struct person in;
	fx_person_init(&in, "A100001", "Nguyễn", "Văn An");
	in.caseworker_id = fx.staff_id;
	pid = fx_person_insert(&fx.app, &in, NULL, NULL, 0);
	ck_assert_int_eq(store_person_get(fx.app.store, pid, &p), CL_OK);
	ck_assert_int_eq(p.version, 1);
	msg[0] = '\0';
}

static void teardown(void)
{
	fx_app_close(&fx);
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

static int64_t audit_count(const char *event)
{
	int64_t n = -1;
	ck_assert_int_eq(store_audit_count(fx.app.store, pid, event, &n), CL_OK);
	return n;
}

static long long sql_count(const char *sql)
{
	return fx_sql_int(fx.db, sql);
}

/* Everything a refused change must leave as it was. */
struct snapshot {
	char *person;
	long long changes, audit, aliases, alerts, stays, drafts;
};

static struct snapshot take(void)
{
	struct snapshot s;
	s.person = fx_sql_dump(fx.db, "SELECT * FROM person ORDER BY id");
	s.changes = sql_count("SELECT count(*) FROM person_change");
	/* refusals are audited themselves (as "denied"); nothing else may appear */
	s.audit = sql_count("SELECT count(*) FROM audit_log WHERE outcome != 'denied'");
	s.aliases = sql_count("SELECT count(*) FROM person_alias");
	s.alerts = sql_count("SELECT count(*) FROM alert");
	s.stays = sql_count("SELECT count(*) FROM housing_stay");
	s.drafts = sql_count("SELECT count(*) FROM edit_draft");
	return s;
}

static void assert_same(struct snapshot *before, const char *what)
{
	struct snapshot after = take();
	ck_assert_msg(strcmp(after.person, before->person) == 0, "%s changed the person row", what);
	ck_assert_msg(after.changes == before->changes, "%s wrote history", what);
	ck_assert_msg(after.audit == before->audit, "%s wrote an audit row", what);
	ck_assert_msg(after.aliases == before->aliases, "%s changed aliases", what);
	ck_assert_msg(after.alerts == before->alerts, "%s changed alerts", what);
	ck_assert_msg(after.stays == before->stays, "%s changed housing", what);
	ck_assert_msg(after.drafts == before->drafts, "%s changed drafts", what);
	free(after.person);
	free(before->person);
	before->person = NULL;
}

static struct caseload_row row_of(int64_t id)
{
	struct caseload_row row;
	ck_assert_int_eq(store_caseload_row(fx.app.store, id, &row), CL_OK);
	return row;
}

static size_t count_filter(const char *filter)
{
	struct caseload_view v;
	memset(&v, 0, sizeof v);
	v.whole_facility = true;
	str_copy(v.filter, sizeof v.filter, filter);
	size_t n = 99;
	bool capped = true;
	ck_assert_int_eq(app_caseload_count(&fx.app, &v, &n, &capped), CL_OK);
	ck_assert(!capped);
	return n;
}

/* ---- opening ---- */

START_TEST(open_is_audited)
{
	ck_assert_int_eq(audit_count("person.view"), 0);
	struct person_record r;
	ck_assert_int_eq(app_record_open(&fx.app, pid, &r), CL_OK);
	ck_assert_str_eq(r.person.last_name, "Nguyễn");
	ck_assert_str_eq(r.person.oid, "A100001");
	person_record_clear(&r);
	ck_assert_int_eq(audit_count("person.view"), 1);
	ck_assert_int_eq(app_record_open(&fx.app, pid, &r), CL_OK);
	person_record_clear(&r);
	ck_assert_int_eq(audit_count("person.view"), 2);
	char row[256];
	snprintf(row, sizeof row,
	         "SELECT staff_id || '|' || outcome || '|' || object || '|' || at FROM audit_log "
	         "WHERE person_id = %lld ORDER BY id LIMIT 1",
	         (long long)pid);
	char got[256], want[256];
	fx_sql_text(fx.db, row, got, sizeof got);
	snprintf(want, sizeof want, "%lld|ok||2024-06-15T12:00:00.00Z", (long long)fx.staff_id);
	ck_assert_str_eq(got, want);
	/* a record that does not exist: nothing shown, nothing audited */
	ck_assert_int_eq(app_record_open(&fx.app, pid + 50, &r), CL_ERR_NOTFOUND);
	ck_assert_ptr_null(r.aliases);
	ck_assert_int_eq(sql_count("SELECT count(*) FROM audit_log"), 2);
}
END_TEST

/* ---- one field at a time ---- */

struct good_case {
	enum person_field field;
	const char *input;
	const char *stored; /* as app_field_format shows it afterwards */
};

START_TEST(each_field_valid)
{
	static const struct good_case cases[] = {
	    {PF_LAST_NAME, "Trần", "Trần"},
	    {PF_LAST_NAME, "  Lê Thị  ", "Lê Thị"},
	    {PF_FIRST_NAME, "", ""},
	    {PF_FIRST_NAME, "Hồng", "Hồng"},
	    {PF_MIDDLE_NAME, "Đức", "Đức"},
	    {PF_DOB, "1986-02-28", "1986-02-28"},
	    {PF_SEX, "f", "F"},
	    {PF_SEX, "X", "X"},
	    {PF_LANGUAGE, "Vietnamese", "Vietnamese"},
	    {PF_INTERPRETER, "yes", "yes"},
	    {PF_INTERPRETER, "N", "no"},
	    {PF_ADMISSION, "2023-01-05", "2023-01-05"},
	    {PF_SENTENCE_BEGIN, "2022-11-30", "2022-11-30"},
	    {PF_SENTENCE_BEGIN, "", ""},
	    {PF_JAIL_CREDIT, "120", "120"},
	    {PF_JAIL_CREDIT, "3650", "3650"},
	    {PF_JAIL_CREDIT, "0", "0"},
	    {PF_SRD, "2026-06-01", "2026-06-01"},
	    {PF_EXPIRATION, "2029-01-01", "2029-01-01"},
	    {PF_NEXT_REVIEW, "2024-07-01", "2024-07-01"},
	    {PF_ECRC_REQUIRED, "y", "yes"},
	    {PF_NEXT_REVIEW, "", ""},
	};
	int64_t version = p.version;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct good_case *c = &cases[i];
		char old[MODEL_NAME_SIZE];
		app_field_format(&p, c->field, old, sizeof old);
		int64_t updates = audit_count("person.update");
		enum cl_status st =
		    app_record_set_field(&fx.app, &p, c->field, c->input, msg, sizeof msg);
		ck_assert_msg(st == CL_OK, "%s <- \"%s\": %s: %s", app_field_key(c->field),
		              c->input, cl_status_text(st), msg);
		ck_assert_msg(contains_ci(msg, "saved"), "%s", msg);
		ck_assert_int_eq(p.version, ++version);
		char shown[MODEL_NAME_SIZE];
		app_field_format(&p, c->field, shown, sizeof shown);
		ck_assert_str_eq(shown, c->stored);
		struct person stored;
		ck_assert_int_eq(store_person_get(fx.app.store, pid, &stored), CL_OK);
		ck_assert_int_eq(stored.version, version);
		app_field_format(&stored, c->field, shown, sizeof shown);
		ck_assert_str_eq(shown, c->stored);
		ck_assert_str_eq(stored.updated_by, "Casey Caseworker");
		ck_assert_int_eq(audit_count("person.update"), updates + 1);
		/* the history names the field, both values and who */
		struct person_record r;
		ck_assert_int_eq(store_person_record(fx.app.store, pid, &r), CL_OK);
		ck_assert_uint_eq(r.change_count, i + 1);
		ck_assert_str_eq(r.changes[0].field, app_field_key(c->field));
		ck_assert_str_eq(r.changes[0].old_value, old);
		ck_assert_str_eq(r.changes[0].new_value, c->stored);
		ck_assert_str_eq(r.changes[0].changed_by, "Casey Caseworker");
		ck_assert_str_eq(r.changes[0].changed_at, "2024-06-15T12:00:00.00Z");
		person_record_clear(&r);
	}
	/* the audit rows name the field, never its value */
	ck_assert_int_eq(sql_count("SELECT count(*) FROM audit_log WHERE event = 'person.update' "
	                           "AND object = 'field=last_name'"),
	                 2);
	ck_assert_int_eq(sql_count("SELECT count(*) FROM audit_log WHERE object LIKE '%Trần%' "
	                           "OR object LIKE '%Vietnamese%'"),
	                 0);
}
END_TEST

START_TEST(unchanged_value_writes_nothing)
{
	struct snapshot before = take();
	ck_assert_int_eq(
	    app_record_set_field(&fx.app, &p, PF_LAST_NAME, " Nguyễn ", msg, sizeof msg), CL_OK);
	ck_assert_msg(contains_ci(msg, "unchanged"), "%s", msg);
	ck_assert_int_eq(p.version, 1);
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_SEX, "male", msg, sizeof msg), CL_OK);
	assert_same(&before, "an unchanged value");
}
END_TEST

struct bad_case {
	enum person_field field;
	const char *input;
	const char *mention; /* the message must name the field */
};

static char long_ascii[300], long_accented[200], lang41[48];

START_TEST(each_field_invalid)
{
	memset(long_ascii, 'a', 81);
	long_ascii[81] = '\0';
	long_accented[0] = '\0';
	for (int i = 0; i < 81; i++)
		strcat(long_accented, "é");
	memset(lang41, 'k', 41);
	lang41[41] = '\0';
	char huge[400];
	memset(huge, 'z', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';
	const struct bad_case cases[] = {
	    {PF_LAST_NAME, "", "Last name"},
	    {PF_LAST_NAME, "   ", "Last name"},
	    {PF_LAST_NAME, long_ascii, "Last name"},
	    {PF_LAST_NAME, long_accented, "Last name"},
	    {PF_LAST_NAME, huge, "Last name"},
	    {PF_LAST_NAME, "Evil\x1b[2J", "Last name"},
	    {PF_LAST_NAME, "bad\xff", "Last name"},
	    {PF_LAST_NAME,
	     "abc\xe2\x80\xae"
	     "def",
	     "Last name"},
	    {PF_FIRST_NAME, long_ascii, "First name"},
	    {PF_FIRST_NAME, "a\nb", "First name"},
	    {PF_MIDDLE_NAME, "a\tb", "Middle name"},
	    {PF_DOB, "1990-02-30", "Date of birth"},
	    {PF_DOB, "", "Date of birth"},
	    {PF_DOB, "12/04/1985", "Date of birth"},
	    {PF_DOB, "2024-06-16", "Date of birth"}, /* tomorrow */
	    {PF_DOB, "2015-01-01", "Date of birth"}, /* nine years old */
	    {PF_DOB, "2010-06-16", "Date of birth"}, /* a day short of fourteen */
	    {PF_DOB, "1900-01-01", "Date of birth"},
	    {PF_SEX, "Q", "Sex"},
	    {PF_SEX, "", "Sex"},
	    {PF_LANGUAGE, "", "Language"},
	    {PF_LANGUAGE, lang41, "Language"},
	    {PF_INTERPRETER, "maybe", "Interpreter"},
	    {PF_INTERPRETER, "", "Interpreter"},
	    {PF_ADMISSION, "", "Admission"},
	    {PF_ADMISSION, "2024-07-01", "Admission"}, /* future */
	    {PF_ADMISSION, "2024-13-01", "Admission"},
	    {PF_ADMISSION, "1995-01-01", "Admission"},           /* before the 14th birthday */
	    {PF_SENTENCE_BEGIN, "1985-04-12", "Sentence begin"}, /* the birthday itself */
	    {PF_SENTENCE_BEGIN, "2024-1-1", "Sentence begin"},
	    {PF_SENTENCE_BEGIN, "2026-04-01", "Supervised release"}, /* after the SRD */
	    {PF_JAIL_CREDIT, "-1", "Jail credit"},
	    {PF_JAIL_CREDIT, "3651", "Jail credit"},
	    {PF_JAIL_CREDIT, "12x", "Jail credit"},
	    {PF_JAIL_CREDIT, "", "Jail credit"},
	    {PF_JAIL_CREDIT, "1e3", "Jail credit"},
	    {PF_JAIL_CREDIT, "99999999999999999999", "Jail credit"},
	    {PF_SRD, "2022-11-01", "Supervised release"}, /* before the sentence begins */
	    {PF_SRD, "2022-12-15", "Supervised release"}, /* before admission */
	    {PF_SRD, "", "Supervised release"},           /* the expiration needs it */
	    {PF_SRD, "2029-01-01", "Supervised release"}, /* after the expiration */
	    {PF_SRD, "soon", "Supervised release"},
	    {PF_EXPIRATION, "2025-01-01", "Sentence expiration"}, /* before the SRD */
	    {PF_EXPIRATION, "2022-01-01", "Sentence expiration"}, /* before the sentence */
	    {PF_EXPIRATION, "never", "Sentence expiration"},
	    {PF_NEXT_REVIEW, "2022-01-01", "Next progress review"}, /* before admission */
	    {PF_NEXT_REVIEW, "2024/07/01", "Next progress review"},
	    {PF_ECRC_REQUIRED, "perhaps", "ECRC required"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct bad_case *c = &cases[i];
		struct snapshot before = take();
		struct person seen = p;
		msg[0] = '\0';
		enum cl_status st =
		    app_record_set_field(&fx.app, &p, c->field, c->input, msg, sizeof msg);
		ck_assert_msg(st == CL_ERR_INVALID, "%s <- \"%.40s\": %s (%s)",
		              app_field_key(c->field), c->input, cl_status_text(st), msg);
		ck_assert_msg(contains_ci(msg, c->mention), "%s <- \"%.40s\": message \"%s\"",
		              app_field_key(c->field), c->input, msg);
		ck_assert(memcmp(&seen, &p, sizeof p) == 0);
		assert_same(&before, app_field_key(c->field));
	}
}
END_TEST

/* The rules between fields, and which field app_person_validate blames. */
START_TEST(cross_field_rules)
{
	date_t today = fx_date(TODAY);
	struct person q = p;
	enum person_field bad = PF_COUNT;
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_OK);

	q = p, q.srd = fx_date("2022-11-01"); /* before sentence begin 2022-12-01 */
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_SRD);
	ck_assert_msg(strstr(msg, "2022-11-01") && strstr(msg, "2022-12-01"), "%s", msg);

	q = p, q.expiration = fx_date("2026-02-28"); /* SRD 2026-03-01 */
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_EXPIRATION);
	q.expiration = q.srd; /* the same day is fine */
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_OK);

	q = p, q.dob = today + 1;
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_DOB);
	ck_assert_msg(contains_ci(msg, "future"), "%s", msg);

	q = p, q.dob = fx_date("2010-06-16"), q.admission = today; /* 13 today */
	q.sentence_begin = DATE_NONE, q.next_review = DATE_NONE;
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_DOB);
	q.dob = fx_date("2010-06-15"); /* 14 today */
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_OK);
	/* admitted before the 14th birthday */
	q.admission = today - 1;
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_ADMISSION);

	q = p, q.jail_credit_days = 3651;
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_JAIL_CREDIT);
	q.jail_credit_days = -1;
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_JAIL_CREDIT);

	q = p, q.srd = DATE_NONE; /* expiration without SRD */
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_SRD);
	q.expiration = DATE_NONE; /* life: both empty */
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_OK);

	q = p, q.next_review = fx_date("2023-01-09"); /* the day before admission */
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_NEXT_REVIEW);

	q = p, q.last_name[0] = '\0';
	ck_assert_int_eq(app_person_validate(&q, today, &bad, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(bad, PF_LAST_NAME);

	/* app_field_apply checks the other fields too and leaves p alone */
	struct person out;
	ck_assert_int_eq(app_field_apply(&p, PF_SRD, "2022-11-01", today, &out, msg, sizeof msg),
	                 CL_ERR_INVALID);
	ck_assert_int_eq(app_field_apply(&p, PF_SRD, " 2027-01-01 ", today, &out, msg, sizeof msg),
	                 CL_OK);
	ck_assert_int_eq(out.srd, fx_date("2027-01-01"));
	ck_assert_int_eq(p.srd, fx_date("2026-03-01"));
	/* life: clear the expiration first, then the SRD */
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_SRD, "", msg, sizeof msg),
	                 CL_ERR_INVALID);
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_EXPIRATION, "", msg, sizeof msg),
	                 CL_OK);
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_SRD, "", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(p.srd, DATE_NONE);
	ck_assert_int_eq(p.expiration, DATE_NONE);
}
END_TEST

/* Dates and names feed the list's derived columns and search keys in the same change. */
START_TEST(changes_reach_the_list)
{
	struct caseload_row row = row_of(pid);
	ck_assert_int_eq(row.next_due_kind, DUE_REVIEW);
	ck_assert_int_eq(row.next_due, fx_date("2024-09-01"));
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_NEXT_REVIEW, "", msg, sizeof msg),
	                 CL_OK);
	row = row_of(pid);
	ck_assert_int_eq(row.next_due_kind, DUE_PLANNING); /* SRD 2026-03-01 - 365 */
	ck_assert_int_eq(row.next_due, fx_date("2025-03-01"));
	ck_assert_int_eq(
	    app_record_set_field(&fx.app, &p, PF_ECRC_REQUIRED, "yes", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_SRD, "2024-10-01", msg, sizeof msg),
	                 CL_OK);
	row = row_of(pid);
	ck_assert_int_eq(row.next_due_kind, DUE_ECRC); /* SRD - 90 */
	ck_assert_int_eq(row.next_due, fx_date("2024-07-03"));
	ck_assert_int_eq(row.srd, fx_date("2024-10-01"));
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_ECRC_REQUIRED, "no", msg, sizeof msg),
	                 CL_OK);
	row = row_of(pid);
	ck_assert_int_eq(row.next_due_kind, DUE_RELEASE);
	ck_assert_int_eq(row.next_due, fx_date("2024-10-01"));

	ck_assert_uint_eq(count_filter("nguyen"), 1);
	ck_assert_uint_eq(count_filter("tran"), 0);
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_LAST_NAME, "Trần", msg, sizeof msg),
	                 CL_OK);
	ck_assert_uint_eq(count_filter("tran"), 1);
	ck_assert_uint_eq(count_filter("TRẦN"), 1);
	ck_assert_uint_eq(count_filter("nguyen"), 0);
	ck_assert_uint_eq(count_filter("tr"), 1);
	row = row_of(pid);
	ck_assert_str_eq(row.name, "Trần, Văn An");
	ck_assert_str_eq(row.name_key, "tran van an");
	/* the OID stays findable */
	ck_assert_uint_eq(count_filter("a100001"), 1);
}
END_TEST

/* ---- two terminals ---- */

START_TEST(stale_write_refused)
{
	fx_staff_add(&fx.app, "mo", "Mo Other", "lead"); /* a lead may change anyone's record */
	struct app other;
	char err[256];
	setenv("CASELOAD_NOW", "2024-06-15T12:30:00Z", 1);
	ck_assert_int_eq(app_open(&other, fx.db, STORE_EXISTING, err, sizeof err), CL_OK);
	unsetenv("CASELOAD_NOW");
	ck_assert_int_eq(fx_login(&other, "mo"), CL_OK);

	struct person mine = p, theirs = p; /* both terminals read version 1 */
	ck_assert_int_eq(
	    app_record_set_field(&other, &theirs, PF_LAST_NAME, "Trần", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(theirs.version, 2);
	long long history = sql_count("SELECT count(*) FROM person_change");

	enum cl_status st =
	    app_record_set_field(&fx.app, &mine, PF_FIRST_NAME, "Bình", msg, sizeof msg);
	ck_assert_int_eq(st, CL_ERR_STALE);
	ck_assert_msg(strstr(msg, "Mo Other") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, "2024-06-15T12:30:00.00Z") != NULL, "%s", msg);
	/* what is stored is the other terminal's change, and only that */
	struct person stored;
	ck_assert_int_eq(store_person_get(fx.app.store, pid, &stored), CL_OK);
	ck_assert_str_eq(stored.last_name, "Trần");
	ck_assert_str_eq(stored.first_name, "Văn An");
	ck_assert_int_eq(stored.version, 2);
	ck_assert_int_eq(sql_count("SELECT count(*) FROM person_change"), history);
	/* my copy now shows theirs */
	ck_assert_int_eq(mine.version, 2);
	ck_assert_str_eq(mine.last_name, "Trần");
	ck_assert_str_eq(mine.first_name, "Văn An");
	ck_assert_int_eq(sql_count("SELECT count(*) FROM audit_log WHERE event = 'person.update' "
	                           "AND outcome = 'failed'"),
	                 1);
	/* trying again on the fresh copy works */
	ck_assert_int_eq(
	    app_record_set_field(&fx.app, &mine, PF_FIRST_NAME, "Bình", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(mine.version, 3);
	ck_assert_str_eq(mine.last_name, "Trần");

	/* the other terminal's copy is stale now: an alias from it is refused too */
	long long aliases = sql_count("SELECT count(*) FROM person_alias");
	ck_assert_int_eq(app_record_alias_add(&other, &theirs, "Ace", msg, sizeof msg),
	                 CL_ERR_STALE);
	ck_assert_int_eq(sql_count("SELECT count(*) FROM person_alias"), aliases);
	ck_assert_int_eq(theirs.version, 3);
	ck_assert_str_eq(theirs.first_name, "Bình");
	app_close(&other);
}
END_TEST

/* ---- nobody known at the keyboard ---- */

START_TEST(staffless_app_refused)
{
	ck_assert_int_eq(fx_login(&fx.app, "stranger"), CL_ERR_NOTFOUND);
	ck_assert_int_eq(fx.app.me.id, 0);
	struct snapshot before = take();
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_LAST_NAME, "Trần", msg, sizeof msg),
	                 CL_ERR_DENIED);
	ck_assert_msg(strstr(msg, "nobody is signed in") != NULL, "%s", msg);
	struct housing_move move = {"C", "1", "", "", "moved"};
	ck_assert_int_eq(app_record_move(&fx.app, &p, &move, msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(app_record_alias_add(&fx.app, &p, "Ace", msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(app_record_alias_remove(&fx.app, &p, "Ace", msg, sizeof msg),
	                 CL_ERR_DENIED);
	struct alert_input alert = {"M", "", "", "", ""};
	ck_assert_int_eq(app_record_alert_add(&fx.app, &p, &alert, msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(app_record_alert_end(&fx.app, &p, 1, "", msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(app_draft_save(&fx.app, &p, "last_name", "Trần"), CL_ERR_DENIED);
	assert_same(&before, "a staff-less app");
	ck_assert_int_eq(p.version, 1);
	/* every refusal left its trace */
	ck_assert_int_eq(sql_count("SELECT count(*) FROM audit_log WHERE event = 'access.denied' "
				   "AND object = 'action=person.edit'"),
			 6);
}
END_TEST

/* ---- fail closed: no audit row, no change ---- */

START_TEST(change_fails_when_audit_cannot_be_written)
{
	ck_assert_int_eq(fx_sql_exec(fx.db,
				     "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log "
				     "BEGIN SELECT RAISE(ABORT, 'audit storage unavailable'); END",
				     NULL, 0),
			 0);
	struct snapshot before = take();
	ck_assert_int_ne(app_record_set_field(&fx.app, &p, PF_LANGUAGE, "Somali", msg, sizeof msg),
			 CL_OK);
	ck_assert_msg(strstr(msg, "Not saved") != NULL, "%s", msg);
	struct person_record r;
	ck_assert_int_ne(app_record_open(&fx.app, p.id, &r), CL_OK); /* not even shown */
	assert_same(&before, "a change whose audit row failed");
	ck_assert_int_eq(fx_sql_exec(fx.db, "DROP TRIGGER audit_refused", NULL, 0), 0);
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_LANGUAGE, "Somali", msg, sizeof msg),
			 CL_OK);
}
END_TEST

/* ---- housing ---- */

START_TEST(housing_moves)
{
	struct housing_move first = {"C", "201", "close", "", "classification"};
	ck_assert_int_eq(app_record_move(&fx.app, &p, &first, msg, sizeof msg), CL_OK);
	ck_assert_str_eq(p.unit, "C");
	ck_assert_str_eq(p.cell, "201");
	ck_assert_int_eq(p.custody, CUSTODY_CLOSE);
	ck_assert_int_eq(p.version, 2);
	fx_set_today(&fx.app, "2024-06-20");
	struct housing_move second = {" D ", "7", "", "2024-06-18", "bed space"};
	ck_assert_int_eq(app_record_move(&fx.app, &p, &second, msg, sizeof msg), CL_OK);
	ck_assert_str_eq(p.unit, "D");
	ck_assert_int_eq(p.custody, CUSTODY_CLOSE); /* empty custody keeps it */

	struct person_record r;
	ck_assert_int_eq(app_record_open(&fx.app, pid, &r), CL_OK);
	ck_assert_uint_eq(r.housing_count, 2);
	ck_assert_str_eq(r.housing[0].unit, "D");
	ck_assert_str_eq(r.housing[0].cell, "7");
	ck_assert_int_eq(r.housing[0].start, fx_date("2024-06-18"));
	ck_assert_int_eq(r.housing[0].end, DATE_NONE);
	ck_assert_str_eq(r.housing[0].reason, "bed space");
	ck_assert_str_eq(r.housing[1].unit, "C");
	ck_assert_int_eq(r.housing[1].start, fx_date(TODAY));
	ck_assert_int_eq(r.housing[1].end, fx_date("2024-06-18")); /* closed by the move */
	ck_assert_str_eq(r.housing[1].recorded_by, "Casey Caseworker");
	ck_assert_str_eq(r.changes[0].field, "housing");
	ck_assert_str_eq(r.changes[0].old_value, "C 201 (close)");
	ck_assert_str_eq(r.changes[0].new_value, "D 7 (close)");
	ck_assert_str_eq(r.changes[1].old_value, "B 104 (medium)");
	person_record_clear(&r);
	struct caseload_row row = row_of(pid);
	ck_assert_str_eq(row.unit, "D");
	ck_assert_str_eq(row.cell, "7");
	ck_assert_int_eq(audit_count("person.move"), 2);
	ck_assert_int_eq(sql_count("SELECT count(*) FROM housing_stay WHERE end_date IS NULL"), 1);
}
END_TEST

START_TEST(housing_move_refusals)
{
	char emoji_unit[200] = "";
	for (int i = 0; i < 30; i++)
		strcat(emoji_unit, "\xf0\x9f\x8f\xa0");
	char long_reason[200];
	memset(long_reason, 'r', 150);
	long_reason[150] = '\0';
	const struct housing_move bad[] = {
	    {"", "1", "", "", ""},
	    {"   ", "1", "", "", ""},
	    {"ABCDEFGHIJKLMNOPQRSTU", "1", "", "", ""}, /* 21 characters */
	    {emoji_unit, "1", "", "", ""},
	    {"C\x1b[1m", "1", "", "", ""},
	    {"C", "1\x7f", "", "", ""},
	    {"C", "1", "m", "", ""}, /* minimum, medium or maximum? */
	    {"C", "1", "supermax", "", ""},
	    {"C", "1", "", "2024-06-16", ""}, /* tomorrow */
	    {"C", "1", "", "2023-01-09", ""}, /* before admission */
	    {"C", "1", "", "06/01/2024", ""},
	    {"C", "1", "", "", "line\nbreak"},
	    {"C", "1", "", "", long_reason},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct snapshot before = take();
		enum cl_status st = app_record_move(&fx.app, &p, &bad[i], msg, sizeof msg);
		ck_assert_msg(st == CL_ERR_INVALID, "move %zu: %s", i, cl_status_text(st));
		ck_assert_str_ne(msg, "");
		assert_same(&before, "a refused move");
	}
	/* a move dated before the current stay began would overlap it */
	struct housing_move now = {"C", "1", "", "", ""};
	ck_assert_int_eq(app_record_move(&fx.app, &p, &now, msg, sizeof msg), CL_OK);
	struct housing_move backdated = {"D", "2", "", "2024-06-10", ""};
	struct snapshot before = take();
	ck_assert_int_eq(app_record_move(&fx.app, &p, &backdated, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_msg(contains_ci(msg, "before the current stay"), "%s", msg);
	assert_same(&before, "a backdated move");
	ck_assert_str_eq(p.unit, "C");
	/* twenty characters, and a custody prefix, the same day as the current stay */
	struct housing_move ok = {"ABCDEFGHIJKLMNOPQRST", "Ω-12", "max", TODAY, ""};
	ck_assert_int_eq(app_record_move(&fx.app, &p, &ok, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(p.custody, CUSTODY_MAXIMUM);
}
END_TEST

/* ---- aliases ---- */

START_TEST(aliases_follow_search)
{
	ck_assert_uint_eq(count_filter("bruce"), 0);
	ck_assert_int_eq(app_record_alias_add(&fx.app, &p, " Bruce Lee ", msg, sizeof msg), CL_OK);
	ck_assert_int_eq(p.version, 2);
	ck_assert_uint_eq(count_filter("bruce"), 1);
	ck_assert_uint_eq(count_filter("BRUCE LEE"), 1);
	ck_assert_uint_eq(count_filter("ce le"), 1);
	ck_assert_int_eq(app_record_alias_add(&fx.app, &p, "Zoë", msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(count_filter("zoe"), 1);
	ck_assert_uint_eq(count_filter("zo"), 1);

	struct person_record r;
	ck_assert_int_eq(app_record_open(&fx.app, pid, &r), CL_OK);
	ck_assert_uint_eq(r.alias_count, 2);
	ck_assert_str_eq(r.aliases[0], "Bruce Lee");
	ck_assert_str_eq(r.aliases[1], "Zoë");
	ck_assert_str_eq(r.changes[0].field, "alias");
	ck_assert_str_eq(r.changes[0].new_value, "Zoë");
	person_record_clear(&r);

	struct snapshot before = take();
	ck_assert_int_eq(app_record_alias_add(&fx.app, &p, "Bruce Lee", msg, sizeof msg),
	                 CL_ERR_EXISTS);
	ck_assert_msg(contains_ci(msg, "already"), "%s", msg);
	ck_assert_int_eq(app_record_alias_remove(&fx.app, &p, "Nobody", msg, sizeof msg),
	                 CL_ERR_NOTFOUND);
	ck_assert_msg(contains_ci(msg, "no such alias"), "%s", msg);
	char long_alias[100];
	memset(long_alias, 'q', 81);
	long_alias[81] = '\0';
	ck_assert_int_eq(app_record_alias_add(&fx.app, &p, long_alias, msg, sizeof msg),
	                 CL_ERR_INVALID);
	ck_assert_int_eq(app_record_alias_add(&fx.app, &p, "", msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_eq(app_record_alias_add(&fx.app, &p, "x\x1b]2;y", msg, sizeof msg),
	                 CL_ERR_INVALID);
	assert_same(&before, "a refused alias");

	ck_assert_int_eq(app_record_alias_remove(&fx.app, &p, "Bruce Lee", msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(count_filter("bruce"), 0);
	ck_assert_uint_eq(count_filter("zoe"), 1);
	ck_assert_uint_eq(count_filter("nguyen"), 1);
	ck_assert_int_eq(audit_count("person.alias.add"), 2);
	ck_assert_int_eq(audit_count("person.alias.remove"), 1);
	struct strbuf joined;
	strbuf_init(&joined);
	ck_assert_int_eq(store_alias_joined(fx.app.store, pid, &joined), CL_OK);
	ck_assert_str_eq(joined.buf, "Zoë");
	strbuf_clear(&joined);
}
END_TEST

/* ---- alerts ---- */

static int64_t newest_alert_id(void)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT max(id) FROM alert WHERE person_id = %lld",
	         (long long)pid);
	return sql_count(sql);
}

static date_t refresh_on(void)
{
	char sql[128], text[32];
	snprintf(sql, sizeof sql, "SELECT refresh_on FROM person WHERE id = %lld", (long long)pid);
	fx_sql_text(fx.db, sql, text, sizeof text);
	return strcmp(text, "9999-12-31") == 0 ? DATE_NONE : fx_date(text);
}

START_TEST(alerts_set_and_clear_markers)
{
	ck_assert_uint_eq(row_of(pid).alert_flags, 0);
	struct alert_input medical = {"m", "diabetic", NULL, "", NULL};
	ck_assert_int_eq(app_record_alert_add(&fx.app, &p, &medical, msg, sizeof msg), CL_OK);
	ck_assert_msg(contains_ci(msg, "medical"), "%s", msg);
	ck_assert_uint_eq(row_of(pid).alert_flags, 1u << ALERT_MEDICAL);
	ck_assert_int_eq(p.version, 2);
	int64_t medical_id = newest_alert_id();

	/* suicide watch from next week: no marker yet, but the row knows when to look again */
	struct alert_input watch = {"suicide", "", NULL, "2024-06-22", ""};
	ck_assert_int_eq(app_record_alert_add(&fx.app, &p, &watch, msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(row_of(pid).alert_flags, 1u << ALERT_MEDICAL);
	ck_assert_int_eq(refresh_on(), fx_date("2024-06-22"));

	/* keep separate from another person, by OID */
	struct person other;
	fx_person_init(&other, "B200002", "Lee", "Ann");
	fx_person_insert(&fx.app, &other, NULL, NULL, 0);
	struct alert_input sep = {"K", "co-defendant", " b200002 ", "2024-06-01", ""};
	ck_assert_int_eq(app_record_alert_add(&fx.app, &p, &sep, msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(row_of(pid).alert_flags,
	                  (1u << ALERT_MEDICAL) | (1u << ALERT_KEEP_SEPARATE));
	struct person_record r;
	ck_assert_int_eq(app_record_open(&fx.app, pid, &r), CL_OK);
	ck_assert_uint_eq(r.alert_count, 3);
	bool found = false;
	for (size_t i = 0; i < r.alert_count; i++) {
		if (r.alerts[i].kind == ALERT_KEEP_SEPARATE) {
			ck_assert_str_eq(r.alerts[i].separate_from, "B200002 Lee, Ann");
			ck_assert_str_eq(r.alerts[i].detail, "co-defendant");
			found = true;
		}
	}
	ck_assert(found);
	person_record_clear(&r);

	/* ended today: the marker goes at once, and an ended alert is not ended again */
	ck_assert_int_eq(app_record_alert_end(&fx.app, &p, medical_id, "", msg, sizeof msg), CL_OK);
	ck_assert_uint_eq(row_of(pid).alert_flags, 1u << ALERT_KEEP_SEPARATE);
	ck_assert_int_eq(app_record_alert_end(&fx.app, &p, medical_id, "", msg, sizeof msg),
	                 CL_ERR_NOTFOUND);
	ck_assert_str_eq(msg, "That alert has already ended");
	size_t refreshed = 99;
	fx_set_today(&fx.app, "2024-06-16");
	ck_assert_int_eq(app_refresh_derived(&fx.app, &refreshed), CL_OK);
	ck_assert_uint_eq(row_of(pid).alert_flags, 1u << ALERT_KEEP_SEPARATE);
	ck_assert_int_eq(app_refresh_derived(&fx.app, &refreshed), CL_OK);
	ck_assert_uint_eq(refreshed, 0);
	/* the watch starts */
	fx_set_today(&fx.app, "2024-06-22");
	ck_assert_int_eq(app_refresh_derived(&fx.app, &refreshed), CL_OK);
	ck_assert_uint_eq(refreshed, 1);
	ck_assert_uint_eq(row_of(pid).alert_flags,
	                  (1u << ALERT_KEEP_SEPARATE) | (1u << ALERT_SUICIDE_WATCH));
	ck_assert_int_eq(audit_count("person.alert.add"), 3);
	ck_assert_int_eq(audit_count("person.alert.end"), 1);
}
END_TEST

START_TEST(alert_refusals)
{
	char long_detail[400] = "";
	for (int i = 0; i < 150; i++)
		strcat(long_detail, "é"); /* 150 characters, 300 bytes */
	char too_long[300];
	memset(too_long, 'd', 201);
	too_long[201] = '\0';
	const struct alert_input bad[] = {
	    {"Z", "", NULL, "", ""},
	    {"", "", NULL, "", ""},
	    {NULL, "", NULL, "", ""},
	    {"K", "", NULL, "", ""},      /* keep separate from whom? */
	    {"K", "", "A100001", "", ""}, /* from themselves */
	    {"K", "", "Z999999", "", ""}, /* nobody */
	    {"M", "", NULL, "2024-13-01", ""},
	    {"M", "", NULL, "2024-06-10", "2024-06-01"}, /* ends before it starts */
	    {"M", "", NULL, "", "someday"},
	    {"M", "bad\x1b[0m", NULL, "", ""},
	    {"M", too_long, NULL, "", ""},
	    {"M", long_detail, NULL, "", ""},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct snapshot before = take();
		enum cl_status st = app_record_alert_add(&fx.app, &p, &bad[i], msg, sizeof msg);
		if (i == sizeof bad / sizeof bad[0] - 1 && st == CL_OK) {
			/* accepted: then it must be stored whole, not cut */
			char sql[128], stored[512];
			snprintf(sql, sizeof sql, "SELECT detail FROM alert WHERE id = %lld",
			         (long long)newest_alert_id());
			fx_sql_text(fx.db, sql, stored, sizeof stored);
			ck_assert_str_eq(stored, long_detail);
			free(before.person);
			continue;
		}
		ck_assert_msg(st == CL_ERR_INVALID, "alert %zu: %s (%s)", i, cl_status_text(st),
		              msg);
		ck_assert_str_ne(msg, "");
		assert_same(&before, "a refused alert");
	}
	/* ending: before its start, or an alert that is not this person's */
	struct alert_input ok = {"S", "", NULL, "2024-06-10", ""};
	ck_assert_int_eq(app_record_alert_add(&fx.app, &p, &ok, msg, sizeof msg), CL_OK);
	int64_t id = newest_alert_id();
	struct snapshot before = take();
	ck_assert_int_eq(app_record_alert_end(&fx.app, &p, id, "2024-06-09", msg, sizeof msg),
	                 CL_ERR_INVALID);
	ck_assert_msg(contains_ci(msg, "before"), "%s", msg);
	ck_assert_int_eq(app_record_alert_end(&fx.app, &p, id, "June", msg, sizeof msg),
	                 CL_ERR_INVALID);
	assert_same(&before, "a refused alert end");
	ck_assert_int_eq(app_record_alert_end(&fx.app, &p, id + 100, "", msg, sizeof msg),
	                 CL_ERR_NOTFOUND);
	ck_assert_int_eq(sql_count("SELECT count(*) FROM alert WHERE end_date IS NOT NULL"), 0);
}
END_TEST

/* ---- drafts ---- */

START_TEST(drafts_round_trip)
{
	struct strbuf text;
	strbuf_init(&text);
	ck_assert_int_eq(app_draft_load(&fx.app, &p, "last_name", &text), CL_ERR_NOTFOUND);
	ck_assert_int_eq(app_draft_save(&fx.app, &p, "last_name", "Trầ"), CL_OK);
	ck_assert_int_eq(app_draft_save(&fx.app, &p, "last_name", "Trần"), CL_OK);
	ck_assert_int_eq(app_draft_save(&fx.app, &p, "first_name", "Bình"), CL_OK);
	ck_assert_int_eq(app_draft_load(&fx.app, &p, "last_name", &text), CL_OK);
	ck_assert_str_eq(text.buf, "Trần");
	strbuf_reset(&text);
	ck_assert_int_eq(app_draft_discard(&fx.app, &p, "first_name"), CL_OK);
	ck_assert_int_eq(app_draft_load(&fx.app, &p, "first_name", &text), CL_ERR_NOTFOUND);
	ck_assert_int_eq(app_draft_save(&fx.app, &p, "first_name", "Bình"), CL_OK);

	/* another staff member's drafts are their own */
	fx_staff_add(&fx.app, "mo", "Mo Other", "lead"); /* a lead may change anyone's record */
	ck_assert_int_eq(fx_login(&fx.app, "mo"), CL_OK);
	ck_assert_int_eq(app_draft_load(&fx.app, &p, "last_name", &text), CL_ERR_NOTFOUND);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);

	/* a successful save of that field removes its draft, and only that one */
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_LAST_NAME, "Trần", msg, sizeof msg),
	                 CL_OK);
	ck_assert_int_eq(app_draft_load(&fx.app, &p, "last_name", &text), CL_ERR_NOTFOUND);
	ck_assert_int_eq(app_draft_load(&fx.app, &p, "first_name", &text), CL_OK);
	ck_assert_str_eq(text.buf, "Bình");
	/* a refused save keeps it */
	ck_assert_int_eq(app_record_set_field(&fx.app, &p, PF_FIRST_NAME, "x\x1b", msg, sizeof msg),
	                 CL_ERR_INVALID);
	strbuf_reset(&text);
	ck_assert_int_eq(app_draft_load(&fx.app, &p, "first_name", &text), CL_OK);
	ck_assert_str_eq(text.buf, "Bình");
	strbuf_clear(&text);
}
END_TEST

/* ---- refresh of derived columns ---- */

START_TEST(refresh_only_what_went_stale)
{
	struct person a, b;
	fx_person_init(&a, "R1", "Soon", "Due");
	a.next_review = fx_date("2024-06-20");
	fx_person_init(&b, "R2", "Later", "Due");
	b.next_review = fx_date("2024-12-01");
	int64_t ida = fx_person_insert(&fx.app, &a, NULL, NULL, 0);
	int64_t idb = fx_person_insert(&fx.app, &b, NULL, NULL, 0);
	size_t n = 99;
	ck_assert_int_eq(app_refresh_derived(&fx.app, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	fx_set_today(&fx.app, "2024-06-21");
	ck_assert_int_eq(app_refresh_derived(&fx.app, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	struct caseload_row ra = row_of(ida), rb = row_of(idb);
	ck_assert_int_eq(ra.next_due_kind, DUE_PLANNING); /* SRD 2026-03-01 - 365 */
	ck_assert_int_eq(ra.next_due, fx_date("2025-03-01"));
	ck_assert_int_eq(rb.next_due_kind, DUE_REVIEW);
	ck_assert_int_eq(app_refresh_derived(&fx.app, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	fx_set_today(&fx.app, "2024-09-02"); /* the base person's review (2024-09-01) passed */
	ck_assert_int_eq(app_refresh_derived(&fx.app, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(row_of(pid).next_due_kind, DUE_PLANNING);
}
END_TEST

/* ---- the field table and the app shell ---- */

START_TEST(field_table)
{
	for (int i = 0; i < PF_COUNT; i++) {
		enum person_field f = (enum person_field)i;
		ck_assert_uint_gt(strlen(app_field_key(f)), 0);
		ck_assert_uint_gt(strlen(app_field_label(f)), 0);
		ck_assert_uint_gt(strlen(app_field_hint(f)), 0);
		ck_assert_uint_lt(strlen(app_field_key(f)), 32); /* fits person_change.field */
		for (int j = 0; j < i; j++) {
			ck_assert_str_ne(app_field_key(f), app_field_key((enum person_field)j));
			ck_assert_str_ne(app_field_label(f), app_field_label((enum person_field)j));
		}
	}
	ck_assert_int_eq(app_field_group(PF_SRD), PF_GROUP_DATES);
	ck_assert_int_eq(app_field_group(PF_SEX), PF_GROUP_IDENTITY);
	ck_assert_str_eq(app_field_key((enum person_field)PF_COUNT), "?");
	ck_assert_str_eq(app_field_key(PF_EXPIRATION), "expiration_date");
	char buf[64];
	struct person q = p;
	q.srd = DATE_NONE;
	app_field_format(&q, PF_SRD, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	app_field_format(&q, PF_DOB, buf, sizeof buf);
	ck_assert_str_eq(buf, "1985-04-12");
	app_field_format(&q, PF_SEX, buf, sizeof buf);
	ck_assert_str_eq(buf, "M");
	app_field_format(&q, PF_INTERPRETER, buf, sizeof buf);
	ck_assert_str_eq(buf, "no");
	app_field_format(&q, PF_JAIL_CREDIT, buf, sizeof buf);
	ck_assert_str_eq(buf, "40");
	app_field_format(&q, PF_LAST_NAME, buf, 6);
	ck_assert_str_eq(buf, "Nguy"); /* never half a character */
}
END_TEST

START_TEST(app_shell)
{
	struct app a;
	char err[256];
	setenv("CASELOAD_NOW", "2024-02-30", 1);
	ck_assert_int_eq(app_open(&a, fx.db, STORE_EXISTING, err, sizeof err), CL_ERR_INVALID);
	ck_assert_msg(strstr(err, "CASELOAD_NOW") != NULL, "%s", err);
	ck_assert_ptr_null(a.store);
	setenv("CASELOAD_NOW", "2024-06-15T08:00:00Z", 1);
	ck_assert_int_eq(app_open(&a, fx.db, STORE_EXISTING, err, sizeof err), CL_OK);
	unsetenv("CASELOAD_NOW");
	ck_assert_int_eq(app_today(&a), fx_date(TODAY));
	char ts[32];
	app_timestamp(&a, ts);
	ck_assert_str_eq(ts, "2024-06-15T08:00:00.00Z");
	ck_assert_str_ne(a.terminal, "");
	ck_assert_int_eq(a.me.id, 0); /* nobody until identified */
	app_close(&a);
	ck_assert_ptr_null(a.store);
	app_close(&a); /* twice is harmless */

	ck_assert_str_eq(app_default_db_path("/tmp/x.db"), "/tmp/x.db");
	setenv("CASELOAD_DB", "/srv/caseload.db", 1);
	ck_assert_str_eq(app_default_db_path(NULL), "/srv/caseload.db");
	ck_assert_str_eq(app_default_db_path(""), "/srv/caseload.db");
	ck_assert_str_eq(app_default_db_path("/tmp/x.db"), "/tmp/x.db");
	unsetenv("CASELOAD_DB");
	ck_assert_str_eq(app_default_db_path(NULL), APP_FACILITY_DB);
}
END_TEST


static Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("record");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, open_is_audited);
	tcase_add_test(tc, each_field_valid);
	tcase_add_test(tc, unchanged_value_writes_nothing);
	tcase_add_test(tc, each_field_invalid);
	tcase_add_test(tc, cross_field_rules);
	tcase_add_test(tc, changes_reach_the_list);
	tcase_add_test(tc, stale_write_refused);
	tcase_add_test(tc, staffless_app_refused);
	tcase_add_test(tc, change_fails_when_audit_cannot_be_written);
	tcase_add_test(tc, housing_moves);
	tcase_add_test(tc, housing_move_refusals);
	tcase_add_test(tc, aliases_follow_search);
	tcase_add_test(tc, alerts_set_and_clear_markers);
	tcase_add_test(tc, alert_refusals);
	tcase_add_test(tc, drafts_round_trip);
	tcase_add_test(tc, refresh_only_what_went_stale);
	tcase_add_test(tc, field_table);
	tcase_add_test(tc, app_shell);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(record_suite());
}
