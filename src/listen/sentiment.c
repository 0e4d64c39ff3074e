/* Lexicon and rules for sentiment; see sentiment.h. */
#include "listen/sentiment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/i18n.h"
#include "listen/dutch.h"

/* VADER's constants (Hutto & Gilbert 2014), which its authors derived from human ratings. */
#define BOOST 0.293f
#define CAPS_BOOST 0.733f
#define NEGATE -0.74f
#define EXCLAIM 0.292f
#define NORMALIZE_ALPHA 15.0f
/* Ours: an elongated word counts like a mild intensifier. */
#define ELONG_BOOST 0.3f

/* Rule words, written for koers. Multi-word cues are left to the model. */
static const struct {
	const char *word;
	uint32_t flag;
} rule_words[] = {
	/* negation */
	{ "not", LEXF_NEGATE }, { "no", LEXF_NEGATE }, { "never", LEXF_NEGATE }, { "none", LEXF_NEGATE },
	{ "nobody", LEXF_NEGATE }, { "nothing", LEXF_NEGATE }, { "neither", LEXF_NEGATE }, { "nor", LEXF_NEGATE },
	{ "nowhere", LEXF_NEGATE }, { "without", LEXF_NEGATE }, { "cannot", LEXF_NEGATE }, { "dont", LEXF_NEGATE },
	{ "cant", LEXF_NEGATE }, { "wont", LEXF_NEGATE }, { "isnt", LEXF_NEGATE }, { "aint", LEXF_NEGATE },
	{ "doesnt", LEXF_NEGATE }, { "didnt", LEXF_NEGATE }, { "wasnt", LEXF_NEGATE }, { "arent", LEXF_NEGATE },
	{ "havent", LEXF_NEGATE }, { "hasnt", LEXF_NEGATE }, { "shouldnt", LEXF_NEGATE }, { "couldnt", LEXF_NEGATE },
	{ "wouldnt", LEXF_NEGATE }, { "niet", LEXF_NEGATE }, { "geen", LEXF_NEGATE }, { "nooit", LEXF_NEGATE },
	{ "niets", LEXF_NEGATE }, { "niks", LEXF_NEGATE }, { "nergens", LEXF_NEGATE }, { "noch", LEXF_NEGATE },
	{ "zonder", LEXF_NEGATE }, { "allerminst", LEXF_NEGATE }, { "nimmer", LEXF_NEGATE }, { "geeneens", LEXF_NEGATE },
	{ "niemand", LEXF_NEGATE },
	/* intensifiers */
	{ "very", LEXF_BOOST }, { "really", LEXF_BOOST }, { "extremely", LEXF_BOOST }, { "so", LEXF_BOOST },
	{ "too", LEXF_BOOST }, { "super", LEXF_BOOST }, { "absolutely", LEXF_BOOST }, { "totally", LEXF_BOOST },
	{ "completely", LEXF_BOOST }, { "incredibly", LEXF_BOOST }, { "highly", LEXF_BOOST }, { "truly", LEXF_BOOST },
	{ "utterly", LEXF_BOOST }, { "deeply", LEXF_BOOST }, { "especially", LEXF_BOOST }, { "hugely", LEXF_BOOST },
	{ "fucking", LEXF_BOOST }, { "freaking", LEXF_BOOST }, { "most", LEXF_BOOST }, { "such", LEXF_BOOST },
	{ "heel", LEXF_BOOST }, { "hele", LEXF_BOOST }, { "erg", LEXF_BOOST }, { "erge", LEXF_BOOST },
	{ "zeer", LEXF_BOOST }, { "echt", LEXF_BOOST }, { "enorm", LEXF_BOOST }, { "ontzettend", LEXF_BOOST },
	{ "hartstikke", LEXF_BOOST }, { "bijzonder", LEXF_BOOST }, { "zo", LEXF_BOOST }, { "uiterst", LEXF_BOOST },
	{ "mega", LEXF_BOOST }, { "onwijs", LEXF_BOOST }, { "vree", LEXF_BOOST }, { "ongelooflijk", LEXF_BOOST }, { "waanzinnig", LEXF_BOOST },
	{ "behoorlijk", LEXF_BOOST }, { "vet", LEXF_BOOST }, { "keihard", LEXF_BOOST }, { "zwaar", LEXF_BOOST },
	{ "helemaal", LEXF_BOOST }, { "extreem", LEXF_BOOST }, { "uitermate", LEXF_BOOST }, { "buitengewoon", LEXF_BOOST },
	{ "totaal", LEXF_BOOST }, { "volkomen", LEXF_BOOST }, { "absoluut", LEXF_BOOST }, { "nogal", LEXF_BOOST },
	{ "reuze", LEXF_BOOST }, { "ontiegelijk", LEXF_BOOST },
	/* dampeners */
	{ "slightly", LEXF_DAMPEN }, { "somewhat", LEXF_DAMPEN }, { "barely", LEXF_DAMPEN }, { "hardly", LEXF_DAMPEN },
	{ "kinda", LEXF_DAMPEN }, { "sorta", LEXF_DAMPEN }, { "partly", LEXF_DAMPEN }, { "marginally", LEXF_DAMPEN },
	{ "beetje", LEXF_DAMPEN }, { "enigszins", LEXF_DAMPEN }, { "redelijk", LEXF_DAMPEN }, { "nauwelijks", LEXF_DAMPEN },
	{ "amper", LEXF_DAMPEN }, { "ietwat", LEXF_DAMPEN }, { "tamelijk", LEXF_DAMPEN }, { "vrij", LEXF_DAMPEN },
	/* Dutch words spelled like an English sentiment word: no valence in Dutch */
	{ "want", LEXF_NOVAL_NL }, { "even", LEXF_NOVAL_NL }, { "hand", LEXF_NOVAL_NL }, { "kind", LEXF_NOVAL_NL },
	{ "door", LEXF_NOVAL_NL }, { "slim", LEXF_NOVAL_NL }, { "fit", LEXF_NOVAL_NL }, { "hard", LEXF_NOVAL_NL },
	{ "eens", LEXF_NOVAL_NL }, { "net", LEXF_NOVAL_NL }, { "juist", LEXF_NOVAL_NL }, { "gewoon", LEXF_NOVAL_NL },
	{ "alleen", LEXF_NOVAL_NL }, { "buiten", LEXF_NOVAL_NL }, { "wel", LEXF_NOVAL_NL }, { "toch", LEXF_NOVAL_NL },
	{ "men", LEXF_NOVAL_NL }, { "over", LEXF_NOVAL_NL }, { "is", LEXF_NOVAL_NL }, { "had", LEXF_NOVAL_NL },
	/* contrast */
	{ "but", LEXF_CONTRAST }, { "however", LEXF_CONTRAST }, { "although", LEXF_CONTRAST },
	{ "maar", LEXF_CONTRAST }, { "echter", LEXF_CONTRAST }, { "hoewel", LEXF_CONTRAST }, { "desondanks", LEXF_CONTRAST },
	{ "alhoewel", LEXF_CONTRAST }, { "daarentegen", LEXF_CONTRAST }, { "nochtans", LEXF_CONTRAST },
	{ "evenwel", LEXF_CONTRAST }, { "niettemin", LEXF_CONTRAST },
};

