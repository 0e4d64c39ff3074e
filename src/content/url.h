/*
 * url — URLs parsed and serialised as the WHATWG URL Standard says.
 *
 * url_parse() runs the standard's basic URL parser (without state override)
 * on one input, optionally against a base URL, and url_href() runs its
 * serialiser, so "HTTP://Example.COM:80/a/./b/../c?q#f" comes back as
 * "http://example.com/a/c?q#f". Every scheme is parsed as the standard says
 * (special schemes http, https, ws, wss, ftp and file; others with opaque
 * hosts and opaque paths); what koers uses is http and https.
 *
 * Not done: IDNA. A host that after percent-decoding holds non-ASCII
 * characters needs UTS #46 processing; url_parse() reports such input as
 * URL_ERR_UNSUPPORTED instead of guessing. (ASCII hosts, "xn--" labels
 * included, need no IDNA: the standard only lowercases them.)
 * Validation errors that the standard does not make fatal are not reported.
 *
 * Ownership: a parsed `struct url` owns all its strings; url_release() frees
 * them. The char * results of url_href() and url_get() are the caller's.
 *
 * Failure: url_parse() returns 0, ERR_DATA when the input is not a valid URL
 * (the standard's "failure"), or URL_ERR_UNSUPPORTED; `e` then says where
 * (the 1-based character position in the input as given) and why. Input
 * longer than URL_MAX_INPUT bytes is refused with ERR_DATA.
 */
#ifndef KOERS_URL_H
#define KOERS_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* A valid-looking URL that koers cannot parse (IDNA); exit code 1 like ERR_DATA. */
#define URL_ERR_UNSUPPORTED (-16)
#define URL_MAX_INPUT ((size_t)1 << 20)

enum url_host_kind {
	URL_HOST_NONE,   /* the URL has no host ("mailto:x", "sc:/p") */
	URL_HOST_EMPTY,  /* the empty host ("file:///p", "sc:///p") */
	URL_HOST_DOMAIN, /* an ASCII-lowercased domain */
	URL_HOST_IPV4,
	URL_HOST_IPV6,
	URL_HOST_OPAQUE, /* the host of a non-special URL, percent-encoded */
};

struct url {
	char *scheme;   /* lowercase, without the ':' */
	char *username; /* percent-encoded; "" when absent */
	char *password; /* percent-encoded; "" when absent */
	enum url_host_kind host_kind;
	char *host;     /* serialised ("example.com", "192.0.2.1", "[2001:db8::1]"); NULL for URL_HOST_NONE */
	int port;       /* -1 when absent; the scheme's default port is never stored */
	bool opaque_path;
	char **path;    /* segments, percent-encoded; an opaque path is the one string path[0] */
	size_t npath, path_alloc;
	char *query;    /* without the '?'; NULL when absent, "" for a bare '?' */
	char *fragment; /* without the '#'; NULL when absent */
};

/* The parts of the URL API (the `URL` class's getters). */
enum url_part {
	URL_HREF,
	URL_PROTOCOL, /* "https:" */
	URL_USERNAME,
	URL_PASSWORD,
	URL_HOST,     /* hostname plus ":port" when there is a port */
	URL_HOSTNAME,
	URL_PORT,     /* "" or the decimal port */
	URL_PATHNAME,
	URL_SEARCH,   /* "" or "?query" */
	URL_HASH,     /* "" or "#fragment" */
	URL_PART__COUNT,
};

/* The getter names in URL_PART order: "href", "protocol", ... */
extern const char *const url_part_names[URL_PART__COUNT];

/*
 * Parse `input` (len bytes; need not be NUL-terminated; UTF-8) against `base`
 * (NULL: none). On success *u is filled and must be released; on failure
 * *u is left empty (releasing it is harmless).
 */
int url_parse(struct url *u, const char *input, size_t len, const struct url *base, struct err *e);
void url_release(struct url *u);

/* Is the scheme one of the standard's special schemes? */
bool url_is_special(const struct url *u);

/* The serialised URL (with its fragment). */
char *url_href(const struct url *u);
/* One getter of the URL API; see enum url_part. */
char *url_get(const struct url *u, enum url_part part);

/*
 * The percent-encode sets of the standard, for url_percent_encode():
 * URL_PE_COMPONENT is the one to use for a value put into a query.
 */
enum url_pe_set {
	URL_PE_C0 = 0,
	URL_PE_FRAGMENT = 1 << 0,
	URL_PE_QUERY = 1 << 1,
	URL_PE_SPECIAL_QUERY = 1 << 2,
	URL_PE_PATH = 1 << 3,
	URL_PE_USERINFO = 1 << 4,
	URL_PE_COMPONENT = 1 << 5,
};

/* Append the bytes s[0..n) to sb, percent-encoding those in `set`. Returns strbuf's result. */
struct strbuf;
int url_percent_encode(struct strbuf *sb, const char *s, size_t n, enum url_pe_set set);

#endif
