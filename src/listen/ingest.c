/*
 * ingest — the reader framework, koers' JSON lines and CSV (see ingest.h).
 * The API formats' entity conversion lives in ingest-api.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
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

/*
 * A koers record is a flat object, so most lines take a fast path: a small
 * scanner for flat objects of strings, integers, null and booleans. Anything
 * it is not sure about (nesting, reals, escapes it cannot decode, invalid
 * UTF-8, duplicate keys, syntax errors) goes to jansson, which is the
 * authority on what the line means and words the error messages. Both fill
 * the same field table, so the record is built by one function either way
 * (tests/unit/listen/ingest.c and the fuzz target check they agree).
 */
enum jf { JF_ID, JF_PLATFORM, JF_AUTHOR, JF_FOLLOWERS, JF_CREATED, JF_LANG, JF_TEXT, JF_URL, JF_REPLY, JF_LIKES,
	  JF_REPOSTS, JF_REPLIES, JF__COUNT };

static const char *const jf_names[JF__COUNT] = {
	"id", "platform", "author", "author_followers", "created_at", "lang", "text", "url", "reply_to",
	"likes", "reposts", "replies",
};

static const size_t jf_lens[JF__COUNT] = { 2, 8, 6, 16, 10, 4, 4, 3, 8, 5, 7, 7 };

enum fv_type { FV_ABSENT, FV_NULL, FV_STR, FV_INT, FV_REAL, FV_OTHER };

struct fieldv {
	enum fv_type t;
	const char *s; /* FV_STR: NUL-terminated, n bytes */
	size_t n;
	int64_t i;
	double d;
};

struct ingest_hold {
	json_t *doc;
	char *buf; /* decoded strings of the fast path */
	size_t alloc;
	char idbuf[32], rbuf[32];
	bool fast_only, slow_only; /* for tests: force one path */
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
	free(h->buf);
	free(h);
}

void ingest_hold_force(struct ingest_hold *h, int path)
{
	h->fast_only = path > 0;
	h->slow_only = path < 0;
}

static void skip_ws(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r'))
		(*p)++;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool hex4(const char *p, const char *end, unsigned *out)
{
	if (end - p < 4)
		return false;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval((unsigned char)p[i]);
		if (h < 0)
			return false;
		v = v << 4 | (unsigned)h;
	}
	*out = v;
	return true;
}

/* Length of the valid UTF-8 sequence at p (strict: no overlongs, surrogates or > U+10FFFF), 0 if invalid. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (!n || c > 0xF4 || (size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if (n == 3 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)))
		return 0;
	if (n == 4 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)))
		return 0;
	return n;
}

/* A string at *p (on the opening quote) decoded into out; false: let jansson judge. */
/* The length of the run of bytes at p that a JSON string copies as they are:
 * printable ASCII other than '"' and '\\'. Eight bytes at a time: most text is
 * such a run, and this loop is the hottest of the whole ingest. */
static size_t plain_run(const char *p, const char *end)
{
	const char *s = p;
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	while (end - p >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		uint64_t quote = w ^ (ones * '"'), bslash = w ^ (ones * '\\');
		/* A high bit in any term marks a byte that may end the run (>= 0x80, < 0x20,
		 * '"' or '\\'); a borrow can only add false alarms, which the byte loop sorts out. */
		if ((w | (w - ones * 0x20) | (quote - ones) | (bslash - ones)) & highs)
			break;
		p += 8;
	}
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
		p++;
	}
	return (size_t)(p - s);
}

static bool fast_string(const char **pp, const char *end, char **out, size_t *n)
{
	const char *p = *pp + 1;
	char *o = *out, *start = o;
	while (p < end) {
		size_t run = plain_run(p, end);
		memcpy(o, p, run);
		o += run;
		p += run;
		if (p >= end)
			break;
		unsigned char c = (unsigned char)*p;
		if (c == '"') {
			*o++ = '\0';
			*n = (size_t)(o - start - 1);
			*out = o;
			*pp = p + 1;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (++p >= end)
				return false;
			static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
			const char *k = memchr(esc_in, *p, sizeof(esc_in) - 1);
			if (k) {
				*o++ = esc_out[k - esc_in];
				p++;
				continue;
			}
			unsigned cp;
			if (*p != 'u' || !hex4(p + 1, end, &cp) || cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
				return false;
			p += 5;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				unsigned lo;
				if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					return false;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			}
			if (cp < 0x80) {
				*o++ = (char)cp;
			} else if (cp < 0x800) {
				*o++ = (char)(0xC0 | (cp >> 6));
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				*o++ = (char)(0xE0 | (cp >> 12));
				*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*o++ = (char)(0xF0 | (cp >> 18));
				*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
				*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			}
			continue;
		}
		size_t k = utf8_len((const unsigned char *)p, (const unsigned char *)end);
		if (!k)
			return false;
		memcpy(o, p, k);
		o += k;
		p += k;
	}
	return false;
}

