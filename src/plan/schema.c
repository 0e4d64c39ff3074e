#include "plan/schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "plan/plan.h"

const char *const plan_objective_types[] = {
	"awareness", "reputation", "innovation", "loyalty", "leads", "recruitment",
	"social_commerce", "internal_communication", "cost_savings", NULL,
};
const char *const plan_strategy_types[] = { "listening", "community", "traffic", "webcare", "internal", NULL };
const char *const plan_platforms[] = {
	"x", "bluesky", "mastodon", "threads", "linkedin", "instagram", "facebook",
	"youtube", "tiktok", "pinterest", "whatsapp", "newsletter", "website", NULL,
};
const char *const plan_content_types[] = {
	"text", "image", "video", "short_video", "link", "carousel", "story", "poll",
	"article", "live", "event", NULL,
};
const char *const plan_pillar_types[] = { "informative", "entertaining", "promotional", NULL };
const char *const plan_roles[] = {
	"owner", "editor", "approver", "viewer", "webcare", "analyst", "spokesperson", "designer", NULL,
};
const char *const plan_budget_categories[] = { "advertising", "content", "tools", "external", "people", "other", NULL };
const char *const plan_cadences[] = { "weekly", "monthly", "quarterly", "yearly", NULL };
const char *const plan_topic_kinds[] = { "brand", "product", "competitor", "campaign", NULL };
const char *const plan_trigger_metrics[] = { "volume", "negative", NULL };
const char *const plan_languages[] = { "nl", "en", NULL };
const char *const plan_weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };

#define ANY 1, 0
#define F(T, m, key, kind, help) { key, kind, offsetof(T, m), NULL, NULL, ANY, help }
#define FN(T, m, key, lo, hi, help) { key, FK_NUM, offsetof(T, m), NULL, NULL, lo, hi, help }
#define FI(T, m, key, lo, hi, help) { key, FK_INT, offsetof(T, m), NULL, NULL, lo, hi, help }
#define FE(T, m, key, kind, vals, help) { key, kind, offsetof(T, m), NULL, vals, ANY, help }
#define FS(T, m, key, kind, sub, help) { key, kind, offsetof(T, m), &sub, NULL, ANY, help }
#define END { NULL, 0, 0, NULL, NULL, ANY, NULL }
#define SCHEMA(name, T, loc, fields) { name, sizeof(T), loc, fields }
#define HAS_LOC(T) offsetof(T, loc)

static const struct field organisation_fields[] = {
	F(struct plan_organisation, name, "name", FK_STR, N_("the organisation's name")),
	F(struct plan_organisation, sector, "sector", FK_STR, N_("the sector it works in")),
	F(struct plan_organisation, mission, "mission", FK_TEXT, N_("why the organisation exists")),
	F(struct plan_organisation, vision, "vision", FK_TEXT, N_("where it wants to be in a few years")),
	F(struct plan_organisation, proposition, "proposition", FK_TEXT, N_("what it offers and to whom; what sets it apart")),
	F(struct plan_organisation, domains, "domains", FK_STRLIST, N_("its own website domains: links there get UTM tags")),
	F(struct plan_organisation, timezone, "timezone", FK_STR, N_("IANA time zone, e.g. Europe/Amsterdam")),
	END,
};
static const struct schema organisation_schema = SCHEMA(N_("organisation"), struct plan_organisation, NO_LOC, organisation_fields);

static const struct field period_fields[] = {
	F(struct plan_period, start, "start", FK_DATE, N_("first day the plan is in force")),
	F(struct plan_period, end, "end", FK_DATE, N_("last day the plan is in force")),
	END,
};
static const struct schema period_schema = SCHEMA(N_("period"), struct plan_period, NO_LOC, period_fields);

static const struct field swot_fields[] = {
	F(struct plan_swot, strengths, "strengths", FK_STRLIST, N_("internal strengths")),
	F(struct plan_swot, weaknesses, "weaknesses", FK_STRLIST, N_("internal weaknesses")),
	F(struct plan_swot, opportunities, "opportunities", FK_STRLIST, N_("external opportunities")),
	F(struct plan_swot, threats, "threats", FK_STRLIST, N_("external threats")),
	END,
};
static const struct schema swot_schema = SCHEMA(N_("swot"), struct plan_swot, NO_LOC, swot_fields);

