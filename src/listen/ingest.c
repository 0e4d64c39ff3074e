/*
 * ingest — the reader framework, koers' JSON lines and CSV (see ingest.h).
 * The API formats' entity conversion lives in ingest-api.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/xalloc.h"
#include "listen/ingest-internal.h"

static const char *const format_names[INGEST__COUNT] = {
	[INGEST_JSONL] = "jsonl", [INGEST_MASTODON] = "mastodon", [INGEST_BLUESKY] = "bluesky",
	[INGEST_X] = "x", [INGEST_CSV] = "csv",
};

static const char *const reason_names[INGEST_R__COUNT] = {
	[INGEST_R_SYNTAX] = "syntax", [INGEST_R_MISSING] = "missing-field", [INGEST_R_TYPE] = "wrong-type",
	[INGEST_R_TIME] = "bad-time", [INGEST_R_TOO_LONG] = "too-long", [INGEST_R_ENCODING] = "encoding",
};

int ingest_format_parse(const char *name, enum ingest_format *f)
{
	for (int i = 0; i < INGEST__COUNT; i++)
		if (!strcmp(name, format_names[i])) {
			*f = (enum ingest_format)i;
			return 0;
		}
	return ERR_USAGE;
}

const char *ingest_format_name(enum ingest_format f)
{
	return f < INGEST__COUNT ? format_names[f] : "?";
}

const char *ingest_reason_name(enum ingest_reason r)
{
	return r < INGEST_R__COUNT ? reason_names[r] : "?";
}

int ingest_bad(struct ingest_problem *p, enum lang lang, enum ingest_reason reason, unsigned long line,
	       unsigned long record, const char *fmt, ...)
{
	char why[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), tr(lang, fmt), ap);
	va_end(ap);
	p->line = line;
	p->record = record;
	p->reason = reason;
	snprintf(p->msg, sizeof(p->msg), tr(lang, "line %lu (record %lu): %s"), line, record, why);
	return INGEST_BAD;
}

const char *ingest_jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int ingest_time(const char *s, const char *field, enum lang lang, unsigned long line, unsigned long record,
		int64_t *out, struct ingest_problem *p)
{
	struct err e = { .lang = lang };
	if (iso_parse_datetime(s, NULL, out, &e, NULL) < 0)
		return ingest_bad(p, lang, INGEST_R_TIME, line, record, "%s: %s", field, e.msg);
	return INGEST_RECORD;
}

/* ---- koers JSON lines ---- */

struct ingest_hold {
	json_t *doc;
	char idbuf[32], rbuf[32];
};

struct ingest_hold *ingest_hold_new(void)
{
	return xcalloc(1, sizeof(struct ingest_hold));
}

void ingest_hold_free(struct ingest_hold *h)
{
	if (!h)
		return;
	json_decref(h->doc);
	free(h);
}

/* An optional string field: 0 ok (*out NULL when absent or null), -1 wrong type. */
static int opt_str(json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = json_string_value(v);
	return 0;
}

/* An optional count: 0 ok (0 when absent or null), -1 wrong type or negative. */
static int opt_count(json_t *o, const char *key, int64_t *out)
{
	json_t *v = json_object_get(o, key);
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v) && json_real_value(v) >= 0 && json_real_value(v) < 9e18) {
		*out = (int64_t)json_real_value(v);
		return 0;
	}
	return -1;
}

/* An id may be a string or an integer (some exports write numbers). */
static int id_str(json_t *o, const char *key, char *buf, size_t bufsz, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (json_is_integer(v)) {
		snprintf(buf, bufsz, "%lld", (long long)json_integer_value(v));
		*out = buf;
		return 0;
	}
	return opt_str(o, key, out);
}

