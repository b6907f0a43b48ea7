#ifndef CASELOAD_APP_H
#define CASELOAD_APP_H
/* The application: everything a use case needs travels in one struct app (no globals).
 * The TUI and the CLI both go through the app_* functions, so rules cannot differ. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/clock.h"
#include "caseload/config.h"
#include "caseload/model.h"
#include "caseload/store.h"

struct formcatalog;

struct app {
	struct store *store; /* owned; NULL until app_open succeeds */
	struct clock clock;
	struct config config;
	struct staff me;     /* who signed in; me.id == 0 before sign-in (see session.h) */
	time_t signed_in_at; /* when the session began */
	time_t last_auth_at; /* when the password was last given (sign-in, unlock, re-auth) */
	char login[MODEL_SHORT_SIZE]; /* the operating-system login name */
	char terminal[160];           /* tty and SSH client, for the audit trail */
	struct formcatalog *forms;    /* owned; loaded on first use (formwork.h) */
};

/* Opens the database (see store_open), the clock and the configuration: config_path, or
 * the system-wide file when it exists (NULL). On failure err holds what is wrong (one line
 * per problem) and nothing is open. */
enum cl_status app_open_config(struct app *app, const char *db_path, enum store_mode mode,
			       const char *config_path, char *err, size_t errsz);
/* app_open_config with the system-wide configuration. */
enum cl_status app_open(struct app *app, const char *db_path, enum store_mode mode, char *err,
			size_t errsz);
void app_close(struct app *app);

/* Appends one row to the audit trail: event ("person.view"), outcome ("ok", "denied",
 * "failed"), the person concerned (0 for none) and object ids ("field=srd"), never free
 * text about a person. Inside the caller's transaction when one is open, so that a change
 * and its audit row are committed together or not at all. A failure to audit is also
 * reported to syslog at once. */
enum cl_status app_audit(struct app *app, const char *event, const char *outcome,
			 int64_t person_id, const char *object);

/* Writes a message for the user into msg (msgsz bytes), printf-style, cut to fit. */
void app_say(char *msg, size_t msgsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Ends a use case's transaction: with st CL_OK appends its audit row (event, "ok", the
 * person, object) and commits; otherwise, or when that fails, rolls back and explains in
 * msg: `stale` (what the user should do) for CL_ERR_STALE, the disk for CL_ERR_FULL, and
 * the store's reason when msg holds nothing yet (a use case that explained itself keeps
 * its words). Returns the final status. */
enum cl_status app_finish(struct app *app, enum cl_status st, const char *event,
			  int64_t person_id, const char *object, const char *stale, char *msg,
			  size_t msgsz);

/* Now, as a UTC timestamp for the database. */
void app_timestamp(const struct app *app, char buf[32]);
date_t app_today(const struct app *app);

/* Recomputes the derived list columns (next due, alert markers) of everyone whose values
 * may have gone stale since the last run: only those rows, found through an index. */
enum cl_status app_refresh_derived(struct app *app, size_t *refreshed);

/* Recomputes one person's derived list columns from their dates and alerts, inside the
 * caller's transaction. Every use case that changes those calls it. */
enum cl_status app_rederive_person(struct app *app, int64_t person_id);

/* The database path: --db, else $CASELOAD_DB, else the facility default. Static string
 * or the argument itself. */
const char *app_default_db_path(const char *from_option);
#define APP_FACILITY_DB "/var/lib/caseload/caseload.db"

#endif