static const struct field competitor_fields[] = {
	F(struct plan_competitor, id, "id", FK_STR, N_("short id")),
	F(struct plan_competitor, name, "name", FK_STR, N_("the competitor's name")),
	F(struct plan_competitor, handles, "handles", FK_STRLIST, N_("their accounts, e.g. @name@instance or name.bsky.social")),
	F(struct plan_competitor, notes, "notes", FK_TEXT, N_("what they do well or badly online")),
	END,
};
static const struct schema competitor_schema = SCHEMA(N_("competitor"), struct plan_competitor, HAS_LOC(struct plan_competitor), competitor_fields);

static const struct field ambassador_fields[] = {
	F(struct plan_ambassador, name, "name", FK_STR, N_("who speaks well of you")),
	F(struct plan_ambassador, handle, "handle", FK_STR, N_("their account")),
	FE(struct plan_ambassador, platform, "platform", FK_ENUM, plan_platforms, N_("where they are active")),
	FN(struct plan_ambassador, reach, "reach", 0, 1e12, N_("followers or readers")),
	F(struct plan_ambassador, notes, "notes", FK_TEXT, N_("how to involve them")),
	END,
};
static const struct schema ambassador_schema = SCHEMA(N_("ambassador"), struct plan_ambassador, HAS_LOC(struct plan_ambassador), ambassador_fields);

static const struct field research_fields[] = {
	F(struct plan_research, summary, "summary", FK_TEXT, N_("what is said online about the organisation, its products and competitors")),
	F(struct plan_research, reputation, "reputation", FK_TEXT, N_("volume and sentiment of what is said; how the organisation is seen")),
	FS(struct plan_research, swot, "swot", FK_OBJ, swot_schema, N_("SWOT analysis")),
	F(struct plan_research, complaints, "complaints", FK_STRLIST, N_("what people complain about")),
	F(struct plan_research, questions, "questions", FK_STRLIST, N_("what people ask")),
	FS(struct plan_research, competitors, "competitors", FK_LIST, competitor_schema, N_("competitors and their accounts")),
	FS(struct plan_research, ambassadors, "ambassadors", FK_LIST, ambassador_schema, N_("ambassadors and influencers")),
	END,
};
static const struct schema research_schema = SCHEMA(N_("research"), struct plan_research, NO_LOC, research_fields);

static const struct field objective_fields[] = {
	F(struct plan_objective, id, "id", FK_STR, N_("short id, referred to by goals")),
	FE(struct plan_objective, type, "type", FK_ENUM, plan_objective_types, N_("the kind of objective")),
	F(struct plan_objective, description, "description", FK_TEXT, N_("what the organisation wants to reach")),
	END,
};
static const struct schema objective_schema = SCHEMA(N_("objective"), struct plan_objective, HAS_LOC(struct plan_objective), objective_fields);

static const struct field goal_fields[] = {
	F(struct plan_goal, id, "id", FK_STR, N_("short id, referred to by posts and reports")),
	F(struct plan_goal, objective, "objective", FK_STR, N_("id of the objective this goal serves")),
	F(struct plan_goal, description, "description", FK_TEXT, N_("the goal in one sentence")),
	F(struct plan_goal, kpi, "kpi", FK_STR, N_("KPI id from the catalogue (koers plan catalogue)")),
	F(struct plan_goal, channel, "channel", FK_STR, N_("channel id, or 'all'")),
	FN(struct plan_goal, baseline, "baseline", -1e15, 1e15, N_("the KPI's value at the start")),
	FN(struct plan_goal, target, "target", -1e15, 1e15, N_("the value to reach by the deadline")),
	F(struct plan_goal, start, "start", FK_DATE, N_("when the goal starts (YYYY-MM-DD)")),
	F(struct plan_goal, deadline, "deadline", FK_DATE, N_("when the target must be reached (YYYY-MM-DD)")),
	F(struct plan_goal, owner, "owner", FK_STR, N_("team member id who answers for this goal")),
	F(struct plan_goal, actions, "actions", FK_STRLIST, N_("the concrete actions that reach it")),
	END,
};
static const struct schema goal_schema = SCHEMA(N_("goal"), struct plan_goal, HAS_LOC(struct plan_goal), goal_fields);

