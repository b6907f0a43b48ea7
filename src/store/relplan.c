/* Release plans in SQLite (schema 9): the plan, its sections, tasks, contacts, and the
 * append-only history every change writes to. */
#include "caseload/relplan.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

static const char *const relplan_codes[RELPLAN_STATUS_COUNT] = {
#define RELPLAN_STATUS_CODE(id, code, label) code,
	RELPLAN_STATUS_LIST(RELPLAN_STATUS_CODE)
#undef RELPLAN_STATUS_CODE
};
static const char *const relplan_labels[RELPLAN_STATUS_COUNT] = {
#define RELPLAN_STATUS_LABEL(id, code, label) label,
	RELPLAN_STATUS_LIST(RELPLAN_STATUS_LABEL)
#undef RELPLAN_STATUS_LABEL
};

const char *relplan_status_code(enum relplan_status s)
{
	return (unsigned)s < RELPLAN_STATUS_COUNT ? relplan_codes[s] : "?";
}

const char *relplan_status_label(enum relplan_status s)
{
	return (unsigned)s < RELPLAN_STATUS_COUNT ? relplan_labels[s] : "?";
}

bool relplan_status_parse(const char *text, enum relplan_status *out)
{
	for (int i = 0; i < RELPLAN_STATUS_COUNT; i++)
		if (!strcmp(text, relplan_codes[i]) || !strcmp(text, relplan_labels[i])) {
			*out = (enum relplan_status)i;
			return true;
		}
	return false;
}

