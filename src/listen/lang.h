/*
 * lang — language identification of short social posts: Dutch, English or
 * other, for records that arrive without a language.
 *
 * Evidence per word, summed over the post: function words of Dutch, English
 * and (as competitors, so that they come out as "other") German, French and
 * Spanish, written for koers; membership of the shipped Dutch and English
 * sentiment lexicons; and spelling cues (Dutch "ij", "aa", "-heid", English
 * "th", "wh", "-ly"). A post with no evidence at all (only mentions, links,
 * emoji) is "other". No allocation; the lexmap is only read.
 */
#ifndef KOERS_LISTEN_LANG_H
#define KOERS_LISTEN_LANG_H

#include "listen/lexmap.h"
#include "listen/words.h"

enum langid { LANGID_OTHER, LANGID_NL, LANGID_EN, LANGID__COUNT };

/* Add the function words to the map (called once when the map is built). */
void langid_lex_add(struct lexmap *m);

enum langid langid_detect(const struct lexmap *m, const struct words *ws);

/* "nl", "en" or "other". */
const char *langid_name(enum langid l);
/* LANGID_NL for "nl", "nl-BE", "dut"...; LANGID_EN for "en*", "eng"; else OTHER. */
enum langid langid_parse(const char *code);

#endif
