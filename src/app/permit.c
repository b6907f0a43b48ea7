/* The permission table and its two questions: may I offer it (app_can), may I do it
 * (app_permit, audited when refused). */
#include "caseload/permit.h"

#include <stdio.h>
#include <string.h>

#include "caseload/person_detail.h"

static const char *const role_names[ROLE_COUNT] = {
#define ROLE_NAME(id, name) [id] = name,
	ROLE_LIST(ROLE_NAME)
#undef ROLE_NAME
};

static const struct {
	const char *name;
	const char *help;
} permit_actions[PERM_COUNT] = {
#define PERMIT_DEF(id, name, help) [id] = {name, help},
	PERMIT_LIST(PERMIT_DEF)
#undef PERMIT_DEF
};

#define D PERMIT_DENY
#define A PERMIT_ALLOW
#define O PERMIT_OWN
/* Admins manage accounts but do casework only through a normal role; auditors read the
 * audit trail and nothing else; interns draft and cannot finalize or sign. */
static const enum permit_rule permit_table[PERM_COUNT][ROLE_COUNT] = {
	/*                     intern caseworker lead admin auditor */
	[PERM_PERSON_READ] = {A, A, A, D, D},
	[PERM_PERSON_EDIT] = {D, O, A, D, D},
	[PERM_NOTE_DRAFT] = {A, A, A, D, D},
	[PERM_NOTE_FINALIZE] = {D, A, A, D, D},
	[PERM_NOTE_COSIGN] = {D, A, A, D, D},
	[PERM_REVIEW_APPROVE] = {D, D, A, D, D},
	[PERM_EXPORT] = {D, O, A, D, D},
	[PERM_PART2_READ] = {A, A, A, D, D},
	[PERM_PREA_READ] = {A, A, A, D, D},
	[PERM_ACCOUNT_MANAGE] = {D, D, D, A, D},
	[PERM_AUDIT_READ] = {D, D, D, D, A},
	[PERM_MAINTAIN] = {D, D, D, A, D},
};
#undef D
#undef A
#undef O

const char *permit_role_name(enum role role)
{
	return (unsigned)role < ROLE_COUNT ? role_names[role] : "?";
}

enum role permit_role_parse(const char *name)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (name && strcmp(name, role_names[r]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

const char *permit_action_name(enum permit_action action)
{
	return (unsigned)action < PERM_COUNT ? permit_actions[action].name : "?";
}

const char *permit_action_help(enum permit_action action)
{
	return (unsigned)action < PERM_COUNT ? permit_actions[action].help : "?";
}

enum permit_rule permit_rule(enum role role, enum permit_action action)
{
	if ((unsigned)role >= ROLE_COUNT || (unsigned)action >= PERM_COUNT)
		return PERMIT_DENY;
	return permit_table[action][role];
}

/* The grant a restricted action needs on top of the role, or 0. */
static unsigned permit_grant_needed(enum permit_action action)
{
	switch (action) {
	case PERM_PART2_READ:
		return STAFF_GRANT_PART2;
	case PERM_PREA_READ:
		return STAFF_GRANT_PREA;
	default:
		return 0;
	}
}

bool app_can(struct app *app, enum permit_action action, int64_t person_id)
{
	if (!app->me.id || !app->me.active)
		return false;
	enum permit_rule rule = permit_rule(permit_role_parse(app->me.role), action);
	if (rule == PERMIT_DENY)
		return false;
	unsigned grant = permit_grant_needed(action);
	if (grant && !(app->me.grants & grant))
		return false;
	if (rule == PERMIT_OWN) {
		struct person p;
		if (!person_id || store_person_get(app->store, person_id, &p) != CL_OK)
			return false;
		return p.caseworker_id == app->me.id;
	}
	return true;
}

enum cl_status app_permit(struct app *app, enum permit_action action, int64_t person_id,
			  char *msg, size_t msgsz)
{
	if (app_can(app, action, person_id))
		return CL_OK;
	char object[64];
	snprintf(object, sizeof object, "action=%s", permit_action_name(action));
	app_audit(app, "access.denied", "denied", person_id, object);
	if (!app->me.id)
		snprintf(msg, msgsz, "Not permitted: nobody is signed in");
	else if (permit_rule(permit_role_parse(app->me.role), action) == PERMIT_OWN)
		snprintf(msg, msgsz, "Not permitted: you may %s only for people on your caseload",
			 permit_action_help(action));
	else
		snprintf(msg, msgsz, "Not permitted: a %s may not %s", app->me.role,
			 permit_action_help(action));
	return CL_ERR_DENIED;
}
