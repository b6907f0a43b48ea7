/* A person's record: a tab bar of sections over one loaded record. Later features add
 * tabs to person_tabs[]. Edits go through dialogs whose callbacks call the app's use
 * cases; nothing here knows how the record is stored. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/casenotes.h"
#include "caseload/formwork.h"
#include "caseload/keydates.h"
#include "caseload/permit.h"
#include "caseload/record.h"
#include "dialog.h"
#include "draw.h"
#include "format.h"
#include "view.h"

struct pv_line {
	char label[48];
	char value[720];
	enum ui_element element;
	int column;   /* 0 left, 1 right (used side by side on wide screens) */
	bool heading;
	int64_t item; /* the alert id on the alerts tab, a note or form on the timeline */
	bool form;    /* item is a form response */
};

struct person_view;

#define PV_TIMELINE_PAGES 256 /* 256 pages of 300: 76,800 entries back */

struct pv_tab {
	const char *title;
	void (*build)(struct person_view *pv, struct ui *ui);
	bool selectable; /* rows can be selected (the alerts tab, to end one) */
};

enum pv_dialog { PV_DIALOG_NONE, PV_DIALOG_IDENTITY, PV_DIALOG_DATES };

struct person_view {
	struct ui_view base;
	int64_t id;
	struct person_record rec;
	int tab;
	struct pv_line *lines;
	int count, capacity;
	int top, cursor;
	/* the fields of the open autosave dialog, in dialog order */
	enum person_field dialog_fields[PF_COUNT];
	int dialog_field_count;
	int64_t alert_to_end;
	bool can_edit; /* the signed-in staff member may change this record */
	char tl_type[NOTE_TYPE_SIZE], tl_since[DATE_TEXT_SIZE], tl_until[DATE_TEXT_SIZE];
	/* Timeline pages, newest first: the keyset anchor each page starts after (page 0 has
	 * none) and the page shown. */
	struct {
		char at[32];
		int64_t id;
		enum timeline_kind kind;
	} tl_anchor[PV_TIMELINE_PAGES];
	int tl_page;
	bool tl_more; /* a page of older entries follows the one shown */
	struct ui_dialog_ops tl_ops;
};

static struct person_view *pv_of(struct ui_view *view)
{
	return (struct person_view *)view;
}

static struct pv_line *pv_add(struct person_view *pv, int column, const char *label,
			      enum ui_element element, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static struct pv_line *pv_add(struct person_view *pv, int column, const char *label,
			      enum ui_element element, const char *fmt, ...)
{
	if (pv->count == pv->capacity) {
		pv->capacity = pv->capacity ? pv->capacity * 2 : 64;
		pv->lines = xrealloc(pv->lines, (size_t)pv->capacity * sizeof *pv->lines);
	}
	struct pv_line *l = &pv->lines[pv->count++];
	memset(l, 0, sizeof *l);
	snprintf(l->label, sizeof l->label, "%s", label);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->value, sizeof l->value, fmt, ap);
	va_end(ap);
	l->element = element;
	l->column = column;
	return l;
}

static void pv_heading(struct person_view *pv, int column, const char *title)
{
	struct pv_line *l = pv_add(pv, column, "", UI_HEADER, "%s", title);
	l->heading = true;
}

static const char *pv_date(date_t d, char buf[DATE_TEXT_SIZE], const char *none)
{
	return d == DATE_NONE ? none : date_format(d, buf);
}

/* "2027-03-01 (in 98 days)" */
static void pv_add_date(struct person_view *pv, int column, const char *label, date_t d,
			date_t today, const char *none, bool color)
{
	char date[DATE_TEXT_SIZE], rel[48];
	if (d == DATE_NONE) {
		pv_add(pv, column, label, UI_DIM, "%s", none);
		return;
	}
	int days = keydates_days_until(d, today);
	ui_format_relative(days, rel, sizeof rel);
	pv_add(pv, column, label, color && days >= 0 ? ui_days_element(days) : UI_NORMAL, "%s (%s)",
	       date_format(d, date), rel);
}

static void pv_build_identity(struct person_view *pv, struct ui *ui)
{
	const struct person *p = &pv->rec.person;
	date_t today = app_today(ui->app);
	char date[DATE_TEXT_SIZE];
	pv_heading(pv, 0, "Identity");
	pv_add(pv, 0, "Name", UI_NORMAL, "%s, %s %s", p->last_name, p->first_name, p->middle_name);
	pv_add(pv, 0, "OID", UI_NORMAL, "%s", p->oid);
	if (pv->rec.alias_count == 0) {
		pv_add(pv, 0, "Aliases", UI_DIM, "none recorded");
	} else {
		for (size_t i = 0; i < pv->rec.alias_count; i++)
			pv_add(pv, 0, i ? "" : "Aliases", UI_NORMAL, "%s", pv->rec.aliases[i]);
	}
	pv_add(pv, 0, "Date of birth", UI_NORMAL, "%s (age %d)", pv_date(p->dob, date, "unknown"),
	       date_age_years(p->dob, today));
	pv_add(pv, 0, "Sex", UI_NORMAL, "%s", model_sex_label(p->sex));
	pv_add(pv, 0, "Language", p->interpreter ? UI_SOON : UI_NORMAL, "%s%s", p->language,
	       p->interpreter ? " \u00b7 interpreter needed" : "");
	pv_heading(pv, 0, "Housing and custody");
	pv_add(pv, 0, "Unit / cell", UI_NORMAL, "%s %s", p->unit, p->cell);
	pv_add(pv, 0, "Custody level", UI_NORMAL, "%s", model_custody_label(p->custody));
	pv_add(pv, 0, "Risk level", ui_risk_element(p->risk), "%s", model_risk_label(p->risk));
	pv_add(pv, 0, "Caseworker", p->caseworker_id ? UI_NORMAL : UI_DIM, "%s",
	       p->caseworker_id ? p->caseworker_name : "unassigned");
}

