/* One person's record: the core row, its sections, and their writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/person_detail.h"
#include "caseload/strbuf.h"
#include "store_internal.h"

#define SECTION_LIMIT 200

#define PERSON_COLUMNS                                                                             \
	"p.id, p.version, p.oid, p.last_name, p.first_name, p.middle_name, p.dob, p.sex, "        \
	"p.language, p.interpreter, p.unit, p.cell, p.custody, p.risk, p.caseworker_id, "         \
	"ifnull(s.display_name, ''), p.admission_date, p.sentence_begin, p.jail_credit_days, "    \
	"p.srd, p.expiration_date, p.next_review_date, p.ecrc_required, p.updated_at, "           \
	"ifnull(u.display_name, '')"

static void person_read(sqlite3_stmt *stmt, void *item)
{
	struct person *p = item;
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(stmt, 0);
	p->version = sqlite3_column_int64(stmt, 1);
	store_column_copy(stmt, 2, p->oid, sizeof p->oid);
	store_column_copy(stmt, 3, p->last_name, sizeof p->last_name);
	store_column_copy(stmt, 4, p->first_name, sizeof p->first_name);
	store_column_copy(stmt, 5, p->middle_name, sizeof p->middle_name);
	p->dob = store_column_date(stmt, 6);
	const unsigned char *sex = sqlite3_column_text(stmt, 7);
	if (!sex || !model_sex_from_code((char)sex[0], &p->sex))
		p->sex = SEX_X;
	store_column_copy(stmt, 8, p->language, sizeof p->language);
	p->interpreter = sqlite3_column_int(stmt, 9) != 0;
	store_column_copy(stmt, 10, p->unit, sizeof p->unit);
	store_column_copy(stmt, 11, p->cell, sizeof p->cell);
	p->custody = (enum custody_level)sqlite3_column_int(stmt, 12);
	p->risk = (enum risk_level)sqlite3_column_int(stmt, 13);
	p->caseworker_id = sqlite3_column_int64(stmt, 14);
	store_column_copy(stmt, 15, p->caseworker_name, sizeof p->caseworker_name);
	p->admission = store_column_date(stmt, 16);
	p->sentence_begin = store_column_date(stmt, 17);
	p->jail_credit_days = sqlite3_column_int(stmt, 18);
	p->srd = store_column_date(stmt, 19);
	p->expiration = store_column_date(stmt, 20);
	p->next_review = store_column_date(stmt, 21);
	p->ecrc_required = sqlite3_column_int(stmt, 22) != 0;
	store_column_copy(stmt, 23, p->updated_at, sizeof p->updated_at);
	store_column_copy(stmt, 24, p->updated_by, sizeof p->updated_by);
}

enum cl_status store_person_get(struct store *store, int64_t id, struct person *out)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " PERSON_COLUMNS " FROM person p "
					       "LEFT JOIN staff s ON s.id = p.caseworker_id "
					       "LEFT JOIN staff u ON u.id = p.updated_by "
					       "WHERE p.id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	return store_row(store, stmt, out, person_read);
}

static void person_bind_sex(sqlite3_stmt *stmt, int index, enum sex sex)
{
	char code[2] = {model_sex_code(sex), '\0'};
	sqlite3_bind_text(stmt, index, code, 1, SQLITE_TRANSIENT);
}

/* Binds the editable columns in the order both INSERT and UPDATE list them (?1..?21). */
static void person_bind_core(sqlite3_stmt *stmt, const struct person *p,
			     const struct person_keys *keys)
{
	store_bind_text(stmt, 1, p->oid);
	store_bind_text(stmt, 2, p->last_name);
	store_bind_text(stmt, 3, p->first_name);
	store_bind_text(stmt, 4, p->middle_name);
	store_bind_text(stmt, 5, keys->name_key);
	store_bind_text(stmt, 6, keys->search_text);
	store_bind_date(stmt, 7, p->dob);
	person_bind_sex(stmt, 8, p->sex);
	store_bind_text(stmt, 9, p->language);
	sqlite3_bind_int(stmt, 10, p->interpreter);
	store_bind_text(stmt, 11, p->unit);
	store_bind_text(stmt, 12, p->cell);
	sqlite3_bind_int(stmt, 13, (int)p->custody);
	sqlite3_bind_int(stmt, 14, (int)p->risk);
	store_bind_id(stmt, 15, p->caseworker_id);
	store_bind_date(stmt, 16, p->admission);
	store_bind_date(stmt, 17, p->sentence_begin);
	sqlite3_bind_int(stmt, 18, p->jail_credit_days);
	store_bind_date(stmt, 19, p->srd);
	store_bind_date(stmt, 20, p->expiration);
	store_bind_date(stmt, 21, p->next_review);
	sqlite3_bind_int(stmt, 22, p->ecrc_required);
}