static const struct field audience_fields[] = {
	F(struct plan_audience, summary, "summary", FK_TEXT, N_("who the audience is")),
	F(struct plan_audience, demographics, "demographics", FK_TEXT, N_("age, place, education, work")),
	F(struct plan_audience, behaviour, "behaviour", FK_TEXT, N_("what they do online and when")),
	F(struct plan_audience, interests, "interests", FK_STRLIST, N_("what they care about")),
	FE(struct plan_audience, platforms, "platforms", FK_ENUMLIST, plan_platforms, N_("where they are")),
	END,
};
static const struct schema audience_schema = SCHEMA(N_("audience"), struct plan_audience, NO_LOC, audience_fields);

static const struct field persona_fields[] = {
	F(struct plan_persona, id, "id", FK_STR, N_("short id, referred to by channels and posts")),
	F(struct plan_persona, name, "name", FK_STR, N_("a first name that makes the persona a person")),
	FI(struct plan_persona, age, "age", 0, 120, N_("age in years")),
	F(struct plan_persona, quote, "quote", FK_STR, N_("something this person would say")),
	F(struct plan_persona, demographics, "demographics", FK_TEXT, N_("place, family, work, income")),
	F(struct plan_persona, behaviour, "behaviour", FK_TEXT, N_("habits online and offline")),
	F(struct plan_persona, interests, "interests", FK_STRLIST, N_("interests")),
	F(struct plan_persona, goals, "goals", FK_STRLIST, N_("what the persona wants to achieve")),
	F(struct plan_persona, challenges, "challenges", FK_STRLIST, N_("what stands in the way")),
	F(struct plan_persona, media_use, "media_use", FK_TEXT, N_("which media, when and how")),
	F(struct plan_persona, needs, "needs", FK_STRLIST, N_("wishes and needs the organisation can meet")),
	F(struct plan_persona, channels, "channels", FK_STRLIST, N_("ids of the channels that reach this persona")),
	END,
};
static const struct schema persona_schema = SCHEMA(N_("persona"), struct plan_persona, HAS_LOC(struct plan_persona), persona_fields);

static const struct field strategy_fields[] = {
	FE(struct plan_strategy, type, "type", FK_ENUM, plan_strategy_types, N_("listening, community, traffic, webcare or internal")),
	FI(struct plan_strategy, phase, "phase", 1, 10, N_("in which phase it starts: listen first, then take part, then involve")),
	F(struct plan_strategy, description, "description", FK_TEXT, N_("how it reaches the objectives and what it changes for the audience")),
	END,
};
static const struct schema strategy_schema = SCHEMA(N_("strategy"), struct plan_strategy, HAS_LOC(struct plan_strategy), strategy_fields);

static const struct field member_fields[] = {
	F(struct plan_member, id, "id", FK_STR, N_("short id, referred to as owner elsewhere")),
	F(struct plan_member, name, "name", FK_STR, N_("full name")),
	F(struct plan_member, email, "email", FK_STR, N_("e-mail address for notifications")),
	FE(struct plan_member, roles, "roles", FK_ENUMLIST, plan_roles, N_("owner, editor, approver, viewer, webcare, analyst, spokesperson, designer")),
	FN(struct plan_member, hours_per_week, "hours_per_week", 0, 168, N_("hours a week for social media")),
	END,
};
static const struct schema member_schema = SCHEMA(N_("team member"), struct plan_member, HAS_LOC(struct plan_member), member_fields);

static const struct field guideline_fields[] = {
	F(struct plan_guidelines, dos, "do", FK_STRLIST, N_("what is welcome in posts and replies")),
	F(struct plan_guidelines, donts, "dont", FK_STRLIST, N_("what may never be posted (customer data, jokes at others' expense, ...)")),
	END,
};
static const struct schema guideline_schema = SCHEMA(N_("guidelines"), struct plan_guidelines, NO_LOC, guideline_fields);

