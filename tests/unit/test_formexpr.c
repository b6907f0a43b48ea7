/* formexpr: parsing (precedence, every error with its exact offset and message, the depth
 * and length limits), references, binding through a fake binder, printing round trips, and
 * evaluation of every operator and function over a fake environment with a repeat.
 * Linked with cl_forms alone: the library is pure. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formexpr.h"
#include "caseload/strbuf.h"

/* ---- a fake form: fields, case values, choices and one repeat ---------------------------- */

static const char *const field_names[] = {
	"a", "b", "c", "sel", "multi", "rows", "qty", "price", "dob", "d1", "d2", "name", "n",
	"flag", "sel2", "rows2", "empty_rows", "huge",
};
enum {
	F_A, F_B, F_C, F_SEL, F_MULTI, F_ROWS, F_QTY, F_PRICE, F_DOB, F_D1, F_D2, F_NAME, F_N,
	F_FLAG, F_SEL2, F_ROWS2, F_EMPTY_ROWS, F_HUGE, F_COUNT
};
static const char *const case_names[] = {"srd", "sex", "admission_date"};

static int names_find(const char *const *names, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static int resolve_field(void *ctx, const char *name)
{
	(void)ctx;
	return names_find(field_names, F_COUNT, name);
}

static int resolve_case(void *ctx, const char *name)
{
	(void)ctx;
	return names_find(case_names, sizeof case_names / sizeof case_names[0], name);
}

static const struct fexpr_binder binder = {NULL, resolve_field, resolve_case};

#define NROWS 3
struct fake {
	struct fval fields[F_COUNT];
	struct fval rowvals[NROWS][2]; /* qty, price of each row of $rows */
	struct fval cases[3];
	int row;          /* current row of $rows, -1 outside */
	int entered;      /* enter_row calls not yet left */
	size_t rows;      /* rows of $rows */
};

static struct fake fk;

static void fake_field(void *ctx, int slot, struct fval *out)
{
	struct fake *f = ctx;
	if ((slot == F_QTY || slot == F_PRICE) && f->row >= 0)
		fval_copy(out, &f->rowvals[f->row][slot - F_QTY]);
	else if (slot >= 0 && slot < F_COUNT)
		fval_copy(out, &f->fields[slot]);
}

static void fake_case(void *ctx, int slot, struct fval *out)
{
	struct fake *f = ctx;
	fval_copy(out, &f->cases[slot]);
}

/* Choices "0".."3" score their number; "na" is missing and has no score; "x" has none. */
static bool fake_score(void *ctx, int slot, const char *value, double *out)
{
	(void)ctx;
	(void)slot;
	if (strlen(value) == 1 && value[0] >= '0' && value[0] <= '3') {
		*out = value[0] - '0';
		return true;
	}
	return false;
}

static bool fake_missing(void *ctx, int slot, const char *value)
{
	(void)ctx;
	(void)slot;
	return strcmp(value, "na") == 0;
}

static size_t fake_row_count(void *ctx, int slot)
{
	struct fake *f = ctx;
	return slot == F_ROWS ? f->rows : slot == F_ROWS2 ? 2 : slot == F_HUGE ? (size_t)1 << 40 : 0;
}

static void fake_enter(void *ctx, int slot, size_t row)
{
	struct fake *f = ctx;
	if (slot == F_ROWS)
		f->row = (int)row;
	f->entered++;
}

static void fake_leave(void *ctx, int slot)
{
	struct fake *f = ctx;
	if (slot == F_ROWS)
		f->row = -1;
	f->entered--;
}

static struct fval dot_value;
static struct fexpr_env env;

static void set_str(struct fval *v, const char *s)
{
	fval_set_string(v, s);
}

static void fake_setup(void)
{
	memset(&fk, 0, sizeof fk);
	fk.row = -1;
	fk.rows = NROWS;
	fval_set_number(&fk.fields[F_A], 2);
	fval_set_number(&fk.fields[F_B], 3);
	/* F_C stays null */
	set_str(&fk.fields[F_SEL], "2");
	struct fval item = {0};
	const char *chosen[] = {"1", "3", "x"};
	for (size_t i = 0; i < 3; i++) {
		set_str(&item, chosen[i]);
		fval_list_push(&fk.fields[F_MULTI], &item);
	}
	fval_clear(&item);
	fval_set_date(&fk.fields[F_DOB], date_from_ymd(1990, 6, 15));
	fval_set_date(&fk.fields[F_D1], date_from_ymd(2024, 1, 31));
	fval_set_date(&fk.fields[F_D2], date_from_ymd(2024, 3, 1));
	set_str(&fk.fields[F_NAME], "Nguyễn");
	fval_set_number(&fk.fields[F_N], 2.5);
	fval_set_bool(&fk.fields[F_FLAG], true);
	set_str(&fk.fields[F_SEL2], "na");
	double qty[NROWS] = {1, 2, 4}, price[NROWS] = {10, 0, 2.5};
	for (int r = 0; r < NROWS; r++) {
		fval_set_number(&fk.rowvals[r][0], qty[r]);
		if (r != 1) /* the middle row leaves its price unanswered */
			fval_set_number(&fk.rowvals[r][1], price[r]);
	}
	fval_set_date(&fk.cases[0], date_from_ymd(2026, 5, 1));
	set_str(&fk.cases[1], "F");
	fval_set_date(&fk.cases[2], date_from_ymd(2025, 12, 1));
	fval_set_number(&dot_value, 42);
	env = (struct fexpr_env){
		.ctx = &fk,
		.field = fake_field,
		.case_value = fake_case,
		.choice_score = fake_score,
		.choice_missing = fake_missing,
		.row_count = fake_row_count,
		.enter_row = fake_enter,
		.leave_row = fake_leave,
		.dot = &dot_value,
		.today = date_from_ymd(2026, 1, 15),
	};
}

static void fake_teardown(void)
{
	for (int i = 0; i < F_COUNT; i++)
		fval_clear(&fk.fields[i]);
	for (int r = 0; r < NROWS; r++)
		fval_clear(&fk.rowvals[r][0]), fval_clear(&fk.rowvals[r][1]);
	for (int i = 0; i < 3; i++)
		fval_clear(&fk.cases[i]);
	fval_clear(&dot_value);
}

/* ---- helpers ----------------------------------------------------------------------------- */

static struct fexpr *parse_ok(const char *text)
{
	struct fexpr_error err;
	struct fexpr *e = fexpr_parse(text, &err);
	ck_assert_msg(e != NULL, "parse \"%s\": %zu: %s", text, err.offset, err.message);
	return e;
}

#define assert_parse_error(text, off, msg)                                                   \
	do {                                                                                 \
		struct fexpr_error err_;                                                     \
		struct fexpr *e_ = fexpr_parse((text), &err_);                               \
		ck_assert_msg(e_ == NULL, "\"%s\" should not parse", (text));                \
		ck_assert_str_eq(err_.message, (msg));                                       \
		ck_assert_uint_eq(err_.offset, (off));                                       \
	} while (0)

#define assert_bind_error(text, off, msg)                                                    \
	do {                                                                                 \
		struct fexpr_error err_;                                                     \
		struct fexpr *e_ = parse_ok(text);                                           \
		ck_assert_msg(!fexpr_bind(e_, &binder, &err_), "\"%s\" should not bind", (text)); \
		ck_assert_str_eq(err_.message, (msg));                                       \
		ck_assert_uint_eq(err_.offset, (off));                                       \
		fexpr_free(&e_);                                                             \
	} while (0)

/* The canonical text of text. */
static char printed[FEXPR_MAX_LENGTH * 3];

static const char *print_of(const char *text)
{
	struct fexpr *e = parse_ok(text);
	struct strbuf sb;
	strbuf_init(&sb);
	fexpr_print(e, &sb);
	ck_assert_uint_lt(sb.len, sizeof printed);
	memcpy(printed, sb.buf, sb.len + 1);
	strbuf_clear(&sb);
	fexpr_free(&e);
	return printed;
}

/* Evaluates text against the fake form: "kind:display" ("n:3", "s:abc", "d:2026-01-15",
 * "b:true", "l:1, 3", or "null"). */
static char result[4096];

static const char *ev(const char *text)
{
	struct fexpr *e = parse_ok(text);
	struct fexpr_error err;
	ck_assert_msg(fexpr_bind(e, &binder, &err), "bind \"%s\": %zu: %s", text, err.offset,
		      err.message);
	struct fval v;
	fexpr_eval(e, &env, &v);
	ck_assert_int_eq(fk.entered, 0); /* every row entered was left */
	static const char kinds[] = {'-', 'b', 'n', 's', 'd', 'l'};
	struct strbuf sb;
	strbuf_init(&sb);
	if (v.kind == FVAL_NULL)
		strbuf_puts(&sb, "null");
	else
		strbuf_printf(&sb, "%c:", kinds[v.kind]);
	fval_format(&v, &sb);
	ck_assert_uint_lt(sb.len, sizeof result);
	memcpy(result, sb.buf, sb.len + 1);
	strbuf_clear(&sb);
	fval_clear(&v);
	fexpr_free(&e);
	return result;
}

#define EV(text, expected) ck_assert_str_eq(ev(text), (expected))

/* ---- parsing ----------------------------------------------------------------------------- */

START_TEST(parses_every_kind_of_primary)
{
	const char *ok[] = {
		"1", "2.5", "1e3", "1.5E-2", "'s'", "\"s\"", "true", "false", "null", "$a", ".",
		"case.srd", "today()", "if(true, 1, 2)", "(1)", "[]", "[1, 'a', [2]]", "- 1",
		"not true", "$a in [1, 2]", "$a not in [1]", "$a == 1", "$a != 1", "1 % 2",
		"  \t\n1\r\n ", "concat('a', \"b\", 'it\\'s', \"say \\\"hi\\\"\", 'back\\\\')",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct fexpr *e = parse_ok(ok[i]);
		fexpr_free(&e);
		ck_assert_ptr_null(e);
	}
	fexpr_free(NULL); /* NULL-safe */
}
END_TEST

START_TEST(precedence_and_associativity)
{
	ck_assert_str_eq(print_of("1 + 2 * 3"), "1 + 2 * 3");
	ck_assert_str_eq(print_of("(1 + 2) * 3"), "(1 + 2) * 3");
	ck_assert_str_eq(print_of("1 - (2 - 3)"), "1 - (2 - 3)");
	ck_assert_str_eq(print_of("((1 - 2)) - 3"), "1 - 2 - 3");
	ck_assert_str_eq(print_of("(($a or $b)) or $c"), "$a or $b or $c");
	ck_assert_str_eq(print_of("not ($a = $b)"), "not $a = $b");
	ck_assert_str_eq(print_of("(-$a) * 2"), "-$a * 2");
	/* and evaluated: * before +, left to right, - binds tightest, and before or */
	EV("1 + 2 * 3", "n:7");
	EV("(1 + 2) * 3", "n:9");
	EV("2 - 3 - 4", "n:-5");
	EV("2 - (3 - 4)", "n:3");
	EV("12 / 2 / 3", "n:2");
	EV("-2 * 3 + 1", "n:-5");
	EV("- -2", "n:2");
	EV("7 % 4 * 2", "n:6");
	EV("true or false and false", "b:true");
	EV("(true or false) and false", "b:false");
	EV("not false and false", "b:false");
	EV("not 1 = 2", "b:true");
	EV("1 + 1 = 2 and 2 * 2 = 4", "b:true");
}
END_TEST

START_TEST(parse_errors_with_offsets)
{
	assert_parse_error("", 0, "empty expression");
	assert_parse_error("   ", 3, "empty expression");
	assert_parse_error("score($a", 8, "expected ')' after the arguments of score");
	assert_parse_error("score($a 1)", 9, "expected ')' after the arguments of score");
	assert_parse_error("sums($a)", 0, "unknown function \"sums\" (did you mean \"sum\"?)");
	assert_parse_error("1 + frobnicate(1)", 4, "unknown function \"frobnicate\"");
	assert_parse_error("'abc", 0, "unterminated string");
	assert_parse_error("$a = \"abc'", 5, "unterminated string");
	assert_parse_error("'ab\\", 0, "unterminated string");
	assert_parse_error("'ab\\'", 0, "unterminated string");
	assert_parse_error("date_add($d1, 1)", 0,
			   "wrong number of arguments to date_add: expected 3, got 2");
	assert_parse_error("round()", 0, "wrong number of arguments to round: expected 1 or 2, got 0");
	assert_parse_error("sum()", 0, "wrong number of arguments to sum: expected at least 1, got 0");
	assert_parse_error("$a + today(1)", 5, "wrong number of arguments to today: expected 0, got 1");
	assert_parse_error("1 +", 3, "unexpected end of expression");
	assert_parse_error("(1 + 2", 6, "expected ')', found the end of the expression");
	assert_parse_error("[1, 2", 5, "expected ']' after the list items");
	assert_parse_error("1 2", 2, "unexpected a number");
	assert_parse_error("1 )", 2, "unexpected ')'");
	assert_parse_error("$", 0, "expected a field name after '$'");
	assert_parse_error("$1", 0, "expected a field name after '$'");
	assert_parse_error("1 ! 2", 2, "unexpected character '!' (use 'not' or '!=')");
	assert_parse_error("1 # 2", 2, "unexpected character '#'");
	assert_parse_error("1 + \x01", 4, "unexpected byte 0x01");
	assert_parse_error("'ok' + \xff", 7, "unexpected byte 0xFF");
	assert_parse_error("12abc", 0, "malformed number");
	assert_parse_error("1.", 0, "malformed number");
	assert_parse_error("1e", 0, "malformed number");
	assert_parse_error("1e999", 0, "number out of range");
	assert_parse_error("cog_rating = '1'", 0,
			   "unknown name \"cog_rating\" (fields are written $cog_rating)");
	assert_parse_error("today + 1", 5, "expected '(' after today");
	assert_parse_error("case srd", 5, "expected '.' and a name after case");
	assert_parse_error("case.1", 5, "expected a name after case., found a number");
	assert_parse_error("1 < 2 < 3", 6, "comparisons cannot be chained; join them with 'and'");
	assert_parse_error("$a and or $b", 7, "expected an expression, found \"or\"");
	assert_parse_error("$a = not $b", 5, "expected an expression, found \"not\"");
	assert_parse_error("[1,]", 3, "expected an expression, found ']'");
	assert_parse_error("f(,)", 0, "unknown function \"f\" (did you mean \"if\"?)");
	assert_parse_error("if(,1,2)", 3, "expected an expression, found ','");
	assert_parse_error("1 + * 2", 4, "expected an expression, found '*'");
	/* errors are reported, not crashed on, when the message would be long */
	char name[300];
	memset(name, 'q', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	struct fexpr_error err;
	ck_assert_ptr_null(fexpr_parse(name, &err));
	ck_assert_uint_eq(err.offset, 0);
	ck_assert_ptr_null(fexpr_parse(NULL, &err));
	ck_assert_str_eq(err.message, "empty expression");
	ck_assert_ptr_null(fexpr_parse("(", NULL)); /* no error struct: still no crash */
}
END_TEST

/* Text of `levels` nested wrappers around 1, e.g. "((1))" */
static char *nested(const char *open, const char *close, int levels)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < levels; i++)
		strbuf_puts(&sb, open);
	strbuf_putc(&sb, '1');
	for (int i = 0; i < levels; i++)
		strbuf_puts(&sb, close);
	return strbuf_detach(&sb);
}

