#ifndef CASELOAD_CLI_H
#define CASELOAD_CLI_H
/* Shared by the command-line commands (src/cli). */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/app.h"

#define EXIT_USAGE 2

/* Global options that every command sees. */
struct cli_globals {
	const char *db;
	const char *config; /* NULL: the system-wide file, when it exists */
};

int cli_usage_error(const char *fmt, const char *arg);
/* Opens the app or prints why not; 0 on success. */
int cli_open(struct app *app, const struct cli_globals *g, enum store_mode mode);

/* Reads a secret: from the terminal without echo (prompt on stderr), or one line of
 * standard input when that is not a terminal (for scripts). false at end of input. */
bool cli_read_secret(const char *prompt, char *buf, size_t size);

/* Signs in as `username` for a privileged command: password (and code when the account
 * has a second factor) read with cli_read_secret. 0 on success; prints why not. */
int cli_sign_in(struct app *app, const char *username);

/* Finds "--name VALUE" in argv; NULL when absent. */
const char *cli_option(int argc, char **argv, const char *name);

/* The configuration of --config, else the system file when it exists; 1 (the problems on
 * stderr) when it is unusable. */
int cli_load_config(const struct cli_globals *g, struct config *config);

int cmd_user(const struct cli_globals *g, int argc, char **argv);
int cmd_audit(const struct cli_globals *g, int argc, char **argv);
int cmd_notes(const struct cli_globals *g, int argc, char **argv);
int cmd_forms(const struct cli_globals *g, int argc, char **argv);
int cmd_review(const struct cli_globals *g, int argc, char **argv);
int cmd_resources(const struct cli_globals *g, int argc, char **argv);

#endif
