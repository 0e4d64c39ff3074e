#include "content/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static void add_field(struct csv_record *r, size_t *alloc, struct strbuf *f)
{
	if (r->n >= CSV_MAX_FIELDS) {
		strbuf_reset(f);
		return;
	}
	ALLOC_GROW(r->fields, r->n + 1, *alloc);
	r->fields[r->n++] = xstrndup(f->buf, f->len);
	strbuf_reset(f);
}

static void drop_record(struct csv_record *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	free(r->fields);
	r->fields = NULL;
	r->n = 0;
}

int csv_parse(const char *file, const char *s, size_t n, struct csv_record **out, size_t *nrec,
	      struct diags *d)
{
	size_t before = d->n + d->dropped, nalloc = 0, i = 0;
	unsigned line = 1, row = 0;
	*out = NULL;
	*nrec = 0;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	struct strbuf f;
	strbuf_init(&f, STRBUF_NOCAP);
	while (i < n && *nrec < CSV_MAX_RECORDS) {
		struct csv_record r = { .row = ++row, .line = line };
		size_t falloc = 0;
		bool bad = false, end = false;
		while (!end) {
			unsigned col = (unsigned)r.n + 1;
			if (i < n && s[i] == '"') {
				i++;
				for (;;) {
					if (i >= n) {
						diags_add(d, file, row, col, "quoted field never ends (it opened on line %u)", line);
						bad = end = true;
						break;
					}
					if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
						strbuf_addch(&f, '"');
						i += 2;
					} else if (s[i] == '"') {
						i++;
						break;
					} else {
						if (s[i] == '\n')
							line++;
						strbuf_addch(&f, s[i++]);
					}
				}
				if (!end && i < n && s[i] != ',' && s[i] != '\n' && !(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')) {
					if (!bad)
						diags_add(d, file, row, col, "text after the closing quote of a field");
					bad = true;
					while (i < n && s[i] != ',' && s[i] != '\n')
						i++;
				}
			} else {
				while (i < n && s[i] != ',' && s[i] != '\n' && !(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')) {
					if ((s[i] == '"' || s[i] == '\0') && !bad) {
						diags_add(d, file, row, col, s[i] == '"' ? "a quote inside a field that is not quoted (quote the whole field and double the quote)" : "a NUL byte in a field");
						bad = true;
					}
					strbuf_addch(&f, s[i++]);
				}
			}
			add_field(&r, &falloc, &f);
			if (i >= n) {
				end = true;
			} else if (s[i] == ',') {
				i++;
				if (i >= n) {
					add_field(&r, &falloc, &f);
					end = true;
				}
			} else if (s[i] == '\r' || s[i] == '\n') {
				i += s[i] == '\r' ? 2 : 1;
				line++;
				end = true;
			}
		}
		if (bad) {
			drop_record(&r);
			continue;
		}
		ALLOC_GROW(*out, *nrec + 1, nalloc);
		(*out)[(*nrec)++] = r;
	}
	strbuf_release(&f);
	return d->n + d->dropped > before ? ERR_DATA : 0;
}

void csv_records_free(struct csv_record *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		drop_record(&v[i]);
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
