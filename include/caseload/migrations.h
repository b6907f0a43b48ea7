#ifndef CASELOAD_MIGRATIONS_H
#define CASELOAD_MIGRATIONS_H
/* The schema migrations embedded at build time from data/migrations/NNN_name.sql.
 * Internal to the store; exposed so the store's tests can replay them one by one. */
struct migration {
	int version;      /* NNN of the file name: PRAGMA user_version after it ran */
	const char *name; /* file name without .sql */
	const char *sql;  /* static text, owned by the table */
};
extern const struct migration migrations[];
extern const int migrations_count;
#endif
