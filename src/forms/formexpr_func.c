/* The functions of the expression language (the decisions are documented in formexpr.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formexpr.h"
#include "caseload/text.h"
#include "formexpr_internal.h"

#define FEXPR_MATCH_MAX 4096     /* longest text matches() examines */
#define FEXPR_PATTERN_MAX 1024   /* longest pattern it compiles */
#define FEXPR_REPEAT_MAX 255     /* largest {n,m} count in a pattern */
#define FEXPR_PATTERN_COST 20000 /* estimated nodes of a compiled pattern */
#define FEXPR_PATTERN_NEST 32    /* open groups */

static void arg(const struct fnode *n, size_t i, struct fexpr_evalctx *cx, struct fval *v)
{
	fexpr_eval_node(n->args[i], cx, v);
}

static bool is_empty(const struct fval *v)
{
	return v->kind == FVAL_NULL || (v->kind == FVAL_STRING && v->u.str[0] == '\0') ||
	       (v->kind == FVAL_LIST && v->u.list.count == 0);
}

static void fn_if(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval c = {0};
	arg(n, 0, cx, &c);
	arg(n, fval_truthy(&c) ? 1 : 2, cx, out);
	fval_clear(&c);
}

static void fn_coalesce(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	for (size_t i = 0; i < n->nargs; i++) {
		arg(n, i, cx, out);
		if (!is_empty(out))
			return;
		fval_clear(out);
	}
}

static void fn_empty(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval v = {0};
	arg(n, 0, cx, &v);
	fval_set_bool(out, is_empty(&v));
	fval_clear(&v);
}

static void fn_selected(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval v = {0}, want = {0};
	struct strbuf text;
	strbuf_init(&text);
	arg(n, 0, cx, &v);
	arg(n, 1, cx, &want);
	bool yes = false;
	if (want.kind == FVAL_STRING || want.kind == FVAL_NUMBER) {
		fval_format(&want, &text); /* selected($f, 1) means the choice "1" */
		if (v.kind == FVAL_STRING) {
			yes = strcmp(v.u.str, text.buf) == 0;
		} else if (v.kind == FVAL_LIST) {
			for (size_t i = 0; i < v.u.list.count && !yes; i++)
				yes = v.u.list.items[i].kind == FVAL_STRING &&
				      strcmp(v.u.list.items[i].u.str, text.buf) == 0;
		}
	}
	fval_set_bool(out, yes);
	strbuf_clear(&text);
	fval_clear(&v);
	fval_clear(&want);
}

static void fn_count_selected(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval v = {0};
	arg(n, 0, cx, &v);
	double count = v.kind == FVAL_LIST ? (double)v.u.list.count : is_empty(&v) ? 0 : 1;
	fval_set_number(out, count);
	fval_clear(&v);
}

static void fn_score(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	const struct fexpr_env *env = cx->env;
	struct fval v = {0};
	arg(n, 0, cx, &v);
	int slot = n->args[0]->slot;
	double total = 0, s;
	bool any = false;
	if (env->choice_score && v.kind == FVAL_STRING) {
		any = env->choice_score(env->ctx, slot, v.u.str, &total);
	} else if (env->choice_score && v.kind == FVAL_LIST) {
		for (size_t i = 0; i < v.u.list.count; i++) {
			const struct fval *item = &v.u.list.items[i];
			if (item->kind == FVAL_STRING &&
			    env->choice_score(env->ctx, slot, item->u.str, &s)) {
				total += s;
				any = true;
			}
		}
	}
	if (any)
		fexpr_set_number_checked(out, total);
	fval_clear(&v);
}

/* What sum() and sum_rows() add up: numbers, the numbers in lists; nulls are skipped and
 * anything else spoils the sum. */
struct fexpr_total {
	double sum;
	bool bad;
};

static void total_add(struct fexpr_total *t, const struct fval *v)
{
	if (v->kind == FVAL_NUMBER)
		t->sum += v->u.num;
	else if (v->kind == FVAL_LIST)
		for (size_t i = 0; i < v->u.list.count; i++)
			total_add(t, &v->u.list.items[i]);
	else if (v->kind != FVAL_NULL)
		t->bad = true;
}

