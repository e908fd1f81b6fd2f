-- A person's calendar is read from their side of each link: the households they belong to
-- (support-person periods, sign-ups) and the series they facilitate. Without these the read
-- walks every event of the shared calendar.
CREATE INDEX assignments_household ON assignments (household_id);
CREATE INDEX registrations_household ON registrations (household_id, status);
CREATE INDEX series_facilitators_account ON series_facilitators (account_id);
