/* config: the facility's settings, read from one YAML file and checked against one table.
 * Defaults, parsing, validation, config_describe and config_dump all walk config_settings,
 * so a setting cannot be known to one of them and missing from another. */
#include "caseload/config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "caseload/text.h"

/* SECURITY.md: restricted system; monitored, recorded and audited; unauthorized use punished;
 * use means consent. Lines stay under 80 columns so the notice fits the smallest terminal. */
#define CONFIG_BANNER_DEFAULT                                                                      \
	"NOTICE: RESTRICTED GOVERNMENT SYSTEM\n"                                                   \
	"This computer system belongs to a government agency and holds criminal justice\n"         \
	"information (CJI). It is for authorized use only.\n"                                      \
	"All use of this system may be monitored, recorded and audited.\n"                         \
	"Unauthorized use is prohibited and subject to criminal and civil penalties.\n"            \
	"By using this system you consent to monitoring, recording and auditing."

_Static_assert(sizeof CONFIG_BANNER_DEFAULT <= CONFIG_TEXT_SIZE, "default banner too long");

#define CONFIG_NOTE_TYPES_DEFAULT                                                                  \
	"contact,interview,counseling,collateral_contact,phone,incident,program,"                 \
	"release_planning,committee,other"

/* The longest list the rules allow (every name at its longest, a comma after all but the last)
 * fits the field, so a list that passes the checks is never cut short. */
_Static_assert(CONFIG_NOTE_TYPES_MAX * CONFIG_NOTE_TYPE_NAME_SIZE <= CONFIG_NOTE_TYPES_SIZE,
	       "note_types field too small for the longest list allowed");
_Static_assert(sizeof CONFIG_NOTE_TYPES_DEFAULT <= CONFIG_NOTE_TYPES_SIZE,
	       "default note types too long");

/* A configuration file is a page of settings; anything this big is the wrong file. */
#define CONFIG_MAX_FILE_SIZE (1024 * 1024)
/* Past this many problems the rest are noise (often one mistake repeated). */
#define CONFIG_MAX_ERRORS 50
/* Values echoed in messages are cut to this many columns. */
#define CONFIG_ECHO_COLUMNS 40

enum config_type { CONFIG_STRING, CONFIG_INT, CONFIG_BOOL, CONFIG_ROLES, CONFIG_WORDS, CONFIG_CHOICE };

struct config_setting {
	const char *key;
	enum config_type type;
	size_t offset;           /* offsetof(struct config, field) */
	size_t size;             /* sizeof the field: the buffer size for strings */
	bool multiline;          /* CONFIG_STRING: newlines and tabs allowed (the banner) */
	long min, max;           /* CONFIG_INT bounds; CONFIG_WORDS: how many names; inclusive */
	long def;                /* default for CONFIG_INT, CONFIG_BOOL, CONFIG_ROLES, CONFIG_CHOICE */
	const char *def_text;    /* default for CONFIG_STRING; CONFIG_WORDS: names joined by ',' */
	unsigned required_roles; /* CONFIG_ROLES: roles that may never be left out */
	/* CONFIG_WORDS: a list of names of a-z, 0-9 and _, each name_min to name_max bytes long,
	 * none twice, stored joined by single commas */
	size_t name_min, name_max;
	const char *name_noun;     /* what one entry is: "type name" */
	/* for "must be <wanted>, not ...": "a list of type names...", "required, sampled or off" */
	const char *wanted;
	const char *required_name; /* a name that may never be left out, or NULL */
	/* CONFIG_CHOICE: the words allowed, NULL-terminated; the field is the chosen index */
	const char *const *choices;
	const char *help;
};

/* The _Generic selections refuse to compile when a field's C type does not match the type
 * the table gives it, so the casts in config_field() are always to the right type. */
/* Hand-formatted: clang-format splits "type: expression" in _Generic and indents braced
 * lists with spaces. */
/* clang-format off */
#define CONFIG_MEMBER(f) (((struct config *)0)->f)
#define CONFIG_STRING_FIELD(f) \
	.type = CONFIG_STRING, .offset = offsetof(struct config, f), \
	.size = _Generic(CONFIG_MEMBER(f), char *: sizeof CONFIG_MEMBER(f))
#define CONFIG_INT_FIELD(f) \
	.type = CONFIG_INT, .offset = offsetof(struct config, f), \
	.size = _Generic(CONFIG_MEMBER(f), int: sizeof(int))
#define CONFIG_BOOL_FIELD(f) \
	.type = CONFIG_BOOL, .offset = offsetof(struct config, f), \
	.size = _Generic(CONFIG_MEMBER(f), bool: sizeof(bool))
#define CONFIG_ROLES_FIELD(f) \
	.type = CONFIG_ROLES, .offset = offsetof(struct config, f), \
	.size = _Generic(CONFIG_MEMBER(f), unsigned: sizeof(unsigned))
#define CONFIG_CHOICE_FIELD(f, list) \
	.type = CONFIG_CHOICE, .offset = offsetof(struct config, f), .choices = (list), \
	.size = _Generic(CONFIG_MEMBER(f), int: sizeof(int))
#define CONFIG_WORDS_FIELD(f) \
	.type = CONFIG_WORDS, .offset = offsetof(struct config, f), \
	.size = _Generic(CONFIG_MEMBER(f), char *: sizeof CONFIG_MEMBER(f))

#define CONFIG_REVIEW_WANTED "required, sampled or off"
static const char *const config_review_modes[] = {
	[CONFIG_REVIEW_REQUIRED] = "required",
	[CONFIG_REVIEW_SAMPLED] = "sampled",
	[CONFIG_REVIEW_OFF] = "off",
	NULL,
};

