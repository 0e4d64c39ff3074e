/* Webcare triage by rules; see intent.h. */
#include "listen/intent.h"

#include <string.h>

#include "base/i18n.h"

/* Cue words, written for koers; two-word cues are checked in intent_detect(). */
static const struct {
	const char *word;
	uint32_t flag;
} cue_words[] = {
	/* interrogatives and openings of a question */
	{ "what", LEXF_INTERROG }, { "why", LEXF_INTERROG }, { "how", LEXF_INTERROG }, { "when", LEXF_INTERROG },
	{ "where", LEXF_INTERROG }, { "who", LEXF_INTERROG }, { "which", LEXF_INTERROG }, { "whats", LEXF_INTERROG },
	{ "what's", LEXF_INTERROG }, { "wat", LEXF_INTERROG }, { "waarom", LEXF_INTERROG }, { "hoe", LEXF_INTERROG },
	{ "wanneer", LEXF_INTERROG }, { "waar", LEXF_INTERROG }, { "wie", LEXF_INTERROG }, { "welke", LEXF_INTERROG },
	{ "welk", LEXF_INTERROG }, { "hoeveel", LEXF_INTERROG }, { "hoelang", LEXF_INTERROG }, { "waarmee", LEXF_INTERROG },
	/* requests for help */
	{ "please", LEXF_REQUEST }, { "pls", LEXF_REQUEST }, { "plz", LEXF_REQUEST }, { "help", LEXF_REQUEST },
	{ "anyone", LEXF_REQUEST }, { "alsjeblieft", LEXF_REQUEST }, { "alstublieft", LEXF_REQUEST },
	{ "aub", LEXF_REQUEST }, { "svp", LEXF_REQUEST }, { "graag", LEXF_REQUEST }, { "iemand", LEXF_REQUEST },
	{ "hulp", LEXF_REQUEST }, { "helpen", LEXF_REQUEST },
	/* complaints */
	{ "refund", LEXF_COMPLAIN }, { "broken", LEXF_COMPLAIN }, { "cancelled", LEXF_COMPLAIN },
	{ "canceled", LEXF_COMPLAIN }, { "delayed", LEXF_COMPLAIN }, { "delay", LEXF_COMPLAIN },
	{ "waiting", LEXF_COMPLAIN }, { "complaint", LEXF_COMPLAIN }, { "complain", LEXF_COMPLAIN },
	{ "unacceptable", LEXF_COMPLAIN }, { "ridiculous", LEXF_COMPLAIN }, { "useless", LEXF_COMPLAIN },
	{ "scam", LEXF_COMPLAIN }, { "rude", LEXF_COMPLAIN }, { "outage", LEXF_COMPLAIN }, { "overcharged", LEXF_COMPLAIN },
	{ "charged", LEXF_COMPLAIN }, { "crashed", LEXF_COMPLAIN }, { "crashes", LEXF_COMPLAIN },
	{ "crashing", LEXF_COMPLAIN }, { "keeps", LEXF_COMPLAIN }, { "crasht", LEXF_COMPLAIN }, { "bug", LEXF_COMPLAIN },
	{ "worst", LEXF_COMPLAIN }, { "terrible", LEXF_COMPLAIN }, { "awful", LEXF_COMPLAIN }, { "disappointed", LEXF_COMPLAIN },
	{ "missing", LEXF_COMPLAIN }, { "lost", LEXF_COMPLAIN }, { "late", LEXF_COMPLAIN }, { "never", LEXF_COMPLAIN },
	{ "still", LEXF_COMPLAIN }, { "again", LEXF_COMPLAIN }, { "problem", LEXF_COMPLAIN }, { "issue", LEXF_COMPLAIN },
	{ "klacht", LEXF_COMPLAIN }, { "klagen", LEXF_COMPLAIN }, { "terugbetaling", LEXF_COMPLAIN },
	{ "vertraging", LEXF_COMPLAIN }, { "vertraagd", LEXF_COMPLAIN }, { "storing", LEXF_COMPLAIN },
	{ "kapot", LEXF_COMPLAIN }, { "defect", LEXF_COMPLAIN }, { "wachten", LEXF_COMPLAIN }, { "wacht", LEXF_COMPLAIN },
	{ "steeds", LEXF_COMPLAIN }, { "onbereikbaar", LEXF_COMPLAIN }, { "oplichting", LEXF_COMPLAIN },
	{ "waardeloos", LEXF_COMPLAIN }, { "belachelijk", LEXF_COMPLAIN }, { "schandalig", LEXF_COMPLAIN },
	{ "teleurgesteld", LEXF_COMPLAIN }, { "probleem", LEXF_COMPLAIN }, { "geannuleerd", LEXF_COMPLAIN },
	{ "kwijt", LEXF_COMPLAIN }, { "opgelicht", LEXF_COMPLAIN }, { "alweer", LEXF_COMPLAIN }, { "weer", LEXF_COMPLAIN },
	{ "nooit", LEXF_COMPLAIN }, { "onacceptabel", LEXF_COMPLAIN }, { "bagger", LEXF_COMPLAIN }, { "slecht", LEXF_COMPLAIN },
	/* the service and the product, where complaints land */
	{ "service", LEXF_SERVICE }, { "support", LEXF_SERVICE }, { "helpdesk", LEXF_SERVICE }, { "order", LEXF_SERVICE },
	{ "delivery", LEXF_SERVICE }, { "package", LEXF_SERVICE }, { "parcel", LEXF_SERVICE }, { "account", LEXF_SERVICE },
	{ "app", LEXF_SERVICE }, { "website", LEXF_SERVICE }, { "connection", LEXF_SERVICE }, { "internet", LEXF_SERVICE },
	{ "train", LEXF_SERVICE }, { "flight", LEXF_SERVICE }, { "bill", LEXF_SERVICE }, { "invoice", LEXF_SERVICE },
	{ "klantenservice", LEXF_SERVICE | LEXF_COMPLAIN }, { "klantendienst", LEXF_SERVICE }, { "bestelling", LEXF_SERVICE },
	{ "levering", LEXF_SERVICE }, { "bezorging", LEXF_SERVICE }, { "pakket", LEXF_SERVICE }, { "pakketje", LEXF_SERVICE },
	{ "verbinding", LEXF_SERVICE }, { "trein", LEXF_SERVICE }, { "vlucht", LEXF_SERVICE }, { "rekening", LEXF_SERVICE },
	{ "factuur", LEXF_SERVICE }, { "medewerker", LEXF_SERVICE }, { "bezorger", LEXF_SERVICE }, { "monteur", LEXF_SERVICE },
	/* praise */
	{ "thanks", LEXF_PRAISE | LEXF_THANKS }, { "thank", LEXF_PRAISE | LEXF_THANKS }, { "thx", LEXF_PRAISE | LEXF_THANKS },
	{ "love", LEXF_PRAISE }, { "great", LEXF_PRAISE }, { "awesome", LEXF_PRAISE }, { "amazing", LEXF_PRAISE },
	{ "excellent", LEXF_PRAISE }, { "fantastic", LEXF_PRAISE }, { "perfect", LEXF_PRAISE }, { "recommend", LEXF_PRAISE },
	{ "kudos", LEXF_PRAISE }, { "compliments", LEXF_PRAISE }, { "brilliant", LEXF_PRAISE }, { "best", LEXF_PRAISE },
	{ "bedankt", LEXF_PRAISE | LEXF_THANKS }, { "dank", LEXF_PRAISE | LEXF_THANKS }, { "dankjewel", LEXF_PRAISE | LEXF_THANKS },
	{ "dankuwel", LEXF_PRAISE | LEXF_THANKS }, { "dankje", LEXF_PRAISE | LEXF_THANKS }, { "geweldig", LEXF_PRAISE }, { "fantastisch", LEXF_PRAISE },
	{ "top", LEXF_PRAISE }, { "toppers", LEXF_PRAISE }, { "topper", LEXF_PRAISE }, { "compliment", LEXF_PRAISE },
	{ "complimenten", LEXF_PRAISE }, { "aanrader", LEXF_PRAISE }, { "heerlijk", LEXF_PRAISE }, { "tevreden", LEXF_PRAISE },
	{ "blij", LEXF_PRAISE }, { "super", LEXF_PRAISE }, { "prima", LEXF_PRAISE }, { "perfect", LEXF_PRAISE },
};

