//! Server functions: authorisation first, then domain rules and the database. Thin on purpose.
//! Each has a fixed endpoint under `/api/` so that forms and tests can post to it.

pub mod admin;
pub mod assignment_detail;
pub mod assignments;
pub mod audit_admin;
pub mod auth;
pub mod calendar;
pub mod calendar_hosts;
pub mod checklist;
pub mod choices;
pub mod consultation_record;
pub mod consultations;
pub mod country_offices;
pub mod dashboards;
pub mod data_protection;
pub mod drafts;
pub mod free_slots;
pub mod funder;
pub mod home;
pub mod households;
pub mod intake;
pub mod invitations;
pub mod matches;
pub mod matching;
pub mod meetings;
pub mod office_hours;
pub mod offices;
pub mod outbox_admin;
pub mod password_reset;
pub mod reception;
pub mod report;
pub mod return_cases;
pub mod return_steps;
pub mod support_persons;
pub mod volunteers;
pub mod workshop_pages;
pub mod workshop_staff;
pub mod workshops;

#[cfg(feature = "ssr")]
mod attempts;
#[cfg(feature = "ssr")]
pub mod calendar_feed;
#[cfg(feature = "ssr")]
pub mod consultation_access;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod credentials;
#[cfg(feature = "ssr")]
pub mod dates;
#[cfg(feature = "ssr")]
mod form_stamp;
#[cfg(feature = "ssr")]
pub mod household_choices;
#[cfg(feature = "ssr")]
pub mod list_export;
#[cfg(feature = "ssr")]
pub mod notify;
#[cfg(feature = "ssr")]
pub mod notify_accounts;
#[cfg(feature = "ssr")]
mod notify_intake;
#[cfg(feature = "ssr")]
pub mod notify_matches;
#[cfg(feature = "ssr")]
pub mod notify_returns;
#[cfg(feature = "ssr")]
pub mod notify_workshops;
#[cfg(feature = "ssr")]
mod security_log;
#[cfg(feature = "ssr")]
pub mod url_seal;

#[cfg(test)]
mod tests {
    /// Two server functions on one endpoint would silently answer for each other.
    #[test]
    fn every_server_function_has_its_own_endpoint() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
        let mut seen = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(dir).expect("src/api") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("source");
            for part in text.split("endpoint = \"").skip(1) {
                let name = part.split('"').next().unwrap_or_default().to_string();
                let file = path.display().to_string();
                if let Some(other) = seen.insert(name.clone(), file.clone()) {
                    panic!("endpoint {name} in {other} and {file}");
                }
            }
        }
        assert!(seen.len() > 50, "found {} endpoints", seen.len());
    }
}