static const struct config_setting config_settings[] = {
	{.key = "banner", CONFIG_STRING_FIELD(banner), .multiline = true,
	 .def_text = CONFIG_BANNER_DEFAULT,
	 .help = "System-use notice shown before sign-in until acknowledged"},
	{.key = "facility", CONFIG_STRING_FIELD(facility),
	 .def_text = "Correctional Facility",
	 .help = "Facility name shown on the title bar"},
	{.key = "idle_lock_minutes", CONFIG_INT_FIELD(idle_lock_minutes),
	 .min = 1, .max = 30, .def = 15,
	 .help = "Minutes without input before the screen locks"},
	{.key = "reauth_hours", CONFIG_INT_FIELD(reauth_hours),
	 .min = 1, .max = 12, .def = 12,
	 .help = "Hours after sign-in before the password is asked for again"},
	{.key = "lockout_attempts", CONFIG_INT_FIELD(lockout_attempts),
	 .min = 1, .max = 5, .def = 5,
	 .help = "Failed sign-ins in a row that lock the account until an admin unlocks it"},
	{.key = "lockout_window_minutes", CONFIG_INT_FIELD(lockout_window_minutes),
	 .min = 15, .max = 1440, .def = 15,
	 .help = "Minutes within which those failed sign-ins count"},
	{.key = "password_min_single_factor", CONFIG_INT_FIELD(password_min_single_factor),
	 .min = 15, .max = 64, .def = 15,
	 .help = "Shortest password allowed when it is the only factor"},
	{.key = "password_min_with_totp", CONFIG_INT_FIELD(password_min_with_totp),
	 .min = 8, .max = 64, .def = 8,
	 .help = "Shortest password allowed with a TOTP code as second factor"},
	{.key = "totp_required_roles", CONFIG_ROLES_FIELD(totp_required_roles),
	 .def = CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN,
	 .required_roles = CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN,
	 .help = "Roles that must sign in with a TOTP code"},
	{.key = "account_idle_disable_days", CONFIG_INT_FIELD(account_idle_disable_days),
	 .min = 1, .max = 90, .def = 90,
	 .help = "Days without sign-in before an account is disabled"},
	{.key = "audit_retention_days", CONFIG_INT_FIELD(audit_retention_days),
	 .min = 365, .max = 36500, .def = 365,
	 .help = "Days audit rows are kept before they may be purged"},
	{.key = "prea_retention_days", CONFIG_INT_FIELD(prea_retention_days),
	 .min = 3650, .max = 36500, .def = 3650,
	 .help = "Days PREA screening data is kept before it may be purged"},
	{.key = "allow_external_editor", CONFIG_BOOL_FIELD(allow_external_editor),
	 .def = false,
	 .help = "Allow editing text in $EDITOR; many facilities forbid it"},
	{.key = "note_types", CONFIG_WORDS_FIELD(note_types),
	 .min = 1, .max = CONFIG_NOTE_TYPES_MAX, .def_text = CONFIG_NOTE_TYPES_DEFAULT,
	 .name_min = 2, .name_max = CONFIG_NOTE_TYPE_NAME_SIZE - 1, .name_noun = "type name",
	 .wanted = "a list of type names such as [contact, other]", .required_name = "other",
	 .help = "Types of case note caseworkers choose from"},
	{.key = "qa_sample_percent", CONFIG_INT_FIELD(qa_sample_percent),
	 .min = 1, .max = 100, .def = 10,
	 .help = "Share of a month's finalized work of a sampled form drawn for QA review"},
	{.key = "forms_dir", CONFIG_STRING_FIELD(forms_dir),
	 .def_text = "/etc/caseload/forms",
	 .help = "Directory of the facility's own form definitions, read after the installed "
		 "ones (a form with the same id and a higher version wins)"},
	{.key = "release_plan_file", CONFIG_STRING_FIELD(release_plan_file),
	 .def_text = "/etc/caseload/release_plan.yaml",
	 .help = "The release plan's sections, checklists and holidays, read instead of the "
		 "installed ones when the file exists"},
	{.key = "case_plan_domains", CONFIG_WORDS_FIELD(case_plan_domains),
	 .min = 1, .max = CONFIG_NOTE_TYPES_MAX, .def_text = "housing,health,mental_health,other",
	 .name_min = 2, .name_max = CONFIG_NOTE_TYPE_NAME_SIZE - 1, .name_noun = "domain name",
	 .wanted = "a list of domain names such as [housing, other]", .required_name = "other",
	 .help = "Need domains a case-plan goal may target besides the Central Eight"},
	{.key = "case_plan_review_days", CONFIG_INT_FIELD(case_plan_review_days),
	 .min = 30, .max = 365, .def = 90,
	 .help = "Days from a case-plan review (or its creation) to the next review"},
	{.key = "review_due_days", CONFIG_INT_FIELD(review_due_days),
	 .min = 1, .max = 60, .def = 10,
	 .help = "Days from a submission for review to the date the review is due"},
	{.key = "case_plan_review", CONFIG_CHOICE_FIELD(case_plan_review, config_review_modes),
	 .def = CONFIG_REVIEW_REQUIRED, .wanted = CONFIG_REVIEW_WANTED,
	 .help = "QA review of signed case plans: every one (required), a monthly sample "
		 "(sampled) or none unless asked for (off)"},
	{.key = "release_plan_review", CONFIG_CHOICE_FIELD(release_plan_review, config_review_modes),
	 .def = CONFIG_REVIEW_REQUIRED, .wanted = CONFIG_REVIEW_WANTED,
	 .help = "QA review of release plans: each one once every section is settled "
		 "(required), a monthly sample by release date (sampled) or none unless asked "
		 "for (off)"},
};

#define CONFIG_NSETTINGS (sizeof config_settings / sizeof config_settings[0])

/* In bit order, which is also the order config_dump writes them in. */
static const struct {
	const char *name;
	unsigned bit;
} config_roles[] = {
	{"intern", CONFIG_ROLE_INTERN},
	{"caseworker", CONFIG_ROLE_CASEWORKER},
	{"lead", CONFIG_ROLE_LEAD},
	{"admin", CONFIG_ROLE_ADMIN},
	{"auditor", CONFIG_ROLE_AUDITOR},
};
/* clang-format on */

#define CONFIG_NROLES (sizeof config_roles / sizeof config_roles[0])

static void *config_field(struct config *config, const struct config_setting *s)
{
	return (char *)config + s->offset;
}

static const void *config_cfield(const struct config *config, const struct config_setting *s)
{
	return (const char *)config + s->offset;
}

void config_defaults(struct config *config)
{
	/* zeroed first so padding and the unused tails of the text buffers compare equal */
	memset(config, 0, sizeof *config);
	for (size_t i = 0; i < CONFIG_NSETTINGS; i++) {
		const struct config_setting *s = &config_settings[i];
		void *field = config_field(config, s);
		switch (s->type) {
		case CONFIG_STRING:
			str_copy(field, s->size, s->def_text);
			break;
		case CONFIG_INT:
			*(int *)field = (int)s->def;
			break;
		case CONFIG_CHOICE:
			*(int *)field = (int)s->def;
			break;
		case CONFIG_BOOL:
			*(bool *)field = s->def != 0;
			break;
		case CONFIG_ROLES:
			*(unsigned *)field = (unsigned)s->def;
			break;
		case CONFIG_WORDS:
			str_copy(field, s->size, s->def_text);
			break;
		}
	}
}

/* "lead and admin", "intern, lead and admin": the roles of mask in bit order. */
static void config_put_roles(struct strbuf *out, unsigned mask)
{
	size_t total = 0, done = 0;
	for (size_t i = 0; i < CONFIG_NROLES; i++)
		total += (mask & config_roles[i].bit) != 0;
	for (size_t i = 0; i < CONFIG_NROLES; i++) {
		if (!(mask & config_roles[i].bit))
			continue;
		if (done > 0)
			strbuf_puts(out, done + 1 == total ? " and " : ", ");
		strbuf_puts(out, config_roles[i].name);
		done++;
	}
}

static const char *config_type_name(enum config_type type)
{
	switch (type) {
	case CONFIG_STRING:
		return "string";
	case CONFIG_INT:
		return "integer";
	case CONFIG_BOOL:
		return "boolean";
	case CONFIG_ROLES:
		return "role list";
	case CONFIG_WORDS:
		return "name list";
	case CONFIG_CHOICE:
		return "word";
	}
	return "?";
}

