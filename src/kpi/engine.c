#include "kpi/engine.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/tz.h"
#include "base/xalloc.h"
#include "db/db.h"
#include "kpi/catalog.h"
#include "plan/plan.h"

struct acct {
	char *channel;
	int64_t day;
	double followers, gained, lost;
};

struct web {
	char *channel; /* the plan channel the source belongs to, or NULL */
	char *campaign; /* utm campaign as given */
	char *pillar, *persona; /* of the koers post named by utm_content, or NULL */
	int64_t day;
	bool social;
	double sessions, key_events, revenue;
};

struct campaign_map {
	char *id, *utm;
};

struct kpi_data {
	const struct tz *zone;
	struct kpi_post *posts;
	size_t nposts, aposts;
	struct acct *acct;
	size_t nacct, aacct;
	struct web *web;
	size_t nweb, aweb;
	struct kpi_cost *costs;
	size_t ncosts, acosts;
	struct campaign_map *camps;
	size_t ncamps;
	char **plan_channels, **plan_pillars, **plan_personas;
	size_t nplan_channels, nplan_pillars, nplan_personas;
	double value_per_conversion;
	struct kpi_mention *mentions;
	size_t nmentions, amentions;
	bool have_listening; /* the listening tables exist */
};

/* Website sources by platform: a GA4 session source containing the pattern
 * (case-insensitive) came from that platform. */
static const struct {
	const char *pattern, *platform;
} source_platforms[] = {
	{ "instagram", "instagram" }, { "facebook", "facebook" }, { "fb", "facebook" },
	{ "linkedin", "linkedin" }, { "lnkd.in", "linkedin" }, { "t.co", "x" }, { "twitter", "x" },
	{ "x.com", "x" }, { "mastodon", "mastodon" }, { "bsky", "bluesky" }, { "bluesky", "bluesky" },
	{ "threads", "threads" }, { "youtube", "youtube" }, { "tiktok", "tiktok" },
	{ "pinterest", "pinterest" }, { "whatsapp", "whatsapp" }, { "newsletter", "newsletter" },
	{ "mailchimp", "newsletter" }, { "x", "x" }, { "ig", "instagram" }, { "li", "linkedin" },
};

static bool icontains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

static const char *channel_of_platform(const struct plan *p, const char *platform)
{
	if (p)
		for (size_t i = 0; i < p->channels.n; i++) {
			const struct plan_channel *c = &((const struct plan_channel *)p->channels.v)[i];
			if (c->platform && c->id && !strcmp(c->platform, platform))
				return c->id;
		}
	return platform;
}

static const char *channel_of_source(const struct plan *p, const char *source)
{
	/* koers tags its own links with utm_source = the plan channel id */
	if (p)
		for (size_t i = 0; i < p->channels.n; i++) {
			const struct plan_channel *c = &((const struct plan_channel *)p->channels.v)[i];
			if (c->id && !strcasecmp(c->id, source))
				return c->id;
		}
	for (size_t i = 0; i < sizeof(source_platforms) / sizeof(source_platforms[0]); i++) {
		const char *pat = source_platforms[i].pattern;
		/* short patterns (x, ig, li, fb) only as the whole source */
		if (strlen(pat) <= 2 ? !strcasecmp(source, pat) : icontains(source, pat))
			return channel_of_platform(p, source_platforms[i].platform);
	}
	return NULL;
}

static char *dup_or_null(struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) || !db_col_text(st, col)[0] ? NULL : xstrdup(db_col_text(st, col));
}

static double num(struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NAN : db_col_double(st, col);
}

static int64_t day_of(const char *s)
{
	int64_t d = 0;
	iso_parse_date(s, &d, NULL, NULL);
	return d;
}

static int load_rows(struct db *db, int64_t ws, const char *sql, struct err *e,
		     void (*row)(struct kpi_data *, struct db_stmt *, const struct plan *), struct kpi_data *d,
		     const struct plan *p)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st, sql, e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	while ((r = db_step(st, e)) == DB_ROW)
		row(d, st, p);
	db_finalize(st);
	return r < 0 ? r : 0;
}

