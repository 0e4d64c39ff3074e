/*
 * store-floor — what SQLite itself costs for the rows a listening ingest
 * stored (part of `make bench`, not of koers). It reads back every mention
 * and query match of a database that `koers listen ingest` filled, and
 * writes them into a fresh database with the same statements the ingest
 * uses (mentions with their duplicate index, mention_matches), in
 * transactions of `per_tx` mentions, and nothing else: no parsing, matching,
 * classifying or aggregating. Its CPU time per row is the floor of storing
 * one row per mention, to set beside the ingest's store_seconds. Then, to
 * show what that cost follows, as many rows of one text column of 16, 64,
 * 128 and 256 bytes into a table of their own.
 *
 *   store-floor SOURCE.db FRESH.db PER_TX
 * prints one JSON line: rows, matches, cpu_seconds, us_per_row, and
 * us_per_row_of_bytes (bytes -> microseconds per row).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"
#include "db/db.h"
#include "listen/engine.h"

enum { NTEXT = 8, NINT = 7 };

struct row {
	char *text[NTEXT]; /* platform, remote_id, author, lang, text, url, reply_to, intent */
	int64_t num[NINT]; /* workspace_id, created_at, followers, likes, reposts, replies, sentiment */
	double score;
	int64_t *q; /* its query matches */
	size_t nq;
};

static double thread_cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fail(const struct err *e)
{
	fprintf(stderr, "store-floor: %s\n", e->msg);
	exit(1);
}

static struct row *load(struct db *db, size_t *n)
{
	struct err e = {0};
	struct db_stmt *st, *mq;
	if (db_prepare(db, &st,
	               "SELECT id, platform, remote_id, author, lang, text, url, reply_to, intent, "
	               "workspace_id, created_at,"
	               " followers, likes, reposts, replies, sentiment, score FROM mentions ORDER BY id",
	               &e) < 0 ||
	    db_prepare(db, &mq, "SELECT query_id FROM mention_matches WHERE mention_id = ?", &e) < 0)
		fail(&e);
	struct row *v = NULL;
	size_t alloc = 0;
	*n = 0;
	int r;
	while ((r = db_step(st, &e)) == DB_ROW) {
		ALLOC_GROW(v, *n + 1, alloc);
		struct row *x = &v[(*n)++];
		memset(x, 0, sizeof(*x));
		for (int i = 0; i < NTEXT; i++)
			x->text[i] = db_col_dup(st, 1 + i);
		for (int i = 0; i < NINT; i++)
			x->num[i] = db_col_int(st, 1 + NTEXT + i);
		x->score = db_col_double(st, 1 + NTEXT + NINT);
		db_reset(mq);
		db_bind_int(mq, 1, db_col_int(st, 0));
		size_t qalloc = 0;
		while ((r = db_step(mq, &e)) == DB_ROW) {
			ALLOC_GROW(x->q, x->nq + 1, qalloc);
			x->q[x->nq++] = db_col_int(mq, 0);
		}
		if (r < 0)
			fail(&e);
	}
	if (r < 0)
		fail(&e);
	db_finalize(st);
	db_finalize(mq);
	return v;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: store-floor SOURCE.db FRESH.db PER_TX\n");
		return 2;
	}
	struct err e = {0};
	struct db *src, *dst;
	size_t n, per_tx = strtoul(argv[3], NULL, 10);
	if (!per_tx)
		per_tx = 1;
	if (db_open(&src, argv[1], &e) < 0)
		fail(&e);
	struct row *v = load(src, &n);
	db_close(src);
	if (db_open(&dst, argv[2], &e) < 0 || db_bulk(dst, true, &e) < 0)
		fail(&e);
	struct db_stmt *ins, *match;
	if (db_prepare(dst, &ins, listen_sql_mention, &e) < 0 || db_prepare(dst, &match, listen_sql_match, &e) < 0)
		fail(&e);
	size_t matches = 0;
	double t0 = thread_cpu();
	for (size_t i = 0; i < n; i++) {
		const struct row *x = &v[i];
		if (i % per_tx == 0 && ((i && db_commit(dst, &e) < 0) || db_begin(dst, &e) < 0))
			fail(&e);
		/* the ingest's column order: text columns 2-4, 6-9 and 16, numbers 1, 5 and 10-14 */
		static const int text_col[NTEXT] = {2, 3, 4, 6, 7, 8, 9, 16};
		static const int int_col[NINT] = {1, 5, 10, 11, 12, 13, 14};
		db_reset(ins);
		for (int k = 0; k < NTEXT; k++)
			db_bind_text_ref(ins, text_col[k], x->text[k], x->text[k] ? strlen(x->text[k]) : 0);
		for (int k = 0; k < NINT; k++)
			db_bind_int(ins, int_col[k], x->num[k]);
		db_bind_double(ins, 15, x->score);
		if (db_step(ins, &e) < 0)
			fail(&e);
		int64_t id = db_last_id(dst);
		for (size_t k = 0; k < x->nq; k++, matches++) {
			db_reset(match);
			db_bind_int(match, 1, id);
			db_bind_int(match, 2, x->q[k]);
			if (db_step(match, &e) < 0)
				fail(&e);
		}
	}
	if (n && db_commit(dst, &e) < 0)
		fail(&e);
	double cpu = thread_cpu() - t0;
	db_finalize(ins);
	db_finalize(match);
	static const size_t widths[] = {16, 64, 128, 256};
	double by_width[4];
	char text[256];
	memset(text, 'x', sizeof(text));
	if (db_exec(dst, "CREATE TABLE floor_rows (id INTEGER PRIMARY KEY, t TEXT)", &e) < 0 ||
	    db_prepare(dst, &ins, "INSERT INTO floor_rows(t) VALUES (?)", &e) < 0)
		fail(&e);
	for (int w = 0; w < 4; w++) {
		double w0 = thread_cpu();
		for (size_t i = 0; i < n; i++) {
			if (i % per_tx == 0 && ((i && db_commit(dst, &e) < 0) || db_begin(dst, &e) < 0))
				fail(&e);
			text[i % widths[w]] ^= 1; /* rows that differ, as text does */
			db_reset(ins);
			db_bind_text_ref(ins, 1, text, widths[w]);
			if (db_step(ins, &e) < 0)
				fail(&e);
		}
		if (n && db_commit(dst, &e) < 0)
			fail(&e);
		by_width[w] = n ? 1e6 * (thread_cpu() - w0) / (double)n : 0.0;
	}
	db_finalize(ins);
	db_close(dst);
	printf("{\"rows\": %zu, \"matches\": %zu, \"cpu_seconds\": %.3f, \"us_per_row\": %.2f, "
	       "\"us_per_row_of_bytes\": "
	       "{\"16\": %.2f, \"64\": %.2f, \"128\": %.2f, \"256\": %.2f}}\n",
	       n, matches, cpu, n ? 1e6 * cpu / (double)n : 0.0, by_width[0], by_width[1], by_width[2],
	       by_width[3]);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < NTEXT; k++)
			free(v[i].text[k]);
		free(v[i].q);
	}
	free(v);
	return 0;
}
