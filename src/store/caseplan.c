/* Case plans: versions, goals, steps and reviews. The immutability of a signed version, the
 * step status rule and the append-only reviews are the schema's (010_case_plans.sql); here
 * a draft's revision is moved on before each change so that stale writes are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/caseplan.h"
#include "store_internal.h"

#define PLAN_CODE(id, code) [id] = code,
static const char *const plan_stage_codes[] = {PLAN_STAGE_LIST(PLAN_CODE)};
static const char *const plan_responsible_codes[] = {PLAN_RESPONSIBLE_LIST(PLAN_CODE)};
static const char *const plan_status_codes[] = {PLAN_STEP_STATUS_LIST(PLAN_CODE)};
static const char *const plan_progress_codes[] = {PLAN_PROGRESS_LIST(PLAN_CODE)};
#undef PLAN_CODE

#define PLAN_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PLAN_CODE_OF(codes, v) ((v) >= 0 && (size_t)(v) < PLAN_COUNT(codes) ? (codes)[(v)] : "?")

const char *plan_stage_code(enum plan_stage stage)
{
	return PLAN_CODE_OF(plan_stage_codes, (int)stage);
}

const char *plan_responsible_code(enum plan_responsible who)
{
	return PLAN_CODE_OF(plan_responsible_codes, (int)who);
}

const char *plan_step_status_code(enum plan_step_status status)
{
	return PLAN_CODE_OF(plan_status_codes, (int)status);
}

const char *plan_progress_code(enum plan_progress progress)
{
	return PLAN_CODE_OF(plan_progress_codes, (int)progress);
}

static bool plan_parse(const char *const *codes, size_t n, const char *code, int *out)
{
	int i = store_code_index(codes, n, (const unsigned char *)code, -1);
	if (i >= 0)
		*out = i;
	return i >= 0;
}

bool plan_stage_parse(const char *code, enum plan_stage *out)
{
	int i;
	bool ok = plan_parse(plan_stage_codes, PLAN_COUNT(plan_stage_codes), code, &i);
	if (ok)
		*out = (enum plan_stage)i;
	return ok;
}

bool plan_responsible_parse(const char *code, enum plan_responsible *out)
{
	int i;
	bool ok = plan_parse(plan_responsible_codes, PLAN_COUNT(plan_responsible_codes), code, &i);
	if (ok)
		*out = (enum plan_responsible)i;
	return ok;
}

bool plan_step_status_parse(const char *code, enum plan_step_status *out)
{
	int i;
	bool ok = plan_parse(plan_status_codes, PLAN_COUNT(plan_status_codes), code, &i);
	if (ok)
		*out = (enum plan_step_status)i;
	return ok;
}

bool plan_progress_parse(const char *code, enum plan_progress *out)
{
	int i;
	bool ok = plan_parse(plan_progress_codes, PLAN_COUNT(plan_progress_codes), code, &i);
	if (ok)
		*out = (enum plan_progress)i;
	return ok;
}

bool plan_step_may_move(enum plan_step_status from, enum plan_step_status to)
{
	return from == to || (from != PLAN_DONE && from != PLAN_DROPPED);
}

/* ---- versions ---- */

#define PLAN_COLUMNS                                                                               \
	"p.id, p.person_id, p.version, p.state, p.created_at, p.created_by, "                     \
	"ifnull(p.copied_from, 0), ifnull(p.signed_at, ''), ifnull(p.signed_by, 0), "            \
	"ifnull(s.display_name, ''), ifnull(p.person_acknowledged, 0), "                         \
	"ifnull((SELECT r.next_review_on FROM plan_review r WHERE r.plan_id = p.id "              \
	"ORDER BY r.reviewed_on DESC, r.id DESC LIMIT 1), p.next_review_on), "                    \
	"(SELECT max(r.reviewed_on) FROM plan_review r WHERE r.plan_id = p.id), p.revision "       \
	"FROM case_plan p LEFT JOIN staff s ON s.id = p.signed_by"

