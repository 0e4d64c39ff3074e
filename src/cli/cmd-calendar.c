/*
 * koers calendar [--week|--month] [--from DATE] [--channel C]  — the posts by day
 * koers calendar check [--from DATE] [--to DATE] [--min-gap MIN] — held against the plan
 * koers calendar ics [-o FILE] [--all]                          — iCalendar export
 *
 * `calendar` itself shows the calendar, so `check` and `ics` are dispatched
 * here rather than through the group table (a group needs a subcommand).
 */
#include <stdlib.h>
#include <string.h>

#include "base/isotime.h"
#include "base/strbuf.h"
#include "base/tz.h"
#include "base/xalloc.h"
#include "cli/commands.h"
#include "cli/postctx.h"
#include "content/calendar.h"
#include "content/ics.h"
#include "content/post.h"
#include "content/slots.h"

static const char *const weekday_names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
					     N_("Fri"), N_("Sat"), N_("Sun") };


static int64_t today(const struct postctx *c)
{
	return cal_local_day(c->zone, postctx_now());
}

static void first_line(const struct post *p, char *buf, size_t size)
{
	const char *s = p->title ? p->title : p->body ? p->body : "";
	size_t n = strcspn(s, "\n");
	size_t cps = 0, i = 0;
	while (i < n && i + 4 < size) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++cps > 60)
			break;
		i++;
	}
	while (i < n && i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	memcpy(buf, s, i);
	buf[i] = '\0';
	if (i < n)
		memcpy(buf + i, "…", sizeof("…"));
}

static int calendar_view(struct koers *k, int argc, char **argv)
{
	bool week = false, month = false;
	const char *from = NULL, *channel = NULL;
	const struct opt opts[] = {
		OPT_FLAG(0, "week", &week, N_("the ISO week around --from (default)")),
		OPT_FLAG(0, "month", &month, N_("the month around --from")),
		OPT_STRING(0, "from", &from, "DATE", N_("a local day in the period (default: today)")),
		OPT_STRING(0, "channel", &channel, "ID", N_("only posts on this channel")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	if (week && month)
		return cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "--week or --month, not both"));
	struct postctx c;
	int rc = postctx_open(k, &c);
	int64_t day = 0, first, end;
	if (rc)
		return postctx_close(&c), rc;
	if (from && (rc = postctx_day(k, "--from", from, &day)))
		return postctx_close(&c), rc;
	if (!from)
		day = today(&c);
	if (month) {
		int64_t y;
		unsigned m, d;
		iso_civil_from_days(day, &y, &m, &d);
		first = iso_days_from_civil(y, m, 1);
		end = first + iso_days_in_month(y, m);
	} else {
		first = day - (iso_weekday(day) - 1);
		end = first + 7;
	}
	struct post_filter f = { .has_range = true, .from = postctx_midnight(&c, first),
				 .to = postctx_midnight(&c, end), .channel = channel };
	struct post *v = NULL;
	size_t nv = 0;
	struct err e = { .lang = k->lang };
	if (post_list(k->db, k->ws_id, &f, &v, &nv, &e) < 0)
		rc = cli_fail_err(k, &e);
	char a[ISO_BUFSZ], b[ISO_BUFSZ];
	iso_format_date(first, a);
	iso_format_date(end - 1, b);
	if (!rc && k->json) {
		json_t *days = json_array();
		for (int64_t dd = first; dd < end; dd++) {
			char ds[ISO_BUFSZ];
			iso_format_date(dd, ds);
			json_t *posts = json_array();
			for (size_t i = 0; i < nv; i++)
				if (cal_local_day(c.zone, v[i].scheduled_at) == dd)
					json_array_append_new(posts, postctx_json(&c, &v[i]));
			json_array_append_new(days, json_pack("{s:s, s:o}", "date", ds, "posts", posts));
		}
		cli_json(json_pack("{s:s, s:s, s:s, s:o}", "from", a, "to", b, "timezone", tz_name(c.zone), "days", days));
	} else if (!rc) {
		printf("%s%s – %s%s (%s)\n", cli_color(k, "1"), a, b, cli_color(k, "0"), tz_name(c.zone));
		for (int64_t dd = first; dd < end; dd++) {
			char ds[ISO_BUFSZ];
			iso_format_date(dd, ds);
			printf("\n%s%s %s%s\n", cli_color(k, "1"), tr(k->lang, weekday_names[iso_weekday(dd) - 1]), ds,
			       cli_color(k, "0"));
			size_t shown = 0;
			for (size_t i = 0; i < nv; i++) {
				if (cal_local_day(c.zone, v[i].scheduled_at) != dd)
					continue;
				struct tz_local l;
				tz_to_local(c.zone, v[i].scheduled_at, &l);
				struct strbuf ch;
				strbuf_init(&ch, STRBUF_NOCAP);
				for (size_t j = 0; j < v[i].nchannels; j++)
					strbuf_addf(&ch, "%s%s", j ? "," : "", v[i].channels[j].channel);
				char line[256];
				first_line(&v[i], line, sizeof(line));
				printf("  %02u:%02u  #%-4lld %s%-9s%s  %-14s %s\n", l.hour, l.min, (long long)v[i].id,
				       cli_color(k, postctx_status_sgr(v[i].status)), v[i].status, cli_color(k, "0"), ch.buf, line);
				strbuf_release(&ch);
				shown++;
			}
			if (!shown)
				printf("  %s%s%s\n", cli_color(k, "2"), tr(k->lang, "(no posts)"), cli_color(k, "0"));
		}
	}
	post_list_free(v, nv);
	postctx_close(&c);
	return rc;
}

