#ifndef CASELOAD_SESSION_H
#define CASELOAD_SESSION_H
/* Signing in and staying signed in. Sign-in is a short conversation the screen (or the
 * command line) drives step by step: password, then the second factor (or enrolling one),
 * then a new password when one is due. Only the last step makes app->me the signed-in
 * staff member. Every outcome is audited; an unknown user and a wrong password get the
 * same answer in about the same time; 5 failures in 15 minutes lock the account until an
 * administrator unlocks it (both numbers from the configuration). */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/app.h"
#include "caseload/totp.h"

enum signin_step {
	SIGNIN_PASSWORD,      /* asking for user name and password */
	SIGNIN_TOTP,          /* asking for the 6-digit code */
	SIGNIN_TOTP_ENROL,    /* the account must enrol a second factor first */
	SIGNIN_NEW_PASSWORD,  /* the password must be changed before going on */
	SIGNIN_DONE,
};

struct signin {
	enum signin_step step;
	int64_t staff_id;
	char username[64];
	char enrol_secret[TOTP_SECRET_TEXT_SIZE]; /* offered while enrolling */
	bool totp_required;
};

#define SIGNIN_GENERIC_REFUSAL                                                                     \
	"Sign-in refused: wrong user name or password, or the account cannot sign in. After "    \
	"repeated failures an account is locked until an administrator unlocks it."

void app_signin_begin(struct signin *s);

/* Step SIGNIN_PASSWORD. On CL_OK s->step says what comes next. CL_ERR_DENIED with msg set
 * to SIGNIN_GENERIC_REFUSAL for every kind of refusal. */
enum cl_status app_signin_password(struct app *app, struct signin *s, const char *username,
				   const char *password, char *msg, size_t msgsz);
/* Step SIGNIN_TOTP. */
enum cl_status app_signin_totp(struct app *app, struct signin *s, const char *code, char *msg,
			       size_t msgsz);
/* Step SIGNIN_TOTP_ENROL: the secret and otpauth URI to show (appended to uri). */
void app_signin_enrol_offer(struct app *app, struct signin *s, struct strbuf *uri);
/* Step SIGNIN_TOTP_ENROL: a code from the new secret proves the enrolment. */
enum cl_status app_signin_enrol(struct app *app, struct signin *s, const char *code, char *msg,
				size_t msgsz);
/* Step SIGNIN_NEW_PASSWORD: the new password twice. msg gives the rule broken. */
enum cl_status app_signin_new_password(struct app *app, struct signin *s, const char *password,
				       const char *again, char *msg, size_t msgsz);

/* Whether the signed-in account has (or must have) a second factor: sets the minimum
 * password length. */
bool app_session_has_totp(struct app *app, int64_t staff_id, const char *role);

/* The screen was locked (by the idle timer or on demand): audited. */
void app_session_lock(struct app *app, const char *why);
/* Unlocks for the same user only; a wrong password counts toward the lockout. */
enum cl_status app_session_unlock(struct app *app, const char *password, char *msg,
				  size_t msgsz);
/* Confirms the signed-in user's password again before a privileged action (or after 12
 * hours). */
enum cl_status app_session_reauth(struct app *app, const char *password, char *msg,
				  size_t msgsz);
/* True when the last password entry is older than the configured re-authentication time. */
bool app_session_reauth_due(struct app *app);
/* True when a privileged action may go ahead without asking for the password again (the
 * password was given in the last five minutes). */
bool app_session_recently_authenticated(struct app *app);
/* Sign-out, quit, or a session ended from the lock screen: audited. */
void app_session_end(struct app *app, const char *how);

/* Changes the signed-in user's own password. */
enum cl_status app_session_change_password(struct app *app, const char *old_password,
					   const char *password, const char *again, char *msg,
					   size_t msgsz);

/* For tests and the command line's --as: signs in without the screens, running the same
 * steps. totp_code may be NULL when the account needs none. */
enum cl_status app_signin_direct(struct app *app, const char *username, const char *password,
				 const char *totp_code, char *msg, size_t msgsz);

#endif