static void plan_read(sqlite3_stmt *stmt, void *item)
{
	struct case_plan *p = item;
	p->id = sqlite3_column_int64(stmt, 0);
	p->person_id = sqlite3_column_int64(stmt, 1);
	p->version = sqlite3_column_int(stmt, 2);
	p->state = strcmp((const char *)sqlite3_column_text(stmt, 3), "draft") ? PLAN_SIGNED
									      : PLAN_DRAFT;
	store_column_copy(stmt, 4, p->created_at, sizeof p->created_at);
	p->created_by = sqlite3_column_int64(stmt, 5);
	p->copied_from = sqlite3_column_int64(stmt, 6);
	store_column_copy(stmt, 7, p->signed_at, sizeof p->signed_at);
	p->signed_by = sqlite3_column_int64(stmt, 8);
	store_column_copy(stmt, 9, p->signed_by_name, sizeof p->signed_by_name);
	p->person_acknowledged = sqlite3_column_int(stmt, 10) != 0;
	p->next_review_on = store_column_date(stmt, 11);
	p->last_review_on = store_column_date(stmt, 12);
	p->revision = sqlite3_column_int64(stmt, 13);
}

/* The one row `sql` selects for :id, read with `read` into out (size bytes), or
 * CL_ERR_NOTFOUND saying `missing`. */
static enum cl_status plan_row(struct store *store, const char *sql, int64_t id, void *out,
			       size_t size, void (*read)(sqlite3_stmt *stmt, void *item),
			       const char *missing)
{
	memset(out, 0, size);
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", id);
	size_t count;
	enum cl_status st = store_rows(store, stmt, out, size, 1, &count, read);
	if (st == CL_OK && count == 0)
		st = store_error(store, CL_ERR_NOTFOUND, missing);
	return st;
}

static enum cl_status plan_one(struct store *store, const char *sql, int64_t id,
			       struct case_plan *out)
{
	return plan_row(store, sql, id, out, sizeof *out, plan_read, "no case plan");
}

enum cl_status store_case_plan_latest(struct store *store, int64_t person_id,
				      struct case_plan *out)
{
	return plan_one(store,
			"SELECT " PLAN_COLUMNS " WHERE p.person_id = :id ORDER BY p.version DESC "
			"LIMIT 1",
			person_id, out);
}

enum cl_status store_case_plan_get(struct store *store, int64_t id, struct case_plan *out)
{
	return plan_one(store, "SELECT " PLAN_COLUMNS " WHERE p.id = :id", id, out);
}

enum cl_status store_case_plans_of_person(struct store *store, int64_t person_id,
					  struct case_plan *out, size_t cap, size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " PLAN_COLUMNS " WHERE p.person_id = :id "
					       "ORDER BY p.version DESC LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", person_id);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, plan_read);
}

