#include "plan/check.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "kpi/catalog.h"
#include "listen/query.h"
#include "plan/schema.h"
#include "workspace/workspace.h"

struct check_ctx {
	struct check_result *out;
	const struct check_rule *rule;
	enum lang lang;
	bool not_applicable;
};

static void report(struct check_ctx *c, const struct plan_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct check_ctx *c, const struct plan_loc *loc, const char *fmt, ...)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, tr(c->lang, fmt), ap);
	va_end(ap);
	struct check_result *r = c->out;
	ALLOC_GROW(r->findings, r->n + 1, r->alloc);
	r->findings[r->n++] = (struct check_finding){
		.rule = c->rule,
		.loc = loc ? *loc : (struct plan_loc){ 0, 0 },
		.msg = strbuf_detach(&sb, NULL),
	};
}

static void not_applicable(struct check_ctx *c)
{
	c->not_applicable = true;
}

/* ---- small helpers over the model ---- */

/* (no arithmetic on the NULL of an empty list: it is undefined even for + 0) */
#define EACH(T, var, list) \
	for (const T *var = (list).v, *var##_end = var ? var + (list).n : var; var != var##_end; var++)

static bool empty(const char *s)
{
	return !s || !*s;
}

static bool set(double x)
{
	return !isnan(x);
}

static bool in_list(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

static const struct plan_member *member(const struct plan *p, const char *id)
{
	if (id)
		EACH(struct plan_member, m, p->team)
			if (m->id && !strcmp(m->id, id))
				return m;
	return NULL;
}

static const struct plan_channel *channel(const struct plan *p, const char *id)
{
	if (id)
		EACH(struct plan_channel, ch, p->channels)
			if (ch->id && !strcmp(ch->id, id))
				return ch;
	return NULL;
}

static bool has_persona(const struct plan *p, const char *id)
{
	EACH(struct plan_persona, pe, p->personas)
		if (pe->id && !strcmp(pe->id, id))
			return true;
	return false;
}

static bool has_objective(const struct plan *p, const char *id)
{
	if (id)
		EACH(struct plan_objective, o, p->objectives)
			if (o->id && !strcmp(o->id, id))
				return true;
	return false;
}

static bool has_strategy(const struct plan *p, const char *type)
{
	EACH(struct plan_strategy, s, p->strategies)
		if (s->type && !strcmp(s->type, type))
			return true;
	return false;
}

static bool has_role(const struct plan *p, const char *role)
{
	EACH(struct plan_member, m, p->team)
		if (in_list(&m->roles, role))
			return true;
	return false;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (days_from_civil, H. Hinnant). */
static long date_days(const char *s)
{
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* An owner must be a member of the team; reports and returns false otherwise. */
static bool check_owner(struct check_ctx *c, const struct plan *p, const struct plan_loc *loc,
			const char *what, const char *owner)
{
	if (empty(owner)) {
		report(c, loc, "%s has no owner", what);
		return false;
	}
	if (!member(p, owner)) {
		report(c, loc, "%s: owner '%s' is not a member of the team", what, owner);
		return false;
	}
	return true;
}

static char *label(const char *kind, const char *id)
{
	return xasprintf("%s '%s'", kind, id ? id : "?");
}

/* ---- step 0: the plan itself ---- */

static void rule_organisation(struct check_ctx *c, const struct plan *p)
{
	if (empty(p->organisation.name))
		report(c, NULL, "the organisation has no name");
	if (!empty(p->organisation.timezone) && !ws_timezone_valid(p->organisation.timezone))
		report(c, NULL, "'%s' is not a known time zone", p->organisation.timezone);
}

static void rule_period(struct check_ctx *c, const struct plan *p)
{
	if (empty(p->period.start) || empty(p->period.end))
		report(c, NULL, "the plan has no period (start and end)");
	else if (date_days(p->period.end) <= date_days(p->period.start))
		report(c, NULL, "the plan's period ends before it starts");
}

/* Every list whose items have an id (per the schema): ids present and unique. */
static void ids_in(struct check_ctx *c, const struct schema *s, const void *obj)
{
	for (const struct field *f = s->fields; f->key; f++) {
		const void *p = (const char *)obj + f->offset;
		if (f->kind == FK_OBJ)
			ids_in(c, f->sub, p);
		if (f->kind != FK_LIST)
			continue;
		const struct plan_list *l = p;
		const struct field *idf = schema_field(f->sub, "id");
		for (size_t i = 0; i < l->n; i++) {
			const char *item = (const char *)l->v + i * f->sub->size;
			ids_in(c, f->sub, item);
			if (!idf)
				continue;
			const struct plan_loc *loc = (const struct plan_loc *)(item + f->sub->loc_offset);
			const char *id = *(char *const *)(item + idf->offset);
			if (empty(id)) {
				report(c, loc, "this %s has no id", tr(c->lang, f->sub->name));
				continue;
			}
			for (size_t j = 0; j < i; j++) {
				const char *other = *(char *const *)((const char *)l->v + j * f->sub->size + idf->offset);
				if (other && !strcmp(other, id)) {
					report(c, loc, "%s id '%s' is used twice", tr(c->lang, f->sub->name), id);
					break;
				}
			}
		}
	}
}

static void rule_ids(struct check_ctx *c, const struct plan *p)
{
	ids_in(c, &plan_schema, p);
}

/* ---- step 1: research ---- */

static void rule_research(struct check_ctx *c, const struct plan *p)
{
	const struct plan_research *r = &p->research;
	if (empty(r->summary) && empty(r->reputation) && !r->swot.strengths.n && !r->competitors.n)
		report(c, NULL, "there is no research: no summary, reputation, SWOT or competitors");
}

static void rule_swot(struct check_ctx *c, const struct plan *p)
{
	const struct plan_swot *s = &p->research.swot;
	const struct { const struct strlist *l; const char *name; } q[] = {
		{ &s->strengths, N_("strengths") }, { &s->weaknesses, N_("weaknesses") },
		{ &s->opportunities, N_("opportunities") }, { &s->threats, N_("threats") },
	};
	for (size_t i = 0; i < 4; i++)
		if (!q[i].l->n)
			report(c, NULL, "SWOT: no %s", tr(c->lang, q[i].name));
}

static void rule_competitors(struct check_ctx *c, const struct plan *p)
{
	if (!p->research.competitors.n)
		report(c, NULL, "no competitors are named");
	EACH(struct plan_competitor, co, p->research.competitors)
		if (!co->handles.n)
			report(c, &co->loc, "competitor '%s' has no accounts (handles)", co->name ? co->name : "?");
}

static void rule_topics(struct check_ctx *c, const struct plan *p)
{
	if (!has_strategy(p, "listening") && !has_strategy(p, "webcare")) {
		not_applicable(c);
		return;
	}
	if (!p->listening.topics.n)
		report(c, NULL, "the strategy listens or does webcare, but no listening topics are tracked");
	EACH(struct plan_topic, t, p->listening.topics) {
		struct query *q;
		struct err e = { .lang = c->lang };
		if (empty(t->query))
			report(c, &t->loc, "listening topic '%s' has no query", t->id ? t->id : "?");
		else if (query_parse(t->query, &q, &e) < 0)
			report(c, &t->loc, "listening topic '%s': %s", t->id ? t->id : "?", e.msg);
		else
			query_free(q);
	}
}

static void rule_topic_competitors(struct check_ctx *c, const struct plan *p)
{
	if (!p->research.competitors.n || !p->listening.topics.n) {
		not_applicable(c);
		return;
	}
	EACH(struct plan_topic, t, p->listening.topics)
		if (t->kind && !strcmp(t->kind, "competitor"))
			return;
	report(c, NULL, "no listening topic of kind 'competitor': share of voice cannot be measured");
}

/* ---- step 2: objectives and goals ---- */

static void rule_mission(struct check_ctx *c, const struct plan *p)
{
	if (empty(p->organisation.mission) && empty(p->organisation.vision) && !p->research.swot.strengths.n)
		report(c, NULL, "no mission, vision or SWOT to derive the objectives from");
}

static void rule_objectives(struct check_ctx *c, const struct plan *p)
{
	if (!p->objectives.n)
		report(c, NULL, "the plan has no objectives");
	EACH(struct plan_objective, o, p->objectives)
		if (empty(o->type))
			report(c, &o->loc, "objective '%s' has no type", o->id ? o->id : "?");
}

static void rule_goals(struct check_ctx *c, const struct plan *p)
{
	if (!p->goals.n)
		report(c, NULL, "the plan has no goals");
}

static void rule_smart(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_goal, g, p->goals) {
		const char *id = g->id ? g->id : "?";
		if (empty(g->kpi))
			report(c, &g->loc, "goal '%s' has no KPI", id);
		else if (!kpi_find(g->kpi))
			report(c, &g->loc, "goal '%s': '%s' is not a KPI of the catalogue (koers plan catalogue)", id, g->kpi);
		if (!set(g->baseline))
			report(c, &g->loc, "goal '%s' has no baseline", id);
		if (!set(g->target))
			report(c, &g->loc, "goal '%s' has no target", id);
		if (empty(g->start))
			report(c, &g->loc, "goal '%s' has no start date", id);
		if (empty(g->deadline))
			report(c, &g->loc, "goal '%s' has no deadline", id);
		if (!empty(g->start) && !empty(g->deadline) && date_days(g->deadline) <= date_days(g->start))
			report(c, &g->loc, "goal '%s': the deadline %s is not after the start %s", id, g->deadline, g->start);
		char *what = label(tr(c->lang, "goal"), g->id);
		check_owner(c, p, &g->loc, what, g->owner);
		free(what);
		if (empty(g->objective))
			report(c, &g->loc, "goal '%s' is not linked to an objective", id);
		else if (!has_objective(p, g->objective))
			report(c, &g->loc, "goal '%s': objective '%s' does not exist", id, g->objective);
		if (!g->actions.n)
			report(c, &g->loc, "goal '%s' has no actions", id);
	}
}

static void rule_goal_channel(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_goal, g, p->goals) {
		if (empty(g->channel))
			report(c, &g->loc, "goal '%s' names no channel (use 'all' for every channel)", g->id ? g->id : "?");
		else if (strcmp(g->channel, "all") && !channel(p, g->channel))
			report(c, &g->loc, "goal '%s': channel '%s' does not exist", g->id ? g->id : "?", g->channel);
	}
}

static void rule_goal_direction(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_goal, g, p->goals) {
		const struct kpi_def *k = kpi_find(g->kpi);
		if (!k || !set(g->baseline) || !set(g->target))
			continue;
		bool better = k->direction == KPI_LOWER_IS_BETTER ? g->target < g->baseline : g->target > g->baseline;
		if (!better)
			report(c, &g->loc, k->direction == KPI_LOWER_IS_BETTER
				   ? N_("goal '%s': for %s lower is better, but the target %g is not below the baseline %g")
				   : N_("goal '%s': for %s higher is better, but the target %g is not above the baseline %g"),
			       g->id ? g->id : "?", k->id, g->target, g->baseline);
	}
}

static double max_growth(const struct plan *p)
{
	return set(p->checks.max_growth_per_month) ? p->checks.max_growth_per_month : 20;
}

static void rule_goal_growth(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_goal, g, p->goals) {
		const struct kpi_def *k = kpi_find(g->kpi);
		if (!k || !set(g->baseline) || !set(g->target) || g->baseline <= 0 || g->target <= 0 ||
		    empty(g->start) || empty(g->deadline))
			continue;
		double months = (double)(date_days(g->deadline) - date_days(g->start)) / 30.4375;
		if (months <= 0)
			continue;
		double ratio = k->direction == KPI_LOWER_IS_BETTER ? g->baseline / g->target : g->target / g->baseline;
		double monthly = (pow(ratio, 1 / months) - 1) * 100;
		if (monthly > max_growth(p))
			report(c, &g->loc, "goal '%s' needs %.1f %% improvement every month for %.1f months; more than %g %% a month is rarely reached",
			       g->id ? g->id : "?", monthly, months, max_growth(p));
	}
}

