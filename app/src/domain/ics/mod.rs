//! iCalendar (RFC 5545): writing feeds, downloads and invitations, and reading the busy times of
//! an uploaded calendar.

pub mod add_links;
#[cfg(feature = "ics-import")]
pub mod import;
pub mod text;
pub mod timezone;
pub mod writer;

#[cfg(test)]
mod golden;

pub use writer::{addressed, calendar, method_of, Head, IcsEvent, Invitation, Method, When};
