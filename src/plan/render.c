#include "plan/render.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "kpi/catalog.h"
#include "plan/check.h"
#include "report/numfmt.h"

/* How enumeration values read in a document. */
static const struct {
	const char *value, *label;
} labels[] = {
	{ "awareness", N_("Awareness and visibility") }, { "reputation", N_("Reputation") },
	{ "innovation", N_("Innovation through ideas") }, { "loyalty", N_("Loyalty") },
	{ "leads", N_("Leads from new segments") }, { "recruitment", N_("Recruitment") },
	{ "social_commerce", N_("Social commerce") }, { "internal_communication", N_("Internal communication") },
	{ "cost_savings", N_("Cost savings in service") },
	{ "listening", N_("Listening") }, { "community", N_("Participating and community building") },
	{ "traffic", N_("Traffic to the website") }, { "webcare", N_("Service and support (webcare)") },
	{ "internal", N_("Internal communication") },
	{ "informative", N_("Informative") }, { "entertaining", N_("Entertaining") }, { "promotional", N_("Promotional") },
	{ "owner", N_("Owner") }, { "editor", N_("Editor") }, { "approver", N_("Approver") }, { "viewer", N_("Viewer") },
	{ "analyst", N_("Analyst") }, { "spokesperson", N_("Spokesperson") }, { "designer", N_("Designer") },
	{ "advertising", N_("Advertising") }, { "content", N_("Content creation") }, { "tools", N_("Tools") },
	{ "external", N_("External help") }, { "people", N_("People's hours") }, { "other", N_("Other") },
	{ "weekly", N_("Weekly") }, { "monthly", N_("Monthly") }, { "quarterly", N_("Quarterly") }, { "yearly", N_("Yearly") },
	{ "brand", N_("Brand") }, { "product", N_("Product") }, { "competitor", N_("Competitor") }, { "campaign", N_("Campaign") },
	{ "volume", N_("Mention volume") }, { "negative", N_("Negative mentions") },
	{ "x", "X" }, { "bluesky", "Bluesky" }, { "mastodon", "Mastodon" }, { "threads", "Threads" },
	{ "linkedin", "LinkedIn" }, { "instagram", "Instagram" }, { "facebook", "Facebook" }, { "youtube", "YouTube" },
	{ "tiktok", "TikTok" }, { "pinterest", "Pinterest" }, { "whatsapp", "WhatsApp" },
	{ "newsletter", N_("Newsletter") }, { "website", N_("Website") },
	{ "text", N_("Text") }, { "image", N_("Image") }, { "video", N_("Video") }, { "short_video", N_("Short video") },
	{ "link", N_("Link") }, { "carousel", N_("Carousel") }, { "story", N_("Story") }, { "poll", N_("Poll") },
	{ "article", N_("Article") }, { "live", N_("Live") }, { "event", N_("Event") },
};

/* The seven days of the cadence frame, in plan_weekdays order. */
static const char *const weekday_names[] = {
	N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
};

struct render {
	struct doc d;
	enum lang lang;
	const struct plan *p;
};

/* (no arithmetic on the NULL of an empty list: it is undefined even for + 0) */
#define EACH(T, var, list) \
	for (const T *var = (list).v, *var##_end = var ? var + (list).n : var; var != var##_end; var++)

static const char *L(const struct render *r, const char *msgid)
{
	return tr(r->lang, msgid);
}

static const char *label(const struct render *r, const char *value)
{
	if (!value)
		return "";
	if (!strcmp(value, "webcare"))
		return "Webcare"; /* the role; the strategy has its own heading */
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i].value, value))
			return L(r, labels[i].label);
	return value;
}

/* (int)x for a number the plan gives: the cast is undefined for NaN and beyond int's range */
static int whole(double x)
{
	return x >= INT_MIN && x <= INT_MAX ? (int)x : 0;
}

static const char *str(const char *s)
{
	return s ? s : "";
}

/* A list joined with `sep`, each item through label() when `labelled`. */
static char *join_with(const struct render *r, const struct strlist *l, bool labelled, const char *sep)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	for (size_t i = 0; i < l->n; i++)
		strbuf_addf(&sb, "%s%s", i ? sep : "", labelled ? label(r, l->v[i]) : l->v[i]);
	return strbuf_detach(&sb, NULL);
}

static char *join(const struct render *r, const struct strlist *l, bool labelled)
{
	return join_with(r, l, labelled, ", ");
}

static char *num(const struct render *r, double x)
{
	return isnan(x) ? xstrdup("") : fmt_number(r->lang, x, 2, 1);
}

