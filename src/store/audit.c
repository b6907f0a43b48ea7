/* The audit trail: appending chained rows, verifying the chain, searching, and purging
 * by retention with an anchor the chain restarts from. */
#include "caseload/audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "caseload/strbuf.h"
#include "store_internal.h"

/* Longest time bound accepted: "YYYY-MM-DDTHH:MM:SS." and nine digits of fraction. */
#define AUDIT_TIME_MAX 29

/* The delete guard exactly as migration 001 created it: the retention purge lifts it for
 * the length of its own transaction and puts this same text back. */
static const char audit_no_delete_sql[] =
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN\n"
	"  SELECT RAISE(ABORT, 'audit_log is append-only');\n"
	"END";

/* ---- the hash ---- */

/* Text fields are escaped so that no two different rows have the same canonical text: with
 * bare "\n" separators, object "a\nb" + terminal "c" would hash like object "a" + "b\nc". */
static void audit_hash_text(crypto_hash_sha256_state *h, const unsigned char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *esc = s[i] == '\\' ? "\\\\" : s[i] == '\n' ? "\\n" : NULL;
		if (!esc)
			continue;
		crypto_hash_sha256_update(h, s + run, i - run);
		crypto_hash_sha256_update(h, (const unsigned char *)esc, 2);
		run = i + 1;
	}
	crypto_hash_sha256_update(h, s + run, len - run);
}

static void audit_hash_sep(crypto_hash_sha256_state *h)
{
	crypto_hash_sha256_update(h, (const unsigned char *)"\n", 1);
}

/* A row's fields in canonical order: id, at, staff_id, event, outcome, person_id, object,
 * terminal, as the text SQLite gives for them (NULL as empty). */
struct audit_fields {
	const unsigned char *text[8];
	size_t len[8];
};

/* hex(SHA-256(prev "\n" field "\n" field ...)) into out. */
static void audit_hash(const char *prev, const struct audit_fields *f, char out[AUDIT_HASH_SIZE])
{
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)prev, strlen(prev));
	for (int i = 0; i < 8; i++) {
		audit_hash_sep(&h);
		audit_hash_text(&h, f->text[i], f->len[i]);
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, AUDIT_HASH_SIZE, digest, sizeof digest);
}

static void audit_field_text(struct audit_fields *f, int i, const char *s)
{
	f->text[i] = (const unsigned char *)(s ? s : "");
	f->len[i] = strlen((const char *)f->text[i]);
}

/* ids as SQLite renders an INTEGER column, or empty for the NULL that 0 is stored as */
static void audit_field_id(struct audit_fields *f, int i, int64_t id, char *buf, size_t bufsz)
{
	if (id)
		snprintf(buf, bufsz, "%" PRId64, id);
	else
		buf[0] = '\0';
	audit_field_text(f, i, buf);
}

static bool audit_sodium_ready(struct store *store)
{
	if (sodium_init() >= 0)
		return true;
	snprintf(store->error, sizeof store->error, "libsodium could not be initialised");
	return false;
}

/* ---- transactions ---- */

/* Opens a write transaction unless the caller has one; *own says which. */
static enum cl_status audit_begin(struct store *store, bool *own)
{
	*own = sqlite3_get_autocommit(store->db) != 0;
	return *own ? store_begin(store) : CL_OK;
}

static enum cl_status audit_end(struct store *store, bool own, enum cl_status st)
{
	if (!own)
		return st;
	if (st == CL_OK)
		return store_commit(store);
	store_rollback(store);
	return st;
}

/* ---- appending ---- */

enum cl_status store_audit_append(struct store *store, const struct audit_event *e)
{
	if (!audit_sodium_ready(store))
		return CL_ERR_INTERNAL;
	bool own;
	enum cl_status st = audit_begin(store, &own);
	if (st != CL_OK)
		return st;

