/*
 * The WHATWG URL Standard's basic URL parser, host parser and serialiser.
 *
 * The parser is the standard's state machine, one function per state in a
 * table; the comments name the standard's states and steps so the two can be
 * read side by side. It works on bytes: every code point the machine treats
 * specially is ASCII, and the bytes of non-ASCII code points are either
 * percent-encoded (which the standard does on their UTF-8 bytes) or copied
 * into the host buffer, where the host parser looks at them.
 */
#include "content/url.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"

#define EOF_CP (-1)

const char *const url_part_names[URL_PART__COUNT] = {
	"href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash",
};

/* The special schemes and their default ports (-1: none). */
static const struct {
	const char *name;
	int port;
} special_schemes[] = {
	{ "ftp", 21 }, { "file", -1 }, { "http", 80 }, { "https", 443 }, { "ws", 80 }, { "wss", 443 },
};

static int scheme_index(const char *scheme)
{
	for (size_t i = 0; i < sizeof(special_schemes) / sizeof(special_schemes[0]); i++)
		if (!strcmp(scheme, special_schemes[i].name))
			return (int)i;
	return -1;
}

bool url_is_special(const struct url *u)
{
	return u->scheme && scheme_index(u->scheme) >= 0;
}

/*
 * Percent-encode sets by ASCII byte; C0 controls and bytes above '~' are in
 * every set. Each set contains the one before it in the standard's chain
 * (query < special-query, query < path < userinfo < component), except the
 * fragment set, which stands apart.
 */
#define PE_Q (URL_PE_QUERY | URL_PE_SPECIAL_QUERY | URL_PE_PATH | URL_PE_USERINFO | URL_PE_COMPONENT)
#define PE_P (URL_PE_PATH | URL_PE_USERINFO | URL_PE_COMPONENT)
#define PE_U (URL_PE_USERINFO | URL_PE_COMPONENT)
static const unsigned char pe_sets[128] = {
	[' '] = URL_PE_FRAGMENT | PE_Q,
	['"'] = URL_PE_FRAGMENT | PE_Q,
	['<'] = URL_PE_FRAGMENT | PE_Q,
	['>'] = URL_PE_FRAGMENT | PE_Q,
	['`'] = URL_PE_FRAGMENT | PE_P,
	['#'] = PE_Q,
	['\''] = URL_PE_SPECIAL_QUERY,
	['?'] = PE_P, ['^'] = PE_P, ['{'] = PE_P, ['}'] = PE_P,
	['/'] = PE_U, [':'] = PE_U, [';'] = PE_U, ['='] = PE_U, ['@'] = PE_U,
	['['] = PE_U, ['\\'] = PE_U, [']'] = PE_U, ['|'] = PE_U,
	['$'] = URL_PE_COMPONENT, ['%'] = URL_PE_COMPONENT, ['&'] = URL_PE_COMPONENT,
	['+'] = URL_PE_COMPONENT, [','] = URL_PE_COMPONENT,
};

static bool in_pe_set(unsigned char c, enum url_pe_set set)
{
	return c < 0x20 || c > 0x7e || (pe_sets[c] & set);
}

int url_percent_encode(struct strbuf *sb, const char *s, size_t n, enum url_pe_set set)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0; /* bytes before i that are copied as they are */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!in_pe_set(c, set)) {
			run++;
			continue;
		}
		const char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
		if (strbuf_add(sb, s + i - run, run) < 0 || strbuf_add(sb, esc, 3) < 0)
			return -1;
		run = 0;
	}
	return strbuf_add(sb, s + n - run, run);
}

static int encode_byte(struct strbuf *sb, int c, enum url_pe_set set)
{
	char b = (char)c;
	return url_percent_encode(sb, &b, 1, set);
}

static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int hex_value(int c) { return is_digit(c) ? c - '0' : lower(c) - 'a' + 10; }

/* ---- hosts ------------------------------------------------------------- */

/* Forbidden host code points; forbidden domain code points add C0, '%' and DEL. */
static bool forbidden_host(unsigned char c)
{
	return c == 0 || (c < 0x80 && strchr("\t\n\r #/:<>?@[\\]^|", c) != NULL);
}

static bool forbidden_domain(unsigned char c)
{
	return forbidden_host(c) || c < 0x20 || c == '%' || c == 0x7f;
}

struct hostres {
	enum url_host_kind kind;
	char *host;
	size_t bad; /* offset in the host input that failed, when known */
	const char *why;
	int code;
};

static int host_fail(struct hostres *h, size_t at, const char *why)
{
	h->bad = at;
	h->why = why;
	return h->code = ERR_DATA;
}

