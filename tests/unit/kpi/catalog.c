/* Unit tests of src/kpi/catalog.c: the catalogue holds every KPI goals may name, well formed. */
#include "test.h"

#include "base/i18n.h"
#include "kpi/catalog.h"

static void test_every_kpi_of_the_method(void **state)
{
	/* The list of the foundation issue: goals refer to these ids. */
	static const char *const ids[] = {
		"followers", "follower_growth", "reach", "impressions", "engagements", "engagement_rate",
		"amplification_rate", "clicks", "ctr", "conversions", "conversion_rate", "revenue", "roi",
		"response_time", "response_rate", "sentiment_net", "share_of_voice", "mentions", "posts_published",
		/* issue 5: cost per click and per lead (conversion) for budget and ROI */
		"cost", "cpc", "cost_per_conversion",
	};
	size_t n = 0;
	for (const struct kpi_def *k = kpi_catalog; k->id; k++)
		n++;
	assert_int_equal(n, sizeof(ids) / sizeof(ids[0]));
	for (size_t i = 0; i < n; i++) {
		const struct kpi_def *k = kpi_find(ids[i]);
		assert_non_null(k);
		assert_string_equal(k->id, ids[i]);
	}
	assert_null(kpi_find("likes"));
	assert_null(kpi_find(NULL));
}

static void test_definitions(void **state)
{
	for (const struct kpi_def *k = kpi_catalog; k->id; k++) {
		/* Named and defined in both languages, the Dutch name from the catalogue. */
		assert_true(strlen(k->definition) > 10);
		assert_true(strlen(tr(LANG_NL, k->name)) > 1);
		assert_non_null(kpi_unit_name(k->unit));
	}
	assert_int_equal(kpi_find("response_time")->direction, KPI_LOWER_IS_BETTER);
	assert_int_equal(kpi_find("followers")->direction, KPI_HIGHER_IS_BETTER);
	assert_int_equal(kpi_find("engagement_rate")->unit, KPI_PERCENT);
	assert_true(kpi_find("followers")->cumulative);
	assert_string_equal(tr(LANG_NL, kpi_find("reach")->name), "Bereik");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kpi_of_the_method),
		cmocka_unit_test(test_definitions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
