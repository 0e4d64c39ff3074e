-- Website rows keep their utm_content too. koers tags the links of each post
-- with its post id there, so visits, key events and revenue can be traced to
-- the post, and from it to its pillar and persona. SQLite cannot change a
-- primary key in place: the table is rebuilt with content in the key.
CREATE TABLE web_metrics_new (
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	medium TEXT NOT NULL DEFAULT '',
	campaign TEXT NOT NULL DEFAULT '',
	content TEXT NOT NULL DEFAULT '',
	sessions REAL,
	key_events REAL,
	revenue REAL,
	origin TEXT NOT NULL,
	PRIMARY KEY (workspace_id, day, source, medium, campaign, content)
);
INSERT INTO web_metrics_new(workspace_id, day, source, medium, campaign, sessions, key_events, revenue, origin)
	SELECT workspace_id, day, source, medium, campaign, sessions, key_events, revenue, origin FROM web_metrics;
DROP TABLE web_metrics;
ALTER TABLE web_metrics_new RENAME TO web_metrics;