static void rule_objective_goals(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_objective, o, p->objectives) {
		bool found = false;
		EACH(struct plan_goal, g, p->goals)
			found |= g->objective && o->id && !strcmp(g->objective, o->id);
		if (!found)
			report(c, &o->loc, "objective '%s' has no goal that measures it", o->id ? o->id : "?");
	}
}

/* ---- step 3: people ---- */

static void rule_personas(struct check_ctx *c, const struct plan *p)
{
	if (!p->personas.n)
		report(c, NULL, "the plan has no personas");
}

static void rule_persona_reached(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_persona, pe, p->personas) {
		const char *id = pe->id ? pe->id : "?";
		bool reached = false;
		for (size_t i = 0; i < pe->channels.n; i++) {
			if (channel(p, pe->channels.v[i]))
				reached = true;
			else
				report(c, &pe->loc, "persona '%s': channel '%s' does not exist", id, pe->channels.v[i]);
		}
		if (pe->id)
			EACH(struct plan_channel, ch, p->channels)
				reached |= in_list(&ch->personas, pe->id);
		if (!reached)
			report(c, &pe->loc, "persona '%s' is not reached by any channel", id);
	}
}

static void rule_persona_complete(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_persona, pe, p->personas) {
		const char *id = pe->id ? pe->id : "?";
		if (!pe->goals.n || !pe->challenges.n)
			report(c, &pe->loc, "persona '%s': goals and challenges make content relevant", id);
		if (!pe->needs.n || empty(pe->media_use))
			report(c, &pe->loc, "persona '%s': needs and media use are missing", id);
	}
}

