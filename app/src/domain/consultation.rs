//! Consultations at a coordinator's reception: what a booking holds, and the rules of time that
//! apply to booking, cancelling and rescheduling (minimum notice, cut-off, holidays, office hours).

use super::office_hours::{closure, Closure, Schedule, Slot};
use super::schedule::{parse_time, tallinn_instant, tallinn_wall_clock, Span};
use super::{
    parse_choice, parse_date, parse_optional_text, parse_required_text, ErrorCode, FieldErrors,
    Language, Validator,
};
use serde::{Deserialize, Serialize};

pub const MAX_PARTY: i64 = 10;
/// How far ahead free slots are shown.
pub const BOOKING_DAYS: i64 = 28;
pub const NOTE_MAX: usize = 1000;
pub const REASON_MAX: usize = 300;
/// Reminders go out this long before a consultation.
pub const REMINDER_LEAD: i64 = 24 * 3600;

/// Whether a consultation starting at `start` still needs its reminder when booked or moved at
/// `now`: one starting within the lead has just had its confirmation.
pub fn reminder_needed(start: i64, now: i64) -> bool {
    start - now > REMINDER_LEAD
}

/// A walk-in recorded outside the slots lasts this long unless told otherwise.
pub const WALK_IN_MINUTES: i64 = 30;

string_enum!(
    /// What a household comes to talk about.
    Topic {
        Handover => "handover",
        Documents => "documents",
        Housing => "housing",
        Work => "work",
        Education => "education",
        Health => "health",
        Family => "family",
        Benefits => "benefits",
        Other => "other",
    }
);

string_enum!(
    /// What a message to the household tells about its consultation.
    MessageKind {
        Confirmed => "consultation_confirmed",
        Changed => "consultation_changed",
        Cancelled => "consultation_cancelled",
        Reminder => "consultation_reminder",
    }
);

impl MessageKind {
    /// What the message's calendar does: a booking or a move invites (again, with a higher
    /// sequence), a cancellation cancels; a reminder carries none.
    pub fn calendar_method(self) -> Option<crate::domain::ics::Method> {
        use crate::domain::ics::Method;
        match self {
            MessageKind::Confirmed | MessageKind::Changed => Some(Method::Request),
            MessageKind::Cancelled => Some(Method::Cancel),
            MessageKind::Reminder => None,
        }
    }
}

string_enum!(Attendance { Attended => "attended", NoShow => "no_show" });

/// The times that bind people who book for themselves (a household or its support person);
/// coordinators are bound by neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingRules {
    /// Seconds between now and the earliest slot that may be booked.
    pub min_notice: i64,
    /// Seconds before the start after which only a coordinator may cancel or reschedule.
    pub cutoff: i64,
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules {
            min_notice: 2 * 3600,
            cutoff: 24 * 3600,
        }
    }
}

fn whole_hours(seconds: i64) -> i64 {
    (seconds + 3599) / 3600
}

impl BookingRules {
    /// The earliest start someone may book now.
    pub fn earliest(&self, now: i64, by_coordinator: bool) -> i64 {
        if by_coordinator {
            now
        } else {
            now + self.min_notice
        }
    }

    /// Checks that `start` is a slot of the schedule that may be booked at `now`, answering the
    /// slot, or the first reason it may not be.
    pub fn bookable(
        &self,
        schedule: &Schedule,
        coordinator_id: i64,
        office_id: i64,
        start: i64,
        now: i64,
        by_coordinator: bool,
    ) -> Result<Slot, ErrorCode> {
        if start <= now {
            return Err(ErrorCode::SlotInPast);
        }
        let (date, _) = tallinn_wall_clock(start).ok_or(ErrorCode::InvalidDate)?;
        match closure(date, &schedule.overrides) {
            Some(Closure::Holiday(_)) => return Err(ErrorCode::OfficeClosedHoliday),
            Some(Closure::ClosedByAdmin) => return Err(ErrorCode::OfficeClosed),
            None => {}
        }
        let slot = schedule
            .slot_at(coordinator_id, office_id, start)
            .ok_or(ErrorCode::OutsideOfficeHours)?;
        if start < self.earliest(now, by_coordinator) {
            return Err(ErrorCode::TooShortNotice {
                hours: whole_hours(self.min_notice),
            });
        }
        Ok(slot)
    }

