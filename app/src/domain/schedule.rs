//! Time on the calendar: Europe/Tallinn wall-clock times in, UTC instants (unix seconds) inside,
//! and the overlap rule every booking obeys.

use super::{
    parse_choice, parse_date, parse_optional_text, ChecklistItem, ErrorCode, FieldErrors, Period,
    Validator,
};
use chrono::{LocalResult, NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::Europe::Tallinn;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest meeting a support person can plan.
pub const MAX_MEETING_HOURS: i64 = 12;
pub const PLACE_MAX: usize = 200;

/// A half-open span of time `[start, end)` in UTC unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    /// Two spans overlap when each starts before the other ends; back-to-back spans do not.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn minutes(&self) -> i64 {
        (self.end - self.start) / 60
    }
}

/// The earliest start at or after `wanted.start` at which a span of the same length fits
/// between the `busy` spans and ends by `latest_end`; `None` when nothing fits.
pub fn next_free_start(busy: &[Span], wanted: Span, latest_end: i64) -> Option<i64> {
    let length = wanted.end - wanted.start;
    let mut sorted: Vec<Span> = busy.to_vec();
    sorted.sort();
    let mut start = wanted.start;
    loop {
        let candidate = Span {
            start,
            end: start + length,
        };
        if candidate.end > latest_end {
            return None;
        }
        match sorted
            .iter()
            .filter(|b| b.overlaps(&candidate))
            .map(|b| b.end)
            .max()
        {
            None => return Some(start),
            Some(end) => start = end,
        }
    }
}

/// `HH:MM` as `<input type="time">` sends it.
pub fn parse_time(value: &str) -> Result<NaiveTime, ErrorCode> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ErrorCode::Required);
    }
    NaiveTime::parse_from_str(trimmed, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(trimmed, "%H:%M:%S"))
        .map_err(|_| ErrorCode::InvalidTime)
}

/// The UTC instant of a Tallinn wall-clock time. A time skipped when the clocks go forward is
/// refused; a time that occurs twice when they go back means the first (summer-time) one.
pub fn tallinn_instant(date: NaiveDate, time: NaiveTime) -> Result<i64, ErrorCode> {
    match Tallinn.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Ok(t.timestamp()),
        LocalResult::Ambiguous(first, _) => Ok(first.timestamp()),
        LocalResult::None => Err(ErrorCode::TimeDoesNotExist),
    }
}

/// The Tallinn date and wall-clock time of a UTC instant.
pub fn tallinn_wall_clock(at: i64) -> Option<(NaiveDate, NaiveTime)> {
    let t = chrono::DateTime::from_timestamp(at, 0)?.with_timezone(&Tallinn);
    Some((t.date_naive(), t.time()))
}

/// The instants at which a Tallinn day starts and the next one starts.
pub fn tallinn_day(date: NaiveDate) -> Option<Span> {
    let start = tallinn_instant(date, NaiveTime::MIN).ok()?;
    let end = tallinn_instant(date.succ_opt()?, NaiveTime::MIN).ok()?;
    Some(Span { start, end })
}

/// The Tallinn day an instant falls on, as a span.
pub fn tallinn_day_of(at: i64) -> Option<Span> {
    tallinn_wall_clock(at).and_then(|(date, _)| tallinn_day(date))
}

/// The overlap error, naming the next free start that day when there is one.
pub fn overlap_error(busy: &[Span], wanted: Span) -> ErrorCode {
    let day_end = tallinn_day_of(wanted.start)
        .map(|d| d.end)
        .unwrap_or(wanted.end);
    match next_free_start(busy, wanted, day_end).and_then(tallinn_wall_clock) {
        Some((_, time)) => ErrorCode::OverlapNextFree {
            hour: time.hour() as u8,
            minute: time.minute() as u8,
        },
        None => ErrorCode::Overlap,
    }
}

/// A meeting as the support person plans it: one day, a start and an end time in Tallinn.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub place: String,
    /// Ticked checklist items, `topics[bank_account]=on`.
    pub topics: BTreeMap<String, String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMeeting {
    pub span: Span,
    pub place: String,
    pub topics: Vec<ChecklistItem>,
    pub note: Option<String>,
}

