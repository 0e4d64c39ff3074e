#!/usr/bin/env bash
# koers plan check: the method as rules.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a complete plan passes every rule' '
	koers plan import "$TESTDATA/plan/complete.yaml" &&
	koers plan check >out &&
	grep -q "Overall 100 %" out && ! grep -q "✗" out
'
test_expect_success 'a flawed plan: exit 1 and exactly one finding per flaw' '
	koers plan import "$TESTDATA/plan/flawed.yaml" &&
	test_exit 1 koers plan check --json >out &&
	json_get "\" \".join(sorted(r[\"id\"] + \":\" + str(len(r[\"findings\"])) for s in j[\"steps\"] for r in s[\"rules\"] if r[\"status\"] == \"fail\"))" <out >failed &&
	echo "goal.smart:1 mix.sum:1 persona.reached:1 team.capacity:1" >expected &&
	test_cmp expected failed &&
	test "$(json_get "j[\"errors\"]" <out)" = 4
'
test_expect_success 'the text output groups by step, marks rules and says why' '
	test_exit 1 koers plan check >out &&
	grep -q "^ 2  Objectives and goals" out &&
	grep -q "✗ Every goal is SMART" out &&
	grep -q "flawed.yaml:[0-9]*:5: goal .orders. has no deadline" out &&
	grep -q "the pillar shares add up to 90 %, not 100 %" out &&
	grep -q "but the team has 9.0" out &&
	grep -q "✓ Every channel has a cadence" out &&
	grep -q "^Overall [0-9]* % — 4 errors" out
'
test_expect_success 'check a file without importing it' '
	koers plan check "$TESTDATA/plan/complete.yaml" >out && grep -q "Overall 100 %" out &&
	test_exit 1 koers plan check "$TESTDATA/plan/flawed.yaml" >/dev/null
'
test_expect_success 'the check speaks Dutch with --lang nl' '
	test_exit 1 koers plan check --lang nl >out &&
	grep -q "Doelen" out && grep -q "Totaal" out
'
test_expect_success 'scores per step and overall in JSON' '
	test_exit 1 koers plan check --json >out &&
	test "$(json_get "len(j[\"steps\"])" <out)" = 14 &&
	test "$(json_get "j[\"steps\"][10][\"score\"]" <out)" = 100.0 &&
	json_get "0 < j[\"score\"] < 100" <out | grep -q True
'
test_expect_success 'a skeleton from plan init imports and shows everything missing' '
	koers plan init -o new.yaml 2>/dev/null &&
	koers plan import new.yaml &&
	test_exit 1 koers plan check --json >out &&
	json_get "j[\"errors\"] > 10" <out | grep -q True
'
test_expect_success 'plan init in Dutch explains in Dutch and refuses to overwrite' '
	koers plan init --lang nl -o nl.yaml 2>/dev/null &&
	grep -q "^language: nl" nl.yaml && grep -q "Stap 1" nl.yaml &&
	test_exit 2 koers plan init -o nl.yaml 2>err && grep -q -- "--force" err
'
