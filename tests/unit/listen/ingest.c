/* Unit tests of src/listen/ingest.c and ingest-api.c: every format, located
 * errors with the good records kept, and the JSON-lines fast path against jansson. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "listen/ingest.h"

/* Read all records of `input` in format f: good ones as "id|author|text" lines, bad ones as "!line:record:reason". */
static char *read_all(enum ingest_format f, const char *input, const char *map)
{
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	assert_non_null(in);
	struct ingest_options o = { .csv_map = map, .lang = LANG_EN };
	struct ingest_reader *r;
	struct err e = { 0 };
	assert_int_equal(ingest_open(&r, f, in, "test", &o, &e), 0);
	struct strbuf out;
	strbuf_init(&out, STRBUF_NOCAP);
	struct mention m;
	struct ingest_problem p;
	int k;
	while ((k = ingest_next(r, &m, &p, &e)) != INGEST_END) {
		if (k < 0) {
			strbuf_addf(&out, "ERROR %s\n", e.msg);
			break;
		}
		if (k == INGEST_BAD)
			strbuf_addf(&out, "!%lu:%lu:%s\n", p.line, p.record, ingest_reason_name(p.reason));
		else
			strbuf_addf(&out, "%s|%s|%s|%s|%lld|%lld|%lld|%lld|%s|%s|%s\n", m.platform, m.id, m.author ? m.author : "-",
				    m.text, (long long)m.created_at, (long long)m.followers, (long long)m.likes,
				    (long long)m.reposts, m.lang ? m.lang : "-", m.url ? m.url : "-",
				    m.reply_to ? m.reply_to : "-");
	}
	ingest_free(r);
	fclose(in);
	return strbuf_detach(&out, NULL);
}

static void test_jsonl_records_and_located_errors(void **state)
{
	const char *in =
		"{\"id\":\"m1\",\"platform\":\"x\",\"author\":\"@a\",\"author_followers\":12,\"created_at\":\"2026-03-01T00:00:10Z\","
		"\"lang\":\"nl\",\"text\":\"caf\\u00e9 \\ud83d\\ude00\",\"url\":null,\"reply_to\":null,\"likes\":3,\"reposts\":1}\n"
		"\n"
		"{\"id\":\"m2\",\"platform\":\"x\",\"created_at\":\"2026-03-01\",\"text\":\"no time\"}\n"
		"not json\n"
		"{\"id\":7,\"platform\":\"web\",\"created_at\":\"2026-03-01T01:00:00+01:00\",\"text\":\"numeric id\",\"reply_to\":5,\"extra\":{\"a\":[1]}}\n"
		"{\"id\":\"m4\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\"}\n"
		"{\"id\":\"m5\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"t\",\"likes\":-1}\n"
		"{\"id\":\"m6\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"dup\",\"text\":\"dup\"}\n"
		"{\"id\":\"m7\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"last\"}";
	char *got = read_all(INGEST_JSONL, in, NULL);
	/* 2026-03-01T00:00:10Z is 1772323210; 01:00+01:00 is midnight UTC, 1772323200. */
	assert_string_equal(got, "x|m1|@a|café 😀|1772323210|12|3|1|nl|-|-\n"
				 "!3:2:bad-time\n"
				 "!4:3:syntax\n"
				 "web|7|-|numeric id|1772323200|0|0|0|-|-|5\n"
				 "!6:5:missing-field\n"
				 "!7:6:wrong-type\n"
				 "!8:7:syntax\n"
				 "x|m7|-|last|1772323200|0|0|0|-|-|-\n");
	free(got);
}

