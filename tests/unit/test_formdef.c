/* formdef: the form definition loader and its checks. Every loader error has a fixture with
 * its exact file:line:column message; good fixtures pin the model (every field type, nested
 * fields, likert rows, repeats, each kind of score, compute order); version checks; limits;
 * and hostile input (truncations, mutations) that must never crash or leak.
 * Linked with cl_forms alone: the library is pure. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formdef.h"
#include "caseload/strbuf.h"

#ifndef FORM_FIXTURES
#error "FORM_FIXTURES must name the fixtures directory"
#endif

/* ---- helpers ----------------------------------------------------------------------------- */

static char *fixture_path(const char *name)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "%s/%s", FORM_FIXTURES, name);
	return strbuf_detach(&sb);
}

static char *read_fixture(const char *name, size_t *len)
{
	char *path = fixture_path(name);
	FILE *fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	struct strbuf sb;
	strbuf_init(&sb);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_append(&sb, buf, n);
	fclose(fp);
	free(path);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* The first diagnostic as the CLI prints it: "file:line:column: message". */
static char *first_diag(const struct formdef_diags *d)
{
	ck_assert_uint_gt(d->count, 0);
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "%s:%u:%u: %s", d->items[0].file, d->items[0].line, d->items[0].column,
		      d->items[0].message);
	return strbuf_detach(&sb);
}

static struct formdef *load_good(const char *name)
{
	char *path = fixture_path(name);
	struct formdef_diags d;
	formdef_diags_init(&d);
	struct formdef *def = formdef_load_file(path, &d);
	struct strbuf out;
	strbuf_init(&out);
	formdef_diags_format(&d, &out);
	ck_assert_msg(def != NULL, "%s did not load:\n%s", name, out.buf);
	ck_assert_msg(d.count == 0, "%s: unexpected diagnostics:\n%s", name, out.buf);
	strbuf_clear(&out);
	formdef_diags_clear(&d);
	free(path);
	return def;
}

static const struct formdef_field *field(const struct formdef *def, const char *id)
{
	int slot = formdef_field_slot(def, id);
	ck_assert_msg(slot >= 0, "no field %s", id);
	return &def->fields[slot];
}

/* Loads text and returns its first diagnostic (the load must fail). */
static char *load_text_error(const char *text, size_t len)
{
	struct formdef_diags d;
	formdef_diags_init(&d);
	struct formdef *def = formdef_load_string("t.yaml", text, len, &d);
	ck_assert_ptr_null(def);
	char *msg = first_diag(&d);
	formdef_diags_clear(&d);
	return msg;
}

/* ---- every loader error, pinned ---------------------------------------------------------- */

