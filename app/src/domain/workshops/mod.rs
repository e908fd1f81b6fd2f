//! Workshops and group activities: the sessions of a series, who may take part, and the
//! waitlist's order.

mod activity_type;
mod eligibility;
mod form;
mod recurrence;
mod roster;
mod sign_up_window;
mod waitlist;

pub use activity_type::{
    code_from, ActivityTypeForm, BuiltinActivity, Category, Localised, NewActivityType,
};
pub use eligibility::{age_on, check, Eligibility, Ineligible, Participant, ADULT_AGE};
pub use form::{
    Known, NewSeries, PlaceKind, SeriesForm, SeriesStatus, DEFAULT_CUTOFF_HOURS,
    DEFAULT_OFFER_HOURS, MAX_CAPACITY, MAX_WEEKS,
};
pub use recurrence::{sessions, HolidayRule, Plan, PlannedSession, Repeat};
pub use roster::{may_mark, participant_may_cancel, Mark, RegistrationStatus, SeatMessage};
pub use sign_up_window::SignUpWindow;
pub use waitlist::{first_that_fits, in_order, place_of, Waiting};
