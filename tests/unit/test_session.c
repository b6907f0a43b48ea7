/* Sign-in, lockout, the second factor, password changes, locks and the permission table:
 * the rules of SECURITY.md, with the clock pinned. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "caseload/accounts.h"
#include "caseload/audit.h"
#include "caseload/password.h"
#include "caseload/permit.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "caseload/session.h"
#include "caseload/staff.h"
#include "caseload/totp.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"
#define PW "a long and quiet walk by the lake"
#define SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static struct fx_app fx;
static char msg[400];

static void set_password(const char *username, const char *password, bool must_change)
{
	struct staff s;
	char hash[PASSWORD_HASH_SIZE];
	ck_assert_int_eq(store_staff_by_username(fx.app.store, username, &s), CL_OK);
	ck_assert_int_eq(password_hash(password, hash), CL_OK);
	ck_assert_int_eq(store_begin(fx.app.store), CL_OK);
	ck_assert_int_eq(store_staff_set_password(fx.app.store, s.id, hash, must_change, NOW), CL_OK);
	ck_assert_int_eq(store_commit(fx.app.store), CL_OK);
}

static void setup(void)
{
	fx_app_open(&fx, NOW);
	memset(&fx.app.me, 0, sizeof fx.app.me); /* nobody signed in */
	set_password("casey", PW, false);
}

static void teardown(void)
{
	fx_app_close(&fx);
}

static long long audit_rows(const char *event, const char *outcome)
{
	char sql[300];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit_log WHERE event = '%s' AND outcome = '%s'", event,
		 outcome);
	return fx_sql_int(fx.db, sql);
}

START_TEST(sign_in_with_password)
{
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(fx.app.me.id, fx.staff_id);
	ck_assert_int_eq(audit_rows("session.sign_in", "ok"), 1);
	char last[40];
	fx_sql_text(fx.db, "SELECT last_sign_in_at FROM staff WHERE username = 'casey'", last,
		    sizeof last);
	ck_assert_str_eq(last, "2026-11-23T15:00:00.00Z");
}
END_TEST

START_TEST(unknown_user_and_wrong_password_look_alike)
{
	char unknown[400];
	ck_assert_int_eq(app_signin_direct(&fx.app, "nobody", PW, NULL, unknown, sizeof unknown),
			 CL_ERR_DENIED);
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", "not the password at all", NULL, msg,
					   sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_str_eq(unknown, msg);
	ck_assert_str_eq(msg, SIGNIN_GENERIC_REFUSAL);
	ck_assert_int_eq(fx.app.me.id, 0);
	ck_assert_int_eq(audit_rows("session.sign_in", "failed"), 2);
	/* the audit trail never holds what was typed */
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE object LIKE "
					   "'%nobody%' OR object LIKE '%not the password%'"),
			 0);
}
END_TEST

START_TEST(five_failures_lock_until_unlocked)
{
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(app_signin_direct(&fx.app, "casey", "wrong wrong wrong", NULL, msg,
						   sizeof msg),
				 CL_ERR_DENIED);
	ck_assert_int_eq(audit_rows("account.locked", "ok"), 1);
	/* now even the right password is refused, with the same words */
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_str_eq(msg, SIGNIN_GENERIC_REFUSAL);
	/* hours later: still locked, until an administrator unlocks */
	fx_set_today(&fx.app, "2026-11-24");
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg),
			 CL_ERR_DENIED);
	fx_staff_add(&fx.app, "root.admin", "Ada Admin", "admin");
	ck_assert_int_eq(fx_login(&fx.app, "root.admin"), CL_OK);
	char temp[ACCOUNT_TEMP_PASSWORD_SIZE];
	ck_assert_int_eq(app_account_change(&fx.app, "casey", ACCOUNT_UNLOCK, temp, msg, sizeof msg),
			 CL_OK);
	memset(&fx.app.me, 0, sizeof fx.app.me);
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg), CL_OK);
}
END_TEST

