/*
 * engine — the ingest pipeline (see engine.h).
 *
 * A batch goes FREE -> (filled by the calling thread) QUEUED -> (processed
 * by a worker) DONE -> (stored by the calling thread, in sequence order)
 * FREE. Workers only touch the batch they took from the queue, so the only
 * shared state is the queue and the batch states under one mutex.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"
#include "db/db.h"
#include "listen/classify.h"
#include "listen/engine.h"
#include "listen/lstore.h"
#include "listen/query.h"

#define BATCH_DEFAULT 16384u
/*
 * Records per transaction. Every commit writes each page it changed to the
 * WAL again, and the unique index of mentions changes all over on every
 * batch: one commit per 256 Ki records instead of one per 16 Ki cut the
 * writes of the 1M-mention bench ingest from 317k to 67k pwrite calls
 * (strace -c).
 */
#define TX_DEFAULT 262144u
#define BATCH_BYTES (8u << 20)
/* Hourly aggregates merge over a whole transaction (a busy query's hour is
 * one upsert, not one per batch) until this many wait. */
#define AGG_PENDING 65536u
#define NOSTR UINT32_MAX

enum rec_kind { REC_RAW, REC_PARSED, REC_BAD };
enum rec_out { OUT_BAD, OUT_NOMATCH, OUT_MATCH };

/* A mention flattened into a batch arena: strings as offsets (NOSTR: absent). */
struct flat {
	uint32_t platform, id, author, lang, url, reply_to, text, text_len;
	int64_t created_at, followers, likes, reposts, replies;
};

struct rec {
	enum rec_kind kind;
	enum rec_out out;
	uint32_t off, len; /* REC_RAW: the line in `in` */
	uint32_t prob;     /* REC_BAD / OUT_BAD: index into probs */
	unsigned long line, record;
	struct flat in_m;  /* REC_PARSED: strings in `in` */
	struct flat out_m; /* OUT_MATCH: strings in `out` */
	uint32_t q_off, q_n;
	bool classified; /* OUT_MATCH: sentiment, score and intent are set */
	int sentiment; /* -1, 0, 1 */
	float score;
	enum intent intent;
};

enum batch_state { B_FREE, B_QUEUED, B_TAKEN, B_DONE };

struct arena {
	char *p;
	size_t len, alloc;
};

struct batch {
	enum batch_state state;
	uint64_t seq;
	struct rec *recs;
	size_t n, alloc;
	struct arena in, out;
	unsigned *qids;
	size_t nq, qalloc;
	struct ingest_problem *probs;
	size_t nprob, palloc;
	int fatal; /* a worker failed (Hyperscan) */
};

struct worker {
	struct listen_engine *en;
	pthread_t tid;
	struct query_scratch *qs;
	struct words *ws;
	struct ingest_hold *hold;
};

struct listen_engine {
	struct db *db;
	int64_t ws;
	struct listen_engine_opts o;
	struct query_set *set;
	int64_t *qdb; /* set id -> listen_queries.id */
	struct classifier *cls;
	struct batch *batches;
	size_t nbatches;
	unsigned batch_recs; /* records per batch of work */
	unsigned tx_recs;    /* records per transaction: a multiple of batch_recs */
	bool in_tx;
	struct listen_stats pending; /* stored in the open transaction, not committed yet */
	int64_t span_first, span_last; /* created_at of the mentions it stored (first > last: none) */
	struct agg *aggs;            /* hourly aggregates of the open transaction, not merged yet */
	size_t nagg, agg_alloc;
	struct worker *workers; /* one per thread; [0] is the calling thread's */
	int nworkers;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	bool quit;
	uint64_t kill_after, inserted; /* test hook, see store_batch() */
	struct db_stmt *ins_mention, *ins_match, *up_hour, *up_span;
};

