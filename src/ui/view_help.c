/* "?": the keys of the screen it was called from, generated from that screen's keymap and
 * the global one, so what it says is what the code does. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "view.h"

struct help_line {
	char keys[48];
	const char *text;
	bool heading;
};

struct help_view {
	struct ui_view base;
	char screen[64];
	struct help_line lines[128];
	int count;
	int top;
};

static void help_add_map(struct help_view *hv, const struct ui_keymap *map)
{
	if (!map || hv->count >= 126)
		return;
	struct help_line *h = &hv->lines[hv->count++];
	snprintf(h->keys, sizeof h->keys, "%s", "");
	h->text = map->title;
	h->heading = true;
	for (int i = 0; i < map->count && hv->count < 127; i++) {
		const struct ui_binding *b = &map->bindings[i];
		if (!b->label)
			continue; /* another key for the action above */
		h = &hv->lines[hv->count++];
		snprintf(h->keys, sizeof h->keys, "%s", b->label);
		h->text = ui_action_help(b->action);
		h->heading = false;
	}
}

static void help_draw(struct ui_view *view, struct ui *ui)
{
	struct help_view *hv = (struct help_view *)view;
	char where[96];
	snprintf(where, sizeof where, "Keys: %s", hv->screen);
	ui_draw_title(ui, where, NULL);
	int rows = LINES - 2;
	if (hv->top > hv->count - rows)
		hv->top = hv->count - rows;
	if (hv->top < 0)
		hv->top = 0;
	for (int r = 0; r < rows && hv->top + r < hv->count; r++) {
		const struct help_line *h = &hv->lines[hv->top + r];
		if (h->heading) {
			ui_draw_text(1 + r, 1, COLS - 2, h->text, TEXT_LEFT, UI_HEADER);
			continue;
		}
		ui_draw_text(1 + r, 3, 20, h->keys, TEXT_LEFT, UI_STATUS_KEY);
		ui_draw_text(1 + r, 24, COLS - 25, h->text, TEXT_LEFT, UI_NORMAL);
	}
	static const char *const hints[] = {"q Esc", "back", "j k", "scroll", NULL};
	ui_draw_status(ui, hints, "");
}

static enum ui_result help_action(struct ui_view *view, struct ui *ui, enum ui_action action,
				  int arg)
{
	struct help_view *hv = (struct help_view *)view;
	(void)ui;
	(void)arg;
	switch (action) {
	case ACT_UP:
		hv->top--;
		return UI_HANDLED;
	case ACT_DOWN:
		hv->top++;
		return UI_HANDLED;
	case ACT_PAGE_UP:
		hv->top -= LINES - 3;
		return UI_HANDLED;
	case ACT_PAGE_DOWN:
		hv->top += LINES - 3;
		return UI_HANDLED;
	case ACT_HELP:
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

static void help_destroy(struct ui_view *view)
{
	free(view);
}

static const struct ui_view_ops help_ops = {
	.name = "Help",
	.keymap = NULL,
	.draw = help_draw,
	.action = help_action,
	.destroy = help_destroy,
};

struct ui_view *ui_help_view_new(const struct ui_keymap *map, const char *screen)
{
	struct help_view *hv = xcalloc(1, sizeof *hv);
	hv->base.ops = &help_ops;
	snprintf(hv->screen, sizeof hv->screen, "%s", screen);
	help_add_map(hv, map);
	help_add_map(hv, &ui_keymap_global);
	return &hv->base;
}
