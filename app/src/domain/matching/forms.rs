//! The forms of the volunteer programmes, exactly as submitted, and what they parse into.

use super::rules::{HardRule, Meeting, VolunteerStatus};
use super::window::Window;
use crate::domain::office_hours::{parse_weekday, parse_window};
use crate::domain::{
    parse_choice, parse_language_rows, parse_optional_text, parse_past_date, parse_required_text,
    ticked, ErrorCode, FieldErrors, Gender, Language, Proficiency, Programme, Validator,
};
use chrono::{NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

pub const MIN_CAPACITY: i64 = 1;
pub const MAX_CAPACITY: i64 = 4;
pub const CHECK_IN_MINUTES: (i64, i64) = (5, 720);
/// A match with no check-in for this many days is flagged to the coordinator.
pub const QUIET_DAYS: i64 = 30;

const SHORT: usize = 80;
const NOTE: usize = 500;

string_enum!(
    /// When a household member can meet, as a coordinator asks it.
    TimeOfWeek {
        WeekdayMornings => "weekday_mornings",
        WeekdayAfternoons => "weekday_afternoons",
        WeekdayEvenings => "weekday_evenings",
        Weekends => "weekends",
    }
);

impl TimeOfWeek {
    /// The weekly windows it stands for (Europe/Tallinn wall clock).
    pub fn windows(self) -> Vec<Window> {
        let (days, from, to) = match self {
            TimeOfWeek::WeekdayMornings => (1..=5, 9, 12),
            TimeOfWeek::WeekdayAfternoons => (1..=5, 12, 17),
            TimeOfWeek::WeekdayEvenings => (1..=5, 17, 21),
            TimeOfWeek::Weekends => (6..=7, 10, 18),
        };
        days.filter_map(|d| Window::new(d, from * 60, to * 60))
            .collect()
    }
}

/// Parses a comma-separated list of `TimeOfWeek` codes as stored; unknown codes are skipped.
pub fn parse_times(stored: &str) -> Vec<TimeOfWeek> {
    stored
        .split(',')
        .filter_map(|c| TimeOfWeek::parse(c.trim()))
        .collect()
}

string_enum!(
    /// Why a match ended.
    CloseReason { GoalReached => "goal_reached", Moved => "moved", NoContact => "no_contact" }
);

string_enum!(
    /// The life of a request for a volunteer: open until a match is approved, open again when
    /// that match is declined.
    RequestStatus {
        Open => "open",
        Matched => "matched",
        Closed => "closed",
        Withdrawn => "withdrawn",
    }
);

string_enum!(
    /// The life of a match.
    MatchStatus {
        Proposed => "proposed",
        Approved => "approved",
        Active => "active",
        Declined => "declined",
        Rejected => "rejected",
        Closed => "closed",
    }
);

/// A volunteer's own profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolunteerProfileForm {
    pub adaptation_mentor: String,
    pub peer_counsellor: String,
    pub language_partner: String,
    pub job_mentor: String,
    pub city: String,
    pub online: String,
    pub capacity: String,
    pub gender: String,
    pub origin_country: String,
    pub protection_path: String,
    pub field_of_work: String,
    pub practice_language: String,
    pub language_1: String,
    pub level_1: String,
    pub language_2: String,
    pub level_2: String,
    pub language_3: String,
    pub level_3: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolunteerProfile {
    pub programmes: Vec<Programme>,
    pub city: Option<String>,
    pub online: bool,
    pub capacity: i64,
    pub gender: Option<Gender>,
    pub origin_country: Option<String>,
    pub protection_path: Option<String>,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
    pub languages: Vec<Proficiency>,
}

fn optional_choice<T>(
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, ErrorCode> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse_choice(value, parse).map(Some)
    }
}

pub fn parse_capacity(value: &str) -> Result<i64, ErrorCode> {
    let n: i64 = value.trim().parse().map_err(|_| {
        if value.trim().is_empty() {
            ErrorCode::Required
        } else {
            ErrorCode::NumberOutOfRange {
                min: MIN_CAPACITY,
                max: MAX_CAPACITY,
            }
        }
    })?;
    if (MIN_CAPACITY..=MAX_CAPACITY).contains(&n) {
        Ok(n)
    } else {
        Err(ErrorCode::NumberOutOfRange {
            min: MIN_CAPACITY,
            max: MAX_CAPACITY,
        })
    }
}

