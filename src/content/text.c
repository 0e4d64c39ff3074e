/* text — twitter-text entity extraction and weighted length; see text.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "content/text.h"

#include <math.h>
#include <stdarg.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "content/grapheme.h"

/* Generated from data/twitter-text/tld_lib.yml by scripts/gen-tlds. */
extern const char text_tlds_country[], text_tlds_generic[];

/*
 * The pieces of twitter-text's regular expressions (twitter-text.js 3.x,
 * src/regexp/), in PCRE2 syntax. JavaScript's `$` without the m flag is the
 * end of the input, which is `\z` here; JavaScript's `\s` is JS_SPACE.
 */
#define SPACES "\\x{09}-\\x{0D}\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}"
#define JS_SPACE "\\x{09}-\\x{0D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"
#define INVALID "\\x{FFFE}\\x{FEFF}\\x{FFFF}"
#define DIRMARK "\\x{061C}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}"
#define PUNCT "!'#%&()*+,\\\\\\-./:;<=>?@\\[\\]\\^_{|}~$"
#define LATIN "\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{FF}\\x{100}-\\x{24F}\\x{253}\\x{254}\\x{256}\\x{257}\\x{259}\\x{25B}\\x{263}\\x{268}\\x{26F}\\x{272}\\x{289}\\x{28B}\\x{2BB}\\x{300}-\\x{36F}\\x{1E00}-\\x{1EFF}"
#define CYRILLIC "\\x{400}-\\x{4FF}"

#define HT_ALNUM "[\\p{L}\\p{M}\\p{Nd}_\\x{200C}\\x{200D}\\x{A67E}\\x{05BE}\\x{05F3}\\x{05F4}\\x{FF5E}\\x{301C}\\x{309B}\\x{309C}\\x{30A0}\\x{30FB}\\x{3003}\\x{0F0B}\\x{0F0C}\\x{00B7}]"
#define HT_ALPHA "[\\p{L}\\p{M}]"
/* groups: 1 boundary, 2 hash sign, 3 tag */
#define RE_HASHTAG "(\\A|\\x{FE0E}|\\x{FE0F}|(?!" HT_ALNUM "|&)(?s:.))([#\\x{FF03}])(?!\\x{FE0F}|\\x{20E3})(" HT_ALNUM "*" HT_ALPHA HT_ALNUM "*)"
#define RE_HASHTAG_END "\\A(?:[#\\x{FF03}]|://)"

/* groups: 1 preceding, 2 at sign, 3 screen name, 4 "/slug" */
#define RE_MENTION "((?:\\A|[^a-zA-Z0-9_!#$%&*@\\x{FF20}]|(?:\\A|[^a-zA-Z0-9_+~.\\-])(?:rt|RT|rT|Rt):?))([@\\x{FF20}])([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})?"
#define RE_MENTION_END "\\A(?:[@\\x{FF20}]|[" LATIN "]|://)"

/* groups: 1 preceding, 2 dollar, 3 symbol */
#define RE_CASHTAG "(\\A|[" SPACES "])(\\$)([a-z]{1,6}(?:[._][a-z]{1,2})?)(?=\\z|[" JS_SPACE "]|[" PUNCT "])"

#define DC "[^" PUNCT SPACES INVALID DIRMARK "]"
#define SUBDOMAIN "(?:(?:" DC "(?:[_\\-]|" DC ")*)?" DC "\\.)"
#define DOMAIN_NAME "(?:(?:" DC "(?:-|" DC ")*)?" DC "\\.)"
#define TLD_END "(?=[^0-9a-zA-Z@+\\-]|\\z)"
#define PUNYCODE "(?:xn--[\\-0-9a-z]+)"
#define PC "[a-z" CYRILLIC "0-9!*';:=+,.$/%#\\[\\]\\-\\x{2013}_~|&@" LATIN "]"
#define BALANCED "\\((?:" PC "+|(?:" PC "*\\(" PC "+\\)" PC "*))\\)"
#define PATH_END "(?:[+\\-a-z" CYRILLIC "0-9=_#/" LATIN "]|(?:" BALANCED "))"
#define PATH "(?:(?:" PC "*(?:" BALANCED PC "*)*" PATH_END ")|(?:" PC "+/))"
#define QCHARS "[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]"
#define QEND "[a-z0-9\\-_&=#/]"
#define PRECEDING "(?:[^A-Za-z0-9@\\x{FF20}$#\\x{FF03}" INVALID "]|[" DIRMARK "]|\\A)"

