/* The community resources directory (find as you type, one kind at a time, add and edit,
 * refer the person it was opened for) and a person's referrals (status moves, history). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "caseload/caseload.h"
#include "caseload/directory.h"
#include "dialog.h"
#include "draw.h"
#include "format.h"
#include "lineedit.h"
#include "view.h"

/* ---- a page of text: a resource in full, a referral's history ---- */

struct page_view {
	struct ui_view base;
	char title[300];
	struct strbuf text; /* lines separated by '\n', wrapped when drawn */
	int top;
};

static const struct ui_binding page_bindings[] = {{UI_ESC, ACT_BACK, 0, "Esc"}};
static const struct ui_keymap page_keymap = {"An entry in full. Esc goes back", page_bindings,
					     1};

static void page_draw(struct ui_view *view, struct ui *ui)
{
	struct page_view *pv = (struct page_view *)view;
	erase();
	ui_draw_title(ui, pv->title, "");
	struct strbuf wrapped;
	strbuf_init(&wrapped);
	int n = (int)ui_format_wrap(pv->text.buf ? pv->text.buf : "", COLS - 4, &wrapped);
	if (pv->top > n - 1)
		pv->top = n > 0 ? n - 1 : 0;
	const char *line = wrapped.buf ? wrapped.buf : "";
	for (int i = 0, y = 2; i < n; i++) {
		size_t len = strcspn(line, "\n");
		if (i >= pv->top && y < LINES - 1) {
			char buf[1024];
			snprintf(buf, sizeof buf, "%.*s", (int)len, line);
			ui_draw_text(y++, 2, COLS - 4, buf, TEXT_LEFT, UI_NORMAL);
		}
		line += len + (line[len] == '\n');
	}
	strbuf_clear(&wrapped);
	static const char *const hints[] = {"Esc", "back", "j k", "scroll", NULL};
	ui_draw_status(ui, hints, "");
}

static enum ui_result page_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	struct page_view *pv = (struct page_view *)view;
	(void)ui;
	(void)arg;
	if (action == ACT_UP && pv->top > 0)
		pv->top--;
	else if (action == ACT_DOWN)
		pv->top++;
	else
		return UI_DECLINED;
	return UI_HANDLED;
}

static void page_destroy(struct ui_view *view)
{
	struct page_view *pv = (struct page_view *)view;
	strbuf_clear(&pv->text);
	free(pv);
}

static const struct ui_view_ops page_ops = {
	.name = "Entry",
	.keymap = &page_keymap,
	.draw = page_draw,
	.action = page_action,
	.destroy = page_destroy,
};

static struct page_view *page_new(const char *title)
{
	struct page_view *pv = xcalloc(1, sizeof *pv);
	pv->base.ops = &page_ops;
	str_copy(pv->title, sizeof pv->title, title);
	strbuf_init(&pv->text);
	return pv;
}

static void page_field(struct page_view *pv, const char *label, const char *value)
{
	strbuf_printf(&pv->text, "%-18s %s\n", label, value && *value ? value : "-");
}

/* ---- the directory ---- */

struct resources_view {
	struct ui_view base;
	int64_t person_id; /* 0: the directory alone; else referrals are made for them */
	char person[200];  /* "Last, First (OID)" */
	enum referral_origin origin; /* where referrals made here come from */
	char origin_ref[REFERRAL_ORIGIN_REF_MAX + 1];
	struct resource *rows; /* APP_DIRECTORY_CAP of them */
	size_t count;
	int cursor, top;
	int kind; /* -1: every kind */
	bool prompting;
	struct ui_lineedit edit;
	char filter[128];
	struct ui_dialog_ops edit_ops, refer_ops;
	struct resource editing; /* what the edit dialog saves over (id 0: a new one) */
};

static const struct ui_binding resources_bindings[] = {
	{'\r', ACT_RESOURCE_SHOW, 0, "Enter"},
	{'\n', ACT_RESOURCE_SHOW, 0, NULL},
	{UI_FN(KEY_ENTER), ACT_RESOURCE_SHOW, 0, NULL},
	{'/', ACT_RESOURCE_FILTER, 0, "/"},
	{'k', ACT_RESOURCE_KIND, 0, "k"},
	{'a', ACT_RESOURCE_ADD, 0, "a"},
	{'e', ACT_RESOURCE_EDIT, 0, "e"},
	{'r', ACT_REFER, 0, "r"},
	{UI_ESC, ACT_CLEAR_FILTER, 0, "Esc"},
};
static const struct ui_keymap resources_keymap = {
	"Resources directory: agencies and services people are referred to. / finds as you type "
	"(any case, accents ignored), k shows one kind at a time, Enter shows an entry in full, "
	"a adds and e edits (caseworkers and leads). Opened from a person's referrals, r refers "
	"them to the selected resource",
	resources_bindings, (int)(sizeof resources_bindings / sizeof resources_bindings[0])};