static void person_bind_derived(sqlite3_stmt *stmt, int first, const struct person_derived *d)
{
	if (d->next_due == DATE_NONE)
		store_bind_text(stmt, first, "9999-12-31");
	else
		store_bind_date(stmt, first, d->next_due);
	sqlite3_bind_int(stmt, first + 1, (int)d->next_due_kind);
	sqlite3_bind_int(stmt, first + 2, (int)d->alert_flags);
	if (d->refresh_on == DATE_NONE)
		store_bind_text(stmt, first + 3, "9999-12-31");
	else
		store_bind_date(stmt, first + 3, d->refresh_on);
}

enum cl_status store_person_insert(struct store *store, const struct person *p,
				   const struct person_keys *keys,
				   const struct person_derived *derived, const char *at,
				   int64_t by, int64_t *id)
{
	sqlite3_stmt *stmt = store_stmt(
		store,
		"INSERT INTO person (oid, last_name, first_name, middle_name, name_key, search_text, "
		"dob, sex, language, interpreter, unit, cell, custody, risk, caseworker_id, "
		"admission_date, sentence_begin, jail_credit_days, srd, expiration_date, "
		"next_review_date, ecrc_required, next_due_date, next_due_kind, alert_flags, "
		"refresh_on, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, "
		"?27, ?28)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	person_bind_core(stmt, p, keys);
	person_bind_derived(stmt, 23, derived);
	store_bind_text(stmt, 27, at);
	store_bind_id(stmt, 28, by);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	*id = sqlite3_last_insert_rowid(store->db);
	sqlite3_stmt *index =
		store_stmt(store, "INSERT INTO person_search (rowid, search_text) VALUES (?, ?)");
	if (!index)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(index, 1, *id);
	store_bind_text(index, 2, keys->search_text);
	return store_step_done(store, index);
}

enum cl_status store_person_update(struct store *store, struct person *p,
				   const struct person_keys *keys, const char *at, int64_t by)
{
	sqlite3_stmt *stmt = store_stmt(
		store,
		"UPDATE person SET oid = ?1, last_name = ?2, first_name = ?3, middle_name = ?4, "
		"name_key = ?5, search_text = ?6, dob = ?7, sex = ?8, language = ?9, "
		"interpreter = ?10, unit = ?11, cell = ?12, custody = ?13, risk = ?14, "
		"caseworker_id = ?15, admission_date = ?16, sentence_begin = ?17, "
		"jail_credit_days = ?18, srd = ?19, expiration_date = ?20, next_review_date = ?21, "
		"ecrc_required = ?22, version = version + 1, updated_at = ?23, updated_by = ?24 "
		"WHERE id = ?25 AND version = ?26");
	if (!stmt)
		return CL_ERR_INTERNAL;
	person_bind_core(stmt, p, keys);
	store_bind_text(stmt, 23, at);
	store_bind_id(stmt, 24, by);
	sqlite3_bind_int64(stmt, 25, p->id);
	sqlite3_bind_int64(stmt, 26, p->version);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	if (sqlite3_changes(store->db) == 0) {
		struct person current;
		st = store_person_get(store, p->id, &current);
		return st == CL_OK ? CL_ERR_STALE : st;
	}
	sqlite3_stmt *index = store_stmt(store, "UPDATE person_search SET search_text = ?1 "
						"WHERE rowid = ?2 AND search_text IS NOT ?1");
	if (!index)
		return CL_ERR_INTERNAL;
	store_bind_text(index, 1, keys->search_text);
	sqlite3_bind_int64(index, 2, p->id);
	st = store_step_done(store, index);
	if (st == CL_OK)
		p->version++;
	return st;
}

enum cl_status store_person_set_derived(struct store *store, int64_t id,
					const struct person_derived *derived)
{
	sqlite3_stmt *stmt = store_stmt(store, "UPDATE person SET next_due_date = ?1, "
					       "next_due_kind = ?2, alert_flags = ?3, refresh_on = ?4 "
					       "WHERE id = ?5");
	if (!stmt)
		return CL_ERR_INTERNAL;
	person_bind_derived(stmt, 1, derived);
	sqlite3_bind_int64(stmt, 5, id);
	return store_step_done(store, stmt);
}

enum cl_status store_people_to_refresh(struct store *store, date_t today, size_t cap,
				       int64_t **ids, size_t *count)
{
	*ids = NULL;
	*count = 0;
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT id FROM person WHERE refresh_on <= ? ORDER BY refresh_on "
				  "LIMIT ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_date(stmt, 1, today);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)cap);
	size_t allocated = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*count == allocated) {
			allocated = allocated ? allocated * 2 : 64;
			*ids = xrealloc(*ids, allocated * sizeof **ids);
		}
		(*ids)[(*count)++] = sqlite3_column_int64(stmt, 0);
	}
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	if (st != CL_OK) {
		free(*ids);
		*ids = NULL;
		*count = 0;
	}
	return st;
}