/* "required, sampled or off" */
static void config_put_choices(struct strbuf *out, const struct config_setting *s)
{
	for (size_t i = 0; s->choices[i]; i++)
		strbuf_printf(out, "%s%s", i == 0 ? "" : s->choices[i + 1] ? ", " : " or ",
			      s->choices[i]);
}

static void config_put_bounds(struct strbuf *out, const struct config_setting *s)
{
	switch (s->type) {
	case CONFIG_STRING:
		strbuf_printf(out, "1 to %zu bytes", s->size - 1);
		break;
	case CONFIG_INT:
		strbuf_printf(out, "%ld to %ld", s->min, s->max);
		break;
	case CONFIG_BOOL:
		strbuf_puts(out, "true or false");
		break;
	case CONFIG_ROLES:
		strbuf_puts(out, "must include ");
		config_put_roles(out, s->required_roles);
		break;
	case CONFIG_WORDS:
		strbuf_printf(out, "%ld to %ld names of a-z, 0-9, _", s->min, s->max);
		if (s->required_name)
			strbuf_printf(out, "; must include %s", s->required_name);
		break;
	case CONFIG_CHOICE:
		config_put_choices(out, s);
		break;
	}
}

/* A YAML flow sequence of the roles in mask: "[lead, admin]". */
static void config_put_role_list(struct strbuf *out, unsigned mask)
{
	strbuf_putc(out, '[');
	bool first = true;
	for (size_t i = 0; i < CONFIG_NROLES; i++) {
		if (!(mask & config_roles[i].bit))
			continue;
		strbuf_puts(out, first ? "" : ", ");
		strbuf_puts(out, config_roles[i].name);
		first = false;
	}
	strbuf_putc(out, ']');
}

/* A YAML double-quoted scalar that reads back as exactly s. Anything a terminal or YAML
 * reader could take for something else (controls, line separators, bidi overrides) is
 * escaped; a byte that is not UTF-8 cannot be written in YAML at all and becomes U+FFFD. */
static void config_put_quoted(struct strbuf *out, const char *s)
{
	size_t len = strlen(s);
	strbuf_putc(out, '"');
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID)
			strbuf_puts(out, "\\uFFFD");
		else if (cp == '"' || cp == '\\')
			strbuf_printf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			strbuf_puts(out, "\\n");
		else if (cp == '\t')
			strbuf_puts(out, "\\t");
		else if (cp < 0x20 || cp == 0x7F)
			strbuf_printf(out, "\\x%02X", (unsigned)cp);
		else if (text_is_unsafe(cp) || cp == 0xFEFF)
			strbuf_printf(out, "\\u%04X", (unsigned)cp);
		else
			strbuf_append(out, s + i, n);
		i += n;
	}
	strbuf_putc(out, '"');
}

/* True when the len bytes at name can be written as a plain YAML scalar that every reader
 * takes for that text: letters, digits and _ only, starting with a letter, and none of the
 * words YAML 1.1 reads as a boolean or null. Anything else is written quoted. */
static bool config_plain_name_ok(const char *name, size_t len)
{
	static const char *const special[] = {"y", "n", "yes", "no", "on", "off", "true", "false",
					      "null"};
	if (len == 0 || name[0] < 'a' || name[0] > 'z')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (len == strlen(special[i]) && memcmp(name, special[i], len) == 0)
			return false;
	return true;
}

/* A YAML flow sequence of the names in text (len bytes, joined by commas): "[a, b]". */
static void config_put_word_list(struct strbuf *out, const char *text, size_t len)
{
	strbuf_putc(out, '[');
	const char *p = text;
	const char *end = text + len;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t n = comma ? (size_t)(comma - p) : (size_t)(end - p);
		if (p > text)
			strbuf_puts(out, ", ");
		if (config_plain_name_ok(p, n)) {
			strbuf_append(out, p, n);
		} else {
			struct strbuf name;
			strbuf_init(&name);
			strbuf_append(&name, p, n);
			config_put_quoted(out, name.buf);
			strbuf_clear(&name);
		}
		p = comma ? comma + 1 : end;
		if (comma && p == end) /* "a,": an empty last name */
			strbuf_puts(out, ", \"\"");
	}
	strbuf_putc(out, ']');
}

/* True when s can be written as a literal block scalar: valid UTF-8 and nothing but
 * printable text, line breaks and tabs (a literal block has no escapes). */
static bool config_literal_ok(const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID || cp == 0xFEFF)
			return false;
		if (cp != '\n' && cp != '\t' && text_is_unsafe(cp))
			return false;
		i += n;
	}
	return true;
}

/* A literal block scalar ("|") indented by two spaces. The chomping indicator keeps the
 * trailing newlines exactly ("-" none, clip one, "+" several). The indentation indicator is
 * needed when the first non-empty line starts with white space, which YAML would otherwise
 * take for indentation. */
static void config_put_literal(struct strbuf *out, const char *s)
{
	size_t len = strlen(s);
	size_t trailing = 0;
	while (trailing < len && s[len - 1 - trailing] == '\n')
		trailing++;
	const char *first = s;
	while (*first == '\n')
		first++;
	strbuf_putc(out, '|');
	if (*first == ' ' || *first == '\t')
		strbuf_putc(out, '2');
	if (trailing == 0)
		strbuf_putc(out, '-');
	else if (trailing > 1)
		strbuf_putc(out, '+');
	strbuf_putc(out, '\n');
	const char *p = s;
	const char *end = s + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 0) {
			strbuf_puts(out, "  ");
			strbuf_append(out, p, n);
		}
		strbuf_putc(out, '\n');
		p += n + (nl != NULL);
	}
}

static void config_put_default(struct strbuf *out, const struct config_setting *s)
{
	switch (s->type) {
	case CONFIG_STRING:
		if (s->multiline)
			strbuf_puts(out, "(system-use notice)");
		else
			config_put_quoted(out, s->def_text);
		break;
	case CONFIG_INT:
		strbuf_printf(out, "%ld", s->def);
		break;
	case CONFIG_BOOL:
		strbuf_puts(out, s->def ? "true" : "false");
		break;
	case CONFIG_ROLES:
		config_put_role_list(out, (unsigned)s->def);
		break;
	case CONFIG_WORDS:
		config_put_word_list(out, s->def_text, strlen(s->def_text));
		break;
	case CONFIG_CHOICE:
		strbuf_puts(out, s->choices[s->def]);
		break;
	}
}

