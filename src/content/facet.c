/* facet — Bluesky rich-text facets; see facet.h. */
#include "content/facet.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static const char *const types[] = {
	[FACET_LINK] = "app.bsky.richtext.facet#link",
	[FACET_MENTION] = "app.bsky.richtext.facet#mention",
	[FACET_TAG] = "app.bsky.richtext.facet#tag",
};

const char *facet_type(enum facet_kind kind)
{
	return types[kind];
}

void facets_release(struct facets *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].value);
	free(f->v);
	f->v = NULL;
	f->n = f->alloc = 0;
}

static bool handle_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * @atproto/api: /(^|\s|\()(@)([a-zA-Z0-9.-]+)(\b)/ and then the handle must
 * be a domain whose last label is a TLD (or end in .test). The \b after a
 * greedy run means: drop trailing '.' and '-' until a word character ends it.
 */
static void add_mentions(const char *s, size_t n, struct text_entities *es)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '@')
			continue;
		if (i > 0 && !strchr(" \t\n\r\f\v(", s[i - 1]))
			continue;
		size_t j = i + 1;
		while (j < n && handle_char(s[j]))
			j++;
		while (j > i + 1 && !word_char(s[j - 1]))
			j--;
		if (j == i + 1 || (j < n && word_char(s[j])))
			continue;
		const char *h = s + i + 1;
		size_t hn = j - i - 1;
		const char *dot = memrchr(h, '.', hn);
		bool ok = dot && dot > h && (text_is_tld(dot + 1, (size_t)(h + hn - dot - 1)) ||
					      (hn > 5 && !memcmp(h + hn - 5, ".test", 5)));
		if (!ok)
			continue;
		ALLOC_GROW(es->v, es->n + 1, es->alloc);
		es->v[es->n++] = (struct text_entity){ .kind = TEXT_MENTION, .text = xstrndup(h, hn), .start = i, .end = j };
		i = j - 1;
	}
}

int facets_detect(const struct text_matcher *m, const char *s, size_t n, struct facets *out, struct err *e)
{
	struct text_entities es = { 0 };
	int rc = text_extract(m, s, n, TEXT_URLS, &es, e);
	if (rc == 0)
		rc = text_extract(m, s, n, TEXT_HASHTAGS, &es, e);
	if (rc < 0) {
		text_entities_release(&es);
		return rc;
	}
	add_mentions(s, n, &es);
	text_entities_remove_overlaps(&es, 0);
	for (size_t i = 0; i < es.n; i++) {
		struct text_entity *t = &es.v[i];
		struct facet f = { .byte_start = t->start, .byte_end = t->end };
		if (t->kind == TEXT_URL) {
			f.kind = FACET_LINK;
			bool proto = !strncasecmp(t->text, "http://", 7) || !strncasecmp(t->text, "https://", 8);
			f.value = proto ? xstrdup(t->text) : xasprintf("https://%s", t->text);
		} else if (t->kind == TEXT_MENTION) {
			f.kind = FACET_MENTION;
			f.value = xstrdup(t->text);
		} else {
			size_t tl = strlen(t->text);
			if (tl > 640 || text_graphemes(t->text, tl) > 64)
				continue;
			f.kind = FACET_TAG;
			f.value = xstrdup(t->text);
		}
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = f;
	}
	text_entities_release(&es);
	return 0;
}
