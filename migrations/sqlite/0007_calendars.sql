-- Personal calendar feeds, their rate limit, imported busy times, and calendar attachments of
-- outgoing messages.

-- A person's secret feed address, shown to them on their calendar page; it is looked up by its
-- hash, so a lookup takes as long whatever the guess. A new token replaces the old.
CREATE TABLE calendar_feeds (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    token      TEXT    NOT NULL,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- Feed requests per bucket (a token, or all unknown tokens together) and minute, shared by every
-- server instance.
CREATE TABLE feed_hits (
    bucket TEXT    NOT NULL,
    minute INTEGER NOT NULL,
    hits   INTEGER NOT NULL,
    PRIMARY KEY (bucket, minute)
);

-- The last calendar a person uploaded: busy spans only, no titles.
CREATE TABLE busy_imports (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    events      INTEGER NOT NULL,
    uploaded_at INTEGER NOT NULL
);
CREATE TABLE busy_times (
    account_id INTEGER NOT NULL REFERENCES busy_imports (account_id) ON DELETE CASCADE,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX busy_times_account ON busy_times (account_id, starts_at);

-- The iCalendar invitation (REQUEST or CANCEL) mailed with a message.
ALTER TABLE outbox ADD COLUMN calendar TEXT;