static const char *sev_sgr(enum cal_severity s)
{
	return s == CAL_ERROR ? "31" : s == CAL_WARNING ? "33" : "2";
}

static int calendar_check(struct koers *k, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *gap = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "from", &from, "DATE", N_("first local day (default: today); the buffer counts from here")),
		OPT_STRING(0, "to", &to, "DATE", N_("last local day (default: four weeks after --from)")),
		OPT_STRING(0, "min-gap", &gap, "MINUTES", N_("least time between two posts on one channel (default 60)")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	struct cal_options o = { .min_gap_minutes = 60 };
	if (gap) {
		char *end;
		long g = strtol(gap, &end, 10);
		if (*end || end == gap || g < 1 || g > 10080)
			return cli_fail(k, EXIT_USAGE, tr(k->lang, "--min-gap wants minutes from 1 to 10080, not '%s'"), gap);
		o.min_gap_minutes = (int)g;
	}
	struct postctx c;
	int rc = postctx_open(k, &c);
	if (!rc && from)
		rc = postctx_day(k, "--from", from, &o.from_day);
	if (!rc && !from)
		o.from_day = today(&c);
	if (!rc && to) {
		rc = postctx_day(k, "--to", to, &o.to_day);
		o.to_day++;
	}
	if (!rc && !to)
		o.to_day = o.from_day + 28;
	if (!rc && o.to_day <= o.from_day)
		rc = cli_fail(k, EXIT_USAGE, "%s", tr(k->lang, "--to is before --from"));
	struct post *v = NULL;
	size_t nv = 0;
	struct err e = { .lang = k->lang };
	/* All posts: the buffer looks past --to, collisions just before --from. */
	if (!rc && post_list(k->db, k->ws_id, NULL, &v, &nv, &e) < 0)
		rc = cli_fail_err(k, &e);
	struct cal_findings f = { .lang = k->lang };
	if (!rc) {
		cal_check(&c.plan, c.zone, c.m, v, nv, &o, &f);
		char a[ISO_BUFSZ], b[ISO_BUFSZ];
		iso_format_date(o.from_day, a);
		iso_format_date(o.to_day - 1, b);
		size_t ne = cal_count(&f, CAL_ERROR), nw = cal_count(&f, CAL_WARNING);
		if (k->json) {
			json_t *arr = json_array();
			for (size_t i = 0; i < f.n; i++) {
				const struct cal_finding *x = &f.v[i];
				char ds[ISO_BUFSZ];
				if (x->day != CAL_NO_DAY)
					iso_format_date(x->day, ds);
				json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}", "rule", x->rule,
								     "severity", cal_severity_name(x->severity), "channel",
								     x->channel ? json_string(x->channel) : json_null(),
								     "date", x->day != CAL_NO_DAY ? json_string(ds) : json_null(),
								     "post", x->post ? json_integer(x->post) : json_null(),
								     "message", x->message));
			}
			cli_json(json_pack("{s:s, s:s, s:s, s:I, s:I, s:o}", "from", a, "to", b, "timezone",
					   tz_name(c.zone), "errors", (json_int_t)ne, "warnings", (json_int_t)nw,
					   "findings", arr));
		} else {
			for (size_t i = 0; i < f.n; i++) {
				const struct cal_finding *x = &f.v[i];
				const char *sev = x->severity == CAL_ERROR ? tr(k->lang, "error")
						  : x->severity == CAL_WARNING ? tr(k->lang, "warning") : tr(k->lang, "info");
				printf("%s%-12s%s %-9s %s\n", cli_color(k, sev_sgr(x->severity)), sev, cli_color(k, "0"),
				       x->rule, x->message);
			}
			printf(tr(k->lang, "calendar %s to %s: "), a, b);
			printf(trn(k->lang, "%zu error", "%zu errors", ne), ne);
			printf(", ");
			printf(trn(k->lang, "%zu warning", "%zu warnings", nw), nw);
			printf("\n");
		}
		rc = ne ? EXIT_FINDINGS : EXIT_OK;
	}
	cal_findings_release(&f);
	post_list_free(v, nv);
	postctx_close(&c);
	return rc;
}