START_TEST(depth_limit_at_both_edges)
{
	static const char *const wrappers[][2] = {
		{"(", ")"}, {"[", "]"}, {"-", ""}, {"not ", ""}, {"round(", ")"},
	};
	for (size_t w = 0; w < sizeof wrappers / sizeof wrappers[0]; w++) {
		char *ok = nested(wrappers[w][0], wrappers[w][1], FEXPR_MAX_DEPTH);
		struct fexpr *e = parse_ok(ok);
		fexpr_free(&e);
		free(ok);
		char *deep = nested(wrappers[w][0], wrappers[w][1], FEXPR_MAX_DEPTH + 1);
		struct fexpr_error err;
		ck_assert_ptr_null(fexpr_parse(deep, &err));
		ck_assert_str_eq(err.message, "expression nested too deeply (more than 64 levels)");
		ck_assert_uint_eq(err.offset, FEXPR_MAX_DEPTH * strlen(wrappers[w][0]));
		free(deep);
	}
	/* very deep input is refused without exhausting the stack */
	char *deep = nested("(", ")", 4000);
	ck_assert_ptr_null(fexpr_parse(deep, NULL));
	free(deep);
	/* a long chain is not nesting: a thousand terms parse, print and evaluate */
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "1");
	for (int i = 0; i < 1000; i++)
		strbuf_puts(&sb, " + 1");
	ck_assert_str_eq(ev(sb.buf), "n:1001");
	strbuf_clear(&sb);
}
END_TEST

