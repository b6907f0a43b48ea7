#ifndef CASELOAD_TEXT_H
#define CASELOAD_TEXT_H
/* UTF-8 text as the terminal will show it. Stored text is kept exactly as typed;
 * these functions decide how it is displayed, so that no byte a user (or an attacker)
 * stored can ever reach the terminal as a control sequence. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/strbuf.h"

/* Decodes one UTF-8 sequence from s[0..len). Returns the bytes consumed (>= 1 when len > 0,
 * 0 for empty input); on an
 * invalid, overlong, surrogate or truncated sequence *cp is set to TEXT_INVALID and 1 is
 * returned, so the caller can show that byte escaped and go on. */
#define TEXT_INVALID 0xFFFFFFFFu
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* Appends the UTF-8 encoding of cp (which must be a valid scalar value). */
void text_encode(struct strbuf *out, uint32_t cp);

/* True when cp must not be sent to a terminal as is: C0 and C1 controls, DEL, and the
 * bidirectional overrides and isolates that reorder what is displayed. */
bool text_is_unsafe(uint32_t cp);

/* Appends a display-safe copy of s: unsafe code points become visible escapes
 * (ESC -> "^[", DEL -> "^?", U+202E -> "<U+202E>"), invalid bytes become "<xNN>".
 * With keep_newlines, '\n' is kept as a line break (for multi-line text). */
void text_sanitize(struct strbuf *out, const char *s, bool keep_newlines);

/* Display columns of one code point once sanitized (0 for combining marks, 2 for wide). */
int text_cp_width(uint32_t cp);

/* Display columns of s after sanitizing. */
int text_width(const char *s);

enum text_align { TEXT_LEFT, TEXT_RIGHT };

/* Appends s sanitized and fitted to exactly `width` columns: cut with "…" when longer,
 * padded with spaces when shorter. A wide character never straddles the edge. */
void text_fit(struct strbuf *out, const char *s, int width, enum text_align align);

/* Appends a search key for s: lower case, Latin diacritics removed (Nguyễn -> nguyen),
 * runs of white space folded to one space. Other scripts are kept as they are. */
void text_fold(struct strbuf *out, const char *s);

/* The edit distance between two names (insertions, deletions, substitutions and swaps of
 * neighbours, each counting 1), for "did you mean" suggestions; with fold, case and '-' or
 * ' ' versus '_' do not count. SIZE_MAX when either is longer than TEXT_NAME_MAX bytes: too
 * long to be a slip of a name of ours. */
#define TEXT_NAME_MAX 64
size_t text_name_distance(const char *a, const char *b, bool fold);

/* True when s is valid UTF-8 without any code point text_is_unsafe() refuses (tab included). */
bool text_is_clean_line(const char *s);

#endif