static void pv_build_dates(struct person_view *pv, struct ui *ui)
{
	const struct person *p = &pv->rec.person;
	date_t today = app_today(ui->app);
	struct keydates k;
	keydates_compute(p, today, &k);
	char date[DATE_TEXT_SIZE];
	pv_heading(pv, 1, "Sentence and key dates");
	pv_add(pv, 1, "Admission", UI_NORMAL, "%s", pv_date(p->admission, date, "unknown"));
	pv_add(pv, 1, "Sentence begin", UI_NORMAL, "%s", pv_date(p->sentence_begin, date, "not set"));
	pv_add(pv, 1, "Jail credit", UI_NORMAL, "%d days", p->jail_credit_days);
	pv_add(pv, 1, "Time served", UI_NORMAL, "%d days (%.1f years)", k.time_served_days,
	       k.time_served_days / 365.25);
	pv_add_date(pv, 1, "Supervised release", p->srd, today, "none (life)", true);
	pv_add_date(pv, 1, "Sentence expiration", p->expiration, today, "none (life)", false);
	if (p->srd != DATE_NONE) {
		pv_add_date(pv, 1, "Release planning", k.planning_start, today, "", true);
		if (p->ecrc_required)
			pv_add_date(pv, 1, "ECRC due", k.ecrc_due, today, "", true);
		else
			pv_add(pv, 1, "ECRC due", UI_DIM, "%s (not required)",
			       date_format(k.ecrc_due, date));
	}
	pv_add_date(pv, 1, "Next progress review", p->next_review, today, "not scheduled", true);
	pv_heading(pv, 1, "Record");
	/* "2026-10-27T19:09:00.32Z" reads better as "2026-10-27 19:09 UTC" */
	pv_add(pv, 1, "Last changed", UI_DIM, "%.10s %.5s UTC by %s", p->updated_at,
	       strlen(p->updated_at) > 16 ? p->updated_at + 11 : "",
	       p->updated_by[0] ? p->updated_by : "the system");
}

static void pv_build_active_alerts(struct person_view *pv, struct ui *ui)
{
	date_t today = app_today(ui->app);
	char date[DATE_TEXT_SIZE];
	pv_heading(pv, 0, "Active alerts");
	int shown = 0;
	for (size_t i = 0; i < pv->rec.alert_count; i++) {
		const struct alert *a = &pv->rec.alerts[i];
		if (a->start > today || (a->end != DATE_NONE && a->end <= today))
			continue;
		char label[48];
		snprintf(label, sizeof label, "%c %s", model_alert_marker(a->kind),
			 model_alert_label(a->kind));
		pv_add(pv, 0, label, UI_URGENT, "since %s%s%s%s", date_format(a->start, date),
		       a->separate_from[0] ? " \u00b7 from " : "", a->separate_from,
		       a->detail[0] ? " \u00b7 " : "");
		/* the detail is appended apart so a long one is cut, not the dates */
		struct pv_line *l = &pv->lines[pv->count - 1];
		strncat(l->value, a->detail, sizeof l->value - strlen(l->value) - 1);
		shown++;
	}
	if (!shown)
		pv_add(pv, 0, "", UI_DIM, "none");
}

static void pv_build_overview(struct person_view *pv, struct ui *ui)
{
	pv_build_identity(pv, ui);
	pv_build_active_alerts(pv, ui);
	pv_build_dates(pv, ui);
}

static void pv_build_housing(struct person_view *pv, struct ui *ui)
{
	(void)ui;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	pv_heading(pv, 0, "From        To          Unit / cell        Custody       Reason");
	for (size_t i = 0; i < pv->rec.housing_count; i++) {
		const struct housing_stay *h = &pv->rec.housing[i];
		char where[160];
		snprintf(where, sizeof where, "%s %s", h->unit, h->cell);
		pv_add(pv, 0, "", h->end == DATE_NONE ? UI_GOOD : UI_NORMAL,
		       "%-10s  %-10s  %-17.17s  %-12s  %s%s%s", date_format(h->start, a),
		       h->end == DATE_NONE ? "current" : date_format(h->end, b), where,
		       model_custody_label(h->custody), h->reason,
		       h->recorded_by[0] ? " \u00b7 by " : "", h->recorded_by);
	}
	if (!pv->rec.housing_count)
		pv_add(pv, 0, "", UI_DIM, "No housing history recorded");
}

