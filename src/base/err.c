#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/strbuf.h"
#include "base/xalloc.h"

int err_set(struct err *e, int code, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), tr(e->lang, fmt), ap);
		va_end(ap);
		e->code = code;
	}
	return code;
}

int err_exit_code(int code)
{
	switch (code) {
	case ERR_OK: return 0;
	case ERR_USAGE: return 2;
	case ERR_IO: return 3;
	default: return 1;
	}
}

void diags_add(struct diags *d, const char *file, unsigned line, unsigned column,
	       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diags_vadd(d, file, line, column, fmt, ap);
	va_end(ap);
}

void diags_vadd(struct diags *d, const char *file, unsigned line, unsigned column,
		const char *fmt, va_list ap)
{
	if (d->max && d->n >= d->max) {
		d->dropped++;
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	strbuf_vaddf(&sb, tr(d->lang, fmt), ap);
	ALLOC_GROW(d->v, d->n + 1, d->alloc);
	d->v[d->n++] = (struct diag){
		.file = xstrdup(file ? file : ""),
		.line = line,
		.column = column,
		.msg = strbuf_detach(&sb, NULL),
	};
}

void diags_release(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = d->dropped = 0;
}
