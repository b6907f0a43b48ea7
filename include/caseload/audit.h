#ifndef CASELOAD_AUDIT_H
#define CASELOAD_AUDIT_H
/* The audit trail: one append-only row per access to a person's record. Written in the
 * same transaction as the change it records, so a change without its audit row cannot
 * exist. Never holds free text about a person: event names and object ids only. */
#include <stdint.h>

#include "caseload/store.h"

struct audit_event {
	const char *at;      /* clock_timestamp() */
	int64_t staff_id;    /* 0 when nobody is known */
	const char *event;   /* "person.view", "person.update", ... */
	const char *outcome; /* "ok", "denied" or "failed" */
	int64_t person_id;   /* 0 when no person is concerned */
	const char *object;  /* ids only, for example "field=srd" */
	const char *terminal;
};

enum cl_status store_audit_append(struct store *store, const struct audit_event *event);

/* Number of audit rows about a person (for tests and the record's access count). */
enum cl_status store_audit_count(struct store *store, int64_t person_id, const char *event,
				 int64_t *count);

#endif
