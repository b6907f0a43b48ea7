/* formlint: the checks that need the whole model. Every expression is parsed and bound
 * (names to slots), references are checked against fields, scores and case values (with a
 * "did you mean"), a repeat's sub-fields are read only within its rows, computed values are
 * put in dependency order (a cycle is an error), and bands are sorted and checked for gaps
 * and overlaps. Also the checks between two versions of one form. */
#include "caseload/formdef.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formdef_internal.h"

struct lint {
	struct formdef *def;
	struct formdef_diags *diags;
	const char *file;
	size_t errors;
	size_t nodes; /* field_count + score_count: the slots expressions may name */
	struct formdef_index names;
};

static void lint_error(struct lint *l, struct formdef_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void lint_error(struct lint *l, struct formdef_pos pos, const char *fmt, ...)
{
	if (l->errors >= FORMDEF_MAX_ERRORS)
		return;
	struct strbuf msg;
	strbuf_init(&msg);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (++l->errors == FORMDEF_MAX_ERRORS) {
		strbuf_reset(&msg);
		strbuf_puts(&msg, "too many errors; fix the ones above first");
	}
	formdef_diags_add(l->diags, l->file, pos.line, pos.column, FORMDEF_ERROR, "%s", msg.buf);
	strbuf_clear(&msg);
}

/* ---- where an expression is -------------------------------------------------------------- */

/* One expression of the form and what it belongs to. */
struct lint_site {
	struct formdef_expr *e;
	const char *key;        /* "relevant", "calculate", ... for messages */
	struct formdef_pos owner; /* the field, score, rule ... that holds it */
	int field;              /* owning field slot (for repeat scope), or -1 */
	int node;               /* the computed value it defines (slot), or -1 */
	bool dot;               /* '.' allowed: a constraint */
};

/* Byte offset in e->text to a file position, as forms-spec.md says: on the scalar's line
 * for single-line scalars, at its start otherwise. */
static struct formdef_pos lint_pos(const struct lint_site *s, size_t offset)
{
	const struct formdef_expr *e = s->e;
	if (offset < e->prefix)
		return s->owner;
	if (!e->single_line)
		return e->pos;
	size_t len = strlen(e->text);
	size_t end = offset < len ? offset : len;
	unsigned column = e->pos.column;
	for (size_t i = e->prefix; i < end; i++)
		column += ((unsigned char)e->text[i] & 0xC0) != 0x80;
	return (struct formdef_pos){e->pos.line, column};
}

/* ---- names --------------------------------------------------------------------------------- */

/* A field or score name to its slot (scores after the fields), or -1. */
static int lint_slot(const struct lint *l, const char *name)
{
	return formdef_index_find(&l->names, name);
}

static int lint_resolve_field(void *ctx, const char *name)
{
	return lint_slot(ctx, name);
}

static int lint_resolve_case(void *ctx, const char *name)
{
	(void)ctx;
	return formdef_case_slot(name);
}

static const char *lint_slot_name(const struct formdef *def, int slot)
{
	if (slot < 0)
		return "?";
	if ((size_t)slot < def->field_count)
		return def->fields[slot].id;
	return def->scores[(size_t)slot - def->field_count].id;
}

struct lint_refs {
	struct fexpr_ref *items;
	size_t count, cap;
};

static bool lint_collect(void *ctx, const struct fexpr_ref *ref)
{
	struct lint_refs *r = ctx;
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	r->items[r->count++] = *ref;
	return true;
}

static void lint_unknown_field(struct lint *l, const struct lint_site *s,
			       const struct fexpr_ref *ref)
{
	const struct formdef *def = l->def;
	if (l->errors >= FORMDEF_MAX_ERRORS)
		return; /* no more messages: spare the search for a hint */
	struct formdef_hint hint;
	formdef_hint_init(&hint, ref->name);
	for (size_t i = 0; i < def->field_count; i++)
		formdef_hint_offer(&hint, def->fields[i].id);
	for (size_t i = 0; i < def->score_count; i++)
		formdef_hint_offer(&hint, def->scores[i].id);
	struct strbuf echo;
	strbuf_init(&echo);
	formdef_put_echo(&echo, ref->name);
	if (hint.best)
		lint_error(l, lint_pos(s, ref->offset), "unknown field \"$%s\" (did you mean \"$%s\"?)",
			   echo.buf, hint.best);
	else
		lint_error(l, lint_pos(s, ref->offset), "unknown field \"$%s\"", echo.buf);
	strbuf_clear(&echo);
}

static void lint_unknown_case(struct lint *l, const struct lint_site *s,
			      const struct fexpr_ref *ref)
{
	struct formdef_hint hint;
	formdef_hint_init(&hint, ref->name);
	for (size_t i = 0; i < formdef_case_count(); i++)
		formdef_hint_offer(&hint, formdef_case_name((int)i));
	struct strbuf echo;
	strbuf_init(&echo);
	formdef_put_echo(&echo, ref->name);
	if (hint.best)
		lint_error(l, lint_pos(s, ref->offset),
			   "unknown case value \"case.%s\" (did you mean \"case.%s\"?)", echo.buf,
			   hint.best);
	else
		lint_error(l, lint_pos(s, ref->offset), "unknown case value \"case.%s\"", echo.buf);
	strbuf_clear(&echo);
}

/* A repeat's sub-fields have one value per row: outside that repeat they are read only in
 * the per-row argument of sum_rows/any_row over it. */
static bool lint_scope_ok(const struct formdef *def, const struct lint_site *s, int slot,
			  const struct fexpr_ref *ref)
{
	if (slot < 0 || (size_t)slot >= def->field_count)
		return true;
	int repeat = def->fields[slot].repeat;
	if (repeat < 0)
		return true;
	if (s->field >= 0 && def->fields[s->field].repeat == repeat)
		return true;
	if (!ref->in_row || !ref->row_repeat)
		return false;
	const char *name = ref->row_repeat[0] == '$' ? ref->row_repeat + 1 : ref->row_repeat;
	return strcmp(name, def->fields[repeat].id) == 0;
}

/* Checks the references of a parsed expression; false after reporting one. */
static bool lint_refs(struct lint *l, const struct lint_site *s, const struct lint_refs *refs)
{
	const struct formdef *def = l->def;
	bool ok = true;
	for (size_t i = 0; i < refs->count; i++) {
		const struct fexpr_ref *ref = &refs->items[i];
		if (ref->kind == FEXPR_REF_DOT) {
			if (!s->dot) {
				lint_error(l, lint_pos(s, ref->offset), "\".\" (the value being checked) can only be used in "
					   "a constraint");
				ok = false;
			}
		} else if (ref->kind == FEXPR_REF_CASE) {
			if (formdef_case_slot(ref->name) < 0) {
				lint_unknown_case(l, s, ref);
				ok = false;
			}
		} else {
			int slot = lint_slot(l, ref->name);
			if (slot < 0) {
				lint_unknown_field(l, s, ref);
				ok = false;
			} else if (!lint_scope_ok(def, s, slot, ref)) {
				const char *rep = def->fields[def->fields[slot].repeat].id;
				lint_error(l, lint_pos(s, ref->offset), "\"$%s\" is a field of repeat \"%s\": read it inside "
					   "sum_rows($%s, ...) or any_row($%s, ...)", ref->name, rep,
					   rep, rep);
				ok = false;
			}
		}
	}
	return ok;
}

/* ---- the dependency graph of computed values ---------------------------------------------- */

struct lint_graph {
	size_t n;          /* nodes: slots */
	bool *computed;    /* per slot */
	int **deps;        /* per slot: the computed slots it reads */
	size_t *ndeps, *capdeps;
	struct formdef_pos *pos; /* per slot: where it is defined, for the cycle message */
};

static void lint_graph_init(struct lint_graph *g, size_t n)
{
	g->n = n;
	g->computed = xcalloc(n ? n : 1, sizeof *g->computed);
	g->deps = xcalloc(n ? n : 1, sizeof *g->deps);
	g->ndeps = xcalloc(n ? n : 1, sizeof *g->ndeps);
	g->capdeps = xcalloc(n ? n : 1, sizeof *g->capdeps);
	g->pos = xcalloc(n ? n : 1, sizeof *g->pos);
}

static void lint_graph_clear(struct lint_graph *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->deps[i]);
	free(g->deps);
	free(g->ndeps);
	free(g->capdeps);
	free(g->computed);
	free(g->pos);
}