static void total_result(const struct fexpr_total *t, struct fval *out)
{
	if (!t->bad)
		fexpr_set_number_checked(out, t->sum);
}

static void fn_sum(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fexpr_total t = {0};
	for (size_t i = 0; i < n->nargs; i++) {
		struct fval v = {0};
		arg(n, i, cx, &v);
		total_add(&t, &v);
		fval_clear(&v);
	}
	total_result(&t, out);
}

/* min() and max(): over numbers, or over dates; a mix of kinds is null. */
struct fexpr_extreme {
	int sign; /* -1 for min, 1 for max */
	struct fval best;
	bool bad;
};

static void extreme_add(struct fexpr_extreme *x, const struct fval *v)
{
	if (v->kind == FVAL_LIST) {
		for (size_t i = 0; i < v->u.list.count; i++)
			extreme_add(x, &v->u.list.items[i]);
		return;
	}
	if (v->kind == FVAL_NULL)
		return;
	if ((v->kind != FVAL_NUMBER && v->kind != FVAL_DATE) ||
	    (x->best.kind != FVAL_NULL && x->best.kind != v->kind)) {
		x->bad = true;
		return;
	}
	double a = v->kind == FVAL_NUMBER ? v->u.num : v->u.date;
	double b = x->best.kind == FVAL_NUMBER ? x->best.u.num : x->best.u.date;
	if (x->best.kind == FVAL_NULL || (a - b) * x->sign > 0)
		x->best = *v; /* numbers and dates own nothing */
}

static void fn_extreme(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out, int sign)
{
	struct fexpr_extreme x = {.sign = sign};
	for (size_t i = 0; i < n->nargs; i++) {
		struct fval v = {0};
		arg(n, i, cx, &v);
		extreme_add(&x, &v);
		fval_clear(&v);
	}
	if (!x.bad)
		*out = x.best;
}

static void fn_min(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	fn_extreme(n, cx, out, -1);
}

static void fn_max(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	fn_extreme(n, cx, out, 1);
}

/* Half away from zero, at `digits` decimals; the tolerance makes 2.675 (stored as
 * 2.67499999...) round as written. */
static double round_half_away(double x, int digits)
{
	if (fabs(x) >= 1e15)
		return x; /* no decimals left to round */
	double scale = pow(10, digits);
	double y = fabs(x) * scale;
	double whole = floor(y);
	if (y - whole >= 0.5 - 1e-9)
		whole += 1;
	double r = whole / scale;
	return x < 0 ? -r : r;
}

static void fn_round(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval x = {0}, d = {0};
	arg(n, 0, cx, &x);
	int digits = 0;
	bool ok = x.kind == FVAL_NUMBER;
	if (ok && n->nargs > 1) {
		arg(n, 1, cx, &d);
		ok = d.kind == FVAL_NUMBER && d.u.num == trunc(d.u.num) && fabs(d.u.num) <= 10;
		digits = ok ? (int)d.u.num : 0;
	}
	if (ok)
		fexpr_set_number_checked(out, round_half_away(x.u.num, digits) + 0.0);
	fval_clear(&x);
	fval_clear(&d);
}

static bool choice_is_missing(const struct fexpr_env *env, int slot, const struct fval *v)
{
	return v->kind == FVAL_STRING && env->choice_missing &&
	       env->choice_missing(env->ctx, slot, v->u.str);
}

static void fn_count_missing(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	double count = 0;
	for (size_t i = 0; i < n->nargs; i++) {
		struct fval v = {0};
		arg(n, i, cx, &v);
		bool missing = is_empty(&v) || choice_is_missing(cx->env, n->args[i]->slot, &v);
		if (v.kind == FVAL_LIST) { /* missing when every chosen item is a missing choice */
			missing = true;
			for (size_t k = 0; k < v.u.list.count && missing; k++)
				missing = choice_is_missing(cx->env, n->args[i]->slot,
				                            &v.u.list.items[k]);
		}
		count += missing;
		fval_clear(&v);
	}
	fval_set_number(out, count);
}

