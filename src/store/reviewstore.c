/* Quality-assurance review. Every transition is one UPDATE conditioned on the states it
 * starts from, followed by its event row: when the UPDATE changes nothing the review was not
 * in such a state (or is gone), and nothing is written. The self-review ban, the state
 * machine and the append-only history are the schema's (006_review.sql), so raw SQL cannot
 * get round them either. Who may see a snapshot value is decided in SQL (ANSWER_VISIBLE), and
 * the team view and criteria are aggregates computed by SQLite over the period's reviews. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/date.h"
#include "caseload/reviewstore.h"
#include "caseload/strbuf.h"
#include "store_internal.h"

static const char *const review_kind_codes[] = {
	[REVIEW_FORM] = "form",
	[REVIEW_NOTE] = "note",
	[REVIEW_CASE_PLAN] = "case_plan",
	[REVIEW_RELEASE_PLAN] = "release_plan",
};

static const char *const review_reason_codes[] = {
	[REVIEW_REQUIRED] = "required",
	[REVIEW_SAMPLED] = "sampled",
	[REVIEW_COSIGN] = "cosign",
	[REVIEW_REQUESTED] = "requested",
};

static const char *const review_state_codes[] = {
	[REVIEW_SUBMITTED] = "submitted",
	[REVIEW_IN_REVIEW] = "in_review",
	[REVIEW_APPROVED] = "approved",
	[REVIEW_RETURNED] = "returned",
};

#define REVIEW_COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* Out of range: a code the schema refuses, so a bad value is never stored as a good one. */
#define REVIEW_CODE(codes, value)                                                                  \
	((value) >= 0 && (size_t)(value) < REVIEW_COUNT(codes) ? (codes)[(value)] : "?")

const char *review_kind_code(enum review_kind kind)
{
	return REVIEW_CODE(review_kind_codes, (int)kind);
}

const char *review_reason_code(enum review_reason reason)
{
	return REVIEW_CODE(review_reason_codes, (int)reason);
}

const char *review_state_code(enum review_state state)
{
	return REVIEW_CODE(review_state_codes, (int)state);
}

/* ---- one review ---- */

#define REVIEW_COLUMNS                                                                             \
	"r.id, r.kind, r.object_id, r.person_id, p.last_name || CASE WHEN p.first_name <> '' "   \
	"THEN ', ' || p.first_name ELSE '' END, p.oid, r.author_id, a.display_name, "           \
	"CASE r.kind WHEN 'form' THEN (SELECT d.title || ' v' || d.version FROM form_response f " \
	"JOIN form_definition d ON d.id = f.definition_id WHERE f.id = r.object_id) "           \
	"WHEN 'case_plan' THEN (SELECT 'Case plan v' || c.version FROM case_plan c "             \
	"WHERE c.id = r.object_id) WHEN 'release_plan' THEN 'Release plan' "                     \
	"ELSE (SELECT 'Case note: ' || n.type FROM note n WHERE n.id = r.object_id) END, "      \
	"r.reason, r.state, r.round, ifnull(r.assigned_to, 0), ifnull(g.display_name, ''), "    \
	"r.submitted_at, r.due_on, ifnull(r.decided_at, ''), ifnull(r.decided_by, 0), "         \
	"ifnull(r.checklist_id, 0), ifnull(r.sample_id, 0)"
#define REVIEW_FROM                                                                                \
	" FROM review r JOIN person p ON p.id = r.person_id JOIN staff a ON a.id = r.author_id " \
	"LEFT JOIN staff g ON g.id = r.assigned_to"

static void review_read(sqlite3_stmt *stmt, void *item)
{
	struct review *r = item;
	r->id = sqlite3_column_int64(stmt, 0);
	r->kind = (enum review_kind)store_code_index(
		review_kind_codes, REVIEW_COUNT(review_kind_codes), sqlite3_column_text(stmt, 1),
		REVIEW_FORM);
	r->object_id = sqlite3_column_int64(stmt, 2);
	r->person_id = sqlite3_column_int64(stmt, 3);
	store_column_copy(stmt, 4, r->person_name, sizeof r->person_name);
	store_column_copy(stmt, 5, r->person_oid, sizeof r->person_oid);
	r->author_id = sqlite3_column_int64(stmt, 6);
	store_column_copy(stmt, 7, r->author_name, sizeof r->author_name);
	store_column_copy(stmt, 8, r->title, sizeof r->title);
	r->reason = (enum review_reason)store_code_index(
		review_reason_codes, REVIEW_COUNT(review_reason_codes),
		sqlite3_column_text(stmt, 9), REVIEW_REQUIRED);
	/* were it anything else, decided: never in a queue */
	r->state = (enum review_state)store_code_index(
		review_state_codes, REVIEW_COUNT(review_state_codes),
		sqlite3_column_text(stmt, 10), REVIEW_APPROVED);
	r->round = sqlite3_column_int(stmt, 11);
	r->assigned_to = sqlite3_column_int64(stmt, 12);
	store_column_copy(stmt, 13, r->assigned_name, sizeof r->assigned_name);
	store_column_copy(stmt, 14, r->submitted_at, sizeof r->submitted_at);
	r->due_on = store_column_date(stmt, 15);
	store_column_copy(stmt, 16, r->decided_at, sizeof r->decided_at);
	r->decided_by = sqlite3_column_int64(stmt, 17);
	r->checklist_id = sqlite3_column_int64(stmt, 18);
	r->sample_id = sqlite3_column_int64(stmt, 19);
}

