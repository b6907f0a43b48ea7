#include "fixture.h"

#include <dirent.h>
#include <langinfo.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caseload/keydates.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "caseload/staff.h"
#include "caseload/strbuf.h"

int fx_run(Suite *suite)
{
	/* the display functions decide widths through the locale, as the program does */
	if (!setlocale(LC_ALL, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(suite);
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void fx_tmpdir(char *dir)
{
	const char *base = getenv("TMPDIR");
	snprintf(dir, PATH_MAX, "%s/caseload-unit-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s failed", dir);
}

void fx_rmtree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char path[PATH_MAX];
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		fx_path(path, dir, e->d_name);
		chmod(path, 0600);
		unlink(path);
	}
	closedir(d);
	chmod(dir, 0700);
	rmdir(dir);
}

void fx_path(char *out, const char *dir, const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);
	ck_assert(n > 0 && n < PATH_MAX);
}

unsigned char *fx_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	*len = 0;
	if (!f)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_append(&sb, chunk, n);
	fclose(f);
	*len = sb.len;
	unsigned char *data = (unsigned char *)strbuf_detach(&sb);
	strbuf_clear(&sb); /* detach leaves a fresh buffer behind */
	return data;
}

void fx_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

int fx_dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot list %s", dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

int64_t fx_staff_add(struct app *app, const char *username, const char *display, const char *role)
{
	char at[32];
	int64_t id = 0;
	app_timestamp(app, at);
	ck_assert_int_eq(store_begin(app->store), CL_OK);
	enum cl_status st = store_staff_add(app->store, username, display, role, at, &id);
	ck_assert_msg(st == CL_OK, "staff_add %s: %s", username, store_last_error(app->store));
	ck_assert_int_eq(store_commit(app->store), CL_OK);
	ck_assert(id > 0);
	return id;
}

enum cl_status fx_login(struct app *app, const char *username)
{
	/* white-box: the session as sign-in leaves it, without the password conversation
	 * (tests/unit/test_session.c covers that) */
	memset(&app->me, 0, sizeof app->me);
	enum cl_status st = store_staff_by_username(app->store, username, &app->me);
	if (st != CL_OK || !app->me.active) {
		memset(&app->me, 0, sizeof app->me);
		return st == CL_OK ? CL_ERR_DENIED : st;
	}
	app->signed_in_at = app->last_auth_at = clock_now(&app->clock);
	return CL_OK;
}

void fx_app_open(struct fx_app *fx, const char *now)
{
	memset(fx, 0, sizeof *fx);
	fx_tmpdir(fx->dir);
	fx_path(fx->db, fx->dir, "caseload.db");
	char err[512];
	setenv("CASELOAD_NOW", now, 1);
	enum cl_status st = app_open(&fx->app, fx->db, STORE_CREATE, err, sizeof err);
	unsetenv("CASELOAD_NOW");
	ck_assert_msg(st == CL_OK, "app_open: %s", err);
	fx->staff_id = fx_staff_add(&fx->app, "casey", "Casey Caseworker", "caseworker");
	ck_assert_int_eq(fx_login(&fx->app, "casey"), CL_OK);
	ck_assert(fx->app.me.id == fx->staff_id);
}

void fx_app_close(struct fx_app *fx)
{
	app_close(&fx->app);
	fx_rmtree(fx->dir);
}

void fx_sql_refused(const char *path, const char *why, const char *fmt, long long a, long long b)
{
	char sql[600], message[300];
	snprintf(sql, sizeof sql, fmt, a, b);
	int rc = fx_sql_exec(path, sql, message, sizeof message);
	ck_assert_msg(rc != FX_SQLITE_OK, "accepted: %s", sql);
	ck_assert_msg(strstr(message, why), "%s: %s", sql, message);
}

void fx_sql_accepted(const char *path, const char *fmt, long long a, long long b)
{
	char sql[600], message[300];
	snprintf(sql, sizeof sql, fmt, a, b);
	int rc = fx_sql_exec(path, sql, message, sizeof message);
	ck_assert_msg(rc == FX_SQLITE_OK, "%s: %s", sql, message);
}

void fx_tx_begin(struct store *store)
{
	ck_assert_int_eq(store_begin(store), CL_OK);
}

enum cl_status fx_tx_end(struct store *store, enum cl_status r)
{
	if (r == CL_OK)
		ck_assert_int_eq(store_commit(store), CL_OK);
	else
		store_rollback(store);
	return r;
}

date_t fx_date(const char *ymd)
{
	if (!*ymd)
		return DATE_NONE;
	date_t d;
	ck_assert_msg(date_parse(ymd, &d), "bad test date %s", ymd);
	return d;
}

void fx_set_today(struct app *app, const char *ymd)
{
	clock_init_fixed(&app->clock, (time_t)fx_date(ymd) * 86400 + 12 * 3600);
}

void fx_person_init(struct person *p, const char *oid, const char *last, const char *first)
{
	memset(p, 0, sizeof *p);
	str_copy(p->oid, sizeof p->oid, oid);
	str_copy(p->last_name, sizeof p->last_name, last);
	str_copy(p->first_name, sizeof p->first_name, first);
	p->dob = fx_date("1985-04-12");
	p->sex = SEX_MALE;
	str_copy(p->language, sizeof p->language, "English");
	str_copy(p->unit, sizeof p->unit, "B");
	str_copy(p->cell, sizeof p->cell, "104");
	p->custody = CUSTODY_MEDIUM;
	p->risk = RISK_MODERATE;
	p->admission = fx_date("2023-01-10");
	p->sentence_begin = fx_date("2022-12-01");
	p->jail_credit_days = 40;
	p->srd = fx_date("2026-03-01");
	p->expiration = fx_date("2028-03-01");
	p->next_review = fx_date("2024-09-01");
	p->ecrc_required = false;
}

