/* The benchmark's form figures: loading and checking every shipped form, and how long the
 * form engine takes to recompute a 300-field response after one change (so that typing
 * never lags). The 300-field form has 100 scored select_one items, 100 integers with
 * limits, 50 calculated values, 50 text fields with patterns and constraints, subtotals, a
 * total and a banded level with a variant; it is filled in, then one answer is changed
 * over and over. */
#include "form_figures.h"

#include "bench_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/formcatalog.h"
#include "caseload/formeval.h"

#define BENCH_ITEMS 100
#define BENCH_INTEGERS 100
#define BENCH_CALCULATED 50
#define BENCH_TEXTS 50

static void bench_form(struct strbuf *y)
{
	strbuf_puts(y, "caseform: 1\nid: bench\nversion: 1\ntitle: Bench\n"
	               "choices:\n  lvl:\n");
	for (int v = 0; v < 4; v++)
		strbuf_printf(y, "    - {value: '%d', label: L%d, score: %d}\n", v, v, v);
	strbuf_puts(y, "    - {value: na, label: Unable to assess, missing: true}\n"
	               "sections:\n  - id: items\n    title: Items\n    fields:\n");
	for (int i = 0; i < BENCH_ITEMS; i++)
		strbuf_printf(y,
		              "      - {id: s%d, type: select_one, label: S%d, choices: lvl%s}\n",
		              i, i, i % 10 == 9 ? ", required: true" : "");
	strbuf_puts(y, "  - id: numbers\n    title: Numbers\n    relevant: \"$s0 != '3'\"\n"
	               "    fields:\n");
	for (int i = 0; i < BENCH_INTEGERS; i++)
		strbuf_printf(y,
		              "      - {id: n%d, type: integer, label: N%d, min: 0, max: 1000%s}\n",
		              i, i, i % 4 == 0 ? ", relevant: \"score($s1) < 3\"" : "");
	strbuf_puts(y, "  - id: derived\n    title: Derived\n    fields:\n");
	for (int i = 0; i < BENCH_CALCULATED; i++) {
		if (i == 0)
			strbuf_puts(y, "      - {id: c0, type: calculated, label: C0, "
			               "calculate: \"coalesce($n0, 0) + score($s0)\"}\n");
		else
			strbuf_printf(y,
			              "      - {id: c%d, type: calculated, label: C%d, "
			              "calculate: \"$c%d + coalesce($n%d, 0) * 2\"}\n",
			              i, i, i - 1, i);
	}
	strbuf_puts(y, "  - id: texts\n    title: Texts\n    fields:\n");
	for (int i = 0; i < BENCH_TEXTS; i++)
		strbuf_printf(y,
		              "      - {id: t%d, type: text, label: T%d, min_length: 2, "
		              "pattern: '^[A-Za-z ]+$', constraint: \"len(.) < 40 or $c49 > 0\"}\n",
		              i, i);
	strbuf_puts(y, "scores:\n");
	for (int part = 0; part < 4; part++) {
		strbuf_printf(y, "  - id: sub%d\n    items: [", part);
		for (int i = part * 25; i < part * 25 + 25; i++)
			strbuf_printf(y, "%ss%d", i > part * 25 ? ", " : "", i);
		strbuf_puts(y, "]\n    missing: {max_missing: 5, prorate: true}\n");
	}
	strbuf_puts(
	    y,
	    "  - {id: total, expr: \"$sub0 + $sub1 + $sub2 + $sub3\"}\n"
	    "  - id: level\n    from: total\n    step: 0.1\n"
	    "    bands: [{max: 99.9, value: low}, {min: 100, max: 199.9, value: moderate},"
	    " {min: 200, value: high}]\n"
	    "    variants:\n      - when: \"case.sex = 'F'\"\n"
	    "        bands: [{max: 109.9, value: low}, {min: 110, max: 209.9, value: "
	    "moderate}, {min: 210, value: high}]\n"
	    "    override: {reason_required: true}\n"
	    "rules:\n"
	    "  - {assert: \"empty($n0) or empty($n1) or $n0 <= $n1\", message: \"N0 first.\"}\n"
	    "  - {assert: \"$total < 250\", message: \"Check the total.\", severity: warning}\n");
}