/* The one row of a bound REVIEW_COLUMNS statement, or CL_ERR_NOTFOUND. */
static enum cl_status review_one(struct store *store, sqlite3_stmt *stmt, struct review *out)
{
	size_t count;
	enum cl_status st = store_rows(store, stmt, out, sizeof *out, 1, &count, review_read);
	if (st == CL_OK && count == 0)
		st = store_error(store, CL_ERR_NOTFOUND, "no such review");
	return st;
}

enum cl_status store_review_get(struct store *store, int64_t id, struct review *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT " REVIEW_COLUMNS REVIEW_FROM " WHERE r.id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	return review_one(store, stmt, out);
}

enum cl_status store_review_of(struct store *store, enum review_kind kind, int64_t object_id,
			       struct review *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " REVIEW_COLUMNS REVIEW_FROM
					       " WHERE r.kind = :kind AND r.object_id = :object "
					       "ORDER BY r.id DESC LIMIT 1");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text(stmt, ":kind", review_kind_code(kind));
	note_bind_int64(stmt, ":object", object_id);
	return review_one(store, stmt, out);
}

/* Records the event of the transition just made, with the review's round and assignee as
 * they now are. */
static enum cl_status review_event_add(struct store *store, int64_t id, const char *event,
				       int64_t by, const char *note, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO review_event (review_id, round, event, by_id, at, assigned_to, "
		       "note) SELECT id, round, :event, :by, :at, assigned_to, ifnull(:note, '') "
		       "FROM review WHERE id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	note_bind_text(stmt, ":event", event);
	note_bind_int64(stmt, ":by", by);
	note_bind_text(stmt, ":at", at);
	note_bind_text(stmt, ":note", note);
	return store_step_done(store, stmt);
}

enum cl_status store_review_item(struct store *store, enum review_kind kind, int64_t object_id,
				 int64_t *person_id, int64_t *author_id)
{
	*person_id = 0;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT person_id, author_id FROM form_response WHERE :kind = 'form' "
		       "AND id = :object UNION ALL SELECT person_id, author_id FROM note "
		       "WHERE :kind = 'note' AND id = :object UNION ALL SELECT person_id, signed_by "
		       "FROM case_plan WHERE :kind = 'case_plan' AND id = :object "
		       "AND state = 'signed' UNION ALL SELECT o.person_id, "
		       "ifnull(:author, p.caseworker_id) FROM release_plan o "
		       "JOIN person p ON p.id = o.person_id "
		       "WHERE :kind = 'release_plan' AND o.id = :object");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text(stmt, ":kind", review_kind_code(kind));
	note_bind_int64(stmt, ":object", object_id);
	note_bind_id(stmt, ":author", *author_id);
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
		*person_id = sqlite3_column_int64(stmt, 0);
		*author_id = sqlite3_column_int64(stmt, 1);
	} else {
		st = rc == SQLITE_ROW || rc == SQLITE_DONE
			     ? store_error(store, CL_ERR_NOTFOUND, "no such item to review")
			     : store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_review_open(struct store *store, struct review *r, int64_t by,
				 const char *at)
{
	r->id = 0;
	struct review existing;
	enum cl_status st = store_review_of(store, r->kind, r->object_id, &existing);
	/* a release plan lives on: once approved, it may be reviewed again */
	if (st == CL_OK && !(r->kind == REVIEW_RELEASE_PLAN && existing.state == REVIEW_APPROVED))
		return store_error(store, CL_ERR_EXISTS,
				   "the item is under review already: resubmit it instead");
	if (st != CL_OK && st != CL_ERR_NOTFOUND)
		return st;
	/* about whom and by whom come from the item itself, never from the caller (but for a
	 * release plan, which many change, the caseworker who submits it) */
	int64_t person_id, author_id = r->kind == REVIEW_RELEASE_PLAN ? r->author_id : 0;
	st = store_review_item(store, r->kind, r->object_id, &person_id, &author_id);
	if (st != CL_OK)
		return st;
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO review (kind, object_id, person_id, author_id, reason, "
		       "assigned_to, opened_at, submitted_at, due_on, sample_id) VALUES (:kind, "
		       ":object, :person, :author, :reason, :assigned, :at, :at, :due, :sample)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text(stmt, ":kind", review_kind_code(r->kind));
	note_bind_int64(stmt, ":object", r->object_id);
	note_bind_int64(stmt, ":person", person_id);
	note_bind_int64(stmt, ":author", author_id);
	note_bind_text(stmt, ":reason", review_reason_code(r->reason));
	note_bind_id(stmt, ":assigned", r->assigned_to);
	note_bind_text(stmt, ":at", at);
	store_bind_date(stmt, sqlite3_bind_parameter_index(stmt, ":due"), r->due_on);
	note_bind_id(stmt, ":sample", r->sample_id);
	st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(store->db);
	st = review_event_add(store, id, "submitted", by, NULL, at);
	if (st == CL_OK)
		st = store_review_get(store, id, r);
	return st;
}

/* Why a transition's UPDATE changed nothing: the review is gone, or in another state. */
static enum cl_status review_why_unchanged(struct store *store, int64_t id, const char *event)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT state FROM review WHERE id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	char state[16];
	enum cl_status st = store_step_text(store, stmt, state, sizeof state);
	if (st == CL_ERR_NOTFOUND)
		return store_error(store, CL_ERR_NOTFOUND, "no such review");
	if (st != CL_OK)
		return st;
	snprintf(store->error, sizeof store->error, "the review is %s: it cannot be %s now", state,
		 event);
	return CL_ERR_INVALID;
}

/* The rest of a transition whose UPDATE is prepared: binds :id, :state, :to, :by and :at,
 * runs it, and records `event` when it changed the review. */
static enum cl_status review_move_bound(struct store *store, sqlite3_stmt *stmt, int64_t id,
					const char *state, int64_t to, int64_t by,
					const char *event, const char *note, const char *at)
{
	note_bind_int64(stmt, ":id", id);
	note_bind_text(stmt, ":state", state);
	note_bind_id(stmt, ":to", to);
	note_bind_int64(stmt, ":by", by);
	note_bind_text(stmt, ":at", at);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	if (sqlite3_changes(store->db) == 0)
		return review_why_unchanged(store, id, event);
	return review_event_add(store, id, event, by, note, at);
}

/* One transition: `sql` updates review :id when it is in a state the move starts from
 * (binding :to, :by, :state and :at as it needs), then `event` is recorded. */
static enum cl_status review_move(struct store *store, int64_t id, const char *sql,
				  const char *state, int64_t to, int64_t by, const char *event,
				  const char *note, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	return review_move_bound(store, stmt, id, state, to, by, event, note, at);
}

enum cl_status store_review_take(struct store *store, int64_t id, int64_t by, const char *at)
{
	return review_move(store, id,
			   "UPDATE review SET state = 'in_review', assigned_to = :by "
			   "WHERE id = :id AND state = 'submitted'",
			   NULL, 0, by, "taken", NULL, at);
}

enum cl_status store_review_reassign(struct store *store, int64_t id, int64_t to, int64_t by,
				     const char *at)
{
	return review_move(store, id,
			   "UPDATE review SET state = 'submitted', assigned_to = :to "
			   "WHERE id = :id AND state IN ('submitted', 'in_review')",
			   NULL, to, by, "reassigned", NULL, at);
}

enum cl_status store_review_decide(struct store *store, int64_t id, enum review_state to,
				   int64_t by, const char *note, const char *at)
{
	if (to != REVIEW_APPROVED && to != REVIEW_RETURNED)
		return store_error(store, CL_ERR_INVALID, "a decision approves or returns");
	const char *code = review_state_code(to);
	return review_move(store, id,
			   "UPDATE review SET state = :state, decided_by = :by, decided_at = :at "
			   "WHERE id = :id AND state IN ('submitted', 'in_review')",
			   code, 0, by, code, note, at);
}

enum cl_status store_review_resubmit(struct store *store, int64_t id, int64_t object_id,
				     int64_t to, date_t due_on, int64_t by, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE review SET state = 'submitted', round = round + 1, "
		       "submitted_at = :at, assigned_to = ifnull(:to, decided_by), "
		       "object_id = ifnull(:object, object_id), due_on = ifnull(:due, due_on), "
		       "decided_at = NULL, decided_by = NULL WHERE id = :id AND state = 'returned'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_id(stmt, ":object", object_id);
	store_bind_date(stmt, sqlite3_bind_parameter_index(stmt, ":due"), due_on);
	return review_move_bound(store, stmt, id, NULL, to, by, "resubmitted", NULL, at);
}

enum cl_status store_review_set_checklist(struct store *store, int64_t id, int64_t checklist_id)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "UPDATE review SET checklist_id = :checklist WHERE id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	note_bind_id(stmt, ":checklist", checklist_id);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0)
		st = store_error(store, CL_ERR_NOTFOUND, "no such review");
	return st;
}