static void rule_audience(struct check_ctx *c, const struct plan *p)
{
	const struct plan_audience *a = &p->audience;
	if (empty(a->summary) && empty(a->demographics) && empty(a->behaviour) && !a->interests.n)
		report(c, NULL, "there is no audience analysis (behaviour, demographics, interests)");
}

/* ---- step 4: strategy ---- */

static void rule_strategies(struct check_ctx *c, const struct plan *p)
{
	if (!p->strategies.n)
		report(c, NULL, "the plan has no strategies");
	EACH(struct plan_strategy, s, p->strategies)
		if (empty(s->description))
			report(c, &s->loc, "strategy '%s' does not say how it works", s->type ? s->type : "?");
}

static void rule_strategy_order(struct check_ctx *c, const struct plan *p)
{
	double listen = INFINITY;
	EACH(struct plan_strategy, s, p->strategies)
		if (s->type && !strcmp(s->type, "listening") && set(s->phase) && s->phase < listen)
			listen = s->phase;
	if (!has_strategy(p, "listening")) {
		if (p->strategies.n)
			report(c, NULL, "there is no listening strategy: the method listens before it takes part");
		return;
	}
	EACH(struct plan_strategy, s, p->strategies)
		if (s->type && strcmp(s->type, "listening") && set(s->phase) && s->phase < listen)
			report(c, &s->loc, "strategy '%s' starts (phase %g) before listening (phase %g)", s->type, s->phase, listen);
}

static void rule_timeline(struct check_ctx *c, const struct plan *p)
{
	if (!p->timeline.n)
		report(c, NULL, "the plan has no timeline milestones");
	EACH(struct plan_milestone, m, p->timeline)
		if (!empty(m->owner) && !member(p, m->owner))
			report(c, &m->loc, "milestone '%s': owner '%s' is not a member of the team",
			       m->milestone ? m->milestone : "?", m->owner);
}

/* ---- step 5: internal support ---- */

static void rule_team(struct check_ctx *c, const struct plan *p)
{
	if (!p->team.n)
		report(c, NULL, "the plan has no team");
	EACH(struct plan_member, m, p->team)
		if (!m->roles.n)
			report(c, &m->loc, "team member '%s' has no role", m->id ? m->id : "?");
}

