/* Case notes in the store: drafts and their stale writes, finalizing and co-signing, what the
 * schema refuses (a final note never changes, nothing is deleted), amendments, who sees which
 * note on every read path, the timeline's order and paging, and full-text search: the query
 * builder, ranking within the newest matches, filters, snippets and long bodies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "caseload/notes.h"
#include "caseload/person_detail.h"
#include "caseload/staff.h"
#include "caseload/store.h"
#include "caseload/strbuf.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"

static struct fx_app fx;
static struct store *st;
static int64_t pid, pid2;             /* two people */
static int64_t casey, otto, ina, sam; /* caseworker, caseworker, intern (of casey), supervisor */

static void setup(void)
{
	fx_app_open(&fx, NOW);
	st = fx.app.store;
	casey = fx.staff_id;
	struct person p;
	fx_person_init(&p, "300001", "Nguyễn", "An");
	pid = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	fx_person_init(&p, "300002", "Okafor", "Bea");
	pid2 = fx_person_insert(&fx.app, &p, NULL, NULL, 0);
	otto = fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	ina = fx_staff_add(&fx.app, "ina", "Ina Intern", "intern");
	sam = fx_staff_add(&fx.app, "sam", "Sam Supervisor", "lead");
	ck_assert_int_eq(store_begin(st), CL_OK);
	ck_assert_int_eq(store_staff_set_supervisor(st, ina, casey), CL_OK);
	ck_assert_int_eq(store_commit(st), CL_OK);
}

static void teardown(void)
{
	fx_app_close(&fx);
}

static struct note_reader as(int64_t staff_id, unsigned grants)
{
	struct note_reader r = {staff_id, grants};
	return r;
}

static const char *staff_name(int64_t id)
{
	return id == casey ? "Casey Caseworker"
	       : id == otto ? "Otto Other"
	       : id == ina  ? "Ina Intern"
			    : "Sam Supervisor";
}

static void note_fill(struct note *n, int64_t person, int64_t author, const char *contact_at,
		      const char *subject, const char *body, enum note_sensitivity s)
{
	memset(n, 0, sizeof *n);
	n->person_id = person;
	n->author_id = author;
	str_copy(n->author_name, sizeof n->author_name, staff_name(author));
	str_copy(n->type, sizeof n->type, "contact");
	str_copy(n->contact_at, sizeof n->contact_at, contact_at);
	str_copy(n->subject, sizeof n->subject, subject);
	str_copy(n->present, sizeof n->present, "");
	n->body = xstrdup(body);
	n->sensitivity = s;
}

/* Runs one store write in its own transaction, as a use case would. */
static enum cl_status in_tx(enum cl_status (*fn)(void *ctx), void *ctx)
{
	ck_assert_int_eq(store_begin(st), CL_OK);
	enum cl_status result = fn(ctx);
	if (result == CL_OK)
		ck_assert_int_eq(store_commit(st), CL_OK);
	else
		store_rollback(st);
	return result;
}

struct insert_ctx {
	struct note *note;
	const char *at;
};

static enum cl_status do_insert(void *ctx)
{
	struct insert_ctx *c = ctx;
	return store_note_insert(st, c->note, c->at);
}

static enum cl_status do_update(void *ctx)
{
	struct insert_ctx *c = ctx;
	return store_note_update_draft(st, c->note, c->at);
}

struct submit_ctx {
	int64_t id;
	enum note_state to;
	int64_t by;
	const char *at;
};

static enum cl_status do_submit(void *ctx)
{
	struct submit_ctx *c = ctx;
	return store_note_submit(st, c->id, c->to, c->by, c->at);
}

static enum cl_status do_cosign(void *ctx)
{
	struct submit_ctx *c = ctx;
	return store_note_cosign(st, c->id, c->by, c->at);
}

static enum cl_status insert(struct note *n)
{
	struct insert_ctx c = {n, "2026-11-23T15:00:00.00Z"};
	return in_tx(do_insert, &c);
}

static enum cl_status update(struct note *n)
{
	struct insert_ctx c = {n, "2026-11-23T15:05:00.00Z"};
	return in_tx(do_update, &c);
}

static enum cl_status submit_at(int64_t id, enum note_state to, int64_t by, const char *at)
{
	struct submit_ctx c = {id, to, by, at};
	return in_tx(do_submit, &c);
}

static enum cl_status submit(int64_t id, enum note_state to, int64_t by)
{
	return submit_at(id, to, by, "2026-11-23T15:10:00.00Z");
}

static enum cl_status cosign(int64_t id, int64_t by)
{
	struct submit_ctx c = {id, NOTE_FINAL, by, "2026-11-23T16:00:00.00Z"};
	return in_tx(do_cosign, &c);
}

/* A draft; returns its id. */
static int64_t draft(int64_t person, int64_t author, const char *contact_at, const char *subject,
		     const char *body, enum note_sensitivity s)
{
	struct note n;
	note_fill(&n, person, author, contact_at, subject, body, s);
	enum cl_status r = insert(&n);
	ck_assert_msg(r == CL_OK, "insert: %s", store_last_error(st));
	int64_t id = n.id;
	note_clear(&n);
	return id;
}

/* A note written and finalized by its author; returns its id. */
static int64_t final(int64_t person, int64_t author, const char *contact_at, const char *subject,
		     const char *body, enum note_sensitivity s)
{
	int64_t id = draft(person, author, contact_at, subject, body, s);
	ck_assert_int_eq(submit(id, NOTE_FINAL, author), CL_OK);
	return id;
}

static enum cl_status get(int64_t reader, unsigned grants, int64_t id, struct note *out)
{
	struct note_reader r = as(reader, grants);
	return store_note_get(st, &r, id, out);
}

static bool visible(int64_t reader, unsigned grants, int64_t id)
{
	struct note n;
	enum cl_status r = get(reader, grants, id, &n);
	ck_assert(r == CL_OK || r == CL_ERR_NOTFOUND);
	note_clear(&n);
	return r == CL_OK;
}

static int sql_exec(const char *sql, char *message, size_t size)
{
	return fx_sql_exec(fx.db, sql, message, size);
}

/* ---- drafts ---- */

