/* Tokenizer of the text classifiers; see words.h. */
#include "listen/words.h"

#include <string.h>
#include <utf8proc.h>

#include "listen/norm.h"

#define FNV_BASIS 14695981039346656037ULL /* FNV-1a 64 offset basis */
#define FNV_PRIME 1099511628211ULL

uint64_t words_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = FNV_BASIS;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= FNV_PRIME;
	}
	return h;
}

/*
 * Most of a post is ASCII. The helpers below handle it inline, without a
 * library call, and leave other code points to a *_slow() function, so that
 * the compiler can inline the short ASCII part into words_split().
 */

static int32_t next_cp_slow(const char *s, size_t n, size_t *i)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &cp);
	if (k <= 0) {
		(*i)++;
		return -1;
	}
	*i += (size_t)k;
	return cp;
}

/* Decode one code point at s[*i..n); invalid bytes give -1 and advance one. */
static inline int32_t next_cp(const char *s, size_t n, size_t *i)
{
	if ((unsigned char)s[*i] < 0x80)
		return s[(*i)++];
	return next_cp_slow(s, n, i);
}

static int32_t peek_cp(const char *s, size_t n, size_t i)
{
	return i < n ? next_cp(s, n, &i) : -1;
}

int words_is_emoji(uint32_t cp)
{
	return (cp >= 0x1F300 && cp <= 0x1FAFF && !(cp >= 0x1F3FB && cp <= 0x1F3FF)) ||
	       (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F000 && cp <= 0x1F2FF && !(cp >= 0x1F1E6 && cp <= 0x1F1FF)) ||
	       cp == 0x2B50 || cp == 0x2B55 || cp == 0x2B06 || cp == 0x2B07 || cp == 0x231A || cp == 0x231B ||
	       cp == 0x23F0 || cp == 0x23F3;
}

/* words_is_emoji() with the ASCII answer inline: it is asked at every token. */
static inline int is_emoji(int32_t cp)
{
	return cp >= 0x80 && words_is_emoji((uint32_t)cp);
}

/* Joiners, variation selectors, skin tones and flag letters carry no sentiment of their own. */
static inline int is_emoji_modifier(int32_t cp)
{
	return cp >= 0x80 && (cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
	       (cp >= 0x1F1E6 && cp <= 0x1F1FF) || (cp >= 0xE0020 && cp <= 0xE007F));
}

static int is_space(int32_t cp)
{
	if (cp < 0)
		return 1;
	if (cp <= 0x20)
		return 1;
	if (cp < 0x80)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
	       c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF;
}

static int is_word_cp_slow(int32_t cp)
{
	if (cp < 0)
		return 0;
	if (words_is_emoji((uint32_t)cp))
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) || c == UTF8PROC_CATEGORY_NL ||
	       c == UTF8PROC_CATEGORY_NO;
}

static inline int is_word_cp(int32_t cp)
{
	if ((uint32_t)cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
	return is_word_cp_slow(cp);
}

/* is_word_cp() of an ASCII byte; false for the bytes of other code points. */
static inline int is_ascii_word(char b)
{
	unsigned char c = (unsigned char)b;
	return (unsigned char)((c | 32) - 'a') < 26 || (unsigned char)(c - '0') < 10 || c == '_';
}

static inline int is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static inline int is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/*
 * A writer of folded bytes that cuts runs of three or more equal letters to
 * two. It keeps the words_hash() of what it wrote: hashing byte by byte
 * while folding overlaps the hash's chain of multiplications with the rest
 * of the work, where a second pass over the token waited for each.
 */
struct fold {
	char *out;
	size_t len, cap;
	uint64_t hash; /* words_hash(out, len) */
	int32_t last;
	int run;
	int elong;
};

static void put_cp_slow(struct fold *f, int32_t cp)
{
	utf8proc_uint8_t b[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, b);
	if (k <= 0 || f->len + (size_t)k + 1 > f->cap)
		return;
	memcpy(f->out + f->len, b, (size_t)k);
	f->len += (size_t)k;
	for (utf8proc_ssize_t j = 0; j < k; j++)
		f->hash = (f->hash ^ b[j]) * FNV_PRIME;
}

static inline void put_cp(struct fold *f, int32_t cp)
{
	if (cp == f->last && !(cp >= '0' && cp <= '9')) {
		if (++f->run >= 3) {
			f->elong = 1;
			return;
		}
	} else {
		f->last = cp;
		f->run = 1;
	}
	if ((uint32_t)cp < 0x80 && f->len + 2 <= f->cap) {
		f->out[f->len++] = (char)cp;
		f->hash = (f->hash ^ (uint64_t)cp) * FNV_PRIME;
		return;
	}
	put_cp_slow(f, cp);
}

static void fold_cp_slow(struct fold *f, int32_t cp)
{
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) { /* typographic apostrophes */
		put_cp(f, '\'');
		return;
	}
	int32_t d[NORM_FOLD_MAX];
	int k = norm_fold_cp(cp, d);
	if (k < 0) {
		put_cp(f, cp);
		return;
	}
	for (int j = 0; j < k; j++)
		put_cp(f, d[j]);
}

