/* The catalog of form definitions found on the search path. Later directories win only by
 * version: the facility ships a newer version of a form, never a different text under a
 * version that is already in use somewhere. */
#include "caseload/formcatalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/strbuf.h"

void formcatalog_init(struct formcatalog *cat)
{
	memset(cat, 0, sizeof *cat);
	formdef_diags_init(&cat->diags);
}

void formcatalog_clear(struct formcatalog *cat)
{
	for (size_t i = 0; i < cat->count; i++)
		formdef_free(&cat->defs[i]);
	free(cat->defs);
	formdef_diags_clear(&cat->diags);
	formcatalog_init(cat);
}

/* One error of the catalog's own (the loader reports the rest). Takes the message. */
static void catalog_error(struct formcatalog *cat, const char *file, unsigned line,
			  unsigned column, char *message)
{
	if (cat->diags.count == cat->diags.cap) {
		cat->diags.cap = cat->diags.cap ? cat->diags.cap * 2 : 8;
		cat->diags.items = xrealloc(cat->diags.items, cat->diags.cap * sizeof *cat->diags.items);
	}
	struct formdef_diag *d = &cat->diags.items[cat->diags.count++];
	d->file = xstrdup(file);
	d->line = line;
	d->column = column;
	d->severity = FORMDEF_ERROR;
	d->message = message;
}

/* Where def goes to keep the order (id, version); sets *same to an entry with the same id
 * and version when there is one. */
static size_t catalog_slot(const struct formcatalog *cat, const struct formdef *def,
			   const struct formdef **same)
{
	*same = NULL;
	size_t i = 0;
	for (; i < cat->count; i++) {
		int c = strcmp(cat->defs[i]->id, def->id);
		if (c == 0 && cat->defs[i]->version == def->version)
			*same = cat->defs[i];
		if (c > 0 || (c == 0 && cat->defs[i]->version > def->version))
			break;
	}
	return i;
}

static bool catalog_insert(struct formcatalog *cat, struct formdef *def, const char *path)
{
	const struct formdef *same;
	size_t at = catalog_slot(cat, def, &same);
	if (same) {
		struct strbuf msg;
		strbuf_init(&msg);
		strbuf_printf(&msg, "form \"%s\" version %d is also defined in %s", def->id,
			      def->version, same->source_path ? same->source_path : "another file");
		catalog_error(cat, path, 1, 1, strbuf_detach(&msg));
		formdef_free(&def);
		return false;
	}
	size_t errors = formdef_diags_errors(&cat->diags);
	if (at > 0 && !strcmp(cat->defs[at - 1]->id, def->id))
		formdef_check_versions(cat->defs[at - 1], def, &cat->diags);
	if (at < cat->count && !strcmp(cat->defs[at]->id, def->id))
		formdef_check_versions(def, cat->defs[at], &cat->diags);
	if (formdef_diags_errors(&cat->diags) > errors) {
		formdef_free(&def);
		return false;
	}
	cat->defs = xrealloc(cat->defs, (cat->count + 1) * sizeof *cat->defs);
	memmove(cat->defs + at + 1, cat->defs + at, (cat->count - at) * sizeof *cat->defs);
	cat->defs[at] = def;
	cat->count++;
	return true;
}

bool formcatalog_add_file(struct formcatalog *cat, const char *path)
{
	cat->files_read++;
	struct formdef *def = formdef_load_file(path, &cat->diags);
	if (def && catalog_insert(cat, def, path))
		return true;
	cat->files_broken++;
	return false;
}

static bool catalog_is_form_file(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return false; /* editors' swap and backup files */
	return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static int catalog_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void catalog_load_dir(struct formcatalog *cat, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno != ENOENT)
			catalog_error(cat, dir, 0, 0,
				      xstrdup(errno == ENOTDIR ? "the forms directory is not a directory"
							       : "cannot read the forms directory"));
		return;
	}
	char **names = NULL;
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!catalog_is_form_file(e->d_name))
			continue;
		names = xrealloc(names, (count + 1) * sizeof *names);
		struct strbuf path;
		strbuf_init(&path);
		strbuf_printf(&path, "%s/%s", dir, e->d_name);
		names[count++] = strbuf_detach(&path);
	}
	closedir(d);
	qsort(names, count, sizeof *names, catalog_cmp_names);
	for (size_t i = 0; i < count; i++) {
		formcatalog_add_file(cat, names[i]);
		free(names[i]);
	}
	free(names);
}

void formcatalog_load_dirs(struct formcatalog *cat, const char *const *dirs, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (dirs[i] && *dirs[i])
			catalog_load_dir(cat, dirs[i]);
}

const struct formdef *formcatalog_current(const struct formcatalog *cat, const char *id)
{
	const struct formdef *best = NULL;
	for (size_t i = 0; i < cat->count; i++)
		if (!strcmp(cat->defs[i]->id, id) && cat->defs[i]->status == FORMDEF_STATUS_ACTIVE)
			best = cat->defs[i]; /* sorted: the last one is the highest version */
	return best;
}

const struct formdef *formcatalog_find(const struct formcatalog *cat, const char *id, int version)
{
	for (size_t i = 0; i < cat->count; i++)
		if (!strcmp(cat->defs[i]->id, id) && cat->defs[i]->version == version)
			return cat->defs[i];
	return NULL;
}
