#ifndef CASELOAD_UI_LAYOUT_H
#define CASELOAD_UI_LAYOUT_H
/* Layout is a pure function of the terminal size: which list columns fit and where. No
 * curses here, so it is tested as a string. */
#include "caseload/people.h"
#include "caseload/strbuf.h"

/* id, header, min width, preferred width, priority (higher stays longer), sort, align right */
#define UI_COLUMN_LIST(X)                                                                          \
	X(COL_NAME, "Name", 20, 26, 100, SORT_NAME, false)                                         \
	X(COL_OID, "OID", 7, 8, 95, SORT_OID, false)                                               \
	X(COL_HOUSING, "Housing", 8, 13, 88, SORT_HOUSING, false)                                  \
	X(COL_CUSTODY, "Custody", 7, 9, 30, SORT_CUSTODY, false)                                   \
	X(COL_RISK, "Risk", 5, 9, 70, SORT_RISK, false)                                            \
	X(COL_SRD, "SRD", 10, 10, 80, SORT_SRD, false)                                             \
	X(COL_DAYS, "Days", 5, 6, 75, SORT_SRD, true)                                              \
	X(COL_DUE, "Next due", 14, 20, 50, SORT_DUE, false)                                        \
	X(COL_ALERTS, "Alerts", 4, 6, 90, SORT_ALERTS, false)

enum ui_column {
#define UI_COLUMN_ENUM(id, ...) id,
	UI_COLUMN_LIST(UI_COLUMN_ENUM)
#undef UI_COLUMN_ENUM
	COL_COUNT
};

struct ui_column_slot {
	enum ui_column column;
	int x;
	int width;
};

struct ui_list_layout {
	int count;
	struct ui_column_slot slots[COL_COUNT];
};

const char *ui_column_header(enum ui_column column);
enum caseload_sort ui_column_sort(enum ui_column column);
bool ui_column_right_aligned(enum ui_column column);

/* Chooses the columns that fit in `width`, in display order, one space apart: the lowest
 * priority columns go first when space runs short, and spare room widens them. */
void ui_layout_list(int width, struct ui_list_layout *out);

/* "Name@0+22 OID@23+7 ..." for tests. Appends to out. */
void ui_layout_describe(const struct ui_list_layout *layout, struct strbuf *out);

#endif
