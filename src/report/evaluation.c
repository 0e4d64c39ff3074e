#include "report/evaluation.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "base/tz.h"
#include "base/xalloc.h"
#include "content/calendar.h"
#include "content/post.h"
#include "content/text.h"
#include "db/db.h"
#include "kpi/besttime.h"
#include "kpi/catalog.h"
#include "kpi/engine.h"
#include "kpi/goals.h"
#include "plan/plan.h"
#include "report/chart.h"
#include "report/kpifmt.h"
#include "report/numfmt.h"

/* ---- the model ---- */

static struct rtable table_new(const char *id, const char *section, const char *title, size_t ncols,
			       const char *const *headers)
{
	struct rtable t = { .id = xstrdup(id), .section = xstrdup(section), .title = xstrdup(title), .ncols = ncols };
	t.headers = xcalloc(ncols, sizeof(char *));
	for (size_t c = 0; c < ncols; c++)
		t.headers[c] = xstrdup(headers[c]);
	return t;
}

static size_t row_new(struct rtable *t)
{
	size_t r = t->nrows;
	if (r + 1 > t->arows) {
		size_t old = t->arows;
		t->arows = old ? old * 2 : 8;
		t->types = xrealloc(t->types, t->arows * t->ncols * sizeof(*t->types));
		t->text = xrealloc(t->text, t->arows * t->ncols * sizeof(*t->text));
		t->num = xrealloc(t->num, t->arows * t->ncols * sizeof(*t->num));
	}
	for (size_t c = 0; c < t->ncols; c++) {
		t->types[r * t->ncols + c] = RC_TEXT;
		t->text[r * t->ncols + c] = NULL;
		t->num[r * t->ncols + c] = NAN;
	}
	t->nrows++;
	return r;
}

static void cell_text(struct rtable *t, size_t r, size_t c, const char *s)
{
	free(t->text[r * t->ncols + c]);
	t->text[r * t->ncols + c] = xstrdup(s ? s : "");
	t->types[r * t->ncols + c] = RC_TEXT;
}

static void cell_num(struct rtable *t, size_t r, size_t c, enum rcell type, double v)
{
	t->types[r * t->ncols + c] = type;
	t->num[r * t->ncols + c] = v;
}

static void cell_date(struct rtable *t, size_t r, size_t c, int64_t day)
{
	char b[ISO_BUFSZ];
	iso_format_date(day, b);
	cell_text(t, r, c, b);
	t->types[r * t->ncols + c] = RC_DATE;
}

static void add_table(struct report *rep, struct rtable *t)
{
	ALLOC_GROW(rep->tables, rep->ntables + 1, rep->atables);
	rep->tables[rep->ntables++] = *t;
}

static void add_rec(struct report *rep, char *s)
{
	ALLOC_GROW(rep->recs, rep->nrecs + 1, rep->arecs);
	rep->recs[rep->nrecs++] = s;
}

static enum rcell unit_cell(enum kpi_unit u)
{
	return u == KPI_COUNT ? RC_COUNT : u == KPI_PERCENT ? RC_PERCENT : u == KPI_MONEY ? RC_MONEY : RC_NUMBER;
}

/* ---- building ---- */

struct build {
	struct db *db;
	int64_t ws;
	struct report *rep;
	const struct plan *plan;
	const struct tz *zone;
	const struct iso_range *period;
	struct kpi_data *d;
	enum lang lang;
	struct goal_eval *goals;
	size_t ngoals;
	char **channels;
	size_t nchannels;
};

#define L(s) tr(b->lang, s)

static void build_goals(struct build *b)
{
	const char *h[] = { L("Goal"), L("KPI"), L("Channel"), L("Baseline"), L("Target"), L("Deadline"), L("Current"),
			    L("Progress"), L("Forecast"), L("Forecast low"), L("Forecast high"), L("Status"), L("Reason") };
	struct rtable t = table_new("goals", L("Goals"), L("Goals: status and forecast"), 13, h);
	const char **labels = xcalloc(b->ngoals + 1, sizeof(char *));
	double *prog = xcalloc(b->ngoals + 1, sizeof(double));
	for (size_t i = 0; i < b->ngoals; i++) {
		const struct goal_eval *g = &b->goals[i];
		enum rcell u = unit_cell(g->kpi ? g->kpi->unit : KPI_COUNT);
		size_t r = row_new(&t);
		cell_text(&t, r, 0, g->goal->id);
		cell_text(&t, r, 1, g->kpi ? L(g->kpi->name) : g->goal->kpi);
		cell_text(&t, r, 2, g->goal->channel);
		cell_num(&t, r, 3, u, g->goal->baseline);
		cell_num(&t, r, 4, u, g->goal->target);
		int64_t dl;
		if (g->goal->deadline && !iso_parse_date(g->goal->deadline, &dl, NULL, NULL))
			cell_date(&t, r, 5, dl);
		cell_num(&t, r, 6, u, g->current);
		cell_num(&t, r, 7, RC_PERCENT, g->progress);
		cell_num(&t, r, 8, u, g->forecast);
		cell_num(&t, r, 9, u, g->lo);
		cell_num(&t, r, 10, u, g->hi);
		cell_text(&t, r, 11, L(goal_status_name(g->status)));
		cell_text(&t, r, 12, g->reason);
		labels[i] = g->goal->id ? g->goal->id : "?";
		prog[i] = g->progress;
	}
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	chart_bar(&sb, b->lang, L("Progress from baseline to target"), L("percent of the way"), labels, prog, b->ngoals);
	t.chart = strbuf_detach(&sb, NULL);
	t.doc_cols = 12; /* the reasons go in a list under the table */
	free(labels);
	free(prog);
	add_table(b->rep, &t);
}

