/*
 * koers listen report | authors | mentions | terms | alerts | detect — what
 * the stored mentions say: totals and share of voice, ambassadors and
 * detractors, the mentions themselves, emerging terms, spikes mapped to the
 * crisis protocol, and the spike detector over any series.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/strbuf.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "cli/commands.h"
#include "db/db.h"
#include "listen/crisis.h"
#include "listen/detect.h"
#include "listen/intent.h"
#include "listen/lstore.h"
#include "listen/sentiment.h"
#include "listen/terms.h"
#include "plan/plan.h"
#include "plan/store.h"
#include "workspace/workspace.h"

/* --from / --to: a date-time with offset, or a period (2026-03-01, 2026-W10, 2026-03):
 * --from takes its start, --to its end. Times without an offset are UTC. */
static int parse_when(struct koers *k, const char *opt, const char *s, bool end, int64_t *out)
{
	struct err e = { .lang = k->lang };
	if (iso_parse_datetime(s, NULL, out, &e, NULL) == 0)
		return 0;
	struct iso_range rg;
	if (iso_parse_period(s, NULL, &rg, &e, NULL) == 0) {
		*out = end ? rg.end : rg.start;
		return 0;
	}
	char buf[64];
	snprintf(buf, sizeof(buf), "%sZ", s);
	if (strlen(s) < 40 && iso_parse_datetime(buf, NULL, out, &e, NULL) == 0)
		return 0;
	cli_fail(k, EXIT_USAGE, tr(k->lang, "%s: '%s' is not a date, period or date-time"), opt, s);
	return -1;
}

/*
 * Every report: the workspace with its plan's topics synced, and the range
 * of --from/--to, defaulting to all stored mentions. An exit code or 0.
 */
static int open_range(struct koers *k, const char *from_s, const char *to_s, int64_t *from, int64_t *to)
{
	int r = cli_workspace(k, false);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	int64_t first, last;
	if (lstore_sync_current(k->db, k->ws_id, &e) < 0 || lstore_span(k->db, k->ws_id, &first, &last, &e) < 0)
		return cli_fail_err(k, &e);
	*from = first;
	*to = last + 1;
	if (from_s && parse_when(k, "--from", from_s, false, from) < 0)
		return EXIT_USAGE;
	if (to_s && parse_when(k, "--to", to_s, true, to) < 0)
		return EXIT_USAGE;
	return 0;
}

/* a as a share of b in per cent; "-" without mentions, where 0 % of each
 * sentiment would not add up. */
static const char *pct(int64_t a, int64_t b, char buf[static 16])
{
	if (!b)
		return "-";
	snprintf(buf, 16, "%.1f", 100.0 * (double)a / (double)b);
	return buf;
}

/* ---- report ---- */

static int report_run(struct koers *k, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *query = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "from", &from_s, N_("WHEN"), N_("start: a date, period or date-time (default: the first mention)")),
		OPT_STRING(0, "to", &to_s, N_("WHEN"), N_("end (default: the last mention)")),
		OPT_STRING(0, "query", &query, N_("NAME"), N_("only this query")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	int64_t from, to;
	int r = open_range(k, from_s, to_s, &from, &to);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct lreport_row *v;
	size_t cnt;
	if (lstore_report(k->db, k->ws_id, from, to, query, &v, &cnt, &e) < 0)
		return cli_fail_err(k, &e);
	char f[ISO_BUFSZ], t[ISO_BUFSZ];
	iso_format_utc(from, f);
	iso_format_utc(to, t);
	if (k->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < cnt; i++) {
			json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "query", v[i].name, "kind", v[i].kind,
					      "volume", (json_int_t)v[i].volume, "positive", (json_int_t)v[i].positive,
					      "neutral", (json_int_t)v[i].neutral, "negative", (json_int_t)v[i].negative,
					      "reach", (json_int_t)v[i].reach, "engagement", (json_int_t)v[i].engagement);
			json_object_set_new(o, "share_of_voice", v[i].share_of_voice < 0 ? json_null() : json_real(v[i].share_of_voice));
			json_array_append_new(a, o);
		}
		cli_json(json_pack("{s:s, s:s, s:o}", "from", f, "to", t, "queries", a));
	} else {
		printf(tr(k->lang, "Listening %s to %s\n"), f, t);
		printf("%-20s %-10s %9s %6s %6s %6s %12s %10s %6s\n", tr(k->lang, "query"), tr(k->lang, "kind"),
		       tr(k->lang, "volume"), "pos%", "neu%", "neg%", tr(k->lang, "reach"), tr(k->lang, "engagement"), "SoV%");
		for (size_t i = 0; i < cnt; i++) {
			char sov[16] = "-", pos[16], neu[16], neg[16];
			if (v[i].share_of_voice >= 0)
				snprintf(sov, sizeof(sov), "%.1f", v[i].share_of_voice);
			printf("%-20s %-10s %9lld %6s %6s %6s %12lld %10lld %6s\n", v[i].name, v[i].kind,
			       (long long)v[i].volume, pct(v[i].positive, v[i].volume, pos),
			       pct(v[i].neutral, v[i].volume, neu), pct(v[i].negative, v[i].volume, neg),
			       (long long)v[i].reach, (long long)v[i].engagement, sov);
		}
	}
	lreport_free(v, cnt);
	return EXIT_OK;
}