int ingest_parse_jsonl(const char *line, size_t len, unsigned long lineno, unsigned long rec,
		       const struct ingest_options *o,
		       struct ingest_hold *h, struct mention *m, struct ingest_problem *p)
{
	enum lang lg = o->lang;
	json_decref(h->doc);
	json_error_t je;
	h->doc = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	memset(m, 0, sizeof(*m));
	if (!h->doc)
		return ingest_bad(p, lg, INGEST_R_SYNTAX, lineno, rec, "column %d: %s", je.column, je.text);
	json_t *d = h->doc;
	if (!json_is_object(d))
		return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s", "a record must be a JSON object");
	static const char *const str_keys[] = { "author", "lang", "url", "platform" };
	const char **str_out[] = { &m->author, &m->lang, &m->url, &m->platform };
	for (size_t i = 0; i < sizeof(str_keys) / sizeof(*str_keys); i++)
		if (opt_str(d, str_keys[i], str_out[i]) < 0)
			return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s: expected a string", str_keys[i]);
	if (id_str(d, "id", h->idbuf, sizeof(h->idbuf), &m->id) < 0)
		return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s: expected a string", "id");
	if (id_str(d, "reply_to", h->rbuf, sizeof(h->rbuf), &m->reply_to) < 0)
		return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s: expected a string", "reply_to");
	static const char *const count_keys[] = { "author_followers", "likes", "reposts", "replies" };
	int64_t *count_out[] = { &m->followers, &m->likes, &m->reposts, &m->replies };
	for (size_t i = 0; i < sizeof(count_keys) / sizeof(*count_keys); i++)
		if (opt_count(d, count_keys[i], count_out[i]) < 0)
			return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s: expected a count (an integer >= 0)",
					  count_keys[i]);
	json_t *t = json_object_get(d, "text");
	if (t && !json_is_string(t) && !json_is_null(t))
		return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s: expected a string", "text");
	if (!m->platform || !*m->platform)
		m->platform = o->platform;
	const char *missing = !m->id || !*m->id			       ? "id"
			      : !m->platform || !*m->platform	       ? "platform"
			      : !json_is_string(t) || !json_string_length(t) ? "text"
			      : !ingest_jstr(d, "created_at")		       ? "created_at"
									       : NULL;
	if (missing)
		return ingest_bad(p, lg, INGEST_R_MISSING, lineno, rec, "%s: required field is missing", missing);
	m->text = json_string_value(t);
	m->text_len = json_string_length(t);
	if (m->lang && !*m->lang)
		m->lang = NULL;
	return ingest_time(ingest_jstr(d, "created_at"), "created_at", lg, lineno, rec, &m->created_at, p);
}

/* ---- the reader ---- */

enum csv_field { CF_ID, CF_PLATFORM, CF_AUTHOR, CF_FOLLOWERS, CF_CREATED, CF_LANG, CF_TEXT, CF_URL, CF_REPLY,
		 CF_LIKES, CF_REPOSTS, CF_REPLIES, CF__COUNT };

static const char *const csv_field_names[CF__COUNT] = {
	"id", "platform", "author", "author_followers", "created_at", "lang", "text", "url", "reply_to",
	"likes", "reposts", "replies",
};

struct ingest_reader {
	enum ingest_format f;
	FILE *in;
	char *name;
	struct ingest_options o;
	unsigned long line;   /* lines fully read so far */
	unsigned long record; /* records handed out (good or bad) */
	struct strbuf buf;
	struct ingest_hold *hold;
	/* API documents */
	json_t *doc, *items, *users;
	size_t idx;
	unsigned long doc_line;
	struct ingest_scratch s;
	/* CSV */
	char *colmap[CF__COUNT]; /* column name for each field */
	int col[CF__COUNT];      /* column index or -1 */
	bool header_done;
	struct strbuf *cells; /* one per column of the current row */
	size_t ncells, cells_alloc;
	int pending; /* a character read ahead, or EOF-1 */
};

