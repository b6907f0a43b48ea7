/* The demo generator: a facility's worth of people who look like a real caseload (names of
 * the communities a Minnesota prison holds, sentences whose dates follow the state's rules,
 * housing histories, alerts, programs), spread over caseworkers. Every date is counted from
 * today, so the demo always looks current; everything comes from the seed, so the same seed
 * gives the same data. People go in through the same store calls and key rules as the
 * application's own writes, in large transactions; then their case notes, in the order they
 * were written, as drafts that are then submitted (demo_notes.c says what they say). */
#include "caseload/demo.h"
#include "caseload/password.h"
#include "caseload/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/keydates.h"
#include "caseload/people.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "caseload/rng.h"
#include "caseload/staff.h"
#include "caseload/strbuf.h"
#include "caseload/text.h"

#define DEMO_BATCH 20000 /* people per transaction: few commits, a bounded WAL */
#define DEMO_PROGRESS_EVERY 1000
#define DEMO_MAX_PEOPLE 10000000
#define DEMO_PEOPLE_PER_WORKER 110 /* real caseloads run from about 60 to 120 people */
#define DEMO_MIN_WORKERS 3
#define DEMO_OID_BASE 200000u
#define DEMO_OID_LIMIT 9999999u /* OIDs stay at seven digits up to ~9.8 million people */
#define DEMO_OID_MAX_GAP 12u
#define DEMO_MAX_ALIASES 4
#define DEMO_MAX_STAYS 4
#define DEMO_MAX_ALERTS 2
#define DEMO_MAX_ENROLLMENTS 3
#define DEMO_RECENT 1024 /* the people a new keep-separate alert may point at */
#define DEMO_ATTEMPTS 20
#define DEMO_MIN_TERM_TO_SRD 244 /* two thirds of a year and a day: the shortest prison term */
#define DEMO_MAX_INTERNS 4
#define DEMO_MAX_NOTES_PER_PERSON 1000
#define DEMO_NOTE_BATCH 50000 /* notes per transaction: a bounded WAL, few commits */
/* Notes are planned for a group of people at once and written in the order of their
 * contact times, so that note ids grow with time as in a real database (search ranks
 * "the newest matches"). The plan takes 8 bytes a note: a group holds about this many. */
#define DEMO_NOTE_GROUP 4000000
#define DEMO_NOTE_SEED 0x6e6f746573ull /* notes draw from their own generator: same people */

#define DEMO_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* How a community writes middle names, and how many speak its language first. */
enum demo_middle { MIDDLE_GIVEN, MIDDLE_FATHER, MIDDLE_VIETNAMESE, MIDDLE_NONE };

struct demo_custom {
	const char *language;
	enum demo_middle middle;
	int middle_percent;
	int speaks_percent; /* the others speak English first */
	bool reversed_alias; /* records often hold the name in the other order */
};

static const struct demo_custom demo_customs[] = {
	{"English", MIDDLE_GIVEN, 60, 100, false},  {"Spanish", MIDDLE_GIVEN, 30, 55, false},
	{"Somali", MIDDLE_FATHER, 90, 60, true},    {"Hmong", MIDDLE_NONE, 0, 45, true},
	{"Vietnamese", MIDDLE_VIETNAMESE, 85, 60, true}, {"Mandarin", MIDDLE_NONE, 0, 70, true},
	{"Amharic", MIDDLE_FATHER, 60, 60, true},   {"Oromo", MIDDLE_FATHER, 60, 60, true},
	{"Polish", MIDDLE_GIVEN, 20, 50, false},    {"Bosnian", MIDDLE_NONE, 0, 45, false},
	{"Russian", MIDDLE_NONE, 0, 55, false},     {"Hungarian", MIDDLE_GIVEN, 15, 40, true},
};
static const struct demo_custom demo_custom_default = {"", MIDDLE_GIVEN, 30, 50, false};

static const char *const vietnamese_middle_male[] = {"Văn", "Đức", "Minh", "Quang",
						     "Hữu", "Thanh", "Công", "Quốc"};
static const char *const vietnamese_middle_female[] = {"Thị", "Ngọc", "Thu", "Kim",
						       "Thanh", "Mỹ", "Bích"};

static const char *const street_names[] = {
	"Smoke", "Tiny",  "Ghost", "Slim",   "Peanut", "Ace",    "Boo",    "Red",    "Shorty",
	"Junior", "Bear", "Spider", "Lefty", "Dre",    "Bam",    "Scooter", "Ice",   "Duke",
	"Lucky", "Cash",  "Pooh",  "Tank",   "Sleepy", "Blue",   "Trigger", "Stretch", "Country",
};

/* People every demo holds, first, so that even a small one shows them: names in three
 * scripts, and aliases that must never reach the terminal as they are stored. */
struct demo_fixed {
	const char *last, *first, *middle;
	enum sex sex;
	const char *language;
	const char *alias; /* NULL: none */
};

static const struct demo_fixed demo_fixed[] = {
	{"Nguyễn", "An", "Văn", SEX_MALE, "Vietnamese", "Nguyen Van An"},
	{"Ñúñez", "Zoë", "", SEX_FEMALE, "Spanish", "Zoe Nunez"},
	{"李", "小龍", "", SEX_MALE, "Cantonese", "Lee Siu-lung"},
	{"Redd", "Marcus", "", SEX_MALE, "English", "\x1b[31mRED"},
	{"Johnson", "Tamika", "", SEX_FEMALE, "English", "\xE2\x80\xAE" "nosnhoJ akimaT"},
	{"Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine", "Christopher", SEX_MALE,
	 "English", NULL},
	{"Bjo\xCC\x88rk", "Ingrid", "", SEX_FEMALE, "English", "Björk"}, /* combining diaeresis */
	{"Tesfaye", "Dawit", "", SEX_MALE, "Amharic", "ዳዊት ተስፋዬ"},
};

struct demo_unit {
	const char *name;
	enum custody_level custody;
	bool women;
	char cell_style; /* 'b' bunk "214B", 's' single cell "104", 'd' dorm bed "Bed 37" */
	int weight;
};

static const struct demo_unit demo_units[] = {
	{"R&O", CUSTODY_UNCLASSIFIED, false, 'b', 1}, {"R&O", CUSTODY_UNCLASSIFIED, true, 'b', 1},
	{"F-Dorm", CUSTODY_MINIMUM, false, 'd', 3},   {"G-Dorm", CUSTODY_MINIMUM, false, 'd', 3},
	{"MCF-LL", CUSTODY_MINIMUM, false, 'd', 2},   {"A-East", CUSTODY_MEDIUM, false, 'b', 3},
	{"A-West", CUSTODY_MEDIUM, false, 'b', 3},    {"B-East", CUSTODY_MEDIUM, false, 'b', 3},
	{"B-West", CUSTODY_MEDIUM, false, 'b', 3},    {"D", CUSTODY_MEDIUM, false, 'b', 2},
	{"C", CUSTODY_CLOSE, false, 'b', 4},          {"E", CUSTODY_CLOSE, false, 's', 3},
	{"Seg", CUSTODY_CLOSE, false, 's', 1},        {"Max", CUSTODY_MAXIMUM, false, 's', 5},
	{"Seg", CUSTODY_MAXIMUM, false, 's', 1},      {"W-North", CUSTODY_MINIMUM, true, 'd', 1},
	{"W-South", CUSTODY_MEDIUM, true, 'b', 1},    {"W-Close", CUSTODY_CLOSE, true, 's', 1},
	{"W-Close", CUSTODY_MAXIMUM, true, 's', 1},
};

static const char *const move_reasons[] = {
	"Program placement", "Work assignment", "Cell reassignment", "Bed space",
	"Keep-separate",     "Medical",         "Unit consolidation",
};

static const char *const detail_keep_separate[] = {
	"Co-defendants",      "Assault in the unit", "Documented threat", "Testified against",
	"Gang conflict",      "Family conflict",     "Victim and assailant", "Fight in R&O",
	"Debt dispute",
};
static const char *const detail_medical[] = {
	"Insulin-dependent diabetic",     "Seizure disorder",
	"Lower bunk, lower tier only",    "Peanut allergy (EpiPen)",
	"Wheelchair user",                "Hearing impaired: visual alerts",
	"Asthma; inhaler kept on person", "Dialysis Mon/Wed/Fri",
	"CPAP machine in cell",           "Heart condition: no heavy lifting",
	"Visually impaired",              "Hepatitis C treatment",
};
static const char *const detail_security[] = {
	"Escape history",           "Assaultive toward staff",  "Reported gang affiliation",
	"Weapon found in cell",     "Contraband through visits", "Staff manipulation concern",
	"Threats to a victim: monitor mail", "Restraints for escorts",
};
static const char *const detail_suicide[] = {
	"Placed on watch after intake screening", "Constant observation", "15-minute checks",
	"Stepped down to 15-minute checks", "Self-harm statement to staff", "After news from home",
};

enum demo_program_rule { PROGRAM_ANY, PROGRAM_WOMEN, PROGRAM_ECRC, PROGRAM_RELEASE_SOON };

struct demo_program {
	const char *name;
	const char *kind;
	enum demo_program_rule rule;
	int weight;
};

