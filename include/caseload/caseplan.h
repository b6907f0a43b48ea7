#ifndef CASELOAD_CASEPLAN_H
#define CASELOAD_CASEPLAN_H
/* Case plans in the store: a person's plan as numbered versions (the newest may be a draft,
 * the others are signed and never change: 010_case_plans.sql refuses it even to raw SQL),
 * their goals (one need domain each), the goals' action steps and the plan reviews. Every
 * change to a draft's goals and steps first moves the draft's revision on from the one the
 * caller read (store_case_plan_touch), so a write made from a stale screen is refused.
 * Writes run inside a transaction the caller opened. Who may do what is the caller's rule. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/date.h"
#include "caseload/store.h"

#define PLAN_TEXT_SIZE 1001   /* a goal's texts and a step's description, with terminator */
#define PLAN_REASON_SIZE 501
#define PLAN_PROGRESS_SIZE 2001
#define PLAN_DOMAIN_SIZE 25
#define PLAN_NAME_SIZE 244

enum plan_state { PLAN_DRAFT, PLAN_SIGNED };

#define PLAN_STAGE_LIST(X)                                                                         \
	X(PLAN_PRECONTEMPLATION, "precontemplation")                                               \
	X(PLAN_CONTEMPLATION, "contemplation")                                                     \
	X(PLAN_PREPARATION, "preparation")                                                         \
	X(PLAN_ACTION, "action")                                                                   \
	X(PLAN_MAINTENANCE, "maintenance")
#define PLAN_RESPONSIBLE_LIST(X)                                                                   \
	X(PLAN_BY_PERSON, "person")                                                                \
	X(PLAN_BY_CASEWORKER, "caseworker")                                                        \
	X(PLAN_BY_PROGRAM, "program")                                                              \
	X(PLAN_BY_AGENT, "agent")                                                                  \
	X(PLAN_BY_FAMILY, "family")
#define PLAN_STEP_STATUS_LIST(X)                                                                   \
	X(PLAN_NOT_STARTED, "not_started")                                                         \
	X(PLAN_IN_PROGRESS, "in_progress")                                                         \
	X(PLAN_DONE, "done")                                                                       \
	X(PLAN_DROPPED, "dropped")
#define PLAN_PROGRESS_LIST(X)                                                                      \
	X(PLAN_PROGRESS_NONE, "none")                                                              \
	X(PLAN_PROGRESS_SOME, "some")                                                              \
	X(PLAN_PROGRESS_ACHIEVED, "achieved")                                                      \
	X(PLAN_PROGRESS_REGRESSED, "regressed")

#define PLAN_ENUM(id, code) id,
enum plan_stage { PLAN_STAGE_LIST(PLAN_ENUM) PLAN_STAGE_COUNT };
enum plan_responsible { PLAN_RESPONSIBLE_LIST(PLAN_ENUM) PLAN_RESPONSIBLE_COUNT };
enum plan_step_status { PLAN_STEP_STATUS_LIST(PLAN_ENUM) PLAN_STEP_STATUS_COUNT };
enum plan_progress { PLAN_PROGRESS_LIST(PLAN_ENUM) PLAN_PROGRESS_COUNT };
#undef PLAN_ENUM

/* The stored codes ("?" out of range) and their parsers (false for an unknown code). */
const char *plan_stage_code(enum plan_stage stage);
const char *plan_responsible_code(enum plan_responsible who);
const char *plan_step_status_code(enum plan_step_status status);
const char *plan_progress_code(enum plan_progress progress);
bool plan_stage_parse(const char *code, enum plan_stage *out);
bool plan_responsible_parse(const char *code, enum plan_responsible *out);
bool plan_step_status_parse(const char *code, enum plan_step_status *out);
bool plan_progress_parse(const char *code, enum plan_progress *out);

/* Whether a step may move from one status to another: done and dropped are final; the rest
 * move freely (the schema holds the same rule). */
bool plan_step_may_move(enum plan_step_status from, enum plan_step_status to);

struct case_plan {
	int64_t id;
	int64_t person_id;
	int version;
	enum plan_state state;
	char created_at[32];
	int64_t created_by;
	int64_t copied_from;    /* 0: the first version */
	char signed_at[32];     /* "" while a draft */
	int64_t signed_by;
	char signed_by_name[PLAN_NAME_SIZE];
	bool person_acknowledged;
	date_t next_review_on;  /* the last review's next date, else the plan's; DATE_NONE */
	date_t last_review_on;  /* DATE_NONE: never reviewed */
	int64_t revision;
};

