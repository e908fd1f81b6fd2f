//! The returnee contacts the country office within three months of arrival. From the arrival
//! date the deadline is the same day three months later (the month's last day when that month
//! is shorter: 30 November → 28 or 29 February).

use chrono::{Months, NaiveDate};

/// How long before the deadline both offices and the returnee are reminded.
pub const WARN_DAYS: i64 = 30;

/// The last day for the first contact after arriving on `arrival`.
pub fn contact_deadline(arrival: NaiveDate) -> NaiveDate {
    arrival
        .checked_add_months(Months::new(3))
        .unwrap_or(NaiveDate::MAX)
}

/// Where a returned person's first contact stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactState {
    /// The country office recorded the first contact.
    Made,
    /// More than [`WARN_DAYS`] left.
    InTime { days_left: i64 },
    /// The deadline is [`WARN_DAYS`] days away or less (0 = today).
    DueSoon { days_left: i64 },
    /// The deadline has passed without contact: a reasoned decision is needed.
    Overdue { days_over: i64 },
}

/// The state on `today` for a person who arrived on `arrival`; `extended_to`, when an office
/// extended the deadline with a reason, replaces the three-month deadline.
pub fn contact_state(
    arrival: NaiveDate,
    first_contact: Option<NaiveDate>,
    extended_to: Option<NaiveDate>,
    today: NaiveDate,
) -> ContactState {
    if first_contact.is_some() {
        return ContactState::Made;
    }
    let deadline = extended_to.unwrap_or_else(|| contact_deadline(arrival));
    let days_left = (deadline - today).num_days();
    if days_left < 0 {
        ContactState::Overdue {
            days_over: -days_left,
        }
    } else if days_left <= WARN_DAYS {
        ContactState::DueSoon { days_left }
    } else {
        ContactState::InTime { days_left }
    }
}

string_enum!(
    /// The two reminders of the contact rule: a month before the deadline, and on it.
    ContactReminder { DueSoon => "due_soon", Deadline => "deadline" }
);

impl ContactReminder {
    /// The reminder the state calls for, if any: each is queued once, so a case first seen
    /// at its deadline gets only the deadline's.
    pub fn due(state: ContactState) -> Option<ContactReminder> {
        match state {
            ContactState::DueSoon { days_left } if days_left > 0 => Some(ContactReminder::DueSoon),
            ContactState::DueSoon { .. } | ContactState::Overdue { .. } => {
                Some(ContactReminder::Deadline)
            }
            ContactState::Made | ContactState::InTime { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn three_months_later_on_the_same_day() {
        assert_eq!(contact_deadline(day("2026-01-15")), day("2026-04-15"));
        assert_eq!(contact_deadline(day("2026-10-02")), day("2027-01-02"));
    }

    #[test]
    fn a_shorter_month_ends_the_deadline_on_its_last_day() {
        assert_eq!(contact_deadline(day("2026-11-30")), day("2027-02-28"));
        assert_eq!(contact_deadline(day("2027-11-30")), day("2028-02-29"));
        assert_eq!(contact_deadline(day("2026-05-31")), day("2026-08-31"));
        assert_eq!(contact_deadline(day("2026-03-31")), day("2026-06-30"));
        assert_eq!(contact_deadline(day("2027-11-29")), day("2028-02-29"));
    }

    #[test]
    fn leap_day_arrivals() {
        assert_eq!(contact_deadline(day("2028-02-29")), day("2028-05-29"));
        assert_eq!(contact_deadline(day("2027-12-31")), day("2028-03-31"));
    }

    #[test]
    fn the_state_follows_the_calendar() {
        let arrival = day("2026-11-30");
        // Deadline 2027-02-28.
        assert_eq!(
            contact_state(arrival, None, None, day("2027-01-28")),
            ContactState::InTime { days_left: 31 }
        );
        assert_eq!(
            contact_state(arrival, None, None, day("2027-01-27")),
            ContactState::InTime { days_left: 32 }
        );
        assert_eq!(
            contact_state(arrival, None, None, day("2027-01-29")),
            ContactState::DueSoon { days_left: 30 }
        );
        assert_eq!(
            contact_state(arrival, None, None, day("2027-02-28")),
            ContactState::DueSoon { days_left: 0 }
        );
        assert_eq!(
            contact_state(arrival, None, None, day("2027-03-01")),
            ContactState::Overdue { days_over: 1 }
        );
        assert_eq!(
            contact_state(arrival, Some(day("2027-03-01")), None, day("2027-03-05")),
            ContactState::Made
        );
    }

    #[test]
    fn reminders_come_a_month_before_and_on_the_deadline() {
        use ContactReminder::*;
        let arrival = day("2026-11-30");
        let on = |today: &str| ContactReminder::due(contact_state(arrival, None, None, day(today)));
        assert_eq!(on("2027-01-28"), None);
        assert_eq!(on("2027-01-29"), Some(DueSoon));
        assert_eq!(on("2027-02-27"), Some(DueSoon));
        assert_eq!(on("2027-02-28"), Some(Deadline));
        assert_eq!(on("2027-03-10"), Some(Deadline));
        let made = contact_state(arrival, Some(day("2027-02-01")), None, day("2027-02-28"));
        assert_eq!(ContactReminder::due(made), None);
    }

    #[test]
    fn an_extension_replaces_the_deadline() {
        let arrival = day("2026-11-30");
        assert_eq!(
            contact_state(arrival, None, Some(day("2027-04-30")), day("2027-03-05")),
            ContactState::InTime { days_left: 56 }
        );
    }
}