enum re_id {
	RE_HT, RE_HT_END, RE_MT, RE_MT_END, RE_CT, RE_URL, RE_TCO, RE_ASCII_DOMAIN, RE_COUNT,
};

struct text_matcher {
	pcre2_code *re[RE_COUNT];
	pcre2_match_context *mctx;
};

static pcre2_code *compile(const char *pattern, uint32_t flags)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK | flags, &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof(msg));
		fprintf(stderr, "koers: internal pattern error at %zu: %s\n", (size_t)off, (char *)msg);
		abort();
	}
	/* JIT makes the long TLD alternations fast; without it PCRE2 interprets. */
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* Append the NULL-terminated list of strings (patterns contain '%'). */
static void cat(struct strbuf *sb, ...)
{
	va_list ap;
	va_start(ap, sb);
	for (const char *p; (p = va_arg(ap, const char *));)
		strbuf_addstr(sb, p);
	va_end(ap);
}

struct text_matcher *text_matcher_new(void)
{
	struct text_matcher *m = xcalloc(1, sizeof(*m));
	struct strbuf gtld, cctld, sb;
	strbuf_init(&gtld, STRBUF_NOCAP);
	strbuf_init(&cctld, STRBUF_NOCAP);
	strbuf_init(&sb, STRBUF_NOCAP);
	cat(&gtld, "(?:(?:", text_tlds_generic, ")" TLD_END ")", NULL);
	cat(&cctld, "(?:(?:", text_tlds_country, ")" TLD_END ")", NULL);

	m->re[RE_HT] = compile(RE_HASHTAG, PCRE2_CASELESS);
	m->re[RE_HT_END] = compile(RE_HASHTAG_END, 0);
	m->re[RE_MT] = compile(RE_MENTION, 0);
	m->re[RE_MT_END] = compile(RE_MENTION_END, 0);
	m->re[RE_CT] = compile(RE_CASHTAG, PCRE2_CASELESS);

	/* groups: 1 all, 2 preceding, 3 url, 4 protocol, 5 domain, 6 port, 7 path, 8 query */
	cat(&sb, "((" PRECEDING ")((https?://)?((?:" SUBDOMAIN "*" DOMAIN_NAME "(?:", gtld.buf, "|", cctld.buf,
	    "|" PUNYCODE ")))(?::([0-9]+))?(/" PATH "*)?(\\?" QCHARS "*" QEND ")?))", NULL);
	m->re[RE_URL] = compile(sb.buf, PCRE2_CASELESS);
	m->re[RE_TCO] = compile("\\Ahttps?://t\\.co/([a-z0-9]+)(?:\\?" QCHARS "*" QEND ")?", PCRE2_CASELESS);
	strbuf_reset(&sb);
	cat(&sb, "(?:(?:[\\-a-z0-9" LATIN "]+)\\.)+(?:", gtld.buf, "|", cctld.buf, "|" PUNYCODE ")", NULL);
	m->re[RE_ASCII_DOMAIN] = compile(sb.buf, PCRE2_CASELESS);

	/* Bound the work one match may do, so no input can stall us. */
	m->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(m->mctx, 10000000);
	pcre2_set_depth_limit(m->mctx, 100000);
	strbuf_release(&gtld);
	strbuf_release(&cctld);
	strbuf_release(&sb);
	return m;
}

void text_matcher_free(struct text_matcher *m)
{
	if (!m)
		return;
	for (int i = 0; i < RE_COUNT; i++)
		pcre2_code_free(m->re[i]);
	pcre2_match_context_free(m->mctx);
	free(m);
}

/* One match of pattern `id` in s[0..n) from `start`; false when none. */
struct match {
	pcre2_match_data *md;
	PCRE2_SIZE *ov;
};

