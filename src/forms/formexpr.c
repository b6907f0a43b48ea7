/* The form expression language: values, lexer, recursive-descent parser, references,
 * binding, printing and the evaluation of operators (functions are in formexpr_func.c). */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formexpr.h"
#include "formexpr_internal.h"

/* ---- values ------------------------------------------------------------------------------ */

void fval_clear(struct fval *v)
{
	if (v->kind == FVAL_STRING) {
		free(v->u.str);
	} else if (v->kind == FVAL_LIST) {
		for (size_t i = 0; i < v->u.list.count; i++)
			fval_clear(&v->u.list.items[i]);
		free(v->u.list.items);
	}
	memset(v, 0, sizeof *v);
}

void fval_copy(struct fval *dst, const struct fval *src)
{
	*dst = *src;
	if (src->kind == FVAL_STRING) {
		dst->u.str = xstrdup(src->u.str);
	} else if (src->kind == FVAL_LIST) {
		size_t n = src->u.list.count;
		dst->u.list.items = n ? xcalloc(n, sizeof *dst->u.list.items) : NULL;
		for (size_t i = 0; i < n; i++)
			fval_copy(&dst->u.list.items[i], &src->u.list.items[i]);
	}
}

void fval_set_bool(struct fval *v, bool b)
{
	fval_clear(v);
	v->kind = FVAL_BOOL;
	v->u.b = b;
}

void fval_set_number(struct fval *v, double n)
{
	fval_clear(v);
	v->kind = FVAL_NUMBER;
	v->u.num = n;
}

void fval_set_date(struct fval *v, date_t d)
{
	fval_clear(v);
	v->kind = FVAL_DATE;
	v->u.date = d;
}

void fval_set_string(struct fval *v, const char *s)
{
	char *copy = xstrdup(s); /* before clearing: s may live inside v */
	fval_clear(v);
	v->kind = FVAL_STRING;
	v->u.str = copy;
}

/* Appends item itself (not a copy) to the list v; item is left null. */
static void fval_list_take(struct fval *v, struct fval *item)
{
	if (v->kind != FVAL_LIST) {
		fval_clear(v);
		v->kind = FVAL_LIST;
	}
	size_t n = v->u.list.count;
	v->u.list.items = xrealloc(v->u.list.items, (n + 1) * sizeof *v->u.list.items);
	v->u.list.items[n] = *item;
	v->u.list.count = n + 1;
	memset(item, 0, sizeof *item);
}

void fval_list_push(struct fval *v, const struct fval *item)
{
	struct fval copy;
	fval_copy(&copy, item);
	fval_list_take(v, &copy);
}

bool fval_truthy(const struct fval *v)
{
	return v->kind == FVAL_BOOL && v->u.b;
}

bool fexpr_as_date(const struct fval *v, date_t *out)
{
	if (v->kind == FVAL_DATE && v->u.date != DATE_NONE) {
		*out = v->u.date;
		return true;
	}
	return v->kind == FVAL_STRING && date_parse(v->u.str, out);
}

bool fval_equal(const struct fval *a, const struct fval *b)
{
	if (a->kind == FVAL_NULL || b->kind == FVAL_NULL)
		return false;
	if (a->kind != b->kind) {
		date_t x, y; /* a date and a "YYYY-MM-DD" string */
		if ((a->kind == FVAL_DATE || b->kind == FVAL_DATE) && fexpr_as_date(a, &x) &&
		    fexpr_as_date(b, &y))
			return x == y;
		return false;
	}
	switch (a->kind) {
	case FVAL_BOOL:
		return a->u.b == b->u.b;
	case FVAL_NUMBER:
		return a->u.num == b->u.num;
	case FVAL_STRING:
		return strcmp(a->u.str, b->u.str) == 0;
	case FVAL_DATE:
		return a->u.date == b->u.date;
	case FVAL_LIST:
		if (a->u.list.count != b->u.list.count)
			return false;
		for (size_t i = 0; i < a->u.list.count; i++)
			if (!fval_equal(&a->u.list.items[i], &b->u.list.items[i]))
				return false;
		return true;
	case FVAL_NULL:
		break;
	}
	return false;
}

/* Rewrites the locale's decimal point in buf (written by printf) as '.'. */
static void fexpr_point_to_dot(char *buf)
{
	const char *point = localeconv()->decimal_point;
	size_t plen = point ? strlen(point) : 0;
	if (plen == 0 || strcmp(point, ".") == 0)
		return;
	char *at = strstr(buf, point);
	if (at) {
		*at = '.';
		memmove(at + 1, at + plen, strlen(at + plen) + 1);
	}
}

