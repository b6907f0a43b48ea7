#ifndef CASELOAD_PLANNING_H
#define CASELOAD_PLANNING_H
/* Case plans as use cases. A plan starts from the person's latest finalized needs review
 * (form needs_central8): its domains rated 2 or 3 are proposed as goals, the Big Four
 * (criminal history, antisocial cognition, associates, personality pattern) first, each
 * group by rating; nothing is saved until the caseworker accepts them. Goals and steps are
 * saved change by change, each refused when the plan changed elsewhere since it was read.
 * A review records progress per goal and sets the next review (today + the configured
 * cadence). Signing (with the person's acknowledgement, yes or no) makes the version
 * immutable; a new version copies it. Warnings show where the plan contradicts
 * Risk-Need-Responsivity. Changes need PERM_PERSON_EDIT (own caseload, or a lead), reading
 * PERM_PERSON_READ; every use case is audited. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/app.h"
#include "caseload/caseplan.h"

#define APP_PLAN_MESSAGE_SIZE 300
#define PLAN_CENTRAL8 8
#define PLAN_WARNINGS_MAX 24
#define PLAN_NO_RATING (-1) /* a domain not rated ("unable to assess", or no review) */

/* The Central Eight in the needs review's order: their stored codes, their labels (any
 * other code is its own label), whether one is of the Big Four. */
const char *plan_central8_code(size_t index);
const char *plan_domain_label(const char *code);
bool plan_domain_big_four(const char *code);
/* The index of a Central Eight code, or -1. */
int plan_central8_index(const char *code);

struct plan_proposal {
	const char *domain; /* a Central Eight code (static) */
	int rating;         /* 2 or 3 */
	int priority;       /* 1 first */
};

/* Pure: the goals to propose from ratings[PLAN_CENTRAL8] (0..3 or PLAN_NO_RATING, by
 * plan_central8_code order): domains rated 2 or 3, the Big Four first, each group by rating
 * (highest first) then in the review's order. Returns how many (at most PLAN_CENTRAL8). */
size_t plan_propose(const int ratings[PLAN_CENTRAL8], struct plan_proposal out[PLAN_CENTRAL8]);

enum plan_warning_kind {
	PLAN_WARN_BIG_FOUR_UNTARGETED, /* a Big Four domain rated 2 or 3 with no goal */
	PLAN_WARN_INTENSIVE_LOW_RISK,  /* a low-risk person with > 3 goals or > 8 open steps */
	PLAN_WARN_GOAL_WITHOUT_STEPS,
};

struct plan_warning {
	enum plan_warning_kind kind;
	int64_t goal_id; /* PLAN_WARN_GOAL_WITHOUT_STEPS */
	char text[200];
};

struct plan_warning_input {
	const int *ratings; /* PLAN_CENTRAL8 ratings, or NULL when there is no needs review */
	bool low_risk;
	const struct plan_goal *goals;
	size_t goal_count;
	const struct plan_step *steps;
	size_t step_count;
};

/* Pure: the RNR warnings of a plan, at most cap, in the order of the kinds above. */
size_t plan_warnings(const struct plan_warning_input *in, struct plan_warning *out, size_t cap);

/* A person's plan as a screen shows it. exists false: no plan yet (plan zeroed). */
struct app_case_plan {
	int64_t person_id;
	bool exists;
	struct case_plan plan;
	struct plan_goal *goals; /* owned */
	size_t goal_count;
	struct plan_step *steps; /* owned, by goal then id */
	size_t step_count;
	bool have_needs; /* a finalized needs review was found */
	int ratings[PLAN_CENTRAL8];
	struct plan_proposal proposals[PLAN_CENTRAL8]; /* those without a goal yet */
	size_t proposal_count;
	struct plan_warning warnings[PLAN_WARNINGS_MAX];
	size_t warning_count;
	/* the progress rows of this version's latest review, by goal id (owned; none when it
	 * was never reviewed) */
	struct plan_review_goal *progress;
	size_t progress_count;
	int latest_version; /* the newest version's number; 0: no plan */
	/* an older version is shown: nothing changes through cp (no proposals, no warnings) */
	bool read_only;
	/* The accommodations the latest finalized responsivity screen calls for (its flags that
	 * are set, by label, joined by "; "), offered for new goals; "" when none. */
	char accommodations[600];
};

void app_case_plan_clear(struct app_case_plan *cp); /* frees; NULL-safe fields */

/* Reads the person's newest version (and the needs review it starts from), audited. */
enum cl_status app_case_plan_open(struct app *app, int64_t person_id, struct app_case_plan *out,
				  char *msg, size_t msgsz);
/* Reads version `version` of the person's plan into cp, read-only, or the newest (editable)
 * when `version` is 0 or the newest's number; audited as a view. CL_ERR_NOTFOUND (msg says
 * so) when there is no such version. */
enum cl_status app_case_plan_show_version(struct app *app, struct app_case_plan *cp,
					  int version, char *msg, size_t msgsz);
/* Reads the person's plan showing the version whose id is plan_id (a review's item):
 * app_case_plan_open, then app_case_plan_show_version when it is an older one. */
enum cl_status app_case_plan_open_at(struct app *app, int64_t person_id, int64_t plan_id,
				     struct app_case_plan *out, char *msg, size_t msgsz);
/* The goal's progress at the latest review of the version in cp; NULL when not rated. */
const struct plan_review_goal *app_plan_goal_progress(const struct app_case_plan *cp,
						      int64_t goal_id);
/* Adds the proposed goals not in the plan yet (creating the first draft when there is none). */
enum cl_status app_case_plan_accept(struct app *app, struct app_case_plan *cp, char *msg,
				    size_t msgsz);
/* Creates the first draft (when there is no plan). */
enum cl_status app_case_plan_create(struct app *app, struct app_case_plan *cp, char *msg,
				    size_t msgsz);

/* Each of these writes one change to the draft read in cp (CL_ERR_STALE when it changed
 * since; CL_ERR_INVALID when it is signed or cp->read_only or the values are wrong, msg says which) and
 * reads cp again. g->plan_id / s->goal_id name where; the domain must be a Central Eight
 * code or a configured one. */
enum cl_status app_plan_goal_add(struct app *app, struct app_case_plan *cp, struct plan_goal *g,
				 char *msg, size_t msgsz);
enum cl_status app_plan_goal_update(struct app *app, struct app_case_plan *cp,
				    const struct plan_goal *g, char *msg, size_t msgsz);
enum cl_status app_plan_step_add(struct app *app, struct app_case_plan *cp, struct plan_step *s,
				 char *msg, size_t msgsz);
/* Saves a step, status included: done and dropped are final, dropped needs a reason. */
enum cl_status app_plan_step_update(struct app *app, struct app_case_plan *cp,
				    const struct plan_step *s, char *msg, size_t msgsz);

/* Records a review of the plan as read (progress for some goals), dated today; the next
 * review falls case_plan_review_days later. */
enum cl_status app_plan_review(struct app *app, struct app_case_plan *cp,
			       const struct plan_review_goal *rows, size_t count, char *msg,
			       size_t msgsz);
/* Signs the draft (every goal needs a statement) with the person's acknowledgement. */
enum cl_status app_plan_sign(struct app *app, struct app_case_plan *cp, bool acknowledged,
			     char *msg, size_t msgsz);
/* A new draft version copied from the signed newest one. */
enum cl_status app_plan_new_version(struct app *app, struct app_case_plan *cp, char *msg,
				    size_t msgsz);

#endif
