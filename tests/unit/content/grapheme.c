/*
 * Unit tests of src/content/grapheme.c beside the full GraphemeBreakTest run
 * in tests/unit/content/text.c: hand-made cases of the rules (flags, emoji
 * ZWJ sequences, Devanagari conjuncts, Hangul, CRLF, bad UTF-8), properties
 * of single code points as the UCD gives them, and the shape of the table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "content/grapheme.h"

/* A text given as its clusters, in order; NULL ends the list. */
struct split {
	const char *what;
	const char *clusters[10];
};

static const struct split splits[] = {
	{ "two flags", { "\U0001F1F3\U0001F1F1", "\U0001F1E7\U0001F1EA", NULL } },
	{ "three regional indicators: a flag and a lone one", { "\U0001F1F3\U0001F1F1", "\U0001F1E7", NULL } },
	{ "a flag after a letter", { "a", "\U0001F1F3\U0001F1F1", NULL } },
	{ "family: man ZWJ woman ZWJ girl ZWJ boy", { "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", "!", NULL } },
	{ "thumbs up, skin tone", { "\U0001F44D\U0001F3FD", "\U0001F44D", NULL } },
	{ "rainbow flag: white flag FE0F ZWJ rainbow", { "\U0001F3F3\uFE0F\u200D\U0001F308", NULL } },
	{ "keycap one", { "1\uFE0F\u20E3", NULL } },
	{ "ZWJ after a letter does not join the emoji after it", { "a\u200D", "\U0001F308", NULL } },
	{ "Devanagari ksha: KA VIRAMA SSA is one conjunct (GB9c)", { "\u0915\u094D\u0937", NULL } },
	{ "kshatriya", { "\u0915\u094D\u0937", "\u0924\u094D\u0930\u093F", "\u092F", NULL } },
	{ "namaste", { "\u0928", "\u092E", "\u0938\u094D\u0924\u0947", NULL } },
	{ "virama then ZWJ still links (InCB Extend)", { "\u0915\u094D\u200D\u0937", NULL } },
	{ "a nukta between consonant and virama", { "\u0915\u093C\u094D\u0937", NULL } },
	{ "no virama: two clusters", { "\u0915", "\u0937", NULL } },
	{ "virama after a non-consonant does not link", { "a\u094D", "\u0937", NULL } },
	{ "Hangul syllables", { "\uD55C", "\uAD6D", "\uC5B4", NULL } },
	{ "Hangul jamo L V T, L L V, LV V, LVT T", { "\u1100\u1161\u11A8", "\u1100\u1100\u1161", "\uAC00\u1161", "\uAC01\u11A8", NULL } },
	{ "Hangul: T then L breaks", { "\u11A8", "\u1100", NULL } },
	{ "CRLF is one cluster", { "a", "\r\n", "b", NULL } },
	{ "LF CR is two", { "\n", "\r", NULL } },
	{ "nothing joins a control: CR LF then a combining mark", { "\r\n", "\u0308", NULL } },
	{ "combining diaeresis", { "e\u0308", "\u00EB", NULL } },
	{ "prepend: ARABIC NUMBER SIGN then a digit (GB9b)", { "\u06001", NULL } },
	{ "spacing mark: DEVANAGARI SIGN VISARGA (GB9a)", { "\u0915\u0903", NULL } },
	{ "ASCII", { "k", "o", "e", "r", "s", " ", "#", NULL } },
	{ "bad UTF-8: a stray continuation byte is a U+FFFD, marks join it", { "a", "\x80\u0308", "b", NULL } },
	{ "bad UTF-8: a sequence cut short is one U+FFFD per byte", { "\xE2", "\x82", NULL } },
	{ "bad UTF-8: overlong and surrogate bytes", { "\xC0", "\xAF", "\xED", "\xA0", "\x80", NULL } },
};

