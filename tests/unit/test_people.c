/* The caseload list: keyset paging in every order, scopes and filters, checked against the
 * same data sorted and filtered in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/caseload.h"
#include "caseload/keydates.h"
#include "caseload/people.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "caseload/rng.h"
#include "caseload/text.h"
#include "fixture.h"

#define PEOPLE 300
#define TODAY "2024-06-15"

/* What the list should show for one person, computed without the database. */
struct expected {
	int64_t id;
	char last[MODEL_NAME_SIZE];
	char oid[MODEL_OID_SIZE];
	char name[MODEL_NAME_SIZE * 2];
	char name_key[MODEL_NAME_SIZE * 5];
	char search[MODEL_NAME_SIZE * 8];
	char unit[MODEL_SHORT_SIZE];
	char cell[MODEL_SHORT_SIZE];
	int custody, risk;
	date_t srd, next_due;
	enum due_kind due_kind;
	unsigned flags;
	int64_t caseworker;
};

static struct fx_app fx;
static int64_t workers[3];
static struct expected people[PEOPLE];

static const char *const last_names[] = {
    "Nguyễn",      "Nguyen",      "Trần",    "Zoë",         "Ñúñez",  "Núñez",
    "李",          "Иванов",      "O'Brien", "Smith-Jones", "Smith",  "Per%cent",
    "Under_score", "Back\\slash", "Quo\"te", "And",         "Near(",  "Star*",
    "Æsir",        "Straße",      "Lee",     "Müller",      "Øster",  "Łukasz",
    "Anderson",    "Phạm",        "García",  "Kowalski",    "Okafor", "Haddad",
};
static const char *const first_names[] = {
    "An", "Văn An", "Ann", "Zoë",   "Bob",      "小龍", "Пётр", "Mary Ann",
    "",   "José",   "Ali", "Ngozi", "Thị Hồng", "Ève",  "Oğuz",
};
static const char *const middle_names[] = {"", "", "", "Lee", "Marie", "B", "Đức"};
static const char *const alias_pool[] = {"Bruce Lee", "Nguyen Van A", "Ace",    "Tiny",
                                         "Zoé",       "50% Off",      "Und_er", "Big \"Q\""};

static date_t day(int offset)
{
	return fx_date(TODAY) + offset;
}

