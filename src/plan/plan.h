/*
 * plan — the organisation's social media plan: every part of the method
 * (SPEC.md section 2) as plain C structs.
 *
 * A plan is read from YAML (plan-yaml.c) and written back to YAML or JSON;
 * all of that is driven by the field tables in schema.c, so a new field is
 * one line there. Conventions of the model:
 *   - strings are NULL when not given; numbers are NAN when not given;
 *   - lists are `struct plan_list` of the element type named beside them;
 *   - every list element starts with `struct plan_loc` (where it was read),
 *     so plan check can point at the line in the user's file;
 *   - percentages are numbers from 0 to 100; durations are minutes.
 * A `struct plan` owns everything in it; plan_free() releases it.
 */
#ifndef KOERS_PLAN_H
#define KOERS_PLAN_H

#include <stdbool.h>
#include <stddef.h>

struct plan_loc {
	unsigned line, column; /* 1-based; 0 when the item did not come from a file */
};

struct strlist {
	char **v;
	size_t n;
};

struct plan_list {
	void *v; /* array of the element struct named in the comment at the member */
	size_t n;
};

/* A map of names to numbers, e.g. minutes per post by content type. */
struct nummap {
	char **keys;
	double *values;
	size_t n;
};

struct plan_organisation {
	char *name, *mission, *vision, *proposition, *sector, *timezone;
	struct strlist domains; /* the website(s): links there get UTM tags */
};

struct plan_period {
	char *start, *end; /* YYYY-MM-DD */
};

struct plan_swot {
	struct strlist strengths, weaknesses, opportunities, threats;
};

struct plan_competitor {
	struct plan_loc loc;
	char *id, *name, *notes;
	struct strlist handles;
};

struct plan_ambassador {
	struct plan_loc loc;
	char *name, *handle, *platform, *notes;
	double reach;
};

struct plan_research {
	char *summary, *reputation;
	struct plan_swot swot;
	struct strlist complaints, questions; /* what people complain and ask about */
	struct plan_list competitors; /* struct plan_competitor */
	struct plan_list ambassadors; /* struct plan_ambassador */
};

struct plan_objective {
	struct plan_loc loc;
	char *id, *type, *description; /* type: see plan_objective_types */
};

struct plan_goal {
	struct plan_loc loc;
	char *id, *objective, *description, *kpi, *channel, *owner;
	double baseline, target;
	char *start, *deadline;
	struct strlist actions;
};

struct plan_audience {
	char *summary, *demographics, *behaviour;
	struct strlist interests, platforms;
};

struct plan_persona {
	struct plan_loc loc;
	char *id, *name, *demographics, *behaviour, *media_use, *quote;
	double age;
	struct strlist interests, goals, challenges, needs, channels;
};

struct plan_strategy {
	struct plan_loc loc;
	char *type, *description; /* type: listening, community, traffic, webcare, internal */
	double phase; /* order in which the strategies start: listen first */
};

struct plan_channel {
	struct plan_loc loc;
	char *id, *platform, *handle, *purpose;
	struct strlist personas, content_types, days;
	double cadence_per_week, response_time_minutes, buffer_days, char_limit;
};

struct plan_pillar {
	struct plan_loc loc;
	char *id, *name, *type, *description; /* type: informative, entertaining, promotional */
	double share; /* percent of the content mix */
};

struct plan_content {
	struct plan_list pillars; /* struct plan_pillar */
	struct nummap minutes_per_post; /* by content type; defaults in check.c */
	struct strlist interaction; /* how the audience is invited to take part */
};

struct plan_guidelines {
	struct strlist dos, donts;
};

struct plan_member {
	struct plan_loc loc;
	char *id, *name, *email;
	struct strlist roles;
	double hours_per_week;
};

struct plan_community {
	struct strlist guidelines;
	char *engagement, *support, *feedback;
};

