/*
 * post — the posts of the content calendar: the model, its checks against
 * the plan in force, and its rows in the store (schema 0002 and 0003).
 *
 * A post goes to one or more of the plan's channels; each channel may carry
 * its own text variant (NULL: the post's body) and, once the post is
 * approved, its own UTM-tagged link and text (post_tag_utm). Plan items are
 * referred to by their plan id. Times are UTC seconds; `has_time` says
 * whether the post has a scheduled time at all.
 *
 * Checks never stop at the first problem: post_check_refs() and
 * post_check_text() append every problem to a `struct post_problems`, each
 * naming the field it is about ("pillar", "text.ig") so a CSV importer can
 * point at the column. Messages are translated into problems->lang.
 *
 * Ownership: a struct post owns every string in it (post_release). Lists
 * returned by post_list() and post_history() are the caller's
 * (post_list_free, post_history_free).
 * Failure: store functions return 0, ERR_NOTFOUND (no such post in the
 * workspace), or ERR_IO with `e` filled.
 */
#ifndef KOERS_POST_H
#define KOERS_POST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct db;
struct plan;
struct plan_channel;
struct text_matcher;
struct tz;

struct post_variant {
	char *channel;
	char *body; /* NULL: the post's body */
	char *link; /* the link as published here (UTM-tagged); NULL: the post's link */
};

struct post_media {
	char *location;
	char *alt;
};

struct post {
	int64_t id; /* 0 until saved */
	char *title, *body, *link, *pillar, *persona, *goal, *campaign;
	char *status; /* "draft" when new */
	char *author, *approver;
	int64_t scheduled_at;
	bool has_time;
	struct post_variant *channels;
	size_t nchannels, achannels;
	struct post_media *media;
	size_t nmedia, amedia;
	int64_t created_at, updated_at;
};

void post_init(struct post *p);
void post_release(struct post *p);
/* Set a string field: frees the old value, copies `v` (NULL or "" clears). */
void post_set(char **field, const char *v);
/* Add channel `id` (or find it) and set its variant (NULL keeps the body). */
struct post_variant *post_add_channel(struct post *p, const char *id, const char *body);
bool post_has_channel(const struct post *p, const char *id);
void post_add_media(struct post *p, const char *location, const char *alt);
/* The text that goes to channel i: its variant or the body. */
const char *post_text(const struct post *p, size_t i);

/* ---- checks ---- */

struct post_problem {
	char *field;   /* "pillar", "channels", "text.ig", "scheduled", ... */
	char *message; /* translated */
	bool error;    /* false: a warning */
};

struct post_problems {
	struct post_problem *v;
	size_t n, alloc;
	enum lang lang;
};

void post_problem_add(struct post_problems *pp, bool error, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
size_t post_problems_errors(const struct post_problems *pp);
void post_problems_release(struct post_problems *pp);

/* The plan's channel `id`, or NULL. */
const struct plan_channel *post_plan_channel(const struct plan *plan, const char *id);

/*
 * Every plan id of the post exists in the plan (channels, pillar, persona,
 * goal, campaign, author and approver as team members); an unknown id is an
 * error that lists the valid ones. A post needs at least one channel, and a
 * campaign's channels and dates are checked as warnings.
 */
void post_check_refs(const struct post *p, const struct plan *plan, const struct tz *zone,
		     struct post_problems *pp);

/* One channel's text measured against its platform (the channel's
 * char_limit overrides the platform's default). */
struct post_measure {
	const char *platform;  /* the channel's platform, or NULL */
	bool known;            /* koers knows the platform's text rules */
	size_t length, limit;
	bool valid;
};

/*
 * Every channel's text against the platform rules; problems are errors when
 * `strict`, else (drafts) warnings. `measures` (may be NULL) receives one
 * entry per channel of the post, in order.
 */
int post_check_text(const struct post *p, const struct plan *plan, const struct text_matcher *m, bool strict,
		    struct post_problems *pp, struct post_measure *measures, struct err *e);

/*
 * UTM tags (utm_source = the channel's platform, utm_medium = social,
 * utm_campaign = the campaign's utm_campaign, utm_content = the post id) on
 * every link to the organisation's own domains, in the link and in each
 * channel's text; stored per channel. Needs the post's id. Existing tags are
 * never overwritten, so tagging twice changes nothing.
 */
int post_tag_utm(struct post *p, const struct plan *plan, struct err *e);

/* ---- store ---- */

/* Insert (id 0) or replace the post with its channels and media. */
int post_save(struct db *db, int64_t ws, struct post *p, struct err *e);
int post_load(struct db *db, int64_t ws, int64_t id, struct post *p, struct err *e);
int post_delete(struct db *db, int64_t ws, int64_t id, struct err *e);

struct post_filter {
	int64_t from, to; /* UTC [from, to) of the scheduled time, when has_range */
	bool has_range;
	const char *channel; /* NULL: all */
	const char *status;  /* NULL: all */
};

/* Posts in scheduled order (posts without a time last, by id). */
int post_list(struct db *db, int64_t ws, const struct post_filter *f, struct post **out, size_t *n,
	      struct err *e);
void post_list_free(struct post *v, size_t n);

struct post_event {
	int64_t at;
	char *actor, *from, *to, *note; /* from NULL: created */
};

int post_history_add(struct db *db, int64_t post, int64_t at, const char *actor, const char *from,
		     const char *to, const char *note, struct err *e);
int post_history(struct db *db, int64_t post, struct post_event **out, size_t *n, struct err *e);
void post_history_free(struct post_event *v, size_t n);

#endif
