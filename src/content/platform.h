/*
 * platform — the text rules of each platform as one data table, and the
 * check of a post's text against them.
 *
 *   x          twitter-text weighted length (configuration v3), 280
 *   bluesky    300 grapheme clusters (UAX #29) and 3000 UTF-8 bytes
 *   mastodon   500 characters (an instance sets its own: override the
 *              limit); every URL counts 23, @user@domain counts as @user
 *   threads    500 characters     linkedin   3000 characters
 *   instagram  2200 characters, at most 30 hashtags, links are not clickable
 *   facebook   63 206 characters
 * "Characters" are Unicode code points, as these services count them.
 *
 * platform_check() fills a report the caller releases; its problems carry a
 * code, a translated message and their position (byte, UTF-16, line:column).
 * Errors (invalid UTF-8) are returned as ERR_DATA with the byte offset.
 */
#ifndef KOERS_PLATFORM_H
#define KOERS_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "content/facet.h"
#include "content/text.h"

enum platform_count {
	PLATFORM_WEIGHTED,   /* twitter-text parseTweet */
	PLATFORM_GRAPHEMES,  /* extended grapheme clusters */
	PLATFORM_MASTODON,   /* code points, URLs 23, remote mentions as local */
	PLATFORM_CODEPOINTS, /* Unicode code points */
};

struct platform {
	const char *name;  /* as given to --platform */
	const char *title; /* for people */
	enum platform_count count;
	size_t limit;        /* default length limit, in the platform's unit */
	size_t byte_limit;   /* 0: none */
	size_t max_hashtags; /* 0: none */
	bool links_clickable;
	const char *unit;    /* N_(): what `limit` counts */
};

/* The table, ended by an entry with a NULL name. */
extern const struct platform platforms[];
const struct platform *platform_find(const char *name);

enum platform_severity { PLATFORM_ERROR, PLATFORM_WARNING };

struct platform_problem {
	const char *code; /* "too_long", "too_many_bytes", "too_many_hashtags", "link_not_clickable", "invalid_character", "empty" */
	enum platform_severity severity;
	char *message;    /* translated, owned */
	size_t offset, offset16; /* where: UTF-8 byte and UTF-16 unit */
	unsigned line, column;
};

struct platform_report {
	const struct platform *platform;
	size_t limit;
	size_t length; /* in the platform's unit */
	size_t bytes, graphemes, codepoints, hashtags;
	bool valid;    /* no problem of severity error */
	struct text_tt_result tt; /* x only */
	struct facets facets;     /* bluesky only */
	struct platform_problem *problems;
	size_t nproblems, alloc;
};

/*
 * Check s[0..n) for platform p; `limit` 0 keeps the platform's own limit.
 * `tt` chooses the twitter-text configuration for x (NULL: v3).
 */
int platform_check(const struct text_matcher *m, const struct platform *p, size_t limit,
		   const struct text_tt_config *tt, const char *s, size_t n, enum lang lang,
		   struct platform_report *r, struct err *e);
void platform_report_release(struct platform_report *r);

/* Mastodon's length: code points, URLs (with protocol) 23, @user@domain as @user. */
size_t platform_mastodon_length(const struct text_matcher *m, const char *s, size_t n);

#endif
