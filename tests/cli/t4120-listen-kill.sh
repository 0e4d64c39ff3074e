#!/usr/bin/env bash
# A killed ingest (SIGKILL in the middle of a transaction) loses nothing it
# reported as stored, and running it again gives exactly the tables of an
# uninterrupted run. KOERS_TEST_KILL_AFTER=N makes the engine kill itself
# after inserting N mentions, inside the transaction of the batch in flight,
# so the test does not depend on timing.
. "$TOP/tests/cli/lib.sh"

[ -x "$SHARED/bench/gen-mentions" ] || { echo "1..0 # skip: no $SHARED/bench"; exit 0; }

sql() { /usr/bin/python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(str(x) for x in r))' "$KOERS_DB" "$1"; }
state() {
	sql "SELECT count(*) FROM mentions" &&
	sql "SELECT count(*) FROM mention_matches" &&
	sql "SELECT first_at, last_at FROM listen_span" &&
	sql "SELECT query_id, hour, volume, positive, neutral, negative, reach, engagement FROM listen_hourly ORDER BY 1, 2" &&
	koers listen authors --json -n 100000 &&
	sql "SELECT platform, remote_id, author, created_at, text, sentiment, intent FROM mentions ORDER BY 1, 2"
}

python3 "$SHARED/bench/gen-mentions" --mentions 6000 --queries 60 --out gen >/dev/null

test_expect_success 'an uninterrupted run' '
	koers listen query import gen/queries.txt >/dev/null &&
	koers listen ingest --batch 200 gen/mentions.jsonl >out &&
	state >"$SCRATCH/whole" && test "$(sed -n 1p "$SCRATCH/whole")" -gt 1000
'

test_expect_success 'killed mid-transaction: what was reported as stored is there' '
	rm -f "$KOERS_DB"* && koers listen query import gen/queries.txt >/dev/null &&
	rc=0 && KOERS_TEST_KILL_AFTER=700 koers listen ingest --progress --batch 200 gen/mentions.jsonl >out 2>err || rc=$? &&
	test "$rc" -eq 137 &&
	reported=$(sed -n "s/.*stored \([0-9]*\),.*/\1/p" err | tail -n 1) &&
	test -n "$reported" && test "$reported" -gt 0 && test "$reported" -lt 700 &&
	test "$(sql "SELECT count(*) FROM mentions")" -eq "$reported"
'

test_expect_success 'the rerun gives exactly the tables of the uninterrupted run' '
	koers listen ingest --batch 200 gen/mentions.jsonl >out &&
	state >rerun && test_cmp "$SCRATCH/whole" rerun
'

test_expect_success 'killed with more threads and reran: the same again' '
	rm -f "$KOERS_DB"* && koers listen query import gen/queries.txt >/dev/null &&
	rc=0 && KOERS_TEST_KILL_AFTER=333 koers listen ingest --threads 2 --batch 150 gen/mentions.jsonl >out 2>err || rc=$? &&
	test "$rc" -eq 137 &&
	koers listen ingest --threads 2 gen/mentions.jsonl >out &&
	state >rerun2 && test_cmp "$SCRATCH/whole" rerun2
'
