/* text: UTF-8 decoding, what may reach the terminal, display widths, fitting and folding. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "caseload/rng.h"
#include "caseload/text.h"
#include "fixture.h"

/* ---- decoding ---- */

static size_t decode(const char *bytes, size_t len, uint32_t *cp)
{
	*cp = 0x12345;
	return text_decode(bytes, len, cp);
}

#define ASSERT_DECODES(bytes, cpval)                                                               \
	do {                                                                                       \
		uint32_t cp_;                                                                      \
		size_t n_ = decode(bytes, sizeof(bytes) - 1, &cp_);                                \
		ck_assert_uint_eq(n_, sizeof(bytes) - 1);                                          \
		ck_assert_uint_eq(cp_, cpval);                                                     \
	} while (0)

#define ASSERT_INVALID(bytes)                                                                      \
	do {                                                                                       \
		uint32_t cp_;                                                                      \
		size_t n_ = decode(bytes, sizeof(bytes) - 1, &cp_);                                \
		ck_assert_uint_eq(n_, 1);                                                          \
		ck_assert_uint_eq(cp_, TEXT_INVALID);                                              \
	} while (0)

START_TEST(decode_valid)
{
	ASSERT_DECODES("A", 0x41);
	ASSERT_DECODES("\x7f", 0x7F);
	ASSERT_DECODES("\xc2\x80", 0x80);
	ASSERT_DECODES("\xc3\xa9", 0xE9);
	ASSERT_DECODES("\xdf\xbf", 0x7FF);
	ASSERT_DECODES("\xe0\xa0\x80", 0x800);
	ASSERT_DECODES("\xe1\xbb\x85", 0x1EC5); /* ễ */
	ASSERT_DECODES("\xed\x9f\xbf", 0xD7FF);
	ASSERT_DECODES("\xee\x80\x80", 0xE000);
	ASSERT_DECODES("\xef\xbf\xbf", 0xFFFF);
	ASSERT_DECODES("\xf0\x90\x80\x80", 0x10000);
	ASSERT_DECODES("\xf0\x9d\x84\x9e", 0x1D11E);
	ASSERT_DECODES("\xf4\x8f\xbf\xbf", 0x10FFFF);
	/* only the first sequence is consumed */
	uint32_t cp;
	ck_assert_uint_eq(decode("\xc3\xa9z", 3, &cp), 2);
	ck_assert_uint_eq(cp, 0xE9);
	ck_assert_uint_eq(decode("ab", 2, &cp), 1);
	ck_assert_uint_eq(cp, 'a');
}
END_TEST

START_TEST(decode_invalid)
{
	ASSERT_INVALID("\x80"); /* lone continuation */
	ASSERT_INVALID("\xbf");
	ASSERT_INVALID("\xff");
	ASSERT_INVALID("\xfe");
	ASSERT_INVALID("\xf8\x88\x80\x80\x80"); /* five-byte form */
	ASSERT_INVALID("\xc0\xaf");             /* overlong '/' */
	ASSERT_INVALID("\xc1\xbf");             /* overlong U+007F */
	ASSERT_INVALID("\xe0\x80\xaf");         /* overlong, three bytes */
	ASSERT_INVALID("\xe0\x9f\xbf");         /* overlong U+07FF */
	ASSERT_INVALID("\xf0\x80\x80\xaf");     /* overlong, four bytes */
	ASSERT_INVALID("\xf0\x8f\xbf\xbf");     /* overlong U+FFFF */
	ASSERT_INVALID("\xed\xa0\x80");         /* U+D800 */
	ASSERT_INVALID("\xed\xbf\xbf");         /* U+DFFF */
	ASSERT_INVALID("\xed\xb2\x80");         /* low surrogate */
	ASSERT_INVALID("\xf4\x90\x80\x80");     /* U+110000 */
	ASSERT_INVALID("\xf5\x80\x80\x80");
	ASSERT_INVALID("\xf7\xbf\xbf\xbf");
	ASSERT_INVALID("\xe2\x82"); /* truncated */
	ASSERT_INVALID("\xc3");
	ASSERT_INVALID("\xf0\x9d\x84");
	ASSERT_INVALID("\xe2\x41\xac"); /* bad continuation */
	ASSERT_INVALID("\xe2\x82\x41");
	ASSERT_INVALID("\xc3\xc3");
	/* a sequence cut by the length even though more bytes follow in memory */
	uint32_t cp;
	ck_assert_uint_eq(decode("\xe2\x82\xac", 2, &cp), 1);
	ck_assert_uint_eq(cp, TEXT_INVALID);
	ck_assert_uint_eq(decode("", 0, &cp), 0);
}
END_TEST

