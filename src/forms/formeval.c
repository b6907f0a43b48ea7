/* formeval: the engine's core. Answers per field (per row in repeats), the environment
 * expressions read them through, skip logic and calculated values. Every change recomputes
 * the whole response: visibility, then computed values in the definition's order, then
 * visibility again until it settles, then the checks (formeval_check.c). A whole pass over a
 * 300-field form costs well under a millisecond, and it cannot miss a dependency. */
#include "caseload/formeval.h"

#include <stdlib.h>
#include <string.h>

#include "formeval_internal.h"

/* Visibility and computed values read each other (a relevant may read a calculated value,
 * a calculation reads only visible fields). They settle in one or two rounds; a form whose
 * answers hide and show each other forever stops after this many. */
#define FE_MAX_ROUNDS 8

static const struct fval fe_null; /* what absent and hidden things read as */

bool fe_is_input(enum formdef_field_type type)
{
	return type != FORMDEF_NOTE && type != FORMDEF_CALCULATED && type != FORMDEF_LIKERT &&
	       type != FORMDEF_REPEAT;
}

const char *fe_cell_text(const struct fe_cell *c)
{
	return c->text ? c->text : c->deftext;
}

static bool fe_field_slot(const struct formeval *ev, int slot)
{
	return slot >= 0 && (size_t)slot < ev->def->field_count;
}

/* The cell of slot at row, or NULL when there is none. */
static struct fe_cell *fe_cell(const struct formeval *ev, int slot, size_t row)
{
	if (!fe_field_slot(ev, slot))
		return NULL;
	struct fe_field *f = &ev->fields[slot];
	return row < f->count ? &f->cells[row] : NULL;
}

/* ---- the environment ---------------------------------------------------------------------- */

static void fe_env_field(void *ctx, int slot, struct fval *out)
{
	struct formeval *ev = ctx;
	const struct formdef *def = ev->def;
	if (slot >= 0 && (size_t)slot >= def->field_count &&
	    (size_t)slot < def->field_count + def->score_count) {
		fval_copy(out, &ev->score_values[(size_t)slot - def->field_count]);
		return;
	}
	if (!fe_field_slot(ev, slot))
		return;
	int repeat = def->fields[slot].repeat;
	size_t row = repeat >= 0 ? ev->cur_row[repeat] : 0;
	const struct fe_cell *c = fe_cell(ev, slot, row);
	if (c && c->visible)
		fval_copy(out, &c->value);
}

static void fe_env_case(void *ctx, int slot, struct fval *out)
{
	struct formeval *ev = ctx;
	if (slot >= 0 && (size_t)slot < formdef_case_count() && slot < 16)
		fval_copy(out, &ev->person[slot]);
}

static const struct formdef_choice *fe_choice(struct formeval *ev, int slot, const char *value)
{
	if (!fe_field_slot(ev, slot) || !value)
		return NULL;
	return formdef_choice_find(ev->def->fields[slot].choices, value);
}

static bool fe_env_choice_score(void *ctx, int slot, const char *value, double *out)
{
	const struct formdef_choice *c = fe_choice(ctx, slot, value);
	if (!c || !c->has_score || c->missing)
		return false;
	*out = c->score;
	return true;
}

static bool fe_env_choice_missing(void *ctx, int slot, const char *value)
{
	const struct formdef_choice *c = fe_choice(ctx, slot, value);
	return c && c->missing;
}

static size_t fe_env_row_count(void *ctx, int slot)
{
	struct formeval *ev = ctx;
	if (!fe_field_slot(ev, slot) || ev->def->fields[slot].type != FORMDEF_REPEAT)
		return 0;
	return ev->fields[slot].rows;
}

static void fe_env_enter_row(void *ctx, int slot, size_t row)
{
	struct formeval *ev = ctx;
	if (!fe_field_slot(ev, slot))
		return;
	if (ev->mark_count == ev->mark_cap) {
		ev->mark_cap = ev->mark_cap ? ev->mark_cap * 2 : 16;
		ev->marks = xrealloc(ev->marks, ev->mark_cap * sizeof *ev->marks);
	}
	ev->marks[ev->mark_count++] = (struct fe_rowmark){slot, ev->cur_row[slot]};
	ev->cur_row[slot] = row;
}

static void fe_env_leave_row(void *ctx, int slot)
{
	struct formeval *ev = ctx;
	if (ev->mark_count == 0 || ev->marks[ev->mark_count - 1].slot != slot)
		return;
	ev->mark_count--;
	ev->cur_row[slot] = ev->marks[ev->mark_count].prev;
}

