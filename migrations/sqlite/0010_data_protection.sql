-- Data protection: consent can be withdrawn per purpose, a household remembers when it was
-- closed (retention counts from then) and when it was erased (anonymised, counts kept).

ALTER TABLE consents ADD COLUMN withdrawn_on TEXT;
ALTER TABLE consents ADD COLUMN withdrawn_by INTEGER REFERENCES accounts (id);
ALTER TABLE consents ADD COLUMN withdrawn_at INTEGER;

ALTER TABLE households ADD COLUMN closed_at INTEGER;
ALTER TABLE households ADD COLUMN erased_at INTEGER;
UPDATE households SET closed_at = updated_at WHERE status = 'closed';
CREATE INDEX households_closed_at ON households (closed_at);

-- The retention job blanks message bodies once they are old and finds them by age.
CREATE INDEX outbox_created_at ON outbox (created_at);
