//! Names of the volunteer programmes' codes: statuses, rules, criteria, trainings.

use super::named;
use crate::domain::matching::{
    BuiltinTraining, CloseReason, Criterion, HardRule, MatchStatus, Meeting, TimeOfWeek,
    VolunteerStatus,
};

named!(VolunteerStatus {
    VolunteerStatus::Applicant => volunteer_status_applicant,
    VolunteerStatus::Active => volunteer_status_active,
    VolunteerStatus::Paused => volunteer_status_paused,
    VolunteerStatus::Left => volunteer_status_left,
});

named!(Meeting {
    Meeting::InPerson => meeting_in_person,
    Meeting::Online => meeting_online,
    Meeting::Either => meeting_either,
});

named!(TimeOfWeek {
    TimeOfWeek::WeekdayMornings => time_weekday_mornings,
    TimeOfWeek::WeekdayAfternoons => time_weekday_afternoons,
    TimeOfWeek::WeekdayEvenings => time_weekday_evenings,
    TimeOfWeek::Weekends => time_weekends,
});

named!(HardRule {
    HardRule::Programme => rule_programme,
    HardRule::Status => rule_status,
    HardRule::Training => rule_training,
    HardRule::Language => rule_language,
    HardRule::Gender => rule_gender,
    HardRule::Place => rule_place,
    HardRule::PracticeLanguage => rule_practice_language,
    HardRule::DeclinedBefore => rule_declined_before,
    HardRule::Capacity => rule_capacity,
});

named!(Criterion {
    Criterion::Base => criterion_base,
    Criterion::Availability => criterion_availability,
    Criterion::City => criterion_city,
    Criterion::Background => criterion_background,
    Criterion::Field => criterion_field,
    Criterion::Waiting => criterion_waiting,
});

named!(CloseReason {
    CloseReason::GoalReached => close_goal_reached,
    CloseReason::Moved => close_moved,
    CloseReason::NoContact => close_no_contact,
});

named!(MatchStatus {
    MatchStatus::Proposed => match_status_proposed,
    MatchStatus::Approved => match_status_approved,
    MatchStatus::Active => match_status_active,
    MatchStatus::Declined => match_status_declined,
    MatchStatus::Rejected => match_status_rejected,
    MatchStatus::Closed => match_status_closed,
});

named!(BuiltinTraining {
    BuiltinTraining::Coaching => training_coaching,
    BuiltinTraining::PeerCounselling => training_peer_counselling,
});

/// A training's name: built-in ones in the reader's language, an admin's own by the name given.
pub fn training_name_in(locale: crate::i18n::Locale, code: &str, name: &str) -> String {
    BuiltinTraining::parse(code).map_or_else(
        || name.to_string(),
        |t| super::Named::name_in(t, locale).to_string(),
    )
}
