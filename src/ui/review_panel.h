#ifndef CASELOAD_UI_REVIEW_PANEL_H
#define CASELOAD_UI_REVIEW_PANEL_H
/* The review of a form or plan shown inside the item's own screen: the state, round, reviewer and
 * history at the top, the comments and changes beside the goal or section they concern,
 * and, for the reviewer, the review keys (m comment on what the cursor is on, c the QA
 * checklist, A approve, R return, r reassign, t take, n/p the next and previous review of
 * the queue). A screen embeds one panel and calls it; the panel owns what it loads. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/review.h"
#include "dialog.h"
#include "format.h"
#include "view.h"

struct ui_review_panel {
	/* what was loaded, to load it again */
	int64_t load_id;
	enum review_kind load_kind;
	int64_t load_item;
	bool has; /* the item has a review the user may see */
	struct review review;
	bool reviewing; /* the user decides on it now */
	struct review_comment *comments;
	size_t comment_count;
	struct review_change *changes;
	size_t change_count;
	struct review_event events[32];
	size_t event_count;
	struct review_checklist_glance checklist;
	int64_t *queue; /* the reviews stepped through with n/p (owned), else NULL */
	size_t queue_count, queue_pos;
	int action; /* of the open dialog */
	char anchor[REVIEW_ANCHOR_SIZE];
	char anchor_label[200]; /* how the dialog named it */
	struct ui_dialog_ops ops;
};

/* Loads the review by id (review mode, from the queue) or, with id 0, the review of the
 * item (app_review_of_item) if it has one the user may see. */
void ui_review_panel_load(struct ui_review_panel *p, struct ui *ui, int64_t review_id,
			  enum review_kind kind, int64_t item_id);
/* Keeps a copy of the queue the review was opened from, for n and p. */
void ui_review_panel_set_queue(struct ui_review_panel *p, const int64_t *queue, size_t count,
			       size_t pos);
void ui_review_panel_clear(struct ui_review_panel *p);

/* Appends the review's header lines (state, round and reviewer; the history; the comments
 * on the whole item; what the author must do now) with the given line kind; nothing when
 * there is no review. */
void ui_review_panel_header(const struct ui_review_panel *p, struct ui_line **lines, int *count,
			    int *cap, int kind);
/* Appends, indented, the changes since the last submission of the fields under `anchor`
 * ("anchor" itself, "anchor.*" and "anchor:*") and the comments anchored to it. */
void ui_review_panel_beside(const struct ui_review_panel *p, const char *anchor,
			    struct ui_line **lines, int *count, int *cap, int kind);

/* Draws, from line y up to (not including) bottom, the header lines (anchor NULL) or the
 * lines beside `anchor`; returns the line after the last drawn. */
int ui_review_panel_draw(const struct ui_review_panel *p, const char *anchor, int y, int bottom);
/* "  \u25c6" when the review has comments on anchor, "  \u21ba" when something under it
 * changed since the last submission, both, or "": marks for a line that stands for it. */
const char *ui_review_panel_marks(const struct ui_review_panel *p, const char *anchor);

/* The reviewer's keys; `anchor` is what the cursor is on ("" the whole item) and `label`
 * how to name it. UI_DECLINED when the user is not reviewing or the key is not one of
 * them. After n or p the screen has been replaced (and freed): return at once. */
enum ui_result ui_review_panel_key(struct ui_review_panel *p, struct ui *ui, ui_key key,
				   const char *anchor, const char *label);
/* The screen came back to the top (a dialog closed): reloads the review, and after a
 * decision steps to the next one of the queue. True when the screen was replaced (and
 * freed): return at once. */
bool ui_review_panel_resume(struct ui_review_panel *p, struct ui *ui);

#endif
