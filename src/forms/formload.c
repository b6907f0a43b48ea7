/* formload: a form definition's YAML into the model, with every problem reported at its
 * file:line:column. Two steps: libyaml's events become a small tree of nodes that keep their
 * positions (refusing aliases, tags, deep nesting and huge values on the way), then the tree
 * is walked mapping by mapping, each against its table of allowed keys. The checks that need
 * the whole model (expressions, dependency order, bands) follow in formlint.c. */
#include "caseload/formdef.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <yaml.h>

#include "caseload/text.h"
#include "formdef_internal.h"

/* ---- the node tree ------------------------------------------------------------------------ */

enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode {
	enum ynode_kind kind;
	unsigned line, column; /* 1-based, where the node starts */
	bool plain;            /* a plain scalar (not quoted, not a block scalar) */
	bool single_line;      /* a flow scalar written on one line */
	unsigned text_column;  /* the column of the scalar's first character of text */
	char *text;            /* scalars: the value, NUL-terminated */
	size_t len;
	struct ynode **kids;   /* lists: items; mappings: key, value, key, value, ... */
	size_t count, cap;
};

static void ynode_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->count; i++)
		ynode_free(n->kids[i]); /* depth is at most FORMDEF_MAX_DEPTH */
	free(n->kids);
	free(n->text);
	free(n);
}

static void ynode_add(struct ynode *parent, struct ynode *kid)
{
	if (parent->count == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 4;
		parent->kids = xrealloc(parent->kids, parent->cap * sizeof *parent->kids);
	}
	parent->kids[parent->count++] = kid;
}

static size_t ynode_pairs(const struct ynode *map)
{
	return map->count / 2;
}

static const struct ynode *ynode_key(const struct ynode *map, size_t i)
{
	return map->kids[2 * i];
}

static const struct ynode *ynode_val(const struct ynode *map, size_t i)
{
	return map->kids[2 * i + 1];
}

/* The value of key in map, or NULL. Keys are scalars once the key check has run. */
static const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);
		if (k->kind == YN_SCALAR && strcmp(k->text, key) == 0)
			return ynode_val(map, i);
	}
	return NULL;
}

/* The key node itself (for messages about the key), or NULL. */
static const struct ynode *ynode_key_named(const struct ynode *map, const char *key)
{
	for (size_t i = 0; map && map->kind == YN_MAP && i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);
		if (k->kind == YN_SCALAR && strcmp(k->text, key) == 0)
			return k;
	}
	return NULL;
}

/* YAML's null: an empty plain value ("key:") or ~ / null. */
static bool ynode_is_null(const struct ynode *n)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	if (n->kind != YN_SCALAR || !n->plain)
		return false;
	for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (strcmp(n->text, nulls[i]) == 0)
			return true;
	return false;
}

/* ---- the loader --------------------------------------------------------------------------- */

struct loader {
	const char *name;
	const char *text;
	size_t len;
	struct formdef_diags *diags;
	size_t errors;
	bool stop; /* too many errors: report nothing more */
	struct formdef *def;
	size_t cap_fields, cap_lists, cap_sections, cap_scores, cap_rules, cap_outputs;
	int *field_list;      /* per field: its choice list's index, or -1 */
	size_t named_lists;   /* choice_lists[0..named_lists) are the named ones */
	int yes_no_list;      /* index of the built-in yes/no list, or -1 */
	bool too_many_fields; /* reported once */
	const struct ynode **score_from; /* per score: its `from` node, resolved at the end */
	struct formdef_index field_ids;  /* built once the fields are all read, for score items */
	bool field_ids_built;
};

/* False (once reported) when a list already holds FORMDEF_MAX_ITEMS entries. */
static bool ld_room(struct loader *ld, size_t count, const struct ynode *at, const char *what);

#define LD_GROW(arr, count, cap)                                                                   \
	do {                                                                                       \
		if ((count) == (cap)) {                                                            \
			(cap) = (cap) ? (cap) * 2 : 8;                                             \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));                            \
		}                                                                                  \
		memset(&(arr)[(count)], 0, sizeof *(arr));                                         \
	} while (0)

static void ld_report(struct loader *ld, unsigned line, unsigned column, const char *message)
{
	if (ld->stop)
		return;
	if (++ld->errors > FORMDEF_MAX_ERRORS) {
		message = "too many errors; fix the ones above first";
		ld->stop = true;
	}
	formdef_diags_add(ld->diags, ld->name, line, column, FORMDEF_ERROR, "%s", message);
}

static void ld_error(struct loader *ld, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void ld_error(struct loader *ld, const struct ynode *at, const char *fmt, ...)
{
	struct strbuf msg;
	strbuf_init(&msg);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	ld_report(ld, at ? at->line : 1, at ? at->column : 1, msg.buf);
	strbuf_clear(&msg);
}

/* "\"value\"" for a scalar, "a list" or "a mapping" otherwise: what a message says was
 * found. Returned in buf (sanitized, cut short). */
static const char *ld_found(const struct ynode *n, struct strbuf *buf)
{
	strbuf_reset(buf);
	if (n->kind == YN_SEQ)
		strbuf_puts(buf, "a list");
	else if (n->kind == YN_MAP)
		strbuf_puts(buf, "a mapping");
	else {
		strbuf_putc(buf, '"');
		formdef_put_echo(buf, n->text);
		strbuf_putc(buf, '"');
	}
	return buf->buf;
}

/* A name from the file as messages show it: sanitized and cut short. */
static const char *ld_echo(const char *s, struct strbuf *buf)
{
	strbuf_reset(buf);
	formdef_put_echo(buf, s);
	return buf->buf;
}

/* "\"key\" must be WANTED, not FOUND" */
static void ld_wrong(struct loader *ld, const char *key, const struct ynode *val,
		     const char *wanted)
{
	struct strbuf buf;
	strbuf_init(&buf);
	ld_error(ld, val, "\"%s\" must be %s, not %s", key, wanted, ld_found(val, &buf));
	strbuf_clear(&buf);
}

static bool ld_room(struct loader *ld, size_t count, const struct ynode *at, const char *what)
{
	if (count < FORMDEF_MAX_ITEMS)
		return true;
	if (count == FORMDEF_MAX_ITEMS)
		ld_error(ld, at, "more than %d %s", FORMDEF_MAX_ITEMS, what);
	return false;
}

/* ---- YAML events into the tree ------------------------------------------------------------ */

static unsigned ld_mark_line(yaml_mark_t m)
{
	return m.line >= UINT_MAX ? UINT_MAX : (unsigned)m.line + 1;
}

static unsigned ld_mark_column(yaml_mark_t m)
{
	return m.column >= UINT_MAX ? UINT_MAX : (unsigned)m.column + 1;
}

/* libyaml's reader reports a byte offset, not a mark: count lines and characters to it. */
static void ld_offset_position(const struct loader *ld, size_t offset, unsigned *line,
			       unsigned *column)
{
	*line = 1;
	*column = 1;
	if (offset > ld->len)
		offset = ld->len;
	for (size_t i = 0; i < offset; i++) {
		if (ld->text[i] == '\n') {
			++*line;
			*column = 1;
		} else if (((unsigned char)ld->text[i] & 0xC0) != 0x80) {
			++*column;
		}
	}
}

static void ld_syntax_error(struct loader *ld, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "malformed YAML";
	if (p->error == YAML_MEMORY_ERROR) {
		ld_report(ld, 1, 1, "out of memory while reading the file");
	} else if (p->error == YAML_READER_ERROR) {
		unsigned line, column;
		ld_offset_position(ld, p->problem_offset, &line, &column);
		ld_report(ld, line, column, problem);
	} else {
		struct strbuf msg;
		strbuf_init(&msg);
		strbuf_puts(&msg, problem);
		if (p->context)
			strbuf_printf(&msg, " %s", p->context);
		ld_report(ld, ld_mark_line(p->problem_mark), ld_mark_column(p->problem_mark),
			  msg.buf);
		strbuf_clear(&msg);
	}
}

static struct ynode *ld_node(enum ynode_kind kind, const yaml_event_t *ev)
{
	struct ynode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = ld_mark_line(ev->start_mark);
	n->column = ld_mark_column(ev->start_mark);
	return n;
}

static struct ynode *ld_scalar_node(const yaml_event_t *ev)
{
	struct ynode *n = ld_node(YN_SCALAR, ev);
	yaml_scalar_style_t style = ev->data.scalar.style;
	n->len = ev->data.scalar.length;
	n->text = xmalloc(n->len + 1);
	memcpy(n->text, ev->data.scalar.value, n->len);
	n->text[n->len] = '\0';
	n->plain = style == YAML_PLAIN_SCALAR_STYLE;
	bool quoted =
	    style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	n->single_line = (n->plain || quoted) && ev->start_mark.line == ev->end_mark.line;
	n->text_column = n->column + (quoted ? 1 : 0);
	return n;
}

/* Refuses what the tree does not hold: anchors and aliases (a node written once and used
 * many times, the billion-laughs bomb), tags (a promise of a meaning the loader would not
 * give), keys and values too long to be anything but a mistake. */
static bool ld_event_ok(struct loader *ld, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	unsigned line = ld_mark_line(ev->start_mark), column = ld_mark_column(ev->start_mark);
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		ld_report(ld, line, column, "aliases are not allowed");
		return false;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		if (ev->data.scalar.length > FORMDEF_MAX_SCALAR) {
			ld_report(ld, line, column,
				  "a key or value is longer than 65536 bytes");
			return false;
		}
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor) {
		ld_report(ld, line, column, "aliases are not allowed");
		return false;
	}
	if (tag) {
		ld_report(ld, line, column, "tags are not allowed");
		return false;
	}
	return true;
}

