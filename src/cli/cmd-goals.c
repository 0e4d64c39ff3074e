/*
 * koers goals — each SMART goal of the plan in force: current value,
 * progress, pace, forecast at the deadline and status (src/kpi/goals.h).
 * "Now" is the newest day with data unless --as-of says otherwise, so an
 * evaluation of imported exports does not change with the wall clock.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/analytics.h"
#include "cli/commands.h"
#include "kpi/catalog.h"
#include "kpi/engine.h"
#include "kpi/goals.h"
#include "report/kpifmt.h"

static json_t *num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

int actx_as_of(struct koers *k, const struct kpi_data *d, const char *as_of, int64_t *day)
{
	if (as_of) {
		struct err e = { .lang = k->lang };
		if (iso_parse_date(as_of, day, &e, NULL) < 0)
			return cli_fail(k, EXIT_USAGE, "--as-of %s: %s", as_of, e.msg);
		return 0;
	}
	int64_t first;
	if (!kpi_data_span(d, &first, day))
		*day = 0;
	return 0;
}

static int goals_run(struct koers *k, int argc, char **argv)
{
	const char *as_of = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "as-of", &as_of, "DATE", N_("evaluate as on DATE (default: the newest day with data)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	struct actx a;
	struct kpi_data *d;
	int rc = actx_open_data(k, &a, true, &d);
	int64_t day = 0;
	if (!rc)
		rc = actx_as_of(k, d, as_of, &day);
	if (rc) {
		kpi_data_free(d);
		actx_release(&a);
		return rc;
	}
	const char *cur = a.plan.budget.currency ? a.plan.budget.currency : "EUR";
	struct goal_eval *v;
	size_t ng = goals_evaluate(d, &a.plan, day, k->lang, cur, &v);
	char asof[ISO_BUFSZ];
	iso_format_date(day, asof);
	if (k->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < ng; i++) {
			const struct goal_eval *g = &v[i];
			json_array_append_new(arr, json_pack(
				"{s:s?, s:s?, s:s?, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:s, s:s, s:s}",
				"id", g->goal->id, "kpi", g->goal->kpi, "channel", g->goal->channel,
				"baseline", num_or_null(g->goal->baseline), "target", num_or_null(g->goal->target),
				"current", num_or_null(g->current), "progress", num_or_null(g->progress),
				"pace_needed", num_or_null(g->pace_needed), "pace_achieved", num_or_null(g->pace_achieved),
				"pace_unit", g->weekly ? "week" : "month", "forecast", num_or_null(g->forecast),
				"forecast_low", num_or_null(g->lo), "forecast_high", num_or_null(g->hi), "fit",
				g->log_fit ? "log-linear" : "linear", "status", goal_status_id(g->status), "reason",
				g->reason));
		}
		cli_json(json_pack("{s:s, s:o}", "as_of", asof, "goals", arr));
	} else {
		printf(tr(k->lang, "Goals as of %s\n"), asof);
		for (size_t i = 0; i < ng; i++) {
			const struct goal_eval *g = &v[i];
			char *cs = kpi_format_unit(k->lang, g->kpi ? g->kpi->unit : KPI_COUNT, g->current, cur);
			char *ts = kpi_format_unit(k->lang, g->kpi ? g->kpi->unit : KPI_COUNT, g->goal->target, cur);
			printf("\n%s%s%s (%s): %s\n", cli_color(k, "1"), g->goal->id ? g->goal->id : "?", cli_color(k, "0"),
			       g->kpi ? tr(k->lang, g->kpi->name) : (g->goal->kpi ? g->goal->kpi : "?"),
			       tr(k->lang, goal_status_name(g->status)));
			printf(tr(k->lang, "  now %s, target %s by %s"), cs, ts, g->goal->deadline ? g->goal->deadline : "?");
			if (!isnan(g->progress))
				printf(tr(k->lang, ", %.0f %% of the way\n"), g->progress);
			else
				printf("\n");
			printf("  %s\n", g->reason);
			free(cs);
			free(ts);
		}
	}
	goals_free(v, ng);
	kpi_data_free(d);
	actx_release(&a);
	return 0;
}

const struct cmd cmd_goals = { "goals", N_("the plan's goals: progress, pace, forecast and status"), "[--as-of DATE] [--json]", goals_run, NULL };
