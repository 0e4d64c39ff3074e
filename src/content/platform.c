/* platform — per-platform text rules; see platform.h. */
#include "content/platform.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/i18n.h"
#include "base/xalloc.h"

/* Limits as each platform documents them (2025); `limit` may be overridden per channel. */
const struct platform platforms[] = {
	{ "x", "X", PLATFORM_WEIGHTED, 280, 0, 0, true, N_("weighted characters") },
	{ "bluesky", "Bluesky", PLATFORM_GRAPHEMES, 300, 3000, 0, true, N_("graphemes") },
	{ "mastodon", "Mastodon", PLATFORM_MASTODON, 500, 0, 0, true, N_("characters") },
	{ "threads", "Threads", PLATFORM_CODEPOINTS, 500, 0, 0, true, N_("characters") },
	{ "linkedin", "LinkedIn", PLATFORM_CODEPOINTS, 3000, 0, 0, true, N_("characters") },
	{ "instagram", "Instagram", PLATFORM_CODEPOINTS, 2200, 0, 30, false, N_("characters") },
	{ "facebook", "Facebook", PLATFORM_CODEPOINTS, 63206, 0, 0, true, N_("characters") },
	{ NULL, NULL, 0, 0, 0, 0, false, NULL },
};

const struct platform *platform_find(const char *name)
{
	for (const struct platform *p = platforms; p->name; p++)
		if (!strcasecmp(p->name, name))
			return p;
	return NULL;
}

void platform_report_release(struct platform_report *r)
{
	for (size_t i = 0; i < r->nproblems; i++)
		free(r->problems[i].message);
	free(r->problems);
	facets_release(&r->facets);
	memset(r, 0, sizeof(*r));
}

static size_t utf16_at(const char *s, size_t pos)
{
	return text_utf16_len(s, pos);
}

static void problem(struct platform_report *r, const char *s, const char *code, enum platform_severity sev,
		    size_t offset, enum lang lang, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void problem(struct platform_report *r, const char *s, const char *code, enum platform_severity sev,
		    size_t offset, enum lang lang, const char *fmt, ...)
{
	ALLOC_GROW(r->problems, r->nproblems + 1, r->alloc);
	struct platform_problem *p = &r->problems[r->nproblems++];
	va_list ap;
	va_start(ap, fmt);
	char buf[512];
	vsnprintf(buf, sizeof(buf), tr(lang, fmt), ap);
	va_end(ap);
	*p = (struct platform_problem){ .code = code, .severity = sev, .message = xstrdup(buf),
					.offset = offset, .offset16 = utf16_at(s, offset) };
	text_position(s, offset, &p->line, &p->column);
	if (sev == PLATFORM_ERROR)
		r->valid = false;
}

static bool mastodon_word(const char *s, size_t n, size_t i, size_t *len)
{
	int32_t cp;
	utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	*len = l > 0 ? (size_t)l : 1;
	if (l <= 0)
		return false;
	if (cp == '_')
		return true;
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) || c == UTF8PROC_CATEGORY_ND ||
	       c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO || c == UTF8PROC_CATEGORY_PC;
}

static bool ascii_user(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Mastodon's MENTION_RE: (?<![=/[:word:]])@(user(?:@[[:word:].-]+[[:word:]]+)?)
 * with user = [a-z0-9_]+([.-]+[a-z0-9_]+)*. Each remote mention becomes an
 * entity over its "@domain" part, the part Mastodon does not count.
 */
static void mastodon_mentions(const char *s, size_t n, struct text_entities *es)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '@')
			continue;
		if (i > 0) {
			size_t p = i - 1, l;
			while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
				p--;
			if (s[p] == '=' || s[p] == '/' || mastodon_word(s, n, p, &l))
				continue;
		}
		size_t j = i + 1;
		while (j < n && ascii_user(s[j]))
			j++;
		if (j == i + 1)
			continue;
		for (;;) { /* ([.-]+[a-z0-9_]+)* */
			size_t k = j;
			while (k < n && (s[k] == '.' || s[k] == '-'))
				k++;
			if (k == j || k >= n || !ascii_user(s[k]))
				break;
			while (k < n && ascii_user(s[k]))
				k++;
			j = k;
		}
		if (j >= n || s[j] != '@')
			continue;
		/* the domain: the longest run of [\w.-] ending in a word character */
		size_t d = j + 1, end = d, last_word = 0, l;
		while (end < n) {
			if (s[end] == '.' || s[end] == '-')
				end++;
			else if (mastodon_word(s, n, end, &l))
				end += l, last_word = end;
			else
				break;
		}
		if (last_word == 0 || text_codepoints(s + d, last_word - d) < 2)
			continue; /* [\w.-]+\w needs two characters */
		ALLOC_GROW(es->v, es->n + 1, es->alloc);
		es->v[es->n++] = (struct text_entity){ .kind = TEXT_MENTION, .text = xstrndup(s + j, last_word - j),
						       .start = i, .end = last_word };
		es->v[es->n - 1].start16 = j; /* where the uncounted part starts */
		i = last_word - 1;
	}
}

