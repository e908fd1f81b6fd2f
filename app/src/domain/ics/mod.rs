//! iCalendar (RFC 5545): writing feeds, downloads and invitations, and reading the busy times of
//! an uploaded calendar.

pub mod add_links;
#[cfg(feature = "ics-import")]
pub mod import;
#[cfg(feature = "ics-import")]
pub mod own_zone;
#[cfg(feature = "ssr")]
pub mod subscription;
pub mod text;
pub mod timezone;
mod windows_zones;
pub mod writer;
pub mod zone_names;

/// How far ahead an uploaded calendar's busy times are read (recurring events expanded); also
/// the stretch in which weekly commitments are looked for.
pub const IMPORT_WINDOW_DAYS: i64 = 84;

/// The `webcal://` form of a feed's address, which phones open in their calendar app.
pub fn webcal(https: &str) -> String {
    match https.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => https.to_string(),
    }
}

#[cfg(test)]
mod golden;

pub use writer::{addressed, calendar, method_of, Head, IcsEvent, Invitation, Method, When};
