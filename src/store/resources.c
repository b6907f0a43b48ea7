/* The community resources directory and referrals. The store keeps resource_search in
 * step with resource.search_text in the same statements' transaction (trusted_schema is
 * off, so no trigger may do it), as person_detail.c does for person_search. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "caseload/resources.h"
#include "caseload/strbuf.h"
#include "caseload/text.h"
#include "store_internal.h"

static const char *const kind_codes[RES_KIND_COUNT] = {
#define RESOURCE_KIND_CODE(id, code, label) [id] = code,
	RESOURCE_KIND_LIST(RESOURCE_KIND_CODE)
#undef RESOURCE_KIND_CODE
};
static const char *const kind_labels[RES_KIND_COUNT] = {
#define RESOURCE_KIND_LABEL(id, code, label) [id] = label,
	RESOURCE_KIND_LIST(RESOURCE_KIND_LABEL)
#undef RESOURCE_KIND_LABEL
};
static const char *const status_codes[REFERRAL_STATUS_COUNT] = {
#define REFERRAL_STATUS_CODE(id, code) [id] = code,
	REFERRAL_STATUS_LIST(REFERRAL_STATUS_CODE)
#undef REFERRAL_STATUS_CODE
};
static const char *const origin_codes[REFERRAL_ORIGIN_COUNT] = {
#define REFERRAL_ORIGIN_CODE(id, code, label) [id] = code,
	REFERRAL_ORIGIN_LIST(REFERRAL_ORIGIN_CODE)
#undef REFERRAL_ORIGIN_CODE
};
static const char *const origin_labels[REFERRAL_ORIGIN_COUNT] = {
#define REFERRAL_ORIGIN_LABEL(id, code, label) [id] = label,
	REFERRAL_ORIGIN_LIST(REFERRAL_ORIGIN_LABEL)
#undef REFERRAL_ORIGIN_LABEL
};

const char *resource_kind_code(enum resource_kind kind)
{
	return (unsigned)kind < RES_KIND_COUNT ? kind_codes[kind] : "?";
}

const char *resource_kind_label(enum resource_kind kind)
{
	return (unsigned)kind < RES_KIND_COUNT ? kind_labels[kind] : "?";
}

int resource_kind_parse(const char *text)
{
	for (int k = 0; text && k < RES_KIND_COUNT; k++)
		if (!strcasecmp(text, kind_codes[k]) || !strcasecmp(text, kind_labels[k]))
			return k;
	return -1;
}

const char *referral_status_code(enum referral_status status)
{
	return (unsigned)status < REFERRAL_STATUS_COUNT ? status_codes[status] : "?";
}

int referral_status_parse(const char *text)
{
	for (int s = 0; text && s < REFERRAL_STATUS_COUNT; s++)
		if (!strcasecmp(text, status_codes[s]))
			return s;
	return -1;
}

const char *referral_origin_label(enum referral_origin origin)
{
	return (unsigned)origin < REFERRAL_ORIGIN_COUNT ? origin_labels[origin] : "?";
}

/* ---- resources ---- */

/* The keys that find the agency again and the text the index holds. */
struct resource_keys {
	struct strbuf name_key, phone_key, search;
};

static void resource_keys_make(struct resource_keys *k, const struct resource *r)
{
	strbuf_init(&k->name_key);
	strbuf_init(&k->phone_key);
	strbuf_init(&k->search);
	text_fold(&k->name_key, r->name);
	for (const char *c = r->phone; *c; c++)
		if (*c >= '0' && *c <= '9')
			strbuf_putc(&k->phone_key, *c);
	const char *parts[] = {r->name,	   resource_kind_label(r->kind), r->phone,
			       r->email,   r->address,			 r->service_area,
			       r->eligibility, r->capacity};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (i)
			strbuf_puts(&k->search, " | ");
		text_fold(&k->search, parts[i]);
	}
}

static void resource_keys_clear(struct resource_keys *k)
{
	strbuf_clear(&k->name_key);
	strbuf_clear(&k->phone_key);
	strbuf_clear(&k->search);
}