impl MeetingForm {
    /// The date must fall inside the assignment's period.
    pub fn parse(&self, period: &Period) -> Result<NewMeeting, FieldErrors> {
        let mut v = Validator::new();
        let date = v.check("date", parse_date(&self.date)).and_then(|d| {
            if period.contains(d) {
                Some(d)
            } else {
                v.add("date", ErrorCode::OutsideAssignment);
                None
            }
        });
        let start = v.check("start_time", parse_time(&self.start_time));
        let end = v.check("end_time", parse_time(&self.end_time));
        let span = match (date, start, end) {
            (Some(date), Some(start), Some(end)) => {
                let s = v.check("start_time", tallinn_instant(date, start));
                let e = v.check("end_time", tallinn_instant(date, end));
                match (s, e) {
                    (Some(s), Some(e)) if e <= s => {
                        v.add("end_time", ErrorCode::EndBeforeStart);
                        None
                    }
                    (Some(s), Some(e)) if e - s > MAX_MEETING_HOURS * 3600 => {
                        v.add(
                            "end_time",
                            ErrorCode::DurationTooLong {
                                max_hours: MAX_MEETING_HOURS,
                            },
                        );
                        None
                    }
                    (Some(start), Some(end)) => Some(Span { start, end }),
                    _ => None,
                }
            }
            _ => None,
        };
        let place = v.check("place", super::parse_required_text(&self.place, PLACE_MAX));
        let mut topics = Vec::new();
        for code in self.topics.keys() {
            match ChecklistItem::parse(code) {
                Some(item) => topics.push(item),
                None => v.add("topics", ErrorCode::InvalidChoice),
            }
        }
        let note = v.check("note", parse_optional_text(&self.note, 1000));
        v.finish(|| {
            Some(NewMeeting {
                span: span?,
                place: place?,
                topics,
                note: note?,
            })
        })
    }
}

string_enum!(MeetingOutcome { Held => "held", Missed => "missed" });

string_enum!(
    /// Where an event of the shared calendar stands (meetings, consultations, sessions).
    EventStatus {
        Pending => "pending",
        Confirmed => "confirmed",
        Cancelled => "cancelled",
        Held => "held",
        Missed => "missed",
    }
);

string_enum!(
    /// What an item of a person's agenda is.
    AgendaKind {
        Meeting => "meeting",
        Consultation => "consultation",
        Session => "session",
        CheckIn => "check_in",
        Handover => "handover",
    }
);

impl EventStatus {
    /// Still to happen: it keeps its time, its room and its people.
    pub fn is_live(self) -> bool {
        matches!(self, EventStatus::Pending | EventStatus::Confirmed)
    }
}

/// Marks a meeting held (with its actual length) or missed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomeForm {
    pub outcome: String,
    /// Actual length in minutes; empty means as planned.
    pub minutes: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValidOutcome {
    Held { minutes: i64 },
    Missed,
}

