/* TOTP (RFC 6238) through liboath; secrets from libsodium's generator.
 *
 * Verification computes the code of every step in the window itself and compares each in
 * constant time, instead of asking oath_totp_validate for the first match: a code may (rarely)
 * match two steps, and only a step after the last one used may be accepted (RFC 6238,
 * section 5.2: a code is accepted once). */
#include "caseload/totp.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <sodium.h>

/* RFC 4226 asks for at least 128 bits; HMAC-SHA1 gains nothing past its 64-byte block. */
#define TOTP_KEY_MIN 16
#define TOTP_KEY_MAX 64
/* Base32 text looked at: a 64-byte key is 104 characters, with room for grouping spaces. */
#define TOTP_SECRET_TEXT_MAX 256
/* Characters of a typed code looked at, spaces included ("123 456"). */
#define TOTP_CODE_TEXT_MAX 32
/* The year 9999: beyond it `now` is a mistake, and step arithmetic could overflow. */
#define TOTP_TIME_MAX ((time_t)253402300799)
/* liboath's HMAC works on copies of the key in its own stack frames: cleared afterwards. */
#define TOTP_STACK_WIPE ((size_t)8 * 1024)

_Static_assert(TOTP_SECRET_BYTES * 8 / 5 < TOTP_SECRET_TEXT_SIZE, "secret text too small");

static bool totp_ready(void)
{
	static int state; /* 0 not yet, 1 ready, -1 failed */
	if (state == 0)
		state = sodium_init() >= 0 && oath_init() == OATH_OK ? 1 : -1;
	return state == 1;
}

enum cl_status totp_new_secret(char out[TOTP_SECRET_TEXT_SIZE])
{
	out[0] = '\0';
	if (!totp_ready())
		return CL_ERR_INTERNAL;
	char key[TOTP_SECRET_BYTES];
	randombytes_buf(key, sizeof key);
	char *text = NULL;
	size_t len = 0;
	int rc = oath_base32_encode(key, sizeof key, &text, &len);
	sodium_memzero(key, sizeof key);
	if (rc != OATH_OK)
		return rc == OATH_MALLOC_ERROR ? CL_ERR_NOMEM : CL_ERR_INTERNAL;
	/* 20 bytes are 32 characters exactly, so there is no padding; strip it all the same */
	while (len > 0 && text[len - 1] == '=')
		len--;
	enum cl_status status = CL_ERR_INTERNAL;
	if (len < TOTP_SECRET_TEXT_SIZE) {
		memcpy(out, text, len);
		out[len] = '\0';
		status = CL_OK;
	}
	sodium_memzero(text, len);
	free(text);
	return status;
}

/* RFC 3986 unreserved characters stay, every other byte becomes %XX. */
static void totp_percent_encode(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			strbuf_putc(out, (char)*p);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			strbuf_append(out, esc, sizeof esc);
		}
	}
}

void totp_uri(const char *secret, const char *issuer, const char *account, struct strbuf *out)
{
	bool has_issuer = issuer && *issuer;
	strbuf_puts(out, "otpauth://totp/");
	if (has_issuer) {
		totp_percent_encode(out, issuer);
		strbuf_putc(out, ':');
	}
	totp_percent_encode(out, account ? account : "");
	strbuf_puts(out, "?secret=");
	/* the secret as apps want it: no spaces, no padding */
	for (const char *p = secret ? secret : ""; *p; p++) {
		if (*p != ' ' && *p != '=') {
			char c[2] = {*p, '\0'};
			totp_percent_encode(out, c);
		}
	}
	if (has_issuer) {
		strbuf_puts(out, "&issuer=");
		totp_percent_encode(out, issuer);
	}
	strbuf_printf(out, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP_SECONDS);
}

/* The key secret stands for, in a buffer liboath allocated: wipe and free it with
 * totp_key_free. CL_ERR_INVALID for text that is not base32 or a key of the wrong size. */
