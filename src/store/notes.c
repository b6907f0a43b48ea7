/* Case notes: drafts, finalizing and co-signing, the person's timeline and full-text search.
 * Who may see a note is decided in the SQL of every read (NOTE_VISIBLE), never by filtering
 * afterwards, so that no count, page or rank is ever computed over notes the reader may not
 * see. Statements are put together from fixed fragments (user text is always bound) and
 * each variant is prepared once and cached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/notes.h"
#include "caseload/strbuf.h"
#include "caseload/text.h"
#include "store_internal.h"

/* Search ranks only the newest this many matches: ranking every match of a common word
 * costs seconds on a large database (docs PERFORMANCE.md), the newest matches milliseconds. */
#define NOTE_SEARCH_CANDIDATES 2000

static const unsigned note_grants[NOTE_SENSITIVITY_COUNT] = {
#define NOTE_SENS_GRANT(id, name, grant) [id] = grant,
	NOTE_SENSITIVITY_LIST(NOTE_SENS_GRANT)
#undef NOTE_SENS_GRANT
};

static const char *const note_state_codes[] = {
	[NOTE_DRAFT] = "draft",
	[NOTE_PENDING_COSIGN] = "pending_cosign",
	[NOTE_FINAL] = "final",
};

/* Another's note is visible when the reader holds its sensitivity's grant (bit s of
 * :levels, see note_levels); a draft only to its author, who always sees their own. */
#define NOTE_VISIBLE(t)                                                                            \
	"((((:levels >> " t ".sensitivity) & 1) = 1 OR " t ".author_id = :reader) AND (" t        \
	".state <> 'draft' OR " t ".author_id = :reader))"

/* The levels a reader may see in others' notes, one bit per enum note_sensitivity. Bound as
 * a number rather than spelled out in SQL, so that NOTE_SENSITIVITY_LIST stays the only
 * place that says which grant opens which level. */
int64_t note_levels(unsigned grants)
{
	int64_t levels = 0;
	for (int s = 0; s < NOTE_SENSITIVITY_COUNT; s++)
		if ((note_grants[s] & grants) == note_grants[s])
			levels |= (int64_t)1 << s;
	return levels;
}

enum note_sensitivity note_sensitivity_from_int(int sensitivity)
{
	return sensitivity >= 0 && sensitivity < NOTE_SENSITIVITY_COUNT
		       ? (enum note_sensitivity)sensitivity
		       : (enum note_sensitivity)(NOTE_SENSITIVITY_COUNT - 1);
}

static enum note_state note_state_from_code(const unsigned char *code)
{
	for (size_t i = 0; code && i < sizeof note_state_codes / sizeof note_state_codes[0]; i++)
		if (!strcmp((const char *)code, note_state_codes[i]))
			return (enum note_state)i;
	return NOTE_FINAL; /* the schema allows no other; were it otherwise, never editable */
}

void note_bind_int64(sqlite3_stmt *stmt, const char *name, int64_t value)
{
	int index = sqlite3_bind_parameter_index(stmt, name);
	if (index)
		sqlite3_bind_int64(stmt, index, value);
}

void note_bind_id(sqlite3_stmt *stmt, const char *name, int64_t id)
{
	int index = sqlite3_bind_parameter_index(stmt, name);
	if (index)
		store_bind_id(stmt, index, id);
}

void note_bind_text(sqlite3_stmt *stmt, const char *name, const char *text)
{
	int index = sqlite3_bind_parameter_index(stmt, name);
	if (index)
		store_bind_text(stmt, index, text);
}

void note_bind_reader(sqlite3_stmt *stmt, const struct note_reader *reader)
{
	note_bind_int64(stmt, ":reader", reader->staff_id);
	note_bind_int64(stmt, ":levels", note_levels(reader->grants));
}

static enum cl_status note_invalid(struct store *store, const char *why)
{
	snprintf(store->error, sizeof store->error, "%s", why);
	return CL_ERR_INVALID;
}

void note_clear(struct note *note)
{
	free(note->body);
	memset(note, 0, sizeof *note);
}

/* ---- one note ---- */

#define NOTE_COLUMNS                                                                               \
	"n.id, n.person_id, n.author_id, n.author_name, n.type, n.contact_at, n.written_at, "     \
	"n.present, n.subject, n.sensitivity, n.state, ifnull(n.amends_id, 0), "                 \
	"ifnull((SELECT max(a.id) FROM note a WHERE a.amends_id = n.id AND " NOTE_VISIBLE("a")    \
	"), 0), ifnull(n.finalized_at, ''), ifnull(c.display_name, ''), "                        \
	"ifnull(n.cosigned_at, ''), n.version, n.body"