    /// Whether a consultation starting at `start` may still be cancelled or moved at `now`.
    pub fn changeable(&self, start: i64, now: i64, by_coordinator: bool) -> Result<(), ErrorCode> {
        if start <= now {
            return Err(ErrorCode::AlreadyStarted);
        }
        if !by_coordinator && start - now < self.cutoff {
            return Err(ErrorCode::CutoffPassed {
                hours: whole_hours(self.cutoff),
            });
        }
        Ok(())
    }
}

/// A slot as forms carry it: the coordinator and the Tallinn wall-clock start,
/// `7/2026-12-01T10:00`. Readable, and stable across clock changes.
pub fn slot_key(coordinator_id: i64, start: i64) -> String {
    match tallinn_wall_clock(start) {
        Some((date, time)) => format!("{coordinator_id}/{date}T{}", time.format("%H:%M")),
        None => String::new(),
    }
}

/// The coordinator and the UTC start of a slot key.
pub fn parse_slot_key(value: &str) -> Result<(i64, i64), ErrorCode> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ErrorCode::Required);
    }
    let (coordinator, when) = value.split_once('/').ok_or(ErrorCode::InvalidChoice)?;
    let (date, time) = when.split_once('T').ok_or(ErrorCode::InvalidChoice)?;
    let coordinator = coordinator
        .parse::<i64>()
        .map_err(|_| ErrorCode::InvalidChoice)?;
    let start = tallinn_instant(parse_date(date)?, parse_time(time)?)?;
    Ok((coordinator, start))
}

fn parse_party(value: &str) -> Result<i64, ErrorCode> {
    let range = ErrorCode::NumberOutOfRange {
        min: 1,
        max: MAX_PARTY,
    };
    match value.trim() {
        "" => Ok(1),
        text => text
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_PARTY).contains(n))
            .ok_or(range),
    }
}

fn parse_interpreter(value: &str) -> Result<Option<Language>, ErrorCode> {
    match value.trim() {
        "" => Ok(None),
        code => Language::parse(code)
            .map(Some)
            .ok_or(ErrorCode::InvalidChoice),
    }
}

/// What the household wants to talk about and who is coming.
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub topic: Topic,
    pub party_size: i64,
    pub interpreter: Option<Language>,
    pub note: Option<String>,
}

fn parse_details(
    v: &mut Validator,
    topic: &str,
    party_size: &str,
    interpreter: &str,
    note: &str,
) -> Option<Details> {
    let topic = v.check("topic", parse_choice(topic, Topic::parse));
    let party_size = v.check("party_size", parse_party(party_size));
    let interpreter = v.check("interpreter", parse_interpreter(interpreter));
    let note = v.check("note", parse_optional_text(note, NOTE_MAX));
    Some(Details {
        topic: topic?,
        party_size: party_size?,
        interpreter: interpreter?,
        note: note?,
    })
}

/// The booking form: which household (staff only), where, which slot, and the details.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BookingForm {
    /// A household id; empty for a beneficiary, who books for their own household.
    pub household: String,
    pub office: String,
    /// A slot key, see `slot_key`.
    pub slot: String,
    pub topic: String,
    pub party_size: String,
    /// A language code, or empty when no interpreter is needed.
    pub interpreter: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BookingRequest {
    pub office_id: i64,
    pub coordinator_id: i64,
    pub start: i64,
    pub details: Details,
}

