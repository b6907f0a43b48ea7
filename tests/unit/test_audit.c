/* audit: the hash chain (appending in and out of transactions, from two connections and two
 * processes; verify naming the row an attacker with the file changed, deleted or re-hashed),
 * the append-only triggers, the search with its filters and keyset paging, the retention
 * purge and its anchor, and failing closed. Tampering is done the way someone holding the
 * file would: a raw SQLite connection that drops the guard trigger, writes, and puts it
 * back. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caseload/audit.h"
#include "caseload/migrations.h"
#include "caseload/staff.h"
#include "caseload/store.h"
#include "caseload/strbuf.h"
#include "fixture.h"

#define NO_UPDATE_TRIGGER                                                                          \
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN\n"                    \
	"  SELECT RAISE(ABORT, 'audit_log is append-only');\n"                                     \
	"END;"
#define NO_DELETE_TRIGGER                                                                          \
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN\n"                    \
	"  SELECT RAISE(ABORT, 'audit_log is append-only');\n"                                     \
	"END;"

static char dir[PATH_MAX];
static char db[PATH_MAX];
static struct store *st;

/* A bare store over a fresh file: no app, so nothing but the test writes audit rows. */
static void setup(void)
{
	char err[512];
	fx_tmpdir(dir);
	fx_path(db, dir, "caseload.db");
	enum cl_status s = store_open(db, STORE_CREATE, &st, err, sizeof err);
	ck_assert_msg(s == CL_OK, "store_open: %s", err);
}

static void teardown(void)
{
	store_close(&st);
	fx_rmtree(dir);
}

static struct store *open_again(const char *path)
{
	char err[512];
	struct store *s = NULL;
	enum cl_status status = store_open(path, STORE_EXISTING, &s, err, sizeof err);
	ck_assert_msg(status == CL_OK, "store_open: %s", err);
	return s;
}

static enum cl_status append_to(struct store *s, const char *at, int64_t staff_id,
                                const char *event, int64_t person_id, const char *object)
{
	struct audit_event e = {.at = at,
	                        .staff_id = staff_id,
	                        .event = event,
	                        .outcome = "ok",
	                        .person_id = person_id,
	                        .object = object,
	                        .terminal = "pts/3 from 10.1.2.3"};
	return store_audit_append(s, &e);
}

/* Appends through the suite's store and returns the new row's id. */
static int64_t append(const char *at, const char *event, int64_t person_id, const char *object)
{
	enum cl_status s = append_to(st, at, 0, event, person_id, object);
	ck_assert_msg(s == CL_OK, "append: %s", store_last_error(st));
	int64_t id;
	char hash[AUDIT_HASH_SIZE];
	ck_assert_int_eq(store_audit_head(st, &id, hash), CL_OK);
	return id;
}

static void append_n(int n)
{
	for (int i = 0; i < n; i++) {
		char object[32];
		snprintf(object, sizeof object, "n=%d", i);
		append("2024-06-15T12:00:00.00Z", "person.view", 0, object);
	}
}

/* Verifies through s; returns the first broken id and leaves the detail in `detail`. */
static char detail[512];
static int64_t checked;
static int64_t verify_on(struct store *s)
{
	int64_t broken = -1;
	checked = -1;
	ck_assert_int_eq(store_audit_verify(s, &checked, &broken, detail, sizeof detail), CL_OK);
	ck_assert_int_ge(checked, 0);
	ck_assert_int_ge(broken, 0);
	ck_assert_str_ne(detail, "");
	return broken;
}

static int64_t verify(void)
{
	return verify_on(st);
}

static void assert_intact(void)
{
	ck_assert_msg(verify() == 0, "chain broken: %s", detail);
	ck_assert_msg(strncmp(detail, "intact: ", 8) == 0, "%s", detail);
}

/* Runs sql on the file as an attacker would: a plain connection, the guard lifted. */
static void tamper(const char *sql)
{
	char script[2048], msg[256];
	snprintf(script, sizeof script,
	         "BEGIN; DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
	         "%s; " NO_UPDATE_TRIGGER NO_DELETE_TRIGGER " COMMIT;",
	         sql);
	int rc = fx_sql_exec(db, script, msg, sizeof msg);
	ck_assert_msg(rc == FX_SQLITE_OK, "tamper %s: %s", sql, msg);
}

/* ---- an independent reading of the hash rule, to pin the format down ---- */

static void ref_escaped(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			strbuf_puts(sb, "\\\\");
		else if (*s == '\n')
			strbuf_puts(sb, "\\n");
		else
			strbuf_putc(sb, *s);
	}
}

/* hex SHA-256 of prev, then id, at, staff_id, event, outcome, person_id, object, terminal of
 * row `id` as the file has them now, each after a "\n" */
static void ref_row_hash(int64_t id, const char *prev, char out[AUDIT_HASH_SIZE])
{
	sqlite3 *raw;
	ck_assert_int_eq(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(raw,
	                                    "SELECT id, at, staff_id, event, outcome, person_id, "
	                                    "object, terminal FROM audit_log WHERE id = ?",
	                                    -1, &stmt, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(stmt, 1, id);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, prev);
	for (int i = 0; i < 8; i++) {
		const unsigned char *t = sqlite3_column_text(stmt, i);
		strbuf_putc(&sb, '\n');
		ref_escaped(&sb, t ? (const char *)t : "");
	}
	sqlite3_finalize(stmt);
	sqlite3_close(raw);
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)sb.buf, sb.len);
	sodium_bin2hex(out, AUDIT_HASH_SIZE, digest, sizeof digest);
	strbuf_clear(&sb);
}

static void stored_hash(int64_t id, char out[AUDIT_HASH_SIZE])
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT hash FROM audit_log WHERE id = %lld", (long long)id);
	fx_sql_text(db, sql, out, AUDIT_HASH_SIZE);
}

/* ---- the chain ---- */

