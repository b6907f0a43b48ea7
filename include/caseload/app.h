#ifndef CASELOAD_APP_H
#define CASELOAD_APP_H
/* The application: everything a use case needs travels in one struct app (no globals).
 * The TUI and the CLI both go through the app_* functions, so rules cannot differ. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/clock.h"
#include "caseload/model.h"
#include "caseload/store.h"

struct app {
	struct store *store; /* owned; NULL until app_open succeeds */
	struct clock clock;
	struct staff me; /* who is at the keyboard; me.id == 0 when not a known staff member */
	char login[MODEL_SHORT_SIZE]; /* the name looked up for `me` */
	char terminal[160];           /* tty and SSH client, for the audit trail */
};

/* Opens the database (see store_open) and the clock. On failure err holds one line. */
enum cl_status app_open(struct app *app, const char *db_path, enum store_mode mode, char *err,
			size_t errsz);
void app_close(struct app *app);

/* Decides who is at the keyboard. Until sign-in exists this is $CASELOAD_USER, else the
 * login name, looked up among the staff: this is the one function sign-in replaces.
 * CL_ERR_NOTFOUND (me.id stays 0) when that name is not a staff member. */
enum cl_status app_session_identify(struct app *app);

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
