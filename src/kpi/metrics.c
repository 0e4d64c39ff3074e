#include "kpi/metrics.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/isotime.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "db/db.h"
#include "base/csv.h"
#include "plan/plan.h"

/* What a column means, whatever the source calls it. */
enum mfield {
	MF_CHANNEL, MF_REMOTE_ID, MF_URL, MF_TIME, MF_TEXT, MF_PILLAR, MF_PERSONA, MF_CAMPAIGN, MF_CONTENT,
	MF_IMPRESSIONS, MF_REACH, MF_ENGAGEMENTS, MF_LIKES, MF_COMMENTS, MF_SHARES, MF_SAVES, MF_CLICKS,
	MF_VIDEO_VIEWS, MF_FOLLOWERS, MF_FOLLOWERS_GAINED, MF_FOLLOWERS_LOST,
	MF_SOURCE_MEDIUM, MF_SOURCE, MF_MEDIUM, MF_SESSIONS, MF_KEY_EVENTS, MF_REVENUE,
	MF_CATEGORY, MF_AMOUNT, MF_HOURS, MF_NOTE,
	MF_COUNT
};

/* How the source writes its dates and times. */
enum mdate {
	MD_ISO,      /* 2026-01-05T14:03:00Z, 2026-01-05 14:03 (local), 2026-01-05 */
	MD_X,        /* 2026-01-05 14:03 +0000 (X analytics) */
	MD_US,       /* 01/05/2026 14:03 or 01/05/2026 (Meta, LinkedIn; local time) */
	MD_YMD8,     /* 20260105 (GA4) */
};

struct mcol {
	const char *header; /* as the source writes it; matched without regard to case */
	enum mfield field;
	bool required;
};

struct metrics_profile {
	const char *id;
	const char *title;    /* N_() */
	const char *platform; /* the plan platform whose channel the rows belong to; NULL: none or a column */
	enum metrics_target target;
	enum mdate date;
	bool sum_engagements; /* engagements = likes + comments + shares + saves + clicks when absent */
	struct mcol cols[20];
};

