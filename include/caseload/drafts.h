#ifndef CASELOAD_DRAFTS_H
#define CASELOAD_DRAFTS_H
/* Text typed into a record's editor and not yet committed, kept per staff member, person
 * and field so a killed terminal loses nothing: the editor offers it back on reopening. */
#include <stdint.h>

#include "caseload/store.h"
#include "caseload/strbuf.h"

struct draft_key {
	int64_t staff_id;
	int64_t person_id;
	const char *field;
};

/* Saves (or replaces) the draft; runs in its own short transaction when none is open. */
enum cl_status store_draft_put(struct store *store, const struct draft_key *key,
			       const char *value, int64_t base_version, const char *at);
/* CL_ERR_NOTFOUND when there is no draft; value is appended to `value`. */
enum cl_status store_draft_get(struct store *store, const struct draft_key *key,
			       struct strbuf *value, int64_t *base_version);
enum cl_status store_draft_delete(struct store *store, const struct draft_key *key);

#endif
