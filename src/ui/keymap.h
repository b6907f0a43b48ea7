#ifndef CASELOAD_UI_KEYMAP_H
#define CASELOAD_UI_KEYMAP_H
/* Keys to actions. One list gives each action its name and help text; each screen has a
 * table of (key, action) and the global table catches what a screen leaves. The help
 * screen is generated from the same tables, so it cannot drift from the code. */
#include <stdbool.h>

#define UI_ACTION_LIST(X)                                                                          \
	X(ACT_NONE, "")                                                                            \
	X(ACT_QUIT, "Quit caseload")                                                               \
	X(ACT_BACK, "Back to the previous screen")                                                 \
	X(ACT_HELP, "Show the keys of this screen")                                                \
	X(ACT_REDRAW, "Reload and redraw the screen")                                              \
	X(ACT_LOCK, "Lock the screen (your password unlocks it)")                                  \
	X(ACT_UP, "Move up")                                                                       \
	X(ACT_DOWN, "Move down")                                                                   \
	X(ACT_PAGE_UP, "Previous page")                                                            \
	X(ACT_PAGE_DOWN, "Next page")                                                              \
	X(ACT_HOME, "First row")                                                                   \
	X(ACT_END, "Last row")                                                                     \
	X(ACT_OPEN, "Open the selected person's record")                                           \
	X(ACT_FILTER, "Filter by name, alias or OID as you type")                                  \
	X(ACT_CLEAR_FILTER, "Clear the filter")                                                    \
	X(ACT_SCOPE, "Switch between my caseload and the whole facility")                          \
	X(ACT_SORT_NEXT, "Sort by the next column")                                                \
	X(ACT_SORT_PREV, "Sort by the previous column")                                            \
	X(ACT_SORT_REVERSE, "Reverse the sort order")                                              \
	X(ACT_SORT_COLUMN, "Sort by column 1-8 (again: reverse)")                                  \
	X(ACT_JUMP_OID, "Open a person by OID")                                                    \
	X(ACT_TAB_NEXT, "Next section of the record")                                              \
	X(ACT_TAB_PREV, "Previous section of the record")                                          \
	X(ACT_EDIT_IDENTITY, "Edit identity (names, birth date, sex, language)")                    \
	X(ACT_EDIT_DATES, "Edit sentence dates and review date")                                   \
	X(ACT_MOVE, "Record a move to another unit or cell")                                       \
	X(ACT_ALIAS_ADD, "Add an alias")                                                           \
	X(ACT_ALIAS_REMOVE, "Remove an alias")                                                     \
	X(ACT_ALERT_ADD, "Add an alert")                                                           \
	X(ACT_ALERT_END, "End the selected alert")                                                 \
	X(ACT_ACCOUNT_ADD, "Add an account")                                                       \
	X(ACT_ACCOUNT_DISABLE, "Disable the selected account")                                    \
	X(ACT_ACCOUNT_ENABLE, "Enable the selected account")                                      \
	X(ACT_ACCOUNT_UNLOCK, "Unlock the selected account")                                      \
	X(ACT_ACCOUNT_RESET, "Reset the selected account's password")                             \
	X(ACT_ACCOUNT_RESET_TOTP, "Reset the selected account's second factor")                   \
	X(ACT_ACCOUNT_ROLE, "Change the selected account's role")                                 \
	X(ACT_ACCOUNT_GRANTS, "Change the selected account's grants (part2, prea)")               \
	X(ACT_PASSWORD, "Change your own password")                                                \
	X(ACT_AUDIT_VERIFY, "Verify the audit trail's hash chain")                                 \
	X(ACT_NOTE_WRITE, "Write a case note")                                                     \
	X(ACT_NOTE_SEARCH, "Search case notes")                                                    \
	X(ACT_NOTE_AMEND, "Amend (correct) this finalized note")                                   \
	X(ACT_NOTE_COSIGN, "Co-sign this intern's note")                                           \
	X(ACT_NOTE_EDIT, "Go on writing this draft")                                               \
	X(ACT_COSIGN_QUEUE, "Notes waiting for your co-signature")                                \
	X(ACT_SEARCH_FILTERS, "Only notes of a type, an author or dates")                          \
	X(ACT_FORM_START, "Start a form: an interview or an assessment")                           \
	X(ACT_REVIEW_QUEUE, "Work waiting for your review (QA)")                                   \
	X(ACT_MY_WORK, "Your work: forms returned to you, and drafts")                              \
	X(ACT_TEAM_VIEW, "Team view: review outcomes and QA compliance (leads)")                    \
	X(ACT_OLDER, "Older entries of the timeline")                                              \
	X(ACT_NEWER, "Newer entries of the timeline")                                              \
	X(ACT_RESOURCE_FILTER, "Find resources by name, area or notes as you type")                 \
	X(ACT_RESOURCE_KIND, "Show one kind of resource (again: the next kind)")                    \
	X(ACT_RESOURCE_SHOW, "Show the selected entry in full")                                     \
	X(ACT_RESOURCE_ADD, "Add a resource to the directory")                                      \
	X(ACT_RESOURCE_EDIT, "Edit the selected resource")                                          \
	X(ACT_REFER, "Refer this person to the selected resource")                                  \
	X(ACT_REFERRAL_STATUS, "Move the selected referral to its next status")                     \
	X(ACT_REFERRAL_NEW, "Refer this person: open the resources directory") \
	X(ACT_RELPLAN_TICK, "Tick or untick the selected task")                                    \
	X(ACT_RELPLAN_TASK_ADD, "Add a task to the section")                                       \
	X(ACT_RELPLAN_STATUS, "Set the section's status")                                          \
	X(ACT_RELPLAN_CONTACT, "Add a contact to the section")                                     \
	X(ACT_RELPLAN_DROP, "Drop the selected task, with a reason")                               \
	X(ACT_RELEASE_PLAN, "Open the release (reentry) plan") \
	X(ACT_PLAN_GOAL_ADD, "Add a goal to the case plan")                                        \
	X(ACT_PLAN_STEP_ADD, "Add an action step to the selected goal")                            \
	X(ACT_PLAN_EDIT, "Edit the selected goal or step")                                         \
	X(ACT_PLAN_STEP_STATUS, "Change the selected step's status (dropped needs a reason)")      \
	X(ACT_PLAN_REVIEW, "Record a plan review: progress per goal, sets the next review")        \
	X(ACT_PLAN_SIGN, "Sign this version (records the person's acknowledgement)")               \
	X(ACT_PLAN_NEW_VERSION, "Start a new version from the signed one")                         \
	X(ACT_PLAN_ACCEPT, "Accept the priorities proposed from the needs review")                 \
	X(ACT_CASE_PLAN, "Open the person's case plan")                                            \
	X(ACT_PLAN_VERSION_BACK, "Show the previous version, read-only (from the first: the current)")

enum ui_action {
#define UI_ACTION_ENUM(id, help) id,
	UI_ACTION_LIST(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	ACT_COUNT
};

/* A key: a character (>= 0) or a curses key code (KEY_UP...) stored negated. */
typedef int ui_key;
#define UI_FN(code) (-(code))
#define UI_CTRL(c) ((c)&0x1F)
#define UI_ESC 27

struct ui_binding {
	ui_key key;
	enum ui_action action;
	int arg;           /* e.g. the column of ACT_SORT_COLUMN */
	const char *label; /* how the help screen spells the key; NULL: same as the previous */
};

struct ui_keymap {
	const char *title;
	const struct ui_binding *bindings;
	int count;
};

extern const struct ui_keymap ui_keymap_global;

const char *ui_action_help(enum ui_action action);

/* The action bound to key in map, else in the global map; ACT_NONE when neither binds it.
 * *arg receives the binding's argument. */
enum ui_action ui_keymap_lookup(const struct ui_keymap *map, ui_key key, int *arg);

#endif