/* Up to six decimals, no trailing zeros, never "-0". */
static void fval_format_number(double n, struct strbuf *out)
{
	char buf[400]; /* the largest double takes 309 digits before the point */
	snprintf(buf, sizeof buf, "%.6f", n);
	fexpr_point_to_dot(buf);
	char *point = strchr(buf, '.');
	if (point) {
		char *end = buf + strlen(buf);
		while (end > point + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == point + 1)
			*point = '\0';
	}
	strbuf_puts(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

void fval_format(const struct fval *v, struct strbuf *out)
{
	char date[DATE_TEXT_SIZE];
	switch (v->kind) {
	case FVAL_NULL:
		break;
	case FVAL_BOOL:
		strbuf_puts(out, v->u.b ? "true" : "false");
		break;
	case FVAL_NUMBER:
		fval_format_number(v->u.num, out);
		break;
	case FVAL_STRING:
		strbuf_puts(out, v->u.str);
		break;
	case FVAL_DATE:
		strbuf_puts(out, date_format(v->u.date, date));
		break;
	case FVAL_LIST:
		for (size_t i = 0; i < v->u.list.count; i++) {
			if (i)
				strbuf_puts(out, ", ");
			fval_format(&v->u.list.items[i], out);
		}
		break;
	}
}

/* The exact syntax of a number literal: digits ['.' digits] [e [+-] digits]. */
static size_t fexpr_number_span(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return 0;
	if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		if (j < len && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j < len && s[j] >= '0' && s[j] <= '9') {
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
			i = j;
		}
	}
	return i;
}

bool fexpr_number_parse(const char *s, size_t len, double *out)
{
	if (len == 0 || fexpr_number_span(s, len) != len)
		return false;
	const char *point = localeconv()->decimal_point;
	if (!point || !*point)
		point = ".";
	struct strbuf buf;
	strbuf_init(&buf);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.')
			strbuf_puts(&buf, point); /* strtod reads the locale's decimal point */
		else
			strbuf_putc(&buf, s[i]);
	}
	char *end;
	double n = strtod(buf.buf, &end);
	bool ok = *end == '\0' && isfinite(n);
	strbuf_clear(&buf);
	if (ok)
		*out = n;
	return ok;
}

void fexpr_set_number_checked(struct fval *out, double n)
{
	if (isfinite(n))
		fval_set_number(out, n);
}

void fexpr_set_date_checked(struct fval *out, long long d)
{
	if (d >= date_from_ymd(1, 1, 1) && d <= date_from_ymd(9999, 12, 31))
		fval_set_date(out, (date_t)d);
}

/* ---- lexer ------------------------------------------------------------------------------- */

enum tok_kind {
	T_EOF,
	T_ERROR,
	T_NUMBER,
	T_STRING,
	T_IDENT,
	T_FIELD,
	T_DOT,
	T_LPAREN,
	T_RPAREN,
	T_LBRACK,
	T_RBRACK,
	T_COMMA,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_PERCENT,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
};

struct token {
	enum tok_kind kind;
	size_t start, end; /* T_FIELD: start at '$'; T_STRING: start at the opening quote */
	double num;
	size_t error_at;   /* T_ERROR */
	char error[96];
};

