/*
 * ingest-api — Mastodon Status, Bluesky postView and X API v2 tweet entities
 * to mentions (see ingest.h), and Mastodon's HTML content to plain text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "listen/ingest-internal.h"

/* ---- HTML to text ---- */

static void put_utf8(struct strbuf *out, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(out, b, n);
}

/* The named references Mastodon and common HTML sanitisers emit. */
static const struct {
	const char *name;
	unsigned cp;
} entities[] = {
	{ "amp", '&' },	    { "lt", '<' },	{ "gt", '>' },	    { "quot", '"' },	{ "apos", '\'' },
	{ "nbsp", 0xA0 },   { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "euro", 0x20AC }, { "copy", 0xA9 },
};

/* Decode the reference at s[0] == '&'; returns the bytes consumed (0: not a reference). */
static size_t entity(const char *s, size_t n, struct strbuf *out)
{
	size_t semi = 1;
	while (semi < n && semi < 12 && s[semi] != ';')
		semi++;
	if (semi >= n || s[semi] != ';' || semi < 2)
		return 0;
	if (s[1] == '#') {
		unsigned long cp = 0;
		bool hex = semi > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t i = hex ? 3 : 2;
		if (i >= semi)
			return 0;
		for (; i < semi; i++) {
			int c = (unsigned char)s[i];
			if (hex ? !isxdigit(c) : !isdigit(c))
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)(isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
			if (cp > 0x10FFFF)
				cp = 0x110000;
		}
		put_utf8(out, cp);
		return semi + 1;
	}
	for (size_t i = 0; i < sizeof(entities) / sizeof(*entities); i++)
		if (strlen(entities[i].name) == semi - 1 && !memcmp(s + 1, entities[i].name, semi - 1)) {
			put_utf8(out, entities[i].cp);
			return semi + 1;
		}
	return 0;
}

/* The tag name at s (after '<' and an optional '/'), lower-cased into name. */
static void tag_name(const char *s, size_t n, char name[8])
{
	size_t i = 0;
	while (i < n && i < 7 && isalnum((unsigned char)s[i])) {
		name[i] = (char)tolower((unsigned char)s[i]);
		i++;
	}
	name[i] = '\0';
}

void ingest_html_to_text(const char *html, size_t len, struct strbuf *out)
{
	size_t start = out->len;
	for (size_t i = 0; i < len;) {
		char c = html[i];
		/* As in HTML, '<' opens a tag only before a letter, '/' or '!'. */
		if (c == '<' && i + 1 < len && (isalpha((unsigned char)html[i + 1]) || html[i + 1] == '/' || html[i + 1] == '!')) {
			const char *gt = memchr(html + i, '>', len - i);
			if (!gt) { /* a stray '<' is text */
				strbuf_addch(out, '<');
				i++;
				continue;
			}
			bool closing = i + 1 < len && html[i + 1] == '/';
			char name[8];
			size_t off = i + 1 + closing;
			tag_name(html + off, len - off, name);
			if (!strcmp(name, "br"))
				strbuf_addch(out, '\n');
			else if (closing && !strcmp(name, "p"))
				strbuf_addstr(out, "\n\n");
			else if (!closing && !strcmp(name, "p") && out->len > start && out->buf[out->len - 1] != '\n')
				strbuf_addstr(out, "\n\n");
			i = (size_t)(gt - html) + 1;
			continue;
		}
		if (c == '&') {
			size_t k = entity(html + i, len - i, out);
			if (k) {
				i += k;
				continue;
			}
		}
		strbuf_addch(out, c);
		i++;
	}
	/* Paragraph ends leave trailing newlines: trim them. */
	while (out->len > start && out->buf[out->len - 1] == '\n')
		out->buf[--out->len] = '\0';
}

/* ---- documents ---- */

