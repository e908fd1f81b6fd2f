//! Translated names for the codes the domain uses (roles, languages, errors, ...).

use crate::domain::consultation::Attendance;
use crate::domain::schedule::EventStatus;
use crate::domain::{CandidateNote, ChecklistStatus, ErrorCode, Proficiency};
use crate::error::AppError;
use crate::i18n::*;
use crate::names::{name, Named};
use chrono::NaiveDate;

pub use crate::names::{birth_date_in, date_in, weekday_short_in, I18n};

/// A checklist item's state; an item never touched is "not started".
pub fn checklist_status_name(i18n: I18n, code: &str) -> String {
    let locale = i18n.get_locale();
    ChecklistStatus::parse(code)
        .map_or_else(
            || crate::names::not_started_in(locale),
            |s| s.name_in(locale),
        )
        .to_string()
}

/// Why a candidate stands where they do on the assign form.
pub fn candidate_note(i18n: I18n, note: CandidateNote) -> String {
    match note {
        CandidateNote::SharedLanguage(l) => {
            let language = name(i18n, l);
            t_string!(i18n, names.note_shared_language, language = language).to_string()
        }
        CandidateNote::NoSharedLanguage => {
            t_string!(i18n, names.note_no_shared_language).to_string()
        }
        CandidateNote::SameCity => t_string!(i18n, names.note_same_city).to_string(),
        CandidateNote::OtherCity => t_string!(i18n, names.note_other_city).to_string(),
        CandidateNote::FreePlaces(n) => t_string!(i18n, names.note_free_places, n = n).to_string(),
        CandidateNote::CaseloadFull => t_string!(i18n, names.note_caseload_full).to_string(),
        CandidateNote::Paused => t_string!(i18n, names.note_paused).to_string(),
    }
}