static void resources_load(struct resources_view *rv, struct ui *ui)
{
	size_t n = 0;
	if (app_resource_search(ui->app, rv->filter, rv->kind, rv->person_id == 0, NULL, rv->rows,
				APP_DIRECTORY_CAP, &n) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "The directory cannot be read just now");
	rv->count = n;
	if (rv->cursor >= (int)n)
		rv->cursor = n ? (int)n - 1 : 0;
}

static void resources_draw(struct ui_view *view, struct ui *ui)
{
	struct resources_view *rv = (struct resources_view *)view;
	erase();
	char where[300], detail[200];
	if (rv->person_id && rv->origin_ref[0])
		snprintf(where, sizeof where, "Refer %s for the %s: %s", rv->person,
			 referral_origin_label(rv->origin), rv->origin_ref);
	else if (rv->person_id)
		snprintf(where, sizeof where, "Refer %s", rv->person);
	else
		snprintf(where, sizeof where, "Resources directory");
	snprintf(detail, sizeof detail, "%zu%s shown \u00b7 %s ", rv->count,
		 rv->count == APP_DIRECTORY_CAP ? "+" : "",
		 rv->kind < 0 ? "every kind" : resource_kind_label((enum resource_kind)rv->kind));
	ui_draw_title(ui, where, detail);
	int kind_w = 18, phone_w = 14, area_w = COLS >= 110 ? 30 : 0;
	int name_w = COLS - 2 - kind_w - phone_w - area_w - 3 - (area_w ? 1 : 0);
	ui_draw_text(1, 1, kind_w, "Kind", TEXT_LEFT, UI_HEADER);
	ui_draw_text(1, 2 + kind_w, name_w, "Name", TEXT_LEFT, UI_HEADER);
	ui_draw_text(1, 3 + kind_w + name_w, phone_w, "Phone", TEXT_LEFT, UI_HEADER);
	if (area_w)
		ui_draw_text(1, 4 + kind_w + name_w + phone_w, area_w, "Service area", TEXT_LEFT,
			     UI_HEADER);
	int rows = LINES - 3;
	if (rv->cursor < rv->top)
		rv->top = rv->cursor;
	if (rv->cursor >= rv->top + rows)
		rv->top = rv->cursor - rows + 1;
	for (int i = rv->top; i < (int)rv->count && i - rv->top < rows; i++) {
		const struct resource *r = &rv->rows[i];
		int y = 2 + i - rv->top;
		enum ui_element e = i == rv->cursor ? UI_SELECTED : r->active ? UI_NORMAL : UI_DIM;
		if (i == rv->cursor)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		ui_draw_text(y, 1, kind_w, resource_kind_label(r->kind), TEXT_LEFT, e);
		char name[RESOURCE_NAME_MAX + 16];
		snprintf(name, sizeof name, "%s%s", r->name, r->active ? "" : " (inactive)");
		ui_draw_text(y, 2 + kind_w, name_w, name, TEXT_LEFT, e);
		ui_draw_text(y, 3 + kind_w + name_w, phone_w, r->phone, TEXT_LEFT, e);
		if (area_w)
			ui_draw_text(y, 4 + kind_w + name_w + phone_w, area_w, r->service_area,
				     TEXT_LEFT, e);
	}
	if (!rv->count)
		ui_draw_text(3, 2, COLS - 4,
			     rv->filter[0] || rv->kind >= 0 ? "Nothing matches. Esc clears the filter."
							     : "The directory is empty: a adds a resource.",
			     TEXT_LEFT, UI_DIM);
	if (rv->prompting) {
		const char *label = " Find: ";
		int lw = text_width(label);
		ui_draw_fill(LINES - 1, 0, COLS, UI_STATUS);
		ui_draw_text(LINES - 1, 0, lw, label, TEXT_LEFT, UI_STATUS_KEY);
		ui_lineedit_draw(&rv->edit, LINES - 1, lw, COLS - lw - 24, true);
		ui_draw_text(LINES - 1, COLS - 22, 22, " Enter keep  Esc clear", TEXT_LEFT, UI_STATUS);
		return;
	}
	static const char *const hints[] = {"Enter", "show", "/", "find", "k", "kind", "a", "add",
					    "e", "edit", "?", "help", NULL};
	static const char *const hints_refer[] = {"r", "refer", "Enter", "show", "/", "find", "k",
						  "kind", "a", "add", "Esc", "back", NULL};
	ui_draw_status(ui, rv->person_id ? hints_refer : hints, "");
}