START_TEST(draft_insert_and_get)
{
	struct note n;
	note_fill(&n, pid, casey, "2026-11-20 10:30", "Housing", "Met about the housing form.",
		  NOTE_OPEN);
	str_copy(n.present, sizeof n.present, "An Nguyễn, his sister");
	str_copy(n.type, sizeof n.type, "phone");
	ck_assert_int_eq(insert(&n), CL_OK);
	ck_assert(n.id > 0);
	ck_assert_int_eq(n.version, 1);
	ck_assert_int_eq(n.state, NOTE_DRAFT);
	ck_assert_str_eq(n.written_at, "2026-11-23T15:00:00.00Z");
	struct note g;
	ck_assert_int_eq(get(casey, 0, n.id, &g), CL_OK);
	ck_assert_int_eq(g.id, n.id);
	ck_assert_int_eq(g.person_id, pid);
	ck_assert_int_eq(g.author_id, casey);
	ck_assert_str_eq(g.author_name, "Casey Caseworker");
	ck_assert_str_eq(g.type, "phone");
	ck_assert_str_eq(g.contact_at, "2026-11-20 10:30");
	ck_assert_str_eq(g.written_at, "2026-11-23T15:00:00.00Z");
	ck_assert_str_eq(g.present, "An Nguyễn, his sister");
	ck_assert_str_eq(g.subject, "Housing");
	ck_assert_str_eq(g.body, "Met about the housing form.");
	ck_assert_int_eq(g.sensitivity, NOTE_OPEN);
	ck_assert_int_eq(g.state, NOTE_DRAFT);
	ck_assert_int_eq(g.amends_id, 0);
	ck_assert_int_eq(g.amended_by_id, 0);
	ck_assert_str_eq(g.finalized_at, "");
	ck_assert_str_eq(g.cosigned_at, "");
	ck_assert_str_eq(g.cosigned_by_name, "");
	ck_assert_int_eq(g.version, 1);
	note_clear(&g);
	ck_assert_ptr_null(g.body);
	/* an empty body reads back as "", never NULL */
	free(n.body);
	n.body = NULL;
	ck_assert_int_eq(insert(&n), CL_OK);
	ck_assert_int_eq(get(casey, 0, n.id, &g), CL_OK);
	ck_assert_str_eq(g.body, "");
	note_clear(&g);
	note_clear(&n);
	ck_assert_int_eq(get(casey, 0, 999999, &g), CL_ERR_NOTFOUND);
}
END_TEST

START_TEST(draft_update_stale_and_not_a_draft)
{
	struct note n;
	note_fill(&n, pid, casey, "2026-11-20 10:30", "", "first words", NOTE_OPEN);
	ck_assert_int_eq(insert(&n), CL_OK);
	/* the other terminal's copy, read now */
	struct note other;
	ck_assert_int_eq(get(casey, 0, n.id, &other), CL_OK);
	free(n.body);
	n.body = xstrdup("first words, and more");
	str_copy(n.subject, sizeof n.subject, "Intake");
	n.sensitivity = NOTE_HEALTH;
	ck_assert_int_eq(update(&n), CL_OK);
	ck_assert_int_eq(n.version, 2);
	struct note g;
	ck_assert_int_eq(get(casey, 0, n.id, &g), CL_OK);
	ck_assert_str_eq(g.body, "first words, and more");
	ck_assert_str_eq(g.subject, "Intake");
	ck_assert_int_eq(g.sensitivity, NOTE_HEALTH);
	ck_assert_int_eq(g.version, 2);
	note_clear(&g);
	/* the other copy is stale: refused, nothing overwritten */
	free(other.body);
	other.body = xstrdup("overwrite attempt");
	ck_assert_int_eq(update(&other), CL_ERR_STALE);
	ck_assert_int_eq(other.version, 1);
	ck_assert_int_eq(get(casey, 0, n.id, &g), CL_OK);
	ck_assert_str_eq(g.body, "first words, and more");
	note_clear(&g);
	/* once finalized it is no longer a draft, whatever the version */
	ck_assert_int_eq(submit(n.id, NOTE_FINAL, casey), CL_OK);
	ck_assert_int_eq(update(&n), CL_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(store_last_error(st), "no longer a draft"));
	ck_assert_int_eq(update(&other), CL_ERR_INVALID);
	ck_assert_int_eq(get(casey, 0, n.id, &g), CL_OK);
	ck_assert_str_eq(g.body, "first words, and more");
	note_clear(&g);
	n.id = 999999;
	ck_assert_int_eq(update(&n), CL_ERR_NOTFOUND);
	note_clear(&n);
	note_clear(&other);
}
END_TEST

/* ---- leaving draft ---- */

static void no_problem(void *ctx, const char *problem)
{
	(void)ctx;
	ck_abort_msg("integrity: %s", problem);
}

START_TEST(submit_to_final_and_to_pending)
{
	int64_t mine =
		draft(pid, casey, "2026-11-20 10:30", "", "talked about work crew", NOTE_OPEN);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM note_search WHERE note_search "
					   "MATCH 'crew'"),
			 0);
	ck_assert_int_eq(submit_at(mine, NOTE_FINAL, casey, "2026-11-23T15:30:00.00Z"), CL_OK);
	struct note g;
	ck_assert_int_eq(get(casey, 0, mine, &g), CL_OK);
	ck_assert_int_eq(g.state, NOTE_FINAL);
	ck_assert_str_eq(g.finalized_at, "2026-11-23T15:30:00.00Z");
	note_clear(&g);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT finalized_by = author_id FROM note WHERE state "
					   "= 'final'"),
			 1);
	/* indexed once it left draft */
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM note_search WHERE note_search "
					   "MATCH 'crew'"),
			 1);
	ck_assert_int_eq(submit(mine, NOTE_FINAL, casey), CL_ERR_INVALID);
	ck_assert_int_eq(submit(mine, NOTE_PENDING_COSIGN, casey), CL_ERR_INVALID);

	int64_t hers = draft(pid, ina, "2026-11-21 09:00", "", "intake interview", NOTE_OPEN);
	ck_assert_int_eq(submit(hers, NOTE_DRAFT, ina), CL_ERR_INVALID);
	ck_assert_int_eq(submit(hers, NOTE_PENDING_COSIGN, ina), CL_OK);
	ck_assert_int_eq(get(ina, 0, hers, &g), CL_OK);
	ck_assert_int_eq(g.state, NOTE_PENDING_COSIGN);
	ck_assert_str_eq(g.finalized_at, "");
	note_clear(&g);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM note_search WHERE note_search "
					   "MATCH 'intake'"),
			 1);
	ck_assert_int_eq(submit(999999, NOTE_FINAL, casey), CL_ERR_NOTFOUND);
	/* FTS5's own check passes although drafts sit unindexed in the table */
	draft(pid, casey, "2026-11-22 09:00", "", "still typing", NOTE_OPEN);
	char message[200];
	ck_assert_int_eq(sql_exec("INSERT INTO note_search(note_search, rank) "
				  "VALUES('integrity-check', 1)",
				  message, sizeof message),
			 FX_SQLITE_OK);
	int problems = -1;
	ck_assert_int_eq(store_check_integrity(st, no_problem, NULL, &problems), CL_OK);
	ck_assert_int_eq(problems, 0);
}
END_TEST

