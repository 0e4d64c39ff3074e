#!/usr/bin/env bash
# koers listen report | authors | terms | alerts | detect over a made-up
# fortnight of an airline's mentions with a burst of complaints at the end.
. "$TOP/tests/cli/lib.sh"

# 14 days from Monday 2026-03-02 00:00Z: each hour 4 routine mentions; fan_a praises
# 20 times (100 followers), fan_b 10 times (100000 followers); on 2026-03-15 at
# 10:00Z, 100 complaints by 100 authors with 50 followers each.
python3 - <<'PY'
import json, datetime
t0 = datetime.datetime(2026, 3, 2, tzinfo=datetime.timezone.utc)
out, n = [], 0
def rec(t, author, followers, text):
    global n
    n += 1
    out.append(json.dumps({"id": str(n), "platform": "x", "author": author, "author_followers": followers,
                           "created_at": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "lang": "en", "text": text}))
for h in range(14 * 24):
    for k in range(4):
        rec(t0 + datetime.timedelta(hours=h, minutes=10 * k), "@reg%d" % (h % 7), 10, "@flynorthwind flight NW12 from Glasgow to Stornoway")
for i in range(20):
    rec(t0 + datetime.timedelta(hours=5 + 13 * i), "@fan_a", 100, "I love @flynorthwind, wonderful friendly crew and a great flight!")
for i in range(10):
    rec(t0 + datetime.timedelta(hours=7 + 29 * i), "@fan_b", 100000, "I love @flynorthwind, wonderful friendly crew and a great flight!")
for i in range(100):
    rec(datetime.datetime(2026, 3, 15, 10, i % 60, tzinfo=datetime.timezone.utc), "@angry%d" % i, 50,
        "@flynorthwind terrible delay again, awful service, I hate this airline")
open("mentions.jsonl", "w").write("\n".join(out) + "\n")
PY

test_expect_success 'setup: the airline plan and its topics' '
	koers plan import $EXAMPLES/airline-en.yaml >/dev/null &&
	koers listen ingest mentions.jsonl >out && grep -q "read 1474," out
'

test_expect_success 'report: volume per topic, sentiment shares, reach, share of voice' '
	koers listen report --json >out &&
	python3 - out <<-\PY
	import json, sys
	r = {q["query"]: q for q in json.load(open(sys.argv[1]))["queries"]}
	b = r["brand"]
	assert b["volume"] == 14 * 24 * 4 + 20 + 10 + 100, b
	assert b["reach"] == 14 * 24 * 4 * 10 + 20 * 100 + 10 * 100000 + 100 * 50, b
	assert b["negative"] >= 100 and b["positive"] >= 30, b
	assert r["disruption"]["volume"] == 100, r["disruption"]
	# brand and competitor topics share the voice; products have none
	voice = [q for q in r.values() if q["kind"] in ("brand", "competitor")]
	assert abs(sum(q["share_of_voice"] for q in voice) - 100) < 1e-6, voice
	assert r["bags"]["share_of_voice"] is None
	PY
'

test_expect_success 'report table: the JSON figures, shares in per cent, "-" without mentions' '
	koers listen query add nobody "zzyzxqq" >/dev/null &&
	koers listen report --json >j &&
	koers listen report >out &&
	koers listen query rm nobody >/dev/null &&
	python3 - j out <<-\PY
	import json, sys
	rows = {l.split()[0]: l.split() for l in open(sys.argv[2]).read().splitlines()[2:]}
	for q in json.load(open(sys.argv[1]))["queries"]:
	    n = q["volume"]
	    share = lambda k: "%.1f" % (100 * q[k] / n) if n else "-"
	    sov = "-" if q["share_of_voice"] is None else "%.1f" % q["share_of_voice"]
	    want = [q["query"], q["kind"], str(n), share("positive"), share("neutral"), share("negative"),
	            str(q["reach"]), str(q["engagement"]), sov]
	    assert rows[q["query"]] == want, (rows[q["query"]], want)
	assert rows["nobody"][2:6] == ["0", "-", "-", "-"], rows["nobody"]
	PY
'