#define RESOURCE_COLUMNS                                                                           \
	"r.id, r.name, r.name_key, r.kind, r.phone, r.email, r.address, r.service_area, "          \
	"r.eligibility, r.capacity, r.active, r.version, r.created_at, r.created_by, "              \
	"r.updated_at, r.updated_by"

static void resource_read(sqlite3_stmt *stmt, void *item)
{
	struct resource *r = item;
	r->id = sqlite3_column_int64(stmt, 0);
	store_column_copy(stmt, 1, r->name, sizeof r->name);
	store_column_copy(stmt, 2, r->name_key, sizeof r->name_key);
	r->kind = (enum resource_kind)store_code_index(
		kind_codes, RES_KIND_COUNT, sqlite3_column_text(stmt, 3), RES_OTHER);
	store_column_copy(stmt, 4, r->phone, sizeof r->phone);
	store_column_copy(stmt, 5, r->email, sizeof r->email);
	store_column_copy(stmt, 6, r->address, sizeof r->address);
	store_column_copy(stmt, 7, r->service_area, sizeof r->service_area);
	store_column_copy(stmt, 8, r->eligibility, sizeof r->eligibility);
	store_column_copy(stmt, 9, r->capacity, sizeof r->capacity);
	r->active = sqlite3_column_int(stmt, 10) != 0;
	r->version = sqlite3_column_int64(stmt, 11);
	store_column_copy(stmt, 12, r->created_at, sizeof r->created_at);
	r->created_by = sqlite3_column_int64(stmt, 13);
	store_column_copy(stmt, 14, r->updated_at, sizeof r->updated_at);
	r->updated_by = sqlite3_column_int64(stmt, 15);
}

/* Binds ?1..?13: the entry's fields, its keys and the index text. */
static void resource_bind(sqlite3_stmt *stmt, const struct resource *r,
			  const struct resource_keys *k)
{
	store_bind_text(stmt, 1, r->name);
	store_bind_text(stmt, 2, k->name_key.buf ? k->name_key.buf : "");
	store_bind_text(stmt, 3, resource_kind_code(r->kind));
	store_bind_text(stmt, 4, r->phone);
	store_bind_text(stmt, 5, k->phone_key.buf ? k->phone_key.buf : "");
	store_bind_text(stmt, 6, r->email);
	store_bind_text(stmt, 7, r->address);
	store_bind_text(stmt, 8, r->service_area);
	store_bind_text(stmt, 9, r->eligibility);
	store_bind_text(stmt, 10, r->capacity);
	store_bind_text(stmt, 11, k->search.buf ? k->search.buf : "");
	sqlite3_bind_int(stmt, 12, r->active ? 1 : 0);
}

static enum cl_status resource_index(struct store *store, const char *sql, int64_t id,
				     const struct resource_keys *k)
{
	sqlite3_stmt *stmt = store_stmt(store, sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, k->search.buf ? k->search.buf : "");
	sqlite3_bind_int64(stmt, 2, id);
	return store_step_done(store, stmt);
}

enum cl_status store_resource_add(struct store *store, struct resource *r, const char *at,
				  int64_t by)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO resource (name, name_key, kind, phone, phone_key, email, address, "
		       "service_area, eligibility, capacity, search_text, active, created_at, "
		       "created_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		       "?9, ?10, ?11, ?12, ?13, ?14, ?13, ?14)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	struct resource_keys k;
	resource_keys_make(&k, r);
	resource_bind(stmt, r, &k);
	store_bind_text(stmt, 13, at);
	sqlite3_bind_int64(stmt, 14, by);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_ERR_CONSTRAINT && strstr(store->error, "UNIQUE"))
		st = store_error(store, CL_ERR_EXISTS, "a resource with this name and phone exists");
	if (st == CL_OK) {
		r->id = sqlite3_last_insert_rowid(store->db);
		r->version = 1;
		st = resource_index(
			store, "INSERT INTO resource_search (search_text, rowid) VALUES (?1, ?2)",
			r->id, &k);
	}
	resource_keys_clear(&k);
	return st;
}

