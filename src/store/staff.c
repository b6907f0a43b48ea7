#include <string.h>

#include "caseload/staff.h"
#include "caseload/strbuf.h"
#include "store_internal.h"

#define STAFF_COLUMNS "id, username, display_name, role, active"

static void staff_read(sqlite3_stmt *stmt, struct staff *s)
{
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, s->username, sizeof s->username);
	store_column_copy(stmt, 2, s->display_name, sizeof s->display_name);
	store_column_copy(stmt, 3, s->role, sizeof s->role);
	s->active = sqlite3_column_int(stmt, 4) != 0;
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
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW)
		staff_read(stmt, out);
	else
		st = rc == SQLITE_DONE ? CL_ERR_NOTFOUND : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
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

enum cl_status store_staff_list(struct store *store, const char *role, struct staff **list,
				size_t *count)
{
	*list = NULL;
	*count = 0;
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " STAFF_COLUMNS " FROM staff "
					       "WHERE active = 1 AND (?1 = '' OR role = ?1) "
					       "ORDER BY display_name, id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, role);
	size_t allocated = 0;
	int rc;
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