static enum cl_status totp_key(const char *secret, char **key, size_t *len)
{
	*key = NULL;
	*len = 0;
	if (!secret)
		return CL_ERR_INVALID;
	size_t n = strnlen(secret, TOTP_SECRET_TEXT_MAX + 1);
	if (n == 0 || n > TOTP_SECRET_TEXT_MAX)
		return CL_ERR_INVALID;
	int rc = oath_base32_decode(secret, n, key, len);
	if (rc == OATH_MALLOC_ERROR)
		return CL_ERR_NOMEM;
	if (rc != OATH_OK || *len < TOTP_KEY_MIN || *len > TOTP_KEY_MAX) {
		if (*key) {
			sodium_memzero(*key, *len);
			free(*key);
		}
		*key = NULL;
		*len = 0;
		return CL_ERR_INVALID;
	}
	return CL_OK;
}

static void totp_key_free(char *key, size_t len)
{
	if (key) {
		sodium_memzero(key, len);
		free(key);
	}
}

/* The code at step (time step * 30). */
static enum cl_status totp_code_at(const char *key, size_t len, int64_t step,
                                   char code[TOTP_DIGITS + 1])
{
	int rc = oath_totp_generate(key, len, (time_t)(step * TOTP_STEP_SECONDS), TOTP_STEP_SECONDS,
	                            OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS, code);
	return rc == OATH_OK ? CL_OK : CL_ERR_INTERNAL;
}

enum cl_status totp_generate(const char *secret, time_t now, char code[TOTP_DIGITS + 1])
{
	code[0] = '\0';
	if (!totp_ready())
		return CL_ERR_INTERNAL;
	if (now < 0 || now > TOTP_TIME_MAX)
		return CL_ERR_INVALID;
	char *key;
	size_t len;
	enum cl_status status = totp_key(secret, &key, &len);
	if (status == CL_OK)
		status = totp_code_at(key, len, (int64_t)now / TOTP_STEP_SECONDS, code);
	totp_key_free(key, len);
	sodium_stackzero(TOTP_STACK_WIPE);
	if (status != CL_OK)
		code[0] = '\0';
	return status;
}

/* The typed code without its spaces into digits; false unless that is exactly TOTP_DIGITS
 * ASCII digits. */
static bool totp_parse_code(const char *code, char digits[TOTP_DIGITS + 1])
{
	if (!code)
		return false;
	size_t n = strnlen(code, TOTP_CODE_TEXT_MAX + 1);
	if (n > TOTP_CODE_TEXT_MAX)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (code[i] == ' ')
			continue;
		if (code[i] < '0' || code[i] > '9' || k == TOTP_DIGITS)
			return false;
		digits[k++] = code[i];
	}
	digits[k] = '\0';
	return k == TOTP_DIGITS;
}

enum cl_status totp_verify(const char *secret, const char *code, time_t now, int64_t last_step,
                           int64_t *step)
{
	if (!totp_ready())
		return CL_ERR_INTERNAL;
	char typed[TOTP_DIGITS + 1];
	if (!totp_parse_code(code, typed) || now < 0 || now > TOTP_TIME_MAX)
		return CL_ERR_INVALID;
	char *key;
	size_t len;
	enum cl_status status = totp_key(secret, &key, &len);
	if (status != CL_OK)
		return status;

	/* Every step of the window is computed and compared, whatever matched before, so the
	 * time taken says nothing about which step (if any) matched. The earliest unused
	 * matching step is taken: a later one would burn codes still to come. */
	int64_t current = (int64_t)now / TOTP_STEP_SECONDS;
	int64_t found = -1;
	for (int64_t s = current - TOTP_WINDOW; s <= current + TOTP_WINDOW; s++) {
		char expected[TOTP_DIGITS + 1];
		if (s < 0)
			continue;
		status = totp_code_at(key, len, s, expected);
		if (status != CL_OK)
			break;
		bool match = sodium_memcmp(expected, typed, TOTP_DIGITS) == 0;
		sodium_memzero(expected, sizeof expected);
		if (match && s > last_step && found < 0)
			found = s;
	}
	totp_key_free(key, len);
	sodium_memzero(typed, sizeof typed);
	sodium_stackzero(TOTP_STACK_WIPE);
	if (status != CL_OK)
		return status;
	if (found < 0)
		return CL_ERR_DENIED;
	if (step)
		*step = found;
	return CL_OK;
}
