#ifndef CASELOAD_PEOPLE_H
#define CASELOAD_PEOPLE_H
/* The store's queries over people: the caseload list (a keyset-paged window, never a
 * whole table), single records and their writes. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/model.h"
#include "caseload/store.h"

/* stored column, header, default descending */
#define CASELOAD_SORT_LIST(X)                                                                      \
	X(SORT_NAME, "name", false)                                                                \
	X(SORT_OID, "OID", false)                                                                  \
	X(SORT_HOUSING, "housing", false)                                                          \
	X(SORT_CUSTODY, "custody", true)                                                           \
	X(SORT_RISK, "risk", true)                                                                 \
	X(SORT_SRD, "release date", false)                                                         \
	X(SORT_DUE, "next due", false)                                                             \
	X(SORT_ALERTS, "alerts", true)

enum caseload_sort {
#define CASELOAD_SORT_ENUM(id, ...) id,
	CASELOAD_SORT_LIST(CASELOAD_SORT_ENUM)
#undef CASELOAD_SORT_ENUM
	SORT_COUNT
};

const char *store_sort_label(enum caseload_sort sort);
bool store_sort_default_descending(enum caseload_sort sort);

struct caseload_query {
	int64_t caseworker_id; /* 0: the whole facility */
	const char *filter;    /* folded text (text_fold) to find in names, aliases, OID; "" none */
	enum caseload_sort sort;
	bool descending;
};

/* Up to `limit` rows that follow `anchor` in the query's order (precede it, with backward).
 * anchor NULL starts at the first row (the last, with backward). Rows come out in display
 * order either way. The caller owns `rows` (room for limit entries). */
enum cl_status store_caseload_page(struct store *store, const struct caseload_query *query,
				   const struct caseload_row *anchor, bool backward,
				   struct caseload_row *rows, size_t limit, size_t *count);

/* How many rows the query matches, counting no further than cap (*count <= cap). */
enum cl_status store_caseload_count(struct store *store, const struct caseload_query *query,
				    size_t cap, size_t *count);

/* How many rows come before `row` in the query's order: its 0-based position. */
enum cl_status store_caseload_position(struct store *store, const struct caseload_query *query,
				       const struct caseload_row *row, size_t *position);

/* One row of the list by person id (CL_ERR_NOTFOUND when there is none). */
enum cl_status store_caseload_row(struct store *store, int64_t person_id,
				  struct caseload_row *row);

enum cl_status store_person_id_by_oid(struct store *store, const char *oid, int64_t *id);
enum cl_status store_people_count(struct store *store, size_t *count);

#endif