static const struct {
	const char *file;
	const char *where_message; /* "line:column: message" */
} bad_cases[] = {
	{"bad_syntax.yaml", "8:1: did not find expected ',' or ']' while parsing a flow sequence"},
	{"bad_unknown_key.yaml",
	 "12:9: unknown key \"requird\" in field \"cog_rating\" (did you mean \"required\"?)"},
	{"bad_unknown_top.yaml",
	 "5:1: unknown key \"sectons\" at the top level (did you mean \"sections\"?)"},
	{"bad_version.yaml", "3:10: \"version\" must be an integer ≥ 1, not \"two\""},
	{"bad_caseform.yaml", "1:11: \"caseform\" must be 1, not \"2\""},
	{"bad_dup_field.yaml", "11:14: duplicate field id \"dob\" (first at line 10)"},
	{"bad_dup_key.yaml",
	 "9:56: duplicate key \"label\" in field \"cog_rating\" (first at line 9)"},
	{"bad_dup_section.yaml", "10:9: duplicate section id \"main\" (first at line 6)"},
	{"bad_dup_rule.yaml", "12:10: duplicate rule id \"r\" (first at line 11)"},
	{"bad_dup_score.yaml", "11:10: duplicate id \"cog_rating\" (first at line 9)"},
	{"bad_dup_choice.yaml",
	 "14:21: duplicate choice value \"1\" in choice list \"cog_rating\" (first at line 13)"},
	{"bad_dup_output.yaml", "12:10: case.custody is written by two outputs (first at line 11)"},
	{"bad_likert_row.yaml", "15:43: duplicate field id \"scale\" (first at line 11)"},
	{"bad_unknown_ref.yaml",
	 "10:60: unknown field \"$cog_ratng\" (did you mean \"$cog_rating\"?)"},
	{"bad_nested_when_yes.yaml", "13:58: unknown field \"$nope\""},
	{"bad_case.yaml", "9:58: unknown case value \"case.srdd\" (did you mean \"case.srd\"?)"},
	{"bad_dot.yaml",
	 "9:67: \".\" (the value being checked) can only be used in a constraint"},
	{"bad_expr_syntax.yaml", "9:77: unexpected end of expression"},
	{"bad_bind.yaml", "10:63: score needs a field ($name) as its first argument"},
	{"bad_cycle.yaml", "9:57: calculated values form a cycle: a -> b -> a"},
	{"bad_repeat_scope.yaml",
	 "14:70: \"$dose\" is a field of repeat \"meds\": read it inside sum_rows($meds, ...) or "
	 "any_row($meds, ...)"},
	{"bad_band_gap.yaml", "14:12: bands leave a gap between 4 and 6"},
	{"bad_band_gap_tenths.yaml", "15:12: bands leave a gap between 1 and 1.2"},
	{"bad_band_overlap.yaml", "14:12: bands overlap between 4 and 5"},
	{"bad_band_minmax.yaml", "15:9: band \"odd\" has min 5 greater than max 3"},
	{"bad_band_open.yaml", "14:12: only the last band may leave out \"max\" (band \"mid\")"},
	{"bad_range.yaml", "15:12: bands do not cover 0, the low end of the range"},
	{"bad_variant.yaml", "16:17: bands leave a gap between 1 and 3"},
	{"bad_step.yaml", "12:36: \"step\" must be a number > 0, not \"0\""},
	{"bad_only_from.yaml", "11:45: \"bands\" applies only to scores with \"from\""},
	{"bad_items_missing.yaml", "11:37: \"missing\" applies only to scores with \"items\""},
	{"bad_score_kind.yaml",
	 "11:5: score \"total\" needs exactly one of \"items\", \"expr\" and \"from\""},
	{"bad_score_item.yaml",
	 "11:25: score item \"cog_rating\" is an integer field; items must be select_one, "
	 "select_multiple or likert row fields"},
	{"bad_score_unknown_item.yaml",
	 "11:25: unknown field \"cog_ratin\" (did you mean \"cog_rating\"?)"},
	{"bad_score_from.yaml", "12:23: unknown score \"totl\" (did you mean \"total\"?)"},
	{"bad_alias.yaml", "5:4: aliases are not allowed"},
	{"bad_alias_ref.yaml", "9:48: aliases are not allowed"},
	{"bad_tag.yaml", "9:48: tags are not allowed"},
	{"bad_deep.yaml", "5:45: nesting deeper than 32 levels"},
	{"bad_two_docs.yaml", "10:1: only one YAML document is allowed in a form file"},
	{"bad_empty.yaml", "1:1: the file is empty"},
	{"bad_not_mapping.yaml",
	 "1:1: a form must be a mapping of keys (caseform, id, version, ...), not a list"},
	{"bad_missing_title.yaml", "1:1: missing required key \"title\" at the top level"},
	{"bad_missing_type.yaml", "9:9: missing required key \"type\" in field \"cog_rating\""},
	{"bad_null_value.yaml", "4:7: \"title\" has no value"},
	{"bad_no_sections.yaml", "5:11: \"sections\" must not be empty"},
	{"bad_slug.yaml",
	 "2:5: \"id\" must be a slug ([a-z][a-z0-9_]*, at most 64 characters), not \"Intake\""},
	{"bad_type.yaml",
	 "9:32: \"type\" must be one of text, textarea, integer, decimal, date, datetime, time, "
	 "yes_no, address, select_one, select_multiple, likert, note, calculated, attestation or "
	 "repeat, not \"txt\" (did you mean \"text\"?)"},
	{"bad_status.yaml",
	 "5:9: \"status\" must be one of draft, active or retired, not \"activ\" (did you mean "
	 "\"active\"?)"},
	{"bad_field_not_map.yaml", "9:9: a field must be a mapping, not \"cog_rating\""},
	{"bad_not_apply.yaml", "9:53: \"rows\" does not apply to text fields"},
	{"bad_calc_elsewhere.yaml", "9:46: \"calculate\" does not apply to integer fields"},
	{"bad_calc_missing.yaml", "9:9: missing required key \"calculate\" in field \"sum\""},
	{"bad_yes_no_choices.yaml",
	 "9:44: yes_no fields have the implicit choices yes and no; nest fields under them with "
	 "when_yes and when_no"},
	{"bad_unknown_list.yaml",
	 "11:68: unknown choice list \"need_levl\" (did you mean \"need_level\"?)"},
	{"bad_nested_named.yaml",
	 "9:7: nested \"fields\" are only allowed in the inline choices of a select_one or "
	 "select_multiple field"},
	{"bad_nested_likert.yaml",
	 "14:34: nested \"fields\" are only allowed in the inline choices of a select_one or "
	 "select_multiple field"},
	{"bad_repeat_nested.yaml", "13:31: a repeat may not contain a repeat field"},
	{"bad_proprietary.yaml", "10:62: proprietary_reference forms may not contain item text"},
	{"bad_proprietary_label.yaml",
	 "10:45: proprietary_reference forms may not contain item text"},
	{"bad_output.yaml",
	 "11:10: \"to\" must be case.risk_level or case.custody, not \"case.srd\""},
	{"bad_role.yaml", "5:35: unknown role \"leed\" in \"complete\" (did you mean \"lead\"?)"},
	{"bad_pattern.yaml",
	 "9:62: \"pattern\" is not a valid regular expression: Unmatched ( or \\("},
	{"bad_pattern_cost.yaml",
	 "9:54: \"pattern\" is too complex for a field check: keep it short and its {m,n} counts "
	 "small"},
	{"bad_bool.yaml", "9:66: \"readonly\" must be true or false, not \"yes\""},
	{"bad_nul.yaml", "9:48: \"label\" must not contain a NUL character"},
	{"bad_length.yaml", "9:65: \"min_length\" 10 is greater than \"max_length\" 5"},
	{"bad_report_key.yaml",
	 "9:68: \"report_key\" must be a column name ([a-z][a-z0-9_]*), not \"Cog-Rating\""},
};
#define NBAD (sizeof bad_cases / sizeof bad_cases[0])

