/*
 * Unit tests of src/listen/model.c: training learns a synthetic language,
 * the file round-trips, and bad files are refused with their line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listen/classify.h"

static struct classifier *cls;
static struct words ws;

/* Invented words the lexicons cannot know: each belongs to one class. */
static const char *const vocab[SENT__COUNT][3] = {
	{ "snerg", "kravol", "dumpa" },
	{ "plim", "tobra", "wesk" },
	{ "blorp", "zintu", "quavi" },
};
static const char *const filler[] = { "the", "table", "orange", "moves", "de", "fiets" };
/* Dutch function words only: texts of this filler are detected as Dutch */
static const char *const nl_filler[] = { "de", "het", "een", "van", "op", "met" };

static void text_of(const char *const fill[6], int cls_, unsigned i, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s %s %s", fill[i % 6], vocab[cls_][i % 3], fill[(i / 6) % 6], vocab[cls_][(i / 3) % 3]);
}

static struct smodel *train_synthetic(const char *const fill[6])
{
	struct strain_set t = { 0 };
	struct sfeat f[SFEAT_MAX];
	char buf[128];
	for (unsigned i = 0; i < 36; i++)
		for (int c = 0; c < SENT__COUNT; c++) {
			text_of(fill, c, i, buf, sizeof(buf));
			size_t n = classify_features(cls, &ws, buf, strlen(buf), 1u << 12, f);
			strain_add(&t, f, n, c);
		}
	struct strain_opts o = { .epochs = 20 };
	struct smodel *m = smodel_train(&t, 1u << 12, &o);
	strain_release(&t);
	return m;
}

static void test_training_learns_synthetic_set(void **state)
{
	struct smodel *m = train_synthetic(filler);
	assert_true(m->langs & (1u << LANGID_EN));
	classifier_set_model(cls, m);
	/* unseen texts: one class word among other filler */
	static const struct { const char *text; enum sentiment want; } cases[] = {
		{ "orange kravol", SENT_NEGATIVE },
		{ "moves tobra fiets", SENT_NEUTRAL },
		{ "quavi the", SENT_POSITIVE },
		{ "de snerg table dumpa", SENT_NEGATIVE },
		{ "zintu blorp", SENT_POSITIVE },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct classify_result r;
		classify_text(cls, &ws, cases[i].text, strlen(cases[i].text), LANGID_EN, &r);
		if (r.sentiment != cases[i].want)
			fail_msg("'%s': got %s", cases[i].text, sentiment_name(r.sentiment));
		assert_true(r.score >= -1 && r.score <= 1);
	}
	classifier_set_model(cls, NULL);
}

static char *save_to_string(const struct smodel *m, size_t *len)
{
	char *buf;
	FILE *f = open_memstream(&buf, len);
	assert_int_equal(smodel_save(m, f), 0);
	fclose(f);
	return buf;
}

