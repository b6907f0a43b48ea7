#ifndef CASELOAD_RELPLAN_DEF_H
#define CASELOAD_RELPLAN_DEF_H
/* The release plan's definition: its sections and their checklists, read from YAML
 * (data/release_plan.yaml or the file the configuration names), and the rule that turns
 * "srd - 60" into a working day. Pure: reads one file, no database, no terminal. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/date.h"
#include "caseload/status.h"
#include "caseload/strbuf.h"

#define RELPLAN_ID_SIZE 32     /* an id of a-z, 0-9 and _, and its terminator */
#define RELPLAN_TITLE_SIZE 64  /* a section's title */
#define RELPLAN_LABEL_SIZE 128 /* a task's label */
#define RELPLAN_MAX_DAYS 730   /* "srd - N": N at most two years */

/* Who does a task. */
#define RELPLAN_OWNER_LIST(X)                                                                      \
	X(RELPLAN_OWNER_CASEWORKER, "caseworker")                                                  \
	X(RELPLAN_OWNER_PERSON, "person")                                                          \
	X(RELPLAN_OWNER_PROGRAM, "program")                                                        \
	X(RELPLAN_OWNER_AGENT, "agent")                                                            \
	X(RELPLAN_OWNER_FAMILY, "family")

enum relplan_owner {
#define RELPLAN_OWNER_ENUM(id, name) id,
	RELPLAN_OWNER_LIST(RELPLAN_OWNER_ENUM)
#undef RELPLAN_OWNER_ENUM
	RELPLAN_OWNER_COUNT
};

const char *relplan_owner_name(enum relplan_owner owner); /* "?" when out of range */
/* False, *out untouched, when name is none of the owners. */
bool relplan_owner_parse(const char *name, enum relplan_owner *out);

struct relplan_task_def {
	char id[RELPLAN_ID_SIZE];
	char label[RELPLAN_LABEL_SIZE];
	enum relplan_owner owner;
	int days_before;     /* due N days before the SRD */
	bool blocks_release; /* the section cannot be verified until it is done */
};

struct relplan_section_def {
	char id[RELPLAN_ID_SIZE];
	char title[RELPLAN_TITLE_SIZE];
	struct relplan_task_def *tasks; /* owned */
	size_t task_count;
};

struct relplan_def {
	struct relplan_section_def *sections; /* owned, in the file's order */
	size_t section_count;
	date_t *holidays; /* owned, ascending, no duplicates */
	size_t holiday_count;
};

/* Reads path into *def (zeroed first; relplan_def_clear frees it). On failure *def is empty
 * and errors (may be NULL) receives one "file:line:column: message" line per problem, in
 * file order; problems with the whole file read "file: message".
 * Returns CL_OK; CL_ERR_NOTFOUND (no such file); CL_ERR_IO; CL_ERR_INVALID. */
enum cl_status relplan_def_load(const char *path, struct relplan_def *def, struct strbuf *errors);
void relplan_def_clear(struct relplan_def *def);

/* The section with that id, or NULL. */
const struct relplan_section_def *relplan_def_section(const struct relplan_def *def,
						      const char *id);

/* True when d is a Saturday, a Sunday or one of holidays[0..count) (ascending). */
bool relplan_is_holiday(date_t d, const date_t *holidays, size_t count);

/* The due date of a task "srd - days_before": that many calendar days before srd, moved to
 * the previous working day while it falls on a weekend or a holiday. DATE_NONE when srd is
 * DATE_NONE (no release date: nothing can be counted back from it). */
date_t relplan_due(date_t srd, int days_before, const date_t *holidays, size_t count);

#endif