const char listen_sql_mention[] =
	"INSERT INTO mentions(workspace_id, platform, remote_id, author, created_at, lang, text, url, reply_to,"
	" followers, likes, reposts, replies, sentiment, score, intent)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	" ON CONFLICT(workspace_id, platform, remote_id) DO NOTHING";
const char listen_sql_match[] =
	"INSERT INTO mention_matches(mention_id, query_id) VALUES (?, ?) ON CONFLICT DO NOTHING";

/* ---- arenas ---- */

static uint32_t arena_add(struct arena *a, const char *s, size_t n)
{
	if (!s)
		return NOSTR;
	ALLOC_GROW(a->p, a->len + n + 1, a->alloc);
	uint32_t off = (uint32_t)a->len;
	memcpy(a->p + a->len, s, n);
	a->p[a->len + n] = '\0';
	a->len += n + 1;
	return off;
}

static uint32_t arena_str(struct arena *a, const char *s)
{
	return s ? arena_add(a, s, strlen(s)) : NOSTR;
}

static const char *arena_get(const struct arena *a, uint32_t off)
{
	return off == NOSTR ? NULL : a->p + off;
}

static void flatten(struct arena *a, const struct mention *m, struct flat *f)
{
	f->platform = arena_str(a, m->platform);
	f->id = arena_str(a, m->id);
	f->author = arena_str(a, m->author);
	f->lang = arena_str(a, m->lang);
	f->url = arena_str(a, m->url);
	f->reply_to = arena_str(a, m->reply_to);
	f->text = arena_add(a, m->text, m->text_len);
	f->text_len = (uint32_t)m->text_len;
	f->created_at = m->created_at;
	f->followers = m->followers;
	f->likes = m->likes;
	f->reposts = m->reposts;
	f->replies = m->replies;
}

static void unflatten(const struct arena *a, const struct flat *f, struct mention *m)
{
	m->platform = arena_get(a, f->platform);
	m->id = arena_get(a, f->id);
	m->author = arena_get(a, f->author);
	m->lang = arena_get(a, f->lang);
	m->url = arena_get(a, f->url);
	m->reply_to = arena_get(a, f->reply_to);
	m->text = arena_get(a, f->text);
	m->text_len = f->text_len;
	m->created_at = f->created_at;
	m->followers = f->followers;
	m->likes = f->likes;
	m->reposts = f->reposts;
	m->replies = f->replies;
}

