#ifndef CASELOAD_HOME_H
#define CASELOAD_HOME_H
/* The caseworker's day, on the screen they see first: releases coming (30/60/90 days), key
 * dates overdue or due this week, the forms and notes waiting for them (drafts, returned by
 * review, to review or co-sign), new alerts on their caseload, and the caseload counted by
 * risk level and by months to release. Everything about their own caseload; one read. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/app.h"
#include "caseload/formstore.h"
#include "caseload/notes.h"
#include "caseload/reviewstore.h"
#include "caseload/workday.h"

#define HOME_ROWS 40 /* of each kind: the screen shows what fits, counts say the rest */
#define HOME_NEW_ALERT_DAYS 7

struct home {
	date_t today;
	struct workday_person releases[HOME_ROWS]; /* SRD within 90 days */
	size_t release_count;
	size_t releases_30, releases_60, releases_90;
	struct workday_person due[HOME_ROWS];      /* key date on or before a week from today */
	size_t due_count;
	struct workday_person tasks[HOME_ROWS];    /* release-plan tasks due within the week */
	size_t task_count;
	struct workday_person plan_reviews[HOME_ROWS]; /* case-plan reviews due within the week */
	size_t plan_review_count;
	size_t overdue;                            /* of all three, before today */
	struct form_response drafts[HOME_ROWS];    /* the user's drafts and returned forms */
	size_t draft_count;
	struct review returned[HOME_ROWS];         /* the user's plans returned by review */
	size_t returned_count;
	struct review reviews[HOME_ROWS];          /* waiting for the user's review */
	size_t review_count;
	struct note *cosign;                       /* notes to co-sign (owned: app_home_clear) */
	size_t cosign_count;
	struct workday_person alerts[HOME_ROWS];   /* started in the last week */
	size_t alert_count;
	size_t by_risk[RISK_COUNT];
	size_t by_months[WORKDAY_BUCKETS];
};

/* Loads the signed-in user's day into *home (clear it with app_home_clear). */
enum cl_status app_home_load(struct app *app, struct home *home);
void app_home_clear(struct home *home);

/* "0-3 months", "3-6 months", ... for the release buckets. */
const char *app_home_bucket_label(size_t bucket);

#endif