static void post_row(struct kpi_data *d, struct db_stmt *st, const struct plan *p)
{
	ALLOC_GROW(d->posts, d->nposts + 1, d->aposts);
	struct kpi_post *k = &d->posts[d->nposts++];
	memset(k, 0, sizeof(*k));
	k->channel = xstrdup(db_col_text(st, 0));
	k->remote_id = xstrdup(db_col_text(st, 1));
	k->url = dup_or_null(st, 2);
	k->text = dup_or_null(st, 3);
	k->pillar = dup_or_null(st, 4);
	k->persona = dup_or_null(st, 5);
	k->campaign = dup_or_null(st, 6);
	k->t = db_col_int(st, 7);
	k->has_time = db_col_int(st, 8) != 0;
	k->impressions = num(st, 9);
	k->reach = num(st, 10);
	k->engagements = num(st, 11);
	k->shares = num(st, 12);
	k->clicks = num(st, 13);
	struct tz_local l;
	tz_to_local(d->zone, k->t, &l);
	k->day = iso_days_from_civil(l.year, l.month, l.day);
	k->weekday = l.weekday;
	k->hour = l.hour;
}

static void mention_row(struct kpi_data *d, struct db_stmt *st, const struct plan *p)
{
	ALLOC_GROW(d->mentions, d->nmentions + 1, d->amentions);
	const char *kinds = db_col_text(st, 5);
	/* competitor-only mentions count for share of voice, not as the brand's */
	bool competitor = kinds[0] && !strcmp(kinds, "competitor");
	d->mentions[d->nmentions++] = (struct kpi_mention){
		.t = db_col_int(st, 0), .sentiment = (int)db_col_int(st, 1), .author = dup_or_null(st, 2),
		.channel = xstrdup(channel_of_platform(p, db_col_text(st, 3))), .followers = db_col_double(st, 4),
		.competitor = competitor,
	};
}

static int post_by_time(const void *a, const void *b)
{
	const struct kpi_post *x = a, *y = b;
	int c = (x->t > y->t) - (x->t < y->t);
	if (!c)
		c = strcmp(x->channel, y->channel);
	return c ? c : strcmp(x->remote_id, y->remote_id);
}

static void acct_row(struct kpi_data *d, struct db_stmt *st, const struct plan *p)
{
	ALLOC_GROW(d->acct, d->nacct + 1, d->aacct);
	d->acct[d->nacct++] = (struct acct){ xstrdup(db_col_text(st, 0)), day_of(db_col_text(st, 1)), num(st, 2),
					     num(st, 3), num(st, 4) };
}

static void web_row(struct kpi_data *d, struct db_stmt *st, const struct plan *p)
{
	ALLOC_GROW(d->web, d->nweb + 1, d->aweb);
	const char *src = db_col_text(st, 1), *ch = channel_of_source(p, src);
	d->web[d->nweb++] = (struct web){
		.day = day_of(db_col_text(st, 0)),
		.channel = ch ? xstrdup(ch) : NULL,
		.social = icontains(db_col_text(st, 2), "social") || (ch && !db_col_text(st, 2)[0]),
		.campaign = dup_or_null(st, 3),
		.sessions = num(st, 4), .key_events = num(st, 5), .revenue = num(st, 6),
		.pillar = dup_or_null(st, 7), .persona = dup_or_null(st, 8),
	};
}

static void cost_row(struct kpi_data *d, struct db_stmt *st, const struct plan *p)
{
	ALLOC_GROW(d->costs, d->ncosts + 1, d->acosts);
	d->costs[d->ncosts++] = (struct kpi_cost){ dup_or_null(st, 1), dup_or_null(st, 2), xstrdup(db_col_text(st, 3)),
					       day_of(db_col_text(st, 0)), db_col_double(st, 4), db_col_double(st, 5) };
}

