#!/usr/bin/env bash
# Website rows carry utm_content, which koers sets to the post id of each tagged
# link: conversions then count for that post's pillar and persona.
. "$(dirname "$0")/lib.sh"
export KOERS_USER=anna

test_expect_success 'conversions by pillar and persona come from rows naming a post' '
	koers plan import "$TESTDATA/plan/complete.yaml" >/dev/null &&
	koers post add --channel fb --text "Brood" --pillar craft --persona neighbour --at 2026-01-05T09:00 >/dev/null &&
	cat >web.csv <<-\EOT &&
	date,source,medium,campaign,content,sessions,key_events,revenue
	2026-01-05,fb,social,,1,40,4,80
	2026-01-05,fb,social,,,60,2,30
	EOT
	koers metrics import web.csv >/dev/null &&
	koers kpi --by pillar --period 2026-01 --json >p &&
	test "$(json_get "\" \".join(\"%s:%s:%s\" % (g[\"name\"], g[\"kpis\"][\"conversions\"], g[\"kpis\"][\"conversion_rate\"]) for g in j[\"groups\"])" <p)" = "craft:4.0:10.0" &&
	koers kpi --by persona --period 2026-01 --json >q &&
	test "$(json_get "\" \".join(g[\"name\"] for g in j[\"groups\"])" <q)" = neighbour &&
	koers kpi --by channel --period 2026-01 --json >c &&
	test "$(json_get "[g[\"kpis\"][\"conversions\"] for g in j[\"groups\"] if g[\"name\"] == \"fb\"]" <c)" = "[6.0]"
'
test_expect_success 'GA4 exports name it "Session manual ad content"; re-importing changes nothing' '
	cat >ga4.csv <<-\EOT &&
	Date,Session source / medium,Session campaign,Session manual ad content,Sessions,Key events,Total revenue
	20260106,fb / social,(not set),1,10,1,20
	EOT
	koers metrics import ga4.csv >/dev/null && db_dump koers.db >once &&
	koers metrics import ga4.csv >/dev/null && db_dump koers.db >twice && test_cmp once twice &&
	koers kpi --by pillar --period 2026-01 --json >p &&
	test "$(json_get "[g[\"kpis\"][\"conversions\"] for g in j[\"groups\"]]" <p)" = "[5.0]"
'
