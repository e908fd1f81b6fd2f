-- Support persons, their assignments to households, the adaptation checklist, and the calendar
-- (events and what they occupy) that meetings and every later kind of event are written to.

CREATE TABLE support_profiles (
    account_id     INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    city           TEXT    NOT NULL DEFAULT '',
    phone          TEXT,
    caseload_limit INTEGER NOT NULL DEFAULT 5 CHECK (caseload_limit BETWEEN 1 AND 30),
    status         TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    updated_at     INTEGER NOT NULL
);

CREATE TABLE support_languages (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    language   TEXT    NOT NULL,
    level      TEXT    NOT NULL,
    PRIMARY KEY (account_id, language)
);

CREATE TABLE assignments (
    id                INTEGER PRIMARY KEY,
    household_id      INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    support_person_id INTEGER NOT NULL REFERENCES accounts (id),
    start_date        TEXT    NOT NULL,
    planned_end       TEXT    NOT NULL,
    -- The planned end as first set; extensions are measured from it.
    first_planned_end TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('active', 'extended', 'ended', 'handed_over')),
    override_reason   TEXT,
    end_reason        TEXT    CHECK (end_reason IN ('period_complete', 'moved_away', 'early_end', 'reassigned')),
    ended_on          TEXT,
    end_note          TEXT,
    handover_date     TEXT,
    handover_note     TEXT,
    handed_over_at    INTEGER,
    -- The assignment this one continues after a reassignment.
    previous_id       INTEGER REFERENCES assignments (id),
    created_by        INTEGER NOT NULL REFERENCES accounts (id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK (planned_end > start_date)
);
-- A household has at most one open (active or extended) assignment.
CREATE UNIQUE INDEX assignments_one_open_per_household ON assignments (household_id)
    WHERE status IN ('active', 'extended');
CREATE INDEX assignments_support_person ON assignments (support_person_id, status);

CREATE TABLE assignment_extensions (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    previous_end  TEXT    NOT NULL,
    new_end       TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    recorded_by   INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at   INTEGER NOT NULL
);
CREATE INDEX assignment_extensions_assignment ON assignment_extensions (assignment_id);

-- One row per household and checklist item that has been touched; a missing row is "not started".
CREATE TABLE checklist_items (
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    item         TEXT    NOT NULL CHECK (item IN ('residence_registration', 'bank_account', 'health_insurance', 'family_doctor', 'school_place', 'unemployment_registration', 'language_course', 'other')),
    status       TEXT    NOT NULL CHECK (status IN ('done', 'in_progress', 'not_needed')),
    on_date      TEXT    NOT NULL,
    note         TEXT,
    updated_by   INTEGER NOT NULL REFERENCES accounts (id),
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (household_id, item)
);

-- Every scheduled thing is an event with a stable public uid (the iCal UID) and a sequence
-- that rises with each change of time, place or status.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    uid        TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'held', 'missed')),
    place      TEXT,
    sequence   INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX events_starts_at ON events (starts_at);

-- What an event occupies: a person ('person:<account id>') or a room ('room:<id>').
-- No two rows of one resource overlap: on SQLite every writer re-checks inside BEGIN IMMEDIATE;
-- PostgreSQL holds it with an exclusion constraint.
CREATE TABLE occupancy (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    resource  TEXT    NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at   INTEGER NOT NULL,
    PRIMARY KEY (event_id, resource),
    CHECK (ends_at > starts_at)
);
CREATE INDEX occupancy_resource ON occupancy (resource, starts_at);

CREATE TABLE meetings (
    event_id      INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    note          TEXT,
    held_minutes  INTEGER CHECK (held_minutes BETWEEN 1 AND 720)
);
CREATE INDEX meetings_assignment ON meetings (assignment_id);

CREATE TABLE meeting_topics (
    event_id INTEGER NOT NULL REFERENCES meetings (event_id) ON DELETE CASCADE,
    item     TEXT    NOT NULL,
    PRIMARY KEY (event_id, item)
);
