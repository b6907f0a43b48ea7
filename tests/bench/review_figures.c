/* The benchmark's QA review figures (issue 7: "the review queue and team view with 50 staff
 * and a year of reviews < 20 ms"). Into the benchmark's database, after its people, it
 * writes a year of review work for a team of 50 (40 caseworkers, 8 leads, 2 interns: the
 * demo's own staff first, then added ones): each day about 35 forms submitted for review,
 * each opened to its author's reviewer (an intern's supervising caseworker, a caseworker's
 * lead; the shared queue for the 4 caseworkers without a lead and for the leads' own work),
 * those older than three days all decided (about 15% returned with comments, resubmitted,
 * then approved), about 30% with a QA checklist carrying its compliance score, and the
 * newest still waiting, some taken. Everything goes through the store, one transaction a
 * day, with the times the store writes ("YYYY-MM-DDTHH:MM:SS.ssZ", UTC).
 *
 * Then it times, through the program and bare on the benchmark's second connection (the
 * same SELECTs as src/store/reviewstore.c runs, nothing written): a lead's queue, the
 * queue of a caseworker who supervises the interns, and the team view (per author and per
 * QA criterion) over the last 90 days and over the year. The program's team view also
 * writes its audit row (a commit, fsynced); "store_ms" is the same two reads through the
 * store without it. */
#include "review_figures.h"

#include "bench_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "caseload/clock.h"
#include "caseload/formstore.h"
#include "caseload/review.h"
#include "caseload/reviewstore.h"
#include "caseload/rng.h"
#include "caseload/staff.h"

#define RF_CASEWORKERS 40
#define RF_LEADS 8
#define RF_INTERNS 2
#define RF_STAFF (RF_CASEWORKERS + RF_LEADS + RF_INTERNS)
#define RF_NO_LEAD 4 /* the last caseworkers: no lead, their work goes to the shared queue */
#define RF_DAYS 365
#define RF_DAY 86400
#define RF_HOUR 3600
#define RF_OPEN_DAYS 3 /* older than this: decided */
#define RF_QUEUE_CAP 200
#define RF_TEAM_CAP 100
#define RF_CRITERIA_CAP 64
#define RF_QA_FIELDS 8

/* ---- timing ---- */

struct rf_measure {
	struct samples app, bare, store, scan;
	size_t rows;
};

static void rf_measure_free(struct rf_measure *m)
{
	samples_free(&m->app);
	samples_free(&m->bare);
	samples_free(&m->store);
	samples_free(&m->scan);
	m->rows = 0;
}

