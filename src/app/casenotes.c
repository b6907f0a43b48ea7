/* Case-note use cases. */
#include "caseload/casenotes.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/people.h"
#include "caseload/permit.h"
#include "caseload/person_detail.h"
#include "caseload/staff.h"
#include "caseload/text.h"

#define NOTE_EXPORT_BATCH 200

static const struct {
	const char *name;
	unsigned grant;
} note_sensitivities[NOTE_SENSITIVITY_COUNT] = {
#define NOTE_SENS_DEF(id, name, grant) [id] = {name, grant},
	NOTE_SENSITIVITY_LIST(NOTE_SENS_DEF)
#undef NOTE_SENS_DEF
};

const char *app_note_sensitivity_name(enum note_sensitivity s)
{
	return (unsigned)s < NOTE_SENSITIVITY_COUNT ? note_sensitivities[s].name : "?";
}

bool app_note_sensitivity_parse(const char *text, enum note_sensitivity *out)
{
	for (int i = 0; i < NOTE_SENSITIVITY_COUNT; i++) {
		if (!strcmp(text, note_sensitivities[i].name) || (!*text && i == NOTE_OPEN)) {
			*out = (enum note_sensitivity)i;
			return true;
		}
	}
	return false;
}

const char *app_note_state_name(enum note_state state)
{
	switch (state) {
	case NOTE_DRAFT:
		return "draft";
	case NOTE_PENDING_COSIGN:
		return "pending co-signature";
	case NOTE_FINAL:
		return "final";
	}
	return "?";
}

void app_note_reader(const struct app *app, struct note_reader *out)
{
	out->staff_id = app->me.id;
	out->grants = app->me.grants;
}

static void note_object(int64_t note_id, char *buf, size_t size)
{
	snprintf(buf, size, "note=%lld", (long long)note_id);
}

/* Commits a note change with its audit row, or rolls back and says why. */
static enum cl_status note_finish(struct app *app, enum cl_status st, const char *event,
				  int64_t person_id, int64_t note_id, char *msg, size_t msgsz)
{
	char object[48];
	note_object(note_id, object, sizeof object);
	return app_finish(app, st, event, person_id, object,
			  "this note was changed in another terminal; reopen it to see that version",
			  msg, msgsz);
}

/* "YYYY-MM-DD HH:MM" in local time. */
static void note_local_now(const struct app *app, char out[20])
{
	time_t now = clock_now(&app->clock);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M", &tm);
}

