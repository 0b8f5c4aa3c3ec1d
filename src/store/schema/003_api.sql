-- 003_api.sql — the JSON API (issue 6): API tokens per account, and an updated_at on
-- every table the API lists, so that a client can ask what changed since its last sync.
-- Forward-only: never edit a shipped file, add a new NNN_*.sql instead.

-- A token is shown once, when it is made; only its hash is kept (like a session's), so a
-- copy of the database cannot be used to call the API. hint is the first characters of
-- the token, so its owner can tell their tokens apart. A revoked token stays, marked.
CREATE TABLE api_token (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES account(id),
	name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	token_hash   BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	hint         TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at   TEXT
) STRICT;
CREATE INDEX api_token_account ON api_token(account_id, revoked_at);

-- updated_at where 001 has none. SQLite cannot add a column whose default is the time,
-- so the triggers below keep it: on every update (and, for employers, which have no
-- created_at, on insert). Contacts and jobs read coalesce(updated_at, created_at), so
-- a bulk import pays nothing for it. Recursive triggers are off: the trigger's own
-- UPDATE does not fire it again.
ALTER TABLE employer ADD COLUMN updated_at TEXT;
ALTER TABLE contact ADD COLUMN updated_at TEXT;
ALTER TABLE job ADD COLUMN updated_at TEXT;
UPDATE employer SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');

CREATE TRIGGER employer_updated_insert AFTER INSERT ON employer
BEGIN
	UPDATE employer SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER employer_updated_update AFTER UPDATE ON employer
BEGIN
	UPDATE employer SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER contact_updated_update AFTER UPDATE ON contact
BEGIN
	UPDATE contact SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER job_updated_update AFTER UPDATE ON job
BEGIN
	UPDATE job SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;

-- Incremental sync reads people and referrals by when they changed.
CREATE INDEX client_updated ON client(updated_at);
CREATE INDEX referral_updated ON referral(client_id, updated_at);