static const struct demo_program demo_programs[] = {
	{"Thinking for a Change", "cognitive-behavioral", PROGRAM_ANY, 14},
	{"Decision Points", "cognitive-behavioral", PROGRAM_ANY, 10},
	{"Moving On", "cognitive-behavioral", PROGRAM_WOMEN, 40},
	{"Moral Reconation Therapy", "cognitive-behavioral", PROGRAM_ANY, 6},
	{"Anger Management", "cognitive-behavioral", PROGRAM_ANY, 8},
	{"Chemical Dependency Treatment", "treatment", PROGRAM_ANY, 16},
	{"Sex Offender Treatment", "treatment", PROGRAM_ECRC, 60},
	{"GED/Adult Basic Education", "education", PROGRAM_ANY, 14},
	{"Vocational Welding", "vocational", PROGRAM_ANY, 5},
	{"Vocational Carpentry", "vocational", PROGRAM_ANY, 4},
	{"Culinary Arts", "vocational", PROGRAM_ANY, 4},
	{"Victim Impact", "restorative", PROGRAM_ANY, 6},
	{"Parenting Inside Out", "family", PROGRAM_ANY, 4},
	{"Reentry Readiness", "transition", PROGRAM_RELEASE_SOON, 30},
};
#define DEMO_PROGRAM_COUNT DEMO_COUNT(demo_programs)
_Static_assert(DEMO_PROGRAM_COUNT <= 16, "demo_note_person.programs holds 16 bits");

struct demo_stay {
	const struct demo_unit *unit;
	char cell[16];
	enum custody_level custody;
	date_t start;
	const char *reason;
};

struct demo_alert {
	struct alert a; /* kind, start and end, for deriving the list markers */
	const char *detail;
	int64_t other; /* keep-separate: the other person */
};

struct demo_enrollment {
	size_t program;
	enum enrollment_status status;
	date_t start, end;
};

/* One person being made, before anything is written. */
struct demo_person {
	struct person p;
	const struct demo_name_pool *pool;
	const struct demo_custom *custom;
	char aliases[DEMO_MAX_ALIASES][MODEL_NAME_SIZE];
	size_t alias_count;
	struct demo_stay stays[DEMO_MAX_STAYS];
	size_t stay_count;
	struct demo_alert alerts[DEMO_MAX_ALERTS];
	size_t alert_count;
	struct demo_enrollment enrollments[DEMO_MAX_ENROLLMENTS];
	size_t enrollment_count;
};

struct demo_recent {
	int64_t id;
	date_t admission;
};

/* A person as their notes need them, kept for every person of a group in a few bytes. */
struct demo_note_person {
	int64_t id;
	int64_t caseworker_id; /* 0: none yet */
	const char *unit;      /* static: the unit table's name */
	date_t admission, srd; /* srd: DATE_NONE for a life sentence */
	uint32_t names;        /* offset in demo_notes.names: first, last, language */
	uint16_t programs;     /* bits of demo_programs an open note may name */
	uint8_t pool;
	uint8_t sex;
};

/* One note to write: whose, and when (local minutes since 1970-01-01). */
struct demo_note_plan {
	uint32_t person; /* index in demo_notes.people */
	int32_t minute;
};

struct demo_notes {
	struct rng rng;
	struct demo_note_person *people;
	size_t person_count, person_cap;
	struct strbuf names;
	struct demo_note_plan *plan;
	size_t plan_count, plan_cap;
	struct staff *staff; /* every account, for the names notes are signed with */
	size_t staff_count;
	const char **staff_names; /* by staff id */
	size_t staff_names_size;
	time_t now;         /* no note is written after it */
	int32_t now_minute; /* local */
	size_t planned;     /* notes planned so far */
	size_t planned_for; /* people whose notes are planned */
	size_t done;        /* planned notes written (an amendment counts with its note) */
	size_t written;     /* notes in the database, amendments included */
	struct strbuf body, scratch;
};

struct demo {
	struct app *app;
	const struct demo_options *options;
	struct rng rng;
	date_t today;
	char now[32];
	int pool_weight_total;
	int64_t *workers; /* staff who carry a caseload */
	size_t worker_count;
	int64_t admin_id;
	int64_t interns[DEMO_MAX_INTERNS];
	size_t intern_count;
	struct demo_notes *notes; /* NULL when no notes are asked for */
	int64_t program_ids[DEMO_PROGRAM_COUNT];
	uint32_t next_oid;
	uint32_t oid_gap;
	struct demo_recent recent[DEMO_RECENT];
	size_t recent_count;
	size_t made;  /* people made so far */
	size_t saved; /* of which committed */
	struct strbuf joined, name_key, search; /* reused for every person */
};

static int demo_percent(struct demo *d, int percent)
{
	return rng_chance(&d->rng, percent);
}

static const char *demo_any(struct demo *d, const char *const *list, size_t count)
{
	return list[rng_below(&d->rng, (uint32_t)count)];
}

#define DEMO_ANY(d, array) demo_any(d, array, DEMO_COUNT(array))

/* An index in [0, n) with the given relative weights. */
static size_t demo_weighted(struct demo *d, const int *weights, size_t n)
{
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += weights[i];
	int r = (int)rng_below(&d->rng, (uint32_t)total);
	for (size_t i = 0; i < n; i++) {
		if (r < weights[i])
			return i;
		r -= weights[i];
	}
	return n - 1;
}

static date_t demo_max(date_t a, date_t b)
{
	return a > b ? a : b;
}

static date_t demo_min(date_t a, date_t b)
{
	return a < b ? a : b;
}

/* A day in [from, to]; `from` when the range is empty. */
static date_t demo_between(struct demo *d, date_t from, date_t to)
{
	return to <= from ? from : from + (date_t)rng_below(&d->rng, (uint32_t)(to - from + 1));
}

/* A timestamp on day `on` in office hours (Central time, written in UTC); never after now. */
static void demo_stamp(struct demo *d, date_t on, char buf[32])
{
	if (on >= d->today) {
		memcpy(buf, d->now, 32);
		return;
	}
	/* one draw per statement: the order in which arguments are evaluated is unspecified,
	 * and the same seed must give the same data whatever the compiler */
	char day[DATE_TEXT_SIZE];
	int hour = rng_range(&d->rng, 14, 22);
	int minute = rng_range(&d->rng, 0, 59);
	int second = rng_range(&d->rng, 0, 59);
	int hundredths = rng_range(&d->rng, 0, 99);
	snprintf(buf, 32, "%sT%02d:%02d:%02d.%02dZ", date_format(on, day), hour, minute, second,
		 hundredths);
}

static const struct demo_custom *demo_custom_for(const char *language)
{
	for (size_t i = 0; i < DEMO_COUNT(demo_customs); i++)
		if (strcmp(demo_customs[i].language, language) == 0)
			return &demo_customs[i];
	return &demo_custom_default;
}

static const struct demo_name_pool *demo_pool(struct demo *d)
{
	int r = (int)rng_below(&d->rng, (uint32_t)d->pool_weight_total);
	for (size_t i = 0; i < demo_name_pool_count; i++) {
		if (r < demo_name_pools[i].weight)
			return &demo_name_pools[i];
		r -= demo_name_pools[i].weight;
	}
	return &demo_name_pools[0];
}

static const struct demo_name_pool *demo_pool_of(const char *language)
{
	for (size_t i = 0; i < demo_name_pool_count; i++)
		if (strcmp(demo_name_pools[i].language, language) == 0)
			return &demo_name_pools[i];
	return &demo_name_pools[0];
}

static const char *demo_given(struct demo *d, const struct demo_name_pool *pool, enum sex sex)
{
	bool male = sex == SEX_MALE || (sex == SEX_X && demo_percent(d, 50));
	return male ? demo_any(d, pool->first_male, pool->first_male_count)
		    : demo_any(d, pool->first_female, pool->first_female_count);
}

static bool demo_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Polish and Russian family names take a feminine form: Kowalski -> Kowalska, Ivanov ->
 * Ivanova. Ukrainian -enko and -uk names do not change. */
static void demo_family_name(const char *language, enum sex sex, const char *name, char *out,
			     size_t size)
{
	str_copy(out, size, name);
	if (sex != SEX_FEMALE)
		return;
	size_t n = strlen(out);
	bool polish = !strcmp(language, "Polish"), russian = !strcmp(language, "Russian");
	if (polish && (demo_ends_with(out, "ski") || demo_ends_with(out, "cki")))
		out[n - 1] = 'a';
	else if (russian && (demo_ends_with(out, "ov") || demo_ends_with(out, "ev") ||
			     demo_ends_with(out, "in")))
		str_copy(out + n, size - n, "a");
}

static void demo_last_name(struct demo *d, struct demo_person *dp)
{
	const struct demo_name_pool *pool = dp->pool;
	const char *a = demo_any(d, pool->last, pool->last_count);
	char first[MODEL_NAME_SIZE];
	demo_family_name(pool->language, dp->p.sex, a, first, sizeof first);
	/* many Latino families keep both the father's and the mother's surname */
	if (!strcmp(pool->language, "Spanish") && demo_percent(d, 20)) {
		const char *b = demo_any(d, pool->last, pool->last_count);
		if (b != a) {
			snprintf(dp->p.last_name, sizeof dp->p.last_name, "%s %s", first, b);
			return;
		}
	}
	str_copy(dp->p.last_name, sizeof dp->p.last_name, first);
}

