-- The suppliers of goods and services a country office pays directly for a reintegration plan
-- (support is given in kind, never in cash). Bank details are kept only as text.
CREATE TABLE suppliers (
    id                INTEGER PRIMARY KEY,
    country_office_id INTEGER NOT NULL REFERENCES country_offices (id) ON DELETE CASCADE,
    name              TEXT    NOT NULL,
    registration_no   TEXT    NOT NULL,
    contact           TEXT    NOT NULL,
    bank_details      TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (country_office_id, name)
);
