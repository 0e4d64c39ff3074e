/*
 * slots — the weekly posting slots of a workspace's channels ("ig posts on
 * Tuesday and Thursday at 19:30"), in the workspace's local time, and the
 * next free slot for a post that has no time yet.
 *
 * Slots live in the posting_slots table (schema 2). The weekday is ISO
 * (1 Monday .. 7 Sunday); the time is "HH:MM" local. `struct slot` owns its
 * channel string (slots_free).
 */
#ifndef KOERS_CONTENT_SLOTS_H
#define KOERS_CONTENT_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;
struct tz;

struct slot {
	char *channel;
	unsigned weekday; /* 1..7 */
	int32_t secs;     /* after local midnight */
};

/* "mon".."sun" (or 1..7) to 1..7; 0 when not a weekday. */
unsigned slots_weekday(const char *s);

int slots_add(struct db *db, int64_t ws, const char *channel, unsigned weekday, int32_t secs, struct err *e);
/* ERR_NOTFOUND when there was no such slot. */
int slots_remove(struct db *db, int64_t ws, const char *channel, unsigned weekday, int32_t secs, struct err *e);
/* The slots of one channel (or all when NULL), by channel, weekday and time. */
int slots_list(struct db *db, int64_t ws, const char *channel, struct slot **out, size_t *n, struct err *e);
void slots_free(struct slot *v, size_t n);

/*
 * The first slot of `channel` at or after `after` that no other post on the
 * channel occupies (a post that is not cancelled, scheduled at that instant),
 * looking up to a year ahead. ERR_NOTFOUND when the channel has no slots or
 * every slot in that year is taken.
 */
int slots_next_free(struct db *db, int64_t ws, const struct tz *zone, const char *channel, int64_t after,
		    int64_t *at, struct err *e);

#endif