/* ---- lists ---- */

enum cl_status store_review_queue(struct store *store, const struct review_queue_query *q,
				  struct review *out, size_t cap, size_t *count)
{
	*count = 0;
	if (cap == 0)
		return CL_OK;
	/* nobody's own work, even from the shared queue */
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT " REVIEW_COLUMNS REVIEW_FROM " WHERE r.state IN ('submitted', "
		       "'in_review') AND (r.assigned_to = :reviewer OR (:shared = 1 AND "
		       "r.assigned_to IS NULL)) AND r.author_id <> :reviewer "
		       "AND (:author IS NULL OR r.author_id = :author) "
		       "AND (:kind IS NULL OR r.kind = :kind) "
		       "AND (r.submitted_at > :after_at OR (r.submitted_at = :after_at "
		       "AND r.id > :after_id)) ORDER BY r.submitted_at, r.id LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":reviewer", q->reviewer_id);
	note_bind_int64(stmt, ":shared", q->shared ? 1 : 0);
	note_bind_id(stmt, ":author", q->author_id);
	note_bind_text(stmt, ":kind", q->kind < 0 ? NULL : review_kind_code((enum review_kind)q->kind));
	note_bind_text(stmt, ":after_at", q->after_at ? q->after_at : "");
	note_bind_int64(stmt, ":after_id", q->after_id);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, review_read);
}