static size_t rows_of(const struct fnode *n, struct fexpr_evalctx *cx)
{
	const struct fexpr_env *env = cx->env;
	return n->args[0]->slot >= 0 && env->row_count ? env->row_count(env->ctx, n->args[0]->slot)
	                                               : 0;
}

static void fn_count_rows(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	fval_set_number(out, (double)rows_of(n, cx));
}

/* Evaluates the per-row argument in row r of the repeat. */
static void row_value(const struct fnode *n, size_t r, struct fexpr_evalctx *cx, struct fval *v)
{
	const struct fexpr_env *env = cx->env;
	int slot = n->args[0]->slot;
	if (env->enter_row)
		env->enter_row(env->ctx, slot, r);
	arg(n, 1, cx, v);
	if (env->leave_row)
		env->leave_row(env->ctx, slot);
}

static void fn_sum_rows(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fexpr_total t = {0};
	size_t rows = rows_of(n, cx);
	for (size_t r = 0; r < rows && cx->budget > 0; r++) {
		struct fval v = {0};
		row_value(n, r, cx, &v);
		total_add(&t, &v);
		fval_clear(&v);
	}
	if (cx->budget > 0)
		total_result(&t, out);
}

static void fn_any_row(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	bool any = false;
	size_t rows = rows_of(n, cx);
	for (size_t r = 0; r < rows && !any && cx->budget > 0; r++) {
		struct fval v = {0};
		row_value(n, r, cx, &v);
		any = fval_truthy(&v);
		fval_clear(&v);
	}
	if (any || cx->budget > 0)
		fval_set_bool(out, any);
}

static void fn_today(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	(void)n;
	if (cx->env->today != DATE_NONE)
		fval_set_date(out, cx->env->today);
}

/* Argument i read as a date (a date or a "YYYY-MM-DD" string). */
static bool date_arg(const struct fnode *n, size_t i, struct fexpr_evalctx *cx, date_t *d)
{
	struct fval v = {0};
	arg(n, i, cx, &v);
	bool ok = fexpr_as_date(&v, d);
	fval_clear(&v);
	return ok;
}

static void fn_date(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	date_t d;
	if (date_arg(n, 0, cx, &d))
		fval_set_date(out, d);
}

enum date_unit { UNIT_NONE, UNIT_DAYS, UNIT_MONTHS, UNIT_YEARS };

static enum date_unit date_unit(const char *s)
{
	if (strcmp(s, "days") == 0 || strcmp(s, "day") == 0)
		return UNIT_DAYS;
	if (strcmp(s, "months") == 0 || strcmp(s, "month") == 0)
		return UNIT_MONTHS;
	if (strcmp(s, "years") == 0 || strcmp(s, "year") == 0)
		return UNIT_YEARS;
	return UNIT_NONE;
}

/* d moved by `months` calendar months, the day clamped to the last of the month. */
static void add_months(date_t d, long long months, struct fval *out)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	long long total = (long long)y * 12 + (m - 1) + months;
	if (total < 12 || total >= 10000LL * 12)
		return; /* outside years 1..9999 */
	int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
	date_t first = date_from_ymd(ny, nm, 1);
	date_t next = nm == 12 ? date_from_ymd(ny + 1, 1, 1) : date_from_ymd(ny, nm + 1, 1);
	int last = (int)(next - first);
	fexpr_set_date_checked(out, (long long)first + (day < last ? day : last) - 1);
}

static void fn_date_add(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	date_t d;
	struct fval count = {0}, unit = {0};
	bool ok = date_arg(n, 0, cx, &d);
	if (ok) {
		arg(n, 1, cx, &count);
		arg(n, 2, cx, &unit);
		ok = count.kind == FVAL_NUMBER && count.u.num == trunc(count.u.num) &&
		     fabs(count.u.num) <= 1e7 && unit.kind == FVAL_STRING;
	}
	if (ok) {
		long long k = (long long)count.u.num;
		switch (date_unit(unit.u.str)) {
		case UNIT_DAYS:
			fexpr_set_date_checked(out, (long long)d + k);
			break;
		case UNIT_MONTHS:
			add_months(d, k, out);
			break;
		case UNIT_YEARS:
			add_months(d, k * 12, out);
			break;
		case UNIT_NONE:
			break;
		}
	}
	fval_clear(&count);
	fval_clear(&unit);
}

