#!/usr/bin/env bash
# koers post check / post entities: the twitter-text conformance suite
# (weighted length and entity extraction), Bluesky facets and limits, and the
# rules of the other platforms.
. "$(dirname "$0")/lib.sh"

CONF=$SHARED/data/twitter-text/conformance
conformance() { python3 "$TOP/tests/cli/twitter-text-conformance.py" "$KOERS" "$CONF" "$@"; }

# Every case of these sections, one koers process per section.
test_expect_success 'twitter-text validate.yml: weighted length, config v2 and v3' '
	conformance validate WeightedTweetsCounterTest WeightedTweetsWithDiscountedEmojiCounterTest \
		UnicodeDirectionalMarkerCounterTest
'
test_expect_success 'twitter-text extract.yml: mentions, URLs, hashtags, cashtags with indices' '
	conformance extract mentions mentions_with_indices mentions_or_lists_with_indices urls \
		urls_with_indices urls_with_directional_markers tco_urls_with_params hashtags \
		hashtags_from_astral hashtags_with_indices cashtags cashtags_with_indices
'

# A value of koers' JSON output: jfield FILE JQ-FILTER (compact, strings raw).
jfield() { jq -c -r "$2" "$1"; }

BSKY='Één fiets 🚲 bij @koers.bsky.social — zie https://example.nl/winkel?x=1 #fietsen'

