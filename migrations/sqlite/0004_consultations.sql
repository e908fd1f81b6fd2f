-- Coordinators' office hours at the receptions, the consultations booked in them, the admin's
-- opening or closing of single dates, and the outbox of messages to send.

-- A weekly window of one coordinator at one office, in Europe/Tallinn wall-clock time.
CREATE TABLE office_hours (
    id             INTEGER PRIMARY KEY,
    coordinator_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    office_id      INTEGER NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
    -- ISO weekday, Monday = 1.
    weekday        INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time     TEXT    NOT NULL,
    end_time       TEXT    NOT NULL,
    slot_minutes   INTEGER NOT NULL CHECK (slot_minutes BETWEEN 15 AND 240),
    buffer_minutes INTEGER NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 120),
    created_at     INTEGER NOT NULL,
    CHECK (end_time > start_time)
);
CREATE INDEX office_hours_office ON office_hours (office_id);

-- Extra hours on one date, a day off, or leave over a date range.
CREATE TABLE office_hour_exceptions (
    id             INTEGER PRIMARY KEY,
    coordinator_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- Extra hours belong to an office; a day off or leave without an office applies to all.
    office_id      INTEGER REFERENCES offices (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('extra', 'day_off', 'leave')),
    from_date      TEXT    NOT NULL,
    to_date        TEXT    NOT NULL,
    start_time     TEXT,
    end_time       TEXT,
    slot_minutes   INTEGER CHECK (slot_minutes BETWEEN 15 AND 240),
    buffer_minutes INTEGER CHECK (buffer_minutes BETWEEN 0 AND 120),
    note           TEXT,
    created_at     INTEGER NOT NULL,
    CHECK (to_date >= from_date),
    CHECK (kind <> 'extra' OR (office_id IS NOT NULL AND start_time IS NOT NULL
        AND end_time > start_time AND slot_minutes IS NOT NULL AND buffer_minutes IS NOT NULL))
);
CREATE INDEX office_hour_exceptions_dates ON office_hour_exceptions (to_date);

-- An admin's decision to open a public holiday or close an ordinary day, for every office.
CREATE TABLE day_overrides (
    day    TEXT    PRIMARY KEY,
    open   INTEGER NOT NULL CHECK (open IN (0, 1)),
    note   TEXT,
    set_by INTEGER NOT NULL REFERENCES accounts (id),
    set_at INTEGER NOT NULL
);

-- A consultation is an event of kind 'consultation'; its coordinator's occupancy runs to the end
-- of the buffer, so two consultations of one coordinator never come closer than it.
CREATE TABLE consultations (
    event_id        INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    office_id       INTEGER NOT NULL REFERENCES offices (id),
    coordinator_id  INTEGER NOT NULL REFERENCES accounts (id),
    household_id    INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    booked_by       INTEGER NOT NULL REFERENCES accounts (id),
    topic           TEXT    NOT NULL,
    party_size      INTEGER NOT NULL CHECK (party_size BETWEEN 1 AND 10),
    interpreter     TEXT,
    note            TEXT,
    -- Seen by coordinators only.
    staff_note      TEXT,
    walk_in         INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    buffer_minutes  INTEGER NOT NULL DEFAULT 0,
    cancel_reason   TEXT,
    cancelled_by    INTEGER REFERENCES accounts (id),
    -- Set once the 24-hour reminder is queued (or is not needed).
    reminder_queued INTEGER NOT NULL DEFAULT 0 CHECK (reminder_queued IN (0, 1))
);
CREATE INDEX consultations_household ON consultations (household_id);
CREATE INDEX consultations_coordinator ON consultations (coordinator_id);
CREATE INDEX consultations_office ON consultations (office_id);

-- Messages written in the same transaction as the change they tell of, sent by a worker.
-- Rows are never deleted on failure: a failed delivery waits for its next attempt.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('email')),
    recipient       TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    event_id        INTEGER REFERENCES events (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