/* The IPv6 parser: input without the brackets. */
static int ipv6_parse(const char *s, size_t n, uint16_t addr[8], struct hostres *h)
{
	size_t p = 0;
	int piece = 0, compress = -1;
#define C(i) ((i) < n ? (unsigned char)s[(i)] : EOF_CP)
	memset(addr, 0, 8 * sizeof(addr[0]));
	if (C(p) == ':') {
		if (C(p + 1) != ':')
			return host_fail(h, p, N_("IPv6 address starts with a single ':'"));
		p += 2;
		compress = ++piece;
	}
	while (C(p) != EOF_CP) {
		if (piece == 8)
			return host_fail(h, p, N_("IPv6 address has more than eight pieces"));
		if (C(p) == ':') {
			if (compress >= 0)
				return host_fail(h, p, N_("IPv6 address has more than one '::'"));
			p++;
			compress = ++piece;
			continue;
		}
		unsigned value = 0, length = 0;
		while (length < 4 && is_hex(C(p))) {
			value = value * 16 + (unsigned)hex_value(C(p));
			p++;
			length++;
		}
		if (C(p) == '.') {
			if (length == 0)
				return host_fail(h, p, N_("IPv4 part of an IPv6 address starts with '.'"));
			p -= length;
			if (piece > 6)
				return host_fail(h, p, N_("IPv6 address has too many pieces before its IPv4 part"));
			int seen = 0;
			while (C(p) != EOF_CP) {
				int v4 = -1;
				if (seen > 0) {
					if (C(p) == '.' && seen < 4)
						p++;
					else
						return host_fail(h, p, N_("invalid IPv4 part in an IPv6 address"));
				}
				if (!is_digit(C(p)))
					return host_fail(h, p, N_("invalid IPv4 part in an IPv6 address"));
				while (is_digit(C(p))) {
					int d = C(p) - '0';
					if (v4 < 0)
						v4 = d;
					else if (v4 == 0)
						return host_fail(h, p, N_("IPv4 part in an IPv6 address has a leading zero"));
					else
						v4 = v4 * 10 + d;
					if (v4 > 255)
						return host_fail(h, p, N_("IPv4 part in an IPv6 address is larger than 255"));
					p++;
				}
				addr[piece] = (uint16_t)(addr[piece] * 0x100 + v4);
				seen++;
				if (seen == 2 || seen == 4)
					piece++;
			}
			if (seen != 4)
				return host_fail(h, p, N_("IPv4 part in an IPv6 address has fewer than four numbers"));
			break;
		} else if (C(p) == ':') {
			p++;
			if (C(p) == EOF_CP)
				return host_fail(h, p, N_("IPv6 address ends with a single ':'"));
		} else if (C(p) != EOF_CP) {
			return host_fail(h, p, N_("invalid character in an IPv6 address"));
		}
		addr[piece++] = (uint16_t)value;
	}
#undef C
	if (compress >= 0) {
		int swaps = piece - compress;
		piece = 7;
		while (piece != 0 && swaps > 0) {
			uint16_t t = addr[piece];
			addr[piece] = addr[compress + swaps - 1];
			addr[compress + swaps - 1] = t;
			piece--;
			swaps--;
		}
	} else if (piece != 8) {
		return host_fail(h, n, N_("IPv6 address has fewer than eight pieces"));
	}
	return 0;
}

/* The IPv6 serialiser: the first longest run of two or more zeros becomes "::". */
static char *ipv6_serialise(const uint16_t addr[8])
{
	int best = -1, best_len = 1;
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && addr[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	strbuf_addch(&sb, '[');
	bool ignore0 = false;
	for (int i = 0; i < 8; i++) {
		if (ignore0 && addr[i] == 0)
			continue;
		ignore0 = false;
		if (best == i) {
			strbuf_addstr(&sb, i == 0 ? "::" : ":");
			ignore0 = true;
			continue;
		}
		strbuf_addf(&sb, "%x", addr[i]);
		if (i != 7)
			strbuf_addch(&sb, ':');
	}
	strbuf_addch(&sb, ']');
	return strbuf_detach(&sb, NULL);
}

/*
 * The IPv4 number parser: 0 and *out, or -1. Values saturate above 2^32 so a
 * long run of digits cannot overflow; the caller's range checks still fail.
 */
static int ipv4_number(const char *s, size_t n, uint64_t *out)
{
	if (n == 0)
		return -1;
	unsigned radix = 10;
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2, n -= 2;
		radix = 16;
	} else if (n >= 2 && s[0] == '0') {
		s++, n--;
		radix = 8;
	}
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		bool ok = radix == 16 ? is_hex(c) : radix == 10 ? is_digit(c) : c >= '0' && c <= '7';
		if (!ok)
			return -1;
		v = v * radix + (unsigned)hex_value(c);
		if (v > UINT64_C(1) << 33)
			v = UINT64_C(1) << 33;
	}
	*out = v;
	return 0;
}

/* The ends-in-a-number checker. */
static bool ends_in_number(const char *s, size_t n)
{
	if (n && s[n - 1] == '.')
		n--;
	size_t start = n;
	while (start > 0 && s[start - 1] != '.')
		start--;
	const char *last = s + start;
	size_t len = n - start;
	if (len == 0)
		return false;
	bool digits = true;
	for (size_t i = 0; i < len; i++)
		digits = digits && is_digit((unsigned char)last[i]);
	uint64_t v;
	return digits || ipv4_number(last, len, &v) == 0;
}

