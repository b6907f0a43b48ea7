#ifndef CASELOAD_FORMEVAL_H
#define CASELOAD_FORMEVAL_H
/* The form engine: the answers of one response held against its definition, with
 * everything derived from them (relevance, calculated values, scores, levels, validation)
 * recomputed after each change. Pure: no terminal, no database.
 *
 * Answers are text, exactly as typed (and as the store keeps them); the engine reads each as
 * its field's type. A text that does not read (a letter in an integer) stays as typed and
 * carries an error, so nothing a user typed is ever thrown away. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/date.h"
#include "caseload/formdef.h"
#include "caseload/formexpr.h"
#include "caseload/strbuf.h"

/* One message about one field (or rule, or score). */
struct formeval_issue {
	int slot;        /* field slot; -1 for a rule or the form as a whole */
	size_t row;      /* repeat row for sub-fields, else 0 */
	int rule;        /* rule index, or -1 */
	enum formdef_severity severity;
	char message[200];
};

/* A computed score: raw value, its level, override and the final level. */
struct formeval_score {
	bool has_value;        /* false: cannot be scored (too many missing items, ...) */
	double value;
	size_t missing;        /* items missing (unanswered, hidden or a missing choice) */
	char level[64];        /* banded value; "" when not banded or no value */
	int band_set;          /* which band set was used: 0 default, 1.. variants; -1 none */
	char override_level[64]; /* "" when not overridden */
	char override_reason[256];
	char final_level[64];  /* override_level when set, else level */
};

struct formeval; /* opaque */

/* The person's values that case.<name> reads, by formdef_case_slot; each owned by caller
 * and copied by formeval_new. `today` is the date today() returns. */
struct formeval_case {
	struct fval values[16];
	date_t today;
};

/* A new engine over def (which must outlive it) with no answers; computes once. */
struct formeval *formeval_new(const struct formdef *def, const struct formeval_case *person);
void formeval_free(struct formeval **ev); /* sets *ev to NULL; NULL-safe */

/* Sets the answer text of field slot (row for repeat sub-fields; 0 otherwise), NULL or ""
 * to clear, then recomputes what depends on it. select_multiple answers are the chosen
 * values joined by '\n'; yes_no is "yes"/"no"; dates "YYYY-MM-DD"; datetime
 * "YYYY-MM-DDTHH:MM". Returns CL_ERR_INVALID for a slot that takes no answer (note,
 * calculated, score) or a row out of range; the text is kept even when it does not read. */
enum cl_status formeval_set(struct formeval *ev, int slot, size_t row, const char *text);
/* The answer text as set, or "" (never NULL). A field with a `default` and no answer
 * returns the default's text (computed once by formeval_new, or by formeval_row_add for a
 * repeat's sub-fields): the value shown, stored only when the app saves it. Setting the
 * answer to "" brings the default back. */
const char *formeval_text(const struct formeval *ev, int slot, size_t row);
/* The value as the expressions see it (calculated and default values included): null for
 * a hidden field or a text that does not read. Score slots (def->field_count + index) give
 * the score's number, or a banded score's final level as a string. Owned by the engine,
 * valid until the next change; never NULL. */
const struct fval *formeval_value(const struct formeval *ev, int slot, size_t row);

/* Repeats: rows of repeat slot. */
size_t formeval_rows(const struct formeval *ev, int repeat_slot);
enum cl_status formeval_row_add(struct formeval *ev, int repeat_slot);    /* appends */
enum cl_status formeval_row_remove(struct formeval *ev, int repeat_slot, size_t row);

/* Skip logic: false when the field or its section is hidden (relevant false). Hidden fields
 * are skipped by validation and scoring but keep their answers. */
bool formeval_visible(const struct formeval *ev, int slot, size_t row);
bool formeval_section_visible(const struct formeval *ev, size_t section);
bool formeval_required(const struct formeval *ev, int slot, size_t row);

/* The message about one field ("" when none) and its severity. */
const char *formeval_field_message(const struct formeval *ev, int slot, size_t row,
				   enum formdef_severity *severity);
/* Every open issue in form order: errors block finalizing, warnings need confirmation.
 * The array is owned by the engine and valid until the next change. */
const struct formeval_issue *formeval_issues(const struct formeval *ev, size_t *count);
size_t formeval_error_count(const struct formeval *ev);

/* Scores by index in def->scores. */
const struct formeval_score *formeval_score(const struct formeval *ev, size_t index);
/* Overrides a banded score's level (empty level removes the override). CL_ERR_INVALID when
 * the score allows no override, the level is not one of its band values, or a required
 * reason is empty. */
enum cl_status formeval_override(struct formeval *ev, size_t index, const char *level,
				 const char *reason);

/* The answers as (slot, row, text) for storing, in slot order (rows in order within a
 * slot); calls emit once per non-empty answer, defaults not yet answered included (the text
 * formeval_text returns). */
void formeval_each_answer(const struct formeval *ev,
			  void (*emit)(void *ctx, int slot, size_t row, const char *text), void *ctx);

/* Evaluates expr, an expression bound to this engine's definition (an output's `from`, the
 * workflow's `due`), against the current answers, as a rule would: outside every repeat
 * row, hidden fields null. *out must be clear; the caller clears it. Row functions move
 * the engine's current row and put it back, so do not call it from two threads at once. */
void formeval_eval(const struct formeval *ev, const struct fexpr *expr, struct fval *out);

#endif