/* One history row. */
static enum cl_status relplan_change(struct store *store, int64_t plan_id, const char *section,
				     int64_t task_id, const char *change, const char *value,
				     const char *reason, int64_t by, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(store,
		"INSERT INTO release_change (plan_id, section, task_id, change, value, reason, by_id, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	store_bind_text(stmt, 2, section);
	store_bind_id(stmt, 3, task_id);
	sqlite3_bind_text(stmt, 4, change, -1, SQLITE_STATIC);
	store_bind_text(stmt, 5, value);
	store_bind_text(stmt, 6, reason && *reason ? reason : NULL);
	sqlite3_bind_int64(stmt, 7, by);
	sqlite3_bind_text(stmt, 8, at, -1, SQLITE_STATIC);
	return store_step_done(store, stmt);
}

enum cl_status store_relplan_get(struct store *store, int64_t person_id, struct relplan *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = store_stmt(store,
		"SELECT id, person_id, version, srd, created_at FROM release_plan "
		"WHERE person_id = ?1 AND state = 'open'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(stmt, 0);
		out->person_id = sqlite3_column_int64(stmt, 1);
		out->version = sqlite3_column_int64(stmt, 2);
		out->srd = store_column_date(stmt, 3);
		store_column_copy(stmt, 4, out->created_at, sizeof out->created_at);
	} else {
		st = rc == SQLITE_DONE ? CL_ERR_NOTFOUND : store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_relplan_create(struct store *store, int64_t person_id, date_t srd,
				    int64_t by, const char *at, int64_t *plan_id)
{
	*plan_id = 0;
	struct relplan existing;
	enum cl_status st = store_relplan_get(store, person_id, &existing);
	if (st == CL_OK)
		return store_error(store, CL_ERR_EXISTS, "the person has an open release plan");
	if (st != CL_ERR_NOTFOUND)
		return st;
	sqlite3_stmt *stmt = store_stmt(store,
		"INSERT INTO release_plan (person_id, srd, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4) RETURNING id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	store_bind_date(stmt, 2, srd);
	sqlite3_bind_int64(stmt, 3, by);
	sqlite3_bind_text(stmt, 4, at, -1, SQLITE_STATIC);
	st = store_step_int64(store, stmt, plan_id);
	if (st == CL_OK)
		st = relplan_change(store, *plan_id, NULL, 0, "opened", NULL, NULL, by, at);
	return st;
}

enum cl_status store_relplan_section_add(struct store *store, int64_t plan_id, int position,
					 const char *section, const char *title)
{
	sqlite3_stmt *stmt = store_stmt(store,
		"INSERT INTO release_section (plan_id, section, position, title) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	store_bind_text(stmt, 2, section);
	sqlite3_bind_int(stmt, 3, position);
	store_bind_text(stmt, 4, title);
	return store_step_done(store, stmt);
}

enum cl_status store_relplan_task_add(struct store *store, int64_t plan_id,
				      const struct relplan_task *t, bool added, int64_t by,
				      const char *at, int64_t *task_id)
{
	*task_id = 0;
	sqlite3_stmt *stmt = store_stmt(store,
		"INSERT INTO release_task (plan_id, section, task, label, owner, due_on, "
		"blocks_release, note, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	store_bind_text(stmt, 2, t->section);
	store_bind_text(stmt, 3, t->task[0] ? t->task : NULL);
	store_bind_text(stmt, 4, t->label);
	store_bind_text(stmt, 5, t->owner);
	store_bind_date(stmt, 6, t->due_on);
	sqlite3_bind_int(stmt, 7, t->blocks_release);
	store_bind_text(stmt, 8, t->note[0] ? t->note : NULL);
	sqlite3_bind_int64(stmt, 9, by);
	sqlite3_bind_text(stmt, 10, at, -1, SQLITE_STATIC);
	enum cl_status st = store_step_int64(store, stmt, task_id);
	if (st == CL_OK && added)
		st = relplan_change(store, plan_id, t->section, *task_id, "task_added", NULL, NULL, by,
				    at);
	return st;
}

enum cl_status store_relplan_bump(struct store *store, int64_t plan_id, int64_t version)
{
	sqlite3_stmt *stmt = store_stmt(store,
		"UPDATE release_plan SET version = version + 1 WHERE id = ?1 AND version = ?2 "
		"RETURNING version");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	sqlite3_bind_int64(stmt, 2, version);
	int64_t now;
	enum cl_status st = store_step_int64(store, stmt, &now);
	if (st == CL_ERR_NOTFOUND)
		return store_error(store, CL_ERR_STALE, "the release plan was changed meanwhile");
	return st;
}

enum cl_status store_relplan_section_set(struct store *store, int64_t plan_id,
					 const char *section, enum relplan_status status,
					 const char *reason, int64_t by, const char *at)
{
	const char *why = status == RELPLAN_NOT_APPLICABLE ? reason : NULL;
	sqlite3_stmt *stmt = store_stmt(store,
		"UPDATE release_section SET status = ?3, reason = ?4, updated_by = ?5, "
		"updated_at = ?6 WHERE plan_id = ?1 AND section = ?2 RETURNING position");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	store_bind_text(stmt, 2, section);
	sqlite3_bind_text(stmt, 3, relplan_status_code(status), -1, SQLITE_STATIC);
	store_bind_text(stmt, 4, why && *why ? why : NULL);
	sqlite3_bind_int64(stmt, 5, by);
	sqlite3_bind_text(stmt, 6, at, -1, SQLITE_STATIC);
	int64_t pos;
	enum cl_status st = store_step_int64(store, stmt, &pos);
	if (st == CL_OK)
		st = relplan_change(store, plan_id, section, 0, "status", relplan_status_code(status),
				    why, by, at);
	return st;
}

/* The task's section, when the plan holds the task. */
static enum cl_status relplan_task_section(struct store *store, int64_t plan_id, int64_t task_id,
					   char section[RELPLAN_ID_SIZE])
{
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT section FROM release_task WHERE id = ?1 AND plan_id = ?2");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, plan_id);
	return store_step_text(store, stmt, section, RELPLAN_ID_SIZE);
}

/* One change of a task of the plan, with its history row: sql names :id and any of
 * :done_on, :done_by and :reason (a statement without one skips it). */
static enum cl_status relplan_task_update(struct store *store, int64_t plan_id, int64_t task_id,
					  const char *sql, date_t done_on, const char *reason,
					  const char *change, int64_t by, const char *at)
{
	char section[RELPLAN_ID_SIZE];
	enum cl_status st = relplan_task_section(store, plan_id, task_id, section);
	if (st != CL_OK)
		return st;
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", task_id);
	int done_index = sqlite3_bind_parameter_index(stmt, ":done_on");
	if (done_index)
		store_bind_date(stmt, done_index, done_on);
	note_bind_id(stmt, ":done_by", done_on != DATE_NONE ? by : 0);
	note_bind_text(stmt, ":reason", reason);
	st = store_step_done(store, stmt);
	if (st == CL_OK)
		st = relplan_change(store, plan_id, section, task_id, change, NULL, reason, by, at);
	return st;
}

enum cl_status store_relplan_task_done(struct store *store, int64_t plan_id, int64_t task_id,
				       date_t done_on, int64_t by, const char *at)
{
	return relplan_task_update(
		store, plan_id, task_id,
		"UPDATE release_task SET done_on = :done_on, done_by = :done_by WHERE id = :id",
		done_on, NULL, done_on != DATE_NONE ? "task_done" : "task_undone", by, at);
}

enum cl_status store_relplan_task_drop(struct store *store, int64_t plan_id, int64_t task_id,
				       const char *reason, int64_t by, const char *at)
{
	return relplan_task_update(store, plan_id, task_id,
				   "UPDATE release_task SET dropped_reason = :reason WHERE id = :id",
				   DATE_NONE, reason, "task_dropped", by, at);
}

enum cl_status store_relplan_contact_add(struct store *store, int64_t plan_id,
					 const struct relplan_contact *c, int64_t by,
					 const char *at)
{
	sqlite3_stmt *stmt = store_stmt(store,
		"INSERT INTO release_contact (plan_id, section, name, role, phone, note, added_by, "
		"added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	store_bind_text(stmt, 2, c->section);
	store_bind_text(stmt, 3, c->name);
	sqlite3_bind_text(stmt, 4, c->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, c->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, c->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 7, by);
	sqlite3_bind_text(stmt, 8, at, -1, SQLITE_STATIC);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK)
		st = relplan_change(store, plan_id, c->section, 0, "contact_added", NULL, NULL, by, at);
	return st;
}

/* ---- reading ---- */

static void relplan_section_read(sqlite3_stmt *stmt, void *item)
{
	struct relplan_section *s = item;
	store_column_copy(stmt, 0, s->section, sizeof s->section);
	store_column_copy(stmt, 1, s->title, sizeof s->title);
	s->status = (enum relplan_status)store_code_index(
		relplan_codes, RELPLAN_STATUS_COUNT, sqlite3_column_text(stmt, 2), RELPLAN_NOT_STARTED);
	store_column_copy(stmt, 3, s->reason, sizeof s->reason);
	store_column_copy(stmt, 4, s->updated_by, sizeof s->updated_by);
	store_column_copy(stmt, 5, s->updated_at, sizeof s->updated_at);
}

static void relplan_task_read(sqlite3_stmt *stmt, void *item)
{
	struct relplan_task *t = item;
	t->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, t->section, sizeof t->section);
	store_column_copy(stmt, 2, t->task, sizeof t->task);
	store_column_copy(stmt, 3, t->label, sizeof t->label);
	store_column_copy(stmt, 4, t->owner, sizeof t->owner);
	t->due_on = store_column_date(stmt, 5);
	t->blocks_release = sqlite3_column_int(stmt, 6) != 0;
	t->done_on = store_column_date(stmt, 7);
	store_column_copy(stmt, 8, t->done_by, sizeof t->done_by);
	store_column_copy(stmt, 9, t->dropped_reason, sizeof t->dropped_reason);
	store_column_copy(stmt, 10, t->note, sizeof t->note);
}

static void relplan_contact_read(sqlite3_stmt *stmt, void *item)
{
	struct relplan_contact *c = item;
	c->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, c->section, sizeof c->section);
	store_column_copy(stmt, 2, c->name, sizeof c->name);
	store_column_copy(stmt, 3, c->role, sizeof c->role);
	store_column_copy(stmt, 4, c->phone, sizeof c->phone);
	store_column_copy(stmt, 5, c->note, sizeof c->note);
}

/* The rows of a plan-wide query into a malloc'ed array (freed again on failure). */
static enum cl_status relplan_collect(struct store *store, const char *sql, int64_t plan_id,
				      void **out, size_t size, size_t *count,
				      void (*read)(sqlite3_stmt *stmt, void *item))
{
	*out = NULL;
	*count = 0;
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	enum cl_status st = store_collect(store, stmt, out, size, count, read);
	if (st != CL_OK) {
		free(*out);
		*out = NULL;
		*count = 0;
	}
	return st;
}

enum cl_status store_relplan_sections(struct store *store, int64_t plan_id,
				      struct relplan_section **out, size_t *count)
{
	void *rows;
	enum cl_status st = relplan_collect(store,
		"SELECT r.section, r.title, r.status, r.reason, ifnull(s.display_name, ''), "
		"r.updated_at FROM release_section r LEFT JOIN staff s ON s.id = r.updated_by "
		"WHERE r.plan_id = ?1 ORDER BY r.position",
		plan_id, &rows, sizeof **out, count, relplan_section_read);
	*out = rows;
	return st;
}

enum cl_status store_relplan_tasks(struct store *store, int64_t plan_id, struct relplan_task **out,
				   size_t *count)
{
	void *rows;
	enum cl_status st = relplan_collect(store,
		"SELECT t.id, t.section, t.task, t.label, t.owner, t.due_on, t.blocks_release, "
		"t.done_on, ifnull(s.display_name, ''), t.dropped_reason, t.note "
		"FROM release_task t LEFT JOIN staff s ON s.id = t.done_by "
		"WHERE t.plan_id = ?1 ORDER BY t.section, t.due_on IS NULL, t.due_on, t.id",
		plan_id, &rows, sizeof **out, count, relplan_task_read);
	*out = rows;
	return st;
}

enum cl_status store_relplan_contacts(struct store *store, int64_t plan_id,
				      struct relplan_contact **out, size_t *count)
{
	void *rows;
	enum cl_status st = relplan_collect(store,
		"SELECT id, section, name, role, phone, note FROM release_contact "
		"WHERE plan_id = ?1 ORDER BY section, id",
		plan_id, &rows, sizeof **out, count, relplan_contact_read);
	*out = rows;
	return st;
}

enum cl_status store_relplan_change_count(struct store *store, int64_t plan_id, int64_t *count)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT count(*) FROM release_change WHERE plan_id = ?1");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, plan_id);
	return store_step_int64(store, stmt, count);
}
