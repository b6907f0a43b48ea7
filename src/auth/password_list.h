#ifndef CASELOAD_AUTH_PASSWORD_LIST_H
#define CASELOAD_AUTH_PASSWORD_LIST_H
/* The common and leaked passwords of data/passwords-common.txt, in file order: printable
 * lower-case ASCII, spaces only inside. The definitions are generated (password_list.c, by
 * data/embed_passwords.sh). Private to src/auth and its unit suite. */
#include <stddef.h>

extern const char *const password_common_list[];
extern const size_t password_common_count;

#endif