static void rule_team_roles(struct check_ctx *c, const struct plan *p)
{
	if (!has_role(p, "owner"))
		report(c, NULL, "nobody in the team has the role 'owner'");
	if (!has_role(p, "approver"))
		report(c, NULL, "nobody in the team has the role 'approver': posts cannot be approved");
}

static void rule_guidelines(struct check_ctx *c, const struct plan *p)
{
	if (!p->guidelines.dos.n)
		report(c, NULL, "the guidelines say nothing about what to do");
	if (!p->guidelines.donts.n)
		report(c, NULL, "the guidelines say nothing about what never to post");
}

static void rule_tone(struct check_ctx *c, const struct plan *p)
{
	if (empty(p->tone_of_voice))
		report(c, NULL, "the tone of voice is not described");
}

/* ---- step 6: content and channels ---- */

static void rule_channels(struct check_ctx *c, const struct plan *p)
{
	if (!p->channels.n)
		report(c, NULL, "the plan has no channels");
	EACH(struct plan_channel, ch, p->channels)
		if (empty(ch->platform))
			report(c, &ch->loc, "channel '%s' has no platform", ch->id ? ch->id : "?");
}

static void rule_channel_personas(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_channel, ch, p->channels) {
		const char *id = ch->id ? ch->id : "?";
		bool serves = false;
		for (size_t i = 0; i < ch->personas.n; i++) {
			if (has_persona(p, ch->personas.v[i]))
				serves = true;
			else
				report(c, &ch->loc, "channel '%s': persona '%s' does not exist", id, ch->personas.v[i]);
		}
		if (ch->id)
			EACH(struct plan_persona, pe, p->personas)
				serves |= in_list(&pe->channels, ch->id);
		if (!serves)
			report(c, &ch->loc, "channel '%s' serves no persona", id);
	}
}

/* Content types that make sense per platform; platforms not listed take any. */
static const struct {
	const char *platform;
	const char *const types[8];
} platform_types[] = {
	{ "instagram", { "image", "video", "short_video", "carousel", "story", "live", NULL } },
	{ "tiktok", { "video", "short_video", "live", NULL } },
	{ "youtube", { "video", "short_video", "live", NULL } },
	{ "pinterest", { "image", "video", "link", NULL } },
	{ "newsletter", { "text", "article", "link", "image", NULL } },
	{ "website", { "text", "article", "link", "image", "video", NULL } },
};

static bool type_fits(const char *platform, const char *type)
{
	for (size_t i = 0; i < sizeof(platform_types) / sizeof(platform_types[0]); i++) {
		if (strcmp(platform_types[i].platform, platform))
			continue;
		for (const char *const *t = platform_types[i].types; *t; t++)
			if (!strcmp(*t, type))
				return true;
		return false;
	}
	return true;
}

static void rule_content_types(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_channel, ch, p->channels) {
		const char *id = ch->id ? ch->id : "?";
		if (!ch->content_types.n)
			report(c, &ch->loc, "channel '%s' names no content types", id);
		if (ch->platform)
			for (size_t i = 0; i < ch->content_types.n; i++)
				if (!type_fits(ch->platform, ch->content_types.v[i]))
					report(c, &ch->loc, "channel '%s': %s does not suit %s", id, ch->content_types.v[i], ch->platform);
	}
}

static void rule_pillars(struct check_ctx *c, const struct plan *p)
{
	if (!p->content.pillars.n)
		report(c, NULL, "the plan has no content pillars");
}

static void rule_mix_sum(struct check_ctx *c, const struct plan *p)
{
	double sum = 0;
	EACH(struct plan_pillar, pl, p->content.pillars) {
		if (!set(pl->share))
			report(c, &pl->loc, "pillar '%s' has no share", pl->id ? pl->id : "?");
		else
			sum += pl->share;
	}
	if (fabs(sum - 100) > 0.05)
		report(c, NULL, "the pillar shares add up to %g %%, not 100 %%", sum);
}

static void rule_mix_balance(struct check_ctx *c, const struct plan *p)
{
	double by_type[3] = { 0 };
	EACH(struct plan_pillar, pl, p->content.pillars)
		for (int i = 0; i < 3; i++)
			if (pl->type && set(pl->share) && !strcmp(pl->type, plan_pillar_types[i]))
				by_type[i] += pl->share;
	double max_promo = set(p->checks.max_promotional_share) ? p->checks.max_promotional_share : 20;
	if (by_type[2] > max_promo)
		report(c, NULL, "promotional content is %g %% of the mix; above %g %% audiences turn away", by_type[2], max_promo);
	if (p->content.pillars.n && by_type[0] == 0)
		report(c, NULL, "the mix has no informative content");
	if (p->content.pillars.n && by_type[1] == 0)
		report(c, NULL, "the mix has no entertaining content");
}

static void rule_website(struct check_ctx *c, const struct plan *p)
{
	if (!p->organisation.domains.n)
		report(c, NULL, "no website domain: the website cannot be the hub, and links get no UTM tags");
}

static void rule_interaction(struct check_ctx *c, const struct plan *p)
{
	if (!p->content.interaction.n)
		report(c, NULL, "the plan does not say how the audience is invited to interact");
}

/* ---- step 7: execution ---- */

