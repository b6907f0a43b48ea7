#include "draw.h"

#include <string.h>

struct theme_entry {
	short fg, bg;
	attr_t color_attr;
	attr_t mono_attr;
};

static const struct theme_entry theme[UI_ELEMENT_COUNT] = {
#define UI_ELEMENT_THEME(id, fg, bg, cattr, mattr) [id] = {fg, bg, cattr, mattr},
	UI_ELEMENT_LIST(UI_ELEMENT_THEME)
#undef UI_ELEMENT_THEME
};

static attr_t draw_attrs[UI_ELEMENT_COUNT];

void ui_draw_init_theme(bool colors)
{
	for (int i = 0; i < UI_ELEMENT_COUNT; i++) {
		if (!colors) {
			draw_attrs[i] = theme[i].mono_attr;
			continue;
		}
		init_pair((short)(i + 1), theme[i].fg, theme[i].bg);
		draw_attrs[i] = COLOR_PAIR(i + 1) | theme[i].color_attr;
	}
}

attr_t ui_attr(enum ui_element element)
{
	return (unsigned)element < UI_ELEMENT_COUNT ? draw_attrs[element] : A_NORMAL;
}

void ui_draw_text(int y, int x, int width, const char *text, enum text_align align,
		  enum ui_element element)
{
	if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	struct strbuf fitted;
	strbuf_init(&fitted);
	text_fit(&fitted, text ? text : "", width, align);
	attrset(ui_attr(element));
	mvaddstr(y, x, fitted.buf);
	attrset(A_NORMAL);
	strbuf_clear(&fitted);
}

void ui_draw_fill(int y, int x, int width, enum ui_element element)
{
	ui_draw_text(y, x, width, "", TEXT_LEFT, element);
}

void ui_draw_box(int y, int x, int height, int width, const char *title)
{
	/* the wide-character line set draws as Unicode box characters, which survive any
	 * terminal multiplexer (the VT100 alternate character set does not always) */
	attrset(ui_attr(UI_BORDER));
	mvhline_set(y, x + 1, WACS_HLINE, width - 2);
	mvhline_set(y + height - 1, x + 1, WACS_HLINE, width - 2);
	mvvline_set(y + 1, x, WACS_VLINE, height - 2);
	mvvline_set(y + 1, x + width - 1, WACS_VLINE, height - 2);
	mvadd_wch(y, x, WACS_ULCORNER);
	mvadd_wch(y, x + width - 1, WACS_URCORNER);
	mvadd_wch(y + height - 1, x, WACS_LLCORNER);
	mvadd_wch(y + height - 1, x + width - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
	for (int row = y + 1; row < y + height - 1; row++)
		ui_draw_fill(row, x + 1, width - 2, UI_NORMAL);
	if (title && *title) {
		int w = text_width(title) + 2;
		if (w > width - 4)
			w = width - 4;
		ui_draw_text(y, x + 2, 1, " ", TEXT_LEFT, UI_HEADER);
		ui_draw_text(y, x + 3, w - 2, title, TEXT_LEFT, UI_HEADER);
		ui_draw_text(y, x + 1 + w, 1, " ", TEXT_LEFT, UI_HEADER);
	}
}

void ui_draw_keys(int y, int width, const char *const *pairs, const char *right)
{
	ui_draw_fill(y, 0, width, UI_STATUS);
	int x = 1;
	int right_w = right ? text_width(right) : 0;
	for (int i = 0; pairs && pairs[i] && pairs[i + 1]; i += 2) {
		int kw = text_width(pairs[i]);
		int lw = text_width(pairs[i + 1]);
		if (x + kw + 1 + lw > width - right_w - 2)
			break;
		ui_draw_text(y, x, kw, pairs[i], TEXT_LEFT, UI_STATUS_KEY);
		ui_draw_text(y, x + kw + 1, lw, pairs[i + 1], TEXT_LEFT, UI_STATUS);
		x += kw + lw + 3;
	}
	if (right && right_w < width - 1)
		ui_draw_text(y, width - right_w - 1, right_w, right, TEXT_LEFT, UI_STATUS);
}