int ingest_open(struct ingest_reader **out, enum ingest_format f, FILE *in, const char *name,
		const struct ingest_options *o, struct err *e)
{
	struct ingest_reader *r = xcalloc(1, sizeof(*r));
	r->f = f;
	r->in = in;
	r->name = xstrdup(name ? name : "-");
	r->o = *o;
	r->hold = ingest_hold_new();
	r->pending = EOF - 1;
	strbuf_init(&r->buf, f == INGEST_JSONL || f == INGEST_CSV ? INGEST_LINE_CAP : INGEST_DOC_CAP);
	struct strbuf *sbs[] = { &r->s.text, &r->s.url, &r->s.id, &r->s.author, &r->s.reply };
	for (size_t i = 0; i < sizeof(sbs) / sizeof(*sbs); i++)
		strbuf_init(sbs[i], INGEST_LINE_CAP);
	for (int i = 0; i < CF__COUNT; i++) {
		r->colmap[i] = xstrdup(csv_field_names[i]);
		r->col[i] = -1;
	}
	if (f == INGEST_CSV && o->csv_map && *o->csv_map) {
		const char *p = o->csv_map;
		while (*p) {
			const char *end = p + strcspn(p, ",");
			const char *eq = memchr(p, '=', (size_t)(end - p));
			int field = -1;
			if (eq)
				for (int i = 0; i < CF__COUNT; i++)
					if (strlen(csv_field_names[i]) == (size_t)(eq - p) &&
					    !memcmp(p, csv_field_names[i], (size_t)(eq - p)))
						field = i;
			if (field < 0 || eq + 1 == end) {
				err_set(e, ERR_USAGE, "--map: '%.*s' is not FIELD=COLUMN with a known field", (int)(end - p), p);
				ingest_free(r);
				return ERR_USAGE;
			}
			free(r->colmap[field]);
			r->colmap[field] = xstrndup(eq + 1, (size_t)(end - eq - 1));
			p = *end ? end + 1 : end;
		}
	}
	*out = r;
	return 0;
}

void ingest_free(struct ingest_reader *r)
{
	if (!r)
		return;
	free(r->name);
	strbuf_release(&r->buf);
	ingest_hold_free(r->hold);
	json_decref(r->doc);
	struct strbuf *sbs[] = { &r->s.text, &r->s.url, &r->s.id, &r->s.author, &r->s.reply };
	for (size_t i = 0; i < sizeof(sbs) / sizeof(*sbs); i++)
		strbuf_release(sbs[i]);
	for (int i = 0; i < CF__COUNT; i++)
		free(r->colmap[i]);
	for (size_t i = 0; i < r->cells_alloc; i++)
		strbuf_release(&r->cells[i]);
	free(r->cells);
	free(r);
}