static void read_alias(sqlite3_stmt *stmt, void *elem)
{
	store_column_copy(stmt, 0, elem, MODEL_NAME_SIZE);
}

static void read_alert(sqlite3_stmt *stmt, void *elem)
{
	struct alert *a = elem;
	a->id = sqlite3_column_int64(stmt, 0);
	a->kind = (enum alert_kind)sqlite3_column_int(stmt, 1);
	store_column_copy(stmt, 2, a->detail, sizeof a->detail);
	store_column_copy(stmt, 3, a->separate_from, sizeof a->separate_from);
	a->start = store_column_date(stmt, 4);
	a->end = store_column_date(stmt, 5);
}

static void read_stay(sqlite3_stmt *stmt, void *elem)
{
	struct housing_stay *h = elem;
	h->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, h->unit, sizeof h->unit);
	store_column_copy(stmt, 2, h->cell, sizeof h->cell);
	h->custody = (enum custody_level)sqlite3_column_int(stmt, 3);
	h->start = store_column_date(stmt, 4);
	h->end = store_column_date(stmt, 5);
	store_column_copy(stmt, 6, h->reason, sizeof h->reason);
	store_column_copy(stmt, 7, h->recorded_by, sizeof h->recorded_by);
}

static void read_enrollment(sqlite3_stmt *stmt, void *elem)
{
	struct enrollment *e = elem;
	e->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, e->program, sizeof e->program);
	e->status = (enum enrollment_status)sqlite3_column_int(stmt, 2);
	e->start = store_column_date(stmt, 3);
	e->end = store_column_date(stmt, 4);
}

static void read_change(sqlite3_stmt *stmt, void *elem)
{
	struct person_change *c = elem;
	c->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, c->field, sizeof c->field);
	store_column_copy(stmt, 2, c->old_value, sizeof c->old_value);
	store_column_copy(stmt, 3, c->new_value, sizeof c->new_value);
	store_column_copy(stmt, 4, c->changed_by, sizeof c->changed_by);
	store_column_copy(stmt, 5, c->changed_at, sizeof c->changed_at);
}

struct section_query {
	const char *sql; /* ?1 is the person id, ?2 the row limit */
	size_t elem_size;
	void (*read)(sqlite3_stmt *stmt, void *elem);
};

static enum cl_status store_section(struct store *store, const struct section_query *q,
				    int64_t person_id, void **array, size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, q->sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	sqlite3_bind_int(stmt, 2, SECTION_LIMIT);
	return store_collect(store, stmt, array, q->elem_size, count, q->read);
}

static const struct section_query q_aliases = {
	"SELECT alias FROM person_alias WHERE person_id = ?1 ORDER BY alias LIMIT ?2",
	MODEL_NAME_SIZE, read_alias};
static const struct section_query q_alerts = {
	"SELECT a.id, a.kind, a.detail, "
	"ifnull(o.oid || ' ' || o.last_name || ', ' || o.first_name, ''), a.start_date, a.end_date "
	"FROM alert a LEFT JOIN person o ON o.id = a.separate_from WHERE a.person_id = ?1 "
	"ORDER BY a.end_date IS NOT NULL, a.start_date DESC, a.id DESC LIMIT ?2",
	sizeof(struct alert), read_alert};
static const struct section_query q_housing = {
	"SELECT h.id, h.unit, h.cell, h.custody, h.start_date, h.end_date, h.reason, "
	"ifnull(s.display_name, '') FROM housing_stay h LEFT JOIN staff s ON s.id = h.recorded_by "
	"WHERE h.person_id = ?1 ORDER BY h.start_date DESC, h.id DESC LIMIT ?2",
	sizeof(struct housing_stay), read_stay};
static const struct section_query q_enrollments = {
	"SELECT e.id, pr.name, e.status, e.start_date, e.end_date FROM enrollment e "
	"JOIN program pr ON pr.id = e.program_id WHERE e.person_id = ?1 "
	"ORDER BY e.start_date DESC, e.id DESC LIMIT ?2",
	sizeof(struct enrollment), read_enrollment};
