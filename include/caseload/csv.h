#ifndef CASELOAD_CSV_H
#define CASELOAD_CSV_H
/* Reading CSV text (RFC 4180): records of comma-separated fields, a field quoted with '"'
 * when it holds commas, quotes ("" inside) or line breaks; lines end in CRLF or LF. Blank
 * lines are skipped and a leading UTF-8 byte-order mark is ignored. A malformed record is
 * reported with its line and skipped, so that a reader can go on with the next one. */
#include <stddef.h>

#include "caseload/strbuf.h"

struct csv_reader {
	const char *p, *end; /* the text is the caller's and must outlive the reader */
	size_t line;         /* the line the next record starts on (1-based) */
};

struct csv_record {
	char **fields; /* owned: count strings */
	size_t count, cap;
	size_t line;       /* where the record began */
	char error[120];   /* CSV_BAD: what is wrong */
};

enum csv_result { CSV_RECORD, CSV_END, CSV_BAD };

void csv_reader_init(struct csv_reader *r, const char *text, size_t len);
/* The next record into rec (its previous fields are freed). */
enum csv_result csv_next(struct csv_reader *r, struct csv_record *rec);
void csv_record_clear(struct csv_record *rec);

#endif
