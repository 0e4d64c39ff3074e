#!/usr/bin/env bash
# The command line itself: help, usage errors and exit codes.
. "$(dirname "$0")/lib.sh"

test_expect_success 'koers --help lists the commands and the exit codes' '
	koers --help >out &&
	grep -q "plan check" out && grep -q "workspace create" out && grep -q "Exit codes" out
'
test_expect_success 'no command is a usage error (exit 2)' '
	test_exit 2 koers >out 2>&1
'
test_expect_success 'an unknown command is a usage error' '
	test_exit 2 koers fly 2>err && grep -q "not a command" err
'
test_expect_success 'an unknown subcommand is a usage error' '
	test_exit 2 koers plan fly 2>err && grep -q "not a command" err
'
test_expect_success 'an unknown option is a usage error' '
	test_exit 2 koers plan check --frobnicate 2>err && grep -q "unknown option" err
'
test_expect_success 'COMMAND --help prints the options and exits 0' '
	koers plan render --help >out && grep -q -- "--format" out && grep -q -- "--lang" out &&
	koers --help plan import >out2 && grep -q -- "--dry-run" out2
'
test_expect_success 'a group without subcommand lists its subcommands' '
	koers plan --help >out && grep -q "import" out && grep -q "render" out
'
test_expect_success '--lang nl speaks Dutch, the locale decides otherwise' '
	koers --lang nl --help >nl && grep -q "Opdrachten" nl &&
	LANGUAGE=nl koers --help >nl2 && grep -q "Opdrachten" nl2 &&
	koers --lang en --help >en && grep -q "Commands" en
'
test_expect_success 'an unknown language is a usage error' '
	test_exit 2 koers --lang fr --help
'
test_expect_success 'a database that cannot be opened is exit 3' '
	test_exit 3 koers --db /nonexistent/dir/k.db workspace list 2>err && grep -q "cannot open" err
'
test_expect_success '--version' '
	koers --version | grep -q "^koers [0-9]"
'
