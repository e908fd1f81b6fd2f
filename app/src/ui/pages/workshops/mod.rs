//! Workshops and group activities.

mod browse;

pub use browse::WorkshopsPage;
