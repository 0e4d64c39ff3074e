/*
 * intent — webcare triage of a post: complaint, question, praise or other,
 * for Dutch and English, by rules over cue words (written for koers), the
 * question mark, the opening word, and the post's sentiment.
 *
 * A complaint outweighs a question ("why is my order still not here?" needs
 * webcare as a complaint); praise needs positive sentiment. No allocation;
 * the lexmap is only read.
 */
#ifndef KOERS_LISTEN_INTENT_H
#define KOERS_LISTEN_INTENT_H

#include "listen/lang.h"
#include "listen/lexmap.h"
#include "listen/sentiment.h"
#include "listen/words.h"

enum intent { INTENT_OTHER, INTENT_COMPLAINT, INTENT_QUESTION, INTENT_PRAISE, INTENT__COUNT };

/* Add the cue words to the map (once, when it is built). */
void intent_lex_add(struct lexmap *m);

/* `sent` is the post's sentiment label, `s` the lexicon's scores. */
enum intent intent_detect(const struct lexmap *m, const struct words *ws, const struct sentiment_lex *s,
			  enum sentiment sent);

/* "other", "complaint", "question", "praise". */
const char *intent_name(enum intent i);
/* The intent named s ("complaint", ...), or -1. */
int intent_parse(const char *s);

#endif