static void pv_build_alerts(struct person_view *pv, struct ui *ui)
{
	date_t today = app_today(ui->app);
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	pv_heading(pv, 0, "Kind             From        To          Detail");
	for (size_t i = 0; i < pv->rec.alert_count; i++) {
		const struct alert *al = &pv->rec.alerts[i];
		bool active = al->start <= today && (al->end == DATE_NONE || al->end > today);
		struct pv_line *l = pv_add(pv, 0, "", active ? UI_URGENT : UI_DIM,
					   "%c %-14s  %-10s  %-10s  %s%s%s", model_alert_marker(al->kind),
					   model_alert_label(al->kind), date_format(al->start, a),
					   al->end == DATE_NONE ? "open" : date_format(al->end, b),
					   al->separate_from[0] ? "from " : "", al->separate_from,
					   al->separate_from[0] && al->detail[0] ? " \u00b7 " : "");
		strncat(l->value, al->detail, sizeof l->value - strlen(l->value) - 1);
		l->item = al->id;
	}
	if (!pv->rec.alert_count)
		pv_add(pv, 0, "", UI_DIM, "No alerts. Press n to add one");
}

static void pv_build_programs(struct person_view *pv, struct ui *ui)
{
	(void)ui;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	pv_heading(pv, 0, "Program                             Status      From        To");
	for (size_t i = 0; i < pv->rec.enrollment_count; i++) {
		const struct enrollment *e = &pv->rec.enrollments[i];
		pv_add(pv, 0, "", e->status == ENROLL_ACTIVE ? UI_GOOD : UI_NORMAL,
		       "%-34.34s  %-10s  %-10s  %s", e->program, model_enrollment_label(e->status),
		       date_format(e->start, a), e->end == DATE_NONE ? "" : date_format(e->end, b));
	}
	if (!pv->rec.enrollment_count)
		pv_add(pv, 0, "", UI_DIM, "No program enrollments");
}

static void pv_build_history(struct person_view *pv, struct ui *ui)
{
	(void)ui;
	pv_heading(pv, 0, "When (UTC)              Who                   Change");
	for (size_t i = 0; i < pv->rec.change_count; i++) {
		const struct person_change *c = &pv->rec.changes[i];
		char when[20];
		snprintf(when, sizeof when, "%.16s", c->changed_at);
		when[10] = when[10] == 'T' ? ' ' : when[10];
		pv_add(pv, 0, "", UI_NORMAL, "%-16s  %-20.20s  %s: %s \u2192 %s", when,
		       c->changed_by[0] ? c->changed_by : "system", c->field,
		       c->old_value[0] ? c->old_value : "(none)",
		       c->new_value[0] ? c->new_value : "(none)");
	}
	if (!pv->rec.change_count)
		pv_add(pv, 0, "", UI_DIM, "No changes recorded since admission");
}

#define PV_TIMELINE_CAP 300

/* The chronological record: notes (openable) and record changes, newest first. */
static void pv_build_timeline(struct person_view *pv, struct ui *ui)
{
	struct timeline_query q = {.person_id = pv->id,
				   .type = pv->tl_type[0] ? pv->tl_type : NULL,
				   .since = pv->tl_since[0] ? pv->tl_since : NULL,
				   .until = pv->tl_until[0] ? pv->tl_until : NULL};
	if (pv->tl_page > 0) {
		q.before_at = pv->tl_anchor[pv->tl_page].at;
		q.before_id = pv->tl_anchor[pv->tl_page].id;
		q.before_kind = pv->tl_anchor[pv->tl_page].kind;
	}
	struct timeline_entry *e = xcalloc(PV_TIMELINE_CAP, sizeof *e);
	size_t count = 0;
	char heading[200];
	char page[48] = "";
	if (pv->tl_page > 0)
		snprintf(page, sizeof page, "  (page %d: [ newer)", pv->tl_page + 1);
	snprintf(heading, sizeof heading, "When              Type          What%s%s",
		 pv->tl_type[0] || pv->tl_since[0] || pv->tl_until[0] ? "  (filtered: F)" : "",
		 page);
	pv_heading(pv, 0, heading);
	if (app_timeline(ui->app, &q, e, PV_TIMELINE_CAP, &count) != CL_OK)
		pv_add(pv, 0, "", UI_URGENT, "The timeline cannot be read");
	for (size_t i = 0; i < count; i++) {
		char when[20];
		snprintf(when, sizeof when, "%.16s", e[i].at);
		if (when[10] == 'T')
			when[10] = ' ';
		bool note = e[i].kind == TIMELINE_NOTE;
		const char *flag = !note				  ? ""
				   : e[i].state == NOTE_DRAFT		  ? "[draft] "
				   : e[i].state == NOTE_PENDING_COSIGN ? "[to co-sign] "
				   : e[i].amended			  ? "[amended] "
									  : "";
		bool form = e[i].kind == TIMELINE_FORM;
		struct pv_line *l = pv_add(pv, 0, "", note || form ? UI_NORMAL : UI_DIM,
					   "%-16s  %-12.12s  %s%s%s · %s", when, e[i].type, flag,
					   e[i].sensitive ? "[confidential] " : "", e[i].summary,
					   e[i].who);
		l->item = note || form ? e[i].id : 0;
		l->form = form;
	}
	if (!count)
		pv_add(pv, 0, "", UI_DIM, "Nothing recorded yet. Press w to write a note");
	/* a full page may have older entries: its last one anchors the next page */
	pv->tl_more = count == PV_TIMELINE_CAP && pv->tl_page + 1 < PV_TIMELINE_PAGES;
	if (pv->tl_more) {
		str_copy(pv->tl_anchor[pv->tl_page + 1].at, sizeof pv->tl_anchor[0].at,
			 e[count - 1].at);
		pv->tl_anchor[pv->tl_page + 1].id = e[count - 1].id;
		pv->tl_anchor[pv->tl_page + 1].kind = e[count - 1].kind;
		pv_add(pv, 0, "", UI_DIM, "Older entries follow: ] shows them");
	}
	free(e);
}