bool fe_eval(struct formeval *ev, const struct formdef_expr *e, int repeat, size_t row,
             const struct fval *dot, struct fval *out)
{
	if (!e->expr)
		return false;
	size_t saved = 0;
	if (repeat >= 0) {
		saved = ev->cur_row[repeat];
		ev->cur_row[repeat] = row;
	}
	ev->env.dot = dot;
	fexpr_eval(e->expr, &ev->env, out);
	ev->env.dot = NULL;
	if (repeat >= 0)
		ev->cur_row[repeat] = saved;
	return true;
}

bool fe_true_or_absent(struct formeval *ev, const struct formdef_expr *e, int repeat, size_t row)
{
	struct fval v = {0};
	if (!fe_eval(ev, e, repeat, row, NULL, &v))
		return true;
	bool yes = fval_truthy(&v);
	fval_clear(&v);
	return yes;
}

/* ---- skip logic --------------------------------------------------------------------------- */

/* Recomputes every visibility; true when any changed. */
static bool fe_visibility(struct formeval *ev)
{
	const struct formdef *def = ev->def;
	bool changed = false;
	for (size_t i = 0; i < def->section_count; i++) {
		bool vis = fe_true_or_absent(ev, &def->sections[i].relevant, -1, FE_NO_ROW);
		changed |= vis != ev->section_visible[i];
		ev->section_visible[i] = vis;
	}
	for (size_t slot = 0; slot < def->field_count; slot++) {
		const struct formdef_field *f = &def->fields[slot];
		bool base = f->section < 0 || (size_t)f->section >= def->section_count ||
		            ev->section_visible[f->section];
		/* parents come before their rows and sub-fields, so theirs is already known */
		const struct fe_cell *parent = fe_cell(ev, f->parent, 0);
		const struct fe_cell *repeat = fe_cell(ev, f->repeat, 0);
		if (base && f->parent >= 0)
			base = parent && parent->visible;
		if (base && f->repeat >= 0)
			base = repeat && repeat->visible;
		struct fe_field *ff = &ev->fields[slot];
		for (size_t row = 0; row < ff->count; row++) {
			bool vis = base && fe_true_or_absent(ev, &f->relevant, f->repeat, row);
			changed |= vis != ff->cells[row].visible;
			ff->cells[row].visible = vis;
		}
	}
	return changed;
}

/* ---- computed values ---------------------------------------------------------------------- */

/* The defaults computed by fe_compute: none, those outside repeats (a new response), or
 * one new row's. */
struct fe_defaults {
	bool any;
	int repeat;
	size_t row;
};

static void fe_default(struct formeval *ev, int slot, size_t row)
{
	const struct formdef_field *f = &ev->def->fields[slot];
	struct fe_cell *c = fe_cell(ev, slot, row);
	if (!c || c->text)
		return;
	struct fval v = {0};
	fe_eval(ev, &f->default_value, f->repeat, row, NULL, &v);
	free(c->deftext);
	c->deftext = v.kind == FVAL_NULL ? NULL : fe_default_text(f, &v);
	fval_clear(&v);
	fe_read(f, c);
}

static void fe_compute_field(struct formeval *ev, int slot, const struct fe_defaults *d)
{
	const struct formdef_field *f = &ev->def->fields[slot];
	struct fe_field *ff = &ev->fields[slot];
	if (f->calculate.expr) {
		for (size_t row = 0; row < ff->count; row++) {
			struct fval v = {0};
			fe_eval(ev, &f->calculate, f->repeat, row, NULL, &v);
			fval_clear(&ff->cells[row].value);
			ff->cells[row].value = v;
		}
	} else if (f->default_value.expr && d->any && f->repeat == d->repeat) {
		if (d->repeat < 0)
			fe_default(ev, slot, 0);
		else
			fe_default(ev, slot, d->row);
	}
}

static void fe_compute(struct formeval *ev, const struct fe_defaults *d)
{
	const struct formdef *def = ev->def;
	for (size_t i = 0; i < def->compute_count; i++) {
		int slot = def->compute_order[i];
		if (fe_field_slot(ev, slot))
			fe_compute_field(ev, slot, d);
		else if (slot >= 0 && (size_t)slot < def->field_count + def->score_count)
			fe_score(ev, (size_t)slot - def->field_count);
	}
}

static void fe_recompute(struct formeval *ev, const struct fe_defaults *d)
{
	static const struct fe_defaults none = {false, -1, 0};
	fe_visibility(ev);
	fe_compute(ev, d ? d : &none);
	for (int round = 1; round < FE_MAX_ROUNDS && fe_visibility(ev); round++)
		fe_compute(ev, &none);
	fe_validate(ev);
}

