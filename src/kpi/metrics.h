/*
 * metrics — importing the platforms' and the website's exports (and cost
 * sheets) into the metrics tables of schema 0004.
 *
 * How a file is read is data: a profile names the source's own column
 * headers, what each means and how its dates are written. A file's profile is
 * the one whose required columns its header has (the best match wins), or the
 * one the caller names. Rows are upserted on each table's natural key, so
 * importing the same file twice changes nothing.
 *
 * Bad rows are reported in `d` as file:line:column with the reason and are
 * skipped; the good rows of the file are imported. Whole-file failures
 * (no profile fits the header, database errors) are returned as ERR_DATA or
 * ERR_IO with `e` set.
 */
#ifndef KOERS_KPI_METRICS_H
#define KOERS_KPI_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;
struct plan;
struct tz;

enum metrics_target { MT_POSTS, MT_ACCOUNT, MT_WEB, MT_COSTS };

struct metrics_profile; /* see metrics.c: the table of sources */

/* The profiles in the order of docs/metrics.md; ends with NULL. */
const struct metrics_profile *metrics_profile_at(size_t i);
const struct metrics_profile *metrics_profile_find(const char *id);
const char *metrics_profile_id(const struct metrics_profile *p);
const char *metrics_profile_title(const struct metrics_profile *p); /* N_() */
enum metrics_target metrics_profile_target(const struct metrics_profile *p);

struct metrics_import {
	struct db *db;
	int64_t ws;
	const struct plan *plan; /* maps platforms to the plan's channel ids; may be NULL */
	const struct tz *zone;   /* the workspace's zone: local dates and times */
	const char *channel;     /* NULL: from the file or the plan */
	/* results */
	const struct metrics_profile *profile;
	size_t rows, skipped, matched; /* matched: rows linked to a koers post */
};

/*
 * Import one file's bytes. `profile` NULL chooses from the header;
 * `only` (may be NULL) restricts the choice to profiles of that target
 * (budget import reads only cost sheets).
 */
int metrics_import(struct metrics_import *mi, const char *file, const char *buf, size_t len,
		   const struct metrics_profile *profile, const enum metrics_target *only, struct diags *d,
		   struct err *e);

#endif