/* Bytes of the first character of s (an initial must not cut a UTF-8 sequence). */
static size_t demo_first_char(const char *s)
{
	uint32_t cp;
	return *s ? text_decode(s, strlen(s), &cp) : 0;
}

static void demo_middle_name(struct demo *d, struct demo_person *dp)
{
	struct person *p = &dp->p;
	p->middle_name[0] = '\0';
	if (!demo_percent(d, dp->custom->middle_percent))
		return;
	const char *middle = NULL;
	switch (dp->custom->middle) {
	case MIDDLE_GIVEN:
		middle = demo_given(d, dp->pool, p->sex);
		if (demo_percent(d, 25)) {
			snprintf(p->middle_name, sizeof p->middle_name, "%.*s.",
				 (int)demo_first_char(middle), middle);
			return;
		}
		break;
	case MIDDLE_FATHER:
		middle = demo_any(d, dp->pool->first_male, dp->pool->first_male_count);
		break;
	case MIDDLE_VIETNAMESE:
		middle = p->sex == SEX_FEMALE ? DEMO_ANY(d, vietnamese_middle_female)
					      : DEMO_ANY(d, vietnamese_middle_male);
		break;
	case MIDDLE_NONE:
		return;
	}
	if (middle && strcmp(middle, p->first_name) != 0)
		str_copy(p->middle_name, sizeof p->middle_name, middle);
}

static enum sex demo_sex(struct demo *d)
{
	int r = (int)rng_below(&d->rng, 1000);
	return r < 900 ? SEX_MALE : r < 997 ? SEX_FEMALE : SEX_X;
}

static void demo_names(struct demo *d, struct demo_person *dp, const struct demo_fixed *fixed)
{
	struct person *p = &dp->p;
	if (fixed) {
		dp->pool = demo_pool_of(fixed->language);
		dp->custom = demo_custom_for(fixed->language);
		p->sex = fixed->sex;
		str_copy(p->last_name, sizeof p->last_name, fixed->last);
		str_copy(p->first_name, sizeof p->first_name, fixed->first);
		str_copy(p->middle_name, sizeof p->middle_name, fixed->middle);
		str_copy(p->language, sizeof p->language, fixed->language);
		p->interpreter = strcmp(fixed->language, "English") != 0;
		return;
	}
	dp->pool = demo_pool(d);
	dp->custom = demo_custom_for(dp->pool->language);
	p->sex = demo_sex(d);
	str_copy(p->first_name, sizeof p->first_name, demo_given(d, dp->pool, p->sex));
	demo_last_name(d, dp);
	demo_middle_name(d, dp);
	bool own = demo_percent(d, dp->custom->speaks_percent);
	str_copy(p->language, sizeof p->language, own ? dp->pool->language : "English");
	p->interpreter = strcmp(p->language, "English") != 0 && demo_percent(d, 40);
}

/* Ages of a prison population: most in their twenties and thirties. */
static int demo_age(struct demo *d)
{
	static const int weights[] = {45, 35, 15, 5};
	static const int low[] = {18, 35, 50, 65}, high[] = {34, 49, 64, 75};
	size_t band = demo_weighted(d, weights, DEMO_COUNT(weights));
	return rng_range(&d->rng, low[band], high[band]);
}

/* Days since admission: recent admissions outnumber long stays. */
static int demo_days_inside(struct demo *d)
{
	static const int weights[] = {40, 25, 20, 15};
	static const int low[] = {0, 366, 1096, 2191}, high[] = {365, 1095, 2190, 4380};
	size_t band = demo_weighted(d, weights, DEMO_COUNT(weights));
	return rng_range(&d->rng, low[band], high[band]);
}

static void demo_birth_and_admission(struct demo *d, struct person *p)
{
	int y, m, day;
	date_to_ymd(d->today, &y, &m, &day);
	int age = demo_age(d);
	/* the day they turned `age`, then up to a year before it */
	p->dob = date_from_ymd(y - age, m, day > 28 ? 28 : day) - rng_range(&d->rng, 0, 364);
	date_to_ymd(p->dob, &y, &m, &day);
	date_t adult = date_from_ymd(y + 18, m, day > 28 ? 28 : day) + 1;
	p->admission = d->today - demo_days_inside(d);
	if (p->admission < adult)
		p->admission = demo_between(d, adult, d->today);
	p->jail_credit_days = demo_percent(d, 20) ? 0 : rng_range(&d->rng, 1, 400);
	p->sentence_begin = p->admission - p->jail_credit_days;
}

/* Days from today to the supervised release date, by how much sentence is left. */
static int demo_days_to_srd(struct demo *d)
{
	static const int weights[] = {1, 5, 15, 31, 23, 15, 8};
	static const int low[] = {-45, 0, 91, 366, 731, 1826, 3651};
	static const int high[] = {-1, 90, 365, 730, 1825, 3650, 10950};
	size_t band = demo_weighted(d, weights, DEMO_COUNT(weights));
	return rng_range(&d->rng, low[band], high[band]);
}

/* Minnesota: release on supervision after two thirds of the executed sentence; the term
 * expires at its full length. About 2% serve life: neither date exists. */
static void demo_sentence(struct demo *d, struct person *p)
{
	if (demo_percent(d, 2)) {
		p->srd = DATE_NONE;
		p->expiration = DATE_NONE;
		return;
	}
	date_t srd = d->today + demo_days_to_srd(d);
	srd = demo_max(srd, p->admission);
	srd = demo_max(srd, p->sentence_begin + DEMO_MIN_TERM_TO_SRD);
	p->srd = srd;
	p->expiration = p->sentence_begin + ((srd - p->sentence_begin) * 3 + 1) / 2;
	p->ecrc_required = demo_percent(d, 8);
}

static void demo_review(struct demo *d, struct person *p)
{
	int r = (int)rng_below(&d->rng, 100);
	if (r < 85)
		p->next_review = d->today + rng_range(&d->rng, 0, 120);
	else if (r < 92 && d->today - 30 > p->admission)
		p->next_review = d->today - rng_range(&d->rng, 1, 30); /* overdue */
	else
		p->next_review = DATE_NONE;
}

/* Intake assesses risk and classifies custody within the first weeks. */
static void demo_levels(struct demo *d, struct person *p)
{
	static const int risk_weights[] = {0, 28, 40, 24, 8};
	static const int custody_weights[] = {0, 30, 42, 20, 8};
	int inside = d->today - p->admission;
	if (demo_percent(d, inside < 45 ? 60 : 7))
		p->risk = RISK_NONE;
	else
		p->risk = (enum risk_level)demo_weighted(d, risk_weights, RISK_COUNT);
	if (inside < 21 && demo_percent(d, 80))
		p->custody = CUSTODY_UNCLASSIFIED;
	else
		p->custody = (enum custody_level)demo_weighted(d, custody_weights, CUSTODY_COUNT);
}

static void demo_assign(struct demo *d, struct person *p)
{
	/* some of the newest admissions wait for a caseworker */
	if (d->today - p->admission < 10 && demo_percent(d, 40))
		p->caseworker_id = 0;
	else
		p->caseworker_id = d->workers[rng_below(&d->rng, (uint32_t)d->worker_count)];
}

static bool demo_is_seg(const struct demo_unit *unit)
{
	return !strcmp(unit->name, "Seg");
}

static const struct demo_unit *demo_unit_for(struct demo *d, enum custody_level custody,
					     bool women, bool seg)
{
	int weights[DEMO_COUNT(demo_units)];
	for (size_t i = 0; i < DEMO_COUNT(demo_units); i++) {
		const struct demo_unit *u = &demo_units[i];
		bool fits = u->custody == custody && u->women == women && (seg || !demo_is_seg(u));
		weights[i] = fits ? u->weight : 0;
	}
	return &demo_units[demo_weighted(d, weights, DEMO_COUNT(demo_units))];
}

static void demo_cell(struct demo *d, const struct demo_unit *unit, char *cell, size_t size)
{
	int tier = rng_range(&d->rng, 1, 3), number = rng_range(&d->rng, 1, 40);
	if (unit->cell_style == 'd')
		snprintf(cell, size, "Bed %d", rng_range(&d->rng, 1, 96));
	else if (unit->cell_style == 's')
		snprintf(cell, size, "%d%02d", tier, number);
	else
		snprintf(cell, size, "%d%02d%c", tier, number, demo_percent(d, 50) ? 'A' : 'B');
}

static const char *demo_move_reason(struct demo *d, const struct demo_stay *from,
				    const struct demo_stay *to)
{
	if (demo_is_seg(to->unit))
		return "Disciplinary";
	if (demo_is_seg(from->unit))
		return "Released from segregation";
	if (from->custody == CUSTODY_UNCLASSIFIED)
		return "Classification";
	if (to->custody < from->custody)
		return "Custody reduction";
	if (to->custody > from->custody)
		return "Custody increase";
	return DEMO_ANY(d, move_reasons);
}

static void demo_stay_set(struct demo *d, struct demo_stay *s, enum custody_level custody,
			  bool women, bool seg, date_t start)
{
	s->custody = custody;
	s->unit = demo_unit_for(d, custody, women, seg);
	demo_cell(d, s->unit, s->cell, sizeof s->cell);
	s->start = start;
}