struct plan_goal {
	int64_t id;
	int64_t plan_id;
	char domain[PLAN_DOMAIN_SIZE];
	int priority; /* 1 first */
	char statement[PLAN_TEXT_SIZE];
	char measure[PLAN_TEXT_SIZE];
	enum plan_stage stage;
	char strengths[PLAN_TEXT_SIZE];
	char barriers[PLAN_TEXT_SIZE];
	char accommodations[PLAN_TEXT_SIZE];
};

struct plan_step {
	int64_t id;
	int64_t goal_id;
	char description[PLAN_TEXT_SIZE];
	enum plan_responsible responsible;
	date_t target_on; /* DATE_NONE for none */
	enum plan_step_status status;
	char drop_reason[PLAN_REASON_SIZE];
	char progress[PLAN_PROGRESS_SIZE];
};

struct plan_review_goal {
	int64_t goal_id;
	enum plan_progress progress;
	char note[PLAN_TEXT_SIZE];
};

/* The person's newest version (CL_ERR_NOTFOUND: no plan yet). */
enum cl_status store_case_plan_latest(struct store *store, int64_t person_id,
				      struct case_plan *out);
enum cl_status store_case_plan_get(struct store *store, int64_t id, struct case_plan *out);
/* The person's versions, newest first, at most cap. */
enum cl_status store_case_plans_of_person(struct store *store, int64_t person_id,
					  struct case_plan *out, size_t cap, size_t *count);

/* A first draft (version 1) for the person, by `by` at `at`, next review on `next_review`;
 * sets *out. CL_ERR_EXISTS when the person has a plan already. */
enum cl_status store_case_plan_create(struct store *store, int64_t person_id, int64_t by,
				      const char *at, date_t next_review, struct case_plan *out);
/* A new draft version copied (goals and steps) from the signed version `from`; sets *out.
 * CL_ERR_INVALID when `from` is not the person's newest version or is not signed. */
enum cl_status store_case_plan_new_version(struct store *store, int64_t from, int64_t by,
					   const char *at, struct case_plan *out);
/* Moves the draft's revision on from `revision` (which the caller read) to the next one:
 * CL_ERR_STALE when it has moved on since, CL_ERR_INVALID when the plan is signed. Sets
 * *revision to the new one. Every change to the draft's goals and steps starts with it. */
enum cl_status store_case_plan_touch(struct store *store, int64_t plan_id, int64_t *revision);
/* Signs the draft: state signed, by/at, the person's acknowledgement. CL_ERR_STALE as for
 * touch. */
enum cl_status store_case_plan_sign(struct store *store, int64_t plan_id, int64_t revision,
				    int64_t by, bool acknowledged, const char *at);

/* The plan's goals by priority then id; *out is NULL when none, else the caller frees it. */
enum cl_status store_plan_goals(struct store *store, int64_t plan_id, struct plan_goal **out,
				size_t *count);
/* Adds g to g->plan_id (sets g->id) / saves every field of g. */
enum cl_status store_plan_goal_add(struct store *store, struct plan_goal *g);
enum cl_status store_plan_goal_update(struct store *store, const struct plan_goal *g);

/* The steps of every goal of the plan, by goal then id; freed by the caller. */
enum cl_status store_plan_steps(struct store *store, int64_t plan_id, struct plan_step **out,
				size_t *count);
enum cl_status store_plan_step_add(struct store *store, struct plan_step *s);
/* Saves every field of s; the schema refuses moving a done or dropped step. */
enum cl_status store_plan_step_update(struct store *store, const struct plan_step *s);

/* Records a review of the plan (any version) with its progress rows; sets *id. */
enum cl_status store_plan_review_add(struct store *store, int64_t plan_id, date_t reviewed_on,
				     date_t next_review_on, int64_t by, const char *at,
				     const struct plan_review_goal *rows, size_t count,
				     int64_t *id);
/* The progress rows of the plan's latest review (none: count 0), at most cap. */
enum cl_status store_plan_review_latest(struct store *store, int64_t plan_id,
					struct plan_review_goal *out, size_t cap, size_t *count);

#endif
