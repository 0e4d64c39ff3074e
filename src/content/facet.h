/*
 * facet — Bluesky rich-text facets (lexicon app.bsky.richtext.facet) for a
 * post's text: links, mentions and tags with UTF-8 byte offsets (byteStart
 * inclusive, byteEnd exclusive), as the Bluesky app and @atproto/api create
 * them.
 *
 * - Links are twitter-text's URLs (text.h); a link written without protocol
 *   gets "https://" in its uri.
 * - Mentions are "@handle" where the handle is a domain name ending in a
 *   known TLD, preceded by the start, a space or "(" (the @atproto/api rule).
 *   A facet must name the account by DID, which takes a network lookup
 *   (com.atproto.identity.resolveHandle). koers measures offline, so the
 *   `did` field holds the handle, unresolved, exactly as @atproto/api's
 *   detectFacets() leaves it before its resolve step; whoever publishes
 *   resolves it (it is never a "did:" yet).
 * - Tags are twitter-text's hashtags; the tag is stored without '#', and tags
 *   longer than the lexicon's 64 graphemes or 640 bytes are left out.
 * Facets do not overlap; they come in text order.
 */
#ifndef KOERS_FACET_H
#define KOERS_FACET_H

#include <stdbool.h>
#include <stddef.h>

#include "content/text.h"

enum facet_kind { FACET_LINK, FACET_MENTION, FACET_TAG };

struct facet {
	enum facet_kind kind;
	size_t byte_start, byte_end;
	char *value; /* link: uri; mention: the handle (did unresolved); tag: the tag */
};

struct facets {
	struct facet *v;
	size_t n, alloc;
};

/* Appends the facets of valid UTF-8 s[0..n). */
int facets_detect(const struct text_matcher *m, const char *s, size_t n, struct facets *out, struct err *e);
void facets_release(struct facets *f);
/* "app.bsky.richtext.facet#link" etc. */
const char *facet_type(enum facet_kind kind);

#endif