/* Start days of the stays: intake first for a few weeks, then evenly spread moves. */
static void demo_stay_starts(struct demo *d, struct demo_person *dp, size_t n)
{
	date_t admission = dp->p.admission;
	dp->stays[0].start = admission;
	if (n < 2)
		return;
	dp->stays[1].start = admission + rng_range(&d->rng, 10, 35);
	date_t from = dp->stays[1].start, span = d->today - from;
	for (size_t i = 2; i < n; i++) {
		date_t base = from + (date_t)(span * (date_t)(i - 1) / (date_t)(n - 1));
		date_t jitter = span / (date_t)(4 * (n - 1));
		date_t start = base + demo_between(d, -jitter, jitter);
		start = demo_max(start, dp->stays[i - 1].start + 1);
		dp->stays[i].start = demo_min(start, d->today);
	}
}

static enum custody_level demo_nearby_custody(struct demo *d, enum custody_level c)
{
	int level = (int)c + rng_range(&d->rng, -1, 1);
	if (level < CUSTODY_MINIMUM)
		level = CUSTODY_MINIMUM;
	if (level > CUSTODY_MAXIMUM)
		level = CUSTODY_MAXIMUM;
	return (enum custody_level)level;
}

/* Segregation is a matter of days or weeks, not of the years between other moves. */
static void demo_short_seg(struct demo *d, struct demo_person *dp)
{
	size_t n = dp->stay_count;
	for (size_t i = 1; i + 1 < n; i++) {
		if (!demo_is_seg(dp->stays[i].unit))
			continue;
		date_t out = dp->stays[i].start + rng_range(&d->rng, 10, 90);
		dp->stays[i + 1].start = demo_min(dp->stays[i + 1].start, out);
	}
	if (n > 2 && demo_is_seg(dp->stays[n - 1].unit))
		dp->stays[n - 1].start = demo_max(dp->stays[n - 2].start + 1,
						  d->today - rng_range(&d->rng, 3, 90));
}

/* The current stay and 0-3 earlier ones; the person's unit and cell are the current one. */
static void demo_housing(struct demo *d, struct demo_person *dp)
{
	struct person *p = &dp->p;
	bool women = p->sex == SEX_FEMALE;
	int inside = d->today - p->admission;
	int most = inside < 60 || p->custody == CUSTODY_UNCLASSIFIED ? 0 : inside / 45;
	size_t n = 1 + (size_t)rng_range(&d->rng, 0, most < 3 ? most : 3);
	demo_stay_starts(d, dp, n);
	for (size_t i = 0; i < n; i++) {
		struct demo_stay *s = &dp->stays[i];
		enum custody_level c = p->custody; /* the current stay's */
		if (i + 1 < n)
			c = i == 0 ? CUSTODY_UNCLASSIFIED : demo_nearby_custody(d, p->custody);
		/* Seg after intake, between other stays, so that it can be kept short */
		bool seg = i > 0 && n > 2 && !demo_is_seg(s[-1].unit);
		demo_stay_set(d, s, c, women, seg, s->start);
		s->reason = i == 0 ? "Admission" : demo_move_reason(d, &s[-1], s);
	}
	dp->stay_count = n;
	demo_short_seg(d, dp);
	str_copy(p->unit, sizeof p->unit, dp->stays[n - 1].unit->name);
	str_copy(p->cell, sizeof p->cell, dp->stays[n - 1].cell);
}

static void demo_alias_add(struct demo_person *dp, const char *alias)
{
	char own[MODEL_NAME_SIZE * 2];
	snprintf(own, sizeof own, "%s %s", dp->p.first_name, dp->p.last_name);
	if (!*alias || !strcmp(alias, own) || dp->alias_count == DEMO_MAX_ALIASES)
		return;
	for (size_t i = 0; i < dp->alias_count; i++)
		if (!strcmp(dp->aliases[i], alias))
			return;
	str_copy(dp->aliases[dp->alias_count++], MODEL_NAME_SIZE, alias);
}

/* "Nguyen Van An" for "Nguyễn Văn An": the spelling of records typed without accents.
 * Empty when the name has no accents or is in a script that folding keeps. */
static void demo_plain_spelling(const char *name, char *out, size_t size)
{
	out[0] = '\0';
	bool accented = false, ascii = true, start = true;
	for (const char *c = name; *c; c++)
		accented = accented || (unsigned char)*c >= 0x80;
	if (!accented)
		return;
	struct strbuf folded;
	strbuf_init(&folded);
	text_fold(&folded, name);
	for (const char *c = folded.buf; *c; c++)
		ascii = ascii && (unsigned char)*c < 0x80;
	if (ascii && folded.len < size) {
		for (size_t i = 0; i <= folded.len; i++) {
			char c = folded.buf[i];
			out[i] = start && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
			start = c == ' ' || c == '-' || c == '\'';
		}
	}
	if (!strcmp(out, name))
		out[0] = '\0';
	strbuf_clear(&folded);
}

/* "J. Smith": how a name is often written on a warrant or a booking sheet. Latin script
 * only (initials are not how Han or Ethiopic names are shortened). */
static void demo_initial_form(const struct person *p, char *out, size_t size)
{
	uint32_t cp = 0;
	size_t lead = *p->first_name ? text_decode(p->first_name, strlen(p->first_name), &cp) : 0;
	if (lead && cp < 0x250)
		snprintf(out, size, "%.*s. %s", (int)lead, p->first_name, p->last_name);
	else
		out[0] = '\0';
}

static void demo_one_alias(struct demo *d, struct demo_person *dp)
{
	struct person *p = &dp->p;
	char alias[MODEL_NAME_SIZE * 2], full[MODEL_NAME_SIZE * 3];
	alias[0] = '\0';
	int r = (int)rng_below(&d->rng, 100);
	if (r < 30) {
		str_copy(alias, sizeof alias, DEMO_ANY(d, street_names));
	} else if (r < 40) {
		snprintf(alias, sizeof alias, "Lil %s", p->first_name);
	} else if (r < 65) {
		/* another family name: an alias, or for women often a maiden or married name */
		snprintf(alias, sizeof alias, "%s %s", p->first_name,
			 demo_any(d, dp->pool->last, dp->pool->last_count));
	} else if (r < 80 && dp->custom->reversed_alias) {
		snprintf(alias, sizeof alias, "%s %s", p->last_name, p->first_name);
	} else if (r < 90) {
		snprintf(full, sizeof full, "%s %s%s%s", p->first_name, p->middle_name,
			 *p->middle_name ? " " : "", p->last_name);
		demo_plain_spelling(full, alias, sizeof alias);
	}
	if (!alias[0])
		demo_initial_form(p, alias, sizeof alias);
	if (!alias[0])
		str_copy(alias, sizeof alias, DEMO_ANY(d, street_names));
	demo_alias_add(dp, alias);
}

