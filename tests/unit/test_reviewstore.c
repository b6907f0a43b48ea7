/* QA review in the store: the state machine (every move allowed and refused), the author
 * never assigned nor deciding (through the store and through raw SQL), the append-only
 * history (events in order with who and when, anchored comments), snapshots and the changes
 * between rounds with sensitive values withheld, the queue (order, filters, keyset paging),
 * an author's returned items, the population a QA sample is drawn from, sample uniqueness,
 * and the team view and per-criterion counts over a period. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formstore.h"
#include "caseload/migrations.h"
#include "caseload/notes.h"
#include "caseload/reviewstore.h"
#include "caseload/store.h"
#include "caseload/strbuf.h"
#include "fixture.h"

#define NOW "2026-11-23T15:00:00Z"
#define AT "2026-11-23T15:00:00.00Z"
#define GRANT_PART2 1u

static struct fx_app fx;
static struct store *st;
static int64_t pid;                   /* the person */
static int64_t casey, otto, lee, ivy; /* two caseworkers, a lead, an intern */
static int64_t def_intake, def_qa;    /* the item's form and the QA checklist */

/* One store write in its own transaction, as a use case runs it. */
#define TX(call) FX_TX(st, call)

static int64_t reg(const char *form_id, char digit, const char *title)
{
	char hash[FORM_HASH_SIZE];
	memset(hash, digit, 64);
	hash[64] = '\0';
	struct form_registration r = {form_id, 1, hash, title, FORM_DEF_ACTIVE, "caseform: 1\n",
				      "forms/x.yaml"};
	int64_t id = 0;
	ck_assert_int_eq(TX(store_form_register(st, &r, AT, &id, NULL, NULL)), CL_OK);
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
	otto = fx_staff_add(&fx.app, "otto", "Otto Other", "caseworker");
	lee = fx_staff_add(&fx.app, "lee", "Lee Lead", "lead");
	ivy = fx_staff_add(&fx.app, "ivy", "Ivy Intern", "intern");
	def_intake = reg("intake", 'a', "Intake Screen");
	def_qa = reg("qa_checklist", 'b', "QA Checklist");
}

static void teardown(void)
{
	fx_app_close(&fx);
}

#define refused(why, fmt, a, b) fx_sql_refused(fx.db, why, fmt, a, b)
#define sql_ok(fmt, a, b) fx_sql_accepted(fx.db, fmt, a, b)

static long long sql_int(const char *fmt, long long a)
{
	char sql[400];
	snprintf(sql, sizeof sql, fmt, a);
	return fx_sql_int(fx.db, sql);
}

/* A draft of `definition` by author; returns its id and sets *rev. */
static int64_t draft(int64_t definition, int64_t author, int64_t *rev)
{
	struct form_response r;
	memset(&r, 0, sizeof r);
	r.person_id = pid;
	r.definition_id = definition;
	r.author_id = author;
	str_copy(r.author_name, sizeof r.author_name, "someone");
	r.due_on = DATE_NONE;
	ck_assert_int_eq(TX(store_form_response_insert(st, &r, AT)), CL_OK);
	*rev = r.revision;
	return r.id;
}

static void answer(int64_t id, int64_t *rev, const char *field, int row, const char *value,
		   enum note_sensitivity s)
{
	ck_assert_int_eq(TX(store_form_answer_save(st, id, rev, field, row, value, s, AT)), CL_OK);
}

static void form_move(int64_t id, int64_t *rev, enum form_state to, int64_t by, const char *at)
{
	enum cl_status s = TX(store_form_response_move(st, id, rev, to, by, NULL, at));
	ck_assert_msg(s == CL_OK, "move: %s", store_last_error(st));
}

/* A response by author submitted for review (one answer). */
static int64_t item(int64_t author)
{
	int64_t rev;
	int64_t id = draft(def_intake, author, &rev);
	answer(id, &rev, "q1", 0, "yes", NOTE_OPEN);
	form_move(id, &rev, FORM_PENDING_REVIEW, author, AT);
	return id;
}

/* Opens a review of object, submitted by `by` (its author). */
static enum cl_status open_by(enum review_kind kind, int64_t object, int64_t assigned,
			      int64_t by, const char *at, struct review *r)
{
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->object_id = object;
	r->reason = kind == REVIEW_NOTE ? REVIEW_COSIGN : REVIEW_REQUIRED;
	r->assigned_to = assigned;
	r->due_on = fx_date("2026-12-01");
	return TX(store_review_open(st, r, by, at));
}

/* An interview note by the intern, submitted for co-signature; returns its id. */
static int64_t intern_note(void)
{
	struct note n;
	memset(&n, 0, sizeof n);
	n.person_id = pid;
	n.author_id = ivy;
	str_copy(n.author_name, sizeof n.author_name, "Ivy Intern");
	str_copy(n.type, sizeof n.type, "Interview");
	str_copy(n.contact_at, sizeof n.contact_at, "2026-11-20 10:00");
	ck_assert_int_eq(TX(store_note_insert(st, &n, AT)), CL_OK);
	ck_assert_int_eq(TX(store_note_submit(st, n.id, NOTE_PENDING_COSIGN, ivy, AT)), CL_OK);
	int64_t id = n.id;
	note_clear(&n);
	return id;
}

/* Opens a review with casey recorded as the one who submitted it. */
static enum cl_status open_at(enum review_kind kind, int64_t object, int64_t assigned,
			      const char *at, struct review *r)
{
	return open_by(kind, object, assigned, casey, at, r);
}

/* A review of a new item by author, submitted at `at` and assigned (0: shared). */
static int64_t review_at(int64_t author, int64_t assigned, const char *at)
{
	struct review r;
	enum cl_status s = open_by(REVIEW_FORM, item(author), assigned, author, at, &r);
	ck_assert_msg(s == CL_OK, "open: %s", store_last_error(st));
	return r.id;
}

static struct review get(int64_t id)
{
	struct review r;
	ck_assert_int_eq(store_review_get(st, id, &r), CL_OK);
	return r;
}

static enum cl_status take(int64_t id, int64_t by)
{
	return TX(store_review_take(st, id, by, AT));
}

static enum cl_status reassign(int64_t id, int64_t to, int64_t by)
{
	return TX(store_review_reassign(st, id, to, by, AT));
}

static enum cl_status decide_at(int64_t id, enum review_state to, int64_t by, const char *note,
				const char *at)
{
	return TX(store_review_decide(st, id, to, by, note, at));
}

static enum cl_status decide(int64_t id, enum review_state to, int64_t by)
{
	return decide_at(id, to, by, NULL, AT);
}

static enum cl_status resubmit_at(int64_t id, int64_t to, int64_t by, const char *at)
{
	return TX(store_review_resubmit(st, id, 0, to, DATE_NONE, by, at));
}

/* A sample of a form, as the tests of samples spell it. */
static enum cl_status sample_add(const char *period, const char *form, int percent, uint64_t seed,
				 size_t eligible, size_t drawn, int64_t by, const char *at,
				 int64_t *id)
{
	struct review_sample_record rec = {.period = period, .kind = REVIEW_FORM, .form_id = form,
					   .percent = percent, .seed = seed, .eligible = eligible,
					   .drawn = drawn};
	return store_review_sample_add(st, &rec, by, at, id);
}

static long long events_of(int64_t id)
{
	return sql_int("SELECT count(*) FROM review_event WHERE review_id = %lld", id);
}

/* ---- the state machine ---- */

