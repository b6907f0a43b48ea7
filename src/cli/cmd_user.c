/* caseload user ...: accounts from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/accounts.h"
#include "caseload/password.h"
#include "caseload/session.h"
#include "caseload/staff.h"
#include "cli.h"

const char *cli_option(int argc, char **argv, const char *name)
{
	for (int i = 0; i + 1 < argc; i++)
		if (!strcmp(argv[i], name))
			return argv[i + 1];
	return NULL;
}

/* The words of argv that are neither options nor option values. */
static int user_positional(int argc, char **argv, const char **out, int max)
{
	int n = 0;
	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			i++; /* every option of these commands takes a value */
			continue;
		}
		if (n < max)
			out[n] = argv[i];
		n++;
	}
	return n;
}

static int user_bootstrap(const struct cli_globals *g, int argc, char **argv)
{
	const char *words[2];
	const char *name = cli_option(argc, argv, "--name");
	if (user_positional(argc, argv, words, 2) != 1 || !name)
		return cli_usage_error("usage: caseload user add-admin USERNAME --name \"Full "
				       "Name\"%s",
				       "");
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	char password[1100], again[1100], msg[300];
	bool ok = cli_read_secret("New password: ", password, sizeof password) &&
		  cli_read_secret("Again: ", again, sizeof again);
	enum cl_status st = ok ? app_account_bootstrap_admin(&app, words[0], name, password, again,
							     msg, sizeof msg)
			       : CL_ERR_INVALID;
	password_wipe(password, sizeof password);
	password_wipe(again, sizeof again);
	app_close(&app);
	if (!ok) {
		fputs("caseload: no password given\n", stderr);
		return 1;
	}
	fprintf(st == CL_OK ? stdout : stderr, "%s%s\n", st == CL_OK ? "" : "caseload: ", msg);
	return st == CL_OK ? 0 : 1;
}

static int user_list(struct app *app)
{
	struct staff *all;
	size_t count;
	char msg[300];
	if (app_account_list(app, &all, &count, msg, sizeof msg) != CL_OK) {
		fprintf(stderr, "caseload: %s\n", msg);
		return 1;
	}
	printf("%-20s %-11s %-9s %-11s %-20s %s\n", "USER", "ROLE", "STATE", "GRANTS",
	       "LAST SIGN-IN (UTC)", "NAME");
	for (size_t i = 0; i < count; i++) {
		char grants[32];
		app_grants_format(all[i].grants, grants, sizeof grants);
		printf("%-20s %-11s %-9s %-11s %-20.16s %s\n", all[i].username, all[i].role,
		       !all[i].active ? "disabled" : all[i].locked ? "locked" : "active",
		       grants[0] ? grants : "-",
		       all[i].last_sign_in_at[0] ? all[i].last_sign_in_at : "never",
		       all[i].display_name);
	}
	free(all);
	return 0;
}

static int user_report(enum cl_status st, const char *msg, const char *temp)
{
	if (st != CL_OK) {
		fprintf(stderr, "caseload: %s\n", msg);
		return 1;
	}
	printf("%s\n", msg);
	if (temp && temp[0])
		printf("Temporary password (shown once): %s\n", temp);
	return 0;
}

/* The privileged subcommands, after signing in as --as and confirming the password. */
static int user_privileged(struct app *app, const char *sub, int argc, char **argv)
{
	const char *words[3];
	int n = user_positional(argc, argv, words, 3);
	char msg[300], temp[ACCOUNT_TEMP_PASSWORD_SIZE] = "";
	if (!strcmp(sub, "list"))
		return n == 0 ? user_list(app) : cli_usage_error("usage: caseload user list --as ADMIN%s", "");
	if (!strcmp(sub, "add")) {
		struct account_input in = {n == 1 ? words[0] : NULL, cli_option(argc, argv, "--name"),
					   cli_option(argc, argv, "--role"),
					   cli_option(argc, argv, "--supervisor")};
		if (n != 1 || !in.display_name || !in.role)
			return cli_usage_error("usage: caseload user add USERNAME --name \"Full Name\" "
					       "--role ROLE [--supervisor USER] --as ADMIN%s",
					       "");
		return user_report(app_account_add(app, &in, temp, msg, sizeof msg), msg, temp);
	}
	static const struct {
		const char *name;
		enum account_change change;
	} changes[] = {{"disable", ACCOUNT_DISABLE},
		       {"enable", ACCOUNT_ENABLE},
		       {"unlock", ACCOUNT_UNLOCK},
		       {"reset-password", ACCOUNT_RESET_PASSWORD},
		       {"reset-totp", ACCOUNT_RESET_TOTP}};
	for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		if (strcmp(sub, changes[i].name) != 0)
			continue;
		if (n != 1)
			return cli_usage_error("usage: caseload user %s USERNAME --as ADMIN", sub);
		return user_report(app_account_change(app, words[0], changes[i].change, temp, msg,
						      sizeof msg),
				   msg, temp);
	}
	if (!strcmp(sub, "set-role") && n == 2)
		return user_report(app_account_set_role(app, words[0], words[1], msg, sizeof msg), msg,
				   NULL);
	if (!strcmp(sub, "set-lead") && (n == 1 || n == 2))
		return user_report(app_account_set_lead(app, words[0], n == 2 ? words[1] : "", msg,
							sizeof msg),
				   msg, NULL);
	if (!strcmp(sub, "set-probation") && (n == 1 || n == 2))
		return user_report(app_account_set_probation(app, words[0], n == 2 ? words[1] : "",
							     msg, sizeof msg),
				   msg, NULL);
	if (!strcmp(sub, "grants") && n == 2)
		return user_report(app_account_set_grants(app, words[0], words[1], msg, sizeof msg),
				   msg, NULL);
	return cli_usage_error("unknown or incomplete user command '%s' (see caseload --help)", sub);
}

int cmd_user(const struct cli_globals *g, int argc, char **argv)
{
	if (argc < 1)
		return cli_usage_error("usage: caseload user COMMAND ... (see caseload --help)%s", "");
	const char *sub = argv[0];
	if (!strcmp(sub, "add-admin"))
		return user_bootstrap(g, argc - 1, argv + 1);
	const char *as = cli_option(argc - 1, argv + 1, "--as");
	if (!as)
		return cli_usage_error("user %s needs --as ADMIN (an administrator signs in)", sub);
	struct app app;
	if (cli_open(&app, g, STORE_EXISTING))
		return 1;
	int status = cli_sign_in(&app, as);
	if (status == 0)
		status = user_privileged(&app, sub, argc - 1, argv + 1);
	app_session_end(&app, "command");
	app_close(&app);
	return status;
}
