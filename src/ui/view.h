#ifndef CASELOAD_UI_VIEW_H
#define CASELOAD_UI_VIEW_H
/* Screens are views on a stack (list -> record -> dialog ...); Esc pops. Each view is an
 * ops table; a key goes through the view's keymap, then the global one, and the view
 * handles the action or declines it so the stack's defaults apply. */
#include <stdbool.h>

#include "caseload/app.h"
#include "caseload/resources.h"
#include "caseload/reviewstore.h"
#include "keymap.h"

#define UI_MIN_COLS 60
#define UI_MIN_LINES 16
#define UI_MESSAGE_SIZE 256
#define UI_STACK_MAX 8

struct ui;
struct ui_view;

enum ui_result {
	UI_DECLINED, /* not mine: try the defaults */
	UI_HANDLED,
};

struct ui_view_ops {
	const char *name;
	const struct ui_keymap *keymap;
	bool overlay; /* drawn over the view below it (dialogs) */
	void (*draw)(struct ui_view *view, struct ui *ui);
	/* An action from the keymaps, with its argument. */
	enum ui_result (*action)(struct ui_view *view, struct ui *ui, enum ui_action action, int arg);
	/* Raw keys first, for views that edit text; NULL when the view does not. */
	enum ui_result (*key)(struct ui_view *view, struct ui *ui, ui_key key);
	/* Called every idle tick (about 4 times a second): autosave and the like. */
	void (*tick)(struct ui_view *view, struct ui *ui);
	/* The view became the top again (the one above it closed): reload what may have changed. */
	void (*resume)(struct ui_view *view, struct ui *ui);
	void (*destroy)(struct ui_view *view);
};

struct ui_view {
	const struct ui_view_ops *ops;
};

enum ui_message_kind { UI_MSG_INFO, UI_MSG_ERROR };

struct ui {
	struct app *app;
	struct ui_view *stack[UI_STACK_MAX];
	int depth;
	bool quit;
	bool dirty; /* the screen must be drawn again */
	bool locked; /* the lock screen is up */
	double last_input; /* monotonic seconds of the last key, for the idle lock */
	int idle_lock_seconds;
	char message[UI_MESSAGE_SIZE]; /* shown in the status line until the next key */
	enum ui_message_kind message_kind;
};

/* Pushes a view (the ui owns it from now on: destroy is called when it is popped). */
void ui_view_push(struct ui *ui, struct ui_view *view);
/* Pops and destroys the top view; the one below is resumed. */
void ui_view_pop(struct ui *ui);
/* Replaces the top view by another (sign-in by the home screen), resuming nothing. */
void ui_view_replace(struct ui *ui, struct ui_view *view);
struct ui_view *ui_view_top(struct ui *ui);

void ui_message(struct ui *ui, enum ui_message_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Draws the standard title bar: "caseload · where · detail". */
void ui_draw_title(struct ui *ui, const char *where, const char *detail);
/* Draws the status line: the message if any, else the key hints; `right` on the right. */
void ui_draw_status(struct ui *ui, const char *const *hints, const char *right);

/* Views provided by the screens. */
struct ui_view *ui_signin_view_new(struct ui *ui);
/* The first screen after sign-in, by role: the caseload, the accounts or the audit trail. */
struct ui_view *ui_home_view_new(struct ui *ui);
/* The lock screen: why is "idle", "key" or "reauth". */
struct ui_view *ui_lock_view_new(struct ui *ui, const char *why);
struct ui_view *ui_accounts_view_new(struct ui *ui);
/* The dialog that changes the signed-in user's own password. */
void ui_open_password_dialog(struct ui *ui);
struct ui_view *ui_audit_view_new(struct ui *ui);
struct ui_view *ui_list_view_new(struct ui *ui);
/* A note: read it (or, for the author's draft, go on writing it). NULL when it cannot be
 * opened (the message says why). */
struct ui_view *ui_note_view_new(struct ui *ui, int64_t note_id);
/* A new note on a person, in the editor. */
struct ui_view *ui_note_write_new(struct ui *ui, int64_t person_id);
/* Note search over everyone (person_id 0) or one person; the co-signature queue. */
struct ui_view *ui_search_view_new(struct ui *ui, int64_t person_id);
struct ui_view *ui_cosign_view_new(struct ui *ui);
struct ui_view *ui_person_view_new(struct ui *ui, int64_t person_id);
/* A form response: filled in when it is the user's draft, else read (and amended). NULL when
 * it cannot be opened (the message says why). */
struct ui_view *ui_form_view_new(struct ui *ui, int64_t response_id);
/* A new response of form_id on the person, and the list of forms to start one from. */
struct ui_view *ui_form_start_new(struct ui *ui, int64_t person_id, const char *form_id);
struct ui_view *ui_form_pick_new(struct ui *ui, int64_t person_id);
/* A form under review, opened at its summary, stepping with n/p through queue (review
 * ids; count 0 when opened on its own). */
struct ui_view *ui_review_view_new(struct ui *ui, int64_t review_id, const int64_t *queue,
				   size_t count, size_t pos);
/* The signed-in reviewer's queue; the author's work (drafts and returned forms); a lead's
 * team view. */
struct ui_view *ui_review_queue_new(struct ui *ui);
/* The caseworker's day: the first screen of those who carry a caseload. */
struct ui_view *ui_day_view_new(struct ui *ui);
struct ui_view *ui_my_work_new(struct ui *ui);
struct ui_view *ui_team_view_new(struct ui *ui);
/* The community resources directory; with a person (person_id != 0) it also refers them
 * to the selected resource. A person's referrals and their status. */
struct ui_view *ui_resources_view_new(struct ui *ui, int64_t person_id);
struct ui_view *ui_referrals_view_new(struct ui *ui, int64_t person_id);
/* The directory opened to refer the person from a plan: referrals made there carry origin
 * and origin_ref (the plan section or step). */
struct ui_view *ui_resources_refer_new(struct ui *ui, int64_t person_id,
				       enum referral_origin origin, const char *origin_ref);
/* The dialog that moves a referral on (the new status among those allowed, a note); r is
 * copied. Says so instead when the referral is closed. */
void ui_referral_move(struct ui *ui, const struct referral *r);
/* A person's release (reentry) plan: the readiness of every section, Enter opens one. NULL
 * when it cannot be opened (the message says why). */
struct ui_view *ui_release_plan_view_new(struct ui *ui, int64_t person_id);
/* A person's case plan: goals and steps as a tree under the RNR warnings. NULL when it cannot
 * be opened (the message says why). */
struct ui_view *ui_case_plan_view_new(struct ui *ui, int64_t person_id);
/* The plans under review, opened from the queue (r is copied): the plan's own screen,
 * read-only, with the review's header, its comments and changes beside the goals or
 * sections, and the reviewer's keys; n and p step through queue (review ids). */
struct ui_view *ui_case_plan_review_new(struct ui *ui, const struct review *r,
					const int64_t *queue, size_t count, size_t pos);
struct ui_view *ui_release_plan_review_new(struct ui *ui, const struct review *r,
					   const int64_t *queue, size_t count, size_t pos);
struct ui_view *ui_help_view_new(const struct ui_keymap *map, const char *screen);

#endif
