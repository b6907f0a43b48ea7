/* The auditor's screen: the audit trail newest first, filtered by person, user, event and
 * dates, paged by id; `v` verifies the hash chain. Reading it is itself audited. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/caseload.h"
#include "caseload/staff.h"
#include "caseload/trail.h"
#include "dialog.h"
#include "draw.h"
#include "view.h"

#define AUDIT_VIEW_PAGE 200

struct audit_view {
	struct ui_view base;
	struct audit_row *rows;
	size_t count;
	int cursor, top;
	int64_t before_id;  /* the page starts below this id; 0: the newest */
	int64_t page_stack[64]; /* earlier pages' before_id, for going back */
	int depth;
	char oid[16], user[64], event[48], since[32], until[32];
	struct ui_dialog_ops ops;
};

static const struct ui_binding audit_bindings[] = {
	{'f', ACT_FILTER, 0, "f /"},
	{'/', ACT_FILTER, 0, NULL},
	{'v', ACT_AUDIT_VERIFY, 0, "v"},
	{UI_ESC, ACT_CLEAR_FILTER, 0, "Esc"},
};

static const struct ui_keymap audit_keymap = {
	"Audit trail (auditor): PgDn older rows, PgUp newer", audit_bindings,
	(int)(sizeof audit_bindings / sizeof audit_bindings[0])};

static struct audit_view *auv_of(struct ui_view *view)
{
	return (struct audit_view *)view;
}

static void auv_load(struct audit_view *av, struct ui *ui)
{
	struct audit_filter f = {0};
	char msg[300];
	if (av->oid[0] && app_caseload_find_oid(ui->app, av->oid, &f.person_id) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "No person with OID %s", av->oid);
		f.person_id = -1;
	}
	struct staff s;
	if (av->user[0]) {
		if (store_staff_by_username(ui->app->store, av->user, &s) == CL_OK) {
			f.staff_id = s.id;
		} else {
			ui_message(ui, UI_MSG_ERROR, "No account named %s", av->user);
			f.staff_id = -1;
		}
	}
	f.event = av->event[0] ? av->event : NULL;
	f.since = av->since[0] ? av->since : NULL;
	f.until = av->until[0] ? av->until : NULL;
	f.limit = AUDIT_VIEW_PAGE;
	f.before_id = av->before_id;
	if (app_trail_query(ui->app, &f, av->rows, AUDIT_VIEW_PAGE, &av->count, msg, sizeof msg) !=
	    CL_OK)
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
	av->cursor = av->top = 0;
}

static void auv_draw(struct ui_view *view, struct ui *ui)
{
	struct audit_view *av = auv_of(view);
	char detail[200];
	snprintf(detail, sizeof detail, "%s%s%s%s%s page %d ", av->oid[0] ? "OID " : "", av->oid,
		 av->user[0] ? " user " : "", av->user, av->event[0] ? " (filtered)" : "",
		 av->depth + 1);
	ui_draw_title(ui, "Audit trail", detail);
	char head[200];
	snprintf(head, sizeof head, "%-8s %-22s %-14s %-24s %-7s %-8s %s", "Id", "At (UTC)", "User",
		 "Event", "Outcome", "OID", "Object / terminal");
	ui_draw_fill(1, 0, COLS, UI_HEADER);
	ui_draw_text(1, 1, COLS - 2, head, TEXT_LEFT, UI_HEADER);
	int rows = LINES - 3;
	if (av->cursor < av->top)
		av->top = av->cursor;
	if (av->cursor >= av->top + rows)
		av->top = av->cursor - rows + 1;
	for (int r = 0; r < rows && av->top + r < (int)av->count; r++) {
		const struct audit_row *a = &av->rows[av->top + r];
		char line[700];
		snprintf(line, sizeof line, "%-8lld %-22.22s %-14.14s %-24.24s %-7s %-8s %s  %s",
			 (long long)a->id, a->at, a->staff_username[0] ? a->staff_username : "-",
			 a->event, a->outcome, a->person_oid[0] ? a->person_oid : "-", a->object,
			 a->terminal);
		bool selected = av->top + r == av->cursor;
		if (selected)
			ui_draw_fill(2 + r, 0, COLS, UI_SELECTED);
		ui_draw_text(2 + r, 1, COLS - 2, line, TEXT_LEFT,
			     selected ? UI_SELECTED
			     : strcmp(a->outcome, "ok") ? UI_URGENT
							 : UI_NORMAL);
	}
	if (!av->count)
		ui_draw_text(3, 2, COLS - 4, "No audit rows match.", TEXT_LEFT, UI_DIM);
	static const char *const hints[] = {"f", "filter", "v", "verify", "PgDn", "older", "PgUp",
					    "newer", "?", "help", "q", "quit", NULL};
	ui_draw_status(ui, hints, "");
}

