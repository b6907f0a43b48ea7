/* The caseload list: keyset pagination over one index per sort column. The SQL is put
 * together from fixed fragments chosen by enum values (never from user text, which is
 * always bound), and each variant is prepared once and cached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/people.h"
#include "caseload/strbuf.h"
#include "store_internal.h"

struct sort_def {
	const char *label;
	bool default_desc;
	const char *keys[3]; /* key expressions; the id follows them */
};

static const struct sort_def sort_defs[SORT_COUNT] = {
	[SORT_NAME] = {"name", false, {"p.name_key"}},
	[SORT_OID] = {"OID", false, {"p.oid"}},
	[SORT_HOUSING] = {"housing", false, {"p.unit", "p.cell"}},
	[SORT_CUSTODY] = {"custody", true, {"p.custody"}},
	[SORT_RISK] = {"risk", true, {"p.risk"}},
	[SORT_SRD] = {"release date", false, {"ifnull(p.srd, '9999-12-31')"}},
	[SORT_DUE] = {"next due", false, {"p.next_due_date"}},
	[SORT_ALERTS] = {"alerts", true, {"p.alert_flags"}},
};

const char *store_sort_label(enum caseload_sort sort)
{
	return (unsigned)sort < SORT_COUNT ? sort_defs[sort].label : "?";
}

bool store_sort_default_descending(enum caseload_sort sort)
{
	return (unsigned)sort < SORT_COUNT && sort_defs[sort].default_desc;
}

#define ROW_COLUMNS                                                                                \
	"p.id, p.oid, p.last_name, p.first_name, p.middle_name, p.name_key, p.unit, p.cell, "     \
	"p.custody, p.risk, p.srd, p.next_due_date, p.next_due_kind, p.alert_flags"

static void people_read_row(sqlite3_stmt *stmt, void *item)
{
	struct caseload_row *row = item;
	memset(row, 0, sizeof *row);
	row->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, row->oid, sizeof row->oid);
	const char *last = (const char *)sqlite3_column_text(stmt, 2);
	const char *first = (const char *)sqlite3_column_text(stmt, 3);
	const char *middle = (const char *)sqlite3_column_text(stmt, 4);
	snprintf(row->name, sizeof row->name, "%s%s%s%s%s", last ? last : "",
		 first && *first ? ", " : "", first ? first : "", middle && *middle ? " " : "",
		 middle ? middle : "");
	store_column_copy(stmt, 5, row->name_key, sizeof row->name_key);
	store_column_copy(stmt, 6, row->unit, sizeof row->unit);
	store_column_copy(stmt, 7, row->cell, sizeof row->cell);
	row->custody = (enum custody_level)sqlite3_column_int(stmt, 8);
	row->risk = (enum risk_level)sqlite3_column_int(stmt, 9);
	row->srd = store_column_date(stmt, 10);
	row->next_due = store_column_date(stmt, 11);
	row->next_due_kind = (enum due_kind)sqlite3_column_int(stmt, 12);
	row->alert_flags = (unsigned)sqlite3_column_int(stmt, 13);
}

/* The WHERE conditions shared by page, count and position. Parameters: ?1 caseworker,
 * ?2 filter (an FTS5 phrase, or a LIKE pattern for filters under three characters). */
enum store_filter_mode store_filter_mode(const char *filter)
{
	if (!filter || !*filter)
		return STORE_FILTER_NONE;
	/* the trigram index needs three characters (code points) to look anything up */
	size_t chars = 0;
	for (const char *c = filter; *c; c++)
		chars += ((unsigned char)*c & 0xC0) != 0x80;
	return chars >= 3 ? STORE_FILTER_MATCH : STORE_FILTER_LIKE;
}

void store_filter_arg(struct strbuf *arg, const char *filter)
{
	switch (store_filter_mode(filter)) {
	case STORE_FILTER_MATCH:
		/* one quoted phrase: whatever the user typed is searched literally */
		strbuf_putc(arg, '"');
		for (const char *c = filter; *c; c++) {
			if (*c == '"')
				strbuf_putc(arg, '"');
			strbuf_putc(arg, *c);
		}
		strbuf_putc(arg, '"');
		break;
	case STORE_FILTER_LIKE:
		strbuf_putc(arg, '%');
		for (const char *c = filter; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				strbuf_putc(arg, '\\');
			strbuf_putc(arg, *c);
		}
		strbuf_putc(arg, '%');
		break;
	case STORE_FILTER_NONE:
		break;
	}
}

