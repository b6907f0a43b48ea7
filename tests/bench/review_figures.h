#ifndef CASELOAD_BENCH_REVIEW_FIGURES_H
#define CASELOAD_BENCH_REVIEW_FIGURES_H
/* The benchmark's QA review figures (review_figures.c), appended to its JSON. */
#include <sqlite3.h>

#include "caseload/app.h"
#include "caseload/strbuf.h"

/* Writes a year of QA review work for 50 staff into the benchmark's database through `app`
 * (whose people must exist; skipped when a previous run wrote it already), then appends
 * ",\n  \"review_queue\": {...}, \"review_queue_supervisor\": {...}, \"review_team\": {...},
 * \"review_team_year\": {...}": each timed through the program and, beside it, the same
 * SQL straight on `bare` (the benchmark's read-only connection to the same file). app->me
 * is restored before it returns. */
void bench_review_figures(struct app *app, sqlite3 *bare, struct strbuf *json);

#endif
