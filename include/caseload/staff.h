#ifndef CASELOAD_STAFF_H
#define CASELOAD_STAFF_H
/* Staff accounts: who a caseload belongs to, who made each change, and what sign-in needs.
 * Writes run inside a transaction the caller opened. */
#include <stddef.h>

#include "caseload/date.h"
#include "caseload/model.h"
#include "caseload/store.h"

/* role: intern, caseworker, lead, admin or auditor. Sets *id. */
enum cl_status store_staff_add(struct store *store, const char *username, const char *display_name,
			       const char *role, const char *at, int64_t *id);
enum cl_status store_staff_by_username(struct store *store, const char *username,
				       struct staff *out);
enum cl_status store_staff_by_id(struct store *store, int64_t id, struct staff *out);
/* Active staff of a role ("" for every role), by display name. Caller frees *list. */
enum cl_status store_staff_list(struct store *store, const char *role, struct staff **list,
				size_t *count);
/* Every account, active or not, by user name. Caller frees *list. */
enum cl_status store_staff_list_all(struct store *store, struct staff **list, size_t *count);
enum cl_status store_staff_count_role(struct store *store, const char *role, int64_t *count);

enum cl_status store_staff_secrets(struct store *store, int64_t id, struct staff_secrets *out);
enum cl_status store_staff_set_password(struct store *store, int64_t id, const char *hash,
					bool must_change, const char *at);
/* secret NULL removes the enrolment. */
enum cl_status store_staff_set_totp(struct store *store, int64_t id, const char *secret);
enum cl_status store_staff_set_totp_step(struct store *store, int64_t id, int64_t step);
enum cl_status store_staff_set_active(struct store *store, int64_t id, bool active);
/* at NULL unlocks (and forgets the failures). */
enum cl_status store_staff_set_locked(struct store *store, int64_t id, const char *at);
enum cl_status store_staff_set_role(struct store *store, int64_t id, const char *role);
enum cl_status store_staff_set_grants(struct store *store, int64_t id, unsigned grants);
enum cl_status store_staff_set_supervisor(struct store *store, int64_t id, int64_t supervisor_id);
/* The last day of a caseworker's probation (DATE_NONE: not on probation): until then all
 * their work is reviewed and none of it is drawn for QA samples. */
enum cl_status store_staff_set_probation(struct store *store, int64_t id, date_t until);
/* The lead a caseworker's reviewed work goes to (0: none, the shared queue). */
enum cl_status store_staff_set_lead(struct store *store, int64_t id, int64_t lead_id);
enum cl_status store_staff_signed_in(struct store *store, int64_t id, const char *at);

/* Failed sign-ins: recorded, counted since a time, forgotten on success. */
enum cl_status store_staff_failure_add(struct store *store, int64_t id, const char *at);
enum cl_status store_staff_failures_since(struct store *store, int64_t id, const char *since,
					  int64_t *count);
enum cl_status store_staff_failures_clear(struct store *store, int64_t id);

/* Database settings (key/value). CL_ERR_NOTFOUND when the key is absent. */
enum cl_status store_setting_get(struct store *store, const char *key, char *value, size_t size);
enum cl_status store_setting_put(struct store *store, const char *key, const char *value);

#endif