enum cl_status store_reviews_of_author(struct store *store, int64_t author_id,
				       enum review_state state, struct review *out, size_t cap,
				       size_t *count)
{
	*count = 0;
	if (cap == 0)
		return CL_OK;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT " REVIEW_COLUMNS REVIEW_FROM " WHERE r.author_id = :author "
		       "AND r.state = :state ORDER BY r.submitted_at DESC, r.id DESC LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":author", author_id);
	note_bind_text(stmt, ":state", review_state_code(state));
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, review_read);
}

static void review_event_read(sqlite3_stmt *stmt, void *item)
{
	struct review_event *e = item;
	e->id = sqlite3_column_int64(stmt, 0);
	e->round = sqlite3_column_int(stmt, 1);
	store_column_copy(stmt, 2, e->event, sizeof e->event);
	e->by_id = sqlite3_column_int64(stmt, 3);
	store_column_copy(stmt, 4, e->by_name, sizeof e->by_name);
	store_column_copy(stmt, 5, e->at, sizeof e->at);
	e->assigned_to = sqlite3_column_int64(stmt, 6);
	store_column_copy(stmt, 7, e->note, sizeof e->note);
}

enum cl_status store_review_events(struct store *store, int64_t id, struct review_event *out,
				   size_t cap, size_t *count)
{
	*count = 0;
	if (cap == 0)
		return CL_OK;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT e.id, e.round, e.event, e.by_id, s.display_name, e.at, "
		       "ifnull(e.assigned_to, 0), e.note FROM review_event e "
		       "JOIN staff s ON s.id = e.by_id WHERE e.review_id = :id "
		       "ORDER BY e.id LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, review_event_read);
}

/* ---- comments ---- */

enum cl_status store_review_comment_add(struct store *store, int64_t review_id, int round,
					const char *anchor, const char *body, int64_t by,
					const char *at, int64_t *id)
{
	*id = 0;
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO review_comment (review_id, round, anchor, author_id, at, body) "
		       "VALUES (:review, :round, :anchor, :by, :at, :body)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":review", review_id);
	note_bind_int64(stmt, ":round", round);
	note_bind_text(stmt, ":anchor", anchor ? anchor : "");
	note_bind_int64(stmt, ":by", by);
	note_bind_text(stmt, ":at", at);
	note_bind_text(stmt, ":body", body);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK)
		*id = sqlite3_last_insert_rowid(store->db);
	return st;
}

static void review_comment_read(sqlite3_stmt *stmt, void *item)
{
	struct review_comment *c = item;
	c->id = sqlite3_column_int64(stmt, 0);
	c->round = sqlite3_column_int(stmt, 1);
	store_column_copy(stmt, 2, c->anchor, sizeof c->anchor);
	c->author_id = sqlite3_column_int64(stmt, 3);
	store_column_copy(stmt, 4, c->author_name, sizeof c->author_name);
	store_column_copy(stmt, 5, c->at, sizeof c->at);
	c->body = store_column_dup(stmt, 6);
}

