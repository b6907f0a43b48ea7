#ifndef CASELOAD_FORMDEF_INTERNAL_H
#define CASELOAD_FORMDEF_INTERNAL_H
/* Shared by the loader (formload.c), the checks after loading (formlint.c) and the model
 * helpers (formdef.c). Not part of the library's interface. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/formdef.h"
#include "caseload/strbuf.h"

/* Values from a file echoed in messages are cut to this many columns. */
#define FORMDEF_ECHO_COLUMNS 40

/* Appends s as a message may show it: sanitized (no control sequence reaches a terminal)
 * and cut to FORMDEF_ECHO_COLUMNS. */
void formdef_put_echo(struct strbuf *out, const char *s);

/* One place that keeps the best suggestion while candidates are offered one by one. */
struct formdef_hint {
	const char *typed;
	const char *best; /* borrowed; NULL while nothing is near */
	size_t best_distance;
};
void formdef_hint_init(struct formdef_hint *h, const char *typed);
void formdef_hint_offer(struct formdef_hint *h, const char *candidate);

/* True for [a-z][a-z0-9_]* of at most 64 bytes. */
bool formdef_is_slug(const char *s);

/* Field ids (and score ids, slots after the fields) sorted for lookups by name: a form
 * may hold thousands of names and expressions, and a scan per reference would be quadratic.
 * Names are borrowed from the model, which must outlive the index. */
struct formdef_index_entry {
	const char *name;
	int slot;
};
struct formdef_index {
	struct formdef_index_entry *items;
	size_t count;
};
void formdef_index_build(struct formdef_index *ix, const struct formdef *def, bool scores);
int formdef_index_find(const struct formdef_index *ix, const char *name); /* slot, or -1 */
void formdef_index_clear(struct formdef_index *ix);

/* The checks that need the whole model: expressions parsed and bound, repeat scopes,
 * dependency order of computed values, bands. Reports into diags under def->source_path;
 * returns false when it reported an error. */
bool formdef_lint(struct formdef *def, struct formdef_diags *diags);

/* Frees what one expression owns (text and parsed form). */
void formdef_expr_clear(struct formdef_expr *e);

#endif