static const struct field channel_fields[] = {
	F(struct plan_channel, id, "id", FK_STR, N_("short id, referred to by goals, personas and posts")),
	FE(struct plan_channel, platform, "platform", FK_ENUM, plan_platforms, N_("the platform")),
	F(struct plan_channel, handle, "handle", FK_STR, N_("the account on that platform")),
	F(struct plan_channel, purpose, "purpose", FK_TEXT, N_("what this channel is for")),
	F(struct plan_channel, personas, "personas", FK_STRLIST, N_("ids of the personas it serves")),
	FE(struct plan_channel, content_types, "content_types", FK_ENUMLIST, plan_content_types, N_("the content types posted here")),
	FN(struct plan_channel, cadence_per_week, "cadence_per_week", 0, 1000, N_("posts per week")),
	FE(struct plan_channel, days, "days", FK_ENUMLIST, plan_weekdays, N_("preferred posting days (mon ... sun)")),
	FN(struct plan_channel, response_time_minutes, "response_time_minutes", 0, 100000, N_("answer mentions within this many minutes")),
	FN(struct plan_channel, buffer_days, "buffer_days", 0, 365, N_("days of approved content to keep ready ahead")),
	FI(struct plan_channel, char_limit, "char_limit", 1, 1000000, N_("the platform's text limit when it differs (e.g. a Mastodon instance)")),
	END,
};
static const struct schema channel_schema = SCHEMA(N_("channel"), struct plan_channel, HAS_LOC(struct plan_channel), channel_fields);

static const struct field pillar_fields[] = {
	F(struct plan_pillar, id, "id", FK_STR, N_("short id, referred to by posts")),
	F(struct plan_pillar, name, "name", FK_STR, N_("the theme")),
	FE(struct plan_pillar, type, "type", FK_ENUM, plan_pillar_types, N_("informative, entertaining or promotional")),
	FN(struct plan_pillar, share, "share", 0, 100, N_("percent of all posts")),
	F(struct plan_pillar, description, "description", FK_TEXT, N_("what belongs in this pillar")),
	END,
};
static const struct schema pillar_schema = SCHEMA(N_("pillar"), struct plan_pillar, HAS_LOC(struct plan_pillar), pillar_fields);

static const struct field content_fields[] = {
	FS(struct plan_content, pillars, "pillars", FK_LIST, pillar_schema, N_("content pillars; their shares add up to 100")),
	F(struct plan_content, minutes_per_post, "minutes_per_post", FK_NUMMAP, N_("minutes to make one post, by content type (for the capacity check)")),
	F(struct plan_content, interaction, "interaction", FK_STRLIST, N_("how the audience is invited to take part: questions, polls, replies")),
	END,
};
static const struct schema content_schema = SCHEMA(N_("content"), struct plan_content, NO_LOC, content_fields);

static const struct field community_fields[] = {
	F(struct plan_community, guidelines, "guidelines", FK_STRLIST, N_("house rules for the community")),
	F(struct plan_community, engagement, "engagement", FK_TEXT, N_("how engagement is stimulated")),
	F(struct plan_community, support, "support", FK_TEXT, N_("how customer questions are handled (webcare)")),
	F(struct plan_community, feedback, "feedback", FK_TEXT, N_("how feedback is collected and passed on")),
	END,
};
static const struct schema community_schema = SCHEMA(N_("community"), struct plan_community, NO_LOC, community_fields);

static const struct field evaluation_fields[] = {
	FE(struct plan_evaluation, cadence, "cadence", FK_ENUM, plan_cadences, N_("how often results are evaluated")),
	F(struct plan_evaluation, recipients, "recipients", FK_STRLIST, N_("who receives the evaluation report")),
	F(struct plan_evaluation, review, "review", FK_TEXT, N_("how the plan is adjusted after an evaluation")),
	FN(struct plan_evaluation, value_per_conversion, "value_per_conversion", 0, 1e12, N_("value of one conversion, for ROI when revenue is unknown")),
	END,
};
static const struct schema evaluation_schema = SCHEMA(N_("evaluation"), struct plan_evaluation, NO_LOC, evaluation_fields);

