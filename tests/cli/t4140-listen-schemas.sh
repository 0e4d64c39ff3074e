#!/usr/bin/env bash
# The fields the Mastodon and Bluesky readers take exist in the published
# schemas (../shared/data: the Mastodon OpenAPI description, the Bluesky
# app.bsky.feed.post lexicon), and a status built from the schema's own
# example values is read.
. "$TOP/tests/cli/lib.sh"

M=$SHARED/data/mastodon-openapi/schema.json
B=$SHARED/data/bluesky-atproto/lexicons/app/bsky/feed/post.json
[ -f "$M" ] && [ -f "$B" ] || { echo "1..0 # skip: no $SHARED/data"; exit 0; }

test_expect_success 'Mastodon Status and Account fields read by koers are in the OpenAPI schema' '
	python3 - "$M" <<-\PY
	import json, sys
	s = json.load(open(sys.argv[1]))["components"]["schemas"]
	status, account = s["Status"]["properties"], s["Account"]["properties"]
	for f in ("id", "uri", "url", "created_at", "content", "spoiler_text", "language", "in_reply_to_id",
	          "reblog", "account", "favourites_count", "reblogs_count", "replies_count"):
	    assert f in status, f
	for f in ("acct", "followers_count"):
	    assert f in account, f
	PY
'

test_expect_success 'app.bsky.feed.post fields read by koers are in the lexicon' '
	python3 - "$B" <<-\PY
	import json, sys
	p = json.load(open(sys.argv[1]))["defs"]["main"]["record"]["properties"]
	for f in ("text", "createdAt", "langs", "reply"):
	    assert f in p, f
	PY
'

test_expect_success 'a status with every scalar field the schema lists, typed as it says, is read' '
	koers listen query add all "NOT zzzzqqq" >/dev/null &&
	python3 - "$M" <<-\PY >status.json &&
	import json, sys
	s = json.load(open(sys.argv[1]))["components"]["schemas"]
	def value(p):
	    t = p.get("type")
	    t = [x for x in t if x != "null"][0] if isinstance(t, list) else t
	    if p.get("format") == "date-time":
	        return "2026-03-01T09:30:00.000Z"
	    return {"string": "7", "integer": 2, "boolean": False, "number": 1.5}.get(t)
	def entity(name):
	    return {k: v for k, v in ((k, value(p)) for k, p in s[name]["properties"].items()) if v is not None}
	status = entity("Status")
	status["content"] = "<p>hello &amp; welcome</p>"
	status["account"] = entity("Account")
	status["reblog"] = None
	status["spoiler_text"] = ""
	print(json.dumps([status]))
	PY
	koers listen ingest --format mastodon --json status.json >out &&
	grep -q "\"stored\": 1" out &&
	python3 -c "import sqlite3; print(sqlite3.connect(\"$KOERS_DB\").execute(\"SELECT text, author, created_at, likes FROM mentions\").fetchone())" >row &&
	echo "(\"hello & welcome\", \"@7\", 1772357400, 2)" | tr "\"" "\047" >expect && test_cmp expect row
'
