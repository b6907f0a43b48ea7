/* auth: password rules (NIST SP 800-63B rev. 4), Argon2id hashing, and TOTP (RFC 6238). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/password.h"
#include "caseload/strbuf.h"
#include "caseload/text.h"
#include "caseload/totp.h"
#include "password_list.h"

/* ---- helpers ---- */

/* `chars` characters of deterministic noise (letters, digits, spaces): no pattern, word or
 * name the rules look for. With wide, every character is two bytes (Cyrillic). */
static char *noise(size_t chars, uint32_t seed, int wide)
{
	static const char ascii[] = "abcdefghijklmnopqrstuvwxyz0123456789 ";
	struct strbuf sb;
	strbuf_init(&sb);
	uint32_t x = seed * 2654435761u + 1;
	for (size_t i = 0; i < chars; i++) {
		x = x * 1103515245u + 12345u;
		uint32_t r = (x >> 16) & 0x7FFF;
		if (wide)
			text_encode(&sb, 0x430 + r % 32); /* а..я */
		else
			strbuf_putc(&sb, ascii[r % (sizeof ascii - 1)]);
	}
	return strbuf_detach(&sb);
}

/* The fullwidth form of printable ASCII (U+FF01..U+FF5E, the ideographic space for ' '). */
static char *fullwidth(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ')
			text_encode(&sb, 0x3000);
		else
			text_encode(&sb, 0xFF01 + (uint32_t)(*p - '!'));
	}
	return strbuf_detach(&sb);
}

static char reason[256];

static enum password_verdict check(const char *pw, int min)
{
	memset(reason, 'Z', sizeof reason);
	enum password_verdict v = password_check(pw, min, NULL, reason, sizeof reason);
	ck_assert_ptr_nonnull(memchr(reason, '\0', sizeof reason));
	return v;
}

static enum password_verdict check_personal(const char *pw, const char *const *personal)
{
	return password_check(pw, 8, personal, reason, sizeof reason);
}

#define ASSERT_VERDICT(pw, min, verdict)                                                           \
	do {                                                                                       \
		enum password_verdict v_ = check(pw, min);                                         \
		ck_assert_msg(v_ == (verdict), "\"%s\": verdict %d, expected %d (%s)", pw, v_,     \
		              (int)(verdict), reason);                                             \
	} while (0)

/* ---- password rules ---- */

START_TEST(length_at_the_limits)
{
	char *p14 = noise(14, 1, 0), *p15 = noise(15, 1, 0);
	ASSERT_VERDICT(p14, 15, PASSWORD_TOO_SHORT);
	ck_assert_str_eq(reason, "Too short: 14 characters; at least 15 are needed.");
	ASSERT_VERDICT(p15, 15, PASSWORD_OK);
	ck_assert_str_eq(reason, "");

	char *p7 = noise(7, 2, 0), *p8 = noise(8, 2, 0);
	ASSERT_VERDICT(p7, 8, PASSWORD_TOO_SHORT);
	ck_assert_str_eq(reason, "Too short: 7 characters; at least 8 are needed.");
	ASSERT_VERDICT(p8, 8, PASSWORD_OK);

	/* characters, not bytes: 14 Cyrillic letters are 28 bytes and still too short */
	char *w14 = noise(14, 3, 1), *w15 = noise(15, 3, 1);
	ck_assert_uint_eq(strlen(w14), 28);
	ASSERT_VERDICT(w14, 15, PASSWORD_TOO_SHORT);
	ASSERT_VERDICT(w15, 15, PASSWORD_OK);

	ASSERT_VERDICT("", 15, PASSWORD_TOO_SHORT);
	ck_assert_str_eq(reason, "Too short: 0 characters; at least 15 are needed.");
	/* a nonsensical minimum is taken as 1 */
	ASSERT_VERDICT("", 0, PASSWORD_TOO_SHORT);
	ck_assert_str_eq(reason, "Too short: 0 characters; at least 1 is needed.");
	ASSERT_VERDICT("tq9#vLmz", -5, PASSWORD_OK);
	free(p14), free(p15), free(p7), free(p8), free(w14), free(w15);
}
END_TEST