/* The IPv4 parser; the caller knows the input ends in a number. */
static int ipv4_parse(const char *s, size_t n, uint32_t *out, struct hostres *h)
{
	if (n && s[n - 1] == '.')
		n--;
	uint64_t nums[4];
	size_t count = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		if (count == 4)
			return host_fail(h, start, N_("IPv4 address has more than four parts"));
		if (ipv4_number(s + start, i - start, &nums[count]) < 0)
			return host_fail(h, start, N_("IPv4 address part is not a number"));
		count++;
		start = i + 1;
	}
	for (size_t i = 0; i + 1 < count; i++)
		if (nums[i] > 255)
			return host_fail(h, 0, N_("IPv4 address part is larger than 255"));
	if (nums[count - 1] >= UINT64_C(1) << (8 * (5 - count)))
		return host_fail(h, 0, N_("IPv4 address is out of range"));
	uint64_t v = nums[count - 1];
	for (size_t i = 0; i + 1 < count; i++)
		v += nums[i] << (8 * (3 - i));
	*out = (uint32_t)v;
	return 0;
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (!len || i + len > n)
			return false;
		uint32_t cp = len == 1 ? c : c & (0x7f >> len);
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/*
 * Domain to ASCII. For an ASCII domain the standard's result is the domain
 * ASCII-lowercased (labels starting with "xn--" are not checked: the WPT
 * data has "xn--a" and "xn--" pass), then checked for forbidden code points.
 * A non-ASCII domain needs UTS #46, which koers does not implement.
 */
static int domain_to_ascii(struct strbuf *d, struct hostres *h)
{
	for (size_t i = 0; i < d->len; i++) {
		if ((unsigned char)d->buf[i] >= 0x80) {
			/* UTF-8 decoding turns bad bytes into U+FFFD, which IDNA disallows. */
			if (!valid_utf8((unsigned char *)d->buf, d->len))
				return host_fail(h, 0, N_("host is not valid UTF-8"));
			h->code = URL_ERR_UNSUPPORTED;
			h->why = N_("non-ASCII host names need IDNA, which koers does not support");
			return URL_ERR_UNSUPPORTED;
		}
		d->buf[i] = (char)lower(d->buf[i]);
	}
	if (d->len == 0)
		return host_fail(h, 0, N_("host is empty"));
	for (size_t i = 0; i < d->len; i++)
		if (forbidden_domain((unsigned char)d->buf[i]))
			return host_fail(h, i, N_("forbidden character in host"));
	return 0;
}

/* The host parser. `special` is the negation of the standard's isOpaque. */
static int host_parse(const char *s, size_t n, bool special, struct hostres *h)
{
	if (n && s[0] == '[') {
		if (s[n - 1] != ']' || n < 2)
			return host_fail(h, 0, N_("IPv6 address is missing its closing ']'"));
		uint16_t addr[8];
		if (ipv6_parse(s + 1, n - 2, addr, h) < 0) {
			h->bad++;
			return h->code;
		}
		h->kind = URL_HOST_IPV6;
		h->host = ipv6_serialise(addr);
		return 0;
	}
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP); /* bounded by the capped input */
	if (!special) {
		for (size_t i = 0; i < n; i++)
			if (forbidden_host((unsigned char)s[i]))
				return host_fail(h, i, N_("forbidden character in host"));
		url_percent_encode(&sb, s, n, URL_PE_C0);
		h->kind = n ? URL_HOST_OPAQUE : URL_HOST_EMPTY;
		h->host = strbuf_detach(&sb, NULL);
		return 0;
	}
	for (size_t i = 0; i < n; i++) /* percent-decode */
		if (s[i] == '%' && i + 2 < n && is_hex((unsigned char)s[i + 1]) && is_hex((unsigned char)s[i + 2])) {
			strbuf_addch(&sb, hex_value((unsigned char)s[i + 1]) * 16 + hex_value((unsigned char)s[i + 2]));
			i += 2;
		} else {
			strbuf_addch(&sb, s[i]);
		}
	int r = domain_to_ascii(&sb, h);
	if (r == 0 && ends_in_number(sb.buf, sb.len)) {
		uint32_t v4;
		r = ipv4_parse(sb.buf, sb.len, &v4, h);
		if (r == 0)
			h->host = xasprintf("%u.%u.%u.%u", v4 >> 24, (v4 >> 16) & 255, (v4 >> 8) & 255, v4 & 255);
		h->kind = URL_HOST_IPV4;
	} else if (r == 0) {
		h->kind = URL_HOST_DOMAIN;
		h->host = xstrdup(sb.buf);
	}
	/* Offsets into a percent-decoded host do not map back: point at its start. */
	if (r < 0 && sb.len != n)
		h->bad = 0;
	strbuf_release(&sb);
	return r;
}

/* ---- the URL record ------------------------------------------------------ */

void url_release(struct url *u)
{
	free(u->scheme);
	free(u->username);
	free(u->password);
	free(u->host);
	for (size_t i = 0; i < u->npath; i++)
		free(u->path[i]);
	free(u->path);
	free(u->query);
	free(u->fragment);
	memset(u, 0, sizeof(*u));
	u->port = -1;
}

