#ifndef CASELOAD_DIRECTORY_H
#define CASELOAD_DIRECTORY_H
/* The community resources directory and referrals as use cases. Caseworkers and leads add
 * and update resources (one at a time, or many from a CSV file); anyone signed in searches
 * the directory, which holds no one's personal data. A referral sends a person to a
 * resource and follows it: sent -> accepted | declined | withdrawn, accepted -> completed |
 * declined | withdrawn; every step is kept with who, when and a note. Each change is
 * permission-checked and audited in its own transaction. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "caseload/app.h"
#include "caseload/resources.h"

#define APP_DIRECTORY_MESSAGE_SIZE 300
/* The directory shows at most this many entries at once: type to narrow it. */
#define APP_DIRECTORY_CAP 200

/* Adds r (r->id 0) or saves it over the stored one (its version must still be current).
 * Caseworkers and leads only. Validates every field; msg says what is wrong, or what was
 * done. On success r holds the stored entry (id, version). */
enum cl_status app_resource_save(struct app *app, struct resource *r, char *msg, size_t msgsz);

/* The directory: up to cap entries whose text holds `typed` (any case or accents; "" all),
 * of one kind (-1: every kind), inactive ones included when asked, in name order after
 * `after` (NULL: from the first). Nobody's record is read, so no sign-in is needed. */
enum cl_status app_resource_search(struct app *app, const char *typed, int kind,
				   bool with_inactive, const struct resource *after,
				   struct resource *out, size_t cap, size_t *count);
enum cl_status app_resource_get(struct app *app, int64_t id, struct resource *out);

/* What an import did. */
struct directory_import {
	size_t added, updated, refused;
};
/* Called once per refused row with "file:line: what is wrong". */
typedef void (*directory_refusal_fn)(void *ctx, const char *line);
/* Called as rows are saved (done of total). */
typedef void (*directory_progress_fn)(void *ctx, size_t done, size_t total);

/* Imports resources from CSV text (RFC 4180: comma-separated, fields quoted with '"' when
 * they hold commas, quotes or line breaks). The first record names the columns, in any
 * order: name and kind are required; phone, email, address, service_area, eligibility,
 * capacity and active are optional. A row with the name and phone of a stored resource
 * updates it (columns the file lacks keep their values); each bad row is refused with
 * "file:line: what is wrong" and the rest are saved in one transaction. A file whose
 * header is unusable imports nothing (one refusal, CL_ERR_INVALID). Caseworkers and
 * leads only; audited as one import. `file` names the input in the messages. */
enum cl_status app_resources_import(struct app *app, FILE *in, const char *file,
				    struct directory_import *result,
				    directory_refusal_fn refused, directory_progress_fn progress,
				    void *ctx, char *msg, size_t msgsz);

/* ---- referrals ---- */

/* The statuses a referral in `from` may move to (at most REFERRAL_STATUS_COUNT), in the
 * order a caseworker meets them; returns how many (0: it is closed). */
size_t app_referral_next(enum referral_status from, enum referral_status *out);

/* Refers the person to an active resource (PERM_PERSON_READ and PERM_NOTE_DRAFT on them),
 * from `origin` (origin_ref names the plan section or step, may be ""), with a note. *id
 * receives the referral's id. */
enum cl_status app_referral_create(struct app *app, int64_t person_id, int64_t resource_id,
				   enum referral_origin origin, const char *origin_ref,
				   const char *note, int64_t *id, char *msg, size_t msgsz);
/* Moves a referral to `to` with a note, when the rules allow it; a refused move is
 * CL_ERR_INVALID and msg says why in a sentence. */
enum cl_status app_referral_move(struct app *app, int64_t id, enum referral_status to,
				 const char *note, char *msg, size_t msgsz);
/* A person's referrals, newest first (at most cap); the reading is audited. */
enum cl_status app_referral_list(struct app *app, int64_t person_id, struct referral *out,
				 size_t cap, size_t *count);
/* The person's referrals made from one origin and reference (a release-plan section's id),
 * newest first (at most cap); the reading is audited. */
enum cl_status app_referral_list_from(struct app *app, int64_t person_id,
				      enum referral_origin origin, const char *origin_ref,
				      struct referral *out, size_t cap, size_t *count);
/* A referral and its history, oldest first (at most cap), for those who may read the person. */
enum cl_status app_referral_history(struct app *app, int64_t id, struct referral *referral,
				    struct referral_event *out, size_t cap, size_t *count);

#endif
