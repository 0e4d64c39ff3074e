/*
 * koers report — the evaluation report for a period (src/report/evaluation.h)
 * as HTML (with SVG charts), Markdown, CSV or XLSX. The language is --lang,
 * else the plan's language.
 */
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "cli/analytics.h"
#include "cli/commands.h"
#include "kpi/engine.h"
#include "report/evaluation.h"

static int report_run(struct koers *k, int argc, char **argv)
{
	const char *period = NULL, *format = NULL, *output = NULL;
	const struct opt opts[] = {
		OPT_STRING('p', "period", &period, "PERIOD", N_("2026-Q1, 2026-03, 2026-W10 or FROM..TO (default: the quarter of the newest data)")),
		OPT_STRING('f', "format", &format, "html|md|csv|xlsx", N_("output format (default: from the file name, else html)")),
		OPT_STRING('o', "output", &output, "FILE", N_("write to FILE instead of standard output")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	if (!format && output) {
		const char *dot = strrchr(output, '.');
		format = dot && (!strcmp(dot, ".md") || !strcmp(dot, ".csv") || !strcmp(dot, ".xlsx")) ? dot + 1 : "html";
	}
	if (!format)
		format = "html";
	enum doc_format df = DOC_HTML;
	bool csv = !strcmp(format, "csv"), xlsx = !strcmp(format, "xlsx");
	if (!csv && !xlsx && doc_format_parse(format, &df) < 0)
		return cli_fail(k, EXIT_USAGE, tr(k->lang, "unknown format '%s' (html, md, csv or xlsx)"), format);
	if (xlsx && (!output || !strcmp(output, "-")))
		return cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "XLSX needs a file: -o FILE"));
	struct actx a;
	struct kpi_data *d;
	int rc = actx_open_data(k, &a, false, &d);
	struct iso_range r;
	if (!rc)
		rc = actx_period(k, &a, d, period, &r);
	kpi_data_free(d);
	if (rc) {
		actx_release(&a);
		return rc;
	}
	enum lang lang = k->lang;
	if (!k->lang_name && a.have_plan && a.plan.language)
		lang_parse(a.plan.language, &lang);
	struct report rep;
	struct err e = { .lang = k->lang };
	if (report_build(k->db, k->ws_id, a.have_plan ? &a.plan : NULL, a.zone, &r, lang, &rep, &e) < 0) {
		actx_release(&a);
		return cli_fail_err(k, &e);
	}
	if (xlsx) {
		if (report_write_xlsx(&rep, output, &e) < 0)
			rc = cli_fail_err(k, &e);
	} else {
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		if (csv)
			report_write_csv(&rep, &sb);
		else
			report_write_doc(&rep, df, &sb);
		rc = cli_write_output(k, output, &sb);
		strbuf_release(&sb);
	}
	report_release(&rep);
	actx_release(&a);
	return rc;
}

const struct cmd cmd_report = { "report", N_("the evaluation report for a period (HTML, Markdown, CSV, XLSX)"), "[--period PERIOD] [--format html|md|csv|xlsx] [--lang nl|en] [-o FILE]", report_run, NULL };