static enum iso_period_kind trend_kind(const struct iso_range *p)
{
	int64_t days = p->end_day - p->first_day;
	return days <= 31 ? ISO_PERIOD_WEEK : days <= 370 ? ISO_PERIOD_MONTH : ISO_PERIOD_QUARTER;
}

static void build_trends(struct build *b)
{
	struct iso_range *pieces;
	size_t np = kpi_period_split(b->zone, b->period, trend_kind(b->period), &pieces);
	size_t nk = kpi_count();
	double *v = xcalloc((np + 1) * nk, sizeof(double));
	struct kpi_filter all = { 0 };
	for (size_t i = 0; i < np; i++)
		kpi_compute(b->d, &all, &pieces[i], v + i * nk);
	kpi_compute(b->d, &all, b->period, v + np * nk);
	const char **h = xcalloc(np + 2, sizeof(char *));
	char **labels = xcalloc(np + 1, sizeof(char *));
	h[0] = L("KPI");
	for (size_t i = 0; i < np; i++) {
		labels[i] = xmalloc(64);
		kpi_period_label(&pieces[i], labels[i], 64);
		h[i + 1] = labels[i];
	}
	h[np + 1] = L("Whole period");
	struct rtable t = table_new("kpis", L("KPI trends"), L("KPIs per period"), np + 2, h);
	for (size_t k = 0; k < nk; k++) {
		bool any = false;
		for (size_t i = 0; i <= np; i++)
			any |= !isnan(v[i * nk + k]);
		if (!any)
			continue;
		size_t r = row_new(&t);
		cell_text(&t, r, 0, L(kpi_catalog[k].name));
		for (size_t i = 0; i <= np; i++)
			cell_num(&t, r, i + 1, unit_cell(kpi_catalog[k].unit), v[i * nk + k]);
	}
	/* Line charts of the KPIs people follow most, grouped by unit. */
	static const struct {
		const char *title, *unit, *ids[3];
	} charts[] = {
		{ N_("Impressions and reach"), N_("count"), { "impressions", "reach", NULL } },
		{ N_("Engagements and clicks"), N_("count"), { "engagements", "clicks", NULL } },
		{ N_("Rates"), N_("percent"), { "engagement_rate", "ctr", "conversion_rate" } },
		{ N_("Followers"), N_("followers at the end of the period"), { "followers", NULL, NULL } },
		{ N_("Conversions from social media"), N_("key events"), { "conversions", NULL, NULL } },
	};
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	double *series = xcalloc(3 * (np + 1), sizeof(double));
	for (size_t c = 0; c < sizeof(charts) / sizeof(charts[0]); c++) {
		struct chart_series s[3];
		size_t ns = 0;
		for (size_t j = 0; j < 3 && charts[c].ids[j]; j++) {
			int k = kpi_index(charts[c].ids[j]);
			bool any = false;
			for (size_t i = 0; i < np; i++) {
				series[j * (np + 1) + i] = v[i * nk + (size_t)k];
				any |= !isnan(v[i * nk + (size_t)k]);
			}
			if (any)
				s[ns++] = (struct chart_series){ L(kpi_catalog[k].name), series + j * (np + 1) };
		}
		if (!ns)
			continue;
		/* compact the used series to the front */
		chart_line(&sb, b->lang, L(charts[c].title), L(charts[c].unit), (const char *const *)labels, np, s, ns);
	}
	free(series);
	t.chart = sb.len ? strbuf_detach(&sb, NULL) : NULL;
	strbuf_release(&sb);
	add_table(b->rep, &t);
	for (size_t i = 0; i < np; i++)
		free(labels[i]);
	free(labels);
	free(h);
	free(v);
	free(pieces);
}

static double plan_share(const struct plan *p, const char *pillar)
{
	for (size_t i = 0; p && i < p->content.pillars.n; i++) {
		const struct plan_pillar *pl = &((const struct plan_pillar *)p->content.pillars.v)[i];
		if (pl->id && !strcmp(pl->id, pillar))
			return pl->share;
	}
	return NAN;
}

