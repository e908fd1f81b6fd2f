//! The series form, exactly as a coordinator submits it, and what it parses into.

use super::eligibility::Eligibility;
use super::recurrence::{sessions, HolidayRule, Plan, PlannedSession, Repeat};
use crate::domain::office_hours::{parse_id, parse_window};
use crate::domain::schedule::tallinn_instant;
use crate::domain::{
    parse_choice, parse_date, parse_number, parse_optional_text, ticked, ErrorCode, FieldErrors,
    Language, Validator,
};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub const MAX_CAPACITY: i64 = 500;
pub const MAX_WEEKS: i64 = 52;
pub const DEFAULT_CUTOFF_HOURS: i64 = 24;
pub const DEFAULT_OFFER_HOURS: i64 = 24;

string_enum!(PlaceKind { Room => "room", Address => "address", Online => "online" });

string_enum!(
    /// Whether a series still runs; a cancelled one takes no sign-ups and its sessions are off.
    SeriesStatus { Open => "open", Cancelled => "cancelled" }
);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeriesForm {
    pub activity: String,
    pub office: String,
    pub place_kind: String,
    pub room: String,
    pub address: String,
    pub online_link: String,
    pub capacity: String,
    pub language_1: String,
    pub language_2: String,
    pub language_3: String,
    pub interpretation: String,
    pub eligibility: String,
    pub childcare: String,
    pub drop_in: String,
    pub auto_book: String,
    pub offer_hours: String,
    pub first_date: String,
    pub start_time: String,
    pub end_time: String,
    pub repeat: String,
    /// How many sessions, weekly or every other week.
    pub weeks: String,
    /// More single dates, comma-separated (when it meets once).
    pub extra_dates: String,
    pub holidays: String,
    pub registration_opens: String,
    pub registration_closes: String,
    pub registration_closes_time: String,
    pub cancel_cutoff_hours: String,
    pub facilitator_1: String,
    pub facilitator_2: String,
}

/// What the form may refer to.
pub struct Known<'a> {
    pub activities: &'a [String],
    pub offices: &'a [i64],
    /// (room id, office id)
    pub rooms: &'a [(i64, i64)],
    pub facilitators: &'a [i64],
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSeries {
    pub activity: String,
    pub office_id: i64,
    pub place_kind: PlaceKind,
    pub room_id: Option<i64>,
    pub address: Option<String>,
    pub online_link: Option<String>,
    pub capacity: i64,
    pub languages: Vec<Language>,
    pub interpretation: bool,
    pub eligibility: Eligibility,
    pub childcare: bool,
    pub drop_in: bool,
    pub auto_book: bool,
    pub offer_hours: i64,
    pub sessions: Vec<PlannedSession>,
    pub registration_opens: i64,
    pub registration_closes: i64,
    pub cancel_cutoff_hours: i64,
    pub facilitators: Vec<i64>,
}

impl NewSeries {
    /// Where its sessions take place, as a calendar's LOCATION and every page write it: the
    /// room with the office's name and street address, the address given, or "online".
    pub fn place(&self, room: Option<&str>, office_name: &str, office_address: &str) -> String {
        match (self.place_kind, &self.address, room) {
            (PlaceKind::Online, _, _) => "online".to_owned(),
            (PlaceKind::Address, Some(address), _) => address.clone(),
            (_, _, Some(room)) if !room.is_empty() => {
                format!("{room}, {office_name}, {office_address}")
            }
            _ => format!("{office_name}, {office_address}"),
        }
    }
}

