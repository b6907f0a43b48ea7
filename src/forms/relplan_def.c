/* relplan_def: the release plan's sections and checklists from YAML, every problem at its
 * file:line:column, and the working-day rule for due dates. libyaml's events become a small
 * tree that keeps positions (aliases refused), then the tree is checked mapping by mapping. */
#include "caseload/relplan_def.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "caseload/text.h"

/* The file is a short list of sections: nothing legitimate nests deeper than this. */
#define RELPLAN_MAX_DEPTH 8
#define RELPLAN_MAX_ERRORS 50

static const char *const relplan_owners[RELPLAN_OWNER_COUNT] = {
#define RELPLAN_OWNER_TEXT(id, name) name,
	RELPLAN_OWNER_LIST(RELPLAN_OWNER_TEXT)
#undef RELPLAN_OWNER_TEXT
};

const char *relplan_owner_name(enum relplan_owner owner)
{
	return (unsigned)owner < RELPLAN_OWNER_COUNT ? relplan_owners[owner] : "?";
}

bool relplan_owner_parse(const char *name, enum relplan_owner *out)
{
	for (int i = 0; i < RELPLAN_OWNER_COUNT; i++)
		if (strcmp(name, relplan_owners[i]) == 0) {
			*out = (enum relplan_owner)i;
			return true;
		}
	return false;
}

/* ---- the working-day rule ---- */

static int relplan_date_cmp(const void *a, const void *b)
{
	date_t x = *(const date_t *)a, y = *(const date_t *)b;
	return (x > y) - (x < y);
}

bool relplan_is_holiday(date_t d, const date_t *holidays, size_t count)
{
	if (date_weekday(d) >= 5)
		return true;
	return count > 0 && bsearch(&d, holidays, count, sizeof *holidays, relplan_date_cmp);
}

date_t relplan_due(date_t srd, int days_before, const date_t *holidays, size_t count)
{
	if (srd == DATE_NONE)
		return DATE_NONE;
	date_t d = srd - days_before;
	/* a week of holidays and weekends ends within a fortnight; bounded all the same */
	for (int i = 0; i < 366 && relplan_is_holiday(d, holidays, count); i++)
		d--;
	return d;
}

/* ---- the node tree ---- */

enum rnode_kind { RN_SCALAR, RN_SEQ, RN_MAP };

struct rnode {
	enum rnode_kind kind;
	unsigned line, column; /* 1-based */
	char *text;            /* scalars */
	struct rnode **kids;   /* sequences: items; mappings: key, value, ... */
	size_t count, cap;
};

static void rnode_free(struct rnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->count; i++)
		rnode_free(n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n);
}

static void rnode_add(struct rnode *parent, struct rnode *kid)
{
	if (parent->count == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->kids = xrealloc(parent->kids, parent->cap * sizeof *parent->kids);
	}
	parent->kids[parent->count++] = kid;
}

struct rloader {
	const char *path;
	struct strbuf *errors;
	size_t error_count;
	struct relplan_def *def;
};

static void rl_error(struct rloader *rl, unsigned line, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void rl_error(struct rloader *rl, unsigned line, unsigned column, const char *fmt, ...)
{
	if (rl->error_count++ >= RELPLAN_MAX_ERRORS || !rl->errors)
		return;
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line)
		strbuf_printf(rl->errors, "%s:%u:%u: %s\n", rl->path, line, column, msg);
	else
		strbuf_printf(rl->errors, "%s: %s\n", rl->path, msg);
}

/* msg with one %s: arg, sanitized and cut to 40 columns. */
static void rl_error_at(struct rloader *rl, const struct rnode *n, const char *msg, const char *arg)
{
	struct strbuf shown;
	strbuf_init(&shown);
	text_fit(&shown, arg ? arg : "", text_width(arg ? arg : "") > 40 ? 40 : text_width(arg ? arg : ""),
		 TEXT_LEFT);
	rl_error(rl, n->line, n->column, msg, shown.buf);
	strbuf_clear(&shown);
}

/* Reads the node that starts with *ev (consumed). NULL after reporting a problem. */
static struct rnode *rl_parse_node(struct rloader *rl, yaml_parser_t *p, yaml_event_t *ev,
				   int depth);

