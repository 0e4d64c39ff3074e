#!/usr/bin/env bash
# koers plan import / export / history: the plan in the store.
. "$(dirname "$0")/lib.sh"

for example in fietsen-nl airline-en; do
	test_expect_success "the example $example imports and passes plan check" "
		rm -f koers.db* &&
		koers plan import \"\$EXAMPLES/$example.yaml\" &&
		koers plan check >out &&
		grep -q '0 errors' out
	"
done

test_expect_success 'a first import creates a workspace named default' '
	rm -f koers.db* &&
	koers plan import "$TESTDATA/plan/complete.yaml" >out &&
	grep -q "version 1 of workspace default" out
'
test_expect_success 'every import is a new version; history lists them' '
	koers plan import "$TESTDATA/plan/flawed.yaml" &&
	koers plan history --json >h &&
	test "$(json_get "[v[\"version\"] for v in j]" <h)" = "[2, 1]"
'
test_expect_success 'malformed YAML: located error, exit 1, database unchanged' '
	db_dump koers.db >before &&
	printf "koers: 1\ngoals:\n  - id: a\n    actions: [one, two\n" >bad.yaml &&
	test_exit 1 koers plan import bad.yaml 2>err &&
	grep -q "^bad.yaml:[0-9]*:[0-9]*: YAML syntax" err &&
	grep -q "nothing was imported" err &&
	db_dump koers.db >after && test_cmp before after
'
test_expect_success 'wrong types: every problem located, exit 1, database unchanged' '
	db_dump koers.db >before &&
	cat >types.yaml <<-\EOT &&
	koers: 1
	organisation:
	  name: [not, text]
	goals:
	  - id: g
	    baseline: many
	    deadline: 2026-13-01
	risks:
	  - likelihood: 9
	channels:
	  - platform: myspace
	EOT
	test_exit 1 koers plan import types.yaml 2>err &&
	grep -q "^types.yaml:3:9: .name. must be text" err &&
	grep -q "^types.yaml:6:15: .baseline. must be a number" err &&
	grep -q "^types.yaml:7:15: .deadline. must be a date" err &&
	grep -q "^types.yaml:9:17: .likelihood. must be between 1 and 5" err &&
	grep -q "^types.yaml:11:15: .myspace. is not a valid platform" err &&
	grep -q "5 problems" err &&
	db_dump koers.db >after && test_cmp before after
'
test_expect_success 'errors as JSON for scripts' '
	test_exit 1 koers plan import --json types.yaml >out 2>/dev/null &&
	test "$(json_get "len(j[\"errors\"])" <out)" = 5 &&
	test "$(json_get "j[\"errors\"][0][\"line\"]" <out)" = 3
'
test_expect_success '--dry-run reads and stores nothing' '
	db_dump koers.db >before &&
	koers plan import --dry-run "$EXAMPLES/airline-en.yaml" &&
	db_dump koers.db >after && test_cmp before after
'
test_expect_success 'a missing file is an I/O error (exit 3)' '
	test_exit 3 koers plan import nothere.yaml 2>err && grep -q "nothere.yaml" err
'
test_expect_success 'import sets the workspace time zone from the plan' '
	koers plan import "$EXAMPLES/airline-en.yaml" &&
	koers workspace list --json | json_get "j[0][\"timezone\"]" | grep -q "Europe/London"
'
for example in fietsen-nl airline-en; do
	test_expect_success "round trip of $example: import, export, import, export is stable" "
		rm -f koers.db* &&
		koers plan import \"\$EXAMPLES/$example.yaml\" &&
		koers plan export -o once.yaml &&
		koers plan import once.yaml &&
		koers plan export -o twice.yaml &&
		test_cmp once.yaml twice.yaml &&
		koers plan export --format json >once.json &&
		koers plan import twice.yaml && koers plan export --json >twice.json &&
		test_cmp once.json twice.json
	"
done
test_expect_success 'the exported YAML is read the same by another YAML reader' '
	/usr/bin/python3 -c "
import json, yaml
a = json.loads(json.dumps(yaml.safe_load(open(\"once.yaml\")), default=str))
b = json.load(open(\"once.json\"))
assert a == b, \"YAML and JSON exports differ\"
"
'
test_expect_success 'export without a plan says so' '
	rm -f koers.db* && koers workspace create empty &&
	test_exit 1 koers plan export 2>err && grep -q "no plan yet" err
'
