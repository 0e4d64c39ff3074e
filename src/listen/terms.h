/*
 * terms — emerging terms: words whose frequency in a recent window rises
 * significantly above their frequency in a baseline window before it.
 *
 * Texts are normalised like queries match them (norm.h: case and accents
 * folded); words of at least three characters that are not all digits
 * count, once per text. A term is emerging when it occurs in at least
 * `min_count` recent texts, its recent rate is above its baseline rate, and
 * Dunning's log-likelihood ratio G² (2x2 table: texts with / without the
 * term, recent / baseline) is at least `min_g2` (10.83 is p < 0.001 for one
 * degree of freedom). Terms are ranked by G².
 *
 * Memory grows with the number of distinct words (a hash table); strings
 * in the result belong to the terms struct until terms_free().
 */
#ifndef KOERS_TERMS_H
#define KOERS_TERMS_H

#include <stddef.h>
#include <stdint.h>

struct terms;

struct term_row {
	const char *term;
	uint32_t recent, baseline; /* texts containing it */
	double g2, lift;           /* lift: recent rate / baseline rate (smoothed) */
};

struct terms *terms_new(void);
void terms_free(struct terms *t);
/* Count one text in the recent (recent != 0) or the baseline window. */
void terms_add(struct terms *t, const char *text, size_t len, int recent);
/* The emerging terms, best first, at most `limit`; *out is valid until terms_free(). */
size_t terms_emerging(struct terms *t, unsigned min_count, double min_g2, size_t limit, const struct term_row **out);

#endif
