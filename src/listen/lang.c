/* Language identification of short posts; see lang.h. */
#include "listen/lang.h"

#include <stdbool.h>
#include <string.h>

/*
 * Frequent words of each language, written for koers. Words common to Dutch
 * and English ("is", "in", "was", "we", "me", "over") are in neither list:
 * they say nothing about which of the two it is.
 */
static const char *const nl_words[] = {
	"de", "het", "een", "en", "van", "dat", "op", "te", "zijn", "voor", "met", "die", "niet", "aan",
	"er", "maar", "om", "ook", "als", "dan", "bij", "uit", "nog", "naar", "wat", "tot", "ik", "je",
	"jij", "wij", "ze", "zij", "hij", "haar", "hem", "ons", "onze", "mijn", "jouw", "uw", "hun",
	"dit", "deze", "wordt", "worden", "werd", "waren", "heeft", "hebben", "hadden", "heb", "hebt",
	"ben", "bent", "kan", "kunnen", "kunt", "moet", "moeten", "wil", "willen", "zal", "zullen", "zou",
	"zouden", "gaat", "gaan", "ga", "geen", "wel", "nu", "al", "meer", "veel", "heel", "erg", "zeer",
	"echt", "weer", "hier", "daar", "waar", "wie", "waarom", "hoe", "wanneer", "welke", "omdat",
	"dus", "toch", "even", "alleen", "zo", "nooit", "altijd", "iets", "niets", "niks", "alles",
	"iedereen", "mensen", "vandaag", "morgen", "gisteren", "nieuwe", "tegen",
	"zonder", "na", "sinds", "tijdens", "onder", "tussen", "elkaar", "zich", "zelf", "jullie", "mij",
	"doet", "doen", "gedaan", "mag", "mogen", "weet", "weten", "vind", "vindt", "denk", "denkt",
	"zie", "ziet", "gezien", "staat", "staan", "komt", "komen", "kom", "gewoon", "eigenlijk",
	"natuurlijk", "helemaal", "nou", "hoor", "ofzo", "'t", "m'n", "z'n", "d'r", "zoals", "tijd",
	"keer", "jaar", "dag", "week", "wij", "wordt", "zeker", 
	"eten", "groot", "klein", "nieuw", "oud", "laat", "vroeg",
	"eerst", "eerste", "twee", "drie", "onze", "allemaal", "steeds", "binnen", "buiten", "samen",
	"misschien", "volgens", "hebt", "geweest", "gemaakt", "krijgen", "krijg", "kunnen", "waarin",
	"daarom", "daarna", "omdat", "hele", "heel", "iemand", "niemand", "ieder", "elke", "ander",
	"andere", "zelfs", "bijna", "genoeg", "weinig", "tegenwoordig", "zouden", "moeten", "terug",
};

static const char *const en_words[] = {
	"the", "a", "an", "and", "to", "it", "that", "for", "on", "with", "as", "this", "be", "are",
	"by", "at", "from", "or", "not", "but", "have", "has", "they", "you", "your", "our", "my", "i",
	"he", "she", "his", "her", "them", "their", "what", "which", "who", "when", "where", "why", "how",
	"will", "would", "can", "could", "should", "do", "does", "did", "don't", "doesn't", "didn't",
	"can't", "won't", "isn't", "aren't", "wasn't", "i'm", "it's", "that's", "there", "here", "just",
	"so", "if", "about", "up", "out", "no", "yes", "all", "more", "some", "than", "then", "too",
	"very", "really", "been", "being", "get", "got", "going", "know", "like", "love", "one",
	"people", "time", "today", "new", "good", "great", "thanks", "thank", "im", "dont", "its",
	"ur", "you're", "we're", "they're", "i've", "i'll", "you'll", "let's", "these", "those", "into",
	"after", "before", "because", "while", "still", "never", "always", "only", "also", "now",
	"day", "night", "tonight", "tomorrow", "yesterday", "see", "watch", "make", "made", "want",
	"need", "think", "say", "said", "back", "well", "much", "many", "any", "every", "again", "off",
	"first", "last", "next", "year", "week", "way", "us", "him", "were", "am", "its", "other",
	"better", "happy", "game", "right", "tho", "gonna", "wanna", "lol", "something",
	"nothing", "everything", "anyone", "someone", "everyone", "why", "who's", "what's", "there's",
	"should", "shouldn't", "couldn't", "wouldn't", "haven't", "hasn't", "ain't", "y'all",
};