/*
 * Valences we add or correct, on VADER's scale: emoji whose VADER
 * description scores badly for social media (🔥 "fire" is praise there, 😂
 * is laughter) and frequent Dutch social-media words missing from LUPJE and
 * Pattern.
 */
static const struct {
	const char *word;
	float val;
	int both; /* 1: every language (emoji), 0: Dutch only */
} extra[] = {
	{ "🔥", 1.5f, 1 }, { "😂", 1.5f, 1 }, { "🤣", 1.5f, 1 }, { "🙏", 1.5f, 1 }, { "💪", 1.8f, 1 },
	{ "👏", 2.0f, 1 }, { "👍", 2.0f, 1 }, { "👎", -2.0f, 1 }, { "❤", 3.0f, 1 }, { "😍", 3.0f, 1 },
	{ "🥰", 3.0f, 1 }, { "😘", 2.5f, 1 }, { "😊", 2.5f, 1 }, { "🙂", 1.5f, 1 }, { "😁", 2.2f, 1 },
	{ "😀", 2.2f, 1 }, { "😃", 2.2f, 1 }, { "😄", 2.2f, 1 }, { "🎉", 2.5f, 1 }, { "🥳", 2.5f, 1 },
	{ "😢", -2.2f, 1 }, { "😭", -1.5f, 1 }, { "😡", -3.0f, 1 }, { "🤬", -3.5f, 1 }, { "😠", -2.5f, 1 },
	{ "🤮", -3.0f, 1 }, { "🤢", -2.5f, 1 }, { "😩", -2.0f, 1 }, { "😤", -2.0f, 1 }, { "🙄", -1.5f, 1 },
	{ "😞", -2.2f, 1 }, { "😔", -2.0f, 1 }, { "💔", -2.5f, 1 }, { "😱", -1.5f, 1 }, { "😒", -1.8f, 1 },
	{ "top", 2.0f, 0 }, { "toppie", 2.5f, 0 }, { "topper", 2.5f, 0 }, { "kut", -2.5f, 0 },
	{ "klote", -2.5f, 0 }, { "balen", -2.0f, 0 }, { "jammer", -1.5f, 0 }, { "helaas", -1.5f, 0 },
	{ "schandalig", -3.0f, 0 }, { "bedankt", 2.0f, 0 }, { "dankjewel", 2.0f, 0 }, { "dank", 1.5f, 0 },
	{ "gefeliciteerd", 2.5f, 0 }, { "fantastisch", 3.0f, 0 }, { "geweldig", 3.0f, 0 }, { "prachtig", 2.8f, 0 },
	{ "aanrader", 2.5f, 0 }, { "smaakvol", 2.0f, 0 }, { "vriendelijk", 2.0f, 0 }, { "vies", -2.5f, 0 },
	{ "onvriendelijk", -2.5f, 0 }, { "teleurgesteld", -2.5f, 0 }, { "teleurstellend", -2.5f, 0 },
	{ "lekker", 2.5f, 0 }, { "gezellig", 2.5f, 0 },
	/* more of the same, and verbs by their infinitive so that their forms are found ("stinkt", "ergert", "geirriteerd") */
	{ "zouteloos", -1.5f, 0 }, { "overgaar", -1.5f, 0 }, { "overprijsd", -2.0f, 0 }, { "ongeinteresseerd", -2.0f, 0 },
	{ "lawaaierig", -1.5f, 0 }, { "luidruchtig", -1.2f, 0 }, { "gehaast", -1.2f, 0 }, { "verouderd", -1.2f, 0 },
	{ "gewoontjes", -0.8f, 0 }, { "attent", 2.0f, 0 }, { "behulpzaam", 2.0f, 0 }, { "oke", 0.9f, 0 },
	{ "pech", -1.5f, 0 }, { "zonde", -1.5f, 0 }, { "bagger", -2.5f, 0 }, { "achterlijk", -2.5f, 0 },
	{ "flauwekul", -2.0f, 0 }, { "gezeur", -2.0f, 0 }, { "afrader", -2.5f, 0 }, { "verspilling", -2.0f, 0 },
	{ "oplichterij", -3.0f, 0 }, { "chapeau", 2.5f, 0 }, { "schaamte", -2.0f, 0 }, { "schamen", -2.0f, 0 },
	{ "ergernis", -2.0f, 0 }, { "frustrerend", -2.2f, 0 }, { "ellende", -2.5f, 0 }, { "corrupt", -2.5f, 0 },
	{ "schandaal", -2.5f, 0 }, { "feliciteren", 2.0f, 0 }, { "hoera", 2.5f, 0 }, { "blijdschap", 2.5f, 0 },
	{ "tegenvaller", -2.0f, 0 }, { "tegenvallend", -2.0f, 0 }, { "meevaller", 2.0f, 0 },
	{ "kloppen", 1.0f, 0 }, { "aanraden", 2.0f, 0 }, { "aanbevelen", 2.0f, 0 }, { "waarderen", 2.0f, 0 }, { "stinken", -2.0f, 0 },
	{ "irriteren", -2.0f, 0 }, { "ergeren", -2.0f, 0 }, { "walgen", -2.5f, 0 }, { "vervelen", -1.5f, 0 },
	/* interjections, and the particle of "teleurstellen" ("het stelde ons teleur"), which has no other use */
	{ "bah", -2.0f, 0 }, { "getver", -2.5f, 0 }, { "gatver", -2.5f, 0 }, { "jakkes", -2.0f, 0 },
	{ "zucht", -1.5f, 0 }, { "grr", -2.0f, 0 }, { "jippie", 2.5f, 0 }, { "joepie", 2.5f, 0 },
	{ "teleur", -2.0f, 0 }, { "smaakloos", -2.0f, 0 }, { "hopeloos", -2.0f, 0 }, { "zinloos", -1.5f, 0 },
	/* what goes wrong with a service, at the VADER valence of the English word where it has one (delay, delayed,
	 * error, stuck, defective, cancelled, leak, scam) */
	{ "vertraging", -1.3f, 0 }, { "vertragen", -0.9f, 0 }, { "foutmelding", -1.7f, 0 }, { "vastlopen", -1.0f, 0 },
	{ "defect", -1.9f, 0 }, { "annuleren", -1.0f, 0 }, { "lekkage", -1.4f, 0 }, { "oplichter", -2.7f, 0 },
	{ "opgelicht", -2.7f, 0 }, { "uitval", -1.3f, 0 }, { "onbereikbaar", -1.5f, 0 }, { "onbruikbaar", -1.9f, 0 },
	/* and in general (shocked, failure, inconvenience, compliment, thanks, crap, sick of) */
	{ "geschokt", -1.3f, 0 }, { "mislukking", -2.3f, 0 }, { "ongemak", -1.5f, 0 }, { "pluim", 2.1f, 0 },
	{ "dankje", 2.0f, 0 }, { "prut", -1.6f, 0 }, { "rommel", -1.6f, 0 }, { "spuugzat", -2.3f, 0 },
	{ "beu", -1.5f, 0 }, { "gammel", -1.5f, 0 }, { "absurd", -1.5f, 0 },
	/* Belgian Dutch */
	{ "ambetant", -2.0f, 0 }, { "keitof", 3.0f, 0 }, { "mottig", -1.5f, 0 }, { "deugd", 1.5f, 0 },
	{ "verfijnd", 2.0f, 0 }, { "kwaliteitsvol", 2.0f, 0 }, { "overgekookt", -1.5f, 0 },
};

