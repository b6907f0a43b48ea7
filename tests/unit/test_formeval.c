/* formeval: the form engine. How each field type reads its text (and the message when it
 * does not), skip logic, defaults, calculated chains, every kind of check, rules, repeats,
 * scores with missing items and proration, bands and their variants, overrides, versions,
 * and the shipped forms. Linked with cl_forms alone: the library is pure; the forms are small
 * YAML strings or files under form_fixtures/eval. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/formeval.h"
#include "caseload/strbuf.h"

#ifndef FORM_FIXTURES
#error "FORM_FIXTURES must name the fixtures directory"
#endif
#ifndef SHIPPED_FORMS
#error "SHIPPED_FORMS must name the directory of the shipped forms"
#endif

/* ---- helpers ------------------------------------------------------------------------------ */

static struct formdef *checked(struct formdef *def, struct formdef_diags *d, const char *name)
{
	struct strbuf out;
	strbuf_init(&out);
	formdef_diags_format(d, &out);
	ck_assert_msg(def != NULL, "%s did not load:\n%s", name, out.buf);
	strbuf_clear(&out);
	formdef_diags_clear(d);
	return def;
}

/* A form from YAML text: the common head is added, so a test writes sections and below. */
static struct formdef *form(const char *body)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "caseform: 1\nid: t\nversion: 1\ntitle: T\n%s", body);
	struct formdef_diags d;
	formdef_diags_init(&d);
	struct formdef *def = formdef_load_string("t.yaml", sb.buf, sb.len, &d);
	def = checked(def, &d, sb.buf);
	strbuf_clear(&sb);
	return def;
}

static struct formdef *form_file(const char *path)
{
	struct formdef_diags d;
	formdef_diags_init(&d);
	return checked(formdef_load_file(path, &d), &d, path);
}

static struct formdef *fixture(const char *name)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "%s/eval/%s", FORM_FIXTURES, name);
	struct formdef *def = form_file(sb.buf);
	strbuf_clear(&sb);
	return def;
}

static int slot_of(const struct formdef *def, const char *id)
{
	int slot = formdef_field_slot(def, id);
	if (slot < 0) {
		int score = formdef_score_index(def, id);
		ck_assert_msg(score >= 0, "no field or score %s", id);
		slot = (int)def->field_count + score;
	}
	return slot;
}

/* A person: a woman or a man, today 2026-03-10, admitted 2026-01-05. */
static struct formeval_case person(const char *sex)
{
	struct formeval_case p;
	memset(&p, 0, sizeof p);
	date_parse("2026-03-10", &p.today);
	fval_set_string(&p.values[formdef_case_slot("sex")], sex);
	date_t adm;
	date_parse("2026-01-05", &adm);
	fval_set_date(&p.values[formdef_case_slot("admission_date")], adm);
	return p;
}

static void person_clear(struct formeval_case *p)
{
	for (size_t i = 0; i < 16; i++)
		fval_clear(&p->values[i]);
}

static struct formeval *engine(const struct formdef *def)
{
	struct formeval_case p = person("M");
	struct formeval *ev = formeval_new(def, &p);
	person_clear(&p);
	ck_assert_ptr_nonnull(ev);
	return ev;
}

static enum cl_status set(struct formeval *ev, const struct formdef *def, const char *id,
                          const char *text)
{
	return formeval_set(ev, slot_of(def, id), 0, text);
}

static void set_ok(struct formeval *ev, const struct formdef *def, const char *id, const char *text)
{
	ck_assert_int_eq(set(ev, def, id, text), CL_OK);
}

static const char *message(const struct formeval *ev, const struct formdef *def, const char *id)
{
	return formeval_field_message(ev, slot_of(def, id), 0, NULL);
}

/* Sets the answer of id to text and expects the field's message to be want. */
static void says(struct formeval *ev, const struct formdef *def, const char *id, const char *text,
                 const char *want)
{
	set_ok(ev, def, id, text);
	ck_assert_msg(strcmp(message(ev, def, id), want) == 0,
	              "%s = \"%s\" says \"%s\", not \"%s\"", id, text, message(ev, def, id), want);
}

static const struct fval *value(const struct formeval *ev, const struct formdef *def,
                                const char *id)
{
	return formeval_value(ev, slot_of(def, id), 0);
}

static bool is_null(const struct formeval *ev, const struct formdef *def, const char *id)
{
	return value(ev, def, id)->kind == FVAL_NULL;
}

static double number(const struct formeval *ev, const struct formdef *def, const char *id)
{
	const struct fval *v = value(ev, def, id);
	ck_assert_msg(v->kind == FVAL_NUMBER, "%s is not a number (kind %d)", id, v->kind);
	return v->u.num;
}

/* The value's display text (fval_format), in a buffer the test frees. */
static char *shown(const struct fval *v)
{
	struct strbuf sb;
	strbuf_init(&sb);
	fval_format(v, &sb);
	return strbuf_detach(&sb);
}

static void assert_shows(const struct formeval *ev, const struct formdef *def, const char *id,
                         const char *want)
{
	char *got = shown(value(ev, def, id));
	ck_assert_msg(strcmp(got, want) == 0, "%s shows \"%s\", not \"%s\"", id, got, want);
	free(got);
}

static const struct formeval_score *score(const struct formeval *ev, const struct formdef *def,
                                          const char *id)
{
	int index = formdef_score_index(def, id);
	ck_assert_int_ge(index, 0);
	return formeval_score(ev, (size_t)index);
}

/* Every issue as "slot/row/rule: message" lines, to compare the whole list in one go. */
static char *issues(const struct formeval *ev, const struct formdef *def)
{
	size_t n;
	const struct formeval_issue *is = formeval_issues(ev, &n);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		const char *who = is[i].slot >= 0   ? def->fields[is[i].slot].id
		                  : is[i].rule >= 0 ? def->rules[is[i].rule].id
		                                    : "?";
		strbuf_printf(&sb, "%s%s/%zu%s: %s\n",
		              is[i].severity == FORMDEF_WARNING ? "w " : "", who ? who : "rule",
		              is[i].row, is[i].rule >= 0 ? " rule" : "", is[i].message);
	}
	return strbuf_detach(&sb);
}

static void assert_issues(const struct formeval *ev, const struct formdef *def, const char *want)
{
	char *got = issues(ev, def);
	ck_assert_msg(strcmp(got, want) == 0, "issues:\n%s\nwanted:\n%s", got, want);
	free(got);
}

/* ---- reading each type -------------------------------------------------------------------- */

static const char types_form[] =
    "choices:\n"
    "  colours:\n"
    "    - {value: red, label: Red}\n"
    "    - {value: blue, label: Blue}\n"
    "    - {value: old, label: Old, retired: true}\n"
    "sections:\n"
    "  - id: s\n"
    "    title: S\n"
    "    fields:\n"
    "      - {id: i, type: integer, label: I}\n"
    "      - {id: d, type: decimal, label: D}\n"
    "      - {id: dt, type: date, label: Dt}\n"
    "      - {id: dtm, type: datetime, label: Dtm}\n"
    "      - {id: tm, type: time, label: Tm}\n"
    "      - {id: yn, type: yes_no, label: Yn}\n"
    "      - {id: one, type: select_one, label: One, choices: colours}\n"
    "      - {id: many, type: select_multiple, label: Many, choices: colours}\n"
    "      - {id: att, type: attestation, label: Att, statement: I agree}\n"
    "      - {id: tx, type: text, label: Tx}\n"
    "      - {id: ta, type: textarea, label: Ta}\n"
    "      - {id: ad, type: address, label: Ad}\n"
    "      - {id: nt, type: note, label: Nt}\n"
    "      - {id: calc, type: calculated, label: C, calculate: \"$i * 2\"}\n";

