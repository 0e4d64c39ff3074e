#include "report/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"

char *fmt_number(enum lang lang, double x, int decimals, int trim)
{
	if (isnan(x))
		return xstrdup("–");
	char plain[64];
	snprintf(plain, sizeof(plain), "%.*f", decimals, fabs(x));
	char *dot = strchr(plain, '.');
	if (dot && trim) {
		char *end = plain + strlen(plain) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	dot = strchr(plain, '.');
	size_t int_len = dot ? (size_t)(dot - plain) : strlen(plain);
	const char group = lang == LANG_NL ? '.' : ',', decimal = lang == LANG_NL ? ',' : '.';
	struct strbuf sb;
	strbuf_init(&sb, STRBUF_NOCAP);
	if (x < 0 && strspn(plain, "0.") != strlen(plain))
		strbuf_addch(&sb, '-');
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			strbuf_addch(&sb, group);
		strbuf_addch(&sb, plain[i]);
	}
	if (dot) {
		strbuf_addch(&sb, decimal);
		strbuf_addstr(&sb, dot + 1);
	}
	return strbuf_detach(&sb, NULL);
}

char *fmt_money(enum lang lang, const char *currency, double x)
{
	static const struct { const char *code, *symbol; } symbols[] = {
		{ "EUR", "€" }, { "GBP", "£" }, { "USD", "$" },
	};
	const char *symbol = NULL;
	for (size_t i = 0; currency && i < sizeof(symbols) / sizeof(symbols[0]); i++)
		if (!strcmp(symbols[i].code, currency))
			symbol = symbols[i].symbol;
	bool whole = x == floor(x);
	char *num = fmt_number(lang, x, whole ? 0 : 2, 0);
	char *s;
	if (symbol)
		s = xasprintf(lang == LANG_NL ? "%s %s" : "%s%s", symbol, num);
	else
		s = xasprintf("%s %s", currency ? currency : "", num);
	free(num);
	return s;
}