#define REQ true
static const struct metrics_profile profiles[] = {
	{ "x", N_("X post activity export (tweet_activity_metrics)"), "x", MT_POSTS, MD_X, true, {
		{ "Tweet id", MF_REMOTE_ID, REQ }, { "Tweet permalink", MF_URL, 0 }, { "Tweet text", MF_TEXT, 0 },
		{ "time", MF_TIME, REQ }, { "impressions", MF_IMPRESSIONS, REQ }, { "engagements", MF_ENGAGEMENTS, 0 },
		{ "retweets", MF_SHARES, 0 }, { "replies", MF_COMMENTS, 0 }, { "likes", MF_LIKES, 0 },
		{ "url clicks", MF_CLICKS, 0 }, { "media views", MF_VIDEO_VIEWS, 0 } } },
	{ "facebook", N_("Meta Business Suite post export, Facebook"), "facebook", MT_POSTS, MD_US, true, {
		{ "Post ID", MF_REMOTE_ID, REQ }, { "Page ID", -1, REQ }, { "Publish time", MF_TIME, REQ },
		{ "Permalink", MF_URL, 0 }, { "Description", MF_TEXT, 0 }, { "Impressions", MF_IMPRESSIONS, 0 },
		{ "Reach", MF_REACH, 0 }, { "Reactions, comments and shares", MF_ENGAGEMENTS, 0 },
		{ "Reactions", MF_LIKES, 0 }, { "Comments", MF_COMMENTS, 0 }, { "Shares", MF_SHARES, 0 },
		{ "Link clicks", MF_CLICKS, 0 } } },
	{ "instagram", N_("Meta Business Suite post export, Instagram"), "instagram", MT_POSTS, MD_US, true, {
		{ "Post ID", MF_REMOTE_ID, REQ }, { "Account ID", -1, REQ }, { "Publish time", MF_TIME, REQ },
		{ "Permalink", MF_URL, 0 }, { "Description", MF_TEXT, 0 }, { "Impressions", MF_IMPRESSIONS, 0 },
		{ "Reach", MF_REACH, 0 }, { "Likes", MF_LIKES, 0 }, { "Comments", MF_COMMENTS, 0 },
		{ "Shares", MF_SHARES, 0 }, { "Saves", MF_SAVES, 0 }, { "Plays", MF_VIDEO_VIEWS, 0 } } },
	{ "linkedin", N_("LinkedIn page content export (all posts)"), "linkedin", MT_POSTS, MD_US, true, {
		{ "Post link", MF_REMOTE_ID, REQ }, { "Post title", MF_TEXT, 0 }, { "Created date", MF_TIME, REQ },
		{ "Impressions", MF_IMPRESSIONS, REQ }, { "Clicks", MF_CLICKS, 0 }, { "Likes", MF_LIKES, 0 },
		{ "Comments", MF_COMMENTS, 0 }, { "Reposts", MF_SHARES, 0 } } },
	{ "linkedin-followers", N_("LinkedIn page follower export (new followers)"), "linkedin", MT_ACCOUNT, MD_US, false, {
		{ "Date", MF_TIME, REQ }, { "Total followers", MF_FOLLOWERS_GAINED, REQ },
		{ "Organic followers", -1, 0 }, { "Sponsored followers", -1, 0 } } },
	{ "mastodon", N_("Mastodon own statuses (API field names)"), "mastodon", MT_POSTS, MD_ISO, true, {
		{ "id", MF_REMOTE_ID, REQ }, { "created_at", MF_TIME, REQ }, { "url", MF_URL, 0 },
		{ "content", MF_TEXT, 0 }, { "replies_count", MF_COMMENTS, REQ }, { "reblogs_count", MF_SHARES, 0 },
		{ "favourites_count", MF_LIKES, 0 } } },
	{ "ga4", N_("Google Analytics 4 traffic acquisition export"), NULL, MT_WEB, MD_YMD8, false, {
		{ "Date", MF_TIME, 0 }, { "Session source / medium", MF_SOURCE_MEDIUM, 0 },
		{ "Session source", MF_SOURCE, 0 }, { "Session medium", MF_MEDIUM, 0 },
		{ "Session campaign", MF_CAMPAIGN, 0 }, { "Session manual ad content", MF_CONTENT, 0 },
		{ "Sessions", MF_SESSIONS, REQ },
		{ "Key events", MF_KEY_EVENTS, 0 }, { "Conversions", MF_KEY_EVENTS, 0 },
		{ "Total revenue", MF_REVENUE, 0 } } },
	{ "koers-posts", N_("koers CSV, per post"), NULL, MT_POSTS, MD_ISO, true, {
		{ "channel", MF_CHANNEL, REQ }, { "remote_id", MF_REMOTE_ID, REQ }, { "url", MF_URL, 0 },
		{ "published_at", MF_TIME, REQ }, { "text", MF_TEXT, 0 }, { "pillar", MF_PILLAR, 0 },
		{ "persona", MF_PERSONA, 0 }, { "campaign", MF_CAMPAIGN, 0 }, { "impressions", MF_IMPRESSIONS, 0 },
		{ "reach", MF_REACH, 0 }, { "engagements", MF_ENGAGEMENTS, 0 }, { "likes", MF_LIKES, 0 },
		{ "comments", MF_COMMENTS, 0 }, { "shares", MF_SHARES, 0 }, { "saves", MF_SAVES, 0 },
		{ "clicks", MF_CLICKS, 0 }, { "video_views", MF_VIDEO_VIEWS, 0 } } },
	{ "koers-account", N_("koers CSV, per account and day"), NULL, MT_ACCOUNT, MD_ISO, false, {
		{ "channel", MF_CHANNEL, REQ }, { "date", MF_TIME, REQ }, { "followers", MF_FOLLOWERS, 0 },
		{ "followers_gained", MF_FOLLOWERS_GAINED, 0 }, { "followers_lost", MF_FOLLOWERS_LOST, 0 },
		{ "impressions", MF_IMPRESSIONS, 0 }, { "reach", MF_REACH, 0 }, { "engagements", MF_ENGAGEMENTS, 0 },
		{ "clicks", MF_CLICKS, 0 } } },
	{ "koers-web", N_("koers CSV, website per day"), NULL, MT_WEB, MD_ISO, false, {
		{ "date", MF_TIME, REQ }, { "source", MF_SOURCE, REQ }, { "medium", MF_MEDIUM, 0 },
		{ "campaign", MF_CAMPAIGN, 0 }, { "content", MF_CONTENT, 0 }, { "sessions", MF_SESSIONS, REQ },
		{ "key_events", MF_KEY_EVENTS, 0 }, { "revenue", MF_REVENUE, 0 } } },
	{ "costs", N_("koers CSV, costs and hours"), NULL, MT_COSTS, MD_ISO, false, {
		{ "date", MF_TIME, REQ }, { "category", MF_CATEGORY, REQ }, { "amount", MF_AMOUNT, 0 },
		{ "campaign", MF_CAMPAIGN, 0 }, { "channel", MF_CHANNEL, 0 }, { "note", MF_NOTE, 0 },
		{ "hours", MF_HOURS, 0 } } },
};
#define NPROFILES (sizeof(profiles) / sizeof(profiles[0]))