static void make_people(void)
{
	fx_app_open(&fx, TODAY);
	workers[0] = fx.staff_id;
	workers[1] = fx_staff_add(&fx.app, "mo", "Mo Caseworker", "caseworker");
	workers[2] = fx_staff_add(&fx.app, "jo", "Jo Caseworker", "caseworker");
	struct rng rng;
	rng_seed(&rng, 4242);
	for (int i = 0; i < PEOPLE; i++) {
		struct person p;
		char oid[MODEL_OID_SIZE];
		/* OIDs in an order unrelated to insertion */
		snprintf(oid, sizeof oid, "A%06d", 100000 + (i * 37) % PEOPLE);
		fx_person_init(&p, oid, last_names[rng_below(&rng, 30)],
		               first_names[rng_below(&rng, 15)]);
		str_copy(p.middle_name, sizeof p.middle_name, middle_names[rng_below(&rng, 7)]);
		snprintf(p.unit, sizeof p.unit, "%c", "ABCDE"[rng_below(&rng, 5)]);
		snprintf(p.cell, sizeof p.cell, "%03d", rng_range(&rng, 1, 15));
		p.custody = (enum custody_level)rng_below(&rng, CUSTODY_COUNT);
		p.risk = (enum risk_level)rng_below(&rng, RISK_COUNT);
		if (rng_chance(&rng, 25)) {
			p.srd = p.expiration = DATE_NONE; /* life */
		} else {
			p.srd = day(rng_range(&rng, -200, 2000));
			p.expiration = p.srd + rng_range(&rng, 0, 1000);
		}
		p.next_review = rng_chance(&rng, 70) ? day(rng_range(&rng, -30, 300)) : DATE_NONE;
		p.ecrc_required = rng_chance(&rng, 30);
		int w = (int)rng_below(&rng, 4);
		p.caseworker_id = w < 3 ? workers[w] : 0;
		struct alert alerts[2];
		size_t nalerts = rng_below(&rng, 3);
		for (size_t a = 0; a < nalerts; a++) {
			memset(&alerts[a], 0, sizeof alerts[a]);
			alerts[a].kind = (enum alert_kind)rng_below(&rng, ALERT_COUNT);
			alerts[a].start = day(rng_range(&rng, -400, 30));
			alerts[a].end = rng_chance(&rng, 50)
			                    ? alerts[a].start + rng_range(&rng, 0, 500)
			                    : DATE_NONE;
		}
		char aliases[128] = "";
		if (rng_chance(&rng, 20)) {
			snprintf(aliases, sizeof aliases, "%s", alias_pool[rng_below(&rng, 8)]);
			if (rng_chance(&rng, 30))
				snprintf(aliases + strlen(aliases),
				         sizeof aliases - strlen(aliases), "; %s", "Ace of Spades");
		}

		struct expected *e = &people[i];
		memset(e, 0, sizeof *e);
		e->id = fx_person_insert(&fx.app, &p, aliases, alerts, nalerts);
		str_copy(e->oid, sizeof e->oid, p.oid);
		str_copy(e->last, sizeof e->last, p.last_name);
		snprintf(e->name, sizeof e->name, "%s%s%s%s%s", p.last_name,
		         *p.first_name ? ", " : "", p.first_name, *p.middle_name ? " " : "",
		         p.middle_name);
		struct strbuf key, search;
		strbuf_init(&key);
		strbuf_init(&search);
		app_person_keys(&p, aliases, &key, &search);
		str_copy(e->name_key, sizeof e->name_key, key.buf);
		str_copy(e->search, sizeof e->search, search.buf);
		strbuf_clear(&key);
		strbuf_clear(&search);
		str_copy(e->unit, sizeof e->unit, p.unit);
		str_copy(e->cell, sizeof e->cell, p.cell);
		e->custody = (int)p.custody;
		e->risk = (int)p.risk;
		e->srd = p.srd;
		struct person_derived d;
		keydates_derive(&p, alerts, nalerts, fx_date(TODAY), &d);
		e->next_due = d.next_due;
		e->due_kind = d.next_due_kind;
		e->flags = d.alert_flags;
		e->caseworker = p.caseworker_id;
	}
	ck_assert_int_eq(store_analyze(fx.app.store), CL_OK);
	/* each test reopens the file: a connection must not cross the fork of a test */
	app_close(&fx.app);
}

static void drop_people(void)
{
	fx_rmtree(fx.dir);
}

static void open_people(void)
{
	char err[512];
	setenv("CASELOAD_NOW", TODAY, 1);
	enum cl_status st = app_open(&fx.app, fx.db, STORE_EXISTING, err, sizeof err);
	unsetenv("CASELOAD_NOW");
	ck_assert_msg(st == CL_OK, "%s", err);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
}

static void close_people(void)
{
	app_close(&fx.app);
}

/* ---- the expected order ---- */

static enum caseload_sort cmp_sort;
static bool cmp_desc;