const struct cmd listen_report_cmd = {
	"report", N_("volume, sentiment, reach, engagement and share of voice per query"),
	"[--from WHEN] [--to WHEN] [--query NAME]", report_run, NULL,
};

/* ---- authors ---- */

static json_t *authors_json(const struct lauthor *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:f}", "platform", v[i].platform,
						   "author", v[i].handle, "followers", (json_int_t)v[i].followers,
						   "mentions", (json_int_t)v[i].mentions, "positive", (json_int_t)v[i].positive,
						   "neutral", (json_int_t)v[i].neutral, "negative", (json_int_t)v[i].negative,
						   "score", v[i].score));
	return a;
}

static void authors_text(struct koers *k, const char *title, const struct lauthor *v, size_t n)
{
	printf("%s\n", title);
	for (size_t i = 0; i < n; i++)
		printf("  %-28s %-9s %10lld %s  %4lld+ %4lld- %8.1f\n", v[i].handle, v[i].platform, (long long)v[i].followers,
		       tr(k->lang, "followers"), (long long)v[i].positive, (long long)v[i].negative, v[i].score);
	if (!n)
		printf("  %s\n", tr(k->lang, "(none)"));
}

static int authors_run(struct koers *k, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *query = NULL, *limit_s = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "from", &from_s, N_("WHEN"), N_("start: a date, period or date-time (default: the first mention)")),
		OPT_STRING(0, "to", &to_s, N_("WHEN"), N_("end (default: the last mention)")),
		OPT_STRING(0, "query", &query, N_("NAME"), N_("only this query")),
		OPT_STRING('n', "limit", &limit_s, N_("N"), N_("how many of each (default 10)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	long limit = 10;
	if (limit_s && cli_number(k, "--limit", limit_s, 1, 100000, &limit))
		return EXIT_USAGE;
	int64_t from, to;
	int r = open_range(k, from_s, to_s, &from, &to);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct lauthor *amb, *det;
	size_t na, nd;
	if (lstore_authors(k->db, k->ws_id, from, to, query, (size_t)limit, &amb, &na, &det, &nd, &e) < 0)
		return cli_fail_err(k, &e);
	if (k->json) {
		cli_json(json_pack("{s:o, s:o}", "ambassadors", authors_json(amb, na), "detractors", authors_json(det, nd)));
	} else {
		authors_text(k, tr(k->lang, "Ambassadors (positive mentions weighted by reach):"), amb, na);
		authors_text(k, tr(k->lang, "Detractors (negative mentions weighted by reach):"), det, nd);
	}
	lauthor_free(amb, na);
	lauthor_free(det, nd);
	return EXIT_OK;
}

const struct cmd listen_authors_cmd = {
	"authors", N_("ambassadors and detractors: authors by positive or negative mentions weighted by reach"),
	"[--from WHEN] [--to WHEN] [--query NAME] [-n N]", authors_run, NULL,
};

/* ---- mentions ---- */

/* The stored intent in the user's language; --json keeps the stored names. */
static const char *intent_label(struct koers *k, const char *name)
{
	int i = name ? intent_parse(name) : -1;
	return i >= 0 ? tr(k->lang, intent_name((enum intent)i)) : name ? name : "-";
}

static json_t *mention_json(const struct lmention *m)
{
	char at[ISO_BUFSZ];
	iso_format_utc(m->created_at, at);
	json_t *q = json_array();
	for (size_t i = 0; i < m->nqueries; i++)
		json_array_append_new(q, json_string(m->queries[i]));
	return json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s?, s:s, s:s?, s:s?, s:I, s:I, s:I, s:I, s:s, s:f, s:s?, s:o}", "id",
			 (json_int_t)m->id, "platform", m->platform, "remote_id", m->remote_id, "author", m->author,
			 "created_at", at, "lang", m->lang, "text", m->text, "url", m->url, "reply_to", m->reply_to,
			 "followers", (json_int_t)m->followers, "likes", (json_int_t)m->likes, "reposts",
			 (json_int_t)m->reposts, "replies", (json_int_t)m->replies, "sentiment",
			 sentiment_name((enum sentiment)(m->sentiment + SENT_NEUTRAL)),
			 "score", m->score, "intent", m->intent, "queries", q);
}