/// "Ukrainian (C1), Russian (B2)"
pub fn languages_text(i18n: I18n, languages: &[Proficiency]) -> String {
    languages
        .iter()
        .map(|p| format!("{} ({})", name(i18n, p.language), name(i18n, p.level)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sentence shown next to a field that was refused.
pub fn field_error(i18n: I18n, code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => t_string!(i18n, errors.err_required).to_string(),
        ErrorCode::TooLong { max } => t_string!(i18n, errors.err_too_long, max = max).to_string(),
        ErrorCode::InvalidEmail => t_string!(i18n, errors.err_invalid_email).to_string(),
        ErrorCode::InvalidDate => t_string!(i18n, errors.err_invalid_date).to_string(),
        ErrorCode::DateInFuture => t_string!(i18n, errors.err_date_in_future).to_string(),
        ErrorCode::DateTooEarly => t_string!(i18n, errors.err_date_too_early).to_string(),
        ErrorCode::InvalidChoice => t_string!(i18n, errors.err_invalid_choice).to_string(),
        ErrorCode::PasswordTooShort { min } => {
            t_string!(i18n, errors.err_password_too_short, min = min).to_string()
        }
        ErrorCode::PasswordMismatch => t_string!(i18n, errors.err_password_mismatch).to_string(),
        ErrorCode::WrongPassword => t_string!(i18n, errors.err_wrong_password).to_string(),
        ErrorCode::LoginFailed => t_string!(i18n, errors.err_login_failed).to_string(),
        ErrorCode::EmailTaken => t_string!(i18n, errors.err_email_taken).to_string(),
        ErrorCode::InvalidInvite => t_string!(i18n, errors.err_invalid_invite).to_string(),
        ErrorCode::NumberOutOfRange { min, max } => {
            t_string!(i18n, errors.err_number_range, min = min, max = max).to_string()
        }
        ErrorCode::DuplicateLanguage => t_string!(i18n, errors.err_duplicate_language).to_string(),
        ErrorCode::NoRole => t_string!(i18n, errors.err_no_role).to_string(),
        ErrorCode::AlreadyExists => t_string!(i18n, errors.err_already_exists).to_string(),
        ErrorCode::OfficeHasBookings { count } => {
            t_string!(i18n, errors.err_office_has_bookings, count = count).to_string()
        }
        ErrorCode::LastAdmin => t_string!(i18n, errors.err_last_admin).to_string(),
        ErrorCode::NotYourself => t_string!(i18n, errors.err_not_yourself).to_string(),
        ErrorCode::MemberHasLogin => t_string!(i18n, errors.err_member_has_login).to_string(),
        ErrorCode::MemberNotAdult => t_string!(i18n, errors.err_member_not_adult).to_string(),
        ErrorCode::InviteNotOpen => t_string!(i18n, errors.err_invite_not_open).to_string(),
        ErrorCode::RoleNotAllowed => t_string!(i18n, errors.err_role_not_allowed).to_string(),
        ErrorCode::InvalidResetLink => t_string!(i18n, errors.err_invalid_reset_link).to_string(),
        ErrorCode::EmailOrPhone => t_string!(i18n, errors.err_email_or_phone).to_string(),
        ErrorCode::OpenAssignment => t_string!(i18n, errors.err_open_assignment).to_string(),
        ErrorCode::OpenMatch => t_string!(i18n, errors.err_open_match).to_string(),
        ErrorCode::UpcomingBooking { count } => {
            t_string!(i18n, errors.err_upcoming_booking, count = count).to_string()
        }
        ErrorCode::AlreadyErased => t_string!(i18n, errors.err_already_erased).to_string(),
        ErrorCode::AlreadyWithdrawn => t_string!(i18n, errors.err_already_withdrawn).to_string(),
        ErrorCode::ConsentRequired => t_string!(i18n, errors.err_consent_required).to_string(),
        ErrorCode::WrongAnswer => t_string!(i18n, errors.err_wrong_answer).to_string(),
        ErrorCode::FormExpired => t_string!(i18n, errors.err_form_expired).to_string(),
        ErrorCode::IntakeClosed => t_string!(i18n, errors.err_intake_closed).to_string(),
        ErrorCode::PeriodTooLong { years } => {
            t_string!(i18n, errors.err_period_too_long, years = years).to_string()
        }
        ErrorCode::PlannedEndOutOfRange { min, max } => {
            t_string!(i18n, errors.err_planned_end_range, min = min, max = max).to_string()
        }
        ErrorCode::EndBeforeStart => t_string!(i18n, errors.err_end_before_start).to_string(),
        ErrorCode::ExtensionNotLater => t_string!(i18n, errors.err_extension_not_later).to_string(),
        ErrorCode::ExtensionTooLong { max } => {
            t_string!(i18n, errors.err_extension_too_long, max = max).to_string()
        }
        ErrorCode::CaseloadFull { limit } => {
            t_string!(i18n, errors.err_caseload_full, limit = limit).to_string()
        }
        ErrorCode::PersonPaused => t_string!(i18n, errors.err_person_paused).to_string(),
        ErrorCode::AlreadyAssigned => t_string!(i18n, errors.err_already_assigned).to_string(),
        ErrorCode::Overlap => t_string!(i18n, errors.err_overlap).to_string(),
        ErrorCode::OverlapNextFree { hour, minute } => {
            let time = format!("{hour:02}:{minute:02}");
            t_string!(i18n, errors.err_overlap_next_free, time = time).to_string()
        }
        ErrorCode::InvalidTime => t_string!(i18n, errors.err_invalid_time).to_string(),
        ErrorCode::TimeDoesNotExist => t_string!(i18n, errors.err_time_does_not_exist).to_string(),
        ErrorCode::OutsideAssignment => t_string!(i18n, errors.err_outside_assignment).to_string(),
        ErrorCode::AssignmentClosed => t_string!(i18n, errors.err_assignment_closed).to_string(),
        ErrorCode::NotYetStarted => t_string!(i18n, errors.err_not_yet_started).to_string(),
        ErrorCode::DurationTooLong { max_hours } => {
            t_string!(i18n, errors.err_duration_too_long, max_hours = max_hours).to_string()
        }
        ErrorCode::DateBeforeStart => t_string!(i18n, errors.err_date_before_start).to_string(),
        ErrorCode::DateInPast => t_string!(i18n, errors.err_date_in_past).to_string(),
        ErrorCode::WindowShorterThanSlot => {
            t_string!(i18n, errors.err_window_shorter_than_slot).to_string()
        }
        ErrorCode::SlotInPast => t_string!(i18n, errors.err_slot_in_past).to_string(),
        ErrorCode::OfficeClosedHoliday => {
            t_string!(i18n, errors.err_office_closed_holiday).to_string()
        }
        ErrorCode::OfficeClosed => t_string!(i18n, errors.err_office_closed).to_string(),
        ErrorCode::OutsideOfficeHours => {
            t_string!(i18n, errors.err_outside_office_hours).to_string()
        }
        ErrorCode::TooShortNotice { hours } => {
            t_string!(i18n, errors.err_too_short_notice, hours = hours).to_string()
        }
        ErrorCode::SlotTaken => t_string!(i18n, errors.err_slot_taken).to_string(),
        ErrorCode::CutoffPassed { hours } => {
            t_string!(i18n, errors.err_cutoff_passed, hours = hours).to_string()
        }
        ErrorCode::AlreadyStarted => t_string!(i18n, errors.err_already_started).to_string(),
        ErrorCode::ConsultationClosed => {
            t_string!(i18n, errors.err_consultation_closed).to_string()
        }
        ErrorCode::NoFreeSlot => t_string!(i18n, errors.err_no_free_slot).to_string(),
        ErrorCode::CityOrOnline => t_string!(i18n, errors.err_city_or_online).to_string(),
        ErrorCode::PairBreaksRule { rule } => {
            let rule = name(i18n, rule);
            t_string!(i18n, errors.err_pair_breaks_rule, rule = rule).to_string()
        }
        ErrorCode::MatchNotOpen => t_string!(i18n, errors.err_match_not_open).to_string(),
        ErrorCode::InvalidLink => t_string!(i18n, errors.err_invalid_link).to_string(),
        ErrorCode::InvalidHosts { max } => {
            t_string!(i18n, errors.err_invalid_hosts, max = max).to_string()
        }
        ErrorCode::ArrivalBeforeDeparture => {
            t_string!(i18n, errors.err_arrival_before_departure).to_string()
        }
        ErrorCode::DateBeforeArrival => t_string!(i18n, errors.err_date_before_arrival).to_string(),
        ErrorCode::ContactDeadlineNotPassed => {
            t_string!(i18n, errors.err_contact_deadline_not_passed).to_string()
        }
        ErrorCode::CaseStepRefused => t_string!(i18n, errors.err_case_step_refused).to_string(),
        ErrorCode::NoSessions => t_string!(i18n, errors.err_no_sessions).to_string(),
        ErrorCode::RegistrationAfterLastSession => {
            t_string!(i18n, errors.err_registration_after_last_session).to_string()
        }
        ErrorCode::RegistrationNotOpen => {
            t_string!(i18n, errors.err_registration_not_open).to_string()
        }
        ErrorCode::RegistrationClosed => {
            t_string!(i18n, errors.err_registration_closed).to_string()
        }
        ErrorCode::OnePersonOnly => t_string!(i18n, errors.err_one_person_only).to_string(),
        ErrorCode::NotEligible { reason } => match reason {
            crate::domain::workshops::Ineligible::NotAWoman => {
                t_string!(i18n, errors.err_not_a_woman)
            }
            crate::domain::workshops::Ineligible::NotAMan => t_string!(i18n, errors.err_not_a_man),
            crate::domain::workshops::Ineligible::NotAdult => t_string!(i18n, errors.err_not_adult),
            crate::domain::workshops::Ineligible::NotAParent => {
                t_string!(i18n, errors.err_not_a_parent)
            }
        }
        .to_string(),
        ErrorCode::AlreadySignedUp => t_string!(i18n, errors.err_already_signed_up).to_string(),
        ErrorCode::OfferExpired => t_string!(i18n, errors.err_offer_expired).to_string(),
    }
}

/// The heading and sentence for an error that is not about one field.
pub fn app_error(i18n: I18n, error: &AppError) -> (String, String) {
    let (title, text) = match error {
        AppError::Unauthenticated => (
            t_string!(i18n, errors.err_unauthenticated_title),
            t_string!(i18n, errors.err_unauthenticated),
        ),
        AppError::Forbidden => (
            t_string!(i18n, errors.err_forbidden_title),
            t_string!(i18n, errors.err_forbidden),
        ),
        AppError::NotFound => (
            t_string!(i18n, errors.err_not_found_title),
            t_string!(i18n, errors.err_not_found),
        ),
        AppError::Invalid(_) => (
            t_string!(i18n, names.error_summary_title),
            t_string!(i18n, errors.err_invalid),
        ),
        AppError::BadRequest => (
            t_string!(i18n, names.error_summary_title),
            t_string!(i18n, errors.err_bad_request),
        ),
        AppError::TooManyRequests => (
            t_string!(i18n, names.error_summary_title),
            t_string!(i18n, errors.err_too_many),
        ),
        AppError::Unavailable => (
            t_string!(i18n, errors.err_unavailable_title),
            t_string!(i18n, errors.err_unavailable),
        ),
        AppError::Internal => (
            t_string!(i18n, errors.err_internal_title),
            t_string!(i18n, errors.err_internal),
        ),
    };
    (title.to_string(), text.to_string())
}

/// An ISO weekday number (1 = Monday) by name.
pub fn weekday_name(i18n: I18n, number: i64) -> String {
    crate::names::weekday_name_in(i18n.get_locale(), number)
}

/// A stored `YYYY-MM-DD` as people read it; anything else is shown as it is.
pub fn written_date(i18n: I18n, iso: &str) -> String {
    written(i18n, iso, date_in)
}

/// A stored birth date as people read it (without the weekday).
pub fn written_birth_date(i18n: I18n, iso: &str) -> String {
    written(i18n, iso, birth_date_in)
}

fn written(i18n: I18n, iso: &str, write: fn(Locale, NaiveDate) -> String) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| write(i18n.get_locale(), d))
        .unwrap_or_else(|_| iso.to_string())
}

