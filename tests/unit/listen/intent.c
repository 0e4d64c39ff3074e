/* Unit tests of src/listen/intent.c: hand-written webcare posts, Dutch and English. */
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
	static const struct { const char *text; enum intent want; } cases[] = {
		{ "Still waiting for my refund, this is ridiculous", INTENT_COMPLAINT },
		{ "My order never arrived and customer service does not answer", INTENT_COMPLAINT },
		{ "@bol nog steeds geen pakket ontvangen, belachelijk", INTENT_COMPLAINT },
		{ "Klantenservice onbereikbaar en de app werkt niet", INTENT_COMPLAINT },
		{ "Alweer vertraging op het spoor, waardeloos", INTENT_COMPLAINT },
		{ "How do I change my delivery address?", INTENT_QUESTION },
		{ "Does anyone know when the store opens?", INTENT_QUESTION },
		{ "Hoe kan ik mijn abonnement opzeggen?", INTENT_QUESTION },
		{ "Weet iemand of de winkel morgen open is?", INTENT_QUESTION },
		{ "Thanks for the quick help, great service!", INTENT_PRAISE },
		{ "Love the new app, works perfectly", INTENT_PRAISE },
		{ "Bedankt voor de snelle hulp, top service!", INTENT_PRAISE },
		{ "Wat een geweldige medewerker, heel erg tevreden", INTENT_PRAISE },
		/* without a question mark: an interrogative or a verb before its subject asks */
		{ "how do I reset my password", INTENT_QUESTION },
		{ "hoe laat gaat de winkel morgen open", INTENT_QUESTION },
		{ "is the store open today", INTENT_QUESTION },
		{ "Kan ik mijn bestelling nog wijzigen", INTENT_QUESTION },
		{ "can you DM me the tracking number please", INTENT_QUESTION },
		{ "please help", INTENT_QUESTION },
		/* exclamations and imperatives do not */
		{ "Wat een mooie dag", INTENT_OTHER },
		{ "How nice is this", INTENT_OTHER },
		{ "Do it now", INTENT_OTHER },
		{ "Mijn factuur klopt niet, ik word dubbel gefactureerd", INTENT_COMPLAINT },
		{ "Wat een slechte service weer, drie keer gebeld en niemand helpt", INTENT_COMPLAINT },
		{ "The app keeps crashing since the update", INTENT_COMPLAINT },
		/* something said not to work is a complaint, whatever it is */
		{ "It stopped working after two days", INTENT_COMPLAINT },
		{ "Mijn router doet het niet meer", INTENT_COMPLAINT },
		{ "Great, another delay.", INTENT_COMPLAINT },
		{ "Top, weer vertraging", INTENT_COMPLAINT },
		{ "on hold for 45 minutes", INTENT_COMPLAINT },
		{ "Al 3 weken wachten op een monteur", INTENT_COMPLAINT },
		{ "Het lukt niet om in te loggen", INTENT_COMPLAINT },
		{ "De website ligt eruit", INTENT_COMPLAINT },
		{ "the site is down", INTENT_COMPLAINT },
		{ "Thanks for calling back, but it still doesn't work", INTENT_COMPLAINT },
		{ "Bedankt, het werkt weer!", INTENT_PRAISE },
		{ "New blog post about our spring collection", INTENT_OTHER },
		{ "Morgen gaan we naar Utrecht", INTENT_OTHER },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		words_split(&ws, cases[i].text, strlen(cases[i].text));
		enum langid lang = langid_detect(lex, &ws);
		struct sentiment_lex s;
		sentiment_score(lex, &ws, lang, &s);
		enum intent got = intent_detect(lex, &ws, &s, sentiment_label(s.compound));
		if (got != cases[i].want)
			fail_msg("'%s': got %s, want %s (compound %.3f)", cases[i].text, intent_name(got),
				 intent_name(cases[i].want), (double)s.compound);
	}
}

static void test_names(void **state)
{
	assert_string_equal(intent_name(INTENT_COMPLAINT), "complaint");
	assert_string_equal(intent_name(INTENT_QUESTION), "question");
	assert_string_equal(intent_name(INTENT_PRAISE), "praise");
	assert_string_equal(intent_name(INTENT_OTHER), "other");
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
