#include "caseload/drafts.h"
#include "store_internal.h"

enum cl_status store_draft_put(struct store *store, const struct draft_key *key,
			       const char *value, int64_t base_version, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO edit_draft (staff_id, person_id, field, value, base_version, "
		       "saved_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (staff_id, person_id, field) "
		       "DO UPDATE SET value = excluded.value, base_version = excluded.base_version, "
		       "saved_at = excluded.saved_at");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, key->staff_id);
	sqlite3_bind_int64(stmt, 2, key->person_id);
	store_bind_text(stmt, 3, key->field);
	store_bind_text(stmt, 4, value);
	sqlite3_bind_int64(stmt, 5, base_version);
	store_bind_text(stmt, 6, at);
	return store_step_done(store, stmt);
}

enum cl_status store_draft_get(struct store *store, const struct draft_key *key,
			       struct strbuf *value, int64_t *base_version)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT value, base_version FROM edit_draft "
					       "WHERE staff_id = ? AND person_id = ? AND field = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, key->staff_id);
	sqlite3_bind_int64(stmt, 2, key->person_id);
	store_bind_text(stmt, 3, key->field);
	int rc = sqlite3_step(stmt);
	enum cl_status st = CL_OK;
	if (rc == SQLITE_ROW) {
		strbuf_puts(value, (const char *)sqlite3_column_text(stmt, 0));
		*base_version = sqlite3_column_int64(stmt, 1);
	} else {
		st = rc == SQLITE_DONE ? CL_ERR_NOTFOUND : store_fail(store, rc);
	}
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_draft_delete(struct store *store, const struct draft_key *key)
{
	sqlite3_stmt *stmt = store_stmt(store, "DELETE FROM edit_draft WHERE staff_id = ? AND "
					       "person_id = ? AND field = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, key->staff_id);
	sqlite3_bind_int64(stmt, 2, key->person_id);
	store_bind_text(stmt, 3, key->field);
	return store_step_done(store, stmt);
}