/* The fast scanner and jansson must read every line alike: same verdict, same fields. */
static void test_fast_path_agrees_with_jansson(void **state)
{
	static const char *const lines[] = {
		"{\"id\":\"a\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"plain\"}",
		" { \"text\" : \"tab\\there \\\"q\\\" \\\\ \\/\" , \"id\" : \"b\" , \"platform\":\"x\", \"created_at\":\"2026-03-01T00:00:00Z\" } ",
		"{\"id\":\"c\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"\\u00e9\\u20ac\\ud83d\\ude00\"}",
		"{\"id\":\"d\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"lone \\ud83d\"}",
		"{\"id\":\"e\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"nul \\u0000\"}",
		"{\"id\":\"f\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"bad \xff utf8\"}",
		"{\"id\":\"g\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"overlong \xc0\xaf\"}",
		"{\"id\":\"h\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",\"likes\":01}",
		"{\"id\":\"i\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",\"likes\":2.5}",
		"{\"id\":\"j\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",\"likes\":1e3}",
		"{\"id\":\"k\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",\"u\":1,\"u\":2}",
		"{\"id\":\"l\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",\"lang\":true}",
		"{\"id\":\"m\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\"} trailing",
		"{\"id\":\"n\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",}",
		"{\"id\":-0,\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"neg zero id\"}",
		"{\"id\":123456789012345678901,\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"big\"}",
		"{\"id\":\"o\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"ctl \x01\"}",
		"{\"id\":\"p\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"\"}",
		"{\"id\":\"q\",\"platform\":\"\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"no platform\"}",
		"{\"id\":\"r\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",\"lang\":\"\"}",
		"{}",
		"[]",
		"{\"id\":\"s\",\"platform\":\"x\",\"created_at\":\"2026-03-01T00:00:00Z\",\"text\":\"x\",\"n\":null,\"b\":false,\"t\":true}",
	};
	struct ingest_options o = { .lang = LANG_EN };
	struct ingest_hold *fast = ingest_hold_new(), *slow = ingest_hold_new();
	ingest_hold_force(slow, -1);
	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++) {
		struct mention a, b;
		struct ingest_problem pa, pb;
		size_t n = strlen(lines[i]);
		int ra = ingest_parse_jsonl(lines[i], n, 1, 1, &o, fast, &a, &pa);
		int rb = ingest_parse_jsonl(lines[i], n, 1, 1, &o, slow, &b, &pb);
		if (ra != rb)
			fail_msg("line %zu: fast+fallback %d, jansson %d", i, ra, rb);
		if (ra == INGEST_BAD) {
			assert_int_equal(pa.reason, pb.reason);
			assert_string_equal(pa.msg, pb.msg);
			continue;
		}
		assert_string_equal(a.id, b.id);
		assert_string_equal(a.platform, b.platform);
		assert_int_equal(a.text_len, b.text_len);
		assert_memory_equal(a.text, b.text, a.text_len);
		assert_int_equal(a.created_at, b.created_at);
		assert_int_equal(a.likes, b.likes);
		assert_true((a.lang == NULL) == (b.lang == NULL));
	}
	ingest_hold_free(fast);
	ingest_hold_free(slow);
}

