#include "keymap.h"

#include <curses.h>
#include <stddef.h>

static const char *const action_help[ACT_COUNT] = {
#define UI_ACTION_HELP(id, help) [id] = help,
	UI_ACTION_LIST(UI_ACTION_HELP)
#undef UI_ACTION_HELP
};

const char *ui_action_help(enum ui_action action)
{
	return (unsigned)action < ACT_COUNT ? action_help[action] : "";
}

static const struct ui_binding global_bindings[] = {
	{'?', ACT_HELP, 0, "?"},
	{UI_FN(KEY_F(1)), ACT_HELP, 0, NULL},
	{'q', ACT_BACK, 0, "q Esc"},
	{UI_ESC, ACT_BACK, 0, NULL},
	{'Q', ACT_QUIT, 0, "Q"},
	{UI_CTRL('l'), ACT_REDRAW, 0, "Ctrl-L"},
	{'L', ACT_LOCK, 0, "L F12"},
	{UI_FN(KEY_F(12)), ACT_LOCK, 0, NULL},
	{'P', ACT_PASSWORD, 0, "P"},
	{'k', ACT_UP, 0, "k Up"},
	{UI_FN(KEY_UP), ACT_UP, 0, NULL},
	{'j', ACT_DOWN, 0, "j Down"},
	{UI_FN(KEY_DOWN), ACT_DOWN, 0, NULL},
	{UI_FN(KEY_PPAGE), ACT_PAGE_UP, 0, "PgUp Ctrl-B"},
	{UI_CTRL('b'), ACT_PAGE_UP, 0, NULL},
	{UI_FN(KEY_NPAGE), ACT_PAGE_DOWN, 0, "PgDn Ctrl-F Space"},
	{UI_CTRL('f'), ACT_PAGE_DOWN, 0, NULL},
	{' ', ACT_PAGE_DOWN, 0, NULL},
	{'g', ACT_HOME, 0, "g Home"},
	{UI_FN(KEY_HOME), ACT_HOME, 0, NULL},
	{'G', ACT_END, 0, "G End"},
	{UI_FN(KEY_END), ACT_END, 0, NULL},
};

const struct ui_keymap ui_keymap_global = {
	"Everywhere", global_bindings, (int)(sizeof global_bindings / sizeof global_bindings[0])};

static bool keymap_find(const struct ui_keymap *map, ui_key key, enum ui_action *action, int *arg)
{
	for (int i = 0; map && i < map->count; i++) {
		if (map->bindings[i].key == key) {
			*action = map->bindings[i].action;
			*arg = map->bindings[i].arg;
			return true;
		}
	}
	return false;
}

enum ui_action ui_keymap_lookup(const struct ui_keymap *map, ui_key key, int *arg)
{
	enum ui_action action = ACT_NONE;
	*arg = 0;
	if (keymap_find(map, key, &action, arg) || keymap_find(&ui_keymap_global, key, &action, arg))
		return action;
	return ACT_NONE;
}