static void set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

static void path_push(struct url *u, char *seg)
{
	ALLOC_GROW(u->path, u->npath + 1, u->path_alloc);
	u->path[u->npath++] = seg;
}

static void path_clear(struct url *u)
{
	for (size_t i = 0; i < u->npath; i++)
		free(u->path[i]);
	u->npath = 0;
}

static void path_copy(struct url *u, const struct url *from)
{
	path_clear(u);
	for (size_t i = 0; i < from->npath; i++)
		path_push(u, xstrdup(from->path[i]));
	u->opaque_path = from->opaque_path;
}

static bool is_drive_letter(const char *s, size_t n, bool normalized)
{
	return n == 2 && is_alpha((unsigned char)s[0]) && (s[1] == ':' || (!normalized && s[1] == '|'));
}

/* Does s[0..n) start with a Windows drive letter? */
static bool starts_with_drive_letter(const char *s, size_t n)
{
	return n >= 2 && is_drive_letter(s, 2, false) && (n == 2 || strchr("/\\?#", s[2]));
}

static void path_shorten(struct url *u)
{
	if (!strcmp(u->scheme, "file") && u->npath == 1 &&
	    is_drive_letter(u->path[0], strlen(u->path[0]), true))
		return;
	if (u->npath)
		free(u->path[--u->npath]);
}

static void copy_authority(struct url *u, const struct url *b)
{
	set_str(&u->username, b->username);
	set_str(&u->password, b->password);
	set_str(&u->host, b->host);
	u->host_kind = b->host_kind;
	u->port = b->port;
}

/* ---- the state machine ------------------------------------------------ */

enum state {
	S_SCHEME_START, S_SCHEME, S_NO_SCHEME, S_SPECIAL_RELATIVE_OR_AUTHORITY, S_PATH_OR_AUTHORITY,
	S_RELATIVE, S_RELATIVE_SLASH, S_SPECIAL_AUTHORITY_SLASHES, S_SPECIAL_AUTHORITY_IGNORE_SLASHES,
	S_AUTHORITY, S_HOST, S_PORT, S_FILE, S_FILE_SLASH, S_FILE_HOST, S_PATH_START, S_PATH,
	S_OPAQUE_PATH, S_QUERY, S_FRAGMENT,
};

struct parser {
	const char *in;     /* the input without leading/trailing C0 and space, tabs and newlines */
	size_t n;
	const size_t *orig; /* orig[i]: offset in the caller's input of in[i] (orig[n]: its end) */
	const char *raw;
	ptrdiff_t p;
	enum state state;
	struct strbuf buf;
	struct strbuf user, pass; /* the userinfo, while the authority state runs */
	size_t buf_start; /* where the buffer's bytes began in `in` */
	bool at_seen, in_brackets, password_seen, special;
	const struct url *base;
	struct url *u;
	struct err *e;
};

static int at(const struct parser *ps, ptrdiff_t i)
{
	return i >= 0 && (size_t)i < ps->n ? (unsigned char)ps->in[i] : EOF_CP;
}

/* The remaining input after the pointer. */
static const char *remaining(const struct parser *ps, size_t *len)
{
	size_t from = (size_t)ps->p + 1;
	from = from > ps->n ? ps->n : from;
	*len = ps->n - from;
	return ps->in + from;
}

static bool remaining_starts(const struct parser *ps, const char *prefix)
{
	size_t len, k = strlen(prefix);
	const char *r = remaining(ps, &len);
	return len >= k && !memcmp(r, prefix, k);
}

/* A failure at offset `pos` of the cleaned input, reported by character position. */
static int fail_at(struct parser *ps, size_t pos, int code, const char *why)
{
	size_t off = ps->orig[pos > ps->n ? ps->n : pos], col = 1;
	for (size_t i = 0; i < off; i++)
		col += ((unsigned char)ps->raw[i] & 0xc0) != 0x80;
	return err_set(ps->e, code, "position %zu: %s", col, tr(ps->e ? ps->e->lang : LANG_EN, why));
}

static int fail(struct parser *ps, const char *why)
{
	return fail_at(ps, ps->p < 0 ? 0 : (size_t)ps->p, ERR_DATA, why);
}

static bool is_end(const struct parser *ps, int c)
{
	return c == EOF_CP || c == '/' || c == '?' || c == '#' || (ps->special && c == '\\');
}

static bool is_slash(const struct parser *ps, int c)
{
	return c == '/' || (ps->special && c == '\\');
}

static int st_scheme_start(struct parser *ps, int c)
{
	if (is_alpha(c)) {
		strbuf_addch(&ps->buf, lower(c));
		ps->state = S_SCHEME;
	} else {
		ps->state = S_NO_SCHEME;
		ps->p--;
	}
	return 0;
}