static char **ids_of(const struct plan_list *l, size_t size, size_t id_offset, size_t *n)
{
	char **v = xcalloc(l->n + 1, sizeof(char *));
	*n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const char *id = *(char *const *)((const char *)l->v + i * size + id_offset);
		if (id)
			v[(*n)++] = xstrdup(id);
	}
	return v;
}

int kpi_data_load(struct db *db, int64_t ws, const struct plan *plan, const struct tz *zone, struct kpi_data **out,
		  struct err *e)
{
	struct kpi_data *d = xcalloc(1, sizeof(*d));
	d->zone = zone;
	d->value_per_conversion = plan ? plan->evaluation.value_per_conversion : NAN;
	if (plan) {
		d->camps = xcalloc(plan->campaigns.n + 1, sizeof(*d->camps));
		for (size_t i = 0; i < plan->campaigns.n; i++) {
			const struct plan_campaign *c = &((const struct plan_campaign *)plan->campaigns.v)[i];
			if (!c->id)
				continue;
			d->camps[d->ncamps].id = xstrdup(c->id);
			d->camps[d->ncamps++].utm = xstrdup(c->utm_campaign ? c->utm_campaign : c->id);
		}
		d->plan_channels = ids_of(&plan->channels, sizeof(struct plan_channel),
					  offsetof(struct plan_channel, id), &d->nplan_channels);
		d->plan_pillars = ids_of(&plan->content.pillars, sizeof(struct plan_pillar),
					 offsetof(struct plan_pillar, id), &d->nplan_pillars);
		d->plan_personas = ids_of(&plan->personas, sizeof(struct plan_persona),
					  offsetof(struct plan_persona, id), &d->nplan_personas);
	}
	int r = load_rows(db, ws,
			  "SELECT m.channel, m.remote_id, m.url, coalesce(p.body, m.text),"
			  " coalesce(p.pillar, m.pillar), coalesce(p.persona, m.persona),"
			  " coalesce(p.campaign, m.campaign), m.published_at, m.has_time, m.impressions, m.reach,"
			  " m.engagements, m.shares, m.clicks"
			  " FROM post_metrics m LEFT JOIN posts p ON p.id = m.post_id"
			  " WHERE m.workspace_id = ? ORDER BY m.published_at, m.channel, m.remote_id",
			  e, post_row, d, plan);
	/* Posts koers published that no export has measured yet still count as
	 * published (their figures are "not given"). */
	if (!r)
		r = load_rows(db, ws,
			      "SELECT pc.channel, coalesce(pc.remote_id, 'koers-' || p.id), pc.remote_url,"
			      " coalesce(pc.body, p.body), p.pillar, p.persona, p.campaign, pc.published_at, 1,"
			      " NULL, NULL, NULL, NULL, NULL"
			      " FROM post_channels pc JOIN posts p ON p.id = pc.post_id"
			      " WHERE p.workspace_id = ?1 AND pc.published_at IS NOT NULL AND NOT EXISTS"
			      " (SELECT 1 FROM post_metrics m WHERE m.workspace_id = ?1 AND m.post_id = p.id"
			      " AND m.channel = pc.channel)",
			      e, post_row, d, plan);
	if (!r && d->nposts > 1)
		qsort(d->posts, d->nposts, sizeof(*d->posts), post_by_time);
	if (!r)
		r = load_rows(db, ws,
			      "SELECT channel, day, followers, followers_gained, followers_lost FROM account_metrics"
			      " WHERE workspace_id = ? ORDER BY channel, day",
			      e, acct_row, d, plan);
	if (!r)
		r = load_rows(db, ws,
			      /* utm_content holds the koers post id of the link (content/utm.h). */
			      "SELECT w.day, w.source, w.medium, w.campaign, w.sessions, w.key_events, w.revenue,"
			      " p.pillar, p.persona FROM web_metrics w LEFT JOIN posts p"
			      " ON p.workspace_id = w.workspace_id AND CAST(p.id AS TEXT) = w.content"
			      " WHERE w.workspace_id = ? ORDER BY w.day, w.source, w.medium, w.campaign, w.content",
			      e, web_row, d, plan);
	if (!r)
		r = load_rows(db, ws,
			      "SELECT day, campaign, channel, category, amount, hours FROM costs"
			      " WHERE workspace_id = ? ORDER BY day, category, campaign, channel, note",
			      e, cost_row, d, plan);
	if (r < 0) {
		kpi_data_free(d);
		return r;
	}
	/* Listening data, when the listening module's tables are there. */
	struct db_stmt *probe;
	struct err pe = { 0 };
	if (db_prepare(db, &probe, "SELECT 1 FROM mentions LIMIT 1", &pe) == 0) {
		db_finalize(probe);
		d->have_listening = true;
		r = load_rows(db, ws,
			      "SELECT m.created_at, m.sentiment, m.author, m.platform, m.followers,"
			      " coalesce((SELECT group_concat(DISTINCT q.kind) FROM mention_matches mm"
			      " JOIN listen_queries q ON q.id = mm.query_id WHERE mm.mention_id = m.id), '')"
			      " FROM mentions m WHERE m.workspace_id = ? ORDER BY m.created_at, m.id",
			      e, mention_row, d, plan);
		if (r < 0) {
			kpi_data_free(d);
			return r;
		}
	}
	*out = d;
	return 0;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void kpi_data_free(struct kpi_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nposts; i++) {
		struct kpi_post *p = &d->posts[i];
		free(p->channel), free(p->remote_id), free(p->url), free(p->text);
		free(p->pillar), free(p->persona), free(p->campaign);
	}
	free(d->posts);
	for (size_t i = 0; i < d->nacct; i++)
		free(d->acct[i].channel);
	free(d->acct);
	for (size_t i = 0; i < d->nweb; i++)
		free(d->web[i].channel), free(d->web[i].campaign), free(d->web[i].pillar), free(d->web[i].persona);
	free(d->web);
	for (size_t i = 0; i < d->ncosts; i++)
		free(d->costs[i].campaign), free(d->costs[i].channel), free(d->costs[i].category);
	free(d->costs);
	for (size_t i = 0; i < d->ncamps; i++)
		free(d->camps[i].id), free(d->camps[i].utm);
	free(d->camps);
	for (size_t i = 0; i < d->nmentions; i++)
		free(d->mentions[i].author), free(d->mentions[i].channel);
	free(d->mentions);
	free_strv(d->plan_channels, d->nplan_channels);
	free_strv(d->plan_pillars, d->nplan_pillars);
	free_strv(d->plan_personas, d->nplan_personas);
	free(d);
}