START_TEST(bad_fixture_reports_exact_message)
{
	char *path = fixture_path(bad_cases[_i].file);
	struct formdef_diags d;
	formdef_diags_init(&d);
	struct formdef *def = formdef_load_file(path, &d);
	ck_assert_msg(def == NULL, "%s loaded", bad_cases[_i].file);
	ck_assert_uint_ge(formdef_diags_errors(&d), 1);
	char *got = first_diag(&d);
	struct strbuf want;
	strbuf_init(&want);
	strbuf_printf(&want, "%s:%s", path, bad_cases[_i].where_message);
	ck_assert_str_eq(got, want.buf);
	strbuf_clear(&want);
	free(got);
	formdef_diags_clear(&d);
	free(path);
}
END_TEST

/* ---- good forms -------------------------------------------------------------------------- */

START_TEST(all_field_types_load_in_order)
{
	struct formdef *def = load_good("good_all_types.yaml");
	ck_assert_str_eq(def->id, "intake_all");
	ck_assert_int_eq(def->version, 1);
	ck_assert_int_eq(def->status, FORMDEF_STATUS_DRAFT);
	ck_assert_int_eq(def->provenance, FORMDEF_PROV_AGENCY);
	ck_assert_str_eq(def->provenance_source, "written for the tests");
	/* flattened: nested fields right after their parent, rows and sub-fields likewise */
	static const char *const order[] = {
	    "nickname", "history",  "children",  "weight",    "arrived",      "seen_at",
	    "wake_time", "employed", "employer",  "unemployed_months", "home", "housing",
	    "shelter",  "supports", "attitudes", "att_work",  "att_peers",    "info",
	    "kids_plus_one", "consent", "contacts", "contact_name", "contact_calls",
	    "total_calls"};
	ck_assert_uint_eq(def->field_count, sizeof order / sizeof order[0]);
	for (size_t i = 0; i < def->field_count; i++) {
		ck_assert_str_eq(def->fields[i].id, order[i]);
		ck_assert_int_eq(def->fields[i].slot, (int)i);
	}
	ck_assert_uint_eq(def->section_count, 2);
	ck_assert_uint_eq(def->sections[0].first_field, 0);
	ck_assert_uint_eq(def->sections[0].field_count, 11);
	ck_assert_uint_eq(def->sections[1].first_field, 11);
	ck_assert_uint_eq(def->sections[1].field_count, 13);
	ck_assert_str_eq(def->sections[1].relevant.text, "case.age >= 18");
	ck_assert_ptr_nonnull(def->sections[1].relevant.expr);

	const struct formdef_field *f = field(def, "nickname");
	ck_assert_int_eq(f->type, FORMDEF_TEXT);
	ck_assert_int_eq(f->max_length, 40);
	ck_assert_int_eq(f->min_length, 1);
	ck_assert_str_eq(f->pattern, "^[A-Za-z ]+$");
	ck_assert_str_eq(f->report_key, "nickname");
	ck_assert_int_eq(f->sensitivity, FORMDEF_SENS_PII);
	ck_assert_int_eq(field(def, "history")->max_length, 20000);
	ck_assert_int_eq(field(def, "home")->max_length, 20000);
	ck_assert_int_eq(field(def, "children")->max_length, -1);
	f = field(def, "weight");
	ck_assert(f->has_min && f->has_max);
	ck_assert_str_eq(f->min.text, "30");
	ck_assert_str_eq(f->constraint.text, ". > 40");
	ck_assert_int_eq(f->severity, FORMDEF_WARNING);
	ck_assert_str_eq(f->constraint_message, "Too light.");
	ck_assert_str_eq(field(def, "arrived")->min.text, "date('2000-01-01')");
	ck_assert_str_eq(field(def, "arrived")->max.text, "today()");
	ck_assert(field(def, "wake_time")->readonly);

	/* yes_no: the built-in list; when_yes/when_no with their implicit relevant */
	f = field(def, "employed");
	ck_assert(f->required);
	ck_assert_ptr_nonnull(f->choices);
	ck_assert_str_eq(f->choices->name, "(yes_no)");
	ck_assert_uint_eq(f->choices->count, 2);
	ck_assert_str_eq(field(def, "employer")->relevant.text, "$employed = 'yes'");
	ck_assert_str_eq(field(def, "unemployed_months")->relevant.text,
			 "$employed = 'no' and ($children > 0)");
	ck_assert_int_eq(field(def, "employer")->parent, -1);

	f = field(def, "housing");
	ck_assert_str_eq(f->required_if.text, "$employed = 'no'");
	ck_assert(!f->required);
	ck_assert_str_eq(f->choices->name, "housing");
	ck_assert_uint_eq(f->choices->count, 2);
	ck_assert_str_eq(field(def, "shelter")->relevant.text, "$housing = 'none'");
	ck_assert_ptr_nonnull(field(def, "shelter")->relevant.expr);
	ck_assert_str_eq(field(def, "supports")->choices->items[1].value, "church");

	/* likert: rows are select_one fields over the likert's list, parent the likert */
	const struct formdef_field *likert = field(def, "attitudes");
	ck_assert_int_eq(likert->type, FORMDEF_LIKERT);
	ck_assert_str_eq(likert->choices->name, "need_level");
	for (int i = 1; i <= 2; i++) {
		const struct formdef_field *row = &def->fields[likert->slot + i];
		ck_assert_int_eq(row->type, FORMDEF_SELECT_ONE);
		ck_assert_int_eq(row->parent, likert->slot);
		ck_assert_ptr_eq(row->choices, likert->choices);
		ck_assert(row->required);
	}
	ck_assert_str_eq(field(def, "att_peers")->label, "Peers");
	/* named list: numbers kept as text, scores, missing, retired */
	const struct formdef_choice_list *lvl = likert->choices;
	ck_assert_uint_eq(lvl->count, 5);
	ck_assert_str_eq(lvl->items[0].value, "0");
	ck_assert(lvl->items[2].has_score);
	ck_assert(lvl->items[2].score == 2);
	ck_assert(!lvl->items[3].has_score);
	ck_assert(lvl->items[3].missing);
	ck_assert(lvl->items[4].retired);
	ck_assert_ptr_eq(formdef_choice_find(lvl, "na"), &lvl->items[3]);
	ck_assert_ptr_null(formdef_choice_find(lvl, "nope"));

	ck_assert_int_eq(field(def, "info")->type, FORMDEF_NOTE);
	ck_assert_str_eq(field(def, "kids_plus_one")->calculate.text, "$children + 1");
	ck_assert_str_eq(field(def, "consent")->statement, "I explained the form.");
	const struct formdef_field *rep = field(def, "contacts");
	ck_assert_int_eq(rep->min_rows, 0);
	ck_assert_int_eq(rep->max_rows, 5);
	ck_assert_int_eq(field(def, "contact_name")->parent, rep->slot);
	ck_assert_int_eq(field(def, "contact_calls")->repeat, rep->slot);
	ck_assert_int_eq(field(def, "total_calls")->repeat, -1);

	ck_assert_uint_eq(def->complete_role_count, 2);
	ck_assert_str_eq(def->complete_roles[1], "intern");
	ck_assert_int_eq(def->review, FORMDEF_REVIEW_REQUIRED);
	ck_assert_str_eq(def->review_roles[1], "admin");
	ck_assert_str_eq(def->due.text, "case.admission_date + 30");
	ck_assert_uint_eq(def->rule_count, 2);
	ck_assert_str_eq(def->rules[0].id, "arrival_order");
	ck_assert_int_eq(def->rules[0].severity, FORMDEF_WARNING);
	ck_assert_ptr_null(def->rules[1].id);
	ck_assert_ptr_nonnull(def->rules[1].relevant.expr);
	ck_assert_uint_eq(def->output_count, 1);
	ck_assert_str_eq(def->outputs[0].to, "custody");
	ck_assert_int_eq(def->outputs[0].on, FORMDEF_ON_FINALIZE);
	/* calculated and default values, each after what it reads */
	ck_assert_uint_eq(def->compute_count, 3);
	ck_assert_int_eq(def->compute_order[0], field(def, "children")->slot);
	ck_assert_int_eq(def->compute_order[1], field(def, "kids_plus_one")->slot);
	ck_assert_int_eq(def->compute_order[2], field(def, "total_calls")->slot);
	ck_assert_uint_eq(strlen(def->hash), 64);
	ck_assert_ptr_nonnull(def->source_text);
	ck_assert_str_eq(def->source_path, FORM_FIXTURES "/good_all_types.yaml");
	formdef_free(&def);
	ck_assert_ptr_null(def);
	formdef_free(&def); /* NULL-safe */
}
END_TEST

