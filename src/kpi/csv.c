#include "kpi/csv.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

struct reader {
	const char *p, *end;
	unsigned line, col; /* of p */
};

static void advance(struct reader *r)
{
	if (*r->p == '\n') {
		r->line++;
		r->col = 1;
	} else if (((unsigned char)*r->p & 0xC0) != 0x80) {
		r->col++; /* columns count characters, not UTF-8 continuation bytes */
	}
	r->p++;
}

/* Skip the rest of a bad record: to just after the next line end. */
static void skip_line(struct reader *r)
{
	while (r->p < r->end && *r->p != '\n')
		advance(r);
	if (r->p < r->end)
		advance(r);
}

static void free_fields(char **f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i]);
}

int csv_read(const char *buf, size_t len, const char *file, struct diags *d, csv_record_fn fn, void *ctx)
{
	struct reader r = { buf, buf + len, 1, 1 };
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		r.p += 3;
	char *fields[CSV_MAX_FIELDS];
	struct strbuf f;
	strbuf_init(&f, CSV_MAX_FIELD);
	int rc = 0;
	while (r.p < r.end && !rc) {
		unsigned start_line = r.line;
		size_t n = 0;
		const char *bad = NULL;
		unsigned bad_line = 0, bad_col = 0;
		for (;;) { /* one field */
			strbuf_reset(&f);
			if (r.p < r.end && *r.p == '"') {
				unsigned ql = r.line;
				advance(&r);
				for (;;) {
					if (r.p >= r.end) {
						bad = N_("quoted field is never closed");
						bad_line = ql, bad_col = (unsigned)n + 1;
						break;
					}
					if (*r.p == '"') {
						if (r.p + 1 < r.end && r.p[1] == '"') {
							advance(&r);
							advance(&r);
							if (strbuf_addch(&f, '"'))
								goto too_long;
							continue;
						}
						advance(&r);
						break;
					}
					if (strbuf_addch(&f, *r.p)) {
					too_long:
						bad = N_("field is longer than 1 MiB");
						bad_line = r.line, bad_col = (unsigned)n + 1;
						break;
					}
					advance(&r);
				}
				if (!bad && r.p < r.end && *r.p != ',' && *r.p != '\n' &&
				    !(*r.p == '\r' && (r.p + 1 == r.end || r.p[1] == '\n'))) {
					bad = N_("text after the closing quote of a field");
					bad_line = r.line, bad_col = (unsigned)n + 1;
				}
			} else {
				while (r.p < r.end && *r.p != ',' && *r.p != '\n') {
					if (*r.p == '\r' && (r.p + 1 == r.end || r.p[1] == '\n')) {
						advance(&r);
						continue;
					}
					if (*r.p == '"') {
						bad = N_("a quote inside an unquoted field (quote the whole field)");
						bad_line = r.line, bad_col = (unsigned)n + 1;
						break;
					}
					if (strbuf_addch(&f, *r.p)) {
						bad = N_("field is longer than 1 MiB");
						bad_line = r.line, bad_col = (unsigned)n + 1;
						break;
					}
					advance(&r);
				}
			}
			if (bad)
				break;
			if (n == CSV_MAX_FIELDS) {
				bad = N_("more than 512 fields in a record");
				bad_line = r.line, bad_col = (unsigned)n + 1;
				break;
			}
			fields[n++] = xstrndup(f.buf, f.len);
			if (r.p < r.end && *r.p == '\r')
				advance(&r);
			if (r.p < r.end && *r.p == ',') {
				advance(&r);
				continue;
			}
			if (r.p < r.end) /* '\n' */
				advance(&r);
			break;
		}
		if (bad) {
			diags_add(d, file, bad_line, bad_col, "%s", tr(d->lang, bad));
			free_fields(fields, n);
			skip_line(&r);
			continue;
		}
		rc = fn(ctx, start_line, fields, n);
		free_fields(fields, n);
	}
	strbuf_release(&f);
	return rc;
}
