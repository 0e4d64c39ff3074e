/*
 * engine — the listening ingest pipeline: read mentions (ingest.h), match
 * them against all tracked queries at once (query.h), classify the ones
 * that match (classify.h: language, sentiment, intent), and store matched
 * mentions, their query matches and hourly aggregates.
 *
 * Streaming with bounded memory: records travel in batches of a fixed size
 * through a fixed number of batch buffers, so memory does not depend on the
 * input size. With threads > 1, threads - 1 worker threads parse, match and
 * classify while the calling thread reads and stores, and parses, matches
 * and classifies too whenever it would otherwise wait; with threads == 1 the
 * calling thread does all of it in turn.
 *
 * Storage: batches are stored in input order, `batch` records per
 * transaction (several batches of work). A mention is new when its
 * (platform, id) is not stored yet; aggregates change only for
 * new mentions, in the same transaction, so a killed ingest loses at most
 * the transaction in flight (never anything counted as stored: stats.stored
 * grows after the commit) and ingesting the same input again changes
 * nothing.
 *
 * Errors: listen_engine_new() fails with ERR_DATA when no query is tracked
 * or a query does not compile; listen_engine_run() with ERR_IO (read or
 * database) or ERR_DATA when `strict` stopped at a bad record.
 */
#ifndef KOERS_ENGINE_H
#define KOERS_ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "listen/ingest.h"

struct db;

/*
 * The statements that store a new mention (parameters in its column order,
 * workspace_id first) and one of its query matches (mention_id, query_id):
 * bench/store-floor writes the same rows with them.
 */
extern const char listen_sql_mention[];
extern const char listen_sql_match[];

struct listen_stats {
	uint64_t read;       /* records read, good and bad */
	uint64_t matched;    /* good records matching at least one query */
	uint64_t matches;    /* (mention, query) pairs */
	uint64_t stored;     /* new mentions stored (committed) */
	uint64_t duplicates; /* matched records already stored */
	uint64_t rejected;
	uint64_t rejected_by[INGEST_R__COUNT];
	double store_seconds; /* CPU time of the storing thread in the database, committed or not */
};

struct listen_engine_opts {
	enum ingest_format format;
	struct ingest_options io;
	int threads;       /* >= 1 */
	bool strict;       /* stop at the first bad record */
	unsigned batch;    /* records per transaction (0: default) */
	const char *model; /* sentiment model file contents (NULL: the default model) */
	size_t model_len;
	/* Called on the calling thread, in input order. */
	void (*problem)(void *ctx, const char *file, const struct ingest_problem *p);
	void (*progress)(void *ctx, const struct listen_stats *s); /* after each commit */
	void *ctx;
};

struct listen_engine;

/* Compile the workspace's active tracked queries; load the classifier. */
int listen_engine_new(struct listen_engine **out, struct db *db, int64_t ws, const struct listen_engine_opts *o,
		      struct err *e);
void listen_engine_free(struct listen_engine *en);
size_t listen_engine_queries(const struct listen_engine *en);

/* Ingest one input; adds to *st. */
int listen_engine_run(struct listen_engine *en, FILE *in, const char *name, struct listen_stats *st, struct err *e);

#endif