START_TEST(open_reads_back_with_names_and_title)
{
	int64_t form = item(casey);
	struct review r;
	ck_assert_int_eq(open_at(REVIEW_FORM, form, 0, "2026-11-20T09:00:00.00Z", &r), CL_OK);
	ck_assert(r.id > 0);
	struct review g = get(r.id);
	ck_assert_int_eq(g.kind, REVIEW_FORM);
	ck_assert_int_eq(g.object_id, form);
	ck_assert_int_eq(g.person_id, pid);
	ck_assert_str_eq(g.person_name, "Nguyễn, An");
	ck_assert_str_eq(g.person_oid, "300001");
	ck_assert_int_eq(g.author_id, casey);
	ck_assert_str_eq(g.author_name, "Casey Caseworker");
	ck_assert_str_eq(g.title, "Intake Screen v1");
	ck_assert_int_eq(g.reason, REVIEW_REQUIRED);
	ck_assert_int_eq(g.state, REVIEW_SUBMITTED);
	ck_assert_int_eq(g.round, 1);
	ck_assert_int_eq(g.assigned_to, 0);
	ck_assert_str_eq(g.assigned_name, "");
	ck_assert_str_eq(g.submitted_at, "2026-11-20T09:00:00.00Z");
	ck_assert_int_eq(g.due_on, fx_date("2026-12-01"));
	ck_assert_str_eq(g.decided_at, "");
	ck_assert_int_eq(g.decided_by, 0);
	ck_assert_int_eq(memcmp(&g, &r, sizeof g), 0);
	struct review of;
	ck_assert_int_eq(store_review_of(st, REVIEW_FORM, form, &of), CL_OK);
	ck_assert_int_eq(of.id, r.id);
	ck_assert_int_eq(store_review_of(st, REVIEW_NOTE, form, &of), CL_ERR_NOTFOUND);

	/* one review per item */
	struct review again;
	ck_assert_int_eq(open_at(REVIEW_FORM, form, 0, AT, &again), CL_ERR_EXISTS);
	ck_assert_int_eq(again.id, 0);
	/* no such item */
	ck_assert_int_eq(open_at(REVIEW_FORM, 999999, 0, AT, &again), CL_ERR_NOTFOUND);
	ck_assert_int_eq(open_at(REVIEW_NOTE, form, 0, AT, &again), CL_ERR_NOTFOUND);
	ck_assert_int_eq(store_review_get(st, 999999, &g), CL_ERR_NOTFOUND);

	/* an intern's note to co-sign goes to their supervisor */
	int64_t note_id = intern_note();
	ck_assert_int_eq(open_at(REVIEW_NOTE, note_id, casey, AT, &r), CL_OK);
	ck_assert_str_eq(r.title, "Case note: Interview");
	ck_assert_int_eq(r.reason, REVIEW_COSIGN);
	ck_assert_int_eq(r.author_id, ivy);
	ck_assert_str_eq(r.assigned_name, "Casey Caseworker");
}
END_TEST

START_TEST(transitions_allowed_in_order)
{
	int64_t id = review_at(casey, 0, "2026-11-20T09:00:00.00Z");
	ck_assert_int_eq(take(id, lee), CL_OK);
	struct review r = get(id);
	ck_assert_int_eq(r.state, REVIEW_IN_REVIEW);
	ck_assert_int_eq(r.assigned_to, lee);
	ck_assert_str_eq(r.assigned_name, "Lee Lead");

	ck_assert_int_eq(reassign(id, otto, lee), CL_OK);
	r = get(id);
	ck_assert_int_eq(r.state, REVIEW_SUBMITTED);
	ck_assert_int_eq(r.assigned_to, otto);

	ck_assert_int_eq(reassign(id, 0, otto), CL_OK); /* back to the shared queue */
	ck_assert_int_eq(get(id).assigned_to, 0);
	ck_assert_int_eq(take(id, otto), CL_OK);

	ck_assert_int_eq(decide_at(id, REVIEW_RETURNED, otto, "see q1", "2026-11-21T09:00:00.00Z"),
			 CL_OK);
	r = get(id);
	ck_assert_int_eq(r.state, REVIEW_RETURNED);
	ck_assert_int_eq(r.decided_by, otto);
	ck_assert_str_eq(r.decided_at, "2026-11-21T09:00:00.00Z");

	/* back to whoever returned it */
	ck_assert_int_eq(resubmit_at(id, 0, casey, "2026-11-22T09:00:00.00Z"), CL_OK);
	r = get(id);
	ck_assert_int_eq(r.state, REVIEW_SUBMITTED);
	ck_assert_int_eq(r.round, 2);
	ck_assert_int_eq(r.assigned_to, otto);
	ck_assert_str_eq(r.submitted_at, "2026-11-22T09:00:00.00Z");
	ck_assert_str_eq(r.decided_at, "");
	ck_assert_int_eq(r.decided_by, 0);

	/* returned again, resubmitted to another lead */
	ck_assert_int_eq(decide(id, REVIEW_RETURNED, otto), CL_OK);
	ck_assert_int_eq(resubmit_at(id, lee, casey, "2026-11-23T09:00:00.00Z"), CL_OK);
	r = get(id);
	ck_assert_int_eq(r.round, 3);
	ck_assert_int_eq(r.assigned_to, lee);

	/* approved straight from submitted */
	ck_assert_int_eq(decide(id, REVIEW_APPROVED, lee), CL_OK);
	r = get(id);
	ck_assert_int_eq(r.state, REVIEW_APPROVED);
	ck_assert_int_eq(r.decided_by, lee);
	ck_assert_int_eq(events_of(id), 10);
}
END_TEST

/* A review brought to `state`. */
static int64_t review_in(enum review_state state)
{
	int64_t id = review_at(casey, 0, AT);
	if (state == REVIEW_IN_REVIEW)
		ck_assert_int_eq(take(id, lee), CL_OK);
	if (state == REVIEW_APPROVED || state == REVIEW_RETURNED)
		ck_assert_int_eq(decide(id, state, lee), CL_OK);
	return id;
}

enum move { TAKE, REASSIGN, APPROVE, RETURN, RESUBMIT, MOVE_COUNT };

static enum cl_status do_move(int64_t id, enum move m)
{
	switch (m) {
	case TAKE:
		return take(id, otto);
	case REASSIGN:
		return reassign(id, otto, lee);
	case APPROVE:
		return decide(id, REVIEW_APPROVED, otto);
	case RETURN:
		return decide(id, REVIEW_RETURNED, otto);
	default:
		return resubmit_at(id, 0, casey, AT);
	}
}

START_TEST(transitions_refused_from_every_state)
{
	/* allowed[state][move]: the state machine of reviewstore.h */
	static const bool allowed[4][MOVE_COUNT] = {
		[REVIEW_SUBMITTED] = {true, true, true, true, false},
		[REVIEW_IN_REVIEW] = {false, true, true, true, false},
		[REVIEW_APPROVED] = {false, false, false, false, false},
		[REVIEW_RETURNED] = {false, false, false, false, true},
	};
	for (int s = REVIEW_SUBMITTED; s <= REVIEW_RETURNED; s++) {
		for (int m = 0; m < MOVE_COUNT; m++) {
			int64_t id = review_in((enum review_state)s);
			long long before = events_of(id);
			enum cl_status r = do_move(id, (enum move)m);
			if (allowed[s][m]) {
				ck_assert_msg(r == CL_OK, "%s move %d: %d %s",
					      review_state_code((enum review_state)s), m, r,
					      store_last_error(st));
				ck_assert_int_eq(events_of(id), before + 1);
			} else {
				ck_assert_msg(r == CL_ERR_INVALID, "%s move %d: %d",
					      review_state_code((enum review_state)s), m, r);
				ck_assert_int_eq(get(id).state, s);
				ck_assert_int_eq(events_of(id), before);
			}
		}
	}
	/* a decision approves or returns; a missing review is not found */
	int64_t id = review_in(REVIEW_SUBMITTED);
	ck_assert_int_eq(decide(id, REVIEW_IN_REVIEW, lee), CL_ERR_INVALID);
	ck_assert_int_eq(decide(id, REVIEW_SUBMITTED, lee), CL_ERR_INVALID);
	ck_assert_int_eq(take(999999, lee), CL_ERR_NOTFOUND);
	ck_assert_int_eq(decide(999999, REVIEW_APPROVED, lee), CL_ERR_NOTFOUND);
	ck_assert_int_eq(TX(store_review_set_checklist(st, 999999, 0)), CL_ERR_NOTFOUND);
	/* the codes */
	ck_assert_str_eq(review_kind_code(REVIEW_NOTE), "note");
	ck_assert_str_eq(review_reason_code(REVIEW_SAMPLED), "sampled");
	ck_assert_str_eq(review_state_code(REVIEW_IN_REVIEW), "in_review");
	ck_assert_str_eq(review_state_code((enum review_state)99), "?");
}
END_TEST