static const struct section_query q_changes = {
	"SELECT c.id, c.field, c.old_value, c.new_value, ifnull(s.display_name, ''), c.changed_at "
	"FROM person_change c LEFT JOIN staff s ON s.id = c.changed_by WHERE c.person_id = ?1 "
	"ORDER BY c.id DESC LIMIT ?2",
	sizeof(struct person_change), read_change};

enum cl_status store_person_record(struct store *store, int64_t id, struct person_record *out)
{
	memset(out, 0, sizeof *out);
	enum cl_status st = store_person_get(store, id, &out->person);
	if (st == CL_OK)
		st = store_section(store, &q_aliases, id, (void **)&out->aliases, &out->alias_count);
	if (st == CL_OK)
		st = store_section(store, &q_alerts, id, (void **)&out->alerts, &out->alert_count);
	if (st == CL_OK)
		st = store_section(store, &q_housing, id, (void **)&out->housing,
				   &out->housing_count);
	if (st == CL_OK)
		st = store_section(store, &q_enrollments, id, (void **)&out->enrollments,
				   &out->enrollment_count);
	if (st == CL_OK)
		st = store_section(store, &q_changes, id, (void **)&out->changes,
				   &out->change_count);
	if (st != CL_OK)
		person_record_clear(out);
	return st;
}

enum cl_status store_person_change_add(struct store *store, int64_t person_id, const char *field,
				       const char *old_value, const char *new_value, const char *at,
				       int64_t by)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO person_change (person_id, field, "
					       "old_value, new_value, changed_by, changed_at) "
					       "VALUES (?, ?, ?, ?, ?, ?)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	store_bind_text(stmt, 2, field);
	store_bind_text(stmt, 3, old_value);
	store_bind_text(stmt, 4, new_value);
	store_bind_id(stmt, 5, by);
	store_bind_text(stmt, 6, at);
	return store_step_done(store, stmt);
}

enum cl_status store_alias_add(struct store *store, int64_t person_id, const char *alias)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "INSERT INTO person_alias (person_id, alias) VALUES (?, ?)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	store_bind_text(stmt, 2, alias);
	enum cl_status st = store_step_done(store, stmt);
	/* only the UNIQUE (person, alias) rule means "already recorded"; a missing person does not */
	if (st == CL_ERR_CONSTRAINT && sqlite3_extended_errcode(store->db) == SQLITE_CONSTRAINT_UNIQUE)
		return CL_ERR_EXISTS;
	return st;
}

enum cl_status store_alias_remove(struct store *store, int64_t person_id, const char *alias)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "DELETE FROM person_alias WHERE person_id = ? AND alias = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	store_bind_text(stmt, 2, alias);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0)
		return CL_ERR_NOTFOUND;
	return st;
}

enum cl_status store_alias_joined(struct store *store, int64_t person_id, struct strbuf *out)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT alias FROM person_alias WHERE person_id = ? "
					       "ORDER BY alias");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (out->len)
			strbuf_puts(out, "; ");
		strbuf_puts(out, (const char *)sqlite3_column_text(stmt, 0));
	}
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_reset(stmt);
	return st;
}

enum cl_status store_alert_add(struct store *store, int64_t person_id, enum alert_kind kind,
			       const char *detail, int64_t separate_from_id, date_t start,
			       date_t end, const char *at, int64_t by, int64_t *id)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO alert (person_id, kind, detail, "
					       "separate_from, start_date, end_date, created_by, "
					       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	sqlite3_bind_int(stmt, 2, (int)kind);
	store_bind_text(stmt, 3, detail);
	store_bind_id(stmt, 4, separate_from_id);
	store_bind_date(stmt, 5, start);
	store_bind_date(stmt, 6, end);
	store_bind_id(stmt, 7, by);
	store_bind_text(stmt, 8, at);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && id)
		*id = sqlite3_last_insert_rowid(store->db);
	return st;
}

enum cl_status store_alert_end(struct store *store, int64_t person_id, int64_t alert_id,
			       date_t end)
{
	sqlite3_stmt *stmt =
		store_stmt(store, "UPDATE alert SET end_date = ? WHERE id = ? AND person_id = ? "
				  "AND end_date IS NULL");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_date(stmt, 1, end);
	sqlite3_bind_int64(stmt, 2, alert_id);
	sqlite3_bind_int64(stmt, 3, person_id);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0)
		return CL_ERR_NOTFOUND;
	return st;
}

