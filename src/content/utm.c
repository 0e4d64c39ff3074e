#include "content/utm.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "content/url.h"

int utm_domains_add(struct utm_domains *d, const char *name, struct err *e)
{
	/* A host alone: the URL parser then gives it the same form as a link's host. */
	const char *bracket = name[0] == '[' ? strchr(name, ']') : NULL;
	if (!*name || strpbrk(name, "/?#@\\") || (bracket ? bracket[1] != '\0' : strchr(name, ':') != NULL))
		return err_set(e, ERR_USAGE, "own domain '%s' is not a host name", name);
	char *s = xasprintf("http://%s/", name);
	struct url u;
	struct err pe = { .lang = e ? e->lang : LANG_EN };
	int r = url_parse(&u, s, strlen(s), NULL, &pe);
	free(s);
	if (r < 0)
		return err_set(e, ERR_USAGE, "own domain '%s' is not a host name: %s", name, pe.msg);
	if (u.port >= 0) {
		url_release(&u);
		return err_set(e, ERR_USAGE, "own domain '%s' is not a host name", name);
	}
	size_t n = strlen(u.host);
	if (n > 1 && u.host[n - 1] == '.')
		u.host[n - 1] = '\0';
	ALLOC_GROW(d->v, d->n + 1, d->alloc);
	d->v[d->n++] = u.host;
	u.host = NULL;
	url_release(&u);
	return 0;
}

void utm_domains_release(struct utm_domains *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i]);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static bool is_own(const struct utm_domains *own, const struct url *u)
{
	if (!u->scheme || (strcmp(u->scheme, "http") && strcmp(u->scheme, "https")) || !u->host)
		return false;
	size_t hn = strlen(u->host);
	if (u->host_kind == URL_HOST_DOMAIN && hn > 1 && u->host[hn - 1] == '.')
		hn--; /* "example.nl." is example.nl */
	for (size_t i = 0; i < own->n; i++) {
		const char *d = own->v[i];
		size_t dn = strlen(d);
		if (hn == dn && !memcmp(u->host, d, dn))
			return true;
		/* Subdomains only of names, never of addresses. */
		if (u->host_kind == URL_HOST_DOMAIN && hn > dn && u->host[hn - dn - 1] == '.' &&
		    !memcmp(u->host + hn - dn, d, dn))
			return true;
	}
	return false;
}

static int unhex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Does the query have a parameter named `name` (form-urlencoded: '+' is a space)? */
static bool has_param(const char *q, const char *name)
{
	size_t want = strlen(name);
	while (q && *q) {
		size_t len = strcspn(q, "&");
		size_t nlen = strcspn(q, "&=");
		char dec[64];
		size_t k = 0;
		bool fits = true;
		for (size_t i = 0; i < nlen && fits; i++) {
			int c = (unsigned char)q[i];
			if (c == '+')
				c = ' ';
			else if (c == '%' && i + 2 < nlen && unhex(q[i + 1]) >= 0 && unhex(q[i + 2]) >= 0) {
				c = unhex(q[i + 1]) * 16 + unhex(q[i + 2]);
				i += 2;
			}
			if (k < sizeof(dec))
				dec[k++] = (char)c;
			else
				fits = false;
		}
		if (fits && k == want && !memcmp(dec, name, want))
			return true;
		q += len + (q[len] == '&');
	}
	return false;
}