static const struct field budget_line_fields[] = {
	FE(struct plan_budget_line, category, "category", FK_ENUM, plan_budget_categories, N_("advertising, content, tools, external, people or other")),
	F(struct plan_budget_line, period, "period", FK_STR, N_("2026, 2026-Q1 or 2026-03")),
	FN(struct plan_budget_line, amount, "amount", 0, 1e12, N_("planned amount")),
	F(struct plan_budget_line, description, "description", FK_STR, N_("what it pays for")),
	END,
};
static const struct schema budget_line_schema = SCHEMA(N_("budget line"), struct plan_budget_line, HAS_LOC(struct plan_budget_line), budget_line_fields);

static const struct field budget_fields[] = {
	F(struct plan_budget, currency, "currency", FK_STR, N_("ISO 4217 code, e.g. EUR")),
	F(struct plan_budget, owner, "owner", FK_STR, N_("team member id who manages the budget")),
	FS(struct plan_budget, lines, "lines", FK_LIST, budget_line_schema, N_("planned spending")),
	END,
};
static const struct schema budget_schema = SCHEMA(N_("budget"), struct plan_budget, NO_LOC, budget_fields);

static const struct field campaign_fields[] = {
	F(struct plan_campaign, id, "id", FK_STR, N_("short id, referred to by posts")),
	F(struct plan_campaign, name, "name", FK_STR, N_("the campaign's name")),
	F(struct plan_campaign, objective, "objective", FK_STR, N_("id of the objective it serves")),
	F(struct plan_campaign, start, "start", FK_DATE, N_("first day")),
	F(struct plan_campaign, end, "end", FK_DATE, N_("last day")),
	F(struct plan_campaign, channels, "channels", FK_STRLIST, N_("ids of the channels it runs on")),
	FN(struct plan_campaign, budget, "budget", 0, 1e12, N_("its budget")),
	F(struct plan_campaign, utm_campaign, "utm_campaign", FK_STR, N_("utm_campaign value for its links")),
	F(struct plan_campaign, description, "description", FK_TEXT, N_("what happens across channels")),
	END,
};
static const struct schema campaign_schema = SCHEMA(N_("campaign"), struct plan_campaign, HAS_LOC(struct plan_campaign), campaign_fields);

static const struct field integration_fields[] = {
	F(struct plan_integration, branding, "branding", FK_TEXT, N_("how the look and voice stay consistent across channels")),
	F(struct plan_integration, website, "website", FK_TEXT, N_("how social media leads to the website, the hub")),
	F(struct plan_integration, other_channels, "other_channels", FK_STRLIST, N_("other marketing that social media works with")),
	F(struct plan_integration, influencers, "influencers", FK_STRLIST, N_("influencers the organisation works with")),
	END,
};
static const struct schema integration_schema = SCHEMA(N_("integration"), struct plan_integration, NO_LOC, integration_fields);

static const struct field risk_fields[] = {
	F(struct plan_risk, id, "id", FK_STR, N_("short id")),
	F(struct plan_risk, risk, "risk", FK_TEXT, N_("what could go wrong")),
	FI(struct plan_risk, likelihood, "likelihood", 1, 5, N_("1 (rare) to 5 (almost certain)")),
	FI(struct plan_risk, impact, "impact", 1, 5, N_("1 (minor) to 5 (severe)")),
	F(struct plan_risk, mitigation, "mitigation", FK_TEXT, N_("what lowers the likelihood or the impact")),
	F(struct plan_risk, owner, "owner", FK_STR, N_("team member id who watches this risk")),
	END,
};
static const struct schema risk_schema = SCHEMA(N_("risk"), struct plan_risk, HAS_LOC(struct plan_risk), risk_fields);

static const struct field trigger_fields[] = {
	FE(struct plan_trigger, metric, "metric", FK_ENUM, plan_trigger_metrics, N_("volume or negative (mentions)")),
	FN(struct plan_trigger, window_minutes, "window_minutes", 1, 100000, N_("the window the metric is counted over")),
	FN(struct plan_trigger, factor, "factor", 1, 1000, N_("how many times the usual level for this hour of the week")),
	FN(struct plan_trigger, min_count, "min_count", 0, 1e9, N_("at least this many mentions in the window")),
	END,
};
static const struct schema trigger_schema = SCHEMA(N_("trigger"), struct plan_trigger, HAS_LOC(struct plan_trigger), trigger_fields);