static const struct resource *resources_selected(struct resources_view *rv)
{
	return rv->count ? &rv->rows[rv->cursor] : NULL;
}

static void resources_show(struct resources_view *rv, struct ui *ui)
{
	const struct resource *r = resources_selected(rv);
	if (!r)
		return;
	struct page_view *pv = page_new(r->name);
	page_field(pv, "Kind", resource_kind_label(r->kind));
	page_field(pv, "Phone", r->phone);
	page_field(pv, "Email", r->email);
	page_field(pv, "Address", r->address);
	page_field(pv, "Service area", r->service_area);
	page_field(pv, "Eligibility", r->eligibility);
	page_field(pv, "Capacity", r->capacity);
	page_field(pv, "Active", r->active ? "yes" : "no (takes no referrals)");
	page_field(pv, "Updated", r->updated_at);
	ui_view_push(ui, &pv->base);
}

enum { EDIT_NAME, EDIT_KIND, EDIT_PHONE, EDIT_EMAIL, EDIT_ADDRESS, EDIT_AREA, EDIT_ELIGIBILITY,
       EDIT_CAPACITY, EDIT_ACTIVE, EDIT_COUNT };

static enum cl_status resources_edit_submit(void *ctx, struct ui *ui, const char *const *t,
					    char *msg, size_t msgsz)
{
	struct resources_view *rv = ctx;
	struct resource r = rv->editing;
	int kind = resource_kind_parse(t[EDIT_KIND]);
	if (kind < 0) {
		snprintf(msg, msgsz, "Kind: housing, treatment, mental_health, employment, education, "
				     "benefits, id_documents, transport, food_clothing, family, "
				     "legal or other");
		return CL_ERR_INVALID;
	}
	if (strcasecmp(t[EDIT_ACTIVE], "yes") && strcasecmp(t[EDIT_ACTIVE], "no")) {
		snprintf(msg, msgsz, "Active: yes or no");
		return CL_ERR_INVALID;
	}
	r.kind = (enum resource_kind)kind;
	r.active = !strcasecmp(t[EDIT_ACTIVE], "yes");
	str_copy(r.name, sizeof r.name, t[EDIT_NAME]);
	str_copy(r.phone, sizeof r.phone, t[EDIT_PHONE]);
	str_copy(r.email, sizeof r.email, t[EDIT_EMAIL]);
	str_copy(r.address, sizeof r.address, t[EDIT_ADDRESS]);
	str_copy(r.service_area, sizeof r.service_area, t[EDIT_AREA]);
	str_copy(r.eligibility, sizeof r.eligibility, t[EDIT_ELIGIBILITY]);
	str_copy(r.capacity, sizeof r.capacity, t[EDIT_CAPACITY]);
	enum cl_status st = app_resource_save(ui->app, &r, msg, msgsz);
	if (st == CL_OK)
		ui_message(ui, UI_MSG_INFO, "%s", msg);
	return st;
}