static int demo_alias_order(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* About 15% are also known by other names: 1-3 of them. Kept in the order the store joins
 * them (by byte value), so the search text matches what a later edit rewrites. */
static void demo_aliases(struct demo *d, struct demo_person *dp, const struct demo_fixed *fixed)
{
	dp->alias_count = 0;
	if (fixed && fixed->alias)
		demo_alias_add(dp, fixed->alias);
	if (!fixed && demo_percent(d, 15)) {
		int n = rng_range(&d->rng, 1, 3);
		for (int i = 0; i < n; i++)
			demo_one_alias(d, dp);
	}
	qsort(dp->aliases, dp->alias_count, sizeof dp->aliases[0], demo_alias_order);
}

static void demo_alert_dates(struct demo *d, struct demo_alert *al, date_t earliest,
			     int ended_percent, int longest)
{
	al->a.start = demo_between(d, earliest, d->today);
	al->a.end = DATE_NONE;
	if (al->a.start < d->today && demo_percent(d, ended_percent)) {
		date_t end = al->a.start + rng_range(&d->rng, 1, longest);
		if (end < d->today)
			al->a.end = end;
	}
}

static void demo_one_alert(struct demo *d, struct demo_person *dp)
{
	static const int weights[ALERT_COUNT] = {35, 30, 25, 10};
	struct demo_alert *al = &dp->alerts[dp->alert_count];
	memset(al, 0, sizeof *al);
	al->a.kind = (enum alert_kind)demo_weighted(d, weights, ALERT_COUNT);
	date_t admission = dp->p.admission;
	switch (al->a.kind) {
	case ALERT_KEEP_SEPARATE: {
		if (d->recent_count == 0)
			return;
		uint32_t pick = rng_below(&d->rng, (uint32_t)d->recent_count);
		const struct demo_recent *o = &d->recent[pick];
		for (size_t i = 0; i < dp->alert_count; i++)
			if (dp->alerts[i].other == o->id)
				return;
		al->other = o->id;
		al->detail = DEMO_ANY(d, detail_keep_separate);
		demo_alert_dates(d, al, demo_max(admission, o->admission), 15, 900);
		break;
	}
	case ALERT_MEDICAL:
		al->detail = DEMO_ANY(d, detail_medical);
		demo_alert_dates(d, al, admission, 30, 700);
		break;
	case ALERT_SECURITY:
		al->detail = DEMO_ANY(d, detail_security);
		demo_alert_dates(d, al, admission, 25, 900);
		break;
	case ALERT_SUICIDE_WATCH:
	case ALERT_COUNT:
		al->detail = DEMO_ANY(d, detail_suicide);
		demo_alert_dates(d, al, admission, 85, 14);
		break;
	}
	dp->alert_count++;
}

static void demo_alerts(struct demo *d, struct demo_person *dp)
{
	dp->alert_count = 0;
	/* 16% here: the mirrors of keep-separate alerts bring it to about 20% of people */
	if (!demo_percent(d, 16))
		return;
	int n = demo_percent(d, 80) ? 1 : 2;
	for (int i = 0; i < n; i++)
		demo_one_alert(d, dp);
}

static bool demo_program_fits(const struct demo_person *dp, size_t program, date_t today)
{
	for (size_t i = 0; i < dp->enrollment_count; i++)
		if (dp->enrollments[i].program == program)
			return false;
	switch (demo_programs[program].rule) {
	case PROGRAM_WOMEN:
		return dp->p.sex == SEX_FEMALE;
	case PROGRAM_ECRC:
		return dp->p.ecrc_required;
	case PROGRAM_RELEASE_SOON:
		return dp->p.srd != DATE_NONE && dp->p.srd - today < 365;
	case PROGRAM_ANY:
		break;
	}
	return true;
}

/* Referrals and waiting lists are recent; completed programs took months. */
static void demo_enrollment_dates(struct demo *d, struct demo_enrollment *e, date_t admission)
{
	static const int weights[ENROLL_COUNT] = {10, 15, 25, 40, 10};
	static const int began_within[ENROLL_COUNT] = {45, 180, 180, 0, 0};
	e->status = (enum enrollment_status)demo_weighted(d, weights, ENROLL_COUNT);
	e->end = DATE_NONE;
	if (e->status == ENROLL_COMPLETED && d->today - admission < 90)
		e->status = ENROLL_ACTIVE;
	if (began_within[e->status]) {
		e->start = demo_between(
			d, demo_max(admission, d->today - began_within[e->status]), d->today);
	} else if (e->status == ENROLL_COMPLETED) {
		e->start = demo_between(d, admission, d->today - 90);
		e->end = demo_min(e->start + rng_range(&d->rng, 60, 240), d->today);
	} else {
		e->start = demo_between(d, admission, d->today);
		e->end = demo_min(e->start + rng_range(&d->rng, 5, 90), d->today);
	}
}

/* 0-3 programs, each fitting the person (Moving On is for women, for example). */
static void demo_enrollments(struct demo *d, struct demo_person *dp)
{
	static const int counts[] = {35, 35, 20, 10};
	int weights[DEMO_PROGRAM_COUNT];
	size_t n = demo_weighted(d, counts, DEMO_COUNT(counts));
	dp->enrollment_count = 0;
	for (size_t k = 0; k < n; k++) {
		int total = 0;
		for (size_t i = 0; i < DEMO_PROGRAM_COUNT; i++) {
			bool fits = demo_program_fits(dp, i, d->today);
			weights[i] = fits ? demo_programs[i].weight : 0;
			total += weights[i];
		}
		if (total == 0)
			return;
		struct demo_enrollment *e = &dp->enrollments[dp->enrollment_count++];
		e->program = demo_weighted(d, weights, DEMO_PROGRAM_COUNT);
		demo_enrollment_dates(d, e, dp->p.admission);
	}
}

static void demo_oid(struct demo *d, struct person *p)
{
	snprintf(p->oid, sizeof p->oid, "%u", d->next_oid);
	d->next_oid += 1 + rng_below(&d->rng, d->oid_gap);
}

/* Makes one person in memory; fixed names when `fixed` is set. */
static void demo_make(struct demo *d, struct demo_person *dp, const struct demo_fixed *fixed)
{
	memset(dp, 0, sizeof *dp);
	struct person *p = &dp->p;
	demo_names(d, dp, fixed);
	demo_birth_and_admission(d, p);
	demo_sentence(d, p);
	demo_review(d, p);
	demo_levels(d, p);
	demo_assign(d, p);
	demo_housing(d, dp);
	demo_aliases(d, dp, fixed);
	demo_alerts(d, dp);
	demo_enrollments(d, dp);
}

/* A person that breaks a rule of the record would be a generator bug: try again, and after
 * a few attempts report the rule rather than write bad data. */
static enum cl_status demo_make_valid(struct demo *d, struct demo_person *dp,
				      const struct demo_fixed *fixed, char *msg, size_t msgsz)
{
	char why[APP_MESSAGE_SIZE] = "";
	for (int attempt = 0; attempt < DEMO_ATTEMPTS; attempt++) {
		demo_make(d, dp, fixed);
		if (app_person_validate(&dp->p, d->today, NULL, why, sizeof why) == CL_OK) {
			demo_oid(d, &dp->p);
			return CL_OK;
		}
	}
	snprintf(msg, msgsz, "demo generator made an invalid person (%s %s): %s", dp->p.first_name,
		 dp->p.last_name, why);
	return CL_ERR_INTERNAL;
}

static int64_t demo_author(const struct demo *d, const struct person *p)
{
	return p->caseworker_id ? p->caseworker_id : d->admin_id;
}

static enum cl_status demo_insert_core(struct demo *d, struct demo_person *dp, int64_t *id)
{
	struct person *p = &dp->p;
	strbuf_reset(&d->joined);
	strbuf_reset(&d->name_key);
	strbuf_reset(&d->search);
	for (size_t i = 0; i < dp->alias_count; i++) {
		if (i)
			strbuf_puts(&d->joined, "; ");
		strbuf_puts(&d->joined, dp->aliases[i]);
	}
	app_person_keys(p, d->joined.buf, &d->name_key, &d->search);
	struct person_keys keys = {d->name_key.buf, d->search.buf};
	struct alert alerts[DEMO_MAX_ALERTS];
	for (size_t i = 0; i < dp->alert_count; i++)
		alerts[i] = dp->alerts[i].a;
	struct person_derived derived;
	keydates_derive(p, alerts, dp->alert_count, d->today, &derived);
	char at[32];
	demo_stamp(d, demo_between(d, p->admission, d->today), at);
	return store_person_insert(d->app->store, p, &keys, &derived, at, demo_author(d, p), id);
}

static enum cl_status demo_insert_stays(struct demo *d, const struct demo_person *dp, int64_t id)
{
	enum cl_status st = CL_OK;
	char at[32];
	for (size_t i = 0; st == CL_OK && i < dp->stay_count; i++) {
		const struct demo_stay *s = &dp->stays[i];
		demo_stamp(d, s->start, at);
		st = store_housing_move(d->app->store, id, s->unit->name, s->cell, s->custody,
					s->start, s->reason, at, demo_author(d, &dp->p));
	}
	return st;
}

/* Keep-separate goes both ways: the other person gets the mirror alert and new markers. */
static enum cl_status demo_insert_alerts(struct demo *d, const struct demo_person *dp, int64_t id)
{
	enum cl_status st = CL_OK;
	char at[32];
	int64_t by = demo_author(d, &dp->p);
	for (size_t i = 0; st == CL_OK && i < dp->alert_count; i++) {
		const struct demo_alert *al = &dp->alerts[i];
		demo_stamp(d, al->a.start, at);
		st = store_alert_add(d->app->store, id, al->a.kind, al->detail, al->other,
				     al->a.start, al->a.end, at, by, NULL);
		if (st == CL_OK && al->other)
			st = store_alert_add(d->app->store, al->other, al->a.kind, al->detail, id,
					     al->a.start, al->a.end, at, by, NULL);
		if (st == CL_OK && al->other)
			st = app_rederive_person(d->app, al->other);
	}
	return st;
}

static enum cl_status demo_insert_programs(struct demo *d, const struct demo_person *dp,
					   int64_t id)
{
	enum cl_status st = CL_OK;
	for (size_t i = 0; st == CL_OK && i < dp->enrollment_count; i++) {
		const struct demo_enrollment *e = &dp->enrollments[i];
		st = store_enrollment_add(d->app->store, id, d->program_ids[e->program], e->status,
					  e->start, e->end);
	}
	return st;
}

/* Keeps what the person's notes will say of them; programs of the "treatment" kind only
 * in notes that carry a sensitivity, never in open ones. */
static void demo_note_person_add(struct demo *d, const struct demo_person *dp, int64_t id)
{
	struct demo_notes *n = d->notes;
	if (n->person_count == n->person_cap) {
		n->person_cap = n->person_cap ? n->person_cap * 2 : 1024;
		n->people = xrealloc(n->people, n->person_cap * sizeof *n->people);
	}
	struct demo_note_person *np = &n->people[n->person_count++];
	const struct person *p = &dp->p;
	np->id = id;
	np->caseworker_id = p->caseworker_id;
	np->unit = dp->stays[dp->stay_count - 1].unit->name;
	np->admission = p->admission;
	np->srd = p->srd;
	np->names = (uint32_t)n->names.len;
	strbuf_append(&n->names, p->first_name, strlen(p->first_name) + 1);
	strbuf_append(&n->names, p->last_name, strlen(p->last_name) + 1);
	strbuf_append(&n->names, p->language, strlen(p->language) + 1);
	np->programs = 0;
	for (size_t i = 0; i < dp->enrollment_count; i++)
		if (strcmp(demo_programs[dp->enrollments[i].program].kind, "treatment") != 0)
			np->programs |= (uint16_t)(1u << dp->enrollments[i].program);
	np->pool = (uint8_t)(dp->pool - demo_name_pools);
	np->sex = (uint8_t)p->sex;
}

static enum cl_status demo_insert(struct demo *d, struct demo_person *dp)
{
	int64_t id = 0;
	enum cl_status st = demo_insert_core(d, dp, &id);
	for (size_t i = 0; st == CL_OK && i < dp->alias_count; i++)
		st = store_alias_add(d->app->store, id, dp->aliases[i]);
	if (st == CL_OK)
		st = demo_insert_stays(d, dp, id);
	if (st == CL_OK)
		st = demo_insert_alerts(d, dp, id);
	if (st == CL_OK)
		st = demo_insert_programs(d, dp, id);
	if (st == CL_OK && d->notes)
		demo_note_person_add(d, dp, id);
	if (st == CL_OK) {
		struct demo_recent *slot = &d->recent[d->made % DEMO_RECENT];
		slot->id = id;
		slot->admission = dp->p.admission;
		if (d->recent_count < DEMO_RECENT)
			d->recent_count++;
	}
	return st;
}

/* Lower-case ASCII letters of a folded name, for user names; false when it has none or
 * keeps letters of another script. */
static bool demo_ascii_letters(const char *name, char *out, size_t size)
{
	struct strbuf folded;
	strbuf_init(&folded);
	text_fold(&folded, name);
	size_t n = 0;
	bool ok = true;
	for (const char *c = folded.buf; *c; c++) {
		if (*c >= 'a' && *c <= 'z' && n + 1 < size)
			out[n++] = *c;
		else if ((unsigned char)*c >= 0x80)
			ok = false;
	}
	out[n] = '\0';
	strbuf_clear(&folded);
	return ok && n > 0;
}

/* A free user name from a display name's letters: "mreyes", then "mreyes2", ... */
static enum cl_status demo_username(struct demo *d, const char *first, const char *last,
				    char *out, size_t size)
{
	char f[MODEL_SHORT_SIZE], l[24];
	if (!demo_ascii_letters(first, f, sizeof f) || !demo_ascii_letters(last, l, sizeof l))
		return CL_ERR_INVALID;
	struct staff existing;
	for (int n = 1;; n++) {
		if (n == 1)
			snprintf(out, size, "%c%s", f[0], l);
		else
			snprintf(out, size, "%c%s%d", f[0], l, n);
		enum cl_status st = store_staff_by_username(d->app->store, out, &existing);
		if (st == CL_ERR_NOTFOUND)
			return CL_OK;
		if (st != CL_OK)
			return st;
	}
}

/* One staff member with a realistic name; *id is set. */
static enum cl_status demo_staff_one(struct demo *d, const char *role, int64_t *id)
{
	char username[MODEL_SHORT_SIZE], display[MODEL_NAME_SIZE * 2];
	for (;;) {
		const struct demo_name_pool *pool = demo_pool(d);
		enum sex sex = demo_percent(d, 55) ? SEX_FEMALE : SEX_MALE;
		const char *first = demo_given(d, pool, sex);
		char last[MODEL_NAME_SIZE];
		demo_family_name(pool->language, sex, demo_any(d, pool->last, pool->last_count),
				 last, sizeof last);
		enum cl_status st = demo_username(d, first, last, username, sizeof username);
		if (st == CL_ERR_INVALID)
			continue; /* a name in another script: user names are ASCII */
		if (st != CL_OK)
			return st;
		snprintf(display, sizeof display, "%s %s", first, last);
		return store_staff_add(d->app->store, username, display, role, d->now, id);
	}
}

static size_t demo_worker_target(const struct demo_options *options)
{
	if (options->caseworkers)
		return options->caseworkers;
	size_t n = options->people / DEMO_PEOPLE_PER_WORKER;
	return n < DEMO_MIN_WORKERS ? DEMO_MIN_WORKERS : n;
}

/* Whoever asked for the demo gets a caseload too, so their own list is not empty. */
static enum cl_status demo_staff_login(struct demo *d)
{
	struct app *app = d->app;
	const char *login = d->options->user && *d->options->user ? d->options->user : app->login;
	if (!login[0])
		return CL_OK;
	struct staff me;
	enum cl_status st = store_staff_by_username(app->store, login, &me);
	if (st == CL_OK) {
		if (me.active && (!strcmp(me.role, "caseworker") || !strcmp(me.role, "lead")))
			d->workers[d->worker_count++] = me.id;
		return CL_OK;
	}
	if (st != CL_ERR_NOTFOUND)
		return st;
	char display[MODEL_NAME_SIZE];
	snprintf(display, sizeof display, "%s (you)", login);
	int64_t id;
	st = store_staff_add(app->store, login, display, "caseworker", d->now, &id);
	if (st == CL_OK)
		d->workers[d->worker_count++] = id;
	return st;
}

static enum cl_status demo_staff(struct demo *d)
{
	static const struct {
		const char *role;
		size_t count;
	} others[] = {{"lead", 3}, {"intern", 2}, {"admin", 1}, {"auditor", 1}};
	size_t target = demo_worker_target(d->options);
	int64_t leads[8];
	size_t lead_count = 0;
	d->workers = xcalloc(target + 1, sizeof *d->workers);
	enum cl_status st = demo_staff_login(d);
	for (size_t i = 0; st == CL_OK && i < target; i++)
		st = demo_staff_one(d, "caseworker", &d->workers[d->worker_count++]);
	for (size_t k = 0; st == CL_OK && k < DEMO_COUNT(others); k++) {
		for (size_t i = 0; st == CL_OK && i < others[k].count; i++) {
			int64_t id;
			st = demo_staff_one(d, others[k].role, &id);
			if (st == CL_OK && !strcmp(others[k].role, "admin"))
				d->admin_id = id;
			if (st == CL_OK && !strcmp(others[k].role, "lead") && lead_count < 8)
				leads[lead_count++] = id;
			if (st == CL_OK && !strcmp(others[k].role, "intern") &&
			    d->intern_count < DEMO_MAX_INTERNS)
				d->interns[d->intern_count++] = id;
		}
	}
	/* Interns work under a caseworker who co-signs their notes: whoever asked for the
	 * demo when they carry a caseload, so that the co-signature queue is theirs to see. */
	for (size_t i = 0; st == CL_OK && i < d->intern_count; i++)
		st = store_staff_set_supervisor(d->app->store, d->interns[i], d->workers[0]);
	/* each caseworker's reviewed work goes to one of the leads, in turn */
	for (size_t i = 0; st == CL_OK && lead_count && i < d->worker_count; i++)
		if (d->workers[i] != leads[i % lead_count])
			st = store_staff_set_lead(d->app->store, d->workers[i], leads[i % lead_count]);
	return st;
}

static enum cl_status demo_programs_ensure(struct demo *d)
{
	enum cl_status st = CL_OK;
	for (size_t i = 0; st == CL_OK && i < DEMO_PROGRAM_COUNT; i++)
		st = store_program_ensure(d->app->store, demo_programs[i].name,
					  demo_programs[i].kind, &d->program_ids[i]);
	return st;
}

/* Notes still to come: those planned, and the average for everyone not planned yet. */
static size_t demo_notes_expected(const struct demo *d)
{
	const struct demo_notes *n = d->notes;
	return n->planned + (d->options->people - n->planned_for) * d->options->notes_per_person;
}

/* The work is people plus notes: a note costs about what a person does (a person is a
 * handful of rows, a note two writes and its words in the index). */
static void demo_progress(const struct demo *d)
{
	if (!d->options->progress)
		return;
	size_t done = d->made, total = d->options->people;
	if (d->notes) {
		done += d->notes->done;
		total += demo_notes_expected(d);
	}
	d->options->progress(d->options->progress_ctx, done, total);
}

/* ---- case notes ---- */

static uint64_t demo_mix(uint64_t x)
{
	struct rng r;
	rng_seed(&r, x);
	return rng_next(&r);
}

/* Their own seed for the things about a person that stay the same from note to note. */
static uint64_t demo_note_person_seed(const struct demo *d, int64_t person_id)
{
	return demo_mix(d->options->seed ^ DEMO_NOTE_SEED ^ ((uint64_t)person_id << 20));
}

static enum cl_status demo_notes_start(struct demo *d)
{
	if (!d->options->notes_per_person)
		return CL_OK;
	struct demo_notes *n = xcalloc(1, sizeof *n);
	d->notes = n;
	rng_seed(&n->rng, d->options->seed ^ DEMO_NOTE_SEED);
	strbuf_init(&n->names);
	strbuf_init(&n->body);
	strbuf_init(&n->scratch);
	n->now = clock_now(&d->app->clock);
	struct tm tm;
	localtime_r(&n->now, &tm);
	n->now_minute = d->today * 1440 + tm.tm_hour * 60 + tm.tm_min;
	enum cl_status st = store_staff_list_all(d->app->store, &n->staff, &n->staff_count);
	if (st != CL_OK)
		return st;
	for (size_t i = 0; i < n->staff_count; i++)
		if ((size_t)n->staff[i].id >= n->staff_names_size)
			n->staff_names_size = (size_t)n->staff[i].id + 1;
	n->staff_names = xcalloc(n->staff_names_size, sizeof *n->staff_names);
	for (size_t i = 0; i < n->staff_count; i++)
		n->staff_names[n->staff[i].id] = n->staff[i].display_name;
	return CL_OK;
}

static void demo_notes_free(struct demo_notes *n)
{
	if (!n)
		return;
	free(n->people);
	free(n->plan);
	free(n->staff);
	free(n->staff_names);
	strbuf_clear(&n->names);
	strbuf_clear(&n->body);
	strbuf_clear(&n->scratch);
	free(n);
}

static const char *demo_staff_name(const struct demo *d, int64_t id)
{
	const struct demo_notes *n = d->notes;
	const char *name = id > 0 && (size_t)id < n->staff_names_size ? n->staff_names[id] : NULL;
	return name ? name : "";
}

/* The day of a contact: recent ones are more frequent (the nearer of two days drawn over
 * the stay), and the first weeks after admission are busy with intake. */
static date_t demo_note_day(struct rng *rng, date_t admission, date_t today)
{
	int span = today - admission;
	if (span <= 0)
		return today;
	if (span > 30 && rng_chance(rng, 8))
		return admission + rng_range(rng, 0, 21);
	uint32_t a = rng_below(rng, (uint32_t)span + 1), b = rng_below(rng, (uint32_t)span + 1);
	return today - (date_t)(a < b ? a : b);
}

/* Office hours mostly, groups and calls in the evening; most times written to 5 minutes,
 * as people write them. */
static int demo_note_time(struct rng *rng)
{
	int minute = rng_chance(rng, 85) ? rng_range(rng, 7 * 60 + 30, 16 * 60 + 30)
					 : rng_range(rng, 17 * 60, 20 * 60 + 30);
	if (rng_chance(rng, 80))
		minute -= minute % 5;
	return minute;
}

static int demo_note_plan_order(const void *a, const void *b)
{
	const struct demo_note_plan *x = a, *y = b;
	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	return x->person < y->person ? -1 : x->person > y->person;
}

/* Every note of the group's people, 0 to twice the average each (no more than one a day
 * for the newly admitted), in the order of their contact times. */
static void demo_notes_plan(struct demo *d)
{
	struct demo_notes *n = d->notes;
	struct rng *rng = &n->rng;
	size_t per = d->options->notes_per_person;
	n->plan_count = 0;
	for (size_t i = 0; i < n->person_count; i++) {
		const struct demo_note_person *np = &n->people[i];
		size_t count = rng_below(rng, (uint32_t)(2 * per + 1));
		size_t days = (size_t)(d->today - np->admission) + 1;
		if (count > days)
			count = days;
		for (size_t k = 0; k < count; k++) {
			if (n->plan_count == n->plan_cap) {
				n->plan_cap = n->plan_cap ? n->plan_cap * 2 : 65536;
				n->plan = xrealloc(n->plan, n->plan_cap * sizeof *n->plan);
			}
			date_t day = demo_note_day(rng, np->admission, d->today);
			int32_t minute = day * 1440 + demo_note_time(rng);
			if (minute > n->now_minute) /* later today: never a contact in the future */
				minute = day > np->admission ? minute - 1440 : n->now_minute;
			n->plan[n->plan_count++] = (struct demo_note_plan){(uint32_t)i, minute};
		}
	}
	qsort(n->plan, n->plan_count, sizeof *n->plan, demo_note_plan_order);
	n->planned += n->plan_count;
	n->planned_for += n->person_count;
}

/* A UTC timestamp for a local minute; never after now. */
static void demo_note_stamp(const struct demo *d, int32_t minute, char buf[32])
{
	const struct demo_notes *n = d->notes;
	/* drawn first: the same seed makes the same notes whatever the time of day */
	int y, mo, day, second = rng_range(&d->notes->rng, 0, 59);
	int hundredths = rng_range(&d->notes->rng, 0, 99);
	if (minute >= n->now_minute) {
		memcpy(buf, d->now, 32);
		return;
	}
	date_to_ymd(minute / 1440, &y, &mo, &day);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = day,
			.tm_hour = minute % 1440 / 60, .tm_min = minute % 60, .tm_sec = second,
			.tm_isdst = -1};
	time_t t = mktime(&tm);
	struct tm utc;
	if (t == (time_t)-1 || t > n->now || !gmtime_r(&t, &utc)) {
		memcpy(buf, d->now, 32);
		return;
	}
	snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%02dZ", utc.tm_year + 1900,
		 utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, hundredths);
}

