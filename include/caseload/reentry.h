#ifndef CASELOAD_REENTRY_H
#define CASELOAD_REENTRY_H
/* Release (reentry) plans as use cases: open a person's plan (made on first use from the
 * release plan YAML, every section not started, the checklist's due dates counted back from
 * the SRD), set a section's status, tick a task, add a task or a contact, and read the
 * readiness summary. Writes need PERM_PERSON_EDIT on the person (their caseworker, or a
 * lead); reading needs PERM_PERSON_READ. Every one is audited; a write made against an
 * older version of the plan is refused as stale. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/app.h"
#include "caseload/relplan.h"
#include "caseload/relplan_def.h"

#define APP_REENTRY_MESSAGE_SIZE 300

/* The compiled-in directory of the data installed with the program. */
#ifndef CASELOAD_DATA_DIR
#define CASELOAD_DATA_DIR "/usr/local/share/caseload"
#endif

/* Where the release plan's definition is read from: config->release_plan_file when that
 * file exists, else the installed data directory's release_plan.yaml (or, for a build that
 * is not installed, its source tree's). A static string or the config's own. */
const char *app_reentry_def_path(const struct config *config);

/* Per section of a plan: its tasks counted (dropped ones left out). */
struct reentry_count {
	size_t tasks, done, overdue;
	size_t blocking_open; /* blocks_release tasks not done */
};

/* A plan as read, with its readiness. Owned by the caller: app_reentry_clear. */
struct reentry {
	struct relplan plan;
	int64_t person_id;
	char person_name[MODEL_NAME_SIZE * 2 + 2]; /* "Last, First" */
	char oid[MODEL_OID_SIZE];
	struct relplan_section *sections;
	size_t section_count;
	struct reentry_count *counts; /* one per section */
	struct relplan_task *tasks;   /* by section, then due date */
	size_t task_count;
	struct relplan_contact *contacts;
	size_t contact_count;
	date_t today;
	date_t srd;           /* the person's SRD now; DATE_NONE when none */
	int days_to_release;  /* srd - today when there is an SRD */
	size_t overdue;       /* tasks past due, not done, in sections that apply */
	size_t blocks;        /* how many things block release */
	char blocks_text[512]; /* "no verified housing, Identification documents" or "" */
	bool editable;         /* the signed-in user may change it */
};

void app_reentry_clear(struct reentry *r);

/* Reads the person's open plan into *r, making it first when there is none and the user
 * may edit the record (audited "relplan.create"); "relplan.view" is audited. CL_ERR_NOTFOUND
 * when there is no plan and the user may not make one; CL_ERR_INVALID when the definition
 * file is broken (msg names the first problem). */
enum cl_status app_reentry_open(struct app *app, int64_t person_id, struct reentry *r, char *msg,
				size_t msgsz);

/* The index of section id in r->sections, or -1. */
int app_reentry_section_index(const struct reentry *r, const char *section);

/* A section's new status. not_applicable needs a reason; verified needs every blocking task
 * of the section done (msg names the first that is not). */
enum cl_status app_reentry_set_status(struct app *app, const struct reentry *r,
				      const char *section, enum relplan_status status,
				      const char *reason, char *msg, size_t msgsz);
/* Ticks (done today) or unticks a task. */
enum cl_status app_reentry_tick(struct app *app, const struct reentry *r, int64_t task_id,
				bool done, char *msg, size_t msgsz);
/* A task added to a section: owner one of the owners, due "YYYY-MM-DD", "srd - N" or "". */
enum cl_status app_reentry_task_add(struct app *app, const struct reentry *r, const char *section,
				    const char *label, const char *owner, const char *due,
				    char *msg, size_t msgsz);
/* A task marked dropped with a reason (kept, shown struck out). */
enum cl_status app_reentry_task_drop(struct app *app, const struct reentry *r, int64_t task_id,
				     const char *reason, char *msg, size_t msgsz);
/* A contact of a section: name required; role, phone and note may be "". */
enum cl_status app_reentry_contact_add(struct app *app, const struct reentry *r,
				       const char *section, const char *name, const char *role,
				       const char *phone, const char *note, char *msg,
				       size_t msgsz);

#endif
