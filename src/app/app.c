#include "caseload/app.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "caseload/audit.h"
#include "caseload/formcatalog.h"
#include "caseload/keydates.h"
#include "caseload/person_detail.h"
#include "caseload/staff.h"
#include "caseload/strbuf.h"
#include "caseload/text.h"

const char *app_default_db_path(const char *from_option)
{
	if (from_option && *from_option)
		return from_option;
	const char *env = getenv("CASELOAD_DB");
	return env && *env ? env : APP_FACILITY_DB;
}

/* "pts/3 from 10.1.2.3": which terminal a session runs on, for the audit trail. */
static void app_describe_terminal(struct app *app)
{
	const char *tty = ttyname(STDIN_FILENO);
	const char *ssh = getenv("SSH_CLIENT");
	char client[64] = "";
	if (ssh && *ssh) {
		/* SSH_CLIENT is "address port port": keep the address */
		size_t n = strcspn(ssh, " ");
		snprintf(client, sizeof client, "%.*s", (int)(n < 60 ? n : 60), ssh);
	}
	if (tty && strncmp(tty, "/dev/", 5) == 0)
		tty += 5;
	struct strbuf raw;
	strbuf_init(&raw);
	strbuf_printf(&raw, "%s%s%s", tty ? tty : "no tty", *client ? " from " : "", client);
	str_copy(app->terminal, sizeof app->terminal, text_is_clean_line(raw.buf) ? raw.buf : "?");
	strbuf_clear(&raw);
}

static void app_login_name(struct app *app)
{
	struct passwd *pw = getpwuid(geteuid());
	str_copy(app->login, sizeof app->login, pw && pw->pw_name ? pw->pw_name : "");
}

enum cl_status app_open_config(struct app *app, const char *db_path, enum store_mode mode,
			       const char *config_path, char *err, size_t errsz)
{
	memset(app, 0, sizeof *app);
	if (!clock_init_from_env(&app->clock)) {
		snprintf(err, errsz, "CASELOAD_NOW must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
		return CL_ERR_INVALID;
	}
	struct strbuf problems;
	strbuf_init(&problems);
	enum cl_status st = config_load(config_path ? config_path : CONFIG_DEFAULT_PATH,
					config_path == NULL, &app->config, &problems);
	if (st != CL_OK) {
		/* drop the last newline: callers print err as a line */
		if (problems.len && problems.buf[problems.len - 1] == '\n')
			problems.buf[--problems.len] = '\0';
		snprintf(err, errsz, "%s", problems.len ? problems.buf : cl_status_text(st));
		strbuf_clear(&problems);
		return st;
	}
	strbuf_clear(&problems);
	app_describe_terminal(app);
	app_login_name(app);
	return store_open(db_path, mode, &app->store, err, errsz);
}

enum cl_status app_open(struct app *app, const char *db_path, enum store_mode mode, char *err,
			size_t errsz)
{
	return app_open_config(app, db_path, mode, NULL, err, errsz);
}

void app_close(struct app *app)
{
	store_close(&app->store);
	if (app->forms) {
		formcatalog_clear(app->forms);
		free(app->forms);
		app->forms = NULL;
	}
}

void app_say(char *msg, size_t msgsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, msgsz, fmt, ap);
	va_end(ap);
}

enum cl_status app_finish(struct app *app, enum cl_status st, const char *event,
			  int64_t person_id, const char *object, const char *stale, char *msg,
			  size_t msgsz)
{
	if (st == CL_OK)
		st = app_audit(app, event, "ok", person_id, object);
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st == CL_OK)
		return CL_OK;
	store_rollback(app->store);
	if (st == CL_ERR_STALE)
		snprintf(msg, msgsz, "Not saved: %s", stale);
	else if (st == CL_ERR_FULL)
		snprintf(msg, msgsz, "Not saved: the disk is full. Nothing was changed");
	else if (!msg[0])
		snprintf(msg, msgsz, "Not saved: %s (%s)", cl_status_text(st),
			 store_last_error(app->store));
	return st;
}

void app_timestamp(const struct app *app, char buf[32])
{
	clock_timestamp(&app->clock, buf);
}

date_t app_today(const struct app *app)
{
	return clock_today(&app->clock);
}

enum cl_status app_audit(struct app *app, const char *event, const char *outcome,
			 int64_t person_id, const char *object)
{
	char at[32];
	app_timestamp(app, at);
	struct audit_event e = {
		.at = at,
		.staff_id = app->me.id,
		.event = event,
		.outcome = outcome,
		.person_id = person_id,
		.object = object,
		.terminal = app->terminal,
	};
	enum cl_status st = store_audit_append(app->store, &e);
	if (st != CL_OK) {
		/* fail closed, and loudly: the operator hears of it even if the user does not */
		openlog("caseload", LOG_PID, LOG_AUTHPRIV);
		syslog(LOG_ALERT, "audit row could not be written (%s %s): %s", event, outcome,
		       cl_status_text(st));
		closelog();
	}
	return st;
}

enum cl_status app_rederive_person(struct app *app, int64_t id)
{
	date_t today = app_today(app);
	struct person p;
	enum cl_status st = store_person_get(app->store, id, &p);
	if (st != CL_OK)
		return st;
	struct alert *alerts = NULL;
	size_t count = 0;
	st = store_alerts_dates(app->store, id, &alerts, &count);
	if (st == CL_OK) {
		struct person_derived d;
		keydates_derive(&p, alerts, count, today, &d);
		st = store_person_set_derived(app->store, id, &d);
	}
	free(alerts);
	return st;
}

enum cl_status app_refresh_derived(struct app *app, size_t *refreshed)
{
	date_t today = app_today(app);
	*refreshed = 0;
	for (;;) {
		int64_t *ids = NULL;
		size_t count = 0;
		/* batches keep each write transaction short for the other terminals */
		enum cl_status st = store_people_to_refresh(app->store, today, 500, &ids, &count);
		if (st == CL_OK && count > 0)
			st = store_begin(app->store);
		for (size_t i = 0; st == CL_OK && i < count; i++)
			st = app_rederive_person(app, ids[i]);
		free(ids);
		if (st == CL_OK && count > 0)
			st = store_commit(app->store);
		if (st != CL_OK) {
			store_rollback(app->store);
			return st;
		}
		*refreshed += count;
		if (count < 500)
			return CL_OK;
	}
}
