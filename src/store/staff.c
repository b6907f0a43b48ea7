#include <string.h>

#include "caseload/staff.h"
#include "caseload/strbuf.h"
#include "store_internal.h"

#define STAFF_COLUMNS                                                                              \
	"id, username, display_name, role, active, grants, ifnull(supervisor_id, 0), "            \
	"locked_at IS NOT NULL, ifnull(last_sign_in_at, ''), ifnull(lead_id, 0)"

static void staff_read(sqlite3_stmt *stmt, void *item)
{
	struct staff *s = item;
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, s->username, sizeof s->username);
	store_column_copy(stmt, 2, s->display_name, sizeof s->display_name);
	store_column_copy(stmt, 3, s->role, sizeof s->role);
	s->active = sqlite3_column_int(stmt, 4) != 0;
	s->grants = (unsigned)sqlite3_column_int(stmt, 5);
	s->supervisor_id = sqlite3_column_int64(stmt, 6);
	s->locked = sqlite3_column_int(stmt, 7) != 0;
	store_column_copy(stmt, 8, s->last_sign_in_at, sizeof s->last_sign_in_at);
	s->lead_id = sqlite3_column_int64(stmt, 9);
}

enum cl_status store_staff_add(struct store *store, const char *username, const char *display_name,
			       const char *role, const char *at, int64_t *id)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO staff (username, display_name, role, "
					       "created_at) VALUES (?, ?, ?, ?)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, username);
	store_bind_text(stmt, 2, display_name);
	store_bind_text(stmt, 3, role);
	store_bind_text(stmt, 4, at);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK)
		*id = sqlite3_last_insert_rowid(store->db);
	return st;
}

static enum cl_status staff_one(struct store *store, sqlite3_stmt *stmt, struct staff *out)
{
	return store_row(store, stmt, out, staff_read);
}

enum cl_status store_staff_by_username(struct store *store, const char *username,
				       struct staff *out)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT " STAFF_COLUMNS " FROM staff WHERE username = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, username);
	return staff_one(store, stmt, out);
}

enum cl_status store_staff_by_id(struct store *store, int64_t id, struct staff *out)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	return staff_one(store, stmt, out);
}

static enum cl_status staff_collect(struct store *store, sqlite3_stmt *stmt, struct staff **list,
				   size_t *count)
{
	size_t allocated = 0;
	int rc;
	*list = NULL;
	*count = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*count == allocated) {
			allocated = allocated ? allocated * 2 : 16;
			*list = xrealloc(*list, allocated * sizeof **list);
		}
		staff_read(stmt, &(*list)[(*count)++]);
	}
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_staff_list(struct store *store, const char *role, struct staff **list,
				size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " STAFF_COLUMNS " FROM staff "
					       "WHERE active = 1 AND (?1 = '' OR role = ?1) "
					       "ORDER BY display_name, id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, role);
	return staff_collect(store, stmt, list, count);
}

enum cl_status store_staff_list_all(struct store *store, struct staff **list, size_t *count)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT " STAFF_COLUMNS " FROM staff ORDER BY username");
	if (!stmt)
		return CL_ERR_INTERNAL;
	return staff_collect(store, stmt, list, count);
}

enum cl_status store_staff_count_role(struct store *store, const char *role, int64_t *count)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT count(*) FROM staff WHERE role = ? AND active = 1");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, role);
	return store_step_int64(store, stmt, count);
}

enum cl_status store_staff_secrets(struct store *store, int64_t id, struct staff_secrets *out)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT ifnull(password_hash, ''), "
					       "must_change_password, ifnull(totp_secret, ''), "
					       "totp_last_step FROM staff WHERE id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		store_column_copy(stmt, 0, out->password_hash, sizeof out->password_hash);
		out->must_change_password = sqlite3_column_int(stmt, 1) != 0;
		store_column_copy(stmt, 2, out->totp_secret, sizeof out->totp_secret);
		out->totp_last_step = sqlite3_column_int64(stmt, 3);
	} else {
		st = rc == SQLITE_DONE ? CL_ERR_NOTFOUND : store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

/* Runs a one-row UPDATE of staff bound by the caller; NOTFOUND when no such account. */
static enum cl_status staff_update(struct store *store, sqlite3_stmt *stmt)
{
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0)
		return CL_ERR_NOTFOUND;
	return st;
}