START_TEST(cosign_pending_note)
{
	int64_t hers = draft(pid, ina, "2026-11-21 09:00", "", "intake interview", NOTE_OPEN);
	ck_assert_int_eq(cosign(hers, casey), CL_ERR_INVALID); /* still a draft */
	ck_assert_int_eq(submit(hers, NOTE_PENDING_COSIGN, ina), CL_OK);
	ck_assert_int_eq(cosign(hers, ina), CL_ERR_CONSTRAINT); /* nobody co-signs their own */
	ck_assert_int_eq(cosign(hers, casey), CL_OK);
	struct note g;
	ck_assert_int_eq(get(otto, 0, hers, &g), CL_OK);
	ck_assert_int_eq(g.state, NOTE_FINAL);
	ck_assert_str_eq(g.cosigned_by_name, "Casey Caseworker");
	ck_assert_str_eq(g.cosigned_at, "2026-11-23T16:00:00.00Z");
	ck_assert_str_eq(g.finalized_at, "2026-11-23T16:00:00.00Z");
	note_clear(&g);
	char text[64];
	fx_sql_text(fx.db, "SELECT finalized_by || '/' || cosigned_by FROM note", text,
		    sizeof text);
	char expect[64];
	snprintf(expect, sizeof expect, "%lld/%lld", (long long)casey, (long long)casey);
	ck_assert_str_eq(text, expect);
	ck_assert_int_eq(cosign(hers, casey), CL_ERR_INVALID); /* already final */
	int64_t mine = final(pid, casey, "2026-11-21 10:00", "", "not an intern's", NOTE_OPEN);
	ck_assert_int_eq(cosign(mine, otto), CL_ERR_INVALID);
	ck_assert_int_eq(cosign(999999, casey), CL_ERR_NOTFOUND);
}
END_TEST

/* ---- what the schema refuses ---- */

/* The statement fails with a message holding `why` (or `or_why`: when several triggers
 * refuse the same change, which speaks is SQLite's choice). */
static void refused_either(const char *sql, const char *why, const char *or_why)
{
	char message[300];
	int rc = sql_exec(sql, message, sizeof message);
	ck_assert_msg(rc != FX_SQLITE_OK, "accepted: %s", sql);
	ck_assert_msg(strstr(message, why) || (or_why && strstr(message, or_why)), "%s: %s", sql,
		      message);
}

static void refused(const char *sql, const char *why)
{
	refused_either(sql, why, NULL);
}

START_TEST(schema_refuses_changes)
{
	int64_t fin = final(pid, casey, "2026-11-20 10:30", "Subject", "what was said", NOTE_OPEN);
	int64_t pend = draft(pid, ina, "2026-11-20 11:30", "", "intern's words", NOTE_OPEN);
	ck_assert_int_eq(submit(pend, NOTE_PENDING_COSIGN, ina), CL_OK);
	int64_t dr = draft(pid, casey, "2026-11-20 12:30", "", "draft words", NOTE_OPEN);
	char sql[300];
	snprintf(sql, sizeof sql, "UPDATE note SET body = 'rewritten' WHERE id = %lld",
		 (long long)fin);
	refused_either(sql, "never changes", "only a draft");
	snprintf(sql, sizeof sql, "UPDATE note SET updated_at = 'x' WHERE id = %lld",
		 (long long)fin);
	refused(sql, "never changes");
	snprintf(sql, sizeof sql, "UPDATE note SET subject = 'rewritten' WHERE id = %lld",
		 (long long)pend);
	refused(sql, "only a draft");
	snprintf(sql, sizeof sql, "UPDATE note SET sensitivity = 2 WHERE id = %lld",
		 (long long)pend);
	refused(sql, "only a draft");
	snprintf(sql, sizeof sql, "UPDATE note SET state = 'draft' WHERE id = %lld",
		 (long long)pend);
	refused(sql, "only moves forward");
	/* a pending note becomes final only co-signed */
	snprintf(sql, sizeof sql,
		 "UPDATE note SET state = 'final', finalized_at = 'x', finalized_by = %lld "
		 "WHERE id = %lld",
		 (long long)casey, (long long)pend);
	refused(sql, "only moves forward");
	snprintf(sql, sizeof sql, "UPDATE note SET person_id = %lld WHERE id = %lld",
		 (long long)pid2, (long long)dr);
	refused(sql, "keeps its person");
	snprintf(sql, sizeof sql, "DELETE FROM note WHERE id = %lld", (long long)dr);
	refused(sql, "never deleted");
	refused("DELETE FROM note", "never deleted");
	/* final without who and when */
	snprintf(sql, sizeof sql, "UPDATE note SET state = 'final' WHERE id = %lld", (long long)dr);
	refused(sql, "CHECK");
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM note"), 3);
	char body[64];
	snprintf(sql, sizeof sql, "SELECT body FROM note WHERE id = %lld", (long long)fin);
	fx_sql_text(fx.db, sql, body, sizeof body);
	ck_assert_str_eq(body, "what was said");
	/* a draft's text still changes */
	snprintf(sql, sizeof sql, "UPDATE note SET body = 'retyped' WHERE id = %lld",
		 (long long)dr);
	ck_assert_int_eq(sql_exec(sql, NULL, 0), FX_SQLITE_OK);

	/* bounds: a subject of 201 characters, a body over 1 MiB, a sensitivity out of range */
	struct note n;
	note_fill(&n, pid, casey, "2026-11-20 10:30", "", "x", NOTE_OPEN);
	memset(n.subject, 'a', 201);
	n.subject[201] = '\0';
	ck_assert_int_eq(insert(&n), CL_ERR_CONSTRAINT);
	n.subject[200] = '\0';
	ck_assert_int_eq(insert(&n), CL_OK);
	n.subject[0] = '\0';
	free(n.body);
	n.body = xmalloc(NOTE_BODY_MAX_BYTES + 2);
	memset(n.body, 'b', NOTE_BODY_MAX_BYTES + 1);
	n.body[NOTE_BODY_MAX_BYTES + 1] = '\0';
	ck_assert_int_eq(insert(&n), CL_ERR_CONSTRAINT);
	n.body[NOTE_BODY_MAX_BYTES] = '\0';
	ck_assert_int_eq(insert(&n), CL_OK);
	n.body[1] = '\0';
	n.sensitivity = NOTE_SENSITIVITY_COUNT;
	ck_assert_int_eq(insert(&n), CL_ERR_CONSTRAINT);
	n.sensitivity = NOTE_OPEN;
	/* a final note's contact time is a real "YYYY-MM-DD HH:MM"; a draft's may be anything */
	str_copy(n.contact_at, sizeof n.contact_at, "tomorrow");
	ck_assert_int_eq(insert(&n), CL_OK);
	ck_assert_int_eq(submit(n.id, NOTE_FINAL, casey), CL_ERR_CONSTRAINT);
	/* an amendment corrects a final note of the same person */
	str_copy(n.contact_at, sizeof n.contact_at, "2026-11-20 10:30");
	n.amends_id = dr;
	ck_assert_int_eq(insert(&n), CL_ERR_CONSTRAINT);
	n.amends_id = pend;
	ck_assert_int_eq(insert(&n), CL_ERR_CONSTRAINT);
	n.amends_id = fin;
	n.person_id = pid2;
	ck_assert_int_eq(insert(&n), CL_ERR_CONSTRAINT);
	n.person_id = pid;
	ck_assert_int_eq(insert(&n), CL_OK);
	note_clear(&n);
	/* the new grants fit staff.grants; nothing beyond them */
	ck_assert_int_eq(sql_exec("UPDATE staff SET grants = 15 WHERE username = 'otto'", NULL, 0),
			 FX_SQLITE_OK);
	refused("UPDATE staff SET grants = 16 WHERE username = 'otto'", "CHECK");
}
END_TEST

