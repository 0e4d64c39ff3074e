/*
 * koers metrics import|profiles — read the platforms' and the website's
 * exports into the workspace (src/kpi/metrics.h); koers budget import —
 * the same for cost sheets. Bad rows are printed as file:line:column and
 * skipped; the rest is imported (exit 1 when any row was bad).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/analytics.h"
#include "cli/commands.h"
#include "kpi/metrics.h"

#define METRICS_MAX_BYTES (64u << 20)

static int import_files(struct koers *k, int n, char **files, const char *profile_name, const char *channel,
			const enum metrics_target *only)
{
	const struct metrics_profile *profile = NULL;
	if (profile_name && strcmp(profile_name, "auto")) {
		profile = metrics_profile_find(profile_name);
		if (!profile || (only && metrics_profile_target(profile) != *only))
			return cli_fail(k, EXIT_USAGE, tr(k->lang, "unknown profile '%s' (see koers metrics profiles)"),
					profile_name);
	}
	struct actx a;
	int rc = actx_open(k, &a, false);
	if (rc) {
		actx_release(&a);
		return rc;
	}
	json_t *out = json_array();
	int worst = 0;
	for (int i = 0; i < n && worst != EXIT_IO; i++) {
		struct err e = { .lang = k->lang };
		char *buf;
		size_t len;
		if (cli_read_file(files[i], METRICS_MAX_BYTES, &buf, &len, &e) < 0) {
			worst = cli_fail_err(k, &e);
			continue;
		}
		struct metrics_import mi = { .db = k->db, .ws = k->ws_id, .plan = a.have_plan ? &a.plan : NULL,
					     .zone = a.zone, .channel = channel };
		struct diags d = { .lang = k->lang, .max = 1000 };
		int r = metrics_import(&mi, files[i], buf, len, profile, only, &d, &e);
		free(buf);
		actx_print_diags(&d);
		if (r < 0) {
			int code = cli_fail_err(k, &e);
			if (code > worst)
				worst = code;
		} else {
			if (k->json)
				json_array_append_new(out, json_pack("{s:s, s:s, s:I, s:I, s:I}", "file", files[i],
								     "profile", metrics_profile_id(mi.profile), "rows",
								     (json_int_t)mi.rows, "skipped",
								     (json_int_t)(mi.skipped + d.dropped), "matched",
								     (json_int_t)mi.matched));
			else
				printf(tr(k->lang, "%s: %s: %zu rows imported, %zu skipped, %zu matched to koers posts\n"),
				       files[i], metrics_profile_id(mi.profile), mi.rows, mi.skipped, mi.matched);
			if (mi.skipped && worst < EXIT_FINDINGS)
				worst = EXIT_FINDINGS;
		}
		diags_release(&d);
	}
	if (k->json)
		cli_json(out);
	else
		json_decref(out);
	actx_release(&a);
	return worst;
}

static int metrics_import_run(struct koers *k, int argc, char **argv)
{
	const char *profile = NULL, *channel = NULL;
	const struct opt opts[] = {
		OPT_STRING('p', "profile", &profile, "P", N_("the export's profile, or auto (the default): chosen from the header")),
		OPT_STRING('c', "channel", &channel, "C", N_("the plan channel the rows belong to (default: the plan's channel on the export's platform)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 1, 1000);
	if (n == CLI_DONE)
		return k->exit_code;
	return import_files(k, n, argv, profile, channel, NULL);
}

static int metrics_profiles_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	const struct metrics_profile *p;
	for (size_t i = 0; (p = metrics_profile_at(i)); i++)
		printf("%-20s %s\n", metrics_profile_id(p), tr(k->lang, metrics_profile_title(p)));
	return 0;
}

static int budget_import_run(struct koers *k, int argc, char **argv)
{
	const struct opt opts[] = { OPT_END() };
	int n = cli_args(k, argc, argv, opts, 1, 1000);
	if (n == CLI_DONE)
		return k->exit_code;
	static const enum metrics_target costs = MT_COSTS;
	return import_files(k, n, argv, NULL, NULL, &costs);
}

static const struct cmd metrics_import_cmd = { "import", N_("import metrics exports (platforms, website analytics)"), "[--profile P|auto] [--channel C] FILE...", metrics_import_run, NULL };
static const struct cmd metrics_profiles_cmd = { "profiles", N_("list the export formats metrics import reads"), "", metrics_profiles_run, NULL };
static const struct cmd *const metrics_subs[] = { &metrics_import_cmd, &metrics_profiles_cmd, NULL };
const struct cmd cmd_metrics = { "metrics", N_("metrics from the platforms and the website"), NULL, NULL, metrics_subs };

static const struct cmd budget_import_cmd = { "import", N_("import costs and hours spent (date, category, amount, campaign, channel, note, hours)"), "FILE...", budget_import_run, NULL };
static const struct cmd *const budget_subs[] = { &budget_import_cmd, NULL };
const struct cmd cmd_budget = { "budget", N_("money and hours spent, against the plan's budget"), NULL, NULL, budget_subs };