static void fn_days_between(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	date_t a, b;
	if (date_arg(n, 0, cx, &a) && date_arg(n, 1, cx, &b))
		fval_set_number(out, (double)b - (double)a);
}

static void fn_age(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	date_t dob, on = cx->env->today;
	if (!date_arg(n, 0, cx, &dob))
		return;
	if (n->nargs > 1 && !date_arg(n, 1, cx, &on))
		return;
	if (on != DATE_NONE && on >= dob)
		fval_set_number(out, date_age_years(dob, on));
}

static void fn_len(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval v = {0};
	arg(n, 0, cx, &v);
	if (v.kind == FVAL_STRING) {
		size_t chars = 0; /* code points: every byte but UTF-8 continuation bytes */
		for (const unsigned char *s = (const unsigned char *)v.u.str; *s; s++)
			chars += (*s & 0xC0) != 0x80;
		fval_set_number(out, (double)chars);
	} else if (v.kind == FVAL_LIST) {
		fval_set_number(out, (double)v.u.list.count);
	} else if (v.kind == FVAL_NULL) {
		fval_set_number(out, 0);
	}
	fval_clear(&v);
}

/* The ']' closing the bracket expression opening at p (or the last character). */
static const char *bracket_end(const char *p)
{
	const char *q = p + 1;
	q += *q == '^';
	q += *q == ']'; /* a leading ']' is a member */
	while (*q && *q != ']') {
		if (*q == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) { /* [:alpha:] */
			char kind = q[1];
			for (q += 2; *q && !(q[0] == kind && q[1] == ']'); q++)
				;
			q += *q ? 2 : 0;
			continue;
		}
		q++;
	}
	return *q ? q : q - 1;
}

/* The largest count of a "{n}", "{n,}" or "{n,m}" at p (n + 1 for "{n,}"), with *end
 * on its '}'; 0 when p does not start a count. */
static long repeat_count(const char *p, const char **end)
{
	char *q;
	if (p[1] < '0' || p[1] > '9')
		return 0;
	/* anything above the limit is refused: cap before adding, strtol may give LONG_MAX */
	long n = strtol(p + 1, &q, 10), k;
	n = n > FEXPR_REPEAT_MAX ? FEXPR_REPEAT_MAX + 1 : n;
	k = n;
	if (*q == ',') {
		q++;
		k = *q >= '0' && *q <= '9' ? strtol(q, &q, 10) : n + 1;
	}
	if (*q != '}')
		return 0;
	*end = q;
	return k > n ? k : n;
}

/* Estimates the size of the compiled pattern, which glibc builds by copying an atom for
 * each repetition ('+' once more, {n,m} m times): stacked or nested repetitions multiply,
 * and "((a+)+)+..." or "a{200}{200}" would exhaust memory. */
