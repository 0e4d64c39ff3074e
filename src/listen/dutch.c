/* Dutch word forms; see dutch.h. */
#include "listen/dutch.h"

#include <string.h>

#include "listen/words.h"

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static const struct lexent *try_form(const struct lexmap *m, const char *s, size_t n)
{
	if (!lexmap_nl_prefix(m, s, n))
		return NULL;
	const struct lexent *x = lexmap_get(m, s, n, words_hash(s, n));
	return x && x->has[LEX_NL] ? x : NULL;
}

/*
 * A Dutch stem (a word with its ending cut off) in the form the lexicons
 * list: as it is; with a doubled final consonant made single ("dikk" ->
 * "dik", "ball" -> "bal"); with a single vowel made long again, as the
 * spelling shortens it in an open syllable ("grot" -> "groot", "problem" ->
 * "probleem"); with "-v-" and "-z-" back to "-f" and "-s" ("liev" ->
 * "lief").
 */
static const struct lexent *dutch_stem(const struct lexmap *m, char *b, size_t bn)
{
	const struct lexent *x = try_form(m, b, bn);
	if (x)
		return x;
	if (bn >= 3 && b[bn - 1] == b[bn - 2] && !is_vowel(b[bn - 1]) && (x = try_form(m, b, bn - 1)))
		return x;
	if (bn >= 3 && !is_vowel(b[bn - 1]) && is_vowel(b[bn - 2]) && !is_vowel(b[bn - 3])) {
		char c = b[bn - 1];
		b[bn + 1] = c;
		b[bn] = b[bn - 2];
		if ((x = try_form(m, b, bn + 1)))
			return x;
		b[bn - 1] = c;
	}
	if (bn >= 2 && (b[bn - 1] == 'v' || b[bn - 1] == 'z')) {
		char c = b[bn - 1];
		b[bn - 1] = c == 'v' ? 'f' : 's';
		x = try_form(m, b, bn);
		b[bn - 1] = c;
	}
	return x;
}

/*
 * The lexicons list verbs by their infinitive and many nouns in the plural
 * ("genieten", "problemen"): a stem ("geniet", "probleem", "stop") is
 * tried with "-en" the way the spelling adds it: a long vowel before a
 * single consonant is written single ("probleem" -> "problemen"), a short
 * one doubles the consonant ("stop" -> "stoppen"), "-f" and "-s" become
 * "-v-" and "-z-" ("leef" -> "leven").
 */
static const struct lexent *dutch_plus_en(const struct lexmap *m, const char *s, size_t n)
{
	char b[72];
	const struct lexent *x;
	if (n < 3 || n + 3 >= sizeof(b))
		return NULL;
	memcpy(b, s, n);
	char last = s[n - 1];
	if (is_vowel(last))
		return NULL;
	if (is_vowel(s[n - 2]) && s[n - 3] == s[n - 2] && last != 'w' && last != 'j') {
		/* long vowel written double before one consonant: one vowel before -en */
		memcpy(b, s, n - 2);
		b[n - 2] = last == 'f' ? 'v' : last == 's' ? 'z' : last;
		memcpy(b + n - 1, "en", 2);
		if ((x = try_form(m, b, n + 1)))
			return x;
		if (last == 'f' || last == 's') {
			b[n - 2] = last;
			if ((x = try_form(m, b, n + 1)))
				return x;
		}
		return NULL;
	}
	/*
	 * After one short vowel the consonant doubles ("stel" -> "stellen";
	 * "stelen" would be "steel"), except in an unstressed last syllable
	 * ("wandel" -> "wandelen", "luister" -> "luisteren").
	 */
	int single = is_vowel(s[n - 2]) && !is_vowel(s[n - 3]) && last != 'w' && last != 'x';
	int unstressed = n >= 5 && s[n - 2] == 'e' && (last == 'l' || last == 'r' || last == 'n' || last == 'm');
	if (single && !unstressed) {
		b[n] = last;
		memcpy(b + n + 1, "en", 2);
		return try_form(m, b, n + 3);
	}
	memcpy(b + n, "en", 2);
	return try_form(m, b, n + 2);
}