START_TEST(long_passwords_accepted_in_full)
{
	char *p64 = noise(64, 4, 0), *p256 = noise(256, 5, 0), *p257 = noise(257, 5, 0);
	ASSERT_VERDICT(p64, 15, PASSWORD_OK);
	ASSERT_VERDICT(p256, 15, PASSWORD_OK);
	ASSERT_VERDICT(p257, 15, PASSWORD_TOO_LONG);
	ck_assert_str_eq(reason, "Too long: 257 characters; at most 256 are accepted.");

	char *w256 = noise(256, 6, 1), *w257 = noise(257, 6, 1);
	ASSERT_VERDICT(w256, 15, PASSWORD_OK);
	ASSERT_VERDICT(w257, 15, PASSWORD_TOO_LONG);

	/* counted after NFKC: the ligature U+FB01 is two characters, "fi" */
	char *p255 = noise(255, 7, 0);
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "%s\xef\xac\x81", p255);
	ASSERT_VERDICT(sb.buf, 15, PASSWORD_TOO_LONG);
	ck_assert_str_eq(reason, "Too long: 257 characters; at most 256 are accepted.");
	/* and 256 decomposed accents (512 code points) are 256 characters once composed */
	strbuf_reset(&sb);
	char *vowels = noise(257, 8, 0);
	for (int i = 0; i < 256; i++) {
		strbuf_putc(&sb, "aeiouy"[(unsigned char)vowels[i] % 6]);
		strbuf_puts(&sb, "\xcc\x81"); /* U+0301 combining acute */
	}
	ASSERT_VERDICT(sb.buf, 15, PASSWORD_OK);
	strbuf_puts(&sb, "e\xcc\x81");
	ASSERT_VERDICT(sb.buf, 15, PASSWORD_TOO_LONG);
	free(vowels);

	/* a megabyte is refused before any work is done on it */
	char *huge = xmalloc(1 << 20);
	memset(huge, 'q', (1 << 20) - 1);
	huge[(1 << 20) - 1] = '\0';
	ASSERT_VERDICT(huge, 15, PASSWORD_TOO_LONG);
	ck_assert_str_eq(reason, "Too long: more than 256 characters; at most 256 are accepted.");
	free(huge);
	strbuf_clear(&sb);
	free(p64), free(p256), free(p257), free(w256), free(w257), free(p255);
}
END_TEST

START_TEST(not_text_refused)
{
	static const char *const bad[] = {
	    "abcdefghij\xffklmnopq",      /* invalid byte */
	    "abcdefghij\xc3klmnopq",      /* truncated sequence */
	    "abcdefghij\xed\xa0\x80klmn", /* surrogate */
	    "abcdefghij\xc0\xafklmnopq",  /* overlong */
	    "tab\tinside the password",   /* controls */
	    "a line\nbreak inside it",    "escape \x1b[31m sequences",
	    "delete \x7f character here", "bidi \xe2\x80\xae override text", /* U+202E */
	    "c1 control \xc2\x85 inside",                                    /* U+0085 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(check(bad[i], 8), PASSWORD_NOT_TEXT);
		ck_assert(strncmp(reason, "Not valid text: ", 16) == 0);
	}
	ck_assert_int_eq(check(NULL, 8), PASSWORD_NOT_TEXT);
	ck_assert_int_eq(check("\xff", 8), PASSWORD_NOT_TEXT);
	ck_assert_str_eq(reason, "Not valid text: it contains bytes that are not UTF-8.");
}
END_TEST

START_TEST(spaces_and_any_script_allowed)
{
	ASSERT_VERDICT("my cat eats green olives", 15, PASSWORD_OK);
	ASSERT_VERDICT("  leading and trailing spaces  ", 15, PASSWORD_OK);
	ASSERT_VERDICT("Ünïcødé pässwörd wïth äccents", 15, PASSWORD_OK);
	ASSERT_VERDICT("мой кот ест зелёные оливки", 15, PASSWORD_OK);
	ASSERT_VERDICT("我的猫喜欢吃绿色的橄榄", 8, PASSWORD_OK);
	ASSERT_VERDICT("tq9#vLmz", 8, PASSWORD_OK);
	ASSERT_VERDICT("🦉 owls 🦉 hoot at 🌙 midnight", 15, PASSWORD_OK);
	/* a few letters among a dozen random symbols is not a listed word with decoration */
	ASSERT_VERDICT("93#41%abc@82!7*", 15, PASSWORD_OK);
}
END_TEST

START_TEST(common_passwords_refused)
{
	static const char *const common[] = {
	    "password",
	    "PASSWORD",
	    "Password1",
	    "Password2024!",
	    "P@ssw0rd2024",
	    "!!Sunshine!!2024",
	    "2024qwerty!!!!!!!",
	    "qwertyuiopasdfgh",
	    "1q2w3e4r5t6y7u8i",
	    "passwordpassword",
	    "iloveyouiloveyou",
	    "monkeymonkeymonkey",
	    "Dragon Dragon Dragon",
	    "correcthorsebatterystaple",
	    "Correct Horse Battery Staple",
	    "correct-horse-battery-staple",
	    "corrections",
	    "Department of Corrections",
	    "DepartmentOfCorrections1",
	    "Corrections2024!",
	    "trustno1",
	    "letmein!!",
	    "Welcome123",
	    "baseball1999",
	};
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++) {
		ASSERT_VERDICT(common[i], 8, PASSWORD_COMMON);
		ck_assert(strncmp(reason, "Too common: ", 12) == 0);
	}
	ck_assert_int_eq(check("password", 8), PASSWORD_COMMON);
	ck_assert_str_eq(reason,
	                 "Too common: it is on the list of the most used and leaked passwords.");
}
END_TEST

