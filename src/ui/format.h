#ifndef CASELOAD_UI_FORMAT_H
#define CASELOAD_UI_FORMAT_H
/* Small text formats shared by the screens. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/model.h"
#include "caseload/strbuf.h"
#include "draw.h"

/* "1,234,567" */
void ui_format_count(size_t n, char *buf, size_t size);
/* Short labels for narrow columns: "min", "v.high", "-" ... */
const char *ui_custody_short(enum custody_level level);
const char *ui_risk_short(enum risk_level level);
enum ui_element ui_risk_element(enum risk_level level);
/* Days to a date, colored by how close it is: past or within 90 days urgent, a year soon. */
enum ui_element ui_days_element(int days);
/* "KMSW"-style markers of the alerts in flags, "" when none. */
void ui_alert_markers(unsigned flags, char *buf, size_t size);
/* Word-wraps text to lines of at most width display columns (breaking inside a word only
 * when it alone is wider), appending them to out separated by '\n'; existing line breaks
 * are kept and runs of spaces at a break dropped. Returns the number of lines (at least 1). */
size_t ui_format_wrap(const char *text, int width, struct strbuf *out);
/* One line of a screen built as a list of text lines (the home screen, the case plan): its
 * text, its look, and what it stands for (kind and ref are the screen's own). */
struct ui_line {
	char text[600];
	enum ui_element element;
	bool heading;
	int kind;
	int64_t ref;
};
/* Appends a line to *lines (count and cap grow it), printf-style; returns it. */
struct ui_line *ui_line_add(struct ui_line **lines, int *count, int *cap, enum ui_element element,
			    int kind, int64_t ref, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* "in 12 days", "today", "3 days ago" */
void ui_format_relative(int days, char *buf, size_t size);

#endif
