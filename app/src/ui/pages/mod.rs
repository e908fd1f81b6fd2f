//! One module per page (or group of pages of one area).

mod account;
mod accounts;
mod audit;
mod calendar;
mod consultations;
mod contact;
mod errors;
mod home;
mod home_roles;
mod households;
mod intake;
mod invitations;
mod invite;
mod login;
mod member_logins;
mod needs_owner;
mod offices;
mod outbox;
mod password_reset;
mod report;
mod returns;
mod settings;
mod support;
mod volunteers;
mod workshops;

pub use account::AccountPage;
pub use accounts::{AccountAdminPage, AccountsPage};
pub use audit::AuditPage;
pub use calendar::{CalendarPage, OfficeCalendarPage};
pub(crate) use consultations::with_consultations;
pub use consultations::{
    BookConsultationPage, ConsultationPage, MyConsultationsPage, OfficeHoursPage, ReceptionPage,
    UpcomingConsultations,
};
pub use contact::{ContactPage, ContactThanksPage, PrivacyPage};
pub use errors::{ErrorView, NotFoundPage};
pub use home::HomePage;
pub use households::{
    EditHouseholdPage, HouseholdDataPage, HouseholdListPage, HouseholdPage, MyDataPage,
    NewHouseholdPage,
};
pub use intake::{IntakeInboxPage, IntakePage};
pub use invitations::InvitationsPage;
pub use invite::InvitePage;
pub use login::LoginPage;
pub use member_logins::{LoginActions, MemberLogins};
pub use needs_owner::NeedsOwnerPage;
pub use offices::{OfficeEditPage, OfficesPage};
pub use outbox::OutboxPage;
pub use password_reset::{ForgotPasswordPage, ResetPasswordPage};
pub use report::ReportPage;
pub use returns::{
    ContactSheetPage, CountryOfficePage, CountryOfficesPage, NewReturnCasePage, ReturnCasePage,
    ReturnCasesPage,
};
pub use settings::SettingsPage;
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