START_TEST(encode_decode_every_scalar)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		strbuf_reset(&sb);
		text_encode(&sb, c);
		size_t want = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		ck_assert_uint_eq(sb.len, want);
		uint32_t back;
		ck_assert_uint_eq(text_decode(sb.buf, sb.len, &back), want);
		if (back != c)
			ck_abort_msg("U+%04X decoded as U+%04X", (unsigned)c, (unsigned)back);
	}
	strbuf_clear(&sb);
}
END_TEST

/* Whatever text_decode accepts must be the one canonical encoding of a scalar value. */
static void check_canonical(struct strbuf *sb, const unsigned char *b, size_t len)
{
	uint32_t cp;
	size_t n = text_decode((const char *)b, len, &cp);
	if (n < 1 || n > len)
		ck_abort_msg("consumed %zu of %zu bytes", n, len);
	if (cp == TEXT_INVALID) {
		if (n != 1)
			ck_abort_msg("invalid sequence consumed %zu bytes", n);
		return;
	}
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		ck_abort_msg("decoded U+%04X", (unsigned)cp);
	strbuf_reset(sb);
	text_encode(sb, cp);
	if (sb->len != n || memcmp(sb->buf, b, n) != 0)
		ck_abort_msg("bytes %02X %02X %02X decoded to non-canonical U+%04X", b[0],
		             len > 1 ? b[1] : 0, len > 2 ? b[2] : 0, (unsigned)cp);
}

START_TEST(decode_accepts_only_canonical_forms)
{
	unsigned char b[4];
	struct strbuf sb;
	strbuf_init(&sb);
	for (unsigned x = 0; x < 0x10000; x++) {
		b[0] = (unsigned char)(x >> 8), b[1] = (unsigned char)x;
		check_canonical(&sb, b, 2);
	}
	for (unsigned lead = 0xE0; lead <= 0xEF; lead++) {
		for (unsigned x = 0; x < 0x10000; x++) {
			b[0] = (unsigned char)lead, b[1] = (unsigned char)(x >> 8);
			b[2] = (unsigned char)x;
			check_canonical(&sb, b, 3);
		}
	}
	for (unsigned lead = 0xF0; lead <= 0xFF; lead++) {
		for (unsigned x = 0; x < 0x10000; x += 7) {
			b[0] = (unsigned char)lead, b[1] = (unsigned char)(x >> 8);
			b[2] = (unsigned char)x, b[3] = 0x80 | (x & 0x3F);
			check_canonical(&sb, b, 4);
		}
	}
	strbuf_clear(&sb);
}
END_TEST

/* ---- what may reach the terminal ---- */

static char *sanitized(const char *s, bool keep_newlines)
{
	struct strbuf sb;
	strbuf_init(&sb);
	text_sanitize(&sb, s, keep_newlines);
	char *out = xstrdup(sb.buf);
	strbuf_clear(&sb);
	return out;
}

#define ASSERT_SANITIZED(in, expected)                                                             \
	do {                                                                                       \
		char *got_ = sanitized(in, false);                                                 \
		ck_assert_str_eq(got_, expected);                                                  \
		free(got_);                                                                        \
	} while (0)

START_TEST(unsafe_code_points)
{
	for (uint32_t c = 0; c < 0x20; c++)
		ck_assert(text_is_unsafe(c));
	ck_assert(text_is_unsafe(0x7F));
	for (uint32_t c = 0x80; c <= 0x9F; c++)
		ck_assert(text_is_unsafe(c));
	for (uint32_t c = 0x202A; c <= 0x202E; c++)
		ck_assert(text_is_unsafe(c));
	for (uint32_t c = 0x2066; c <= 0x2069; c++)
		ck_assert(text_is_unsafe(c));
	ck_assert(text_is_unsafe(0x2028));
	ck_assert(text_is_unsafe(0x2029));
	ck_assert(!text_is_unsafe(' '));
	ck_assert(!text_is_unsafe('~'));
	ck_assert(!text_is_unsafe(0xA0));
	ck_assert(!text_is_unsafe(0xE9));
	ck_assert(!text_is_unsafe(0x1EC5));
	ck_assert(!text_is_unsafe(0x674E));
	ck_assert(!text_is_unsafe(0x2027));
	ck_assert(!text_is_unsafe(0x2029 + 7));
	ck_assert(!text_is_unsafe(0x2065));
	ck_assert(!text_is_unsafe(0x206A));
}
END_TEST

