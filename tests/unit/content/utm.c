/*
 * Unit tests of src/content/utm.c: which links are the organisation's own,
 * and how tags are added. Every expected link is written out by hand from the
 * rules in utm.h and the WHATWG serialisation of the input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "content/utm.h"

static struct utm_domains own_domains(void)
{
	struct utm_domains d = { 0 };
	struct err e = { 0 };
	assert_int_equal(utm_domains_add(&d, "Example.NL", &e), 0);
	assert_int_equal(utm_domains_add(&d, "koers.org.", &e), 0);
	assert_int_equal(utm_domains_add(&d, "[2001:db8:0::1]", &e), 0);
	assert_int_equal(utm_domains_add(&d, "192.0.2.7", &e), 0);
	return d;
}

static const struct utm_tags tags = { .source = "linkedin", .campaign = "spring", .content = "42" };
#define ALL "utm_source=linkedin&utm_medium=social&utm_campaign=spring&utm_content=42"

static void check(const struct utm_domains *d, const struct utm_tags *t, const char *in, const char *want,
		  enum utm_result want_res)
{
	char *out = NULL;
	enum utm_result res;
	struct err e = { 0 };
	int r = utm_tag_link(in, strlen(in), d, t, &out, &res, &e);
	if (r < 0)
		fail_msg("%s: %s", in, e.msg);
	if (strcmp(out, want) || res != want_res)
		fail_msg("%s\n  got  %s (%d)\n  want %s (%d)", in, out, res, want, want_res);
	free(out);
}

static void test_fragment_and_query_kept(void **state)
{
	struct utm_domains d = own_domains();
	check(&d, &tags, "https://example.nl/winkel?x=1#top", "https://example.nl/winkel?x=1&" ALL "#top", UTM_TAGGED);
	check(&d, &tags, "https://example.nl/winkel#top", "https://example.nl/winkel?" ALL "#top", UTM_TAGGED);
	check(&d, &tags, "https://example.nl/#", "https://example.nl/?" ALL "#", UTM_TAGGED);
	check(&d, &tags, "https://example.nl/?", "https://example.nl/?" ALL, UTM_TAGGED);
	check(&d, &tags, "https://example.nl/?a=1&", "https://example.nl/?a=1&" ALL, UTM_TAGGED);
	check(&d, &tags, "https://example.nl/?a=1&b=%20c&a=2", "https://example.nl/?a=1&b=%20c&a=2&" ALL, UTM_TAGGED);
	/* Normalised as the standard says: scheme and host lowercased, dot segments gone. */
	check(&d, &tags, "HTTPS://EXAMPLE.NL/a/./b/../c", "https://example.nl/a/c?" ALL, UTM_TAGGED);
	utm_domains_release(&d);
}

static void test_existing_utm_never_overwritten(void **state)
{
	struct utm_domains d = own_domains();
	check(&d, &tags, "https://example.nl/?utm_source=newsletter&a=b",
	      "https://example.nl/?utm_source=newsletter&a=b&utm_medium=social&utm_campaign=spring&utm_content=42",
	      UTM_TAGGED);
	check(&d, &tags, "http://example.nl/?utm_campaign=",
	      "http://example.nl/?utm_campaign=&utm_source=linkedin&utm_medium=social&utm_content=42", UTM_TAGGED);
	/* Names are compared after form-urlencoded decoding. */
	check(&d, &tags, "https://example.nl/?utm%5Fmedium=email",
	      "https://example.nl/?utm%5Fmedium=email&utm_source=linkedin&utm_campaign=spring&utm_content=42",
	      UTM_TAGGED);
	const char *full = "https://example.nl/?utm_content=1&utm_campaign=c&utm_medium=m&utm_source=s#x";
	check(&d, &tags, full, full, UTM_PRESENT);
	utm_domains_release(&d);
}

static void test_subdomains_and_foreign_domains(void **state)
{
	struct utm_domains d = own_domains();
	check(&d, &tags, "https://shop.Example.nl/p", "https://shop.example.nl/p?" ALL, UTM_TAGGED);
	check(&d, &tags, "https://a.b.koers.org", "https://a.b.koers.org/?" ALL, UTM_TAGGED);
	check(&d, &tags, "https://example.nl./p", "https://example.nl./p?" ALL, UTM_TAGGED);
	check(&d, &tags, "https://user:pw@example.nl/", "https://user:pw@example.nl/?" ALL, UTM_TAGGED);
	/* Foreign links come back byte for byte, not re-serialised. */
	const char *foreign[] = {
		"https://notexample.nl/p",
		"https://example.nl.evil.com/",
		"HTTPS://Other.com/a/../b?q#f",
		"ftp://example.nl/file",
		"mailto:info@example.nl",
		"https://192.0.2.70/",
		"https://192.0.2.7.example/",
		"https://xexample.nl",
	};
	for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++)
		check(&d, &tags, foreign[i], foreign[i], UTM_FOREIGN);
	utm_domains_release(&d);
}