enum cl_status app_note_start(struct app *app, int64_t person_id, struct note *out, char *msg,
			      size_t msgsz)
{
	memset(out, 0, sizeof *out);
	msg[0] = '\0';
	if (app_permit(app, PERM_NOTE_DRAFT, person_id, msg, msgsz) != CL_OK ||
	    app_permit(app, PERM_PERSON_READ, person_id, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	out->person_id = person_id;
	out->author_id = app->me.id;
	str_copy(out->author_name, sizeof out->author_name, app->me.display_name);
	str_copy(out->type, sizeof out->type, "contact");
	note_local_now(app, out->contact_at);
	out->body = xstrdup("");
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_note_insert(app->store, out, at);
	return note_finish(app, st, "note.create", person_id, out->id, msg, msgsz);
}

static bool note_is_mine(const struct app *app, const struct note *note)
{
	return app->me.id && note->author_id == app->me.id;
}

enum cl_status app_note_save_draft(struct app *app, struct note *note, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (!note_is_mine(app, note) || note->state != NOTE_DRAFT) {
		app_say(msg, msgsz, "Only the author changes a draft; a finalized note is amended");
		return CL_ERR_DENIED;
	}
	if (strlen(note->body) > NOTE_BODY_MAX_BYTES) {
		app_say(msg, msgsz, "The note is longer than 1 MiB; split it in two");
		return CL_ERR_INVALID;
	}
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_note_update_draft(app->store, note, at);
	if (st == CL_ERR_STALE)
		app_say(msg, msgsz, "Not saved: this draft was changed in another terminal; reopen "
				     "it to see that version");
	else if (st != CL_OK)
		app_say(msg, msgsz, "Draft not saved: %s", cl_status_text(st));
	return st;
}

static bool note_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

enum cl_status app_note_check(struct app *app, const struct note *note, char *msg, size_t msgsz,
			      bool *warning)
{
	*warning = false;
	msg[0] = '\0';
	if (note_blank(note->body)) {
		app_say(msg, msgsz, "The note is empty: write what happened before finalizing");
		return CL_ERR_INVALID;
	}
	if (!config_note_type_valid(&app->config, note->type)) {
		app_say(msg, msgsz, "Unknown note type '%s'", text_is_clean_line(note->type) ? note->type : "?");
		return CL_ERR_INVALID;
	}
	char day[DATE_TEXT_SIZE];
	date_t contact;
	int hh, mm;
	str_copy(day, sizeof day, note->contact_at);
	if (strlen(note->contact_at) != 16 || !date_parse(day, &contact) ||
	    sscanf(note->contact_at + 10, " %2d:%2d", &hh, &mm) != 2 || hh > 23 || mm > 59) {
		app_say(msg, msgsz, "The contact time must be YYYY-MM-DD HH:MM");
		return CL_ERR_INVALID;
	}
	struct person p;
	if (contact > app_today(app)) {
		app_say(msg, msgsz, "The contact date %s is in the future", day);
		*warning = true;
	} else if (store_person_get(app->store, note->person_id, &p) == CL_OK &&
		   p.admission != DATE_NONE && contact < p.admission) {
		char adm[DATE_TEXT_SIZE];
		app_say(msg, msgsz, "The contact date %s is before admission (%s)", day,
			 date_format(p.admission, adm));
		*warning = true;
	}
	return CL_OK;
}

enum cl_status app_note_finalize(struct app *app, struct note *note, char *msg, size_t msgsz)
{
	bool warning;
	if (app_note_check(app, note, msg, msgsz, &warning) != CL_OK)
		return CL_ERR_INVALID;
	msg[0] = '\0';
	if (app_note_save_draft(app, note, msg, msgsz) != CL_OK)
		return CL_ERR_INVALID;
	/* those who may not finalize (interns) submit for a co-signature instead */
	bool final = app_can(app, PERM_NOTE_FINALIZE, note->person_id);
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_note_submit(app->store, note->id, final ? NOTE_FINAL : NOTE_PENDING_COSIGN,
				       app->me.id, at);
	st = note_finish(app, st, final ? "note.finalize" : "note.submit", note->person_id,
			 note->id, msg, msgsz);
	if (st == CL_OK) {
		note->state = final ? NOTE_FINAL : NOTE_PENDING_COSIGN;
		app_say(msg, msgsz, final ? "Note finalized" : "Note sent for co-signature");
	}
	return st;
}

enum cl_status app_note_cosign(struct app *app, int64_t note_id, char *msg, size_t msgsz)
{
	struct note note;
	struct note_reader reader;
	msg[0] = '\0';
	app_note_reader(app, &reader);
	if (store_note_get(app->store, &reader, note_id, &note) != CL_OK) {
		app_say(msg, msgsz, "No such note");
		return CL_ERR_NOTFOUND;
	}
	enum cl_status st = CL_OK;
	struct staff author;
	if (note.state != NOTE_PENDING_COSIGN) {
		app_say(msg, msgsz, "That note is not waiting for a co-signature");
		st = CL_ERR_INVALID;
	} else if (note.author_id == app->me.id) {
		app_say(msg, msgsz, "Nobody co-signs their own note");
		st = CL_ERR_DENIED;
	} else if (app_permit(app, PERM_NOTE_COSIGN, note.person_id, msg, msgsz) != CL_OK) {
		st = CL_ERR_DENIED;
	} else if (store_staff_by_id(app->store, note.author_id, &author) != CL_OK ||
		   (author.supervisor_id != app->me.id && strcmp(app->me.role, "lead") != 0)) {
		app_say(msg, msgsz, "Only the intern's supervisor or a lead co-signs");
		st = CL_ERR_DENIED;
	}
	int64_t person_id = note.person_id;
	note_clear(&note);
	if (st != CL_OK)
		return st;
	char at[32];
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_note_cosign(app->store, note_id, app->me.id, at);
	st = note_finish(app, st, "note.cosign", person_id, note_id, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Co-signed");
	return st;
}

enum cl_status app_note_amend(struct app *app, int64_t note_id, struct note *out, char *msg,
			      size_t msgsz)
{
	struct note original;
	struct note_reader reader;
	memset(out, 0, sizeof *out);
	msg[0] = '\0';
	app_note_reader(app, &reader);
	if (store_note_get(app->store, &reader, note_id, &original) != CL_OK) {
		app_say(msg, msgsz, "No such note");
		return CL_ERR_NOTFOUND;
	}
	if (original.state != NOTE_FINAL) {
		note_clear(&original);
		app_say(msg, msgsz, "Only a finalized note is amended; a draft is simply edited");
		return CL_ERR_INVALID;
	}
	if (app_permit(app, PERM_NOTE_DRAFT, original.person_id, msg, msgsz) != CL_OK) {
		note_clear(&original);
		return CL_ERR_DENIED;
	}
	*out = original;
	out->id = 0;
	out->amends_id = note_id;
	out->amended_by_id = 0;
	out->author_id = app->me.id;
	str_copy(out->author_name, sizeof out->author_name, app->me.display_name);
	out->state = NOTE_DRAFT;
	out->finalized_at[0] = out->cosigned_at[0] = out->cosigned_by_name[0] = '\0';
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_note_insert(app->store, out, at);
	st = note_finish(app, st, "note.amend", out->person_id, out->id, msg, msgsz);
	if (st != CL_OK)
		note_clear(out);
	return st;
}

enum cl_status app_note_open(struct app *app, int64_t note_id, struct note *out)
{
	struct note_reader reader;
	char msg[APP_NOTE_MESSAGE_SIZE];
	memset(out, 0, sizeof *out);
	app_note_reader(app, &reader);
	enum cl_status st = store_note_get(app->store, &reader, note_id, out);
	if (st != CL_OK)
		return st;
	if (app_permit(app, PERM_PERSON_READ, out->person_id, msg, sizeof msg) != CL_OK) {
		note_clear(out);
		return CL_ERR_DENIED;
	}
	char object[48];
	note_object(note_id, object, sizeof object);
	st = app_audit(app, "note.view", "ok", out->person_id, object);
	if (st != CL_OK)
		note_clear(out); /* fail closed */
	return st;
}

enum cl_status app_timeline(struct app *app, const struct timeline_query *query,
			    struct timeline_entry *entries, size_t cap, size_t *count)
{
	struct note_reader reader;
	char msg[APP_NOTE_MESSAGE_SIZE];
	*count = 0;
	if (app_permit(app, PERM_PERSON_READ, query->person_id, msg, sizeof msg) != CL_OK)
		return CL_ERR_DENIED;
	app_note_reader(app, &reader);
	return store_timeline(app->store, &reader, query, entries, cap, count);
}

enum cl_status app_note_search(struct app *app, const struct note_search *search,
			       struct note_hit *hits, size_t cap, size_t *count, char *msg,
			       size_t msgsz)
{
	struct note_reader reader;
	*count = 0;
	msg[0] = '\0';
	if (app_permit(app, PERM_PERSON_READ, search->person_id, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	app_note_reader(app, &reader);
	enum cl_status st = store_note_search(app->store, &reader, search, hits, cap, count);
	if (st != CL_OK) {
		app_say(msg, msgsz, "Search failed: %s", cl_status_text(st));
		return st;
	}
	char object[64];
	snprintf(object, sizeof object, "hits=%zu", *count);
	app_audit(app, "note.search", "ok", search->person_id, object);
	return CL_OK;
}

enum cl_status app_notes_pending(struct app *app, struct note **notes, size_t *count)
{
	*notes = NULL;
	*count = 0;
	if (!app_can(app, PERM_NOTE_COSIGN, 0))
		return CL_ERR_DENIED;
	return store_notes_pending_cosign(app->store, app->me.id, notes, count, 500);
}

static void export_note(FILE *out, const struct note *n)
{
	fprintf(out, "==== Note %lld  %s  %s\n", (long long)n->id, n->contact_at, n->type);
	fprintf(out, "Author: %s   State: %s%s%s\n", n->author_name, app_note_state_name(n->state),
		n->cosigned_at[0] ? "   Co-signed by: " : "", n->cosigned_by_name);
	if (n->amends_id)
		fprintf(out, "Amends note %lld\n", (long long)n->amends_id);
	if (n->amended_by_id)
		fprintf(out, "AMENDED by note %lld\n", (long long)n->amended_by_id);
	if (n->present[0])
		fprintf(out, "Present: %s\n", n->present);
	if (n->subject[0])
		fprintf(out, "Subject: %s\n", n->subject);
	fprintf(out, "\n%s\n\n", n->body);
}

enum cl_status app_notes_export(struct app *app, const char *oid, FILE *out, char *msg,
				size_t msgsz)
{
	int64_t person_id;
	struct person p;
	msg[0] = '\0';
	if (store_person_id_by_oid(app->store, oid, &person_id) != CL_OK ||
	    store_person_get(app->store, person_id, &p) != CL_OK) {
		app_say(msg, msgsz, "No person with OID %s", text_is_clean_line(oid) ? oid : "?");
		return CL_ERR_NOTFOUND;
	}
	if (app_permit(app, PERM_EXPORT, person_id, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	char now[32];
	app_timestamp(app, now);
	fprintf(out, "Case notes of %s, %s (OID %s), newest first; exported %s by %s\n\n",
		p.last_name, p.first_name, p.oid, now, app->me.display_name);
	struct note_reader reader;
	app_note_reader(app, &reader);
	struct timeline_query q = {.person_id = person_id};
	struct timeline_entry *entries = xcalloc(NOTE_EXPORT_BATCH, sizeof *entries);
	size_t count = 0, exported = 0;
	char before_at[32] = "";
	enum cl_status st;
	do {
		st = store_timeline(app->store, &reader, &q, entries, NOTE_EXPORT_BATCH, &count);
		for (size_t i = 0; st == CL_OK && i < count; i++) {
			struct note n;
			if (entries[i].kind != TIMELINE_NOTE || entries[i].state == NOTE_DRAFT ||
			    store_note_get(app->store, &reader, entries[i].id, &n) != CL_OK)
				continue;
			export_note(out, &n);
			note_clear(&n);
			exported++;
		}
		if (count) {
			str_copy(before_at, sizeof before_at, entries[count - 1].at);
			q.before_at = before_at;
			q.before_id = entries[count - 1].id;
			q.before_kind = entries[count - 1].kind;
		}
	} while (st == CL_OK && count == NOTE_EXPORT_BATCH);
	free(entries);
	char object[48];
	snprintf(object, sizeof object, "notes=%zu", exported);
	if (app_audit(app, "note.export", st == CL_OK ? "ok" : "failed", person_id, object) != CL_OK)
		st = CL_ERR_IO;
	if (st != CL_OK)
		app_say(msg, msgsz, "Export failed: %s", cl_status_text(st));
	return st;
}