/* Words that open a yes/no question: "is it...", "kan ik...", "do you...". */
static const char *const openers[] = {
	"is", "are", "can", "could", "would", "will", "do", "does", "did", "have", "has", "should",
	"kan", "kun", "kunt", "kunnen", "zijn", "heeft", "hebben", "hebt", "mag", "moet", "weet", "wordt", "gaat",
};

/*
 * Subjects after an opener: the verb before its subject ("is the store",
 * "can you", "kan ik", "heeft iemand") asks, in English and in Dutch, even
 * where the writer left the question mark out.
 */
static const char *const subjects[] = {
	"i", "you", "we", "they", "he", "she", "it", "the", "this", "that", "there", "my", "your", "our",
	"anyone", "anybody", "someone", "somebody", "ik", "je", "jij", "u", "jullie", "wij", "hij", "zij", "ze",
	"het", "de", "dit", "dat", "die", "er", "iemand", "mijn", "jouw", "uw", "onze", "ons",
};

/* Words after "what"/"wat" that make an exclamation, not a question: "what a day", "what the hell", "wat een". */
static const char *const exclaiming[] = { "a", "an", "the", "een", "n", "'n" };

/* Words after "how"/"hoe" that ask for a measure, though a lexicon scores some of them ("hoe laat", "hoe lang"). */
static const char *const measuring[] = {
	"laat", "lang", "vaak", "veel", "ver", "oud", "duur", "late", "long", "often", "much", "many", "far", "old",
};

/* Objects, not subjects, after an imperative "do": "do it now", "do this". */
static const char *const objects[] = { "it", "this", "that" };

