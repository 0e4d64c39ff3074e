/*
 * lstore — the listening tables (schema 0005): tracked queries, and the
 * reports read from stored mentions and hourly aggregates.
 *
 * Tracked queries of a workspace are the plan's listening topics (source
 * "plan", refreshed by lstore_sync_plan() before every ingest: topics that
 * left the plan become inactive, their history stays) and the ones added
 * with `koers listen query add` (source "cli").
 *
 * Strings in the structs returned are owned by them (the *_release
 * functions free them). Errors: ERR_IO from the database, ERR_DATA for a
 * query expression that does not parse, ERR_NOTFOUND for an unknown name.
 */
#ifndef KOERS_LSTORE_H
#define KOERS_LSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;
struct plan;

struct lquery {
	int64_t id;
	char *name, *expr, *kind, *source;
	bool active;
};

int lstore_sync_plan(struct db *db, int64_t ws, const struct plan *p, struct err *e);
/* Load the plan in force (if any) and sync it; no plan is not an error. */
int lstore_sync_current(struct db *db, int64_t ws, struct err *e);

int lstore_query_add(struct db *db, int64_t ws, const char *name, const char *expr, const char *kind, struct err *e);
int lstore_query_rm(struct db *db, int64_t ws, const char *name, struct err *e);
/* Active queries only unless `all`; ordered by name. */
int lstore_query_list(struct db *db, int64_t ws, bool all, struct lquery **out, size_t *n, struct err *e);
void lquery_list_free(struct lquery *v, size_t n);

/*
 * The active queries of workspace `ws` compiled into one set (*set, the
 * caller frees it; (*ids)[i] is the listen_queries.id of set query i, a
 * malloc'ed array). The compiled database is cached in the workspace
 * (schema 0007), so only the first call after the queries changed pays for
 * compiling; failing to read or write the cache only costs a compile.
 * ERR_DATA when no query is tracked or one does not compile. On error *set
 * and *ids still need freeing (they may be NULL).
 */
struct query_set;
int lstore_compile(struct db *db, int64_t ws, struct query_set **set, int64_t **ids, struct err *e);

/* ---- reports ---- */

/* Totals of one query over [from, to) (UTC seconds). */
struct lreport_row {
	int64_t query_id;
	char *name, *kind;
	int64_t volume, positive, neutral, negative, reach, engagement;
	double share_of_voice; /* percent of the volume of brand and competitor queries (-1: neither) */
};

/* Rows for every active query (or only `query` when not NULL), by volume. */
int lstore_report(struct db *db, int64_t ws, int64_t from, int64_t to, const char *query, struct lreport_row **out,
		  size_t *n, struct err *e);
void lreport_free(struct lreport_row *v, size_t n);

struct lauthor {
	char *platform, *handle;
	int64_t followers, mentions, positive, neutral, negative;
	double score; /* ambassadors: positive mentions weighted by reach; detractors: negative */
};

/*
 * Ambassadors (*amb: authors with positive mentions, scored by them times
 * 1 + floor(log2(2 + followers))) and detractors (*det: the same by
 * negative mentions) over [from, to), best `limit` of each first.
 */
int lstore_authors(struct db *db, int64_t ws, int64_t from, int64_t to, const char *query, size_t limit,
		   struct lauthor **amb, size_t *namb, struct lauthor **det, size_t *ndet, struct err *e);
void lauthor_free(struct lauthor *v, size_t n);

/* The hourly series of one query from its first to its last stored hour. */
struct lhour {
	int64_t hour; /* UTC seconds / 3600 */
	int64_t volume, negative;
};
int lstore_hourly(struct db *db, int64_t query_id, int64_t from, int64_t to, struct lhour **out, size_t *n,
		  struct err *e);

/* Iterate the texts of stored mentions over [from, to) (for emerging terms). */
typedef void lstore_text_fn(void *ctx, int64_t created_at, const char *text, size_t len);
int lstore_texts(struct db *db, int64_t ws, int64_t from, int64_t to, const char *query, lstore_text_fn *fn,
		 void *ctx, struct err *e);

/* Stored mentions, newest first, for reading them (webcare, checks, exports). */
struct lmention_filter {
	int64_t from, to;      /* created_at in [from, to) */
	const char *query;     /* only mentions matching this query (NULL: any) */
	const char *sentiment; /* "negative", "neutral", "positive" (NULL: any) */
	const char *intent;    /* "complaint", "question", "praise", "other" (NULL: any) */
	const char *lang;      /* the mention's language (NULL: any) */
	size_t limit;          /* at most this many */
};

struct lmention {
	int64_t id, created_at, followers, likes, reposts, replies;
	char *platform, *remote_id, *author, *lang, *text, *url, *reply_to, *intent; /* author..reply_to may be NULL */
	int sentiment; /* -1, 0, 1 (the sign of what is stored) */
	double score;
	char **queries; /* names of the queries it matches, sorted */
	size_t nqueries;
};

/* ERR_NOTFOUND for an unknown query, ERR_USAGE for an unknown sentiment or intent. */
int lstore_mentions(struct db *db, int64_t ws, const struct lmention_filter *f, struct lmention **out, size_t *n,
		    struct err *e);
void lmention_free(struct lmention *v, size_t n);

/* The first and last created_at of stored mentions (0, 0 when none). */
int lstore_span(struct db *db, int64_t ws, int64_t *first, int64_t *last, struct err *e);

#endif
