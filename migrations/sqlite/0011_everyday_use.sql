-- When a registration got its seats: a session's roster lists only people confirmed before the
-- session ended (and anyone already marked for it).
ALTER TABLE registrations ADD COLUMN confirmed_at INTEGER;
UPDATE registrations SET confirmed_at = created_at WHERE status = 'confirmed';

-- The way a household's search text is written (Tugi rewrites older ones when it starts).
ALTER TABLE households ADD COLUMN search_version INTEGER NOT NULL DEFAULT 0;