/* When a note was written, in local minutes: most the same day, some the next, a few
 * days later. */
static int32_t demo_note_written(struct demo *d, int32_t contact)
{
	struct rng *rng = &d->notes->rng;
	int r = (int)rng_below(rng, 100);
	if (r < 70)
		return contact + rng_range(rng, 10, 120);
	int32_t day = contact / 1440 + (r < 90 ? 1 : rng_range(rng, 2, 5));
	return day * 1440 + rng_range(rng, 7 * 60 + 30, 16 * 60 + 30);
}

static void demo_note_about(struct demo *d, const struct demo_note_person *np, date_t day,
			    int64_t author, struct demo_note_about *about)
{
	const char *first = d->notes->names.buf + np->names;
	const char *last = first + strlen(first) + 1;
	const struct demo_name_pool *agents = &demo_name_pools[0];
	uint64_t seed = demo_note_person_seed(d, np->id);
	memset(about, 0, sizeof *about);
	about->first = first;
	about->last = last;
	about->language = last + strlen(last) + 1;
	about->sex = (enum sex)np->sex;
	about->pool = &demo_name_pools[np->pool];
	about->family = seed;
	about->unit = np->unit;
	for (size_t i = 0; i < DEMO_PROGRAM_COUNT && about->program_count < 4; i++)
		if (np->programs & (1u << i))
			about->programs[about->program_count++] = demo_programs[i].name;
	about->agent = agents->last[(seed >> 40) % agents->last_count];
	about->author = demo_staff_name(d, author);
	about->staff = demo_staff_name(d, d->workers[rng_below(&d->notes->rng,
							       (uint32_t)d->worker_count)]);
	about->days_inside = day - np->admission;
	about->days_to_release = np->srd == DATE_NONE || np->srd < day ? -1 : np->srd - day;
}