static void rf_fail(const char *what, const char *detail)
{
	fprintf(stderr, "caseload-bench: review figures: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	exit(1);
}

/* ---- the bare floor ---- */

/* store_review_queue's, store_review_team's and store_review_criteria's SQL, as
 * src/store/reviewstore.c spells it (the team view's whole months from the tallies, the
 * edges of the period from the reviews; the split is made here in SQL, there in C). */
#define RF_REVIEW_COLUMNS                                                                          \
	"r.id, r.kind, r.object_id, r.person_id, p.last_name || CASE WHEN p.first_name <> '' "   \
	"THEN ', ' || p.first_name ELSE '' END, p.oid, r.author_id, a.display_name, "           \
	"CASE r.kind WHEN 'form' THEN (SELECT d.title || ' v' || d.version FROM form_response f " \
	"JOIN form_definition d ON d.id = f.definition_id WHERE f.id = r.object_id) "           \
	"WHEN 'case_plan' THEN (SELECT 'Case plan v' || c.version FROM case_plan c "             \
	"WHERE c.id = r.object_id) WHEN 'release_plan' THEN 'Release plan' "                     \
	"ELSE (SELECT 'Case note: ' || n.type FROM note n WHERE n.id = r.object_id) END, "      \
	"r.reason, r.state, r.round, ifnull(r.assigned_to, 0), ifnull(g.display_name, ''), "    \
	"r.submitted_at, r.due_on, ifnull(r.decided_at, ''), ifnull(r.decided_by, 0), "         \
	"ifnull(r.checklist_id, 0), ifnull(r.sample_id, 0)"
#define RF_REVIEW_FROM                                                                             \
	" FROM review r JOIN person p ON p.id = r.person_id JOIN staff a ON a.id = r.author_id " \
	"LEFT JOIN staff g ON g.id = r.assigned_to"
#define RF_COUNT_IF(cond) "count(CASE WHEN " cond " THEN 1 END)"
#define RF_PERIOD_FROM                                                                             \
	" FROM review r LEFT JOIN form_response c ON c.id = r.checklist_id "                     \
	"AND c.state <> 'draft'"
#define RF_IN_PERIOD " r.opened_at >= :from AND r.opened_at < :to"

static const char rf_queue_sql[] =
	"SELECT " RF_REVIEW_COLUMNS RF_REVIEW_FROM " WHERE r.state IN ('submitted', "
	"'in_review') AND (r.assigned_to = :reviewer OR (:shared = 1 AND "
	"r.assigned_to IS NULL)) AND r.author_id <> :reviewer "
	"AND (:author IS NULL OR r.author_id = :author) "
	"AND (:kind IS NULL OR r.kind = :kind) "
	"AND (r.submitted_at > :after_at OR (r.submitted_at = :after_at "
	"AND r.id > :after_id)) ORDER BY r.submitted_at, r.id LIMIT :cap";

/* The period split: whole months [full_from, full_to), the rest at its edges. */
#define RF_SPLIT                                                                                   \
	"p0 AS (SELECT CASE WHEN substr(:from, 9, 2) = '01' THEN :from "                         \
	"ELSE date(:from, 'start of month', '+1 month') END AS ff, "                             \
	"date(:to, 'start of month') AS ft), "                                                   \
	"p AS (SELECT CASE WHEN ff < ft THEN ff ELSE :to END AS full_from, "                     \
	"CASE WHEN ff < ft THEN ft ELSE :to END AS full_to FROM p0)"
#define RF_FULL " month >= substr(p.full_from, 1, 7) AND month < substr(p.full_to, 1, 7)"
#define RF_EDGES                                                                                   \
	" ((r.opened_at >= :from AND r.opened_at < p.full_from) "                                \
	"OR (r.opened_at >= p.full_to AND r.opened_at < :to))"
#define RF_CHECKLISTS                                                                              \
	" JOIN form_response c ON c.id = r.checklist_id AND c.state <> 'draft'"

static const char rf_team_sql[] =
	"WITH " RF_SPLIT ", parts (author, n, first, returned, decided, days, scored, compliance) "
	"AS (SELECT author_id, submitted, approved_first, returned, decided, "
	"decision_ms / 86400000.0, scored, compliance FROM review_tally, p WHERE" RF_FULL " "
	"UNION ALL SELECT r.author_id, 1, r.state = 'approved' AND r.round = 1, "
	"r.state = 'returned' OR r.round > 1, r.decided_at IS NOT NULL, "
	"ifnull(julianday(r.decided_at) - julianday(r.opened_at), 0), 0, 0 "
	"FROM review r, p WHERE" RF_EDGES " "
	"UNION ALL SELECT r.author_id, 0, 0, 0, 0, 0, 1, sc.value FROM p, review r" RF_CHECKLISTS
	" JOIN form_score sc ON sc.response_id = c.id AND sc.score = 'compliance' "
	"AND sc.value IS NOT NULL WHERE" RF_EDGES "), "
	"t AS (SELECT author, sum(n) AS n, sum(first) AS first, sum(returned) AS returned, "
	"sum(decided) AS decided, sum(days) AS days, sum(scored) AS scored, "
	"sum(compliance) AS compliance FROM parts GROUP BY author HAVING sum(n) > 0) "
	"SELECT s.id, s.display_name, s.role, t.n, t.first, t.returned, t.decided, "
	"CASE WHEN t.decided > 0 THEN t.days / t.decided ELSE 0 END, t.scored, "
	"CASE WHEN t.scored > 0 THEN t.compliance / t.scored ELSE 0 END "
	"FROM t JOIN staff s ON s.id = t.author ORDER BY s.display_name, s.id LIMIT :cap";

static const char rf_criteria_sql[] =
	"WITH " RF_SPLIT ", parts (field, rated, not_met, partial) AS (SELECT field, rated, "
	"not_met, partial FROM review_criterion_tally, p WHERE" RF_FULL " "
	"UNION ALL SELECT a.field, a.value IN ('met', 'partial', 'not_met'), "
	"a.value = 'not_met', a.value = 'partial' FROM p, review r" RF_CHECKLISTS
	" JOIN form_answer a ON a.response_id = c.id AND a.field >= 'qa_' "
	"AND a.field < 'qa`' WHERE" RF_EDGES ") "
	"SELECT field, sum(rated), sum(not_met), sum(partial) FROM parts "
	"GROUP BY field ORDER BY field LIMIT :cap";

/* The same computed from every review of the period (before schema 12 kept tallies): what
 * the tallies save. */
static const char rf_scan_team_sql[] =
	"WITH t AS (SELECT r.author_id AS author, count(*) AS n, "
	RF_COUNT_IF("r.state = 'approved' AND r.round = 1") " AS first, "
	RF_COUNT_IF("r.state = 'returned' OR r.round > 1") " AS returned, "
	"count(r.decided_at) AS decided, "
	"avg(julianday(r.decided_at) - julianday(r.opened_at)) AS days "
	"FROM review r WHERE" RF_IN_PERIOD " GROUP BY r.author_id), "
	"q AS (SELECT r.author_id AS author, count(sc.value) AS scored, "
	"avg(sc.value) AS compliance FROM review r "
	"JOIN form_response c ON c.id = r.checklist_id AND c.state <> 'draft' "
	"JOIN form_score sc ON sc.response_id = c.id AND sc.score = 'compliance' "
	"WHERE" RF_IN_PERIOD " AND r.checklist_id IS NOT NULL GROUP BY r.author_id) "
	"SELECT s.id, s.display_name, s.role, t.n, t.first, t.returned, t.decided, "
	"ifnull(t.days, 0), ifnull(q.scored, 0), ifnull(q.compliance, 0) "
	"FROM t JOIN staff s ON s.id = t.author LEFT JOIN q ON q.author = t.author "
	"ORDER BY s.display_name, s.id LIMIT :cap";

static const char rf_scan_criteria_sql[] =
	"SELECT a.field, " RF_COUNT_IF("a.value IN ('met', 'partial', 'not_met')") ", "
	RF_COUNT_IF("a.value = 'not_met'") ", " RF_COUNT_IF("a.value = 'partial'")
	RF_PERIOD_FROM " JOIN form_answer a ON a.response_id = c.id "
	"AND a.field >= 'qa_' AND a.field < 'qa`' "
	"WHERE" RF_IN_PERIOD " AND r.checklist_id IS NOT NULL "
	"GROUP BY a.field ORDER BY a.field LIMIT :cap";

struct rf_bare {
	sqlite3 *db;
	sqlite3_stmt *queue, *team, *criteria, *scan_team, *scan_criteria;
	size_t checksum; /* bytes read, so nothing is optimised away */
};

static sqlite3_stmt *rf_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
		rf_fail(sqlite3_errmsg(db), sql);
	return stmt;
}

