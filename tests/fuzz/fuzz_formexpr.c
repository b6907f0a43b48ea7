/* Fuzzes the expression language: any bytes are parsed; what parses has its references
 * walked, is bound (names starting with a..m exist), evaluated against a tiny environment
 * with repeats, printed, and the printed text must parse again and print the same. */
#include <stdlib.h>
#include <string.h>

#include "caseload/formexpr.h"
#include "caseload/strbuf.h"
#include "fuzz.h"

static int resolve(void *ctx, const char *name)
{
	(void)ctx;
	return name[0] >= 'a' && name[0] <= 'm' ? name[0] - 'a' : -1;
}

struct tiny {
	int depth; /* rows entered and not left */
	size_t row;
};

/* Each slot holds one kind of value: a number, a string, a date, a list, null, a bool. */
static void tiny_value(void *ctx, int slot, struct fval *out)
{
	struct tiny *t = ctx;
	struct fval item = {0};
	switch (slot % 6) {
	case 0:
		fval_set_number(out, slot * 1.5 + (double)t->row);
		break;
	case 1:
		fval_set_string(out, slot % 4 == 1 ? "1" : "2024-02-29");
		break;
	case 2:
		fval_set_date(out, date_from_ymd(2024, 1, 31) + slot);
		break;
	case 3:
		fval_set_string(&item, "1");
		fval_list_push(out, &item);
		fval_set_string(&item, "na");
		fval_list_push(out, &item);
		fval_clear(&item);
		break;
	case 4:
		break;
	default:
		fval_set_bool(out, slot & 1);
		break;
	}
}

static bool tiny_score(void *ctx, int slot, const char *value, double *out)
{
	(void)ctx;
	(void)slot;
	if (strcmp(value, "na") == 0)
		return false;
	*out = (double)strlen(value);
	return true;
}

static bool tiny_missing(void *ctx, int slot, const char *value)
{
	(void)ctx;
	(void)slot;
	return strcmp(value, "na") == 0;
}

static size_t tiny_rows(void *ctx, int slot)
{
	(void)ctx;
	return (size_t)slot % 4 == 3 ? 100000 : (size_t)slot % 4; /* one large repeat */
}

static void tiny_enter(void *ctx, int slot, size_t row)
{
	struct tiny *t = ctx;
	(void)slot;
	t->depth++;
	t->row = row;
}

static void tiny_leave(void *ctx, int slot)
{
	struct tiny *t = ctx;
	(void)slot;
	t->depth--;
	t->row = 0;
}

static bool count_ref(void *ctx, const struct fexpr_ref *ref)
{
	size_t *n = ctx;
	if (!ref->name || (ref->in_row && !ref->row_repeat))
		abort();
	return ++*n < 1000;
}

/* Prints e; the text must parse back (when short enough) and print the same. */
static void check_print(const struct fexpr *e)
{
	struct strbuf once, twice;
	strbuf_init(&once);
	strbuf_init(&twice);
	fexpr_print(e, &once);
	if (once.len <= FEXPR_MAX_LENGTH) {
		struct fexpr_error err;
		struct fexpr *again = fexpr_parse(once.buf, &err);
		if (!again)
			abort(); /* the canonical text of an expression must parse */
		fexpr_print(again, &twice);
		if (strcmp(once.buf, twice.buf) != 0)
			abort();
		fexpr_free(&again);
	}
	strbuf_clear(&once);
	strbuf_clear(&twice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FEXPR_MAX_LENGTH + 64)
		return 0;
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct fexpr_error err;
	struct fexpr *e = fexpr_parse(text, &err);
	if (!e) {
		if (err.message[0] == '\0' || err.offset > strlen(text))
			abort(); /* every error says what and where, inside the text */
		free(text);
		return 0;
	}
	size_t refs = 0;
	fexpr_refs(e, count_ref, &refs);
	check_print(e);
	struct fexpr_binder binder = {NULL, resolve, resolve};
	if (fexpr_bind(e, &binder, &err)) {
		struct tiny t = {0};
		struct fval dot = {0};
		fval_set_number(&dot, 7);
		struct fexpr_env env = {
			.ctx = &t,
			.field = tiny_value,
			.case_value = tiny_value,
			.choice_score = tiny_score,
			.choice_missing = tiny_missing,
			.row_count = tiny_rows,
			.enter_row = tiny_enter,
			.leave_row = tiny_leave,
			.dot = &dot,
			.today = date_from_ymd(2026, 1, 15),
		};
		struct fval v;
		fexpr_eval(e, &env, &v);
		if (t.depth != 0)
			abort(); /* every row entered is left */
		struct strbuf sb;
		strbuf_init(&sb);
		fval_format(&v, &sb);
		strbuf_clear(&sb);
		fval_clear(&v);
		fval_clear(&dot);
	} else if (err.message[0] == '\0' || err.offset > strlen(text)) {
		abort();
	}
	fexpr_free(&e);
	free(text);
	return 0;
}
