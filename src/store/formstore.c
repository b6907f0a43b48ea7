/* Form definitions and responses. Who may see a response (a draft only its author) and which
 * of its answers (the reader's grants, as for notes: note_levels) is decided in the SQL of
 * every read, never by filtering afterwards. Every write to a response goes through
 * form_bump, which checks and bumps its revision first, so a stale write changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formstore.h"
#include "caseload/strbuf.h"
#include "store_internal.h"

static const char *const form_def_status_codes[] = {
	[FORM_DEF_DRAFT] = "draft",
	[FORM_DEF_ACTIVE] = "active",
	[FORM_DEF_RETIRED] = "retired",
};

static const char *const form_state_codes[] = {
	[FORM_DRAFT] = "draft",
	[FORM_FINAL] = "final",
	[FORM_PENDING_REVIEW] = "pending_review",
	[FORM_APPROVED] = "approved",
	[FORM_RETURNED] = "returned",
};

#define FORM_COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *form_state_code(enum form_state state)
{
	return (size_t)state < FORM_COUNT(form_state_codes) ? form_state_codes[state] : "final";
}

static enum form_state form_state_from_code(const unsigned char *code)
{
	/* were it anything else, never editable */
	return (enum form_state)store_code_index(form_state_codes, FORM_COUNT(form_state_codes),
						code, FORM_FINAL);
}

/* ---- definitions ---- */

#define DEF_COLUMNS                                                                                \
	"d.id, d.form_id, d.version, d.hash, d.title, d.status, d.source_path, d.registered_at, " \
	"(SELECT count(*) FROM form_response r WHERE r.definition_id = d.id)"

static void form_def_read(sqlite3_stmt *stmt, void *item)
{
	struct form_definition *d = item;
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, d->form_id, sizeof d->form_id);
	d->version = sqlite3_column_int(stmt, 2);
	store_column_copy(stmt, 3, d->hash, sizeof d->hash);
	store_column_copy(stmt, 4, d->title, sizeof d->title);
	d->status = (enum form_def_status)store_code_index(
		form_def_status_codes, FORM_COUNT(form_def_status_codes),
		sqlite3_column_text(stmt, 5), FORM_DEF_RETIRED);
	store_column_copy(stmt, 6, d->source_path, sizeof d->source_path);
	store_column_copy(stmt, 7, d->registered_at, sizeof d->registered_at);
	d->responses = sqlite3_column_int64(stmt, 8);
}

/* The stored definition of (form_id, version): CL_ERR_NOTFOUND when there is none. */
static enum cl_status form_def_find(struct store *store, const char *form_id, int version,
				    struct form_definition *out)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " DEF_COLUMNS " FROM form_definition d "
					       "WHERE d.form_id = :form AND d.version = :version");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text(stmt, ":form", form_id);
	note_bind_int64(stmt, ":version", version);
	return store_row(store, stmt, out, form_def_read);
}

static void form_def_bind(sqlite3_stmt *stmt, const struct form_registration *reg,
			  const char *at)
{
	note_bind_text(stmt, ":form", reg->form_id);
	note_bind_int64(stmt, ":version", reg->version);
	note_bind_text(stmt, ":hash", reg->hash);
	note_bind_text(stmt, ":title", reg->title);
	note_bind_text(stmt, ":status",
		       (size_t)reg->status < FORM_COUNT(form_def_status_codes)
			       ? form_def_status_codes[reg->status]
			       : "?"); /* refused by the schema */
	note_bind_text(stmt, ":source", reg->source);
	note_bind_text(stmt, ":path", reg->source_path ? reg->source_path : "");
	note_bind_text(stmt, ":at", at);
}