#define NOTE_FROM " FROM note n LEFT JOIN staff c ON c.id = n.cosigned_by"

static void note_read(sqlite3_stmt *stmt, void *item)
{
	struct note *n = item;
	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(stmt, 0);
	n->person_id = sqlite3_column_int64(stmt, 1);
	n->author_id = sqlite3_column_int64(stmt, 2);
	store_column_copy(stmt, 3, n->author_name, sizeof n->author_name);
	store_column_copy(stmt, 4, n->type, sizeof n->type);
	store_column_copy(stmt, 5, n->contact_at, sizeof n->contact_at);
	store_column_copy(stmt, 6, n->written_at, sizeof n->written_at);
	store_column_copy(stmt, 7, n->present, sizeof n->present);
	store_column_copy(stmt, 8, n->subject, sizeof n->subject);
	n->sensitivity = note_sensitivity_from_int(sqlite3_column_int(stmt, 9));
	n->state = note_state_from_code(sqlite3_column_text(stmt, 10));
	n->amends_id = sqlite3_column_int64(stmt, 11);
	n->amended_by_id = sqlite3_column_int64(stmt, 12);
	store_column_copy(stmt, 13, n->finalized_at, sizeof n->finalized_at);
	store_column_copy(stmt, 14, n->cosigned_by_name, sizeof n->cosigned_by_name);
	store_column_copy(stmt, 15, n->cosigned_at, sizeof n->cosigned_at);
	n->version = sqlite3_column_int64(stmt, 16);
	n->body = store_column_dup(stmt, 17);
}

static void note_bind_text_fields(sqlite3_stmt *stmt, const struct note *note)
{
	note_bind_text(stmt, ":type", note->type);
	note_bind_text(stmt, ":contact_at", note->contact_at);
	note_bind_text(stmt, ":present", note->present);
	note_bind_text(stmt, ":subject", note->subject);
	note_bind_int64(stmt, ":sensitivity", (int64_t)note->sensitivity);
	note_bind_text(stmt, ":body", note->body ? note->body : "");
}

enum cl_status store_note_insert(struct store *store, struct note *note, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO note (person_id, author_id, author_name, type, contact_at, "
		       "written_at, sensitivity, amends_id, updated_at, present, subject, body) "
		       "VALUES (:person, :author, :author_name, :type, :contact_at, :at, "
		       ":sensitivity, :amends, :at, :present, :subject, :body)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":person", note->person_id);
	note_bind_int64(stmt, ":author", note->author_id);
	note_bind_text(stmt, ":author_name", note->author_name);
	note_bind_text(stmt, ":at", at);
	note_bind_id(stmt, ":amends", note->amends_id);
	note_bind_text_fields(stmt, note);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	note->id = sqlite3_last_insert_rowid(store->db);
	note->state = NOTE_DRAFT;
	note->version = 1;
	note->amended_by_id = 0;
	str_copy(note->written_at, sizeof note->written_at, at);
	note->finalized_at[0] = note->cosigned_at[0] = note->cosigned_by_name[0] = '\0';
	return CL_OK;
}

/* Why a write conditioned on the note's state changed nothing: it is gone, or it is no
 * longer in the state the write expects (CL_ERR_INVALID), or else (CL_OK) it is. */
static enum cl_status note_check_state(struct store *store, int64_t id, enum note_state expected)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT state FROM note WHERE id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW) {
		if (note_state_from_code(sqlite3_column_text(stmt, 0)) != expected)
			st = note_invalid(store, expected == NOTE_DRAFT
							 ? "the note is no longer a draft"
							 : "the note awaits no co-signature");
	} else if (rc == SQLITE_DONE) {
		snprintf(store->error, sizeof store->error, "no such note");
		st = CL_ERR_NOTFOUND;
	} else {
		st = store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_note_update_draft(struct store *store, struct note *note, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE note SET type = :type, contact_at = :contact_at, "
		       "present = :present, subject = :subject, sensitivity = :sensitivity, "
		       "body = :body, version = version + 1, updated_at = :at "
		       "WHERE id = :id AND version = :version AND state = 'draft'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text_fields(stmt, note);
	note_bind_text(stmt, ":at", at);
	note_bind_int64(stmt, ":id", note->id);
	note_bind_int64(stmt, ":version", note->version);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	if (sqlite3_changes(store->db) == 0) {
		st = note_check_state(store, note->id, NOTE_DRAFT);
		if (st == CL_OK) {
			snprintf(store->error, sizeof store->error,
				 "the draft was saved elsewhere since it was read");
			st = CL_ERR_STALE;
		}
		return st;
	}
	note->version++;
	return CL_OK;
}

enum cl_status store_note_submit(struct store *store, int64_t id, enum note_state to,
				 int64_t by, const char *at)
{
	if (to != NOTE_PENDING_COSIGN && to != NOTE_FINAL)
		return note_invalid(store, "a draft is submitted for co-signature or finalized");
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE note SET state = :state, "
		       "finalized_at = CASE WHEN :state = 'final' THEN :at END, "
		       "finalized_by = CASE WHEN :state = 'final' THEN :by END, updated_at = :at "
		       "WHERE id = :id AND state = 'draft'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text(stmt, ":state", note_state_codes[to]);
	note_bind_text(stmt, ":at", at);
	note_bind_int64(stmt, ":by", by);
	note_bind_int64(stmt, ":id", id);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	if (sqlite3_changes(store->db) == 0) {
		st = note_check_state(store, id, NOTE_DRAFT);
		return st == CL_OK ? CL_ERR_INTERNAL : st; /* a draft the UPDATE did not see */
	}
	/* Indexed now, once: the text is frozen from here on (the schema's triggers see to it),
	 * so the external-content index never needs the old values. Copied by SQL, not
	 * through C, so a long body is not bound again. */
	sqlite3_stmt *index = store_stmt(store, "INSERT INTO note_search (rowid, subject, body, "
						"present) SELECT id, subject, body, present "
						"FROM note WHERE id = :id");
	if (!index)
		return CL_ERR_INTERNAL;
	note_bind_int64(index, ":id", id);
	return store_step_done(store, index);
}

enum cl_status store_note_cosign(struct store *store, int64_t id, int64_t by, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE note SET state = 'final', cosigned_by = :by, cosigned_at = :at, "
		       "finalized_by = :by, finalized_at = :at, updated_at = :at "
		       "WHERE id = :id AND state = 'pending_cosign'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":by", by);
	note_bind_text(stmt, ":at", at);
	note_bind_int64(stmt, ":id", id);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0) {
		st = note_check_state(store, id, NOTE_PENDING_COSIGN);
		if (st == CL_OK)
			st = CL_ERR_INTERNAL;
	}
	return st;
}