	/* The next id and the hash it chains to, read under the write lock just taken (or the
	 * caller's), so no other writer can take the same place. After a purge of every row
	 * the anchor says where the chain goes on. */
	int64_t id = 0;
	char prev[AUDIT_HASH_SIZE] = "";
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT ifnull((SELECT id + 1 FROM audit_log ORDER BY id DESC LIMIT 1),"
		       " ifnull((SELECT first_id FROM audit_anchor WHERE id = 1), 1)),"
		       " ifnull((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),"
		       " ifnull((SELECT prev_hash FROM audit_anchor WHERE id = 1), ''))");
	if (!stmt)
		return audit_end(store, own, CL_ERR_INTERNAL);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		store_column_copy(stmt, 1, prev, sizeof prev);
	} else {
		st = store_fail(store, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc);
	}
	sqlite3_reset(stmt);
	if (st != CL_OK)
		return audit_end(store, own, st);

	struct audit_fields f;
	char id_text[24], staff_text[24], person_text[24];
	char hash[AUDIT_HASH_SIZE];
	audit_field_id(&f, 0, id, id_text, sizeof id_text);
	audit_field_text(&f, 1, e->at);
	audit_field_id(&f, 2, e->staff_id, staff_text, sizeof staff_text);
	audit_field_text(&f, 3, e->event);
	audit_field_text(&f, 4, e->outcome);
	audit_field_id(&f, 5, e->person_id, person_text, sizeof person_text);
	audit_field_text(&f, 6, e->object);
	audit_field_text(&f, 7, e->terminal);
	audit_hash(prev, &f, hash);

	stmt = store_stmt(store, "INSERT INTO audit_log (id, at, staff_id, event, outcome, "
				 "person_id, object, terminal, hash) "
				 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!stmt)
		return audit_end(store, own, CL_ERR_INTERNAL);
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, e->at);
	store_bind_id(stmt, 3, e->staff_id);
	store_bind_text(stmt, 4, e->event);
	store_bind_text(stmt, 5, e->outcome);
	store_bind_id(stmt, 6, e->person_id);
	store_bind_text(stmt, 7, e->object ? e->object : "");
	store_bind_text(stmt, 8, e->terminal ? e->terminal : "");
	store_bind_text(stmt, 9, hash);
	return audit_end(store, own, store_step_done(store, stmt));
}

enum cl_status store_audit_count(struct store *store, int64_t person_id, const char *event,
				 int64_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT count(*) FROM audit_log "
					       "WHERE person_id = ? AND event = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	store_bind_text(stmt, 2, event);
	return store_step_int64(store, stmt, count);
}

/* ---- walking the chain ---- */

/* The anchor (audit_anchor, made by migration 3 and moved by each purge) says where the
 * chain starts: first_id and the hash that row chains to. Below it lie only rows written
 * before the chain existed, which have no hash and are passed over, counted; once purging
 * has reached chained rows (prev_hash set), nothing may lie below it. Without an anchor
 * the chain must start at row 1. */
struct audit_walk {
	int64_t expect_id;          /* the id the next chained row must have */
	int64_t anchor_id;          /* where the chain starts */
	bool legacy_allowed;        /* rows from before the chain may lie below anchor_id */
	char prev[AUDIT_HASH_SIZE]; /* the hash the next row chains to */
	int64_t walked_to;          /* the last row looked at, 0 before the first */
	int64_t checked;            /* chained rows that matched */
	int64_t unchained;          /* rows from before the chain, passed over */
	int64_t broken;             /* first id where the chain breaks, 0 while intact */
	char detail[256];
};