json_t *ingest_api_items(enum ingest_format f, json_t **docp)
{
	json_t *doc = *docp;
	if (json_is_array(doc))
		return doc;
	if (!json_is_object(doc))
		return NULL;
	static const char *const keys[INGEST__COUNT][3] = {
		[INGEST_MASTODON] = { "statuses", NULL },
		[INGEST_BLUESKY] = { "posts", "feed", NULL },
		[INGEST_X] = { "data", NULL },
	};
	for (int i = 0; i < 3 && keys[f][i]; i++) {
		json_t *v = json_object_get(doc, keys[f][i]);
		if (json_is_array(v))
			return v;
		if (json_is_object(v)) { /* X: one tweet in data; a one-element page beside it */
			json_t *a = json_array();
			json_array_append(a, v);
			json_object_set_new(doc, " koers-items", a);
			return a;
		}
	}
	/* A single entity: the document becomes a one-element array. */
	static const char *const marker[INGEST__COUNT] = {
		[INGEST_MASTODON] = "content", [INGEST_BLUESKY] = "record", [INGEST_X] = "text",
	};
	if (marker[f] && json_object_get(doc, marker[f])) {
		json_t *a = json_array();
		json_array_append_new(a, doc);
		*docp = a;
		return a;
	}
	return NULL;
}

static int64_t jcount(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_integer(v) && json_integer_value(v) > 0)
		return json_integer_value(v);
	return 0;
}

/* Text must be valid UTF-8 once converted (jansson checked the JSON; entities may not). */
static int need(const char *v, const char *field, struct ingest_problem *p, enum lang lg, unsigned long line,
		unsigned long record)
{
	if (v && *v)
		return 0;
	ingest_bad(p, lg, INGEST_R_MISSING, line, record, "%s: required field is missing", field);
	return -1;
}

static int conv_mastodon(json_t *st, struct ingest_scratch *s, enum lang lg, unsigned long line, unsigned long rec,
			 struct mention *m, struct ingest_problem *p)
{
	json_t *rb = json_object_get(st, "reblog");
	if (json_is_object(rb)) /* a boost: the boosted status is the mention */
		st = rb;
	if (!json_is_object(st))
		return ingest_bad(p, lg, INGEST_R_TYPE, line, rec, "a status must be a JSON object");
	json_t *acct = json_object_get(st, "account");
	m->platform = "mastodon";
	m->id = ingest_jstr(st, "uri");
	if (!m->id)
		m->id = ingest_jstr(st, "id");
	const char *content = ingest_jstr(st, "content");
	const char *created = ingest_jstr(st, "created_at");
	if (need(m->id, "id", p, lg, line, rec) < 0 || need(created, "created_at", p, lg, line, rec) < 0)
		return INGEST_BAD;
	if (!content)
		return ingest_bad(p, lg, INGEST_R_MISSING, line, rec, "%s: required field is missing", "content");
	const char *spoiler = ingest_jstr(st, "spoiler_text");
	if (spoiler && *spoiler) {
		strbuf_addstr(&s->text, spoiler);
		strbuf_addstr(&s->text, "\n\n");
	}
	ingest_html_to_text(content, strlen(content), &s->text);
	if (!s->text.len)
		return ingest_bad(p, lg, INGEST_R_MISSING, line, rec, "%s: required field is missing", "content");
	m->text = s->text.buf;
	m->text_len = s->text.len;
	const char *a = ingest_jstr(acct, "acct");
	if (a) {
		strbuf_addch(&s->author, '@');
		strbuf_addstr(&s->author, a);
		m->author = s->author.buf;
	}
	m->followers = jcount(acct, "followers_count");
	m->lang = ingest_jstr(st, "language");
	m->url = ingest_jstr(st, "url");
	if (!m->url)
		m->url = ingest_jstr(st, "uri");
	m->reply_to = ingest_jstr(st, "in_reply_to_id");
	m->likes = jcount(st, "favourites_count");
	m->reposts = jcount(st, "reblogs_count");
	m->replies = jcount(st, "replies_count");
	return ingest_time(created, "created_at", lg, line, rec, &m->created_at, p);
}