START_TEST(failures_outside_the_window_do_not_add_up)
{
	for (int i = 0; i < 4; i++)
		app_signin_direct(&fx.app, "casey", "wrong wrong wrong", NULL, msg, sizeof msg);
	/* 16 minutes later the four earlier failures are outside the 15-minute window */
	struct clock later;
	clock_init_fixed(&later, clock_now(&fx.app.clock) + 16 * 60);
	fx.app.clock = later;
	app_signin_direct(&fx.app, "casey", "wrong wrong wrong", NULL, msg, sizeof msg);
	ck_assert_int_eq(audit_rows("account.locked", "ok"), 0);
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg), CL_OK);
	/* a success forgets the failures */
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM sign_in_failure"), 0);
}
END_TEST

START_TEST(disabled_account_refused)
{
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE staff SET active = 0 WHERE username = 'casey'",
				     NULL, 0),
			 0);
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_str_eq(msg, SIGNIN_GENERIC_REFUSAL);
}
END_TEST

START_TEST(idle_account_disabled_after_90_days)
{
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg), CL_OK);
	fx_set_today(&fx.app, "2027-03-01"); /* 98 days later */
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT active FROM staff WHERE username = 'casey'"), 0);
}
END_TEST

START_TEST(totp_required_for_leads_enrol_then_code_once)
{
	fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	set_password("lee", PW, false);
	struct signin s;
	app_signin_begin(&s);
	ck_assert_int_eq(app_signin_password(&fx.app, &s, "lee", PW, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(s.step, SIGNIN_TOTP_ENROL);
	ck_assert_int_eq(fx.app.me.id, 0); /* not signed in yet */
	struct strbuf uri;
	strbuf_init(&uri);
	app_signin_enrol_offer(&fx.app, &s, &uri);
	ck_assert_ptr_nonnull(strstr(uri.buf, "otpauth://totp/"));
	ck_assert_ptr_nonnull(strstr(uri.buf, s.enrol_secret));
	strbuf_clear(&uri);
	char code[8];
	ck_assert_int_eq(totp_generate(s.enrol_secret, clock_now(&fx.app.clock), code), CL_OK);
	ck_assert_int_eq(app_signin_enrol(&fx.app, &s, "000000", msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(app_signin_enrol(&fx.app, &s, code, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(s.step, SIGNIN_DONE);
	ck_assert_str_eq(fx.app.me.username, "lee");
	/* the next sign-in asks for a code, and the same code is not accepted twice */
	memset(&fx.app.me, 0, sizeof fx.app.me);
	ck_assert_int_eq(app_signin_direct(&fx.app, "lee", PW, code, msg, sizeof msg),
			 CL_ERR_DENIED);
	struct clock later;
	clock_init_fixed(&later, clock_now(&fx.app.clock) + 60);
	fx.app.clock = later;
	char secret[64];
	fx_sql_text(fx.db, "SELECT totp_secret FROM staff WHERE username = 'lee'", secret,
		    sizeof secret);
	ck_assert_int_eq(totp_generate(secret, clock_now(&fx.app.clock), code), CL_OK);
	ck_assert_int_eq(app_signin_direct(&fx.app, "lee", PW, code, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_signin_direct(&fx.app, "lee", PW, code, msg, sizeof msg),
			 CL_ERR_DENIED);
}
END_TEST

START_TEST(temporary_password_must_be_changed)
{
	set_password("casey", PW, true);
	struct signin s;
	app_signin_begin(&s);
	ck_assert_int_eq(app_signin_password(&fx.app, &s, "casey", PW, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(s.step, SIGNIN_NEW_PASSWORD);
	/* the rules, each with its reason */
	ck_assert_int_eq(app_signin_new_password(&fx.app, &s, "short one", "short one", msg,
						 sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(msg, "15"));
	ck_assert_int_eq(app_signin_new_password(&fx.app, &s, "passwordpassword",
						 "passwordpassword", msg, sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_int_eq(app_signin_new_password(&fx.app, &s, "casey and the long road",
						 "casey and the long road", msg, sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_int_eq(app_signin_new_password(&fx.app, &s, "one long sentence here",
						 "one long sentence there", msg, sizeof msg),
			 CL_ERR_INVALID);
	ck_assert_int_eq(app_signin_new_password(&fx.app, &s, PW, PW, msg, sizeof msg),
			 CL_ERR_INVALID); /* the same as before */
	ck_assert_int_eq(fx.app.me.id, 0);
	ck_assert_int_eq(app_signin_new_password(&fx.app, &s, "winter light on birch bark",
						 "winter light on birch bark", msg, sizeof msg),
			 CL_OK);
	ck_assert_int_eq(fx.app.me.id, fx.staff_id);
	ck_assert_int_eq(audit_rows("account.password_changed", "ok"), 1);
}
END_TEST

START_TEST(unlock_needs_the_same_users_password)
{
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg), CL_OK);
	app_session_lock(&fx.app, "key");
	ck_assert_int_eq(app_session_unlock(&fx.app, "someone else's password", msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_int_eq(app_session_unlock(&fx.app, PW, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(audit_rows("session.lock", "ok"), 1);
	ck_assert_int_eq(audit_rows("session.unlock", "ok"), 1);
	ck_assert_int_eq(audit_rows("session.unlock", "failed"), 1);
}
END_TEST

START_TEST(reauth_every_12_hours)
{
	ck_assert_int_eq(app_signin_direct(&fx.app, "casey", PW, NULL, msg, sizeof msg), CL_OK);
	ck_assert(!app_session_reauth_due(&fx.app));
	ck_assert(app_session_recently_authenticated(&fx.app));
	struct clock later;
	clock_init_fixed(&later, clock_now(&fx.app.clock) + 12 * 3600);
	fx.app.clock = later;
	ck_assert(app_session_reauth_due(&fx.app));
	ck_assert(!app_session_recently_authenticated(&fx.app));
	ck_assert_int_eq(app_session_reauth(&fx.app, PW, msg, sizeof msg), CL_OK);
	ck_assert(!app_session_reauth_due(&fx.app));
}
END_TEST

/* Every (role, action) pair of the table, as SECURITY.md and the issue state it. */
START_TEST(permission_table_every_pair)
{
	static const char expected[PERM_COUNT][ROLE_COUNT + 1] = {
		/*                      intern caseworker lead admin auditor */
		[PERM_PERSON_READ] = "AAADD",   [PERM_PERSON_EDIT] = "DOADD",
		[PERM_NOTE_DRAFT] = "AAADD",    [PERM_NOTE_FINALIZE] = "DAADD",
		[PERM_NOTE_COSIGN] = "DAADD",   [PERM_REVIEW_APPROVE] = "DDADD",
		[PERM_EXPORT] = "DOADD",        [PERM_PART2_READ] = "AAADD",
		[PERM_PREA_READ] = "AAADD",     [PERM_ACCOUNT_MANAGE] = "DDDAD",
		[PERM_AUDIT_READ] = "DDDDA",    [PERM_MAINTAIN] = "DDDAD",
	};
	for (int a = 0; a < PERM_COUNT; a++) {
		for (int r = 0; r < ROLE_COUNT; r++) {
			enum permit_rule rule = permit_rule((enum role)r, (enum permit_action)a);
			char got = rule == PERMIT_ALLOW ? 'A' : rule == PERMIT_OWN ? 'O' : 'D';
			ck_assert_msg(got == expected[a][r], "%s for %s: %c, expected %c",
				      permit_action_name((enum permit_action)a),
				      permit_role_name((enum role)r), got, expected[a][r]);
		}
	}
}
END_TEST

START_TEST(scope_and_grants_applied_below_the_ui)
{
	struct person p;
	fx_person_init(&p, "500001", "Own", "Person");
	p.caseworker_id = fx.staff_id;
	int64_t mine = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	fx_person_init(&p, "500002", "Other", "Person");
	p.caseworker_id = 0;
	int64_t other = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	ck_assert(app_can(&fx.app, PERM_PERSON_EDIT, mine));
	ck_assert(!app_can(&fx.app, PERM_PERSON_EDIT, other));
	ck_assert(app_can(&fx.app, PERM_PERSON_READ, other));
	ck_assert(!app_can(&fx.app, PERM_PART2_READ, 0)); /* no grant */
	struct person q;
	ck_assert_int_eq(store_person_get(fx.app.store, other, &q), CL_OK);
	ck_assert_int_eq(app_record_set_field(&fx.app, &q, PF_LANGUAGE, "French", msg, sizeof msg),
			 CL_ERR_DENIED);
	ck_assert_ptr_nonnull(strstr(msg, "only for people on your caseload"));
	ck_assert_int_eq(audit_rows("access.denied", "denied"), 1);
	/* an auditor reads the audit trail and nothing else */
	fx_staff_add(&fx.app, "audrey", "Audrey Auditor", "auditor");
	ck_assert_int_eq(fx_login(&fx.app, "audrey"), CL_OK);
	struct person_record r;
	ck_assert_int_eq(app_record_open(&fx.app, mine, &r), CL_ERR_DENIED);
	ck_assert(app_can(&fx.app, PERM_AUDIT_READ, 0));
	/* grants are checked on top of the role */
	fx_staff_add(&fx.app, "grant.ed", "Grant Ed", "caseworker");
	ck_assert_int_eq(fx_sql_exec(fx.db, "UPDATE staff SET grants = 3 WHERE username = 'grant.ed'",
				     NULL, 0),
			 0);
	ck_assert_int_eq(fx_login(&fx.app, "grant.ed"), CL_OK);
	ck_assert(app_can(&fx.app, PERM_PART2_READ, 0));
	ck_assert(app_can(&fx.app, PERM_PREA_READ, 0));
}
END_TEST

START_TEST(privileged_actions_need_a_recent_password)
{
	fx_staff_add(&fx.app, "ada", "Ada Admin", "admin");
	set_password("ada", PW, false);
	ck_assert_int_eq(fx_login(&fx.app, "ada"), CL_OK);
	struct clock later;
	clock_init_fixed(&later, clock_now(&fx.app.clock) + 600);
	fx.app.clock = later;
	struct account_input in = {"new.intern", "Ina Intern", "intern", "casey"};
	char temp[ACCOUNT_TEMP_PASSWORD_SIZE];
	ck_assert_int_eq(app_account_add(&fx.app, &in, temp, msg, sizeof msg), CL_ERR_DENIED);
	ck_assert_int_eq(app_session_reauth(&fx.app, PW, msg, sizeof msg), CL_OK);
	ck_assert_int_eq(app_account_add(&fx.app, &in, temp, msg, sizeof msg), CL_OK);
	ck_assert_int_ge(strlen(temp), 15);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT must_change_password FROM staff WHERE username "
					   "= 'new.intern'"),
			 1);
	/* an intern needs a supervisor; a name is never reused */
	struct account_input lone = {"lone.intern", "Lone Intern", "intern", NULL};
	ck_assert_int_eq(app_account_add(&fx.app, &lone, temp, msg, sizeof msg), CL_ERR_INVALID);
	ck_assert_int_ne(app_account_add(&fx.app, &in, temp, msg, sizeof msg), CL_OK);
	/* a caseworker cannot manage accounts at all */
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	ck_assert_int_eq(app_account_change(&fx.app, "new.intern", ACCOUNT_DISABLE, temp, msg,
					    sizeof msg),
			 CL_ERR_DENIED);
}
END_TEST

START_TEST(first_administrator_only_once)
{
	ck_assert_int_eq(app_account_bootstrap_admin(&fx.app, "chief", "Pat Chief", PW, PW, msg,
						     sizeof msg),
			 CL_OK);
	ck_assert_int_eq(app_account_bootstrap_admin(&fx.app, "chief2", "Other", PW, PW, msg,
						     sizeof msg),
			 CL_ERR_EXISTS);
	ck_assert_int_eq(app_account_bootstrap_admin(&fx.app, "x", "Y", "short", "short", msg,
						     sizeof msg),
			 CL_ERR_EXISTS);
}
END_TEST

static Suite *session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("session");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sign_in_with_password);
	tcase_add_test(tc, unknown_user_and_wrong_password_look_alike);
	tcase_add_test(tc, five_failures_lock_until_unlocked);
	tcase_add_test(tc, failures_outside_the_window_do_not_add_up);
	tcase_add_test(tc, disabled_account_refused);
	tcase_add_test(tc, idle_account_disabled_after_90_days);
	tcase_add_test(tc, totp_required_for_leads_enrol_then_code_once);
	tcase_add_test(tc, temporary_password_must_be_changed);
	tcase_add_test(tc, unlock_needs_the_same_users_password);
	tcase_add_test(tc, reauth_every_12_hours);
	tcase_add_test(tc, permission_table_every_pair);
	tcase_add_test(tc, scope_and_grants_applied_below_the_ui);
	tcase_add_test(tc, privileged_actions_need_a_recent_password);
	tcase_add_test(tc, first_administrator_only_once);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(session_suite());
}