const struct tz *kpi_data_zone(const struct kpi_data *d) { return d->zone; }

size_t kpi_count(void)
{
	size_t n = 0;
	while (kpi_catalog[n].id)
		n++;
	return n;
}

int kpi_index(const char *id)
{
	for (size_t i = 0; kpi_catalog[i].id; i++)
		if (!strcmp(kpi_catalog[i].id, id))
			return (int)i;
	return -1;
}

static bool eq(const char *want, const char *have)
{
	return !want || (have && !strcmp(want, have));
}

bool kpi_post_matches(const struct kpi_post *p, const struct kpi_filter *f)
{
	return eq(f->channel, p->channel) && eq(f->campaign, p->campaign) && eq(f->pillar, p->pillar) &&
	       eq(f->persona, p->persona);
}

static const char *utm_of(const struct kpi_data *d, const char *campaign)
{
	for (size_t i = 0; i < d->ncamps; i++)
		if (!strcmp(d->camps[i].id, campaign))
			return d->camps[i].utm;
	return campaign;
}

/* The last follower count of a channel before local day `end_day`. */
static double level(const struct kpi_data *d, const char *channel, int64_t end_day)
{
	double v = NAN;
	for (size_t i = 0; i < d->nacct; i++)
		if (!strcmp(d->acct[i].channel, channel) && d->acct[i].day < end_day && !isnan(d->acct[i].followers))
			v = d->acct[i].followers;
	return v;
}