/*
 * Nouns for the parties and parts of a service. LUPJE scores them (most
 * +2), as the texts it was built from mostly praise them, but they judge
 * nothing themselves: VADER leaves their English translations unscored
 * (customer, service, quality, team, contact, communication, advice, guest,
 * chef, coffee, atmosphere, visit, purchase). Complaints are about them as
 * much as praise is ("slechte service", "de klantenservice", "de kwaliteit
 * is achteruitgegaan"), so in Dutch they have no valence. So too "maat"
 * and "maten", LUPJE's mate, far more often a size or measure ("op maat"),
 * and the head that word formation found in "automaten".
 */
static const char *const topic_nouns[] = {
	"klant", "klanten", "service", "dienst", "kwaliteit", "team", "contact", "communicatie", "advies", "adviezen",
	"gast", "gasten", "chef", "koffie", "sfeer", "sfeertje", "bezoek", "aankoop", "consumptie", "maat", "maten",
};

/*
 * Set phrases whose meaning is not their words', written for koers: sarcasm
 * ("thanks for nothing") and idioms ("onder de maat": substandard, where
 * LUPJE's "maat" is a mate). The phrase has the valence given, on its first
 * word; its other words count for nothing, not even as a negation.
 */
static const struct {
	const char *words[5];
	float val;
	enum langid lang;
} set_phrases[] = {
	{ { "thanks", "for", "nothing" }, -2.0f, LANGID_EN },
	{ { "thank", "you", "for", "nothing" }, -2.0f, LANGID_EN },
	{ { "bedankt", "voor", "niks" }, -2.0f, LANGID_NL },
	{ { "bedankt", "voor", "niets" }, -2.0f, LANGID_NL },
	{ { "dank", "je", "de", "koekoek" }, -2.0f, LANGID_NL },
	{ { "onder", "de", "maat" }, -2.0f, LANGID_NL },
	{ { "beneden", "alle", "peil" }, -2.5f, LANGID_NL },
	{ { "om", "te", "huilen" }, -2.0f, LANGID_NL },
	{ { "ver", "te", "zoeken" }, -1.5f, LANGID_NL },
};

/*
 * A service doing its job, written for koers: the verbs and participles of
 * working, arriving and answering, and the nouns of an answer. They judge
 * nothing, but negated they say that it fails, the commonest complaint of
 * all: "doesn't work", "never arrived", "no reply", "werkt niet", "niet
 * ontvangen", "geen reactie". The forms of "doen" count only with "het"
 * ("doet het niet": it does not work).
 */
static const char *const working[] = {
	"work", "works", "working", "worked", "load", "loads", "loading", "loaded", "connect", "connects",
	"connecting", "respond", "responds", "responding", "responded", "response", "reply", "replies",
	"replied", "answer", "answered", "answering", "arrive", "arrives", "arrived", "deliver", "delivered",
	"receive", "received", "fixed", "resolved", "refunded", "login", "log", "charging", "syncing", "called",
	"werkt", "werkte", "werkten", "werken", "functioneert", "functioneerde", "functioneren", "laadt",
	"laadde", "laden", "opent", "opende", "openen", "start", "startte", "starten", "opstarten",
	"reageert", "reageerde", "reageerden", "reageren", "gereageerd", "reactie", "antwoord", "antwoorden",
	"geantwoord", "beantwoord", "aangekomen", "ontvangen", "geleverd", "opgelost", "verholpen",
	"gerepareerd", "terugbetaald", "teruggestort", "bereikbaar", "verbinding", "bereik", "inloggen",
	"teruggebeld", "terugbellen", "lukt", "lukte", "lukken", "gelukt",
	"doet", "deed", "deden",
};

/* Words of waiting, for waited_long() below ("hold" only after "on"). */
static const char *const waits[] = { "wait", "waiting", "waited", "hold", "wachten", "wacht", "wachtte", "wachtten",
				     "gewacht" };

/* Such a word negated is WORKS * NEGATE: "doesn't work" is -1.5, between "broken" (-2.1) and "delayed" (-0.9). */
#define WORKS 2.0f

static const struct embedded *need(const char *name, struct err *e)
{
	const struct embedded *f = embedded_find(name);
	if (!f)
		err_set(e, ERR_IO, "embedded file %s is missing from this build", name);
	return f;
}

/* Call fn(line fields) for each TAB-separated line of an embedded file. */
static void each_line(const struct embedded *f, void (*fn)(struct lexmap *, char **, int), struct lexmap *m)
{
	const char *p = (const char *)f->data, *end = p + f->size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		char line[1024];
		size_t n = (size_t)(le - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n < sizeof(line)) {
			memcpy(line, p, n);
			line[n] = '\0';
			char *field[4] = { 0 };
			int nf = 0;
			for (char *s = line; nf < 4;) {
				field[nf++] = s;
				char *t = strchr(s, '\t');
				if (!t)
					break;
				*t = '\0';
				s = t + 1;
			}
			if (nf >= 2 && *field[0])
				fn(m, field, nf);
		}
		p = le + 1;
	}
}

static void set_val(struct lexent *x, int lang, float v)
{
	x->val[lang] = x->has[lang] ? (x->val[lang] + v) / 2 : v;
	x->has[lang] = 1;
}

static void add_vader(struct lexmap *m, char **f, int nf)
{
	struct lexent *x = lexmap_put_word(m, f[0]);
	x->val[LEX_EN] = strtof(f[1], NULL);
	x->has[LEX_EN] = 1;
}

/*
 * The Dutch lexicons on VADER's scale. Fitted by least squares (through 0)
 * on some sixty translation pairs with a VADER valence ("goed"/"good",
 * "vreselijk"/"horrible", "teleurgesteld"/"disappointed", ...; listed in
 * docs/listening-model.md): LUPJE's -5..+5 times 0.76, Pattern's -1..+1
 * times 3.1 (it was 4, which made Pattern's words a third stronger than
 * VADER's for the same meaning).
 */
#define LUPJE_SCALE 0.76f
#define PATTERN_SCALE 3.1f

static void add_lupje(struct lexmap *m, char **f, int nf)
{
	set_val(lexmap_put_word(m, f[0]), LEX_NL, strtof(f[1], NULL) * LUPJE_SCALE);
}

/*
 * Pattern lists one line per sense: each sense's polarity (-1..1) is averaged
 * in. Senses with a weak polarity (|p| < 0.25: "gewoon", "vroeg") are mostly
 * neutral uses and are left out.
 */
static void add_pattern(struct lexmap *m, char **f, int nf)
{
	float p = strtof(f[1], NULL);
	if (fabsf(p) >= 0.25f)
		set_val(lexmap_put_word(m, f[0]), LEX_NL, p * PATTERN_SCALE);
}

