/* The resources directory and referrals: who may change what, the validation of entries
 * (typed in a dialog or read from CSV, by the same rules), and the referral status rules. */
#include "caseload/directory.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "caseload/csv.h"
#include "caseload/permit.h"
#include "caseload/strbuf.h"
#include "caseload/text.h"

/* The most an import reads: a directory is hundreds of rows, not megabytes. */
#define DIRECTORY_IMPORT_MAX (16u << 20)

/* Caseworkers and leads keep the directory; anyone else is refused (audited). */
static enum cl_status directory_may_edit(struct app *app, const char *event, char *msg,
					 size_t msgsz)
{
	enum role role = permit_role_parse(app->me.role);
	if (app->me.id && (role == ROLE_CASEWORKER || role == ROLE_LEAD))
		return CL_OK;
	app_say(msg, msgsz, "Only caseworkers and leads change the resources directory");
	app_audit(app, event, "denied", 0, "");
	return CL_ERR_DENIED;
}

/* ---- validation ---- */

/* The fields a resource has, with their limits: the CSV columns and the checks share it. */
enum directory_column {
	COL_NAME,
	COL_KIND,
	COL_PHONE,
	COL_EMAIL,
	COL_ADDRESS,
	COL_AREA,
	COL_ELIGIBILITY,
	COL_CAPACITY,
	COL_ACTIVE,
	COL_COUNT
};

static const struct {
	const char *name;  /* the CSV header */
	const char *alias; /* also accepted in a header */
	const char *words; /* in messages */
	size_t max;
} columns[COL_COUNT] = {
	[COL_NAME] = {"name", NULL, "name", RESOURCE_NAME_MAX},
	[COL_KIND] = {"kind", "type", "kind", 40},
	[COL_PHONE] = {"phone", "telephone", "phone", RESOURCE_PHONE_MAX},
	[COL_EMAIL] = {"email", "e_mail", "email", RESOURCE_EMAIL_MAX},
	[COL_ADDRESS] = {"address", NULL, "address", RESOURCE_ADDRESS_MAX},
	[COL_AREA] = {"service_area", "area", "service area", RESOURCE_AREA_MAX},
	[COL_ELIGIBILITY] = {"eligibility", "eligibility_notes", "eligibility notes",
			     RESOURCE_ELIGIBILITY_MAX},
	[COL_CAPACITY] = {"capacity", "capacity_notes", "capacity notes", RESOURCE_CAPACITY_MAX},
	[COL_ACTIVE] = {"active", NULL, "active flag", 8},
};

/* The text of one field: clean (no control characters, valid UTF-8) and within its limit.
 * Eligibility and capacity notes may run over lines. */
static bool directory_text_ok(enum directory_column col, const char *text, char *why,
			      size_t whysz)
{
	if (strlen(text) > columns[col].max) {
		snprintf(why, whysz, "the %s is longer than %zu bytes", columns[col].words,
			 columns[col].max);
		return false;
	}
	bool multiline = col == COL_ELIGIBILITY || col == COL_CAPACITY;
	struct strbuf line;
	strbuf_init(&line);
	bool ok = true;
	for (const char *s = text; ok && *s;) {
		size_t n = multiline ? strcspn(s, "\n") : strlen(s);
		strbuf_reset(&line);
		strbuf_append(&line, s, n);
		ok = text_is_clean_line(line.buf);
		s += n + (s[n] == '\n');
	}
	strbuf_clear(&line);
	if (!ok)
		snprintf(why, whysz, "the %s holds control characters or is not UTF-8 text",
			 columns[col].words);
	return ok;
}