void fe_refresh(struct formeval *ev)
{
	fe_recompute(ev, NULL);
}

/* ---- life cycle --------------------------------------------------------------------------- */

struct formeval *formeval_new(const struct formdef *def, const struct formeval_case *person)
{
	if (!def)
		return NULL;
	struct formeval *ev = xcalloc(1, sizeof *ev);
	ev->def = def;
	ev->today = person ? person->today : DATE_NONE;
	for (size_t i = 0; person && i < formdef_case_count() && i < 16; i++)
		fval_copy(&ev->person[i], &person->values[i]);
	size_t nf = def->field_count ? def->field_count : 1;
	ev->fields = xcalloc(nf, sizeof *ev->fields);
	ev->cur_row = xcalloc(nf, sizeof *ev->cur_row);
	ev->section_visible = xcalloc(def->section_count ? def->section_count : 1, 1);
	size_t ns = def->score_count ? def->score_count : 1;
	ev->scores = xcalloc(ns, sizeof *ev->scores);
	ev->score_values = xcalloc(ns, sizeof *ev->score_values);
	for (size_t i = 0; i < def->field_count; i++) {
		const struct formdef_field *f = &def->fields[i];
		ev->cur_row[i] = FE_NO_ROW;
		/* a sub-field has no cell until its repeat has a row */
		ev->fields[i].count = f->repeat >= 0 ? 0 : 1;
		if (ev->fields[i].count)
			ev->fields[i].cells = xcalloc(1, sizeof *ev->fields[i].cells);
		if (f->type == FORMDEF_TEXT && f->pattern)
			ev->fields[i].has_re =
			    regcomp(&ev->fields[i].re, f->pattern, REG_EXTENDED | REG_NOSUB) == 0;
	}
	ev->env = (struct fexpr_env){
	    .ctx = ev,
	    .field = fe_env_field,
	    .case_value = fe_env_case,
	    .choice_score = fe_env_choice_score,
	    .choice_missing = fe_env_choice_missing,
	    .row_count = fe_env_row_count,
	    .enter_row = fe_env_enter_row,
	    .leave_row = fe_env_leave_row,
	    .today = ev->today,
	};
	const struct fe_defaults top = {true, -1, 0};
	fe_recompute(ev, &top);
	return ev;
}

static void fe_cell_clear(struct fe_cell *c)
{
	free(c->text);
	free(c->deftext);
	fval_clear(&c->value);
	memset(c, 0, sizeof *c);
}

void formeval_free(struct formeval **evp)
{
	if (!evp || !*evp)
		return;
	struct formeval *ev = *evp;
	for (size_t i = 0; i < ev->def->field_count; i++) {
		struct fe_field *f = &ev->fields[i];
		for (size_t r = 0; r < f->count; r++)
			fe_cell_clear(&f->cells[r]);
		free(f->cells);
		if (f->has_re)
			regfree(&f->re);
	}
	for (size_t i = 0; i < ev->def->score_count; i++)
		fval_clear(&ev->score_values[i]);
	for (size_t i = 0; i < 16; i++)
		fval_clear(&ev->person[i]);
	free(ev->fields);
	free(ev->cur_row);
	free(ev->section_visible);
	free(ev->scores);
	free(ev->score_values);
	free(ev->marks);
	free(ev->issues);
	free(ev);
	*evp = NULL;
}

/* ---- answers ------------------------------------------------------------------------------ */

enum cl_status formeval_set(struct formeval *ev, int slot, size_t row, const char *text)
{
	if (!ev || !fe_field_slot(ev, slot) || !fe_is_input(ev->def->fields[slot].type))
		return CL_ERR_INVALID;
	struct fe_cell *c = fe_cell(ev, slot, row);
	if (!c)
		return CL_ERR_INVALID;
	free(c->text);
	c->text = text && *text ? xstrdup(text) : NULL;
	fe_read(&ev->def->fields[slot], c);
	fe_recompute(ev, NULL);
	return CL_OK;
}

const char *formeval_text(const struct formeval *ev, int slot, size_t row)
{
	const struct fe_cell *c = ev ? fe_cell(ev, slot, row) : NULL;
	const char *text = c ? fe_cell_text(c) : NULL;
	return text ? text : "";
}

const struct fval *formeval_value(const struct formeval *ev, int slot, size_t row)
{
	if (!ev)
		return &fe_null;
	const struct formdef *def = ev->def;
	if (slot >= 0 && (size_t)slot >= def->field_count &&
	    (size_t)slot < def->field_count + def->score_count)
		return &ev->score_values[(size_t)slot - def->field_count];
	const struct fe_cell *c = fe_cell(ev, slot, row);
	return c && c->visible ? &c->value : &fe_null;
}

