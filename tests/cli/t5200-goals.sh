#!/usr/bin/env bash
# koers goals: one fixture goal per status, each with its reason.
. "$(dirname "$0")/lib.sh"
G=$TESTDATA/goals
# Weekly follower counts, 1 Jan to 31 Mar 2026 (w = weeks since 1 Jan):
#   a: 1000 + 10w   b: 1000 + 15w   c: 1000 or 1001   d: 1000 + 10w + noise (±16)
setup() {
	rm -f koers.db* && koers plan import "$G/plan.yaml" >/dev/null && koers metrics import "$G/followers.csv" >/dev/null &&
	koers goals --json >g.json
}
goal() { json_get "[g for g in j['goals'] if g['id'] == '$1'][0]['$2']" <g.json; }

test_expect_success 'achieved: 1130 against a target of 1100, 130 % of the way' '
	setup && test "$(goal reached status)" = achieved && test "$(goal reached current)" = 1130.0 &&
	test "$(goal reached progress)" = 130.0 &&
	test "$(goal reached reason)" = "Reached: 1,130 against a target of 1,100."
'
test_expect_success 'on track: +15 a week gives about 1390 by 30 June, over the target 1300' '
	setup && test "$(goal steady status)" = on_track &&
	json_get "1300 < [g for g in j[\"goals\"] if g[\"id\"] == \"steady\"][0][\"forecast_low\"]" <g.json | grep -q True &&
	goal steady reason | grep -q "^The forecast for 2026-06-30 is 1,4[0-9][0-9] (.* to .*), which reaches the target 1,300.$" &&
	test "$(goal steady fit)" = log-linear
'
test_expect_success 'at risk: the forecast misses 1290 but the interval holds it' '
	setup && test "$(goal close status)" = at_risk &&
	json_get "[(g[\"forecast\"] < 1290 < g[\"forecast_high\"]) for g in j[\"goals\"] if g[\"id\"] == \"close\"][0]" <g.json | grep -q True &&
	# needed: (1290 - 1130) over the 13 weeks from 31 Mar to 30 Jun = 12.3 a week
	goal close reason | grep -q "^It needs 12.3 a week, the recent pace is .*falls short of 1,290.$"
'
test_expect_success 'off track: flat at 1000 cannot reach 2000; a passed deadline is off track' '
	setup && test "$(goal flat status)" = off_track &&
	goal flat reason | grep -q "^It needs 76.8 a week, the recent pace is 0: the forecast 1,001 for 2026-06-30 misses the target 2,000.$" &&
	test "$(goal late status)" = off_track &&
	test "$(goal late reason)" = "The deadline 2026-03-01 has passed at 1,001, short of the target 1,200."
'
test_expect_success 'no data, --as-of, text output' '
	setup && koers goals --as-of 2026-01-10 --json >g.json && test "$(goal reached status)" = on_track &&
	koers goals --as-of 2025-06-01 --json >g.json && test "$(goal reached status)" = no_data &&
	koers goals >g.txt && grep -q "^reached (Followers): achieved$" g.txt &&
	test_exit 2 koers goals --as-of yesterday
'
