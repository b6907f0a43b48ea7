/* caseload review: the QA sample of a month, and the team view as CSV, for leads. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "caseload/review.h"
#include "caseload/session.h"
#include "cli.h"

#define REVIEW_USAGE                                                                               \
	"usage: caseload review sample --form ID|--kind case_plan|release_plan --period YYYY-MM "     \
	"[--percent N] [--seed S] --as LEAD\n       caseload review team --from YYYY-MM-DD --to YYYY-MM-DD --as LEAD%s"

/* What `review sample` draws from: a form (--form) or a kind of plan (--kind); false when
 * the options do not say one of them. */
static bool review_sample_kind(int argc, char **argv, enum review_kind *kind)
{
	const char *form = cli_option(argc, argv, "--form");
	const char *kind_text = cli_option(argc, argv, "--kind");
	*kind = REVIEW_FORM;
	if (!!form == !!kind_text)
		return false;
	if (kind_text && !strcmp(kind_text, "case_plan"))
		*kind = REVIEW_CASE_PLAN;
	else if (kind_text && !strcmp(kind_text, "release_plan"))
		*kind = REVIEW_RELEASE_PLAN;
	return !kind_text || *kind != REVIEW_FORM;
}

/* Whether the options make sense, checked before anyone is asked for a password. */
static bool review_args_ok(int argc, char **argv)
{
	if (!strcmp(argv[0], "team"))
		return cli_option(argc, argv, "--from") && cli_option(argc, argv, "--to");
	enum review_kind kind;
	const char *percent = cli_option(argc, argv, "--percent");
	char *end = NULL;
	if (percent)
		strtol(percent, &end, 10);
	return review_sample_kind(argc, argv, &kind) && cli_option(argc, argv, "--period") &&
	       (!percent || (end && !*end && end != percent));
}

static int review_sample(struct app *app, int argc, char **argv)
{
	const char *form = cli_option(argc, argv, "--form");
	const char *period = cli_option(argc, argv, "--period");
	const char *percent = cli_option(argc, argv, "--percent");
	const char *seed_text = cli_option(argc, argv, "--seed");
	long pct = percent ? strtol(percent, NULL, 10) : app->config.qa_sample_percent;
	enum review_kind kind;
	review_sample_kind(argc, argv, &kind);
	/* without --seed the draw is still recorded with the seed it used, so it can be
	 * repeated and audited */
	uint64_t seed = seed_text ? strtoull(seed_text, NULL, 10) : (uint64_t)time(NULL);
	size_t drawn = 0;
	char msg[APP_REVIEW_MESSAGE_SIZE];
	if (app_review_draw_sample(app, kind, form, period, (int)pct, seed, &drawn, msg, sizeof msg) !=
	    CL_OK) {
		fprintf(stderr, "caseload: %s\n", msg);
		return 1;
	}
	printf("%s\n", msg);
	return 0;
}

static int review_team(struct app *app, int argc, char **argv)
{
	const char *from = cli_option(argc, argv, "--from");
	const char *to = cli_option(argc, argv, "--to");
	char msg[APP_REVIEW_MESSAGE_SIZE];
	if (app_review_team_csv(app, from, to, stdout, msg, sizeof msg) != CL_OK) {
		fprintf(stderr, "caseload: %s\n", msg);
		return 1;
	}
	return 0;
}

int cmd_review(const struct cli_globals *g, int argc, char **argv)
{
	const char *as = cli_option(argc, argv, "--as");
	if (argc < 1 || !as || (strcmp(argv[0], "sample") != 0 && strcmp(argv[0], "team") != 0) ||
	    !review_args_ok(argc, argv))
		return cli_usage_error(REVIEW_USAGE, "");
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	int status = cli_sign_in(&app, as);
	if (status == 0)
		status = !strcmp(argv[0], "sample") ? review_sample(&app, argc, argv)
						    : review_team(&app, argc, argv);
	app_session_end(&app, "command");
	app_close(&app);
	return status;
}
