#ifndef CASELOAD_CASENOTES_H
#define CASELOAD_CASENOTES_H
/* Case notes as use cases: write (a draft that autosaves), finalize (immutable from then
 * on; an intern's goes to their supervisor for co-signature), amend (a correction that
 * points at the original), co-sign, read, search, export. Each checks the permission
 * table and the note's sensitivity, and audits what it does. */
#include <stdbool.h>
#include <stdio.h>

#include "caseload/app.h"
#include "caseload/notes.h"

#define APP_NOTE_MESSAGE_SIZE 300

const char *app_note_sensitivity_name(enum note_sensitivity s);
bool app_note_sensitivity_parse(const char *text, enum note_sensitivity *out);
const char *app_note_state_name(enum note_state state);

/* The signed-in user as a reader of notes (their id and grants). */
void app_note_reader(const struct app *app, struct note_reader *out);

/* Starts a draft on a person: type "contact", contact time now. The caller clears *out. */
enum cl_status app_note_start(struct app *app, int64_t person_id, struct note *out, char *msg,
			      size_t msgsz);
/* Saves the draft as it is (the autosave); only its author may. On CL_ERR_STALE the note
 * was changed in another terminal: msg says so and nothing was overwritten. */
enum cl_status app_note_save_draft(struct app *app, struct note *note, char *msg, size_t msgsz);

/* Checks a draft before finalizing. CL_ERR_INVALID: msg says what blocks it (empty body,
 * unknown type, malformed contact time). CL_OK with *warning set: a contact time in the
 * future or before admission, which the user must confirm. */
enum cl_status app_note_check(struct app *app, const struct note *note, char *msg, size_t msgsz,
			      bool *warning);
/* Finalizes (interns: submits for co-signature). Saves the draft first. */
enum cl_status app_note_finalize(struct app *app, struct note *note, char *msg, size_t msgsz);
/* Co-signs an intern's note: their supervisor or a lead, never the author. */
enum cl_status app_note_cosign(struct app *app, int64_t note_id, char *msg, size_t msgsz);
/* A new draft correcting a final note (copying its text); the caller clears *out. */
enum cl_status app_note_amend(struct app *app, int64_t note_id, struct note *out, char *msg,
			      size_t msgsz);

/* Reads one note (audited). CL_ERR_NOTFOUND for a note the user may not see. */
enum cl_status app_note_open(struct app *app, int64_t note_id, struct note *out);

/* The person's chronological record, newest first (see store_timeline). */
enum cl_status app_timeline(struct app *app, const struct timeline_query *query,
			    struct timeline_entry *entries, size_t cap, size_t *count);

/* Full-text search (see store_note_search); audited without the query text. */
enum cl_status app_note_search(struct app *app, const struct note_search *search,
			       struct note_hit *hits, size_t cap, size_t *count, char *msg,
			       size_t msgsz);

/* Notes waiting for the signed-in user's co-signature. Caller frees (note_clear each). */
enum cl_status app_notes_pending(struct app *app, struct note **notes, size_t *count);

/* Writes every note of the person the user may see, newest first, as plain text for a
 * records request (audited). */
enum cl_status app_notes_export(struct app *app, const char *oid, FILE *out, char *msg,
				size_t msgsz);

#endif
