#!/usr/bin/env bash
# koers post import|export: the documented CSV (docs/calendar.md), all or
# nothing with every bad row reported as file:row:column, the database
# unchanged after a failed import, and export/import round trips.
. "$(dirname "$0")/lib.sh"
export KOERS_NOW=2026-11-23T10:00:00Z

koers workspace create fietsen --timezone Europe/Amsterdam >/dev/null
koers -w fietsen plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null
export KOERS_WORKSPACE=fietsen

test_expect_success 'every bad row is reported with its row and column, nothing imported' '
	cp "$TESTDATA/posts/bad.csv" . &&
	db_dump koers.db >before &&
	test_exit 1 koers post import bad.csv 2>err &&
	grep -v "^koers:" err >located &&
	test_cmp "$TESTDATA/posts/bad.expect" located &&
	grep -q "^koers: bad.csv: nothing imported (7 problems)" err &&
	db_dump koers.db >after &&
	test_cmp before after
'

test_expect_success 'one problem is one, in Dutch too, whatever the gender of its noun' '
	printf "text,channels\nhoi,zz\n" >one.csv &&
	test_exit 1 koers post import one.csv 2>err &&
	grep -q "^koers: one.csv: nothing imported (1 problem)$" err &&
	test_exit 1 koers --lang nl post import one.csv 2>err &&
	grep -q "^one.csv:2:2: kanaal .zz. is onbekend (geldig: ig, fb, li, nieuwsbrief, website)$" err &&
	grep -q "^koers: one.csv: niets geïmporteerd (1 probleem)$" err
'

test_expect_success 'an unknown column and a missing channels column are header errors' '
	printf "text,kanaal\nhoi,ig\n" >h.csv &&
	test_exit 1 koers post import h.csv 2>err &&
	grep -q "^h.csv:1:2: unknown column .kanaal." err &&
	grep -q "^h.csv:1:0: the header has no .channels. column" err
'

test_expect_success 'a missing file is an I/O error' '
	test_exit 3 koers post import nope.csv
'

test_expect_success 'the example month imports: drafts, approved, scheduled, a campaign' '
	koers --json post import "$EXAMPLES/posts-fietsen.csv" >imp.json &&
	test "$(json_get "j[\"imported\"]" <imp.json)" = 27 &&
	koers --json post list >all.json &&
	json_get "\" \".join(sorted(set(p[\"status\"] for p in j)))" <all.json >statuses &&
	test "$(cat statuses)" = "approved draft scheduled submitted" &&
	test "$(json_get "sum(1 for p in j if p[\"campaign\"] == \"winterbeurt\")" <all.json)" -ge 3 &&
	test "$(json_get "len(j[\"history\"])" <<<"$(koers --json post show 1)")" = 1 &&
	koers post show 1 | grep -q "imported from .*posts-fietsen.csv:2"
'

test_expect_success 'times in the CSV are local: 12:00 on 30 November is 11:00Z' '
	koers --json post show 1 >p1.json &&
	test "$(json_get "j[\"scheduled_utc\"]" <p1.json)" = 2026-11-30T11:00:00Z
'

test_expect_success 'imported approved posts get their UTM tags' '
	koers --json post show 1 >p1.json &&
	json_get "j[\"channels\"][0][\"link\"]" <p1.json | grep -q "utm_source=facebook&utm_medium=social&utm_campaign=winterbeurt-2026&utm_content=1$"
'

test_expect_success 'export to CSV and import again gives the same posts' '
	koers post export -o out.csv &&
	head -n 1 out.csv | tr -d "\r" >header &&
	test "$(cat header)" = "id,scheduled,channels,title,text,link,pillar,persona,goal,campaign,status,author,approver,media" &&
	koers workspace create kopie --timezone Europe/Amsterdam >/dev/null &&
	koers -w kopie plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers -w kopie post import out.csv >/dev/null &&
	koers --json post export --format json >a.json &&
	koers -w kopie --json post export --format json >b.json &&
	strip="[{k: v for k, v in p.items() if k != \"id\"} for p in j]" &&
	json_get "$strip" <a.json >a.txt &&
	json_get "$strip" <b.json | sed "s/utm_content=[0-9]*/utm_content=N/g" >b.txt &&
	sed "s/utm_content=[0-9]*/utm_content=N/g" a.txt >a2.txt &&
	test_cmp a2.txt b.txt
'

test_expect_success 'export --from/--to and --status filter; JSON is an array of posts' '
	koers --json post export --from 2026-12-01 --to 2026-12-01 >d.json &&
	test "$(json_get "len(j)" <d.json)" = 2 &&
	koers post export --status draft --format json >dr.json &&
	test "$(json_get "set(p[\"status\"] for p in j) == {\"draft\"}" <dr.json)" = True &&
	test_exit 2 koers post export --format xml
'

test_expect_success 'quoted fields keep commas, quotes and line breaks' '
	printf "channels,text,media\r\nfb,\"Een, twee \"\"drie\"\"\r\nvier\",\"a.jpg | Alt, met komma\r\nb.jpg\"\r\n" >q.csv &&
	koers --json post import q.csv >q.json &&
	id=$(json_get "j[\"ids\"][0]" <q.json) &&
	koers --json post show $id >p.json &&
	test "$(json_get "j[\"text\"].replace(chr(13), \"CR\").replace(chr(10), \"LF\")" <p.json)" = "Een, twee \"drie\"CRLFvier" &&
	test "$(json_get "j[\"media\"][0][\"alt\"]" <p.json)" = "Alt, met komma" &&
	test "$(json_get "j[\"media\"][1][\"alt\"]" <p.json)" = None
'

echo "1..$test_count"
