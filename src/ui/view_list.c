/* The caseload list: a window of rows over the database. Only the rows on screen are in
 * memory; moving past an edge fetches the next rows by keyset from the edge row. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/caseload.h"
#include "caseload/keydates.h"
#include "draw.h"
#include "format.h"
#include "layout.h"
#include "lineedit.h"
#include "view.h"

enum list_prompt { PROMPT_NONE, PROMPT_FILTER, PROMPT_OID };

struct list_view {
	struct ui_view base;
	struct caseload_view query;
	struct caseload_row *rows; /* the rows on screen; room for `capacity` */
	int capacity;
	int count;
	int cursor;    /* index into rows */
	int height;    /* rows the screen shows; 0 until the first draw */
	size_t first;  /* position of rows[0] in the whole list */
	size_t total;  /* rows the query matches, or at least that many when capped */
	bool capped;
	enum list_prompt prompt;
	struct ui_lineedit edit;
	char filter_before[CASELOAD_FILTER_MAX + 1]; /* to restore when a prompt is abandoned */
};

static const struct ui_binding list_bindings[] = {
	{'\r', ACT_OPEN, 0, "Enter l Right"},
	{'\n', ACT_OPEN, 0, NULL},
	{'l', ACT_OPEN, 0, NULL},
	{UI_FN(KEY_RIGHT), ACT_OPEN, 0, NULL},
	{UI_FN(KEY_ENTER), ACT_OPEN, 0, NULL},
	{'/', ACT_FILTER, 0, "/"},
	{'f', ACT_SCOPE, 0, "f"},
	{'s', ACT_SORT_NEXT, 0, "s >"},
	{'>', ACT_SORT_NEXT, 0, NULL},
	{'<', ACT_SORT_PREV, 0, "<"},
	{'r', ACT_SORT_REVERSE, 0, "r"},
	{'1', ACT_SORT_COLUMN, 1, "1-9"},
	{'2', ACT_SORT_COLUMN, 2, NULL},
	{'3', ACT_SORT_COLUMN, 3, NULL},
	{'4', ACT_SORT_COLUMN, 4, NULL},
	{'5', ACT_SORT_COLUMN, 5, NULL},
	{'6', ACT_SORT_COLUMN, 6, NULL},
	{'7', ACT_SORT_COLUMN, 7, NULL},
	{'8', ACT_SORT_COLUMN, 8, NULL},
	{'9', ACT_SORT_COLUMN, 9, NULL},
	{'o', ACT_JUMP_OID, 0, "o #"},
	{'#', ACT_JUMP_OID, 0, NULL},
	{UI_ESC, ACT_CLEAR_FILTER, 0, "Esc"},
	{'N', ACT_NOTE_SEARCH, 0, "N"},
	{'C', ACT_COSIGN_QUEUE, 0, "C"},
	{'R', ACT_REVIEW_QUEUE, 0, "R"},
	{'D', ACT_RESOURCE_SHOW, 0, "D"},
	{'W', ACT_MY_WORK, 0, "W"},
	{'T', ACT_TEAM_VIEW, 0, "T"},
};

static const struct ui_keymap list_keymap = {
	"Caseload list", list_bindings, (int)(sizeof list_bindings / sizeof list_bindings[0])};

static struct list_view *list_of(struct ui_view *view)
{
	return (struct list_view *)view;
}

static int list_body_height(void)
{
	int h = LINES - 3; /* title, column headers, status line */
	return h < 1 ? 1 : h;
}

static void list_error(struct ui *ui, enum cl_status st)
{
	ui_message(ui, UI_MSG_ERROR, "Cannot read the caseload: %s (%s)", cl_status_text(st),
		   store_last_error(ui->app->store));
}

static void list_count(struct list_view *lv, struct ui *ui)
{
	enum cl_status st = app_caseload_count(ui->app, &lv->query, &lv->total, &lv->capped);
	if (st != CL_OK)
		list_error(ui, st);
}

static void list_ensure_capacity(struct list_view *lv, int height)
{
	if (height <= lv->capacity)
		return;
	lv->rows = xrealloc(lv->rows, (size_t)height * sizeof *lv->rows);
	lv->capacity = height;
}