static size_t order_index(const struct formdef *def, int slot)
{
	for (size_t i = 0; i < def->compute_count; i++)
		if (def->compute_order[i] == slot)
			return i;
	ck_abort_msg("slot %d is not in the compute order", slot);
	return 0;
}

START_TEST(scores_of_each_kind)
{
	struct formdef *def = load_good("good_scores.yaml");
	ck_assert_uint_eq(def->score_count, 3);
	int raw = formdef_score_index(def, "raw"), total = formdef_score_index(def, "total");
	int level = formdef_score_index(def, "level_total");
	ck_assert_int_eq(raw, 1);
	ck_assert_int_eq(formdef_score_index(def, "nope"), -1);
	const struct formdef_score *s = &def->scores[raw];
	ck_assert_uint_eq(s->item_count, 6);
	ck_assert_int_eq(s->items[3], field(def, "s1")->slot);
	ck_assert_int_eq(s->items[5], field(def, "flags")->slot);
	ck_assert_int_eq(s->max_missing, 1);
	ck_assert(s->prorate);
	ck_assert_int_eq(s->from, -1);
	ck_assert_str_eq(def->scores[total].expr.text, "$raw + $adjusted");
	s = &def->scores[level];
	ck_assert_int_eq(s->from, (int)def->field_count + total);
	ck_assert_uint_eq(s->band_set_count, 2);
	/* sorted by min at load: the open lower end first */
	const struct formdef_band_set *set = &s->band_sets[0];
	ck_assert_uint_eq(set->count, 3);
	ck_assert_str_eq(set->bands[0].value, "low");
	ck_assert(!set->bands[0].has_min);
	ck_assert_str_eq(set->bands[1].value, "moderate");
	ck_assert_str_eq(set->bands[2].value, "high");
	ck_assert(!set->bands[2].has_max);
	ck_assert_ptr_null(set->when.text);
	ck_assert_str_eq(s->band_sets[1].when.text, "case.sex = 'F'");
	ck_assert_ptr_nonnull(s->band_sets[1].when.expr);
	ck_assert(s->has_range && s->range_lo == 0 && s->range_hi == 8);
	ck_assert(s->step == 1);
	ck_assert(s->override_allowed);
	ck_assert(!s->override_reason_required);
	ck_assert_uint_eq(s->override_role_count, 2);
	ck_assert_str_eq(s->override_roles[1], "admin");
	/* each computed value after what it reads, whatever the file's order */
	int slot_raw = (int)def->field_count + raw, slot_total = (int)def->field_count + total;
	int slot_level = (int)def->field_count + level;
	ck_assert_uint_eq(def->compute_count, 3 + 3);
	ck_assert_uint_lt(order_index(def, slot_raw), order_index(def, field(def, "doubled")->slot));
	ck_assert_uint_lt(order_index(def, field(def, "doubled")->slot),
			  order_index(def, field(def, "adjusted")->slot));
	ck_assert_uint_lt(order_index(def, field(def, "bonus")->slot),
			  order_index(def, field(def, "adjusted")->slot));
	ck_assert_uint_lt(order_index(def, field(def, "adjusted")->slot),
			  order_index(def, slot_total));
	ck_assert_uint_lt(order_index(def, slot_total), order_index(def, slot_level));
	formdef_free(&def);
}
END_TEST