static int st_scheme(struct parser *ps, int c)
{
	if (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.') {
		strbuf_addch(&ps->buf, lower(c));
		return 0;
	}
	if (c != ':') {
		strbuf_reset(&ps->buf);
		ps->state = S_NO_SCHEME;
		ps->p = -1;
		return 0;
	}
	struct url *u = ps->u;
	u->scheme = strbuf_detach(&ps->buf, NULL);
	ps->special = url_is_special(u);
	if (!strcmp(u->scheme, "file")) {
		ps->state = S_FILE;
	} else if (ps->special && ps->base && !strcmp(ps->base->scheme, u->scheme)) {
		ps->state = S_SPECIAL_RELATIVE_OR_AUTHORITY;
	} else if (ps->special) {
		ps->state = S_SPECIAL_AUTHORITY_SLASHES;
	} else if (remaining_starts(ps, "/")) {
		ps->state = S_PATH_OR_AUTHORITY;
		ps->p++;
	} else {
		u->opaque_path = true;
		path_push(u, xstrdup(""));
		ps->state = S_OPAQUE_PATH;
	}
	return 0;
}

static int st_no_scheme(struct parser *ps, int c)
{
	const struct url *b = ps->base;
	struct url *u = ps->u;
	if (!b)
		return fail(ps, N_("not an absolute URL (no scheme) and no base URL"));
	if (b->opaque_path && c != '#')
		return fail(ps, N_("a relative reference needs a base URL with a hierarchical path"));
	u->scheme = xstrdup(b->scheme);
	ps->special = url_is_special(u);
	if (b->opaque_path) {
		path_copy(u, b);
		set_str(&u->query, b->query);
		set_str(&u->fragment, "");
		ps->state = S_FRAGMENT;
	} else {
		ps->state = strcmp(b->scheme, "file") ? S_RELATIVE : S_FILE;
		ps->p--;
	}
	return 0;
}

static int st_special_relative_or_authority(struct parser *ps, int c)
{
	if (c == '/' && remaining_starts(ps, "/")) {
		ps->state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
		ps->p++;
	} else {
		ps->state = S_RELATIVE;
		ps->p--;
	}
	return 0;
}

static int st_path_or_authority(struct parser *ps, int c)
{
	if (c == '/') {
		ps->state = S_AUTHORITY;
	} else {
		ps->state = S_PATH;
		ps->p--;
	}
	return 0;
}

static int st_relative(struct parser *ps, int c)
{
	const struct url *b = ps->base;
	struct url *u = ps->u;
	if (is_slash(ps, c)) {
		ps->state = S_RELATIVE_SLASH;
		return 0;
	}
	copy_authority(u, b);
	path_copy(u, b);
	set_str(&u->query, b->query);
	if (c == '?') {
		set_str(&u->query, "");
		ps->state = S_QUERY;
	} else if (c == '#') {
		set_str(&u->fragment, "");
		ps->state = S_FRAGMENT;
	} else if (c != EOF_CP) {
		set_str(&u->query, NULL);
		path_shorten(u);
		ps->state = S_PATH;
		ps->p--;
	}
	return 0;
}

static int st_relative_slash(struct parser *ps, int c)
{
	if (ps->special && (c == '/' || c == '\\')) {
		ps->state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
	} else if (c == '/') {
		ps->state = S_AUTHORITY;
	} else {
		copy_authority(ps->u, ps->base);
		ps->state = S_PATH;
		ps->p--;
	}
	return 0;
}

static int st_special_authority_slashes(struct parser *ps, int c)
{
	ps->state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
	if (c == '/' && remaining_starts(ps, "/"))
		ps->p++;
	else
		ps->p--;
	return 0;
}

static int st_special_authority_ignore_slashes(struct parser *ps, int c)
{
	if (c != '/' && c != '\\') {
		ps->state = S_AUTHORITY;
		ps->p--;
	}
	return 0;
}

static void buf_start(struct parser *ps)
{
	if (ps->buf.len == 0)
		ps->buf_start = (size_t)ps->p;
}

static int st_authority(struct parser *ps, int c)
{
	struct url *u = ps->u;
	if (c == '@') {
		if (ps->at_seen)
			strbuf_addstr(ps->password_seen ? &ps->pass : &ps->user, "%40");
		ps->at_seen = true;
		for (size_t i = 0; i < ps->buf.len; i++) {
			if (ps->buf.buf[i] == ':' && !ps->password_seen) {
				ps->password_seen = true;
				continue;
			}
			url_percent_encode(ps->password_seen ? &ps->pass : &ps->user, ps->buf.buf + i, 1, URL_PE_USERINFO);
		}
		strbuf_reset(&ps->buf);
	} else if (is_end(ps, c)) {
		if (ps->at_seen && ps->buf.len == 0)
			return fail(ps, N_("user name or password without a host"));
		if (ps->at_seen) {
			free(u->username);
			free(u->password);
			u->username = strbuf_detach(&ps->user, NULL);
			u->password = strbuf_detach(&ps->pass, NULL);
		}
		ps->p -= (ptrdiff_t)ps->buf.len + 1;
		strbuf_reset(&ps->buf);
		ps->state = S_HOST;
	} else {
		buf_start(ps);
		strbuf_addch(&ps->buf, c);
	}
	return 0;
}