enum cl_status store_resource_update(struct store *store, struct resource *r, const char *at,
				     int64_t by)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "UPDATE resource SET name = ?1, name_key = ?2, kind = ?3, phone = ?4, "
		       "phone_key = ?5, email = ?6, address = ?7, service_area = ?8, "
		       "eligibility = ?9, capacity = ?10, search_text = ?11, active = ?12, "
		       "updated_at = ?13, updated_by = ?14, version = version + 1 "
		       "WHERE id = ?15 AND version = ?16");
	if (!stmt)
		return CL_ERR_INTERNAL;
	struct resource_keys k;
	resource_keys_make(&k, r);
	resource_bind(stmt, r, &k);
	store_bind_text(stmt, 13, at);
	sqlite3_bind_int64(stmt, 14, by);
	sqlite3_bind_int64(stmt, 15, r->id);
	sqlite3_bind_int64(stmt, 16, r->version);
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_ERR_CONSTRAINT && strstr(store->error, "UNIQUE"))
		st = store_error(store, CL_ERR_EXISTS, "a resource with this name and phone exists");
	if (st == CL_OK && sqlite3_changes(store->db) == 0) {
		struct resource current;
		st = store_resource_get(store, r->id, &current);
		st = st == CL_OK ? store_error(store, CL_ERR_STALE, "changed since it was read") : st;
	}
	if (st == CL_OK)
		st = resource_index(store,
				    "UPDATE resource_search SET search_text = ?1 "
				    "WHERE rowid = ?2 AND search_text IS NOT ?1",
				    r->id, &k);
	if (st == CL_OK)
		r->version++;
	resource_keys_clear(&k);
	return st;
}

enum cl_status store_resource_get(struct store *store, int64_t id, struct resource *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT " RESOURCE_COLUMNS " FROM resource r WHERE r.id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	size_t n = 0;
	enum cl_status st = store_rows(store, stmt, out, sizeof *out, 1, &n, resource_read);
	return st == CL_OK && n == 0 ? CL_ERR_NOTFOUND : st;
}

enum cl_status store_resource_find(struct store *store, const char *name, const char *phone,
				   int64_t *id)
{
	*id = 0;
	struct resource probe = {.kind = RES_OTHER};
	str_copy(probe.name, sizeof probe.name, name);
	str_copy(probe.phone, sizeof probe.phone, phone);
	struct resource_keys k;
	resource_keys_make(&k, &probe);
	sqlite3_stmt *stmt =
		store_stmt(store, "SELECT id FROM resource WHERE name_key = ?1 AND phone_key = ?2");
	enum cl_status st = CL_ERR_INTERNAL;
	if (stmt) {
		store_bind_text(stmt, 1, k.name_key.buf ? k.name_key.buf : "");
		store_bind_text(stmt, 2, k.phone_key.buf ? k.phone_key.buf : "");
		st = store_step_int64(store, stmt, id);
	}
	resource_keys_clear(&k);
	return st;
}

enum cl_status store_resource_search(struct store *store, const struct resource_query *q,
				     const struct resource *after, struct resource *out,
				     size_t cap, size_t *count)
{
	*count = 0;
	enum store_filter_mode mode = store_filter_mode(q->filter);
	struct strbuf sql;
	strbuf_init(&sql);
	strbuf_puts(&sql, "SELECT " RESOURCE_COLUMNS " FROM resource r WHERE 1");
	if (q->kind >= 0)
		strbuf_puts(&sql, " AND r.kind = ?1");
	if (q->active_only)
		strbuf_puts(&sql, " AND r.active = 1");
	if (mode == STORE_FILTER_MATCH)
		strbuf_puts(&sql, " AND r.id IN (SELECT rowid FROM resource_search "
				  "WHERE resource_search MATCH ?2)");
	else if (mode == STORE_FILTER_LIKE)
		strbuf_puts(&sql, " AND r.search_text LIKE ?2 ESCAPE '\\'");
	if (after)
		strbuf_puts(&sql, " AND (r.name_key, r.id) > (?3, ?4)");
	strbuf_puts(&sql, " ORDER BY r.name_key, r.id LIMIT ?5");
	sqlite3_stmt *stmt = store_stmt(store, sql.buf);
	strbuf_clear(&sql);
	if (!stmt)
		return CL_ERR_INTERNAL;
	if (q->kind >= 0)
		store_bind_text(stmt, 1, resource_kind_code((enum resource_kind)q->kind));
	struct strbuf arg;
	strbuf_init(&arg);
	if (mode != STORE_FILTER_NONE) {
		store_filter_arg(&arg, q->filter);
		sqlite3_bind_text(stmt, 2, arg.buf, (int)arg.len, SQLITE_TRANSIENT);
	}
	strbuf_clear(&arg);
	if (after) {
		store_bind_text(stmt, 3, after->name_key);
		sqlite3_bind_int64(stmt, 4, after->id);
	}
	sqlite3_bind_int64(stmt, 5, store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, resource_read);
}

