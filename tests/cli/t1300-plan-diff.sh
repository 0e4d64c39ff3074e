#!/usr/bin/env bash
# koers plan diff: what changed between plan versions.
. "$(dirname "$0")/lib.sh"

test_expect_success 'one version: nothing to compare with' '
	koers plan import "$TESTDATA/plan/complete.yaml" >/dev/null &&
	test_exit 1 koers plan diff 2>err && grep -q "only one plan version" err
'
test_expect_success 'the flawed plan against the complete one: exactly its four flaws' '
	koers plan import "$TESTDATA/plan/flawed.yaml" >/dev/null &&
	koers plan diff >out &&
	cat >expected <<-\EOT &&
	- goals[orders].deadline: 2026-12-31
	- personas[office].channels: [insta]
	~ channels[insta].personas: [office] → [neighbour]
	~ channels[insta].cadence_per_week: 5 → 14
	~ content.pillars[offers].share: 15 → 5
	EOT
	test_cmp expected out
'
test_expect_success 'versions by number, in either direction, as JSON' '
	koers plan diff 2 1 --json >out &&
	test "$(json_get "len(j)" <out)" = 5 &&
	test "$(json_get "j[0][\"change\"]" <out)" = added &&
	koers plan diff 2 2 | grep -q "no differences"
'
test_expect_success 'reordering items with ids is no change' '
	/usr/bin/python3 -c "
import yaml
p = yaml.safe_load(open(\"$TESTDATA/plan/flawed.yaml\"))
p[\"goals\"].reverse(); p[\"channels\"].reverse()
yaml.safe_dump(p, open(\"reordered.yaml\", \"w\"), allow_unicode=True)
" &&
	koers plan diff reordered.yaml | grep -q "no differences"
'
test_expect_success 'an unknown version is reported' '
	test_exit 1 koers plan diff 9 2>err && grep -q "no plan version 9" err
'