impl VolunteerProfileForm {
    /// Each programme with its checkbox's value, in form order.
    pub fn programme_boxes(&self) -> [(Programme, &String); 4] {
        [
            (Programme::AdaptationMentor, &self.adaptation_mentor),
            (Programme::PeerCounsellor, &self.peer_counsellor),
            (Programme::LanguagePartner, &self.language_partner),
            (Programme::JobMentor, &self.job_mentor),
        ]
    }

    pub fn parse(&self) -> Result<VolunteerProfile, FieldErrors> {
        let mut v = Validator::new();
        let programmes: Vec<Programme> = self
            .programme_boxes()
            .into_iter()
            .filter(|(_, value)| ticked(value))
            .map(|(p, _)| p)
            .collect();
        if programmes.is_empty() {
            v.add("programmes", ErrorCode::Required);
        }
        let city = v.check("city", parse_optional_text(&self.city, SHORT));
        let online = ticked(&self.online);
        if matches!(city, Some(None)) && !online {
            v.add("city", ErrorCode::CityOrOnline);
        }
        let capacity = v.check("capacity", parse_capacity(&self.capacity));
        let gender = v.check(
            "gender",
            optional_choice(&self.gender, |g| {
                Gender::parse(g).filter(|g| *g != Gender::Undisclosed)
            }),
        );
        let origin_country = v.check(
            "origin_country",
            parse_optional_text(&self.origin_country, SHORT),
        );
        let protection_path = v.check(
            "protection_path",
            parse_optional_text(&self.protection_path, NOTE),
        );
        let field_of_work = v.check(
            "field_of_work",
            parse_optional_text(&self.field_of_work, SHORT),
        );
        let practice_language = v.check(
            "practice_language",
            optional_choice(&self.practice_language, Language::parse),
        );
        let languages = parse_language_rows(
            &mut v,
            [
                (&self.language_1, &self.level_1),
                (&self.language_2, &self.level_2),
                (&self.language_3, &self.level_3),
            ],
        );
        v.finish(|| {
            Some(VolunteerProfile {
                programmes,
                city: city?,
                online,
                capacity: capacity?,
                gender: gender?,
                origin_country: origin_country?,
                protection_path: protection_path?,
                field_of_work: field_of_work?,
                practice_language: practice_language?,
                languages,
            })
        })
    }
}

/// One weekly availability window.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AvailabilityForm {
    /// ISO weekday number, `1` (Monday) to `7`.
    pub weekday: String,
    pub start_time: String,
    pub end_time: String,
}

impl AvailabilityForm {
    pub fn parse(&self) -> Result<Window, FieldErrors> {
        let mut v = Validator::new();
        let weekday = v.check("weekday", parse_weekday(&self.weekday));
        let (start, end) = parse_window(&mut v, &self.start_time, &self.end_time);
        v.finish(|| {
            let minutes = |t: chrono::NaiveTime| (t.hour() * 60 + t.minute()) as u16;
            Window::new(
                weekday?.number_from_monday() as u8,
                minutes(start?),
                minutes(end?),
            )
        })
    }
}

/// A training a coordinator records as completed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainingForm {
    pub training: String,
    pub completed_on: String,
}

impl TrainingForm {
    /// `known` are the codes of the trainings that exist.
    pub fn parse(
        &self,
        known: &[String],
        today: NaiveDate,
    ) -> Result<(String, NaiveDate), FieldErrors> {
        let mut v = Validator::new();
        let training = v.check(
            "training",
            parse_choice(&self.training, |t| known.iter().find(|k| *k == t).cloned()),
        );
        let date = v.check("completed_on", parse_past_date(&self.completed_on, today));
        v.finish(|| Some((training?, date?)))
    }
}

