/* caseload resources: import the community resources directory from CSV, and list it. */
#include <stdio.h>
#include <string.h>

#include "caseload/directory.h"
#include "caseload/progress.h"
#include "caseload/session.h"
#include "caseload/text.h"
#include "cli.h"

#define RESOURCES_USAGE                                                                            \
	"usage: caseload resources import FILE --as USER\n"                                        \
	"       caseload resources list [--kind KIND] [QUERY]%s"

static void resources_refused(void *ctx, const char *line)
{
	struct progress *progress = ctx;
	/* the progress line is on stderr too: end it before the message */
	progress_finish(progress);
	progress->last_shown = 0; /* drawn again at the next row, ended once */
	fprintf(stderr, "%s\n", line);
}

static int resources_import(const struct cli_globals *g, const char *file, const char *as)
{
	FILE *in = fopen(file, "rb");
	if (!in) {
		fprintf(stderr, "caseload: %s cannot be opened\n", file);
		return 1;
	}
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING)) {
		fclose(in);
		return 1;
	}
	int status = cli_sign_in(&app, as);
	if (status == 0) {
		struct progress progress;
		progress_init(&progress, "Importing resources");
		struct directory_import result;
		char msg[APP_DIRECTORY_MESSAGE_SIZE];
		enum cl_status st = app_resources_import(&app, in, file, &result, resources_refused,
							 progress_update, &progress, msg, sizeof msg);
		progress_finish(&progress);
		if (st == CL_OK) {
			printf("%zu added, %zu updated, %zu refused\n", result.added, result.updated,
			       result.refused);
			status = result.refused ? 1 : 0;
		} else {
			fprintf(stderr, "caseload: %s\n", msg);
			status = 1;
		}
	}
	fclose(in);
	app_session_end(&app, "command");
	app_close(&app);
	return status;
}

static void resources_print(const struct resource *r)
{
	struct strbuf line;
	strbuf_init(&line);
	text_fit(&line, resource_kind_label(r->kind), 17, TEXT_LEFT);
	strbuf_putc(&line, ' ');
	text_fit(&line, r->name, 44, TEXT_LEFT);
	strbuf_putc(&line, ' ');
	text_fit(&line, r->phone, 14, TEXT_LEFT);
	strbuf_putc(&line, ' ');
	text_sanitize(&line, r->service_area, false);
	if (!r->active)
		strbuf_puts(&line, " (inactive)");
	printf("%s\n", line.buf);
	strbuf_clear(&line);
}

static int resources_list(const struct cli_globals *g, const char *kind_text, const char *query)
{
	int kind = -1;
	if (kind_text && (kind = resource_kind_parse(kind_text)) < 0)
		return cli_usage_error("unknown kind '%s' (housing, treatment, mental_health, "
				       "employment, education, benefits, id_documents, transport, "
				       "food_clothing, family, legal, other)",
				       kind_text);
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	enum { PAGE = 100 };
	static struct resource page[PAGE];
	struct resource last;
	size_t n = 0, total = 0;
	enum cl_status st;
	do {
		st = app_resource_search(&app, query ? query : "", kind, true, total ? &last : NULL,
					 page, PAGE, &n);
		for (size_t i = 0; st == CL_OK && i < n; i++)
			resources_print(&page[i]);
		if (n)
			last = page[n - 1];
		total += n;
	} while (st == CL_OK && n == PAGE);
	if (st != CL_OK)
		fprintf(stderr, "caseload: the directory cannot be read: %s\n", cl_status_text(st));
	app_close(&app);
	return st == CL_OK ? 0 : 1;
}

int cmd_resources(const struct cli_globals *g, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[0], "import")) {
		const char *as = cli_option(argc, argv, "--as");
		const char *file = strcmp(argv[1], "--as") ? argv[1] : argc >= 4 ? argv[3] : NULL;
		if (!as || !file || argc != 4)
			return cli_usage_error(RESOURCES_USAGE, "");
		return resources_import(g, file, as);
	}
	if (argc >= 1 && !strcmp(argv[0], "list")) {
		const char *kind = NULL, *query = NULL;
		for (int i = 1; i < argc; i++) {
			if (!strcmp(argv[i], "--kind") && i + 1 < argc)
				kind = argv[++i];
			else if (argv[i][0] != '-' && !query)
				query = argv[i];
			else
				return cli_usage_error(RESOURCES_USAGE, "");
		}
		return resources_list(g, kind, query);
	}
	return cli_usage_error(RESOURCES_USAGE, "");
}
