/* store: opening and refusing files, migrations, the schema's own rules, integrity checks,
 * and the single-record queries. Hostile files are made with raw SQLite. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caseload/audit.h"
#include "caseload/drafts.h"
#include "caseload/migrations.h"
#include "caseload/people.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "caseload/staff.h"
#include "caseload/store.h"
#include "fixture.h"

static char dir[PATH_MAX];
static char db[PATH_MAX];
static char err[1024];

static void setup(void)
{
	fx_tmpdir(dir);
	fx_path(db, dir, "caseload.db");
	err[0] = '\0';
}

static void teardown(void)
{
	fx_rmtree(dir);
}

static struct store *open_ok(const char *path, enum store_mode mode)
{
	struct store *s = (struct store *)1;
	enum cl_status st = store_open(path, mode, &s, err, sizeof err);
	ck_assert_msg(st == CL_OK, "store_open(%s): %s: %s", path, cl_status_text(st), err);
	ck_assert_ptr_nonnull(s);
	return s;
}

static enum cl_status open_fails(const char *path, enum store_mode mode)
{
	struct store *s = (struct store *)1;
	err[0] = '\0';
	enum cl_status st = store_open(path, mode, &s, err, sizeof err);
	ck_assert_msg(st != CL_OK, "store_open(%s) unexpectedly succeeded", path);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(err, path) != NULL, "message does not name the file: %s", err);
	return st;
}

/* A snapshot of a file: its bytes and its modification time. */
struct file_state {
	unsigned char *data;
	size_t len;
	struct timespec mtime;
	bool exists;
};

static struct file_state snapshot(const char *path)
{
	struct file_state f;
	memset(&f, 0, sizeof f);
	struct stat st;
	f.exists = stat(path, &st) == 0;
	if (f.exists) {
		f.mtime = st.st_mtim;
		f.data = fx_read_file(path, &f.len);
	}
	return f;
}

static void assert_unchanged(const char *path, struct file_state *before)
{
	struct file_state after = snapshot(path);
	ck_assert_int_eq(after.exists, before->exists);
	ck_assert_uint_eq(after.len, before->len);
	if (before->len)
		ck_assert_msg(memcmp(after.data, before->data, before->len) == 0, "%s was modified",
		              path);
	ck_assert_int_eq(after.mtime.tv_sec, before->mtime.tv_sec);
	ck_assert_int_eq(after.mtime.tv_nsec, before->mtime.tv_nsec);
	free(after.data);
	free(before->data);
	before->data = NULL;
}

/* Files SQLite leaves beside a database it wrote to (journal, WAL, shared memory). */
static void assert_no_side_files(const char *path)
{
	char side[PATH_MAX + 16];
	static const char *const suffix[] = {"-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		ck_assert_msg(access(side, F_OK) != 0, "%s was created", side);
	}
}

static char *schema_of(const char *path)
{
	/* sqlite_stat1 is the planner's, made by PRAGMA optimize when a connection closes */
	return fx_sql_dump(path, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
	                         "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name");
}

struct problems {
	int count;
	char text[2048];
};

static void collect_problem(void *ctx, const char *problem)
{
	struct problems *p = ctx;
	p->count++;
	size_t len = strlen(p->text);
	snprintf(p->text + len, sizeof p->text - len, "%s\n", problem);
}

/* ---- creating, opening, migrating ---- */

START_TEST(create_fresh)
{
	struct store *s = open_ok(db, STORE_CREATE);
	ck_assert_int_gt(store_schema_latest(), 0);
	ck_assert_int_eq(store_schema_version(s), store_schema_latest());
	ck_assert_int_eq(store_schema_latest(), migrations[migrations_count - 1].version);
	store_close(&s);
	ck_assert_ptr_null(s);
	store_close(&s); /* closing twice is harmless */
	ck_assert_int_eq(fx_sql_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
	ck_assert_int_eq(fx_sql_int(db, "PRAGMA user_version"), store_schema_latest());
	char mode[16];
	fx_sql_text(db, "PRAGMA journal_mode", mode, sizeof mode);
	ck_assert_str_eq(mode, "wal");
	/* the last connection folds the WAL back into the file */
	assert_no_side_files(db);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = "
	                                "'person_search'"),
	                 1);
}
END_TEST

START_TEST(migration_table_is_ordered)
{
	ck_assert_int_gt(migrations_count, 0);
	for (int i = 0; i < migrations_count; i++) {
		ck_assert_int_eq(migrations[i].version, i + 1);
		ck_assert_ptr_nonnull(migrations[i].sql);
		ck_assert_uint_gt(strlen(migrations[i].sql), 0);
		char prefix[8];
		snprintf(prefix, sizeof prefix, "%03d_", migrations[i].version);
		ck_assert_msg(strncmp(migrations[i].name, prefix, 4) == 0, "migration name %s",
		              migrations[i].name);
	}
}
END_TEST

/* A database left at every past version is upgraded to exactly the schema a new one gets. */
START_TEST(migrate_from_every_version)
{
	char fresh[PATH_MAX];
	fx_path(fresh, dir, "fresh.db");
	struct store *s = open_ok(fresh, STORE_CREATE);
	store_close(&s);
	char *want = schema_of(fresh);

	for (int from = 0; from <= migrations_count; from++) {
		char path[PATH_MAX], name[32];
		snprintf(name, sizeof name, "from-%d.db", from);
		fx_path(path, dir, name);
		/* an empty SQLite file, then the first `from` migrations as an older program ran
		 * them */
		ck_assert_int_eq(fx_sql_exec(path, "PRAGMA user_version = 0", NULL, 0), SQLITE_OK);
		for (int i = 0; i < from; i++) {
			char msg[256], stamp[96];
			ck_assert_msg(fx_sql_exec(path, migrations[i].sql, msg, sizeof msg) ==
			                  SQLITE_OK,
			              "%s: %s", migrations[i].name, msg);
			snprintf(stamp, sizeof stamp,
			         "PRAGMA user_version = %d; "
			         "PRAGMA application_id = %d;",
			         migrations[i].version, STORE_APPLICATION_ID);
			ck_assert_int_eq(fx_sql_exec(path, stamp, NULL, 0), SQLITE_OK);
		}
		if (from > 0) {
			/* older data survives the upgrade */
			ck_assert_int_eq(
			    fx_sql_exec(path,
			                "INSERT INTO staff (username, display_name, role, "
			                "created_at) VALUES ('old', 'Old Timer', 'lead', "
			                "'2020-01-01T00:00:00.00Z')",
			                NULL, 0),
			    SQLITE_OK);
		}
		s = open_ok(path, from == 0 ? STORE_CREATE : STORE_EXISTING);
		ck_assert_int_eq(store_schema_version(s), store_schema_latest());
		if (from > 0) {
			struct staff who;
			ck_assert_int_eq(store_staff_by_username(s, "old", &who), CL_OK);
			ck_assert_str_eq(who.display_name, "Old Timer");
		}
		store_close(&s);
		char *got = schema_of(path);
		ck_assert_str_eq(got, want);
		free(got);

		/* opening again changes nothing */
		s = open_ok(path, STORE_EXISTING);
		ck_assert_int_eq(store_schema_version(s), store_schema_latest());
		store_close(&s);
		got = schema_of(path);
		ck_assert_str_eq(got, want);
		free(got);
		ck_assert_int_eq(fx_sql_int(path, "SELECT count(*) FROM staff"), from > 0 ? 1 : 0);
	}
	free(want);
}
END_TEST

