-- Analytics: metrics imported from the platforms' and the website's exports,
-- costs and hours. Every table has a natural key so that importing the same
-- file again updates rows in place instead of adding them (idempotent).
-- Text columns of keys are '' rather than NULL when not given: NULLs never
-- conflict in a UNIQUE key.

-- One row per published post per channel. `post_id` links to the koers post
-- matched through post_channels.remote_id or remote_url at import time; the
-- pillar, persona and campaign columns hold what the export itself said
-- (the generic koers CSV) and count only when no koers post matched.
-- `published_at` is UTC seconds; `has_time` is 0 when the export gave only a
-- date (then best-time analysis leaves the post out).
CREATE TABLE post_metrics (
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	channel TEXT NOT NULL,
	remote_id TEXT NOT NULL,
	post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
	url TEXT,
	published_at INTEGER,
	has_time INTEGER NOT NULL DEFAULT 1,
	text TEXT,
	pillar TEXT,
	persona TEXT,
	campaign TEXT,
	impressions REAL,
	reach REAL,
	engagements REAL,
	likes REAL,
	comments REAL,
	shares REAL,
	saves REAL,
	clicks REAL,
	video_views REAL,
	source TEXT NOT NULL,
	PRIMARY KEY (workspace_id, channel, remote_id)
);
CREATE INDEX post_metrics_by_time ON post_metrics(workspace_id, published_at);

-- Per-account daily figures (followers and what the platform counts per day).
-- `day` is the local date YYYY-MM-DD the export gives.
CREATE TABLE account_metrics (
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	channel TEXT NOT NULL,
	day TEXT NOT NULL,
	followers REAL,
	followers_gained REAL,
	followers_lost REAL,
	impressions REAL,
	reach REAL,
	engagements REAL,
	clicks REAL,
	source TEXT NOT NULL,
	PRIMARY KEY (workspace_id, channel, day)
);

-- Website analytics per day and source / medium / campaign (GA4 traffic
-- acquisition).
CREATE TABLE web_metrics (
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	medium TEXT NOT NULL DEFAULT '',
	campaign TEXT NOT NULL DEFAULT '',
	sessions REAL,
	key_events REAL,
	revenue REAL,
	origin TEXT NOT NULL,
	PRIMARY KEY (workspace_id, day, source, medium, campaign)
);

-- Money spent and hours worked, for budget against actual and ROI.
-- `category` is one of the plan's budget categories; campaign and channel are
-- plan ids or ''.
CREATE TABLE costs (
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	category TEXT NOT NULL,
	campaign TEXT NOT NULL DEFAULT '',
	channel TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	amount REAL NOT NULL DEFAULT 0,
	hours REAL NOT NULL DEFAULT 0,
	source TEXT NOT NULL,
	PRIMARY KEY (workspace_id, day, category, campaign, channel, note)
);
