#ifndef CASELOAD_FORMDEF_H
#define CASELOAD_FORMDEF_H
/* Form definitions: the YAML a facility writes (caseload-forms(5)), loaded into a checked,
 * immutable model. Pure: no terminal, no database; the only I/O is reading a file.
 *
 * A loaded struct formdef is complete and consistent: every reference resolved, every
 * expression parsed and bound (fields to slots), computed values in dependency order, bands
 * free of gaps and overlaps. Anything else is reported as diagnostics and no model is made. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/formexpr.h"
#include "caseload/status.h"
#include "caseload/strbuf.h"

#define FORMDEF_LANGUAGE_VERSION 1 /* the `caseform:` key */

/* What the loader refuses outright: a form is pages of questions, and anything past these is
 * the wrong file or a hostile one. */
#define FORMDEF_MAX_FILE_SIZE (1024 * 1024)
#define FORMDEF_MAX_FIELDS 2000
#define FORMDEF_MAX_ITEMS 1000           /* scores, rules, named lists, choices of one list */
#define FORMDEF_MAX_DEPTH 32             /* YAML nesting of mappings and lists */
#define FORMDEF_MAX_SCALAR (64 * 1024)   /* bytes of one key or value */
#define FORMDEF_MAX_ERRORS 100           /* then "too many errors" and no more */

enum formdef_field_type {
	FORMDEF_TEXT,
	FORMDEF_TEXTAREA,
	FORMDEF_INTEGER,
	FORMDEF_DECIMAL,
	FORMDEF_DATE,
	FORMDEF_DATETIME,
	FORMDEF_TIME,
	FORMDEF_YES_NO,
	FORMDEF_ADDRESS,
	FORMDEF_SELECT_ONE,
	FORMDEF_SELECT_MULTIPLE,
	FORMDEF_LIKERT,     /* a group of rows sharing one choice list; each row is a select_one field
			     * right after it (parent = the likert's slot) that copies the likert's
			     * required, required_if, required_message and sensitivity */
	FORMDEF_NOTE,       /* display only */
	FORMDEF_CALCULATED, /* read-only, needs calculate */
	FORMDEF_ATTESTATION,
	FORMDEF_REPEAT,     /* rows of sub-fields */
};
/* "text", "select_one", ... or NULL for an unknown type. */
const char *formdef_type_name(enum formdef_field_type type);

enum formdef_sensitivity {
	FORMDEF_SENS_NONE,
	FORMDEF_SENS_PII,
	FORMDEF_SENS_HEALTH,
	FORMDEF_SENS_PART2,
	FORMDEF_SENS_PREA,
	FORMDEF_SENS_VICTIM,
};

enum formdef_severity { FORMDEF_ERROR, FORMDEF_WARNING };

enum formdef_status { FORMDEF_STATUS_DRAFT, FORMDEF_STATUS_ACTIVE, FORMDEF_STATUS_RETIRED };

enum formdef_provenance {
	FORMDEF_PROV_AGENCY,
	FORMDEF_PROV_PUBLIC_DOMAIN,
	FORMDEF_PROV_PUBLIC_ATTRIBUTED,
	FORMDEF_PROV_PROPRIETARY_REFERENCE, /* may hold no item text: labels only of domains */
};

enum formdef_review { FORMDEF_REVIEW_OFF, FORMDEF_REVIEW_REQUIRED, FORMDEF_REVIEW_SAMPLED };

/* Where something was written, for messages after loading. */
struct formdef_pos {
	unsigned line, column; /* 1-based */
};

struct formdef_choice {
	char *value;
	char *label;
	bool has_score;
	double score;
	bool missing;  /* "unable to assess": counts as missing in scoring */
	bool retired;  /* kept so old answers render; not offered for new answers */
	struct formdef_pos pos; /* where the choice was written (its `value`) */
};

struct formdef_choice_list {
	char *name; /* the named list, or the owning field's id for an inline list */
	struct formdef_choice *items;
	size_t count;
	struct formdef_pos pos;
};
/* yes_no fields point at one built-in list named "(yes_no)": values "yes" and "no", labels
 * "Yes" and "No" (the parentheses keep it apart from every named list). */