enum cl_status store_note_get(struct store *store, const struct note_reader *reader, int64_t id,
			      struct note *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " NOTE_COLUMNS NOTE_FROM
					       " WHERE n.id = :id AND " NOTE_VISIBLE("n"));
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":id", id);
	return store_row(store, stmt, out, note_read);
}

enum cl_status store_notes_pending_cosign(struct store *store, int64_t supervisor_id,
					  struct note **notes, size_t *count, size_t cap)
{
	*notes = NULL;
	*count = 0;
	/* the supervisor reads the queue: their own grants decide what it shows */
	sqlite3_stmt *who = store_stmt(store, "SELECT grants FROM staff WHERE id = :id");
	if (!who)
		return CL_ERR_INTERNAL;
	note_bind_int64(who, ":id", supervisor_id);
	int64_t grants = 0;
	enum cl_status st = store_step_int64(store, who, &grants);
	if (st == CL_ERR_NOTFOUND || cap == 0)
		return CL_OK; /* nobody by that id supervises anyone */
	if (st != CL_OK)
		return st;
	struct note_reader reader = {supervisor_id, (unsigned)grants};
	/* A pending note's text is frozen, so its updated_at is when it was submitted: the
	 * queue is oldest submission first. */
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT " NOTE_COLUMNS NOTE_FROM " WHERE n.state = 'pending_cosign' "
		       "AND n.author_id IN (SELECT id FROM staff WHERE supervisor_id = :reader) "
		       "AND " NOTE_VISIBLE("n") " ORDER BY n.updated_at, n.id LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, &reader);
	note_bind_int64(stmt, ":cap", cap > INT64_MAX ? INT64_MAX : (int64_t)cap);
	size_t allocated = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*count == allocated) {
			allocated = allocated ? allocated * 2 : 16;
			*notes = xrealloc(*notes, allocated * sizeof **notes);
		}
		note_read(stmt, &(*notes)[(*count)++]);
	}
	st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	if (st != CL_OK) {
		for (size_t i = 0; i < *count; i++)
			note_clear(&(*notes)[i]);
		free(*notes);
		*notes = NULL;
		*count = 0;
	}
	return st;
}

/* ---- the timeline ---- */

