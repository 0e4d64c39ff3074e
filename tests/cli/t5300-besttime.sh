#!/usr/bin/env bash
# koers besttime: engagement rate by local weekday and hour, shrunk towards
# the channel mean, with a minimum sample.
. "$(dirname "$0")/lib.sh"
# Rates: Tue 19h 10, 11, 12 %; Wed 8h 30 % (one lucky post); Thu 12h 2 % x4.
# Mean over the 8 posts with a time and impressions: 71 / 8 = 8.875 %.
# Smoothed with prior 5: Tue (33 + 5 x 8.875) / 8 = 9.671875; Wed (30 + 44.375) / 6 = 12.396; Thu 5.819.
setup() {
	rm -f koers.db* && koers workspace create t --timezone Europe/Amsterdam >/dev/null &&
	koers metrics import "$TESTDATA/besttime/posts.csv" >/dev/null
}
test_expect_success 'one lucky post does not decide: Tuesday 19:00 is suggested' '
	setup && koers besttime --json >b.json &&
	test "$(json_get "j[0][\"posts\"]" <b.json)" = 8 &&
	test "$(json_get "j[0][\"mean_rate\"]" <b.json)" = 8.875 &&
	test "$(json_get "[(s[\"weekday\"], s[\"hour\"], s[\"rate\"], s[\"posts\"]) for s in j[0][\"slots\"]]" <b.json)" = "[(2, 19, 9.671875, 3)]"
'
test_expect_success 'with --min 1 the lucky slot leads, shrunk to 12.4 %' '
	setup && koers besttime --min 1 --json >b.json &&
	json_get "(j[0][\"slots\"][0][\"weekday\"], j[0][\"slots\"][0][\"hour\"], round(j[0][\"slots\"][0][\"rate\"], 3))" <b.json | grep -q "^(3, 8, 12.396)$"
'
test_expect_success 'text output; a channel without data' '
	setup && koers besttime >b.txt && grep -q "^x: mean engagement rate 8.9 % over 8 posts$" b.txt &&
	grep -q "^  Tue 19:00  9.7 % (3 posts)$" b.txt &&
	koers besttime --channel nowhere >b.txt && grep -q "no posts" b.txt
'
