/* The person record use cases: open (audited) and one-field-at-a-time changes. */
#include "caseload/record.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "caseload/audit.h"
#include "caseload/caseload.h"
#include "caseload/drafts.h"
#include "caseload/keydates.h"
#include "caseload/person_detail.h"
#include "caseload/people.h"
#include "caseload/permit.h"
#include "caseload/strbuf.h"
#include "caseload/text.h"

#define MIN_AGE 14
#define MAX_AGE 110
#define MAX_JAIL_CREDIT 3650
#define LANGUAGE_MAX_CHARS 40 /* the schema's limit */

struct field_def {
	const char *key;
	const char *label;
	enum person_field_group group;
};

static const struct field_def field_defs[PF_COUNT] = {
#define PERSON_FIELD_DEF(id, key, label, group) [id] = {key, label, group},
	PERSON_FIELD_LIST(PERSON_FIELD_DEF)
#undef PERSON_FIELD_DEF
};

const char *app_field_key(enum person_field field)
{
	return (unsigned)field < PF_COUNT ? field_defs[field].key : "?";
}

const char *app_field_label(enum person_field field)
{
	return (unsigned)field < PF_COUNT ? field_defs[field].label : "?";
}

enum person_field_group app_field_group(enum person_field field)
{
	return (unsigned)field < PF_COUNT ? field_defs[field].group : PF_GROUP_IDENTITY;
}

const char *app_field_hint(enum person_field field)
{
	switch (field) {
	case PF_DOB:
	case PF_ADMISSION:
		return "YYYY-MM-DD";
	case PF_SENTENCE_BEGIN:
	case PF_NEXT_REVIEW:
		return "YYYY-MM-DD, empty for none";
	case PF_SRD:
	case PF_EXPIRATION:
		return "YYYY-MM-DD, empty for none (life)";
	case PF_SEX:
		return "M, F or X";
	case PF_INTERPRETER:
	case PF_ECRC_REQUIRED:
		return "yes or no";
	case PF_JAIL_CREDIT:
		return "whole days, 0 to 3650";
	case PF_LAST_NAME:
		return "required, up to 80 characters";
	case PF_LANGUAGE:
		return "required, up to 40 characters";
	default:
		return "up to 80 characters";
	}
}

void app_field_format(const struct person *p, enum person_field field, char *buf, size_t size)
{
	char date[DATE_TEXT_SIZE];
	switch (field) {
	case PF_LAST_NAME:
		str_copy(buf, size, p->last_name);
		break;
	case PF_FIRST_NAME:
		str_copy(buf, size, p->first_name);
		break;
	case PF_MIDDLE_NAME:
		str_copy(buf, size, p->middle_name);
		break;
	case PF_DOB:
		str_copy(buf, size, date_format(p->dob, date));
		break;
	case PF_SEX:
		snprintf(buf, size, "%c", model_sex_code(p->sex));
		break;
	case PF_LANGUAGE:
		str_copy(buf, size, p->language);
		break;
	case PF_INTERPRETER:
		str_copy(buf, size, p->interpreter ? "yes" : "no");
		break;
	case PF_ADMISSION:
		str_copy(buf, size, date_format(p->admission, date));
		break;
	case PF_SENTENCE_BEGIN:
		str_copy(buf, size, date_format(p->sentence_begin, date));
		break;
	case PF_JAIL_CREDIT:
		snprintf(buf, size, "%d", p->jail_credit_days);
		break;
	case PF_SRD:
		str_copy(buf, size, date_format(p->srd, date));
		break;
	case PF_EXPIRATION:
		str_copy(buf, size, date_format(p->expiration, date));
		break;
	case PF_NEXT_REVIEW:
		str_copy(buf, size, date_format(p->next_review, date));
		break;
	case PF_ECRC_REQUIRED:
		str_copy(buf, size, p->ecrc_required ? "yes" : "no");
		break;
	case PF_COUNT:
		str_copy(buf, size, "");
		break;
	}
}

