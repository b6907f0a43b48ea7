#ifndef CASELOAD_CLOCK_H
#define CASELOAD_CLOCK_H
/* The one source of "now". Injectable so date rules, due items and (later) lockouts are
 * testable; end-to-end tests pin it with CASELOAD_NOW. */
#include <time.h>

#include "caseload/date.h"

struct clock {
	bool is_fixed; /* false: the system clock */
	time_t fixed;  /* the instant every call returns when is_fixed */
};

/* The system clock, unless CASELOAD_NOW holds "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ"
 * (then fixed at that instant). Returns false when CASELOAD_NOW is set but malformed. */
bool clock_init_from_env(struct clock *clock);
void clock_init_fixed(struct clock *clock, time_t at);

time_t clock_now(const struct clock *clock);
/* Today's date in the local time zone (a caseworker's "today"). */
date_t clock_today(const struct clock *clock);
/* An instant as the database writes it: "YYYY-MM-DDTHH:MM:SS.00Z". */
void clock_format(time_t t, char buf[32]);
/* Parses what clock_format and clock_timestamp write (hundredths ignored); false if not. */
bool clock_parse(const char *text, time_t *out);
/* UTC timestamp "YYYY-MM-DDTHH:MM:SS.ssZ" (hundredths, as the audit rules ask). */
void clock_timestamp(const struct clock *clock, char buf[32]);

#endif
