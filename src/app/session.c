/* Sign-in, lock, re-authentication and sign-out. */
#include "caseload/session.h"

#include <stdio.h>
#include <string.h>

#include "caseload/password.h"
#include "caseload/permit.h"
#include "caseload/staff.h"

#define RECENT_AUTH_SECONDS 300

static void session_say(char *msg, size_t msgsz, const char *text)
{
	snprintf(msg, msgsz, "%s", text);
}

void app_signin_begin(struct signin *s)
{
	memset(s, 0, sizeof *s);
	s->step = SIGNIN_PASSWORD;
}

static bool session_role_needs_totp(struct app *app, const char *role)
{
	enum role r = permit_role_parse(role);
	return r != ROLE_NONE && (app->config.totp_required_roles & (1u << r));
}

bool app_session_has_totp(struct app *app, int64_t staff_id, const char *role)
{
	struct staff_secrets secrets;
	if (session_role_needs_totp(app, role))
		return true;
	bool enrolled = store_staff_secrets(app->store, staff_id, &secrets) == CL_OK &&
			secrets.totp_secret[0];
	password_wipe(&secrets, sizeof secrets);
	return enrolled;
}

/* Audits in its own short transaction (sign-in happens before any other change). */
static void session_audit(struct app *app, int64_t staff_id, const char *event,
			  const char *outcome, const char *object)
{
	struct staff saved = app->me;
	app->me.id = staff_id; /* the row names whom the attempt was about */
	app_audit(app, event, outcome, 0, object);
	app->me = saved;
}

/* A failed attempt against a known account: counted, and the account locked when the
 * count within the window reaches the limit. */
static void session_count_failure(struct app *app, int64_t staff_id, const char *what)
{
	char at[32], since[32];
	time_t now = clock_now(&app->clock);
	app_timestamp(app, at);
	clock_format(now - (time_t)app->config.lockout_window_minutes * 60, since);
	if (store_begin(app->store) != CL_OK)
		return;
	int64_t failures = 0;
	enum cl_status st = store_staff_failure_add(app->store, staff_id, at);
	if (st == CL_OK)
		st = store_staff_failures_since(app->store, staff_id, since, &failures);
	struct staff saved = app->me;
	app->me.id = staff_id;
	if (st == CL_OK)
		st = app_audit(app, "session.sign_in", "failed", 0, what);
	if (st == CL_OK && failures >= app->config.lockout_attempts) {
		st = store_staff_set_locked(app->store, staff_id, at);
		if (st == CL_OK)
			st = app_audit(app, "account.locked", "ok", 0, "reason=failures");
	}
	app->me = saved;
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK)
		store_rollback(app->store);
}

static enum cl_status session_refuse(char *msg, size_t msgsz)
{
	session_say(msg, msgsz, SIGNIN_GENERIC_REFUSAL);
	return CL_ERR_DENIED;
}

/* An account not used for longer than the configured number of days is disabled. */
static bool session_idle_too_long(struct app *app, const struct staff *s)
{
	time_t last;
	if (!s->last_sign_in_at[0] || !clock_parse(s->last_sign_in_at, &last))
		return false;
	return clock_now(&app->clock) - last > (time_t)app->config.account_idle_disable_days * 86400;
}

static void session_next_step(struct app *app, struct signin *s, const struct staff_secrets *sec,
			      const char *role)
{
	s->totp_required = session_role_needs_totp(app, role);
	if (sec->totp_secret[0])
		s->step = SIGNIN_TOTP;
	else if (s->totp_required)
		s->step = SIGNIN_TOTP_ENROL;
	else if (sec->must_change_password)
		s->step = SIGNIN_NEW_PASSWORD;
	else
		s->step = SIGNIN_DONE;
}

static enum cl_status session_complete(struct app *app, struct signin *s)
{
	struct staff staff;
	enum cl_status st = store_staff_by_id(app->store, s->staff_id, &staff);
	if (st != CL_OK)
		return st;
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_signed_in(app->store, staff.id, at);
	struct staff saved = app->me;
	app->me = staff;
	if (st == CL_OK)
		st = app_audit(app, "session.sign_in", "ok", 0, "");
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK) {
		store_rollback(app->store);
		app->me = saved;
		return st;
	}
	store_staff_by_id(app->store, staff.id, &app->me);
	app->signed_in_at = app->last_auth_at = clock_now(&app->clock);
	s->step = SIGNIN_DONE;
	return CL_OK;
}