static size_t directory_digits(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

/* The whole entry: every field as directory_text_ok, and what an entry needs. */
static bool directory_check(const struct resource *r, char *why, size_t whysz)
{
	const char *texts[COL_COUNT] = {r->name,	 "",		r->phone,
					r->email,	 r->address,	r->service_area,
					r->eligibility, r->capacity, ""};
	for (int c = 0; c < COL_COUNT; c++)
		if (!directory_text_ok((enum directory_column)c, texts[c], why, whysz))
			return false;
	if (!r->name[0] || strspn(r->name, " ") == strlen(r->name)) {
		snprintf(why, whysz, "the name is empty");
		return false;
	}
	if ((unsigned)r->kind >= RES_KIND_COUNT) {
		snprintf(why, whysz, "the kind is not one of the directory's kinds");
		return false;
	}
	if (r->phone[0] && directory_digits(r->phone) < 7) {
		snprintf(why, whysz, "the phone \"%s\" has fewer than 7 digits", r->phone);
		return false;
	}
	if (r->email[0] && (!strchr(r->email, '@') || strchr(r->email, ' '))) {
		snprintf(why, whysz, "the email \"%s\" is not an address", r->email);
		return false;
	}
	return true;
}

/* "housing, treatment, ..., other" */
static void directory_kinds(char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; k < RES_KIND_COUNT && used < size; k++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", k ? ", " : "",
					 resource_kind_code((enum resource_kind)k));
}

static bool directory_kind(const char *text, enum resource_kind *kind, char *why, size_t whysz)
{
	int k = resource_kind_parse(text);
	if (k >= 0) {
		*kind = (enum resource_kind)k;
		return true;
	}
	char kinds[300];
	directory_kinds(kinds, sizeof kinds);
	if (!*text)
		snprintf(why, whysz, "the kind is empty (one of %s)", kinds);
	else
		snprintf(why, whysz, "kind \"%.40s\" is not one of %s", text, kinds);
	return false;
}

/* ---- one resource ---- */

enum cl_status app_resource_save(struct app *app, struct resource *r, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	const char *event = r->id ? "resource.update" : "resource.add";
	enum cl_status st = directory_may_edit(app, event, msg, msgsz);
	if (st != CL_OK)
		return st;
	char why[200];
	if (!directory_check(r, why, sizeof why)) {
		app_say(msg, msgsz, "Not saved: %s", why);
		return CL_ERR_INVALID;
	}
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = r->id ? store_resource_update(app->store, r, at, app->me.id)
			   : store_resource_add(app->store, r, at, app->me.id);
	if (st == CL_ERR_EXISTS)
		app_say(msg, msgsz, "Not saved: %s with this phone is in the directory already",
			r->name);
	char object[48];
	snprintf(object, sizeof object, "resource=%lld", (long long)r->id);
	st = app_finish(app, st, event, 0, object,
			"this resource was changed in another terminal; open it again", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Saved: %s", r->name);
	return st;
}

enum cl_status app_resource_search(struct app *app, const char *typed, int kind,
				   bool with_inactive, const struct resource *after,
				   struct resource *out, size_t cap, size_t *count)
{
	struct strbuf folded;
	strbuf_init(&folded);
	text_fold(&folded, typed ? typed : "");
	struct resource_query q = {
		.filter = folded.buf ? folded.buf : "",
		.kind = kind >= 0 && kind < RES_KIND_COUNT ? kind : -1,
		.active_only = !with_inactive,
	};
	enum cl_status st = store_resource_search(app->store, &q, after, out, cap, count);
	strbuf_clear(&folded);
	return st;
}

enum cl_status app_resource_get(struct app *app, int64_t id, struct resource *out)
{
	return store_resource_get(app->store, id, out);
}

/* ---- import ---- */

struct directory_importer {
	struct app *app;
	const char *file;
	int map[COL_COUNT]; /* the field index of each column, -1 when the file lacks it */
	size_t fields;      /* in the header */
	struct directory_import *result;
	directory_refusal_fn refused;
	void *ctx;
	char at[32];
};

static void directory_refuse(struct directory_importer *im, size_t line, const char *why)
{
	char text[600];
	snprintf(text, sizeof text, "%s:%zu: %s", im->file, line, why);
	im->result->refused++;
	if (im->refused)
		im->refused(im->ctx, text);
}

/* A header name as a column: lower case, spaces and hyphens as '_'. -1 when unknown. */
static int directory_column_of(const char *header)
{
	char name[64];
	size_t n = 0;
	while (*header == ' ')
		header++;
	for (; *header && n + 1 < sizeof name; header++)
		name[n++] = *header == ' ' || *header == '-' ? '_'
						      : (char)tolower((unsigned char)*header);
	while (n && name[n - 1] == '_')
		n--;
	name[n] = '\0';
	for (int c = 0; c < COL_COUNT; c++)
		if (!strcmp(name, columns[c].name) || (columns[c].alias && !strcmp(name, columns[c].alias)))
			return c;
	return -1;
}

static bool directory_header(struct directory_importer *im, const struct csv_record *rec)
{
	char why[300];
	for (int c = 0; c < COL_COUNT; c++)
		im->map[c] = -1;
	im->fields = rec->count;
	for (size_t i = 0; i < rec->count; i++) {
		int c = directory_column_of(rec->fields[i]);
		if (c < 0) {
			snprintf(why, sizeof why, "unknown column \"%.60s\" in the header",
				 rec->fields[i]);
			directory_refuse(im, rec->line, why);
			return false;
		}
		if (im->map[c] >= 0) {
			snprintf(why, sizeof why, "column \"%s\" appears twice in the header",
				 columns[c].name);
			directory_refuse(im, rec->line, why);
			return false;
		}
		im->map[c] = (int)i;
	}
	for (int c = COL_NAME; c <= COL_KIND; c++)
		if (im->map[c] < 0) {
			snprintf(why, sizeof why, "the header has no \"%s\" column", columns[c].name);
			directory_refuse(im, rec->line, why);
			return false;
		}
	return true;
}

static bool directory_active(const char *text, bool *active)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "active"};
	static const char *const no[] = {"no", "n", "false", "0", "inactive"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!strcasecmp(text, yes[i]))
			return *active = true;
		if (!strcasecmp(text, no[i]))
			return !(*active = false);
	}
	return false;
}

