#include "caseload/check.h"

#include <stdio.h>
#include <stdlib.h>

#include "caseload/keydates.h"
#include "caseload/permit.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"

struct check_run {
	struct app *app;
	date_t today;
	void (*report)(void *ctx, const char *problem);
	void *ctx;
	int *problems;
	enum cl_status status;
};

static void check_report(struct check_run *run, const struct person *p, const char *what)
{
	char line[300];
	snprintf(line, sizeof line, "person %lld (OID %s): %s", (long long)p->id, p->oid, what);
	(*run->problems)++;
	run->report(run->ctx, line);
}

/* The stored list columns must equal what the rules derive, unless they are merely due
 * for the daily refresh (refresh_on has passed), which the next start of the TUI does. */
static bool check_person(void *ctx, const struct person *p, const struct person_derived *stored)
{
	struct check_run *run = ctx;
	char msg[APP_MESSAGE_SIZE];
	if (app_person_validate(p, run->today, NULL, msg, sizeof msg) != CL_OK)
		check_report(run, p, msg);
	if (stored->refresh_on != DATE_NONE && stored->refresh_on <= run->today)
		return true;
	struct alert *alerts = NULL;
	size_t count = 0;
	run->status = store_alerts_dates(run->app->store, p->id, &alerts, &count);
	if (run->status != CL_OK)
		return false;
	struct person_derived d;
	keydates_derive(p, alerts, count, run->today, &d);
	free(alerts);
	if (d.next_due != stored->next_due || d.next_due_kind != stored->next_due_kind)
		check_report(run, p, "next due item out of date");
	if (d.alert_flags != stored->alert_flags)
		check_report(run, p, "alert markers out of date");
	return true;
}

enum cl_status app_check(struct app *app, void (*report)(void *ctx, const char *problem),
			 void *ctx, int *problems, char *msg, size_t msgsz)
{
	*problems = 0;
	if (app_permit(app, PERM_MAINTAIN, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	enum cl_status st = store_check_integrity(app->store, report, ctx, problems);
	if (st == CL_OK && *problems == 0) {
		/* a damaged file is not worth reading row by row */
		struct check_run run = {app, app_today(app), report, ctx, problems, CL_OK};
		st = store_people_each(app->store, check_person, &run);
		if (st == CL_OK)
			st = run.status;
	}
	char object[32];
	snprintf(object, sizeof object, "problems=%d", *problems);
	app_audit(app, "database.check", st == CL_OK ? "ok" : "failed", 0, object);
	if (st != CL_OK)
		snprintf(msg, msgsz, "check failed: %s (%s)", cl_status_text(st),
			 store_last_error(app->store));
	return st;
}