static double first_level_from(const struct kpi_data *d, const char *channel, int64_t day, int64_t end_day)
{
	for (size_t i = 0; i < d->nacct; i++)
		if (!strcmp(d->acct[i].channel, channel) && d->acct[i].day >= day && d->acct[i].day < end_day &&
		    !isnan(d->acct[i].followers))
			return d->acct[i].followers;
	return NAN;
}

/* Followers over the channels named (one, or every channel with counts). */
static void followers(const struct kpi_data *d, const char *channel, const struct iso_range *r, double *end,
		      double *start)
{
	*end = *start = NAN;
	for (size_t i = 0; i < d->nacct; i++) {
		const char *ch = d->acct[i].channel;
		if (channel ? strcmp(ch, channel) : (i > 0 && !strcmp(ch, d->acct[i - 1].channel)))
			continue; /* with no channel, visit each channel once (rows are ordered by channel) */
		double e1 = level(d, ch, r->end_day);
		double s1 = level(d, ch, r->first_day);
		if (isnan(s1))
			s1 = first_level_from(d, ch, r->first_day, r->end_day);
		if (!isnan(e1))
			*end = (isnan(*end) ? 0 : *end) + e1;
		if (!isnan(s1))
			*start = (isnan(*start) ? 0 : *start) + s1;
		if (channel)
			break;
	}
}

static void add(double *sum, double v)
{
	if (!isnan(v))
		*sum = (isnan(*sum) ? 0 : *sum) + v;
}

static double ratio(double a, double b, double scale)
{
	return isnan(a) || isnan(b) || b == 0 ? NAN : a / b * scale;
}

#define SET(id, val) values[kpi_index(id)] = (val)