/* Applies the row's columns to r (a new entry, or the stored one it updates). */
static bool directory_apply(struct directory_importer *im, const struct csv_record *rec,
			    struct resource *r, char *why, size_t whysz)
{
	char *dst[COL_COUNT] = {r->name,	 NULL,		r->phone,
				r->email,	 r->address,	r->service_area,
				r->eligibility, r->capacity, NULL};
	size_t size[COL_COUNT] = {sizeof r->name,	 0, sizeof r->phone, sizeof r->email,
				  sizeof r->address,	 sizeof r->service_area,
				  sizeof r->eligibility, sizeof r->capacity, 0};
	for (int c = 0; c < COL_COUNT; c++) {
		if (im->map[c] < 0)
			continue;
		const char *text = rec->fields[im->map[c]];
		if (!directory_text_ok((enum directory_column)c, text, why, whysz))
			return false;
		if (dst[c])
			str_copy(dst[c], size[c], text);
	}
	if (!directory_kind(rec->fields[im->map[COL_KIND]], &r->kind, why, whysz))
		return false;
	if (im->map[COL_ACTIVE] >= 0 && rec->fields[im->map[COL_ACTIVE]][0] &&
	    !directory_active(rec->fields[im->map[COL_ACTIVE]], &r->active)) {
		snprintf(why, whysz, "active is \"%.20s\": say yes or no",
			 rec->fields[im->map[COL_ACTIVE]]);
		return false;
	}
	return directory_check(r, why, whysz);
}

/* One data row: refused (counted, reported), or added or updated. A store failure other
 * than a refusal ends the import. */
static enum cl_status directory_row(struct directory_importer *im, const struct csv_record *rec)
{
	char why[400];
	if (rec->count != im->fields) {
		snprintf(why, sizeof why, "expected %zu fields as in the header, found %zu",
			 im->fields, rec->count);
		directory_refuse(im, rec->line, why);
		return CL_OK;
	}
	const char *name = rec->fields[im->map[COL_NAME]];
	const char *phone = im->map[COL_PHONE] >= 0 ? rec->fields[im->map[COL_PHONE]] : "";
	int64_t id = 0;
	struct resource r = {.kind = RES_OTHER, .active = true};
	enum cl_status st = store_resource_find(im->app->store, name, phone, &id);
	if (st == CL_OK)
		st = store_resource_get(im->app->store, id, &r);
	if (st != CL_OK && st != CL_ERR_NOTFOUND)
		return st;
	if (!directory_apply(im, rec, &r, why, sizeof why)) {
		directory_refuse(im, rec->line, why);
		return CL_OK;
	}
	struct app *app = im->app;
	st = r.id ? store_resource_update(app->store, &r, im->at, app->me.id)
		  : store_resource_add(app->store, &r, im->at, app->me.id);
	if (st == CL_OK && id)
		im->result->updated++;
	else if (st == CL_OK)
		im->result->added++;
	return st;
}

