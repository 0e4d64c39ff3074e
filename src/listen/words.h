/*
 * words — the tokenizer shared by the text classifiers (language, sentiment,
 * intent): splits one UTF-8 post into words, emoji, emoticon candidates,
 * mentions, URLs and punctuation, each folded (lower case, Latin accents
 * removed, elongations like "goooood" cut to two letters) for lookup, with
 * a 64-bit hash for the model's hashed features.
 *
 * Nothing is allocated: `struct words` has fixed room, and text beyond it
 * (WORDS_MAX tokens or WORDS_BUF folded bytes) is ignored, which only
 * matters for texts far longer than a social post. Invalid UTF-8 bytes are
 * skipped. The caller owns the struct (it is about 16 KiB: keep one per
 * thread, or put it on the stack).
 */
#ifndef KOERS_LISTEN_WORDS_H
#define KOERS_LISTEN_WORDS_H

#include <stddef.h>
#include <stdint.h>

enum { WORDS_MAX = 400, WORDS_BUF = 6144 };

struct lexent;

enum word_kind {
	WORD_WORD,    /* letters and digits, with inner ' and - */
	WORD_EMOJI,   /* one emoji code point (modifiers and joiners dropped) */
	WORD_PUNCT,   /* a run of punctuation: an emoticon candidate or a break */
	WORD_MENTION, /* @handle (folded text without the @) */
	WORD_URL,
};

enum word_flag {
	WORD_CAPS = 1,     /* written in capitals, at least two letters */
	WORD_ELONG = 2,    /* had a letter three or more times in a row */
	WORD_HASHTAG = 4,  /* written as #tag */
	WORD_BREAK = 8,    /* punctuation that ends a clause (. , ; : ! ?) */
	WORD_NUMBER = 16,  /* digits only */
};

struct word {
	uint32_t off;  /* folded text at buf + off, NUL-terminated */
	uint16_t len;
	uint8_t kind;  /* enum word_kind */
	uint8_t flags; /* enum word_flag */
	uint64_t hash; /* words_hash() of the folded text */
};

struct words {
	size_t n;
	unsigned letters_words; /* words with at least two letters */
	unsigned caps_words;    /* of those, written in capitals */
	unsigned exclaims, questions; /* '!' and '?' in the text */
	size_t used;
	struct word w[WORDS_MAX];
	char buf[WORDS_BUF];
	/*
	 * Each token's entry in the word table `lex_of` (see lexmap_words()),
	 * so that the classifiers look a word up once, not each on its own.
	 * words_split() sets lex_of to NULL: not looked up yet.
	 */
	const void *lex_of;
	const struct lexent *lex[WORDS_MAX];
};

/* Tokenize text[0..len) into *ws (overwritten). */
void words_split(struct words *ws, const char *text, size_t len);

static inline const char *words_text(const struct words *ws, size_t i) { return ws->buf + ws->w[i].off; }

/* FNV-1a over bytes: the hash used by the lexicon map and the model. */
uint64_t words_hash(const void *p, size_t n);

/*
 * Fold s[0..n) the way words_split() folds a word (lower case, accents off)
 * into out (cap bytes, NUL-terminated); returns the folded length. Used to
 * fold lexicon entries so that they meet the tokens.
 */
size_t words_fold(const char *s, size_t n, char *out, size_t cap);

/* True for the code points words_split() treats as emoji. */
int words_is_emoji(uint32_t cp);

#endif