static const char *const de_words[] = {
	"der", "das", "und", "ist", "nicht", "ein", "eine", "ich", "sie", "es", "mit", "auf", "für",
	"zu", "den", "dem", "im", "auch", "sich", "wir", "noch", "aber", "nur", "wenn", "oder", "sind",
	"wird", "bei", "nach", "vom", "zum", "zur", "kein", "keine", "sehr", "mein", "dein", "jetzt",
	"heute", "schon", "immer", "gibt", "hat", "habe", "haben", "war", "wurde", "dass", "ja", "wieder",
	"diese", "dieser", "diesen", "dieses", "mich", "dich", "uns", "euch", "ihr", "ihre", "ihren", "ihm",
	"ihn", "seine", "seinen", "kann", "können", "muss", "müssen", "mehr", "warum", "danke", "bitte",
	"leider", "einen", "einem", "einer", "eines", "nichts", "etwas", "doch", "weil", "werden", "zwei",
	"drei", "viele", "gestern", "über", "durch", "gegen", "ohne", "zwischen", "ganz", "wirklich",
	"natürlich", "einfach", "dann", "denn", "wer", "welche", "möchte", "hast", "bist", "seid", "geht",
	"macht", "sagt", "weiß", "glaube", "schön", "gut",
};

static const char *const fr_words[] = {
	"le", "la", "les", "des", "et", "est", "un", "une", "du", "que", "qui", "pas", "pour", "sur",
	"dans", "avec", "ce", "cette", "il", "elle", "je", "tu", "nous", "vous", "ils", "sont", "mais",
	"au", "aux", "plus", "très", "bien", "c'est", "j'ai", "ne", "se", "son", "sa", "ses", "leur",
	"tout", "être", "fait", "comme", "aussi", "merci", "bonjour", "ça", "cest", "qu'il", "y",
	"mon", "mes", "ton", "tes", "notre", "votre", "vos", "nos", "ces", "cet", "avoir", "ai", "avez",
	"avons", "ont", "suis", "était", "sera", "peut", "faire", "quand", "pourquoi", "comment", "où",
	"rien", "jamais", "toujours", "encore", "déjà", "beaucoup", "trop", "peu", "moi", "toi", "lui",
	"eux", "avait", "sans", "chez", "entre", "depuis", "après", "avant", "ici", "là", "oui", "alors",
	"donc", "parce", "qu'on", "n'est", "d'un", "d'une", "s'il", "c'était", "j'aime", "vraiment",
	"aujourd'hui", "demain",
};

static const char *const es_words[] = {
	"el", "los", "las", "que", "y", "por", "con", "para", "lo", "del", "al", "como", "más", "pero",
	"muy", "está", "son", "su", "sus", "mi", "yo", "tu", "es", "una", "uno", "este", "esta", "hay",
	"gracias", "todo", "todos", "ya", "cuando", "donde", "porque", "sí", "también", "hoy", "bien",
	"nos", "le", "les", "fue", "ser", "tiene", "hola", "no", "a", "ni", "sin", "hasta", "desde",
	"ese", "esa", "eso", "esto", "estos", "estas", "nosotros", "ellos", "ella", "usted", "ustedes",
	"tengo", "tienes", "tenemos", "estoy", "estás", "están", "estamos", "eres", "somos", "había",
	"puede", "puedo", "hacer", "hace", "quiero", "siempre", "nunca", "mucho", "mucha", "muchos",
	"poco", "cómo", "dónde", "cuándo", "aquí", "ahora", "entonces", "mañana", "ayer", "bueno",
	"buena", "mejor", "peor",
};

static const struct {
	const char *const *words;
	size_t n;
	uint32_t flag;
} lists[] = {
	{ nl_words, sizeof(nl_words) / sizeof(*nl_words), LEXF_NL },
	{ en_words, sizeof(en_words) / sizeof(*en_words), LEXF_EN },
	{ de_words, sizeof(de_words) / sizeof(*de_words), LEXF_DE },
	{ fr_words, sizeof(fr_words) / sizeof(*fr_words), LEXF_FR },
	{ es_words, sizeof(es_words) / sizeof(*es_words), LEXF_ES },
};

void langid_lex_add(struct lexmap *m)
{
	for (size_t l = 0; l < sizeof(lists) / sizeof(*lists); l++)
		for (size_t i = 0; i < lists[l].n; i++)
			lexmap_put_word(m, lists[l].words[i])->flags |= lists[l].flag;
}

/*
 * Spelling cues: a substring and what it says, for words in no list. A cue
 * is one to four lower-case letters a-z (spell_cues() packs it in 32 bits
 * and indexes it by letter).
 */
