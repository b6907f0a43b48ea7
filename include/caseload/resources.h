#ifndef CASELOAD_RESOURCES_H
#define CASELOAD_RESOURCES_H
/* The store's community resources directory and the referrals made to it. The store keeps
 * the search index (resource_search) in step with every write and computes the keys that
 * find an agency again (folded name, the phone's digits). All out-parameters are owned by
 * the caller (fixed-size structs, arrays of cap items). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/store.h"

/* id, stored code, label */
#define RESOURCE_KIND_LIST(X)                                                                      \
	X(RES_HOUSING, "housing", "Housing")                                                       \
	X(RES_TREATMENT, "treatment", "Treatment")                                                 \
	X(RES_MENTAL_HEALTH, "mental_health", "Mental health")                                     \
	X(RES_EMPLOYMENT, "employment", "Employment")                                              \
	X(RES_EDUCATION, "education", "Education")                                                 \
	X(RES_BENEFITS, "benefits", "Benefits")                                                    \
	X(RES_ID_DOCUMENTS, "id_documents", "ID documents")                                        \
	X(RES_TRANSPORT, "transport", "Transport")                                                 \
	X(RES_FOOD_CLOTHING, "food_clothing", "Food and clothing")                                 \
	X(RES_FAMILY, "family", "Family")                                                          \
	X(RES_LEGAL, "legal", "Legal")                                                             \
	X(RES_OTHER, "other", "Other")

enum resource_kind {
#define RESOURCE_KIND_ENUM(id, code, label) id,
	RESOURCE_KIND_LIST(RESOURCE_KIND_ENUM)
#undef RESOURCE_KIND_ENUM
	RES_KIND_COUNT
};

/* The stored code ("mental_health") and the label ("Mental health"); "?" out of range. */
const char *resource_kind_code(enum resource_kind kind);
const char *resource_kind_label(enum resource_kind kind);
/* The kind of a stored code or label, case-insensitive; -1 when none. */
int resource_kind_parse(const char *text);

#define RESOURCE_NAME_MAX 160
#define RESOURCE_PHONE_MAX 40
#define RESOURCE_EMAIL_MAX 120
#define RESOURCE_ADDRESS_MAX 240
#define RESOURCE_AREA_MAX 160
#define RESOURCE_ELIGIBILITY_MAX 1000
#define RESOURCE_CAPACITY_MAX 500

struct resource {
	int64_t id;
	char name[RESOURCE_NAME_MAX + 1];
	char name_key[RESOURCE_NAME_MAX * 3 + 1]; /* set by the store */
	enum resource_kind kind;
	char phone[RESOURCE_PHONE_MAX + 1];
	char email[RESOURCE_EMAIL_MAX + 1];
	char address[RESOURCE_ADDRESS_MAX + 1];
	char service_area[RESOURCE_AREA_MAX + 1];
	char eligibility[RESOURCE_ELIGIBILITY_MAX + 1];
	char capacity[RESOURCE_CAPACITY_MAX + 1];
	bool active;
	int64_t version;
	char created_at[32], updated_at[32];
	int64_t created_by, updated_by;
};

/* Inserts r (id and version are set). CL_ERR_EXISTS when the name and phone are taken. */
enum cl_status store_resource_add(struct store *store, struct resource *r, const char *at,
				  int64_t by);
/* Saves r over the stored row when its version is still r->version (then bumped);
 * CL_ERR_STALE when someone changed it since, CL_ERR_NOTFOUND when there is none. */
enum cl_status store_resource_update(struct store *store, struct resource *r, const char *at,
				     int64_t by);
enum cl_status store_resource_get(struct store *store, int64_t id, struct resource *out);
/* The resource with this name and phone (compared folded, digits only), if any. */
enum cl_status store_resource_find(struct store *store, const char *name, const char *phone,
				   int64_t *id);

