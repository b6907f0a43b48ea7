#define _XOPEN_SOURCE 700 /* wcwidth */
#include "caseload/text.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

size_t text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	*cp = TEXT_INVALID;
	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t need;
	uint32_t c, min;
	if ((u[0] & 0xE0) == 0xC0) {
		need = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 1;
	}
	if (len < need)
		return 1;
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 1;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 1;
	*cp = c;
	return need;
}

void text_encode(struct strbuf *out, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	strbuf_append(out, b, n);
}

bool text_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
		return true;
	/* bidi embeddings, overrides and isolates reorder text on screen (Trojan Source) */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return true;
	/* line and paragraph separators break a row as a newline would */
	return cp == 0x2028 || cp == 0x2029;
}

/* A code point the terminal can draw: printable per the locale and not unsafe. */
static bool text_is_drawable(uint32_t cp)
{
	return !text_is_unsafe(cp) && wcwidth((wchar_t)cp) >= 0;
}

static void text_escape_cp(struct strbuf *out, uint32_t cp)
{
	if (cp < 0x20)
		strbuf_printf(out, "^%c", (char)(cp + 0x40));
	else if (cp == 0x7F)
		strbuf_puts(out, "^?");
	else
		strbuf_printf(out, "<U+%04X>", (unsigned)cp);
}

void text_sanitize(struct strbuf *out, const char *s, bool keep_newlines)
{
	size_t len = strlen(s);
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID)
			strbuf_printf(out, "<x%02X>", (unsigned char)s[i]);
		else if (cp == '\n' && keep_newlines)
			strbuf_putc(out, '\n');
		else if (cp == '\t')
			strbuf_putc(out, ' ');
		else if (!text_is_drawable(cp))
			text_escape_cp(out, cp);
		else
			strbuf_append(out, s + i, n);
		i += n;
	}
}

int text_cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	struct strbuf clean;
	strbuf_init(&clean);
	text_sanitize(&clean, s, false);
	int width = 0;
	size_t i = 0;
	while (i < clean.len) {
		uint32_t cp;
		i += text_decode(clean.buf + i, clean.len - i, &cp);
		width += text_cp_width(cp);
	}
	strbuf_clear(&clean);
	return width;
}

static void text_pad(struct strbuf *out, int n)
{
	for (int i = 0; i < n; i++)
		strbuf_putc(out, ' ');
}

void text_fit(struct strbuf *out, const char *s, int width, enum text_align align)
{
	if (width <= 0)
		return;
	struct strbuf clean;
	strbuf_init(&clean);
	text_sanitize(&clean, s, false);
	int total = text_width(clean.buf);
	if (total <= width) {
		if (align == TEXT_RIGHT)
			text_pad(out, width - total);
		strbuf_append(out, clean.buf, clean.len);
		if (align == TEXT_LEFT)
			text_pad(out, width - total);
		strbuf_clear(&clean);
		return;
	}
	/* too long: keep what fits in width-1 columns, then the ellipsis */
	int used = 0;
	size_t i = 0;
	while (i < clean.len) {
		uint32_t cp;
		size_t n = text_decode(clean.buf + i, clean.len - i, &cp);
		int w = text_cp_width(cp);
		if (used + w > width - 1)
			break;
		strbuf_append(out, clean.buf + i, n);
		used += w;
		i += n;
	}
	/* combining marks that belong to the last kept character */
	while (i < clean.len) {
		uint32_t cp;
		size_t n = text_decode(clean.buf + i, clean.len - i, &cp);
		if (text_cp_width(cp) != 0)
			break;
		strbuf_append(out, clean.buf + i, n);
		i += n;
	}
	text_pad(out, width - 1 - used);
	strbuf_puts(out, "\u2026");
	strbuf_clear(&clean);
}

/* Base letters for U+00C0..U+017F; digits stand for two-letter folds, '.' for "keep". */
static const char fold_latin[] = "aaaaaa1ceeeeiiiidnooooo.ouuuuy23"
				 "aaaaaa1ceeeeiiiidnooooo.ouuuuy2y"
				 "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkk"
				 "llllllllllnnnnnnnnnoooooo55rrrrrrssssssssttttttuuuuuuuuuuuu"
				 "wwyyyzzzzzzs";