static enum cl_status audit_walk_start(struct store *store, struct audit_walk *w)
{
	memset(w, 0, sizeof *w);
	w->anchor_id = w->expect_id = 1;
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT first_id, prev_hash FROM audit_anchor WHERE id = 1");
	if (!stmt)
		return CL_ERR_INTERNAL;
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW) {
		w->anchor_id = w->expect_id = sqlite3_column_int64(stmt, 0);
		store_column_copy(stmt, 1, w->prev, sizeof w->prev);
		w->legacy_allowed = w->prev[0] == '\0';
	} else if (rc != SQLITE_DONE) {
		st = store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

static void audit_walk_gap(struct audit_walk *w, int64_t id)
{
	w->broken = w->expect_id;
	char which[64];
	if (id == w->expect_id + 1)
		snprintf(which, sizeof which, "row %" PRId64, w->expect_id);
	else
		snprintf(which, sizeof which, "rows %" PRId64 " to %" PRId64, w->expect_id, id - 1);
	if (w->expect_id == w->anchor_id)
		snprintf(w->detail, sizeof w->detail,
			 "%s missing (the chain starts at row %" PRId64
			 " but its first row is %" PRId64 ")",
			 which, w->expect_id, id);
	else
		snprintf(w->detail, sizeof w->detail,
			 "%s missing (ids jump from %" PRId64 " to %" PRId64 ")", which,
			 w->expect_id - 1, id);
}

/* Checks one row (the walk statement's current one) against the chain so far. */
static void audit_walk_row(struct audit_walk *w, sqlite3_stmt *stmt)
{
	int64_t id = sqlite3_column_int64(stmt, 0);
	const unsigned char *stored = sqlite3_column_text(stmt, 8);
	if (!stored)
		stored = (const unsigned char *)"";
	w->walked_to = id;
	if (id < w->anchor_id) {
		if (w->legacy_allowed && stored[0] == '\0') {
			w->unchained++;
			return;
		}
		w->broken = id;
		snprintf(w->detail, sizeof w->detail,
			 "row %" PRId64 ": lies before the start of the chain at row %" PRId64
			 " (inserted, or %s)",
			 id, w->anchor_id,
			 w->legacy_allowed ? "given a hash" : "left behind by a purge");
		return;
	}
	if (id > w->expect_id) {
		audit_walk_gap(w, id);
		return;
	}
	w->expect_id = id + 1;
	struct audit_fields f;
	for (int i = 0; i < 8; i++) {
		const unsigned char *t = sqlite3_column_text(stmt, i);
		f.len[i] = (size_t)sqlite3_column_bytes(stmt, i);
		f.text[i] = t ? t : (const unsigned char *)"";
	}
	char want[AUDIT_HASH_SIZE];
	audit_hash(w->prev, &f, want);
	if (strcmp(want, (const char *)stored) != 0) {
		w->broken = id;
		/* One hash cannot tell this row changed from the row before changed and re-hashed;
		 * the first row of the chain has no row before it to blame. */
		if (id == w->anchor_id)
			snprintf(w->detail, sizeof w->detail,
				 "row %" PRId64 ": hash does not match its content (changed or "
				 "inserted)",
				 id);
		else
			snprintf(w->detail, sizeof w->detail,
				 "row %" PRId64 ": hash does not match its content and row %" PRId64
				 "'s hash (row %" PRId64 " changed or inserted, or row %" PRId64
				 " changed and re-hashed: chain broken)",
				 id, id - 1, id, id - 1);
		return;
	}
	w->checked++;
	str_copy(w->prev, sizeof w->prev, (const char *)stored);
}

/* Walks rows up to id `upto` (inclusive), stopping at the first break. */
static enum cl_status audit_walk_to(struct store *store, struct audit_walk *w, int64_t upto)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT id, at, staff_id, event, outcome, "
					       "person_id, object, terminal, hash FROM audit_log "
					       "WHERE id <= ? ORDER BY id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, upto);
	int rc = SQLITE_DONE;
	while (!w->broken && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		audit_walk_row(w, stmt);
	enum cl_status st = w->broken || rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_audit_verify(struct store *store, int64_t *checked, int64_t *first_broken,
				  char *detail, size_t detail_size)
{
	*checked = 0;
	*first_broken = 0;
	if (detail_size)
		detail[0] = '\0';
	if (!audit_sodium_ready(store))
		return CL_ERR_INTERNAL;
	/* one snapshot for the anchor and the rows, or a purge committed in between would
	 * look like a break */
	bool own = sqlite3_get_autocommit(store->db) != 0;
	if (own) {
		int rc = sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return store_fail(store, rc);
	}
	struct audit_walk w;
	enum cl_status st = audit_walk_start(store, &w);
	if (st == CL_OK)
		st = audit_walk_to(store, &w, INT64_MAX);
	if (own)
		store_rollback(store); /* it only read */
	if (st != CL_OK)
		return st;

	*checked = w.checked;
	*first_broken = w.broken;
	if (w.broken) {
		snprintf(detail, detail_size, "%s", w.detail);
		return CL_OK;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "intact: %" PRId64 " rows checked", w.checked);
	if (w.anchor_id > 1)
		strbuf_printf(&sb, " from row %" PRId64, w.anchor_id);
	if (w.unchained)
		strbuf_printf(&sb,
			      "; %" PRId64 " rows from before the chain (before schema 3) "
			      "not checked",
			      w.unchained);
	snprintf(detail, detail_size, "%s", sb.buf);
	strbuf_clear(&sb);
	return CL_OK;
}

enum cl_status store_audit_head(struct store *store, int64_t *id, char hash[AUDIT_HASH_SIZE])
{
	*id = 0;
	hash[0] = '\0';
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT ifnull((SELECT id FROM audit_log ORDER BY id DESC LIMIT 1),"
		       " (SELECT first_id - 1 FROM audit_anchor WHERE id = 1)),"
		       " ifnull((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),"
		       " (SELECT prev_hash FROM audit_anchor WHERE id = 1))");
	if (!stmt)
		return CL_ERR_INTERNAL;
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		store_column_copy(stmt, 1, hash, AUDIT_HASH_SIZE);
	} else if (rc != SQLITE_DONE) {
		st = store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

/* ---- searching ---- */

static bool audit_digits(const char *s, size_t n, int max)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	return max < 0 || v <= max;
}

/* Checks a UTC time cut at a field boundary ("2024-06-15", "2024-06-15T08",
 * "2024-06-15T08:15", "...:02", "...:02.41", each optionally with "Z") and copies it
 * without the Z, which as a prefix compares below every stored time within what it names. */
static bool audit_time_bound(const char *text, char out[AUDIT_TIME_MAX + 1])
{
	size_t n = strlen(text);
	if (n > 10 && text[n - 1] == 'Z')
		n--;
	if (n < 10 || n > AUDIT_TIME_MAX)
		return false;
	char day[DATE_TEXT_SIZE];
	date_t d;
	memcpy(day, text, 10);
	day[10] = '\0';
	if (!date_parse(day, &d))
		return false;
	const char *t = text + 10;
	size_t rest = n - 10;
	/* "THH", ":MM", ":SS", then "." and 1-9 digits; each part needs the one before */
	static const struct {
		char lead;
		int max;
	} parts[] = {{'T', 23}, {':', 59}, {':', 60}};
	for (size_t i = 0; i < 3 && rest > 0; i++) {
		if (rest < 3 || t[0] != parts[i].lead || !audit_digits(t + 1, 2, parts[i].max))
			return false;
		t += 3;
		rest -= 3;
	}
	if (rest > 0 && (t != text + 19 || t[0] != '.' || rest < 2 ||
			 !audit_digits(t + 1, rest - 1, -1)))
		return false;
	memcpy(out, text, n);
	out[n] = '\0';
	return true;
}

static enum cl_status audit_bad_time(struct store *store, const char *what, const char *text)
{
	snprintf(store->error, sizeof store->error,
		 "%s: '%.40s' is not a UTC time like 2024-06-15 or 2024-06-15T08:15:02Z", what,
		 text);
	return CL_ERR_INVALID;
}

static bool audit_set(const char *s)
{
	return s && *s;
}

/* The WHERE clause is put together from fixed pieces, one per filter that is set, so each
 * combination can use its index; every value is bound, never spliced into the text. */
enum cl_status store_audit_query(struct store *store, const struct audit_filter *filter,
				 struct audit_row *rows, size_t cap, size_t *count)
{
	static const struct audit_filter none;
	const struct audit_filter *fl = filter ? filter : &none;
	*count = 0;
	char since[AUDIT_TIME_MAX + 1], until[AUDIT_TIME_MAX + 2];
	if (audit_set(fl->since) && !audit_time_bound(fl->since, since))
		return audit_bad_time(store, "since", fl->since);
	if (audit_set(fl->until)) {
		if (!audit_time_bound(fl->until, until))
			return audit_bad_time(store, "until", fl->until);
		/* '~' sorts above every character of a time: the bound reaches to the end of the
		 * day (hour, second) it names */
		strcat(until, "~");
	}
	/* "person.*": the range [person., person/) which the event index can seek */
	struct strbuf prefix_hi;
	strbuf_init(&prefix_hi);
	bool event_exact = false, event_prefix = false;
	if (audit_set(fl->event)) {
		size_t n = strlen(fl->event);
		if (fl->event[n - 1] != '*') {
			event_exact = true;
		} else if (n > 1) {
			event_prefix = true;
			strbuf_append(&prefix_hi, fl->event, n - 1);
			unsigned char last = (unsigned char)prefix_hi.buf[n - 2];
			if (last == 0xFF) { /* never in UTF-8 */
				strbuf_clear(&prefix_hi);
				snprintf(store->error, sizeof store->error, "event: not UTF-8");
				return CL_ERR_INVALID;
			}
			prefix_hi.buf[n - 2] = (char)(last + 1);
		}
	}
	size_t limit = fl->limit && fl->limit < cap ? fl->limit : cap;
	if (limit == 0) {
		strbuf_clear(&prefix_hi);
		return CL_OK;
	}

	struct strbuf sql;
	strbuf_init(&sql);
	strbuf_puts(&sql, "SELECT a.id, a.at, ifnull(a.staff_id, 0), ifnull(s.username, ''), "
			  "a.event, a.outcome, ifnull(a.person_id, 0), ifnull(p.oid, ''), "
			  "a.object, a.terminal FROM audit_log a "
			  "LEFT JOIN staff s ON s.id = a.staff_id "
			  "LEFT JOIN person p ON p.id = a.person_id WHERE 1");
	if (fl->person_id)
		strbuf_puts(&sql, " AND a.person_id = :person");
	if (fl->staff_id)
		strbuf_puts(&sql, " AND a.staff_id = :staff");
	if (event_exact)
		strbuf_puts(&sql, " AND a.event = :event");
	if (event_prefix)
		strbuf_puts(&sql, " AND a.event >= :event AND a.event < :event_hi");
	if (audit_set(fl->since))
		strbuf_puts(&sql, " AND a.at >= :since");
	if (audit_set(fl->until))
		strbuf_puts(&sql, " AND a.at <= :until");
	if (fl->before_id)
		strbuf_puts(&sql, " AND a.id < :before");
	strbuf_puts(&sql, " ORDER BY a.id DESC LIMIT :limit");

	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(store->db, sql.buf, -1, &stmt, NULL);
	strbuf_clear(&sql);
	if (rc != SQLITE_OK) {
		strbuf_clear(&prefix_hi);
		return store_fail(store, rc);
	}
	/* binding an absent name is a no-op (index 0), so bind them all */
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":person"), fl->person_id);
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":staff"), fl->staff_id);
	if (event_exact)
		store_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":event"), fl->event);
	if (event_prefix) {
		sqlite3_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":event"), fl->event,
				  (int)prefix_hi.len, SQLITE_TRANSIENT);
		store_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":event_hi"),
				prefix_hi.buf);
	}
	if (audit_set(fl->since))
		store_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":since"), since);
	if (audit_set(fl->until))
		store_bind_text(stmt, sqlite3_bind_parameter_index(stmt, ":until"), until);
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":before"), fl->before_id);
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":limit"), (int64_t)limit);
	strbuf_clear(&prefix_hi);

	size_t n = 0;
	rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct audit_row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(stmt, 0);
		store_column_copy(stmt, 1, r->at, sizeof r->at);
		r->staff_id = sqlite3_column_int64(stmt, 2);
		store_column_copy(stmt, 3, r->staff_username, sizeof r->staff_username);
		store_column_copy(stmt, 4, r->event, sizeof r->event);
		store_column_copy(stmt, 5, r->outcome, sizeof r->outcome);
		r->person_id = sqlite3_column_int64(stmt, 6);
		store_column_copy(stmt, 7, r->person_oid, sizeof r->person_oid);
		store_column_copy(stmt, 8, r->object, sizeof r->object);
		store_column_copy(stmt, 9, r->terminal, sizeof r->terminal);
	}
	enum cl_status st = n == limit || rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_finalize(stmt);
	*count = st == CL_OK ? n : 0;
	return st;
}

