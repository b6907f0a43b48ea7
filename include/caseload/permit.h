#ifndef CASELOAD_PERMIT_H
#define CASELOAD_PERMIT_H
/* Who may do what: one table of (role, action) -> allow / own caseload only / deny, with
 * the grants for restricted data. Every use case asks here (app_permit) before it acts,
 * and every screen asks (app_can) before it offers an action, so the two cannot differ. */
#include <stdbool.h>
#include <stdint.h>

#include "caseload/app.h"

#define ROLE_LIST(X)                                                                               \
	X(ROLE_INTERN, "intern")                                                                   \
	X(ROLE_CASEWORKER, "caseworker")                                                           \
	X(ROLE_LEAD, "lead")                                                                       \
	X(ROLE_ADMIN, "admin")                                                                     \
	X(ROLE_AUDITOR, "auditor")

enum role {
#define ROLE_ENUM(id, name) id,
	ROLE_LIST(ROLE_ENUM)
#undef ROLE_ENUM
	ROLE_COUNT,
	ROLE_NONE = ROLE_COUNT
};

/* id, name (in the audit trail), what it lets one do */
#define PERMIT_LIST(X)                                                                             \
	X(PERM_PERSON_READ, "person.read", "see the caseload and people's records")                \
	X(PERM_PERSON_EDIT, "person.edit", "change a record")                                       \
	X(PERM_NOTE_DRAFT, "note.draft", "write case notes and interview notes as drafts")         \
	X(PERM_NOTE_FINALIZE, "note.finalize", "finalize and sign one's own notes and forms")      \
	X(PERM_NOTE_COSIGN, "note.cosign", "co-sign an intern's note or form")                     \
	X(PERM_REVIEW_APPROVE, "review.approve", "approve or return others' work in QA review")    \
	X(PERM_EXPORT, "record.export", "export or print a person's records")                      \
	X(PERM_PART2_READ, "part2.read", "see substance-use treatment records (42 CFR Part 2)")     \
	X(PERM_PREA_READ, "prea.read", "see sexual-safety screening answers (PREA)")               \
	X(PERM_ACCOUNT_MANAGE, "account.manage", "add, disable, unlock and change accounts")       \
	X(PERM_AUDIT_READ, "audit.read", "read and verify the audit trail")                        \
	X(PERM_MAINTAIN, "database.maintain", "check the database and purge expired audit rows")

enum permit_action {
#define PERMIT_ENUM(id, name, help) id,
	PERMIT_LIST(PERMIT_ENUM)
#undef PERMIT_ENUM
	PERM_COUNT
};

enum permit_rule {
	PERMIT_DENY,
	PERMIT_ALLOW,
	PERMIT_OWN, /* only for people on one's own caseload */
};

const char *permit_role_name(enum role role); /* "?" when out of range */
enum role permit_role_parse(const char *name); /* ROLE_NONE when unknown */
const char *permit_action_name(enum permit_action action);
const char *permit_action_help(enum permit_action action);

/* The table's answer for a role and action, before grants and scope. */
enum permit_rule permit_rule(enum role role, enum permit_action action);

/* Whether the signed-in staff member may take the action on the person (0: no person in
 * particular). Grants and the own-caseload scope included. No side effects: for screens
 * deciding what to offer. */
bool app_can(struct app *app, enum permit_action action, int64_t person_id);

/* The same check for a use case about to act: CL_ERR_DENIED (and an audited "denied" row)
 * when refused; msg says so in words. */
enum cl_status app_permit(struct app *app, enum permit_action action, int64_t person_id,
			  char *msg, size_t msgsz);

#endif
