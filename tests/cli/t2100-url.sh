#!/usr/bin/env bash
# koers url parse / koers url tag against the real binary.
. "$(dirname "$0")/lib.sh"

test_expect_success 'url parse prints every part, normalised' '
	koers url parse "HTTP://u:p@Example.COM:80/a/./b/../c?q=1 2#f g" >out &&
	cat >want <<-\EOT &&
	href      http://u:p@example.com/a/c?q=1%202#f%20g
	protocol  http:
	username  u
	password  p
	host      example.com
	hostname  example.com
	port      
	pathname  /a/c
	search    ?q=1%202
	hash      #f%20g
	EOT
	test_cmp want out
'

test_expect_success 'url parse --base resolves a relative reference (JSON)' '
	koers url parse --json --base "https://example.nl:8443/blog/2026/post?x#y" "../over?a=b" >out &&
	python3 -c "
import json, sys
d = json.load(open(\"out\"))
assert d == {\"href\": \"https://example.nl:8443/blog/over?a=b\", \"protocol\": \"https:\",
  \"username\": \"\", \"password\": \"\", \"host\": \"example.nl:8443\", \"hostname\": \"example.nl\",
  \"port\": \"8443\", \"pathname\": \"/blog/over\", \"search\": \"?a=b\", \"hash\": \"\"}, d
"
'

test_expect_success 'url parse: IPv4 number forms and IPv6 compression' '
	koers url parse --json "http://0x7F.1/" | grep -q "\"hostname\": \"127.0.0.1\"" &&
	koers url parse --json "http://[0:0:0:0:0:ffff:c000:0207]:80/" | grep -q "\"host\": \"\[::ffff:c000:207\]\""
'

test_expect_success 'url parse fails with exit 1, position and reason' '
	test_exit 1 koers url parse "http://example.nl:8x/" 2>err &&
	grep -q "position 20: port is not a number" err &&
	test_exit 1 koers url parse --json "/relative" >out 2>err &&
	grep -q "\"valid\": false" out &&
	grep -q "position 1: not an absolute URL" err
'

test_expect_success 'url parse reports IDNA hosts as unsupported' '
	test_exit 1 koers url parse --json "https://bücher.example/" >out 2>err &&
	grep -q "\"supported\": false" out &&
	grep -q "IDNA" err
'

test_expect_success 'url parse: Dutch messages' '
	test_exit 1 koers --lang nl url parse "http://example.nl:8x/" 2>err &&
	grep -q "positie 20: de poort is geen getal" err
'

test_expect_success 'url tag adds UTM tags, keeps query and fragment' '
	koers url tag "https://shop.Example.nl/p?x=1#f" --domain example.nl --source linkedin \
		--campaign "lente actie" --content 42 >out &&
	echo "https://shop.example.nl/p?x=1&utm_source=linkedin&utm_medium=social&utm_campaign=lente%20actie&utm_content=42#f" >want &&
	test_cmp want out
'

test_expect_success 'url tag never overwrites utm values; repeated and comma-separated --domain' '
	koers url tag --json "http://b.org:8080/?utm_source=nieuwsbrief" --domain a.nl,c.nl --domain b.org --source x >out &&
	grep -q "\"href\": \"http://b.org:8080/?utm_source=nieuwsbrief&utm_medium=social\"" out &&
	grep -q "\"result\": \"tagged\"" out
'

test_expect_success 'url tag leaves links to other domains as they are' '
	koers url tag "HTTPS://Other.NL/a/../b" --domain example.nl --source x >out &&
	echo "HTTPS://Other.NL/a/../b" >want &&
	test_cmp want out
'

test_expect_success 'url tag - rewrites every link of a post text' '
	printf "Nieuw: https://example.nl/winkel, en https://elders.nl/x.\n" |
		koers url tag - --domain example.nl --source bluesky --content 7 >out &&
	printf "Nieuw: https://example.nl/winkel?utm_source=bluesky&utm_medium=social&utm_content=7, en https://elders.nl/x.\n" >want &&
	test_cmp want out
'

test_expect_success 'url tag: usage errors exit 2' '
	test_exit 2 koers url tag "https://example.nl/" --source x &&
	test_exit 2 koers url tag "https://example.nl/" --domain example.nl &&
	test_exit 2 koers url tag "https://example.nl/" --domain "example.nl/x" --source x &&
	test_exit 2 koers url parse
'
