-- Workshops and group activities: activity types, series with their sessions (events on the
-- shared calendar, occupying their room and facilitators), registrations with seats and a
-- waitlist, and attendance.

CREATE TABLE activity_types (
    code           TEXT    PRIMARY KEY,
    category       TEXT    NOT NULL CHECK (category IN ('life_skills', 'mental_health')),
    builtin        INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    -- Whether a beneficiary may sign up members of their household with them.
    family         INTEGER NOT NULL DEFAULT 1 CHECK (family IN (0, 1)),
    -- Names and descriptions of types an admin adds (built-ins are translated by the interface).
    name_et        TEXT,
    name_en        TEXT,
    name_ru        TEXT,
    name_uk        TEXT,
    description_et TEXT,
    description_en TEXT,
    description_ru TEXT,
    description_uk TEXT
);
INSERT INTO activity_types (code, category, builtin, family) VALUES
    ('work_readiness', 'life_skills', 1, 0),
    ('parenting', 'life_skills', 1, 1),
    ('digital_literacy', 'life_skills', 1, 1),
    ('household_budgeting', 'life_skills', 1, 1),
    ('art_therapy', 'mental_health', 1, 1),
    ('womens_group', 'mental_health', 1, 1),
    ('mens_group', 'mental_health', 1, 1);

CREATE TABLE series (
    id                  INTEGER PRIMARY KEY,
    activity            TEXT    NOT NULL REFERENCES activity_types (code),
    office_id           INTEGER NOT NULL REFERENCES offices (id),
    place_kind          TEXT    NOT NULL CHECK (place_kind IN ('room', 'address', 'online')),
    room_id             INTEGER REFERENCES rooms (id),
    address             TEXT,
    -- Shown only to confirmed participants.
    online_link         TEXT,
    capacity            INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    -- Confirmed seats; the database refuses more than the capacity.
    seats_taken         INTEGER NOT NULL DEFAULT 0,
    languages           TEXT    NOT NULL,
    interpretation      INTEGER NOT NULL DEFAULT 0 CHECK (interpretation IN (0, 1)),
    eligibility         TEXT    NOT NULL CHECK (eligibility IN ('everyone', 'women_only', 'men_only', 'adults_only', 'parents')),
    childcare           INTEGER NOT NULL DEFAULT 0 CHECK (childcare IN (0, 1)),
    drop_in             INTEGER NOT NULL DEFAULT 0 CHECK (drop_in IN (0, 1)),
    -- Book the first waiting request at once instead of offering the seat.
    auto_book           INTEGER NOT NULL DEFAULT 0 CHECK (auto_book IN (0, 1)),
    offer_hours         INTEGER NOT NULL DEFAULT 24 CHECK (offer_hours BETWEEN 1 AND 168),
    registration_opens  INTEGER NOT NULL,
    registration_closes INTEGER NOT NULL,
    cancel_cutoff_hours INTEGER NOT NULL DEFAULT 24 CHECK (cancel_cutoff_hours BETWEEN 0 AND 336),
    status              TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
    created_by          INTEGER NOT NULL REFERENCES accounts (id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK (seats_taken BETWEEN 0 AND capacity),
    CHECK (registration_closes > registration_opens)
);
CREATE INDEX series_office ON series (office_id, status);

CREATE TABLE series_facilitators (
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (series_id, account_id)
);

CREATE TABLE series_sessions (
    event_id   INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    moved_from TEXT
);
CREATE INDEX series_sessions_series ON series_sessions (series_id);

-- One request: a household's people for a series (or one drop-in session), confirmed or waiting
-- together.
CREATE TABLE registrations (
    id               INTEGER PRIMARY KEY,
    series_id        INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    session_id       INTEGER REFERENCES events (id),
    household_id     INTEGER NOT NULL REFERENCES households (id),
    booked_by        INTEGER NOT NULL REFERENCES accounts (id),
    seats            INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 20),
    status           TEXT    NOT NULL CHECK (status IN ('confirmed', 'waiting', 'offered', 'cancelled', 'expired')),
    childcare        TEXT,
    offer_expires_at INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX registrations_series ON registrations (series_id, status, id);

CREATE TABLE registration_people (
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    series_id       INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    member_id       INTEGER NOT NULL REFERENCES members (id),
    -- 1 while the registration is live (confirmed, waiting or offered): a person is signed up once.
    live            INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1)),
    PRIMARY KEY (registration_id, member_id)
);
CREATE UNIQUE INDEX registration_people_once ON registration_people (series_id, member_id) WHERE live = 1;

CREATE TABLE attendance (
    session_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members (id),
    status     TEXT    NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
    marked_by  INTEGER NOT NULL REFERENCES accounts (id),
    marked_at  INTEGER NOT NULL,
    PRIMARY KEY (session_id, member_id)
);
