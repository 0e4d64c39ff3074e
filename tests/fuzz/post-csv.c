/*
 * Fuzz target for the post CSV importer (src/content/csv.c and postcsv.c):
 * any bytes, read against a small plan, must end in posts or located
 * problems, never a crash; every problem names a row and the row is within
 * the records read; an accepted file's posts all have a channel.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/tz.h"
#include "content/post.h"
#include "content/postcsv.h"
#include "content/text.h"
#include "plan/plan-yaml.h"
#include "plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char plan_yaml[] =
	"koers: 1\n"
	"organisation:\n  name: Fuzz\n  domains: [example.nl]\n"
	"team:\n  - id: ann\n    roles: [editor]\n  - id: bob\n    roles: [approver]\n"
	"channels:\n  - id: ig\n    platform: instagram\n  - id: x\n    platform: x\n"
	"  - id: m\n    platform: mastodon\n    char_limit: 20\n"
	"content:\n  pillars:\n    - id: tips\n      share: 100\n"
	"personas:\n  - id: p\n    name: P\n"
	"campaigns:\n  - id: c\n    start: 2026-01-01\n    end: 2026-12-31\n    utm_campaign: c26\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	struct plan plan;
	struct diags pd = { 0 };
	if (plan_parse(plan_yaml, sizeof(plan_yaml) - 1, "fuzz.yaml", &plan, &pd) < 0)
		abort();
	diags_release(&pd);
	struct tz *zone = NULL;
	if (tz_parse_posix("Europe/Amsterdam", "CET-1CEST,M3.5.0,M10.5.0/3", &zone, NULL) < 0)
		abort();
	struct text_matcher *m = text_matcher_new();
	struct post *v;
	size_t n;
	unsigned *rows;
	struct diags d = { .max = 50 };
	int r = postcsv_read("fuzz.csv", (const char *)data, size, &plan, zone, m, &v, &n, &rows, &d);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line == 0 || !d.v[i].msg)
			abort();
	if (r == 0)
		for (size_t i = 0; i < n; i++)
			if (!v[i].nchannels)
				abort();
	diags_release(&d);
	free(rows);
	post_list_free(v, n);
	text_matcher_free(m);
	tz_free(zone);
	plan_free(&plan);
	return 0;
}
