/*
 * query — the boolean query language of the listening engine (docs/queries.md).
 *
 *   koers OR #koers OR @koers          terms, tags, handles
 *   "koers app" -vacature -job          phrases, NOT by '-'
 *   fiets* AND lang:nl                  prefixes, filters lang: platform: author:
 *   (a OR b) c NOT d                    precedence NOT > AND > OR; AND is implicit
 *
 * Matching works on text normalised by norm_text() (listen/norm.h: NFKD, marks
 * stripped, case folded; words are runs of letters, digits and '_'). A leaf is
 * a sequence of words that must occur as consecutive whole words, optionally
 * introduced by '#' or '@' and optionally ending in a prefix:
 *   term foo      the word foo, also in #foo and @foo
 *   "foo bar"     the words foo and bar next to each other (any separators between)
 *   #foo / @foo   the word foo directly after '#' / '@' that starts a word
 *   foo*          a word starting with foo (#foo* and @foo* work alike)
 *
 * Two layers:
 *
 * 1. query_parse(): one expression into a `struct query` (the AST). The query
 *    owns all its memory (node array, leaf strings) and query_free() releases
 *    it. Nodes sit in one array in post-order (children before their parent;
 *    the root is last), so evaluation is a single loop. A bad expression gives
 *    ERR_DATA with "column N: expected X ..." (1-based, in characters); any
 *    byte string is safe to pass. query_eval_ref() is the straightforward
 *    evaluator (tokenise the text, walk the tree): the reference the fast
 *    matcher is tested against, and fine for a handful of texts.
 *
 * 2. struct query_set: many named queries compiled into ONE Hyperscan
 *    (libhs) database in which every distinct leaf of every query is one
 *    pattern. query_set_match() normalises the mention once, scans it once,
 *    and evaluates only the queries that own a leaf that fired, plus the few
 *    that can match without any leaf (e.g. "NOT spam", "lang:nl"). A text
 *    of ASCII only is not normalised but scanned as it is by a twin database
 *    of the same leaves (caseless, \b and \W for the separators): the same
 *    answers, a pass less. No memory is allocated per mention once the
 *    scratch has grown to the longest text.
 *
 * Threads: after query_set_compile() the set is read-only and may be shared
 * by any number of threads; each thread needs its own query_scratch
 * (query_scratch_new()), which holds the Hyperscan scratch, the normalised
 * text and the per-mention bookkeeping.
 */
#ifndef KOERS_QUERY_H
#define KOERS_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"
#include "listen/norm.h"

/* Longest expression accepted, in bytes, and deepest nesting of ( and NOT. */
#define QUERY_MAX_LEN 8192
#define QUERY_MAX_DEPTH 64

/* What a query is matched against. Fields other than text may be NULL. */
struct query_mention {
	const char *text;
	size_t len;
	const char *lang;     /* "nl", "en", "nl-BE": lang:nl compares the part before '-' or '_' */
	const char *platform; /* "mastodon", "bluesky", ...: compared ignoring ASCII case */
	const char *author;   /* "@handle" or "handle": compared without '@', ignoring ASCII case */
};

struct query;

/* Parse expr (NUL-terminated). 0 and *out (the caller's) or ERR_DATA with e set. */
int query_parse(const char *expr, struct query **out, struct err *e);
void query_free(struct query *q);

/* The canonical form, fully parenthesised: "(AND (OR a #b) (NOT lang:nl))". */
void query_format(const struct query *q, struct strbuf *sb);

/* The reference evaluator; nb is a caller-owned buffer for the normalised text. */
bool query_eval_ref(const struct query *q, const struct query_mention *m, struct norm_buf *nb);

struct query_set;
struct query_scratch;

struct query_set *query_set_new(void);
void query_set_free(struct query_set *set);

/*
 * Add a query; name and expr are copied. Returns its id (0, 1, 2, ... in the
 * order of adding) or ERR_DATA with e set ("column N: ..."); ERR_USAGE after
 * query_set_compile().
 */
int query_set_add(struct query_set *set, const char *name, const char *expr, struct err *e);

/* Build the Hyperscan database. ERR_DATA (or ERR_IO when the CPU lacks SSSE3) with e set. */
int query_set_compile(struct query_set *set, struct err *e);

/*
 * Compiling 1,000 queries takes about a second; a cache keeps the
 * compiled databases between runs. The key (QUERY_CACHE_KEY bytes with the
 * NUL) names the exact pattern list and Hyperscan version. get() returns
 * true with a malloc'ed copy in *blob (the set frees it); a blob that does
 * not load (another CPU) is ignored and replaced through put().
 */
#define QUERY_CACHE_KEY 33
struct query_cache {
	bool (*get)(void *ctx, const char *key, char **blob, size_t *len);
	void (*put)(void *ctx, const char *key, const char *blob, size_t len);
	void *ctx;
};
int query_set_compile_cached(struct query_set *set, const struct query_cache *cache, struct err *e);

size_t query_set_count(const struct query_set *set);
size_t query_set_leaf_count(const struct query_set *set); /* distinct patterns */
const char *query_set_name(const struct query_set *set, unsigned id);
const struct query *query_set_query(const struct query_set *set, unsigned id);

/* Per-thread working memory for a compiled set. NULL with e set on failure. */
struct query_scratch *query_scratch_new(const struct query_set *set, struct err *e);
void query_scratch_free(struct query_scratch *s);

/*
 * The ids of the queries that match m, ascending, in *ids (valid until the
 * next call with this scratch). Returns their number, or ERR_IO with nothing
 * matched when Hyperscan fails (which it does not on valid arguments).
 */
int query_set_match(const struct query_set *set, struct query_scratch *s,
		    const struct query_mention *m, const unsigned **ids);

#endif