static void test_hand_made_splits(void **state)
{
	for (size_t t = 0; t < sizeof(splits) / sizeof(splits[0]); t++) {
		const struct split *sp = &splits[t];
		char text[256];
		size_t ends[10], n = 0, k = 0;
		for (; sp->clusters[k]; k++) {
			size_t l = strlen(sp->clusters[k]);
			memcpy(text + n, sp->clusters[k], l);
			ends[k] = n += l;
		}
		print_message("%s\n", sp->what);
		size_t pos = 0, got = 0;
		while (pos < n) {
			size_t end = grapheme_next(text, n, pos);
			assert_true(got < k);
			assert_int_equal(end, ends[got]);
			got++, pos = end;
		}
		assert_int_equal(got, k);
		assert_int_equal(grapheme_count(text, n), k);
	}
	assert_int_equal(grapheme_count("", 0), 0);
	assert_int_equal(grapheme_next("ab", 2, 2), 2);
}

/* Values from the UCD 17.0 files named in data/unicode/SOURCES.md. */
static void test_single_code_points(void **state)
{
	static const struct {
		int32_t cp;
		enum grapheme_gcb gcb;
		enum grapheme_incb incb;
		bool extpict;
	} cps[] = {
		{ 'a', GRAPHEME_OTHER, GRAPHEME_INCB_NONE, false },
		{ 0x0D, GRAPHEME_CR, GRAPHEME_INCB_NONE, false },
		{ 0x0A, GRAPHEME_LF, GRAPHEME_INCB_NONE, false },
		{ 0x7F, GRAPHEME_CONTROL, GRAPHEME_INCB_NONE, false },
		{ 0xAD, GRAPHEME_CONTROL, GRAPHEME_INCB_NONE, false },     /* SOFT HYPHEN */
		{ 0xA9, GRAPHEME_OTHER, GRAPHEME_INCB_NONE, true },        /* COPYRIGHT SIGN */
		{ 0x0308, GRAPHEME_EXTEND, GRAPHEME_INCB_EXTEND, false },
		{ 0x200D, GRAPHEME_ZWJ, GRAPHEME_INCB_EXTEND, false },
		{ 0x0600, GRAPHEME_PREPEND, GRAPHEME_INCB_NONE, false },
		{ 0x0903, GRAPHEME_SPACINGMARK, GRAPHEME_INCB_NONE, false },
		{ 0x0915, GRAPHEME_OTHER, GRAPHEME_INCB_CONSONANT, false }, /* DEVANAGARI LETTER KA */
		{ 0x094D, GRAPHEME_EXTEND, GRAPHEME_INCB_LINKER, false },   /* DEVANAGARI SIGN VIRAMA */
		{ 0x1100, GRAPHEME_L, GRAPHEME_INCB_NONE, false },
		{ 0x1161, GRAPHEME_V, GRAPHEME_INCB_NONE, false },
		{ 0x11A8, GRAPHEME_T, GRAPHEME_INCB_NONE, false },
		{ 0xAC00, GRAPHEME_LV, GRAPHEME_INCB_NONE, false },
		{ 0xAC01, GRAPHEME_LVT, GRAPHEME_INCB_NONE, false },
		{ 0xD7A3, GRAPHEME_LVT, GRAPHEME_INCB_NONE, false },
		{ 0x2701, GRAPHEME_OTHER, GRAPHEME_INCB_NONE, false },     /* not pictographic since 17.0 */
		{ 0x1F1E6, GRAPHEME_RI, GRAPHEME_INCB_NONE, false },
		{ 0x1F3FB, GRAPHEME_EXTEND, GRAPHEME_INCB_EXTEND, false }, /* skin tone */
		{ 0x1F600, GRAPHEME_OTHER, GRAPHEME_INCB_NONE, true },
		{ 0x1FFFD, GRAPHEME_OTHER, GRAPHEME_INCB_NONE, true },     /* reserved, pictographic */
		{ 0xE0001, GRAPHEME_CONTROL, GRAPHEME_INCB_NONE, false },  /* LANGUAGE TAG */
		{ 0xE0020, GRAPHEME_EXTEND, GRAPHEME_INCB_EXTEND, false }, /* TAG SPACE */
		{ 0xE0080, GRAPHEME_CONTROL, GRAPHEME_INCB_NONE, false },  /* unassigned default ignorable */
		{ 0x10FFFF, GRAPHEME_OTHER, GRAPHEME_INCB_NONE, false },   /* noncharacter */
	};
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		unsigned p = grapheme_props(cps[i].cp);
		print_message("U+%04X\n", (unsigned)cps[i].cp);
		assert_int_equal(grapheme_gcb(p), cps[i].gcb);
		assert_int_equal(grapheme_incb(p), cps[i].incb);
		assert_int_equal(!!(p & GRAPHEME_EXTPICT), cps[i].extpict);
	}
	assert_int_equal(grapheme_props(-1), grapheme_props(0xFFFD));
	assert_int_equal(grapheme_props(0x110000), grapheme_props(0xFFFD));
}