/* The whole input in memory (the rows are counted for the progress before any is saved). */
static enum cl_status directory_slurp(FILE *in, struct strbuf *text, char *msg, size_t msgsz)
{
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
		if (text->len + n > DIRECTORY_IMPORT_MAX) {
			app_say(msg, msgsz, "The file is larger than %u MB: split it",
				DIRECTORY_IMPORT_MAX >> 20);
			return CL_ERR_INVALID;
		}
		strbuf_append(text, chunk, n);
	}
	if (ferror(in)) {
		app_say(msg, msgsz, "The file cannot be read");
		return CL_ERR_IO;
	}
	return CL_OK;
}

static size_t directory_count_records(const struct strbuf *text)
{
	struct csv_reader reader;
	struct csv_record rec = {0};
	csv_reader_init(&reader, text->buf ? text->buf : "", text->len);
	size_t n = 0;
	while (csv_next(&reader, &rec) != CSV_END)
		n++;
	csv_record_clear(&rec);
	return n ? n - 1 : 0;
}

/* Reads the header and every row, inside the caller's transaction. */
static enum cl_status directory_rows(struct directory_importer *im, const struct strbuf *text,
				     directory_progress_fn progress, char *msg, size_t msgsz)
{
	size_t total = directory_count_records(text), done = 0;
	struct csv_reader reader;
	struct csv_record rec = {0};
	csv_reader_init(&reader, text->buf ? text->buf : "", text->len);
	enum csv_result res = csv_next(&reader, &rec);
	enum cl_status st = CL_OK;
	if (res == CSV_END) {
		directory_refuse(im, 1, "the file is empty: it needs a header row");
		st = CL_ERR_INVALID;
	} else if (res == CSV_BAD) {
		directory_refuse(im, rec.line, rec.error);
		st = CL_ERR_INVALID;
	} else if (!directory_header(im, &rec)) {
		st = CL_ERR_INVALID;
	}
	if (st != CL_OK)
		app_say(msg, msgsz, "Nothing imported: the header row is unusable");
	while (st == CL_OK && (res = csv_next(&reader, &rec)) != CSV_END) {
		if (res == CSV_BAD)
			directory_refuse(im, rec.line, rec.error);
		else
			st = directory_row(im, &rec);
		if (progress)
			progress(im->ctx, ++done, total);
	}
	csv_record_clear(&rec);
	return st;
}

enum cl_status app_resources_import(struct app *app, FILE *in, const char *file,
				    struct directory_import *result,
				    directory_refusal_fn refused, directory_progress_fn progress,
				    void *ctx, char *msg, size_t msgsz)
{
	memset(result, 0, sizeof *result);
	msg[0] = '\0';
	enum cl_status st = directory_may_edit(app, "resource.import", msg, msgsz);
	if (st != CL_OK)
		return st;
	struct strbuf text;
	strbuf_init(&text);
	st = directory_slurp(in, &text, msg, msgsz);
	struct directory_importer im = {
		.app = app, .file = file, .result = result, .refused = refused, .ctx = ctx};
	app_timestamp(app, im.at);
	if (st == CL_OK)
		st = store_begin(app->store);
	if (st == CL_OK) {
		st = directory_rows(&im, &text, progress, msg, msgsz);
		char object[96];
		snprintf(object, sizeof object, "added=%zu updated=%zu refused=%zu", result->added,
			 result->updated, result->refused);
		st = app_finish(app, st, "resource.import", 0, object,
				"the directory changed in another terminal; import again", msg,
				msgsz);
	}
	strbuf_clear(&text);
	if (st != CL_OK) {
		result->added = result->updated = 0;
		return st;
	}
	app_say(msg, msgsz, "%zu added, %zu updated, %zu refused", result->added, result->updated,
		result->refused);
	return CL_OK;
}