enum cl_status store_form_register(struct store *store, const struct form_registration *reg,
				   const char *at, int64_t *id, enum form_register_outcome *outcome,
				   char *stored_hash)
{
	*id = 0;
	if (stored_hash)
		stored_hash[0] = '\0';
	struct form_definition old;
	memset(&old, 0, sizeof old);
	enum cl_status st = form_def_find(store, reg->form_id, reg->version, &old);
	if (st != CL_OK && st != CL_ERR_NOTFOUND)
		return st;
	enum form_register_outcome what = FORM_REGISTER_NEW;
	const char *sql = "INSERT INTO form_definition (form_id, version, hash, title, status, "
			  "source_path, registered_at, source) VALUES (:form, :version, :hash, "
			  ":title, :status, :path, :at, :source)";
	if (st == CL_OK && reg->hash && strcmp(old.hash, reg->hash) == 0) {
		what = FORM_REGISTER_SAME;
		sql = "UPDATE form_definition SET status = :status, source_path = :path "
		      "WHERE id = :id AND (status <> :status OR source_path <> :path)";
	} else if (st == CL_OK && old.status == FORM_DEF_DRAFT && old.responses == 0) {
		what = FORM_REGISTER_REPLACED;
		sql = "UPDATE form_definition SET hash = :hash, title = :title, status = :status, "
		      "source_path = :path, registered_at = :at, source = :source WHERE id = :id";
	} else if (st == CL_OK) {
		if (stored_hash)
			str_copy(stored_hash, FORM_HASH_SIZE, old.hash);
		snprintf(store->error, sizeof store->error,
			 "form %s version %d is already registered with other text (hash %.12s…): "
			 "give the changed form a new version",
			 old.form_id, old.version, old.hash);
		return CL_ERR_EXISTS;
	}
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	form_def_bind(stmt, reg, at);
	note_bind_int64(stmt, ":id", old.id);
	st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	*id = what == FORM_REGISTER_NEW ? sqlite3_last_insert_rowid(store->db) : old.id;
	if (outcome)
		*outcome = what;
	return CL_OK;
}

enum cl_status store_form_definition_get(struct store *store, int64_t id,
					 struct form_definition *out, char **source)
{
	memset(out, 0, sizeof *out);
	if (source)
		*source = NULL;
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " DEF_COLUMNS ", d.source "
					       "FROM form_definition d WHERE d.id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW) {
		form_def_read(stmt, out);
		if (source)
			*source = store_column_dup(stmt, 9);
	} else {
		st = rc == SQLITE_DONE ? store_error(store, CL_ERR_NOTFOUND, "no such form definition")
				       : store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_form_definitions(struct store *store, struct form_definition **defs,
				      size_t *count)
{
	*defs = NULL;
	*count = 0;
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " DEF_COLUMNS " FROM form_definition d "
					       "ORDER BY d.form_id, d.version DESC");
	if (!stmt)
		return CL_ERR_INTERNAL;
	void *rows;
	enum cl_status st = store_collect(store, stmt, &rows, sizeof **defs, count, form_def_read);
	*defs = rows;
	if (st != CL_OK) {
		free(*defs);
		*defs = NULL;
		*count = 0;
	}
	return st;
}

/* ---- responses ---- */

/* A draft is seen only by its author. */
#define FORM_VISIBLE(t) "(" t ".state <> 'draft' OR " t ".author_id = :reader)"

#define RESPONSE_COLUMNS                                                                           \
	"r.id, r.person_id, r.definition_id, d.form_id, d.version, d.title, r.state, "          \
	"r.author_id, r.author_name, r.created_at, r.updated_at, ifnull(r.finalized_at, ''), "  \
	"ifnull(r.finalized_by, 0), ifnull(r.reviewed_at, ''), ifnull(r.reviewed_by, 0), "     \
	"r.review_note, ifnull(r.amends_id, 0), ifnull((SELECT max(a.id) FROM form_response a " \
	"WHERE a.amends_id = r.id AND " FORM_VISIBLE("a") "), 0), r.revision, r.summary, "      \
	"r.due_on"
#define RESPONSE_FROM " FROM form_response r JOIN form_definition d ON d.id = r.definition_id"

static void form_response_read(sqlite3_stmt *stmt, void *item)
{
	struct form_response *r = item;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(stmt, 0);
	r->person_id = sqlite3_column_int64(stmt, 1);
	r->definition_id = sqlite3_column_int64(stmt, 2);
	store_column_copy(stmt, 3, r->form_id, sizeof r->form_id);
	r->version = sqlite3_column_int(stmt, 4);
	store_column_copy(stmt, 5, r->title, sizeof r->title);
	r->state = form_state_from_code(sqlite3_column_text(stmt, 6));
	r->author_id = sqlite3_column_int64(stmt, 7);
	store_column_copy(stmt, 8, r->author_name, sizeof r->author_name);
	store_column_copy(stmt, 9, r->created_at, sizeof r->created_at);
	store_column_copy(stmt, 10, r->updated_at, sizeof r->updated_at);
	store_column_copy(stmt, 11, r->finalized_at, sizeof r->finalized_at);
	r->finalized_by = sqlite3_column_int64(stmt, 12);
	store_column_copy(stmt, 13, r->reviewed_at, sizeof r->reviewed_at);
	r->reviewed_by = sqlite3_column_int64(stmt, 14);
	store_column_copy(stmt, 15, r->review_note, sizeof r->review_note);
	r->amends_id = sqlite3_column_int64(stmt, 16);
	r->amended_by_id = sqlite3_column_int64(stmt, 17);
	r->revision = sqlite3_column_int64(stmt, 18);
	store_column_copy(stmt, 19, r->summary, sizeof r->summary);
	r->due_on = store_column_date(stmt, 20);
}

