/* caseload audit ...: the audit trail from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/caseload.h"
#include "caseload/session.h"
#include "caseload/staff.h"
#include "caseload/trail.h"
#include "cli.h"

#define AUDIT_PAGE 500

static int audit_verify(struct app *app)
{
	int64_t checked, broken;
	char detail[300], msg[300];
	if (app_trail_verify(app, &checked, &broken, detail, sizeof detail, msg, sizeof msg) !=
	    CL_OK) {
		fprintf(stderr, "caseload: %s\n", msg);
		return 1;
	}
	if (broken) {
		printf("audit trail BROKEN at row %lld: %s\n", (long long)broken, detail);
		return 1;
	}
	if (detail[0])
		printf("audit trail %s\n", detail);
	else
		printf("audit trail intact: %lld rows checked\n", (long long)checked);
	return 0;
}

/* Fills the filter from the options; people and staff are named, not numbered. */
static int audit_filter(struct app *app, int argc, char **argv, struct audit_filter *f)
{
	memset(f, 0, sizeof *f);
	const char *oid = cli_option(argc, argv, "--person");
	const char *user = cli_option(argc, argv, "--user");
	if (oid && app_caseload_find_oid(app, oid, &f->person_id) != CL_OK) {
		fprintf(stderr, "caseload: no person with OID %s\n", oid);
		return 1;
	}
	struct staff s;
	if (user) {
		if (store_staff_by_username(app->store, user, &s) != CL_OK) {
			fprintf(stderr, "caseload: no account named %s\n", user);
			return 1;
		}
		f->staff_id = s.id;
	}
	f->event = cli_option(argc, argv, "--event");
	f->since = cli_option(argc, argv, "--since");
	f->until = cli_option(argc, argv, "--until");
	const char *limit = cli_option(argc, argv, "--limit");
	f->limit = limit ? (size_t)strtoul(limit, NULL, 10) : 100;
	return 0;
}

static int audit_query(struct app *app, int argc, char **argv)
{
	struct audit_filter f;
	if (audit_filter(app, argc, argv, &f))
		return 1;
	size_t wanted = f.limit ? f.limit : 100, shown = 0;
	struct audit_row *rows = calloc(AUDIT_PAGE, sizeof *rows);
	char msg[300];
	printf("%-8s %-23s %-16s %-26s %-7s %-8s %-24s %s\n", "ID", "AT (UTC)", "USER", "EVENT",
	       "OUTCOME", "OID", "OBJECT", "TERMINAL");
	while (shown < wanted) {
		size_t count = 0;
		f.limit = wanted - shown < AUDIT_PAGE ? wanted - shown : AUDIT_PAGE;
		if (app_trail_query(app, &f, rows, AUDIT_PAGE, &count, msg, sizeof msg) != CL_OK) {
			fprintf(stderr, "caseload: %s\n", msg);
			free(rows);
			return 1;
		}
		for (size_t i = 0; i < count; i++)
			printf("%-8lld %-23s %-16s %-26s %-7s %-8s %-24s %s\n", (long long)rows[i].id,
			       rows[i].at, rows[i].staff_username[0] ? rows[i].staff_username : "-",
			       rows[i].event, rows[i].outcome,
			       rows[i].person_oid[0] ? rows[i].person_oid : "-",
			       rows[i].object[0] ? rows[i].object : "-", rows[i].terminal);
		shown += count;
		if (count < f.limit)
			break;
		f.before_id = rows[count - 1].id;
	}
	free(rows);
	return 0;
}

static int audit_purge(struct app *app, int argc, char **argv)
{
	const char *before = cli_option(argc, argv, "--before");
	if (!before)
		return cli_usage_error("usage: caseload audit purge --before YYYY-MM-DD --as ADMIN%s",
				       "");
	int64_t purged;
	char msg[300];
	enum cl_status st = app_trail_purge(app, before, &purged, msg, sizeof msg);
	fprintf(st == CL_OK ? stdout : stderr, "%s%s\n", st == CL_OK ? "" : "caseload: ", msg);
	return st == CL_OK ? 0 : 1;
}

int cmd_audit(const struct cli_globals *g, int argc, char **argv)
{
	const char *sub = argc > 0 && argv[0][0] != '-' ? argv[0] : "query";
	int skip = argc > 0 && argv[0][0] != '-';
	const char *as = cli_option(argc - skip, argv + skip, "--as");
	if (!as)
		return cli_usage_error("audit %s needs --as USER (an auditor, or an administrator "
				       "for verify and purge)",
				       sub);
	if (strcmp(sub, "query") && strcmp(sub, "verify") && strcmp(sub, "purge"))
		return cli_usage_error("unknown audit command '%s'", sub);
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	int status = cli_sign_in(&app, as);
	if (status == 0) {
		if (!strcmp(sub, "verify"))
			status = audit_verify(&app);
		else if (!strcmp(sub, "purge"))
			status = audit_purge(&app, argc - skip, argv + skip);
		else
			status = audit_query(&app, argc - skip, argv + skip);
	}
	app_session_end(&app, "command");
	app_close(&app);
	return status;
}
