#include "kpi/catalog.h"

#include <string.h>

#include "base/i18n.h"

#define UP KPI_HIGHER_IS_BETTER
#define DOWN KPI_LOWER_IS_BETTER

const struct kpi_def kpi_catalog[] = {
	{ "followers", N_("Followers"), N_("accounts following the channel at the end of the period"), KPI_COUNT, UP, KPI_REACH, true },
	{ "follower_growth", N_("Follower growth"), N_("new followers minus lost followers in the period, as a percentage of the followers at its start"), KPI_PERCENT, UP, KPI_REACH, false },
	{ "reach", N_("Reach"), N_("unique accounts that saw at least one post in the period"), KPI_COUNT, UP, KPI_REACH, false },
	{ "impressions", N_("Impressions"), N_("times posts were shown in the period"), KPI_COUNT, UP, KPI_REACH, false },
	{ "engagements", N_("Engagements"), N_("likes, comments, shares, saves and clicks on posts in the period"), KPI_COUNT, UP, KPI_ENGAGEMENT, false },
	{ "engagement_rate", N_("Engagement rate"), N_("engagements / impressions × 100"), KPI_PERCENT, UP, KPI_ENGAGEMENT, false },
	{ "amplification_rate", N_("Amplification rate"), N_("shares per post / followers × 100"), KPI_PERCENT, UP, KPI_REACH, false },
	{ "clicks", N_("Clicks"), N_("link clicks on posts in the period"), KPI_COUNT, UP, KPI_CLICKS, false },
	{ "ctr", N_("Click-through rate"), N_("clicks / impressions × 100"), KPI_PERCENT, UP, KPI_CLICKS, false },
	{ "conversions", N_("Conversions"), N_("key events on the website from visits that came from social media (UTM medium social)"), KPI_COUNT, UP, KPI_CONVERSION, false },
	{ "conversion_rate", N_("Conversion rate"), N_("conversions / sessions from social media × 100"), KPI_PERCENT, UP, KPI_CONVERSION, false },
	{ "revenue", N_("Revenue"), N_("revenue attributed to sessions from social media"), KPI_MONEY, UP, KPI_CONVERSION, false },
	{ "cost", N_("Cost"), N_("money spent in the period (imported costs)"), KPI_MONEY, DOWN, KPI_CONVERSION, false },
	{ "cpc", N_("Cost per click"), N_("cost / clicks"), KPI_MONEY, DOWN, KPI_CLICKS, false },
	{ "cost_per_conversion", N_("Cost per conversion"), N_("cost / conversions (cost per lead)"), KPI_MONEY, DOWN, KPI_CONVERSION, false },
	{ "roi", N_("Return on investment"), N_("(attributed value − cost) / cost × 100"), KPI_PERCENT, UP, KPI_CONVERSION, false },
	{ "response_time", N_("Response time"), N_("median minutes from a mention that needs an answer to the first answer"), KPI_MINUTES, DOWN, KPI_INTERACTION, false },
	{ "response_rate", N_("Response rate"), N_("mentions that needed an answer and got one / mentions that needed an answer × 100"), KPI_PERCENT, UP, KPI_INTERACTION, false },
	{ "sentiment_net", N_("Net sentiment"), N_("(positive − negative mentions) / all mentions × 100"), KPI_SCORE, UP, KPI_SENTIMENT, false },
	{ "share_of_voice", N_("Share of voice"), N_("mentions of the brand / mentions of the brand and its competitors × 100"), KPI_PERCENT, UP, KPI_SENTIMENT, false },
	{ "mentions", N_("Mentions"), N_("posts by others that match the brand's listening topics"), KPI_COUNT, UP, KPI_SENTIMENT, false },
	{ "posts_published", N_("Posts published"), N_("posts published in the period"), KPI_COUNT, UP, KPI_OUTPUT, false },
	{ NULL, NULL, NULL, 0, 0, 0, false },
};

const struct kpi_def *kpi_find(const char *id)
{
	if (!id)
		return NULL;
	for (const struct kpi_def *k = kpi_catalog; k->id; k++)
		if (!strcmp(k->id, id))
			return k;
	return NULL;
}

const char *kpi_unit_name(enum kpi_unit unit)
{
	static const char *const names[] = {
		[KPI_COUNT] = "count", [KPI_PERCENT] = "percent", [KPI_MINUTES] = "minutes",
		[KPI_MONEY] = "money", [KPI_RATIO] = "ratio", [KPI_SCORE] = "score",
	};
	return names[unit];
}

const char *kpi_family_name(enum kpi_family f)
{
	static const char *const names[] = {
		[KPI_REACH] = N_("reach"), [KPI_ENGAGEMENT] = N_("engagement"), [KPI_CLICKS] = N_("clicks"),
		[KPI_INTERACTION] = N_("interaction"), [KPI_CONVERSION] = N_("conversion"),
		[KPI_SENTIMENT] = N_("sentiment"), [KPI_OUTPUT] = N_("output"),
	};
	return names[f];
}
