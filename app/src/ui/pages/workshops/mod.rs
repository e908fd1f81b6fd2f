//! Workshops and group activities.

mod board;
mod browse;
mod detail;
mod mine;
mod new;
pub(crate) mod parts;
mod roster;

pub use board::WorkshopBoardPage;
pub use browse::WorkshopsPage;
pub use detail::SeriesPage;
pub use mine::MyWorkshopsPage;
pub use new::NewSeriesPage;
pub use roster::RosterPage;
