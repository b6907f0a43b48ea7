#include "caseload/keydates.h"

int keydates_days_until(date_t d, date_t today)
{
	return d - today;
}

void keydates_compute(const struct person *p, date_t today, struct keydates *out)
{
	out->ecrc_due = p->srd == DATE_NONE ? DATE_NONE : p->srd - KEYDATES_ECRC_DAYS;
	out->planning_start = p->srd == DATE_NONE ? DATE_NONE : p->srd - KEYDATES_PLANNING_DAYS;
	if (p->srd != DATE_NONE) {
		out->release = p->srd;
		out->release_kind = DUE_RELEASE;
	} else if (p->expiration != DATE_NONE) {
		out->release = p->expiration;
		out->release_kind = DUE_EXPIRATION;
	} else {
		out->release = DATE_NONE;
		out->release_kind = DUE_NONE;
	}
	out->days_to_release =
		out->release == DATE_NONE ? KEYDATES_NO_DAYS : keydates_days_until(out->release, today);
	out->age = p->dob == DATE_NONE ? 0 : date_age_years(p->dob, today);
	out->time_served_days = p->admission == DATE_NONE || p->admission > today
					? 0
					: today - p->admission + p->jail_credit_days;
}

static void keydates_consider(date_t d, enum due_kind kind, date_t today,
			      struct person_derived *out)
{
	if (d == DATE_NONE || d < today)
		return;
	if (out->next_due == DATE_NONE || d < out->next_due) {
		out->next_due = d;
		out->next_due_kind = kind;
	}
}

static date_t keydates_earlier(date_t a, date_t b)
{
	if (a == DATE_NONE)
		return b;
	if (b == DATE_NONE)
		return a;
	return a < b ? a : b;
}

void keydates_derive(const struct person *p, const struct alert *alerts, size_t alert_count,
		     date_t today, struct person_derived *out)
{
	struct keydates k;
	keydates_compute(p, today, &k);
	out->next_due = DATE_NONE;
	out->next_due_kind = DUE_NONE;
	out->alert_flags = 0;
	keydates_consider(p->next_review, DUE_REVIEW, today, out);
	keydates_consider(k.planning_start, DUE_PLANNING, today, out);
	if (p->ecrc_required)
		keydates_consider(k.ecrc_due, DUE_ECRC, today, out);
	keydates_consider(p->srd, DUE_RELEASE, today, out);
	if (p->srd == DATE_NONE)
		keydates_consider(p->expiration, DUE_EXPIRATION, today, out);
	/* the next due item changes the day after it falls due */
	date_t refresh = out->next_due == DATE_NONE ? DATE_NONE : out->next_due + 1;
	for (size_t i = 0; i < alert_count; i++) {
		const struct alert *a = &alerts[i];
		if ((unsigned)a->kind >= ALERT_COUNT)
			continue;
		if (a->start > today) {
			refresh = keydates_earlier(refresh, a->start);
		} else if (a->end == DATE_NONE || a->end > today) {
			/* an alert ended on a day no longer applies on that day */
			out->alert_flags |= 1u << a->kind;
			if (a->end != DATE_NONE)
				refresh = keydates_earlier(refresh, a->end);
		}
	}
	out->refresh_on = refresh;
}
