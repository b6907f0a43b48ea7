#ifndef CASELOAD_PASSWORD_H
#define CASELOAD_PASSWORD_H
/* Passwords as NIST SP 800-63B (rev. 4) wants them: length rules only (no composition
 * rules), any printable or Unicode character (NFKC-normalized before anything else), never
 * truncated, checked against common and compromised passwords and the user's own names,
 * stored only as Argon2id hashes (libsodium). Pure: no database, no terminal. */
#include <stdbool.h>
#include <stddef.h>

#include "caseload/status.h"

#define PASSWORD_MAX_CHARS 256   /* accepted in full; NIST asks for at least 64 */
#define PASSWORD_HASH_SIZE 128   /* crypto_pwhash_STRBYTES */

#define PASSWORD_VERDICT_LIST(X)                                                                   \
	X(PASSWORD_OK, "acceptable")                                                               \
	X(PASSWORD_TOO_SHORT, "too short")                                                         \
	X(PASSWORD_TOO_LONG, "too long")                                                           \
	X(PASSWORD_NOT_TEXT, "not valid text (control characters or invalid UTF-8)")              \
	X(PASSWORD_COMMON, "one of the most common or leaked passwords")                           \
	X(PASSWORD_PERSONAL, "contains your user name or your name")                               \
	X(PASSWORD_REPETITIVE, "a repeated or sequential pattern")

enum password_verdict {
#define PASSWORD_VERDICT_ENUM(id, text) id,
	PASSWORD_VERDICT_LIST(PASSWORD_VERDICT_ENUM)
#undef PASSWORD_VERDICT_ENUM
};

/* Checks a new password. min_chars: 15 when the password is the only factor, 8 with a
 * second factor (the caller decides; below 1 counts as 1). Length is counted in characters
 * of the NFKC form, up to PASSWORD_MAX_CHARS. personal: words the password must not contain
 * (user name, display name), NULL-terminated or NULL; each is also split at spaces and
 * punctuation ("Gonzalez-Ruiz" gives "gonzalez" and "ruiz"), so the display name may be
 * passed whole; words under 3 characters are ignored. The common, personal and repetitive
 * rules ignore case, compatibility forms, spaces and the separators - _ . ("Correct Horse"),
 * and see through digits and symbols added around a word or put for letters
 * ("P@ssw0rd2024!"). reason (may be NULL) gets one sentence for the user that never quotes
 * the password, for example "Too short: 9 characters; at least 15 are needed.", or "" for
 * PASSWORD_OK. Returns PASSWORD_OK or the first rule broken, in the order NOT_TEXT,
 * TOO_LONG, TOO_SHORT, COMMON, PERSONAL, REPETITIVE. */
enum password_verdict password_check(const char *password, int min_chars,
				     const char *const *personal, char *reason, size_t reason_size);

/* The Argon2id hash (libsodium crypto_pwhash_str: 19 MiB, 2 passes) of NFKC(password),
 * into out. It applies no rule (password_check does). CL_ERR_INVALID for NULL, a password
 * that is not valid UTF-8, or one longer than 16 bytes per PASSWORD_MAX_CHARS (4096);
 * CL_ERR_NOMEM when the hashing memory cannot be had; CL_ERR_INTERNAL when libsodium cannot
 * start. out is "" on failure. */
enum cl_status password_hash(const char *password, char out[PASSWORD_HASH_SIZE]);

/* True when password (NFKC-normalized) matches hash. Takes the same time whether or not
 * it matches. False for a NULL or malformed hash, one that is not Argon2id, and one whose
 * costs are past 1 GiB or 64 passes (a tampered hash must not stall the sign-in). */
bool password_verify(const char *hash, const char *password);

/* True when hash was made with other costs than the current ones (rehash at sign-in), and
 * for anything password_verify would not accept as a hash. */
bool password_needs_rehash(const char *hash);

/* A hash of a random password, for verifying against when the user does not exist, so an
 * unknown user and a wrong password take the same time. Static, computed at the first call
 * (not thread-safe), with the current costs. */
const char *password_dummy_hash(void);

/* Overwrites a buffer that held a password (sodium_memzero). */
void password_wipe(void *buf, size_t len);

#endif
