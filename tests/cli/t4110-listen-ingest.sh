#!/usr/bin/env bash
# koers listen ingest and listen query add|list|rm|import: located errors, good
# records kept, duplicates once, aggregates by hand, every input format.
. "$TOP/tests/cli/lib.sh"

D=$TESTDATA/listen
sql() { /usr/bin/python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(str(x) for x in r))' "$KOERS_DB" "$1"; }

test_expect_success 'no tracked query: ingest says how to add one' '
	test_exit 1 koers listen ingest $D/mentions.jsonl 2>err &&
	grep -q "listen query add" err
'

test_expect_success 'query add, list, rm; a bad expression is refused with its column' '
	koers listen query add --kind brand koers "koers OR #koers OR @koers" &&
	koers listen query add tmp "fiets*" &&
	test_exit 1 koers listen query add bad "koers AND (" 2>err && grep -q "column" err &&
	koers listen query list >out && grep -q "^koers  *brand  *cli" out && grep -q "^tmp " out &&
	koers listen query rm tmp && koers listen query list >out && ! grep -q "^tmp " out &&
	koers listen query list --all >out && grep -q "not tracked" out &&
	test_exit 1 koers listen query rm tmp
'

test_expect_success 'bad records are reported with line and record and skipped; good ones are stored' '
	test_exit 1 koers listen ingest $D/mentions.jsonl 2>err >out &&
	grep -q "mentions.jsonl: line 4 (record 4): column [0-9]*: " err &&
	grep -q "mentions.jsonl: line 9 (record 9): created_at: " err &&
	grep -q "read 9, matched 6 (6 query matches), stored 5, duplicates 1, rejected 2" out &&
	grep -q "syntax  *1" out && grep -q "bad-time  *1" out &&
	test "$(sql "SELECT count(*) FROM mentions")" = 5
'

test_expect_success 'hourly aggregates: volume, reach (followers), engagement' '
	sql "SELECT hour * 3600, volume, reach, engagement FROM listen_hourly ORDER BY hour" >out &&
	printf "%s\n" "1772442000|3|60|9" "1772445600|2|0|0" >expect &&
	test_cmp expect out &&
	sql "SELECT sentiment FROM mentions WHERE remote_id = 1 AND platform = \"x\"" >pos && echo 1 >one && test_cmp one pos &&
	sql "SELECT sentiment FROM mentions WHERE remote_id = 3" >neg && echo -1 >minus && test_cmp minus neg
'

test_expect_success 'authors: most followers seen, a duplicate counted once, platforms apart' '
	koers listen authors --json >out &&
	jq -r ".detractors[] | [.platform, .author, .followers, .mentions, .positive, .negative] | @tsv" out >got &&
	printf "x\t@anna\t30\t2\t1\t1\n" >expect && test_cmp expect got &&
	jq -r ".ambassadors[] | .platform + \" \" + .author" out >got &&
	printf "%s\n" "x @anna" "x @bram" >expect && test_cmp expect got
'

test_expect_success 'the span of stored mentions is kept with them, per workspace' '
	sql "SELECT min(created_at), max(created_at) FROM mentions" >expect &&
	sql "SELECT first_at, last_at FROM listen_span" >got && test_cmp expect got &&
	test "$(cat got)" = "1772442300|1772446800"
'

test_expect_success 'a database from before the span table gets it from its mentions' '
	python3 -c "import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute(\"DROP TABLE listen_span\")