static char *pct(const struct render *r, double x)
{
	char *n = fmt_number(r->lang, x, 1, 1), *s = xasprintf("%s %%", n);
	free(n);
	return s;
}

static const char *member_name(const struct render *r, const char *id)
{
	if (id)
		EACH(struct plan_member, m, r->p->team)
			if (m->id && !strcmp(m->id, id))
				return m->name ? m->name : id;
	return str(id);
}

static void list(struct render *r, const char *heading, const struct strlist *l)
{
	if (!l->n)
		return;
	if (heading)
		doc_heading(&r->d, 4, NULL, heading);
	doc_list(&r->d, (const char *const *)l->v, l->n);
}

static void free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
}

static void missing(struct render *r)
{
	doc_note(&r->d, L(r, "Not filled in yet."));
}

/* ---- sections ---- */

static void section_organisation(struct render *r)
{
	const struct plan_organisation *o = &r->p->organisation;
	doc_heading(&r->d, 2, "organisation", L(r, "The organisation"));
	doc_field(&r->d, L(r, "Sector:"), o->sector);
	char *domains = join(r, &o->domains, false);
	doc_field(&r->d, L(r, "Website:"), domains);
	free(domains);
	doc_field(&r->d, L(r, "Time zone:"), o->timezone);
	const struct { const char *title, *text; } parts[] = {
		{ N_("Mission"), o->mission }, { N_("Vision"), o->vision }, { N_("Proposition"), o->proposition },
	};
	for (size_t i = 0; i < 3; i++)
		if (parts[i].text) {
			doc_heading(&r->d, 3, NULL, L(r, parts[i].title));
			doc_text(&r->d, parts[i].text);
		}
}

static void section_research(struct render *r)
{
	const struct plan_research *re = &r->p->research;
	doc_heading(&r->d, 2, "research", L(r, "1. Social research"));
	if (!re->summary && !re->reputation && !re->competitors.n && !re->swot.strengths.n)
		missing(r);
	doc_text(&r->d, re->summary);
	if (re->reputation) {
		doc_heading(&r->d, 3, NULL, L(r, "Reputation"));
		doc_text(&r->d, re->reputation);
	}
	const struct plan_swot *s = &re->swot;
	if (s->strengths.n || s->weaknesses.n || s->opportunities.n || s->threats.n) {
		doc_heading(&r->d, 3, NULL, L(r, "SWOT analysis"));
		const char *headers[] = { "", L(r, "Helpful"), L(r, "Harmful") };
		doc_table_begin(&r->d, 3, headers, NULL);
		/* One item per line inside the cell. */
		char *cells[4] = { join_with(r, &s->strengths, false, "\n"), join_with(r, &s->weaknesses, false, "\n"),
				   join_with(r, &s->opportunities, false, "\n"), join_with(r, &s->threats, false, "\n") };
		const char *row1[] = { L(r, "Internal"), cells[0], cells[1] };
		const char *row2[] = { L(r, "External"), cells[2], cells[3] };
		doc_table_row(&r->d, row1, NULL);
		doc_table_row(&r->d, row2, NULL);
		doc_table_end(&r->d);
		free_cells(cells, 4);
	}
	list(r, L(r, "What people complain about"), &re->complaints);
	list(r, L(r, "What people ask"), &re->questions);
	if (re->competitors.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Competitors"));
		const char *headers[] = { L(r, "Competitor"), L(r, "Accounts"), L(r, "Notes") };
		doc_table_begin(&r->d, 3, headers, NULL);
		EACH(struct plan_competitor, c, re->competitors) {
			char *handles = join(r, &c->handles, false);
			const char *row[] = { str(c->name), handles, str(c->notes) };
			doc_table_row(&r->d, row, NULL);
			free(handles);
		}
		doc_table_end(&r->d);
	}
	if (re->ambassadors.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Ambassadors and influencers"));
		const char *headers[] = { L(r, "Name"), L(r, "Account"), L(r, "Platform"), L(r, "Reach"), L(r, "Notes") };
		doc_table_begin(&r->d, 5, headers, "lllrl");
		EACH(struct plan_ambassador, a, re->ambassadors) {
			char *reach = num(r, a->reach);
			const char *row[] = { str(a->name), str(a->handle), label(r, a->platform), reach, str(a->notes) };
			doc_table_row(&r->d, row, NULL);
			free(reach);
		}
		doc_table_end(&r->d);
	}
	const struct plan_list *topics = &r->p->listening.topics;
	if (topics->n) {
		doc_heading(&r->d, 3, NULL, L(r, "What koers listens for"));
		const char *headers[] = { L(r, "Topic"), L(r, "Kind"), L(r, "Query") };
		doc_table_begin(&r->d, 3, headers, NULL);
		EACH(struct plan_topic, t, *topics) {
			const char *row[] = { str(t->id), label(r, t->kind), str(t->query) };
			doc_table_row(&r->d, row, NULL);
		}
		doc_table_end(&r->d);
	}
}

