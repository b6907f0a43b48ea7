#include "caseload/audit.h"
#include "store_internal.h"

enum cl_status store_audit_append(struct store *store, const struct audit_event *e)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO audit_log (at, staff_id, event, "
					       "outcome, person_id, object, terminal) "
					       "VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, e->at);
	store_bind_id(stmt, 2, e->staff_id);
	store_bind_text(stmt, 3, e->event);
	store_bind_text(stmt, 4, e->outcome);
	store_bind_id(stmt, 5, e->person_id);
	store_bind_text(stmt, 6, e->object ? e->object : "");
	store_bind_text(stmt, 7, e->terminal ? e->terminal : "");
	return store_step_done(store, stmt);
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