static void test_round_trip(void **state)
{
	struct smodel *m = train_synthetic(filler);
	size_t len, len2;
	char *text = save_to_string(m, &len);
	struct smodel *back;
	struct err e = { 0 };
	assert_int_equal(smodel_load(text, len, "m", &back, &e), 0);
	assert_int_equal(back->dim, m->dim);
	assert_int_equal(back->langs, m->langs);
	/* the same predictions, and the same file when saved again */
	struct sfeat f[SFEAT_MAX];
	for (int c = 0; c < SENT__COUNT; c++) {
		char buf[128];
		text_of(filler, c, 7, buf, sizeof(buf));
		size_t n = classify_features(cls, &ws, buf, strlen(buf), m->dim, f);
		float p[SENT__COUNT], q[SENT__COUNT];
		smodel_predict(m, f, n, p);
		smodel_predict(back, f, n, q);
		for (int k = 0; k < SENT__COUNT; k++)
			assert_float_equal(p[k], q[k], 1e-4);
	}
	char *text2 = save_to_string(back, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(text, text2, len);
	free(text);
	free(text2);
	smodel_free(m);
	smodel_free(back);
}

#define HEAD "koers-sentiment-model 1\nfeatures 2\ndim 1024\nclasses negative neutral positive\nlanguages en\n"

static void test_located_errors(void **state)
{
	static const struct { const char *text; const char *want; } cases[] = {
		{ "", "m:0: the file ends before its header is complete" },
		{ "hello\n", "m:1: not a koers sentiment model" },
		{ "koers-sentiment-model 2\n", "m:1: model version 2 is not supported" },
		{ "koers-sentiment-model 1\nfeatures 7\n", "m:2: feature version 7 is not supported" },
		{ "koers-sentiment-model 1\n# comment\nfeatures 2\ndim 1000\n", "m:4: dim must be a power of two" },
		{ "koers-sentiment-model 1\nfeatures 2\ndim 1024\nclasses a b c\n", "m:4: expected 'classes negative neutral positive'" },
		{ "koers-sentiment-model 1\nfeatures 2\ndim 1024\nclasses negative neutral positive\nlanguages fr\n", "m:5: unknown language 'fr'" },
		{ HEAD "weights x\n", "m:6: expected 'weights NUMBER'" },
		{ HEAD "weights 2000\n", "m:6: more weights (2000) than dim (1024)" },
		{ HEAD "weights 1\n", "m:6: the file ends after 0 of 1 weight lines" },
		{ HEAD "weights 1\n5 1 2\n", "m:7: weight 3 is not a finite number" },
		{ HEAD "weights 1\n5 1 2 nan\n", "m:7: weight 3 is not a finite number" },
		{ HEAD "weights 1\n5 1 2 3 4\n", "m:7: more than three weights" },
		{ HEAD "weights 1\n1024 1 2 3\n", "m:7: index 1024 is not below dim 1024" },
		{ HEAD "weights 2\n5 1 2 3\n5 1 2 3\n", "m:8: index 5 is not above the previous 5" },
		{ HEAD "weights 1\n5 1 2 3\n", "m:7: expected 'end' after 1 weight lines" },
		{ HEAD "weights 1\n5 1 2 3\nend\nmore\n", "m:9: text after 'end'" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct smodel *m = (struct smodel *)1;
		struct err e = { 0 };
		int r = smodel_load(cases[i].text, strlen(cases[i].text), "m", &m, &e);
		assert_int_equal(r, ERR_DATA);
		assert_null(m);
		if (strncmp(e.msg, cases[i].want, strlen(cases[i].want)))
			fail_msg("case %zu: got '%s', want '%s'", i, e.msg, cases[i].want);
	}
	/* and the smallest good file */
	const char *ok = HEAD "weights 1\n5 1 -2 3e-1\nend\n";
	struct smodel *m;
	struct err e = { 0 };
	assert_int_equal(smodel_load(ok, strlen(ok), "m", &m, &e), 0);
	assert_float_equal(m->w[5 * 3 + 2], 0.3, 1e-6);
	assert_float_equal(m->w[5 * 3 + 1], -2, 0);
	smodel_free(m);
}

/* The lexicon part keeps the language-independent dense features, in their own slots. */
static void test_lexicon_part(void **state)
{
	struct sfeat f[SFEAT_MAX];
	const char *text = "Wat een geweldig mooie fiets!";
	size_t n = classify_features(cls, &ws, text, strlen(text), 1u << 12, f);
	size_t dense = 0, lang = 0;
	for (size_t i = 0; i < n; i++) {
		dense += f[i].idx < SMODEL_DENSE;
		lang += f[i].idx >= SMODEL_LEXICON && f[i].idx < SMODEL_DENSE;
	}
	assert_int_equal(lang, 1); /* detected as Dutch */
	assert_true(n > dense);    /* and hashed words */
	struct sfeat g[SFEAT_MAX];
	memcpy(g, f, n * sizeof(*f));
	size_t k = smodel_lexicon_part(g, n);
	assert_int_equal(k, dense - lang);
	for (size_t i = 0; i < k; i++) {
		assert_int_equal(g[i].idx, f[i].idx + SMODEL_DENSE);
		assert_true(g[i].idx < SMODEL_HASHED);
		assert_float_equal(g[i].val, f[i].val, 0);
	}
}

/*
 * A model trained on English only judges Dutch texts by its lexicon model:
 * what it learnt about the rules' scores carries over, its words do not.
 */
static void test_lexicon_model_carries_over(void **state)
{
	static const char *const en[SENT__COUNT][4] = {
		{ "this is awful", "terrible service again", "I hate the delays", "worst trip ever, so bad" },
		{ "the train leaves at nine", "we moved the table", "opening hours on sunday", "a new shop in town" },
		{ "this is great", "wonderful service, thank you", "I love the new bikes", "best trip ever, so good" },
	};
	struct strain_set t = { 0 };
	struct sfeat f[SFEAT_MAX];
	for (int rep = 0; rep < 10; rep++)
		for (int c = 0; c < SENT__COUNT; c++)
			for (int i = 0; i < 4; i++) {
				size_t n = classify_features(cls, &ws, en[c][i], strlen(en[c][i]), 1u << 12, f);
				strain_add(&t, f, n, c);
			}
	struct smodel *m = smodel_train(&t, 1u << 12, &(struct strain_opts){ .epochs = 10 });
	strain_release(&t);
	assert_int_equal(m->langs, 1u << LANGID_EN);
	classifier_set_model(cls, m);
	static const struct { const char *text; enum sentiment want; } cases[] = {
		{ "Het eten was vreselijk en de bediening slecht", SENT_NEGATIVE },
		{ "De winkel verhuist in mei naar de Dorpsstraat", SENT_NEUTRAL },
		{ "Wat een geweldige fiets, heel mooi", SENT_POSITIVE },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct classify_result r;
		classify_text(cls, &ws, cases[i].text, strlen(cases[i].text), LANGID__COUNT, &r);
		assert_int_equal(r.lang, LANGID_NL);
		if (r.sentiment != cases[i].want)
			fail_msg("'%s': got %s", cases[i].text, sentiment_name(r.sentiment));
		/* the model decided (its score is P(positive) - P(negative)), not the rules */
		assert_true(r.score != r.lex.compound);
	}
	classifier_set_model(cls, NULL);
}

/*
 * The word model learns on features scaled by their Naive Bayes log-count
 * ratio (NBSVM): a word found in every example of a balanced set, as often
 * in each class, scales to |log((36 + 1) / (36 + 2) * (72 + 2) / (72 + 1))|
 * = 0.0131 and learns next to nothing, while a word of one class learns as
 * before. The scale is folded into the saved weights.
 */
static void test_words_alike_in_every_class_learn_little(void **state)
{
	const uint32_t dim = 1u << 16;
	struct strain_set t = { 0 };
	struct sfeat f[SFEAT_MAX];
	char buf[128];
	for (unsigned i = 0; i < 36; i++)
		for (int c = 0; c < SENT__COUNT; c++) {
			snprintf(buf, sizeof(buf), "the %s", vocab[c][i % 3]);
			size_t n = classify_features(cls, &ws, buf, strlen(buf), dim, f);
			strain_add(&t, f, n, c);
		}
	struct smodel *m = smodel_train(&t, dim, &(struct strain_opts){ .epochs = 20 });
	strain_release(&t);
	/* the largest weight of a text's hashed slots */
	float most[2] = { 0, 0 };
	const char *texts[2] = { "the", "snerg" };
	for (int k = 0; k < 2; k++) {
		size_t n = classify_features(cls, &ws, texts[k], strlen(texts[k]), dim, f);
		for (size_t i = 0; i < n; i++)
			if (f[i].idx >= SMODEL_HASHED)
				for (int c = 0; c < SENT__COUNT; c++)
					most[k] = fmaxf(most[k], fabsf(m->w[(size_t)f[i].idx * SENT__COUNT + c]));
	}
	assert_true(most[0] < 0.05f);
	assert_true(most[1] > 0.5f);
	smodel_free(m);
}

static void test_default_model_is_embedded(void **state)
{
	struct classifier *c;
	struct err e = { 0 };
	assert_int_equal(classifier_new(&c, 1, &e), 0);
	assert_non_null(classifier_model(c, LANGID_EN));
	assert_true(smodel_knows(classifier_model(c, LANGID_EN), LANGID_EN));
	/* trained on English only: Dutch texts go to its lexicon model */
	assert_false(smodel_knows(classifier_model(c, LANGID_NL), LANGID_NL));
	classifier_free(c);
}

/*
 * A team's model judges the languages it learnt; the default model keeps
 * the ones only it learnt: a team that trains on its Dutch mentions keeps
 * the default's judgement of its English ones.
 */
static void test_team_model_beside_default(void **state)
{
	struct smodel *team = train_synthetic(nl_filler);
	assert_int_equal(team->langs, 1u << LANGID_NL);

	struct classifier *both, *builtin;
	struct err e = { 0 };
	assert_int_equal(classifier_new(&both, 1, &e), 0);
	assert_int_equal(classifier_new(&builtin, 1, &e), 0);
	classifier_set_model(both, team);
	assert_ptr_equal(classifier_model(both, LANGID_NL), team);
	assert_ptr_equal(classifier_model(both, LANGID_OTHER), team);
	assert_ptr_equal(classifier_model(both, LANGID_FOREIGN), team); /* neither learnt it: the team's lexicon model */
	assert_ptr_not_equal(classifier_model(both, LANGID_EN), team);
	assert_true(smodel_knows(classifier_model(both, LANGID_EN), LANGID_EN));

	static const char *const en_texts[] = { "I love this, great service!", "Why is my order still not here?",
						"the train leaves at nine" };
	for (size_t i = 0; i < sizeof(en_texts) / sizeof(*en_texts); i++) {
		struct classify_result a, b;
		classify_text(both, &ws, en_texts[i], strlen(en_texts[i]), LANGID_EN, &a);
		classify_text(builtin, &ws, en_texts[i], strlen(en_texts[i]), LANGID_EN, &b);
		assert_int_equal(a.sentiment, b.sentiment);
		assert_float_equal(a.score, b.score, 0);
	}
	static const struct { const char *text; enum sentiment want; } nl_cases[] = {
		{ "de blorp met een zintu", SENT_POSITIVE },
		{ "het snerg van de kravol", SENT_NEGATIVE },
		{ "een tobra op het wesk", SENT_NEUTRAL },
	};
	for (size_t i = 0; i < sizeof(nl_cases) / sizeof(*nl_cases); i++) {
		struct classify_result r;
		classify_text(both, &ws, nl_cases[i].text, strlen(nl_cases[i].text), LANGID_NL, &r);
		if (r.sentiment != nl_cases[i].want)
			fail_msg("'%s': got %s", nl_cases[i].text, sentiment_name(r.sentiment));
	}
	classifier_set_model(both, NULL);
	assert_false(smodel_knows(classifier_model(both, LANGID_NL), LANGID_NL));
	classifier_free(both);
	classifier_free(builtin);
}

static int setup(void **state)
{
	struct err e = { 0 };
	return classifier_new(&cls, 0, &e);
}

static int teardown(void **state)
{
	classifier_free(cls);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_training_learns_synthetic_set),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_located_errors),
		cmocka_unit_test(test_lexicon_part),
		cmocka_unit_test(test_lexicon_model_carries_over),
		cmocka_unit_test(test_words_alike_in_every_class_learn_little),
		cmocka_unit_test(test_default_model_is_embedded),
		cmocka_unit_test(test_team_model_beside_default),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
