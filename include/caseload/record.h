#ifndef CASELOAD_RECORD_H
#define CASELOAD_RECORD_H
/* A person's record as use cases: open it (audited), and change it one field at a time.
 * Each change validates, checks the record was not changed by someone else since it was
 * read, writes the value, its history row, the derived list columns and the audit row in
 * one transaction. Messages for the user land in a caller's buffer. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/app.h"
#include "caseload/strbuf.h"
#include "caseload/model.h"

/* key (stored in history and drafts), label, group */
#define PERSON_FIELD_LIST(X)                                                                       \
	X(PF_LAST_NAME, "last_name", "Last name", PF_GROUP_IDENTITY)                               \
	X(PF_FIRST_NAME, "first_name", "First name", PF_GROUP_IDENTITY)                            \
	X(PF_MIDDLE_NAME, "middle_name", "Middle name", PF_GROUP_IDENTITY)                         \
	X(PF_DOB, "dob", "Date of birth", PF_GROUP_IDENTITY)                                       \
	X(PF_SEX, "sex", "Sex", PF_GROUP_IDENTITY)                                                 \
	X(PF_LANGUAGE, "language", "Language", PF_GROUP_IDENTITY)                                  \
	X(PF_INTERPRETER, "interpreter", "Interpreter needed", PF_GROUP_IDENTITY)                  \
	X(PF_ADMISSION, "admission_date", "Admission", PF_GROUP_DATES)                             \
	X(PF_SENTENCE_BEGIN, "sentence_begin", "Sentence begin", PF_GROUP_DATES)                   \
	X(PF_JAIL_CREDIT, "jail_credit_days", "Jail credit (days)", PF_GROUP_DATES)                \
	X(PF_SRD, "srd", "Supervised release", PF_GROUP_DATES)                                     \
	X(PF_EXPIRATION, "expiration_date", "Sentence expiration", PF_GROUP_DATES)                 \
	X(PF_NEXT_REVIEW, "next_review_date", "Next progress review", PF_GROUP_DATES)              \
	X(PF_ECRC_REQUIRED, "ecrc_required", "ECRC required", PF_GROUP_DATES)

enum person_field_group { PF_GROUP_IDENTITY, PF_GROUP_DATES };

enum person_field {
#define PERSON_FIELD_ENUM(id, ...) id,
	PERSON_FIELD_LIST(PERSON_FIELD_ENUM)
#undef PERSON_FIELD_ENUM
	PF_COUNT
};

const char *app_field_key(enum person_field field);
const char *app_field_label(enum person_field field);
enum person_field_group app_field_group(enum person_field field);
/* What the user may type, for the editor's hint line ("YYYY-MM-DD, empty for none"). */
const char *app_field_hint(enum person_field field);

#define APP_MESSAGE_SIZE 200

/* Sets the person's "risk_level" or "custody" to value (a label model_risk_parse or
 * model_custody_parse reads), with its history row and derived columns, inside the caller's
 * transaction: what a form's outputs write back. *changed is false when it already was.
 * CL_ERR_INVALID for another field or a value that is not a level; CL_ERR_STALE as for
 * store_person_update. The caller has checked the permission and audits. */
enum cl_status app_record_set_level(struct app *app, int64_t person_id, const char *field,
				    const char *value, const char *at, bool *changed);

/* Loads the whole record and audits the view. The caller owns *out (person_record_clear). */
enum cl_status app_record_open(struct app *app, int64_t person_id, struct person_record *out);

/* Loads the record again without a new audit row: for the screen that already opened it
 * (and audited that) to show the result of a change made through it. */
enum cl_status app_record_reload(struct app *app, int64_t person_id, struct person_record *out);

/* The field's value as the editor shows it ("" for absent dates). */
void app_field_format(const struct person *p, enum person_field field, char *buf, size_t size);

/* Parses `text` into a copy of p and checks every rule, the other fields included.
 * CL_ERR_INVALID with msg set when the value is refused; *out is then unspecified. */
enum cl_status app_field_apply(const struct person *p, enum person_field field, const char *text,
			       date_t today, struct person *out, char *msg, size_t msgsz);

/* Checks a whole person against the rules; the first broken one is named in msg and *bad. */
enum cl_status app_person_validate(const struct person *p, date_t today, enum person_field *bad,
				   char *msg, size_t msgsz);

/* Saves one field. p must be the record as the user last saw it: on success it holds the
 * saved record (new version); on CL_ERR_STALE it is reloaded with what the other user
 * saved, and msg says who changed it, so the user can look before trying again. */
enum cl_status app_record_set_field(struct app *app, struct person *p, enum person_field field,
				    const char *text, char *msg, size_t msgsz);

/* A move to another unit/cell (and custody level) from `start`, with a reason. */
struct housing_move {
	const char *unit;
	const char *cell;
	const char *custody; /* a custody label or prefix */
	const char *start;   /* YYYY-MM-DD; "" for today */
	const char *reason;
};
enum cl_status app_record_move(struct app *app, struct person *p, const struct housing_move *move,
			       char *msg, size_t msgsz);

/* Aliases ("also known as"): added or removed, and the search index follows. */
enum cl_status app_record_alias_add(struct app *app, struct person *p, const char *alias,
				    char *msg, size_t msgsz);
enum cl_status app_record_alias_remove(struct app *app, struct person *p, const char *alias,
				       char *msg, size_t msgsz);

/* Alerts: kind by label or marker letter, dates as YYYY-MM-DD ("" start = today). */
struct alert_input {
	const char *kind;
	const char *detail;
	const char *separate_from_oid; /* keep-separate only */
	const char *start;
	const char *end;
};
enum cl_status app_record_alert_add(struct app *app, struct person *p,
				    const struct alert_input *input, char *msg, size_t msgsz);
/* Ends an alert on `end` ("" for today). */
enum cl_status app_record_alert_end(struct app *app, struct person *p, int64_t alert_id,
				    const char *end, char *msg, size_t msgsz);

/* Drafts of text typed into a field editor and not committed yet. */
enum cl_status app_draft_save(struct app *app, const struct person *p, const char *field_key,
			      const char *text);
/* Appends the draft to `text` when there is one (CL_ERR_NOTFOUND otherwise). */
enum cl_status app_draft_load(struct app *app, const struct person *p, const char *field_key,
			      struct strbuf *text);
enum cl_status app_draft_discard(struct app *app, const struct person *p, const char *field_key);

/* Rebuilds the sort and search keys of p (names, aliases, OID) for the store. */
void app_person_keys(const struct person *p, const char *aliases, struct strbuf *name_key,
		     struct strbuf *search_text);

#endif
