/* Shared setup of the listen unit tests: the classifiers' word table. */
#ifndef KOERS_TEST_LISTEN_H
#define KOERS_TEST_LISTEN_H

#include "listen/intent.h"
#include "listen/lang.h"
#include "listen/lexmap.h"
#include "listen/sentiment.h"

static inline struct lexmap *test_lexmap(void)
{
	struct lexmap *m = lexmap_new();
	struct err e = { 0 };
	langid_lex_add(m);
	intent_lex_add(m);
	if (sentiment_lex_add(m, &e) < 0)
		return NULL;
	return m;
}

#endif
