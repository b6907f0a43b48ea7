/* caseload-bench: builds a demo database and times what a caseworker waits for (the first
 * page, each keystroke of a filter, a re-sort, paging, opening a record, the first frame of
 * the real program), next to the same SQL run bare through SQLite on a second connection:
 * the floor. The ratio says how much the program adds above the floor. One JSON object on
 * stdout; progress on stderr when it is a terminal.
 *
 *   caseload-bench [--people N] [--notes-per-person N] [--seed N] [--db PATH] [--keep]
 *                  [--binary PATH/TO/caseload]
 *
 * --notes-per-person (default 0) has the demo write case notes too, and the note figures
 * (search, timeline, writing a note) then run over them; `--people 100000
 * --notes-per-person 20` is the 2-million-note database of PERFORMANCE.md.
 *
 * Without --db it builds in a temporary directory and removes it after; an existing --db
 * holding people is measured as it is (opening records adds audit rows to it, as the
 * program does). The generator runs in a child process so that its memory stays out of
 * peak_rss_kb, which is the measuring process's own peak.
 *
 * It may include sqlite3.h, unlike the program, because it measures the bare floor. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caseload/app.h"
#include "caseload/caseload.h"
#include "caseload/casenotes.h"
#include "caseload/demo.h"
#include "caseload/home.h"
#include "caseload/staff.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "caseload/rng.h"
#include "caseload/strbuf.h"
#include "bench_stats.h"
#include "form_figures.h"
#include "review_figures.h"

#define PAGE_ROWS 60
#define FRAME_RUNS 5
#define FRAME_MIN_BYTES 2000
#define FRAME_QUIET_MS 20
#define FRAME_TIMEOUT_MS 15000
#define EXIT_TIMEOUT_MS 3000
#define SEARCH_HITS 50     /* as the search screen asks for them */
#define SEARCH_CANDIDATES 2000 /* as the store ranks them (NOTE_SEARCH_CANDIDATES) */
#define TIMELINE_CAP 300   /* as the record screen reads the timeline */

struct options {
	size_t people;
	size_t notes_per_person;
	uint64_t seed;
	const char *db;
	bool keep;
	const char *binary;
};

/* ---- timing and statistics ---- */

/* One measured operation: the program's times and the bare SQL's. */
struct measure {
	struct samples app, bare;
};

static void measure_free(struct measure *m)
{
	samples_free(&m->app);
	samples_free(&m->bare);
}

static void json_measure(struct strbuf *out, const char *name, const struct measure *m)
{
	double p50 = samples_quantile(&m->app, 0.5), bare = samples_quantile(&m->bare, 0.5);
	strbuf_printf(out, ",\n  \"%s\": {\"ms\": %.3f, \"p99_ms\": %.3f", name, p50,
		      samples_quantile(&m->app, 0.99));
	if (m->bare.n)
		strbuf_printf(out, ", \"bare_ms\": %.3f, \"ratio\": %.2f", bare,
			      bare > 0 ? p50 / bare : 0.0);
	strbuf_printf(out, ", \"samples\": %zu", m->app.n);
}

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "caseload-bench: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(1);
}

/* ---- the bare floor: SQL straight through SQLite ---- */

#define BARE_CACHE 48

struct bare {
	sqlite3 *db;
	const char *sql[BARE_CACHE];
	sqlite3_stmt *stmt[BARE_CACHE];
	size_t count;
	size_t checksum; /* bytes read, so nothing is optimised away */
};

static sqlite3_stmt *bare_stmt(struct bare *b, const char *sql)
{
	for (size_t i = 0; i < b->count; i++)
		if (b->sql[i] == sql || strcmp(b->sql[i], sql) == 0) {
			sqlite3_reset(b->stmt[i]);
			sqlite3_clear_bindings(b->stmt[i]);
			return b->stmt[i];
		}
	if (b->count == BARE_CACHE)
		fail("bare statement cache full", NULL);
	if (sqlite3_prepare_v3(b->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &b->stmt[b->count],
			       NULL) != SQLITE_OK)
		fail(sqlite3_errmsg(b->db), sql);
	b->sql[b->count] = sql;
	return b->stmt[b->count++];
}

/* Steps to the end reading every column by its type, as the program copies them out. */
static size_t bare_run(struct bare *b, sqlite3_stmt *stmt)
{
	size_t rows = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			if (sqlite3_column_type(stmt, c) == SQLITE_INTEGER) {
				b->checksum += (size_t)sqlite3_column_int64(stmt, c);
			} else {
				sqlite3_column_text(stmt, c);
				b->checksum += (size_t)sqlite3_column_bytes(stmt, c);
			}
		}
		rows++;
	}
	if (rc != SQLITE_DONE)
		fail("bare query", sqlite3_errmsg(b->db));
	sqlite3_reset(stmt);
	return rows;
}

/* The store's ranking function (src/store/fts_rank.c), the one piece of the search that is
 * C rather than SQL: the bare search registers it on its own connection and calls it as the
 * store does, so that the comparison is of the same work. */
int store_fts_rank_register(sqlite3 *db);

