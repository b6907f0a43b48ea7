#ifndef CASELOAD_CONFIG_H
#define CASELOAD_CONFIG_H
/* The facility's configuration: one YAML file (/etc/caseload/caseload.yaml, or --config).
 * Every setting is one entry of a table (key, type, default, bounds, help), so parsing,
 * validation, listing and the man page cannot drift apart. Security numbers may be made
 * stricter than the default, never looser: a value outside its bounds is refused with
 * file:line:column and the allowed range. Pure: reads one file, no database, no terminal. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/status.h"
#include "caseload/strbuf.h"

#define CONFIG_DEFAULT_PATH "/etc/caseload/caseload.yaml"
#define CONFIG_TEXT_SIZE 2048

/* Case-note types: 1 to CONFIG_NOTE_TYPES_MAX names, each 2 to CONFIG_NOTE_TYPE_NAME_SIZE - 1
 * characters of a-z, 0-9 and _, no name twice, "other" always among them. Stored joined by
 * single commas ("contact,interview,...,other"), in the order the file lists them. */
#define CONFIG_NOTE_TYPES_SIZE 640
#define CONFIG_NOTE_TYPES_MAX 24
#define CONFIG_NOTE_TYPE_NAME_SIZE 25 /* one name and its terminator */

/* Roles as a bit set, for settings that name roles. */
#define CONFIG_ROLE_INTERN (1u << 0)
#define CONFIG_ROLE_CASEWORKER (1u << 1)
#define CONFIG_ROLE_LEAD (1u << 2)
#define CONFIG_ROLE_ADMIN (1u << 3)
#define CONFIG_ROLE_AUDITOR (1u << 4)

/* Whether a kind of work goes to QA review: every item, a monthly sample, or none unless its
 * author asks for one. */
enum config_review_mode { CONFIG_REVIEW_REQUIRED, CONFIG_REVIEW_SAMPLED, CONFIG_REVIEW_OFF };

struct config {
	char banner[CONFIG_TEXT_SIZE];    /* system-use notice shown before sign-in */
	char facility[128];               /* facility name on the title bar */
	int idle_lock_minutes;            /* 1..30, default 15 */
	int reauth_hours;                 /* 1..12, default 12 */
	int lockout_attempts;             /* 1..5, default 5 */
	int lockout_window_minutes;       /* 15..1440, default 15 */
	int password_min_single_factor;   /* 15..64, default 15 */
	int password_min_with_totp;       /* 8..64, default 8 */
	unsigned totp_required_roles;     /* must include lead and admin; default those two */
	int account_idle_disable_days;    /* 1..90, default 90 */
	int audit_retention_days;         /* 365..36500, default 365 */
	int prea_retention_days;          /* 3650..36500, default 3650 */
	bool allow_external_editor;       /* default false: many terminals forbid $EDITOR */
	char note_types[CONFIG_NOTE_TYPES_SIZE]; /* "contact,interview,...,other" */
	int qa_sample_percent;            /* 1..100, default 10: work drawn for QA each month */
	char forms_dir[1024];             /* the facility's own forms; absent is fine */
	char release_plan_file[1024];     /* the facility's release plan sections; absent is fine */
	/* need domains a case-plan goal may target besides the Central Eight, joined like
	 * note_types (same rules, "other" always among them) */
	char case_plan_domains[CONFIG_NOTE_TYPES_SIZE];
	int case_plan_review_days;        /* 30..365, default 90: the case-plan review cadence */
	int case_plan_review;             /* enum config_review_mode, default required */
	int release_plan_review;          /* enum config_review_mode, default required */
	int review_due_days;              /* 1..60, default 10: days a reviewer has for an item */
};

/* The defaults (what an absent file means). Sets every byte of *config, padding included,
 * so two default configurations compare equal with memcmp. */
void config_defaults(struct config *config);

/* Reads path over the defaults. A missing file is fine when `optional` (the default
 * path); otherwise an error. An unreadable file (no permission, a directory) is an error
 * either way. On failure *config is left at the defaults and errors holds
 * one "file:line:column: message" line per problem (unknown keys with a "did you mean",
 * wrong types, values out of bounds with the allowed range), all of them from one pass, in
 * file order, at most 50 and then a last line saying there were more. Line and column are
 * 1-based and point at the offending key or value. Problems with the file as a whole have
 * no position and read "file: message" (cannot open, cannot read, too large). Lines are
 * appended to errors, which the caller has initialised; errors may be NULL. Values quoted
 * from the file are sanitized, so the text is safe to show on a terminal.
 * Returns CL_OK; CL_ERR_NOTFOUND (missing and not optional); CL_ERR_IO (unreadable);
 * CL_ERR_INVALID (syntax, unknown or duplicate keys, types, bounds, hostile text, aliases);
 * CL_ERR_NOMEM. */
enum cl_status config_load(const char *path, bool optional, struct config *config,
			   struct strbuf *errors);

/* Appends the table of settings, one line per setting: key, type, default, bounds and help,
 * in aligned columns separated by at least two spaces (for `--help`-style listings and the
 * man page). */
void config_describe(struct strbuf *out);

/* Appends the effective values as YAML (for `caseload config`): each setting after a
 * comment with its help and bounds, the banner as a literal block scalar. config_load reads
 * the text back to the same values, for any configuration that config_load or
 * config_defaults made. Text no file could hold is written escaped, never raw. */
void config_dump(const struct config *config, struct strbuf *out);

/* The number of note types (0 only for a configuration no load or default made). */
size_t config_note_type_count(const struct config *config);

/* Copies the index-th note type (0-based, in the configured order) to out, which holds size
 * bytes (CONFIG_NOTE_TYPE_NAME_SIZE is always enough). False, with out emptied when size > 0,
 * when there is no such type or it does not fit. */
bool config_note_type(const struct config *config, size_t index, char *out, size_t size);

/* True when name is exactly one of the configured note types (case matters). */
bool config_note_type_valid(const struct config *config, const char *name);

/* The same three for the configured case-plan domains (besides the Central Eight). */
size_t config_plan_domain_count(const struct config *config);
bool config_plan_domain(const struct config *config, size_t index, char *out, size_t size);
bool config_plan_domain_valid(const struct config *config, const char *name);

#endif