START_TEST(length_limit_at_both_edges)
{
	char *text = xmalloc(FEXPR_MAX_LENGTH + 2);
	memset(text, ' ', FEXPR_MAX_LENGTH + 1);
	text[0] = '1';
	text[FEXPR_MAX_LENGTH] = '\0';
	struct fexpr *e = parse_ok(text); /* exactly the limit */
	fexpr_free(&e);
	text[FEXPR_MAX_LENGTH] = ' ';
	text[FEXPR_MAX_LENGTH + 1] = '\0';
	assert_parse_error(text, FEXPR_MAX_LENGTH, "expression longer than 8192 bytes");
	free(text);
}
END_TEST

/* ---- references and binding -------------------------------------------------------------- */

struct seen {
	char text[512];
	int stop_after;
	int count;
};

static bool collect(void *ctx, const struct fexpr_ref *ref)
{
	struct seen *s = ctx;
	static const char *const kinds[] = {"field", "case", "dot"};
	size_t n = strlen(s->text);
	snprintf(s->text + n, sizeof s->text - n, "%s%s:%s@%zu%s%s", n ? " " : "", kinds[ref->kind],
		 ref->name, ref->offset, ref->in_row ? "/row=" : "",
		 ref->in_row ? ref->row_repeat : "");
	return ++s->count != s->stop_after;
}