static const struct cue {
	const char *s;
	size_t len;
	enum { ANY, END, START } where;
	float nl, en;
} cues[] = {
#define C(s) s, sizeof(s) - 1
	{ C("ij"), ANY, 1.0f, 0 },    { C("aa"), ANY, 0.6f, 0 },   { C("uu"), ANY, 0.6f, 0 },
	{ C("oe"), ANY, 0.4f, 0 },    { C("ui"), ANY, 0.3f, 0 },   { C("sch"), ANY, 0.4f, 0 },
	{ C("heid"), END, 0.8f, 0 },  { C("lijk"), ANY, 0.6f, 0 }, { C("tje"), END, 0.8f, 0 },
	{ C("tjes"), END, 0.8f, 0 },  { C("en"), END, 0.3f, 0 },   { C("ge"), START, 0.3f, 0 },
	{ C("ver"), START, 0.2f, 0 }, { C("th"), ANY, 0, 0.8f },   { C("wh"), START, 0, 0.8f },
	{ C("ly"), END, 0, 0.7f },    { C("ing"), END, 0, 0.2f },  { C("cht"), ANY, 0.5f, 0 },
	{ C("ght"), ANY, 0, 0.6f },   { C("z"), START, 0.2f, 0 },  { C("ed"), END, 0, 0.3f },
	{ C("ck"), ANY, 0, 0.3f },    { C("sh"), ANY, 0, 0.4f },   { C("y"), END, 0, 0.3f },
	{ C("ou"), ANY, 0, 0.3f },    { C("w"), START, 0, 0.1f },  { C("tion"), END, 0, 0.3f },
#undef C
};

enum { NCUES = sizeof(cues) / sizeof(*cues) };
_Static_assert(NCUES <= 32, "spell_cues() keeps the cues' hits in 32 bits");

/* Up to four bytes as one number, the first in the lowest bits. */
static uint32_t pack(const char *s, size_t k)
{
	uint32_t v = 0;
	for (size_t i = 0; i < k; i++)
		v |= (uint32_t)(unsigned char)s[i] << (8 * i);
	return v;
}

/*
 * The cues indexed by a letter (their cues are lower-case a-z): as bits of
 * the cues that end with it (END) or start with it (START), with each cue
 * packed, so that a word is looked at once, byte by byte, and not once per
 * cue. The cues found anywhere (ANY) are also kept in up to ANY_SLOTS
 * slots per last letter, which every byte checks without a branch (the
 * outcome of a branch per byte would be mispredicted often); any more
 * would go to any_more. Built by langid_detect() for the text at hand (no
 * global state).
 */
enum { ANY_SLOTS = 3 };

struct cue_index {
	uint32_t end_last[26], start_first[26], any_more[26];
	uint32_t packed[NCUES];
	struct {
		uint32_t packed[ANY_SLOTS], bit[ANY_SLOTS]; /* bit 0: a free slot */
		uint8_t shift[ANY_SLOTS];
		uint8_t used;
	} any[26];
};

static void cue_index_build(struct cue_index *x)
{
	memset(x, 0, sizeof(*x));
	for (unsigned c = 0; c < NCUES; c++) {
		size_t k = cues[c].len;
		x->packed[c] = pack(cues[c].s, k);
		unsigned first = (unsigned char)cues[c].s[0] - 'a', last = (unsigned char)cues[c].s[k - 1] - 'a';
		if (cues[c].where == START) {
			x->start_first[first] |= 1u << c;
		} else if (cues[c].where == END) {
			x->end_last[last] |= 1u << c;
		} else if (x->any[last].used < ANY_SLOTS) {
			unsigned j = x->any[last].used++;
			x->any[last].packed[j] = x->packed[c];
			x->any[last].bit[j] = 1u << c;
			x->any[last].shift[j] = (uint8_t)(8 * (4 - k));
		} else {
			x->any_more[last] |= 1u << c;
		}
	}
}

/* Of the cues in `cand`, those whose k bytes are the top k of `win` (the last bytes read; first in the lowest bits). */
static uint32_t match_tail(uint32_t cand, uint32_t win, size_t read, const uint32_t *packed)
{
	uint32_t hits = 0;
	for (; cand; cand &= cand - 1) {
		unsigned c = (unsigned)__builtin_ctz(cand);
		size_t k = cues[c].len;
		if (read >= k && win >> (8 * (4 - k)) == packed[c])
			hits |= 1u << c;
	}
	return hits;
}

static uint32_t letter(char b) { return (uint32_t)(unsigned char)b - 'a'; }

/*
 * The hits are found in one pass over the word, keeping its last four
 * bytes in `win`; the sums are then built in the order of the table, as
 * before (floating-point sums depend on their order).
 */