void formeval_each_answer(const struct formeval *ev,
                          void (*emit)(void *ctx, int slot, size_t row, const char *text),
                          void *ctx)
{
	if (!ev || !emit)
		return;
	for (size_t slot = 0; slot < ev->def->field_count; slot++) {
		const struct fe_field *f = &ev->fields[slot];
		for (size_t row = 0; row < f->count; row++) {
			const char *text = fe_cell_text(&f->cells[row]);
			if (text && *text)
				emit(ctx, (int)slot, row, text);
		}
	}
}

void formeval_eval(const struct formeval *cev, const struct fexpr *expr, struct fval *out)
{
	if (!cev || !expr || !out)
		return;
	/* Row functions move the current row and put it back: the engine ends as it began. */
	struct formeval *ev = (struct formeval *)cev;
	fexpr_eval(expr, &ev->env, out);
}

/* ---- repeats ------------------------------------------------------------------------------ */

static bool fe_repeat(const struct formeval *ev, int slot)
{
	return ev && fe_field_slot(ev, slot) && ev->def->fields[slot].type == FORMDEF_REPEAT;
}

size_t formeval_rows(const struct formeval *ev, int repeat_slot)
{
	return fe_repeat(ev, repeat_slot) ? ev->fields[repeat_slot].rows : 0;
}

enum cl_status formeval_row_add(struct formeval *ev, int repeat_slot)
{
	if (!fe_repeat(ev, repeat_slot))
		return CL_ERR_INVALID;
	const struct formdef_field *r = &ev->def->fields[repeat_slot];
	size_t rows = ev->fields[repeat_slot].rows;
	size_t max = r->max_rows >= 0 ? (size_t)r->max_rows : FE_MAX_ROWS;
	if (rows >= max)
		return CL_ERR_INVALID;
	for (size_t slot = 0; slot < ev->def->field_count; slot++) {
		struct fe_field *f = &ev->fields[slot];
		if (ev->def->fields[slot].repeat != repeat_slot)
			continue;
		f->cells = xrealloc(f->cells, (rows + 1) * sizeof *f->cells);
		memset(&f->cells[rows], 0, sizeof f->cells[rows]);
		f->count = rows + 1;
	}
	ev->fields[repeat_slot].rows = rows + 1;
	/* the row's defaults see its other cells' visibility */
	fe_visibility(ev);
	const struct fe_defaults d = {true, repeat_slot, rows};
	fe_recompute(ev, &d);
	return CL_OK;
}

enum cl_status formeval_row_remove(struct formeval *ev, int repeat_slot, size_t row)
{
	if (!fe_repeat(ev, repeat_slot) || row >= ev->fields[repeat_slot].rows)
		return CL_ERR_INVALID;
	size_t rows = ev->fields[repeat_slot].rows;
	for (size_t slot = 0; slot < ev->def->field_count; slot++) {
		struct fe_field *f = &ev->fields[slot];
		if (ev->def->fields[slot].repeat != repeat_slot || f->count != rows)
			continue;
		fe_cell_clear(&f->cells[row]);
		memmove(&f->cells[row], &f->cells[row + 1], (rows - row - 1) * sizeof *f->cells);
		f->count = rows - 1;
	}
	ev->fields[repeat_slot].rows = rows - 1;
	fe_recompute(ev, NULL);
	return CL_OK;
}

/* ---- what the screens ask ----------------------------------------------------------------- */

bool formeval_visible(const struct formeval *ev, int slot, size_t row)
{
	const struct fe_cell *c = ev ? fe_cell(ev, slot, row) : NULL;
	return c && c->visible;
}

bool formeval_section_visible(const struct formeval *ev, size_t section)
{
	return ev && section < ev->def->section_count && ev->section_visible[section];
}

bool formeval_required(const struct formeval *ev, int slot, size_t row)
{
	const struct fe_cell *c = ev ? fe_cell(ev, slot, row) : NULL;
	return c && c->visible && c->required;
}

const char *formeval_field_message(const struct formeval *ev, int slot, size_t row,
                                   enum formdef_severity *severity)
{
	const struct fe_cell *c = ev ? fe_cell(ev, slot, row) : NULL;
	if (severity)
		*severity = c && c->message[0] ? c->severity : FORMDEF_ERROR;
	return c ? c->message : "";
}

const struct formeval_issue *formeval_issues(const struct formeval *ev, size_t *count)
{
	if (count)
		*count = ev ? ev->issue_count : 0;
	return ev ? ev->issues : NULL;
}

size_t formeval_error_count(const struct formeval *ev)
{
	return ev ? ev->errors : 0;
}
