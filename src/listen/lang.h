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
 *
 * Two kinds of "other": LANGID_OTHER says the language could not be told,
 * and the sentiment rules then read the post with every lexicon they have
 * ("#fail", "Damn typos :("); LANGID_FOREIGN says it is known to be another
 * language (at least two function words of German, French or Spanish that
 * outweigh the Dutch and English evidence, or a record's own language code),
 * whose words the Dutch and English lexicons must not judge: French "pain"
 * is bread. Both are named "other".
 */
#ifndef KOERS_LISTEN_LANG_H
#define KOERS_LISTEN_LANG_H

#include "listen/lexmap.h"
#include "listen/words.h"

enum langid { LANGID_OTHER, LANGID_NL, LANGID_EN, LANGID_FOREIGN, LANGID__COUNT };

/* Add the function words to the map (called once when the map is built). */
void langid_lex_add(struct lexmap *m);

enum langid langid_detect(const struct lexmap *m, const struct words *ws);

/* "nl", "en" or "other". */
const char *langid_name(enum langid l);
/*
 * LANGID_NL for "nl", "nl-BE", "dut"...; LANGID_EN for "en*", "eng";
 * LANGID_OTHER for no code, "other" and the codes for no or several
 * languages ("und", "mul", "zxx"); LANGID_FOREIGN for any other code.
 */
enum langid langid_parse(const char *code);

#endif