/* Run the host parser on the buffer and store the host; reports failures. */
static int take_host(struct parser *ps, bool file)
{
	struct hostres h = { 0 };
	int r = host_parse(ps->buf.buf, ps->buf.len, ps->special, &h);
	if (r < 0)
		return fail_at(ps, ps->buf_start + h.bad, r, h.why);
	struct url *u = ps->u;
	free(u->host);
	if (file && !strcmp(h.host, "localhost")) {
		free(h.host);
		h.host = xstrdup("");
		h.kind = URL_HOST_EMPTY;
	}
	u->host = h.host;
	u->host_kind = h.kind;
	strbuf_reset(&ps->buf);
	return 0;
}

static int st_host(struct parser *ps, int c)
{
	if (c == ':' && !ps->in_brackets) {
		if (ps->buf.len == 0)
			return fail(ps, N_("host is empty"));
		int r = take_host(ps, false);
		if (r < 0)
			return r;
		ps->state = S_PORT;
	} else if (is_end(ps, c)) {
		ps->p--;
		if (ps->special && ps->buf.len == 0)
			return fail_at(ps, (size_t)(ps->p + 1), ERR_DATA, N_("host is empty"));
		if (ps->buf.len == 0) {
			buf_start(ps);
		}
		int r = take_host(ps, false);
		if (r < 0)
			return r;
		ps->state = S_PATH_START;
	} else {
		if (c == '[')
			ps->in_brackets = true;
		if (c == ']')
			ps->in_brackets = false;
		buf_start(ps);
		strbuf_addch(&ps->buf, c);
	}
	return 0;
}

static int st_port(struct parser *ps, int c)
{
	if (is_digit(c)) {
		buf_start(ps);
		strbuf_addch(&ps->buf, c);
		return 0;
	}
	if (!is_end(ps, c))
		return fail(ps, N_("port is not a number"));
	if (ps->buf.len) {
		long port = 0;
		for (size_t i = 0; i < ps->buf.len && port <= 65535; i++)
			port = port * 10 + (ps->buf.buf[i] - '0');
		if (port > 65535)
			return fail_at(ps, ps->buf_start, ERR_DATA, N_("port is larger than 65535"));
		int k = scheme_index(ps->u->scheme);
		ps->u->port = k >= 0 && special_schemes[k].port == port ? -1 : (int)port;
		strbuf_reset(&ps->buf);
	}
	ps->state = S_PATH_START;
	ps->p--;
	return 0;
}

static bool rest_starts_with_drive_letter(const struct parser *ps)
{
	return starts_with_drive_letter(ps->in + ps->p, ps->n - (size_t)ps->p);
}

static int st_file(struct parser *ps, int c)
{
	struct url *u = ps->u;
	const struct url *b = ps->base;
	set_str(&u->scheme, "file");
	ps->special = true;
	set_str(&u->host, "");
	u->host_kind = URL_HOST_EMPTY;
	if (c == '/' || c == '\\') {
		ps->state = S_FILE_SLASH;
	} else if (b && !strcmp(b->scheme, "file")) {
		set_str(&u->host, b->host);
		u->host_kind = b->host_kind;
		path_copy(u, b);
		set_str(&u->query, b->query);
		if (c == '?') {
			set_str(&u->query, "");
			ps->state = S_QUERY;
		} else if (c == '#') {
			set_str(&u->fragment, "");
			ps->state = S_FRAGMENT;
		} else if (c != EOF_CP) {
			set_str(&u->query, NULL);
			if (!rest_starts_with_drive_letter(ps))
				path_shorten(u);
			else
				path_clear(u);
			ps->state = S_PATH;
			ps->p--;
		}
	} else {
		ps->state = S_PATH;
		ps->p--;
	}
	return 0;
}

static int st_file_slash(struct parser *ps, int c)
{
	struct url *u = ps->u;
	const struct url *b = ps->base;
	if (c == '/' || c == '\\') {
		ps->state = S_FILE_HOST;
		return 0;
	}
	if (b && !strcmp(b->scheme, "file")) {
		set_str(&u->host, b->host);
		u->host_kind = b->host_kind;
		if (!rest_starts_with_drive_letter(ps) && b->npath &&
		    is_drive_letter(b->path[0], strlen(b->path[0]), true))
			path_push(u, xstrdup(b->path[0]));
	}
	ps->state = S_PATH;
	ps->p--;
	return 0;
}

static int st_file_host(struct parser *ps, int c)
{
	if (c == EOF_CP || c == '/' || c == '\\' || c == '?' || c == '#') {
		ps->p--;
		if (is_drive_letter(ps->buf.buf, ps->buf.len, false)) {
			ps->state = S_PATH; /* the buffer is the path's first segment */
		} else if (ps->buf.len == 0) {
			set_str(&ps->u->host, "");
			ps->u->host_kind = URL_HOST_EMPTY;
			ps->state = S_PATH_START;
		} else {
			int r = take_host(ps, true);
			if (r < 0)
				return r;
			ps->state = S_PATH_START;
		}
	} else {
		buf_start(ps);
		strbuf_addch(&ps->buf, c);
	}
	return 0;
}

