/*
 * Unit tests of src/content/post.c and workflow.c: store round trip, plan
 * references with the list of valid ids, UTM tags per channel, and the
 * status table (refused for the wrong role or the author, recorded for the
 * right one).
 */
#include "test.h"

#include <unistd.h>

#include "content/post.h"
#include "content/text.h"
#include "content/workflow.h"
#include "db/db.h"
#include "plan/plan-yaml.h"
#include "plan/plan.h"
#include "workspace/workspace.h"

static const char plan_yaml[] =
	"koers: 1\n"
	"organisation:\n  name: T\n  domains: [example.nl]\n"
	"team:\n  - id: ed\n    roles: [editor]\n  - id: ap\n    roles: [approver]\n"
	"  - id: own\n    roles: [owner, editor]\n  - id: view\n    roles: [viewer]\n"
	"channels:\n  - id: li\n    platform: linkedin\n  - id: m\n    platform: mastodon\n    char_limit: 10\n"
	"content:\n  pillars:\n    - id: tips\n      share: 100\n"
	"campaigns:\n  - id: c\n    utm_campaign: spring26\n";

struct fixture {
	char path[64];
	struct db *db;
	struct ws ws;
	struct plan plan;
	struct text_matcher *m;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->path, sizeof(f->path), "/tmp/koers-post-XXXXXX");
	int fd = mkstemp(f->path);
	close(fd);
	struct err e = { 0 };
	if (db_open(&f->db, f->path, &e) < 0 || ws_create(f->db, "t", "UTC", &f->ws, &e) < 0)
		fail_msg("%s", e.msg);
	struct diags d = { 0 };
	assert_int_equal(plan_parse(plan_yaml, sizeof(plan_yaml) - 1, "t.yaml", &f->plan, &d), 0);
	diags_release(&d);
	f->m = text_matcher_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	text_matcher_free(f->m);
	plan_free(&f->plan);
	ws_release(&f->ws);
	db_close(f->db);
	unlink(f->path);
	free(f);
	return 0;
}

static struct post new_post(void)
{
	struct post p;
	post_init(&p);
	post_set(&p.body, "Read https://www.example.nl/a?x=1#top and https://other.org/b");
	post_set(&p.link, "https://example.nl/landing");
	post_set(&p.author, "ed");
	post_set(&p.campaign, "c");
	post_add_channel(&p, "li", NULL);
	post_add_channel(&p, "m", "short");
	post_add_media(&p, "img.jpg", "A bicycle");
	p.has_time = true;
	p.scheduled_at = 1774767600;
	return p;
}

static void test_roundtrip(void **state)
{
	struct fixture *f = *state;
	struct post p = new_post(), q;
	struct err e = { 0 };
	assert_int_equal(post_save(f->db, f->ws.id, &p, &e), 0);
	assert_true(p.id > 0);
	assert_int_equal(post_load(f->db, f->ws.id, p.id, &q, &e), 0);
	assert_string_equal(q.body, p.body);
	assert_string_equal(q.status, "draft");
	assert_int_equal(q.nchannels, 2);
	assert_string_equal(q.channels[1].channel, "m");
	assert_string_equal(post_text(&q, 1), "short");
	assert_string_equal(post_text(&q, 0), p.body);
	assert_int_equal(q.nmedia, 1);
	assert_string_equal(q.media[0].alt, "A bicycle");
	assert_int_equal(q.scheduled_at, 1774767600);
	struct post none;
	assert_int_equal(post_load(f->db, f->ws.id + 1, p.id, &none, &e), ERR_NOTFOUND);
	post_release(&q);
	post_release(&p);
}

static void test_refs(void **state)
{
	struct fixture *f = *state;
	struct post p = new_post();
	post_set(&p.pillar, "nope");
	post_add_channel(&p, "tiktok", NULL);
	struct post_problems pp = { 0 };
	post_check_refs(&p, &f->plan, NULL, &pp);
	assert_int_equal(post_problems_errors(&pp), 2);
	assert_string_equal(pp.v[0].field, "channels");
	assert_string_equal(pp.v[0].message, "unknown channel 'tiktok' (valid: li, m)");
	assert_string_equal(pp.v[1].message, "unknown pillar 'nope' (valid: tips)");
	post_problems_release(&pp);
	/* the channel's char_limit (10) overrides Mastodon's 500: "short" fits, the body would not */
	struct post_measure mm[3];
	struct err e = { 0 };
	post_check_text(&p, &f->plan, f->m, true, &pp, mm, &e);
	assert_true(mm[1].valid);
	assert_int_equal(mm[1].limit, 10);
	assert_int_equal(mm[1].length, 5);
	assert_false(mm[2].known); /* tiktok is not a channel of the plan */
	post_problems_release(&pp);
	post_set(&p.channels[1].body, NULL);
	post_check_text(&p, &f->plan, f->m, true, &pp, mm, &e);
	assert_false(mm[1].valid);
	assert_int_equal(post_problems_errors(&pp), 1);
	post_problems_release(&pp);
	post_release(&p);
}

