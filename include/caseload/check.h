#ifndef CASELOAD_CHECK_H
#define CASELOAD_CHECK_H
/* `caseload check`: the database's integrity, its foreign keys, its search index, and the
 * derived list columns against the rules that derive them. */
#include "caseload/app.h"

/* Calls report once per problem; *problems counts them. CL_OK means the check ran (look
 * at *problems for the verdict); otherwise msg says why it could not. Streams through the
 * people, never loading the table. Requires database.maintain; audited. */
enum cl_status app_check(struct app *app, void (*report)(void *ctx, const char *problem),
			 void *ctx, int *problems, char *msg, size_t msgsz);

#endif
