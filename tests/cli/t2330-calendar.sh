#!/usr/bin/env bash
# koers calendar (week and month views) and koers calendar check on the
# example month of the bicycle shops. The expected findings were worked out
# from examples/posts-fietsen.csv by hand: Facebook (3 a week, days mon, wed,
# fri: at most 3 quiet days) has no post from Sat 12 to Sun 20 December
# (9 days >= 2 x 3: an error); persona youssef is in no post; the website
# (buffer 21 days, 0.5 a week: 14 days per post) has one ready post on
# 3 December: 3 + 14 = 17 days ahead; the Instagram checklist draft has
# 2387 characters (limit 2200).
. "$(dirname "$0")/lib.sh"

koers workspace create fietsen --timezone Europe/Amsterdam >/dev/null
koers -w fietsen plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null
koers -w fietsen post import "$EXAMPLES/posts-fietsen.csv" >/dev/null
export KOERS_WORKSPACE=fietsen

test_expect_success 'week view: grouped by local day, Monday first' '
	koers calendar --from 2026-12-02 >week &&
	head -n 1 week | grep -q "^2026-11-30 – 2026-12-06 (Europe/Amsterdam)" &&
	grep -c "^Mon\|^Tue\|^Wed\|^Thu\|^Fri\|^Sat\|^Sun" week >n && test "$(cat n)" = 7 &&
	sed -n "/^Tue 2026-12-01/,/^Wed/p" week >tue &&
	grep -q "08:30  #2    scheduled  li" tue &&
	grep -q "19:30  #3    scheduled  ig .*Wintercheck in 30 seconden" tue &&
	! grep -q "\[" week
'

test_expect_success 'month view and --channel; JSON has every day' '
	koers --json calendar --month --from 2026-12-15 --channel fb >m.json &&
	test "$(json_get "len(j[\"days\"])" <m.json)" = 31 &&
	test "$(json_get "j[\"from\"]" <m.json)" = 2026-12-01 &&
	json_get "[d[\"date\"] for d in j[\"days\"] if d[\"posts\"]]" <m.json >days &&
	grep -q "2026-12-11" days && ! grep -q "2026-12-1[4-9]" days
'

test_expect_success 'status colours only on a terminal (NO_COLOR here)' '
	koers calendar --from 2026-12-02 >plain &&
	! grep -q "$(printf "\033")" plain
'

test_expect_success 'calendar check on the example month exits 1 with the findings worked out by hand' '
	test_exit 1 koers calendar check --from 2026-11-30 --to 2026-12-27 >out &&
	grep -q "^error .*quiet .*fb is quiet for 9 days (2026-12-12 to 2026-12-20)" out &&
	grep -q "^warning .*personas .*persona youssef" out &&
	grep -q "^warning .*buffer .*website has 17 days of approved or scheduled content ahead; the target is 21" out &&
	grep -q "^warning .*fit .*2387 characters, 187 more than the limit of 2200" out &&
	tail -n 1 out | grep -q "^calendar 2026-11-30 to 2026-12-27: 1 error, 4 warnings$" &&
	test_exit 1 koers --lang nl calendar check --from 2026-11-30 --to 2026-12-27 >nl &&
	tail -n 1 nl | grep -q "^kalender 2026-11-30 tot 2026-12-27: 1 fout, 4 waarschuwingen$"
'

test_expect_success 'calendar check --json: rules, severities, channels, dates' '
	test_exit 1 koers --json calendar check --from 2026-11-30 --to 2026-12-27 >c.json &&
	test "$(json_get "j[\"errors\"]" <c.json)" = 1 &&
	json_get "[(f[\"rule\"], f[\"severity\"], f[\"channel\"], f[\"date\"]) for f in j[\"findings\"] if f[\"rule\"] == \"quiet\"]" <c.json >q &&
	grep -q "(.quiet., .error., .fb., .2026-12-12.)" q
'

test_expect_success 'filling the gap clears the error: exit 0' '
	for d in 14 16 18; do
		koers post add --as sanne -c fb --text "Extra $d" --pillar mensen --persona youssef --at 2026-12-${d}T12:00 >/dev/null 2>&1 || return 1
	done &&
	koers calendar check --from 2026-11-30 --to 2026-12-27 >out &&
	! grep -q "^error" out && ! grep -q "youssef" out
'

test_expect_success 'collisions: two posts on one channel within --min-gap' '
	koers post add --as sanne -c fb --text "Te dichtbij" --at 2026-12-14T12:45 >/dev/null 2>&1 &&
	# (every buffer is empty from the 14th on: exit 1 in all three runs)
	test_exit 1 koers calendar check --from 2026-12-14 --to 2026-12-14 >out &&
	grep -q "^warning .*collision .*fb: posts .* are 45 minutes apart" out &&
	test_exit 1 koers calendar check --from 2026-12-14 --to 2026-12-14 --min-gap 30 >out2 &&
	! grep -q collision out2 &&
	koers post add --as sanne -c fb --text "Zelfde minuut" --at 2026-12-14T12:45 >/dev/null 2>&1 &&
	test_exit 1 koers calendar check --from 2026-12-14 --to 2026-12-14 >out3 &&
	grep -q "^error .*collision .*0 minutes apart" out3
'

test_expect_success 'buffer: nothing ready ahead is an error' '
	test_exit 1 koers calendar check --from 2027-01-04 --to 2027-01-10 >out &&
	grep -q "^error .*buffer .*ig has no approved or scheduled content" out
'

test_expect_success 'bad options are usage errors' '
	test_exit 2 koers calendar check --from 2026-12-10 --to 2026-12-01 &&
	test_exit 2 koers calendar check --min-gap zero &&
	test_exit 2 koers calendar --week --month
'

test_expect_success 'Dutch output' '
	test_exit 1 koers --lang nl calendar check --from 2027-01-04 --to 2027-01-10 >nl &&
	grep -q "^fout " nl
'

echo "1..$test_count"
