#include "format.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "caseload/text.h"

void ui_format_count(size_t n, char *buf, size_t size)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%zu", n);
	size_t len = strlen(digits), o = 0;
	for (size_t i = 0; i < len && o + 1 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 2 < size)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

const char *ui_custody_short(enum custody_level level)
{
	static const char *const names[] = {"-", "min", "med", "close", "max"};
	return (unsigned)level < CUSTODY_COUNT ? names[level] : "?";
}

const char *ui_risk_short(enum risk_level level)
{
	static const char *const names[] = {"-", "low", "mod", "high", "v.high"};
	return (unsigned)level < RISK_COUNT ? names[level] : "?";
}

enum ui_element ui_risk_element(enum risk_level level)
{
	switch (level) {
	case RISK_VERY_HIGH:
		return UI_URGENT;
	case RISK_HIGH:
		return UI_SOON;
	case RISK_LOW:
		return UI_GOOD;
	case RISK_NONE:
		return UI_DIM;
	default:
		return UI_NORMAL;
	}
}

enum ui_element ui_days_element(int days)
{
	if (days <= 90)
		return UI_URGENT;
	if (days <= 365)
		return UI_SOON;
	return UI_NORMAL;
}

void ui_alert_markers(unsigned flags, char *buf, size_t size)
{
	size_t o = 0;
	for (int k = 0; k < ALERT_COUNT && o + 1 < size; k++)
		if (flags & (1u << k))
			buf[o++] = model_alert_marker((enum alert_kind)k);
	buf[o] = '\0';
}

void ui_format_relative(int days, char *buf, size_t size)
{
	if (days == 0)
		snprintf(buf, size, "today");
	else if (days == 1)
		snprintf(buf, size, "tomorrow");
	else if (days > 0)
		snprintf(buf, size, "in %d days", days);
	else if (days == -1)
		snprintf(buf, size, "yesterday");
	else
		snprintf(buf, size, "%d days ago", -days);
}

/* The display width of text[from, to). */
static int wrap_width(const char *text, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to;) {
		uint32_t cp;
		size_t n = text_decode(text + i, to - i, &cp);
		w += text_cp_width(cp);
		i += n ? n : 1;
	}
	return w;
}

size_t ui_format_wrap(const char *text, int width, struct strbuf *out)
{
	size_t lines = 1, len = strlen(text);
	int col = 0;
	if (width < 1)
		width = 1;
	for (size_t i = 0; i < len;) {
		if (text[i] == '\n') {
			strbuf_putc(out, '\n');
			lines++, col = 0, i++;
			continue;
		}
		if (text[i] == ' ') {
			size_t j = i;
			while (j < len && text[j] == ' ')
				j++;
			size_t word_end = j;
			while (word_end < len && text[word_end] != ' ' && text[word_end] != '\n')
				word_end++;
			int need = (int)(j - i) + wrap_width(text, j, word_end);
			if (col > 0 && col + need > width && word_end > j) {
				strbuf_putc(out, '\n');
				lines++, col = 0, i = j;
				continue;
			}
			strbuf_append(out, text + i, j - i);
			col += (int)(j - i);
			i = j;
			continue;
		}
		uint32_t cp;
		size_t n = text_decode(text + i, len - i, &cp);
		n = n ? n : 1;
		int w = text_cp_width(cp);
		if (col > 0 && col + w > width) {
			strbuf_putc(out, '\n');
			lines++, col = 0;
		}
		strbuf_append(out, text + i, n);
		col += w;
		i += n;
	}
	return lines;
}

struct ui_line *ui_line_add(struct ui_line **lines, int *count, int *cap, enum ui_element element,
			    int kind, int64_t ref, const char *fmt, ...)
{
	if (*count == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*lines = xrealloc(*lines, (size_t)*cap * sizeof **lines);
	}
	struct ui_line *l = &(*lines)[(*count)++];
	memset(l, 0, sizeof *l);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->text, sizeof l->text, fmt, ap);
	va_end(ap);
	l->element = element;
	l->kind = kind;
	l->ref = ref;
	return l;
}