/*
 * Dutch words inflect, and the lexicons list one form: adjectives their
 * base ("lekkere", "slechtste", "mooier" -> "lekker", "slecht", "mooi"),
 * nouns one number ("kanjers", "fouten", "probleempje"), verbs their
 * infinitive ("stinkt", "irriteerde", "geirriteerd" -> "stinken",
 * "irriteren"). A word that is not found is tried without each ending
 * (comparative and superlative, plural, diminutive, the "-t" of the
 * present, the "-de"/"-te" of the past, the "ge-...-d/-t" of the
 * participle and its "-d" after "ver-", "be-", "ont-"), its stem
 * normalised (dutch_stem) and, for verbs and nouns, with "-en"
 * (dutch_plus_en).
 */
const struct lexent *dutch_base(const struct lexmap *m, const char *s, size_t n, size_t min_stem)
{
	static const struct {
		const char *end;
		uint8_t len;
		uint8_t plus_en; /* the stem may be a verb's or noun's: try it with -en too */
	} endings[] = {
		{ "ste", 3, 0 }, { "st", 2, 0 }, { "ere", 3, 0 }, { "er", 2, 0 }, { "e", 1, 0 }, { "en", 2, 0 },
		{ "etjes", 5, 1 }, { "etje", 4, 1 }, { "tjes", 4, 1 }, { "tje", 3, 1 }, { "pjes", 4, 1 }, { "pje", 3, 1 },
		{ "jes", 3, 1 }, { "je", 2, 1 }, { "s", 1, 0 }, { "t", 1, 1 }, { "de", 2, 1 }, { "te", 2, 1 },
		{ "den", 3, 1 }, { "ten", 3, 1 }, { "d", 1, 1 }, { "", 0, 1 },
	};
	char b[72];
	const struct lexent *x;
	if (n >= 64 || n < 4)
		return NULL;
	/* a compound's head (min_stem 5) is tried with the adjective endings alone: the others cost too many lookups at every split */
	size_t nend = min_stem >= 5 ? 6 : sizeof(endings) / sizeof(*endings);
	for (size_t k = 0; k < nend; k++) {
		size_t el = endings[k].len;
		if (n < el + min_stem || (el && s[n - 1] != endings[k].end[el - 1]) || memcmp(s + n - el, endings[k].end, el))
			continue;
		size_t bn = n - el;
		if (el) {
			memcpy(b, s, bn);
			if ((x = dutch_stem(m, b, bn)))
				return x;
		}
		if (endings[k].plus_en && (x = dutch_plus_en(m, s, bn)))
			return x;
	}
	/* the participle: "ge" + stem + "d"/"t" ("gestoord" -> "stoor" -> "storen") */
	if (min_stem < 5 && n >= 7 && s[0] == 'g' && s[1] == 'e' && (s[n - 1] == 'd' || s[n - 1] == 't')) {
		memcpy(b, s + 2, n - 3);
		if ((x = dutch_stem(m, b, n - 3)) || (x = dutch_plus_en(m, s + 2, n - 3)))
			return x;
	}
	/*
	 * A separable verb puts "ge" after its particle: "vastgelopen",
	 * "aangeraden" -> "vastlopen", "aanraden" (a strong verb's participle
	 * ends in "-en" as its infinitive does; a weak one's in "-d" or "-t",
	 * its stem then takes "-en").
	 */
	static const char *const particles[] = { "vast", "uit", "af", "aan", "op", "in",
						 "weg", "tegen", "mee", "terug", "door" };
	for (size_t k = 0; min_stem < 5 && k < sizeof(particles) / sizeof(*particles); k++) {
		size_t pl = strlen(particles[k]);
		if (n < pl + 6 || memcmp(s, particles[k], pl) || s[pl] != 'g' || s[pl + 1] != 'e')
			continue;
		memcpy(b, s, pl);
		memcpy(b + pl, s + pl + 2, n - pl - 2);
		size_t bn = n - 2;
		if (s[n - 2] == 'e' && s[n - 1] == 'n' && (x = try_form(m, b, bn)))
			return x;
		if ((s[n - 1] == 'd' || s[n - 1] == 't') && (x = dutch_plus_en(m, b, bn - 1)))
			return x;
	}
	return NULL;
}

