#ifndef CASELOAD_AUDIT_H
#define CASELOAD_AUDIT_H
/* The audit trail: one append-only row per access to a person's record. Written in the
 * same transaction as the change it records, so a change without its audit row cannot
 * exist. Never holds free text about a person: event names and object ids only.
 *
 * Tamper-evident: every row carries a SHA-256 over the previous row's hash and its own
 * content, and ids are consecutive, so a row changed, inserted or deleted in the file
 * breaks the chain at that row and store_audit_verify names it. What the chain cannot
 * show from inside the file is rows cut off the newest end: store_audit_head gives the
 * newest id and hash to record somewhere else (syslog) to compare with later. */
#include <stddef.h>
#include <stdint.h>

#include "caseload/store.h"

#define AUDIT_HASH_SIZE 65 /* hex SHA-256 and its NUL */

struct audit_event {
	const char *at;      /* clock_timestamp() */
	int64_t staff_id;    /* 0 when nobody is known */
	const char *event;   /* "person.view", "person.update", ... */
	const char *outcome; /* "ok", "denied" or "failed" */
	int64_t person_id;   /* 0 when no person is concerned */
	const char *object;  /* ids only, for example "field=srd" */
	const char *terminal;
};

/* Appends one row chained to the newest. Inside the caller's transaction (which must be
 * the transaction of the change recorded, so that a failed append fails the change) it
 * writes there; with none open it runs its own BEGIN IMMEDIATE, so appends from other
 * connections and processes never share a place in the chain. Any failure returns an
 * error with nothing written (fail closed). */
enum cl_status store_audit_append(struct store *store, const struct audit_event *event);

/* Number of audit rows about a person (for tests and the record's access count). */
enum cl_status store_audit_count(struct store *store, int64_t person_id, const char *event,
				 int64_t *count);

/* Recomputes the whole chain in id order, a row at a time. Returns CL_OK when the check
 * could run; the verdict is in *first_broken: 0 when intact, else the first id at which
 * the chain breaks (a changed or inserted row, a row after one that was changed and
 * re-hashed, or the first id of a run of deleted rows). *checked counts the chained rows
 * that matched. detail (detail_size bytes) gets one line for a person: what is wrong
 * where, or that it is intact, how many rows were checked from which row, and how many
 * rows written before the chain existed (before schema 3) were passed over. */
enum cl_status store_audit_verify(struct store *store, int64_t *checked, int64_t *first_broken,
				  char *detail, size_t detail_size);

/* The newest row's id and hash (after purging every row: the last purged one's), so that
 * the head can be recorded outside the database. 0 and "" when nothing was ever written. */
enum cl_status store_audit_head(struct store *store, int64_t *id, char hash[AUDIT_HASH_SIZE]);

/* What the audit search shows. Unset members (0, NULL or "") do not filter. */
struct audit_filter {
	int64_t person_id;
	int64_t staff_id;
	const char *event; /* exact, or a prefix ending in '*' ("person.*") */
	/* UTC, cut at any field: "2024-06-15", "2024-06-15T08:15", "2024-06-15T08:15:02.41Z".
	 * since includes everything from the start of what it names, until everything to its
	 * end: since = until = "2024-06-15" is that whole day. */
	const char *since;
	const char *until;
	size_t limit;      /* at most this many rows (0: as many as fit) */
	int64_t before_id; /* keyset paging, newest first: 0 for the newest, else the last id of
			    * the page before */
};

struct audit_row {
	int64_t id;
	char at[32];
	int64_t staff_id;        /* 0: nobody */
	char staff_username[65]; /* "" when unknown; user names are up to 64 bytes */
	char event[48];
	char outcome[12];
	int64_t person_id; /* 0: no person */
	char person_oid[16];
	char object[128];
	char terminal[160];
};

/* Rows matching filter (NULL: all), newest first, into rows (cap of them); *count says how
 * many. Text longer than its member is cut at a character boundary. CL_ERR_INVALID (and
 * the store's last error says which) for a malformed time. */
enum cl_status store_audit_query(struct store *store, const struct audit_filter *filter,
				 struct audit_row *rows, size_t cap, size_t *count);

/* Retention: deletes the oldest rows, up to the first row written at or after before_at,
 * keeping the chain verifiable from there. Refused with CL_ERR_DENIED when before_at is
 * later than oldest_allowed_at (the earliest time the retention rules let go of), and with
 * CL_ERR_CORRUPT when the rows to go do not verify (purging would destroy the evidence).
 * Times as in audit_filter's since. Runs in the caller's transaction if one is open (the
 * caller audits the purge there), else in its own. *purged: rows deleted. */
enum cl_status store_audit_purge(struct store *store, const char *before_at,
				 const char *oldest_allowed_at, int64_t *purged);

#endif