START_TEST(reopen_keeps_data)
{
	struct store *s = open_ok(db, STORE_CREATE);
	int64_t id;
	ck_assert_int_eq(store_begin(s), CL_OK);
	ck_assert_int_eq(
	    store_staff_add(s, "casey", "Casey", "caseworker", "2024-06-15T12:00:00.00Z", &id),
	    CL_OK);
	ck_assert_int_eq(store_commit(s), CL_OK);
	store_close(&s);
	char *before = schema_of(db);
	for (int i = 0; i < 3; i++) {
		s = open_ok(db, i == 1 ? STORE_CREATE : STORE_EXISTING);
		struct staff who;
		ck_assert_int_eq(store_staff_by_id(s, id, &who), CL_OK);
		ck_assert_str_eq(who.username, "casey");
		store_close(&s);
	}
	char *after = schema_of(db);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	ck_assert_int_eq(fx_sql_int(db, "PRAGMA user_version"), store_schema_latest());
}
END_TEST

START_TEST(existing_missing_is_not_created)
{
	ck_assert_int_eq(open_fails(db, STORE_EXISTING), CL_ERR_NOTFOUND);
	ck_assert_int_eq(access(db, F_OK), -1);
	ck_assert_int_eq(fx_dir_entries(dir), 0);
}
END_TEST

START_TEST(missing_directory)
{
	char path[PATH_MAX];
	fx_path(path, dir, "no/such/dir/caseload.db");
	ck_assert_int_eq(open_fails(path, STORE_CREATE), CL_ERR_IO);
	ck_assert_int_eq(open_fails(path, STORE_EXISTING), CL_ERR_NOTFOUND);
	ck_assert_int_eq(fx_dir_entries(dir), 0);
}
END_TEST

START_TEST(directory_is_not_a_database)
{
	ck_assert_int_eq(open_fails(dir, STORE_EXISTING), CL_ERR_NOT_DB);
	ck_assert_int_eq(open_fails(dir, STORE_CREATE), CL_ERR_NOT_DB);
}
END_TEST

START_TEST(empty_file)
{
	fx_write_file(db, "", 0);
	struct file_state before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_EXISTING), CL_ERR_NOTFOUND);
	assert_unchanged(db, &before);
	/* an empty file is where `caseload init` may create the schema */
	struct store *s = open_ok(db, STORE_CREATE);
	ck_assert_int_eq(store_schema_version(s), store_schema_latest());
	store_close(&s);
}
END_TEST

static void make_newer(const char *path)
{
	char sql[256];
	snprintf(sql, sizeof sql,
	         "PRAGMA application_id = %d; PRAGMA user_version = 99; "
	         "CREATE TABLE from_the_future (x INTEGER);",
	         STORE_APPLICATION_ID);
	ck_assert_int_eq(fx_sql_exec(path, sql, NULL, 0), SQLITE_OK);
}

START_TEST(newer_schema_refused_untouched)
{
	make_newer(db);
	struct file_state before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_EXISTING), CL_ERR_NEWER_SCHEMA);
	ck_assert_msg(strstr(err, "newer") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "99") != NULL, "%s", err);
	assert_unchanged(db, &before);
	before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_CREATE), CL_ERR_NEWER_SCHEMA);
	assert_unchanged(db, &before);
	assert_no_side_files(db);
	ck_assert_int_eq(fx_sql_int(db, "PRAGMA user_version"), 99);
}
END_TEST

START_TEST(garbage_file_refused_untouched)
{
	unsigned char junk[8192];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 131 + 7 + (i >> 5));
	fx_write_file(db, junk, sizeof junk);
	struct file_state before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_EXISTING), CL_ERR_NOT_DB);
	assert_unchanged(db, &before);
	before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_CREATE), CL_ERR_NOT_DB);
	assert_unchanged(db, &before);
	assert_no_side_files(db);

	/* a short text file */
	fx_write_file(db, "name,dob\nAnn,1990-01-01\n", 24);
	before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_CREATE), CL_ERR_NOT_DB);
	assert_unchanged(db, &before);
}
END_TEST

START_TEST(truncated_file_refused_untouched)
{
	struct store *s = open_ok(db, STORE_CREATE);
	store_close(&s);
	size_t len;
	unsigned char *whole = fx_read_file(db, &len);
	ck_assert_uint_gt(len, 4096);
	/* the header alone, and the header cut in the middle */
	static const size_t cuts[] = {100, 60};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		fx_write_file(db, whole, cuts[i]);
		struct file_state before = snapshot(db);
		enum cl_status st = open_fails(db, STORE_EXISTING);
		ck_assert_msg(st == CL_ERR_NOT_DB || st == CL_ERR_CORRUPT, "cut at %zu: %s",
		              cuts[i], cl_status_text(st));
		assert_unchanged(db, &before);
		before = snapshot(db);
		st = open_fails(db, STORE_CREATE);
		ck_assert_msg(st == CL_ERR_NOT_DB || st == CL_ERR_CORRUPT, "cut at %zu: %s",
		              cuts[i], cl_status_text(st));
		assert_unchanged(db, &before);
	}
	free(whole);
}
END_TEST