static enum cl_status auv_filter_submit(void *ctx, struct ui *ui, const char *const *t, char *msg,
					size_t msgsz)
{
	struct audit_view *av = ctx;
	snprintf(av->oid, sizeof av->oid, "%s", t[0]);
	snprintf(av->user, sizeof av->user, "%s", t[1]);
	snprintf(av->event, sizeof av->event, "%s", t[2]);
	snprintf(av->since, sizeof av->since, "%s", t[3]);
	snprintf(av->until, sizeof av->until, "%s", t[4]);
	av->before_id = 0;
	av->depth = 0;
	auv_load(av, ui);
	snprintf(msg, msgsz, "%zu rows on this page", av->count);
	return CL_OK;
}

static void auv_verify(struct ui *ui)
{
	int64_t checked, broken;
	char detail[300], msg[300];
	if (app_trail_verify(ui->app, &checked, &broken, detail, sizeof detail, msg, sizeof msg) !=
	    CL_OK)
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
	else if (broken)
		ui_message(ui, UI_MSG_ERROR, "Audit trail BROKEN at row %lld: %s", (long long)broken,
			   detail);
	else
		ui_message(ui, UI_MSG_INFO, "Audit trail intact: %lld rows checked",
			   (long long)checked);
}

static enum ui_result auv_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				 int arg)
{
	struct audit_view *av = auv_of(view);
	(void)arg;
	static const struct ui_dialog_field_def defs[] = {
		{"Person OID", "Only rows about this person", 12, false},
		{"User", "Only rows of this account", 32, false},
		{"Event", "Exact, or a prefix and * (person.*)", 40, false},
		{"Since", "YYYY-MM-DD or a UTC timestamp", 24, false},
		{"Until", "YYYY-MM-DD (inclusive) or a UTC timestamp", 24, false},
	};
	const char *texts[] = {av->oid, av->user, av->event, av->since, av->until};
	switch (action) {
	case ACT_UP:
		if (av->cursor > 0)
			av->cursor--;
		return UI_HANDLED;
	case ACT_DOWN:
		if (av->cursor + 1 < (int)av->count)
			av->cursor++;
		return UI_HANDLED;
	case ACT_PAGE_DOWN:
		if (av->count == AUDIT_VIEW_PAGE && av->depth < 63) {
			av->page_stack[av->depth++] = av->before_id;
			av->before_id = av->rows[av->count - 1].id;
			auv_load(av, ui);
		}
		return UI_HANDLED;
	case ACT_PAGE_UP:
		if (av->depth > 0) {
			av->before_id = av->page_stack[--av->depth];
			auv_load(av, ui);
		}
		return UI_HANDLED;
	case ACT_HOME:
		av->before_id = 0;
		av->depth = 0;
		auv_load(av, ui);
		return UI_HANDLED;
	case ACT_FILTER:
		av->ops = (struct ui_dialog_ops){.submit = auv_filter_submit};
		ui_view_push(ui, ui_dialog_new("Filter the audit trail", false, defs, 5, texts, NULL,
					       &av->ops, av));
		return UI_HANDLED;
	case ACT_CLEAR_FILTER:
		if (!av->oid[0] && !av->user[0] && !av->event[0] && !av->since[0] && !av->until[0])
			return UI_DECLINED;
		av->oid[0] = av->user[0] = av->event[0] = av->since[0] = av->until[0] = '\0';
		av->before_id = 0;
		av->depth = 0;
		auv_load(av, ui);
		return UI_HANDLED;
	case ACT_AUDIT_VERIFY:
		auv_verify(ui);
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void auv_destroy(struct ui_view *view)
{
	struct audit_view *av = auv_of(view);
	free(av->rows);
	free(av);
}

static const struct ui_view_ops audit_ops = {
	.name = "Audit trail",
	.keymap = &audit_keymap,
	.draw = auv_draw,
	.action = auv_action,
	.destroy = auv_destroy,
};

struct ui_view *ui_audit_view_new(struct ui *ui)
{
	struct audit_view *av = xcalloc(1, sizeof *av);
	av->base.ops = &audit_ops;
	av->rows = xcalloc(AUDIT_VIEW_PAGE, sizeof *av->rows);
	auv_load(av, ui);
	return &av->base;
}
