/* Secrets typed at the command line: never echoed, never kept longer than needed. */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "caseload/password.h"
#include "caseload/session.h"
#include "cli.h"

bool cli_read_secret(const char *prompt, char *buf, size_t size)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios saved, quiet;
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		tcgetattr(STDIN_FILENO, &saved);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool got = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	if (!got) {
		buf[0] = '\0';
		return false;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

/* Enrolment at the command line: the secret goes to the user's own terminal (stderr). */
static enum cl_status cli_enrol(struct app *app, struct signin *s, char *msg, size_t msgsz)
{
	struct strbuf uri;
	char code[32];
	strbuf_init(&uri);
	app_signin_enrol_offer(app, s, &uri);
	fprintf(stderr, "Your role needs a second factor. Add this to an authenticator app:\n"
			"  secret: %s\n  %s\n",
		s->enrol_secret, uri.buf);
	strbuf_clear(&uri);
	if (!cli_read_secret("Code it shows now: ", code, sizeof code)) {
		snprintf(msg, msgsz, "no code given");
		return CL_ERR_DENIED;
	}
	return app_signin_enrol(app, s, code, msg, msgsz);
}

static enum cl_status cli_new_password(struct app *app, struct signin *s, char *msg,
				       size_t msgsz)
{
	char password[1100], again[1100];
	fputs("A new password is due (long is strong; spaces and any characters are fine).\n",
	      stderr);
	bool ok = cli_read_secret("New password: ", password, sizeof password) &&
		  cli_read_secret("Again: ", again, sizeof again);
	enum cl_status st = ok ? app_signin_new_password(app, s, password, again, msg, msgsz)
			       : CL_ERR_DENIED;
	if (!ok)
		snprintf(msg, msgsz, "no password given");
	password_wipe(password, sizeof password);
	password_wipe(again, sizeof again);
	return st;
}

int cli_sign_in(struct app *app, const char *username)
{
	char password[1100], code[32], msg[300];
	struct signin s;
	app_signin_begin(&s);
	char prompt[120];
	snprintf(prompt, sizeof prompt, "Password for %s: ", username);
	if (!cli_read_secret(prompt, password, sizeof password)) {
		fputs("caseload: no password given\n", stderr);
		return 1;
	}
	enum cl_status st = app_signin_password(app, &s, username, password, msg, sizeof msg);
	password_wipe(password, sizeof password);
	if (st == CL_OK && s.step == SIGNIN_TOTP) {
		if (!cli_read_secret("6-digit code: ", code, sizeof code)) {
			fputs("caseload: no code given\n", stderr);
			return 1;
		}
		st = app_signin_totp(app, &s, code, msg, sizeof msg);
	}
	if (st == CL_OK && s.step == SIGNIN_TOTP_ENROL)
		st = cli_enrol(app, &s, msg, sizeof msg);
	if (st == CL_OK && s.step == SIGNIN_NEW_PASSWORD)
		st = cli_new_password(app, &s, msg, sizeof msg);
	if (st != CL_OK) {
		fprintf(stderr, "caseload: %s\n", msg);
		return 1;
	}
	return 0;
}