/* The first (or last) screenful of the list. */
static void list_load_edge(struct list_view *lv, struct ui *ui, bool at_end)
{
	size_t got = 0;
	enum cl_status st = app_caseload_page(ui->app, &lv->query, NULL, at_end, lv->rows,
					      (size_t)lv->height, &got);
	if (st != CL_OK)
		list_error(ui, st);
	lv->count = (int)got;
	lv->cursor = at_end && got ? (int)got - 1 : 0;
	lv->first = at_end && lv->total >= got ? lv->total - got : 0;
	if (at_end && lv->capped) /* the true end lies past the count: find where */
		app_caseload_position(ui->app, &lv->query, &lv->rows[0], &lv->first);
}

/* Fetches up to n rows past the bottom edge (or the top, with up) and scrolls by what came.
 * Returns how many came; *shift says how far the rows already shown moved (up: down by it;
 * down: up by it). */
static int list_scroll_by(struct list_view *lv, struct ui *ui, int n, bool up, int *shift)
{
	*shift = 0;
	if (lv->count == 0 || n <= 0)
		return 0;
	struct caseload_row *fresh = xcalloc((size_t)n, sizeof *fresh);
	size_t got = 0;
	const struct caseload_row *edge = up ? &lv->rows[0] : &lv->rows[lv->count - 1];
	enum cl_status st = app_caseload_page(ui->app, &lv->query, edge, up, fresh, (size_t)n, &got);
	if (st != CL_OK)
		list_error(ui, st);
	int g = (int)got;
	if (g > 0) {
		int keep = lv->count + g > lv->height ? lv->height - g : lv->count;
		if (keep < 0)
			keep = 0;
		if (up) {
			memmove(lv->rows + g, lv->rows, (size_t)keep * sizeof *lv->rows);
			memcpy(lv->rows, fresh, (size_t)g * sizeof *lv->rows);
			lv->first = lv->first >= got ? lv->first - got : 0;
			*shift = g;
		} else {
			int drop = lv->count - keep;
			memmove(lv->rows, lv->rows + drop, (size_t)keep * sizeof *lv->rows);
			memcpy(lv->rows + keep, fresh, (size_t)g * sizeof *lv->rows);
			lv->first += (size_t)drop;
			*shift = drop;
		}
		lv->count = keep + g;
	}
	free(fresh);
	return g;
}

static int list_scroll(struct list_view *lv, struct ui *ui, int n, bool up)
{
	int shift;
	return list_scroll_by(lv, ui, n, up, &shift);
}

/* Shows the list around `anchor` (kept at screen row `offset` when possible). */
static void list_show_around(struct list_view *lv, struct ui *ui, const struct caseload_row *anchor,
			     int offset)
{
	size_t before = 0, after = 0;
	if (offset > lv->height - 1)
		offset = lv->height - 1;
	struct caseload_row *buf = xcalloc((size_t)lv->height * 2 + 1, sizeof *buf);
	enum cl_status st =
		app_caseload_page(ui->app, &lv->query, anchor, true, buf, (size_t)offset, &before);
	if (st == CL_OK) {
		buf[before] = *anchor;
		st = app_caseload_page(ui->app, &lv->query, anchor, false, buf + before + 1,
				       (size_t)(lv->height - (int)before - 1), &after);
	}
	if (st != CL_OK) {
		list_error(ui, st);
		free(buf);
		list_load_edge(lv, ui, false);
		return;
	}
	lv->count = (int)(before + 1 + after);
	lv->cursor = (int)before;
	memcpy(lv->rows, buf, (size_t)lv->count * sizeof *buf);
	free(buf);
	if (lv->count < lv->height) /* near the end: fill the screen from above */
		lv->cursor += list_scroll(lv, ui, lv->height - lv->count, true);
	if (app_caseload_position(ui->app, &lv->query, &lv->rows[0], &lv->first) != CL_OK)
		lv->first = 0;
}

/* Reloads after anything may have changed, keeping the selected person in place if they
 * still belong to the list, else starting from the top. */