/* Reads every row of a bound RESPONSE_COLUMNS statement into out (at most cap). */
static enum cl_status form_response_rows(struct store *store, sqlite3_stmt *stmt,
					 struct form_response *out, size_t cap, size_t *count)
{
	return store_rows(store, stmt, out, sizeof *out, cap, count, form_response_read);
}

static void form_response_started(struct form_response *r, const char *at)
{
	r->state = FORM_DRAFT;
	r->revision = 1;
	r->amended_by_id = 0;
	str_copy(r->created_at, sizeof r->created_at, at);
	str_copy(r->updated_at, sizeof r->updated_at, at);
	r->finalized_at[0] = r->reviewed_at[0] = r->review_note[0] = r->summary[0] = '\0';
	r->finalized_by = r->reviewed_by = 0;
}

static enum cl_status form_response_new(struct store *store, struct form_response *r,
					const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO form_response (person_id, definition_id, author_id, "
		       "author_name, created_at, updated_at, amends_id, due_on) VALUES (:person, "
		       ":definition, :author, :author_name, :at, :at, :amends, :due)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":person", r->person_id);
	note_bind_int64(stmt, ":definition", r->definition_id);
	note_bind_int64(stmt, ":author", r->author_id);
	note_bind_text(stmt, ":author_name", r->author_name);
	note_bind_text(stmt, ":at", at);
	note_bind_id(stmt, ":amends", r->amends_id);
	int due = sqlite3_bind_parameter_index(stmt, ":due");
	store_bind_date(stmt, due, r->due_on);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	r->id = sqlite3_last_insert_rowid(store->db);
	form_response_started(r, at);
	return CL_OK;
}

enum cl_status store_form_response_insert(struct store *store, struct form_response *r,
					  const char *at)
{
	r->amends_id = 0;
	return form_response_new(store, r, at);
}

/* The answers of `response` that the reader may not see: 0 or 1. */
static enum cl_status form_withheld(struct store *store, const struct note_reader *reader,
				    int64_t response, bool *withheld)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT EXISTS (SELECT 1 FROM form_answer a JOIN form_response r "
		       "ON r.id = a.response_id WHERE a.response_id = :id AND NOT " ANSWER_VISIBLE(
			       "a", "r") ")");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":id", response);
	int64_t any = 0;
	enum cl_status st = store_step_int64(store, stmt, &any);
	if (withheld)
		*withheld = any != 0;
	return st;
}

enum cl_status store_form_response_amend(struct store *store, const struct note_reader *reader,
					 int64_t original, struct form_response *r,
					 const char *at, bool *withheld)
{
	if (withheld)
		*withheld = false;
	struct form_response orig;
	enum cl_status st = store_form_response_get(store, reader, original, &orig);
	if (st != CL_OK)
		return st;
	r->person_id = orig.person_id;
	if (!r->definition_id)
		r->definition_id = orig.definition_id;
	r->amends_id = original;
	st = form_response_new(store, r, at);
	if (st == CL_OK)
		st = form_withheld(store, reader, original, withheld);
	if (st != CL_OK)
		return st;
	/* copied by SQL, filtered as every read is, so no text passes through C */
	sqlite3_stmt *copy = store_stmt(
		store, "INSERT INTO form_answer (response_id, field, row, value, sensitivity) "
		       "SELECT :new, a.field, a.row, a.value, a.sensitivity FROM form_answer a "
		       "JOIN form_response r ON r.id = a.response_id "
		       "WHERE a.response_id = :original AND " ANSWER_VISIBLE("a", "r"));
	if (!copy)
		return CL_ERR_INTERNAL;
	note_bind_reader(copy, reader);
	note_bind_int64(copy, ":new", r->id);
	note_bind_int64(copy, ":original", original);
	return store_step_done(store, copy);
}

/* Why a write conditioned on the response's revision and state changed nothing: it is gone
 * (CL_ERR_NOTFOUND), not in a state the write allows (CL_ERR_INVALID), or else saved
 * elsewhere since (CL_ERR_STALE). */
