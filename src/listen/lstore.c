/* lstore — tracked queries and listening reports (see lstore.h). */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "db/db.h"
#include "listen/lstore.h"
#include "listen/intent.h"
#include "listen/query.h"
#include "listen/sentiment.h"
#include "plan/plan.h"
#include "plan/store.h"

static const char *const kinds[] = { "brand", "product", "competitor", "campaign", "other", NULL };

static int check_expr(const char *name, const char *expr, struct err *e)
{
	struct query *q;
	struct err qe = { .lang = e->lang };
	if (query_parse(expr, &q, &qe) < 0)
		return err_set(e, ERR_DATA, "query %s: %s", name, qe.msg);
	query_free(q);
	return 0;
}

int lstore_sync_plan(struct db *db, int64_t ws, const struct plan *p, struct err *e)
{
	int r = db_begin(db, e);
	if (r < 0)
		return r;
	r = db_run(db, e, "UPDATE listen_queries SET active = 0 WHERE workspace_id = ? AND source = 'plan'", "i", ws);
	const struct plan_topic *t = p->listening.topics.v;
	for (size_t i = 0; r >= 0 && i < p->listening.topics.n; i++) {
		if (!t[i].id || !t[i].query)
			continue;
		struct err qe = { .lang = e->lang };
		if (check_expr(t[i].id, t[i].query, &qe) < 0)
			continue; /* plan check reports it; the engine tracks the other topics */
		r = db_run(db, e,
			   "INSERT INTO listen_queries(workspace_id, name, expr, kind, source, active) VALUES (?, ?, ?, ?, 'plan', 1)"
			   " ON CONFLICT(workspace_id, name) DO UPDATE SET expr = excluded.expr, kind = excluded.kind, active = 1"
			   " WHERE listen_queries.source = 'plan'",
			   "isss", ws, t[i].id, t[i].query, t[i].kind ? t[i].kind : "other");
	}
	if (r < 0) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int lstore_sync_current(struct db *db, int64_t ws, struct err *e)
{
	struct plan p;
	struct plan_version v;
	struct err pe = { .lang = e->lang };
	plan_init(&p);
	int r = plan_load_current(db, ws, &p, &v, &pe);
	if (r == ERR_NOTFOUND) {
		plan_free(&p);
		return 0;
	}
	if (r >= 0) {
		r = lstore_sync_plan(db, ws, &p, e);
		plan_version_release(&v);
	} else {
		r = 0; /* an unreadable stored plan leaves the stored topics as they were */
	}
	plan_free(&p);
	return r;
}

int lstore_query_add(struct db *db, int64_t ws, const char *name, const char *expr, const char *kind, struct err *e)
{
	if (!kind)
		kind = "other";
	bool known = false;
	for (const char *const *k = kinds; *k; k++)
		known |= !strcmp(*k, kind);
	if (!known)
		return err_set(e, ERR_USAGE, "unknown kind '%s' (brand, product, competitor, campaign or other)", kind);
	int r = check_expr(name, expr, e);
	if (r < 0)
		return r;
	struct db_stmt *st;
	if ((r = db_prepare(db, &st, "SELECT source, active FROM listen_queries WHERE workspace_id = ? AND name = ?", e)) < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_text(st, 2, name);
	r = db_step(st, e);
	bool plan_owned = r == DB_ROW && !strcmp(db_col_text(st, 0), "plan") && db_col_int(st, 1);
	bool exists = r == DB_ROW && db_col_int(st, 1);
	db_finalize(st);
	if (r < 0)
		return r;
	if (plan_owned)
		return err_set(e, ERR_DATA, "query %s is a listening topic of the plan; change it there", name);
	if (exists)
		return err_set(e, ERR_DATA, "query %s exists; remove it first", name);
	return db_run(db, e,
		      "INSERT INTO listen_queries(workspace_id, name, expr, kind, source, active) VALUES (?, ?, ?, ?, 'cli', 1)"
		      " ON CONFLICT(workspace_id, name) DO UPDATE SET expr = excluded.expr, kind = excluded.kind,"
		      " source = 'cli', active = 1",
		      "isss", ws, name, expr, kind);
}

int lstore_query_rm(struct db *db, int64_t ws, const char *name, struct err *e)
{
	int r = db_run(db, e, "UPDATE listen_queries SET active = 0 WHERE workspace_id = ? AND name = ? AND source = 'cli' AND active = 1",
		       "is", ws, name);
	if (r < 0)
		return r;
	if (db_changes(db) == 0)
		return err_set(e, ERR_NOTFOUND, "no query %s added with 'koers listen query add'", name);
	return 0;
}

int lstore_query_list(struct db *db, int64_t ws, bool all, struct lquery **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT id, name, expr, kind, source, active FROM listen_queries WHERE workspace_id = ?"
			   " AND (active = 1 OR ?) ORDER BY name",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_int(st, 2, all);
	struct lquery *v = NULL;
	size_t cnt = 0, alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, cnt + 1, alloc);
		v[cnt++] = (struct lquery){ db_col_int(st, 0), xstrdup(db_col_text(st, 1)), xstrdup(db_col_text(st, 2)),
					    xstrdup(db_col_text(st, 3)), xstrdup(db_col_text(st, 4)), db_col_int(st, 5) != 0 };
	}
	db_finalize(st);
	if (r < 0) {
		lquery_list_free(v, cnt);
		return r;
	}
	*out = v;
	*n = cnt;
	return 0;
}