/* The text on one line: line breaks and tabs as spaces, cut after about `max` bytes at a character. */
static void print_one_line(const char *s, size_t max)
{
	size_t n = 0;
	for (; s[n] && n < max; n++)
		putchar(s[n] == '\n' || s[n] == '\r' || s[n] == '\t' ? ' ' : s[n]);
	if (!s[n])
		return;
	for (; (s[n] & 0xC0) == 0x80; n++) /* finish the character */
		putchar(s[n]);
	if (s[n])
		fputs("…", stdout);
}

static int mentions_run(struct koers *k, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *limit_s = NULL;
	struct lmention_filter f = { 0 };
	const struct opt opts[] = {
		OPT_STRING(0, "from", &from_s, N_("WHEN"), N_("start: a date, period or date-time (default: the first mention)")),
		OPT_STRING(0, "to", &to_s, N_("WHEN"), N_("end (default: the last mention)")),
		OPT_STRING(0, "query", &f.query, N_("NAME"), N_("only this query")),
		OPT_STRING(0, "sentiment", &f.sentiment, N_("S"), N_("only negative, neutral or positive mentions")),
		OPT_STRING(0, "intent", &f.intent, N_("I"), N_("only complaints, questions, praise or other (complaint|question|praise|other)")),
		OPT_STRING(0, "text-lang", &f.lang, N_("LANG"), N_("only mentions in this language (nl, en, other, ...)")),
		OPT_STRING('n', "limit", &limit_s, N_("N"), N_("how many, newest first (default 20)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	long limit = 20;
	if (limit_s && cli_number(k, "--limit", limit_s, 1, 1000000, &limit))
		return EXIT_USAGE;
	f.limit = (size_t)limit;
	int r = open_range(k, from_s, to_s, &f.from, &f.to);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct lmention *v;
	size_t cnt;
	if (lstore_mentions(k->db, k->ws_id, &f, &v, &cnt, &e) < 0)
		return cli_fail_err(k, &e);
	if (k->json) {
		char fr[ISO_BUFSZ], to[ISO_BUFSZ];
		iso_format_utc(f.from, fr);
		iso_format_utc(f.to, to);
		json_t *a = json_array();
		for (size_t i = 0; i < cnt; i++)
			json_array_append_new(a, mention_json(&v[i]));
		cli_json(json_pack("{s:s, s:s, s:o}", "from", fr, "to", to, "mentions", a));
	} else {
		for (size_t i = 0; i < cnt; i++) {
			const struct lmention *m = &v[i];
			char at[ISO_BUFSZ];
			iso_format_utc(m->created_at, at);
			printf("%s  %-9s %-20s %-8s %-9s", at, m->platform, m->author ? m->author : "-",
			       tr(k->lang, sentiment_name((enum sentiment)(m->sentiment + SENT_NEUTRAL))), intent_label(k, m->intent));
			for (size_t q = 0; q < m->nqueries; q++)
				printf("%s%s", q ? "," : " ", m->queries[q]);
			fputs("\n  ", stdout);
			print_one_line(m->text, 200);
			putchar('\n');
		}
		if (!cnt)
			printf("%s\n", tr(k->lang, "(no mentions)"));
	}
	lmention_free(v, cnt);
	return EXIT_OK;
}

const struct cmd listen_mentions_cmd = {
	"mentions", N_("the stored mentions, newest first: by period, query, sentiment, intent and language"),
	"[--from WHEN] [--to WHEN] [--query NAME] [--sentiment S] [--intent I] [--text-lang LANG] [-n N]", mentions_run, NULL,
};

/* ---- terms ---- */

struct terms_ctx {
	struct terms *t;
	int64_t split;
};

static void terms_cb(void *ctx, int64_t at, const char *text, size_t len)
{
	struct terms_ctx *c = ctx;
	terms_add(c->t, text, len, at >= c->split);
}

static int terms_run(struct koers *k, int argc, char **argv)
{
	const char *to_s = NULL, *query = NULL, *recent_s = NULL, *base_s = NULL, *min_s = NULL, *limit_s = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "to", &to_s, N_("WHEN"), N_("end of the recent window (default: the last mention)")),
		OPT_STRING(0, "query", &query, N_("NAME"), N_("only this query")),
		OPT_STRING(0, "recent", &recent_s, N_("HOURS"), N_("length of the recent window (default 24)")),
		OPT_STRING(0, "baseline", &base_s, N_("HOURS"), N_("length of the baseline before it (default 168)")),
		OPT_STRING(0, "min-count", &min_s, N_("N"), N_("least recent mentions with the term (default 5)")),
		OPT_STRING('n', "limit", &limit_s, N_("N"), N_("how many terms (default 20)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	double nums[4] = { 24, 168, 5, 20 };
	const char *strs[4] = { recent_s, base_s, min_s, limit_s };
	for (int i = 0; i < 4; i++)
		if (strs[i]) {
			char *end;
			nums[i] = strtod(strs[i], &end);
			if (*end || !(nums[i] >= 1 && nums[i] <= 1e6))
				return cli_fail(k, EXIT_USAGE, tr(k->lang, "'%s' is not a number from 1 to 1000000"), strs[i]);
		}
	int64_t from, to;
	int r = open_range(k, NULL, to_s, &from, &to);
	if (r)
		return r;
	struct terms_ctx c = { terms_new(), to - (int64_t)(nums[0] * 3600) };
	from = c.split - (int64_t)(nums[1] * 3600);
	struct err e = { .lang = k->lang };
	if (lstore_texts(k->db, k->ws_id, from, to, query, terms_cb, &c, &e) < 0) {
		terms_free(c.t);
		return cli_fail_err(k, &e);
	}
	const struct term_row *rows;
	size_t nr = terms_emerging(c.t, (unsigned)nums[2], 10.83, (size_t)nums[3], &rows);
	if (k->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < nr; i++)
			json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:f, s:f}", "term", rows[i].term, "recent",
							   (int)rows[i].recent, "baseline", (int)rows[i].baseline, "g2",
							   rows[i].g2, "lift", rows[i].lift));
		cli_json(a);
	} else {
		printf("%-24s %8s %8s %8s %6s\n", tr(k->lang, "term"), tr(k->lang, "recent"), tr(k->lang, "baseline"), "G2",
		       tr(k->lang, "lift"));
		for (size_t i = 0; i < nr; i++)
			printf("%-24s %8u %8u %8.1f %6.1f\n", rows[i].term, rows[i].recent, rows[i].baseline, rows[i].g2, rows[i].lift);
		if (!nr)
			printf("%s\n", tr(k->lang, "no emerging terms"));
	}
	terms_free(c.t);
	return EXIT_OK;
}