static void list_reload(struct list_view *lv, struct ui *ui)
{
	list_count(lv, ui);
	if (lv->count == 0) {
		list_load_edge(lv, ui, false);
		return;
	}
	struct caseload_row selected = lv->rows[lv->cursor];
	int offset = lv->cursor;
	if (app_caseload_row(ui->app, selected.id, &selected) != CL_OK) {
		list_load_edge(lv, ui, false);
		return;
	}
	list_show_around(lv, ui, &selected, offset);
	if (lv->count == 0 || lv->rows[lv->cursor].id != selected.id)
		list_load_edge(lv, ui, false);
}

static void list_requery(struct list_view *lv, struct ui *ui)
{
	list_count(lv, ui);
	list_load_edge(lv, ui, false);
}

static void list_move(struct list_view *lv, struct ui *ui, int delta)
{
	int target = lv->cursor + delta, shift;
	if (target < 0) {
		list_scroll_by(lv, ui, -target, true, &shift);
		target += shift;
	} else if (target >= lv->count) {
		list_scroll_by(lv, ui, target - lv->count + 1, false, &shift);
		target -= shift;
	}
	if (target >= lv->count)
		target = lv->count - 1;
	lv->cursor = target < 0 ? 0 : target;
}

static void list_page(struct list_view *lv, struct ui *ui, bool up)
{
	int got = list_scroll(lv, ui, lv->height, up);
	if (got < lv->height)
		lv->cursor = up ? 0 : lv->count - 1;
	if (lv->cursor < 0)
		lv->cursor = 0;
}

/* ---- drawing ---- */

static void list_cell(const struct caseload_row *row, enum ui_column col, date_t today,
		      int width, char *buf, size_t size, enum ui_element *element)
{
	char date[DATE_TEXT_SIZE];
	*element = UI_NORMAL;
	switch (col) {
	case COL_NAME:
		str_copy(buf, size, row->name);
		break;
	case COL_OID:
		str_copy(buf, size, row->oid);
		break;
	case COL_HOUSING:
		snprintf(buf, size, "%s %s", row->unit, row->cell);
		break;
	case COL_CUSTODY:
		str_copy(buf, size,
			 width >= 9 ? model_custody_label(row->custody) : ui_custody_short(row->custody));
		break;
	case COL_RISK:
		str_copy(buf, size, width >= 9 ? model_risk_label(row->risk) : ui_risk_short(row->risk));
		if (row->risk == RISK_NONE)
			str_copy(buf, size, "-");
		*element = ui_risk_element(row->risk);
		break;
	case COL_SRD:
		str_copy(buf, size, row->srd == DATE_NONE ? "life" : date_format(row->srd, date));
		break;
	case COL_DAYS:
		if (row->srd == DATE_NONE) {
			str_copy(buf, size, "-");
		} else {
			int days = keydates_days_until(row->srd, today);
			snprintf(buf, size, "%d", days);
			*element = ui_days_element(days);
		}
		break;
	case COL_DUE:
		if (row->next_due == DATE_NONE || row->next_due_kind == DUE_NONE) {
			str_copy(buf, size, "");
		} else {
			int days = keydates_days_until(row->next_due, today);
			if (width >= 19)
				snprintf(buf, size, "%s %s", model_due_short(row->next_due_kind),
					 date_format(row->next_due, date));
			else
				snprintf(buf, size, "%s %dd", model_due_short(row->next_due_kind), days);
			*element = days <= 14 ? UI_URGENT : days <= 30 ? UI_SOON : UI_NORMAL;
		}
		break;
	case COL_ALERTS:
		ui_alert_markers(row->alert_flags, buf, size);
		*element = row->alert_flags ? UI_URGENT : UI_NORMAL;
		break;
	case COL_COUNT:
		buf[0] = '\0';
		break;
	}
}

