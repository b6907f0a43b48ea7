#ifndef CASELOAD_FORMEVAL_INTERNAL_H
#define CASELOAD_FORMEVAL_INTERNAL_H
/* Private to src/forms/formeval*.c: the engine's state, shared by the core (formeval.c:
 * answers, rows, skip logic, calculated values), the reading of typed text
 * (formeval_read.c) and the checks and scores (formeval_check.c). */
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "caseload/formeval.h"

#define FE_NO_ROW ((size_t)-1)
/* Rows of a repeat without max_rows: as many as the loader allows for max_rows. */
#define FE_MAX_ROWS 10000

/* One answer place: a field outside repeats has one, a repeat's sub-field one per row. */
struct fe_cell {
	char *text;        /* the answer as set; NULL when none */
	char *deftext;     /* the default's text (used while there is no answer); or NULL */
	struct fval value; /* the text read as the field's type, or the calculated value;
	                    * held whether or not the field is visible */
	const char *bad;   /* why the text does not read (a static message), or NULL */
	bool visible;
	bool required; /* as of the last check (visible input fields only) */
	enum formdef_severity severity;
	char message[200]; /* the field's open issue, "" when none */
};

struct fe_field {
	struct fe_cell *cells;
	size_t count; /* cells: the repeat's rows for sub-fields, else 1 */
	size_t rows;  /* repeat fields: their rows */
	bool has_re;
	regex_t re; /* text fields with a pattern, compiled once */
};

struct fe_rowmark {
	int slot;
	size_t prev;
};

struct formeval {
	const struct formdef *def;
	struct fval person[16];
	date_t today;
	struct fe_field *fields;       /* def->field_count */
	bool *section_visible;         /* def->section_count */
	struct formeval_score *scores; /* def->score_count */
	struct fval *score_values;     /* what $score reads */
	size_t *cur_row;               /* per field slot: the current row of a repeat */
	struct fe_rowmark *marks;      /* rows entered by row functions, to restore on leave */
	size_t mark_count, mark_cap;
	struct fexpr_env env;
	struct formeval_issue *issues;
	size_t issue_count, issue_cap, errors;
};

/* Evaluates e (absent: false, *out stays null) with row `row` of the field's repeat current
 * (FE_NO_ROW: outside rows) and dot as '.'. */
bool fe_eval(struct formeval *ev, const struct formdef_expr *e, int repeat, size_t row,
             const struct fval *dot, struct fval *out);
/* True when e is absent or evaluates to true. */
bool fe_true_or_absent(struct formeval *ev, const struct formdef_expr *e, int repeat, size_t row);
/* Recomputes everything derived from the answers (after an override). */
void fe_refresh(struct formeval *ev);
/* The text the field shows: the answer, else the default's text, else NULL. */
const char *fe_cell_text(const struct fe_cell *c);
bool fe_is_input(enum formdef_field_type type);

/* formeval_read.c: reads text as field f's type into c->value (or sets c->bad). */
void fe_read(const struct formdef_field *f, struct fe_cell *c);
/* The answer text a computed default gives a field of this type (caller frees). */
char *fe_default_text(const struct formdef_field *f, const struct fval *v);

/* formeval_check.c */
void fe_score(struct formeval *ev, size_t index);
void fe_validate(struct formeval *ev);

#endif
