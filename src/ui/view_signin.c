/* The way in: the system-use banner (acknowledged before anything else), then user name
 * and password, then the second factor or its enrolment, then a new password when one is
 * due. The session starts only when the last step succeeds. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/accounts.h"
#include "caseload/password.h"
#include "caseload/formwork.h"
#include "caseload/permit.h"
#include "caseload/session.h"
#include "caseload/staff.h"
#include "dialog.h"
#include "draw.h"
#include "lineedit.h"
#include "view.h"

#define SIGNIN_FIELDS 2

enum signin_screen { SCREEN_BANNER, SCREEN_SIGNIN };

struct signin_view {
	struct ui_view base;
	enum signin_screen screen;
	struct signin state;
	struct ui_lineedit fields[SIGNIN_FIELDS];
	int active;
	char message[300];
	char demo_hint[200];
	struct strbuf enrol_uri;
};

static const struct ui_keymap signin_keymap = {
	"Sign-in: Enter goes on, Tab and the arrows move between fields, Esc or Q on the "
	"banner quits",
	NULL, 0};

static struct signin_view *sv_of(struct ui_view *view)
{
	return (struct signin_view *)view;
}

/* The fields each step asks for: labels, and whether they are secret. */
static void sv_step_fields(const struct signin_view *sv, const char **labels, bool *secret,
			   int *count)
{
	switch (sv->state.step) {
	case SIGNIN_PASSWORD:
		labels[0] = "User name", secret[0] = false;
		labels[1] = "Password", secret[1] = true;
		*count = 2;
		break;
	case SIGNIN_TOTP:
	case SIGNIN_TOTP_ENROL:
		labels[0] = "6-digit code", secret[0] = false;
		*count = 1;
		break;
	case SIGNIN_NEW_PASSWORD:
		labels[0] = "New password", secret[0] = true;
		labels[1] = "Again", secret[1] = true;
		*count = 2;
		break;
	case SIGNIN_DONE:
		*count = 0;
		break;
	}
}

static void sv_reset_fields(struct signin_view *sv)
{
	const char *labels[SIGNIN_FIELDS];
	bool secret[SIGNIN_FIELDS] = {false, false};
	int count = 0;
	sv_step_fields(sv, labels, secret, &count);
	for (int i = 0; i < SIGNIN_FIELDS; i++) {
		ui_lineedit_wipe(&sv->fields[i]);
		sv->fields[i].secret = i < count && secret[i];
	}
	sv->active = 0;
}

static void sv_draw_banner(struct ui *ui)
{
	ui_draw_title(ui, ui->app->config.facility, "sign-in ");
	const char *text = ui->app->config.banner;
	int width = COLS - 8 < 90 ? COLS - 8 : 90, x = (COLS - width) / 2, y = 3;
	struct strbuf line;
	strbuf_init(&line);
	/* the banner wrapped at word boundaries, line breaks kept */
	const char *p = text;
	while (*p && y < LINES - 4) {
		const char *end = p;
		const char *cut = NULL;
		int cols = 0;
		while (*end && *end != '\n' && cols < width) {
			if (*end == ' ')
				cut = end;
			end++;
			cols += ((unsigned char)*end & 0xC0) != 0x80;
		}
		if (*end && *end != '\n' && cut)
			end = cut;
		strbuf_reset(&line);
		strbuf_append(&line, p, (size_t)(end - p));
		ui_draw_text(y++, x, width, line.buf, TEXT_LEFT, UI_NORMAL);
		p = *end ? end + 1 : end;
	}
	strbuf_clear(&line);
	ui_draw_text(y + 1, x, width, "Press Enter to acknowledge this notice and sign in.",
		     TEXT_LEFT, UI_HEADER);
	static const char *const hints[] = {"Enter", "acknowledge", "Q", "quit", NULL};
	ui_draw_status(ui, hints, "");
}

static const char *sv_step_title(enum signin_step step)
{
	switch (step) {
	case SIGNIN_TOTP:
		return "Second factor";
	case SIGNIN_TOTP_ENROL:
		return "Set up your second factor";
	case SIGNIN_NEW_PASSWORD:
		return "Choose a new password";
	default:
		return "Sign in";
	}
}

