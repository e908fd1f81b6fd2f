-- A person's own calendar followed by its secret address: fetched every 30 minutes, its busy
-- times replacing the person's imported ones. The address is kept only sealed (encrypted) and
-- as a masked text to show back; the last fetch and the last error are shown to the person.
CREATE TABLE busy_subscriptions (
    account_id      BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    address_sealed  TEXT    NOT NULL,
    address_masked  TEXT    NOT NULL,
    etag            TEXT,
    last_modified   TEXT,
    next_fetch_at   BIGINT NOT NULL,
    last_fetch_at   BIGINT,
    last_success_at BIGINT,
    last_error      TEXT,
    last_error_at   BIGINT,
    failing_since   BIGINT,
    paused_at       BIGINT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX busy_subscriptions_due ON busy_subscriptions (next_fetch_at);
