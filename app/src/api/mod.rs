//! Server functions: authorisation first, then domain rules and the database. Thin on purpose.
//! Each has a fixed endpoint under `/api/` so that forms and tests can post to it.

pub mod admin;
pub mod assignment_detail;
pub mod assignments;
pub mod auth;
pub mod checklist;
pub mod consultations;
pub mod dashboards;
pub mod drafts;
pub mod households;
pub mod matches;
pub mod matching;
pub mod meetings;
pub mod office_hours;
pub mod offices;
pub mod reception;
pub mod support_persons;
pub mod volunteers;
pub mod workshop_pages;
pub mod workshop_staff;
pub mod workshops;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod credentials;
#[cfg(feature = "ssr")]
pub mod notify;
#[cfg(feature = "ssr")]
pub mod notify_workshops;
