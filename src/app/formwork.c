/* Form use cases. The engine (formeval) decides what an answer means; the store keeps the
 * text; this file joins them under the permission table and the audit trail, one
 * transaction per thing a user does. */
#include "caseload/formwork.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "caseload/casenotes.h"
#include "caseload/permit.h"
#include "caseload/person_detail.h"
#include "caseload/record.h"
#include "caseload/review.h"

/* ---- the catalog ---- */

static bool form_dir_exists(const char *dir)
{
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

void app_forms_dirs(const struct config *config, const char *dirs[2])
{
	/* An uninstalled build reads the forms of its source tree, so that the program runs
	 * from where it was built exactly as it will once installed. */
	dirs[0] = CASELOAD_FORMS_DIR;
#ifdef CASELOAD_SOURCE_FORMS_DIR
	if (!form_dir_exists(dirs[0]))
		dirs[0] = CASELOAD_SOURCE_FORMS_DIR;
#endif
	dirs[1] = config->forms_dir;
}

const struct formcatalog *app_forms(struct app *app, struct strbuf *report)
{
	if (app->forms)
		return app->forms;
	app->forms = xcalloc(1, sizeof *app->forms);
	formcatalog_init(app->forms);
	const char *dirs[2];
	app_forms_dirs(&app->config, dirs);
	formcatalog_load_dirs(app->forms, dirs, 2);
	if (report && app->forms->files_broken)
		formdef_diags_format(&app->forms->diags, report);
	return app->forms;
}

static enum role form_my_role(const struct app *app)
{
	return permit_role_parse(app->me.role);
}

static bool form_role_listed(char *const *roles, size_t count, const char *role)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(roles[i], role))
			return true;
	return false;
}

static bool form_may_complete(const struct app *app, const struct formdef *def)
{
	return form_role_listed(def->complete_roles, def->complete_role_count, app->me.role);
}

static int form_cmp_title(const void *a, const void *b)
{
	const struct formdef *x = *(const struct formdef *const *)a;
	const struct formdef *y = *(const struct formdef *const *)b;
	return strcmp(x->title, y->title);
}

size_t app_forms_startable(struct app *app, const struct formdef **out, size_t cap)
{
	const struct formcatalog *cat = app_forms(app, NULL);
	size_t n = 0;
	for (size_t i = 0; i < cat->count && n < cap; i++) {
		const struct formdef *def = cat->defs[i];
		if (formcatalog_current(cat, def->id) == def && form_may_complete(app, def))
			out[n++] = def;
	}
	qsort(out, n, sizeof *out, form_cmp_title);
	return n;
}

/* ---- opening ---- */

const char *app_form_state_name(enum form_state state)
{
	switch (state) {
	case FORM_DRAFT:
		return "draft";
	case FORM_FINAL:
		return "final";
	case FORM_PENDING_REVIEW:
		return "pending review";
	case FORM_APPROVED:
		return "approved";
	case FORM_RETURNED:
		return "returned";
	}
	return "?";
}

void app_form_free(struct app_form **form)
{
	if (!*form)
		return;
	formeval_free(&(*form)->ev);
	formdef_free(&(*form)->def);
	free((*form)->frozen);
	free(*form);
	*form = NULL;
}

/* The person's values that case.<name> reads. */
static void form_case_values(const struct app *app, const struct person *p,
			     struct formeval_case *c)
{
	memset(c, 0, sizeof *c);
	c->today = app_today(app);
	for (size_t slot = 0; slot < formdef_case_count() && slot < 16; slot++) {
		struct fval *v = &c->values[slot];
		const char *name = formdef_case_name((int)slot);
		if (!strcmp(name, "sex"))
			fval_set_string(v, (char[2]){model_sex_code(p->sex), '\0'});
		else if (!strcmp(name, "age") && p->dob != DATE_NONE)
			fval_set_number(v, date_age_years(p->dob, c->today));
		else if (!strcmp(name, "dob") && p->dob != DATE_NONE)
			fval_set_date(v, p->dob);
		else if (!strcmp(name, "admission_date") && p->admission != DATE_NONE)
			fval_set_date(v, p->admission);
		else if (!strcmp(name, "srd") && p->srd != DATE_NONE)
			fval_set_date(v, p->srd);
		else if (!strcmp(name, "sentence_expiration") && p->expiration != DATE_NONE)
			fval_set_date(v, p->expiration);
		else if (!strcmp(name, "custody"))
			fval_set_string(v, model_custody_label(p->custody));
		else if (!strcmp(name, "risk_level"))
			fval_set_string(v, model_risk_label(p->risk));
		else if (!strcmp(name, "language"))
			fval_set_string(v, p->language);
		else if (!strcmp(name, "interpreter"))
			fval_set_bool(v, p->interpreter);
		else if (!strcmp(name, "housing_unit"))
			fval_set_string(v, p->unit);
	}
}