static int st_path_start(struct parser *ps, int c)
{
	struct url *u = ps->u;
	if (ps->special) {
		ps->state = S_PATH;
		if (c != '/' && c != '\\')
			ps->p--;
	} else if (c == '?') {
		set_str(&u->query, "");
		ps->state = S_QUERY;
	} else if (c == '#') {
		set_str(&u->fragment, "");
		ps->state = S_FRAGMENT;
	} else if (c != EOF_CP) {
		ps->state = S_PATH;
		if (c != '/')
			ps->p--;
	}
	return 0;
}

static bool ieq(const char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lit[i])
			return false;
	return true;
}

static bool single_dot(const char *s, size_t n)
{
	return ieq(s, n, ".") || ieq(s, n, "%2e");
}

static bool double_dot(const char *s, size_t n)
{
	return ieq(s, n, "..") || ieq(s, n, ".%2e") || ieq(s, n, "%2e.") || ieq(s, n, "%2e%2e");
}

static int st_path(struct parser *ps, int c)
{
	struct url *u = ps->u;
	if (!(c == EOF_CP || is_slash(ps, c) || c == '?' || c == '#')) {
		encode_byte(&ps->buf, c, URL_PE_PATH);
		return 0;
	}
	const char *b = ps->buf.buf;
	size_t n = ps->buf.len;
	if (double_dot(b, n)) {
		path_shorten(u);
		if (!is_slash(ps, c))
			path_push(u, xstrdup(""));
	} else if (single_dot(b, n) && !is_slash(ps, c)) {
		path_push(u, xstrdup(""));
	} else if (!single_dot(b, n)) {
		if (!strcmp(u->scheme, "file") && u->npath == 0 && is_drive_letter(b, n, false))
			ps->buf.buf[1] = ':';
		path_push(u, xstrdup(ps->buf.buf));
	}
	strbuf_reset(&ps->buf);
	if (c == '?') {
		set_str(&u->query, "");
		ps->state = S_QUERY;
	} else if (c == '#') {
		set_str(&u->fragment, "");
		ps->state = S_FRAGMENT;
	}
	return 0;
}

/* The opaque path collects in the buffer and is stored when it ends. */
static int st_opaque_path(struct parser *ps, int c)
{
	struct url *u = ps->u;
	if (c == '?' || c == '#' || c == EOF_CP) {
		free(u->path[0]);
		u->path[0] = xstrdup(ps->buf.buf);
		strbuf_reset(&ps->buf);
	}
	if (c == '?') {
		set_str(&u->query, "");
		ps->state = S_QUERY;
	} else if (c == '#') {
		set_str(&u->fragment, "");
		ps->state = S_FRAGMENT;
	} else if (c == ' ' && (remaining_starts(ps, "?") || remaining_starts(ps, "#"))) {
		/* A space before '?' or '#' is encoded so that it survives reparsing. */
		strbuf_addstr(&ps->buf, "%20");
	} else if (c != EOF_CP) {
		encode_byte(&ps->buf, c, URL_PE_C0);
	}
	return 0;
}

static int st_query(struct parser *ps, int c)
{
	if (c != '#' && c != EOF_CP) {
		strbuf_addch(&ps->buf, c);
		return 0;
	}
	struct url *u = ps->u;
	struct strbuf q;
	strbuf_init(&q, STRBUF_NOCAP);
	strbuf_addstr(&q, u->query ? u->query : "");
	url_percent_encode(&q, ps->buf.buf, ps->buf.len, ps->special ? URL_PE_SPECIAL_QUERY : URL_PE_QUERY);
	free(u->query);
	u->query = strbuf_detach(&q, NULL);
	strbuf_reset(&ps->buf);
	if (c == '#') {
		set_str(&u->fragment, "");
		ps->state = S_FRAGMENT;
	}
	return 0;
}

static int st_fragment(struct parser *ps, int c)
{
	if (c != EOF_CP)
		encode_byte(&ps->buf, c, URL_PE_FRAGMENT);
	else {
		size_t old = strlen(ps->u->fragment);
		char *f = xmalloc(old + ps->buf.len + 1);
		memcpy(f, ps->u->fragment, old);
		memcpy(f + old, ps->buf.buf, ps->buf.len + 1);
		free(ps->u->fragment);
		ps->u->fragment = f;
	}
	return 0;
}

static int (*const states[])(struct parser *, int) = {
	[S_SCHEME_START] = st_scheme_start,
	[S_SCHEME] = st_scheme,
	[S_NO_SCHEME] = st_no_scheme,
	[S_SPECIAL_RELATIVE_OR_AUTHORITY] = st_special_relative_or_authority,
	[S_PATH_OR_AUTHORITY] = st_path_or_authority,
	[S_RELATIVE] = st_relative,
	[S_RELATIVE_SLASH] = st_relative_slash,
	[S_SPECIAL_AUTHORITY_SLASHES] = st_special_authority_slashes,
	[S_SPECIAL_AUTHORITY_IGNORE_SLASHES] = st_special_authority_ignore_slashes,
	[S_AUTHORITY] = st_authority,
	[S_HOST] = st_host,
	[S_PORT] = st_port,
	[S_FILE] = st_file,
	[S_FILE_SLASH] = st_file_slash,
	[S_FILE_HOST] = st_file_host,
	[S_PATH_START] = st_path_start,
	[S_PATH] = st_path,
	[S_OPAQUE_PATH] = st_opaque_path,
	[S_QUERY] = st_query,
	[S_FRAGMENT] = st_fragment,
};