void kpi_compute(const struct kpi_data *d, const struct kpi_filter *f, const struct iso_range *r, double *values)
{
	size_t n = kpi_count();
	for (size_t i = 0; i < n; i++)
		values[i] = NAN;
	double impr = NAN, reach = NAN, eng = NAN, clicks = NAN, shares = NAN;
	double eng_paired = NAN, impr_for_eng = NAN, clicks_paired = NAN, impr_for_clicks = NAN;
	size_t posts = 0, posts_with_shares = 0;
	const char *seen_channels[64];
	size_t nseen = 0;
	for (size_t i = 0; i < d->nposts; i++) {
		const struct kpi_post *p = &d->posts[i];
		if (p->t < r->start || p->t >= r->end || !kpi_post_matches(p, f))
			continue;
		posts++;
		add(&impr, p->impressions);
		add(&reach, p->reach);
		add(&eng, p->engagements);
		add(&clicks, p->clicks);
		if (!isnan(p->shares))
			add(&shares, p->shares), posts_with_shares++;
		if (!isnan(p->engagements) && !isnan(p->impressions))
			add(&eng_paired, p->engagements), add(&impr_for_eng, p->impressions);
		if (!isnan(p->clicks) && !isnan(p->impressions))
			add(&clicks_paired, p->clicks), add(&impr_for_clicks, p->impressions);
		bool known = false;
		for (size_t k = 0; k < nseen && !known; k++)
			known = !strcmp(seen_channels[k], p->channel);
		if (!known && nseen < 64)
			seen_channels[nseen++] = p->channel;
	}
	/* Followers belong to channels: a slice by campaign, pillar or persona
	 * counts the followers of the channels its posts went to. */
	double f_end = NAN, f_start = NAN;
	if (f->channel || (!f->campaign && !f->pillar && !f->persona)) {
		followers(d, f->channel, r, &f_end, &f_start);
	} else {
		for (size_t k = 0; k < nseen; k++) {
			double e1, s1;
			followers(d, seen_channels[k], r, &e1, &s1);
			add(&f_end, e1);
			add(&f_start, s1);
		}
	}
	SET("followers", f_end);
	SET("follower_growth", ratio(f_end - f_start, f_start, 100));
	if (posts) {
		SET("posts_published", (double)posts);
		SET("impressions", impr);
		SET("reach", reach);
		SET("engagements", eng);
		SET("clicks", clicks);
		SET("engagement_rate", ratio(eng_paired, impr_for_eng, 100));
		SET("ctr", ratio(clicks_paired, impr_for_clicks, 100));
		if (posts_with_shares)
			SET("amplification_rate", ratio(shares / (double)posts_with_shares, f_end, 100));
	}
	/* Website: sessions from social media. By pillar or persona only the
	 * rows whose utm_content names a koers post can tell; costs cannot. */
	double sessions = NAN, conv = NAN, revenue = NAN, cost = NAN;
	const char *utm = f->campaign ? utm_of(d, f->campaign) : NULL;
	for (size_t i = 0; i < d->nweb; i++) {
		const struct web *w = &d->web[i];
		if (w->day < r->first_day || w->day >= r->end_day || !w->social)
			continue;
		if (!eq(f->channel, w->channel) || !eq(utm, w->campaign) || !eq(f->pillar, w->pillar) ||
		    !eq(f->persona, w->persona))
			continue;
		add(&sessions, w->sessions);
		add(&conv, w->key_events);
		add(&revenue, w->revenue);
	}
	if (!f->pillar && !f->persona) {
		for (size_t i = 0; i < d->ncosts; i++) {
			const struct kpi_cost *c = &d->costs[i];
			if (c->day < r->first_day || c->day >= r->end_day)
				continue;
			if (!eq(f->channel, c->channel) || !eq(f->campaign, c->campaign))
				continue;
			add(&cost, c->amount);
		}
	}
	/* Listening: the brand's mentions (not competitor-only ones) by platform. */
	if (d->have_listening && !f->campaign && !f->pillar && !f->persona) {
		size_t brand = 0, comp = 0, pos = 0, neg = 0;
		for (size_t i = 0; i < d->nmentions; i++) {
			const struct kpi_mention *m = &d->mentions[i];
			if (m->t < r->start || m->t >= r->end || !eq(f->channel, m->channel))
				continue;
			if (m->competitor) {
				comp++;
				continue;
			}
			brand++;
			pos += m->sentiment > 0;
			neg += m->sentiment < 0;
		}
		if (brand || comp) {
			SET("mentions", (double)brand);
			SET("sentiment_net", ratio((double)pos - (double)neg, (double)brand, 100));
			if (comp)
				SET("share_of_voice", ratio((double)brand, (double)(brand + comp), 100));
		}
	}
	SET("conversions", conv);
	SET("conversion_rate", ratio(conv, sessions, 100));
	SET("revenue", revenue);
	SET("cost", cost);
	SET("cpc", ratio(cost, clicks, 1));
	SET("cost_per_conversion", ratio(cost, conv, 1));
	double value = !isnan(revenue) && revenue > 0 ? revenue
		       : !isnan(conv) && !isnan(d->value_per_conversion) ? conv * d->value_per_conversion
									: NAN;
	SET("roi", ratio(value - cost, cost, 100));
}

bool kpi_data_span(const struct kpi_data *d, int64_t *first, int64_t *last)
{
	bool any = false;
	int64_t lo = 0, hi = 0;
#define SEE(x)                                                                                                 \
	do {                                                                                                   \
		int64_t x_ = (x);                                                                              \
		if (!any || x_ < lo)                                                                           \
			lo = x_;                                                                               \
		if (!any || x_ > hi)                                                                           \
			hi = x_;                                                                               \
		any = true;                                                                                    \
	} while (0)
	for (size_t i = 0; i < d->nposts; i++)
		SEE(d->posts[i].day);
	for (size_t i = 0; i < d->nacct; i++)
		SEE(d->acct[i].day);
	for (size_t i = 0; i < d->nweb; i++)
		SEE(d->web[i].day);
	for (size_t i = 0; i < d->nmentions; i++) {
		struct tz_local l;
		tz_to_local(d->zone, d->mentions[i].t, &l);
		SEE(iso_days_from_civil(l.year, l.month, l.day));
	}
#undef SEE
	*first = lo, *last = hi;
	return any;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_unique(char ***v, size_t *n, size_t *alloc, const char *s)
{
	if (!s || !*s)
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], s))
			return;
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = xstrdup(s);
}

