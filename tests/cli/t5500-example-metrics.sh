#!/usr/bin/env bash
# examples/metrics: made by scripts/gen-examples-metrics (deterministic), they
# import without a bad row and give the demo's goals every status.
. "$(dirname "$0")/lib.sh"

test_expect_success 'the generator makes exactly the committed files' '
	"$TOP/scripts/gen-examples-metrics" gen && diff -r gen "$EXAMPLES/metrics"
'
for ws in fietsen:fietsen-nl airline:airline-en; do
	name=${ws%%:*} plan=${ws#*:}
	test_expect_success "$name: every export imports cleanly; goals show every status" "
		rm -f koers.db* && koers workspace create $name >/dev/null && koers -w $name plan import \"\$EXAMPLES/$plan.yaml\" >/dev/null &&
		for f in \"\$EXAMPLES/metrics/$name\"/*.csv; do
			case \$f in */costs.csv) koers -w $name budget import \"\$f\" ;; *) koers -w $name metrics import \"\$f\" ;; esac >out 2>err || { cat err; exit 1; }
			grep -q ', 0 skipped' out
		done &&
		koers -w $name goals --json >g.json &&
		json_get \"sorted(set(g['status'] for g in j['goals']))\" <g.json >statuses &&
		grep -q \"'achieved', 'at_risk', 'no_data', 'off_track', 'on_track'\" statuses
	"
done
test_expect_success 'labels.csv adds pillars and personas without touching the figures' '
	rm -f koers.db* && koers workspace create f >/dev/null && koers -w f plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers -w f metrics import "$EXAMPLES/metrics/fietsen/instagram.csv" >/dev/null &&
	koers -w f kpi --period 2026-Q1 --json >before.json &&
	koers -w f metrics import "$EXAMPLES/metrics/fietsen/labels.csv" >/dev/null &&
	koers -w f kpi --period 2026-Q1 --by channel --json >after.json &&
	test "$(json_get "j[\"groups\"][0][\"kpis\"][\"impressions\"]" <before.json)" = 167000.0 &&
	test "$(json_get "j[\"groups\"][0][\"kpis\"]" <before.json)" = "$(json_get "[g for g in j[\"groups\"] if g[\"name\"] == \"ig\"][0][\"kpis\"]" <after.json)" &&
	koers -w f kpi --period 2026-Q1 --by pillar --json | json_get "len(j[\"groups\"])" | grep -q "^5$"
'
