//! Names of the workshop codes: built-in activity types, sign-up states, attendance marks and
//! who may take part.

use super::named;
use crate::domain::workshops::{BuiltinActivity, Eligibility, Mark, RegistrationStatus};
use crate::i18n::Locale;
use leptos_i18n::td_string;

named!(BuiltinActivity {
    BuiltinActivity::WorkReadiness => activity_work_readiness,
    BuiltinActivity::Parenting => activity_parenting,
    BuiltinActivity::DigitalLiteracy => activity_digital_literacy,
    BuiltinActivity::HouseholdBudgeting => activity_household_budgeting,
    BuiltinActivity::ArtTherapy => activity_art_therapy,
    BuiltinActivity::WomensGroup => activity_womens_group,
    BuiltinActivity::MensGroup => activity_mens_group,
});

/// A built-in activity type's one-line description.
pub fn about_in(activity: BuiltinActivity, locale: Locale) -> &'static str {
    match activity {
        BuiltinActivity::WorkReadiness => td_string!(locale, names.activity_work_readiness_about),
        BuiltinActivity::Parenting => td_string!(locale, names.activity_parenting_about),
        BuiltinActivity::DigitalLiteracy => {
            td_string!(locale, names.activity_digital_literacy_about)
        }
        BuiltinActivity::HouseholdBudgeting => {
            td_string!(locale, names.activity_household_budgeting_about)
        }
        BuiltinActivity::ArtTherapy => td_string!(locale, names.activity_art_therapy_about),
        BuiltinActivity::WomensGroup => td_string!(locale, names.activity_womens_group_about),
        BuiltinActivity::MensGroup => td_string!(locale, names.activity_mens_group_about),
    }
}

/// The name of a built-in activity type by its code; `None` for an admin's own type, whose
/// names are stored with it.
pub fn activity_name_in(locale: Locale, code: &str) -> Option<&'static str> {
    BuiltinActivity::parse(code).map(|a| super::Named::name_in(a, locale))
}

/// The description of a built-in activity type by its code.
pub fn activity_about_in(locale: Locale, code: &str) -> Option<&'static str> {
    BuiltinActivity::parse(code).map(|a| about_in(a, locale))
}

named!(RegistrationStatus {
    RegistrationStatus::Confirmed => ws_status_confirmed,
    RegistrationStatus::Waiting => ws_status_waiting,
    RegistrationStatus::Offered => ws_status_offered,
    RegistrationStatus::Cancelled => ws_status_cancelled,
    RegistrationStatus::Expired => ws_status_expired,
});

named!(Mark {
    Mark::Present => mark_present,
    Mark::Absent => mark_absent,
    Mark::Excused => mark_excused,
});

/// Who may take part; `None` when everyone may.
pub fn eligibility_in(rule: Eligibility, locale: Locale) -> Option<&'static str> {
    Some(match rule {
        Eligibility::Everyone => return None,
        Eligibility::WomenOnly => td_string!(locale, names.eligibility_women_only),
        Eligibility::MenOnly => td_string!(locale, names.eligibility_men_only),
        Eligibility::AdultsOnly => td_string!(locale, names.eligibility_adults_only),
        Eligibility::Parents => td_string!(locale, names.eligibility_parents),
    })
}