static void rule_cadence(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_channel, ch, p->channels)
		if (!set(ch->cadence_per_week) || ch->cadence_per_week <= 0)
			report(c, &ch->loc, "channel '%s' has no cadence (posts per week)", ch->id ? ch->id : "?");
}

static const struct {
	const char *type;
	double minutes;
} default_minutes[] = {
	{ "text", 20 }, { "link", 20 }, { "image", 45 }, { "carousel", 60 }, { "poll", 15 },
	{ "story", 20 }, { "article", 120 }, { "video", 180 }, { "short_video", 90 }, { "live", 120 },
	{ "event", 60 },
};

double check_default_minutes(const char *type)
{
	for (size_t i = 0; i < sizeof(default_minutes) / sizeof(default_minutes[0]); i++)
		if (!strcmp(default_minutes[i].type, type))
			return default_minutes[i].minutes;
	return 30;
}

static double minutes_for(const struct plan *p, const char *type)
{
	const struct nummap *m = &p->content.minutes_per_post;
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->keys[i], type))
			return m->values[i];
	return check_default_minutes(type);
}

void plan_capacity(const struct plan *p, double *need_hours, double *posts, double *have_hours)
{
	*need_hours = *posts = *have_hours = 0;
	EACH(struct plan_channel, ch, p->channels) {
		if (!set(ch->cadence_per_week))
			continue;
		/* A channel's post takes the average time of the content types it uses. */
		double minutes = 0;
		for (size_t i = 0; i < ch->content_types.n; i++)
			minutes += minutes_for(p, ch->content_types.v[i]);
		minutes = ch->content_types.n ? minutes / (double)ch->content_types.n : minutes_for(p, "text");
		*need_hours += ch->cadence_per_week * minutes / 60;
		*posts += ch->cadence_per_week;
	}
	EACH(struct plan_member, m, p->team)
		if (set(m->hours_per_week))
			*have_hours += m->hours_per_week;
}

static void rule_capacity(struct check_ctx *c, const struct plan *p)
{
	double need, posts, have;
	plan_capacity(p, &need, &posts, &have);
	if (need > have)
		report(c, NULL, "the cadence needs %.1f hours a week (%g posts), but the team has %.1f", need, posts, have);
}

static void rule_buffer(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_channel, ch, p->channels)
		if (!set(ch->buffer_days))
			report(c, &ch->loc, "channel '%s' has no buffer target (days of content ready ahead)", ch->id ? ch->id : "?");
}

/* ---- step 8: community management ---- */

static void rule_community(struct check_ctx *c, const struct plan *p)
{
	if (!p->community.guidelines.n)
		report(c, NULL, "there are no community guidelines (house rules)");
	if (empty(p->community.engagement))
		report(c, NULL, "the plan does not say how engagement is stimulated");
}

static void rule_response_time(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_channel, ch, p->channels)
		if (!set(ch->response_time_minutes) && ch->platform && strcmp(ch->platform, "newsletter") &&
		    strcmp(ch->platform, "website"))
			report(c, &ch->loc, "channel '%s' has no response-time target", ch->id ? ch->id : "?");
}

static void rule_webcare_team(struct check_ctx *c, const struct plan *p)
{
	if (!has_strategy(p, "webcare")) {
		not_applicable(c);
		return;
	}
	if (!has_role(p, "webcare"))
		report(c, NULL, "the strategy includes webcare, but nobody in the team has the role 'webcare'");
}

/* ---- step 9: measure ---- */

static void rule_evaluation(struct check_ctx *c, const struct plan *p)
{
	if (empty(p->evaluation.cadence))
		report(c, NULL, "the plan does not say how often results are evaluated");
}

static void rule_evaluation_recipients(struct check_ctx *c, const struct plan *p)
{
	if (!p->evaluation.recipients.n)
		report(c, NULL, "nobody is named to receive the evaluation");
}

static void rule_kpi_families(struct check_ctx *c, const struct plan *p)
{
	static const enum kpi_family wanted[] = { KPI_REACH, KPI_ENGAGEMENT, KPI_CONVERSION };
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		bool found = false;
		EACH(struct plan_goal, g, p->goals) {
			const struct kpi_def *k = kpi_find(g->kpi);
			found |= k && k->family == wanted[i];
		}
		if (!found)
			report(c, NULL, "no goal measures %s", tr(c->lang, kpi_family_name(wanted[i])));
	}
}

/* ---- step 10: budget ---- */

static void rule_budget(struct check_ctx *c, const struct plan *p)
{
	if (!p->budget.lines.n)
		report(c, NULL, "the plan has no budget lines");
	EACH(struct plan_budget_line, b, p->budget.lines)
		if (!set(b->amount) || empty(b->category))
			report(c, &b->loc, "a budget line lacks its category or amount");
}

static void rule_budget_owner(struct check_ctx *c, const struct plan *p)
{
	check_owner(c, p, NULL, tr(c->lang, "the budget"), p->budget.owner);
}

static void rule_budget_people(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_budget_line, b, p->budget.lines)
		if (b->category && !strcmp(b->category, "people"))
			return;
	report(c, NULL, "the budget has no line for people's hours");
}

/* ---- step 11: integration ---- */

static void rule_integration(struct check_ctx *c, const struct plan *p)
{
	const struct plan_integration *in = &p->integration;
	if (!p->campaigns.n && empty(in->branding) && empty(in->website) && !in->other_channels.n)
		report(c, NULL, "the plan has no campaigns and says nothing about other marketing");
}

