/*
 * grapheme — extended grapheme clusters of UTF-8 text, as Unicode Standard
 * Annex #29 (Unicode 17.0) defines them: rules GB1 to GB999, including the
 * Indic conjunct rule GB9c, emoji ZWJ sequences (GB11) and regional
 * indicator pairs (GB12, GB13). Bluesky counts its 300-character limit in
 * these clusters.
 *
 * The property data (Grapheme_Cluster_Break, Indic_Conjunct_Break,
 * Extended_Pictographic of Unicode 17.0) is the generated table in
 * grapheme-data.c (scripts/gen-graphemes, data/unicode/SOURCES.md).
 *
 * Nothing allocates, nothing fails, nothing is shared but constant tables.
 * Input need not be valid UTF-8: each byte that does not start a well-formed
 * sequence (overlong, surrogate, beyond U+10FFFF, cut short) is taken as one
 * U+FFFD, the replacement character a decoder would show in its place.
 */
#ifndef KOERS_GRAPHEME_H
#define KOERS_GRAPHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Grapheme_Cluster_Break values; the order is the generator's (bits 0-3). */
enum grapheme_gcb {
	GRAPHEME_OTHER, GRAPHEME_CR, GRAPHEME_LF, GRAPHEME_CONTROL, GRAPHEME_EXTEND,
	GRAPHEME_ZWJ, GRAPHEME_RI, GRAPHEME_PREPEND, GRAPHEME_SPACINGMARK,
	GRAPHEME_L, GRAPHEME_V, GRAPHEME_T, GRAPHEME_LV, GRAPHEME_LVT,
};
/* Indic_Conjunct_Break values (bits 4-5). */
enum grapheme_incb { GRAPHEME_INCB_NONE, GRAPHEME_INCB_LINKER, GRAPHEME_INCB_CONSONANT, GRAPHEME_INCB_EXTEND };
#define GRAPHEME_INCB_SHIFT 4
#define GRAPHEME_EXTPICT 0x40 /* Extended_Pictographic=Yes (bit 6) */

/* The three properties of code point cp packed in one byte as above; code
 * points outside 0..U+10FFFF get those of U+FFFD. */
unsigned grapheme_props(int32_t cp);
static inline enum grapheme_gcb grapheme_gcb(unsigned props) { return (enum grapheme_gcb)(props & 15); }
static inline enum grapheme_incb grapheme_incb(unsigned props)
{
	return (enum grapheme_incb)((props >> GRAPHEME_INCB_SHIFT) & 3);
}

/* Decodes the code point at s[0..n), n > 0: its length in bytes, and *cp,
 * which is -1 for a byte that starts no well-formed sequence (length 1). */
size_t grapheme_decode(const char *s, size_t n, int32_t *cp);

/* The rules seen code point by code point: zero-initialise a state at the
 * start of the text, then grapheme_break() says for each code point in turn
 * whether a cluster boundary comes before it (never before the first). */
struct grapheme_state {
	unsigned prev;  /* props of the previous code point */
	unsigned flags; /* what GB9c, GB11, GB12/13 must remember (grapheme.c) */
};
bool grapheme_break(struct grapheme_state *st, unsigned props);

/* The end of the cluster that starts at byte pos of s[0..n) (n if pos >= n).
 * pos must be a cluster boundary (0 or an end returned before). */
size_t grapheme_next(const char *s, size_t n, size_t pos);
/* The number of clusters in s[0..n). */
size_t grapheme_count(const char *s, size_t n);

/* The generated table: run i starts at code point grapheme_run_starts[i] and
 * has props grapheme_run_props[i]; starts are ascending, the first is 0.
 * Exposed for grapheme.c and the unit test. */
extern const uint32_t grapheme_run_starts[];
extern const uint8_t grapheme_run_props[];
extern const size_t grapheme_nruns;
/* The run that holds code point b * 256, for b from 0 to 0x200 (U+20000). */
#define GRAPHEME_BLOCKS 0x200
extern const uint16_t grapheme_block_run[GRAPHEME_BLOCKS + 1];

#endif