static void resources_edit(struct resources_view *rv, struct ui *ui, bool add)
{
	const struct resource *sel = resources_selected(rv);
	if (!add && !sel)
		return;
	static const struct ui_dialog_field_def defs[EDIT_COUNT] = {
		{"Name", "the agency or service", RESOURCE_NAME_MAX},
		{"Kind", "housing, treatment, mental_health, employment, education, benefits, "
			 "id_documents, transport, food_clothing, family, legal, other", 40},
		{"Phone", NULL, RESOURCE_PHONE_MAX},
		{"Email", NULL, RESOURCE_EMAIL_MAX},
		{"Address", NULL, RESOURCE_ADDRESS_MAX},
		{"Service area", "counties or cities served", RESOURCE_AREA_MAX},
		{"Eligibility", "who they take", RESOURCE_ELIGIBILITY_MAX},
		{"Capacity", "beds, waitlist, intake days", RESOURCE_CAPACITY_MAX},
		{"Active", "yes, or no when it takes no more referrals", 3},
	};
	memset(&rv->editing, 0, sizeof rv->editing);
	if (!add)
		rv->editing = *sel;
	const struct resource *r = &rv->editing;
	const char *texts[EDIT_COUNT] = {r->name,	     add ? "" : resource_kind_code(r->kind),
					 r->phone,	     r->email,
					 r->address,	     r->service_area,
					 r->eligibility,     r->capacity,
					 add || r->active ? "yes" : "no"};
	rv->edit_ops = (struct ui_dialog_ops){.submit = resources_edit_submit};
	ui_view_push(ui, ui_dialog_new(add ? "Add a resource" : "Edit the resource", false, defs,
				       EDIT_COUNT, texts, NULL, &rv->edit_ops, rv));
}

static enum cl_status resources_refer_submit(void *ctx, struct ui *ui, const char *const *t,
					     char *msg, size_t msgsz)
{
	struct resources_view *rv = ctx;
	int64_t id = 0;
	enum cl_status st = app_referral_create(ui->app, rv->person_id, rv->editing.id,
						rv->origin, rv->origin_ref, t[0], &id, msg, msgsz);
	if (st == CL_OK)
		ui_message(ui, UI_MSG_INFO, "%s", msg);
	return st;
}

static void resources_refer(struct resources_view *rv, struct ui *ui)
{
	const struct resource *sel = resources_selected(rv);
	if (!rv->person_id) {
		ui_message(ui, UI_MSG_ERROR, "Open the directory from a person's referrals to refer");
		return;
	}
	if (!sel)
		return;
	rv->editing = *sel;
	static const struct ui_dialog_field_def defs[] = {
		{"Note", "what the person needs from them (kept with the referral)",
		 REFERRAL_NOTE_MAX}};
	char title[RESOURCE_NAME_MAX + 20];
	snprintf(title, sizeof title, "Refer to %s", sel->name);
	rv->refer_ops = (struct ui_dialog_ops){.submit = resources_refer_submit};
	ui_view_push(ui, ui_dialog_new(title, false, defs, 1, NULL, NULL, &rv->refer_ops, rv));
}

static enum ui_result resources_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct resources_view *rv = (struct resources_view *)view;
	if (!rv->prompting)
		return UI_DECLINED;
	if (key == UI_ESC || key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
		rv->prompting = false;
		if (key == UI_ESC) {
			rv->filter[0] = '\0';
			resources_load(rv, ui);
		}
		return UI_HANDLED;
	}
	if (key == UI_FN(KEY_UP) || key == UI_FN(KEY_DOWN)) {
		rv->cursor += key == UI_FN(KEY_UP) ? (rv->cursor > 0 ? -1 : 0)
						   : (rv->cursor + 1 < (int)rv->count ? 1 : 0);
		return UI_HANDLED;
	}
	if (ui_lineedit_key(&rv->edit, key) && strcmp(rv->edit.text.buf, rv->filter) != 0) {
		str_copy(rv->filter, sizeof rv->filter, rv->edit.text.buf);
		rv->cursor = 0;
		resources_load(rv, ui);
	}
	return UI_HANDLED;
}

