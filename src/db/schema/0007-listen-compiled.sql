-- The tracked queries of a workspace compiled into Hyperscan databases,
-- kept between ingests: compiling 1,000 queries takes about a second.
-- `key` names the exact pattern list and Hyperscan version (src/listen/query.h);
-- a workspace keeps only its latest database.
CREATE TABLE listen_compiled (
	workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
	key TEXT NOT NULL,
	db BLOB NOT NULL
);