static void rule_campaigns(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_campaign, ca, p->campaigns) {
		const char *id = ca->id ? ca->id : "?";
		if (empty(ca->utm_campaign))
			report(c, &ca->loc, "campaign '%s' has no utm_campaign: its visits cannot be attributed", id);
		if (!empty(ca->objective) && !has_objective(p, ca->objective))
			report(c, &ca->loc, "campaign '%s': objective '%s' does not exist", id, ca->objective);
		for (size_t i = 0; i < ca->channels.n; i++)
			if (!channel(p, ca->channels.v[i]))
				report(c, &ca->loc, "campaign '%s': channel '%s' does not exist", id, ca->channels.v[i]);
		if (!empty(ca->start) && !empty(ca->end) && date_days(ca->end) < date_days(ca->start))
			report(c, &ca->loc, "campaign '%s' ends before it starts", id);
	}
}

/* ---- step 12: risk and crisis ---- */

static void rule_risks(struct check_ctx *c, const struct plan *p)
{
	if (!p->risks.n)
		report(c, NULL, "the risk register is empty");
}

static void rule_risk_scored(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_risk, r, p->risks)
		if (!set(r->likelihood) || !set(r->impact))
			report(c, &r->loc, "risk '%s' has no likelihood and impact score", r->id ? r->id : "?");
}

static void rule_risk_owned(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_risk, r, p->risks) {
		char *what = label(tr(c->lang, "risk"), r->id);
		check_owner(c, p, &r->loc, what, r->owner);
		free(what);
		if (empty(r->mitigation))
			report(c, &r->loc, "risk '%s' has no mitigation", r->id ? r->id : "?");
	}
}

static void rule_crisis_levels(struct check_ctx *c, const struct plan *p)
{
	if (!p->crisis.levels.n)
		report(c, NULL, "the crisis protocol has no levels");
	EACH(struct plan_crisis_level, l, p->crisis.levels) {
		char *what = xasprintf(tr(c->lang, "crisis level %g"), set(l->level) ? l->level : 0);
		if (!set(l->level))
			report(c, &l->loc, "a crisis level has no number");
		if (empty(l->trigger))
			report(c, &l->loc, "%s has no trigger", what);
		check_owner(c, p, &l->loc, what, l->owner);
		if (!set(l->response_time_minutes))
			report(c, &l->loc, "%s has no response time", what);
		if (!l->escalation.n)
			report(c, &l->loc, "%s has no escalation", what);
		free(what);
	}
}

static void rule_holding(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_crisis_level, l, p->crisis.levels)
		if (empty(l->holding_statement))
			report(c, &l->loc, "crisis level %g has no holding statement", set(l->level) ? l->level : 0);
}

static void rule_detect(struct check_ctx *c, const struct plan *p)
{
	EACH(struct plan_crisis_level, l, p->crisis.levels)
		if (l->detect.n)
			return;
	report(c, NULL, "no crisis level has machine-readable triggers: monitoring cannot warn early");
}

static void rule_drill(struct check_ctx *c, const struct plan *p)
{
	if (!p->crisis.drills.n)
		report(c, NULL, "no crisis drill is planned");
}

/* ---- step 13: continuous optimisation ---- */

static void rule_review(struct check_ctx *c, const struct plan *p)
{
	if (empty(p->evaluation.review))
		report(c, NULL, "the plan does not say how it is adjusted after an evaluation");
}

#define E CHECK_ERROR
#define W CHECK_WARNING
#define A CHECK_ADVICE