START_TEST(truncated_pages_detected)
{
	struct store *s = open_ok(db, STORE_CREATE);
	store_close(&s);
	size_t len;
	unsigned char *whole = fx_read_file(db, &len);
	/* keep the first page (header and schema) but lose the tables' pages */
	fx_write_file(db, whole, 4096);
	free(whole);
	struct file_state before = snapshot(db);
	enum cl_status st = store_open(db, STORE_EXISTING, &s, err, sizeof err);
	if (st == CL_OK) {
		/* the schema page survived: the damage must show up in the integrity check */
		struct problems found = {0, ""};
		int problems = 0;
		enum cl_status cst = store_check_integrity(s, collect_problem, &found, &problems);
		ck_assert_msg(cst != CL_OK || problems > 0, "lost pages went unnoticed");
		store_close(&s);
		free(before.data);
	} else {
		ck_assert_msg(st == CL_ERR_CORRUPT || st == CL_ERR_NOT_DB, "%s: %s",
		              cl_status_text(st), err);
		assert_unchanged(db, &before);
	}
}
END_TEST

START_TEST(other_program_refused_untouched)
{
	/* no application id, but tables of its own */
	ck_assert_int_eq(fx_sql_exec(db,
	                             "CREATE TABLE contacts (name TEXT, phone TEXT); "
	                             "INSERT INTO contacts VALUES ('Ann', '555-0100');",
	                             NULL, 0),
	                 SQLITE_OK);
	struct file_state before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_CREATE), CL_ERR_NOT_DB);
	ck_assert_msg(strstr(err, "another program") != NULL, "%s", err);
	assert_unchanged(db, &before);
	before = snapshot(db);
	ck_assert_int_eq(open_fails(db, STORE_EXISTING), CL_ERR_NOT_DB);
	assert_unchanged(db, &before);
	assert_no_side_files(db);

	/* another application id, even without tables */
	char other[PATH_MAX];
	fx_path(other, dir, "other.db");
	ck_assert_int_eq(
	    fx_sql_exec(other, "PRAGMA application_id = 1234; PRAGMA user_version = 1", NULL, 0),
	    SQLITE_OK);
	before = snapshot(other);
	ck_assert_int_eq(open_fails(other, STORE_CREATE), CL_ERR_NOT_DB);
	assert_unchanged(other, &before);

	/* another application id with our user_version */
	fx_path(other, dir, "other2.db");
	ck_assert_int_eq(fx_sql_exec(other,
	                             "PRAGMA application_id = 1179012422; "
	                             "PRAGMA user_version = 1; CREATE TABLE person (id);",
	                             NULL, 0),
	                 SQLITE_OK);
	ck_assert_int_eq(open_fails(other, STORE_EXISTING), CL_ERR_NOT_DB);
}
END_TEST

/* Opening a file the user may not write: refused as read-only, nothing written. */
static void check_readonly(const char *path)
{
	struct file_state before = snapshot(path);
	struct store *s = (struct store *)1;
	enum cl_status st = store_open(path, STORE_EXISTING, &s, err, sizeof err);
	ck_assert_int_eq(st, CL_ERR_READONLY);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(err, path) != NULL, "%s", err);
	st = store_open(path, STORE_CREATE, &s, err, sizeof err);
	ck_assert_int_eq(st, CL_ERR_READONLY);
	assert_unchanged(path, &before);
}

START_TEST(readonly_file_refused)
{
	struct store *s = open_ok(db, STORE_CREATE);
	store_close(&s);
	ck_assert_int_eq(chmod(db, 0400), 0);
	if (geteuid() != 0) {
		check_readonly(db);
		return;
	}
	/* root ignores permissions: run the check as an unprivileged user in a child */
	ck_assert_int_eq(chmod(dir, 0755), 0);
	ck_assert_int_eq(chmod(db, 0444), 0);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0 || access(dir, X_OK) != 0)
			_exit(77); /* cannot drop privileges, or cannot reach the directory then */
		struct store *child = NULL;
		char msg[512];
		enum cl_status st = store_open(db, STORE_EXISTING, &child, msg, sizeof msg);
		_exit(st == CL_ERR_READONLY && child == NULL ? 0 : 10 + (int)st);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		return; /* cannot drop privileges here: nothing to check */
	ck_assert_msg(WEXITSTATUS(status) == 0, "child saw status %d", WEXITSTATUS(status) - 10);
	assert_no_side_files(db);
}
END_TEST

/* ---- the schema's own rules ---- */

static const char *const person_insert =
    "INSERT INTO person (oid, last_name, first_name, name_key, dob, sex, admission_date, "
    "custody, srd, updated_at) VALUES ";

static int raw_person(const char *values, char *msg, size_t msgsz)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "%s%s", person_insert, values);
	return fx_sql_exec(db, sql, msg, msgsz);
}

