#include "base/csv.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* Bytes read from a stream at a time; a record may be longer (it spans refills). */
#define WINDOW (64u << 10)

struct csv_reader {
	FILE *in; /* NULL: reading a buffer */
	const char *file;
	const char *p, *end; /* unread input: the buffer, or the stream's window */
	char *window;
	bool eof;
	unsigned line, row; /* the line of p; records so far */
	struct strbuf rec;       /* the fields of the current record, each NUL-terminated */
	size_t offs[CSV_MAX_FIELDS];
	char *fields[CSV_MAX_FIELDS];
};

/* The byte k ahead of p (k <= 1), or -1 at the end of the input. */
static int peek(struct csv_reader *r, size_t k)
{
	if ((size_t)(r->end - r->p) <= k && r->in && !r->eof) {
		size_t keep = (size_t)(r->end - r->p);
		memmove(r->window, r->p, keep);
		size_t got = fread(r->window + keep, 1, WINDOW - keep, r->in);
		if (got == 0)
			r->eof = true;
		r->p = r->window;
		r->end = r->window + keep + got;
	}
	return (size_t)(r->end - r->p) > k ? (unsigned char)r->p[k] : -1;
}

static void advance(struct csv_reader *r)
{
	r->line += *r->p == '\n';
	r->p++;
}

/* Skip the rest of a bad record: to just after the next line end. */
static void skip_line(struct csv_reader *r)
{
	int c;
	while ((c = peek(r, 0)) >= 0 && c != '\n')
		advance(r);
	if (c >= 0)
		advance(r);
}

static struct csv_reader *reader_new(FILE *in, const char *buf, size_t len, const char *file)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));
	r->in = in;
	r->file = file;
	r->line = 1;
	strbuf_init(&r->rec, CSV_MAX_RECORD);
	if (in) {
		r->window = xmalloc(WINDOW);
		r->p = r->end = r->window;
	} else {
		r->p = buf;
		r->end = buf + len;
	}
	if (peek(r, 0) == 0xEF && peek(r, 1) == 0xBB && r->end - r->p >= 3 && (unsigned char)r->p[2] == 0xBF)
		r->p += 3; /* a UTF-8 byte order mark (a stream gives at least 3 bytes at its start) */
	return r;
}

struct csv_reader *csv_reader_stream(FILE *in, const char *file) { return reader_new(in, NULL, 0, file); }
struct csv_reader *csv_reader_buffer(const char *buf, size_t len, const char *file) { return reader_new(NULL, buf, len, file); }

void csv_reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	strbuf_release(&r->rec);
	free(r->window);
	free(r);
}

static const char *const too_long = N_("record is longer than 1 MiB");

/* Add one byte of a field; false when the record grows over its cap. */
static bool put(struct csv_reader *r, int c)
{
	return strbuf_addch(&r->rec, (char)c) == 0;
}

/* One field at p into r->rec. NULL, or why it is malformed (an N_() string). */
static const char *read_field(struct csv_reader *r)
{
	int c = peek(r, 0);
	if (c == '"') {
		advance(r);
		for (;;) {
			c = peek(r, 0);
			if (c < 0)
				return N_("quoted field is never closed");
			if (c == '"') {
				if (peek(r, 1) != '"') {
					advance(r);
					break;
				}
				advance(r); /* a doubled quote is one quote */
			}
			if (!put(r, c))
				return too_long;
			advance(r);
		}
		c = peek(r, 0);
		if (c >= 0 && c != ',' && c != '\n' && !(c == '\r' && (peek(r, 1) < 0 || peek(r, 1) == '\n')))
			return N_("text after the closing quote of a field");
		return NULL;
	}
	while ((c = peek(r, 0)) >= 0 && c != ',' && c != '\n') {
		if (c == '\r' && (peek(r, 1) < 0 || peek(r, 1) == '\n')) {
			advance(r);
			continue;
		}
		if (c == '"')
			return N_("a quote inside a field that is not quoted (quote the whole field and double the quote)");
		if (!put(r, c))
			return too_long;
		advance(r);
	}
	return NULL;
}

int csv_next(struct csv_reader *r, struct csv_record *rec, struct csv_problem *bad)
{
	if (peek(r, 0) < 0)
		return CSV_END;
	rec->row = ++r->row;
	rec->line = r->line;
	strbuf_reset(&r->rec);
	size_t n = 0;
	for (;;) {
		const char *why = read_field(r);
		if (!why && n == CSV_MAX_FIELDS)
			why = N_("more than 512 fields in a record");
		if (!why && !put(r, '\0'))
			why = too_long;
		if (why) {
			*bad = (struct csv_problem){ r->row, (unsigned)n + 1, rec->line, why, why == too_long };
			skip_line(r);
			return CSV_BAD;
		}
		r->offs[n++] = r->rec.len;
		if (peek(r, 0) == '\r')
			advance(r);
		int c = peek(r, 0);
		if (c >= 0)
			advance(r); /* ',' or '\n' */
		if (c != ',')
			break;
	}
	for (size_t i = 0; i < n; i++)
		r->fields[i] = r->rec.buf + (i ? r->offs[i - 1] : 0);
	rec->fields = r->fields;
	rec->n = n;
	return CSV_RECORD;
}

int csv_read(const char *buf, size_t len, const char *file, struct diags *d, csv_record_fn fn, void *ctx)
{
	struct csv_reader *r = csv_reader_buffer(buf, len, file);
	struct csv_record rec;
	struct csv_problem bad;
	int k, rc = 0;
	while (!rc && (k = csv_next(r, &rec, &bad)) != CSV_END) {
		if (k == CSV_BAD)
			diags_add(d, file, bad.row, bad.column, "%s", tr(d->lang, bad.why));
		else
			rc = fn(ctx, &rec);
	}
	csv_reader_free(r);
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

static void free_fields(char **f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i]);
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