void config_describe(struct strbuf *out)
{
	/* columns: key, type, default, bounds; padded to the widest entry (all ASCII) */
	size_t width[4] = {0, 0, 0, 0};
	struct strbuf cell;
	strbuf_init(&cell);
	for (size_t i = 0; i < CONFIG_NSETTINGS; i++) {
		const struct config_setting *s = &config_settings[i];
		size_t w[4] = {strlen(s->key), strlen(config_type_name(s->type)), 0, 0};
		strbuf_reset(&cell);
		config_put_default(&cell, s);
		w[2] = cell.len;
		strbuf_reset(&cell);
		config_put_bounds(&cell, s);
		w[3] = cell.len;
		for (int c = 0; c < 4; c++)
			width[c] = w[c] > width[c] ? w[c] : width[c];
	}
	for (size_t i = 0; i < CONFIG_NSETTINGS; i++) {
		const struct config_setting *s = &config_settings[i];
		strbuf_printf(out, "%-*s  %-*s  ", (int)width[0], s->key, (int)width[1],
			      config_type_name(s->type));
		strbuf_reset(&cell);
		config_put_default(&cell, s);
		strbuf_printf(out, "%-*s  ", (int)width[2], cell.buf);
		strbuf_reset(&cell);
		config_put_bounds(&cell, s);
		strbuf_printf(out, "%-*s  %s\n", (int)width[3], cell.buf, s->help);
	}
	strbuf_clear(&cell);
}

/* The word of a choice; "?" for an index outside the list (a field filled by hand). */
static const char *config_choice_name(const struct config_setting *s, int index)
{
	for (int i = 0; s->choices[i]; i++)
		if (i == index)
			return s->choices[i];
	return "?";
}

void config_dump(const struct config *config, struct strbuf *out)
{
	strbuf_puts(out, "# caseload configuration: the effective values.\n");
	/* No blank lines between settings: after a banner kept with "|+" they would become part
	 * of it. The comment lines end the block scalar instead. */
	for (size_t i = 0; i < CONFIG_NSETTINGS; i++) {
		const struct config_setting *s = &config_settings[i];
		const void *field = config_cfield(config, s);
		strbuf_printf(out, "# %s (", s->help);
		config_put_bounds(out, s);
		strbuf_printf(out, ")\n%s: ", s->key);
		switch (s->type) {
		case CONFIG_STRING: {
			/* the field may lack its terminator if a caller filled it by hand */
			char text[CONFIG_TEXT_SIZE];
			size_t n = strnlen(field, s->size < sizeof text ? s->size : sizeof text);
			n = n < sizeof text ? n : sizeof text - 1;
			memcpy(text, field, n);
			text[n] = '\0';
			if (s->multiline && config_literal_ok(text)) {
				config_put_literal(out, text);
				continue;
			}
			config_put_quoted(out, text);
			break;
		}
		case CONFIG_INT:
			strbuf_printf(out, "%d", *(const int *)field);
			break;
		case CONFIG_BOOL:
			strbuf_puts(out, *(const bool *)field ? "true" : "false");
			break;
		case CONFIG_ROLES:
			config_put_role_list(out, *(const unsigned *)field);
			break;
		case CONFIG_WORDS:
			/* the field may lack its terminator if a caller filled it by hand */
			config_put_word_list(out, field, strnlen(field, s->size));
			break;
		case CONFIG_CHOICE:
			strbuf_puts(out, config_choice_name(s, *(const int *)field));
			break;
		}
		strbuf_putc(out, '\n');
	}
}

/* ---- loading ---------------------------------------------------------------------------- */

struct config_loader {
	const char *path;          /* as shown in messages: sanitized */
	const unsigned char *text; /* the whole file, to place reader errors (they have no mark) */
	size_t len;
	yaml_parser_t parser;
	struct strbuf *errors; /* may be NULL: then problems are only counted */
	int nerrors;
	bool stop;  /* after a syntax error or too many problems: read no further */
	bool nomem; /* libyaml ran out of memory */
	bool alias_reported;
	struct config staged;
	bool seen[CONFIG_NSETTINGS];
	yaml_mark_t first[CONFIG_NSETTINGS]; /* where each setting was set, for duplicates */
};

static void config_report(struct config_loader *ld, yaml_mark_t mark, const char *message)
{
	if (ld->stop)
		return;
	if (++ld->nerrors > CONFIG_MAX_ERRORS) {
		message = "too many problems; fix the ones above first";
		ld->stop = true;
	}
	if (ld->errors)
		strbuf_printf(ld->errors, "%s:%zu:%zu: %s\n", ld->path, mark.line + 1,
			      mark.column + 1, message);
}

static void config_error(struct config_loader *ld, yaml_mark_t mark, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void config_error(struct config_loader *ld, yaml_mark_t mark, const char *fmt, ...)
{
	struct strbuf msg;
	strbuf_init(&msg);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	config_report(ld, mark, msg.buf);
	strbuf_clear(&msg);
}

/* A value from the file as a message may show it: sanitized so no escape sequence reaches
 * the terminal, and cut short so one huge value cannot flood the screen. */
static void config_put_echo(struct strbuf *out, const char *s)
{
	if (text_width(s) > CONFIG_ECHO_COLUMNS)
		text_fit(out, s, CONFIG_ECHO_COLUMNS, TEXT_LEFT);
	else
		text_sanitize(out, s, false);
}

/* config_error with one %s filled by an echoed copy of value. */
static void config_error_echo(struct config_loader *ld, yaml_mark_t mark, const char *fmt,
			      const char *value)
{
	struct strbuf echo;
	strbuf_init(&echo);
	config_put_echo(&echo, value);
	config_error(ld, mark, fmt, echo.buf);
	strbuf_clear(&echo);
}

/* config_error_echo, followed by "(did you mean 'hint'?)" when there is a hint. */
static void config_error_hint(struct config_loader *ld, yaml_mark_t mark, const char *fmt,
			      const char *value, const char *hint)
{
	struct strbuf msg;
	strbuf_init(&msg);
	struct strbuf echo;
	strbuf_init(&echo);
	config_put_echo(&echo, value);
	strbuf_printf(&msg, fmt, echo.buf);
	if (hint)
		strbuf_printf(&msg, " (did you mean '%s'?)", hint);
	config_report(ld, mark, msg.buf);
	strbuf_clear(&echo);
	strbuf_clear(&msg);
}

/* libyaml's reader reports a byte offset, not a mark; count lines and characters to it. */
static yaml_mark_t config_mark_at(const struct config_loader *ld, size_t offset)
{
	yaml_mark_t mark = {0, 0, 0};
	if (offset > ld->len)
		offset = ld->len;
	mark.index = offset;
	for (size_t i = 0; i < offset; i++) {
		if (ld->text[i] == '\n') {
			mark.line++;
			mark.column = 0;
		} else if ((ld->text[i] & 0xC0) != 0x80) {
			mark.column++;
		}
	}
	return mark;
}

static void config_syntax_error(struct config_loader *ld)
{
	const yaml_parser_t *p = &ld->parser;
	const char *problem = p->problem ? p->problem : "malformed YAML";
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		ld->nomem = true;
		config_report(ld, config_mark_at(ld, 0), "out of memory while reading the file");
		break;
	case YAML_READER_ERROR: {
		/* a bad trailing byte is reported at its own offset; the sequence it spoils
		 * starts at the lead byte before it, which is where an editor shows the damage */
		size_t offset = p->problem_offset;
		if (strstr(problem, "trailing") && offset <= ld->len) {
			while (offset > 0 && (ld->text[offset - 1] & 0xC0) == 0x80)
				offset--;
			if (offset > 0 && ld->text[offset - 1] >= 0xC0)
				offset--;
		}
		yaml_mark_t mark = config_mark_at(ld, offset);
		if (p->problem_value < 0)
			config_error(ld, mark, "not valid UTF-8 text: %s", problem);
		else if (strstr(problem, "UTF-8"))
			config_error(ld, mark, "not valid UTF-8 text: %s (byte 0x%02X)", problem,
				     (unsigned)p->problem_value);
		else
			config_error(ld, mark, "not valid text: %s (U+%04X)", problem,
				     (unsigned)p->problem_value);
		break;
	}
	default:
		if (p->context)
			config_error(ld, p->problem_mark,
				     "syntax error: %s (%s that starts at line %zu, column %zu)",
				     problem, p->context, p->context_mark.line + 1,
				     p->context_mark.column + 1);
		else
			config_error(ld, p->problem_mark, "syntax error: %s", problem);
		break;
	}
	ld->stop = true;
}

