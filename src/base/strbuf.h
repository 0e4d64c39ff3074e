/*
 * strbuf — a growable, NUL-terminated byte buffer with a size cap.
 *
 * After strbuf_init() `buf` always points to a NUL-terminated string of `len`
 * bytes (a static empty string until the first append). The buffer owns its
 * memory; strbuf_release() frees it, strbuf_detach() hands it to the caller.
 *
 * Every buffer has a cap (curl's dynbuf): an append that would grow it past
 * `cap` bytes fails with -1 and leaves the buffer unchanged, so no input can
 * grow memory without bound. STRBUF_NOCAP is for output we generate ourselves.
 */
#ifndef KOERS_STRBUF_H
#define KOERS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#define STRBUF_NOCAP ((size_t)-1)

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap;
};

void strbuf_init(struct strbuf *sb, size_t cap);
void strbuf_release(struct strbuf *sb);
/* The string, now the caller's to free; the buffer is empty again. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
/* Cut the string back to its first `len` bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);

int strbuf_add(struct strbuf *sb, const void *data, size_t n);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