static void rf_bind_int(sqlite3_stmt *stmt, const char *name, int64_t value)
{
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, name), value);
}

static void rf_bind_text(sqlite3_stmt *stmt, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(stmt, name);
	if (value)
		sqlite3_bind_text(stmt, i, value, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, i);
}

/* Steps to the end reading every column by its type, as the program copies them out. */
static size_t rf_run(struct rf_bare *b, sqlite3_stmt *stmt)
{
	size_t rows = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			int type = sqlite3_column_type(stmt, c);
			if (type == SQLITE_INTEGER) {
				b->checksum += (size_t)sqlite3_column_int64(stmt, c);
			} else if (type == SQLITE_FLOAT) {
				b->checksum += (size_t)sqlite3_column_double(stmt, c);
			} else {
				sqlite3_column_text(stmt, c);
				b->checksum += (size_t)sqlite3_column_bytes(stmt, c);
			}
		}
		rows++;
	}
	if (rc != SQLITE_DONE)
		rf_fail("bare query", sqlite3_errmsg(b->db));
	sqlite3_reset(stmt);
	return rows;
}

static size_t rf_bare_queue(struct rf_bare *b, int64_t reviewer, bool shared)
{
	sqlite3_stmt *s = b->queue;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	rf_bind_int(s, ":reviewer", reviewer);
	rf_bind_int(s, ":shared", shared ? 1 : 0);
	rf_bind_text(s, ":author", NULL);
	rf_bind_text(s, ":kind", NULL);
	rf_bind_text(s, ":after_at", "");
	rf_bind_int(s, ":after_id", 0);
	rf_bind_int(s, ":cap", RF_QUEUE_CAP);
	return rf_run(b, s);
}

/* The team view's two statements (tallied, or scanned when scan), bare; the authors found. */
static size_t rf_bare_team(struct rf_bare *b, const char *from, const char *to, bool scan)
{
	sqlite3_stmt *s = scan ? b->scan_team : b->team;
	sqlite3_reset(s);
	rf_bind_text(s, ":from", from);
	rf_bind_text(s, ":to", to);
	rf_bind_int(s, ":cap", RF_TEAM_CAP);
	size_t rows = rf_run(b, s);
	s = scan ? b->scan_criteria : b->criteria;
	sqlite3_reset(s);
	rf_bind_text(s, ":from", from);
	rf_bind_text(s, ":to", to);
	rf_bind_int(s, ":cap", RF_CRITERIA_CAP);
	rf_run(b, s);
	return rows;
}

/* ---- the team and its year of work ---- */

struct rf_team {
	struct staff workers[RF_CASEWORKERS], leads[RF_LEADS], interns[RF_INTERNS];
};

struct rf_gen {
	struct app *app;
	struct store *store;
	struct rng rng;
	struct rf_team *team;
	int64_t *people;
	size_t people_count;
	int64_t item_def, qa_def;
	time_t now;
	size_t reviews, returned, checklists, open;
};

static void rf_check(struct store *store, enum cl_status st, const char *what)
{
	if (st != CL_OK) {
		store_rollback(store);
		rf_fail(what, store_last_error(store));
	}
}

/* The first `want` active staff of a role (by display name), adding "bench.<role>.N" for
 * the missing ones. */
static void rf_role(struct store *store, const char *role, const char *title,
		    struct staff *out, size_t want, const char *at)
{
	struct staff *list = NULL;
	size_t n = 0;
	rf_check(store, store_staff_list(store, role, &list, &n), "store_staff_list");
	size_t have = n < want ? n : want;
	if (have)
		memcpy(out, list, have * sizeof *out);
	free(list);
	for (size_t i = have; i < want; i++) {
		char user[64], display[80];
		snprintf(user, sizeof user, "bench.%s.%zu", role, i + 1);
		snprintf(display, sizeof display, "Bench %s %zu", title, i + 1);
		int64_t id = 0;
		rf_check(store, store_staff_add(store, user, display, role, at, &id),
			 "store_staff_add");
		rf_check(store, store_staff_by_id(store, id, &out[i]), "store_staff_by_id");
	}
}