static void form_case_clear(struct formeval_case *c)
{
	for (size_t i = 0; i < 16; i++)
		fval_clear(&c->values[i]);
}

/* The definition a response was made with, parsed from the database's copy. */
static enum cl_status form_load_definition(struct app *app, int64_t definition_id,
					   struct formdef **out, char *msg, size_t msgsz)
{
	struct form_definition row;
	char *source = NULL;
	enum cl_status st = store_form_definition_get(app->store, definition_id, &row, &source);
	if (st != CL_OK) {
		app_say(msg, msgsz, "The form's definition cannot be read: %s", cl_status_text(st));
		return st;
	}
	struct formdef_diags diags;
	formdef_diags_init(&diags);
	*out = formdef_load_string(row.source_path[0] ? row.source_path : row.form_id, source,
				   strlen(source), &diags);
	free(source);
	if (!*out) {
		/* it loaded when it was registered: only a newer program's rules could refuse it */
		app_say(msg, msgsz, "The stored definition of %s v%d no longer loads (%s)",
			 row.form_id, row.version,
			 diags.count ? diags.items[0].message : "unknown error");
		formdef_diags_clear(&diags);
		return CL_ERR_INVALID;
	}
	formdef_diags_clear(&diags);
	return CL_OK;
}

static struct formdef_field *form_field_by_id(const struct formdef *def, const char *id)
{
	int slot = formdef_field_slot(def, id);
	return slot >= 0 ? &def->fields[slot] : NULL;
}

/* Fills the engine with the stored answers: repeat rows first, then the values. */
static void form_apply_answers(struct app_form *f, const struct form_answer *answers,
			       size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct formdef_field *fd = form_field_by_id(f->def, answers[i].field);
		if (!fd || fd->parent < 0 || f->def->fields[fd->parent].type != FORMDEF_REPEAT)
			continue;
		while (formeval_rows(f->ev, fd->parent) <= (size_t)answers[i].row &&
		       formeval_row_add(f->ev, fd->parent) == CL_OK)
			;
	}
	for (size_t i = 0; i < count; i++) {
		const struct formdef_field *fd = form_field_by_id(f->def, answers[i].field);
		if (fd)
			formeval_set(f->ev, fd->slot, (size_t)answers[i].row, answers[i].value);
	}
}

static void form_apply_frozen(struct app_form *f, const struct form_score *scores, size_t count)
{
	f->frozen = xcalloc(f->def->score_count ? f->def->score_count : 1, sizeof *f->frozen);
	f->frozen_count = f->def->score_count;
	for (size_t i = 0; i < count; i++) {
		int index = formdef_score_index(f->def, scores[i].score);
		if (index >= 0)
			f->frozen[index] = scores[i];
	}
}