const struct metrics_profile *metrics_profile_at(size_t i) { return i < NPROFILES ? &profiles[i] : NULL; }
const char *metrics_profile_id(const struct metrics_profile *p) { return p->id; }
const char *metrics_profile_title(const struct metrics_profile *p) { return p->title; }
enum metrics_target metrics_profile_target(const struct metrics_profile *p) { return p->target; }

const struct metrics_profile *metrics_profile_find(const char *id)
{
	for (size_t i = 0; i < NPROFILES; i++)
		if (!strcmp(profiles[i].id, id))
			return &profiles[i];
	return NULL;
}

static size_t ncols(const struct metrics_profile *p)
{
	size_t n = 0;
	while (n < sizeof(p->cols) / sizeof(p->cols[0]) && p->cols[n].header)
		n++;
	return n;
}

/* Header cell as written, without surrounding blanks. */
static bool header_is(const char *cell, const char *name)
{
	while (*cell == ' ' || *cell == '\t')
		cell++;
	size_t n = strlen(cell);
	while (n && (cell[n - 1] == ' ' || cell[n - 1] == '\t'))
		n--;
	return n == strlen(name) && !strncasecmp(cell, name, n);
}

/* Number of the profile's columns present, or -1 when a required one is missing. */
static int profile_score(const struct metrics_profile *p, char **h, size_t n)
{
	int score = 0;
	for (size_t c = 0; c < ncols(p); c++) {
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = header_is(h[i], p->cols[c].header);
		if (found)
			score++;
		else if (p->cols[c].required)
			return -1;
	}
	return score;
}

struct state {
	struct metrics_import *mi;
	const char *file;
	struct diags *d;
	const struct metrics_profile *forced;
	const enum metrics_target *only;
	const struct metrics_profile *p;
	int colof[MF_COUNT];     /* field index per meaning, -1 when absent */
	const char *header_of[MF_COUNT];
	size_t nheader;
	int64_t start_day;       /* GA4 "# Start date: YYYYMMDD" for files without a Date column */
	bool have_start_day;
	struct db_stmt *stmts[4], *ins, *match;
	struct err *e;
	int fatal;
};

static bool blank_record(char **f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i][0])
			return false;
	return true;
}