static void section_goals(struct render *r)
{
	const struct plan *p = r->p;
	doc_heading(&r->d, 2, "goals", L(r, "2. Objectives and goals"));
	if (!p->objectives.n && !p->goals.n)
		missing(r);
	if (p->objectives.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Objectives"));
		const char *headers[] = { L(r, "Objective"), L(r, "Kind"), L(r, "Description") };
		doc_table_begin(&r->d, 3, headers, NULL);
		EACH(struct plan_objective, o, p->objectives) {
			const char *row[] = { str(o->id), label(r, o->type), str(o->description) };
			doc_table_row(&r->d, row, NULL);
		}
		doc_table_end(&r->d);
	}
	if (!p->goals.n)
		return;
	doc_heading(&r->d, 3, NULL, L(r, "SMART goals"));
	const char *headers[] = { L(r, "Goal"), L(r, "KPI"), L(r, "Channel"), L(r, "Baseline"), L(r, "Target"),
				  L(r, "Period"), L(r, "Owner") };
	doc_table_begin(&r->d, 7, headers, "lllrrll");
	EACH(struct plan_goal, g, p->goals) {
		const struct kpi_def *k = kpi_find(g->kpi);
		char *base = num(r, g->baseline), *target = num(r, g->target);
		char *period = xasprintf("%s – %s", str(g->start), str(g->deadline));
		char *goal = xasprintf("%s%s%s", str(g->id), g->description ? "\n" : "", str(g->description));
		const char *row[] = { goal, k ? L(r, k->name) : str(g->kpi),
				      g->channel && !strcmp(g->channel, "all") ? L(r, "all channels") : str(g->channel),
				      base, target, period, member_name(r, g->owner) };
		doc_table_row(&r->d, row, NULL);
		free(base), free(target), free(period), free(goal);
	}
	doc_table_end(&r->d);
	doc_heading(&r->d, 3, NULL, L(r, "Actions per goal"));
	EACH(struct plan_goal, g, p->goals) {
		if (!g->actions.n)
			continue;
		char *title = xasprintf("%s%s%s", str(g->id), g->objective ? " → " : "", str(g->objective));
		doc_heading(&r->d, 4, NULL, title);
		free(title);
		doc_list(&r->d, (const char *const *)g->actions.v, g->actions.n);
	}
}

static void section_people(struct render *r)
{
	const struct plan *p = r->p;
	doc_heading(&r->d, 2, "people", L(r, "3. People"));
	const struct plan_audience *a = &p->audience;
	if (!a->summary && !p->personas.n)
		missing(r);
	doc_text(&r->d, a->summary);
	doc_field(&r->d, L(r, "Demographics:"), a->demographics);
	doc_field(&r->d, L(r, "Behaviour:"), a->behaviour);
	char *interests = join(r, &a->interests, false), *platforms = join(r, &a->platforms, true);
	doc_field(&r->d, L(r, "Interests:"), interests);
	doc_field(&r->d, L(r, "Where they are:"), platforms);
	free(interests), free(platforms);
	if (!p->personas.n)
		return;
	doc_heading(&r->d, 3, NULL, L(r, "Personas"));
	doc_cards_begin(&r->d);
	EACH(struct plan_persona, pe, p->personas) {
		char *title = isnan(pe->age) ? xstrdup(str(pe->name))
					     : xasprintf(tr(r->lang, "%s, %d"), str(pe->name), whole(pe->age));
		doc_card_begin(&r->d, title, pe->quote);
		free(title);
		doc_field(&r->d, L(r, "Demographics:"), pe->demographics);
		doc_field(&r->d, L(r, "Behaviour:"), pe->behaviour);
		doc_field(&r->d, L(r, "Media use:"), pe->media_use);
		char *s = join(r, &pe->interests, false);
		doc_field(&r->d, L(r, "Interests:"), s);
		free(s);
		list(r, L(r, "Goals"), &pe->goals);
		list(r, L(r, "Challenges"), &pe->challenges);
		list(r, L(r, "Wishes and needs"), &pe->needs);
		/* The channels that reach this persona, from either side of the link. */
		struct strlist reach = { xcalloc(p->channels.n + pe->channels.n + 1, sizeof(char *)), 0 };
		EACH(struct plan_channel, ch, p->channels) {
			bool listed = false;
			for (size_t i = 0; i < ch->personas.n; i++)
				listed |= pe->id && !strcmp(ch->personas.v[i], pe->id);
			for (size_t i = 0; i < pe->channels.n; i++)
				listed |= ch->id && !strcmp(pe->channels.v[i], ch->id);
			if (listed)
				reach.v[reach.n++] = ch->id ? ch->id : ch->platform;
		}
		s = join(r, &reach, false);
		doc_field(&r->d, L(r, "Channels:"), s);
		free(s);
		free(reach.v);
		doc_card_end(&r->d);
	}
	doc_cards_end(&r->d);
}

