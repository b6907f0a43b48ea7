#ifndef CASELOAD_FORMEXPR_H
#define CASELOAD_FORMEXPR_H
/* The expression language of form definitions: small, safe and deterministic. No I/O, no
 * user-defined functions, no loops but the bounded row functions; every evaluation ends.
 *
 * An expression is parsed once (fexpr_parse), bound once to the form's fields
 * (fexpr_bind: names become slots), and evaluated many times against an environment
 * (fexpr_eval) that supplies field values, the person's record values and choice scores.
 *
 * Grammar (the man page caseload-forms(5) is the authority for users):
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | cmp
 *   cmp     := add (('=' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not' 'in') add)?
 *   add     := mul (('+' | '-') mul)*
 *   mul     := unary (('*' | '/' | '%') unary)*
 *   unary   := '-' unary | primary
 *   primary := NUMBER | STRING | 'true' | 'false' | 'null' | '$' IDENT | '.'
 *            | 'case' '.' IDENT | IDENT '(' [expr (',' expr)*] ')' | '(' expr ')'
 *            | '[' [expr (',' expr)*] ']'
 *   STRING  := '...' or "..." with \\ \' \" escapes; IDENT := [A-Za-z_][A-Za-z0-9_]*
 *   (any other backslash stays as written, so 'a\.b' holds the pattern a\.b)
 * Keywords are case-sensitive lower case.
 *
 * Null rules: arithmetic with null is null; every comparison with null is false (use
 * empty()); 'and'/'or'/'not' treat null as false; 'x in list' is false when x is null.
 * Dates: date + n and date - n move by days; date - date is a number of days; a string
 * "YYYY-MM-DD" compared with a date is read as a date. Division by zero is null.
 *
 * Functions: if(c, a, b), coalesce(a, ...), empty(x), selected($f, 'v'),
 * count_selected($f), score($f), sum(x, ...), min(x, ...), max(x, ...), round(x[, digits]),
 * count_missing($f, ...), count_rows($r), sum_rows($r, expr), any_row($r, expr), today(),
 * date('YYYY-MM-DD'), date_add(d, n, 'days'|'months'|'years'), days_between(a, b),
 * age(dob[, on]), len(s), matches(s, 'ERE pattern'), concat(x, ...), number(s).
 * sum/min/max/concat accept lists as arguments (their items count) and skip nulls.
 * sum_rows/any_row evaluate their second argument once per row of the repeat $r, where the
 * repeat's sub-fields ($sub) name that row's values.
 *
 * Decisions in detail (the suite tests/unit/test_formexpr.c pins each one):
 * - NUMBER := digits ['.' digits] [('e'|'E') ['+'|'-'] digits]; '.' is the decimal point
 *   whatever the locale. A literal too large for a double is a parse error; arithmetic that
 *   overflows gives null, never infinity. x % y is fmod (the sign of x); % 0 is null.
 * - No coercion between numbers and strings: 2 = '2' is false (so 2 != '2' is true) and
 *   2 < '3' is false. Only a date against a "YYYY-MM-DD" string coerces. Strings order by
 *   bytes. Booleans, lists and mixed kinds do not order (< is false). '=' on lists compares
 *   item by item in order. 'in' and 'not in' need a list on the right (a select_multiple
 *   value or [...]); with anything else both are false, as with a null on either side.
 * - Only a non-null true is true: 'if', 'and', 'or', 'not' and any_row read 1, 'yes' and
 *   null as false.
 * - date ± n needs a whole n; date - date is a number of days; a date leaving years
 *   1..9999 is null. Strings are read as dates by comparisons and by the date functions
 *   (date, date_add, days_between, age), not by + and -.
 * - "Empty" means null, '' or an empty list: empty() is true for them, coalesce() skips
 *   them (coalesce(0, 1) is 0), count_missing() counts them.
 * - selected($f, v): v (a string, or a number read as its text: selected($f, 1) is the
 *   choice "1") equals a select_one answer or is an item of a select_multiple answer.
 *   count_selected: items of a list, 1 for a non-empty answer, 0 for none.
 * - score($f): select_one: that choice's score; null when unanswered, or the choice has no
 *   score or is missing. select_multiple: the sum of the chosen choices that have a score;
 *   null when none chosen or none of them has one.
 * - count_missing($a, $b, ...): every argument must be a field; counts those empty or
 *   holding a missing choice (a select_multiple: when every chosen item is missing).
 * - sum(...) and sum_rows(): numbers and the numbers in lists are added, nulls skipped;
 *   nothing to add is 0; any other value (a string, a date) makes the sum null.
 *   min/max: over numbers, or over dates; nothing but nulls, or a mix, is null.
 * - round(x, d): half away from zero at d decimals (-10..10; negative rounds to tens...);
 *   2.675 rounds to 2.68 as written, not as stored in binary.
 * - date_add(d, n, unit): unit 'days', 'months' or 'years' (or the singular); months and
 *   years clamp the day to the month's end (Jan 31 + 1 month = Feb 28 or 29; Feb 29 + 1
 *   year = Feb 28). A literal unit that is none of these is a bind error.
 *   days_between(a, b) = b - a in days. age(dob[, on]) = date_age_years, on defaulting to
 *   env->today; null when on is before dob.
 * - len(s): characters (UTF-8 code points) of a string, items of a list, 0 for null.
 * - matches(s, p): POSIX extended regex, searched anywhere in s (anchor with ^...$); null
 *   when s is not a string or longer than 4096 bytes. A literal pattern is compiled at
 *   bind time and a bad one is a bind error; a computed pattern is compiled per call and a
 *   bad one gives null. Refused, because compiling or matching them can blow up:
 *   back-references, repetition counts above 255, patterns over 1024 bytes, more than 32
 *   open groups, and repetitions that multiply ("a{100}{100}", "((a+)+)+...") past an
 *   estimated 20000 compiled nodes ("pattern too complex").
 * - concat(...): the display text (fval_format) of each argument, list items one after
 *   another without separator; concat($c) with $c null is ''.
 * - number(s): a number stays; a string in NUMBER syntax with an optional sign and
 *   surrounding blanks becomes a number; anything else (1,5  0x10  inf) is null.
 * - Work is bounded: an evaluation visits at most 1,000,000 nodes (nested row functions
 *   over large repeats), a matches() costing 1 + text bytes x pattern bytes / 256 of them;
 *   past that the result is null.
 *
 * Messages (fexpr_error.message), for loaders to pass on: parse errors such as
 *   expected ')' after the arguments of score | unknown function "sums" (did you mean
 *   "sum"?) | unterminated string | wrong number of arguments to date_add: expected 3, got 2
 *   | expression nested too deeply (more than 64 levels) | expression longer than 8192 bytes
 *   | unknown name "x" (fields are written $x) | comparisons cannot be chained; join them
 *   with 'and';
 * bind errors: unknown field "$x" | unknown case value "case.x" | score needs a field
 *   ($name) as its first argument | invalid pattern: <regerror text>. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/date.h"
#include "caseload/strbuf.h"

enum fval_kind {
	FVAL_NULL,
	FVAL_BOOL,
	FVAL_NUMBER,
	FVAL_STRING, /* also datetime "YYYY-MM-DDTHH:MM" and time "HH:MM" answers */
	FVAL_DATE,
	FVAL_LIST, /* select_multiple answers and [...] literals */
};

