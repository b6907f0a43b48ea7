/* formdef: the model's small helpers: names of types and case values, diagnostics,
 * lookups and freeing. Loading is in formload.c, the checks after loading in formlint.c. */
#include "caseload/formdef.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/text.h"
#include "formdef_internal.h"

static const char *const formdef_type_names[] = {
	[FORMDEF_TEXT] = "text",
	[FORMDEF_TEXTAREA] = "textarea",
	[FORMDEF_INTEGER] = "integer",
	[FORMDEF_DECIMAL] = "decimal",
	[FORMDEF_DATE] = "date",
	[FORMDEF_DATETIME] = "datetime",
	[FORMDEF_TIME] = "time",
	[FORMDEF_YES_NO] = "yes_no",
	[FORMDEF_ADDRESS] = "address",
	[FORMDEF_SELECT_ONE] = "select_one",
	[FORMDEF_SELECT_MULTIPLE] = "select_multiple",
	[FORMDEF_LIKERT] = "likert",
	[FORMDEF_NOTE] = "note",
	[FORMDEF_CALCULATED] = "calculated",
	[FORMDEF_ATTESTATION] = "attestation",
	[FORMDEF_REPEAT] = "repeat",
};

const char *formdef_type_name(enum formdef_field_type type)
{
	if ((unsigned)type >= sizeof formdef_type_names / sizeof formdef_type_names[0])
		return NULL;
	return formdef_type_names[type];
}

/* The person's values a form may read. At most 16: struct formeval_case holds 16. */
static const struct {
	const char *name;
	enum fval_kind kind;
} formdef_case_values[] = {
	{"sex", FVAL_STRING},
	{"age", FVAL_NUMBER},
	{"dob", FVAL_DATE},
	{"admission_date", FVAL_DATE},
	{"srd", FVAL_DATE},
	{"sentence_expiration", FVAL_DATE},
	{"custody", FVAL_STRING},
	{"risk_level", FVAL_STRING},
	{"language", FVAL_STRING},
	{"interpreter", FVAL_BOOL},
	{"housing_unit", FVAL_STRING},
};
#define FORMDEF_NCASE (sizeof formdef_case_values / sizeof formdef_case_values[0])
_Static_assert(FORMDEF_NCASE <= 16, "struct formeval_case holds 16 case values");

int formdef_case_slot(const char *name)
{
	for (size_t i = 0; name && i < FORMDEF_NCASE; i++)
		if (strcmp(name, formdef_case_values[i].name) == 0)
			return (int)i;
	return -1;
}

const char *formdef_case_name(int slot)
{
	if (slot < 0 || (size_t)slot >= FORMDEF_NCASE)
		return NULL;
	return formdef_case_values[slot].name;
}

size_t formdef_case_count(void)
{
	return FORMDEF_NCASE;
}

enum fval_kind formdef_case_kind(int slot)
{
	if (slot < 0 || (size_t)slot >= FORMDEF_NCASE)
		return FVAL_NULL;
	return formdef_case_values[slot].kind;
}

/* ---- diagnostics -------------------------------------------------------------------------- */

void formdef_diags_init(struct formdef_diags *d)
{
	d->items = NULL;
	d->count = d->cap = 0;
}

void formdef_diags_clear(struct formdef_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	formdef_diags_init(d);
}

size_t formdef_diags_errors(const struct formdef_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		n += d->items[i].severity == FORMDEF_ERROR;
	return n;
}

void formdef_diags_add(struct formdef_diags *d, const char *file, unsigned line,
		       unsigned column, enum formdef_severity severity, const char *fmt, ...)
{
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = xrealloc(d->items, d->cap * sizeof *d->items);
	}
	struct strbuf msg;
	strbuf_init(&msg);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	d->items[d->count++] = (struct formdef_diag){
	    .file = xstrdup(file ? file : ""),
	    .line = line,
	    .column = column,
	    .severity = severity,
	    .message = strbuf_detach(&msg),
	};
}

void formdef_diags_format(const struct formdef_diags *d, struct strbuf *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct formdef_diag *g = &d->items[i];
		const char *sev = g->severity == FORMDEF_ERROR ? "error" : "warning";
		if (g->line == 0)
			strbuf_printf(out, "%s: %s: %s\n", g->file, sev, g->message);
		else
			strbuf_printf(out, "%s:%u:%u: %s: %s\n", g->file, g->line, g->column, sev,
				      g->message);
	}
}

/* ---- names and suggestions ---------------------------------------------------------------- */

void formdef_put_echo(struct strbuf *out, const char *s)
{
	if (text_width(s) > FORMDEF_ECHO_COLUMNS)
		text_fit(out, s, FORMDEF_ECHO_COLUMNS, TEXT_LEFT);
	else
		text_sanitize(out, s, false);
}

void formdef_hint_init(struct formdef_hint *h, const char *typed)
{
	h->typed = typed;
	h->best = NULL;
	h->best_distance = SIZE_MAX;
}

void formdef_hint_offer(struct formdef_hint *h, const char *candidate)
{
	if (!candidate || strcmp(candidate, h->typed) == 0)
		return;
	size_t d = text_name_distance(h->typed, candidate, false);
	if (d <= 2 && d < h->best_distance) {
		h->best = candidate;
		h->best_distance = d;
	}
}

