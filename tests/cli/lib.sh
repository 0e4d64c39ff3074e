# Shared setup for the CLI tests (in the manner of git's t/test-lib.sh).
# A test script sources this file, then calls test_expect_success with a
# description and a shell snippet; each snippet runs in the script's own
# scratch folder with a fresh database, and prints TAP.
set -u
: "${KOERS:?}" "${TOP:?}"
SHARED=${SHARED:-$TOP/../shared}
EXAMPLES=$TOP/examples
TESTDATA=$TOP/tests/data
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/koers-test.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH" || exit 1
export KOERS_DB=$SCRATCH/koers.db LANGUAGE= LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1
unset KOERS_WORKSPACE
test_count=0

koers() { "$KOERS" "$@"; }

test_expect_success() {
	local desc=$1 body=$2 out rc
	test_count=$((test_count + 1))
	# Not inside `if`: there bash would ignore set -e in the snippet.
	out=$( (set -e; eval "$body") 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "ok $test_count - $desc"
	else
		echo "not ok $test_count - $desc"
		sed 's/^/# /' <<<"$out"
	fi
}

# test_exit CODE CMD...: run CMD and fail unless it exits with CODE.
test_exit() {
	local want=$1 rc=0
	shift
	"$@" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "expected exit $want, got $rc: $*" >&2
		return 1
	fi
}

# Fail with a diff when two files differ.
test_cmp() { diff -u "$1" "$2"; }

# Every table and row of a database, to compare before and after.
db_dump() { /usr/bin/python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1"; }

# Compare OUTPUT with the golden file GOLDEN; KOERS_UPDATE_GOLDEN=1 rewrites it.
test_golden() {
	if [ -n "${KOERS_UPDATE_GOLDEN:-}" ]; then
		cp "$2" "$1"
	fi
	diff -u "$1" "$2"
}

# A JSON document on stdin, queried with a Python expression over `j`.
json_get() { /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
