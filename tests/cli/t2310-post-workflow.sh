#!/usr/bin/env bash
# koers post submit|approve|reject|schedule|cancel: the roles come from the
# plan's team (fietsen: marloes owner+editor, sanne webcare+editor, joost
# approver). Refused transitions exit 1 with the reason and change nothing;
# allowed ones are recorded in the history (who, when, from -> to, note).
# UTM tags are added at approval (docs/calendar.md).
. "$(dirname "$0")/lib.sh"
export KOERS_NOW=2026-11-23T10:00:00Z

koers workspace create fietsen --timezone Europe/Amsterdam >/dev/null
koers -w fietsen plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null
export KOERS_WORKSPACE=fietsen

history() { koers --json post show "$1" | json_get "\"\\n\".join(\"%s %s %s>%s %s\" % (h[\"at\"], h[\"actor\"], h[\"from\"], h[\"to\"], h[\"note\"]) for h in j[\"history\"])"; }

test_expect_success 'a draft by an editor' '
	koers post add --as sanne -c fb -c ig --campaign winterbeurt --at 2026-12-01T12:00 \
		--media "a.jpg|Fiets" --text "Plan je winterbeurt: https://fietsenvandijk.nl/winterbeurt?ref=fb#nu en https://example.org/x" \
		--link https://www.fietsenvandijk.nl/winter >/dev/null &&
	koers post show 1 | grep -q "draft"
'

test_expect_success 'approving a draft is refused: it must be submitted first' '
	db_dump koers.db >before &&
	test_exit 1 koers post approve 1 --as joost 2>err &&
	grep -q "post 1 is draft: .approve. needs a post that is submitted" err &&
	db_dump koers.db >after && test_cmp before after
'

test_expect_success 'someone not on the team is refused with the team listed' '
	test_exit 1 koers post submit 1 --as pietje 2>err &&
	grep -q "not on the plan.s team (team: marloes, sanne, joost)" err
'

test_expect_success 'without --as or KOERS_USER it is a usage error' '
	test_exit 2 koers post submit 1 2>err && grep -q -- "--as MEMBER" err
'

test_expect_success 'the editor submits; the history records it' '
	KOERS_USER=sanne koers post submit 1 --note "graag voor vrijdag" >out &&
	grep -q "post 1: draft → submitted (sanne)" out &&
	history 1 >h &&
	grep -q "^2026-11-23T11:00:00+01:00 sanne draft>submitted graag voor vrijdag$" h
'

test_expect_success 'an editor may not approve; refused and nothing recorded' '
	db_dump koers.db >before &&
	test_exit 1 koers post approve 1 --as sanne 2>err &&
	grep -q "sanne may not approve: that needs the role approver, owner" err &&
	db_dump koers.db >after && test_cmp before after
'

test_expect_success 'the author may not approve their own post, even as owner' '
	koers post add --as marloes -c fb --text "Eigen post" >/dev/null &&
	koers post submit 2 --as marloes >/dev/null &&
	test_exit 1 koers post approve 2 --as marloes 2>err &&
	grep -q "marloes wrote post 2 and may not approve it" err
'

test_expect_success 'the approver approves: recorded, and own-domain links get UTM tags per channel' '
	koers post approve 1 --as joost >out &&
	grep -q "submitted → approved (joost)" out &&
	koers --json post show 1 >p.json &&
	test "$(json_get "j[\"approver\"]" <p.json)" = joost &&
	json_get "j[\"channels\"][0][\"text\"]" <p.json >fb &&
	grep -q "^Plan je winterbeurt: https://fietsenvandijk.nl/winterbeurt?ref=fb&utm_source=facebook&utm_medium=social&utm_campaign=winterbeurt-2026&utm_content=1#nu en https://example.org/x$" fb &&
	json_get "j[\"channels\"][1][\"link\"]" <p.json >ig &&
	grep -q "^https://www.fietsenvandijk.nl/winter?utm_source=instagram&utm_medium=social&utm_campaign=winterbeurt-2026&utm_content=1$" ig &&
	history 1 | tail -n 1 | grep -q "joost submitted>approved None"
'

test_expect_success 'the owner may reject; the editor may schedule only approved posts' '
	koers post reject 2 --as joost --note "te kort" >/dev/null &&
	test_exit 1 koers post schedule 2 --as sanne 2>err &&
	grep -q "post 2 is rejected" err &&
	koers post schedule 1 --as sanne >out &&
	grep -q "approved → scheduled (sanne)" out
'

test_expect_success 'an approver may submit too; the whole history is recorded in order' '
	koers post submit 2 --as joost >/dev/null &&
	history 2 | cut -d" " -f2- >h &&
	cat >want <<-\EOT &&
	marloes None>draft created
	marloes draft>submitted None
	joost submitted>rejected te kort
	joost rejected>submitted None
	EOT
	test_cmp want h
'

test_expect_success 'schedule needs a time; cancel works from an open state, not twice' '
	koers post add --as sanne -c fb --text "Zonder tijd" >/dev/null &&
	koers post submit 3 --as sanne >/dev/null &&
	koers post approve 3 --as joost >/dev/null &&
	test_exit 1 koers post schedule 3 --as sanne 2>err &&
	grep -q "post 3 has no scheduled time" err &&
	koers post cancel 3 --as sanne >/dev/null &&
	test_exit 1 koers post cancel 3 --as sanne 2>err &&
	grep -q "post 3 is cancelled" err
'

test_expect_success 'editing an approved post makes it a draft again, recorded' '
	koers post add --as sanne -c fb --text "Versie 1" --at 2026-12-03T12:00 >/dev/null &&
	koers post submit 4 --as sanne >/dev/null && koers post approve 4 --as joost >/dev/null &&
	koers post edit 4 --as sanne --text "Versie 2" 2>err >/dev/null &&
	grep -q "is a draft again" err &&
	koers --json post show 4 >p.json &&
	test "$(json_get "j[\"status\"]" <p.json)" = draft &&
	test "$(json_get "j[\"approver\"]" <p.json)" = None &&
	history 4 | tail -n 1 | grep -q "sanne approved>draft edited"
'

test_expect_success 'approval refuses a text that does not fit its platform' '
	long=$(printf "a%.0s" $(seq 1 2300)) &&
	koers post add --as sanne -c ig --media "b.jpg|x" --text "$long" 2>/dev/null >/dev/null &&
	koers post submit 5 --as sanne >/dev/null &&
	test_exit 1 koers post approve 5 --as joost 2>err &&
	grep -q "post 5 does not fit its platforms: ig (instagram) 1:2201: 2300 characters, 100 more than the limit of 2200" err
'

echo "1..$test_count"
