-- Requests that arrive through the public contact and self-referral form, and what the
-- coordinators did with them. Personal fields are blanked by the retention job once a request
-- has been closed long enough; kind, outcome and dates stay for the delivery report.
CREATE TABLE intake_requests (
    id            INTEGER PRIMARY KEY,
    requester     TEXT    NOT NULL CHECK (requester IN ('self', 'family', 'organisation')),
    name          TEXT    NOT NULL,
    organisation  TEXT,
    phone         TEXT,
    email         TEXT,
    channel       TEXT    NOT NULL,
    language      TEXT    NOT NULL CHECK (language IN ('et', 'en', 'ru', 'uk')),
    city          TEXT    NOT NULL,
    office_id     INTEGER REFERENCES offices (id) ON DELETE SET NULL,
    help          TEXT    NOT NULL
        CHECK (help IN ('support_person', 'consultation', 'workshop', 'volunteer', 'other')),
    message       TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'taken', 'closed')),
    taken_by      INTEGER REFERENCES accounts (id),
    taken_at      INTEGER,
    contact_note  TEXT,
    contacted_at  INTEGER,
    outcome       TEXT
        CHECK (outcome IN ('registered', 'answered', 'not_eligible', 'duplicate', 'spam')),
    close_note    TEXT,
    household_id  INTEGER REFERENCES households (id) ON DELETE SET NULL,
    closed_by     INTEGER REFERENCES accounts (id),
    closed_at     INTEGER,
    created_at    INTEGER NOT NULL,
    erased_at     INTEGER,
    CHECK ((status = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX intake_requests_open ON intake_requests (status, created_at);
CREATE INDEX intake_requests_household ON intake_requests (household_id);

-- Settings an admin changes in the app (the funder's acknowledgement), and the key that signs
-- the contact form's time stamp, shared by every server instance.
CREATE TABLE site_settings (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- What a visitor without a login typed into a form that failed while JavaScript was off, kept
-- for a few minutes under a cookie of their browser (logged-in people keep theirs in the session).
CREATE TABLE visitor_drafts (
    token_hash TEXT    NOT NULL,
    form       TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (token_hash, form)
);
CREATE INDEX visitor_drafts_expiry ON visitor_drafts (expires_at);