/* Trims surrounding blanks into a bounded copy. */
static void app_trim(const char *text, char *out, size_t size)
{
	while (*text == ' ' || *text == '\t')
		text++;
	str_copy(out, size, text);
	size_t n = strlen(out);
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
}

static size_t app_char_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static enum cl_status app_parse_name(const char *label, const char *text, bool required,
				     char *out, size_t size, char *msg, size_t msgsz)
{
	if (strlen(text) >= size || app_char_count(text) > MODEL_NAME_MAX_CHARS) {
		app_say(msg, msgsz, "%s is longer than %d characters", label, MODEL_NAME_MAX_CHARS);
		return CL_ERR_INVALID;
	}
	if (required && !*text) {
		app_say(msg, msgsz, "%s is required", label);
		return CL_ERR_INVALID;
	}
	if (!text_is_clean_line(text)) {
		app_say(msg, msgsz, "%s contains control characters or invalid UTF-8", label);
		return CL_ERR_INVALID;
	}
	str_copy(out, size, text);
	return CL_OK;
}

static enum cl_status app_parse_date(const char *label, const char *text, bool optional,
				     date_t *out, char *msg, size_t msgsz)
{
	if (!*text && optional) {
		*out = DATE_NONE;
		return CL_OK;
	}
	if (!*text) {
		app_say(msg, msgsz, "%s is required (YYYY-MM-DD)", label);
		return CL_ERR_INVALID;
	}
	if (!date_parse(text, out)) {
		app_say(msg, msgsz, "%s must be a real date written YYYY-MM-DD", label);
		return CL_ERR_INVALID;
	}
	return CL_OK;
}

static enum cl_status app_parse_yes_no(const char *label, const char *text, bool *out, char *msg,
				       size_t msgsz)
{
	if (!strcasecmp(text, "yes") || !strcasecmp(text, "y")) {
		*out = true;
		return CL_OK;
	}
	if (!strcasecmp(text, "no") || !strcasecmp(text, "n")) {
		*out = false;
		return CL_OK;
	}
	app_say(msg, msgsz, "%s must be yes or no", label);
	return CL_ERR_INVALID;
}

static enum cl_status app_parse_field(struct person *p, enum person_field field, const char *text,
				      char *msg, size_t msgsz)
{
	const char *label = app_field_label(field);
	switch (field) {
	case PF_LAST_NAME:
		return app_parse_name(label, text, true, p->last_name, sizeof p->last_name, msg, msgsz);
	case PF_FIRST_NAME:
		return app_parse_name(label, text, false, p->first_name, sizeof p->first_name, msg,
				      msgsz);
	case PF_MIDDLE_NAME:
		return app_parse_name(label, text, false, p->middle_name, sizeof p->middle_name, msg,
				      msgsz);
	case PF_LANGUAGE:
		if (!*text) {
			app_say(msg, msgsz, "Language is required");
			return CL_ERR_INVALID;
		}
		if (app_char_count(text) > LANGUAGE_MAX_CHARS) {
			app_say(msg, msgsz, "Language is longer than %d characters", LANGUAGE_MAX_CHARS);
			return CL_ERR_INVALID;
		}
		return app_parse_name(label, text, true, p->language, sizeof p->language, msg, msgsz);
	case PF_DOB:
		return app_parse_date(label, text, false, &p->dob, msg, msgsz);
	case PF_ADMISSION:
		return app_parse_date(label, text, false, &p->admission, msg, msgsz);
	case PF_SENTENCE_BEGIN:
		return app_parse_date(label, text, true, &p->sentence_begin, msg, msgsz);
	case PF_SRD:
		return app_parse_date(label, text, true, &p->srd, msg, msgsz);
	case PF_EXPIRATION:
		return app_parse_date(label, text, true, &p->expiration, msg, msgsz);
	case PF_NEXT_REVIEW:
		return app_parse_date(label, text, true, &p->next_review, msg, msgsz);
	case PF_SEX:
		if (!model_sex_parse(text, &p->sex)) {
			app_say(msg, msgsz, "Sex must be M, F or X");
			return CL_ERR_INVALID;
		}
		return CL_OK;
	case PF_INTERPRETER:
		return app_parse_yes_no(label, text, &p->interpreter, msg, msgsz);
	case PF_ECRC_REQUIRED:
		return app_parse_yes_no(label, text, &p->ecrc_required, msg, msgsz);
	case PF_JAIL_CREDIT: {
		char *end;
		errno = 0;
		long days = strtol(text, &end, 10);
		if (!*text || *end || errno || days < 0 || days > MAX_JAIL_CREDIT) {
			app_say(msg, msgsz, "Jail credit must be a whole number of days from 0 to %d",
			     MAX_JAIL_CREDIT);
			return CL_ERR_INVALID;
		}
		p->jail_credit_days = (int)days;
		return CL_OK;
	}
	case PF_COUNT:
		break;
	}
	app_say(msg, msgsz, "unknown field");
	return CL_ERR_INVALID;
}

