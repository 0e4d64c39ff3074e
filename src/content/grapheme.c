/* grapheme — UAX #29 extended grapheme clusters; see grapheme.h. */
#include "content/grapheme.h"

/* The bit of one Grapheme_Cluster_Break value, to test sets of them at once. */
#define B(v) (1u << GRAPHEME_##v)

/* What the rules that look further back than one code point remember. */
enum {
	F_STARTED = 1,    /* a code point has been seen (GB1: none breaks before the first) */
	F_RI_ODD = 2,     /* the text ends with an odd number of Regional_Indicators (GB12, GB13) */
	F_EP = 4,         /* ... ends with \p{ExtPict} Extend* (GB11) */
	F_EP_ZWJ = 8,     /* ... ends with \p{ExtPict} Extend* ZWJ (GB11) */
	F_CONS = 16,      /* ... ends with \p{InCB=Consonant} [\p{InCB=Extend}\p{InCB=Linker}]* (GB9c) */
	F_CONS_LINK = 32, /* ... and a Linker is among those (GB9c) */
};

unsigned grapheme_props(int32_t cp)
{
	/* Printable ASCII is Other with no other property (a unit test checks
	 * this against the table); it is most of the text koers sees. */
	if (cp >= 0x20 && cp < 0x7F)
		return 0;
	if (cp < 0 || cp > 0x10FFFF)
		cp = 0xFFFD;
	/* the last run that starts at or before cp: between the runs of cp's
	 * 256-code-point block and the next block's, or among all for the
	 * sparse planes above U+1FFFF */
	size_t lo = 0, hi = grapheme_nruns;
	if ((uint32_t)cp < GRAPHEME_BLOCKS * 256u) {
		lo = grapheme_block_run[cp >> 8];
		hi = (size_t)grapheme_block_run[(cp >> 8) + 1] + 1;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (grapheme_run_starts[mid] <= (uint32_t)cp)
			lo = mid;
		else
			hi = mid;
	}
	return grapheme_run_props[lo];
}

size_t grapheme_decode(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07, min = 0x10000;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		v = v << 6 | (u[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = (int32_t)v;
	return len;
bad:
	*cp = -1;
	return 1;
}

/* The rules GB3 to GB999 in the standard's order, the first that applies
 * wins; prev and cur are the Grapheme_Cluster_Break values either side. */
static bool rules(unsigned flags, unsigned prev, unsigned props)
{
	unsigned p = 1u << grapheme_gcb(prev), c = 1u << grapheme_gcb(props);
	if (p == B(CR) && c == B(LF))
		return false; /* GB3 CR × LF */
	if (p & (B(CONTROL) | B(CR) | B(LF)))
		return true; /* GB4 (Control | CR | LF) ÷ */
	if (c & (B(CONTROL) | B(CR) | B(LF)))
		return true; /* GB5 ÷ (Control | CR | LF) */
	if (p == B(L) && (c & (B(L) | B(V) | B(LV) | B(LVT))))
		return false; /* GB6 L × (L | V | LV | LVT) */
	if ((p & (B(LV) | B(V))) && (c & (B(V) | B(T))))
		return false; /* GB7 (LV | V) × (V | T) */
	if ((p & (B(LVT) | B(T))) && c == B(T))
		return false; /* GB8 (LVT | T) × T */
	if (c & (B(EXTEND) | B(ZWJ)))
		return false; /* GB9 × (Extend | ZWJ) */
	if (c == B(SPACINGMARK))
		return false; /* GB9a × SpacingMark */
	if (p == B(PREPEND))
		return false; /* GB9b Prepend × */
	if ((flags & F_CONS_LINK) && grapheme_incb(props) == GRAPHEME_INCB_CONSONANT)
		return false; /* GB9c Consonant [Extend Linker]* Linker [Extend Linker]* × Consonant */
	if ((flags & F_EP_ZWJ) && (props & GRAPHEME_EXTPICT))
		return false; /* GB11 ExtPict Extend* ZWJ × ExtPict */
	if ((flags & F_RI_ODD) && c == B(RI))
		return false; /* GB12, GB13: (RI RI)* RI × RI */
	return true;          /* GB999 Any ÷ Any */
}

/* The flags after a code point with these props follows those in flags. */
static unsigned remember(unsigned flags, unsigned props)
{
	unsigned gcb = grapheme_gcb(props), incb = grapheme_incb(props), f = F_STARTED;
	if (gcb == GRAPHEME_RI && !(flags & F_RI_ODD))
		f |= F_RI_ODD;
	if (props & GRAPHEME_EXTPICT)
		f |= F_EP;
	else if ((flags & F_EP) && gcb == GRAPHEME_EXTEND)
		f |= F_EP;
	else if ((flags & F_EP) && gcb == GRAPHEME_ZWJ)
		f |= F_EP_ZWJ;
	if (incb == GRAPHEME_INCB_CONSONANT)
		f |= F_CONS;
	else if ((flags & F_CONS) && incb == GRAPHEME_INCB_EXTEND)
		f |= flags & (F_CONS | F_CONS_LINK);
	else if ((flags & F_CONS) && incb == GRAPHEME_INCB_LINKER)
		f |= F_CONS | F_CONS_LINK;
	return f;
}

bool grapheme_break(struct grapheme_state *st, unsigned props)
{
	/* GB1 and GB2 (breaks at the ends of the text) are the caller's. */
	bool brk = (st->flags & F_STARTED) && rules(st->flags, st->prev, props);
	st->flags = remember(st->flags, props);
	st->prev = props;
	return brk;
}

size_t grapheme_next(const char *s, size_t n, size_t pos)
{
	if (pos >= n)
		return n;
	struct grapheme_state st = { 0, 0 };
	int32_t cp;
	size_t i = pos + grapheme_decode(s + pos, n - pos, &cp);
	grapheme_break(&st, grapheme_props(cp));
	while (i < n) {
		size_t len = grapheme_decode(s + i, n - i, &cp);
		if (grapheme_break(&st, grapheme_props(cp)))
			break;
		i += len;
	}
	return i;
}

size_t grapheme_count(const char *s, size_t n)
{
	/* one pass over the text rather than restarting at every boundary */
	struct grapheme_state st = { 0, 0 };
	size_t breaks = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += grapheme_decode(s + i, n - i, &cp);
		breaks += grapheme_break(&st, grapheme_props(cp));
	}
	return n ? breaks + 1 : 0;
}