enum cl_status store_staff_set_password(struct store *store, int64_t id, const char *hash,
					bool must_change, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(store, "UPDATE staff SET password_hash = ?, "
					       "must_change_password = ?, password_changed_at = ? "
					       "WHERE id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, hash);
	sqlite3_bind_int(stmt, 2, must_change);
	store_bind_text(stmt, 3, at);
	sqlite3_bind_int64(stmt, 4, id);
	return staff_update(store, stmt);
}

enum cl_status store_staff_set_totp(struct store *store, int64_t id, const char *secret)
{
	sqlite3_stmt *stmt = store_stmt(store, "UPDATE staff SET totp_secret = ?, totp_last_step = 0 "
					       "WHERE id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, secret);
	sqlite3_bind_int64(stmt, 2, id);
	return staff_update(store, stmt);
}

/* One column of one account: the SQL is "UPDATE staff SET col = ?1 WHERE id = ?2". */
static enum cl_status staff_set_int(struct store *store, const char *sql, int64_t id,
				    int64_t value, bool null_when_zero)
{
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	if (null_when_zero)
		store_bind_id(stmt, 1, value);
	else
		sqlite3_bind_int64(stmt, 1, value);
	sqlite3_bind_int64(stmt, 2, id);
	return staff_update(store, stmt);
}

static enum cl_status staff_set_text(struct store *store, const char *sql, int64_t id,
				     const char *value)
{
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, value);
	sqlite3_bind_int64(stmt, 2, id);
	return staff_update(store, stmt);
}

enum cl_status store_staff_set_totp_step(struct store *store, int64_t id, int64_t step)
{
	return staff_set_int(store, "UPDATE staff SET totp_last_step = ?1 WHERE id = ?2", id, step,
			     false);
}

enum cl_status store_staff_set_active(struct store *store, int64_t id, bool active)
{
	return staff_set_int(store, "UPDATE staff SET active = ?1 WHERE id = ?2", id, active, false);
}

enum cl_status store_staff_set_locked(struct store *store, int64_t id, const char *at)
{
	enum cl_status st =
		staff_set_text(store, "UPDATE staff SET locked_at = ?1 WHERE id = ?2", id, at);
	if (st == CL_OK && !at)
		st = store_staff_failures_clear(store, id);
	return st;
}

enum cl_status store_staff_set_role(struct store *store, int64_t id, const char *role)
{
	return staff_set_text(store, "UPDATE staff SET role = ?1 WHERE id = ?2", id, role);
}

enum cl_status store_staff_set_grants(struct store *store, int64_t id, unsigned grants)
{
	return staff_set_int(store, "UPDATE staff SET grants = ?1 WHERE id = ?2", id, grants, false);
}

enum cl_status store_staff_set_supervisor(struct store *store, int64_t id, int64_t supervisor_id)
{
	return staff_set_int(store, "UPDATE staff SET supervisor_id = ?1 WHERE id = ?2", id,
			     supervisor_id, true);
}

enum cl_status store_staff_set_probation(struct store *store, int64_t id, date_t until)
{
	char text[DATE_TEXT_SIZE];
	date_format(until, text);
	/* "" for none becomes NULL: store_bind_text binds NULL for absent text only */
	return staff_set_text(store, "UPDATE staff SET probation_until = nullif(?1, '') WHERE id = ?2",
			      id, text);
}

enum cl_status store_staff_set_lead(struct store *store, int64_t id, int64_t lead_id)
{
	return staff_set_int(store, "UPDATE staff SET lead_id = ?1 WHERE id = ?2", id, lead_id,
			     true);
}

enum cl_status store_staff_signed_in(struct store *store, int64_t id, const char *at)
{
	enum cl_status st =
		staff_set_text(store, "UPDATE staff SET last_sign_in_at = ?1 WHERE id = ?2", id, at);
	return st == CL_OK ? store_staff_failures_clear(store, id) : st;
}

enum cl_status store_staff_failure_add(struct store *store, int64_t id, const char *at)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "INSERT INTO sign_in_failure (staff_id, at) VALUES (?, ?)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, at);
	return store_step_done(store, stmt);
}

enum cl_status store_staff_failures_since(struct store *store, int64_t id, const char *since,
					  int64_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT count(*) FROM sign_in_failure "
					       "WHERE staff_id = ? AND at >= ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, since);
	return store_step_int64(store, stmt, count);
}

enum cl_status store_staff_failures_clear(struct store *store, int64_t id)
{
	sqlite3_stmt *stmt = store_stmt(store, "DELETE FROM sign_in_failure WHERE staff_id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	return store_step_done(store, stmt);
}

enum cl_status store_setting_get(struct store *store, const char *key, char *value, size_t size)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT value FROM setting WHERE key = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, key);
	return store_step_text(store, stmt, value, size);
}

enum cl_status store_setting_put(struct store *store, const char *key, const char *value)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO setting (key, value) VALUES (?, ?) "
					       "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, key);
	store_bind_text(stmt, 2, value);
	return store_step_done(store, stmt);
}