size_t kpi_dim_values(const struct kpi_data *d, enum kpi_dim dim, char ***out)
{
	char **v = NULL;
	size_t n = 0, alloc = 0;
	for (size_t i = 0; i < d->nposts; i++) {
		const struct kpi_post *p = &d->posts[i];
		add_unique(&v, &n, &alloc,
			   dim == KPI_BY_CHANNEL ? p->channel
			   : dim == KPI_BY_CAMPAIGN ? p->campaign
			   : dim == KPI_BY_PILLAR ? p->pillar
			   : dim == KPI_BY_PERSONA ? p->persona : NULL);
	}
	if (dim == KPI_BY_CHANNEL) {
		for (size_t i = 0; i < d->nacct; i++)
			add_unique(&v, &n, &alloc, d->acct[i].channel);
		for (size_t i = 0; i < d->nweb; i++)
			add_unique(&v, &n, &alloc, d->web[i].channel);
		for (size_t i = 0; i < d->nmentions; i++)
			add_unique(&v, &n, &alloc, d->mentions[i].channel);
	}
	if (dim == KPI_BY_CAMPAIGN)
		for (size_t i = 0; i < d->ncamps; i++)
			add_unique(&v, &n, &alloc, d->camps[i].id);
	for (size_t i = 0; i < d->nweb && (dim == KPI_BY_PILLAR || dim == KPI_BY_PERSONA); i++)
		add_unique(&v, &n, &alloc, dim == KPI_BY_PILLAR ? d->web[i].pillar : d->web[i].persona);
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	*out = v;
	return n;
}

static const char *const dim_names[] = {
	[KPI_BY_ALL] = "all", [KPI_BY_CHANNEL] = "channel", [KPI_BY_CAMPAIGN] = "campaign",
	[KPI_BY_PILLAR] = "pillar", [KPI_BY_PERSONA] = "persona",
};

int kpi_dim_parse(const char *s, enum kpi_dim *out)
{
	for (size_t i = 0; i < sizeof(dim_names) / sizeof(dim_names[0]); i++)
		if (!strcmp(s, dim_names[i])) {
			*out = (enum kpi_dim)i;
			return 0;
		}
	return -1;
}

const char *kpi_dim_name(enum kpi_dim dim) { return dim_names[dim]; }

const struct kpi_post *kpi_posts(const struct kpi_data *d, size_t *n)
{
	*n = d->nposts;
	return d->posts;
}

int kpi_period_parse(const char *s, const struct tz *zone, struct iso_range *out, struct err *e)
{
	const char *dots = strstr(s, "..");
	if (!dots) {
		if (iso_parse_period(s, zone, out, e, NULL) < 0)
			return err_set(e, ERR_USAGE, "period '%s': %s", s, e->msg);
		return 0;
	}
	char from[16], to[16];
	int64_t a, b;
	if ((size_t)(dots - s) >= sizeof(from) || strlen(dots + 2) >= sizeof(to))
		return err_set(e, ERR_USAGE, "period '%s': expected FROM..TO with two dates", s);
	snprintf(from, sizeof(from), "%.*s", (int)(dots - s), s);
	snprintf(to, sizeof(to), "%s", dots + 2);
	if (iso_parse_date(from, &a, e, NULL) < 0 || iso_parse_date(to, &b, e, NULL) < 0)
		return err_set(e, ERR_USAGE, "period '%s': %s", s, e->msg);
	if (b < a)
		return err_set(e, ERR_USAGE, "period '%s': the end is before the start", s);
	iso_range_of_days(zone, ISO_PERIOD_DAY, a, b + 1, out);
	return 0;
}

