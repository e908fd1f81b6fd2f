-- Running Tugi for real: offices an admin creates and closes, rooms with accessibility notes,
-- invitations that carry a language (and, for a beneficiary, their household member) and can be
-- revoked or sent again, password resets, throttling counters, outbox messages that failed for
-- good, and the background worker's last run.

ALTER TABLE offices ADD COLUMN city TEXT NOT NULL DEFAULT '';
-- A closed office takes no bookings and no new series; it is kept for history.
ALTER TABLE offices ADD COLUMN closed_at INTEGER;
UPDATE offices SET city = 'Tallinn' WHERE code = 'tallinn';
UPDATE offices SET city = 'Tartu' WHERE code = 'tartu';
CREATE UNIQUE INDEX offices_name_unique ON offices (lower(name));

ALTER TABLE rooms ADD COLUMN accessibility TEXT NOT NULL DEFAULT '';

-- Invitations get an id (to revoke or resend one) besides their secret token's hash.
CREATE TABLE invites_new (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT    NOT NULL UNIQUE,
    -- A member reached by phone only chooses their email (the login) when accepting.
    email        TEXT,
    phone        TEXT,
    display_name TEXT    NOT NULL,
    roles        TEXT    NOT NULL,
    language     TEXT    NOT NULL DEFAULT 'et' CHECK (language IN ('et', 'en', 'ru', 'uk')),
    -- A beneficiary's invitation names the household member the new login belongs to.
    member_id    INTEGER REFERENCES members (id) ON DELETE CASCADE,
    created_by   INTEGER REFERENCES accounts (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,
    revoked_at   INTEGER,
    sent_count   INTEGER NOT NULL DEFAULT 0,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
INSERT INTO invites_new (token_hash, email, display_name, roles, created_by, created_at, expires_at, used_at)
    SELECT token_hash, email, display_name, roles, created_by, created_at, expires_at, used_at FROM invites;
DROP TABLE invites;
ALTER TABLE invites_new RENAME TO invites;
CREATE INDEX invites_email ON invites (email);

-- A login belongs to at most one household member.
CREATE UNIQUE INDEX members_account_unique ON members (account_id) WHERE account_id IS NOT NULL;

CREATE TABLE password_resets (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT    NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX password_resets_account ON password_resets (account_id);

-- Attempts counted per scope ('reset:email', 'reset:client', …) and key, shared by every instance.
CREATE TABLE throttle_hits (
    scope TEXT    NOT NULL,
    key   TEXT    NOT NULL,
    at    INTEGER NOT NULL
);
CREATE INDEX throttle_hits_key ON throttle_hits (scope, key, at);

-- A message that cannot be delivered (a bad address, a permanent SMTP refusal, too many tries)
-- is set aside for an admin to look at and retry.
ALTER TABLE outbox ADD COLUMN failed_at INTEGER;

-- When each instance's background worker last finished a run.
CREATE TABLE worker_runs (
    instance    TEXT    PRIMARY KEY,
    finished_at INTEGER NOT NULL
);
