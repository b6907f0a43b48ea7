#ifndef CASELOAD_UI_DIALOG_H
#define CASELOAD_UI_DIALOG_H
/* A dialog of labelled one-line fields over the current screen. Two kinds:
 * - autosave: each field is saved when the user leaves it (Enter, Tab, arrows, Esc), and
 *   text typed but not yet saved is kept as a draft a moment after typing stops;
 * - submit: the fields are one action (a move, a new alert), done with Enter.
 * What to do with the text is the owner's business, through the callbacks. */
#include <stdbool.h>

#include "caseload/status.h"
#include "lineedit.h"
#include "view.h"

#define UI_DIALOG_MAX_FIELDS 16

struct ui_dialog;

struct ui_dialog_ops {
	/* autosave: saves field i; msg explains a refusal. On CL_OK the dialog reloads every
	 * field the user is not editing through format. */
	enum cl_status (*commit)(void *ctx, struct ui *ui, int field, const char *text, char *msg,
				 size_t msgsz);
	/* autosave: the field's current stored value */
	void (*format)(void *ctx, int field, char *buf, size_t size);
	/* autosave: keeps / forgets the unsaved text of a field */
	void (*draft_save)(void *ctx, struct ui *ui, int field, const char *text);
	void (*draft_discard)(void *ctx, struct ui *ui, int field);
	/* submit: does the action with all texts; on CL_OK the dialog closes */
	enum cl_status (*submit)(void *ctx, struct ui *ui, const char *const *texts, char *msg,
				 size_t msgsz);
};

struct ui_dialog_field_def {
	const char *label;
	const char *hint;
	size_t max_bytes;
	bool secret; /* a password: shown as bullets, wiped when the dialog closes */
};

/* Creates the dialog (push it with ui_view_push). texts are the initial values (NULL: "").
 * drafts (autosave only, may be NULL) replace them where non-NULL and mark them unsaved. */
struct ui_view *ui_dialog_new(const char *title, bool autosave, const struct ui_dialog_field_def *defs,
			      int count, const char *const *texts, const char *const *drafts,
			      const struct ui_dialog_ops *ops, void *ctx);

#endif
