/*
 * err — the one error convention.
 *
 * Library functions return 0 on success or a negative ERR_* code, and fill a
 * caller-provided `struct err` with a human message that already carries its
 * location ("plan.yaml:12:5: ..."). Parsers that report every problem they
 * find collect them in a `struct diags` instead and keep going.
 *
 * Messages are English source strings that err_set() and diags_add()
 * translate (gettext keywords err_set:3 and diags_add:5) into the language
 * the caller put in the struct, so library code stays free of locale state.
 *
 * The codes map onto the CLI's exit codes (see err_exit_code()).
 */
#ifndef KOERS_ERR_H
#define KOERS_ERR_H

#include <stdarg.h>
#include <stddef.h>

#include "base/i18n.h"

enum {
	ERR_OK = 0,
	ERR_DATA = -1,     /* bad input or findings in the data: exit 1 */
	ERR_USAGE = -2,    /* wrong arguments: exit 2 */
	ERR_IO = -3,       /* file, network or database failure: exit 3 */
	ERR_NOTFOUND = -4, /* a named thing does not exist: exit 1 */
};

struct err {
	int code;
	enum lang lang; /* the language err_set() translates its message into */
	char msg[1024];
};

/* Set the error (first one wins is not wanted: the last set describes it). */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* 0, 1, 2 or 3 for a return code of the functions above. */
int err_exit_code(int code);

/* One located problem: file, 1-based line and column (0 when unknown). */
struct diag {
	char *file;
	unsigned line, column;
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, alloc;
	size_t max; /* stop recording after this many (0: no limit) */
	size_t dropped;
	enum lang lang;
};

void diags_add(struct diags *d, const char *file, unsigned line, unsigned column,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diags_vadd(struct diags *d, const char *file, unsigned line, unsigned column,
		const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
void diags_release(struct diags *d);

#endif
