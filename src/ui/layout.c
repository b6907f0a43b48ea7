#include "layout.h"

struct column_def {
	const char *header;
	int min, pref, priority;
	enum caseload_sort sort;
	bool right;
};

static const struct column_def column_defs[COL_COUNT] = {
#define UI_COLUMN_DEF(id, header, min, pref, prio, sort, right)                                    \
	[id] = {header, min, pref, prio, sort, right},
	UI_COLUMN_LIST(UI_COLUMN_DEF)
#undef UI_COLUMN_DEF
};

const char *ui_column_header(enum ui_column column)
{
	return (unsigned)column < COL_COUNT ? column_defs[column].header : "?";
}

enum caseload_sort ui_column_sort(enum ui_column column)
{
	return (unsigned)column < COL_COUNT ? column_defs[column].sort : SORT_NAME;
}

bool ui_column_right_aligned(enum ui_column column)
{
	return (unsigned)column < COL_COUNT && column_defs[column].right;
}

void ui_layout_list(int width, struct ui_list_layout *out)
{
	bool shown[COL_COUNT];
	int widths[COL_COUNT];
	int used = -1; /* n columns need n-1 separators */
	for (int c = 0; c < COL_COUNT; c++) {
		shown[c] = true;
		widths[c] = column_defs[c].min;
		used += widths[c] + 1;
	}
	/* drop the lowest-priority column until the minimum widths fit */
	while (used > width) {
		int drop = -1;
		for (int c = 0; c < COL_COUNT; c++)
			if (shown[c] && c != COL_NAME &&
			    (drop < 0 || column_defs[c].priority < column_defs[drop].priority))
				drop = c;
		if (drop < 0)
			break;
		shown[drop] = false;
		used -= widths[drop] + 1;
	}
	/* spare room: first toward preferred widths by priority, then all of it to the name */
	int spare = width - used;
	for (int pass = 0; pass < COL_COUNT && spare > 0; pass++) {
		int best = -1;
		for (int c = 0; c < COL_COUNT; c++)
			if (shown[c] && widths[c] < column_defs[c].pref &&
			    (best < 0 || column_defs[c].priority > column_defs[best].priority))
				best = c;
		if (best < 0)
			break;
		int grow = column_defs[best].pref - widths[best];
		if (grow > spare)
			grow = spare;
		widths[best] += grow;
		spare -= grow;
	}
	/* past a comfortable width a longer name column only pushes the rest apart */
	int name_room = 44 - widths[COL_NAME];
	if (spare > 0 && name_room > 0)
		widths[COL_NAME] += spare < name_room ? spare : name_room;
	out->count = 0;
	int x = 0;
	for (int c = 0; c < COL_COUNT; c++) {
		if (!shown[c])
			continue;
		out->slots[out->count++] = (struct ui_column_slot){(enum ui_column)c, x, widths[c]};
		x += widths[c] + 1;
	}
}

void ui_layout_describe(const struct ui_list_layout *layout, struct strbuf *out)
{
	for (int i = 0; i < layout->count; i++)
		strbuf_printf(out, "%s%s@%d+%d", i ? " " : "",
			      column_defs[layout->slots[i].column].header, layout->slots[i].x,
			      layout->slots[i].width);
}