/* Mastodon's length, and in *over the byte offset where it passes `limit`. */
static size_t mastodon_measure(const struct text_matcher *m, const char *s, size_t n, size_t limit, size_t *over)
{
	struct text_entities es = { 0 };
	struct err e = { 0 };
	*over = n;
	if (text_extract(m, s, n, TEXT_URLS | TEXT_URLS_NEED_PROTOCOL, &es, &e) < 0)
		return text_codepoints(s, n);
	mastodon_mentions(s, n, &es);
	text_entities_remove_overlaps(&es, 0);
	size_t len = 0, k = 0;
	for (size_t i = 0; i < n;) {
		size_t next, add;
		if (k < es.n && es.v[k].start == i && es.v[k].kind == TEXT_URL) {
			next = es.v[k++].end, add = 23;
		} else if (k < es.n && es.v[k].start16 == i && es.v[k].kind == TEXT_MENTION) {
			next = es.v[k++].end, add = 0; /* start16 holds where "@domain" starts */
		} else {
			next = i + 1;
			while (next < n && ((unsigned char)s[next] & 0xC0) == 0x80)
				next++;
			add = 1;
		}
		len += add;
		if (len > limit && *over == n)
			*over = i;
		i = next;
	}
	text_entities_release(&es);
	return len;
}

size_t platform_mastodon_length(const struct text_matcher *m, const char *s, size_t n)
{
	size_t over;
	return mastodon_measure(m, s, n, (size_t)-1, &over);
}

/* The byte offset just past the first `count` units of the platform's kind. */
static size_t offset_after(const char *s, size_t n, enum platform_count kind, size_t count)
{
	size_t i = 0;
	for (size_t k = 0; k < count && i < n; k++) {
		if (kind == PLATFORM_GRAPHEMES)
			i = text_grapheme_end(s, n, i);
		else
			do
				i++;
			while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80);
	}
	return i;
}

int platform_check(const struct text_matcher *m, const struct platform *p, size_t limit,
		   const struct text_tt_config *tt, const char *s, size_t n, enum lang lang,
		   struct platform_report *r, struct err *e)
{
	memset(r, 0, sizeof(*r));
	size_t bad = text_utf8_check(s, n);
	if (bad < n)
		return err_set(e, ERR_DATA, "invalid UTF-8 at byte %zu", bad);
	r->platform = p;
	r->limit = limit ? limit : p->limit;
	r->valid = true;
	r->bytes = n;
	r->graphemes = text_graphemes(s, n);
	r->codepoints = text_codepoints(s, n);

	struct text_entities es = { 0 };
	int rc = text_extract(m, s, n, TEXT_ALL, &es, e);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < es.n; i++)
		r->hashtags += es.v[i].kind == TEXT_HASHTAG;

	if (n == 0)
		problem(r, s, "empty", PLATFORM_ERROR, 0, lang, N_("the text is empty"));

	size_t over = n;
	switch (p->count) {
	case PLATFORM_WEIGHTED: {
		struct text_tt_config c = *(tt ? tt : &text_tt_v3);
		c.max_weighted_length = (int)r->limit;
		if ((rc = text_tt_parse(m, s, n, &c, &r->tt, e)) < 0)
			goto out;
		r->length = (size_t)r->tt.weighted_length;
		over = r->tt.overflow;
		if (r->tt.invalid_char < n) {
			utf8proc_int32_t cp = 0;
			utf8proc_iterate((const utf8proc_uint8_t *)s + r->tt.invalid_char,
					 (utf8proc_ssize_t)(n - r->tt.invalid_char), &cp);
			problem(r, s, "invalid_character", PLATFORM_ERROR, r->tt.invalid_char, lang,
				N_("character U+%04X is not allowed"), (unsigned)cp);
		}
		break;
	}
	case PLATFORM_GRAPHEMES:
		r->length = r->graphemes;
		over = offset_after(s, n, p->count, r->limit);
		if ((rc = facets_detect(m, s, n, &r->facets, e)) < 0)
			goto out;
		break;
	case PLATFORM_MASTODON:
		r->length = mastodon_measure(m, s, n, r->limit, &over);
		break;
	case PLATFORM_CODEPOINTS:
		r->length = r->codepoints;
		over = offset_after(s, n, p->count, r->limit);
		break;
	}
	if (r->length > r->limit)
		problem(r, s, "too_long", PLATFORM_ERROR, over < n ? over : 0, lang,
			N_("%zu %s, %zu more than the limit of %zu"), r->length, tr(lang, p->unit),
			r->length - r->limit, r->limit);
	if (p->byte_limit && n > p->byte_limit) {
		size_t at = p->byte_limit;
		while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80)
			at--;
		problem(r, s, "too_many_bytes", PLATFORM_ERROR, at, lang,
			N_("%zu bytes, %zu more than the limit of %zu"), n, n - p->byte_limit, p->byte_limit);
	}
	size_t tags = 0;
	for (size_t i = 0; i < es.n; i++) {
		struct text_entity *t = &es.v[i];
		if (t->kind == TEXT_HASHTAG && p->max_hashtags && ++tags == p->max_hashtags + 1)
			problem(r, s, "too_many_hashtags", PLATFORM_ERROR, t->start, lang,
				N_("%zu hashtags, more than the %zu allowed; this is hashtag %zu"), r->hashtags,
				p->max_hashtags, tags);
		if (t->kind == TEXT_URL && !p->links_clickable)
			problem(r, s, "link_not_clickable", PLATFORM_WARNING, t->start, lang,
				N_("links in %s posts are not clickable: %s"), p->title, t->text);
	}
out:
	text_entities_release(&es);
	return rc;
}
