#!/usr/bin/env bash
# koers metrics import / budget import: every profile's fixture, idempotence,
# located errors for bad rows with the good rows kept.
. "$(dirname "$0")/lib.sh"
M=$TESTDATA/metrics
q() { /usr/bin/python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\n".join("|".join("" if v is None else str(v) for v in r) for r in c.execute(sys.argv[2]))); c.commit()' koers.db "$1"; }

for profile in x facebook instagram linkedin linkedin-followers mastodon ga4 koers-posts koers-account koers-web costs; do
	test_expect_success "$profile: chosen from the header; importing twice = once" "
		rm -f koers.db* && koers workspace create t --timezone Europe/Amsterdam >/dev/null &&
		koers metrics import \"\$M/$profile.csv\" >out &&
		grep -q \": $profile: 2 rows imported\\|: $profile: 3 rows imported\" out &&
		db_dump koers.db >once &&
		koers metrics import \"\$M/$profile.csv\" >/dev/null &&
		db_dump koers.db >twice && test_cmp once twice
	"
done

test_expect_success 'values as the exports say: sums, local times, UTM rows' '
	rm -f koers.db* && koers workspace create t --timezone Europe/Amsterdam >/dev/null &&
	koers metrics import "$M/instagram.csv" "$M/facebook.csv" "$M/linkedin.csv" "$M/ga4.csv" "$M/x.csv" >/dev/null &&
	# Instagram has no engagements column: likes + comments + shares + saves = 310 + 25 + 12 + 40
	test "$(q "SELECT engagements FROM post_metrics WHERE remote_id = '\''1801'\''")" = 387.0 &&
	# Meta times are local: 31 Jan 23:30 in Amsterdam is 22:30Z = 1769898600
	test "$(q "SELECT published_at FROM post_metrics WHERE remote_id = '\''123_457'\''")" = 1769898600 &&
	# X times carry their offset: 2026-01-31 22:30 +0000
	test "$(q "SELECT published_at FROM post_metrics WHERE remote_id = '\''1877002'\''")" = 1769898600 &&
	# LinkedIn gives only a date: local midnight, no time of day
	test "$(q "SELECT published_at, has_time FROM post_metrics WHERE channel = '\''linkedin'\'' ORDER BY 1 LIMIT 1")" = "1767826800|0" &&
	# GA4: source / medium split, (not set) campaign empty, comment lines skipped
	test "$(q "SELECT source, medium, campaign, sessions, key_events FROM web_metrics ORDER BY sessions LIMIT 1")" = "facebook|social||90.0|3.0"
'

test_expect_success 'plan channels: rows go to the plan channel of the platform, or --channel' '
	rm -f koers.db* && koers plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers metrics import "$M/instagram.csv" >/dev/null &&
	test "$(q "SELECT DISTINCT channel FROM post_metrics")" = ig &&
	koers metrics import --channel fb2 "$M/facebook.csv" >/dev/null &&
	test "$(q "SELECT count(*) FROM post_metrics WHERE channel = '\''fb2'\''")" = 2
'

test_expect_success 'posts are matched to koers posts by remote id or permalink' '
	rm -f koers.db* && koers workspace create t >/dev/null &&
	q "INSERT INTO posts(id, workspace_id, body, pillar) VALUES (7, 1, '\''x'\'', '\''werkplaats'\''), (8, 1, '\''y'\'', '\''routes'\'')" &&
	q "INSERT INTO post_channels(post_id, channel, remote_id) VALUES (7, '\''instagram'\'', '\''1801'\'')" &&
	q "INSERT INTO post_channels(post_id, channel, remote_url) VALUES (8, '\''instagram'\'', '\''https://www.instagram.com/p/AAA2/'\'')" &&
	koers metrics import "$M/instagram.csv" >out && grep -q "2 matched" out &&
	test "$(q "SELECT remote_id, post_id FROM post_metrics ORDER BY 1")" = "1801|7
1802|8"
'

test_expect_success 'a file with bad rows: each reported by line and column, the good rows kept' '
	rm -f koers.db* && koers workspace create t >/dev/null &&
	test_exit 1 koers budget import "$M/bad-rows.csv" >out 2>err &&
	grep -q "bad-rows.csv:3:3: amount .twelve.: not a number" err &&
	grep -q "bad-rows.csv:4:1: date .2026-02-30.: not a date" err &&
	grep -q "bad-rows.csv:5:2: category .snacks.: not a budget category" err &&
	grep -q "bad-rows.csv:6:3: text after the closing quote" err &&
	test "$(wc -l <err)" = 4 &&
	grep -q "2 rows imported, 4 skipped" out &&
	test "$(q "SELECT note, amount FROM costs ORDER BY day")" = "good one|250.0
good two|45.0"
'

test_expect_success 'budget import reads cost sheets only; unknown headers are refused' '
	rm -f koers.db* && koers workspace create t >/dev/null &&
	test_exit 1 koers budget import "$M/x.csv" 2>err && grep -q "fits no metrics profile" err &&
	printf "a,b\n1,2\n" >odd.csv && test_exit 1 koers metrics import odd.csv 2>err &&
	grep -q "odd.csv:1: the header fits no metrics profile" err &&
	test_exit 2 koers metrics import --profile nope odd.csv
'
