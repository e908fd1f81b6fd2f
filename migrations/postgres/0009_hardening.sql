-- Hardening: sessions that end when idle, feed tokens kept only as a hash, one table for every
-- attempt counter.

-- A session ends after a while without a request (shared reception PCs) as well as 12 hours
-- after login; the worker sweeps ended sessions, and with them their form drafts.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- A feed address is shown once, when it is made; only its hash is kept (existing addresses keep
-- working, and their owners can no longer read them back).
ALTER TABLE calendar_feeds DROP COLUMN token;

-- Failed logins are counted in throttle_hits, with every other attempt counter.
DROP TABLE login_failures;
CREATE INDEX throttle_hits_at ON throttle_hits (at);

-- The audit log also records security events (a failed login names no account), with the
-- client's address and a detail; rows can be added, never changed.
ALTER TABLE audit_log ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN subject_id DROP NOT NULL;
ALTER TABLE audit_log ADD COLUMN detail TEXT;
ALTER TABLE audit_log ADD COLUMN client TEXT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_account ON audit_log (account_id, at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