/* Limits in tenths meet although 1.1 - 1.0 is a little more than 0.1 in binary. */
START_TEST(bands_in_tenths_leave_no_gap)
{
	struct formdef *def = load_good("good_band_tenths.yaml");
	const struct formdef_score *s = &def->scores[formdef_score_index(def, "level")];
	ck_assert_uint_eq(s->band_sets[0].count, 4);
	ck_assert(s->step == 0.1);
	formdef_free(&def);
}
END_TEST

static const char tiny[] = "caseform: 1\nid: tiny\nversion: 1\ntitle: Tiny\n"
			   "sections: [{id: s, title: S, fields: [{id: f, type: text, label: F}]}]\n";

START_TEST(hash_is_sha256_of_the_exact_text)
{
	struct formdef_diags d;
	formdef_diags_init(&d);
	struct formdef *def = formdef_load_string("tiny.yaml", tiny, strlen(tiny), &d);
	ck_assert_ptr_nonnull(def);
	ck_assert_str_eq(def->hash,
			 "bc7f8d57385c833daa30a30c15690e94eedbcbdc40274bbdd450fec424bb6c38");
	ck_assert_str_eq(def->source_text, tiny);
	ck_assert_str_eq(def->source_path, "tiny.yaml");
	/* defaults */
	ck_assert_int_eq(def->status, FORMDEF_STATUS_ACTIVE);
	ck_assert_int_eq(def->review, FORMDEF_REVIEW_OFF);
	ck_assert_uint_eq(def->complete_role_count, 2);
	ck_assert_str_eq(def->complete_roles[0], "caseworker");
	ck_assert_str_eq(def->complete_roles[1], "lead");
	ck_assert_uint_eq(def->review_role_count, 1);
	ck_assert_int_eq(def->fields[0].max_length, 500);
	ck_assert_uint_eq(def->compute_count, 0);
	formdef_free(&def);
	formdef_diags_clear(&d);
}
END_TEST