/* One line without its newline (and a trailing CR). 1 a line, 0 end, -1 over the cap. */
static int read_line(struct ingest_reader *r)
{
	strbuf_reset(&r->buf);
	int c, too_long = 0;
	bool any = false;
	while ((c = getc_unlocked(r->in)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (!too_long && strbuf_addch(&r->buf, c) < 0)
			too_long = 1;
	}
	if (!any)
		return 0;
	r->line++;
	if (r->buf.len && r->buf.buf[r->buf.len - 1] == '\r')
		r->buf.buf[--r->buf.len] = '\0';
	return too_long ? -1 : 1;
}

static int next_jsonl(struct ingest_reader *r, struct mention *m, struct ingest_problem *p)
{
	for (;;) {
		int k = read_line(r);
		if (k == 0)
			return INGEST_END;
		if (k > 0 && strspn(r->buf.buf, " \t") == r->buf.len)
			continue; /* blank lines are not records */
		r->record++;
		if (k < 0)
			return ingest_bad(p, r->o.lang, INGEST_R_TOO_LONG, r->line, r->record,
					  "longer than %u bytes", INGEST_LINE_CAP);
		return ingest_parse_jsonl(r->buf.buf, r->buf.len, r->line, r->record, &r->o, r->hold, m, p);
	}
}

/*
 * The next JSON document (object or array) of the stream into r->buf.
 * 1 a document (r->doc_line: its first line), 0 end, -1 over the cap (skipped),
 * -2 stray text before a document (the rest of that line is skipped).
 */
static int read_document(struct ingest_reader *r)
{
	strbuf_reset(&r->buf);
	int c;
	while ((c = getc_unlocked(r->in)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ','))
		if (c == '\n')
			r->line++;
	if (c == EOF)
		return 0;
	r->doc_line = r->line + 1;
	if (c != '{' && c != '[') {
		while (c != EOF && c != '\n')
			c = getc_unlocked(r->in);
		if (c == '\n')
			r->line++;
		return -2;
	}
	int depth = 0, too_long = 0;
	bool in_str = false, esc = false;
	for (; c != EOF; c = getc_unlocked(r->in)) {
		if (c == '\n')
			r->line++;
		if (!too_long && strbuf_addch(&r->buf, c) < 0)
			too_long = 1;
		if (in_str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"')
			in_str = true;
		else if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			break;
	}
	return too_long ? -1 : 1; /* an unterminated document fails in json_loadb */
}

static int next_api(struct ingest_reader *r, struct mention *m, struct ingest_problem *p)
{
	enum lang lg = r->o.lang;
	for (;;) {
		if (r->items && r->idx < json_array_size(r->items)) {
			json_t *item = json_array_get(r->items, r->idx++);
			r->record++;
			return ingest_api_convert(r->f, item, r->users, &r->o, &r->s, r->doc_line, r->record, m, p);
		}
		json_decref(r->doc);
		r->doc = r->items = r->users = NULL;
		r->idx = 0;
		int k = read_document(r);
		if (k == 0)
			return INGEST_END;
		if (k < 0) {
			r->record++;
			if (k == -1)
				return ingest_bad(p, lg, INGEST_R_TOO_LONG, r->doc_line, r->record,
						  "JSON document longer than %u bytes", INGEST_DOC_CAP);
			return ingest_bad(p, lg, INGEST_R_SYNTAX, r->doc_line, r->record, "%s",
					  "expected a JSON object or array");
		}
		json_error_t je;
		r->doc = json_loadb(r->buf.buf, r->buf.len, 0, &je);
		if (!r->doc) {
			r->record++;
			return ingest_bad(p, lg, INGEST_R_SYNTAX, r->doc_line + (unsigned long)(je.line > 0 ? je.line - 1 : 0),
					  r->record, "column %d: %s", je.column, je.text);
		}
		if (r->f == INGEST_X)
			r->users = json_object_get(json_object_get(r->doc, "includes"), "users");
		r->items = ingest_api_items(r->f, &r->doc);
		if (!r->items) {
			r->record++;
			return ingest_bad(p, lg, INGEST_R_TYPE, r->doc_line, r->record,
					  "not a %s document", ingest_format_name(r->f));
		}
	}
}

/* ---- CSV (RFC 4180: quoted fields may hold commas, quotes as "" and newlines) ---- */

static struct strbuf *cell(struct ingest_reader *r, size_t i)
{
	if (i >= r->cells_alloc) {
		size_t old = r->cells_alloc;
		ALLOC_GROW(r->cells, i + 1, r->cells_alloc);
		for (size_t j = old; j < r->cells_alloc; j++)
			strbuf_init(&r->cells[j], INGEST_LINE_CAP);
	}
	return &r->cells[i];
}

/* One CSV row into r->cells. 1 a row, 0 end, -1 over the cap, -2 a quote error. */
static int read_row(struct ingest_reader *r)
{
	r->ncells = 0;
	int c = getc_unlocked(r->in);
	if (c == EOF)
		return 0;
	size_t total = 0;
	int status = 1;
	struct strbuf *sb = cell(r, 0);
	strbuf_reset(sb);
	r->ncells = 1;
	bool quoted = false, after_quote = false;
	for (;; c = getc_unlocked(r->in)) {
		if (c == EOF) {
			if (quoted)
				status = -2;
			break;
		}
		if (quoted) {
			if (c == '"') {
				int d = getc_unlocked(r->in);
				if (d == '"') {
					c = '"';
				} else {
					quoted = false;
					after_quote = true;
					if (d == EOF)
						break;
					ungetc(d, r->in);
					continue;
				}
			}
			if (c == '\n')
				r->line++;
		} else if (c == ',') {
			if (r->ncells >= 4096) {
				status = -1;
				continue;
			}
			sb = cell(r, r->ncells++);
			strbuf_reset(sb);
			after_quote = false;
			continue;
		} else if (c == '\n') {
			break;
		} else if (c == '\r') {
			continue;
		} else if (c == '"' && sb->len == 0 && !after_quote) {
			quoted = true;
			continue;
		} else if (after_quote || c == '"') {
			status = status == 1 ? -2 : status;
		}
		if (++total > INGEST_LINE_CAP || strbuf_addch(sb, c) < 0)
			status = -1;
	}
	r->line++;
	return status;
}

static int csv_header(struct ingest_reader *r, struct err *e)
{
	int k;
	do
		k = read_row(r);
	while (k == 1 && r->ncells == 1 && r->cells[0].len == 0);
	if (k <= 0)
		return k == 0 ? 0 : err_set(e, ERR_DATA, "%s: line %lu: the header row cannot be read", r->name, r->line);
	for (size_t i = 0; i < r->ncells; i++)
		for (int f = 0; f < CF__COUNT; f++)
			if (r->col[f] < 0 && !strcmp(r->cells[i].buf, r->colmap[f]))
				r->col[f] = (int)i;
	static const enum csv_field required[] = { CF_ID, CF_TEXT, CF_CREATED };
	for (size_t i = 0; i < sizeof(required) / sizeof(*required); i++)
		if (r->col[required[i]] < 0)
			return err_set(e, ERR_DATA, "%s: line %lu: no column '%s' for the field %s (map it with --map %s=COLUMN)",
				       r->name, r->line, r->colmap[required[i]], csv_field_names[required[i]],
				       csv_field_names[required[i]]);
	r->header_done = true;
	return 1;
}

static const char *csv_get(struct ingest_reader *r, enum csv_field f)
{
	int c = r->col[f];
	return c >= 0 && (size_t)c < r->ncells && r->cells[c].len ? r->cells[c].buf : NULL;
}

static int next_csv(struct ingest_reader *r, struct mention *m, struct ingest_problem *p, struct err *e)
{
	enum lang lg = r->o.lang;
	if (!r->header_done) {
		int k = csv_header(r, e);
		if (k <= 0)
			return k;
	}
	for (;;) {
		unsigned long start = r->line + 1;
		int k = read_row(r);
		if (k == 0)
			return INGEST_END;
		if (k == 1 && r->ncells == 1 && r->cells[0].len == 0)
			continue;
		r->record++;
		if (k == -1)
			return ingest_bad(p, lg, INGEST_R_TOO_LONG, start, r->record, "longer than %u bytes", INGEST_LINE_CAP);
		if (k == -2)
			return ingest_bad(p, lg, INGEST_R_SYNTAX, start, r->record, "%s", "a quote is not closed or stands inside a field");
		memset(m, 0, sizeof(*m));
		m->id = csv_get(r, CF_ID);
		m->platform = csv_get(r, CF_PLATFORM);
		if (!m->platform)
			m->platform = r->o.platform;
		m->author = csv_get(r, CF_AUTHOR);
		m->lang = csv_get(r, CF_LANG);
		m->url = csv_get(r, CF_URL);
		m->reply_to = csv_get(r, CF_REPLY);
		m->text = csv_get(r, CF_TEXT);
		const char *created = csv_get(r, CF_CREATED);
		const char *missing = !m->id ? "id" : !m->platform ? "platform" : !m->text ? "text" : !created ? "created_at" : NULL;
		if (missing)
			return ingest_bad(p, lg, INGEST_R_MISSING, start, r->record, "%s: required field is missing", missing);
		m->text_len = strlen(m->text);
		static const enum csv_field counts[] = { CF_FOLLOWERS, CF_LIKES, CF_REPOSTS, CF_REPLIES };
		int64_t *outs[] = { &m->followers, &m->likes, &m->reposts, &m->replies };
		for (size_t i = 0; i < 4; i++) {
			const char *s = csv_get(r, counts[i]);
			if (!s)
				continue;
			char *end;
			errno = 0;
			long long v = strtoll(s, &end, 10);
			if (errno || *end || v < 0)
				return ingest_bad(p, lg, INGEST_R_TYPE, start, r->record, "%s: expected a count (an integer >= 0)",
						  csv_field_names[counts[i]]);
			*outs[i] = v;
		}
		return ingest_time(created, "created_at", lg, start, r->record, &m->created_at, p);
	}
}

int ingest_next(struct ingest_reader *r, struct mention *m, struct ingest_problem *p, struct err *e)
{
	int res;
	switch (r->f) {
	case INGEST_JSONL:
		res = next_jsonl(r, m, p);
		break;
	case INGEST_CSV:
		res = next_csv(r, m, p, e);
		break;
	default:
		res = next_api(r, m, p);
		break;
	}
	if (res >= 0 && ferror(r->in))
		return err_set(e, ERR_IO, "%s: %s", r->name, strerror(errno));
	return res;
}