static struct rec *batch_rec(struct batch *b)
{
	ALLOC_GROW(b->recs, b->n + 1, b->alloc);
	struct rec *r = &b->recs[b->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

static uint32_t batch_prob(struct batch *b, const struct ingest_problem *p)
{
	ALLOC_GROW(b->probs, b->nprob + 1, b->palloc);
	b->probs[b->nprob] = *p;
	return (uint32_t)b->nprob++;
}

static void batch_reset(struct batch *b)
{
	b->n = b->nq = b->nprob = 0;
	b->in.len = b->out.len = 0;
	b->fatal = 0;
}

/* ---- processing (workers) ---- */

static void set_class(struct rec *r, const struct classify_result *cr)
{
	r->classified = true;
	r->sentiment = cr->sentiment == SENT_POSITIVE ? 1 : cr->sentiment == SENT_NEGATIVE ? -1 : 0;
	r->score = cr->score;
	r->intent = cr->intent;
}

static void process_rec(struct worker *w, struct batch *b, struct rec *r)
{
	const struct listen_engine *en = w->en;
	struct mention m;
	struct ingest_problem p;
	if (r->kind == REC_BAD) {
		r->out = OUT_BAD;
		return;
	}
	if (r->kind == REC_RAW) {
		if (ingest_parse_jsonl(b->in.p + r->off, r->len, r->line, r->record, &en->o.io, w->hold, &m, &p) != INGEST_RECORD) {
			r->out = OUT_BAD;
			r->prob = batch_prob(b, &p);
			return;
		}
	} else {
		unflatten(&b->in, &r->in_m, &m);
	}
	struct classify_result cr;
	bool classified = false;
	const char *lang = m.lang;
	if (!lang) { /* lang: filters need the language: detect it first */
		classify_text(en->cls, w->ws, m.text, m.text_len, LANGID__COUNT, &cr);
		classified = true;
		lang = langid_name(cr.lang);
	}
	struct query_mention qm = { m.text, m.text_len, lang, m.platform, m.author };
	const unsigned *ids;
	int nm = query_set_match(en->set, w->qs, &qm, &ids);
	if (nm < 0)
		b->fatal = 1;
	if (nm <= 0) {
		r->out = OUT_NOMATCH;
		return;
	}
	r->out = OUT_MATCH;
	if (classified)
		set_class(r, &cr);
	m.lang = lang;
	flatten(&b->out, &m, &r->out_m);
	ALLOC_GROW(b->qids, b->nq + (size_t)nm, b->qalloc);
	r->q_off = (uint32_t)b->nq;
	r->q_n = (uint32_t)nm;
	memcpy(b->qids + b->nq, ids, (size_t)nm * sizeof(*ids));
	b->nq += (size_t)nm;
}

/*
 * Two passes: parse and match every record, then classify the matched ones.
 * The classifiers' word table and model weights (megabytes) then stay in the
 * caches from one text to the next, instead of being pushed out by the
 * parsing and matching of the records in between.
 */
static void process_batch(struct worker *w, struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		process_rec(w, b, &b->recs[i]);
	for (size_t i = 0; i < b->n; i++) {
		struct rec *r = &b->recs[i];
		if (r->out != OUT_MATCH || r->classified)
			continue;
		struct classify_result cr;
		enum langid lang = langid_parse(arena_get(&b->out, r->out_m.lang));
		classify_text(w->en->cls, w->ws, arena_get(&b->out, r->out_m.text), r->out_m.text_len, lang, &cr);
		set_class(r, &cr);
	}
}

/* The queued batch with the lowest sequence number, taken; NULL when none. Under en->mu. */
static struct batch *take_queued(struct listen_engine *en)
{
	struct batch *b = NULL;
	for (size_t i = 0; i < en->nbatches; i++)
		if (en->batches[i].state == B_QUEUED && (!b || en->batches[i].seq < b->seq))
			b = &en->batches[i];
	if (b)
		b->state = B_TAKEN;
	return b;
}

/* Process b outside the lock, then mark it done. Under en->mu. */
static void process_taken(struct worker *w, struct batch *b)
{
	struct listen_engine *en = w->en;
	pthread_mutex_unlock(&en->mu);
	process_batch(w, b);
	pthread_mutex_lock(&en->mu);
	b->state = B_DONE;
	pthread_cond_broadcast(&en->done);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct listen_engine *en = w->en;
	pthread_mutex_lock(&en->mu);
	for (;;) {
		struct batch *b = NULL;
		while (!en->quit && !(b = take_queued(en)))
			pthread_cond_wait(&en->work, &en->mu);
		if (!b)
			break;
		process_taken(w, b);
	}
	pthread_mutex_unlock(&en->mu);
	return NULL;
}

/* ---- setup ---- */

static int worker_init(struct listen_engine *en, struct worker *w, struct err *e)
{
	w->en = en;
	w->ws = xmalloc(sizeof(*w->ws));
	w->hold = ingest_hold_new();
	w->qs = query_scratch_new(en->set, e);
	return w->qs ? 0 : ERR_IO;
}

static void worker_release(struct worker *w)
{
	free(w->ws);
	ingest_hold_free(w->hold);
	query_scratch_free(w->qs);
}

int listen_engine_new(struct listen_engine **out, struct db *db, int64_t ws, const struct listen_engine_opts *o,
		      struct err *e)
{
	struct listen_engine *en = xcalloc(1, sizeof(*en));
	en->db = db;
	en->ws = ws;
	en->o = *o;
	if (en->o.threads < 1)
		en->o.threads = 1;
	en->tx_recs = o->batch ? o->batch : TX_DEFAULT;
	en->batch_recs = en->tx_recs < BATCH_DEFAULT ? en->tx_recs : BATCH_DEFAULT;
	pthread_mutex_init(&en->mu, NULL);
	pthread_cond_init(&en->work, NULL);
	pthread_cond_init(&en->done, NULL);
	const char *kill = getenv("KOERS_TEST_KILL_AFTER");
	en->kill_after = kill ? strtoull(kill, NULL, 10) : 0;
	*out = en;

	int r = lstore_compile(db, ws, &en->set, &en->qdb, e);
	if (r < 0)
		return r;
	if ((r = classifier_new(&en->cls, 1, e)) < 0)
		return r;
	if (o->model) {
		struct smodel *m;
		if ((r = smodel_load(o->model, o->model_len, "model", &m, e)) < 0)
			return r;
		classifier_set_model(en->cls, m);
	}
	/* Context 0 is the calling thread's: it reads and stores, and processes
	 * batches itself whenever it would otherwise wait for a worker, so N
	 * threads share all of the work whichever part is the larger. */
	en->nworkers = en->o.threads;
	/* Four batches a thread in flight: the workers keep going while the
	 * calling thread waits for a commit to reach the disk (1M bench, two
	 * threads: 5 % less wall time than with two a thread, 38 MB more). */
	en->nbatches = en->o.threads == 1 ? 1 : 4 * (size_t)en->nworkers + 1;
	en->batches = xcalloc(en->nbatches, sizeof(*en->batches));
	en->workers = xcalloc((size_t)en->nworkers, sizeof(*en->workers));
	for (int i = 0; i < en->nworkers; i++)
		if ((r = worker_init(en, &en->workers[i], e)) < 0)
			return r;
	static const char *const sql[] = {
		listen_sql_mention,
		listen_sql_match,
		"INSERT INTO listen_hourly(query_id, hour, volume, positive, neutral, negative, reach, engagement)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(query_id, hour) DO UPDATE SET"
		" volume = volume + excluded.volume, positive = positive + excluded.positive,"
		" neutral = neutral + excluded.neutral, negative = negative + excluded.negative,"
		" reach = reach + excluded.reach, engagement = engagement + excluded.engagement",
		"INSERT INTO listen_span(workspace_id, first_at, last_at) VALUES (?, ?, ?) ON CONFLICT(workspace_id) DO UPDATE SET"
		" first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)",
	};
	struct db_stmt **sts[] = { &en->ins_mention, &en->ins_match, &en->up_hour, &en->up_span };
	for (size_t i = 0; i < sizeof(sts) / sizeof(*sts); i++)
		if ((r = db_prepare(db, sts[i], sql[i], e)) < 0)
			return r;
	return 0;
}

size_t listen_engine_queries(const struct listen_engine *en)
{
	return query_set_count(en->set);
}

void listen_engine_free(struct listen_engine *en)
{
	if (!en)
		return;
	db_finalize(en->ins_mention);
	db_finalize(en->ins_match);
	db_finalize(en->up_hour);
	db_finalize(en->up_span);
	for (int i = 0; en->workers && i < en->nworkers; i++)
		worker_release(&en->workers[i]);
	free(en->workers);
	for (size_t i = 0; i < en->nbatches; i++) {
		struct batch *b = &en->batches[i];
		free(b->recs);
		free(b->in.p);
		free(b->out.p);
		free(b->qids);
		free(b->probs);
	}
	free(en->batches);
	free(en->aggs);
	classifier_free(en->cls);
	query_set_free(en->set);
	free(en->qdb);
	pthread_mutex_destroy(&en->mu);
	pthread_cond_destroy(&en->work);
	pthread_cond_destroy(&en->done);
	free(en);
}

/* ---- reading ---- */

/* Lines of koers JSON lines, read in large blocks. */
struct lines {
	FILE *in;
	char *buf;
	size_t start, end, cap;
	bool eof;
	unsigned long line, record;
};

/* The next non-blank line: 1 (*p, *n), 0 at the end, -1 over the cap (skipped). */
static int lines_next(struct lines *L, const char **p, size_t *n)
{
	for (;;) {
		char *nl = L->end > L->start ? memchr(L->buf + L->start, '\n', L->end - L->start) : NULL;
		if (!nl && !L->eof) {
			if (L->start > 0) {
				memmove(L->buf, L->buf + L->start, L->end - L->start);
				L->end -= L->start;
				L->start = 0;
			}
			if (L->end == L->cap) { /* a line longer than the buffer: skip to its end */
				L->line++;
				L->record++;
				for (;;) {
					size_t got = fread(L->buf, 1, L->cap, L->in);
					char *q = got ? memchr(L->buf, '\n', got) : NULL;
					if (q) {
						L->start = (size_t)(q - L->buf) + 1;
						L->end = got;
						break;
					}
					if (got == 0) {
						L->eof = true;
						L->start = L->end = 0;
						break;
					}
				}
				return -1;
			}
			size_t got = fread(L->buf + L->end, 1, L->cap - L->end, L->in);
			L->end += got;
			if (got == 0)
				L->eof = true;
			continue;
		}
		if (!nl && L->start == L->end)
			return 0;
		size_t len = nl ? (size_t)(nl - (L->buf + L->start)) : L->end - L->start;
		const char *s = L->buf + L->start;
		L->start += len + (nl != NULL);
		L->line++;
		if (len && s[len - 1] == '\r')
			len--;
		size_t k = 0;
		while (k < len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == len)
			continue;
		L->record++;
		*p = s;
		*n = len;
		return 1;
	}
}

struct source {
	struct lines L;
	struct ingest_reader *rd;
	const char *name;
};

/* Fill b from the input: > 0 records added, 0 at the end, < 0 an error (e set). */
static int fill_batch(struct listen_engine *en, struct source *src, struct batch *b, struct err *e)
{
	batch_reset(b);
	enum lang lg = en->o.io.lang;
	while (b->n < en->batch_recs && b->in.len < BATCH_BYTES) {
		struct rec *r;
		if (en->o.format == INGEST_JSONL) {
			const char *p;
			size_t n;
			int k = lines_next(&src->L, &p, &n);
			if (k == 0)
				break;
			r = batch_rec(b);
			r->line = src->L.line;
			r->record = src->L.record;
			if (k < 0) {
				struct ingest_problem pr;
				ingest_bad(&pr, lg, INGEST_R_TOO_LONG, r->line, r->record, "longer than %u bytes", INGEST_LINE_CAP);
				r->kind = REC_BAD;
				r->prob = batch_prob(b, &pr);
				continue;
			}
			r->kind = REC_RAW;
			r->off = arena_add(&b->in, p, n);
			r->len = (uint32_t)n;
			continue;
		}
		struct mention m;
		struct ingest_problem pr;
		int k = ingest_next(src->rd, &m, &pr, e);
		if (k < 0)
			return k;
		if (k == INGEST_END)
			break;
		r = batch_rec(b);
		if (k == INGEST_BAD) {
			r->kind = REC_BAD;
			r->line = pr.line;
			r->record = pr.record;
			r->prob = batch_prob(b, &pr);
			continue;
		}
		r->kind = REC_PARSED;
		flatten(&b->in, &m, &r->in_m);
	}
	if (en->o.format == INGEST_JSONL && ferror(src->L.in))
		return err_set(e, ERR_IO, "%s: read error", src->name);
	return (int)(b->n > 0);
}

/* ---- storing ---- */

struct agg {
	int64_t q, hour, vol, pos, neu, neg, reach, eng;
};

static int agg_cmp(const void *a, const void *b)
{
	const struct agg *x = a, *y = b;
	return x->q != y->q ? (x->q < y->q ? -1 : 1) : x->hour != y->hour ? (x->hour < y->hour ? -1 : 1) : 0;
}

/* Add the pending hourly aggregates to listen_hourly, one upsert per (query, hour). */
static int flush_aggs(struct listen_engine *en, struct err *e)
{
	struct agg *v = en->aggs;
	size_t n = en->nagg;
	en->nagg = 0;
	if (!n)
		return 0; /* v may be NULL, which qsort does not take */
	qsort(v, n, sizeof(*v), agg_cmp);
	for (size_t i = 0; i < n;) {
		struct agg a = v[i];
		size_t j = i + 1;
		for (; j < n && v[j].q == a.q && v[j].hour == a.hour; j++) {
			a.vol += v[j].vol;
			a.pos += v[j].pos;
			a.neu += v[j].neu;
			a.neg += v[j].neg;
			a.reach += v[j].reach;
			a.eng += v[j].eng;
		}
		i = j;
		struct db_stmt *st = en->up_hour;
		db_reset(st);
		int64_t vals[] = { a.q, a.hour, a.vol, a.pos, a.neu, a.neg, a.reach, a.eng };
		for (int k = 0; k < 8; k++)
			db_bind_int(st, k + 1, vals[k]);
		int r = db_step(st, e);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Strings of a batch outlive its statements' steps: bind them without a copy. */
static void bind_ref(struct db_stmt *st, int idx, const char *s)
{
	db_bind_text_ref(st, idx, s, s ? strlen(s) : 0);
}

static void stats_add(struct listen_stats *to, const struct listen_stats *d)
{
	to->read += d->read;
	to->matched += d->matched;
	to->matches += d->matches;
	to->stored += d->stored;
	to->duplicates += d->duplicates;
	to->rejected += d->rejected;
	for (int i = 0; i < INGEST_R__COUNT; i++)
		to->rejected_by[i] += d->rejected_by[i];
}

/*
 * Store b inside the open transaction. Returns 0, 1 when `strict` stopped at
 * a bad record, or an error. Its counters wait in en->pending for the commit.
 */
static int store_batch(struct listen_engine *en, struct batch *b, const char *name, struct err *e)
{
	if (b->fatal)
		return err_set(e, ERR_IO, "query matching failed");
	struct listen_stats d = { 0 };
	int r = 0, stopped = 0;
	for (size_t i = 0; r >= 0 && i < b->n; i++) {
		struct rec *x = &b->recs[i];
		d.read++;
		if (x->out == OUT_BAD) {
			const struct ingest_problem *p = &b->probs[x->prob];
			d.rejected++;
			d.rejected_by[p->reason]++;
			if (en->o.problem)
				en->o.problem(en->o.ctx, name, p);
			if (en->o.strict) {
				stopped = 1;
				break;
			}
			continue;
		}
		if (x->out != OUT_MATCH)
			continue;
		d.matched++;
		d.matches += x->q_n;
		struct mention m;
		unflatten(&b->out, &x->out_m, &m);
		struct db_stmt *s = en->ins_mention;
		db_reset(s);
		db_bind_int(s, 1, en->ws);
		bind_ref(s, 2, m.platform);
		bind_ref(s, 3, m.id);
		bind_ref(s, 4, m.author);
		db_bind_int(s, 5, m.created_at);
		bind_ref(s, 6, m.lang);
		db_bind_text_ref(s, 7, m.text, m.text_len);
		bind_ref(s, 8, m.url);
		bind_ref(s, 9, m.reply_to);
		db_bind_int(s, 10, m.followers);
		db_bind_int(s, 11, m.likes);
		db_bind_int(s, 12, m.reposts);
		db_bind_int(s, 13, m.replies);
		db_bind_int(s, 14, x->sentiment);
		db_bind_double(s, 15, x->score);
		bind_ref(s, 16, intent_name(x->intent));
		r = db_step(s, e);
		if (r < 0)
			break;
		if (db_changes(en->db) == 0) { /* (asking for the id is cheaper than RETURNING it) */
			d.duplicates++;
			continue;
		}
		int64_t id = db_last_id(en->db);
		d.stored++;
		if (m.created_at < en->span_first)
			en->span_first = m.created_at;
		if (m.created_at > en->span_last)
			en->span_last = m.created_at;
		int64_t eng = m.likes + m.reposts + m.replies;
		int64_t hour = m.created_at >= 0 ? m.created_at / 3600 : -((-m.created_at + 3599) / 3600);
		for (uint32_t k = 0; r >= 0 && k < x->q_n; k++) {
			int64_t q = en->qdb[b->qids[x->q_off + k]];
			struct db_stmt *mt = en->ins_match;
			db_reset(mt);
			db_bind_int(mt, 1, id);
			db_bind_int(mt, 2, q);
			r = db_step(mt, e);
			ALLOC_GROW(en->aggs, en->nagg + 1, en->agg_alloc);
			en->aggs[en->nagg++] = (struct agg){ q, hour, 1, x->sentiment > 0, x->sentiment == 0, x->sentiment < 0,
						     m.followers, eng };
		}
		/* Test hook for the kill-and-rerun test: die inside the transaction. */
		if (en->kill_after && ++en->inserted >= en->kill_after)
			raise(SIGKILL);
	}
	for (int k = 2; k <= 9; k++) /* the batch's strings were bound by reference */
		db_bind_null(en->ins_mention, k);
	if (r >= 0 && en->nagg >= AGG_PENDING)
		r = flush_aggs(en, e);
	if (r < 0)
		return r;
	stats_add(&en->pending, &d);
	return stopped;
}

static int tx_begin(struct listen_engine *en, struct err *e)
{
	if (en->in_tx)
		return 0;
	int r = db_begin(en->db, e);
	en->in_tx = r >= 0;
	en->span_first = INT64_MAX;
	en->span_last = INT64_MIN;
	return r;
}

/* Widen the workspace's span (schema 0009) by the mentions the transaction stored. */
static int flush_span(struct listen_engine *en, struct err *e)
{
	if (en->span_first > en->span_last)
		return 0;
	struct db_stmt *st = en->up_span;
	db_reset(st);
	db_bind_int(st, 1, en->ws);
	db_bind_int(st, 2, en->span_first);
	db_bind_int(st, 3, en->span_last);
	return db_step(st, e);
}

/* Commit the open transaction; only then do its counters reach *st. */
static int tx_commit(struct listen_engine *en, struct listen_stats *st, struct err *e)
{
	if (!en->in_tx)
		return 0;
	int r = flush_aggs(en, e);
	if (r >= 0)
		r = flush_span(en, e);
	en->in_tx = false;
	if (r >= 0)
		r = db_commit(en->db, e);
	if (r < 0) {
		db_rollback(en->db);
		return r;
	}
	stats_add(st, &en->pending);
	en->pending = (struct listen_stats){ 0 };
	if (en->o.progress)
		en->o.progress(en->o.ctx, st);
	return 0;
}

static void tx_rollback(struct listen_engine *en)
{
	if (en->in_tx)
		db_rollback(en->db);
	en->in_tx = false;
	en->nagg = 0;
	en->pending = (struct listen_stats){ 0 };
}

/* ---- the run ---- */

/* CPU seconds of the calling thread: what storing costs, apart from the rest. */
static double thread_cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int listen_engine_run(struct listen_engine *en, FILE *in, const char *name, struct listen_stats *st, struct err *e)
{
	struct source src = { .name = name };
	int r = 0;
	if (en->o.format == INGEST_JSONL) {
		src.L.in = in;
		src.L.cap = INGEST_LINE_CAP + 1;
		src.L.buf = xmalloc(src.L.cap);
	} else if ((r = ingest_open(&src.rd, en->o.format, in, name, &en->o.io, e)) < 0) {
		return r;
	}
	if ((r = db_bulk(en->db, true, e)) < 0) {
		free(src.L.buf);
		ingest_free(src.rd);
		return r;
	}
	bool threaded = en->o.threads > 1;
	en->quit = false;
	int started = 1; /* threads running workers[0 .. started) */
	if (threaded)
		for (; started < en->nworkers; started++)
			if (pthread_create(&en->workers[started].tid, NULL, worker_main, &en->workers[started]))
				break;
	uint64_t next_fill = 0, next_store = 0;
	bool eof = false, stop = false;
	for (size_t i = 0; i < en->nbatches; i++)
		en->batches[i].state = B_FREE;
	for (;;) {
		struct batch *fb = NULL;
		if (!eof && !stop) {
			pthread_mutex_lock(&en->mu);
			for (size_t i = 0; i < en->nbatches && !fb; i++)
				if (en->batches[i].state == B_FREE)
					fb = &en->batches[i];
			pthread_mutex_unlock(&en->mu);
		}
		if (fb) {
			int k = fill_batch(en, &src, fb, e);
			if (k < 0) {
				r = k;
				stop = true;
				continue;
			}
			if (k == 0) {
				eof = true;
				continue;
			}
			fb->seq = next_fill++;
			if (!threaded) {
				process_batch(&en->workers[0], fb);
				fb->state = B_DONE;
			} else {
				pthread_mutex_lock(&en->mu);
				fb->state = B_QUEUED;
				pthread_cond_signal(&en->work);
				pthread_mutex_unlock(&en->mu);
				continue; /* keep the workers fed before storing */
			}
		}
		if (next_store == next_fill)
			break; /* nothing in flight: done */
		struct batch *sb = NULL;
		pthread_mutex_lock(&en->mu);
		for (;;) {
			for (size_t i = 0; i < en->nbatches && !sb; i++)
				if (en->batches[i].seq == next_store && en->batches[i].state != B_FREE)
					sb = &en->batches[i];
			if (sb && sb->state == B_DONE)
				break;
			struct batch *qb = take_queued(en);
			if (qb)
				process_taken(&en->workers[0], qb);
			else
				pthread_cond_wait(&en->done, &en->mu);
			sb = NULL;
		}
		pthread_mutex_unlock(&en->mu);
		if (!stop) {
			double t0 = thread_cpu();
			int k = tx_begin(en, e);
			if (k >= 0)
				k = store_batch(en, sb, name, e);
			if (k >= 0 && (k > 0 || en->pending.read >= en->tx_recs)) {
				int c = tx_commit(en, st, e);
				k = c < 0 ? c : k;
			}
			st->store_seconds += thread_cpu() - t0;
			if (k < 0) {
				r = k;
				tx_rollback(en);
				stop = true;
			} else if (k > 0) {
				r = err_set(e, ERR_DATA, "stopped at the first bad record (--strict)");
				stop = true;
			}
		}
		pthread_mutex_lock(&en->mu);
		sb->state = B_FREE;
		pthread_mutex_unlock(&en->mu);
		next_store++;
	}
	double t0 = thread_cpu();
	if (r >= 0)
		r = tx_commit(en, st, e);
	tx_rollback(en);
	st->store_seconds += thread_cpu() - t0;
	if (threaded) {
		pthread_mutex_lock(&en->mu);
		en->quit = true;
		pthread_cond_broadcast(&en->work);
		pthread_mutex_unlock(&en->mu);
		for (int i = 1; i < started; i++)
			pthread_join(en->workers[i].tid, NULL);
	}
	free(src.L.buf);
	ingest_free(src.rd);
	struct err be = { .lang = e->lang };
	int rb = db_bulk(en->db, false, &be);
	if (r >= 0 && rb < 0) {
		*e = be;
		r = rb;
	}
	return r;
}