static void read_alert_dates(sqlite3_stmt *stmt, void *elem)
{
	struct alert *a = elem;
	a->kind = (enum alert_kind)sqlite3_column_int(stmt, 0);
	a->start = store_column_date(stmt, 1);
	a->end = store_column_date(stmt, 2);
}

enum cl_status store_alerts_dates(struct store *store, int64_t person_id, struct alert **alerts,
				  size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT kind, start_date, end_date FROM alert WHERE person_id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	return store_collect(store, stmt, (void **)alerts, sizeof **alerts, count,
			     read_alert_dates);
}

enum cl_status store_housing_move(struct store *store, int64_t person_id, const char *unit,
				  const char *cell, enum custody_level custody, date_t start,
				  const char *reason, const char *at, int64_t by)
{
	/* a move dated before the current stay began would leave two stays overlapping, the
	 * closed one looking current */
	sqlite3_stmt *later = store_stmt(store, "SELECT count(*) FROM housing_stay WHERE person_id = ? "
						"AND end_date IS NULL AND start_date > ?");
	if (!later)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(later, 1, person_id);
	store_bind_date(later, 2, start);
	int rc = sqlite3_step(later);
	sqlite3_int64 overlapping = rc == SQLITE_ROW ? sqlite3_column_int64(later, 0) : 0;
	enum cl_status st = rc == SQLITE_ROW ? CL_OK : store_fail(store, rc);
	sqlite3_reset(later);
	if (st != CL_OK)
		return st;
	if (overlapping > 0) {
		snprintf(store->error, sizeof store->error,
			 "the move is dated before the current stay began");
		return CL_ERR_INVALID;
	}
	sqlite3_stmt *close = store_stmt(store, "UPDATE housing_stay SET end_date = max(start_date, ?) "
						"WHERE person_id = ? AND end_date IS NULL");
	if (!close)
		return CL_ERR_INTERNAL;
	store_bind_date(close, 1, start);
	sqlite3_bind_int64(close, 2, person_id);
	st = store_step_done(store, close);
	if (st != CL_OK)
		return st;
	sqlite3_stmt *open = store_stmt(store, "INSERT INTO housing_stay (person_id, unit, cell, "
					       "custody, start_date, reason, recorded_by, "
					       "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!open)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(open, 1, person_id);
	store_bind_text(open, 2, unit);
	store_bind_text(open, 3, cell);
	sqlite3_bind_int(open, 4, (int)custody);
	store_bind_date(open, 5, start);
	store_bind_text(open, 6, reason);
	store_bind_id(open, 7, by);
	store_bind_text(open, 8, at);
	return store_step_done(store, open);
}

enum cl_status store_program_ensure(struct store *store, const char *name, const char *kind,
				    int64_t *id)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO program (name, kind) VALUES (?, ?) "
					       "ON CONFLICT (name) DO UPDATE SET name = excluded.name "
					       "RETURNING id");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, name);
	store_bind_text(stmt, 2, kind);
	return store_step_int64(store, stmt, id);
}

enum cl_status store_enrollment_add(struct store *store, int64_t person_id, int64_t program_id,
				    enum enrollment_status status, date_t start, date_t end)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO enrollment (person_id, program_id, "
					       "status, start_date, end_date) VALUES (?, ?, ?, ?, ?)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	sqlite3_bind_int64(stmt, 2, program_id);
	sqlite3_bind_int(stmt, 3, (int)status);
	store_bind_date(stmt, 4, start);
	store_bind_date(stmt, 5, end);
	return store_step_done(store, stmt);
}

enum cl_status store_people_each(struct store *store,
				 bool (*fn)(void *ctx, const struct person *p,
					    const struct person_derived *stored),
				 void *ctx)
{
	/* a private statement: fn may use the cached ones while this one is stepping */
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(store->db,
				    "SELECT " PERSON_COLUMNS ", p.next_due_date, p.next_due_kind, "
				    "p.alert_flags, p.refresh_on FROM person p "
				    "LEFT JOIN staff s ON s.id = p.caseworker_id "
				    "LEFT JOIN staff u ON u.id = p.updated_by ORDER BY p.id",
				    -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct person p;
		struct person_derived d;
		person_read(stmt, &p);
		d.next_due = store_column_date(stmt, 25);
		d.next_due_kind = (enum due_kind)sqlite3_column_int(stmt, 26);
		d.alert_flags = (unsigned)sqlite3_column_int(stmt, 27);
		d.refresh_on = store_column_date(stmt, 28);
		if (!fn(ctx, &p, &d)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	enum cl_status st = rc == SQLITE_DONE ? CL_OK : store_fail(store, rc);
	sqlite3_finalize(stmt);
	return st;
}