/* The whole catalog of the shipped forms, loaded and checked `runs` times. */
static void bench_forms_load(const char *forms_dir, struct strbuf *json)
{
	enum { RUNS = 20 };
	struct samples ms = {0};
	size_t forms = 0, errors = 0;
	for (int r = 0; r < RUNS; r++) {
		struct formcatalog cat;
		formcatalog_init(&cat);
		double t0 = bench_now_ms();
		formcatalog_load_dirs(&cat, &forms_dir, 1);
		samples_add(&ms, bench_now_ms() - t0);
		forms = cat.count;
		errors = formdef_diags_errors(&cat.diags);
		formcatalog_clear(&cat);
	}
	strbuf_printf(json, ",\n  \"forms_load\": {\"ms\": %.3f, \"max_ms\": %.3f, \"forms\": %zu, "
			    "\"errors\": %zu, \"samples\": %d}",
		      samples_quantile(&ms, 0.5), samples_quantile(&ms, 1.0), forms, errors, RUNS);
	samples_free(&ms);
}

static struct formdef *bench_load_generated(void)
{
	struct strbuf yaml;
	strbuf_init(&yaml);
	bench_form(&yaml);
	struct formdef_diags diags;
	formdef_diags_init(&diags);
	struct formdef *def = formdef_load_string("bench.yaml", yaml.buf, yaml.len, &diags);
	if (!def) {
		struct strbuf out;
		strbuf_init(&out);
		formdef_diags_format(&diags, &out);
		fprintf(stderr, "caseload-bench: the 300-field form did not load:\n%s", out.buf);
		strbuf_clear(&out);
	}
	formdef_diags_clear(&diags);
	strbuf_clear(&yaml);
	return def;
}

static void bench_fill(const struct formdef *def, struct formeval *ev)
{
	char text[32];
	for (int i = 0; i < BENCH_ITEMS; i++) {
		snprintf(text, sizeof text, "%d", i % 4);
		formeval_set(ev, formdef_field_slot(def, "s0") + i, 0, text);
	}
	for (int i = 0; i < BENCH_INTEGERS; i++) {
		snprintf(text, sizeof text, "%d", i * 3);
		formeval_set(ev, formdef_field_slot(def, "n0") + i, 0, text);
	}
	for (int i = 0; i < BENCH_TEXTS; i++)
		formeval_set(ev, formdef_field_slot(def, "t0") + i, 0, "Some words");
}

static void bench_recompute(struct strbuf *json)
{
	enum { CHANGES = 2000 };
	struct formdef *def = bench_load_generated();
	if (!def) {
		strbuf_puts(json, ",\n  \"form_recompute\": null");
		return;
	}
	struct formeval_case person;
	memset(&person, 0, sizeof person);
	date_parse("2026-03-10", &person.today);
	fval_set_string(&person.values[formdef_case_slot("sex")], "F");
	struct formeval *ev = formeval_new(def, &person);
	bench_fill(def, ev);
	struct samples ms = {0};
	int s5 = formdef_field_slot(def, "s5");
	for (long i = 0; i < CHANGES; i++) {
		double t0 = bench_now_ms();
		formeval_set(ev, s5, 0, i % 2 ? "3" : "na");
		samples_add(&ms, bench_now_ms() - t0);
	}
	strbuf_printf(json, ",\n  \"form_recompute\": {\"fields\": %zu, \"ms\": %.4f, \"p99_ms\": "
			    "%.4f, \"samples\": %d, \"target_ms\": 1}",
		      def->field_count, samples_quantile(&ms, 0.5), samples_quantile(&ms, 0.99),
		      CHANGES);
	samples_free(&ms);
	formeval_free(&ev);
	for (int i = 0; i < 16; i++)
		fval_clear(&person.values[i]);
	formdef_free(&def);
}

void bench_form_figures(const char *forms_dir, struct strbuf *json)
{
	bench_forms_load(forms_dir, json);
	bench_recompute(json);
}
