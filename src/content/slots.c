#include "content/slots.h"

#include <stdlib.h>
#include <string.h>

#include "base/tz.h"
#include "base/xalloc.h"
#include "db/db.h"

static const char *const weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

unsigned slots_weekday(const char *s)
{
	for (unsigned i = 0; i < 7; i++)
		if (!strcasecmp(s, weekdays[i]))
			return i + 1;
	if (s[0] >= '1' && s[0] <= '7' && !s[1])
		return (unsigned)(s[0] - '0');
	return 0;
}

static void clock_text(int32_t secs, char out[6])
{
	out[0] = (char)('0' + secs / 36000);
	out[1] = (char)('0' + secs / 3600 % 10);
	out[2] = ':';
	out[3] = (char)('0' + secs / 600 % 6);
	out[4] = (char)('0' + secs / 60 % 10);
	out[5] = '\0';
}

int slots_add(struct db *db, int64_t ws, const char *channel, unsigned weekday, int32_t secs, struct err *e)
{
	char hm[6];
	clock_text(secs, hm);
	return db_run(db, e,
		      "INSERT INTO posting_slots(workspace_id, channel, weekday, local_time) VALUES (?, ?, ?, ?)"
		      " ON CONFLICT DO NOTHING", "isis", ws, channel, (int64_t)weekday, hm);
}

int slots_remove(struct db *db, int64_t ws, const char *channel, unsigned weekday, int32_t secs, struct err *e)
{
	char hm[6];
	clock_text(secs, hm);
	int r = db_run(db, e,
		       "DELETE FROM posting_slots WHERE workspace_id = ? AND channel = ? AND weekday = ? AND local_time = ?",
		       "isis", ws, channel, (int64_t)weekday, hm);
	if (r == 0 && db_changes(db) == 0)
		return err_set(e, ERR_NOTFOUND, "channel %s has no slot on %s at %s", channel, weekdays[weekday - 1], hm);
	return r;
}

int slots_list(struct db *db, int64_t ws, const char *channel, struct slot **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT channel, weekday, local_time FROM posting_slots WHERE workspace_id = ?1"
			   " AND (?2 IS NULL OR channel = ?2) ORDER BY channel, weekday, local_time", e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_text(st, 2, channel);
	struct slot *v = NULL;
	size_t count = 0, alloc = 0;
	while ((r = db_step(st, e)) == DB_ROW) {
		const char *hm = db_col_text(st, 2);
		ALLOC_GROW(v, count + 1, alloc);
		v[count++] = (struct slot){
			.channel = xstrdup(db_col_text(st, 0)),
			.weekday = (unsigned)db_col_int(st, 1),
			.secs = (int32_t)(atoi(hm) * 3600 + atoi(hm + 3) * 60),
		};
	}
	db_finalize(st);
	if (r < 0) {
		slots_free(v, count);
		return r;
	}
	*out = v;
	*n = count;
	return 0;
}

void slots_free(struct slot *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].channel);
	free(v);
}

static int taken(struct db *db, int64_t ws, const char *channel, int64_t at, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, &st,
			   "SELECT 1 FROM posts p JOIN post_channels c ON c.post_id = p.id"
			   " WHERE p.workspace_id = ? AND c.channel = ? AND p.scheduled_at = ? AND p.status <> 'cancelled'",
			   e);
	if (r < 0)
		return r;
	db_bind_int(st, 1, ws);
	db_bind_text(st, 2, channel);
	db_bind_int(st, 3, at);
	r = db_step(st, e);
	db_finalize(st);
	return r;
}

int slots_next_free(struct db *db, int64_t ws, const struct tz *zone, const char *channel, int64_t after,
		    int64_t *at, struct err *e)
{
	struct slot *v;
	size_t n;
	int r = slots_list(db, ws, channel, &v, &n, e);
	if (r < 0)
		return r;
	if (!n) {
		slots_free(v, n);
		return err_set(e, ERR_NOTFOUND, "channel %s has no posting slots (koers calendar slots add)", channel);
	}
	/* Walk the slots in time order, week after week, until one is free. */
	const int64_t limit = after + 366 * 86400;
	int64_t from = after;
	r = ERR_NOTFOUND;
	while (from < limit) {
		int64_t best = INT64_MAX;
		for (size_t i = 0; i < n; i++) {
			int64_t t = tz_next_weekly(zone, from, v[i].weekday, v[i].secs);
			if (t < best)
				best = t;
		}
		int busy = taken(db, ws, channel, best, e);
		if (busy < 0) {
			r = busy;
			break;
		}
		if (busy == DB_DONE) {
			*at = best;
			r = 0;
			break;
		}
		from = best + 1;
	}
	slots_free(v, n);
	if (r == ERR_NOTFOUND)
		err_set(e, r, "every posting slot of channel %s is taken for a year", channel);
	return r;
}
