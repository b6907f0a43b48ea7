/* Password rules (NIST SP 800-63B rev. 4) and Argon2id hashing (libsodium).
 *
 * Everything works on the NFKC form of the password, so that the same password typed with
 * another keyboard or input method (fullwidth letters, ligatures, decomposed accents) is
 * counted, checked and hashed the same. The rules compare a case-folded copy without spaces
 * and separators ("the key"). Every copy is wiped before it is freed, and each buffer is
 * sized so that libunistring never has to grow it: a realloc would leave a copy behind
 * unwiped. */
#include "caseload/password.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "caseload/strbuf.h"
#include "caseload/text.h"
#include "password_list.h"

/* OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): a sign-in stays quick and the
 * process small on a host many caseworkers share. Raising either makes every stored hash
 * "need rehash", and password_hash redoes it at the next sign-in. */
#define PASSWORD_OPSLIMIT 2ull
#define PASSWORD_MEMLIMIT ((size_t)19 * 1024 * 1024)

_Static_assert(crypto_pwhash_STRBYTES == PASSWORD_HASH_SIZE, "PASSWORD_HASH_SIZE is wrong");

/* A stored hash is trusted to name its own costs; past these it is refused rather than run,
 * so that a tampered hash cannot make a sign-in take gigabytes or minutes. */
#define PASSWORD_VERIFY_MAX_KIB (1024u * 1024u) /* 1 GiB */
#define PASSWORD_VERIFY_MAX_PASSES 64u
#define PASSWORD_VERIFY_MAX_LANES 16u

/* Bytes of input looked at: four per character and room for decomposed accents. Longer
 * input is refused before any work is done on it. */
#define PASSWORD_INPUT_MAX ((size_t)PASSWORD_MAX_CHARS * 16)

/* NFKC and case folding turn one character into at most 11 times its bytes (U+FDFA, three
 * bytes, becomes 33). */
#define PASSWORD_GROWTH 11

/* Words from the list, and the parts of a user's names, are at most this long. */
#define PASSWORD_WORD_MAX 64

/* ---- sodium ---- */

static bool password_sodium_ready(void)
{
	/* sodium_init is idempotent; it returns 1 when it already ran */
	static int state; /* 0 not yet, 1 ready, -1 failed */
	if (state == 0)
		state = sodium_init() < 0 ? -1 : 1;
	return state == 1;
}

void password_wipe(void *buf, size_t len)
{
	if (buf && len)
		sodium_memzero(buf, len);
}

/* ---- text ---- */

/* A copy of (part of) a password: wiped and freed by password_text_free. */
struct password_text {
	uint8_t *s; /* NUL-terminated */
	size_t len;
	size_t cap;
};

static void password_text_alloc(struct password_text *t, size_t cap)
{
	t->cap = cap + 1;
	t->s = xmalloc(t->cap);
	t->len = 0;
	t->s[0] = '\0';
}

static void password_text_free(struct password_text *t)
{
	if (t->s) {
		sodium_memzero(t->s, t->cap);
		free(t->s);
	}
	t->s = NULL;
	t->len = t->cap = 0;
}

enum password_input {
	PASSWORD_INPUT_OK,
	PASSWORD_INPUT_LONG,    /* more than PASSWORD_INPUT_MAX bytes */
	PASSWORD_INPUT_BYTES,   /* not UTF-8 */
	PASSWORD_INPUT_CONTROL, /* a code point text_is_unsafe refuses */
};

/* Looks at s without copying it; *n gets its length in bytes. Invalid bytes are reported
 * before control characters. */
static enum password_input password_scan(const char *s, size_t *n)
{
	size_t len = strnlen(s, PASSWORD_INPUT_MAX + 1);
	*n = len;
	if (len > PASSWORD_INPUT_MAX)
		return PASSWORD_INPUT_LONG;
	bool control = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID)
			return PASSWORD_INPUT_BYTES;
		if (text_is_unsafe(cp))
			control = true;
	}
	return control ? PASSWORD_INPUT_CONTROL : PASSWORD_INPUT_OK;
}

