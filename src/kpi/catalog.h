/*
 * catalog — the KPIs a plan's goals can be measured by. A goal names one by
 * id; the KPI engine computes them; reports show their names in the user's
 * language. The table is the single source of their definitions
 * (docs/kpis.md repeats it for readers).
 */
#ifndef KOERS_KPI_CATALOG_H
#define KOERS_KPI_CATALOG_H

#include <stdbool.h>

enum kpi_unit { KPI_COUNT, KPI_PERCENT, KPI_MINUTES, KPI_MONEY, KPI_RATIO, KPI_SCORE };
enum kpi_direction { KPI_HIGHER_IS_BETTER, KPI_LOWER_IS_BETTER };
/* The method's KPI families (SPEC.md step 9). */
enum kpi_family { KPI_REACH, KPI_ENGAGEMENT, KPI_CLICKS, KPI_INTERACTION, KPI_CONVERSION, KPI_SENTIMENT, KPI_OUTPUT };

struct kpi_def {
	const char *id;
	const char *name;       /* N_(): English name, translated with tr() */
	const char *definition; /* N_() */
	enum kpi_unit unit;
	enum kpi_direction direction;
	enum kpi_family family;
	bool cumulative;        /* a level that grows (followers) rather than a rate or a flow */
};

extern const struct kpi_def kpi_catalog[]; /* ends with id == NULL */

const struct kpi_def *kpi_find(const char *id);
const char *kpi_unit_name(enum kpi_unit unit);     /* "count", "percent", ... */
const char *kpi_family_name(enum kpi_family f);    /* N_(): "reach", ... */

#endif