bool formdef_is_slug(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* ---- lookups ------------------------------------------------------------------------------ */

int formdef_field_slot(const struct formdef *def, const char *id)
{
	for (size_t i = 0; def && id && i < def->field_count; i++)
		if (strcmp(def->fields[i].id, id) == 0)
			return (int)i;
	return -1;
}

int formdef_score_index(const struct formdef *def, const char *id)
{
	for (size_t i = 0; def && id && i < def->score_count; i++)
		if (strcmp(def->scores[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct formdef_choice *formdef_choice_find(const struct formdef_choice_list *list,
						 const char *value)
{
	for (size_t i = 0; list && value && i < list->count; i++)
		if (strcmp(list->items[i].value, value) == 0)
			return &list->items[i];
	return NULL;
}

static int formdef_index_cmp(const void *a, const void *b)
{
	const struct formdef_index_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->slot > y->slot) - (x->slot < y->slot);
}

void formdef_index_build(struct formdef_index *ix, const struct formdef *def, bool scores)
{
	size_t n = def->field_count + (scores ? def->score_count : 0);
	ix->items = xcalloc(n ? n : 1, sizeof *ix->items);
	ix->count = 0;
	for (size_t i = 0; i < def->field_count; i++)
		ix->items[ix->count++] = (struct formdef_index_entry){def->fields[i].id, (int)i};
	for (size_t i = 0; scores && i < def->score_count; i++)
		ix->items[ix->count++] =
		    (struct formdef_index_entry){def->scores[i].id, (int)(def->field_count + i)};
	qsort(ix->items, ix->count, sizeof *ix->items, formdef_index_cmp);
}

int formdef_index_find(const struct formdef_index *ix, const char *name)
{
	size_t lo = 0, hi = ix->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, ix->items[mid].name);
		if (c == 0) {
			while (mid > 0 && strcmp(name, ix->items[mid - 1].name) == 0)
				mid--; /* the first of equal names: the lowest slot */
			return ix->items[mid].slot;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

void formdef_index_clear(struct formdef_index *ix)
{
	free(ix->items);
	ix->items = NULL;
	ix->count = 0;
}

/* ---- freeing ------------------------------------------------------------------------------ */

void formdef_expr_clear(struct formdef_expr *e)
{
	free(e->text);
	e->text = NULL;
	fexpr_free(&e->expr);
}

static void formdef_free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void formdef_field_clear(struct formdef_field *f)
{
	free(f->id);
	free(f->label);
	free(f->help);
	free(f->report_key);
	free(f->required_message);
	free(f->constraint_message);
	free(f->pattern);
	free(f->statement);
	struct formdef_expr *exprs[] = {&f->required_if, &f->relevant,   &f->default_value,
					&f->calculate,   &f->min,        &f->max,
					&f->constraint};
	for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++)
		formdef_expr_clear(exprs[i]);
}

static void formdef_score_clear(struct formdef_score *s)
{
	free(s->id);
	free(s->label);
	free(s->items);
	formdef_expr_clear(&s->expr);
	for (size_t i = 0; i < s->band_set_count; i++) {
		struct formdef_band_set *set = &s->band_sets[i];
		formdef_expr_clear(&set->when);
		for (size_t b = 0; b < set->count; b++) {
			free(set->bands[b].value);
			free(set->bands[b].label);
		}
		free(set->bands);
	}
	free(s->band_sets);
	formdef_free_strings(s->override_roles, s->override_role_count);
}

static void formdef_choice_list_clear(struct formdef_choice_list *l)
{
	free(l->name);
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].value);
		free(l->items[i].label);
	}
	free(l->items);
}

void formdef_free(struct formdef **defp)
{
	if (!defp || !*defp)
		return;
	struct formdef *def = *defp;
	free(def->id);
	free(def->title);
	free(def->description);
	free(def->provenance_source);
	formdef_free_strings(def->complete_roles, def->complete_role_count);
	formdef_free_strings(def->review_roles, def->review_role_count);
	formdef_expr_clear(&def->due);
	for (size_t i = 0; i < def->choice_list_count; i++)
		formdef_choice_list_clear(&def->choice_lists[i]);
	free(def->choice_lists);
	for (size_t i = 0; i < def->section_count; i++) {
		free(def->sections[i].id);
		free(def->sections[i].title);
		free(def->sections[i].help);
		formdef_expr_clear(&def->sections[i].relevant);
	}
	free(def->sections);
	for (size_t i = 0; i < def->field_count; i++)
		formdef_field_clear(&def->fields[i]);
	free(def->fields);
	for (size_t i = 0; i < def->score_count; i++)
		formdef_score_clear(&def->scores[i]);
	free(def->scores);
	for (size_t i = 0; i < def->rule_count; i++) {
		free(def->rules[i].id);
		free(def->rules[i].message);
		formdef_expr_clear(&def->rules[i].assert_expr);
		formdef_expr_clear(&def->rules[i].relevant);
	}
	free(def->rules);
	for (size_t i = 0; i < def->output_count; i++) {
		free(def->outputs[i].to);
		formdef_expr_clear(&def->outputs[i].from);
	}
	free(def->outputs);
	free(def->compute_order);
	free(def->source_path);
	free(def->source_text);
	free(def);
	*defp = NULL;
}