/* The document as a tree, or NULL after reporting why not. */
static struct ynode *ld_parse_yaml(struct loader *ld)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		ld_report(ld, 1, 1, "out of memory while reading the file");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)ld->text, ld->len);
	struct ynode *root = NULL;
	struct ynode *stack[FORMDEF_MAX_DEPTH];
	size_t depth = 0;
	int documents = 0;
	bool ok = true, done = false;
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			ld_syntax_error(ld, &parser);
			ok = false;
			break;
		}
		if (!ld_event_ok(ld, &ev)) {
			ok = false;
		} else if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents > 1) {
			ld_report(ld, ld_mark_line(ev.start_mark), ld_mark_column(ev.start_mark),
				  "only one YAML document is allowed in a form file");
			ok = false;
		} else if (ev.type == YAML_SCALAR_EVENT || ev.type == YAML_SEQUENCE_START_EVENT ||
			   ev.type == YAML_MAPPING_START_EVENT) {
			struct ynode *n;
			if (ev.type == YAML_SCALAR_EVENT)
				n = ld_scalar_node(&ev);
			else
				n = ld_node(ev.type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP,
					    &ev);
			if (depth > 0)
				ynode_add(stack[depth - 1], n);
			else if (!root)
				root = n;
			else
				ynode_free(n); /* cannot happen: one document, one root */
			if (n->kind != YN_SCALAR) {
				if (depth == FORMDEF_MAX_DEPTH) {
					ld_report(ld, n->line, n->column,
						  "nesting deeper than 32 levels");
					ok = false;
				} else {
					stack[depth++] = n;
				}
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			   ev.type == YAML_MAPPING_END_EVENT) {
			if (depth > 0)
				depth--;
		} else if (ev.type == YAML_STREAM_END_EVENT) {
			done = true;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (!ok) {
		ynode_free(root);
		return NULL;
	}
	return root;
}

/* ---- mappings and their keys ------------------------------------------------------------- */

/* Checks every key of map: a scalar, written once, one of keys[] (NULL-terminated). where
 * says which mapping for messages: "in field \"dob\"". Returns false when map is no mapping
 * (reported as "WHAT must be a mapping"). */
static bool ld_keys(struct loader *ld, const struct ynode *map, const char *const keys[],
		    const char *what, const char *where)
{
	struct strbuf buf;
	strbuf_init(&buf);
	if (map->kind != YN_MAP) {
		ld_error(ld, map, "%s must be a mapping, not %s", what, ld_found(map, &buf));
		strbuf_clear(&buf);
		return false;
	}
	for (size_t i = 0; i < ynode_pairs(map) && !ld->stop; i++) {
		const struct ynode *k = ynode_key(map, i);
		if (k->kind != YN_SCALAR) {
			ld_error(ld, k, "a key must be a name, not %s", ld_found(k, &buf));
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++) {
			const struct ynode *prev = ynode_key(map, j);
			if (prev->kind == YN_SCALAR && strcmp(prev->text, k->text) == 0) {
				ld_error(ld, k, "duplicate key \"%s\" %s (first at line %u)",
					 ld_echo(k->text, &buf), where, prev->line);
				dup = true;
			}
		}
		if (dup)
			continue;
		bool known = false;
		struct formdef_hint hint;
		formdef_hint_init(&hint, k->text);
		for (size_t j = 0; keys[j] && !known; j++) {
			known = strcmp(k->text, keys[j]) == 0;
			formdef_hint_offer(&hint, keys[j]);
		}
		if (known)
			continue;
		if (hint.best)
			ld_error(ld, k, "unknown key \"%s\" %s (did you mean \"%s\"?)",
				 ld_echo(k->text, &buf), where, hint.best);
		else
			ld_error(ld, k, "unknown key \"%s\" %s", ld_echo(k->text, &buf), where);
	}
	strbuf_clear(&buf);
	return true;
}

/* The value of key, or NULL when absent (reported when required) or null (reported). */
static const struct ynode *ld_value(struct loader *ld, const struct ynode *map, const char *key,
				    bool required, const char *where)
{
	const struct ynode *v = ynode_get(map, key);
	if (!v) {
		if (required)
			ld_error(ld, map, "missing required key \"%s\" %s", key, where);
		return NULL;
	}
	if (ynode_is_null(v)) {
		ld_error(ld, v, "\"%s\" has no value", key);
		return NULL;
	}
	return v;
}

static bool ld_text_ok(struct loader *ld, const char *key, const struct ynode *v)
{
	if (v->kind != YN_SCALAR) {
		ld_wrong(ld, key, v, "text");
		return false;
	}
	if (strlen(v->text) != v->len) {
		ld_error(ld, v, "\"%s\" must not contain a NUL character", key);
		return false;
	}
	return true;
}

/* A text value into *out (a copy); false when absent or wrong. */
static bool ld_string(struct loader *ld, const struct ynode *map, const char *key, bool required,
		      const char *where, char **out)
{
	const struct ynode *v = ld_value(ld, map, key, required, where);
	if (!v || !ld_text_ok(ld, key, v))
		return false;
	free(*out);
	*out = xstrdup(v->text);
	return true;
}

static bool ld_parse_long(const char *s, long *out)
{
	if (!*s)
		return false;
	errno = 0;
	char *end;
	long n = strtol(s, &end, 10);
	if (*end || errno)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (c == s && (*c == '-' || *c == '+'))))
			return false;
	*out = n;
	return true;
}

static bool ld_integer(struct loader *ld, const struct ynode *map, const char *key, bool required,
		       const char *where, long lo, long hi, const char *wanted, long *out)
{
	const struct ynode *v = ld_value(ld, map, key, required, where);
	if (!v)
		return false;
	long n;
	if (v->kind != YN_SCALAR || !v->plain || !ld_parse_long(v->text, &n) || n < lo ||
	    n > hi) {
		ld_wrong(ld, key, v, wanted);
		return false;
	}
	*out = n;
	return true;
}

static bool ld_parse_number(const struct ynode *v, double *out)
{
	if (v->kind != YN_SCALAR || !v->plain || !v->text[0])
		return false;
	for (const char *c = v->text; *c; c++)
		if (!strchr("0123456789+-.eE", *c))
			return false;
	errno = 0;
	char *end;
	double d = strtod(v->text, &end);
	if (*end || errno || !isfinite(d))
		return false;
	*out = d;
	return true;
}

static bool ld_number(struct loader *ld, const struct ynode *map, const char *key,
		      const char *where, double *out)
{
	const struct ynode *v = ld_value(ld, map, key, false, where);
	if (!v)
		return false;
	if (!ld_parse_number(v, out)) {
		ld_wrong(ld, key, v, "a number");
		return false;
	}
	return true;
}

static bool ld_bool(struct loader *ld, const struct ynode *map, const char *key,
		    const char *where, bool *out)
{
	const struct ynode *v = ld_value(ld, map, key, false, where);
	if (!v)
		return false;
	if (v->kind == YN_SCALAR && v->plain &&
	    (!strcmp(v->text, "true") || !strcmp(v->text, "false"))) {
		*out = v->text[0] == 't';
		return true;
	}
	ld_wrong(ld, key, v, "true or false");
	return false;
}

