#ifndef CASELOAD_STATUS_H
#define CASELOAD_STATUS_H
/* The outcome of every fallible function. Detail (which file, which field) stays
 * with the object that failed: the store's last message, a field's validation text. */

#define CL_STATUS_LIST(X)                                                    \
	X(CL_OK, "ok")                                                       \
	X(CL_ERR_NOMEM, "out of memory")                                     \
	X(CL_ERR_IO, "input/output error")                                   \
	X(CL_ERR_FULL, "disk full")                                          \
	X(CL_ERR_NOTFOUND, "not found")                                      \
	X(CL_ERR_INVALID, "invalid value")                                   \
	X(CL_ERR_STALE, "changed by someone else since it was opened")       \
	X(CL_ERR_EXISTS, "already exists")                                   \
	X(CL_ERR_NEWER_SCHEMA, "database made by a newer version of caseload") \
	X(CL_ERR_NOT_DB, "not a caseload database")                          \
	X(CL_ERR_CORRUPT, "database is damaged")                             \
	X(CL_ERR_READONLY, "database cannot be written")                     \
	X(CL_ERR_BUSY, "database is busy")                                   \
	X(CL_ERR_CONSTRAINT, "refused by a database rule")                   \
	X(CL_ERR_DENIED, "not permitted")                                    \
	X(CL_ERR_INTERNAL, "internal error")

enum cl_status {
#define CL_STATUS_ENUM(id, text) id,
	CL_STATUS_LIST(CL_STATUS_ENUM)
#undef CL_STATUS_ENUM
};

/* A short lower-case description; static string, never NULL. */
const char *cl_status_text(enum cl_status status);

#endif
