/* Release (reentry) plan use cases: the plan made from the YAML checklist on first use, the
 * status rules of its sections, and the readiness summary the screen and the home need. */
#include "caseload/reentry.h"
#include "caseload/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "caseload/permit.h"
#include "caseload/person_detail.h"
#include "caseload/text.h"

static bool reentry_file_exists(const char *path)
{
	struct stat st;
	return path && *path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *app_reentry_def_path(const struct config *config)
{
	if (reentry_file_exists(config->release_plan_file))
		return config->release_plan_file;
	/* An uninstalled build reads its source tree's data, as it does its forms. */
#ifdef CASELOAD_SOURCE_DATA_DIR
	if (!reentry_file_exists(CASELOAD_DATA_DIR "/release_plan.yaml"))
		return CASELOAD_SOURCE_DATA_DIR "/release_plan.yaml";
#endif
	return CASELOAD_DATA_DIR "/release_plan.yaml";
}

void app_reentry_clear(struct reentry *r)
{
	free(r->sections);
	free(r->counts);
	free(r->tasks);
	free(r->contacts);
	memset(r, 0, sizeof *r);
}

int app_reentry_section_index(const struct reentry *r, const char *section)
{
	for (size_t i = 0; i < r->section_count; i++)
		if (!strcmp(r->sections[i].section, section))
			return (int)i;
	return -1;
}

static bool reentry_task_open(const struct relplan_task *t)
{
	return t->done_on == DATE_NONE && !t->dropped_reason[0];
}

/* ---- making the plan ---- */

static enum cl_status reentry_add_sections(struct app *app, int64_t plan_id, date_t srd,
					   const struct relplan_def *def, const char *at)
{
	enum cl_status st = CL_OK;
	for (size_t i = 0; st == CL_OK && i < def->section_count; i++) {
		const struct relplan_section_def *sd = &def->sections[i];
		st = store_relplan_section_add(app->store, plan_id, (int)i, sd->id, sd->title);
		for (size_t k = 0; st == CL_OK && k < sd->task_count; k++) {
			const struct relplan_task_def *td = &sd->tasks[k];
			struct relplan_task t = {.blocks_release = td->blocks_release};
			snprintf(t.section, sizeof t.section, "%s", sd->id);
			snprintf(t.task, sizeof t.task, "%s", td->id);
			snprintf(t.label, sizeof t.label, "%s", td->label);
			snprintf(t.owner, sizeof t.owner, "%s", relplan_owner_name(td->owner));
			t.due_on = relplan_due(srd, td->days_before, def->holidays, def->holiday_count);
			int64_t id;
			st = store_relplan_task_add(app->store, plan_id, &t, false, app->me.id, at, &id);
		}
	}
	return st;
}

static enum cl_status reentry_create(struct app *app, const struct person *p, char *msg,
				     size_t msgsz)
{
	struct relplan_def def;
	struct strbuf errors;
	strbuf_init(&errors);
	enum cl_status st = relplan_def_load(app_reentry_def_path(&app->config), &def, &errors);
	if (st != CL_OK) {
		const char *nl = errors.buf ? strchr(errors.buf, '\n') : NULL;
		app_say(msg, msgsz, "The release plan sections cannot be read: %.*s",
			nl ? (int)(nl - errors.buf) : 0, errors.buf ? errors.buf : "");
		strbuf_clear(&errors);
		return CL_ERR_INVALID;
	}
	strbuf_clear(&errors);
	char at[32];
	app_timestamp(app, at);
	int64_t plan_id = 0;
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_relplan_create(app->store, p->id, p->srd, app->me.id, at, &plan_id);
	if (st == CL_OK)
		st = reentry_add_sections(app, plan_id, p->srd, &def, at);
	relplan_def_clear(&def);
	char object[48];
	snprintf(object, sizeof object, "release_plan=%lld", (long long)plan_id);
	return app_finish(app, st, "relplan.create", p->id, object,
			  "Someone else opened this plan at the same time: open it again", msg, msgsz);
}

/* ---- reading ---- */

static void reentry_add_block(struct reentry *r, const char *what)
{
	size_t used = strlen(r->blocks_text);
	snprintf(r->blocks_text + used, sizeof r->blocks_text - used, "%s%s", used ? ", " : "",
		 what);
	r->blocks++;
}

/* Counts, overdue tasks and what blocks release, from the rows read. */
static void reentry_summarize(struct reentry *r)
{
	r->counts = r->section_count ? xcalloc(r->section_count, sizeof *r->counts) : NULL;
	for (size_t i = 0; i < r->task_count; i++) {
		const struct relplan_task *t = &r->tasks[i];
		int s = app_reentry_section_index(r, t->section);
		if (s < 0 || t->dropped_reason[0] || r->sections[s].status == RELPLAN_NOT_APPLICABLE)
			continue;
		struct reentry_count *c = &r->counts[s];
		c->tasks++;
		c->done += t->done_on != DATE_NONE;
		bool late = reentry_task_open(t) && t->due_on != DATE_NONE && t->due_on < r->today;
		c->overdue += late;
		r->overdue += late;
		c->blocking_open += t->blocks_release && reentry_task_open(t);
	}
	for (size_t s = 0; s < r->section_count; s++) {
		const struct relplan_section *sec = &r->sections[s];
		/* a home to go to comes first: release is blocked until one is verified */
		if (!strcmp(sec->section, "housing") && sec->status != RELPLAN_VERIFIED)
			reentry_add_block(r, "no verified housing");
		else if (r->counts[s].blocking_open)
			reentry_add_block(r, sec->title);
	}
}

static enum cl_status reentry_read(struct app *app, const struct person *p, struct reentry *r)
{
	enum cl_status st = store_relplan_get(app->store, p->id, &r->plan);
	if (st == CL_OK)
		st = store_relplan_sections(app->store, r->plan.id, &r->sections, &r->section_count);
	if (st == CL_OK)
		st = store_relplan_tasks(app->store, r->plan.id, &r->tasks, &r->task_count);
	if (st == CL_OK)
		st = store_relplan_contacts(app->store, r->plan.id, &r->contacts, &r->contact_count);
	if (st != CL_OK)
		return st;
	r->person_id = p->id;
	snprintf(r->person_name, sizeof r->person_name, "%s%s%s", p->last_name,
		 p->first_name[0] ? ", " : "", p->first_name);
	snprintf(r->oid, sizeof r->oid, "%s", p->oid);
	r->today = app_today(app);
	r->srd = p->srd;
	r->days_to_release = p->srd == DATE_NONE ? 0 : (int)(p->srd - r->today);
	r->editable = app_can(app, PERM_PERSON_EDIT, p->id);
	reentry_summarize(r);
	return CL_OK;
}

enum cl_status app_reentry_open(struct app *app, int64_t person_id, struct reentry *r, char *msg,
				size_t msgsz)
{
	memset(r, 0, sizeof *r);
	enum cl_status st = app_permit(app, PERM_PERSON_READ, person_id, msg, msgsz);
	if (st != CL_OK)
		return st;
	struct person p;
	st = store_person_get(app->store, person_id, &p);
	if (st != CL_OK) {
		app_say(msg, msgsz, "There is no such person");
		return st;
	}
	struct relplan plan;
	st = store_relplan_get(app->store, person_id, &plan);
	if (st == CL_ERR_NOTFOUND) {
		if (!app_can(app, PERM_PERSON_EDIT, person_id)) {
			app_say(msg, msgsz, "No release plan yet: the person's caseworker starts it");
			return CL_ERR_NOTFOUND;
		}
		st = reentry_create(app, &p, msg, msgsz);
	}
	if (st == CL_OK)
		st = reentry_read(app, &p, r);
	char object[48];
	snprintf(object, sizeof object, "release_plan=%lld", (long long)r->plan.id);
	if (st == CL_OK)
		st = app_audit(app, "relplan.view", "ok", person_id, object);
	if (st != CL_OK) {
		app_reentry_clear(r);
		if (!msg[0])
			app_say(msg, msgsz, "The release plan cannot be read: %s", cl_status_text(st));
	}
	return st;
}

/* ---- changing ---- */

/* Permission, the time of the change, and a transaction with the plan's version moved on;
 * then the caller's write. CL_ERR_DENIED before anything was begun. */
static enum cl_status reentry_begin(struct app *app, const struct reentry *r, char at[32],
				    char *msg, size_t msgsz)
{
	enum cl_status st = app_permit(app, PERM_PERSON_EDIT, r->person_id, msg, msgsz);
	if (st != CL_OK)
		return st;
	app_timestamp(app, at);
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_relplan_bump(app->store, r->plan.id, r->plan.version);
	return st;
}

static enum cl_status reentry_finish(struct app *app, const struct reentry *r, enum cl_status st,
				     const char *event, const char *what, int64_t id, char *msg,
				     size_t msgsz)
{
	char object[80];
	snprintf(object, sizeof object, "release_plan=%lld %s=%lld", (long long)r->plan.id, what,
		 (long long)id);
	return app_finish(app, st, event, r->person_id, object,
			  "Someone else changed this plan meanwhile: it has been reloaded, try again",
			  msg, msgsz);
}

/* The first blocking task of the section that is not done, or NULL. */
static const struct relplan_task *reentry_first_blocker(const struct reentry *r,
							const char *section)
{
	for (size_t i = 0; i < r->task_count; i++) {
		const struct relplan_task *t = &r->tasks[i];
		if (!strcmp(t->section, section) && t->blocks_release && reentry_task_open(t))
			return t;
	}
	return NULL;
}

/* Whether every section is verified or not applicable once section s takes `status`. */
static bool reentry_settled_with(const struct reentry *r, size_t s, enum relplan_status status)
{
	for (size_t i = 0; i < r->section_count; i++) {
		enum relplan_status now = i == s ? status : r->sections[i].status;
		if (now != RELPLAN_VERIFIED && now != RELPLAN_NOT_APPLICABLE)
			return false;
	}
	return r->section_count > 0;
}

/* A settled plan goes to QA review when release plans are reviewed and it never was. */
static enum cl_status reentry_submit_settled(struct app *app, const struct reentry *r,
					     const char *at, struct review *out)
{
	struct review latest;
	if (app->config.release_plan_review != CONFIG_REVIEW_REQUIRED ||
	    store_review_of(app->store, REVIEW_RELEASE_PLAN, r->plan.id, &latest) != CL_ERR_NOTFOUND)
		return CL_OK;
	return app_review_submit_release_plan(app, r->plan.id, r->person_id, REVIEW_REQUIRED, at,
					      out);
}

enum cl_status app_reentry_set_status(struct app *app, const struct reentry *r,
				      const char *section, enum relplan_status status,
				      const char *reason, char *msg, size_t msgsz)
{
	int s = app_reentry_section_index(r, section);
	if (s < 0 || (unsigned)status >= RELPLAN_STATUS_COUNT) {
		app_say(msg, msgsz, "There is no such section or status");
		return CL_ERR_INVALID;
	}
	bool needs_reason = status == RELPLAN_NOT_APPLICABLE;
	if (needs_reason && (!reason || !*reason || strlen(reason) >= RELPLAN_TEXT_SIZE ||
			     !text_is_clean_line(reason))) {
		app_say(msg, msgsz, "Say why the section does not apply (1 to %d characters)",
			RELPLAN_TEXT_SIZE - 1);
		return CL_ERR_INVALID;
	}
	const struct relplan_task *blocker = reentry_first_blocker(r, section);
	if (status == RELPLAN_VERIFIED && blocker) {
		app_say(msg, msgsz, "%s cannot be verified: \"%s\" is not done yet",
			r->sections[s].title, blocker->label);
		return CL_ERR_INVALID;
	}
	char at[32];
	enum cl_status st = reentry_begin(app, r, at, msg, msgsz);
	if (st == CL_ERR_DENIED)
		return st;
	if (st == CL_OK)
		st = store_relplan_section_set(app->store, r->plan.id, section, status,
					       needs_reason ? reason : NULL, app->me.id, at);
	struct review review = {0};
	if (st == CL_OK && reentry_settled_with(r, (size_t)s, status))
		st = reentry_submit_settled(app, r, at, &review);
	st = reentry_finish(app, r, st, "relplan.status", "section", s, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "%s: %s%s%s", r->sections[s].title, relplan_status_label(status),
			review.id ? "; every section is settled: submitted for review to " : "",
			!review.id ? ""
			: review.assigned_name[0] ? review.assigned_name
						  : "the shared queue");
	return st;
}

static const struct relplan_task *reentry_task(const struct reentry *r, int64_t task_id)
{
	for (size_t i = 0; i < r->task_count; i++)
		if (r->tasks[i].id == task_id)
			return &r->tasks[i];
	return NULL;
}

enum cl_status app_reentry_tick(struct app *app, const struct reentry *r, int64_t task_id,
				bool done, char *msg, size_t msgsz)
{
	const struct relplan_task *t = reentry_task(r, task_id);
	if (!t || t->dropped_reason[0]) {
		app_say(msg, msgsz, t ? "A dropped task cannot be ticked" : "There is no such task");
		return CL_ERR_INVALID;
	}
	char at[32];
	enum cl_status st = reentry_begin(app, r, at, msg, msgsz);
	if (st == CL_ERR_DENIED)
		return st;
	if (st == CL_OK)
		st = store_relplan_task_done(app->store, r->plan.id, task_id,
					     done ? app_today(app) : DATE_NONE, app->me.id, at);
	st = reentry_finish(app, r, st, done ? "relplan.task_done" : "relplan.task_undone", "task",
			    task_id, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "%s: %s", done ? "Done" : "Not done", t->label);
	return st;
}

/* due: "" (none), "YYYY-MM-DD", or "srd - N" counted like the checklist's (no holidays
 * known here but weekends). */
static bool reentry_parse_due(const struct reentry *r, const char *due, date_t *out)
{
	*out = DATE_NONE;
	if (!due || !*due)
		return true;
	if (date_parse(due, out))
		return true;
	int days = 0;
	if (sscanf(due, " srd - %d", &days) == 1 && days >= 0 && days <= RELPLAN_MAX_DAYS &&
	    r->srd != DATE_NONE) {
		*out = relplan_due(r->srd, days, NULL, 0);
		return true;
	}
	return false;
}

static bool reentry_text_ok(const char *s, size_t size, bool required)
{
	return s && (!required || *s) && strlen(s) < size && text_is_clean_line(s);
}

enum cl_status app_reentry_task_add(struct app *app, const struct reentry *r, const char *section,
				    const char *label, const char *owner, const char *due,
				    char *msg, size_t msgsz)
{
	struct relplan_task t = {0};
	enum relplan_owner who;
	if (app_reentry_section_index(r, section) < 0 ||
	    !reentry_text_ok(label, sizeof t.label, true)) {
		app_say(msg, msgsz, "A task needs a label of 1 to %zu characters", sizeof t.label - 1);
		return CL_ERR_INVALID;
	}
	if (!owner || !relplan_owner_parse(owner, &who)) {
		app_say(msg, msgsz, "The owner is caseworker, person, program, agent or family");
		return CL_ERR_INVALID;
	}
	if (!reentry_parse_due(r, due, &t.due_on)) {
		app_say(msg, msgsz, "The due date is YYYY-MM-DD or \"srd - N\" (with a release date)");
		return CL_ERR_INVALID;
	}
	snprintf(t.section, sizeof t.section, "%s", section);
	snprintf(t.label, sizeof t.label, "%s", label);
	snprintf(t.owner, sizeof t.owner, "%s", relplan_owner_name(who));
	char at[32];
	enum cl_status st = reentry_begin(app, r, at, msg, msgsz);
	if (st == CL_ERR_DENIED)
		return st;
	int64_t id = 0;
	if (st == CL_OK)
		st = store_relplan_task_add(app->store, r->plan.id, &t, true, app->me.id, at, &id);
	st = reentry_finish(app, r, st, "relplan.task_add", "task", id, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Task added: %s", label);
	return st;
}

enum cl_status app_reentry_task_drop(struct app *app, const struct reentry *r, int64_t task_id,
				     const char *reason, char *msg, size_t msgsz)
{
	const struct relplan_task *t = reentry_task(r, task_id);
	if (!t || !reentry_text_ok(reason, RELPLAN_TEXT_SIZE, true)) {
		app_say(msg, msgsz, t ? "Say why the task is dropped" : "There is no such task");
		return CL_ERR_INVALID;
	}
	char at[32];
	enum cl_status st = reentry_begin(app, r, at, msg, msgsz);
	if (st == CL_ERR_DENIED)
		return st;
	if (st == CL_OK)
		st = store_relplan_task_drop(app->store, r->plan.id, task_id, reason, app->me.id, at);
	st = reentry_finish(app, r, st, "relplan.task_drop", "task", task_id, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Dropped: %s", t->label);
	return st;
}

enum cl_status app_reentry_contact_add(struct app *app, const struct reentry *r,
				       const char *section, const char *name, const char *role,
				       const char *phone, const char *note, char *msg,
				       size_t msgsz)
{
	struct relplan_contact c = {0};
	if (app_reentry_section_index(r, section) < 0 ||
	    !reentry_text_ok(name, sizeof c.name, true) ||
	    !reentry_text_ok(role ? role : "", sizeof c.role, false) ||
	    !reentry_text_ok(phone ? phone : "", sizeof c.phone, false) ||
	    !reentry_text_ok(note ? note : "", sizeof c.note, false)) {
		app_say(msg, msgsz, "A contact needs a name; role, phone and note are one line each");
		return CL_ERR_INVALID;
	}
	snprintf(c.section, sizeof c.section, "%s", section);
	snprintf(c.name, sizeof c.name, "%s", name);
	snprintf(c.role, sizeof c.role, "%s", role ? role : "");
	snprintf(c.phone, sizeof c.phone, "%s", phone ? phone : "");
	snprintf(c.note, sizeof c.note, "%s", note ? note : "");
	char at[32];
	enum cl_status st = reentry_begin(app, r, at, msg, msgsz);
	if (st == CL_ERR_DENIED)
		return st;
	if (st == CL_OK)
		st = store_relplan_contact_add(app->store, r->plan.id, &c, app->me.id, at);
	st = reentry_finish(app, r, st, "relplan.contact_add", "section",
			    app_reentry_section_index(r, section), msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Contact added: %s", name);
	return st;
}
