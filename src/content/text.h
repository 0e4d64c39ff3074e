/*
 * text — measuring post text as the platforms do.
 *
 * Entity extraction follows twitter-text (github.com/twitter/twitter-text,
 * the JavaScript reference, version 3): hashtags, mentions and lists
 * (@user, @user/list), URLs with and without protocol (with twitter-text's
 * TLD lists, data/twitter-text/tld_lib.yml), and cashtags. The patterns are
 * written for PCRE2 from twitter-text's definitions, including the checks the
 * reference does after a match (what may follow a hashtag or a mention, t.co
 * slugs, domain labels of at most 63 characters after punycode, a URL
 * without protocol yields the ASCII domains inside it, the last with the path).
 *
 * Weighted length is twitter-text's parseTweet for configuration v2 or v3:
 * NFC first, code points weighted by ranges, URLs count transformedURLLength,
 * and with emojiParsingEnabled (v3) an emoji sequence counts defaultWeight.
 *
 * Offsets: every entity carries UTF-8 byte offsets into the text given and
 * UTF-16 code unit offsets (twitter-text's indices); ends are exclusive.
 * Text must be valid UTF-8: check with text_utf8_check() first; functions
 * given invalid UTF-8 return ERR_DATA with the byte offset in `e`.
 *
 * Ownership: a text_matcher holds the compiled patterns, is read-only after
 * text_matcher_new() and may be shared by threads. Entities own their text.
 */
#ifndef KOERS_TEXT_H
#define KOERS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum text_kind { TEXT_URL, TEXT_HASHTAG, TEXT_MENTION, TEXT_LIST, TEXT_CASHTAG };

struct text_entity {
	enum text_kind kind;
	/* as twitter-text reports it: the URL as written (or as shortened for
	 * t.co), the hashtag or cashtag without its sign, the screen name
	 * without '@', a list as "name/slug" */
	char *text;
	size_t start, end;     /* UTF-8 bytes of the whole entity, sign included */
	size_t start16, end16; /* the same in UTF-16 code units */
};

struct text_entities {
	struct text_entity *v;
	size_t n, alloc;
};

void text_entities_release(struct text_entities *es);
/* Sort es->v[from..] by start (stably) and drop each entity that overlaps
 * the one kept before it (twitter-text's removeOverlappingEntities). */
void text_entities_remove_overlaps(struct text_entities *es, size_t from);
/* "url", "hashtag", "mention", "list", "cashtag" */
const char *text_kind_name(enum text_kind kind);

struct text_matcher;
/* Compiles the patterns; aborts (as on out of memory) if they do not compile. */
struct text_matcher *text_matcher_new(void);
void text_matcher_free(struct text_matcher *m);

/* Which extractors to run; TEXT_ALL is twitter-text's extractEntitiesWithIndices. */
enum {
	TEXT_URLS = 1,     /* extractUrlsWithIndices (with URLs without protocol) */
	TEXT_HASHTAGS = 2, /* extractHashtagsWithIndices (drops those inside URLs) */
	TEXT_MENTIONS = 4, /* extractMentionsOrListsWithIndices */
	TEXT_CASHTAGS = 8, /* extractCashtagsWithIndices */
	TEXT_ALL = 15,     /* all four, overlaps removed, in text order */
	TEXT_URLS_NEED_PROTOCOL = 16, /* with TEXT_URLS: only URLs with http(s):// */
};

/* Appends the entities found in s[0..n) to `out` in text order. */
int text_extract(const struct text_matcher *m, const char *s, size_t n, unsigned which,
		 struct text_entities *out, struct err *e);

/* n when s[0..n) is valid UTF-8, else the offset of the first bad byte. */
size_t text_utf8_check(const char *s, size_t n);
/* UTF-16 length, code points, extended grapheme clusters (UAX #29) of valid UTF-8. */
size_t text_utf16_len(const char *s, size_t n);
size_t text_codepoints(const char *s, size_t n);
size_t text_graphemes(const char *s, size_t n);
/* The end of the grapheme cluster that starts at byte `pos`. */
size_t text_grapheme_end(const char *s, size_t n, size_t pos);
/* NFC of valid UTF-8 into a new NUL-terminated string (the caller frees). */
int text_nfc(const char *s, size_t n, char **out, size_t *outlen, struct err *e);
/* 1-based line and column (in code points) of byte offset `pos`. */
void text_position(const char *s, size_t pos, unsigned *line, unsigned *column);

/* twitter-text's configuration (config/v2.json, config/v3.json). */
struct text_tt_range {
	uint32_t start, end;
	int weight;
};
struct text_tt_config {
	int version;
	int max_weighted_length;
	int scale;
	int default_weight;
	int transformed_url_length;
	bool emoji_parsing;
	const struct text_tt_range *ranges;
	size_t nranges;
};
extern const struct text_tt_config text_tt_v2, text_tt_v3;

/* parseTweet's result; ranges are UTF-16 indices into the text as given. */
struct text_tt_result {
	long weighted_length; /* in whole characters (weights / scale) */
	bool valid;
	long permillage;
	size_t valid_start, valid_end, display_start, display_end;
	/* where the text stops fitting: the UTF-8 offset of the first byte past
	 * the valid range in the text given (n when all of it fits) */
	size_t overflow;
	/* the first U+FFFE, U+FEFF or U+FFFF (byte offset), or n */
	size_t invalid_char;
};
int text_tt_parse(const struct text_matcher *m, const char *s, size_t n,
		  const struct text_tt_config *c, struct text_tt_result *r, struct err *e);

/* Where an emoji sequence as twitter-text v3 counts it starts at s[pos]: its end, or 0. */
size_t text_emoji_at(const char *s, size_t n, size_t pos);

/* Is `name` (a domain's last label) one of twitter-text's TLDs? Case-insensitive. */
bool text_is_tld(const char *name, size_t len);

#endif
