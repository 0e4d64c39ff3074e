-- The content calendar: posts, their per-channel variants, media, and the
-- full status history. Plan items (channels, pillars, personas, goals,
-- campaigns, team members) are referred to by their plan id as text: the plan
-- is versioned as a whole, so ids stay readable across versions.
-- Times are UTC seconds since the epoch; the workspace's zone turns them into
-- local time for display.
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	title TEXT,
	body TEXT NOT NULL DEFAULT '',
	link TEXT,
	pillar TEXT,
	persona TEXT,
	goal TEXT,
	campaign TEXT,
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'scheduled',
				  'published', 'failed', 'cancelled')),
	scheduled_at INTEGER,
	author TEXT,
	approver TEXT,
	created_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
	updated_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
);
CREATE INDEX posts_by_time ON posts(workspace_id, scheduled_at);

-- One row per channel a post goes to; `body` is the channel's own variant
-- (NULL: the post's body). Publishing fills the remote id and URL.
CREATE TABLE post_channels (
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	channel TEXT NOT NULL,
	body TEXT,
	remote_id TEXT,
	remote_url TEXT,
	published_at INTEGER,
	PRIMARY KEY (post_id, channel)
);
CREATE INDEX post_channels_by_remote ON post_channels(channel, remote_id);

CREATE TABLE post_media (
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	location TEXT NOT NULL,
	alt_text TEXT,
	PRIMARY KEY (post_id, position)
);

-- Every status change: who, when, from what to what.
CREATE TABLE post_history (
	id INTEGER PRIMARY KEY,
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	at INTEGER NOT NULL,
	actor TEXT NOT NULL,
	from_status TEXT,
	to_status TEXT NOT NULL,
	note TEXT
);
CREATE INDEX post_history_by_post ON post_history(post_id, at);

-- Weekly posting slots per channel, in the workspace's local time.
CREATE TABLE posting_slots (
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	channel TEXT NOT NULL,
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	local_time TEXT NOT NULL,
	PRIMARY KEY (workspace_id, channel, weekday, local_time)
);