START_TEST(sanitize_escapes_controls)
{
	ASSERT_SANITIZED("plain text", "plain text");
	ASSERT_SANITIZED("Nguyễn Văn An", "Nguyễn Văn An");
	ASSERT_SANITIZED("李小龍", "李小龍");
	ASSERT_SANITIZED("e\xcc\x81", "e\xcc\x81"); /* combining accent stays */
	ASSERT_SANITIZED("\x1b", "^[");
	ASSERT_SANITIZED("\x1b[31mred\x1b[0m", "^[[31mred^[[0m");
	ASSERT_SANITIZED("\x1b]0;pwned\x07", "^[]0;pwned^G");
	ASSERT_SANITIZED("\x01\x1f", "^A^_");
	ASSERT_SANITIZED("a\rb", "a^Mb");
	ASSERT_SANITIZED("a\nb", "a^Jb");
	ASSERT_SANITIZED("a\tb", "a b");
	ASSERT_SANITIZED("\x7f", "^?");
	ASSERT_SANITIZED("\xc2\x9b"
	                 "2J",
	                 "<U+009B>2J"); /* C1 CSI */
	ASSERT_SANITIZED("\xc2\x85", "<U+0085>");
	ASSERT_SANITIZED("\xc2\x80", "<U+0080>");
	ASSERT_SANITIZED("abc\xe2\x80\xae"
	                 "fdp.exe",
	                 "abc<U+202E>fdp.exe");
	ASSERT_SANITIZED("\xe2\x81\xa6x\xe2\x81\xa9", "<U+2066>x<U+2069>");
	ASSERT_SANITIZED("\xe2\x80\xaa", "<U+202A>");
	ASSERT_SANITIZED("a\xe2\x80\xa8"
	                 "b",
	                 "a<U+2028>b");
	ASSERT_SANITIZED("\x9b", "<x9B>"); /* a raw C1 byte is not UTF-8 */
	ASSERT_SANITIZED("\xff\xfe", "<xFF><xFE>");
	ASSERT_SANITIZED("\xc0\xaf", "<xC0><xAF>");
	ASSERT_SANITIZED("\xed\xa0\x80", "<xED><xA0><x80>");
	ASSERT_SANITIZED("ab\xe2\x82", "ab<xE2><x82>");
	ASSERT_SANITIZED("\xcd\xb8", "<U+0378>"); /* unassigned: no width */

	char *kept = sanitized("line one\nline\x1btwo\n", true);
	ck_assert_str_eq(kept, "line one\nline^[two\n");
	free(kept);
	kept = sanitized("a\r\nb", true);
	ck_assert_str_eq(kept, "a^M\nb");
	free(kept);

	/* appends after what the buffer holds */
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "> ");
	text_sanitize(&sb, "\x1b", false);
	ck_assert_str_eq(sb.buf, "> ^[");
	strbuf_clear(&sb);
}
END_TEST

/* Random hostile byte strings: the output must never carry a control byte, must be valid
 * UTF-8 without unsafe code points, and sanitizing twice changes nothing more. */
