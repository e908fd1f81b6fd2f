//! The one time zone Tugi writes: Europe/Tallinn, with the EU rules in force since 1997 (summer
//! time from 03:00 on the last Sunday of March to 04:00 on the last Sunday of October).

use chrono::{DateTime, NaiveDateTime, TimeZone};
use chrono_tz::{Europe::Tallinn, Tz};

pub const TZID: &str = "Europe/Tallinn";

/// The VTIMEZONE component, CRLF line ends included.
pub const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Tallinn\r\n\
X-LIC-LOCATION:Europe/Tallinn\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0300\r\n\
TZNAME:EEST\r\n\
DTSTART:19700329T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0300\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:EET\r\n\
DTSTART:19701025T040000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// The Tallinn wall-clock time of a UTC instant.
pub fn local(at: i64) -> Option<NaiveDateTime> {
    let utc = DateTime::from_timestamp(at, 0)?;
    Some(utc.with_timezone(&Tallinn).naive_local())
}

/// The Tallinn wall-clock time of a UTC instant when that time names this instant alone; `None`
/// in the hour repeated when summer time ends (RFC 5545 gives such a local time to its first
/// occurrence, and clients disagree), so that the instant is written in UTC instead.
pub fn unambiguous_local(at: i64) -> Option<NaiveDateTime> {
    let when = local(at)?;
    match Tallinn.from_local_datetime(&when) {
        chrono::LocalResult::Single(t) if t.timestamp() == at => Some(when),
        _ => None,
    }
}

/// Appends `when` as `YYYYMMDDTHHMMSS` (a DATE-TIME without its zone designator).
pub fn push_date_time(out: &mut String, when: NaiveDateTime) {
    use chrono::{Datelike, Timelike};
    push_digits(out, when.year().unsigned_abs(), 4);
    push_digits(out, when.month(), 2);
    push_digits(out, when.day(), 2);
    out.push('T');
    push_digits(out, when.hour(), 2);
    push_digits(out, when.minute(), 2);
    push_digits(out, when.second(), 2);
}

/// Appends a date as `YYYYMMDD`.
pub fn push_date(out: &mut String, date: chrono::NaiveDate) {
    use chrono::Datelike;
    push_digits(out, date.year().unsigned_abs(), 4);
    push_digits(out, date.month(), 2);
    push_digits(out, date.day(), 2);
}

fn push_digits(out: &mut String, mut value: u32, width: usize) {
    let mut digits = [b'0'; 4];
    for slot in digits[..width].iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
    for digit in &digits[..width] {
        out.push(*digit as char);
    }
}

/// The instant of a Tallinn wall-clock time; a time in the spring gap is taken as the first
/// instant after it, an ambiguous autumn time as the earlier one.
pub fn instant(local: NaiveDateTime, zone: Tz) -> i64 {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.timestamp(),
        chrono::LocalResult::None => instant(local + chrono::Duration::hours(1), zone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn the_rules_match_the_zone_database() {
        // The last Sundays of March and October 2026 are the 29th and the 25th.
        let before_spring = instant(at("2026-03-29 02:59"), Tallinn);
        assert_eq!(local(before_spring + 60).unwrap(), at("2026-03-29 04:00"));
        let before_autumn = instant(at("2026-10-25 03:59"), Tallinn);
        assert_eq!(local(before_autumn + 60).unwrap(), at("2026-10-25 03:00"));
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_past_it() {
        let gap = instant(at("2026-03-29 03:30"), Tallinn);
        assert_eq!(local(gap).unwrap(), at("2026-03-29 04:30"));
    }

    #[test]
    fn only_the_repeated_autumn_hour_is_ambiguous() {
        // 25 October 2026 and 31 October 2027: 03:00–03:59 happen twice (EEST, then EET).
        for (day, first_three) in [
            ("2026-10-25", 1_792_886_400_i64),
            ("2027-10-31", 1_824_940_800_i64),
        ] {
            assert_eq!(local(first_three).unwrap(), at(&format!("{day} 03:00")));
            for at_ in [
                first_three,
                first_three + 1_800,
                first_three + 3_600,
                first_three + 5_400,
            ] {
                assert_eq!(unambiguous_local(at_), None, "{day} {at_}");
            }
            assert!(unambiguous_local(first_three - 60).is_some());
            assert!(unambiguous_local(first_three + 7_200).is_some());
        }
        // Spring (29 March 2026, 28 March 2027): every instant has its one local time.
        for day in ["2026-03-29", "2027-03-28"] {
            let before = instant(at(&format!("{day} 02:59")), Tallinn);
            for at_ in [before, before + 60, before + 3_600] {
                assert!(unambiguous_local(at_).is_some(), "{day} {at_}");
            }
        }
    }

    #[test]
    fn formats_dates_and_times() {
        let mut out = String::new();
        push_date_time(&mut out, at("2026-01-05 09:07"));
        out.push(' ');
        push_date(&mut out, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(out, "20260105T090700 20261231");
    }
}