static bool ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool ident_char(char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

static void tok_error(struct token *t, size_t at, const char *fmt, const char *arg)
{
	t->kind = T_ERROR;
	t->error_at = at;
	snprintf(t->error, sizeof t->error, fmt, arg);
}

static void lex_string(const char *s, size_t len, struct token *t)
{
	char quote = s[t->start];
	size_t i = t->start + 1;
	while (i < len && s[i] != quote) {
		/* a backslash escapes the next character; the last one escapes the end */
		i += s[i] == '\\' ? 2 : 1;
	}
	if (i >= len) {
		tok_error(t, t->start, "unterminated string", NULL);
		return;
	}
	t->kind = T_STRING;
	t->end = i + 1;
}

static void lex_number(const char *s, size_t len, struct token *t)
{
	size_t n = fexpr_number_span(s + t->start, len - t->start);
	t->end = t->start + n;
	if (t->end < len && (ident_char(s[t->end]) || s[t->end] == '.')) {
		tok_error(t, t->start, "malformed number", NULL);
		return;
	}
	if (!fexpr_number_parse(s + t->start, n, &t->num)) {
		tok_error(t, t->start, "number out of range", NULL);
		return;
	}
	t->kind = T_NUMBER;
}

/* Punctuation: one or two characters. */
static bool lex_punct(const char *s, size_t len, struct token *t)
{
	static const struct {
		const char *text;
		enum tok_kind kind;
	} punct[] = {
		{"==", T_EQ}, {"!=", T_NE}, {"<=", T_LE}, {">=", T_GE}, {"(", T_LPAREN},
		{")", T_RPAREN}, {"[", T_LBRACK}, {"]", T_RBRACK}, {",", T_COMMA}, {"+", T_PLUS},
		{"-", T_MINUS}, {"*", T_STAR}, {"/", T_SLASH}, {"%", T_PERCENT}, {"=", T_EQ},
		{"<", T_LT}, {">", T_GT}, {".", T_DOT},
	};
	for (size_t k = 0; k < sizeof punct / sizeof punct[0]; k++) {
		size_t n = strlen(punct[k].text);
		if (t->start + n <= len && memcmp(s + t->start, punct[k].text, n) == 0) {
			t->kind = punct[k].kind;
			t->end = t->start + n;
			return true;
		}
	}
	return false;
}

/* The token starting at or after pos. */
static struct token lex(const char *s, size_t len, size_t pos)
{
	struct token t = {.kind = T_EOF};
	while (pos < len && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
		pos++;
	t.start = t.end = pos;
	if (pos >= len)
		return t;
	char c = s[pos];
	if (c == '\'' || c == '"') {
		lex_string(s, len, &t);
	} else if (c >= '0' && c <= '9') {
		lex_number(s, len, &t);
	} else if (ident_start(c) || c == '$') {
		size_t i = pos + (c == '$');
		if (c == '$' && (i >= len || !ident_start(s[i]))) {
			tok_error(&t, pos, "expected a field name after '$'", NULL);
			return t;
		}
		while (i < len && ident_char(s[i]))
			i++;
		t.kind = c == '$' ? T_FIELD : T_IDENT;
		t.end = i;
	} else if (!lex_punct(s, len, &t)) {
		char what[8];
		if (c == '!') {
			tok_error(&t, pos, "unexpected character '!' (use 'not' or '!=')", NULL);
		} else if (c > ' ' && c < 127) {
			snprintf(what, sizeof what, "'%c'", c);
			tok_error(&t, pos, "unexpected character %s", what);
		} else {
			snprintf(what, sizeof what, "0x%02X", (unsigned)(unsigned char)c);
			tok_error(&t, pos, "unexpected byte %s", what);
		}
	}
	return t;
}

/* ---- parser ------------------------------------------------------------------------------ */

struct parser {
	const char *text;
	size_t len;
	struct token cur;
	unsigned depth;
	struct fexpr_error *err;
	bool failed;
};

static struct fnode *node_new(enum fnode_kind kind, size_t offset)
{
	struct fnode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->offset = offset;
	n->slot = -1;
	n->func = -1;
	return n;
}

static void node_free(struct fnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nargs; i++)
		node_free(n->args[i]);
	free(n->args);
	free(n->ops);
	free(n->text);
	if (n->re) {
		regfree(n->re);
		free(n->re);
	}
	free(n);
}

static void node_push(struct fnode *n, struct fnode *child)
{
	n->args = xrealloc(n->args, (n->nargs + 1) * sizeof *n->args);
	n->args[n->nargs++] = child;
}

static void node_push_op(struct fnode *n, enum fexpr_op op)
{
	/* called after pushing the right operand: ops[i - 1] joins args[i - 1] and args[i] */
	n->ops = xrealloc(n->ops, (n->nargs - 1) * sizeof *n->ops);
	n->ops[n->nargs - 2] = op;
}

static void *parse_fail(struct parser *p, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void *parse_fail(struct parser *p, size_t offset, const char *fmt, ...)
{
	if (!p->failed) {
		p->failed = true;
		p->err->offset = offset;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
		va_end(ap);
	}
	return NULL;
}

static void advance(struct parser *p)
{
	p->cur = lex(p->text, p->len, p->cur.end);
	if (p->cur.kind == T_ERROR)
		parse_fail(p, p->cur.error_at, "%s", p->cur.error);
}

static size_t tok_len(const struct token *t)
{
	return t->end - t->start;
}

static bool tok_word(const struct token *t, const char *text, const char *word)
{
	return t->kind == T_IDENT && tok_len(t) == strlen(word) &&
	       memcmp(text + t->start, word, tok_len(t)) == 0;
}

static bool is_word(const struct parser *p, const char *word)
{
	return tok_word(&p->cur, p->text, word);
}

static char *tok_text(const struct parser *p, size_t from)
{
	size_t n = p->cur.end - from;
	char *s = xmalloc(n + 1);
	memcpy(s, p->text + from, n);
	s[n] = '\0';
	return s;
}

/* "a number", "')'", "\"name\"", ... for messages about the current token. */
static const char *describe(const struct parser *p, char *buf, size_t size)
{
	const struct token *t = &p->cur;
	int n = (int)(tok_len(t) < 40 ? tok_len(t) : 40);
	switch (t->kind) {
	case T_EOF:
		return "the end of the expression";
	case T_NUMBER:
		return "a number";
	case T_STRING:
		return "a string";
	case T_IDENT:
		snprintf(buf, size, "\"%.*s\"", n, p->text + t->start);
		return buf;
	default:
		snprintf(buf, size, "'%.*s'", n, p->text + t->start);
		return buf;
	}
}

/* One level deeper for the construct starting at offset. */
static bool enter(struct parser *p, size_t offset)
{
	if (++p->depth > FEXPR_MAX_DEPTH) {
		parse_fail(p, offset, "expression nested too deeply (more than %d levels)",
			   FEXPR_MAX_DEPTH);
		return false;
	}
	return true;
}

static struct fnode *parse_expr(struct parser *p);
static struct fnode *parse_not(struct parser *p);

/* Items up to `close`, separated by commas, into n; false on error. */
static bool parse_items(struct parser *p, struct fnode *n, enum tok_kind close, const char *what)
{
	if (!enter(p, n->offset))
		return false;
	advance(p); /* the opening bracket */
	bool ok = !p->failed;
	if (ok && p->cur.kind != close) {
		for (;;) {
			struct fnode *item = parse_expr(p);
			if (!item) {
				ok = false;
				break;
			}
			node_push(n, item);
			if (p->cur.kind == T_COMMA) {
				advance(p);
				continue;
			}
			if (p->cur.kind != close) {
				parse_fail(p, p->cur.start, "expected '%c' after %s",
					   close == T_RPAREN ? ')' : ']', what);
				ok = false;
			}
			break;
		}
	}
	p->depth--;
	if (ok)
		advance(p); /* the closing bracket */
	return ok && !p->failed;
}

static struct fnode *parse_call(struct parser *p, size_t start, char *name)
{
	int f = fexpr_func_find(name);
	if (f < 0) {
		const char *hint = fexpr_func_suggest(name);
		if (hint)
			parse_fail(p, start, "unknown function \"%.40s\" (did you mean \"%s\"?)", name,
				   hint);
		else
			parse_fail(p, start, "unknown function \"%.40s\"", name);
		free(name);
		return NULL;
	}
	struct fnode *n = node_new(FN_CALL, start);
	n->text = name;
	n->func = f;
	char what[64];
	snprintf(what, sizeof what, "the arguments of %s", name);
	if (!parse_items(p, n, T_RPAREN, what)) {
		node_free(n);
		return NULL;
	}
	const struct fexpr_func *fn = &fexpr_funcs[f];
	if (n->nargs < fn->min_args || n->nargs > fn->max_args) {
		char expected[40];
		if (fn->min_args == fn->max_args)
			snprintf(expected, sizeof expected, "%u", fn->min_args);
		else if (fn->max_args == FEXPR_ARGS_MANY)
			snprintf(expected, sizeof expected, "at least %u", fn->min_args);
		else
			snprintf(expected, sizeof expected, "%u or %u", fn->min_args, fn->max_args);
		parse_fail(p, start, "wrong number of arguments to %s: expected %s, got %zu", name,
			   expected, n->nargs);
		node_free(n);
		return NULL;
	}
	return n;
}

/* A name not preceded by '$': a keyword literal, case.name or a function call. */
static struct fnode *parse_word(struct parser *p)
{
	size_t start = p->cur.start;
	char buf[64];
	if (is_word(p, "true") || is_word(p, "false") || is_word(p, "null")) {
		struct fnode *n = node_new(is_word(p, "null") ? FN_NULL : FN_BOOL, start);
		n->b = is_word(p, "true");
		advance(p);
		return n;
	}
	if (is_word(p, "case")) {
		advance(p);
		if (p->cur.kind != T_DOT)
			return parse_fail(p, p->cur.start, "expected '.' and a name after case");
		advance(p);
		if (p->cur.kind != T_IDENT)
			return parse_fail(p, p->cur.start, "expected a name after case., found %s",
					  describe(p, buf, sizeof buf));
		struct fnode *n = node_new(FN_CASE, start);
		n->text = tok_text(p, p->cur.start);
		advance(p);
		return n;
	}
	static const char *const keywords[] = {"and", "or", "not", "in"};
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (is_word(p, keywords[i]))
			return parse_fail(p, start, "expected an expression, found \"%s\"", keywords[i]);
	char *name = tok_text(p, start);
	struct token next = lex(p->text, p->len, p->cur.end);
	if (next.kind == T_LPAREN) {
		advance(p);
		return parse_call(p, start, name);
	}
	if (fexpr_func_find(name) >= 0)
		parse_fail(p, p->cur.end, "expected '(' after %s", name);
	else
		parse_fail(p, start, "unknown name \"%.40s\" (fields are written $%.40s)", name, name);
	free(name);
	return NULL;
}

static struct fnode *parse_primary(struct parser *p)
{
	if (p->failed)
		return NULL;
	struct token t = p->cur;
	struct fnode *n;
	char buf[64];
	switch (t.kind) {
	case T_NUMBER:
		n = node_new(FN_NUMBER, t.start);
		n->num = t.num;
		advance(p);
		return n;
	case T_STRING: {
		n = node_new(FN_STRING, t.start);
		char *s = n->text = xmalloc(tok_len(&t));
		for (size_t i = t.start + 1; i + 1 < t.end; i++) {
			char c = p->text[i + 1];
			if (p->text[i] == '\\' && (c == '\\' || c == '\'' || c == '"'))
				i++; /* other escapes keep their backslash: 'a\.b' is a pattern */
			*s++ = p->text[i];
		}
		*s = '\0';
		advance(p);
		return n;
	}
	case T_FIELD:
		n = node_new(FN_FIELD, t.start);
		n->text = tok_text(p, t.start + 1);
		advance(p);
		return n;
	case T_DOT:
		advance(p);
		return node_new(FN_DOT, t.start);
	case T_IDENT:
		return parse_word(p);
	case T_LPAREN:
		if (!enter(p, t.start))
			return NULL;
		advance(p);
		n = parse_expr(p);
		p->depth--;
		if (n && p->cur.kind != T_RPAREN) {
			node_free(n);
			return parse_fail(p, p->cur.start, "expected ')', found %s",
					  describe(p, buf, sizeof buf));
		}
		advance(p);
		return n;
	case T_LBRACK:
		n = node_new(FN_LIST, t.start);
		if (!parse_items(p, n, T_RBRACK, "the list items")) {
			node_free(n);
			return NULL;
		}
		return n;
	case T_EOF:
		return parse_fail(p, t.start, "unexpected end of expression");
	default:
		return parse_fail(p, t.start, "expected an expression, found %s",
				  describe(p, buf, sizeof buf));
	}
}

/* A prefix operator ('-' or 'not') applied to what next() parses, one level deeper. */
static struct fnode *parse_prefix(struct parser *p, enum fnode_kind kind,
				  struct fnode *(*next)(struct parser *p))
{
	size_t start = p->cur.start;
	if (!enter(p, start))
		return NULL;
	advance(p);
	struct fnode *operand = next(p);
	p->depth--;
	if (!operand)
		return NULL;
	struct fnode *n = node_new(kind, start);
	node_push(n, operand);
	return n;
}

static struct fnode *parse_unary(struct parser *p)
{
	return p->cur.kind == T_MINUS ? parse_prefix(p, FN_NEG, parse_unary) : parse_primary(p);
}

static bool arith_op(enum tok_kind kind, bool mul, enum fexpr_op *op)
{
	switch (kind) {
	case T_PLUS:
		*op = FOP_ADD;
		return !mul;
	case T_MINUS:
		*op = FOP_SUB;
		return !mul;
	case T_STAR:
		*op = FOP_MUL;
		return mul;
	case T_SLASH:
		*op = FOP_DIV;
		return mul;
	case T_PERCENT:
		*op = FOP_MOD;
		return mul;
	default:
		return false;
	}
}

/* A left-associative chain of + - (mul false) or * / % (mul true) as one node. */
static struct fnode *parse_chain(struct parser *p, bool mul)
{
	struct fnode *first = mul ? parse_unary(p) : parse_chain(p, true);
	enum fexpr_op op;
	if (!first || p->failed || !arith_op(p->cur.kind, mul, &op))
		return first;
	struct fnode *n = node_new(FN_ARITH, first->offset);
	node_push(n, first);
	while (!p->failed && arith_op(p->cur.kind, mul, &op)) {
		advance(p);
		struct fnode *next = mul ? parse_unary(p) : parse_chain(p, true);
		if (!next) {
			node_free(n);
			return NULL;
		}
		node_push(n, next);
		node_push_op(n, op);
	}
	return n;
}

/* The comparison operator at the current token, consuming it (and 'in' after 'not'). */
static bool cmp_op(struct parser *p, enum fexpr_op *op)
{
	static const struct {
		enum tok_kind kind;
		enum fexpr_op op;
	} ops[] = {{T_EQ, FOP_EQ}, {T_NE, FOP_NE}, {T_LT, FOP_LT},
		   {T_LE, FOP_LE}, {T_GT, FOP_GT}, {T_GE, FOP_GE}};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (p->cur.kind == ops[i].kind) {
			*op = ops[i].op;
			advance(p);
			return true;
		}
	if (is_word(p, "in")) {
		*op = FOP_IN;
		advance(p);
		return true;
	}
	if (is_word(p, "not")) {
		struct token next = lex(p->text, p->len, p->cur.end);
		if (tok_word(&next, p->text, "in")) {
			*op = FOP_NOT_IN;
			advance(p);
			advance(p);
			return true;
		}
	}
	return false;
}

static struct fnode *parse_cmp(struct parser *p)
{
	struct fnode *left = parse_chain(p, false);
	enum fexpr_op op;
	if (!left || p->failed || !cmp_op(p, &op))
		return left;
	struct fnode *n = node_new(FN_CMP, left->offset);
	node_push(n, left);
	struct fnode *right = p->failed ? NULL : parse_chain(p, false);
	if (!right) {
		node_free(n);
		return NULL;
	}
	node_push(n, right);
	node_push_op(n, op);
	size_t at = p->cur.start;
	if (!p->failed && cmp_op(p, &op)) {
		node_free(n);
		return parse_fail(p, at, "comparisons cannot be chained; join them with 'and'");
	}
	return n;
}

static struct fnode *parse_not(struct parser *p)
{
	return is_word(p, "not") ? parse_prefix(p, FN_NOT, parse_not) : parse_cmp(p);
}

/* 'and' chains (or false) or 'or' chains (or true) as one node. */
static struct fnode *parse_logic(struct parser *p, bool or)
{
	const char *word = or ? "or" : "and";
	struct fnode *first = or ? parse_logic(p, false) : parse_not(p);
	if (!first || p->failed || !is_word(p, word))
		return first;
	struct fnode *n = node_new(or ? FN_OR : FN_AND, first->offset);
	node_push(n, first);
	while (!p->failed && is_word(p, word)) {
		advance(p);
		struct fnode *next = or ? parse_logic(p, false) : parse_not(p);
		if (!next) {
			node_free(n);
			return NULL;
		}
		node_push(n, next);
	}
	return n;
}

static struct fnode *parse_expr(struct parser *p)
{
	struct fnode *n = p->failed ? NULL : parse_logic(p, true);
	if (n && p->failed) {
		node_free(n);
		n = NULL;
	}
	return n;
}

struct fexpr *fexpr_parse(const char *text, struct fexpr_error *err)
{
	struct fexpr_error scratch;
	struct parser p = {.text = text ? text : "", .err = err ? err : &scratch};
	p.err->offset = 0;
	p.err->message[0] = '\0';
	p.len = strnlen(p.text, FEXPR_MAX_LENGTH + 1);
	if (p.len > FEXPR_MAX_LENGTH)
		return parse_fail(&p, FEXPR_MAX_LENGTH, "expression longer than %d bytes",
				  FEXPR_MAX_LENGTH);
	p.cur = lex(p.text, p.len, 0);
	if (p.cur.kind == T_ERROR)
		return parse_fail(&p, p.cur.error_at, "%s", p.cur.error);
	if (p.cur.kind == T_EOF)
		return parse_fail(&p, p.cur.start, "empty expression");
	struct fnode *root = parse_expr(&p);
	if (root && p.cur.kind != T_EOF) {
		char buf[64];
		parse_fail(&p, p.cur.start, "unexpected %s", describe(&p, buf, sizeof buf));
		node_free(root);
		return NULL;
	}
	if (!root)
		return NULL;
	struct fexpr *e = xmalloc(sizeof *e);
	e->root = root;
	return e;
}

void fexpr_free(struct fexpr **expr)
{
	if (!expr || !*expr)
		return;
	node_free((*expr)->root);
	free(*expr);
	*expr = NULL;
}

/* ---- references -------------------------------------------------------------------------- */

struct refs_walk {
	bool (*visit)(void *ctx, const struct fexpr_ref *ref);
	void *ctx;
};

static bool refs_node(const struct fnode *n, const char *repeat, const struct refs_walk *w)
{
	struct fexpr_ref ref = {.offset = n->offset, .in_row = repeat != NULL, .row_repeat = repeat};
	switch (n->kind) {
	case FN_FIELD:
	case FN_CASE:
		ref.kind = n->kind == FN_FIELD ? FEXPR_REF_FIELD : FEXPR_REF_CASE;
		ref.name = n->text;
		return w->visit(w->ctx, &ref);
	case FN_DOT:
		ref.kind = FEXPR_REF_DOT;
		ref.name = "";
		return w->visit(w->ctx, &ref);
	default:
		break;
	}
	bool per_row = n->kind == FN_CALL && fexpr_funcs[n->func].per_row && n->nargs >= 2 &&
		       n->args[0]->kind == FN_FIELD;
	for (size_t i = 0; i < n->nargs; i++)
		if (!refs_node(n->args[i], per_row && i == 1 ? n->args[0]->text : repeat, w))
			return false;
	return true;
}

void fexpr_refs(const struct fexpr *expr, bool (*visit)(void *ctx, const struct fexpr_ref *ref),
		void *ctx)
{
	if (!expr || !visit)
		return;
	struct refs_walk w = {visit, ctx};
	refs_node(expr->root, NULL, &w);
}

/* ---- binding ----------------------------------------------------------------------------- */

static bool bind_fail(struct fexpr_error *err, size_t offset, const char *fmt, const char *arg)
{
	err->offset = offset;
	snprintf(err->message, sizeof err->message, fmt, arg);
	return false;
}

static bool bind_node(struct fnode *n, const struct fexpr_binder *b, struct fexpr_error *err)
{
	if (n->kind == FN_FIELD) {
		n->slot = b->resolve_field ? b->resolve_field(b->ctx, n->text) : -1;
		return n->slot >= 0 || bind_fail(err, n->offset, "unknown field \"$%.60s\"", n->text);
	}
	if (n->kind == FN_CASE) {
		n->slot = b->resolve_case ? b->resolve_case(b->ctx, n->text) : -1;
		return n->slot >= 0 ||
		       bind_fail(err, n->offset, "unknown case value \"case.%.60s\"", n->text);
	}
	const struct fexpr_func *fn = n->kind == FN_CALL ? &fexpr_funcs[n->func] : NULL;
	for (size_t i = 0; i < n->nargs; i++) {
		bool must_be_field = fn && ((fn->rule == FARG_FIRST_FIELD && i == 0) ||
					    fn->rule == FARG_ALL_FIELDS);
		if (must_be_field && n->args[i]->kind != FN_FIELD)
			return bind_fail(err, n->args[i]->offset,
					 fn->rule == FARG_ALL_FIELDS
						 ? "%s needs fields ($name) as its arguments"
						 : "%s needs a field ($name) as its first argument",
					 fn->name);
		if (!bind_node(n->args[i], b, err))
			return false;
		if (fn && !fexpr_func_check_literal(n, i, err->message, sizeof err->message)) {
			err->offset = n->args[i]->offset;
			return false;
		}
	}
	return true;
}

bool fexpr_bind(struct fexpr *expr, const struct fexpr_binder *binder, struct fexpr_error *err)
{
	struct fexpr_error scratch;
	if (!err)
		err = &scratch;
	err->offset = 0;
	err->message[0] = '\0';
	if (!expr || !binder)
		return bind_fail(err, 0, "%s", "nothing to bind");
	return bind_node(expr->root, binder, err);
}

/* ---- printing ---------------------------------------------------------------------------- */

enum { PREC_OR = 1, PREC_AND, PREC_NOT, PREC_CMP, PREC_ADD, PREC_MUL, PREC_UNARY, PREC_ATOM };

static int prec(const struct fnode *n)
{
	switch (n->kind) {
	case FN_OR:
		return PREC_OR;
	case FN_AND:
		return PREC_AND;
	case FN_NOT:
		return PREC_NOT;
	case FN_CMP:
		return PREC_CMP;
	case FN_ARITH:
		return n->ops[0] == FOP_ADD || n->ops[0] == FOP_SUB ? PREC_ADD : PREC_MUL;
	case FN_NEG:
		return PREC_UNARY;
	default:
		return PREC_ATOM;
	}
}

static const char *op_text(enum fexpr_op op)
{
	static const char *const text[] = {
		[FOP_ADD] = "+", [FOP_SUB] = "-", [FOP_MUL] = "*",  [FOP_DIV] = "/",
		[FOP_MOD] = "%", [FOP_EQ] = "=",  [FOP_NE] = "!=",  [FOP_LT] = "<",
		[FOP_LE] = "<=", [FOP_GT] = ">",  [FOP_GE] = ">=",  [FOP_IN] = "in",
		[FOP_NOT_IN] = "not in",
	};
	return text[op];
}

/* The shortest text that reads back as exactly n. */
static void print_number(double n, struct strbuf *out)
{
	char buf[40];
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, sizeof buf, "%.*g", digits, n);
		fexpr_point_to_dot(buf);
		double back;
		if (fexpr_number_parse(buf, strlen(buf), &back) && back == n)
			break;
	}
	strbuf_puts(out, buf);
}