static void people_where(struct strbuf *sql, const struct caseload_query *q)
{
	strbuf_puts(sql, " WHERE 1");
	if (q->caseworker_id)
		strbuf_puts(sql, " AND p.caseworker_id = ?1");
	switch (store_filter_mode(q->filter)) {
	case STORE_FILTER_MATCH:
		strbuf_puts(sql, " AND p.id IN (SELECT rowid FROM person_search "
				 "WHERE person_search MATCH ?2)");
		break;
	case STORE_FILTER_LIKE:
		strbuf_puts(sql, " AND p.search_text LIKE ?2 ESCAPE '\\'");
		break;
	case STORE_FILTER_NONE:
		break;
	}
}

static void people_bind_where(sqlite3_stmt *stmt, const struct caseload_query *q)
{
	if (q->caseworker_id)
		sqlite3_bind_int64(stmt, 1, q->caseworker_id);
	if (store_filter_mode(q->filter) == STORE_FILTER_NONE)
		return;
	struct strbuf arg;
	strbuf_init(&arg);
	store_filter_arg(&arg, q->filter);
	sqlite3_bind_text(stmt, 2, arg.buf, (int)arg.len, SQLITE_TRANSIENT);
	strbuf_clear(&arg);
}

/* "(k1, k2, p.id)" for the sort */
static void people_key_tuple(struct strbuf *sql, enum caseload_sort sort)
{
	strbuf_putc(sql, '(');
	for (int i = 0; i < 3 && sort_defs[sort].keys[i]; i++) {
		strbuf_puts(sql, sort_defs[sort].keys[i]);
		strbuf_puts(sql, ", ");
	}
	strbuf_puts(sql, "p.id)");
}

/* "(?3, ?4, ?N)": the anchor's key values follow the two WHERE parameters */
static void people_anchor_tuple(struct strbuf *sql, enum caseload_sort sort)
{
	int n = 3;
	strbuf_putc(sql, '(');
	for (int i = 0; i < 3 && sort_defs[sort].keys[i]; i++)
		strbuf_printf(sql, "?%d, ", n++);
	strbuf_printf(sql, "?%d)", n);
}

static void people_bind_anchor(sqlite3_stmt *stmt, enum caseload_sort sort,
			       const struct caseload_row *a)
{
	int n = 3;
	switch (sort) {
	case SORT_NAME:
		store_bind_text(stmt, n++, a->name_key);
		break;
	case SORT_OID:
		store_bind_text(stmt, n++, a->oid);
		break;
	case SORT_HOUSING:
		store_bind_text(stmt, n++, a->unit);
		store_bind_text(stmt, n++, a->cell);
		break;
	case SORT_CUSTODY:
		sqlite3_bind_int(stmt, n++, (int)a->custody);
		break;
	case SORT_RISK:
		sqlite3_bind_int(stmt, n++, (int)a->risk);
		break;
	case SORT_SRD:
		if (a->srd == DATE_NONE)
			store_bind_text(stmt, n++, "9999-12-31");
		else
			store_bind_date(stmt, n++, a->srd);
		break;
	case SORT_DUE:
		if (a->next_due == DATE_NONE)
			store_bind_text(stmt, n++, "9999-12-31");
		else
			store_bind_date(stmt, n++, a->next_due);
		break;
	case SORT_ALERTS:
		sqlite3_bind_int(stmt, n++, (int)a->alert_flags);
		break;
	case SORT_COUNT:
		break;
	}
	sqlite3_bind_int64(stmt, n, a->id);
}

static bool people_query_valid(const struct caseload_query *q)
{
	return (unsigned)q->sort < SORT_COUNT;
}

