/* Account administration use cases. */
#include "caseload/accounts.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "caseload/password.h"
#include "caseload/permit.h"
#include "caseload/session.h"
#include "caseload/staff.h"
#include "caseload/text.h"

static void acct_say(char *msg, size_t msgsz, const char *fmt, const char *arg)
{
	snprintf(msg, msgsz, fmt, arg);
}

/* Privileged actions need the permission and a password given in the last few minutes. */
static enum cl_status acct_require(struct app *app, char *msg, size_t msgsz)
{
	if (app_permit(app, PERM_ACCOUNT_MANAGE, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (!app_session_recently_authenticated(app)) {
		acct_say(msg, msgsz, "%s", "Confirm your password first (privileged action)");
		return CL_ERR_DENIED;
	}
	return CL_OK;
}

static bool acct_username_valid(const char *u)
{
	size_t n = strlen(u);
	if (n < 2 || n > 32)
		return false;
	for (const char *c = u; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' ||
		      *c == '-'))
			return false;
	return true;
}

/* Four random words and two digits: easy to read out once, long enough for any rule. */
static void acct_temp_password(char out[ACCOUNT_TEMP_PASSWORD_SIZE])
{
	static const char *const words[] = {
		"amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor",
		"island", "juniper", "kestrel", "lantern", "meadow", "north", "orchard", "prairie",
		"quarry", "river", "summit", "timber", "upland", "valley", "willow", "yarrow"};
	size_t n = sizeof words / sizeof words[0];
	snprintf(out, ACCOUNT_TEMP_PASSWORD_SIZE, "%s-%s-%s-%s-%02u",
		 words[randombytes_uniform((uint32_t)n)], words[randombytes_uniform((uint32_t)n)],
		 words[randombytes_uniform((uint32_t)n)], words[randombytes_uniform((uint32_t)n)],
		 (unsigned)randombytes_uniform(100));
}

/* Runs body (already begun) to commit with its audit row, or rolls back. */
static enum cl_status acct_finish(struct app *app, enum cl_status st, const char *event,
				  int64_t target, char *msg, size_t msgsz)
{
	char object[48];
	snprintf(object, sizeof object, "account=%lld", (long long)target);
	if (st == CL_OK)
		st = app_audit(app, event, "ok", 0, object);
	if (st == CL_OK)
		st = store_commit(app->store);
	if (st != CL_OK) {
		store_rollback(app->store);
		if (!msg[0])
			acct_say(msg, msgsz, "Not done: %s", cl_status_text(st));
	}
	return st;
}

static enum cl_status acct_find(struct app *app, const char *username, struct staff *out,
				char *msg, size_t msgsz)
{
	if (store_staff_by_username(app->store, username, out) != CL_OK) {
		acct_say(msg, msgsz, "No account named '%s'", text_is_clean_line(username) ? username : "?");
		return CL_ERR_NOTFOUND;
	}
	return CL_OK;
}

/* The account an administrator acts on: CL_ERR_DENIED when the user may not manage accounts,
 * CL_ERR_NOTFOUND when there is none (msg says which). */
static enum cl_status acct_target(struct app *app, const char *username, struct staff *target,
				  char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (acct_require(app, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (acct_find(app, username, target, msg, msgsz) != CL_OK)
		return CL_ERR_NOTFOUND;
	return CL_OK;
}


/* The same rules for every new account's names. */
static enum cl_status acct_check_identity(const char *username, const char *display_name,
					  char *msg, size_t msgsz)
{
	if (!acct_username_valid(username)) {
		acct_say(msg, msgsz, "%s", "User names are 2 to 32 lower-case letters, digits, . _ or -");
		return CL_ERR_INVALID;
	}
	if (!display_name || !*display_name || !text_is_clean_line(display_name) ||
	    strlen(display_name) > 160) {
		acct_say(msg, msgsz, "%s", "The display name must be plain text, 1 to 80 characters");
		return CL_ERR_INVALID;
	}
	return CL_OK;
}

/* Opens a transaction and adds the account with its password hash; the caller finishes
 * the transaction (acct_finish). On failure before the transaction, none is open. */
static enum cl_status acct_insert(struct app *app, const char *username, const char *display_name,
				  const char *role, const char *password, bool must_change,
				  int64_t *id, char *msg, size_t msgsz)
{
	char hash[PASSWORD_HASH_SIZE], at[32];
	enum cl_status st = password_hash(password, hash);
	if (st != CL_OK)
		return st;
	app_timestamp(app, at);
	*id = 0;
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_add(app->store, username, display_name, role, at, id);
	if (st == CL_ERR_CONSTRAINT)
		acct_say(msg, msgsz, "The user name '%s' is taken (names are never reused)",
			 username);
	if (st == CL_OK)
		st = store_staff_set_password(app->store, *id, hash, must_change, at);
	password_wipe(hash, sizeof hash);
	return st;
}

enum cl_status app_account_bootstrap_admin(struct app *app, const char *username,
					   const char *display_name, const char *password,
					   const char *again, char *msg, size_t msgsz)
{
	int64_t admins = 0;
	msg[0] = '\0';
	enum cl_status st = store_staff_count_role(app->store, "admin", &admins);
	if (st != CL_OK)
		return st;
	if (admins > 0) {
		acct_say(msg, msgsz, "%s", "An administrator exists: add accounts as that "
					   "administrator (caseload user add --as NAME)");
		return CL_ERR_EXISTS;
	}
	if (acct_check_identity(username, display_name, msg, msgsz) != CL_OK)
		return CL_ERR_INVALID;
	if (strcmp(password, again) != 0) {
		acct_say(msg, msgsz, "%s", "The two passwords differ");
		return CL_ERR_INVALID;
	}
	const char *personal[] = {username, display_name, NULL};
	/* administrators enrol a second factor at first sign-in, but until then the password
	 * stands alone: hold it to the single-factor length */
	if (password_check(password, app->config.password_min_single_factor, personal, msg,
			   msgsz) != PASSWORD_OK)
		return CL_ERR_INVALID;
	int64_t id;
	st = acct_insert(app, username, display_name, "admin", password, false, &id, msg, msgsz);
	struct staff saved = app->me;
	app->me.id = id; /* the first administrator creates themselves */
	st = acct_finish(app, st, "account.bootstrap_admin", id, msg, msgsz);
	app->me = saved;
	if (st == CL_OK)
		acct_say(msg, msgsz, "Administrator %s created", username);
	return st;
}

enum cl_status app_account_add(struct app *app, const struct account_input *in,
			       char temp_password[ACCOUNT_TEMP_PASSWORD_SIZE], char *msg,
			       size_t msgsz)
{
	msg[0] = '\0';
	if (acct_require(app, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (acct_check_identity(in->username, in->display_name, msg, msgsz) != CL_OK)
		return CL_ERR_INVALID;
	enum role role = permit_role_parse(in->role);
	if (role == ROLE_NONE) {
		acct_say(msg, msgsz, "%s", "Role must be intern, caseworker, lead, admin or auditor");
		return CL_ERR_INVALID;
	}
	struct staff supervisor = {0};
	if (role == ROLE_INTERN) {
		if (!in->supervisor || acct_find(app, in->supervisor, &supervisor, msg, msgsz) != CL_OK ||
		    (strcmp(supervisor.role, "caseworker") != 0 && strcmp(supervisor.role, "lead") != 0)) {
			acct_say(msg, msgsz, "%s", "An intern needs a supervising caseworker or lead");
			return CL_ERR_INVALID;
		}
	}
	acct_temp_password(temp_password);
	int64_t id;
	enum cl_status st = acct_insert(app, in->username, in->display_name, in->role, temp_password,
					true, &id, msg, msgsz);
	if (st == CL_OK && supervisor.id)
		st = store_staff_set_supervisor(app->store, id, supervisor.id);
	st = acct_finish(app, st, "account.add", id, msg, msgsz);
	if (st == CL_OK)
		acct_say(msg, msgsz, "Account %s added; give them the temporary password, which "
				     "they must change at first sign-in", in->username);
	else
		password_wipe(temp_password, ACCOUNT_TEMP_PASSWORD_SIZE);
	return st;
}

enum cl_status app_account_change(struct app *app, const char *username,
				  enum account_change change,
				  char temp_password[ACCOUNT_TEMP_PASSWORD_SIZE], char *msg,
				  size_t msgsz)
{
	struct staff target;
	enum cl_status found = acct_target(app, username, &target, msg, msgsz);
	if (found != CL_OK)
		return found;
	if (target.id == app->me.id && change == ACCOUNT_DISABLE) {
		acct_say(msg, msgsz, "%s", "You cannot disable your own account");
		return CL_ERR_INVALID;
	}
	char at[32], hash[PASSWORD_HASH_SIZE];
	app_timestamp(app, at);
	const char *event = "account.change";
	enum cl_status st = CL_OK;
	if (change == ACCOUNT_RESET_PASSWORD) {
		acct_temp_password(temp_password);
		st = password_hash(temp_password, hash);
		if (st != CL_OK)
			return st;
	}
	st = store_begin(app->store);
	switch (change) {
	case ACCOUNT_DISABLE:
	case ACCOUNT_ENABLE:
		event = change == ACCOUNT_DISABLE ? "account.disable" : "account.enable";
		if (st == CL_OK)
			st = store_staff_set_active(app->store, target.id, change == ACCOUNT_ENABLE);
		break;
	case ACCOUNT_UNLOCK:
		event = "account.unlock";
		if (st == CL_OK)
			st = store_staff_set_locked(app->store, target.id, NULL);
		break;
	case ACCOUNT_RESET_PASSWORD:
		event = "account.reset_password";
		if (st == CL_OK)
			st = store_staff_set_password(app->store, target.id, hash, true, at);
		password_wipe(hash, sizeof hash);
		break;
	case ACCOUNT_RESET_TOTP:
		event = "account.reset_totp";
		if (st == CL_OK)
			st = store_staff_set_totp(app->store, target.id, NULL);
		break;
	}
	st = acct_finish(app, st, event, target.id, msg, msgsz);
	if (st == CL_OK)
		snprintf(msg, msgsz, "%s: %s done", username, event + strlen("account."));
	return st;
}

enum cl_status app_account_set_role(struct app *app, const char *username, const char *role,
				    char *msg, size_t msgsz)
{
	struct staff target;
	enum cl_status found = acct_target(app, username, &target, msg, msgsz);
	if (found != CL_OK)
		return found;
	if (permit_role_parse(role) == ROLE_NONE) {
		acct_say(msg, msgsz, "%s", "Role must be intern, caseworker, lead, admin or auditor");
		return CL_ERR_INVALID;
	}
	if (target.id == app->me.id) {
		acct_say(msg, msgsz, "%s", "Another administrator must change your role");
		return CL_ERR_INVALID;
	}
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_set_role(app->store, target.id, role);
	st = acct_finish(app, st, "account.set_role", target.id, msg, msgsz);
	if (st == CL_OK)
		snprintf(msg, msgsz, "%s is now %s", username, role);
	return st;
}

enum cl_status app_account_set_lead(struct app *app, const char *username, const char *lead,
				    char *msg, size_t msgsz)
{
	struct staff target, chosen = {0};
	enum cl_status found = acct_target(app, username, &target, msg, msgsz);
	if (found != CL_OK)
		return found;
	if (lead && *lead) {
		if (acct_find(app, lead, &chosen, msg, msgsz) != CL_OK)
			return CL_ERR_NOTFOUND;
		if (permit_role_parse(chosen.role) != ROLE_LEAD || chosen.id == target.id) {
			acct_say(msg, msgsz, "%s", "A caseworker's reviewer is another account, a lead");
			return CL_ERR_INVALID;
		}
	}
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_set_lead(app->store, target.id, chosen.id);
	st = acct_finish(app, st, "account.set_lead", target.id, msg, msgsz);
	if (st == CL_OK)
		snprintf(msg, msgsz, chosen.id ? "%s's work goes to %s for review"
					       : "%s's work goes to the shared review queue%s",
			 username, chosen.id ? lead : "");
	return st;
}

enum cl_status app_account_set_probation(struct app *app, const char *username,
					 const char *until, char *msg, size_t msgsz)
{
	struct staff target;
	enum cl_status found = acct_target(app, username, &target, msg, msgsz);
	if (found != CL_OK)
		return found;
	date_t day = DATE_NONE;
	if (until && *until && strcmp(until, "none") != 0 && !date_parse(until, &day)) {
		acct_say(msg, msgsz, "%s", "Probation ends on a date, YYYY-MM-DD, or none");
		return CL_ERR_INVALID;
	}
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_set_probation(app->store, target.id, day);
	st = acct_finish(app, st, "account.set_probation", target.id, msg, msgsz);
	if (st == CL_OK)
		snprintf(msg, msgsz, day == DATE_NONE ? "%s is not on probation%s"
						      : "%s is on probation until %s",
			 username, day == DATE_NONE ? "" : until);
	return st;
}

static const struct {
	const char *name;
	unsigned bit;
} acct_grants[] = {
	{"part2", STAFF_GRANT_PART2},
	{"prea", STAFF_GRANT_PREA},
	{"health", STAFF_GRANT_HEALTH},
	{"victim", STAFF_GRANT_VICTIM},
};

void app_grants_format(unsigned grants, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof acct_grants / sizeof acct_grants[0]; i++)
		if (grants & acct_grants[i].bit)
			used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s%s",
						 used ? "," : "", acct_grants[i].name);
}

static bool acct_grants_parse(const char *text, unsigned *out)
{
	char copy[64];
	*out = 0;
	str_copy(copy, sizeof copy, text);
	for (char *tok = strtok(copy, ", "); tok; tok = strtok(NULL, ", ")) {
		size_t i = 0, n = sizeof acct_grants / sizeof acct_grants[0];
		while (i < n && strcmp(tok, acct_grants[i].name) != 0)
			i++;
		if (i < n)
			*out |= acct_grants[i].bit;
		else if (strcmp(tok, "none") != 0)
			return false;
	}
	return true;
}

enum cl_status app_account_set_grants(struct app *app, const char *username, const char *grants,
				      char *msg, size_t msgsz)
{
	struct staff target;
	unsigned set;
	enum cl_status found = acct_target(app, username, &target, msg, msgsz);
	if (found != CL_OK)
		return found;
	if (!acct_grants_parse(grants, &set)) {
		acct_say(msg, msgsz, "%s", "Grants are part2, prea, health and victim, separated by "
					   "commas, or none");
		return CL_ERR_INVALID;
	}
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = store_staff_set_grants(app->store, target.id, set);
	st = acct_finish(app, st, "account.set_grants", target.id, msg, msgsz);
	if (st == CL_OK) {
		char list[32];
		app_grants_format(set, list, sizeof list);
		snprintf(msg, msgsz, "%s grants: %s", username, list[0] ? list : "none");
	}
	return st;
}

enum cl_status app_account_list(struct app *app, struct staff **list, size_t *count, char *msg,
				size_t msgsz)
{
	*list = NULL;
	*count = 0;
	if (app_permit(app, PERM_ACCOUNT_MANAGE, 0, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	enum cl_status st = store_staff_list_all(app->store, list, count);
	if (st == CL_OK)
		app_audit(app, "account.list", "ok", 0, "");
	return st;
}
