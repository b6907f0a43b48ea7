#ifndef CASELOAD_FORMCATALOG_H
#define CASELOAD_FORMCATALOG_H
/* The forms a program run knows: every definition file of the search path (the forms
 * installed with the program, then the facility's directory), loaded and checked. A file
 * that fails is reported (its diagnostics kept, once) and left out; every other form keeps
 * working. Pure: reads files, nothing else. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/formdef.h"

struct formcatalog {
	/* Every definition that loaded, sorted by id then version (oldest first). Owned. */
	struct formdef **defs;
	size_t count;
	/* What went wrong, file by file (errors of files left out, warnings of the rest). */
	struct formdef_diags diags;
	size_t files_read;
	size_t files_broken;
};

void formcatalog_init(struct formcatalog *cat);
void formcatalog_clear(struct formcatalog *cat); /* frees every definition */

/* Loads every *.yaml and *.yml file of each directory, in order, the files of one directory
 * by name. A directory that does not exist is skipped silently (the facility may have none);
 * one that cannot be read is a diagnostic. Two files with the same id and version are an
 * error on the later one (it is left out), and so is a choice value whose meaning changed
 * between two versions of one form. */
void formcatalog_load_dirs(struct formcatalog *cat, const char *const *dirs, size_t count);
/* Adds one file (for `caseload forms check FILE...` and tests). False when it was left out. */
bool formcatalog_add_file(struct formcatalog *cat, const char *path);

/* The definition a new response of form `id` uses: its highest active version; NULL when
 * there is none. */
const struct formdef *formcatalog_current(const struct formcatalog *cat, const char *id);
/* A definition by id and exact version, or NULL. */
const struct formdef *formcatalog_find(const struct formcatalog *cat, const char *id, int version);

#endif