static bool pattern_size_ok(const char *p, char *msg, size_t msgsize)
{
	double sum[FEXPR_PATTERN_NEST + 1] = {0};  /* cost so far of each open group */
	double last[FEXPR_PATTERN_NEST + 1] = {0}; /* cost of its last atom */
	int depth = 0;
	for (; *p; p++) {
		double atom = -1, times = 1; /* a new atom, or a repetition of the last one */
		const char *end;
		long k;
		switch (*p) {
		case '\\':
			p += p[1] != '\0';
			atom = 1;
			break;
		case '[':
			p = bracket_end(p);
			atom = 1;
			break;
		case '(':
			if (depth == FEXPR_PATTERN_NEST) {
				snprintf(msg, msgsize, "pattern too complex");
				return false;
			}
			depth++;
			sum[depth] = last[depth] = 0;
			continue;
		case ')':
			atom = depth > 0 ? sum[depth--] + 1 : 1;
			break;
		case '|':
			last[depth] = 0;
			continue;
		case '*':
		case '?':
			continue;
		case '+':
			times = 2;
			break;
		case '{':
			k = repeat_count(p, &end);
			if (k > FEXPR_REPEAT_MAX) {
				snprintf(msg, msgsize,
				         "repetition counts in patterns must stay below %d",
				         FEXPR_REPEAT_MAX + 1);
				return false;
			}
			if (k == 0) {
				atom = 1;
				break;
			}
			times = (double)k;
			p = end;
			break;
		default:
			atom = 1;
			break;
		}
		if (atom >= 0) {
			sum[depth] += atom;
			last[depth] = atom;
		} else {
			sum[depth] += last[depth] * (times - 1);
			last[depth] *= times;
		}
		if (sum[depth] > FEXPR_PATTERN_COST) {
			snprintf(msg, msgsize, "pattern too complex");
			return false;
		}
	}
	return true;
}

bool fexpr_regex_compile(regex_t *re, const char *pattern, char *msg, size_t msgsize)
{
	if (strlen(pattern) > FEXPR_PATTERN_MAX) {
		snprintf(msg, msgsize, "pattern longer than %d bytes", FEXPR_PATTERN_MAX);
		return false;
	}
	for (const char *p = pattern; *p; p++) {
		if (*p == '\\' && p[1] >= '1' && p[1] <= '9') {
			snprintf(msg, msgsize,
			         "back-references (\\%c) are not supported in patterns", p[1]);
			return false;
		}
		if (*p == '\\' && p[1])
			p++;
	}
	if (!pattern_size_ok(pattern, msg, msgsize))
		return false;
	int rc = regcomp(re, pattern, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		char why[100];
		regerror(rc, re, why, sizeof why);
		snprintf(msg, msgsize, "invalid pattern: %s", why);
		return false;
	}
	return true;
}

/* Takes the cost of matching a text against a pattern (both lengths in bytes) from the
 * work budget, so that matches() inside a row function over a large repeat cannot run for
 * minutes; false when the budget is spent. */
static bool charge_match(struct fexpr_evalctx *cx, size_t text_len, size_t pattern_len)
{
	size_t units = 1 + (text_len + 1) * (pattern_len + 1) / 256;
	if (units > cx->budget) {
		cx->budget = 0;
		return false;
	}
	cx->budget -= units;
	return true;
}

static void fn_matches(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval s = {0}, pattern = {0};
	arg(n, 0, cx, &s);
	size_t len = s.kind == FVAL_STRING ? strlen(s.u.str) : 0;
	if (s.kind == FVAL_STRING && len <= FEXPR_MATCH_MAX) {
		if (n->re) {
			if (charge_match(cx, len, strlen(n->args[1]->text)))
				fval_set_bool(out, regexec(n->re, s.u.str, 0, NULL, 0) == 0);
		} else {
			arg(n, 1, cx, &pattern);
			regex_t re;
			char msg[160];
			if (pattern.kind == FVAL_STRING &&
			    charge_match(cx, len, strlen(pattern.u.str)) &&
			    fexpr_regex_compile(&re, pattern.u.str, msg, sizeof msg)) {
				fval_set_bool(out, regexec(&re, s.u.str, 0, NULL, 0) == 0);
				regfree(&re);
			}
		}
	}
	fval_clear(&s);
	fval_clear(&pattern);
}

static void fn_concat(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct strbuf text;
	strbuf_init(&text);
	for (size_t i = 0; i < n->nargs; i++) {
		struct fval v = {0};
		arg(n, i, cx, &v);
		if (v.kind == FVAL_LIST)
			for (size_t k = 0; k < v.u.list.count; k++)
				fval_format(&v.u.list.items[k], &text);
		else
			fval_format(&v, &text);
		fval_clear(&v);
	}
	fval_set_string(out, text.buf);
	strbuf_clear(&text);
}