const struct check_rule check_rules[] = {
	{ "organisation.name", 0, E, N_("The organisation is named"), N_("Every document and report is about someone."), NULL, rule_organisation },
	{ "plan.period", 0, W, N_("The plan has a period"), N_("A plan without an end is never evaluated."), NULL, rule_period },
	{ "plan.ids", 0, E, N_("Every item has its own id"), N_("Goals, posts and reports refer to items by id."), NULL, rule_ids },

	{ "research.present", 1, E, N_("The research step is done"), N_("A plan starts from what is said online about you, your products and your competitors."), NULL, rule_research },
	{ "research.swot", 1, A, N_("The SWOT analysis is complete"), N_("Objectives follow from strengths, weaknesses, opportunities and threats."), NULL, rule_swot },
	{ "research.competitors", 1, W, N_("Competitors are known with their accounts"), N_("Share of voice and benchmarks need the competitors' accounts."), NULL, rule_competitors },
	{ "listening.topics", 1, E, N_("Listening topics are tracked with valid queries"), N_("Listening and webcare need queries for the brand, its products and competitors."), NULL, rule_topics },
	{ "listening.competitors", 1, A, N_("Competitors are tracked"), N_("Share of voice compares the brand with its competitors."), NULL, rule_topic_competitors },

	{ "objectives.basis", 2, W, N_("Objectives rest on mission, vision or SWOT"), N_("Objectives that follow from the organisation's direction get support."), NULL, rule_mission },
	{ "objectives.present", 2, E, N_("The plan has objectives"), N_("Without objectives there is nothing to measure success against."), NULL, rule_objectives },
	{ "goals.present", 2, E, N_("The plan has goals"), N_("Objectives become measurable through goals."), NULL, rule_goals },
	{ "goal.smart", 2, E, N_("Every goal is SMART"), N_("A goal needs a KPI, baseline, target, start and deadline, an owner, an objective and actions, or nobody can tell whether it was met."), "goals", rule_smart },
	{ "goal.channel", 2, W, N_("Every goal names its channel"), N_("Progress is measured per channel."), "goals", rule_goal_channel },
	{ "goal.direction", 2, W, N_("Targets improve on their baseline"), N_("A target that is not better than the baseline is not a goal."), "goals", rule_goal_direction },
	{ "goal.growth", 2, W, N_("The growth a goal needs is plausible"), N_("A goal that needs implausible growth each month demotivates and will be missed."), "goals", rule_goal_growth },
	{ "objective.goals", 2, W, N_("Every objective is measured by a goal"), N_("An objective without a goal cannot be evaluated."), "objectives", rule_objective_goals },

	{ "personas.present", 3, E, N_("The plan has personas"), N_("Content is written for someone; personas make the audience concrete."), NULL, rule_personas },
	{ "persona.reached", 3, E, N_("Every persona is reached by a channel"), N_("A persona no channel reaches is an audience the plan ignores."), "personas", rule_persona_reached },
	{ "persona.complete", 3, A, N_("Personas are complete"), N_("Goals, challenges, needs and media use tell what content a persona needs, and where."), "personas", rule_persona_complete },
	{ "audience.present", 3, A, N_("The audience is analysed"), N_("Behaviour, demographics and interests show where the audience is and what it talks about."), NULL, rule_audience },

	{ "strategies.present", 4, E, N_("The plan has strategies"), N_("The strategy says how the objectives are reached and what changes for the audience."), NULL, rule_strategies },
	{ "strategy.order", 4, A, N_("Listening comes first"), N_("The method listens first, then takes part, then involves customers further."), "strategies", rule_strategy_order },
	{ "timeline.present", 4, W, N_("The plan has a timeline"), N_("Milestones turn the strategy into a project with dates."), NULL, rule_timeline },

	{ "team.present", 5, E, N_("The team is named with roles and hours"), N_("Execution needs people with time; roles say who does what."), NULL, rule_team },
	{ "team.roles", 5, E, N_("Someone owns the plan and someone approves posts"), N_("Without an owner nobody answers for the plan; without an approver posts wait or go out unchecked."), NULL, rule_team_roles },
	{ "guidelines.present", 5, E, N_("Guidelines say what may and may not be posted"), N_("Guidelines protect customers and the organisation and give the team confidence."), NULL, rule_guidelines },
	{ "tone.present", 5, W, N_("The tone of voice is described"), N_("A consistent voice makes the organisation recognisable on every channel."), NULL, rule_tone },

	{ "channels.present", 6, E, N_("The plan has channels"), N_("Channels are where the audience is reached."), NULL, rule_channels },
	{ "channel.personas", 6, E, N_("Every channel serves a persona"), N_("A channel that serves nobody costs time without a result."), "channels", rule_channel_personas },
	{ "channel.content_types", 6, W, N_("Content types fit their platform"), N_("Each platform rewards its own content types."), "channels", rule_content_types },
	{ "pillars.present", 6, E, N_("The plan has content pillars"), N_("Pillars keep content on the themes that serve the objectives."), NULL, rule_pillars },
	{ "mix.sum", 6, E, N_("The content mix adds up to 100 %"), N_("The shares of the pillars divide all posts; they must add up to the whole."), "content.pillars", rule_mix_sum },
	{ "mix.balance", 6, A, N_("The content mix is balanced"), N_("Audiences follow accounts that inform and entertain, not ones that only sell."), "content.pillars", rule_mix_balance },
	{ "website.hub", 6, W, N_("The website is the hub"), N_("Social media leads to the website, where visits and conversions are measured."), NULL, rule_website },
	{ "content.interaction", 6, A, N_("Interaction is planned"), N_("Questions, polls and replies turn an audience into a community."), NULL, rule_interaction },

	{ "channel.cadence", 7, E, N_("Every channel has a cadence"), N_("Pages without a planned cadence go quiet within months."), "channels", rule_cadence },
	{ "team.capacity", 7, E, N_("The team has the hours for the cadence"), N_("A cadence the team cannot keep up is not a plan."), "channels", rule_capacity },
	{ "channel.buffer", 7, W, N_("Every channel has a content buffer target"), N_("Content ready ahead keeps the cadence when time runs short."), "channels", rule_buffer },

	{ "community.guidelines", 8, W, N_("Community management is planned"), N_("House rules and a way to stimulate engagement keep a community healthy."), NULL, rule_community },
	{ "channel.response_time", 8, W, N_("Every channel has a response-time target"), N_("People expect an answer quickly; a target makes it measurable."), "channels", rule_response_time },
	{ "webcare.team", 8, W, N_("Webcare is staffed"), N_("A webcare strategy needs people assigned to answer."), NULL, rule_webcare_team },

	{ "evaluation.cadence", 9, E, N_("Results are evaluated regularly"), N_("Measuring without a rhythm of evaluation teaches nothing."), NULL, rule_evaluation },
	{ "evaluation.recipients", 9, A, N_("Someone receives the evaluation"), N_("An evaluation nobody reads changes nothing."), NULL, rule_evaluation_recipients },
	{ "kpi.coverage", 9, A, N_("Goals cover reach, engagement and conversion"), N_("Reach without engagement or conversion says little about the return."), NULL, rule_kpi_families },

	{ "budget.present", 10, E, N_("The plan has a budget"), N_("Advertising, content, tools, external help and hours cost money; ROI needs the costs."), NULL, rule_budget },
	{ "budget.owner", 10, E, N_("Someone manages the budget"), N_("Planned against actual needs an owner."), NULL, rule_budget_owner },
	{ "budget.people", 10, A, N_("People's hours are budgeted"), N_("Hours are usually the largest cost of social media."), NULL, rule_budget_people },

	{ "integration.present", 11, W, N_("Social media works with other marketing"), N_("Campaigns across channels and consistent branding reinforce each other."), NULL, rule_integration },
	{ "campaign.utm", 11, W, N_("Campaigns are tagged and linked"), N_("UTM-tagged links let website analytics attribute visits and conversions."), "campaigns", rule_campaigns },

	{ "risks.present", 12, E, N_("The plan has a risk register"), N_("Known risks are the ones that can be prepared for."), NULL, rule_risks },
	{ "risk.scored", 12, E, N_("Every risk is scored"), N_("Likelihood and impact decide which risks come first."), "risks", rule_risk_scored },
	{ "risk.owned", 12, E, N_("Every risk has an owner and a mitigation"), N_("A risk nobody watches is a crisis waiting."), "risks", rule_risk_owned },
	{ "crisis.levels", 12, E, N_("The crisis protocol is complete"), N_("In a crisis every level needs a trigger, an owner, a response time and an escalation."), NULL, rule_crisis_levels },
	{ "crisis.holding", 12, W, N_("Holding statements are ready"), N_("A prepared first reply buys time to gather the facts."), "crisis.levels", rule_holding },
	{ "crisis.detect", 12, A, N_("Monitoring can warn before a problem escalates"), N_("Machine-readable triggers let koers raise alerts from listening data."), "crisis.levels", rule_detect },
	{ "crisis.drill", 12, A, N_("A crisis drill is planned"), N_("A protocol that was never practised fails when it is needed."), NULL, rule_drill },

	{ "evaluation.review", 13, W, N_("The plan says how it is adjusted"), N_("Evaluate, adjust the plan, repeat: that is how it improves."), NULL, rule_review },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL },
};

