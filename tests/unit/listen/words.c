/* Unit tests of src/listen/words.c: kinds, folding, flags. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "listen/words.h"

static struct words ws;

static void split(const char *s) { words_split(&ws, s, strlen(s)); }

static void test_kinds_and_folding(void **state)
{
	split("Goooood!!! :) #Win @KLM https://x.nl/a?b Niet-slecht");
	const struct { const char *text; int kind; int flags; } want[] = {
		{ "good", WORD_WORD, WORD_ELONG | WORD_CAPS * 0 },
		{ "!!", WORD_PUNCT, WORD_BREAK }, /* elongated "!!!" is cut to two as well */
		{ ":)", WORD_PUNCT, 0 },
		{ "win", WORD_WORD, WORD_HASHTAG },
		{ "klm", WORD_MENTION, WORD_CAPS },
		{ "", WORD_URL, 0 },
		{ "niet-slecht", WORD_WORD, 0 },
	};
	assert_int_equal(ws.n, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < ws.n; i++) {
		assert_string_equal(words_text(&ws, i), want[i].text);
		assert_int_equal(ws.w[i].kind, want[i].kind);
		assert_int_equal(ws.w[i].flags, want[i].flags);
	}
	assert_int_equal(ws.exclaims, 3);
}

static void test_accents_caps_apostrophes(void **state)
{
	split("HÉÉL Één café don’t GREAT z'n");
	assert_int_equal(ws.n, 6);
	assert_string_equal(words_text(&ws, 0), "heel");
	assert_true(ws.w[0].flags & WORD_CAPS);
	assert_string_equal(words_text(&ws, 1), "een");
	assert_false(ws.w[1].flags & WORD_CAPS);
	assert_string_equal(words_text(&ws, 2), "cafe");
	assert_string_equal(words_text(&ws, 3), "don't");
	assert_true(ws.w[4].flags & WORD_CAPS);
	assert_string_equal(words_text(&ws, 5), "z'n");
	assert_int_equal(ws.caps_words, 2);
	assert_int_equal(ws.letters_words, 6);
}

static void test_emoji_and_emoticons(void **state)
{
	/* a heart with variation selector, a thumb with skin tone, a family joined by ZWJ */
	split("top\xE2\x9D\xA4\xEF\xB8\x8F \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD :-( <3 :D");
	const char *want[] = { "top", "\xE2\x9D\xA4", "\xF0\x9F\x91\x8D", ":-(", "<3", ":d" };
	assert_int_equal(ws.n, 6);
	for (size_t i = 0; i < ws.n; i++)
		assert_string_equal(words_text(&ws, i), want[i]);
	assert_int_equal(ws.w[1].kind, WORD_EMOJI);
	assert_int_equal(ws.w[2].kind, WORD_EMOJI);
}

static void test_html_escapes(void **state)
{
	/* as X escapes a post's text: the heart and the ampersand, not words "lt" and "amp" */
	split("I &lt;3 AT&amp;T &gt;:( &quot;ja&quot; &eacute; &");
	const char *want[] = { "i", "<3", "at", "&", "t", ">:(", "\"", "ja", "\"", "&", "eacute", ";", "&" };
	assert_int_equal(ws.n, sizeof(want) / sizeof(*want));
	for (size_t i = 0; i < ws.n; i++)
		assert_string_equal(words_text(&ws, i), want[i]);
	assert_int_equal(ws.w[1].kind, WORD_PUNCT);
}

static void test_hash_is_fnv1a(void **state)
{
	/* FNV-1a 64 reference values */
	assert_true(words_hash("", 0) == 0xcbf29ce484222325ULL);
	assert_true(words_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
	split("Koers");
	assert_true(ws.w[0].hash == words_hash("koers", 5));
}

static void test_bounded_and_invalid_utf8(void **state)
{
	static char big[100000];
	for (size_t i = 0; i + 2 < sizeof(big); i += 2)
		big[i] = 'a', big[i + 1] = ' ';
	words_split(&ws, big, sizeof(big) - 1);
	assert_int_equal(ws.n, WORDS_MAX);
	split("ab\xff\xfe" "cd \xc3");
	assert_true(ws.n >= 1);
	assert_string_equal(words_text(&ws, 0), "ab");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_and_folding),
		cmocka_unit_test(test_accents_caps_apostrophes),
		cmocka_unit_test(test_emoji_and_emoticons),
		cmocka_unit_test(test_html_escapes),
		cmocka_unit_test(test_hash_is_fnv1a),
		cmocka_unit_test(test_bounded_and_invalid_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
