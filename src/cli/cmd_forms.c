/* caseload forms check: loads form definition files and reports every problem as
 * file:line:column: message on stderr, then checks versions of one form id against each
 * other (choice values never change meaning; (id, version) is never defined twice). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseload/formdef.h"
#include "cli.h"

/* Errors as "file:line:column: message", warnings with "warning: " before the message; a
 * problem with the whole file (line 0) as "file: message". */
static void forms_print(const struct formdef_diags *d, size_t from)
{
	for (size_t i = from; i < d->count; i++) {
		const struct formdef_diag *g = &d->items[i];
		const char *sev = g->severity == FORMDEF_WARNING ? "warning: " : "";
		if (g->line == 0)
			fprintf(stderr, "%s: %s%s\n", g->file, sev, g->message);
		else
			fprintf(stderr, "%s:%u:%u: %s%s\n", g->file, g->line, g->column, sev,
				g->message);
	}
}

/* Forms of one id in version order, so that consecutive entries are checked in pairs. */
static int forms_cmp(const void *pa, const void *pb)
{
	const struct formdef *a = *(const struct formdef *const *)pa;
	const struct formdef *b = *(const struct formdef *const *)pb;
	int c = strcmp(a->id, b->id);
	if (c != 0)
		return c;
	if (a->version != b->version)
		return (a->version > b->version) - (a->version < b->version);
	return strcmp(a->source_path, b->source_path); /* same version twice: a stable report */
}

static void forms_check_versions(struct formdef **defs, size_t n, struct formdef_diags *diags)
{
	qsort(defs, n, sizeof *defs, forms_cmp);
	for (size_t i = 1; i < n; i++) {
		const struct formdef *older = defs[i - 1], *newer = defs[i];
		if (strcmp(older->id, newer->id) != 0)
			continue;
		if (older->version == newer->version)
			formdef_diags_add(diags, newer->source_path, 1, 1, FORMDEF_ERROR,
					  "form \"%s\" version %d is also defined in %s", newer->id,
					  newer->version, older->source_path);
		else
			formdef_check_versions(older, newer, diags);
	}
}

static int forms_check(int argc, char **argv)
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
	if (first == argc)
		return cli_usage_error("usage: caseload forms check [-v] FILE...%s", "");
	size_t nfiles = (size_t)(argc - first), nloaded = 0;
	struct formdef **defs = xcalloc(nfiles, sizeof *defs);
	struct formdef_diags diags;
	formdef_diags_init(&diags);
	for (int i = first; i < argc; i++) {
		size_t before = diags.count;
		struct formdef *def = formdef_load_file(argv[i], &diags);
		forms_print(&diags, before);
		if (def)
			defs[nloaded++] = def;
	}
	size_t before = diags.count;
	forms_check_versions(defs, nloaded, &diags);
	forms_print(&diags, before);
	size_t errors = formdef_diags_errors(&diags);
	if (verbose || isatty(STDOUT_FILENO))
		printf("%zu form%s checked, %zu error%s\n", nfiles, nfiles == 1 ? "" : "s", errors,
		       errors == 1 ? "" : "s");
	for (size_t i = 0; i < nloaded; i++)
		formdef_free(&defs[i]);
	free(defs);
	formdef_diags_clear(&diags);
	return errors ? 1 : 0;
}

int cmd_forms(const struct cli_globals *g, int argc, char **argv)
{
	(void)g;
	if (argc >= 1 && !strcmp(argv[0], "check"))
		return forms_check(argc - 1, argv + 1);
	return cli_usage_error("usage: caseload forms check [-v] FILE...%s", "");
}
