-- Workspaces: one organisation each; an agency keeps several in one database.
CREATE TABLE workspaces (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	timezone TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Settings of the database as a whole, e.g. the current workspace.
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- Every imported version of a workspace's plan. The newest is the plan in force;
-- older versions stay for the record ("adjust the plan" is part of the method).
-- `body` is the plan as YAML, exactly as imported.
CREATE TABLE plans (
	id INTEGER PRIMARY KEY,
	workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	source TEXT NOT NULL,
	body TEXT NOT NULL,
	imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (workspace_id, version)
);