struct plan_evaluation {
	char *cadence, *review; /* cadence: weekly, monthly, quarterly, yearly */
	struct strlist recipients;
	double value_per_conversion;
};

struct plan_budget_line {
	struct plan_loc loc;
	char *category, *period, *description; /* category: see plan_budget_categories */
	double amount;
};

struct plan_budget {
	char *currency, *owner;
	struct plan_list lines; /* struct plan_budget_line */
};

struct plan_campaign {
	struct plan_loc loc;
	char *id, *name, *objective, *start, *end, *utm_campaign, *description;
	struct strlist channels;
	double budget;
};

struct plan_integration {
	char *branding, *website;
	struct strlist other_channels, influencers;
};

struct plan_risk {
	struct plan_loc loc;
	char *id, *risk, *mitigation, *owner;
	double likelihood, impact; /* 1–5 each */
};

/* A machine-readable trigger: the metric over a window exceeds its baseline. */
struct plan_trigger {
	struct plan_loc loc;
	char *metric; /* volume, negative */
	double window_minutes, factor, min_count;
};

struct plan_crisis_level {
	struct plan_loc loc;
	double level;
	char *name, *trigger, *owner, *holding_statement;
	double response_time_minutes;
	struct strlist escalation;
	struct plan_list detect; /* struct plan_trigger */
};

struct plan_drill {
	struct plan_loc loc;
	char *date, *scenario;
};

struct plan_crisis {
	char *spokesperson;
	struct plan_list levels; /* struct plan_crisis_level */
	struct plan_list drills; /* struct plan_drill */
};

struct plan_milestone {
	struct plan_loc loc;
	char *date, *milestone, *owner;
};

struct plan_topic {
	struct plan_loc loc;
	char *id, *kind, *query; /* kind: brand, product, competitor, campaign */
};

struct plan_listening {
	struct plan_list topics; /* struct plan_topic */
};

struct plan_checks {
	double max_growth_per_month; /* percent; plan check warns above it */
	double max_promotional_share; /* percent */
};

struct plan {
	double format; /* "koers: 1" */
	char *language; /* nl or en: the language the plan is written in */
	struct plan_organisation organisation;
	struct plan_period period;
	struct plan_research research;
	struct plan_list objectives; /* struct plan_objective */
	struct plan_list goals;      /* struct plan_goal */
	struct plan_audience audience;
	struct plan_list personas;   /* struct plan_persona */
	struct plan_list strategies; /* struct plan_strategy */
	struct plan_list team;       /* struct plan_member */
	char *tone_of_voice;
	struct plan_guidelines guidelines;
	struct plan_list channels;   /* struct plan_channel */
	struct plan_content content;
	struct plan_community community;
	struct plan_evaluation evaluation;
	struct plan_budget budget;
	struct plan_list campaigns;  /* struct plan_campaign */
	struct plan_integration integration;
	struct plan_list risks;      /* struct plan_risk */
	struct plan_crisis crisis;
	struct plan_list timeline;   /* struct plan_milestone */
	struct plan_listening listening;
	struct plan_checks checks;
};

/* The catalogues the plan's enumerations draw from (NULL-terminated). */
extern const char *const plan_objective_types[];
extern const char *const plan_strategy_types[];
extern const char *const plan_platforms[];
extern const char *const plan_content_types[];
extern const char *const plan_pillar_types[];
extern const char *const plan_roles[];
extern const char *const plan_budget_categories[];
extern const char *const plan_cadences[];
extern const char *const plan_topic_kinds[];
extern const char *const plan_trigger_metrics[];
extern const char *const plan_weekdays[];
extern const char *const plan_languages[];

/* Is s a real calendar date written as YYYY-MM-DD? */
bool plan_date_valid(const char *s);

/* A plan with every field unset (numbers NAN). */
void plan_init(struct plan *p);
void plan_free(struct plan *p);
/* Same content, ignoring where things were read from. */
bool plan_equal(const struct plan *a, const struct plan *b);

#endif
