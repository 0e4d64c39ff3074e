/*
 * classify — the text classifiers of the listening engine behind one handle:
 * language (lang.h), sentiment by lexicon and rules (sentiment.h) with the
 * linear model on top (model.h), and webcare intent (intent.h).
 *
 * classifier_new() builds the word table once (a few milliseconds) and
 * loads koers' default model embedded in the binary; classifier_set_model()
 * adds a team's model. The team's model judges the texts in the languages
 * it learnt, and those in a language neither model learnt (by its lexicon
 * model); the default model keeps the languages only it learnt, so a model
 * trained on a team's Dutch mentions does not make its English ones worse.
 * Without either model, the rules alone decide. After that the classifier
 * is only read: any number of threads may call classify_text() at once,
 * each with its own `struct words` scratch. classify_text() allocates
 * nothing.
 */
#ifndef KOERS_LISTEN_CLASSIFY_H
#define KOERS_LISTEN_CLASSIFY_H

#include "base/err.h"
#include "listen/intent.h"
#include "listen/lang.h"
#include "listen/model.h"
#include "listen/sentiment.h"
#include "listen/words.h"

/* The name of the default model among the embedded files. */
#define CLASSIFY_DEFAULT_MODEL "models/sentiment-en.model"

struct classifier;

struct classify_result {
	enum langid lang;
	enum sentiment sentiment;
	float score; /* -1 (negative) .. 1 (positive) */
	enum intent intent;
	struct sentiment_lex lex; /* the rules' scores */
};

/* With `default_model`, the embedded default model is loaded; without, the rules alone. */
int classifier_new(struct classifier **out, int default_model, struct err *e);
void classifier_free(struct classifier *c);

/* Use a team's model m beside the default one (the classifier takes it over; NULL: none). */
void classifier_set_model(struct classifier *c, struct smodel *m);
/* The model that judges a text in `lang`, or NULL for the rules alone. */
const struct smodel *classifier_model(const struct classifier *c, enum langid lang);

/*
 * Classify text[0..len). `lang` is the record's language when it has one;
 * LANGID__COUNT asks for detection.
 */
void classify_text(const struct classifier *c, struct words *scratch, const char *text, size_t len,
		   enum langid lang, struct classify_result *r);

/* The model features of a text (for training), into out[SFEAT_MAX]; returns how many. */
size_t classify_features(const struct classifier *c, struct words *scratch, const char *text, size_t len,
			 uint32_t dim, struct sfeat *out);

#endif