/* Sets text and expects it to read as want (display text) with no message. */
static void reads(struct formeval *ev, const struct formdef *def, const char *id, const char *text,
                  enum fval_kind kind, const char *want)
{
	set_ok(ev, def, id, text);
	const struct fval *v = value(ev, def, id);
	ck_assert_msg(v->kind == kind, "%s: \"%s\" read as kind %d", id, text, v->kind);
	assert_shows(ev, def, id, want);
	ck_assert_str_eq(message(ev, def, id), "");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, id), 0), text);
}

/* Sets text and expects it to keep the text, read as null, and carry msg. */
static void refuses(struct formeval *ev, const struct formdef *def, const char *id,
                    const char *text, const char *msg)
{
	set_ok(ev, def, id, text);
	ck_assert_msg(is_null(ev, def, id), "%s: \"%s\" should not read", id, text);
	enum formdef_severity sev = FORMDEF_WARNING;
	ck_assert_str_eq(formeval_field_message(ev, slot_of(def, id), 0, &sev), msg);
	ck_assert_int_eq(sev, FORMDEF_ERROR);
	ck_assert_str_eq(formeval_text(ev, slot_of(def, id), 0), text);
}

START_TEST(numbers_read_with_a_point_whatever_the_locale)
{
	struct formdef *def = form(types_form);
	struct formeval *ev = engine(def);
	reads(ev, def, "i", "42", FVAL_NUMBER, "42");
	reads(ev, def, "i", " -7 ", FVAL_NUMBER, "-7");
	reads(ev, def, "i", "+007", FVAL_NUMBER, "7");
	refuses(ev, def, "i", "1.5", "Type a whole number.");
	refuses(ev, def, "i", "12a", "Type a whole number.");
	refuses(ev, def, "i", "-", "Type a whole number.");
	refuses(ev, def, "i", "1234567890123456", "Type a whole number.");
	reads(ev, def, "d", "2.5", FVAL_NUMBER, "2.5");
	reads(ev, def, "d", "-0.05", FVAL_NUMBER, "-0.05");
	reads(ev, def, "d", ".5", FVAL_NUMBER, "0.5");
	reads(ev, def, "d", "3", FVAL_NUMBER, "3");
	ck_assert(number(ev, def, "d") == 3);
	set_ok(ev, def, "d", "2.675");
	ck_assert(number(ev, def, "d") == 2.675);
	refuses(ev, def, "d", "1,5", "Type a number.");
	refuses(ev, def, "d", "1e5", "Type a number.");
	refuses(ev, def, "d", "5.", "Type a number.");
	refuses(ev, def, "d", "1.2.3", "Type a number.");
	/* what reads feeds calculations; what does not is null there too */
	set_ok(ev, def, "i", "21");
	ck_assert(number(ev, def, "calc") == 42);
	set_ok(ev, def, "i", "x");
	ck_assert(is_null(ev, def, "calc"));
	formeval_free(&ev);
	ck_assert_ptr_null(ev);
	formdef_free(&def);
}
END_TEST

START_TEST(dates_and_times_read_strictly)
{
	struct formdef *def = form(types_form);
	struct formeval *ev = engine(def);
	reads(ev, def, "dt", "2026-02-28", FVAL_DATE, "2026-02-28");
	refuses(ev, def, "dt", "2026-02-30", "Type a date as YYYY-MM-DD.");
	refuses(ev, def, "dt", "28/02/2026", "Type a date as YYYY-MM-DD.");
	reads(ev, def, "dtm", "2026-01-02T10:30", FVAL_STRING, "2026-01-02T10:30");
	/* a space for the T is accepted; the value has the T */
	reads(ev, def, "dtm", "2026-01-02 10:30", FVAL_STRING, "2026-01-02T10:30");
	refuses(ev, def, "dtm", "2026-01-02T24:00", "Type a date and time as YYYY-MM-DDTHH:MM.");
	refuses(ev, def, "dtm", "2026-01-02", "Type a date and time as YYYY-MM-DDTHH:MM.");
	reads(ev, def, "tm", "09:30", FVAL_STRING, "09:30");
	reads(ev, def, "tm", "23:59", FVAL_STRING, "23:59");
	refuses(ev, def, "tm", "9:30", "Type a time as HH:MM.");
	refuses(ev, def, "tm", "12:60", "Type a time as HH:MM.");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(choices_read_as_their_values)
{
	struct formdef *def = form(types_form);
	struct formeval *ev = engine(def);
	reads(ev, def, "yn", "yes", FVAL_STRING, "yes");
	reads(ev, def, "yn", "no", FVAL_STRING, "no");
	refuses(ev, def, "yn", "Yes", "Choose one of the listed answers.");
	reads(ev, def, "one", "blue", FVAL_STRING, "blue");
	/* a retired choice still reads, so old answers keep their meaning */
	reads(ev, def, "one", "old", FVAL_STRING, "old");
	refuses(ev, def, "one", "green", "Choose one of the listed answers.");
	reads(ev, def, "many", "red\nblue", FVAL_LIST, "red, blue");
	/* blank lines are skipped and a value chosen twice counts once */
	reads(ev, def, "many", "blue\n\nblue\r\nred\n", FVAL_LIST, "blue, red");
	refuses(ev, def, "many", "red\ngreen", "Choose one of the listed answers.");
	reads(ev, def, "att", "Ann Smith at 2026-03-10T09:00", FVAL_BOOL, "true");
	reads(ev, def, "tx", "  as typed  ", FVAL_STRING, "  as typed  ");
	reads(ev, def, "ta", "two\nlines", FVAL_STRING, "two\nlines");
	reads(ev, def, "ad", "1 High St\nTown", FVAL_STRING, "1 High St\nTown");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(set_refuses_what_takes_no_answer)
{
	struct formdef *def = form(types_form);
	struct formeval *ev = engine(def);
	ck_assert_int_eq(set(ev, def, "nt", "x"), CL_ERR_INVALID);
	ck_assert_int_eq(set(ev, def, "calc", "3"), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_set(ev, -1, 0, "x"), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_set(ev, (int)def->field_count, 0, "x"), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_set(ev, slot_of(def, "tx"), 1, "x"), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_set(NULL, 0, 0, "x"), CL_ERR_INVALID);
	/* "" and NULL clear */
	set_ok(ev, def, "tx", "x");
	set_ok(ev, def, "tx", "");
	ck_assert(is_null(ev, def, "tx"));
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "tx"), 0), "");
	set_ok(ev, def, "i", "4");
	set_ok(ev, def, "i", NULL);
	ck_assert(is_null(ev, def, "i"));
	/* out of range reads are harmless */
	ck_assert_str_eq(formeval_text(ev, 9999, 0), "");
	ck_assert(formeval_value(ev, -5, 0)->kind == FVAL_NULL);
	ck_assert(!formeval_visible(ev, 9999, 0));
	ck_assert_str_eq(formeval_field_message(ev, -1, 0, NULL), "");
	ck_assert_ptr_null(formeval_score(ev, 0));
	ck_assert_int_eq(formeval_override(ev, 0, "x", "y"), CL_ERR_INVALID);
	formeval_free(&ev);
	formeval_free(&ev);
	formeval_free(NULL);
	ck_assert_ptr_null(formeval_new(NULL, NULL));
	formdef_free(&def);
}
END_TEST

