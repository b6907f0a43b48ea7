#ifndef CASELOAD_UI_DRAW_H
#define CASELOAD_UI_DRAW_H
/* Painting: semantic elements mapped to attributes through one theme table (code never
 * asks for a raw color), and text placed by display width after sanitizing. */
#include <curses.h>
#include <stdbool.h>

#include "caseload/text.h"

#define UI_ELEMENT_LIST(X)                                                                         \
	X(UI_NORMAL, -1, -1, A_NORMAL, A_NORMAL)                                                   \
	X(UI_TITLE, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD)                           \
	X(UI_STATUS, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)                                 \
	X(UI_STATUS_KEY, COLOR_BLUE, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD)                      \
	X(UI_HEADER, COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE)                               \
	X(UI_SELECTED, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)                              \
	X(UI_LABEL, COLOR_CYAN, -1, A_NORMAL, A_NORMAL)                                            \
	X(UI_DIM, COLOR_BLUE, -1, A_BOLD, A_DIM)                                                   \
	X(UI_URGENT, COLOR_RED, -1, A_BOLD, A_BOLD)                                                \
	X(UI_SOON, COLOR_YELLOW, -1, A_NORMAL, A_NORMAL)                                           \
	X(UI_GOOD, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)                                            \
	X(UI_ERROR, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)                            \
	X(UI_NOTICE, COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE)                                \
	X(UI_TAB, -1, -1, A_NORMAL, A_NORMAL)                                                      \
	X(UI_TAB_ACTIVE, COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD)                    \
	X(UI_FIELD, -1, -1, A_UNDERLINE, A_UNDERLINE)                                              \
	X(UI_FIELD_ACTIVE, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)                          \
	X(UI_BORDER, COLOR_CYAN, -1, A_NORMAL, A_NORMAL)

enum ui_element {
#define UI_ELEMENT_ENUM(id, ...) id,
	UI_ELEMENT_LIST(UI_ELEMENT_ENUM)
#undef UI_ELEMENT_ENUM
	UI_ELEMENT_COUNT
};

/* Sets up the color pairs of the theme (after start_color). */
void ui_draw_init_theme(bool colors);
attr_t ui_attr(enum ui_element element);

/* Writes text sanitized and fitted to exactly `width` columns at (y, x). */
void ui_draw_text(int y, int x, int width, const char *text, enum text_align align,
		  enum ui_element element);
/* Fills a row segment with spaces in the element's attribute. */
void ui_draw_fill(int y, int x, int width, enum ui_element element);
/* Draws a box border with a title. */
void ui_draw_box(int y, int x, int height, int width, const char *title);
/* The status line: "key label" pairs, keys highlighted; `right` flush right. */
void ui_draw_keys(int y, int width, const char *const *pairs, const char *right);

#endif
