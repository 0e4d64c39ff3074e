/* Unit tests of src/plan/plan-yaml.c: reading, located errors, writing, round trips. */
#include "test.h"

#include <math.h>

#include "plan/plan-yaml.h"

static struct plan parse_ok(const char *path)
{
	size_t len;
	char *text = test_read(path, &len);
	struct plan p;
	struct diags d = { 0 };
	int r = plan_parse(text, len, path, &p, &d);
	for (size_t i = 0; i < d.n; i++)
		print_error("%s:%u:%u: %s\n", d.v[i].file, d.v[i].line, d.v[i].column, d.v[i].msg);
	assert_int_equal(r, 0);
	assert_int_equal(d.n, 0);
	diags_release(&d);
	free(text);
	return p;
}

static void test_reads_the_model(void **state)
{
	struct plan p = parse_ok("tests/data/plan/complete.yaml");
	assert_string_equal(p.organisation.name, "Harbour Bakery");
	assert_int_equal(p.organisation.domains.n, 1);
	assert_int_equal(p.goals.n, 3);
	const struct plan_goal *g = p.goals.v;
	assert_string_equal(g[0].kpi, "followers");
	assert_true(g[0].baseline == 400 && g[0].target == 900);
	assert_string_equal(g[2].deadline, "2026-12-31");
	assert_int_equal(g[0].loc.line, 30);
	assert_int_equal(g[0].loc.column, 5);
	const struct plan_persona *pe = p.personas.v;
	assert_true(pe[1].age == 67);
	assert_true(isnan(p.checks.max_growth_per_month));
	const struct plan_crisis_level *l = p.crisis.levels.v;
	const struct plan_trigger *t = l[0].detect.v;
	assert_string_equal(t[0].metric, "negative");
	assert_true(t[0].factor == 3);
	plan_free(&p);
}

struct bad_case {
	const char *yaml;
	unsigned line, column;
	const char *says;
};

static const struct bad_case bad_cases[] = {
	{ "goals:\n  - id: a\n    baseline: lots\n", 3, 15, "must be a number" },
	{ "organisation:\n  nmae: x\n", 2, 3, "did you mean 'name'" },
	{ "objectives:\n  - type: fame\n", 2, 11, "not a valid type" },
	{ "period:\n  start: 2026-02-30\n", 2, 10, "YYYY-MM-DD" },
	{ "risks:\n  - likelihood: 7\n", 2, 17, "between 1 and 5" },
	{ "personas:\n  - age: 3.5\n", 2, 10, "whole number" },
	{ "goals: hello\n", 1, 8, "a list of items" },
	{ "goals:\n  - hello\n", 2, 5, "must be a mapping" },
	{ "koers: 1\nkoers: 1\n", 2, 1, "appears twice" },
	{ "goals: [\n", 2, 1, "YAML syntax" },
	{ "koers: 1\n---\nkoers: 1\n", 3, 1, "second one" },
	{ "- a\n", 1, 1, "must be a mapping" },
	{ "channels:\n  - content_types: [text, hologram]\n", 2, 27, "hologram" },
	{ "content:\n  minutes_per_post: {video: lots}\n", 2, 29, "must be a number" },
	{ "team:\n  - name: [a, b]\n", 2, 11, "must be text" },
	{ "", 1, 1, "empty" },
};

static void test_located_errors(void **state)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct plan p;
		struct diags d = { 0 };
		int r = plan_parse(c->yaml, strlen(c->yaml), "t.yaml", &p, &d);
		if (r != ERR_DATA || d.n != 1 || d.v[0].line != c->line || d.v[0].column != c->column ||
		    !strstr(d.v[0].msg, c->says))
			fail_msg("case %zu (%s): got %d problem(s), first %u:%u %s", i, c->yaml, (int)d.n,
				 d.n ? d.v[0].line : 0, d.n ? d.v[0].column : 0, d.n ? d.v[0].msg : "");
		assert_string_equal(d.v[0].file, "t.yaml");
		diags_release(&d);
		plan_free(&p);
	}
}

static void test_every_problem_reported_good_parts_kept(void **state)
{
	const char *yaml = "organisation:\n  name: Kept\n  colour: red\n"
			   "goals:\n  - id: g1\n    target: high\n  - id: g2\n    deadline: soon\n";
	struct plan p;
	struct diags d = { 0 };
	assert_int_equal(plan_parse(yaml, strlen(yaml), "t.yaml", &p, &d), ERR_DATA);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[1].line, 6);
	assert_int_equal(d.v[2].line, 8);
	assert_string_equal(p.organisation.name, "Kept");
	assert_int_equal(p.goals.n, 2);
	diags_release(&d);
	plan_free(&p);
}