/* Lines above the fields that explain the step. */
static int sv_draw_explanation(struct signin_view *sv, struct ui *ui, int y, int x, int width)
{
	char line[400];
	switch (sv->state.step) {
	case SIGNIN_TOTP:
		ui_draw_text(y++, x, width, "Enter the code your authenticator app shows now.",
			     TEXT_LEFT, UI_NORMAL);
		break;
	case SIGNIN_TOTP_ENROL:
		if (!sv->enrol_uri.len)
			app_signin_enrol_offer(ui->app, &sv->state, &sv->enrol_uri);
		ui_draw_text(y++, x, width, "Your role needs a second factor. Add this secret to an",
			     TEXT_LEFT, UI_NORMAL);
		ui_draw_text(y++, x, width, "authenticator app (TOTP), then enter the code it shows:",
			     TEXT_LEFT, UI_NORMAL);
		snprintf(line, sizeof line, "Secret: %s", sv->state.enrol_secret);
		ui_draw_text(y++, x, width, line, TEXT_LEFT, UI_HEADER);
		ui_draw_text(y++, x, width, sv->enrol_uri.buf, TEXT_LEFT, UI_DIM);
		break;
	case SIGNIN_NEW_PASSWORD: {
		struct staff s;
		bool totp = store_staff_by_id(ui->app->store, sv->state.staff_id, &s) == CL_OK &&
			    app_session_has_totp(ui->app, s.id, s.role);
		snprintf(line, sizeof line,
			 "At least %d characters; spaces and any characters are fine; not a common "
			 "password, not your name.",
			 totp ? ui->app->config.password_min_with_totp
			      : ui->app->config.password_min_single_factor);
		ui_draw_text(y++, x, width, line, TEXT_LEFT, UI_NORMAL);
		break;
	}
	default:
		if (sv->demo_hint[0]) {
			snprintf(line, sizeof line, "Demonstration database: sign in as %s",
				 sv->demo_hint);
			ui_draw_text(y++, x, width, line, TEXT_LEFT, UI_DIM);
		}
		break;
	}
	return y;
}

static void sv_draw_form(struct signin_view *sv, struct ui *ui)
{
	ui_draw_title(ui, ui->app->config.facility, "sign-in ");
	int width = COLS - 4 < 76 ? COLS - 4 : 76, x = (COLS - width) / 2, y = 3;
	ui_draw_text(y, x, width, sv_step_title(sv->state.step), TEXT_LEFT, UI_HEADER);
	y = sv_draw_explanation(sv, ui, y + 2, x, width) + 1;
	const char *labels[SIGNIN_FIELDS];
	bool secret[SIGNIN_FIELDS];
	int count = 0;
	sv_step_fields(sv, labels, secret, &count);
	for (int i = 0; i < count; i++) {
		ui_draw_text(y + i, x, 14, labels[i], TEXT_RIGHT, i == sv->active ? UI_HEADER : UI_LABEL);
		if (i != sv->active)
			ui_lineedit_draw(&sv->fields[i], y + i, x + 16, width - 16, false);
	}
	if (sv->message[0])
		ui_draw_text(y + count + 1, x, width, sv->message, TEXT_LEFT, UI_URGENT);
	static const char *const hints[] = {"Enter", "continue", "Tab", "next field", "Esc",
					    "start over", NULL};
	ui_draw_status(ui, hints, "");
	if (count)
		ui_lineedit_draw(&sv->fields[sv->active], y + sv->active, x + 16, width - 16, true);
}

static void sv_draw(struct ui_view *view, struct ui *ui)
{
	struct signin_view *sv = sv_of(view);
	if (sv->screen == SCREEN_BANNER)
		sv_draw_banner(ui);
	else
		sv_draw_form(sv, ui);
}

static void sv_start_over(struct signin_view *sv)
{
	app_signin_begin(&sv->state);
	strbuf_reset(&sv->enrol_uri);
	sv_reset_fields(sv);
}

/* Runs the current step with what was typed; on success moves to the next step or home. */
static void sv_submit(struct signin_view *sv, struct ui *ui)
{
	struct app *app = ui->app;
	const char *a = sv->fields[0].text.buf, *b = sv->fields[1].text.buf;
	enum cl_status st = CL_ERR_DENIED;
	sv->message[0] = '\0';
	switch (sv->state.step) {
	case SIGNIN_PASSWORD:
		st = app_signin_password(app, &sv->state, a, b, sv->message, sizeof sv->message);
		break;
	case SIGNIN_TOTP:
		st = app_signin_totp(app, &sv->state, a, sv->message, sizeof sv->message);
		break;
	case SIGNIN_TOTP_ENROL:
		st = app_signin_enrol(app, &sv->state, a, sv->message, sizeof sv->message);
		break;
	case SIGNIN_NEW_PASSWORD:
		st = app_signin_new_password(app, &sv->state, a, b, sv->message, sizeof sv->message);
		break;
	case SIGNIN_DONE:
		break;
	}
	if (st != CL_OK) {
		/* a wrong password is typed again from scratch; the user name stays */
		ui_lineedit_wipe(&sv->fields[1]);
		if (sv->state.step != SIGNIN_PASSWORD)
			ui_lineedit_wipe(&sv->fields[0]);
		sv->active = sv->state.step == SIGNIN_PASSWORD && sv->fields[0].text.len ? 1 : 0;
		return;
	}
	if (sv->state.step == SIGNIN_DONE) {
		ui_view_replace(ui, ui_home_view_new(ui)); /* frees sv */
		return;
	}
	sv_reset_fields(sv);
}

