/*
 * Unit tests of src/content/text.c: grapheme clusters against every line of
 * Unicode's GraphemeBreakTest, the twitter-text configuration tables against
 * config/v2.json and v3.json, emoji sequences, NFC, offsets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/strbuf.h"
#include "content/text.h"

static const char *shared(void)
{
	const char *s = getenv("SHARED");
	return s && *s ? s : "../shared";
}

static void test_grapheme_break_test(void **state)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/data/unicode/GraphemeBreakTest-17.0.0.txt", shared());
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[4096];
	unsigned lineno = 0, cases = 0, failed = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		/* "÷ 0020 × 0308 ÷": code points in hex, ÷ a break, × none */
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		size_t want[64], nwant = 0;
		bool any = false;
		for (char *p = line; *p;) {
			if (!strncmp(p, "÷", strlen("÷"))) {
				if (any && sb.len)
					want[nwant++] = sb.len;
				p += strlen("÷");
			} else if (!strncmp(p, "×", strlen("×"))) {
				p += strlen("×");
			} else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
				char *end;
				long cp = strtol(p, &end, 16);
				utf8proc_uint8_t buf[4];
				utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, buf);
				strbuf_add(&sb, buf, (size_t)n);
				any = true;
				p = end;
			} else {
				p++;
			}
		}
		if (!any) {
			strbuf_release(&sb);
			continue;
		}
		cases++;
		size_t got[64], ngot = 0;
		for (size_t i = 0; i < sb.len && ngot < 64;)
			got[ngot++] = i = text_grapheme_end(sb.buf, sb.len, i);
		bool ok = ngot == nwant && !memcmp(got, want, nwant * sizeof(size_t)) &&
			  text_graphemes(sb.buf, sb.len) == nwant;
		if (!ok) {
			failed++;
			print_message("line %u: %zu clusters expected, %zu found\n", lineno, nwant, ngot);
		}
		strbuf_release(&sb);
	}
	fclose(f);
	assert_int_equal(cases, 766); /* data/unicode/SOURCES.md in $SHARED */
	assert_int_equal(failed, 0);
}

/* The C tables are twitter-text's config/v2.json and v3.json. */
static void test_config_tables_match_json(void **state)
{
	const struct text_tt_config *cfgs[] = { &text_tt_v2, &text_tt_v3 };
	for (int v = 0; v < 2; v++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/data/twitter-text/config/v%d.json", shared(), v + 2);
		json_error_t je;
		json_t *j = json_load_file(path, 0, &je);
		assert_non_null(j);
		const struct text_tt_config *c = cfgs[v];
		assert_int_equal(c->version, json_integer_value(json_object_get(j, "version")));
		assert_int_equal(c->max_weighted_length, json_integer_value(json_object_get(j, "maxWeightedTweetLength")));
		assert_int_equal(c->scale, json_integer_value(json_object_get(j, "scale")));
		assert_int_equal(c->default_weight, json_integer_value(json_object_get(j, "defaultWeight")));
		assert_int_equal(c->transformed_url_length, json_integer_value(json_object_get(j, "transformedURLLength")));
		assert_int_equal(c->emoji_parsing, json_is_true(json_object_get(j, "emojiParsingEnabled")));
		json_t *ranges = json_object_get(j, "ranges");
		assert_int_equal(c->nranges, json_array_size(ranges));
		for (size_t i = 0; i < c->nranges; i++) {
			json_t *r = json_array_get(ranges, i);
			assert_int_equal(c->ranges[i].start, json_integer_value(json_object_get(r, "start")));
			assert_int_equal(c->ranges[i].end, json_integer_value(json_object_get(r, "end")));
			assert_int_equal(c->ranges[i].weight, json_integer_value(json_object_get(r, "weight")));
		}
		json_decref(j);
	}
}

static long weighted(struct text_matcher *m, const struct text_tt_config *c, const char *s, struct text_tt_result *r)
{
	struct err e = { 0 };
	assert_int_equal(text_tt_parse(m, s, strlen(s), c, r, &e), 0);
	return r->weighted_length;
}