static void test_utm(void **state)
{
	struct fixture *f = *state;
	struct post p = new_post();
	p.id = 42;
	struct err e = { 0 };
	assert_int_equal(post_tag_utm(&p, &f->plan, &e), 0);
	/* own domain (a subdomain counts) tagged with the fragment kept; other.org untouched */
	assert_string_equal(p.channels[0].body,
			    "Read https://www.example.nl/a?x=1&utm_source=linkedin&utm_medium=social&utm_campaign=spring26"
			    "&utm_content=42#top and https://other.org/b");
	assert_string_equal(p.channels[0].link, "https://example.nl/landing?utm_source=linkedin&utm_medium=social"
						"&utm_campaign=spring26&utm_content=42");
	assert_string_equal(p.channels[1].body, "short");
	assert_string_equal(p.channels[1].link, "https://example.nl/landing?utm_source=mastodon&utm_medium=social"
						"&utm_campaign=spring26&utm_content=42");
	/* tagging twice changes nothing */
	char *before = strdup(p.channels[0].body);
	assert_int_equal(post_tag_utm(&p, &f->plan, &e), 0);
	assert_string_equal(p.channels[0].body, before);
	free(before);
	post_release(&p);
}

static int64_t history_count(struct db *db, int64_t id)
{
	struct post_event *ev;
	size_t n;
	struct err e = { 0 };
	assert_int_equal(post_history(db, id, &ev, &n, &e), 0);
	post_history_free(ev, n);
	return (int64_t)n;
}

static void test_workflow(void **state)
{
	struct fixture *f = *state;
	struct post p = new_post();
	struct err e = { 0 };
	assert_int_equal(post_save(f->db, f->ws.id, &p, &e), 0);
	/* a viewer may not submit; approving a draft is not a transition */
	assert_int_equal(wf_apply(f->db, f->ws.id, &f->plan, f->m, &p, "submit", "view", NULL, 100, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "view may not submit"));
	assert_int_equal(wf_apply(f->db, f->ws.id, &f->plan, f->m, &p, "approve", "ap", NULL, 100, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "is draft"));
	assert_int_equal(wf_apply(f->db, f->ws.id, &f->plan, f->m, &p, "submit", "nobody", NULL, 100, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "team: ed, ap, own, view"));
	assert_int_equal(history_count(f->db, p.id), 0);
	assert_int_equal(wf_apply(f->db, f->ws.id, &f->plan, f->m, &p, "submit", "ed", NULL, 100, &e), 0);
	/* an editor may not approve; the author may not approve their own post */
	assert_int_equal(wf_apply(f->db, f->ws.id, &f->plan, f->m, &p, "approve", "own", NULL, 101, &e), 0);
	assert_string_equal(p.status, "approved");
	assert_string_equal(p.approver, "own");
	post_set(&p.status, "submitted");
	post_set(&p.author, "ap");
	assert_int_equal(wf_apply(f->db, f->ws.id, &f->plan, f->m, &p, "approve", "ap", NULL, 102, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "may not approve it"));
	post_set(&p.author, "ed");
	assert_int_equal(wf_apply(f->db, f->ws.id, &f->plan, f->m, &p, "approve", "ed", NULL, 102, &e), ERR_DATA);
	assert_non_null(strstr(e.msg, "approver, owner"));
	assert_int_equal(history_count(f->db, p.id), 2);
	struct post_event *ev;
	size_t n;
	assert_int_equal(post_history(f->db, p.id, &ev, &n, &e), 0);
	assert_string_equal(ev[1].actor, "own");
	assert_string_equal(ev[1].from, "submitted");
	assert_string_equal(ev[1].to, "approved");
	assert_int_equal(ev[1].at, 101);
	post_history_free(ev, n);
	post_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_workflow, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