static void bare_open(struct bare *b, const char *path)
{
	memset(b, 0, sizeof *b);
	if (sqlite3_open_v2(path, &b->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		fail("cannot open the database bare", sqlite3_errmsg(b->db));
	if (store_fts_rank_register(b->db) != SQLITE_OK)
		fail("cannot register note_rank", sqlite3_errmsg(b->db));
}

static void bare_close(struct bare *b)
{
	for (size_t i = 0; i < b->count; i++)
		sqlite3_finalize(b->stmt[i]);
	sqlite3_close(b->db);
}

#define ROW_COLUMNS                                                                                \
	"SELECT p.id, p.oid, p.last_name, p.first_name, p.middle_name, p.name_key, p.unit, "      \
	"p.cell, p.custody, p.risk, p.srd, p.next_due_date, p.next_due_kind, p.alert_flags "      \
	"FROM person p "

/* The ORDER BY of each sort column, ascending and descending, as the store's indexes
 * are built. */
static const char *const bare_sorts[SORT_COUNT][2] = {
	[SORT_NAME] = {ROW_COLUMNS "ORDER BY p.name_key, p.id LIMIT 60",
		       ROW_COLUMNS "ORDER BY p.name_key DESC, p.id DESC LIMIT 60"},
	[SORT_OID] = {ROW_COLUMNS "ORDER BY p.oid, p.id LIMIT 60",
		      ROW_COLUMNS "ORDER BY p.oid DESC, p.id DESC LIMIT 60"},
	[SORT_HOUSING] = {ROW_COLUMNS "ORDER BY p.unit, p.cell, p.id LIMIT 60",
			  ROW_COLUMNS "ORDER BY p.unit DESC, p.cell DESC, p.id DESC LIMIT 60"},
	[SORT_CUSTODY] = {ROW_COLUMNS "ORDER BY p.custody, p.id LIMIT 60",
			  ROW_COLUMNS "ORDER BY p.custody DESC, p.id DESC LIMIT 60"},
	[SORT_RISK] = {ROW_COLUMNS "ORDER BY p.risk, p.id LIMIT 60",
		       ROW_COLUMNS "ORDER BY p.risk DESC, p.id DESC LIMIT 60"},
	[SORT_SRD] = {ROW_COLUMNS "ORDER BY ifnull(p.srd, '9999-12-31'), p.id LIMIT 60",
		      ROW_COLUMNS "ORDER BY ifnull(p.srd, '9999-12-31') DESC, p.id DESC LIMIT 60"},
	[SORT_DUE] = {ROW_COLUMNS "ORDER BY p.next_due_date, p.id LIMIT 60",
		      ROW_COLUMNS "ORDER BY p.next_due_date DESC, p.id DESC LIMIT 60"},
	[SORT_ALERTS] = {ROW_COLUMNS "ORDER BY p.alert_flags, p.id LIMIT 60",
			 ROW_COLUMNS "ORDER BY p.alert_flags DESC, p.id DESC LIMIT 60"},
};

static const char bare_keyset_sql[] =
	ROW_COLUMNS "WHERE (p.name_key, p.id) > (?1, ?2) ORDER BY p.name_key, p.id LIMIT 60";
static const char bare_like_page_sql[] =
	ROW_COLUMNS "WHERE p.search_text LIKE ?1 ESCAPE '\\' ORDER BY p.name_key, p.id LIMIT 60";
static const char bare_like_count_sql[] =
	"SELECT count(*) FROM (SELECT 1 FROM person WHERE search_text LIKE ?1 ESCAPE '\\' "
	"LIMIT 500)";
static const char bare_match_page_sql[] =
	ROW_COLUMNS "WHERE p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?1) "
		    "ORDER BY p.name_key, p.id LIMIT 60";
static const char bare_match_count_sql[] =
	"SELECT count(*) FROM person_search WHERE person_search MATCH ?1";

/* What store_person_record reads, query by query. */
static const char *const bare_record_sql[] = {
	"SELECT p.*, ifnull(s.display_name, ''), ifnull(u.display_name, '') FROM person p "
	"LEFT JOIN staff s ON s.id = p.caseworker_id LEFT JOIN staff u ON u.id = p.updated_by "
	"WHERE p.id = ?1",
	"SELECT alias FROM person_alias WHERE person_id = ?1 ORDER BY alias LIMIT 200",
	"SELECT a.id, a.kind, a.detail, ifnull(o.oid || ' ' || o.last_name || ', ' || "
	"o.first_name, ''), a.start_date, a.end_date FROM alert a LEFT JOIN person o ON o.id = "
	"a.separate_from WHERE a.person_id = ?1 ORDER BY a.end_date IS NOT NULL, "
	"a.start_date DESC, a.id DESC LIMIT 200",
	"SELECT h.id, h.unit, h.cell, h.custody, h.start_date, h.end_date, h.reason, "
	"ifnull(s.display_name, '') FROM housing_stay h LEFT JOIN staff s ON s.id = "
	"h.recorded_by WHERE h.person_id = ?1 ORDER BY h.start_date DESC, h.id DESC LIMIT 200",
	"SELECT e.id, pr.name, e.status, e.start_date, e.end_date FROM enrollment e JOIN program "
	"pr ON pr.id = e.program_id WHERE e.person_id = ?1 ORDER BY e.start_date DESC, e.id DESC "
	"LIMIT 200",
	"SELECT c.id, c.field, c.old_value, c.new_value, ifnull(s.display_name, ''), "
	"c.changed_at FROM person_change c LEFT JOIN staff s ON s.id = c.changed_by WHERE "
	"c.person_id = ?1 ORDER BY c.id DESC LIMIT 200",
};

static void bare_record(struct bare *b, int64_t id)
{
	for (size_t i = 0; i < sizeof bare_record_sql / sizeof bare_record_sql[0]; i++) {
		sqlite3_stmt *stmt = bare_stmt(b, bare_record_sql[i]);
		sqlite3_bind_int64(stmt, 1, id);
		bare_run(b, stmt);
	}
}

/* The filter as the store binds it: a quoted FTS5 phrase, or a LIKE pattern under three
 * characters (the filters here are plain lower-case letters). */
static void bare_filter(struct bare *b, const char *filter)
{
	char arg[64];
	bool match = strlen(filter) >= 3;
	snprintf(arg, sizeof arg, match ? "\"%s\"" : "%%%s%%", filter);
	sqlite3_stmt *page = bare_stmt(b, match ? bare_match_page_sql : bare_like_page_sql);
	sqlite3_bind_text(page, 1, arg, -1, SQLITE_TRANSIENT);
	bare_run(b, page);
	sqlite3_stmt *count = bare_stmt(b, match ? bare_match_count_sql : bare_like_count_sql);
	sqlite3_bind_text(count, 1, arg, -1, SQLITE_TRANSIENT);
	bare_run(b, count);
}

/* ---- the operations ---- */

struct bench {
	struct app app;
	struct bare bare;
	struct rng rng;
	int64_t min_id, max_id;
	struct caseload_row rows[PAGE_ROWS];
};

static void view_facility(struct bench *b, struct caseload_view *view)
{
	app_caseload_view_init(&b->app, view);
	view->whole_facility = true;
}

static size_t app_page(struct bench *b, const struct caseload_view *view,
		       const struct caseload_row *anchor, bool backward)
{
	size_t count = 0;
	enum cl_status st = app_caseload_page(&b->app, view, anchor, backward, b->rows, PAGE_ROWS,
					      &count);
	if (st != CL_OK)
		fail("app_caseload_page", cl_status_text(st));
	return count;
}

static void op_first_page(struct bench *b, struct measure *m, int rounds)
{
	struct caseload_view view;
	view_facility(b, &view);
	for (int i = -1; i < rounds; i++) { /* round -1 warms the caches up */
		double t0 = bench_now_ms();
		app_page(b, &view, NULL, false);
		double t1 = bench_now_ms();
		bare_run(&b->bare, bare_stmt(&b->bare, bare_sorts[SORT_NAME][0]));
		double t2 = bench_now_ms();
		if (i >= 0) {
			samples_add(&m->app, t1 - t0);
			samples_add(&m->bare, t2 - t1);
		}
	}
}

static const char *const keystrokes[] = {"n", "ng", "ngu", "nguy", "nguye"};
#define KEYSTROKE_COUNT (sizeof keystrokes / sizeof keystrokes[0])

/* Each keystroke of a filter: the first page and the match count, as the list redraws. */
static void op_filter(struct bench *b, struct measure *m, struct measure *each, int rounds)
{
	struct caseload_view view;
	view_facility(b, &view);
	for (int i = -1; i < rounds; i++) {
		for (size_t k = 0; k < KEYSTROKE_COUNT; k++) {
			str_copy(view.filter, sizeof view.filter, keystrokes[k]);
			size_t count;
			bool capped;
			double t0 = bench_now_ms();
			app_page(b, &view, NULL, false);
			if (app_caseload_count(&b->app, &view, &count, &capped) != CL_OK)
				fail("app_caseload_count", NULL);
			double t1 = bench_now_ms();
			bare_filter(&b->bare, keystrokes[k]);
			double t2 = bench_now_ms();
			if (i < 0)
				continue;
			samples_add(&m->app, t1 - t0);
			samples_add(&m->bare, t2 - t1);
			samples_add(&each[k].app, t1 - t0);
			samples_add(&each[k].bare, t2 - t1);
		}
	}
}

static void op_resort(struct bench *b, struct measure *m, struct measure *each, int rounds)
{
	struct caseload_view view;
	view_facility(b, &view);
	for (int i = -1; i < rounds; i++) {
		for (int s = 0; s < SORT_COUNT; s++) {
			view.sort = (enum caseload_sort)s;
			view.descending = store_sort_default_descending(view.sort);
			double t0 = bench_now_ms();
			app_page(b, &view, NULL, false);
			double t1 = bench_now_ms();
			bare_run(&b->bare, bare_stmt(&b->bare, bare_sorts[s][view.descending]));
			double t2 = bench_now_ms();
			if (i < 0)
				continue;
			samples_add(&m->app, t1 - t0);
			samples_add(&m->bare, t2 - t1);
			samples_add(&each[s].app, t1 - t0);
			samples_add(&each[s].bare, t2 - t1);
		}
	}
}

/* Page Down again and again from the top, by name; bare with the same anchors. */
static void op_page_down(struct bench *b, struct measure *m, int pages)
{
	struct caseload_view view;
	view_facility(b, &view);
	size_t count = app_page(b, &view, NULL, false);
	for (int i = 0; i < pages; i++) {
		if (count < PAGE_ROWS)
			count = app_page(b, &view, NULL, false); /* the end: start over */
		struct caseload_row anchor = b->rows[count - 1];
		double t0 = bench_now_ms();
		count = app_page(b, &view, &anchor, false);
		double t1 = bench_now_ms();
		sqlite3_stmt *stmt = bare_stmt(&b->bare, bare_keyset_sql);
		sqlite3_bind_text(stmt, 1, anchor.name_key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(stmt, 2, anchor.id);
		bare_run(&b->bare, stmt);
		double t2 = bench_now_ms();
		samples_add(&m->app, t1 - t0);
		samples_add(&m->bare, t2 - t1);
	}
}

/* End: the last page, read backwards without an anchor. */
static void op_page_to_end(struct bench *b, struct measure *m, int rounds)
{
	struct caseload_view view;
	view_facility(b, &view);
	for (int i = -1; i < rounds; i++) {
		double t0 = bench_now_ms();
		app_page(b, &view, NULL, true);
		double t1 = bench_now_ms();
		bare_run(&b->bare, bare_stmt(&b->bare, bare_sorts[SORT_NAME][1]));
		double t2 = bench_now_ms();
		if (i >= 0) {
			samples_add(&m->app, t1 - t0);
			samples_add(&m->bare, t2 - t1);
		}
	}
}

static int64_t random_id(struct bench *b)
{
	return b->min_id + (int64_t)rng_below(&b->rng, (uint32_t)(b->max_id - b->min_id + 1));
}

/* Opening a record writes its audit row (a committed transaction); loading it does not. */
static void op_records(struct bench *b, struct measure *open, struct measure *load, int rounds)
{
	for (int i = 0; i < rounds; i++) {
		struct person_record rec;
		int64_t id = random_id(b);
		double t0 = bench_now_ms();
		enum cl_status st = store_person_record(b->app.store, id, &rec);
		double t1 = bench_now_ms();
		if (st != CL_OK)
			fail("store_person_record", cl_status_text(st));
		person_record_clear(&rec);
		bare_record(&b->bare, id);
		double t2 = bench_now_ms();
		samples_add(&load->app, t1 - t0);
		samples_add(&load->bare, t2 - t1);
		samples_add(&open->bare, t2 - t1);
		id = random_id(b);
		double t3 = bench_now_ms();
		st = app_record_open(&b->app, id, &rec);
		double t4 = bench_now_ms();
		if (st != CL_OK)
			fail("app_record_open", cl_status_text(st));
		person_record_clear(&rec);
		samples_add(&open->app, t4 - t3);
	}
}

/* ---- case notes ---- */

/* What a caseworker types into the search: common and rare words, names, a phrase, a
 * prefix, two words, words in other languages, and text full of FTS5 syntax that must be
 * searched as text. */
static const char *const note_queries[] = {
	"housing",
	"release",
	"program",
	"family",
	"agent",
	"chaplain",
	"tattoo",
	"notary",
	"funeral",
	"Johnson",
	"Nguyễn",
	"nguyen",
	"Tesfaye",
	"Larson",
	"\"thinking for a change\"",
	"hous*",
	"housing application",
	"agent release",
	"familia",
	"Soomaali",
	"tiếng",
	"\"victim AND (release OR NEAR(x",
	"col:body -housing ^id* \"",
};
#define NOTE_QUERY_COUNT (sizeof note_queries / sizeof note_queries[0])

/* The store's search, bare (store/notes.c, search_sql, for every person): one walk of the
 * matches newest first, checking each note's row for visibility, with the rank computed in the
 * same pass and stopping at the candidate limit; the best of those; then the snippets: for
 * whole words one lookup per hit, for a query with a prefix one more pass over the hits'
 * rowid range. The reader's visibility is the same expression with the same bindings. */
#define BARE_VISIBLE(t)                                                                            \
	"((((?2 >> " t ".sensitivity) & 1) = 1 OR " t ".author_id = ?3) AND (" t                 \
	".state <> 'draft' OR " t ".author_id = ?3))"
#define BARE_SNIPPET "snippet(note_search, -1, char(1), char(2), '\u2026', 16)"
#define BARE_SEARCH_RANKED                                                                         \
	"WITH cand(id, score) AS MATERIALIZED (SELECT s.rowid, note_rank(note_search, 2.0, 1.0, 1.0) "  \
	"FROM note_search s CROSS JOIN note n ON n.id = s.rowid WHERE note_search MATCH ?1 "      \
	"AND " BARE_VISIBLE("n") " ORDER BY s.rowid DESC LIMIT ?4), ranked(id, score) AS "        \
	"MATERIALIZED (SELECT id, score FROM cand ORDER BY score, id DESC LIMIT ?5) "              \
	"SELECT n.id, n.person_id, p.oid, CASE WHEN p.first_name = '' THEN p.last_name ELSE "     \
	"p.last_name || ', ' || p.first_name END, n.contact_at, n.type, n.author_name, "
static const char bare_search_sql[] =
	BARE_SEARCH_RANKED "NULL FROM ranked r CROSS JOIN note n ON n.id = r.id CROSS JOIN person "
	"p ON p.id = n.person_id ORDER BY r.score, r.id DESC";
static const char bare_search_prefix_sql[] =
	BARE_SEARCH_RANKED BARE_SNIPPET " FROM note_search s CROSS JOIN ranked r ON r.id = s.rowid "
	"CROSS JOIN note n ON n.id = r.id CROSS JOIN person p ON p.id = n.person_id WHERE "
	"note_search MATCH ?1 AND s.rowid BETWEEN (SELECT min(id) FROM ranked) AND (SELECT "
	"max(id) FROM ranked) AND +s.rowid IN (SELECT id FROM ranked) ORDER BY r.score, r.id DESC";
static const char bare_snippet_sql[] =
	"SELECT " BARE_SNIPPET " FROM note_search WHERE note_search MATCH ?1 AND rowid = ?2";

/* The first page of the timeline, bare: the person's newest notes and record changes, each
 * through its index, merged (store/notes.c, timeline_sql, without filters). */
static const char bare_timeline_sql[] =
	"SELECT kind, id, at, type, summary, who, state, amended, sensitive FROM ("
	"SELECT * FROM (SELECT 0 AS kind, n.id AS id, n.contact_at AS at, n.type AS type, "
	"CASE WHEN n.subject <> '' THEN n.subject ELSE substr(n.body, 1, 600) END AS summary, "
	"n.author_name AS who, n.state AS state, EXISTS (SELECT 1 FROM note a WHERE "
	"a.amends_id = n.id AND " BARE_VISIBLE("a") ") AS amended, n.sensitivity <> 0 AS "
	"sensitive FROM note n WHERE n.person_id = ?1 AND " BARE_VISIBLE("n") " ORDER BY "
	"n.contact_at DESC, n.id DESC LIMIT ?4) UNION ALL SELECT * FROM (SELECT 1, c.id, "
	"replace(c.changed_at, 'T', ' '), 'change', substr(c.field || ': ' || CASE WHEN "
	"c.old_value = '' THEN '(none)' ELSE c.old_value END || ' \u2192 ' || CASE WHEN "
	"c.new_value = '' THEN '(none)' ELSE c.new_value END, 1, 600), "
	"ifnull(s.display_name, ''), 'final', 0, 0 FROM person_change c LEFT JOIN staff s ON "
	"s.id = c.changed_by WHERE c.person_id = ?1 ORDER BY c.changed_at DESC, c.id DESC "
	"LIMIT ?4)) ORDER BY at DESC, kind, id DESC LIMIT ?4";

/* The sensitivity levels a reader sees in others' notes, one bit each, as the store binds
 * them. */
static int64_t bare_levels(unsigned grants)
{
	static const unsigned needed[NOTE_SENSITIVITY_COUNT] = {
#define BENCH_SENS_GRANT(id, name, grant) [id] = grant,
		NOTE_SENSITIVITY_LIST(BENCH_SENS_GRANT)
#undef BENCH_SENS_GRANT
	};
	int64_t levels = 0;
	for (int s = 0; s < NOTE_SENSITIVITY_COUNT; s++)
		if ((needed[s] & grants) == needed[s])
			levels |= (int64_t)1 << s;
	return levels;
}

/* A term with a prefix: a '*' outside the quotes of the store's FTS5 query. */
static bool fts_has_prefix(const char *fts)
{
	bool quoted = false;
	for (; *fts; fts++) {
		if (*fts == '"')
			quoted = !quoted; /* a doubled quote inside a term toggles twice */
		else if (*fts == '*' && !quoted)
			return true;
	}
	return false;
}

static size_t bare_note_search(struct bench *b, const char *fts)
{
	struct note_reader reader;
	app_note_reader(&b->app, &reader);
	bool prefix = fts_has_prefix(fts);
	sqlite3_stmt *stmt = bare_stmt(&b->bare, prefix ? bare_search_prefix_sql : bare_search_sql);
	sqlite3_bind_text(stmt, 1, fts, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, bare_levels(reader.grants));
	sqlite3_bind_int64(stmt, 3, reader.staff_id);
	sqlite3_bind_int64(stmt, 4, SEARCH_CANDIDATES);
	sqlite3_bind_int64(stmt, 5, SEARCH_HITS);
	int64_t ids[SEARCH_HITS];
	size_t hits = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int c = 2; c < sqlite3_column_count(stmt); c++) {
			sqlite3_column_text(stmt, c);
			b->bare.checksum += (size_t)sqlite3_column_bytes(stmt, c);
		}
		if (hits < SEARCH_HITS)
			ids[hits++] = sqlite3_column_int64(stmt, 0);
	}
	if (rc != SQLITE_DONE)
		fail("bare search", sqlite3_errmsg(b->bare.db));
	sqlite3_reset(stmt);
	for (size_t i = 0; !prefix && i < hits; i++) {
		sqlite3_stmt *snip = bare_stmt(&b->bare, bare_snippet_sql);
		sqlite3_bind_text(snip, 1, fts, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(snip, 2, ids[i]);
		bare_run(&b->bare, snip);
	}
	return hits;
}

struct query_figure {
	struct measure m;
	size_t hits;
};

/* Every query, a few rounds, through the program (search, snippets, the audit row and its
 * commit) and bare (the same SQL and snippets, nothing written). */
static void op_note_search(struct bench *b, struct measure *all, struct query_figure *each,
			   int rounds)
{
	struct note_hit *hits = xcalloc(SEARCH_HITS, sizeof *hits);
	struct strbuf fts;
	strbuf_init(&fts);
	for (int i = -1; i < rounds; i++) {
		for (size_t q = 0; q < NOTE_QUERY_COUNT; q++) {
			struct note_search search = {.query = note_queries[q]};
			char msg[APP_NOTE_MESSAGE_SIZE];
			size_t count = 0;
			double t0 = bench_now_ms();
			enum cl_status st = app_note_search(&b->app, &search, hits, SEARCH_HITS,
							    &count, msg, sizeof msg);
			double t1 = bench_now_ms();
			if (st != CL_OK)
				fail("app_note_search", msg);
			strbuf_reset(&fts);
			size_t bare_hits = 0;
			double t2 = bench_now_ms(), t3 = t2;
			if (store_note_fts_query(note_queries[q], &fts)) {
				t2 = bench_now_ms(); /* the conversion is the program's, not SQLite's */
				bare_hits = bare_note_search(b, fts.buf);
				t3 = bench_now_ms();
			}
			if (bare_hits != count)
				fail("the bare search found another number of notes", note_queries[q]);
			if (i < 0)
				continue;
			samples_add(&all->app, t1 - t0);
			samples_add(&all->bare, t3 - t2);
			samples_add(&each[q].m.app, t1 - t0);
			samples_add(&each[q].m.bare, t3 - t2);
			each[q].hits = count;
		}
	}
	strbuf_clear(&fts);
	free(hits);
}

/* Opening a person's record shows the newest of their timeline. The program and the bare
 * query each read another random person: whichever read a person's pages second would
 * find them in the processor's caches and look several times faster. */
static void op_timeline(struct bench *b, struct measure *m, int rounds)
{
	struct timeline_entry *entries = xcalloc(TIMELINE_CAP, sizeof *entries);
	struct note_reader reader;
	app_note_reader(&b->app, &reader);
	for (int i = -1; i < rounds; i++) {
		struct timeline_query q = {.person_id = random_id(b)};
		size_t count = 0;
		double t0 = bench_now_ms();
		enum cl_status st = app_timeline(&b->app, &q, entries, TIMELINE_CAP, &count);
		double t1 = bench_now_ms();
		if (st != CL_OK)
			fail("app_timeline", cl_status_text(st));
		sqlite3_stmt *stmt = bare_stmt(&b->bare, bare_timeline_sql);
		sqlite3_bind_int64(stmt, 1, random_id(b));
		sqlite3_bind_int64(stmt, 2, bare_levels(reader.grants));
		sqlite3_bind_int64(stmt, 3, reader.staff_id);
		sqlite3_bind_int64(stmt, 4, TIMELINE_CAP);
		double t2 = bench_now_ms();
		bare_run(&b->bare, stmt);
		double t3 = bench_now_ms();
		if (i >= 0) {
			samples_add(&m->app, t1 - t0);
			samples_add(&m->bare, t3 - t2);
		}
	}
	free(entries);
}

static const char note_save_body[] =
	"Met with the resident in the unit office for a scheduled caseload contact. Discussed "
	"the state ID application and the housing application for a sober living home; the "
	"birth certificate request was mailed on Monday. Attends Thinking for a Change and the "
	"GED class. Plan: follow up in 30 days or sooner if requested.";

/* Writing a note as a caseworker does: start a draft, the autosave, finalize (which saves
 * the draft once more, then submits it). Four commits, the first and the last with their
 * audit rows, the last indexing the note: the figure includes the fsync of each commit
 * (synchronous=FULL), as the user waits for it. */
static void op_note_save(struct bench *b, struct measure *m, int rounds)
{
	for (int i = 0; i < rounds; i++) {
		struct note note;
		char msg[APP_NOTE_MESSAGE_SIZE];
		int64_t person = random_id(b);
		double t0 = bench_now_ms();
		if (app_note_start(&b->app, person, &note, msg, sizeof msg) != CL_OK)
			fail("app_note_start", msg);
		free(note.body);
		note.body = xstrdup(note_save_body);
		str_copy(note.subject, sizeof note.subject, "Monthly contact");
		if (app_note_save_draft(&b->app, &note, msg, sizeof msg) != CL_OK)
			fail("app_note_save_draft", msg);
		if (app_note_finalize(&b->app, &note, msg, sizeof msg) != CL_OK)
			fail("app_note_finalize", msg);
		double t1 = bench_now_ms();
		note_clear(&note);
		samples_add(&m->app, t1 - t0);
	}
}

/* The FTS index's size: its shadow tables' pages (dbstat), or, where SQLite was built
 * without dbstat, the bytes of their blobs, which leaves out the pages' own overhead. */
static long long fts_index_bytes(struct bench *b, const char **method)
{
	static const char *const shadows[] = {"note_search_data", "note_search_idx",
					      "note_search_docsize", "note_search_config"};
	sqlite3_stmt *stmt = NULL;
	long long bytes = 0;
	if (sqlite3_prepare_v2(b->bare.db,
			       "SELECT total(pgsize) FROM dbstat WHERE name = ?1 AND aggregate = 1",
			       -1, &stmt, NULL) == SQLITE_OK) {
		*method = "dbstat";
		for (size_t i = 0; i < sizeof shadows / sizeof shadows[0]; i++) {
			sqlite3_bind_text(stmt, 1, shadows[i], -1, SQLITE_STATIC);
			if (sqlite3_step(stmt) == SQLITE_ROW)
				bytes += (long long)sqlite3_column_double(stmt, 0);
			sqlite3_reset(stmt);
		}
		sqlite3_finalize(stmt);
		return bytes;
	}
	*method = "blob bytes (no dbstat; leaves out page overhead)";
	stmt = bare_stmt(&b->bare, "SELECT (SELECT total(length(block)) FROM note_search_data) + "
				   "(SELECT total(length(sz)) FROM note_search_docsize)");
	if (sqlite3_step(stmt) == SQLITE_ROW)
		bytes = (long long)sqlite3_column_double(stmt, 0);
	sqlite3_reset(stmt);
	return bytes;
}

/* ---- building the database ---- */

/* The generator's clock, in the child: when the people were all in and the notes began. */
struct build_clock {
	size_t people;
	bool notes;
	bool show; /* progress on stderr */
	double notes_began; /* 0 until then */
};

static void progress(void *ctx, size_t done, size_t total)
{
	struct build_clock *c = ctx;
	/* with notes, the work counts people, then notes: the people's share ends first */
	if (c->notes && c->notes_began == 0 && done >= c->people)
		c->notes_began = bench_now_ms();
	if (!c->show)
		return;
	fprintf(stderr, "\rcaseload-bench: building %zu / %zu %s (%zu%%)", done, total,
		c->notes ? "people and notes" : "people", total ? done * 100 / total : 100);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

struct build_result {
	double seconds;
	double notes_seconds; /* from the last person to the end; < 0 without notes */
	long rss_kb;
};

/* Runs the generator in a child process, so that its memory does not count in the peak
 * RSS measured for the operations afterwards. Returns the child's exit status. The notes'
 * share of the time comes back through a pipe. */
static int build(const struct options *o, const char *path, struct build_result *r)
{
	double t0 = bench_now_ms();
	int fds[2];
	if (pipe(fds) != 0)
		fail("pipe", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		fail("fork", strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		struct app app;
		char msg[256];
		if (app_open(&app, path, STORE_CREATE, msg, sizeof msg) != CL_OK) {
			fprintf(stderr, "caseload-bench: %s\n", msg);
			_exit(1);
		}
		struct build_clock clock = {.people = o->people,
					    .notes = o->notes_per_person > 0,
					    .show = isatty(STDERR_FILENO)};
		struct demo_options demo = {.people = o->people,
					    .seed = o->seed,
					    .notes_per_person = o->notes_per_person,
					    .progress = progress,
					    .progress_ctx = &clock};
		enum cl_status st = app_demo_generate(&app, &demo, msg, sizeof msg);
		app_close(&app); /* the last checkpoint is part of the build */
		if (st != CL_OK)
			fprintf(stderr, "caseload-bench: %s\n", msg);
		char line[64];
		int n = snprintf(line, sizeof line, "%.3f\n",
				 clock.notes_began > 0 ? (bench_now_ms() - clock.notes_began) / 1e3 : -1.0);
		if (write(fds[1], line, (size_t)n) != n)
			_exit(1);
		_exit(st == CL_OK ? 0 : 1);
	}
	close(fds[1]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	r->seconds = (bench_now_ms() - t0) / 1e3;
	char line[64] = "";
	ssize_t got = read(fds[0], line, sizeof line - 1);
	close(fds[0]);
	r->notes_seconds = got > 0 ? strtod(line, NULL) : -1.0;
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	r->rss_kb = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static long long file_bytes(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* ---- the first frame of the real program, in a pseudo-terminal ---- */

/* Reads what the program draws until the first frame is complete: once the sign-in
 * banner's "acknowledge" (or, failing that, 2,000 bytes) has arrived, the frame ends with the last
 * byte before 20 quiet milliseconds. Returns that time, or -1. */
static double frame_wait(int fd, double t0)
{
	char buf[8192], tail[16] = "";
	size_t total = 0;
	bool seen = false;
	double last = 0;
	while (bench_now_ms() - t0 < FRAME_TIMEOUT_MS) {
		bool enough = seen || total >= FRAME_MIN_BYTES;
		struct pollfd p = {fd, POLLIN, 0};
		int ready = poll(&p, 1, enough ? FRAME_QUIET_MS : 100);
		if (ready == 0 && enough)
			return last - t0;
		if (ready <= 0)
			continue;
		ssize_t n = read(fd, buf, sizeof buf - 1);
		if (n <= 0)
			return -1; /* the program ended */
		last = bench_now_ms();
		buf[n] = '\0';
		total += (size_t)n;
		/* the word may straddle two reads: look at the seam as well */
		char seam[2 * sizeof tail];
		snprintf(seam, sizeof seam, "%s%.15s", tail, buf);
		seen = seen || strstr(buf, "acknowledge") || strstr(seam, "acknowledge");
		size_t keep = (size_t)n < sizeof tail - 1 ? (size_t)n : sizeof tail - 1;
		memcpy(tail, buf + n - keep, keep);
		tail[keep] = '\0';
	}
	return -1;
}

/* Sends q and waits for the program to leave, draining its output meanwhile. */
static void frame_quit(int fd, pid_t pid)
{
	char buf[4096];
	if (write(fd, "q", 1) != 1)
		kill(pid, SIGTERM);
	double t0 = bench_now_ms();
	int status;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (bench_now_ms() - t0 > EXIT_TIMEOUT_MS) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		struct pollfd p = {fd, POLLIN, 0};
		if (poll(&p, 1, 10) > 0 && read(fd, buf, sizeof buf) <= 0)
			usleep(1000);
	}
}

static double frame_once(const char *binary, const char *db)
{
	struct winsize ws = {.ws_row = 40, .ws_col = 120};
	int fd;
	double t0 = bench_now_ms();
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("CASELOAD_DB", db, 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		execl(binary, binary, (char *)NULL);
		_exit(127);
	}
	double ms = frame_wait(fd, t0);
	frame_quit(fd, pid);
	close(fd);
	return ms;
}

/* The program next to this one, when --binary was not given. */
static bool default_binary(char *out, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return false;
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash)
		return false;
	*slash = '\0';
	snprintf(out, size, "%s/caseload", self);
	return access(out, X_OK) == 0;
}

static void first_frame(const struct options *o, const char *db, struct strbuf *json)
{
	char found[PATH_MAX];
	const char *binary = o->binary;
	if (!binary && default_binary(found, sizeof found))
		binary = found;
	if (!binary || access(binary, X_OK) != 0) {
		strbuf_puts(json, ",\n  \"first_frame_ms\": null, \"first_frame_note\": "
				  "\"no caseload binary (--binary PATH)\"");
		return;
	}
	struct samples runs = {0};
	for (int i = 0; i < FRAME_RUNS; i++) {
		double ms = frame_once(binary, db);
		if (ms < 0) {
			strbuf_puts(json, ",\n  \"first_frame_ms\": null, \"first_frame_note\": "
					  "\"the program drew no first frame\"");
			samples_free(&runs);
			return;
		}
		samples_add(&runs, ms);
	}
	strbuf_printf(json, ",\n  \"first_frame_ms\": %.3f, \"first_frame_runs_ms\": [",
		      samples_quantile(&runs, 0.5));
	for (size_t i = 0; i < runs.n; i++)
		strbuf_printf(json, "%s%.3f", i ? ", " : "", runs.v[i]);
	strbuf_puts(json, "]");
	samples_free(&runs);
}

/* ---- main ---- */

static void usage(void)
{
	fprintf(stderr, "usage: caseload-bench [--people N] [--notes-per-person N] [--seed N] "
			"[--db PATH] [--keep] [--binary PATH/TO/caseload]\n");
	exit(2);
}

static unsigned long long parse_number(const char *text, unsigned long long min,
				       unsigned long long max)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(text ? text : "", &end, 10);
	if (!text || !*text || *text == '-' || *end || errno || n < min || n > max)
		usage();
	return n;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	*o = (struct options){.people = 100000, .seed = 1};
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(arg, "--people"))
			o->people = (size_t)parse_number(next, 1, 10000000), i++;
		else if (!strcmp(arg, "--notes-per-person"))
			o->notes_per_person = (size_t)parse_number(next, 0, 1000), i++;
		else if (!strcmp(arg, "--seed"))
			o->seed = parse_number(next, 1, ULLONG_MAX), i++;
		else if (!strcmp(arg, "--db") && next)
			o->db = next, i++;
		else if (!strcmp(arg, "--binary") && next)
			o->binary = next, i++;
		else if (!strcmp(arg, "--keep"))
			o->keep = true;
		else
			usage();
	}
}

static void remove_database(const char *path, const char *dir)
{
	char side[PATH_MAX];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	if (dir)
		rmdir(dir);
}

static void bench_open(struct bench *b, const char *path)
{
	char err[256];
	memset(b, 0, sizeof *b);
	if (app_open(&b->app, path, STORE_EXISTING, err, sizeof err) != CL_OK)
		fail(err, NULL);
	/* measured as a caseworker would use it: signed in (the sign-in itself is not timed) */
	struct staff *workers = NULL;
	size_t worker_count = 0;
	if (store_staff_list(b->app.store, "caseworker", &workers, &worker_count) != CL_OK ||
	    !worker_count)
		fail("no caseworker in the database", NULL);
	b->app.me = workers[0];
	b->app.signed_in_at = b->app.last_auth_at = time(NULL);
	free(workers);
	bare_open(&b->bare, path);
	rng_seed(&b->rng, 42);
	sqlite3_stmt *stmt = bare_stmt(&b->bare, "SELECT min(id), max(id), count(*) FROM person");
	if (sqlite3_step(stmt) != SQLITE_ROW || sqlite3_column_int64(stmt, 2) == 0)
		fail("the database holds no people", NULL);
	b->min_id = sqlite3_column_int64(stmt, 0);
	b->max_id = sqlite3_column_int64(stmt, 1);
	sqlite3_reset(stmt);
}

static void json_string(struct strbuf *out, const char *s)
{
	strbuf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_printf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			strbuf_printf(out, "\\u%04x", (unsigned char)*s);
		else
			strbuf_putc(out, *s);
	}
	strbuf_putc(out, '"');
}

static size_t bench_caseload_size(struct bench *b)
{
	sqlite3_stmt *stmt = bare_stmt(&b->bare, "SELECT count(*) FROM person WHERE caseworker_id = ?1");
	sqlite3_bind_int64(stmt, 1, b->app.me.id);
	size_t n = sqlite3_step(stmt) == SQLITE_ROW ? (size_t)sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return n;
}

/* The caseworker's home screen: every part of it, as app_home_load reads it; beside it the
 * bare SQL of its four caseload queries (releases, due, new alerts, counts). */
static void op_home(struct bench *b, struct measure *m, int rounds)
{
	date_t today = app_today(&b->app);
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], week[DATE_TEXT_SIZE], since[DATE_TEXT_SIZE];
	date_format(today, from);
	date_format(today + 90, to);
	date_format(today + 7, week);
	date_format(today - 7, since);
	static const char *const bare_sql[] = {
		"SELECT p.id, p.oid, p.last_name, p.srd FROM person p WHERE p.caseworker_id = ?1 "
		"AND p.srd BETWEEN ?2 AND ?3 ORDER BY p.srd, p.id LIMIT 40",
		"SELECT p.id, p.oid, p.last_name, p.next_due_date FROM person p WHERE "
		"p.caseworker_id = ?1 AND p.next_due_date <= ?4 ORDER BY p.next_due_date, p.id LIMIT 40",
		"SELECT p.id, a.start_date, a.kind FROM person p JOIN alert a ON a.person_id = p.id "
		"WHERE p.caseworker_id = ?1 AND a.start_date >= ?5 AND (a.end_date IS NULL OR "
		"a.end_date > ?2) ORDER BY a.start_date DESC, a.id DESC LIMIT 40",
		"SELECT p.risk, p.srd IS NULL, count(*) FROM person p WHERE p.caseworker_id = ?1 "
		"GROUP BY 1, 2",
	};
	for (int r = 0; r < rounds; r++) {
		struct home h;
		double t0 = bench_now_ms();
		if (app_home_load(&b->app, &h) != CL_OK)
			fail("home screen", store_last_error(b->app.store));
		samples_add(&m->app, bench_now_ms() - t0);
		app_home_clear(&h);
		t0 = bench_now_ms();
		for (size_t q = 0; q < sizeof bare_sql / sizeof bare_sql[0]; q++) {
			sqlite3_stmt *stmt = bare_stmt(&b->bare, bare_sql[q]);
			sqlite3_bind_int64(stmt, 1, b->app.me.id);
			sqlite3_bind_text(stmt, 2, from, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 3, to, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 4, week, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 5, since, -1, SQLITE_STATIC);
			bare_run(&b->bare, stmt);
		}
		samples_add(&m->bare, bench_now_ms() - t0);
	}
}