#define PV_FORMS_CAP 200

/* The person's forms: drafts to continue, finalized ones to read, newest first. */
static void pv_build_forms(struct person_view *pv, struct ui *ui)
{
	struct form_response *r = xcalloc(PV_FORMS_CAP, sizeof *r);
	size_t count = 0;
	pv_heading(pv, 0, "Started     Form                                State           Scores");
	if (app_form_list(ui->app, pv->id, 0, r, PV_FORMS_CAP, &count) != CL_OK)
		pv_add(pv, 0, "", UI_URGENT, "The forms cannot be read");
	for (size_t i = 0; i < count; i++) {
		char title[200];
		snprintf(title, sizeof title, "%s v%d", r[i].title, r[i].version);
		char state[40];
		snprintf(state, sizeof state, "%s%s", app_form_state_name(r[i].state),
			 r[i].amended_by_id ? ", amended" : r[i].amends_id ? " (amendment)" : "");
		struct pv_line *l = pv_add(pv, 0, "", r[i].state == FORM_DRAFT ? UI_SOON : UI_NORMAL,
					   "%-10.10s  %-34.34s  %-14.14s  %s", r[i].created_at, title,
					   state, r[i].summary);
		l->item = r[i].id;
		l->form = true;
	}
	if (!count)
		pv_add(pv, 0, "", UI_DIM, "No forms yet. Press f to start an interview or an assessment");
	free(r);
}

static const struct pv_tab person_tabs[] = {
	{"Overview", pv_build_overview, false},
	{"Timeline", pv_build_timeline, true},
	{"Housing", pv_build_housing, false},
	{"Alerts", pv_build_alerts, true},
	{"Programs", pv_build_programs, false},
	{"History", pv_build_history, false},
	{"Forms", pv_build_forms, true},
};
#define PV_TAB_TIMELINE 1
#define PV_TAB_ALERTS 3
#define PV_TAB_FORMS 6
#define PV_TAB_COUNT ((int)(sizeof person_tabs / sizeof person_tabs[0]))

static void pv_rebuild(struct person_view *pv, struct ui *ui)
{
	pv->count = 0;
	person_tabs[pv->tab].build(pv, ui);
	if (pv->cursor >= pv->count)
		pv->cursor = pv->count - 1;
	if (person_tabs[pv->tab].selectable && pv->cursor < 1)
		pv->cursor = pv->count > 1 ? 1 : 0;
}

static void pv_reload(struct person_view *pv, struct ui *ui)
{
	struct person_record fresh;
	enum cl_status st = app_record_reload(ui->app, pv->id, &fresh);
	if (st != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "Cannot reload the record: %s", cl_status_text(st));
		return;
	}
	person_record_clear(&pv->rec);
	pv->rec = fresh;
	pv_rebuild(pv, ui);
}

/* ---- drawing ---- */

static void pv_draw_tabs(struct person_view *pv)
{
	ui_draw_fill(1, 0, COLS, UI_TAB);
	int x = 1;
	for (int t = 0; t < PV_TAB_COUNT; t++) {
		char title[48];
		if (t == PV_TAB_ALERTS && pv->rec.alert_count)
			snprintf(title, sizeof title, " %d %s (%zu) ", t + 1, person_tabs[t].title,
				 pv->rec.alert_count);
		else
			snprintf(title, sizeof title, " %d %s ", t + 1, person_tabs[t].title);
		int w = text_width(title);
		if (x + w >= COLS)
			break;
		ui_draw_text(1, x, w, title, TEXT_LEFT, t == pv->tab ? UI_TAB_ACTIVE : UI_TAB);
		x += w + 1;
	}
}

static void pv_draw_line(const struct pv_line *l, int y, int x, int width, bool selected)
{
	if (l->heading) {
		ui_draw_text(y, x, width, l->value, TEXT_LEFT, UI_HEADER);
		return;
	}
	enum ui_element e = selected ? UI_SELECTED : l->element;
	if (selected)
		ui_draw_fill(y, x, width, UI_SELECTED);
	if (!l->label[0] && l->column == 0 && x == 1 && width == COLS - 2) {
		ui_draw_text(y, x + 1, width - 1, l->value, TEXT_LEFT, e);
		return;
	}
	int lw = width >= 44 ? 21 : 16;
	ui_draw_text(y, x + 1, lw, l->label, TEXT_LEFT, selected ? UI_SELECTED : UI_LABEL);
	ui_draw_text(y, x + 2 + lw, width - lw - 2, l->value, TEXT_LEFT, e);
}