START_TEST(author_never_assigned_nor_deciding)
{
	struct review r;
	ck_assert_int_eq(open_at(REVIEW_FORM, item(casey), casey, AT, &r), CL_ERR_CONSTRAINT);
	int64_t id = review_at(casey, 0, AT);
	ck_assert_int_eq(take(id, casey), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(reassign(id, casey, lee), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(decide(id, REVIEW_APPROVED, casey), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(decide(id, REVIEW_RETURNED, casey), CL_ERR_CONSTRAINT);
	ck_assert_int_eq(get(id).state, REVIEW_SUBMITTED);
	ck_assert_int_eq(events_of(id), 1);
	ck_assert_int_eq(decide(id, REVIEW_RETURNED, lee), CL_OK);
	ck_assert_int_eq(resubmit_at(id, casey, casey, AT), CL_ERR_CONSTRAINT);

	/* nor through raw SQL */
	refused("CHECK constraint failed",
		"UPDATE review SET decided_by = %lld WHERE id = %lld", (long long)casey, id);
	refused("CHECK constraint failed",
		"UPDATE review SET state = 'submitted', decided_at = NULL, decided_by = NULL, "
		"assigned_to = %lld WHERE id = %lld", (long long)casey, id);
	/* the author is the item's: a review cannot claim another one */
	refused("its person and its author",
		"INSERT INTO review (kind, object_id, person_id, author_id, reason, opened_at, "
		"submitted_at) VALUES ('form', %lld, 1, %lld, 'required', 'x', 'x')",
		(long long)item(casey), (long long)otto);
	/* and keeps its item, person and author */
	refused("keeps its item", "UPDATE review SET author_id = %lld WHERE id = %lld",
		(long long)otto, id);
	refused("keeps its item", "UPDATE review SET object_id = object_id + %lld WHERE id = %lld",
		1, id);
	refused("keeps its item", "UPDATE review SET kind = 'note' WHERE id = %lld%.0lld", id, 0);
	refused("keeps its item", "UPDATE review SET person_id = 99 WHERE id = %lld%.0lld", id, 0);
	refused("never deleted", "DELETE FROM review WHERE id = %lld%.0lld", id, 0);
	/* the state machine and the round */
	refused("only moves forward", "UPDATE review SET state = 'in_review' WHERE id = %lld%.0lld",
		id, 0);
	refused("grows by one", "UPDATE review SET round = 5 WHERE id = %lld%.0lld", id, 0);
	ck_assert_int_eq(decide(review_in(REVIEW_SUBMITTED), REVIEW_APPROVED, lee), CL_OK);
	int64_t done = review_in(REVIEW_APPROVED);
	refused("never changes", "UPDATE review SET assigned_to = NULL WHERE id = %lld%.0lld",
		done, 0);
	ck_assert_int_eq(TX(store_review_set_checklist(st, done, 0)), CL_ERR_CONSTRAINT);
}
END_TEST

/* ---- history ---- */

START_TEST(events_in_order_with_who_and_when)
{
	int64_t id = review_at(casey, lee, "2026-11-20T09:00:00.00Z");
	ck_assert_int_eq(TX(store_review_take(st, id, lee, "2026-11-20T10:00:00.00Z")), CL_OK);
	ck_assert_int_eq(TX(store_review_reassign(st, id, otto, lee, "2026-11-20T11:00:00.00Z")),
			 CL_OK);
	ck_assert_int_eq(decide_at(id, REVIEW_RETURNED, otto, "fix q1", "2026-11-20T12:00:00.00Z"),
			 CL_OK);
	ck_assert_int_eq(resubmit_at(id, 0, casey, "2026-11-20T13:00:00.00Z"), CL_OK);
	ck_assert_int_eq(decide_at(id, REVIEW_APPROVED, otto, NULL, "2026-11-20T14:00:00.00Z"),
			 CL_OK);
	static const struct {
		const char *event;
		int round;
		int who; /* 0 casey, 1 lee, 2 otto */
		int assigned;
		const char *note;
	} want[] = {
		{"submitted", 1, 0, 1, ""},  {"taken", 1, 1, 1, ""},
		{"reassigned", 1, 1, 2, ""},  {"returned", 1, 2, 2, "fix q1"},
		{"resubmitted", 2, 0, 2, ""}, {"approved", 2, 2, 2, ""},
	};
	int64_t ids[] = {casey, lee, otto};
	const char *names[] = {"Casey Caseworker", "Lee Lead", "Otto Other"};
	struct review_event ev[8];
	size_t count = 0;
	ck_assert_int_eq(store_review_events(st, id, ev, 8, &count), CL_OK);
	ck_assert_uint_eq(count, 6);
	for (size_t i = 0; i < count; i++) {
		ck_assert_str_eq(ev[i].event, want[i].event);
		ck_assert_int_eq(ev[i].round, want[i].round);
		ck_assert_int_eq(ev[i].assigned_to, ids[want[i].assigned]);
		ck_assert_str_eq(ev[i].note, want[i].note);
		ck_assert_int_eq(ev[i].by_id, ids[want[i].who]);
		ck_assert_str_eq(ev[i].by_name, names[want[i].who]);
		char at[32];
		snprintf(at, sizeof at, "2026-11-20T%02zu:00:00.00Z", 9 + i);
		ck_assert_str_eq(ev[i].at, at);
		if (i)
			ck_assert(ev[i].id > ev[i - 1].id);
	}
	/* at most cap */
	ck_assert_int_eq(store_review_events(st, id, ev, 2, &count), CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_str_eq(ev[1].event, "taken");
	/* append-only */
	refused("append-only", "UPDATE review_event SET note = 'x' WHERE review_id = %lld%.0lld",
		id, 0);
	refused("append-only", "DELETE FROM review_event WHERE review_id = %lld%.0lld", id, 0);
}
END_TEST

START_TEST(comments_anchored_and_ordered)
{
	int64_t id = review_at(casey, lee, AT);
	int64_t c1, c2, c3, c4;
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 1, "q1", "Say why.", lee,
						     "2026-11-20T09:00:00.00Z", &c1)),
			 CL_OK);
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 1, NULL, "Overall fine.", lee,
						     "2026-11-20T09:01:00.00Z", &c2)),
			 CL_OK);
	/* not yet in round 2 */
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 2, "q1", "Too early", lee, AT, &c3)),
			 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(c3, 0);
	ck_assert_int_eq(decide(id, REVIEW_RETURNED, lee), CL_OK);
	ck_assert_int_eq(resubmit_at(id, 0, casey, AT), CL_OK);
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 2, "q1", "Fixed: thanks.", casey,
						     "2026-11-20T10:00:00.00Z", &c3)),
			 CL_OK);
	/* the bounds */
	char big[REVIEW_COMMENT_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 2, "", big, lee, AT, &c4)),
			 CL_ERR_CONSTRAINT);
	big[REVIEW_COMMENT_MAX] = '\0';
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 2, "", big, lee, AT, &c4)), CL_OK);
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 2, "", "", lee, AT, &c4)),
			 CL_ERR_CONSTRAINT);
	char anchor[REVIEW_ANCHOR_SIZE + 1];
	memset(anchor, 'a', sizeof anchor - 1);
	anchor[sizeof anchor - 1] = '\0';
	ck_assert_int_eq(TX(store_review_comment_add(st, id, 2, anchor, "x", lee, AT, &c4)),
			 CL_ERR_CONSTRAINT);

	struct review_comment *cs = NULL;
	size_t count = 0;
	ck_assert_int_eq(store_review_comments(st, id, &cs, &count), CL_OK);
	ck_assert_uint_eq(count, 4);
	ck_assert_int_eq(cs[0].id, c1);
	ck_assert_int_eq(cs[0].round, 1);
	ck_assert_str_eq(cs[0].anchor, "q1");
	ck_assert_str_eq(cs[0].body, "Say why.");
	ck_assert_int_eq(cs[0].author_id, lee);
	ck_assert_str_eq(cs[0].author_name, "Lee Lead");
	ck_assert_str_eq(cs[0].at, "2026-11-20T09:00:00.00Z");
	ck_assert_int_eq(cs[1].id, c2);
	ck_assert_str_eq(cs[1].anchor, "");
	ck_assert_int_eq(cs[2].id, c3);
	ck_assert_int_eq(cs[2].round, 2);
	ck_assert_str_eq(cs[2].author_name, "Casey Caseworker");
	ck_assert_uint_eq(strlen(cs[3].body), REVIEW_COMMENT_MAX);
	review_comments_free(&cs, count);
	ck_assert_ptr_null(cs);
	review_comments_free(&cs, 0); /* NULL-safe */

	ck_assert_int_eq(store_review_comments(st, review_at(otto, 0, AT), &cs, &count), CL_OK);
	ck_assert_uint_eq(count, 0);
	ck_assert_ptr_null(cs);
	refused("append-only", "UPDATE review_comment SET body = 'x' WHERE id = %lld%.0lld", c1, 0);
	refused("append-only", "DELETE FROM review_comment WHERE id = %lld%.0lld", c1, 0);
}
END_TEST