/* An optional expression with the text it came from. */
struct formdef_expr {
	char *text;        /* NULL when absent */
	struct fexpr *expr; /* parsed and bound; NULL when absent */
	struct formdef_pos pos;  /* where `text` starts in the file (after an opening quote) */
	/* For messages: when single_line, byte k of the written text lies at pos.column + k
	 * (counted in characters); otherwise only pos is known. prefix is the length of text the
	 * loader put before the written text (the implicit relevant of nested fields): offsets
	 * below it belong to the field that holds the expression. */
	bool single_line;
	size_t prefix;
};

struct formdef_field {
	char *id;
	enum formdef_field_type type;
	int slot;          /* index in formdef.fields */
	int section;       /* index in formdef.sections */
	int parent;        /* repeat or likert slot this field belongs to, or -1 (fields nested
			    * under a choice have parent -1 and an implicit relevant: `$p = 'v'`,
			    * `selected($p, 'v')` for select_multiple, and'ed with their own) */
	int repeat;        /* the repeat slot whose rows hold this field (sub-fields and the
			    * fields nested under their choices), or -1 */
	char *label, *help, *report_key;
	bool required;              /* constant part of `required:` */
	struct formdef_expr required_if; /* expression form of `required:` */
	char *required_message;
	struct formdef_expr relevant;    /* the field's own; the section's is checked too */
	bool readonly;
	struct formdef_expr default_value;
	struct formdef_expr calculate;
	const struct formdef_choice_list *choices; /* points into formdef.choice_lists; or NULL */
	bool has_min, has_max;
	struct formdef_expr min, max;    /* numbers or dates; may use today(). A plain date
					  * (2020-01-31) is kept as date('2020-01-31') */
	long min_length, max_length;     /* -1 when unset */
	char *pattern;                   /* POSIX extended regular expression, or NULL */
	struct formdef_expr constraint;
	char *constraint_message;
	enum formdef_severity severity;
	enum formdef_sensitivity sensitivity;
	long min_rows, max_rows;         /* repeat only; -1 when unset */
	char *statement;                 /* attestation only, or NULL */
	struct formdef_pos pos;
};

struct formdef_section {
	char *id, *title, *help;
	struct formdef_expr relevant;
	size_t first_field, field_count; /* a run of formdef.fields (sub-fields included) */
	struct formdef_pos pos;
};

struct formdef_band {
	bool has_min, has_max;
	double min, max; /* inclusive */
	char *value, *label;
};

struct formdef_band_set {
	struct formdef_expr when; /* absent on the default set */
	struct formdef_band *bands;
	size_t count;
};

struct formdef_score {
	char *id, *label;
	int slot;                  /* scores are addressable as $id too: slot after the fields */
	/* A score is either a sum over items (choice scores, with the missing policy) ... */
	int *items;                /* field slots; count in item_count */
	size_t item_count;
	long max_missing;          /* more missing items than this: the score is null; -1: no limit */
	bool prorate;              /* scale the sum by items / answered items */
	/* ... or an expression ... */
	struct formdef_expr expr;
	/* ... or a level banded from another score. */
	int from;                  /* score slot, or -1 */
	struct formdef_band_set *band_sets; /* [0] the default; later ones chosen by `when` */
	size_t band_set_count;
	double step;               /* score granularity for the gap check (default 1) */
	struct formdef_pos bands_pos; /* where `bands` was written, for gap/overlap messages */
	bool has_range;
	double range_lo, range_hi; /* `range: [lo, hi]`: the bands must cover it */
	bool override_allowed;
	bool override_reason_required;
	char **override_roles;     /* roles that may approve an override (default: lead) */
	size_t override_role_count;
	struct formdef_pos pos;
};

struct formdef_rule {
	char *id;
	struct formdef_expr assert_expr;
	struct formdef_expr relevant;
	char *message;
	enum formdef_severity severity;
	struct formdef_pos pos;
};

