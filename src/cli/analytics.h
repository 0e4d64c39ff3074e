/*
 * analytics — what the analytics commands (metrics, budget, kpi, goals,
 * besttime, report) share: the workspace, its zone and the plan in force,
 * and printing located problems.
 */
#ifndef KOERS_CLI_ANALYTICS_H
#define KOERS_CLI_ANALYTICS_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"
#include "plan/plan.h"

struct tz;

struct actx {
	struct plan plan;
	bool have_plan;
	struct tz *zone;
};

/* Workspace, zone and (when there is one) the plan; `need_plan` makes a
 * missing plan an error. 0, or an exit code. Release with actx_release. */
int actx_open(struct koers *k, struct actx *a, bool need_plan);
void actx_release(struct actx *a);
void actx_print_diags(const struct diags *d);

struct kpi_data;
struct iso_range;
/* actx_open(), then the workspace's KPI data (*d, the caller frees it with
 * kpi_data_free(); NULL on failure). 0, or an exit code. */
int actx_open_data(struct koers *k, struct actx *a, bool need_plan, struct kpi_data **d);
/* The period named by --period, or the quarter of the newest data. 0, or an exit code. */
int actx_period(struct koers *k, struct actx *a, const struct kpi_data *d, const char *period, struct iso_range *r);

/* --as-of DATE, or the newest day with data. 0, or an exit code. */
int actx_as_of(struct koers *k, const struct kpi_data *d, const char *as_of, int64_t *day);

#endif