enum cl_status store_review_comments(struct store *store, int64_t review_id,
				     struct review_comment **comments, size_t *count)
{
	*comments = NULL;
	*count = 0;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT c.id, c.round, c.anchor, c.author_id, s.display_name, c.at, c.body "
		       "FROM review_comment c JOIN staff s ON s.id = c.author_id "
		       "WHERE c.review_id = :id ORDER BY c.id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", review_id);
	void *rows;
	enum cl_status st =
		store_collect(store, stmt, &rows, sizeof **comments, count, review_comment_read);
	*comments = rows;
	if (st != CL_OK) {
		review_comments_free(comments, *count);
		*count = 0;
	}
	return st;
}

void review_comments_free(struct review_comment **comments, size_t count)
{
	if (!*comments)
		return;
	for (size_t i = 0; i < count; i++)
		free((*comments)[i].body);
	free(*comments);
	*comments = NULL;
}

/* ---- snapshots and what changed ---- */

/* The item's state as (field, row, value) rows, by kind (see reviewstore.h); every value is
 * text of at least one byte, as review_snapshot requires. */
#define SNAPSHOT_INSERT "INSERT INTO review_snapshot (review_id, round, field, row, value, sensitivity) "
static const char *const review_snapshot_sql[] = {
	/* copied by SQL, so no answer passes through C */
	[REVIEW_FORM] = SNAPSHOT_INSERT "SELECT :review, :round, a.field, a.row, a.value, "
			"a.sensitivity FROM form_answer a WHERE a.response_id = :object",
	[REVIEW_NOTE] = NULL,
	[REVIEW_CASE_PLAN] =
		"WITH g AS (SELECT *, row_number() OVER (PARTITION BY domain ORDER BY id) - 1 AS n "
		"FROM plan_goal WHERE plan_id = :object), "
		"t (goal, field, value) AS (SELECT id, '.goal', statement FROM g "
		"UNION ALL SELECT id, '.measure', measure FROM g "
		"UNION ALL SELECT id, '.stage', stage FROM g "
		"UNION ALL SELECT id, '.priority', CAST(priority AS TEXT) FROM g "
		"UNION ALL SELECT id, '.strengths', strengths FROM g "
		"UNION ALL SELECT id, '.barriers', barriers FROM g "
		"UNION ALL SELECT id, '.accommodations', accommodations FROM g), "
		"s AS (SELECT *, row_number() OVER (PARTITION BY goal_id ORDER BY id) - 1 AS k "
		"FROM plan_step WHERE goal_id IN (SELECT id FROM g)) " SNAPSHOT_INSERT
		"SELECT :review, :round, g.domain || t.field, g.n * 1000, t.value, 0 "
		"FROM t JOIN g ON g.id = t.goal WHERE t.value <> '' "
		"UNION ALL SELECT :review, :round, g.domain || '.step', g.n * 1000 + s.k, "
		"s.description || ' (' || s.responsible || ifnull(', by ' || s.target_on, '') "
		"|| '): ' || replace(s.status, '_', ' ') || CASE WHEN s.drop_reason <> '' "
		"THEN ' - ' || s.drop_reason ELSE '' END, 0 FROM s JOIN g ON g.id = s.goal_id",
	[REVIEW_RELEASE_PLAN] =
		SNAPSHOT_INSERT "SELECT :review, :round, section, 0, replace(status, '_', ' ') "
		"|| ifnull(': ' || reason, ''), 0 FROM release_section WHERE plan_id = :object "
		"UNION ALL SELECT :review, :round, section || '.' || ifnull(task, '#' || id), 0, "
		"label || ': ' || CASE WHEN dropped_reason IS NOT NULL THEN 'dropped - ' "
		"|| dropped_reason WHEN done_on IS NOT NULL THEN 'done ' || done_on "
		"ELSE 'open' || ifnull(', due ' || due_on, '') END, 0 FROM release_task "
		"WHERE plan_id = :object UNION ALL SELECT :review, :round, section || ':contact', "
		"row_number() OVER (PARTITION BY section ORDER BY id) - 1, name "
		"|| CASE WHEN role <> '' THEN ' (' || role || ')' ELSE '' END "
		"|| CASE WHEN phone <> '' THEN ' ' || phone ELSE '' END, 0 "
		"FROM release_contact WHERE plan_id = :object",
};

enum cl_status store_review_snapshot(struct store *store, const struct review *r)
{
	const char *sql = REVIEW_CODE(review_snapshot_sql, (int)r->kind);
	if (!sql || !strcmp(sql, "?"))
		return CL_OK;
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":review", r->id);
	note_bind_int64(stmt, ":round", r->round);
	note_bind_int64(stmt, ":object", r->object_id);
	return store_step_done(store, stmt);
}