/* ---- versions ------------------------------------------------------------------------------ */

START_TEST(versions_catch_changed_meaning)
{
	struct formdef *v1 = load_good("form_v1.yaml"), *v2 = load_good("form_v2.yaml");
	struct formdef_diags d;
	formdef_diags_init(&d);
	formdef_check_versions(v1, v2, &d);
	ck_assert_uint_eq(d.count, 2);
	ck_assert_uint_eq(formdef_diags_errors(&d), 2);
	struct strbuf out;
	strbuf_init(&out);
	formdef_diags_format(&d, &out);
	char *path = fixture_path("form_v2.yaml");
	struct strbuf want;
	strbuf_init(&want);
	strbuf_printf(&want,
		      "%s:8:15: error: choice \"1\" of list \"level\" scored 1 in version 1 but "
		      "scores 2 in version 2; a value never changes meaning, use a new value\n"
		      "%s:9:15: error: choice \"na\" of list \"level\" was a missing answer in "
		      "version 1 but is not in version 2; use a new value\n",
		      path, path);
	ck_assert_str_eq(out.buf, want.buf);
	strbuf_clear(&want);
	strbuf_clear(&out);
	free(path);
	formdef_diags_clear(&d);
	/* the other way round: the version must grow */
	formdef_check_versions(v2, v1, &d);
	ck_assert_uint_ge(d.count, 1);
	ck_assert_str_eq(d.items[0].message, "version 1 of form \"needs\" must be greater than "
					     "version 2");
	formdef_diags_clear(&d);
	formdef_free(&v1);
	formdef_free(&v2);
}
END_TEST

START_TEST(versions_allow_new_labels_and_values)
{
	struct formdef *v1 = load_good("form_v1.yaml"), *v2 = load_good("form_v2_ok.yaml");
	struct formdef_diags d;
	formdef_diags_init(&d);
	formdef_check_versions(v1, v2, &d);
	ck_assert_uint_eq(d.count, 0);
	formdef_check_versions(NULL, v2, &d);
	ck_assert_uint_eq(d.count, 0);
	formdef_diags_clear(&d);
	formdef_free(&v1);
	formdef_free(&v2);
}
END_TEST

/* ---- the model helpers ------------------------------------------------------------------- */

START_TEST(names_and_case_slots)
{
	ck_assert_str_eq(formdef_type_name(FORMDEF_TEXT), "text");
	ck_assert_str_eq(formdef_type_name(FORMDEF_SELECT_MULTIPLE), "select_multiple");
	ck_assert_str_eq(formdef_type_name(FORMDEF_REPEAT), "repeat");
	ck_assert_ptr_null(formdef_type_name((enum formdef_field_type)99));
	ck_assert_uint_eq(formdef_case_count(), 11);
	ck_assert_uint_le(formdef_case_count(), 16);
	for (size_t i = 0; i < formdef_case_count(); i++)
		ck_assert_int_eq(formdef_case_slot(formdef_case_name((int)i)), (int)i);
	ck_assert_int_eq(formdef_case_slot("srd"), 4);
	ck_assert_int_eq(formdef_case_kind(formdef_case_slot("srd")), FVAL_DATE);
	ck_assert_int_eq(formdef_case_kind(formdef_case_slot("age")), FVAL_NUMBER);
	ck_assert_int_eq(formdef_case_kind(formdef_case_slot("interpreter")), FVAL_BOOL);
	ck_assert_int_eq(formdef_case_kind(99), FVAL_NULL);
	ck_assert_int_eq(formdef_case_slot("nope"), -1);
	ck_assert_int_eq(formdef_case_slot(NULL), -1);
	ck_assert_ptr_null(formdef_case_name(-1));
	ck_assert_ptr_null(formdef_case_name(11));
	ck_assert_int_eq(formdef_field_slot(NULL, "x"), -1);
}
END_TEST