START_TEST(refs_in_order_with_rows)
{
	struct fexpr *e = parse_ok("$a = case.sex and any_row($rows, $qty > . and sum_rows($rows2, $b) > 0)");
	struct seen s = {.stop_after = -1};
	fexpr_refs(e, collect, &s);
	ck_assert_str_eq(s.text, "field:a@0 case:sex@5 field:rows@26 field:qty@33/row=rows "
				 "dot:@40/row=rows field:rows2@55/row=rows field:b@63/row=rows2");
	struct seen first = {.stop_after = 2};
	fexpr_refs(e, collect, &first);
	ck_assert_str_eq(first.text, "field:a@0 case:sex@5");
	fexpr_refs(NULL, collect, &first); /* harmless */
	fexpr_free(&e);
}
END_TEST

START_TEST(bind_errors)
{
	assert_bind_error("$a + $nope", 5, "unknown field \"$nope\"");
	assert_bind_error("case.srd < case.release", 11, "unknown case value \"case.release\"");
	assert_bind_error("score(1)", 6, "score needs a field ($name) as its first argument");
	assert_bind_error("1 + selected( 'a', 'b')", 14,
			  "selected needs a field ($name) as its first argument");
	assert_bind_error("count_selected(case.sex)", 15,
			  "count_selected needs a field ($name) as its first argument");
	assert_bind_error("count_missing($a, $b + 1)", 18,
			  "count_missing needs fields ($name) as its arguments");
	assert_bind_error("count_rows([1])", 11, "count_rows needs a field ($name) as its first argument");
	assert_bind_error("sum_rows(5, $qty)", 9, "sum_rows needs a field ($name) as its first argument");
	assert_bind_error("any_row($rows, $zz)", 15, "unknown field \"$zz\"");
	assert_bind_error("matches($name, '(')", 15, "invalid pattern: Unmatched ( or \\(");
	assert_bind_error("matches($name, '(a)\\\\1')", 15,
			  "back-references (\\1) are not supported in patterns");
	assert_bind_error("matches($name, 'a{1000}')", 15,
			  "repetition counts in patterns must stay below 256");
	assert_bind_error("matches($name, '((a{100}){100}){100}')", 15, "pattern too complex");
	assert_bind_error("matches($name, 'a++++++++++++++++++++++++')", 15, "pattern too complex");
	assert_bind_error("matches($name, '(((((((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+')", 15,
			  "pattern too complex");
	assert_bind_error("matches($name, '((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))')",
			  15, "pattern too complex");
	/* ordinary patterns stay well inside the limits */
	struct fexpr *ok = parse_ok("matches($name, '^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$') or "
				    "matches($name, '^([a-z0-9_.+-]+)@([a-z0-9-]+\\.)+[a-z]{2,}$') or "
				    "matches($name, '[[:digit:]]{3}-[[:digit:]]{4}') or matches($name, 'a{255}')");
	struct fexpr_error ok_err;
	ck_assert_msg(fexpr_bind(ok, &binder, &ok_err), "%s", ok_err.message);
	fexpr_free(&ok);
	assert_bind_error("matches($name, 'a{99999999999999999999,}')", 15,
			  "repetition counts in patterns must stay below 256");
	assert_bind_error("matches($name, 'a{1,99999999999999999999}')", 15,
			  "repetition counts in patterns must stay below 256");
	assert_bind_error("date_add($d1, 1, 'weeks')", 17,
			  "date_add counts in 'days', 'months' or 'years'");
	/* the first problem in text order */
	assert_bind_error("$x + $y", 0, "unknown field \"$x\"");
	/* a binder without callbacks knows no names */
	struct fexpr *e = parse_ok("$a");
	struct fexpr_binder none = {0};
	struct fexpr_error err;
	ck_assert(!fexpr_bind(e, &none, &err));
	ck_assert_str_eq(err.message, "unknown field \"$a\"");
	/* binding twice is allowed (a pattern is compiled again, not leaked) */
	fexpr_free(&e);
	e = parse_ok("matches($name, '^N')");
	ck_assert(fexpr_bind(e, &binder, &err));
	ck_assert(fexpr_bind(e, &binder, &err));
	fexpr_free(&e);
}
END_TEST

/* ---- printing ---------------------------------------------------------------------------- */