START_TEST(strict_and_check_constraints)
{
	struct store *s = open_ok(db, STORE_CREATE);
	store_close(&s);
	char msg[256];
	/* the statement itself is sound */
	ck_assert_int_eq(raw_person("('A1', 'Ann', '', 'ann', '1990-01-31', 'F', '2024-01-02', 1, "
	                            "'2026-01-01', 'x')",
	                            msg, sizeof msg),
	                 SQLITE_OK);
	static const char *const bad[] = {
	    /* not '1990-02-30': SQLite's date() passes days 29..31 of any month through, so the
	     * schema's CHECK (x IS date(x)) lets it in (date(x, '+0 days') would not) */
	    "('A2', 'Ann', '', 'ann', '1990-02-32', 'F', '2024-01-02', 1, NULL, 'x')",
	    "('A3', 'Ann', '', 'ann', '1990-1-31', 'F', '2024-01-02', 1, NULL, 'x')",
	    "('A4', 'Ann', '', 'ann', 'yesterday', 'F', '2024-01-02', 1, NULL, 'x')",
	    "('A5', 'Ann', '', 'ann', '1990-01-31', 'F', '2024-13-02', 1, NULL, 'x')",
	    "('A6', 'Ann', '', 'ann', '1990-01-31', 'F', '2024-01-02', 1, '2026-1-1', 'x')",
	    "('A7', 'Ann', '', 'ann', '1990-01-31', 'F', '2024-01-02', 1, '2026-01-01 ', 'x')",
	    "('A8', 'Ann', '', 'ann', '1990-01-31', 'Q', '2024-01-02', 1, NULL, 'x')",
	    "('A9', 'Ann', '', 'ann', '1990-01-31', 'F', '2024-01-02', 7, NULL, 'x')",
	    "('A10', '', '', 'ann', '1990-01-31', 'F', '2024-01-02', 1, NULL, 'x')",
	    "('A1234567890123', 'Ann', '', 'ann', '1990-01-31', 'F', '2024-01-02', 1, NULL, 'x')",
	    "('A1', 'Dup', '', 'dup', '1990-01-31', 'F', '2024-01-02', 1, NULL, 'x')",
	    "('A11', 'Ann', '', 'ann', NULL, 'F', '2024-01-02', 1, NULL, 'x')",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = raw_person(bad[i], msg, sizeof msg);
		ck_assert_msg(rc == SQLITE_CONSTRAINT, "%s: rc %d %s", bad[i], rc, msg);
	}
	/* STRICT: text in an INTEGER column is refused, not stored */
	int rc = raw_person("('A12', 'Ann', '', 'ann', '1990-01-31', 'F', '2024-01-02', 'high', "
	                    "NULL, 'x')",
	                    msg, sizeof msg);
	ck_assert_msg(rc == SQLITE_CONSTRAINT, "rc %d %s", rc, msg);
	ck_assert_msg(strstr(msg, "cannot store TEXT value in INTEGER column") != NULL, "%s", msg);
	/* an alert cannot end before it starts */
	rc = fx_sql_exec(db,
	                 "INSERT INTO alert (person_id, kind, start_date, end_date, created_at) "
	                 "VALUES (1, 1, '2024-02-01', '2024-01-01', 'x')",
	                 msg, sizeof msg);
	ck_assert_msg(rc == SQLITE_CONSTRAINT, "rc %d %s", rc, msg);
	rc = fx_sql_exec(db,
	                 "INSERT INTO alert (person_id, kind, start_date, end_date, created_at) "
	                 "VALUES (1, 1, '2024-01-01', '2024-01-01', 'x')",
	                 msg, sizeof msg);
	ck_assert_msg(rc == SQLITE_OK, "rc %d %s", rc, msg);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM person"), 1);
}
END_TEST

/* An app with one person, over `db`. */
static int64_t populate(struct fx_app *fx)
{
	fx_app_open(fx, "2024-06-15");
	struct person p;
	fx_person_init(&p, "A100001", "Nguyễn", "Văn An");
	p.caseworker_id = fx->staff_id;
	return fx_person_insert(&fx->app, &p, "Bob Nguyen", NULL, 0);
}

START_TEST(audit_log_is_append_only)
{
	struct fx_app fx;
	int64_t id = populate(&fx);
	struct audit_event e = {.at = "2024-06-15T12:00:00.00Z",
	                        .staff_id = fx.staff_id,
	                        .event = "person.view",
	                        .outcome = "ok",
	                        .person_id = id,
	                        .object = "",
	                        .terminal = "pts/1"};
	ck_assert_int_eq(store_audit_append(fx.app.store, &e), CL_OK);
	ck_assert_int_eq(store_audit_append(fx.app.store, &e), CL_OK);
	int64_t n = -1;
	ck_assert_int_eq(store_audit_count(fx.app.store, id, "person.view", &n), CL_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(store_audit_count(fx.app.store, id, "person.update", &n), CL_OK);
	ck_assert_int_eq(n, 0);
	e.outcome = "maybe";
	ck_assert_int_eq(store_audit_append(fx.app.store, &e), CL_ERR_CONSTRAINT);

	char msg[256];
	int rc = fx_sql_exec(fx.db, "UPDATE audit_log SET outcome = 'denied'", msg, sizeof msg);
	ck_assert_int_ne(rc, SQLITE_OK);
	ck_assert_msg(strstr(msg, "append-only") != NULL, "%s", msg);
	rc = fx_sql_exec(fx.db, "DELETE FROM audit_log", msg, sizeof msg);
	ck_assert_int_ne(rc, SQLITE_OK);
	ck_assert_msg(strstr(msg, "append-only") != NULL, "%s", msg);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM audit_log WHERE outcome = 'ok'"),
	                 2);
	ck_assert_int_eq(store_audit_count(fx.app.store, id, "person.view", &n), CL_OK);
	ck_assert_int_eq(n, 2);
	fx_app_close(&fx);
}
END_TEST