static void print_node(const struct fnode *n, struct strbuf *out);

static void print_operand(const struct fnode *n, int min_prec, struct strbuf *out)
{
	bool paren = prec(n) < min_prec;
	if (paren)
		strbuf_putc(out, '(');
	print_node(n, out);
	if (paren)
		strbuf_putc(out, ')');
}

static void print_items(const struct fnode *n, char open, char close, struct strbuf *out)
{
	strbuf_putc(out, open);
	for (size_t i = 0; i < n->nargs; i++) {
		if (i)
			strbuf_puts(out, ", ");
		print_node(n->args[i], out);
	}
	strbuf_putc(out, close);
}

static void print_node(const struct fnode *n, struct strbuf *out)
{
	switch (n->kind) {
	case FN_NUMBER:
		print_number(n->num, out);
		break;
	case FN_STRING:
		strbuf_putc(out, '\'');
		for (const char *s = n->text; *s; s++) {
			if (*s == '\\' || *s == '\'')
				strbuf_putc(out, '\\');
			strbuf_putc(out, *s);
		}
		strbuf_putc(out, '\'');
		break;
	case FN_BOOL:
		strbuf_puts(out, n->b ? "true" : "false");
		break;
	case FN_NULL:
		strbuf_puts(out, "null");
		break;
	case FN_FIELD:
		strbuf_printf(out, "$%s", n->text);
		break;
	case FN_CASE:
		strbuf_printf(out, "case.%s", n->text);
		break;
	case FN_DOT:
		strbuf_putc(out, '.');
		break;
	case FN_CALL:
		strbuf_puts(out, n->text);
		print_items(n, '(', ')', out);
		break;
	case FN_LIST:
		print_items(n, '[', ']', out);
		break;
	case FN_NEG:
		strbuf_putc(out, '-');
		print_operand(n->args[0], PREC_UNARY, out);
		break;
	case FN_NOT:
		strbuf_puts(out, "not ");
		print_operand(n->args[0], PREC_NOT, out);
		break;
	case FN_CMP:
	case FN_ARITH:
	case FN_AND:
	case FN_OR: {
		int p = prec(n);
		/* operands bind tighter than the operator, but the first operand of a
		 * left-associative chain may be the same kind; comparisons do not chain */
		for (size_t i = 0; i < n->nargs; i++) {
			int min = p == PREC_CMP ? PREC_ADD : i == 0 ? p : p + 1;
			if (i)
				strbuf_printf(out, " %s ",
					      n->kind == FN_AND ? "and"
					      : n->kind == FN_OR ? "or"
								 : op_text(n->ops[i - 1]));
			print_operand(n->args[i], min, out);
		}
		break;
	}
	}
}