static void lint_graph_edge(struct lint_graph *g, int from, int to)
{
	if (from < 0 || to < 0 || (size_t)from >= g->n || (size_t)to >= g->n)
		return;
	size_t u = (size_t)from;
	if (g->ndeps[u] == g->capdeps[u]) {
		g->capdeps[u] = g->capdeps[u] ? g->capdeps[u] * 2 : 4;
		g->deps[u] = xrealloc(g->deps[u], g->capdeps[u] * sizeof *g->deps[u]);
	}
	g->deps[u][g->ndeps[u]++] = to;
}

/* Depth-first in slot order, each value after what it reads; an explicit stack, so a long
 * chain cannot exhaust the C stack. On a cycle reports it as "a -> b -> a" and stops. */
static bool lint_order(struct lint *l, struct lint_graph *g)
{
	struct formdef *def = l->def;
	enum { WHITE, GREY, BLACK };
	unsigned char *color = xcalloc(g->n ? g->n : 1, 1);
	size_t *stack = xcalloc(g->n ? g->n : 1, sizeof *stack);
	size_t *next = xcalloc(g->n ? g->n : 1, sizeof *next);
	def->compute_order = xcalloc(g->n ? g->n : 1, sizeof *def->compute_order);
	def->compute_count = 0;
	bool ok = true;
	for (size_t root = 0; root < g->n && ok; root++) {
		if (!g->computed[root] || color[root] != WHITE)
			continue;
		size_t depth = 0;
		stack[depth++] = root;
		color[root] = GREY;
		next[root] = 0;
		while (depth > 0 && ok) {
			size_t u = stack[depth - 1];
			if (next[u] == g->ndeps[u]) {
				color[u] = BLACK;
				def->compute_order[def->compute_count++] = (int)u;
				depth--;
				continue;
			}
			size_t v = (size_t)g->deps[u][next[u]++];
			if (!g->computed[v] || color[v] == BLACK)
				continue;
			if (color[v] == WHITE) {
				color[v] = GREY;
				next[v] = 0;
				stack[depth++] = v;
				continue;
			}
			/* v is on the stack: the cycle runs from there to u and back to v */
			size_t at = 0;
			while (stack[at] != v)
				at++;
			struct strbuf path;
			strbuf_init(&path);
			for (size_t i = at; i < depth; i++)
				strbuf_printf(&path, "%s -> ", lint_slot_name(def, (int)stack[i]));
			strbuf_puts(&path, lint_slot_name(def, (int)v));
			lint_error(l, g->pos[v], "calculated values form a cycle: %s", path.buf);
			strbuf_clear(&path);
			ok = false;
		}
	}
	free(color);
	free(stack);
	free(next);
	return ok;
}