static void test_weighted_length_by_hand(void **state)
{
	struct text_matcher *m = text_matcher_new();
	struct text_tt_result r;
	/* "e" + combining acute is one code point after NFC: 2 characters of weight 1 */
	assert_int_equal(weighted(m, &text_tt_v3, "Ae\xcc\x81", &r), 2);
	/* the valid range is in the text as given (3 UTF-16 units), as parseTweet shifts it */
	assert_int_equal(r.valid_end, 2);
	assert_int_equal(r.display_end, 2);
	/* CJK weighs 2; a flag is 2 in v3 and 4 in v2; a keycap 2 in v3, 1 + 2 in v2 */
	assert_int_equal(weighted(m, &text_tt_v3, "\xe4\xb8\xad", &r), 2);
	assert_int_equal(weighted(m, &text_tt_v3, "\xf0\x9f\x87\xb3\xf0\x9f\x87\xb1", &r), 2);
	assert_int_equal(weighted(m, &text_tt_v2, "\xf0\x9f\x87\xb3\xf0\x9f\x87\xb1", &r), 4);
	assert_int_equal(weighted(m, &text_tt_v3, "1\xef\xb8\x8f\xe2\x83\xa3", &r), 2);
	assert_int_equal(weighted(m, &text_tt_v2, "1\xef\xb8\x8f\xe2\x83\xa3", &r), 5);
	/* (c) alone is a Latin-1 character (1); with FE0F it is an emoji (2) */
	assert_int_equal(weighted(m, &text_tt_v3, "\xc2\xa9", &r), 1);
	assert_int_equal(weighted(m, &text_tt_v3, "\xc2\xa9\xef\xb8\x8f", &r), 2);
	/* a URL of any length is 23 */
	assert_int_equal(weighted(m, &text_tt_v3, "zie https://example.nl/een/heel/lang/pad/dat/langer/is/dan/23", &r), 4 + 23);
	/* empty text is not valid; 280 fits, 281 does not and stops at 280 */
	weighted(m, &text_tt_v3, "", &r);
	assert_false(r.valid);
	char buf[300];
	memset(buf, 'a', 281);
	buf[280] = 0;
	assert_int_equal(weighted(m, &text_tt_v3, buf, &r), 280);
	assert_true(r.valid);
	assert_int_equal(r.overflow, 280);
	buf[280] = 'a';
	buf[281] = 0;
	weighted(m, &text_tt_v3, buf, &r);
	assert_false(r.valid);
	assert_int_equal(r.overflow, 280);
	assert_int_equal(r.valid_end, 279);
	text_matcher_free(m);
}

static void test_emoji_sequences(void **state)
{
	/* man + ZWJ + woman + ZWJ + girl: one sequence of 4+3+4+3+4 bytes */
	const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7x";
	assert_int_equal(text_emoji_at(family, strlen(family), 0), 18);
	/* waving hand + skin tone */
	const char *wave = "\xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd";
	assert_int_equal(text_emoji_at(wave, strlen(wave), 0), 8);
	/* not emoji: a letter, a digit without keycap, a lone regional indicator */
	assert_int_equal(text_emoji_at("a", 1, 0), 0);
	assert_int_equal(text_emoji_at("1", 1, 0), 0);
	assert_int_equal(text_emoji_at("\xf0\x9f\x87\xb3", 4, 0), 0);
}

static struct text_entities extract(struct text_matcher *m, const char *s, unsigned which)
{
	struct text_entities es = { 0 };
	struct err e = { 0 };
	assert_int_equal(text_extract(m, s, strlen(s), which, &es, &e), 0);
	return es;
}

static void test_offsets_and_domain_labels(void **state)
{
	struct text_matcher *m = text_matcher_new();
	/* after an astral emoji UTF-16 and byte offsets part ways */
	struct text_entities es = extract(m, "\xf0\x9f\x9a\xb2 #fiets", TEXT_ALL);
	assert_int_equal(es.n, 1);
	assert_int_equal(es.v[0].start16, 3);
	assert_int_equal(es.v[0].end16, 9);
	assert_int_equal(es.v[0].start, 5);
	assert_int_equal(es.v[0].end, 11);
	text_entities_release(&es);
	/* a label may have 63 characters after punycode: "bü" + 54 "a" is
	 * xn--baaa...a-pxf (63), with 55 "a" it is 64 (Python's punycode codec) */
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	strbuf_addstr(&sb, "http://b\xc3\xbc");
	for (int i = 0; i < 54; i++)
		strbuf_addch(&sb, 'a');
	strbuf_addstr(&sb, ".com");
	es = extract(m, sb.buf, TEXT_URLS);
	assert_int_equal(es.n, 1);
	text_entities_release(&es);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "http://b\xc3\xbc");
	for (int i = 0; i < 55; i++)
		strbuf_addch(&sb, 'a');
	strbuf_addstr(&sb, ".com");
	es = extract(m, sb.buf, TEXT_URLS);
	assert_int_equal(es.n, 0);
	text_entities_release(&es);
	strbuf_release(&sb);
	/* invalid UTF-8 is refused with its offset */
	struct text_entities none = { 0 };
	struct err e = { 0 };
	assert_int_equal(text_extract(m, "ab\xff", 3, TEXT_ALL, &none, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "byte 2"));
	assert_int_equal(text_utf8_check("ab\xff", 3), 2);
	text_matcher_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grapheme_break_test),
		cmocka_unit_test(test_config_tables_match_json),
		cmocka_unit_test(test_weighted_length_by_hand),
		cmocka_unit_test(test_emoji_sequences),
		cmocka_unit_test(test_offsets_and_domain_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