static bool parse_ymd8(const char *s, int64_t *day)
{
	if (strlen(s) != 8)
		return false;
	for (int i = 0; i < 8; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	unsigned y = (unsigned)atoi((char[]){ s[0], s[1], s[2], s[3], 0 });
	unsigned m = (unsigned)atoi((char[]){ s[4], s[5], 0 });
	unsigned d = (unsigned)atoi((char[]){ s[6], s[7], 0 });
	if (m < 1 || m > 12 || d < 1 || d > iso_days_in_month(y, m))
		return false;
	*day = iso_days_from_civil(y, m, d);
	return true;
}

/*
 * A date or date-time in the profile's form: the UTC instant, whether a time
 * of day was given, and the local day. Returns false with a reason.
 */
static bool parse_when(enum mdate form, const char *s, const struct tz *z, int64_t *t, bool *has_time,
		       int64_t *day, const char **why)
{
	char buf[64];
	struct err e = { 0 };
	*has_time = false;
	*why = N_("not a date in the form this export uses");
	if (strlen(s) >= sizeof(buf) - 8)
		return false;
	switch (form) {
	case MD_YMD8:
		if (!parse_ymd8(s, day))
			return false;
		{
			int64_t y;
			unsigned m, dd;
			iso_civil_from_days(*day, &y, &m, &dd);
			*t = tz_from_local(z, y, (int)m, (int)dd, 0, 0, 0);
		}
		return true;
	case MD_US: {
		unsigned m, d, y, hh = 0, mm = 0, ss = 0;
		int used = 0, k = sscanf(s, "%2u/%2u/%4u%n", &m, &d, &y, &used);
		if (k != 3)
			return false;
		const char *rest = s + used;
		if (*rest) {
			int used2 = 0;
			if (sscanf(rest, " %2u:%2u%n", &hh, &mm, &used2) != 2)
				return false;
			rest += used2;
			if (*rest == ':') {
				int used3 = 0;
				if (sscanf(rest, ":%2u%n", &ss, &used3) != 1)
					return false;
				rest += used3;
			}
			if (*rest || hh > 23 || mm > 59 || ss > 59)
				return false;
			*has_time = true;
		}
		if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9998 || d > iso_days_in_month(y, m))
			return false;
		*day = iso_days_from_civil(y, m, d);
		*t = tz_from_local(z, y, (int)m, (int)d, (int)hh, (int)mm, (int)ss);
		return true;
	}
	case MD_X: { /* "2026-01-05 14:03 +0000" -> RFC 3339 */
		unsigned y, mo, d, hh, mi;
		char sign;
		unsigned off;
		int used = 0;
		if (sscanf(s, "%4u-%2u-%2u %2u:%2u %c%4u%n", &y, &mo, &d, &hh, &mi, &sign, &off, &used) != 7 ||
		    s[used] || (sign != '+' && sign != '-'))
			return false;
		snprintf(buf, sizeof(buf), "%04u-%02u-%02uT%02u:%02u:00%c%02u:%02u", y, mo, d, hh, mi, sign, off / 100,
			 off % 100);
		if (iso_parse_datetime(buf, NULL, t, &e, NULL))
			return false;
		break;
	}
	case MD_ISO:
		if (strlen(s) == 10) {
			if (iso_parse_date(s, day, &e, NULL))
				return false;
			int64_t y;
			unsigned m, dd;
			iso_civil_from_days(*day, &y, &m, &dd);
			*t = tz_from_local(z, y, (int)m, (int)dd, 0, 0, 0);
			return true;
		}
		if (iso_parse_datetime(s, z, t, &e, NULL))
			return false;
		break;
	}
	*has_time = true;
	struct tz_local l;
	tz_to_local(z, *t, &l);
	*day = iso_days_from_civil(l.year, l.month, l.day);
	return true;
}

/* A count or amount: empty means "not given" (NAN). */
static bool parse_num(const char *s, double *out)
{
	while (*s == ' ')
		s++;
	if (!*s || !strcmp(s, "-")) {
		*out = NAN;
		return true;
	}
	char *end;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(v) || !(isdigit((unsigned char)*s) || *s == '-' || *s == '.'))
		return false;
	*out = v;
	return true;
}

static const char *field(struct state *st, char **f, size_t n, enum mfield m)
{
	int c = st->colof[m];
	if (c < 0 || (size_t)c >= n)
		return NULL;
	const char *s = f[c];
	while (*s == ' ')
		s++;
	return *s ? s : NULL;
}

static const char *channel_for(struct state *st)
{
	if (st->mi->channel)
		return st->mi->channel;
	const struct plan *pl = st->mi->plan;
	if (pl && st->p->platform) {
		const struct plan_channel *ch = pl->channels.v;
		for (size_t i = 0; i < pl->channels.n; i++)
			if (ch[i].platform && !strcmp(ch[i].platform, st->p->platform) && ch[i].id)
				return ch[i].id;
	}
	return st->p->platform ? st->p->platform : "";
}

