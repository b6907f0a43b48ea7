/* formeval_check: what the engine derives for people to act on: scores and levels (with
 * overrides), each visible field's checks, repeats' row counts and the form's rules, as
 * one list of issues in form order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formeval_internal.h"

/* ---- scores ------------------------------------------------------------------------------- */

/* The points an item earns, or false when it is missing: unanswered, hidden, or only
 * choices marked missing or without a score. */
static bool fe_item_points(struct formeval *ev, int slot, double *points)
{
	const struct fe_field *ff =
	    slot >= 0 && (size_t)slot < ev->def->field_count ? &ev->fields[slot] : NULL;
	if (!ff || ff->count == 0 || !ff->cells[0].visible)
		return false;
	const struct formdef_choice_list *list = ev->def->fields[slot].choices;
	const struct fval *v = &ff->cells[0].value;
	const struct fval *items = v->kind == FVAL_LIST ? v->u.list.items : v;
	size_t n = v->kind == FVAL_LIST ? v->u.list.count : v->kind == FVAL_STRING;
	bool any = false;
	*points = 0;
	for (size_t i = 0; i < n; i++) {
		const struct formdef_choice *c =
		    items[i].kind == FVAL_STRING ? formdef_choice_find(list, items[i].u.str) : NULL;
		if (c && c->has_score && !c->missing) {
			*points += c->score;
			any = true;
		}
	}
	return any;
}

static void fe_score_items(struct formeval *ev, const struct formdef_score *s,
                           struct formeval_score *out)
{
	double sum = 0, points;
	size_t answered = 0;
	for (size_t i = 0; i < s->item_count; i++) {
		if (fe_item_points(ev, s->items[i], &points)) {
			sum += points;
			answered++;
		}
	}
	out->missing = s->item_count - answered;
	/* nothing answered is nothing scored, whatever max_missing allows */
	if (answered == 0 || (s->max_missing >= 0 && out->missing > (size_t)s->max_missing))
		return;
	out->has_value = true;
	out->value =
	    s->prorate ? round(sum * (double)s->item_count / (double)answered * 10) / 10 : sum;
}

static bool fe_in_band(const struct formdef_band *b, double v)
{
	double eps = 1e-9 * (fabs(v) > 1 ? fabs(v) : 1);
	return (!b->has_min || v >= b->min - eps) && (!b->has_max || v <= b->max + eps);
}

static void fe_score_bands(struct formeval *ev, const struct formdef_score *s,
                           struct formeval_score *out)
{
	const struct formdef *def = ev->def;
	size_t from = (size_t)s->from - def->field_count;
	if (s->from < 0 || (size_t)s->from < def->field_count || from >= def->score_count)
		return;
	const struct formeval_score *src = &ev->scores[from];
	if (!src->has_value)
		return;
	out->has_value = true;
	out->value = src->value;
	out->band_set = 0;
	for (size_t b = 1; b < s->band_set_count; b++) {
		if (fe_true_or_absent(ev, &s->band_sets[b].when, -1, FE_NO_ROW)) {
			out->band_set = (int)b;
			break;
		}
	}
	if (s->band_set_count == 0)
		return;
	const struct formdef_band_set *set = &s->band_sets[out->band_set];
	for (size_t i = 0; i < set->count; i++) {
		if (fe_in_band(&set->bands[i], out->value)) {
			str_copy(out->level, sizeof out->level, set->bands[i].value);
			break;
		}
	}
}

void fe_score(struct formeval *ev, size_t index)
{
	const struct formdef_score *s = &ev->def->scores[index];
	struct formeval_score *out = &ev->scores[index];
	out->has_value = false;
	out->value = 0;
	out->missing = 0;
	out->level[0] = '\0';
	out->band_set = -1;
	if (s->item_count > 0) {
		fe_score_items(ev, s, out);
	} else if (s->expr.expr) {
		struct fval v = {0};
		fe_eval(ev, &s->expr, -1, FE_NO_ROW, NULL, &v);
		if (v.kind == FVAL_NUMBER && isfinite(v.u.num)) {
			out->has_value = true;
			out->value = v.u.num;
		}
		fval_clear(&v);
	} else {
		fe_score_bands(ev, s, out);
	}
	/* the override stays until removed, whatever the level becomes */
	str_copy(out->final_level, sizeof out->final_level,
	         out->override_level[0] ? out->override_level : out->level);
	struct fval *sv = &ev->score_values[index];
	if (s->from >= 0 && out->final_level[0])
		fval_set_string(sv, out->final_level);
	else if (s->from < 0 && out->has_value)
		fval_set_number(sv, out->value);
	else
		fval_clear(sv);
}

const struct formeval_score *formeval_score(const struct formeval *ev, size_t index)
{
	return ev && index < ev->def->score_count ? &ev->scores[index] : NULL;
}