START_TEST(foreign_keys_enforced)
{
	struct fx_app fx;
	int64_t id = populate(&fx);
	struct store *s = fx.app.store;
	const char *at = "2024-06-15T12:00:00.00Z";
	ck_assert_int_eq(store_begin(s), CL_OK);
	ck_assert_int_eq(store_alert_add(s, 9999, ALERT_MEDICAL, "", 0, fx_date("2024-06-01"),
	                                 DATE_NONE, at, fx.staff_id, NULL),
	                 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(store_alert_add(s, id, ALERT_KEEP_SEPARATE, "", 9999,
	                                 fx_date("2024-06-01"), DATE_NONE, at, fx.staff_id, NULL),
	                 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(
	    store_enrollment_add(s, id, 9999, ENROLL_ACTIVE, fx_date("2024-06-01"), DATE_NONE),
	    CL_ERR_CONSTRAINT);
	ck_assert_int_eq(store_person_change_add(s, 9999, "srd", "", "2026-01-01", at, fx.staff_id),
	                 CL_ERR_CONSTRAINT);
	/* a missing person is not a duplicate alias */
	ck_assert_int_eq(store_alias_add(s, 9999, "Ghost"), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(store_alias_add(s, id, "Bob Nguyen"), CL_ERR_EXISTS);
	struct person p;
	fx_person_init(&p, "A100002", "Lee", "Ann");
	p.caseworker_id = 9999;
	struct person_keys keys = {"lee ann", "lee ann a100002"};
	struct person_derived d = {DATE_NONE, DUE_NONE, 0, DATE_NONE};
	int64_t pid;
	ck_assert_int_eq(store_person_insert(s, &p, &keys, &d, at, fx.staff_id, &pid),
	                 CL_ERR_CONSTRAINT);
	ck_assert_str_ne(store_last_error(s), "");
	struct draft_key dk = {fx.staff_id, 9999, "srd"};
	ck_assert_int_eq(store_draft_put(s, &dk, "2026", 1, at), CL_ERR_CONSTRAINT);
	store_rollback(s);
	size_t count;
	ck_assert_int_eq(store_people_count(s, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	fx_app_close(&fx);
}
END_TEST

START_TEST(api_refuses_what_the_schema_refuses)
{
	struct fx_app fx;
	populate(&fx);
	struct store *s = fx.app.store;
	const char *at = "2024-06-15T12:00:00.00Z";
	struct person_keys keys = {"x", "x"};
	struct person_derived d = {DATE_NONE, DUE_NONE, 0, DATE_NONE};
	int64_t pid;
	struct person p;
	ck_assert_int_eq(store_begin(s), CL_OK);
	fx_person_init(&p, "B1", "Lee", "Ann");
	p.dob = DATE_NONE;
	ck_assert_int_eq(store_person_insert(s, &p, &keys, &d, at, fx.staff_id, &pid),
	                 CL_ERR_CONSTRAINT);
	fx_person_init(&p, "B2", "Lee", "Ann");
	p.jail_credit_days = 40000;
	ck_assert_int_eq(store_person_insert(s, &p, &keys, &d, at, fx.staff_id, &pid),
	                 CL_ERR_CONSTRAINT);
	fx_person_init(&p, "B3", "", "Ann");
	ck_assert_int_eq(store_person_insert(s, &p, &keys, &d, at, fx.staff_id, &pid),
	                 CL_ERR_CONSTRAINT);
	fx_person_init(&p, "A100001", "Lee", "Ann"); /* OID taken */
	ck_assert_int_eq(store_person_insert(s, &p, &keys, &d, at, fx.staff_id, &pid),
	                 CL_ERR_CONSTRAINT);
	fx_person_init(&p, "B4", "Lee", "Ann");
	ck_assert_int_eq(store_person_insert(s, &p, &keys, &d, at, fx.staff_id, &pid), CL_OK);
	store_rollback(s);
	size_t count;
	ck_assert_int_eq(store_people_count(s, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	int64_t staff;
	ck_assert_int_eq(store_staff_add(s, "x", "X", "janitor", at, &staff), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(store_staff_add(s, "casey", "Again", "lead", at, &staff),
	                 CL_ERR_CONSTRAINT);
	fx_app_close(&fx);
}
END_TEST

/* ---- integrity ---- */

START_TEST(integrity_clean)
{
	struct store *s = open_ok(db, STORE_CREATE);
	struct problems found = {0, ""};
	int problems = -1;
	ck_assert_int_eq(store_check_integrity(s, collect_problem, &found, &problems), CL_OK);
	ck_assert_int_eq(problems, 0);
	ck_assert_int_eq(found.count, 0);
	store_close(&s);

	struct fx_app fx;
	populate(&fx);
	problems = -1;
	ck_assert_int_eq(store_check_integrity(fx.app.store, collect_problem, &found, &problems),
	                 CL_OK);
	ck_assert_msg(problems == 0, "%s", found.text);
	fx_app_close(&fx);
}
END_TEST

START_TEST(integrity_search_index_extra_row)
{
	struct fx_app fx;
	populate(&fx);
	ck_assert_int_eq(fx_sql_exec(fx.db,
	                             "INSERT INTO person_search (rowid, search_text) "
	                             "VALUES (4242, 'nobody at all')",
	                             NULL, 0),
	                 SQLITE_OK);
	struct problems found = {0, ""};
	int problems = 0;
	ck_assert_int_eq(store_check_integrity(fx.app.store, collect_problem, &found, &problems),
	                 CL_OK);
	ck_assert_int_ge(problems, 1);
	ck_assert_int_eq(found.count, problems);
	ck_assert_msg(strstr(found.text, "search index") != NULL, "%s", found.text);
	fx_app_close(&fx);
}
END_TEST

START_TEST(integrity_search_index_missing_row)
{
	struct fx_app fx;
	int64_t id = populate(&fx);
	char sql[256];
	snprintf(sql, sizeof sql,
	         "DELETE FROM person_search WHERE rowid = %lld",
	         (long long)id);
	ck_assert_int_eq(fx_sql_exec(fx.db, sql, NULL, 0), SQLITE_OK);
	struct problems found = {0, ""};
	int problems = 0;
	ck_assert_int_eq(store_check_integrity(fx.app.store, collect_problem, &found, &problems),
	                 CL_OK);
	ck_assert_int_ge(problems, 1);
	ck_assert_msg(strstr(found.text, "search index") != NULL, "%s", found.text);
	fx_app_close(&fx);
}
END_TEST

START_TEST(integrity_foreign_key_violation)
{
	struct fx_app fx;
	populate(&fx);
	/* a raw connection does not enforce foreign keys unless asked */
	ck_assert_int_eq(fx_sql_exec(fx.db,
	                             "INSERT INTO person_alias (person_id, alias) "
	                             "VALUES (777, 'orphan')",
	                             NULL, 0),
	                 SQLITE_OK);
	struct problems found = {0, ""};
	int problems = 0;
	ck_assert_int_eq(store_check_integrity(fx.app.store, collect_problem, &found, &problems),
	                 CL_OK);
	ck_assert_int_eq(problems, 1);
	ck_assert_msg(strstr(found.text, "person_alias") != NULL &&
	                  strstr(found.text, "person") != NULL,
	              "%s", found.text);
	fx_app_close(&fx);
}
END_TEST

/* ---- transactions ---- */

START_TEST(transactions)
{
	struct fx_app fx;
	populate(&fx);
	struct store *s = fx.app.store;
	store_rollback(s); /* none open: harmless */
	int64_t id;
	ck_assert_int_eq(store_begin(s), CL_OK);
	ck_assert_int_ne(store_begin(s), CL_OK); /* no nesting */
	ck_assert_int_eq(store_staff_add(s, "temp", "Temp", "intern", "t", &id), CL_OK);
	store_rollback(s);
	struct staff who;
	ck_assert_int_eq(store_staff_by_username(s, "temp", &who), CL_ERR_NOTFOUND);
	ck_assert_int_ne(store_commit(s), CL_OK); /* nothing to commit */
	ck_assert_int_eq(store_begin(s), CL_OK);
	ck_assert_int_eq(store_staff_add(s, "temp", "Temp", "intern", "t", &id), CL_OK);
	ck_assert_int_eq(store_commit(s), CL_OK);
	ck_assert_int_eq(store_staff_by_username(s, "temp", &who), CL_OK);
	ck_assert_int_eq(who.id, id);
	ck_assert_int_eq(store_analyze(s), CL_OK);
	fx_app_close(&fx);
}
END_TEST

/* Another terminal's write transaction: we wait for it a while, then say "busy"; reading
 * goes on meanwhile (WAL). */
START_TEST(busy_is_reported)
{
	struct fx_app fx;
	populate(&fx);
	sqlite3 *other;
	ck_assert_int_eq(sqlite3_open(fx.db, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other,
	                              "BEGIN IMMEDIATE; INSERT INTO staff (username, "
	                              "display_name, role, created_at) VALUES ('w', 'W', "
	                              "'lead', 't')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	struct store *s = fx.app.store;
	size_t count = 0;
	ck_assert_int_eq(store_people_count(s, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	time_t start = time(NULL);
	ck_assert_int_eq(store_begin(s), CL_ERR_BUSY);
	ck_assert_int_ge(time(NULL) - start, 2); /* it waited instead of failing at once */
	ck_assert_str_ne(store_last_error(s), "");
	ck_assert_int_eq(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	ck_assert_int_eq(store_begin(s), CL_OK);
	store_rollback(s);
	struct staff who;
	ck_assert_int_eq(store_staff_by_username(s, "w", &who), CL_OK);
	fx_app_close(&fx);
}
END_TEST

/* ---- staff, drafts, single records ---- */

START_TEST(staff_queries)
{
	struct fx_app fx;
	fx_app_open(&fx, "2024-06-15");
	struct store *s = fx.app.store;
	int64_t lead = fx_staff_add(&fx.app, "lee", "Alex Lee", "lead");
	int64_t w2 = fx_staff_add(&fx.app, "ana", "Ana Zúñiga", "caseworker");
	fx_staff_add(&fx.app, "bea", "Bea Aalto", "caseworker");
	struct staff who;
	ck_assert_int_eq(store_staff_by_id(s, lead, &who), CL_OK);
	ck_assert_str_eq(who.username, "lee");
	ck_assert_str_eq(who.role, "lead");
	ck_assert(who.active);
	ck_assert_int_eq(store_staff_by_id(s, 999, &who), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_staff_by_username(s, "nobody", &who), CL_ERR_NOTFOUND);
	struct staff *list;
	size_t n;
	ck_assert_int_eq(store_staff_list(s, "caseworker", &list, &n), CL_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(list[0].display_name, "Ana Zúñiga");
	ck_assert_str_eq(list[1].display_name, "Bea Aalto");
	ck_assert_str_eq(list[2].display_name, "Casey Caseworker");
	free(list);
	ck_assert_int_eq(store_staff_list(s, "", &list, &n), CL_OK);
	ck_assert_uint_eq(n, 4);
	free(list);
	ck_assert_int_eq(store_staff_list(s, "auditor", &list, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	free(list);

	/* someone who left: not listed, and cannot sign in */
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE staff SET active = 0 WHERE id = %lld", (long long)w2);
	ck_assert_int_eq(fx_sql_exec(fx.db, sql, NULL, 0), SQLITE_OK);
	ck_assert_int_eq(store_staff_list(s, "caseworker", &list, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	free(list);
	ck_assert_int_eq(fx_login(&fx.app, "ana"), CL_ERR_DENIED);
	ck_assert_int_eq(fx.app.me.id, 0);
	ck_assert_int_eq(fx_login(&fx.app, "nobody"), CL_ERR_NOTFOUND);
	ck_assert_int_eq(fx.app.me.id, 0);
	ck_assert_int_eq(fx_login(&fx.app, "lee"), CL_OK);
	ck_assert_int_eq(fx.app.me.id, lead);
	fx_app_close(&fx);
}
END_TEST

START_TEST(drafts)
{
	struct fx_app fx;
	int64_t id = populate(&fx);
	struct store *s = fx.app.store;
	struct draft_key key = {fx.staff_id, id, "last_name"};
	struct strbuf value;
	strbuf_init(&value);
	int64_t base = -1;
	ck_assert_int_eq(store_draft_get(s, &key, &value, &base), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_draft_put(s, &key, "Nguyễn-Trần", 3, "t1"), CL_OK);
	ck_assert_int_eq(store_draft_get(s, &key, &value, &base), CL_OK);
	ck_assert_str_eq(value.buf, "Nguyễn-Trần");
	ck_assert_int_eq(base, 3);
	ck_assert_int_eq(store_draft_put(s, &key, "Trần", 4, "t2"), CL_OK);
	strbuf_reset(&value);
	ck_assert_int_eq(store_draft_get(s, &key, &value, &base), CL_OK);
	ck_assert_str_eq(value.buf, "Trần");
	ck_assert_int_eq(base, 4);
	/* drafts are per field */
	struct draft_key other = {fx.staff_id, id, "first_name"};
	ck_assert_int_eq(store_draft_get(s, &other, &value, &base), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_draft_delete(s, &key), CL_OK);
	ck_assert_int_eq(store_draft_get(s, &key, &value, &base), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_draft_delete(s, &key), CL_OK); /* deleting nothing is fine */
	strbuf_clear(&value);
	fx_app_close(&fx);
}
END_TEST

START_TEST(person_record_sections)
{
	struct fx_app fx;
	int64_t id = populate(&fx);
	struct store *s = fx.app.store;
	const char *at = "2024-06-15T12:00:00.00Z";
	struct person other;
	fx_person_init(&other, "A100002", "Lee", "Ann");
	int64_t oid2 = fx_person_insert(&fx.app, &other, NULL, NULL, 0);

	ck_assert_int_eq(store_begin(s), CL_OK);
	int64_t prog, prog_again, a1, a2;
	ck_assert_int_eq(store_program_ensure(s, "GED", "education", &prog), CL_OK);
	ck_assert_int_eq(store_program_ensure(s, "GED", "education", &prog_again), CL_OK);
	ck_assert_int_eq(prog, prog_again);
	ck_assert_int_eq(
	    store_enrollment_add(s, id, prog, ENROLL_ACTIVE, fx_date("2024-02-01"), DATE_NONE),
	    CL_OK);
	ck_assert_int_eq(store_alert_add(s, id, ALERT_MEDICAL, "diabetic", 0, fx_date("2023-05-01"),
	                                 fx_date("2023-06-01"), at, fx.staff_id, &a1),
	                 CL_OK);
	ck_assert_int_eq(store_alert_add(s, id, ALERT_KEEP_SEPARATE, "", oid2,
	                                 fx_date("2024-01-01"), DATE_NONE, at, fx.staff_id, &a2),
	                 CL_OK);
	ck_assert_int_eq(store_housing_move(s, id, "B", "104", CUSTODY_MEDIUM,
	                                    fx_date("2023-01-10"), "intake", at, fx.staff_id),
	                 CL_OK);
	ck_assert_int_eq(store_housing_move(s, id, "C", "201", CUSTODY_CLOSE, fx_date("2024-03-01"),
	                                    "classification", at, fx.staff_id),
	                 CL_OK);
	for (int i = 0; i < 230; i++) {
		char v[16];
		snprintf(v, sizeof v, "%d", i);
		ck_assert_int_eq(
		    store_person_change_add(s, id, "jail_credit_days", "", v, at, fx.staff_id),
		    CL_OK);
	}
	ck_assert_int_eq(store_alias_add(s, id, "Ace"), CL_OK);
	ck_assert_int_eq(store_commit(s), CL_OK);

	struct person_record r;
	ck_assert_int_eq(store_person_record(s, id, &r), CL_OK);
	ck_assert_str_eq(r.person.last_name, "Nguyễn");
	ck_assert_str_eq(r.person.caseworker_name, "Casey Caseworker");
	ck_assert_uint_eq(r.alias_count, 2);
	ck_assert_str_eq(r.aliases[0], "Ace");
	ck_assert_str_eq(r.aliases[1], "Bob Nguyen");
	ck_assert_uint_eq(r.alert_count, 2);
	ck_assert_int_eq(r.alerts[0].id, a2); /* open alerts first */
	ck_assert_int_eq(r.alerts[0].end, DATE_NONE);
	ck_assert_str_eq(r.alerts[0].separate_from, "A100002 Lee, Ann");
	ck_assert_int_eq(r.alerts[1].id, a1);
	ck_assert_str_eq(r.alerts[1].detail, "diabetic");
	ck_assert_int_eq(r.alerts[1].end, fx_date("2023-06-01"));
	ck_assert_uint_eq(r.housing_count, 2);
	ck_assert_str_eq(r.housing[0].unit, "C");
	ck_assert_int_eq(r.housing[0].end, DATE_NONE);
	ck_assert_int_eq(r.housing[0].custody, CUSTODY_CLOSE);
	ck_assert_str_eq(r.housing[1].unit, "B");
	ck_assert_int_eq(r.housing[1].end, fx_date("2024-03-01"));
	ck_assert_str_eq(r.housing[1].recorded_by, "Casey Caseworker");
	ck_assert_uint_eq(r.enrollment_count, 1);
	ck_assert_str_eq(r.enrollments[0].program, "GED");
	ck_assert_int_eq(r.enrollments[0].status, ENROLL_ACTIVE);
	ck_assert_uint_eq(r.change_count, 200); /* the newest 200 */
	ck_assert_str_eq(r.changes[0].new_value, "229");
	ck_assert_str_eq(r.changes[199].new_value, "30");
	ck_assert_str_eq(r.changes[0].changed_by, "Casey Caseworker");
	person_record_clear(&r);
	ck_assert_ptr_null(r.aliases);
	ck_assert_uint_eq(r.change_count, 0);

	ck_assert_int_eq(store_person_record(s, 9999, &r), CL_ERR_NOTFOUND);
	ck_assert_ptr_null(r.aliases);
	struct alert *alerts;
	size_t n;
	ck_assert_int_eq(store_alerts_dates(s, id, &alerts, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	free(alerts);
	ck_assert_int_eq(store_begin(s), CL_OK);
	ck_assert_int_eq(store_alert_end(s, oid2, a2, fx_date("2024-06-01")), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_alert_end(s, id, a2, fx_date("2023-12-01")), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(store_alert_end(s, id, a2, fx_date("2024-06-01")), CL_OK);
	ck_assert_int_eq(store_housing_move(s, id, "E", "1", CUSTODY_MINIMUM, fx_date("2024-02-29"),
	                                    "backdated", at, fx.staff_id),
	                 CL_ERR_INVALID); /* the open stay began 2024-03-01 */
	ck_assert_str_ne(store_last_error(s), "");
	ck_assert_int_eq(store_alias_remove(s, id, "Nobody"), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_alias_remove(s, id, "Ace"), CL_OK);
	ck_assert_int_eq(store_commit(s), CL_OK);
	struct strbuf joined;
	strbuf_init(&joined);
	ck_assert_int_eq(store_alias_joined(s, id, &joined), CL_OK);
	ck_assert_str_eq(joined.buf, "Bob Nguyen");
	strbuf_clear(&joined);
	fx_app_close(&fx);
}
END_TEST

START_TEST(person_update_versions)
{
	struct fx_app fx;
	int64_t id = populate(&fx);
	struct store *s = fx.app.store;
	struct person a, b;
	ck_assert_int_eq(store_person_get(s, id, &a), CL_OK);
	ck_assert_int_eq(a.version, 1);
	ck_assert_str_eq(a.updated_by, "Casey Caseworker");
	b = a;
	struct person_keys keys = {"tran van an", "tran van an a100001"};
	str_copy(a.last_name, sizeof a.last_name, "Trần");
	ck_assert_int_eq(store_begin(s), CL_OK);
	ck_assert_int_eq(store_person_update(s, &a, &keys, "t", fx.staff_id), CL_OK);
	ck_assert_int_eq(a.version, 2);
	str_copy(b.first_name, sizeof b.first_name, "Bình");
	ck_assert_int_eq(store_person_update(s, &b, &keys, "t", fx.staff_id), CL_ERR_STALE);
	ck_assert_int_eq(b.version, 1);
	ck_assert_int_eq(store_commit(s), CL_OK);
	struct person now;
	ck_assert_int_eq(store_person_get(s, id, &now), CL_OK);
	ck_assert_str_eq(now.last_name, "Trần");
	ck_assert_str_eq(now.first_name, "Văn An");
	ck_assert_int_eq(now.version, 2);
	now.id = 9999;
	ck_assert_int_eq(store_begin(s), CL_OK);
	ck_assert_int_eq(store_person_update(s, &now, &keys, "t", fx.staff_id), CL_ERR_NOTFOUND);
	store_rollback(s);
	ck_assert_int_eq(store_person_get(s, 9999, &now), CL_ERR_NOTFOUND);
	fx_app_close(&fx);
}
END_TEST

START_TEST(people_to_refresh)
{
	struct fx_app fx;
	fx_app_open(&fx, "2024-06-15");
	struct store *s = fx.app.store;
	const char *dates[] = {"2024-06-10", "2024-06-15", "2024-06-16", "2025-01-01", ""};
	int64_t ids[5];
	for (int i = 0; i < 5; i++) {
		struct person p;
		char oid[16];
		snprintf(oid, sizeof oid, "R%d", i);
		fx_person_init(&p, oid, "Lee", "Ann");
		ids[i] = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
		struct person_derived d = {DATE_NONE, DUE_NONE, 0, fx_date(dates[i])};
		ck_assert_int_eq(store_person_set_derived(s, ids[i], &d), CL_OK);
	}
	int64_t *got;
	size_t n;
	ck_assert_int_eq(store_people_to_refresh(s, fx_date("2024-06-15"), 100, &got, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(got[0], ids[0]);
	ck_assert_int_eq(got[1], ids[1]);
	free(got);
	ck_assert_int_eq(store_people_to_refresh(s, fx_date("2024-06-15"), 1, &got, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(got[0], ids[0]);
	free(got);
	ck_assert_int_eq(store_people_to_refresh(s, fx_date("2030-01-01"), 100, &got, &n), CL_OK);
	ck_assert_uint_eq(n, 4); /* DATE_NONE: never */
	free(got);
	ck_assert_int_eq(store_people_to_refresh(s, fx_date("2024-01-01"), 100, &got, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(got);
	fx_app_close(&fx);
}
END_TEST

START_TEST(lookups)
{
	struct fx_app fx;
	int64_t id = populate(&fx);
	struct store *s = fx.app.store;
	int64_t found = 0;
	ck_assert_int_eq(store_person_id_by_oid(s, "A100001", &found), CL_OK);
	ck_assert_int_eq(found, id);
	ck_assert_int_eq(store_person_id_by_oid(s, "A100009", &found), CL_ERR_NOTFOUND);
	struct caseload_row row;
	ck_assert_int_eq(store_caseload_row(s, id, &row), CL_OK);
	ck_assert_str_eq(row.name, "Nguyễn, Văn An");
	ck_assert_str_eq(row.oid, "A100001");
	ck_assert_str_eq(row.unit, "B");
	ck_assert_str_eq(row.cell, "104");
	ck_assert_int_eq(row.srd, fx_date("2026-03-01"));
	ck_assert_int_eq(row.next_due, fx_date("2024-09-01"));
	ck_assert_int_eq(row.next_due_kind, DUE_REVIEW);
	ck_assert_int_eq(store_caseload_row(s, id + 100, &row), CL_ERR_NOTFOUND);
	for (int i = 0; i < SORT_COUNT; i++)
		ck_assert_str_ne(store_sort_label((enum caseload_sort)i), "?");
	ck_assert_str_eq(store_sort_label(SORT_SRD), "release date");
	ck_assert_str_eq(store_sort_label((enum caseload_sort)SORT_COUNT), "?");
	ck_assert(store_sort_default_descending(SORT_RISK));
	ck_assert(!store_sort_default_descending(SORT_NAME));
	ck_assert(!store_sort_default_descending((enum caseload_sort)SORT_COUNT));
	struct caseload_query q = {0, "", (enum caseload_sort)SORT_COUNT, false};
	size_t n;
	ck_assert_int_eq(store_caseload_page(s, &q, NULL, false, &row, 1, &n), CL_ERR_INVALID);
	ck_assert_int_eq(store_caseload_count(s, &q, 10, &n), CL_ERR_INVALID);
	fx_app_close(&fx);
}
END_TEST

static Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("open");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, create_fresh);
	tcase_add_test(tc, migration_table_is_ordered);
	tcase_add_test(tc, migrate_from_every_version);
	tcase_add_test(tc, reopen_keeps_data);
	tcase_add_test(tc, existing_missing_is_not_created);
	tcase_add_test(tc, missing_directory);
	tcase_add_test(tc, directory_is_not_a_database);
	tcase_add_test(tc, empty_file);
	tcase_add_test(tc, newer_schema_refused_untouched);
	tcase_add_test(tc, garbage_file_refused_untouched);
	tcase_add_test(tc, truncated_file_refused_untouched);
	tcase_add_test(tc, truncated_pages_detected);
	tcase_add_test(tc, other_program_refused_untouched);
	tcase_add_test(tc, readonly_file_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120); /* busy_is_reported waits out the busy timeout */
	tcase_add_test(tc, strict_and_check_constraints);
	tcase_add_test(tc, audit_log_is_append_only);
	tcase_add_test(tc, foreign_keys_enforced);
	tcase_add_test(tc, api_refuses_what_the_schema_refuses);
	tcase_add_test(tc, integrity_clean);
	tcase_add_test(tc, integrity_search_index_extra_row);
	tcase_add_test(tc, integrity_search_index_missing_row);
	tcase_add_test(tc, integrity_foreign_key_violation);
	tcase_add_test(tc, transactions);
	tcase_add_test(tc, busy_is_reported);
	suite_add_tcase(s, tc);
	tc = tcase_create("queries");
	tcase_add_test(tc, staff_queries);
	tcase_add_test(tc, drafts);
	tcase_add_test(tc, person_record_sections);
	tcase_add_test(tc, person_update_versions);
	tcase_add_test(tc, people_to_refresh);
	tcase_add_test(tc, lookups);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(store_suite());
}
