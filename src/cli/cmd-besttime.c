/*
 * koers besttime — suggested posting slots per channel from the engagement
 * rate of the workspace's own posts by weekday and hour (src/kpi/besttime.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/analytics.h"
#include "cli/commands.h"
#include "kpi/besttime.h"
#include "kpi/engine.h"
#include "report/numfmt.h"

static const char *const weekdays[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };

static json_t *num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static int besttime_run(struct koers *k, int argc, char **argv)
{
	const char *channel = NULL, *period = NULL, *min = NULL;
	const struct opt opts[] = {
		OPT_STRING('c', "channel", &channel, "C", N_("only this channel (default: each channel)")),
		OPT_STRING('p', "period", &period, "PERIOD", N_("only posts of this period (default: all)")),
		OPT_STRING(0, "min", &min, "N", N_("posts a slot needs before it is suggested (default 3)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	long min_posts = 3;
	if (min && cli_number(k, "--min", min, 1, 1000, &min_posts))
		return EXIT_USAGE;
	struct actx a;
	struct kpi_data *d;
	int rc = actx_open_data(k, &a, false, &d);
	struct err e = { .lang = k->lang };
	struct iso_range r;
	if (!rc && period && kpi_period_parse(period, a.zone, &r, &e) < 0)
		rc = cli_fail_err(k, &e);
	if (rc) {
		kpi_data_free(d);
		actx_release(&a);
		return rc;
	}
	char **chans = NULL;
	size_t nc = 0;
	if (channel) {
		chans = xmalloc(sizeof(char *));
		chans[0] = xstrdup(channel);
		nc = 1;
	} else {
		nc = kpi_dim_values(d, KPI_BY_CHANNEL, &chans);
	}
	json_t *arr = json_array();
	for (size_t c = 0; c < nc; c++) {
		struct besttime bt;
		besttime_compute(d, chans[c], period ? &r : NULL, (size_t)min_posts, 5.0, &bt);
		if (k->json) {
			json_t *slots = json_array(), *grid = json_array();
			for (size_t s = 0; s < bt.nslots; s++)
				json_array_append_new(slots, json_pack("{s:i, s:i, s:f, s:f, s:I}", "weekday",
								       (int)bt.slots[s].weekday, "hour", (int)bt.slots[s].hour,
								       "rate", bt.slots[s].smoothed, "raw_rate", bt.slots[s].raw,
								       "posts", (json_int_t)bt.slots[s].n));
			for (int w = 0; w < 7; w++)
				for (int h = 0; h < 24; h++)
					if (bt.n[w][h])
						json_array_append_new(grid, json_pack("{s:i, s:i, s:I, s:o, s:o}", "weekday",
										      w + 1, "hour", h, "posts",
										      (json_int_t)bt.n[w][h], "raw_rate",
										      num_or_null(bt.raw[w][h]), "rate",
										      num_or_null(bt.smoothed[w][h])));
			json_array_append_new(arr, json_pack("{s:s, s:I, s:o, s:o, s:o}", "channel", chans[c], "posts",
							     (json_int_t)bt.total, "mean_rate", num_or_null(bt.mean),
							     "slots", slots, "cells", grid));
		} else if (!bt.total) {
			printf(tr(k->lang, "%s: no posts with impressions and a time of day\n"), chans[c]);
		} else {
			char *m = fmt_number(k->lang, bt.mean, 1, 0);
			printf(tr(k->lang, "%s: mean engagement rate %s %% over %zu posts\n"), chans[c], m, bt.total);
			free(m);
			if (!bt.nslots)
				printf("  %s\n", tr(k->lang, "no slot has enough posts above the mean yet"));
			for (size_t s = 0; s < bt.nslots; s++) {
				char *v = fmt_number(k->lang, bt.slots[s].smoothed, 1, 0);
				printf(tr(k->lang, "  %s %02u:00  %s %% (%zu posts)\n"),
				       tr(k->lang, weekdays[bt.slots[s].weekday - 1]), bt.slots[s].hour, v, bt.slots[s].n);
				free(v);
			}
		}
		free(chans[c]);
	}
	free(chans);
	if (k->json)
		cli_json(arr);
	else
		json_decref(arr);
	kpi_data_free(d);
	actx_release(&a);
	return 0;
}

const struct cmd cmd_besttime = { "besttime", N_("the best times to post, from the engagement of your own posts"), "[--channel C] [--period PERIOD] [--min N] [--json]", besttime_run, NULL };
