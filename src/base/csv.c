#include "base/csv.h"

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

/* Report a bad field: its message is an N_() string translated here. */
static void bad_field(struct diags *d, const char *file, unsigned row, unsigned col, const char *why)
{
	diags_add(d, file, row, col, "%s", tr(d->lang, why));
}

int csv_read(const char *buf, size_t len, const char *file, struct diags *d, csv_record_fn fn, void *ctx)
{
	struct reader r = { buf, buf + len, 1, 1 };
	unsigned row = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		r.p += 3;
	char *fields[CSV_MAX_FIELDS];
	struct strbuf f;
	strbuf_init(&f, CSV_MAX_FIELD);
	int rc = 0;
	while (r.p < r.end && !rc) {
		unsigned start_line = r.line;
		row++;
		size_t n = 0;
		const char *bad = NULL;
		unsigned bad_col = 0;
		for (;;) { /* one field */
			strbuf_reset(&f);
			if (r.p < r.end && *r.p == '"') {
				advance(&r);
				for (;;) {
					if (r.p >= r.end) {
						bad = N_("quoted field is never closed");
						bad_col = (unsigned)n + 1;
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
						bad_col = (unsigned)n + 1;
						break;
					}
					advance(&r);
				}
				if (!bad && r.p < r.end && *r.p != ',' && *r.p != '\n' &&
				    !(*r.p == '\r' && (r.p + 1 == r.end || r.p[1] == '\n'))) {
					bad = N_("text after the closing quote of a field");
					bad_col = (unsigned)n + 1;
				}
			} else {
				while (r.p < r.end && *r.p != ',' && *r.p != '\n') {
					if (*r.p == '\r' && (r.p + 1 == r.end || r.p[1] == '\n')) {
						advance(&r);
						continue;
					}
					if (*r.p == '"') {
						bad = N_("a quote inside a field that is not quoted (quote the whole field and double the quote)");
						bad_col = (unsigned)n + 1;
						break;
					}
					if (strbuf_addch(&f, *r.p)) {
						bad = N_("field is longer than 1 MiB");
						bad_col = (unsigned)n + 1;
						break;
					}
					advance(&r);
				}
			}
			if (bad)
				break;
			if (n == CSV_MAX_FIELDS) {
				bad = N_("more than 512 fields in a record");
				bad_col = (unsigned)n + 1;
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
			bad_field(d, file, row, bad_col, bad);
			free_fields(fields, n);
			skip_line(&r);
			continue;
		}
		struct csv_record rec = { fields, n, row, start_line };
		rc = fn(ctx, &rec);
		free_fields(fields, n);
	}
	strbuf_release(&f);
	return rc;
}

struct collect {
	struct csv_record *v;
	size_t n, alloc;
	const char *file;
	struct diags *d;
};

static int collect_record(void *ctx, const struct csv_record *r)
{
	struct collect *c = ctx;
	if (c->n == CSV_MAX_RECORDS) {
		diags_add(c->d, c->file, r->row, 0, "more than %u records; the rest is not read", CSV_MAX_RECORDS);
		return 1;
	}
	ALLOC_GROW(c->v, c->n + 1, c->alloc);
	struct csv_record *copy = &c->v[c->n++];
	*copy = *r;
	copy->fields = xcalloc(r->n ? r->n : 1, sizeof(char *));
	for (size_t i = 0; i < r->n; i++)
		copy->fields[i] = xstrdup(r->fields[i]);
	return 0;
}

int csv_parse(const char *file, const char *buf, size_t len, struct csv_record **out, size_t *n,
	      struct diags *d)
{
	size_t before = d->n + d->dropped;
	struct collect c = { .file = file, .d = d };
	csv_read(buf, len, file, d, collect_record, &c);
	*out = c.v;
	*n = c.n;
	return d->n + d->dropped > before ? ERR_DATA : 0;
}

void csv_records_free(struct csv_record *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free_fields(v[i].fields, v[i].n);
		free(v[i].fields);
	}
	free(v);
}

void csv_add_field(struct strbuf *sb, const char *s)
{
	if (!s)
		s = "";
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}