/// A volunteer's status as a coordinator sets it.
pub fn parse_status(value: &str) -> Result<VolunteerStatus, FieldErrors> {
    parse_choice(value, VolunteerStatus::parse).map_err(|code| FieldErrors::single("status", code))
}

/// A match request as a coordinator or support person enters it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchRequestForm {
    pub member: String,
    pub programme: String,
    pub language: String,
    pub gender: String,
    pub meeting: String,
    pub city: String,
    pub field_of_work: String,
    pub practice_language: String,
    pub origin_country: String,
    pub weekday_mornings: String,
    pub weekday_afternoons: String,
    pub weekday_evenings: String,
    pub weekends: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMatchRequest {
    pub member_id: i64,
    pub programme: Programme,
    pub language: Option<Language>,
    pub gender: Option<Gender>,
    pub meeting: Meeting,
    pub city: String,
    pub field_of_work: Option<String>,
    pub practice_language: Option<Language>,
    pub origin_country: Option<String>,
    pub times: Vec<TimeOfWeek>,
    pub notes: Option<String>,
}

impl MatchRequestForm {
    /// Each time of the week with its checkbox's value, in form order.
    pub fn time_boxes(&self) -> [(TimeOfWeek, &String); 4] {
        [
            (TimeOfWeek::WeekdayMornings, &self.weekday_mornings),
            (TimeOfWeek::WeekdayAfternoons, &self.weekday_afternoons),
            (TimeOfWeek::WeekdayEvenings, &self.weekday_evenings),
            (TimeOfWeek::Weekends, &self.weekends),
        ]
    }

    /// `members` are the ids of the household's members.
    pub fn parse(&self, members: &[i64]) -> Result<NewMatchRequest, FieldErrors> {
        let mut v = Validator::new();
        let member_id = v.check(
            "member",
            parse_choice(&self.member, |m| {
                m.parse::<i64>().ok().filter(|id| members.contains(id))
            }),
        );
        let programme = v.check("programme", parse_choice(&self.programme, Programme::parse));
        let language = v.check("language", optional_choice(&self.language, Language::parse));
        let gender = v.check(
            "gender",
            optional_choice(&self.gender, |g| {
                Gender::parse(g).filter(|g| matches!(g, Gender::Female | Gender::Male))
            }),
        );
        let meeting = v.check("meeting", parse_choice(&self.meeting, Meeting::parse));
        let city = v.check("city", parse_required_text(&self.city, SHORT));
        let field_of_work = v.check(
            "field_of_work",
            parse_optional_text(&self.field_of_work, SHORT),
        );
        let practice_language = v.check(
            "practice_language",
            optional_choice(&self.practice_language, Language::parse),
        );
        let origin_country = v.check(
            "origin_country",
            parse_optional_text(&self.origin_country, SHORT),
        );
        let notes = v.check("notes", parse_optional_text(&self.notes, NOTE));
        let times = self
            .time_boxes()
            .into_iter()
            .filter(|(_, value)| ticked(value))
            .map(|(t, _)| t)
            .collect();
        v.finish(|| {
            Some(NewMatchRequest {
                member_id: member_id?,
                programme: programme?,
                language: language?,
                gender: gender?,
                meeting: meeting?,
                city: city?,
                field_of_work: field_of_work?,
                practice_language: practice_language?,
                origin_country: origin_country?,
                times,
                notes: notes?,
            })
        })
    }
}

/// Why a volunteer declines a proposal (required, short).
pub fn parse_reason(value: &str) -> Result<String, FieldErrors> {
    parse_required_text(value, NOTE).map_err(|code| FieldErrors::single("reason", code))
}

/// A check-in the volunteer logs after meeting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckInForm {
    pub on_date: String,
    pub minutes: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewCheckIn {
    pub on_date: NaiveDate,
    pub minutes: i64,
    pub note: Option<String>,
}

