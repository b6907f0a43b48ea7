#ifndef CASELOAD_FORMSTORE_H
#define CASELOAD_FORMSTORE_H
/* Forms in the store: the registered definitions (the exact YAML each was loaded from, so a
 * response always renders with the definition it was made with) and the responses: drafts
 * saved answer by answer under a revision that detects stale writes, then finalized or
 * submitted for review; from then on their answers and scores never change, and a
 * correction is an amendment that points at the original. The store keeps text: it neither
 * parses definitions nor evaluates answers. Answers carry a note sensitivity and are
 * filtered by the reader's grants in the SQL of every read, exactly as notes are; drafts are
 * seen only by their author. Writes run inside a transaction the caller opened. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/date.h"
#include "caseload/notes.h"
#include "caseload/store.h"

#define FORM_ID_SIZE 72        /* a slug of at most 64 bytes */
#define FORM_HASH_SIZE 65      /* SHA-256, lower-case hex */
#define FORM_TITLE_SIZE 400
#define FORM_PATH_SIZE 1024
#define FORM_SUMMARY_SIZE 400
#define FORM_REVIEW_NOTE_SIZE 800
#define FORM_LEVEL_SIZE 64
#define FORM_REASON_SIZE 256
#define FORM_SOURCE_MAX_BYTES 4194304
#define FORM_ANSWER_MAX_BYTES 1048576

enum form_def_status { FORM_DEF_DRAFT, FORM_DEF_ACTIVE, FORM_DEF_RETIRED };

/* A registered definition, without its source (store_form_definition_get reads that). */
struct form_definition {
	int64_t id;
	char form_id[FORM_ID_SIZE];
	int version;
	char hash[FORM_HASH_SIZE];
	char title[FORM_TITLE_SIZE];
	enum form_def_status status;
	char source_path[FORM_PATH_SIZE];
	char registered_at[32];
	int64_t responses; /* how many responses were made with it (its text is frozen if any) */
};

/* What store_form_register is given; every pointer is borrowed for the call. */
struct form_registration {
	const char *form_id;
	int version;
	const char *hash;  /* 64 lower-case hex digits */
	const char *title;
	enum form_def_status status;
	const char *source; /* the exact YAML */
	const char *source_path;
};

enum form_register_outcome {
	FORM_REGISTER_NEW,      /* a new (form_id, version) */
	FORM_REGISTER_SAME,     /* already there with that hash: status and path brought up to date */
	FORM_REGISTER_REPLACED, /* a draft no response used, now holding the new text */
};

/* Registers a definition and sets *id to its row (outcome may be NULL). When (form_id,
 * version) is registered with another hash and may not be replaced (it is active or retired,
 * or a response uses it) returns CL_ERR_EXISTS and copies the stored hash into stored_hash
 * (FORM_HASH_SIZE bytes, may be NULL); CL_ERR_CONSTRAINT when the schema refuses the values
 * (a bad slug or hash, text out of bounds, an active definition set back to draft). */
enum cl_status store_form_register(struct store *store, const struct form_registration *reg,
				   const char *at, int64_t *id, enum form_register_outcome *outcome,
				   char *stored_hash);

/* One definition by row id; with source non-NULL also its exact YAML (*source owned by the
 * caller: free it; NULL on failure). CL_ERR_NOTFOUND when there is none. */
enum cl_status store_form_definition_get(struct store *store, int64_t id,
					 struct form_definition *out, char **source);

/* Every registered definition, by form_id then newest version first. *defs is NULL when
 * there are none; otherwise the caller frees the array. */
enum cl_status store_form_definitions(struct store *store, struct form_definition **defs,
				      size_t *count);

/* ---- responses ---- */

enum form_state {
	FORM_DRAFT,
	FORM_FINAL,          /* finalized without review: terminal */
	FORM_PENDING_REVIEW, /* submitted, awaiting review */
	FORM_APPROVED,       /* reviewed and approved: terminal */
	FORM_RETURNED,       /* reviewed and sent back: resubmitted, or back to draft */
};

/* "draft", "final", "pending_review", "approved", "returned". */
const char *form_state_code(enum form_state state);

struct form_response {
	int64_t id;
	int64_t person_id;
	int64_t definition_id;
	/* of its definition */
	char form_id[FORM_ID_SIZE];
	int version;
	char title[FORM_TITLE_SIZE];
	enum form_state state;
	int64_t author_id;
	char author_name[244]; /* as it was when written */
	char created_at[32];
	char updated_at[32];
	char finalized_at[32]; /* "" while a draft */
	int64_t finalized_by;  /* 0 while a draft */
	char reviewed_at[32];  /* the last review, "" for none */
	int64_t reviewed_by;
	char review_note[FORM_REVIEW_NOTE_SIZE];
	int64_t amends_id;     /* the response this one corrects, 0 for none */
	int64_t amended_by_id; /* the newest amendment the reader may see, 0 for none */
	int64_t revision;      /* stale-write detection: bumped by every write */
	char summary[FORM_SUMMARY_SIZE];
	date_t due_on;         /* DATE_NONE for none */
};

/* A new draft (revision 1, created_at = updated_at = at) about r->person_id made with
 * r->definition_id by r->author_id (named r->author_name), due r->due_on; sets r->id,
 * r->state, r->revision and the times. CL_ERR_CONSTRAINT when the schema refuses it. */