START_TEST(sanitize_fuzz)
{
	static const char *const pieces[] = {
	    "\x1b",
	    "[",
	    "31m",
	    "\x9b",
	    "\xc2\x9b",
	    "\x7f",
	    "\xe2\x80\xae",
	    "\xe2\x81\xa7",
	    "\n",
	    "\r",
	    "\t",
	    "\x07",
	    "\xff",
	    "\xc0",
	    "\xe2\x82",
	    "\xed\xa0\x80",
	    "\xf4\x90",
	    "é",
	    "ễ",
	    "李",
	    "e\xcc\x81",
	    "A",
	    " ",
	    "\xc2\xa0",
	    "\xe2\x80\xa8",
	    "\xef\xbb\xbf",
	};
	const size_t npieces = sizeof pieces / sizeof pieces[0];
	struct rng rng;
	rng_seed(&rng, 20240615);
	struct strbuf in, out, again;
	strbuf_init(&in);
	strbuf_init(&out);
	strbuf_init(&again);
	for (int iter = 0; iter < 5000; iter++) {
		strbuf_reset(&in);
		int n = rng_range(&rng, 0, 24);
		for (int i = 0; i < n; i++) {
			if (rng_chance(&rng, 30)) {
				char byte = (char)rng_range(&rng, 1, 255);
				strbuf_putc(&in, byte);
			} else {
				strbuf_puts(&in, pieces[rng_below(&rng, (uint32_t)npieces)]);
			}
		}
		bool keep = rng_chance(&rng, 50);
		strbuf_reset(&out);
		text_sanitize(&out, in.buf, keep);
		for (size_t i = 0; i < out.len; i++) {
			unsigned char c = (unsigned char)out.buf[i];
			if ((c < 0x20 && !(keep && c == '\n')) || c == 0x7F)
				ck_abort_msg("control byte %02X in sanitized output (iteration %d)",
				             c, iter);
		}
		if (!keep)
			ck_assert(text_is_clean_line(out.buf));
		/* width is computed on the same safe text */
		ck_assert_int_ge(text_width(in.buf), 0);
		strbuf_reset(&again);
		text_sanitize(&again, out.buf, keep);
		ck_assert_str_eq(again.buf, out.buf);
	}
	strbuf_clear(&in);
	strbuf_clear(&out);
	strbuf_clear(&again);
}
END_TEST

START_TEST(clean_line)
{
	ck_assert(text_is_clean_line(""));
	ck_assert(text_is_clean_line("Nguyễn Văn An"));
	ck_assert(text_is_clean_line("李小龍 (Bruce)"));
	ck_assert(!text_is_clean_line("a\tb"));
	ck_assert(!text_is_clean_line("a\nb"));
	ck_assert(!text_is_clean_line("\x1b[0m"));
	ck_assert(!text_is_clean_line("\x7f"));
	ck_assert(!text_is_clean_line("\xc2\x9b"));
	ck_assert(!text_is_clean_line("abc\xe2\x80\xae"));
	ck_assert(!text_is_clean_line("\xff"));
	ck_assert(!text_is_clean_line("ab\xc3"));
	ck_assert(!text_is_clean_line("\xc0\xaf"));
}
END_TEST

/* ---- widths ---- */

START_TEST(widths)
{
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("Nguyễn"), 6);
	ck_assert_int_eq(text_width("Nguye\xcc\x82\xcc\x83n"), 6); /* decomposed */
	ck_assert_int_eq(text_width("Zoë Ñúñez"), 9);
	ck_assert_int_eq(text_width("李小龍"), 6);
	ck_assert_int_eq(text_width("李 Lee"), 6);
	ck_assert_int_eq(text_width("e\xcc\x81"), 1);
	ck_assert_int_eq(text_width("\xcc\x81"
	                            "a"),
	                 1);
	ck_assert_int_eq(text_width("Иванов"), 6);
	ck_assert_int_eq(text_width("\xf0\xa0\x80\x8b"), 2); /* CJK extension B */
	/* escapes are as wide as they are shown */
	ck_assert_int_eq(text_width("\x1b"), 2);
	ck_assert_int_eq(text_width("\x1b[31m"), 6);
	ck_assert_int_eq(text_width("\xff"), 5);
	ck_assert_int_eq(text_width("\xe2\x80\xae"), 8);
	ck_assert_int_eq(text_width("a\tb"), 3);
	ck_assert_int_eq(text_cp_width('a'), 1);
	ck_assert_int_eq(text_cp_width(0x301), 0);
	ck_assert_int_eq(text_cp_width(0x674E), 2);
}
END_TEST

/* ---- fitting ---- */

static char *fitted(const char *s, int width, enum text_align align)
{
	struct strbuf sb;
	strbuf_init(&sb);
	text_fit(&sb, s, width, align);
	char *out = xstrdup(sb.buf);
	strbuf_clear(&sb);
	return out;
}

#define ASSERT_FIT(in, width, align, expected)                                                     \
	do {                                                                                       \
		char *got_ = fitted(in, width, align);                                             \
		ck_assert_str_eq(got_, expected);                                                  \
		if ((width) > 0)                                                                   \
			ck_assert_int_eq(text_width(got_), width);                                 \
		free(got_);                                                                        \
	} while (0)

