#!/usr/bin/env bash
# koers report: HTML5 with well-formed SVG charts, Markdown, CSV and an XLSX
# that a real reader (openpyxl) finds equal to the CSV.
. "$(dirname "$0")/lib.sh"
M=$TESTDATA/metrics
setup() {
	rm -f koers.db* && koers plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers metrics import "$M/koers-posts.csv" "$M/koers-account.csv" "$M/koers-web.csv" "$M/instagram.csv" \
		"$M/facebook.csv" >/dev/null && koers budget import "$M/costs.csv" >/dev/null
}
svgs() { /usr/bin/python3 -c '
import re, sys
for i, s in enumerate(re.findall(r"<svg.*?</svg>", open(sys.argv[1]).read(), re.S)):
    open("%s.%d.svg" % (sys.argv[1], i), "w").write(s)
print(i + 1)' "$1"; }

test_expect_success 'HTML: valid HTML5, every chart well-formed SVG' '
	setup && koers report --period 2026-Q1 -o r.html && "$TOP/tests/cli/check-html5" r.html &&
	test "$(svgs r.html)" -ge 5 && xmllint --noout r.html.*.svg &&
	grep -q "<html lang=\"nl\">" r.html && grep -q "Evaluatierapport 2026-Q1" r.html &&
	koers --lang en report --period 2026-Q1 -o en.html && "$TOP/tests/cli/check-html5" en.html &&
	grep -q "Evaluation report 2026-Q1" en.html
'
test_expect_success 'XLSX read back by openpyxl has the same numbers as the CSV' '
	setup && koers report --period 2026-Q1 -o r.csv && koers report --period 2026-Q1 -o r.xlsx &&
	/usr/bin/python3 "$TOP/tests/cli/xlsx-vs-csv.py" r.xlsx r.csv >out && cat out &&
	grep -q "cells agree" out
'
test_expect_success 'CSV numbers are the KPI engine numbers' '
	setup && koers report --period 2026-01 --format csv | tr -d "\r" >r.csv &&
	# January impressions: 1000 (ig-1) + 6200 + 4100 (Instagram) + 5400 + 3000 (Facebook)
	grep -q "^kpis,[0-9]*,Hele periode,19700$" r.csv || grep -q "^kpis,[0-9]*,Whole period,19700$" r.csv
'
test_expect_success 'Markdown: headings and tables, no SVG' '
	setup && koers --lang en report --period 2026-Q1 --format md >r.md &&
	grep -q "^## Goals" r.md && grep -q "^| ig-volgers" r.md && ! grep -q "<svg" r.md
'
test_expect_success 'recommendations from the rules' '
	setup && koers --lang en report --period 2026-Q1 -o r.csv &&
	grep "^recommendations," r.csv >recs && cat recs &&
	grep -q "Channel ig missed its cadence" recs &&
	grep -q "Goal fb-bereik (Reach) is at risk: it needs 2,550 more each month, and there is no trend yet." recs
'
test_expect_success 'an empty workspace still reports, with no data' '
	rm -f koers.db* && koers workspace create empty >/dev/null &&
	koers report --period 2026-03 -o e.html && "$TOP/tests/cli/check-html5" e.html && grep -q "no data" e.html &&
	test_exit 2 koers report --format pdf && test_exit 2 koers report --format xlsx
'
test_expect_success 'a custom range: weekly trend columns, title with both dates' '
	setup && koers --lang en report --period 2026-01-15..2026-02-14 --format md >r.md &&
	grep -q "^# Evaluation report 2026-01-15..2026-02-14" r.md &&
	grep -q "| KPI | 2026-01-15..2026-01-18 | 2026-W04 |" r.md
'
test_expect_success 'formula-like post text stays text in CSV and XLSX' '
	rm -f koers.db* && koers workspace create t >/dev/null &&
	printf "channel,remote_id,published_at,text,impressions,engagements\nx,a,2026-01-05T10:00:00,\"=HYPERLINK(\"\"http://evil\"\")\",100,9\n" >p.csv &&
	koers metrics import p.csv >/dev/null && koers report --period 2026-01 -o r.csv && koers report --period 2026-01 -o r.xlsx &&
	grep -q "^top_posts,1,Post,\"'"'"'=HYPERLINK" r.csv &&
	/usr/bin/python3 "$TOP/tests/cli/xlsx-vs-csv.py" r.xlsx r.csv
'
