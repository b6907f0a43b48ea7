#ifndef CASELOAD_CASELOAD_H
#define CASELOAD_CASELOAD_H
/* The caseload list as a use case: which people a screen shows, in which order, under
 * which filter. A window over the database, never the whole table. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/app.h"
#include "caseload/people.h"
#include "caseload/strbuf.h"

#define CASELOAD_FILTER_MAX 120 /* bytes of filter text kept */
#define CASELOAD_COUNT_CAP 1000000
/* Filters of one or two characters match by scanning: their count stops here, so a
 * keystroke stays quick however large the facility. */
#define CASELOAD_SHORT_FILTER_COUNT_CAP 500

struct caseload_view {
	bool whole_facility; /* false: the current staff member's caseload */
	char filter[CASELOAD_FILTER_MAX + 1]; /* as typed */
	enum caseload_sort sort;
	bool descending;
};

/* The default view: my caseload by name (the facility when I have no caseload). */
void app_caseload_view_init(const struct app *app, struct caseload_view *view);

/* Sorts by `sort`; choosing the current column again reverses the order. */
void app_caseload_view_sort(struct caseload_view *view, enum caseload_sort sort);

/* See store_caseload_page / _position: same contracts, for the view. */
enum cl_status app_caseload_page(struct app *app, const struct caseload_view *view,
				 const struct caseload_row *anchor, bool backward,
				 struct caseload_row *rows, size_t limit, size_t *count);
/* How many people the view shows; *capped says the count stopped early (there are at
 * least that many). */
enum cl_status app_caseload_count(struct app *app, const struct caseload_view *view,
				  size_t *count, bool *capped);
enum cl_status app_caseload_position(struct app *app, const struct caseload_view *view,
				     const struct caseload_row *row, size_t *position);

/* The list row of one person, as the list would show it now. */
enum cl_status app_caseload_row(struct app *app, int64_t person_id, struct caseload_row *row);

/* Finds a person by OID (exact, case-insensitive for letters). */
enum cl_status app_caseload_find_oid(struct app *app, const char *oid, int64_t *person_id);

#endif
