/*
 * utm — campaign tags (utm_source, utm_medium, utm_campaign, utm_content) on
 * links to the organisation's own web sites, so its web analytics can tell
 * which post and platform brought a visit.
 *
 * A link is the organisation's own when it is http or https and its host is
 * one of the own domains or a subdomain of one ("shop.example.nl" for
 * "example.nl"), on any port. Such a link is parsed and re-serialised as the
 * WHATWG URL Standard says (src/content/url.h) with the missing tags appended
 * to its query; the existing query parameters and the fragment are kept and a
 * utm_* parameter already present is never overwritten (even when empty).
 * Every other link, and an own link that already has every tag, is returned
 * byte for byte as given.
 *
 * Ownership: utm_domains owns its normalised names (utm_domains_release());
 * strings returned through `char **out` are the caller's to free.
 * Failure: utm_domains_add() refuses a name that is not a host (ERR_USAGE);
 * utm_tag_link() returns the URL parser's error for a link that is not a
 * valid URL. utm_tag_text() never fails: a link it cannot parse stays as it is.
 */
#ifndef KOERS_UTM_H
#define KOERS_UTM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct utm_tags {
	const char *source;   /* the platform, e.g. "linkedin" */
	const char *medium;   /* NULL: "social" */
	const char *campaign; /* NULL or "": no utm_campaign */
	const char *content;  /* the post id; NULL or "": no utm_content */
};

struct utm_domains {
	char **v; /* lowercase hosts without a trailing dot; IPv6 in brackets */
	size_t n, alloc;
};

/* Add one own domain ("example.nl", "Example.NL.", "192.0.2.7", "[2001:db8::1]"). */
int utm_domains_add(struct utm_domains *d, const char *name, struct err *e);
void utm_domains_release(struct utm_domains *d);

enum utm_result {
	UTM_FOREIGN, /* not an own http(s) link: unchanged */
	UTM_PRESENT, /* own link that already had every tag: unchanged */
	UTM_TAGGED,  /* own link, one or more tags added */
};

/* Tag one link (len bytes). *out is the link to use; *res says what happened. */
int utm_tag_link(const char *link, size_t len, const struct utm_domains *own, const struct utm_tags *t,
		 char **out, enum utm_result *res, struct err *e);

/* A link found in a text: bytes [start, end). */
struct utm_span {
	size_t start, end;
};

/*
 * Find the http:// and https:// links in a post text: from the scheme (not
 * preceded by a letter or digit) to the next space, control character, '<',
 * '>' or '"', without trailing punctuation (".,:;!?'*" and a ')' or ']'
 * that does not close a bracket inside the link). *out is the caller's to free.
 */
size_t utm_find_links(const char *text, size_t len, struct utm_span **out);

/* The text with every own link tagged; *ntagged (may be NULL) counts the tagged links. */
char *utm_tag_text(const char *text, size_t len, const struct utm_domains *own, const struct utm_tags *t,
		   size_t *ntagged);
/*
 * The same for links found by another scanner (twitter-text's extractor):
 * spans sorted by start, within the text (others are skipped). A link
 * without a scheme ("example.nl/actie") is not a URL and stays as it is.
 */
char *utm_tag_spans(const char *text, size_t len, const struct utm_span *spans, size_t n,
		    const struct utm_domains *own, const struct utm_tags *t, size_t *ntagged);

#endif