START_TEST(fit_pads_and_cuts)
{
	ASSERT_FIT("Nguyễn", 10, TEXT_LEFT, "Nguyễn    ");
	ASSERT_FIT("Nguyễn", 10, TEXT_RIGHT, "    Nguyễn");
	ASSERT_FIT("Nguyễn", 6, TEXT_LEFT, "Nguyễn");
	ASSERT_FIT("Nguyễn", 6, TEXT_RIGHT, "Nguyễn");
	ASSERT_FIT("Nguyễn", 5, TEXT_LEFT, "Nguy…");
	ASSERT_FIT("Nguyễn", 5, TEXT_RIGHT, "Nguy…");
	ASSERT_FIT("Nguyễn", 2, TEXT_LEFT, "N…");
	ASSERT_FIT("Nguyễn", 1, TEXT_LEFT, "…");
	ASSERT_FIT("Zoë Ñúñez", 9, TEXT_LEFT, "Zoë Ñúñez");
	ASSERT_FIT("Zoë Ñúñez", 8, TEXT_LEFT, "Zoë Ñúñ…");
	ASSERT_FIT("", 3, TEXT_LEFT, "   ");
	ASSERT_FIT("", 3, TEXT_RIGHT, "   ");
	ASSERT_FIT("42", 5, TEXT_RIGHT, "   42");
}
END_TEST

START_TEST(fit_never_splits_wide)
{
	ASSERT_FIT("李小龍", 6, TEXT_LEFT, "李小龍");
	ASSERT_FIT("李小龍", 7, TEXT_LEFT, "李小龍 ");
	ASSERT_FIT("李小龍", 7, TEXT_RIGHT, " 李小龍");
	ASSERT_FIT("李小龍", 5, TEXT_LEFT, "李小…");
	ASSERT_FIT("李小龍", 4, TEXT_LEFT, "李 …");
	ASSERT_FIT("李小龍", 3, TEXT_LEFT, "李…");
	ASSERT_FIT("李小龍", 2, TEXT_LEFT, " …");
	ASSERT_FIT("李小龍", 1, TEXT_LEFT, "…");
	ASSERT_FIT("a李小龍", 4, TEXT_LEFT, "a李…");
	ASSERT_FIT("a李小龍", 3, TEXT_LEFT, "a …");
}
END_TEST

START_TEST(fit_keeps_combining_marks_and_escapes)
{
	/* decomposed é: the accent belongs to the kept e */
	ASSERT_FIT("e\xcc\x81"
	           "e\xcc\x81"
	           "e\xcc\x81",
	           2, TEXT_LEFT, "e\xcc\x81…");
	ASSERT_FIT("e\xcc\x81"
	           "e\xcc\x81",
	           2, TEXT_LEFT,
	           "e\xcc\x81"
	           "e\xcc\x81");
	/* control sequences arrive as visible escapes, never raw */
	ASSERT_FIT("\x1b[2J", 8, TEXT_LEFT, "^[[2J   ");
	ASSERT_FIT("\x1b[2J", 3, TEXT_LEFT, "^[…");
	ASSERT_FIT("ab\xe2\x80\xae"
	           "cd",
	           6, TEXT_LEFT, "ab<U+…");
	ASSERT_FIT("\xff", 5, TEXT_RIGHT, "<xFF>");
}
END_TEST