impl CheckInForm {
    /// No later than today and no earlier than the day the match began.
    pub fn parse(&self, today: NaiveDate, began: NaiveDate) -> Result<NewCheckIn, FieldErrors> {
        let mut v = Validator::new();
        let on_date = v.check("on_date", parse_past_date(&self.on_date, today));
        if on_date.is_some_and(|d| d < began) {
            v.add("on_date", ErrorCode::DateBeforeStart);
        }
        let (min, max) = CHECK_IN_MINUTES;
        let minutes = v.check(
            "minutes",
            self.minutes
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|m| (min..=max).contains(m))
                .ok_or(if self.minutes.trim().is_empty() {
                    ErrorCode::Required
                } else {
                    ErrorCode::NumberOutOfRange { min, max }
                }),
        );
        let note = v.check("note", parse_optional_text(&self.note, 280));
        v.finish(|| {
            Some(NewCheckIn {
                on_date: on_date?,
                minutes: minutes?,
                note: note?,
            })
        })
    }
}

/// Closing a match: why, and a short feedback from the side that closes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloseForm {
    pub reason: String,
    pub feedback: String,
}

impl CloseForm {
    pub fn parse(&self) -> Result<(CloseReason, Option<String>), FieldErrors> {
        let mut v = Validator::new();
        let reason = v.check("reason", parse_choice(&self.reason, CloseReason::parse));
        let feedback = v.check("feedback", parse_optional_text(&self.feedback, NOTE));
        v.finish(|| Some((reason?, feedback?)))
    }
}

/// Feedback given after the match closed (required).
pub fn parse_feedback(value: &str) -> Result<String, FieldErrors> {
    parse_required_text(value, NOTE).map_err(|code| FieldErrors::single("feedback", code))
}

/// A pair a coordinator picks that breaks a hard rule.
pub fn rule_broken(rule: HardRule) -> FieldErrors {
    FieldErrors::single("volunteer", ErrorCode::PairBreaksRule { rule })
}