/* ---- referrals ---- */

size_t app_referral_next(enum referral_status from, enum referral_status *out)
{
	size_t n = 0;
	switch (from) {
	case REFERRAL_SENT:
		out[n++] = REFERRAL_ACCEPTED;
		out[n++] = REFERRAL_DECLINED;
		out[n++] = REFERRAL_WITHDRAWN;
		break;
	case REFERRAL_ACCEPTED:
		out[n++] = REFERRAL_COMPLETED;
		out[n++] = REFERRAL_DECLINED;
		out[n++] = REFERRAL_WITHDRAWN;
		break;
	default:
		break;
	}
	return n;
}

/* Why a move the rules do not allow is refused, in a sentence. */
static void referral_refusal(enum referral_status from, enum referral_status to, char *msg,
			     size_t msgsz)
{
	const char *f = referral_status_code(from), *t = referral_status_code(to);
	enum referral_status next[REFERRAL_STATUS_COUNT];
	if (from == to)
		app_say(msg, msgsz, "This referral is %s already", f);
	else if (!app_referral_next(from, next))
		app_say(msg, msgsz, "This referral is %s: a closed referral does not change; "
				    "make a new one", f);
	else if (to == REFERRAL_SENT)
		app_say(msg, msgsz, "A referral is sent once; it cannot go back to sent");
	else if (to == REFERRAL_COMPLETED)
		app_say(msg, msgsz, "A referral is completed only after the resource accepted it");
	else
		app_say(msg, msgsz, "A %s referral cannot become %s", f, t);
}

static bool referral_note_ok(const char *note, char *msg, size_t msgsz)
{
	char why[160];
	if (strlen(note) > REFERRAL_NOTE_MAX) {
		app_say(msg, msgsz, "A note is at most %d bytes", REFERRAL_NOTE_MAX);
		return false;
	}
	if (!directory_text_ok(COL_ELIGIBILITY, note, why, sizeof why)) {
		app_say(msg, msgsz, "The note holds control characters or is not UTF-8 text");
		return false;
	}
	return true;
}

static enum cl_status referral_permit(struct app *app, int64_t person_id, char *msg,
				      size_t msgsz)
{
	enum cl_status st = app_permit(app, PERM_PERSON_READ, person_id, msg, msgsz);
	if (st == CL_OK)
		st = app_permit(app, PERM_NOTE_DRAFT, person_id, msg, msgsz);
	return st;
}

enum cl_status app_referral_create(struct app *app, int64_t person_id, int64_t resource_id,
				   enum referral_origin origin, const char *origin_ref,
				   const char *note, int64_t *id, char *msg, size_t msgsz)
{
	*id = 0;
	msg[0] = '\0';
	enum cl_status st = referral_permit(app, person_id, msg, msgsz);
	if (st != CL_OK)
		return st;
	struct resource res;
	if (store_resource_get(app->store, resource_id, &res) != CL_OK) {
		app_say(msg, msgsz, "There is no such resource");
		return CL_ERR_NOTFOUND;
	}
	if (!res.active) {
		app_say(msg, msgsz, "%s is marked inactive: refer to another resource", res.name);
		return CL_ERR_INVALID;
	}
	if ((unsigned)origin >= REFERRAL_ORIGIN_COUNT || !origin_ref ||
	    strlen(origin_ref) > REFERRAL_ORIGIN_REF_MAX || !text_is_clean_line(origin_ref)) {
		app_say(msg, msgsz, "The referral's origin is not one caseload knows");
		return CL_ERR_INVALID;
	}
	if (!referral_note_ok(note ? note : "", msg, msgsz))
		return CL_ERR_INVALID;
	struct referral f = {.person_id = person_id, .resource_id = resource_id, .origin = origin};
	str_copy(f.origin_ref, sizeof f.origin_ref, origin_ref);
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_referral_add(app->store, &f, note ? note : "", at, app->me.id);
	char object[80];
	snprintf(object, sizeof object, "referral=%lld resource=%lld", (long long)f.id,
		 (long long)resource_id);
	st = app_finish(app, st, "referral.create", person_id, object, "try again", msg, msgsz);
	if (st == CL_OK) {
		*id = f.id;
		app_say(msg, msgsz, "Referred to %s: sent", res.name);
	}
	return st;
}

