/*
 * kpifmt — a KPI value as people read it: counts as whole numbers, percent
 * with one decimal, money in the plan's currency, "no data" for NAN.
 * Returns a string the caller frees.
 */
#ifndef KOERS_REPORT_KPIFMT_H
#define KOERS_REPORT_KPIFMT_H

#include "base/i18n.h"
#include "kpi/catalog.h"

char *kpi_format(enum lang lang, const struct kpi_def *k, double v, const char *currency);
/* The same for a value in a unit (no KPI at hand). */
char *kpi_format_unit(enum lang lang, enum kpi_unit unit, double v, const char *currency);

#endif