impl SeriesForm {
    pub fn parse(&self, known: &Known) -> Result<NewSeries, FieldErrors> {
        let mut v = Validator::new();
        let activity = v.check(
            "activity",
            parse_choice(&self.activity, |a| {
                known.activities.iter().find(|k| *k == a).cloned()
            }),
        );
        let office_id = v.check("office", parse_id(&self.office, known.offices));
        let place_kind = v.check(
            "place_kind",
            parse_choice(&self.place_kind, PlaceKind::parse),
        );
        let mut room_id = None;
        let mut address = None;
        let mut online_link = None;
        match place_kind {
            Some(PlaceKind::Room) => {
                let rooms: Vec<i64> = known
                    .rooms
                    .iter()
                    .filter(|(_, office)| Some(*office) == office_id)
                    .map(|(id, _)| *id)
                    .collect();
                room_id = v.check("room", parse_id(&self.room, &rooms));
            }
            Some(PlaceKind::Address) => match parse_optional_text(&self.address, 200) {
                Ok(Some(a)) => address = Some(a),
                Ok(None) => v.add("address", ErrorCode::Required),
                Err(e) => v.add("address", e),
            },
            Some(PlaceKind::Online) => {
                let link = self.online_link.trim();
                if link.is_empty() {
                    v.add("online_link", ErrorCode::Required);
                } else if !link.starts_with("https://")
                    || link.len() > 300
                    || link.contains(char::is_whitespace)
                {
                    v.add("online_link", ErrorCode::InvalidLink);
                } else {
                    online_link = Some(link.to_string());
                }
            }
            None => {}
        }
        let capacity = v.check(
            "capacity",
            parse_number(&self.capacity, None, 1, MAX_CAPACITY),
        );
        let mut languages = Vec::new();
        for (n, code) in [&self.language_1, &self.language_2, &self.language_3]
            .into_iter()
            .enumerate()
        {
            if code.trim().is_empty() {
                continue;
            }
            if let Some(l) = v.check(
                &format!("language_{}", n + 1),
                parse_choice(code, Language::parse),
            ) {
                if !languages.contains(&l) {
                    languages.push(l);
                }
            }
        }
        if languages.is_empty() && self.language_1.trim().is_empty() {
            v.add("language_1", ErrorCode::Required);
        }
        let eligibility = v.check(
            "eligibility",
            parse_choice(&self.eligibility, Eligibility::parse),
        );
        let offer_hours = v.check(
            "offer_hours",
            parse_number(&self.offer_hours, Some(DEFAULT_OFFER_HOURS), 1, 168),
        );
        let cancel_cutoff_hours = v.check(
            "cancel_cutoff_hours",
            parse_number(
                &self.cancel_cutoff_hours,
                Some(DEFAULT_CUTOFF_HOURS),
                0,
                336,
            ),
        );
        let first = v.check("first_date", parse_date(&self.first_date));
        if first.is_some_and(|d| d < known.today) {
            v.add("first_date", ErrorCode::DateInPast);
        }
        let (start, end) = parse_window(&mut v, &self.start_time, &self.end_time);
        let repeat = v.check("repeat", parse_choice(&self.repeat, Repeat::parse));
        let weeks = match repeat {
            Some(Repeat::Weekly | Repeat::Fortnightly) => {
                v.check("weeks", parse_number(&self.weeks, None, 1, MAX_WEEKS))
            }
            _ => Some(1),
        };
        let mut extra_dates = Vec::new();
        if repeat == Some(Repeat::Once) {
            for part in self
                .extra_dates
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                match parse_date(part) {
                    Ok(d) if d < known.today => v.add("extra_dates", ErrorCode::DateInPast),
                    Ok(d) => extra_dates.push(d),
                    Err(e) => v.add("extra_dates", e),
                }
            }
        }
        let holidays = v.check("holidays", parse_choice(&self.holidays, HolidayRule::parse));
        let opens_on = if self.registration_opens.trim().is_empty() {
            Some(known.today)
        } else {
            v.check("registration_opens", parse_date(&self.registration_opens))
        };
        let closes_on = v.check("registration_closes", parse_date(&self.registration_closes));
        let closes_time = if self.registration_closes_time.trim().is_empty() {
            NaiveTime::from_hms_opt(23, 59, 0)
        } else {
            v.check(
                "registration_closes_time",
                crate::domain::schedule::parse_time(&self.registration_closes_time),
            )
        };
        let mut facilitators = Vec::new();
        for (n, f) in [&self.facilitator_1, &self.facilitator_2]
            .into_iter()
            .enumerate()
        {
            if f.trim().is_empty() {
                continue;
            }
            if let Some(id) = v.check(
                &format!("facilitator_{}", n + 1),
                parse_id(f, known.facilitators),
            ) {
                if !facilitators.contains(&id) {
                    facilitators.push(id);
                }
            }
        }
        if facilitators.is_empty() && self.facilitator_1.trim().is_empty() {
            v.add("facilitator_1", ErrorCode::Required);
        }
        // The sessions, and the registration window against them.
        let planned = match (first, start, end, repeat, weeks, holidays) {
            (Some(first), Some(start), Some(end), Some(repeat), Some(weeks), Some(holidays)) => {
                let plan = Plan {
                    first,
                    repeat,
                    count: weeks as u32,
                    extra_dates,
                    start,
                    minutes: (end - start).num_minutes(),
                    holidays,
                };
                match sessions(&plan) {
                    Ok(list) if list.is_empty() => {
                        v.add("first_date", ErrorCode::NoSessions);
                        None
                    }
                    Ok(list) => Some(list),
                    Err(e) => {
                        v.add("start_time", e);
                        None
                    }
                }
            }
            _ => None,
        };
        let opens = opens_on.and_then(|d| tallinn_instant(d, NaiveTime::MIN).ok());
        let closes = match (closes_on, closes_time) {
            (Some(d), Some(t)) => match tallinn_instant(d, t) {
                Ok(at) => Some(at),
                Err(e) => {
                    v.add("registration_closes_time", e);
                    None
                }
            },
            _ => None,
        };
        if let (Some(o), Some(c)) = (opens, closes) {
            if c <= o {
                v.add("registration_closes", ErrorCode::EndBeforeStart);
            }
        }
        if let (Some(list), Some(c)) = (&planned, closes) {
            if list.last().is_some_and(|last| c > last.span.start) {
                v.add(
                    "registration_closes",
                    ErrorCode::RegistrationAfterLastSession,
                );
            }
        }
        v.finish(|| {
            Some(NewSeries {
                activity: activity?,
                office_id: office_id?,
                place_kind: place_kind?,
                room_id,
                address,
                online_link,
                capacity: capacity?,
                languages,
                interpretation: ticked(&self.interpretation),
                eligibility: eligibility?,
                childcare: ticked(&self.childcare),
                drop_in: ticked(&self.drop_in),
                auto_book: ticked(&self.auto_book),
                offer_hours: offer_hours?,
                sessions: planned?,
                registration_opens: opens?,
                registration_closes: closes?,
                cancel_cutoff_hours: cancel_cutoff_hours?,
                facilitators,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_room_is_placed_with_its_office_and_street_address() {
        let mut series = NewSeries {
            activity: "art_therapy".into(),
            office_id: 1,
            place_kind: PlaceKind::Room,
            room_id: Some(3),
            address: None,
            online_link: None,
            capacity: 8,
            languages: vec![],
            interpretation: false,
            eligibility: Eligibility::Everyone,
            childcare: false,
            drop_in: false,
            auto_book: false,
            offer_hours: 24,
            sessions: vec![],
            registration_opens: 0,
            registration_closes: 1,
            cancel_cutoff_hours: 24,
            facilitators: vec![],
        };
        let place = |s: &NewSeries, room| s.place(room, "Tartu office", "Riia 15, Tartu");
        assert_eq!(
            place(&series, Some("Room 2")),
            "Room 2, Tartu office, Riia 15, Tartu"
        );
        assert_eq!(place(&series, None), "Tartu office, Riia 15, Tartu");
        series.place_kind = PlaceKind::Address;
        series.address = Some("Rüütli 1, Tartu".into());
        assert_eq!(place(&series, Some("Room 2")), "Rüütli 1, Tartu");
        series.place_kind = PlaceKind::Online;
        assert_eq!(place(&series, None), "online");
    }

    use super::*;

    fn form() -> SeriesForm {
        SeriesForm {
            activity: "womens_group".into(),
            office: "2".into(),
            place_kind: "room".into(),
            room: "7".into(),
            capacity: "12".into(),
            language_1: "ru".into(),
            eligibility: "women_only".into(),
            first_date: "2026-12-03".into(),
            start_time: "17:00".into(),
            end_time: "18:30".into(),
            repeat: "weekly".into(),
            weeks: "4".into(),
            holidays: "skip".into(),
            registration_closes: "2026-12-02".into(),
            facilitator_1: "40".into(),
            ..Default::default()
        }
    }

    fn known<'a>(activities: &'a [String]) -> Known<'a> {
        Known {
            activities,
            offices: &[1, 2],
            rooms: &[(7, 2), (8, 1)],
            facilitators: &[40, 41],
            today: "2026-11-24".parse().unwrap(),
        }
    }

    fn codes(e: FieldErrors) -> Vec<(String, ErrorCode)> {
        e.0.into_iter().map(|f| (f.field, f.code)).collect()
    }

    #[test]
    fn a_weekly_series_parses_with_its_sessions() {
        let a = vec!["womens_group".to_string()];
        let s = form().parse(&known(&a)).unwrap();
        assert_eq!(s.capacity, 12);
        // 3, 10, 17 December; the 24th is Christmas Eve and is skipped.
        assert_eq!(s.sessions.len(), 3);
        assert_eq!(s.offer_hours, 24);
        assert_eq!(s.cancel_cutoff_hours, 24);
    }

    #[test]
    fn capacity_is_one_to_five_hundred() {
        let a = vec!["womens_group".to_string()];
        for bad in ["0", "501", "x"] {
            let mut f = form();
            f.capacity = bad.into();
            assert_eq!(
                codes(f.parse(&known(&a)).unwrap_err()),
                vec![(
                    "capacity".into(),
                    ErrorCode::NumberOutOfRange { min: 1, max: 500 }
                )]
            );
        }
    }

    #[test]
    fn a_session_ending_before_it_starts_is_refused() {
        let a = vec!["womens_group".to_string()];
        let mut f = form();
        f.end_time = "16:00".into();
        assert_eq!(
            codes(f.parse(&known(&a)).unwrap_err()),
            vec![("end_time".into(), ErrorCode::EndBeforeStart)]
        );
    }

    #[test]
    fn registration_must_close_before_the_last_session() {
        let a = vec!["womens_group".to_string()];
        let mut f = form();
        f.registration_closes = "2026-12-18".into();
        assert_eq!(
            codes(f.parse(&known(&a)).unwrap_err()),
            vec![(
                "registration_closes".into(),
                ErrorCode::RegistrationAfterLastSession
            )]
        );
        f.registration_closes = "2026-12-17".into();
        f.registration_closes_time = "16:00".into();
        assert!(
            f.parse(&known(&a)).is_ok(),
            "before the last session's start"
        );
    }

    #[test]
    fn the_room_belongs_to_the_office_and_links_are_https() {
        let a = vec!["womens_group".to_string()];
        let mut f = form();
        f.room = "8".into();
        assert_eq!(
            codes(f.parse(&known(&a)).unwrap_err()),
            vec![("room".into(), ErrorCode::InvalidChoice)]
        );
        let mut f = form();
        f.place_kind = "online".into();
        f.online_link = "http://meet.example/x".into();
        assert_eq!(
            codes(f.parse(&known(&a)).unwrap_err()),
            vec![("online_link".into(), ErrorCode::InvalidLink)]
        );
    }

    #[test]
    fn the_first_date_is_not_in_the_past() {
        let a = vec!["womens_group".to_string()];
        let mut f = form();
        f.first_date = "2026-11-01".into();
        f.registration_closes = "2026-10-31".into();
        assert!(codes(f.parse(&known(&a)).unwrap_err())
            .contains(&("first_date".into(), ErrorCode::DateInPast)));
    }
}