/* The next event, or false when there is none to have: after a syntax error (reported
 * here) or once loading has stopped. Aliases and tags are refused here, once for all
 * callers; the event is still handed on so that the caller can step over it. */
static bool config_next(struct config_loader *ld, yaml_event_t *ev)
{
	if (ld->stop)
		return false;
	if (!yaml_parser_parse(&ld->parser, ev)) {
		config_syntax_error(ld);
		return false;
	}
	const yaml_char_t *tag = NULL;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		/* An alias repeats a node by reference; nested ones grow exponentially when
		 * expanded (billion laughs). Settings are few and short: write them out. Once is
		 * enough to say so: a hostile file would otherwise fill the list with them. */
		if (ld->alias_reported)
			break;
		ld->alias_reported = true;
		config_error_echo(
		    ld, ev->start_mark,
		    "aliases (*%s) are not allowed in the configuration; write the value "
		    "out",
		    (const char *)ev->data.alias.anchor);
		break;
	case YAML_SCALAR_EVENT:
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	/* a tag such as !include promises a meaning this loader would silently not give */
	if (tag)
		config_error_echo(ld, ev->start_mark,
				  "tags (%s) are not allowed in the configuration",
				  (const char *)tag);
	return true;
}

static bool config_is_start(const yaml_event_t *ev)
{
	return ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT;
}

/* Steps over the rest of the node that ev starts (nothing to do for a scalar or alias).
 * Iterative, so deep nesting cannot exhaust the stack. */
static bool config_skip(struct config_loader *ld, const yaml_event_t *ev)
{
	if (!config_is_start(ev))
		return true;
	size_t depth = 1;
	while (depth > 0) {
		yaml_event_t next;
		if (!config_next(ld, &next))
			return false;
		if (config_is_start(&next))
			depth++;
		else if (next.type == YAML_SEQUENCE_END_EVENT ||
			 next.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&next);
	}
	return true;
}

static const char *config_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "a single value";
	}
}

static const char *config_scalar(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

static bool config_is_plain(const yaml_event_t *ev)
{
	return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* YAML's null: an empty plain value ("key:") or ~ / null. */
static bool config_is_null(const yaml_event_t *ev)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	if (ev->type != YAML_SCALAR_EVENT || !config_is_plain(ev))
		return false;
	for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (strcmp(config_scalar(ev), nulls[i]) == 0)
			return true;
	return false;
}

/* Close enough to be a typing slip: more slack for longer names. */
static bool config_is_near(const char *typed, const char *name)
{
	size_t n = strlen(name);
	size_t limit = n >= 8 ? 3 : n >= 5 ? 2 : 1;
	return text_name_distance(typed, name, true) <= limit;
}

static const struct config_setting *config_find(const yaml_event_t *key)
{
	for (size_t i = 0; i < CONFIG_NSETTINGS; i++)
		if (key->data.scalar.length == strlen(config_settings[i].key) &&
		    strcmp(config_scalar(key), config_settings[i].key) == 0)
			return &config_settings[i];
	return NULL;
}

static const char *config_suggest_key(const char *typed)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	for (size_t i = 0; i < CONFIG_NSETTINGS; i++) {
		size_t d = text_name_distance(typed, config_settings[i].key, true);
		if (d < best_d && config_is_near(typed, config_settings[i].key)) {
			best = config_settings[i].key;
			best_d = d;
		}
	}
	return best;
}

/* The setting key names, or NULL after reporting why its value is to be skipped. */
static const struct config_setting *config_key(struct config_loader *ld, const yaml_event_t *key)
{
	const char *name = config_scalar(key);
	const struct config_setting *s = config_find(key);
	if (!s) {
		const char *hint = config_suggest_key(name);
		if (key->data.scalar.length == 0)
			config_report(ld, key->start_mark, "a setting name is missing before ':'");
		else
			config_error_hint(ld, key->start_mark, "unknown setting '%s'", name, hint);
		return NULL;
	}
	size_t i = (size_t)(s - config_settings);
	if (ld->seen[i]) {
		config_error(ld, key->start_mark,
			     "duplicate setting '%s' (first set at line %zu, column %zu)", s->key,
			     ld->first[i].line + 1, ld->first[i].column + 1);
		return NULL;
	}
	ld->seen[i] = true;
	ld->first[i] = key->start_mark;
	return s;
}

/* What a setting's value must be, for "X must be <what>, not ..." messages. */
static const char *config_wanted(const struct config_setting *s)
{
	switch (s->type) {
	case CONFIG_STRING:
		return "text";
	case CONFIG_INT:
		return "a whole number";
	case CONFIG_BOOL:
		return "true or false";
	case CONFIG_ROLES:
		return "a list of roles such as [lead, admin]";
	case CONFIG_WORDS:
		return s->wanted;
	case CONFIG_CHOICE:
		return s->wanted;
	}
	return "?";
}

/* True when val is a scalar with a value; otherwise reports why not (an alias has been
 * reported already). */
static bool config_want_scalar(struct config_loader *ld, const struct config_setting *s,
			       const yaml_event_t *val)
{
	if (val->type == YAML_ALIAS_EVENT)
		return false;
	if (val->type != YAML_SCALAR_EVENT) {
		config_error(ld, val->start_mark, "%s must be %s, not %s", s->key, config_wanted(s),
			     config_kind(val));
		return false;
	}
	if (config_is_null(val)) {
		config_error(ld, val->start_mark,
			     "%s has no value; give %s, or remove the line to keep the default",
			     s->key, config_wanted(s));
		return false;
	}
	return true;
}