/* ---- amendments ---- */

START_TEST(amendments_point_both_ways)
{
	int64_t original =
		final(pid, casey, "2026-11-20 10:30", "", "hearing on the 21st", NOTE_OPEN);
	struct note a;
	note_fill(&a, pid, casey, "2026-11-20 10:30", "", "hearing on the 12th, not the 21st",
		  NOTE_OPEN);
	a.amends_id = original;
	ck_assert_int_eq(insert(&a), CL_OK);
	struct note g;
	/* the author sees their own draft amendment; others do not yet */
	ck_assert_int_eq(get(casey, 0, original, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, a.id);
	note_clear(&g);
	ck_assert_int_eq(get(otto, 0, original, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, 0);
	note_clear(&g);
	ck_assert_int_eq(submit(a.id, NOTE_FINAL, casey), CL_OK);
	ck_assert_int_eq(get(otto, 0, original, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, a.id);
	ck_assert_str_eq(g.body, "hearing on the 21st"); /* the original stays as it was */
	note_clear(&g);
	ck_assert_int_eq(get(otto, 0, a.id, &g), CL_OK);
	ck_assert_int_eq(g.amends_id, original);
	ck_assert_int_eq(g.amended_by_id, 0);
	note_clear(&g);
	/* a second amendment: the newest one is named */
	struct note b;
	note_fill(&b, pid, otto, "2026-11-20 10:30", "", "and the room changed", NOTE_OPEN);
	b.amends_id = original;
	ck_assert_int_eq(insert(&b), CL_OK);
	ck_assert_int_eq(submit(b.id, NOTE_FINAL, otto), CL_OK);
	ck_assert_int_eq(get(casey, 0, original, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, b.id);
	note_clear(&g);
	/* an amendment the reader may not see is not named to them */
	struct note c;
	note_fill(&c, pid, otto, "2026-11-20 10:30", "", "victim asked for no contact",
		  NOTE_VICTIM);
	c.amends_id = original;
	ck_assert_int_eq(insert(&c), CL_OK);
	ck_assert_int_eq(submit(c.id, NOTE_FINAL, otto), CL_OK);
	ck_assert_int_eq(get(casey, 0, original, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, b.id);
	note_clear(&g);
	ck_assert_int_eq(get(casey, 8, original, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, c.id);
	note_clear(&g);
	/* the timeline marks the original as amended */
	struct timeline_entry e[10];
	size_t count;
	struct timeline_query q = {.person_id = pid};
	struct note_reader r = as(otto, 0);
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &count), CL_OK);
	bool seen = false;
	for (size_t i = 0; i < count; i++) {
		if (e[i].kind == TIMELINE_NOTE && e[i].id == original) {
			ck_assert(e[i].amended);
			seen = true;
		} else if (e[i].kind == TIMELINE_NOTE) {
			ck_assert(!e[i].amended);
		}
	}
	ck_assert(seen);
	note_clear(&a);
	note_clear(&b);
	note_clear(&c);
}
END_TEST

/* ---- visibility on every path ---- */

static bool timeline_has(int64_t reader, unsigned grants, int64_t person, int64_t id)
{
	struct timeline_entry e[50];
	size_t count;
	struct timeline_query q = {.person_id = person};
	struct note_reader r = as(reader, grants);
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 50, &count), CL_OK);
	for (size_t i = 0; i < count; i++)
		if (e[i].kind == TIMELINE_NOTE && e[i].id == id)
			return true;
	return false;
}

static bool search_has(int64_t reader, unsigned grants, const char *text, int64_t id)
{
	struct note_hit hits[20];
	size_t count;
	struct note_search s = {.query = text};
	struct note_reader r = as(reader, grants);
	ck_assert_int_eq(store_note_search(st, &r, &s, hits, 20, &count), CL_OK);
	for (size_t i = 0; i < count; i++)
		if (hits[i].note_id == id)
			return true;
	return false;
}

static bool queue_has(int64_t supervisor, int64_t id)
{
	struct note *queue;
	size_t count;
	ck_assert_int_eq(store_notes_pending_cosign(st, supervisor, &queue, &count, 50), CL_OK);
	bool found = false;
	for (size_t i = 0; i < count; i++) {
		found |= queue[i].id == id;
		note_clear(&queue[i]);
	}
	free(queue);
	return found;
}

static bool seen_everywhere(int64_t reader, unsigned grants, int64_t id, const char *word)
{
	bool g = visible(reader, grants, id);
	bool t = timeline_has(reader, grants, pid, id);
	bool s = search_has(reader, grants, word, id);
	ck_assert_msg(g == t && t == s, "note %lld: get %d, timeline %d, search %d", (long long)id,
		      g, t, s);
	return g;
}

START_TEST(sensitivity_needs_its_grant_on_every_path)
{
	static const struct {
		enum note_sensitivity level;
		unsigned grant;
		const char *word;
	} levels[] = {
		{NOTE_OPEN, 0, "workcrew"},       {NOTE_HEALTH, 4, "insulin"},
		{NOTE_PART2, 1, "methadone"},     {NOTE_PREA, 2, "screening"},
		{NOTE_VICTIM, 8, "restraining"},
	};
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		char body[80];
		snprintf(body, sizeof body, "talked about %s today", levels[i].word);
		int64_t id = final(pid, casey, "2026-11-20 10:30", "", body, levels[i].level);
		/* the author always sees their own */
		ck_assert(seen_everywhere(casey, 0, id, levels[i].word));
		/* another reader: only with the grant (any other grants do not help) */
		bool open = levels[i].grant == 0;
		ck_assert_int_eq(seen_everywhere(otto, 0, id, levels[i].word), open);
		ck_assert_int_eq(seen_everywhere(otto, 15 & ~levels[i].grant, id, levels[i].word),
				 open);
		ck_assert(seen_everywhere(otto, levels[i].grant, id, levels[i].word));
		ck_assert(seen_everywhere(otto, 15, id, levels[i].word));
		/* the timeline says it is sensitive */
		struct timeline_entry e[50];
		size_t count;
		struct timeline_query q = {.person_id = pid};
		struct note_reader r = as(otto, 15);
		ck_assert_int_eq(store_timeline(st, &r, &q, e, 50, &count), CL_OK);
		for (size_t k = 0; k < count; k++)
			if (e[k].id == id)
				ck_assert_int_eq(e[k].sensitive, !open);
	}
}
END_TEST

START_TEST(drafts_only_to_their_author)
{
	int64_t id = draft(pid, casey, "2026-11-20 10:30", "", "unfinished thoughts", NOTE_OPEN);
	ck_assert(visible(casey, 0, id));
	ck_assert(timeline_has(casey, 0, pid, id));
	ck_assert(!visible(otto, 15, id));
	ck_assert(!timeline_has(otto, 15, pid, id));
	/* never indexed, so not even its author finds it by search */
	ck_assert(!search_has(casey, 15, "unfinished", id));
	/* a pending note left draft: others see it, search finds it */
	int64_t hers = draft(pid, ina, "2026-11-20 11:30", "", "pending thoughts", NOTE_OPEN);
	ck_assert(!visible(otto, 0, hers));
	ck_assert_int_eq(submit(hers, NOTE_PENDING_COSIGN, ina), CL_OK);
	ck_assert(seen_everywhere(otto, 0, hers, "pending"));
}
END_TEST

START_TEST(pending_queue_follows_grants_and_supervision)
{
	int64_t open = draft(pid, ina, "2026-11-20 10:30", "", "routine intake", NOTE_OPEN);
	int64_t prea = draft(pid, ina, "2026-11-20 11:30", "", "screening answers", NOTE_PREA);
	ck_assert_int_eq(submit_at(prea, NOTE_PENDING_COSIGN, ina, "2026-11-23T09:00:00.00Z"),
			 CL_OK);
	ck_assert_int_eq(submit_at(open, NOTE_PENDING_COSIGN, ina, "2026-11-23T10:00:00.00Z"),
			 CL_OK);
	/* another intern, supervised by someone else */
	int64_t ivy = fx_staff_add(&fx.app, "ivy", "Ivy Intern", "intern");
	ck_assert_int_eq(store_begin(st), CL_OK);
	ck_assert_int_eq(store_staff_set_supervisor(st, ivy, sam), CL_OK);
	ck_assert_int_eq(store_commit(st), CL_OK);
	struct note n;
	note_fill(&n, pid, ivy, "2026-11-20 12:30", "", "ivy's note", NOTE_OPEN);
	str_copy(n.author_name, sizeof n.author_name, "Ivy Intern");
	ck_assert_int_eq(insert(&n), CL_OK);
	ck_assert_int_eq(submit(n.id, NOTE_PENDING_COSIGN, ivy), CL_OK);
	/* still a draft: not in anyone's queue */
	int64_t unsent = draft(pid, ina, "2026-11-20 13:30", "", "not sent yet", NOTE_OPEN);

	/* casey lacks the prea grant: only the open note */
	struct note *queue;
	size_t count;
	ck_assert_int_eq(store_notes_pending_cosign(st, casey, &queue, &count, 50), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(queue[0].id, open);
	ck_assert_str_eq(queue[0].body, "routine intake");
	note_clear(&queue[0]);
	free(queue);
	ck_assert(!queue_has(casey, prea));
	ck_assert(!queue_has(casey, unsent));
	ck_assert(!queue_has(casey, n.id));
	ck_assert(queue_has(sam, n.id));
	ck_assert(!queue_has(sam, open));
	/* with the grant: both, oldest submission first, and cap respected */
	ck_assert_int_eq(sql_exec("UPDATE staff SET grants = 2 WHERE username = 'casey'", NULL, 0),
			 FX_SQLITE_OK);
	ck_assert_int_eq(store_notes_pending_cosign(st, casey, &queue, &count, 50), CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(queue[0].id, prea);
	ck_assert_int_eq(queue[1].id, open);
	for (size_t i = 0; i < count; i++)
		note_clear(&queue[i]);
	free(queue);
	ck_assert_int_eq(store_notes_pending_cosign(st, casey, &queue, &count, 1), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(queue[0].id, prea);
	note_clear(&queue[0]);
	free(queue);
	/* co-signed notes leave the queue */
	ck_assert_int_eq(cosign(prea, casey), CL_OK);
	ck_assert(!queue_has(casey, prea));
	ck_assert(queue_has(casey, open));
	/* nobody by that id: nothing */
	ck_assert_int_eq(store_notes_pending_cosign(st, 999999, &queue, &count, 50), CL_OK);
	ck_assert_uint_eq(count, 0);
	ck_assert_ptr_null(queue);
	note_clear(&n);
}
END_TEST

/* ---- the timeline ---- */

static void change_add(int64_t person, const char *field, const char *old_value,
		       const char *new_value, const char *at)
{
	ck_assert_int_eq(store_begin(st), CL_OK);
	ck_assert_int_eq(
		store_person_change_add(st, person, field, old_value, new_value, at, casey), CL_OK);
	ck_assert_int_eq(store_commit(st), CL_OK);
}

/* Every entry of the person's timeline, read `page` at a time by keyset; returns how many. */
static size_t timeline_paged(int64_t reader, unsigned grants, const struct timeline_query *base,
			     size_t page, struct timeline_entry *out, size_t max)
{
	struct note_reader r = as(reader, grants);
	return fx_timeline_paged(st, &r, base, page, out, max);
}

START_TEST(timeline_orders_and_pages_without_gaps)
{
	/* 23 notes over three days, several in the same minute, and 9 record changes; other
	 * people's notes and another author's draft in between */
	static const char *const times[] = {"2026-11-20 09:00", "2026-11-20 09:00",
					    "2026-11-20 09:00", "2026-11-20 14:30",
					    "2026-11-21 08:15", "2026-11-21 08:15",
					    "2026-11-22 23:59", "2026-11-19 00:00"};
	size_t notes = 0;
	for (int i = 0; i < 23; i++) {
		final(pid, i % 2 ? casey : otto, times[i % 8], i % 3 ? "A subject" : "", "a body",
		      NOTE_OPEN);
		notes++;
		final(pid2, casey, times[i % 8], "", "someone else's", NOTE_OPEN);
	}
	draft(pid, otto, "2026-11-21 08:15", "", "otto's draft", NOTE_OPEN);
	draft(pid, casey, "2026-11-21 08:15", "", "casey's draft", NOTE_OPEN);
	notes++;
	static const char *const change_times[] = {
		"2026-11-20T09:00:00.00Z", "2026-11-20T09:00:00.00Z", "2026-11-20T08:59:59.99Z",
		"2026-11-21T08:15:00.00Z", "2026-11-22T23:59:30.00Z", "2026-11-18T12:00:00.00Z",
		"2026-11-23T01:00:00.00Z", "2026-11-20T14:30:00.00Z", "2026-11-20T14:29:00.00Z"};
	for (size_t i = 0; i < 9; i++)
		change_add(pid, "unit", "A", "B", change_times[i]);
	change_add(pid2, "unit", "A", "B", "2026-11-20T10:00:00.00Z");
	size_t expected = notes + 9;

	struct timeline_entry all[100], paged[100];
	struct timeline_query q = {.person_id = pid};
	size_t n_all = timeline_paged(casey, 0, &q, 100, all, 100);
	ck_assert_uint_eq(n_all, expected);
	for (size_t i = 1; i < n_all; i++)
		ck_assert_msg(fx_timeline_before(&all[i - 1], &all[i]), "entry %zu (%s) out of order",
			      i, all[i].at);
	ck_assert_str_eq(all[0].at, "2026-11-23 01:00:00.00Z");
	ck_assert_int_eq(all[0].kind, TIMELINE_CHANGE);
	/* every page size reads the same sequence: no gap, no duplicate */
	for (size_t page = 1; page <= 12; page++) {
		size_t n = timeline_paged(casey, 0, &q, page, paged, 100);
		ck_assert_uint_eq(n, expected);
		for (size_t i = 0; i < n; i++) {
			ck_assert_int_eq(paged[i].kind, all[i].kind);
			ck_assert_int_eq(paged[i].id, all[i].id);
		}
	}
}
END_TEST

START_TEST(timeline_filters_and_summaries)
{
	int64_t a = final(pid, casey, "2026-11-20 09:00", "Work crew", "body text", NOTE_OPEN);
	int64_t b = final(pid, casey, "2026-11-21 10:00", "",
			  "\n\n  First line of the body\nsecond line", NOTE_HEALTH);
	struct note n;
	note_fill(&n, pid, casey, "2026-11-22 11:00", "", "phoned the sister", NOTE_OPEN);
	str_copy(n.type, sizeof n.type, "phone");
	ck_assert_int_eq(insert(&n), CL_OK);
	int64_t c = n.id;
	note_clear(&n);
	change_add(pid, "unit", "A", "B", "2026-11-21T12:00:00.00Z");
	change_add(pid, "srd", "", "2027-01-01", "2026-11-22T12:00:00.00Z");

	struct timeline_entry e[20];
	size_t count;
	struct note_reader r = as(casey, 0);
	struct timeline_query q = {.person_id = pid};
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 5);
	ck_assert_int_eq(e[0].kind, TIMELINE_CHANGE);
	ck_assert_str_eq(e[0].type, "change");
	ck_assert_str_eq(e[0].summary, "srd: (none) \u2192 2027-01-01");
	ck_assert_str_eq(e[0].who, "Casey Caseworker");
	ck_assert_int_eq(e[1].id, c);
	ck_assert_str_eq(e[1].type, "phone");
	ck_assert_str_eq(e[1].summary, "phoned the sister");
	ck_assert_int_eq(e[1].state, NOTE_DRAFT);
	ck_assert_str_eq(e[1].at, "2026-11-22 11:00");
	ck_assert_str_eq(e[2].summary, "unit: A \u2192 B");
	ck_assert_int_eq(e[3].id, b);
	ck_assert_str_eq(e[3].summary, "First line of the body");
	ck_assert(e[3].sensitive);
	ck_assert_int_eq(e[3].state, NOTE_FINAL);
	ck_assert_int_eq(e[4].id, a);
	ck_assert_str_eq(e[4].summary, "Work crew");
	ck_assert_str_eq(e[4].who, "Casey Caseworker");
	ck_assert(!e[4].sensitive);

	q.type = "change";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert(e[0].kind == TIMELINE_CHANGE && e[1].kind == TIMELINE_CHANGE);
	q.type = "contact";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(e[0].id, b);
	ck_assert_int_eq(e[1].id, a);
	q.type = "phone";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(e[0].id, c);
	q.type = "nothing-of-that-type";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 0);

	/* days, both ends inclusive, for notes and changes alike */
	q.type = NULL;
	q.since = "2026-11-21";
	q.until = "2026-11-21";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(e[0].kind, TIMELINE_CHANGE);
	ck_assert_int_eq(e[1].id, b);
	q.until = NULL;
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 4);
	q.since = NULL;
	q.until = "2026-11-20";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 20, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(e[0].id, a);
	/* cap 0 reads nothing */
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 0, &count), CL_OK);
	ck_assert_uint_eq(count, 0);
}
END_TEST