START_TEST(diagnostics_format)
{
	struct formdef_diags d;
	formdef_diags_init(&d);
	formdef_diags_add(&d, "a.yaml", 3, 7, FORMDEF_ERROR, "bad %s", "thing");
	formdef_diags_add(&d, "a.yaml", 4, 1, FORMDEF_WARNING, "odd");
	formdef_diags_add(&d, "b.yaml", 0, 0, FORMDEF_ERROR, "cannot read");
	ck_assert_uint_eq(formdef_diags_errors(&d), 2);
	struct strbuf out;
	strbuf_init(&out);
	formdef_diags_format(&d, &out);
	ck_assert_str_eq(out.buf, "a.yaml:3:7: error: bad thing\na.yaml:4:1: warning: odd\n"
				  "b.yaml: error: cannot read\n");
	strbuf_clear(&out);
	formdef_diags_clear(&d);
	ck_assert_uint_eq(d.count, 0);
	formdef_diags_clear(&d);
}
END_TEST

START_TEST(missing_file_is_one_diagnostic)
{
	struct formdef_diags d;
	formdef_diags_init(&d);
	ck_assert_ptr_null(formdef_load_file(FORM_FIXTURES "/no-such-file.yaml", &d));
	ck_assert_uint_eq(d.count, 1);
	ck_assert_uint_eq(d.items[0].line, 0);
	ck_assert_str_eq(d.items[0].message, "cannot read: No such file or directory");
	formdef_diags_clear(&d);
}
END_TEST

/* ---- limits --------------------------------------------------------------------------------- */

START_TEST(file_over_one_mib_is_refused)
{
	size_t len = FORMDEF_MAX_FILE_SIZE + 1;
	char *text = xmalloc(len);
	memset(text, '#', len);
	char *msg = load_text_error(text, len);
	ck_assert_str_eq(msg, "t.yaml:1:1: the file is larger than 1 MiB; a form is never this big");
	free(msg);
	free(text);
}
END_TEST

START_TEST(too_many_fields_are_refused)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "caseform: 1\nid: big\nversion: 1\ntitle: Big\nsections:\n"
			 "  - id: s\n    title: S\n    fields:\n");
	for (int i = 0; i <= FORMDEF_MAX_FIELDS; i++)
		strbuf_printf(&sb, "      - {id: f%d, type: text, label: F}\n", i);
	char *msg = load_text_error(sb.buf, sb.len);
	ck_assert_str_eq(msg, "t.yaml:2009:9: more than 2000 fields");
	free(msg);
	strbuf_clear(&sb);
}
END_TEST

START_TEST(huge_value_is_refused)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "caseform: 1\nid: big\nversion: 1\ntitle: ");
	for (int i = 0; i <= FORMDEF_MAX_SCALAR; i++)
		strbuf_putc(&sb, 'x');
	strbuf_puts(&sb, "\n");
	char *msg = load_text_error(sb.buf, sb.len);
	ck_assert_str_eq(msg, "t.yaml:4:8: a key or value is longer than 65536 bytes");
	free(msg);
	strbuf_clear(&sb);
}
END_TEST

START_TEST(many_errors_stop_at_the_limit)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "caseform: 1\nid: x\nversion: 1\ntitle: X\n");
	for (int i = 0; i < 300; i++)
		strbuf_printf(&sb, "bogus%d: 1\n", i);
	struct formdef_diags d;
	formdef_diags_init(&d);
	ck_assert_ptr_null(formdef_load_string("t.yaml", sb.buf, sb.len, &d));
	ck_assert_uint_eq(d.count, FORMDEF_MAX_ERRORS + 1);
	ck_assert_str_eq(d.items[d.count - 1].message, "too many errors; fix the ones above first");
	formdef_diags_clear(&d);
	strbuf_clear(&sb);
}
END_TEST