static enum ui_result sv_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct signin_view *sv = sv_of(view);
	if (sv->screen == SCREEN_BANNER) {
		if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
			app_audit(ui->app, "session.banner_ack", "ok", 0, "");
			sv->screen = SCREEN_SIGNIN;
			return UI_HANDLED;
		}
		if (key == 'q' || key == 'Q' || key == UI_ESC)
			ui->quit = true;
		return UI_HANDLED;
	}
	const char *labels[SIGNIN_FIELDS];
	bool secret[SIGNIN_FIELDS];
	int count = 0;
	sv_step_fields(sv, labels, secret, &count);
	if (key == UI_ESC) {
		sv_start_over(sv);
		sv->message[0] = '\0';
	} else if (key == '\t' || key == UI_FN(KEY_DOWN) || key == UI_FN(KEY_UP) ||
		   key == UI_FN(KEY_BTAB)) {
		sv->active = (sv->active + 1) % (count ? count : 1);
	} else if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
		if (sv->active + 1 < count && !sv->fields[sv->active + 1].text.len)
			sv->active++;
		else
			sv_submit(sv, ui);
	} else if (count) {
		ui_lineedit_key(&sv->fields[sv->active], key);
	}
	return UI_HANDLED;
}

static enum ui_result sv_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				int arg)
{
	(void)view, (void)ui, (void)action, (void)arg;
	return UI_HANDLED;
}

static void sv_destroy(struct ui_view *view)
{
	struct signin_view *sv = sv_of(view);
	for (int i = 0; i < SIGNIN_FIELDS; i++) {
		sv->fields[i].secret = true; /* wipe whatever was typed, names included */
		ui_lineedit_clear(&sv->fields[i]);
	}
	password_wipe(&sv->state, sizeof sv->state);
	strbuf_clear(&sv->enrol_uri);
	free(sv);
}

static const struct ui_view_ops signin_ops = {
	.name = "Sign-in",
	.keymap = &signin_keymap,
	.draw = sv_draw,
	.action = sv_action,
	.key = sv_key,
	.destroy = sv_destroy,
};

struct ui_view *ui_signin_view_new(struct ui *ui)
{
	struct signin_view *sv = xcalloc(1, sizeof *sv);
	sv->base.ops = &signin_ops;
	for (int i = 0; i < SIGNIN_FIELDS; i++)
		ui_lineedit_init(&sv->fields[i], PASSWORD_MAX_CHARS * 4);
	strbuf_init(&sv->enrol_uri);
	sv_start_over(sv);
	if (store_setting_get(ui->app->store, "demo.sign_in", sv->demo_hint, sizeof sv->demo_hint) !=
	    CL_OK)
		sv->demo_hint[0] = '\0';
	return &sv->base;
}

/* A broken form file is reported once, when the forms are first read; the others work. */
static void home_report_forms(struct ui *ui)
{
	const struct formcatalog *forms = app_forms(ui->app, NULL);
	if (forms->files_broken)
		ui_message(ui, UI_MSG_ERROR,
			   "%zu form file%s could not be loaded and %s left out; the other forms "
			   "work (caseload forms check says why)",
			   forms->files_broken, forms->files_broken == 1 ? "" : "s",
			   forms->files_broken == 1 ? "is" : "are");
}

struct ui_view *ui_home_view_new(struct ui *ui)
{
	struct ui_view *home;
	switch (permit_role_parse(ui->app->me.role)) {
	case ROLE_ADMIN:
		home = ui_accounts_view_new(ui);
		break;
	case ROLE_AUDITOR:
		home = ui_audit_view_new(ui);
		break;
	default:
		home = ui_day_view_new(ui);
		break;
	}
	home_report_forms(ui);
	return home;
}

static enum cl_status pw_submit(void *ctx, struct ui *ui, const char *const *t, char *msg,
				size_t msgsz)
{
	(void)ctx;
	enum cl_status st = app_session_change_password(ui->app, t[0], t[1], t[2], msg, msgsz);
	if (st == CL_OK)
		snprintf(msg, msgsz, "Password changed");
	return st;
}

void ui_open_password_dialog(struct ui *ui)
{
	static const struct ui_dialog_ops ops = {.submit = pw_submit};
	static const struct ui_dialog_field_def defs[] = {
		{"Current password", "The one you signed in with", 1024, true},
		{"New password", "Long is strong: spaces and any characters are fine", 1024, true},
		{"Again", "The new password once more", 1024, true},
	};
	if (!ui->app->me.id)
		return;
	ui_view_push(ui, ui_dialog_new("Change your password", false, defs, 3, NULL, NULL, &ops,
				       NULL));
}
