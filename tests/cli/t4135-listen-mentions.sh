#!/usr/bin/env bash
# koers listen mentions: the stored mentions, newest first, filtered by
# period, query, sentiment, intent and language; every field in --json.
. "$TOP/tests/cli/lib.sh"

# Sentiment and intent of these texts are clear-cut in either language.
cat >m.jsonl <<'EOF'
{"id":"1","platform":"x","author":"@anna","author_followers":10,"created_at":"2026-03-02T09:00:00Z","lang":"nl","text":"Koers is geweldig, echt super blij mee!","likes":2,"reposts":1,"replies":3}
{"id":"2","platform":"mastodon","author":"@bram","created_at":"2026-03-02T10:00:00Z","lang":"en","text":"koers and rivaal: terrible, awful, I hate both","url":"https://m.example/@bram/2","reply_to":"1"}
{"id":"3","platform":"x","created_at":"2026-03-03T08:00:00Z","lang":"nl","text":"@koers hoe laat zijn jullie open?"}
{"id":"4","platform":"x","author":"@cor","created_at":"2026-03-04T12:00:00Z","lang":"en","text":"rivaal only"}
{"id":"5","platform":"x","author":"@dirk","created_at":"2026-03-05T12:00:00Z","lang":"nl-BE","text":"koers\nregel twee é"}
{"id":"6","platform":"x","author":"@eva","created_at":"2026-03-05T13:00:00Z","lang":"en","text":"nothing tracked here"}
EOF

test_expect_success 'setup: two queries, five mentions stored' '
	koers listen query add --kind brand koers "koers OR @koers" &&
	koers listen query add --kind competitor rivaal rivaal &&
	koers listen ingest m.jsonl >out && grep -q "stored 5," out
'

test_expect_success 'newest first, every field, queries sorted, absent fields null' '
	koers listen mentions --json >out &&
	test "$(jq -r ".mentions[].remote_id" out | tr "\n" " ")" = "5 4 3 2 1 " &&
	jq -e ".mentions[3] | .platform == \"mastodon\" and .author == \"@bram\" and .created_at == \"2026-03-02T10:00:00Z\"
		and .lang == \"en\" and .url == \"https://m.example/@bram/2\" and .reply_to == \"1\" and .followers == 0
		and .sentiment == \"negative\" and .score < 0 and .intent == \"complaint\" and .queries == [\"koers\", \"rivaal\"]" out &&
	jq -e ".mentions[4] | .followers == 10 and .likes == 2 and .reposts == 1 and .replies == 3
		and .sentiment == \"positive\" and .url == null and .reply_to == null and .queries == [\"koers\"]" out &&
	jq -e ".mentions[2] | .author == null and .intent == \"question\"" out &&
	jq -e ".from == \"2026-03-02T09:00:00Z\" and .to == \"2026-03-05T12:00:01Z\"" out
'

test_expect_success 'filters: query, sentiment, intent, language, period, limit' '
	ids() { jq -r ".mentions[].remote_id" | tr "\n" " "; } &&
	test "$(koers listen mentions --json --query rivaal | ids)" = "4 2 " &&
	test "$(koers listen mentions --json --sentiment negative | ids)" = "2 " &&
	test "$(koers listen mentions --json --intent question | ids)" = "3 " &&
	test "$(koers listen mentions --json --text-lang nl | ids)" = "5 3 1 " &&
	test "$(koers listen mentions --json --text-lang NL | ids)" = "5 3 1 " &&
	test "$(koers listen mentions --json --text-lang nl-be | ids)" = "5 " &&
	test "$(koers listen mentions --json --text-lang nl-NL | ids)" = "" &&
	test "$(koers listen mentions --json --text-lang n | ids)" = "" &&
	test "$(koers listen mentions --json --from 2026-03-03 --to 2026-03-04 | ids)" = "4 3 " &&
	test "$(koers listen mentions --json -n 2 | ids)" = "5 4 " &&
	test "$(koers listen mentions --json --query koers --sentiment positive --text-lang nl | ids)" = "1 "
'

test_expect_success 'text view: one header line and the text on one line, cut at a character' '
	koers listen mentions -n 1 >out &&
	printf "%s\n" "2026-03-05T12:00:00Z  x         @dirk                neutral  other     koers" \
		"  koers regel twee é" >expect && test_cmp expect out &&
	koers --lang nl listen mentions --intent complaint >out && grep -q "negatief klacht " out &&
	koers listen mentions --intent praise --sentiment negative >out && grep -q "(no mentions)" out
'

test_expect_success 'a long text is cut after 200 bytes without splitting a character' '
	long=$(python3 -c "print(\"koers \" + \"é\" * 150)") &&
	printf "{\"id\":\"9\",\"platform\":\"x\",\"created_at\":\"2026-03-06T00:00:00Z\",\"text\":\"%s\"}\n" "$long" >long.jsonl &&
	koers listen ingest long.jsonl >/dev/null &&
	koers listen mentions -n 1 | sed -n 2p >out &&
	python3 - out <<-\PY
	import sys
	line = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
	assert line.startswith("  koers é") and line.endswith("é…"), line
	assert 200 <= len(line[2:-1].encode()) <= 201, len(line[2:-1].encode())
	PY
'

test_expect_success 'bad filters: usage errors and unknown queries' '
	test_exit 2 koers listen mentions --sentiment bad 2>err && grep -q "unknown sentiment" err &&
	test_exit 2 koers listen mentions --intent rant 2>err && grep -q "unknown intent" err &&
	test_exit 2 koers listen mentions -n 0 &&
	test_exit 1 koers listen mentions --query nosuch 2>err && grep -q "no tracked query nosuch" err
'