static bool fe_band_value(const struct formdef_score *s, const char *level)
{
	for (size_t b = 0; b < s->band_set_count; b++)
		for (size_t i = 0; i < s->band_sets[b].count; i++)
			if (strcmp(s->band_sets[b].bands[i].value, level) == 0)
				return true;
	return false;
}

static bool fe_blank_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

enum cl_status formeval_override(struct formeval *ev, size_t index, const char *level,
                                 const char *reason)
{
	if (!ev || index >= ev->def->score_count)
		return CL_ERR_INVALID;
	const struct formdef_score *s = &ev->def->scores[index];
	struct formeval_score *out = &ev->scores[index];
	if (s->from < 0 || !s->override_allowed)
		return CL_ERR_INVALID;
	if (!level || !*level) {
		out->override_level[0] = '\0';
		out->override_reason[0] = '\0';
	} else {
		if (strlen(level) >= sizeof out->override_level || !fe_band_value(s, level))
			return CL_ERR_INVALID;
		if (s->override_reason_required && fe_blank_text(reason))
			return CL_ERR_INVALID;
		str_copy(out->override_level, sizeof out->override_level, level);
		str_copy(out->override_reason, sizeof out->override_reason, reason ? reason : "");
	}
	/* $level reads the final level: everything after it may change */
	fe_refresh(ev);
	return CL_OK;
}

/* ---- checks ------------------------------------------------------------------------------- */

static void fe_issue(struct formeval *ev, int slot, size_t row, int rule,
                     enum formdef_severity severity, const char *message)
{
	if (ev->issue_count == ev->issue_cap) {
		ev->issue_cap = ev->issue_cap ? ev->issue_cap * 2 : 16;
		ev->issues = xrealloc(ev->issues, ev->issue_cap * sizeof *ev->issues);
	}
	struct formeval_issue *i = &ev->issues[ev->issue_count++];
	i->slot = slot;
	i->row = row;
	i->rule = rule;
	i->severity = severity;
	str_copy(i->message, sizeof i->message, message);
	ev->errors += severity == FORMDEF_ERROR;
}

/* The day of a date, or of text that starts "YYYY-MM-DD" (datetime answers). */
static bool fe_day(const struct fval *v, date_t *out)
{
	if (v->kind == FVAL_DATE) {
		*out = v->u.date;
		return true;
	}
	if (v->kind != FVAL_STRING || strlen(v->u.str) < 10)
		return false;
	char day[DATE_TEXT_SIZE];
	memcpy(day, v->u.str, 10);
	day[10] = '\0';
	return date_parse(day, out);
}

/* One of min/max: writes the message into msg when v is on the wrong side of the bound. */
static bool fe_bound_fails(struct formeval *ev, const struct formdef_field *f, size_t row,
                           const struct fval *v, bool is_min, char *msg, size_t size)
{
	struct fval b = {0};
	fe_eval(ev, is_min ? &f->min : &f->max, f->repeat, row, NULL, &b);
	bool fails = false;
	struct strbuf text;
	strbuf_init(&text);
	date_t vd, bd;
	if (v->kind == FVAL_NUMBER && b.kind == FVAL_NUMBER) {
		fails = is_min ? v->u.num < b.u.num : v->u.num > b.u.num;
		fval_format(&b, &text);
	} else if (v->kind != FVAL_NUMBER && fe_day(v, &vd) && fe_day(&b, &bd)) {
		char buf[DATE_TEXT_SIZE];
		fails = is_min ? vd < bd : vd > bd;
		strbuf_puts(&text, date_format(bd, buf));
	}
	if (fails)
		snprintf(msg, size, "Must be at %s %s.", is_min ? "least" : "most", text.buf);
	strbuf_clear(&text);
	fval_clear(&b);
	return fails;
}

static size_t fe_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A count outside [min, max] (-1: no limit): "Must <verb> at least 2 <noun>s." in msg. */
static bool fe_count_fails(size_t n, long min, long max, const char *verb, const char *noun,
                           char *msg, size_t size)
{
	long limit;
	const char *side;
	if (min >= 0 && n < (size_t)min)
		limit = min, side = "least";
	else if (max >= 0 && n > (size_t)max)
		limit = max, side = "most";
	else
		return false;
	snprintf(msg, size, "Must %s at %s %ld %s%s.", verb, side, limit, noun,
	         limit == 1 ? "" : "s");
	return true;
}

static bool fe_length_fails(const struct formdef_field *f, const struct fval *v, char *msg,
                            size_t size)
{
	return v->kind == FVAL_STRING &&
	       fe_count_fails(fe_chars(v->u.str), f->min_length, f->max_length, "be", "character",
	                      msg, size);
}