void fexpr_print(const struct fexpr *expr, struct strbuf *out)
{
	if (expr)
		print_node(expr->root, out);
}

/* ---- evaluation of operators ------------------------------------------------------------- */

/* Orders a and b when they are comparable (numbers, dates, strings; a date and a date
 * string); false otherwise. */
static bool fexpr_order(const struct fval *a, const struct fval *b, int *cmp)
{
	if (a->kind == FVAL_NUMBER && b->kind == FVAL_NUMBER) {
		*cmp = (a->u.num > b->u.num) - (a->u.num < b->u.num);
		return true;
	}
	if (a->kind == FVAL_STRING && b->kind == FVAL_STRING) {
		int c = strcmp(a->u.str, b->u.str);
		*cmp = (c > 0) - (c < 0);
		return true;
	}
	date_t x, y;
	if ((a->kind == FVAL_DATE || b->kind == FVAL_DATE) && fexpr_as_date(a, &x) &&
	    fexpr_as_date(b, &y)) {
		*cmp = (x > y) - (x < y);
		return true;
	}
	return false;
}

static bool fexpr_member(const struct fval *x, const struct fval *list)
{
	for (size_t i = 0; i < list->u.list.count; i++)
		if (fval_equal(x, &list->u.list.items[i]))
			return true;
	return false;
}