static void fn_number(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval v = {0};
	arg(n, 0, cx, &v);
	if (v.kind == FVAL_NUMBER) {
		*out = v;
		return;
	}
	if (v.kind == FVAL_STRING) {
		const char *s = v.u.str;
		size_t len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		while (len && (*s == ' ' || *s == '\t'))
			s++, len--;
		bool negative = len && *s == '-';
		if (len && (*s == '-' || *s == '+'))
			s++, len--;
		double x;
		if (fexpr_number_parse(s, len, &x))
			fval_set_number(out, negative ? -x : x);
	}
	fval_clear(&v);
}

const struct fexpr_func fexpr_funcs[] = {
    {"if", 3, 3, FARG_ANY, false, fn_if},
    {"coalesce", 1, FEXPR_ARGS_MANY, FARG_ANY, false, fn_coalesce},
    {"empty", 1, 1, FARG_ANY, false, fn_empty},
    {"selected", 2, 2, FARG_FIRST_FIELD, false, fn_selected},
    {"count_selected", 1, 1, FARG_FIRST_FIELD, false, fn_count_selected},
    {"score", 1, 1, FARG_FIRST_FIELD, false, fn_score},
    {"sum", 1, FEXPR_ARGS_MANY, FARG_ANY, false, fn_sum},
    {"min", 1, FEXPR_ARGS_MANY, FARG_ANY, false, fn_min},
    {"max", 1, FEXPR_ARGS_MANY, FARG_ANY, false, fn_max},
    {"round", 1, 2, FARG_ANY, false, fn_round},
    {"count_missing", 1, FEXPR_ARGS_MANY, FARG_ALL_FIELDS, false, fn_count_missing},
    {"count_rows", 1, 1, FARG_FIRST_FIELD, false, fn_count_rows},
    {"sum_rows", 2, 2, FARG_FIRST_FIELD, true, fn_sum_rows},
    {"any_row", 2, 2, FARG_FIRST_FIELD, true, fn_any_row},
    {"today", 0, 0, FARG_ANY, false, fn_today},
    {"date", 1, 1, FARG_ANY, false, fn_date},
    {"date_add", 3, 3, FARG_ANY, false, fn_date_add},
    {"days_between", 2, 2, FARG_ANY, false, fn_days_between},
    {"age", 1, 2, FARG_ANY, false, fn_age},
    {"len", 1, 1, FARG_ANY, false, fn_len},
    {"matches", 2, 2, FARG_ANY, false, fn_matches},
    {"concat", 1, FEXPR_ARGS_MANY, FARG_ANY, false, fn_concat},
    {"number", 1, 1, FARG_ANY, false, fn_number},
};
const size_t fexpr_nfuncs = sizeof fexpr_funcs / sizeof fexpr_funcs[0];

int fexpr_func_find(const char *name)
{
	for (size_t i = 0; i < fexpr_nfuncs; i++)
		if (strcmp(fexpr_funcs[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *fexpr_func_suggest(const char *name)
{
	size_t limit = strlen(name) <= 3 ? 1 : 2;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < fexpr_nfuncs; i++) {
		size_t d = text_name_distance(name, fexpr_funcs[i].name, false);
		if (d < best_d) {
			best_d = d;
			best = fexpr_funcs[i].name;
		}
	}
	return best;
}

bool fexpr_func_check_literal(struct fnode *call, size_t i, char *msg, size_t msgsize)
{
	const struct fnode *a = call->args[i];
	const char *name = fexpr_funcs[call->func].name;
	if (a->kind != FN_STRING)
		return true;
	if (strcmp(name, "matches") == 0 && i == 1) {
		if (call->re) { /* bound before */
			regfree(call->re);
			free(call->re);
			call->re = NULL;
		}
		regex_t *re = xmalloc(sizeof *re);
		if (!fexpr_regex_compile(re, a->text, msg, msgsize)) {
			free(re);
			return false;
		}
		call->re = re;
	} else if (strcmp(name, "date_add") == 0 && i == 2 && date_unit(a->text) == UNIT_NONE) {
		snprintf(msg, msgsize, "date_add counts in 'days', 'months' or 'years'");
		return false;
	}
	return true;
}