enum password_step { PASSWORD_NFKC, PASSWORD_CASEFOLD };

/* One libunistring step over in[0..n) into out, which it allocates. Case folding is never
 * asked to normalize as well: libunistring would do that through buffers of its own, freed
 * unwiped once they pass a couple of kilobytes. */
static void password_step(enum password_step step, const uint8_t *in, size_t n,
                          struct password_text *out)
{
	password_text_alloc(out, n * PASSWORD_GROWTH);
	if (n == 0)
		return;
	size_t len = out->cap - 1;
	uint8_t *r = step == PASSWORD_CASEFOLD ? u8_casefold(in, n, NULL, NULL, out->s, &len)
	                                       : u8_normalize(UNINORM_NFKC, in, n, out->s, &len);
	if (!r) {
		/* libunistring fails only when memory runs out (the input was checked); do what
		 * xmalloc does */
		fputs("caseload: out of memory\n", stderr);
		exit(70);
	}
	if (r != out->s) {
		/* It did not fit after all (PASSWORD_GROWTH is wrong): keep libunistring's copy,
		 * which has no room for the NUL, in one of ours. */
		password_text_free(out);
		password_text_alloc(out, len);
		memcpy(out->s, r, len);
		sodium_memzero(r, len);
		free(r);
	}
	out->len = len;
	out->s[len] = '\0';
}

/* NFKC(casefold(nfkc)): what the rules compare, nfkc being the NFKC form already. */
static void password_fold(const struct password_text *nfkc, struct password_text *out)
{
	struct password_text folded;
	password_step(PASSWORD_CASEFOLD, nfkc->s, nfkc->len, &folded);
	password_step(PASSWORD_NFKC, folded.s, folded.len, out);
	password_text_free(&folded);
}

/* libunistring works on copies in its own stack frames (a few kilobytes at most for what is
 * let through here); clear that stack once we are done. */
#define PASSWORD_STACK_WIPE ((size_t)32 * 1024)

static size_t password_chars(const struct password_text *t)
{
	return u8_mbsnlen(t->s, t->len);
}

/* True when t holds a code point that text_is_unsafe refuses (NFKC made it so). */
static bool password_has_control(const struct password_text *t)
{
	for (size_t i = 0; i < t->len;) {
		uint32_t cp;
		i += text_decode((const char *)t->s + i, t->len - i, &cp);
		if (cp == TEXT_INVALID || text_is_unsafe(cp))
			return true;
	}
	return false;
}

/* ---- byte-string helpers for the rules ---- */

static bool password_is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static bool password_is_lower(uint8_t c)
{
	return c >= 'a' && c <= 'z';
}

/* ASCII punctuation and symbols: what people put around a word to satisfy old rules. */
static bool password_is_symbol(uint8_t c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

static bool password_is_affix(uint8_t c)
{
	return password_is_digit(c) || password_is_symbol(c);
}

static bool password_contains(const uint8_t *hay, size_t hn, const uint8_t *needle, size_t nn)
{
	if (nn == 0 || nn > hn)
		return nn == 0;
	for (size_t i = 0; i + nn <= hn; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nn) == 0)
			return true;
	return false;
}

/* Digits and symbols read as letters ("p@ssw0rd"). One reading per character: 1 is "i"
 * (as in "1loveyou"), never "l". */
static void password_unleet(uint8_t *s, size_t n)
{
	static const char from[] = "01345789@$!|+";
	static const char to[] = "oieastbgasiit";
	for (size_t i = 0; i < n; i++) {
		const char *p = s[i] ? strchr(from, s[i]) : NULL;
		if (p)
			s[i] = (uint8_t)to[p - from];
	}
}

/* Spaces (after NFKC every kind of space is U+0020) and the marks people use the same way
 * ("correct-horse", "j.doe"): taken out before the rules compare anything. */
static bool password_is_separator(uint8_t c)
{
	return c == ' ' || c == '-' || c == '_' || c == '.';
}

