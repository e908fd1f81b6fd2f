//! Coordinators' office hours at the receptions: weekly windows in Europe/Tallinn wall-clock time,
//! exceptions for single dates, public holidays and the admin's overrides, and the bookable slots
//! that follow from them. A 09:00 slot stays 09:00 on both sides of a clock change.

use super::holidays::{public_holiday, Holiday};
use super::schedule::{parse_time, tallinn_instant, Span};
use super::{parse_choice, parse_date, parse_optional_text, ErrorCode, FieldErrors, Validator};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DEFAULT_SLOT_MINUTES: i64 = 45;
pub const DEFAULT_BUFFER_MINUTES: i64 = 15;
pub const SLOT_MINUTES: (i64, i64) = (15, 240);
pub const BUFFER_MINUTES: (i64, i64) = (0, 120);
/// Leave longer than this is entered in parts (a typo of a year is refused).
pub const MAX_LEAVE_DAYS: i64 = 366;

/// One weekly window of a coordinator at an office.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub coordinator_id: i64,
    pub office_id: i64,
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub slot_minutes: i64,
    pub buffer_minutes: i64,
}

string_enum!(ExceptionKind { Extra => "extra", DayOff => "day_off", Leave => "leave" });

/// Extra hours on one date, a day off, or leave over a range of dates.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursException {
    pub coordinator_id: i64,
    /// `None` for a day off or leave that applies to every office.
    pub office_id: Option<i64>,
    pub kind: ExceptionKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The extra window; `None` unless `kind` is `Extra`.
    pub hours: Option<Hours>,
}

impl HoursException {
    fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// Why a date has no office hours at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    Holiday(Holiday),
    /// Closed by an admin.
    ClosedByAdmin,
}

/// The admin's decisions: `true` opens a holiday, `false` closes an ordinary day.
pub type Overrides = BTreeMap<NaiveDate, bool>;

/// Whether the offices are closed on `date`, and why.
pub fn closure(date: NaiveDate, overrides: &Overrides) -> Option<Closure> {
    match (overrides.get(&date), public_holiday(date)) {
        (Some(true), _) => None,
        (Some(false), _) => Some(Closure::ClosedByAdmin),
        (None, Some(holiday)) => Some(Closure::Holiday(holiday)),
        (None, None) => None,
    }
}

/// A bookable time of one coordinator at one office. The coordinator stays occupied until
/// `buffer_end`, the end of the span plus the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Slot {
    pub span: Span,
    pub coordinator_id: i64,
    pub office_id: i64,
    pub buffer_end: i64,
}

impl Slot {
    /// What the coordinator's calendar holds for this slot.
    pub fn occupied(&self) -> Span {
        Span {
            start: self.span.start,
            end: self.buffer_end,
        }
    }
}

/// The schedule of the offices: every window and exception, and the admin's overrides.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    pub windows: Vec<Window>,
    pub exceptions: Vec<HoursException>,
    pub overrides: Overrides,
}

impl Schedule {
    /// Every slot on `date`, of every coordinator at every office, in time order; none when the
    /// offices are closed. Taken slots are not removed here (see `free`).
    pub fn slots_on(&self, date: NaiveDate) -> Vec<Slot> {
        if closure(date, &self.overrides).is_some() {
            return Vec::new();
        }
        let away = |coordinator_id: i64, office_id: i64| {
            self.exceptions.iter().any(|e| {
                e.coordinator_id == coordinator_id
                    && e.kind != ExceptionKind::Extra
                    && e.office_id.is_none_or(|o| o == office_id)
                    && e.covers(date)
            })
        };
        let weekly = self
            .windows
            .iter()
            .filter(|w| w.weekday == date.weekday())
            .map(|w| {
                let hours = (w.start, w.end, w.slot_minutes, w.buffer_minutes);
                (w.coordinator_id, w.office_id, hours)
            });
        let extra = self
            .exceptions
            .iter()
            .filter_map(|e| match (e.kind, e.office_id, e.hours) {
                (ExceptionKind::Extra, Some(office), Some(hours)) if e.covers(date) => {
                    Some((e.coordinator_id, office, hours))
                }
                _ => None,
            });
        let mut slots: Vec<Slot> = weekly
            .chain(extra)
            .filter(|(coordinator, office, _)| !away(*coordinator, *office))
            .flat_map(|(coordinator_id, office_id, (start, end, slot, buffer))| {
                window_slots(date, start, end, slot, buffer)
                    .into_iter()
                    .map(move |(span, buffer_end)| Slot {
                        span,
                        coordinator_id,
                        office_id,
                        buffer_end,
                    })
            })
            .collect();
        slots.sort();
        // Two overlapping windows of one coordinator must not offer the same time twice.
        slots.dedup_by(|b, a| a.coordinator_id == b.coordinator_id && a.span.overlaps(&b.span));
        slots
    }