/* ---- skip logic --------------------------------------------------------------------------- */

static const char skip_form[] =
    "choices:\n"
    "  need:\n"
    "    - {value: '0', label: None, score: 0}\n"
    "    - {value: '1', label: Some, score: 1}\n"
    "sections:\n"
    "  - id: first\n"
    "    title: First\n"
    "    fields:\n"
    "      - {id: kind, type: select_one, label: Kind, choices: [{value: full, label: Full},"
    " {value: brief, label: Brief}]}\n"
    "      - id: has_job\n"
    "        type: yes_no\n"
    "        label: Job?\n"
    "        when_yes:\n"
    "          - {id: employer, type: text, label: Employer, required: true}\n"
    "      - {id: hours, type: integer, label: Hours, relevant: \"$has_job = 'yes'\"}\n"
    "      - id: block\n"
    "        type: likert\n"
    "        label: Block\n"
    "        choices: need\n"
    "        required: true\n"
    "        relevant: \"$kind = 'full'\"\n"
    "        rows: [{id: r1, label: R1}, {id: r2, label: R2}]\n"
    "  - id: second\n"
    "    title: Second\n"
    "    relevant: \"$kind = 'full'\"\n"
    "    fields:\n"
    "      - {id: detail, type: text, label: Detail, required: true}\n"
    "      - {id: echo, type: calculated, label: Echo, calculate: \"$detail\"}\n";