static enum cl_status app_refuse(enum person_field field, enum person_field *bad, char *msg,
				 size_t msgsz, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static enum cl_status app_refuse(enum person_field field, enum person_field *bad, char *msg,
				 size_t msgsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, msgsz, fmt, ap);
	va_end(ap);
	if (bad)
		*bad = field;
	return CL_ERR_INVALID;
}

enum cl_status app_person_validate(const struct person *p, date_t today, enum person_field *bad,
				   char *msg, size_t msgsz)
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	if (!p->last_name[0])
		return app_refuse(PF_LAST_NAME, bad, msg, msgsz, "Last name is required");
	if (p->dob == DATE_NONE)
		return app_refuse(PF_DOB, bad, msg, msgsz, "Date of birth is required");
	if (p->dob > today)
		return app_refuse(PF_DOB, bad, msg, msgsz, "Date of birth %s is in the future",
				  date_format(p->dob, a));
	int age = date_age_years(p->dob, today);
	if (age < MIN_AGE || age > MAX_AGE)
		return app_refuse(PF_DOB, bad, msg, msgsz,
				  "Date of birth gives an age of %d; it must be %d to %d", age,
				  MIN_AGE, MAX_AGE);
	if (p->admission == DATE_NONE)
		return app_refuse(PF_ADMISSION, bad, msg, msgsz, "Admission date is required");
	if (p->admission > today)
		return app_refuse(PF_ADMISSION, bad, msg, msgsz, "Admission %s is in the future",
				  date_format(p->admission, a));
	if (date_age_years(p->dob, p->admission) < MIN_AGE)
		return app_refuse(PF_ADMISSION, bad, msg, msgsz,
				  "Admission %s is before the person's %dth birthday",
				  date_format(p->admission, a), MIN_AGE);
	if (p->sentence_begin != DATE_NONE && p->sentence_begin <= p->dob)
		return app_refuse(PF_SENTENCE_BEGIN, bad, msg, msgsz,
				  "Sentence begin %s is not after the date of birth",
				  date_format(p->sentence_begin, a));
	if (p->sentence_begin != DATE_NONE && p->srd != DATE_NONE && p->srd < p->sentence_begin)
		return app_refuse(PF_SRD, bad, msg, msgsz,
				  "Supervised release %s is before the sentence begins (%s)",
				  date_format(p->srd, a), date_format(p->sentence_begin, b));
	if (p->srd != DATE_NONE && p->srd < p->admission)
		return app_refuse(PF_SRD, bad, msg, msgsz,
				  "Supervised release %s is before admission (%s)",
				  date_format(p->srd, a), date_format(p->admission, b));
	if (p->sentence_begin != DATE_NONE && p->expiration != DATE_NONE &&
	    p->expiration < p->sentence_begin)
		return app_refuse(PF_EXPIRATION, bad, msg, msgsz,
				  "Sentence expiration %s is before the sentence begins (%s)",
				  date_format(p->expiration, a), date_format(p->sentence_begin, b));
	if (p->srd != DATE_NONE && p->expiration != DATE_NONE && p->expiration < p->srd)
		return app_refuse(PF_EXPIRATION, bad, msg, msgsz,
				  "Sentence expiration %s is before supervised release (%s)",
				  date_format(p->expiration, a), date_format(p->srd, b));
	if (p->srd == DATE_NONE && p->expiration != DATE_NONE)
		return app_refuse(PF_SRD, bad, msg, msgsz,
				  "A sentence with an expiration date needs a supervised release "
				  "date; leave both empty for life");
	if (p->next_review != DATE_NONE && p->next_review < p->admission)
		return app_refuse(PF_NEXT_REVIEW, bad, msg, msgsz,
				  "Next progress review %s is before admission (%s)",
				  date_format(p->next_review, a), date_format(p->admission, b));
	if (p->jail_credit_days < 0 || p->jail_credit_days > MAX_JAIL_CREDIT)
		return app_refuse(PF_JAIL_CREDIT, bad, msg, msgsz,
				  "Jail credit must be from 0 to %d days", MAX_JAIL_CREDIT);
	return CL_OK;
}