static void pv_draw_body(struct person_view *pv)
{
	int rows = LINES - 3, y0 = 2;
	bool split = pv->tab == 0 && COLS >= 100;
	if (split) {
		int half = COLS / 2, left = 0, right = 0;
		for (int i = 0; i < pv->count; i++) {
			const struct pv_line *l = &pv->lines[i];
			int *row = l->column ? &right : &left;
			int r = *row - pv->top;
			if (r >= 0 && r < rows)
				pv_draw_line(l, y0 + r, l->column ? half : 1,
					     l->column ? COLS - half - 1 : half - 2, false);
			(*row)++;
		}
		return;
	}
	bool selectable = person_tabs[pv->tab].selectable;
	if (selectable) {
		if (pv->cursor < pv->top + 1 && pv->cursor > 0)
			pv->top = pv->cursor - 1;
		if (pv->cursor >= pv->top + rows)
			pv->top = pv->cursor - rows + 1;
	}
	for (int r = 0; r < rows && pv->top + r < pv->count; r++) {
		int i = pv->top + r;
		/* keep the column headings of a table in view while it scrolls */
		if (r == 0 && pv->top > 0 && pv->lines[0].heading && pv->tab != 0)
			i = 0;
		pv_draw_line(&pv->lines[i], y0 + r, 1, COLS - 2,
			     selectable && i == pv->cursor && !pv->lines[i].heading &&
				     (pv->lines[i].item || pv->tab == PV_TAB_TIMELINE ||
				      pv->tab == PV_TAB_FORMS));
	}
}

static void pv_draw(struct ui_view *view, struct ui *ui)
{
	struct person_view *pv = pv_of(view);
	const struct person *p = &pv->rec.person;
	char where[600], detail[200], markers[8];
	snprintf(where, sizeof where, "%s, %s \u00b7 OID %s", p->last_name, p->first_name, p->oid);
	ui_alert_markers(0, markers, sizeof markers);
	snprintf(detail, sizeof detail, "%s %s \u00b7 %s \u00b7 risk %s ", p->unit, p->cell,
		 model_custody_label(p->custody), model_risk_label(p->risk));
	ui_draw_title(ui, where, detail);
	pv_draw_tabs(pv);
	pv_draw_body(pv);
	static const char *const hints[] = {"Tab", "section", "e", "identity", "d", "dates", "m",
					    "move", "a", "alias", "n", "alert", "q", "back", "?",
					    "help", NULL};
	static const char *const alert_hints[] = {"Tab", "section", "n", "new alert", "x",
						  "end alert", "q", "back", "?", "help", NULL};
	static const char *const timeline_hints[] = {"Enter", "open note", "w", "write note", "/",
						     "search notes", "F", "filter", "q", "back",
						     "?", "help", NULL};
	static const char *const read_hints[] = {"Tab", "section", "j k", "scroll", "q", "back",
						 "?", "help", NULL};
	static const char *const form_hints[] = {"Enter", "open form", "f", "start a form", "q",
						 "back", "?", "help", NULL};
	/* never offer what the permission table would refuse */
	ui_draw_status(ui, pv->tab == PV_TAB_TIMELINE	     ? timeline_hints
			   : pv->tab == PV_TAB_FORMS	     ? form_hints
			   : !pv->can_edit		     ? read_hints
			   : person_tabs[pv->tab].selectable ? alert_hints
							     : hints,
		       pv->can_edit ? "" : "read only ");
}

/* ---- dialogs ---- */

static void pv_open_fields_dialog(struct person_view *pv, struct ui *ui, enum person_field_group g,
				  const char *title);

static enum person_field pv_dialog_field(struct person_view *pv, int index)
{
	return pv->dialog_fields[index];
}

static enum cl_status pv_commit(void *ctx, struct ui *ui, int index, const char *text, char *msg,
				size_t msgsz)
{
	struct person_view *pv = ctx;
	return app_record_set_field(ui->app, &pv->rec.person, pv_dialog_field(pv, index), text, msg,
				    msgsz);
}

static void pv_format(void *ctx, int index, char *buf, size_t size)
{
	struct person_view *pv = ctx;
	app_field_format(&pv->rec.person, pv_dialog_field(pv, index), buf, size);
}

static void pv_draft_save(void *ctx, struct ui *ui, int index, const char *text)
{
	struct person_view *pv = ctx;
	enum cl_status st = app_draft_save(ui->app, &pv->rec.person,
					   app_field_key(pv_dialog_field(pv, index)), text);
	if (st != CL_OK && st != CL_ERR_DENIED)
		ui_message(ui, UI_MSG_ERROR, "Could not keep your unsaved text: %s",
			   cl_status_text(st));
}

static void pv_draft_discard(void *ctx, struct ui *ui, int index)
{
	struct person_view *pv = ctx;
	app_draft_discard(ui->app, &pv->rec.person, app_field_key(pv_dialog_field(pv, index)));
}

static const struct ui_dialog_ops pv_fields_ops = {
	.commit = pv_commit,
	.format = pv_format,
	.draft_save = pv_draft_save,
	.draft_discard = pv_draft_discard,
};

static void pv_open_fields_dialog(struct person_view *pv, struct ui *ui, enum person_field_group g,
				  const char *title)
{
	struct ui_dialog_field_def defs[PF_COUNT];
	char values[PF_COUNT][MODEL_NAME_SIZE];
	const char *texts[PF_COUNT], *drafts[PF_COUNT];
	struct strbuf draft_text[PF_COUNT];
	int n = 0;
	for (int f = 0; f < PF_COUNT; f++) {
		if (app_field_group((enum person_field)f) != g)
			continue;
		pv->dialog_fields[n] = (enum person_field)f;
		defs[n] = (struct ui_dialog_field_def){app_field_label((enum person_field)f),
						       app_field_hint((enum person_field)f),
						       MODEL_NAME_SIZE - 1};
		app_field_format(&pv->rec.person, (enum person_field)f, values[n], sizeof values[n]);
		texts[n] = values[n];
		strbuf_init(&draft_text[n]);
		drafts[n] = app_draft_load(ui->app, &pv->rec.person, app_field_key((enum person_field)f),
					   &draft_text[n]) == CL_OK
				    ? draft_text[n].buf
				    : NULL;
		n++;
	}
	pv->dialog_field_count = n;
	ui_view_push(ui, ui_dialog_new(title, true, defs, n, texts, drafts, &pv_fields_ops, pv));
	for (int i = 0; i < n; i++)
		strbuf_clear(&draft_text[i]);
}

