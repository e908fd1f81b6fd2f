//! A calendar's own VTIMEZONE, for a TZID that is no zone name anyone knows: its STANDARD and
//! DAYLIGHT observances (DTSTART, TZOFFSETFROM, TZOFFSETTO, RRULE or RDATE) give the instants
//! at which the offset changes; the IANA zone with the same offsets around the import window
//! then stands for it, so that recurring events follow its clock changes like any other.

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{Tz, TZ_VARIANTS};

/// One STANDARD or DAYLIGHT part of a VTIMEZONE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    /// Its first onset, in local time before the change (at `offset_from`).
    pub start: NaiveDateTime,
    /// Seconds east of UTC before and from the onset.
    pub offset_from: i32,
    pub offset_to: i32,
    pub rule: Option<String>,
    /// Further onsets (RDATE), local time as `start`.
    pub dates: Vec<NaiveDateTime>,
}

/// `+0200`, `-0500` or `+053000` as seconds east of UTC.
pub fn parse_offset(text: &str) -> Option<i32> {
    let text = text.trim();
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let part = |range: std::ops::Range<usize>| digits[range].parse::<i32>().ok();
    let (hours, minutes) = (part(0..2)?, part(2..4)?);
    let seconds = if digits.len() == 6 { part(4..6)? } else { 0 };
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    Some(sign * (hours * 3_600 + minutes * 60 + seconds))
}

/// Most onsets read from one rule: a yearly rule since 1970 has about 60.
const MAX_ONSETS: u16 = 1_000;