static const char rf_item_source[] =
	"caseform: 1\n"
	"id: bench_review\n"
	"version: 1\n"
	"title: Bench reviewed screen\n"
	"status: active\n"
	"workflow: {complete: [caseworker, lead, intern], review: required}\n"
	"sections:\n"
	"  - id: one\n"
	"    title: One\n"
	"    fields:\n"
	"      - {id: level, type: select_one, label: Level, required: true,\n"
	"         choices: [{value: low, label: Low}, {value: high, label: High}]}\n"
	"      - {id: evidence, type: text, label: Evidence}\n";

static const char *const rf_qa_fields[RF_QA_FIELDS] = {
	"qa_timeliness", "qa_completeness", "qa_fidelity",      "qa_rnr",
	"qa_smart",      "qa_signatures",   "qa_victim_safety", "qa_privacy",
};

static const char rf_qa_source[] =
	"caseform: 1\n"
	"id: bench_qa\n"
	"version: 1\n"
	"title: Bench QA checklist\n"
	"status: active\n"
	"workflow: {complete: [lead, caseworker], review: off}\n"
	"choices:\n"
	"  r:\n"
	"    - {value: met, label: Met, score: 2}\n"
	"    - {value: partial, label: Partial, score: 1}\n"
	"    - {value: not_met, label: Not met, score: 0}\n"
	"    - {value: na, label: N/A, missing: true}\n"
	"sections:\n"
	"  - id: standards\n"
	"    title: Standards\n"
	"    fields:\n"
	"      - id: standards\n"
	"        type: likert\n"
	"        label: Rate each standard\n"
	"        choices: r\n"
	"        rows:\n"
	"          - {id: qa_timeliness, label: Timeliness}\n"
	"          - {id: qa_completeness, label: Completeness}\n"
	"          - {id: qa_fidelity, label: Fidelity}\n"
	"          - {id: qa_rnr, label: RNR}\n"
	"          - {id: qa_smart, label: SMART}\n"
	"          - {id: qa_signatures, label: Signatures}\n"
	"          - {id: qa_victim_safety, label: Victim safety}\n"
	"          - {id: qa_privacy, label: Privacy}\n"
	"scores:\n"
	"  - {id: qa_points, items: [qa_timeliness, qa_completeness, qa_fidelity, qa_rnr,\n"
	"                            qa_smart, qa_signatures, qa_victim_safety, qa_privacy]}\n"
	"  - id: compliance\n"
	"    expr: >-\n"
	"      round(100 * $qa_points / (2 * (8 - count_missing($qa_timeliness,\n"
	"      $qa_completeness, $qa_fidelity, $qa_rnr, $qa_smart, $qa_signatures,\n"
	"      $qa_victim_safety, $qa_privacy))), 1)\n";

/* Synthetic definitions: the store checks only that the hash is 64 lower-case hex. */
static int64_t rf_register(struct store *store, const char *form_id, const char *title,
			   const char *source, const char *hash, const char *at, bool *existed)
{
	struct form_registration reg = {
		.form_id = form_id,
		.version = 1,
		.hash = hash,
		.title = title,
		.status = FORM_DEF_ACTIVE,
		.source = source,
		.source_path = "",
	};
	int64_t id = 0;
	enum form_register_outcome outcome = FORM_REGISTER_NEW;
	rf_check(store, store_form_register(store, &reg, at, &id, &outcome, NULL),
		 "store_form_register");
	*existed = outcome == FORM_REGISTER_SAME;
	return id;
}

/* The team: roles, leads and supervisors, and the two definitions. True when an earlier
 * run wrote the year of work already (the definitions were there): its leads and
 * supervisors are then left as they are. */
static bool rf_setup(struct rf_gen *g)
{
	struct store *store = g->store;
	struct rf_team *t = g->team;
	char at[32];
	clock_format(g->now - RF_DAYS * RF_DAY - RF_DAY, at);
	rf_check(store, store_begin(store), "store_begin");
	bool item_existed, qa_existed;
	g->item_def = rf_register(store, "bench_review", "Bench reviewed screen", rf_item_source,
				  "be0c4e01be0c4e01be0c4e01be0c4e01be0c4e01be0c4e01be0c4e01be0c4e01",
				  at, &item_existed);
	g->qa_def = rf_register(store, "bench_qa", "Bench QA checklist", rf_qa_source,
				"be0c4e02be0c4e02be0c4e02be0c4e02be0c4e02be0c4e02be0c4e02be0c4e02",
				at, &qa_existed);
	bool written = item_existed && qa_existed;
	rf_role(store, "caseworker", "Caseworker", t->workers, RF_CASEWORKERS, at);
	rf_role(store, "lead", "Lead", t->leads, RF_LEADS, at);
	rf_role(store, "intern", "Intern", t->interns, RF_INTERNS, at);
	for (size_t i = 0; !written && i < RF_CASEWORKERS; i++) {
		int64_t lead = i < RF_CASEWORKERS - RF_NO_LEAD ? t->leads[i % RF_LEADS].id : 0;
		rf_check(store, store_staff_set_lead(store, t->workers[i].id, lead),
			 "store_staff_set_lead");
	}
	for (size_t i = 0; !written && i < RF_LEADS; i++)
		rf_check(store, store_staff_set_lead(store, t->leads[i].id, 0),
			 "store_staff_set_lead");
	for (size_t i = 0; !written && i < RF_INTERNS; i++)
		rf_check(store,
			 store_staff_set_supervisor(store, t->interns[i].id, t->workers[0].id),
			 "store_staff_set_supervisor");
	rf_check(store, store_commit(store), "store_commit");
	/* as they now are (leads, supervisors) */
	struct staff *all[] = {t->workers, t->leads, t->interns};
	size_t counts[] = {RF_CASEWORKERS, RF_LEADS, RF_INTERNS};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < counts[k]; i++)
			rf_check(store, store_staff_by_id(store, all[k][i].id, &all[k][i]),
				 "store_staff_by_id");
	return written;
}

