/* Opening, migrating and checking the database; the statement cache and error mapping. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "caseload/migrations.h"
#include "caseload/strbuf.h"

/* Filesystems on which SQLite's locking is unreliable: sharing the file over them corrupts it. */
#define FS_NFS 0x6969
#define FS_SMB 0x517B
#define FS_CIFS 0xFF534D42
#define FS_SMB2 0xFE534D42
#define FS_AFS 0x5346414F

int store_schema_latest(void)
{
	return migrations_count > 0 ? migrations[migrations_count - 1].version : 0;
}

const char *store_last_error(const struct store *store)
{
	return store->error;
}

enum cl_status store_fail(struct store *store, int rc)
{
	snprintf(store->error, sizeof store->error, "%s", sqlite3_errmsg(store->db));
	switch (rc & 0xFF) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return CL_OK;
	case SQLITE_NOMEM:
		return CL_ERR_NOMEM;
	case SQLITE_FULL:
		return CL_ERR_FULL;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return CL_ERR_IO;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return CL_ERR_BUSY;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return CL_ERR_READONLY;
	case SQLITE_CORRUPT:
		return CL_ERR_CORRUPT;
	case SQLITE_NOTADB:
		return CL_ERR_NOT_DB;
	case SQLITE_CONSTRAINT:
		return CL_ERR_CONSTRAINT;
	default:
		return CL_ERR_INTERNAL;
	}
}

enum cl_status store_error(struct store *store, enum cl_status st, const char *why)
{
	snprintf(store->error, sizeof store->error, "%s", why);
	return st;
}

int64_t store_limit(size_t cap)
{
	return cap > INT64_MAX ? INT64_MAX : (int64_t)cap;
}

enum cl_status store_collect(struct store *store, sqlite3_stmt *stmt, void **array, size_t size,
			     size_t *count, void (*read)(sqlite3_stmt *stmt, void *item))
{
	*array = NULL;
	*count = 0;
	size_t allocated = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*count == allocated) {
			allocated = allocated ? allocated * 2 : 16;
			*array = xrealloc(*array, allocated * size);
		}
		void *item = (char *)*array + (*count)++ * size;
		memset(item, 0, size);
		read(stmt, item);
	}
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_rows(struct store *store, sqlite3_stmt *stmt, void *out, size_t size,
			  size_t cap, size_t *count, void (*read)(sqlite3_stmt *stmt, void *item))
{
	*count = 0;
	int rc = SQLITE_DONE;
	while (*count < cap && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		void *item = (char *)out + (*count)++ * size;
		memset(item, 0, size);
		read(stmt, item);
	}
	if (*count == cap)
		rc = SQLITE_DONE;
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	if (st != CL_OK)
		*count = 0;
	return st;
}

int store_code_index(const char *const *codes, size_t n, const unsigned char *code,
		     int otherwise)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp((const char *)code, codes[i]))
			return (int)i;
	return otherwise;
}

static uint32_t store_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

sqlite3_stmt *store_stmt(struct store *store, const char *sql)
{
	uint32_t slot = store_hash(sql) % STORE_CACHE_SIZE;
	for (int probe = 0; probe < STORE_CACHE_SIZE; probe++) {
		struct store_cached_stmt *e = &store->cache[(slot + probe) % STORE_CACHE_SIZE];
		if (e->sql && strcmp(e->sql, sql) == 0) {
			sqlite3_reset(e->stmt);
			sqlite3_clear_bindings(e->stmt);
			return e->stmt;
		}
		if (!e->sql) {
			int rc = sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
						    &e->stmt, NULL);
			if (rc != SQLITE_OK) {
				store_fail(store, rc);
				e->stmt = NULL;
				return NULL;
			}
			e->sql = xstrdup(sql);
			return e->stmt;
		}
	}
	/* The cache is sized far above the number of distinct statements the program has. */
	snprintf(store->error, sizeof store->error, "statement cache full");
	return NULL;
}