static void test_ports_and_addresses(void **state)
{
	struct utm_domains d = own_domains();
	check(&d, &tags, "https://example.nl:8443/x", "https://example.nl:8443/x?" ALL, UTM_TAGGED);
	check(&d, &tags, "https://example.nl:443/x", "https://example.nl/x?" ALL, UTM_TAGGED);
	check(&d, &tags, "http://example.nl:80", "http://example.nl/?" ALL, UTM_TAGGED);
	check(&d, &tags, "http://[2001:0db8:0:0::1]:8080/p?q=1", "http://[2001:db8::1]:8080/p?q=1&" ALL, UTM_TAGGED);
	check(&d, &tags, "http://[2001:db8::2]/p", "http://[2001:db8::2]/p", UTM_FOREIGN);
	/* 0xc0.0.513.7 is 192.0.2.7 in the standard's IPv4 number forms. */
	check(&d, &tags, "http://0xc0.0.0x207/", "http://192.0.2.7/?" ALL, UTM_TAGGED);
	utm_domains_release(&d);
}

static void test_values_are_encoded_and_optional(void **state)
{
	struct utm_domains d = own_domains();
	const struct utm_tags t = { .source = "x", .campaign = "lente actie & zo#1", .content = "" };
	check(&d, &t, "https://example.nl/",
	      "https://example.nl/?utm_source=x&utm_medium=social&utm_campaign=lente%20actie%20%26%20zo%231", UTM_TAGGED);
	const struct utm_tags t2 = { .source = "mastodon", .medium = "social-paid" };
	check(&d, &t2, "https://example.nl/", "https://example.nl/?utm_source=mastodon&utm_medium=social-paid", UTM_TAGGED);
	utm_domains_release(&d);
}

static void test_bad_domains_and_links(void **state)
{
	struct utm_domains d = { 0 };
	struct err e = { 0 };
	const char *bad[] = { "", "https://example.nl", "example.nl/x", "example.nl:80", "a b.nl", "[::1]:80", "u@x.nl" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (utm_domains_add(&d, bad[i], &e) != ERR_USAGE)
			fail_msg("accepted own domain '%s'", bad[i]);
	assert_int_equal(d.n, 0);
	char *out = NULL;
	enum utm_result res;
	assert_int_equal(utm_tag_link("https://example.nl:99999/", 25, &d, &tags, &out, &res, &e), ERR_DATA);
	assert_null(out);
	utm_domains_release(&d);
}

static void test_text_links(void **state)
{
	struct utm_domains d = own_domains();
	const struct utm_tags t = { .source = "x" };
	const char *in = "Lees https://example.nl/blog, of (zie https://other.com/x). Ook https://shop.example.nl/a_(b)! "
			 "xhttps://example.nl niet; HTTPS://EXAMPLE.NL wel; kapot: https://example.nl:99999/x en "
			 "https:// leeg. Eind https://koers.org/?a=1#f";
	const char *want = "Lees https://example.nl/blog?utm_source=x&utm_medium=social, of (zie https://other.com/x). "
			   "Ook https://shop.example.nl/a_(b)?utm_source=x&utm_medium=social! "
			   "xhttps://example.nl niet; https://example.nl/?utm_source=x&utm_medium=social wel; kapot: "
			   "https://example.nl:99999/x en https:// leeg. Eind "
			   "https://koers.org/?a=1&utm_source=x&utm_medium=social#f";
	size_t n = 0;
	char *out = utm_tag_text(in, strlen(in), &d, &t, &n);
	assert_string_equal(out, want);
	assert_int_equal(n, 4);
	free(out);

	struct utm_span *spans;
	const char *s = "<a href=\"https://a.nl/x\">[https://b.nl/y]</a> 'https://c.nl'";
	size_t k = utm_find_links(s, strlen(s), &spans);
	assert_int_equal(k, 3);
	assert_int_equal(spans[0].start, 9);
	assert_int_equal(spans[0].end, 23);
	assert_int_equal(spans[1].start, 26);
	assert_int_equal(spans[1].end, 40);
	assert_int_equal(spans[2].start, 47);
	assert_int_equal(spans[2].end, 59);
	free(spans);

	/* Spans from another scanner: a link without a scheme stays as it is; bad spans are left out. */
	const char *post = "Kijk op example.nl/actie en https://example.nl";
	const struct utm_span given[] = { { 8, 24 }, { 10, 12 }, { 28, 46 }, { 40, 60 } };
	out = utm_tag_spans(post, strlen(post), given, 4, &d, &t, &n);
	assert_string_equal(out, "Kijk op example.nl/actie en https://example.nl/?utm_source=x&utm_medium=social");
	assert_int_equal(n, 1);
	free(out);
	utm_domains_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fragment_and_query_kept),
		cmocka_unit_test(test_existing_utm_never_overwritten),
		cmocka_unit_test(test_subdomains_and_foreign_domains),
		cmocka_unit_test(test_ports_and_addresses),
		cmocka_unit_test(test_values_are_encoded_and_optional),
		cmocka_unit_test(test_bad_domains_and_links),
		cmocka_unit_test(test_text_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