enum formdef_output_when { FORMDEF_ON_FINALIZE, FORMDEF_ON_APPROVE };
struct formdef_output {
	char *to;   /* the record field, without "case.": "risk_level" */
	struct formdef_expr from;
	enum formdef_output_when on;
	struct formdef_pos pos;
};

struct formdef {
	char *id;
	int version;
	char *title, *description;
	enum formdef_status status;
	enum formdef_provenance provenance;
	char *provenance_source;
	char **complete_roles; size_t complete_role_count; /* who may fill it in */
	enum formdef_review review;
	char **review_roles; size_t review_role_count;
	struct formdef_expr due;          /* a date expression, or absent */
	struct formdef_choice_list *choice_lists; size_t choice_list_count;
	struct formdef_section *sections; size_t section_count;
	struct formdef_field *fields;     size_t field_count;
	struct formdef_score *scores;     size_t score_count;
	struct formdef_rule *rules;       size_t rule_count;
	struct formdef_output *outputs;   size_t output_count;
	/* Computed values (field calculate/default and scores, as slots: a score's slot is
	 * field_count + its index) in an order where each comes after what it reads. */
	int *compute_order; size_t compute_count;
	char *source_path;  /* as given to the loader */
	char *source_text;  /* the exact YAML, kept so a response renders with it forever */
	char hash[65];      /* SHA-256 hex of source_text */
};

/* The values a form may read as case.<name>, with their types: sex, age, dob,
 * admission_date, srd, sentence_expiration, custody, risk_level, language, interpreter,
 * housing_unit. Returns -1 for an unknown name; formdef_case_name(slot) gives it back. */
int formdef_case_slot(const char *name);
const char *formdef_case_name(int slot); /* NULL for a slot out of range */
size_t formdef_case_count(void);
/* The kind of value case.<name> holds (FVAL_STRING, FVAL_NUMBER or FVAL_DATE); FVAL_NULL
 * for a slot out of range. */
enum fval_kind formdef_case_kind(int slot);

/* Diagnostics: every problem of a file, each as "file:line:column: message". */
struct formdef_diag {
	char *file;
	unsigned line, column;
	enum formdef_severity severity;
	char *message;
};
struct formdef_diags {
	struct formdef_diag *items;
	size_t count, cap;
};
void formdef_diags_init(struct formdef_diags *d);
void formdef_diags_clear(struct formdef_diags *d);
size_t formdef_diags_errors(const struct formdef_diags *d); /* count of errors */
/* Appends every diagnostic as "file:line:column: error: message\n". */
void formdef_diags_format(const struct formdef_diags *d, struct strbuf *out);
/* Appends one diagnostic (file copied; message formatted). line 0 means "the whole file":
 * formatted as "file: error: message". */
void formdef_diags_add(struct formdef_diags *d, const char *file, unsigned line,
		       unsigned column, enum formdef_severity severity, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Loads one definition from text (the name is used in messages). Returns a new formdef
 * (free with formdef_free) or NULL with at least one error appended to diags; warnings may
 * accompany a success. Never crashes on any input. */
struct formdef *formdef_load_string(const char *name, const char *text, size_t len,
				    struct formdef_diags *diags);
/* Reads path and loads it (an unreadable file is one diagnostic at 0:0). */
struct formdef *formdef_load_file(const char *path, struct formdef_diags *diags);
void formdef_free(struct formdef **def); /* sets *def to NULL; NULL-safe */

/* Lookups by id: index, or -1. */
int formdef_field_slot(const struct formdef *def, const char *id);
int formdef_score_index(const struct formdef *def, const char *id);
const struct formdef_choice *formdef_choice_find(const struct formdef_choice_list *list,
						 const char *value);

/* Checks between versions of one form id: a choice value of a list that means something
 * else in `older` (another label meaning another score, or reused after being missing) is
 * an error at the newer file's position. */
void formdef_check_versions(const struct formdef *older, const struct formdef *newer,
			    struct formdef_diags *diags);

#endif
