#ifndef CASELOAD_MODEL_H
#define CASELOAD_MODEL_H
/* Plain data shared by the store, the domain and the UI. Enumerations come from one list
 * each, so the stored code, the label and the short marker cannot drift apart. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/date.h"

#define MODEL_OID_SIZE 16
#define MODEL_NAME_SIZE 244 /* 80 characters of any script, as UTF-8 */
#define MODEL_SHORT_SIZE 168 /* 40 characters of any script, and more ASCII */
#define MODEL_NAME_MAX_CHARS 80

/* stored integer, label */
#define CUSTODY_LIST(X)                                                                            \
	X(CUSTODY_UNCLASSIFIED, "unclassified")                                                    \
	X(CUSTODY_MINIMUM, "minimum")                                                              \
	X(CUSTODY_MEDIUM, "medium")                                                                \
	X(CUSTODY_CLOSE, "close")                                                                  \
	X(CUSTODY_MAXIMUM, "maximum")

#define RISK_LIST(X)                                                                               \
	X(RISK_NONE, "not assessed")                                                               \
	X(RISK_LOW, "low")                                                                         \
	X(RISK_MODERATE, "moderate")                                                               \
	X(RISK_HIGH, "high")                                                                       \
	X(RISK_VERY_HIGH, "very high")

/* stored code, label, marker letter shown in lists */
#define ALERT_LIST(X)                                                                              \
	X(ALERT_KEEP_SEPARATE, "keep separate", 'K')                                               \
	X(ALERT_MEDICAL, "medical", 'M')                                                           \
	X(ALERT_SECURITY, "security", 'S')                                                         \
	X(ALERT_SUICIDE_WATCH, "suicide watch", 'W')

#define PROGRAM_STATUS_LIST(X)                                                                     \
	X(ENROLL_REFERRED, "referred")                                                             \
	X(ENROLL_WAITLISTED, "waitlisted")                                                         \
	X(ENROLL_ACTIVE, "active")                                                                 \
	X(ENROLL_COMPLETED, "completed")                                                           \
	X(ENROLL_WITHDRAWN, "withdrawn")

/* what the "next due" column of the caseload can name */
#define DUE_LIST(X)                                                                                \
	X(DUE_NONE, "", "")                                                                        \
	X(DUE_REVIEW, "progress review", "review")                                                 \
	X(DUE_PLANNING, "release planning starts", "rel.plan")                                     \
	X(DUE_ECRC, "ECRC due", "ECRC")                                                            \
	X(DUE_RELEASE, "supervised release", "release")                                            \
	X(DUE_EXPIRATION, "sentence expires", "expires")

#define MODEL_ENUM1(id, ...) id,
enum custody_level { CUSTODY_LIST(MODEL_ENUM1) CUSTODY_COUNT };
enum risk_level { RISK_LIST(MODEL_ENUM1) RISK_COUNT };
enum alert_kind { ALERT_LIST(MODEL_ENUM1) ALERT_COUNT };
enum enrollment_status { PROGRAM_STATUS_LIST(MODEL_ENUM1) ENROLL_COUNT };
enum due_kind { DUE_LIST(MODEL_ENUM1) DUE_COUNT };
#undef MODEL_ENUM1

enum sex { SEX_MALE, SEX_FEMALE, SEX_X, SEX_COUNT };

/* Labels and markers: static strings, never NULL ("?" when out of range). */
const char *model_custody_label(enum custody_level level);
const char *model_risk_label(enum risk_level level);
const char *model_alert_label(enum alert_kind kind);
char model_alert_marker(enum alert_kind kind);
const char *model_enrollment_label(enum enrollment_status status);
const char *model_due_label(enum due_kind kind);
const char *model_due_short(enum due_kind kind);
const char *model_sex_label(enum sex sex);
char model_sex_code(enum sex sex); /* 'M', 'F', 'X' */
bool model_sex_from_code(char code, enum sex *out);

/* Looks a label up (case-insensitive, or by its first letters when unambiguous).
 * Return false when nothing or more than one label matches. */
bool model_custody_parse(const char *text, enum custody_level *out);
bool model_risk_parse(const char *text, enum risk_level *out);
bool model_sex_parse(const char *text, enum sex *out);