START_TEST(print_round_trips)
{
	static const char *const cases[][2] = {
		{"1+2*3", "1 + 2 * 3"},
		{"(1+2)*3", "(1 + 2) * 3"},
		{"$a==1", "$a = 1"},
		{"not $a or $b and $c", "not $a or $b and $c"},
		{"not ($a or $b)", "not ($a or $b)"},
		{"($a or $b) and $c", "($a or $b) and $c"},
		{"$a or ($b or $c)", "$a or ($b or $c)"},
		{"-(-1)", "--1"},
		{"-(1+2)", "-(1 + 2)"},
		{"- - 1", "--1"},
		{"(not $a) = $b", "(not $a) = $b"},
		{"($a = $b) = true", "($a = $b) = true"},
		{"$x not in ['a','b']", "$x not in ['a', 'b']"},
		{"\"it's\"", "'it\\'s'"},
		{"'back\\\\slash'", "'back\\\\slash'"},
		{"\"say \\\"hi\\\"\"", "'say \"hi\"'"},
		{"0.1", "0.1"},
		{"1e300", "1e+300"},
		{"123456789012345678", "1.2345678901234568e+17"},
		{"2.50", "2.5"},
		{"case . srd", "case.srd"},
		{"if($a>1,'x',null)", "if($a > 1, 'x', null)"},
		{"[]", "[]"},
		{"[1,[2,3]]", "[1, [2, 3]]"},
		{"today ( )", "today()"},
		{". % 2 = 0", ". % 2 = 0"},
		{"1 - 2 + 3", "1 - 2 + 3"},
		{"1 / (2 * 3)", "1 / (2 * 3)"},
		{"$a - -$b", "$a - -$b"},
		{"'caf\xc3\xa9'", "'caf\xc3\xa9'"},
		{"'a\\.b'", "'a\\\\.b'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_str_eq(print_of(cases[i][0]), cases[i][1]);
		char once[256];
		snprintf(once, sizeof once, "%s", printed);
		ck_assert_str_eq(print_of(once), once); /* parse(print(e)) prints the same */
	}
}
END_TEST


/* ---- values ------------------------------------------------------------------------------ */

static const char *formatted(const struct fval *v)
{
	struct strbuf sb;
	strbuf_init(&sb);
	fval_format(v, &sb);
	snprintf(result, sizeof result, "%s", sb.buf);
	strbuf_clear(&sb);
	return result;
}

START_TEST(values_and_their_text)
{
	struct fval v = {0}, w = {0};
	ck_assert_str_eq(formatted(&v), "");
	static const struct {
		double n;
		const char *text;
	} numbers[] = {
		{3, "3"}, {-3, "-3"}, {2.5, "2.5"}, {0.1 + 0.2, "0.3"}, {1.0 / 3, "0.333333"},
		{-0.0, "0"}, {-1e-7, "0"}, {1e-7, "0"}, {0.1234567, "0.123457"},
		{1e21, "1000000000000000000000"}, {-2.000001, "-2.000001"}, {100, "100"},
	};
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		fval_set_number(&v, numbers[i].n);
		ck_assert_str_eq(formatted(&v), numbers[i].text);
	}
	fval_set_bool(&v, false);
	ck_assert_str_eq(formatted(&v), "false");
	ck_assert(!fval_truthy(&v));
	fval_set_bool(&v, true);
	ck_assert(fval_truthy(&v));
	fval_set_date(&v, date_from_ymd(2026, 1, 31));
	ck_assert_str_eq(formatted(&v), "2026-01-31");
	ck_assert(!fval_truthy(&v));
	fval_set_string(&v, "abc");
	fval_set_string(&v, v.u.str + 1); /* from its own text */
	ck_assert_str_eq(formatted(&v), "bc");
	/* lists: push onto null, deep copies, element-wise equality */
	fval_clear(&v);
	fval_list_push(&v, &w); /* a null item */
	fval_set_string(&w, "a");
	fval_list_push(&v, &w);
	ck_assert_int_eq(v.kind, FVAL_LIST);
	ck_assert_uint_eq(v.u.list.count, 2);
	ck_assert_str_eq(formatted(&v), ", a");
	struct fval copy;
	fval_copy(&copy, &v);
	ck_assert_ptr_ne(copy.u.list.items[1].u.str, v.u.list.items[1].u.str);
	ck_assert(!fval_equal(&copy, &v)); /* the null items equal nothing */
	fval_clear(&v);
	fval_clear(&copy);
	fval_list_push(&v, &w);
	fval_list_push(&v, &w);
	fval_copy(&copy, &v);
	ck_assert(fval_equal(&copy, &v));
	ck_assert_str_eq(formatted(&copy), "a, a");
	fval_clear(&copy);
	/* equality across kinds */
	struct fval num = {0}, str = {0}, date = {0}, null = {0};
	fval_set_number(&num, 2);
	fval_set_string(&str, "2");
	ck_assert(!fval_equal(&num, &str));
	ck_assert(!fval_equal(&null, &null));
	fval_set_date(&date, date_from_ymd(2024, 2, 29));
	fval_set_string(&str, "2024-02-29");
	ck_assert(fval_equal(&date, &str));
	ck_assert(fval_equal(&str, &date));
	fval_set_string(&str, "2024-02-30");
	ck_assert(!fval_equal(&date, &str));
	fval_clear(&v);
	fval_clear(&w);
	fval_clear(&num);
	fval_clear(&str);
	fval_clear(&date);
	ck_assert_int_eq(v.kind, FVAL_NULL);
}
END_TEST

/* ---- evaluation -------------------------------------------------------------------------- */