static enum cl_status pv_submit_move(void *ctx, struct ui *ui, const char *const *t, char *msg,
				     size_t msgsz)
{
	struct person_view *pv = ctx;
	struct housing_move move = {t[0], t[1], t[2], t[3], t[4]};
	return app_record_move(ui->app, &pv->rec.person, &move, msg, msgsz);
}

static enum cl_status pv_submit_alias_add(void *ctx, struct ui *ui, const char *const *t,
					  char *msg, size_t msgsz)
{
	struct person_view *pv = ctx;
	return app_record_alias_add(ui->app, &pv->rec.person, t[0], msg, msgsz);
}

static enum cl_status pv_submit_alias_remove(void *ctx, struct ui *ui, const char *const *t,
					     char *msg, size_t msgsz)
{
	struct person_view *pv = ctx;
	return app_record_alias_remove(ui->app, &pv->rec.person, t[0], msg, msgsz);
}

static enum cl_status pv_submit_alert(void *ctx, struct ui *ui, const char *const *t, char *msg,
				      size_t msgsz)
{
	struct person_view *pv = ctx;
	struct alert_input in = {t[0], t[1], t[2], t[3], t[4]};
	return app_record_alert_add(ui->app, &pv->rec.person, &in, msg, msgsz);
}

static enum cl_status pv_submit_alert_end(void *ctx, struct ui *ui, const char *const *t,
					  char *msg, size_t msgsz)
{
	struct person_view *pv = ctx;
	return app_record_alert_end(ui->app, &pv->rec.person, pv->alert_to_end, t[0], msg, msgsz);
}

static void pv_open_submit(struct ui *ui, struct person_view *pv, const char *title,
			   const struct ui_dialog_field_def *defs, int n, const char *const *texts,
			   enum cl_status (*submit)(void *, struct ui *, const char *const *, char *,
						    size_t))
{
	/* one ops table per action: the dialog keeps a pointer to it */
	static struct ui_dialog_ops ops[5];
	static int next;
	struct ui_dialog_ops *o = &ops[next++ % 5];
	*o = (struct ui_dialog_ops){.submit = submit};
	ui_view_push(ui, ui_dialog_new(title, false, defs, n, texts, NULL, o, pv));
}

static void pv_open_move(struct person_view *pv, struct ui *ui)
{
	static const struct ui_dialog_field_def defs[] = {
		{"Unit", "The housing unit, up to 20 characters", 40},
		{"Cell", "Cell or bed, may be empty", 40},
		{"Custody", "minimum, medium, close, maximum or unclassified (a prefix will do)", 20},
		{"Move date", "YYYY-MM-DD, empty for today", 10},
		{"Reason", "Why (classification, program, keep separate, ...)", 120},
	};
	const char *texts[] = {pv->rec.person.unit, pv->rec.person.cell,
			       model_custody_label(pv->rec.person.custody), "", ""};
	pv_open_submit(ui, pv, "Record a move", defs, 5, texts, pv_submit_move);
}

static void pv_open_alert_end(struct person_view *pv, struct ui *ui)
{
	if (pv->tab != PV_TAB_ALERTS || pv->cursor < 0 || pv->cursor >= pv->count ||
	    !pv->lines[pv->cursor].item) {
		ui_message(ui, UI_MSG_ERROR, "Select an alert on the Alerts tab first");
		return;
	}
	pv->alert_to_end = pv->lines[pv->cursor].item;
	static const struct ui_dialog_field_def defs[] = {
		{"End date", "YYYY-MM-DD, empty for today", 10},
	};
	pv_open_submit(ui, pv, "End alert", defs, 1, NULL, pv_submit_alert_end);
}

static enum ui_result pv_open_dialog(struct person_view *pv, struct ui *ui, enum ui_action action)
{
	char refusal[APP_MESSAGE_SIZE];
	if (action >= ACT_EDIT_IDENTITY && action <= ACT_ALERT_END &&
	    app_permit(ui->app, PERM_PERSON_EDIT, pv->id, refusal, sizeof refusal) != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "%s", refusal);
		return UI_HANDLED;
	}
	static const struct ui_dialog_field_def alias_def[] = {
		{"Alias", "Another name the person is known by, up to 80 characters", 240}};
	static const struct ui_dialog_field_def alias_remove_def[] = {
		{"Alias to remove", "Exactly as recorded (see Overview)", 240}};
	static const struct ui_dialog_field_def alert_defs[] = {
		{"Kind", "K keep separate, M medical, S security, W suicide watch", 20},
		{"Detail", "Short, factual; no diagnosis", 400},
		{"Separate from OID", "Keep separate only: the other person's OID", 12},
		{"Start", "YYYY-MM-DD, empty for today", 10},
		{"End", "YYYY-MM-DD, empty while it applies", 10},
	};
	switch (action) {
	case ACT_EDIT_IDENTITY:
		pv_open_fields_dialog(pv, ui, PF_GROUP_IDENTITY, "Identity");
		return UI_HANDLED;
	case ACT_EDIT_DATES:
		pv_open_fields_dialog(pv, ui, PF_GROUP_DATES, "Sentence and key dates");
		return UI_HANDLED;
	case ACT_MOVE:
		pv_open_move(pv, ui);
		return UI_HANDLED;
	case ACT_REFERRAL_NEW:
		ui_view_push(ui, ui_referrals_view_new(ui, pv->id));
		return UI_HANDLED;
	case ACT_ALIAS_ADD:
		pv_open_submit(ui, pv, "Add alias", alias_def, 1, NULL, pv_submit_alias_add);
		return UI_HANDLED;
	case ACT_ALIAS_REMOVE:
		if (!pv->rec.alias_count) {
			ui_message(ui, UI_MSG_ERROR, "No aliases to remove");
			return UI_HANDLED;
		}
		pv_open_submit(ui, pv, "Remove alias", alias_remove_def, 1, NULL,
			       pv_submit_alias_remove);
		return UI_HANDLED;
	case ACT_ALERT_ADD:
		pv_open_submit(ui, pv, "Add alert", alert_defs, 5, NULL, pv_submit_alert);
		return UI_HANDLED;
	case ACT_ALERT_END:
		pv_open_alert_end(pv, ui);
		return UI_HANDLED;
	default:
		return UI_DECLINED;
	}
}

