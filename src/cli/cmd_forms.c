/* caseload forms: check definition files (given, or the whole search path) and list the
 * forms this installation offers. Every problem is printed as file:line:column: message on
 * stderr; the exit status says whether everything passed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseload/formcatalog.h"
#include "caseload/formwork.h"
#include "cli.h"

/* Errors as "file:line:column: message", warnings with "warning: " before the message; a
 * problem with the whole file (line 0) as "file: message". */
static void forms_print(const struct formdef_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct formdef_diag *g = &d->items[i];
		const char *sev = g->severity == FORMDEF_WARNING ? "warning: " : "";
		if (g->line == 0)
			fprintf(stderr, "%s: %s%s\n", g->file, sev, g->message);
		else
			fprintf(stderr, "%s:%u:%u: %s%s\n", g->file, g->line, g->column, sev,
				g->message);
	}
}

/* Loads the search path of the configuration (--config, else the system file if any). */
static int forms_load_path(const struct cli_globals *g, struct formcatalog *cat)
{
	struct config config;
	if (cli_load_config(g, &config) != 0)
		return 1;
	const char *dirs[2];
	app_forms_dirs(&config, dirs);
	formcatalog_load_dirs(cat, dirs, 2);
	return 0;
}

static int forms_check(const struct cli_globals *g, int argc, char **argv)
{
	bool verbose = false;
	int first = 0;
	for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
		if (!strcmp(argv[first], "-v") || !strcmp(argv[first], "--verbose"))
			verbose = true;
		else if (!strcmp(argv[first], "--")) {
			first++;
			break;
		} else
			return cli_usage_error("forms check: unknown option '%s'", argv[first]);
	}
	struct formcatalog cat;
	formcatalog_init(&cat);
	if (first == argc && forms_load_path(g, &cat) != 0) {
		formcatalog_clear(&cat);
		return 1;
	}
	for (int i = first; i < argc; i++)
		formcatalog_add_file(&cat, argv[i]);
	forms_print(&cat.diags);
	size_t errors = formdef_diags_errors(&cat.diags);
	if (verbose || isatty(STDOUT_FILENO))
		printf("%zu form%s checked, %zu error%s\n", cat.files_read,
		       cat.files_read == 1 ? "" : "s", errors, errors == 1 ? "" : "s");
	formcatalog_clear(&cat);
	return errors ? 1 : 0;
}

static const char *forms_status_name(enum formdef_status s)
{
	return s == FORMDEF_STATUS_DRAFT ? "draft" : s == FORMDEF_STATUS_RETIRED ? "retired" : "active";
}

/* Every form of the search path, marking the version new responses use. */
static int forms_list(const struct cli_globals *g, int argc)
{
	if (argc != 0)
		return cli_usage_error("usage: caseload forms list%s", "");
	struct formcatalog cat;
	formcatalog_init(&cat);
	if (forms_load_path(g, &cat) != 0) {
		formcatalog_clear(&cat);
		return 1;
	}
	printf("%-24s %7s  %-8s %-7s %s\n", "ID", "VERSION", "STATUS", "IN USE", "TITLE");
	for (size_t i = 0; i < cat.count; i++) {
		const struct formdef *d = cat.defs[i];
		bool current = formcatalog_current(&cat, d->id) == d;
		printf("%-24s %7d  %-8s %-7s %s  (%s)\n", d->id, d->version,
		       forms_status_name(d->status), current ? "yes" : "", d->title,
		       d->source_path ? d->source_path : "");
	}
	forms_print(&cat.diags);
	int rc = cat.files_broken ? 1 : 0;
	formcatalog_clear(&cat);
	return rc;
}

int cmd_forms(const struct cli_globals *g, int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "check"))
		return forms_check(g, argc - 1, argv + 1);
	if (argc >= 1 && !strcmp(argv[0], "list"))
		return forms_list(g, argc - 1);
	return cli_usage_error("usage: caseload forms check [-v] [FILE...] | forms list%s", "");
}