static bool match_at(const struct text_matcher *m, enum re_id id, const char *s, size_t n, size_t start,
		     struct match *mt)
{
	if (!mt->md)
		mt->md = pcre2_match_data_create(12, NULL);
	if (start > n)
		return false;
	int rc = pcre2_match(m->re[id], (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, mt->md, m->mctx);
	/* The JIT's stack is small and shared state; the interpreter keeps its
	 * backtracking on the heap, within the limits set in text_matcher_new(). */
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(m->re[id], (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, mt->md, m->mctx);
	if (rc <= 0)
		return false; /* no match, or a resource limit: treat as none */
	mt->ov = pcre2_get_ovector_pointer(mt->md);
	return true;
}

static bool group(const struct match *mt, int g, size_t *a, size_t *b)
{
	bool set = mt->ov[2 * g] != PCRE2_UNSET;
	*a = set ? mt->ov[2 * g] : 0;
	*b = set ? mt->ov[2 * g + 1] : 0;
	return set;
}

static void match_release(struct match *mt)
{
	pcre2_match_data_free(mt->md);
}

/* ---- UTF-8 helpers ---- */

size_t text_utf8_check(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0)
			return i;
		i += (size_t)len;
	}
	return n;
}

static size_t decode(const char *s, size_t n, size_t i, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
	if (len <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)len;
}

size_t text_utf16_len(const char *s, size_t n)
{
	size_t u = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += decode(s, n, i, &cp);
		u += cp > 0xFFFF ? 2 : 1;
	}
	return u;
}

size_t text_codepoints(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

size_t text_grapheme_end(const char *s, size_t n, size_t pos)
{
	return grapheme_next(s, n, pos);
}

size_t text_graphemes(const char *s, size_t n)
{
	return grapheme_count(s, n);
}

int text_nfc(const char *s, size_t n, char **out, size_t *outlen, struct err *e)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
					    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0)
		return err_set(e, ERR_DATA, "cannot normalise the text: %s", utf8proc_errmsg(len));
	*out = (char *)dst;
	*outlen = (size_t)len;
	return 0;
}

void text_position(const char *s, size_t pos, unsigned *line, unsigned *column)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < pos; i++) {
		if (s[i] == '\n')
			l++, c = 1;
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*column = c;
}

/* UTF-16 index of every byte offset that starts a code point (and of n). */
static size_t *utf16_map(const char *s, size_t n)
{
	size_t *map = xmalloc((n + 1) * sizeof(*map));
	size_t u = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t len = decode(s, n, i, &cp);
		for (size_t k = 0; k < len; k++)
			map[i + k] = u;
		u += cp > 0xFFFF ? 2 : 1;
		i += len;
	}
	map[n] = u;
	return map;
}

/* ---- entities ---- */

const char *text_kind_name(enum text_kind kind)
{
	static const char *const names[] = {
		[TEXT_URL] = "url", [TEXT_HASHTAG] = "hashtag", [TEXT_MENTION] = "mention",
		[TEXT_LIST] = "list", [TEXT_CASHTAG] = "cashtag",
	};
	return names[kind];
}

void text_entities_release(struct text_entities *es)
{
	for (size_t i = 0; i < es->n; i++)
		free(es->v[i].text);
	free(es->v);
	es->v = NULL;
	es->n = es->alloc = 0;
}

static void add(struct text_entities *es, enum text_kind kind, char *text, size_t start, size_t end)
{
	ALLOC_GROW(es->v, es->n + 1, es->alloc);
	es->v[es->n++] = (struct text_entity){ .kind = kind, .text = text, .start = start, .end = end };
}

/* Stable sort by start, then drop every entity that overlaps the one before
 * it (twitter-text's removeOverlappingEntities). */
void text_entities_remove_overlaps(struct text_entities *es, size_t from)
{
	if (es->n <= from)
		return; /* nothing to sort, and es->v may be NULL */
	struct text_entity *v = es->v + from;
	size_t n = es->n - from;
	for (size_t i = 1; i < n; i++) {
		struct text_entity t = v[i];
		size_t j = i;
		while (j > 0 && v[j - 1].start > t.start) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = t;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k > 0 && v[k - 1].end > v[i].start) {
			free(v[i].text);
			continue;
		}
		v[k++] = v[i];
	}
	es->n = from + k;
}

static void extract_hashtags(const struct text_matcher *m, const char *s, size_t n, struct text_entities *out)
{
	struct match mt = { 0 }, end = { 0 };
	size_t pos = 0;
	while (match_at(m, RE_HT, s, n, pos, &mt)) {
		size_t a, b, ha, hb;
		pos = mt.ov[1];
		group(&mt, 2, &ha, &hb);
		group(&mt, 3, &a, &b);
		/* a tag followed by another '#' or by "://" is not a tag */
		if (match_at(m, RE_HT_END, s + b, n - b, 0, &end))
			continue;
		add(out, TEXT_HASHTAG, xstrndup(s + a, b - a), ha, b);
	}
	match_release(&mt);
	match_release(&end);
}