impl BookingForm {
    /// Parses everything but the household, which the caller resolves with the user's rights.
    /// `offices` are the ids of the offices that exist.
    pub fn parse(&self, offices: &[i64]) -> Result<BookingRequest, FieldErrors> {
        let mut v = Validator::new();
        let office_id = v.check(
            "office",
            super::office_hours::parse_id(&self.office, offices),
        );
        let slot = v.check("slot", parse_slot_key(&self.slot));
        let details = parse_details(
            &mut v,
            &self.topic,
            &self.party_size,
            &self.interpreter,
            &self.note,
        );
        v.finish(|| {
            let (coordinator_id, start) = slot?;
            Some(BookingRequest {
                office_id: office_id?,
                coordinator_id,
                start,
                details: details?,
            })
        })
    }
}

/// Cancelling needs a reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CancelForm {
    pub reason: String,
}

impl CancelForm {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut v = Validator::new();
        let reason = v.check("reason", parse_required_text(&self.reason, REASON_MAX));
        v.finish(|| reason)
    }
}

/// Moving a consultation to another free slot of the same office, with a reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RescheduleForm {
    pub slot: String,
    pub reason: String,
}

impl RescheduleForm {
    pub fn parse(&self) -> Result<((i64, i64), String), FieldErrors> {
        let mut v = Validator::new();
        let slot = v.check("slot", parse_slot_key(&self.slot));
        let reason = v.check("reason", parse_required_text(&self.reason, REASON_MAX));
        v.finish(|| Some((slot?, reason?)))
    }
}

/// The coordinator marks a consultation attended or a no-show, with an internal note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttendanceForm {
    pub outcome: String,
    /// Seen by coordinators only.
    pub staff_note: String,
}

impl AttendanceForm {
    /// Attended may be marked from the day of the consultation on (people arrive early); a
    /// no-show only once it has started.
    pub fn parse(&self, span: Span, now: i64) -> Result<(Attendance, Option<String>), FieldErrors> {
        let mut v = Validator::new();
        let outcome = v.check("outcome", parse_choice(&self.outcome, Attendance::parse));
        let day_started = super::schedule::tallinn_day_of(span.start)
            .map(|day| day.start <= now)
            .unwrap_or(false);
        match outcome {
            Some(Attendance::Attended) if !day_started => {
                v.add("outcome", ErrorCode::NotYetStarted)
            }
            Some(Attendance::NoShow) if span.start > now => {
                v.add("outcome", ErrorCode::NotYetStarted)
            }
            _ => {}
        }
        let note = v.check(
            "staff_note",
            parse_optional_text(&self.staff_note, NOTE_MAX),
        );
        v.finish(|| Some((outcome?, note?)))
    }
}

string_enum!(WalkInMode { NextSlot => "next_slot", Outside => "outside" });

/// Someone arrives at the reception without a booking: they take the next free slot of the
/// coordinator today, or are recorded as seen now, outside the slots.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WalkInForm {
    pub household: String,
    pub mode: String,
    pub topic: String,
    pub party_size: String,
    pub interpreter: String,
    /// Outside the slots: how long it took; empty means 30 minutes.
    pub minutes: String,
    pub staff_note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WalkIn {
    pub household_id: i64,
    pub mode: WalkInMode,
    pub details: Details,
    pub minutes: i64,
    pub staff_note: Option<String>,
}