/* One of names[] (NULL-terminated) into *out as its index. */
static bool ld_enum(struct loader *ld, const struct ynode *map, const char *key, bool required,
		    const char *where, const char *const names[], int *out)
{
	const struct ynode *v = ld_value(ld, map, key, required, where);
	if (!v)
		return false;
	size_t n = 0;
	while (names[n])
		n++;
	struct formdef_hint hint;
	formdef_hint_init(&hint, v->kind == YN_SCALAR ? v->text : "");
	for (size_t i = 0; i < n; i++) {
		if (v->kind == YN_SCALAR && strcmp(v->text, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
		formdef_hint_offer(&hint, names[i]);
	}
	struct strbuf msg, buf;
	strbuf_init(&msg);
	strbuf_init(&buf);
	strbuf_printf(&msg, "\"%s\" must be %s", key, n > 2 ? "one of " : "");
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&msg, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
	strbuf_printf(&msg, ", not %s", ld_found(v, &buf));
	if (hint.best)
		strbuf_printf(&msg, " (did you mean \"%s\"?)", hint.best);
	ld_report(ld, v->line, v->column, msg.buf);
	strbuf_clear(&buf);
	strbuf_clear(&msg);
	return false;
}

/* An expression (any scalar: numbers and dates are expressions too) into *out. */
static bool ld_expr_node(struct loader *ld, const char *key, const struct ynode *v,
			 struct formdef_expr *out)
{
	if (!ld_text_ok(ld, key, v))
		return false;
	if (!v->text[0]) {
		ld_error(ld, v, "\"%s\" must not be empty", key);
		return false;
	}
	formdef_expr_clear(out);
	out->text = xstrdup(v->text);
	out->pos = (struct formdef_pos){v->line, v->text_column};
	out->single_line = v->single_line;
	out->prefix = 0;
	return true;
}

static bool ld_expr(struct loader *ld, const struct ynode *map, const char *key, bool required,
		    const char *where, struct formdef_expr *out)
{
	const struct ynode *v = ld_value(ld, map, key, required, where);
	return v && ld_expr_node(ld, key, v, out);
}

/* A list (at least min_count items), or NULL. */
static const struct ynode *ld_list(struct loader *ld, const struct ynode *map, const char *key,
				   bool required, size_t min_count, const char *where)
{
	const struct ynode *v = ld_value(ld, map, key, required, where);
	if (!v)
		return NULL;
	if (v->kind != YN_SEQ) {
		ld_wrong(ld, key, v, "a list");
		return NULL;
	}
	if (v->count < min_count) {
		ld_error(ld, v, "\"%s\" must not be empty", key);
		return NULL;
	}
	return v;
}

/* An `id:` that must be a slug; *out is left NULL when it is absent or wrong. */
static bool ld_id(struct loader *ld, const struct ynode *map, bool required, const char *where,
		  char **out)
{
	const struct ynode *v = ld_value(ld, map, "id", required, where);
	if (!v)
		return false;
	if (v->kind != YN_SCALAR || !formdef_is_slug(v->text)) {
		ld_wrong(ld, "id", v, "a slug ([a-z][a-z0-9_]*, at most 64 characters)");
		return false;
	}
	*out = xstrdup(v->text);
	return true;
}

/* "in field \"dob\"" (or "in a field" when it has no usable id) into buf. */
static const char *ld_where(struct strbuf *buf, const char *what, const char *id)
{
	strbuf_reset(buf);
	if (id)
		strbuf_printf(buf, "in %s \"%s\"", what, id);
	else
		strbuf_printf(buf, "in a %s", what);
	return buf->buf;
}

static const char *const ld_roles[] = {"intern", "caseworker", "lead", "admin", NULL};

static bool ld_roles_list(struct loader *ld, const struct ynode *map, const char *key,
			  const char *where, char ***out, size_t *count)
{
	const struct ynode *v = ld_list(ld, map, key, false, 0, where);
	if (!v)
		return false;
	for (size_t i = 0; i < *count; i++)
		free((*out)[i]);
	free(*out);
	*out = xcalloc(v->count ? v->count : 1, sizeof **out);
	*count = 0;
	struct strbuf buf;
	strbuf_init(&buf);
	for (size_t i = 0; i < v->count; i++) {
		const struct ynode *r = v->kids[i];
		struct formdef_hint hint;
		formdef_hint_init(&hint, r->kind == YN_SCALAR ? r->text : "");
		bool known = false;
		for (size_t j = 0; ld_roles[j] && !known; j++) {
			known = r->kind == YN_SCALAR && strcmp(r->text, ld_roles[j]) == 0;
			formdef_hint_offer(&hint, ld_roles[j]);
		}
		bool dup = false;
		for (size_t j = 0; known && j < *count; j++)
			dup = dup || strcmp((*out)[j], r->text) == 0;
		if (dup)
			ld_error(ld, r, "role \"%s\" is listed twice in \"%s\"", r->text, key);
		else if (known)
			(*out)[(*count)++] = xstrdup(r->text);
		else if (hint.best)
			ld_error(ld, r, "unknown role %s in \"%s\" (did you mean \"%s\"?)",
				 ld_found(r, &buf), key, hint.best);
		else
			ld_error(ld, r, "unknown role %s in \"%s\"; the roles are intern, "
				 "caseworker, lead and admin", ld_found(r, &buf), key);
	}
	strbuf_clear(&buf);
	return true;
}

static char **ld_default_roles(const char *const names[], size_t n, size_t *count)
{
	char **v = xcalloc(n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(names[i]);
	*count = n;
	return v;
}

/* ---- choice lists ------------------------------------------------------------------------- */

static const char *const ld_choice_keys[] = {"value", "label", "score", "missing", "retired",
					     "fields", NULL};

/* A new, empty choice list named name; its index. */
static int ld_new_list(struct loader *ld, const char *name, const struct ynode *at)
{
	struct formdef *def = ld->def;
	LD_GROW(def->choice_lists, def->choice_list_count, ld->cap_lists);
	struct formdef_choice_list *l = &def->choice_lists[def->choice_list_count];
	l->name = xstrdup(name);
	l->pos = (struct formdef_pos){at ? at->line : 1, at ? at->column : 1};
	return (int)def->choice_list_count++;
}

static void ld_add_choice(struct formdef_choice_list *l, size_t *cap, struct formdef_choice *c)
{
	LD_GROW(l->items, l->count, *cap);
	l->items[l->count++] = *c;
}

static int ld_yes_no_list(struct loader *ld)
{
	if (ld->yes_no_list >= 0)
		return ld->yes_no_list;
	int idx = ld_new_list(ld, "(yes_no)", NULL);
	struct formdef_choice_list *l = &ld->def->choice_lists[idx];
	size_t cap = 0;
	struct formdef_choice yes = {.value = xstrdup("yes"), .label = xstrdup("Yes"),
				     .pos = {1, 1}};
	struct formdef_choice no = {.value = xstrdup("no"), .label = xstrdup("No"), .pos = {1, 1}};
	ld_add_choice(l, &cap, &yes);
	ld_add_choice(l, &cap, &no);
	ld->yes_no_list = idx;
	return idx;
}

/* A choice's value: any scalar, numbers kept as written ("0" stays "0"). */
static bool ld_choice_value(struct loader *ld, const struct ynode *c, const char *where,
			    const struct ynode **out)
{
	const struct ynode *v = ld_value(ld, c, "value", true, where);
	if (!v || !ld_text_ok(ld, "value", v))
		return false;
	if (!v->text[0]) {
		ld_error(ld, v, "\"value\" must not be empty");
		return false;
	}
	*out = v;
	return true;
}

/* Reads list (a YAML list of choices) into a new choice list; its index, or -1. Nested
 * `fields` are read later by the owning field; here they are only allowed or refused. */
static int ld_choice_list(struct loader *ld, const struct ynode *list, const char *name,
			  const char *key, bool allow_fields)
{
	if (list->kind != YN_SEQ) {
		ld_wrong(ld, key, list, "a list of choices");
		return -1;
	}
	if (list->count == 0) {
		ld_error(ld, list, "\"%s\" must not be empty", key);
		return -1;
	}
	int idx = ld_new_list(ld, name, list);
	size_t cap = 0;
	struct strbuf wbuf, ebuf;
	strbuf_init(&wbuf);
	strbuf_init(&ebuf);
	for (size_t i = 0; i < list->count && !ld->stop; i++) {
		const struct ynode *c = list->kids[i];
		const char *where = ld_where(&wbuf, "choice list", name);
		if (!ld_room(ld, ld->def->choice_lists[idx].count, c, "choices in a list"))
			break;
		if (!ld_keys(ld, c, ld_choice_keys, "a choice", where))
			continue;
		const struct ynode *v;
		if (!ld_choice_value(ld, c, where, &v))
			continue;
		struct formdef_choice_list *l = &ld->def->choice_lists[idx];
		const struct formdef_choice *first = formdef_choice_find(l, v->text);
		if (first) {
			ld_error(ld, v, "duplicate choice value \"%s\" %s (first at line %u)",
				 ld_echo(v->text, &ebuf), where, first->pos.line);
			continue;
		}
		struct formdef_choice ch = {.pos = {v->line, v->column}};
		ch.value = xstrdup(v->text);
		ld_where(&wbuf, "choice", ld_echo(v->text, &ebuf));
		ld_string(ld, c, "label", true, wbuf.buf, &ch.label);
		if (!ch.label)
			ch.label = xstrdup("");
		ch.has_score = ld_number(ld, c, "score", wbuf.buf, &ch.score);
		ld_bool(ld, c, "missing", wbuf.buf, &ch.missing);
		ld_bool(ld, c, "retired", wbuf.buf, &ch.retired);
		const struct ynode *nested = ynode_key_named(c, "fields");
		if (nested && !allow_fields)
			ld_error(ld, nested,
				 "nested \"fields\" are only allowed in the inline choices of a "
				 "select_one or select_multiple field");
		ld_add_choice(l, &cap, &ch);
	}
	strbuf_clear(&wbuf);
	strbuf_clear(&ebuf);
	return idx;
}

static void ld_named_lists(struct loader *ld, const struct ynode *choices)
{
	if (choices->kind != YN_MAP) {
		ld_wrong(ld, "choices", choices, "a mapping of list names to lists of choices");
		return;
	}
	struct strbuf buf;
	strbuf_init(&buf);
	for (size_t i = 0; i < ynode_pairs(choices) && !ld->stop; i++) {
		const struct ynode *k = ynode_key(choices, i), *v = ynode_val(choices, i);
		if (!ld_room(ld, ld->def->choice_list_count, k, "choice lists"))
			break;
		if (k->kind != YN_SCALAR || !formdef_is_slug(k->text)) {
			ld_error(ld, k, "a choice list name must be a slug ([a-z][a-z0-9_]*), not %s",
				 ld_found(k, &buf));
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < ld->def->choice_list_count && !dup; j++) {
			if (strcmp(ld->def->choice_lists[j].name, k->text) == 0) {
				ld_error(ld, k, "duplicate choice list \"%s\" (first at line %u)",
					 k->text, ld->def->choice_lists[j].pos.line);
				dup = true;
			}
		}
		if (!dup)
			ld_choice_list(ld, v, k->text, k->text, false);
	}
	ld->named_lists = ld->def->choice_list_count;
	strbuf_clear(&buf);
}

static int ld_find_named_list(struct loader *ld, const struct ynode *v)
{
	for (size_t i = 0; i < ld->named_lists; i++)
		if (strcmp(ld->def->choice_lists[i].name, v->text) == 0)
			return (int)i;
	struct formdef_hint hint;
	formdef_hint_init(&hint, v->text);
	for (size_t i = 0; i < ld->named_lists; i++)
		formdef_hint_offer(&hint, ld->def->choice_lists[i].name);
	struct strbuf buf;
	strbuf_init(&buf);
	if (hint.best)
		ld_error(ld, v, "unknown choice list \"%s\" (did you mean \"%s\"?)",
			 ld_echo(v->text, &buf), hint.best);
	else
		ld_error(ld, v, "unknown choice list \"%s\"", ld_echo(v->text, &buf));
	strbuf_clear(&buf);
	return -1;
}

/* ---- fields ------------------------------------------------------------------------------- */

#define T(x) (1u << FORMDEF_##x)
#define LD_INPUT                                                                                   \
	(T(TEXT) | T(TEXTAREA) | T(INTEGER) | T(DECIMAL) | T(DATE) | T(DATETIME) | T(TIME) |       \
	 T(YES_NO) | T(ADDRESS) | T(SELECT_ONE) | T(SELECT_MULTIPLE) | T(ATTESTATION))
#define LD_ALL 0xFFFFu
#define LD_MINMAX (T(INTEGER) | T(DECIMAL) | T(DATE) | T(DATETIME))
#define LD_LENGTH (T(TEXT) | T(TEXTAREA) | T(ADDRESS))

/* Which keys a field may have, and for which types: one list, so that the key check and
 * the type check cannot drift apart. */
#define LD_FIELD_KEYS(X)                                                                           \
	X("id", LD_ALL)                                                                            \
	X("type", LD_ALL)                                                                          \
	X("label", LD_ALL)                                                                         \
	X("help", LD_ALL)                                                                          \
	X("required", LD_INPUT | T(LIKERT))                                                        \
	X("required_message", LD_INPUT | T(LIKERT))                                                \
	X("relevant", LD_ALL)                                                                      \
	X("readonly", LD_INPUT)                                                                    \
	X("default", LD_INPUT)                                                                     \
	X("calculate", T(CALCULATED))                                                              \
	X("choices", T(SELECT_ONE) | T(SELECT_MULTIPLE) | T(LIKERT))                               \
	X("min", LD_MINMAX)                                                                        \
	X("max", LD_MINMAX)                                                                        \
	X("min_length", LD_LENGTH)                                                                 \
	X("max_length", LD_LENGTH)                                                                 \
	X("pattern", T(TEXT))                                                                      \
	X("constraint", LD_INPUT)                                                                  \
	X("constraint_message", LD_INPUT)                                                          \
	X("severity", LD_INPUT)                                                                    \
	X("sensitivity", LD_ALL)                                                                   \
	X("report_key", LD_ALL)                                                                    \
	X("rows", T(LIKERT))                                                                       \
	X("fields", T(REPEAT))                                                                     \
	X("min_rows", T(REPEAT))                                                                   \
	X("max_rows", T(REPEAT))                                                                   \
	X("statement", T(ATTESTATION))                                                             \
	X("when_yes", T(YES_NO))                                                                   \
	X("when_no", T(YES_NO))
#define LD_KEY_NAME(key, types) key,
#define LD_KEY_TYPES(key, types) types,
static const char *const ld_field_key_names[] = {LD_FIELD_KEYS(LD_KEY_NAME) NULL};
static const unsigned ld_field_key_types[] = {LD_FIELD_KEYS(LD_KEY_TYPES)};
#define LD_NFIELD_KEYS (sizeof ld_field_key_types / sizeof ld_field_key_types[0])

static const char *const ld_type_names[] = {
	"text",   "textarea",   "integer",    "decimal",     "date",   "datetime",
	"time",   "yes_no",     "address",    "select_one",  "select_multiple",
	"likert", "note",       "calculated", "attestation", "repeat", NULL};
static const char *const ld_sensitivities[] = {"none", "pii",  "health", "part2",
					       "prea", "victim", NULL};
static const char *const ld_severities[] = {"error", "warning", NULL};

/* Where the fields being read belong. */
struct ld_scope {
	int section;
	int parent;          /* repeat or likert slot, or -1 */
	int repeat;          /* repeat slot, or -1 */
	const char *implied; /* the implicit relevant of fields nested under a choice, or NULL */
};

/* Keys of a field that do not apply to its type. */
static void ld_field_applies(struct loader *ld, const struct ynode *map,
			     enum formdef_field_type type)
{
	for (size_t i = 0; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);
		if (k->kind != YN_SCALAR)
			continue;
		for (size_t j = 0; j < LD_NFIELD_KEYS; j++) {
			if (strcmp(k->text, ld_field_key_names[j]) != 0 ||
			    (ld_field_key_types[j] & (1u << type)))
				continue;
			if (type == FORMDEF_YES_NO && !strcmp(k->text, "choices"))
				ld_error(ld, k, "yes_no fields have the implicit choices yes and no; "
					 "nest fields under them with when_yes and when_no");
			else
				ld_error(ld, k, "\"%s\" does not apply to %s fields", k->text,
					 formdef_type_name(type));
		}
	}
}

/* A new field at the end of def->fields, zeroed but for the unset markers; its slot, or -1
 * past FORMDEF_MAX_FIELDS. */
static int ld_new_field(struct loader *ld, const struct ynode *at)
{
	struct formdef *def = ld->def;
	if (def->field_count >= FORMDEF_MAX_FIELDS) {
		if (!ld->too_many_fields)
			ld_error(ld, at, "more than %d fields", FORMDEF_MAX_FIELDS);
		ld->too_many_fields = true;
		return -1;
	}
	size_t cap = ld->cap_fields;
	LD_GROW(def->fields, def->field_count, ld->cap_fields);
	if (cap != ld->cap_fields)
		ld->field_list = xrealloc(ld->field_list, ld->cap_fields * sizeof *ld->field_list);
	int slot = (int)def->field_count++;
	ld->field_list[slot] = -1;
	struct formdef_field *f = &def->fields[slot];
	f->slot = slot;
	f->parent = f->repeat = -1;
	f->min_length = f->max_length = -1;
	f->min_rows = f->max_rows = -1;
	f->pos = (struct formdef_pos){at->line, at->column};
	return slot;
}

/* The field with this id before `before`, or NULL. */
static const struct formdef_field *ld_field_named(const struct loader *ld, const char *id,
						  size_t before)
{
	for (size_t i = 0; i < before; i++)
		if (strcmp(ld->def->fields[i].id, id) == 0)
			return &ld->def->fields[i];
	return NULL;
}

static size_t ld_utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* proprietary_reference forms hold no item text: no help, no long labels. */
static void ld_proprietary(struct loader *ld, const struct ynode *map)
{
	if (ld->def->provenance != FORMDEF_PROV_PROPRIETARY_REFERENCE)
		return;
	const struct ynode *help = ynode_get(map, "help");
	const struct ynode *label = ynode_get(map, "label");
	if (help)
		ld_error(ld, help, "proprietary_reference forms may not contain item text");
	else if (label && label->kind == YN_SCALAR && ld_utf8_length(label->text) > 80)
		ld_error(ld, label, "proprietary_reference forms may not contain item text");
}

/* regcomp builds a copy of the repeated part per count, so its time and memory grow with
 * length times counts: (a|b|...){1000} of 1,000 bytes takes seconds and a gigabyte. The
 * budget below keeps it under a few milliseconds; field patterns are far smaller. */
#define LD_PATTERN_MAX_LENGTH 1000
#define LD_PATTERN_BUDGET 20000

static bool ld_pattern_size_ok(const char *p)
{
	double copies = 1;
	for (const char *c = p; *c; c++) {
		if (*c == '\\' && c[1]) {
			c++;
			continue;
		}
		if (*c != '{')
			continue;
		double hi = 0, n = 0;
		for (c++; *c && *c != '}'; c++) {
			if (*c >= '0' && *c <= '9') {
				n = n * 10 + (*c - '0');
				hi = n > hi ? n : hi;
			} else {
				n = 0;
			}
		}
		if (hi > 1)
			copies *= hi;
		if (!*c)
			break;
	}
	return copies * (double)strlen(p) <= LD_PATTERN_BUDGET;
}

static void ld_pattern(struct loader *ld, const struct ynode *map, const char *where,
		       struct formdef_field *f)
{
	if (!ld_string(ld, map, "pattern", false, where, &f->pattern))
		return;
	const struct ynode *v = ynode_get(map, "pattern");
	if (strlen(f->pattern) > LD_PATTERN_MAX_LENGTH || !ld_pattern_size_ok(f->pattern)) {
		ld_error(ld, v, "\"pattern\" is too complex for a field check: keep it short and "
			 "its {m,n} counts small");
		return;
	}
	regex_t re;
	int rc = regcomp(&re, f->pattern, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		char msg[128];
		regerror(rc, &re, msg, sizeof msg);
		ld_error(ld, v, "\"pattern\" is not a valid regular expression: %s", msg);
		return;
	}
	regfree(&re);
}

static bool ld_is_date_literal(const char *s)
{
	if (strlen(s) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	return true;
}

/* min/max: a number, a date written plainly (2020-01-31, read as date('2020-01-31')) or an
 * expression. */
static bool ld_bound(struct loader *ld, const struct ynode *map, const char *key,
		     const char *where, struct formdef_expr *out)
{
	if (!ld_expr(ld, map, key, false, where, out))
		return false;
	if (ld_is_date_literal(out->text)) {
		struct strbuf t;
		strbuf_init(&t);
		strbuf_printf(&t, "date('%s')", out->text);
		free(out->text);
		out->text = strbuf_detach(&t);
		out->single_line = false;
	}
	return true;
}

static void ld_lengths(struct loader *ld, const struct ynode *map, const char *where,
		       struct formdef_field *f)
{
	if (!(LD_LENGTH & (1u << f->type)))
		return;
	f->max_length = f->type == FORMDEF_TEXT ? 500 : 20000;
	ld_integer(ld, map, "min_length", false, where, 0, 1000000, "an integer ≥ 0",
		   &f->min_length);
	ld_integer(ld, map, "max_length", false, where, 1, 1000000, "an integer ≥ 1",
		   &f->max_length);
	if (f->min_length > f->max_length)
		ld_error(ld, ynode_get(map, "min_length"),
			 "\"min_length\" %ld is greater than \"max_length\" %ld", f->min_length,
			 f->max_length);
}

static void ld_rows_bounds(struct loader *ld, const struct ynode *map, const char *where,
			   struct formdef_field *f)
{
	ld_integer(ld, map, "min_rows", false, where, 0, 10000, "an integer ≥ 0", &f->min_rows);
	ld_integer(ld, map, "max_rows", false, where, 1, 10000, "an integer ≥ 1", &f->max_rows);
	if (f->min_rows >= 0 && f->max_rows >= 0 && f->min_rows > f->max_rows)
		ld_error(ld, ynode_get(map, "min_rows"),
			 "\"min_rows\" %ld is greater than \"max_rows\" %ld", f->min_rows,
			 f->max_rows);
}

/* `required: true/false` or an expression. */
static void ld_required(struct loader *ld, const struct ynode *map, struct formdef_field *f)
{
	const struct ynode *v = ld_value(ld, map, "required", false, "");
	if (!v)
		return;
	if (v->kind == YN_SCALAR && v->plain &&
	    (!strcmp(v->text, "true") || !strcmp(v->text, "false")))
		f->required = v->text[0] == 't';
	else
		ld_expr_node(ld, "required", v, &f->required_if);
}

static void ld_fields(struct loader *ld, const struct ynode *list, const struct ld_scope *scope);

/* Fields nested under a choice value: read right after their parent, each with the
 * implicit relevant cond. */
static void ld_nested(struct loader *ld, const char *key, const struct ynode *list,
		      const struct formdef_field *parent, const char *cond)
{
	if (list->kind != YN_SEQ || list->count == 0) {
		ld_wrong(ld, key, list, "a list of fields");
		return;
	}
	struct ld_scope scope = {parent->section, parent->parent, parent->repeat, cond};
	ld_fields(ld, list, &scope);
}

/* "$p = 'v'" with v quoted for the expression language. */
static char *ld_condition(const char *parent, const char *fmt_pre, const char *value,
			  const char *fmt_post)
{
	struct strbuf s;
	strbuf_init(&s);
	strbuf_printf(&s, fmt_pre, parent);
	for (const char *c = value; *c; c++) {
		if (*c == '\\' || *c == '\'')
			strbuf_putc(&s, '\\');
		strbuf_putc(&s, *c);
	}
	strbuf_puts(&s, fmt_post);
	return strbuf_detach(&s);
}

/* The nested fields of a field's inline choices and of yes_no's when_yes/when_no. */
static void ld_children(struct loader *ld, const struct ynode *map, int slot)
{
	struct formdef_field parent = ld->def->fields[slot]; /* a copy: fields may move */
	if (parent.type == FORMDEF_YES_NO) {
		static const char *const keys[] = {"when_yes", "when_no"};
		for (int i = 0; i < 2; i++) {
			const struct ynode *v = ld_value(ld, map, keys[i], false, "");
			if (!v)
				continue;
			char *cond = ld_condition(parent.id, "$%s = '", i ? "no" : "yes", "'");
			ld_nested(ld, keys[i], v, &parent, cond);
			free(cond);
		}
		return;
	}
	const struct ynode *choices = ynode_get(map, "choices");
	if (!choices || choices->kind != YN_SEQ || parent.type == FORMDEF_LIKERT)
		return;
	for (size_t i = 0; i < choices->count; i++) {
		const struct ynode *c = choices->kids[i];
		const struct ynode *nested = ynode_get(c, "fields");
		const struct ynode *value = ynode_get(c, "value");
		if (!nested || !value || value->kind != YN_SCALAR)
			continue;
		char *cond = parent.type == FORMDEF_SELECT_MULTIPLE
				     ? ld_condition(parent.id, "selected($%s, '", value->text, "')")
				     : ld_condition(parent.id, "$%s = '", value->text, "'");
		ld_nested(ld, "fields", nested, &parent, cond);
		free(cond);
	}
}

/* Likert rows: each a select_one field over the likert's choices, its parent the likert. */
static void ld_likert_rows(struct loader *ld, const struct ynode *map, int slot)
{
	static const char *const row_keys[] = {"id", "label", NULL};
	const struct ynode *rows = ld_list(ld, map, "rows", true, 1, "");
	if (!rows)
		return;
	struct strbuf wbuf;
	strbuf_init(&wbuf);
	for (size_t i = 0; i < rows->count && !ld->too_many_fields; i++) {
		const struct ynode *r = rows->kids[i];
		const char *likert_id = ld->def->fields[slot].id;
		if (!ld_keys(ld, r, row_keys, "a likert row", ld_where(&wbuf, "likert", likert_id)))
			continue;
		char *id = NULL;
		if (!ld_id(ld, r, true, wbuf.buf, &id))
			continue;
		const struct formdef_field *first = ld_field_named(ld, id, ld->def->field_count);
		if (first) {
			ld_error(ld, ynode_get(r, "id"), "duplicate field id \"%s\" (first at line %u)",
				 id, first->pos.line);
			free(id);
			continue;
		}
		int row = ld_new_field(ld, r);
		if (row < 0) {
			free(id);
			break;
		}
		struct formdef_field *likert = &ld->def->fields[slot];
		struct formdef_field *f = &ld->def->fields[row];
		f->id = id;
		f->type = FORMDEF_SELECT_ONE;
		f->section = likert->section;
		f->parent = slot;
		f->repeat = likert->repeat;
		f->required = likert->required;
		if (likert->required_if.text) {
			f->required_if = likert->required_if;
			f->required_if.text = xstrdup(likert->required_if.text);
			f->required_if.expr = NULL;
		}
		if (likert->required_message)
			f->required_message = xstrdup(likert->required_message);
		f->sensitivity = likert->sensitivity;
		ld_string(ld, r, "label", false, ld_where(&wbuf, "row", id), &f->label);
		if (!f->label)
			f->label = xstrdup("");
		ld->field_list[row] = ld->field_list[slot];
		ld_proprietary(ld, r);
	}
	strbuf_clear(&wbuf);
}

/* The type-specific parts of field slot. */
static void ld_field_kind(struct loader *ld, const struct ynode *map, int slot, const char *where)
{
	struct formdef_field *f = &ld->def->fields[slot];
	switch (f->type) {
	case FORMDEF_CALCULATED:
		ld_expr(ld, map, "calculate", true, where, &f->calculate);
		break;
	case FORMDEF_SELECT_ONE:
	case FORMDEF_SELECT_MULTIPLE:
	case FORMDEF_LIKERT: {
		const struct ynode *c = ld_value(ld, map, "choices", true, where);
		if (!c)
			break;
		if (c->kind == YN_SCALAR)
			ld->field_list[slot] = ld_find_named_list(ld, c);
		else
			ld->field_list[slot] =
			    ld_choice_list(ld, c, f->id, "choices", f->type != FORMDEF_LIKERT);
		break;
	}
	case FORMDEF_YES_NO:
		ld->field_list[slot] = ld_yes_no_list(ld);
		break;
	case FORMDEF_ATTESTATION:
		ld_string(ld, map, "statement", false, where, &f->statement);
		break;
	case FORMDEF_REPEAT:
		ld_rows_bounds(ld, map, where, f);
		break;
	default:
		break;
	}
	f = &ld->def->fields[slot];
	ld_lengths(ld, map, where, f);
	if (f->type == FORMDEF_TEXT)
		ld_pattern(ld, map, where, f);
	if (LD_MINMAX & (1u << f->type)) {
		f->has_min = ld_bound(ld, map, "min", where, &f->min);
		f->has_max = ld_bound(ld, map, "max", where, &f->max);
	}
}

/* The relevant of a field: its own, and'ed after the implicit one of a nested field. */
static void ld_relevant(struct loader *ld, const struct ynode *map, const char *where,
			const char *implied, struct formdef_expr *out)
{
	bool own = ld_expr(ld, map, "relevant", false, where, out);
	if (!implied)
		return;
	if (!own) {
		out->text = xstrdup(implied);
		out->pos = (struct formdef_pos){map->line, map->column};
		out->single_line = false;
		out->prefix = strlen(implied);
		return;
	}
	struct strbuf t;
	strbuf_init(&t);
	strbuf_printf(&t, "%s and (", implied);
	out->prefix = t.len;
	strbuf_printf(&t, "%s)", out->text);
	free(out->text);
	out->text = strbuf_detach(&t);
}

static void ld_field(struct loader *ld, const struct ynode *map, const struct ld_scope *scope)
{
	struct strbuf wbuf;
	strbuf_init(&wbuf);
	char *id = NULL;
	if (map->kind == YN_MAP)
		ld_id(ld, map, true, "in a field", &id);
	const char *where = ld_where(&wbuf, "field", id);
	if (!ld_keys(ld, map, ld_field_key_names, "a field", where)) {
		strbuf_clear(&wbuf);
		return;
	}
	int type = -1;
	ld_enum(ld, map, "type", true, where, ld_type_names, &type);
	const struct formdef_field *first = id ? ld_field_named(ld, id, ld->def->field_count) : NULL;
	if (first)
		ld_error(ld, ynode_get(map, "id"), "duplicate field id \"%s\" (first at line %u)", id,
			 first->pos.line);
	if (!id || type < 0 || first) {
		free(id);
		strbuf_clear(&wbuf);
		return;
	}
	if (scope->repeat >= 0 && (type == FORMDEF_REPEAT || type == FORMDEF_LIKERT))
		ld_error(ld, ynode_get(map, "type"), "a repeat may not contain a %s field",
			 formdef_type_name((enum formdef_field_type)type));
	ld_field_applies(ld, map, (enum formdef_field_type)type);
	ld_proprietary(ld, map);
	int slot = ld_new_field(ld, map);
	if (slot < 0) {
		free(id);
		strbuf_clear(&wbuf);
		return;
	}
	struct formdef_field *f = &ld->def->fields[slot];
	f->id = id;
	f->type = (enum formdef_field_type)type;
	f->section = scope->section;
	f->parent = scope->parent;
	f->repeat = scope->repeat;
	ld_string(ld, map, "label", true, where, &f->label);
	ld_string(ld, map, "help", false, where, &f->help);
	ld_relevant(ld, map, where, scope->implied, &f->relevant);
	int sens = 0, sev = 0;
	ld_enum(ld, map, "sensitivity", false, where, ld_sensitivities, &sens);
	f->sensitivity = (enum formdef_sensitivity)sens;
	const struct ynode *rk = ld_value(ld, map, "report_key", false, where);
	if (rk && (rk->kind != YN_SCALAR || !formdef_is_slug(rk->text)))
		ld_wrong(ld, "report_key", rk, "a column name ([a-z][a-z0-9_]*)");
	else if (rk)
		f->report_key = xstrdup(rk->text);
	if (LD_INPUT & (1u << type)) {
		ld_required(ld, map, f);
		ld_string(ld, map, "required_message", false, where, &f->required_message);
		ld_bool(ld, map, "readonly", where, &f->readonly);
		ld_expr(ld, map, "default", false, where, &f->default_value);
		ld_expr(ld, map, "constraint", false, where, &f->constraint);
		ld_string(ld, map, "constraint_message", false, where, &f->constraint_message);
		ld_enum(ld, map, "severity", false, where, ld_severities, &sev);
		f->severity = (enum formdef_severity)sev;
	} else if (type == FORMDEF_LIKERT) {
		ld_required(ld, map, f);
		ld_string(ld, map, "required_message", false, where, &f->required_message);
	}
	ld_field_kind(ld, map, slot, where);
	if (type == FORMDEF_LIKERT) {
		ld_likert_rows(ld, map, slot);
	} else if (type == FORMDEF_REPEAT) {
		const struct ynode *sub = ld_list(ld, map, "fields", true, 1, where);
		struct ld_scope inner = {scope->section, slot, slot, NULL};
		if (sub)
			ld_fields(ld, sub, &inner);
	} else {
		ld_children(ld, map, slot);
	}
	strbuf_clear(&wbuf);
}

static void ld_fields(struct loader *ld, const struct ynode *list, const struct ld_scope *scope)
{
	for (size_t i = 0; i < list->count && !ld->too_many_fields && !ld->stop; i++)
		ld_field(ld, list->kids[i], scope);
}

/* ---- sections ----------------------------------------------------------------------------- */

static void ld_sections(struct loader *ld, const struct ynode *list)
{
	static const char *const keys[] = {"id", "title", "help", "relevant", "fields", NULL};
	struct formdef *def = ld->def;
	struct strbuf wbuf;
	strbuf_init(&wbuf);
	for (size_t i = 0; i < list->count && !ld->stop; i++) {
		const struct ynode *map = list->kids[i];
		char *id = NULL;
		if (map->kind == YN_MAP)
			ld_id(ld, map, true, "in a section", &id);
		const char *where = ld_where(&wbuf, "section", id);
		if (!ld_keys(ld, map, keys, "a section", where))
			continue;
		for (size_t j = 0; id && j < def->section_count; j++) {
			if (strcmp(def->sections[j].id, id) == 0) {
				ld_error(ld, ynode_get(map, "id"),
					 "duplicate section id \"%s\" (first at line %u)", id,
					 def->sections[j].pos.line);
				free(id);
				id = NULL;
			}
		}
		if (!id)
			continue;
		LD_GROW(def->sections, def->section_count, ld->cap_sections);
		size_t index = def->section_count++;
		struct formdef_section *s = &def->sections[index];
		s->id = id;
		s->pos = (struct formdef_pos){map->line, map->column};
		ld_string(ld, map, "title", true, where, &s->title);
		ld_string(ld, map, "help", false, where, &s->help);
		ld_expr(ld, map, "relevant", false, where, &s->relevant);
		s->first_field = def->field_count;
		const struct ynode *fields = ld_list(ld, map, "fields", true, 1, where);
		struct ld_scope scope = {(int)index, -1, -1, NULL};
		if (fields)
			ld_fields(ld, fields, &scope);
		def->sections[index].field_count = def->field_count - def->sections[index].first_field;
	}
	strbuf_clear(&wbuf);
}

/* ---- scores ------------------------------------------------------------------------------- */

static bool ld_band(struct loader *ld, const struct ynode *map, struct formdef_band *b)
{
	static const char *const keys[] = {"min", "max", "value", "label", NULL};
	if (!ld_keys(ld, map, keys, "a band", "in a band"))
		return false;
	const struct ynode *v = ld_value(ld, map, "value", true, "in a band");
	if (!v || !ld_text_ok(ld, "value", v))
		return false;
	if (!v->text[0]) {
		ld_error(ld, v, "\"value\" must not be empty");
		return false;
	}
	b->value = xstrdup(v->text);
	b->has_min = ld_number(ld, map, "min", "in a band", &b->min);
	b->has_max = ld_number(ld, map, "max", "in a band", &b->max);
	ld_string(ld, map, "label", false, "in a band", &b->label);
	if (b->has_min && b->has_max && b->min > b->max) {
		struct strbuf echo;
		strbuf_init(&echo);
		ld_error(ld, map, "band \"%s\" has min %g greater than max %g",
			 ld_echo(b->value, &echo), b->min, b->max);
		strbuf_clear(&echo);
		return false;
	}
	return true;
}

static void ld_band_set(struct loader *ld, const struct ynode *list, struct formdef_band_set *set)
{
	set->bands = xcalloc(list->count, sizeof *set->bands);
	for (size_t i = 0; i < list->count; i++) {
		if (ld_band(ld, list->kids[i], &set->bands[set->count]))
			set->count++;
		else {
			free(set->bands[set->count].value);
			free(set->bands[set->count].label);
			memset(&set->bands[set->count], 0, sizeof set->bands[set->count]);
		}
	}
}

static void ld_bands(struct loader *ld, const struct ynode *map, const char *where,
		     struct formdef_score *s)
{
	const struct ynode *bands = ld_list(ld, map, "bands", true, 1, where);
	const struct ynode *variants = ld_list(ld, map, "variants", false, 1, where);
	size_t n = 1 + (variants ? variants->count : 0);
	s->band_sets = xcalloc(n, sizeof *s->band_sets);
	s->band_set_count = 1;
	if (bands) {
		s->bands_pos = (struct formdef_pos){bands->line, bands->column};
		ld_band_set(ld, bands, &s->band_sets[0]);
	}
	static const char *const vkeys[] = {"when", "bands", NULL};
	for (size_t i = 0; variants && i < variants->count; i++) {
		const struct ynode *v = variants->kids[i];
		if (!ld_keys(ld, v, vkeys, "a variant", "in a variant"))
			continue;
		struct formdef_band_set *set = &s->band_sets[s->band_set_count];
		bool when = ld_expr(ld, v, "when", true, "in a variant", &set->when);
		const struct ynode *vb = ld_list(ld, v, "bands", true, 1, "in a variant");
		if (vb)
			ld_band_set(ld, vb, set);
		if (when && vb)
			s->band_set_count++;
		else
			formdef_expr_clear(&set->when);
		if (!(when && vb)) {
			for (size_t b = 0; b < set->count; b++) {
				free(set->bands[b].value);
				free(set->bands[b].label);
			}
			free(set->bands);
			memset(set, 0, sizeof *set);
		}
	}
	s->step = 1;
	const struct ynode *step = ynode_get(map, "step");
	if (ld_number(ld, map, "step", where, &s->step) && !(s->step > 0)) {
		ld_wrong(ld, "step", step, "a number > 0");
		s->step = 1;
	}
	const struct ynode *range = ld_value(ld, map, "range", false, where);
	if (range) {
		double lo, hi;
		if (range->kind != YN_SEQ || range->count != 2 ||
		    !ld_parse_number(range->kids[0], &lo) || !ld_parse_number(range->kids[1], &hi) ||
		    lo > hi) {
			ld_wrong(ld, "range", range, "a list of two numbers [low, high]");
		} else {
			s->has_range = true;
			s->range_lo = lo;
			s->range_hi = hi;
		}
	}
	static const char *const okeys[] = {"reason_required", "approver_roles", NULL};
	const struct ynode *ov = ld_value(ld, map, "override", false, where);
	if (ov && ld_keys(ld, ov, okeys, "\"override\"", "in override")) {
		s->override_allowed = true;
		s->override_reason_required = true;
		ld_bool(ld, ov, "reason_required", "in override", &s->override_reason_required);
		if (!ld_roles_list(ld, ov, "approver_roles", "in override", &s->override_roles,
				   &s->override_role_count)) {
			static const char *const lead[] = {"lead"};
			s->override_roles = ld_default_roles(lead, 1, &s->override_role_count);
		}
	}
}

static void ld_score_items(struct loader *ld, const struct ynode *map, const char *where,
			   struct formdef_score *s)
{
	const struct ynode *items = ld_list(ld, map, "items", true, 1, where);
	if (!items)
		return;
	s->items = xcalloc(items->count, sizeof *s->items);
	struct strbuf buf;
	strbuf_init(&buf);
	if (!ld->field_ids_built) {
		formdef_index_build(&ld->field_ids, ld->def, false);
		ld->field_ids_built = true;
	}
	for (size_t i = 0; i < items->count && !ld->stop; i++) {
		const struct ynode *it = items->kids[i];
		if (it->kind != YN_SCALAR) {
			ld_error(ld, it, "score items must be field ids, not %s", ld_found(it, &buf));
			continue;
		}
		int slot = formdef_index_find(&ld->field_ids, it->text);
		if (slot < 0) {
			struct formdef_hint hint;
			formdef_hint_init(&hint, it->text);
			for (size_t f = 0; f < ld->def->field_count; f++)
				formdef_hint_offer(&hint, ld->def->fields[f].id);
			if (hint.best)
				ld_error(ld, it, "unknown field \"%s\" (did you mean \"%s\"?)",
					 ld_echo(it->text, &buf), hint.best);
			else
				ld_error(ld, it, "unknown field \"%s\"", ld_echo(it->text, &buf));
			continue;
		}
		const struct formdef_field *f = &ld->def->fields[slot];
		if (f->type != FORMDEF_SELECT_ONE && f->type != FORMDEF_SELECT_MULTIPLE)
			ld_error(ld, it, "score item \"%s\" is %s %s field; items must be "
				 "select_one, select_multiple or likert row fields", f->id,
				 strchr("aeiou", formdef_type_name(f->type)[0]) ? "an" : "a",
				 formdef_type_name(f->type));
		else if (f->repeat >= 0)
			ld_error(ld, it, "score item \"%s\" is inside repeat \"%s\"; items cannot be "
				 "repeated fields", f->id, ld->def->fields[f->repeat].id);
		else
			s->items[s->item_count++] = slot;
	}
	strbuf_clear(&buf);
	static const char *const mkeys[] = {"max_missing", "prorate", NULL};
	const struct ynode *missing = ld_value(ld, map, "missing", false, where);
	if (missing && ld_keys(ld, missing, mkeys, "\"missing\"", "in missing")) {
		ld_integer(ld, missing, "max_missing", false, "in missing", 0, LONG_MAX,
			   "an integer ≥ 0", &s->max_missing);
		ld_bool(ld, missing, "prorate", "in missing", &s->prorate);
	}
}

/* Keys that belong to one kind of score only. */
static void ld_score_applies(struct loader *ld, const struct ynode *map, const char *kind)
{
	static const struct {
		const char *key, *kind, *need;
	} only[] = {
		{"missing", "items", "\"items\""}, {"bands", "from", "\"from\""},
		{"variants", "from", "\"from\""},  {"step", "from", "\"from\""},
		{"range", "from", "\"from\""},     {"override", "from", "\"from\""},
	};
	for (size_t i = 0; i < sizeof only / sizeof only[0]; i++) {
		const struct ynode *v = ynode_get(map, only[i].key);
		if (v && strcmp(kind, only[i].kind) != 0)
			ld_error(ld, v, "\"%s\" applies only to scores with %s", only[i].key,
				 only[i].need);
	}
}

/* Reads one score; false when no more may follow. */
static bool ld_score(struct loader *ld, const struct ynode *map)
{
	static const char *const keys[] = {"id",    "label",    "items", "missing",
					   "expr",  "from",     "bands", "variants",
					   "step",  "range",    "override", NULL};
	struct formdef *def = ld->def;
	struct strbuf wbuf;
	strbuf_init(&wbuf);
	char *id = NULL;
	if (map->kind == YN_MAP)
		ld_id(ld, map, true, "in a score", &id);
	const char *where = ld_where(&wbuf, "score", id);
	if (!ld_keys(ld, map, keys, "a score", where) || !id) {
		free(id);
		strbuf_clear(&wbuf);
		return true;
	}
	if (!ld_room(ld, def->score_count, map, "scores")) {
		free(id);
		strbuf_clear(&wbuf);
		return false;
	}
	const struct formdef_field *field = ld_field_named(ld, id, def->field_count);
	int other = formdef_score_index(def, id);
	if (field || other >= 0) {
		ld_error(ld, ynode_get(map, "id"), "duplicate id \"%s\" (first at line %u)", id,
			 field ? field->pos.line : def->scores[other].pos.line);
		free(id);
		strbuf_clear(&wbuf);
		return true;
	}
	LD_GROW(def->scores, def->score_count, ld->cap_scores);
	ld->score_from = xrealloc(ld->score_from, ld->cap_scores * sizeof *ld->score_from);
	size_t index = def->score_count++;
	ld->score_from[index] = NULL;
	struct formdef_score *s = &def->scores[index];
	s->id = id;
	s->from = -1;
	s->max_missing = -1;
	s->step = 1;
	s->pos = (struct formdef_pos){map->line, map->column};
	ld_string(ld, map, "label", false, where, &s->label);
	const char *kinds[] = {"items", "expr", "from"};
	const char *kind = NULL;
	int present = 0;
	for (int i = 0; i < 3; i++)
		if (ynode_get(map, kinds[i])) {
			present++;
			kind = kinds[i];
		}
	if (present != 1) {
		ld_error(ld, map, "score \"%s\" needs exactly one of \"items\", \"expr\" and \"from\"",
			 id);
		strbuf_clear(&wbuf);
		return true;
	}
	ld_score_applies(ld, map, kind);
	if (!strcmp(kind, "items")) {
		ld_score_items(ld, map, where, s);
	} else if (!strcmp(kind, "expr")) {
		ld_expr(ld, map, "expr", true, where, &s->expr);
	} else {
		const struct ynode *from = ld_value(ld, map, "from", true, where);
		if (from && from->kind != YN_SCALAR)
			ld_wrong(ld, "from", from, "a score id");
		else
			ld->score_from[index] = from;
		ld_bands(ld, map, where, s);
	}
	strbuf_clear(&wbuf);
	return true;
}

/* `from:` names another score, which may come later in the file. */
static void ld_resolve_from(struct loader *ld)
{
	struct formdef *def = ld->def;
	struct strbuf buf;
	strbuf_init(&buf);
	for (size_t i = 0; i < def->score_count; i++) {
		const struct ynode *from = ld->score_from[i];
		if (!from)
			continue;
		int other = formdef_score_index(def, from->text);
		if (other >= 0) {
			def->scores[i].from = (int)(def->field_count + (size_t)other);
			continue;
		}
		struct formdef_hint hint;
		formdef_hint_init(&hint, from->text);
		for (size_t j = 0; j < def->score_count; j++)
			formdef_hint_offer(&hint, def->scores[j].id);
		if (hint.best)
			ld_error(ld, from, "unknown score \"%s\" (did you mean \"%s\"?)",
				 ld_echo(from->text, &buf), hint.best);
		else
			ld_error(ld, from, "unknown score \"%s\"", ld_echo(from->text, &buf));
	}
	strbuf_clear(&buf);
}

/* ---- rules, outputs, workflow, provenance ------------------------------------------------- */

static void ld_rules(struct loader *ld, const struct ynode *list)
{
	static const char *const keys[] = {"id", "assert", "message", "severity", "relevant",
					   NULL};
	struct formdef *def = ld->def;
	struct strbuf wbuf;
	strbuf_init(&wbuf);
	for (size_t i = 0; i < list->count && !ld->stop; i++) {
		const struct ynode *map = list->kids[i];
		if (!ld_room(ld, def->rule_count, map, "rules"))
			break;
		char *id = NULL;
		if (map->kind == YN_MAP)
			ld_id(ld, map, false, "in a rule", &id);
		const char *where = ld_where(&wbuf, "rule", id);
		if (!ld_keys(ld, map, keys, "a rule", where)) {
			free(id);
			continue;
		}
		for (size_t j = 0; id && j < def->rule_count; j++) {
			if (def->rules[j].id && strcmp(def->rules[j].id, id) == 0) {
				ld_error(ld, ynode_get(map, "id"),
					 "duplicate rule id \"%s\" (first at line %u)", id,
					 def->rules[j].pos.line);
				break;
			}
		}
		LD_GROW(def->rules, def->rule_count, ld->cap_rules);
		struct formdef_rule *r = &def->rules[def->rule_count++];
		r->id = id;
		r->pos = (struct formdef_pos){map->line, map->column};
		ld_expr(ld, map, "assert", true, where, &r->assert_expr);
		ld_string(ld, map, "message", true, where, &r->message);
		int sev = 0;
		ld_enum(ld, map, "severity", false, where, ld_severities, &sev);
		r->severity = (enum formdef_severity)sev;
		ld_expr(ld, map, "relevant", false, where, &r->relevant);
	}
	strbuf_clear(&wbuf);
}

static void ld_outputs(struct loader *ld, const struct ynode *list)
{
	static const char *const keys[] = {"to", "from", "on", NULL};
	static const char *const targets[] = {"case.risk_level", "case.custody", NULL};
	static const char *const whens[] = {"finalize", "approve", NULL};
	struct formdef *def = ld->def;
	for (size_t i = 0; i < list->count && !ld->stop; i++) {
		const struct ynode *map = list->kids[i];
		if (!ld_keys(ld, map, keys, "an output", "in an output"))
			continue;
		int to = -1, on = FORMDEF_ON_APPROVE;
		ld_enum(ld, map, "to", true, "in an output", targets, &to);
		ld_enum(ld, map, "on", false, "in an output", whens, &on);
		if (to < 0)
			continue;
		const char *name = targets[to] + strlen("case.");
		bool dup = false;
		for (size_t j = 0; j < def->output_count && !dup; j++) {
			if (strcmp(def->outputs[j].to, name) == 0) {
				ld_error(ld, ynode_get(map, "to"),
					 "%s is written by two outputs (first at line %u)",
					 targets[to], def->outputs[j].pos.line);
				dup = true;
			}
		}
		if (dup)
			continue;
		LD_GROW(def->outputs, def->output_count, ld->cap_outputs);
		struct formdef_output *o = &def->outputs[def->output_count++];
		o->to = xstrdup(name);
		o->on = (enum formdef_output_when)on;
		o->pos = (struct formdef_pos){map->line, map->column};
		ld_expr(ld, map, "from", true, "in an output", &o->from);
	}
}

static void ld_workflow(struct loader *ld, const struct ynode *map)
{
	static const char *const keys[] = {"complete", "review", "reviewers", "due", NULL};
	static const char *const reviews[] = {"off", "required", "sampled", NULL};
	if (!ld_keys(ld, map, keys, "\"workflow\"", "in workflow"))
		return;
	struct formdef *def = ld->def;
	ld_roles_list(ld, map, "complete", "in workflow", &def->complete_roles,
		      &def->complete_role_count);
	int review = FORMDEF_REVIEW_OFF;
	ld_enum(ld, map, "review", false, "in workflow", reviews, &review);
	def->review = (enum formdef_review)review;
	ld_roles_list(ld, map, "reviewers", "in workflow", &def->review_roles,
		      &def->review_role_count);
	ld_expr(ld, map, "due", false, "in workflow", &def->due);
}

static void ld_provenance(struct loader *ld, const struct ynode *map)
{
	static const char *const keys[] = {"content", "source", NULL};
	static const char *const contents[] = {"agency", "public_domain", "public_attributed",
					       "proprietary_reference", NULL};
	if (!ld_keys(ld, map, keys, "\"provenance\"", "in provenance"))
		return;
	int content = FORMDEF_PROV_AGENCY;
	ld_enum(ld, map, "content", false, "in provenance", contents, &content);
	ld->def->provenance = (enum formdef_provenance)content;
	ld_string(ld, map, "source", false, "in provenance", &ld->def->provenance_source);
}

/* ---- the form ----------------------------------------------------------------------------- */

static const char *const ld_top_keys[] = {"caseform", "id",         "version",  "title",
					  "description", "status",  "provenance", "workflow",
					  "choices",  "sections",   "scores",   "rules",
					  "outputs",  NULL};

static void ld_top_list(struct loader *ld, const struct ynode *root, const char *key,
			bool (*each)(struct loader *, const struct ynode *))
{
	const struct ynode *list = ld_list(ld, root, key, false, 0, "at the top level");
	for (size_t i = 0; list && i < list->count && !ld->stop; i++)
		if (!each(ld, list->kids[i]))
			break;
}

static void ld_rules_all(struct loader *ld, const struct ynode *root)
{
	const struct ynode *list = ld_list(ld, root, "rules", false, 0, "at the top level");
	if (list)
		ld_rules(ld, list);
}

static void ld_outputs_all(struct loader *ld, const struct ynode *root)
{
	const struct ynode *list = ld_list(ld, root, "outputs", false, 0, "at the top level");
	if (list)
		ld_outputs(ld, list);
}

static void ld_form(struct loader *ld, const struct ynode *root)
{
	struct formdef *def = ld->def;
	const char *top = "at the top level";
	if (root->kind != YN_MAP) {
		struct strbuf buf;
		strbuf_init(&buf);
		ld_error(ld, root, "a form must be a mapping of keys (caseform, id, version, ...), "
			 "not %s", ld_found(root, &buf));
		strbuf_clear(&buf);
		return;
	}
	ld_keys(ld, root, ld_top_keys, "a form", top);
	long lang = 0, version = 0;
	ld_integer(ld, root, "caseform", true, top, FORMDEF_LANGUAGE_VERSION,
		   FORMDEF_LANGUAGE_VERSION, "1", &lang);
	ld_id(ld, root, true, top, &def->id);
	if (ld_integer(ld, root, "version", true, top, 1, INT_MAX, "an integer ≥ 1", &version))
		def->version = (int)version;
	ld_string(ld, root, "title", true, top, &def->title);
	ld_string(ld, root, "description", false, top, &def->description);
	int status = FORMDEF_STATUS_ACTIVE;
	static const char *const statuses[] = {"draft", "active", "retired", NULL};
	ld_enum(ld, root, "status", false, top, statuses, &status);
	def->status = (enum formdef_status)status;
	const struct ynode *prov = ld_value(ld, root, "provenance", false, top);
	if (prov)
		ld_provenance(ld, prov);
	static const char *const complete[] = {"caseworker", "lead"}, *const reviewers[] = {"lead"};
	def->complete_roles = ld_default_roles(complete, 2, &def->complete_role_count);
	def->review_roles = ld_default_roles(reviewers, 1, &def->review_role_count);
	const struct ynode *wf = ld_value(ld, root, "workflow", false, top);
	if (wf)
		ld_workflow(ld, wf);
	const struct ynode *choices = ld_value(ld, root, "choices", false, top);
	if (choices)
		ld_named_lists(ld, choices);
	const struct ynode *sections = ld_list(ld, root, "sections", true, 1, top);
	if (sections)
		ld_sections(ld, sections);
	ld_top_list(ld, root, "scores", ld_score);
	ld_resolve_from(ld);
	ld_rules_all(ld, root);
	ld_outputs_all(ld, root);
}

/* Choice lists may have moved while they grew: fields point at them only now. */
static void ld_link_choices(struct loader *ld)
{
	struct formdef *def = ld->def;
	for (size_t i = 0; i < def->field_count; i++)
		def->fields[i].choices =
		    ld->field_list[i] >= 0 ? &def->choice_lists[ld->field_list[i]] : NULL;
}

static void ld_hash(struct formdef *def, const char *text, size_t len)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)text, len);
	sodium_bin2hex(def->hash, sizeof def->hash, digest, sizeof digest);
}