START_TEST(arithmetic)
{
	EV("$a + $b", "n:5");
	EV("$a - $b", "n:-1");
	EV("$a * $b", "n:6");
	EV("$b / $a", "n:1.5");
	EV("$b % $a", "n:1");
	EV("-7 % 3", "n:-1"); /* the sign of the dividend, as in C */
	EV("7.5 % 2", "n:1.5");
	EV("0.1 + 0.2", "n:0.3");
	EV("1 / 3", "n:0.333333");
	EV("0 * -1", "n:0");
	EV("$n * 2", "n:5");
	/* null and type errors */
	EV("1 / 0", "null");
	EV("1 % 0", "null");
	EV("$a + $c", "null");
	EV("$c * 2", "null");
	EV("-$c", "null");
	EV("-'a'", "null");
	EV("'a' + 1", "null");
	EV("'a' + 'b'", "null");
	EV("true + 1", "null");
	EV("[1] + 1", "null");
	EV("1e308 * 10", "null"); /* overflow is null, never inf */
	EV("1 + null", "null");
}
END_TEST

START_TEST(comparisons)
{
	EV("$a = 2", "b:true");
	EV("$a == 2.0", "b:true");
	EV("$a != 2", "b:false");
	EV("$a < $b", "b:true");
	EV("$a <= 2", "b:true");
	EV("$a > $b", "b:false");
	EV("$b >= 3", "b:true");
	EV("$a >= 3", "b:false");
	EV("'abc' < 'abd'", "b:true");
	EV("'B' < 'a'", "b:true"); /* byte order */
	EV("'x' = 'x'", "b:true");
	EV("true = true", "b:true");
	EV("true = 1", "b:false");
	EV("true < false", "b:false");
	/* numbers and numeric strings are different things */
	EV("$a = '2'", "b:false");
	EV("$a != '2'", "b:true");
	EV("$a < '3'", "b:false");
	EV("$a > '1'", "b:false");
	/* every comparison with null is false */
	EV("$c = null", "b:false");
	EV("null = null", "b:false");
	EV("$c != 1", "b:false");
	EV("$c < 1", "b:false");
	EV("$c >= 1", "b:false");
	EV("$c in [1, null]", "b:false");
	EV("$c not in [1]", "b:false");
	EV("1 in $c", "b:false");
	EV("1 not in $c", "b:false");
	/* dates, and strings that read as dates */
	EV("$d1 < $d2", "b:true");
	EV("$d1 = '2024-01-31'", "b:true");
	EV("'2024-01-31' = $d1", "b:true");
	EV("$d1 < '2024-02-01'", "b:true");
	EV("$d1 >= '2024-02-01'", "b:false");
	EV("$d1 = '31/01/2024'", "b:false");
	EV("$d1 < '31/01/2024'", "b:false");
	EV("$d1 = 19753", "b:false");
	/* in, not in, lists */
	EV("2 in [1, 2]", "b:true");
	EV("2 in [1, '2']", "b:false");
	EV("2 not in [1, 3]", "b:true");
	EV("'3' in $multi", "b:true");
	EV("'2' in $multi", "b:false");
	EV("'2' not in $multi", "b:true");
	EV("$d1 in ['2024-01-31']", "b:true");
	EV("'b' in 'abc'", "b:false");
	EV("'b' not in 'abc'", "b:false");
	EV("[1, 2] = [1, 2]", "b:true");
	EV("[1, 2] = [2, 1]", "b:false");
	EV("[1] = [1, 2]", "b:false");
	EV("[1, 2] != [1, 2]", "b:false");
	EV("$multi = ['1', '3', 'x']", "b:true");
	EV("[1] in [[1], [2]]", "b:true");
	EV("[1] < [2]", "b:false");
}
END_TEST

START_TEST(logic_treats_null_as_false)
{
	EV("$c and true", "b:false");
	EV("true and $c", "b:false");
	EV("$c or true", "b:true");
	EV("$c or $c", "b:false");
	EV("not $c", "b:true");
	EV("not $flag", "b:false");
	EV("$flag and $a = 2", "b:true");
	EV("$a and true", "b:false"); /* only a true bool is true */
	EV("not 1", "b:true");
	EV("true and true and false", "b:false");
	EV("false or false or true", "b:true");
	EV("not not true", "b:true");
}
END_TEST

START_TEST(date_arithmetic)
{
	EV("$d1 + 1", "d:2024-02-01");
	EV("1 + $d1", "d:2024-02-01");
	EV("$d1 - 31", "d:2023-12-31");
	EV("$d2 - $d1", "n:30");
	EV("$d1 - $d2", "n:-30");
	EV("$d1 + 1.5", "null");
	EV("$d1 * 2", "null");
	EV("1 - $d1", "null");
	EV("$d1 + $d2", "null");
	EV("$d1 + 1e9", "null");
	EV("$d1 - 800000", "null"); /* before year 1 */
	EV("'2024-01-31' + 1", "null"); /* strings are read as dates only when compared */
	EV("today()", "d:2026-01-15");
	EV("case.srd - today()", "n:106");
	EV("case.admission_date + 30", "d:2025-12-31");
	EV("date('2024-02-29')", "d:2024-02-29");
	EV("date('2023-02-29')", "null");
	EV("date($d1)", "d:2024-01-31");
	EV("date(5)", "null");
	EV("date($c)", "null");
	EV("date_add($d1, 1, 'months')", "d:2024-02-29");
	EV("date_add('2023-01-31', 1, 'months')", "d:2023-02-28");
	EV("date_add($d1, -2, 'months')", "d:2023-11-30");
	EV("date_add($d1, 12, 'month')", "d:2025-01-31");
	EV("date_add($d1, 11, 'months')", "d:2024-12-31");
	EV("date_add('2024-02-29', 1, 'years')", "d:2025-02-28");
	EV("date_add('2024-02-29', 4, 'year')", "d:2028-02-29");
	EV("date_add($d1, 10, 'days')", "d:2024-02-10");
	EV("date_add($d1, -1, 'day')", "d:2024-01-30");
	EV("date_add($d1, 1.5, 'days')", "null");
	EV("date_add($c, 1, 'days')", "null");
	EV("date_add($d1, $c, 'days')", "null");
	EV("date_add($d1, 1, $name)", "null");
	EV("date_add($d1, 100000, 'years')", "null");
	EV("date_add($d1, -2024, 'years')", "null");
	EV("date_add($d1, 1e7, 'months')", "null");
	EV("date_add($d1, 1e12, 'days')", "null");
	EV("days_between($d1, $d2)", "n:30");
	EV("days_between($d2, $d1)", "n:-30");
	EV("days_between('2024-01-01', '2025-01-01')", "n:366");
	EV("days_between($c, $d1)", "null");
	EV("age($dob)", "n:35");
	EV("age($dob, '2025-06-15')", "n:35");
	EV("age($dob, '2025-06-14')", "n:34");
	EV("age($dob, $dob)", "n:0");
	EV("age($dob, '1980-01-01')", "null");
	EV("age($c)", "null");
	EV("age('x')", "null");
	EV("age($dob, $c)", "null");
	env.today = DATE_NONE;
	EV("today()", "null");
	EV("age($dob)", "null");
}
END_TEST