static void list_draw_header(struct list_view *lv, const struct ui_list_layout *layout)
{
	ui_draw_fill(1, 0, COLS, UI_HEADER);
	bool marked = false;
	for (int i = 0; i < layout->count; i++) {
		const struct ui_column_slot *s = &layout->slots[i];
		char head[64];
		bool sorted = ui_column_sort(s->column) == lv->query.sort && !marked;
		snprintf(head, sizeof head, "%s%s", ui_column_header(s->column),
			 sorted ? (lv->query.descending ? "\u25bc" : "\u25b2") : "");
		marked |= sorted;
		ui_draw_text(1, s->x, s->width, head,
			     ui_column_right_aligned(s->column) ? TEXT_RIGHT : TEXT_LEFT, UI_HEADER);
	}
}

static void list_draw_rows(struct list_view *lv, struct ui *ui, const struct ui_list_layout *layout)
{
	date_t today = app_today(ui->app);
	for (int r = 0; r < lv->count; r++) {
		int y = 2 + r;
		bool selected = r == lv->cursor;
		if (selected)
			ui_draw_fill(y, 0, COLS, UI_SELECTED);
		for (int i = 0; i < layout->count; i++) {
			const struct ui_column_slot *s = &layout->slots[i];
			char cell[600];
			enum ui_element e;
			list_cell(&lv->rows[r], s->column, today, s->width, cell, sizeof cell, &e);
			ui_draw_text(y, s->x, s->width, cell,
				     ui_column_right_aligned(s->column) ? TEXT_RIGHT : TEXT_LEFT,
				     selected ? UI_SELECTED : e);
		}
	}
	if (lv->count == 0) {
		const char *why = lv->query.filter[0] ? "Nobody matches the filter. Esc clears it."
			: lv->query.whole_facility ? "Nobody is in the database yet."
						   : "Nobody is assigned to you. Press f for the facility.";
		ui_draw_text(3, 2, COLS - 4, why, TEXT_LEFT, UI_DIM);
	}
}

static void list_draw_prompt(struct list_view *lv)
{
	const char *label = lv->prompt == PROMPT_FILTER ? " Filter: " : " Open OID: ";
	int lw = text_width(label);
	ui_draw_fill(LINES - 1, 0, COLS, UI_STATUS);
	ui_draw_text(LINES - 1, 0, lw, label, TEXT_LEFT, UI_STATUS_KEY);
	const char *help = lv->prompt == PROMPT_FILTER ? " Enter keep  Esc clear" : " Enter open  Esc cancel";
	int hw = text_width(help);
	ui_draw_text(LINES - 1, COLS - hw, hw, help, TEXT_LEFT, UI_STATUS);
	ui_lineedit_draw(&lv->edit, LINES - 1, lw, COLS - lw - hw - 1, true);
}

static void list_draw(struct ui_view *view, struct ui *ui)
{
	struct list_view *lv = list_of(view);
	int height = list_body_height();
	if (height != lv->height) {
		/* resized: keep the selected person where the screen allows */
		list_ensure_capacity(lv, height);
		lv->height = height;
		if (lv->count == 0) {
			list_requery(lv, ui);
		} else {
			struct caseload_row keep = lv->rows[lv->cursor];
			list_show_around(lv, ui, &keep, lv->cursor < height ? lv->cursor : height - 1);
		}
	}
	char who[300], total[32], detail[400];
	if (lv->query.whole_facility)
		snprintf(who, sizeof who, "Whole facility");
	else
		snprintf(who, sizeof who, "My caseload: %s", ui->app->me.display_name);
	ui_format_count(lv->total, total, sizeof total);
	snprintf(detail, sizeof detail, "%s%s %s \u00b7 by %s ", total,
		 lv->capped ? "+" : "", lv->total == 1 ? "person" : "people",
		 store_sort_label(lv->query.sort));
	ui_draw_title(ui, who, detail);
	struct ui_list_layout layout;
	ui_layout_list(COLS, &layout);
	list_draw_header(lv, &layout);
	list_draw_rows(lv, ui, &layout);
	if (lv->prompt != PROMPT_NONE) {
		list_draw_prompt(lv);
		return;
	}
	char pos[96] = "", a[32], b[32];
	if (lv->count) {
		ui_format_count(lv->first + (size_t)lv->cursor + 1, a, sizeof a);
		ui_format_count(lv->total, b, sizeof b);
		snprintf(pos, sizeof pos, "%s%s/%s%s ", lv->query.filter[0] ? "filtered " : "", a, b,
			 lv->capped ? "+" : "");
	}
	static const char *const hints_mine[] = {"Enter", "open", "/", "filter", "f", "facility",
						  "s", "sort", "o", "OID", "N", "notes", "?", "help",
						  "q", "quit", NULL};
	static const char *const hints_all[] = {"Enter", "open", "/", "filter", "f", "mine",
						"s", "sort", "o", "OID", "N", "notes", "?", "help",
						"q", "quit", NULL};
	ui_draw_status(ui, lv->query.whole_facility ? hints_all : hints_mine, pos);
}

