#ifndef CASELOAD_TRAIL_H
#define CASELOAD_TRAIL_H
/* The audit trail as use cases: reading, verifying and purging it are themselves checked
 * against the permission table and audited. */
#include <stddef.h>

#include "caseload/app.h"
#include "caseload/audit.h"

/* Newest first; see store_audit_query. Requires audit.read. */
enum cl_status app_trail_query(struct app *app, const struct audit_filter *filter,
			       struct audit_row *rows, size_t cap, size_t *count, char *msg,
			       size_t msgsz);

/* Recomputes the hash chain; *first_broken is 0 when intact (detail says what broke).
 * Requires audit.read or database.maintain. */
enum cl_status app_trail_verify(struct app *app, int64_t *checked, int64_t *first_broken,
				char *detail, size_t detail_size, char *msg, size_t msgsz);

/* Deletes rows from before `before` (YYYY-MM-DD), refused when that would remove rows
 * younger than the configured retention. Requires database.maintain and a recent password. */
enum cl_status app_trail_purge(struct app *app, const char *before, int64_t *purged, char *msg,
			       size_t msgsz);

#endif
