/* Unit tests of src/base/i18n.c: language choice, lookups in the embedded catalogue, plurals. */
#include "test.h"

#include "base/i18n.h"

static void test_parse(void **state)
{
	enum lang l;
	const struct { const char *in; int ok; enum lang want; } cases[] = {
		{ "nl", 0, LANG_NL }, { "nl_NL.UTF-8", 0, LANG_NL }, { "nl-BE", 0, LANG_NL }, { "en", 0, LANG_EN },
		{ "en_GB.UTF-8", 0, LANG_EN }, { "nl:en", 0, LANG_NL }, { "de", -1, 0 }, { "nld", -1, 0 },
		{ "", -1, 0 }, { "C", -1, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(lang_parse(cases[i].in, &l), cases[i].ok);
		if (!cases[i].ok)
			assert_int_equal(l, cases[i].want);
	}
	assert_string_equal(lang_code(LANG_NL), "nl");
}

static void test_from_env(void **state)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "nl_NL.UTF-8", 1);
	assert_int_equal(lang_from_env(), LANG_NL);
	setenv("LC_ALL", "C.UTF-8", 1); /* the first locale variable set decides */
	assert_int_equal(lang_from_env(), LANG_EN);
	setenv("LANGUAGE", "nl", 1);
	assert_int_equal(lang_from_env(), LANG_NL);
}

static void test_lookup(void **state)
{
	/* English is the source language; unknown strings come back as they are. */
	assert_string_equal(tr(LANG_EN, "Overall"), "Overall");
	assert_string_equal(tr(LANG_NL, "no such message in the catalogue"), "no such message in the catalogue");
	/* Dutch comes from po/nl.po, embedded in the binary. */
	assert_string_equal(tr(LANG_NL, "Step"), "Stap");
	assert_string_equal(trn(LANG_EN, "%zu error", "%zu errors", 1), "%zu error");
	assert_string_equal(trn(LANG_EN, "%zu error", "%zu errors", 2), "%zu errors");
	assert_string_not_equal(trn(LANG_NL, "%zu error", "%zu errors", 1), trn(LANG_NL, "%zu error", "%zu errors", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_from_env),
		cmocka_unit_test(test_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
