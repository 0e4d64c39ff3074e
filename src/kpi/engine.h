/*
 * engine — the KPI table: every KPI of the catalogue computed from the
 * imported metrics, for a period and a slice (channel, campaign, pillar,
 * persona), in the workspace's time zone.
 *
 * kpi_data_load() reads a workspace's metrics, costs and its plan's mapping
 * (channels' platforms, campaigns' UTM names, value per conversion) into
 * memory once; kpi_compute() then answers any period and slice without the
 * database. A KPI that cannot be computed for a period (nothing measured, a
 * zero denominator) is NAN: "no data", never a division by zero.
 * Definitions: docs/kpis.md.
 *
 * The data owns copies of everything it read; kpi_data_free() releases it.
 */
#ifndef KOERS_KPI_ENGINE_H
#define KOERS_KPI_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/isotime.h"

struct db;
struct plan;
struct tz;
struct kpi_data;

enum kpi_dim { KPI_BY_ALL, KPI_BY_CHANNEL, KPI_BY_CAMPAIGN, KPI_BY_PILLAR, KPI_BY_PERSONA };

/* One slice: NULL members do not filter. */
struct kpi_filter {
	const char *channel, *campaign, *pillar, *persona;
};

/* A post as the engine sees it (pillar, persona and campaign from the koers
 * post when matched, else from the export): every post with imported
 * metrics, and every post koers published that no export has measured yet. */
struct kpi_post {
	char *channel, *remote_id, *url, *text, *pillar, *persona, *campaign;
	int64_t t, day; /* UTC instant; local day number */
	bool has_time;
	unsigned weekday, hour; /* local, when has_time */
	double impressions, reach, engagements, shares, clicks; /* NAN: not given */
};

int kpi_data_load(struct db *db, int64_t ws, const struct plan *plan, const struct tz *zone,
		  struct kpi_data **out, struct err *e);
void kpi_data_free(struct kpi_data *d);
const struct tz *kpi_data_zone(const struct kpi_data *d);

/* Number of KPIs (entries of kpi_catalog) and the index of one by id (-1). */
size_t kpi_count(void);
int kpi_index(const char *id);

/* values[kpi_count()]: each KPI of the catalogue for the slice and period. */
void kpi_compute(const struct kpi_data *d, const struct kpi_filter *f, const struct iso_range *r, double *values);

/* Local days of the first and last data of any kind; false when there is none. */
bool kpi_data_span(const struct kpi_data *d, int64_t *first_day, int64_t *last_day);

/* Distinct values of a dimension seen in the data or the plan, sorted; the
 * array and its strings are the caller's (free each, then the array). */
size_t kpi_dim_values(const struct kpi_data *d, enum kpi_dim dim, char ***out);
int kpi_dim_parse(const char *s, enum kpi_dim *out);
const char *kpi_dim_name(enum kpi_dim dim);

/* An imported cost line (campaign and channel NULL when not given). */
struct kpi_cost {
	char *campaign, *channel, *category;
	int64_t day; /* local day number */
	double amount, hours;
};
const struct kpi_cost *kpi_costs(const struct kpi_data *d, size_t *n);
/* The plan's evaluation.value_per_conversion (NAN when not set). */
double kpi_value_per_conversion(const struct kpi_data *d);

/* A mention from the listening module's tables (when they exist). */
struct kpi_mention {
	int64_t t;
	int sentiment;   /* -1, 0, 1 */
	char *author, *channel;
	double followers;
	bool competitor; /* matched only competitor queries */
};
const struct kpi_mention *kpi_mentions(const struct kpi_data *d, size_t *n);
bool kpi_have_listening(const struct kpi_data *d);

/* The posts (all of them, by time); valid while the data lives. */
const struct kpi_post *kpi_posts(const struct kpi_data *d, size_t *n);
bool kpi_post_matches(const struct kpi_post *p, const struct kpi_filter *f);

/*
 * Periods: "2026-Q1", "2026-03", "2026-W10", "2026-03-05", "2026" or a custom
 * range "FROM..TO" (dates, both included), in the zone.
 */
int kpi_period_parse(const char *s, const struct tz *zone, struct iso_range *out, struct err *e);
/* The label of a range: "2026-Q1", "2026-03", or "2026-01-05..2026-02-10". */
void kpi_period_label(const struct iso_range *r, char *buf, size_t n);
/* Split a range into periods of `kind` (day, week, month, quarter); each
 * piece is clipped to the range. Returns the number; *out is the caller's. */
size_t kpi_period_split(const struct tz *zone, const struct iso_range *r, enum iso_period_kind kind,
			struct iso_range **out);

#endif