static void build_dim(struct build *b, enum kpi_dim dim, const char *id, const char *title)
{
	char **vals;
	size_t n = kpi_dim_values(b->d, dim, &vals);
	bool pillar = dim == KPI_BY_PILLAR;
	const char *h[] = { L("Name"), L("Posts"), L("Impressions"), L("Engagements"), L("Engagement rate"), L("Clicks"),
			    L("Click-through rate"), L("Share of posts"), L("Planned share") };
	struct rtable t = table_new(id, L("Content performance"), title, pillar ? 9 : 7, h);
	size_t nk = kpi_count();
	double *v = xcalloc(nk, sizeof(double)), total = 0;
	double *rates = xcalloc(n + 1, sizeof(double)), *posts = xcalloc(n + 1, sizeof(double));
	const char **labels = xcalloc(n + 1, sizeof(char *));
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		struct kpi_filter f = { 0 };
		if (dim == KPI_BY_CHANNEL) f.channel = vals[i];
		if (dim == KPI_BY_PILLAR) f.pillar = vals[i];
		if (dim == KPI_BY_PERSONA) f.persona = vals[i];
		kpi_compute(b->d, &f, b->period, v);
		if (isnan(v[kpi_index("posts_published")]))
			continue;
		size_t r = row_new(&t);
		cell_text(&t, r, 0, vals[i]);
		cell_num(&t, r, 1, RC_COUNT, v[kpi_index("posts_published")]);
		cell_num(&t, r, 2, RC_COUNT, v[kpi_index("impressions")]);
		cell_num(&t, r, 3, RC_COUNT, v[kpi_index("engagements")]);
		cell_num(&t, r, 4, RC_PERCENT, v[kpi_index("engagement_rate")]);
		cell_num(&t, r, 5, RC_COUNT, v[kpi_index("clicks")]);
		cell_num(&t, r, 6, RC_PERCENT, v[kpi_index("ctr")]);
		posts[shown] = v[kpi_index("posts_published")];
		total += posts[shown];
		rates[shown] = v[kpi_index("engagement_rate")];
		labels[shown++] = vals[i];
	}
	if (pillar)
		for (size_t r = 0; r < t.nrows; r++) {
			cell_num(&t, r, 7, RC_PERCENT, total > 0 ? t.num[r * t.ncols + 1] / total * 100 : NAN);
			cell_num(&t, r, 8, RC_PERCENT, plan_share(b->plan, t.text[r * t.ncols]));
		}
	if (shown) {
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		char ct[256];
		snprintf(ct, sizeof(ct), "%s: %s", title, L("engagement rate"));
		chart_bar(&sb, b->lang, ct, L("percent"), labels, rates, shown);
		t.chart = strbuf_detach(&sb, NULL);
	} else {
		t.note = xstrdup(L("no data"));
	}
	add_table(b->rep, &t);
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	free(v), free(rates), free(posts), free(labels);
}

struct ranked {
	const struct kpi_post *p;
	double rate;
};

static int by_rate_desc(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->rate != y->rate)
		return x->rate < y->rate ? 1 : -1;
	return x->p->t < y->p->t ? -1 : x->p->t > y->p->t;
}