/* VADER scores an emoji by the words of its description; we do the same, once, here. */
static void add_emoji(struct lexmap *m, char **f, int nf)
{
	struct words ws;
	words_split(&ws, f[0], strlen(f[0]));
	if (ws.n != 1 || ws.w[0].kind != WORD_EMOJI)
		return; /* sequences: their first code point is looked up on its own */
	struct words desc;
	words_split(&desc, f[1], strlen(f[1]));
	float s = 0;
	for (size_t i = 0; i < desc.n; i++) {
		const struct lexent *d = lexmap_get(m, words_text(&desc, i), desc.w[i].len, desc.w[i].hash);
		if (d && d->has[LEX_EN])
			s += d->val[LEX_EN];
	}
	if (s == 0)
		return;
	s = s > 4 ? 4 : s < -4 ? -4 : s;
	struct lexent *x = lexmap_put(m, words_text(&ws, 0), ws.w[0].len);
	x->val[LEX_EN] = x->val[LEX_NL] = s;
	x->has[LEX_EN] = x->has[LEX_NL] = 1;
}

int sentiment_lex_add(struct lexmap *m, struct err *e)
{
	static const struct {
		const char *name;
		void (*fn)(struct lexmap *, char **, int);
	} files[] = {
		{ "lexicons/vader/vader_lexicon.txt", add_vader },
		{ "lexicons/vader/emoji_utf8_lexicon.txt", add_emoji },
		{ "lexicons/pattern-nl/nl-sentiment.tsv", add_pattern },
		{ "lexicons/lupje-nl/LUPJE.txt", add_lupje },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		const struct embedded *f = need(files[i].name, e);
		if (!f)
			return e->code;
		each_line(f, files[i].fn, m);
	}
	for (size_t i = 0; i < sizeof(extra) / sizeof(*extra); i++) {
		struct lexent *x = lexmap_put_word(m, extra[i].word);
		x->val[LEX_NL] = extra[i].val;
		x->has[LEX_NL] = 1;
		if (extra[i].both) {
			x->val[LEX_EN] = extra[i].val;
			x->has[LEX_EN] = 1;
		}
	}
	for (size_t i = 0; i < sizeof(set_phrases) / sizeof(*set_phrases); i++)
		lexmap_put_word(m, set_phrases[i].words[0])->flags |= LEXF_PHRASE;
	for (size_t i = 0; i < sizeof(topic_nouns) / sizeof(*topic_nouns); i++) {
		struct lexent *x = lexmap_put_word(m, topic_nouns[i]);
		x->val[LEX_NL] = 0;
		x->has[LEX_NL] = 0;
	}
	for (size_t i = 0; i < sizeof(rule_words) / sizeof(*rule_words); i++)
		lexmap_put_word(m, rule_words[i].word)->flags |= rule_words[i].flag;
	for (size_t i = 0; i < sizeof(working) / sizeof(*working); i++)
		lexmap_put_word(m, working[i])->flags |= LEXF_WORKS;
	for (size_t i = 0; i < sizeof(waits) / sizeof(*waits); i++)
		lexmap_put_word(m, waits[i])->flags |= LEXF_WAIT;
	lexmap_index_nl(m);
	return 0;
}

/* The valence of an entry for a text in `lang`; Dutch texts borrow English words but not where a Dutch function word is spelled like one ("die", "dan"). */
static int valence(const struct lexent *x, enum langid lang, float *v)
{
	if (!x)
		return 0;
	if (lang == LANGID_NL) {
		/* Dutch function words and rule words spelled like a sentiment word
		 * ("naar" to/nasty, "zeer" very/pain, "erg" very/bad) are almost
		 * always the function word. */
		if (x->flags & (LEXF_NL | LEXF_BOOST | LEXF_DAMPEN | LEXF_NEGATE | LEXF_CONTRAST | LEXF_NOVAL_NL))
			return 0;
		if (x->has[LEX_NL])
			return *v = x->val[LEX_NL], 1;
		if (x->has[LEX_EN] && !(x->flags & LEXF_NL))
			return *v = x->val[LEX_EN], 1;
		return 0;
	}
	if (x->has[LEX_EN])
		return *v = x->val[LEX_EN], 1;
	if (lang == LANGID_OTHER && x->has[LEX_NL])
		return *v = x->val[LEX_NL], 1;
	return 0;
}

/* Collapse every doubled letter: the second try for an elongated word ("loove" -> "love"). */
static size_t undouble(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++)
		if (!(i && s[i] == s[i - 1] && (unsigned char)s[i] < 0x80))
			out[k++] = s[i];
	out[k] = '\0';
	return k;
}

static const struct lexent *lookup(const struct lexmap *m, const struct words *ws, size_t i, enum langid lang, int *flip)
{
	const struct word *w = &ws->w[i];
	const struct lexent *x = lexmap_word(m, ws, i);
	*flip = 0;
	/* Function and rule words ("niet", "deze", "heel") are no inflected form: "niet" is not "nie" + "-t". */
	if (lang == LANGID_NL && w->kind == WORD_WORD && (!x || !(x->has[LEX_NL] || (x->flags & DUTCH_NOT_CONTENT)))) {
		const struct lexent *y = dutch_base(m, ws->buf + w->off, w->len, 3);
		if (y)
			return y;
		if (!(x && (x->has[LEX_EN] || x->flags)) && (y = dutch_formation(m, ws->buf + w->off, w->len, flip)))
			return y;
	}
	if ((!x || !(x->has[0] | x->has[1])) && (w->flags & WORD_ELONG)) {
		char tmp[256];
		size_t k = undouble(ws->buf + w->off, w->len, tmp, sizeof(tmp));
		const struct lexent *y = lexmap_get(m, tmp, k, words_hash(tmp, k));
		if (y)
			x = y;
	}
	return x;
}

static float sign(float v) { return v < 0 ? -1.0f : 1.0f; }

static int word_is(const struct words *ws, size_t i, const char *s)
{
	/* strncmp stops at the end of s, so no strlen is needed: s must end where the word does */
	return i < ws->n && ws->w[i].kind == WORD_WORD && ws->buf[ws->w[i].off] == s[0] &&
	       !strncmp(ws->buf + ws->w[i].off, s, ws->w[i].len) && s[ws->w[i].len] == '\0';
}

/* The number of words of the set phrase that starts at word i of a text in lang (0: none), its valence in *val. */
static size_t phrase_at(const struct words *ws, size_t i, enum langid lang, float *val)
{
	for (size_t p = 0; p < sizeof(set_phrases) / sizeof(*set_phrases); p++) {
		if (lang != set_phrases[p].lang && lang != LANGID_OTHER)
			continue;
		size_t k = 0;
		while (k < 5 && set_phrases[p].words[k] && word_is(ws, i + k, set_phrases[p].words[k]))
			k++;
		if (k == 5 || !set_phrases[p].words[k]) {
			*val = set_phrases[p].val;
			return k;
		}
	}
	return 0;
}

static int is_break(const struct words *ws, size_t i)
{
	return ws->w[i].kind == WORD_PUNCT && (ws->w[i].flags & WORD_BREAK);
}

/* "Maar goed," as a clause of its own, the discourse marker (anyway, oh well); not "duur maar goed" */
static int dutch_maar_goed(const struct words *ws, size_t i)
{
	size_t g = word_is(ws, i, "goed") ? i : word_is(ws, i, "maar") ? i + 1 : (size_t)-1;
	if (g == (size_t)-1 || g == 0 || !word_is(ws, g, "goed") || !word_is(ws, g - 1, "maar"))
		return 0;
	return (g == 1 || is_break(ws, g - 2)) && (g + 1 >= ws->n || is_break(ws, g + 1));
}