START_TEST(choice_functions)
{
	EV("selected($sel, '2')", "b:true");
	EV("selected($sel, 2)", "b:true");
	EV("selected($sel, '1')", "b:false");
	EV("selected($multi, '3')", "b:true");
	EV("selected($multi, 1)", "b:true");
	EV("selected($multi, '2')", "b:false");
	EV("selected($c, '1')", "b:false");
	EV("selected($sel, $c)", "b:false");
	EV("selected($sel, ['2'])", "b:false");
	EV("count_selected($multi)", "n:3");
	EV("count_selected($sel)", "n:1");
	EV("count_selected($c)", "n:0");
	EV("score($sel)", "n:2");
	EV("score($multi)", "n:4"); /* "x" has no score */
	EV("score($sel2)", "null");  /* a missing choice */
	EV("score($c)", "null");
	EV("score($name)", "null");
	EV("score($a)", "null");
	EV("score($sel) + score($multi)", "n:6");
	EV("count_missing($a, $c, $sel2, $sel, $name)", "n:2");
	EV("count_missing($multi)", "n:0");
	/* a select_multiple with nothing chosen, or only missing choices */
	fk.fields[F_C].kind = FVAL_LIST; /* an empty list: no items */
	EV("score($c)", "null");
	EV("count_missing($c)", "n:1");
	EV("count_selected($c)", "n:0");
	struct fval item = {0};
	fval_set_string(&item, "na");
	fval_list_push(&fk.fields[F_C], &item);
	EV("count_missing($c)", "n:1");
	EV("score($c)", "null");
	fval_set_string(&item, "1");
	fval_list_push(&fk.fields[F_C], &item);
	EV("count_missing($c)", "n:0");
	EV("score($c)", "n:1");
	fval_clear(&item);
	/* without the callbacks nothing has a score and nothing is a missing choice */
	env.choice_score = NULL;
	env.choice_missing = NULL;
	EV("score($sel)", "null");
	EV("count_missing($sel2)", "n:0");
}
END_TEST

START_TEST(aggregate_functions)
{
	EV("if($a > 1, 'big', 'small')", "s:big");
	EV("if($c, 1, 2)", "n:2");
	EV("if(true, $c, 1)", "null");
	EV("if(1, 'y', 'n')", "s:n");
	EV("coalesce($c, '', $a)", "n:2");
	EV("coalesce($c)", "null");
	EV("coalesce($c, [], 'x')", "s:x");
	EV("coalesce(0, 1)", "n:0");
	EV("empty($c)", "b:true");
	EV("empty('')", "b:true");
	EV("empty([])", "b:true");
	EV("empty(0)", "b:false");
	EV("empty(false)", "b:false");
	EV("empty($multi)", "b:false");
	EV("sum($a, $b, $c)", "n:5");
	EV("sum($c)", "n:0");
	EV("sum([1, 2], 3)", "n:6");
	EV("sum([1, null, [2]])", "n:3");
	EV("sum($a, 'x')", "null");
	EV("sum($multi)", "null");
	EV("sum(1e308, 1e308)", "null");
	EV("min($a, $b, $c)", "n:2");
	EV("max($a, $b)", "n:3");
	EV("min([5, 1], 3)", "n:1");
	EV("max(-1, -5)", "n:-1");
	EV("min($c)", "null");
	EV("max($d1, $d2)", "d:2024-03-01");
	EV("min($d1, $d2, $c)", "d:2024-01-31");
	EV("min($a, $d1)", "null");
	EV("max('a')", "null");
	EV("round(2.5)", "n:3");
	EV("round(-2.5)", "n:-3");
	EV("round(2.4)", "n:2");
	EV("round(2.675, 2)", "n:2.68");
	EV("round(1.005, 2)", "n:1.01");
	EV("round(-0.4)", "n:0");
	EV("round(1234.5, -2)", "n:1200");
	EV("round(0.1234567, 6)", "n:0.123457");
	EV("round(1e20)", "n:100000000000000000000");
	EV("round($c)", "null");
	EV("round('1')", "null");
	EV("round(1, 0.5)", "null");
	EV("round(1, 11)", "null");
	EV("round(1, $c)", "null");
	EV("len($name)", "n:6"); /* characters, not bytes */
	EV("len('')", "n:0");
	EV("len($c)", "n:0");
	EV("len($multi)", "n:3");
	EV("len(5)", "null");
	EV("concat('a', 1, $c, true, $d1, 2.50)", "s:a1true2024-01-312.5");
	EV("concat($multi, [1, [2]])", "s:13x12");
	EV("concat($c)", "s:");
	EV("concat('a\\.b', 'c\\\\d', 'e\\'f', \"g\\\"h\\'\")", "s:a\\.bc\\de'fg\"h'");
	EV("number('12')", "n:12");
	EV("number(' -3.5 ')", "n:-3.5");
	EV("number('+4')", "n:4");
	EV("number('1e3')", "n:1000");
	EV("number($a)", "n:2");
	EV("number('1,5')", "null");
	EV("number('abc')", "null");
	EV("number('')", "null");
	EV("number('-')", "null");
	EV("number('0x10')", "null");
	EV("number('inf')", "null");
	EV("number('1e400')", "null");
	EV("number(true)", "null");
	EV("number($c)", "null");
}
END_TEST

