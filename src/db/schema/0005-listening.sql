-- Listening: tracked queries, matched mentions, their query matches, hourly
-- aggregates per query and authors. Only mentions that match at least one
-- tracked query are stored. A mention is identified by (workspace, platform,
-- remote id): ingesting it again changes nothing, so aggregates and authors
-- are only updated in the transaction that first stores it (see
-- src/listen/engine.c). Times are UTC seconds; hours are UTC seconds / 3600.
-- Ingest speed matters more than report speed here: mentions have no index
-- by time (reports over a period read listen_hourly, or scan the mentions).

-- Tracked queries: the plan's listening topics (source 'plan', refreshed on
-- every ingest) and queries added with `koers listen query add` ('cli').
CREATE TABLE listen_queries (
	id INTEGER PRIMARY KEY,
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	expr TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'other', -- brand, product, competitor, campaign, other
	source TEXT NOT NULL DEFAULT 'cli' CHECK (source IN ('plan', 'cli')),
	active INTEGER NOT NULL DEFAULT 1,
	UNIQUE (workspace_id, name)
);

CREATE TABLE mentions (
	id INTEGER PRIMARY KEY,
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	remote_id TEXT NOT NULL,
	author TEXT,
	created_at INTEGER NOT NULL,
	lang TEXT,
	text TEXT NOT NULL,
	url TEXT,
	reply_to TEXT,
	followers INTEGER NOT NULL DEFAULT 0,
	likes INTEGER NOT NULL DEFAULT 0,
	reposts INTEGER NOT NULL DEFAULT 0,
	replies INTEGER NOT NULL DEFAULT 0,
	sentiment INTEGER NOT NULL DEFAULT 0, -- -1 negative, 0 neutral, 1 positive
	score REAL NOT NULL DEFAULT 0,
	intent TEXT,
	UNIQUE (workspace_id, platform, remote_id)
);

-- Keyed by mention first: new mentions have growing ids, so inserts append
-- instead of touching pages all over the table (per-query numbers come from
-- listen_hourly; per-query lists look a mention's matches up).
CREATE TABLE mention_matches (
	mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
	query_id INTEGER NOT NULL REFERENCES listen_queries(id) ON DELETE CASCADE,
	PRIMARY KEY (mention_id, query_id)
) WITHOUT ROWID;

CREATE TABLE listen_hourly (
	query_id INTEGER NOT NULL REFERENCES listen_queries(id) ON DELETE CASCADE,
	hour INTEGER NOT NULL,
	volume INTEGER NOT NULL DEFAULT 0,
	positive INTEGER NOT NULL DEFAULT 0,
	neutral INTEGER NOT NULL DEFAULT 0,
	negative INTEGER NOT NULL DEFAULT 0,
	reach INTEGER NOT NULL DEFAULT 0,
	engagement INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (query_id, hour)
) WITHOUT ROWID;

-- Authors of stored mentions, over all queries: followers as last seen.
CREATE TABLE listen_authors (
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	handle TEXT NOT NULL,
	followers INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0,
	positive INTEGER NOT NULL DEFAULT 0,
	neutral INTEGER NOT NULL DEFAULT 0,
	negative INTEGER NOT NULL DEFAULT 0,
	engagement INTEGER NOT NULL DEFAULT 0,
	last_at INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (workspace_id, platform, handle)
) WITHOUT ROWID;