static int conv_bluesky(json_t *pv, struct ingest_scratch *s, enum lang lg, unsigned long line, unsigned long rec,
			struct mention *m, struct ingest_problem *p)
{
	if (json_is_object(pv) && json_is_object(json_object_get(pv, "post"))) /* a feedViewPost */
		pv = json_object_get(pv, "post");
	if (!json_is_object(pv))
		return ingest_bad(p, lg, INGEST_R_TYPE, line, rec, "a post must be a JSON object");
	json_t *rec_ = json_object_get(pv, "record");
	json_t *author = json_object_get(pv, "author");
	m->platform = "bluesky";
	m->id = ingest_jstr(pv, "uri");
	const char *text = ingest_jstr(rec_, "text");
	const char *created = ingest_jstr(rec_, "createdAt");
	if (!created)
		created = ingest_jstr(pv, "indexedAt");
	if (need(m->id, "uri", p, lg, line, rec) < 0 || need(text, "record.text", p, lg, line, rec) < 0 ||
	    need(created, "record.createdAt", p, lg, line, rec) < 0)
		return INGEST_BAD;
	m->text = text;
	m->text_len = strlen(text);
	const char *handle = ingest_jstr(author, "handle");
	if (handle) {
		strbuf_addch(&s->author, '@');
		strbuf_addstr(&s->author, handle);
		m->author = s->author.buf;
		/* at://DID/app.bsky.feed.post/RKEY -> https://bsky.app/profile/HANDLE/post/RKEY */
		const char *rkey = strrchr(m->id, '/');
		if (rkey && !strncmp(m->id, "at://", 5) && strstr(m->id, "/app.bsky.feed.post/")) {
			strbuf_addf(&s->url, "https://bsky.app/profile/%s/post/%s", handle, rkey + 1);
			m->url = s->url.buf;
		}
	}
	m->followers = jcount(author, "followersCount");
	json_t *langs = json_object_get(rec_, "langs");
	if (json_is_array(langs) && json_is_string(json_array_get(langs, 0)))
		m->lang = json_string_value(json_array_get(langs, 0));
	m->reply_to = ingest_jstr(json_object_get(json_object_get(rec_, "reply"), "parent"), "uri");
	m->likes = jcount(pv, "likeCount");
	m->reposts = jcount(pv, "repostCount") + jcount(pv, "quoteCount");
	m->replies = jcount(pv, "replyCount");
	return ingest_time(created, "record.createdAt", lg, line, rec, &m->created_at, p);
}

/*
 * X escapes '&', '<' and '>' in a post's text (&amp; &lt; &gt;) and nothing
 * else: undo exactly those, so that what the author typed, "&eacute;" or
 * "&amp;" itself, stays as typed. Returns t itself when it has no '&'.
 */