static size_t password_squash(uint8_t *dst, const uint8_t *src, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!password_is_separator(src[i]))
			dst[k++] = src[i];
	return k;
}

/* The part of s[0..n) between its leading and trailing digits and symbols. */
static void password_core(const uint8_t *s, size_t n, size_t *start, size_t *len)
{
	size_t a = 0, b = n;
	while (a < b && password_is_affix(s[a]))
		a++;
	while (b > a && password_is_affix(s[b - 1]))
		b--;
	*start = a;
	*len = b - a;
}

/* Whether the digits and symbols around a core are mere decoration: no longer than the core,
 * or made of at most four different characters ("2024!!!!!!"). A core of three letters among
 * a dozen random symbols is a different, stronger password and is left alone. */
static bool password_affix_is_noise(const uint8_t *s, size_t n, size_t start, size_t len)
{
	size_t affix = n - len;
	if (len < 3)
		return false;
	if (affix <= len)
		return true;
	bool seen[128] = {false};
	int distinct = 0;
	for (size_t i = 0; i < n; i++) {
		if (i >= start && i < start + len)
			continue;
		if (s[i] < 128 && !seen[s[i]]) {
			seen[s[i]] = true;
			distinct++;
		}
	}
	return distinct <= 4;
}

/* The smallest p with s[i] == s[i - p] for every i >= p (Knuth-Morris-Pratt's failure
 * function); n when s repeats nothing. A byte period of UTF-8 text always falls on a
 * character boundary, since s[p] equals s[0], a lead byte. */
static size_t password_period(const uint8_t *s, size_t n)
{
	if (n == 0)
		return 0;
	size_t *fail = xcalloc(n, sizeof *fail);
	for (size_t i = 1; i < n; i++) {
		size_t k = fail[i - 1];
		while (k > 0 && s[i] != s[k])
			k = fail[k - 1];
		if (s[i] == s[k])
			k++;
		fail[i] = k;
	}
	size_t p = n - fail[n - 1];
	sodium_memzero(fail, n * sizeof *fail); /* it outlines the password's structure */
	free(fail);
	return p;
}

/* ---- the list of common passwords ---- */

enum password_listed { PASSWORD_LISTED_NO, PASSWORD_LISTED_EXACT, PASSWORD_LISTED_VARIANT };

/* An entry's two keys: without separators, and that without the digits and symbols around it,
 * read as letters. Both are empty for an entry that does not fit. */
static void password_entry_keys(const char *entry, uint8_t full[PASSWORD_WORD_MAX + 1],
                                size_t *full_len, uint8_t core[PASSWORD_WORD_MAX + 1],
                                size_t *core_len)
{
	size_t n = strlen(entry);
	*full_len = *core_len = 0;
	if (n > PASSWORD_WORD_MAX)
		return;
	*full_len = password_squash(full, (const uint8_t *)entry, n);
	size_t start, len;
	password_core(full, *full_len, &start, &len);
	memcpy(core, full + start, len);
	password_unleet(core, len);
	*core_len = len;
}

/* Whether key (case-folded, separators out) is on the list: as it is, or as a listed word with
 * digits and symbols added around it or put for letters ("P@ssw0rd2024!"). */
static enum password_listed password_on_list(const uint8_t *key, size_t n)
{
	size_t start, len;
	password_core(key, n, &start, &len);
	bool variants = password_affix_is_noise(key, n, start, len) && len <= PASSWORD_WORD_MAX;
	uint8_t core[PASSWORD_WORD_MAX + 1];
	if (variants) {
		memcpy(core, key + start, len);
		password_unleet(core, len);
	}
	enum password_listed found = PASSWORD_LISTED_NO;
	for (size_t i = 0; i < password_common_count && found != PASSWORD_LISTED_EXACT; i++) {
		uint8_t efull[PASSWORD_WORD_MAX + 1], ecore[PASSWORD_WORD_MAX + 1];
		size_t efull_len, ecore_len;
		password_entry_keys(password_common_list[i], efull, &efull_len, ecore, &ecore_len);
		if (efull_len > 0 && efull_len == n && memcmp(efull, key, n) == 0)
			found = PASSWORD_LISTED_EXACT;
		else if (variants && ecore_len >= 3 && ecore_len == len &&
		         memcmp(ecore, core, len) == 0)
			found = PASSWORD_LISTED_VARIANT;
	}
	sodium_memzero(core, sizeof core);
	return found;
}

