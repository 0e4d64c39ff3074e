/*
 * Unit tests of src/plan/check.c. The fixture tests/data/plan/complete.yaml
 * passes every rule; each case below breaks one thing in it and names the
 * rules that must then fail, with how many findings each.
 */
#include "test.h"

#include <math.h>

#include "plan/check.h"
#include "plan/plan-yaml.h"

static struct plan load(void)
{
	size_t len;
	char *text = test_read("tests/data/plan/complete.yaml", &len);
	struct plan p;
	struct diags d = { 0 };
	assert_int_equal(plan_parse(text, len, "complete.yaml", &p, &d), 0);
	free(text);
	return p;
}

#define GOAL(p, i) (((struct plan_goal *)(p)->goals.v)[i])
#define PERSONA(p, i) (((struct plan_persona *)(p)->personas.v)[i])
#define CHANNEL(p, i) (((struct plan_channel *)(p)->channels.v)[i])
#define PILLAR(p, i) (((struct plan_pillar *)(p)->content.pillars.v)[i])
#define MEMBER(p, i) (((struct plan_member *)(p)->team.v)[i])
#define RISK(p, i) (((struct plan_risk *)(p)->risks.v)[i])
#define LEVEL(p, i) (((struct plan_crisis_level *)(p)->crisis.levels.v)[i])
#define STRATEGY(p, i) (((struct plan_strategy *)(p)->strategies.v)[i])

static void set_str(char **field, const char *value)
{
	free(*field);
	*field = value ? strdup(value) : NULL;
}

static void drop_strings(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

static void no_baseline(struct plan *p) { GOAL(p, 0).baseline = NAN; }
static void deadline_before_start(struct plan *p) { set_str(&GOAL(p, 1).deadline, "2025-06-01"); }
static void unknown_kpi(struct plan *p) { set_str(&GOAL(p, 1).kpi, "likes"); }
static void owner_not_in_team(struct plan *p) { set_str(&GOAL(p, 2).owner, "zoe"); }
static void wrong_direction(struct plan *p) { GOAL(p, 1).target = 1.5; }
static void implausible_growth(struct plan *p) { GOAL(p, 0).target = 400 * 20; }
static void no_actions(struct plan *p) { drop_strings(&GOAL(p, 0).actions); }
static void unreached_persona(struct plan *p) { drop_strings(&PERSONA(p, 0).channels); set_str(&CHANNEL(p, 0).personas.v[0], "neighbour"); }
static void channel_for_nobody(struct plan *p) { set_str(&CHANNEL(p, 1).personas.v[0], "ghost"); }
static void mix_ninety(struct plan *p) { PILLAR(p, 2).share = 5; }
static void too_promotional(struct plan *p) { PILLAR(p, 0).share = 30; PILLAR(p, 2).share = 35; }
static void understaffed(struct plan *p) { MEMBER(p, 0).hours_per_week = 2; }
static void no_cadence(struct plan *p) { CHANNEL(p, 1).cadence_per_week = NAN; }
static void video_on_instagram_ok_text_not(struct plan *p) { set_str(&CHANNEL(p, 0).content_types.v[0], "text"); }
static void no_approver(struct plan *p) { set_str(&MEMBER(p, 1).roles.v[0], "editor"); }
static void unscored_risk(struct plan *p) { RISK(p, 0).impact = NAN; }
static void crisis_without_owner(struct plan *p) { set_str(&LEVEL(p, 0).owner, NULL); }
static void no_holding_statement(struct plan *p) { set_str(&LEVEL(p, 0).holding_statement, NULL); }
static void duplicate_goal_id(struct plan *p) { set_str(&GOAL(p, 2).id, "engage"); }
static void listening_last(struct plan *p) { STRATEGY(p, 0).phase = 3; }
static void no_topics(struct plan *p)
{
	struct plan_topic *t = p->listening.topics.v;
	for (size_t i = 0; i < p->listening.topics.n; i++)
		free(t[i].id), free(t[i].kind), free(t[i].query);
	p->listening.topics.n = 0;
}
static void topics_not_needed(struct plan *p)
{
	/* Without listening or webcare strategies, missing topics are no error. */
	no_topics(p);
	set_str(&STRATEGY(p, 0).type, "traffic");
	set_str(&STRATEGY(p, 2).type, "community");
}
static void bad_query(struct plan *p)
{
	struct plan_topic *t = p->listening.topics.v;
	set_str(&t[1].query, "bakehouse AND (bread");
}
static void no_budget_owner(struct plan *p) { set_str(&p->budget.owner, NULL); }
static void no_evaluation(struct plan *p) { set_str(&p->evaluation.cadence, NULL); }

struct expect {
	const char *rule;
	size_t findings;
};

static const struct {
	const char *name;
	void (*mutate)(struct plan *p);
	struct expect fails[3];
} cases[] = {
	{ "no baseline", no_baseline, { { "goal.smart", 1 }, { "goal.direction", 0 } } },
	{ "deadline before start", deadline_before_start, { { "goal.smart", 1 } } },
	{ "unknown KPI", unknown_kpi, { { "goal.smart", 1 }, { "kpi.coverage", 1 } } },
	{ "owner not in team", owner_not_in_team, { { "goal.smart", 1 } } },
	{ "target worse than baseline", wrong_direction, { { "goal.direction", 1 } } },
	{ "implausible growth", implausible_growth, { { "goal.growth", 1 } } },
	{ "no actions", no_actions, { { "goal.smart", 1 } } },
	{ "persona not reached", unreached_persona, { { "persona.reached", 1 } } },
	{ "channel serves nobody", channel_for_nobody, { { "channel.personas", 2 }, { "persona.reached", 1 } } },
	{ "mix of 90 %", mix_ninety, { { "mix.sum", 1 } } },
	{ "too promotional", too_promotional, { { "mix.balance", 1 } } },
	{ "understaffed", understaffed, { { "team.capacity", 1 } } },
	{ "no cadence", no_cadence, { { "channel.cadence", 1 } } },
	{ "text on instagram", video_on_instagram_ok_text_not, { { "channel.content_types", 1 } } },
	{ "no approver", no_approver, { { "team.roles", 1 } } },
	{ "unscored risk", unscored_risk, { { "risk.scored", 1 } } },
	{ "crisis level without owner", crisis_without_owner, { { "crisis.levels", 1 } } },
	{ "no holding statement", no_holding_statement, { { "crisis.holding", 1 } } },
	{ "duplicate id", duplicate_goal_id, { { "plan.ids", 1 } } },
	{ "listening not first", listening_last, { { "strategy.order", 2 } } },
	{ "no listening topics", no_topics, { { "listening.topics", 1 } } },
	{ "topics not needed", topics_not_needed, { { "strategy.order", 1 } } },
	{ "a query that does not parse", bad_query, { { "listening.topics", 1 } } },
	{ "no budget owner", no_budget_owner, { { "budget.owner", 1 } } },
	{ "no evaluation cadence", no_evaluation, { { "evaluation.cadence", 1 } } },
};

static size_t rule_index(const char *id)
{
	for (size_t i = 0; check_rules[i].id; i++)
		if (!strcmp(check_rules[i].id, id))
			return i;
	fail_msg("no rule %s", id);
	return 0;
}

static void test_complete_plan_passes(void **state)
{
	struct plan p = load();
	struct check_result r;
	plan_check(&p, LANG_EN, &r);
	for (size_t i = 0; i < r.n; i++)
		print_error("%s: %s\n", r.findings[i].rule->id, r.findings[i].msg);
	assert_int_equal(r.n, 0);
	assert_true(check_score(&r, -1) == 100);
	check_result_release(&r);
	plan_free(&p);
}

static void test_each_flaw_is_found(void **state)
{
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct plan p = load();
		cases[c].mutate(&p);
		struct check_result r;
		plan_check(&p, LANG_EN, &r);
		size_t expected_total = 0;
		for (const struct expect *e = cases[c].fails; e < cases[c].fails + 3 && e->rule; e++) {
			size_t idx = rule_index(e->rule), n = 0;
			for (size_t i = 0; i < r.n; i++)
				n += r.findings[i].rule == &check_rules[idx];
			if (n != e->findings)
				fail_msg("%s: rule %s has %zu findings, expected %zu", cases[c].name, e->rule, n, e->findings);
			expected_total += n;
		}
		if (r.n != expected_total) {
			for (size_t i = 0; i < r.n; i++)
				print_error("  %s: %s\n", r.findings[i].rule->id, r.findings[i].msg);
			fail_msg("%s: %zu findings, expected %zu", cases[c].name, r.n, expected_total);
		}
		check_result_release(&r);
		plan_free(&p);
	}
}

