/* Forms in the store: registering definitions (new, the same again, a draft replaced, other
 * text refused), responses saved answer by answer under a revision, the state machine, what
 * the schema refuses even through raw SQL, amendments, who sees which answer on every read
 * path, paging a person's responses and an author's drafts, and responses on the timeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formstore.h"
#include "caseload/notes.h"
#include "caseload/person_detail.h"
#include "caseload/store.h"
#include "caseload/strbuf.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"
#define AT "2026-11-23T15:00:00.00Z"
#define GRANT_PART2 1u
#define GRANT_PREA 2u
#define GRANT_HEALTH 4u

static struct fx_app fx;
static struct store *st;
static int64_t pid, pid2;      /* two people */
static int64_t casey, otto, lee; /* two caseworkers and a lead */
static int64_t def_a, def_a2, def_b; /* intake v1, intake v2, needs v1: all active */

/* A hash: 64 times the hex digit c. */
static const char *hash_of(char c)
{
	static char h[4][FORM_HASH_SIZE];
	static int next;
	char *out = h[next++ % 4];
	memset(out, c, 64);
	out[64] = '\0';
	return out;
}

/* One store write in its own transaction, as a use case runs it. */
#define TX(call) FX_TX(st, call)

static struct note_reader as(int64_t staff_id, unsigned grants)
{
	struct note_reader r = {staff_id, grants};
	return r;
}

static enum cl_status reg(const char *form_id, int version, char hash_digit, const char *title,
			  enum form_def_status status, const char *source, int64_t *id,
			  enum form_register_outcome *outcome, char *stored_hash)
{
	struct form_registration r = {form_id, version, hash_of(hash_digit), title, status,
				      source, "forms/x.yaml"};
	return TX(store_form_register(st, &r, AT, id, outcome, stored_hash));
}

static int64_t reg_ok(const char *form_id, int version, char hash_digit, const char *title)
{
	int64_t id = 0;
	enum cl_status r = reg(form_id, version, hash_digit, title, FORM_DEF_ACTIVE,
			       "caseform: 1\n", &id, NULL, NULL);
	ck_assert_msg(r == CL_OK, "register %s: %s", form_id, store_last_error(st));
	return id;
}

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
	lee = fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	def_a = reg_ok("intake", 1, 'a', "Intake Screen");
	def_a2 = reg_ok("intake", 2, 'b', "Intake Screen");
	def_b = reg_ok("needs", 1, 'c', "Needs Review");
}

static void teardown(void)
{
	fx_app_close(&fx);
}

static const char *staff_name(int64_t id)
{
	return id == casey ? "Casey Caseworker" : id == otto ? "Otto Other" : "Lee Lead";
}

/* A new draft; returns its id. */
static int64_t draft(int64_t person, int64_t definition, int64_t author)
{
	struct form_response r;
	memset(&r, 0, sizeof r);
	r.person_id = person;
	r.definition_id = definition;
	r.author_id = author;
	str_copy(r.author_name, sizeof r.author_name, staff_name(author));
	r.due_on = DATE_NONE;
	enum cl_status s = TX(store_form_response_insert(st, &r, AT));
	ck_assert_msg(s == CL_OK, "insert: %s", store_last_error(st));
	ck_assert_int_eq(r.revision, 1);
	ck_assert_int_eq(r.state, FORM_DRAFT);
	return r.id;
}

static enum cl_status save(int64_t id, int64_t *revision, const char *field, int row,
			   const char *value, enum note_sensitivity s)
{
	return TX(store_form_answer_save(st, id, revision, field, row, value, s, AT));
}

/* The stored revision, as another terminal would have read it. */
static int64_t revision_of(int64_t id)
{
	char sql[100];
	snprintf(sql, sizeof sql, "SELECT revision FROM form_response WHERE id = %lld",
		 (long long)id);
	return fx_sql_int(fx.db, sql);
}

static enum cl_status move_at(int64_t id, enum form_state to, int64_t by, const char *text,
			      const char *at)
{
	int64_t rev = revision_of(id);
	return TX(store_form_response_move(st, id, &rev, to, by, text, at));
}

static enum cl_status move(int64_t id, enum form_state to, int64_t by, const char *text)
{
	return move_at(id, to, by, text, "2026-11-23T16:00:00.00Z");
}

/* A response by author with one open answer and the given summary, finalized at `at`. */
static int64_t final_at(int64_t person, int64_t definition, int64_t author, const char *summary,
			const char *at)
{
	int64_t id = draft(person, definition, author);
	int64_t rev = 1;
	ck_assert_int_eq(save(id, &rev, "q1", 0, "yes", NOTE_OPEN), CL_OK);
	ck_assert_int_eq(move_at(id, FORM_FINAL, author, summary, at), CL_OK);
	return id;
}

#define refused(why, fmt, a, b) fx_sql_refused(fx.db, why, fmt, a, b)
#define accepted(fmt, a, b) fx_sql_accepted(fx.db, fmt, a, b)

/* ---- definitions ---- */