START_TEST(append_in_and_out_of_transactions)
{
	assert_intact();
	ck_assert_int_eq(checked, 0);
	int64_t id;
	char head[AUDIT_HASH_SIZE];
	ck_assert_int_eq(store_audit_head(st, &id, head), CL_OK);
	ck_assert_int_eq(id, 0);
	ck_assert_str_eq(head, "");

	append_n(3); /* each in its own transaction */
	ck_assert_int_eq(store_begin(st), CL_OK);
	append("2024-06-15T12:00:01.00Z", "person.update", 7, "field=srd");
	append("2024-06-15T12:00:01.00Z", "person.update", 7, "field=unit");
	ck_assert_int_eq(store_commit(st), CL_OK);
	/* an append in a transaction that is rolled back leaves no row and no hole */
	ck_assert_int_eq(store_begin(st), CL_OK);
	append("2024-06-15T12:00:02.00Z", "person.update", 7, "field=cell");
	store_rollback(st);
	append("2024-06-15T12:00:03.00Z", "person.view", 7, "");

	assert_intact();
	ck_assert_int_eq(checked, 6);
	ck_assert_str_eq(detail, "intact: 6 rows checked");
	ck_assert_int_eq(fx_sql_int(db, "SELECT group_concat(id) = '1,2,3,4,5,6' FROM "
	                                "(SELECT id FROM audit_log ORDER BY id)"),
	                 1);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(DISTINCT hash) FROM audit_log "
	                                "WHERE length(hash) = 64"),
	                 6);
	/* staff 0 and person 0 are stored as NULL, not as a staff or person id */
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log WHERE staff_id IS NULL"),
	                 6);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log WHERE person_id IS NULL"),
	                 3);
	ck_assert_int_eq(store_audit_head(st, &id, head), CL_OK);
	ck_assert_int_eq(id, 6);
	char want[AUDIT_HASH_SIZE];
	stored_hash(6, want);
	ck_assert_str_eq(head, want);
}
END_TEST

/* The rule in the header comment, computed here independently: the first row chains to "",
 * each next one to the hash before it, and backslashes and newlines in text are escaped. */
START_TEST(hash_format_is_pinned)
{
	struct audit_event e = {.at = "2024-06-15T08:15:02.41Z",
	                        .staff_id = 12,
	                        .event = "person.view",
	                        .outcome = "denied",
	                        .person_id = 345,
	                        .object = "a\\b\nc",
	                        .terminal = ""};
	ck_assert_int_eq(store_audit_append(st, &e), CL_OK);
	e.object = "a\\b";
	e.terminal = "c\n"; /* would collide with the row above if newlines were not escaped */
	e.staff_id = 0;
	ck_assert_int_eq(store_audit_append(st, &e), CL_OK);

	char got[AUDIT_HASH_SIZE], want[AUDIT_HASH_SIZE];
	ref_row_hash(1, "", want);
	stored_hash(1, got);
	ck_assert_str_eq(got, want);
	char first[AUDIT_HASH_SIZE];
	str_copy(first, sizeof first, got);
	ref_row_hash(2, first, want);
	stored_hash(2, got);
	ck_assert_str_eq(got, want);
	ck_assert_str_ne(got, first);
	assert_intact();
	ck_assert_int_eq(checked, 2);
}
END_TEST

START_TEST(changed_row_is_named)
{
	append_n(10);
	assert_intact();
	tamper("UPDATE audit_log SET object = 'n=99' WHERE id = 4");
	ck_assert_int_eq(verify(), 4);
	ck_assert_int_eq(checked, 3);
	ck_assert_msg(strstr(detail, "row 4: hash does not match its content") == detail, "%s",
	              detail);
	/* a changed time, outcome or person counts as much as a changed object */
	tamper("UPDATE audit_log SET object = 'n=3' WHERE id = 4");
	assert_intact();
	tamper("UPDATE audit_log SET outcome = 'denied' WHERE id = 2");
	ck_assert_int_eq(verify(), 2);
	tamper("UPDATE audit_log SET outcome = 'ok', person_id = 5 WHERE id = 2");
	ck_assert_int_eq(verify(), 2);
	tamper("UPDATE audit_log SET person_id = NULL, at = '2024-06-15T12:00:00.01Z' "
	       "WHERE id = 2");
	ck_assert_int_eq(verify(), 2);
	tamper("UPDATE audit_log SET at = '2024-06-15T12:00:00.00Z' WHERE id = 2");
	assert_intact();
	/* the first row has no row before it to blame */
	tamper("UPDATE audit_log SET event = 'person.update' WHERE id = 1");
	ck_assert_int_eq(verify(), 1);
	ck_assert_str_eq(detail, "row 1: hash does not match its content (changed or inserted)");
}
END_TEST

START_TEST(deleted_row_is_named)
{
	append_n(10);
	tamper("DELETE FROM audit_log WHERE id = 6");
	ck_assert_int_eq(verify(), 6);
	ck_assert_str_eq(detail, "row 6 missing (ids jump from 5 to 7)");
	ck_assert_int_eq(checked, 5);
	tamper("DELETE FROM audit_log WHERE id = 7");
	ck_assert_int_eq(verify(), 6);
	ck_assert_str_eq(detail, "rows 6 to 7 missing (ids jump from 5 to 8)");
	tamper("DELETE FROM audit_log WHERE id = 1");
	ck_assert_int_eq(verify(), 1);
	ck_assert_str_eq(detail,
	                 "row 1 missing (the chain starts at row 1 but its first row is 2)");
}
END_TEST

