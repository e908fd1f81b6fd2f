-- Assisted voluntary return and reintegration: its three roles, the country offices abroad and
-- the return cases with their family members and the audited steps between stages.

-- Return counsellors and approvers work at the Estonian office; partner caseworkers abroad.
CREATE TABLE account_roles_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'coordinator', 'support_person', 'volunteer', 'facilitator', 'beneficiary', 'return_counsellor', 'approver', 'partner_caseworker')),
    PRIMARY KEY (account_id, role)
);
INSERT INTO account_roles_new (account_id, role) SELECT account_id, role FROM account_roles;
DROP TABLE account_roles;
ALTER TABLE account_roles_new RENAME TO account_roles;

-- The country offices abroad that receive returnees: a directory the person is given in their
-- language, printable. Partner caseworkers belong to one of them and see only its cases.
CREATE TABLE country_offices (
    id            INTEGER PRIMARY KEY,
    country       TEXT    NOT NULL,
    name          TEXT    NOT NULL UNIQUE,
    address       TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    languages     TEXT    NOT NULL,
    working_hours TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE country_office_staff (
    account_id        INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    country_office_id INTEGER NOT NULL REFERENCES country_offices (id) ON DELETE CASCADE
);
CREATE INDEX country_office_staff_office ON country_office_staff (country_office_id);

-- A return case, from the first enquiry to the end of monitoring. Dates are calendar days
-- (YYYY-MM-DD); the person's language is the one their messages and printouts use.
CREATE TABLE return_cases (
    id                  INTEGER PRIMARY KEY,
    status              TEXT    NOT NULL CHECK (status IN ('enquiry', 'counselled', 'departure_planned', 'returned', 'plan_drafted', 'sent_for_approval', 'changes_requested', 'plan_rejected', 'approved', 'in_delivery', 'monitoring', 'closed', 'withdrawn', 'no_contact')),
    first_name          TEXT    NOT NULL,
    last_name           TEXT    NOT NULL,
    date_of_birth       TEXT    NOT NULL,
    gender              TEXT    NOT NULL CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
    language            TEXT    NOT NULL CHECK (language IN ('et', 'en', 'ru', 'uk')),
    phone               TEXT,
    email               TEXT,
    nationality         TEXT    NOT NULL,
    return_country      TEXT    NOT NULL,
    return_city         TEXT    NOT NULL,
    country_office_id   INTEGER REFERENCES country_offices (id),
    counsellor_id       INTEGER REFERENCES accounts (id),
    decision_on         TEXT,
    planned_departure_on TEXT,
    departed_on         TEXT,
    arrived_on          TEXT,
    first_contact_on    TEXT,
    first_contact_note  TEXT,
    contact_extended_to TEXT,
    extension_reason    TEXT,
    created_by          INTEGER NOT NULL REFERENCES accounts (id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK (arrived_on IS NULL OR (departed_on IS NOT NULL AND arrived_on >= departed_on)),
    CHECK (first_contact_on IS NULL OR (arrived_on IS NOT NULL AND first_contact_on >= arrived_on))
);
CREATE INDEX return_cases_office ON return_cases (country_office_id, status);
CREATE INDEX return_cases_status ON return_cases (status);

-- Family members who return with the person (children matter for education costs).
CREATE TABLE return_case_members (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES return_cases (id) ON DELETE CASCADE,
    relation      TEXT    NOT NULL CHECK (relation IN ('spouse', 'child', 'parent', 'other')),
    first_name    TEXT    NOT NULL,
    last_name     TEXT    NOT NULL,
    date_of_birth TEXT    NOT NULL,
    gender        TEXT    NOT NULL CHECK (gender IN ('female', 'male', 'other', 'undisclosed'))
);
CREATE INDEX return_case_members_case ON return_case_members (case_id);

-- Every change of a case's stage, with who made it, when and why.
CREATE TABLE return_case_steps (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES return_cases (id) ON DELETE CASCADE,
    from_status TEXT    CHECK (from_status IN ('enquiry', 'counselled', 'departure_planned', 'returned', 'plan_drafted', 'sent_for_approval', 'changes_requested', 'plan_rejected', 'approved', 'in_delivery', 'monitoring', 'closed', 'withdrawn', 'no_contact')),
    to_status   TEXT    NOT NULL CHECK (to_status IN ('enquiry', 'counselled', 'departure_planned', 'returned', 'plan_drafted', 'sent_for_approval', 'changes_requested', 'plan_rejected', 'approved', 'in_delivery', 'monitoring', 'closed', 'withdrawn', 'no_contact')),
    comment     TEXT,
    by_account  INTEGER NOT NULL REFERENCES accounts (id),
    at          INTEGER NOT NULL
);
CREATE INDEX return_case_steps_case ON return_case_steps (case_id, at);

-- The reminders of the three-month contact rule already queued, so that each goes out once.
CREATE TABLE return_contact_reminders (
    case_id   INTEGER NOT NULL REFERENCES return_cases (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('due_soon', 'deadline')),
    queued_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, kind)
);