static enum ui_result resources_action(struct ui_view *view, struct ui *ui,
				       enum ui_action action, int arg)
{
	struct resources_view *rv = (struct resources_view *)view;
	(void)arg;
	switch (action) {
	case ACT_UP:
		rv->cursor -= rv->cursor > 0;
		return UI_HANDLED;
	case ACT_DOWN:
		rv->cursor += rv->cursor + 1 < (int)rv->count;
		return UI_HANDLED;
	case ACT_RESOURCE_SHOW:
		resources_show(rv, ui);
		return UI_HANDLED;
	case ACT_RESOURCE_FILTER:
		rv->prompting = true;
		ui_lineedit_set(&rv->edit, rv->filter);
		return UI_HANDLED;
	case ACT_CLEAR_FILTER:
		if (!rv->filter[0] && rv->kind < 0) {
			ui_view_pop(ui); /* nothing to clear: Esc goes back (rv is gone) */
			return UI_HANDLED;
		}
		rv->filter[0] = '\0';
		rv->kind = -1;
		resources_load(rv, ui);
		return UI_HANDLED;
	case ACT_RESOURCE_KIND:
		rv->kind = rv->kind + 1 < RES_KIND_COUNT ? rv->kind + 1 : -1;
		rv->cursor = 0;
		resources_load(rv, ui);
		ui_message(ui, UI_MSG_INFO, "Showing %s",
			   rv->kind < 0 ? "every kind" : resource_kind_label((enum resource_kind)rv->kind));
		return UI_HANDLED;
	case ACT_RESOURCE_ADD:
	case ACT_RESOURCE_EDIT:
		resources_edit(rv, ui, action == ACT_RESOURCE_ADD);
		return UI_HANDLED;
	case ACT_REFER:
		resources_refer(rv, ui);
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void resources_resume(struct ui_view *view, struct ui *ui)
{
	resources_load((struct resources_view *)view, ui);
}

static void resources_destroy(struct ui_view *view)
{
	struct resources_view *rv = (struct resources_view *)view;
	ui_lineedit_clear(&rv->edit);
	free(rv->rows);
	free(rv);
}

static const struct ui_view_ops resources_ops = {
	.name = "Resources directory",
	.keymap = &resources_keymap,
	.draw = resources_draw,
	.action = resources_action,
	.key = resources_key,
	.resume = resources_resume,
	.destroy = resources_destroy,
};

/* "Last, First (OID)" of the person, or "" */
static void resources_person(struct ui *ui, int64_t person_id, char *buf, size_t size)
{
	struct caseload_row row;
	buf[0] = '\0';
	if (person_id && app_caseload_row(ui->app, person_id, &row) == CL_OK)
		snprintf(buf, size, "%s (%s)", row.name, row.oid);
}

struct ui_view *ui_resources_view_new(struct ui *ui, int64_t person_id)
{
	return ui_resources_refer_new(ui, person_id, REFERRAL_FROM_RECORD, "");
}

struct ui_view *ui_resources_refer_new(struct ui *ui, int64_t person_id,
				       enum referral_origin origin, const char *origin_ref)
{
	struct resources_view *rv = xcalloc(1, sizeof *rv);
	rv->base.ops = &resources_ops;
	rv->person_id = person_id;
	rv->origin = origin;
	str_copy(rv->origin_ref, sizeof rv->origin_ref, origin_ref);
	rv->kind = -1;
	resources_person(ui, person_id, rv->person, sizeof rv->person);
	rv->rows = xcalloc(APP_DIRECTORY_CAP, sizeof *rv->rows);
	ui_lineedit_init(&rv->edit, sizeof rv->filter - 1);
	resources_load(rv, ui);
	return &rv->base;
}

/* ---- a person's referrals ---- */

#define REFERRALS_CAP 200

struct referrals_view {
	struct ui_view base;
	int64_t person_id;
	char person[200];
	struct referral rows[REFERRALS_CAP];
	size_t count;
	int cursor, top;
};

static const struct ui_binding referrals_bindings[] = {
	{'\r', ACT_RESOURCE_SHOW, 0, "Enter"},
	{'\n', ACT_RESOURCE_SHOW, 0, NULL},
	{UI_FN(KEY_ENTER), ACT_RESOURCE_SHOW, 0, NULL},
	{'s', ACT_REFERRAL_STATUS, 0, "s"},
	{'a', ACT_REFERRAL_NEW, 0, "a"},
};
static const struct ui_keymap referrals_keymap = {
	"Referrals: where this person was referred and how it went, newest first. s moves the "
	"selected referral on (sent -> accepted, declined or withdrawn; accepted -> completed, "
	"declined or withdrawn), Enter shows its history, a refers from the resources directory",
	referrals_bindings, (int)(sizeof referrals_bindings / sizeof referrals_bindings[0])};

static void referrals_load(struct referrals_view *fv, struct ui *ui)
{
	size_t n = 0;
	if (app_referral_list(ui->app, fv->person_id, fv->rows, REFERRALS_CAP, &n) != CL_OK)
		ui_message(ui, UI_MSG_ERROR, "This person's referrals cannot be read");
	fv->count = n;
	if (fv->cursor >= (int)n)
		fv->cursor = n ? (int)n - 1 : 0;
}

static enum ui_element referrals_element(enum referral_status s)
{
	switch (s) {
	case REFERRAL_ACCEPTED:
	case REFERRAL_COMPLETED:
		return UI_GOOD;
	case REFERRAL_DECLINED:
		return UI_URGENT;
	case REFERRAL_WITHDRAWN:
		return UI_DIM;
	default:
		return UI_NORMAL;
	}
}

static void referrals_draw(struct ui_view *view, struct ui *ui)
{
	struct referrals_view *fv = (struct referrals_view *)view;
	erase();
	char where[300], detail[64];
	snprintf(where, sizeof where, "Referrals: %s", fv->person);
	snprintf(detail, sizeof detail, "%zu referral%s ", fv->count, fv->count == 1 ? "" : "s");
	ui_draw_title(ui, where, detail);
	int name_w = COLS - 2 - 11 - 11 - 18 - 14 - 4;
	ui_draw_text(1, 1, 10, "Sent", TEXT_LEFT, UI_HEADER);
	ui_draw_text(1, 12, 10, "Status", TEXT_LEFT, UI_HEADER);
	ui_draw_text(1, 23, name_w, "Resource", TEXT_LEFT, UI_HEADER);
	ui_draw_text(1, 24 + name_w, 18, "Kind", TEXT_LEFT, UI_HEADER);
	ui_draw_text(1, 43 + name_w, 14, "From", TEXT_LEFT, UI_HEADER);
	int rows = LINES - 3;
	if (fv->cursor < fv->top)
		fv->top = fv->cursor;
	if (fv->cursor >= fv->top + rows)
		fv->top = fv->cursor - rows + 1;
	for (int i = fv->top; i < (int)fv->count && i - fv->top < rows; i++) {
		const struct referral *f = &fv->rows[i];
		int y = 2 + i - fv->top;
		bool sel = i == fv->cursor;
		if (sel)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		char day[11];
		snprintf(day, sizeof day, "%.10s", f->created_at);
		ui_draw_text(y, 1, 10, day, TEXT_LEFT, sel ? UI_SELECTED : UI_NORMAL);
		ui_draw_text(y, 12, 10, referral_status_code(f->status), TEXT_LEFT,
			     sel ? UI_SELECTED : referrals_element(f->status));
		ui_draw_text(y, 23, name_w, f->resource_name, TEXT_LEFT, sel ? UI_SELECTED : UI_NORMAL);
		ui_draw_text(y, 24 + name_w, 18, resource_kind_label(f->resource_kind), TEXT_LEFT,
			     sel ? UI_SELECTED : UI_NORMAL);
		ui_draw_text(y, 43 + name_w, 14, referral_origin_label(f->origin), TEXT_LEFT,
			     sel ? UI_SELECTED : UI_NORMAL);
	}
	if (!fv->count)
		ui_draw_text(3, 2, COLS - 4, "No referrals yet: a opens the directory to refer.",
			     TEXT_LEFT, UI_DIM);
	static const char *const hints[] = {"s", "status", "Enter", "history", "a", "refer",
					    "Esc", "back", "?", "help", NULL};
	ui_draw_status(ui, hints, "");
}

/* The allowed next states, "accepted, declined or withdrawn". */
static size_t referrals_next_text(enum referral_status from, char *buf, size_t size)
{
	enum referral_status next[REFERRAL_STATUS_COUNT];
	size_t n = app_referral_next(from, next), used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i == 0 ? "" : i + 1 == n ? " or " : ", ",
					 referral_status_code(next[i]));
	return n;
}

/* The referral being moved. One dialog is open at a time on the single screen stack, so
 * one of these serves every screen that moves referrals (the dialog outlives no caller). */
static struct {
	struct ui_dialog_ops ops;
	struct referral moving;
	char allowed[120];
} referral_mover;

static enum cl_status referral_move_submit(void *ctx, struct ui *ui, const char *const *t,
					   char *msg, size_t msgsz)
{
	(void)ctx;
	const struct referral *f = &referral_mover.moving;
	/* a unique beginning of an allowed state will do: "acc", "w" */
	enum referral_status next[REFERRAL_STATUS_COUNT];
	size_t n = app_referral_next(f->status, next), len = strlen(t[0]);
	int to = referral_status_parse(t[0]);
	for (size_t i = 0; to < 0 && len && i < n; i++)
		if (!strncasecmp(t[0], referral_status_code(next[i]), len))
			to = (int)next[i];
	if (to < 0) {
		snprintf(msg, msgsz, "Status: %s", referral_mover.allowed);
		return CL_ERR_INVALID;
	}
	enum cl_status st = app_referral_move(ui->app, f->id, (enum referral_status)to, t[1], msg,
					      msgsz);
	if (st == CL_OK)
		ui_message(ui, UI_MSG_INFO, "%s", msg);
	return st;
}

void ui_referral_move(struct ui *ui, const struct referral *r)
{
	referral_mover.moving = *r;
	if (!referrals_next_text(r->status, referral_mover.allowed,
				 sizeof referral_mover.allowed)) {
		ui_message(ui, UI_MSG_ERROR, "This referral is %s: it does not change; refer again",
			   referral_status_code(r->status));
		return;
	}
	const struct ui_dialog_field_def defs[] = {
		{"New status", referral_mover.allowed, 20},
		{"Note", "what happened (kept with the referral)", REFERRAL_NOTE_MAX}};
	referral_mover.ops = (struct ui_dialog_ops){.submit = referral_move_submit};
	char title[RESOURCE_NAME_MAX + 40];
	snprintf(title, sizeof title, "Referral to %s", r->resource_name);
	ui_view_push(ui, ui_dialog_new(title, false, defs, 2, NULL, NULL, &referral_mover.ops,
				       NULL));
}

static void referrals_history(struct referrals_view *fv, struct ui *ui)
{
	if (!fv->count)
		return;
	struct referral f;
	struct referral_event events[64];
	size_t n = 0;
	if (app_referral_history(ui->app, fv->rows[fv->cursor].id, &f, events, 64, &n) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "This referral's history cannot be read");
		return;
	}
	char title[RESOURCE_NAME_MAX + 40];
	snprintf(title, sizeof title, "Referral to %s", f.resource_name);
	struct page_view *pv = page_new(title);
	page_field(pv, "From", referral_origin_label(f.origin));
	if (f.origin_ref[0])
		page_field(pv, "For", f.origin_ref);
	page_field(pv, "Status", referral_status_code(f.status));
	strbuf_puts(&pv->text, "\nHistory\n");
	for (size_t i = 0; i < n; i++) {
		const struct referral_event *e = &events[i];
		strbuf_printf(&pv->text, "%.10s %.5s  %-10s by %s%s%s\n", e->at, e->at + 11,
			      referral_status_code(e->status), e->by_name, e->note[0] ? ": " : "",
			      e->note);
	}
	ui_view_push(ui, &pv->base);
}