/// (UTC instant, offset before, offset after) of every onset up to `until`, in time order.
fn transitions(observances: &[Observance], until: i64) -> Vec<(i64, i32, i32)> {
    let mut out = Vec::new();
    for o in observances {
        let mut onsets = vec![o.start];
        onsets.extend(&o.dates);
        if let Some(rule) = o.rule.as_deref().filter(|r| r.is_ascii()) {
            onsets.extend(rule_onsets(o.start, rule, until));
        }
        for local in onsets {
            let at = local.and_utc().timestamp() - i64::from(o.offset_from);
            if at <= until {
                out.push((at, o.offset_from, o.offset_to));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The onsets of a yearly (or any) rule, local times read as if they were UTC: the rule is
/// about wall-clock dates, and an UNTIL a few hours off changes nothing.
fn rule_onsets(start: NaiveDateTime, rule: &str, until: i64) -> Vec<NaiveDateTime> {
    let text = format!(
        "DTSTART:{}Z\nRRULE:{}",
        start.format("%Y%m%dT%H%M%S"),
        rule.trim()
    );
    let Ok(set) = text.parse::<rrule::RRuleSet>() else {
        return Vec::new();
    };
    let Some(end) = DateTime::from_timestamp(until + 2 * 86_400, 0) else {
        return Vec::new();
    };
    set.before(end.with_timezone(&rrule::Tz::UTC))
        .all(MAX_ONSETS)
        .dates
        .into_iter()
        .map(|d| d.naive_utc())
        .collect()
}

/// The offset in force at `at`: that of the last onset before it, or the one before the first.
fn offset_at(transitions: &[(i64, i32, i32)], at: i64) -> Option<i32> {
    match transitions.iter().rev().find(|(onset, _, _)| *onset <= at) {
        Some((_, _, to)) => Some(*to),
        None => transitions.first().map(|(_, from, _)| *from),
    }
}

/// The IANA zone whose offsets are those of `observances` for a year either side of `around`
/// (Europe/Tallinn first, then the zones in name order); `None` when the observances never
/// apply or no zone keeps their clock.
pub fn matching_zone(observances: &[Observance], around: i64) -> Option<Tz> {
    const YEAR: i64 = 366 * 86_400;
    let (from, to) = (around - YEAR, around + YEAR);
    let transitions = transitions(observances, to);
    if transitions.is_empty() {
        return None;
    }
    let mut samples: Vec<i64> = (0..=48).map(|n| from + n * (2 * YEAR / 48)).collect();
    for (onset, _, _) in transitions
        .iter()
        .filter(|(t, _, _)| (from..=to).contains(t))
    {
        samples.extend([onset - 3_600, *onset, onset + 3_600]);
    }
    let expected: Vec<(i64, i32)> = samples
        .into_iter()
        .filter_map(|at| Some((at, offset_at(&transitions, at)?)))
        .collect();
    let keeps = |tz: &Tz| {
        expected.iter().all(|(at, offset)| {
            DateTime::from_timestamp(*at, 0).is_some_and(|utc| {
                tz.offset_from_utc_datetime(&utc.naive_utc())
                    .fix()
                    .local_minus_utc()
                    == *offset
            })
        })
    };
    std::iter::once(&chrono_tz::Europe::Tallinn)
        .chain(TZ_VARIANTS.iter())
        .find(|tz| keeps(tz))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").unwrap()
    }

    fn observance(start: &str, from: i32, to: i32, rule: Option<&str>) -> Observance {
        Observance {
            start: at(start),
            offset_from: from * 3_600,
            offset_to: to * 3_600,
            rule: rule.map(str::to_owned),
            dates: Vec::new(),
        }
    }

    /// 2026-11-25 00:00 UTC.
    const NOW: i64 = 1_795_564_800;

    #[test]
    fn offsets_read_with_sign_minutes_and_seconds() {
        assert_eq!(parse_offset("+0200"), Some(7_200));
        assert_eq!(parse_offset("-0500"), Some(-18_000));
        assert_eq!(parse_offset("+053000"), Some(19_800));
        for bad in ["0200", "+2", "+2500", "+02:00", "", "+0a00"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn eastern_european_rules_by_rrule_are_tallinns_clock() {
        // An app's own name for EET/EEST, with the EU rules.
        let zone = [
            observance(
                "19700329T030000",
                2,
                3,
                Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
            ),
            observance(
                "19701025T040000",
                3,
                2,
                Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
            ),
        ];
        assert_eq!(matching_zone(&zone, NOW), Some(chrono_tz::Europe::Tallinn));
    }

    #[test]
    fn the_same_rules_written_as_rdates_across_both_changes() {
        let mut summer = observance("20260329T030000", 2, 3, None);
        summer.dates = vec![at("20270328T030000")];
        let mut winter = observance("20251026T040000", 3, 2, None);
        winter.dates = vec![at("20261025T040000"), at("20271031T040000")];
        let zone = [summer, winter];
        let tz = matching_zone(&zone, NOW).expect("a zone with the EU's EET rules");
        // Whatever zone it is, it keeps the same clock on both sides of both changes.
        for (utc, offset) in [
            (1_774_744_200, 7_200),  // 2026-03-29 00:30 UTC, before the spring change
            (1_774_751_400, 10_800), // 02:30 UTC, after it
            (1_792_886_400, 10_800), // 2026-10-25 00:00 UTC, before the autumn change
            (1_792_893_600, 7_200),  // 02:00 UTC, after it
        ] {
            let local =
                tz.offset_from_utc_datetime(&DateTime::from_timestamp(utc, 0).unwrap().naive_utc());
            assert_eq!(local.fix().local_minus_utc(), offset, "{utc}");
        }
    }

    #[test]
    fn a_fixed_offset_zone_and_a_us_zone() {
        let gulf = [observance("19700101T000000", 4, 4, None)];
        let tz = matching_zone(&gulf, NOW).expect("a +04:00 zone");
        assert_eq!(
            tz.offset_from_utc_datetime(&DateTime::from_timestamp(NOW, 0).unwrap().naive_utc())
                .fix()
                .local_minus_utc(),
            14_400
        );
        let eastern = [
            observance(
                "19700308T020000",
                -5,
                -4,
                Some("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
            ),
            observance(
                "19701101T020000",
                -4,
                -5,
                Some("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
            ),
        ];
        let tz = matching_zone(&eastern, NOW).expect("a zone with the US eastern rules");
        assert!(tz.name().starts_with("America/"), "{}", tz.name());
    }

    #[test]
    fn observances_that_never_apply_or_no_zone_keeps() {
        // Starting in 2100: nothing before then.
        let later = [observance("21000101T000000", 2, 2, None)];
        assert_eq!(matching_zone(&later, NOW), None);
        // +02:17 all year: no zone keeps that clock.
        let mut odd = observance("19700101T000000", 2, 2, None);
        odd.offset_to = 2 * 3_600 + 17 * 60;
        odd.offset_from = odd.offset_to;
        assert_eq!(matching_zone(&[odd], NOW), None);
        // A rule the parser refuses adds no onsets; a non-ASCII one is not read.
        let broken = [observance("21000101T000000", 2, 3, Some("FREQ=SOMETIMES"))];
        assert_eq!(matching_zone(&broken, NOW), None);
        let foreign = [observance(
            "21000101T000000",
            2,
            3,
            Some("FREQ=YEARLY;BYDAY=Ъ"),
        )];
        assert_eq!(matching_zone(&foreign, NOW), None);
    }
}