static void extract_mentions(const struct text_matcher *m, const char *s, size_t n, struct text_entities *out)
{
	struct match mt = { 0 }, end = { 0 };
	size_t pos = 0;
	while (match_at(m, RE_MT, s, n, pos, &mt)) {
		size_t aa, ab, a, b, la = 0, lb = 0;
		pos = mt.ov[1];
		group(&mt, 2, &aa, &ab);
		group(&mt, 3, &a, &b);
		bool list = group(&mt, 4, &la, &lb);
		size_t e = list ? lb : b;
		if (match_at(m, RE_MT_END, s + e, n - e, 0, &end))
			continue;
		add(out, list ? TEXT_LIST : TEXT_MENTION, xstrndup(s + a, e - a), aa, e);
	}
	match_release(&mt);
	match_release(&end);
}

static void extract_cashtags(const struct text_matcher *m, const char *s, size_t n, struct text_entities *out)
{
	struct match mt = { 0 };
	size_t pos = 0;
	while (match_at(m, RE_CT, s, n, pos, &mt)) {
		size_t da, db, a, b;
		pos = mt.ov[1];
		group(&mt, 2, &da, &db);
		group(&mt, 3, &a, &b);
		add(out, TEXT_CASHTAG, xstrndup(s + a, b - a), da, b);
	}
	match_release(&mt);
}

/* ---- punycode length (RFC 3492), for the 63-character label limit ---- */

static uint32_t puny_adapt(uint32_t delta, uint32_t numpoints, bool first)
{
	uint32_t k = 0;
	delta = first ? delta / 700 : delta / 2;
	delta += delta / numpoints;
	while (delta > ((36 - 1) * 26) / 2) {
		delta /= 36 - 1;
		k += 36;
	}
	return k + (36 - 1 + 1) * delta / (delta + 38);
}

/* The length of punycode.toASCII(label): the label itself when ASCII, else
 * "xn--" and its encoding; SIZE_MAX when longer than `limit`. */
static size_t puny_len(const char *s, size_t n, size_t limit)
{
	int32_t cps[64];
	size_t count = 0, basic = 0;
	bool ascii = true;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += decode(s, n, i, &cp);
		if (count == 64)
			return SIZE_MAX; /* every code point costs at least one character */
		cps[count++] = cp;
		if (cp < 0x80)
			basic++;
		else
			ascii = false;
	}
	if (ascii)
		return count;
	size_t out = 4 + basic + (basic > 0);
	uint32_t nn = 128, delta = 0, bias = 72, h = (uint32_t)basic;
	while (h < count) {
		uint32_t mm = UINT32_MAX;
		for (size_t i = 0; i < count; i++)
			if ((uint32_t)cps[i] >= nn && (uint32_t)cps[i] < mm)
				mm = (uint32_t)cps[i];
		uint64_t d = (uint64_t)delta + (uint64_t)(mm - nn) * (h + 1);
		if (d > UINT32_MAX / 2)
			return SIZE_MAX;
		delta = (uint32_t)d;
		nn = mm;
		for (size_t i = 0; i < count; i++) {
			if ((uint32_t)cps[i] < nn)
				delta++;
			if ((uint32_t)cps[i] == nn) {
				uint32_t q = delta;
				for (uint32_t k = 36;; k += 36) {
					uint32_t t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
					if (q < t)
						break;
					out++;
					q = (q - t) / (36 - t);
				}
				out++;
				bias = puny_adapt(delta, h + 1, h == basic);
				delta = 0;
				h++;
			}
		}
		if (out > limit)
			return SIZE_MAX;
		delta++;
		nn++;
	}
	return out;
}

/* twitter-text's isValidUrl: each domain label 1..63 characters after
 * punycode, and protocol + URL (with the punycoded domain) at most 4096. */