/* Searching, opening a timeline, then writing notes: the writes last, so that the reads
 * are measured over the database as it was built. */
static void run_note_operations(struct bench *b, struct strbuf *json)
{
	struct measure search = {0}, timeline = {0}, save = {0};
	struct query_figure *queries = xcalloc(NOTE_QUERY_COUNT, sizeof *queries);
	op_note_search(b, &search, queries, 5);
	op_timeline(b, &timeline, 200);
	op_note_save(b, &save, 30);
	json_measure(json, "note_search", &search);
	strbuf_puts(json, ", \"queries\": {");
	for (size_t q = 0; q < NOTE_QUERY_COUNT; q++) {
		strbuf_puts(json, q ? ",\n    " : "\n    ");
		json_string(json, note_queries[q]);
		strbuf_printf(json, ": {\"ms\": %.3f, \"bare_ms\": %.3f, \"hits\": %zu}",
			      samples_quantile(&queries[q].m.app, 0.5),
			      samples_quantile(&queries[q].m.bare, 0.5), queries[q].hits);
		measure_free(&queries[q].m);
	}
	strbuf_puts(json, "}}");
	json_measure(json, "timeline_open", &timeline);
	strbuf_puts(json, "}");
	json_measure(json, "note_save", &save);
	strbuf_puts(json, ", \"includes\": \"start, autosave, finalize: four commits, each "
			  "fsynced, two audit rows, the index\"}");
	measure_free(&search);
	measure_free(&timeline);
	measure_free(&save);
	free(queries);
}