static const char *const step_names[CHECK_STEPS] = {
	N_("The plan"), N_("Social research"), N_("Objectives and goals"), N_("People"), N_("Strategy"),
	N_("Internal support"), N_("Content and channels"), N_("Execution"), N_("Community management"),
	N_("Measure, manage, learn"), N_("Budget and resources"), N_("Integration with other marketing"),
	N_("Risk and crisis management"), N_("Continuous optimisation"),
};

const char *check_step_name(int step)
{
	return step >= 0 && step < CHECK_STEPS ? step_names[step] : "";
}

const char *check_severity_name(enum check_severity s)
{
	static const char *const names[] = { "error", "warning", "advice" };
	return names[s];
}

/* Does the part of the plan at a dotted path ("crisis.levels") have a value? */
static bool path_is_set(const struct plan *p, const char *path)
{
	const struct schema *s = &plan_schema;
	const void *obj = p;
	char key[64];
	for (;;) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof(key))
			return false;
		memcpy(key, path, n);
		key[n] = '\0';
		const struct field *f = schema_field(s, key);
		if (!f)
			return false;
		if (!path[n])
			return schema_field_is_set(f, obj);
		obj = (const char *)obj + f->offset;
		s = f->sub;
		path += n + 1;
	}
}

void plan_check(const struct plan *p, enum lang lang, struct check_result *out)
{
	memset(out, 0, sizeof(*out));
	size_t nrules = 0;
	while (check_rules[nrules].id)
		nrules++;
	out->status = xcalloc(nrules, sizeof(*out->status));
	for (size_t i = 0; i < nrules; i++) {
		struct check_ctx c = { .out = out, .rule = &check_rules[i], .lang = lang };
		size_t before = out->n;
		if (check_rules[i].needs && !path_is_set(p, check_rules[i].needs)) {
			out->status[i] = CHECK_NA;
			continue;
		}
		check_rules[i].run(&c, p);
		out->status[i] = c.not_applicable ? CHECK_NA : out->n > before ? CHECK_FAIL : CHECK_PASS;
	}
	for (size_t i = 0; i < out->n; i++) {
		enum check_severity s = out->findings[i].rule->severity;
		out->errors += s == CHECK_ERROR;
		out->warnings += s == CHECK_WARNING;
		out->advice += s == CHECK_ADVICE;
	}
}

void check_result_release(struct check_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->findings[i].msg);
	free(r->findings);
	free(r->status);
	memset(r, 0, sizeof(*r));
}

double check_score(const struct check_result *r, int step)
{
	static const double weight[] = { [CHECK_ERROR] = 3, [CHECK_WARNING] = 2, [CHECK_ADVICE] = 1 };
	double got = 0, total = 0;
	for (size_t i = 0; check_rules[i].id; i++) {
		if ((step >= 0 && check_rules[i].step != step) || r->status[i] == CHECK_NA)
			continue;
		total += weight[check_rules[i].severity];
		if (r->status[i] == CHECK_PASS)
			got += weight[check_rules[i].severity];
	}
	return total > 0 ? 100 * got / total : -1;
}