static bool valid_url(const struct text_matcher *m, const char *s, size_t n, size_t url_a, size_t url_b,
		      size_t proto_len, size_t dom_a, size_t dom_b)
{
	const char *d = s + dom_a;
	size_t dn = dom_b - dom_a;
	if (dn >= 4 && !memcmp(d, "xn--", 4)) {
		struct match mt = { 0 };
		bool ok = match_at(m, RE_ASCII_DOMAIN, d, dn, 0, &mt);
		match_release(&mt);
		if (!ok)
			return false;
	}
	size_t ascii_len = 0;
	for (size_t i = 0;;) {
		const char *dot = memchr(d + i, '.', dn - i);
		size_t j = dot ? (size_t)(dot - d) : dn;
		size_t l = puny_len(d + i, j - i, 63);
		if (l < 1 || l > 63)
			return false;
		ascii_len += l + (dot != NULL);
		if (!dot)
			break;
		i = j + 1;
	}
	size_t len16 = text_utf16_len(s + url_a, url_b - url_a) + ascii_len - text_utf16_len(d, dn);
	return proto_len + len16 <= 4096;
}

static void extract_urls(const struct text_matcher *m, const char *s, size_t n, bool need_protocol,
			 struct text_entities *out)
{
	struct match mt = { 0 }, sub = { 0 };
	if (!memchr(s, need_protocol ? ':' : '.', n))
		return;
	size_t pos = 0;
	while (match_at(m, RE_URL, s, n, pos, &mt)) {
		size_t ba = 0, bb = 0, ua, ub, pa = 0, pb = 0, da, db, xa, xb;
		pos = mt.ov[1];
		group(&mt, 2, &ba, &bb);
		group(&mt, 3, &ua, &ub);
		bool proto = group(&mt, 4, &pa, &pb) && pb > pa;
		group(&mt, 5, &da, &db);
		bool path = group(&mt, 7, &xa, &xb) && xb > xa;
		if (!valid_url(m, s, n, ua, ub, proto ? pb - pa : strlen("https://"), da, db))
			continue;
		if (!proto) {
			if (need_protocol || (bb > ba && strchr("-_./", s[bb - 1])))
				continue;
			/* Only the ASCII domains inside count, each on its own. */
			size_t dp = 0, last = out->n;
			bool found = false;
			size_t la = 0, lb = 0;
			while (match_at(m, RE_ASCII_DOMAIN, s + da, db - da, dp, &sub)) {
				size_t a = da + sub.ov[0], b = da + sub.ov[1];
				dp = sub.ov[1] > dp ? sub.ov[1] : dp + 1;
				found = true;
				la = a;
				lb = b;
				last = out->n;
				add(out, TEXT_URL, xstrndup(s + a, b - a), a, b);
			}
			if (found && path) {
				/* the last domain takes the path and query along */
				struct strbuf sb;
				strbuf_init(&sb, STRBUF_NOCAP);
				strbuf_add(&sb, s + la, lb - la);
				strbuf_add(&sb, s + db, ub - db);
				free(out->v[last].text);
				out->v[last].text = strbuf_detach(&sb, NULL);
				out->v[last].end = ub;
			}
			continue;
		}
		/* t.co links end after their slug (and query). */
		if (match_at(m, RE_TCO, s + ua, ub - ua, 0, &sub)) {
			size_t sa, sbb;
			group(&sub, 1, &sa, &sbb);
			if (text_utf16_len(s + ua + sa, sbb - sa) > 40)
				continue;
			ub = ua + sub.ov[1];
		}
		add(out, TEXT_URL, xstrndup(s + ua, ub - ua), ua, ub);
	}
	match_release(&mt);
	match_release(&sub);
}

int text_extract(const struct text_matcher *m, const char *s, size_t n, unsigned which,
		 struct text_entities *out, struct err *e)
{
	size_t bad = text_utf8_check(s, n);
	if (bad < n)
		return err_set(e, ERR_DATA, "invalid UTF-8 at byte %zu", bad);
	size_t from = out->n;
	bool all = (which & TEXT_ALL) == TEXT_ALL;
	if (which & TEXT_URLS)
		extract_urls(m, s, n, which & TEXT_URLS_NEED_PROTOCOL, out);
	if (which & TEXT_MENTIONS)
		extract_mentions(m, s, n, out);
	if (which & TEXT_HASHTAGS) {
		size_t before = out->n;
		extract_hashtags(m, s, n, out);
		if (!all && before < out->n) {
			/* hashtags overlapping URLs go, as in extractHashtagsWithIndices */
			size_t first_url = out->n;
			extract_urls(m, s, n, false, out);
			if (out->n > first_url) {
				text_entities_remove_overlaps(out, before);
				size_t k = before;
				for (size_t i = before; i < out->n; i++) {
					if (out->v[i].kind == TEXT_HASHTAG)
						out->v[k++] = out->v[i];
					else
						free(out->v[i].text);
				}
				out->n = k;
			}
		}
	}
	if (which & TEXT_CASHTAGS)
		extract_cashtags(m, s, n, out);
	if (all)
		text_entities_remove_overlaps(out, from);
	size_t *map = utf16_map(s, n);
	for (size_t i = from; i < out->n; i++) {
		out->v[i].start16 = map[out->v[i].start];
		out->v[i].end16 = map[out->v[i].end];
	}
	free(map);
	return 0;
}

