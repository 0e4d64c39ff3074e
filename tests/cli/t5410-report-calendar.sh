#!/usr/bin/env bash
# koers report: the content calendar of the period held against the plan,
# when the workspace has posts.
. "$(dirname "$0")/lib.sh"

test_expect_success 'no posts: no calendar section' '
	koers plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers --lang en report --period 2026-12 --format csv >r.csv &&
	! grep -q "^calendar," r.csv
'
test_expect_success 'the deliberate gap of the example shows in the December report' '
	koers post import "$EXAMPLES/posts-fietsen.csv" >/dev/null &&
	koers --lang en report --period 2026-12 --format csv | tr -d "\r" >r.csv &&
	grep "^calendar," r.csv >cal && cat cal &&
	grep -q "fb is quiet for 9 days (2026-12-12 to 2026-12-20)" cal &&
	koers --lang en report --period 2026-12 -o r.html && "$TOP/tests/cli/check-html5" r.html &&
	grep -q "The calendar against the plan" r.html
'
