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

/* A new random secret, base32 (RFC 4648, no padding). */
enum cl_status totp_new_secret(char out[TOTP_SECRET_TEXT_SIZE]);

/* Appends the enrolment URI authenticator apps read:
 * otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
 * (issuer and account percent-encoded). */
void totp_uri(const char *secret, const char *issuer, const char *account, struct strbuf *out);

/* The code for `now`, for tests and enrolment checks. */
enum cl_status totp_generate(const char *secret, time_t now, char code[TOTP_DIGITS + 1]);

/* Checks code against the steps around now. On success *step is the step it matched.
 * CL_ERR_DENIED when it matches no step, or only a step <= last_step (already used);
 * CL_ERR_INVALID when secret or code are malformed. */
enum cl_status totp_verify(const char *secret, const char *code, time_t now, int64_t last_step,
			   int64_t *step);

#endif