/* A value. Strings and list items are owned by the value: fval_clear frees them. A zeroed
 * struct fval is a valid null. */
struct fval {
	enum fval_kind kind;
	union {
		bool b;
		double num;
		date_t date;
		char *str;
		struct {
			struct fval *items;
			size_t count;
		} list;
	} u;
};

void fval_clear(struct fval *v);            /* frees what v owns, leaves a null */
void fval_copy(struct fval *dst, const struct fval *src); /* dst must be clear; deep copy */
void fval_set_bool(struct fval *v, bool b); /* these clear v first */
void fval_set_number(struct fval *v, double n);
void fval_set_date(struct fval *v, date_t d);
void fval_set_string(struct fval *v, const char *s); /* copies s */
/* Appends a copy of item to v, turning a null v into an empty list first. */
void fval_list_push(struct fval *v, const struct fval *item);
/* True for a non-null bool true; anything else (null included) is false. */
bool fval_truthy(const struct fval *v);
/* Structural equality with the comparison rules above (null equals nothing). */
bool fval_equal(const struct fval *a, const struct fval *b);
/* Appends a plain display form ("", "true", "3", "2.5", "2026-01-31", "a, b"). Numbers
 * print with at most six decimals, without trailing zeros, never as "-0". */
void fval_format(const struct fval *v, struct strbuf *out);

