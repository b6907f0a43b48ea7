/* caseload: the command line, and the full-screen interface when no command is given. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "caseload/app.h"
#include "caseload/check.h"
#include "caseload/demo.h"
#include "caseload/people.h"
#include "caseload/progress.h"
#include "caseload/ui.h"

#define EXIT_USAGE 2

static const char usage_text[] =
	"Usage: caseload [--db PATH] [COMMAND [OPTIONS]]\n"
	"\n"
	"A caseload manager for correctional caseworkers. With no command it opens the\n"
	"full-screen caseload on the database.\n"
	"\n"
	"Commands:\n"
	"  init                     create an empty database at PATH\n"
	"  demo --people N [--seed S]\n"
	"                           create a database filled with N synthetic people\n"
	"  check                    verify integrity, foreign keys, search index and the\n"
	"                           derived list columns; exit 1 when anything is wrong\n"
	"\n"
	"Options:\n"
	"  --db PATH                the database file (default: $CASELOAD_DB, else\n"
	"                           " APP_FACILITY_DB ")\n"
	"  --version                print the version and exit\n"
	"  --help                   print this help and exit\n"
	"\n"
	"Environment: CASELOAD_DB, CASELOAD_USER (who you are until sign-in exists),\n"
	"NO_COLOR (no colors), CASELOAD_NOW (pin today's date, for tests).\n"
	"See caseload(1).\n";

static int cli_usage_error(const char *fmt, const char *arg)
{
	fputs("caseload: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'caseload --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Curses and wcwidth need a UTF-8 locale; fall back to C.UTF-8 when the user's is not. */
static void cli_setup_locale(void)
{
	setlocale(LC_ALL, "");
	const char *codeset = nl_langinfo(CODESET);
	if (!codeset || strcmp(codeset, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* No core dumps (they would hold record text), and files only for the facility group. */
static void cli_harden(void)
{
	struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	umask(007);
}

static int cli_open(struct app *app, const char *db, enum store_mode mode)
{
	char err[600];
	if (app_open(app, db, mode, err, sizeof err) != CL_OK) {
		fprintf(stderr, "caseload: %s\n", err);
		return 1;
	}
	return 0;
}

static int cmd_init(const char *db, int argc, char **argv)
{
	if (argc > 0)
		return cli_usage_error("init takes no arguments: '%s'", argv[0]);
	struct stat st;
	if (stat(db, &st) == 0 && st.st_size > 0)
		fprintf(stderr, "caseload: %s exists; checking its schema\n", db);
	struct app app;
	if (cli_open(&app, db, STORE_CREATE))
		return 1;
	printf("%s: caseload database, schema %d\n", db, store_schema_version(app.store));
	app_close(&app);
	return 0;
}

static int cli_parse_size(const char *text, size_t *out, size_t max)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	if (!*text || *end || errno || v == 0 || v > max || text[0] == '-')
		return -1;
	*out = (size_t)v;
	return 0;
}

static int cmd_demo(const char *db, int argc, char **argv)
{
	struct demo_options opt = {.people = 0, .seed = 1};
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		size_t v;
		if (!strcmp(a, "--people") && i + 1 < argc) {
			if (cli_parse_size(argv[++i], &opt.people, 10000000))
				return cli_usage_error("--people needs a number from 1 to 10000000, "
						       "not '%s'",
						       argv[i]);
		} else if (!strcmp(a, "--seed") && i + 1 < argc) {
			if (cli_parse_size(argv[++i], &v, (size_t)-1))
				return cli_usage_error("--seed needs a positive number, not '%s'",
						       argv[i]);
			opt.seed = v;
		} else {
			return cli_usage_error("demo: unknown or incomplete option '%s'", a);
		}
	}
	if (!opt.people)
		return cli_usage_error("demo needs --people N%s", "");
	struct app app;
	if (cli_open(&app, db, STORE_CREATE))
		return 1;
	app_session_identify(&app);
	struct progress progress;
	progress_init(&progress, "Creating demo people");
	opt.progress = progress_update;
	opt.progress_ctx = &progress;
	char msg[300] = "";
	enum cl_status st = app_demo_generate(&app, &opt, msg, sizeof msg);
	progress_finish(&progress);
	app_close(&app);
	if (st != CL_OK) {
		fprintf(stderr, "caseload: %s: %s\n", db, msg[0] ? msg : cl_status_text(st));
		return 1;
	}
	if (msg[0])
		printf("%s\n", msg);
	return 0;
}

static void cli_report_problem(void *ctx, const char *problem)
{
	(void)ctx;
	printf("%s\n", problem);
}

static int cmd_check(const char *db, int argc, char **argv)
{
	if (argc > 0)
		return cli_usage_error("check takes no arguments: '%s'", argv[0]);
	struct app app;
	if (cli_open(&app, db, STORE_EXISTING))
		return 1;
	int problems = 0;
	enum cl_status st = app_check(&app, cli_report_problem, NULL, &problems);
	if (st != CL_OK) {
		fprintf(stderr, "caseload: %s: check failed: %s (%s)\n", db, cl_status_text(st),
			store_last_error(app.store));
		app_close(&app);
		return 1;
	}
	size_t people = 0;
	store_people_count(app.store, &people);
	app_close(&app);
	if (problems) {
		fprintf(stderr, "caseload: %s: %d problem%s found\n", db, problems,
			problems == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok (%zu people)\n", db, people);
	return 0;
}

static int cmd_tui(const char *db)
{
	struct app app;
	if (cli_open(&app, db, STORE_EXISTING))
		return 1;
	/* not knowing who you are still lets you look, as the facility view */
	app_session_identify(&app);
	size_t refreshed;
	enum cl_status st = app_refresh_derived(&app, &refreshed);
	if (st != CL_OK && st != CL_ERR_BUSY && st != CL_ERR_READONLY) {
		fprintf(stderr, "caseload: %s: %s (%s)\n", db, cl_status_text(st),
			store_last_error(app.store));
		app_close(&app);
		return 1;
	}
	int status = ui_run(&app);
	app_close(&app);
	return status;
}

int main(int argc, char **argv)
{
	cli_setup_locale();
	cli_harden();
	const char *db_option = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (!strcmp(a, "--version")) {
			printf("caseload %s (schema %d)\n", CASELOAD_VERSION, store_schema_latest());
			return 0;
		}
		if (!strcmp(a, "--db") && i + 1 < argc)
			db_option = argv[++i];
		else if (!strncmp(a, "--db=", 5))
			db_option = a + 5;
		else
			return cli_usage_error("unknown or incomplete option '%s'", a);
	}
	const char *db = app_default_db_path(db_option);
	if (i == argc)
		return cmd_tui(db);
	const char *cmd = argv[i++];
	if (!strcmp(cmd, "init"))
		return cmd_init(db, argc - i, argv + i);
	if (!strcmp(cmd, "demo"))
		return cmd_demo(db, argc - i, argv + i);
	if (!strcmp(cmd, "check"))
		return cmd_check(db, argc - i, argv + i);
	return cli_usage_error("unknown command '%s'", cmd);
}
