/* Unit tests of src/listen/lang.c: short posts in Dutch, English and others. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "listen-test.h"

static struct lexmap *lex;
static struct words ws;

static void test_examples(void **state)
{
	static const struct { const char *text; enum langid want; } cases[] = {
		{ "Waar blijft mijn pakket? Al drie dagen niks gehoord", LANGID_NL },
		{ "@NS de trein is weer te laat", LANGID_NL },
		{ "Wat een mooie dag vandaag!", LANGID_NL },
		{ "Ik heb er zin in #zomer", LANGID_NL },
		{ "Lekker gegeten bij de buren", LANGID_NL },
		{ "Nog steeds geen reactie van de klantenservice", LANGID_NL },
		{ "Where is my package? Still nothing after three days", LANGID_EN },
		{ "@NS the train is late again", LANGID_EN },
		{ "What a beautiful day today!", LANGID_EN },
		{ "I can't wait for the weekend #summer", LANGID_EN },
		{ "Thanks for the quick reply", LANGID_EN },
		{ "Das ist nicht mein Problem, aber ich habe keine Zeit", LANGID_FOREIGN },
		{ "Je ne sais pas pourquoi il est parti", LANGID_FOREIGN },
		{ "No sé por qué el tren no llegó a tiempo", LANGID_FOREIGN },
		{ "Ich liebe diesen Laden, super Service!", LANGID_FOREIGN },
		{ "Le pain est très bon ici", LANGID_FOREIGN },
		/* one function word of another language is too little to tell */
		{ "le suck", LANGID_OTHER },
		{ "Damn typos :(", LANGID_OTHER },
		{ "@someone https://example.com", LANGID_OTHER },
		{ "\xF0\x9F\x98\x82\xF0\x9F\x98\x82", LANGID_OTHER },
		{ "", LANGID_OTHER },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		words_split(&ws, cases[i].text, strlen(cases[i].text));
		enum langid got = langid_detect(lex, &ws);
		if (got != cases[i].want)
			fail_msg("'%s': got %s, want %s", cases[i].text, langid_name(got), langid_name(cases[i].want));
	}
}

static void test_names(void **state)
{
	assert_string_equal(langid_name(LANGID_NL), "nl");
	assert_string_equal(langid_name(LANGID_EN), "en");
	assert_string_equal(langid_name(LANGID_OTHER), "other");
	assert_int_equal(langid_parse("nl"), LANGID_NL);
	assert_int_equal(langid_parse("nl-BE"), LANGID_NL);
	assert_int_equal(langid_parse("en_GB"), LANGID_EN);
	assert_int_equal(langid_parse("eng"), LANGID_EN);
	assert_string_equal(langid_name(LANGID_FOREIGN), "other");
	assert_int_equal(langid_parse("de"), LANGID_FOREIGN);
	assert_int_equal(langid_parse("fr-BE"), LANGID_FOREIGN);
	assert_int_equal(langid_parse("nld"), LANGID_NL);
	assert_int_equal(langid_parse("enx"), LANGID_FOREIGN);
	assert_int_equal(langid_parse(NULL), LANGID_OTHER);
	assert_int_equal(langid_parse(""), LANGID_OTHER);
	assert_int_equal(langid_parse("other"), LANGID_OTHER);
	assert_int_equal(langid_parse("und"), LANGID_OTHER);
	assert_int_equal(langid_parse("mul"), LANGID_OTHER);
}

static int setup(void **state)
{
	lex = test_lexmap();
	return lex ? 0 : -1;
}

static int teardown(void **state)
{
	lexmap_free(lex);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
