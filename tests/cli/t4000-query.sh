#!/usr/bin/env bash
# koers listen query test: which texts on standard input match a query.
. "$TOP/tests/cli/lib.sh"

cat >texts <<'TEXTS'
Ik hou van Koers!
#koers is top
bedankt @Koers voor de snelle hulp
koersen en koersdag
Het Café van KOËRS was dicht
Koers zoekt mensen: vacature
TEXTS

test_expect_success 'a term matches case and accent insensitively, with #tag and @mention forms' '
	koers listen query test koers <texts >out &&
	cat >expect <<-EOF &&
	1: Ik hou van Koers!
	2: #koers is top
	3: bedankt @Koers voor de snelle hulp
	5: Het Café van KOËRS was dicht
	6: Koers zoekt mensen: vacature
	5 of 6 texts match
	EOF
	test_cmp expect out
'

test_expect_success 'NOT, -term, phrases and tags' '
	koers listen query test -- "koers -vacature NOT \"snelle hulp\"" <texts >out &&
	grep -c "^[0-9]*:" out >count && echo 3 >expect && test_cmp expect count &&
	koers listen query test "#koers" <texts >out &&
	grep -q "^2: #koers is top" out && ! grep -q "^1:" out
'

test_expect_success '--json gives one object per line' '
	printf "koers app\nandere app\n" | koers --json listen query test "\"koers app\"" >out &&
	cat >expect <<-EOF &&
	{"line":1,"text":"koers app","match":true}
	{"line":2,"text":"andere app","match":false}
	EOF
	test_cmp expect out
'

test_expect_success 'filters use --text-lang, --platform and --author' '
	echo "de fiets" | koers listen query test --text-lang nl "fiets* lang:nl" >out &&
	grep -q "^1: de fiets" out &&
	echo "de fiets" | koers listen query test --text-lang en "fiets* lang:nl" >out &&
	grep -q "^0 of 1 text matches" out &&
	echo "x" | koers listen query test --platform Mastodon --author @Jan "platform:mastodon author:jan" >out &&
	grep -q "^1: x" out
'

test_expect_success 'a bad query exits 1 with the column and what was expected' '
	echo x | test_exit 1 koers listen query test "foo AND (bar OR" 2>err &&
	grep -q "column 16: expected a term, phrase, #tag, @handle, filter or .(. after .OR., found the end of the query" err &&
	echo x | test_exit 1 koers listen query test "(a b" 2>err &&
	grep -q "column 5: expected .). to close the .(. at column 1" err
'

test_expect_success 'errors in Dutch with --lang nl' '
	echo x | test_exit 1 koers --lang nl listen query test "a)" 2>err &&
	grep -q "kolom 2: onverwachte .). zonder bijbehorende .(." err
'

test_expect_success 'usage: missing expression, unknown subcommand' '
	test_exit 2 koers listen query test </dev/null &&
	test_exit 2 koers listen query nope 2>err && grep -q "is not a command" err &&
	koers listen query --help >out && grep -q "^  test" out
'

test_expect_success 'empty input and lines without newline at the end' '
	koers listen query test koers </dev/null >out && grep -q "^0 of 0 texts match" out &&
	printf "koers" | koers listen query test koers >out && grep -q "^1: koers" out
'