static void spell_cues(const struct cue_index *x, const char *s, size_t n, float *nl, float *en)
{
	uint32_t hits = 0, win = 0, d;
	for (size_t i = 0; i < n; i++) {
		win = (win >> 8) | (uint32_t)(unsigned char)s[i] << 24;
		if ((d = letter(s[i])) >= 26)
			continue;
		/*
		 * Before a cue's length is read, the top of win holds zero bytes,
		 * which no cue has: no check of the length read is needed.
		 */
		for (unsigned j = 0; j < ANY_SLOTS; j++)
			hits |= (win >> x->any[d].shift[j]) == x->any[d].packed[j] ? x->any[d].bit[j] : 0;
		if (x->any_more[d])
			hits |= match_tail(x->any_more[d], win, i + 1, x->packed);
	}
	if ((d = letter(s[n - 1])) < 26)
		hits |= match_tail(x->end_last[d], win, n, x->packed);
	if ((d = letter(s[0])) < 26) {
		uint32_t head = pack(s, n < 4 ? n : 4);
		for (uint32_t cand = x->start_first[d]; cand; cand &= cand - 1) {
			unsigned c = (unsigned)__builtin_ctz(cand);
			size_t k = cues[c].len;
			if (n >= k && (head & (~0u >> (32 - 8 * k))) == x->packed[c])
				hits |= 1u << c;
		}
	}
	for (; hits; hits &= hits - 1) {
		unsigned c = (unsigned)__builtin_ctz(hits);
		*nl += cues[c].nl;
		*en += cues[c].en;
	}
}

/* The function words of another language that make a post LANGID_FOREIGN (lang.h). */
#define FOREIGN_MIN 2.0f

enum langid langid_detect(const struct lexmap *m, const struct words *ws)
{
	float score[5] = { 0 }; /* nl en de fr es */
	struct cue_index cx;
	int indexed = 0; /* cx is built for the first word that needs it */
	for (size_t i = 0; i < ws->n; i++) {
		const struct word *w = &ws->w[i];
		if (w->kind != WORD_WORD || (w->flags & WORD_NUMBER) || !w->len)
			continue;
		const char *s = ws->buf + w->off;
		const struct lexent *e = lexmap_word(m, ws, i);
		uint32_t f = e ? e->flags : 0;
		/* hashtags are often glued words: spelling only */
		if (f & (LEXF_NL | LEXF_EN | LEXF_DE | LEXF_FR | LEXF_ES) && !(w->flags & WORD_HASHTAG)) {
			for (int l = 0; l < 5; l++)
				if (f & (1u << l))
					score[l] += 1.0f;
			continue;
		}
		float nl = 0, en = 0;
		if (e && !(w->flags & WORD_HASHTAG)) {
			/* only a word in one language's lexicon says something */
			nl += e->has[LEX_NL] && !e->has[LEX_EN] ? 0.5f : 0;
			en += e->has[LEX_EN] && !e->has[LEX_NL] ? 0.5f : 0;
		}
		if (w->len >= 3) {
			if (!indexed)
				cue_index_build(&cx), indexed = 1;
			spell_cues(&cx, s, w->len, &nl, &en);
		}
		score[0] += nl > 1.0f ? 1.0f : nl;
		score[1] += en > 1.0f ? 1.0f : en;
	}
	/* Ties go to English, the lingua franca of social media. */
	int best = 1;
	for (int l = 0; l < 5; l++)
		if (score[l] > score[best])
			best = l;
	if (score[best] <= 0.0f)
		return LANGID_OTHER;
	if (best >= 2)
		/*
		 * One function word is too little to say that a post is in a
		 * language the lexicons do not read ("le suck", "a la carte"):
		 * such posts are read with every lexicon, as before.
		 */
		return score[best] >= FOREIGN_MIN ? LANGID_FOREIGN : LANGID_OTHER;
	return best == 0 ? LANGID_NL : LANGID_EN;
}

const char *langid_name(enum langid l)
{
	static const char *const names[] = { "other", "nl", "en", "other" };
	_Static_assert(sizeof(names) / sizeof(*names) == LANGID__COUNT, "a name for each language");
	return (unsigned)l < LANGID__COUNT ? names[l] : "other";
}

enum langid langid_parse(const char *code)
{
	/* no code, koers' own "other", and ISO 639-2's undetermined, multiple and no linguistic content */
	static const char *const unknown[] = { "", "other", "und", "mul", "zxx" };
	if (!code)
		return LANGID_OTHER;
	for (size_t i = 0; i < sizeof(unknown) / sizeof(*unknown); i++)
		if (!strcmp(code, unknown[i]))
			return LANGID_OTHER;
	if ((code[0] == 'n' || code[0] == 'N') && (code[1] == 'l' || code[1] == 'L') && (!code[2] || code[2] == '-' || code[2] == '_'))
		return LANGID_NL;
	if (!strcmp(code, "dut") || !strcmp(code, "nld"))
		return LANGID_NL;
	if ((code[0] == 'e' || code[0] == 'E') && (code[1] == 'n' || code[1] == 'N') && (!code[2] || code[2] == '-' || code[2] == '_'))
		return LANGID_EN;
	if (!strcmp(code, "eng"))
		return LANGID_EN;
	return LANGID_FOREIGN;
}