/* The fast path: true with f[] filled, or false (nothing decided). */
static bool fast_flat(struct ingest_hold *h, const char *line, size_t len, struct fieldv *f)
{
	if (h->alloc < len + 1)
		ALLOC_GROW(h->buf, len + 1, h->alloc);
	char *out = h->buf;
	const char *p = line, *end = line + len;
	const char *unknown[8];
	size_t unknown_n[8], nunknown = 0;
	skip_ws(&p, end);
	if (p >= end || *p != '{')
		return false;
	p++;
	skip_ws(&p, end);
	bool first = true;
	for (;;) {
		if (p < end && *p == '}' && first) {
			p++;
			break;
		}
		if (p >= end || *p != '"')
			return false;
		/* Keys of koers records need no escapes; a key with one goes the slow way. */
		const char *k = p + 1, *q = memchr(k, '"', (size_t)(end - k));
		if (!q || memchr(k, '\\', (size_t)(q - k)))
			return false;
		for (const char *c = k; c < q; c++)
			if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x80)
				return false;
		size_t kn = (size_t)(q - k);
		p = q + 1;
		skip_ws(&p, end);
		if (p >= end || *p != ':')
			return false;
		p++;
		skip_ws(&p, end);
		int field = -1;
		for (int i = 0; i < JF__COUNT && field < 0; i++)
			if (jf_names[i][0] == k[0] && jf_lens[i] == kn && !memcmp(jf_names[i], k, kn))
				field = i;
		if (field < 0) {
			for (size_t i = 0; i < nunknown; i++)
				if (unknown_n[i] == kn && !memcmp(unknown[i], k, kn))
					return false;
			if (nunknown == 8)
				return false;
			unknown[nunknown] = k;
			unknown_n[nunknown++] = kn;
		} else if (f[field].t != FV_ABSENT) {
			return false; /* duplicate: jansson words the error */
		}
		struct fieldv v = { FV_OTHER, NULL, 0, 0, 0 };
		if (p >= end)
			return false;
		if (*p == '"') {
			v.t = FV_STR;
			v.s = out;
			if (!fast_string(&p, end, &out, &v.n))
				return false;
		} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
			const char *s = p;
			bool neg = *p == '-';
			if (neg)
				p++;
			if (p >= end || *p < '0' || *p > '9' || (*p == '0' && p + 1 < end && p[1] >= '0' && p[1] <= '9'))
				return false;
			int64_t x = 0;
			while (p < end && *p >= '0' && *p <= '9') {
				if (p - s > 17)
					return false;
				x = x * 10 + (*p++ - '0');
			}
			if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
				return false;
			v.t = FV_INT;
			v.i = neg ? -x : x;
		} else if (end - p >= 4 && !memcmp(p, "null", 4)) {
			v.t = FV_NULL;
			p += 4;
		} else if (end - p >= 4 && !memcmp(p, "true", 4)) {
			p += 4;
		} else if (end - p >= 5 && !memcmp(p, "false", 5)) {
			p += 5;
		} else {
			return false; /* nested values, or not JSON */
		}
		if (field >= 0)
			f[field] = v;
		first = false;
		skip_ws(&p, end);
		if (p < end && *p == ',') {
			p++;
			skip_ws(&p, end);
			continue;
		}
		if (p < end && *p == '}') {
			p++;
			break;
		}
		return false;
	}
	skip_ws(&p, end);
	return p == end;
}

/* The slow path: jansson. 0 with f[] filled; INGEST_BAD for what is not a JSON object. */
static int slow_json(struct ingest_hold *h, const char *line, size_t len, struct fieldv *f, enum lang lg,
		     unsigned long lineno, unsigned long rec, struct ingest_problem *p)
{
	json_error_t je;
	h->doc = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (!h->doc)
		return ingest_bad(p, lg, INGEST_R_SYNTAX, lineno, rec, "column %d: %s", je.column, je.text);
	if (!json_is_object(h->doc))
		return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "a record must be a JSON object");
	for (int i = 0; i < JF__COUNT; i++) {
		json_t *v = json_object_get(h->doc, jf_names[i]);
		struct fieldv *x = &f[i];
		if (!v)
			x->t = FV_ABSENT;
		else if (json_is_null(v))
			x->t = FV_NULL;
		else if (json_is_string(v))
			*x = (struct fieldv){ FV_STR, json_string_value(v), json_string_length(v), 0, 0 };
		else if (json_is_integer(v))
			*x = (struct fieldv){ FV_INT, NULL, 0, json_integer_value(v), 0 };
		else if (json_is_real(v))
			*x = (struct fieldv){ FV_REAL, NULL, 0, 0, json_real_value(v) };
		else
			x->t = FV_OTHER;
	}
	return 0;
}