_Static_assert(sizeof(fold_latin) - 1 == 0x180 - 0xC0, "fold table covers U+00C0..U+017F");

static const char *const fold_pairs[] = {"ae", "th", "ss", "ij", "oe"};

static bool fold_vietnamese(uint32_t cp, char *base)
{
	static const struct {
		uint32_t lo, hi;
		char base;
	} ranges[] = {
		{0x1EA0, 0x1EB7, 'a'}, {0x1EB8, 0x1EC7, 'e'}, {0x1EC8, 0x1ECB, 'i'},
		{0x1ECC, 0x1EE3, 'o'}, {0x1EE4, 0x1EF1, 'u'}, {0x1EF2, 0x1EF9, 'y'},
		{0x01A0, 0x01A1, 'o'}, {0x01AF, 0x01B0, 'u'},
		/* and Romanian S and T with comma below (Ștefan, Țurcanu) */
		{0x0218, 0x0219, 's'}, {0x021A, 0x021B, 't'},
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		if (cp >= ranges[i].lo && cp <= ranges[i].hi) {
			*base = ranges[i].base;
			return true;
		}
	}
	return false;
}

/* Lower case for the scripts whose names the folding must match whatever the process's
 * locale is (towlower would depend on it): Greek and Cyrillic. Others are kept. */
static uint32_t text_fold_case(uint32_t cp)
{
	if ((cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	/* Greek capitals with tonos: Άννα must fold as άννα does */
	if (cp == 0x386)
		return 0x3AC;
	if (cp >= 0x388 && cp <= 0x38A)
		return cp + 0x25;
	if (cp == 0x38C)
		return 0x3CC;
	if (cp == 0x38E || cp == 0x38F)
		return cp + 0x3F;
	/* Cyrillic letters of Ukrainian, Kazakh, Tatar...: capital even, small odd */
	if (((cp >= 0x48A && cp <= 0x4BF) || (cp >= 0x4D0 && cp <= 0x4FF)) && !(cp & 1))
		return cp + 1;
	return cp;
}

void text_fold(struct strbuf *out, const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;
	bool pending_space = false;
	while (i < len) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		i += n;
		if (cp == TEXT_INVALID || (cp >= 0x300 && cp <= 0x36F))
			continue; /* invalid bytes and combining accents do not take part in search */
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
			pending_space = out->len > 0;
			continue;
		}
		if (pending_space) {
			strbuf_putc(out, ' ');
			pending_space = false;
		}
		char base;
		if (cp < 0x80) {
			strbuf_putc(out, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		} else if (cp >= 0xC0 && cp < 0x180 && fold_latin[cp - 0xC0] != '.') {
			char f = fold_latin[cp - 0xC0];
			if (f >= '1' && f <= '5')
				strbuf_puts(out, fold_pairs[f - '1']);
			else
				strbuf_putc(out, f);
		} else if (fold_vietnamese(cp, &base)) {
			strbuf_putc(out, base);
		} else {
			text_encode(out, text_fold_case(cp));
		}
	}
}

bool text_is_clean_line(const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID || text_is_unsafe(cp))
			return false;
		i += n;
	}
	return true;
}

static char text_name_fold(char c, bool fold)
{
	if (!fold)
		return c;
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c == '-' || c == ' ' ? '_' : c;
}

size_t text_name_distance(const char *a, const char *b, bool fold)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > TEXT_NAME_MAX || lb > TEXT_NAME_MAX)
		return SIZE_MAX;
	/* three rows of the table: the one before the previous serves the swaps */
	size_t rows[3][TEXT_NAME_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = prev2[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		char ai = text_name_fold(a[i - 1], fold);
		for (size_t j = 1; j <= lb; j++) {
			char bj = text_name_fold(b[j - 1], fold);
			size_t d = prev[j - 1] + (ai != bj);
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ai == text_name_fold(b[j - 2], fold) &&
			    text_name_fold(a[i - 2], fold) == bj && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}