enum cl_status app_field_apply(const struct person *p, enum person_field field, const char *text,
			       date_t today, struct person *out, char *msg, size_t msgsz)
{
	char trimmed[MODEL_NAME_SIZE + 8];
	if (strlen(text) >= sizeof trimmed) {
		app_say(msg, msgsz, "%s is too long", app_field_label(field));
		return CL_ERR_INVALID;
	}
	app_trim(text, trimmed, sizeof trimmed);
	*out = *p;
	enum cl_status st = app_parse_field(out, field, trimmed, msg, msgsz);
	if (st != CL_OK)
		return st;
	return app_person_validate(out, today, NULL, msg, msgsz);
}

void app_person_keys(const struct person *p, const char *aliases, struct strbuf *name_key,
		     struct strbuf *search_text)
{
	struct strbuf raw;
	strbuf_init(&raw);
	strbuf_printf(&raw, "%s %s %s", p->last_name, p->first_name, p->middle_name);
	text_fold(name_key, raw.buf);
	strbuf_printf(&raw, " %s %s", aliases ? aliases : "", p->oid);
	text_fold(search_text, raw.buf);
	strbuf_clear(&raw);
}

/* Changes go through the permission table: the person must be one the signed-in staff
 * member may edit (a caseworker's own caseload; anyone's for a lead). */
static enum cl_status app_require_edit(struct app *app, const struct person *p, char *msg,
				       size_t msgsz)
{
	return app_permit(app, PERM_PERSON_EDIT, p->id, msg, msgsz);
}

enum cl_status app_record_open(struct app *app, int64_t person_id, struct person_record *out)
{
	memset(out, 0, sizeof *out);
	char msg[APP_MESSAGE_SIZE];
	if (app_permit(app, PERM_PERSON_READ, person_id, msg, sizeof msg) != CL_OK)
		return CL_ERR_DENIED;
	enum cl_status st = store_begin(app->store);
	if (st != CL_OK)
		return st;
	st = store_person_record(app->store, person_id, out);
	if (st == CL_OK)
		st = app_audit(app, "person.view", "ok", person_id, "");
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK) {
		/* fail closed: a record whose viewing cannot be audited is not shown */
		store_rollback(app->store);
		person_record_clear(out);
	}
	return st;
}

enum cl_status app_record_reload(struct app *app, int64_t person_id, struct person_record *out)
{
	return store_person_record(app->store, person_id, out);
}

/* Rewrites p (whose version must be current) with its keys; inside a transaction. */
static enum cl_status app_write_person(struct app *app, struct person *p, const char *at)
{
	struct strbuf aliases, name_key, search;
	strbuf_init(&aliases);
	strbuf_init(&name_key);
	strbuf_init(&search);
	enum cl_status st = store_alias_joined(app->store, p->id, &aliases);
	if (st == CL_OK) {
		app_person_keys(p, aliases.buf, &name_key, &search);
		struct person_keys keys = {name_key.buf, search.buf};
		st = store_person_update(app->store, p, &keys, at, app->me.id);
	}
	if (st == CL_OK)
		st = app_rederive_person(app, p->id);
	strbuf_clear(&aliases);
	strbuf_clear(&name_key);
	strbuf_clear(&search);
	return st;
}

