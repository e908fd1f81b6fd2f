//! Workshops and group activities: the sessions of a series, who may take part, and the
//! waitlist's order.

mod eligibility;
mod recurrence;
mod waitlist;

pub use eligibility::{age_on, check, Eligibility, Ineligible, Participant, ADULT_AGE};
pub use recurrence::{sessions, HolidayRule, Plan, PlannedSession, Repeat};
pub use waitlist::{first_that_fits, in_order, place_of, Waiting};