const struct cmd listen_terms_cmd = {
	"terms", N_("emerging terms: words that rise significantly above their baseline"),
	"[--to WHEN] [--query NAME] [--recent HOURS] [--baseline HOURS] [--min-count N]", terms_run, NULL,
};

/* ---- alerts ---- */

/*
 * What a spike was: its count and the baseline it beat. The ratio is taken
 * over a baseline of at least 1 (detect.h), so for a quieter baseline it
 * would read as "10× the baseline 0.0": say that the baseline was under 1.
 */
static void spike_text(char *buf, size_t size, enum lang lang, double value, double window, double ratio,
		       double baseline)
{
	if (baseline >= 1)
		snprintf(buf, size, tr(lang, "%.0f in %.0f min, %.1f× the baseline %.1f"), value, window, ratio, baseline);
	else
		snprintf(buf, size, tr(lang, "%.0f in %.0f min, over a baseline under 1"), value, window);
}

static int alerts_run(struct koers *k, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "from", &from_s, N_("WHEN"), N_("start: a date, period or date-time (default: the first mention)")),
		OPT_STRING(0, "to", &to_s, N_("WHEN"), N_("end (default: the last mention)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	int64_t from, to;
	int r = open_range(k, from_s, to_s, &from, &to);
	if (r)
		return r;
	struct err e = { .lang = k->lang };
	struct plan p;
	struct plan_version pv;
	plan_init(&p);
	bool have_plan = plan_load_current(k->db, k->ws_id, &p, &pv, &e) >= 0;
	if (have_plan)
		plan_version_release(&pv);
	struct ws w;
	struct tz *zone = NULL;
	if (ws_find(k->db, k->ws_name, &w, &e) == 0) {
		if (tz_load(w.timezone, NULL, &zone, &e) < 0)
			zone = NULL;
		ws_release(&w);
	}
	struct crisis_alert *v;
	size_t cnt;
	r = crisis_scan(k->db, k->ws_id, have_plan ? &p : NULL, zone, from, to, &v, &cnt, &e);
	tz_free(zone);
	if (r < 0) {
		plan_free(&p);
		return cli_fail_err(k, &e);
	}
	if (k->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < cnt; i++) {
			char t[ISO_BUFSZ];
			iso_format_utc(v[i].t, t);
			json_t *o = json_pack("{s:s, s:s, s:s, s:f, s:f, s:f, s:f}", "time", t, "query", v[i].query, "metric",
					      v[i].metric, "window_minutes", v[i].window_minutes, "value", v[i].value,
					      "baseline", v[i].baseline, "ratio", v[i].ratio);
			const struct plan_crisis_level *l = v[i].level;
			if (l) {
				json_object_set_new(o, "level", json_real(l->level));
				json_object_set_new(o, "name", l->name ? json_string(l->name) : json_null());
				json_object_set_new(o, "owner", l->owner ? json_string(l->owner) : json_null());
				json_object_set_new(o, "response_time_minutes", json_real(l->response_time_minutes));
				json_object_set_new(o, "holding_statement", l->holding_statement ? json_string(l->holding_statement) : json_null());
			} else {
				json_object_set_new(o, "level", json_null());
			}
			json_array_append_new(a, o);
		}
		cli_json(a);
	} else {
		for (size_t i = 0; i < cnt; i++) {
			char t[ISO_BUFSZ];
			iso_format_utc(v[i].t, t);
			const struct plan_crisis_level *l = v[i].level;
			char spike[128];
			spike_text(spike, sizeof(spike), k->lang, v[i].value, v[i].window_minutes, v[i].ratio, v[i].baseline);
			printf("%s  %s: %s %s\n", t, v[i].query, tr(k->lang, v[i].metric), spike);
			if (l) {
				printf(tr(k->lang, "  level %g %s — owner %s, respond within %g min\n"), l->level, l->name ? l->name : "",
				       l->owner ? l->owner : "-", l->response_time_minutes);
				if (l->holding_statement)
					printf(tr(k->lang, "  holding statement: %s\n"), l->holding_statement);
			}
		}
		if (!cnt)
			printf("%s\n", tr(k->lang, "no alerts"));
	}
	crisis_alerts_free(v, cnt);
	plan_free(&p);
	return cnt ? EXIT_FINDINGS : EXIT_OK;
}