/* Lower case, accents and compatibility forms off: "Één" -> "een", "ｆｕｌｌ" -> "full". */
static inline void fold_cp(struct fold *f, int32_t cp)
{
	if (cp < 0x80)
		put_cp(f, cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
	else
		fold_cp_slow(f, cp);
}

size_t words_fold(const char *s, size_t n, char *out, size_t cap)
{
	if (!cap)
		return 0;
	struct fold f = { .out = out, .cap = cap, .last = -1, .hash = FNV_BASIS };
	for (size_t i = 0; i < n;) {
		int32_t cp = next_cp(s, n, &i);
		if (cp >= 0 && !is_emoji_modifier(cp))
			fold_cp(&f, cp);
	}
	out[f.len] = '\0';
	return f.len;
}

/* A token of the folded bytes buf[off..off + len), their words_hash() `hash`. */
static struct word *add(struct words *ws, enum word_kind kind, size_t off, size_t len, uint64_t hash, unsigned flags)
{
	struct word *w = &ws->w[ws->n++];
	w->off = (uint32_t)off;
	w->len = (uint16_t)len;
	w->kind = (uint8_t)kind;
	w->flags = (uint8_t)flags;
	ws->buf[off + len] = '\0';
	w->hash = hash;
	ws->used = off + len + 1;
	return w;
}

/* Called at every token: no strlen, and most tokens differ at the first byte. */
static int starts_with(const char *s, size_t n, size_t i, const char *lit)
{
	for (size_t j = 0; lit[j]; j++) {
		if (i + j >= n)
			return 0;
		char c = s[i + j];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != lit[j])
			return 0;
	}
	return 1;
}

/*
 * Posts from X (and data sets collected from it) carry '&', '<' and '>'
 * escaped as HTML does: "&lt;3" is the heart "<3", "&amp;" an ampersand and
 * not the word "amp". Called after a '&' at s[*i - 1]: the character it
 * stands for, with *i past the reference; '&' itself when none follows.
 */