/* A Dutch content word with a valence, as written or by its base form. */
static const struct lexent *dutch_word(const struct lexmap *m, const char *s, size_t n, size_t min_stem)
{
	const struct lexent *x = try_form(m, s, n);
	if (!x)
		x = dutch_base(m, s, n, min_stem);
	if (x && (x->flags & DUTCH_NOT_CONTENT))
		return NULL;
	return x;
}

/*
 * Dutch words the lexicons do not list, by word formation:
 * - the prefix "on-" negates an adjective ("onaardig", "onprettig",
 *   "onsmakelijk"): the base's valence, flipped (*flip set);
 * - a compound takes its meaning from its last part, the head
 *   ("klantvriendelijk", "superlekker", "topkwaliteit"): the longest head
 *   of at least five letters that has a valence, after a first part of at
 *   least three.
 */
const struct lexent *dutch_formation(const struct lexmap *m, const char *s, size_t n, int *flip)
{
	const struct lexent *x;
	if (n >= 6 && s[0] == 'o' && s[1] == 'n' && (x = dutch_word(m, s + 2, n - 2, 3))) {
		*flip = 1;
		return x;
	}
	/*
	 * "-loos"/"-loze" (without) and "-vrij" (free of) negate their base:
	 * "smaakloos", "nutteloos", "hopeloos" lack something good, "zorgeloos",
	 * "feilloos", "storingsvrij" lack something bad. A base without a
	 * valence gives none ("draadloos").
	 */
	static const char *const privative[] = { "loos", "loze", "vrij", "vrije" };
	for (size_t k = 0; k < sizeof(privative) / sizeof(*privative); k++) {
		size_t sl = strlen(privative[k]);
		if (n < sl + 3 || memcmp(s + n - sl, privative[k], sl))
			continue;
		size_t bn = n - sl;
		if ((x = dutch_word(m, s, bn, 3)) || (bn > 4 && s[bn - 1] == 's' && (x = dutch_word(m, s, bn - 1, 3)))) {
			*flip = 1;
			return x;
		}
		return NULL;
	}
	for (size_t k = 3; k + 5 <= n; k++)
		if ((x = dutch_word(m, s + k, n - k, 5)))
			return x;
	/*
	 * Intensifying first parts take a head of any length: "superleuk",
	 * "keigoed", "oersaai", "doodeng", "stomvervelend".
	 */
	static const char *const intens[] = { "super", "mega", "hyper", "ultra", "kei", "bere", "reuze", "oer", "dood", "stom" };
	for (size_t k = 0; k < sizeof(intens) / sizeof(*intens); k++) {
		size_t pl = strlen(intens[k]);
		if (n >= pl + 3 && !memcmp(s, intens[k], pl) && (x = dutch_word(m, s + pl, n - pl, 3)))
			return x;
	}
	/*
	 * A few first parts judge whatever follows: "kutweer", "klotedag",
	 * "prachtlocatie", "topservice". They take the valence of the word
	 * they come from.
	 */
	static const struct { const char *prefix, *word; } judging[] = {
		{ "kut", "kut" }, { "klote", "klote" }, { "pracht", "prachtig" }, { "top", "top" },
	};
	for (size_t k = 0; k < sizeof(judging) / sizeof(*judging); k++) {
		size_t pl = strlen(judging[k].prefix);
		if (n >= pl + 4 && !memcmp(s, judging[k].prefix, pl))
			return try_form(m, judging[k].word, strlen(judging[k].word));
	}
	return NULL;
}