void kpi_period_label(const struct iso_range *r, char *buf, size_t n)
{
	int64_t y;
	unsigned m, d;
	iso_civil_from_days(r->first_day, &y, &m, &d);
	char a[ISO_BUFSZ], b[ISO_BUFSZ];
	switch (r->kind) {
	case ISO_PERIOD_YEAR:
		snprintf(buf, n, "%04lld", (long long)y);
		return;
	case ISO_PERIOD_QUARTER:
		snprintf(buf, n, "%04lld-Q%u", (long long)y, (m + 2) / 3);
		return;
	case ISO_PERIOD_MONTH:
		snprintf(buf, n, "%04lld-%02u", (long long)y, m);
		return;
	case ISO_PERIOD_WEEK: {
		int64_t wy;
		unsigned w;
		iso_week_of(r->first_day, &wy, &w);
		iso_format_week(wy, w, a);
		snprintf(buf, n, "%s", a);
		return;
	}
	case ISO_PERIOD_DAY:
		iso_format_date(r->first_day, a);
		if (r->end_day == r->first_day + 1) {
			snprintf(buf, n, "%s", a);
		} else {
			iso_format_date(r->end_day - 1, b);
			snprintf(buf, n, "%s..%s", a, b);
		}
		return;
	}
}

static int64_t next_boundary(int64_t day, enum iso_period_kind kind)
{
	int64_t y;
	unsigned m, d;
	iso_civil_from_days(day, &y, &m, &d);
	switch (kind) {
	case ISO_PERIOD_DAY:
		return day + 1;
	case ISO_PERIOD_WEEK:
		return day + 8 - iso_weekday(day);
	case ISO_PERIOD_MONTH:
		return m == 12 ? iso_days_from_civil(y + 1, 1, 1) : iso_days_from_civil(y, m + 1, 1);
	case ISO_PERIOD_QUARTER: {
		unsigned q = (m - 1) / 3 + 1;
		return q == 4 ? iso_days_from_civil(y + 1, 1, 1) : iso_days_from_civil(y, 3 * q + 1, 1);
	}
	case ISO_PERIOD_YEAR:
		return iso_days_from_civil(y + 1, 1, 1);
	}
	return day + 1;
}

size_t kpi_period_split(const struct tz *zone, const struct iso_range *r, enum iso_period_kind kind,
			struct iso_range **out)
{
	struct iso_range *v = NULL;
	size_t n = 0, alloc = 0;
	for (int64_t day = r->first_day; day < r->end_day && n < 4000;) {
		int64_t next = next_boundary(day, kind);
		if (next > r->end_day)
			next = r->end_day;
		ALLOC_GROW(v, n + 1, alloc);
		/* a clipped piece is labelled as a custom range */
		iso_range_of_days(zone, kind, day, next, &v[n]);
		if (kind != ISO_PERIOD_DAY) {
			int64_t full_start = day;
			bool whole = next == next_boundary(full_start, kind);
			/* whole only if the piece also starts on the period's first day */
			int64_t y;
			unsigned m, d;
			iso_civil_from_days(day, &y, &m, &d);
			bool starts = kind == ISO_PERIOD_WEEK ? iso_weekday(day) == 1
				      : kind == ISO_PERIOD_MONTH ? d == 1
				      : kind == ISO_PERIOD_QUARTER ? d == 1 && (m - 1) % 3 == 0
								   : d == 1 && m == 1;
			v[n].kind = whole && starts ? kind : ISO_PERIOD_DAY;
		}
		n++;
		day = next;
	}
	*out = v;
	return n;
}

const struct kpi_cost *kpi_costs(const struct kpi_data *d, size_t *n)
{
	*n = d->ncosts;
	return d->costs;
}

double kpi_value_per_conversion(const struct kpi_data *d) { return d->value_per_conversion; }

const struct kpi_mention *kpi_mentions(const struct kpi_data *d, size_t *n)
{
	*n = d->nmentions;
	return d->mentions;
}

bool kpi_have_listening(const struct kpi_data *d) { return d->have_listening; }