enum cl_status store_case_plan_create(struct store *store, int64_t person_id, int64_t by,
				      const char *at, date_t next_review, struct case_plan *out)
{
	struct case_plan existing;
	enum cl_status st = store_case_plan_latest(store, person_id, &existing);
	if (st == CL_OK)
		return store_error(store, CL_ERR_EXISTS, "the person has a case plan already");
	if (st != CL_ERR_NOTFOUND)
		return st;
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO case_plan (person_id, version, created_at, created_by, "
		       "next_review_on) VALUES (:person, 1, :at, :by, :next)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":person", person_id);
	note_bind_text(stmt, ":at", at);
	note_bind_int64(stmt, ":by", by);
	store_bind_date(stmt, sqlite3_bind_parameter_index(stmt, ":next"), next_review);
	st = store_step_done(store, stmt);
	if (st == CL_OK)
		st = store_case_plan_get(store, sqlite3_last_insert_rowid(store->db), out);
	return st;
}

/* Copies the goals, then the steps (each to the copy of its goal), of plan `from` into `to`. */
static enum cl_status plan_copy_contents(struct store *store, int64_t from, int64_t to)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO plan_goal (plan_id, domain, priority, statement, measure, "
		       "stage, strengths, barriers, accommodations, copied_from) SELECT :to, "
		       "domain, priority, statement, measure, stage, strengths, barriers, "
		       "accommodations, id FROM plan_goal WHERE plan_id = :from ORDER BY id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":to", to);
	note_bind_int64(stmt, ":from", from);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	stmt = store_stmt(store,
			  "INSERT INTO plan_step (goal_id, description, responsible, target_on, "
			  "status, drop_reason, progress) SELECT g.id, s.description, "
			  "s.responsible, s.target_on, s.status, s.drop_reason, s.progress "
			  "FROM plan_step s "
			  "JOIN plan_goal g ON g.copied_from = s.goal_id AND g.plan_id = :to "
			  "ORDER BY s.id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":to", to);
	return store_step_done(store, stmt);
}

enum cl_status store_case_plan_new_version(struct store *store, int64_t from, int64_t by,
					   const char *at, struct case_plan *out)
{
	struct case_plan old, latest;
	enum cl_status st = store_case_plan_get(store, from, &old);
	if (st == CL_OK)
		st = store_case_plan_latest(store, old.person_id, &latest);
	if (st != CL_OK)
		return st;
	if (latest.id != old.id || old.state != PLAN_SIGNED)
		return store_error(store, CL_ERR_INVALID,
				   "only the newest version, once signed, starts a new one");
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO case_plan (person_id, version, created_at, created_by, "
		       "copied_from, next_review_on) VALUES (:person, :version, :at, :by, :from, "
		       ":next)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":person", old.person_id);
	note_bind_int64(stmt, ":version", old.version + 1);
	note_bind_text(stmt, ":at", at);
	note_bind_int64(stmt, ":by", by);
	note_bind_int64(stmt, ":from", old.id);
	store_bind_date(stmt, sqlite3_bind_parameter_index(stmt, ":next"), old.next_review_on);
	st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(store->db);
	st = plan_copy_contents(store, old.id, id);
	if (st == CL_OK)
		st = store_case_plan_get(store, id, out);
	return st;
}

/* Why an UPDATE conditioned on (draft, revision) changed nothing. */
static enum cl_status plan_why_unchanged(struct store *store, int64_t plan_id)
{
	struct case_plan p;
	enum cl_status st = store_case_plan_get(store, plan_id, &p);
	if (st != CL_OK)
		return st;
	if (p.state == PLAN_SIGNED)
		return store_error(store, CL_ERR_INVALID,
				   "this version is signed: start a new version to change it");
	return store_error(store, CL_ERR_STALE, "the plan was changed in another terminal");
}

enum cl_status store_case_plan_touch(struct store *store, int64_t plan_id, int64_t *revision)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "UPDATE case_plan SET revision = revision + 1 "
				  "WHERE id = :id AND revision = :rev AND state = 'draft'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", plan_id);
	note_bind_int64(stmt, ":rev", *revision);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	if (sqlite3_changes(store->db) == 0)
		return plan_why_unchanged(store, plan_id);
	(*revision)++;
	return CL_OK;
}

enum cl_status store_case_plan_sign(struct store *store, int64_t plan_id, int64_t revision,
				    int64_t by, bool acknowledged, const char *at)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE case_plan SET state = 'signed', signed_at = :at, signed_by = :by, "
		       "person_acknowledged = :ack, acknowledged_at = CASE WHEN :ack THEN :at END, "
		       "revision = revision + 1 WHERE id = :id AND revision = :rev "
		       "AND state = 'draft'");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", plan_id);
	note_bind_int64(stmt, ":rev", revision);
	note_bind_int64(stmt, ":by", by);
	note_bind_int64(stmt, ":ack", acknowledged ? 1 : 0);
	note_bind_text(stmt, ":at", at);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0)
		st = plan_why_unchanged(store, plan_id);
	return st;
}

/* ---- goals ---- */

#define GOAL_COLUMNS                                                                               \
	"id, plan_id, domain, priority, statement, measure, stage, strengths, barriers, "         \
	"accommodations FROM plan_goal"

