#!/usr/bin/env bash
# koers workspace: several organisations in one database.
. "$(dirname "$0")/lib.sh"

test_expect_success 'create and list workspaces' '
	koers workspace create fietsen --timezone Europe/Amsterdam &&
	koers workspace create airline --timezone Europe/London &&
	koers workspace list --json >out &&
	test "$(json_get "\" \".join(w[\"name\"] for w in j)" <out)" = "airline fietsen" &&
	test "$(json_get "j[0][\"timezone\"]" <out)" = "Europe/London"
'
test_expect_success 'names and time zones are validated' '
	test_exit 2 koers workspace create "bad name" 2>err && grep -q "not a valid workspace name" err &&
	test_exit 2 koers workspace create x --timezone Mars/Olympus 2>err && grep -q "time zone" err &&
	test_exit 1 koers workspace create fietsen 2>err && grep -q "already exists" err
'
test_expect_success 'with two workspaces and none current, commands ask which one' '
	test_exit 2 koers plan history 2>err && grep -q "workspace" err
'
test_expect_success 'use makes one current; --workspace and KOERS_WORKSPACE override it' '
	koers workspace use fietsen &&
	koers plan import "$TESTDATA/plan/complete.yaml" >out && grep -q "workspace fietsen" out &&
	koers --workspace airline plan history --json >h && test "$(json_get "len(j)" <h)" = 0 &&
	KOERS_WORKSPACE=airline koers plan history --json >h2 && test "$(json_get "len(j)" <h2)" = 0 &&
	koers plan history --json >h3 && test "$(json_get "len(j)" <h3)" = 1
'
test_expect_success 'rename keeps the plan and the current choice' '
	koers workspace rename fietsen bikes &&
	koers plan history --json >h && test "$(json_get "len(j)" <h)" = 1 &&
	koers workspace list | grep -q "^\* bikes"
'
test_expect_success 'delete removes the workspace and its plans' '
	koers workspace delete bikes &&
	test_exit 1 koers --workspace bikes plan history 2>err && grep -q "no workspace" err &&
	test "$(db_dump koers.db | grep -c "INSERT INTO \"plans\"")" = 0
'
test_expect_success 'an unknown workspace is reported' '
	test_exit 1 koers workspace delete nope 2>err && grep -q "no workspace named" err
'