test_expect_success 'report --from/--to and --query' '
	koers listen report --from 2026-03-02 --to 2026-03-02 --query brand --json >out &&
	grep -q "\"volume\": 9[0-9]" out && grep -q "\"from\": \"2026-03-02T00:00:00Z\"" out &&
	test_exit 1 koers listen report --query nosuch
'

test_expect_success 'authors: ambassadors by positive mentions weighted by reach, detractors' '
	koers listen authors --json >out &&
	python3 - out <<-\PY
	import json, sys
	a = json.load(open(sys.argv[1]))
	amb = [x["author"] for x in a["ambassadors"]]
	assert len(amb) == 2, amb
	# fan_b: 10 x (1 + floor(log2(100002))) = 170 before fan_a: 20 x (1 + floor(log2(102))) = 140
	assert amb[:2] == ["@fan_b", "@fan_a"], amb
	assert a["ambassadors"][0]["score"] == 170 and a["ambassadors"][1]["score"] == 140, a["ambassadors"][:2]
	assert all(x["author"].startswith("@angry") for x in a["detractors"]), a["detractors"]
	PY
'

test_expect_success 'terms: the complaint words emerge, the routine ones do not' '
	koers listen terms --json >out &&
	python3 - out <<-\PY
	import json, sys
	t = [x["term"] for x in json.load(open(sys.argv[1]))]
	for w in ("terrible", "awful", "delay"):
	    assert w in t, (w, t)
	for w in ("glasgow", "stornoway", "flight", "flynorthwind"):
	    assert w not in t, (w, t)
	PY
'

test_expect_success 'alerts: the burst is a level-1 crisis with owner, response time and holding statement' '
	test_exit 1 koers listen alerts --json >out &&
	python3 - out <<-\PY
	import json, sys
	a = json.load(open(sys.argv[1]))
	hit = [x for x in a if x["query"] == "brand" and x["time"] == "2026-03-15T10:00:00Z"]
	assert {x["metric"] for x in hit} == {"volume", "negative"}, a
	for x in hit:
	    assert x["level"] == 1 and x["owner"] == "aoife" and x["response_time_minutes"] == 15, x
	    assert x["holding_statement"].startswith("We"), x
	assert not [x for x in a if x["query"] == "brand" and x["time"] != "2026-03-15T10:00:00Z"], a
	PY
	test_exit 1 koers listen alerts >out &&
	grep -q "owner aoife" out
'

test_expect_success 'detect: one alert at the spike of a series, none in its noise' '
	python3 -c "
import datetime
t = datetime.datetime(2026, 1, 5)
print(\"timestamp,value\")
for i in range(24 * 21):
    print((t + datetime.timedelta(hours=i)).strftime(\"%Y-%m-%d %H:%M:%S\") + \",\" + str(100 if i == 400 else 10 + i % 3))
" >series.csv &&
	koers listen detect --series series.csv --json >out &&
	python3 - out <<-\PY
	import json, sys
	a = json.load(open(sys.argv[1]))
	assert len(a) == 1 and a[0]["time"] == "2026-01-21T16:00:00Z", a
	assert 10 <= a[0]["baseline"] <= 12 and a[0]["value"] == 100, a
	PY
	printf "timestamp,value\nnot a time,3\n2026-01-05 00:00:00,nan\n" >bad.csv &&
	test_exit 1 koers listen detect --series bad.csv 2>err && grep -q "line 2" err && grep -q "line 3" err &&
	test_exit 2 koers listen detect
'

test_expect_success 'detect: no alerts during the warm-up; one episode is one alert' '
	python3 -c "
import datetime
t = datetime.datetime(2026, 1, 5)
print(\"timestamp,value\")
for i in range(24 * 14):
    v = 100 if i == 30 or 200 <= i < 206 else 10 + i % 3
    print((t + datetime.timedelta(hours=i)).strftime(\"%Y-%m-%d %H:%M:%S\") + \",\" + str(v))
" >episode.csv &&
	koers listen detect --series episode.csv --refractory 0 --json >out &&
	test "$(json_get "len(j)" <out)" = 1 &&
	test "$(json_get "j[0][\"time\"]" <out)" = 2026-01-13T08:00:00Z &&
	koers listen detect --series episode.csv --warmup 20000 --json >out &&
	test "$(json_get "len(j)" <out)" = 0 &&
	test_exit 2 koers listen detect --series episode.csv --rearm soon
'
