#include "report/kpifmt.h"

#include <math.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "report/numfmt.h"

char *kpi_format_unit(enum lang lang, enum kpi_unit unit, double v, const char *currency)
{
	if (isnan(v))
		return xstrdup(tr(lang, "no data"));
	char *n, *s;
	switch (unit) {
	case KPI_PERCENT:
		n = fmt_number(lang, v, 1, 0);
		s = xasprintf("%s %%", n);
		free(n);
		return s;
	case KPI_MONEY:
		return fmt_money(lang, currency ? currency : "EUR", v);
	case KPI_MINUTES:
		n = fmt_number(lang, v, 0, 1);
		s = xasprintf("%s min", n);
		free(n);
		return s;
	case KPI_RATIO:
	case KPI_SCORE:
		return fmt_number(lang, v, 1, 1);
	case KPI_COUNT:
		break;
	}
	/* whole numbers from 100 on: "1,426 followers", not "1,425.5" */
	return fmt_number(lang, v, fabs(v - round(v)) < 1e-9 || fabs(v) >= 100 ? 0 : 1, 1);
}

char *kpi_format(enum lang lang, const struct kpi_def *k, double v, const char *currency)
{
	return kpi_format_unit(lang, k->unit, v, currency);
}