enum cl_status app_form_load(struct app *app, int64_t response_id, struct app_form **out,
			     char *msg, size_t msgsz)
{
	*out = NULL;
	struct note_reader reader;
	app_note_reader(app, &reader);
	struct app_form *f = xcalloc(1, sizeof *f);
	enum cl_status st = store_form_response_get(app->store, &reader, response_id, &f->resp);
	if (st == CL_OK)
		st = form_load_definition(app, f->resp.definition_id, &f->def, msg, msgsz);
	struct person p;
	if (st == CL_OK)
		st = store_person_get(app->store, f->resp.person_id, &p);
	struct form_answer *answers = NULL;
	size_t answer_count = 0;
	if (st == CL_OK)
		st = store_form_answers(app->store, &reader, response_id, &answers, &answer_count,
					&f->withheld);
	if (st == CL_OK) {
		struct formeval_case c;
		form_case_values(app, &p, &c);
		f->ev = formeval_new(f->def, &c);
		form_case_clear(&c);
		form_apply_answers(f, answers, answer_count);
		f->editable = f->resp.state == FORM_DRAFT && f->resp.author_id == app->me.id &&
			      !f->withheld;
	}
	form_answers_free(&answers, answer_count);
	if (st == CL_OK && f->resp.state != FORM_DRAFT) {
		struct form_score *scores = NULL;
		size_t score_count = 0;
		st = store_form_scores(app->store, &reader, response_id, &scores, &score_count);
		if (st == CL_OK)
			form_apply_frozen(f, scores, score_count);
		free(scores);
	}
	if (st != CL_OK) {
		if (!msg[0])
			app_say(msg, msgsz, "The form cannot be opened: %s", cl_status_text(st));
		app_form_free(&f);
		return st;
	}
	*out = f;
	return CL_OK;
}

static void form_object(int64_t response_id, char *buf, size_t size)
{
	snprintf(buf, size, "form=%lld", (long long)response_id);
}

/* Commits with the audit row, or rolls back and says why. */
static enum cl_status form_finish(struct app *app, enum cl_status st, const char *event,
				  int64_t person_id, int64_t response_id, char *msg, size_t msgsz)
{
	char object[48];
	form_object(response_id, object, sizeof object);
	return app_finish(app, st, event, person_id, object,
			  "this form was changed in another terminal; close it and open it again "
			  "to see that version",
			  msg, msgsz);
}

static enum form_def_status form_def_status(enum formdef_status s)
{
	return s == FORMDEF_STATUS_DRAFT    ? FORM_DEF_DRAFT
	       : s == FORMDEF_STATUS_RETIRED ? FORM_DEF_RETIRED
					     : FORM_DEF_ACTIVE;
}

/* The definition's row in the database, registered on first use. */
static enum cl_status form_register(struct app *app, const struct formdef *def, int64_t *id,
				    char *msg, size_t msgsz)
{
	struct form_registration reg = {
		.form_id = def->id,
		.version = def->version,
		.hash = def->hash,
		.title = def->title,
		.status = form_def_status(def->status),
		.source = def->source_text,
		.source_path = def->source_path ? def->source_path : "",
	};
	char at[32], stored[FORM_HASH_SIZE] = "";
	app_timestamp(app, at);
	enum cl_status st = store_form_register(app->store, &reg, at, id, NULL, stored);
	if (st == CL_ERR_EXISTS)
		app_say(msg, msgsz, "%s changed without a new version: version %d of \"%s\" is "
				     "already in use with other text. Ask the administrator to give the "
				     "file a higher version",
			 def->source_path ? def->source_path : def->id, def->version, def->id);
	return st;
}

/* When the form is due, from its `due:` expression over the person's record. */
static date_t form_due(struct app *app, const struct formdef *def, int64_t person_id)
{
	struct person p;
	if (!def->due.expr || store_person_get(app->store, person_id, &p) != CL_OK)
		return DATE_NONE;
	struct formeval_case c;
	form_case_values(app, &p, &c);
	struct formeval *ev = formeval_new(def, &c);
	form_case_clear(&c);
	struct fval v = {0};
	formeval_eval(ev, def->due.expr, &v);
	date_t due = v.kind == FVAL_DATE ? v.u.date : DATE_NONE;
	fval_clear(&v);
	formeval_free(&ev);
	return due;
}

static enum cl_status form_store_answer(struct app *app, struct app_form *f, int slot,
					size_t row, const char *at);

struct form_answer_sink {
	struct app *app;
	struct app_form *form;
	const char *at;
	enum cl_status st;
};

static void form_answer_emit(void *ctx, int slot, size_t row, const char *text)
{
	struct form_answer_sink *sink = ctx;
	(void)text;
	if (sink->st == CL_OK)
		sink->st = form_store_answer(sink->app, sink->form, slot, row, sink->at);
}

/* Writes every answer the engine holds, defaults included, inside the caller's
 * transaction: what the screen shows is what is stored. */
