/* Unit tests of src/content/platform.c and facet.c: the table, Mastodon's
 * counting, positions of problems, facets. Expected values are counted by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "content/platform.h"

static void test_table(void **state)
{
	static const struct { const char *name; size_t limit; } want[] = {
		{ "x", 280 }, { "bluesky", 300 }, { "mastodon", 500 }, { "threads", 500 },
		{ "linkedin", 3000 }, { "instagram", 2200 }, { "facebook", 63206 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct platform *p = platform_find(want[i].name);
		assert_non_null(p);
		assert_int_equal(p->limit, want[i].limit);
	}
	assert_int_equal(platform_find("bluesky")->byte_limit, 3000);
	assert_int_equal(platform_find("instagram")->max_hashtags, 30);
	assert_false(platform_find("instagram")->links_clickable);
	assert_null(platform_find("myspace"));
}

static size_t masto(struct text_matcher *m, const char *s)
{
	return platform_mastodon_length(m, s, strlen(s));
}

static void test_mastodon_length(void **state)
{
	struct text_matcher *m = text_matcher_new();
	assert_int_equal(masto(m, "hallo"), 5);
	/* a URL with protocol is 23 whatever its length */
	assert_int_equal(masto(m, "https://example.org/a/very/long/path/indeed"), 23);
	/* without protocol Mastodon does not shorten it */
	assert_int_equal(masto(m, "example.org/abc"), 15);
	/* @anna@mastodon.social counts as @anna */
	assert_int_equal(masto(m, "hoi @anna@mastodon.social!"), 4 + 5 + 1);
	/* a local mention, an e-mail address and a one-letter "domain" stay as they are */
	assert_int_equal(masto(m, "@anna"), 5);
	assert_int_equal(masto(m, "mail anna@example.org"), 21);
	assert_int_equal(masto(m, "@anna@a"), 7);
	text_matcher_free(m);
}

static void test_positions_and_override(void **state)
{
	struct text_matcher *m = text_matcher_new();
	struct platform_report r;
	struct err e = { 0 };
	/* 5 characters on Threads with the limit overridden to 3: too long from the 4th */
	const char *s = "ab\ncd";
	assert_int_equal(platform_check(m, platform_find("threads"), 3, NULL, s, strlen(s), LANG_EN, &r, &e), 0);
	assert_false(r.valid);
	assert_int_equal(r.limit, 3);
	assert_int_equal(r.nproblems, 1);
	assert_string_equal(r.problems[0].code, "too_long");
	assert_int_equal(r.problems[0].offset, 3);
	assert_int_equal(r.problems[0].line, 2);
	assert_int_equal(r.problems[0].column, 1);
	platform_report_release(&r);
	/* Dutch messages */
	assert_int_equal(platform_check(m, platform_find("x"), 0, NULL, "", 0, LANG_NL, &r, &e), 0);
	assert_false(r.valid);
	assert_string_equal(r.problems[0].code, "empty");
	platform_report_release(&r);
	text_matcher_free(m);
}

static void test_facets(void **state)
{
	struct text_matcher *m = text_matcher_new();
	struct facets f = { 0 };
	struct err e = { 0 };
	/* "(@a.bsky.social)" is a mention; "x@b.bsky.social" is not (no space or
	 * "(" before it), nor "@nodomain"; "#tag" after an astral emoji */
	const char *s = "(@a.bsky.social) x@b.bsky.social @nodomain \xf0\x9f\x9a\xb2#tag";
	assert_int_equal(facets_detect(m, s, strlen(s), &f, &e), 0);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.v[0].kind, FACET_MENTION);
	assert_int_equal(f.v[0].byte_start, 1);
	assert_int_equal(f.v[0].byte_end, 15);
	assert_string_equal(f.v[0].value, "a.bsky.social");
	assert_int_equal(f.v[1].kind, FACET_TAG);
	assert_int_equal(f.v[1].byte_start, 47);
	assert_int_equal(f.v[1].byte_end, 51);
	assert_string_equal(f.v[1].value, "tag");
	facets_release(&f);
	text_matcher_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_mastodon_length),
		cmocka_unit_test(test_positions_and_override),
		cmocka_unit_test(test_facets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
