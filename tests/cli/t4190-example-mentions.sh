#!/usr/bin/env bash
# The demo's mentions (scripts/gen-examples-mentions): deterministic, and the
# one spike in them raises the plan's crisis alert (exit 1: alerts are findings) and nothing before it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'the generator writes the same file every time' '
	"$TOP/scripts/gen-examples-mentions" airline a1.jsonl &&
	"$TOP/scripts/gen-examples-mentions" airline a2.jsonl &&
	test_cmp a1.jsonl a2.jsonl && test "$(wc -l <a1.jsonl)" -gt 1000
'
test_expect_success 'the fog morning raises level 1, the quiet weeks raise nothing' '
	koers workspace create airline --timezone Europe/London >/dev/null &&
	koers plan import "$EXAMPLES/airline-en.yaml" >/dev/null &&
	koers listen ingest -q a1.jsonl >/dev/null &&
	test_exit 1 koers listen alerts --json >alerts &&
	json_get "sorted(set(a[\"time\"][:10] for a in j))" <alerts >days && cat days &&
	grep -q "2026-01-28" days && ! grep -q "2026-01-0\|2026-01-1\|2026-01-2[0-7]" days &&
	test_exit 1 koers listen alerts >out && grep -q "level 1" out
'
