#ifndef CASELOAD_STRBUF_H
#define CASELOAD_STRBUF_H
#include <stdarg.h>
#include <stddef.h>

/* A growable NUL-terminated byte string. Embed it, strbuf_init it, strbuf_clear it.
 * Allocation failure aborts: a terminal tool has no useful way to go on without memory. */
struct strbuf {
	char *buf; /* always NUL-terminated once initialised; owned by the strbuf */
	size_t len;
	size_t cap;
};

void strbuf_init(struct strbuf *sb);
void strbuf_clear(struct strbuf *sb);           /* frees the buffer; sb may be reused after init */
void strbuf_reset(struct strbuf *sb);           /* empties it, keeps the memory */
void strbuf_append(struct strbuf *sb, const char *s, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
/* Hands the buffer to the caller (free() it). sb is left holding nothing: strbuf_init it
 * again before reusing it (strbuf_clear on it is harmless). */
char *strbuf_detach(struct strbuf *sb);

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Copies at most dstsz-1 bytes of src, never splitting a UTF-8 sequence; always terminates. */
void str_copy(char *dst, size_t dstsz, const char *src);

#endif