/* A correction of a final note, some days later, by the same author. */
static enum cl_status demo_note_amend(struct demo *d, const struct note *original,
				      int32_t written)
{
	struct demo_notes *n = d->notes;
	struct note amendment = *original;
	amendment.id = 0;
	amendment.amends_id = original->id;
	amendment.state = NOTE_DRAFT;
	demo_note_correct(&n->rng, &n->body);
	amendment.body = n->body.buf;
	char at[32];
	demo_note_stamp(d, written + rng_range(&n->rng, 1, 20) * 1440, at);
	enum cl_status st = store_note_insert(d->app->store, &amendment, at);
	if (st == CL_OK)
		st = store_note_submit(d->app->store, amendment.id, NOTE_FINAL, amendment.author_id,
				       at);
	if (st == CL_OK)
		n->written++;
	return st;
}

/* One planned note: mostly by the person's caseworker, some by a colleague covering the
 * caseload, 3% by interns (co-signed by their supervisor a few days later, the last
 * week's still waiting); about 2% are drafts, mostly recent; 1% of final notes were later
 * amended. Written as the program writes them: a draft, then submitted. */
static enum cl_status demo_note_one(struct demo *d, const struct demo_note_plan *plan)
{
	struct demo_notes *n = d->notes;
	struct rng *rng = &n->rng;
	const struct demo_note_person *np = &n->people[plan->person];
	date_t day = plan->minute / 1440;
	int age = d->today - day;
	int r = (int)rng_below(rng, 1000);
	bool intern = d->intern_count && r < 30;
	int64_t author = np->caseworker_id;
	if (intern)
		author = d->interns[rng_below(rng, (uint32_t)d->intern_count)];
	else if (!author || r < 130)
		author = d->workers[rng_below(rng, (uint32_t)d->worker_count)];
	struct demo_note_about about;
	demo_note_about(d, np, day, author, &about);
	struct note note;
	memset(&note, 0, sizeof note);
	demo_note_write(rng, &about, &note, &n->body, &n->scratch);
	if (!config_note_type_valid(&d->app->config, note.type))
		str_copy(note.type, sizeof note.type, "other"); /* a facility without that type */
	note.person_id = np->id;
	note.author_id = author;
	str_copy(note.author_name, sizeof note.author_name, about.author);
	char contact_day[DATE_TEXT_SIZE];
	snprintf(note.contact_at, sizeof note.contact_at, "%s %02d:%02d",
		 date_format(day, contact_day), plan->minute % 1440 / 60, plan->minute % 60);
	note.body = n->body.buf;
	bool draft = !intern && rng_chance(rng, age <= 14 ? 10 : 1);
	int32_t written = demo_note_written(d, plan->minute);
	char at[32];
	demo_note_stamp(d, written, at);
	struct store *store = d->app->store;
	enum cl_status st = store_note_insert(store, &note, at);
	if (st == CL_OK)
		n->written++;
	if (st != CL_OK || draft)
		return st;
	if (intern) {
		st = store_note_submit(store, note.id, NOTE_PENDING_COSIGN, author, at);
		if (st == CL_OK && age > 7) {
			demo_note_stamp(d, written + rng_range(rng, 1, 3) * 1440, at);
			st = store_note_cosign(store, note.id, d->workers[0], at);
		}
		return st;
	}
	st = store_note_submit(store, note.id, NOTE_FINAL, author, at);
	if (st == CL_OK && rng_below(rng, 1000) < 10)
		st = demo_note_amend(d, &note, written);
	return st;
}