static const struct field level_fields[] = {
	FI(struct plan_crisis_level, level, "level", 1, 10, N_("severity: 1 is the lowest")),
	F(struct plan_crisis_level, name, "name", FK_STR, N_("name of the level")),
	F(struct plan_crisis_level, trigger, "trigger", FK_TEXT, N_("when this level applies")),
	FS(struct plan_crisis_level, detect, "detect", FK_LIST, trigger_schema, N_("machine-readable triggers for the monitoring")),
	F(struct plan_crisis_level, owner, "owner", FK_STR, N_("team member id who leads")),
	FN(struct plan_crisis_level, response_time_minutes, "response_time_minutes", 0, 100000, N_("first response within this many minutes")),
	F(struct plan_crisis_level, escalation, "escalation", FK_STRLIST, N_("who is informed, in order")),
	F(struct plan_crisis_level, holding_statement, "holding_statement", FK_TEXT, N_("the first public reply while facts are gathered")),
	END,
};
static const struct schema level_schema = SCHEMA(N_("crisis level"), struct plan_crisis_level, HAS_LOC(struct plan_crisis_level), level_fields);

static const struct field drill_fields[] = {
	F(struct plan_drill, date, "date", FK_DATE, N_("when")),
	F(struct plan_drill, scenario, "scenario", FK_TEXT, N_("what is simulated")),
	END,
};
static const struct schema drill_schema = SCHEMA(N_("drill"), struct plan_drill, HAS_LOC(struct plan_drill), drill_fields);

static const struct field crisis_fields[] = {
	F(struct plan_crisis, spokesperson, "spokesperson", FK_STR, N_("team member id who speaks for the organisation")),
	FS(struct plan_crisis, levels, "levels", FK_LIST, level_schema, N_("severity levels of the crisis protocol")),
	FS(struct plan_crisis, drills, "drills", FK_LIST, drill_schema, N_("planned crisis simulations")),
	END,
};
static const struct schema crisis_schema = SCHEMA(N_("crisis"), struct plan_crisis, NO_LOC, crisis_fields);

static const struct field milestone_fields[] = {
	F(struct plan_milestone, date, "date", FK_DATE, N_("when")),
	F(struct plan_milestone, milestone, "milestone", FK_STR, N_("what is ready then")),
	F(struct plan_milestone, owner, "owner", FK_STR, N_("team member id")),
	END,
};
static const struct schema milestone_schema = SCHEMA(N_("milestone"), struct plan_milestone, HAS_LOC(struct plan_milestone), milestone_fields);

static const struct field topic_fields[] = {
	F(struct plan_topic, id, "id", FK_STR, N_("short id of the tracked query")),
	FE(struct plan_topic, kind, "kind", FK_ENUM, plan_topic_kinds, N_("brand, product, competitor or campaign")),
	F(struct plan_topic, query, "query", FK_STR, N_("boolean query, e.g. \"van dijk\" AND (fiets OR e-bike) -vacature")),
	END,
};
static const struct schema topic_schema = SCHEMA(N_("listening topic"), struct plan_topic, HAS_LOC(struct plan_topic), topic_fields);

static const struct field listening_fields[] = {
	FS(struct plan_listening, topics, "topics", FK_LIST, topic_schema, N_("what is tracked: brand, products, competitors, campaigns")),
	END,
};
static const struct schema listening_schema = SCHEMA(N_("listening"), struct plan_listening, NO_LOC, listening_fields);

static const struct field checks_fields[] = {
	FN(struct plan_checks, max_growth_per_month, "max_growth_per_month", 0, 10000, N_("warn when a goal needs more growth than this percentage a month (default 20)")),
	FN(struct plan_checks, max_promotional_share, "max_promotional_share", 0, 100, N_("advise when promotional pillars exceed this share (default 20)")),
	END,
};
static const struct schema checks_schema = SCHEMA(N_("checks"), struct plan_checks, NO_LOC, checks_fields);

