/*
 * labelled — the reader of labelled texts for `koers listen train`: one
 * example per line, "LABEL<TAB>TEXT", LABEL one of negative, neutral,
 * positive (any case). Blank lines, lines starting with '#' and a first line
 * "label<TAB>text" are skipped; a CR before the LF is dropped.
 *
 * Every bad line is reported in `d` with its line number and reason (no
 * TAB, unknown label, empty text, invalid UTF-8, longer than
 * LABELLED_MAX_LINE bytes) and skipped; the good lines are passed to `fn`
 * with a pointer into `buf` (valid while buf is). Nothing is allocated
 * except diagnostics.
 */
#ifndef KOERS_LISTEN_LABELLED_H
#define KOERS_LISTEN_LABELLED_H

#include <stddef.h>

#include "base/err.h"

enum { LABELLED_MAX_LINE = 65536 };

typedef void labelled_fn(void *ctx, int label, const char *text, size_t len, unsigned line);

/* Returns the number of good lines. */
size_t labelled_parse(const char *buf, size_t len, const char *name, labelled_fn *fn, void *ctx, struct diags *d);

#endif
