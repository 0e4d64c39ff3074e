#!/usr/bin/env bash
# koers calendar slots: weekly posting slots in local time, and scheduling a
# post without a time into its channel's next free slot.
. "$(dirname "$0")/lib.sh"
export KOERS_USER=joost KOERS_NOW=2026-12-01T10:00:00+01:00

test_expect_success 'add, list and remove slots' '
	koers plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null &&
	koers calendar slots add fb tue 19:30 >out && grep -q "fb" out &&
	koers calendar slots add fb Thu 19:30 >/dev/null &&
	koers calendar slots add fb tue 19:30 >/dev/null &&
	koers calendar slots --json >slots &&
	test "$(json_get "len(j)" <slots)" = 2 &&
	test "$(json_get "[s[\"weekday\"] for s in j]" <slots)" = "[2, 4]" &&
	koers calendar slots rm fb thu 19:30 >/dev/null &&
	test "$(koers calendar slots --json | json_get "len(j)")" = 1
'
test_expect_success 'bad slots are refused with the reason' '
	test_exit 1 koers calendar slots add tiktok mon 09:00 2>err && grep -q "not in the plan" err &&
	test_exit 2 koers calendar slots add fb funday 09:00 2>err && grep -q "not a weekday" err &&
	test_exit 1 koers calendar slots add fb mon 25:00 2>err &&
	test_exit 1 koers calendar slots rm fb sat 08:00 2>err && grep -q "no slot" err
'
test_expect_success 'schedule without a time takes the next free slot, in local time' '
	koers post add --channel fb --text "Eerste" --as marloes >/dev/null &&
	koers post add --channel fb --text "Tweede" --as marloes >/dev/null &&
	for id in 1 2; do
		koers post submit $id --as marloes >/dev/null && koers post approve $id >/dev/null &&
		koers post schedule $id >/dev/null || exit 1
	done &&
	test "$(koers post show 1 --json | json_get "j[\"scheduled\"]")" = "2026-12-01T19:30:00+01:00" &&
	test "$(koers post show 2 --json | json_get "j[\"scheduled\"]")" = "2026-12-08T19:30:00+01:00"
'
test_expect_success 'without slots a post needs a time' '
	koers post add --channel li --text "Derde" --as marloes >/dev/null &&
	koers post submit 3 --as marloes >/dev/null && koers post approve 3 >/dev/null &&
	test_exit 1 koers post schedule 3 2>err && grep -q "has no scheduled time" err
'
