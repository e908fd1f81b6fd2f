-- The volunteer programmes an account takes part in (one or more).
CREATE TABLE volunteer_programmes (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    programme  TEXT    NOT NULL CHECK (programme IN ('adaptation_mentor', 'peer_counsellor', 'language_partner', 'job_mentor')),
    PRIMARY KEY (account_id, programme)
);