static const struct field plan_fields[] = {
	FN(struct plan, format, "koers", 1, 1, N_("version of this file format")),
	FE(struct plan, language, "language", FK_ENUM, plan_languages, N_("language the plan is written in: nl or en")),
	FS(struct plan, organisation, "organisation", FK_OBJ, organisation_schema, N_("the organisation")),
	FS(struct plan, period, "period", FK_OBJ, period_schema, N_("the period the plan covers")),
	FS(struct plan, research, "research", FK_OBJ, research_schema, N_("what is said about the organisation")),
	FS(struct plan, listening, "listening", FK_OBJ, listening_schema, N_("tracked listening topics")),
	FS(struct plan, objectives, "objectives", FK_LIST, objective_schema, N_("objectives, from mission, vision or SWOT")),
	FS(struct plan, goals, "goals", FK_LIST, goal_schema, N_("SMART goals: KPI, baseline, target, deadline, owner, actions")),
	FS(struct plan, audience, "audience", FK_OBJ, audience_schema, N_("audience analysis")),
	FS(struct plan, personas, "personas", FK_LIST, persona_schema, N_("personas")),
	FS(struct plan, strategies, "strategies", FK_LIST, strategy_schema, N_("strategies and their order")),
	FS(struct plan, timeline, "timeline", FK_LIST, milestone_schema, N_("timeline milestones")),
	FS(struct plan, team, "team", FK_LIST, member_schema, N_("the team: roles and hours")),
	F(struct plan, tone_of_voice, "tone_of_voice", FK_TEXT, N_("how the organisation sounds")),
	FS(struct plan, guidelines, "guidelines", FK_OBJ, guideline_schema, N_("what may and may not be posted")),
	FS(struct plan, channels, "channels", FK_LIST, channel_schema, N_("channels with cadence, response time and buffer")),
	FS(struct plan, content, "content", FK_OBJ, content_schema, N_("content pillars and mix")),
	FS(struct plan, community, "community", FK_OBJ, community_schema, N_("community management")),
	FS(struct plan, evaluation, "evaluation", FK_OBJ, evaluation_schema, N_("measuring and evaluating")),
	FS(struct plan, budget, "budget", FK_OBJ, budget_schema, N_("budget")),
	FS(struct plan, campaigns, "campaigns", FK_LIST, campaign_schema, N_("campaigns across channels")),
	FS(struct plan, integration, "integration", FK_OBJ, integration_schema, N_("integration with other marketing")),
	FS(struct plan, risks, "risks", FK_LIST, risk_schema, N_("risk register")),
	FS(struct plan, crisis, "crisis", FK_OBJ, crisis_schema, N_("crisis protocol")),
	FS(struct plan, checks, "checks", FK_OBJ, checks_schema, N_("thresholds of plan check")),
	END,
};
const struct schema plan_schema = SCHEMA("plan", struct plan, NO_LOC, plan_fields);

static const struct {
	const char *key;
	int step;
} step_of_key[] = {
	{ "organisation", 0 }, { "period", 0 }, { "research", 1 }, { "objectives", 2 }, { "goals", 2 },
	{ "audience", 3 }, { "personas", 3 }, { "strategies", 4 }, { "team", 5 }, { "tone_of_voice", 5 },
	{ "guidelines", 5 }, { "channels", 6 }, { "content", 6 }, { "community", 8 }, { "evaluation", 9 },
	{ "budget", 10 }, { "campaigns", 11 }, { "integration", 11 }, { "risks", 12 }, { "crisis", 12 },
	{ "timeline", 4 }, { "listening", 1 }, { "checks", 13 },
};

int schema_step_of(const char *key)
{
	/* "koers" and "language" are part of the plan file itself: step 0. */
	for (size_t i = 0; i < sizeof(step_of_key) / sizeof(step_of_key[0]); i++)
		if (!strcmp(step_of_key[i].key, key))
			return step_of_key[i].step;
	return 0;
}

const struct field *schema_field(const struct schema *s, const char *key)
{
	for (const struct field *f = s->fields; f->key; f++)
		if (!strcmp(f->key, key))
			return f;
	return NULL;
}

static void *at(void *obj, const struct field *f) { return (char *)obj + f->offset; }
static const void *cat(const void *obj, const struct field *f) { return (const char *)obj + f->offset; }