static void test_translated_messages(void **state)
{
	const char *yaml = "goals:\n  - baseline: veel\n";
	struct plan p;
	struct diags d = { .lang = LANG_NL };
	assert_int_equal(plan_parse(yaml, strlen(yaml), "t.yaml", &p, &d), ERR_DATA);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "veel"));
	assert_null(strstr(d.v[0].msg, "must be")); /* said in Dutch */
	diags_release(&d);
	plan_free(&p);
}

static void test_conveniences(void **state)
{
	const char *yaml = "organisation:\n  domains: a.example\n"
			   "goals:\n  - id:\n    kpi: ~\n  - id: real\n"
			   "content:\n  pillars:\n    - {share: 40%}\n";
	struct plan p;
	struct diags d = { 0 };
	plan_parse(yaml, strlen(yaml), "t.yaml", &p, &d);
	/* One value for a list is a list of one; an empty item (as plan init writes) is no item. */
	assert_int_equal(p.organisation.domains.n, 1);
	assert_int_equal(p.goals.n, 1);
	assert_string_equal(((const struct plan_goal *)p.goals.v)[0].id, "real");
	/* "40%" is not a number: the reader says so rather than guess. */
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "40%"));
	diags_release(&d);
	plan_free(&p);
}

static void round_trip(const char *path)
{
	struct plan p = parse_ok(path);
	struct strbuf once, twice;
	strbuf_init(&once, STRBUF_NOCAP);
	strbuf_init(&twice, STRBUF_NOCAP);
	struct err e = { 0 };
	assert_int_equal(plan_emit_yaml(&p, &once, &e), 0);
	struct plan again;
	struct diags d = { 0 };
	assert_int_equal(plan_parse(once.buf, once.len, "export.yaml", &again, &d), 0);
	assert_true(plan_equal(&p, &again));
	assert_int_equal(plan_emit_yaml(&again, &twice, &e), 0);
	assert_string_equal(once.buf, twice.buf);
	strbuf_release(&once);
	strbuf_release(&twice);
	plan_free(&p);
	plan_free(&again);
}

static void test_round_trip_fixture(void **state) { round_trip("tests/data/plan/complete.yaml"); }
static void test_round_trip_dutch_example(void **state) { round_trip("examples/fietsen-nl.yaml"); }
static void test_round_trip_english_example(void **state) { round_trip("examples/airline-en.yaml"); }

static void test_awkward_strings_survive(void **state)
{
	const char *values[] = {
		"true", "no", "~", "null", "42", "4.2e3", "2026-01-01", "12:30", " leading", "trailing ",
		"multi\nline\n", "tab\there", "quote \" and ' both", "#hash", "- dash", ": colon", "[bracket",
		"émoji 🚲 and ñ", "a\x7f" "b", "line\r\nbreak",
	};
	struct plan p;
	plan_init(&p);
	p.research.complaints.n = sizeof(values) / sizeof(values[0]);
	p.research.complaints.v = calloc(p.research.complaints.n, sizeof(char *));
	for (size_t i = 0; i < p.research.complaints.n; i++)
		p.research.complaints.v[i] = strdup(values[i]);
	p.tone_of_voice = strdup("First paragraph.\n\nSecond, with  two spaces.\n");
	p.format = 1;
	p.checks.max_growth_per_month = 0.1 + 0.2;
	struct strbuf out;
	strbuf_init(&out, STRBUF_NOCAP);
	struct err e = { 0 };
	assert_int_equal(plan_emit_yaml(&p, &out, &e), 0);
	struct plan again;
	struct diags d = { 0 };
	int r = plan_parse(out.buf, out.len, "x.yaml", &again, &d);
	if (r)
		fail_msg("%s\n%s", d.v[0].msg, out.buf);
	assert_true(plan_equal(&p, &again));
	diags_release(&d);
	strbuf_release(&out);
	plan_free(&p);
	plan_free(&again);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_the_model),
		cmocka_unit_test(test_located_errors),
		cmocka_unit_test(test_every_problem_reported_good_parts_kept),
		cmocka_unit_test(test_translated_messages),
		cmocka_unit_test(test_conveniences),
		cmocka_unit_test(test_round_trip_fixture),
		cmocka_unit_test(test_round_trip_dutch_example),
		cmocka_unit_test(test_round_trip_english_example),
		cmocka_unit_test(test_awkward_strings_survive),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
