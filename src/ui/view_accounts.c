/* The administrator's screen: every account with its role, state, grants and last
 * sign-in; privileged changes ask for the administrator's password first. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/accounts.h"
#include "caseload/password.h"
#include "caseload/session.h"
#include "dialog.h"
#include "draw.h"
#include "view.h"

struct accounts_view {
	struct ui_view base;
	struct staff *accounts;
	size_t count;
	int cursor, top;
	enum ui_action pending;
	char target[MODEL_SHORT_SIZE];
	struct ui_dialog_ops ops;
};

static const struct ui_binding accounts_bindings[] = {
	{'a', ACT_ACCOUNT_ADD, 0, "a"},           {'d', ACT_ACCOUNT_DISABLE, 0, "d"},
	{'e', ACT_ACCOUNT_ENABLE, 0, "e"},        {'u', ACT_ACCOUNT_UNLOCK, 0, "u"},
	{'p', ACT_ACCOUNT_RESET, 0, "p"},         {'t', ACT_ACCOUNT_RESET_TOTP, 0, "t"},
	{'r', ACT_ACCOUNT_ROLE, 0, "r"},          {'g', ACT_ACCOUNT_GRANTS, 0, "g"},
};

static const struct ui_keymap accounts_keymap = {
	"Accounts (administrator)", accounts_bindings,
	(int)(sizeof accounts_bindings / sizeof accounts_bindings[0])};

static struct accounts_view *av_of(struct ui_view *view)
{
	return (struct accounts_view *)view;
}

static void av_load(struct accounts_view *av, struct ui *ui)
{
	char msg[300];
	free(av->accounts);
	av->accounts = NULL;
	av->count = 0;
	if (app_account_list(ui->app, &av->accounts, &av->count, msg, sizeof msg) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "%s", msg);
	if (av->cursor >= (int)av->count)
		av->cursor = av->count ? (int)av->count - 1 : 0;
}

static void av_draw(struct ui_view *view, struct ui *ui)
{
	struct accounts_view *av = av_of(view);
	char detail[64];
	snprintf(detail, sizeof detail, "%zu accounts ", av->count);
	ui_draw_title(ui, "Accounts", detail);
	ui_draw_fill(1, 0, COLS, UI_HEADER);
	char head[200];
	snprintf(head, sizeof head, "%-16s %-10s %-9s %-10s %-17s %s", "User", "Role", "State",
		 "Grants", "Last sign-in", "Name");
	ui_draw_text(1, 1, COLS - 2, head, TEXT_LEFT, UI_HEADER);
	int rows = LINES - 3;
	if (av->cursor < av->top)
		av->top = av->cursor;
	if (av->cursor >= av->top + rows)
		av->top = av->cursor - rows + 1;
	for (int r = 0; r < rows && av->top + r < (int)av->count; r++) {
		const struct staff *s = &av->accounts[av->top + r];
		char grants[32], line[600];
		app_grants_format(s->grants, grants, sizeof grants);
		snprintf(line, sizeof line, "%-16.16s %-10s %-9s %-10s %-17.16s %s", s->username,
			 s->role, !s->active ? "disabled" : s->locked ? "LOCKED" : "active",
			 grants[0] ? grants : "-", s->last_sign_in_at[0] ? s->last_sign_in_at : "never",
			 s->display_name);
		bool selected = av->top + r == av->cursor;
		if (selected)
			ui_draw_fill(2 + r, 0, COLS, UI_SELECTED);
		ui_draw_text(2 + r, 1, COLS - 2, line, TEXT_LEFT,
			     selected ? UI_SELECTED : s->locked ? UI_URGENT : !s->active ? UI_DIM : UI_NORMAL);
	}
	static const char *const hints[] = {"a", "add", "d/e", "disable/enable", "u", "unlock",
					    "p", "reset password", "r", "role", "g", "grants",
					    "?", "help", "q", "quit", NULL};
	ui_draw_status(ui, hints, "");
}

/* texts[0] is always the administrator's own password: privileged actions confirm it. */
static enum cl_status av_submit(void *ctx, struct ui *ui, const char *const *t, char *msg,
				size_t msgsz)
{
	struct accounts_view *av = ctx;
	struct app *app = ui->app;
	char temp[ACCOUNT_TEMP_PASSWORD_SIZE] = "";
	if (app_session_reauth(app, t[0], msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	enum cl_status st;
	switch (av->pending) {
	case ACT_ACCOUNT_ADD: {
		struct account_input in = {t[1], t[2], t[3], t[4]};
		st = app_account_add(app, &in, temp, msg, msgsz);
		break;
	}
	case ACT_ACCOUNT_ROLE:
		st = app_account_set_role(app, av->target, t[1], msg, msgsz);
		break;
	case ACT_ACCOUNT_GRANTS:
		st = app_account_set_grants(app, av->target, t[1], msg, msgsz);
		break;
	default: {
		enum account_change change =
			av->pending == ACT_ACCOUNT_DISABLE  ? ACCOUNT_DISABLE
			: av->pending == ACT_ACCOUNT_ENABLE ? ACCOUNT_ENABLE
			: av->pending == ACT_ACCOUNT_UNLOCK ? ACCOUNT_UNLOCK
			: av->pending == ACT_ACCOUNT_RESET  ? ACCOUNT_RESET_PASSWORD
							    : ACCOUNT_RESET_TOTP;
		st = app_account_change(app, av->target, change, temp, msg, msgsz);
		break;
	}
	}
	if (st == CL_OK && temp[0]) {
		size_t used = strlen(msg);
		snprintf(msg + used, msgsz - used, ". Temporary password (shown once): %s", temp);
	}
	password_wipe(temp, sizeof temp);
	return st;
}

static enum ui_result av_open(struct accounts_view *av, struct ui *ui, enum ui_action action)
{
	static const struct ui_dialog_field_def own = {"Your password", "Confirms a privileged action",
						       1024, true};
	struct ui_dialog_field_def defs[5] = {own};
	const char *texts[5] = {""};
	int n = 1;
	char title[120];
	if (action != ACT_ACCOUNT_ADD) {
		if (!av->count)
			return UI_HANDLED;
		snprintf(av->target, sizeof av->target, "%s", av->accounts[av->cursor].username);
	}
	switch (action) {
	case ACT_ACCOUNT_ADD:
		snprintf(title, sizeof title, "Add an account");
		defs[1] = (struct ui_dialog_field_def){"User name", "2-32 of a-z 0-9 . _ - (never reused)", 32, false};
		defs[2] = (struct ui_dialog_field_def){"Full name", "As it appears on records", 160, false};
		defs[3] = (struct ui_dialog_field_def){"Role", "intern, caseworker, lead, admin or auditor", 16, false};
		defs[4] = (struct ui_dialog_field_def){"Supervisor", "Interns: the supervising caseworker's user name", 32, false};
		n = 5;
		break;
	case ACT_ACCOUNT_ROLE:
		snprintf(title, sizeof title, "Role of %s", av->target);
		defs[1] = (struct ui_dialog_field_def){"New role", "intern, caseworker, lead, admin or auditor", 16, false};
		texts[1] = av->accounts[av->cursor].role;
		n = 2;
		break;
	case ACT_ACCOUNT_GRANTS:
		snprintf(title, sizeof title, "Grants of %s", av->target);
		defs[1] = (struct ui_dialog_field_def){"Grants", "part2, prea, health, victim (comma-separated) or none", 32, false};
		n = 2;
		break;
	default:
		snprintf(title, sizeof title, "%s: %s", av->target, ui_action_help(action));
		break;
	}
	av->pending = action;
	av->ops = (struct ui_dialog_ops){.submit = av_submit};
	ui_view_push(ui, ui_dialog_new(title, false, defs, n, texts, NULL, &av->ops, av));
	return UI_HANDLED;
}

static enum ui_result av_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				int arg)
{
	struct accounts_view *av = av_of(view);
	(void)arg;
	switch (action) {
	case ACT_UP:
		if (av->cursor > 0)
			av->cursor--;
		return UI_HANDLED;
	case ACT_DOWN:
		if (av->cursor + 1 < (int)av->count)
			av->cursor++;
		return UI_HANDLED;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		av->cursor += (action == ACT_PAGE_UP ? -1 : 1) * (LINES - 4);
		if (av->cursor >= (int)av->count)
			av->cursor = (int)av->count - 1;
		if (av->cursor < 0)
			av->cursor = 0;
		return UI_HANDLED;
	case ACT_HOME:
		av->cursor = 0;
		return UI_HANDLED;
	case ACT_END:
		av->cursor = av->count ? (int)av->count - 1 : 0;
		return UI_HANDLED;
	case ACT_ACCOUNT_ADD:
	case ACT_ACCOUNT_DISABLE:
	case ACT_ACCOUNT_ENABLE:
	case ACT_ACCOUNT_UNLOCK:
	case ACT_ACCOUNT_RESET:
	case ACT_ACCOUNT_RESET_TOTP:
	case ACT_ACCOUNT_ROLE:
	case ACT_ACCOUNT_GRANTS:
		return av_open(av, ui, action);
	default:
		return UI_DECLINED;
	}
}

static void av_resume(struct ui_view *view, struct ui *ui)
{
	av_load(av_of(view), ui);
}

static void av_destroy(struct ui_view *view)
{
	struct accounts_view *av = av_of(view);
	free(av->accounts);
	free(av);
}

static const struct ui_view_ops accounts_ops = {
	.name = "Accounts",
	.keymap = &accounts_keymap,
	.draw = av_draw,
	.action = av_action,
	.resume = av_resume,
	.destroy = av_destroy,
};

struct ui_view *ui_accounts_view_new(struct ui *ui)
{
	struct accounts_view *av = xcalloc(1, sizeof *av);
	av->base.ops = &accounts_ops;
	av_load(av, ui);
	return &av->base;
}