/* ---- snapshots ---- */

START_TEST(changes_between_rounds_withhold_sensitive_values)
{
	int64_t rev;
	int64_t form = draft(def_intake, casey, &rev);
	answer(form, &rev, "a_same", 0, "unchanged", NOTE_OPEN);
	answer(form, &rev, "b_changed", 0, "before", NOTE_OPEN);
	answer(form, &rev, "c_removed", 0, "gone soon", NOTE_OPEN);
	answer(form, &rev, "d_rows", 0, "row zero", NOTE_OPEN);
	answer(form, &rev, "e_part2", 0, "in treatment", NOTE_PART2);
	answer(form, &rev, "f_part2_same", 0, "same secret", NOTE_PART2);
	answer(form, &rev, "i_became_secret", 0, "open before", NOTE_OPEN);
	answer(form, &rev, "j_secret_removed", 0, "secret gone", NOTE_PART2);
	form_move(form, &rev, FORM_PENDING_REVIEW, casey, AT);
	struct review r;
	ck_assert_int_eq(open_at(REVIEW_FORM, form, lee, AT, &r), CL_OK);
	ck_assert_int_eq(TX(store_review_snapshot(st, &r)), CL_OK);
	/* once per round, and only of a round reached */
	ck_assert_int_eq(TX(store_review_snapshot(st, &r)), CL_ERR_CONSTRAINT);
	struct review ahead = r;
	ahead.round = 2;
	ck_assert_int_eq(TX(store_review_snapshot(st, &ahead)), CL_ERR_CONSTRAINT);

	/* returned; the author changes it and resubmits */
	ck_assert_int_eq(decide(r.id, REVIEW_RETURNED, lee), CL_OK);
	form_move(form, &rev, FORM_RETURNED, lee, AT);
	form_move(form, &rev, FORM_DRAFT, casey, AT);
	answer(form, &rev, "b_changed", 0, "after", NOTE_OPEN);
	answer(form, &rev, "c_removed", 0, NULL, NOTE_OPEN);
	answer(form, &rev, "d_rows", 1, "row one", NOTE_OPEN);
	answer(form, &rev, "e_part2", 0, "finished treatment", NOTE_PART2);
	answer(form, &rev, "g_added", 0, "new", NOTE_OPEN);
	answer(form, &rev, "h_new_secret", 0, "secret new", NOTE_PART2);
	answer(form, &rev, "i_became_secret", 0, "secret now", NOTE_PART2);
	answer(form, &rev, "j_secret_removed", 0, NULL, NOTE_OPEN);
	form_move(form, &rev, FORM_PENDING_REVIEW, casey, AT);
	ck_assert_int_eq(resubmit_at(r.id, 0, casey, AT), CL_OK);
	r.round = 2;
	ck_assert_int_eq(TX(store_review_snapshot(st, &r)), CL_OK);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM review_snapshot WHERE review_id = %lld",
				 r.id),
			 17);

	static const struct {
		const char *field;
		int row;
		const char *before, *after;
	} want[] = {
		{"b_changed", 0, "before", "after"},
		{"c_removed", 0, "gone soon", ""},
		{"d_rows", 1, "", "row one"},
		{"e_part2", 0, "in treatment", "finished treatment"},
		{"g_added", 0, "", "new"},
		{"h_new_secret", 0, "", "secret new"},
		{"i_became_secret", 0, "open before", "secret now"},
		{"j_secret_removed", 0, "secret gone", ""},
	};
	struct review_change *ch = NULL;
	size_t count = 0;
	/* with the grant, and the author without it: every change */
	const struct note_reader readers[] = {{lee, GRANT_PART2}, {casey, 0}};
	for (size_t k = 0; k < 2; k++) {
		ck_assert_int_eq(store_review_changes(st, &readers[k], r.id, 1, 2, &ch, &count),
				 CL_OK);
		ck_assert_uint_eq(count, 8);
		for (size_t i = 0; i < count; i++) {
			ck_assert_str_eq(ch[i].field, want[i].field);
			ck_assert_int_eq(ch[i].row, want[i].row);
			ck_assert_str_eq(ch[i].before, want[i].before);
			ck_assert_str_eq(ch[i].after, want[i].after);
		}
		review_changes_free(&ch, count);
		ck_assert_ptr_null(ch);
	}
	/* a reviewer without it: a change with a Part 2 value on either side is left out whole */
	struct note_reader plain = {lee, 0};
	ck_assert_int_eq(store_review_changes(st, &plain, r.id, 1, 2, &ch, &count), CL_OK);
	ck_assert_uint_eq(count, 4);
	for (size_t i = 0; i < count; i++) {
		ck_assert_str_eq(ch[i].field, want[i < 3 ? i : 4].field);
		ck_assert_ptr_null(strstr(ch[i].before, "treatment"));
		ck_assert_ptr_null(strstr(ch[i].after, "treatment"));
		ck_assert_ptr_null(strstr(ch[i].before, "secret"));
		ck_assert_ptr_null(strstr(ch[i].after, "secret"));
	}
	review_changes_free(&ch, count);
	/* the same round: nothing changed */
	ck_assert_int_eq(store_review_changes(st, &readers[0], r.id, 2, 2, &ch, &count), CL_OK);
	ck_assert_uint_eq(count, 0);
	ck_assert_ptr_null(ch);
	/* append-only */
	refused("append-only", "UPDATE review_snapshot SET value = 'x' WHERE review_id = %lld%.0lld",
		r.id, 0);
	refused("append-only", "DELETE FROM review_snapshot WHERE review_id = %lld%.0lld", r.id, 0);
}
END_TEST

/* ---- the queue ---- */

static size_t queue(int64_t reviewer, bool shared, int64_t author, int kind, struct review *out,
		    size_t page, size_t max)
{
	struct review_queue_query q = {reviewer, shared, author, kind, "", 0};
	size_t total = 0, count;
	do {
		ck_assert_int_eq(store_review_queue(st, &q, out + total, page, &count), CL_OK);
		ck_assert_uint_le(count, page);
		total += count;
		ck_assert_uint_le(total, max);
		if (count) {
			q.after_at = out[total - 1].submitted_at;
			q.after_id = out[total - 1].id;
		}
	} while (count == page);
	return total;
}

