-- The first and last created_at of each workspace's stored mentions, kept
-- by the ingest in the transaction that stores them, so that the reports'
-- default period does not scan every mention (mentions have no index by
-- time; see 0005).
CREATE TABLE listen_span (
	workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
	first_at INTEGER NOT NULL,
	last_at INTEGER NOT NULL
);
INSERT INTO listen_span(workspace_id, first_at, last_at)
	SELECT workspace_id, min(created_at), max(created_at) FROM mentions GROUP BY workspace_id;