static void review_change_read(sqlite3_stmt *stmt, void *item)
{
	struct review_change *c = item;
	store_column_copy(stmt, 0, c->field, sizeof c->field);
	c->row = sqlite3_column_int(stmt, 1);
	c->before = store_column_dup(stmt, 2);
	c->after = store_column_dup(stmt, 3);
}

enum cl_status store_review_changes(struct store *store, const struct note_reader *reader,
				    int64_t review_id, int from_round, int to_round,
				    struct review_change **changes, size_t *count)
{
	*changes = NULL;
	*count = 0;
	/* Every (field, row) of either round, each side joined where it has a value: a FULL
	 * JOIN spelled as a union of keys. A change with a side the reader may not see is left
	 * out whole, so that neither value nor the fact of the edit shows. */
	sqlite3_stmt *stmt = store_stmt(
		store,
		"WITH was AS (SELECT field, row, value, sensitivity FROM review_snapshot "
		"WHERE review_id = :id AND round = :from), "
		"cur AS (SELECT field, row, value, sensitivity FROM review_snapshot "
		"WHERE review_id = :id AND round = :to), "
		"k AS (SELECT field, row FROM was UNION SELECT field, row FROM cur) "
		"SELECT k.field, k.row, ifnull(o.value, ''), ifnull(n.value, '') FROM k "
		"JOIN review r ON r.id = :id "
		"LEFT JOIN was o ON o.field = k.field AND o.row = k.row "
		"LEFT JOIN cur n ON n.field = k.field AND n.row = k.row "
		"WHERE (o.value IS NULL OR n.value IS NULL OR o.value <> n.value) "
		"AND (o.sensitivity IS NULL OR " ANSWER_VISIBLE("o", "r") ") "
		"AND (n.sensitivity IS NULL OR " ANSWER_VISIBLE("n", "r") ") "
		"ORDER BY k.field, k.row");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":id", review_id);
	note_bind_int64(stmt, ":from", from_round);
	note_bind_int64(stmt, ":to", to_round);
	void *rows;
	enum cl_status st =
		store_collect(store, stmt, &rows, sizeof **changes, count, review_change_read);
	*changes = rows;
	if (st != CL_OK) {
		review_changes_free(changes, *count);
		*count = 0;
	}
	return st;
}

void review_changes_free(struct review_change **changes, size_t count)
{
	if (!*changes)
		return;
	for (size_t i = 0; i < count; i++) {
		free((*changes)[i].before);
		free((*changes)[i].after);
	}
	free(*changes);
	*changes = NULL;
}

/* ---- sampling ---- */

static void review_id_read(sqlite3_stmt *stmt, void *item)
{
	*(int64_t *)item = sqlite3_column_int64(stmt, 0);
}

/* The population of a sample, by kind: :form, :from and :to bound. */
static const char *const review_population_sql[] = {
	/* finalized_at is a UTC timestamp: as text it sorts after its own date */
	[REVIEW_FORM] = "SELECT f.id FROM form_definition d "
			"JOIN form_response f ON f.definition_id = d.id "
			"JOIN staff s ON s.id = f.author_id WHERE d.form_id = :form "
			"AND f.state = 'final' AND f.finalized_at >= :from AND f.finalized_at < :to "
			"AND (s.probation_until IS NULL OR s.probation_until < :from) "
			"AND NOT EXISTS (SELECT 1 FROM review r WHERE r.kind = 'form' "
			"AND r.object_id = f.id) ORDER BY f.id",
	[REVIEW_NOTE] = NULL,
	[REVIEW_CASE_PLAN] = "SELECT c.id FROM case_plan c JOIN staff s ON s.id = c.signed_by "
			     "WHERE c.state = 'signed' AND c.signed_at >= :from AND c.signed_at < :to "
			     "AND (s.probation_until IS NULL OR s.probation_until < :from) "
			     "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.kind = 'case_plan' "
			     "AND r.object_id = c.id) ORDER BY c.id",
	[REVIEW_RELEASE_PLAN] = "SELECT p.id FROM release_plan p JOIN person o ON o.id = p.person_id "
				"JOIN staff s ON s.id = o.caseworker_id WHERE p.srd >= :from "
				"AND p.srd < :to AND (s.probation_until IS NULL "
				"OR s.probation_until < :from) AND NOT EXISTS (SELECT 1 FROM review r "
				"WHERE r.kind = 'release_plan' AND r.object_id = p.id) ORDER BY p.id",
};