void lquery_list_free(struct lquery *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].expr);
		free(v[i].kind);
		free(v[i].source);
	}
	free(v);
}

/* ---- reports ---- */

int lstore_report(struct db *db, int64_t ws, int64_t from, int64_t to, const char *query, struct lreport_row **out,
		  size_t *n, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT q.id, q.name, q.kind, coalesce(sum(h.volume), 0), coalesce(sum(h.positive), 0),"
			   " coalesce(sum(h.neutral), 0), coalesce(sum(h.negative), 0), coalesce(sum(h.reach), 0),"
			   " coalesce(sum(h.engagement), 0)"
			   " FROM listen_queries q LEFT JOIN listen_hourly h ON h.query_id = q.id AND h.hour >= ? AND h.hour < ?"
			   " WHERE q.workspace_id = ? AND q.active = 1 AND (? IS NULL OR q.name = ?)"
			   " GROUP BY q.id ORDER BY 4 DESC, q.name",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, from / 3600);
	db_bind_int(st, 2, (to + 3599) / 3600);
	db_bind_int(st, 3, ws);
	db_bind_text(st, 4, query);
	db_bind_text(st, 5, query);
	struct lreport_row *v = NULL;
	size_t cnt = 0, alloc = 0;
	int64_t sov_total = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, cnt + 1, alloc);
		struct lreport_row *x = &v[cnt++];
		x->query_id = db_col_int(st, 0);
		x->name = xstrdup(db_col_text(st, 1));
		x->kind = xstrdup(db_col_text(st, 2));
		int64_t *f[] = { &x->volume, &x->positive, &x->neutral, &x->negative, &x->reach, &x->engagement };
		for (int i = 0; i < 6; i++)
			*f[i] = db_col_int(st, 3 + i);
		if (!strcmp(x->kind, "brand") || !strcmp(x->kind, "competitor"))
			sov_total += x->volume;
	}
	db_finalize(st);
	if (r < 0) {
		lreport_free(v, cnt);
		return r;
	}
	for (size_t i = 0; i < cnt; i++) {
		bool voice = !strcmp(v[i].kind, "brand") || !strcmp(v[i].kind, "competitor");
		v[i].share_of_voice = !voice ? -1 : sov_total ? 100.0 * (double)v[i].volume / (double)sov_total : 0;
	}
	if (query && cnt == 0)
		return err_set(e, ERR_NOTFOUND, "no tracked query %s", query);
	*out = v;
	*n = cnt;
	return 0;
}

void lreport_free(struct lreport_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].kind);
	}
	free(v);
}

static int author_cmp(const void *x, const void *y)
{
	const struct lauthor *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	int c = strcmp(a->handle, b->handle);
	return c ? c : strcmp(a->platform, b->platform);
}

/* 1 + floor(log2(2 + followers)): reach counts without one big account drowning a loyal smaller one. */
static double reach_weight(int64_t followers)
{
	double w = 1.0;
	for (int64_t f = followers + 2; f > 1; f >>= 1)
		w += 1.0;
	return w;
}