static int by_phase(const void *a, const void *b)
{
	const struct plan_strategy *x = *(const struct plan_strategy *const *)a, *y = *(const struct plan_strategy *const *)b;
	double px = isnan(x->phase) ? 99 : x->phase, py = isnan(y->phase) ? 99 : y->phase;
	return px < py ? -1 : px > py ? 1 : (x < y ? -1 : 1);
}

static void section_strategy(struct render *r)
{
	const struct plan *p = r->p;
	doc_heading(&r->d, 2, "strategy", L(r, "4. Strategy"));
	if (!p->strategies.n)
		missing(r);
	const struct plan_strategy **order = xcalloc(p->strategies.n + 1, sizeof(*order));
	size_t n = 0;
	EACH(struct plan_strategy, s, p->strategies)
		order[n++] = s;
	qsort(order, n, sizeof(*order), by_phase);
	for (size_t i = 0; i < n; i++) {
		char *title = isnan(order[i]->phase)
				      ? xstrdup(label(r, order[i]->type))
				      : xasprintf(tr(r->lang, "Phase %d: %s"), whole(order[i]->phase), label(r, order[i]->type));
		doc_heading(&r->d, 3, NULL, title);
		free(title);
		doc_text(&r->d, order[i]->description);
	}
	free(order);
	if (p->timeline.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Timeline"));
		const char *headers[] = { L(r, "Date"), L(r, "Milestone"), L(r, "Owner") };
		doc_table_begin(&r->d, 3, headers, NULL);
		EACH(struct plan_milestone, m, p->timeline) {
			const char *row[] = { str(m->date), str(m->milestone), member_name(r, m->owner) };
			doc_table_row(&r->d, row, NULL);
		}
		doc_table_end(&r->d);
	}
}

static void section_support(struct render *r)
{
	const struct plan *p = r->p;
	doc_heading(&r->d, 2, "support", L(r, "5. Internal support"));
	if (p->team.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Team, roles and hours"));
		const char *headers[] = { L(r, "Name"), L(r, "Roles"), L(r, "Hours a week") };
		doc_table_begin(&r->d, 3, headers, "llr");
		double total = 0;
		EACH(struct plan_member, m, p->team) {
			char *roles = join(r, &m->roles, true), *hours = num(r, m->hours_per_week);
			const char *row[] = { m->name ? m->name : str(m->id), roles, hours };
			doc_table_row(&r->d, row, NULL);
			free(roles), free(hours);
			if (!isnan(m->hours_per_week))
				total += m->hours_per_week;
		}
		char *t = num(r, total);
		const char *row[] = { L(r, "Total"), "", t };
		doc_table_row(&r->d, row, NULL);
		free(t);
		doc_table_end(&r->d);
	} else {
		missing(r);
	}
	if (p->tone_of_voice) {
		doc_heading(&r->d, 3, NULL, L(r, "Tone of voice"));
		doc_text(&r->d, p->tone_of_voice);
	}
	if (p->guidelines.dos.n || p->guidelines.donts.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Guidelines"));
		list(r, L(r, "Do"), &p->guidelines.dos);
		list(r, L(r, "Don't"), &p->guidelines.donts);
	}
}

/* Spread n posts a week over the channel's days (or the whole week): posts per weekday. */
static void cadence_frame(const struct plan_channel *ch, int per_day[7])
{
	int days[7], ndays = 0;
	for (int i = 0; i < 7; i++) {
		per_day[i] = 0;
		for (size_t j = 0; j < ch->days.n; j++)
			if (!strcmp(ch->days.v[j], plan_weekdays[i]))
				days[ndays++] = i;
	}
	if (!ndays)
		for (int i = 0; i < 7; i++)
			days[ndays++] = i;
	int posts = isnan(ch->cadence_per_week) ? 0 : (int)lround(ch->cadence_per_week);
	/* Evenly spaced: post k goes to day floor(k * ndays / posts). */
	for (int k = 0; k < posts; k++)
		per_day[days[posts >= ndays ? k % ndays : k * ndays / posts]]++;
}