    /// The slot of `coordinator_id` at `office_id` that starts at `start`, if the schedule has it.
    pub fn slot_at(&self, coordinator_id: i64, office_id: i64, start: i64) -> Option<Slot> {
        let (date, _) = super::schedule::tallinn_wall_clock(start)?;
        self.slots_on(date).into_iter().find(|s| {
            s.coordinator_id == coordinator_id && s.office_id == office_id && s.span.start == start
        })
    }
}

/// Slots of one window on one date: `(span, end of buffer)`. Consecutive slots are one slot
/// length plus one buffer apart, and the last one ends by the window's end.
fn window_slots(
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    slot_minutes: i64,
    buffer_minutes: i64,
) -> Vec<(Span, i64)> {
    let step = chrono::Duration::minutes(slot_minutes + buffer_minutes);
    let length = chrono::Duration::minutes(slot_minutes);
    let mut out = Vec::new();
    let mut at = start;
    while at < end && end.signed_duration_since(at) >= length {
        // Wall-clock times skipped by a clock change have no slot.
        if let Ok(instant) = tallinn_instant(date, at) {
            let span = Span {
                start: instant,
                end: instant + slot_minutes * 60,
            };
            out.push((span, span.end + buffer_minutes * 60));
        }
        let (next, wrapped) = at.overflowing_add_signed(step);
        if wrapped != 0 || next <= at {
            break;
        }
        at = next;
    }
    out
}

/// Slots that start no earlier than `earliest` and overlap nothing in `taken` (the coordinators'
/// occupied spans, buffers included), keyed by coordinator.
pub fn free(slots: &[Slot], earliest: i64, taken: &BTreeMap<i64, Vec<Span>>) -> Vec<Slot> {
    slots
        .iter()
        .filter(|s| s.span.start >= earliest)
        .filter(|s| {
            taken
                .get(&s.coordinator_id)
                .is_none_or(|busy| !busy.iter().any(|b| b.overlaps(&s.occupied())))
        })
        .copied()
        .collect()
}

fn parse_minutes(value: &str, default: i64, (min, max): (i64, i64)) -> Result<i64, ErrorCode> {
    match value.trim() {
        "" => Ok(default),
        text => text
            .parse::<i64>()
            .ok()
            .filter(|m| (min..=max).contains(m))
            .ok_or(ErrorCode::NumberOutOfRange { min, max }),
    }
}

/// Start and end of a window; the end must come after the start on the same day.
pub(crate) fn parse_window(
    v: &mut Validator,
    start: &str,
    end: &str,
) -> (Option<NaiveTime>, Option<NaiveTime>) {
    let start = v.check("start_time", parse_time(start));
    let end = v.check("end_time", parse_time(end));
    match (start, end) {
        (Some(s), Some(e)) if e <= s => {
            v.add("end_time", ErrorCode::EndBeforeStart);
            (None, None)
        }
        other => other,
    }
}

/// Start, end, slot length and buffer of a window.
pub type Hours = (NaiveTime, NaiveTime, i64, i64);

