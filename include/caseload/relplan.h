#ifndef CASELOAD_RELPLAN_H
#define CASELOAD_RELPLAN_H
/* The store of release plans: one open plan per person, its sections, tasks and contacts,
 * and an append-only history of changes (schema 9). Writes belong inside the caller's
 * transaction (store_begin); every write bumps the plan's version only through
 * store_relplan_bump, which refuses a stale one. Results are plain structs the caller owns. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/date.h"
#include "caseload/relplan_def.h"
#include "caseload/store.h"

#define RELPLAN_STATUS_LIST(X)                                                                     \
	X(RELPLAN_NOT_STARTED, "not_started", "not started")                                       \
	X(RELPLAN_IN_PROGRESS, "in_progress", "in progress")                                       \
	X(RELPLAN_VERIFIED, "verified", "verified")                                                \
	X(RELPLAN_NOT_APPLICABLE, "not_applicable", "not applicable")

enum relplan_status {
#define RELPLAN_STATUS_ENUM(id, code, label) id,
	RELPLAN_STATUS_LIST(RELPLAN_STATUS_ENUM)
#undef RELPLAN_STATUS_ENUM
	RELPLAN_STATUS_COUNT
};

const char *relplan_status_code(enum relplan_status s);  /* "not_started"; "?" out of range */
const char *relplan_status_label(enum relplan_status s); /* "not started" */
/* Accepts the code or the label; false when neither. */
bool relplan_status_parse(const char *text, enum relplan_status *out);

#define RELPLAN_TEXT_SIZE 501 /* reasons and notes: 500 bytes */

struct relplan {
	int64_t id;
	int64_t person_id;
	int64_t version;
	date_t srd; /* the SRD the due dates were counted from; DATE_NONE when none */
	char created_at[32];
};

struct relplan_section {
	char section[RELPLAN_ID_SIZE];
	char title[RELPLAN_TITLE_SIZE];
	enum relplan_status status;
	char reason[RELPLAN_TEXT_SIZE];
	char updated_by[64]; /* display name; "" when never changed */
	char updated_at[32];
};

struct relplan_task {
	int64_t id;
	char section[RELPLAN_ID_SIZE];
	char task[RELPLAN_ID_SIZE]; /* the checklist's id; "" for an added task */
	char label[RELPLAN_LABEL_SIZE];
	char owner[16];
	date_t due_on;  /* DATE_NONE when no SRD was known */
	bool blocks_release;
	date_t done_on; /* DATE_NONE: not done */
	char done_by[64];
	char dropped_reason[RELPLAN_TEXT_SIZE]; /* "" unless dropped */
	char note[RELPLAN_TEXT_SIZE];
};

struct relplan_contact {
	int64_t id;
	char section[RELPLAN_ID_SIZE];
	char name[128];
	char role[128];
	char phone[64];
	char note[RELPLAN_TEXT_SIZE];
};

/* The person's open plan; CL_ERR_NOTFOUND when there is none. */
enum cl_status store_relplan_get(struct store *store, int64_t person_id, struct relplan *out);

/* A new open plan (version 1) with its history's "opened" row; CL_ERR_EXISTS when the person
 * has one already. */
enum cl_status store_relplan_create(struct store *store, int64_t person_id, date_t srd,
				    int64_t by, const char *at, int64_t *plan_id);
enum cl_status store_relplan_section_add(struct store *store, int64_t plan_id, int position,
					 const char *section, const char *title);
/* A task (t->id ignored; its done and dropped fields too); *task_id receives its id. A task
 * added after the plan was opened (added == true) gets a "task_added" history row. */
enum cl_status store_relplan_task_add(struct store *store, int64_t plan_id,
				      const struct relplan_task *t, bool added, int64_t by,
				      const char *at, int64_t *task_id);

/* Moves the plan from version to version + 1; CL_ERR_STALE when it is no longer at version. */
enum cl_status store_relplan_bump(struct store *store, int64_t plan_id, int64_t version);

/* A section's new status (reason: NULL or "" unless RELPLAN_NOT_APPLICABLE), with history. */
enum cl_status store_relplan_section_set(struct store *store, int64_t plan_id,
					 const char *section, enum relplan_status status,
					 const char *reason, int64_t by, const char *at);
/* Ticks (done_on a date) or unticks (DATE_NONE) a task of the plan, with history;
 * CL_ERR_NOTFOUND when the plan has no such task. */
enum cl_status store_relplan_task_done(struct store *store, int64_t plan_id, int64_t task_id,
				       date_t done_on, int64_t by, const char *at);
/* Marks a task dropped with its reason, with history. */
enum cl_status store_relplan_task_drop(struct store *store, int64_t plan_id, int64_t task_id,
				       const char *reason, int64_t by, const char *at);
enum cl_status store_relplan_contact_add(struct store *store, int64_t plan_id,
					 const struct relplan_contact *c, int64_t by,
					 const char *at);

/* The plan's sections (in the definition's order), tasks (by section, then due date) and
 * contacts, in malloc'ed arrays the caller frees (NULL when none). */
enum cl_status store_relplan_sections(struct store *store, int64_t plan_id,
				      struct relplan_section **out, size_t *count);
enum cl_status store_relplan_tasks(struct store *store, int64_t plan_id, struct relplan_task **out,
				   size_t *count);
enum cl_status store_relplan_contacts(struct store *store, int64_t plan_id,
				      struct relplan_contact **out, size_t *count);

/* How many changes the plan's history holds (for tests and the record's summary). */
enum cl_status store_relplan_change_count(struct store *store, int64_t plan_id, int64_t *count);

#endif