START_TEST(sections_and_fields_hide_and_show)
{
	struct formdef *def = form(skip_form);
	struct formeval *ev = engine(def);
	/* nothing chosen: the second section and the likert are hidden */
	ck_assert(formeval_section_visible(ev, 0));
	ck_assert(!formeval_section_visible(ev, 1));
	ck_assert(!formeval_section_visible(ev, 2));
	ck_assert(!formeval_visible(ev, slot_of(def, "detail"), 0));
	ck_assert(!formeval_visible(ev, slot_of(def, "r1"), 0));
	ck_assert(!formeval_visible(ev, slot_of(def, "employer"), 0));
	assert_issues(ev, def, "");
	set_ok(ev, def, "kind", "full");
	ck_assert(formeval_section_visible(ev, 1));
	ck_assert(formeval_visible(ev, slot_of(def, "detail"), 0));
	/* the likert's relevant and required apply to each row */
	ck_assert(formeval_visible(ev, slot_of(def, "block"), 0));
	ck_assert(formeval_visible(ev, slot_of(def, "r2"), 0));
	ck_assert(formeval_required(ev, slot_of(def, "r2"), 0));
	assert_issues(ev, def,
	              "r1/0: This field is required.\nr2/0: This field is required.\n"
	              "detail/0: This field is required.\n");
	set_ok(ev, def, "detail", "kept");
	set_ok(ev, def, "r1", "1");
	assert_shows(ev, def, "echo", "kept");
	/* hidden again: answers stay, read as null, are not checked */
	set_ok(ev, def, "kind", "brief");
	ck_assert(!formeval_visible(ev, slot_of(def, "detail"), 0));
	ck_assert(!formeval_visible(ev, slot_of(def, "r1"), 0));
	ck_assert(!formeval_required(ev, slot_of(def, "r2"), 0));
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "detail"), 0), "kept");
	ck_assert(is_null(ev, def, "detail"));
	ck_assert(is_null(ev, def, "r1"));
	ck_assert(is_null(ev, def, "echo"));
	assert_issues(ev, def, "");
	/* shown again: the answers come back */
	set_ok(ev, def, "kind", "full");
	assert_shows(ev, def, "detail", "kept");
	assert_shows(ev, def, "r1", "1");
	assert_shows(ev, def, "echo", "kept");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(nested_fields_follow_their_choice)
{
	struct formdef *def = form(skip_form);
	struct formeval *ev = engine(def);
	int employer = slot_of(def, "employer");
	set_ok(ev, def, "has_job", "no");
	ck_assert(!formeval_visible(ev, employer, 0));
	ck_assert(!formeval_visible(ev, slot_of(def, "hours"), 0));
	set_ok(ev, def, "has_job", "yes");
	ck_assert(formeval_visible(ev, employer, 0));
	ck_assert(formeval_visible(ev, slot_of(def, "hours"), 0));
	assert_issues(ev, def, "employer/0: This field is required.\n");
	set_ok(ev, def, "employer", "Acme");
	set_ok(ev, def, "has_job", "maybe"); /* does not read: null hides what it reveals */
	ck_assert(!formeval_visible(ev, employer, 0));
	assert_issues(ev, def, "has_job/0: Choose one of the listed answers.\n");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* A relevant that reads a field later in the form, through a calculated value. */
START_TEST(visibility_settles_on_later_fields)
{
	struct formdef *def =
	    form("sections:\n"
	         "  - id: s\n"
	         "    title: S\n"
	         "    fields:\n"
	         "      - {id: a, type: text, label: A, relevant: \"$flag = 'on'\"}\n"
	         "      - {id: flag, type: calculated, label: F, calculate: "
	         "\"if($b = 'x', 'on', 'off')\"}\n"
	         "      - {id: b, type: text, label: B}\n"
	         "      - {id: c, type: text, label: C, relevant: \"not empty($a)\"}\n");
	struct formeval *ev = engine(def);
	set_ok(ev, def, "a", "1");
	ck_assert(!formeval_visible(ev, slot_of(def, "a"), 0));
	ck_assert(!formeval_visible(ev, slot_of(def, "c"), 0));
	set_ok(ev, def, "b", "x");
	ck_assert(formeval_visible(ev, slot_of(def, "a"), 0));
	ck_assert(formeval_visible(ev, slot_of(def, "c"), 0));
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* ---- defaults and calculated values ------------------------------------------------------- */

struct collected {
	struct strbuf sb;
};

static void collect(void *ctx, int slot, size_t row, const char *text)
{
	struct collected *c = ctx;
	strbuf_printf(&c->sb, "%d/%zu=%s;", slot, row, text);
}

static char *answers(const struct formeval *ev)
{
	struct collected c;
	strbuf_init(&c.sb);
	formeval_each_answer(ev, collect, &c);
	return strbuf_detach(&c.sb);
}

START_TEST(defaults_fill_the_value_shown)
{
	struct formdef *def =
	    form("sections:\n"
	         "  - id: s\n"
	         "    title: S\n"
	         "    fields:\n"
	         "      - {id: seen, type: date, label: Seen, default: \"today()\"}\n"
	         "      - {id: due, type: date, label: Due, default: \"$seen + 7\"}\n"
	         "      - {id: admitted, type: date, label: A, "
	         "default: \"case.admission_date\"}\n"
	         "      - {id: ok, type: yes_no, label: Ok, default: \"1 = 1\"}\n"
	         "      - {id: n, type: integer, label: N, default: \"3\"}\n"
	         "      - {id: none, type: text, label: None, default: \"null\"}\n");
	struct formeval *ev = engine(def);
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "seen"), 0), "2026-03-10");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "due"), 0), "2026-03-17");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "admitted"), 0), "2026-01-05");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "ok"), 0), "yes");
	ck_assert(number(ev, def, "n") == 3);
	ck_assert(value(ev, def, "seen")->kind == FVAL_DATE);
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "none"), 0), "");
	char *all = answers(ev);
	ck_assert_str_eq(all, "0/0=2026-03-10;1/0=2026-03-17;2/0=2026-01-05;3/0=yes;4/0=3;");
	free(all);
	/* an answer wins; defaults are computed once, so due keeps its first value */
	set_ok(ev, def, "seen", "2026-03-01");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "seen"), 0), "2026-03-01");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "due"), 0), "2026-03-17");
	/* clearing the answer brings the default back */
	set_ok(ev, def, "seen", "");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "seen"), 0), "2026-03-10");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(calculated_values_follow_a_chain_in_any_order)
{
	struct formdef *def =
	    form("sections:\n"
	         "  - id: s\n"
	         "    title: S\n"
	         "    fields:\n"
	         "      - {id: d, type: calculated, label: D, calculate: \"$c + 1\"}\n"
	         "      - {id: c, type: calculated, label: C, calculate: \"$b * 2\"}\n"
	         "      - {id: b, type: calculated, label: B, calculate: \"$a + $a\"}\n"
	         "      - {id: a, type: integer, label: A}\n"
	         "      - {id: h, type: calculated, label: H, calculate: \"$a\","
	         " relevant: \"$a > 100\"}\n"
	         "      - {id: label, type: calculated, label: L,"
	         " calculate: \"concat('total ', $d)\"}\n");
	struct formeval *ev = engine(def);
	ck_assert(is_null(ev, def, "d"));
	assert_shows(ev, def, "label", "total ");
	set_ok(ev, def, "a", "5");
	ck_assert(number(ev, def, "b") == 10);
	ck_assert(number(ev, def, "c") == 20);
	ck_assert(number(ev, def, "d") == 21);
	assert_shows(ev, def, "label", "total 21");
	ck_assert(is_null(ev, def, "h")); /* hidden: null */
	set_ok(ev, def, "a", "101");
	ck_assert(number(ev, def, "h") == 101);
	ck_assert(number(ev, def, "d") == 405);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* ---- checks ------------------------------------------------------------------------------- */

static const char checks_form[] =
    "sections:\n"
    "  - id: s\n"
    "    title: S\n"
    "    fields:\n"
    "      - {id: name, type: text, label: Name, required: true}\n"
    "      - {id: why, type: text, label: Why, required: \"$count > 2\","
    " required_message: \"Say why.\"}\n"
    "      - {id: count, type: integer, label: Count, min: 0, max: \"$cap\"}\n"
    "      - {id: cap, type: integer, label: Cap}\n"
    "      - {id: amount, type: decimal, label: Amount, min: 0.5}\n"
    "      - {id: when, type: date, label: When, min: 2026-01-01, max: \"today()\"}\n"
    "      - {id: at, type: datetime, label: At, max: \"today()\"}\n"
    "      - {id: code, type: text, label: Code, min_length: 2, max_length: 4,"
    " pattern: '^[A-Z]+$'}\n"
    "      - {id: ref, type: text, label: Ref, pattern: '[0-9]',"
    " constraint_message: \"Needs a digit.\"}\n"
    "      - {id: even, type: integer, label: Even, constraint: \". % 2 = 0\"}\n"
    "      - {id: soft, type: integer, label: Soft, constraint: \". < 10\","
    " constraint_message: \"That is a lot. Sure?\", severity: warning}\n"
    "      - {id: nul, type: text, label: Nul, constraint: \"$cap > 1\"}\n"
    "      - {id: one, type: text, label: One, min_length: 1, max_length: 1}\n";

START_TEST(required_constant_and_expression)
{
	struct formdef *def = form(checks_form);
	struct formeval *ev = engine(def);
	assert_issues(ev, def, "name/0: This field is required.\n");
	ck_assert_uint_eq(formeval_error_count(ev), 1);
	ck_assert(formeval_required(ev, slot_of(def, "name"), 0));
	ck_assert(!formeval_required(ev, slot_of(def, "why"), 0));
	set_ok(ev, def, "count", "3");
	ck_assert(formeval_required(ev, slot_of(def, "why"), 0));
	ck_assert_str_eq(message(ev, def, "why"), "Say why.");
	set_ok(ev, def, "name", "Ann");
	set_ok(ev, def, "why", "Because");
	assert_issues(ev, def, "");
	ck_assert_uint_eq(formeval_error_count(ev), 0);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(min_and_max_of_numbers_and_dates)
{
	struct formdef *def = form(checks_form);
	struct formeval *ev = engine(def);
	set_ok(ev, def, "name", "Ann");
	says(ev, def, "count", "-1", "Must be at least 0.");
	/* max is an expression evaluated at each check: no cap, no limit */
	says(ev, def, "count", "2", "");
	set_ok(ev, def, "cap", "1");
	ck_assert_str_eq(message(ev, def, "count"), "Must be at most 1.");
	says(ev, def, "amount", "0.25", "Must be at least 0.5.");
	says(ev, def, "amount", "0.5", "");
	says(ev, def, "when", "2025-12-31", "Must be at least 2026-01-01.");
	says(ev, def, "when", "2026-03-11", "Must be at most 2026-03-10.");
	says(ev, def, "when", "2026-03-10", "");
	/* a datetime compares its day */
	says(ev, def, "at", "2026-03-10T23:59", "");
	says(ev, def, "at", "2026-03-11 00:00", "Must be at most 2026-03-10.");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(lengths_and_patterns)
{
	struct formdef *def = form(checks_form);
	struct formeval *ev = engine(def);
	says(ev, def, "code", "A", "Must be at least 2 characters.");
	says(ev, def, "code", "ABCDE", "Must be at most 4 characters.");
	says(ev, def, "code", "AB1", "This value is not in the expected form.");
	says(ev, def, "code", "ABC", "");
	/* characters, not bytes */
	says(ev, def, "one", "é", "");
	says(ev, def, "one", "éé", "Must be at most 1 character.");
	/* a pattern matches anywhere unless anchored; it uses the constraint message */
	says(ev, def, "ref", "abc", "Needs a digit.");
	says(ev, def, "ref", "ab3c", "");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(constraints_with_severity)
{
	struct formdef *def = form(checks_form);
	struct formeval *ev = engine(def);
	set_ok(ev, def, "name", "Ann");
	says(ev, def, "even", "3", "This value is not accepted.");
	says(ev, def, "even", "4", "");
	set_ok(ev, def, "soft", "12");
	enum formdef_severity sev = FORMDEF_ERROR;
	ck_assert_str_eq(formeval_field_message(ev, slot_of(def, "soft"), 0, &sev),
	                 "That is a lot. Sure?");
	ck_assert_int_eq(sev, FORMDEF_WARNING);
	/* a constraint that is null fails, but only once there is an answer */
	ck_assert_str_eq(message(ev, def, "nul"), "");
	says(ev, def, "nul", "x", "This value is not accepted.");
	assert_issues(ev, def,
	              "w soft/0: That is a lot. Sure?\nnul/0: This value is not accepted.\n");
	ck_assert_uint_eq(formeval_error_count(ev), 1);
	set_ok(ev, def, "cap", "2");
	ck_assert_str_eq(message(ev, def, "nul"), "");
	/* a text that does not read is reported before anything else */
	says(ev, def, "even", "four", "Type a whole number.");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(rules_report_in_form_order)
{
	struct formdef *def =
	    form("sections:\n"
	         "  - id: s\n"
	         "    title: S\n"
	         "    fields:\n"
	         "      - {id: a, type: integer, label: A, required: true}\n"
	         "      - {id: b, type: integer, label: B}\n"
	         "rules:\n"
	         "  - {id: order, assert: \"$a <= $b\", message: \"A after B.\"}\n"
	         "  - {id: soft, assert: \"$b < 100\", message: \"B is big.\","
	         " severity: warning, relevant: \"not empty($b)\"}\n"
	         "  - {id: fine, assert: \"empty($a) or $a > 0\", message: \"Positive.\"}\n");
	struct formeval *ev = engine(def);
	/* null breaks a rule that does not allow for it; a rule not relevant is not checked */
	assert_issues(ev, def, "a/0: This field is required.\norder/0 rule: A after B.\n");
	set_ok(ev, def, "a", "-5");
	set_ok(ev, def, "b", "200");
	assert_issues(ev, def, "w soft/0 rule: B is big.\nfine/0 rule: Positive.\n");
	size_t n;
	const struct formeval_issue *is = formeval_issues(ev, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(is[0].slot, -1);
	ck_assert_int_eq(is[0].rule, 1);
	ck_assert_int_eq(is[1].rule, 2);
	ck_assert_uint_eq(formeval_error_count(ev), 1);
	set_ok(ev, def, "a", "5");
	set_ok(ev, def, "b", "6");
	assert_issues(ev, def, "");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* ---- repeats ------------------------------------------------------------------------------ */

static const char repeat_form[] =
    "sections:\n"
    "  - id: s\n"
    "    title: S\n"
    "    fields:\n"
    "      - {id: show, type: yes_no, label: Show}\n"
    "      - id: jobs\n"
    "        type: repeat\n"
    "        label: Jobs\n"
    "        min_rows: 1\n"
    "        max_rows: 3\n"
    "        relevant: \"not selected($show, 'no')\"\n"
    "        fields:\n"
    "          - {id: employer, type: text, label: Employer, required: true}\n"
    "          - {id: months, type: integer, label: Months, min: 1,"
    " constraint: \". <= 12 or $employer = 'long'\"}\n"
    "          - {id: why_short, type: text, label: Why, relevant: \"$months < 3\","
    " required: true}\n"
    "          - {id: start, type: date, label: Start, default: \"today()\"}\n"
    "          - {id: double, type: calculated, label: D, calculate: \"$months * 2\"}\n"
    "      - {id: total, type: calculated, label: T, calculate: \"sum_rows($jobs, $months)\"}\n"
    "      - {id: doubled, type: calculated, label: T2,"
    " calculate: \"sum_rows($jobs, $double)\"}\n"
    "      - {id: n, type: calculated, label: N, calculate: \"count_rows($jobs)\"}\n"
    "rules:\n"
    "  - {id: no_long, assert: \"not any_row($jobs, $months > 10)\", message: \"Long job.\","
    " severity: warning}\n";

static enum cl_status set_row(struct formeval *ev, const struct formdef *def, const char *id,
                              size_t row, const char *text)
{
	return formeval_set(ev, slot_of(def, id), row, text);
}

START_TEST(repeat_rows_add_remove_and_shift)
{
	struct formdef *def = form(repeat_form);
	struct formeval *ev = engine(def);
	int jobs = slot_of(def, "jobs");
	ck_assert_uint_eq(formeval_rows(ev, jobs), 0);
	assert_issues(ev, def, "jobs/0: Must have at least 1 row.\n");
	ck_assert_int_eq(set_row(ev, def, "employer", 0, "x"), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_row_add(ev, jobs), CL_OK);
	ck_assert_int_eq(formeval_row_add(ev, jobs), CL_OK);
	ck_assert_int_eq(formeval_row_add(ev, jobs), CL_OK);
	ck_assert_int_eq(formeval_row_add(ev, jobs), CL_ERR_INVALID); /* max_rows 3 */
	ck_assert_int_eq(formeval_row_add(ev, slot_of(def, "show")), CL_ERR_INVALID);
	ck_assert_uint_eq(formeval_rows(ev, jobs), 3);
	ck_assert(number(ev, def, "n") == 3);
	/* each row has its default */
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "start"), 2), "2026-03-10");
	const char *names[] = {"A", "B", "C"}, *months[] = {"2", "5", "11"};
	for (size_t r = 0; r < 3; r++) {
		ck_assert_int_eq(set_row(ev, def, "employer", r, names[r]), CL_OK);
		ck_assert_int_eq(set_row(ev, def, "months", r, months[r]), CL_OK);
	}
	ck_assert(number(ev, def, "total") == 18);
	ck_assert(number(ev, def, "doubled") == 36);
	ck_assert(formeval_value(ev, slot_of(def, "double"), 1)->u.num == 10);
	/* sub-field expressions see their own row: only row 0 is short */
	ck_assert(formeval_visible(ev, slot_of(def, "why_short"), 0));
	ck_assert(!formeval_visible(ev, slot_of(def, "why_short"), 1));
	/* issues row by row, then the rules */
	assert_issues(ev, def,
	              "why_short/0: This field is required.\nw no_long/0 rule: Long job.\n");
	/* removing row 0 moves the later rows up */
	ck_assert_int_eq(formeval_row_remove(ev, jobs, 3), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_row_remove(ev, jobs, 0), CL_OK);
	ck_assert_uint_eq(formeval_rows(ev, jobs), 2);
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "employer"), 0), "B");
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "months"), 1), "11");
	ck_assert(number(ev, def, "total") == 16);
	assert_issues(ev, def, "w no_long/0 rule: Long job.\n");
	ck_assert_int_eq(formeval_row_add(ev, jobs), CL_OK);
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "employer"), 2), "");
	ck_assert_int_eq(set_row(ev, def, "employer", 2, "long"), CL_OK);
	ck_assert_int_eq(set_row(ev, def, "months", 2, "40"), CL_OK);
	ck_assert_str_eq(formeval_field_message(ev, slot_of(def, "months"), 2, NULL), "");
	ck_assert_int_eq(set_row(ev, def, "employer", 2, "short"), CL_OK);
	ck_assert_str_eq(formeval_field_message(ev, slot_of(def, "months"), 2, NULL),
	                 "This value is not accepted.");
	char *all = answers(ev);
	ck_assert_ptr_nonnull(strstr(all, "=B;"));
	free(all);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(hidden_repeat_hides_its_rows)
{
	struct formdef *def = form(repeat_form);
	struct formeval *ev = engine(def);
	int jobs = slot_of(def, "jobs");
	formeval_row_add(ev, jobs);
	set_row(ev, def, "months", 0, "4");
	ck_assert(number(ev, def, "total") == 4);
	set_ok(ev, def, "show", "no");
	ck_assert(!formeval_visible(ev, jobs, 0));
	ck_assert(!formeval_visible(ev, slot_of(def, "employer"), 0));
	ck_assert(number(ev, def, "total") == 0);
	assert_issues(ev, def, "");
	/* the rows and their answers stay */
	ck_assert_uint_eq(formeval_rows(ev, jobs), 1);
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "months"), 0), "4");
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* ---- scores ------------------------------------------------------------------------------- */

