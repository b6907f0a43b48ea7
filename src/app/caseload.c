#include "caseload/caseload.h"

#include <ctype.h>
#include <string.h>

#include "caseload/text.h"

void app_caseload_view_init(const struct app *app, struct caseload_view *view)
{
	memset(view, 0, sizeof *view);
	/* interns carry no caseload of their own: they start on the facility */
	view->whole_facility = app->me.id == 0 || strcmp(app->me.role, "intern") == 0;
	view->sort = SORT_NAME;
	view->descending = store_sort_default_descending(SORT_NAME);
}

void app_caseload_view_sort(struct caseload_view *view, enum caseload_sort sort)
{
	if ((unsigned)sort >= SORT_COUNT)
		return;
	if (view->sort == sort) {
		view->descending = !view->descending;
	} else {
		view->sort = sort;
		view->descending = store_sort_default_descending(sort);
	}
}

/* Builds the store query; `folded` holds the folded filter and must outlive the query. */
static void app_caseload_query(const struct app *app, const struct caseload_view *view,
			       struct strbuf *folded, struct caseload_query *q)
{
	text_fold(folded, view->filter);
	/* trailing space would make "ann " miss "anna": filters match substrings */
	while (folded->len && folded->buf[folded->len - 1] == ' ')
		folded->buf[--folded->len] = '\0';
	q->caseworker_id = view->whole_facility ? 0 : app->me.id;
	q->filter = folded->buf;
	q->sort = view->sort;
	q->descending = view->descending;
}

enum cl_status app_caseload_page(struct app *app, const struct caseload_view *view,
				 const struct caseload_row *anchor, bool backward,
				 struct caseload_row *rows, size_t limit, size_t *count)
{
	struct strbuf folded;
	struct caseload_query q;
	strbuf_init(&folded);
	app_caseload_query(app, view, &folded, &q);
	enum cl_status st = store_caseload_page(app->store, &q, anchor, backward, rows, limit, count);
	strbuf_clear(&folded);
	return st;
}

static size_t app_char_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

enum cl_status app_caseload_count(struct app *app, const struct caseload_view *view,
				  size_t *count, bool *capped)
{
	struct strbuf folded;
	struct caseload_query q;
	strbuf_init(&folded);
	app_caseload_query(app, view, &folded, &q);
	size_t chars = app_char_count(folded.buf);
	size_t cap = chars > 0 && chars < 3 ? CASELOAD_SHORT_FILTER_COUNT_CAP : CASELOAD_COUNT_CAP;
	enum cl_status st = store_caseload_count(app->store, &q, cap, count);
	*capped = st == CL_OK && *count >= cap;
	strbuf_clear(&folded);
	return st;
}

enum cl_status app_caseload_position(struct app *app, const struct caseload_view *view,
				     const struct caseload_row *row, size_t *position)
{
	struct strbuf folded;
	struct caseload_query q;
	strbuf_init(&folded);
	app_caseload_query(app, view, &folded, &q);
	enum cl_status st = store_caseload_position(app->store, &q, row, position);
	strbuf_clear(&folded);
	return st;
}

enum cl_status app_caseload_find_oid(struct app *app, const char *oid, int64_t *person_id)
{
	char upper[MODEL_OID_SIZE];
	size_t n = 0;
	for (const char *c = oid; *c && n + 1 < sizeof upper; c++) {
		if (*c == ' ')
			continue;
		upper[n++] = (char)toupper((unsigned char)*c);
	}
	upper[n] = '\0';
	if (n == 0)
		return CL_ERR_INVALID;
	return store_person_id_by_oid(app->store, upper, person_id);
}

enum cl_status app_caseload_row(struct app *app, int64_t person_id, struct caseload_row *row)
{
	return store_caseload_row(app->store, person_id, row);
}