/* The best `limit` of the authors in v with a mention of the side's sentiment, as copies. */
static void authors_side(const struct lauthor *v, size_t n, bool positive, size_t limit, struct lauthor **out,
			 size_t *nout)
{
	struct lauthor *side = xcalloc(n ? n : 1, sizeof(*side));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (positive ? v[i].positive : v[i].negative) {
			side[k] = v[i];
			side[k++].score = (double)(positive ? v[i].positive : v[i].negative) * reach_weight(v[i].followers);
		}
	/* Best first; ties by handle so the order is stable. */
	if (k)
		qsort(side, k, sizeof(*side), author_cmp);
	if (k > limit)
		k = limit;
	for (size_t i = 0; i < k; i++) {
		side[i].platform = xstrdup(side[i].platform);
		side[i].handle = xstrdup(side[i].handle);
	}
	*out = side;
	*nout = k;
}

int lstore_authors(struct db *db, int64_t ws, int64_t from, int64_t to, const char *query, size_t limit,
		   struct lauthor **amb, size_t *namb, struct lauthor **det, size_t *ndet, struct err *e)
{
	/* One pass over the period's mentions serves both lists. */
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT m.platform, m.author, max(m.followers), count(*), sum(m.sentiment > 0), sum(m.sentiment = 0),"
			   " sum(m.sentiment < 0)"
			   " FROM mentions m WHERE m.workspace_id = ? AND m.created_at >= ? AND m.created_at < ?"
			   " AND m.author IS NOT NULL"
			   " AND (? IS NULL OR EXISTS (SELECT 1 FROM mention_matches mm JOIN listen_queries q ON q.id = mm.query_id"
			   "      WHERE mm.mention_id = m.id AND q.name = ?))"
			   " GROUP BY m.platform, m.author HAVING sum(m.sentiment <> 0) > 0",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	db_bind_text(st, 4, query);
	db_bind_text(st, 5, query);
	struct lauthor *v = NULL;
	size_t cnt = 0, alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, cnt + 1, alloc);
		struct lauthor *a = &v[cnt++];
		a->platform = xstrdup(db_col_text(st, 0));
		a->handle = xstrdup(db_col_text(st, 1));
		a->followers = db_col_int(st, 2);
		a->mentions = db_col_int(st, 3);
		a->positive = db_col_int(st, 4);
		a->neutral = db_col_int(st, 5);
		a->negative = db_col_int(st, 6);
	}
	db_finalize(st);
	if (r >= 0) {
		authors_side(v, cnt, true, limit, amb, namb);
		authors_side(v, cnt, false, limit, det, ndet);
	}
	lauthor_free(v, cnt);
	return r < 0 ? r : 0;
}

void lauthor_free(struct lauthor *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].platform);
		free(v[i].handle);
	}
	free(v);
}

int lstore_hourly(struct db *db, int64_t query_id, int64_t from, int64_t to, struct lhour **out, size_t *n,
		  struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT hour, volume, negative FROM listen_hourly WHERE query_id = ? AND hour >= ? AND hour < ? ORDER BY hour",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, query_id);
	db_bind_int(st, 2, from / 3600);
	db_bind_int(st, 3, (to + 3599) / 3600);
	struct lhour *v = NULL;
	size_t cnt = 0, alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, cnt + 1, alloc);
		v[cnt++] = (struct lhour){ db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2) };
	}
	db_finalize(st);
	if (r < 0) {
		free(v);
		return r;
	}
	*out = v;
	*n = cnt;
	return 0;
}

int lstore_texts(struct db *db, int64_t ws, int64_t from, int64_t to, const char *query, lstore_text_fn *fn,
		 void *ctx, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT m.created_at, m.text FROM mentions m WHERE m.workspace_id = ? AND m.created_at >= ?"
			   " AND m.created_at < ? AND (? IS NULL OR EXISTS (SELECT 1 FROM mention_matches mm"
			   " JOIN listen_queries q ON q.id = mm.query_id WHERE mm.mention_id = m.id AND q.name = ?))",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	db_bind_text(st, 4, query);
	db_bind_text(st, 5, query);
	while ((r = db_step(st, e)) == DB_ROW)
		fn(ctx, db_col_int(st, 0), db_col_text(st, 1), db_col_bytes(st, 1));
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* The names of the queries mention `id` matches, sorted, into m. */
static int mention_queries(struct db_stmt *st, int64_t id, struct lmention *m, struct err *e)
{
	db_reset(st);
	db_bind_int(st, 1, id);
	size_t alloc = 0;
	int r;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(m->queries, m->nqueries + 1, alloc);
		m->queries[m->nqueries++] = xstrdup(db_col_text(st, 0));
	}
	return r < 0 ? r : 0;
}