/* One row of the caseload list. */
struct caseload_row {
	int64_t id;
	char oid[MODEL_OID_SIZE];
	char name[MODEL_NAME_SIZE * 4];     /* "Last, First Middle" */
	/* the sort key behind it (store internal); it anchors keyset paging, so it must never be
	 * cut: three folded names, which folding can lengthen by half */
	char name_key[MODEL_NAME_SIZE * 5];
	char unit[MODEL_SHORT_SIZE];
	char cell[MODEL_SHORT_SIZE];
	enum custody_level custody;
	enum risk_level risk;
	date_t srd;
	date_t next_due;
	enum due_kind next_due_kind;
	unsigned alert_flags; /* bit (1 << alert_kind) for each active alert */
};

/* The editable core of a person's record. */
struct person {
	int64_t id;
	int64_t version; /* bumped by every change: the base of stale-write detection */
	char oid[MODEL_OID_SIZE];
	char last_name[MODEL_NAME_SIZE];
	char first_name[MODEL_NAME_SIZE];
	char middle_name[MODEL_NAME_SIZE];
	date_t dob;
	enum sex sex;
	char language[MODEL_SHORT_SIZE];
	bool interpreter;
	char unit[MODEL_SHORT_SIZE];
	char cell[MODEL_SHORT_SIZE];
	enum custody_level custody;
	enum risk_level risk;
	int64_t caseworker_id; /* 0 when unassigned */
	char caseworker_name[MODEL_NAME_SIZE];
	date_t admission;
	date_t sentence_begin;
	int jail_credit_days;
	date_t srd;        /* DATE_NONE: no supervised release date (life sentence) */
	date_t expiration; /* DATE_NONE: no expiration (life) */
	date_t next_review;
	bool ecrc_required; /* predatory offender registration: ECRC before release */
	char updated_at[32];
	char updated_by[MODEL_NAME_SIZE];
};

struct alert {
	int64_t id;
	enum alert_kind kind;
	char detail[256];
	char separate_from[MODEL_NAME_SIZE]; /* keep-separate: the other person's OID and name */
	date_t start;
	date_t end; /* the day it ended (no longer in force that day); DATE_NONE while open */
};

struct housing_stay {
	int64_t id;
	char unit[MODEL_SHORT_SIZE];
	char cell[MODEL_SHORT_SIZE];
	enum custody_level custody;
	date_t start;
	date_t end; /* DATE_NONE for the current stay */
	char reason[128];
	char recorded_by[MODEL_NAME_SIZE];
};

struct enrollment {
	int64_t id;
	char program[128];
	enum enrollment_status status;
	date_t start;
	date_t end;
};

struct person_change {
	int64_t id;
	char field[32];
	char old_value[256];
	char new_value[256];
	char changed_by[MODEL_NAME_SIZE];
	char changed_at[32];
};

/* Everything the record screen shows; arrays owned by the record (person_record_clear). */
struct person_record {
	struct person person;
	char (*aliases)[MODEL_NAME_SIZE];
	size_t alias_count;
	struct alert *alerts;
	size_t alert_count;
	struct housing_stay *housing;
	size_t housing_count;
	struct enrollment *enrollments;
	size_t enrollment_count;
	struct person_change *changes;
	size_t change_count;
};

void person_record_clear(struct person_record *record);

#define STAFF_GRANT_PART2 1u /* substance-use treatment records (42 CFR Part 2) */
#define STAFF_GRANT_PREA 2u  /* sexual-safety screening answers (PREA) */
#define STAFF_GRANT_HEALTH 4u /* health information in notes */
#define STAFF_GRANT_VICTIM 8u /* victim information in notes */

struct staff {
	int64_t id;
	char username[MODEL_SHORT_SIZE];
	char display_name[MODEL_NAME_SIZE];
	char role[16];
	bool active;
	unsigned grants;       /* STAFF_GRANT_* */
	int64_t supervisor_id; /* an intern's supervising caseworker; 0 otherwise */
	int64_t lead_id;       /* the lead a caseworker's work goes to for review; 0 none */
	bool locked;           /* locked out after failed sign-ins, until an admin unlocks */
	char last_sign_in_at[32];
};

/* What sign-in needs besides the identity; never shown, never logged. */
struct staff_secrets {
	char password_hash[128]; /* "" when no password is set */
	bool must_change_password;
	char totp_secret[40]; /* "" when not enrolled */
	int64_t totp_last_step;
};

#endif
