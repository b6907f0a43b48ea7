#ifndef CASELOAD_FORMWORK_H
#define CASELOAD_FORMWORK_H
/* Forms as use cases: start a form on a person, fill it in (every answer saved in the
 * database at once), finalize it (frozen with its scores; to review when the form or the
 * author's role asks for it), amend a finalized one, read them back. Each checks the
 * permission table, the form's workflow roles and the answers' sensitivity, and audits.
 *
 * A response is always shown and scored with the definition it was made with: its exact
 * YAML is kept in the database and parsed again when the response is opened, whatever the
 * files on disk say today. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/app.h"
#include "caseload/formcatalog.h"
#include "caseload/formdef.h"
#include "caseload/formeval.h"
#include "caseload/formstore.h"
#include "caseload/strbuf.h"

#define APP_FORM_MESSAGE_SIZE 300

/* The compiled-in directory of the forms installed with the program. */
#ifndef CASELOAD_FORMS_DIR
#define CASELOAD_FORMS_DIR "/usr/local/share/caseload/forms"
#endif

/* The search path: the forms installed with the program (or, for a build that is not
 * installed, its source tree's), then the facility's config->forms_dir. Static strings or
 * the config's own. */
void app_forms_dirs(const struct config *config, const char *dirs[2]);

/* The forms this run knows (the installed directory, then config forms_dir), loaded once.
 * *report (may be NULL) receives the problems of the files left out, one
 * "file:line:column: message" per line, the first time only: a broken form is reported
 * once. Never NULL. */
const struct formcatalog *app_forms(struct app *app, struct strbuf *report);

/* The forms the signed-in user may start (their role is among the form's `complete` roles),
 * current versions only, by title; at most cap. */
size_t app_forms_startable(struct app *app, const struct formdef **out, size_t cap);

/* An open response: its header, the definition it was made with, the engine over its
 * answers. Owned by the caller: app_form_free. */
struct app_form {
	struct form_response resp;
	struct formdef *def;  /* owned: parsed from the stored text */
	struct formeval *ev;  /* owned */
	bool editable;        /* a draft of the signed-in user */
	bool withheld;        /* some answers are hidden from the user (sensitivity) */
	/* The frozen scores of a response that left draft, by def->scores index (NULL for a
	 * draft, whose scores the engine computes live). */
	struct form_score *frozen;
	size_t frozen_count;
};

void app_form_free(struct app_form **form); /* sets *form to NULL; NULL-safe */

/* A new draft of the current version of form_id about the person (audited). */
enum cl_status app_form_start(struct app *app, int64_t person_id, const char *form_id,
			      struct app_form **out, char *msg, size_t msgsz);
/* Opens a response the user may see (audited); CL_ERR_NOTFOUND otherwise. */
enum cl_status app_form_open(struct app *app, int64_t response_id, struct app_form **out,
			     char *msg, size_t msgsz);

/* The response as stored, without a permission check or an audit row: for other use cases,
 * inside their transaction (a reviewer's approval writes its outputs). */
enum cl_status app_form_load(struct app *app, int64_t response_id, struct app_form **out,
			     char *msg, size_t msgsz);
/* Writes the form's outputs due at `when` back to the person's record, inside the caller's
 * transaction (values that are not a level of the record are skipped). */
enum cl_status app_form_write_outputs(struct app *app, struct app_form *form,
				      enum formdef_output_when when, const char *at);

/* Sets one answer and saves it at once (the engine recomputes; the store keeps the text).
 * CL_ERR_STALE: the response was saved in another terminal since it was opened; nothing was
 * overwritten and msg says to reopen it. Text that does not read as the field's type is
 * saved as typed (the engine reports it). */
enum cl_status app_form_set(struct app *app, struct app_form *form, int slot, size_t row,
			    const char *text, char *msg, size_t msgsz);
/* Adds or removes a row of a repeat (removing saves the rows below it moved up). */
enum cl_status app_form_row_add(struct app *app, struct app_form *form, int repeat_slot,
				char *msg, size_t msgsz);
enum cl_status app_form_row_remove(struct app *app, struct app_form *form, int repeat_slot,
				   size_t row, char *msg, size_t msgsz);
/* Overrides a banded score's level with a reason (only roles the score allows). */
enum cl_status app_form_override(struct app *app, struct app_form *form, size_t score,
				 const char *level, const char *reason, char *msg, size_t msgsz);

/* Finalizes: CL_ERR_INVALID while errors remain (msg counts them); warnings need
 * confirm_warnings. Stores the scores and a one-line summary, moves the response to final
 * or, when the form requires review or the author is an intern, to pending review; writes
 * the form's outputs due on finalize back to the person's record. */
enum cl_status app_form_finalize(struct app *app, struct app_form *form, bool confirm_warnings,
				 char *msg, size_t msgsz);
/* A new draft correcting a finalized response, with its answers copied. */
enum cl_status app_form_amend(struct app *app, int64_t response_id, struct app_form **out,
			      char *msg, size_t msgsz);

/* The person's responses the user may see, newest first (see
 * store_form_responses_of_person). */
enum cl_status app_form_list(struct app *app, int64_t person_id, int64_t before_id,
			     struct form_response *out, size_t cap, size_t *count);

/* The signed-in user's forms waiting on them: drafts and returned ones, newest first. */
enum cl_status app_form_drafts(struct app *app, struct form_response *out, size_t cap,
			       size_t *count);

/* "draft", "final", "pending review", "approved", "returned". */
const char *app_form_state_name(enum form_state state);

/* The one-line summary of the scores ("Total 12 · Level moderate"), as finalizing stores. */
void app_form_summary(const struct app_form *form, struct strbuf *out);

#endif