enum cl_status app_referral_move(struct app *app, int64_t id, enum referral_status to,
				 const char *note, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	struct referral f;
	if (store_referral_get(app->store, id, &f) != CL_OK) {
		app_say(msg, msgsz, "There is no such referral");
		return CL_ERR_NOTFOUND;
	}
	enum cl_status st = referral_permit(app, f.person_id, msg, msgsz);
	if (st != CL_OK)
		return st;
	enum referral_status next[REFERRAL_STATUS_COUNT];
	size_t n = app_referral_next(f.status, next);
	bool allowed = false;
	for (size_t i = 0; i < n; i++)
		allowed = allowed || next[i] == to;
	if (!allowed) {
		referral_refusal(f.status, to, msg, msgsz);
		return CL_ERR_INVALID;
	}
	if (!referral_note_ok(note ? note : "", msg, msgsz))
		return CL_ERR_INVALID;
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_referral_move(app->store, id, f.status, to, note ? note : "", at,
					 app->me.id);
	char object[80];
	snprintf(object, sizeof object, "referral=%lld status=%s", (long long)id,
		 referral_status_code(to));
	st = app_finish(app, st, "referral.move", f.person_id, object,
			"this referral was changed in another terminal; look at it again", msg,
			msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Referral to %s: %s", f.resource_name, referral_status_code(to));
	return st;
}

/* The person's referrals, all of them (origin_ref NULL) or those from one origin and
 * reference; the reading is audited with what was read. */
static enum cl_status referral_list(struct app *app, int64_t person_id,
				    enum referral_origin origin, const char *origin_ref,
				    struct referral *out, size_t cap, size_t *count)
{
	*count = 0;
	char msg[APP_DIRECTORY_MESSAGE_SIZE], object[REFERRAL_ORIGIN_REF_MAX + 32] = "";
	enum cl_status st = app_permit(app, PERM_PERSON_READ, person_id, msg, sizeof msg);
	if (st == CL_OK && !origin_ref)
		st = store_referrals_of_person(app->store, person_id, out, cap, count);
	else if (st == CL_OK) {
		st = store_referrals_of_origin(app->store, person_id, origin, origin_ref, out, cap,
					       count);
		snprintf(object, sizeof object, "%s=%s",
			 origin == REFERRAL_FROM_RELEASE_PLAN ? "section" : "from", origin_ref);
	}
	if (st == CL_OK)
		st = app_audit(app, "referral.view", "ok", person_id, object);
	if (st != CL_OK)
		*count = 0;
	return st;
}

enum cl_status app_referral_list(struct app *app, int64_t person_id, struct referral *out,
				 size_t cap, size_t *count)
{
	return referral_list(app, person_id, REFERRAL_FROM_RECORD, NULL, out, cap, count);
}

enum cl_status app_referral_list_from(struct app *app, int64_t person_id,
				      enum referral_origin origin, const char *origin_ref,
				      struct referral *out, size_t cap, size_t *count)
{
	return referral_list(app, person_id, origin, origin_ref ? origin_ref : "", out, cap,
			     count);
}

enum cl_status app_referral_history(struct app *app, int64_t id, struct referral *referral,
				    struct referral_event *out, size_t cap, size_t *count)
{
	*count = 0;
	enum cl_status st = store_referral_get(app->store, id, referral);
	if (st != CL_OK)
		return st;
	char msg[APP_DIRECTORY_MESSAGE_SIZE];
	st = app_permit(app, PERM_PERSON_READ, referral->person_id, msg, sizeof msg);
	if (st == CL_OK)
		st = store_referral_events(app->store, id, out, cap, count);
	if (st == CL_OK) {
		char object[48];
		snprintf(object, sizeof object, "referral=%lld", (long long)id);
		st = app_audit(app, "referral.view", "ok", referral->person_id, object);
	}
	return st;
}
