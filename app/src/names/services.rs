//! Names of what support persons and the receptions record: assignments, checklists, events,
//! consultation topics, office-hour exceptions and holidays.

use super::named;
use crate::domain::consultation::{Attendance, Topic};
use crate::domain::holidays::Holiday;
use crate::domain::office_hours::ExceptionKind;
use crate::domain::schedule::EventStatus;
use crate::domain::{AssignmentStatus, ChecklistItem, ChecklistStatus, EndReason};

named!(AssignmentStatus {
    AssignmentStatus::Active => assignment_active,
    AssignmentStatus::Extended => assignment_extended,
    AssignmentStatus::Ended => assignment_ended,
    AssignmentStatus::HandedOver => assignment_handed_over,
});

named!(EndReason {
    EndReason::PeriodComplete => end_period_complete,
    EndReason::MovedAway => end_moved_away,
    EndReason::EarlyEnd => end_early_end,
    EndReason::Reassigned => end_reassigned,
});

named!(ChecklistItem {
    ChecklistItem::ResidenceRegistration => item_residence_registration,
    ChecklistItem::BankAccount => item_bank_account,
    ChecklistItem::HealthInsurance => item_health_insurance,
    ChecklistItem::FamilyDoctor => item_family_doctor,
    ChecklistItem::SchoolPlace => item_school_place,
    ChecklistItem::UnemploymentRegistration => item_unemployment_registration,
    ChecklistItem::LanguageCourse => item_language_course,
    ChecklistItem::Other => item_other,
});

named!(ChecklistStatus {
    ChecklistStatus::Done => check_done,
    ChecklistStatus::InProgress => check_in_progress,
    ChecklistStatus::NotNeeded => check_not_needed,
});

/// A checklist item nobody has touched yet.
pub fn not_started_in(locale: crate::i18n::Locale) -> &'static str {
    leptos_i18n::td_string!(locale, names.check_not_started)
}

named!(EventStatus {
    EventStatus::Pending => event_pending,
    EventStatus::Confirmed => event_confirmed,
    EventStatus::Cancelled => event_cancelled,
    EventStatus::Held => event_held,
    EventStatus::Missed => event_missed,
});

named!(Attendance {
    Attendance::Attended => attendance_attended,
    Attendance::NoShow => attendance_no_show,
});

named!(Topic {
    Topic::Handover => topic_handover,
    Topic::Documents => topic_documents,
    Topic::Housing => topic_housing,
    Topic::Work => topic_work,
    Topic::Education => topic_education,
    Topic::Health => topic_health,
    Topic::Family => topic_family,
    Topic::Benefits => topic_benefits,
    Topic::Other => topic_other,
});

named!(ExceptionKind {
    ExceptionKind::Extra => exception_extra,
    ExceptionKind::DayOff => exception_day_off,
    ExceptionKind::Leave => exception_leave,
});

named!(Holiday {
    Holiday::NewYear => holiday_new_year,
    Holiday::IndependenceDay => holiday_independence_day,
    Holiday::GoodFriday => holiday_good_friday,
    Holiday::EasterSunday => holiday_easter_sunday,
    Holiday::SpringDay => holiday_spring_day,
    Holiday::Pentecost => holiday_pentecost,
    Holiday::VictoryDay => holiday_victory_day,
    Holiday::Midsummer => holiday_midsummer,
    Holiday::RestorationOfIndependence => holiday_restoration_of_independence,
    Holiday::ChristmasEve => holiday_christmas_eve,
    Holiday::ChristmasDay => holiday_christmas_day,
    Holiday::BoxingDay => holiday_boxing_day,
});