/* ---- expressions -------------------------------------------------------------------------- */

/* Parses, checks and binds one expression; records what a computed value reads. */
static bool lint_expr(struct lint *l, const struct lint_site *s, struct lint_graph *g)
{
	struct formdef_expr *e = s->e;
	if (!e->text)
		return true;
	fexpr_free(&e->expr);
	struct fexpr_error err = {0};
	e->expr = fexpr_parse(e->text, &err);
	if (!e->expr) {
		lint_error(l, lint_pos(s, err.offset), "%s", err.message);
		return false;
	}
	struct lint_refs refs = {0};
	fexpr_refs(e->expr, lint_collect, &refs);
	bool ok = lint_refs(l, s, &refs);
	if (ok) {
		struct fexpr_binder binder = {l, lint_resolve_field, lint_resolve_case};
		if (!fexpr_bind(e->expr, &binder, &err)) {
			lint_error(l, lint_pos(s, err.offset), "%s", err.message);
			ok = false;
		}
	}
	for (size_t i = 0; ok && s->node >= 0 && i < refs.count; i++)
		if (refs.items[i].kind == FEXPR_REF_FIELD)
			lint_graph_edge(g, s->node, lint_slot(l, refs.items[i].name));
	free(refs.items);
	if (!ok)
		fexpr_free(&e->expr);
	return ok;
}

static bool lint_site(struct lint *l, struct lint_graph *g, struct formdef_expr *e,
		      const char *key, struct formdef_pos owner, int field, int node, bool dot)
{
	struct lint_site s = {e, key, owner, field, node, dot};
	return lint_expr(l, &s, g);
}