/* Dutch "maar" is also a particle, not a contrast: "maar liefst", "alleen maar", "kom maar eens", "(niet alleen ...) maar ook". */
static int particle_maar(const struct words *ws, size_t i)
{
	if (!word_is(ws, i, "maar"))
		return 0;
	return word_is(ws, i + 1, "liefst") || word_is(ws, i + 1, "even") || word_is(ws, i + 1, "eens") || word_is(ws, i + 1, "ook") ||
	       word_is(ws, i + 1, "raak") || (i > 0 && (word_is(ws, i - 1, "alleen") || word_is(ws, i - 1, "niets") ||
					     word_is(ws, i - 1, "niks") || word_is(ws, i - 1, "kom")));
}

/*
 * Dutch "te" before an adjective or adverb says "more than wanted": "te
 * duur", "te lang gewacht", "te weinig personeel", "te koud". What it
 * modifies is then negative whatever its own valence ("te druk", "te
 * zoet"), and a negative word stays negative, stronger. Not "te" before an
 * infinitive ("om te eten", "te gaan", "te zijn"), a function word ("te
 * veel" is kept: "veel" is excess too), nor the set phrases "te koop",
 * "te voet", and "te gek" (great!), which is praise.
 */
#define EXCESS -1.5f

static int dutch_excess(const struct words *ws, size_t i, uint32_t fl, float *v)
{
	static const char *const phrases[] = { "koop", "voet", "gast", "paard", "bed", "pas", "water", "weten" };
	const struct word *w = &ws->w[i];
	const char *t = ws->buf + w->off;
	if (w->kind != WORD_WORD || (w->flags & WORD_NUMBER) || w->len < 3)
		return 0;
	if (word_is(ws, i, "gek")) {
		*v = 2.5f;
		return 1;
	}
	if (word_is(ws, i, "veel") || word_is(ws, i, "weinig")) {
		*v = EXCESS;
		return 1;
	}
	if ((fl & DUTCH_NOT_CONTENT) || t[w->len - 1] == 'n')
		return 0;
	for (size_t k = 0; k < sizeof(phrases) / sizeof(*phrases); k++)
		if (word_is(ws, i, phrases[k]))
			return 0;
	*v = *v < 0 ? *v - BOOST : EXCESS;
	return 1;
}

/*
 * "Kan beter", "had beter gekund", "de service mag wel wat beter": the
 * comparative after a modal verb in its clause wishes for better, which is
 * criticism. (Negated, "het kan niet beter", the negation flips it back.)
 */
static int dutch_could_be(const struct words *ws, size_t i)
{
	static const char *const modals[] = { "kan", "kon", "konden", "kunnen", "mag", "mocht", "mogen",
					      "moet", "moest", "moeten", "had", "hadden", "zou", "zouden" };
	for (size_t k = i, seen = 0; k-- > 0 && seen < 4;) {
		if (ws->w[k].kind == WORD_PUNCT && (ws->w[k].flags & WORD_BREAK))
			return 0;
		if (ws->w[k].kind != WORD_WORD)
			continue;
		seen++;
		for (size_t j = 0; j < sizeof(modals) / sizeof(*modals); j++)
			if (word_is(ws, k, modals[j]))
				return 1;
	}
	return 0;
}

/*
 * A counterfactual clause wishes for what it names: "het had lekkerder
 * moeten zijn", "dat had beter gekund", "het zou fijn zijn als ze eens
 * reageerden" is not praise but criticism. A clause holding "had"/"zou"
 * (or their plurals) and "moeten"/"kunnen"/"gekund"/"zijn ... als" turns
 * its positive words negative; "ik zou het aanraden" (no such second verb)
 * stays praise.
 */
static int dutch_counterfactual(const struct words *ws, size_t i)
{
	static const char *const aux[] = { "had", "hadden", "zou", "zouden" };
	static const char *const second[] = { "moeten", "kunnen", "gekund", "als" };
	size_t a = i, b = i;
	while (a > 0 && !is_break(ws, a - 1))
		a--;
	while (b + 1 < ws->n && !is_break(ws, b + 1))
		b++;
	int has_aux = 0, has_second = 0;
	for (size_t k = a; k <= b; k++) {
		for (size_t j = 0; j < sizeof(aux) / sizeof(*aux); j++)
			has_aux |= word_is(ws, k, aux[j]);
		for (size_t j = 0; j < sizeof(second) / sizeof(*second); j++)
			has_second |= word_is(ws, k, second[j]);
	}
	return has_aux && has_second;
}

/*
 * "Minder" (less) before a valenced word turns it about, weakly: "minder
 * lekker" is a complaint, "minder duur", "minder problemen" are gains.
 */
static int dutch_less(const struct words *ws, size_t i)
{
	return i > 0 && (word_is(ws, i - 1, "minder") || (i > 1 && word_is(ws, i - 2, "minder") &&
							   (word_is(ws, i - 1, "veel") || word_is(ws, i - 1, "iets") ||
							    word_is(ws, i - 1, "wat") || word_is(ws, i - 1, "stukken"))));
}

/*
 * Separable verbs put their particle at the end of the clause: "het eten
 * viel tegen" (disappointed), "de prijs viel mee" (better than feared),
 * "ik raad het iedereen aan" (recommend), "we raden het af". The particle
 * gets the verb's valence when a form of its verb comes earlier in the
 * clause (at most eight words back).
 */
#define FAILED_PARTICLE -1.5f /* what fails: a job not done (FAILS_ below) */

static float dutch_particle(const struct words *ws, size_t i)
{
	static const char *const vallen[] = { "valt", "viel", "vielen", "vallen", "gevallen" };
	static const char *const raden[] = { "raad", "raadt", "raden", "raadde", "raadden", "geraden" };
	static const char *const lopen[] = { "loopt", "liep", "liepen", "lopen", "gelopen" };
	static const char *const liggen[] = { "ligt", "lag", "lagen", "liggen", "gelegen" };
	static const struct {
		const char *particle;
		const char *const *verb;
		size_t nverb;
		float val;
	} sep[] = {
		{ "tegen", vallen, 5, -2.0f },
		{ "mee", vallen, 5, 1.5f },
		{ "aan", raden, 6, 2.0f },
		{ "af", raden, 6, -2.0f },
		{ "weg", vallen, 5, FAILED_PARTICLE }, /* "het internet valt steeds weg" */
		{ "uit", vallen, 5, FAILED_PARTICLE }, /* "de trein viel uit" */
		{ "vast", lopen, 5, FAILED_PARTICLE }, /* "de app loopt vast" */
		{ "eruit", liggen, 5, FAILED_PARTICLE }, /* "de site ligt eruit" */
		{ "uit", liggen, 5, FAILED_PARTICLE },   /* "de site ligt er al uren uit" */
	};
	for (size_t s = 0; s < sizeof(sep) / sizeof(*sep); s++) {
		if (!word_is(ws, i, sep[s].particle))
			continue;
		for (size_t k = i, seen = 0; k-- > 0 && seen < 8;) {
			if (ws->w[k].kind == WORD_PUNCT && (ws->w[k].flags & WORD_BREAK))
				break;
			seen += ws->w[k].kind == WORD_WORD;
			for (size_t j = 0; j < sep[s].nverb; j++)
				if (word_is(ws, k, sep[s].verb[j]))
					return sep[s].val;
		}
	}
	return 0;
}