static bool c0_or_space(unsigned char c)
{
	return c <= 0x20;
}

int url_parse(struct url *u, const char *input, size_t len, const struct url *base, struct err *e)
{
	memset(u, 0, sizeof(*u));
	u->port = -1;
	if (len > URL_MAX_INPUT)
		return err_set(e, ERR_DATA, "URL is longer than %zu bytes", URL_MAX_INPUT);
	/* Strip leading and trailing C0 controls and spaces, remove tabs and newlines. */
	size_t lo = 0, hi = len;
	while (lo < hi && c0_or_space((unsigned char)input[lo]))
		lo++;
	while (hi > lo && c0_or_space((unsigned char)input[hi - 1]))
		hi--;
	char *in = xmalloc(hi - lo + 1);
	size_t *orig = xmalloc((hi - lo + 1) * sizeof(*orig));
	size_t n = 0;
	for (size_t i = lo; i < hi; i++)
		if (input[i] != '\t' && input[i] != '\n' && input[i] != '\r') {
			orig[n] = i;
			in[n++] = input[i];
		}
	orig[n] = hi;
	in[n] = '\0';

	struct parser ps = { .in = in, .n = n, .orig = orig, .raw = input, .base = base, .u = u, .e = e };
	/* Bounded by 3 × the capped input. */
	strbuf_init(&ps.buf, STRBUF_NOCAP);
	strbuf_init(&ps.user, STRBUF_NOCAP);
	strbuf_init(&ps.pass, STRBUF_NOCAP);
	u->username = xstrdup("");
	u->password = xstrdup("");
	int r = 0;
	for (ps.p = 0;; ps.p++) {
		r = states[ps.state](&ps, at(&ps, ps.p));
		if (r < 0 || ps.p >= (ptrdiff_t)n)
			break;
	}
	strbuf_release(&ps.buf);
	strbuf_release(&ps.user);
	strbuf_release(&ps.pass);
	free(in);
	free(orig);
	if (r < 0)
		url_release(u);
	return r;
}

/* ---- serialising --------------------------------------------------------- */

static void add_path(struct strbuf *sb, const struct url *u)
{
	if (u->opaque_path) {
		strbuf_addstr(sb, u->path[0]);
		return;
	}
	for (size_t i = 0; i < u->npath; i++) {
		strbuf_addch(sb, '/');
		strbuf_addstr(sb, u->path[i]);
	}
}

char *url_href(const struct url *u)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	strbuf_addf(&sb, "%s:", u->scheme);
	if (u->host) {
		strbuf_addstr(&sb, "//");
		if (*u->username || *u->password) {
			strbuf_addstr(&sb, u->username);
			if (*u->password)
				strbuf_addf(&sb, ":%s", u->password);
			strbuf_addch(&sb, '@');
		}
		strbuf_addstr(&sb, u->host);
		if (u->port >= 0)
			strbuf_addf(&sb, ":%d", u->port);
	} else if (!u->opaque_path && u->npath > 1 && !*u->path[0]) {
		/* "web+demo:/.//not-a-host/": keep the path from reading as a host. */
		strbuf_addstr(&sb, "/.");
	}
	add_path(&sb, u);
	if (u->query)
		strbuf_addf(&sb, "?%s", u->query);
	if (u->fragment)
		strbuf_addf(&sb, "#%s", u->fragment);
	return strbuf_detach(&sb, NULL);
}

char *url_get(const struct url *u, enum url_part part)
{
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	switch (part) {
	case URL_HREF:
		return url_href(u);
	case URL_PROTOCOL:
		strbuf_addf(&sb, "%s:", u->scheme);
		break;
	case URL_USERNAME:
		strbuf_addstr(&sb, u->username);
		break;
	case URL_PASSWORD:
		strbuf_addstr(&sb, u->password);
		break;
	case URL_HOST:
	case URL_HOSTNAME:
		strbuf_addstr(&sb, u->host ? u->host : "");
		if (part == URL_HOST && u->host && u->port >= 0)
			strbuf_addf(&sb, ":%d", u->port);
		break;
	case URL_PORT:
		if (u->port >= 0)
			strbuf_addf(&sb, "%d", u->port);
		break;
	case URL_PATHNAME:
		add_path(&sb, u);
		break;
	case URL_SEARCH:
		if (u->query && *u->query)
			strbuf_addf(&sb, "?%s", u->query);
		break;
	case URL_HASH:
		if (u->fragment && *u->fragment)
			strbuf_addf(&sb, "#%s", u->fragment);
		break;
	case URL_PART__COUNT:
		break;
	}
	return strbuf_detach(&sb, NULL);
}
