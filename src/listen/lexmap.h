/*
 * lexmap — the word table of the text classifiers: folded word (see
 * words_fold) -> sentiment valence per language and rule flags (negator,
 * intensifier, contrast, function word of a language, intent cue).
 *
 * Open addressing with linear probing on the words_hash() of the key, with
 * a one-bit-per-hash filter in front that rejects most absent words, built
 * once (lexmap_put) and then only read (lexmap_get), so one map serves any
 * number of threads. The map owns copies of its keys; lexmap_free() releases
 * everything. Allocation failure aborts (xalloc).
 */
#ifndef KOERS_LISTEN_LEXMAP_H
#define KOERS_LISTEN_LEXMAP_H

#include <stddef.h>
#include <stdint.h>

#include "listen/words.h"

enum lex_lang { LEX_EN, LEX_NL, LEX__LANGS };

enum lex_flag {
	/* function words, for language detection */
	LEXF_NL = 1u << 0,
	LEXF_EN = 1u << 1,
	LEXF_DE = 1u << 2,
	LEXF_FR = 1u << 3,
	LEXF_ES = 1u << 4,
	/* sentiment rules */
	LEXF_NEGATE = 1u << 8,
	LEXF_BOOST = 1u << 9,
	LEXF_DAMPEN = 1u << 10,
	LEXF_CONTRAST = 1u << 11,
	LEXF_NOVAL_NL = 1u << 12, /* no valence in a Dutch text */
	LEXF_PHRASE = 1u << 13,   /* the first word of a set phrase (see sentiment.c) */
	LEXF_WORKS = 1u << 14,    /* a service doing its job ("works", "arrived", "reageert"): negated, it fails */
	LEXF_WAIT = 1u << 15,     /* "waiting", "wachten", "hold" (see sentiment.c) */
	/* intent cues */
	LEXF_INTERROG = 1u << 16,
	LEXF_COMPLAIN = 1u << 17,
	LEXF_PRAISE = 1u << 18,
	LEXF_SERVICE = 1u << 19,
	LEXF_REQUEST = 1u << 20,
	LEXF_THANKS = 1u << 21,
};

struct lexent {
	float val[LEX__LANGS]; /* valence on VADER's scale -4..+4; 0 when absent */
	uint8_t has[LEX__LANGS]; /* 1 when val[] is from a lexicon */
	uint32_t flags;
};

struct lexmap;

struct lexmap *lexmap_new(void);
void lexmap_free(struct lexmap *m);

/* The entry for the folded key (added with zero values when missing). */
struct lexent *lexmap_put(struct lexmap *m, const char *key, size_t len);
/* Fold `word` first (words_fold), then lexmap_put(). */
struct lexent *lexmap_put_word(struct lexmap *m, const char *word);
/* The entry for a folded key with its words_hash(), or NULL. */
const struct lexent *lexmap_get(const struct lexmap *m, const char *key, size_t len, uint64_t hash);
size_t lexmap_count(const struct lexmap *m);

/*
 * Look up every token of ws once (into ws->lex), for the classifiers that
 * all read the same words; lexmap_word() then answers from there.
 */
void lexmap_words(const struct lexmap *m, struct words *ws);

/* The entry of token i of ws: lexmap_get() of its text, from ws->lex when lexmap_words() filled it for m. */
static inline const struct lexent *lexmap_word(const struct lexmap *m, const struct words *ws, size_t i)
{
	if (ws->lex_of == (const void *)m)
		return ws->lex[i];
	return lexmap_get(m, ws->buf + ws->w[i].off, ws->w[i].len, ws->w[i].hash);
}

/*
 * A filter on the first three bytes of the keys with a Dutch valence, so
 * that the analysis of unknown Dutch word forms (sentiment.c) skips its
 * lookups for a stem no listed word starts like. lexmap_index_nl() builds
 * it once all valences are in; lexmap_nl_prefix() is false only when no key
 * with a Dutch valence starts with s[0..3) (true for n < 3 and before the
 * index is built).
 */
void lexmap_index_nl(struct lexmap *m);
int lexmap_nl_prefix(const struct lexmap *m, const char *s, size_t n);

#endif