/* The checks of an answered field past reading and required, in order; the first that
 * fails gives the message. */
static void fe_check_answer(struct formeval *ev, int slot, size_t row, struct fe_cell *c)
{
	const struct formdef_field *f = &ev->def->fields[slot];
	const struct fe_field *ff = &ev->fields[slot];
	char *msg = c->message;
	size_t size = sizeof c->message;
	c->severity = FORMDEF_ERROR;
	if ((f->has_min && fe_bound_fails(ev, f, row, &c->value, true, msg, size)) ||
	    (f->has_max && fe_bound_fails(ev, f, row, &c->value, false, msg, size)) ||
	    fe_length_fails(f, &c->value, msg, size))
		return;
	if (ff->has_re && c->value.kind == FVAL_STRING &&
	    regexec(&ff->re, c->value.u.str, 0, NULL, 0) != 0) {
		str_copy(msg, size,
		         f->constraint_message ? f->constraint_message
		                               : "This value is not in the expected form.");
		return;
	}
	struct fval ok = {0};
	if (fe_eval(ev, &f->constraint, f->repeat, row, &c->value, &ok) && !fval_truthy(&ok)) {
		str_copy(msg, size,
		         f->constraint_message ? f->constraint_message
		                               : "This value is not accepted.");
		c->severity = f->severity;
	}
	fval_clear(&ok);
}

static void fe_check_cell(struct formeval *ev, int slot, size_t row)
{
	const struct formdef_field *f = &ev->def->fields[slot];
	struct fe_cell *c = &ev->fields[slot].cells[row];
	c->message[0] = '\0';
	c->severity = FORMDEF_ERROR;
	c->required = false;
	if (!c->visible || !fe_is_input(f->type))
		return;
	struct fval req = {0};
	c->required = f->required || (fe_eval(ev, &f->required_if, f->repeat, row, NULL, &req) &&
	                              fval_truthy(&req));
	fval_clear(&req);
	const char *text = fe_cell_text(c);
	if (text && *text && c->bad)
		str_copy(c->message, sizeof c->message, c->bad);
	else if (!text || !*text)
		str_copy(c->message, sizeof c->message,
		         c->required ? (f->required_message ? f->required_message
		                                            : "This field is required.")
		                     : "");
	else
		fe_check_answer(ev, slot, row, c);
	if (c->message[0])
		fe_issue(ev, slot, row, -1, c->severity, c->message);
}

static void fe_check_rows(struct formeval *ev, int slot)
{
	const struct formdef_field *f = &ev->def->fields[slot];
	struct fe_cell *c = &ev->fields[slot].cells[0];
	size_t rows = ev->fields[slot].rows;
	c->message[0] = '\0';
	c->severity = FORMDEF_ERROR;
	if (!c->visible)
		return;
	if (!fe_count_fails(rows, f->min_rows, f->max_rows, "have", "row", c->message,
	                    sizeof c->message))
		return;
	fe_issue(ev, slot, 0, -1, FORMDEF_ERROR, c->message);
}

/* A repeat, then its rows one after another, each row's sub-fields in order. */
static void fe_check_repeat(struct formeval *ev, int slot)
{
	const struct formdef *def = ev->def;
	fe_check_rows(ev, slot);
	size_t rows = ev->fields[slot].rows;
	if (rows == 0)
		return;
	int *subs = xmalloc(def->field_count * sizeof *subs);
	size_t n = 0;
	for (size_t s = 0; s < def->field_count; s++)
		if (def->fields[s].repeat == slot && ev->fields[s].count == rows)
			subs[n++] = (int)s;
	for (size_t row = 0; row < rows; row++)
		for (size_t i = 0; i < n; i++)
			fe_check_cell(ev, subs[i], row);
	free(subs);
}

void fe_validate(struct formeval *ev)
{
	const struct formdef *def = ev->def;
	ev->issue_count = 0;
	ev->errors = 0;
	for (size_t slot = 0; slot < def->field_count; slot++) {
		const struct formdef_field *f = &def->fields[slot];
		if (f->repeat >= 0)
			continue; /* with its repeat's rows */
		if (f->type == FORMDEF_REPEAT)
			fe_check_repeat(ev, (int)slot);
		else
			fe_check_cell(ev, (int)slot, 0);
	}
	for (size_t i = 0; i < def->rule_count; i++) {
		const struct formdef_rule *r = &def->rules[i];
		if (!fe_true_or_absent(ev, &r->relevant, -1, FE_NO_ROW))
			continue;
		struct fval ok = {0};
		if (fe_eval(ev, &r->assert_expr, -1, FE_NO_ROW, NULL, &ok) && !fval_truthy(&ok))
			fe_issue(ev, -1, 0, (int)i, r->severity, r->message);
		fval_clear(&ok);
	}
}