static enum cl_status form_why_unchanged(struct store *store, int64_t id, unsigned states)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT state FROM form_response WHERE id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	int rc = sqlite3_step(stmt);
	enum cl_status st;
	if (rc == SQLITE_ROW) {
		enum form_state now = form_state_from_code(sqlite3_column_text(stmt, 0));
		if (!(states & (1u << now))) {
			snprintf(store->error, sizeof store->error,
				 "the form response is %s: that is not allowed now",
				 form_state_code(now));
			st = CL_ERR_INVALID;
		} else {
			st = store_error(store, CL_ERR_STALE,
					"the form response was saved elsewhere since it was read");
		}
	} else if (rc == SQLITE_DONE) {
		st = store_error(store, CL_ERR_NOTFOUND, "no such form response");
	} else {
		st = store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

/* Checks that the response is still at *revision and a draft, and bumps the revision: the
 * first statement of every write to a draft's contents. */
static enum cl_status form_bump(struct store *store, int64_t id, const int64_t *revision,
				const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE form_response SET revision = revision + 1, updated_at = :at "
		       "WHERE id = :id AND revision = :revision AND state = 'draft'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_text(stmt, ":at", at);
	note_bind_int64(stmt, ":id", id);
	note_bind_int64(stmt, ":revision", *revision);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0)
		st = form_why_unchanged(store, id, 1u << FORM_DRAFT);
	return st;
}

enum cl_status store_form_answer_save(struct store *store, int64_t response_id,
				      int64_t *revision, const char *field, int row,
				      const char *value, enum note_sensitivity sensitivity,
				      const char *at)
{
	enum cl_status st = form_bump(store, response_id, revision, at);
	if (st != CL_OK)
		return st;
	bool clear = !value || !*value;
	sqlite3_stmt *stmt = store_stmt(
		store, clear ? "DELETE FROM form_answer WHERE response_id = :id AND field = :field "
			       "AND row = :row"
			     : "INSERT INTO form_answer (response_id, field, row, value, sensitivity) "
			       "VALUES (:id, :field, :row, :value, :sensitivity) "
			       "ON CONFLICT (response_id, field, row) DO UPDATE SET "
			       "value = excluded.value, sensitivity = excluded.sensitivity");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", response_id);
	note_bind_text(stmt, ":field", field);
	note_bind_int64(stmt, ":row", row);
	note_bind_text(stmt, ":value", value);
	note_bind_int64(stmt, ":sensitivity", (int64_t)sensitivity);
	st = store_step_done(store, stmt);
	if (st == CL_OK)
		(*revision)++;
	return st;
}

enum cl_status store_form_scores_save(struct store *store, int64_t response_id,
				      int64_t *revision, const struct form_score *scores,
				      size_t count, const char *at)
{
	enum cl_status st = form_bump(store, response_id, revision, at);
	if (st != CL_OK)
		return st;
	sqlite3_stmt *clear = store_stmt(store, "DELETE FROM form_score WHERE response_id = :id");
	if (!clear)
		return CL_ERR_INTERNAL;
	note_bind_int64(clear, ":id", response_id);
	st = store_step_done(store, clear);
	for (size_t i = 0; st == CL_OK && i < count; i++) {
		const struct form_score *s = &scores[i];
		sqlite3_stmt *stmt = store_stmt(
			store, "INSERT INTO form_score (response_id, score, value, missing, level, "
			       "band_set, override_level, override_reason, override_by, "
			       "final_level) VALUES (:id, :score, :value, :missing, :level, "
			       ":band_set, :override_level, :override_reason, :override_by, "
			       ":final_level)");
		if (!stmt)
			return CL_ERR_INTERNAL;
		note_bind_int64(stmt, ":id", response_id);
		note_bind_text(stmt, ":score", s->score);
		if (s->has_value)
			sqlite3_bind_double(stmt, sqlite3_bind_parameter_index(stmt, ":value"),
					    s->value);
		note_bind_int64(stmt, ":missing", s->missing);
		note_bind_text(stmt, ":level", s->level);
		note_bind_int64(stmt, ":band_set", s->band_set);
		note_bind_text(stmt, ":override_level", s->override_level);
		note_bind_text(stmt, ":override_reason", s->override_reason);
		note_bind_id(stmt, ":override_by", s->override_by);
		note_bind_text(stmt, ":final_level", s->final_level);
		st = store_step_done(store, stmt);
	}
	if (st == CL_OK)
		(*revision)++;
	return st;
}

