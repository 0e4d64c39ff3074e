#!/usr/bin/env bash
# koers post add|edit|show|list|move|delete against the example plan of the
# bicycle shops (Europe/Amsterdam): plan references checked with the valid
# ids listed, local times stored as UTC instants across the DST switch
# (computed by hand: CET is UTC+1, CEST UTC+2 from 2026-03-29 01:00Z).
. "$(dirname "$0")/lib.sh"

setup() {
	koers workspace create fietsen --timezone Europe/Amsterdam >/dev/null &&
	koers -w fietsen plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null
}

test_expect_success 'a post needs a plan in force' '
	koers workspace create leeg >/dev/null &&
	test_exit 1 koers -w leeg post add --as x -c ig --text hoi 2>err &&
	grep -q "has no plan" err
'

test_expect_success 'add a post and show it' '
	setup &&
	koers -w fietsen post add --as sanne -c ig -c fb --text "Winterbeurt!" --pillar werkplaats \
		--persona lotte --goal proefritten --campaign winterbeurt --at 2026-12-01T09:00 \
		--media "img/a.jpg|Monteur aan het werk" >out &&
	grep -q "^    1  2026-12-01 09:00  draft" out &&
	koers -w fietsen --json post show 1 >show.json &&
	test "$(json_get "j[\"scheduled_utc\"]" <show.json)" = 2026-12-01T08:00:00Z &&
	test "$(json_get "j[\"author\"]" <show.json)" = sanne &&
	test "$(json_get "\",\".join(c[\"channel\"] for c in j[\"channels\"])" <show.json)" = ig,fb &&
	test "$(json_get "j[\"media\"][0][\"alt\"]" <show.json)" = "Monteur aan het werk" &&
	test "$(json_get "j[\"history\"][0][\"to\"]" <show.json)" = draft
'

test_expect_success 'unknown plan ids are errors that list the valid ones; nothing is stored' '
	test_exit 1 koers -w fietsen post add --as sanne -c ig -c tiktok --text x --pillar grappen 2>err &&
	grep -q "unknown channel .tiktok. (valid: ig, fb, li, nieuwsbrief, website)" err &&
	grep -q "unknown pillar .grappen. (valid: werkplaats, ebike-advies, routes, mensen, acties)" err &&
	test_exit 1 koers -w fietsen post add --as nobody -c ig --text x 2>err &&
	grep -q "unknown team member .nobody. (valid: marloes, sanne, joost)" err &&
	koers -w fietsen --json post list >list.json &&
	test "$(json_get "len(j)" <list.json)" = 1
'

test_expect_success 'DST: 09:00 local on both sides of the March 2026 switch' '
	koers -w fietsen post add --as sanne -c fb --text voor --at 2026-03-28T09:00 >/dev/null &&
	koers -w fietsen post add --as sanne -c fb --text na --at 2026-03-30T09:00 >/dev/null &&
	koers -w fietsen post add --as sanne -c fb --text gat --at "2026-03-29 02:30" >/dev/null &&
	koers -w fietsen post add --as sanne -c fb --text offset --at 2026-03-30T09:00+02:00 >/dev/null &&
	koers -w fietsen --json post list --from 2026-03-28 --to 2026-03-30 >dst.json &&
	json_get "\"\\n\".join(\" \".join((p[\"text\"], p[\"scheduled_utc\"], p[\"scheduled\"])) for p in j)" <dst.json >got &&
	cat >want <<-\EOT &&
	voor 2026-03-28T08:00:00Z 2026-03-28T09:00:00+01:00
	gat 2026-03-29T01:30:00Z 2026-03-29T03:30:00+02:00
	na 2026-03-30T07:00:00Z 2026-03-30T09:00:00+02:00
	offset 2026-03-30T07:00:00Z 2026-03-30T09:00:00+02:00
	EOT
	test_cmp want got
'

test_expect_success 'DST: 09:00 local on both sides of the October 2026 switch' '
	koers -w fietsen --json post add --as sanne -c fb --text a --at 2026-10-24T09:00 >a.json &&
	koers -w fietsen --json post add --as sanne -c fb --text b --at 2026-10-26T09:00 >b.json &&
	test "$(json_get "j[\"scheduled_utc\"]" <a.json)" = 2026-10-24T07:00:00Z &&
	test "$(json_get "j[\"scheduled_utc\"]" <b.json)" = 2026-10-26T08:00:00Z
'

test_expect_success 'a bad time is a usage error with the reason' '
	test_exit 2 koers -w fietsen post add --as sanne -c fb --text x --at 2026-13-01T09:00 2>err &&
	grep -q "month" err
'

test_expect_success 'edit changes fields and variants; list filters by channel and status' '
	koers -w fietsen post edit 1 --as sanne --variant "fb=Facebooktekst" --title "Winterbeurt" >/dev/null &&
	koers -w fietsen --json post show 1 >show.json &&
	test "$(json_get "j[\"channels\"][1][\"text\"]" <show.json)" = Facebooktekst &&
	test "$(json_get "j[\"channels\"][0][\"text\"]" <show.json)" = "Winterbeurt!" &&
	test "$(json_get "j[\"title\"]" <show.json)" = Winterbeurt &&
	koers -w fietsen post list --channel ig >ig &&
	test "$(wc -l <ig)" = 1 &&
	test_exit 1 koers -w fietsen post edit 1 --as sanne --variant "li=x" 2>err &&
	grep -q "does not go to that channel" err
'

test_expect_success 'move records the old and new time in the history' '
	koers -w fietsen post move 1 2026-12-02T10:15 --as sanne >/dev/null &&
	koers -w fietsen --json post show 1 >show.json &&
	test "$(json_get "j[\"scheduled_utc\"]" <show.json)" = 2026-12-02T09:15:00Z &&
	json_get "j[\"history\"][-1][\"note\"]" <show.json >note &&
	grep -q "moved from 2026-12-01T09:00:00+01:00 to 2026-12-02T10:15:00+01:00" note
'

test_expect_success 'the channel char_limit overrides the platform default (Mastodon instance)' '
	koers workspace create air --timezone Europe/London >/dev/null &&
	sed "s/char_limit: 500/char_limit: 40/" "$EXAMPLES/airline-en.yaml" >air.yaml &&
	koers -w air plan import air.yaml >/dev/null &&
	koers -w air --json post add --as callum -c mastodon -c bluesky \
		--text "Forty-one characters exactly, give or ta" >m.json 2>err &&
	test "$(json_get "j[\"channels\"][0][\"limit\"]" <m.json)" = 40 &&
	test "$(json_get "j[\"channels\"][0][\"length\"]" <m.json)" = 40 &&
	test "$(json_get "j[\"channels\"][0][\"valid\"]" <m.json)" = True &&
	test "$(json_get "j[\"channels\"][1][\"limit\"]" <m.json)" = 300 &&
	id=$(json_get "j[\"id\"]" <m.json) &&
	koers -w air post edit $id --as callum --text "Forty-one characters exactly, give or tak" 2>err &&
	grep -q "41 characters, 1 more than the limit of 40" err &&
	test_exit 1 koers -w air post check --post $id >out &&
	grep -q "mastodon (mastodon): 41/40" out
'

test_expect_success 'delete removes a post; a missing id exits 1' '
	koers -w fietsen post delete 2 >out &&
	grep -q "deleted post 2" out &&
	test_exit 1 koers -w fietsen post show 2 2>err &&
	grep -q "no post 2" err &&
	test_exit 2 koers -w fietsen post show abc
'

echo "1..$test_count"