int lstore_mentions(struct db *db, int64_t ws, const struct lmention_filter *f, struct lmention **out, size_t *n,
		    struct err *e)
{
	*out = NULL;
	*n = 0;
	int sentiment = SENT_NEUTRAL; /* enum sentiment; the table stores it less SENT_NEUTRAL: -1, 0, 1 */
	if (f->sentiment && (sentiment = sentiment_parse(f->sentiment, strlen(f->sentiment))) < 0)
		return err_set(e, ERR_USAGE, "unknown sentiment '%s' (negative, neutral or positive)", f->sentiment);
	if (f->intent && intent_parse(f->intent) < 0)
		return err_set(e, ERR_USAGE, "unknown intent '%s' (complaint, question, praise or other)", f->intent);
	int r;
	struct db_stmt *st, *qs;
	if (f->query) {
		if ((r = db_prepare(db, &st, "SELECT 1 FROM listen_queries WHERE workspace_id = ? AND name = ?", e)) < 0)
			return r;
		db_bind_int(st, 1, ws);
		db_bind_text(st, 2, f->query);
		r = db_step(st, e);
		db_finalize(st);
		if (r < 0)
			return r;
		if (r != DB_ROW)
			return err_set(e, ERR_NOTFOUND, "no tracked query %s", f->query);
	}
	if ((r = db_prepare(db, &st,
			    "SELECT m.id, m.platform, m.remote_id, m.author, m.lang, m.text, m.url, m.reply_to, m.intent,"
			    " m.created_at, m.followers, m.likes, m.reposts, m.replies, m.sentiment, m.score"
			    " FROM mentions m WHERE m.workspace_id = ? AND m.created_at >= ? AND m.created_at < ?"
			    " AND (? IS NULL OR EXISTS (SELECT 1 FROM mention_matches mm JOIN listen_queries q ON q.id = mm.query_id"
			    "      WHERE mm.mention_id = m.id AND q.name = ?))"
			    " AND (? = 0 OR m.sentiment = ?) AND (? IS NULL OR m.intent = ?)"
			    /* as lang: in a query: "nl" is also "nl-BE" and "nl_NL", in any case */
			    " AND (? IS NULL OR lower(m.lang) = lower(?)"
			    "      OR lower(substr(m.lang, 1, length(?) + 1)) IN (lower(?) || '-', lower(?) || '_'))"
			    " ORDER BY m.created_at DESC, m.id DESC LIMIT ?",
			    e)) < 0)
		return r;
	if ((r = db_prepare(db, &qs,
			    "SELECT q.name FROM mention_matches mm JOIN listen_queries q ON q.id = mm.query_id"
			    " WHERE mm.mention_id = ? ORDER BY q.name",
			    e)) < 0) {
		db_finalize(st);
		return r;
	}
	db_bind_int(st, 1, ws);
	db_bind_int(st, 2, f->from);
	db_bind_int(st, 3, f->to);
	db_bind_text(st, 4, f->query);
	db_bind_text(st, 5, f->query);
	db_bind_int(st, 6, f->sentiment != NULL);
	db_bind_int(st, 7, sentiment - SENT_NEUTRAL);
	db_bind_text(st, 8, f->intent);
	db_bind_text(st, 9, f->intent);
	/* a language with a region ("nl-BE") only matches itself */
	const char *primary = f->lang && !f->lang[strcspn(f->lang, "-_")] ? f->lang : NULL;
	db_bind_text(st, 10, f->lang);
	db_bind_text(st, 11, f->lang);
	for (int i = 12; i <= 14; i++)
		db_bind_text(st, i, primary);
	db_bind_int(st, 15, (int64_t)f->limit);
	struct lmention *v = NULL;
	size_t cnt = 0, alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(v, cnt + 1, alloc);
		struct lmention *m = &v[cnt++];
		memset(m, 0, sizeof(*m));
		m->id = db_col_int(st, 0);
		char **strs[] = { &m->platform, &m->remote_id, &m->author, &m->lang, &m->text, &m->url, &m->reply_to, &m->intent };
		for (int i = 0; i < 8; i++)
			*strs[i] = db_col_dup(st, 1 + i);
		int64_t *nums[] = { &m->created_at, &m->followers, &m->likes, &m->reposts, &m->replies };
		for (int i = 0; i < 5; i++)
			*nums[i] = db_col_int(st, 9 + i);
		int64_t sent = db_col_int(st, 14);
		m->sentiment = (sent > 0) - (sent < 0);
		m->score = db_col_double(st, 15);
		if ((r = mention_queries(qs, m->id, m, e)) < 0)
			break;
	}
	db_finalize(st);
	db_finalize(qs);
	if (r < 0) {
		lmention_free(v, cnt);
		return r;
	}
	*out = v;
	*n = cnt;
	return 0;
}

