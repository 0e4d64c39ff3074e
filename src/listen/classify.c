/* The text classifiers behind one handle; see classify.h. */
#include "listen/classify.h"

#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/xalloc.h"

struct classifier {
	struct lexmap *lex;
	struct smodel *builtin; /* the default model, or NULL */
	struct smodel *team;    /* a team's model, or NULL */
};

int classifier_new(struct classifier **out, int default_model, struct err *e)
{
	struct classifier *c = xcalloc(1, sizeof(*c));
	c->lex = lexmap_new();
	langid_lex_add(c->lex);
	intent_lex_add(c->lex);
	int r = sentiment_lex_add(c->lex, e);
	if (r < 0) {
		classifier_free(c);
		return r;
	}
	const struct embedded *m = default_model ? embedded_find(CLASSIFY_DEFAULT_MODEL) : NULL;
	if (m && (r = smodel_load((const char *)m->data, m->size, CLASSIFY_DEFAULT_MODEL, &c->builtin, e)) < 0) {
		classifier_free(c);
		return r;
	}
	*out = c;
	return 0;
}

void classifier_free(struct classifier *c)
{
	if (!c)
		return;
	lexmap_free(c->lex);
	smodel_free(c->builtin);
	smodel_free(c->team);
	free(c);
}

void classifier_set_model(struct classifier *c, struct smodel *m)
{
	smodel_free(c->team);
	c->team = m;
}

const struct smodel *classifier_model(const struct classifier *c, enum langid lang)
{
	if (c->team && (smodel_knows(c->team, lang) || !c->builtin || !smodel_knows(c->builtin, lang)))
		return c->team;
	return c->builtin;
}

static enum langid prepare(const struct classifier *c, struct words *ws, const char *text, size_t len,
			   enum langid lang, struct sentiment_lex *lx)
{
	words_split(ws, text, len);
	lexmap_words(c->lex, ws);
	if (lang >= LANGID__COUNT)
		lang = langid_detect(c->lex, ws);
	sentiment_score(c->lex, ws, lang, lx);
	return lang;
}

void classify_text(const struct classifier *c, struct words *ws, const char *text, size_t len,
		   enum langid lang, struct classify_result *r)
{
	r->lang = prepare(c, ws, text, len, lang, &r->lex);
	const struct smodel *model = classifier_model(c, r->lang);
	if (model && ws->n) {
		struct sfeat f[SFEAT_MAX + SMODEL_DENSE]; /* the features, then the lexicon model's */
		size_t n = smodel_features(c->lex, ws, r->lang, &r->lex, model->dim, f);
		size_t nd = 0;
		while (nd < n && f[nd].idx < SMODEL_DENSE)
			nd++;
		if (!smodel_knows(model, r->lang)) {
			/* a language the model has no words of: its lexicon model alone, on the rules' scores */
			n = smodel_lexicon_part(f, n);
		} else {
			/* the whole model and the lexicon model together: their log-odds add up */
			memcpy(f + n, f, nd * sizeof(*f));
			n += smodel_lexicon_part(f + n, nd);
		}
		/*
		 * The weights of a text's features lie scattered over megabytes:
		 * asking for all of them at once lets their cache misses overlap.
		 */
		for (size_t i = 0; i < n; i++)
			__builtin_prefetch(model->w + (size_t)f[i].idx * SENT__COUNT);
		float p[SENT__COUNT];
		smodel_predict(model, f, n, p);
		int best = SENT_NEUTRAL;
		for (int k = 0; k < SENT__COUNT; k++)
			if (p[k] > p[best])
				best = k;
		r->sentiment = (enum sentiment)best;
		r->score = p[SENT_POSITIVE] - p[SENT_NEGATIVE];
	} else {
		/* the rules alone: for no model or an empty text */
		r->sentiment = sentiment_label(r->lex.compound);
		r->score = r->lex.compound;
	}
	r->intent = intent_detect(c->lex, ws, &r->lex, r->sentiment);
}

size_t classify_features(const struct classifier *c, struct words *ws, const char *text, size_t len,
			 uint32_t dim, struct sfeat *out)
{
	struct sentiment_lex lx;
	enum langid lang = prepare(c, ws, text, len, LANGID__COUNT, &lx);
	return smodel_features(c->lex, ws, lang, &lx, dim, out);
}