/* ---- keys ---- */

static void list_prompt_open(struct list_view *lv, enum list_prompt prompt)
{
	lv->prompt = prompt;
	memcpy(lv->filter_before, lv->query.filter, sizeof lv->filter_before);
	ui_lineedit_set(&lv->edit, prompt == PROMPT_FILTER ? lv->query.filter : "");
}

static void list_open_oid(struct list_view *lv, struct ui *ui)
{
	int64_t id;
	char oid[64];
	str_copy(oid, sizeof oid, lv->edit.text.buf);
	enum cl_status st = app_caseload_find_oid(ui->app, oid, &id);
	if (st == CL_OK) {
		struct ui_view *person = ui_person_view_new(ui, id);
		if (person)
			ui_view_push(ui, person);
	} else if (st == CL_ERR_NOTFOUND || st == CL_ERR_INVALID) {
		ui_message(ui, UI_MSG_ERROR, "No person with OID %s", oid);
	} else {
		list_error(ui, st);
	}
}

static enum ui_result list_prompt_key(struct list_view *lv, struct ui *ui, ui_key key)
{
	bool filter = lv->prompt == PROMPT_FILTER;
	if (key == UI_ESC) {
		lv->prompt = PROMPT_NONE;
		if (filter) {
			lv->query.filter[0] = '\0';
			list_requery(lv, ui);
		}
		return UI_HANDLED;
	}
	if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
		lv->prompt = PROMPT_NONE;
		if (!filter)
			list_open_oid(lv, ui);
		return UI_HANDLED;
	}
	if (filter && (key == UI_FN(KEY_UP) || key == UI_FN(KEY_DOWN))) {
		list_move(lv, ui, key == UI_FN(KEY_UP) ? -1 : 1);
		return UI_HANDLED;
	}
	if (!ui_lineedit_key(&lv->edit, key))
		return UI_HANDLED; /* a prompt swallows what it does not use */
	if (filter && strcmp(lv->edit.text.buf, lv->query.filter) != 0) {
		str_copy(lv->query.filter, sizeof lv->query.filter, lv->edit.text.buf);
		list_requery(lv, ui);
	}
	return UI_HANDLED;
}

static enum ui_result list_key(struct ui_view *view, struct ui *ui, ui_key key)
{
	struct list_view *lv = list_of(view);
	if (lv->prompt != PROMPT_NONE)
		return list_prompt_key(lv, ui, key);
	return UI_DECLINED;
}

static void list_sort(struct list_view *lv, struct ui *ui, enum caseload_sort sort, bool reverse)
{
	if (reverse)
		lv->query.descending = !lv->query.descending;
	else
		app_caseload_view_sort(&lv->query, sort);
	list_reload(lv, ui);
	ui_message(ui, UI_MSG_INFO, "Sorted by %s, %s", store_sort_label(lv->query.sort),
		   lv->query.descending ? "descending" : "ascending");
}