static void section_content(struct render *r)
{
	const struct plan *p = r->p;
	doc_heading(&r->d, 2, "content", L(r, "6. Content and channels"));
	const struct plan_list *pillars = &p->content.pillars;
	if (pillars->n) {
		doc_heading(&r->d, 3, NULL, L(r, "Content pillars and mix"));
		const char **names = xcalloc(pillars->n, sizeof(char *));
		double *shares = xcalloc(pillars->n, sizeof(double));
		const char *headers[] = { L(r, "Pillar"), L(r, "Kind"), L(r, "Share"), L(r, "Description") };
		doc_table_begin(&r->d, 4, headers, "llrl");
		size_t i = 0;
		double total = 0;
		EACH(struct plan_pillar, pl, *pillars) {
			char *share = isnan(pl->share) ? xstrdup("") : pct(r, pl->share);
			const char *row[] = { pl->name ? pl->name : str(pl->id), label(r, pl->type), share, str(pl->description) };
			doc_table_row(&r->d, row, NULL);
			free(share);
			names[i] = pl->name ? pl->name : str(pl->id);
			shares[i++] = isnan(pl->share) ? 0 : pl->share;
			total += isnan(pl->share) ? 0 : pl->share;
		}
		char *t = pct(r, total);
		const char *row[] = { L(r, "Total"), "", t, "" };
		doc_table_row(&r->d, row, NULL);
		free(t);
		doc_table_end(&r->d);
		doc_shares(&r->d, names, shares, pillars->n);
		free(names);
		free(shares);
	}
	if (p->channels.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Channels"));
		const char *headers[] = { L(r, "Channel"), L(r, "Account"), L(r, "Personas"), L(r, "Content types"),
					  L(r, "Posts a week"), L(r, "Answer within (min)"), L(r, "Buffer (days)") };
		doc_table_begin(&r->d, 7, headers, "llllrrr");
		EACH(struct plan_channel, ch, p->channels) {
			char *name = xasprintf("%s (%s)", str(ch->id), label(r, ch->platform));
			char *personas = join(r, &ch->personas, false), *types = join(r, &ch->content_types, true);
			char *cadence = num(r, ch->cadence_per_week), *resp = num(r, ch->response_time_minutes);
			char *buffer = num(r, ch->buffer_days);
			const char *row[] = { name, str(ch->handle), personas, types, cadence, resp, buffer };
			doc_table_row(&r->d, row, NULL);
			free(name), free(personas), free(types), free(cadence), free(resp), free(buffer);
		}
		doc_table_end(&r->d);
		EACH(struct plan_channel, ch, p->channels)
			if (ch->purpose)
				doc_field(&r->d, ch->id ? ch->id : label(r, ch->platform), ch->purpose);

		doc_heading(&r->d, 3, NULL, L(r, "Weekly cadence"));
		const char *days[8] = { L(r, "Channel") };
		for (int i = 0; i < 7; i++)
			days[i + 1] = L(r, weekday_names[i]);
		doc_table_begin(&r->d, 8, days, "lcccccccc");
		EACH(struct plan_channel, ch, p->channels) {
			int per_day[7];
			cadence_frame(ch, per_day);
			char *cells[8] = { xstrdup(str(ch->id)) };
			for (int i = 0; i < 7; i++)
				cells[i + 1] = per_day[i] ? xasprintf("%d", per_day[i]) : xstrdup("");
			doc_table_row(&r->d, (const char *const *)cells, NULL);
			free_cells(cells, 8);
		}
		doc_table_end(&r->d);
	} else {
		missing(r);
	}
	list(r, L(r, "Interaction with the audience"), &p->content.interaction);
}

static void section_execution(struct render *r)
{
	doc_heading(&r->d, 2, "execution", L(r, "7. Execution"));
	double need, posts, have;
	plan_capacity(r->p, &need, &posts, &have);
	char *n = fmt_number(r->lang, need, 1, 1), *h = fmt_number(r->lang, have, 1, 1), *ps = fmt_number(r->lang, posts, 1, 1);
	char *line = xasprintf(tr(r->lang, "The planned cadence is %s posts a week, which takes about %s hours a week to make; the team has %s hours a week."), ps, n, h);
	doc_text(&r->d, line);
	free(line), free(n), free(h), free(ps);
	const struct nummap *m = &r->p->content.minutes_per_post;
	if (m->n) {
		const char *headers[] = { L(r, "Content type"), L(r, "Minutes per post") };
		doc_table_begin(&r->d, 2, headers, "lr");
		for (size_t i = 0; i < m->n; i++) {
			char *v = num(r, m->values[i]);
			const char *row[] = { label(r, m->keys[i]), v };
			doc_table_row(&r->d, row, NULL);
			free(v);
		}
		doc_table_end(&r->d);
	}
}

