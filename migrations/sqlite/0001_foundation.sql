-- Accounts, sessions, invites, offices, households and the audit log.
-- Instants are UTC unix seconds (INTEGER); calendar dates are ISO text (YYYY-MM-DD).

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT,
    language      TEXT    NOT NULL DEFAULT 'et' CHECK (language IN ('et', 'en', 'ru', 'uk')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    INTEGER NOT NULL
);

CREATE TABLE account_roles (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator', 'support_person', 'volunteer', 'facilitator', 'beneficiary')),
    PRIMARY KEY (account_id, role)
);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    draft_path TEXT,
    draft      TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE login_failures (
    email TEXT    NOT NULL,
    at    INTEGER NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);

CREATE TABLE invites (
    token_hash   TEXT    PRIMARY KEY,
    email        TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    roles        TEXT    NOT NULL,
    created_by   INTEGER REFERENCES accounts (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
);

CREATE TABLE offices (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE rooms (
    id        INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    capacity  INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    UNIQUE (office_id, name)
);

CREATE TABLE households (
    id           INTEGER PRIMARY KEY,
    city         TEXT    NOT NULL,
    arrival_date TEXT    NOT NULL,
    phone        TEXT,
    email        TEXT,
    channel      TEXT    NOT NULL,
    needs        TEXT,
    notes        TEXT,
    status       TEXT    NOT NULL CHECK (status IN ('active', 'closed')),
    -- Lower-cased names, city and contacts, written by the application for search.
    search_text  TEXT    NOT NULL DEFAULT '',
    created_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX households_city ON households (city);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    first_name    TEXT    NOT NULL,
    last_name     TEXT    NOT NULL,
    date_of_birth TEXT    NOT NULL,
    gender        TEXT    NOT NULL CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
    account_id    INTEGER REFERENCES accounts (id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX members_household ON members (household_id);

CREATE TABLE member_languages (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    language  TEXT    NOT NULL,
    level     TEXT    NOT NULL,
    PRIMARY KEY (member_id, language)
);

CREATE TABLE consents (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    purpose      TEXT    NOT NULL,
    given_on     TEXT    NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at  INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    action       TEXT    NOT NULL,
    subject_type TEXT    NOT NULL,
    subject_id   INTEGER NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