/* ---- referrals ---- */

static enum cl_status referral_event_add(struct store *store, int64_t id,
					 enum referral_status status, const char *note,
					 const char *at, int64_t by)
{
	sqlite3_stmt *stmt = store_stmt(store, "INSERT INTO referral_event (referral_id, status, "
					       "by_id, at, note) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, referral_status_code(status));
	sqlite3_bind_int64(stmt, 3, by);
	store_bind_text(stmt, 4, at);
	store_bind_text(stmt, 5, note ? note : "");
	return store_step_done(store, stmt);
}

enum cl_status store_referral_add(struct store *store, struct referral *r, const char *note,
				  const char *at, int64_t by)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "INSERT INTO referral (person_id, resource_id, origin, origin_ref, status, "
		       "created_at, created_by, updated_at) VALUES (?1, ?2, ?3, ?4, 'sent', ?5, ?6, ?5)");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, r->person_id);
	sqlite3_bind_int64(stmt, 2, r->resource_id);
	store_bind_text(stmt, 3, (unsigned)r->origin < REFERRAL_ORIGIN_COUNT
					 ? origin_codes[r->origin] : "?");
	store_bind_text(stmt, 4, r->origin_ref);
	store_bind_text(stmt, 5, at);
	sqlite3_bind_int64(stmt, 6, by);
	enum cl_status st = store_step_done(store, stmt);
	if (st != CL_OK)
		return st;
	r->id = sqlite3_last_insert_rowid(store->db);
	r->status = REFERRAL_SENT;
	return referral_event_add(store, r->id, REFERRAL_SENT, note, at, by);
}

enum cl_status store_referral_move(struct store *store, int64_t id, enum referral_status from,
				   enum referral_status to, const char *note, const char *at,
				   int64_t by)
{
	sqlite3_stmt *stmt = store_stmt(store, "UPDATE referral SET status = ?1, updated_at = ?2 "
					       "WHERE id = ?3 AND status = ?4");
	if (!stmt)
		return CL_ERR_INTERNAL;
	store_bind_text(stmt, 1, referral_status_code(to));
	store_bind_text(stmt, 2, at);
	sqlite3_bind_int64(stmt, 3, id);
	store_bind_text(stmt, 4, referral_status_code(from));
	enum cl_status st = store_step_done(store, stmt);
	if (st == CL_OK && sqlite3_changes(store->db) == 0)
		return store_error(store, CL_ERR_STALE, "the referral's status changed since");
	if (st == CL_OK)
		st = referral_event_add(store, id, to, note, at, by);
	return st;
}

#define REFERRAL_COLUMNS                                                                           \
	"f.id, f.person_id, f.resource_id, r.name, r.kind, f.origin, f.origin_ref, f.status, "     \
	"f.created_at, f.updated_at, f.created_by, s.display_name "                                \
	"FROM referral f JOIN resource r ON r.id = f.resource_id "                                 \
	"JOIN staff s ON s.id = f.created_by"