static void section_community(struct render *r)
{
	const struct plan_community *c = &r->p->community;
	doc_heading(&r->d, 2, "community", L(r, "8. Community management"));
	if (!c->guidelines.n && !c->engagement && !c->support && !c->feedback)
		missing(r);
	list(r, L(r, "Community guidelines"), &c->guidelines);
	const struct { const char *title, *text; } parts[] = {
		{ N_("Stimulating engagement"), c->engagement }, { N_("Customer support"), c->support },
		{ N_("Collecting feedback"), c->feedback },
	};
	for (size_t i = 0; i < 3; i++)
		if (parts[i].text) {
			doc_heading(&r->d, 3, NULL, L(r, parts[i].title));
			doc_text(&r->d, parts[i].text);
		}
}

static void section_measure(struct render *r)
{
	const struct plan *p = r->p;
	const struct plan_evaluation *e = &p->evaluation;
	doc_heading(&r->d, 2, "measure", L(r, "9. Measure, manage, learn"));
	doc_field(&r->d, L(r, "Evaluation:"), label(r, e->cadence));
	char *recipients = join(r, &e->recipients, false);
	doc_field(&r->d, L(r, "Report goes to:"), recipients);
	free(recipients);
	if (!isnan(e->value_per_conversion)) {
		char *v = fmt_money(r->lang, p->budget.currency, e->value_per_conversion);
		doc_field(&r->d, L(r, "Value of a conversion:"), v);
		free(v);
	}
	/* The KPIs the goals use, with their definitions. */
	const char *headers[] = { L(r, "KPI"), L(r, "Definition"), L(r, "Better when") };
	bool any = false;
	for (const struct kpi_def *k = kpi_catalog; k->id; k++) {
		bool used = false;
		EACH(struct plan_goal, g, p->goals)
			used |= g->kpi && !strcmp(g->kpi, k->id);
		if (!used)
			continue;
		if (!any) {
			doc_heading(&r->d, 3, NULL, L(r, "KPIs of the goals"));
			doc_table_begin(&r->d, 3, headers, NULL);
			any = true;
		}
		const char *row[] = { L(r, k->name), L(r, k->definition),
				      k->direction == KPI_LOWER_IS_BETTER ? L(r, "lower") : L(r, "higher") };
		doc_table_row(&r->d, row, NULL);
	}
	if (any)
		doc_table_end(&r->d);
}

static void section_budget(struct render *r)
{
	const struct plan_budget *b = &r->p->budget;
	doc_heading(&r->d, 2, "budget", L(r, "10. Budget and resources"));
	if (!b->lines.n) {
		missing(r);
		return;
	}
	doc_field(&r->d, L(r, "Budget holder:"), member_name(r, b->owner));
	const char *headers[] = { L(r, "Category"), L(r, "Period"), L(r, "Description"), L(r, "Amount") };
	doc_table_begin(&r->d, 4, headers, "lllr");
	double total = 0;
	EACH(struct plan_budget_line, l, b->lines) {
		char *amount = isnan(l->amount) ? xstrdup("") : fmt_money(r->lang, b->currency, l->amount);
		const char *row[] = { label(r, l->category), str(l->period), str(l->description), amount };
		doc_table_row(&r->d, row, NULL);
		free(amount);
		total += isnan(l->amount) ? 0 : l->amount;
	}
	doc_table_end(&r->d);
	doc_heading(&r->d, 3, NULL, L(r, "Totals by category"));
	const char *th[] = { L(r, "Category"), L(r, "Amount"), L(r, "Share") };
	doc_table_begin(&r->d, 3, th, "lrr");
	for (const char *const *cat = plan_budget_categories; *cat; cat++) {
		double sum = 0;
		bool any = false;
		EACH(struct plan_budget_line, l, b->lines)
			if (l->category && !strcmp(l->category, *cat) && !isnan(l->amount))
				sum += l->amount, any = true;
		if (!any)
			continue;
		char *amount = fmt_money(r->lang, b->currency, sum);
		char *share = pct(r, total > 0 ? 100 * sum / total : 0);
		const char *row[] = { label(r, *cat), amount, share };
		doc_table_row(&r->d, row, NULL);
		free(amount), free(share);
	}
	char *t = fmt_money(r->lang, b->currency, total);
	const char *row[] = { L(r, "Total"), t, "100 %" };
	doc_table_row(&r->d, row, NULL);
	free(t);
	doc_table_end(&r->d);
}

