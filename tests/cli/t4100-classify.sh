#!/usr/bin/env bash
# koers listen classify and train: the JSON-lines contract, models, bad input.
. "$(dirname "$0")/lib.sh"

# Every output line must be a JSON object with exactly the four contract keys.
check_contract() {
	python3 -c '
import json, sys
n = 0
for line in sys.stdin:
    o = json.loads(line)
    assert set(o) == {"lang", "sentiment", "score", "intent"}, o
    assert o["lang"] in ("nl", "en", "other"), o
    assert o["sentiment"] in ("positive", "neutral", "negative"), o
    assert o["intent"] in ("complaint", "question", "praise", "other"), o
    assert isinstance(o["score"], (int, float)) and -1 <= o["score"] <= 1, o
    n += 1
print(n)'
}

test_expect_success 'one JSON object per input line, in order' '
	printf "%s\n" "I love this, great service!" "Dit is echt niet goed" "" "Why is my order still not here?" >in.txt &&
	koers listen classify <in.txt >out.jsonl &&
	test "$(check_contract <out.jsonl)" = 4 &&
	sed -n 1p out.jsonl | grep -q "\"lang\":\"en\",\"sentiment\":\"positive\"" &&
	sed -n 2p out.jsonl | grep -q "\"lang\":\"nl\",\"sentiment\":\"negative\"" &&
	sed -n 3p out.jsonl | grep -q "\"sentiment\":\"neutral\",\"score\":0.0000" &&
	sed -n 4p out.jsonl | grep -q "\"intent\":\"complaint\""
'

test_expect_success 'accepts --json, CRLF lines and a last line without newline' '
	printf "Thanks for the quick help!\r\nHoe kan ik mijn abonnement opzeggen?" | koers listen classify --json >out.jsonl &&
	test "$(check_contract <out.jsonl)" = 2 &&
	sed -n 1p out.jsonl | grep -q "\"intent\":\"praise\"" &&
	sed -n 2p out.jsonl | grep -q "\"lang\":\"nl\".*\"intent\":\"question\""
'

test_expect_success 'another language is "other", judged by its emoji alone' '
	printf "%b\n" "Le pain est très bon ici" "Quel désastre, le train a encore du retard \xF0\x9F\x98\xA1" "Damn typos :(" >in.txt &&
	koers listen classify <in.txt >out.jsonl &&
	test "$(check_contract <out.jsonl)" = 3 &&
	sed -n 1p out.jsonl | grep -q "\"lang\":\"other\",\"sentiment\":\"neutral\"" &&
	sed -n 2p out.jsonl | grep -q "\"lang\":\"other\",\"sentiment\":\"negative\"" &&
	sed -n 3p out.jsonl | grep -q "\"lang\":\"other\",\"sentiment\":\"negative\""
'

test_expect_success 'the contract holds on the shared labelled sets' '
	cut -f2- "$SHARED/data/sentiment-dev/nl-mp-tweets-train.tsv" >nl.txt &&
	koers listen classify <nl.txt >out.jsonl &&
	test "$(check_contract <out.jsonl)" = "$(wc -l <nl.txt)"
'

# Labelled lines of invented words, one pair per class: synthetic ARTICLE HERE.
synthetic() {
	for i in 1 2 3 4 5 6 7 8; do
		printf "positive\t%s blorp zintu is %s %s\n" "$1" "$2" $i
		printf "negative\t%s snerg kravol is %s %s\n" "$1" "$2" $i
		printf "neutral\t%s plim tobra is %s %s\n" "$1" "$2" $i
	done
}

test_expect_success 'train learns from labelled lines and classify uses the model' '
	synthetic the here >train.tsv &&
	koers listen train train.tsv -o my.model 2>err &&
	grep -q "trained on 24 texts" err &&
	head -1 my.model | grep -qx "koers-sentiment-model 1" &&
	printf "the blorp zintu\nthe snerg kravol\nthe plim tobra\n" | koers listen classify --model my.model >out.jsonl &&
	sed -n 1p out.jsonl | grep -q "\"sentiment\":\"positive\"" &&
	sed -n 2p out.jsonl | grep -q "\"sentiment\":\"negative\"" &&
	sed -n 3p out.jsonl | grep -q "\"sentiment\":\"neutral\""
'

test_expect_success 'a model trained on Dutch leaves English texts to the built-in model' '
	synthetic de hier >nl.tsv &&
	koers listen train nl.tsv -o nl.model 2>err &&
	grep -qx "languages nl" nl.model && grep -q "^languages learnt: nl (" err &&
	printf "%s\n" "I love this, great service!" "This is terrible" "de blorp zintu" >in.txt &&
	koers listen classify <in.txt >default.jsonl &&
	koers listen classify --model nl.model <in.txt >team.jsonl &&
	head -2 default.jsonl >expect && head -2 team.jsonl >actual && test_cmp expect actual &&
	sed -n 3p default.jsonl | grep -q "\"sentiment\":\"neutral\"" &&
	sed -n 3p team.jsonl | grep -q "\"sentiment\":\"positive\""
'

test_expect_success 'train reports bad lines with their number and reason, keeps the good ones' '
	printf "positive\tgood stuff\nhappy\tx\nno tab here\nnegative\tbad stuff\nneutral\t \n" >mixed.tsv &&
	test_exit 1 koers listen train mixed.tsv -o m2.model 2>err &&
	grep -q "^mixed.tsv:2: unknown label .happy." err &&
	grep -q "^mixed.tsv:3: expected LABEL<TAB>TEXT" err &&
	grep -q "^mixed.tsv:5: the text is empty" err &&
	grep -q "trained on 2 texts" err &&
	test -s m2.model
'

test_expect_success 'a broken model is refused with its line' '
	printf "koers-sentiment-model 1\nfeatures 2\ndim 1000\n" >bad.model &&
	echo hello | test_exit 1 koers listen classify --model bad.model 2>err &&
	grep -q "bad.model:3: dim must be a power of two" err &&
	echo hello | test_exit 3 koers listen classify --model missing.model
'

test_expect_success 'usage errors' '
	test_exit 2 koers listen train &&
	test_exit 2 koers listen train x.tsv &&
	test_exit 2 koers listen classify extra &&
	printf "x\n" >empty.tsv && test_exit 1 koers listen train empty.tsv -o e.model
'

test_expect_success 'Dutch messages with --lang nl' '
	printf "happy\tx\n" >one.tsv &&
	test_exit 1 koers --lang nl listen train one.tsv -o o.model 2>err &&
	grep -q "onbekend label" err
'

test_expect_success 'NUL bytes, invalid UTF-8 and over-long lines keep one output line per input line' '
	{ printf "a\0b good\n\377\376 bad\n"; head -c 200000 /dev/zero | tr "\0" "x"; printf "\nlast good\n"; } >odd.txt &&
	koers listen classify <odd.txt >out.jsonl &&
	test "$(check_contract <out.jsonl)" = 4 &&
	sed -n 4p out.jsonl | grep -q "\"sentiment\":\"positive\""
'