static int calendar_ics(struct koers *k, int argc, char **argv)
{
	const char *out = NULL;
	bool all = false;
	const struct opt opts[] = {
		OPT_STRING('o', "output", &out, "FILE", N_("write to FILE (default: standard output)")),
		OPT_FLAG(0, "all", &all, N_("every post with a time, not only scheduled and published ones")),
		OPT_END(),
	};
	int n = cli_args(k, argc, argv, opts, 0, 0);
	if (n == CLI_DONE)
		return k->exit_code;
	struct postctx c;
	int rc = postctx_open(k, &c);
	struct post *v = NULL;
	size_t nv = 0;
	struct err e = { .lang = k->lang };
	if (!rc && post_list(k->db, k->ws_id, NULL, &v, &nv, &e) < 0)
		rc = cli_fail_err(k, &e);
	struct ics_event *ev = xcalloc(nv ? nv : 1, sizeof(*ev));
	char **strs = xcalloc(nv ? nv * 3 : 1, sizeof(*strs));
	const char **cats = xcalloc(nv ? nv * 8 : 1, sizeof(*cats));
	size_t ne = 0;
	for (size_t i = 0; !rc && i < nv; i++) {
		const struct post *p = &v[i];
		bool sched = !strcmp(p->status, "scheduled") || !strcmp(p->status, "published");
		if (!p->has_time || (!sched && !(all && cal_post_active(p))))
			continue;
		struct ics_event *x = &ev[ne];
		struct strbuf sum, desc;
		strbuf_init(&sum, STRBUF_NOCAP);
		strbuf_init(&desc, STRBUF_NOCAP);
		strbuf_addch(&sum, '[');
		for (size_t j = 0; j < p->nchannels; j++) {
			strbuf_addf(&sum, "%s%s", j ? ", " : "", p->channels[j].channel);
			strbuf_addf(&desc, "%s%s:\n%s", j ? "\n\n" : "", p->channels[j].channel, post_text(p, j));
		}
		char line[256];
		first_line(p, line, sizeof(line));
		strbuf_addf(&sum, "] %s", line);
		strs[3 * ne] = xasprintf("post-%lld.%s@koers", (long long)p->id, k->ws_name);
		strs[3 * ne + 1] = strbuf_detach(&sum, NULL);
		strs[3 * ne + 2] = strbuf_detach(&desc, NULL);
		size_t nc = 0;
		const char **cat = cats + 8 * ne;
		if (p->pillar)
			cat[nc++] = p->pillar;
		if (p->campaign)
			cat[nc++] = p->campaign;
		if (p->persona)
			cat[nc++] = p->persona;
		*x = (struct ics_event){ .uid = strs[3 * ne], .start = p->scheduled_at, .duration = 15 * 60,
					 .summary = strs[3 * ne + 1], .description = strs[3 * ne + 2],
					 .url = p->link, .categories = cat, .ncategories = nc,
					 .status = sched ? ICS_CONFIRMED : ICS_TENTATIVE };
		ne++;
	}
	if (!rc) {
		struct strbuf sb;
		strbuf_init(&sb, STRBUF_NOCAP);
		char *name = xasprintf("koers %s", k->ws_name);
		struct ics_calendar cal = { .prodid = "-//koers//koers " KOERS_VERSION "//EN", .name = name,
					    .zone = c.zone, .dtstamp = postctx_now() };
		if (ics_write(&sb, &cal, ev, ne, &e) < 0)
			rc = cli_fail_err(k, &e);
		else
			rc = cli_write_output(k, out, &sb);
		if (!rc && out)
			fprintf(stderr, trn(k->lang, "koers: %zu event written to %s\n", "koers: %zu events written to %s\n", ne),
				ne, out);
		free(name);
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < ne * 3; i++)
		free(strs[i]);
	free(strs);
	free(cats);
	free(ev);
	post_list_free(v, nv);
	postctx_close(&c);
	return rc;
}

