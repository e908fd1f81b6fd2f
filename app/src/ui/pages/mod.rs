//! One module per page (or group of pages of one area).

mod account;
mod accounts;
mod calendar;
mod consultations;
mod errors;
mod home;
mod households;
mod invite;
mod login;
mod offices;
mod support;
mod volunteers;
mod workshops;

pub use account::AccountPage;
pub use accounts::AccountsPage;
pub use calendar::{CalendarPage, OfficeCalendarPage};
pub(crate) use consultations::with_consultations;
pub use consultations::{
    BookConsultationPage, ConsultationPage, MyConsultationsPage, OfficeHoursPage, ReceptionPage,
    UpcomingConsultations,
};
pub use errors::{ErrorView, NotFoundPage};
pub use home::HomePage;
pub use households::{EditHouseholdPage, HouseholdListPage, HouseholdPage, NewHouseholdPage};
pub use invite::InvitePage;
pub use login::LoginPage;
pub use offices::{OfficeEditPage, OfficesPage};
pub use support::{
    AssignPage, AssignmentPage, CoordinatorOverviewPage, MySupportPage, SupportDashboardPage,
    SupportPersonPage, SupportPersonsPage,
};
pub use volunteers::{
    MatchPage, MatchRequestPage, MatchingPage, MyMatchesPage, VolunteerPage, VolunteerProfilePage,
    VolunteersPage,
};
pub use workshops::{
    MyWorkshopsPage, NewSeriesPage, RosterPage, SeriesPage, WorkshopBoardPage, WorkshopsPage,
};