enum cl_status store_step_done(struct store *store, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	enum cl_status st = rc == SQLITE_DONE || rc == SQLITE_ROW ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_step_int64(struct store *store, sqlite3_stmt *stmt, int64_t *out)
{
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		st = rc == SQLITE_DONE ? CL_ERR_NOTFOUND : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_step_text(struct store *store, sqlite3_stmt *stmt, char *out, size_t size)
{
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW)
		store_column_copy(stmt, 0, out, size);
	else
		st = rc == SQLITE_DONE ? CL_ERR_NOTFOUND : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

void store_bind_date(sqlite3_stmt *stmt, int index, date_t d)
{
	char buf[DATE_TEXT_SIZE];
	if (d == DATE_NONE)
		sqlite3_bind_null(stmt, index);
	else
		sqlite3_bind_text(stmt, index, date_format(d, buf), -1, SQLITE_TRANSIENT);
}

void store_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text)
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, index);
}

void store_bind_id(sqlite3_stmt *stmt, int index, int64_t id)
{
	if (id)
		sqlite3_bind_int64(stmt, index, id);
	else
		sqlite3_bind_null(stmt, index);
}

date_t store_column_date(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	date_t d;
	if (!t || !date_parse((const char *)t, &d))
		return DATE_NONE;
	return d;
}

void store_column_copy(sqlite3_stmt *stmt, int col, char *dst, size_t dstsz)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	str_copy(dst, dstsz, t ? (const char *)t : "");
}