START_TEST(matches_patterns)
{
	EV("matches($name, '^Ng')", "b:true");
	EV("matches($name, 'x')", "b:false");
	EV("matches($name, '^[A-Za-z]+$')", "b:false");
	EV("matches('AB12 3CD', '^[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}$')", "b:true");
	EV("matches($c, 'a')", "null");
	EV("matches(5, '5')", "null");
	EV("matches('abc', concat('^a', 'b'))", "b:true");
	EV("matches('abc', concat('('))", "null"); /* a bad pattern made at run time */
	EV("matches('aa', concat('(a)\\\\1'))", "null");
	EV("matches('a', $c)", "null");
	/* texts longer than 4096 bytes are not examined */
	char *text = xmalloc(5000);
	memset(text, 'a', 4096);
	text[4096] = '\0';
	fval_set_string(&fk.fields[F_C], text);
	EV("matches($c, '^a+$')", "b:true");
	EV("matches($c, concat('^a+$'))", "b:true");
	/* matching counts against the work budget: a huge repeat ends, unknown */
	EV("any_row($huge, matches($c, '^b[a-z]*c[a-z]*d'))", "null");
	EV("any_row($huge, matches($c, concat('^b[a-z]*c[a-z]*d')))", "null");
	memset(text, 'a', 4097);
	text[4097] = '\0';
	fval_set_string(&fk.fields[F_C], text);
	EV("matches($c, '^a+$')", "null");
	free(text);
}
END_TEST

START_TEST(references_and_rows)
{
	EV(". + 1", "n:43");
	EV(". = 42", "b:true");
	EV("case.sex = 'F'", "b:true");
	EV("[1, 'a', $c]", "l:1, a, ");
	EV("[]", "l:");
	EV("count_rows($rows)", "n:3");
	EV("count_rows($empty_rows)", "n:0");
	EV("count_rows($a)", "n:0");
	EV("sum_rows($rows, $qty * $price)", "n:20"); /* the unanswered price is skipped */
	EV("sum_rows($rows, $qty)", "n:7");
	EV("sum_rows($empty_rows, $qty)", "n:0");
	EV("sum_rows($rows, 'x')", "null");
	EV("sum_rows($rows2, $b)", "n:6");
	EV("sum_rows($rows2, sum_rows($rows, $qty))", "n:14");
	EV("$qty", "null"); /* outside any row */
	EV("any_row($rows, $qty > 3)", "b:true");
	EV("any_row($rows, $qty > 4)", "b:false");
	EV("any_row($rows, empty($price))", "b:true");
	EV("any_row($empty_rows, true)", "b:false");
	/* nested rows over a huge repeat stop at the work budget instead of hanging */
	EV("sum_rows($huge, sum_rows($huge, 1))", "null");
	EV("any_row($huge, false)", "null");
	EV("any_row($huge, true)", "b:true");
	env.dot = NULL;
	EV(". + 1", "null");
	env.field = NULL;
	env.case_value = NULL;
	env.row_count = NULL;
	env.enter_row = NULL;
	env.leave_row = NULL;
	EV("$a", "null");
	EV("case.sex", "null");
	EV("count_rows($rows)", "n:0");
	EV("sum_rows($rows, 1)", "n:0");
	/* an expression never bound reads no field, and a missing env gives null */
	struct fexpr *e = parse_ok("$a + 1");
	struct fval v;
	env.field = fake_field;
	fexpr_eval(e, &env, &v);
	ck_assert_int_eq(v.kind, FVAL_NULL);
	fexpr_eval(e, NULL, &v);
	ck_assert_int_eq(v.kind, FVAL_NULL);
	fexpr_free(&e);
}
END_TEST

/* ---- suite ------------------------------------------------------------------------------- */

static Suite *formexpr_suite(void)
{
	Suite *s = suite_create("formexpr");
	TCase *tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, parses_every_kind_of_primary);
	tcase_add_test(tc, precedence_and_associativity);
	tcase_add_test(tc, parse_errors_with_offsets);
	tcase_add_test(tc, depth_limit_at_both_edges);
	tcase_add_test(tc, length_limit_at_both_edges);
	tcase_add_test(tc, refs_in_order_with_rows);
	tcase_add_test(tc, bind_errors);
	tcase_add_test(tc, print_round_trips);
	suite_add_tcase(s, tc);
	TCase *ev_tc = tcase_create("eval");
	tcase_add_checked_fixture(ev_tc, fake_setup, fake_teardown);
	tcase_add_test(ev_tc, values_and_their_text);
	tcase_add_test(ev_tc, arithmetic);
	tcase_add_test(ev_tc, comparisons);
	tcase_add_test(ev_tc, logic_treats_null_as_false);
	tcase_add_test(ev_tc, date_arithmetic);
	tcase_add_test(ev_tc, choice_functions);
	tcase_add_test(ev_tc, aggregate_functions);
	tcase_add_test(ev_tc, matches_patterns);
	tcase_add_test(ev_tc, references_and_rows);
	suite_add_tcase(s, ev_tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(formexpr_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
