#include "listen/norm.h"

#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "base/xalloc.h"

/* ASCII: letters to lower case, digits and '_' kept, '#' '@' kept, the rest a space. */
static const unsigned char ascii_map[128] = {
#define R(c) [c] = c
#define L(c) [c] = (c) + 32
	R('0'), R('1'), R('2'), R('3'), R('4'), R('5'), R('6'), R('7'), R('8'), R('9'),
	R('a'), R('b'), R('c'), R('d'), R('e'), R('f'), R('g'), R('h'), R('i'), R('j'),
	R('k'), R('l'), R('m'), R('n'), R('o'), R('p'), R('q'), R('r'), R('s'), R('t'),
	R('u'), R('v'), R('w'), R('x'), R('y'), R('z'),
	L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'), L('J'),
	L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'), L('S'), L('T'),
	L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
	R('_'), R('#'), R('@'),
#undef R
#undef L
};

void norm_buf_release(struct norm_buf *b)
{
	free(b->buf);
	*b = (struct norm_buf)NORM_BUF_INIT;
}

static inline void put_sep_or_byte(char *out, size_t *o, unsigned char c)
{
	if (c == 0)
		c = ' ';
	if (c == ' ' && out[*o - 1] == ' ')
		return;
	out[(*o)++] = (char)c;
}

static bool is_word_category(utf8proc_category_t c)
{
	switch (c) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

int norm_fold_cp(int32_t cp, int32_t out[NORM_FOLD_MAX])
{
	int boundclass = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, out, NORM_FOLD_MAX,
		UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
		&boundclass);
	return n < 0 || n > NORM_FOLD_MAX ? -1 : (int)n;
}

size_t norm_text(struct norm_buf *b, const char *s, size_t n)
{
	/* Worst case per input byte is bounded by the decomposition buffer; grow lazily. */
	size_t need = n + 3;
	ALLOC_GROW(b->buf, need, b->alloc);
	char *out = b->buf;
	size_t o = 0;
	out[o++] = ' ';
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned char c = p[i];
		if (c < 0x80) {
			put_sep_or_byte(out, &o, ascii_map[c]);
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			put_sep_or_byte(out, &o, ' ');
			i++;
			continue;
		}
		i += (size_t)k;
		int32_t d[NORM_FOLD_MAX];
		int nd = norm_fold_cp(cp, d);
		if (nd < 0) {
			d[0] = ' ';
			nd = 1;
		}
		/* Room for the decomposition plus the remaining input and the closing space. */
		need = o + (size_t)nd * 4 + (n - i) + 2;
		if (need > b->alloc) {
			ALLOC_GROW(b->buf, need, b->alloc);
			out = b->buf;
		}
		for (int j = 0; j < nd; j++) {
			utf8proc_int32_t u = d[j];
			if (u < 0x80)
				put_sep_or_byte(out, &o, ascii_map[u]);
			else if (is_word_category(utf8proc_category(u)))
				o += (size_t)utf8proc_encode_char(u, (utf8proc_uint8_t *)out + o);
			else
				put_sep_or_byte(out, &o, ' ');
		}
	}
	put_sep_or_byte(out, &o, ' ');
	out[o] = '\0';
	b->len = o;
	return o;
}
