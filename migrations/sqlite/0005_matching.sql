-- Volunteer profiles, availability and trainings; match requests, matches and check-ins.

CREATE TABLE volunteer_profiles (
    account_id        INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    status            TEXT    NOT NULL DEFAULT 'applicant' CHECK (status IN ('applicant', 'active', 'paused', 'left')),
    city              TEXT,
    online            INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    capacity          INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 4),
    gender            TEXT    CHECK (gender IN ('female', 'male', 'other')),
    origin_country    TEXT,
    protection_path   TEXT,
    field_of_work     TEXT,
    practice_language TEXT,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE volunteer_languages (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    language   TEXT    NOT NULL,
    level      TEXT    NOT NULL CHECK (level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native')),
    PRIMARY KEY (account_id, language)
);

-- Weekly windows in Europe/Tallinn wall-clock minutes.
CREATE TABLE volunteer_availability (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute)
);
CREATE INDEX volunteer_availability_account ON volunteer_availability (account_id);

-- Built-in trainings are named by the interface in each language; an admin adds others.
CREATE TABLE trainings (
    code    TEXT    PRIMARY KEY,
    name    TEXT    NOT NULL,
    builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);
INSERT INTO trainings (code, name, builtin) VALUES
    ('coaching', 'Coaching training', 1),
    ('peer_counselling', 'Peer-counsellor training', 1);

CREATE TABLE volunteer_trainings (
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    training     TEXT    NOT NULL REFERENCES trainings (code),
    completed_on TEXT    NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (account_id, training)
);

CREATE TABLE match_requests (
    id                INTEGER PRIMARY KEY,
    household_id      INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    member_id         INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    programme         TEXT    NOT NULL CHECK (programme IN ('adaptation_mentor', 'peer_counsellor', 'language_partner', 'job_mentor')),
    language          TEXT,
    gender            TEXT    CHECK (gender IN ('female', 'male')),
    meeting           TEXT    NOT NULL CHECK (meeting IN ('in_person', 'online', 'either')),
    city              TEXT    NOT NULL,
    field_of_work     TEXT,
    practice_language TEXT,
    origin_country    TEXT,
    -- Comma-separated times of the week (weekday_mornings, weekday_afternoons, ...).
    times             TEXT    NOT NULL DEFAULT '',
    notes             TEXT,
    status            TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'closed', 'withdrawn')),
    requested_by      INTEGER NOT NULL REFERENCES accounts (id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX match_requests_status ON match_requests (status);

CREATE TABLE matches (
    id                 INTEGER PRIMARY KEY,
    request_id         INTEGER NOT NULL REFERENCES match_requests (id) ON DELETE CASCADE,
    volunteer_id       INTEGER NOT NULL REFERENCES accounts (id),
    status             TEXT    NOT NULL CHECK (status IN ('proposed', 'approved', 'active', 'declined', 'rejected', 'closed')),
    score              INTEGER NOT NULL,
    -- The score by criterion, as JSON.
    breakdown          TEXT    NOT NULL,
    proposed_at        INTEGER NOT NULL,
    approved_by        INTEGER REFERENCES accounts (id),
    approved_at        INTEGER,
    answered_at        INTEGER,
    decline_reason     TEXT,
    closed_at          INTEGER,
    close_reason       TEXT    CHECK (close_reason IN ('goal_reached', 'moved', 'no_contact')),
    feedback_volunteer TEXT,
    feedback_household TEXT,
    updated_at         INTEGER NOT NULL
);
-- A request has at most one live match: proposed, approved or active.
CREATE UNIQUE INDEX matches_one_live ON matches (request_id) WHERE status IN ('proposed', 'approved', 'active');
CREATE INDEX matches_volunteer ON matches (volunteer_id, status);

CREATE TABLE check_ins (
    id         INTEGER PRIMARY KEY,
    match_id   INTEGER NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    on_date    TEXT    NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 720),
    note       TEXT,
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX check_ins_match ON check_ins (match_id, on_date);
