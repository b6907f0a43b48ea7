#ifndef CASELOAD_ACCOUNTS_H
#define CASELOAD_ACCOUNTS_H
/* Administering staff accounts: privileged actions, each checked against the permission
 * table, each needing a recent password (app_session_reauth), each audited. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/app.h"

#define ACCOUNT_TEMP_PASSWORD_SIZE 32

/* The first administrator of a new database, from the command line: allowed only while
 * the database has no active administrator. password is checked like any other. */
enum cl_status app_account_bootstrap_admin(struct app *app, const char *username,
					   const char *display_name, const char *password,
					   const char *again, char *msg, size_t msgsz);

struct account_input {
	const char *username;     /* lower-case letters, digits, . _ - */
	const char *display_name;
	const char *role;         /* intern, caseworker, lead, admin, auditor */
	const char *supervisor;   /* interns: the supervising caseworker's user name */
};

/* Adds an account with a random temporary password (written to temp_password, shown once)
 * that must be changed at the first sign-in. */
enum cl_status app_account_add(struct app *app, const struct account_input *input,
			       char temp_password[ACCOUNT_TEMP_PASSWORD_SIZE], char *msg,
			       size_t msgsz);

enum account_change {
	ACCOUNT_DISABLE,
	ACCOUNT_ENABLE,
	ACCOUNT_UNLOCK,
	ACCOUNT_RESET_PASSWORD, /* new temporary password, must change; removes nothing else */
	ACCOUNT_RESET_TOTP,     /* forgets the second factor: enrol again at next sign-in */
};
/* temp_password receives the new temporary password for ACCOUNT_RESET_PASSWORD. */
enum cl_status app_account_change(struct app *app, const char *username,
				  enum account_change change,
				  char temp_password[ACCOUNT_TEMP_PASSWORD_SIZE], char *msg,
				  size_t msgsz);
enum cl_status app_account_set_role(struct app *app, const char *username, const char *role,
				    char *msg, size_t msgsz);
/* The lead a caseworker's work goes to for review ("" for none: the shared queue). */
enum cl_status app_account_set_lead(struct app *app, const char *username, const char *lead,
				    char *msg, size_t msgsz);
/* The last day of a caseworker's probation, "YYYY-MM-DD", or "" for none. */
enum cl_status app_account_set_probation(struct app *app, const char *username,
					 const char *until, char *msg, size_t msgsz);
/* grants: a list like "part2,prea" or "" for none. */
enum cl_status app_account_set_grants(struct app *app, const char *username, const char *grants,
				      char *msg, size_t msgsz);

/* Every account (caller frees *list); requires the account.manage permission. */
enum cl_status app_account_list(struct app *app, struct staff **list, size_t *count, char *msg,
				size_t msgsz);

/* "part2,prea" for a grant set. */
void app_grants_format(unsigned grants, char *buf, size_t size);

#endif