static struct rnode *rl_parse_children(struct rloader *rl, yaml_parser_t *p, struct rnode *n,
				       yaml_event_type_t end, int depth)
{
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev)) {
			rl_error(rl, (unsigned)p->problem_mark.line + 1,
				 (unsigned)p->problem_mark.column + 1, "%s", p->problem);
			rnode_free(n);
			return NULL;
		}
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return n;
		}
		struct rnode *kid = rl_parse_node(rl, p, &ev, depth + 1);
		if (!kid) {
			rnode_free(n);
			return NULL;
		}
		rnode_add(n, kid);
	}
}

static struct rnode *rl_parse_node(struct rloader *rl, yaml_parser_t *p, yaml_event_t *ev,
				   int depth)
{
	unsigned line = (unsigned)ev->start_mark.line + 1, column = (unsigned)ev->start_mark.column + 1;
	if (ev->type == YAML_ALIAS_EVENT || depth > RELPLAN_MAX_DEPTH) {
		rl_error(rl, line, column, "%s",
			 depth > RELPLAN_MAX_DEPTH ? "nested too deeply" : "aliases are not allowed");
		yaml_event_delete(ev);
		return NULL;
	}
	struct rnode *n = xcalloc(1, sizeof *n);
	n->line = line;
	n->column = column;
	yaml_event_type_t type = ev->type;
	if (type == YAML_SCALAR_EVENT) {
		n->kind = RN_SCALAR;
		n->text = xstrdup((const char *)ev->data.scalar.value);
	}
	yaml_event_delete(ev);
	if (type == YAML_SEQUENCE_START_EVENT) {
		n->kind = RN_SEQ;
		return rl_parse_children(rl, p, n, YAML_SEQUENCE_END_EVENT, depth);
	}
	if (type == YAML_MAPPING_START_EVENT) {
		n->kind = RN_MAP;
		return rl_parse_children(rl, p, n, YAML_MAPPING_END_EVENT, depth);
	}
	return n;
}

/* The document's root node, or NULL after reporting why. */
static struct rnode *rl_parse_file(struct rloader *rl, FILE *f)
{
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	struct rnode *root = NULL;
	bool in_doc = false;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			rl_error(rl, (unsigned)p.problem_mark.line + 1,
				 (unsigned)p.problem_mark.column + 1, "%s", p.problem);
			break;
		}
		yaml_event_type_t type = ev.type;
		if (type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (type == YAML_DOCUMENT_START_EVENT && root) {
			rl_error(rl, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
				 "%s", "one document only");
			yaml_event_delete(&ev);
			break;
		}
		if (type == YAML_DOCUMENT_START_EVENT || type == YAML_DOCUMENT_END_EVENT ||
		    type == YAML_STREAM_START_EVENT) {
			in_doc = type == YAML_DOCUMENT_START_EVENT;
			yaml_event_delete(&ev);
			continue;
		}
		(void)in_doc;
		root = rl_parse_node(rl, &p, &ev, 0);
		if (!root)
			break;
	}
	yaml_parser_delete(&p);
	if (rl->error_count) {
		rnode_free(root);
		return NULL;
	}
	return root;
}

/* ---- the checks ---- */

static bool rl_is_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= RELPLAN_ID_SIZE || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* The keys of a mapping against the allowed ones; unknown and repeated keys reported. */
static bool rl_keys(struct rloader *rl, const struct rnode *map, const char *const *allowed,
		    size_t n, const char *what)
{
	if (map->kind != RN_MAP) {
		rl_error(rl, map->line, map->column, "%s must be a mapping", what);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < map->count; i += 2) {
		const struct rnode *k = map->kids[i];
		bool known = false;
		for (size_t j = 0; k->kind == RN_SCALAR && j < n; j++)
			known |= strcmp(k->text, allowed[j]) == 0;
		for (size_t j = 0; known && j < i; j += 2)
			if (strcmp(map->kids[j]->text, k->text) == 0) {
				rl_error_at(rl, k, "key \"%s\" given twice", k->text);
				ok = false;
			}
		if (!known) {
			rl_error_at(rl, k, "unknown key \"%s\"", k->kind == RN_SCALAR ? k->text : "");
			ok = false;
		}
	}
	return ok;
}

