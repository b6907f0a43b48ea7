/* The caseworker's day: small windows over one caseload (index person_by_worker). */
#include <string.h>

#include "caseload/workday.h"
#include "store_internal.h"

#define WORKDAY_NAME "CASE WHEN p.first_name = '' THEN p.last_name ELSE p.last_name || ', ' || p.first_name END"

/* Reads rows of (id, oid, name, date, kind, detail) into out. */
static enum cl_status workday_rows(struct store *store, sqlite3_stmt *stmt,
				   struct workday_person *out, size_t cap, size_t *count)
{
	*count = 0;
	int rc;
	while (*count < cap && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct workday_person *w = &out[(*count)++];
		memset(w, 0, sizeof *w);
		w->id = sqlite3_column_int64(stmt, 0);
		store_column_copy(stmt, 1, w->oid, sizeof w->oid);
		store_column_copy(stmt, 2, w->name, sizeof w->name);
		w->date = store_column_date(stmt, 3);
		w->kind = sqlite3_column_int(stmt, 4);
		store_column_copy(stmt, 5, w->detail, sizeof w->detail);
	}
	if (*count == cap)
		rc = SQLITE_DONE;
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

/* Runs a window query over one caseload: ?1 the caseworker, ?2 a date. */
static enum cl_status workday_window(struct store *store, const char *sql, int64_t caseworker_id,
				     date_t day, struct workday_person *out, size_t cap,
				     size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, caseworker_id);
	store_bind_date(stmt, 2, day);
	return workday_rows(store, stmt, out, cap, count);
}

enum cl_status store_workday_releases(struct store *store, int64_t caseworker_id, date_t from,
				      date_t to, struct workday_person *out, size_t cap,
				      size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store,
		"SELECT p.id, p.oid, " WORKDAY_NAME ", p.srd, 0, "
		"CASE WHEN rp.id IS NULL THEN 'no release plan' ELSE "
		"printf('release plan %d/%d ready', (SELECT count(*) FROM release_section s "
		"WHERE s.plan_id = rp.id AND s.status IN ('verified', 'not_applicable')), "
		"(SELECT count(*) FROM release_section s WHERE s.plan_id = rp.id)) END "
		"FROM person p LEFT JOIN release_plan rp ON rp.person_id = p.id AND rp.state = 'open' "
		"WHERE p.caseworker_id = ?1 AND p.srd BETWEEN ?2 AND ?3 ORDER BY p.srd, p.id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, caseworker_id);
	store_bind_date(stmt, 2, from);
	store_bind_date(stmt, 3, to);
	return workday_rows(store, stmt, out, cap, count);
}

enum cl_status store_workday_due(struct store *store, int64_t caseworker_id, date_t until,
				 struct workday_person *out, size_t cap, size_t *count)
{
	static const char sql[] =
		"SELECT p.id, p.oid, " WORKDAY_NAME ", p.next_due_date, p.next_due_kind, '' "
		"FROM person p WHERE p.caseworker_id = ?1 AND p.next_due_date <= ?2 "
		"ORDER BY p.next_due_date, p.id";
	return workday_window(store, sql, caseworker_id, until, out, cap, count);
}

enum cl_status store_workday_plan_tasks(struct store *store, int64_t caseworker_id,
					date_t until, struct workday_person *out, size_t cap,
					size_t *count)
{
	static const char sql[] =
		"SELECT p.id, p.oid, " WORKDAY_NAME ", t.due_on, 0, t.label FROM person p "
		"JOIN release_plan rp ON rp.person_id = p.id AND rp.state = 'open' "
		"JOIN release_task t ON t.plan_id = rp.id "
		"WHERE p.caseworker_id = ?1 AND t.done_on IS NULL AND t.dropped_reason IS NULL "
		"AND t.due_on <= ?2 ORDER BY t.due_on, t.id";
	return workday_window(store, sql, caseworker_id, until, out, cap, count);
}

enum cl_status store_workday_plan_reviews(struct store *store, int64_t caseworker_id,
					  date_t until, struct workday_person *out, size_t cap,
					  size_t *count)
{
	/* the latest version of each plan, and its next review: the latest review's, else the
	 * plan's own */
	static const char sql[] =
		"SELECT id, oid, name, due, 0, 'case plan v' || version FROM (SELECT p.id, p.oid, "
		WORKDAY_NAME " AS name, cp.version, ifnull((SELECT r.next_review_on "
		"FROM plan_review r WHERE r.plan_id = cp.id ORDER BY r.reviewed_on DESC, r.id DESC "
		"LIMIT 1), cp.next_review_on) AS due FROM person p "
		"JOIN case_plan cp ON cp.person_id = p.id AND cp.version = "
		"(SELECT max(version) FROM case_plan c2 WHERE c2.person_id = p.id) "
		"WHERE p.caseworker_id = ?1) WHERE due <= ?2 ORDER BY due, id";
	return workday_window(store, sql, caseworker_id, until, out, cap, count);
}

enum cl_status store_workday_alerts(struct store *store, int64_t caseworker_id, date_t since,
				    date_t today, struct workday_person *out, size_t cap,
				    size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store,
		"SELECT p.id, p.oid, " WORKDAY_NAME ", a.start_date, a.kind, a.detail "
		"FROM person p JOIN alert a ON a.person_id = p.id "
		"WHERE p.caseworker_id = ?1 AND a.start_date >= ?2 "
		"AND (a.end_date IS NULL OR a.end_date > ?3) "
		"ORDER BY a.start_date DESC, a.id DESC");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, caseworker_id);
	store_bind_date(stmt, 2, since);
	store_bind_date(stmt, 3, today);
	return workday_rows(store, stmt, out, cap, count);
}

enum cl_status store_workday_counts(struct store *store, int64_t caseworker_id, date_t today,
				    size_t by_risk[RISK_COUNT], size_t by_months[WORKDAY_BUCKETS])
{
	memset(by_risk, 0, RISK_COUNT * sizeof *by_risk);
	memset(by_months, 0, WORKDAY_BUCKETS * sizeof *by_months);
	/* months to release as whole days against fixed cut-offs: 91, 183, 365, 730 days */
	sqlite3_stmt *stmt = store_stmt(store,
		"SELECT p.risk, CASE WHEN p.srd IS NULL THEN 4 "
		"WHEN julianday(p.srd) - julianday(?2) < 91 THEN 0 "
		"WHEN julianday(p.srd) - julianday(?2) < 183 THEN 1 "
		"WHEN julianday(p.srd) - julianday(?2) < 365 THEN 2 "
		"WHEN julianday(p.srd) - julianday(?2) < 730 THEN 3 ELSE 4 END, count(*) "
		"FROM person p WHERE p.caseworker_id = ?1 GROUP BY 1, 2");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, caseworker_id);
	store_bind_date(stmt, 2, today);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int risk = sqlite3_column_int(stmt, 0), bucket = sqlite3_column_int(stmt, 1);
		size_t n = (size_t)sqlite3_column_int64(stmt, 2);
		if (risk >= 0 && risk < RISK_COUNT)
			by_risk[risk] += n;
		if (bucket >= 0 && bucket < WORKDAY_BUCKETS)
			by_months[bucket] += n;
	}
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}