static void test_html_to_text(void **state)
{
	static const struct {
		const char *html, *text;
	} cases[] = {
		{ "<p>Hello &amp; welcome</p>", "Hello & welcome" },
		{ "<p>one</p><p>two<br>three<br/>four</p>", "one\n\ntwo\nthree\nfour" },
		{ "<p><span class=\"h-card\"><a href=\"https://x.social/@koers\" class=\"u-url mention\">@<span>koers</span></a></span> hi</p>",
		  "@koers hi" },
		{ "&lt;b&gt; &quot;q&quot; &#39;s &#x1F600; &eacute; &#0; &#99999999;", "<b> \"q\" 's 😀 &eacute; \xef\xbf\xbd \xef\xbf\xbd" },
		{ "a < b and c > d", "a < b and c > d" },
		{ "unclosed <a href=", "unclosed <a href=" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		ingest_html_to_text(cases[i].html, strlen(cases[i].html), &sb);
		assert_string_equal(sb.buf, cases[i].text);
		strbuf_release(&sb);
	}
}

static void test_mastodon_statuses(void **state)
{
	/* A page as GET /api/v1/timelines/tag/:hashtag returns it (fields from the Status entity), then a boost. */
	const char *in =
		"[\n"
		" {\"id\":\"103270115826048975\",\"uri\":\"https://mastodon.social/users/Gargron/statuses/103270115826048975\",\n"
		"  \"created_at\":\"2019-12-08T03:48:33.901Z\",\"account\":{\"id\":\"1\",\"username\":\"Gargron\",\"acct\":\"Gargron\",\"followers_count\":322930},\n"
		"  \"content\":\"<p>&quot;I lost my inheritance with one wrong digit on my sort code&quot;</p><p><a href=\\\"https://www.theguardian.com\\\">theguardian.com</a></p>\",\n"
		"  \"visibility\":\"public\",\"sensitive\":false,\"spoiler_text\":\"\",\"language\":\"en\",\"url\":\"https://mastodon.social/@Gargron/103270115826048975\",\n"
		"  \"in_reply_to_id\":null,\"reblog\":null,\"replies_count\":5,\"reblogs_count\":6,\"favourites_count\":11},\n"
		" {\"id\":\"2\",\"created_at\":\"not a time\",\"content\":\"<p>x</p>\",\"account\":{\"acct\":\"a@b.c\"}},\n"
		" {\"id\":\"3\",\"uri\":\"https://b.social/s/3\",\"created_at\":\"2019-12-08T04:00:00Z\",\"content\":\"\",\"account\":{\"acct\":\"booster\"},\n"
		"  \"reblog\":{\"id\":\"9\",\"uri\":\"https://c.social/s/9\",\"created_at\":\"2019-12-08T03:00:00Z\",\"content\":\"<p>boosted</p>\",\n"
		"  \"account\":{\"acct\":\"orig@c.social\",\"followers_count\":4},\"language\":null,\"in_reply_to_id\":\"8\"}}\n"
		"]\n"
		"{\"id\":\"4\",\"uri\":\"u4\",\"created_at\":\"2019-12-08T05:00:00Z\",\"content\":\"<p>single</p>\",\"account\":{\"acct\":\"s\"}}\n";
	char *got = read_all(INGEST_MASTODON, in, NULL);
	assert_string_equal(got,
			    "mastodon|https://mastodon.social/users/Gargron/statuses/103270115826048975|@Gargron|"
			    "\"I lost my inheritance with one wrong digit on my sort code\"\n\ntheguardian.com|1575776913|322930|11|6|en|"
			    "https://mastodon.social/@Gargron/103270115826048975|-\n"
			    "!1:2:bad-time\n"
			    "mastodon|https://c.social/s/9|@orig@c.social|boosted|1575774000|4|0|0|-|https://c.social/s/9|8\n"
			    "mastodon|u4|@s|single|1575781200|0|0|0|-|u4|-\n");
	free(got);
}

static void test_bluesky_search_posts(void **state)
{
	const char *in =
		"{\"posts\":[{\"uri\":\"at://did:plc:abc/app.bsky.feed.post/3kxyz\",\"cid\":\"bafy\",\n"
		"  \"author\":{\"did\":\"did:plc:abc\",\"handle\":\"koers.bsky.social\",\"displayName\":\"K\"},\n"
		"  \"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"Fietsen!\",\"createdAt\":\"2026-03-01T12:00:00.000Z\",\"langs\":[\"nl\"],\n"
		"   \"reply\":{\"root\":{\"uri\":\"at://r\",\"cid\":\"c\"},\"parent\":{\"uri\":\"at://p\",\"cid\":\"c\"}}},\n"
		"  \"replyCount\":1,\"repostCount\":2,\"quoteCount\":1,\"likeCount\":7,\"indexedAt\":\"2026-03-01T12:00:01.000Z\"},\n"
		" {\"uri\":\"at://did:plc:abc/app.bsky.feed.post/3kxy2\",\"author\":{\"handle\":\"a.b\"},\"record\":{\"createdAt\":\"2026-03-01T12:00:00Z\"}}],\n"
		" \"cursor\":\"1\"}\n";
	char *got = read_all(INGEST_BLUESKY, in, NULL);
	assert_string_equal(got, "bluesky|at://did:plc:abc/app.bsky.feed.post/3kxyz|@koers.bsky.social|Fietsen!|1772366400|0|7|3|nl|"
				 "https://bsky.app/profile/koers.bsky.social/post/3kxyz|at://p\n"
				 "!1:2:missing-field\n");
	free(got);
}

static void test_x_response(void **state)
{
	const char *in =
		"{\"data\":[{\"id\":\"1460323737035677698\",\"text\":\"short\",\"author_id\":\"2244994945\",\"created_at\":\"2021-11-15T19:08:05.000Z\",\n"
		"  \"lang\":\"und\",\"note_tweet\":{\"text\":\"the long version\"},\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"146\"}],\n"
		"  \"public_metrics\":{\"retweet_count\":2,\"reply_count\":3,\"like_count\":4,\"quote_count\":1}},\n"
		" {\"id\":\"2\",\"text\":\"unknown author\",\"author_id\":\"9\",\"created_at\":\"2021-11-15T19:08:05Z\",\"lang\":\"en\"},\n"
		" {\"id\":\"3\",\"author_id\":\"9\",\"created_at\":\"2021-11-15T19:08:05Z\"}],\n"
		" \"includes\":{\"users\":[{\"id\":\"2244994945\",\"username\":\"XDevelopers\",\"public_metrics\":{\"followers_count\":500}}]},\n"
		" \"meta\":{\"result_count\":3}}\n"
		"{\"data\":{\"id\":\"4\",\"text\":\"one tweet\",\"created_at\":\"2021-11-15T19:08:05Z\"}}\n"
		"{\"errors\":[{\"title\":\"Not Found Error\"}]}\n";
	char *got = read_all(INGEST_X, in, NULL);
	assert_string_equal(got, "x|1460323737035677698|@XDevelopers|the long version|1637003285|500|4|3|-|"
				 "https://x.com/XDevelopers/status/1460323737035677698|146\n"
				 "x|2|-|unknown author|1637003285|0|0|0|en|https://x.com/i/web/status/2|-\n"
				 "!1:3:missing-field\n"
				 "x|4|-|one tweet|1637003285|0|0|0|-|https://x.com/i/web/status/4|-\n"
				 "!9:5:wrong-type\n");
	free(got);
}

static void test_x_repost_and_escapes(void **state)
{
	/* X cuts a repost's text and escapes & < >; the original in includes.tweets is whole */
	const char *in =
		"{\"data\":[{\"id\":\"5\",\"text\":\"RT @koers: Fietsen &amp; e-bikes: de nieuwe lijn is er, met\\u2026\",\"created_at\":\"2021-11-15T19:08:05Z\",\n"
		"  \"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"4\"}]},\n"
		" {\"id\":\"6\",\"text\":\"RT @gone: not in the expansions\\u2026\",\"created_at\":\"2021-11-15T19:08:05Z\",\n"
		"  \"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"3\"}]},\n"
		" {\"id\":\"7\",\"text\":\"&lt;3 AT&amp;amp;T &gt; &eacute;\",\"created_at\":\"2021-11-15T19:08:05Z\",\n"
		"  \"referenced_tweets\":[{\"type\":\"quoted\",\"id\":\"4\"}]}],\n"
		" \"includes\":{\"tweets\":[{\"id\":\"4\",\"text\":\"Fietsen &amp; e-bikes: de nieuwe lijn is er, met zadels &lt;3\"}]}}\n";
	char *got = read_all(INGEST_X, in, NULL);
	assert_string_equal(got, "x|5|-|RT @koers: Fietsen & e-bikes: de nieuwe lijn is er, met zadels <3|1637003285|0|0|0|-|"
				 "https://x.com/i/web/status/5|-\n"
				 "x|6|-|RT @gone: not in the expansions\xE2\x80\xA6|1637003285|0|0|0|-|https://x.com/i/web/status/6|-\n"
				 "x|7|-|<3 AT&amp;T > &eacute;|1637003285|0|0|0|-|https://x.com/i/web/status/7|-\n");
	free(got);
}

static void test_csv_with_mapping(void **state)
{
	const char *in = "post_id,body,when,network,who,fans\r\n"
			 "1,\"Hello, \"\"world\"\"\nsecond line\",2026-03-01T00:00:00Z,x,@a,10\r\n"
			 "2,no time,,x,@b,1\n"
			 "3,bad fans,2026-03-01T00:00:00Z,x,@c,many\n"
			 "4,plain,2026-03-01T00:00:00Z,,@d,\n";
	char *got = read_all(INGEST_CSV, in, "id=post_id,text=body,created_at=when,platform=network,author=who,author_followers=fans");
	assert_string_equal(got, "x|1|@a|Hello, \"world\"\nsecond line|1772323200|10|0|0|-|-|-\n"
				 "!4:2:missing-field\n"
				 "!5:3:wrong-type\n"
				 "!6:4:missing-field\n");
	free(got);
	got = read_all(INGEST_CSV, "id,text\n1,x\n", NULL);
	assert_non_null(strstr(got, "ERROR"));
	assert_non_null(strstr(got, "created_at"));
	free(got);
	/* A bad mapping is a usage error at open. */
	struct ingest_reader *r;
	struct ingest_options o = { .csv_map = "nosuch=col", .lang = LANG_EN };
	struct err e = { 0 };
	assert_int_equal(ingest_open(&r, INGEST_CSV, stdin, "x", &o, &e), ERR_USAGE);
}

static void test_formats_by_name(void **state)
{
	enum ingest_format f;
	for (int i = 0; i < INGEST__COUNT; i++) {
		assert_int_equal(ingest_format_parse(ingest_format_name((enum ingest_format)i), &f), 0);
		assert_int_equal(f, i);
	}
	assert_int_equal(ingest_format_parse("json", &f), ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonl_records_and_located_errors),
		cmocka_unit_test(test_fast_path_agrees_with_jansson),
		cmocka_unit_test(test_html_to_text),
		cmocka_unit_test(test_mastodon_statuses),
		cmocka_unit_test(test_bluesky_search_posts),
		cmocka_unit_test(test_x_response),
		cmocka_unit_test(test_x_repost_and_escapes),
		cmocka_unit_test(test_csv_with_mapping),
		cmocka_unit_test(test_formats_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