/* An optional string: 0 (NULL when absent or null) or -1 for another type.
 * Ids may also be integers (some exports write numbers). */
static int f_str(const struct fieldv *v, const char **out, char *buf, size_t bufsz)
{
	*out = NULL;
	if (v->t == FV_ABSENT || v->t == FV_NULL)
		return 0;
	if (v->t == FV_STR) {
		*out = v->s;
		return 0;
	}
	if (buf && v->t == FV_INT) {
		snprintf(buf, bufsz, "%lld", (long long)v->i);
		*out = buf;
		return 0;
	}
	return -1;
}

static int f_count(const struct fieldv *v, int64_t *out)
{
	*out = 0;
	if (v->t == FV_ABSENT || v->t == FV_NULL)
		return 0;
	if (v->t == FV_INT && v->i >= 0) {
		*out = v->i;
		return 0;
	}
	if (v->t == FV_REAL && v->d >= 0 && v->d < 9e18) {
		*out = (int64_t)v->d;
		return 0;
	}
	return -1;
}

int ingest_parse_jsonl(const char *line, size_t len, unsigned long lineno, unsigned long rec,
		       const struct ingest_options *o, struct ingest_hold *h, struct mention *m, struct ingest_problem *p)
{
	enum lang lg = o->lang;
	json_decref(h->doc);
	h->doc = NULL;
	memset(m, 0, sizeof(*m));
	struct fieldv f[JF__COUNT];
	memset(f, 0, sizeof(f));
	if (h->slow_only || !fast_flat(h, line, len, f)) {
		if (h->fast_only)
			return ingest_bad(p, lg, INGEST_R_SYNTAX, lineno, rec, "not on the fast path");
		memset(f, 0, sizeof(f));
		int r = slow_json(h, line, len, f, lg, lineno, rec, p);
		if (r)
			return r;
	}
	static const enum jf str_keys[] = { JF_AUTHOR, JF_LANG, JF_URL, JF_PLATFORM, JF_ID, JF_REPLY, JF_TEXT, JF_CREATED };
	const char *created;
	const char **str_out[] = { &m->author, &m->lang, &m->url, &m->platform, &m->id, &m->reply_to, &m->text, &created };
	for (size_t i = 0; i < sizeof(str_keys) / sizeof(*str_keys); i++) {
		enum jf k = str_keys[i];
		char *buf = k == JF_ID ? h->idbuf : k == JF_REPLY ? h->rbuf : NULL;
		if (f_str(&f[k], str_out[i], buf, sizeof(h->idbuf)) < 0)
			return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s: expected a string", jf_names[k]);
	}
	static const enum jf count_keys[] = { JF_FOLLOWERS, JF_LIKES, JF_REPOSTS, JF_REPLIES };
	int64_t *count_out[] = { &m->followers, &m->likes, &m->reposts, &m->replies };
	for (size_t i = 0; i < sizeof(count_keys) / sizeof(*count_keys); i++)
		if (f_count(&f[count_keys[i]], count_out[i]) < 0)
			return ingest_bad(p, lg, INGEST_R_TYPE, lineno, rec, "%s: expected a count (an integer >= 0)",
					  jf_names[count_keys[i]]);
	if (!m->platform || !*m->platform)
		m->platform = o->platform;
	const char *missing = !m->id || !*m->id		  ? "id"
			      : !m->platform || !*m->platform ? "platform"
			      : !m->text || !f[JF_TEXT].n	  ? "text"
			      : !created			  ? "created_at"
							  : NULL;
	if (missing)
		return ingest_bad(p, lg, INGEST_R_MISSING, lineno, rec, "%s: required field is missing", missing);
	m->text_len = f[JF_TEXT].n;
	if (m->lang && !*m->lang)
		m->lang = NULL;
	return ingest_time(created, "created_at", lg, lineno, rec, &m->created_at, p);
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
	json_t *doc, *items, *includes;
	size_t idx;
	unsigned long doc_line;
	struct ingest_scratch s;
	/* CSV */
	char *colmap[CF__COUNT]; /* column name for each field */
	int col[CF__COUNT];      /* column index or -1 */
	bool header_done;
	struct csv_reader *csv;
	struct csv_record row; /* the current record */
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
	strbuf_init(&r->buf, f == INGEST_JSONL || f == INGEST_CSV ? INGEST_LINE_CAP : INGEST_DOC_CAP);
	struct strbuf *sbs[] = { &r->s.text, &r->s.url, &r->s.author, &r->s.repost };
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
	struct strbuf *sbs[] = { &r->s.text, &r->s.url, &r->s.author, &r->s.repost };
	for (size_t i = 0; i < sizeof(sbs) / sizeof(*sbs); i++)
		strbuf_release(sbs[i]);
	for (int i = 0; i < CF__COUNT; i++)
		free(r->colmap[i]);
	csv_reader_free(r->csv);
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
			return ingest_api_convert(r->f, item, r->includes, &r->o, &r->s, r->doc_line, r->record, m, p);
		}
		json_decref(r->doc);
		r->doc = r->items = r->includes = NULL;
		r->idx = 0;
		int k = read_document(r);
		if (k == 0)
			return INGEST_END;
		if (k < 0) {
			r->record++;
			if (k == -1)
				return ingest_bad(p, lg, INGEST_R_TOO_LONG, r->doc_line, r->record,
						  "JSON document longer than %u bytes", INGEST_DOC_CAP);
			return ingest_bad(p, lg, INGEST_R_SYNTAX, r->doc_line, r->record,
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
			r->includes = json_object_get(r->doc, "includes");
		r->items = ingest_api_items(r->f, &r->doc);
		if (!r->items) {
			r->record++;
			return ingest_bad(p, lg, INGEST_R_TYPE, r->doc_line, r->record,
					  "not a %s document", ingest_format_name(r->f));
		}
	}
}

