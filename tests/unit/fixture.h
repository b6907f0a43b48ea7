#ifndef CASELOAD_TEST_FIXTURE_H
#define CASELOAD_TEST_FIXTURE_H
/* Helpers shared by the unit suites: temporary directories, an app over a temporary
 * database with a signed-in staff member, people builders, and raw SQLite access (through
 * plain C types, so the suites themselves need not include sqlite3.h). */
#include <check.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/app.h"
#include "caseload/model.h"
#include "caseload/notes.h"

/* Runs the suite with a UTF-8 locale; returns the process exit status. */
int fx_run(Suite *suite);

/* Creates a fresh private directory (mkdtemp) into dir (PATH_MAX bytes). */
void fx_tmpdir(char *dir);
/* Removes dir and every plain file in it. */
void fx_rmtree(const char *dir);
/* dir/name into out (PATH_MAX bytes). */
void fx_path(char *out, const char *dir, const char *name);

/* Reads the whole file into a malloc'ed buffer (NULL when it cannot be read). */
unsigned char *fx_read_file(const char *path, size_t *len);
void fx_write_file(const char *path, const void *data, size_t len);
/* Number of entries (besides . and ..) in dir. */
int fx_dir_entries(const char *dir);

/* A temporary database with an app over it, "today" pinned, a staff member signed in. */
struct fx_app {
	char dir[PATH_MAX];
	char db[PATH_MAX];
	struct app app;
	int64_t staff_id;
};

/* Opens (creating) the database with CASELOAD_NOW=now, adds staff "casey" (caseworker)
 * and signs that login in. */
void fx_app_open(struct fx_app *fx, const char *now);
void fx_app_close(struct fx_app *fx);
/* Adds a staff member in its own transaction and returns the id. */
int64_t fx_staff_add(struct app *app, const char *username, const char *display, const char *role);
/* Makes `username` the signed-in staff member, as a completed sign-in would (no password
 * conversation: test_session.c covers that). CL_ERR_NOTFOUND / CL_ERR_DENIED when absent
 * or disabled. */
enum cl_status fx_login(struct app *app, const char *username);
/* Moves "today" to that date (noon UTC). */
void fx_set_today(struct app *app, const char *ymd);

/* Parses "YYYY-MM-DD" (or "" for DATE_NONE), failing the test on anything else. */
date_t fx_date(const char *ymd);

/* A plausible, valid person admitted before `today`. */
void fx_person_init(struct person *p, const char *oid, const char *last, const char *first);
/* Inserts p (with aliases joined by "; ", may be NULL, and the given alerts) the way the app
 * would: keys from app_person_keys, derived columns from keydates_derive for app today.
 * Returns the new id. Runs its own transaction. */
int64_t fx_person_insert(struct app *app, const struct person *p, const char *aliases,
                         const struct alert *alerts, size_t alert_count);

/* One store write in its own transaction, as a use case runs it: begun, then committed when
 * the call returns CL_OK (the commit must succeed) and rolled back otherwise; yields the
 * call's status. */
#define FX_TX(store, call) (fx_tx_begin(store), fx_tx_end((store), (call)))
void fx_tx_begin(struct store *store);
enum cl_status fx_tx_end(struct store *store, enum cl_status r);

/* Raw SQLite on a file (its own connection), for crafting and inspecting. */
/* Runs sql; returns the SQLite result code and copies the message into msg (may be NULL). */
int fx_sql_exec(const char *path, const char *sql, char *msg, size_t msgsz);
/* First column of the first row as an integer (fails the test on error / no row). */
long long fx_sql_int(const char *path, const char *sql);
/* First column of the first row as text into out ("" when NULL). */
void fx_sql_text(const char *path, const char *sql, char *out, size_t outsz);
/* The statement made from fmt with the two numbers (at most 600 bytes) fails, with a message
 * holding `why`; or, for fx_sql_accepted, succeeds. Both fail the test otherwise. */
void fx_sql_refused(const char *path, const char *why, const char *fmt, long long a, long long b);
void fx_sql_accepted(const char *path, const char *fmt, long long a, long long b);
/* All rows, columns joined by '|' and rows by '\n' (malloc'ed). */
char *fx_sql_dump(const char *path, const char *sql);

/* The timeline's order: at DESC, then by kind (notes, changes, forms), then id DESC. */
bool fx_timeline_before(const struct timeline_entry *a, const struct timeline_entry *b);
/* Every entry of the query's timeline, read `page` at a time by keyset into out (room for
 * max); returns how many. */
size_t fx_timeline_paged(struct store *store, const struct note_reader *reader,
                         const struct timeline_query *base, size_t page,
                         struct timeline_entry *out, size_t max);

#define FX_SQLITE_OK 0

#endif