enum cl_status app_record_set_level(struct app *app, int64_t person_id, const char *field,
				    const char *value, const char *at, bool *changed)
{
	*changed = false;
	struct person p;
	enum cl_status st = store_person_get(app->store, person_id, &p);
	if (st != CL_OK)
		return st;
	const char *old_label;
	bool risk = !strcmp(field, "risk_level");
	if (risk) {
		enum risk_level level;
		if (!model_risk_parse(value, &level))
			return CL_ERR_INVALID;
		old_label = model_risk_label(p.risk);
		if (level == p.risk)
			return CL_OK;
		p.risk = level;
	} else if (!strcmp(field, "custody")) {
		enum custody_level level;
		if (!model_custody_parse(value, &level))
			return CL_ERR_INVALID;
		old_label = model_custody_label(p.custody);
		if (level == p.custody)
			return CL_OK;
		p.custody = level;
	} else {
		return CL_ERR_INVALID;
	}
	st = app_write_person(app, &p, at);
	if (st == CL_OK)
		st = store_person_change_add(app->store, person_id, field, old_label,
					     risk ? model_risk_label(p.risk)
						  : model_custody_label(p.custody),
					     at, app->me.id);
	*changed = st == CL_OK;
	return st;
}

/* Explains a failed save in words a caseworker can act on. */
static void app_explain_failure(struct app *app, enum cl_status st, struct person *p, char *msg,
				size_t msgsz)
{
	if (st == CL_ERR_STALE) {
		struct person current;
		if (store_person_get(app->store, p->id, &current) == CL_OK) {
			*p = current;
			app_say(msg, msgsz,
			     "Not saved: %s changed this record at %s. It now shows their version; "
			     "your text is kept, press Enter to save it over theirs",
			     current.updated_by[0] ? current.updated_by : "someone",
			     current.updated_at);
			return;
		}
	}
	if (st == CL_ERR_FULL)
		app_say(msg, msgsz, "Not saved: the disk is full. Nothing was changed");
	else if (st == CL_ERR_BUSY)
		app_say(msg, msgsz, "Not saved: the database is busy; try again");
	else if (st == CL_ERR_READONLY)
		app_say(msg, msgsz, "Not saved: the database cannot be written");
	else
		app_say(msg, msgsz, "Not saved: %s (%s)", cl_status_text(st),
		     store_last_error(app->store));
}

/* Runs the body of a change in one transaction, with its audit row; explains failures. */
static enum cl_status app_finish_change(struct app *app, enum cl_status st, struct person *p,
					const char *event, const char *object, char *msg,
					size_t msgsz)
{
	if (st == CL_OK)
		st = app_audit(app, event, "ok", p->id, object);
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK) {
		store_rollback(app->store);
		app_explain_failure(app, st, p, msg, msgsz);
		app_audit(app, event, "failed", p->id, object);
	}
	return st;
}