static int choose_profile(struct state *st, unsigned line, char **f, size_t n)
{
	const struct metrics_profile *best = st->forced;
	if (!best) {
		int best_score = 0;
		for (size_t i = 0; i < NPROFILES; i++) {
			if (st->only && profiles[i].target != *st->only)
				continue;
			int s = profile_score(&profiles[i], f, n);
			if (s > best_score)
				best = &profiles[i], best_score = s;
		}
		if (!best) {
			st->fatal = err_set(st->e, ERR_DATA, "%s:%u: the header fits no metrics profile (see docs/metrics.md)",
					    st->file, line);
			return st->fatal;
		}
	} else if (profile_score(best, f, n) < 0) {
		for (size_t c = 0; c < ncols(best); c++) {
			bool found = false;
			for (size_t i = 0; i < n && !found; i++)
				found = header_is(f[i], best->cols[c].header);
			if (!found && best->cols[c].required) {
				st->fatal = err_set(st->e, ERR_DATA, "%s:%u: profile %s needs the column '%s'", st->file,
						    line, best->id, best->cols[c].header);
				return st->fatal;
			}
		}
	}
	st->p = best;
	st->mi->profile = best;
	for (int m = 0; m < MF_COUNT; m++)
		st->colof[m] = -1;
	for (size_t c = 0; c < ncols(best); c++) {
		if ((int)best->cols[c].field < 0)
			continue;
		for (size_t i = 0; i < n; i++)
			if (header_is(f[i], best->cols[c].header) && st->colof[best->cols[c].field] < 0) {
				st->colof[best->cols[c].field] = (int)i;
				st->header_of[best->cols[c].field] = best->cols[c].header;
			}
	}
	st->nheader = n;
	st->ins = st->stmts[best->target];
	return 0;
}

static const char *const upserts[] = {
	[MT_POSTS] = "INSERT INTO post_metrics(workspace_id, channel, remote_id, post_id, url, published_at, has_time,"
		     " text, pillar, persona, campaign, impressions, reach, engagements, likes, comments, shares, saves,"
		     " clicks, video_views, source)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"
		     " ON CONFLICT (workspace_id, channel, remote_id) DO UPDATE SET"
		     " post_id = coalesce(excluded.post_id, post_metrics.post_id),"
		     " url = coalesce(excluded.url, post_metrics.url), published_at = excluded.published_at,"
		     " has_time = excluded.has_time, text = coalesce(excluded.text, post_metrics.text),"
		     " pillar = coalesce(excluded.pillar, post_metrics.pillar),"
		     " persona = coalesce(excluded.persona, post_metrics.persona),"
		     " campaign = coalesce(excluded.campaign, post_metrics.campaign),"
		     " impressions = coalesce(excluded.impressions, post_metrics.impressions),"
		     " reach = coalesce(excluded.reach, post_metrics.reach),"
		     " engagements = coalesce(excluded.engagements, post_metrics.engagements),"
		     " likes = coalesce(excluded.likes, post_metrics.likes),"
		     " comments = coalesce(excluded.comments, post_metrics.comments),"
		     " shares = coalesce(excluded.shares, post_metrics.shares),"
		     " saves = coalesce(excluded.saves, post_metrics.saves),"
		     " clicks = coalesce(excluded.clicks, post_metrics.clicks),"
		     " video_views = coalesce(excluded.video_views, post_metrics.video_views), source = excluded.source",
	[MT_ACCOUNT] = "INSERT INTO account_metrics(workspace_id, channel, day, followers, followers_gained,"
		       " followers_lost, impressions, reach, engagements, clicks, source)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		       " ON CONFLICT (workspace_id, channel, day) DO UPDATE SET"
		       " followers = coalesce(excluded.followers, account_metrics.followers),"
		       " followers_gained = coalesce(excluded.followers_gained, account_metrics.followers_gained),"
		       " followers_lost = coalesce(excluded.followers_lost, account_metrics.followers_lost),"
		       " impressions = coalesce(excluded.impressions, account_metrics.impressions),"
		       " reach = coalesce(excluded.reach, account_metrics.reach),"
		       " engagements = coalesce(excluded.engagements, account_metrics.engagements),"
		       " clicks = coalesce(excluded.clicks, account_metrics.clicks), source = excluded.source",
	[MT_WEB] = "INSERT INTO web_metrics(workspace_id, day, source, medium, campaign, sessions, key_events, revenue,"
		   " origin, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
		   " ON CONFLICT (workspace_id, day, source, medium, campaign, content) DO UPDATE SET"
		   " sessions = excluded.sessions, key_events = excluded.key_events, revenue = excluded.revenue,"
		   " origin = excluded.origin",
	[MT_COSTS] = "INSERT INTO costs(workspace_id, day, category, campaign, channel, note, amount, hours, source)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		     " ON CONFLICT (workspace_id, day, category, campaign, channel, note) DO UPDATE SET"
		     " amount = excluded.amount, hours = excluded.hours, source = excluded.source",
};