enum cl_status store_review_population(struct store *store, enum review_kind kind,
				       const char *form_id, const char *from, const char *to,
				       int64_t **ids, size_t *count)
{
	*ids = NULL;
	*count = 0;
	const char *sql = REVIEW_CODE(review_population_sql, (int)kind);
	if (!sql || !strcmp(sql, "?"))
		return store_error(store, CL_ERR_INVALID, "notes are not sampled");
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text(stmt, ":form", form_id ? form_id : "");
	note_bind_text(stmt, ":from", from);
	note_bind_text(stmt, ":to", to);
	void *rows;
	enum cl_status st = store_collect(store, stmt, &rows, sizeof **ids, count, review_id_read);
	*ids = rows;
	if (st != CL_OK) {
		free(*ids);
		*ids = NULL;
		*count = 0;
	}
	return st;
}

enum cl_status store_review_sample_add(struct store *store, const struct review_sample_record *s,
				       int64_t by, const char *at, int64_t *id)
{
	*id = 0;
	char seed_hex[17];
	snprintf(seed_hex, sizeof seed_hex, "%016" PRIx64, s->seed);
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO review_sample (period, kind, form_id, percent, seed, eligible, "
		       "drawn, drawn_by, drawn_at) VALUES (:period, :kind, :form, :percent, :seed, "
		       ":eligible, :drawn, :by, :at) ON CONFLICT (period, kind, form_id) DO NOTHING");
	if (!stmt)
		return CL_ERR_INTERNAL;
	const char *form = s->kind == REVIEW_FORM && s->form_id ? s->form_id : "";
	note_bind_text(stmt, ":period", s->period);
	note_bind_text(stmt, ":kind", review_kind_code(s->kind));
	note_bind_text(stmt, ":form", form);
	note_bind_int64(stmt, ":percent", s->percent);
	note_bind_text(stmt, ":seed", seed_hex);
	note_bind_int64(stmt, ":eligible", store_limit(s->eligible));
	note_bind_int64(stmt, ":drawn", store_limit(s->drawn));
	note_bind_int64(stmt, ":by", by);
	note_bind_text(stmt, ":at", at);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	if (sqlite3_changes(store->db) == 0) {
		snprintf(store->error, sizeof store->error, "%s was sampled for %s already",
			 *form ? form : review_kind_code(s->kind), s->period);
		return CL_ERR_EXISTS;
	}
	*id = sqlite3_last_insert_rowid(store->db);
	return CL_OK;
}

/* ---- the team view ---- */

/* A period [from, to) as whole months, read from the tallies (012_review_tallies.sql), and
 * the days at its edges, read from the reviews: [from, full_from) and [full_to, to). With no
 * whole month in it, full_from = full_to = to and all of it is edge. */
struct review_period {
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	char full_from[DATE_TEXT_SIZE], full_to[DATE_TEXT_SIZE];
};

static bool review_period_split(const char *from, const char *to, struct review_period *p)
{
	date_t a, b;
	if (!date_parse(from, &a) || !date_parse(to, &b))
		return false;
	int y, m, d;
	date_to_ymd(a, &y, &m, &d);
	date_t full_from = d == 1 ? a : date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);
	date_to_ymd(b, &y, &m, &d);
	date_t full_to = date_from_ymd(y, m, 1);
	if (full_from >= full_to)
		full_from = full_to = b;
	date_format(a, p->from);
	date_format(b, p->to);
	date_format(full_from, p->full_from);
	date_format(full_to, p->full_to);
	return true;
}

static void review_period_bind(sqlite3_stmt *stmt, const struct review_period *p)
{
	note_bind_text(stmt, ":from", p->from);
	note_bind_text(stmt, ":to", p->to);
	note_bind_text(stmt, ":full_from", p->full_from);
	note_bind_text(stmt, ":full_to", p->full_to);
}

/* The whole months' tallies (months are "YYYY-MM": the first seven bytes of their first
 * day), and the reviews of the edges (opened_at is a UTC timestamp: as text it sorts after
 * its own date). */
#define REVIEW_FULL_MONTHS                                                                         \
	" month >= substr(:full_from, 1, 7) AND month < substr(:full_to, 1, 7)"
#define REVIEW_AT_EDGES                                                                            \
	" ((r.opened_at >= :from AND r.opened_at < :full_from) "                                 \
	"OR (r.opened_at >= :full_to AND r.opened_at < :to))"
/* The QA checklists of the edges' reviews, once they left draft. */
#define REVIEW_EDGE_CHECKLISTS                                                                     \
	" FROM review r JOIN form_response c ON c.id = r.checklist_id AND c.state <> 'draft'"

