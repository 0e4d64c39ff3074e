/*
 * Unit tests of src/listen/sentiment.c: the rules, in English and Dutch.
 * Expectations are directions and orderings stated by the rules (negation
 * flips, an intensifier strengthens, contrast favours what follows), plus
 * one value computed by hand from VADER's published formula.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "listen-test.h"

static struct lexmap *lex;
static struct words ws;

static float score(const char *text, enum langid lang)
{
	struct sentiment_lex s;
	words_split(&ws, text, strlen(text));
	sentiment_score(lex, &ws, lang, &s);
	return s.compound;
}

#define EN LANGID_EN
#define NL LANGID_NL

static void test_hand_computed_value(void **state)
{
	/* VADER's lexicon gives "good" 1.9; compound = 1.9 / sqrt(1.9^2 + 15) */
	assert_float_equal(score("good", EN), 1.9 / sqrt(1.9 * 1.9 + 15), 1e-4);
	assert_float_equal(score("the table", EN), 0, 0);
	assert_float_equal(score("", EN), 0, 0);
}

static void test_polarity_both_languages(void **state)
{
	const struct { const char *text; enum langid lang; int sign; } cases[] = {
		{ "What a great day", EN, 1 },
		{ "This is terrible", EN, -1 },
		{ "Het eten was heerlijk", NL, 1 },
		{ "De bediening was slecht", NL, -1 },
		{ "Wat een prachtige voorstelling", NL, 1 }, /* inflected: prachtige -> prachtig */
		{ "Een vreselijke ervaring", NL, -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		float s = score(cases[i].text, cases[i].lang);
		if (cases[i].sign > 0 ? s <= 0.05f : s >= -0.05f)
			fail_msg("'%s': %f", cases[i].text, (double)s);
	}
}

/* Dutch words not in the lexicons, by word formation: "on-" negates, a compound means what its head means. */
static void test_dutch_word_formation(void **state)
{
	/* the forms themselves are in no lexicon: the rules find them through "gezellig", "vriendelijk", "lekker" */
	assert_true(score("het was gezellig", NL) > 0.05f);
	assert_true(score("het was ongezellig", NL) < -0.05f);
	assert_true(score("de zaak is klantvriendelijk", NL) > 0.05f);
	assert_true(score("de soep is superlekker", NL) > 0.05f);
	/* too short a head is no compound: "ondergoed" is not "goed" */
	assert_float_equal(score("het ondergoed ligt in de kast", NL), 0, 0);
	/* English texts are not split */
	assert_float_equal(score("the klantvriendelijk", EN), 0, 0);
}

/*
 * Inflected Dutch forms found by the lexicons' form: LUPJE lists "kanjer",
 * "foutje", "problemen" (plural only) and "genieten" (the infinitive).
 */
static void test_dutch_inflection(void **state)
{
	assert_true(score("wat een kanjers", NL) > 0.05f);            /* plural -s */
	assert_true(score("een paar foutjes", NL) < -0.05f);          /* diminutive plural */
	assert_true(score("het probleem is", NL) < -0.05f);           /* singular of "problemen" */
	assert_true(score("een probleempje", NL) < -0.05f);           /* diminutive of it */
	assert_true(score("we hebben er van genoten", NL) > 0.05f);   /* "genoten" is listed itself; */
	assert_true(score("ik geniet ervan", NL) > 0.05f);            /* "geniet" is stem + -t of "genieten" */
	/* a function word is no inflected form: "niet" is not LUPJE's "nie" plus -t */
	assert_float_equal(score("het is niet zo", NL), 0, 0);
	/* compounds with a judging first part */
	assert_true(score("wat een kutweer", NL) < -0.05f);
	assert_true(score("een prachtlocatie", NL) > 0.05f);
	/* an intensifying first part takes a short head too ("leuk", "saai") */
	assert_true(score("het was superleuk", NL) > 0.05f);
	assert_true(score("oersaai", NL) < -0.05f);
	/* "-loos" and "-vrij" negate their base: LUPJE's "fout"-like "feil" and "storing" are negative */
	assert_true(score("het ging feilloos", NL) > 0.05f);
	assert_true(score("storingsvrij rijden", NL) > 0.05f);
	assert_true(score("het was vlekkeloos", NL) > 0.05f);
	assert_float_equal(score("draadloos internet", NL), 0, 0);
}

/* Dutch "te" + adjective: more than wanted. */
static void test_dutch_excess(void **state)
{
	assert_true(score("de soep was te zout", NL) < -0.05f);
	assert_true(score("veel te lang gewacht", NL) < -0.05f);
	assert_true(score("te weinig personeel", NL) < -0.05f);
	assert_true(score("te vies", NL) < score("vies", NL));
	assert_true(score("niet te duur", NL) > 0.05f);
	assert_true(score("echt te gek", NL) > 0.05f); /* the idiom: great */
	/* "te" before an infinitive, and set phrases, say nothing */
	assert_float_equal(score("we gingen om te eten", NL), 0, 0);
	assert_float_equal(score("het huis is te koop", NL), 0, 0);
}

/* A Dutch negation that negates nothing takes LUPJE's valence for it; "kan beter" is criticism. */
static void test_dutch_lack_and_wish(void **state)
{
	assert_true(score("nog geen reactie gehad", NL) < -0.05f); /* LUPJE: geen -1 */
	assert_true(score("hier kom ik nooit meer", NL) < -0.05f); /* LUPJE: nooit -2 */
	assert_true(score("geen probleem", NL) > 0.05f);           /* it negates "probleem": no valence of its own */
	assert_float_equal(score("het is niet zo", NL), 0, 0);     /* LUPJE does not list "niet" */
	assert_true(score("de bediening kon beter", NL) < -0.05f);
	assert_true(score("het kan niet beter", NL) > 0.05f);
	assert_true(score("het wordt steeds beter", NL) > 0.05f);
	/* a counterfactual clause wishes: criticism; "zou aanraden" alone stays praise */
	assert_true(score("het had lekkerder moeten zijn", NL) < -0.05f);
	assert_true(score("het zou fijn zijn als ze eens reageerden", NL) < -0.05f);
	assert_true(score("ik zou het zeker aanraden", NL) > 0.05f);
	/* "minder" turns its word about, and then has no valence of its own (LUPJE: -2) */
	assert_true(score("minder lekker dan vorig jaar", NL) < -0.05f);
	assert_true(score("minder problemen", NL) > 0.05f);
	assert_true(score("het is minder", NL) < -0.05f);
}

/* Separable verbs: the particle at the clause's end carries the verb's meaning. */
static void test_dutch_particles(void **state)
{
	assert_true(score("het eten viel tegen", NL) < -0.05f);
	assert_true(score("de rekening viel mee", NL) > 0.05f);
	assert_true(score("ik raad het iedereen aan", NL) > 0.05f);
	assert_true(score("we raden het af", NL) < -0.05f);
	assert_true(score("het eten viel niet tegen", NL) > 0.05f);
	assert_float_equal(score("ik ben er tegen", NL), 0, 0); /* no form of "vallen" */
	/* "stelde" is "stellen" (short e, doubled l), not LUPJE's "stelen" (steal) */
	assert_float_equal(score("hij stelde een vraag", NL), 0, 0);
	assert_true(score("het stelde ons teleur", NL) < -0.05f);
	/* "wegvallen", "uitvallen", "vastlopen": what fails */
	assert_true(score("het internet valt steeds weg", NL) < -0.05f);
	assert_true(score("de trein viel uit", NL) < -0.05f);
	assert_true(score("de app loopt vast", NL) < -0.05f);
	assert_float_equal(score("we lopen naar huis", NL), 0, 0);
}

/* Set phrases mean something other than their words: sarcasm and idioms. */
static void test_set_phrases(void **state)
{
	assert_true(score("thanks", EN) > 0.05f);
	assert_true(score("thanks for nothing", EN) < -0.05f);
	assert_true(score("Thank you for nothing @airline", EN) < -0.05f);
	assert_true(score("bedankt voor niks", NL) < -0.05f);
	assert_true(score("de bediening was onder de maat", NL) < -0.05f);
	assert_true(score("beneden alle peil", NL) < -0.05f);
	/* the phrase's words count for nothing on their own: "nothing" negates no word after it */
	assert_true(score("thanks for nothing, bad service", EN) < score("thanks for nothing", EN));
	/* a phrase of the other language is not read: "thanks for nothing" in a Dutch text is English */
	assert_true(score("thanks for nothing", NL) >= score("thanks for nothing", EN));
	/* only the whole phrase: "onder de" is no idiom */
	assert_float_equal(score("onder de brug", NL), 0, 0);
}

/* A service said not to do its job is negative, on either side of its negation; else its words judge nothing. */
static void test_failing_service(void **state)
{
	const char *const failing_en[] = {
		"The app doesn't work", "my package never arrived", "still not working", "it stopped working",
		"no reply from support", "the issue hasn't been fixed", "no one answered", "I didn't receive my order",
		"my order should have arrived yesterday", "it was supposed to arrive on Monday", "nobody called me back",
		"I can't log in", "the site is down", "our wifi went down again",
	};
	const char *const failing_nl[] = {
		"De app werkt niet", "de pinautomaten werken niet", "mijn router doet het niet meer",
		"Waarom werkt de website niet?", "ik heb mijn pakket nog niet ontvangen", "nog steeds geen reactie",
		"de klantenservice is niet meer bereikbaar", "de storing is nog niet opgelost",
		"de auto wil niet starten", "ik word niet teruggebeld", "het lukt niet", "het is niet gelukt",
		"de website ligt eruit", "de site ligt er al de hele dag uit",
	};
	for (size_t i = 0; i < sizeof(failing_en) / sizeof(*failing_en); i++)
		if (score(failing_en[i], EN) >= -0.05f)
			fail_msg("'%s': %f", failing_en[i], (double)score(failing_en[i], EN));
	for (size_t i = 0; i < sizeof(failing_nl) / sizeof(*failing_nl); i++)
		if (score(failing_nl[i], NL) >= -0.05f)
			fail_msg("'%s': %f", failing_nl[i], (double)score(failing_nl[i], NL));
	/* the job done, or no negation close enough */
	assert_float_equal(score("the app works", EN), 0, 0);
	assert_float_equal(score("my package arrived", EN), 0, 0);
	assert_float_equal(score("it is supposed to arrive on Monday", EN), 0, 0); /* a plan, not a failure yet */
	assert_float_equal(score("you should have received an email", EN), 0, 0); /* advice */
	assert_true(score("can't wait to start", EN) >= 0);
	assert_float_equal(score("de app werkt", NL), 0, 0);
	assert_float_equal(score("ik ga vandaag niet werken", NL), 0, 0); /* a day off */
	assert_float_equal(score("ik doe het niet", NL), 0, 0);           /* only "doet het" is a machine's */
	assert_float_equal(score("the price is down", EN), 0, 0);        /* only a service is down */
	assert_float_equal(score("I never log", EN), 0, 0);               /* "log" only as "log in" */
	/* no double negation: "not working" is not flipped back by the negation that made it */
	assert_true(score("not working at all", EN) < -0.05f);
	/* the words of a language the lexicons do not read say nothing */
	assert_float_equal(score("ça ne marche pas, it doesn't work", LANGID_FOREIGN), 0, 0);
}

/* Waiting a stated time is a complaint; waiting as such, negated, or for something to look forward to is not. */
static void test_waiting(void **state)
{
	const struct { const char *text; enum langid lang; } waited[] = {
		{ "Al 3 weken wachten op een monteur", NL }, { "ik wacht al twee dagen op mijn pakket", NL },
		{ "Been waiting 2 hours for a reply", EN },  { "on hold for 45 minutes", EN },
		{ "waited a few days, nothing", EN },       { "Still waiting for my refund", EN },
		{ "we are still waiting", EN },              { "ik wacht nog steeds op antwoord", NL },
		{ "nog altijd wachten op de monteur", NL },
	};
	for (size_t i = 0; i < sizeof(waited) / sizeof(*waited); i++)
		if (score(waited[i].text, waited[i].lang) >= -0.05f)
			fail_msg("'%s': %f", waited[i].text, (double)score(waited[i].text, waited[i].lang));
	assert_float_equal(score("waiting for the bus", EN), 0, 0);
	assert_float_equal(score("nog 3 dagen wachten tot de release", NL), 0, 0);
	assert_float_equal(score("waiting 2 days until my holiday", EN), score("my holiday", EN), 1e-6);
	assert_float_equal(score("hold the door for 2 minutes", EN), 0, 0);
	assert_true(score("I can't wait 3 more days", EN) >= 0);
	assert_float_equal(score("niet wachten, 3 dagen levertijd", NL), 0, 0);
}

/* Praise standing alone beside nothing but complaint is sarcasm; thanks and contrast are not. */
static void test_sarcastic_praise(void **state)
{
	assert_true(score("Great, another delay.", EN) < -0.05f);
	assert_true(score("Oh perfect, my flight is delayed again", EN) < -0.05f);
	assert_true(score("Flight delayed 3 hours. Great.", EN) < -0.05f);
	assert_true(score("Top, weer vertraging bij de NS", NL) < -0.05f);
	assert_true(score("Lekker dan, alweer storing", NL) < -0.05f);
	/* sincere */
	assert_true(score("Great! See you tomorrow", EN) > 0.05f);
	assert_true(score("Great, no problems at all", EN) > 0.05f);
	assert_true(score("Great day, but a delay on the way home", EN) > score("Great, another delay", EN));
	assert_true(score("Super, bedankt!", NL) > 0.05f);
	/* thanks stay thanks; a contrast weighs both sides as it always does */
	assert_true(score("Thanks, sad it is over", EN) > score("sad it is over", EN));
	assert_true(score("Nice, but a delay", EN) > score("Nice, a delay", EN));
	/* praise in the clause of a job not done or waited for */
	assert_true(score("Love waiting 2 hours on hold", EN) < -0.05f);
	assert_true(score("Great that it doesn't work again", EN) < -0.05f);
	assert_true(score("fijn dat de app weer niet werkt", NL) < -0.05f);
	assert_true(score("Thanks, it doesn't work", EN) > score("it doesn't work", EN)); /* thanks stay */
	assert_true(score("It works great", EN) > 0.05f);
	/* two words of praise are no lone interjection */
	assert_true(score("Great service, sad it closed", EN) > score("sad it closed", EN));
}

/* Dutch words of what goes wrong, and participles found through their infinitive. */
static void test_dutch_trouble_words(void **state)
{
	const char *const cases[] = {
		"weer vertraging", "de trein is vertraagd", "mijn vlucht is geannuleerd", "de app is vastgelopen",
		"de trein is uitgevallen", "de site is onbereikbaar", "een foutmelding", "pas op voor oplichters",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (score(cases[i], NL) >= -0.05f)
			fail_msg("'%s': %f", cases[i], (double)score(cases[i], NL));
	/* more words the lexicons lack */
	assert_true(score("ik ben het spuugzat", NL) < -0.05f);
	assert_true(score("wat een rommel", NL) < -0.05f);
	assert_true(score("een pluim voor de bediening", NL) > 0.05f);
	assert_true(score("dankje!", NL) > 0.05f);
	/* "maat" is a size ("op maat"), not LUPJE's mate, and no head of "automaten" */
	assert_float_equal(score("kleding op maat", NL), 0, 0);
	assert_float_equal(score("de automaten", NL), 0, 0);
}

static void test_negation(void **state)
{
	assert_true(score("good", EN) > 0);
	assert_true(score("not good", EN) < 0);
	assert_true(score("this isn't good", EN) < 0);
	assert_true(score("never really good", EN) < 0);
	assert_true(score("lekker", NL) > 0);
	assert_true(score("niet lekker", NL) < 0);
	assert_true(score("geen goede ervaring", NL) < 0);
	/* Dutch puts "niet" after what it negates, too */
	assert_true(score("Goed was het niet.", NL) < 0);
	assert_true(score("dat vond ik niet leuk", NL) < 0);
	assert_true(score("Het eten was lekker en niet duur", NL) > 0);
	/* intensifiers between do not use up the negation's reach in Dutch */
	assert_true(score("het was niet zo heel erg lekker", NL) < 0);
	/* a clause break ends the negation's reach */
	assert_true(score("not now. good", EN) > 0);
	/* "niemand", as "nobody" */
	assert_true(score("nobody helps", EN) < 0);
	assert_true(score("niemand helpt", NL) < 0);
	/* "kloppen" is being right: what does not is wrong */
	assert_true(score("de factuur klopt", NL) > 0);
	assert_true(score("de factuur klopt niet", NL) < 0);
}

/* The nouns of a service are what praise and complaints are about: the adjective judges, the noun does not. */
static void test_dutch_topic_nouns(void **state)
{
	const char *nouns[] = { "service", "klantenservice", "de kwaliteit", "het team", "de klanten", "de sfeer" };
	for (size_t i = 0; i < sizeof(nouns) / sizeof(*nouns); i++)
		if (score(nouns[i], NL) != 0)
			fail_msg("'%s': %f", nouns[i], (double)score(nouns[i], NL));
	assert_true(score("slechte service", NL) < -0.05f);
	assert_true(score("goede service", NL) > 0.05f);
	assert_true(score("de kwaliteit is slecht", NL) < -0.05f);
	assert_true(score("gezellige sfeer", NL) > 0.05f);
}

static void test_intensifiers(void **state)
{
	assert_true(score("very good", EN) > score("good", EN));
	assert_true(score("slightly good", EN) < score("good", EN));
	assert_true(score("very bad", EN) < score("bad", EN));
	assert_true(score("heel lekker", NL) > score("lekker", NL));
	assert_true(score("erg slecht", NL) < score("slecht", NL));
	assert_true(score("een beetje lekker", NL) < score("lekker", NL));
	/* "zeer" means "very" here, not "pain": it carries no valence of its own */
	assert_true(score("zeer", NL) == 0);
}

static void test_contrast(void **state)
{
	assert_true(score("The food was good but the service was terrible", EN) < 0);
	assert_true(score("The service was terrible but the food was great", EN) > 0);
	assert_true(score("Het eten was lekker maar de bediening was slecht", NL) < 0);
	assert_true(score("De bediening was slecht maar het eten was heerlijk", NL) > 0);
	/* "maar liefst" (no less than) is no contrast */
	assert_float_equal(score("lekker, maar liefst tien gangen", NL), score("lekker, liefst tien gangen", NL), 1e-6);
	assert_true(score("lekker, maar tien gangen", NL) < score("lekker, liefst tien gangen", NL));
	/* "Maar goed," as a clause of its own is "anyway": no praise, no contrast */
	assert_float_equal(score("Maar goed, we gaan door.", NL), 0, 0);
	assert_true(score("het was duur maar goed", NL) > 0.05f);
	/* "niet alleen ... maar ook" adds, it does not oppose */
	assert_true(score("niet alleen lekker maar ook vriendelijk", NL) > score("lekker", NL));
}

static void test_emoticons_and_emoji(void **state)
{
	assert_true(score(":)", EN) > 0);
	assert_true(score(":(", EN) < 0);
	assert_true(score("<3", EN) > 0);
	assert_true(score("concert vanavond \xF0\x9F\x98\x8D", NL) > 0); /* 😍 */
	assert_true(score("trein weer te laat \xF0\x9F\x98\xA1", NL) < 0); /* 😡 */
	assert_true(score("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", EN) > 0); /* 👍 with a skin tone */
}

/* Another language: its words are not judged by the English and Dutch lexicons, its emoji are. */
static void test_foreign_language(void **state)
{
	/* French "pain" is bread: VADER's "pain" must not make it negative */
	assert_true(score("le pain est bon", LANGID_OTHER) < -0.05f);
	assert_float_equal(score("le pain est bon", LANGID_FOREIGN), 0, 0);
	assert_float_equal(score("das ist NICHT gut, super schlecht", LANGID_FOREIGN), 0, 0);
	assert_true(score("le train a du retard \xF0\x9F\x98\xA1", LANGID_FOREIGN) < -0.05f); /* 😡 */
	assert_true(score("merci :)", LANGID_FOREIGN) > 0.05f);
}

static void test_elongation_and_capitals(void **state)
{
	assert_true(score("goooood", EN) > score("good", EN));
	assert_true(score("sooo baaaad", EN) < 0);
	assert_true(score("loooove it", EN) > 0); /* found as "love" */
	assert_true(score("this is GREAT", EN) > score("this is great", EN));
	/* a text all in capitals is shouting everywhere: no word stands out */
	assert_float_equal(score("THIS IS GREAT", EN), score("this is great", EN), 1e-6);
	assert_true(score("wat LEKKER", NL) > score("wat lekker", NL));
	assert_true(score("good!!!", EN) > score("good", EN));
}

static void test_names(void **state)
{
	assert_string_equal(sentiment_name(SENT_POSITIVE), "positive");
	assert_int_equal(sentiment_parse("negative", 8), SENT_NEGATIVE);
	assert_int_equal(sentiment_parse("neutrale", 8), -1);
	assert_int_equal(sentiment_label(0.05f), SENT_POSITIVE);
	assert_int_equal(sentiment_label(0.0f), SENT_NEUTRAL);
	assert_int_equal(sentiment_label(-0.3f), SENT_NEGATIVE);
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
		cmocka_unit_test(test_hand_computed_value),
		cmocka_unit_test(test_polarity_both_languages),
		cmocka_unit_test(test_dutch_word_formation),
		cmocka_unit_test(test_dutch_inflection),
		cmocka_unit_test(test_dutch_excess),
		cmocka_unit_test(test_dutch_lack_and_wish),
		cmocka_unit_test(test_dutch_particles),
		cmocka_unit_test(test_set_phrases),
		cmocka_unit_test(test_negation),
		cmocka_unit_test(test_dutch_topic_nouns),
		cmocka_unit_test(test_intensifiers),
		cmocka_unit_test(test_contrast),
		cmocka_unit_test(test_failing_service),
		cmocka_unit_test(test_sarcastic_praise),
		cmocka_unit_test(test_waiting),
		cmocka_unit_test(test_dutch_trouble_words),
		cmocka_unit_test(test_emoticons_and_emoji),
		cmocka_unit_test(test_foreign_language),
		cmocka_unit_test(test_elongation_and_capitals),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
