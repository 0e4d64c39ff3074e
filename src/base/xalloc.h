/*
 * xalloc — allocation that never returns NULL.
 *
 * Running out of memory is not an error koers can report usefully, so these
 * wrappers print a message and abort (as tmux and git do). Everything they
 * return is owned by the caller and released with free().
 */
#ifndef KOERS_XALLOC_H
#define KOERS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A formatted string, like asprintf, that aborts on out of memory. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Grow the array `x` (with `nr` used and `alloc` allocated elements) so that
 * it holds at least `need` elements; from git's ALLOC_GROW.
 */
#define ALLOC_GROW(x, need, alloc)                                             \
	do {                                                                   \
		if ((need) > (alloc)) {                                        \
			size_t grow_ = (alloc) < 8 ? 8 : (alloc) * 2;          \
			(alloc) = grow_ < (need) ? (need) : grow_;             \
			(x) = xrealloc((x), (alloc) * sizeof(*(x)));           \
		}                                                              \
	} while (0)

#endif