static const char password_common_reason[] =
    "Too common: it is on the list of the most used and leaked passwords.";

/* ---- the rules ---- */

/* A rule's verdict and its reason, for the caller to pass on. */
struct password_result {
	enum password_verdict verdict;
	char *reason;
	size_t reason_size;
};

__attribute__((format(printf, 3, 4))) static enum password_verdict
password_refuse(struct password_result *r, enum password_verdict verdict, const char *fmt, ...)
{
	r->verdict = verdict;
	if (r->reason && r->reason_size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->reason, r->reason_size, fmt, ap);
		va_end(ap);
	}
	return verdict;
}

static enum password_verdict password_rule_common(struct password_result *r, const uint8_t *key,
                                                  size_t n)
{
	enum password_listed listed = password_on_list(key, n);
	if (listed == PASSWORD_LISTED_EXACT)
		return password_refuse(r, PASSWORD_COMMON, "%s", password_common_reason);
	if (listed == PASSWORD_LISTED_VARIANT)
		return password_refuse(r, PASSWORD_COMMON,
		                       "Too common: it is a password from the list of the most "
		                       "used and leaked ones with digits or symbols added.");
	/* a listed word said twice or more ("monkeymonkey"), with or without decoration */
	size_t start, len;
	password_core(key, n, &start, &len);
	const uint8_t *forms[2] = {key, key + start};
	size_t lens[2] = {n, len};
	for (int f = 0; f < 2; f++) {
		size_t p = password_period(forms[f], lens[f]);
		if (p < lens[f] && lens[f] >= 2 * p && password_on_list(forms[f], p))
			return password_refuse(r, PASSWORD_COMMON,
			                       "Too common: it repeats a password from the list of "
			                       "the most used and leaked ones.");
	}
	return PASSWORD_OK;
}

/* Appends the words personal[] stands for: each entry whole (separators out), and each of its
 * parts between spaces, punctuation and symbols, and those without digits around them. */
static void password_personal_words(const char *const *personal, struct password_text *words,
                                    size_t max)
{
	size_t count = 0;
	for (size_t i = 0; personal && personal[i] && count < max; i++) {
		size_t n;
		/* a name that is not text cannot be typed into a password, nor one longer than
		 * the longest password */
		if (password_scan(personal[i], &n) != PASSWORD_INPUT_OK ||
		    n > (size_t)PASSWORD_MAX_CHARS * 4)
			continue;
		struct password_text nfkc, fold;
		password_step(PASSWORD_NFKC, (const uint8_t *)personal[i], n, &nfkc);
		password_fold(&nfkc, &fold);
		password_text_free(&nfkc);
		/* the whole entry, then its parts */
		struct password_text whole;
		password_text_alloc(&whole, fold.len);
		whole.len = password_squash(whole.s, fold.s, fold.len);
		whole.s[whole.len] = '\0';
		words[count++] = whole;
		size_t at = 0;
		while (at < fold.len && count < max) {
			size_t end = at, next = at;
			for (;;) {
				ucs4_t cp;
				if (end >= fold.len)
					break;
				int k = u8_mbtouc(&cp, fold.s + end, fold.len - end);
				next = end + (size_t)(k > 0 ? k : 1);
				if (uc_is_general_category(cp, UC_CATEGORY_Z) ||
				    uc_is_general_category(cp, UC_CATEGORY_P) ||
				    uc_is_general_category(cp, UC_CATEGORY_S))
					break;
				end = next;
			}
			if (end > at) {
				struct password_text part;
				password_text_alloc(&part, end - at);
				memcpy(part.s, fold.s + at, end - at);
				part.len = end - at;
				part.s[part.len] = '\0';
				words[count++] = part;
				size_t cs, cl;
				password_core(part.s, part.len, &cs, &cl);
				if (cl != part.len && cl > 0 && count < max) {
					struct password_text core;
					password_text_alloc(&core, cl);
					memcpy(core.s, part.s + cs, cl);
					core.len = cl;
					core.s[cl] = '\0';
					words[count++] = core;
				}
			}
			at = end < fold.len ? next : fold.len;
		}
		password_text_free(&fold);
	}
	for (size_t i = count; i < max; i++)
		words[i] = (struct password_text){NULL, 0, 0};
}