enum cl_status app_signin_password(struct app *app, struct signin *s, const char *username,
				   const char *password, char *msg, size_t msgsz)
{
	struct staff staff;
	struct staff_secrets sec;
	memset(&sec, 0, sizeof sec);
	bool known = strlen(username) < sizeof s->username &&
		     store_staff_by_username(app->store, username, &staff) == CL_OK;
	if (known)
		store_staff_secrets(app->store, staff.id, &sec);
	/* always one Argon2id verification, so an unknown user costs what a known one does */
	const char *hash = known && sec.password_hash[0] ? sec.password_hash : password_dummy_hash();
	bool match = password_verify(hash, password) && known && sec.password_hash[0];
	if (!known) {
		session_audit(app, 0, "session.sign_in", "failed", "reason=unknown_user");
		password_wipe(&sec, sizeof sec);
		return session_refuse(msg, msgsz);
	}
	if (!staff.active || staff.locked || !sec.password_hash[0]) {
		session_audit(app, staff.id, "session.sign_in", "failed",
			      !staff.active ? "reason=disabled"
			      : staff.locked ? "reason=locked"
					     : "reason=no_password");
		password_wipe(&sec, sizeof sec);
		return session_refuse(msg, msgsz);
	}
	if (!match) {
		session_count_failure(app, staff.id, "reason=password");
		password_wipe(&sec, sizeof sec);
		return session_refuse(msg, msgsz);
	}
	if (session_idle_too_long(app, &staff)) {
		if (store_begin(app->store) == CL_OK) {
			struct staff saved = app->me;
			app->me.id = staff.id;
			enum cl_status st = store_staff_set_active(app->store, staff.id, false);
			if (st == CL_OK)
				st = app_audit(app, "account.disabled", "ok", 0, "reason=idle");
			app->me = saved;
			if (st == CL_OK)
				store_commit(app->store);
			else
				store_rollback(app->store);
		}
		password_wipe(&sec, sizeof sec);
		return session_refuse(msg, msgsz);
	}
	if (password_needs_rehash(sec.password_hash)) {
		char fresh[PASSWORD_HASH_SIZE], at[32];
		app_timestamp(app, at);
		if (password_hash(password, fresh) == CL_OK)
			store_staff_set_password(app->store, staff.id, fresh, sec.must_change_password,
						 at);
		password_wipe(fresh, sizeof fresh);
	}
	s->staff_id = staff.id;
	str_copy(s->username, sizeof s->username, staff.username);
	session_next_step(app, s, &sec, staff.role);
	password_wipe(&sec, sizeof sec);
	if (s->step == SIGNIN_DONE)
		return session_complete(app, s);
	msg[0] = '\0';
	return CL_OK;
}

/* After the second factor: a password change when one is due, else done. */
static enum cl_status session_after_totp(struct app *app, struct signin *s)
{
	struct staff_secrets sec;
	enum cl_status st = store_staff_secrets(app->store, s->staff_id, &sec);
	bool must_change = st == CL_OK && sec.must_change_password;
	password_wipe(&sec, sizeof sec);
	if (st != CL_OK)
		return st;
	if (must_change) {
		s->step = SIGNIN_NEW_PASSWORD;
		return CL_OK;
	}
	return session_complete(app, s);
}

enum cl_status app_signin_totp(struct app *app, struct signin *s, const char *code, char *msg,
			       size_t msgsz)
{
	struct staff_secrets sec;
	if (s->step != SIGNIN_TOTP || store_staff_secrets(app->store, s->staff_id, &sec) != CL_OK)
		return session_refuse(msg, msgsz);
	int64_t step = 0;
	enum cl_status st = totp_verify(sec.totp_secret, code, clock_now(&app->clock),
					sec.totp_last_step, &step);
	password_wipe(&sec, sizeof sec);
	if (st != CL_OK) {
		session_count_failure(app, s->staff_id, "reason=code");
		session_say(msg, msgsz, "That code is wrong, expired or already used.");
		return CL_ERR_DENIED;
	}
	st = store_staff_set_totp_step(app->store, s->staff_id, step);
	if (st != CL_OK)
		return st;
	return session_after_totp(app, s);
}