/* ---- the search query builder ---- */

static void fts_is(const char *typed, const char *expected)
{
	struct strbuf out;
	strbuf_init(&out);
	bool ok = store_note_fts_query(typed, &out);
	if (expected) {
		ck_assert_msg(ok, "[%s] gave nothing", typed);
		ck_assert_msg(!strcmp(out.buf, expected), "[%s] gave [%s], not [%s]", typed,
			      out.buf, expected);
	} else {
		ck_assert_msg(!ok, "[%s] gave [%s]", typed, out.buf);
		ck_assert_uint_eq(out.len, 0);
	}
	strbuf_clear(&out);
}

START_TEST(fts_query_builder)
{
	fts_is("housing plan", "\"housing\" \"plan\"");
	fts_is("  housing\t\tplan \n", "\"housing\" \"plan\"");
	fts_is("\"thinking for a change\" session",
	       "\"thinking for a change\" \"session\"");
	fts_is("session \"thinking for", "\"session\" \"thinking for\"");
	fts_is("\"unbalanced", "\"unbalanced\"");
	fts_is("attend*", "\"attend\"*");
	fts_is("at*", "\"at\"*");
	fts_is("a*", "\"a*\"");
	fts_is("*", NULL);
	fts_is("Nguyễn*", "\"Nguyễn\"*");
	fts_is("AND OR NOT NEAR( ) ^ : -", "\"AND\" \"OR\" \"NOT\" \"NEAR(\"");
	fts_is("NEAR(a b)", "\"NEAR(a\" \"b)\"");
	fts_is("col:umn -minus ^start", "\"col:umn\" \"-minus\" \"^start\"");
	fts_is("O\"Brien", "\"O\"\"Brien\"");
	fts_is("'; DROP TABLE note; --", "\"DROP\" \"TABLE\" \"note;\"");
	fts_is("Nguyễn", "\"Nguyễn\"");
	fts_is("Пётр 王", "\"Пётр\" \"王\"");
	fts_is("", NULL);
	fts_is("   ", NULL);
	fts_is(NULL, NULL);
	fts_is("\"\"", NULL);
	fts_is("!!! ... -- ( ) \" \"", NULL);
	fts_is("\u2014 \u2026 \u00bf", NULL);
	/* appended to what the buffer already holds */
	struct strbuf out;
	strbuf_init(&out);
	strbuf_puts(&out, "x");
	ck_assert(!store_note_fts_query("(", &out));
	ck_assert_str_eq(out.buf, "x");
	strbuf_clear(&out);
}
END_TEST