/// A window's hours from its four fields (start, end, slot minutes, buffer minutes); the window
/// must hold at least one slot.
fn parse_hours(v: &mut Validator, [start, end, slot, buffer]: [&String; 4]) -> Option<Hours> {
    let (start, end) = parse_window(v, start, end);
    let slot = v.check(
        "slot_minutes",
        parse_minutes(slot, DEFAULT_SLOT_MINUTES, SLOT_MINUTES),
    );
    let buffer = v.check(
        "buffer_minutes",
        parse_minutes(buffer, DEFAULT_BUFFER_MINUTES, BUFFER_MINUTES),
    );
    let (start, end, slot, buffer) = (start?, end?, slot?, buffer?);
    if end.signed_duration_since(start).num_minutes() < slot {
        v.add("end_time", ErrorCode::WindowShorterThanSlot);
        return None;
    }
    Some((start, end, slot, buffer))
}

/// A weekly window as the coordinator enters it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowForm {
    pub office: String,
    /// ISO weekday number, `1` (Monday) to `7`.
    pub weekday: String,
    pub start_time: String,
    pub end_time: String,
    /// Empty means the default (45).
    pub slot_minutes: String,
    /// Empty means the default (15).
    pub buffer_minutes: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewWindow {
    pub office_id: i64,
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub slot_minutes: i64,
    pub buffer_minutes: i64,
}

/// One of `known` ids, given as text.
pub fn parse_id(value: &str, known: &[i64]) -> Result<i64, ErrorCode> {
    parse_choice(value, |v| {
        v.parse::<i64>().ok().filter(|id| known.contains(id))
    })
}

pub fn parse_weekday(value: &str) -> Result<Weekday, ErrorCode> {
    parse_choice(value, |v| {
        v.parse::<u8>()
            .ok()
            .filter(|n| (1..=7).contains(n))
            .and_then(|n| Weekday::try_from(n - 1).ok())
    })
}

impl WindowForm {
    /// `offices` are the ids of the offices that exist.
    pub fn parse(&self, offices: &[i64]) -> Result<NewWindow, FieldErrors> {
        let mut v = Validator::new();
        let office_id = v.check("office", parse_id(&self.office, offices));
        let weekday = v.check("weekday", parse_weekday(&self.weekday));
        let hours = parse_hours(
            &mut v,
            [
                &self.start_time,
                &self.end_time,
                &self.slot_minutes,
                &self.buffer_minutes,
            ],
        );
        v.finish(|| {
            let (start, end, slot, buffer) = hours?;
            Some(NewWindow {
                office_id: office_id?,
                weekday: weekday?,
                start,
                end,
                slot_minutes: slot,
                buffer_minutes: buffer,
            })
        })
    }
}

/// An exception as the coordinator enters it: extra hours (office, date, times), a day off
/// (date, optionally one office) or leave (a range of dates).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExceptionForm {
    pub kind: String,
    pub office: String,
    pub from_date: String,
    /// Leave only; empty means the same day.
    pub to_date: String,
    pub start_time: String,
    pub end_time: String,
    pub slot_minutes: String,
    pub buffer_minutes: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewException {
    pub kind: ExceptionKind,
    pub office_id: Option<i64>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hours: Option<Hours>,
    pub note: Option<String>,
}

impl ExceptionForm {
    pub fn parse(&self, offices: &[i64], today: NaiveDate) -> Result<NewException, FieldErrors> {
        let mut v = Validator::new();
        let kind = v.check("kind", parse_choice(&self.kind, ExceptionKind::parse));
        let office_id = match (kind, self.office.trim()) {
            (Some(ExceptionKind::Extra), _) => {
                v.check("office", parse_id(&self.office, offices)).map(Some)
            }
            (_, "") => Some(None),
            _ => v.check("office", parse_id(&self.office, offices)).map(Some),
        };
        let from = v
            .check("from_date", parse_date(&self.from_date))
            .and_then(|d| {
                if d < today {
                    v.add("from_date", ErrorCode::DateInPast);
                    None
                } else {
                    Some(d)
                }
            });
        let to = match (kind, self.to_date.trim()) {
            (Some(ExceptionKind::Leave), text) if !text.is_empty() => {
                v.check("to_date", parse_date(text))
            }
            _ => from,
        };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                v.add("to_date", ErrorCode::EndBeforeStart);
            } else if (t - f).num_days() > MAX_LEAVE_DAYS {
                v.add(
                    "to_date",
                    ErrorCode::NumberOutOfRange {
                        min: 1,
                        max: MAX_LEAVE_DAYS,
                    },
                );
            }
        }
        let hours = if kind == Some(ExceptionKind::Extra) {
            let fields = [
                &self.start_time,
                &self.end_time,
                &self.slot_minutes,
                &self.buffer_minutes,
            ];
            parse_hours(&mut v, fields).map(Some)
        } else {
            Some(None)
        };
        let note = v.check("note", parse_optional_text(&self.note, 300));
        v.finish(|| {
            Some(NewException {
                kind: kind?,
                office_id: office_id?,
                from: from?,
                to: to?,
                hours: hours?,
                note: note?,
            })
        })
    }
}