static void referral_read(sqlite3_stmt *stmt, void *item)
{
	struct referral *f = item;
	f->id = sqlite3_column_int64(stmt, 0);
	f->person_id = sqlite3_column_int64(stmt, 1);
	f->resource_id = sqlite3_column_int64(stmt, 2);
	store_column_copy(stmt, 3, f->resource_name, sizeof f->resource_name);
	f->resource_kind = (enum resource_kind)store_code_index(
		kind_codes, RES_KIND_COUNT, sqlite3_column_text(stmt, 4), RES_OTHER);
	f->origin = (enum referral_origin)store_code_index(
		origin_codes, REFERRAL_ORIGIN_COUNT, sqlite3_column_text(stmt, 5),
		REFERRAL_FROM_RECORD);
	store_column_copy(stmt, 6, f->origin_ref, sizeof f->origin_ref);
	f->status = (enum referral_status)store_code_index(
		status_codes, REFERRAL_STATUS_COUNT, sqlite3_column_text(stmt, 7),
		REFERRAL_WITHDRAWN);
	store_column_copy(stmt, 8, f->created_at, sizeof f->created_at);
	store_column_copy(stmt, 9, f->updated_at, sizeof f->updated_at);
	f->created_by = sqlite3_column_int64(stmt, 10);
	store_column_copy(stmt, 11, f->created_by_name, sizeof f->created_by_name);
}

enum cl_status store_referral_get(struct store *store, int64_t id, struct referral *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " REFERRAL_COLUMNS " WHERE f.id = ?");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	size_t n = 0;
	enum cl_status st = store_rows(store, stmt, out, sizeof *out, 1, &n, referral_read);
	return st == CL_OK && n == 0 ? CL_ERR_NOTFOUND : st;
}

enum cl_status store_referrals_of_person(struct store *store, int64_t person_id,
					 struct referral *out, size_t cap, size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " REFERRAL_COLUMNS " WHERE f.person_id = ?1 "
					       "ORDER BY f.created_at DESC, f.id DESC LIMIT ?2");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	sqlite3_bind_int64(stmt, 2, store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, referral_read);
}

enum cl_status store_referrals_of_origin(struct store *store, int64_t person_id,
					 enum referral_origin origin, const char *origin_ref,
					 struct referral *out, size_t cap, size_t *count)
{
	if ((int)origin < 0 || origin >= REFERRAL_ORIGIN_COUNT) {
		*count = 0;
		return CL_ERR_INVALID;
	}
	sqlite3_stmt *stmt = store_stmt(store, "SELECT " REFERRAL_COLUMNS " WHERE f.person_id = ?1 "
					       "AND f.origin = ?2 AND f.origin_ref = ?3 "
					       "ORDER BY f.created_at DESC, f.id DESC LIMIT ?4");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, person_id);
	sqlite3_bind_text(stmt, 2, origin_codes[origin], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, origin_ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 4, store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, referral_read);
}

static void referral_event_read(sqlite3_stmt *stmt, void *item)
{
	struct referral_event *e = item;
	e->id = sqlite3_column_int64(stmt, 0);
	e->status = (enum referral_status)store_code_index(
		status_codes, REFERRAL_STATUS_COUNT, sqlite3_column_text(stmt, 1),
		REFERRAL_WITHDRAWN);
	e->by_id = sqlite3_column_int64(stmt, 2);
	store_column_copy(stmt, 3, e->by_name, sizeof e->by_name);
	store_column_copy(stmt, 4, e->at, sizeof e->at);
	store_column_copy(stmt, 5, e->note, sizeof e->note);
}

enum cl_status store_referral_events(struct store *store, int64_t id,
				     struct referral_event *out, size_t cap, size_t *count)
{
	sqlite3_stmt *stmt = store_stmt(
		store, "SELECT e.id, e.status, e.by_id, s.display_name, e.at, e.note "
		       "FROM referral_event e JOIN staff s ON s.id = e.by_id "
		       "WHERE e.referral_id = ?1 ORDER BY e.id LIMIT ?2");
	if (!stmt)
		return CL_ERR_INTERNAL;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, store_limit(cap));
	return store_rows(store, stmt, out, sizeof *out, cap, count, referral_event_read);
}