enum cl_status store_caseload_page(struct store *store, const struct caseload_query *query,
				   const struct caseload_row *anchor, bool backward,
				   struct caseload_row *rows, size_t limit, size_t *count)
{
	*count = 0;
	if (!people_query_valid(query))
		return CL_ERR_INVALID;
	bool desc = query->descending != backward;
	struct strbuf sql;
	strbuf_init(&sql);
	strbuf_puts(&sql, "SELECT " ROW_COLUMNS " FROM person p");
	people_where(&sql, query);
	if (anchor) {
		strbuf_puts(&sql, " AND ");
		people_key_tuple(&sql, query->sort);
		strbuf_puts(&sql, desc ? " < " : " > ");
		people_anchor_tuple(&sql, query->sort);
	}
	strbuf_puts(&sql, " ORDER BY ");
	for (int i = 0; i < 3 && sort_defs[query->sort].keys[i]; i++)
		strbuf_printf(&sql, "%s%s, ", sort_defs[query->sort].keys[i], desc ? " DESC" : "");
	strbuf_printf(&sql, "p.id%s LIMIT ?9", desc ? " DESC" : "");
	sqlite3_stmt *stmt = store_stmt(store, sql.buf);
	strbuf_clear(&sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	people_bind_where(stmt, query);
	if (anchor)
		people_bind_anchor(stmt, query->sort, anchor);
	sqlite3_bind_int64(stmt, 9, (sqlite3_int64)limit);
	int rc;
	while (*count < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		people_read_row(stmt, &rows[(*count)++]);
	if (*count < limit && rc != SQLITE_DONE) {
		enum cl_status st = store_fail(store, rc);
		sqlite3_reset(stmt);
		*count = 0;
		return st;
	}
	sqlite3_reset(stmt);
	if (backward) {
		for (size_t i = 0; i < *count / 2; i++) {
			struct caseload_row tmp = rows[i];
			rows[i] = rows[*count - 1 - i];
			rows[*count - 1 - i] = tmp;
		}
	}
	return CL_OK;
}

static enum cl_status people_count_sql(struct store *store, const char *sql,
				       const struct caseload_query *query,
				       const struct caseload_row *anchor, size_t cap, size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	people_bind_where(stmt, query);
	if (anchor)
		people_bind_anchor(stmt, query->sort, anchor);
	sqlite3_bind_int64(stmt, 9, (sqlite3_int64)cap);
	int64_t n = 0;
	enum cl_status st = store_step_int64(store, stmt, &n);
	*count = (size_t)n;
	return st;
}

enum cl_status store_caseload_count(struct store *store, const struct caseload_query *query,
				    size_t cap, size_t *count)
{
	*count = 0;
	if (!people_query_valid(query))
		return CL_ERR_INVALID;
	struct strbuf sql;
	strbuf_init(&sql);
	strbuf_puts(&sql, "SELECT count(*) FROM (SELECT 1 FROM person p");
	people_where(&sql, query);
	strbuf_puts(&sql, " LIMIT ?9)");
	enum cl_status st = people_count_sql(store, sql.buf, query, NULL, cap, count);
	strbuf_clear(&sql);
	return st;
}

enum cl_status store_caseload_position(struct store *store, const struct caseload_query *query,
				       const struct caseload_row *row, size_t *position)
{
	*position = 0;
	if (!people_query_valid(query))
		return CL_ERR_INVALID;
	struct strbuf sql;
	strbuf_init(&sql);
	strbuf_puts(&sql, "SELECT count(*) FROM (SELECT 1 FROM person p");
	people_where(&sql, query);
	strbuf_puts(&sql, " AND ");
	people_key_tuple(&sql, query->sort);
	strbuf_puts(&sql, query->descending ? " > " : " < ");
	people_anchor_tuple(&sql, query->sort);
	strbuf_puts(&sql, " LIMIT ?9)");
	enum cl_status st = people_count_sql(store, sql.buf, query, row, SIZE_MAX >> 1, position);
	strbuf_clear(&sql);
	return st;
}

enum cl_status store_caseload_row(struct store *store, int64_t person_id,
				  struct caseload_row *row)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " ROW_COLUMNS " FROM person p WHERE p.id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	return store_row(store, stmt, row, people_read_row);
}

enum cl_status store_person_id_by_oid(struct store *store, const char *oid, int64_t *id)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT id FROM person WHERE oid = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, oid);
	return store_step_int64(store, stmt, id);
}

enum cl_status store_people_count(struct store *store, size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT count(*) FROM person");
	if (!stmt)
		return CL_ERR_INTERNAL;
	int64_t n = 0;
	enum cl_status st = store_step_int64(store, stmt, &n);
	*count = (size_t)n;
	return st;
}