/* ---- search ---- */

static size_t search(const struct note_search *s, int64_t reader, unsigned grants,
		     struct note_hit *hits, size_t cap)
{
	size_t count = 99;
	struct note_reader r = as(reader, grants);
	enum cl_status rc = store_note_search(st, &r, s, hits, cap, &count);
	ck_assert_msg(rc == CL_OK, "search [%s]: %s", s->query, store_last_error(st));
	ck_assert_uint_le(count, cap);
	return count;
}

START_TEST(search_any_text_literally)
{
	int64_t id = final(pid, casey, "2026-11-20 10:30", "",
			   "Discussed \"Thinking for a Change\" session 4 with Nguyễn; "
			   "AND OR NOT NEAR(a b) col:umn",
			   NOTE_OPEN);
	static const char *const hostile[] = {
		"\"unbalanced", "AND OR NOT", "NEAR(a b)", "*", "col:umn", "-minus", "((", "\"\"",
		"'; DROP TABLE note; --", "thinking AND", "^", "a:b:c", "\"\"\"", "*\"*", "+-",
		"\x01\x02", "\xff\xfe", ""};
	struct note_hit hits[10];
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct note_search s = {.query = hostile[i]};
		search(&s, casey, 0, hits, 10);
	}
	static const struct {
		const char *query;
		size_t hits;
	} cases[] = {
		{"nguyen", 1},		/* diacritics folded both ways */
		{"NGUYỄN", 1},
		{"nguy*", 1},
		{"\"thinking for a change\"", 1},
		{"\"change for a thinking\"", 0},
		{"thinking session", 1},
		{"thinking absent", 0},
		{"AND OR NOT", 1},	/* operators typed are words */
		{"NEAR(a b)", 1},
		{"col:umn", 1},
		{"\"thinking for", 1}, /* the rest of an unclosed phrase */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct note_search s = {.query = cases[i].query};
		size_t n = search(&s, casey, 0, hits, 10);
		ck_assert_msg(n == cases[i].hits, "[%s]: %zu hits", cases[i].query, n);
		if (n)
			ck_assert_int_eq(hits[0].note_id, id);
	}
}
END_TEST