#define PASSWORD_PERSONAL_MAX 64 /* words looked at; a user has a name and a handful of parts */

static enum password_verdict password_rule_personal(struct password_result *r, const uint8_t *key,
                                                    size_t n, const char *const *personal)
{
	struct password_text words[PASSWORD_PERSONAL_MAX];
	password_personal_words(personal, words, PASSWORD_PERSONAL_MAX);
	struct password_text leet;
	password_text_alloc(&leet, n);
	memcpy(leet.s, key, n);
	leet.len = n;
	password_unleet(leet.s, n);
	bool found = false;
	for (size_t i = 0; i < PASSWORD_PERSONAL_MAX && words[i].s; i++) {
		struct password_text *w = &words[i];
		size_t chars = password_chars(w);
		if (found || chars < 3)
			continue;
		if (password_contains(key, n, w->s, w->len)) {
			found = true;
			continue;
		}
		/* digits read as letters ("jd0e") only for words of four or more: three-letter
		 * names turn up by chance in random passwords ("do3" for Doe) */
		if (chars < 4)
			continue;
		password_unleet(w->s, w->len);
		found = password_contains(leet.s, leet.len, w->s, w->len);
	}
	for (size_t i = 0; i < PASSWORD_PERSONAL_MAX && words[i].s; i++)
		password_text_free(&words[i]);
	password_text_free(&leet);
	if (found)
		return password_refuse(r, PASSWORD_PERSONAL,
		                       "Too personal: it contains your user name or part of your "
		                       "name.");
	return PASSWORD_OK;
}

/* A straight run of the alphabet or of digits, either way ("abcdef", "9876"); digits go on
 * from 9 to 0 as on the keyboard ("7890123"). */
static bool password_is_run(const uint8_t *s, size_t n)
{
	if (n < 3)
		return false;
	bool digits = true, letters = true;
	for (size_t i = 0; i < n; i++) {
		digits = digits && password_is_digit(s[i]);
		letters = letters && password_is_lower(s[i]);
	}
	if (!digits && !letters)
		return false;
	int first = 0;
	for (size_t i = 1; i < n; i++) {
		int d = (int)s[i] - (int)s[i - 1];
		if (digits)
			d = d == -9 ? 1 : d == 9 ? -1 : d;
		if (d != 1 && d != -1)
			return false;
		if (i == 1)
			first = d;
		else if (d != first)
			return false;
	}
	return true;
}

