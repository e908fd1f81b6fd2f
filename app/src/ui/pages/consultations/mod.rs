//! Consultations at the coordinators' receptions: booking, the confirmation page, the lists on
//! dashboards, the reception's day view and office hours.

mod book;
mod detail;
mod list;
mod office_hours;
mod reception;
mod slots;

pub use book::BookConsultationPage;
pub use detail::ConsultationPage;
pub use list::{with_consultations, MyConsultationsPage, UpcomingConsultations};
pub use office_hours::OfficeHoursPage;
pub use reception::ReceptionPage;