test_expect_success 'bluesky facets of the example have exact byte offsets' '
	printf "%s" "$BSKY" >in.txt &&
	test "$(wc -c <in.txt)" -eq 86 &&
	koers post check --platform bluesky --json <in.txt >out.json &&
	test "$(jfield out.json .bytes)" = 86 &&
	test "$(jfield out.json "[.facets[] | [.index.byteStart, .index.byteEnd, (.features[0][\"\$type\"] | split(\"#\")[1])]]")" = \
		"[[21,39,\"mention\"],[48,77,\"link\"],[78,86,\"tag\"]]" &&
	test "$(jfield out.json ".facets[0].features[0].did")" = koers.bsky.social &&
	test "$(jfield out.json ".facets[1].features[0].uri")" = "https://example.nl/winkel?x=1" &&
	test "$(jfield out.json ".facets[2].features[0].tag")" = fietsen &&
	python3 -c "import sys; b=open(\"in.txt\",\"rb\").read(); assert b[21:39]==b\"@koers.bsky.social\" and b[48:77]==b\"https://example.nl/winkel?x=1\" and b[78:86]==b\"#fietsen\""
'

test_expect_success 'bluesky: a link without protocol gets https://' '
	printf "zie example.nl/fiets" | koers post check --platform bluesky --json >out.json &&
	test "$(jfield out.json ".facets[0].features[0].uri")" = https://example.nl/fiets
'

test_expect_success 'bluesky: 300 graphemes fit, 301 do not' '
	python3 -c "print(\"é\" * 300, end=\"\")" >300.txt &&
	koers post check --platform bluesky --json <300.txt >out.json &&
	test "$(jfield out.json "[.graphemes, .bytes, .valid]")" = "[300,600,true]" &&
	python3 -c "print(\"e\u0301\" * 301, end=\"\")" >301.txt &&
	test_exit 1 koers post check --platform bluesky --json <301.txt >out.json &&
	test "$(jfield out.json "[.graphemes, .valid, .problems[0].code, .problems[0].offset]")" = "[301,false,\"too_long\",900]"
'

test_expect_success 'bluesky: 3000 bytes fit, 3001 do not, even under 300 graphemes' '
	python3 -c "print(\"👨‍👩‍👧‍👦\" * 120, end=\"\")" >fam.txt &&
	koers post check --platform bluesky --json <fam.txt >out.json &&
	test "$(jfield out.json "[.graphemes, .bytes, .valid]")" = "[120,3000,true]" &&
	{ cat fam.txt; printf x; } >fam1.txt &&
	test_exit 1 koers post check --platform bluesky --json <fam1.txt >out.json &&
	test "$(jfield out.json "[.graphemes, .bytes, [.problems[].code], .problems[0].offset]")" = "[121,3001,[\"too_many_bytes\"],3000]"
'

test_expect_success 'bluesky: a Devanagari conjunct KA VIRAMA SSA is one grapheme (UAX #29 GB9c)' '
	python3 -c "print(\"\u0915\u094d\u0937\" * 300, end=\"\")" >ksha.txt &&
	koers post check --platform bluesky --json <ksha.txt >out.json &&
	test "$(jfield out.json "[.graphemes, .bytes, .valid]")" = "[300,2700,true]" &&
	{ cat ksha.txt; printf "\340\244\225\340\245\215\340\244\267"; } >ksha1.txt &&
	test_exit 1 koers post check --platform bluesky --json <ksha1.txt >out.json &&
	test "$(jfield out.json "[.graphemes, .valid, .problems[0].code, .problems[0].offset]")" = "[301,false,\"too_long\",2700]"
'

test_expect_success 'x: text output names the position of the overflow and exits 1' '
	python3 -c "print(\"a\" * 285)" >long.txt &&
	test_exit 1 koers post check --platform x <long.txt >out.txt &&
	grep "^X: 285/280" out.txt &&
	grep "^1:281: error" out.txt
'

test_expect_success 'x: empty text and U+FFFE are not valid' '
	printf "" | test_exit 1 koers post check --platform x --json >out.json &&
	test "$(jfield out.json "[.valid, .problems[0].code]")" = "[false,\"empty\"]" &&
	printf "ab\357\277\276" | test_exit 1 koers post check --platform x --json >out.json &&
	test "$(jfield out.json "[.valid, .weighted_length, .problems[0].code, .problems[0].offset]")" = "[false,4,\"invalid_character\",2]"
'

test_expect_success 'mastodon: URLs count 23, @user@domain counts as @user, limit can be overridden' '
	printf "Zie https://example.org/een/heel/lang/pad/naar/een/pagina @anna@mastodon.social" >m.txt &&
	koers post check --platform mastodon --json <m.txt >out.json &&
	test "$(jfield out.json .length)" = $((4 + 23 + 1 + 5)) &&
	test "$(jfield out.json .limit)" = 500 &&
	test_exit 1 koers post check --platform mastodon --limit 30 --json <m.txt >out.json &&
	test "$(jfield out.json "[.limit, .valid]")" = "[30,false]"
'

test_expect_success 'instagram: 31 hashtags are too many, links warn but stay valid' '
	python3 -c "print(\" \".join(\"#t%d\" % i for i in range(31)), end=\"\")" >tags.txt &&
	test_exit 1 koers post check --platform instagram --json <tags.txt >out.json &&
	test "$(jfield out.json "[.hashtags, .problems[0].code, .problems[0].offset]")" = "[31,\"too_many_hashtags\",$((10 * 4 + 20 * 5))]" &&
	printf "kijk op https://example.nl" | koers post check --platform instagram --json >out.json &&
	test "$(jfield out.json "[.valid, .problems[0].code, .problems[0].severity]")" = "[true,\"link_not_clickable\",\"warning\"]"
'

test_expect_success 'threads, linkedin, facebook count characters against their limits' '
	python3 -c "print(\"ü\" * 500, end=\"\")" >500.txt &&
	koers post check --platform threads --json <500.txt >out.json &&
	test "$(jfield out.json "[.length, .limit, .valid]")" = "[500,500,true]" &&
	{ cat 500.txt; printf "!"; } | test_exit 1 koers post check --platform threads >/dev/null &&
	koers post check --platform linkedin --json <500.txt >out.json &&
	test "$(jfield out.json .limit)" = 3000 &&
	koers post check --platform facebook --json <500.txt >out.json &&
	test "$(jfield out.json .limit)" = 63206
'

test_expect_success 'post entities prints kind, text, UTF-16 and byte offsets' '
	printf "🚲 #fiets @anna" | koers post entities --json >out.json &&
	test "$(jfield out.json "[.[] | [.kind, .text, .start, .end, .byte_start, .byte_end]]")" = \
		"[[\"hashtag\",\"fiets\",3,9,5,11],[\"mention\",\"anna\",10,15,12,17]]"
'

test_expect_success 'bad input: invalid UTF-8 is located, unknown platform is a usage error' '
	printf "ok\nb\377d" | test_exit 1 koers post check --platform x 2>err.txt &&
	grep "2:2" err.txt &&
	printf "x" | test_exit 2 koers post check --platform myspace &&
	printf "x" | test_exit 2 koers post check
'

test_expect_success 'post check --help shows the options and reads nothing' '
	koers post check --help </dev/null >out.txt &&
	grep -- "--platform P" out.txt &&
	koers post entities --help </dev/null | grep -- "--only KIND"
'
