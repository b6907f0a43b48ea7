#ifndef CASELOAD_STORE_H
#define CASELOAD_STORE_H
/* The database: the only module that speaks SQL. Its interface carries no SQLite types so
 * that another engine can sit behind it. Writes happen between store_begin and
 * store_commit (one short transaction per use case, made by the app layer). */
#include <stddef.h>
#include <stdint.h>

#include "caseload/status.h"

#define STORE_APPLICATION_ID 0x43534C44 /* "CSLD" in the database header */

struct store;

enum store_mode {
	STORE_EXISTING, /* the database must exist and be initialised; older schemas are upgraded */
	STORE_CREATE,   /* create the file and the schema when absent */
};

/* Opens (and, if needed, migrates) the database at path. On failure *out is NULL, err
 * holds one line saying what is wrong with which file, and nothing has been written.
 * The caller owns *out and closes it with store_close. */
enum cl_status store_open(const char *path, enum store_mode mode, struct store **out, char *err,
			  size_t errsz);
void store_close(struct store **store);

/* The message of the last failure on this connection (static until the next call). */
const char *store_last_error(const struct store *store);

/* The schema version this program writes, and the one the open database has. */
int store_schema_latest(void);
int store_schema_version(struct store *store);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. store_rollback is safe when no transaction is open. */
enum cl_status store_begin(struct store *store);
enum cl_status store_commit(struct store *store);
void store_rollback(struct store *store);

/* Runs integrity_check and foreign_key_check; calls report once per problem found. */
enum cl_status store_check_integrity(struct store *store,
				     void (*report)(void *ctx, const char *problem), void *ctx,
				     int *problems);

/* Gathers planner statistics (after bulk loads). */
enum cl_status store_analyze(struct store *store);

#endif