START_TEST(search_ranks_filters_and_marks)
{
	int64_t weak = final(pid, casey, "2026-11-10 10:30", "",
			     "We spoke about many things: work crew, visits, the library, school, "
			     "the gym schedule, commissary, and briefly housing.",
			     NOTE_OPEN);
	int64_t strong = final(pid2, otto, "2026-11-12 10:30", "Housing",
			       "Housing application: housing referral sent.", NOTE_OPEN);
	struct note n;
	note_fill(&n, pid, otto, "2026-11-14 10:30", "", "a phone call about housing", NOTE_OPEN);
	str_copy(n.type, sizeof n.type, "phone");
	ck_assert_int_eq(insert(&n), CL_OK);
	ck_assert_int_eq(submit(n.id, NOTE_FINAL, otto), CL_OK);
	int64_t phone = n.id;
	note_clear(&n);

	struct note_hit hits[10];
	struct note_search s = {.query = "housing"};
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 3);
	ck_assert_int_eq(hits[0].note_id, strong);
	ck_assert_int_eq(hits[2].note_id, weak);
	ck_assert_int_eq(hits[0].person_id, pid2);
	ck_assert_str_eq(hits[0].person_oid, "300002");
	ck_assert_str_eq(hits[0].person_name, "Okafor, Bea");
	ck_assert_str_eq(hits[0].contact_at, "2026-11-12 10:30");
	ck_assert_str_eq(hits[0].type, "contact");
	ck_assert_str_eq(hits[0].author, "Otto Other");
	for (size_t i = 0; i < 3; i++) {
		const char *open = strchr(hits[i].snippet, '\x01');
		ck_assert_msg(open != NULL, "snippet [%s]", hits[i].snippet);
		const char *close = strchr(open, '\x02');
		ck_assert_ptr_nonnull(close);
		ck_assert_int_eq(strncasecmp(open + 1, "housing", 7), 0);
		ck_assert_ptr_eq(close, open + 8);
	}
	ck_assert_uint_eq(search(&s, casey, 0, hits, 1), 1);
	ck_assert_int_eq(hits[0].note_id, strong);
	ck_assert_uint_eq(search(&s, casey, 0, hits, 0), 0);

	s.person_id = pid;
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 2);
	ck_assert_int_eq(hits[0].note_id, phone); /* shorter note, same one mention */
	ck_assert_int_eq(hits[1].note_id, weak);
	s.type = "phone";
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 1);
	ck_assert_int_eq(hits[0].note_id, phone);
	s.person_id = 0;
	s.type = NULL;
	s.author_id = otto;
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 2);
	ck_assert_int_eq(hits[0].note_id, strong);
	ck_assert_int_eq(hits[1].note_id, phone);
	s.author_id = 0;
	s.since = "2026-11-12";
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 2);
	s.until = "2026-11-12";
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 1);
	ck_assert_int_eq(hits[0].note_id, strong);
	s.since = NULL;
	s.until = "2026-11-11";
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 1);
	ck_assert_int_eq(hits[0].note_id, weak);
	s.until = NULL;
	s.query = "housing -referral"; /* no NOT: "-referral" is the word referral */
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 1);
	ck_assert_int_eq(hits[0].note_id, strong);
}
END_TEST

