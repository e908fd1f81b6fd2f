//! Names of the codes of the volunteer programmes and the workshops in the reader's language.

use crate::i18n::*;
use crate::ui::text::I18n;

pub fn hard_rule_name(i18n: I18n, code: &str) -> String {
    match code {
        "programme" => t_string!(i18n, names.rule_programme),
        "status" => t_string!(i18n, names.rule_status),
        "training" => t_string!(i18n, names.rule_training),
        "language" => t_string!(i18n, names.rule_language),
        "gender" => t_string!(i18n, names.rule_gender),
        "place" => t_string!(i18n, names.rule_place),
        "practice_language" => t_string!(i18n, names.rule_practice_language),
        "declined_before" => t_string!(i18n, names.rule_declined_before),
        "capacity" => t_string!(i18n, names.rule_capacity),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn volunteer_status_name(i18n: I18n, code: &str) -> String {
    match code {
        "applicant" => t_string!(i18n, names.volunteer_status_applicant),
        "active" => t_string!(i18n, names.volunteer_status_active),
        "paused" => t_string!(i18n, names.volunteer_status_paused),
        "left" => t_string!(i18n, names.volunteer_status_left),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn meeting_name(i18n: I18n, code: &str) -> String {
    match code {
        "in_person" => t_string!(i18n, names.meeting_in_person),
        "online" => t_string!(i18n, names.meeting_online),
        "either" => t_string!(i18n, names.meeting_either),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn time_of_week_name(i18n: I18n, code: &str) -> String {
    match code {
        "weekday_mornings" => t_string!(i18n, names.time_weekday_mornings),
        "weekday_afternoons" => t_string!(i18n, names.time_weekday_afternoons),
        "weekday_evenings" => t_string!(i18n, names.time_weekday_evenings),
        "weekends" => t_string!(i18n, names.time_weekends),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn criterion_name(i18n: I18n, code: &str) -> String {
    match code {
        "base" => t_string!(i18n, names.criterion_base),
        "availability" => t_string!(i18n, names.criterion_availability),
        "city" => t_string!(i18n, names.criterion_city),
        "background" => t_string!(i18n, names.criterion_background),
        "field" => t_string!(i18n, names.criterion_field),
        "waiting" => t_string!(i18n, names.criterion_waiting),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn close_reason_name(i18n: I18n, code: &str) -> String {
    match code {
        "goal_reached" => t_string!(i18n, names.close_goal_reached),
        "moved" => t_string!(i18n, names.close_moved),
        "no_contact" => t_string!(i18n, names.close_no_contact),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn match_status_name(i18n: I18n, code: &str) -> String {
    match code {
        "proposed" => t_string!(i18n, names.match_status_proposed),
        "approved" => t_string!(i18n, names.match_status_approved),
        "active" => t_string!(i18n, names.match_status_active),
        "declined" => t_string!(i18n, names.match_status_declined),
        "rejected" => t_string!(i18n, names.match_status_rejected),
        "closed" => t_string!(i18n, names.match_status_closed),
        other => return other.to_string(),
    }
    .to_string()
}

/// Built-in trainings are named in the reader's language; others by the name an admin gave.
pub fn training_name(i18n: I18n, code: &str, name: &str) -> String {
    match code {
        "coaching" => t_string!(i18n, names.training_coaching).to_string(),
        "peer_counselling" => t_string!(i18n, names.training_peer_counselling).to_string(),
        _ => name.to_string(),
    }
}

/// Minutes as hours with one decimal: `2.5`.
pub fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

/// A built-in activity type's name; an admin's own types carry their names.
pub fn activity_name(i18n: I18n, code: &str) -> String {
    match code {
        "work_readiness" => t_string!(i18n, names.activity_work_readiness),
        "parenting" => t_string!(i18n, names.activity_parenting),
        "digital_literacy" => t_string!(i18n, names.activity_digital_literacy),
        "household_budgeting" => t_string!(i18n, names.activity_household_budgeting),
        "art_therapy" => t_string!(i18n, names.activity_art_therapy),
        "womens_group" => t_string!(i18n, names.activity_womens_group),
        "mens_group" => t_string!(i18n, names.activity_mens_group),
        other => return other.to_string(),
    }
    .to_string()
}

/// A built-in activity type's name in `locale`, for messages.
pub fn activity_name_in(locale: crate::i18n::Locale, code: &str) -> String {
    use leptos_i18n::td_string;
    match code {
        "work_readiness" => td_string!(locale, names.activity_work_readiness),
        "parenting" => td_string!(locale, names.activity_parenting),
        "digital_literacy" => td_string!(locale, names.activity_digital_literacy),
        "household_budgeting" => td_string!(locale, names.activity_household_budgeting),
        "art_therapy" => td_string!(locale, names.activity_art_therapy),
        "womens_group" => td_string!(locale, names.activity_womens_group),
        "mens_group" => td_string!(locale, names.activity_mens_group),
        other => return other.to_string(),
    }
    .to_string()
}

/// A built-in activity type's one-line description.
pub fn activity_about(i18n: I18n, code: &str) -> Option<String> {
    Some(
        match code {
            "work_readiness" => t_string!(i18n, names.activity_work_readiness_about),
            "parenting" => t_string!(i18n, names.activity_parenting_about),
            "digital_literacy" => t_string!(i18n, names.activity_digital_literacy_about),
            "household_budgeting" => t_string!(i18n, names.activity_household_budgeting_about),
            "art_therapy" => t_string!(i18n, names.activity_art_therapy_about),
            "womens_group" => t_string!(i18n, names.activity_womens_group_about),
            "mens_group" => t_string!(i18n, names.activity_mens_group_about),
            _ => return None,
        }
        .to_string(),
    )
}