int64_t fx_person_insert(struct app *app, const struct person *p, const char *aliases,
                         const struct alert *alerts, size_t alert_count)
{
	struct strbuf name_key, search;
	strbuf_init(&name_key);
	strbuf_init(&search);
	app_person_keys(p, aliases, &name_key, &search);
	struct person_keys keys = {name_key.buf, search.buf};
	struct person_derived derived;
	keydates_derive(p, alerts, alert_count, app_today(app), &derived);
	char at[32];
	app_timestamp(app, at);
	int64_t id = 0;
	ck_assert_int_eq(store_begin(app->store), CL_OK);
	enum cl_status st =
	    store_person_insert(app->store, p, &keys, &derived, at, app->me.id, &id);
	ck_assert_msg(st == CL_OK, "person_insert %s: %s", p->oid, store_last_error(app->store));
	if (aliases && *aliases) {
		/* the same "; "-joined form store_alias_joined gives back */
		char *copy = xstrdup(aliases);
		for (char *tok = copy, *next; tok; tok = next) {
			next = strstr(tok, "; ");
			if (next) {
				*next = '\0';
				next += 2;
			}
			ck_assert_int_eq(store_alias_add(app->store, id, tok), CL_OK);
		}
		free(copy);
	}
	for (size_t i = 0; i < alert_count; i++) {
		st = store_alert_add(app->store, id, alerts[i].kind, alerts[i].detail, 0,
		                     alerts[i].start, alerts[i].end, at, app->me.id, NULL);
		ck_assert_msg(st == CL_OK, "alert_add: %s", store_last_error(app->store));
	}
	ck_assert_int_eq(store_commit(app->store), CL_OK);
	strbuf_clear(&name_key);
	strbuf_clear(&search);
	return id;
}

/* ---- raw SQLite ---- */

static sqlite3 *fx_sql_open(const char *path)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	ck_assert_msg(rc == SQLITE_OK, "raw open %s: %s", path, sqlite3_errstr(rc));
	sqlite3_busy_timeout(db, 5000);
	return db;
}

int fx_sql_exec(const char *path, const char *sql, char *msg, size_t msgsz)
{
	sqlite3 *db = fx_sql_open(path);
	char *errmsg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &errmsg);
	if (msg && msgsz)
		snprintf(msg, msgsz, "%s", errmsg ? errmsg : "");
	sqlite3_free(errmsg);
	sqlite3_close(db);
	return rc;
}

static sqlite3_stmt *fx_sql_first(sqlite3 *db, const char *path, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s: %s", path, sql, sqlite3_errmsg(db));
	rc = sqlite3_step(stmt);
	ck_assert_msg(rc == SQLITE_ROW, "%s: %s: no row (%s)", path, sql, sqlite3_errmsg(db));
	return stmt;
}

long long fx_sql_int(const char *path, const char *sql)
{
	sqlite3 *db = fx_sql_open(path);
	sqlite3_stmt *stmt = fx_sql_first(db, path, sql);
	long long v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

void fx_sql_text(const char *path, const char *sql, char *out, size_t outsz)
{
	sqlite3 *db = fx_sql_open(path);
	sqlite3_stmt *stmt = fx_sql_first(db, path, sql);
	const unsigned char *t = sqlite3_column_text(stmt, 0);
	snprintf(out, outsz, "%s", t ? (const char *)t : "");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

char *fx_sql_dump(const char *path, const char *sql)
{
	sqlite3 *db = fx_sql_open(path);
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s: %s", path, sql, sqlite3_errmsg(db));
	struct strbuf sb;
	strbuf_init(&sb);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			const unsigned char *t = sqlite3_column_text(stmt, c);
			if (c)
				strbuf_putc(&sb, '|');
			strbuf_puts(&sb, t ? (const char *)t : "NULL");
		}
		strbuf_putc(&sb, '\n');
	}
	ck_assert_msg(rc == SQLITE_DONE, "%s: %s: %s", path, sql, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	char *text = strbuf_detach(&sb);
	strbuf_clear(&sb);
	return text;
}

/* ---- the timeline ---- */

bool fx_timeline_before(const struct timeline_entry *a, const struct timeline_entry *b)
{
	int c = strcmp(a->at, b->at);
	if (c != 0)
		return c > 0;
	if (a->kind != b->kind)
		return a->kind < b->kind;
	return a->id > b->id;
}

size_t fx_timeline_paged(struct store *store, const struct note_reader *reader,
                         const struct timeline_query *base, size_t page,
                         struct timeline_entry *out, size_t max)
{
	struct timeline_query q = *base;
	char before[32];
	size_t total = 0, count;
	do {
		ck_assert_uint_le(total + page, max);
		ck_assert_int_eq(store_timeline(store, reader, &q, out + total, page, &count), CL_OK);
		ck_assert_uint_le(count, page);
		if (count) {
			const struct timeline_entry *last = &out[total + count - 1];
			str_copy(before, sizeof before, last->at);
			q.before_at = before;
			q.before_id = last->id;
			q.before_kind = last->kind;
		}
		total += count;
	} while (count == page);
	return total;
}
