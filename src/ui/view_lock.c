/* The lock screen: nothing of what was open shows; only the signed-in user's password
 * brings it back; anyone else can only end the session (audited). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/session.h"
#include "draw.h"
#include "lineedit.h"
#include "view.h"

struct lock_view {
	struct ui_view base;
	struct ui_lineedit password;
	char why[16];
	char message[200];
};

static const struct ui_keymap lock_keymap = {
	"Locked screen: the signed-in user's password and Enter unlock it; F10 ends the session",
	NULL, 0};

static void lock_draw(struct ui_view *view, struct ui *ui)
{
	struct lock_view *lv = (struct lock_view *)view;
	ui_draw_title(ui, "locked", NULL);
	int width = COLS - 4 < 70 ? COLS - 4 : 70, x = (COLS - width) / 2, y = LINES / 2 - 4;
	char line[400];
	snprintf(line, sizeof line, "This terminal is locked%s.",
		 !strcmp(lv->why, "idle")     ? " after a period without use"
		 : !strcmp(lv->why, "reauth") ? ": sign-in is due again"
					      : "");
	ui_draw_text(y, x, width, line, TEXT_LEFT, UI_HEADER);
	snprintf(line, sizeof line, "Session of %s (%s).", ui->app->me.display_name,
		 ui->app->me.username);
	ui_draw_text(y + 2, x, width, line, TEXT_LEFT, UI_NORMAL);
	ui_draw_text(y + 4, x, 10, "Password", TEXT_RIGHT, UI_LABEL);
	if (lv->message[0])
		ui_draw_text(y + 6, x, width, lv->message, TEXT_LEFT, UI_URGENT);
	static const char *const hints[] = {"Enter", "unlock", "F10", "end the session", NULL};
	ui_draw_status(ui, hints, "");
	ui_lineedit_draw(&lv->password, y + 4, x + 12, width - 12, true);
}

static enum ui_result lock_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct lock_view *lv = (struct lock_view *)view;
	if (key == UI_FN(KEY_F(10))) {
		app_session_end(ui->app, "ended_at_lock");
		ui->quit = true;
		return UI_HANDLED;
	}
	if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
		enum cl_status st = app_session_unlock(ui->app, lv->password.text.buf, lv->message,
						       sizeof lv->message);
		ui_lineedit_wipe(&lv->password);
		if (st == CL_OK) {
			ui->locked = false;
			ui_view_pop(ui); /* frees lv; the screen below is reloaded */
		}
		return UI_HANDLED;
	}
	ui_lineedit_key(&lv->password, key);
	return UI_HANDLED; /* nothing reaches the screens below */
}

static enum ui_result lock_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	(void)view, (void)ui, (void)action, (void)arg;
	return UI_HANDLED;
}

static void lock_destroy(struct ui_view *view)
{
	struct lock_view *lv = (struct lock_view *)view;
	ui_lineedit_clear(&lv->password);
	free(lv);
}

static const struct ui_view_ops lock_ops = {
	.name = "Locked",
	.keymap = &lock_keymap,
	.draw = lock_draw,
	.action = lock_action,
	.key = lock_key,
	.destroy = lock_destroy,
};

struct ui_view *ui_lock_view_new(struct ui *ui, const char *why)
{
	struct lock_view *lv = xcalloc(1, sizeof *lv);
	lv->base.ops = &lock_ops;
	ui_lineedit_init(&lv->password, 1024);
	lv->password.secret = true;
	snprintf(lv->why, sizeof lv->why, "%s", why);
	ui->locked = true;
	return &lv->base;
}