/* The moves store_form_response_move makes, and what each writes besides the state. */
enum form_move_kind { MOVE_SUBMIT, MOVE_REVIEW, MOVE_RESUBMIT, MOVE_REOPEN };

static const struct form_move {
	enum form_state from, to;
	enum form_move_kind kind;
} form_moves[] = {
	{FORM_DRAFT, FORM_FINAL, MOVE_SUBMIT},
	{FORM_DRAFT, FORM_PENDING_REVIEW, MOVE_SUBMIT},
	{FORM_PENDING_REVIEW, FORM_APPROVED, MOVE_REVIEW},
	{FORM_PENDING_REVIEW, FORM_RETURNED, MOVE_REVIEW},
	{FORM_RETURNED, FORM_PENDING_REVIEW, MOVE_RESUBMIT},
	{FORM_RETURNED, FORM_DRAFT, MOVE_REOPEN},
};

static const char *const form_move_sql[] = {
	[MOVE_SUBMIT] = "UPDATE form_response SET state = :to, finalized_at = :at, "
			"finalized_by = :by, summary = ifnull(:text, ''), "
			"revision = revision + 1, updated_at = :at "
			"WHERE id = :id AND revision = :revision AND state = :from",
	[MOVE_REVIEW] = "UPDATE form_response SET state = :to, reviewed_at = :at, "
			"reviewed_by = :by, review_note = ifnull(:text, ''), "
			"revision = revision + 1, updated_at = :at "
			"WHERE id = :id AND revision = :revision AND state = :from",
	[MOVE_RESUBMIT] = "UPDATE form_response SET state = :to, "
			  "revision = revision + 1, updated_at = :at "
			  "WHERE id = :id AND revision = :revision AND state = :from",
	[MOVE_REOPEN] = "UPDATE form_response SET state = :to, finalized_at = NULL, "
			"finalized_by = NULL, summary = '', "
			"revision = revision + 1, updated_at = :at "
			"WHERE id = :id AND revision = :revision AND state = :from",
};

enum cl_status store_form_response_move(struct store *store, int64_t id, int64_t *revision,
					enum form_state to, int64_t by, const char *text,
					const char *at)
{
	/* Tried from every state the target may be reached from: the one the response is in
	 * matches, and when none does form_why_unchanged says why. */
	unsigned from_states = 0;
	for (size_t i = 0; i < FORM_COUNT(form_moves); i++) {
		const struct form_move *m = &form_moves[i];
		if (m->to != to)
			continue;
		from_states |= 1u << m->from;
		sqlite3_stmt *stmt = store_stmt(store, form_move_sql[m->kind]);
		if (!stmt)
			return CL_ERR_INTERNAL;
		note_bind_text(stmt, ":to", form_state_codes[m->to]);
		note_bind_text(stmt, ":from", form_state_codes[m->from]);
		note_bind_text(stmt, ":at", at);
		note_bind_int64(stmt, ":by", by);
		note_bind_text(stmt, ":text", text);
		note_bind_int64(stmt, ":id", id);
		note_bind_int64(stmt, ":revision", *revision);
		enum cl_status st = store_step_done(store, stmt);
		if (st != CL_OK)
			return st;
		if (sqlite3_changes(store->db) > 0) {
			(*revision)++;
			return CL_OK;
		}
	}
	if (!from_states)
		return store_error(store, CL_ERR_INVALID, "a form response never moves to that state");
	return form_why_unchanged(store, id, from_states);
}

enum cl_status store_form_response_get(struct store *store, const struct note_reader *reader,
				       int64_t id, struct form_response *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " RESPONSE_COLUMNS RESPONSE_FROM
					       " WHERE r.id = :id AND " FORM_VISIBLE("r"));
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":id", id);
	size_t count;
	enum cl_status st = form_response_rows(store, stmt, out, 1, &count);
	if (st == CL_OK && count == 0)
		st = store_error(store, CL_ERR_NOTFOUND, "no such form response");
	return st;
}

void form_answers_free(struct form_answer **answers, size_t count)
{
	if (!*answers)
		return;
	for (size_t i = 0; i < count; i++)
		free((*answers)[i].value);
	free(*answers);
	*answers = NULL;
}