const struct cmd listen_alerts_cmd = {
	"alerts", N_("spikes in volume and negative mentions, with the crisis level, owner and holding statement"),
	"[--from WHEN] [--to WHEN]", alerts_run, NULL,
};

/* ---- detect ---- */

static int detect_run(struct koers *k, int argc, char **argv)
{
	const char *series = NULL, *window = NULL, *factor = NULL, *minc = NULL, *z = NULL, *warmup = NULL, *rearm = NULL,
		   *refractory = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "series", &series, N_("FILE"), N_("CSV with timestamp,value rows")),
		OPT_STRING(0, "window", &window, N_("MINUTES"), N_("window the counts are summed over (default 60)")),
		OPT_STRING(0, "factor", &factor, N_("X"), N_("least ratio over the baseline (default 2)")),
		OPT_STRING(0, "min-count", &minc, N_("N"), N_("least count in the window (default 0)")),
		OPT_STRING(0, "z", &z, N_("Z"), N_("least spreads above the baseline (default 5)")),
		OPT_STRING(0, "warmup", &warmup, N_("MINUTES"), N_("history needed before the first alert (default 4320)")),
		OPT_STRING(0, "rearm", &rearm, N_("MINUTES"), N_("quiet time that ends an alert episode (default 60)")),
		OPT_STRING(0, "refractory", &refractory, N_("MINUTES"), N_("least time between two alerts (default 360)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	if (!series)
		return cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "--series FILE is required"));
	struct detect_params dp;
	detect_params_default(&dp);
	const char *strs[] = { window, factor, minc, z, warmup, rearm, refractory };
	double *nums[] = { &dp.window_minutes, &dp.factor,	   &dp.min_count,	  &dp.z,
			   &dp.warmup_minutes,	 &dp.rearm_minutes, &dp.refractory_minutes };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (strs[i]) {
			char *end;
			*nums[i] = strtod(strs[i], &end);
			if (*end || end == strs[i])
				return cli_fail(k, EXIT_USAGE, tr(k->lang, "'%s' is not a number"), strs[i]);
		}
	struct err e = { .lang = k->lang };
	struct detector *d = xmalloc(sizeof(*d));
	if (detector_init(d, &dp, &e) < 0) {
		free(d);
		return cli_fail_err(k, &e);
	}
	FILE *in = strcmp(series, "-") ? fopen(series, "r") : stdin;
	if (!in) {
		free(d);
		return cli_fail(k, EXIT_IO, "%s: %s", series, strerror(errno));
	}
	char line[512];
	unsigned long lineno = 0, bad = 0, points = 0;
	int64_t prev = INT64_MIN;
	json_t *a = json_array();
	while (fgets(line, sizeof(line), in)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		char *comma = strchr(line, ',');
		if (!*line || (lineno == 1 && comma && strtod(comma + 1, NULL) == 0 && !strchr("0123456789.-", comma[1])))
			continue; /* the header */
		int64_t t;
		char *end = NULL;
		double val = 0;
		if (comma) {
			*comma = '\0';
			val = strtod(comma + 1, &end);
		}
		if (!comma || !end || *end || end == comma + 1 || !isfinite(val) || parse_when(k, series, line, false, &t) < 0 ||
		    t < prev) {
			if (bad++ < 20)
				fprintf(stderr, tr(k->lang, "koers: %s: line %lu: expected timestamp,value in time order\n"), series, lineno);
			continue;
		}
		prev = t;
		points++;
		struct detect_alert al;
		if (!detector_push(d, t, t, val, &al))
			continue;
		char ts[ISO_BUFSZ];
		iso_format_utc(t, ts);
		if (k->json)
			json_array_append_new(a, json_pack("{s:s, s:f, s:f, s:f, s:f}", "time", ts, "value", al.value, "baseline",
							   al.baseline, "ratio", al.ratio, "z", al.zscore));
		else
		{
			char spike[128];
			spike_text(spike, sizeof(spike), k->lang, al.value, dp.window_minutes, al.ratio, al.baseline);
			printf("%s  %s\n", ts, spike);
		}
	}
	if (in != stdin)
		fclose(in);
	free(d);
	if (k->json)
		cli_json(a);
	else
		json_decref(a);
	(void)points;
	return bad ? EXIT_FINDINGS : EXIT_OK;
}

const struct cmd listen_detect_cmd = {
	"detect", N_("run the spike detector over a timestamp,value series"),
	"--series FILE.csv [--window MINUTES] [--factor X] [--min-count N] [--z Z] [--warmup MINUTES] [--rearm MINUTES]"
	" [--refractory MINUTES]",
	detect_run, NULL,
};