START_TEST(too_many_scores_are_refused_once)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "caseform: 1\nid: big\nversion: 1\ntitle: Big\nsections:\n"
			 "  - {id: s, title: S, fields: [{id: f, type: integer, label: F}]}\n"
			 "scores:\n");
	for (int i = 0; i < FORMDEF_MAX_ITEMS + 5; i++)
		strbuf_printf(&sb, "  - {id: s%d, expr: \"$f\"}\n", i);
	struct formdef_diags d;
	formdef_diags_init(&d);
	ck_assert_ptr_null(formdef_load_string("t.yaml", sb.buf, sb.len, &d));
	ck_assert_uint_eq(d.count, 1);
	ck_assert_str_eq(d.items[0].message, "more than 1000 scores");
	ck_assert_uint_eq(d.items[0].line, 8 + FORMDEF_MAX_ITEMS);
	formdef_diags_clear(&d);
	strbuf_clear(&sb);
}
END_TEST

/* A long chain of calculated values: ordered without deep recursion. */
START_TEST(long_chain_is_ordered)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "caseform: 1\nid: chain\nversion: 1\ntitle: C\nsections:\n"
			 "  - id: s\n    title: S\n    fields:\n");
	int n = 1500;
	for (int i = 0; i < n; i++)
		strbuf_printf(&sb, "      - {id: c%d, type: calculated, label: C, calculate: \"%s%d + 1\"}\n",
			      i, i + 1 < n ? "$c" : "", i + 1 < n ? i + 1 : 0);
	struct formdef_diags d;
	formdef_diags_init(&d);
	struct formdef *def = formdef_load_string("t.yaml", sb.buf, sb.len, &d);
	ck_assert_ptr_nonnull(def);
	ck_assert_uint_eq(def->compute_count, (size_t)n);
	ck_assert_int_eq(def->compute_order[0], n - 1);
	ck_assert_int_eq(def->compute_order[n - 1], 0);
	formdef_free(&def);
	formdef_diags_clear(&d);
	strbuf_clear(&sb);
}
END_TEST

/* ---- hostile input ------------------------------------------------------------------------ */

static void load_quietly(const char *text, size_t len)
{
	struct formdef_diags d;
	formdef_diags_init(&d);
	struct formdef *def = formdef_load_string("t.yaml", text, len, &d);
	ck_assert(def != NULL || formdef_diags_errors(&d) > 0);
	formdef_free(&def);
	formdef_diags_clear(&d);
}

START_TEST(truncated_prefixes_never_crash)
{
	static const char *const files[] = {"good_all_types.yaml", "good_scores.yaml"};
	for (size_t f = 0; f < 2; f++) {
		size_t len;
		char *text = read_fixture(files[f], &len);
		for (size_t n = 0; n <= len; n += 3)
			load_quietly(text, n);
		free(text);
	}
}
END_TEST

START_TEST(mutated_bytes_never_crash)
{
	static const char junk[] = "\0\n\t :-[]{}&*!|>'\"#%@`$.,?\xff\xc3";
	size_t len;
	char *text = read_fixture("good_scores.yaml", &len);
	unsigned seed = 12345;
	for (int round = 0; round < 1500; round++) {
		char *copy = xmalloc(len + 1);
		memcpy(copy, text, len + 1);
		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			copy[at] = junk[(seed >> 8) % (sizeof junk - 1)];
		}
		load_quietly(copy, len);
		free(copy);
	}
	free(text);
}
END_TEST

static Suite *formdef_suite(void)
{
	Suite *s = suite_create("formdef");
	TCase *bad = tcase_create("bad");
	tcase_add_loop_test(bad, bad_fixture_reports_exact_message, 0, (int)NBAD);
	suite_add_tcase(s, bad);
	TCase *good = tcase_create("good");
	tcase_add_test(good, all_field_types_load_in_order);
	tcase_add_test(good, scores_of_each_kind);
	tcase_add_test(good, bands_in_tenths_leave_no_gap);
	tcase_add_test(good, hash_is_sha256_of_the_exact_text);
	tcase_add_test(good, versions_catch_changed_meaning);
	tcase_add_test(good, versions_allow_new_labels_and_values);
	tcase_add_test(good, names_and_case_slots);
	tcase_add_test(good, diagnostics_format);
	tcase_add_test(good, missing_file_is_one_diagnostic);
	suite_add_tcase(s, good);
	TCase *limits = tcase_create("limits");
	tcase_add_test(limits, file_over_one_mib_is_refused);
	tcase_add_test(limits, too_many_fields_are_refused);
	tcase_add_test(limits, huge_value_is_refused);
	tcase_add_test(limits, many_errors_stop_at_the_limit);
	tcase_add_test(limits, long_chain_is_ordered);
	tcase_add_test(limits, too_many_scores_are_refused_once);
	suite_add_tcase(s, limits);
	TCase *fuzz = tcase_create("hostile");
	tcase_set_timeout(fuzz, 120);
	tcase_add_test(fuzz, truncated_prefixes_never_crash);
	tcase_add_test(fuzz, mutated_bytes_never_crash);
	suite_add_tcase(s, fuzz);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(formdef_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