static void section_integration(struct render *r)
{
	const struct plan *p = r->p;
	const struct plan_integration *in = &p->integration;
	doc_heading(&r->d, 2, "integration", L(r, "11. Integration with other marketing"));
	if (!p->campaigns.n && !in->branding && !in->website)
		missing(r);
	if (p->campaigns.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Campaigns"));
		const char *headers[] = { L(r, "Campaign"), L(r, "Period"), L(r, "Channels"), L(r, "Budget"), L(r, "UTM campaign") };
		doc_table_begin(&r->d, 5, headers, "lllrl");
		EACH(struct plan_campaign, c, p->campaigns) {
			char *period = xasprintf("%s – %s", str(c->start), str(c->end));
			char *channels = join(r, &c->channels, false);
			char *budget = isnan(c->budget) ? xstrdup("") : fmt_money(r->lang, p->budget.currency, c->budget);
			char *name = xasprintf("%s%s%s", c->name ? c->name : str(c->id), c->description ? "\n" : "", str(c->description));
			const char *row[] = { name, period, channels, budget, str(c->utm_campaign) };
			doc_table_row(&r->d, row, NULL);
			free(period), free(channels), free(budget), free(name);
		}
		doc_table_end(&r->d);
	}
	if (in->branding) {
		doc_heading(&r->d, 3, NULL, L(r, "Consistent branding"));
		doc_text(&r->d, in->branding);
	}
	if (in->website) {
		doc_heading(&r->d, 3, NULL, L(r, "The website as the hub"));
		doc_text(&r->d, in->website);
	}
	list(r, L(r, "Other marketing"), &in->other_channels);
	list(r, L(r, "Influencers"), &in->influencers);
}

static const char *risk_class(int score)
{
	return score >= 15 ? "risk-critical" : score >= 10 ? "risk-high" : score >= 5 ? "risk-medium" : "risk-low";
}

static void section_risk(struct render *r)
{
	const struct plan *p = r->p;
	doc_heading(&r->d, 2, "crisis", L(r, "12. Risk and crisis management"));
	if (p->risks.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Risk register"));
		const char *headers[] = { L(r, "Risk"), L(r, "Likelihood"), L(r, "Impact"), L(r, "Score"),
					  L(r, "Mitigation"), L(r, "Owner") };
		doc_table_begin(&r->d, 6, headers, "lrrrll");
		EACH(struct plan_risk, k, p->risks) {
			char *lik = num(r, k->likelihood), *imp = num(r, k->impact);
			int score = isnan(k->likelihood) || isnan(k->impact) ? 0 : whole(k->likelihood * k->impact);
			char *sc = score ? xasprintf("%d", score) : xstrdup("");
			char *risk = xasprintf("%s: %s", str(k->id), str(k->risk));
			const char *row[] = { risk, lik, imp, sc, str(k->mitigation), member_name(r, k->owner) };
			const char *cls[] = { NULL, NULL, NULL, score ? risk_class(score) : NULL, NULL, NULL };
			doc_table_row(&r->d, row, cls);
			free(lik), free(imp), free(sc), free(risk);
		}
		doc_table_end(&r->d);

		/* The matrix: impact from 5 down to 1 against likelihood 1 to 5, risk ids in the cells. */
		doc_heading(&r->d, 3, NULL, L(r, "Risk matrix"));
		const char *mh[6] = { L(r, "Impact \\ likelihood"), "1", "2", "3", "4", "5" };
		doc_table_begin(&r->d, 6, mh, "lcccccc");
		for (int impact = 5; impact >= 1; impact--) {
			char *cells[6] = { xasprintf("%d", impact) };
			const char *cls[6] = { NULL };
			for (int lik = 1; lik <= 5; lik++) {
				struct strbuf sb;
				strbuf_init(&sb, STRBUF_NOCAP);
				EACH(struct plan_risk, k, p->risks)
					if (whole(k->likelihood) == lik && whole(k->impact) == impact)
						strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", str(k->id));
				cells[lik] = strbuf_detach(&sb, NULL);
				cls[lik] = risk_class(lik * impact);
			}
			doc_table_row(&r->d, (const char *const *)cells, cls);
			free_cells(cells, 6);
		}
		doc_table_end(&r->d);
	} else {
		missing(r);
	}
	const struct plan_crisis *c = &p->crisis;
	if (!c->levels.n)
		return;
	doc_heading(&r->d, 3, NULL, L(r, "Crisis protocol"));
	doc_field(&r->d, L(r, "Spokesperson:"), c->spokesperson ? member_name(r, c->spokesperson) : NULL);
	doc_cards_begin(&r->d);
	EACH(struct plan_crisis_level, l, c->levels) {
		char *title = xasprintf(tr(r->lang, "Level %d: %s"), isnan(l->level) ? 0 : whole(l->level), str(l->name));
		doc_card_begin(&r->d, title, NULL);
		free(title);
		doc_field(&r->d, L(r, "Trigger:"), l->trigger);
		doc_field(&r->d, L(r, "Led by:"), l->owner ? member_name(r, l->owner) : NULL);
		if (!isnan(l->response_time_minutes)) {
			char *minutes = fmt_number(r->lang, l->response_time_minutes, 0, 1);
			char *resp = xasprintf(tr(r->lang, "within %s minutes"), minutes);
			doc_field(&r->d, L(r, "First response:"), resp);
			free(resp), free(minutes);
		}
		char *esc = join(r, &l->escalation, false);
		doc_field(&r->d, L(r, "Escalation:"), esc);
		free(esc);
		EACH(struct plan_trigger, t, l->detect) {
			char *window = fmt_number(r->lang, t->window_minutes, 0, 1);
			char *factor = fmt_number(r->lang, t->factor, 1, 1), *min = fmt_number(r->lang, t->min_count, 0, 1);
			char *rule = xasprintf(tr(r->lang, "%s over %s minutes at %s× the usual level, at least %s"),
					       label(r, t->metric), window, factor, min);
			doc_field(&r->d, L(r, "Alert:"), rule);
			free(rule), free(window), free(factor), free(min);
		}
		if (l->holding_statement) {
			doc_field(&r->d, L(r, "Holding statement:"), "");
			doc_text(&r->d, l->holding_statement);
		}
		doc_card_end(&r->d);
	}
	doc_cards_end(&r->d);
	if (c->drills.n) {
		doc_heading(&r->d, 3, NULL, L(r, "Drills"));
		const char *headers[] = { L(r, "Date"), L(r, "Scenario") };
		doc_table_begin(&r->d, 2, headers, NULL);
		EACH(struct plan_drill, dr, c->drills) {
			const char *row[] = { str(dr->date), str(dr->scenario) };
			doc_table_row(&r->d, row, NULL);
		}
		doc_table_end(&r->d);
	}
}