/* ---- keys ---- */

static const struct ui_binding person_bindings[] = {
	{'\t', ACT_TAB_NEXT, 0, "Tab l Right"},
	{'l', ACT_TAB_NEXT, 0, NULL},
	{UI_FN(KEY_RIGHT), ACT_TAB_NEXT, 0, NULL},
	{UI_FN(KEY_BTAB), ACT_TAB_PREV, 0, "Shift-Tab h Left"},
	{'h', ACT_TAB_PREV, 0, NULL},
	{UI_FN(KEY_LEFT), ACT_TAB_PREV, 0, NULL},
	{'1', ACT_TAB_NEXT, 1, "1-7"},
	{'2', ACT_TAB_NEXT, 2, NULL},
	{'3', ACT_TAB_NEXT, 3, NULL},
	{'4', ACT_TAB_NEXT, 4, NULL},
	{'5', ACT_TAB_NEXT, 5, NULL},
	{'6', ACT_TAB_NEXT, 6, NULL},
	{'7', ACT_TAB_NEXT, 7, NULL},
	{'f', ACT_FORM_START, 0, "f"},
	{'p', ACT_RELEASE_PLAN, 0, "p"},
	{']', ACT_OLDER, 0, "] ["},
	{'[', ACT_NEWER, 0, NULL},
	{'w', ACT_NOTE_WRITE, 0, "w"},
	{'/', ACT_NOTE_SEARCH, 0, "/"},
	{'F', ACT_FILTER, 0, "F"},
	{'\r', ACT_OPEN, 0, "Enter"},
	{'e', ACT_EDIT_IDENTITY, 0, "e"},
	{'d', ACT_EDIT_DATES, 0, "d"},
	{'m', ACT_MOVE, 0, "m"},
	{'a', ACT_ALIAS_ADD, 0, "a"},
	{'A', ACT_ALIAS_REMOVE, 0, "A"},
	{'n', ACT_ALERT_ADD, 0, "n"},
	{'x', ACT_ALERT_END, 0, "x"},
	{'r', ACT_REFERRAL_NEW, 0, "r"},
	{'C', ACT_CASE_PLAN, 0, "C"},
};

static const struct ui_keymap person_keymap = {
	"Person record", person_bindings, (int)(sizeof person_bindings / sizeof person_bindings[0])};

static void pv_switch_tab(struct person_view *pv, struct ui *ui, int tab)
{
	pv->tab = (tab + PV_TAB_COUNT) % PV_TAB_COUNT;
	pv->top = 0;
	pv->cursor = 0;
	pv_rebuild(pv, ui);
}

static void pv_scroll(struct person_view *pv, int delta)
{
	if (person_tabs[pv->tab].selectable) {
		int c = pv->cursor + delta;
		if (c < 1)
			c = pv->count > 1 ? 1 : 0;
		if (c >= pv->count)
			c = pv->count - 1;
		pv->cursor = c;
		return;
	}
	int rows = LINES - 3;
	int max_top = pv->count - rows;
	pv->top += delta;
	if (pv->top > max_top)
		pv->top = max_top;
	if (pv->top < 0)
		pv->top = 0;
}

static enum cl_status pv_filter_submit(void *ctx, struct ui *ui, const char *const *t, char *msg,
				       size_t msgsz)
{
	struct person_view *pv = ctx;
	date_t d;
	if ((t[1][0] && !date_parse(t[1], &d)) || (t[2][0] && !date_parse(t[2], &d))) {
		snprintf(msg, msgsz, "Dates are YYYY-MM-DD (or empty)");
		return CL_ERR_INVALID;
	}
	if (t[0][0] && strcmp(t[0], "change") != 0 && !config_note_type_valid(&ui->app->config, t[0])) {
		snprintf(msg, msgsz, "Type is a note type, change, or empty for all");
		return CL_ERR_INVALID;
	}
	pv->tl_page = 0;
	str_copy(pv->tl_type, sizeof pv->tl_type, t[0]);
	str_copy(pv->tl_since, sizeof pv->tl_since, t[1]);
	str_copy(pv->tl_until, sizeof pv->tl_until, t[2]);
	snprintf(msg, msgsz, "Timeline filtered");
	return CL_OK;
}

