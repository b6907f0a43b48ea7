#ifndef CASELOAD_WORKDAY_H
#define CASELOAD_WORKDAY_H
/* What a caseworker's day needs from the store: the people of their caseload releasing
 * soon, those with a key date due, new alerts, and the caseload counted by risk level and
 * by months to release. Every query reads one caseload through its index, never the
 * facility's table. */
#include <stddef.h>
#include <stdint.h>

#include "caseload/date.h"
#include "caseload/model.h"
#include "caseload/store.h"

struct workday_person {
	int64_t id;
	char oid[MODEL_OID_SIZE];
	char name[MODEL_NAME_SIZE * 2]; /* "Last, First" */
	date_t date;        /* the SRD, the due date, or the alert's start */
	int kind;           /* enum due_kind for due items, enum alert_kind for alerts */
	char detail[256];   /* the alert's detail */
};

/* People of the caseload whose SRD falls in [from, to], soonest first; at most cap. detail
 * says how ready their release plan is ("release plan 4/13 ready", "no release plan"). */
enum cl_status store_workday_releases(struct store *store, int64_t caseworker_id, date_t from,
				      date_t to, struct workday_person *out, size_t cap,
				      size_t *count);
/* People of the caseload with their next key date on or before `until` (overdue ones
 * included), earliest first; at most cap. */
enum cl_status store_workday_due(struct store *store, int64_t caseworker_id, date_t until,
				 struct workday_person *out, size_t cap, size_t *count);
/* Open tasks of the caseload's open release plans due on or before `until` (overdue ones
 * included), earliest first; detail is the task's label. */
enum cl_status store_workday_plan_tasks(struct store *store, int64_t caseworker_id,
					date_t until, struct workday_person *out, size_t cap,
					size_t *count);
/* Case plans of the caseload whose next review (the latest review's, else the plan's own)
 * falls on or before `until`, earliest first; detail is "case plan vN". */
enum cl_status store_workday_plan_reviews(struct store *store, int64_t caseworker_id,
					  date_t until, struct workday_person *out, size_t cap,
					  size_t *count);

/* Alerts in force that started on or after `since` on people of the caseload, newest
 * first; at most cap. */
enum cl_status store_workday_alerts(struct store *store, int64_t caseworker_id, date_t since,
				    date_t today, struct workday_person *out, size_t cap,
				    size_t *count);

/* The caseload counted by risk level (by_risk[RISK_COUNT]) and by time to release from
 * `today` (by_months: 0-3 months, 3-6, 6-12, 12-24, more or no SRD: WORKDAY_BUCKETS). */
#define WORKDAY_BUCKETS 5
enum cl_status store_workday_counts(struct store *store, int64_t caseworker_id, date_t today,
				    size_t by_risk[RISK_COUNT], size_t by_months[WORKDAY_BUCKETS]);

#endif
