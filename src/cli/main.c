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
#include "caseload/config.h"
#include "caseload/demo.h"
#include "caseload/people.h"
#include "caseload/progress.h"
#include "caseload/session.h"
#include "caseload/ui.h"
#include "cli.h"

static const char usage_text[] =
	"Usage: caseload [--db PATH] [--config FILE] [COMMAND [OPTIONS]]\n"
	"\n"
	"A caseload manager for correctional caseworkers. With no command it opens the\n"
	"full-screen interface (sign-in first) on the database.\n"
	"\n"
	"Commands:\n"
	"  init                     create an empty database at PATH (or upgrade one)\n"
	"  demo --people N [--seed S] [--user NAME] [--notes-per-person N]\n"
	"                           fill a new database with N synthetic people (and about\n"
	"                           5 case notes each, unless told otherwise)\n"
	"  check --as ADMIN         verify integrity, foreign keys, search index, the date\n"
	"                           rules, the derived list columns and the review tallies\n"
	"  user add-admin NAME --name \"Full Name\"\n"
	"                           the first administrator (password typed twice)\n"
	"  user list|add|disable|enable|unlock|reset-password|reset-totp|set-role|set-lead|\n"
	"       set-probation|grants ... --as ADMIN\n"
	"                           manage accounts (see caseload-admin(8))\n"
	"  audit [query] [--person OID] [--user NAME] [--event E] [--since D] [--until D]\n"
	"        [--limit N] --as AUDITOR\n"
	"  audit verify --as USER   check the audit trail's hash chain\n"
	"  audit purge --before YYYY-MM-DD --as ADMIN\n"
	"  notes export --person OID --as USER\n"
	"                           a person's notes as plain text (audited)\n"
	"  config [--describe]      print the effective configuration (or every setting)\n"
	"  forms check [-v] [FILE...]\n"
	"                           check form definitions (default: every form the\n"
	"                           program reads); each problem as file:line:column\n"
	"  forms list               the forms offered, their versions and files\n"
	"  review sample --form ID|--kind case_plan|release_plan --period YYYY-MM\n"
	"                [--percent N] [--seed S] --as LEAD\n"
	"                           draw a month's QA sample (seeded, recorded)\n"
	"  review team --from DATE --to DATE --as LEAD\n"
	"                           the team's review outcomes and QA compliance as CSV\n"
	"  resources import FILE --as USER\n"
	"                           add or update community resources from CSV\n"
	"  resources list [--kind KIND] [QUERY]\n"
	"                           the community resources directory\n"
	"\n"
	"Options:\n"
	"  --db PATH                the database file (default: $CASELOAD_DB, else\n"
	"                           " APP_FACILITY_DB ")\n"
	"  --config FILE            configuration (default: " CONFIG_DEFAULT_PATH ")\n"
	"  --version                print the version and exit\n"
	"  --help                   print this help and exit\n"
	"\n"
	"Passwords are read from the terminal without echo, or one per line from standard\n"
	"input when it is not a terminal.\n"
	"Environment: CASELOAD_DB, NO_COLOR (no colors), CASELOAD_NOW (pin the time, tests).\n"
	"See caseload(1) and caseload-admin(8).\n";

int cli_usage_error(const char *fmt, const char *arg)
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

int cli_open(struct app *app, const struct cli_globals *g, enum store_mode mode)
{
	char err[2000];
	if (app_open_config(app, g->db, mode, g->config, err, sizeof err) != CL_OK) {
		fprintf(stderr, "caseload: %s\n", err);
		return 1;
	}
	return 0;
}