c.execute(\"DELETE FROM schema_version WHERE version = 9\")
c.commit()" "$KOERS_DB" &&
	koers listen report --json >out &&
	jq -e ".from == \"2026-03-02T09:05:00Z\" and .to == \"2026-03-02T10:20:01Z\"" out &&
	test "$(sql "SELECT first_at, last_at FROM listen_span")" = "1772442300|1772446800"
'

test_expect_success 'the same input again stores nothing and changes no aggregate' '
	db_dump "$KOERS_DB" >before &&
	test_exit 1 koers listen ingest --json $D/mentions.jsonl >out 2>/dev/null &&
	grep -q "\"stored\": 0" out && grep -q "\"duplicates\": 6" out &&
	jq -e ".store_seconds >= 0 and .store_seconds < 60" out >/dev/null &&
	db_dump "$KOERS_DB" >after && test_cmp before after
'

test_expect_success '--strict stops at the first bad record and keeps what came before' '
	rm -f "$KOERS_DB" && koers listen query add koers koers &&
	test_exit 1 koers listen ingest --strict --json $D/mentions.jsonl >out 2>err &&
	grep -q "record 4" err && ! grep -q "record 9" err &&
	grep -q "\"read\": 4" out && grep -q "\"stored\": 3" out
'

test_expect_success 'Mastodon, Bluesky, X and CSV files' '
	rm -f "$KOERS_DB" && koers listen query add koers koers &&
	cat >statuses.json <<-\JSON &&
	[{"id":"1","uri":"https://m.social/s/1","created_at":"2026-03-02T09:00:00Z","content":"<p>Ik &lt;3 <a href=\"x\">#<span>koers</span></a></p>","account":{"acct":"a@m.social","followers_count":7}},
	 {"id":"2","uri":"https://m.social/s/2","created_at":"2026-03-02T09:00:00Z","content":"<p>anders</p>","account":{"acct":"b"}}]
	JSON
	koers listen ingest --format mastodon statuses.json >out &&
	grep -q "read 2, matched 1 (1 query matches), stored 1" out &&
	test "$(sql "SELECT text, author, followers FROM mentions")" = "Ik <3 #koers|@a@m.social|7" &&
	printf "%s\n" "{\"posts\":[{\"uri\":\"at://did:plc:a/app.bsky.feed.post/1\",\"author\":{\"handle\":\"a.bsky.social\"},\"record\":{\"text\":\"koers!\",\"createdAt\":\"2026-03-02T09:00:00Z\"}}]}" >posts.json &&
	koers listen ingest --format bluesky posts.json >out && grep -q "stored 1" out &&
	test "$(sql "SELECT url FROM mentions WHERE platform = \"bluesky\"")" = "https://bsky.app/profile/a.bsky.social/post/1" &&
	printf "%s\n" "{\"data\":[{\"id\":\"9\",\"text\":\"@koers help &amp; AT&amp;T &lt;3 &amp;eacute; &eacute; &quot;\",\"author_id\":\"1\",\"created_at\":\"2026-03-02T09:00:00Z\"}],\"includes\":{\"users\":[{\"id\":\"1\",\"username\":\"zz\",\"public_metrics\":{\"followers_count\":3}}]}}" >tweets.json &&
	koers listen ingest --format x tweets.json >out && grep -q "stored 1" out &&
	test "$(sql "SELECT author, followers FROM mentions WHERE platform = \"x\"")" = "@zz|3" &&
	test "$(sql "SELECT text FROM mentions WHERE platform = \"x\"")" = "@koers help & AT&T <3 &eacute; &eacute; &quot;" &&
	printf "%s\r\n" "nr,bericht,tijd" "1,\"koers, met komma\",2026-03-02T09:00:00Z" "2,koers,nooit" >export.csv &&
	test_exit 1 koers listen ingest --platform facebook --map id=nr,text=bericht,created_at=tijd export.csv >out 2>err &&
	grep -q "stored 1" out && grep -q "line 3 (record 2): created_at" err &&
	test "$(sql "SELECT text FROM mentions WHERE platform = \"facebook\"")" = "koers, met komma" &&
	printf "%s\n" "nr,bericht,tijd" "3,\"twee" "regels koers\",2026-03-02T10:00:00Z" "4,\"open\"koers,2026-03-02T11:00:00Z" \
		"5,koers,2026-03-02T12:00:00Z" >multi.csv &&
	test_exit 1 koers listen ingest --platform linkedin --map id=nr,text=bericht,created_at=tijd multi.csv >out 2>err &&
	grep -q "multi.csv: line 4 (record 2): column 2: text after the closing quote of a field" err &&
	grep -q "read 3, matched 2 (2 query matches), stored 2" out &&
	test "$(sql "SELECT remote_id FROM mentions WHERE platform = \"linkedin\" ORDER BY remote_id" | tr "\n" " ")" = "3 5 "