/* Word i names a service doing its job (see working[]); the forms of "doen" only as "doet het", "log" as "log in". */
static int works_at(const struct words *ws, size_t i, uint32_t fl)
{
	if (!(fl & LEXF_WORKS))
		return 0;
	if (word_is(ws, i, "log"))
		return word_is(ws, i + 1, "in") || word_is(ws, i + 1, "on");
	return ws->buf[ws->w[i].off] != 'd' || word_is(ws, i + 1, "het");
}

/*
 * "The site is down", "de server is down", "wifi went down": a service
 * that is down fails. "Down" after a form of "be" or "go" whose subject,
 * one or two words before, is a service (an intent cue, see intent.c) or
 * "site", "server", "network", "systeem"; "the price is down" is not.
 */
static int service_down(const struct lexmap *m, const struct words *ws, size_t i)
{
	static const char *const verbs[] = { "is", "was", "are", "were", "went", "goes", "been", "ligt", "lag" };
	static const char *const services[] = { "site", "server", "servers", "network", "wifi", "systeem", "netwerk" };
	int verb = 0;
	for (size_t j = 0; i > 0 && j < sizeof(verbs) / sizeof(*verbs) && !verb; j++)
		verb = word_is(ws, i - 1, verbs[j]);
	for (size_t k = i - 1; verb && k-- > 0 && i - k <= 3;) {
		const struct lexent *x = lexmap_word(m, ws, k);
		if (x && (x->flags & LEXF_SERVICE))
			return 1;
		for (size_t j = 0; j < sizeof(services) / sizeof(*services); j++)
			if (word_is(ws, k, services[j]))
				return 1;
	}
	return 0;
}

static int negator_at(const struct lexmap *m, const struct words *ws, size_t k)
{
	const struct lexent *x = lexmap_word(m, ws, k);
	const struct word *w = &ws->w[k];
	return (x && (x->flags & LEXF_NEGATE)) || (w->len > 3 && !memcmp(ws->buf + w->off + w->len - 3, "n't", 3));
}

/*
 * Whether the job word at i is said not to be done: a negation right before
 * it, or two words before with an adverb between ("hasn't been fixed", "no
 * one answered", "niet meer bereikbaar"), "stopped" ("stopped working"), or
 * an expectation in the past ("should have arrived", "was supposed to").
 * Closer than the three words of a negation's reach, so that "can't wait to
 * start" is no failure.
 */
static int fails_at(const struct lexmap *m, const struct words *ws, size_t i)
{
	static const char *const between[] = { "been", "yet", "even", "always", "ever", "one", "properly", "be",
					       "meer", "eens", "ooit", "altijd" };
	/* "ik ga niet werken" is a day off; "de automaten werken niet" fails (dutch_post_negation) */
	if (i == 0 || ws->w[i - 1].kind != WORD_WORD || word_is(ws, i, "werken"))
		return 0;
	if (negator_at(m, ws, i - 1) || word_is(ws, i - 1, "stopped") || word_is(ws, i - 1, "stops") ||
	    word_is(ws, i - 1, "should've") || word_is(ws, i - 1, "shouldve"))
		return 1;
	if (i < 2 || ws->w[i - 2].kind != WORD_WORD)
		return 0;
	/* an expectation not met: "it should have arrived", "it was supposed to arrive";
	 * "you should have received" advises */
	if (word_is(ws, i - 2, "should") && word_is(ws, i - 1, "have"))
		return i < 3 || !word_is(ws, i - 3, "you");
	if (i >= 3 && word_is(ws, i - 1, "to") && word_is(ws, i - 2, "supposed") &&
	    (word_is(ws, i - 3, "was") || word_is(ws, i - 3, "were")))
		return 1;
	if (!negator_at(m, ws, i - 2))
		return 0;
	for (size_t j = 0; j < sizeof(between) / sizeof(*between); j++)
		if (word_is(ws, i - 1, between[j]))
			return 1;
	return 0;
}

/*
 * Waiting a stated time, or still, is a complaint: "al 3 weken wachten op
 * een monteur", "been waiting 2 hours for a reply", "45 minutes on hold",
 * "still waiting for my refund", "ik wacht nog steeds op antwoord". A wait
 * word (or "hold" after "on") with a span of time in its clause (a unit
 * after a number or a word of quantity) or "still" / "nog steeds" / "nog
 * altijd" right before it gets WAITED; not negated ("I can't wait", "niet
 * wachten") and not looking forward to something ("nog 3 dagen wachten tot
 * de release", "waiting 2 days until my holiday").
 */
#define WAITED -1.5f

static int waited_long(const struct lexmap *m, const struct words *ws, size_t i)
{
	static const char *const units[] = { "minutes", "mins", "hours", "hrs", "days", "weeks", "months", "minuten",
					     "uur", "uren", "dagen", "weken", "maanden" };
	static const char *const quantity[] = { "few", "several", "many", "whole", "two", "three", "paar", "hele",
						"twee", "drie", "vier", "vijf" };
	static const char *const ahead[] = { "until", "till", "tot", "voordat" };
	if (word_is(ws, i, "hold") && !(i > 0 && word_is(ws, i - 1, "on")))
		return 0;
	for (size_t k = i; k-- > 0 && i - k <= 2;)
		if (ws->w[k].kind == WORD_WORD && negator_at(m, ws, k))
			return 0;
	size_t a = i, b = i;
	while (a > 0 && !is_break(ws, a - 1))
		a--;
	while (b + 1 < ws->n && !is_break(ws, b + 1))
		b++;
	/* "still waiting", "are still waiting", "wacht nog steeds", "wachten nog altijd" */
	int span = (i > 0 && word_is(ws, i - 1, "still")) || (i > 1 && word_is(ws, i - 2, "still")) ||
		   (word_is(ws, i + 1, "nog") && (word_is(ws, i + 2, "steeds") || word_is(ws, i + 2, "altijd"))) ||
		   (i > 1 && word_is(ws, i - 2, "nog") && (word_is(ws, i - 1, "steeds") || word_is(ws, i - 1, "altijd")));
	for (size_t k = a; k <= b; k++) {
		for (size_t j = 0; j < sizeof(ahead) / sizeof(*ahead); j++)
			if (word_is(ws, k, ahead[j]))
				return 0;
		int unit = 0;
		for (size_t j = 0; j < sizeof(units) / sizeof(*units) && !unit; j++)
			unit = word_is(ws, k, units[j]);
		if (!unit || k == a)
			continue;
		int counted = ws->w[k - 1].kind == WORD_WORD && (ws->w[k - 1].flags & WORD_NUMBER);
		for (size_t j = 0; j < sizeof(quantity) / sizeof(*quantity) && !counted; j++)
			counted = word_is(ws, k - 1, quantity[j]);
		span |= counted;
	}
	return span;
}

/* Per-token marks of sentiment_score(), above the lexicon's flag bits. */
#define FAILS_ (1u << 29) /* a job not done or waited for (fails_at, waited_long) */
#define NEGATED_ (1u << 30)
#define BREAK_ (1u << 31)

/*
 * Dutch often puts "niet" and "nooit" after what they negate: "Goed was het
 * niet", "sympathieker is hij er niet op geworden", "dat krijg je hier
 * niet". A negator that negates nothing after it (no valenced word in the
 * next three of its clause) flips the nearest valenced word before it in the
 * same clause, unless that one was negated already.
 */