START_TEST(item_scores_with_missing_and_proration)
{
	struct formdef *def = fixture("scores.yaml");
	struct formeval *ev = engine(def);
	const struct formeval_score *s = score(ev, def, "sum4");
	/* nothing answered is nothing scored */
	ck_assert(!s->has_value);
	ck_assert_uint_eq(s->missing, 4);
	ck_assert(is_null(ev, def, "sum4"));
	set_ok(ev, def, "q1", "2");
	set_ok(ev, def, "q2", "3");
	set_ok(ev, def, "q3", "na");
	set_ok(ev, def, "q4", "1");
	/* the man page's example: 6 prorated to 6 x 4 / 3 = 8.0 */
	ck_assert(s->has_value);
	ck_assert_uint_eq(s->missing, 1);
	ck_assert_double_eq_tol(s->value, 8.0, 1e-9);
	ck_assert_double_eq_tol(score(ev, def, "plain")->value, 6, 1e-9);
	ck_assert_double_eq_tol(number(ev, def, "sum4"), 8.0, 1e-9);
	/* rounded to one decimal: 5 x 4 / 3 = 6.666.. -> 6.7 */
	set_ok(ev, def, "q1", "1");
	ck_assert_double_eq_tol(s->value, 6.7, 1e-9);
	/* two missing is more than max_missing 1 */
	set_ok(ev, def, "q4", "");
	ck_assert(!s->has_value);
	ck_assert_uint_eq(s->missing, 2);
	ck_assert(is_null(ev, def, "sum4"));
	ck_assert(!score(ev, def, "level")->has_value);
	ck_assert_str_eq(score(ev, def, "level")->level, "");
	ck_assert_int_eq(score(ev, def, "level")->band_set, -1);
	/* without a limit the plain sum goes on: 1 + 3 */
	ck_assert(score(ev, def, "plain")->has_value);
	ck_assert_double_eq_tol(score(ev, def, "plain")->value, 4, 1e-9);
	/* a hidden item is missing */
	set_ok(ev, def, "q4", "1");
	ck_assert(score(ev, def, "sum4")->has_value);
	set_ok(ev, def, "hide_q4", "yes");
	ck_assert(!score(ev, def, "sum4")->has_value);
	ck_assert_uint_eq(score(ev, def, "sum4")->missing, 2);
	/* select_multiple items add their chosen choices' scores */
	set_ok(ev, def, "flags", "a\nb");
	ck_assert_double_eq_tol(score(ev, def, "flag_score")->value, 3, 1e-9);
	set_ok(ev, def, "flags", "none");
	ck_assert(!score(ev, def, "flag_score")->has_value);
	ck_assert_uint_eq(score(ev, def, "flag_score")->missing, 1);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

START_TEST(expression_scores_and_bands_by_variant)
{
	struct formdef *def = fixture("scores.yaml");
	struct formeval_case man = person("M"), woman = person("F");
	struct formeval *m = formeval_new(def, &man), *w = formeval_new(def, &woman);
	person_clear(&man);
	person_clear(&woman);
	const char *ids[] = {"q1", "q2", "q3", "q4"}, *vals[] = {"3", "3", "3", "3"};
	for (size_t i = 0; i < 4; i++) {
		set_ok(m, def, ids[i], vals[i]);
		set_ok(w, def, ids[i], vals[i]);
	}
	/* total = sum4 + bonus: 12 + 0 */
	ck_assert_double_eq_tol(score(m, def, "total")->value, 12, 1e-9);
	const struct formeval_score *lm = score(m, def, "level"), *lw = score(w, def, "level");
	ck_assert_str_eq(lm->level, "high");
	ck_assert_int_eq(lm->band_set, 0);
	ck_assert_str_eq(lw->level, "moderate"); /* women: high from 13 */
	ck_assert_int_eq(lw->band_set, 1);
	ck_assert_str_eq(lw->final_level, "moderate");
	ck_assert_double_eq_tol(lw->value, 12, 1e-9);
	/* a banded score reads as its level; a later calculation sees it */
	assert_shows(m, def, "level", "high");
	assert_shows(m, def, "shout", "level high");
	/* 5.5 falls in no band of step 1 (low ends at 5, moderate starts at 6) */
	set_ok(m, def, "bonus", "-6.5");
	ck_assert_double_eq_tol(score(m, def, "total")->value, 5.5, 1e-9);
	ck_assert_str_eq(score(m, def, "level")->level, "");
	set_ok(m, def, "bonus", "-7");
	ck_assert_str_eq(score(m, def, "level")->level, "low");
	/* an expression that is not a number has no value */
	set_ok(m, def, "bonus", "");
	ck_assert(score(m, def, "bonus_score")->has_value == false);
	formeval_free(&m);
	formeval_free(&w);
	formdef_free(&def);
}
END_TEST

START_TEST(overrides_follow_their_rules)
{
	struct formdef *def = fixture("scores.yaml");
	struct formeval *ev = engine(def);
	size_t level = (size_t)formdef_score_index(def, "level");
	size_t plain = (size_t)formdef_score_index(def, "plain");
	ck_assert_int_eq(formeval_override(ev, plain, "low", "why"), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_override(ev, level, "extreme", "why"), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_override(ev, level, "low", ""), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_override(ev, level, "low", "  "), CL_ERR_INVALID);
	ck_assert_int_eq(formeval_override(ev, level, "low", NULL), CL_ERR_INVALID);
	/* "severe" exists only in the women's bands: still a value of this score */
	ck_assert_int_eq(formeval_override(ev, level, "severe", "Known history"), CL_OK);
	const struct formeval_score *s = formeval_score(ev, level);
	ck_assert_str_eq(s->override_level, "severe");
	ck_assert_str_eq(s->override_reason, "Known history");
	ck_assert_str_eq(s->final_level, "severe");
	ck_assert_str_eq(s->level, "");
	assert_shows(ev, def, "shout", "level severe");
	for (size_t i = 1; i <= 4; i++) {
		char id[3] = {'q', (char)('0' + i), 0};
		set_ok(ev, def, id, "0");
	}
	ck_assert_str_eq(s->level, "low");
	ck_assert_str_eq(s->final_level, "severe"); /* stays until removed */
	ck_assert_int_eq(formeval_override(ev, level, "", NULL), CL_OK);
	ck_assert_str_eq(s->final_level, "low");
	ck_assert_str_eq(s->override_reason, "");
	/* a score whose override needs no reason */
	size_t easy = (size_t)formdef_score_index(def, "easy_level");
	ck_assert_int_eq(formeval_override(ev, easy, "up", NULL), CL_OK);
	ck_assert_str_eq(formeval_score(ev, easy)->final_level, "up");
	/* a banded score without override allows none */
	size_t fixed = (size_t)formdef_score_index(def, "fixed_level");
	ck_assert_int_eq(formeval_override(ev, fixed, "down", "x"), CL_ERR_INVALID);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* ---- versions, expressions of the app, shipped forms -------------------------------------- */

struct answer {
	const char *id, *text;
};

static struct formeval *with_answers(const struct formdef *def, const struct answer *a, size_t n)
{
	struct formeval *ev = engine(def);
	for (size_t i = 0; i < n; i++) {
		int slot = formdef_field_slot(def, a[i].id);
		if (slot >= 0)
			ck_assert_int_eq(formeval_set(ev, slot, 0, a[i].text), CL_OK);
	}
	return ev;
}

START_TEST(each_version_evaluates_its_own_way)
{
	struct formdef *v1 = fixture("resp_v1.yaml"), *v2 = fixture("resp_v2.yaml");
	const struct answer stored[] = {{"housing", "shelter"}, {"work", "none"}, {"notes", "ok"}};
	struct formeval *e1 = with_answers(v1, stored, 3), *e2 = with_answers(v2, stored, 3);
	/* v1 scores housing only and bands at 2; v2 adds work and bands at 3 */
	ck_assert_double_eq_tol(score(e1, v1, "need")->value, 2, 1e-9);
	ck_assert_double_eq_tol(score(e2, v2, "need")->value, 4, 1e-9);
	ck_assert_str_eq(score(e1, v1, "need_level")->level, "high");
	ck_assert_str_eq(score(e2, v2, "need_level")->level, "high");
	/* v2 retired "shelter": the old answer still reads and scores */
	ck_assert_str_eq(message(e2, v2, "housing"), "");
	/* v2 requires notes only when work is none; v1 hides them */
	ck_assert(!formeval_visible(e1, slot_of(v1, "notes"), 0));
	ck_assert(formeval_visible(e2, slot_of(v2, "notes"), 0));
	/* "work" is not in v1: its answer was never given there */
	ck_assert_int_eq(formdef_field_slot(v1, "work"), -1);
	set_ok(e1, v1, "housing", "own");
	set_ok(e2, v2, "housing", "own");
	ck_assert_str_eq(score(e1, v1, "need_level")->level, "low");
	ck_assert_str_eq(score(e2, v2, "need_level")->level, "low");
	formeval_free(&e1);
	formeval_free(&e2);
	formdef_free(&v1);
	formdef_free(&v2);
}
END_TEST

START_TEST(app_expressions_evaluate_against_answers)
{
	struct formdef *def = form("workflow: {due: \"case.admission_date + 30\"}\n"
	                           "sections:\n"
	                           "  - id: s\n"
	                           "    title: S\n"
	                           "    fields:\n"
	                           "      - {id: lvl, type: select_one, label: L, choices: "
	                           "[{value: low, label: Low}, {value: high, label: High}]}\n"
	                           "      - id: r\n"
	                           "        type: repeat\n"
	                           "        label: R\n"
	                           "        fields: [{id: x, type: integer, label: X}]\n"
	                           "outputs:\n"
	                           "  - {to: case.risk_level, from: \"$lvl\"}\n"
	                           "  - {to: case.custody, from: \"sum_rows($r, $x)\"}\n");
	struct formeval *ev = engine(def);
	struct fval v = {0};
	formeval_eval(ev, def->due.expr, &v);
	char *text = shown(&v);
	ck_assert_str_eq(text, "2026-02-04");
	free(text);
	fval_clear(&v);
	formeval_eval(ev, def->outputs[0].from.expr, &v);
	ck_assert_int_eq(v.kind, FVAL_NULL);
	set_ok(ev, def, "lvl", "high");
	formeval_eval(ev, def->outputs[0].from.expr, &v);
	ck_assert_str_eq(v.u.str, "high");
	fval_clear(&v);
	int r = slot_of(def, "r");
	formeval_row_add(ev, r);
	formeval_row_add(ev, r);
	formeval_set(ev, slot_of(def, "x"), 0, "2");
	formeval_set(ev, slot_of(def, "x"), 1, "5");
	formeval_eval(ev, def->outputs[1].from.expr, &v);
	ck_assert(v.kind == FVAL_NUMBER && v.u.num == 7);
	fval_clear(&v);
	formeval_eval(ev, NULL, &v);
	ck_assert_int_eq(v.kind, FVAL_NULL);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* A plausible answer for a field of each type: the first choice, a number in range... */
static const char *plausible(const struct formdef_field *f)
{
	switch (f->type) {
	case FORMDEF_INTEGER:
	case FORMDEF_DECIMAL:
		return "1";
	case FORMDEF_DATE:
		return "2026-03-01";
	case FORMDEF_DATETIME:
		return "2026-03-01T10:00";
	case FORMDEF_TIME:
		return "10:00";
	case FORMDEF_YES_NO:
		return "yes";
	case FORMDEF_SELECT_ONE:
	case FORMDEF_SELECT_MULTIPLE:
		return f->choices && f->choices->count ? f->choices->items[0].value : "x";
	case FORMDEF_NOTE:
	case FORMDEF_CALCULATED:
	case FORMDEF_LIKERT:
	case FORMDEF_REPEAT:
		return NULL;
	default:
		return "Some text";
	}
}

START_TEST(shipped_forms_load_and_evaluate)
{
	DIR *dir = opendir(SHIPPED_FORMS);
	ck_assert_ptr_nonnull(dir);
	size_t forms = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		struct strbuf path;
		strbuf_init(&path);
		strbuf_printf(&path, "%s/%s", SHIPPED_FORMS, e->d_name);
		struct formdef *def = form_file(path.buf);
		struct formeval *ev = engine(def);
		size_t before = formeval_error_count(ev);
		for (size_t slot = 0; slot < def->field_count; slot++) {
			const struct formdef_field *f = &def->fields[slot];
			if (f->type == FORMDEF_REPEAT)
				ck_assert_int_eq(formeval_row_add(ev, (int)slot), CL_OK);
		}
		for (size_t slot = 0; slot < def->field_count; slot++) {
			const struct formdef_field *f = &def->fields[slot];
			const char *text = plausible(f);
			enum cl_status want = text ? CL_OK : CL_ERR_INVALID;
			ck_assert_int_eq(formeval_set(ev, (int)slot, 0, text ? text : "x"), want);
		}
		size_t n;
		formeval_issues(ev, &n);
		ck_assert_uint_le(formeval_error_count(ev), n);
		ck_assert_msg(before > 0 || def->rule_count > 0 || formeval_error_count(ev) == 0,
		              "%s", e->d_name);
		for (size_t i = 0; i < def->score_count; i++)
			ck_assert_ptr_nonnull(formeval_score(ev, i));
		for (size_t i = 0; i < def->output_count; i++) {
			struct fval v = {0};
			formeval_eval(ev, def->outputs[i].from.expr, &v);
			fval_clear(&v);
		}
		formeval_free(&ev);
		formdef_free(&def);
		strbuf_clear(&path);
		forms++;
	}
	closedir(dir);
	ck_assert_uint_ge(forms, 7);
}
END_TEST

/* The demo screen as its comments describe it: scored, banded by sex, overridable. */
START_TEST(demo_risk_screen_scores_as_documented)
{
	struct formdef *def = form_file(SHIPPED_FORMS "/demo_risk_screen.yaml");
	struct formeval_case woman = person("F");
	struct formeval *ev = formeval_new(def, &woman);
	person_clear(&woman);
	/* the screen date defaults to today, within admission .. today */
	ck_assert_str_eq(formeval_text(ev, slot_of(def, "screen_date"), 0), "2026-03-10");
	ck_assert_str_eq(message(ev, def, "screen_date"), "");
	const struct answer a[] = {
	    {"prior_convictions", "3"}, {"prior_revocations", "unknown"},
	    {"early_onset", "yes"},     {"att_anger", "agree"},
	    {"att_friends", "agree"},   {"att_luck", "strongly_agree"},
	    {"att_future", "disagree"}, {"current_concerns", "substance\npeers"}};
	for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
		set_ok(ev, def, a[i].id, a[i].text);
	/* history (3 + 2) x 3 / 2 = 7.5; attitudes 2 + 2 + 3 + 1 = 8; concerns 3 */
	ck_assert_double_eq_tol(score(ev, def, "history_score")->value, 7.5, 1e-9);
	ck_assert_double_eq_tol(score(ev, def, "attitude_score")->value, 8, 1e-9);
	ck_assert_double_eq_tol(score(ev, def, "concern_score")->value, 3, 1e-9);
	ck_assert_double_eq_tol(score(ev, def, "total")->value, 18.5, 1e-9);
	ck_assert_str_eq(score(ev, def, "risk_level")->level, "high");
	ck_assert_int_eq(score(ev, def, "risk_level")->band_set, 1);
	ck_assert(number(ev, def, "items_not_scored") == 1);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

/* ---- hostile use -------------------------------------------------------------------------- */

START_TEST(random_answers_never_crash)
{
	static const char *texts[] = {"",           "0",
	                              "-1",         "1.5",
	                              "yes",        "no",
	                              "na",         "2026-02-29",
	                              "2024-02-29", "12:00",
	                              "a\nb",       "\n\n",
	                              "\xff\xfe",   "9999999999999999999",
	                              "é",          "3",
	                              "moderate",   " "};
	DIR *dir = opendir(SHIPPED_FORMS);
	ck_assert_ptr_nonnull(dir);
	struct dirent *e;
	unsigned seed = 12345;
	while ((e = readdir(dir)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		struct strbuf path;
		strbuf_init(&path);
		strbuf_printf(&path, "%s/%s", SHIPPED_FORMS, e->d_name);
		struct formdef *def = form_file(path.buf);
		struct formeval *ev = engine(def);
		for (int i = 0; i < 400; i++) {
			seed = seed * 1103515245u + 12345u;
			int slot = (int)((seed >> 8) % (def->field_count + 2)) - 1;
			size_t row = (seed >> 20) % 3;
			const char *text = texts[(seed >> 4) % (sizeof texts / sizeof texts[0])];
			switch ((seed >> 28) % 4) {
			case 0:
				formeval_row_add(ev, slot);
				break;
			case 1:
				formeval_row_remove(ev, slot, row);
				break;
			default:
				formeval_set(ev, slot, row, text);
			}
			formeval_visible(ev, slot, row);
			formeval_value(ev, slot, row);
			if (def->score_count)
				formeval_override(ev, (seed >> 3) % def->score_count, text, text);
		}
		formeval_free(&ev);
		formdef_free(&def);
		strbuf_clear(&path);
	}
	closedir(dir);
}
END_TEST

/* A relevant that hides itself when shown settles on something, and ends. */
START_TEST(self_hiding_field_ends)
{
	struct formdef *def =
	    form("sections:\n"
	         "  - id: s\n"
	         "    title: S\n"
	         "    fields:\n"
	         "      - {id: a, type: text, label: A, relevant: \"empty($b)\"}\n"
	         "      - {id: b, type: calculated, label: B, calculate: \"$a\"}\n");
	struct formeval *ev = engine(def);
	set_ok(ev, def, "a", "x");
	(void)formeval_visible(ev, slot_of(def, "a"), 0);
	formeval_free(&ev);
	formdef_free(&def);
}
END_TEST

static Suite *formeval_suite(void)
{
	Suite *s = suite_create("formeval");
	TCase *read = tcase_create("read");
	tcase_add_test(read, numbers_read_with_a_point_whatever_the_locale);
	tcase_add_test(read, dates_and_times_read_strictly);
	tcase_add_test(read, choices_read_as_their_values);
	tcase_add_test(read, set_refuses_what_takes_no_answer);
	suite_add_tcase(s, read);
	TCase *logic = tcase_create("logic");
	tcase_add_test(logic, sections_and_fields_hide_and_show);
	tcase_add_test(logic, nested_fields_follow_their_choice);
	tcase_add_test(logic, visibility_settles_on_later_fields);
	tcase_add_test(logic, defaults_fill_the_value_shown);
	tcase_add_test(logic, calculated_values_follow_a_chain_in_any_order);
	suite_add_tcase(s, logic);
	TCase *checks = tcase_create("checks");
	tcase_add_test(checks, required_constant_and_expression);
	tcase_add_test(checks, min_and_max_of_numbers_and_dates);
	tcase_add_test(checks, lengths_and_patterns);
	tcase_add_test(checks, constraints_with_severity);
	tcase_add_test(checks, rules_report_in_form_order);
	suite_add_tcase(s, checks);
	TCase *rows = tcase_create("repeats");
	tcase_add_test(rows, repeat_rows_add_remove_and_shift);
	tcase_add_test(rows, hidden_repeat_hides_its_rows);
	suite_add_tcase(s, rows);
	TCase *scores = tcase_create("scores");
	tcase_add_test(scores, item_scores_with_missing_and_proration);
	tcase_add_test(scores, expression_scores_and_bands_by_variant);
	tcase_add_test(scores, overrides_follow_their_rules);
	suite_add_tcase(s, scores);
	TCase *forms = tcase_create("forms");
	tcase_add_test(forms, each_version_evaluates_its_own_way);
	tcase_add_test(forms, app_expressions_evaluate_against_answers);
	tcase_add_test(forms, shipped_forms_load_and_evaluate);
	tcase_add_test(forms, demo_risk_screen_scores_as_documented);
	suite_add_tcase(s, forms);
	TCase *hostile = tcase_create("hostile");
	tcase_set_timeout(hostile, 120);
	tcase_add_test(hostile, random_answers_never_crash);
	tcase_add_test(hostile, self_hiding_field_ends);
	suite_add_tcase(s, hostile);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(formeval_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