struct resource_query {
	const char *filter; /* folded text (text_fold) to find anywhere in the entry; "" none */
	int kind;           /* enum resource_kind, or -1 for every kind */
	bool active_only;
};
/* Up to cap resources matching the query in name order, after `after` (NULL: from the
 * first), a keyset page. */
enum cl_status store_resource_search(struct store *store, const struct resource_query *q,
				     const struct resource *after, struct resource *out,
				     size_t cap, size_t *count);

/* ---- referrals ---- */

#define REFERRAL_STATUS_LIST(X)                                                                    \
	X(REFERRAL_SENT, "sent")                                                                   \
	X(REFERRAL_ACCEPTED, "accepted")                                                           \
	X(REFERRAL_DECLINED, "declined")                                                           \
	X(REFERRAL_COMPLETED, "completed")                                                         \
	X(REFERRAL_WITHDRAWN, "withdrawn")

enum referral_status {
#define REFERRAL_STATUS_ENUM(id, code) id,
	REFERRAL_STATUS_LIST(REFERRAL_STATUS_ENUM)
#undef REFERRAL_STATUS_ENUM
	REFERRAL_STATUS_COUNT
};

#define REFERRAL_ORIGIN_LIST(X)                                                                    \
	X(REFERRAL_FROM_RELEASE_PLAN, "release_plan", "release plan")                              \
	X(REFERRAL_FROM_CASE_PLAN, "case_plan", "case plan")                                       \
	X(REFERRAL_FROM_RECORD, "record", "record")

enum referral_origin {
#define REFERRAL_ORIGIN_ENUM(id, code, label) id,
	REFERRAL_ORIGIN_LIST(REFERRAL_ORIGIN_ENUM)
#undef REFERRAL_ORIGIN_ENUM
	REFERRAL_ORIGIN_COUNT
};

const char *referral_status_code(enum referral_status status); /* "?" out of range */
int referral_status_parse(const char *text);                   /* -1 when none */
const char *referral_origin_label(enum referral_origin origin);

#define REFERRAL_NOTE_MAX 800
#define REFERRAL_ORIGIN_REF_MAX 120

struct referral {
	int64_t id;
	int64_t person_id;
	int64_t resource_id;
	char resource_name[RESOURCE_NAME_MAX + 1];
	enum resource_kind resource_kind;
	enum referral_origin origin;
	char origin_ref[REFERRAL_ORIGIN_REF_MAX + 1];
	enum referral_status status;
	char created_at[32], updated_at[32];
	int64_t created_by;
	char created_by_name[128];
};

struct referral_event {
	int64_t id;
	enum referral_status status;
	int64_t by_id;
	char by_name[128];
	char at[32];
	char note[REFERRAL_NOTE_MAX + 1];
};

/* Inserts a referral in status 'sent' with its first event (note); sets r->id. */
enum cl_status store_referral_add(struct store *store, struct referral *r, const char *note,
				  const char *at, int64_t by);
/* Moves a referral from `from` to `to` with an event; CL_ERR_STALE when it is no longer in
 * `from` (moved in another terminal). The schema refuses backward moves. */
enum cl_status store_referral_move(struct store *store, int64_t id, enum referral_status from,
				   enum referral_status to, const char *note, const char *at,
				   int64_t by);
enum cl_status store_referral_get(struct store *store, int64_t id, struct referral *out);
/* A person's referrals, newest first, at most cap. */
enum cl_status store_referrals_of_person(struct store *store, int64_t person_id,
					 struct referral *out, size_t cap, size_t *count);
/* A person's referrals from one origin and reference (a release-plan section), newest
 * first, at most cap. */
enum cl_status store_referrals_of_origin(struct store *store, int64_t person_id,
					 enum referral_origin origin, const char *origin_ref,
					 struct referral *out, size_t cap, size_t *count);
/* A referral's history, oldest first, at most cap. */
enum cl_status store_referral_events(struct store *store, int64_t id,
				     struct referral_event *out, size_t cap, size_t *count);

#endif