START_TEST(common_after_nfkc)
{
	/* fullwidth letters are their ASCII selves after NFKC */
	ASSERT_VERDICT("ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ", 15, PASSWORD_COMMON);
	ASSERT_VERDICT("Ｐａｓｓｗｏｒｄ２０２４！", 8, PASSWORD_COMMON);
	ASSERT_VERDICT("ＱＷＥＲＴＹＵＩＯＰＡＳＤＦＧＨ", 15, PASSWORD_COMMON);
	/* and so are the ideographic space and ligatures */
	ASSERT_VERDICT("correct\xe3\x80\x80horse battery staple", 15, PASSWORD_COMMON);
	ASSERT_VERDICT("\xef\xac\x81refly", 1, PASSWORD_COMMON); /* "ﬁrefly" */
}
END_TEST

/* Every entry of the compiled list is refused as it is, in capitals, and in fullwidth. */
START_TEST(every_listed_entry_refused)
{
	ck_assert_uint_ge(password_common_count, 300);
	for (size_t i = 0; i < password_common_count; i++) {
		const char *e = password_common_list[i];
		ck_assert_msg(check(e, 1) == PASSWORD_COMMON, "\"%s\" not refused: %s", e, reason);
		char *upper = xstrdup(e);
		for (char *p = upper; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		ck_assert_msg(check(upper, 1) == PASSWORD_COMMON, "\"%s\" not refused", upper);
		char *wide = fullwidth(e);
		ck_assert_msg(check(wide, 1) == PASSWORD_COMMON, "\"%s\" not refused", wide);
		free(upper);
		free(wide);
	}
}
END_TEST

START_TEST(long_common_phrases_listed)
{
	/* the list must hold passwords long enough to pass the length rules */
	size_t at_least_15 = 0;
	for (size_t i = 0; i < password_common_count; i++)
		at_least_15 += strlen(password_common_list[i]) >= 15;
	ck_assert_uint_ge(at_least_15, 40);
}
END_TEST

START_TEST(personal_words_refused)
{
	static const char *const me[] = {"jdoe", "Maria", "Gonzalez-Ruiz", NULL};
	static const char *const refused[] = {
	    "jdoe likes long walks", "JDOE likes long walks", "j d o e likes long walks",
	    "jd0e likes long walks", "maria's quiet garden",  "the ruiz family farm",
	    "GONZALEZ family farm",  "mariagonzalez",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		enum password_verdict v = check_personal(refused[i], me);
		ck_assert_msg(v == PASSWORD_PERSONAL, "\"%s\": %d (%s)", refused[i], v, reason);
		ck_assert_str_eq(reason,
		                 "Too personal: it contains your user name or part of your name.");
		ck_assert_ptr_null(strstr(reason, "jdoe"));
	}
	ck_assert_int_eq(check_personal("a quiet garden by the sea", me), PASSWORD_OK);

	/* the display name may be passed whole; its parts under 3 characters are ignored */
	static const char *const al[] = {"al", "Al Smith", NULL};
	ck_assert_int_eq(check_personal("always almond trees", al), PASSWORD_OK);
	ck_assert_int_eq(check_personal("agent smith returns", al), PASSWORD_PERSONAL);
	/* a user name with digits: the name without them counts as well */
	static const char *const casey[] = {"casey7", NULL};
	ck_assert_int_eq(check_personal("casey's green olives", casey), PASSWORD_PERSONAL);
	/* names in other scripts, compared after NFKC and case folding */
	static const char *const ivan[] = {"ИВАНОВ", NULL};
	ck_assert_int_eq(check_personal("иванов ест оливки", ivan), PASSWORD_PERSONAL);
	/* digits read as letters only for words of four or more: "do3" is chance, not "Doe" */
	static const char *const doe[] = {"John Doe", NULL};
	ck_assert_int_eq(check_personal("xdo36C6nz\\g|A-b<l)", doe), PASSWORD_OK);
	ck_assert_int_eq(check_personal("doe a deer a female deer", doe), PASSWORD_PERSONAL);
	ck_assert_int_eq(check_personal("j0hn's own garden", doe), PASSWORD_PERSONAL);
	/* no personal words at all */
	ck_assert_int_eq(check_personal("a quiet garden by the sea", NULL), PASSWORD_OK);
}
END_TEST

START_TEST(repetitive_refused)
{
	static const char *const refused[] = {
	    "zzzzzzzzzzzzzzzzzz", "xyxyxyxyxyxyxyxy", "xyzxyzxyzxyzxyz",       "               ",
	    "#################",  "bcdefghijklmnopq", "ponmlkjihgfedcba",      "9876543210987654",
	    "78901234567890123",  "bcdebcdebcdebcde", "bcdefghijklmnopq2024!", "edcrfvtgbyhnujm",
	    "mjunhybgtvfrcde",    "EDCRFVTGBYHNUJM",  "ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		ASSERT_VERDICT(refused[i], 15, PASSWORD_REPETITIVE);
		ck_assert(strncmp(reason, "Too predictable: ", 17) == 0);
	}
	check("zzzzzzzzzzzzzzzzzz", 15);
	ck_assert_str_eq(reason, "Too predictable: it is one character repeated.");
	check("xyzxyzxyzxyzxyz", 15);
	ck_assert_str_eq(reason, "Too predictable: it is a group of 3 characters repeated.");
	/* nor is a sequence of few different characters without a neat pattern */
	ASSERT_VERDICT("aaaaaaaaaaaaaaab", 15, PASSWORD_REPETITIVE);
	ck_assert_str_eq(reason, "Too predictable: it has only 2 different characters.");
	ASSERT_VERDICT("abbaabbbaababbba", 15, PASSWORD_REPETITIVE);
	ASSERT_VERDICT("1221 3443 1221 3443", 15, PASSWORD_REPETITIVE);
	/* a group longer than three characters is not a repetition on its own */
	ASSERT_VERDICT("kmqtzkmqtzkmqtz", 15, PASSWORD_OK);
}
END_TEST

START_TEST(reasons_never_echo_the_password)
{
	static const char *const me[] = {"jdoe", NULL};
	static const char *const pws[] = {
	    "brief",
	    "Password2024!",
	    "jdoe likes long walks",
	    "zzzzzzzzzzzzzzzz",
	    "tab\there too",
	    "bcdefghijklmnopq",
	    "monkeymonkeymonkey",
	    "qwertyuiopasdfgh",
	    "ｐａｓｓｗｏｒｄ",
	    "my cat eats olives",
	};
	for (size_t i = 0; i < sizeof pws / sizeof pws[0]; i++) {
		enum password_verdict v = password_check(pws[i], 15, me, reason, sizeof reason);
		ck_assert_ptr_null(strstr(reason, pws[i]));
		if (v == PASSWORD_OK) {
			ck_assert_str_eq(reason, "");
			continue;
		}
		/* one sentence: a capital, a full stop at the end and nowhere before it */
		size_t n = strlen(reason);
		ck_assert(n > 2 && reason[0] >= 'A' && reason[0] <= 'Z');
		ck_assert(reason[n - 1] == '.' && strchr(reason, '.') == reason + n - 1);
		ck_assert_ptr_null(strstr(reason, "olives"));
		ck_assert_ptr_null(strstr(reason, "monkey"));
		ck_assert_ptr_null(strstr(reason, "qwerty"));
		ck_assert_ptr_null(strstr(reason, "jdoe"));
	}
}
END_TEST

START_TEST(reason_buffer_may_be_small_or_missing)
{
	char small[10];
	memset(small, 'Z', sizeof small);
	ck_assert_int_eq(password_check("short", 15, NULL, small, sizeof small),
	                 PASSWORD_TOO_SHORT);
	ck_assert_str_eq(small, "Too short");
	ck_assert_int_eq(password_check("short", 15, NULL, NULL, 0), PASSWORD_TOO_SHORT);
	ck_assert_int_eq(password_check("short", 15, NULL, small, 0), PASSWORD_TOO_SHORT);
	ck_assert_int_eq(small[0], 'T');
}
END_TEST

/* ---- hashing ---- */

static const char argon2id_prefix[] = "$argon2id$v=19$m=19456,t=2,p=1$";

START_TEST(hash_and_verify)
{
	char h1[PASSWORD_HASH_SIZE], h2[PASSWORD_HASH_SIZE];
	ck_assert_int_eq(password_hash("fine tuned passphrase", h1), CL_OK);
	ck_assert(strncmp(h1, argon2id_prefix, strlen(argon2id_prefix)) == 0);
	ck_assert(password_verify(h1, "fine tuned passphrase"));
	ck_assert(!password_verify(h1, "fine tuned passphrasE"));
	ck_assert(!password_verify(h1, "fine tuned passphrase "));
	ck_assert(!password_verify(h1, ""));
	ck_assert(!password_needs_rehash(h1));
	/* a fresh salt every time */
	ck_assert_int_eq(password_hash("fine tuned passphrase", h2), CL_OK);
	ck_assert_str_ne(h1, h2);
	ck_assert(password_verify(h2, "fine tuned passphrase"));
	/* the empty password hashes too (password_check is what refuses it) */
	ck_assert_int_eq(password_hash("", h2), CL_OK);
	ck_assert(password_verify(h2, ""));
	ck_assert(!password_verify(h2, " "));
}
END_TEST

START_TEST(hash_is_of_the_nfkc_form)
{
	char h[PASSWORD_HASH_SIZE];
	/* the ligature U+FB01 and "fi" */
	ck_assert_int_eq(password_hash("\xef\xac\x81ne tuned passphrase", h), CL_OK);
	ck_assert(password_verify(h, "fine tuned passphrase"));
	ck_assert(password_verify(h, "\xef\xac\x81ne tuned passphrase"));
	ck_assert_int_eq(password_hash("fine tuned passphrase", h), CL_OK);
	ck_assert(password_verify(h, "\xef\xac\x81ne tuned passphrase"));
	/* precomposed and combining acute accents */
	ck_assert_int_eq(password_hash("caf\xc3\xa9 au lait tonight", h), CL_OK);
	ck_assert(password_verify(h, "cafe\xcc\x81 au lait tonight"));
	ck_assert_int_eq(password_hash("cafe\xcc\x81 au lait tonight", h), CL_OK);
	ck_assert(password_verify(h, "caf\xc3\xa9 au lait tonight"));
	ck_assert(!password_verify(h, "cafe au lait tonight"));
	/* fullwidth and ASCII */
	ck_assert_int_eq(password_hash("ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ", h), CL_OK);
	ck_assert(password_verify(h, "fullwidth text"));
	/* NFKC keeps case: only the rules fold it */
	ck_assert(!password_verify(h, "FULLWIDTH TEXT"));
}
END_TEST

START_TEST(hash_never_truncates)
{
	char h[PASSWORD_HASH_SIZE];
	char *p = noise(256, 9, 1);
	ck_assert_int_eq(password_hash(p, h), CL_OK);
	ck_assert(password_verify(h, p));
	size_t n = strlen(p);
	p[n - 2] = '\0'; /* one Cyrillic letter less */
	ck_assert(!password_verify(h, p));
	free(p);
}
END_TEST

START_TEST(hash_refuses_what_is_not_text)
{
	char h[PASSWORD_HASH_SIZE];
	memset(h, 'Z', sizeof h);
	ck_assert_int_eq(password_hash("bad \xff byte", h), CL_ERR_INVALID);
	ck_assert_str_eq(h, "");
	ck_assert_int_eq(password_hash(NULL, h), CL_ERR_INVALID);
	char *huge = xmalloc(100000);
	memset(huge, 'q', 99999);
	huge[99999] = '\0';
	ck_assert_int_eq(password_hash(huge, h), CL_ERR_INVALID);
	free(huge);
	/* verifying such input is simply false */
	ck_assert_int_eq(password_hash("a good passphrase here", h), CL_OK);
	ck_assert(!password_verify(h, "bad \xff byte"));
	ck_assert(!password_verify(h, NULL));
}
END_TEST

/* Made with libsodium for "fine tuned passphrase" at other costs or with Argon2i. */
static const char hash_m64_t3[] = "$argon2id$v=19$m=65536,t=3,p=1$jRDhRlnbLxSPBtG473SNPw$"
                                  "y5ZuC3qQPvq3eT1e6wc2E92gD9ZMSNhM1pTt5fwcj5c";
static const char hash_m12_t2[] = "$argon2id$v=19$m=12288,t=2,p=1$krRILsZ48DM/WaAeik2S4w$"
                                  "Z59EnLqZZm+xPyk4XYu+7zL5ttJ+VwwfhC3yHVdg2q8";
static const char hash_argon2i[] = "$argon2i$v=19$m=19456,t=3,p=1$dbqAb2LaqprpjyqCsOe1kQ$"
                                   "mkyueP+0qdO/I4uSu5amU5c7LH5PSucy53Y8j3ImP/E";

START_TEST(other_costs_need_rehash)
{
	ck_assert(password_verify(hash_m64_t3, "fine tuned passphrase"));
	ck_assert(password_needs_rehash(hash_m64_t3));
	ck_assert(password_verify(hash_m12_t2, "fine tuned passphrase"));
	ck_assert(password_needs_rehash(hash_m12_t2));
	/* only Argon2id is stored, so anything else is refused and must be replaced */
	ck_assert(!password_verify(hash_argon2i, "fine tuned passphrase"));
	ck_assert(password_needs_rehash(hash_argon2i));
}
END_TEST

START_TEST(invalid_hashes_verify_false)
{
	char good[PASSWORD_HASH_SIZE];
	ck_assert_int_eq(password_hash("fine tuned passphrase", good), CL_OK);
	char truncated[PASSWORD_HASH_SIZE], flipped[PASSWORD_HASH_SIZE];
	strcpy(truncated, good);
	truncated[strlen(truncated) - 10] = '\0';
	strcpy(flipped, good);
	flipped[strlen(flipped) - 5] = flipped[strlen(flipped) - 5] == 'A' ? 'B' : 'A';
	char unterminated[300];
	memset(unterminated, 'a', sizeof unterminated - 1);
	memcpy(unterminated, argon2id_prefix, strlen(argon2id_prefix));
	unterminated[sizeof unterminated - 1] = '\0';
	const char *const bad[] = {
	    "",
	    "x",
	    "$argon2id$",
	    "$argon2id$v=19$",
	    argon2id_prefix,
	    "$argon2id$v=19$m=19456,t=2,p=1$$",
	    "$argon2id$v=19$m=,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
	    "$argon2id$v=19$m=99999999999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
	    /* costs that would take gigabytes or minutes are not even tried */
	    "$argon2id$v=19$m=4194304,t=2,p=1$jRDhRlnbLxSPBtG473SNPw$"
	    "y5ZuC3qQPvq3eT1e6wc2E92gD9ZMSNhM1pTt5fwcj5c",
	    "$argon2id$v=19$m=19456,t=100000,p=1$jRDhRlnbLxSPBtG473SNPw$"
	    "y5ZuC3qQPvq3eT1e6wc2E92gD9ZMSNhM1pTt5fwcj5c",
	    "$argon2id$v=19$m=19456,t=2,p=255$jRDhRlnbLxSPBtG473SNPw$"
	    "y5ZuC3qQPvq3eT1e6wc2E92gD9ZMSNhM1pTt5fwcj5c",
	    "$argon2id$v=16$m=19456,t=2,p=1$jRDhRlnbLxSPBtG473SNPw$"
	    "y5ZuC3qQPvq3eT1e6wc2E92gD9ZMSNhM1pTt5fwcj5c",
	    "fine tuned passphrase",
	    truncated,
	    unterminated,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(!password_verify(bad[i], "fine tuned passphrase"), "%zu verified", i);
		ck_assert_msg(password_needs_rehash(bad[i]), "%zu", i);
	}
	/* a damaged digest with the right costs: no match, and rehashing would not help */
	ck_assert(!password_verify(flipped, "fine tuned passphrase"));
	ck_assert(!password_needs_rehash(flipped));
	ck_assert(!password_verify(NULL, "fine tuned passphrase"));
	ck_assert(password_needs_rehash(NULL));
	ck_assert(password_verify(good, "fine tuned passphrase"));
}
END_TEST

START_TEST(dummy_hash)
{
	const char *d = password_dummy_hash();
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_eq(d, password_dummy_hash());
	ck_assert(strncmp(d, argon2id_prefix, strlen(argon2id_prefix)) == 0);
	ck_assert(!password_needs_rehash(d));
	ck_assert(!password_verify(d, ""));
	ck_assert(!password_verify(d, "fine tuned passphrase"));
}
END_TEST

START_TEST(wipe)
{
	char buf[32];
	memset(buf, 'x', sizeof buf);
	password_wipe(buf, sizeof buf);
	for (size_t i = 0; i < sizeof buf; i++)
		ck_assert_int_eq(buf[i], 0);
	password_wipe(NULL, 10);
	password_wipe(buf, 0);
}
END_TEST

/* ---- TOTP ---- */

/* RFC 6238 Appendix B: the SHA1 key is the ASCII "12345678901234567890". */
static const char rfc_secret[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/* RFC 6238 gives 8 digits; 6 digits are the same binary value modulo 10^6, i.e. the last 6. */
static const struct {
	time_t t;
	const char *eight;
} rfc_vectors[] = {
    {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
    {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
};

START_TEST(rfc6238_vectors)
{
	ck_assert_uint_ge(sizeof(time_t), 8);
	for (size_t i = 0; i < sizeof rfc_vectors / sizeof rfc_vectors[0]; i++) {
		char code[TOTP_DIGITS + 1];
		ck_assert_int_eq(totp_generate(rfc_secret, rfc_vectors[i].t, code), CL_OK);
		ck_assert_str_eq(code, rfc_vectors[i].eight + 2);
		int64_t step = -1;
		ck_assert_int_eq(totp_verify(rfc_secret, code, rfc_vectors[i].t, -1, &step), CL_OK);
		ck_assert_int_eq(step, (int64_t)rfc_vectors[i].t / 30);
	}
	/* base32 in any case and grouped with spaces, as apps show it */
	char code[TOTP_DIGITS + 1];
	ck_assert_int_eq(totp_generate("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", 59, code), CL_OK);
	ck_assert_str_eq(code, "287082");
	ck_assert_int_eq(totp_generate("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", 59, code), CL_OK);
	ck_assert_str_eq(code, "287082");
}
END_TEST

START_TEST(new_secrets)
{
	char a[TOTP_SECRET_TEXT_SIZE], b[TOTP_SECRET_TEXT_SIZE];
	ck_assert_int_eq(totp_new_secret(a), CL_OK);
	ck_assert_int_eq(totp_new_secret(b), CL_OK);
	ck_assert_uint_eq(strlen(a), 32);
	ck_assert_uint_eq(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
	ck_assert_str_ne(a, b);
	char code[TOTP_DIGITS + 1];
	ck_assert_int_eq(totp_generate(a, 1700000000, code), CL_OK);
	ck_assert_uint_eq(strlen(code), 6);
	ck_assert_int_eq(totp_verify(a, code, 1700000000, -1, NULL), CL_OK);
}
END_TEST

START_TEST(window_of_one_step)
{
	const time_t now = 1111111111; /* one second into its step */
	const int64_t s = now / 30;
	char code[TOTP_DIGITS + 1];
	int64_t step;
	static const struct {
		int offset;
		enum cl_status status;
	} cases[] = {{0, CL_OK},           {-30, CL_OK},           {30, CL_OK},
	             {-60, CL_ERR_DENIED}, {60, CL_ERR_DENIED},    {-90, CL_ERR_DENIED},
	             {90, CL_ERR_DENIED},  {-3600, CL_ERR_DENIED}, {3600, CL_ERR_DENIED}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(totp_generate(rfc_secret, now + cases[i].offset, code), CL_OK);
		step = -7;
		ck_assert_msg(totp_verify(rfc_secret, code, now, -1, &step) == cases[i].status,
		              "offset %d", cases[i].offset);
		if (cases[i].status == CL_OK)
			ck_assert_int_eq(step, s + cases[i].offset / 30);
		else
			ck_assert_int_eq(step, -7);
	}
	/* the window moves with the step `now` falls in, not with the seconds */
	ck_assert_int_eq(totp_generate(rfc_secret, now - 61, code), CL_OK); /* step s - 2 */
	ck_assert_int_eq(totp_verify(rfc_secret, code, now - 2, -1, &step), CL_OK);
	ck_assert_int_eq(step, s - 2);
	ck_assert_int_eq(totp_verify(rfc_secret, code, now, -1, &step), CL_ERR_DENIED);
}
END_TEST

START_TEST(each_code_accepted_once)
{
	const time_t now = 1234567890;
	const int64_t s = now / 30;
	char code[TOTP_DIGITS + 1], earlier[TOTP_DIGITS + 1], later[TOTP_DIGITS + 1];
	ck_assert_int_eq(totp_generate(rfc_secret, now, code), CL_OK);
	ck_assert_int_eq(totp_generate(rfc_secret, now - 30, earlier), CL_OK);
	ck_assert_int_eq(totp_generate(rfc_secret, now + 30, later), CL_OK);
	int64_t step = 0;
	ck_assert_int_eq(totp_verify(rfc_secret, code, now, 0, &step), CL_OK);
	ck_assert_int_eq(step, s);
	/* replayed: refused even within its own step */
	ck_assert_int_eq(totp_verify(rfc_secret, code, now, s, &step), CL_ERR_DENIED);
	ck_assert_int_eq(totp_verify(rfc_secret, code, now + 5, s, &step), CL_ERR_DENIED);
	/* an older code, still inside the window, after a newer one was used */
	ck_assert_int_eq(totp_verify(rfc_secret, earlier, now, s, &step), CL_ERR_DENIED);
	ck_assert_int_eq(totp_verify(rfc_secret, earlier, now, s - 2, &step), CL_OK);
	ck_assert_int_eq(step, s - 1);
	/* the next code is still good */
	ck_assert_int_eq(totp_verify(rfc_secret, later, now, s, &step), CL_OK);
	ck_assert_int_eq(step, s + 1);
	ck_assert_int_eq(totp_verify(rfc_secret, later, now, s + 1, &step), CL_ERR_DENIED);
}
END_TEST

START_TEST(code_formats)
{
	const time_t now = 2000000000; /* code 279037 */
	int64_t step;
	static const char *const good[] = {"279037", "279 037", " 279037 ", "27 90 37",
	                                   "2 7 9 0 3 7"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(totp_verify(rfc_secret, good[i], now, -1, &step) == CL_OK, "%s",
		              good[i]);
	static const char *const malformed[] = {
	    "12345",        "abcdef",   "1234567", "",         "      ",
	    "27903a",       "-27903",   "+279037", "279\t037", "279-037",
	    "２７９０３７", "279037\n", "0x2790",  "2790377",  "27903 7 1",
	};
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
		ck_assert_msg(totp_verify(rfc_secret, malformed[i], now, -1, &step) ==
		                  CL_ERR_INVALID,
		              "\"%s\"", malformed[i]);
	ck_assert_int_eq(totp_verify(rfc_secret, NULL, now, -1, &step), CL_ERR_INVALID);
	/* well formed but wrong */
	ck_assert_int_eq(totp_verify(rfc_secret, "279038", now, -1, &step), CL_ERR_DENIED);
	ck_assert_int_eq(totp_verify(rfc_secret, "000000", now, -1, &step), CL_ERR_DENIED);
}
END_TEST

START_TEST(malformed_secrets_and_times)
{
	char code[TOTP_DIGITS + 1];
	int64_t step;
	char longer[300];
	memset(longer, 'A', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	const char *const bad[] = {
	    "",
	    "not base32!",
	    "GEZDGNBV",                       /* 5 bytes: under the 128 bits RFC 4226 wants */
	    "GEZDGNBVGY3TQOJQGEZDGNB1",       /* 1 is not base32 */
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQO", /* a length base32 cannot have */
	    longer,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(totp_generate(bad[i], 59, code) == CL_ERR_INVALID, "%zu", i);
		ck_assert_str_eq(code, "");
		ck_assert_msg(totp_verify(bad[i], "287082", 59, -1, &step) == CL_ERR_INVALID, "%zu",
		              i);
	}
	ck_assert_int_eq(totp_generate(NULL, 59, code), CL_ERR_INVALID);
	ck_assert_int_eq(totp_verify(NULL, "287082", 59, -1, &step), CL_ERR_INVALID);
	ck_assert_int_eq(totp_generate(rfc_secret, -1, code), CL_ERR_INVALID);
	ck_assert_int_eq(totp_verify(rfc_secret, "287082", -1, -1, &step), CL_ERR_INVALID);
	ck_assert_int_eq(totp_generate(rfc_secret, (time_t)INT64_MAX, code), CL_ERR_INVALID);
	ck_assert_int_eq(totp_verify(rfc_secret, "287082", (time_t)INT64_MAX, -1, &step),
	                 CL_ERR_INVALID);
	/* at the epoch the window has no step before 0 */
	ck_assert_int_eq(totp_generate(rfc_secret, 0, code), CL_OK);
	ck_assert_int_eq(totp_verify(rfc_secret, code, 0, -1, &step), CL_OK);
	ck_assert_int_eq(step, 0);
}
END_TEST

START_TEST(enrolment_uri)
{
	struct strbuf sb;
	strbuf_init(&sb);
	totp_uri(rfc_secret, "Dept of Corrections", "jdoe", &sb);
	ck_assert_str_eq(sb.buf,
	                 "otpauth://totp/Dept%20of%20Corrections:jdoe"
	                 "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	                 "&issuer=Dept%20of%20Corrections&algorithm=SHA1&digits=6&period=30");
	strbuf_reset(&sb);
	totp_uri(rfc_secret, "A&B: Ñ/County?", "m.o'brien@doc.example", &sb);
	ck_assert_str_eq(sb.buf, "otpauth://totp/A%26B%3A%20%C3%91%2FCounty%3F:"
	                         "m.o%27brien%40doc.example"
	                         "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	                         "&issuer=A%26B%3A%20%C3%91%2FCounty%3F"
	                         "&algorithm=SHA1&digits=6&period=30");
	/* unreserved characters stay as they are; the secret loses its grouping spaces */
	strbuf_reset(&sb);
	totp_uri("GEZD GNBV", "", "a-b.c_d~e", &sb);
	ck_assert_str_eq(sb.buf, "otpauth://totp/a-b.c_d~e?secret=GEZDGNBV"
	                         "&algorithm=SHA1&digits=6&period=30");
	strbuf_clear(&sb);
}
END_TEST

static Suite *auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("password_rules");
	tcase_set_timeout(tc, 120); /* every list entry three ways; slow under the sanitizers */
	tcase_add_test(tc, length_at_the_limits);
	tcase_add_test(tc, long_passwords_accepted_in_full);
	tcase_add_test(tc, not_text_refused);
	tcase_add_test(tc, spaces_and_any_script_allowed);
	tcase_add_test(tc, common_passwords_refused);
	tcase_add_test(tc, common_after_nfkc);
	tcase_add_test(tc, every_listed_entry_refused);
	tcase_add_test(tc, long_common_phrases_listed);
	tcase_add_test(tc, personal_words_refused);
	tcase_add_test(tc, repetitive_refused);
	tcase_add_test(tc, reasons_never_echo_the_password);
	tcase_add_test(tc, reason_buffer_may_be_small_or_missing);
	suite_add_tcase(s, tc);
	tc = tcase_create("password_hash");
	tcase_set_timeout(tc, 120); /* Argon2id at 19 MiB, a few dozen times */
	tcase_add_test(tc, hash_and_verify);
	tcase_add_test(tc, hash_is_of_the_nfkc_form);
	tcase_add_test(tc, hash_never_truncates);
	tcase_add_test(tc, hash_refuses_what_is_not_text);
	tcase_add_test(tc, other_costs_need_rehash);
	tcase_add_test(tc, invalid_hashes_verify_false);
	tcase_add_test(tc, dummy_hash);
	tcase_add_test(tc, wipe);
	suite_add_tcase(s, tc);
	tc = tcase_create("totp");
	tcase_add_test(tc, rfc6238_vectors);
	tcase_add_test(tc, new_secrets);
	tcase_add_test(tc, window_of_one_step);
	tcase_add_test(tc, each_code_accepted_once);
	tcase_add_test(tc, code_formats);
	tcase_add_test(tc, malformed_secrets_and_times);
	tcase_add_test(tc, enrolment_uri);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(auth_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