/// An admin opens a holiday or closes an ordinary day for every office.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DayOverrideForm {
    pub day: String,
    /// `open` or `closed`.
    pub state: String,
    pub note: String,
}

string_enum!(DayState { Open => "open", Closed => "closed" });

impl DayOverrideForm {
    pub fn parse(&self) -> Result<(NaiveDate, bool, Option<String>), FieldErrors> {
        let mut v = Validator::new();
        let day = v.check("day", parse_date(&self.day));
        let state = v.check("state", parse_choice(&self.state, DayState::parse));
        let note = v.check("note", parse_optional_text(&self.note, 200));
        v.finish(|| Some((day?, state? == DayState::Open, note?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::tallinn_wall_clock;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }
    fn window(weekday: Weekday, start: &str, end: &str) -> Window {
        Window {
            coordinator_id: 1,
            office_id: 2,
            weekday,
            start: t(start),
            end: t(end),
            slot_minutes: 45,
            buffer_minutes: 15,
        }
    }
    fn wall(slots: &[Slot]) -> Vec<String> {
        slots
            .iter()
            .map(|s| {
                let (_, a) = tallinn_wall_clock(s.span.start).unwrap();
                let (_, b) = tallinn_wall_clock(s.span.end).unwrap();
                format!("{}-{}", a.format("%H:%M"), b.format("%H:%M"))
            })
            .collect()
    }

    #[test]
    fn a_window_is_cut_into_slots_with_buffers() {
        let schedule = Schedule {
            windows: vec![window(Weekday::Tue, "10:00", "14:00")],
            ..Default::default()
        };
        // 2026-11-24 is a Tuesday.
        let slots = schedule.slots_on(d("2026-11-24"));
        assert_eq!(
            wall(&slots),
            ["10:00-10:45", "11:00-11:45", "12:00-12:45", "13:00-13:45"]
        );
        assert_eq!(slots[0].buffer_end - slots[0].span.end, 15 * 60);
        assert!(schedule.slots_on(d("2026-11-25")).is_empty(), "a Wednesday");
    }

    #[test]
    fn slots_keep_their_wall_clock_time_across_every_clock_change() {
        // The clocks change on the last Sunday of March and of October; check the Mondays and
        // Sundays either side, and the change days themselves.
        let mut schedule = Schedule::default();
        for weekday in [Weekday::Mon, Weekday::Sun] {
            schedule.windows.push(window(weekday, "09:00", "10:00"));
        }
        schedule
            .windows
            .push(window(Weekday::Sun, "02:00", "05:00"));
        for (before, change, after) in [
            ("2026-03-23", "2026-03-29", "2026-03-30"),
            ("2026-10-19", "2026-10-25", "2026-10-26"),
            ("2027-03-22", "2027-03-28", "2027-03-29"),
            ("2027-10-25", "2027-10-31", "2027-11-01"),
        ] {
            for day in [before, after] {
                assert_eq!(wall(&schedule.slots_on(d(day))), ["09:00-09:45"], "{day}");
            }
            // 2027-03-28 is also Easter Sunday: open it, this test is about the clocks.
            schedule.overrides.insert(d(change), true);
            let on_change = wall(&schedule.slots_on(d(change)));
            assert!(on_change.contains(&"09:00-09:45".to_string()), "{change}");
        }
        // Summer time: the UTC instant of 09:00 moves by an hour, the wall clock does not.
        let winter = schedule.slots_on(d("2026-03-23"))[0].span.start;
        let summer = schedule.slots_on(d("2026-03-30"))[0].span.start;
        assert_eq!(summer - winter, 7 * 86_400 - 3600);
        let summer = schedule.slots_on(d("2026-10-19"))[0].span.start;
        let winter = schedule.slots_on(d("2026-10-26"))[0].span.start;
        assert_eq!(winter - summer, 7 * 86_400 + 3600);
    }

    #[test]
    fn the_hour_skipped_in_march_has_no_slot_and_the_repeated_one_is_offered_once() {
        let schedule = Schedule {
            windows: vec![window(Weekday::Sun, "02:00", "05:00")],
            ..Default::default()
        };
        // 2026-03-29: 03:00–03:59 does not exist in Tallinn.
        let march = schedule.slots_on(d("2026-03-29"));
        assert_eq!(wall(&march), ["02:00-02:45", "04:00-04:45"]);
        // 2026-10-25: 03:00–03:59 happens twice; the slot is the first one, 45 minutes long.
        let october = schedule.slots_on(d("2026-10-25"));
        assert_eq!(
            wall(&october),
            ["02:00-02:45", "03:00-03:45", "04:00-04:45"]
        );
        assert!(october.iter().all(|s| s.span.minutes() == 45));
    }

    #[test]
    fn holidays_close_the_offices_unless_an_admin_opens_them() {
        let schedule = |overrides: Overrides| Schedule {
            windows: vec![window(Weekday::Thu, "10:00", "12:00")],
            overrides,
            ..Default::default()
        };
        // 2026-12-24 (Christmas Eve) is a Thursday.
        let christmas_eve = d("2026-12-24");
        assert!(schedule(Overrides::new())
            .slots_on(christmas_eve)
            .is_empty());
        assert_eq!(
            closure(christmas_eve, &Overrides::new()),
            Some(Closure::Holiday(Holiday::ChristmasEve))
        );
        let opened = schedule([(christmas_eve, true)].into());
        assert_eq!(opened.slots_on(christmas_eve).len(), 2);
        let closed = schedule([(d("2026-12-03"), false)].into());
        assert!(closed.slots_on(d("2026-12-03")).is_empty());
        assert_eq!(
            closure(d("2026-12-03"), &closed.overrides),
            Some(Closure::ClosedByAdmin)
        );
    }

    #[test]
    fn exceptions_add_hours_and_take_days_away() {
        let mut schedule = Schedule {
            windows: vec![window(Weekday::Tue, "10:00", "12:00")],
            ..Default::default()
        };
        let exception = |kind, office_id, from, to, hours| HoursException {
            coordinator_id: 1,
            office_id,
            kind,
            from: d(from),
            to: d(to),
            hours,
        };
        schedule.exceptions.push(exception(
            ExceptionKind::Extra,
            Some(2),
            "2026-11-26",
            "2026-11-26",
            Some((t("15:00"), t("16:00"), 30, 0)),
        ));
        assert_eq!(
            wall(&schedule.slots_on(d("2026-11-26"))),
            ["15:00-15:30", "15:30-16:00"]
        );
        schedule.exceptions.push(exception(
            ExceptionKind::DayOff,
            Some(2),
            "2026-12-01",
            "2026-12-01",
            None,
        ));
        assert!(schedule.slots_on(d("2026-12-01")).is_empty());
        assert_eq!(schedule.slots_on(d("2026-12-08")).len(), 2);
        schedule.exceptions.push(exception(
            ExceptionKind::Leave,
            None,
            "2026-12-07",
            "2026-12-20",
            None,
        ));
        assert!(schedule.slots_on(d("2026-12-08")).is_empty());
        assert!(schedule.slots_on(d("2026-12-15")).is_empty());
        assert_eq!(schedule.slots_on(d("2026-12-22")).len(), 2);
    }

    #[test]
    fn overlapping_windows_offer_each_time_once() {
        let schedule = Schedule {
            windows: vec![
                window(Weekday::Tue, "10:00", "12:00"),
                window(Weekday::Tue, "10:00", "11:00"),
            ],
            ..Default::default()
        };
        assert_eq!(schedule.slots_on(d("2026-11-24")).len(), 2);
    }

    #[test]
    fn free_slots_leave_out_the_taken_and_the_too_soon() {
        let schedule = Schedule {
            windows: vec![window(Weekday::Tue, "10:00", "14:00")],
            ..Default::default()
        };
        let slots = schedule.slots_on(d("2026-11-24"));
        let taken = [(1, vec![slots[1].occupied()])].into();
        let free_now = free(&slots, slots[0].span.start, &taken);
        assert_eq!(
            wall(&free_now),
            ["10:00-10:45", "12:00-12:45", "13:00-13:45"]
        );
        let later = free(&slots, slots[0].span.start + 1, &taken);
        assert_eq!(wall(&later), ["12:00-12:45", "13:00-13:45"]);
        assert_eq!(
            schedule.slot_at(1, 2, slots[2].span.start),
            Some(slots[2]),
            "a slot is found by its start"
        );
        assert_eq!(schedule.slot_at(1, 2, slots[2].span.start + 60), None);
        assert_eq!(schedule.slot_at(1, 3, slots[2].span.start), None);
    }

    #[test]
    fn window_form_checks_times_and_lengths() {
        let form = WindowForm {
            office: "2".into(),
            weekday: "2".into(),
            start_time: "10:00".into(),
            end_time: "14:00".into(),
            ..Default::default()
        };
        let window = form.parse(&[1, 2]).unwrap();
        assert_eq!(window.weekday, Weekday::Tue);
        assert_eq!((window.slot_minutes, window.buffer_minutes), (45, 15));
        let bad = WindowForm {
            office: "9".into(),
            weekday: "8".into(),
            start_time: "14:00".into(),
            end_time: "10:00".into(),
            slot_minutes: "0".into(),
            buffer_minutes: "500".into(),
        };
        let errors = bad.parse(&[1, 2]).unwrap_err();
        assert_eq!(errors.get("office"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("weekday"), Some(ErrorCode::InvalidChoice));
        assert_eq!(errors.get("end_time"), Some(ErrorCode::EndBeforeStart));
        assert!(errors.get("slot_minutes").is_some());
        assert!(errors.get("buffer_minutes").is_some());
        let short = WindowForm {
            end_time: "10:30".into(),
            ..form
        };
        assert_eq!(
            short.parse(&[2]).unwrap_err().get("end_time"),
            Some(ErrorCode::WindowShorterThanSlot)
        );
    }

    #[test]
    fn exception_form_needs_hours_only_for_extra_hours() {
        let today = d("2026-11-24");
        let leave = ExceptionForm {
            kind: "leave".into(),
            from_date: "2026-12-07".into(),
            to_date: "2026-12-20".into(),
            ..Default::default()
        };
        let parsed = leave.parse(&[1], today).unwrap();
        assert_eq!((parsed.office_id, parsed.hours), (None, None));
        let backwards = ExceptionForm {
            to_date: "2026-12-01".into(),
            ..leave.clone()
        };
        assert_eq!(
            backwards.parse(&[1], today).unwrap_err().get("to_date"),
            Some(ErrorCode::EndBeforeStart)
        );
        let past = ExceptionForm {
            from_date: "2026-11-01".into(),
            ..leave
        };
        assert_eq!(
            past.parse(&[1], today).unwrap_err().get("from_date"),
            Some(ErrorCode::DateInPast)
        );
        let extra = ExceptionForm {
            kind: "extra".into(),
            from_date: "2026-11-26".into(),
            ..Default::default()
        };
        let errors = extra.parse(&[1], today).unwrap_err();
        assert_eq!(errors.get("office"), Some(ErrorCode::Required));
        assert_eq!(errors.get("start_time"), Some(ErrorCode::Required));
    }
}
