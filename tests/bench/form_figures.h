#ifndef CASELOAD_BENCH_FORM_FIGURES_H
#define CASELOAD_BENCH_FORM_FIGURES_H
/* The benchmark's form figures (form_figures.c), appended to its JSON. */
#include "caseload/strbuf.h"

/* Appends ",\n  \"forms_load\": {...}, \"form_recompute\": {...}": loading and checking every
 * form of forms_dir, and recomputing a 300-field response after one change. */
void bench_form_figures(const char *forms_dir, struct strbuf *json);

#endif