impl WalkInForm {
    pub fn parse(&self) -> Result<WalkIn, FieldErrors> {
        let mut v = Validator::new();
        let household_id = v.check(
            "household",
            parse_choice(&self.household, |s| {
                s.parse::<i64>().ok().filter(|id| *id > 0)
            }),
        );
        let mode = v.check("mode", parse_choice(&self.mode, WalkInMode::parse));
        let details = parse_details(&mut v, &self.topic, &self.party_size, &self.interpreter, "");
        let minutes = v.check(
            "minutes",
            match self.minutes.trim() {
                "" => Ok(WALK_IN_MINUTES),
                text => text
                    .parse::<i64>()
                    .ok()
                    .filter(|m| (5..=240).contains(m))
                    .ok_or(ErrorCode::NumberOutOfRange { min: 5, max: 240 }),
            },
        );
        let staff_note = v.check(
            "staff_note",
            parse_optional_text(&self.staff_note, NOTE_MAX),
        );
        v.finish(|| {
            Some(WalkIn {
                household_id: household_id?,
                mode: mode?,
                details: details?,
                minutes: minutes?,
                staff_note: staff_note?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::office_hours::Window;
    use chrono::{NaiveDate, NaiveTime, Weekday};

    fn at(date: &str, time: &str) -> i64 {
        tallinn_instant(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn bookings_and_moves_invite_cancellations_cancel_reminders_carry_no_calendar() {
        use crate::domain::ics::Method;
        assert_eq!(
            MessageKind::Confirmed.calendar_method(),
            Some(Method::Request)
        );
        assert_eq!(
            MessageKind::Changed.calendar_method(),
            Some(Method::Request)
        );
        assert_eq!(
            MessageKind::Cancelled.calendar_method(),
            Some(Method::Cancel)
        );
        assert_eq!(MessageKind::Reminder.calendar_method(), None);
    }

    fn tuesdays() -> Schedule {
        Schedule {
            windows: vec![Window {
                coordinator_id: 1,
                office_id: 2,
                weekday: Weekday::Tue,
                start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                slot_minutes: 45,
                buffer_minutes: 15,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_slot_is_bookable_only_in_office_hours_and_in_the_future() {
        let rules = BookingRules::default();
        let schedule = tuesdays();
        let now = at("2026-11-24", "07:00");
        let ok = rules.bookable(&schedule, 1, 2, at("2026-12-01", "11:00"), now, false);
        assert_eq!(ok.map(|s| s.span.minutes()), Ok(45));
        let refused = |start, now, coordinator| {
            rules
                .bookable(&schedule, 1, 2, start, now, coordinator)
                .unwrap_err()
        };
        assert_eq!(
            refused(at("2026-11-17", "11:00"), now, true),
            ErrorCode::SlotInPast
        );
        assert_eq!(
            refused(at("2026-12-01", "11:30"), now, false),
            ErrorCode::OutsideOfficeHours
        );
        assert_eq!(
            refused(at("2026-12-02", "11:00"), now, false),
            ErrorCode::OutsideOfficeHours,
            "a Wednesday"
        );
        // 2026-12-22 is a Tuesday, 2026-12-24 a holiday; move the window to Thursdays.
        let mut thursdays = tuesdays();
        thursdays.windows[0].weekday = Weekday::Thu;
        assert_eq!(
            rules
                .bookable(&thursdays, 1, 2, at("2026-12-24", "11:00"), now, true)
                .unwrap_err(),
            ErrorCode::OfficeClosedHoliday
        );
        thursdays
            .overrides
            .insert(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), false);
        assert_eq!(
            rules
                .bookable(&thursdays, 1, 2, at("2026-12-03", "11:00"), now, true)
                .unwrap_err(),
            ErrorCode::OfficeClosed
        );
    }

    #[test]
    fn minimum_notice_binds_self_booking_only() {
        let rules = BookingRules::default();
        let schedule = tuesdays();
        let slot = at("2026-11-24", "12:00");
        let too_soon = at("2026-11-24", "10:01");
        assert_eq!(
            rules.bookable(&schedule, 1, 2, slot, too_soon, false),
            Err(ErrorCode::TooShortNotice { hours: 2 })
        );
        assert!(rules
            .bookable(&schedule, 1, 2, slot, too_soon, true)
            .is_ok());
        // Exactly two hours ahead is enough.
        assert!(rules
            .bookable(&schedule, 1, 2, slot, at("2026-11-24", "10:00"), false)
            .is_ok());
    }

    #[test]
    fn the_cut_off_binds_all_but_coordinators() {
        let rules = BookingRules::default();
        let start = at("2026-12-01", "11:00");
        assert_eq!(rules.changeable(start, start - 24 * 3600, false), Ok(()));
        assert_eq!(
            rules.changeable(start, start - 24 * 3600 + 1, false),
            Err(ErrorCode::CutoffPassed { hours: 24 })
        );
        assert_eq!(rules.changeable(start, start - 60, true), Ok(()));
        assert_eq!(
            rules.changeable(start, start, true),
            Err(ErrorCode::AlreadyStarted)
        );
    }

    #[test]
    fn a_reminder_is_needed_only_more_than_a_day_ahead() {
        let start = at("2026-12-01", "11:00");
        assert!(reminder_needed(start, start - REMINDER_LEAD - 1));
        assert!(!reminder_needed(start, start - REMINDER_LEAD));
        assert!(!reminder_needed(start, start - 3600));
    }

    #[test]
    fn slot_keys_round_trip_in_wall_clock_time() {
        let start = at("2026-10-25", "03:30");
        assert_eq!(slot_key(7, start), "7/2026-10-25T03:30");
        assert_eq!(parse_slot_key("7/2026-10-25T03:30"), Ok((7, start)));
        assert_eq!(parse_slot_key(""), Err(ErrorCode::Required));
        assert_eq!(parse_slot_key("7-2026"), Err(ErrorCode::InvalidChoice));
        assert_eq!(
            parse_slot_key("x/2026-10-25T03:30"),
            Err(ErrorCode::InvalidChoice)
        );
        assert_eq!(
            parse_slot_key("7/2026-03-29T03:30"),
            Err(ErrorCode::TimeDoesNotExist)
        );
    }

    #[test]
    fn booking_form_checks_party_size_topic_and_interpreter() {
        let form = BookingForm {
            office: "2".into(),
            slot: "1/2026-12-01T11:00".into(),
            topic: "housing".into(),
            party_size: "3".into(),
            interpreter: "uk".into(),
            ..Default::default()
        };
        let request = form.parse(&[1, 2]).unwrap();
        assert_eq!(request.details.party_size, 3);
        assert_eq!(request.details.interpreter, Some(Language::Uk));
        for bad in ["0", "11", "-1", "two"] {
            let errors = BookingForm {
                party_size: bad.into(),
                ..form.clone()
            }
            .parse(&[1, 2])
            .unwrap_err();
            assert_eq!(
                errors.get("party_size"),
                Some(ErrorCode::NumberOutOfRange { min: 1, max: 10 }),
                "{bad}"
            );
        }
        let errors = BookingForm {
            office: "99".into(),
            topic: "weather".into(),
            interpreter: "xx".into(),
            ..form
        }
        .parse(&[1, 2])
        .unwrap_err();
        assert_eq!(errors.get("office"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("topic"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("interpreter"), Some(ErrorCode::InvalidChoice));
    }

    #[test]
    fn attendance_waits_for_the_day_and_no_show_for_the_start() {
        let span = Span {
            start: at("2026-12-01", "11:00"),
            end: at("2026-12-01", "11:45"),
        };
        let form = |outcome: &str| AttendanceForm {
            outcome: outcome.into(),
            staff_note: String::new(),
        };
        let morning = at("2026-12-01", "09:00");
        assert!(form("attended").parse(span, morning).is_ok());
        assert_eq!(
            form("no_show")
                .parse(span, morning)
                .unwrap_err()
                .get("outcome"),
            Some(ErrorCode::NotYetStarted)
        );
        assert!(form("no_show").parse(span, span.start).is_ok());
        assert_eq!(
            form("attended")
                .parse(span, at("2026-11-30", "16:00"))
                .unwrap_err()
                .get("outcome"),
            Some(ErrorCode::NotYetStarted)
        );
    }
}
