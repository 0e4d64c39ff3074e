/*
 * dutch — the lexicon entry of a Dutch word that the lexicons do not list
 * as written, for the sentiment rules.
 *
 * dutch_base() undoes inflection, with Dutch spelling: comparative and
 * superlative, plural, diminutive, the present's "-t", the past's "-de" and
 * "-te", the participle's "ge-...-d/-t" ("lekkere" -> "lekker", "probleempje"
 * -> "probleem", "stinkt" -> "stinken", "geirriteerd" -> "irriteren").
 * dutch_formation() reads word formation: the negating prefix "on-"
 * (*flip set), the privative "-loos"/"-vrij" (*flip set), a compound by its
 * head ("klantvriendelijk"), intensifying first parts ("superleuk") and
 * judging ones ("kutweer", "prachtlocatie").
 *
 * Only entries with a Dutch valence (LEX_NL) count, and function and rule
 * words (DUTCH_NOT_CONTENT) are never taken apart. s is a folded word
 * (words.h); NULL when nothing fits. Pure functions over a read-only map:
 * safe for any number of threads.
 */
#ifndef KOERS_LISTEN_DUTCH_H
#define KOERS_LISTEN_DUTCH_H

#include <stddef.h>

#include "listen/lexmap.h"

/* Flags of words that are no content word in a Dutch text. */
#define DUTCH_NOT_CONTENT (LEXF_NL | LEXF_BOOST | LEXF_DAMPEN | LEXF_NEGATE | LEXF_CONTRAST | LEXF_NOVAL_NL)

/* The base form of an inflected word; the stem is at least min_stem bytes (5 for a compound's head: fewer endings). */
const struct lexent *dutch_base(const struct lexmap *m, const char *s, size_t n, size_t min_stem);
const struct lexent *dutch_formation(const struct lexmap *m, const char *s, size_t n, int *flip);

#endif