/* A parse or bind error: the message and the byte offset into the expression text where
 * the problem starts, so a loader can turn it into file:line:column. */
struct fexpr_error {
	size_t offset;
	char message[160];
};

struct fexpr; /* opaque parsed expression */

/* Parses text (NUL-terminated; at most FEXPR_MAX_LENGTH bytes, nesting at most
 * FEXPR_MAX_DEPTH). On success returns a new expression the caller frees with fexpr_free;
 * on failure returns NULL and fills *err. Never crashes on any input. */
#define FEXPR_MAX_LENGTH 8192
#define FEXPR_MAX_DEPTH 64
struct fexpr *fexpr_parse(const char *text, struct fexpr_error *err);
void fexpr_free(struct fexpr **expr); /* sets *expr to NULL; NULL-safe */

/* What an expression refers to, in order of appearance, for the loader's checks. */
enum fexpr_ref_kind {
	FEXPR_REF_FIELD, /* $name */
	FEXPR_REF_CASE,  /* case.name */
	FEXPR_REF_DOT,   /* . */
};
struct fexpr_ref {
	enum fexpr_ref_kind kind;
	const char *name; /* owned by the expression; "" for DOT */
	size_t offset;    /* where it appears in the text */
	bool in_row;      /* inside the per-row argument of sum_rows/any_row */
	const char *row_repeat; /* that repeat's name when in_row, else NULL */
};
/* Calls visit once per reference; stops early when visit returns false. The repeat of
 * sum_rows/any_row is itself not in_row; references in their second argument are, when
 * the first argument is a $field (anything else is a bind error). Works before binding. */
void fexpr_refs(const struct fexpr *expr, bool (*visit)(void *ctx, const struct fexpr_ref *ref),
		void *ctx);

/* Turns names into slots once, so evaluation never compares strings. resolve_field returns
 * the slot (>= 0) of a field name, or -1 when unknown; resolve_case likewise for case.name.
 * Returns false and fills *err at the first unknown name. Functions whose first argument
 * must be a field ($f in score, selected, count_selected, count_missing, count_rows,
 * sum_rows, any_row; every argument of count_missing) are checked here too, with the error
 * at that argument; so are literal matches() patterns and date_add units. Binding again
 * (with another binder) is allowed. */
struct fexpr_binder {
	void *ctx;
	int (*resolve_field)(void *ctx, const char *name);
	int (*resolve_case)(void *ctx, const char *name);
};
bool fexpr_bind(struct fexpr *expr, const struct fexpr_binder *binder, struct fexpr_error *err);

/* Where values come from during evaluation. Every callback fills *out (which arrives as a
 * null) and may leave it null. */
struct fexpr_env {
	void *ctx;
	/* The value of field slot; inside a row function, a repeat's sub-field reads the row
	 * entered last. */
	void (*field)(void *ctx, int slot, struct fval *out);
	void (*case_value)(void *ctx, int slot, struct fval *out);
	/* The score of choice `value` of field slot: false when it has none (or is missing). */
	bool (*choice_score)(void *ctx, int slot, const char *value, double *out);
	/* True when `value` is a choice marked `missing: true` for field slot. */
	bool (*choice_missing)(void *ctx, int slot, const char *value);
	/* Rows of repeat slot; enter_row makes that row current for its sub-fields, leave_row
	 * restores the previous one. */
	size_t (*row_count)(void *ctx, int slot);
	void (*enter_row)(void *ctx, int slot, size_t row);
	void (*leave_row)(void *ctx, int slot);
	const struct fval *dot; /* the field under validation for '.', or NULL */
	date_t today;
};

/* Evaluates a bound expression into *out (which must be clear). Never fails: type errors
 * and nulls produce null, and so do references of an expression never bound. env's
 * callbacks may be NULL (nothing to read, no scores, no rows). */
void fexpr_eval(const struct fexpr *expr, const struct fexpr_env *env, struct fval *out);

/* The canonical text of the expression (for diagnostics and tests). Appends to out.
 * Operators are spaced, '==' prints as '=', strings in single quotes, numbers in their
 * shortest exact form, and only the parentheses precedence needs are kept, so parsing the
 * text back gives an expression that prints the same. */
void fexpr_print(const struct fexpr *expr, struct strbuf *out);

#endif
