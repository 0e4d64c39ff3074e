/*
 * norm — text normalisation for matching listening queries.
 *
 * norm_text() turns a mention (or a query term) into the form every matcher
 * compares: Unicode compatibility decomposition (NFKD), combining marks
 * stripped, case folded, default-ignorable code points (soft hyphen, zero
 * width joiner) dropped — so "Café", "CAFE" and "café" all become "cafe",
 * "ﬁets" becomes "fiets" and "Straße" becomes "strasse". utf8proc does the
 * Unicode work.
 *
 * Word rule: a word is a maximal run of letters (Unicode category L*),
 * digits and other numbers (N*) and the underscore. Every other code point
 * separates words. In the output every separator becomes one ASCII space,
 * except '#' and '@', which stay because hashtags and mentions are told
 * apart by them; runs of spaces are collapsed. Invalid UTF-8 bytes count as
 * separators. So after normalisation a byte is a separator exactly when it is
 * ' ', '#' or '@' (norm_is_sep()): all word bytes are ASCII letters, digits,
 * '_' or parts of multi-byte UTF-8 sequences.
 *
 * The output starts and ends with a space, so that every word has a
 * separator on both sides; a matcher never needs to test for the ends.
 *
 * The buffer is owned by the caller and reused: after it has grown to the
 * longest text seen, normalising allocates nothing. Nothing here fails
 * (xrealloc aborts on out of memory). Safe for concurrent use with one
 * buffer per thread.
 */
#ifndef KOERS_NORM_H
#define KOERS_NORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct norm_buf {
	char *buf; /* NUL-terminated normalised text, ' ' + words + ' ' */
	size_t len;
	size_t alloc;
};

#define NORM_BUF_INIT { NULL, 0, 0 }

void norm_buf_release(struct norm_buf *b);

/* Replace b's contents with the normalisation of s[0..n); returns b->len. */
size_t norm_text(struct norm_buf *b, const char *s, size_t n);

/*
 * The folding of one code point that norm_text() applies, and the
 * classifiers' tokenizer too (listen/words.h): NFKD, case folded, marks
 * stripped, default-ignorable code points dropped ("É" -> "e", "ﬁ" -> "fi",
 * soft hyphen -> nothing). The number of code points put in out, or -1 for
 * what cannot be decomposed (no valid code point). A decomposition never
 * needs more room than NORM_FOLD_MAX (U+FDFA needs 18).
 */
#define NORM_FOLD_MAX 32
int norm_fold_cp(int32_t cp, int32_t out[NORM_FOLD_MAX]);

static inline bool norm_is_sep(unsigned char c)
{
	return c == ' ' || c == '#' || c == '@';
}

#endif