static enum ui_result list_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	struct list_view *lv = list_of(view);
	switch (action) {
	case ACT_UP:
		list_move(lv, ui, -1);
		return UI_HANDLED;
	case ACT_DOWN:
		list_move(lv, ui, 1);
		return UI_HANDLED;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		list_page(lv, ui, action == ACT_PAGE_UP);
		return UI_HANDLED;
	case ACT_HOME:
	case ACT_END:
		list_count(lv, ui);
		list_load_edge(lv, ui, action == ACT_END);
		return UI_HANDLED;
	case ACT_OPEN:
		if (lv->count) {
			struct ui_view *person = ui_person_view_new(ui, lv->rows[lv->cursor].id);
			if (person)
				ui_view_push(ui, person);
		}
		return UI_HANDLED;
	case ACT_FILTER:
		list_prompt_open(lv, PROMPT_FILTER);
		return UI_HANDLED;
	case ACT_JUMP_OID:
		list_prompt_open(lv, PROMPT_OID);
		return UI_HANDLED;
	case ACT_CLEAR_FILTER:
		if (!lv->query.filter[0])
			return UI_DECLINED; /* Esc with no filter: back, which quits at the root */
		lv->query.filter[0] = '\0';
		list_reload(lv, ui);
		return UI_HANDLED;
	case ACT_SCOPE:
		if (!ui->app->me.id) {
			ui_message(ui, UI_MSG_ERROR, "Login '%s' has no caseload here", ui->app->login);
			return UI_HANDLED;
		}
		lv->query.whole_facility = !lv->query.whole_facility;
		list_reload(lv, ui);
		return UI_HANDLED;
	case ACT_NOTE_SEARCH:
	case ACT_COSIGN_QUEUE:
	case ACT_REVIEW_QUEUE:
	case ACT_MY_WORK:
	case ACT_TEAM_VIEW: {
		struct ui_view *next = action == ACT_NOTE_SEARCH     ? ui_search_view_new(ui, 0)
				       : action == ACT_COSIGN_QUEUE ? ui_cosign_view_new(ui)
				       : action == ACT_REVIEW_QUEUE ? ui_review_queue_new(ui)
				       : action == ACT_MY_WORK	    ? ui_my_work_new(ui)
								    : ui_team_view_new(ui);
		ui_view_push(ui, next);
		return UI_HANDLED;
	}
	case ACT_RESOURCE_SHOW:
		ui_view_push(ui, ui_resources_view_new(ui, 0));
		return UI_HANDLED;
	case ACT_SORT_NEXT:
		list_sort(lv, ui, (enum caseload_sort)((lv->query.sort + 1) % SORT_COUNT), false);
		return UI_HANDLED;
	case ACT_SORT_PREV:
		list_sort(lv, ui, (enum caseload_sort)((lv->query.sort + SORT_COUNT - 1) % SORT_COUNT),
			  false);
		return UI_HANDLED;
	case ACT_SORT_REVERSE:
		list_sort(lv, ui, lv->query.sort, true);
		return UI_HANDLED;
	case ACT_SORT_COLUMN: {
		struct ui_list_layout layout;
		ui_layout_list(COLS, &layout);
		if (arg < 1 || arg > layout.count) {
			ui_message(ui, UI_MSG_ERROR, "Only %d columns are shown", layout.count);
			return UI_HANDLED;
		}
		list_sort(lv, ui, ui_column_sort(layout.slots[arg - 1].column), false);
		return UI_HANDLED;
	}
	default:
		return UI_DECLINED;
	}
}

static void list_resume(struct ui_view *view, struct ui *ui)
{
	list_reload(list_of(view), ui);
}

static void list_destroy(struct ui_view *view)
{
	struct list_view *lv = list_of(view);
	ui_lineedit_clear(&lv->edit);
	free(lv->rows);
	free(lv);
}

static const struct ui_view_ops list_ops = {
	.name = "Caseload list",
	.keymap = &list_keymap,
	.draw = list_draw,
	.action = list_action,
	.key = list_key,
	.resume = list_resume,
	.destroy = list_destroy,
};

struct ui_view *ui_list_view_new(struct ui *ui)
{
	struct list_view *lv = xcalloc(1, sizeof *lv);
	lv->base.ops = &list_ops;
	app_caseload_view_init(ui->app, &lv->query);
	ui_lineedit_init(&lv->edit, CASELOAD_FILTER_MAX);
	list_ensure_capacity(lv, 64);
	list_count(lv, ui);
	return &lv->base;
}