static void bind_num(struct db_stmt *s, int idx, double v)
{
	if (isnan(v))
		db_bind_null(s, idx);
	else
		db_bind_double(s, idx, v);
}

static int bad(struct state *st, unsigned line, enum mfield m, const char *why, const char *value)
{
	unsigned col = st->colof[m] >= 0 ? (unsigned)st->colof[m] + 1 : 0;
	diags_add(st->d, st->file, line, col, "%s '%s': %s", st->header_of[m] ? st->header_of[m] : "",
		  value ? value : "", tr(st->d->lang, why));
	st->mi->skipped++;
	return 0;
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

static int on_record(void *ctx, const struct csv_record *rec)
{
	unsigned line = rec->row; /* problems are reported by spreadsheet row */
	char **f = rec->fields;
	size_t n = rec->n;
	struct state *st = ctx;
	if (blank_record(f, n))
		return 0;
	if (f[0][0] == '#') { /* GA4 writes comment lines before (and between) tables */
		const char *s = strstr(f[0], "Start date:");
		int64_t day;
		if (s) {
			s += strlen("Start date:");
			while (*s == ' ')
				s++;
		}
		if (s && parse_ymd8(s, &day))
			st->start_day = day, st->have_start_day = true;
		return 0;
	}
	if (!st->p)
		return choose_profile(st, line, f, n);
	if (header_is(f[0], st->p->cols[0].header) && n == st->nheader)
		return 0; /* a repeated header (concatenated exports) */
	if (n != st->nheader) {
		diags_add(st->d, st->file, line, 0, "%zu fields where the header has %zu", n, st->nheader);
		st->mi->skipped++;
		return 0;
	}
	struct metrics_import *mi = st->mi;
	const struct metrics_profile *p = st->p;
	/* numbers */
	static const enum mfield numeric[] = {
		MF_IMPRESSIONS, MF_REACH, MF_ENGAGEMENTS, MF_LIKES, MF_COMMENTS, MF_SHARES, MF_SAVES, MF_CLICKS,
		MF_VIDEO_VIEWS, MF_FOLLOWERS, MF_FOLLOWERS_GAINED, MF_FOLLOWERS_LOST, MF_SESSIONS, MF_KEY_EVENTS,
		MF_REVENUE, MF_AMOUNT, MF_HOURS,
	};
	double v[MF_COUNT];
	for (int m = 0; m < MF_COUNT; m++)
		v[m] = NAN;
	for (size_t i = 0; i < sizeof(numeric) / sizeof(numeric[0]); i++) {
		const char *s = field(st, f, n, numeric[i]);
		if (s && !parse_num(s, &v[numeric[i]]))
			return bad(st, line, numeric[i], N_("not a number (digits with a decimal point)"), s);
		if (s && v[numeric[i]] < 0 && numeric[i] != MF_AMOUNT)
			return bad(st, line, numeric[i], N_("a count cannot be negative"), s);
	}
	if (p->sum_engagements && isnan(v[MF_ENGAGEMENTS])) {
		static const enum mfield parts[] = { MF_LIKES, MF_COMMENTS, MF_SHARES, MF_SAVES, MF_CLICKS };
		double sum = 0;
		bool any = false;
		for (size_t i = 0; i < 5; i++)
			if (!isnan(v[parts[i]]))
				sum += v[parts[i]], any = true;
		if (any)
			v[MF_ENGAGEMENTS] = sum;
	}
	/* when */
	int64_t t = 0, day = 0;
	bool has_time = false;
	const char *when = field(st, f, n, MF_TIME);
	if (when) {
		const char *why;
		if (!parse_when(p->date, when, mi->zone, &t, &has_time, &day, &why))
			return bad(st, line, MF_TIME, why, when);
	} else if (p->target == MT_WEB && st->have_start_day) {
		day = st->start_day;
	} else {
		diags_add(st->d, st->file, line, st->colof[MF_TIME] + 1, "%s", tr(st->d->lang, "no date"));
		mi->skipped++;
		return 0;
	}
	char daybuf[ISO_BUFSZ];
	iso_format_date(day, daybuf);
	const char *channel = field(st, f, n, MF_CHANNEL);
	if (!channel && p->target != MT_COSTS)
		channel = channel_for(st);
	struct db_stmt *s = st->ins;
	struct err *e = st->e;
	db_reset(s);
	db_bind_int(s, 1, mi->ws);
	switch (p->target) {
	case MT_POSTS: {
		const char *rid = field(st, f, n, MF_REMOTE_ID);
		if (!rid)
			return bad(st, line, MF_REMOTE_ID, N_("a post needs its id"), "");
		const char *url = field(st, f, n, MF_URL);
		if (!url && strstr(rid, "://"))
			url = rid;
		int64_t post_id = 0;
		db_reset(st->match);
		db_bind_int(st->match, 1, mi->ws);
		db_bind_text(st->match, 2, rid);
		db_bind_text(st->match, 3, url ? url : rid);
		int r = db_step(st->match, e);
		if (r < 0)
			return st->fatal = r;
		if (r == DB_ROW)
			post_id = db_col_int(st->match, 0), mi->matched++;
		db_bind_text(s, 2, channel);
		db_bind_text(s, 3, rid);
		if (post_id)
			db_bind_int(s, 4, post_id);
		else
			db_bind_null(s, 4);
		db_bind_text(s, 5, url);
		db_bind_int(s, 6, t);
		db_bind_int(s, 7, has_time);
		db_bind_text(s, 8, field(st, f, n, MF_TEXT));
		db_bind_text(s, 9, field(st, f, n, MF_PILLAR));
		db_bind_text(s, 10, field(st, f, n, MF_PERSONA));
		db_bind_text(s, 11, field(st, f, n, MF_CAMPAIGN));
		static const enum mfield cols[] = { MF_IMPRESSIONS, MF_REACH, MF_ENGAGEMENTS, MF_LIKES, MF_COMMENTS,
						    MF_SHARES, MF_SAVES, MF_CLICKS, MF_VIDEO_VIEWS };
		for (int i = 0; i < 9; i++)
			bind_num(s, 12 + i, v[cols[i]]);
		db_bind_text(s, 21, p->id);
		break;
	}
	case MT_ACCOUNT: {
		db_bind_text(s, 2, channel);
		db_bind_text(s, 3, daybuf);
		static const enum mfield cols[] = { MF_FOLLOWERS, MF_FOLLOWERS_GAINED, MF_FOLLOWERS_LOST, MF_IMPRESSIONS,
						    MF_REACH, MF_ENGAGEMENTS, MF_CLICKS };
		for (int i = 0; i < 7; i++)
			bind_num(s, 4 + i, v[cols[i]]);
		db_bind_text(s, 11, p->id);
		break;
	}
	case MT_WEB: {
		char src[256] = "", med[256] = "";
		const char *sm = field(st, f, n, MF_SOURCE_MEDIUM);
		if (sm) {
			const char *slash = strstr(sm, " / ");
			if (!slash)
				return bad(st, line, MF_SOURCE_MEDIUM, N_("expected 'source / medium'"), sm);
			snprintf(src, sizeof(src), "%.*s", (int)(slash - sm), sm);
			snprintf(med, sizeof(med), "%s", slash + 3);
		}
		const char *so = field(st, f, n, MF_SOURCE), *me = field(st, f, n, MF_MEDIUM);
		if (so)
			snprintf(src, sizeof(src), "%s", so);
		if (me)
			snprintf(med, sizeof(med), "%s", me);
		const char *camp = field(st, f, n, MF_CAMPAIGN);
		if (isnan(v[MF_SESSIONS]))
			return bad(st, line, MF_SESSIONS, N_("no sessions"), "");
		db_bind_text(s, 2, daybuf);
		db_bind_text(s, 3, src);
		db_bind_text(s, 4, med);
		db_bind_text(s, 5, camp && strcmp(camp, "(not set)") ? camp : "");
		bind_num(s, 6, v[MF_SESSIONS]);
		bind_num(s, 7, v[MF_KEY_EVENTS]);
		bind_num(s, 8, v[MF_REVENUE]);
		db_bind_text(s, 9, p->id);
		const char *content = field(st, f, n, MF_CONTENT);
		db_bind_text(s, 10, content && strcmp(content, "(not set)") ? content : "");
		break;
	}
	case MT_COSTS: {
		const char *cat = field(st, f, n, MF_CATEGORY);
		if (!cat || !in_list(plan_budget_categories, cat))
			return bad(st, line, MF_CATEGORY,
				   N_("not a budget category (advertising, content, tools, external, people, other)"), cat);
		if (isnan(v[MF_AMOUNT]) && isnan(v[MF_HOURS]))
			return bad(st, line, MF_AMOUNT, N_("a cost needs an amount or hours"), "");
		const char *camp = field(st, f, n, MF_CAMPAIGN), *note = field(st, f, n, MF_NOTE);
		db_bind_text(s, 2, daybuf);
		db_bind_text(s, 3, cat);
		db_bind_text(s, 4, camp ? camp : "");
		db_bind_text(s, 5, channel ? channel : "");
		db_bind_text(s, 6, note ? note : "");
		db_bind_double(s, 7, isnan(v[MF_AMOUNT]) ? 0 : v[MF_AMOUNT]);
		db_bind_double(s, 8, isnan(v[MF_HOURS]) ? 0 : v[MF_HOURS]);
		db_bind_text(s, 9, p->id);
		break;
	}
	}
	int r = db_step(s, e);
	if (r < 0)
		return st->fatal = r;
	mi->rows++;
	return 0;
}

int metrics_import(struct metrics_import *mi, const char *file, const char *buf, size_t len,
		   const struct metrics_profile *profile, const enum metrics_target *only, struct diags *d,
		   struct err *e)
{
	struct state st = { .mi = mi, .file = file, .d = d, .forced = profile, .only = only, .e = e };
	mi->profile = NULL;
	mi->rows = mi->skipped = mi->matched = 0;
	int r = db_begin(mi->db, e);
	if (r < 0)
		return r;
	for (int i = 0; i < 4 && r >= 0; i++)
		r = db_prepare(mi->db, &st.stmts[i], upserts[i], e);
	if (r >= 0)
		r = db_prepare(mi->db, &st.match,
			       "SELECT pc.post_id FROM post_channels pc JOIN posts p ON p.id = pc.post_id"
			       " WHERE p.workspace_id = ? AND (pc.remote_id = ? OR pc.remote_url = ?) LIMIT 1",
			       e);
	size_t before = d->n + d->dropped;
	if (r >= 0)
		r = csv_read(buf, len, file, d, on_record, &st);
	mi->skipped = d->n + d->dropped - before; /* one problem per skipped row */
	if (r >= 0 && !st.p)
		r = err_set(e, ERR_DATA, "%s: no header: the file is empty", file);
	for (int i = 0; i < 4; i++)
		if (st.stmts[i])
			db_finalize(st.stmts[i]);
	if (st.match)
		db_finalize(st.match);
	if (r < 0) {
		db_rollback(mi->db);
		return r;
	}
	return db_commit(mi->db, e);
}