static bool fexpr_compare(enum fexpr_op op, const struct fval *a, const struct fval *b)
{
	if (a->kind == FVAL_NULL || b->kind == FVAL_NULL)
		return false;
	int c;
	switch (op) {
	case FOP_EQ:
		return fval_equal(a, b);
	case FOP_NE:
		return !fval_equal(a, b);
	case FOP_IN:
		return b->kind == FVAL_LIST && fexpr_member(a, b);
	case FOP_NOT_IN:
		return b->kind == FVAL_LIST && !fexpr_member(a, b);
	case FOP_LT:
		return fexpr_order(a, b, &c) && c < 0;
	case FOP_LE:
		return fexpr_order(a, b, &c) && c <= 0;
	case FOP_GT:
		return fexpr_order(a, b, &c) && c > 0;
	case FOP_GE:
		return fexpr_order(a, b, &c) && c >= 0;
	default:
		return false;
	}
}

/* A whole number of days small enough to add to a date. */
static bool fexpr_days(const struct fval *v, long long *out)
{
	if (v->kind != FVAL_NUMBER || v->u.num != trunc(v->u.num) || fabs(v->u.num) > 1e8)
		return false;
	*out = (long long)v->u.num;
	return true;
}

/* a op b into out (null on a type error, a null operand, or division by zero). */
static void fexpr_arith(enum fexpr_op op, const struct fval *a, const struct fval *b,
			struct fval *out)
{
	long long days;
	if (a->kind == FVAL_NUMBER && b->kind == FVAL_NUMBER) {
		double x = a->u.num, y = b->u.num;
		switch (op) {
		case FOP_ADD:
			fexpr_set_number_checked(out, x + y);
			break;
		case FOP_SUB:
			fexpr_set_number_checked(out, x - y);
			break;
		case FOP_MUL:
			fexpr_set_number_checked(out, x * y);
			break;
		case FOP_DIV:
			if (y != 0)
				fexpr_set_number_checked(out, x / y);
			break;
		case FOP_MOD:
			if (y != 0)
				fexpr_set_number_checked(out, fmod(x, y));
			break;
		default:
			break;
		}
	} else if (a->kind == FVAL_DATE && b->kind == FVAL_DATE) {
		if (op == FOP_SUB)
			fval_set_number(out, (double)a->u.date - (double)b->u.date);
	} else if (a->kind == FVAL_DATE && fexpr_days(b, &days) && (op == FOP_ADD || op == FOP_SUB)) {
		fexpr_set_date_checked(out, (long long)a->u.date + (op == FOP_ADD ? days : -days));
	} else if (b->kind == FVAL_DATE && fexpr_days(a, &days) && op == FOP_ADD) {
		fexpr_set_date_checked(out, (long long)b->u.date + days);
	}
}