static void config_set_string(struct config_loader *ld, const struct config_setting *s,
			      const yaml_event_t *val)
{
	const char *v = config_scalar(val);
	size_t len = val->data.scalar.length;
	bool blank = true;
	/* libyaml has checked the file's bytes, but escapes ("\e", "\u202E", "\0") in quoted
	 * text make any code point; the banner and facility name go straight to the screen */
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_decode(v + i, len - i, &cp);
		if (cp == TEXT_INVALID) {
			config_error(ld, val->start_mark, "%s is not valid UTF-8 text", s->key);
			return;
		}
		bool allowed = s->multiline && (cp == '\n' || cp == '\t');
		if (!allowed && (text_is_unsafe(cp) || cp == 0xFEFF)) {
			config_error(
			    ld, val->start_mark,
			    "%s contains U+%04X, a control or formatting character; it may "
			    "hold only printable text%s",
			    s->key, (unsigned)cp, s->multiline ? ", line breaks and tabs" : "");
			return;
		}
		if (cp != ' ' && cp != '\n' && cp != '\t')
			blank = false;
		i += n;
	}
	if (len >= s->size) {
		config_error(ld, val->start_mark, "%s is %zu bytes long; at most %zu allowed",
			     s->key, len, s->size - 1);
		return;
	}
	if (blank) {
		config_error(ld, val->start_mark, "%s must not be empty%s", s->key,
			     s->multiline ? "; the system-use notice is shown before sign-in" : "");
		return;
	}
	char *field = config_field(&ld->staged, s);
	memcpy(field, v, len);
	field[len] = '\0';
}

/* Decimal only, optional sign; saturates instead of overflowing (it is out of bounds then
 * anyway). *leading_zero: YAML 1.1 readers take "015" for octal 13, so it is refused. */
static bool config_parse_int(const char *s, size_t len, long long *out, bool *leading_zero)
{
	size_t i = 0;
	bool negative = false;
	*leading_zero = false;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		negative = s[i++] == '-';
	if (i == len)
		return false;
	bool zero_first = s[i] == '0' && len - i > 1;
	long long v = 0;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		int digit = s[i] - '0';
		v = v > (LLONG_MAX - digit) / 10 ? LLONG_MAX : v * 10 + digit;
	}
	*out = negative ? -v : v;
	*leading_zero = zero_first;
	return !zero_first;
}

static void config_set_int(struct config_loader *ld, const struct config_setting *s,
			   const yaml_event_t *val)
{
	const char *v = config_scalar(val);
	struct strbuf echo;
	strbuf_init(&echo);
	config_put_echo(&echo, v);
	long long n;
	bool leading_zero;
	if (!config_is_plain(val))
		config_error(ld, val->start_mark,
			     "%s must be a whole number, not the text \"%s\" (remove the quotes)",
			     s->key, echo.buf);
	else if (!config_parse_int(v, val->data.scalar.length, &n, &leading_zero))
		config_error(ld, val->start_mark,
			     leading_zero ? "%s must be written without leading zeros, not \"%s\""
					  : "%s must be a whole number, not \"%s\"",
			     s->key, echo.buf);
	else if (n < s->min || n > s->max)
		config_error(ld, val->start_mark,
			     "%s is %s; allowed %ld to %ld (may only be made stricter than the "
			     "default %ld)",
			     s->key, echo.buf, s->min, s->max, s->def);
	else
		*(int *)config_field(&ld->staged, s) = (int)n;
	strbuf_clear(&echo);
}

static void config_set_bool(struct config_loader *ld, const struct config_setting *s,
			    const yaml_event_t *val)
{
	/* YAML 1.1 spellings; on/off and y/n are left out as too easy to write by accident */
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
	const char *v = config_scalar(val);
	if (config_is_plain(val)) {
		for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
			if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
				*(bool *)config_field(&ld->staged, s) = strcmp(v, yes[i]) == 0;
				return;
			}
		}
	}
	struct strbuf echo;
	strbuf_init(&echo);
	config_put_echo(&echo, v);
	config_error(ld, val->start_mark, "%s must be true or false, not %s\"%s\"%s", s->key,
		     config_is_plain(val) ? "" : "the text ", echo.buf,
		     config_is_plain(val) ? "" : " (remove the quotes)");
	strbuf_clear(&echo);
}

static void config_set_choice(struct config_loader *ld, const struct config_setting *s,
			      const yaml_event_t *val)
{
	const char *v = config_scalar(val);
	for (int i = 0; s->choices[i]; i++) {
		if (strcmp(v, s->choices[i]) == 0) {
			*(int *)config_field(&ld->staged, s) = i;
			return;
		}
	}
	struct strbuf echo, allowed;
	strbuf_init(&echo);
	strbuf_init(&allowed);
	config_put_echo(&echo, v);
	config_put_choices(&allowed, s);
	config_error(ld, val->start_mark, "%s must be %s, not \"%s\"", s->key, allowed.buf,
		     echo.buf);
	strbuf_clear(&echo);
	strbuf_clear(&allowed);
}

static unsigned config_role_bit(const char *name, size_t len)
{
	for (size_t i = 0; i < CONFIG_NROLES; i++)
		if (len == strlen(config_roles[i].name) && strcmp(name, config_roles[i].name) == 0)
			return config_roles[i].bit;
	return 0;
}

static void config_unknown_role(struct config_loader *ld, const struct config_setting *s,
				const yaml_event_t *item)
{
	const char *typed = config_scalar(item);
	const char *hint = NULL;
	for (size_t i = 0; i < CONFIG_NROLES && !hint; i++)
		if (config_is_near(typed, config_roles[i].name))
			hint = config_roles[i].name;
	struct strbuf echo;
	strbuf_init(&echo);
	config_put_echo(&echo, typed);
	if (hint) {
		config_error(ld, item->start_mark, "unknown role '%s' in %s (did you mean '%s'?)",
			     echo.buf, s->key, hint);
	} else {
		struct strbuf all;
		strbuf_init(&all);
		config_put_roles(&all, CONFIG_ROLE_INTERN | CONFIG_ROLE_CASEWORKER |
					   CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN |
					   CONFIG_ROLE_AUDITOR);
		config_error(ld, item->start_mark, "unknown role '%s' in %s; the roles are %s",
			     echo.buf, s->key, all.buf);
		strbuf_clear(&all);
	}
	strbuf_clear(&echo);
}

/* val has started a sequence; reads it to its end. False when loading stopped. */
static bool config_set_roles(struct config_loader *ld, const struct config_setting *s,
			     const yaml_event_t *val)
{
	unsigned roles = 0;
	bool bad = false;
	for (;;) {
		yaml_event_t item;
		if (!config_next(ld, &item))
			return false;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			break;
		}
		bool ok = true;
		if (item.type == YAML_SCALAR_EVENT) {
			unsigned bit =
			    config_role_bit(config_scalar(&item), item.data.scalar.length);
			if (bit)
				roles |= bit;
			else
				config_unknown_role(ld, s, &item);
			bad |= bit == 0;
		} else {
			bad = true;
			if (item.type != YAML_ALIAS_EVENT)
				config_error(ld, item.start_mark,
					     "each entry of %s must be a role name, not %s", s->key,
					     config_kind(&item));
			ok = config_skip(ld, &item);
		}
		yaml_event_delete(&item);
		if (!ok)
			return false;
	}
	if (bad)
		return true;
	unsigned missing = s->required_roles & ~roles;
	if (missing) {
		struct strbuf need, lack;
		strbuf_init(&need);
		strbuf_init(&lack);
		config_put_roles(&need, s->required_roles);
		config_put_roles(&lack, missing);
		config_error(ld, val->start_mark,
			     "%s must include %s; %s %s missing (roles may only "
			     "be added)",
			     s->key, need.buf, lack.buf, (missing & (missing - 1)) ? "are" : "is");
		strbuf_clear(&need);
		strbuf_clear(&lack);
		return true;
	}
	*(unsigned *)config_field(&ld->staged, s) = roles;
	return true;
}

