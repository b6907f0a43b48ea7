#include "caseload/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MODEL_LABEL(id, label, ...) [id] = label,
static const char *const custody_labels[] = {CUSTODY_LIST(MODEL_LABEL)};
static const char *const risk_labels[] = {RISK_LIST(MODEL_LABEL)};
static const char *const alert_labels[] = {ALERT_LIST(MODEL_LABEL)};
static const char *const enrollment_labels[] = {PROGRAM_STATUS_LIST(MODEL_LABEL)};
static const char *const due_labels[] = {DUE_LIST(MODEL_LABEL)};
#undef MODEL_LABEL
#define MODEL_THIRD(id, label, third) [id] = third,
static const char alert_markers[] = {ALERT_LIST(MODEL_THIRD)};
static const char *const due_shorts[] = {DUE_LIST(MODEL_THIRD)};
#undef MODEL_THIRD
static const char *const sex_labels[] = {"male", "female", "X"};
static const char sex_codes[] = {'M', 'F', 'X'};

#define MODEL_LOOKUP(table, i) ((unsigned)(i) < sizeof(table) / sizeof(table[0]) ? table[i] : "?")

const char *model_custody_label(enum custody_level level)
{
	return MODEL_LOOKUP(custody_labels, level);
}
const char *model_risk_label(enum risk_level level)
{
	return MODEL_LOOKUP(risk_labels, level);
}
const char *model_alert_label(enum alert_kind kind)
{
	return MODEL_LOOKUP(alert_labels, kind);
}
const char *model_enrollment_label(enum enrollment_status status)
{
	return MODEL_LOOKUP(enrollment_labels, status);
}
const char *model_due_label(enum due_kind kind)
{
	return MODEL_LOOKUP(due_labels, kind);
}
const char *model_due_short(enum due_kind kind)
{
	return MODEL_LOOKUP(due_shorts, kind);
}
const char *model_sex_label(enum sex sex)
{
	return MODEL_LOOKUP(sex_labels, sex);
}

char model_alert_marker(enum alert_kind kind)
{
	return (unsigned)kind < ALERT_COUNT ? alert_markers[kind] : '?';
}

char model_sex_code(enum sex sex)
{
	return (unsigned)sex < SEX_COUNT ? sex_codes[sex] : '?';
}

bool model_sex_from_code(char code, enum sex *out)
{
	for (int i = 0; i < SEX_COUNT; i++) {
		if (sex_codes[i] == code) {
			*out = (enum sex)i;
			return true;
		}
	}
	return false;
}

/* Exact label (any case) wins; else a unique prefix of at least one character. */
static bool model_parse_label(const char *text, const char *const *labels, int count, int *out)
{
	size_t len = strlen(text);
	int found = -1;
	if (len == 0)
		return false;
	for (int i = 0; i < count; i++) {
		if (strcasecmp(text, labels[i]) == 0) {
			*out = i;
			return true;
		}
		if (strncasecmp(text, labels[i], len) == 0) {
			if (found >= 0)
				return false;
			found = i;
		}
	}
	if (found < 0)
		return false;
	*out = found;
	return true;
}

bool model_custody_parse(const char *text, enum custody_level *out)
{
	int i;
	if (!model_parse_label(text, custody_labels, CUSTODY_COUNT, &i))
		return false;
	*out = (enum custody_level)i;
	return true;
}

bool model_risk_parse(const char *text, enum risk_level *out)
{
	int i;
	if (!model_parse_label(text, risk_labels, RISK_COUNT, &i))
		return false;
	*out = (enum risk_level)i;
	return true;
}

bool model_sex_parse(const char *text, enum sex *out)
{
	int i;
	if (strlen(text) == 1 && model_sex_from_code((char)(text[0] & ~0x20), out))
		return true;
	if (!model_parse_label(text, sex_labels, SEX_COUNT, &i))
		return false;
	*out = (enum sex)i;
	return true;
}

void person_record_clear(struct person_record *record)
{
	free(record->aliases);
	free(record->alerts);
	free(record->housing);
	free(record->enrollments);
	free(record->changes);
	memset(record, 0, sizeof *record);
}
