/* caseload notes export: a person's notes as plain text, for a records request. */
#include <stdio.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/session.h"
#include "cli.h"

int cmd_notes(const struct cli_globals *g, int argc, char **argv)
{
	const char *oid = cli_option(argc, argv, "--person");
	const char *as = cli_option(argc, argv, "--as");
	if (argc < 1 || strcmp(argv[0], "export") != 0 || !oid || !as)
		return cli_usage_error("usage: caseload notes export --person OID --as USER%s", "");
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	int status = cli_sign_in(&app, as);
	if (status == 0) {
		char msg[APP_NOTE_MESSAGE_SIZE];
		if (app_notes_export(&app, oid, stdout, msg, sizeof msg) != CL_OK) {
			fprintf(stderr, "caseload: %s\n", msg);
			status = 1;
		}
	}
	app_session_end(&app, "command");
	app_close(&app);
	return status;
}