/* ---- CSV (base/csv reads the records; here they become mentions) ---- */

/* The next record that is not a blank line: CSV_RECORD, CSV_BAD (*bad) or CSV_END. */
static int csv_row(struct ingest_reader *r, struct csv_problem *bad)
{
	if (!r->csv)
		r->csv = csv_reader_stream(r->in, r->name);
	int k;
	while ((k = csv_next(r->csv, &r->row, bad)) == CSV_RECORD && r->row.n == 1 && !r->row.fields[0][0])
		;
	return k;
}

static int csv_header(struct ingest_reader *r, struct err *e)
{
	struct csv_problem bad;
	int k = csv_row(r, &bad);
	if (k == CSV_END)
		return 0;
	if (k == CSV_BAD)
		return err_set(e, ERR_DATA, "%s: line %u: the header row cannot be read", r->name, bad.line);
	for (size_t i = 0; i < r->row.n; i++)
		for (int f = 0; f < CF__COUNT; f++)
			if (r->col[f] < 0 && !strcmp(r->row.fields[i], r->colmap[f]))
				r->col[f] = (int)i;
	static const enum csv_field required[] = { CF_ID, CF_TEXT, CF_CREATED };
	for (size_t i = 0; i < sizeof(required) / sizeof(*required); i++)
		if (r->col[required[i]] < 0)
			return err_set(e, ERR_DATA, "%s: line %u: no column '%s' for the field %s (map it with --map %s=COLUMN)",
				       r->name, r->row.line, r->colmap[required[i]], csv_field_names[required[i]],
				       csv_field_names[required[i]]);
	r->header_done = true;
	return 1;
}

static const char *csv_get(struct ingest_reader *r, enum csv_field f)
{
	int c = r->col[f];
	return c >= 0 && (size_t)c < r->row.n && r->row.fields[c][0] ? r->row.fields[c] : NULL;
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
		struct csv_problem bad;
		int k = csv_row(r, &bad);
		if (k == CSV_END)
			return INGEST_END;
		r->record++;
		if (k == CSV_BAD)
			return ingest_bad(p, lg, bad.too_long ? INGEST_R_TOO_LONG : INGEST_R_SYNTAX, bad.line, r->record,
					  "column %u: %s", bad.column, tr(lg, bad.why));
		unsigned long start = r->row.line;
		/* Text must be UTF-8 without NUL bytes, as JSON text is. */
		for (size_t i = 0; i < r->row.n; i++) {
			const unsigned char *c = (const unsigned char *)r->row.fields[i], *end = c + strlen(r->row.fields[i]);
			size_t step = 1;
			while (c < end && *c && (step = utf8_len(c, end)) > 0)
				c += step;
			if (c < end)
				return ingest_bad(p, lg, INGEST_R_ENCODING, start, r->record,
						  "column %zu: not UTF-8 text (or a NUL byte)", i + 1);
		}
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