static int cmp_int(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

static long long date_key(date_t d)
{
	return d == DATE_NONE ? 99999999 : d; /* stored as 9999-12-31: after every real date */
}

static int cmp_expected(const void *pa, const void *pb)
{
	const struct expected *a = *(const struct expected *const *)pa;
	const struct expected *b = *(const struct expected *const *)pb;
	int c = 0;
	switch (cmp_sort) {
	case SORT_NAME:
		c = strcmp(a->name_key, b->name_key);
		break;
	case SORT_OID:
		c = strcmp(a->oid, b->oid);
		break;
	case SORT_HOUSING:
		c = strcmp(a->unit, b->unit);
		if (!c)
			c = strcmp(a->cell, b->cell);
		break;
	case SORT_CUSTODY:
		c = cmp_int(a->custody, b->custody);
		break;
	case SORT_RISK:
		c = cmp_int(a->risk, b->risk);
		break;
	case SORT_SRD:
		c = cmp_int(date_key(a->srd), date_key(b->srd));
		break;
	case SORT_DUE:
		c = cmp_int(date_key(a->next_due), date_key(b->next_due));
		break;
	case SORT_ALERTS:
		c = cmp_int(a->flags, b->flags);
		break;
	case SORT_COUNT:
		break;
	}
	if (!c)
		c = cmp_int(a->id, b->id);
	return cmp_desc ? -c : c;
}

/* The folded filter as app_caseload_* builds it. */
static void fold_filter(const char *typed, struct strbuf *out)
{
	text_fold(out, typed);
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
}

/* People the view should list, in order; returns how many. */
static size_t expect_list(const struct caseload_view *view, int64_t me, const struct expected **out)
{
	struct strbuf f;
	strbuf_init(&f);
	fold_filter(view->filter, &f);
	size_t n = 0;
	for (int i = 0; i < PEOPLE; i++) {
		const struct expected *e = &people[i];
		if (!view->whole_facility && e->caseworker != me)
			continue;
		if (f.len && !strstr(e->search, f.buf))
			continue;
		out[n++] = e;
	}
	strbuf_clear(&f);
	cmp_sort = view->sort;
	cmp_desc = view->descending;
	qsort(out, n, sizeof *out, cmp_expected);
	return n;
}

static const char *describe(const struct caseload_view *v)
{
	static char buf[256];
	snprintf(buf, sizeof buf, "%s, %s %s, filter \"%s\"",
	         v->whole_facility ? "facility" : "my caseload", store_sort_label(v->sort),
	         v->descending ? "desc" : "asc", v->filter);
	return buf;
}

static void assert_row(const struct caseload_row *row, const struct expected *e,
                       const struct caseload_view *v, size_t index)
{
	if (row->id != e->id)
		ck_abort_msg("%s: row %zu is id %lld (%s), expected %lld (%s)", describe(v), index,
		             (long long)row->id, row->name, (long long)e->id, e->name);
}

#define PAGE 7

/* Pages forward from the top and backward from the bottom: each visits every row once, in
 * order. The count agrees. */
static void check_paging(const struct caseload_view *v)
{
	const struct expected *want[PEOPLE];
	size_t n = expect_list(v, fx.app.me.id, want);
	size_t count = 12345;
	bool capped = true;
	ck_assert_int_eq(app_caseload_count(&fx.app, v, &count, &capped), CL_OK);
	ck_assert_msg(count == n, "%s: count %zu, expected %zu", describe(v), count, n);
	ck_assert_msg(!capped, "%s: a count of %zu reported as capped", describe(v), count);

	struct caseload_row rows[PAGE], anchor;
	size_t seen = 0, got;
	bool have_anchor = false;
	for (int guard = 0; guard < PEOPLE + 2; guard++) {
		ck_assert_int_eq(app_caseload_page(&fx.app, v, have_anchor ? &anchor : NULL, false,
		                                   rows, PAGE, &got),
		                 CL_OK);
		ck_assert_msg(seen + got <= n, "%s: forward paging returned too many rows",
		              describe(v));
		for (size_t i = 0; i < got; i++)
			assert_row(&rows[i], want[seen + i], v, seen + i);
		seen += got;
		if (got < PAGE)
			break;
		anchor = rows[got - 1];
		have_anchor = true;
	}
	ck_assert_msg(seen == n, "%s: forward paging saw %zu of %zu", describe(v), seen, n);

	size_t left = n;
	have_anchor = false;
	for (int guard = 0; guard < PEOPLE + 2; guard++) {
		ck_assert_int_eq(app_caseload_page(&fx.app, v, have_anchor ? &anchor : NULL, true,
		                                   rows, PAGE, &got),
		                 CL_OK);
		ck_assert_msg(got <= left, "%s: backward paging returned too many", describe(v));
		for (size_t i = 0; i < got; i++)
			assert_row(&rows[i], want[left - got + i], v, left - got + i);
		left -= got;
		if (got < PAGE)
			break;
		anchor = rows[0];
		have_anchor = true;
	}
	ck_assert_msg(left == 0, "%s: backward paging missed %zu rows", describe(v), left);
}

static void check_positions(const struct caseload_view *v)
{
	const struct expected *want[PEOPLE];
	size_t n = expect_list(v, fx.app.me.id, want);
	for (size_t i = 0; i < n; i++) {
		struct caseload_row row;
		ck_assert_int_eq(store_caseload_row(fx.app.store, want[i]->id, &row), CL_OK);
		size_t pos = 99999;
		ck_assert_int_eq(app_caseload_position(&fx.app, v, &row, &pos), CL_OK);
		if (pos != i)
			ck_abort_msg("%s: %s at position %zu, expected %zu", describe(v), row.name,
			             pos, i);
	}
}

static void view_for(struct caseload_view *v, bool facility, const char *filter,
                     enum caseload_sort sort, bool desc)
{
	memset(v, 0, sizeof *v);
	v->whole_facility = facility;
	str_copy(v->filter, sizeof v->filter, filter);
	v->sort = sort;
	v->descending = desc;
}

/* ---- tests ---- */

START_TEST(rows_carry_the_record)
{
	for (int i = 0; i < PEOPLE; i += 13) {
		const struct expected *e = &people[i];
		struct caseload_row row;
		ck_assert_int_eq(store_caseload_row(fx.app.store, e->id, &row), CL_OK);
		ck_assert_str_eq(row.oid, e->oid);
		ck_assert_str_eq(row.name, e->name);
		ck_assert_str_eq(row.name_key, e->name_key);
		ck_assert_str_eq(row.unit, e->unit);
		ck_assert_str_eq(row.cell, e->cell);
		ck_assert_int_eq(row.custody, e->custody);
		ck_assert_int_eq(row.risk, e->risk);
		ck_assert_int_eq(row.srd, e->srd);
		ck_assert_int_eq(row.next_due, e->next_due);
		ck_assert_int_eq(row.next_due_kind, e->due_kind);
		ck_assert_uint_eq(row.alert_flags, e->flags);
	}
	size_t n;
	ck_assert_int_eq(store_people_count(fx.app.store, &n), CL_OK);
	ck_assert_uint_eq(n, PEOPLE);
}
END_TEST

/* Every column, both directions, the whole facility: paging and positions. */
START_TEST(every_order_facility)
{
	for (int sort = 0; sort < SORT_COUNT; sort++) {
		for (int desc = 0; desc < 2; desc++) {
			struct caseload_view v;
			view_for(&v, true, "", (enum caseload_sort)sort, desc);
			check_paging(&v);
			check_positions(&v);
		}
	}
}
END_TEST

START_TEST(every_order_each_caseload)
{
	for (int w = 0; w < 3; w++) {
		const char *login = w == 0 ? "casey" : w == 1 ? "mo" : "jo";
		ck_assert_int_eq(fx_login(&fx.app, login), CL_OK);
		ck_assert_int_eq(fx.app.me.id, workers[w]);
		for (int sort = 0; sort < SORT_COUNT; sort++) {
			for (int desc = 0; desc < 2; desc++) {
				struct caseload_view v;
				view_for(&v, false, "", (enum caseload_sort)sort, desc);
				check_paging(&v);
				if (sort == SORT_NAME || sort == SORT_DUE)
					check_positions(&v);
			}
		}
	}
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
	/* someone with no caseload sees nobody in "my caseload" */
	fx_staff_add(&fx.app, "new", "New Hire", "caseworker");
	ck_assert_int_eq(fx_login(&fx.app, "new"), CL_OK);
	struct caseload_view v;
	view_for(&v, false, "", SORT_NAME, false);
	size_t n = 1;
	bool capped = true;
	ck_assert_int_eq(app_caseload_count(&fx.app, &v, &n, &capped), CL_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert(!capped);
	ck_assert_int_eq(fx_login(&fx.app, "casey"), CL_OK);
}
END_TEST

/* Short filters go through LIKE, longer ones through the trigram index; either way the
 * text is searched literally and accents do not matter. */
static const char *const filters[] = {
    "a",
    "ng",
    "ngu",
    "nguyen",
    "Nguyễn",
    "NGUYEN",
    "nguyễn văn",
    "Zoë",
    "zoe",
    "ÑÚÑ",
    "nu",
    "李",
    "李小",
    "小龍",
    "иван",
    "ИВАНОВ",
    "%",
    "_",
    "\\",
    "\"",
    "%c",
    "r%c",
    "_s",
    "r_s",
    "\\s",
    "k\\s",
    "o\"t",
    "\"\"\"",
    "and",
    "AND",
    "*",
    "r*",
    "ar*",
    "NEAR(",
    "near(a",
    "\"quo",
    "o'b",
    "smith-jones",
    "-",
    "aesir",
    "Æsir",
    "strasse",
    "Straße",
    "a1000",
    "A100017",
    "bruce lee",
    "ace",
    "50% off",
    "und_er",
    "zzzzz",
    "  nguyen  ",
    "x y",
    "e a",
    "OR",
    "NOT",
    "^",
    "'",
    "big \"q\"",
    "ace of spades",
    "ann lee",
    "ñ",
    "\"a\" OR \"b\"",
    "a:b",
    "{}",
    "(",
    ")",
};

START_TEST(filters_match_substrings)
{
	bool some_matched = false, some_empty = false;
	for (size_t f = 0; f < sizeof filters / sizeof filters[0]; f++) {
		for (int facility = 0; facility < 2; facility++) {
			struct caseload_view v;
			view_for(&v, facility, filters[f], SORT_NAME, false);
			const struct expected *want[PEOPLE];
			size_t n = expect_list(&v, fx.app.me.id, want);
			some_matched |= n > 0 && n < PEOPLE;
			some_empty |= n == 0;
			check_paging(&v);
		}
	}
	/* the filters exercise both outcomes */
	ck_assert(some_matched && some_empty);
}
END_TEST

START_TEST(filters_in_every_order)
{
	static const char *const some[] = {"an", "ngu", "%", "李小", "a1000"};
	for (size_t f = 0; f < sizeof some / sizeof some[0]; f++) {
		for (int sort = 0; sort < SORT_COUNT; sort++) {
			for (int desc = 0; desc < 2; desc++) {
				for (int facility = 0; facility < 2; facility++) {
					struct caseload_view v;
					view_for(&v, facility, some[f], (enum caseload_sort)sort,
					         desc);
					check_paging(&v);
					if (sort == SORT_HOUSING || sort == SORT_RISK)
						check_positions(&v);
				}
			}
		}
	}
}
END_TEST

/* Concrete expectations, so that a wrong fold in both the code and the in-memory model
 * would still be caught. */
static size_t facility_count(const char *filter)
{
	struct caseload_view v;
	view_for(&v, true, filter, SORT_NAME, false);
	size_t n = 0;
	bool capped = true;
	ck_assert_int_eq(app_caseload_count(&fx.app, &v, &n, &capped), CL_OK);
	ck_assert(!capped);
	return n;
}

static size_t people_named(const char *last)
{
	size_t n = 0;
	for (int i = 0; i < PEOPLE; i++)
		n += strcmp(people[i].last, last) == 0;
	return n;
}

START_TEST(filters_concrete)
{
	/* "Nguyễn" and "Nguyen" fold alike */
	size_t nguyen = people_named("Nguyễn") + people_named("Nguyen");
	ck_assert_uint_gt(people_named("Nguyễn"), 0);
	ck_assert_uint_gt(people_named("Nguyen"), 0);
	size_t alias_nguyen = 0;
	for (int i = 0; i < PEOPLE; i++)
		alias_nguyen += strstr(people[i].search, "nguyen van a") != NULL &&
		                strncmp(people[i].name_key, "nguyen", 6) != 0;
	ck_assert_uint_eq(facility_count("nguyen"), nguyen + alias_nguyen);
	ck_assert_uint_eq(facility_count("NGUYỄN"), nguyen + alias_nguyen);
	/* literal metacharacters */
	/* "%" and "_" are not wildcards */
	ck_assert_uint_ge(facility_count("%"), people_named("Per%cent"));
	ck_assert_uint_lt(facility_count("%"), PEOPLE / 4);
	ck_assert_uint_ge(facility_count("_"), people_named("Under_score"));
	ck_assert_uint_lt(facility_count("_"), PEOPLE / 4);
	ck_assert_uint_eq(facility_count("r%c"), people_named("Per%cent"));
	ck_assert_uint_eq(facility_count("r_s"), people_named("Under_score"));
	ck_assert_uint_eq(facility_count("k\\s"), people_named("Back\\slash"));
	ck_assert_uint_eq(facility_count("o\"t"), people_named("Quo\"te"));
	ck_assert_uint_eq(facility_count("near("), people_named("Near("));
	ck_assert_uint_eq(facility_count("star*"), people_named("Star*"));
	ck_assert_uint_eq(facility_count("\"\"\""), 0);
	ck_assert_uint_eq(facility_count("zzzzz"), 0);
	/* OIDs */
	ck_assert_uint_eq(facility_count("A100017"), 1);
	ck_assert_uint_eq(facility_count("a10001"), 10);
	ck_assert_uint_eq(facility_count("a1"), PEOPLE);
	ck_assert_uint_eq(facility_count(""), PEOPLE);
	ck_assert_uint_eq(facility_count("   "), PEOPLE);
}
END_TEST

START_TEST(find_by_oid)
{
	int64_t id = 0;
	const struct expected *e = &people[17];
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, e->oid, &id), CL_OK);
	ck_assert_int_eq(id, e->id);
	char lower[32];
	snprintf(lower, sizeof lower, " %c%s ", e->oid[0] + 32, e->oid + 1);
	id = 0;
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, lower, &id), CL_OK);
	ck_assert_int_eq(id, e->id);
	snprintf(lower, sizeof lower, "a %.3s %s", e->oid + 1, e->oid + 4);
	id = 0;
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, lower, &id), CL_OK);
	ck_assert_int_eq(id, e->id);
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, "A999999", &id), CL_ERR_NOTFOUND);
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, "A1000", &id), CL_ERR_NOTFOUND);
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, "", &id), CL_ERR_INVALID);
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, "   ", &id), CL_ERR_INVALID);
	ck_assert_int_eq(app_caseload_find_oid(&fx.app, "' OR 1=1 --", &id), CL_ERR_NOTFOUND);
}
END_TEST