/* ---- weighted length ---- */

static const struct text_tt_range tt_ranges[] = {
	{ 0, 4351, 100 }, { 8192, 8205, 100 }, { 8208, 8223, 100 }, { 8242, 8247, 100 },
};

const struct text_tt_config text_tt_v2 = {
	.version = 2, .max_weighted_length = 280, .scale = 100, .default_weight = 200,
	.transformed_url_length = 23, .emoji_parsing = false,
	.ranges = tt_ranges, .nranges = sizeof(tt_ranges) / sizeof(tt_ranges[0]),
};

const struct text_tt_config text_tt_v3 = {
	.version = 3, .max_weighted_length = 280, .scale = 100, .default_weight = 200,
	.transformed_url_length = 23, .emoji_parsing = true,
	.ranges = tt_ranges, .nranges = sizeof(tt_ranges) / sizeof(tt_ranges[0]),
};

static bool is_pictographic(int32_t cp)
{
	if (cp < 0)
		return false;
	int bc = utf8proc_get_property(cp)->boundclass;
	return bc == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || bc == UTF8PROC_BOUNDCLASS_E_ZWG;
}

static bool is_modifier(int32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }
static bool is_ri(int32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

/*
 * twitter-text v3 counts what twemoji-parser's pattern matches. That pattern
 * lists the emoji of its Unicode version; this is its grammar: a flag (two
 * regional indicators), a keycap ([#*0-9] FE0F? 20E3), © ® ™ ♟ only with
 * FE0F, and any other pictographic (or skin tone) with an optional FE0F,
 * skin tone, tag sequence, and ZWJ links to further pictographics.
 */
size_t text_emoji_at(const char *s, size_t n, size_t pos)
{
	int32_t cp, nx = -1;
	size_t i = pos + decode(s, n, pos, &cp);
	size_t j = i < n ? i + decode(s, n, i, &nx) : i;
	if (i >= n)
		nx = -1;
	if (is_ri(cp))
		return is_ri(nx) ? j : 0;
	if ((cp >= '0' && cp <= '9') || cp == '#' || cp == '*') {
		if (nx == 0xFE0F && j < n) {
			int32_t k;
			size_t e = j + decode(s, n, j, &k);
			return k == 0x20E3 ? e : 0;
		}
		return nx == 0x20E3 ? j : 0;
	}
	if (cp == 0xA9 || cp == 0xAE || cp == 0x2122 || cp == 0x265F)
		return nx == 0xFE0F ? j : 0;
	if (!is_pictographic(cp) && !is_modifier(cp))
		return 0;
	for (;;) {
		if (i >= n)
			return i;
		decode(s, n, i, &nx);
		if (nx == 0xFE0F)
			i += decode(s, n, i, &nx);
		if (i < n && (decode(s, n, i, &nx), is_modifier(nx)))
			i += decode(s, n, i, &nx);
		bool tags = false;
		while (i < n && (decode(s, n, i, &nx), nx >= 0xE0020 && nx <= 0xE007E))
			i += decode(s, n, i, &nx), tags = true;
		if (tags && i < n && (decode(s, n, i, &nx), nx == 0xE007F))
			i += decode(s, n, i, &nx);
		if (i >= n)
			return i;
		size_t z = decode(s, n, i, &nx);
		if (nx != 0x200D || i + z >= n)
			return i;
		int32_t after;
		size_t al = decode(s, n, i + z, &after);
		if (!is_pictographic(after))
			return i;
		i += z + al;
	}
}

static int weight_of(const struct text_tt_config *c, int32_t cp)
{
	/* JavaScript weighs the last UTF-16 unit of a character: for astral
	 * characters the low surrogate */
	uint32_t unit = cp > 0xFFFF ? 0xDC00 + ((uint32_t)(cp - 0x10000) & 0x3FF) : (uint32_t)cp;
	for (size_t i = 0; i < c->nranges; i++)
		if (unit >= c->ranges[i].start && unit <= c->ranges[i].end)
			return c->ranges[i].weight;
	return c->default_weight;
}

int text_tt_parse(const struct text_matcher *m, const char *text, size_t tn,
		  const struct text_tt_config *c, struct text_tt_result *r, struct err *e)
{
	size_t bad = text_utf8_check(text, tn);
	if (bad < tn)
		return err_set(e, ERR_DATA, "invalid UTF-8 at byte %zu", bad);
	*r = (struct text_tt_result){ .overflow = tn, .invalid_char = tn };
	if (tn == 0)
		return 0; /* parseTweet: empty text is not valid */
	char *s = NULL;
	size_t n = 0;
	int rc = text_nfc(text, tn, &s, &n, e);
	if (rc < 0)
		return rc;
	struct text_entities urls = { 0 };
	extract_urls(m, s, n, false, &urls);
	size_t *map = utf16_map(s, n);
	long wl = 0, max = (long)c->max_weighted_length * c->scale;
	size_t valid_index = 0, u = 0, invalid_at = SIZE_MAX, over_at = SIZE_MAX;
	bool valid = true;
	for (size_t b = 0; b < n;) {
		size_t end;
		int32_t cp;
		while (u < urls.n && urls.v[u].start < b)
			u++;
		if (u < urls.n && urls.v[u].start == b) {
			wl += (long)c->transformed_url_length * c->scale;
			end = urls.v[u].end;
		} else if (c->emoji_parsing && (end = text_emoji_at(s, n, b)) > 0) {
			wl += c->default_weight;
		} else {
			end = b + decode(s, n, b, &cp);
			wl += weight_of(c, cp);
		}
		/* validity looks at the last UTF-16 unit consumed, as the reference does */
		size_t last = end - 1;
		while (last > b && ((unsigned char)s[last] & 0xC0) == 0x80)
			last--;
		decode(s, n, last, &cp);
		if (valid && (cp == 0xFFFE || cp == 0xFEFF || cp == 0xFFFF)) {
			valid = false;
			invalid_at = last;
		}
		if (valid && wl <= max)
			valid_index = map[end] - 1;
		else if (over_at == SIZE_MAX && wl > max)
			over_at = b;
		b = end;
	}
	size_t len16 = text_utf16_len(text, tn), nlen16 = map[n];
	r->weighted_length = wl / c->scale;
	r->valid = valid && wl <= max;
	r->permillage = (long)floor(((double)wl / c->scale) / c->max_weighted_length * 1000);
	r->valid_end = valid_index + len16 - nlen16;
	r->display_end = len16 > 0 ? len16 - 1 : 0;
	/* Positions in the normalised text map back to the text given by their
	 * UTF-16 index; NFC rarely changes lengths, and then only nearby. */
	size_t *omap = utf16_map(text, tn);
	size_t want[2] = { over_at == SIZE_MAX ? SIZE_MAX : map[over_at], invalid_at == SIZE_MAX ? SIZE_MAX : map[invalid_at] };
	size_t *res[2] = { &r->overflow, &r->invalid_char };
	for (int k = 0; k < 2; k++) {
		if (want[k] == SIZE_MAX)
			continue;
		size_t i = 0;
		while (i < tn && omap[i] < want[k])
			i++;
		*res[k] = i;
	}
	free(omap);
	free(map);
	text_entities_release(&urls);
	free(s);
	return 0;
}

bool text_is_tld(const char *name, size_t len)
{
	const char *lists[] = { text_tlds_generic, text_tlds_country };
	for (int l = 0; l < 2; l++) {
		const char *p = lists[l];
		while (*p) {
			const char *bar = strchr(p, '|');
			size_t k = bar ? (size_t)(bar - p) : strlen(p);
			if (k == len && !strncasecmp(p, name, len))
				return true;
			if (!bar)
				break;
			p = bar + 1;
		}
	}
	return false;
}
