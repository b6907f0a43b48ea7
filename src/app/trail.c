#include "caseload/trail.h"

#include <stdio.h>
#include <string.h>

#include "caseload/permit.h"
#include "caseload/session.h"

enum cl_status app_trail_query(struct app *app, const struct audit_filter *filter,
			       struct audit_row *rows, size_t cap, size_t *count, char *msg,
			       size_t msgsz)
{
	*count = 0;
	if (app_permit(app, PERM_AUDIT_READ, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	/* reading the trail leaves a trace in it, filters included (they are ids and dates) */
	char object[128];
	snprintf(object, sizeof object, "person=%lld staff=%lld", (long long)filter->person_id,
		 (long long)filter->staff_id);
	enum cl_status st = app_audit(app, "audit.read", "ok", 0, object);
	if (st == CL_OK)
		st = store_audit_query(app->store, filter, rows, cap, count);
	if (st != CL_OK)
		snprintf(msg, msgsz, "Cannot read the audit trail: %s", cl_status_text(st));
	return st;
}

enum cl_status app_trail_verify(struct app *app, int64_t *checked, int64_t *first_broken,
				char *detail, size_t detail_size, char *msg, size_t msgsz)
{
	*checked = *first_broken = 0;
	detail[0] = '\0';
	if (!app_can(app, PERM_AUDIT_READ, 0) &&
	    app_permit(app, PERM_MAINTAIN, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	enum cl_status st = store_audit_verify(app->store, checked, first_broken, detail,
					       detail_size);
	char object[64];
	snprintf(object, sizeof object, "broken=%lld", (long long)*first_broken);
	enum cl_status logged = app_audit(app, "audit.verify", st == CL_OK ? "ok" : "failed", 0,
					  object);
	if (st != CL_OK)
		snprintf(msg, msgsz, "Cannot verify the audit trail: %s", cl_status_text(st));
	return st != CL_OK ? st : logged;
}

enum cl_status app_trail_purge(struct app *app, const char *before, int64_t *purged, char *msg,
			       size_t msgsz)
{
	*purged = 0;
	if (app_permit(app, PERM_MAINTAIN, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (!app_session_recently_authenticated(app)) {
		snprintf(msg, msgsz, "Confirm your password first (privileged action)");
		return CL_ERR_DENIED;
	}
	date_t day;
	if (!date_parse(before, &day)) {
		snprintf(msg, msgsz, "The purge date must be YYYY-MM-DD");
		return CL_ERR_INVALID;
	}
	char before_at[32], oldest_allowed[32];
	clock_format((time_t)day * 86400, before_at);
	clock_format(clock_now(&app->clock) - (time_t)app->config.audit_retention_days * 86400,
		     oldest_allowed);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_audit_purge(app->store, before_at, oldest_allowed, purged);
	char object[64];
	snprintf(object, sizeof object, "before=%s rows=%lld", before, (long long)*purged);
	if (st == CL_OK)
		st = app_audit(app, "audit.purge", "ok", 0, object);
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK) {
		store_rollback(app->store);
		if (st == CL_ERR_DENIED) {
			app_audit(app, "audit.purge", "denied", 0, object);
			snprintf(msg, msgsz,
				 "Refused: rows from before %s are younger than the retention "
				 "period (%d days); nothing was deleted",
				 before, app->config.audit_retention_days);
		} else {
			snprintf(msg, msgsz, "Purge failed: %s (%s)", cl_status_text(st),
				 store_last_error(app->store));
		}
		return st;
	}
	snprintf(msg, msgsz, "%lld audit rows from before %s purged", (long long)*purged, before);
	return CL_OK;
}