static void test_findings_point_at_the_item(void **state)
{
	struct plan p = load();
	no_baseline(&p);
	struct check_result r;
	plan_check(&p, LANG_EN, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.findings[0].loc.line, 30);
	assert_string_equal(r.findings[0].msg, "goal 'followers' has no baseline");
	assert_int_equal(r.errors, 1);
	check_result_release(&r);
	plan_free(&p);
}

static void test_query_errors_say_where(void **state)
{
	struct plan p = load();
	bad_query(&p);
	struct check_result r;
	plan_check(&p, LANG_EN, &r);
	assert_int_equal(r.n, 1);
	assert_non_null(strstr(r.findings[0].msg, "listening topic 'rival': column"));
	assert_non_null(strstr(r.findings[0].msg, "')'"));
	check_result_release(&r);
	plan_free(&p);
}

static void test_scores(void **state)
{
	struct plan p = load();
	understaffed(&p);
	struct check_result r;
	plan_check(&p, LANG_EN, &r);
	/* Step 7 has three rules: cadence (3), capacity (3), buffer (2): 5 of 8 pass. */
	assert_float_equal(check_score(&r, 7), 100.0 * 5 / 8, 1e-9);
	assert_true(check_score(&r, 6) == 100);
	assert_true(check_score(&r, -1) < 100 && check_score(&r, -1) > 90);
	check_result_release(&r);
	plan_free(&p);

	/* An empty plan: not-applicable rules do not count, nothing passes by default. */
	struct plan empty;
	plan_init(&empty);
	plan_check(&empty, LANG_EN, &r);
	assert_true(check_score(&r, 12) == 0);
	assert_true(r.errors > 10);
	check_result_release(&r);
	plan_free(&empty);
}

static void test_rules_are_well_formed(void **state)
{
	for (size_t i = 0; check_rules[i].id; i++) {
		const struct check_rule *rule = &check_rules[i];
		assert_true(rule->step >= 0 && rule->step < CHECK_STEPS);
		assert_true(strlen(rule->title) > 5 && strlen(rule->why) > 10);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(check_rules[j].id, rule->id);
	}
	/* Every step of the method has at least one rule. */
	for (int step = 1; step < CHECK_STEPS; step++) {
		bool found = false;
		for (size_t i = 0; check_rules[i].id; i++)
			found |= check_rules[i].step == step;
		assert_true(found);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_plan_passes),
		cmocka_unit_test(test_each_flaw_is_found),
		cmocka_unit_test(test_findings_point_at_the_item),
		cmocka_unit_test(test_query_errors_say_where),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_rules_are_well_formed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