/* Someone who changes a row and writes it a correct new hash breaks the next row's link. */
START_TEST(rehashed_row_breaks_the_next)
{
	append_n(8);
	char prev[AUDIT_HASH_SIZE], fixed[AUDIT_HASH_SIZE], sql[256];
	tamper("UPDATE audit_log SET object = 'n=99' WHERE id = 4");
	stored_hash(3, prev);
	ref_row_hash(4, prev, fixed);
	snprintf(sql, sizeof sql, "UPDATE audit_log SET hash = '%s' WHERE id = 4", fixed);
	tamper(sql);
	ck_assert_int_eq(verify(), 5);
	ck_assert_int_eq(checked, 4);
	ck_assert_msg(strstr(detail, "row 5: ") == detail && strstr(detail, "chain broken") &&
	                  strstr(detail, "row 4 changed and re-hashed"),
	              "%s", detail);

	/* re-hashing the whole tail hides it from the chain alone: that is what the head
	 * recorded elsewhere is for */
	char head_before[AUDIT_HASH_SIZE], head_after[AUDIT_HASH_SIZE];
	stored_hash(8, head_before);
	for (int64_t id = 5; id <= 8; id++) {
		stored_hash(id - 1, prev);
		ref_row_hash(id, prev, fixed);
		snprintf(sql, sizeof sql, "UPDATE audit_log SET hash = '%s' WHERE id = %lld", fixed,
		         (long long)id);
		tamper(sql);
	}
	assert_intact();
	int64_t head_id;
	ck_assert_int_eq(store_audit_head(st, &head_id, head_after), CL_OK);
	ck_assert_int_eq(head_id, 8);
	ck_assert_str_ne(head_after, head_before);
}
END_TEST

START_TEST(inserted_row_is_named)
{
	append_n(5);
	/* a forged row at the end with a made-up hash */
	tamper("INSERT INTO audit_log (id, at, event, outcome, hash) VALUES (6, "
	       "'2024-06-15T12:00:00.00Z', 'person.view', 'ok', "
	       "'00000000000000000000000000000000000000000000000000000000000000ff')");
	ck_assert_int_eq(verify(), 6);
	ck_assert_msg(strstr(detail, "row 6: hash does not match") == detail, "%s", detail);
	tamper("DELETE FROM audit_log WHERE id = 6");
	assert_intact();
	/* a row passed off as written before the chain existed */
	tamper("INSERT INTO audit_log (id, at, event, outcome) VALUES (6, "
	       "'2024-06-15T12:00:00.00Z', 'person.view', 'ok')");
	ck_assert_int_eq(verify(), 6);
	/* appends after a broken row do not mend it */
	append_n(2);
	ck_assert_int_eq(verify(), 6);
}
END_TEST

/* A database from before schema 3 with audit rows: they keep no hash, verify passes over
 * them and says how many, and the chain starts after them. */
