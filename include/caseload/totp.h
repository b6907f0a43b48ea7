#ifndef CASELOAD_TOTP_H
#define CASELOAD_TOTP_H
/* Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) through
 * liboath. A code is accepted once: the caller keeps the last step used per user and
 * passes it back. Pure: no database, no terminal. */
#include <stdint.h>
#include <time.h>

#include "caseload/status.h"
#include "caseload/strbuf.h"

#define TOTP_SECRET_BYTES 20
#define TOTP_SECRET_TEXT_SIZE 40 /* base32 of 20 bytes (32 characters) and its NUL */
#define TOTP_DIGITS 6
#define TOTP_STEP_SECONDS 30
#define TOTP_WINDOW 1 /* steps of clock drift accepted either side */

/* A new random secret (libsodium's generator), base32 (RFC 4648, no padding): 32
 * characters. CL_ERR_INTERNAL when the libraries cannot start.
 * Functions taking a secret accept base32 in either case, with spaces anywhere, for a key of
 * 16 to 64 bytes (RFC 4226 asks for at least 128 bits); anything else is CL_ERR_INVALID. */
enum cl_status totp_new_secret(char out[TOTP_SECRET_TEXT_SIZE]);

/* Appends the enrolment URI authenticator apps read:
 * otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
 * (issuer and account percent-encoded as UTF-8, RFC 3986 unreserved characters kept; the
 * secret without spaces or padding). With a NULL or empty issuer the label is the account
 * alone and there is no issuer parameter. */
void totp_uri(const char *secret, const char *issuer, const char *account, struct strbuf *out);

/* The code for `now`, for tests and enrolment checks. CL_ERR_INVALID for a malformed
 * secret, or `now` before 1970 or after 9999; code is "" on failure. */
enum cl_status totp_generate(const char *secret, time_t now, char code[TOTP_DIGITS + 1]);

/* Checks code against the steps around now (now / 30, TOTP_WINDOW either side). On success
 * *step (step may be NULL) is the absolute step it matched, for the caller to keep as the new
 * last_step; pass -1 when no code was used yet. When the code matches several steps the
 * earliest after last_step is taken. The code is TOTP_DIGITS ASCII digits; spaces anywhere
 * are ignored ("123 456").
 * CL_ERR_DENIED when it matches no step, or only a step <= last_step (already used);
 * CL_ERR_INVALID when secret or code are malformed, or now is out of range as for
 * totp_generate. */
enum cl_status totp_verify(const char *secret, const char *code, time_t now, int64_t last_step,
			   int64_t *step);

#endif
