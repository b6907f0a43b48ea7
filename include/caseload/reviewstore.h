#ifndef CASELOAD_REVIEWSTORE_H
#define CASELOAD_REVIEWSTORE_H
/* Quality-assurance review in the store: one review row per item under review (a form
 * response that requires review or was drawn for QA, an intern's note to co-sign), its
 * history of events (every submission, take, reassignment and decision, by whom and when),
 * comments anchored to a field or section of the item, a snapshot of the item's answers at
 * each submission (so the reviewer sees what changed), and the seeded samples drawn for QA.
 * Writes run inside a transaction the caller opened. Who may do what is the caller's rule;
 * the schema refuses a decision or assignment by the item's author. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/date.h"
#include "caseload/notes.h"
#include "caseload/store.h"

#define REVIEW_NAME_SIZE 244
#define REVIEW_TITLE_SIZE 400
#define REVIEW_ANCHOR_SIZE 72
#define REVIEW_COMMENT_MAX 4000 /* bytes of a comment */

enum review_kind { REVIEW_FORM, REVIEW_NOTE, REVIEW_CASE_PLAN, REVIEW_RELEASE_PLAN };
enum review_reason { REVIEW_REQUIRED, REVIEW_SAMPLED, REVIEW_COSIGN, REVIEW_REQUESTED };
enum review_state { REVIEW_SUBMITTED, REVIEW_IN_REVIEW, REVIEW_APPROVED, REVIEW_RETURNED };

/* "form"/"note"/"case_plan"/"release_plan", "required"/"sampled"/"cosign"/"requested",
 * "submitted"/"in_review"/"approved"/"returned": the stored codes. */
const char *review_kind_code(enum review_kind kind);
const char *review_reason_code(enum review_reason reason);
const char *review_state_code(enum review_state state);

struct review {
	int64_t id;
	enum review_kind kind;
	/* form_response.id, note.id, case_plan.id (the version signed last) or release_plan.id */
	int64_t object_id;
	int64_t person_id;
	char person_name[REVIEW_NAME_SIZE]; /* "Last, First" */
	char person_oid[16];
	int64_t author_id;
	char author_name[REVIEW_NAME_SIZE];
	/* the form's title and version, "Case note: <type>", "Case plan v<N>" or "Release plan" */
	char title[REVIEW_TITLE_SIZE];
	enum review_reason reason;
	enum review_state state;
	int round;            /* 1 at the first submission, +1 at each resubmission */
	int64_t assigned_to;  /* 0: the shared queue */
	char assigned_name[REVIEW_NAME_SIZE];
	char submitted_at[32]; /* of the current round */
	date_t due_on;        /* DATE_NONE for none */
	char decided_at[32];  /* "" until decided */
	int64_t decided_by;
	int64_t checklist_id; /* the QA checklist response filled for it, 0 none */
	int64_t sample_id;    /* the sample that drew it, 0 none */
};

/* Opens a review of an item (state submitted, round 1, assigned_to 0 for the shared queue)
 * and records the "submitted" event; sets r->id. The person and author come from the item
 * (a case plan's signer), except a release plan's author, which is r->author_id. An item
 * has at most one review (a release plan one open at a time): CL_ERR_EXISTS when it
 * already has one (resubmit it instead). CL_ERR_CONSTRAINT when the schema refuses it
 * (assigned to its author). */
enum cl_status store_review_open(struct store *store, struct review *r, int64_t by,
				 const char *at);

/* About whom and by whom an item is: a form's or note's author, a signed case plan
 * version's signer, a release plan's *author_id when non-zero, else the person's
 * caseworker. CL_ERR_NOTFOUND when there is no such item (or no author to name). */
enum cl_status store_review_item(struct store *store, enum review_kind kind, int64_t object_id,
				 int64_t *person_id, int64_t *author_id);

/* The review of an item (a release plan's latest), or CL_ERR_NOTFOUND. */
enum cl_status store_review_of(struct store *store, enum review_kind kind, int64_t object_id,
			       struct review *out);
enum cl_status store_review_get(struct store *store, int64_t id, struct review *out);

/* Transitions, each recording its event (who, when, note); CL_ERR_INVALID when the review
 * is not in a state that allows it:
 * - take: submitted -> in_review, assigned to `by`;
 * - reassign: submitted or in_review -> submitted, assigned to `to` (0: the shared queue);
 * - decide: submitted or in_review -> approved or returned, decided_by/at;
 * - resubmit: returned -> submitted, round + 1, submitted_at = at, assigned back to whoever
 *   decided (or `to` when non-zero), due on due_on (DATE_NONE keeps the date), decision
 *   cleared; a case plan's review moves to object_id, a newer signed version of the plan
 *   (0 keeps the item).
 * CL_ERR_CONSTRAINT when the schema refuses it (the author taking or deciding their own). */
enum cl_status store_review_take(struct store *store, int64_t id, int64_t by, const char *at);
enum cl_status store_review_reassign(struct store *store, int64_t id, int64_t to, int64_t by,
				     const char *at);
enum cl_status store_review_decide(struct store *store, int64_t id, enum review_state to,
				   int64_t by, const char *note, const char *at);
enum cl_status store_review_resubmit(struct store *store, int64_t id, int64_t object_id,
				     int64_t to, date_t due_on, int64_t by, const char *at);
/* Links the QA checklist response filled for the review. */
enum cl_status store_review_set_checklist(struct store *store, int64_t id, int64_t checklist_id);

/* The queue of a reviewer: reviews waiting (submitted or in review) that are assigned to
 * them, plus (with shared) the unassigned ones, oldest submission first; filters by author
 * (0 all) and kind (-1 all). Keyset paging: after_at/after_id from the last row ("", 0 for
 * the first page). At most cap. */