struct bulk_ctx {
	int64_t person;
	int count;
	const char *body;
};

static enum cl_status do_bulk(void *ctx)
{
	struct bulk_ctx *c = ctx;
	for (int i = 0; i < c->count; i++) {
		struct note n;
		note_fill(&n, c->person, casey, "2026-11-20 10:30", "", c->body, NOTE_OPEN);
		enum cl_status r = store_note_insert(st, &n, "2026-11-23T15:00:00.00Z");
		if (r == CL_OK)
			r = store_note_submit(st, n.id, NOTE_FINAL, casey,
					      "2026-11-23T15:00:00.00Z");
		note_clear(&n);
		if (r != CL_OK)
			return r;
	}
	return CL_OK;
}

START_TEST(search_ranks_within_the_newest_matches)
{
	/* the best match of all, then 2,050 newer and weaker ones of another person */
	int64_t best = final(pid, casey, "2026-11-01 10:30", "Housing",
			     "housing housing housing", NOTE_OPEN);
	struct bulk_ctx bulk = {pid2, 2050,
				"a long note that mentions housing once among many other words "
				"about work, school, visits and the library"};
	ck_assert_int_eq(in_tx(do_bulk, &bulk), CL_OK);
	struct note_hit hits[10];
	struct note_search s = {.query = "housing"};
	/* relevance is ranked among the newest 2,000 matches only: the old one is not there */
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 10);
	for (size_t i = 0; i < 10; i++)
		ck_assert_int_ne(hits[i].note_id, best);
	/* the filters choose the candidates: the person's own matches are all considered */
	s.person_id = pid;
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 1);
	ck_assert_int_eq(hits[0].note_id, best);
	s.person_id = 0;
	s.until = "2026-11-01";
	ck_assert_uint_eq(search(&s, casey, 0, hits, 10), 1);
	ck_assert_int_eq(hits[0].note_id, best);
}
END_TEST

START_TEST(search_long_body_and_hostile_snippets)
{
	/* 500 KB, the word to find near the end */
	size_t size = 500 * 1024;
	struct strbuf body;
	strbuf_init(&body);
	while (body.len < size - 64)
		strbuf_puts(&body, "routine words about the day and the unit. ");
	strbuf_puts(&body, "Then the zanzibar transfer was discussed.");
	struct note n;
	note_fill(&n, pid, casey, "2026-11-20 10:30", "", body.buf, NOTE_OPEN);
	ck_assert_int_eq(insert(&n), CL_OK);
	ck_assert_int_eq(submit(n.id, NOTE_FINAL, casey), CL_OK);
	struct note g;
	ck_assert_int_eq(get(otto, 0, n.id, &g), CL_OK);
	ck_assert_uint_eq(strlen(g.body), body.len);
	ck_assert(memcmp(g.body, body.buf, body.len) == 0);
	note_clear(&g);
	note_clear(&n);
	struct note_hit hits[5];
	struct note_search s = {.query = "zanzibar"};
	ck_assert_uint_eq(search(&s, otto, 0, hits, 5), 1);
	ck_assert_ptr_nonnull(strstr(hits[0].snippet, "\x01zanzibar\x02"));
	strbuf_clear(&body);

	/* escapes and stray marks in a note's text never reach the snippet as such */
	int64_t id = final(pid, casey, "2026-11-20 10:30", "",
			   "line one\nESC \x1b[2J here \x01 stray \x02 marks\tand quokka\r\nend",
			   NOTE_OPEN);
	s.query = "quokka";
	ck_assert_uint_eq(search(&s, otto, 0, hits, 5), 1);
	ck_assert_int_eq(hits[0].note_id, id);
	const char *snip = hits[0].snippet;
	int depth = 0, marks = 0;
	for (const char *c = snip; *c; c++) {
		ck_assert_msg(*c != '\x1b' && *c != '\n' && *c != '\r' && *c != '\t',
			      "raw control in [%s]", snip);
		if (*c == '\x01') {
			ck_assert_int_eq(depth, 0);
			depth++;
			marks++;
		} else if (*c == '\x02') {
			ck_assert_int_eq(depth, 1);
			depth--;
		}
	}
	ck_assert_int_eq(depth, 0);
	ck_assert_int_ge(marks, 1);
	ck_assert_ptr_nonnull(strstr(snip, "\x01quokka\x02"));
}
END_TEST

static Suite *notes_suite(void)
{
	Suite *s = suite_create("notes");
	TCase *tc = tcase_create("notes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, draft_insert_and_get);
	tcase_add_test(tc, draft_update_stale_and_not_a_draft);
	tcase_add_test(tc, submit_to_final_and_to_pending);
	tcase_add_test(tc, cosign_pending_note);
	tcase_add_test(tc, schema_refuses_changes);
	tcase_add_test(tc, amendments_point_both_ways);
	tcase_add_test(tc, sensitivity_needs_its_grant_on_every_path);
	tcase_add_test(tc, drafts_only_to_their_author);
	tcase_add_test(tc, pending_queue_follows_grants_and_supervision);
	tcase_add_test(tc, timeline_orders_and_pages_without_gaps);
	tcase_add_test(tc, timeline_filters_and_summaries);
	tcase_add_test(tc, fts_query_builder);
	tcase_add_test(tc, search_any_text_literally);
	tcase_add_test(tc, search_ranks_filters_and_marks);
	tcase_add_test(tc, search_ranks_within_the_newest_matches);
	tcase_add_test(tc, search_long_body_and_hostile_snippets);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(notes_suite());
}