static const struct staff *rf_staff(const struct rf_gen *g, int64_t id)
{
	const struct rf_team *t = g->team;
	for (size_t i = 0; i < RF_CASEWORKERS; i++)
		if (t->workers[i].id == id)
			return &t->workers[i];
	for (size_t i = 0; i < RF_LEADS; i++)
		if (t->leads[i].id == id)
			return &t->leads[i];
	for (size_t i = 0; i < RF_INTERNS; i++)
		if (t->interns[i].id == id)
			return &t->interns[i];
	rf_fail("a reviewer outside the team", NULL);
	return NULL;
}

/* As the store writes times, with some hundredths. */
static void rf_at(struct rf_gen *g, time_t t, char at[32])
{
	clock_format(t, at);
	int cs = (int)rng_below(&g->rng, 100);
	at[20] = (char)('0' + cs / 10);
	at[21] = (char)('0' + cs % 10);
}

static int64_t rf_other_lead(struct rf_gen *g, int64_t author)
{
	for (;;) {
		int64_t id = g->team->leads[rng_below(&g->rng, RF_LEADS)].id;
		if (id != author)
			return id;
	}
}

/* A QA checklist by the reviewer: eight ratings, the compliance they give, finalized and
 * linked to the review. */
static void rf_checklist(struct rf_gen *g, int64_t person, const struct staff *reviewer,
			 int64_t review_id, time_t t)
{
	struct store *store = g->store;
	char at[32];
	struct form_response qa = {0};
	qa.person_id = person;
	qa.definition_id = g->qa_def;
	qa.author_id = reviewer->id;
	str_copy(qa.author_name, sizeof qa.author_name, reviewer->display_name);
	qa.due_on = DATE_NONE;
	rf_at(g, t - 20 * 60, at);
	rf_check(store, store_form_response_insert(store, &qa, at), "checklist insert");
	int64_t rev = qa.revision;
	int points = 0, rated = 0;
	for (size_t i = 0; i < RF_QA_FIELDS; i++) {
		uint32_t r = rng_below(&g->rng, 100);
		const char *value = r < 74 ? "met" : r < 89 ? "partial" : r < 95 ? "not_met" : "na";
		points += r < 74 ? 2 : r < 89 ? 1 : 0;
		rated += r < 95;
		rf_check(store,
			 store_form_answer_save(store, qa.id, &rev, rf_qa_fields[i], 0, value,
						NOTE_OPEN, at),
			 "checklist answer");
	}
	struct form_score sc = {.band_set = -1};
	str_copy(sc.score, sizeof sc.score, "compliance");
	sc.has_value = rated > 0;
	sc.value = rated ? (double)(int)(1000.0 * points / (2.0 * rated) + 0.5) / 10.0 : 0;
	rf_check(store, store_form_scores_save(store, qa.id, &rev, &sc, 1, at), "checklist score");
	char summary[64];
	snprintf(summary, sizeof summary, "Compliance %.1f%%", sc.value);
	rf_at(g, t - 60, at);
	rf_check(store,
		 store_form_response_move(store, qa.id, &rev, FORM_FINAL, reviewer->id, summary,
					  at),
		 "checklist finalize");
	rf_check(store, store_review_set_checklist(store, review_id, qa.id), "set checklist");
	g->checklists++;
}

/* The reviewer decides (the review and the form), with a checklist the first time for some. */
static void rf_decide(struct rf_gen *g, int64_t review_id, int64_t response, int64_t *rev,
		      int64_t person, int64_t reviewer, enum review_state to, bool checklist,
		      time_t t)
{
	struct store *store = g->store;
	if (checklist)
		rf_checklist(g, person, rf_staff(g, reviewer), review_id, t);
	char at[32];
	rf_at(g, t, at);
	const char *note = to == REVIEW_RETURNED ? "See the comments: evidence for the level." : "";
	rf_check(store, store_review_decide(store, review_id, to, reviewer, note, at),
		 "store_review_decide");
	rf_check(store,
		 store_form_response_move(store, response, rev,
					  to == REVIEW_RETURNED ? FORM_RETURNED : FORM_APPROVED,
					  reviewer, note, at),
		 "form review move");
}

