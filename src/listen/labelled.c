/* Reader of "label TAB text" files; see labelled.h. */
#include "listen/labelled.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "listen/sentiment.h"

static int valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

static int label_of(const char *s, size_t n)
{
	static const char *const names[] = { "negative", "neutral", "positive" };
	for (int i = 0; i < 3; i++)
		if (strlen(names[i]) == n && !strncasecmp(names[i], s, n))
			return i;
	return -1;
}

size_t labelled_parse(const char *buf, size_t len, const char *name, labelled_fn *fn, void *ctx, struct diags *d)
{
	size_t good = 0;
	unsigned line = 0;
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *s = p;
		size_t n = (size_t)(le - p);
		p = nl ? nl + 1 : end;
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (!n || s[0] == '#')
			continue;
		if (n > LABELLED_MAX_LINE) {
			diags_add(d, name, line, 0, "line is longer than %d bytes", LABELLED_MAX_LINE);
			continue;
		}
		const char *tab = memchr(s, '\t', n);
		if (!tab) {
			diags_add(d, name, line, 0, "expected LABEL<TAB>TEXT, found no TAB");
			continue;
		}
		size_t ln = (size_t)(tab - s);
		const char *text = tab + 1;
		size_t tn = n - ln - 1;
		if (line == 1 && ln == 5 && !strncasecmp(s, "label", 5))
			continue;
		int label = label_of(s, ln);
		if (label < 0) {
			int shown = ln > 40 ? 40 : (int)ln;
			if (valid_utf8(s, (size_t)shown))
				diags_add(d, name, line, 1, "unknown label '%.*s' (expected negative, neutral or positive)", shown, s);
			else
				diags_add(d, name, line, 1, "unknown label (expected negative, neutral or positive)");
			continue;
		}
		while (tn && (*text == ' ' || *text == '\t'))
			text++, tn--;
		if (!tn) {
			diags_add(d, name, line, (unsigned)ln + 2, "the text is empty");
			continue;
		}
		if (memchr(text, '\0', tn) || !valid_utf8(text, tn)) {
			diags_add(d, name, line, (unsigned)ln + 2, "the text is not valid UTF-8");
			continue;
		}
		fn(ctx, label, text, tn, line);
		good++;
	}
	return good;
}