/* The first `max` characters of a text, cut at a UTF-8 boundary. */
static char *excerpt(const char *s, size_t max)
{
	if (!s)
		return xstrdup("");
	size_t n = 0, chars = 0;
	while (s[n] && chars < max) {
		n++;
		while (((unsigned char)s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	char *out = xasprintf("%.*s%s", (int)n, s, s[n] ? "…" : "");
	for (char *c = out; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	return out;
}

static void posts_table(struct build *b, const char *id, const char *title, struct ranked *v, size_t from, size_t to)
{
	const char *h[] = { L("Date"), L("Channel"), L("Pillar"), L("Post"), L("Impressions"), L("Engagements"),
			    L("Engagement rate") };
	struct rtable t = table_new(id, L("Top and bottom posts"), title, 7, h);
	for (size_t i = from; i < to; i++) {
		const struct kpi_post *p = v[i].p;
		size_t r = row_new(&t);
		cell_date(&t, r, 0, p->day);
		cell_text(&t, r, 1, p->channel);
		cell_text(&t, r, 2, p->pillar);
		char *x = excerpt(p->text ? p->text : p->url ? p->url : p->remote_id, 70);
		cell_text(&t, r, 3, x);
		free(x);
		cell_num(&t, r, 4, RC_COUNT, p->impressions);
		cell_num(&t, r, 5, RC_COUNT, p->engagements);
		cell_num(&t, r, 6, RC_PERCENT, v[i].rate);
	}
	if (!t.nrows)
		t.note = xstrdup(L("no data"));
	add_table(b->rep, &t);
}

static void build_posts(struct build *b)
{
	size_t n;
	const struct kpi_post *p = kpi_posts(b->d, &n);
	struct ranked *v = xcalloc(n + 1, sizeof(*v));
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (p[i].t >= b->period->start && p[i].t < b->period->end && p[i].impressions > 0 &&
		    !isnan(p[i].engagements))
			v[m++] = (struct ranked){ &p[i], p[i].engagements / p[i].impressions * 100 };
	qsort(v, m, sizeof(*v), by_rate_desc);
	size_t top = m < 5 ? m : 5;
	posts_table(b, "top_posts", L("Top posts by engagement rate"), v, 0, top);
	if (m > 5)
		posts_table(b, "bottom_posts", L("Bottom posts by engagement rate"), v, m - (m - 5 < 5 ? m - 5 : 5), m);
	free(v);
}

static const char *const weekday_names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };

static void build_besttime(struct build *b)
{
	const char *h[] = { L("Channel"), L("Weekday"), L("Hour"), L("Engagement rate"), L("Channel mean"), L("Posts") };
	struct rtable t = table_new("besttime", L("Best time to post"), L("Suggested posting slots"), 6, h);
	for (size_t c = 0; c < b->nchannels; c++) {
		struct besttime bt;
		besttime_compute(b->d, b->channels[c], b->period, 3, 5.0, &bt);
		for (size_t s = 0; s < bt.nslots; s++) {
			size_t r = row_new(&t);
			cell_text(&t, r, 0, b->channels[c]);
			cell_text(&t, r, 1, L(weekday_names[bt.slots[s].weekday - 1]));
			cell_num(&t, r, 2, RC_COUNT, bt.slots[s].hour);
			cell_num(&t, r, 3, RC_PERCENT, bt.slots[s].smoothed);
			cell_num(&t, r, 4, RC_PERCENT, bt.mean);
			cell_num(&t, r, 5, RC_COUNT, (double)bt.slots[s].n);
		}
	}
	struct besttime all;
	besttime_compute(b->d, NULL, b->period, 3, 5.0, &all);
	if (all.total) {
		const char *rows[7], *cols[24];
		char hours[24][12];
		for (int w = 0; w < 7; w++)
			rows[w] = L(weekday_names[w]);
		for (int hh = 0; hh < 24; hh++) {
			snprintf(hours[hh], sizeof(hours[hh]), "%02d", hh);
			cols[hh] = hours[hh];
		}
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		chart_heatmap(&sb, b->lang, L("Engagement rate by weekday and hour (all channels)"),
			      L("percent, shrunk towards the mean; darker is higher, empty cells had no posts"), rows, 7, cols, 24,
			      &all.smoothed[0][0]);
		t.chart = strbuf_detach(&sb, NULL);
	}
	if (!t.nrows)
		t.note = xstrdup(L("No slot has enough posts above the mean yet."));
	add_table(b->rep, &t);
}

struct amb {
	const char *author, *channel;
	double mentions, positive, followers;
};

static int by_positive(const void *a, const void *b)
{
	const struct amb *x = a, *y = b;
	if (x->positive != y->positive)
		return x->positive < y->positive ? 1 : -1;
	if (x->followers != y->followers)
		return x->followers < y->followers ? 1 : -1;
	return strcmp(x->author, y->author);
}

/* Listening comes from the listening module's tables; a workspace without
 * them, or without mentions in the period, has no listening section. */
static void build_listening(struct build *b)
{
	size_t nk = kpi_count();
	double *v = xcalloc(nk, sizeof(double));
	struct kpi_filter all = { 0 };
	kpi_compute(b->d, &all, b->period, v);
	double n = v[kpi_index("mentions")];
	if (!kpi_have_listening(b->d) || isnan(n)) {
		free(v);
		return;
	}
	const char *h[] = { L("Measure"), L("Value") };
	struct rtable t = table_new("listening", L("Listening"), L("Listening summary"), 2, h);
	static const char *const ids[] = { "mentions", "sentiment_net", "share_of_voice" };
	for (size_t i = 0; i < 3; i++) {
		const struct kpi_def *k = kpi_find(ids[i]);
		size_t r = row_new(&t);
		cell_text(&t, r, 0, L(k->name));
		cell_num(&t, r, 1, unit_cell(k->unit), v[kpi_index(ids[i])]);
	}
	free(v);
	add_table(b->rep, &t);
	/* Ambassadors: the authors with the most positive mentions of the brand. */
	size_t nm;
	const struct kpi_mention *m = kpi_mentions(b->d, &nm);
	struct amb *a = xcalloc(nm + 1, sizeof(*a));
	size_t na = 0;
	for (size_t i = 0; i < nm; i++) {
		if (m[i].t < b->period->start || m[i].t >= b->period->end || m[i].competitor || !m[i].author)
			continue;
		size_t j = 0;
		while (j < na && (strcmp(a[j].author, m[i].author) || strcmp(a[j].channel, m[i].channel)))
			j++;
		if (j == na)
			a[na++] = (struct amb){ m[i].author, m[i].channel, 0, 0, 0 };
		a[j].mentions++;
		a[j].positive += m[i].sentiment > 0;
		if (m[i].followers > a[j].followers)
			a[j].followers = m[i].followers;
	}
	qsort(a, na, sizeof(*a), by_positive);
	const char *h2[] = { L("Author"), L("Channel"), L("Mentions"), L("Positive"), L("Followers") };
	struct rtable t2 = table_new("ambassadors", L("Listening"), L("Top ambassadors"), 5, h2);
	for (size_t i = 0; i < na && t2.nrows < 5; i++) {
		if (!(a[i].positive > 0))
			break;
		size_t r = row_new(&t2);
		cell_text(&t2, r, 0, a[i].author);
		cell_text(&t2, r, 1, a[i].channel);
		cell_num(&t2, r, 2, RC_COUNT, a[i].mentions);
		cell_num(&t2, r, 3, RC_COUNT, a[i].positive);
		cell_num(&t2, r, 4, RC_COUNT, a[i].followers);
	}
	if (!t2.nrows)
		t2.note = xstrdup(L("no data"));
	free(a);
	add_table(b->rep, &t2);
}

/* The content calendar of the period held against the plan (cadence, mix,
 * personas, buffer, collisions), when the workspace has posts in koers. */
static int build_calendar(struct build *b, struct err *e)
{
	struct post *posts;
	size_t n;
	int r = post_list(b->db, b->ws, NULL, &posts, &n, e);
	if (r < 0 || !n || !b->plan) {
		if (r == 0)
			post_list_free(posts, n);
		return r;
	}
	struct text_matcher *m = text_matcher_new();
	struct cal_options o = { .from_day = b->period->first_day, .to_day = b->period->end_day, .min_gap_minutes = 60 };
	struct cal_findings f = { .lang = b->lang };
	cal_check(b->plan, b->zone, m, posts, n, &o, &f);
	const char *h[] = { L("Check"), L("Severity"), L("Channel"), L("Finding") };
	struct rtable t = table_new("calendar", L("Content calendar"), L("The calendar against the plan"), 4, h);
	for (size_t i = 0; i < f.n; i++) {
		if (!strcmp(f.v[i].rule, "fit")) /* a text problem of one post, not of the calendar */
			continue;
		size_t row = row_new(&t);
		cell_text(&t, row, 0, f.v[i].rule);
		cell_text(&t, row, 1, L(cal_severity_name(f.v[i].severity)));
		cell_text(&t, row, 2, f.v[i].channel ? f.v[i].channel : "");
		cell_text(&t, row, 3, f.v[i].message);
	}
	if (!t.nrows)
		t.note = xstrdup(L("The calendar kept the plan's cadence, mix and buffer in this period."));
	add_table(b->rep, &t);
	cal_findings_release(&f);
	text_matcher_free(m);
	post_list_free(posts, n);
	return 0;
}

static double overlap_days(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
	int64_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	return hi > lo ? (double)(hi - lo) : 0;
}

static void build_budget(struct build *b)
{
	const char *h[] = { L("Category"), L("Description"), L("Budget period"), L("Planned"), L("Planned for this period"),
			    L("Actual"), L("Difference"), L("Hours") };
	struct rtable t = table_new("budget", L("Budget and ROI"), L("Budget against actual"), 8, h);
	size_t nl = b->plan ? b->plan->budget.lines.n : 0;
	const struct plan_budget_line *lines = nl ? b->plan->budget.lines.v : NULL;
	struct iso_range *lr = xcalloc(nl + 1, sizeof(*lr));
	bool *ok = xcalloc(nl + 1, sizeof(bool));
	double *actual = xcalloc(nl + 1, sizeof(double)), *hours = xcalloc(nl + 1, sizeof(double));
	for (size_t i = 0; i < nl; i++)
		ok[i] = lines[i].period && lines[i].category && !iso_parse_period(lines[i].period, NULL, &lr[i], NULL, NULL);
	double unplanned = 0, unplanned_hours = 0;
	size_t nc;
	const struct kpi_cost *c = kpi_costs(b->d, &nc);
	for (size_t j = 0; j < nc; j++) {
		if (c[j].day < b->period->first_day || c[j].day >= b->period->end_day)
			continue;
		/* the most specific line of the category that covers the day */
		size_t best = nl;
		for (size_t i = 0; i < nl; i++)
			if (ok[i] && !strcmp(lines[i].category, c[j].category) && c[j].day >= lr[i].first_day &&
			    c[j].day < lr[i].end_day &&
			    (best == nl || lr[i].end_day - lr[i].first_day < lr[best].end_day - lr[best].first_day))
				best = i;
		if (best < nl)
			actual[best] += c[j].amount, hours[best] += c[j].hours;
		else
			unplanned += c[j].amount, unplanned_hours += c[j].hours;
	}
	for (size_t i = 0; i < nl; i++) {
		size_t r = row_new(&t);
		cell_text(&t, r, 0, lines[i].category);
		cell_text(&t, r, 1, lines[i].description);
		cell_text(&t, r, 2, lines[i].period);
		cell_num(&t, r, 3, RC_MONEY, lines[i].amount);
		double pro = ok[i] && !isnan(lines[i].amount)
				     ? lines[i].amount *
					       overlap_days(lr[i].first_day, lr[i].end_day, b->period->first_day, b->period->end_day) /
					       (double)(lr[i].end_day - lr[i].first_day)
				     : NAN;
		cell_num(&t, r, 4, RC_MONEY, pro);
		cell_num(&t, r, 5, RC_MONEY, actual[i]);
		cell_num(&t, r, 6, RC_MONEY, isnan(pro) ? NAN : pro - actual[i]);
		cell_num(&t, r, 7, RC_NUMBER, hours[i]);
		if (pro > 0 && actual[i] > pro * 1.1) {
			char *a = fmt_money(b->lang, b->rep->currency, actual[i]), *p = fmt_money(b->lang, b->rep->currency, pro);
			add_rec(b->rep, xasprintf(L("Budget line %s (%s) is over: %s spent against %s planned for the period."),
						  lines[i].description ? lines[i].description : lines[i].category,
						  lines[i].category, a, p));
			free(a), free(p);
		}
	}
	if (unplanned > 0 || unplanned_hours > 0) {
		size_t r = row_new(&t);
		cell_text(&t, r, 0, L("not budgeted"));
		cell_num(&t, r, 5, RC_MONEY, unplanned);
		cell_num(&t, r, 7, RC_NUMBER, unplanned_hours);
	}
	if (!t.nrows)
		t.note = xstrdup(L("no data"));
	add_table(b->rep, &t);
	free(lr), free(ok), free(actual), free(hours);

	/* ROI per campaign and per channel. */
	const char *h2[] = { L("Name"), L("Budget"), L("Cost"), L("Conversions"), L("Revenue"), L("Attributed value"), L("ROI") };
	size_t nk = kpi_count();
	double *v = xcalloc(nk, sizeof(double));
	double vpc = kpi_value_per_conversion(b->d);
	for (int pass = 0; pass < 2; pass++) {
		struct rtable t2 = table_new(pass ? "roi_channels" : "roi_campaigns", L("Budget and ROI"),
					     pass ? L("ROI by channel") : L("ROI by campaign"), 7, h2);
		size_t n = pass ? b->nchannels : b->plan ? b->plan->campaigns.n : 0;
		for (size_t i = 0; i < n; i++) {
			const struct plan_campaign *pc = pass ? NULL : &((const struct plan_campaign *)b->plan->campaigns.v)[i];
			const char *name = pass ? b->channels[i] : pc->id;
			if (!name)
				continue;
			struct kpi_filter f = { 0 };
			if (pass)
				f.channel = name;
			else
				f.campaign = name;
			kpi_compute(b->d, &f, b->period, v);
			double cost = v[kpi_index("cost")], conv = v[kpi_index("conversions")], rev = v[kpi_index("revenue")];
			if (isnan(cost) && isnan(conv) && isnan(rev))
				continue;
			double value = !isnan(rev) && rev > 0 ? rev : !isnan(conv) && !isnan(vpc) ? conv * vpc : NAN;
			size_t r = row_new(&t2);
			cell_text(&t2, r, 0, name);
			cell_num(&t2, r, 1, RC_MONEY, pc ? pc->budget : NAN);
			cell_num(&t2, r, 2, RC_MONEY, cost);
			cell_num(&t2, r, 3, RC_COUNT, conv);
			cell_num(&t2, r, 4, RC_MONEY, rev);
			cell_num(&t2, r, 5, RC_MONEY, value);
			double roi = v[kpi_index("roi")];
			cell_num(&t2, r, 6, RC_PERCENT, roi);
			if (!pass && roi < 0) {
				char *s = kpi_format_unit(b->lang, KPI_PERCENT, roi, NULL);
				add_rec(b->rep, xasprintf(L("Campaign %s returns less than it costs: ROI %s."), name, s));
				free(s);
			}
		}
		if (!t2.nrows)
			t2.note = xstrdup(L("no data"));
		add_table(b->rep, &t2);
	}
	free(v);
}

/* ---- recommendations: a table of rules ---- */

static void rule_goals(struct build *b)
{
	for (size_t i = 0; i < b->ngoals; i++) {
		const struct goal_eval *g = &b->goals[i];
		if ((g->status != GOAL_AT_RISK && g->status != GOAL_OFF_TRACK) || isnan(g->pace_needed) || !g->kpi)
			continue;
		char *need = kpi_format(b->lang, g->kpi, fabs(g->pace_needed), b->rep->currency);
		char *got = kpi_format(b->lang, g->kpi, g->pace_achieved, b->rep->currency);
		const char *name = L(g->kpi->name), *st = L(goal_status_name(g->status));
		if (isnan(g->pace_achieved))
			add_rec(b->rep, xasprintf(g->weekly ? L("Goal %s (%s) is %s: it needs %s a week, and there is no trend yet.")
							    : L("Goal %s (%s) is %s: it needs %s more each month, and there is no trend yet."),
						  g->goal->id, name, st, need));
		else if (g->weekly)
			add_rec(b->rep, xasprintf(L("Goal %s (%s) is %s: it needs %s a week, the last four weeks brought %s a week."),
						  g->goal->id, name, st, need, got));
		else
			add_rec(b->rep, xasprintf(L("Goal %s (%s) is %s: it needs %s more each month, the months so far changed it by %s a month."),
						  g->goal->id, name, st, need, got));
		free(need), free(got);
	}
}

static void rule_pillars(struct build *b)
{
	for (size_t i = 0; i < b->rep->ntables; i++) {
		const struct rtable *t = &b->rep->tables[i];
		if (strcmp(t->id, "pillars"))
			continue;
		for (size_t r = 0; r < t->nrows; r++) {
			double have = t->num[r * t->ncols + 7], want = t->num[r * t->ncols + 8];
			if (isnan(have) || isnan(want) || fabs(have - want) < 10)
				continue;
			char *h = kpi_format_unit(b->lang, KPI_PERCENT, have, NULL), *w = kpi_format_unit(b->lang, KPI_PERCENT, want, NULL);
			add_rec(b->rep, xasprintf(have < want ? L("Pillar %s is %.0f points under its share: %s of posts against %s planned.")
							      : L("Pillar %s is %.0f points over its share: %s of posts against %s planned."),
						  t->text[r * t->ncols], fabs(have - want), h, w));
			free(h), free(w);
		}
	}
}

static void rule_cadence(struct build *b)
{
	if (!b->plan)
		return;
	struct iso_range *weeks;
	size_t nw = kpi_period_split(b->zone, b->period, ISO_PERIOD_WEEK, &weeks);
	size_t nk = kpi_count();
	double *v = xcalloc(nk, sizeof(double));
	for (size_t i = 0; i < b->plan->channels.n; i++) {
		const struct plan_channel *c = &((const struct plan_channel *)b->plan->channels.v)[i];
		if (!c->id || !(c->cadence_per_week > 0))
			continue;
		bool has_data = false;
		for (size_t k = 0; k < b->nchannels; k++)
			has_data |= !strcmp(b->channels[k], c->id);
		if (!has_data)
			continue;
		size_t full = 0, missed = 0;
		struct kpi_filter f = { .channel = c->id };
		for (size_t w = 0; w < nw; w++) {
			if (weeks[w].kind != ISO_PERIOD_WEEK)
				continue; /* only whole weeks count */
			full++;
			kpi_compute(b->d, &f, &weeks[w], v);
			double posts = v[kpi_index("posts_published")];
			if (isnan(posts) || posts < c->cadence_per_week)
				missed++;
		}
		if (missed) {
			char *cad = fmt_number(b->lang, c->cadence_per_week, 1, 1);
			add_rec(b->rep, xasprintf(L("Channel %s missed its cadence of %s posts a week in %zu of %zu weeks."), c->id,
						  cad, missed, full));
			free(cad);
		}
	}
	free(v);
	free(weeks);
}

static void rule_besttime(struct build *b)
{
	for (size_t c = 0; c < b->nchannels; c++) {
		struct besttime bt;
		besttime_compute(b->d, b->channels[c], b->period, 3, 5.0, &bt);
		if (!bt.nslots)
			continue;
		char *s = kpi_format_unit(b->lang, KPI_PERCENT, bt.slots[0].smoothed, NULL);
		char *m = kpi_format_unit(b->lang, KPI_PERCENT, bt.mean, NULL);
		add_rec(b->rep, xasprintf(L("On %s, post on %s around %02u:00: the engagement rate there is %s against %s on average."),
					  b->channels[c], L(weekday_names[bt.slots[0].weekday - 1]), bt.slots[0].hour, s, m));
		free(s), free(m);
	}
}

/* Run after the tables are built; budget and campaign rules add theirs while building. */
static void (*const rules[])(struct build *) = { rule_goals, rule_pillars, rule_cadence, rule_besttime };

int report_build(struct db *db, int64_t ws, const struct plan *plan, const struct tz *zone, const struct iso_range *period,
		 enum lang lang, struct report *rep, struct err *e)
{
	memset(rep, 0, sizeof(*rep));
	rep->lang = lang;
	struct build bb = { .db = db, .ws = ws, .rep = rep, .plan = plan, .zone = zone, .period = period, .lang = lang },
		     *b = &bb;
	int r = kpi_data_load(db, ws, plan, zone, &b->d, e);
	if (r < 0)
		return r;
	rep->currency = xstrdup(plan && plan->budget.currency ? plan->budget.currency : "EUR");
	char label[64];
	kpi_period_label(period, label, sizeof(label));
	rep->title = xasprintf(L("Evaluation report %s"), label);
	char a[ISO_BUFSZ], z[ISO_BUFSZ];
	iso_format_date(period->first_day, a);
	iso_format_date(period->end_day - 1, z);
	rep->subtitle = xasprintf("%s · %s – %s · %s", plan && plan->organisation.name ? plan->organisation.name : "", a, z,
				  tz_name(zone));
	b->nchannels = kpi_dim_values(b->d, KPI_BY_CHANNEL, &b->channels);
	if (plan) {
		int64_t as_of = period->end_day - 1, first, last;
		if (kpi_data_span(b->d, &first, &last) && last < as_of)
			as_of = last;
		b->ngoals = goals_evaluate(b->d, plan, as_of, lang, rep->currency, &b->goals);
		build_goals(b);
	}
	build_trends(b);
	build_dim(b, KPI_BY_CHANNEL, "channels", L("By channel"));
	build_dim(b, KPI_BY_PILLAR, "pillars", L("By pillar"));
	build_dim(b, KPI_BY_PERSONA, "personas", L("By persona"));
	build_posts(b);
	build_besttime(b);
	build_listening(b);
	if ((r = build_calendar(b, e)) < 0) {
		goals_free(b->goals, b->ngoals);
		kpi_data_free(b->d);
		return r;
	}
	/* goal and pillar rules lead the list */
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		rules[i](b);
	build_budget(b); /* adds budget and campaign recommendations after */
	const char *h[] = { L("Recommendation") };
	struct rtable t = table_new("recommendations", L("Recommendations"), L("Recommendations"), 1, h);
	for (size_t i = 0; i < rep->nrecs; i++)
		cell_text(&t, row_new(&t), 0, rep->recs[i]);
	add_table(rep, &t);
	goals_free(b->goals, b->ngoals);
	for (size_t i = 0; i < b->nchannels; i++)
		free(b->channels[i]);
	free(b->channels);
	kpi_data_free(b->d);
	return 0;
}

void report_release(struct report *r)
{
	for (size_t i = 0; i < r->ntables; i++) {
		struct rtable *t = &r->tables[i];
		for (size_t c = 0; c < t->ncols; c++)
			free(t->headers[c]);
		for (size_t k = 0; k < t->nrows * t->ncols; k++)
			free(t->text[k]);
		free(t->headers), free(t->types), free(t->text), free(t->num);
		free(t->id), free(t->section), free(t->title), free(t->chart), free(t->note);
	}
	free(r->tables);
	for (size_t i = 0; i < r->nrecs; i++)
		free(r->recs[i]);
	free(r->recs);
	free(r->title), free(r->subtitle), free(r->currency);
	memset(r, 0, sizeof(*r));
}

/* ---- writers ---- */

static char *cell_display(const struct report *r, const struct rtable *t, size_t row, size_t c)
{
	size_t k = row * t->ncols + c;
	switch (t->types[k]) {
	case RC_TEXT:
	case RC_DATE:
		return xstrdup(t->text[k] ? t->text[k] : "");
	case RC_COUNT:
		return isnan(t->num[k]) ? xstrdup("–") : kpi_format_unit(r->lang, KPI_COUNT, t->num[k], NULL);
	case RC_NUMBER:
		return isnan(t->num[k]) ? xstrdup("–") : fmt_number(r->lang, t->num[k], 1, 1);
	case RC_PERCENT:
		return isnan(t->num[k]) ? xstrdup("–") : kpi_format_unit(r->lang, KPI_PERCENT, t->num[k], NULL);
	case RC_MONEY:
		return isnan(t->num[k]) ? xstrdup("–") : fmt_money(r->lang, r->currency, t->num[k]);
	}
	return xstrdup("");
}

void report_write_doc(const struct report *r, enum doc_format format, struct strbuf *out)
{
	struct doc d;
	doc_init(&d, format, out);
	doc_begin(&d, r->lang == LANG_NL ? "nl" : "en", r->title, r->subtitle);
	const char *section = NULL;
	size_t nsec = 0;
	for (size_t i = 0; i < r->ntables; i++) {
		const struct rtable *t = &r->tables[i];
		if (!section || strcmp(section, t->section)) {
			section = t->section;
			char id[64];
			snprintf(id, sizeof(id), "s%zu", ++nsec);
			doc_heading(&d, 2, id, section);
		}
		if (!strcmp(t->id, "recommendations")) {
			if (r->nrecs)
				doc_list(&d, (const char *const *)r->recs, r->nrecs);
			else
				doc_note(&d, tr(r->lang, "Nothing to recommend: every rule is satisfied."));
			continue;
		}
		doc_heading(&d, 3, NULL, t->title);
		if (t->chart)
			doc_raw_html(&d, t->chart);
		size_t cols = t->doc_cols ? t->doc_cols : t->ncols;
		if (t->nrows) {
			char *align = xcalloc(cols + 1, 1);
			for (size_t c = 0; c < cols; c++)
				align[c] = t->types[c] == RC_TEXT || t->types[c] == RC_DATE ? 'l' : 'r';
			doc_table_begin(&d, cols, (const char *const *)t->headers, align);
			char **cells = xcalloc(cols, sizeof(char *));
			for (size_t row = 0; row < t->nrows; row++) {
				for (size_t c = 0; c < cols; c++)
					cells[c] = cell_display(r, t, row, c);
				doc_table_row(&d, (const char *const *)cells, NULL);
				for (size_t c = 0; c < cols; c++)
					free(cells[c]);
			}
			free(cells);
			doc_table_end(&d);
			free(align);
		}
		if (t->doc_cols && t->doc_cols < t->ncols && t->nrows) {
			char **items = xcalloc(t->nrows, sizeof(char *));
			for (size_t row = 0; row < t->nrows; row++)
				items[row] = xasprintf("%s: %s", t->text[row * t->ncols] ? t->text[row * t->ncols] : "",
						       t->text[row * t->ncols + t->doc_cols] ? t->text[row * t->ncols + t->doc_cols] : "");
			doc_list(&d, (const char *const *)items, t->nrows);
			for (size_t row = 0; row < t->nrows; row++)
				free(items[row]);
			free(items);
		}
		if (t->note)
			doc_note(&d, t->note);
	}
	doc_end(&d);
}

static void csv_field(struct strbuf *o, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(o, s);
		return;
	}
	strbuf_addch(o, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(o, '"');
		strbuf_addch(o, *s);
	}
	strbuf_addch(o, '"');
}

void report_write_csv(const struct report *r, struct strbuf *o)
{
	strbuf_addstr(o, "table,row,column,value\r\n");
	for (size_t i = 0; i < r->ntables; i++) {
		const struct rtable *t = &r->tables[i];
		for (size_t row = 0; row < t->nrows; row++)
			for (size_t c = 0; c < t->ncols; c++) {
				size_t k = row * t->ncols + c;
				csv_field(o, t->id);
				strbuf_addf(o, ",%zu,", row + 1);
				csv_field(o, t->headers[c]);
				strbuf_addch(o, ',');
				if (t->types[k] == RC_TEXT && t->text[k] && strchr("=+-@\t\r", t->text[k][0]) && t->text[k][0]) {
					/* text from exports that a spreadsheet would run as a
					 * formula is kept as text (OWASP CSV injection) */
					char *guarded = xasprintf("'%s", t->text[k]);
					csv_field(o, guarded);
					free(guarded);
				} else if (t->types[k] == RC_TEXT || t->types[k] == RC_DATE) {
					csv_field(o, t->text[k] ? t->text[k] : "");
				}
				else if (!isnan(t->num[k]))
					strbuf_addf(o, "%.10g", t->num[k]);
				strbuf_addstr(o, "\r\n");
			}
	}
}

int report_write_xlsx(const struct report *r, const char *path, struct err *e)
{
	lxw_workbook_options opts = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(path, &opts);
	if (!wb)
		return err_set(e, ERR_IO, "%s: cannot create the workbook", path);
	lxw_format *bold = workbook_add_format(wb), *pct = workbook_add_format(wb), *money = workbook_add_format(wb);
	lxw_format *date = workbook_add_format(wb), *count = workbook_add_format(wb), *number = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(pct, "0.0\" %\"");
	format_set_num_format(money, "#,##0.00");
	format_set_num_format(date, "yyyy-mm-dd");
	format_set_num_format(count, "#,##0");
	format_set_num_format(number, "0.0");
	for (size_t i = 0; i < r->ntables; i++) {
		const struct rtable *t = &r->tables[i];
		lxw_worksheet *ws = workbook_add_worksheet(wb, t->id);
		if (!ws)
			continue;
		for (size_t c = 0; c < t->ncols; c++) {
			worksheet_write_string(ws, 0, (lxw_col_t)c, t->headers[c], bold);
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 0 ? 24 : 14, NULL);
		}
		for (size_t row = 0; row < t->nrows; row++)
			for (size_t c = 0; c < t->ncols; c++) {
				size_t k = row * t->ncols + c;
				lxw_row_t xr = (lxw_row_t)(row + 1);
				lxw_col_t xc = (lxw_col_t)c;
				switch (t->types[k]) {
				case RC_TEXT:
					if (t->text[k] && t->text[k][0])
						worksheet_write_string(ws, xr, xc, t->text[k], NULL);
					break;
				case RC_DATE: {
					int64_t day;
					if (t->text[k] && !iso_parse_date(t->text[k], &day, NULL, NULL)) {
						int64_t y;
						unsigned m, dd;
						iso_civil_from_days(day, &y, &m, &dd);
						lxw_datetime dt = { (int)y, (int)m, (int)dd, 0, 0, 0 };
						worksheet_write_datetime(ws, xr, xc, &dt, date);
					}
					break;
				}
				default:
					if (!isnan(t->num[k]))
						worksheet_write_number(ws, xr, xc, t->num[k],
								       t->types[k] == RC_PERCENT ? pct
								       : t->types[k] == RC_MONEY ? money
								       : t->types[k] == RC_COUNT ? count : number);
				}
			}
	}
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return err_set(e, ERR_IO, "%s: %s", path, lxw_strerror(rc));
	return 0;
}