static void rf_wait(struct rf_gen *g, int64_t review_id, int64_t reviewer, time_t sub)
{
	time_t taken = sub + rng_range(&g->rng, 600, 2 * RF_HOUR);
	if (taken < g->now && rng_chance(&g->rng, 30)) {
		char at[32];
		rf_at(g, taken, at);
		rf_check(g->store, store_review_take(g->store, review_id, reviewer, at),
			 "store_review_take");
	}
	g->open++;
}

/* One item submitted at `sub`, and what became of it by now. */
static void rf_item(struct rf_gen *g, time_t sub)
{
	struct store *store = g->store;
	struct rf_team *t = g->team;
	const struct staff *author;
	int64_t assignee;
	uint32_t who = rng_below(&g->rng, 100);
	if (who < 4) {
		author = &t->leads[rng_below(&g->rng, RF_LEADS)];
		assignee = 0;
	} else if (who < 9) {
		author = &t->interns[rng_below(&g->rng, RF_INTERNS)];
		assignee = author->supervisor_id;
	} else {
		author = &t->workers[rng_below(&g->rng, RF_CASEWORKERS)];
		assignee = author->lead_id;
	}
	int64_t person = g->people[rng_below(&g->rng, (uint32_t)g->people_count)];
	char at[32];
	struct form_response resp = {0};
	resp.person_id = person;
	resp.definition_id = g->item_def;
	resp.author_id = author->id;
	str_copy(resp.author_name, sizeof resp.author_name, author->display_name);
	resp.due_on = DATE_NONE;
	rf_at(g, sub - rng_range(&g->rng, 300, 2 * RF_HOUR), at);
	rf_check(store, store_form_response_insert(store, &resp, at), "form insert");
	int64_t rev = resp.revision;
	bool high = rng_chance(&g->rng, 30);
	rf_check(store,
		 store_form_answer_save(store, resp.id, &rev, "level", 0, high ? "high" : "low",
					NOTE_OPEN, at),
		 "form answer");
	rf_check(store,
		 store_form_answer_save(store, resp.id, &rev, "evidence", 0,
					"Prior record, employment and housing reviewed with the "
					"resident; supporting documents on file.",
					NOTE_OPEN, at),
		 "form answer");
	rf_at(g, sub, at);
	rf_check(store,
		 store_form_response_move(store, resp.id, &rev, FORM_PENDING_REVIEW, author->id,
					  high ? "Level high" : "Level low", at),
		 "form submit");
	struct review r = {0};
	r.kind = REVIEW_FORM;
	r.object_id = resp.id;
	r.person_id = person;
	r.author_id = author->id;
	r.reason = REVIEW_REQUIRED;
	r.assigned_to = assignee;
	r.due_on = DATE_NONE;
	rf_check(store, store_review_open(store, &r, author->id, at), "store_review_open");
	rf_check(store, store_review_snapshot(store, &r), "store_review_snapshot");
	g->reviews++;

	int64_t reviewer = assignee ? assignee : rf_other_lead(g, author->id);
	bool old = g->now - sub > RF_OPEN_DAYS * RF_DAY;
	bool checklist = rng_chance(&g->rng, 30);
	if (!rng_chance(&g->rng, 15)) {
		time_t t1 = sub + rng_range(&g->rng, RF_HOUR, 60 * RF_HOUR);
		if (!old && t1 >= g->now)
			rf_wait(g, r.id, reviewer, sub);
		else
			rf_decide(g, r.id, resp.id, &rev, person, reviewer, REVIEW_APPROVED,
				  checklist, t1);
		return;
	}
	/* returned with comments, resubmitted as it was, approved */
	time_t t1 = sub + rng_range(&g->rng, RF_HOUR, 24 * RF_HOUR);
	if (!old && t1 >= g->now) {
		rf_wait(g, r.id, reviewer, sub);
		return;
	}
	rf_decide(g, r.id, resp.id, &rev, person, reviewer, REVIEW_RETURNED, checklist, t1);
	g->returned++;
	rf_at(g, t1 - 120, at);
	int64_t comment;
	rf_check(store,
		 store_review_comment_add(store, r.id, 1, "evidence",
					  "Which documents? Name them and their dates.", reviewer,
					  at, &comment),
		 "store_review_comment_add");
	if (rng_chance(&g->rng, 50))
		rf_check(store,
			 store_review_comment_add(store, r.id, 1, "level",
						  "The level does not follow from the evidence "
						  "given: check the override rules.",
						  reviewer, at, &comment),
			 "store_review_comment_add");
	time_t t2 = t1 + rng_range(&g->rng, RF_HOUR, 20 * RF_HOUR);
	if (!old && t2 >= g->now)
		return; /* waiting on its author */
	rf_at(g, t2, at);
	rf_check(store,
		 store_form_response_move(store, resp.id, &rev, FORM_PENDING_REVIEW, author->id,
					  NULL, at),
		 "form resubmit");
	rf_check(store, store_review_resubmit(store, r.id, 0, 0, DATE_NONE, author->id, at),
		 "store_review_resubmit");
	r.round = 2;
	rf_check(store, store_review_snapshot(store, &r), "store_review_snapshot");
	time_t t3 = t2 + rng_range(&g->rng, RF_HOUR, 24 * RF_HOUR);
	if (!old && t3 >= g->now) {
		rf_wait(g, r.id, reviewer, t2);
		return;
	}
	rf_decide(g, r.id, resp.id, &rev, person, reviewer, REVIEW_APPROVED, false, t3);
}