static bool lint_fields(struct lint *l, struct lint_graph *g)
{
	struct formdef *def = l->def;
	bool ok = true;
	for (size_t i = 0; i < def->field_count; i++) {
		struct formdef_field *f = &def->fields[i];
		int slot = (int)i;
		if (f->calculate.text || f->default_value.text) {
			g->computed[i] = true;
			g->pos[i] = f->calculate.text ? f->calculate.pos : f->default_value.pos;
		}
		ok &= lint_site(l, g, &f->required_if, "required", f->pos, slot, -1, false);
		ok &= lint_site(l, g, &f->relevant, "relevant", f->pos, slot, -1, false);
		ok &= lint_site(l, g, &f->default_value, "default", f->pos, slot, slot, false);
		ok &= lint_site(l, g, &f->calculate, "calculate", f->pos, slot, slot, false);
		ok &= lint_site(l, g, &f->min, "min", f->pos, slot, -1, false);
		ok &= lint_site(l, g, &f->max, "max", f->pos, slot, -1, false);
		ok &= lint_site(l, g, &f->constraint, "constraint", f->pos, slot, -1, true);
	}
	for (size_t i = 0; i < def->section_count; i++)
		ok &= lint_site(l, g, &def->sections[i].relevant, "relevant", def->sections[i].pos,
				-1, -1, false);
	return ok;
}

static bool lint_scores(struct lint *l, struct lint_graph *g)
{
	struct formdef *def = l->def;
	bool ok = true;
	for (size_t i = 0; i < def->score_count; i++) {
		struct formdef_score *s = &def->scores[i];
		int node = (int)(def->field_count + i);
		g->computed[node] = true;
		g->pos[node] = s->expr.text ? s->expr.pos : s->pos;
		ok &= lint_site(l, g, &s->expr, "expr", s->pos, -1, node, false);
		for (size_t b = 0; b < s->band_set_count; b++)
			ok &= lint_site(l, g, &s->band_sets[b].when, "when", s->pos, -1, node, false);
		for (size_t j = 0; j < s->item_count; j++)
			lint_graph_edge(g, node, s->items[j]);
		lint_graph_edge(g, node, s->from);
	}
	for (size_t i = 0; i < def->rule_count; i++) {
		struct formdef_rule *r = &def->rules[i];
		ok &= lint_site(l, g, &r->assert_expr, "assert", r->pos, -1, -1, false);
		ok &= lint_site(l, g, &r->relevant, "relevant", r->pos, -1, -1, false);
	}
	for (size_t i = 0; i < def->output_count; i++)
		ok &= lint_site(l, g, &def->outputs[i].from, "from", def->outputs[i].pos, -1, -1,
				false);
	ok &= lint_site(l, g, &def->due, "due", (struct formdef_pos){1, 1}, -1, -1, false);
	return ok;
}

/* ---- bands -------------------------------------------------------------------------------- */

static int lint_band_cmp(const void *pa, const void *pb)
{
	const struct formdef_band *a = pa, *b = pb;
	if (a->has_min != b->has_min)
		return a->has_min ? 1 : -1; /* an open lower end comes first */
	if (!a->has_min || a->min == b->min) {
		if (a->has_max != b->has_max)
			return a->has_max ? -1 : 1;
		return a->has_max && a->max != b->max ? (a->max < b->max ? -1 : 1) : 0;
	}
	return a->min < b->min ? -1 : 1;
}

/* More than one step between neighbouring bands. Band limits and steps are decimals that
 * binary doubles hold inexactly (1.1 - 1.0 > 0.1), so allow a relative rounding error. */
static bool lint_gap(double prev_max, double next_min, double step)
{
	double magnitude = fabs(prev_max) > fabs(next_min) ? fabs(prev_max) : fabs(next_min);
	if (magnitude < step)
		magnitude = step;
	return next_min - prev_max > step + 1e-9 * magnitude;
}

static bool lint_band_set(struct lint *l, const struct formdef_score *s,
			  struct formdef_band_set *set, struct formdef_pos at)
{
	if (set->count == 0)
		return true;
	qsort(set->bands, set->count, sizeof *set->bands, lint_band_cmp);
	bool ok = true;
	for (size_t i = 0; i < set->count; i++) {
		const struct formdef_band *b = &set->bands[i];
		if ((!b->has_min && i > 0) || (!b->has_max && i + 1 < set->count)) {
			struct strbuf echo;
			strbuf_init(&echo);
			formdef_put_echo(&echo, b->value);
			lint_error(l, at, "only the %s band may leave out \"%s\" (band \"%s\")",
				   b->has_min ? "last" : "first", b->has_min ? "max" : "min", echo.buf);
			strbuf_clear(&echo);
			ok = false;
		}
		if (i == 0 || !b->has_min || !set->bands[i - 1].has_max)
			continue;
		double prev = set->bands[i - 1].max;
		if (b->min <= prev) {
			lint_error(l, at, "bands overlap between %g and %g", b->min, prev);
			ok = false;
		} else if (lint_gap(prev, b->min, s->step)) {
			lint_error(l, at, "bands leave a gap between %g and %g", prev, b->min);
			ok = false;
		}
	}
	const struct formdef_band *first = &set->bands[0], *last = &set->bands[set->count - 1];
	if (s->has_range && first->has_min && first->min > s->range_lo) {
		lint_error(l, at, "bands do not cover %g, the low end of the range", s->range_lo);
		ok = false;
	}
	if (s->has_range && last->has_max && last->max < s->range_hi) {
		lint_error(l, at, "bands do not cover %g, the high end of the range", s->range_hi);
		ok = false;
	}
	return ok;
}