static void run_operations(struct bench *b, struct strbuf *json)
{
	struct measure first = {0}, filter = {0}, resort = {0}, down = {0}, end = {0};
	struct measure open = {0}, load = {0}, keys[KEYSTROKE_COUNT] = {0}, sorts[SORT_COUNT] = {0};
	op_first_page(b, &first, 50);
	op_filter(b, &filter, keys, 10);
	op_resort(b, &resort, sorts, 10);
	op_page_down(b, &down, 200);
	op_page_to_end(b, &end, 50);
	op_records(b, &open, &load, 200);
	struct measure home = {0};
	op_home(b, &home, 200);
	json_measure(json, "home_screen", &home);
	strbuf_printf(json, ", \"caseload\": %zu, \"target_ms\": 20}", bench_caseload_size(b));
	measure_free(&home);
	json_measure(json, "list_first_page", &first);
	strbuf_puts(json, "}");
	json_measure(json, "filter_keystroke", &filter);
	strbuf_puts(json, ", \"keystrokes\": {");
	for (size_t k = 0; k < KEYSTROKE_COUNT; k++) {
		strbuf_printf(json, "%s\"%s\": {\"ms\": %.3f, \"bare_ms\": %.3f}", k ? ", " : "",
			      keystrokes[k], samples_quantile(&keys[k].app, 0.5),
			      samples_quantile(&keys[k].bare, 0.5));
		measure_free(&keys[k]);
	}
	strbuf_puts(json, "}}");
	json_measure(json, "resort", &resort);
	strbuf_puts(json, ", \"columns\": {");
	for (int s = 0; s < SORT_COUNT; s++) {
		strbuf_printf(json, "%s\"%s\": {\"ms\": %.3f, \"bare_ms\": %.3f}", s ? ", " : "",
			      store_sort_label((enum caseload_sort)s),
			      samples_quantile(&sorts[s].app, 0.5),
			      samples_quantile(&sorts[s].bare, 0.5));
		measure_free(&sorts[s]);
	}
	strbuf_puts(json, "}}");
	json_measure(json, "page_down", &down);
	strbuf_puts(json, "}");
	json_measure(json, "page_to_end", &end);
	strbuf_puts(json, "}");
	json_measure(json, "open_record", &open);
	strbuf_puts(json, "}");
	strbuf_printf(json, ",\n  \"record_load_ms\": %.3f, \"record_load_p99_ms\": %.3f",
		      samples_quantile(&load.app, 0.5), samples_quantile(&load.app, 0.99));
	run_note_operations(b, json);
	struct measure *all[] = {&first, &filter, &resort, &down, &end, &open, &load};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		measure_free(all[i]);
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, &o);
	char dir[PATH_MAX] = "", path[PATH_MAX];
	bool made_dir = false, built = false;
	if (o.db) {
		str_copy(path, sizeof path, o.db);
	} else {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/caseload-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			fail("cannot make a temporary directory", strerror(errno));
		made_dir = true;
		snprintf(path, sizeof path, "%s/bench.db", dir);
	}
	struct strbuf json;
	strbuf_init(&json);
	struct build_result result = {0};
	if (file_bytes(path) == 0) {
		if (build(&o, path, &result) != 0)
			fail("building the demo database failed", path);
		built = true;
	}
	struct bench *b = xcalloc(1, sizeof *b);
	bench_open(b, path);
	size_t people = 0;
	store_people_count(b->app.store, &people);
	strbuf_printf(&json, "{\n  \"people\": %zu, \"seed\": %llu, \"sqlite\": \"%s\"", people,
		      (unsigned long long)o.seed, sqlite3_libversion());
	if (built)
		strbuf_printf(&json, ",\n  \"build_seconds\": %.3f, \"build_peak_rss_kb\": %ld",
			      result.seconds, result.rss_kb);
	else
		strbuf_puts(&json, ",\n  \"build_seconds\": null, \"reused_db\": true");
	strbuf_printf(&json, ",\n  \"db_bytes\": %lld", file_bytes(path));
	sqlite3_stmt *notes = bare_stmt(&b->bare, "SELECT count(*) FROM note");
	long long note_count = 0;
	if (sqlite3_step(notes) == SQLITE_ROW)
		note_count = sqlite3_column_int64(notes, 0);
	sqlite3_reset(notes);
	const char *method = "";
	long long fts_bytes = fts_index_bytes(b, &method);
	strbuf_printf(&json, ",\n  \"notes_count\": %lld", note_count);
	if (built && result.notes_seconds >= 0)
		strbuf_printf(&json, ", \"notes_per_person\": %zu, \"notes_build_seconds\": %.3f",
			      o.notes_per_person, result.notes_seconds);
	else
		strbuf_puts(&json, ", \"notes_build_seconds\": null");
	strbuf_printf(&json, ",\n  \"fts_index_bytes\": %lld, \"fts_index_bytes_from\": \"%s\"",
		      fts_bytes, method);
	run_operations(b, &json);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	strbuf_printf(&json, ",\n  \"peak_rss_kb\": %ld", ru.ru_maxrss);
	bench_review_figures(&b->app, b->bare.db, &json); /* writes: after the peak */
	bare_close(&b->bare);
	app_close(&b->app);
	free(b);
	first_frame(&o, path, &json);
	bench_form_figures(CASELOAD_SOURCE_FORMS_DIR, &json);
	strbuf_puts(&json, "\n}\n");
	fputs(json.buf, stdout);
	strbuf_clear(&json);
	if (o.keep)
		fprintf(stderr, "caseload-bench: kept %s\n", path);
	else if (built)
		remove_database(path, made_dir ? dir : NULL);
	else if (made_dir)
		rmdir(dir);
	return 0;
}