START_TEST(rows_from_before_the_chain)
{
	char old[PATH_MAX];
	fx_path(old, dir, "old.db");
	ck_assert_int_eq(fx_sql_exec(old, "PRAGMA user_version = 0", NULL, 0), FX_SQLITE_OK);
	for (int i = 0; i < migrations_count && migrations[i].version < 3; i++) {
		char msg[256], stamp[96];
		ck_assert_msg(fx_sql_exec(old, migrations[i].sql, msg, sizeof msg) == FX_SQLITE_OK,
		              "%s: %s", migrations[i].name, msg);
		snprintf(stamp, sizeof stamp,
		         "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		         migrations[i].version, STORE_APPLICATION_ID);
		ck_assert_int_eq(fx_sql_exec(old, stamp, NULL, 0), FX_SQLITE_OK);
	}
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(fx_sql_exec(old,
		                             "INSERT INTO audit_log (at, event, outcome) VALUES "
		                             "('2020-01-01T00:00:00.00Z', 'person.view', 'ok')",
		                             NULL, 0),
		                 FX_SQLITE_OK);
	store_close(&st);
	str_copy(db, sizeof db, old);
	st = open_again(db); /* upgrades it */
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	assert_intact();
	ck_assert_int_eq(checked, 0);
	ck_assert_str_eq(detail, "intact: 0 rows checked from row 4; 3 rows from before the chain "
	                         "(before schema 3) not checked");
	append_n(4);
	assert_intact();
	ck_assert_int_eq(checked, 4);
	ck_assert_str_eq(detail, "intact: 4 rows checked from row 4; 3 rows from before the chain "
	                         "(before schema 3) not checked");
	char got[AUDIT_HASH_SIZE], want[AUDIT_HASH_SIZE];
	ref_row_hash(4, "", want);
	stored_hash(4, got);
	ck_assert_str_eq(got, want);

	/* old rows can be purged like any other, and the chain stays where it was */
	int64_t purged;
	ck_assert_int_eq(store_audit_purge(st, "2021-01-01", "2021-01-01", &purged), CL_OK);
	ck_assert_int_eq(purged, 3);
	assert_intact();
	ck_assert_int_eq(checked, 4);
	ck_assert_str_eq(detail, "intact: 4 rows checked from row 4");
	ck_assert_int_eq(fx_sql_int(db, "SELECT first_id FROM audit_anchor"), 4);
}
END_TEST

/* Blanking hashes does not pass rows off as from before the chain. */
START_TEST(blanked_hashes_are_not_old_rows)
{
	append_n(4);
	tamper("UPDATE audit_log SET hash = '' WHERE id = 3");
	ck_assert_int_eq(verify(), 3);
	tamper("UPDATE audit_log SET hash = ''");
	ck_assert_int_eq(verify(), 1);
	ck_assert_str_eq(detail, "row 1: hash does not match its content (changed or inserted)");
	/* nor does moving the anchor up to hide them below it */
	tamper("UPDATE audit_anchor SET first_id = 5");
	ck_assert_int_eq(verify(), 0);
	ck_assert_int_eq(checked, 0);
	ck_assert_msg(strstr(detail, "4 rows from before the chain") != NULL, "%s", detail);
	/* ...which verify can only report, not know: see the header on recording the head */
}
END_TEST

START_TEST(triggers_refuse_update_and_delete)
{
	append_n(3);
	char msg[256];
	ck_assert_int_ne(
	    fx_sql_exec(db, "UPDATE audit_log SET object = 'x' WHERE id = 2", msg, sizeof msg),
	    FX_SQLITE_OK);
	ck_assert_msg(strstr(msg, "append-only") != NULL, "%s", msg);
	ck_assert_int_ne(fx_sql_exec(db, "UPDATE audit_log SET hash = ''", msg, sizeof msg),
	                 FX_SQLITE_OK);
	ck_assert_int_ne(fx_sql_exec(db, "DELETE FROM audit_log WHERE id = 3", msg, sizeof msg),
	                 FX_SQLITE_OK);
	ck_assert_msg(strstr(msg, "append-only") != NULL, "%s", msg);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log"), 3);
	/* and a hash that is not one is refused by the schema */
	ck_assert_int_ne(fx_sql_exec(db,
	                             "INSERT INTO audit_log (at, event, outcome, hash) VALUES "
	                             "('t', 'e', 'ok', 'not-a-hash')",
	                             msg, sizeof msg),
	                 FX_SQLITE_OK);
	assert_intact();
}
END_TEST

START_TEST(two_connections_share_one_chain)
{
	struct store *other = open_again(db);
	for (int i = 0; i < 20; i++) {
		struct store *s = i % 2 ? other : st;
		if (i % 5 == 0) {
			ck_assert_int_eq(store_begin(s), CL_OK);
			ck_assert_int_eq(
			    append_to(s, "2024-06-15T12:00:00.00Z", 0, "person.view", 1, "in"),
			    CL_OK);
			ck_assert_int_eq(store_commit(s), CL_OK);
		} else {
			ck_assert_int_eq(
			    append_to(s, "2024-06-15T12:00:00.00Z", 0, "person.view", 1, "auto"),
			    CL_OK);
		}
	}
	ck_assert_int_eq(verify_on(other), 0);
	ck_assert_int_eq(checked, 20);
	assert_intact();
	ck_assert_int_eq(checked, 20);
	store_close(&other);
}
END_TEST

/* Two processes appending as fast as they can, each with its own connection. */
START_TEST(two_processes_share_one_chain)
{
	enum { PER_CHILD = 150 };
	store_close(&st); /* never fork with an open connection */
	pid_t pids[2];
	for (int c = 0; c < 2; c++) {
		pids[c] = fork();
		ck_assert_int_ge(pids[c], 0);
		if (pids[c] == 0) {
			char err[256];
			struct store *s = NULL;
			int bad = store_open(db, STORE_EXISTING, &s, err, sizeof err) != CL_OK;
			for (int i = 0; !bad && i < PER_CHILD; i++) {
				char object[32];
				snprintf(object, sizeof object, "child=%d i=%d", c, i);
				if (i % 10 == 0) { /* some inside a transaction of their own */
					bad |= store_begin(s) != CL_OK;
					bad |= append_to(s, "2024-06-15T12:00:00.00Z", 0,
					                 "person.view", 0, object) != CL_OK;
					bad |= store_commit(s) != CL_OK;
				} else {
					bad |= append_to(s, "2024-06-15T12:00:00.00Z", 0,
					                 "person.view", 0, object) != CL_OK;
				}
			}
			if (s)
				store_close(&s);
			_exit(bad ? 1 : 0);
		}
	}
	for (int c = 0; c < 2; c++) {
		int status = 0;
		ck_assert_int_eq(waitpid(pids[c], &status, 0), pids[c]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d failed", c);
	}
	st = open_again(db);
	assert_intact();
	ck_assert_int_eq(checked, 2 * PER_CHILD);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(DISTINCT object) FROM audit_log"),
	                 2 * PER_CHILD);
}
END_TEST

/* ---- failing closed ---- */

/* A write the database refuses: no row, no transaction left open, and the change the row
 * was to record is rolled back by its caller. */
START_TEST(refused_write_fails_closed)
{
	append_n(2);
	ck_assert_int_eq(fx_sql_exec(db,
	                             "CREATE TRIGGER audit_jam BEFORE INSERT ON audit_log BEGIN "
	                             "SELECT RAISE(ABORT, 'no room for audit rows'); END",
	                             NULL, 0),
	                 FX_SQLITE_OK);
	ck_assert_int_ne(append_to(st, "2024-06-15T12:00:00.00Z", 0, "person.view", 0, ""), CL_OK);
	ck_assert_msg(strstr(store_last_error(st), "no room") != NULL, "%s", store_last_error(st));
	/* its own transaction did not stay open */
	ck_assert_int_eq(store_begin(st), CL_OK);
	int64_t staff_id;
	ck_assert_int_eq(
	    store_staff_add(st, "temp", "Temp", "intern", "2024-06-15T12:00:00.00Z", &staff_id),
	    CL_OK);
	ck_assert_int_ne(append_to(st, "2024-06-15T12:00:00.00Z", 0, "staff.add", 0, "temp"),
	                 CL_OK);
	store_rollback(st);
	struct staff who;
	ck_assert_int_eq(store_staff_by_username(st, "temp", &who), CL_ERR_NOTFOUND);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log"), 2);

	/* a row the schema refuses consumes no id */
	ck_assert_int_eq(fx_sql_exec(db, "DROP TRIGGER audit_jam", NULL, 0), FX_SQLITE_OK);
	struct audit_event e = {.at = "2024-06-15T12:00:00.00Z", .event = "x", .outcome = "maybe"};
	ck_assert_int_eq(store_audit_append(st, &e), CL_ERR_CONSTRAINT);
	e.outcome = "ok";
	e.at = NULL;
	ck_assert_int_eq(store_audit_append(st, &e), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(append("2024-06-15T12:00:00.00Z", "person.view", 0, ""), 3);
	assert_intact();
}
END_TEST

/* Another program holding the write lock: the append waits its busy timeout, then fails
 * without writing. */
START_TEST(locked_database_fails_closed)
{
	append_n(1);
	sqlite3 *other;
	ck_assert_int_eq(sqlite3_open(db, &other), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	time_t start = time(NULL);
	ck_assert_int_eq(append_to(st, "2024-06-15T12:00:00.00Z", 0, "person.view", 0, ""),
	                 CL_ERR_BUSY);
	ck_assert_int_ge(time(NULL) - start, 2);
	ck_assert_int_eq(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log"), 1);
	ck_assert_int_eq(append("2024-06-15T12:00:00.00Z", "person.view", 0, ""), 2);
	assert_intact();
}
END_TEST

/* ---- retention ---- */

static void seed_months(void)
{
	/* one row on the 10th of each month from 2022-01 to 2024-12 */
	for (int y = 2022; y <= 2024; y++)
		for (int m = 1; m <= 12; m++) {
			char at[32];
			snprintf(at, sizeof at, "%04d-%02d-10T09:00:00.00Z", y, m);
			append(at, "person.view", 0, "");
		}
}

static char *delete_trigger_sql(void)
{
	return fx_sql_dump(db, "SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_delete'");
}

START_TEST(purge_respects_retention)
{
	seed_months();
	char *trigger_before = delete_trigger_sql();
	int64_t purged = -1;
	/* younger than the boundary: refused, nothing touched */
	ck_assert_int_eq(store_audit_purge(st, "2023-07-01", "2023-06-15T00:00:00.00Z", &purged),
	                 CL_ERR_DENIED);
	ck_assert_int_eq(purged, 0);
	ck_assert_msg(strstr(store_last_error(st), "must be kept") != NULL, "%s",
	              store_last_error(st));
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log"), 36);
	ck_assert_int_eq(store_audit_purge(st, "someday", "2023-06-15", &purged), CL_ERR_INVALID);

	/* up to the boundary: the 17 rows before 2023-06-01 go */
	ck_assert_int_eq(store_audit_purge(st, "2023-06-01", "2023-06-15T00:00:00.00Z", &purged),
	                 CL_OK);
	ck_assert_int_eq(purged, 17);
	ck_assert_int_eq(fx_sql_int(db, "SELECT min(id) FROM audit_log"), 18);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log WHERE at < '2023-06'"), 0);
	assert_intact();
	ck_assert_int_eq(checked, 19);
	ck_assert_str_eq(detail, "intact: 19 rows checked from row 18");

	/* the guard is back, word for word, and holds against plain SQL */
	char *trigger_after = delete_trigger_sql();
	ck_assert_str_eq(trigger_after, trigger_before);
	free(trigger_after);
	char msg[256];
	ck_assert_int_ne(fx_sql_exec(db, "DELETE FROM audit_log", msg, sizeof msg), FX_SQLITE_OK);
	ck_assert_msg(strstr(msg, "append-only") != NULL, "%s", msg);

	/* the same purge again has nothing left to do; appends carry on the chain */
	ck_assert_int_eq(store_audit_purge(st, "2023-06-01", "2023-06-15", &purged), CL_OK);
	ck_assert_int_eq(purged, 0);
	ck_assert_int_eq(append("2025-01-01T00:00:00.00Z", "person.view", 0, ""), 37);
	assert_intact();
	ck_assert_int_eq(checked, 20);

	/* the anchor still catches tampering at and after the first kept row */
	tamper("DELETE FROM audit_log WHERE id = 18");
	ck_assert_int_eq(verify(), 18);
	ck_assert_str_eq(detail,
	                 "row 18 missing (the chain starts at row 18 but its first row is 19)");
	free(trigger_before);
}
END_TEST

START_TEST(purge_everything_then_go_on)
{
	seed_months();
	int64_t head_id, purged;
	char head[AUDIT_HASH_SIZE], after[AUDIT_HASH_SIZE];
	ck_assert_int_eq(store_audit_head(st, &head_id, head), CL_OK);
	ck_assert_int_eq(store_audit_purge(st, "2030-01-01", "2030-01-01", &purged), CL_OK);
	ck_assert_int_eq(purged, 36);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log"), 0);
	assert_intact();
	ck_assert_int_eq(checked, 0);
	/* the head survives in the anchor, and ids are never reused */
	ck_assert_int_eq(store_audit_head(st, &head_id, after), CL_OK);
	ck_assert_int_eq(head_id, 36);
	ck_assert_str_eq(after, head);
	ck_assert_int_eq(append("2030-02-01T00:00:00.00Z", "person.view", 0, ""), 37);
	assert_intact();
	ck_assert_int_eq(checked, 1);
	char want[AUDIT_HASH_SIZE], got[AUDIT_HASH_SIZE];
	ref_row_hash(37, head, want); /* chained to the last purged row */
	stored_hash(37, got);
	ck_assert_str_eq(got, want);
	/* a purged row smuggled back in below the anchor is named */
	tamper("INSERT INTO audit_log (id, at, event, outcome) VALUES (5, "
	       "'2022-05-10T09:00:00.00Z', 'person.view', 'ok')");
	ck_assert_int_eq(verify(), 5);
	ck_assert_msg(strstr(detail, "row 5: lies before the start of the chain at row 37") ==
	                  detail,
	              "%s", detail);
}
END_TEST

/* Only a run of the oldest ids goes: a row with a late clock keeps the ones after it. */
START_TEST(purge_stops_at_first_young_row)
{
	append("2022-01-01T00:00:00.00Z", "person.view", 0, "");
	append("2022-02-01T00:00:00.00Z", "person.view", 0, "");
	append("2023-09-01T00:00:00.00Z", "person.view", 0, ""); /* a terminal's clock ran ahead */
	append("2022-03-01T00:00:00.00Z", "person.view", 0, "");
	int64_t purged;
	ck_assert_int_eq(store_audit_purge(st, "2023-01-01", "2023-01-01", &purged), CL_OK);
	ck_assert_int_eq(purged, 2);
	char kept[32];
	fx_sql_text(db, "SELECT group_concat(id) FROM (SELECT id FROM audit_log ORDER BY id)", kept,
	            sizeof kept);
	ck_assert_str_eq(kept, "3,4");
	assert_intact();
}
END_TEST

START_TEST(purge_in_callers_transaction)
{
	seed_months();
	int64_t purged;
	ck_assert_int_eq(store_begin(st), CL_OK);
	ck_assert_int_eq(store_audit_purge(st, "2023-01-01", "2023-06-15", &purged), CL_OK);
	ck_assert_int_eq(purged, 12);
	ck_assert_int_eq(
	    append_to(st, "2024-12-31T00:00:00.00Z", 0, "audit.purge", 0, "before=2023-01-01"),
	    CL_OK);
	store_rollback(st); /* the purge and its own audit row go together */
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log"), 36);
	ck_assert_int_eq(fx_sql_int(db, "SELECT first_id FROM audit_anchor"), 1);
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM sqlite_schema "
	                                "WHERE name = 'audit_log_no_delete'"),
	                 1);
	assert_intact();

	ck_assert_int_eq(store_begin(st), CL_OK);
	ck_assert_int_eq(store_audit_purge(st, "2023-01-01", "2023-06-15", &purged), CL_OK);
	ck_assert_int_eq(
	    append_to(st, "2024-12-31T00:00:00.00Z", 0, "audit.purge", 0, "before=2023-01-01"),
	    CL_OK);
	ck_assert_int_eq(store_commit(st), CL_OK);
	assert_intact();
	ck_assert_int_eq(checked, 25);
	/* a second purge moves the anchor on */
	ck_assert_int_eq(store_audit_purge(st, "2024-01-01", "2024-06-15", &purged), CL_OK);
	ck_assert_int_eq(purged, 12);
	ck_assert_int_eq(fx_sql_int(db, "SELECT first_id FROM audit_anchor"), 25);
	assert_intact();
	ck_assert_int_eq(checked, 13);
}
END_TEST

/* Purging rows that do not verify would destroy the evidence: refused. */
START_TEST(purge_refuses_a_broken_chain)
{
	seed_months();
	tamper("UPDATE audit_log SET object = 'x' WHERE id = 5");
	int64_t purged = -1;
	ck_assert_int_eq(store_audit_purge(st, "2023-01-01", "2023-06-15", &purged),
	                 CL_ERR_CORRUPT);
	ck_assert_int_eq(purged, 0);
	ck_assert_msg(strstr(store_last_error(st), "row 5") != NULL, "%s", store_last_error(st));
	ck_assert_int_eq(fx_sql_int(db, "SELECT count(*) FROM audit_log"), 36);
	/* tampering among rows that stay does not block purging older ones */
	tamper("UPDATE audit_log SET object = '' WHERE id = 5");
	tamper("UPDATE audit_log SET object = 'x' WHERE id = 30");
	ck_assert_int_eq(store_audit_purge(st, "2023-01-01", "2023-06-15", &purged), CL_OK);
	ck_assert_int_eq(purged, 12);
	ck_assert_int_eq(verify(), 30);
}
END_TEST

/* ---- search ---- */

static struct fx_app fx;
static int64_t p1, p2, lead;

/* Rows by two staff about two people over three days, with events of several families. */
static void search_setup(void)
{
	fx_app_open(&fx, "2024-06-20");
	lead = fx_staff_add(&fx.app, "lee.lead", "Lee Lead", "lead");
	struct person p;
	fx_person_init(&p, "A1001", "Alpha", "Ann");
	p1 = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	fx_person_init(&p, "B2002", "Bravo", "Ben");
	p2 = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	static const struct {
		const char *at;
		int who; /* 0 casey, 1 lee, 2 nobody */
		const char *event;
		int person; /* 0 none, 1, 2 */
	} rows[] = {
	    {"2024-06-14T23:59:59.99Z", 0, "person.view", 1},
	    {"2024-06-15T00:00:00.00Z", 0, "person.update", 1},
	    {"2024-06-15T08:15:02.41Z", 1, "person.view", 2},
	    {"2024-06-15T08:15:02.99Z", 1, "personnel.list", 0},
	    {"2024-06-15T08:15:03.00Z", 2, "session.sign_in", 0},
	    {"2024-06-15T23:59:59.99Z", 0, "person.alert.add", 2},
	    {"2024-06-16T00:00:00.00Z", 1, "person.view", 1},
	    {"2024-06-16T12:00:00.00Z", 0, "session.sign_out", 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int64_t who = rows[i].who == 0 ? fx.staff_id : rows[i].who == 1 ? lead : 0;
		int64_t person = rows[i].person == 1 ? p1 : rows[i].person == 2 ? p2 : 0;
		ck_assert_int_eq(
		    append_to(fx.app.store, rows[i].at, who, rows[i].event, person, "tag=search"),
		    CL_OK);
	}
}

static void search_teardown(void)
{
	fx_app_close(&fx);
}

/* The events of the matching rows, newest first, joined by spaces; restricted to the rows
 * this suite wrote (whatever else the app may audit on its own). */
static char found[1024];
static const char *search(struct audit_filter f)
{
	struct audit_row rows[64];
	size_t n = 99;
	enum cl_status s = store_audit_query(fx.app.store, &f, rows, 64, &n);
	ck_assert_msg(s == CL_OK, "query: %s", store_last_error(fx.app.store));
	ck_assert_uint_le(n, 64);
	found[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			ck_assert_int_lt(rows[i].id, rows[i - 1].id);
		if (strcmp(rows[i].object, "tag=search") != 0)
			continue;
		if (found[0])
			strcat(found, " ");
		strcat(found, rows[i].event);
	}
	return found;
}

static void assert_same(struct audit_filter a, struct audit_filter b)
{
	char first[sizeof found];
	str_copy(first, sizeof first, search(a));
	ck_assert_str_eq(search(b), first);
	ck_assert_str_ne(first, "");
}

START_TEST(search_by_person_staff_event)
{
	ck_assert_str_eq(search((struct audit_filter){.person_id = p1}),
	                 "person.view person.update person.view");
	ck_assert_str_eq(search((struct audit_filter){.person_id = p2}),
	                 "person.alert.add person.view");
	ck_assert_str_eq(search((struct audit_filter){.staff_id = lead}),
	                 "person.view personnel.list person.view");
	ck_assert_str_eq(search((struct audit_filter){.staff_id = lead, .person_id = p1}),
	                 "person.view");
	ck_assert_str_eq(search((struct audit_filter){.event = "person.view"}),
	                 "person.view person.view person.view");
	ck_assert_str_eq(search((struct audit_filter){.event = "person.*"}),
	                 "person.view person.alert.add person.view person.update person.view");
	ck_assert_str_eq(search((struct audit_filter){.event = "person*"}),
	                 "person.view person.alert.add personnel.list person.view person.update "
	                 "person.view");
	ck_assert_str_eq(search((struct audit_filter){.event = "session.*", .staff_id = lead}), "");
	ck_assert_str_eq(search((struct audit_filter){.event = "session.*"}),
	                 "session.sign_out session.sign_in");
	ck_assert_str_eq(search((struct audit_filter){.event = "person"}), "");
	/* text that looks like SQL or a pattern is only ever a value */
	ck_assert_str_eq(search((struct audit_filter){.event = "x' OR '1'='1"}), "");
	ck_assert_str_eq(search((struct audit_filter){.event = "%"}), "");
	assert_same((struct audit_filter){.event = "*"}, (struct audit_filter){0});
}
END_TEST

START_TEST(search_by_time)
{
	/* a day is the whole day, from either end */
	ck_assert_str_eq(
	    search((struct audit_filter){.since = "2024-06-15", .until = "2024-06-15"}),
	    "person.alert.add session.sign_in personnel.list person.view "
	    "person.update");
	ck_assert_str_eq(search((struct audit_filter){.until = "2024-06-14"}), "person.view");
	ck_assert_str_eq(search((struct audit_filter){.since = "2024-06-16"}),
	                 "session.sign_out person.view");
	/* timestamps, down to hundredths, with or without the Z */
	ck_assert_str_eq(search((struct audit_filter){.since = "2024-06-15T08:15:02.41Z",
	                                              .until = "2024-06-15T08:15:02.99Z"}),
	                 "personnel.list person.view");
	ck_assert_str_eq(search((struct audit_filter){.since = "2024-06-15T08:15:02.42",
	                                              .until = "2024-06-15T08:15:03Z"}),
	                 "session.sign_in personnel.list");
	/* a bound cut at the second or the minute covers all of it */
	ck_assert_str_eq(search((struct audit_filter){.since = "2024-06-15T08:15:02",
	                                              .until = "2024-06-15T08:15:02"}),
	                 "personnel.list person.view");
	ck_assert_str_eq(
	    search((struct audit_filter){.since = "2024-06-15T08:15", .until = "2024-06-15T08:15"}),
	    "session.sign_in personnel.list person.view");
	ck_assert_str_eq(search((struct audit_filter){.since = "2024-06-15T00",
	                                              .until = "2024-06-15T00:00:00.00Z"}),
	                 "person.update");
	ck_assert_str_eq(
	    search((struct audit_filter){.since = "2024-06-16", .until = "2024-06-15"}), "");
	assert_same((struct audit_filter){.since = "", .until = ""}, (struct audit_filter){0});
	/* combined with the other filters */
	ck_assert_str_eq(search((struct audit_filter){
	                     .person_id = p1, .since = "2024-06-15", .until = "2024-06-15"}),
	                 "person.update");

	static const char *const bad[] = {
	    "2024-6-15",
	    "2024-06-31",
	    "yesterday",
	    "2024-06-15T",
	    "2024-06-15 08:15",
	    "2024-06-15T24",
	    "2024-06-15T08:60",
	    "2024-06-15T08:15:02.",
	    "2024-06-15T08:15:02.4x",
	    "2024-06-15T08:15:02.1234567890Z",
	    "2024-06-15T8",
	};
	struct audit_row row;
	size_t n = 7;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct audit_filter f = {.since = bad[i]};
		ck_assert_msg(store_audit_query(fx.app.store, &f, &row, 1, &n) == CL_ERR_INVALID,
		              "since %s accepted", bad[i]);
		ck_assert_uint_eq(n, 0);
		ck_assert_msg(strstr(store_last_error(fx.app.store), "since") != NULL, "%s",
		              store_last_error(fx.app.store));
		f = (struct audit_filter){.until = bad[i]};
		ck_assert_int_eq(store_audit_query(fx.app.store, &f, &row, 1, &n), CL_ERR_INVALID);
	}
}
END_TEST

START_TEST(search_rows_carry_names)
{
	struct audit_row rows[64];
	size_t n = 0;
	struct audit_filter f = {.person_id = p2};
	ck_assert_int_eq(store_audit_query(fx.app.store, &f, rows, 64, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rows[0].event, "person.alert.add");
	ck_assert_str_eq(rows[0].at, "2024-06-15T23:59:59.99Z");
	ck_assert_int_eq(rows[0].staff_id, fx.staff_id);
	ck_assert_str_eq(rows[0].staff_username, "casey");
	ck_assert_int_eq(rows[0].person_id, p2);
	ck_assert_str_eq(rows[0].person_oid, "B2002");
	ck_assert_str_eq(rows[0].outcome, "ok");
	ck_assert_str_eq(rows[0].object, "tag=search");
	ck_assert_str_eq(rows[0].terminal, "pts/3 from 10.1.2.3");
	ck_assert_str_eq(rows[1].staff_username, "lee.lead");
	/* nobody and no person: zeros and empty names (a LEFT JOIN, not a lost row) */
	f = (struct audit_filter){.event = "session.sign_in"};
	ck_assert_int_eq(store_audit_query(fx.app.store, &f, rows, 64, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(rows[0].staff_id, 0);
	ck_assert_str_eq(rows[0].staff_username, "");
	ck_assert_int_eq(rows[0].person_id, 0);
	ck_assert_str_eq(rows[0].person_oid, "");
	/* no room, no rows; a NULL filter is every row */
	ck_assert_int_eq(store_audit_query(fx.app.store, NULL, rows, 0, &n), CL_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(store_audit_query(fx.app.store, NULL, rows, 64, &n), CL_OK);
	ck_assert_uint_eq(n, (size_t)fx_sql_int(fx.db, "SELECT count(*) FROM audit_log"));
}
END_TEST

/* Pages of 3, newest first, following before_id: every row once, in order. */
static void assert_paging(struct audit_filter f, const char *sql_ids)
{
	struct strbuf got;
	strbuf_init(&got);
	struct audit_row rows[8];
	size_t n;
	f.limit = 3;
	int pages = 0;
	do {
		ck_assert_int_eq(store_audit_query(fx.app.store, &f, rows, 8, &n), CL_OK);
		ck_assert_uint_le(n, 3);
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&got, "%s%lld", got.len ? "," : "", (long long)rows[i].id);
		if (n)
			f.before_id = rows[n - 1].id;
		ck_assert_int_lt(++pages, 100);
	} while (n == 3);
	char want[1024];
	fx_sql_text(fx.db, sql_ids, want, sizeof want);
	ck_assert_str_eq(got.buf, want);
	strbuf_clear(&got);
}

START_TEST(search_pages_newest_first)
{
	/* enough rows for several pages, some of them from other staff */
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(append_to(fx.app.store, "2024-06-17T10:00:00.00Z",
		                           i % 3 ? fx.staff_id : lead, "person.view", p1, "page"),
		                 CL_OK);
	assert_paging((struct audit_filter){0},
	              "SELECT group_concat(id) FROM (SELECT id FROM audit_log ORDER BY id DESC)");
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT group_concat(id) FROM (SELECT id FROM audit_log WHERE staff_id = %lld "
	         "AND event LIKE 'person.%%' ORDER BY id DESC)",
	         (long long)fx.staff_id);
	assert_paging((struct audit_filter){.staff_id = fx.staff_id, .event = "person.*"}, sql);
	snprintf(sql, sizeof sql,
	         "SELECT group_concat(id) FROM (SELECT id FROM audit_log WHERE person_id = %lld "
	         "AND at >= '2024-06-16' ORDER BY id DESC)",
	         (long long)p1);
	assert_paging((struct audit_filter){.person_id = p1, .since = "2024-06-16"}, sql);
	/* cap below limit: cap wins */
	struct audit_row rows[2];
	size_t n;
	struct audit_filter f = {.limit = 50};
	ck_assert_int_eq(store_audit_query(fx.app.store, &f, rows, 2, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
}
END_TEST

/* The schema's indexes answer the searches the screen makes without scanning the log. */
START_TEST(search_uses_indexes)
{
	char *plan =
	    fx_sql_dump(fx.db, "EXPLAIN QUERY PLAN SELECT id FROM audit_log "
	                       "WHERE staff_id = 1 AND id < 100 ORDER BY id DESC LIMIT 50");
	ck_assert_msg(strstr(plan, "audit_by_staff") != NULL, "%s", plan);
	free(plan);
	plan = fx_sql_dump(fx.db, "EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE event = 'x' "
	                          "AND at >= '2024' ORDER BY id DESC LIMIT 50");
	ck_assert_msg(strstr(plan, "audit_by_event") != NULL, "%s", plan);
	free(plan);
	plan = fx_sql_dump(fx.db, "EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE "
	                          "at >= '2024-06-15' AND at <= '2024-06-15~' "
	                          "ORDER BY id DESC LIMIT 50");
	ck_assert_msg(strstr(plan, "audit_by_at") != NULL, "%s", plan);
	free(plan);
}
END_TEST

static Suite *audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("chain");
	tcase_add_checked_fixture(tc, setup, teardown);
	/* the locked-database case waits out the store's 5 s busy timeout */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, append_in_and_out_of_transactions);
	tcase_add_test(tc, hash_format_is_pinned);
	tcase_add_test(tc, changed_row_is_named);
	tcase_add_test(tc, deleted_row_is_named);
	tcase_add_test(tc, rehashed_row_breaks_the_next);
	tcase_add_test(tc, inserted_row_is_named);
	tcase_add_test(tc, rows_from_before_the_chain);
	tcase_add_test(tc, blanked_hashes_are_not_old_rows);
	tcase_add_test(tc, triggers_refuse_update_and_delete);
	tcase_add_test(tc, two_connections_share_one_chain);
	tcase_add_test(tc, two_processes_share_one_chain);
	tcase_add_test(tc, refused_write_fails_closed);
	tcase_add_test(tc, locked_database_fails_closed);
	suite_add_tcase(s, tc);

	tc = tcase_create("retention");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, purge_respects_retention);
	tcase_add_test(tc, purge_everything_then_go_on);
	tcase_add_test(tc, purge_stops_at_first_young_row);
	tcase_add_test(tc, purge_in_callers_transaction);
	tcase_add_test(tc, purge_refuses_a_broken_chain);
	suite_add_tcase(s, tc);

	tc = tcase_create("search");
	tcase_add_checked_fixture(tc, search_setup, search_teardown);
	tcase_add_test(tc, search_by_person_staff_event);
	tcase_add_test(tc, search_by_time);
	tcase_add_test(tc, search_rows_carry_names);
	tcase_add_test(tc, search_pages_newest_first);
	tcase_add_test(tc, search_uses_indexes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(audit_suite());
}
