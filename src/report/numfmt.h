/*
 * numfmt — numbers and money as people in each language write them:
 * 1,250.5 in English, 1.250,5 in Dutch. Returns a string the caller frees.
 */
#ifndef KOERS_REPORT_NUMFMT_H
#define KOERS_REPORT_NUMFMT_H

#include "base/i18n.h"

/* `decimals` digits after the separator (trailing zeros dropped when `trim`). */
char *fmt_number(enum lang lang, double x, int decimals, int trim);
/* "€ 1.250" (nl) or "€1,250" (en); unknown currencies as "USD 1,250". */
char *fmt_money(enum lang lang, const char *currency, double x);

#endif