START_TEST(view_defaults_and_sorting)
{
	struct caseload_view v;
	app_caseload_view_init(&fx.app, &v);
	ck_assert(!v.whole_facility);
	ck_assert_int_eq(v.sort, SORT_NAME);
	ck_assert(!v.descending);
	ck_assert_str_eq(v.filter, "");
	app_caseload_view_sort(&v, SORT_NAME);
	ck_assert_int_eq(v.sort, SORT_NAME);
	ck_assert(v.descending);
	app_caseload_view_sort(&v, SORT_RISK);
	ck_assert_int_eq(v.sort, SORT_RISK);
	ck_assert(v.descending); /* risk: highest first */
	app_caseload_view_sort(&v, SORT_RISK);
	ck_assert(!v.descending);
	app_caseload_view_sort(&v, SORT_SRD);
	ck_assert(!v.descending);
	app_caseload_view_sort(&v, (enum caseload_sort)SORT_COUNT);
	ck_assert_int_eq(v.sort, SORT_SRD);

	/* nobody signed in: the whole facility */
	struct app anon = fx.app;
	memset(&anon.me, 0, sizeof anon.me);
	app_caseload_view_init(&anon, &v);
	ck_assert(v.whole_facility);
}
END_TEST

/* Anchors in the middle: the page after and the page before a row. */
START_TEST(pages_around_any_row)
{
	struct caseload_view v;
	view_for(&v, true, "", SORT_HOUSING, false);
	const struct expected *want[PEOPLE];
	size_t n = expect_list(&v, 0, want);
	struct rng rng;
	rng_seed(&rng, 5);
	for (int k = 0; k < 60; k++) {
		size_t at = rng_below(&rng, (uint32_t)n);
		struct caseload_row anchor, rows[PAGE];
		ck_assert_int_eq(store_caseload_row(fx.app.store, want[at]->id, &anchor), CL_OK);
		size_t got;
		ck_assert_int_eq(app_caseload_page(&fx.app, &v, &anchor, false, rows, PAGE, &got),
		                 CL_OK);
		size_t expect = n - at - 1 < PAGE ? n - at - 1 : PAGE;
		ck_assert_uint_eq(got, expect);
		for (size_t i = 0; i < got; i++)
			assert_row(&rows[i], want[at + 1 + i], &v, at + 1 + i);
		ck_assert_int_eq(app_caseload_page(&fx.app, &v, &anchor, true, rows, PAGE, &got),
		                 CL_OK);
		expect = at < PAGE ? at : PAGE;
		ck_assert_uint_eq(got, expect);
		for (size_t i = 0; i < got; i++)
			assert_row(&rows[i], want[at - got + i], &v, at - got + i);
	}
	/* a window larger than the list, and an empty one */
	struct caseload_row *all = calloc(PEOPLE + 10, sizeof *all);
	size_t got;
	ck_assert_int_eq(app_caseload_page(&fx.app, &v, NULL, false, all, PEOPLE + 10, &got),
	                 CL_OK);
	ck_assert_uint_eq(got, PEOPLE);
	ck_assert_int_eq(app_caseload_page(&fx.app, &v, NULL, true, all, PEOPLE + 10, &got), CL_OK);
	ck_assert_uint_eq(got, PEOPLE);
	assert_row(&all[0], want[0], &v, 0);
	ck_assert_int_eq(app_caseload_page(&fx.app, &v, NULL, false, all, 0, &got), CL_OK);
	ck_assert_uint_eq(got, 0);
	free(all);
}
END_TEST