static int32_t unescape(const char *s, size_t n, size_t *i)
{
	static const struct {
		char ref[6];
		int32_t cp;
	} refs[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' } };
	for (size_t k = 0; k < sizeof(refs) / sizeof(*refs); k++) {
		size_t len = strlen(refs[k].ref);
		if (n - *i >= len && !memcmp(s + *i, refs[k].ref, len)) {
			*i += len;
			return refs[k].cp;
		}
	}
	return '&';
}

/* Letters that end an emoticon: ":D", ":p", ":-O", "<3", ":S", ":x". */
static int emoticon_tail(int32_t cp)
{
	return cp >= 0 && cp < 0x80 && strchr("DPpdOoSsXxb3", (int)cp) && cp != 0;
}

void words_split(struct words *ws, const char *s, size_t n)
{
	ws->n = 0;
	ws->used = 0;
	ws->lex_of = NULL;
	ws->letters_words = ws->caps_words = 0;
	ws->exclaims = ws->questions = 0;
	size_t i = 0;
	while (i < n && ws->n < WORDS_MAX) {
		size_t start = i;
		int32_t cp = next_cp(s, n, &i);
		if (cp == '&')
			cp = unescape(s, n, &i);
		if (is_space(cp) || is_emoji_modifier(cp))
			continue;
		size_t room = WORDS_BUF - ws->used;
		if (room < 16)
			break;
		struct fold f = { .out = ws->buf + ws->used, .cap = room > 256 ? 256 : room, .last = -1, .hash = FNV_BASIS };
		if (is_emoji(cp)) {
			put_cp(&f, cp);
			add(ws, WORD_EMOJI, ws->used, f.len, f.hash, 0);
			continue;
		}
		if (starts_with(s, n, start, "http://") || starts_with(s, n, start, "https://") ||
		    starts_with(s, n, start, "www.")) {
			while (i < n && !is_space(peek_cp(s, n, i)))
				next_cp(s, n, &i);
			add(ws, WORD_URL, ws->used, 0, FNV_BASIS, 0);
			continue;
		}
		unsigned flags = 0;
		enum word_kind kind = WORD_WORD;
		if ((cp == '#' || cp == '@') && is_word_cp(peek_cp(s, n, i))) {
			flags = cp == '#' ? WORD_HASHTAG : 0;
			kind = cp == '@' ? WORD_MENTION : WORD_WORD;
			start = i;
			cp = next_cp(s, n, &i);
		}
		if (is_word_cp(cp)) {
			unsigned upper = 0, lower = 0, digits = 0, all = 0;
			for (;;) {
				all++;
				upper += is_upper(cp);
				lower += is_lower(cp);
				digits += cp >= '0' && cp <= '9';
				fold_cp(&f, cp);
				/*
				 * A run of ASCII letters, digits and '_', most of a word,
				 * taken here byte by byte without decoding, as the loop
				 * would take each.
				 */
				while (i < n && is_ascii_word(s[i])) {
					unsigned char c = (unsigned char)s[i++];
					unsigned up = (unsigned)(c - 'A') < 26, lo = (unsigned)(c - 'a') < 26;
					all++;
					upper += up;
					lower += lo;
					digits += (unsigned)(c - '0') < 10;
					put_cp(&f, (int32_t)(c + (up << 5)));
				}
				if (i >= n)
					break;
				size_t save = i;
				int32_t nx = next_cp(s, n, &i);
				if (is_word_cp(nx) || (kind == WORD_MENTION && nx == '.' && is_word_cp(peek_cp(s, n, i)))) {
					cp = nx;
					continue;
				}
				/* Inner apostrophes and hyphens: don't, z'n, e-mail. */
				if ((nx == '\'' || nx == 0x2019 || nx == '-') && is_word_cp(peek_cp(s, n, i))) {
					fold_cp(&f, nx);
					cp = next_cp(s, n, &i);
					continue;
				}
				i = save;
				break;
			}
			if (digits == all)
				flags |= WORD_NUMBER;
			if (upper + lower >= 2) {
				ws->letters_words++;
				if (upper >= 2 && lower == 0) {
					flags |= WORD_CAPS;
					ws->caps_words++;
				}
			}
			if (f.elong)
				flags |= WORD_ELONG;
			add(ws, kind, ws->used, f.len, f.hash, flags);
			continue;
		}
		/* A run of punctuation and symbols: "!!!", "...", ":-)", ":'(", "</3". */
		for (;;) {
			if (cp == '!')
				ws->exclaims++;
			else if (cp == '?')
				ws->questions++;
			if (cp == '.' || cp == ',' || cp == ';' || cp == '!' || cp == '?')
				flags |= WORD_BREAK;
			if (cp >= 0)
				fold_cp(&f, cp);
			if (i >= n)
				break;
			int32_t nx = peek_cp(s, n, i);
			if (is_space(nx) || is_emoji(nx) || is_emoji_modifier(nx))
				break;
			if (is_word_cp(nx)) {
				/* ":D" and "<3" but not the "a" of ",and". */
				size_t j = i;
				next_cp(s, n, &j);
				int32_t after = peek_cp(s, n, j);
				if (emoticon_tail(nx) && (j >= n || !is_word_cp(after))) {
					fold_cp(&f, nx);
					i = j;
				}
				break;
			}
			if ((cp = next_cp(s, n, &i)) == '&')
				cp = unescape(s, n, &i);
		}
		add(ws, WORD_PUNCT, ws->used, f.len, f.hash, flags);
	}
}