static void rf_people(struct rf_gen *g, sqlite3 *bare)
{
	sqlite3_stmt *stmt = rf_prepare(bare, "SELECT id FROM person ORDER BY id");
	size_t cap = 1024;
	g->people = xmalloc(cap * sizeof *g->people);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (g->people_count == cap)
			g->people = xrealloc(g->people, (cap *= 2) * sizeof *g->people);
		g->people[g->people_count++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (!g->people_count)
		rf_fail("the database holds no people", NULL);
}

/* A year of work, a transaction a day, oldest first. */
static void rf_populate(struct rf_gen *g)
{
	bool show = isatty(STDERR_FILENO);
	time_t today = g->now / RF_DAY * RF_DAY;
	for (int k = RF_DAYS - 1; k >= 0; k--) {
		time_t day = today - (time_t)k * RF_DAY;
		int items = rng_range(&g->rng, 28, 42);
		/* submitted over the working day (13:00-23:00 UTC), in order */
		time_t *times = xmalloc((size_t)items * sizeof *times);
		for (int i = 0; i < items; i++) {
			times[i] = day + rng_range(&g->rng, 13 * RF_HOUR, 23 * RF_HOUR - 1);
			if (times[i] >= g->now) /* today: before now */
				times[i] = g->now - rng_range(&g->rng, 60, 6 * RF_HOUR);
		}
		for (int i = 1; i < items; i++) /* insertion sort: a few dozen */
			for (int j = i; j > 0 && times[j - 1] > times[j]; j--) {
				time_t x = times[j];
				times[j] = times[j - 1];
				times[j - 1] = x;
			}
		rf_check(g->store, store_begin(g->store), "store_begin");
		for (int i = 0; i < items; i++)
			rf_item(g, times[i]);
		rf_check(g->store, store_commit(g->store), "store_commit");
		free(times);
		if (show) {
			int done = RF_DAYS - k;
			fprintf(stderr, "\rcaseload-bench: writing reviews %d / %d days (%d%%)", done,
				RF_DAYS, done * 100 / RF_DAYS);
			if (done == RF_DAYS)
				fputc('\n', stderr);
			fflush(stderr);
		}
	}
}

/* ---- the figures ---- */

static void rf_queue(struct app *app, struct rf_bare *b, const struct staff *who,
		     struct rf_measure *m, int rounds)
{
	struct review *out = xcalloc(RF_QUEUE_CAP, sizeof *out);
	app->me = *who;
	bool shared = !strcmp(who->role, "lead");
	for (int i = -1; i < rounds; i++) { /* round -1 warms the caches up */
		size_t n = 0;
		double t0 = bench_now_ms();
		enum cl_status st = app_review_queue(app, 0, -1, out, RF_QUEUE_CAP, &n);
		double t1 = bench_now_ms();
		if (st != CL_OK)
			rf_fail("app_review_queue", cl_status_text(st));
		size_t rows = rf_bare_queue(b, who->id, shared);
		double t2 = bench_now_ms();
		if (rows != n)
			rf_fail("the bare queue found another number of reviews", who->username);
		if (i < 0)
			continue;
		samples_add(&m->app, t1 - t0);
		samples_add(&m->bare, t2 - t1);
		m->rows = n;
	}
	free(out);
}

static void rf_team_view(struct app *app, struct rf_bare *b, const struct staff *lead,
			 const char *from, const char *to, struct rf_measure *m, int rounds)
{
	struct review_team_row *rows = xcalloc(RF_TEAM_CAP, sizeof *rows);
	struct review_criterion_row *crit = xcalloc(RF_CRITERIA_CAP, sizeof *crit);
	char msg[APP_REVIEW_MESSAGE_SIZE];
	app->me = *lead;
	for (int i = -1; i < rounds; i++) {
		size_t n = 0, nc = 0;
		double t0 = bench_now_ms();
		enum cl_status st = app_review_team(app, from, to, rows, RF_TEAM_CAP, &n, crit,
						    RF_CRITERIA_CAP, &nc, msg, sizeof msg);
		double t1 = bench_now_ms();
		if (st != CL_OK)
			rf_fail("app_review_team", msg[0] ? msg : cl_status_text(st));
		size_t bare_rows = rf_bare_team(b, from, to, false);
		double t2 = bench_now_ms();
		st = store_review_team(app->store, from, to, rows, RF_TEAM_CAP, &n);
		if (st == CL_OK)
			st = store_review_criteria(app->store, from, to, crit, RF_CRITERIA_CAP, &nc);
		double t3 = bench_now_ms();
		size_t scan_rows = rf_bare_team(b, from, to, true);
		double t4 = bench_now_ms();
		if (st != CL_OK)
			rf_fail("store_review_team", store_last_error(app->store));
		if (bare_rows != n || scan_rows != n)
			rf_fail("the bare team view found another number of authors", from);
		if (i < 0)
			continue;
		samples_add(&m->app, t1 - t0);
		samples_add(&m->bare, t2 - t1);
		samples_add(&m->store, t3 - t2);
		samples_add(&m->scan, t4 - t3);
		m->rows = n;
	}
	free(rows);
	free(crit);
}

static void rf_json(struct strbuf *out, const char *name, const struct rf_measure *m,
		    long long reviews)
{
	double p50 = samples_quantile(&m->app, 0.5), bare = samples_quantile(&m->bare, 0.5);
	strbuf_printf(out, ",\n  \"%s\": {\"ms\": %.3f, \"p99_ms\": %.3f", name, p50,
		      samples_quantile(&m->app, 0.99));
	if (m->store.n)
		strbuf_printf(out, ", \"store_ms\": %.3f", samples_quantile(&m->store, 0.5));
	if (m->scan.n) /* the same from every review of the period, without the tallies */
		strbuf_printf(out, ", \"scan_ms\": %.3f", samples_quantile(&m->scan, 0.5));
	strbuf_printf(out, ", \"bare_ms\": %.3f, \"ratio\": %.2f, \"samples\": %zu, \"rows\": %zu, "
			   "\"reviews\": %lld, \"staff\": %d, \"target_ms\": 20}",
		      bare, bare > 0 ? p50 / bare : 0.0, m->app.n, m->rows, reviews, RF_STAFF);
}

static long long rf_count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = rf_prepare(db, sql);
	long long n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return n;
}