static void form_answer_read(sqlite3_stmt *stmt, void *item)
{
	struct form_answer *a = item;
	store_column_copy(stmt, 0, a->field, sizeof a->field);
	a->row = sqlite3_column_int(stmt, 1);
	a->sensitivity = note_sensitivity_from_int(sqlite3_column_int(stmt, 2));
	a->value = store_column_dup(stmt, 3);
}

enum cl_status store_form_answers(struct store *store, const struct note_reader *reader,
				  int64_t response_id, struct form_answer **answers,
				  size_t *count, bool *withheld)
{
	*answers = NULL;
	*count = 0;
	if (withheld)
		*withheld = false;
	struct form_response r;
	enum cl_status st = store_form_response_get(store, reader, response_id, &r);
	if (st == CL_OK)
		st = form_withheld(store, reader, response_id, withheld);
	if (st != CL_OK)
		return st;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT a.field, a.row, a.sensitivity, a.value FROM form_answer a "
		       "JOIN form_response r ON r.id = a.response_id WHERE a.response_id = :id "
		       "AND " FORM_VISIBLE("r") " AND " ANSWER_VISIBLE("a", "r") " ORDER BY "
		       "a.field, a.row");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":id", response_id);
	void *rows;
	st = store_collect(store, stmt, &rows, sizeof **answers, count, form_answer_read);
	*answers = rows;
	if (st != CL_OK) {
		form_answers_free(answers, *count);
		*count = 0;
	}
	return st;
}

static void form_score_read(sqlite3_stmt *stmt, void *item)
{
	struct form_score *s = item;
	store_column_copy(stmt, 0, s->score, sizeof s->score);
	s->has_value = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
	s->value = s->has_value ? sqlite3_column_double(stmt, 1) : 0;
	s->missing = sqlite3_column_int(stmt, 2);
	store_column_copy(stmt, 3, s->level, sizeof s->level);
	s->band_set = sqlite3_column_int(stmt, 4);
	store_column_copy(stmt, 5, s->override_level, sizeof s->override_level);
	store_column_copy(stmt, 6, s->override_reason, sizeof s->override_reason);
	s->override_by = sqlite3_column_int64(stmt, 7);
	store_column_copy(stmt, 8, s->final_level, sizeof s->final_level);
}

enum cl_status store_form_scores(struct store *store, const struct note_reader *reader,
				 int64_t response_id, struct form_score **scores, size_t *count)
{
	*scores = NULL;
	*count = 0;
	struct form_response r;
	enum cl_status st = store_form_response_get(store, reader, response_id, &r);
	if (st != CL_OK)
		return st;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT s.score, s.value, s.missing, s.level, s.band_set, s.override_level, "
		       "s.override_reason, ifnull(s.override_by, 0), s.final_level "
		       "FROM form_score s JOIN form_response r ON r.id = s.response_id "
		       "WHERE s.response_id = :id AND " FORM_VISIBLE("r") " ORDER BY s.score");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":id", response_id);
	void *rows;
	st = store_collect(store, stmt, &rows, sizeof **scores, count, form_score_read);
	*scores = rows;
	if (st != CL_OK) {
		free(*scores);
		*scores = NULL;
		*count = 0;
	}
	return st;
}

enum cl_status store_form_responses_of_person(struct store *store,
					      const struct note_reader *reader, int64_t person_id,
					      int64_t before_id, struct form_response *out,
					      size_t cap, size_t *count)
{
	*count = 0;
	if (cap == 0)
		return CL_OK;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT " RESPONSE_COLUMNS RESPONSE_FROM " WHERE r.person_id = :person "
		       "AND r.id < :before AND " FORM_VISIBLE("r") " ORDER BY r.id DESC LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_reader(stmt, reader);
	note_bind_int64(stmt, ":person", person_id);
	note_bind_int64(stmt, ":before", before_id > 0 ? before_id : INT64_MAX);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return form_response_rows(store, stmt, out, cap, count);
}

enum cl_status store_form_drafts_of_author(struct store *store, int64_t author_id,
					   int64_t before_id, struct form_response *out,
					   size_t cap, size_t *count)
{
	*count = 0;
	if (cap == 0)
		return CL_OK;
	/* the author reads their own: every draft of theirs is visible to them */
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT " RESPONSE_COLUMNS RESPONSE_FROM " WHERE r.author_id = :reader "
		       "AND r.state IN ('draft', 'returned') AND r.id < :before "
		       "ORDER BY r.id DESC LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":reader", author_id);
	note_bind_int64(stmt, ":before", before_id > 0 ? before_id : INT64_MAX);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return form_response_rows(store, stmt, out, cap, count);
}