static enum ui_result referrals_action(struct ui_view *view, struct ui *ui,
				       enum ui_action action, int arg)
{
	struct referrals_view *fv = (struct referrals_view *)view;
	(void)arg;
	switch (action) {
	case ACT_UP:
		fv->cursor -= fv->cursor > 0;
		return UI_HANDLED;
	case ACT_DOWN:
		fv->cursor += fv->cursor + 1 < (int)fv->count;
		return UI_HANDLED;
	case ACT_RESOURCE_SHOW:
		referrals_history(fv, ui);
		return UI_HANDLED;
	case ACT_REFERRAL_STATUS:
		if (fv->count)
			ui_referral_move(ui, &fv->rows[fv->cursor]);
		return UI_HANDLED;
	case ACT_REFERRAL_NEW:
		ui_view_push(ui, ui_resources_view_new(ui, fv->person_id));
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void referrals_resume(struct ui_view *view, struct ui *ui)
{
	referrals_load((struct referrals_view *)view, ui);
}

static void referrals_destroy(struct ui_view *view)
{
	free(view);
}

static const struct ui_view_ops referrals_ops = {
	.name = "Referrals",
	.keymap = &referrals_keymap,
	.draw = referrals_draw,
	.action = referrals_action,
	.resume = referrals_resume,
	.destroy = referrals_destroy,
};

struct ui_view *ui_referrals_view_new(struct ui *ui, int64_t person_id)
{
	struct referrals_view *fv = xcalloc(1, sizeof *fv);
	fv->base.ops = &referrals_ops;
	fv->person_id = person_id;
	resources_person(ui, person_id, fv->person, sizeof fv->person);
	referrals_load(fv, ui);
	return &fv->base;
}