/// Mon, Tue … (ISO numbers, 1 = Monday).
pub fn weekday_short(i18n: I18n, number: i64) -> String {
    weekday_short_in(i18n.get_locale(), number)
}

/// A consultation's status as the reception speaks of it: held is "attended", missed "no-show".
pub fn consultation_status_name(i18n: I18n, status: EventStatus) -> String {
    let locale = i18n.get_locale();
    match status {
        EventStatus::Held => Attendance::Attended.name_in(locale),
        EventStatus::Missed => Attendance::NoShow.name_in(locale),
        other => other.name_in(locale),
    }
    .to_string()
}

/// The answer to a form sent to Tugi from another site, in the visitor's language.
pub fn cross_site_refused(language: &str) -> String {
    let locale = crate::names::interface_locale(language).unwrap_or_default();
    td_string!(locale, names.cross_site_refused).to_string()
}

/// The words of the page that stands in for an answer that would otherwise be empty: its title,
/// what happened (by the kind of failure) and the advice to check before sending again.
pub struct FailureWords {
    /// The page's `lang`.
    pub lang: &'static str,
    pub title: String,
    pub what: String,
    pub check: String,
    pub again: String,
    pub home: String,
}

pub fn failure_words(locale: Locale, status: u16) -> FailureWords {
    let code = status.to_string();
    let what = match status {
        408 | 503 | 504 => td_string!(locale, names.failure_slow, code).to_string(),
        400..=499 => td_string!(locale, names.failure_request, code).to_string(),
        _ => td_string!(locale, names.failure_server, code).to_string(),
    };
    FailureWords {
        lang: leptos_i18n::Locale::as_str(locale),
        title: td_string!(locale, names.failure_title).to_string(),
        what,
        check: td_string!(locale, names.failure_check).to_string(),
        again: td_string!(locale, names.failure_again).to_string(),
        home: td_string!(locale, names.nav_home).to_string(),
    }
}
