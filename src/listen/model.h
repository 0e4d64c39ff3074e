/*
 * model — the trainable sentiment model used on top of the lexicon: a
 * multinomial logistic regression (negative, neutral, positive) over hashed
 * word, bigram and character-trigram features (words after a negation
 * marked as such) plus the lexicon's scores (sentiment.h) as dense
 * features, and beside it a small lexicon model on those scores alone for
 * languages it has no words of. A team trains it on its own labelled mentions (`koers listen train`); koers ships a default one
 * trained only on data whose licence allows it (data/models/README.md).
 *
 * The file format (documented in docs/listening-model.md) is text:
 *
 *     koers-sentiment-model 1
 *     features 2
 *     dim 262144
 *     classes negative neutral positive
 *     languages nl en        (those it learnt from: "nl", "en", both, or "-")
 *     weights N
 *     INDEX W_NEGATIVE W_NEUTRAL W_POSITIVE      (N lines, INDEX ascending)
 *     end
 *
 * Lines starting with '#' are comments. smodel_load() reports the first
 * problem as "NAME:LINE: reason" and loads nothing then.
 *
 * smodel_features() and smodel_predict() allocate nothing and only read the
 * model, so one model serves many threads. A struct smodel is owned by its
 * creator and released with smodel_free().
 */
#ifndef KOERS_LISTEN_MODEL_H
#define KOERS_LISTEN_MODEL_H

#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "listen/lang.h"
#include "listen/sentiment.h"

#define SMODEL_VERSION 1
#define SMODEL_FEATURES 2 /* version of the feature extraction the weights belong to */
/*
 * Slots 0..SMODEL_DENSE-1: the whole model's dense features (the rules'
 * scores; the first SMODEL_LEXICON mean the same in every language, the
 * rest mark the language). Slots SMODEL_DENSE..SMODEL_HASHED-1: the lexicon
 * model, the same language-independent features in slots of their own, a
 * small model of its own for texts in a language the model has no words of.
 * From SMODEL_HASHED: hashed words and bigrams.
 */
enum {
	SMODEL_LEXICON = 30,
	SMODEL_DENSE = 32,
	SMODEL_HASHED = 2 * SMODEL_DENSE,
	SMODEL_DIM_DEFAULT = 1u << 18,
	SFEAT_MAX = 4096, /* room for a long post's words, bigrams and trigrams; more are left out */
};

struct smodel {
	uint32_t dim;   /* number of feature slots, a power of two */
	float *w;       /* dim * SENT__COUNT weights, feature-major */
	unsigned langs; /* bit 1 << LANGID_NL, 1 << LANGID_EN: languages it learnt from */
};

struct sfeat {
	uint32_t idx;
	float val;
};

struct smodel *smodel_new(uint32_t dim);
void smodel_free(struct smodel *m);

/* The features of one text into out[SFEAT_MAX]; returns how many. */
size_t smodel_features(const struct lexmap *lx, const struct words *ws, enum langid lang,
		       const struct sentiment_lex *s, uint32_t dim, struct sfeat *out);

/*
 * Turn the features f[0..n) of smodel_features() into those of the lexicon
 * model, in place; returns how many. For a text in a language the model did
 * not learn: its words mean nothing to the model, but the rules' scores
 * from that language's lexicon carry over.
 */
size_t smodel_lexicon_part(struct sfeat *f, size_t n);

/*
 * Whether the model learnt from texts in `lang` (at least a tenth of its
 * training texts were in it). The classifier judges texts in other languages
 * by another model that learnt them, or by this one's lexicon model: a model
 * trained on English knows nothing of Dutch words.
 */
int smodel_knows(const struct smodel *m, enum langid lang);
/* The languages it learnt as its file's `languages` line names them: "nl en", "nl", "en" or "-". */
const char *smodel_languages(const struct smodel *m);

/* Class probabilities p[SENT__COUNT]. */
void smodel_predict(const struct smodel *m, const struct sfeat *f, size_t n, float *p);

/* Training examples: the features of example i are feat[off[i] .. off[i+1]). */
struct strain_set {
	struct sfeat *feat;
	size_t *off;
	uint8_t *label;
	size_t n, nfeat, alloc_feat, alloc_n;
};

void strain_add(struct strain_set *t, const struct sfeat *f, size_t n, int label);
void strain_release(struct strain_set *t);

struct strain_opts {
	unsigned epochs;  /* passes over the data (default 5) */
	float rate;       /* AdaGrad learning rate (default 0.2) */
	float l2;         /* L2 penalty per example (default 1e-5) */
	uint32_t seed;    /* shuffling; the same seed gives the same model */
};

/*
 * Train on the set (labels 0..2 = enum sentiment). Classes are weighted by
 * the inverse of their frequency, so that a rare class counts as much as a
 * common one (the goal is macro-averaged recall). The hashed features are
 * learnt scaled by their Naive Bayes log-count ratio in the set (NBSVM);
 * the returned weights hold that scale, so smodel_predict() takes the
 * features as smodel_features() gives them.
 */
struct smodel *smodel_train(const struct strain_set *t, uint32_t dim, const struct strain_opts *o);

int smodel_save(const struct smodel *m, FILE *f);
int smodel_load(const char *data, size_t len, const char *name, struct smodel **out, struct err *e);

#endif