/* A year of reviews written a moment ago sits in the write-ahead log, which every read then
 * searches; a working database is checkpointed as it goes (SQLite does it every 1,000
 * pages), so the figures are taken after one, as the program would see the file. */
static void rf_checkpoint(sqlite3 *bare)
{
	sqlite3 *rw = NULL;
	if (sqlite3_open_v2(sqlite3_db_filename(bare, "main"), &rw, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK) {
		sqlite3_busy_timeout(rw, 5000);
		sqlite3_exec(rw, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	}
	sqlite3_close(rw);
}

void bench_review_figures(struct app *app, sqlite3 *bare, struct strbuf *json)
{
	struct staff me = app->me;
	struct rf_team *team = xcalloc(1, sizeof *team);
	struct rf_gen g = {.app = app, .store = app->store, .team = team};
	g.now = clock_now(&app->clock);
	rng_seed(&g.rng, 7);
	double t0 = bench_now_ms();
	bool written = rf_setup(&g);
	if (!written) {
		rf_people(&g, bare);
		rf_populate(&g);
		rf_checkpoint(bare);
	}
	double build = (bench_now_ms() - t0) / 1e3;
	free(g.people);

	struct rf_bare b = {.db = bare};
	b.queue = rf_prepare(bare, rf_queue_sql);
	b.team = rf_prepare(bare, rf_team_sql);
	b.criteria = rf_prepare(bare, rf_criteria_sql);
	b.scan_team = rf_prepare(bare, rf_scan_team_sql);
	b.scan_criteria = rf_prepare(bare, rf_scan_criteria_sql);
	long long reviews = rf_count(bare, "SELECT count(*) FROM review");
	long long waiting =
		rf_count(bare, "SELECT count(*) FROM review WHERE state IN ('submitted', 'in_review')");
	if (written)
		strbuf_puts(json, ",\n  \"review_build_seconds\": null, \"review_reused\": true");
	else
		strbuf_printf(json,
			      ",\n  \"review_build_seconds\": %.3f, \"review_returned\": %zu, "
			      "\"review_checklists\": %zu",
			      build, g.returned, g.checklists);
	strbuf_printf(json, ", \"review_waiting\": %lld", waiting);

	/* a lead, and the caseworker who supervises the interns (as an earlier run set them) */
	const struct staff *lead = &team->leads[0];
	struct staff supervisor_row;
	if (store_staff_by_id(app->store, team->interns[0].supervisor_id, &supervisor_row) !=
	    CL_OK)
		rf_fail("no caseworker supervises the interns", NULL);
	const struct staff *supervisor = &supervisor_row;
	date_t today = clock_today(&app->clock);
	char from90[DATE_TEXT_SIZE], from365[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	date_format(today - 90, from90);
	date_format(today - RF_DAYS, from365);
	date_format(today + 1, to);

	struct rf_measure queue = {0}, sup = {0}, team90 = {0}, year = {0};
	rf_queue(app, &b, lead, &queue, 200);
	rf_queue(app, &b, supervisor, &sup, 200);
	rf_team_view(app, &b, lead, from90, to, &team90, 100);
	rf_team_view(app, &b, lead, from365, to, &year, 50);
	rf_json(json, "review_queue", &queue, reviews);
	rf_json(json, "review_queue_supervisor", &sup, reviews);
	rf_json(json, "review_team", &team90, reviews);
	rf_json(json, "review_team_year", &year, reviews);
	rf_measure_free(&queue);
	rf_measure_free(&sup);
	rf_measure_free(&team90);
	rf_measure_free(&year);
	sqlite3_finalize(b.queue);
	sqlite3_finalize(b.team);
	sqlite3_finalize(b.scan_team);
	sqlite3_finalize(b.scan_criteria);
	sqlite3_finalize(b.criteria);
	free(team);
	app->me = me;
}