/* Notes, record changes and form responses that left draft, newest first. A note's `at` is
 * its contact_at as stored ("YYYY-MM-DD HH:MM"), so the person's notes page straight off
 * note_by_person; a change's is its changed_at and a form's its finalized_at, each with the
 * 'T' made a space ("YYYY-MM-DD HH:MM:SS.ssZ"), so that all compare as text (contact_at is
 * local wall-clock time and the others UTC: within a few hours of each other the kinds may
 * interleave out of true order). Ties: by kind (enum timeline_kind: notes, changes, forms),
 * then newest id first. Each branch takes its own newest `cap` rows through its index, and
 * only the merge of those is sorted. */

/* The keyset test of the branch of `kind`: past the cursor (:before_at, :before_kind,
 * :before_id) in that order. At the cursor's own `at`, a kind before the cursor's has no
 * entry left (id below 0), a kind after it all of them (id below the largest). */
static void timeline_before_sql(struct strbuf *sql, const char *at, const char *id,
				enum timeline_kind kind)
{
	strbuf_printf(sql,
		      " AND (%s, %s) < (:before_at, CASE WHEN :before_kind = %d THEN :before_id "
		      "WHEN :before_kind < %d THEN 9223372036854775807 ELSE 0 END)",
		      at, id, (int)kind, (int)kind);
}

/* The exact test is on `at`; the bound before it only lets the index seek to the cursor's
 * day, and holds for any cursor text: a UTC time whose `at` sorts before the cursor shares at
 * most its first ten characters, then 'T' < '~'. */
static void timeline_utc_before_sql(struct strbuf *sql, const char *column, const char *id,
				    enum timeline_kind kind)
{
	char at[64];
	snprintf(at, sizeof at, "replace(%s, 'T', ' ')", column);
	strbuf_printf(sql, " AND %s <= substr(:before_at, 1, 10) || '~'", column);
	timeline_before_sql(sql, at, id, kind);
}

/* Days, both ends inclusive ('~' sorts after every time of that day). */
static void timeline_days_sql(struct strbuf *sql, const struct timeline_query *q,
			      const char *column)
{
	if (q->since)
		strbuf_printf(sql, " AND %s >= :since", column);
	if (q->until)
		strbuf_printf(sql, " AND %s < :until || '~'", column);
}

static void timeline_sql(struct strbuf *sql, const struct timeline_query *q)
{
	bool forms = !q->type || strcmp(q->type, "form") == 0;
	bool changes = !q->type || strcmp(q->type, "change") == 0;
	bool notes = !q->type || (!forms && !changes);
	strbuf_puts(sql, "SELECT kind, id, at, type, summary, who, state, amended, sensitive "
			 "FROM (");
	const char *glue = "";
	if (notes) {
		strbuf_printf(sql,
			      "SELECT * FROM (SELECT %d AS kind, n.id AS id, n.contact_at AS at, "
			      "n.type AS type, CASE WHEN n.subject <> '' THEN n.subject "
			      "ELSE substr(n.body, 1, 600) END AS summary, n.author_name AS who, "
			      "n.state AS state, EXISTS (SELECT 1 FROM note a "
			      "WHERE a.amends_id = n.id AND " NOTE_VISIBLE("a") ") AS amended, "
			      "n.sensitivity <> 0 AS sensitive "
			      "FROM note n WHERE n.person_id = :person AND " NOTE_VISIBLE("n"),
			      (int)TIMELINE_NOTE);
		if (q->type)
			strbuf_puts(sql, " AND n.type = :type");
		timeline_days_sql(sql, q, "n.contact_at");
		if (q->before_at)
			timeline_before_sql(sql, "n.contact_at", "n.id", TIMELINE_NOTE);
		strbuf_puts(sql, " ORDER BY n.contact_at DESC, n.id DESC LIMIT :cap)");
		glue = " UNION ALL ";
	}
	if (changes) {
		strbuf_puts(sql, glue);
		strbuf_printf(sql,
			      "SELECT * FROM (SELECT %d AS kind, c.id AS id, "
			      "replace(c.changed_at, 'T', ' ') AS at, 'change' AS type, "
			      "substr(c.field || ': ' || CASE WHEN c.old_value = '' THEN '(none)' "
			      "ELSE c.old_value END || ' \u2192 ' || CASE WHEN c.new_value = '' "
			      "THEN '(none)' ELSE c.new_value END, 1, 600) AS summary, "
			      "ifnull(s.display_name, '') AS who, 'final' AS state, 0 AS amended, "
			      "0 AS sensitive FROM person_change c "
			      "LEFT JOIN staff s ON s.id = c.changed_by WHERE c.person_id = :person",
			      (int)TIMELINE_CHANGE);
		timeline_days_sql(sql, q, "c.changed_at");
		if (q->before_at)
			timeline_utc_before_sql(sql, "c.changed_at", "c.id", TIMELINE_CHANGE);
		strbuf_puts(sql, " ORDER BY c.changed_at DESC, c.id DESC LIMIT :cap)");
		glue = " UNION ALL ";
	}
	if (forms) {
		/* drafts never: only what left draft has a finalized_at. A response is seen by
		 * all who see the person; which of its answers they see is decided on reading
		 * them. */
		strbuf_puts(sql, glue);
		strbuf_printf(sql,
			      "SELECT * FROM (SELECT %d AS kind, r.id AS id, "
			      "replace(r.finalized_at, 'T', ' ') AS at, 'form' AS type, "
			      "substr(d.title || ' v' || d.version || CASE WHEN r.summary <> '' "
			      "THEN ': ' || r.summary ELSE '' END, 1, 600) AS summary, "
			      "r.author_name AS who, CASE WHEN r.state IN ('final', 'approved') "
			      "THEN 'final' ELSE 'pending_cosign' END AS state, "
			      "EXISTS (SELECT 1 FROM form_response a WHERE a.amends_id = r.id "
			      "AND (a.state <> 'draft' OR a.author_id = :reader)) AS amended, "
			      "EXISTS (SELECT 1 FROM form_answer x WHERE x.response_id = r.id "
			      "AND x.sensitivity <> 0) AS sensitive "
			      "FROM form_response r JOIN form_definition d ON d.id = r.definition_id "
			      "WHERE r.person_id = :person AND r.finalized_at IS NOT NULL",
			      (int)TIMELINE_FORM);
		timeline_days_sql(sql, q, "r.finalized_at");
		if (q->before_at)
			timeline_utc_before_sql(sql, "r.finalized_at", "r.id", TIMELINE_FORM);
		strbuf_puts(sql, " ORDER BY r.finalized_at DESC, r.id DESC LIMIT :cap)");
	}
	strbuf_puts(sql, ") ORDER BY at DESC, kind, id DESC LIMIT :cap");
}