static int cmd_init(const struct cli_globals *g, int argc, char **argv)
{
	if (argc > 0)
		return cli_usage_error("init takes no arguments: '%s'", argv[0]);
	struct stat st;
	if (stat(g->db, &st) == 0 && st.st_size > 0)
		fprintf(stderr, "caseload: %s exists; checking its schema\n", g->db);
	struct app app;
	if (cli_open(&app, g, STORE_CREATE))
		return 1;
	printf("%s: caseload database, schema %d\n", g->db, store_schema_version(app.store));
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

static int cmd_demo(const struct cli_globals *g, int argc, char **argv)
{
	struct demo_options opt = {.people = 0, .seed = 1, .notes_per_person = 5};
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
		} else if (!strcmp(a, "--user") && i + 1 < argc) {
			opt.user = argv[++i];
		} else if (!strcmp(a, "--notes-per-person") && i + 1 < argc) {
			/* 0 is a valid answer here (no notes), unlike for the other numbers */
			const char *n = argv[++i];
			if (!strcmp(n, "0"))
				opt.notes_per_person = 0;
			else if (cli_parse_size(n, &opt.notes_per_person, 1000))
				return cli_usage_error("--notes-per-person needs a number from 0 to "
						       "1000, not '%s'",
						       n);
		} else {
			return cli_usage_error("demo: unknown or incomplete option '%s'", a);
		}
	}
	if (!opt.people)
		return cli_usage_error("demo needs --people N%s", "");
	struct app app;
	if (cli_open(&app, g, STORE_CREATE))
		return 1;
	struct progress progress;
	progress_init(&progress, opt.notes_per_person ? "Creating demo people and case notes"
						      : "Creating demo people");
	opt.progress = progress_update;
	opt.progress_ctx = &progress;
	char msg[300] = "";
	enum cl_status st = app_demo_generate(&app, &opt, msg, sizeof msg);
	progress_finish(&progress);
	app_close(&app);
	if (st != CL_OK) {
		fprintf(stderr, "caseload: %s: %s\n", g->db, msg[0] ? msg : cl_status_text(st));
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

static int cmd_check(const struct cli_globals *g, int argc, char **argv)
{
	const char *as = cli_option(argc, argv, "--as");
	if (!as || argc != 2)
		return cli_usage_error("usage: caseload check --as ADMIN%s", "");
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	if (cli_sign_in(&app, as)) {
		app_close(&app);
		return 1;
	}
	int problems = 0;
	char msg[300];
	enum cl_status st = app_check(&app, cli_report_problem, NULL, &problems, msg, sizeof msg);
	size_t people = 0;
	store_people_count(app.store, &people);
	app_session_end(&app, "command");
	if (st != CL_OK) {
		fprintf(stderr, "caseload: %s: %s\n", g->db, msg);
		app_close(&app);
		return 1;
	}
	app_close(&app);
	if (problems) {
		fprintf(stderr, "caseload: %s: %d problem%s found\n", g->db, problems,
			problems == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok (%zu people)\n", g->db, people);
	return 0;
}

int cli_load_config(const struct cli_globals *g, struct config *config)
{
	struct strbuf errors;
	strbuf_init(&errors);
	const char *path = g->config ? g->config : CONFIG_DEFAULT_PATH;
	int rc = 0;
	if (config_load(path, g->config == NULL, config, &errors) != CL_OK) {
		fputs(errors.buf, stderr);
		rc = 1;
	}
	strbuf_clear(&errors);
	return rc;
}

static int cmd_config(const struct cli_globals *g, int argc, char **argv)
{
	struct strbuf out;
	strbuf_init(&out);
	if (argc == 1 && !strcmp(argv[0], "--describe")) {
		config_describe(&out);
	} else if (argc == 0) {
		struct config config;
		if (cli_load_config(g, &config) != 0) {
			strbuf_clear(&out);
			return 1;
		}
		config_dump(&config, &out);
	} else {
		strbuf_clear(&out);
		return cli_usage_error("usage: caseload [--config FILE] config [--describe]%s", "");
	}
	fputs(out.buf, stdout);
	strbuf_clear(&out);
	return 0;
}

static int cmd_tui(const struct cli_globals *g)
{
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	size_t refreshed;
	enum cl_status st = app_refresh_derived(&app, &refreshed);
	if (st != CL_OK && st != CL_ERR_BUSY && st != CL_ERR_READONLY) {
		fprintf(stderr, "caseload: %s: %s (%s)\n", g->db, cl_status_text(st),
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
	struct cli_globals g = {NULL, NULL};
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
			g.db = argv[++i];
		else if (!strncmp(a, "--db=", 5))
			g.db = a + 5;
		else if (!strcmp(a, "--config") && i + 1 < argc)
			g.config = argv[++i];
		else if (!strncmp(a, "--config=", 9))
			g.config = a + 9;
		else
			return cli_usage_error("unknown or incomplete option '%s'", a);
	}
	g.db = app_default_db_path(g.db);
	if (i == argc)
		return cmd_tui(&g);
	const char *cmd = argv[i++];
	static const struct {
		const char *name;
		int (*run)(const struct cli_globals *g, int argc, char **argv);
	} commands[] = {
		{"init", cmd_init},   {"demo", cmd_demo},   {"check", cmd_check},
		{"user", cmd_user},   {"audit", cmd_audit}, {"config", cmd_config},
		{"notes", cmd_notes},  {"forms", cmd_forms},
		{"review", cmd_review},
		{"resources", cmd_resources},
	};
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(cmd, commands[c].name))
			return commands[c].run(&g, argc - i, argv + i);
	return cli_usage_error("unknown command '%s'", cmd);
}