/* Runs found by plain search over the whole table, to check the shortcuts. */
static unsigned slow_props(uint32_t cp)
{
	size_t i = 0;
	while (i + 1 < grapheme_nruns && grapheme_run_starts[i + 1] <= cp)
		i++;
	return grapheme_run_props[i];
}

static void test_table_shape(void **state)
{
	assert_true(grapheme_nruns > 1000);
	assert_int_equal(grapheme_run_starts[0], 0);
	for (size_t i = 1; i < grapheme_nruns; i++) {
		assert_true(grapheme_run_starts[i - 1] < grapheme_run_starts[i]);
		assert_true(grapheme_run_props[i - 1] != grapheme_run_props[i]);
	}
	assert_true(grapheme_run_starts[grapheme_nruns - 1] <= 0x10FFFF);
	for (uint32_t b = 0; b <= GRAPHEME_BLOCKS; b++) {
		size_t r = grapheme_block_run[b];
		assert_true(grapheme_run_starts[r] <= b * 256);
		assert_true(r + 1 == grapheme_nruns || grapheme_run_starts[r + 1] > b * 256);
	}
	/* the printable-ASCII shortcut and the block index agree with the table;
	 * every run boundary and its neighbours, and a stride through the rest */
	for (size_t i = 0; i < grapheme_nruns; i++)
		for (int d = -1; d <= 1; d++) {
			int64_t cp = (int64_t)grapheme_run_starts[i] + d;
			if (cp >= 0 && cp <= 0x10FFFF)
				assert_int_equal(grapheme_props((int32_t)cp), slow_props((uint32_t)cp));
		}
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp += cp < 0x30000 ? 1 : 997)
		if (cp < 0x100 || cp % 61 == 0)
			assert_int_equal(grapheme_props((int32_t)cp), slow_props(cp));
}

static void test_decode(void **state)
{
	int32_t cp;
	assert_int_equal(grapheme_decode("\xF0\x9F\x87\xB3", 4, &cp), 4);
	assert_int_equal(cp, 0x1F1F3);
	assert_int_equal(grapheme_decode("\xF0\x9F\x87\xB3", 3, &cp), 1); /* cut short by n */
	assert_int_equal(cp, -1);
	assert_int_equal(grapheme_decode("\xF4\x90\x80\x80", 4, &cp), 1); /* above U+10FFFF */
	assert_int_equal(cp, -1);
	assert_int_equal(grapheme_decode("\xE0\x80\xAF", 3, &cp), 1);     /* overlong */
	assert_int_equal(cp, -1);
	assert_int_equal(grapheme_decode("\xC3\xAB", 2, &cp), 2);
	assert_int_equal(cp, 0xEB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_made_splits),
		cmocka_unit_test(test_single_code_points),
		cmocka_unit_test(test_table_shape),
		cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