/* The first non-blank line of text, for a note without a subject. */
static void timeline_first_line(char *dst, size_t dstsz, const char *text)
{
	text += strspn(text, " \t\r\n");
	struct strbuf line;
	strbuf_init(&line);
	strbuf_append(&line, text, strcspn(text, "\r\n"));
	str_copy(dst, dstsz, line.buf);
	strbuf_clear(&line);
}

static void timeline_read(sqlite3_stmt *stmt, void *item)
{
	struct timeline_entry *e = item;
	int kind = sqlite3_column_int(stmt, 0);
	e->kind = kind == TIMELINE_CHANGE || kind == TIMELINE_FORM ? (enum timeline_kind)kind
								   : TIMELINE_NOTE;
	e->id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, e->at, sizeof e->at);
	store_column_copy(stmt, 3, e->type, sizeof e->type);
	const unsigned char *summary = sqlite3_column_text(stmt, 4);
	if (e->kind == TIMELINE_NOTE)
		timeline_first_line(e->summary, sizeof e->summary,
				    summary ? (const char *)summary : "");
	else
		store_column_copy(stmt, 4, e->summary, sizeof e->summary);
	store_column_copy(stmt, 5, e->who, sizeof e->who);
	e->state = note_state_from_code(sqlite3_column_text(stmt, 6));
	e->amended = sqlite3_column_int(stmt, 7) != 0;
	e->sensitive = sqlite3_column_int(stmt, 8) != 0;
}

enum cl_status store_timeline(struct store *store, const struct note_reader *reader,
			      const struct timeline_query *query, struct timeline_entry *entries,
			      size_t cap, size_t *count)
{
	*count = 0;
	if (cap == 0)
		return CL_OK;
	struct strbuf sql;
	strbuf_init(&sql);
	timeline_sql(&sql, query);
	sqlite3_stmt *stmt = store_stmt(store, sql.buf);
	strbuf_clear(&sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":person", query->person_id);
	note_bind_text(stmt, ":type", query->type);
	note_bind_text(stmt, ":since", query->since);
	note_bind_text(stmt, ":until", query->until);
	note_bind_text(stmt, ":before_at", query->before_at);
	note_bind_int64(stmt, ":before_id", query->before_id);
	note_bind_int64(stmt, ":before_kind", (int64_t)query->before_kind);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, entries, sizeof *entries, cap, count, timeline_read);
}