enum cl_status store_form_response_insert(struct store *store, struct form_response *r,
					  const char *at);

/* A new draft that corrects response `original` (which must have left draft: the schema
 * refuses another): about the same person, made with r->definition_id (0: the original's;
 * else a definition of the same form_id) by r->author_id / r->author_name, due r->due_on.
 * It starts with a copy of the original's answers that `reader` (the amending author) may
 * see; *withheld (may be NULL) tells whether some were left out, which the caller will
 * usually refuse (roll back). Sets r->id, r->person_id, r->amends_id, r->state, r->revision
 * and the times. CL_ERR_NOTFOUND when the reader may not see the original. */
enum cl_status store_form_response_amend(struct store *store, const struct note_reader *reader,
					 int64_t original, struct form_response *r,
					 const char *at, bool *withheld);

/* The writes below check the response's revision: CL_ERR_STALE when *revision is no longer
 * the stored one (another terminal saved since it was read), CL_ERR_INVALID when the response
 * is not in a state that allows the write, CL_ERR_NOTFOUND when there is none; nothing is
 * written unless CL_OK, and then *revision is the new one. The caller checks who writes. */

/* Sets the answer of (field, row) to value with that sensitivity, or removes it when value
 * is NULL or "". Only a draft's answers change. */
enum cl_status store_form_answer_save(struct store *store, int64_t response_id,
				      int64_t *revision, const char *field, int row,
				      const char *value, enum note_sensitivity sensitivity,
				      const char *at);

/* A computed score as stored. */
struct form_score {
	char score[FORM_ID_SIZE];
	bool has_value; /* false: it could not be scored (value is then 0) */
	double value;
	int missing;
	char level[FORM_LEVEL_SIZE];
	int band_set; /* -1 none, 0 the default bands, 1.. a variant's */
	char override_level[FORM_LEVEL_SIZE]; /* "" when not overridden */
	char override_reason[FORM_REASON_SIZE];
	int64_t override_by; /* 0 when not overridden; required when overridden */
	char final_level[FORM_LEVEL_SIZE]; /* override_level when set, else level */
};

/* Replaces all the draft's scores with scores[0..count). */
enum cl_status store_form_scores_save(struct store *store, int64_t response_id,
				      int64_t *revision, const struct form_score *scores,
				      size_t count, const char *at);

/* Moves the response to state `to`, done by `by` at `at`:
 * - draft -> final or pending_review (finalizing): finalized_by/at, and `text` (may be NULL)
 *   becomes the frozen one-line summary;
 * - pending_review -> approved or returned (review, by someone other than the author: the
 *   schema refuses the author, CL_ERR_CONSTRAINT): reviewed_by/at, `text` the review note;
 * - returned -> pending_review (resubmitted as it was; `text` ignored);
 * - returned -> draft (for the author to change it; `text` ignored): the submission (summary,
 *   finalized_by/at) is cleared, it is finalized again later.
 * Any other move is CL_ERR_INVALID. */
enum cl_status store_form_response_move(struct store *store, int64_t id, int64_t *revision,
					enum form_state to, int64_t by, const char *text,
					const char *at);

/* One response the reader may see (a draft only its author): CL_ERR_NOTFOUND otherwise,
 * exactly as for a missing one. */
enum cl_status store_form_response_get(struct store *store, const struct note_reader *reader,
				       int64_t id, struct form_response *out);

/* One answer; value is owned (form_answers_free). */
struct form_answer {
	char field[FORM_ID_SIZE];
	int row;
	char *value;
	enum note_sensitivity sensitivity;
};

/* Frees count answers and the array, and sets *answers to NULL (NULL-safe). */
void form_answers_free(struct form_answer **answers, size_t count);

/* The answers of a response the reader may see, by field then row, leaving out those whose
 * sensitivity needs a grant the reader lacks (unless the reader is the response's author);
 * *withheld (may be NULL) says whether any was left out. *answers is NULL when none;
 * otherwise the caller frees them with form_answers_free. CL_ERR_NOTFOUND as for
 * store_form_response_get. */
enum cl_status store_form_answers(struct store *store, const struct note_reader *reader,
				  int64_t response_id, struct form_answer **answers,
				  size_t *count, bool *withheld);

/* The scores of a response the reader may see, by score id. *scores is NULL when none;
 * otherwise the caller frees the array. CL_ERR_NOTFOUND as for store_form_response_get. */
enum cl_status store_form_scores(struct store *store, const struct note_reader *reader,
				 int64_t response_id, struct form_score **scores, size_t *count);

/* A person's responses the reader may see (drafts only their author's), newest first (by
 * id), at most cap into out. Keyset paging: before_id 0 for the first page, then the last
 * entry's id. A page shorter than cap is the last. amended_by_id marks those amended since. */
enum cl_status store_form_responses_of_person(struct store *store,
					      const struct note_reader *reader, int64_t person_id,
					      int64_t before_id, struct form_response *out,
					      size_t cap, size_t *count);

/* The responses waiting on their author (for the home screen): drafts and those returned by
 * review, newest first, keyset-paged like store_form_responses_of_person. */
enum cl_status store_form_drafts_of_author(struct store *store, int64_t author_id,
					   int64_t before_id, struct form_response *out,
					   size_t cap, size_t *count);

#endif
