/* The caseworker's day. */
#include "caseload/home.h"

#include <stdlib.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/formwork.h"
#include "caseload/permit.h"
#include "caseload/review.h"

const char *app_home_bucket_label(size_t bucket)
{
	static const char *const labels[WORKDAY_BUCKETS] = {"0-3 months", "3-6 months",
							    "6-12 months", "1-2 years",
							    "2+ years / none"};
	return bucket < WORKDAY_BUCKETS ? labels[bucket] : "?";
}

void app_home_clear(struct home *home)
{
	for (size_t i = 0; i < home->cosign_count; i++)
		note_clear(&home->cosign[i]);
	free(home->cosign);
	memset(home, 0, sizeof *home);
}

static void home_count_releases(struct home *h)
{
	for (size_t i = 0; i < h->release_count; i++) {
		date_t days = h->releases[i].date - h->today;
		h->releases_30 += days <= 30;
		h->releases_60 += days <= 60;
		h->releases_90 += days <= 90;
	}
	for (size_t i = 0; i < h->due_count; i++)
		h->overdue += h->due[i].date < h->today;
	for (size_t i = 0; i < h->task_count; i++)
		h->overdue += h->tasks[i].date < h->today;
	for (size_t i = 0; i < h->plan_review_count; i++)
		h->overdue += h->plan_reviews[i].date < h->today;
}

/* The user's plans returned by review (returned forms are among the drafts). */
static enum cl_status home_returned_plans(struct app *app, struct home *h)
{
	size_t n = 0;
	enum cl_status st = app_review_returned(app, h->returned, HOME_ROWS, &n);
	for (size_t i = 0; st == CL_OK && i < n; i++)
		if (h->returned[i].kind == REVIEW_CASE_PLAN ||
		    h->returned[i].kind == REVIEW_RELEASE_PLAN)
			h->returned[h->returned_count++] = h->returned[i];
	return st;
}

enum cl_status app_home_load(struct app *app, struct home *h)
{
	memset(h, 0, sizeof *h);
	h->today = app_today(app);
	if (!app->me.id || !app_can(app, PERM_PERSON_READ, 0))
		return CL_ERR_DENIED;
	int64_t me = app->me.id;
	enum cl_status st = store_workday_releases(app->store, me, h->today, h->today + 90,
						   h->releases, HOME_ROWS, &h->release_count);
	if (st == CL_OK)
		st = store_workday_due(app->store, me, h->today + 7, h->due, HOME_ROWS, &h->due_count);
	if (st == CL_OK)
		st = store_workday_plan_tasks(app->store, me, h->today + 7, h->tasks, HOME_ROWS,
					      &h->task_count);
	if (st == CL_OK)
		st = store_workday_plan_reviews(app->store, me, h->today + 7, h->plan_reviews,
						HOME_ROWS, &h->plan_review_count);
	if (st == CL_OK)
		st = store_workday_alerts(app->store, me, h->today - HOME_NEW_ALERT_DAYS, h->today,
					  h->alerts, HOME_ROWS, &h->alert_count);
	if (st == CL_OK)
		st = store_workday_counts(app->store, me, h->today, h->by_risk, h->by_months);
	if (st == CL_OK)
		st = app_form_drafts(app, h->drafts, HOME_ROWS, &h->draft_count);
	if (st == CL_OK)
		st = home_returned_plans(app, h);
	/* reviewing and co-signing belong to some roles only: nothing to show for the rest */
	if (st == CL_OK && app_review_queue(app, 0, -1, h->reviews, HOME_ROWS, &h->review_count) !=
				   CL_OK)
		h->review_count = 0;
	if (st == CL_OK && app_notes_pending(app, &h->cosign, &h->cosign_count) != CL_OK) {
		h->cosign = NULL;
		h->cosign_count = 0;
	}
	if (st == CL_OK)
		home_count_releases(h);
	else
		app_home_clear(h);
	return st;
}