/* ---- full-text search ---- */

static bool note_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Roughly what the unicode61 tokenizer keeps as part of a token: ASCII letters and digits,
 * and beyond ASCII anything but the blocks of punctuation and symbols. Erring towards
 * "searchable" costs nothing: a term the tokenizer drops is ignored by FTS5. */
static bool note_is_word_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	if (cp == TEXT_INVALID || cp <= 0xBF)
		return false;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	    (cp >= 0x1F000 && cp <= 0x1FAFF))
		return false;
	return true;
}

static size_t note_word_chars(const char *s, const char *end)
{
	size_t n = 0;
	while (s < end) {
		uint32_t cp;
		s += text_decode(s, (size_t)(end - s), &cp);
		n += note_is_word_char(cp);
	}
	return n;
}

/* One term as an FTS5 string: whatever is inside the quotes is text to tokenize, never
 * syntax, so AND, NEAR(, ^, col: and - typed by the user are words like any other. */
static void note_fts_term(struct strbuf *out, const char *s, const char *end, bool prefix)
{
	if (out->len)
		strbuf_putc(out, ' '); /* implicit AND */
	strbuf_putc(out, '"');
	for (; s < end; s++) {
		if (*s == '"')
			strbuf_putc(out, '"');
		strbuf_putc(out, *s);
	}
	strbuf_putc(out, '"');
	if (prefix)
		strbuf_putc(out, '*');
}

/* Builds the query into out; *has_prefix tells whether any term is a prefix. */
static bool note_fts_build(const char *typed, struct strbuf *out, bool *has_prefix)
{
	struct strbuf query;
	strbuf_init(&query);
	*has_prefix = false;
	const char *p = typed ? typed : "";
	while (*p) {
		if (note_is_space(*p)) {
			p++;
			continue;
		}
		const char *start, *end;
		bool prefix = false;
		if (*p == '"') {
			/* a phrase, to the closing quote or, when there is none, to the end */
			start = p + 1;
			end = strchr(start, '"');
			if (!end)
				end = start + strlen(start);
			p = *end ? end + 1 : end;
		} else {
			start = p;
			while (*p && !note_is_space(*p))
				p++;
			end = p;
			/* a prefix of two letters or more: one would match half the index */
			if (end[-1] == '*' && note_word_chars(start, end - 1) >= 2) {
				prefix = true;
				end--;
			}
		}
		if (note_word_chars(start, end) > 0) {
			note_fts_term(&query, start, end, prefix);
			*has_prefix |= prefix;
		}
	}
	bool any = query.len > 0;
	if (any)
		strbuf_append(out, query.buf, query.len);
	strbuf_clear(&query);
	return any;
}

bool store_note_fts_query(const char *typed, struct strbuf *out)
{
	bool has_prefix;
	return note_fts_build(typed, out, &has_prefix);
}

/* Copies a snippet, made display-safe: the text between the marks sanitized (line breaks
 * as spaces), the \x01 ... \x02 marks kept balanced (a stray one in the note's own text
 * cannot open a mark that never closes), cut on a character boundary that leaves room to
 * close an open mark. */
static void search_snippet_copy(char *dst, size_t dstsz, const char *snippet)
{
	struct strbuf out, piece;
	strbuf_init(&out);
	strbuf_init(&piece);
	bool open = false;
	for (const char *p = snippet; *p;) {
		size_t n = strcspn(p, "\x01\x02");
		strbuf_reset(&piece);
		for (size_t i = 0; i < n; i++)
			strbuf_putc(&piece, p[i] == '\n' || p[i] == '\r' ? ' ' : p[i]);
		text_sanitize(&out, piece.buf, false);
		p += n;
		if (*p == '\x01') {
			if (!open)
				strbuf_putc(&out, '\x01');
			open = true;
			p++;
		} else if (*p == '\x02') {
			if (open)
				strbuf_putc(&out, '\x02');
			open = false;
			p++;
		}
	}
	if (open)
		strbuf_putc(&out, '\x02');
	size_t len = out.len;
	if (len >= dstsz) {
		len = dstsz - 2; /* room for a closing mark */
		while (len > 0 && ((unsigned char)out.buf[len] & 0xC0) == 0x80)
			len--;
	}
	open = false;
	for (size_t i = 0; i < len; i++)
		if (out.buf[i] == '\x01' || out.buf[i] == '\x02')
			open = out.buf[i] == '\x01';
	memcpy(dst, out.buf, len);
	if (open)
		dst[len++] = '\x02';
	dst[len] = '\0';
	strbuf_clear(&piece);
	strbuf_clear(&out);
}

