#include "kpi/besttime.h"

#include <math.h>
#include <string.h>

#include "kpi/engine.h"

void besttime_compute(const struct kpi_data *d, const char *channel, const struct iso_range *r, size_t min_posts,
		      double prior, struct besttime *out)
{
	double sum[7][24] = { { 0 } }, all = 0;
	memset(out, 0, sizeof(*out));
	size_t n;
	const struct kpi_post *p = kpi_posts(d, &n);
	struct kpi_filter f = { .channel = channel };
	for (size_t i = 0; i < n; i++) {
		if (!p[i].has_time || isnan(p[i].impressions) || isnan(p[i].engagements) || p[i].impressions <= 0)
			continue;
		if (!kpi_post_matches(&p[i], &f) || (r && (p[i].t < r->start || p[i].t >= r->end)))
			continue;
		double rate = p[i].engagements / p[i].impressions * 100;
		sum[p[i].weekday - 1][p[i].hour] += rate;
		out->n[p[i].weekday - 1][p[i].hour]++;
		all += rate;
		out->total++;
	}
	out->mean = out->total ? all / (double)out->total : NAN;
	for (int w = 0; w < 7; w++)
		for (int h = 0; h < 24; h++) {
			size_t c = out->n[w][h];
			out->raw[w][h] = c ? sum[w][h] / (double)c : NAN;
			out->smoothed[w][h] = c ? (sum[w][h] + prior * out->mean) / ((double)c + prior) : NAN;
		}
	/* The best cells with enough posts that beat the mean. */
	for (size_t s = 0; s < BESTTIME_SLOTS; s++) {
		int bw = -1, bh = -1;
		for (int w = 0; w < 7; w++)
			for (int h = 0; h < 24; h++) {
				if (out->n[w][h] < min_posts || !(out->smoothed[w][h] > out->mean))
					continue;
				bool taken = false;
				for (size_t k = 0; k < out->nslots; k++)
					taken |= out->slots[k].weekday == (unsigned)w + 1 && out->slots[k].hour == (unsigned)h;
				if (!taken && (bw < 0 || out->smoothed[w][h] > out->smoothed[bw][bh]))
					bw = w, bh = h;
			}
		if (bw < 0)
			break;
		out->slots[out->nslots++] = (struct besttime_slot){ (unsigned)bw + 1, (unsigned)bh, out->smoothed[bw][bh],
								    out->raw[bw][bh], out->n[bw][bh] };
	}
}
