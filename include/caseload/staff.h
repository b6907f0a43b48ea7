#ifndef CASELOAD_STAFF_H
#define CASELOAD_STAFF_H
/* Staff members: who a caseload belongs to and who made each change. */
#include <stddef.h>

#include "caseload/model.h"
#include "caseload/store.h"

/* role: intern, caseworker, lead, admin or auditor. Sets *id. Within a transaction. */
enum cl_status store_staff_add(struct store *store, const char *username, const char *display_name,
			       const char *role, const char *at, int64_t *id);
enum cl_status store_staff_by_username(struct store *store, const char *username,
				       struct staff *out);
enum cl_status store_staff_by_id(struct store *store, int64_t id, struct staff *out);
/* Active staff of a role ("" for every role), by display name. Caller frees *list. */
enum cl_status store_staff_list(struct store *store, const char *role, struct staff **list,
				size_t *count);

#endif