/* The column with the best match: a note found by its subject shows its subject. */
#define SEARCH_SNIPPET "snippet(note_search, -1, char(1), char(2), '\u2026', 16)"

/* How the candidates are found: by walking the matches (newest first) and checking each
 * note's row, or, for one person, by looking each of the person's notes up in the index. */
enum search_plan { SEARCH_WALK, SEARCH_PROBE };

static void search_filters_sql(struct strbuf *sql, const struct note_search *s)
{
	strbuf_puts(sql, " AND " NOTE_VISIBLE("n"));
	if (s->person_id)
		strbuf_puts(sql, " AND n.person_id = :person");
	if (s->type)
		strbuf_puts(sql, " AND n.type = :type");
	if (s->author_id)
		strbuf_puts(sql, " AND n.author_id = :author");
	if (s->since)
		strbuf_puts(sql, " AND n.contact_at >= :since");
	if (s->until) /* '~' sorts after every time of that day */
		strbuf_puts(sql, " AND n.contact_at < :until || '~'");
}

/* cand(id, score): the newest NOTE_SEARCH_CANDIDATES matches that pass the filters and that
 * the reader may see; ranked(id, score): the best `cap` of them by note_rank (fts_rank.c:
 * bm25 without the rarity of terms, whose count is a pass over the whole index; subject
 * words weigh double). Like bm25 it needs the index's cursor on the row, so it is computed
 * within a pass over the index, never by looking each note up again.
 *
 * SEARCH_WALK goes through the matches newest first, checking each note's row, and stops at
 * the limit; for one person only over the rowid range of their notes. The rank comes with it.
 * SEARCH_PROBE, for one person's notes and whole words, looks each of the person's notes
 * (hundreds) up in the index by rowid instead of walking a common word's million matches;
 * the rank then takes a second pass over the candidates' rowid range ("+s.rowid" keeps the
 * candidate test out of the index's hands, which would otherwise run one pass per
 * candidate). A prefix term is never probed: each lookup would merge the doclists of every
 * word with that prefix again.
 *
 * Snippets are computed for the hits alone: for whole words each hit is looked up by rowid
 * afterwards (search_snippets: a tenth of a millisecond each), while a query with a prefix
 * takes one more pass over the hits' rowid range here, so that the prefix is expanded once
 * rather than once per hit (each expansion costs as much as the pass). */
static void search_sql(struct strbuf *sql, const struct note_search *s, enum search_plan plan,
		       bool snippet_pass)
{
	if (plan == SEARCH_PROBE) {
		strbuf_puts(sql, "WITH cand(id) AS MATERIALIZED (SELECT n.id FROM note n "
				 "WHERE n.state <> 'draft' AND EXISTS (SELECT 1 FROM note_search "
				 "WHERE note_search MATCH :q AND rowid = n.id)");
		search_filters_sql(sql, s);
		strbuf_puts(sql, " ORDER BY n.id DESC LIMIT :candidates), "
				 "ranked(id, score) AS MATERIALIZED (SELECT s.rowid, "
				 "note_rank(note_search, 2.0, 1.0, 1.0) FROM note_search s "
				 "WHERE note_search MATCH :q "
				 "AND s.rowid BETWEEN (SELECT min(id) FROM cand) "
				 "AND (SELECT max(id) FROM cand) "
				 "AND +s.rowid IN (SELECT id FROM cand) "
				 "ORDER BY 2, 1 DESC LIMIT :cap)");
	} else {
		strbuf_puts(sql, "WITH cand(id, score) AS MATERIALIZED (SELECT s.rowid, "
				 "note_rank(note_search, 2.0, 1.0, 1.0) FROM note_search s "
				 "CROSS JOIN note n ON n.id = s.rowid WHERE note_search MATCH :q");
		if (s->person_id)
			strbuf_puts(sql, " AND s.rowid BETWEEN (SELECT min(id) FROM note "
					 "WHERE person_id = :person) AND (SELECT max(id) FROM note "
					 "WHERE person_id = :person)");
		search_filters_sql(sql, s);
		/* in the index's own order, so that the walk stops at the limit */
		strbuf_puts(sql, " ORDER BY s.rowid DESC LIMIT :candidates), "
				 "ranked(id, score) AS MATERIALIZED (SELECT id, score FROM cand "
				 "ORDER BY score, id DESC LIMIT :cap)");
	}
	strbuf_puts(sql, " SELECT n.id, n.person_id, p.oid, CASE WHEN p.first_name = '' THEN "
			 "p.last_name ELSE p.last_name || ', ' || p.first_name END, n.contact_at, "
			 "n.type, n.author_name, ");
	if (snippet_pass)
		strbuf_puts(sql, SEARCH_SNIPPET " FROM note_search s "
				 "CROSS JOIN ranked r ON r.id = s.rowid "
				 "CROSS JOIN note n ON n.id = r.id "
				 "CROSS JOIN person p ON p.id = n.person_id "
				 "WHERE note_search MATCH :q "
				 "AND s.rowid BETWEEN (SELECT min(id) FROM ranked) "
				 "AND (SELECT max(id) FROM ranked) "
				 "AND +s.rowid IN (SELECT id FROM ranked) ");
	else
		strbuf_puts(sql, "NULL FROM ranked r CROSS JOIN note n ON n.id = r.id "
				 "CROSS JOIN person p ON p.id = n.person_id ");
	strbuf_puts(sql, "ORDER BY r.score, r.id DESC");
}