void schema_init(const struct schema *s, void *obj)
{
	memset(obj, 0, s->size);
	for (const struct field *f = s->fields; f->key; f++) {
		if (f->kind == FK_NUM || f->kind == FK_INT)
			*(double *)at(obj, f) = NAN;
		else if (f->kind == FK_OBJ)
			schema_init(f->sub, at(obj, f));
	}
}

static void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

void schema_free(const struct schema *s, void *obj)
{
	for (const struct field *f = s->fields; f->key; f++) {
		void *p = at(obj, f);
		switch (f->kind) {
		case FK_STR: case FK_TEXT: case FK_DATE: case FK_ENUM:
			free(*(char **)p);
			break;
		case FK_STRLIST: case FK_ENUMLIST:
			strlist_free(p);
			break;
		case FK_NUMMAP: {
			struct nummap *m = p;
			for (size_t i = 0; i < m->n; i++)
				free(m->keys[i]);
			free(m->keys);
			free(m->values);
			break;
		}
		case FK_OBJ:
			schema_free(f->sub, p);
			break;
		case FK_LIST: {
			struct plan_list *l = p;
			for (size_t i = 0; i < l->n; i++)
				schema_free(f->sub, (char *)l->v + i * f->sub->size);
			free(l->v);
			break;
		}
		case FK_NUM: case FK_INT:
			break;
		}
	}
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int num_eq(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

int schema_equal(const struct schema *s, const void *a, const void *b)
{
	for (const struct field *f = s->fields; f->key; f++) {
		const void *pa = cat(a, f), *pb = cat(b, f);
		switch (f->kind) {
		case FK_STR: case FK_TEXT: case FK_DATE: case FK_ENUM:
			if (!str_eq(*(char *const *)pa, *(char *const *)pb))
				return 0;
			break;
		case FK_NUM: case FK_INT:
			if (!num_eq(*(const double *)pa, *(const double *)pb))
				return 0;
			break;
		case FK_STRLIST: case FK_ENUMLIST: {
			const struct strlist *la = pa, *lb = pb;
			if (la->n != lb->n)
				return 0;
			for (size_t i = 0; i < la->n; i++)
				if (strcmp(la->v[i], lb->v[i]))
					return 0;
			break;
		}
		case FK_NUMMAP: {
			const struct nummap *ma = pa, *mb = pb;
			if (ma->n != mb->n)
				return 0;
			for (size_t i = 0; i < ma->n; i++)
				if (strcmp(ma->keys[i], mb->keys[i]) || !num_eq(ma->values[i], mb->values[i]))
					return 0;
			break;
		}
		case FK_OBJ:
			if (!schema_equal(f->sub, pa, pb))
				return 0;
			break;
		case FK_LIST: {
			const struct plan_list *la = pa, *lb = pb;
			if (la->n != lb->n)
				return 0;
			for (size_t i = 0; i < la->n; i++)
				if (!schema_equal(f->sub, (const char *)la->v + i * f->sub->size,
						  (const char *)lb->v + i * f->sub->size))
					return 0;
			break;
		}
		}
	}
	return 1;
}

static bool field_is_set(const struct field *f, const void *p)
{
	switch (f->kind) {
	case FK_STR: case FK_TEXT: case FK_DATE: case FK_ENUM: return *(char *const *)p != NULL;
	case FK_NUM: case FK_INT: return !isnan(*(const double *)p);
	case FK_STRLIST: case FK_ENUMLIST: return ((const struct strlist *)p)->n > 0;
	case FK_NUMMAP: return ((const struct nummap *)p)->n > 0;
	case FK_OBJ: return schema_is_set(f->sub, p);
	case FK_LIST: return ((const struct plan_list *)p)->n > 0;
	}
	return false;
}

bool schema_field_is_set(const struct field *f, const void *obj)
{
	return field_is_set(f, (const char *)obj + f->offset);
}

bool schema_is_set(const struct schema *s, const void *obj)
{
	for (const struct field *f = s->fields; f->key; f++)
		if (schema_field_is_set(f, obj))
			return true;
	return false;
}

void plan_init(struct plan *p) { schema_init(&plan_schema, p); }
void plan_free(struct plan *p) { schema_free(&plan_schema, p); }
bool plan_equal(const struct plan *a, const struct plan *b) { return schema_equal(&plan_schema, a, b); }