static const struct rnode *rl_get(const struct rnode *map, const char *key)
{
	for (size_t i = 0; map->kind == RN_MAP && i + 1 < map->count; i += 2)
		if (map->kids[i]->kind == RN_SCALAR && strcmp(map->kids[i]->text, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

/* A required scalar of 1 to size - 1 bytes of safe text, copied to out. */
static bool rl_text(struct rloader *rl, const struct rnode *map, const char *key, char *out,
		    size_t size)
{
	const struct rnode *v = rl_get(map, key);
	if (!v) {
		rl_error(rl, map->line, map->column, "missing \"%s\"", key);
		return false;
	}
	if (v->kind != RN_SCALAR || !v->text[0] || strlen(v->text) >= size ||
	    !text_is_clean_line(v->text)) {
		rl_error(rl, v->line, v->column, "\"%s\" must be text of 1 to %zu bytes", key,
			 size - 1);
		return false;
	}
	memcpy(out, v->text, strlen(v->text) + 1);
	return true;
}

/* "srd - N" or "srd": N days before the release date. */
static bool rl_parse_due(const char *s, int *days)
{
	while (*s == ' ')
		s++;
	if (strncmp(s, "srd", 3) != 0)
		return false;
	s += 3;
	while (*s == ' ')
		s++;
	if (!*s) {
		*days = 0;
		return true;
	}
	if (*s++ != '-')
		return false;
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || errno || n > RELPLAN_MAX_DAYS)
		return false;
	*days = (int)n;
	return true;
}

static bool rl_task_unique(struct rloader *rl, const struct rnode *at, const char *id)
{
	for (size_t s = 0; s < rl->def->section_count; s++) {
		const struct relplan_section_def *sec = &rl->def->sections[s];
		for (size_t t = 0; t < sec->task_count; t++)
			if (strcmp(sec->tasks[t].id, id) == 0) {
				rl_error_at(rl, at, "task id \"%s\" is used twice", id);
				return false;
			}
	}
	return true;
}

static void rl_task(struct rloader *rl, struct relplan_section_def *sec, const struct rnode *n)
{
	static const char *const keys[] = {"id", "label", "owner", "due", "blocks_release"};
	if (!rl_keys(rl, n, keys, sizeof keys / sizeof keys[0], "a task"))
		return;
	struct relplan_task_def t = {0};
	bool ok = rl_text(rl, n, "id", t.id, sizeof t.id);
	if (ok && (!rl_is_id(t.id) || !rl_task_unique(rl, rl_get(n, "id"), t.id))) {
		if (!rl_is_id(t.id))
			rl_error_at(rl, rl_get(n, "id"), "task id \"%s\" must be a-z, 0-9 and _, "
				    "starting with a letter", t.id);
		ok = false;
	}
	ok &= rl_text(rl, n, "label", t.label, sizeof t.label);
	char word[RELPLAN_ID_SIZE];
	if (rl_text(rl, n, "owner", word, sizeof word)) {
		if (!relplan_owner_parse(word, &t.owner)) {
			rl_error_at(rl, rl_get(n, "owner"), "owner \"%s\" must be caseworker, person, "
				    "program, agent or family", word);
			ok = false;
		}
	} else {
		ok = false;
	}
	const struct rnode *due = rl_get(n, "due");
	if (!due) {
		rl_error(rl, n->line, n->column, "missing \"%s\"", "due");
		ok = false;
	} else if (due->kind != RN_SCALAR || !rl_parse_due(due->text, &t.days_before)) {
		rl_error_at(rl, due, "due \"%s\" must read \"srd - N\" with N from 0 to 730",
			    due->kind == RN_SCALAR ? due->text : "");
		ok = false;
	}
	const struct rnode *b = rl_get(n, "blocks_release");
	if (b) {
		if (b->kind == RN_SCALAR && (!strcmp(b->text, "true") || !strcmp(b->text, "false"))) {
			t.blocks_release = !strcmp(b->text, "true");
		} else {
			rl_error_at(rl, b, "blocks_release must be true or false, not \"%s\"",
				    b->kind == RN_SCALAR ? b->text : "");
			ok = false;
		}
	}
	if (!ok)
		return;
	sec->tasks = xrealloc(sec->tasks, (sec->task_count + 1) * sizeof *sec->tasks);
	sec->tasks[sec->task_count++] = t;
}

static void rl_section(struct rloader *rl, const struct rnode *n)
{
	static const char *const keys[] = {"id", "title", "tasks"};
	if (!rl_keys(rl, n, keys, sizeof keys / sizeof keys[0], "a section"))
		return;
	struct relplan_def *def = rl->def;
	def->sections = xrealloc(def->sections, (def->section_count + 1) * sizeof *def->sections);
	struct relplan_section_def *sec = &def->sections[def->section_count];
	memset(sec, 0, sizeof *sec);
	bool ok = rl_text(rl, n, "id", sec->id, sizeof sec->id);
	if (ok && !rl_is_id(sec->id)) {
		rl_error_at(rl, rl_get(n, "id"), "section id \"%s\" must be a-z, 0-9 and _, "
			    "starting with a letter", sec->id);
		ok = false;
	}
	if (ok && relplan_def_section(def, sec->id)) {
		rl_error_at(rl, rl_get(n, "id"), "section id \"%s\" is used twice", sec->id);
		ok = false;
	}
	ok &= rl_text(rl, n, "title", sec->title, sizeof sec->title);
	def->section_count++; /* counted now so that later tasks see its ids */
	const struct rnode *tasks = rl_get(n, "tasks");
	if (tasks && tasks->kind != RN_SEQ)
		rl_error(rl, tasks->line, tasks->column, "%s", "tasks must be a list");
	for (size_t i = 0; tasks && tasks->kind == RN_SEQ && i < tasks->count; i++)
		rl_task(rl, sec, tasks->kids[i]);
	(void)ok;
}

static void rl_holidays(struct rloader *rl, const struct rnode *n)
{
	if (n->kind != RN_SEQ) {
		rl_error(rl, n->line, n->column, "%s", "holidays must be a list of dates YYYY-MM-DD");
		return;
	}
	struct relplan_def *def = rl->def;
	def->holidays = n->count ? xcalloc(n->count, sizeof *def->holidays) : NULL;
	for (size_t i = 0; i < n->count; i++) {
		const struct rnode *d = n->kids[i];
		date_t day;
		if (d->kind != RN_SCALAR || !date_parse(d->text, &day))
			rl_error_at(rl, d, "holiday \"%s\" must be a date YYYY-MM-DD",
				    d->kind == RN_SCALAR ? d->text : "");
		else
			def->holidays[def->holiday_count++] = day;
	}
	qsort(def->holidays, def->holiday_count, sizeof *def->holidays, relplan_date_cmp);
	size_t kept = 0;
	for (size_t i = 0; i < def->holiday_count; i++)
		if (kept == 0 || def->holidays[kept - 1] != def->holidays[i])
			def->holidays[kept++] = def->holidays[i];
	def->holiday_count = kept;
}

static void rl_root(struct rloader *rl, const struct rnode *root)
{
	static const char *const keys[] = {"holidays", "sections"};
	if (!rl_keys(rl, root, keys, 2, "the release plan"))
		return;
	const struct rnode *hol = rl_get(root, "holidays");
	if (hol)
		rl_holidays(rl, hol);
	const struct rnode *secs = rl_get(root, "sections");
	if (!secs || secs->kind != RN_SEQ || secs->count == 0) {
		const struct rnode *at = secs ? secs : root;
		rl_error(rl, at->line, at->column, "%s", "sections must be a list of one or more");
		return;
	}
	for (size_t i = 0; i < secs->count; i++)
		rl_section(rl, secs->kids[i]);
}

/* ---- the definition ---- */

enum cl_status relplan_def_load(const char *path, struct relplan_def *def, struct strbuf *errors)
{
	memset(def, 0, sizeof *def);
	struct rloader rl = {.path = path, .errors = errors, .def = def};
	FILE *f = fopen(path, "rb");
	if (!f) {
		int err = errno;
		rl_error(&rl, 0, 0, "cannot open: %s", strerror(err));
		return err == ENOENT ? CL_ERR_NOTFOUND : CL_ERR_IO;
	}
	struct rnode *root = rl_parse_file(&rl, f);
	fclose(f);
	if (root)
		rl_root(&rl, root);
	else if (!rl.error_count)
		rl_error(&rl, 0, 0, "%s", "the file is empty");
	rnode_free(root);
	if (rl.error_count > RELPLAN_MAX_ERRORS && errors)
		strbuf_printf(errors, "%s: %zu more problems\n", path,
			      rl.error_count - RELPLAN_MAX_ERRORS);
	if (rl.error_count) {
		relplan_def_clear(def);
		return CL_ERR_INVALID;
	}
	return CL_OK;
}

void relplan_def_clear(struct relplan_def *def)
{
	for (size_t i = 0; i < def->section_count; i++)
		free(def->sections[i].tasks);
	free(def->sections);
	free(def->holidays);
	memset(def, 0, sizeof *def);
}

const struct relplan_section_def *relplan_def_section(const struct relplan_def *def,
						      const char *id)
{
	for (size_t i = 0; i < def->section_count; i++)
		if (strcmp(def->sections[i].id, id) == 0)
			return &def->sections[i];
	return NULL;
}