static void eval_arith(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	struct fval acc = {0}, next = {0}, result = {0};
	fexpr_eval_node(n->args[0], cx, &acc);
	for (size_t i = 1; i < n->nargs && acc.kind != FVAL_NULL; i++) {
		fexpr_eval_node(n->args[i], cx, &next);
		fexpr_arith(n->ops[i - 1], &acc, &next, &result);
		fval_clear(&acc);
		fval_clear(&next);
		acc = result;
		memset(&result, 0, sizeof result);
	}
	*out = acc;
}

static void eval_logic(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	bool want = n->kind == FN_OR; /* the value that decides the chain */
	bool result = !want;
	for (size_t i = 0; i < n->nargs && result != want; i++) {
		struct fval v = {0};
		fexpr_eval_node(n->args[i], cx, &v);
		if (fval_truthy(&v) == want)
			result = want;
		fval_clear(&v);
	}
	fval_set_bool(out, result);
}

static void eval_ref(const struct fnode *n, const struct fexpr_env *env, struct fval *out)
{
	if (n->slot < 0)
		return;
	if (n->kind == FN_FIELD && env->field)
		env->field(env->ctx, n->slot, out);
	else if (n->kind == FN_CASE && env->case_value)
		env->case_value(env->ctx, n->slot, out);
}