/* One entry of a CONFIG_WORDS list, as it is read. */
struct config_word {
	size_t offset, len; /* in the joined text */
	yaml_mark_t mark;
};

/* Checks one name of a CONFIG_WORDS list and adds it to joined and words. False (after
 * saying why) when it is not a name the list may hold. */
static bool config_add_word(struct config_loader *ld, const struct config_setting *s,
			    const yaml_event_t *item, struct strbuf *joined,
			    struct config_word **words, size_t *n, size_t *cap)
{
	const char *name = config_scalar(item);
	size_t len = item->data.scalar.length;
	bool chars_ok = true;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			chars_ok = false;
	}
	const struct config_word *first = NULL;
	for (size_t i = 0; i < *n && !first; i++) {
		const struct config_word *w = &(*words)[i];
		if (w->len == len && memcmp(joined->buf + w->offset, name, len) == 0)
			first = w;
	}
	struct strbuf echo;
	strbuf_init(&echo);
	config_put_echo(&echo, name);
	if (!chars_ok)
		config_error(ld, item->start_mark, "invalid %s '%s' in %s: use a-z, 0-9 and _",
			     s->name_noun, echo.buf, s->key);
	else if (len < s->name_min || len > s->name_max)
		config_error(ld, item->start_mark,
			     "invalid %s '%s' in %s: use %zu to %zu characters", s->name_noun,
			     echo.buf, s->key, s->name_min, s->name_max);
	else if (first)
		config_error(ld, item->start_mark,
			     "duplicate %s '%s' in %s (first listed at line %zu, column %zu)",
			     s->name_noun, echo.buf, s->key, first->mark.line + 1,
			     first->mark.column + 1);
	strbuf_clear(&echo);
	if (!chars_ok || len < s->name_min || len > s->name_max || first)
		return false;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*words = xrealloc(*words, *cap * sizeof **words);
	}
	if (joined->len > 0)
		strbuf_putc(joined, ',');
	(*words)[(*n)++] = (struct config_word){joined->len, len, item->start_mark};
	strbuf_append(joined, name, len);
	return true;
}

/* Checks a CONFIG_WORDS list as a whole (how many names, the one that must be there) and
 * stores it. Said at the start of the list, so only when no entry was wrong: those come
 * later in the file, and one of them may be the name that seems to be missing. */
static void config_store_words(struct config_loader *ld, const struct config_setting *s,
			       const yaml_event_t *val, const struct strbuf *joined,
			       const struct config_word *words, size_t n)
{
	bool has_required = s->required_name == NULL;
	for (size_t i = 0; i < n && !has_required; i++)
		has_required = words[i].len == strlen(s->required_name) &&
			       memcmp(joined->buf + words[i].offset, s->required_name,
				      words[i].len) == 0;
	bool ok = has_required;
	if (n > (size_t)s->max) {
		config_error(ld, val->start_mark, "%s has %zu %ss; at most %ld allowed", s->key, n,
			     s->name_noun, s->max);
		ok = false;
	} else if (n < (size_t)s->min && has_required) {
		config_error(ld, val->start_mark, "%s has %zu %ss; at least %ld needed", s->key, n,
			     s->name_noun, s->min);
		ok = false;
	}
	if (!has_required)
		config_error(ld, val->start_mark, "%s must include %s", s->key, s->required_name);
	if (ok && joined->len >= s->size) {
		/* cannot happen within the bounds (a static assertion says so); never cut short */
		config_error(ld, val->start_mark, "%s is %zu bytes long; at most %zu allowed",
			     s->key, joined->len, s->size - 1);
		ok = false;
	}
	if (ok) {
		char *field = config_field(&ld->staged, s);
		memset(field, 0, s->size);
		memcpy(field, joined->buf, joined->len);
	}
}

/* val has started a sequence; reads it to its end. False when loading stopped. */
static bool config_set_words(struct config_loader *ld, const struct config_setting *s,
			     const yaml_event_t *val)
{
	struct strbuf joined;
	strbuf_init(&joined);
	struct config_word *words = NULL;
	size_t n = 0, cap = 0;
	bool bad = false, ok = true;
	for (;;) {
		yaml_event_t item;
		if (!config_next(ld, &item)) {
			ok = false;
			break;
		}
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			break;
		}
		if (item.type == YAML_SCALAR_EVENT) {
			bad |= !config_add_word(ld, s, &item, &joined, &words, &n, &cap);
		} else {
			bad = true;
			if (item.type != YAML_ALIAS_EVENT)
				config_error(ld, item.start_mark,
					     "each entry of %s must be a %s, not %s", s->key,
					     s->name_noun, config_kind(&item));
			ok = config_skip(ld, &item);
		}
		yaml_event_delete(&item);
		if (!ok)
			break;
	}
	if (ok && !bad)
		config_store_words(ld, s, val, &joined, words, n);
	free(words);
	strbuf_clear(&joined);
	return ok;
}

/* Applies val (the first event of the value node) to setting s, reading the whole node.
 * False when loading stopped. */
static bool config_set(struct config_loader *ld, const struct config_setting *s,
		       const yaml_event_t *val)
{
	if (s->type == CONFIG_ROLES && val->type == YAML_SEQUENCE_START_EVENT)
		return config_set_roles(ld, s, val);
	if (s->type == CONFIG_WORDS && val->type == YAML_SEQUENCE_START_EVENT)
		return config_set_words(ld, s, val);
	if (config_want_scalar(ld, s, val)) {
		switch (s->type) {
		case CONFIG_STRING:
			config_set_string(ld, s, val);
			break;
		case CONFIG_INT:
			config_set_int(ld, s, val);
			break;
		case CONFIG_BOOL:
			config_set_bool(ld, s, val);
			break;
		case CONFIG_CHOICE:
			config_set_choice(ld, s, val);
			break;
		case CONFIG_ROLES:
		case CONFIG_WORDS:
			config_error(ld, val->start_mark, "%s must be %s, not a single value",
				     s->key, config_wanted(s));
			break;
		}
	}
	return config_skip(ld, val);
}

