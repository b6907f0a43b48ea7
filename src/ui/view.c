/* The view stack and the main loop. */
#include "view.h"

#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/session.h"
#include "caseload/ui.h"
#include "draw.h"
#include "term.h"

#define UI_TICK_MS 250

void ui_view_push(struct ui *ui, struct ui_view *view)
{
	if (ui->depth == UI_STACK_MAX) {
		view->ops->destroy(view);
		ui_message(ui, UI_MSG_ERROR, "Too many screens open; go back first");
		return;
	}
	ui->stack[ui->depth++] = view;
}

void ui_view_pop(struct ui *ui)
{
	if (ui->depth == 0)
		return;
	struct ui_view *view = ui->stack[--ui->depth];
	view->ops->destroy(view);
	struct ui_view *top = ui_view_top(ui);
	if (top && top->ops->resume && !ui->quit)
		top->ops->resume(top, ui);
	ui->dirty = true;
}

void ui_view_replace(struct ui *ui, struct ui_view *view)
{
	if (ui->depth > 0) {
		struct ui_view *old = ui->stack[--ui->depth];
		old->ops->destroy(old);
	}
	ui_view_push(ui, view);
	ui->dirty = true;
}

struct ui_view *ui_view_top(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

void ui_message(struct ui *ui, enum ui_message_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_kind = kind;
}

void ui_draw_title(struct ui *ui, const char *where, const char *detail)
{
	char left[512];
	snprintf(left, sizeof left, " caseload \u00b7 %s", where);
	ui_draw_fill(0, 0, COLS, UI_TITLE);
	int right_w = detail ? text_width(detail) : 0;
	if (right_w > COLS / 2)
		right_w = COLS / 2;
	ui_draw_text(0, 0, COLS - right_w - 1, left, TEXT_LEFT, UI_TITLE);
	if (detail)
		ui_draw_text(0, COLS - right_w - 1, right_w, detail, TEXT_RIGHT, UI_TITLE);
	(void)ui;
}

void ui_draw_status(struct ui *ui, const char *const *hints, const char *right)
{
	if (ui->message[0]) {
		enum ui_element e = ui->message_kind == UI_MSG_ERROR ? UI_ERROR : UI_NOTICE;
		ui_draw_fill(LINES - 1, 0, COLS, e);
		ui_draw_text(LINES - 1, 1, COLS - 2, ui->message, TEXT_LEFT, e);
		return;
	}
	ui_draw_keys(LINES - 1, COLS, hints, right);
}

static void ui_draw_too_small(void)
{
	erase();
	char line[128];
	snprintf(line, sizeof line, "Terminal too small: %dx%d", COLS, LINES);
	int y = LINES / 2 - 1;
	ui_draw_text(y < 0 ? 0 : y, 0, COLS, line, TEXT_LEFT, UI_URGENT);
	snprintf(line, sizeof line, "caseload needs at least %dx%d.", UI_MIN_COLS, UI_MIN_LINES);
	ui_draw_text(y + 1, 0, COLS, line, TEXT_LEFT, UI_NORMAL);
	ui_draw_text(y + 2, 0, COLS, "Enlarge the window, or press Q to quit.", TEXT_LEFT,
		     UI_NORMAL);
}

static bool ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

static void ui_draw(struct ui *ui)
{
	curs_set(0);
	erase();
	if (ui_too_small()) {
		ui_draw_too_small();
		refresh();
		return;
	}
	/* draw from the last full-screen view up through the overlays above it */
	int base = ui->depth - 1;
	while (base > 0 && ui->stack[base]->ops->overlay)
		base--;
	for (int i = base; i < ui->depth; i++)
		ui->stack[i]->ops->draw(ui->stack[i], ui);
	refresh();
}

static double ui_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The idle lock: the configured minutes, or fewer when CASELOAD_IDLE_LOCK_SECONDS asks for
 * fewer (kiosks, tests); never more. */
static int ui_idle_seconds(const struct app *app)
{
	int seconds = app->config.idle_lock_minutes * 60;
	const char *env = getenv("CASELOAD_IDLE_LOCK_SECONDS");
	int asked = env ? atoi(env) : 0;
	return asked > 0 && asked < seconds ? asked : seconds;
}

static void ui_lock(struct ui *ui, const char *why)
{
	if (ui->locked || !ui->app->me.id)
		return;
	app_session_lock(ui->app, why);
	ui_view_push(ui, ui_lock_view_new(ui, why));
	ui->dirty = true;
}

/* Idle ticks: the lock after idling, and again after the re-authentication period. */
static void ui_idle(struct ui *ui)
{
	if (!ui->app->me.id || ui->locked)
		return;
	if (ui_seconds() - ui->last_input >= ui->idle_lock_seconds)
		ui_lock(ui, "idle");
	else if (app_session_reauth_due(ui->app))
		ui_lock(ui, "reauth");
}

static void ui_dispatch(struct ui *ui, ui_key key)
{
	struct ui_view *top = ui_view_top(ui);
	if (ui_too_small()) {
		if (key == 'Q' || key == 'q')
			ui->quit = true;
		return;
	}
	ui->message[0] = '\0';
	if (top->ops->key && top->ops->key(top, ui, key) == UI_HANDLED)
		return;
	int arg;
	enum ui_action action = ui_keymap_lookup(top->ops->keymap, key, &arg);
	if (action != ACT_NONE && top->ops->action(top, ui, action, arg) == UI_HANDLED)
		return;
	switch (action) {
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_BACK:
		if (ui->depth > 1)
			ui_view_pop(ui);
		else if (key != UI_ESC) /* a stray Esc (or an unknown key sequence) never quits */
			ui->quit = true;
		break;
	case ACT_HELP:
		ui_view_push(ui, ui_help_view_new(top->ops->keymap, top->ops->name));
		break;
	case ACT_LOCK:
		ui_lock(ui, "key");
		break;
	case ACT_PASSWORD:
		ui_open_password_dialog(ui);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		if (top->ops->resume)
			top->ops->resume(top, ui);
		break;
	case ACT_NONE:
		if (key != UI_FN(KEY_RESIZE))
			ui_message(ui, UI_MSG_INFO, "That key does nothing here; press ? for help");
		break;
	default:
		break;
	}
}

static ui_key ui_read_key(bool *got)
{
	wint_t ch;
	int r = get_wch(&ch);
	*got = r != ERR;
	if (r == KEY_CODE_YES)
		return UI_FN((int)ch);
	return (ui_key)ch;
}

int ui_run(struct app *app)
{
	if (!ui_term_start())
		return 1;
	ui_draw_init_theme(ui_term_colors());
	timeout(UI_TICK_MS);
	struct ui ui = {.app = app};
	ui.idle_lock_seconds = ui_idle_seconds(app);
	ui.last_input = ui_seconds();
	ui_view_push(&ui, ui_signin_view_new(&ui));
	ui.dirty = true;
	while (!ui.quit && !ui_term_signal) {
		if (ui.dirty)
			ui_draw(&ui);
		ui.dirty = false;
		bool got;
		ui_key key = ui_read_key(&got);
		if (ui_term_signal)
			break;
		struct ui_view *top = ui_view_top(&ui);
		if (!got) {
			/* an idle tick: only views with something to do redraw (they set dirty) */
			if (top->ops->tick)
				top->ops->tick(top, &ui);
			ui_idle(&ui);
			continue;
		}
		ui.dirty = true;
		ui.last_input = ui_seconds();
		ui_dispatch(&ui, key);
		/* a paste arrives as thousands of keys: take what is already waiting before
		 * drawing again, so a long paste costs one redraw, not one per character */
		timeout(0);
		for (int burst = 0; burst < 65536 && !ui.quit && !ui_term_signal; burst++) {
			key = ui_read_key(&got);
			if (!got)
				break;
			ui_dispatch(&ui, key);
		}
		timeout(UI_TICK_MS);
	}
	app_session_end(app, ui_term_signal ? "signal" : "quit");
	/* views flush their drafts as they are destroyed, before the terminal is given back */
	ui.quit = true;
	while (ui.depth)
		ui_view_pop(&ui);
	ui_term_stop();
	return ui_term_signal ? 128 + ui_term_signal : 0;
}