impl OutcomeForm {
    pub fn parse(&self, planned: Span, now: i64) -> Result<ValidOutcome, FieldErrors> {
        let mut v = Validator::new();
        if planned.start > now {
            v.add("outcome", ErrorCode::NotYetStarted);
        }
        let outcome = v.check(
            "outcome",
            parse_choice(&self.outcome, MeetingOutcome::parse),
        );
        let minutes = match (outcome, self.minutes.trim()) {
            (Some(MeetingOutcome::Held), "") => Some(planned.minutes()),
            (Some(MeetingOutcome::Held), text) => {
                let range = ErrorCode::NumberOutOfRange {
                    min: 1,
                    max: MAX_MEETING_HOURS * 60,
                };
                v.check(
                    "minutes",
                    text.parse::<i64>()
                        .ok()
                        .filter(|m| (1..=MAX_MEETING_HOURS * 60).contains(m))
                        .ok_or(range),
                )
            }
            _ => Some(0),
        };
        v.finish(|| match outcome? {
            MeetingOutcome::Held => Some(ValidOutcome::Held { minutes: minutes? }),
            MeetingOutcome::Missed => Some(ValidOutcome::Missed),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn t(s: &str) -> NaiveTime {
        parse_time(s).unwrap()
    }
    fn span(a: i64, b: i64) -> Span {
        Span { start: a, end: b }
    }

    #[test]
    fn overlap_is_half_open() {
        assert!(span(0, 10).overlaps(&span(5, 15)));
        assert!(span(5, 15).overlaps(&span(0, 10)));
        assert!(span(0, 10).overlaps(&span(2, 3)), "containment");
        assert!(!span(0, 10).overlaps(&span(10, 20)), "back to back");
        assert!(!span(10, 20).overlaps(&span(0, 10)));
    }

    #[test]
    fn next_free_start_skips_past_busy_spans() {
        let busy = [span(100, 200), span(200, 260), span(400, 500)];
        assert_eq!(next_free_start(&busy, span(150, 210), 1000), Some(260));
        assert_eq!(next_free_start(&busy, span(150, 350), 1000), Some(500));
        assert_eq!(next_free_start(&busy, span(0, 100), 1000), Some(0));
        assert_eq!(next_free_start(&busy, span(150, 700), 1000), None);
    }

    #[test]
    fn tallinn_times_follow_the_clock_changes() {
        // 2026-03-29: clocks go forward at 03:00 (EET +2 → EEST +3).
        assert_eq!(
            tallinn_instant(d("2026-03-29"), t("10:00")),
            Ok(1_774_767_600) // 07:00 UTC
        );
        // 2026-10-25: clocks go back at 04:00 (EEST +3 → EET +2).
        assert_eq!(
            tallinn_instant(d("2026-10-25"), t("10:00")),
            Ok(1_792_915_200) // 08:00 UTC
        );
        assert_eq!(
            tallinn_instant(d("2026-03-29"), t("03:30")),
            Err(ErrorCode::TimeDoesNotExist)
        );
        // 03:30 happens twice on 2026-10-25; the first is 00:30 UTC.
        assert_eq!(
            tallinn_instant(d("2026-10-25"), t("03:30")),
            Ok(1_792_888_200)
        );
        assert_eq!(
            tallinn_wall_clock(1_774_767_600),
            Some((d("2026-03-29"), t("10:00")))
        );
        assert_eq!(tallinn_day(d("2026-03-29")).unwrap().minutes(), 23 * 60);
        assert_eq!(tallinn_day(d("2026-10-25")).unwrap().minutes(), 25 * 60);
    }

    #[test]
    fn overlap_error_offers_the_next_free_time_that_day() {
        let nine = tallinn_instant(d("2026-11-24"), t("09:00")).unwrap();
        let busy = [span(nine, nine + 3600)];
        let wanted = span(nine + 1800, nine + 5400);
        assert_eq!(
            overlap_error(&busy, wanted),
            ErrorCode::OverlapNextFree {
                hour: 10,
                minute: 0
            }
        );
        let late = tallinn_instant(d("2026-11-24"), t("22:30")).unwrap();
        let busy = [span(late, late + 3600)];
        assert_eq!(
            overlap_error(&busy, span(late, late + 3600)),
            ErrorCode::Overlap
        );
    }

    fn period() -> Period {
        Period::planned(d("2026-03-01"), None).unwrap()
    }

    fn meeting() -> MeetingForm {
        MeetingForm {
            date: "2026-03-29".into(),
            start_time: "10:00".into(),
            end_time: "11:30".into(),
            place: "Tartu, Raekoja plats 1".into(),
            topics: [("bank_account".to_string(), "on".to_string())].into(),
            note: String::new(),
        }
    }

    #[test]
    fn a_meeting_parses_into_utc() {
        let m = meeting().parse(&period()).unwrap();
        assert_eq!(m.span.start, 1_774_767_600);
        assert_eq!(m.span.minutes(), 90);
        assert_eq!(m.topics, vec![ChecklistItem::BankAccount]);
    }

    #[test]
    fn meeting_rules() {
        let form = MeetingForm {
            end_time: "09:00".into(),
            ..meeting()
        };
        assert_eq!(
            form.parse(&period()).unwrap_err().get("end_time"),
            Some(ErrorCode::EndBeforeStart)
        );
        let form = MeetingForm {
            date: "2026-09-01".into(),
            topics: [("gossip".to_string(), "on".to_string())].into(),
            start_time: "9".into(),
            place: " ".into(),
            ..meeting()
        };
        let errors = form.parse(&period()).unwrap_err();
        assert_eq!(errors.get("date"), Some(ErrorCode::OutsideAssignment));
        assert_eq!(errors.get("topics"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("start_time"), Some(ErrorCode::InvalidTime));
        assert_eq!(errors.get("place"), Some(ErrorCode::Required));
        // 00:00–13:00 is 12 real hours on 2026-03-29 (the clocks go forward): use another day.
        let form = MeetingForm {
            date: "2026-03-20".into(),
            start_time: "00:00".into(),
            end_time: "13:00".into(),
            ..meeting()
        };
        assert_eq!(
            form.parse(&period()).unwrap_err().get("end_time"),
            Some(ErrorCode::DurationTooLong { max_hours: 12 })
        );
    }

    #[test]
    fn outcome_rules() {
        let planned = span(1000, 1000 + 3600);
        let held = OutcomeForm {
            outcome: "held".into(),
            minutes: String::new(),
        };
        assert_eq!(
            held.parse(planned, 5000),
            Ok(ValidOutcome::Held { minutes: 60 })
        );
        assert_eq!(
            held.parse(planned, 500).unwrap_err().get("outcome"),
            Some(ErrorCode::NotYetStarted)
        );
        let bad = OutcomeForm {
            outcome: "held".into(),
            minutes: "0".into(),
        };
        assert!(bad
            .parse(planned, 5000)
            .unwrap_err()
            .get("minutes")
            .is_some());
        let missed = OutcomeForm {
            outcome: "missed".into(),
            minutes: "abc".into(),
        };
        assert_eq!(missed.parse(planned, 5000), Ok(ValidOutcome::Missed));
    }
}