START_TEST(queue_orders_filters_and_pages)
{
	/* for lee: assigned (two at the same time), shared, lee's own in the shared queue,
	 * otto's assignment, a decided one */
	int64_t a = review_at(casey, lee, "2026-11-03T09:00:00.00Z");
	int64_t b = review_at(otto, 0, "2026-11-01T09:00:00.00Z");
	int64_t c = review_at(casey, lee, "2026-11-02T09:00:00.00Z");
	int64_t d = review_at(otto, lee, "2026-11-02T09:00:00.00Z");
	int64_t own = review_at(lee, 0, "2026-11-01T08:00:00.00Z");
	int64_t others = review_at(casey, otto, "2026-11-01T07:00:00.00Z");
	int64_t done = review_at(casey, lee, "2026-11-01T06:00:00.00Z");
	ck_assert_int_eq(decide(done, REVIEW_APPROVED, lee), CL_OK);
	int64_t taken = review_at(otto, 0, "2026-11-04T09:00:00.00Z");
	ck_assert_int_eq(take(taken, lee), CL_OK);
	/* an intern's note, shared */
	int64_t note_id = intern_note();
	struct review nr;
	ck_assert_int_eq(open_at(REVIEW_NOTE, note_id, 0, "2026-11-05T09:00:00.00Z", &nr), CL_OK);

	struct review out[16];
	for (size_t page = 1; page <= 4; page++) {
		int64_t want[] = {b, c, d, a, taken, nr.id};
		size_t n_all = queue(lee, true, 0, -1, out, page, 16);
		ck_assert_uint_eq(n_all, 6);
		for (size_t i = 0; i < n_all; i++)
			ck_assert_int_eq(out[i].id, want[i]);
	}
	/* c and d share a time: by id */
	ck_assert(c < d);
	/* only assigned */
	int64_t mine[] = {c, d, a, taken};
	ck_assert_uint_eq(queue(lee, false, 0, -1, out, 3, 16), 4);
	for (size_t i = 0; i < 4; i++)
		ck_assert_int_eq(out[i].id, mine[i]);
	/* by author */
	ck_assert_uint_eq(queue(lee, true, otto, -1, out, 2, 16), 3);
	ck_assert_int_eq(out[0].id, b);
	ck_assert_int_eq(out[1].id, d);
	ck_assert_int_eq(out[2].id, taken);
	/* by kind */
	ck_assert_uint_eq(queue(lee, true, 0, REVIEW_NOTE, out, 2, 16), 1);
	ck_assert_int_eq(out[0].id, nr.id);
	ck_assert_uint_eq(queue(lee, true, 0, REVIEW_FORM, out, 10, 16), 5);
	/* otto sees his own assignment and lee's shared item, never his own */
	ck_assert_uint_eq(queue(otto, true, 0, -1, out, 10, 16), 3);
	ck_assert_int_eq(out[0].id, others);
	ck_assert_int_eq(out[1].id, own);
	ck_assert_int_eq(out[2].id, nr.id);
	/* a zero cap */
	struct review_queue_query q = {lee, true, 0, -1, NULL, 0};
	size_t count = 9;
	ck_assert_int_eq(store_review_queue(st, &q, out, 0, &count), CL_OK);
	ck_assert_uint_eq(count, 0);
	ck_assert_int_eq(store_review_queue(st, &q, out, 16, &count), CL_OK);
	ck_assert_uint_eq(count, 6);
}
END_TEST