START_TEST(definitions_register_replace_refuse)
{
	int64_t id = 0, again = 0;
	enum form_register_outcome what;
	char stored[FORM_HASH_SIZE];
	ck_assert_int_eq(reg("risk", 1, 'd', "Risk Screen", FORM_DEF_DRAFT, "caseform: 1\nid: risk\n",
			     &id, &what, stored),
			 CL_OK);
	ck_assert(id > 0);
	ck_assert_int_eq(what, FORM_REGISTER_NEW);
	struct form_definition d;
	char *source = NULL;
	ck_assert_int_eq(store_form_definition_get(st, id, &d, &source), CL_OK);
	ck_assert_str_eq(source, "caseform: 1\nid: risk\n");
	free(source);
	ck_assert_str_eq(d.form_id, "risk");
	ck_assert_int_eq(d.version, 1);
	ck_assert_str_eq(d.hash, hash_of('d'));
	ck_assert_str_eq(d.title, "Risk Screen");
	ck_assert_int_eq(d.status, FORM_DEF_DRAFT);
	ck_assert_str_eq(d.source_path, "forms/x.yaml");
	ck_assert_str_eq(d.registered_at, AT);
	ck_assert_int_eq(d.responses, 0);

	/* the same text again: the same row */
	ck_assert_int_eq(reg("risk", 1, 'd', "Risk Screen", FORM_DEF_DRAFT, "caseform: 1\nid: risk\n",
			     &again, &what, stored),
			 CL_OK);
	ck_assert_int_eq(again, id);
	ck_assert_int_eq(what, FORM_REGISTER_SAME);
	/* a draft nobody used: replaced in place, and may become active with it */
	ck_assert_int_eq(reg("risk", 1, 'e', "Risk Screen (rev)", FORM_DEF_ACTIVE, "changed\n",
			     &again, &what, stored),
			 CL_OK);
	ck_assert_int_eq(again, id);
	ck_assert_int_eq(what, FORM_REGISTER_REPLACED);
	ck_assert_int_eq(store_form_definition_get(st, id, &d, &source), CL_OK);
	ck_assert_str_eq(source, "changed\n");
	free(source);
	ck_assert_str_eq(d.hash, hash_of('e'));
	ck_assert_str_eq(d.title, "Risk Screen (rev)");
	ck_assert_int_eq(d.status, FORM_DEF_ACTIVE);
	/* active now: other text is refused, with the stored hash */
	ck_assert_int_eq(reg("risk", 1, 'f', "Risk Screen", FORM_DEF_ACTIVE, "again\n", &again,
			     &what, stored),
			 CL_ERR_EXISTS);
	ck_assert_str_eq(stored, hash_of('e'));
	ck_assert_int_eq(again, 0);
	ck_assert_ptr_nonnull(strstr(store_last_error(st), "new version"));
	/* and it never goes back to draft */
	ck_assert_int_eq(reg("risk", 1, 'e', "Risk Screen (rev)", FORM_DEF_DRAFT, "changed\n",
			     &again, &what, stored),
			 CL_ERR_CONSTRAINT);
	/* the same text retired: status follows */
	ck_assert_int_eq(reg("risk", 1, 'e', "Risk Screen (rev)", FORM_DEF_RETIRED, "changed\n",
			     &again, &what, stored),
			 CL_OK);
	ck_assert_int_eq(what, FORM_REGISTER_SAME);
	ck_assert_int_eq(store_form_definition_get(st, id, &d, NULL), CL_OK);
	ck_assert_int_eq(d.status, FORM_DEF_RETIRED);

	/* a draft that a response uses keeps its text */
	int64_t used = 0;
	ck_assert_int_eq(reg("plan", 1, '1', "Plan", FORM_DEF_DRAFT, "v1\n", &used, NULL, NULL),
			 CL_OK);
	draft(pid, used, casey);
	ck_assert_int_eq(reg("plan", 1, '2', "Plan", FORM_DEF_DRAFT, "v1 changed\n", &again, &what,
			     stored),
			 CL_ERR_EXISTS);
	ck_assert_str_eq(stored, hash_of('1'));
	ck_assert_int_eq(store_form_definition_get(st, used, &d, &source), CL_OK);
	ck_assert_str_eq(source, "v1\n");
	ck_assert_int_eq(d.responses, 1);
	free(source);

	/* the schema's bounds */
	ck_assert_int_eq(reg("Bad-Slug", 1, 'a', "T", FORM_DEF_ACTIVE, "x", &again, NULL, NULL),
			 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(reg("fine", 0, 'a', "T", FORM_DEF_ACTIVE, "x", &again, NULL, NULL),
			 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(reg("fine", 1, 'A', "T", FORM_DEF_ACTIVE, "x", &again, NULL, NULL),
			 CL_ERR_CONSTRAINT); /* upper-case hex */
	ck_assert_int_eq(reg("fine", 1, 'a', "", FORM_DEF_ACTIVE, "x", &again, NULL, NULL),
			 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(store_form_definition_get(st, 999999, &d, &source), CL_ERR_NOTFOUND);
	ck_assert_ptr_null(source);

	/* the list: by form_id, newest version first */
	struct form_definition *defs = NULL;
	size_t count = 0;
	ck_assert_int_eq(store_form_definitions(st, &defs, &count), CL_OK);
	ck_assert_uint_eq(count, 5);
	const char *order[] = {"intake", "intake", "needs", "plan", "risk"};
	for (size_t i = 0; i < count; i++)
		ck_assert_str_eq(defs[i].form_id, order[i]);
	ck_assert_int_eq(defs[0].version, 2);
	ck_assert_int_eq(defs[1].version, 1);
	free(defs);
}
END_TEST

START_TEST(definitions_schema_refuses)
{
	draft(pid, def_a, casey);
	refused("never deleted", "DELETE FROM form_definition WHERE id = %lld%.0lld",
		(long long)def_b, 0);
	refused("keeps its id and version", "UPDATE form_definition SET version = 9 WHERE id = "
					    "%lld%.0lld",
		(long long)def_b, 0);
	refused("keeps its text", "UPDATE form_definition SET source = 'x' WHERE id = %lld%.0lld",
		(long long)def_a, 0);
	refused("keeps its text", "UPDATE form_definition SET hash = '%064lld' WHERE id = %lld",
		0, (long long)def_b); /* active, even unused */
	refused("never returns to draft",
		"UPDATE form_definition SET status = 'draft' WHERE id = %lld%.0lld",
		(long long)def_b, 0);
	accepted("UPDATE form_definition SET status = 'retired' WHERE id = %lld%.0lld",
		 (long long)def_b, 0);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM form_definition"), 3);
}
END_TEST

/* ---- drafts ---- */

START_TEST(response_save_answers_and_stale_revision)
{
	struct form_response r;
	memset(&r, 0, sizeof r);
	r.person_id = pid;
	r.definition_id = def_a;
	r.author_id = casey;
	str_copy(r.author_name, sizeof r.author_name, "Casey Caseworker");
	r.due_on = fx_date("2026-12-23");
	ck_assert_int_eq(TX(store_form_response_insert(st, &r, AT)), CL_OK);
	int64_t id = r.id;
	struct form_response g;
	struct note_reader me = as(casey, 0);
	ck_assert_int_eq(store_form_response_get(st, &me, id, &g), CL_OK);
	ck_assert_int_eq(g.person_id, pid);
	ck_assert_int_eq(g.definition_id, def_a);
	ck_assert_str_eq(g.form_id, "intake");
	ck_assert_int_eq(g.version, 1);
	ck_assert_str_eq(g.title, "Intake Screen");
	ck_assert_int_eq(g.state, FORM_DRAFT);
	ck_assert_str_eq(g.author_name, "Casey Caseworker");
	ck_assert_str_eq(g.created_at, AT);
	ck_assert_str_eq(g.finalized_at, "");
	ck_assert_int_eq(g.revision, 1);
	ck_assert_int_eq(g.due_on, fx_date("2026-12-23"));
	ck_assert_int_eq(g.amends_id, 0);

	int64_t rev = 1, other = 1; /* another terminal read revision 1 too */
	ck_assert_int_eq(save(id, &rev, "name", 0, "An", NOTE_OPEN), CL_OK);
	ck_assert_int_eq(rev, 2);
	ck_assert_int_eq(save(id, &other, "name", 0, "Overwrite", NOTE_OPEN), CL_ERR_STALE);
	ck_assert_int_eq(other, 1);
	ck_assert_int_eq(save(id, &rev, "kids", 0, "Mia", NOTE_OPEN), CL_OK);
	ck_assert_int_eq(save(id, &rev, "kids", 1, "Tom", NOTE_OPEN), CL_OK);
	ck_assert_int_eq(save(id, &rev, "kids", 1, "Tomás", NOTE_HEALTH), CL_OK); /* upsert */
	ck_assert_int_eq(save(id, &rev, "kids", 0, "", NOTE_OPEN), CL_OK);        /* removed */
	ck_assert_int_eq(save(id, &rev, "gone", 0, NULL, NOTE_OPEN), CL_OK);      /* no-op */
	ck_assert_int_eq(rev, 7);
	ck_assert_int_eq(store_form_response_get(st, &me, id, &g), CL_OK);
	ck_assert_int_eq(g.revision, 7);

	struct form_answer *a = NULL;
	size_t n = 0;
	bool withheld = true;
	ck_assert_int_eq(store_form_answers(st, &me, id, &a, &n, &withheld), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert(!withheld);
	ck_assert_str_eq(a[0].field, "kids");
	ck_assert_int_eq(a[0].row, 1);
	ck_assert_str_eq(a[0].value, "Tomás");
	ck_assert_int_eq(a[0].sensitivity, NOTE_HEALTH);
	ck_assert_str_eq(a[1].field, "name");
	ck_assert_str_eq(a[1].value, "An");
	form_answers_free(&a, n);
	ck_assert_ptr_null(a);

	/* scores: all replaced at once, under the same revision rule */
	struct form_score sc[2];
	memset(sc, 0, sizeof sc);
	str_copy(sc[0].score, sizeof sc[0].score, "total");
	sc[0].has_value = true;
	sc[0].value = 12.5;
	sc[0].missing = 1;
	str_copy(sc[0].level, sizeof sc[0].level, "moderate");
	sc[0].band_set = 0;
	str_copy(sc[0].override_level, sizeof sc[0].override_level, "high");
	str_copy(sc[0].override_reason, sizeof sc[0].override_reason, "recent incident");
	sc[0].override_by = casey;
	str_copy(sc[0].final_level, sizeof sc[0].final_level, "high");
	str_copy(sc[1].score, sizeof sc[1].score, "aux");
	sc[1].band_set = -1;
	ck_assert_int_eq(TX(store_form_scores_save(st, id, &rev, sc, 2, AT)), CL_OK);
	ck_assert_int_eq(rev, 8);
	other = 7;
	ck_assert_int_eq(TX(store_form_scores_save(st, id, &other, sc, 1, AT)), CL_ERR_STALE);
	struct form_score *got = NULL;
	ck_assert_int_eq(store_form_scores(st, &me, id, &got, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(got[0].score, "aux");
	ck_assert(!got[0].has_value);
	ck_assert_int_eq(got[0].band_set, -1);
	ck_assert_str_eq(got[1].score, "total");
	ck_assert(got[1].has_value);
	ck_assert(got[1].value == 12.5);
	ck_assert_int_eq(got[1].missing, 1);
	ck_assert_str_eq(got[1].level, "moderate");
	ck_assert_str_eq(got[1].override_level, "high");
	ck_assert_str_eq(got[1].override_reason, "recent incident");
	ck_assert_int_eq(got[1].override_by, casey);
	ck_assert_str_eq(got[1].final_level, "high");
	free(got);
	ck_assert_int_eq(TX(store_form_scores_save(st, id, &rev, sc + 1, 1, AT)), CL_OK);
	ck_assert_int_eq(store_form_scores(st, &me, id, &got, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	free(got);
	/* a final level that is not the override is refused, and nothing of the save stays */
	str_copy(sc[0].final_level, sizeof sc[0].final_level, "moderate");
	ck_assert_int_eq(TX(store_form_scores_save(st, id, &rev, sc, 1, AT)), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(revision_of(id), rev);

	int64_t none = 1;
	ck_assert_int_eq(save(999999, &none, "x", 0, "y", NOTE_OPEN), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_form_response_get(st, &me, 999999, &g), CL_ERR_NOTFOUND);
	/* an answer's schema bounds */
	ck_assert_int_eq(save(id, &rev, "x", -1, "y", NOTE_OPEN), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(save(id, &rev, "x", 0, "y", (enum note_sensitivity)7), CL_ERR_CONSTRAINT);
}
END_TEST

/* ---- leaving draft, and the state machine ---- */

START_TEST(finalize_freezes_answers_and_scores)
{
	int64_t id = draft(pid, def_a, casey);
	int64_t rev = 1;
	ck_assert_int_eq(save(id, &rev, "q1", 0, "yes", NOTE_OPEN), CL_OK);
	struct form_score sc;
	memset(&sc, 0, sizeof sc);
	str_copy(sc.score, sizeof sc.score, "total");
	sc.has_value = true;
	sc.value = 3;
	ck_assert_int_eq(TX(store_form_scores_save(st, id, &rev, &sc, 1, AT)), CL_OK);
	int64_t stale = rev - 1;
	ck_assert_int_eq(TX(store_form_response_move(st, id, &stale, FORM_FINAL, casey, "x", AT)),
			 CL_ERR_STALE);
	ck_assert_int_eq(TX(store_form_response_move(st, id, &rev, FORM_FINAL, casey,
						     "Total 3 \u00b7 level low",
						     "2026-11-23T15:30:00.00Z")),
			 CL_OK);
	ck_assert_int_eq(rev, 4);
	struct form_response g;
	struct note_reader anyone = as(otto, 0);
	ck_assert_int_eq(store_form_response_get(st, &anyone, id, &g), CL_OK);
	ck_assert_int_eq(g.state, FORM_FINAL);
	ck_assert_str_eq(g.finalized_at, "2026-11-23T15:30:00.00Z");
	ck_assert_int_eq(g.finalized_by, casey);
	ck_assert_str_eq(g.summary, "Total 3 \u00b7 level low");
	/* the store refuses every write to it */
	ck_assert_int_eq(save(id, &rev, "q1", 0, "no", NOTE_OPEN), CL_ERR_INVALID);
	ck_assert_int_eq(save(id, &rev, "q2", 0, "no", NOTE_OPEN), CL_ERR_INVALID);
	ck_assert_int_eq(TX(store_form_scores_save(st, id, &rev, &sc, 1, AT)), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, FORM_PENDING_REVIEW, casey, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, FORM_DRAFT, casey, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(rev, 4);

	/* and so does the schema, even through raw SQL */
	long long i = (long long)id;
	refused("answers change", "UPDATE form_answer SET value = 'no' WHERE response_id = "
				  "%lld%.0lld", i, 0);
	refused("answers change", "INSERT INTO form_answer VALUES (%lld, 'q2', 0, 'x', %lld)", i,
		0);
	refused("answers change", "DELETE FROM form_answer WHERE response_id = %lld%.0lld", i, 0);
	refused("scores change", "UPDATE form_score SET value = 9 WHERE response_id = %lld%.0lld",
		i, 0);
	refused("scores change",
		"INSERT INTO form_score (response_id, score) VALUES (%lld, 'z%lld')", i, 0);
	refused("scores change", "DELETE FROM form_score WHERE response_id = %lld%.0lld", i, 0);
	refused("never changes", "UPDATE form_response SET summary = 'x' WHERE id = %lld%.0lld",
		i, 0);
	refused("never changes", "UPDATE form_response SET state = 'draft', finalized_at = NULL, "
				 "finalized_by = NULL WHERE id = %lld%.0lld",
		i, 0);
	refused("never deleted", "DELETE FROM form_response WHERE id = %lld%.0lld", i, 0);
	/* an answer moved from a draft onto it */
	int64_t d = draft(pid, def_a, casey);
	int64_t drev = 1;
	ck_assert_int_eq(save(d, &drev, "q9", 0, "v", NOTE_OPEN), CL_OK);
	refused("answers change", "UPDATE form_answer SET response_id = %lld WHERE response_id = "
				  "%lld",
		i, (long long)d);
	/* a draft's origin is fixed, its answers are not */
	refused("keeps its person", "UPDATE form_response SET person_id = %lld WHERE id = %lld",
		(long long)pid2, (long long)d);
	refused("keeps its person", "UPDATE form_response SET definition_id = %lld WHERE id = "
				    "%lld",
		(long long)def_a2, (long long)d);
	refused("keeps its person", "UPDATE form_response SET author_id = %lld WHERE id = %lld",
		(long long)otto, (long long)d);
	accepted("UPDATE form_answer SET value = 'w' WHERE response_id = %lld%.0lld",
		 (long long)d, 0);
	/* leaving draft needs who and when */
	refused("CHECK", "UPDATE form_response SET state = 'final' WHERE id = %lld%.0lld",
		(long long)d, 0);
	char v[16];
	char sql[100];
	snprintf(sql, sizeof sql, "SELECT value FROM form_answer WHERE response_id = %lld", i);
	fx_sql_text(fx.db, sql, v, sizeof v);
	ck_assert_str_eq(v, "yes");
}
END_TEST

START_TEST(review_transitions)
{
	int64_t id = draft(pid, def_a, casey);
	ck_assert_int_eq(move(id, FORM_APPROVED, lee, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, FORM_RETURNED, lee, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, FORM_DRAFT, casey, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, (enum form_state)42, casey, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, FORM_PENDING_REVIEW, casey, "Total 5"), CL_OK);
	ck_assert_int_eq(move(id, FORM_FINAL, casey, NULL), CL_ERR_INVALID);
	/* nobody reviews their own */
	ck_assert_int_eq(move(id, FORM_APPROVED, casey, NULL), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(move(id, FORM_RETURNED, lee, "Evidence for item 3 is missing"), CL_OK);
	struct form_response g;
	struct note_reader me = as(casey, 0);
	ck_assert_int_eq(store_form_response_get(st, &me, id, &g), CL_OK);
	ck_assert_int_eq(g.state, FORM_RETURNED);
	ck_assert_int_eq(g.reviewed_by, lee);
	ck_assert_str_eq(g.review_note, "Evidence for item 3 is missing");
	ck_assert_str_eq(g.summary, "Total 5");
	int64_t rev = g.revision;
	ck_assert_int_eq(save(id, &rev, "q1", 0, "x", NOTE_OPEN), CL_ERR_INVALID);
	/* back to draft: the submission is cleared, the answers change again */
	ck_assert_int_eq(move(id, FORM_DRAFT, casey, "ignored"), CL_OK);
	ck_assert_int_eq(store_form_response_get(st, &me, id, &g), CL_OK);
	ck_assert_int_eq(g.state, FORM_DRAFT);
	ck_assert_str_eq(g.finalized_at, "");
	ck_assert_int_eq(g.finalized_by, 0);
	ck_assert_str_eq(g.summary, "");
	ck_assert_str_eq(g.review_note, "Evidence for item 3 is missing"); /* the last review */
	rev = g.revision;
	ck_assert_int_eq(save(id, &rev, "q3", 0, "evidence", NOTE_OPEN), CL_OK);
	ck_assert_int_eq(move(id, FORM_PENDING_REVIEW, casey, "Total 6"), CL_OK);
	ck_assert_int_eq(move(id, FORM_RETURNED, lee, "Still missing"), CL_OK);
	/* resubmitted as it was */
	ck_assert_int_eq(move(id, FORM_PENDING_REVIEW, casey, "ignored"), CL_OK);
	ck_assert_int_eq(store_form_response_get(st, &me, id, &g), CL_OK);
	ck_assert_int_eq(g.state, FORM_PENDING_REVIEW);
	ck_assert_str_eq(g.summary, "Total 6");
	ck_assert_int_eq(move(id, FORM_APPROVED, lee, ""), CL_OK);
	/* approved is terminal */
	ck_assert_int_eq(move(id, FORM_RETURNED, lee, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, FORM_DRAFT, casey, NULL), CL_ERR_INVALID);
	ck_assert_int_eq(move(id, FORM_PENDING_REVIEW, casey, NULL), CL_ERR_INVALID);
	int64_t none = 1;
	ck_assert_int_eq(TX(store_form_response_move(st, 999999, &none, FORM_FINAL, casey, NULL,
						     AT)),
			 CL_ERR_NOTFOUND);
	/* the schema agrees */
	long long i = (long long)id;
	refused("never changes", "UPDATE form_response SET state = 'returned' WHERE id = %lld%.0lld",
		i, 0);
	int64_t p = draft(pid, def_a, casey);
	ck_assert_int_eq(move(p, FORM_PENDING_REVIEW, casey, NULL), CL_OK);
	refused("only moves forward", "UPDATE form_response SET state = 'draft', finalized_at = "
				      "NULL, finalized_by = NULL WHERE id = %lld%.0lld",
		(long long)p, 0);
	refused("only moves forward", "UPDATE form_response SET state = 'final' WHERE id = "
				      "%lld%.0lld",
		(long long)p, 0);
	refused("summary changes", "UPDATE form_response SET summary = 'y' WHERE id = %lld%.0lld",
		(long long)p, 0);
	ck_assert_int_eq(move(p, FORM_RETURNED, lee, NULL), CL_OK);
	refused("only moves forward", "UPDATE form_response SET state = 'approved' WHERE id = "
				      "%lld%.0lld",
		(long long)p, 0);
	/* a stale review is refused */
	int64_t stale = revision_of(p) - 1;
	ck_assert_int_eq(TX(store_form_response_move(st, p, &stale, FORM_PENDING_REVIEW, casey,
						     NULL, AT)),
			 CL_ERR_STALE);
}
END_TEST

/* ---- amendments ---- */

static size_t answers_of(int64_t reader, unsigned grants, int64_t id, struct form_answer **a,
			 bool *withheld)
{
	struct note_reader r = as(reader, grants);
	size_t n = 0;
	ck_assert_int_eq(store_form_answers(st, &r, id, a, &n, withheld), CL_OK);
	return n;
}

static enum cl_status amend(int64_t reader, unsigned grants, int64_t original,
			    int64_t definition, int64_t *id, bool *withheld)
{
	struct form_response r;
	memset(&r, 0, sizeof r);
	r.definition_id = definition;
	r.author_id = reader;
	str_copy(r.author_name, sizeof r.author_name, staff_name(reader));
	r.due_on = DATE_NONE;
	struct note_reader rd = as(reader, grants);
	enum cl_status s = TX(store_form_response_amend(st, &rd, original, &r, AT, withheld));
	*id = r.id;
	if (s == CL_OK) {
		ck_assert_int_eq(r.amends_id, original);
		ck_assert_int_eq(r.revision, 1);
	}
	return s;
}

START_TEST(amendments_copy_answers_and_link)
{
	int64_t orig = draft(pid, def_a, casey);
	int64_t rev = 1;
	ck_assert_int_eq(save(orig, &rev, "housing", 0, "shelter", NOTE_OPEN), CL_OK);
	ck_assert_int_eq(save(orig, &rev, "treatment", 0, "methadone clinic", NOTE_PART2), CL_OK);
	int64_t id;
	bool withheld;
	/* a draft is not amended: it is edited */
	ck_assert_int_eq(amend(casey, 15, orig, 0, &id, &withheld), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(move(orig, FORM_FINAL, casey, "Total 1"), CL_OK);
	/* another form is not an amendment */
	ck_assert_int_eq(amend(casey, 15, orig, def_b, &id, &withheld), CL_ERR_CONSTRAINT);
	/* with the grant: every answer copied, made with the newer version of the same form */
	ck_assert_int_eq(amend(lee, GRANT_PART2, orig, def_a2, &id, &withheld), CL_OK);
	ck_assert(!withheld);
	struct form_answer *a;
	ck_assert_uint_eq(answers_of(lee, GRANT_PART2, id, &a, NULL), 2);
	ck_assert_str_eq(a[1].field, "treatment");
	ck_assert_str_eq(a[1].value, "methadone clinic");
	ck_assert_int_eq(a[1].sensitivity, NOTE_PART2);
	form_answers_free(&a, 2);
	struct form_response g;
	struct note_reader r = as(lee, 0);
	ck_assert_int_eq(store_form_response_get(st, &r, id, &g), CL_OK);
	ck_assert_int_eq(g.amends_id, orig);
	ck_assert_int_eq(g.person_id, pid);
	ck_assert_int_eq(g.definition_id, def_a2);
	ck_assert_int_eq(g.state, FORM_DRAFT);
	/* the original names it: to its author while a draft, to everyone once final */
	ck_assert_int_eq(store_form_response_get(st, &r, orig, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, id);
	struct note_reader other = as(otto, 0);
	ck_assert_int_eq(store_form_response_get(st, &other, orig, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, 0);
	ck_assert_int_eq(move(id, FORM_FINAL, lee, "Total 2"), CL_OK);
	ck_assert_int_eq(store_form_response_get(st, &other, orig, &g), CL_OK);
	ck_assert_int_eq(g.amended_by_id, id);
	/* the person's list marks the original */
	struct form_response list[10];
	size_t n;
	ck_assert_int_eq(store_form_responses_of_person(st, &other, pid, 0, list, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].id, id);
	ck_assert_int_eq(list[0].amends_id, orig);
	ck_assert_int_eq(list[1].id, orig);
	ck_assert_int_eq(list[1].amended_by_id, id);

	/* without the grant: the part2 answer is not copied, and the caller is told */
	int64_t id2;
	ck_assert_int_eq(amend(otto, 0, orig, 0, &id2, &withheld), CL_OK);
	ck_assert(withheld);
	ck_assert_uint_eq(answers_of(otto, 0, id2, &a, &withheld), 1);
	ck_assert(!withheld);
	ck_assert_str_eq(a[0].field, "housing");
	form_answers_free(&a, 1);
	ck_assert_int_eq(store_form_response_get(st, &other, id2, &g), CL_OK);
	ck_assert_int_eq(g.definition_id, def_a);
	/* a response of another person is not corrected by this one (raw SQL) */
	refused("corrects a submitted response",
		"INSERT INTO form_response (person_id, definition_id, author_id, author_name, "
		"created_at, updated_at, amends_id) VALUES (%lld, 1, 1, 'x', 'a', 'a', %lld)",
		(long long)pid2, (long long)orig);
	/* amending what the reader may not see */
	int64_t hidden = draft(pid, def_a, otto);
	ck_assert_int_eq(amend(casey, 15, hidden, 0, &id, &withheld), CL_ERR_NOTFOUND);
}
END_TEST

/* ---- who sees what ---- */

static bool text_has(const char *haystack, const char *needle)
{
	return strstr(haystack, needle) != NULL;
}

START_TEST(sensitive_answers_need_their_grant_on_every_read)
{
	static const char *const secret = "cocaine-use-disorder";
	int64_t id = draft(pid, def_a, casey);
	int64_t rev = 1;
	ck_assert_int_eq(save(id, &rev, "a_open", 0, "works in kitchen", NOTE_OPEN), CL_OK);
	ck_assert_int_eq(save(id, &rev, "b_part2", 0, secret, NOTE_PART2), CL_OK);
	ck_assert_int_eq(save(id, &rev, "c_prea", 0, "prea detail", NOTE_PREA), CL_OK);
	ck_assert_int_eq(save(id, &rev, "d_health", 0, "asthma", NOTE_HEALTH), CL_OK);
	/* a draft: only its author, on every read */
	struct note_reader lead_all = as(lee, 15);
	struct form_response g;
	ck_assert_int_eq(store_form_response_get(st, &lead_all, id, &g), CL_ERR_NOTFOUND);
	struct form_answer *a = NULL;
	size_t n = 9;
	ck_assert_int_eq(store_form_answers(st, &lead_all, id, &a, &n, NULL), CL_ERR_NOTFOUND);
	ck_assert_ptr_null(a);
	ck_assert_uint_eq(n, 0);
	struct form_score *sc = NULL;
	ck_assert_int_eq(store_form_scores(st, &lead_all, id, &sc, &n), CL_ERR_NOTFOUND);
	struct form_response list[5];
	ck_assert_int_eq(store_form_responses_of_person(st, &lead_all, pid, 0, list, 5, &n),
			 CL_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(move(id, FORM_FINAL, casey, "Total 4"), CL_OK);

	/* the author sees all of their own, whatever their grants */
	bool withheld = true;
	ck_assert_uint_eq(answers_of(casey, 0, id, &a, &withheld), 4);
	ck_assert(!withheld);
	form_answers_free(&a, 4);
	/* others: what their grants open, told that something was withheld */
	ck_assert_uint_eq(answers_of(otto, 0, id, &a, &withheld), 1);
	ck_assert(withheld);
	ck_assert_str_eq(a[0].field, "a_open");
	form_answers_free(&a, 1);
	ck_assert_uint_eq(answers_of(otto, GRANT_PART2, id, &a, &withheld), 2);
	ck_assert(withheld);
	ck_assert_str_eq(a[1].field, "b_part2");
	ck_assert_str_eq(a[1].value, secret);
	form_answers_free(&a, 2);
	ck_assert_uint_eq(answers_of(otto, GRANT_PREA | GRANT_HEALTH, id, &a, &withheld), 3);
	ck_assert(withheld);
	for (size_t i = 0; i < 3; i++)
		ck_assert(!text_has(a[i].value, secret));
	form_answers_free(&a, 3);
	ck_assert_uint_eq(answers_of(otto, 15, id, &a, &withheld), 4);
	ck_assert(!withheld);
	form_answers_free(&a, 4);

	/* no other read carries an answer's text: header, list, timeline, an amendment */
	unsigned no_part2 = 15u & ~GRANT_PART2;
	struct note_reader r = as(otto, no_part2);
	ck_assert_int_eq(store_form_response_get(st, &r, id, &g), CL_OK);
	ck_assert(!text_has(g.summary, secret) && !text_has(g.title, secret));
	ck_assert_int_eq(store_form_responses_of_person(st, &r, pid, 0, list, 5, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(!text_has(list[0].summary, secret));
	struct timeline_entry e[10];
	struct timeline_query q = {.person_id = pid};
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(e[0].kind, TIMELINE_FORM);
	ck_assert(e[0].sensitive);
	ck_assert(!text_has(e[0].summary, secret));
	int64_t am;
	ck_assert_int_eq(amend(otto, no_part2, id, 0, &am, &withheld), CL_OK);
	ck_assert(withheld);
	ck_assert_uint_eq(answers_of(otto, no_part2, am, &a, &withheld), 3);
	for (size_t i = 0; i < 3; i++)
		ck_assert(!text_has(a[i].value, secret));
	form_answers_free(&a, 3);
	ck_assert_int_eq(fx_sql_int(fx.db, "SELECT count(*) FROM form_answer WHERE value = "
					   "'cocaine-use-disorder'"),
			 1);
}
END_TEST

/* ---- lists ---- */

START_TEST(person_responses_page_newest_first)
{
	int64_t ids[40];
	size_t visible_to_casey = 0;
	for (int i = 0; i < 23; i++) {
		int64_t author = i % 4 == 3 ? otto : casey;
		int64_t id = draft(i % 5 == 4 ? pid2 : pid, i % 2 ? def_a : def_b, author);
		bool finalized = i % 3 != 0;
		if (finalized)
			ck_assert_int_eq(move(id, FORM_FINAL, author, "S"), CL_OK);
		if (i % 5 != 4 && (finalized || author == casey))
			ids[visible_to_casey++] = id;
	}
	struct note_reader r = as(casey, 0);
	struct form_response all[40], page[40];
	size_t n_all;
	ck_assert_int_eq(store_form_responses_of_person(st, &r, pid, 0, all, 40, &n_all), CL_OK);
	ck_assert_uint_eq(n_all, visible_to_casey);
	for (size_t i = 0; i < n_all; i++) {
		ck_assert_int_eq(all[i].id, ids[visible_to_casey - 1 - i]);
		ck_assert(all[i].state != FORM_DRAFT || all[i].author_id == casey);
		ck_assert_int_eq(all[i].person_id, pid);
	}
	ck_assert_str_eq(all[0].form_id, all[0].definition_id == def_a ? "intake" : "needs");
	for (size_t size = 1; size <= 8; size++) {
		size_t total = 0, n;
		int64_t before = 0;
		do {
			ck_assert_int_eq(store_form_responses_of_person(st, &r, pid, before,
									page + total, size, &n),
					 CL_OK);
			if (n)
				before = page[total + n - 1].id;
			total += n;
		} while (n == size);
		ck_assert_uint_eq(total, n_all);
		for (size_t i = 0; i < total; i++)
			ck_assert_int_eq(page[i].id, all[i].id);
	}
	size_t n;
	ck_assert_int_eq(store_form_responses_of_person(st, &r, pid, 0, all, 0, &n), CL_OK);
	ck_assert_uint_eq(n, 0);

	/* an author's waiting responses: drafts and the returned ones, newest first */
	int64_t ret = draft(pid, def_a, casey);
	ck_assert_int_eq(move(ret, FORM_PENDING_REVIEW, casey, NULL), CL_OK);
	ck_assert_int_eq(move(ret, FORM_RETURNED, lee, "fix"), CL_OK);
	ck_assert_int_eq(store_form_drafts_of_author(st, casey, 0, all, 40, &n), CL_OK);
	ck_assert_uint_eq(n, 7); /* i = 0, 6, 9, 12, 18, 21 (i = 3, 15 are otto's), and ret */
	ck_assert_int_eq(all[0].id, ret);
	ck_assert_int_eq(all[0].state, FORM_RETURNED);
	for (size_t i = 1; i < n; i++) {
		ck_assert_int_eq(all[i].state, FORM_DRAFT);
		ck_assert_int_eq(all[i].author_id, casey);
		ck_assert(all[i].id < all[i - 1].id);
	}
	ck_assert_int_eq(store_form_drafts_of_author(st, casey, all[2].id, page, 2, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(page[0].id, all[3].id);
	ck_assert_int_eq(store_form_drafts_of_author(st, otto, 0, all, 40, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
}
END_TEST

/* ---- the timeline ---- */

static void change_add(const char *at)
{
	fx_tx_begin(st);
	ck_assert_int_eq(store_person_change_add(st, pid, "unit", "A", "B", at, casey), CL_OK);
	ck_assert_int_eq(store_commit(st), CL_OK);
}

static void note_add(const char *contact_at, int64_t *id)
{
	struct note n;
	memset(&n, 0, sizeof n);
	n.person_id = pid;
	n.author_id = casey;
	str_copy(n.author_name, sizeof n.author_name, "Casey Caseworker");
	str_copy(n.type, sizeof n.type, "contact");
	str_copy(n.contact_at, sizeof n.contact_at, contact_at);
	n.body = xstrdup("a body");
	ck_assert_int_eq(TX(store_note_insert(st, &n, AT)), CL_OK);
	ck_assert_int_eq(TX(store_note_submit(st, n.id, NOTE_FINAL, casey, AT)), CL_OK);
	*id = n.id;
	note_clear(&n);
}

START_TEST(timeline_shows_forms_that_left_draft)
{
	int64_t f1 = final_at(pid, def_a, casey, "Total 12 \u00b7 level moderate",
			      "2026-11-20T09:00:00.00Z");
	int64_t f2 = draft(pid, def_b, otto);
	ck_assert_int_eq(move_at(f2, FORM_PENDING_REVIEW, otto, "", "2026-11-21T10:00:00.00Z"),
			 CL_OK);
	draft(pid, def_a, casey); /* drafts never show, not even to their author */
	final_at(pid2, def_a, casey, "elsewhere", "2026-11-21T10:00:00.00Z");
	change_add("2026-11-20T09:00:00.00Z"); /* the same time as f1: the change comes first */
	int64_t note;
	note_add("2026-11-20 12:00", &note);

	struct timeline_entry e[10];
	size_t n;
	struct note_reader r = as(casey, 0);
	struct timeline_query q = {.person_id = pid};
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(e[0].kind, TIMELINE_FORM);
	ck_assert_int_eq(e[0].id, f2);
	ck_assert_str_eq(e[0].type, "form");
	ck_assert_str_eq(e[0].summary, "Needs Review v1");
	ck_assert_str_eq(e[0].who, "Otto Other");
	ck_assert_str_eq(e[0].at, "2026-11-21 10:00:00.00Z");
	ck_assert_int_eq(e[0].state, NOTE_PENDING_COSIGN);
	ck_assert_int_eq(e[1].kind, TIMELINE_NOTE);
	ck_assert_int_eq(e[1].id, note);
	ck_assert_int_eq(e[2].kind, TIMELINE_CHANGE);
	ck_assert_int_eq(e[3].kind, TIMELINE_FORM);
	ck_assert_int_eq(e[3].id, f1);
	ck_assert_str_eq(e[3].summary, "Intake Screen v1: Total 12 \u00b7 level moderate");
	ck_assert_str_eq(e[3].who, "Casey Caseworker");
	ck_assert_str_eq(e[3].at, "2026-11-20 09:00:00.00Z");
	ck_assert_int_eq(e[3].state, NOTE_FINAL);
	ck_assert(!e[3].amended);
	ck_assert(!e[3].sensitive);

	/* forms only, and by day */
	q.type = "form";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert(e[0].kind == TIMELINE_FORM && e[1].kind == TIMELINE_FORM);
	q.since = q.until = "2026-11-20";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(e[0].id, f1);
	q.type = "change";
	q.since = q.until = NULL;
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	q.type = "contact";
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(e[0].kind, TIMELINE_NOTE);

	/* amended once the amendment is visible; gone when returned to draft */
	int64_t am;
	bool withheld;
	ck_assert_int_eq(amend(otto, 0, f1, 0, &am, &withheld), CL_OK);
	q.type = "form";
	struct note_reader other = as(otto, 0);
	ck_assert_int_eq(store_timeline(st, &other, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert(e[1].amended);
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert(!e[1].amended);
	ck_assert_int_eq(move(f2, FORM_RETURNED, lee, "no"), CL_OK);
	ck_assert_int_eq(move(f2, FORM_DRAFT, otto, NULL), CL_OK);
	ck_assert_int_eq(store_timeline(st, &r, &q, e, 10, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(e[0].id, f1);
}
END_TEST

START_TEST(timeline_pages_three_kinds_without_gaps)
{
	/* changes and forms at the very same times, notes in between */
	static const char *const times[] = {"2026-11-20T09:00:00.00Z", "2026-11-20T09:00:00.00Z",
					    "2026-11-21T08:15:00.00Z", "2026-11-19T23:59:59.99Z",
					    "2026-11-20T09:00:00.00Z"};
	size_t expected = 0;
	for (int i = 0; i < 12; i++) {
		final_at(pid, def_a, i % 2 ? casey : otto, "S", times[i % 5]);
		change_add(times[(i + 1) % 5]);
		expected += 2;
		if (i % 3 == 0) {
			int64_t note;
			note_add(i % 2 ? "2026-11-20 09:00" : "2026-11-21 08:15", &note);
			expected++;
		}
	}
	struct note_reader r = as(casey, 0);
	struct timeline_entry all[100], page[100];
	struct timeline_query q = {.person_id = pid};
	size_t n_all = fx_timeline_paged(st, &r, &q, 100, all, 100);
	ck_assert_uint_eq(n_all, expected);
	for (size_t i = 1; i < n_all; i++)
		ck_assert_msg(fx_timeline_before(&all[i - 1], &all[i]), "entry %zu (%s) out of order",
			      i, all[i].at);
	for (size_t size = 1; size <= 9; size++) {
		size_t n = fx_timeline_paged(st, &r, &q, size, page, 100);
		ck_assert_uint_eq(n, n_all);
		for (size_t i = 0; i < n; i++) {
			ck_assert_int_eq(page[i].kind, all[i].kind);
			ck_assert_int_eq(page[i].id, all[i].id);
		}
	}
}
END_TEST

static Suite *formstore_suite(void)
{
	Suite *s = suite_create("formstore");
	TCase *tc = tcase_create("formstore");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, definitions_register_replace_refuse);
	tcase_add_test(tc, definitions_schema_refuses);
	tcase_add_test(tc, response_save_answers_and_stale_revision);
	tcase_add_test(tc, finalize_freezes_answers_and_scores);
	tcase_add_test(tc, review_transitions);
	tcase_add_test(tc, amendments_copy_answers_and_link);
	tcase_add_test(tc, sensitive_answers_need_their_grant_on_every_read);
	tcase_add_test(tc, person_responses_page_newest_first);
	tcase_add_test(tc, timeline_shows_forms_that_left_draft);
	tcase_add_test(tc, timeline_pages_three_kinds_without_gaps);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(formstore_suite());
}
