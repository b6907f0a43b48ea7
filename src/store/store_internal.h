#ifndef CASELOAD_STORE_INTERNAL_H
#define CASELOAD_STORE_INTERNAL_H
/* Shared by the files of src/store only. */
#include <sqlite3.h>
#include <stdbool.h>

#include "caseload/date.h"
#include "caseload/notes.h"
#include "caseload/store.h"

#define STORE_CACHE_SIZE 512

struct store_cached_stmt {
	char *sql; /* owned */
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char error[512];
	struct store_cached_stmt cache[STORE_CACHE_SIZE];
};

/* A prepared statement for sql, reset and with its bindings cleared, cached for the life
 * of the connection. NULL on failure (store->error says why). Never finalize it. */
sqlite3_stmt *store_stmt(struct store *store, const char *sql);

/* Records sqlite's message for rc and maps rc to a status. */
enum cl_status store_fail(struct store *store, int rc);

/* Runs a statement that returns no rows to completion and resets it. */
enum cl_status store_step_done(struct store *store, sqlite3_stmt *stmt);

/* Steps a bound statement for its first row's first column. CL_ERR_NOTFOUND when there is
 * no row. Resets the statement. */
enum cl_status store_step_int64(struct store *store, sqlite3_stmt *stmt, int64_t *out);

/* Records why (a fixed message) as the last error and returns st. */
enum cl_status store_error(struct store *store, enum cl_status st, const char *why);

/* A row count as the value bound to a LIMIT. */
int64_t store_limit(size_t cap);

/* Steps a bound statement to its end, reading each row with `read` into a growing array of
 * items of `size` bytes (*array NULL when there are none), each zeroed before it is read. On
 * failure the rows read so far stay in *array for the caller to free. Resets the statement. */
enum cl_status store_collect(struct store *store, sqlite3_stmt *stmt, void **array, size_t size,
			     size_t *count, void (*read)(sqlite3_stmt *stmt, void *item));

/* Steps a bound statement for one row and reads it with `read` into out. CL_ERR_NOTFOUND when
 * there is none. Resets the statement. */
enum cl_status store_row(struct store *store, sqlite3_stmt *stmt, void *out,
			 void (*read)(sqlite3_stmt *stmt, void *item));

/* Reads the rows of a bound statement with `read` into out, an array of cap items of `size`
 * bytes, each zeroed before it is read; *count is how many (0 on failure). Resets it. */
enum cl_status store_rows(struct store *store, sqlite3_stmt *stmt, void *out, size_t size,
			  size_t cap, size_t *count, void (*read)(sqlite3_stmt *stmt, void *item));

/* The index of code in codes[0..n), or `otherwise` (the schema allows no other code). */
int store_code_index(const char *const *codes, size_t n, const unsigned char *code,
		     int otherwise);

/* Steps a bound statement for its first row's first column as text (truncated to size
 * bytes, "" for NULL). CL_ERR_NOTFOUND when there is no row. Resets the statement. */
enum cl_status store_step_text(struct store *store, sqlite3_stmt *stmt, char *out, size_t size);

/* Registers note_rank(), the relevance of search results (fts_rank.c), on a connection. */
int store_fts_rank_register(sqlite3 *db);

/* A search filter (folded text) as the trigram index can look it up: an FTS5 phrase for
 * three characters or more, a LIKE pattern (ESCAPE backslash) on the folded text below that. */
enum store_filter_mode { STORE_FILTER_NONE, STORE_FILTER_LIKE, STORE_FILTER_MATCH };
enum store_filter_mode store_filter_mode(const char *filter);
/* Appends the value to bind for filter in its mode (nothing for STORE_FILTER_NONE). */
struct strbuf;
void store_filter_arg(struct strbuf *arg, const char *filter);

/* Binding helpers: NULL for absent values. */
void store_bind_date(sqlite3_stmt *stmt, int index, date_t d);
void store_bind_text(sqlite3_stmt *stmt, int index, const char *text);
void store_bind_id(sqlite3_stmt *stmt, int index, int64_t id); /* 0 binds NULL */

/* Column helpers: absent values become DATE_NONE, "" and 0. */
date_t store_column_date(sqlite3_stmt *stmt, int col);
void store_column_copy(sqlite3_stmt *stmt, int col, char *dst, size_t dstsz);
/* The column's whole text (of any length) in a malloc'ed string, "" when NULL. */
char *store_column_dup(sqlite3_stmt *stmt, int col);

/* From notes.c, shared with the other stores that filter by a reader's grants (forms). */
/* The sensitivity levels a reader holding `grants` may see in others' records: bit s set
 * for each enum note_sensitivity s whose grant they hold. Bound as :levels and tested in SQL
 * as ((:levels >> sensitivity) & 1) = 1. */
int64_t note_levels(unsigned grants);
/* Named parameters: a statement variant that lacks one simply skips it. */
void note_bind_int64(sqlite3_stmt *stmt, const char *name, int64_t value);
void note_bind_id(sqlite3_stmt *stmt, const char *name, int64_t id); /* 0 binds NULL */
void note_bind_text(sqlite3_stmt *stmt, const char *name, const char *text);
/* A stored sensitivity as the enum (the schema allows no other; were it otherwise, the
 * most restricted). */
enum note_sensitivity note_sensitivity_from_int(int sensitivity);
/* A row with a sensitivity column (a form answer, a review snapshot) is seen by the owner's
 * author, and by others holding its sensitivity's grant. */
#define ANSWER_VISIBLE(a, r)                                                                       \
	"(((:levels >> " a ".sensitivity) & 1) = 1 OR " r ".author_id = :reader)"
/* :reader (the staff id) and :levels (note_levels of the grants). */
void note_bind_reader(sqlite3_stmt *stmt, const struct note_reader *reader);

#endif