START_TEST(author_sees_returned_newest_first)
{
	int64_t a = review_at(casey, lee, "2026-11-01T09:00:00.00Z");
	int64_t b = review_at(casey, lee, "2026-11-02T09:00:00.00Z");
	int64_t c = review_at(casey, lee, "2026-11-03T09:00:00.00Z");
	int64_t o = review_at(otto, lee, "2026-11-04T09:00:00.00Z");
	ck_assert_int_eq(decide(a, REVIEW_RETURNED, lee), CL_OK);
	ck_assert_int_eq(decide(c, REVIEW_RETURNED, lee), CL_OK);
	ck_assert_int_eq(decide(o, REVIEW_RETURNED, lee), CL_OK);
	struct review out[4];
	size_t count = 0;
	ck_assert_int_eq(store_reviews_of_author(st, casey, REVIEW_RETURNED, out, 4, &count), CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(out[0].id, c);
	ck_assert_int_eq(out[1].id, a);
	ck_assert_int_eq(store_reviews_of_author(st, casey, REVIEW_RETURNED, out, 1, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(store_reviews_of_author(st, casey, REVIEW_SUBMITTED, out, 4, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	ck_assert_int_eq(out[0].id, b);
}
END_TEST

/* ---- sampling ---- */

/* A response of `definition` by author, finalized at `at`. */
static int64_t final_at(int64_t definition, int64_t author, const char *at)
{
	int64_t rev;
	int64_t id = draft(definition, author, &rev);
	form_move(id, &rev, FORM_FINAL, author, at);
	return id;
}

START_TEST(population_by_period_probation_and_review)
{
	/* casey's probation ended the day before the period; otto's runs into it */
	sql_ok("UPDATE staff SET probation_until = '2026-10-31' WHERE id = %lld%.0lld", casey, 0);
	sql_ok("UPDATE staff SET probation_until = '2026-11-01' WHERE id = %lld%.0lld", otto, 0);
	refused("CHECK constraint failed",
		"UPDATE staff SET probation_until = '2026-13-01' WHERE id = %lld%.0lld", casey, 0);
	sql_ok("UPDATE staff SET lead_id = %lld WHERE id = %lld", lee, casey);
	int64_t first = final_at(def_intake, casey, "2026-11-01T00:00:00.00Z");
	int64_t last = final_at(def_intake, lee, "2026-11-30T23:59:59.99Z"); /* never on probation */
	final_at(def_intake, casey, "2026-10-31T23:59:59.99Z");              /* before */
	final_at(def_intake, casey, "2026-12-01T00:00:00.00Z");              /* after */
	final_at(def_intake, otto, "2026-11-15T00:00:00.00Z");               /* on probation */
	final_at(def_qa, casey, "2026-11-15T00:00:00.00Z");                  /* another form */
	item(casey);                                                  /* in review, not final */
	int64_t reviewed = final_at(def_intake, casey, "2026-11-10T00:00:00.00Z");
	int64_t mid = final_at(def_intake, casey, "2026-11-11T00:00:00.00Z");
	int64_t *ids = NULL;
	size_t count = 0;
	ck_assert_int_eq(store_review_population(st, REVIEW_FORM, "intake", "2026-11-01", "2026-12-01", &ids,
						 &count),
			 CL_OK);
	ck_assert_uint_eq(count, 4);
	ck_assert_int_eq(ids[0], first);
	ck_assert_int_eq(ids[1], last);
	ck_assert_int_eq(ids[2], reviewed);
	ck_assert_int_eq(ids[3], mid);
	free(ids);

	/* drawn for QA: no longer in the population */
	int64_t sample = 0;
	ck_assert_int_eq(TX(sample_add("2026-11", "intake", 10, 42, 4, 1, lee, AT,
						    &sample)),
			 CL_OK);
	struct review r;
	memset(&r, 0, sizeof r);
	r.kind = REVIEW_FORM;
	r.object_id = reviewed;
	r.reason = REVIEW_SAMPLED;
	r.due_on = DATE_NONE;
	ck_assert_int_eq(TX(store_review_open(st, &r, lee, AT)), CL_ERR_CONSTRAINT); /* no sample */
	r.sample_id = sample;
	ck_assert_int_eq(TX(store_review_open(st, &r, lee, AT)), CL_OK);
	ck_assert_int_eq(get(r.id).sample_id, sample);
	ck_assert_int_eq(get(r.id).reason, REVIEW_SAMPLED);
	ck_assert_int_eq(store_review_population(st, REVIEW_FORM, "intake", "2026-11-01", "2026-12-01", &ids,
						 &count),
			 CL_OK);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(ids[2], mid);
	free(ids);
	/* none */
	ck_assert_int_eq(store_review_population(st, REVIEW_FORM, "nosuch", "2026-11-01", "2026-12-01", &ids,
						 &count),
			 CL_OK);
	ck_assert_uint_eq(count, 0);
	ck_assert_ptr_null(ids);
}
END_TEST

START_TEST(sample_once_per_period_and_form)
{
	int64_t id = 0, again = 0;
	ck_assert_int_eq(TX(sample_add("2026-11", "intake", 10, UINT64_MAX, 40, 4,
						    lee, AT, &id)),
			 CL_OK);
	ck_assert(id > 0);
	ck_assert_int_eq(TX(sample_add("2026-11", "intake", 20, 7, 40, 8, lee, AT,
						    &again)),
			 CL_ERR_EXISTS);
	ck_assert_int_eq(again, 0);
	ck_assert_int_eq(TX(sample_add("2026-12", "intake", 10, 7, 40, 4, lee, AT,
						    &again)),
			 CL_OK);
	ck_assert_int_eq(TX(sample_add("2026-11", "needs", 10, 0x2a, 5, 1, lee, AT,
						    &again)),
			 CL_OK);
	char seed[20];
	fx_sql_text(fx.db, "SELECT seed FROM review_sample WHERE form_id = 'intake' "
			   "AND period = '2026-11'", seed, sizeof seed);
	ck_assert_str_eq(seed, "ffffffffffffffff");
	fx_sql_text(fx.db, "SELECT seed FROM review_sample WHERE form_id = 'needs'", seed,
		    sizeof seed);
	ck_assert_str_eq(seed, "000000000000002a");
	ck_assert_int_eq(sql_int("SELECT percent + eligible + drawn FROM review_sample "
				 "WHERE id = %lld", id),
			 54);
	/* the schema's bounds */
	ck_assert_int_eq(TX(sample_add("2027-01", "intake", 10, 1, 3, 4, lee, AT,
						    &again)),
			 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(TX(sample_add("2027-1", "intake", 10, 1, 3, 1, lee, AT,
						    &again)),
			 CL_ERR_CONSTRAINT);
	ck_assert_int_eq(TX(sample_add("2027-01", "intake", 101, 1, 3, 1, lee, AT,
						    &again)),
			 CL_ERR_CONSTRAINT);
	refused("append-only", "UPDATE review_sample SET drawn = 0 WHERE id = %lld%.0lld", id, 0);
	refused("append-only", "DELETE FROM review_sample WHERE id = %lld%.0lld", id, 0);
}
END_TEST

/* ---- the team view ---- */

/* A QA checklist by lee with the given criteria answers ("field=value;..."), a compliance
 * score (negative: none), finalized unless `keep_draft`. */
static int64_t checklist(const char *answers, double compliance, bool keep_draft)
{
	int64_t rev;
	int64_t id = draft(def_qa, lee, &rev);
	char buf[200];
	str_copy(buf, sizeof buf, answers);
	for (char *save = NULL, *tok = strtok_r(buf, ";", &save); tok;
	     tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		*eq = '\0';
		answer(id, &rev, tok, 0, eq + 1, NOTE_OPEN);
	}
	if (compliance >= 0) {
		struct form_score s;
		memset(&s, 0, sizeof s);
		str_copy(s.score, sizeof s.score, "compliance");
		s.has_value = true;
		s.value = compliance;
		s.band_set = -1;
		ck_assert_int_eq(TX(store_form_scores_save(st, id, &rev, &s, 1, AT)), CL_OK);
	}
	if (!keep_draft)
		form_move(id, &rev, FORM_FINAL, lee, AT);
	return id;
}

static void link(int64_t review, int64_t list)
{
	ck_assert_int_eq(TX(store_review_set_checklist(st, review, list)), CL_OK);
	ck_assert_int_eq(get(review).checklist_id, list);
}

/* A database of schema 10 with a review of each part (sample, review, event, comment,
 * snapshot) is upgraded: schema 11 rebuilds review and review_sample under their children
 * with every row, reference, index and rule kept, and takes the new kinds. */
START_TEST(upgrade_from_schema_10_keeps_every_review)
{
	char old[PATH_MAX];
	fx_path(old, fx.dir, "old.db");
	for (int i = 0; i < migrations_count && migrations[i].version <= 10; i++) {
		char msg[256], stamp[96];
		ck_assert_msg(fx_sql_exec(old, migrations[i].sql, msg, sizeof msg) == 0, "%s: %s",
			      migrations[i].name, msg);
		snprintf(stamp, sizeof stamp, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
			 migrations[i].version, STORE_APPLICATION_ID);
		ck_assert_int_eq(fx_sql_exec(old, stamp, NULL, 0), 0);
	}
	char msg[256] = "";
	ck_assert_msg(
		fx_sql_exec(
			old,
			"PRAGMA foreign_keys = ON;"
			"INSERT INTO staff (id, username, display_name, role, created_at) VALUES "
			"(1, 'casey', 'Casey', 'caseworker', 'x'), (2, 'lee', 'Lee', 'lead', 'x');"
			"INSERT INTO person (id, oid, last_name, first_name, name_key, dob, sex, "
			"admission_date, updated_at) VALUES (1, '1', 'A', 'B', 'a b', '1990-01-01', 'M', "
			"'2020-01-01', 'x');"
			"INSERT INTO form_definition (id, form_id, version, hash, title, status, "
			"registered_at, source) VALUES (1, 'intake', 1, '" 
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Intake', "
			"'active', 'x', 'y');"
			"INSERT INTO form_response (id, person_id, definition_id, author_id, author_name, "
			"created_at, updated_at) VALUES (1, 1, 1, 1, 'Casey', 'x', 'x');"
			"INSERT INTO review_sample (id, period, form_id, percent, seed, eligible, drawn, "
			"drawn_by, drawn_at) VALUES (1, '2026-10', 'intake', 10, '000000000000002a', 1, 1, "
			"2, 'x');"
			"INSERT INTO review (id, kind, object_id, person_id, author_id, reason, state, "
			"assigned_to, opened_at, submitted_at, sample_id) VALUES (1, 'form', 1, 1, 1, "
			"'sampled', 'in_review', 2, '2026-11-01', '2026-11-01', 1);"
			"INSERT INTO review_event (review_id, round, event, by_id, at) VALUES "
			"(1, 1, 'submitted', 2, '2026-11-01');"
			"INSERT INTO review_comment (review_id, round, anchor, author_id, at, body) VALUES "
			"(1, 1, 'level', 2, '2026-11-02', 'Why?');"
			"INSERT INTO review_snapshot (review_id, round, field, row, value) VALUES "
			"(1, 1, 'level', 0, 'high');",
			msg, sizeof msg) == 0,
		"%s", msg);
	char err[512];
	struct store *up = NULL;
	ck_assert_msg(store_open(old, STORE_EXISTING, &up, err, sizeof err) == CL_OK, "%s", err);
	ck_assert_int_eq(store_schema_version(up), store_schema_latest());
	store_close(&up);
	ck_assert_int_eq(fx_sql_int(old, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ck_assert_int_eq(fx_sql_int(old, "SELECT count(*) FROM review WHERE id = 1 AND kind = 'form' "
				    "AND state = 'in_review' AND sample_id = 1 AND assigned_to = 2"),
			 1);
	ck_assert_int_eq(fx_sql_int(old, "SELECT count(*) FROM review_sample WHERE id = 1 AND "
				    "kind = 'form' AND form_id = 'intake'"),
			 1);
	ck_assert_int_eq(fx_sql_int(old, "SELECT (SELECT count(*) FROM review_event) + "
				    "(SELECT count(*) FROM review_comment) + "
				    "(SELECT count(*) FROM review_snapshot)"),
			 3);
	/* schema 12 counted it into the team view's tallies */
	ck_assert_int_eq(fx_sql_int(old, "SELECT submitted * 10 + decided FROM review_tally "
				    "WHERE month = '2026-11' AND author_id = 1"),
			 10);
	/* the indexes and rules are back */
	ck_assert_int_eq(fx_sql_int(old, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
				    "AND name IN ('review_item', 'review_queue', 'review_by_author', "
				    "'review_by_opened', 'review_checklists', 'review_of_item')"),
			 6);
	ck_assert_int_eq(fx_sql_int(old, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
				    "AND name IN ('review_object_matches', 'review_origin_fixed', "
				    "'review_state_forward', 'review_round_forward', "
				    "'review_approved_immutable', 'review_no_delete', "
				    "'review_sample_no_update', 'review_sample_no_delete', "
				    "'review_comment_round', 'review_snapshot_round')"),
			 10);
	ck_assert_int_ne(fx_sql_exec(old, "PRAGMA foreign_keys = ON; UPDATE review SET author_id = 2 "
				     "WHERE id = 1", msg, sizeof msg),
			 0);
	ck_assert_ptr_nonnull(strstr(msg, "keeps its item"));
	ck_assert_int_ne(fx_sql_exec(old, "PRAGMA foreign_keys = ON; INSERT INTO review_comment "
				     "(review_id, round, author_id, at, body) VALUES (1, 2, 2, 'x', 'y')",
				     msg, sizeof msg),
			 0);
	ck_assert_ptr_nonnull(strstr(msg, "a round the review has reached"));
	ck_assert_int_ne(fx_sql_exec(old, "PRAGMA foreign_keys = ON; INSERT INTO review_event "
				     "(review_id, round, event, by_id, at) VALUES (9, 1, 'taken', 2, 'x')",
				     msg, sizeof msg),
			 0);
	ck_assert_ptr_nonnull(strstr(msg, "FOREIGN KEY"));
}
END_TEST

START_TEST(team_rows_and_criteria_over_a_period)
{
	/* casey: approved at once in 2 days; returned then approved 4 days after the first
	 * submission; one still waiting; one before the period */
	int64_t r1 = review_at(casey, lee, "2026-11-02T09:00:00.00Z");
	link(r1, checklist("qa_timely=met;qa_smart=na;notes=fine", 80, false));
	ck_assert_int_eq(decide_at(r1, REVIEW_APPROVED, lee, NULL, "2026-11-04T09:00:00.00Z"), CL_OK);
	int64_t r2 = review_at(casey, lee, "2026-11-03T09:00:00.00Z");
	ck_assert_int_eq(decide_at(r2, REVIEW_RETURNED, lee, "no", "2026-11-04T09:00:00.00Z"), CL_OK);
	ck_assert_int_eq(resubmit_at(r2, 0, casey, "2026-11-05T09:00:00.00Z"), CL_OK);
	link(r2, checklist("qa_timely=not_met;qa_smart=partial", 60, false));
	ck_assert_int_eq(decide_at(r2, REVIEW_APPROVED, lee, NULL, "2026-11-07T09:00:00.00Z"), CL_OK);
	int64_t r3 = review_at(casey, lee, "2026-11-29T09:00:00.00Z");
	link(r3, checklist("qa_timely=not_met", -1, false)); /* no compliance score */
	int64_t before = review_at(casey, lee, "2026-10-31T23:00:00.00Z");
	link(before, checklist("qa_timely=not_met", 10, false));
	ck_assert_int_eq(decide(before, REVIEW_APPROVED, lee), CL_OK);
	/* otto: returned in a day; its checklist still a draft, so not counted */
	int64_t r4 = review_at(otto, lee, "2026-11-10T09:00:00.00Z");
	link(r4, checklist("qa_timely=not_met;qa_privacy=not_met", 0, true));
	ck_assert_int_eq(decide_at(r4, REVIEW_RETURNED, lee, NULL, "2026-11-11T09:00:00.00Z"), CL_OK);
	/* the period's end is not in it */
	review_at(otto, lee, "2026-12-01T00:00:00.00Z");

	struct review_team_row rows[4];
	size_t count = 0;
	ck_assert_int_eq(store_review_team(st, "2026-11-01", "2026-12-01", rows, 4, &count), CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(rows[0].staff_id, casey);
	ck_assert_str_eq(rows[0].name, "Casey Caseworker");
	ck_assert_str_eq(rows[0].role, "caseworker");
	ck_assert_uint_eq(rows[0].submitted, 3);
	ck_assert_uint_eq(rows[0].approved_first, 1);
	ck_assert_uint_eq(rows[0].returned, 1);
	ck_assert_uint_eq(rows[0].decided, 2);
	ck_assert_double_eq_tol(rows[0].mean_turnaround_days, 3.0, 1e-6);
	ck_assert(rows[0].has_compliance);
	ck_assert_double_eq_tol(rows[0].mean_compliance, 70.0, 1e-9);
	ck_assert_int_eq(rows[1].staff_id, otto);
	ck_assert_uint_eq(rows[1].submitted, 1);
	ck_assert_uint_eq(rows[1].approved_first, 0);
	ck_assert_uint_eq(rows[1].returned, 1);
	ck_assert_uint_eq(rows[1].decided, 1);
	ck_assert_double_eq_tol(rows[1].mean_turnaround_days, 1.0, 1e-6);
	ck_assert(!rows[1].has_compliance);
	/* at most cap */
	ck_assert_int_eq(store_review_team(st, "2026-11-01", "2026-12-01", rows, 1, &count), CL_OK);
	ck_assert_uint_eq(count, 1);
	/* an empty period */
	ck_assert_int_eq(store_review_team(st, "2025-01-01", "2025-02-01", rows, 4, &count), CL_OK);
	ck_assert_uint_eq(count, 0);

	/* per criterion: 'na' is not rated, non-qa_ fields and draft checklists not counted */
	struct review_criterion_row cr[4];
	ck_assert_int_eq(store_review_criteria(st, "2026-11-01", "2026-12-01", cr, 4, &count),
			 CL_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_str_eq(cr[0].field, "qa_smart");
	ck_assert_uint_eq(cr[0].rated, 1);
	ck_assert_uint_eq(cr[0].partial, 1);
	ck_assert_uint_eq(cr[0].not_met, 0);
	ck_assert_str_eq(cr[1].field, "qa_timely");
	ck_assert_uint_eq(cr[1].rated, 3);
	ck_assert_uint_eq(cr[1].not_met, 2);
	ck_assert_uint_eq(cr[1].partial, 0);
	ck_assert_int_eq(store_review_criteria(st, "2026-11-01", "2026-12-01", cr, 1, &count),
			 CL_OK);
	ck_assert_uint_eq(count, 1);
}
END_TEST

/* The team view as the reviews themselves give it (the query before the tallies): what the
 * tallied one must equal for any period. */
static char *team_by_scan(const char *from, const char *to)
{
	char sql[2400];
	snprintf(sql, sizeof sql,
		 "WITH t AS (SELECT author_id AS author, count(*) AS n, "
		 "count(CASE WHEN state = 'approved' AND round = 1 THEN 1 END) AS first, "
		 "count(CASE WHEN state = 'returned' OR round > 1 THEN 1 END) AS returned, "
		 "count(decided_at) AS decided, "
		 "avg(julianday(decided_at) - julianday(opened_at)) AS days FROM review "
		 "WHERE opened_at >= '%s' AND opened_at < '%s' GROUP BY author_id), "
		 "q AS (SELECT r.author_id AS author, count(sc.value) AS scored, "
		 "avg(sc.value) AS compliance FROM review r JOIN form_response c "
		 "ON c.id = r.checklist_id AND c.state <> 'draft' JOIN form_score sc "
		 "ON sc.response_id = c.id AND sc.score = 'compliance' WHERE r.opened_at >= '%s' "
		 "AND r.opened_at < '%s' GROUP BY r.author_id) "
		 "SELECT t.author, t.n, t.first, t.returned, t.decided, "
		 "printf('%%.4f', ifnull(t.days, 0)), ifnull(q.scored, 0) > 0, "
		 "printf('%%.4f', ifnull(q.compliance, 0)) FROM t JOIN staff s ON s.id = t.author "
		 "LEFT JOIN q ON q.author = t.author ORDER BY s.display_name, s.id",
		 from, to, from, to);
	char *team = fx_sql_dump(fx.db, sql);
	snprintf(sql, sizeof sql,
		 "SELECT a.field, count(CASE WHEN a.value IN ('met', 'partial', 'not_met') "
		 "THEN 1 END), count(CASE WHEN a.value = 'not_met' THEN 1 END), "
		 "count(CASE WHEN a.value = 'partial' THEN 1 END) FROM review r "
		 "JOIN form_response c ON c.id = r.checklist_id AND c.state <> 'draft' "
		 "JOIN form_answer a ON a.response_id = c.id AND a.field >= 'qa_' "
		 "AND a.field < 'qa`' WHERE r.opened_at >= '%s' AND r.opened_at < '%s' "
		 "GROUP BY a.field ORDER BY a.field",
		 from, to);
	char *criteria = fx_sql_dump(fx.db, sql);
	struct strbuf out;
	strbuf_init(&out);
	strbuf_puts(&out, team);
	strbuf_puts(&out, "--\n");
	strbuf_puts(&out, criteria);
	free(team);
	free(criteria);
	char *text = strbuf_detach(&out);
	strbuf_clear(&out);
	return text;
}

/* The same, from the store (tallies for whole months, the reviews for the edges). */
static char *team_by_store(const char *from, const char *to)
{
	struct review_team_row rows[8];
	struct review_criterion_row cr[8];
	size_t n = 0, nc = 0;
	ck_assert_int_eq(store_review_team(st, from, to, rows, 8, &n), CL_OK);
	ck_assert_int_eq(store_review_criteria(st, from, to, cr, 8, &nc), CL_OK);
	struct strbuf out;
	strbuf_init(&out);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&out, "%lld|%zu|%zu|%zu|%zu|%.4f|%zu|%.4f\n",
			      (long long)rows[i].staff_id, rows[i].submitted, rows[i].approved_first,
			      rows[i].returned, rows[i].decided, rows[i].mean_turnaround_days,
			      rows[i].has_compliance ? (size_t)1 : (size_t)0, rows[i].mean_compliance);
	strbuf_puts(&out, "--\n");
	for (size_t i = 0; i < nc; i++)
		strbuf_printf(&out, "%s|%zu|%zu|%zu\n", cr[i].field, cr[i].rated, cr[i].not_met,
			      cr[i].partial);
	char *text = strbuf_detach(&out);
	strbuf_clear(&out);
	return text;
}

static void problem_count(void *ctx, const char *problem)
{
	(void)problem;
	(*(int *)ctx)++;
}

/* Whole months come from tallies kept by triggers, the edges from the reviews: for periods
 * of whole months, of parts of months and of both, the team view and the criteria equal
 * what the reviews themselves give, through returns, resubmissions, checklists linked as
 * drafts and finalized later, and a checklist moved from one review to another; `check`
 * recounts the tallies and finds one changed by hand. */
START_TEST(team_view_tallies_equal_the_reviews)
{
	static const char *const at[] = {
		"2026-09-30T23:59:00.00Z", "2026-10-01T00:00:00.00Z", "2026-10-14T10:00:00.00Z",
		"2026-10-15T08:00:00.00Z", "2026-10-31T23:00:00.00Z", "2026-11-01T00:00:00.00Z",
		"2026-11-09T12:00:00.00Z", "2026-11-20T12:00:00.00Z", "2026-11-30T23:59:59.99Z",
		"2026-12-01T00:00:00.00Z", "2026-12-09T09:00:00.00Z", "2026-12-10T09:00:00.00Z"};
	static const char *const answers[] = {"qa_timely=met;qa_smart=partial",
					      "qa_timely=not_met;qa_smart=na;notes=x",
					      "qa_timely=partial;qa_privacy=not_met"};
	/* decisions come after every submission, at different times */
	static const char *const later[] = {"2027-01-05T10:00:00.00Z", "2027-01-06T16:30:00.00Z",
					    "2027-01-09T08:15:00.00Z"};
	int64_t ids[12];
	for (int i = 0; i < 12; i++) {
		int64_t author = i % 3 == 0 ? otto : casey;
		ids[i] = review_at(author, lee, at[i]);
		switch (i % 4) {
		case 0: /* approved at once, its checklist finalized before it is linked */
			link(ids[i], checklist(answers[i % 3], 50 + i, false));
			ck_assert_int_eq(decide_at(ids[i], REVIEW_APPROVED, lee, NULL, later[i % 3]), CL_OK);
			break;
		case 1: { /* returned, resubmitted, approved; its checklist linked as a draft */
			int64_t rev;
			int64_t list = draft(def_qa, lee, &rev);
			answer(list, &rev, "qa_timely", 0, i % 2 ? "not_met" : "met", NOTE_OPEN);
			link(ids[i], list);
			ck_assert_int_eq(decide_at(ids[i], REVIEW_RETURNED, lee, "no", later[0]), CL_OK);
			ck_assert_int_eq(resubmit_at(ids[i], 0, get(ids[i]).author_id, later[1]),
					 CL_OK);
			ck_assert_int_eq(decide_at(ids[i], REVIEW_APPROVED, lee, NULL, later[2]), CL_OK);
			form_move(list, &rev, FORM_FINAL, lee, AT); /* counts from now */
			break;
		}
		case 2: /* returned and waiting on its author */
			ck_assert_int_eq(decide_at(ids[i], REVIEW_RETURNED, lee, "no", later[0]), CL_OK);
			break;
		default: /* waiting, with a draft checklist that does not count */
			link(ids[i], checklist(answers[i % 3], 10, true));
			break;
		}
	}
	/* a finalized checklist moved from one returned review to another (a month later) */
	int64_t moved = checklist("qa_timely=not_met;qa_smart=met", 33, false);
	link(ids[2], moved);
	ck_assert_int_eq(TX(store_review_set_checklist(st, ids[2], 0)), CL_OK);
	link(ids[6], moved);

	static const char *const periods[][2] = {
		{"2026-10-01", "2027-01-01"}, {"2026-10-15", "2026-12-10"},
		{"2026-11-03", "2026-11-20"}, {"2026-11-01", "2026-11-02"},
		{"2026-09-01", "2026-10-01"}, {"2026-11-30", "2026-12-02"},
		{"2025-01-01", "2026-11-15"}, {"2027-01-01", "2027-02-01"}};
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		char *want = team_by_scan(periods[i][0], periods[i][1]);
		char *got = team_by_store(periods[i][0], periods[i][1]);
		ck_assert_msg(!strcmp(want, got), "%s to %s: want\n%s\ngot\n%s", periods[i][0],
			      periods[i][1], want, got);
		free(want);
		free(got);
	}

	int problems = 0;
	ck_assert_int_eq(store_check_integrity(st, problem_count, &problems, &problems), CL_OK);
	ck_assert_int_eq(problems, 0);
	sql_ok("UPDATE review_tally SET submitted = submitted + 1 WHERE author_id = %lld%.0lld", otto,
	       0);
	sql_ok("UPDATE review_criterion_tally SET rated = rated + 1 WHERE field = 'qa_smart'%.0lld%.0lld",
	       0, 0);
	int found = 0;
	ck_assert_int_eq(store_check_integrity(st, problem_count, &found, &problems), CL_OK);
	ck_assert_int_ge(found, 2);
	/* a review opens without a checklist: links are made after, where the tallies see them */
	refused("opens without a QA checklist",
		"INSERT INTO review SELECT NULL, kind, object_id + 1000%.0lld%.0lld, person_id, "
		"author_id, reason, 'submitted', 1, NULL, opened_at, submitted_at, NULL, NULL, NULL, "
		"checklist_id, NULL FROM review WHERE checklist_id IS NOT NULL LIMIT 1",
		0, 0);
}
END_TEST

static Suite *reviewstore_suite(void)
{
	Suite *s = suite_create("reviewstore");
	TCase *tc = tcase_create("reviewstore");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, open_reads_back_with_names_and_title);
	tcase_add_test(tc, transitions_allowed_in_order);
	tcase_add_test(tc, transitions_refused_from_every_state);
	tcase_add_test(tc, author_never_assigned_nor_deciding);
	tcase_add_test(tc, events_in_order_with_who_and_when);
	tcase_add_test(tc, comments_anchored_and_ordered);
	tcase_add_test(tc, changes_between_rounds_withhold_sensitive_values);
	tcase_add_test(tc, queue_orders_filters_and_pages);
	tcase_add_test(tc, author_sees_returned_newest_first);
	tcase_add_test(tc, population_by_period_probation_and_review);
	tcase_add_test(tc, sample_once_per_period_and_form);
	tcase_add_test(tc, team_rows_and_criteria_over_a_period);
	tcase_add_test(tc, upgrade_from_schema_10_keeps_every_review);
	tcase_add_test(tc, team_view_tallies_equal_the_reviews);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(reviewstore_suite());
}