/* Names as long as the rules allow, in a script of three-byte characters: the row's sort
 * key must still work as an anchor. */
START_TEST(longest_names_page_once)
{
	struct fx_app big;
	fx_app_open(&big, TODAY);
	char name[MODEL_NAME_SIZE] = "";
	for (int i = 0; i < MODEL_NAME_MAX_CHARS; i++)
		strcat(name, "龍");
	ck_assert_uint_lt(strlen(name), MODEL_NAME_SIZE);
	int64_t ids[3];
	for (int i = 0; i < 3; i++) {
		struct person p;
		char oid[16];
		snprintf(oid, sizeof oid, "L%d", i);
		fx_person_init(&p, oid, name, name);
		str_copy(p.middle_name, sizeof p.middle_name, name);
		ids[i] = fx_person_insert(&big.app, &p, NULL, NULL, 0);
	}
	struct caseload_view v;
	view_for(&v, true, "", SORT_NAME, false);
	struct caseload_row row, anchor;
	size_t got, seen = 0;
	bool have = false;
	for (int guard = 0; guard < 6; guard++) {
		ck_assert_int_eq(
		    app_caseload_page(&big.app, &v, have ? &anchor : NULL, false, &row, 1, &got),
		    CL_OK);
		if (!got)
			break;
		ck_assert_msg(seen < 3 && row.id == ids[seen], "row %zu is id %lld", seen,
		              (long long)row.id);
		seen++;
		anchor = row;
		have = true;
	}
	ck_assert_uint_eq(seen, 3);
	size_t pos = 9;
	ck_assert_int_eq(store_caseload_row(big.app.store, ids[2], &row), CL_OK);
	ck_assert_int_eq(app_caseload_position(&big.app, &v, &row, &pos), CL_OK);
	ck_assert_uint_eq(pos, 2);
	fx_app_close(&big);
}
END_TEST