char *store_column_dup(sqlite3_stmt *stmt, int col)
{
	const char *text = (const char *)sqlite3_column_text(stmt, col);
	size_t len = text ? (size_t)sqlite3_column_bytes(stmt, col) : 0;
	char *copy = xmalloc(len + 1);
	if (len)
		memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

enum cl_status store_begin(struct store *store)
{
	int rc = sqlite3_exec(store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	return rc == SQLITE_OK ? CL_OK : store_fail(store, rc);
}

enum cl_status store_commit(struct store *store)
{
	int rc = sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		enum cl_status st = store_fail(store, rc);
		store_rollback(store);
		return st;
	}
	return CL_OK;
}

void store_rollback(struct store *store)
{
	if (!sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

static void store_errorf(char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void store_errorf(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

static int store_pragma_int(sqlite3 *db, const char *sql, int *rc_out)
{
	sqlite3_stmt *stmt;
	int value = 0;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			value = sqlite3_column_int(stmt, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	*rc_out = rc;
	return value;
}

/* Refuses network filesystems, where SQLite's locks do not hold between hosts. */
static bool store_local_filesystem(const char *path, char *err, size_t errsz)
{
	char dir[4096];
	str_copy(dir, sizeof dir, path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		str_copy(dir, sizeof dir, ".");
	struct statfs fs;
	if (statfs(dir, &fs) != 0)
		return true; /* the open that follows reports a missing directory better */
	unsigned long type = (unsigned long)fs.f_type;
	if (type == FS_NFS || type == FS_SMB || type == FS_CIFS || type == FS_SMB2 ||
	    type == FS_AFS) {
		store_errorf(err, errsz,
			     "%s: on a network filesystem; SQLite databases there get corrupted, "
			     "keep it on a local disk",
			     path);
		return false;
	}
	return true;
}

static enum cl_status store_open_error(sqlite3 *db, int rc, const char *path, char *err,
				       size_t errsz)
{
	switch (rc & 0xFF) {
	case SQLITE_NOTADB:
		store_errorf(err, errsz, "%s: not a caseload database (not an SQLite file)", path);
		return CL_ERR_NOT_DB;
	case SQLITE_CORRUPT:
		store_errorf(err, errsz,
			     "%s: database is damaged (%s); restore it from a backup", path,
			     db ? sqlite3_errmsg(db) : "corrupt");
		return CL_ERR_CORRUPT;
	case SQLITE_CANTOPEN:
		store_errorf(err, errsz, "%s: cannot open: %s", path,
			     errno ? strerror(errno) : "unable to open database file");
		return CL_ERR_IO;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		store_errorf(err, errsz, "%s: cannot be written: %s", path,
			     db ? sqlite3_errmsg(db) : "read-only");
		return CL_ERR_READONLY;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		store_errorf(err, errsz, "%s: database is locked by another program", path);
		return CL_ERR_BUSY;
	case SQLITE_FULL:
		store_errorf(err, errsz, "%s: disk full", path);
		return CL_ERR_FULL;
	default:
		store_errorf(err, errsz, "%s: %s", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		return CL_ERR_IO;
	}
}

/* Checks the file is one of ours and not from the future, before anything is written. */
static enum cl_status store_identify(sqlite3 *db, const char *path, enum store_mode mode,
				     int *version, char *err, size_t errsz)
{
	int rc;
	int app_id = store_pragma_int(db, "PRAGMA application_id", &rc);
	if (rc != SQLITE_OK)
		return store_open_error(db, rc, path, err, errsz);
	*version = store_pragma_int(db, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK)
		return store_open_error(db, rc, path, err, errsz);
	int tables = store_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &rc);
	if (rc != SQLITE_OK)
		return store_open_error(db, rc, path, err, errsz);
	if (app_id != STORE_APPLICATION_ID && (app_id != 0 || tables > 0)) {
		store_errorf(err, errsz,
			     "%s: an SQLite database of another program, not a caseload database",
			     path);
		return CL_ERR_NOT_DB;
	}
	if (*version > store_schema_latest()) {
		store_errorf(err, errsz,
			     "%s: made by a newer caseload (schema %d; this program knows up to %d); "
			     "upgrade caseload to open it",
			     path, *version, store_schema_latest());
		return CL_ERR_NEWER_SCHEMA;
	}
	if (*version == 0 && mode == STORE_EXISTING) {
		store_errorf(err, errsz, "%s: empty database; create it with 'caseload init'", path);
		return CL_ERR_NOTFOUND;
	}
	return CL_OK;
}

static enum cl_status store_configure(sqlite3 *db, const char *path, char *err, size_t errsz)
{
	int on = 1;
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
	/* no SQL function or virtual table runs from the schema on a crafted file's behalf */
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &on);
	static const char *const pragmas =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=FULL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA secure_delete=ON;"
		"PRAGMA trusted_schema=OFF;";
	int rc = sqlite3_exec(db, pragmas, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = store_fts_rank_register(db);
	if (rc != SQLITE_OK)
		return store_open_error(db, rc, path, err, errsz);
	return CL_OK;
}

static enum cl_status store_migrate(sqlite3 *db, int from, const char *path, char *err,
				    size_t errsz)
{
	for (int i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		if (m->version <= from)
			continue;
		char stamp[96];
		snprintf(stamp, sizeof stamp, "PRAGMA user_version=%d; PRAGMA application_id=%d;",
			 m->version, STORE_APPLICATION_ID);
		/* Foreign keys are off while a migration runs (they cannot be switched inside a
		 * transaction), so that a table can be rebuilt under its children; they are
		 * checked before the commit instead. */
		int rc = sqlite3_exec(db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, m->sql, NULL, NULL, NULL);
		const char *broken = NULL;
		if (rc == SQLITE_OK && store_pragma_int(db, "SELECT count(*) FROM "
							"pragma_foreign_key_check", &rc) != 0) {
			broken = "it would leave rows whose references point nowhere";
			rc = SQLITE_CONSTRAINT;
		}
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, stamp, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			char detail[256];
			snprintf(detail, sizeof detail, "%s", broken ? broken : sqlite3_errmsg(db));
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
			store_errorf(err, errsz, "%s: schema upgrade %s failed: %s", path, m->name,
				     detail);
			return CL_ERR_INTERNAL;
		}
		rc = sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			store_errorf(err, errsz, "%s: %s", path, sqlite3_errmsg(db));
			return CL_ERR_INTERNAL;
		}
	}
	return CL_OK;
}

static void store_remove_files(const char *path)
{
	char side[4200];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

enum cl_status store_open(const char *path, enum store_mode mode, struct store **out, char *err,
			  size_t errsz)
{
	*out = NULL;
	err[0] = '\0';
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (!exists && mode == STORE_EXISTING) {
		store_errorf(err, errsz, "%s: no such database; create it with 'caseload init'",
			     path);
		return CL_ERR_NOTFOUND;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		store_errorf(err, errsz, "%s: not a regular file", path);
		return CL_ERR_NOT_DB;
	}
	if (exists && access(path, R_OK | W_OK) != 0) {
		store_errorf(err, errsz, "%s: cannot be opened for writing: %s", path,
			     strerror(errno));
		return CL_ERR_READONLY;
	}
	if (!store_local_filesystem(path, err, errsz))
		return CL_ERR_IO;
	if (!exists) {
		/* the facility group shares the file (SQLite gives its -wal and -shm the same mode) */
		int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0660);
		if (fd < 0) {
			store_errorf(err, errsz, "%s: cannot create: %s", path, strerror(errno));
			return CL_ERR_IO;
		}
		close(fd);
	}

	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
		    (mode == STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	errno = 0;
	int rc = sqlite3_open_v2(path, &db, flags, NULL);
	enum cl_status status = CL_OK;
	int version = 0;
	if (rc == SQLITE_OK)
		/* from the first read on: another terminal may be writing, or recovering the WAL
		 * of a program that died */
		sqlite3_busy_timeout(db, 5000);
	if (rc != SQLITE_OK)
		status = store_open_error(db, rc, path, err, errsz);
	else if (sqlite3_db_readonly(db, "main") == 1)
		status = store_open_error(db, SQLITE_READONLY, path, err, errsz);
	if (status == CL_OK)
		status = store_identify(db, path, mode, &version, err, errsz);
	if (status == CL_OK)
		status = store_configure(db, path, err, errsz);
	if (status == CL_OK)
		status = store_migrate(db, version, path, err, errsz);
	if (status != CL_OK) {
		sqlite3_close_v2(db);
		if (!exists) /* leave no half-made database behind */
			store_remove_files(path);
		return status;
	}
	struct store *store = xcalloc(1, sizeof *store);
	store->db = db;
	*out = store;
	return CL_OK;
}

void store_close(struct store **storep)
{
	struct store *store = *storep;
	if (!store)
		return;
	for (int i = 0; i < STORE_CACHE_SIZE; i++) {
		if (store->cache[i].sql) {
			sqlite3_finalize(store->cache[i].stmt);
			free(store->cache[i].sql);
		}
	}
	/* let the last connection fold the WAL back so the file stands alone */
	sqlite3_exec(store->db, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close_v2(store->db);
	free(store);
	*storep = NULL;
}

int store_schema_version(struct store *store)
{
	int rc;
	return store_pragma_int(store->db, "PRAGMA user_version", &rc);
}

enum cl_status store_analyze(struct store *store)
{
	int rc = sqlite3_exec(store->db, "ANALYZE", NULL, NULL, NULL);
	return rc == SQLITE_OK ? CL_OK : store_fail(store, rc);
}

static enum cl_status store_report_rows(struct store *store, const char *sql, const char *ok_text,
					void (*report)(void *ctx, const char *problem), void *ctx,
					int *problems)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc);
	struct strbuf line;
	strbuf_init(&line);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		strbuf_reset(&line);
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			const unsigned char *t = sqlite3_column_text(stmt, c);
			if (c)
				strbuf_puts(&line, " ");
			strbuf_puts(&line, t ? (const char *)t : "NULL");
		}
		if (ok_text && strcmp(line.buf, ok_text) == 0)
			continue;
		(*problems)++;
		report(ctx, line.buf);
	}
	strbuf_clear(&line);
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_finalize(stmt);
	return st;
}

/* The team view's monthly tallies (012_review_tallies.sql) recounted from the reviews and
 * their QA checklists: one line per month and author, or month and criterion, that differs. */
#define STORE_TALLY_CHECK                                                                          \
	"WITH r AS (SELECT substr(opened_at, 1, 7) AS month, author_id, count(*) AS submitted, "  \
	"count(CASE WHEN state = 'approved' AND round = 1 THEN 1 END) AS approved_first, "        \
	"count(CASE WHEN state = 'returned' OR round > 1 THEN 1 END) AS returned, "               \
	"count(decided_at) AS decided, ifnull(sum(CAST(round((julianday(decided_at) - "          \
	"julianday(opened_at)) * 86400000) AS INTEGER)), 0) AS decision_ms FROM review "          \
	"GROUP BY 1, 2), "                                                                        \
	"q AS (SELECT substr(r.opened_at, 1, 7) AS month, r.author_id, count(sc.value) AS n, "    \
	"ifnull(sum(sc.value), 0) AS total FROM review r JOIN form_response c "                   \
	"ON c.id = r.checklist_id AND c.state <> 'draft' JOIN form_score sc "                     \
	"ON sc.response_id = c.id AND sc.score = 'compliance' GROUP BY 1, 2), "                   \
	"k AS (SELECT substr(r.opened_at, 1, 7) AS month, a.field, "                              \
	"count(CASE WHEN a.value IN ('met', 'partial', 'not_met') THEN 1 END) AS rated, "        \
	"count(CASE WHEN a.value = 'not_met' THEN 1 END) AS not_met, "                            \
	"count(CASE WHEN a.value = 'partial' THEN 1 END) AS partial FROM review r "               \
	"JOIN form_response c ON c.id = r.checklist_id AND c.state <> 'draft' "                   \
	"JOIN form_answer a ON a.response_id = c.id AND a.field >= 'qa_' AND a.field < 'qa`' "    \
	"GROUP BY 1, 2) "                                                                         \
	"SELECT 'review tally: ' || r.month || ', staff ' || r.author_id || ' is out of date' "  \
	"FROM r LEFT JOIN q USING (month, author_id) LEFT JOIN review_tally t "                   \
	"USING (month, author_id) WHERE t.month IS NULL OR t.submitted <> r.submitted "           \
	"OR t.approved_first <> r.approved_first OR t.returned <> r.returned "                    \
	"OR t.decided <> r.decided OR t.decision_ms <> r.decision_ms "                            \
	"OR t.scored <> ifnull(q.n, 0) OR abs(t.compliance - ifnull(q.total, 0)) > 1e-6 "         \
	"UNION ALL SELECT 'review tally: ' || t.month || ', staff ' || t.author_id || "          \
	"' counts reviews that are not there' FROM review_tally t LEFT JOIN r "                   \
	"USING (month, author_id) WHERE r.month IS NULL AND (t.submitted <> 0 OR t.scored <> 0) " \
	"UNION ALL SELECT 'review tally: ' || ifnull(k.month, c.month) || ', criterion ' || "    \
	"ifnull(k.field, c.field) || ' is out of date' FROM k FULL JOIN review_criterion_tally c " \
	"USING (month, field) WHERE ifnull(k.rated, 0) <> ifnull(c.rated, 0) "                   \
	"OR ifnull(k.not_met, 0) <> ifnull(c.not_met, 0) "                                        \
	"OR ifnull(k.partial, 0) <> ifnull(c.partial, 0)"

enum cl_status store_check_integrity(struct store *store,
				     void (*report)(void *ctx, const char *problem), void *ctx,
				     int *problems)
{
	*problems = 0;
	enum cl_status st =
		store_report_rows(store, "PRAGMA integrity_check", "ok", report, ctx, problems);
	if (st == CL_OK)
		st = store_report_rows(store,
				       "SELECT 'foreign key: ' || \"table\" || ' row ' || rowid || "
				       "' points at a missing ' || parent FROM pragma_foreign_key_check",
				       NULL, report, ctx, problems);
	if (st == CL_OK)
		st = store_report_rows(
			store,
			"SELECT 'search index: person ' || p.id || ' (OID ' || p.oid || ') is '"
			" || CASE WHEN s.rowid IS NULL THEN 'missing' ELSE 'out of date' END"
			" FROM person p LEFT JOIN person_search s ON s.rowid = p.id"
			" WHERE s.search_text IS NOT p.search_text"
			" UNION ALL SELECT 'search index: row ' || rowid || ' has no person'"
			" FROM person_search WHERE rowid NOT IN (SELECT id FROM person)",
			NULL, report, ctx, problems);
	if (st == CL_OK)
		st = store_report_rows(store, STORE_TALLY_CHECK, NULL, report, ctx, problems);
	if (st == CL_OK) {
		/* FTS5 compares its inverted index with the text it holds */
		int rc = sqlite3_exec(store->db,
				      "INSERT INTO person_search(person_search, rank) "
				      "VALUES('integrity-check', 1)",
				      NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			char line[600];
			snprintf(line, sizeof line, "search index: %s", sqlite3_errmsg(store->db));
			(*problems)++;
			report(ctx, line);
		}
	}
	return st;
}

enum cl_status store_row(struct store *store, sqlite3_stmt *stmt, void *out,
			 void (*read)(sqlite3_stmt *stmt, void *item))
{
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW)
		read(stmt, out);
	else
		st = rc == SQLITE_DONE ? CL_ERR_NOTFOUND : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}
