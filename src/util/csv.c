/* An RFC 4180 reader over text in memory: a small state machine per field. */
#include "caseload/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
	r->line = 1;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

void csv_record_clear(struct csv_record *rec)
{
	for (size_t i = 0; i < rec->count; i++)
		free(rec->fields[i]);
	free(rec->fields);
	memset(rec, 0, sizeof *rec);
}

static void csv_push(struct csv_record *rec, struct strbuf *field)
{
	if (rec->count == rec->cap) {
		rec->cap = rec->cap ? rec->cap * 2 : 16;
		rec->fields = xrealloc(rec->fields, rec->cap * sizeof *rec->fields);
	}
	rec->fields[rec->count++] = field->buf ? strbuf_detach(field) : xstrdup("");
	strbuf_init(field);
}

/* At a line end (CRLF, LF or a lone CR): consumes it and counts the line. */
static bool csv_eol(struct csv_reader *r)
{
	if (r->p < r->end && *r->p == '\r') {
		r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
	} else if (r->p < r->end && *r->p == '\n') {
		r->p++;
	} else {
		return false;
	}
	r->line++;
	return true;
}

/* Skips the rest of the bad record's line so the next record can be read. */
static enum csv_result csv_bad(struct csv_reader *r, struct csv_record *rec, const char *why,
			       struct strbuf *field)
{
	strbuf_clear(field);
	str_copy(rec->error, sizeof rec->error, why);
	while (r->p < r->end && !csv_eol(r))
		r->p++;
	return CSV_BAD;
}

/* A quoted field, r->p just after its opening quote. */
static const char *csv_quoted(struct csv_reader *r, struct strbuf *field)
{
	for (;;) {
		if (r->p == r->end)
			return "a quoted field is not closed";
		char c = *r->p;
		if (c == '"') {
			r->p++;
			if (r->p < r->end && *r->p == '"') {
				strbuf_putc(field, '"');
				r->p++;
				continue;
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n')
				return "text follows a closing quote";
			return NULL;
		}
		if (c == '\r' || c == '\n') {
			csv_eol(r);
			strbuf_putc(field, '\n');
			continue;
		}
		strbuf_putc(field, c);
		r->p++;
	}
}

enum csv_result csv_next(struct csv_reader *r, struct csv_record *rec)
{
	csv_record_clear(rec);
	while (r->p < r->end && csv_eol(r))
		; /* blank lines */
	if (r->p >= r->end)
		return CSV_END;
	rec->line = r->line;
	struct strbuf field;
	strbuf_init(&field);
	for (;;) {
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			const char *why = csv_quoted(r, &field);
			if (why)
				return csv_bad(r, rec, why, &field);
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
				if (*r->p == '"')
					return csv_bad(r, rec,
						       "a quote inside an unquoted field (quote the "
						       "whole field and double the quote)",
						       &field);
				strbuf_putc(&field, *r->p++);
			}
		}
		csv_push(rec, &field);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		csv_eol(r);
		strbuf_clear(&field);
		return CSV_RECORD;
	}
}