static enum ui_result pv_notes_action(struct person_view *pv, struct ui *ui, enum ui_action action)
{
	static const struct ui_dialog_field_def defs[] = {
		{"Type", "A note type (contact, interview, ...), change, or empty for all", 24},
		{"Since", "YYYY-MM-DD, or empty", 10},
		{"Until", "YYYY-MM-DD (inclusive), or empty", 10},
	};
	struct ui_view *next = NULL;
	switch (action) {
	case ACT_NOTE_WRITE:
		next = ui_note_write_new(ui, pv->id);
		break;
	case ACT_NOTE_SEARCH:
		next = ui_search_view_new(ui, pv->id);
		break;
	case ACT_FORM_START:
		next = ui_form_pick_new(ui, pv->id);
		break;
	case ACT_CASE_PLAN:
		next = ui_case_plan_view_new(ui, pv->id);
		break;
	case ACT_RELEASE_PLAN:
		next = ui_release_plan_view_new(ui, pv->id);
		break;
	case ACT_OLDER:
	case ACT_NEWER:
		if (pv->tab != PV_TAB_TIMELINE)
			return UI_DECLINED;
		if (action == ACT_OLDER ? !pv->tl_more : pv->tl_page == 0) {
			ui_message(ui, UI_MSG_INFO, action == ACT_OLDER ? "Nothing older"
									: "This is the newest page");
			return UI_HANDLED;
		}
		pv->tl_page += action == ACT_OLDER ? 1 : -1;
		pv->top = 0;
		pv->cursor = 0;
		pv_rebuild(pv, ui);
		return UI_HANDLED;
	case ACT_OPEN:
		if (pv->tab != PV_TAB_TIMELINE && pv->tab != PV_TAB_FORMS)
			return UI_DECLINED;
		if (pv->cursor > 0 && pv->cursor < pv->count && pv->lines[pv->cursor].item)
			next = pv->lines[pv->cursor].form ? ui_form_view_new(ui, pv->lines[pv->cursor].item)
							  : ui_note_view_new(ui, pv->lines[pv->cursor].item);
		break;
	case ACT_FILTER: {
		if (pv->tab != PV_TAB_TIMELINE)
			return UI_DECLINED;
		const char *texts[] = {pv->tl_type, pv->tl_since, pv->tl_until};
		pv->tl_ops = (struct ui_dialog_ops){.submit = pv_filter_submit};
		next = ui_dialog_new("Filter the timeline", false, defs, 3, texts, NULL, &pv->tl_ops, pv);
		break;
	}
	default:
		return UI_DECLINED;
	}
	if (next)
		ui_view_push(ui, next);
	return UI_HANDLED;
}

static enum ui_result pv_action(struct ui_view *view, struct ui *ui, enum ui_action action, int arg)
{
	struct person_view *pv = pv_of(view);
	switch (action) {
	case ACT_TAB_NEXT:
		pv_switch_tab(pv, ui, arg ? arg - 1 : pv->tab + 1);
		return UI_HANDLED;
	case ACT_TAB_PREV:
		pv_switch_tab(pv, ui, pv->tab - 1);
		return UI_HANDLED;
	case ACT_UP:
	case ACT_DOWN:
		pv_scroll(pv, action == ACT_UP ? -1 : 1);
		return UI_HANDLED;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		pv_scroll(pv, (action == ACT_PAGE_UP ? -1 : 1) * (LINES - 4));
		return UI_HANDLED;
	case ACT_HOME:
		pv_scroll(pv, -pv->count);
		return UI_HANDLED;
	case ACT_END:
		pv_scroll(pv, pv->count);
		return UI_HANDLED;
	case ACT_NOTE_WRITE:
	case ACT_NOTE_SEARCH:
	case ACT_OPEN:
	case ACT_FILTER:
	case ACT_FORM_START:
	case ACT_RELEASE_PLAN:
	case ACT_CASE_PLAN:
	case ACT_OLDER:
	case ACT_NEWER:
		return pv_notes_action(pv, ui, action);
	default:
		return pv_open_dialog(pv, ui, action);
	}
}

static void pv_resume(struct ui_view *view, struct ui *ui)
{
	pv_reload(pv_of(view), ui);
}

static void pv_destroy(struct ui_view *view)
{
	struct person_view *pv = pv_of(view);
	person_record_clear(&pv->rec);
	free(pv->lines);
	free(pv);
}

static const struct ui_view_ops person_ops = {
	.name = "Person record",
	.keymap = &person_keymap,
	.draw = pv_draw,
	.action = pv_action,
	.resume = pv_resume,
	.destroy = pv_destroy,
};

struct ui_view *ui_person_view_new(struct ui *ui, int64_t person_id)
{
	struct person_view *pv = xcalloc(1, sizeof *pv);
	pv->base.ops = &person_ops;
	pv->id = person_id;
	enum cl_status st = app_record_open(ui->app, person_id, &pv->rec);
	if (st != CL_OK) {
		ui_message(ui, UI_MSG_ERROR, "Cannot open the record: %s (%s)", cl_status_text(st),
			   store_last_error(ui->app->store));
		free(pv);
		return NULL;
	}
	pv->can_edit = app_can(ui->app, PERM_PERSON_EDIT, person_id);
	pv_rebuild(pv, ui);
	return &pv->base;
}