void fexpr_eval_node(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out)
{
	if (cx->budget == 0)
		return; /* too much work (nested rows over large repeats): the answer is unknown */
	cx->budget--;
	struct fval a = {0}, b = {0};
	switch (n->kind) {
	case FN_NUMBER:
		fval_set_number(out, n->num);
		break;
	case FN_STRING:
		fval_set_string(out, n->text);
		break;
	case FN_BOOL:
		fval_set_bool(out, n->b);
		break;
	case FN_NULL:
		break;
	case FN_FIELD:
	case FN_CASE:
		eval_ref(n, cx->env, out);
		break;
	case FN_DOT:
		if (cx->env->dot)
			fval_copy(out, cx->env->dot);
		break;
	case FN_CALL:
		fexpr_funcs[n->func].call(n, cx, out);
		break;
	case FN_LIST:
		out->kind = FVAL_LIST;
		for (size_t i = 0; i < n->nargs; i++) {
			fexpr_eval_node(n->args[i], cx, &a);
			fval_list_take(out, &a);
		}
		break;
	case FN_NEG:
		fexpr_eval_node(n->args[0], cx, &a);
		if (a.kind == FVAL_NUMBER)
			fval_set_number(out, -a.u.num);
		break;
	case FN_NOT:
		fexpr_eval_node(n->args[0], cx, &a);
		fval_set_bool(out, !fval_truthy(&a));
		break;
	case FN_CMP:
		fexpr_eval_node(n->args[0], cx, &a);
		fexpr_eval_node(n->args[1], cx, &b);
		fval_set_bool(out, fexpr_compare(n->ops[0], &a, &b));
		break;
	case FN_ARITH:
		eval_arith(n, cx, out);
		break;
	case FN_AND:
	case FN_OR:
		eval_logic(n, cx, out);
		break;
	}
	fval_clear(&a);
	fval_clear(&b);
}

void fexpr_eval(const struct fexpr *expr, const struct fexpr_env *env, struct fval *out)
{
	memset(out, 0, sizeof *out);
	if (!expr || !env)
		return;
	struct fexpr_evalctx cx = {env, FEXPR_EVAL_BUDGET};
	fexpr_eval_node(expr->root, &cx, out);
}
