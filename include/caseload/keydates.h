#ifndef CASELOAD_KEYDATES_H
#define CASELOAD_KEYDATES_H
/* The date rules of a sentence: which dates follow from which, what is due next. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/model.h"
#include "caseload/person_detail.h"

#define KEYDATES_ECRC_DAYS 90      /* ECRC meets at least 90 days before release */
#define KEYDATES_PLANNING_DAYS 365 /* release planning starts a year before the SRD */
#define KEYDATES_NO_DAYS (-2147483647 - 1)

struct keydates {
	date_t ecrc_due;       /* SRD - 90 days; DATE_NONE without an SRD */
	date_t planning_start; /* SRD - 365 days; DATE_NONE without an SRD */
	date_t release;        /* SRD, else expiration, else DATE_NONE (life) */
	enum due_kind release_kind;
	int days_to_release; /* release - today; KEYDATES_NO_DAYS without a release date */
	int age;             /* on today */
	int time_served_days;
};

void keydates_compute(const struct person *p, date_t today, struct keydates *out);

/* The list columns derived for `today`: the next due item among the person's dates, the
 * markers of the alerts active today, and the first day on which either may change. */
void keydates_derive(const struct person *p, const struct alert *alerts, size_t alert_count,
		     date_t today, struct person_derived *out);

/* Days from today to d (negative when past). */
int keydates_days_until(date_t d, date_t today);

#endif
