#ifndef CASELOAD_PERSON_DETAIL_H
#define CASELOAD_PERSON_DETAIL_H
/* The store's side of one person's record: the core row, its sections (aliases, alerts,
 * housing, programs, change history) and their writes. Writes run inside a transaction
 * the caller opened (store_begin). */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/model.h"
#include "caseload/store.h"
#include "caseload/strbuf.h"

/* The person's editable core (CL_ERR_NOTFOUND when absent). */
enum cl_status store_person_get(struct store *store, int64_t id, struct person *out);

/* What the domain derives from a person's dates and alerts for one day. */
struct person_derived {
	date_t next_due;
	enum due_kind next_due_kind;
	unsigned alert_flags;
	date_t refresh_on; /* first day on which these may no longer hold */
};

/* Keys the store keeps beside a person so the list can sort and filter without loading. */
struct person_keys {
	const char *name_key;    /* text_fold("last first middle") */
	const char *search_text; /* text_fold of names, aliases and OID */
};

/* Inserts p (p->id and p->version are ignored) and sets *id. Within a transaction. */
enum cl_status store_person_insert(struct store *store, const struct person *p,
				   const struct person_keys *keys,
				   const struct person_derived *derived, const char *at,
				   int64_t by, int64_t *id);

/* Writes p over the stored row if its version is still p->version, then bumps the version
 * (p->version is updated). CL_ERR_STALE when someone else changed it meanwhile. */
enum cl_status store_person_update(struct store *store, struct person *p,
				   const struct person_keys *keys, const char *at, int64_t by);

enum cl_status store_person_set_derived(struct store *store, int64_t id,
					const struct person_derived *derived);

/* Ids of people whose derived values may be stale on `today` (refresh_on <= today), up to
 * cap. The caller owns *ids (free()). */
enum cl_status store_people_to_refresh(struct store *store, date_t today, size_t cap,
				       int64_t **ids, size_t *count);

/* Calls fn for every person in id order, with the derived values as stored, streaming
 * (one row in memory at a time). fn returns false to stop. */
enum cl_status store_people_each(struct store *store,
				 bool (*fn)(void *ctx, const struct person *p,
					    const struct person_derived *stored),
				 void *ctx);

/* Loads the core and every section of the record (the newest 200 history entries and
 * changes). The caller owns *out and releases it with person_record_clear. */
enum cl_status store_person_record(struct store *store, int64_t id, struct person_record *out);

/* Records that `field` changed from old_value to new_value. */
enum cl_status store_person_change_add(struct store *store, int64_t person_id, const char *field,
				       const char *old_value, const char *new_value, const char *at,
				       int64_t by);

/* Aliases: the folded search text of the person must be rewritten after a change. */
enum cl_status store_alias_add(struct store *store, int64_t person_id, const char *alias);
enum cl_status store_alias_remove(struct store *store, int64_t person_id, const char *alias);
/* The aliases joined with "; " into out (which the caller owns). */
enum cl_status store_alias_joined(struct store *store, int64_t person_id, struct strbuf *out);

/* Adds an alert; separate_from_id is the other person of a keep-separate alert (or 0). */
enum cl_status store_alert_add(struct store *store, int64_t person_id, enum alert_kind kind,
			       const char *detail, int64_t separate_from_id, date_t start,
			       date_t end, const char *at, int64_t by, int64_t *id);
/* Sets the end date of an open alert of that person (CL_ERR_NOTFOUND when there is no such
 * open alert: an ended alert is not ended again). */
enum cl_status store_alert_end(struct store *store, int64_t person_id, int64_t alert_id,
			       date_t end);
/* Kinds, start and end dates of all of a person's alerts, for deriving the list markers.
 * The caller owns *alerts (free()). */
enum cl_status store_alerts_dates(struct store *store, int64_t person_id, struct alert **alerts,
				  size_t *count);

/* Closes the open housing stay on `start` and opens a new one; updates nothing else.
 * CL_ERR_INVALID (nothing written) when `start` is before the open stay began. */
enum cl_status store_housing_move(struct store *store, int64_t person_id, const char *unit,
				  const char *cell, enum custody_level custody, date_t start,
				  const char *reason, const char *at, int64_t by);

/* Programs: *id of the program with that name, created when absent. */
enum cl_status store_program_ensure(struct store *store, const char *name, const char *kind,
				    int64_t *id);
enum cl_status store_enrollment_add(struct store *store, int64_t person_id, int64_t program_id,
				    enum enrollment_status status, date_t start, date_t end);

#endif