void intent_lex_add(struct lexmap *m)
{
	for (size_t i = 0; i < sizeof(cue_words) / sizeof(*cue_words); i++)
		lexmap_put_word(m, cue_words[i].word)->flags |= cue_words[i].flag;
}

static int in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		/* no strlen: strncmp stops at the word's end, and a first byte that differs ends it at once */
		if (list[i][0] == s[0] && !strncmp(list[i], s, len) && list[i][len] == '\0')
			return 1;
	return 0;
}

#define IN_LIST(list, s, len) in_list(list, sizeof(list) / sizeof(*list), s, len)

/*
 * How strongly the word at i, the first of its clause, opens a question: 2
 * for an interrogative ("how do I", "waarom duurt") or a verb before its
 * subject ("is the store open", "kan ik"), which ask without a question
 * mark; 1 for an interrogative that exclaims ("what a day", "wat leuk", "how
 * nice": an article or a valenced word follows) or a verb that has no subject
 * after it.
 */
static float opening(const struct lexmap *m, const struct words *ws, size_t i, uint32_t flags)
{
	const struct word *w = &ws->w[i];
	int opener = IN_LIST(openers, ws->buf + w->off, w->len);
	if (!(flags & LEXF_INTERROG) && !opener)
		return 0;
	if (i + 1 >= ws->n || ws->w[i + 1].kind != WORD_WORD)
		return 1;
	const char *next = words_text(ws, i + 1);
	size_t len = ws->w[i + 1].len;
	if (flags & LEXF_INTERROG) {
		const struct lexent *x = lexmap_word(m, ws, i + 1);
		int valenced = x && (x->has[LEX_EN] || x->has[LEX_NL] || (x->flags & LEXF_BOOST));
		return IN_LIST(exclaiming, next, len) || (valenced && !IN_LIST(measuring, next, len)) ? 1 : 2;
	}
	if (w->len == 2 && !memcmp(ws->buf + w->off, "do", 2) && IN_LIST(objects, next, len))
		return 1;
	return IN_LIST(subjects, next, len) ? 2 : 1;
}

enum intent intent_detect(const struct lexmap *m, const struct words *ws, const struct sentiment_lex *s,
			  enum sentiment sent)
{
	float complaint = 0, question = 0, praise = 0;
	int first = 1, service = 0, negation = 0, thanks = 0;
	if (ws->questions)
		question += 2;
	for (size_t i = 0; i < ws->n; i++) {
		const struct word *w = &ws->w[i];
		if (w->kind != WORD_WORD) {
			if (w->kind == WORD_PUNCT && (w->flags & WORD_BREAK))
				first = 1;
			continue;
		}
		const char *t = ws->buf + w->off;
		const struct lexent *x = lexmap_word(m, ws, i);
		uint32_t f = x ? x->flags : 0;
		if (first)
			question += opening(m, ws, i, f);
		else if (f & LEXF_INTERROG)
			question += 0.5f;
		first = 0;
		if (f & LEXF_REQUEST)
			question += 1.0f;
		if (f & LEXF_COMPLAIN)
			complaint += 1.0f;
		if (f & LEXF_SERVICE)
			service = 1;
		if ((f & LEXF_NEGATE) || (w->len > 3 && !memcmp(t + w->len - 3, "n't", 3)))
			negation = 1;
		if (f & LEXF_PRAISE)
			praise += 1.0f;
		if (f & LEXF_THANKS)
			thanks = 1;
	}
	/* Something that does not work, said about the service: "app werkt niet", "order never arrived". */
	if (service && (negation || sent == SENT_NEGATIVE))
		complaint += 1.0f;
	/* Or said of anything: "it stopped working", "de router doet het niet meer". */
	if (s->fails)
		complaint += 1.0f;
	if (sent == SENT_NEGATIVE)
		complaint += 1.0f;
	else if (sent == SENT_POSITIVE)
		praise += 1.0f;
	if (sent != SENT_POSITIVE)
		praise = thanks ? praise : praise * 0.5f;
	/* a stated failure stays a complaint beside thanks: "Thanks for calling back, it still doesn't work" */
	if (complaint >= 2.0f && (sent != SENT_POSITIVE || s->fails))
		return INTENT_COMPLAINT;
	if (question >= 2.0f)
		return INTENT_QUESTION;
	if (praise >= 2.0f && s->neg <= s->pos)
		return INTENT_PRAISE;
	if (complaint >= 1.5f)
		return INTENT_COMPLAINT;
	return INTENT_OTHER;
}

/* marked for translation: the text views show them in the user's language */
static const char *const intent_names[INTENT__COUNT] = { N_("other"), N_("complaint"), N_("question"), N_("praise") };

const char *intent_name(enum intent i)
{
	return (unsigned)i < INTENT__COUNT ? intent_names[i] : "other";
}

int intent_parse(const char *s)
{
	for (int i = 0; i < INTENT__COUNT; i++)
		if (!strcmp(intent_names[i], s))
			return i;
	return -1;
}