/* Rows, columns and zigzags of the common keyboard layouts, unshifted. */
static const char *const password_walks[] = {
    "`1234567890-=",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "1234567890qwertyuiopasdfghjklzxcvbnm",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-['=]",
    "qazwsxedcrfvtgbyhnujmikolp",
    "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0",
    "1qazxsw23edcvfr45tgbnhy67ujm,ki89ol./;p0",
    "1q2w3e4r5t6y7u8i9o0p-[=]",
    "q1w2e3r4t5y6u7i8o9p0",
    "qawsedrftgyhujikolp;['",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
};

static uint8_t password_unshift(uint8_t c)
{
	static const char shifted[] = "~!@#$%^&*()_+{}|:\"<>?";
	static const char plain[] = "`1234567890-=[]\\;',./";
	const char *p = c ? strchr(shifted, c) : NULL;
	return p ? (uint8_t)plain[p - shifted] : c;
}

/* Part of a keyboard walk, either way, at least four keys long. */
static bool password_is_walk(const uint8_t *s, size_t n)
{
	if (n < 4 || n > PASSWORD_WORD_MAX)
		return false;
	uint8_t fwd[PASSWORD_WORD_MAX], back[PASSWORD_WORD_MAX];
	for (size_t i = 0; i < n; i++) {
		fwd[i] = password_unshift(s[i]);
		back[n - 1 - i] = fwd[i];
	}
	bool found = false;
	for (size_t i = 0; i < sizeof password_walks / sizeof password_walks[0] && !found; i++) {
		/* the walk without separators, as the password is */
		uint8_t w[PASSWORD_WORD_MAX];
		size_t wn = password_squash(w, (const uint8_t *)password_walks[i],
		                            strlen(password_walks[i]));
		found = password_contains(w, wn, fwd, n) || password_contains(w, wn, back, n);
	}
	sodium_memzero(fwd, sizeof fwd);
	sodium_memzero(back, sizeof back);
	return found;
}

/* Fewer different characters than this is a pattern even when it is not a neat one
 * ("aaaaaaaaaaaaaaab", "abbaabbbaabab"). */
#define PASSWORD_DISTINCT_MIN 5

/* Different code points in s[0..n), counted up to PASSWORD_DISTINCT_MIN. */
static size_t password_distinct(const uint8_t *s, size_t n)
{
	ucs4_t seen[PASSWORD_DISTINCT_MIN];
	size_t count = 0;
	for (size_t i = 0; i < n && count < PASSWORD_DISTINCT_MIN;) {
		ucs4_t cp;
		int k = u8_mbtouc(&cp, s + i, n - i);
		i += (size_t)(k > 0 ? k : 1);
		bool known = false;
		for (size_t j = 0; j < count && !known; j++)
			known = seen[j] == cp;
		if (!known)
			seen[count++] = cp;
	}
	sodium_memzero(seen, sizeof seen);
	return count;
}

static enum password_verdict password_rule_pattern(struct password_result *r, const uint8_t *s,
                                                   size_t n)
{
	if (n == 0)
		return password_refuse(r, PASSWORD_REPETITIVE,
		                       "Too predictable: it is only spaces, dashes, dots or "
		                       "underscores.");
	size_t p = password_period(s, n);
	if (p < n && n >= 2 * p) {
		size_t unit_chars = u8_mbsnlen(s, p);
		if (unit_chars == 1)
			return password_refuse(r, PASSWORD_REPETITIVE,
			                       "Too predictable: it is one character repeated.");
		if (unit_chars <= 3)
			return password_refuse(r, PASSWORD_REPETITIVE,
			                       "Too predictable: it is a group of %zu characters "
			                       "repeated.",
			                       unit_chars);
	}
	if (password_is_run(s, n) || (p < n && n >= 2 * p && password_is_run(s, p)))
		return password_refuse(r, PASSWORD_REPETITIVE,
		                       "Too predictable: it is a straight run of the alphabet or "
		                       "of digits.");
	if (password_is_walk(s, n))
		return password_refuse(r, PASSWORD_REPETITIVE,
		                       "Too predictable: it follows a row or column of the "
		                       "keyboard.");
	return PASSWORD_OK;
}

static enum password_verdict password_rule_repetitive(struct password_result *r, const uint8_t *key,
                                                      size_t n)
{
	if (password_rule_pattern(r, key, n) != PASSWORD_OK)
		return r->verdict;
	/* the same with the decoration around it taken off ("abcdefghijk2024!") */
	size_t start, len;
	password_core(key, n, &start, &len);
	if (len < n && password_affix_is_noise(key, n, start, len) &&
	    password_rule_pattern(r, key + start, len) != PASSWORD_OK)
		return r->verdict;
	/* of the whole only: a short core has few different characters by nature */
	size_t distinct = password_distinct(key, n);
	if (distinct < PASSWORD_DISTINCT_MIN)
		return password_refuse(r, PASSWORD_REPETITIVE,
		                       "Too predictable: it has only %zu different characters.",
		                       distinct);
	return PASSWORD_OK;
}

enum password_verdict password_check(const char *password, int min_chars,
                                     const char *const *personal, char *reason, size_t reason_size)
{
	struct password_result r = {PASSWORD_OK, reason, reason_size};
	if (reason && reason_size)
		reason[0] = '\0';
	if (min_chars < 1)
		min_chars = 1;
	if (!password)
		return password_refuse(&r, PASSWORD_NOT_TEXT, "Not valid text: it is missing.");
	size_t n;
	switch (password_scan(password, &n)) {
	case PASSWORD_INPUT_OK:
		break;
	case PASSWORD_INPUT_LONG:
		return password_refuse(&r, PASSWORD_TOO_LONG,
		                       "Too long: more than %d characters; at most %d are "
		                       "accepted.",
		                       PASSWORD_MAX_CHARS, PASSWORD_MAX_CHARS);
	case PASSWORD_INPUT_BYTES:
		return password_refuse(&r, PASSWORD_NOT_TEXT,
		                       "Not valid text: it contains bytes that are not UTF-8.");
	case PASSWORD_INPUT_CONTROL:
		return password_refuse(&r, PASSWORD_NOT_TEXT,
		                       "Not valid text: it contains a control character such as a "
		                       "tab or a line break.");
	}

	struct password_text nfkc = {0}, fold = {0}, key = {0};
	password_step(PASSWORD_NFKC, (const uint8_t *)password, n, &nfkc);
	size_t chars = password_chars(&nfkc);
	if (password_has_control(&nfkc)) {
		password_refuse(&r, PASSWORD_NOT_TEXT,
		                "Not valid text: it contains a control character.");
	} else if (chars > PASSWORD_MAX_CHARS) {
		password_refuse(&r, PASSWORD_TOO_LONG,
		                "Too long: %zu characters; at most %d are accepted.", chars,
		                PASSWORD_MAX_CHARS);
	} else if (chars < (size_t)min_chars) {
		password_refuse(&r, PASSWORD_TOO_SHORT,
		                "Too short: %zu character%s; at least %d %s needed.", chars,
		                chars == 1 ? "" : "s", min_chars, min_chars == 1 ? "is" : "are");
	} else {
		password_fold(&nfkc, &fold);
		password_text_alloc(&key, fold.len);
		key.len = password_squash(key.s, fold.s, fold.len);
		key.s[key.len] = '\0';
		if (password_rule_common(&r, key.s, key.len) == PASSWORD_OK &&
		    password_rule_personal(&r, key.s, key.len, personal) == PASSWORD_OK)
			password_rule_repetitive(&r, key.s, key.len);
	}
	password_text_free(&key);
	password_text_free(&fold);
	password_text_free(&nfkc);
	sodium_stackzero(PASSWORD_STACK_WIPE);
	return r.verdict;
}

/* ---- hashing ---- */

/* The NFKC form of password, for hashing; false when it is not UTF-8 or too long. Control
 * characters are not refused here: password_check keeps them out of new passwords, and a
 * hash is never the place to apply a rule. */
static bool password_normalized(const char *password, struct password_text *out)
{
	size_t n;
	if (!password)
		return false;
	enum password_input in = password_scan(password, &n);
	if (in != PASSWORD_INPUT_OK && in != PASSWORD_INPUT_CONTROL)
		return false;
	password_step(PASSWORD_NFKC, (const uint8_t *)password, n, out);
	return true;
}

enum cl_status password_hash(const char *password, char out[PASSWORD_HASH_SIZE])
{
	out[0] = '\0';
	if (!password_sodium_ready())
		return CL_ERR_INTERNAL;
	struct password_text nfkc = {0};
	if (!password_normalized(password, &nfkc))
		return CL_ERR_INVALID;
	int rc = crypto_pwhash_str_alg(out, (const char *)nfkc.s, nfkc.len, PASSWORD_OPSLIMIT,
	                               PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
	password_text_free(&nfkc);
	sodium_stackzero(PASSWORD_STACK_WIPE);
	if (rc != 0) {
		out[0] = '\0';
		return CL_ERR_NOMEM; /* Argon2 fails only when its memory cannot be had */
	}
	return CL_OK;
}

/* Reads the decimal number after "name=" at *p and moves past it; false on anything else. */
static bool password_param(const char **p, const char *name, unsigned long *value)
{
	size_t n = strlen(name);
	if (strncmp(*p, name, n) != 0)
		return false;
	const char *s = *p + n;
	unsigned long v = 0;
	size_t digits = 0;
	for (; *s >= '0' && *s <= '9' && digits < 10; s++, digits++)
		v = v * 10 + (unsigned long)(*s - '0');
	if (digits == 0 || (*s >= '0' && *s <= '9'))
		return false;
	*value = v;
	*p = s;
	return true;
}

/* An Argon2id hash string whose costs are within what we are willing to run. libsodium
 * checks the rest of the format. */
static bool password_hash_plausible(const char *hash)
{
	if (!hash || strnlen(hash, PASSWORD_HASH_SIZE) >= PASSWORD_HASH_SIZE)
		return false;
	static const char prefix[] = "$argon2id$v=19$";
	if (strncmp(hash, prefix, sizeof prefix - 1) != 0)
		return false;
	const char *p = hash + sizeof prefix - 1;
	unsigned long m, t, lanes;
	if (!password_param(&p, "m=", &m) || *p++ != ',' || !password_param(&p, "t=", &t) ||
	    *p++ != ',' || !password_param(&p, "p=", &lanes) || *p != '$')
		return false;
	return m <= PASSWORD_VERIFY_MAX_KIB && t >= 1 && t <= PASSWORD_VERIFY_MAX_PASSES &&
	       lanes >= 1 && lanes <= PASSWORD_VERIFY_MAX_LANES;
}

bool password_verify(const char *hash, const char *password)
{
	if (!password_sodium_ready() || !password_hash_plausible(hash))
		return false;
	struct password_text nfkc = {0};
	if (!password_normalized(password, &nfkc)) {
		/* still do the work, so that refusing this input takes as long as a mismatch */
		int ignored = crypto_pwhash_str_verify(hash, "", 0);
		(void)ignored;
		return false;
	}
	bool ok = crypto_pwhash_str_verify(hash, (const char *)nfkc.s, nfkc.len) == 0;
	password_text_free(&nfkc);
	sodium_stackzero(PASSWORD_STACK_WIPE);
	return ok;
}

bool password_needs_rehash(const char *hash)
{
	if (!password_sodium_ready() || !password_hash_plausible(hash))
		return true;
	/* 1: other costs, -1: not an Argon2id hash at all; either way make a new one */
	return crypto_pwhash_str_needs_rehash(hash, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT) != 0;
}

const char *password_dummy_hash(void)
{
	static char hash[PASSWORD_HASH_SIZE];
	if (hash[0])
		return hash;
	/* Used when hashing cannot be done now: made once with the same costs, from 32 random
	 * bytes that were thrown away. */
	static const char fallback[] = "$argon2id$v=19$m=19456,t=2,p=1$16JM01gqGkegn4Ldfv6XWw$"
	                               "xiRIo4bkoWnV70rfVtuEdVEgyVH551Lk1tskZtkdonk";
	if (!password_sodium_ready())
		return fallback;
	unsigned char secret[32];
	randombytes_buf(secret, sizeof secret);
	int rc = crypto_pwhash_str_alg(hash, (const char *)secret, sizeof secret, PASSWORD_OPSLIMIT,
	                               PASSWORD_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
	sodium_memzero(secret, sizeof secret);
	if (rc != 0) {
		hash[0] = '\0'; /* try again next time */
		return fallback;
	}
	return hash;
}