static enum cl_status search_snippets(struct store *store, const char *query,
				      struct note_hit *hits, size_t count)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " SEARCH_SNIPPET " FROM note_search "
					       "WHERE note_search MATCH :q AND rowid = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	for (size_t i = 0; i < count; i++) {
		sqlite3_reset(stmt);
		note_bind_text(stmt, ":q", query);
		note_bind_int64(stmt, ":id", hits[i].note_id);
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			const unsigned char *t = sqlite3_column_text(stmt, 0);
			search_snippet_copy(hits[i].snippet, sizeof hits[i].snippet,
					    t ? (const char *)t : "");
		} else if (rc != SQLITE_DONE) {
			enum cl_status st = store_fail(store, rc);
			sqlite3_reset(stmt);
			return st;
		}
	}
	sqlite3_reset(stmt);
	return CL_OK;
}

enum cl_status store_note_search(struct store *store, const struct note_reader *reader,
				 const struct note_search *search, struct note_hit *hits,
				 size_t cap, size_t *count)
{
	*count = 0;
	struct strbuf query;
	strbuf_init(&query);
	bool has_prefix;
	if (cap == 0 || !note_fts_build(search->query, &query, &has_prefix)) {
		strbuf_clear(&query);
		return CL_OK; /* nothing searchable typed: nothing found */
	}
	enum search_plan plan = search->person_id && !has_prefix ? SEARCH_PROBE : SEARCH_WALK;
	struct strbuf sql;
	strbuf_init(&sql);
	search_sql(&sql, search, plan, has_prefix);
	sqlite3_stmt *stmt = store_stmt(store, sql.buf);
	strbuf_clear(&sql);
	if (!stmt) {
		strbuf_clear(&query);
		return CL_ERR_INTERNAL;
	}
	note_bind_reader(stmt, reader);
	note_bind_text(stmt, ":q", query.buf);
	note_bind_int64(stmt, ":person", search->person_id);
	note_bind_text(stmt, ":type", search->type);
	note_bind_int64(stmt, ":author", search->author_id);
	note_bind_text(stmt, ":since", search->since);
	note_bind_text(stmt, ":until", search->until);
	note_bind_int64(stmt, ":candidates", NOTE_SEARCH_CANDIDATES);
	note_bind_int64(stmt, ":cap", cap > INT64_MAX ? INT64_MAX : (int64_t)cap);
	int rc = SQLITE_DONE;
	while (*count < cap && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct note_hit *h = &hits[(*count)++];
		memset(h, 0, sizeof *h);
		h->note_id = sqlite3_column_int64(stmt, 0);
		h->person_id = sqlite3_column_int64(stmt, 1);
		store_column_copy(stmt, 2, h->person_oid, sizeof h->person_oid);
		store_column_copy(stmt, 3, h->person_name, sizeof h->person_name);
		store_column_copy(stmt, 4, h->contact_at, sizeof h->contact_at);
		store_column_copy(stmt, 5, h->type, sizeof h->type);
		store_column_copy(stmt, 6, h->author, sizeof h->author);
		const unsigned char *snippet = sqlite3_column_text(stmt, 7);
		if (snippet)
			search_snippet_copy(h->snippet, sizeof h->snippet, (const char *)snippet);
	}
	if (*count == cap)
		rc = SQLITE_DONE;
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	if (st == CL_OK && !has_prefix)
		st = search_snippets(store, query.buf, hits, *count);
	if (st != CL_OK)
		*count = 0;
	strbuf_clear(&query);
	return st;
}