static void goal_read(sqlite3_stmt *stmt, void *item)
{
	struct plan_goal *g = item;
	g->id = sqlite3_column_int64(stmt, 0);
	g->plan_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, g->domain, sizeof g->domain);
	g->priority = sqlite3_column_int(stmt, 3);
	store_column_copy(stmt, 4, g->statement, sizeof g->statement);
	store_column_copy(stmt, 5, g->measure, sizeof g->measure);
	g->stage = (enum plan_stage)store_code_index(plan_stage_codes, PLAN_COUNT(plan_stage_codes),
						     sqlite3_column_text(stmt, 6),
						     PLAN_CONTEMPLATION);
	store_column_copy(stmt, 7, g->strengths, sizeof g->strengths);
	store_column_copy(stmt, 8, g->barriers, sizeof g->barriers);
	store_column_copy(stmt, 9, g->accommodations, sizeof g->accommodations);
}

enum cl_status store_plan_goals(struct store *store, int64_t plan_id, struct plan_goal **out,
				size_t *count)
{
	*out = NULL;
	*count = 0;
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT " GOAL_COLUMNS " WHERE plan_id = :id ORDER BY priority, id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", plan_id);
	return store_collect(store, stmt, (void **)out, sizeof **out, count, goal_read);
}

static void goal_bind(sqlite3_stmt *stmt, const struct plan_goal *g)
{
	note_bind_int64(stmt, ":id", g->id);
	note_bind_int64(stmt, ":plan", g->plan_id);
	note_bind_text(stmt, ":domain", g->domain);
	note_bind_int64(stmt, ":priority", g->priority);
	note_bind_text(stmt, ":statement", g->statement);
	note_bind_text(stmt, ":measure", g->measure);
	note_bind_text(stmt, ":stage", plan_stage_code(g->stage));
	note_bind_text(stmt, ":strengths", g->strengths);
	note_bind_text(stmt, ":barriers", g->barriers);
	note_bind_text(stmt, ":accommodations", g->accommodations);
}

enum cl_status store_plan_goal_add(struct store *store, struct plan_goal *g)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO plan_goal (plan_id, domain, priority, statement, measure, "
		       "stage, strengths, barriers, accommodations) VALUES (:plan, :domain, "
		       ":priority, "
		       ":statement, :measure, :stage, :strengths, :barriers, :accommodations)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	goal_bind(stmt, g);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK)
		g->id = sqlite3_last_insert_rowid(store->db);
	return st;
}

enum cl_status store_plan_goal_update(struct store *store, const struct plan_goal *g)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE plan_goal SET domain = :domain, priority = :priority, "
		       "statement = :statement, measure = :measure, stage = :stage, "
		       "strengths = :strengths, barriers = :barriers, "
		       "accommodations = :accommodations WHERE id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	goal_bind(stmt, g);
	return store_step_done(store, stmt);
}

/* ---- steps ---- */

#define STEP_COLUMNS                                                                               \
	"s.id, s.goal_id, s.description, s.responsible, s.target_on, s.status, s.drop_reason, "   \
	"s.progress FROM plan_step s"

static void step_read(sqlite3_stmt *stmt, void *item)
{
	struct plan_step *s = item;
	s->id = sqlite3_column_int64(stmt, 0);
	s->goal_id = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, s->description, sizeof s->description);
	s->responsible = (enum plan_responsible)store_code_index(
		plan_responsible_codes, PLAN_COUNT(plan_responsible_codes),
		sqlite3_column_text(stmt, 3), PLAN_BY_CASEWORKER);
	s->target_on = store_column_date(stmt, 4);
	s->status = (enum plan_step_status)store_code_index(
		plan_status_codes, PLAN_COUNT(plan_status_codes), sqlite3_column_text(stmt, 5),
		PLAN_DROPPED);
	store_column_copy(stmt, 6, s->drop_reason, sizeof s->drop_reason);
	store_column_copy(stmt, 7, s->progress, sizeof s->progress);
}

enum cl_status store_plan_steps(struct store *store, int64_t plan_id, struct plan_step **out,
				size_t *count)
{
	*out = NULL;
	*count = 0;
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " STEP_COLUMNS
					       " JOIN plan_goal g ON g.id = s.goal_id "
					       "WHERE g.plan_id = :id ORDER BY s.goal_id, s.id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":id", plan_id);
	return store_collect(store, stmt, (void **)out, sizeof **out, count, step_read);
}