/* One- and two-character filters stop counting at CASELOAD_SHORT_FILTER_COUNT_CAP and say
 * so; longer filters and no filter count exactly. */
START_TEST(short_filter_counts_are_capped)
{
	struct fx_app big;
	fx_app_open(&big, TODAY);
	const size_t total = CASELOAD_SHORT_FILTER_COUNT_CAP + 25;
	char at[32];
	app_timestamp(&big.app, at);
	ck_assert_int_eq(store_begin(big.app.store), CL_OK);
	for (size_t i = 0; i < total; i++) {
		struct person p;
		char oid[16];
		snprintf(oid, sizeof oid, "C%06zu", i);
		fx_person_init(&p, oid, i % 2 ? "Anderson" : "Banks", "Ann");
		struct strbuf key, search;
		strbuf_init(&key);
		strbuf_init(&search);
		app_person_keys(&p, NULL, &key, &search);
		struct person_keys keys = {key.buf, search.buf};
		struct person_derived d;
		keydates_derive(&p, NULL, 0, fx_date(TODAY), &d);
		int64_t id;
		ck_assert_int_eq(store_person_insert(big.app.store, &p, &keys, &d, at, 0, &id),
		                 CL_OK);
		strbuf_clear(&key);
		strbuf_clear(&search);
	}
	ck_assert_int_eq(store_commit(big.app.store), CL_OK);
	struct caseload_view v;
	size_t n;
	bool capped;
	view_for(&v, true, "an", SORT_NAME, false); /* everyone: "Ann" */
	ck_assert_int_eq(app_caseload_count(&big.app, &v, &n, &capped), CL_OK);
	ck_assert_uint_eq(n, CASELOAD_SHORT_FILTER_COUNT_CAP);
	ck_assert(capped);
	view_for(&v, true, "", SORT_NAME, false);
	ck_assert_int_eq(app_caseload_count(&big.app, &v, &n, &capped), CL_OK);
	ck_assert_uint_eq(n, total);
	ck_assert(!capped);
	view_for(&v, true, "ann", SORT_NAME, false);
	ck_assert_int_eq(app_caseload_count(&big.app, &v, &n, &capped), CL_OK);
	ck_assert_uint_eq(n, total);
	ck_assert(!capped);
	view_for(&v, true, "anderson", SORT_NAME, false);
	ck_assert_int_eq(app_caseload_count(&big.app, &v, &n, &capped), CL_OK);
	ck_assert_uint_eq(n, total / 2);
	ck_assert(!capped);
	view_for(&v, true, "ba", SORT_NAME, false); /* banks: fewer than the cap */
	ck_assert_int_eq(app_caseload_count(&big.app, &v, &n, &capped), CL_OK);
	ck_assert_uint_eq(n, total - total / 2);
	ck_assert(!capped);
	/* the store's own cap */
	struct caseload_query q = {0, "", SORT_NAME, false};
	ck_assert_int_eq(store_caseload_count(big.app.store, &q, 7, &n), CL_OK);
	ck_assert_uint_eq(n, 7);
	/* paging is not capped: the list still reaches the last match */
	view_for(&v, true, "an", SORT_OID, true);
	struct caseload_row row;
	ck_assert_int_eq(app_caseload_page(&big.app, &v, NULL, true, &row, 1, &n), CL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(row.oid, "C000000");
	size_t pos;
	ck_assert_int_eq(app_caseload_position(&big.app, &v, &row, &pos), CL_OK);
	ck_assert_uint_eq(pos, total - 1);
	fx_app_close(&big);
}
END_TEST

static Suite *people_suite(void)
{
	Suite *s = suite_create("people");
	TCase *tc = tcase_create("list");
	tcase_add_unchecked_fixture(tc, make_people, drop_people);
	tcase_add_checked_fixture(tc, open_people, close_people);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, rows_carry_the_record);
	tcase_add_test(tc, every_order_facility);
	tcase_add_test(tc, every_order_each_caseload);
	tcase_add_test(tc, filters_match_substrings);
	tcase_add_test(tc, filters_in_every_order);
	tcase_add_test(tc, filters_concrete);
	tcase_add_test(tc, find_by_oid);
	tcase_add_test(tc, view_defaults_and_sorting);
	tcase_add_test(tc, pages_around_any_row);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, longest_names_page_once);
	tcase_add_test(tc, short_filter_counts_are_capped);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(people_suite());
}