static bool lint_bands(struct lint *l)
{
	bool ok = true;
	for (size_t i = 0; i < l->def->score_count; i++) {
		struct formdef_score *s = &l->def->scores[i];
		for (size_t b = 0; b < s->band_set_count; b++) {
			struct formdef_band_set *set = &s->band_sets[b];
			ok &= lint_band_set(l, s, set, b == 0 ? s->bands_pos : set->when.pos);
		}
	}
	return ok;
}

bool formdef_lint(struct formdef *def, struct formdef_diags *diags)
{
	struct lint l = {def, diags, def->source_path ? def->source_path : "", 0,
			 def->field_count + def->score_count, {0}};
	formdef_index_build(&l.names, def, true);
	struct lint_graph g;
	lint_graph_init(&g, l.nodes);
	bool ok = lint_fields(&l, &g);
	ok &= lint_scores(&l, &g);
	ok &= lint_bands(&l);
	if (ok)
		ok = lint_order(&l, &g);
	lint_graph_clear(&g);
	formdef_index_clear(&l.names);
	return ok && l.errors == 0;
}

/* ---- versions ----------------------------------------------------------------------------- */

static const struct formdef_choice_list *lint_list_named(const struct formdef *def,
							 const char *name)
{
	for (size_t i = 0; i < def->choice_list_count; i++)
		if (strcmp(def->choice_lists[i].name, name) == 0)
			return &def->choice_lists[i];
	return NULL;
}

static void lint_version_choice(const struct formdef *older, const struct formdef *newer,
				const struct formdef_choice_list *list,
				const struct formdef_choice *was, const struct formdef_choice *now,
				struct formdef_diags *diags)
{
	const char *file = newer->source_path ? newer->source_path : "";
	struct strbuf v;
	strbuf_init(&v);
	formdef_put_echo(&v, now->value);
	if (was->missing != now->missing) {
		formdef_diags_add(diags, file, now->pos.line, now->pos.column, FORMDEF_ERROR,
				  "choice \"%s\" of list \"%s\" %s a missing answer in version %d "
				  "but %s in version %d; use a new value",
				  v.buf, list->name, was->missing ? "was" : "was not", older->version,
				  now->missing ? "is" : "is not", newer->version);
	} else if (was->has_score != now->has_score ||
		   (was->has_score && was->score != now->score)) {
		struct strbuf a, b;
		strbuf_init(&a);
		strbuf_init(&b);
		if (was->has_score)
			strbuf_printf(&a, "scored %g", was->score);
		else
			strbuf_puts(&a, "had no score");
		if (now->has_score)
			strbuf_printf(&b, "scores %g", now->score);
		else
			strbuf_puts(&b, "has no score");
		formdef_diags_add(diags, file, now->pos.line, now->pos.column, FORMDEF_ERROR,
				  "choice \"%s\" of list \"%s\" %s in version %d but %s in version "
				  "%d; a value never changes meaning, use a new value",
				  v.buf, list->name, a.buf, older->version, b.buf, newer->version);
		strbuf_clear(&a);
		strbuf_clear(&b);
	}
	strbuf_clear(&v);
}

void formdef_check_versions(const struct formdef *older, const struct formdef *newer,
			    struct formdef_diags *diags)
{
	if (!older || !newer)
		return;
	const char *file = newer->source_path ? newer->source_path : "";
	if (newer->version <= older->version)
		formdef_diags_add(diags, file, 1, 1, FORMDEF_ERROR,
				  "version %d of form \"%s\" must be greater than version %d", newer->version,
				  newer->id, older->version);
	for (size_t i = 0; i < newer->choice_list_count; i++) {
		const struct formdef_choice_list *now = &newer->choice_lists[i];
		const struct formdef_choice_list *was = lint_list_named(older, now->name);
		for (size_t c = 0; was && c < now->count; c++) {
			const struct formdef_choice *old = formdef_choice_find(was, now->items[c].value);
			if (old)
				lint_version_choice(older, newer, now, old, &now->items[c], diags);
		}
	}
}