static void dutch_post_negation(const struct lexmap *m, const struct words *ws, float *vals, uint32_t *tflags,
				struct sentiment_lex *out)
{
	for (size_t j = 0; j < ws->n; j++) {
		const struct word *w = &ws->w[j];
		if (!(tflags[j] & LEXF_NEGATE) || w->kind != WORD_WORD)
			continue;
		int ahead = 0;
		for (size_t k = j + 1, seen = 0; k < ws->n && seen < 3; k++) {
			if (tflags[k] & (BREAK_ | LEXF_CONTRAST))
				break;
			if (vals[k] != 0) {
				ahead = 1;
				break;
			}
			seen += ws->w[k].kind == WORD_WORD;
		}
		if (ahead)
			continue;
		const char *t = ws->buf + w->off;
		if ((w->len == 4 && !memcmp(t, "niet", 4)) || (w->len == 5 && !memcmp(t, "nooit", 5)))
			for (size_t k = j; k-- > 0 && j - k <= 8;) {
				if (tflags[k] & (BREAK_ | LEXF_CONTRAST))
					break;
				if (vals[k] != 0 && !(tflags[k] & LEXF_NEGATE)) {
					if (!(tflags[k] & NEGATED_)) {
						vals[k] *= NEGATE;
						out->negated++;
						tflags[k] |= works_at(ws, k, tflags[k]) ? FAILS_ : 0; /* "het lukt niet" */
					}
					ahead = 1;
					break;
				}
				/* "de app werkt niet", "het doet het niet meer" */
				if (vals[k] == 0 && works_at(ws, k, tflags[k])) {
					tflags[k] |= FAILS_;
					vals[k] = WORKS * NEGATE;
					out->hits++;
					out->negated++;
					ahead = 1;
					break;
				}
			}
		/*
		 * A negation that negates nothing states a lack or a refusal:
		 * "geen reactie", "nooit meer", "niks gehoord". LUPJE, scored on
		 * Dutch tweets, gives those words a valence of their own ("geen"
		 * -1, "niets" and "nooit" -2); it counts then.
		 */
		const struct lexent *x;
		if (!ahead && (x = lexmap_word(m, ws, j)) && x->has[LEX_NL] && x->val[LEX_NL] < 0) {
			vals[j] = x->val[LEX_NL];
			out->hits++;
		}
	}
}

static int thanks_at(const struct lexmap *m, const struct words *ws, size_t i)
{
	const struct lexent *x = lexmap_word(m, ws, i);
	return x && (x->flags & LEXF_THANKS);
}

/*
 * Praise that stands alone beside nothing but complaint is sarcasm: "Great,
 * another delay.", "Oh perfect, my order is lost", "Top, weer vertraging",
 * "Lekker dan, alweer storing". A clause of one positive word, with at most
 * a particle beside it ("oh", "just", "dan", "hoor"), turns negative when
 * everything else in the text with a valence is negative. So does praise in
 * the clause of a job not done or waited for: "Love waiting 2 hours on
 * hold", "fijn dat de app weer niet werkt". Not thanks ("Thanks, sad it did
 * not work out" is sincere) and not in a text with a contrast ("Nice, but
 * expensive" weighs both; the caller checks that).
 */
static void sarcastic_praise(const struct lexmap *m, const struct words *ws, float *vals, const uint32_t *tflags)
{
	static const char *const particles[] = { "oh", "just", "so", "how", "well",
						 "dan", "hoor", "zeg", "nou", "echt" };
	for (size_t a = 0, i = 0; i <= ws->n; i++) {
		if (i < ws->n && !is_break(ws, i))
			continue;
		int failed = 0;
		for (size_t k = a; k < i && !failed; k++)
			failed = (tflags[k] & FAILS_) != 0;
		for (size_t k = a; failed && k < i; k++)
			if (vals[k] > 0 && !thanks_at(m, ws, k))
				vals[k] *= NEGATE;
		a = i + 1;
	}
	size_t lone = (size_t)-1;
	int others_neg = 0;
	for (size_t a = 0, i = 0; i <= ws->n; i++) {
		if (i < ws->n && !is_break(ws, i))
			continue;
		size_t words = 0, valenced = 0, praise = (size_t)-1, particle = 0;
		for (size_t k = a; k < i; k++) {
			words += ws->w[k].kind == WORD_WORD;
			if (vals[k] != 0)
				valenced++, praise = k;
		}
		for (size_t k = a; words == 2 && k < i; k++)
			for (size_t j = 0; j < sizeof(particles) / sizeof(*particles); j++)
				particle += word_is(ws, k, particles[j]);
		int alone = words == 1 || (words == 2 && particle);
		if (valenced == 1 && vals[praise] > 0 && alone && lone == (size_t)-1) {
			if (thanks_at(m, ws, praise))
				return;
			lone = praise;
		} else {
			for (size_t k = a; k < i; k++) {
				if (vals[k] > 0)
					return;
				others_neg |= vals[k] < 0;
			}
		}
		a = i + 1;
	}
	if (lone != (size_t)-1 && others_neg)
		vals[lone] *= NEGATE;
}