static void section_optimisation(struct render *r)
{
	doc_heading(&r->d, 2, "optimisation", L(r, "13. Continuous optimisation"));
	if (!r->p->evaluation.review)
		missing(r);
	doc_text(&r->d, r->p->evaluation.review);
}

static const struct {
	const char *id, *title;
	void (*render)(struct render *r);
} sections[] = {
	{ "organisation", N_("The organisation"), section_organisation },
	{ "research", N_("1. Social research"), section_research },
	{ "goals", N_("2. Objectives and goals"), section_goals },
	{ "people", N_("3. People"), section_people },
	{ "strategy", N_("4. Strategy"), section_strategy },
	{ "support", N_("5. Internal support"), section_support },
	{ "content", N_("6. Content and channels"), section_content },
	{ "execution", N_("7. Execution"), section_execution },
	{ "community", N_("8. Community management"), section_community },
	{ "measure", N_("9. Measure, manage, learn"), section_measure },
	{ "budget", N_("10. Budget and resources"), section_budget },
	{ "integration", N_("11. Integration with other marketing"), section_integration },
	{ "crisis", N_("12. Risk and crisis management"), section_risk },
	{ "optimisation", N_("13. Continuous optimisation"), section_optimisation },
};

#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

void plan_render(const struct plan *p, enum doc_format format, enum lang lang, struct strbuf *out)
{
	struct render r = { .lang = lang, .p = p };
	doc_init(&r.d, format, out);
	const char *org = p->organisation.name ? p->organisation.name : "";
	char *title = xasprintf(tr(lang, "Social media plan %s"), org);
	char *subtitle = p->period.start && p->period.end
				 ? xasprintf(tr(lang, "Period %s to %s"), p->period.start, p->period.end)
				 : xstrdup("");
	doc_begin(&r.d, lang_code(lang), title, subtitle);
	free(title);
	free(subtitle);
	const char *ids[NSECTIONS], *titles[NSECTIONS];
	for (size_t i = 0; i < NSECTIONS; i++) {
		ids[i] = sections[i].id;
		titles[i] = tr(lang, sections[i].title);
	}
	doc_toc(&r.d, ids, titles, NSECTIONS);
	for (size_t i = 0; i < NSECTIONS; i++)
		sections[i].render(&r);
	doc_end(&r.d);
}