void app_signin_enrol_offer(struct app *app, struct signin *s, struct strbuf *uri)
{
	if (!s->enrol_secret[0])
		totp_new_secret(s->enrol_secret);
	char issuer[160];
	snprintf(issuer, sizeof issuer, "caseload %s", app->config.facility);
	totp_uri(s->enrol_secret, issuer, s->username, uri);
}

enum cl_status app_signin_enrol(struct app *app, struct signin *s, const char *code, char *msg,
				size_t msgsz)
{
	int64_t step = 0;
	if (s->step != SIGNIN_TOTP_ENROL || !s->enrol_secret[0])
		return session_refuse(msg, msgsz);
	if (totp_verify(s->enrol_secret, code, clock_now(&app->clock), 0, &step) != CL_OK) {
		session_say(msg, msgsz,
			    "That code does not match: check the authenticator's clock and the "
			    "secret, then try the current code.");
		return CL_ERR_DENIED;
	}
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_set_totp(app->store, s->staff_id, s->enrol_secret);
	if (st == CL_OK)
		st = store_staff_set_totp_step(app->store, s->staff_id, step);
	struct staff saved = app->me;
	app->me.id = s->staff_id;
	if (st == CL_OK)
		st = app_audit(app, "account.totp_enrolled", "ok", 0, "");
	app->me = saved;
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK) {
		store_rollback(app->store);
		return st;
	}
	password_wipe(s->enrol_secret, sizeof s->enrol_secret);
	return session_after_totp(app, s);
}

/* Checks and stores a new password for staff_id; audited as that account's change. */
static enum cl_status session_set_password(struct app *app, int64_t staff_id,
					   const char *password, const char *again, char *msg,
					   size_t msgsz)
{
	struct staff staff;
	struct staff_secrets sec;
	if (store_staff_by_id(app->store, staff_id, &staff) != CL_OK ||
	    store_staff_secrets(app->store, staff_id, &sec) != CL_OK)
		return session_refuse(msg, msgsz);
	if (strcmp(password, again) != 0) {
		password_wipe(&sec, sizeof sec);
		session_say(msg, msgsz, "The two passwords differ; type the same one twice.");
		return CL_ERR_INVALID;
	}
	bool totp = app_session_has_totp(app, staff_id, staff.role);
	int min = totp ? app->config.password_min_with_totp : app->config.password_min_single_factor;
	/* the user's own names may not appear in it */
	char names[MODEL_NAME_SIZE];
	str_copy(names, sizeof names, staff.display_name);
	const char *personal[8] = {staff.username};
	int n = 1;
	for (char *tok = strtok(names, " ,.-"); tok && n < 7; tok = strtok(NULL, " ,.-"))
		personal[n++] = tok;
	personal[n] = NULL;
	if (password_check(password, min, personal, msg, msgsz) != PASSWORD_OK) {
		password_wipe(&sec, sizeof sec);
		return CL_ERR_INVALID;
	}
	if (sec.password_hash[0] && password_verify(sec.password_hash, password)) {
		password_wipe(&sec, sizeof sec);
		session_say(msg, msgsz, "That is the current password; choose a new one.");
		return CL_ERR_INVALID;
	}
	password_wipe(&sec, sizeof sec);
	char hash[PASSWORD_HASH_SIZE], at[32];
	enum cl_status st = password_hash(password, hash);
	if (st != CL_OK)
		return st;
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_set_password(app->store, staff_id, hash, false, at);
	password_wipe(hash, sizeof hash);
	struct staff saved = app->me;
	app->me.id = staff_id;
	if (st == CL_OK)
		st = app_audit(app, "account.password_changed", "ok", 0, "");
	app->me = saved;
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK)
		store_rollback(app->store);
	return st;
}

