/* formeval_read: answer text read as its field's type. Numbers are read by hand, not with
 * strtod, so that the decimal point is '.' whatever the locale the program runs in. */
#include <stdlib.h>
#include <string.h>

#include "formeval_internal.h"

/* Digits a number may have: beyond 15 a double no longer holds every one exactly. */
#define FE_MAX_DIGITS 15

static const char *const FE_MSG_INTEGER = "Type a whole number.";
static const char *const FE_MSG_DECIMAL = "Type a number.";
static const char *const FE_MSG_DATE = "Type a date as YYYY-MM-DD.";
static const char *const FE_MSG_DATETIME = "Type a date and time as YYYY-MM-DDTHH:MM.";
static const char *const FE_MSG_TIME = "Type a time as HH:MM.";
static const char *const FE_MSG_CHOICE = "Choose one of the listed answers.";

static bool fe_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s without surrounding blanks, as [*start, *start + *len). */
static void fe_trim(const char *s, const char **start, size_t *len)
{
	size_t n = strlen(s);
	while (n > 0 && fe_blank(*s))
		s++, n--;
	while (n > 0 && fe_blank(s[n - 1]))
		n--;
	*start = s;
	*len = n;
}

static bool fe_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [+-] digits ['.' digits]: the fraction only when allowed. One rounding (an exact
 * mantissa divided by an exact power of ten), so "2.675" reads as the double nearest it. */
static bool fe_number(const char *s, size_t len, bool fraction, double *out)
{
	static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
	                               1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	size_t i = 0;
	bool negative = false;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		negative = s[i++] == '-';
	unsigned long long mantissa = 0;
	size_t digits = 0, decimals = 0;
	bool point = false;
	for (; i < len; i++) {
		if (fe_digit(s[i])) {
			if (digits == 0 && s[i] == '0' && !point) /* leading zeros are free */
				continue;
			if (++digits > FE_MAX_DIGITS)
				return false;
			mantissa = mantissa * 10 + (unsigned)(s[i] - '0');
			decimals += point;
		} else if (s[i] == '.' && fraction && !point) {
			point = true;
		} else {
			return false;
		}
	}
	/* at least one digit, and none of "+", ".", "1." (".5" is fine) */
	size_t sign = len > 0 && (s[0] == '+' || s[0] == '-');
	if (len == sign || (point && s[len - 1] == '.'))
		return false;
	double v = (double)mantissa / pow10[decimals];
	*out = negative && v != 0 ? -v : v;
	return true;
}

static bool fe_two_digits(const char *s, int max, int *out)
{
	if (!fe_digit(s[0]) || !fe_digit(s[1]))
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return *out <= max;
}

/* "HH:MM" on the 24-hour clock, exactly five bytes. */
static bool fe_time(const char *s, size_t len)
{
	int h, m;
	return len == 5 && s[2] == ':' && fe_two_digits(s, 23, &h) && fe_two_digits(s + 3, 59, &m);
}

/* "YYYY-MM-DDTHH:MM" or with a space for the T; writes the form with T into out[17]. */
static bool fe_datetime(const char *s, size_t len, char out[17])
{
	char day[DATE_TEXT_SIZE];
	date_t d;
	if (len != 16 || (s[10] != 'T' && s[10] != ' '))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d) || !fe_time(s + 11, 5))
		return false;
	memcpy(out, s, 16);
	out[10] = 'T';
	out[16] = '\0';
	return true;
}

/* The chosen values of a select_multiple, one per line; blank lines are skipped and a
 * value chosen twice counts once. False when a line is not a choice. */
static bool fe_multiple(const struct formdef_field *f, const char *text, struct fval *out)
{
	struct fval list = {0}, item = {0};
	list.kind = FVAL_LIST;
	const char *p = text;
	bool ok = true;
	while (ok && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0) {
			char *value = xmalloc(n + 1);
			memcpy(value, p, n);
			value[n] = '\0';
			fval_set_string(&item, value);
			free(value);
			ok = formdef_choice_find(f->choices, item.u.str) != NULL;
			bool seen = false;
			for (size_t i = 0; ok && i < list.u.list.count; i++)
				seen |= fval_equal(&list.u.list.items[i], &item);
			if (ok && !seen)
				fval_list_push(&list, &item);
			fval_clear(&item);
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	if (ok)
		*out = list;
	else
		fval_clear(&list);
	return ok;
}

/* The typed kinds: numbers, dates and times, blanks around them allowed. */
static const char *fe_read_typed(const struct formdef_field *f, const char *text, struct fval *out)
{
	const char *s;
	size_t len;
	fe_trim(text, &s, &len);
	double n;
	char buf[17];
	date_t d;
	switch (f->type) {
	case FORMDEF_INTEGER:
		if (!fe_number(s, len, false, &n))
			return FE_MSG_INTEGER;
		fval_set_number(out, n);
		return NULL;
	case FORMDEF_DECIMAL:
		if (!fe_number(s, len, true, &n))
			return FE_MSG_DECIMAL;
		fval_set_number(out, n);
		return NULL;
	case FORMDEF_DATE:
		if (len != 10)
			return FE_MSG_DATE;
		memcpy(buf, s, 10);
		buf[10] = '\0';
		if (!date_parse(buf, &d))
			return FE_MSG_DATE;
		fval_set_date(out, d);
		return NULL;
	case FORMDEF_DATETIME:
		if (!fe_datetime(s, len, buf))
			return FE_MSG_DATETIME;
		fval_set_string(out, buf);
		return NULL;
	default: /* FORMDEF_TIME */
		if (!fe_time(s, len))
			return FE_MSG_TIME;
		memcpy(buf, s, 5);
		buf[5] = '\0';
		fval_set_string(out, buf);
		return NULL;
	}
}

void fe_read(const struct formdef_field *f, struct fe_cell *c)
{
	fval_clear(&c->value);
	c->bad = NULL;
	const char *text = fe_cell_text(c);
	if (!text || !*text)
		return;
	switch (f->type) {
	case FORMDEF_INTEGER:
	case FORMDEF_DECIMAL:
	case FORMDEF_DATE:
	case FORMDEF_DATETIME:
	case FORMDEF_TIME:
		c->bad = fe_read_typed(f, text, &c->value);
		break;
	case FORMDEF_YES_NO:
	case FORMDEF_SELECT_ONE:
		/* a retired choice still reads, so that old answers keep their meaning */
		if (formdef_choice_find(f->choices, text))
			fval_set_string(&c->value, text);
		else
			c->bad = FE_MSG_CHOICE;
		break;
	case FORMDEF_SELECT_MULTIPLE:
		if (!fe_multiple(f, text, &c->value))
			c->bad = FE_MSG_CHOICE;
		break;
	case FORMDEF_ATTESTATION:
		fval_set_bool(&c->value, true);
		break;
	case FORMDEF_TEXT:
	case FORMDEF_TEXTAREA:
	case FORMDEF_ADDRESS:
		fval_set_string(&c->value, text);
		break;
	default: /* no answer: note, calculated, likert, repeat */
		break;
	}
}

char *fe_default_text(const struct formdef_field *f, const struct fval *v)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (v->kind == FVAL_LIST) {
		for (size_t i = 0; i < v->u.list.count; i++) {
			if (i)
				strbuf_putc(&sb, '\n');
			fval_format(&v->u.list.items[i], &sb);
		}
	} else if (v->kind == FVAL_BOOL && f->type == FORMDEF_YES_NO) {
		strbuf_puts(&sb, v->u.b ? "yes" : "no");
	} else {
		fval_format(v, &sb);
	}
	return strbuf_detach(&sb);
}