void lmention_free(struct lmention *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct lmention *m = &v[i];
		char *strs[] = { m->platform, m->remote_id, m->author, m->lang, m->text, m->url, m->reply_to, m->intent };
		for (int k = 0; k < 8; k++)
			free(strs[k]);
		for (size_t k = 0; k < m->nqueries; k++)
			free(m->queries[k]);
		free(m->queries);
	}
	free(v);
}

int lstore_span(struct db *db, int64_t ws, int64_t *first, int64_t *last, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, "SELECT first_at, last_at FROM listen_span WHERE workspace_id = ?", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	r = db_step(st, e);
	*first = r == DB_ROW ? db_col_int(st, 0) : 0;
	*last = r == DB_ROW ? db_col_int(st, 1) : 0;
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* ---- compiled queries ---- */

struct lstore_cache_ctx {
	struct db *db;
	int64_t ws;
};

static bool cache_get(void *ctx, const char *key, char **blob, size_t *len)
{
	const struct lstore_cache_ctx *c = ctx;
	struct err e = { 0 };
	struct db_stmt *st;
	if (db_prepare(c->db, &st, "SELECT db FROM listen_compiled WHERE workspace_id = ? AND key = ?", &e) < 0)
		return false;
	db_bind_int(st, 1, c->ws);
	db_bind_text(st, 2, key);
	bool found = db_step(st, &e) == DB_ROW && db_col_bytes(st, 0) > 0;
	if (found) {
		*len = db_col_bytes(st, 0);
		*blob = xmalloc(*len);
		memcpy(*blob, db_col_blob(st, 0), *len);
	}
	db_finalize(st);
	return found;
}

static void cache_put(void *ctx, const char *key, const char *blob, size_t len)
{
	const struct lstore_cache_ctx *c = ctx;
	struct err e = { 0 };
	struct db_stmt *st;
	if (db_prepare(c->db, &st,
		       "INSERT INTO listen_compiled(workspace_id, key, db) VALUES (?, ?, ?)"
		       " ON CONFLICT(workspace_id) DO UPDATE SET key = excluded.key, db = excluded.db", &e) < 0)
		return;
	db_bind_int(st, 1, c->ws);
	db_bind_text(st, 2, key);
	db_bind_blob(st, 3, blob, len);
	db_step(st, &e);
	db_finalize(st);
}

int lstore_compile(struct db *db, int64_t ws, struct query_set **set, int64_t **ids, struct err *e)
{
	*set = query_set_new();
	*ids = NULL;
	struct db_stmt *st;
	int r = db_prepare(db, &st, "SELECT id, name, expr FROM listen_queries WHERE workspace_id = ? AND active = 1 ORDER BY id", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	size_t alloc = 0, n = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		struct err qe = { .lang = e->lang };
		if (query_set_add(*set, db_col_text(st, 1), db_col_text(st, 2), &qe) < 0) {
			r = err_set(e, ERR_DATA, "query %s: %s", db_col_text(st, 1), qe.msg);
			break;
		}
		ALLOC_GROW(*ids, n + 1, alloc);
		(*ids)[n++] = db_col_int(st, 0);
	}
	db_finalize(st);
	if (r < 0)
		return r;
	if (n == 0)
		return err_set(e, ERR_DATA, "no tracked queries: import a plan with listening topics or add one with 'koers listen query add'");
	struct lstore_cache_ctx c = { db, ws };
	const struct query_cache qc = { cache_get, cache_put, &c };
	return query_set_compile_cached(*set, &qc, e);
}
