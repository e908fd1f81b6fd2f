//! Translated names for the codes the domain uses (roles, languages, errors, ...).

use crate::domain::{ErrorCode, Role};
use crate::error::AppError;
use crate::i18n::*;

pub type I18n = leptos_i18n::I18nContext<Locale>;

pub fn role_name(i18n: I18n, role: Role) -> String {
    match role {
        Role::Admin => t_string!(i18n, role_admin),
        Role::Coordinator => t_string!(i18n, role_coordinator),
        Role::SupportPerson => t_string!(i18n, role_support_person),
        Role::Volunteer => t_string!(i18n, role_volunteer),
        Role::Facilitator => t_string!(i18n, role_facilitator),
        Role::Beneficiary => t_string!(i18n, role_beneficiary),
    }
    .to_string()
}

pub fn programme_name(i18n: I18n, code: &str) -> String {
    match code {
        "adaptation_mentor" => t_string!(i18n, programme_adaptation_mentor),
        "peer_counsellor" => t_string!(i18n, programme_peer_counsellor),
        "language_partner" => t_string!(i18n, programme_language_partner),
        "job_mentor" => t_string!(i18n, programme_job_mentor),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn language_name(i18n: I18n, code: &str) -> String {
    match code {
        "et" => t_string!(i18n, lang_et),
        "en" => t_string!(i18n, lang_en),
        "ru" => t_string!(i18n, lang_ru),
        "uk" => t_string!(i18n, lang_uk),
        "ar" => t_string!(i18n, lang_ar),
        "prs" => t_string!(i18n, lang_prs),
        "fa" => t_string!(i18n, lang_fa),
        "ps" => t_string!(i18n, lang_ps),
        "ti" => t_string!(i18n, lang_ti),
        "so" => t_string!(i18n, lang_so),
        "tr" => t_string!(i18n, lang_tr),
        "fr" => t_string!(i18n, lang_fr),
        "de" => t_string!(i18n, lang_de),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn level_name(i18n: I18n, code: &str) -> String {
    match code {
        "native" => t_string!(i18n, level_native).to_string(),
        other => other.to_string(),
    }
}

pub fn gender_name(i18n: I18n, code: &str) -> String {
    match code {
        "female" => t_string!(i18n, gender_female),
        "male" => t_string!(i18n, gender_male),
        "other" => t_string!(i18n, gender_other),
        "undisclosed" => t_string!(i18n, gender_undisclosed),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn status_name(i18n: I18n, code: &str) -> String {
    match code {
        "active" => t_string!(i18n, status_active),
        "closed" => t_string!(i18n, status_closed),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn channel_name(i18n: I18n, code: &str) -> String {
    match code {
        "phone" => t_string!(i18n, channel_phone),
        "sms" => t_string!(i18n, channel_sms),
        "whatsapp" => t_string!(i18n, channel_whatsapp),
        "telegram" => t_string!(i18n, channel_telegram),
        "signal" => t_string!(i18n, channel_signal),
        "email" => t_string!(i18n, channel_email),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn purpose_name(i18n: I18n, code: &str) -> String {
    match code {
        "service_delivery" => t_string!(i18n, purpose_service_delivery),
        "funder_reporting" => t_string!(i18n, purpose_funder_reporting),
        "messaging" => t_string!(i18n, purpose_messaging),
        other => return other.to_string(),
    }
    .to_string()
}

pub fn audit_action_name(i18n: I18n, code: &str) -> String {
    match code {
        "household.view" => t_string!(i18n, action_household_view),
        "household.create" => t_string!(i18n, action_household_create),
        "household.update" => t_string!(i18n, action_household_update),
        "member.add" => t_string!(i18n, action_member_add),
        "consent.record" => t_string!(i18n, action_consent_record),
        other => return other.to_string(),
    }
    .to_string()
}

/// The sentence shown next to a field that was refused.
pub fn field_error(i18n: I18n, code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => t_string!(i18n, err_required).to_string(),
        ErrorCode::TooLong { max } => t_string!(i18n, err_too_long, max = max).to_string(),
        ErrorCode::InvalidEmail => t_string!(i18n, err_invalid_email).to_string(),
        ErrorCode::InvalidDate => t_string!(i18n, err_invalid_date).to_string(),
        ErrorCode::DateInFuture => t_string!(i18n, err_date_in_future).to_string(),
        ErrorCode::DateTooEarly => t_string!(i18n, err_date_too_early).to_string(),
        ErrorCode::InvalidChoice => t_string!(i18n, err_invalid_choice).to_string(),
        ErrorCode::PasswordTooShort { min } => {
            t_string!(i18n, err_password_too_short, min = min).to_string()
        }
        ErrorCode::PasswordMismatch => t_string!(i18n, err_password_mismatch).to_string(),
        ErrorCode::WrongPassword => t_string!(i18n, err_wrong_password).to_string(),
        ErrorCode::LoginFailed => t_string!(i18n, err_login_failed).to_string(),
        ErrorCode::EmailTaken => t_string!(i18n, err_email_taken).to_string(),
        ErrorCode::InvalidInvite => t_string!(i18n, err_invalid_invite).to_string(),
        ErrorCode::NumberOutOfRange { min, max } => {
            t_string!(i18n, err_number_range, min = min, max = max).to_string()
        }
        ErrorCode::DuplicateLanguage => t_string!(i18n, err_duplicate_language).to_string(),
        ErrorCode::NoRole => t_string!(i18n, err_no_role).to_string(),
        ErrorCode::AlreadyExists => t_string!(i18n, err_already_exists).to_string(),
        ErrorCode::PlannedEndOutOfRange { min, max } => {
            t_string!(i18n, err_planned_end_range, min = min, max = max).to_string()
        }
        ErrorCode::EndBeforeStart => t_string!(i18n, err_end_before_start).to_string(),
        ErrorCode::ExtensionNotLater => t_string!(i18n, err_extension_not_later).to_string(),
        ErrorCode::ExtensionTooLong { max } => {
            t_string!(i18n, err_extension_too_long, max = max).to_string()
        }
        ErrorCode::CaseloadFull { limit } => {
            t_string!(i18n, err_caseload_full, limit = limit).to_string()
        }
        ErrorCode::PersonPaused => t_string!(i18n, err_person_paused).to_string(),
        ErrorCode::AlreadyAssigned => t_string!(i18n, err_already_assigned).to_string(),
        ErrorCode::Overlap => t_string!(i18n, err_overlap).to_string(),
        ErrorCode::OverlapNextFree { hour, minute } => {
            let time = format!("{hour:02}:{minute:02}");
            t_string!(i18n, err_overlap_next_free, time = time).to_string()
        }
        ErrorCode::InvalidTime => t_string!(i18n, err_invalid_time).to_string(),
        ErrorCode::TimeDoesNotExist => t_string!(i18n, err_time_does_not_exist).to_string(),
        ErrorCode::OutsideAssignment => t_string!(i18n, err_outside_assignment).to_string(),
        ErrorCode::AssignmentClosed => t_string!(i18n, err_assignment_closed).to_string(),
        ErrorCode::NotYetStarted => t_string!(i18n, err_not_yet_started).to_string(),
        ErrorCode::DurationTooLong { max_hours } => {
            t_string!(i18n, err_duration_too_long, max_hours = max_hours).to_string()
        }
        ErrorCode::DateBeforeStart => t_string!(i18n, err_date_before_start).to_string(),
    }
}

/// The heading and sentence for an error that is not about one field.
pub fn app_error(i18n: I18n, error: &AppError) -> (String, String) {
    let (title, text) = match error {
        AppError::Unauthenticated => (
            t_string!(i18n, err_unauthenticated_title),
            t_string!(i18n, err_unauthenticated),
        ),
        AppError::Forbidden => (
            t_string!(i18n, err_forbidden_title),
            t_string!(i18n, err_forbidden),
        ),
        AppError::NotFound => (
            t_string!(i18n, err_not_found_title),
            t_string!(i18n, err_not_found),
        ),
        AppError::Invalid(_) => (
            t_string!(i18n, error_summary_title),
            t_string!(i18n, err_invalid),
        ),
        AppError::BadRequest => (
            t_string!(i18n, error_summary_title),
            t_string!(i18n, err_bad_request),
        ),
        AppError::TooManyRequests => (
            t_string!(i18n, error_summary_title),
            t_string!(i18n, err_too_many),
        ),
        AppError::Internal => (
            t_string!(i18n, err_internal_title),
            t_string!(i18n, err_internal),
        ),
    };
    (title.to_string(), text.to_string())
}