static void step_bind(sqlite3_stmt *stmt, const struct plan_step *s)
{
	note_bind_int64(stmt, ":id", s->id);
	note_bind_int64(stmt, ":goal", s->goal_id);
	note_bind_text(stmt, ":description", s->description);
	note_bind_text(stmt, ":responsible", plan_responsible_code(s->responsible));
	store_bind_date(stmt, sqlite3_bind_parameter_index(stmt, ":target"), s->target_on);
	note_bind_text(stmt, ":status", plan_step_status_code(s->status));
	note_bind_text(stmt, ":reason", s->drop_reason);
	note_bind_text(stmt, ":progress", s->progress);
}

enum cl_status store_plan_step_add(struct store *store, struct plan_step *s)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO plan_step (goal_id, description, responsible, target_on, "
		       "status, drop_reason, progress) VALUES (:goal, :description, "
		       ":responsible, :target, :status, :reason, :progress)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	step_bind(stmt, s);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK)
		s->id = sqlite3_last_insert_rowid(store->db);
	return st;
}

enum cl_status store_plan_step_update(struct store *store, const struct plan_step *s)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE plan_step SET description = :description, "
		       "responsible = :responsible, target_on = :target, status = :status, "
		       "drop_reason = :reason, progress = :progress WHERE id = :id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	step_bind(stmt, s);
	return store_step_done(store, stmt);
}

/* ---- reviews ---- */

enum cl_status store_plan_review_add(struct store *store, int64_t plan_id, date_t reviewed_on,
				     date_t next_review_on, int64_t by, const char *at,
				     const struct plan_review_goal *rows, size_t count,
				     int64_t *id)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO plan_review (plan_id, reviewed_on, by_id, at, next_review_on) "
		       "VALUES (:plan, :on, :by, :at, :next)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":plan", plan_id);
	store_bind_date(stmt, sqlite3_bind_parameter_index(stmt, ":on"), reviewed_on);
	note_bind_int64(stmt, ":by", by);
	note_bind_text(stmt, ":at", at);
	store_bind_date(stmt, sqlite3_bind_parameter_index(stmt, ":next"), next_review_on);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	*id = sqlite3_last_insert_rowid(store->db);
	for (size_t i = 0; i < count && st == CL_OK; i++) {
		stmt = store_stmt(store, "INSERT INTO plan_review_goal (review_id, goal_id, "
					 "progress, note) VALUES (:review, :goal, :progress, "
					 ":note)");
		if (!stmt)
			return CL_ERR_INTERNAL;
		note_bind_int64(stmt, ":review", *id);
		note_bind_int64(stmt, ":goal", rows[i].goal_id);
		note_bind_text(stmt, ":progress", plan_progress_code(rows[i].progress));
		note_bind_text(stmt, ":note", rows[i].note);
		st = store_step_done(store, stmt);
	}
	return st;
}

static void review_goal_read(sqlite3_stmt *stmt, void *item)
{
	struct plan_review_goal *r = item;
	r->goal_id = sqlite3_column_int64(stmt, 0);
	r->progress = (enum plan_progress)store_code_index(
		plan_progress_codes, PLAN_COUNT(plan_progress_codes), sqlite3_column_text(stmt, 1),
		PLAN_PROGRESS_NONE);
	store_column_copy(stmt, 2, r->note, sizeof r->note);
}

enum cl_status store_plan_review_latest(struct store *store, int64_t plan_id,
					struct plan_review_goal *out, size_t cap, size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT goal_id, progress, note FROM plan_review_goal WHERE review_id = "
		       "(SELECT id FROM plan_review WHERE plan_id = :plan "
		       "ORDER BY reviewed_on DESC, id DESC LIMIT 1) ORDER BY goal_id LIMIT :cap");
	if (!stmt)
		return CL_ERR_INTERNAL;
	note_bind_int64(stmt, ":plan", plan_id);
	note_bind_int64(stmt, ":cap", store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, review_goal_read);
}