static void review_team_read(sqlite3_stmt *stmt, void *item)
{
	struct review_team_row *t = item;
	t->staff_id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, t->name, sizeof t->name);
	store_column_copy(stmt, 2, t->role, sizeof t->role);
	t->submitted = (size_t)sqlite3_column_int64(stmt, 3);
	t->approved_first = (size_t)sqlite3_column_int64(stmt, 4);
	t->returned = (size_t)sqlite3_column_int64(stmt, 5);
	t->decided = (size_t)sqlite3_column_int64(stmt, 6);
	t->mean_turnaround_days = sqlite3_column_double(stmt, 7);
	t->has_compliance = sqlite3_column_int64(stmt, 8) > 0;
	t->mean_compliance = sqlite3_column_double(stmt, 9);
}

enum cl_status store_review_team(struct store *store, const char *from, const char *to,
				 struct review_team_row *out, size_t cap, size_t *count)
{
	*count = 0;
	struct review_period p;
	if (!review_period_split(from, to, &p))
		return store_error(store, CL_ERR_INVALID, "a period is two dates, YYYY-MM-DD");
	if (cap == 0)
		return CL_OK;
	/* Returned at least once: returned now, or resubmitted (only a return leads there).
	 * Turnaround: to the current decision, from the first submission. Sums per part, then
	 * per author; the names are looked up once per author. */
	sqlite3_stmt *stmt = store_stmt(
		store, "WITH parts (author, n, first, returned, decided, days, scored, compliance) AS ("
		       "SELECT author_id, submitted, approved_first, returned, decided, "
		       "decision_ms / 86400000.0, scored, compliance FROM review_tally "
		       "WHERE" REVIEW_FULL_MONTHS " "
		       "UNION ALL SELECT r.author_id, 1, r.state = 'approved' AND r.round = 1, "
		       "r.state = 'returned' OR r.round > 1, r.decided_at IS NOT NULL, "
		       "ifnull(julianday(r.decided_at) - julianday(r.opened_at), 0), 0, 0 "
		       "FROM review r WHERE" REVIEW_AT_EDGES " "
		       "UNION ALL SELECT r.author_id, 0, 0, 0, 0, 0, 1, sc.value" REVIEW_EDGE_CHECKLISTS
		       " JOIN form_score sc ON sc.response_id = c.id AND sc.score = 'compliance' "
		       "AND sc.value IS NOT NULL WHERE" REVIEW_AT_EDGES "), "
		       "t AS (SELECT author, sum(n) AS n, sum(first) AS first, sum(returned) AS returned, "
		       "sum(decided) AS decided, sum(days) AS days, sum(scored) AS scored, "
		       "sum(compliance) AS compliance FROM parts GROUP BY author HAVING sum(n) > 0) "
		       "SELECT s.id, s.display_name, s.role, t.n, t.first, t.returned, t.decided, "
		       "CASE WHEN t.decided > 0 THEN t.days / t.decided ELSE 0 END, t.scored, "
		       "CASE WHEN t.scored > 0 THEN t.compliance / t.scored ELSE 0 END "
		       "FROM t JOIN staff s ON s.id = t.author "
		       "ORDER BY s.display_name, s.id LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	review_period_bind(stmt, &p);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, review_team_read);
}

static void review_criterion_read(sqlite3_stmt *stmt, void *item)
{
	struct review_criterion_row *c = item;
	store_column_copy(stmt, 0, c->field, sizeof c->field);
	c->rated = (size_t)sqlite3_column_int64(stmt, 1);
	c->not_met = (size_t)sqlite3_column_int64(stmt, 2);
	c->partial = (size_t)sqlite3_column_int64(stmt, 3);
}

enum cl_status store_review_criteria(struct store *store, const char *from, const char *to,
				     struct review_criterion_row *out, size_t cap, size_t *count)
{
	*count = 0;
	struct review_period p;
	if (!review_period_split(from, to, &p))
		return store_error(store, CL_ERR_INVALID, "a period is two dates, YYYY-MM-DD");
	if (cap == 0)
		return CL_OK;
	/* 'na' (not applicable) is not rated */
	sqlite3_stmt *stmt = store_stmt(
		store, "WITH parts (field, rated, not_met, partial) AS (SELECT field, rated, not_met, "
		       "partial FROM review_criterion_tally WHERE" REVIEW_FULL_MONTHS " "
		       "UNION ALL SELECT a.field, a.value IN ('met', 'partial', 'not_met'), "
		       "a.value = 'not_met', a.value = 'partial'" REVIEW_EDGE_CHECKLISTS
		       " JOIN form_answer a ON a.response_id = c.id AND a.field >= 'qa_' "
		       "AND a.field < 'qa`' WHERE" REVIEW_AT_EDGES ") "
		       "SELECT field, sum(rated), sum(not_met), sum(partial) FROM parts "
		       "GROUP BY field ORDER BY field LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	review_period_bind(stmt, &p);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, review_criterion_read);
}