static void print_slots(struct koers *k, const struct slot *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char hm[16];
		snprintf(hm, sizeof(hm), "%02d:%02d", (int)(v[i].secs / 3600 % 24), (int)(v[i].secs / 60 % 60));
		if (k->json)
			json_array_append_new(a, json_pack("{s:s, s:i, s:s}", "channel", v[i].channel, "weekday",
							   (json_int_t)v[i].weekday, "time", hm));
		else
			printf("%-14s %-4s %s\n", v[i].channel, tr(k->lang, weekday_names[v[i].weekday - 1]), hm);
	}
	if (k->json)
		cli_json(a);
	else
		json_decref(a);
}

/* calendar slots [--channel ID] | slots add|rm CHANNEL DAY HH:MM */
static int calendar_slots(struct koers *k, int argc, char **argv)
{
	const char *channel = NULL;
	const struct opt opts[] = {
		OPT_STRING(0, "channel", &channel, "ID", N_("only this channel's slots")),
		OPT_END(),
	};
	int n = cli_parse(k, argc, argv, opts);
	if (n == CLI_DONE)
		return k->exit_code;
	bool change = n >= 1 && (!strcmp(argv[0], "add") || !strcmp(argv[0], "rm"));
	if (!cli_nargs(k, n, change ? 4 : 0, change ? 4 : 0))
		return EXIT_USAGE;
	struct postctx c;
	int rc = postctx_open(k, &c);
	struct err e = { .lang = k->lang };
	if (!rc && change) {
		unsigned day = slots_weekday(argv[2]);
		int32_t secs = 0;
		unsigned col;
		if (!post_plan_channel(&c.plan, argv[1]))
			rc = cli_fail(k, EXIT_FINDINGS, tr(k->lang, "channel '%s' is not in the plan"), argv[1]);
		else if (!day)
			rc = cli_fail(k, EXIT_USAGE, tr(k->lang, "'%s' is not a weekday (mon ... sun)"), argv[2]);
		else if (iso_parse_clock(argv[3], &secs, &e, &col) < 0)
			rc = cli_fail_err(k, &e);
		else if ((!strcmp(argv[0], "add") ? slots_add : slots_remove)(k->db, k->ws_id, argv[1], day, secs, &e) < 0)
			rc = cli_fail_err(k, &e);
		channel = argv[1];
	}
	struct slot *v = NULL;
	size_t nv = 0;
	if (!rc && change && !k->json)
		printf(!strcmp(argv[0], "add") ? tr(k->lang, "channel %s now posts on %s at %s\n")
					       : tr(k->lang, "channel %s no longer posts on %s at %s\n"),
		       argv[1], argv[2], argv[3]);
	else if (!rc && slots_list(k->db, k->ws_id, channel, &v, &nv, &e) < 0)
		rc = cli_fail_err(k, &e);
	else if (!rc)
		print_slots(k, v, nv);
	slots_free(v, nv);
	postctx_close(&c);
	return rc;
}

static const struct cmd calendar_check_cmd = {
	"check", N_("hold the calendar against the plan: quiet channels, mix, personas, buffer, collisions"),
	"[--from DATE] [--to DATE] [--min-gap MINUTES]", calendar_check, NULL,
};
static const struct cmd calendar_ics_cmd = {
	"ics", N_("export scheduled posts as iCalendar"), "[-o FILE] [--all]", calendar_ics, NULL,
};
static const struct cmd calendar_slots_cmd = {
	"slots", N_("the weekly posting slots per channel, in local time"),
	"[--channel ID] | add CHANNEL DAY HH:MM | rm CHANNEL DAY HH:MM", calendar_slots, NULL,
};
static const struct cmd *const calendar_subs[] = { &calendar_check_cmd, &calendar_ics_cmd, &calendar_slots_cmd, NULL };

/* `koers calendar` shows the calendar; its subcommands check and export it. */
const struct cmd cmd_calendar = {
	"calendar", N_("the content calendar by day"), "[--week|--month] [--from DATE] [--channel ID]",
	calendar_view, calendar_subs,
};
