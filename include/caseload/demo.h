#ifndef CASELOAD_DEMO_H
#define CASELOAD_DEMO_H
/* Realistic synthetic data for demonstrations, training and the benchmark: staff, people
 * with diverse UTF-8 names and aliases, plausible sentences and dates, housing, alerts,
 * program enrollments, assigned to several caseworkers, and their case notes. Reproducible
 * from its seed. */
#include <stddef.h>
#include <stdint.h>

#include "caseload/app.h"
#include "caseload/notes.h"
#include "caseload/rng.h"
#include "caseload/strbuf.h"

struct demo_options {
	size_t people;     /* how many people to create (1 .. 10,000,000) */
	uint64_t seed;     /* same seed, same data */
	size_t caseworkers; /* 0: one per ~110 people (a real caseload), at least 3 */
	const char *user;   /* the caseworker account "(you)"; NULL or "": the login name */
	/* Case notes per person on average (each person has 0 to twice as many); 0: none. */
	size_t notes_per_person;
	/* Called now and then with the work done so far: people made plus notes written, out
	 * of the people asked for plus the notes expected (exact once they are planned). May
	 * be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
};

/* Fills an initialised, empty database. CL_ERR_EXISTS (msg says so) when it already holds
 * people. Also makes options->user (else the login name) a caseworker with a caseload, so
 * whoever asked for the demo sees their own list. Every demo account gets one generated
 * password, kept in the setting "demo.sign_in" as "user / password" for the sign-in
 * screen of a demonstration database. */
enum cl_status app_demo_generate(struct app *app, const struct demo_options *options, char *msg,
				 size_t msgsz);

/* The name lists behind the generator (demo_names.c); static strings. */
struct demo_name_pool {
	const char *const *last;
	size_t last_count;
	const char *const *first_male;
	size_t first_male_count;
	const char *const *first_female;
	size_t first_female_count;
	const char *language; /* language most often spoken with these names */
	int weight;           /* relative share of the population */
};
extern const struct demo_name_pool demo_name_pools[];
extern const size_t demo_name_pool_count;

/* What a demo case note may say of its person (demo_notes.c); strings are borrowed. */
struct demo_note_about {
	const char *first, *last;
	enum sex sex;
	const char *language; /* spoken first: a few words of it may appear */
	const struct demo_name_pool *pool; /* their community: the names of their relatives */
	uint64_t family;      /* the same seed in every note: the same relatives and home town */
	const char *unit;
	const char *programs[4]; /* programs they are in that an open note may name */
	size_t program_count;
	const char *agent;  /* their supervision agent's family name */
	const char *author; /* who writes the note */
	const char *staff;  /* another staff member a note may mention */
	int days_inside;     /* on the day of the contact */
	int days_to_release; /* from the day of the contact; negative: none ahead */
};

/* Writes a note's type, sensitivity, subject, present and body (20 to 80 words, into body,
 * which the caller sets note->body to) from the phrase tables, drawing from rng. scratch
 * is working space. */
void demo_note_write(struct rng *rng, const struct demo_note_about *about, struct note *note,
		     struct strbuf *body, struct strbuf *scratch);
/* An amendment's text: a line saying what it corrects, then the original body. */
void demo_note_correct(struct rng *rng, struct strbuf *body);

#endif
