#!/usr/bin/env bash
# koers kpi: KPI definitions against hand-computed values on small fixtures,
# periods in the workspace's zone, empty periods without division by zero.
. "$(dirname "$0")/lib.sh"
M=$TESTDATA/metrics
kpi() { koers kpi --json "$@" >k.json; }
val() { json_get "j['groups'][$1]['kpis']['$2']" <k.json; }

setup() {
	rm -f koers.db* && koers plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers metrics import "$M/koers-posts.csv" "$M/koers-account.csv" "$M/koers-web.csv" "$M/costs.csv" \
		"$M/instagram.csv" >/dev/null
}

test_expect_success 'January on Instagram: sums and rates by hand' '
	setup && kpi --period 2026-01 &&
	# posts ig-1 (31 Jan 23:30 local), 1801, 1802: impressions 1000 + 6200 + 4100
	test "$(val 0 impressions)" = 11300.0 &&
	# engagements 50 + (310+25+12+40) + (190+14+9+55)
	test "$(val 0 engagements)" = 705.0 &&
	test "$(val 0 posts_published)" = 3.0 &&
	json_get "abs(j[\"groups\"][0][\"kpis\"][\"engagement_rate\"] - 705/11300*100) < 1e-9" <k.json | grep -q True &&
	# clicks only ig-1 (5) against its 1000 impressions: 0.5 %
	test "$(val 0 ctr)" = 0.5 &&
	# followers 3150 at 1 Jan, 3300 at 31 Jan: growth (3300-3150)/3150
	test "$(val 0 followers)" = 3300.0 &&
	json_get "abs(j[\"groups\"][0][\"kpis\"][\"follower_growth\"] - 150/3150*100) < 1e-9" <k.json | grep -q True
'

test_expect_success 'a post at 23:30 local on the last day of a month belongs to that month' '
	setup &&
	kpi --period 2026-02 && test "$(val 0 posts_published)" = 1.0 && test "$(val 0 impressions)" = 2000.0 &&
	test "$(val 0 engagement_rate)" = 3.0 &&
	rm -f koers.db* && koers workspace create ny --timezone America/New_York >/dev/null &&
	printf "channel,remote_id,published_at,impressions,engagements\nx,late,2026-01-31T23:30:00,100,7\n" >ny.csv &&
	koers metrics import ny.csv >/dev/null &&
	kpi --period 2026-01 && test "$(val 0 posts_published)" = 1.0 &&
	kpi --period 2026-02 && test "$(val 0 posts_published)" = None
'

test_expect_success 'an empty period: no data, no division by zero' '
	setup && kpi --period 2026-03 &&
	for id in impressions engagement_rate ctr conversions conversion_rate roi cpc posts_published; do
		test "$(val 0 $id)" = None || { echo "$id"; exit 1; }
	done &&
	koers kpi --period 2026-03 >k.txt && grep -q "^Engagement rate *no data$" k.txt &&
	koers --lang nl kpi --period 2026-03 >k.txt && grep -q "geen gegevens" k.txt
'

test_expect_success 'website and money: conversions, conversion rate, ROI by channel' '
	setup && kpi --period 2026-01 --by channel &&
	json_get "[g[\"name\"] for g in j[\"groups\"]]" <k.json | grep -q "'\''fb'\'', '\''ig'\''" &&
	# fb: 90 sessions, 3 key events, revenue 150.50, cost 250: ROI (150.5-250)/250
	test "$(val 0 conversions)" = 3.0 &&
	json_get "round(j[\"groups\"][0][\"kpis\"][\"roi\"], 6)" <k.json | grep -q "^-39.8$" &&
	json_get "round(j[\"groups\"][0][\"kpis\"][\"cost_per_conversion\"], 6)" <k.json | grep -q "^83.333333$" &&
	# ig: 120 sessions, 6 key events, no revenue, no cost
	test "$(val 1 conversions)" = 6.0 && test "$(val 1 conversion_rate)" = 5.0 && test "$(val 1 roi)" = None
'

test_expect_success 'by pillar and persona; ISO week and custom ranges' '
	setup && kpi --period 2026-Q1 --by pillar &&
	json_get "{g[\"name\"]: g[\"kpis\"][\"impressions\"] for g in j[\"groups\"]}" <k.json |
		grep -q "{'\''routes'\'': 2000.0, '\''werkplaats'\'': 1000.0}" &&
	kpi --period 2026-Q1 --by persona && test "$(val 0 conversions)" = None &&
	# 2026-W05 runs from Monday 26 January to Sunday 1 February
	kpi --period 2026-W05 && test "$(val 0 posts_published)" = 2.0 &&
	kpi --period 2026-01-31..2026-02-01 && test "$(val 0 posts_published)" = 2.0 &&
	test "$(json_get "j[\"period\"]" <k.json)" = 2026-01-31..2026-02-01
'

test_expect_success 'bad arguments are usage errors' '
	setup && test_exit 2 koers kpi --by colour && test_exit 2 koers kpi --period 2026-13 &&
	test_exit 2 koers kpi --period 2026-02-10..2026-02-01
'
test_expect_success 'website sources: koers UTM tags (channel ids) and platform names' '
	setup && printf "date,source,medium,campaign,sessions,key_events,revenue\n2026-03-02,nieuwsbrief,social,,10,2,\n2026-03-02,l.instagram.com,social,,20,1,\n2026-03-02,google,organic,,50,9,\n" >w.csv &&
	koers metrics import w.csv >/dev/null && kpi --period 2026-03 --by channel &&
	json_get "{g[\"name\"]: g[\"kpis\"][\"conversions\"] for g in j[\"groups\"]}" <k.json | grep -q "'\''ig'\'': 1.0, '\''nieuwsbrief'\'': 2.0" &&
	kpi --period 2026-03 && test "$(val 0 conversions)" = 3.0
'
test_expect_success 'posts koers published without metrics count as published, not in rates' '
	setup && /usr/bin/python3 -c "
import sqlite3; c = sqlite3.connect(\"koers.db\")
c.execute(\"INSERT INTO posts(id, workspace_id, body, pillar, status) VALUES (1, 1, '\''x'\'', '\''routes'\'', '\''published'\'')\")
c.execute(\"INSERT INTO post_channels(post_id, channel, published_at) VALUES (1, '\''ig'\'', 1772000000)\")
c.commit()" &&
	# 1772000000 is 2026-02-25T06:13:20Z
	kpi --period 2026-02 && test "$(val 0 posts_published)" = 2.0 && test "$(val 0 engagement_rate)" = 3.0 &&
	kpi --period 2026-02 --by pillar && json_get "{g[\"name\"]: g[\"kpis\"][\"posts_published\"] for g in j[\"groups\"]}" <k.json | grep -q "'\''routes'\'': 2.0"
'
