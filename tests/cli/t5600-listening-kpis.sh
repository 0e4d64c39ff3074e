#!/usr/bin/env bash
# Listening KPIs and the report's listening section, when the listening
# module's tables exist (created here as the listening schema defines them,
# IF NOT EXISTS so the test also runs on a database that has them).
. "$(dirname "$0")/lib.sh"
setup() {
	rm -f koers.db* && koers plan import "$EXAMPLES/fietsen-nl.yaml" >/dev/null && /usr/bin/python3 - <<'PY'
import sqlite3
c = sqlite3.connect("koers.db")
c.executescript("""
CREATE TABLE IF NOT EXISTS listen_queries (id INTEGER PRIMARY KEY, workspace_id INTEGER NOT NULL, name TEXT NOT NULL,
  expr TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'other', source TEXT NOT NULL DEFAULT 'cli', active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, name));
CREATE TABLE IF NOT EXISTS mentions (id INTEGER PRIMARY KEY, workspace_id INTEGER NOT NULL, platform TEXT NOT NULL,
  remote_id TEXT NOT NULL, author TEXT, created_at INTEGER NOT NULL, lang TEXT, text TEXT NOT NULL, url TEXT, reply_to TEXT,
  followers INTEGER NOT NULL DEFAULT 0, likes INTEGER NOT NULL DEFAULT 0, reposts INTEGER NOT NULL DEFAULT 0,
  replies INTEGER NOT NULL DEFAULT 0, sentiment INTEGER NOT NULL DEFAULT 0, score REAL NOT NULL DEFAULT 0, intent TEXT,
  UNIQUE (workspace_id, platform, remote_id));
CREATE TABLE IF NOT EXISTS mention_matches (mention_id INTEGER NOT NULL, query_id INTEGER NOT NULL, PRIMARY KEY (query_id, mention_id));
""")
c.execute("INSERT INTO listen_queries(id, workspace_id, name, expr, kind) VALUES (1, 1, 'brand', 'van dijk', 'brand'), (2, 1, 'rival', 'rival', 'competitor')")
# 2026-03-10T12:00Z = 1773144000; four brand mentions (2 positive, 1 negative, 1 neutral), one competitor-only
rows = [(1, 'instagram', 'm1', 'anouk', 1, 12000, 1), (2, 'instagram', 'm2', 'anouk', 1, 12000, 1), (3, 'facebook', 'm3', 'kees', -1, 300, 1),
        (4, 'facebook', 'm4', 'els', 0, 150, 1), (5, 'facebook', 'm5', 'piet', 1, 90, 2)]
for i, plat, rid, author, sent, fol, q in rows:
    c.execute("INSERT INTO mentions(id, workspace_id, platform, remote_id, author, created_at, text, followers, sentiment) VALUES (?, 1, ?, ?, ?, ?, 'x', ?, ?)",
              (i, plat, rid, author, 1773144000 + i * 60, fol, sent))
    c.execute("INSERT INTO mention_matches(mention_id, query_id) VALUES (?, ?)", (i, q))
c.commit()
PY
}
test_expect_success 'mentions, net sentiment and share of voice by hand' '
	setup && koers kpi --period 2026-03 --json >k.json &&
	# brand: 4 mentions, (2 - 1) / 4 = +25; share of voice 4 / (4 + 1) = 80 %
	test "$(json_get "j[\"groups\"][0][\"kpis\"][\"mentions\"]" <k.json)" = 4.0 &&
	test "$(json_get "j[\"groups\"][0][\"kpis\"][\"sentiment_net\"]" <k.json)" = 25.0 &&
	test "$(json_get "j[\"groups\"][0][\"kpis\"][\"share_of_voice\"]" <k.json)" = 80.0 &&
	koers kpi --period 2026-03 --by channel --json >k.json &&
	json_get "{g[\"name\"]: g[\"kpis\"][\"mentions\"] for g in j[\"groups\"]}" <k.json | grep -q "'\''fb'\'': 2.0, '\''ig'\'': 2.0" &&
	koers kpi --period 2026-02 --json >k.json && test "$(json_get "j[\"groups\"][0][\"kpis\"][\"mentions\"]" <k.json)" = None
'
test_expect_success 'the report has a listening section with ambassadors; without data none' '
	setup && koers --lang en report --period 2026-Q1 -o r.csv && tr -d "\r" <r.csv >r2.csv &&
	grep -q "^listening,2,Value,25$" r2.csv && grep -q "^ambassadors,1,Author,anouk$" r2.csv &&
	grep -q "^ambassadors,1,Positive,2$" r2.csv && ! grep -q "^ambassadors,.*,piet$" r2.csv &&
	koers report --period 2026-Q1 -o r.html && "$TOP/tests/cli/check-html5" r.html &&
	koers --lang en report --period 2025-Q1 -o old.csv && ! grep -q "^listening" old.csv
'