START_TEST(fit_nonpositive_width)
{
	char *s = fitted("abc", 0, TEXT_LEFT);
	ck_assert_str_eq(s, "");
	free(s);
	s = fitted("abc", -4, TEXT_RIGHT);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/* Any text into any width: exactly that many columns, nothing unsafe. */
START_TEST(fit_fuzz)
{
	static const char *const pieces[] = {"a",
	                                     "Z",
	                                     " ",
	                                     "é",
	                                     "ễ",
	                                     "李",
	                                     "龍",
	                                     "e\xcc\x81",
	                                     "\xcc\x81",
	                                     "\x1b",
	                                     "\x7f",
	                                     "\xff",
	                                     "\xe2\x80\xae",
	                                     "\xc2\x9b",
	                                     "\t",
	                                     "\n",
	                                     "\xf0\xa0\x80\x8b",
	                                     "…"};
	const size_t npieces = sizeof pieces / sizeof pieces[0];
	struct rng rng;
	rng_seed(&rng, 7);
	struct strbuf in, out;
	strbuf_init(&in);
	strbuf_init(&out);
	for (int iter = 0; iter < 4000; iter++) {
		strbuf_reset(&in);
		int n = rng_range(&rng, 0, 16);
		for (int i = 0; i < n; i++)
			strbuf_puts(&in, pieces[rng_below(&rng, (uint32_t)npieces)]);
		int width = rng_range(&rng, 1, 24);
		enum text_align align = rng_chance(&rng, 50) ? TEXT_LEFT : TEXT_RIGHT;
		strbuf_reset(&out);
		text_fit(&out, in.buf, width, align);
		ck_assert_int_eq(text_width(out.buf), width);
		ck_assert(text_is_clean_line(out.buf));
		int natural = text_width(in.buf);
		bool cut = strstr(out.buf, "…") != NULL && natural > width;
		if (natural <= width) {
			struct strbuf clean;
			strbuf_init(&clean);
			text_sanitize(&clean, in.buf, false);
			if (align == TEXT_LEFT)
				ck_assert(strncmp(out.buf, clean.buf, clean.len) == 0);
			else
				ck_assert_str_eq(out.buf + (width - natural), clean.buf);
			strbuf_clear(&clean);
		} else {
			ck_assert(cut);
			/* the ellipsis is the last column */
			ck_assert(out.len >= 3 && strcmp(out.buf + out.len - 3, "…") == 0);
		}
	}
	strbuf_clear(&in);
	strbuf_clear(&out);
}
END_TEST

/* ---- folding ---- */

static char *folded(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	text_fold(&sb, s);
	char *out = xstrdup(sb.buf);
	strbuf_clear(&sb);
	return out;
}

#define ASSERT_FOLD(in, expected)                                                                  \
	do {                                                                                       \
		char *got_ = folded(in);                                                           \
		ck_assert_str_eq(got_, expected);                                                  \
		char *twice_ = folded(got_);                                                       \
		ck_assert_str_eq(twice_, expected);                                                \
		free(twice_);                                                                      \
		free(got_);                                                                        \
	} while (0)

START_TEST(fold_latin)
{
	ASSERT_FOLD("Nguyễn Văn An", "nguyen van an");
	ASSERT_FOLD("ZOË ÑÚÑEZ", "zoe nunez");
	ASSERT_FOLD("Zoë Ñúñez", "zoe nunez");
	ASSERT_FOLD("O'BRIEN-SMITH", "o'brien-smith");
	ASSERT_FOLD("Đặng Thị Hồng Phạm", "dang thi hong pham");
	ASSERT_FOLD("Trương Ưu Ơn", "truong uu on");
	ASSERT_FOLD("Łukasz Żółć", "lukasz zolc");
	ASSERT_FOLD("Dvořák Šťastný", "dvorak stastny");
	ASSERT_FOLD("Şahin Çelik Gülşen Ğ", "sahin celik gulsen g");
	ASSERT_FOLD("Ørsted Åse ÿ", "orsted ase y");
	ASSERT_FOLD("Ștefan Țurcanu ș ț Şerban", "stefan turcanu s t serban");
	ASSERT_FOLD("ÀÁÂÃÄÅ àáâãäå ÈÉÊË ÌÍÎÏ ÒÓÔÕÖ ÙÚÛÜ Ý ý",
	            "aaaaaa aaaaaa eeee iiii ooooo uuuu y y");
	ASSERT_FOLD("İstanbul ı", "istanbul i");
	ASSERT_FOLD("Nguye\xcc\x82\xcc\x83n", "nguyen"); /* decomposed accents dropped */
	ASSERT_FOLD("× ÷", "× ÷");                       /* not letters: kept */
}
END_TEST

START_TEST(fold_two_letters)
{
	ASSERT_FOLD("Æsir", "aesir");
	ASSERT_FOLD("æ", "ae");
	ASSERT_FOLD("Straße", "strasse");
	ASSERT_FOLD("Œuvre", "oeuvre");
	ASSERT_FOLD("cœur", "coeur");
	ASSERT_FOLD("Þór", "thor");
	ASSERT_FOLD("þ", "th");
	ASSERT_FOLD("Ĳssel ĳ", "ijssel ij");
}
END_TEST

START_TEST(fold_space_and_other_scripts)
{
	ASSERT_FOLD("  Anna   \t Lee\n\r", "anna lee");
	ASSERT_FOLD("a\t\tb", "a b");
	ASSERT_FOLD("", "");
	ASSERT_FOLD("   ", "");
	ASSERT_FOLD("ИВАНОВ Пётр", "иванов пётр");
	ASSERT_FOLD("ЁЛКИН", "ёлкин");
	ASSERT_FOLD("李小龍", "李小龍");
	ASSERT_FOLD("ΣΩΚΡΆΤΗΣ", "σωκράτησ");
	ASSERT_FOLD("Άννα Έλενα Ήρα Ίρις Όλγα Ύβη Ώρα Ϊ", "άννα έλενα ήρα ίρις όλγα ύβη ώρα ϊ");
	ASSERT_FOLD("ҐАННА Єва Їжак Ўладзь Әсем Қасым", "ґанна єва їжак ўладзь әсем қасым");
	ASSERT_FOLD("ab\xff"
	            "cd",
	            "abcd"); /* invalid bytes take no part */
	ASSERT_FOLD("A0001234", "a0001234");
	ASSERT_FOLD("50% _x_ \\ \"q\"", "50% _x_ \\ \"q\"");
}
END_TEST

/* Search keys are stored: they must not depend on the locale of whoever wrote them. */
START_TEST(fold_ignores_locale)
{
	static const char *const names[] = {"Nguyễn Văn An", "ИВАНОВ Пётр", "ΣΩΚΡΆΤΗΣ", "ZOË ÑÚÑEZ",
	                                    "李小龍",        "Straße",      "ҐАННА"};
	char *in_utf8[7];
	for (size_t i = 0; i < 7; i++)
		in_utf8[i] = folded(names[i]);
	char *saved = xstrdup(setlocale(LC_ALL, NULL));
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	for (size_t i = 0; i < 7; i++) {
		char *in_c = folded(names[i]);
		ck_assert_str_eq(in_c, in_utf8[i]);
		free(in_c);
		free(in_utf8[i]);
	}
	setlocale(LC_ALL, saved);
	free(saved);
}
END_TEST

START_TEST(name_distance_for_did_you_mean)
{
	ck_assert_uint_eq(text_name_distance("required", "required", false), 0);
	ck_assert_uint_eq(text_name_distance("requird", "required", false), 1);  /* deletion */
	ck_assert_uint_eq(text_name_distance("reqiured", "required", false), 1); /* a swap */
	ck_assert_uint_eq(text_name_distance("sums", "sum", false), 1);
	ck_assert_uint_eq(text_name_distance("", "abc", false), 3);
	/* folding: case and '-' or ' ' versus '_' are the same name */
	ck_assert_uint_eq(text_name_distance("Idle-Lock_Minutes", "idle_lock_minutes", true), 0);
	ck_assert_uint_eq(text_name_distance("Idle-Lock", "idle_lock", false), 3);
	char long_name[TEXT_NAME_MAX + 2];
	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	ck_assert_uint_eq(text_name_distance(long_name, "a", false), SIZE_MAX);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("decode");
	tcase_set_timeout(tc, 120); /* millions of sequences; slow under the sanitizers */
	tcase_add_test(tc, decode_valid);
	tcase_add_test(tc, decode_invalid);
	tcase_add_test(tc, encode_decode_every_scalar);
	tcase_add_test(tc, decode_accepts_only_canonical_forms);
	suite_add_tcase(s, tc);
	tc = tcase_create("sanitize");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, unsafe_code_points);
	tcase_add_test(tc, sanitize_escapes_controls);
	tcase_add_test(tc, sanitize_fuzz);
	tcase_add_test(tc, clean_line);
	suite_add_tcase(s, tc);
	tc = tcase_create("width");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, widths);
	tcase_add_test(tc, fit_pads_and_cuts);
	tcase_add_test(tc, fit_never_splits_wide);
	tcase_add_test(tc, fit_keeps_combining_marks_and_escapes);
	tcase_add_test(tc, fit_nonpositive_width);
	tcase_add_test(tc, fit_fuzz);
	suite_add_tcase(s, tc);
	tc = tcase_create("fold");
	tcase_add_test(tc, fold_latin);
	tcase_add_test(tc, fold_two_letters);
	tcase_add_test(tc, fold_space_and_other_scripts);
	tcase_add_test(tc, fold_ignores_locale);
	tcase_add_test(tc, name_distance_for_did_you_mean);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run(text_suite());
}