struct review_queue_query {
	int64_t reviewer_id;
	bool shared;
	int64_t author_id;
	int kind;
	const char *after_at;
	int64_t after_id;
};
enum cl_status store_review_queue(struct store *store, const struct review_queue_query *q,
				  struct review *out, size_t cap, size_t *count);

/* An author's reviews in a state (returned: what waits for them), newest first, at most cap. */
enum cl_status store_reviews_of_author(struct store *store, int64_t author_id,
				       enum review_state state, struct review *out, size_t cap,
				       size_t *count);

/* The history of a review, oldest first. */
struct review_event {
	int64_t id;
	int round;
	char event[16]; /* submitted, taken, reassigned, approved, returned, resubmitted */
	int64_t by_id;
	char by_name[REVIEW_NAME_SIZE];
	char at[32];
	int64_t assigned_to;
	char note[800];
};
enum cl_status store_review_events(struct store *store, int64_t id, struct review_event *out,
				   size_t cap, size_t *count);

/* Comments: anchored to a field or section id of the item ("" the item as a whole), made
 * in a round. */
struct review_comment {
	int64_t id;
	int round;
	char anchor[REVIEW_ANCHOR_SIZE];
	char *body; /* owned: review_comments_free */
	int64_t author_id;
	char author_name[REVIEW_NAME_SIZE];
	char at[32];
};
enum cl_status store_review_comment_add(struct store *store, int64_t review_id, int round,
					const char *anchor, const char *body, int64_t by,
					const char *at, int64_t *id);
/* Every comment of the review, oldest first; *comments NULL when none, else the caller
 * frees them with review_comments_free. */
enum cl_status store_review_comments(struct store *store, int64_t review_id,
				     struct review_comment **comments, size_t *count);
void review_comments_free(struct review_comment **comments, size_t count);

/* The snapshot of the item at a round: a form response's answers (its form_answer rows);
 * a case plan version's goals as "<domain>.goal", ".measure", ".stage", ".priority",
 * ".strengths", ".barriers", ".accommodations" and ".step" (row: the goal's place among
 * those of its domain times 1000 plus the step's place), each step as one line of text; a
 * release plan's sections as "<section>" (status and reason), tasks as "<section>.<task>"
 * ("<section>.#<id>" for an added one) and contacts as "<section>.contact". The anchors of
 * comments are the same domain and section codes. Nothing for a note. */
enum cl_status store_review_snapshot(struct store *store, const struct review *r);
/* Fields whose value differs between two rounds' snapshots (added, removed or changed),
 * by field then row, as (field, row, old, new) with "" for absent; a change with a value
 * the reader may not see (its sensitivity needs a grant they lack, and they are not the
 * item's author) is left out whole. *changes is NULL when none; otherwise the caller frees
 * them with review_changes_free. */
struct review_change {
	char field[REVIEW_ANCHOR_SIZE];
	int row;
	char *before; /* owned */
	char *after;  /* owned */
};
enum cl_status store_review_changes(struct store *store, const struct note_reader *reader,
				    int64_t review_id, int from_round, int to_round,
				    struct review_change **changes, size_t *count);
void review_changes_free(struct review_change **changes, size_t count);

/* ---- sampling ---- */

/* The population a sample is drawn from, by id, for [from, to) (UTC dates "YYYY-MM-DD"):
 * - REVIEW_FORM: final responses of form `form_id` finalized in the period;
 * - REVIEW_CASE_PLAN: case plan versions signed in the period;
 * - REVIEW_RELEASE_PLAN: release plans whose SRD falls in the period, authored by the
 *   person's caseworker;
 * each by an author whose probation ended before `from`, and not under review (a release
 * plan: never reviewed). The caller frees *ids. */
enum cl_status store_review_population(struct store *store, enum review_kind kind,
				       const char *form_id, const char *from, const char *to,
				       int64_t **ids, size_t *count);
/* Records a sample (period "YYYY-MM", kind, form ("" for plans), percent, seed, how many
 * were eligible and drawn) and sets *id. CL_ERR_EXISTS when that period, kind and form were
 * sampled already. */
struct review_sample_record {
	const char *period;
	enum review_kind kind;
	const char *form_id;
	int percent;
	uint64_t seed;
	size_t eligible, drawn;
};
enum cl_status store_review_sample_add(struct store *store, const struct review_sample_record *s,
				       int64_t by, const char *at, int64_t *id);

/* ---- the team view ---- */

/* Per author over reviews submitted in [from, to): items submitted, approved at the first
 * round, returned at least once, decided, the mean days from first submission to the
 * decision, and the mean QA compliance of the linked checklists (has_compliance false when
 * none). Every staff member who authored an item in the period, by name. */
struct review_team_row {
	int64_t staff_id;
	char name[REVIEW_NAME_SIZE];
	char role[16];
	size_t submitted, approved_first, returned, decided;
	double mean_turnaround_days;
	bool has_compliance;
	double mean_compliance;
};
enum cl_status store_review_team(struct store *store, const char *from, const char *to,
				 struct review_team_row *out, size_t cap, size_t *count);
/* Per QA criterion (a checklist answer field, e.g. "qa_smart") over the checklists of the
 * period: how many were rated, how many "not_met" and "partial". */
struct review_criterion_row {
	char field[REVIEW_ANCHOR_SIZE];
	size_t rated, not_met, partial;
};
enum cl_status store_review_criteria(struct store *store, const char *from, const char *to,
				     struct review_criterion_row *out, size_t cap, size_t *count);

#endif