enum cl_status app_signin_new_password(struct app *app, struct signin *s, const char *password,
				       const char *again, char *msg, size_t msgsz)
{
	if (s->step != SIGNIN_NEW_PASSWORD)
		return session_refuse(msg, msgsz);
	enum cl_status st = session_set_password(app, s->staff_id, password, again, msg, msgsz);
	if (st != CL_OK)
		return st;
	return session_complete(app, s);
}

enum cl_status app_session_change_password(struct app *app, const char *old_password,
					   const char *password, const char *again, char *msg,
					   size_t msgsz)
{
	if (app_session_reauth(app, old_password, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	return session_set_password(app, app->me.id, password, again, msg, msgsz);
}

void app_session_lock(struct app *app, const char *why)
{
	char object[48];
	snprintf(object, sizeof object, "reason=%s", why);
	app_audit(app, "session.lock", "ok", 0, object);
}

/* Checks the signed-in user's password; a failure counts toward the lockout, and a locked
 * or disabled account cannot pass. */
static enum cl_status session_check_password(struct app *app, const char *password,
					     const char *event, char *msg, size_t msgsz)
{
	struct staff fresh;
	struct staff_secrets sec;
	if (!app->me.id || store_staff_by_id(app->store, app->me.id, &fresh) != CL_OK ||
	    store_staff_secrets(app->store, app->me.id, &sec) != CL_OK)
		return session_refuse(msg, msgsz);
	bool ok = sec.password_hash[0] && password_verify(sec.password_hash, password) &&
		  fresh.active && !fresh.locked;
	password_wipe(&sec, sizeof sec);
	if (!ok) {
		session_count_failure(app, app->me.id, "reason=password");
		session_audit(app, app->me.id, event, "failed", "");
		session_say(msg, msgsz, "Wrong password (or the account is locked or disabled).");
		return CL_ERR_DENIED;
	}
	store_staff_failures_clear(app->store, app->me.id);
	app->last_auth_at = clock_now(&app->clock);
	app_audit(app, event, "ok", 0, "");
	return CL_OK;
}

enum cl_status app_session_unlock(struct app *app, const char *password, char *msg,
				  size_t msgsz)
{
	return session_check_password(app, password, "session.unlock", msg, msgsz);
}

enum cl_status app_session_reauth(struct app *app, const char *password, char *msg,
				  size_t msgsz)
{
	return session_check_password(app, password, "session.reauth", msg, msgsz);
}

bool app_session_reauth_due(struct app *app)
{
	return app->me.id &&
	       clock_now(&app->clock) - app->last_auth_at >= (time_t)app->config.reauth_hours * 3600;
}

bool app_session_recently_authenticated(struct app *app)
{
	return app->me.id && clock_now(&app->clock) - app->last_auth_at < RECENT_AUTH_SECONDS;
}

void app_session_end(struct app *app, const char *how)
{
	if (!app->me.id)
		return;
	char object[48];
	snprintf(object, sizeof object, "how=%s", how);
	app_audit(app, "session.sign_out", "ok", 0, object);
	memset(&app->me, 0, sizeof app->me);
}

enum cl_status app_signin_direct(struct app *app, const char *username, const char *password,
				 const char *totp_code, char *msg, size_t msgsz)
{
	struct signin s;
	app_signin_begin(&s);
	enum cl_status st = app_signin_password(app, &s, username, password, msg, msgsz);
	if (st == CL_OK && s.step == SIGNIN_TOTP)
		st = totp_code ? app_signin_totp(app, &s, totp_code, msg, msgsz) : CL_ERR_DENIED;
	if (st == CL_OK && s.step == SIGNIN_TOTP_ENROL) {
		session_say(msg, msgsz, "This account must enrol a second factor: sign in once "
					"on the full-screen interface.");
		return CL_ERR_DENIED;
	}
	if (st == CL_OK && s.step == SIGNIN_NEW_PASSWORD) {
		session_say(msg, msgsz, "This account must choose a new password: sign in once on "
					"the full-screen interface.");
		return CL_ERR_DENIED;
	}
	if (st == CL_ERR_DENIED && s.step == SIGNIN_TOTP && !totp_code)
		session_say(msg, msgsz, "This account needs its 6-digit code.");
	return st;
}
