//! The support-person service: assigning, the assignment page, dashboards, support persons.

mod assign;
mod assignment;
mod dashboard;
mod my_support;
mod overview;
mod persons;

pub use assign::AssignPage;
pub use assignment::AssignmentPage;
pub use dashboard::SupportDashboardPage;
pub use my_support::MySupportPage;
pub use overview::CoordinatorOverviewPage;
pub use persons::{SupportPersonPage, SupportPersonsPage};