/* ---- retention ---- */

static enum cl_status audit_purge_locked(struct store *store, const char *before,
					 int64_t *purged)
{
	/* Only a run of the oldest ids can go, or the chain would have holes: stop at the first
	 * row young enough to keep, even if older rows follow it (clocks of different
	 * terminals disagree a little). `+at` keeps this a walk in id order that stops there,
	 * not a search of the time index over every younger row. */
	int64_t keep_from = 0;
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT id FROM audit_log WHERE +at >= ? ORDER BY id LIMIT 1");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, before);
	enum cl_status st = store_step_int64(store, stmt, &keep_from);
	if (st == CL_ERR_NOTFOUND)
		keep_from = INT64_MAX; /* every row is old enough */
	else if (st != CL_OK)
		return st;

	/* The rows about to go must verify: purging tampered rows would hide the tampering.
	 * The walk also gives the new anchor: the id after the last chained row purged and
	 * that row's hash (unchanged when only rows from before the chain go). */
	struct audit_walk w;
	st = audit_walk_start(store, &w);
	if (st == CL_OK)
		st = audit_walk_to(store, &w, keep_from == INT64_MAX ? INT64_MAX : keep_from - 1);
	if (st != CL_OK)
		return st;
	if (w.broken) {
		snprintf(store->error, sizeof store->error,
			 "audit trail does not verify (%s); nothing purged", w.detail);
		return CL_ERR_CORRUPT;
	}
	if (w.walked_to == 0)
		return CL_OK; /* nothing old enough */

	/* The delete guard is lifted inside this transaction only: no other connection ever
	 * sees the table without it, and a failure puts it back with the rollback. */
	int rc = sqlite3_exec(store->db, "DROP TRIGGER audit_log_no_delete", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc);
	stmt = store_stmt(store, "DELETE FROM audit_log WHERE id <= ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, w.walked_to);
	st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	*purged = sqlite3_changes64(store->db);
	rc = sqlite3_exec(store->db, audit_no_delete_sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc);

	stmt = store_stmt(store, "INSERT INTO audit_anchor (id, first_id, prev_hash) "
				 "VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
				 "first_id = excluded.first_id, prev_hash = excluded.prev_hash");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, w.expect_id);
	store_bind_text(stmt, 2, w.prev);
	return store_step_done(store, stmt);
}

enum cl_status store_audit_purge(struct store *store, const char *before_at,
				 const char *oldest_allowed_at, int64_t *purged)
{
	*purged = 0;
	char before[AUDIT_TIME_MAX + 1], allowed[AUDIT_TIME_MAX + 1];
	if (!before_at || !audit_time_bound(before_at, before))
		return audit_bad_time(store, "purge before", before_at ? before_at : "");
	if (!oldest_allowed_at || !audit_time_bound(oldest_allowed_at, allowed))
		return audit_bad_time(store, "retention boundary",
				      oldest_allowed_at ? oldest_allowed_at : "");
	if (strcmp(before, allowed) > 0) {
		snprintf(store->error, sizeof store->error,
			 "audit rows from %s on must be kept; purging up to %s refused", allowed,
			 before);
		return CL_ERR_DENIED;
	}
	if (!audit_sodium_ready(store))
		return CL_ERR_INTERNAL;
	bool own;
	enum cl_status st = audit_begin(store, &own);
	if (st != CL_OK)
		return st;
	int64_t n = 0;
	st = audit_end(store, own, audit_purge_locked(store, before, &n));
	if (st == CL_OK)
		*purged = n;
	return st;
}