struct formdef *formdef_load_string(const char *name, const char *text, size_t len,
				    struct formdef_diags *diags)
{
	if (!name)
		name = "(form)";
	struct loader ld = {.name = name, .text = text ? text : "", .len = text ? len : 0,
			    .diags = diags, .yes_no_list = -1};
	if (ld.len > FORMDEF_MAX_FILE_SIZE) {
		ld_report(&ld, 1, 1, "the file is larger than 1 MiB; a form is never this big");
		return NULL;
	}
	struct ynode *root = ld_parse_yaml(&ld);
	if (!root) {
		if (ld.errors == 0)
			ld_report(&ld, 1, 1, "the file is empty");
		return NULL;
	}
	ld.def = xcalloc(1, sizeof *ld.def);
	ld.def->source_path = xstrdup(name);
	ld_form(&ld, root);
	ynode_free(root);
	ld_link_choices(&ld);
	free(ld.field_list);
	free(ld.score_from);
	formdef_index_clear(&ld.field_ids);
	struct formdef *def = ld.def;
	if (ld.errors > 0 || !formdef_lint(def, diags)) {
		formdef_free(&def);
		return NULL;
	}
	def->source_text = xmalloc(ld.len + 1);
	memcpy(def->source_text, ld.text, ld.len);
	def->source_text[ld.len] = '\0';
	ld_hash(def, ld.text, ld.len);
	return def;
}

struct formdef *formdef_load_file(const char *path, struct formdef_diags *diags)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		formdef_diags_add(diags, path, 0, 0, FORMDEF_ERROR, "cannot read: %s",
				  strerror(errno));
		return NULL;
	}
	size_t cap = FORMDEF_MAX_FILE_SIZE + 1;
	char *buf = xmalloc(cap);
	size_t len = fread(buf, 1, cap, fp);
	bool failed = ferror(fp);
	fclose(fp);
	struct formdef *def = NULL;
	if (failed)
		formdef_diags_add(diags, path, 0, 0, FORMDEF_ERROR, "cannot read: %s",
				  strerror(errno ? errno : EIO));
	else
		def = formdef_load_string(path, buf, len, diags);
	free(buf);
	return def;
}