void sentiment_score(const struct lexmap *m, const struct words *ws, enum langid lang, struct sentiment_lex *out)
{
	memset(out, 0, sizeof(*out));
	float vals[WORDS_MAX];
	uint32_t tflags[WORDS_MAX]; /* each token's lexicon flags, plus NEGATED_ and BREAK_ below */
	/* The last few words' flags, for negation and intensity; reset at clause breaks. */
	uint32_t prev_flags[3] = { 0 };
	uint8_t prev_caps[3] = { 0 };
	int prev_valenced = 0;
	/*
	 * Dutch: words since the last negator, not counting intensifiers and
	 * dampeners, or -1. Its word order puts them between ("niet zo heel
	 * erg lekker", "dat het niet echt super lekker was"), where three words
	 * of VADER's window would run out.
	 */
	int neg_since = -1;
	/* whether a counterfactual clause is possible at all: an auxiliary it needs is in the text */
	int maybe_counterfactual = 0;
	for (size_t i = 0; lang == LANGID_NL && i < ws->n && !maybe_counterfactual; i++)
		maybe_counterfactual = word_is(ws, i, "had") || word_is(ws, i, "hadden") || word_is(ws, i, "zou") || word_is(ws, i, "zouden");
	size_t contrast_at = (size_t)-1, phrase_end = 0;
	int shouting = ws->letters_words > 0 && ws->caps_words == ws->letters_words;
	for (size_t i = 0; i < ws->n; i++) {
		const struct word *w = &ws->w[i];
		vals[i] = 0;
		tflags[i] = 0;
		if (w->kind == WORD_URL || w->kind == WORD_MENTION)
			continue;
		/* the words of a language the lexicons do not read say nothing; its emoji and emoticons do */
		if ((lang == LANGID_FOREIGN && w->kind == WORD_WORD) || i < phrase_end)
			continue;
		int flip, flip_next;
		const struct lexent *x = lookup(m, ws, i, lang, &flip);
		float v = 0;
		int has = valence(x, lang, &v);
		if (flip)
			v *= NEGATE;
		/* an inflected form found by its base ("gelukt") is still a job word */
		const struct lexent *surface = lexmap_word(m, ws, i);
		uint32_t fl = (x ? x->flags : 0) | (surface ? surface->flags & LEXF_WORKS : 0);
		size_t plen;
		if ((fl & LEXF_PHRASE) && (plen = phrase_at(ws, i, lang, &v)) != 0) {
			has = 1;
			fl = 0;
			phrase_end = i + plen;
		}
		/* "Maar goed, ..." (anyway) closes a topic: "goed" is no praise there, "maar" no contrast */
		if (lang == LANGID_NL && has && dutch_maar_goed(ws, i))
			has = 0, v = 0;
		/* "niet alleen ... maar ook" (not only ... but also) negates nothing */
		if (lang == LANGID_NL && (fl & LEXF_NEGATE) && word_is(ws, i, "niet") && word_is(ws, i + 1, "alleen"))
			fl &= ~(uint32_t)LEXF_NEGATE;
		if (lang == LANGID_NL && i > 0 && word_is(ws, i - 1, "te") && dutch_excess(ws, i, fl, &v))
			has = 1;
		if (lang == LANGID_NL && has && v > 0 && word_is(ws, i, "beter") && dutch_could_be(ws, i))
			v *= NEGATE;
		else if (lang == LANGID_NL && has && v > 0 && maybe_counterfactual && dutch_counterfactual(ws, i))
			v *= NEGATE;
		if (lang == LANGID_NL && has && dutch_less(ws, i))
			v *= -0.5f;
		if (lang == LANGID_NL && !has && w->kind == WORD_WORD && w->len <= 5 && (v = dutch_particle(ws, i)) != 0)
			has = 1, fl |= v == FAILED_PARTICLE ? FAILS_ : 0;
		/* "doesn't work", "niet ontvangen", "stopped working": negative as it is, not flipped below */
		int fails = !has && lang != LANGID_FOREIGN &&
			    ((works_at(ws, i, fl) && fails_at(m, ws, i)) || (word_is(ws, i, "down") && service_down(m, ws, i)));
		if (fails)
			has = 1, v = WORKS * NEGATE;
		else if (!has && (fl & LEXF_WAIT) && lang != LANGID_FOREIGN && waited_long(m, ws, i))
			has = 1, v = WAITED, fl |= FAILS_;
		tflags[i] = fl | (fails ? FAILS_ : 0);
		if (w->kind == WORD_PUNCT && !has) {
			if (w->flags & WORD_BREAK)
				tflags[i] |= BREAK_;
			if (w->flags & WORD_BREAK)
				memset(prev_flags, 0, sizeof(prev_flags)), memset(prev_caps, 0, sizeof(prev_caps)), neg_since = -1;
			continue;
		}
		/* An intensifier before a valenced word scales it rather than counting itself. */
		if (has && ((fl & (LEXF_BOOST | LEXF_DAMPEN)) || (lang == LANGID_NL && word_is(ws, i, "minder"))) && i + 1 < ws->n) {
			float nv;
			if (valence(lookup(m, ws, i + 1, lang, &flip_next), lang, &nv) && nv != 0)
				has = 0;
		}
		if ((fl & LEXF_CONTRAST) && !particle_maar(ws, i) && !(lang == LANGID_NL && dutch_maar_goed(ws, i)))
			contrast_at = i;
		if (has && v != 0) {
			float v0 = v;
			if ((w->flags & WORD_CAPS) && !shouting)
				v += sign(v) * CAPS_BOOST;
			if (w->flags & WORD_ELONG)
				v += sign(v) * ELONG_BOOST;
			int negated = 0;
			for (int k = 0; k < 3; k++) {
				float scale = 1.0f - 0.05f * (float)k;
				if (prev_flags[k] & LEXF_BOOST)
					v += sign(v) * (BOOST + (prev_caps[k] && !shouting ? CAPS_BOOST : 0)) * scale;
				else if (prev_flags[k] & LEXF_DAMPEN)
					v -= sign(v) * BOOST * scale;
				if (prev_flags[k] & LEXF_NEGATE)
					negated = 1;
			}
			if (lang == LANGID_NL && neg_since >= 0 && neg_since <= 2)
				negated = 1;
			/* "n't" words not listed one by one */
			out->boosted += fabsf(v) > fabsf(v0) + 0.01f;
			/* a job word with a valence of its own, negated: "het is niet gelukt" */
			if (negated && !fails && (fl & LEXF_WORKS))
				tflags[i] |= FAILS_;
			if (negated || fails) {
				v *= fails ? 1.0f : NEGATE;
				out->negated++;
				tflags[i] |= NEGATED_;
			}
			vals[i] = v;
			out->hits++;
			prev_valenced = 1;
		}
		if (w->kind == WORD_WORD) {
			uint32_t f = fl;
			if (w->len > 3 && !memcmp(ws->buf + w->off + w->len - 3, "n't", 3))
				f |= LEXF_NEGATE;
			memmove(prev_flags + 1, prev_flags, 2 * sizeof(*prev_flags));
			memmove(prev_caps + 1, prev_caps, 2);
			prev_flags[0] = f;
			prev_caps[0] = (w->flags & WORD_CAPS) != 0;
			if (f & LEXF_NEGATE)
				neg_since = 0;
			else if (neg_since >= 0 && !(f & (LEXF_BOOST | LEXF_DAMPEN)))
				neg_since++;
		}
	}
	(void)prev_valenced;
	if (lang == LANGID_NL)
		dutch_post_negation(m, ws, vals, tflags, out);
	for (size_t i = 0; i < ws->n; i++)
		out->fails += (tflags[i] & FAILS_) != 0;
	if (contrast_at == (size_t)-1 && lang != LANGID_FOREIGN)
		sarcastic_praise(m, ws, vals, tflags);
	float sum = 0;
	for (size_t i = 0; i < ws->n; i++) {
		float v = vals[i];
		if (contrast_at != (size_t)-1)
			v *= i < contrast_at ? 0.5f : i > contrast_at ? 1.5f : 1.0f;
		sum += v;
		int emo = ws->w[i].kind == WORD_EMOJI || ws->w[i].kind == WORD_PUNCT;
		if (v > 0) {
			out->pos += v;
			out->emo_pos += emo ? v : 0;
			out->max_pos = v > out->max_pos ? v : out->max_pos;
		} else {
			out->neg -= v;
			out->emo_neg -= emo ? v : 0;
			out->max_neg = -v > out->max_neg ? -v : out->max_neg;
		}
	}
	out->contrast = contrast_at != (size_t)-1;
	if (sum != 0) {
		unsigned ex = ws->exclaims > 4 ? 4 : ws->exclaims;
		sum += sign(sum) * EXCLAIM * (float)ex;
	}
	out->compound = sum / sqrtf(sum * sum + NORMALIZE_ALPHA);
}

enum sentiment sentiment_label(float compound)
{
	return compound >= 0.05f ? SENT_POSITIVE : compound <= -0.05f ? SENT_NEGATIVE : SENT_NEUTRAL;
}

/* marked for translation: the text views show them in the user's language */
static const char *const sent_names[] = { N_("negative"), N_("neutral"), N_("positive") };

const char *sentiment_name(enum sentiment s)
{
	return (unsigned)s < SENT__COUNT ? sent_names[s] : "neutral";
}

int sentiment_parse(const char *s, size_t n)
{
	for (int i = 0; i < SENT__COUNT; i++)
		if (strlen(sent_names[i]) == n && !memcmp(sent_names[i], s, n))
			return i;
	return -1;
}