/* The settings mapping, after its MAPPING-START. False when loading stopped. */
static bool config_parse_mapping(struct config_loader *ld)
{
	for (;;) {
		yaml_event_t key;
		if (!config_next(ld, &key))
			return false;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return true;
		}
		const struct config_setting *s = NULL;
		bool ok = true;
		if (key.type == YAML_SCALAR_EVENT) {
			s = config_key(ld, &key);
		} else if (key.type != YAML_ALIAS_EVENT) {
			config_error(ld, key.start_mark, "a setting name is expected here, not %s",
				     config_kind(&key));
			ok = config_skip(ld, &key);
		}
		yaml_event_delete(&key);
		if (!ok)
			return false;
		yaml_event_t val;
		if (!config_next(ld, &val))
			return false;
		ok = s ? config_set(ld, s, &val) : config_skip(ld, &val);
		yaml_event_delete(&val);
		if (!ok)
			return false;
	}
}

/* The document's top node, whose first event is root. False when loading stopped. */
static bool config_parse_root(struct config_loader *ld, const yaml_event_t *root)
{
	if (root->type == YAML_MAPPING_START_EVENT)
		return config_parse_mapping(ld);
	/* "---" alone, or "~": a document that says nothing, as an empty file does */
	if (config_is_null(root) || root->type == YAML_ALIAS_EVENT)
		return true;
	config_error(ld, root->start_mark,
		     "the file must be a mapping of settings (lines of key: value), not %s",
		     config_kind(root));
	return config_skip(ld, root);
}

static void config_parse(struct config_loader *ld)
{
	yaml_event_t ev;
	/* STREAM-START, then an empty stream or one document */
	if (!config_next(ld, &ev))
		return;
	yaml_event_delete(&ev);
	if (!config_next(ld, &ev))
		return;
	bool empty = ev.type == YAML_STREAM_END_EVENT;
	yaml_event_delete(&ev);
	if (empty || !config_next(ld, &ev))
		return;
	bool ok = config_parse_root(ld, &ev);
	yaml_event_delete(&ev);
	/* DOCUMENT-END, then the stream must end */
	if (!ok || !config_next(ld, &ev))
		return;
	yaml_event_delete(&ev);
	if (!config_next(ld, &ev))
		return;
	if (ev.type == YAML_DOCUMENT_START_EVENT)
		config_report(ld, ev.start_mark,
			      "a second document starts here; the configuration is one document");
	yaml_event_delete(&ev);
}

/* Reads the whole file (it is small: the limit says so). */
static enum cl_status config_read(FILE *f, const char *shown, struct strbuf *text,
				  struct strbuf *errors)
{
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (text->len + n > CONFIG_MAX_FILE_SIZE) {
			if (errors)
				strbuf_printf(
				    errors, "%s: larger than %d bytes; not a configuration file\n",
				    shown, CONFIG_MAX_FILE_SIZE);
			return CL_ERR_INVALID;
		}
		strbuf_append(text, chunk, n);
	}
	if (ferror(f)) {
		if (errors)
			strbuf_printf(errors, "%s: cannot read: %s\n", shown, strerror(errno));
		return CL_ERR_IO;
	}
	return CL_OK;
}

enum cl_status config_load(const char *path, bool optional, struct config *config,
			   struct strbuf *errors)
{
	config_defaults(config);
	struct strbuf shown;
	strbuf_init(&shown);
	text_sanitize(&shown, path, false);

	FILE *f = fopen(path, "rb");
	if (!f) {
		int err = errno;
		enum cl_status st = err == ENOENT ? CL_ERR_NOTFOUND : CL_ERR_IO;
		if (err == ENOENT && optional)
			st = CL_OK;
		else if (errors)
			strbuf_printf(errors, "%s: cannot open: %s\n", shown.buf, strerror(err));
		strbuf_clear(&shown);
		return st;
	}
	struct strbuf text;
	strbuf_init(&text);
	enum cl_status st = config_read(f, shown.buf, &text, errors);
	fclose(f);
	if (st != CL_OK) {
		strbuf_clear(&text);
		strbuf_clear(&shown);
		return st;
	}

	struct config_loader ld = {
	    .path = shown.buf,
	    .text = (const unsigned char *)text.buf,
	    .len = text.len,
	    .errors = errors,
	};
	config_defaults(&ld.staged);
	if (!yaml_parser_initialize(&ld.parser)) {
		strbuf_clear(&text);
		strbuf_clear(&shown);
		return CL_ERR_NOMEM;
	}
	/* UTF-16 and UTF-32 are refused along with every other non-UTF-8 byte, and reader
	 * offsets are then byte offsets into text */
	yaml_parser_set_encoding(&ld.parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&ld.parser, ld.text, ld.len);
	config_parse(&ld);
	yaml_parser_delete(&ld.parser);

	if (ld.nomem)
		st = CL_ERR_NOMEM;
	else if (ld.nerrors > 0)
		st = CL_ERR_INVALID;
	else
		*config = ld.staged;
	strbuf_clear(&text);
	strbuf_clear(&shown);
	return st;
}

/* ---- word lists: note types, case-plan domains --------------------------------------- */

/* The index-th name of a joined list of size bytes: where it starts and how long it is. */
static bool config_word_at(const char *list, size_t size, size_t index, const char **name,
			   size_t *len)
{
	const char *p = list;
	const char *end = p + strnlen(p, size);
	if (p == end)
		return false;
	for (size_t i = 0;; i++) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		if (i == index) {
			*name = p;
			*len = comma ? (size_t)(comma - p) : (size_t)(end - p);
			return true;
		}
		if (!comma)
			return false;
		p = comma + 1;
	}
}

static size_t config_word_count(const char *list, size_t size)
{
	size_t len = strnlen(list, size);
	if (len == 0)
		return 0;
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += list[i] == ',';
	return n;
}

static bool config_word(const char *list, size_t lsize, size_t index, char *out, size_t size)
{
	const char *name;
	size_t len;
	if (size > 0)
		out[0] = '\0';
	if (!config_word_at(list, lsize, index, &name, &len) || len >= size)
		return false;
	memcpy(out, name, len);
	out[len] = '\0';
	return true;
}

static bool config_word_valid(const char *list, size_t size, const char *name)
{
	if (!name || *name == '\0')
		return false;
	size_t want = strlen(name);
	const char *word;
	size_t len;
	for (size_t i = 0; config_word_at(list, size, i, &word, &len); i++)
		if (len == want && memcmp(word, name, len) == 0)
			return true;
	return false;
}

size_t config_note_type_count(const struct config *config)
{
	return config_word_count(config->note_types, sizeof config->note_types);
}

bool config_note_type(const struct config *config, size_t index, char *out, size_t size)
{
	return config_word(config->note_types, sizeof config->note_types, index, out, size);
}

bool config_note_type_valid(const struct config *config, const char *name)
{
	return config_word_valid(config->note_types, sizeof config->note_types, name);
}

size_t config_plan_domain_count(const struct config *config)
{
	return config_word_count(config->case_plan_domains, sizeof config->case_plan_domains);
}

bool config_plan_domain(const struct config *config, size_t index, char *out, size_t size)
{
	return config_word(config->case_plan_domains, sizeof config->case_plan_domains, index,
			   out, size);
}

bool config_plan_domain_valid(const struct config *config, const char *name)
{
	return config_word_valid(config->case_plan_domains, sizeof config->case_plan_domains,
				 name);
}
