//! Calendar pages: a person's own calendar, and an office's.

mod feed;
mod mine;
mod office;
mod week;

pub use mine::CalendarPage;
pub use office::OfficeCalendarPage;
pub use week::{DownloadIcs, ItemLine};