static const char *x_unescape(const char *t, struct strbuf *out)
{
	static const struct {
		const char *ref;
		char c;
	} refs[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' } };
	const char *amp = strchr(t, '&');
	if (!amp)
		return t;
	strbuf_add(out, t, (size_t)(amp - t));
	const size_t nrefs = sizeof(refs) / sizeof(*refs);
	for (const char *p = amp; *p;) {
		size_t k = 0;
		while (k < nrefs && strncmp(p, refs[k].ref, strlen(refs[k].ref)))
			k++;
		if (k < nrefs) {
			strbuf_addch(out, refs[k].c);
			p += strlen(refs[k].ref);
		} else {
			strbuf_addch(out, *p++);
		}
	}
	return out->buf;
}

/* The object with "id" equal to id in the array of X's expansions includes[key]; NULL when none. */
static json_t *x_expansion(json_t *includes, const char *key, const char *id)
{
	size_t i;
	json_t *o;
	if (id)
		json_array_foreach(json_object_get(includes, key), i, o) {
			const char *oid = ingest_jstr(o, "id");
			if (oid && !strcmp(oid, id))
				return o;
		}
	return NULL;
}

/* A post's text: a long post's note_tweet.text, else its text. */
static const char *x_text(json_t *tw)
{
	const char *text = ingest_jstr(json_object_get(tw, "note_tweet"), "text");
	return text ? text : ingest_jstr(tw, "text");
}

static int conv_x(json_t *tw, json_t *includes, struct ingest_scratch *s, enum lang lg, unsigned long line,
		  unsigned long rec, struct mention *m, struct ingest_problem *p)
{
	if (!json_is_object(tw))
		return ingest_bad(p, lg, INGEST_R_TYPE, line, rec, "a tweet must be a JSON object");
	m->platform = "x";
	m->id = ingest_jstr(tw, "id");
	const char *text = x_text(tw);
	const char *created = ingest_jstr(tw, "created_at");
	if (need(m->id, "id", p, lg, line, rec) < 0 || need(text, "text", p, lg, line, rec) < 0 ||
	    need(created, "created_at", p, lg, line, rec) < 0)
		return INGEST_BAD;
	json_t *refs = json_object_get(tw, "referenced_tweets"), *u;
	size_t i;
	json_array_foreach(refs, i, u) {
		const char *type = ingest_jstr(u, "type");
		if (type && !strcmp(type, "replied_to"))
			m->reply_to = ingest_jstr(u, "id");
		/*
		 * A repost's text is "RT @name: " and the original cut to about
		 * 140 characters; the original in the expansions has all of it.
		 */
		const char *colon, *full;
		if (type && !strcmp(type, "retweeted") && !strncmp(text, "RT @", 4) && (colon = strstr(text, ": ")) &&
		    (full = x_text(x_expansion(includes, "tweets", ingest_jstr(u, "id"))))) {
			strbuf_add(&s->repost, text, (size_t)(colon - text) + 2);
			strbuf_addstr(&s->repost, full);
			text = s->repost.buf;
		}
	}
	m->text = x_unescape(text, &s->text);
	m->text_len = strlen(m->text);
	json_t *user = x_expansion(includes, "users", ingest_jstr(tw, "author_id"));
	const char *username = ingest_jstr(user, "username");
	if (username) {
		strbuf_addch(&s->author, '@');
		strbuf_addstr(&s->author, username);
		m->author = s->author.buf;
		strbuf_addf(&s->url, "https://x.com/%s/status/%s", username, m->id);
	} else {
		strbuf_addf(&s->url, "https://x.com/i/web/status/%s", m->id);
	}
	m->url = s->url.buf;
	m->followers = jcount(json_object_get(user, "public_metrics"), "followers_count");
	const char *lang = ingest_jstr(tw, "lang");
	m->lang = lang && strcmp(lang, "und") && strcmp(lang, "zxx") && strcmp(lang, "qme") ? lang : NULL;
	json_t *pm = json_object_get(tw, "public_metrics");
	m->likes = jcount(pm, "like_count");
	m->reposts = jcount(pm, "retweet_count") + jcount(pm, "quote_count");
	m->replies = jcount(pm, "reply_count");
	return ingest_time(created, "created_at", lg, line, rec, &m->created_at, p);
}

int ingest_api_convert(enum ingest_format f, json_t *item, json_t *includes, const struct ingest_options *o,
		       struct ingest_scratch *s, unsigned long line, unsigned long record, struct mention *m,
		       struct ingest_problem *p)
{
	memset(m, 0, sizeof(*m));
	struct strbuf *sbs[] = { &s->text, &s->url, &s->author, &s->repost };
	for (size_t i = 0; i < sizeof(sbs) / sizeof(*sbs); i++)
		strbuf_reset(sbs[i]);
	switch (f) {
	case INGEST_MASTODON:
		return conv_mastodon(item, s, o->lang, line, record, m, p);
	case INGEST_BLUESKY:
		return conv_bluesky(item, s, o->lang, line, record, m, p);
	case INGEST_X:
		return conv_x(item, includes, s, o->lang, line, record, m, p);
	default:
		return ingest_bad(p, o->lang, INGEST_R_TYPE, line, record, "not an API format");
	}
}
