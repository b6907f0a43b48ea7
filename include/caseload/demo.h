#ifndef CASELOAD_DEMO_H
#define CASELOAD_DEMO_H
/* Realistic synthetic data for demonstrations, training and the benchmark: staff, people
 * with diverse UTF-8 names and aliases, plausible sentences and dates, housing, alerts,
 * program enrollments, assigned to several caseworkers. Reproducible from its seed. */
#include <stddef.h>
#include <stdint.h>

#include "caseload/app.h"

struct demo_options {
	size_t people;     /* how many people to create (1 .. 10,000,000) */
	uint64_t seed;     /* same seed, same data */
	size_t caseworkers; /* 0: one per ~110 people (a real caseload), at least 3 */
	const char *user;   /* the caseworker account "(you)"; NULL or "": the login name */
	/* Called now and then with how many people exist so far; may be NULL. */
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

#endif