enum cl_status app_record_set_field(struct app *app, struct person *p, enum person_field field,
				    const char *text, char *msg, size_t msgsz)
{
	if (app_require_edit(app, p, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	struct person next;
	enum cl_status st = app_field_apply(p, field, text, app_today(app), &next, msg, msgsz);
	if (st != CL_OK)
		return st;
	char old_value[MODEL_NAME_SIZE], new_value[MODEL_NAME_SIZE], at[32], object[64];
	app_field_format(p, field, old_value, sizeof old_value);
	app_field_format(&next, field, new_value, sizeof new_value);
	if (strcmp(old_value, new_value) == 0) {
		app_say(msg, msgsz, "%s unchanged", app_field_label(field));
		return CL_OK;
	}
	app_timestamp(app, at);
	snprintf(object, sizeof object, "field=%s", app_field_key(field));
	st = store_begin(app->store);
	if (st == CL_OK)
		st = app_write_person(app, &next, at);
	if (st == CL_OK)
		st = store_person_change_add(app->store, p->id, app_field_key(field), old_value,
					     new_value, at, app->me.id);
	if (st == CL_OK) {
		struct draft_key key = {app->me.id, p->id, app_field_key(field)};
		st = store_draft_delete(app->store, &key);
	}
	st = app_finish_change(app, st, p, "person.update", object, msg, msgsz);
	if (st == CL_OK) {
		*p = next;
		store_person_get(app->store, p->id, p); /* who and when, as stored */
		app_say(msg, msgsz, "%s saved", app_field_label(field));
	}
	return st;
}

static enum cl_status app_parse_optional_date(const char *label, const char *text, date_t today,
					      date_t *out, char *msg, size_t msgsz)
{
	char trimmed[32];
	app_trim(text ? text : "", trimmed, sizeof trimmed);
	if (!*trimmed) {
		*out = today;
		return CL_OK;
	}
	return app_parse_date(label, trimmed, false, out, msg, msgsz);
}

enum cl_status app_record_move(struct app *app, struct person *p, const struct housing_move *move,
			       char *msg, size_t msgsz)
{
	if (app_require_edit(app, p, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	char unit[MODEL_SHORT_SIZE], cell[MODEL_SHORT_SIZE], reason[128], at[32];
	date_t today = app_today(app), start;
	/* what does not fit the buffers would be cut silently by the trim below */
	if (strlen(move->unit) >= sizeof unit || strlen(move->cell) >= sizeof cell) {
		app_say(msg, msgsz, "Unit and cell are up to 20 characters");
		return CL_ERR_INVALID;
	}
	if (strlen(move->reason) >= sizeof reason) {
		app_say(msg, msgsz, "Reason is too long");
		return CL_ERR_INVALID;
	}
	app_trim(move->unit, unit, sizeof unit);
	app_trim(move->cell, cell, sizeof cell);
	app_trim(move->reason, reason, sizeof reason);
	enum custody_level custody = p->custody;
	if (!*unit || app_char_count(unit) > 20 || !text_is_clean_line(unit)) {
		app_say(msg, msgsz, "Unit is required: up to 20 characters, no control characters");
		return CL_ERR_INVALID;
	}
	if (app_char_count(cell) > 20 || !text_is_clean_line(cell)) {
		app_say(msg, msgsz, "Cell is up to 20 characters, no control characters");
		return CL_ERR_INVALID;
	}
	if (move->custody && *move->custody && !model_custody_parse(move->custody, &custody)) {
		app_say(msg, msgsz, "Custody must be minimum, medium, close, maximum or unclassified");
		return CL_ERR_INVALID;
	}
	if (!text_is_clean_line(reason)) {
		app_say(msg, msgsz, "Reason contains control characters");
		return CL_ERR_INVALID;
	}
	if (app_parse_optional_date("Move date", move->start, today, &start, msg, msgsz) != CL_OK)
		return CL_ERR_INVALID;
	if (start > today || start < p->admission) {
		app_say(msg, msgsz, "Move date must be between admission and today");
		return CL_ERR_INVALID;
	}
	struct person next = *p;
	str_copy(next.unit, sizeof next.unit, unit);
	str_copy(next.cell, sizeof next.cell, cell);
	next.custody = custody;
	char old_value[160], new_value[160];
	snprintf(old_value, sizeof old_value, "%s %s (%s)", p->unit, p->cell,
		 model_custody_label(p->custody));
	snprintf(new_value, sizeof new_value, "%s %s (%s)", unit, cell, model_custody_label(custody));
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = app_write_person(app, &next, at);
	if (st == CL_OK)
		st = store_housing_move(app->store, p->id, unit, cell, custody, start, reason, at,
					app->me.id);
	if (st == CL_ERR_INVALID) {
		store_rollback(app->store);
		app_say(msg, msgsz, "Move date is before the current stay began");
		return CL_ERR_INVALID;
	}
	if (st == CL_OK)
		st = store_person_change_add(app->store, p->id, "housing", old_value, new_value, at,
					     app->me.id);
	st = app_finish_change(app, st, p, "person.move", "", msg, msgsz);
	if (st == CL_OK) {
		store_person_get(app->store, p->id, p);
		app_say(msg, msgsz, "Moved to %s %s", unit, cell);
	}
	return st;
}

static enum cl_status app_alias_change(struct app *app, struct person *p, const char *alias,
				       bool add, char *msg, size_t msgsz)
{
	if (app_require_edit(app, p, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	char clean[MODEL_NAME_SIZE], at[32];
	if (strlen(alias) >= sizeof clean) {
		app_say(msg, msgsz, "Alias is longer than %d characters", MODEL_NAME_MAX_CHARS);
		return CL_ERR_INVALID;
	}
	app_trim(alias, clean, sizeof clean);
	if (!*clean || app_char_count(clean) > MODEL_NAME_MAX_CHARS || !text_is_clean_line(clean)) {
		app_say(msg, msgsz, "Alias must be 1 to %d characters without control characters",
		     MODEL_NAME_MAX_CHARS);
		return CL_ERR_INVALID;
	}
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = add ? store_alias_add(app->store, p->id, clean)
			 : store_alias_remove(app->store, p->id, clean);
	struct person next = *p;
	if (st == CL_OK)
		st = app_write_person(app, &next, at);
	if (st == CL_OK)
		st = store_person_change_add(app->store, p->id, "alias", add ? "" : clean,
					     add ? clean : "", at, app->me.id);
	if (st == CL_ERR_EXISTS || st == CL_ERR_NOTFOUND) {
		store_rollback(app->store);
		app_say(msg, msgsz, st == CL_ERR_EXISTS ? "That alias is already recorded"
						      : "No such alias");
		return st;
	}
	st = app_finish_change(app, st, p, add ? "person.alias.add" : "person.alias.remove", "",
			       msg, msgsz);
	if (st == CL_OK) {
		store_person_get(app->store, p->id, p);
		app_say(msg, msgsz, add ? "Alias added" : "Alias removed");
	}
	return st;
}

enum cl_status app_record_alias_add(struct app *app, struct person *p, const char *alias,
				    char *msg, size_t msgsz)
{
	return app_alias_change(app, p, alias, true, msg, msgsz);
}

enum cl_status app_record_alias_remove(struct app *app, struct person *p, const char *alias,
				       char *msg, size_t msgsz)
{
	return app_alias_change(app, p, alias, false, msg, msgsz);
}

static bool app_alert_kind_parse(const char *text, enum alert_kind *out)
{
	char t[32];
	app_trim(text, t, sizeof t);
	for (int k = 0; k < ALERT_COUNT; k++) {
		if ((strlen(t) == 1 && (t[0] & ~0x20) == model_alert_marker((enum alert_kind)k)) ||
		    (*t && strncasecmp(t, model_alert_label((enum alert_kind)k), strlen(t)) == 0)) {
			*out = (enum alert_kind)k;
			return true;
		}
	}
	return false;
}

/* Bumps the record's version so other terminals see that it changed. */
static enum cl_status app_touch_person(struct app *app, struct person *p, const char *at)
{
	struct person next = *p;
	enum cl_status st = app_write_person(app, &next, at);
	if (st == CL_OK)
		*p = next;
	return st;
}

enum cl_status app_record_alert_add(struct app *app, struct person *p,
				    const struct alert_input *in, char *msg, size_t msgsz)
{
	if (app_require_edit(app, p, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	enum alert_kind kind;
	date_t today = app_today(app), start, end = DATE_NONE;
	char detail[256], at[32], endtext[32];
	int64_t other = 0;
	if (!app_alert_kind_parse(in->kind ? in->kind : "", &kind)) {
		app_say(msg, msgsz, "Kind must be keep separate (K), medical (M), security (S) or "
				 "suicide watch (W)");
		return CL_ERR_INVALID;
	}
	if (in->detail && strlen(in->detail) >= sizeof detail) {
		app_say(msg, msgsz, "Detail is too long");
		return CL_ERR_INVALID;
	}
	app_trim(in->detail ? in->detail : "", detail, sizeof detail);
	if (app_char_count(detail) > 200 || !text_is_clean_line(detail)) {
		app_say(msg, msgsz, "Detail is up to 200 characters without control characters");
		return CL_ERR_INVALID;
	}
	if (app_parse_optional_date("Start", in->start, today, &start, msg, msgsz) != CL_OK)
		return CL_ERR_INVALID;
	app_trim(in->end ? in->end : "", endtext, sizeof endtext);
	if (*endtext && app_parse_date("End", endtext, false, &end, msg, msgsz) != CL_OK)
		return CL_ERR_INVALID;
	if (end != DATE_NONE && end < start) {
		app_say(msg, msgsz, "End is before start");
		return CL_ERR_INVALID;
	}
	if (kind == ALERT_KEEP_SEPARATE) {
		char oid[MODEL_OID_SIZE];
		app_trim(in->separate_from_oid ? in->separate_from_oid : "", oid, sizeof oid);
		if (!*oid || app_caseload_find_oid(app, oid, &other) != CL_OK) {
			app_say(msg, msgsz, "Keep separate needs the OID of the other person");
			return CL_ERR_INVALID;
		}
		if (other == p->id) {
			app_say(msg, msgsz, "A person cannot be kept separate from themselves");
			return CL_ERR_INVALID;
		}
	}
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_alert_add(app->store, p->id, kind, detail, other, start, end, at,
				     app->me.id, NULL);
	if (st == CL_OK)
		st = store_person_change_add(app->store, p->id, "alert", "", model_alert_label(kind),
					     at, app->me.id);
	if (st == CL_OK)
		st = app_touch_person(app, p, at);
	st = app_finish_change(app, st, p, "person.alert.add", "", msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Alert added: %s", model_alert_label(kind));
	return st;
}

enum cl_status app_record_alert_end(struct app *app, struct person *p, int64_t alert_id,
				    const char *end_text, char *msg, size_t msgsz)
{
	if (app_require_edit(app, p, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	date_t end;
	char at[32], object[48];
	if (app_parse_optional_date("End", end_text, app_today(app), &end, msg, msgsz) != CL_OK)
		return CL_ERR_INVALID;
	app_timestamp(app, at);
	snprintf(object, sizeof object, "alert=%lld", (long long)alert_id);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_alert_end(app->store, p->id, alert_id, end);
	if (st == CL_OK)
		st = store_person_change_add(app->store, p->id, "alert", "open", "ended", at,
					     app->me.id);
	if (st == CL_OK)
		st = app_touch_person(app, p, at);
	if (st == CL_ERR_CONSTRAINT || st == CL_ERR_NOTFOUND) {
		store_rollback(app->store);
		app_say(msg, msgsz, st == CL_ERR_NOTFOUND ? "That alert has already ended"
						       : "End is before the alert's start");
		return st == CL_ERR_NOTFOUND ? CL_ERR_NOTFOUND : CL_ERR_INVALID;
	}
	st = app_finish_change(app, st, p, "person.alert.end", object, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Alert ended");
	return st;
}

enum cl_status app_draft_save(struct app *app, const struct person *p, const char *field_key,
			      const char *text)
{
	char at[32];
	app_timestamp(app, at);
	struct draft_key key = {app->me.id, p->id, field_key};
	if (!app->me.id)
		return CL_ERR_DENIED;
	return store_draft_put(app->store, &key, text, p->version, at);
}

enum cl_status app_draft_load(struct app *app, const struct person *p, const char *field_key,
			      struct strbuf *text)
{
	int64_t base;
	struct draft_key key = {app->me.id, p->id, field_key};
	return store_draft_get(app->store, &key, text, &base);
}

enum cl_status app_draft_discard(struct app *app, const struct person *p, const char *field_key)
{
	struct draft_key key = {app->me.id, p->id, field_key};
	return store_draft_delete(app->store, &key);
}