int utm_tag_link(const char *link, size_t len, const struct utm_domains *own, const struct utm_tags *t,
		 char **out, enum utm_result *res, struct err *e)
{
	struct url u;
	int r = url_parse(&u, link, len, NULL, e);
	if (r < 0)
		return r;
	const struct {
		const char *name, *value;
	} tags[] = {
		{ "utm_source", t->source },
		{ "utm_medium", t->medium ? t->medium : "social" },
		{ "utm_campaign", t->campaign },
		{ "utm_content", t->content },
	};
	*res = UTM_FOREIGN;
	if (is_own(own, &u)) {
		*res = UTM_PRESENT;
		struct strbuf q;
		strbuf_init(&q, STRBUF_NOCAP); /* bounded by the URL parser's input cap */
		strbuf_addstr(&q, u.query ? u.query : "");
		for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
			if (!tags[i].value || !*tags[i].value || has_param(u.query, tags[i].name))
				continue;
			if (q.len && q.buf[q.len - 1] != '&')
				strbuf_addch(&q, '&');
			strbuf_addf(&q, "%s=", tags[i].name);
			url_percent_encode(&q, tags[i].value, strlen(tags[i].value), URL_PE_COMPONENT);
			*res = UTM_TAGGED;
		}
		free(u.query);
		u.query = strbuf_detach(&q, NULL);
	}
	*out = *res == UTM_TAGGED ? url_href(&u) : xstrndup(link, len);
	url_release(&u);
	return 0;
}

static bool is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where a link starting at `p` ends, trailing punctuation left out. */
static size_t link_end(const char *s, size_t len, size_t p)
{
	size_t end = p;
	long parens = 0, brackets = 0; /* opened minus closed inside the link */
	while (end < len) {
		unsigned char c = (unsigned char)s[end];
		if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"')
			break;
		parens += c == '(' ? 1 : c == ')' ? -1 : 0;
		brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
		end++;
	}
	while (end > p) {
		char c = s[end - 1];
		if (strchr(".,:;!?'*", c))
			end--;
		else if (c == ')' && parens < 0)
			end--, parens++;
		else if (c == ']' && brackets < 0)
			end--, brackets++;
		else
			break;
	}
	return end;
}

size_t utm_find_links(const char *text, size_t len, struct utm_span **out)
{
	size_t n = 0, alloc = 0;
	*out = NULL;
	for (size_t i = 0; i < len;) {
		size_t skip = len - i >= 8 && !strncasecmp(text + i, "https://", 8) ? 8
			    : len - i >= 7 && !strncasecmp(text + i, "http://", 7) ? 7 : 0;
		if (!skip || (i > 0 && is_alnum((unsigned char)text[i - 1]))) {
			i++;
			continue;
		}
		size_t end = link_end(text, len, i);
		if (end <= i + skip) { /* "https://" alone is no link */
			i += skip;
			continue;
		}
		ALLOC_GROW(*out, n + 1, alloc);
		(*out)[n++] = (struct utm_span){ i, end };
		i = end;
	}
	return n;
}

char *utm_tag_text(const char *text, size_t len, const struct utm_domains *own, const struct utm_tags *t,
		   size_t *ntagged)
{
	struct utm_span *spans;
	size_t n = utm_find_links(text, len, &spans);
	char *out = utm_tag_spans(text, len, spans, n, own, t, ntagged);
	free(spans);
	return out;
}

char *utm_tag_spans(const char *text, size_t len, const struct utm_span *spans, size_t n,
		    const struct utm_domains *own, const struct utm_tags *t, size_t *ntagged)
{
	size_t done = 0, at = 0;
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP); /* the text plus the tags of its links */
	for (size_t i = 0; i < n; i++) {
		if (spans[i].start < at || spans[i].end < spans[i].start || spans[i].end > len)
			continue; /* out of order or outside the text: leave it */
		strbuf_add(&sb, text + at, spans[i].start - at);
		char *link;
		enum utm_result res;
		struct err e = { 0 };
		if (utm_tag_link(text + spans[i].start, spans[i].end - spans[i].start, own, t, &link, &res, &e) < 0) {
			strbuf_add(&sb, text + spans[i].start, spans[i].end - spans[i].start);
		} else {
			strbuf_addstr(&sb, link);
			done += res == UTM_TAGGED;
			free(link);
		}
		at = spans[i].end;
	}
	strbuf_add(&sb, text + at, len - at);
	if (ntagged)
		*ntagged = done;
	return strbuf_detach(&sb, NULL);
}