static enum cl_status form_store_all(struct app *app, struct app_form *f, const char *at)
{
	struct form_answer_sink sink = {app, f, at, CL_OK};
	formeval_each_answer(f->ev, form_answer_emit, &sink);
	return sink.st;
}

/* A new response's defaults (today's date...) are answers like any other: stored at once,
 * so that the draft reads the same tomorrow. */
static enum cl_status form_store_defaults(struct app *app, struct app_form *f, char *msg,
					  size_t msgsz)
{
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = form_store_all(app, f, at);
	return form_finish(app, st, "form.save", f->resp.person_id, f->resp.id, msg, msgsz);
}

enum cl_status app_form_start(struct app *app, int64_t person_id, const char *form_id,
			      struct app_form **out, char *msg, size_t msgsz)
{
	*out = NULL;
	msg[0] = '\0';
	if (app_permit(app, PERM_NOTE_DRAFT, person_id, msg, msgsz) != CL_OK ||
	    app_permit(app, PERM_PERSON_READ, person_id, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	const struct formdef *def = formcatalog_current(app_forms(app, NULL), form_id);
	if (!def) {
		app_say(msg, msgsz, "There is no active form \"%s\"", form_id);
		return CL_ERR_NOTFOUND;
	}
	if (!form_may_complete(app, def)) {
		app_say(msg, msgsz, "The %s form is completed by other roles than yours",
			 def->title);
		app_audit(app, "form.create", "denied", person_id, "");
		return CL_ERR_DENIED;
	}
	struct form_response r = {.person_id = person_id, .author_id = app->me.id,
				  .due_on = form_due(app, def, person_id)};
	str_copy(r.author_name, sizeof r.author_name, app->me.display_name);
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = form_register(app, def, &r.definition_id, msg, msgsz);
	if (st == CL_OK)
		st = store_form_response_insert(app->store, &r, at);
	st = form_finish(app, st, "form.create", person_id, r.id, msg, msgsz);
	if (st != CL_OK)
		return st;
	st = app_form_load(app, r.id, out, msg, msgsz);
	if (st == CL_OK)
		st = form_store_defaults(app, *out, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "%s started: every answer is saved as you go", def->title);
	else
		app_form_free(out);
	return st;
}

enum cl_status app_form_open(struct app *app, int64_t response_id, struct app_form **out,
			     char *msg, size_t msgsz)
{
	*out = NULL;
	msg[0] = '\0';
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = app_form_load(app, response_id, out, msg, msgsz);
	if (st == CL_OK &&
	    app_permit(app, PERM_PERSON_READ, (*out)->resp.person_id, msg, msgsz) != CL_OK) {
		app_form_free(out);
		store_rollback(app->store);
		return CL_ERR_DENIED;
	}
	int64_t person = *out ? (*out)->resp.person_id : 0;
	st = form_finish(app, st, "form.view", person, response_id, msg, msgsz);
	if (st != CL_OK)
		app_form_free(out);
	return st;
}

/* ---- answering ---- */

static enum note_sensitivity form_sensitivity(const struct formdef_field *fd)
{
	switch (fd->sensitivity) {
	case FORMDEF_SENS_HEALTH:
		return NOTE_HEALTH;
	case FORMDEF_SENS_PART2:
		return NOTE_PART2;
	case FORMDEF_SENS_PREA:
		return NOTE_PREA;
	case FORMDEF_SENS_VICTIM:
		return NOTE_VICTIM;
	default:
		return NOTE_OPEN;
	}
}

static enum cl_status form_require_editable(const struct app *app, const struct app_form *f,
					    char *msg, size_t msgsz)
{
	if (f->editable && f->resp.author_id == app->me.id)
		return CL_OK;
	app_say(msg, msgsz, f->resp.state == FORM_DRAFT
				     ? "Only the author fills in a draft"
				     : "A finalized form never changes: amend it (a)");
	return CL_ERR_DENIED;
}

/* Writes the engine's answer of (slot, row) to the store; inside a transaction. */
static enum cl_status form_store_answer(struct app *app, struct app_form *f, int slot,
					size_t row, const char *at)
{
	const struct formdef_field *fd = &f->def->fields[slot];
	return store_form_answer_save(app->store, f->resp.id, &f->resp.revision, fd->id, (int)row,
				      formeval_text(f->ev, slot, row), form_sensitivity(fd), at);
}

enum cl_status app_form_set(struct app *app, struct app_form *f, int slot, size_t row,
			    const char *text, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (form_require_editable(app, f, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (slot < 0 || (size_t)slot >= f->def->field_count) {
		app_say(msg, msgsz, "No such field");
		return CL_ERR_INVALID;
	}
	if (strlen(text ? text : "") > FORM_ANSWER_MAX_BYTES) {
		app_say(msg, msgsz, "An answer holds at most %d KB", FORM_ANSWER_MAX_BYTES / 1024);
		return CL_ERR_INVALID;
	}
	char *before = xstrdup(formeval_text(f->ev, slot, row));
	enum cl_status st = formeval_set(f->ev, slot, row, text);
	if (st != CL_OK) {
		free(before);
		app_say(msg, msgsz, "%s takes no answer", f->def->fields[slot].label);
		return st;
	}
	char at[32];
	app_timestamp(app, at);
	int64_t revision = f->resp.revision;
	st = store_begin(app->store);
	if (st == CL_OK)
		st = form_store_answer(app, f, slot, row, at);
	st = form_finish(app, st, "form.save", f->resp.person_id, f->resp.id, msg, msgsz);
	if (st != CL_OK) {
		formeval_set(f->ev, slot, row, before); /* the screen shows what is stored */
		f->resp.revision = revision;
	}
	free(before);
	return st;
}

/* Saves every answer of the repeat's sub-fields for rows from..end (after rows moved). */
static enum cl_status form_store_rows(struct app *app, struct app_form *f, int repeat,
				      size_t from, size_t old_rows, const char *at)
{
	enum cl_status st = CL_OK;
	size_t rows = formeval_rows(f->ev, repeat);
	for (size_t s = 0; st == CL_OK && s < f->def->field_count; s++) {
		if (f->def->fields[s].parent != repeat)
			continue;
		for (size_t r = from; st == CL_OK && r < old_rows; r++) {
			if (r < rows)
				st = form_store_answer(app, f, (int)s, r, at);
			else /* the last row is gone */
				st = store_form_answer_save(app->store, f->resp.id, &f->resp.revision,
							    f->def->fields[s].id, (int)r, NULL,
							    NOTE_OPEN, at);
		}
	}
	return st;
}

enum cl_status app_form_row_add(struct app *app, struct app_form *f, int repeat_slot, char *msg,
				size_t msgsz)
{
	msg[0] = '\0';
	if (form_require_editable(app, f, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (formeval_row_add(f->ev, repeat_slot) != CL_OK) {
		app_say(msg, msgsz, "No more rows can be added here");
		return CL_ERR_INVALID;
	}
	/* an empty row stores nothing: it exists once something is typed in it */
	return CL_OK;
}

enum cl_status app_form_row_remove(struct app *app, struct app_form *f, int repeat_slot,
				   size_t row, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (form_require_editable(app, f, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	size_t old_rows = formeval_rows(f->ev, repeat_slot);
	if (formeval_row_remove(f->ev, repeat_slot, row) != CL_OK) {
		app_say(msg, msgsz, "There is no such row");
		return CL_ERR_INVALID;
	}
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	if (st == CL_OK)
		st = form_store_rows(app, f, repeat_slot, row, old_rows, at);
	st = form_finish(app, st, "form.save", f->resp.person_id, f->resp.id, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Row %zu removed", row + 1);
	return st;
}

enum cl_status app_form_override(struct app *app, struct app_form *f, size_t score,
				 const char *level, const char *reason, char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (form_require_editable(app, f, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (score >= f->def->score_count) {
		app_say(msg, msgsz, "No such score");
		return CL_ERR_INVALID;
	}
	const struct formdef_score *sd = &f->def->scores[score];
	if (!sd->override_allowed) {
		app_say(msg, msgsz, "%s cannot be overridden", sd->label ? sd->label : sd->id);
		return CL_ERR_INVALID;
	}
	if (formeval_override(f->ev, score, level, reason) != CL_OK) {
		app_say(msg, msgsz, "An override is one of the score's levels%s",
			 sd->override_reason_required ? ", with a reason" : "");
		return CL_ERR_INVALID;
	}
	app_say(msg, msgsz, level && *level ? "Level overridden: %s must approve it"
					     : "Override removed%s",
		 level && *level && sd->override_role_count ? sd->override_roles[0] : "");
	return CL_OK;
}

/* ---- finalizing ---- */

void app_form_summary(const struct app_form *f, struct strbuf *out)
{
	for (size_t i = 0; i < f->def->score_count; i++) {
		const struct formdef_score *sd = &f->def->scores[i];
		const struct formeval_score *sc = formeval_score(f->ev, i);
		if (out->len)
			strbuf_puts(out, " \u00b7 ");
		strbuf_printf(out, "%s ", sd->label ? sd->label : sd->id);
		if (sc->final_level[0])
			strbuf_puts(out, sc->final_level);
		else if (sc->has_value) {
			struct fval v = {0};
			fval_set_number(&v, sc->value);
			fval_format(&v, out);
			fval_clear(&v);
		} else {
			strbuf_puts(out, "not scored");
		}
	}
}

static void form_scores_for_store(const struct app *app, const struct app_form *f,
				  struct form_score *out)
{
	for (size_t i = 0; i < f->def->score_count; i++) {
		const struct formeval_score *sc = formeval_score(f->ev, i);
		struct form_score *s = &out[i];
		memset(s, 0, sizeof *s);
		str_copy(s->score, sizeof s->score, f->def->scores[i].id);
		s->has_value = sc->has_value;
		s->value = sc->has_value ? sc->value : 0;
		s->missing = (int)sc->missing;
		str_copy(s->level, sizeof s->level, sc->level);
		s->band_set = sc->band_set;
		str_copy(s->override_level, sizeof s->override_level, sc->override_level);
		str_copy(s->override_reason, sizeof s->override_reason, sc->override_reason);
		s->override_by = sc->override_level[0] ? app->me.id : 0;
		str_copy(s->final_level, sizeof s->final_level, sc->final_level);
	}
}

enum cl_status app_form_write_outputs(struct app *app, struct app_form *f,
				      enum formdef_output_when when, const char *at)
{
	for (size_t i = 0; i < f->def->output_count; i++) {
		const struct formdef_output *o = &f->def->outputs[i];
		if (o->on != when || !o->from.expr)
			continue;
		struct fval v = {0};
		formeval_eval(f->ev, o->from.expr, &v);
		struct strbuf text;
		strbuf_init(&text);
		fval_format(&v, &text);
		fval_clear(&v);
		bool changed = false;
		enum cl_status st = CL_OK;
		if (text.len) /* nothing to write when the level could not be computed */
			st = app_record_set_level(app, f->resp.person_id, o->to, text.buf, at,
						  &changed);
		strbuf_clear(&text);
		if (st == CL_ERR_INVALID)
			continue; /* not a level the record knows: the form's value stays in it */
		if (st != CL_OK)
			return st;
	}
	return CL_OK;
}

static bool form_needs_review(const struct app *app, const struct app_form *f)
{
	return f->def->review == FORMDEF_REVIEW_REQUIRED || form_my_role(app) == ROLE_INTERN;
}

enum cl_status app_form_finalize(struct app *app, struct app_form *f, bool confirm_warnings,
				 char *msg, size_t msgsz)
{
	msg[0] = '\0';
	if (form_require_editable(app, f, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (app_permit(app, form_my_role(app) == ROLE_INTERN ? PERM_NOTE_DRAFT : PERM_NOTE_FINALIZE,
		       f->resp.person_id, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	size_t errors = formeval_error_count(f->ev), issues = 0;
	formeval_issues(f->ev, &issues);
	if (errors) {
		app_say(msg, msgsz, "%zu problem%s must be fixed before finalizing (F6 lists them)",
			 errors, errors == 1 ? "" : "s");
		return CL_ERR_INVALID;
	}
	if (issues > errors && !confirm_warnings) {
		app_say(msg, msgsz, "%zu warning%s: press F5 again to finalize anyway",
			 issues - errors, issues - errors == 1 ? "" : "s");
		return CL_ERR_INVALID;
	}
	struct form_score *scores = xcalloc(f->def->score_count ? f->def->score_count : 1,
					    sizeof *scores);
	form_scores_for_store(app, f, scores);
	struct strbuf summary;
	strbuf_init(&summary);
	app_form_summary(f, &summary);
	bool review = form_needs_review(app, f);
	char at[32];
	app_timestamp(app, at);
	enum cl_status st = store_begin(app->store);
	/* a default that came back when its answer was cleared is frozen as shown */
	if (st == CL_OK)
		st = form_store_all(app, f, at);
	if (st == CL_OK)
		st = store_form_scores_save(app->store, f->resp.id, &f->resp.revision, scores,
					    f->def->score_count, at);
	if (st == CL_OK)
		st = store_form_response_move(app->store, f->resp.id, &f->resp.revision,
					      review ? FORM_PENDING_REVIEW : FORM_FINAL, app->me.id,
					      summary.buf, at);
	if (st == CL_OK && !review)
		st = app_form_write_outputs(app, f, FORMDEF_ON_FINALIZE, at);
	if (st == CL_OK && review)
		st = app_review_submit_form(app, f, at);
	st = form_finish(app, st, review ? "form.submit" : "form.finalize", f->resp.person_id,
			 f->resp.id, msg, msgsz);
	free(scores);
	strbuf_clear(&summary);
	if (st != CL_OK)
		return st;
	f->editable = false;
	f->resp.state = review ? FORM_PENDING_REVIEW : FORM_FINAL;
	app_say(msg, msgsz, review ? "Submitted for review: it is read-only now"
				    : "Finalized: it is read-only now; a correction is an amendment");
	return CL_OK;
}

enum cl_status app_form_amend(struct app *app, int64_t response_id, struct app_form **out,
			      char *msg, size_t msgsz)
{
	*out = NULL;
	msg[0] = '\0';
	struct note_reader reader;
	app_note_reader(app, &reader);
	struct form_response original;
	enum cl_status st = store_form_response_get(app->store, &reader, response_id, &original);
	if (st != CL_OK) {
		app_say(msg, msgsz, "There is no such form");
		return st;
	}
	if (app_permit(app, PERM_NOTE_DRAFT, original.person_id, msg, msgsz) != CL_OK)
		return CL_ERR_DENIED;
	if (original.state == FORM_DRAFT || original.state == FORM_RETURNED) {
		app_say(msg, msgsz, "Only a finalized form is amended; a draft is edited");
		return CL_ERR_INVALID;
	}
	struct form_response r = {.author_id = app->me.id, .due_on = DATE_NONE};
	str_copy(r.author_name, sizeof r.author_name, app->me.display_name);
	char at[32];
	app_timestamp(app, at);
	bool withheld = false;
	st = store_begin(app->store);
	if (st == CL_OK)
		st = store_form_response_amend(app->store, &reader, response_id, &r, at, &withheld);
	if (st == CL_OK && withheld) {
		app_say(msg, msgsz, "Some answers are confidential to you: someone with the grant "
				     "must amend this form");
		st = CL_ERR_DENIED;
	}
	st = form_finish(app, st, "form.amend", original.person_id, r.id, msg, msgsz);
	if (st != CL_OK)
		return st;
	st = app_form_load(app, r.id, out, msg, msgsz);
	if (st == CL_OK)
		app_say(msg, msgsz, "Amending: correct the answers and finalize (F5)");
	return st;
}

enum cl_status app_form_list(struct app *app, int64_t person_id, int64_t before_id,
			     struct form_response *out, size_t cap, size_t *count)
{
	*count = 0;
	char msg[APP_FORM_MESSAGE_SIZE];
	if (app_permit(app, PERM_PERSON_READ, person_id, msg, sizeof msg) != CL_OK)
		return CL_ERR_DENIED;
	struct note_reader reader;
	app_note_reader(app, &reader);
	return store_form_responses_of_person(app->store, &reader, person_id, before_id, out, cap,
					      count);
}

enum cl_status app_form_drafts(struct app *app, struct form_response *out, size_t cap,
			       size_t *count)
{
	*count = 0;
	if (!app->me.id)
		return CL_ERR_DENIED;
	return store_form_drafts_of_author(app->store, app->me.id, 0, out, cap, count);
}
