/*
 * sentiment — lexicon and rules for Dutch and English posts.
 *
 * Valences come from the shipped lexicons (data/lexicons: VADER and its
 * emoji list for English, LUPJE and Pattern for Dutch), embedded in the
 * binary and loaded once into the lexmap by sentiment_lex_add(). The rules,
 * in the manner of VADER: negation in the three words before ("not good",
 * "niet lekker", "geen goede") flips and damps; intensifiers ("very",
 * "heel", "erg") and dampeners ("slightly", "beetje") scale; contrast
 * ("but", "maar", "however", "echter") halves what comes before and weighs
 * what follows 1.5 times; emoticons and emoji carry valence; elongation
 * ("goooood") and capitals ("GREAT" in a text that is not all capitals)
 * strengthen; exclamation marks amplify. For Dutch also: inflected forms
 * found by their listed form (plural, diminutive, verb forms, participles),
 * word formation (compounds, "on-", intensifying and judging first parts),
 * "te" + adjective as excess, a negation that negates nothing as a lack,
 * "kan beter" as criticism, and separable verbs ("viel tegen"). In both,
 * a service said not to do its job ("doesn't work", "never arrived", "werkt
 * niet", "geen reactie") is negative, and so is waiting a stated time
 * ("al 3 weken wachten", "on hold for 45 minutes").
 *
 * sentiment_score() allocates nothing and only reads the map. The trainable
 * model on top of these scores is in model.h.
 */
#ifndef KOERS_LISTEN_SENTIMENT_H
#define KOERS_LISTEN_SENTIMENT_H

#include "base/err.h"
#include "listen/lang.h"
#include "listen/lexmap.h"
#include "listen/words.h"

enum sentiment { SENT_NEGATIVE, SENT_NEUTRAL, SENT_POSITIVE, SENT__COUNT };

/* The rules' result for one text. */
struct sentiment_lex {
	float compound;   /* the normalised sum, in [-1, 1] */
	float pos, neg;   /* sums of the positive and (as a positive number) negative valences */
	unsigned hits;    /* words, emoji and emoticons with a valence */
	unsigned negated; /* of those, flipped by a negation */
	float emo_pos, emo_neg; /* of pos and neg, the part from emoji and emoticons */
	float max_pos, max_neg; /* the strongest single positive and negative valence */
	unsigned contrast;      /* 1 when a contrast word ("but", "maar") splits the text */
	unsigned boosted;       /* valenced words scaled by an intensifier, capitals or elongation */
	unsigned fails;         /* a job not done, or not in time: "doesn't work", "geen reactie", "3 weken wachten" */
};

/* Load the embedded lexicons and the rule words into the map; ERR_* on a broken build. */
int sentiment_lex_add(struct lexmap *m, struct err *e);

void sentiment_score(const struct lexmap *m, const struct words *ws, enum langid lang, struct sentiment_lex *out);

/* The label of the rules alone: VADER's convention, |compound| >= 0.05 is polar. */
enum sentiment sentiment_label(float compound);

/* "negative", "neutral", "positive"; and back (-1 when unknown). */
const char *sentiment_name(enum sentiment s);
int sentiment_parse(const char *s, size_t n);

#endif