'

test_expect_success 'plan topics are tracked queries' '
	rm -f "$KOERS_DB" && koers plan import $EXAMPLES/fietsen-nl.yaml >/dev/null &&
	koers listen query list >out && grep -q "^merk  *brand  *plan" out && grep -q "^tcm  *competitor  *plan" out &&
	test_exit 1 koers listen query add merk "x" 2>err && grep -q "plan" err
'

test_expect_success 'a record in another language: its words are not judged, its emoji are' '
	rm -f "$KOERS_DB" && koers listen query add koers "koers" >/dev/null &&
	rec() { printf "{\"id\":\"%s\",\"platform\":\"x\",\"created_at\":\"2026-03-02T09:00:00Z\",%s\"text\":\"%b\"}\n" "$@"; } &&
	{
		rec f1 "\"lang\":\"fr\"," "koers: le pain est bon" &&
		rec f2 "\"lang\":\"en\"," "koers: le pain est bon" &&
		rec f3 "\"lang\":\"fr\"," "koers: encore du retard \xF0\x9F\x98\xA1" &&
		rec f4 "" "koers: le pain est très bon ici"
	} >fr.jsonl &&
	koers listen ingest fr.jsonl >/dev/null &&
	sql "SELECT remote_id, lang, sentiment FROM mentions ORDER BY remote_id" >out &&
	printf "%s\n" "f1|fr|0" "f2|en|-1" "f3|fr|-1" "f4|other|0" >expect &&
	test_cmp expect out
'

if [ -x "$SHARED/bench/gen-mentions" ]; then
test_expect_success 'two threads store exactly what one thread stores' '
	python3 "$SHARED/bench/gen-mentions" --mentions 3000 --queries 40 --out gen &&
	rm -f "$KOERS_DB" && koers listen query import gen/queries.txt >/dev/null &&
	koers listen ingest --batch 100 gen/mentions.jsonl >one.txt && db_dump "$KOERS_DB" | grep -v "^INSERT INTO \"\(schema_version\|workspaces\)\"" >one &&
	rm -f "$KOERS_DB" && koers listen query import gen/queries.txt >/dev/null &&
	koers listen ingest --threads 2 --batch 100 gen/mentions.jsonl >two.txt && db_dump "$KOERS_DB" | grep -v "^INSERT INTO \"\(schema_version\|workspaces\)\"" >two &&
	test_cmp one.txt two.txt && test_cmp one two && grep -q "stored [1-9]" one.txt &&
	rm -f "$KOERS_DB" && koers listen query import gen/queries.txt >/dev/null &&
	koers listen ingest --threads 2 gen/mentions.jsonl >big.txt && db_dump "$KOERS_DB" | grep -v "^INSERT INTO \"\(schema_version\|workspaces\)\"" >big &&
	test_cmp one.txt big.txt && test_cmp one big
'

test_expect_success 'compiled queries are cached per workspace and match like a fresh compile' '
	rm -f "$KOERS_DB" && koers listen query import gen/queries.txt >/dev/null &&
	test "$(sql "SELECT count(*) FROM listen_compiled")" = 1 &&
	key=$(sql "SELECT key FROM listen_compiled") &&
	koers listen ingest gen/mentions.jsonl >cached.txt &&
	test "$(sql "SELECT key FROM listen_compiled")" = "$key" &&
	rm -f "$KOERS_DB" && koers listen query import gen/queries.txt >/dev/null &&
	sql "DELETE FROM listen_compiled" && koers listen ingest gen/mentions.jsonl >fresh.txt &&
	test "$(sql "SELECT key FROM listen_compiled")" = "$key" &&
	test_cmp cached.txt fresh.txt && test_cmp one.txt fresh.txt &&
	koers listen query add extra "fiets*" >/dev/null &&
	test "$(sql "SELECT count(*) FROM listen_compiled")" = 1 &&
	test "$(sql "SELECT key FROM listen_compiled")" != "$key"
'
fi