/* The group's notes, DEMO_NOTE_BATCH to a transaction; the group's people are then
 * forgotten. */
static enum cl_status demo_notes_group(struct demo *d)
{
	struct demo_notes *n = d->notes;
	demo_progress(d); /* the group's people are in: the notes begin */
	demo_notes_plan(d);
	demo_progress(d);
	enum cl_status st = CL_OK;
	for (size_t i = 0; st == CL_OK && i < n->plan_count;) {
		st = store_begin(d->app->store);
		size_t end = i + DEMO_NOTE_BATCH < n->plan_count ? i + DEMO_NOTE_BATCH : n->plan_count;
		for (; st == CL_OK && i < end; i++) {
			st = demo_note_one(d, &n->plan[i]);
			if (st == CL_OK && ++n->done % DEMO_PROGRESS_EVERY == 0)
				demo_progress(d);
		}
		if (st == CL_OK)
			st = store_commit(d->app->store);
	}
	n->person_count = 0;
	strbuf_reset(&n->names);
	return st;
}

/* People whose notes are planned together: everyone, unless the plan would not fit. */
static size_t demo_group_end(const struct demo *d)
{
	size_t total = d->options->people, per = d->options->notes_per_person;
	size_t group = total;
	if (per && total > DEMO_NOTE_GROUP / per)
		group = DEMO_NOTE_GROUP / per > DEMO_BATCH ? DEMO_NOTE_GROUP / per : DEMO_BATCH;
	return group < total - d->made ? d->made + group : total;
}

/* Staff and programs, in one short transaction of their own. */
static enum cl_status demo_setup(struct demo *d)
{
	enum cl_status st = store_begin(d->app->store);
	if (st == CL_OK)
		st = demo_staff(d);
	if (st == CL_OK)
		st = demo_programs_ensure(d);
	if (st == CL_OK)
		st = store_commit(d->app->store);
	if (st != CL_OK)
		store_rollback(d->app->store);
	return st;
}

/* Everyone, DEMO_BATCH people per transaction; with notes, a group of people at a time
 * (usually all of them) and then their notes. */
static enum cl_status demo_people(struct demo *d, char *msg, size_t msgsz)
{
	size_t total = d->options->people;
	struct demo_person *dp = xmalloc(sizeof *dp);
	enum cl_status st = CL_OK;
	while (st == CL_OK && d->made < total) {
		size_t group_end = demo_group_end(d);
		while (st == CL_OK && d->made < group_end) {
			st = store_begin(d->app->store);
			size_t end = d->made + DEMO_BATCH < group_end ? d->made + DEMO_BATCH
								       : group_end;
			while (st == CL_OK && d->made < end) {
				const struct demo_fixed *fixed = d->made < DEMO_COUNT(demo_fixed)
									 ? &demo_fixed[d->made]
									 : NULL;
				st = demo_make_valid(d, dp, fixed, msg, msgsz);
				if (st == CL_OK)
					st = demo_insert(d, dp);
				if (st == CL_OK && ++d->made % DEMO_PROGRESS_EVERY == 0 &&
				    d->made < total)
					demo_progress(d);
			}
			if (st == CL_OK)
				st = store_commit(d->app->store);
			if (st == CL_OK)
				d->saved = d->made;
		}
		if (st == CL_OK && d->notes)
			st = demo_notes_group(d);
	}
	free(dp);
	if (st != CL_OK)
		store_rollback(d->app->store);
	return st;
}

static void demo_init(struct demo *d, struct app *app, const struct demo_options *options)
{
	memset(d, 0, sizeof *d);
	d->app = app;
	d->options = options;
	rng_seed(&d->rng, options->seed);
	d->today = app_today(app);
	app_timestamp(app, d->now);
	for (size_t i = 0; i < demo_name_pool_count; i++)
		d->pool_weight_total += demo_name_pools[i].weight;
	d->next_oid = DEMO_OID_BASE + rng_below(&d->rng, 1000);
	/* gaps between OIDs, as numbers issued over decades to people now elsewhere; as wide
	 * as seven digits allow (the mean step of 1 + below(gap) is (gap + 1) / 2) */
	size_t room = (DEMO_OID_LIMIT - DEMO_OID_BASE - 1000) / options->people;
	size_t gap = room == 0 ? 1 : 2 * room - 1;
	d->oid_gap = gap > DEMO_OID_MAX_GAP ? DEMO_OID_MAX_GAP : (uint32_t)gap;
	strbuf_init(&d->joined);
	strbuf_init(&d->name_key);
	strbuf_init(&d->search);
}

static void demo_free(struct demo *d)
{
	demo_notes_free(d->notes);
	free(d->workers);
	strbuf_clear(&d->joined);
	strbuf_clear(&d->name_key);
	strbuf_clear(&d->search);
}

static enum cl_status demo_refuse(struct app *app, const struct demo_options *options, char *msg,
				  size_t msgsz)
{
	if (options->people < 1 || options->people > DEMO_MAX_PEOPLE) {
		snprintf(msg, msgsz, "the demo makes 1 to %d people, not %zu", DEMO_MAX_PEOPLE,
			 options->people);
		return CL_ERR_INVALID;
	}
	if (options->notes_per_person > DEMO_MAX_NOTES_PER_PERSON) {
		snprintf(msg, msgsz, "the demo writes 0 to %d notes per person, not %zu",
			 DEMO_MAX_NOTES_PER_PERSON, options->notes_per_person);
		return CL_ERR_INVALID;
	}
	size_t existing = 0;
	enum cl_status st = store_people_count(app->store, &existing);
	if (st != CL_OK) {
		snprintf(msg, msgsz, "cannot count people: %s", store_last_error(app->store));
		return st;
	}
	if (existing > 0) {
		snprintf(msg, msgsz,
			 "the database already holds %zu %s; demo data only goes into an empty one",
			 existing, existing == 1 ? "person" : "people");
		return CL_ERR_EXISTS;
	}
	return CL_OK;
}

/* Every demo account gets the same password, made up for this database and shown on its
 * sign-in screen: a demonstration must be usable, and it is no facility's real data. The
 * password is long enough for any rule, so no account must change it. */
static enum cl_status demo_passwords(struct demo *d)
{
	struct app *app = d->app;
	static const char *const words[] = {"amber", "birch", "cedar", "delta", "ember", "fjord",
					    "grove", "harbor", "island", "juniper", "meadow",
					    "prairie", "river", "summit", "willow", "yarrow"};
	char password[64], hash[PASSWORD_HASH_SIZE];
	snprintf(password, sizeof password, "demo-%s-%s-%s-%02u", words[rng_below(&d->rng, 16)],
		 words[rng_below(&d->rng, 16)], words[rng_below(&d->rng, 16)],
		 (unsigned)rng_below(&d->rng, 100));
	enum cl_status st = password_hash(password, hash);
	if (st != CL_OK)
		return st;
	struct staff *all = NULL;
	size_t count = 0;
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_list_all(app->store, &all, &count);
	for (size_t i = 0; st == CL_OK && i < count; i++)
		st = store_staff_set_password(app->store, all[i].id, hash, false, d->now);
	const char *login = d->options->user && *d->options->user ? d->options->user : app->login;
	char sign_in[200];
	snprintf(sign_in, sizeof sign_in, "%s / %s", login[0] ? login : all[0].username, password);
	if (st == CL_OK)
		st = store_setting_put(app->store, "demo.sign_in", sign_in);
	if (st == CL_OK)
		st = store_commit(app->store);
	else
		store_rollback(app->store);
	free(all);
	return st;
}

enum cl_status app_demo_generate(struct app *app, const struct demo_options *options, char *msg,
				 size_t msgsz)
{
	msg[0] = '\0';
	enum cl_status st = demo_refuse(app, options, msg, msgsz);
	if (st != CL_OK)
		return st;
	struct demo d;
	demo_init(&d, app, options);
	st = demo_setup(&d);
	if (st == CL_OK)
		st = demo_passwords(&d);
	if (st == CL_OK)
		st = demo_notes_start(&d);
	if (st == CL_OK)
		st = demo_people(&d, msg, msgsz);
	if (st == CL_OK)
		st = store_analyze(app->store);
	if (st == CL_OK) {
		demo_progress(&d);
		if (d.notes)
			snprintf(msg, msgsz, "%zu people, %zu case notes and %zu caseworkers created",
				 d.made, d.notes->written, d.worker_count);
		else
			snprintf(msg, msgsz, "%zu people and %zu caseworkers created", d.made,
				 d.worker_count);
	} else if (!msg[0]) {
		snprintf(msg, msgsz, "demo stopped with %zu people saved: %s (%s)", d.saved,
			 cl_status_text(st), store_last_error(app->store));
	}
	demo_free(&d);
	return st;
}
