/*
 * embed — files compiled into the binary (schema migrations, translations).
 *
 * scripts/embed turns the files into build/gen/embedded.c at build time, so
 * the single koers binary needs nothing installed beside it. The table is
 * sorted by name and ends with a NULL name; the data is NUL-terminated.
 */
#ifndef KOERS_EMBED_H
#define KOERS_EMBED_H

#include <stddef.h>

struct embedded {
	const char *name; /* path relative to its source folder, e.g. "schema/0001-init.sql" */
	const unsigned char *data;
	size_t size;
};

extern const struct embedded embedded_files[];

/* The file with this exact name, or NULL. */
const struct embedded *embedded_find(const char *name);

#endif
