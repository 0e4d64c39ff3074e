/*
 * koers kpi — the KPI table for a period, for the whole workspace or by
 * channel, campaign, pillar or persona (src/kpi/engine.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/tz.h"
#include "base/xalloc.h"
#include "cli/analytics.h"
#include "cli/commands.h"
#include "kpi/catalog.h"
#include "kpi/engine.h"
#include "report/kpifmt.h"

int actx_period(struct koers *k, struct actx *a, const struct kpi_data *d, const char *period, struct iso_range *r)
{
	struct err e = { .lang = k->lang };
	if (period) {
		if (kpi_period_parse(period, a->zone, r, &e) < 0)
			return cli_fail_err(k, &e);
		return 0;
	}
	/* Default: the quarter of the newest data (or of today when there is none). */
	int64_t first, last;
	if (!kpi_data_span(d, &first, &last)) {
		struct tz_local l;
		tz_to_local(a->zone, (int64_t)time(NULL), &l);
		last = iso_days_from_civil(l.year, l.month, l.day);
	}
	int64_t y;
	unsigned m, dd;
	iso_civil_from_days(last, &y, &m, &dd);
	char q[40];
	snprintf(q, sizeof(q), "%04lld-Q%u", (long long)y, (m + 2) / 3);
	if (kpi_period_parse(q, a->zone, r, &e) < 0)
		return cli_fail_err(k, &e);
	return 0;
}

static const char *currency_of(const struct actx *a)
{
	return a->have_plan && a->plan.budget.currency ? a->plan.budget.currency : "EUR";
}

static int kpi_run(struct koers *k, int argc, char **argv)
{
	const char *by = NULL, *period = NULL;
	const struct opt opts[] = {
		OPT_STRING('b', "by", &by, "DIM", N_("one column per channel, campaign, pillar or persona")),
		OPT_STRING('p', "period", &period, "PERIOD", N_("2026-Q1, 2026-03, 2026-W10, 2026-03-05 or FROM..TO (default: the quarter of the newest data)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	enum kpi_dim dim = KPI_BY_ALL;
	if (by && (kpi_dim_parse(by, &dim) < 0 || dim == KPI_BY_ALL))
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "--by takes channel, campaign, pillar or persona, not '%s'"), by);
	struct actx a;
	struct kpi_data *d;
	int rc = actx_open_data(k, &a, false, &d);
	struct iso_range r;
	if (!rc)
		rc = actx_period(k, &a, d, period, &r);
	if (rc) {
		kpi_data_free(d);
		actx_release(&a);
		return rc;
	}
	char **groups = NULL;
	size_t ng = 0;
	if (dim != KPI_BY_ALL)
		ng = kpi_dim_values(d, dim, &groups);
	size_t nk = kpi_count(), cols = dim == KPI_BY_ALL ? 1 : ng;
	double *vals = xcalloc(cols * nk + 1, sizeof(double));
	for (size_t g = 0; g < cols; g++) {
		struct kpi_filter f = { 0 };
		const char *val = dim == KPI_BY_ALL ? NULL : groups[g];
		if (dim == KPI_BY_CHANNEL) f.channel = val;
		if (dim == KPI_BY_CAMPAIGN) f.campaign = val;
		if (dim == KPI_BY_PILLAR) f.pillar = val;
		if (dim == KPI_BY_PERSONA) f.persona = val;
		kpi_compute(d, &f, &r, vals + g * nk);
	}
	char label[64];
	kpi_period_label(&r, label, sizeof(label));
	if (k->json) {
		json_t *ga = json_array();
		for (size_t g = 0; g < cols; g++) {
			json_t *o = json_object();
			for (size_t i = 0; i < nk; i++) {
				double v = vals[g * nk + i];
				json_object_set_new(o, kpi_catalog[i].id, isnan(v) ? json_null() : json_real(v));
			}
			json_array_append_new(ga, json_pack("{s:s, s:o}", "name", dim == KPI_BY_ALL ? "all" : groups[g], "kpis", o));
		}
		char a1[ISO_BUFSZ], a2[ISO_BUFSZ];
		iso_format_date(r.first_day, a1);
		iso_format_date(r.end_day - 1, a2);
		cli_json(json_pack("{s:s, s:s, s:s, s:s, s:o}", "period", label, "from", a1, "to", a2, "by",
				   kpi_dim_name(dim), "groups", ga));
	} else if (cols == 0) {
		printf(tr(k->lang, "KPIs %s: no data\n"), label);
	} else {
		printf(tr(k->lang, "KPIs %s (%s)\n"), label, tz_name(a.zone));
		printf("%-24s", "");
		for (size_t g = 0; g < cols; g++)
			printf(" %16.16s", dim == KPI_BY_ALL ? tr(k->lang, "all") : groups[g]);
		printf("\n");
		for (size_t i = 0; i < nk; i++) {
			printf("%-24.24s", tr(k->lang, kpi_catalog[i].name));
			for (size_t g = 0; g < cols; g++) {
				char *s = kpi_format(k->lang, &kpi_catalog[i], vals[g * nk + i], currency_of(&a));
				printf(" %16s", s);
				free(s);
			}
			printf("\n");
		}
	}
	free(vals);
	for (size_t g = 0; g < ng; g++)
		free(groups[g]);
	free(groups);
	kpi_data_free(d);
	actx_release(&a);
	return 0;
}

const struct cmd cmd_kpi = { "kpi", N_("the KPI table for a period, overall or by channel, campaign, pillar or persona"), "[--by channel|campaign|pillar|persona] [--period PERIOD] [--json]", kpi_run, NULL };