/// Whether an active match has gone quiet: no check-in (or start) in the last `QUIET_DAYS`.
pub fn is_quiet(last_contact: NaiveDate, today: NaiveDate) -> bool {
    (today - last_contact).num_days() > QUIET_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn profile() -> VolunteerProfileForm {
        VolunteerProfileForm {
            peer_counsellor: "on".into(),
            city: "Tartu".into(),
            capacity: "2".into(),
            language_1: "prs".into(),
            level_1: "native".into(),
            ..Default::default()
        }
    }

    fn codes(e: FieldErrors) -> Vec<(String, ErrorCode)> {
        e.0.into_iter().map(|f| (f.field, f.code)).collect()
    }

    #[test]
    fn a_profile_parses() {
        let p = profile().parse().unwrap();
        assert_eq!(p.programmes, vec![Programme::PeerCounsellor]);
        assert_eq!(p.capacity, 2);
        assert_eq!(p.city.as_deref(), Some("Tartu"));
    }

    #[test]
    fn capacity_is_one_to_four() {
        for bad in ["0", "5", "-1", "two"] {
            let mut f = profile();
            f.capacity = bad.into();
            assert_eq!(
                codes(f.parse().unwrap_err()),
                vec![(
                    "capacity".into(),
                    ErrorCode::NumberOutOfRange { min: 1, max: 4 }
                )],
                "{bad}"
            );
        }
    }

    #[test]
    fn a_level_must_be_a_cefr_level() {
        let mut f = profile();
        f.level_1 = "D1".into();
        assert_eq!(
            codes(f.parse().unwrap_err()),
            vec![("level_1".into(), ErrorCode::InvalidChoice)]
        );
    }

    #[test]
    fn a_programme_and_a_place_are_needed() {
        let mut f = profile();
        f.peer_counsellor.clear();
        f.city.clear();
        assert_eq!(
            codes(f.parse().unwrap_err()),
            vec![
                ("programmes".into(), ErrorCode::Required),
                ("city".into(), ErrorCode::CityOrOnline)
            ]
        );
        let mut f = profile();
        f.city.clear();
        f.online = "on".into();
        assert!(f.parse().is_ok(), "online only");
    }

    #[test]
    fn availability_ends_after_it_starts() {
        let f = AvailabilityForm {
            weekday: "2".into(),
            start_time: "18:00".into(),
            end_time: "17:00".into(),
        };
        assert_eq!(
            codes(f.parse().unwrap_err()),
            vec![("end_time".into(), ErrorCode::EndBeforeStart)]
        );
        let ok = AvailabilityForm {
            end_time: "20:30".into(),
            ..f
        };
        assert_eq!(
            ok.parse().unwrap(),
            Window::new(2, 18 * 60, 20 * 60 + 30).unwrap()
        );
        let bad_day = AvailabilityForm {
            weekday: "8".into(),
            start_time: "09:00".into(),
            end_time: "10:00".into(),
        };
        assert!(bad_day.parse().is_err());
    }

    #[test]
    fn trainings_are_known_and_in_the_past() {
        let known = vec!["coaching".to_string()];
        let f = TrainingForm {
            training: "coaching".into(),
            completed_on: "2026-11-25".into(),
        };
        assert_eq!(
            codes(f.parse(&known, d("2026-11-24")).unwrap_err()),
            vec![("completed_on".into(), ErrorCode::DateInFuture)]
        );
        let f = TrainingForm {
            training: "yoga".into(),
            completed_on: "2026-11-01".into(),
        };
        assert!(f.parse(&known, d("2026-11-24")).is_err());
    }

    #[test]
    fn a_request_names_a_member_of_the_household() {
        let f = MatchRequestForm {
            member: "7".into(),
            programme: "peer_counsellor".into(),
            language: "prs".into(),
            meeting: "in_person".into(),
            city: "Tartu".into(),
            weekday_evenings: "on".into(),
            ..Default::default()
        };
        let r = f.parse(&[7]).unwrap();
        assert_eq!(r.language, Some(Language::Prs));
        assert_eq!(r.times, vec![TimeOfWeek::WeekdayEvenings]);
        assert_eq!(
            codes(f.parse(&[8]).unwrap_err()),
            vec![("member".into(), ErrorCode::InvalidChoice)]
        );
    }

    #[test]
    fn times_of_week_are_windows() {
        assert_eq!(TimeOfWeek::WeekdayMornings.windows().len(), 5);
        assert_eq!(TimeOfWeek::Weekends.windows()[0].weekday(), 6);
        assert_eq!(
            parse_times("weekends,nonsense,weekday_evenings"),
            vec![TimeOfWeek::Weekends, TimeOfWeek::WeekdayEvenings]
        );
    }

    #[test]
    fn a_check_in_is_not_in_the_future_nor_before_the_match() {
        let f = CheckInForm {
            on_date: "2026-11-25".into(),
            minutes: "60".into(),
            note: String::new(),
        };
        let (today, began) = (d("2026-11-24"), d("2026-11-01"));
        assert_eq!(
            codes(f.parse(today, began).unwrap_err()),
            vec![("on_date".into(), ErrorCode::DateInFuture)]
        );
        let early = CheckInForm {
            on_date: "2026-10-31".into(),
            ..f.clone()
        };
        assert_eq!(
            codes(early.parse(today, began).unwrap_err()),
            vec![("on_date".into(), ErrorCode::DateBeforeStart)]
        );
        let long = CheckInForm {
            on_date: "2026-11-20".into(),
            minutes: "721".into(),
            ..f
        };
        assert_eq!(
            codes(long.parse(today, began).unwrap_err()),
            vec![(
                "minutes".into(),
                ErrorCode::NumberOutOfRange { min: 5, max: 720 }
            )]
        );
    }

    #[test]
    fn closing_needs_a_known_reason() {
        let f = CloseForm {
            reason: "bored".into(),
            feedback: String::new(),
        };
        assert!(f.parse().is_err());
        let f = CloseForm {
            reason: "goal_reached".into(),
            feedback: "Found work".into(),
        };
        assert_eq!(f.parse().unwrap().0, CloseReason::GoalReached);
    }

    #[test]
    fn quiet_after_thirty_days() {
        assert!(!is_quiet(d("2026-10-25"), d("2026-11-24")));
        assert!(is_quiet(d("2026-10-24"), d("2026-11-24")));
    }
}
