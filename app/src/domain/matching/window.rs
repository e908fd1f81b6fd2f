//! Weekly availability: a weekday and a span of Europe/Tallinn wall-clock time.

use crate::domain::schedule::{tallinn_wall_clock, Span};
use chrono::{Datelike, Timelike};
use serde::{Deserialize, Serialize};

/// Monday is 1, Sunday 7; minutes from midnight, `start < end ≤ 24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Window {
    weekday: u8,
    start: u16,
    end: u16,
}

impl Window {
    pub fn new(weekday: u8, start: u16, end: u16) -> Option<Window> {
        ((1..=7).contains(&weekday) && start < end && end <= 24 * 60).then_some(Window {
            weekday,
            start,
            end,
        })
    }

    pub fn weekday(&self) -> u8 {
        self.weekday
    }

    pub fn start(&self) -> u16 {
        self.start
    }

    pub fn end(&self) -> u16 {
        self.end
    }
}

/// The windows sorted, with overlapping or touching ones on the same day joined.
pub fn merged(windows: &[Window]) -> Vec<Window> {
    let mut sorted = windows.to_vec();
    sorted.sort();
    let mut out: Vec<Window> = Vec::with_capacity(sorted.len());
    for w in sorted {
        match out.last_mut() {
            Some(last) if last.weekday == w.weekday && w.start <= last.end => {
                last.end = last.end.max(w.end)
            }
            _ => out.push(w),
        }
    }
    out
}

/// Minutes a week that both lists share; overlapping windows within one list count once.
pub fn overlap_minutes(a: &[Window], b: &[Window]) -> u32 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let (a, b) = (merged(a), merged(b));
    let mut total = 0u32;
    for x in &a {
        for y in b.iter().filter(|y| y.weekday == x.weekday) {
            let (from, to) = (x.start.max(y.start), x.end.min(y.end));
            if from < to {
                total += u32::from(to - from);
            }
        }
    }
    total
}

/// Imported busy times are read at this resolution (minutes).
const BUSY_STEP: i64 = 15;
const BUCKETS_A_DAY: usize = (24 * 60 / BUSY_STEP) as usize;

/// The stretch of imported busy times read for weekly commitments: the import's whole window
/// from `now`, and its number of weeks.
pub fn busy_horizon(now: i64) -> (Span, u32) {
    let weeks = crate::domain::ics::IMPORT_WINDOW_DAYS / 7;
    let span = Span {
        start: now,
        end: now + weeks * 7 * 86_400,
    };
    (span, u32::try_from(weeks).unwrap_or(1))
}

/// The weekly times a person's imported calendar shows as busy in at least half of the `weeks`
/// weeks from `from` (choir every Tuesday 17–19), as windows; a one-off appointment is no
/// regular commitment and leaves the weekly availability alone.
pub fn regular_busy(busy: &[Span], from: i64, weeks: u32) -> Vec<Window> {
    let weeks = weeks.clamp(1, 64);
    let until = from + i64::from(weeks) * 7 * 86_400;
    // For every quarter hour of the week, the weeks in which it is busy (one bit per week).
    let mut seen = vec![0u64; 7 * BUCKETS_A_DAY];
    for span in busy {
        let start = span.start.max(from);
        let end = span.end.min(until);
        let mut at = start - start.rem_euclid(BUSY_STEP * 60);
        while at < end {
            if let Some((date, time)) = tallinn_wall_clock(at) {
                let day = date.weekday().num_days_from_monday() as usize;
                let minute = i64::from(time.hour() * 60 + time.minute());
                let bucket = day * BUCKETS_A_DAY + (minute / BUSY_STEP) as usize;
                let week = (at - from).div_euclid(7 * 86_400);
                if let (Some(slot), Ok(week)) = (seen.get_mut(bucket), u32::try_from(week)) {
                    *slot |= 1u64.checked_shl(week).unwrap_or(0);
                }
            }
            at += BUSY_STEP * 60;
        }
    }
    let needed = weeks.div_ceil(2);
    let mut out = Vec::new();
    for (day, buckets) in seen.chunks(BUCKETS_A_DAY).enumerate() {
        let mut run: Option<usize> = None;
        for (i, weeks_busy) in buckets.iter().chain([&0]).enumerate() {
            match (weeks_busy.count_ones() >= needed, run) {
                (true, None) => run = Some(i),
                (false, Some(first)) => {
                    let minute = |b: usize| (b as i64 * BUSY_STEP) as u16;
                    out.extend(Window::new(day as u8 + 1, minute(first), minute(i)));
                    run = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// The parts of `window` that the `busy` windows cover, joined: what a volunteer's calendar
/// takes out of one of their weekly windows.
pub fn busy_within(window: &Window, busy: &[Window]) -> Vec<Window> {
    let inside: Vec<Window> = busy
        .iter()
        .filter(|b| b.weekday == window.weekday)
        .filter_map(|b| {
            Window::new(
                window.weekday,
                b.start.max(window.start),
                b.end.min(window.end),
            )
        })
        .collect();
    merged(&inside)
}

/// `available` with the `busy` windows taken out.
pub fn without(available: &[Window], busy: &[Window]) -> Vec<Window> {
    let busy = merged(busy);
    let mut out = Vec::new();
    for window in merged(available) {
        let mut from = window.start;
        for b in busy.iter().filter(|b| b.weekday == window.weekday) {
            if b.end <= from || b.start >= window.end {
                continue;
            }
            out.extend(Window::new(window.weekday, from, b.start.min(window.end)));
            from = from.max(b.end);
        }
        out.extend(Window::new(window.weekday, from, window.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(day: u8, from: u16, to: u16) -> Window {
        Window::new(day, from * 60, to * 60).unwrap()
    }

    #[test]
    fn only_valid_windows_exist() {
        assert!(Window::new(0, 60, 120).is_none());
        assert!(Window::new(8, 60, 120).is_none());
        assert!(Window::new(1, 120, 60).is_none(), "end before start");
        assert!(Window::new(1, 120, 120).is_none());
        assert!(Window::new(1, 0, 24 * 60 + 1).is_none());
        assert!(Window::new(7, 0, 24 * 60).is_some());
    }

    #[test]
    fn merging_joins_touching_windows_of_a_day() {
        assert_eq!(
            merged(&[w(2, 9, 10), w(1, 12, 14), w(1, 9, 12), w(1, 13, 15)]),
            vec![w(1, 9, 15), w(2, 9, 10)]
        );
    }

    #[test]
    fn overlap_counts_shared_minutes_per_weekday() {
        assert_eq!(overlap_minutes(&[w(1, 9, 12)], &[w(1, 11, 14)]), 60);
        assert_eq!(overlap_minutes(&[w(1, 9, 12)], &[w(2, 9, 12)]), 0);
        assert_eq!(
            overlap_minutes(&[w(1, 9, 12), w(3, 9, 12)], &[w(1, 8, 10), w(3, 10, 20)]),
            60 + 120
        );
        // Windows that overlap inside one list are not counted twice.
        assert_eq!(
            overlap_minutes(&[w(1, 9, 12), w(1, 10, 11)], &[w(1, 9, 12)]),
            180
        );
        assert_eq!(overlap_minutes(&[], &[w(1, 9, 12)]), 0);
    }

    #[test]
    fn the_busy_parts_of_a_window_are_cut_to_it_and_joined() {
        let wednesday = Window::new(3, 17 * 60, 20 * 60).unwrap();
        let busy = [
            Window::new(3, 18 * 60, 21 * 60).unwrap(),
            Window::new(3, 16 * 60, 17 * 60 + 30).unwrap(),
            Window::new(3, 17 * 60 + 15, 17 * 60 + 45).unwrap(),
            Window::new(4, 18 * 60, 19 * 60).unwrap(),
            Window::new(3, 20 * 60, 22 * 60).unwrap(),
        ];
        assert_eq!(
            busy_within(&wednesday, &busy),
            vec![
                Window::new(3, 17 * 60, 17 * 60 + 45).unwrap(),
                Window::new(3, 18 * 60, 20 * 60).unwrap(),
            ]
        );
        assert_eq!(busy_within(&wednesday, &busy[3..4]), vec![]);
    }

    mod busy {
        use super::*;
        use crate::domain::schedule::tallinn_instant;
        use chrono::{NaiveDate, NaiveTime};

        /// Tallinn time on the `n`th day from Monday 2027-01-04.
        fn at(n: i64, hour: u32, minute: u32) -> i64 {
            let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() + chrono::Duration::days(n);
            tallinn_instant(day, NaiveTime::from_hms_opt(hour, minute, 0).unwrap()).unwrap()
        }

        fn weekly(weeks: i64, day: i64, from: (u32, u32), to: (u32, u32)) -> Vec<Span> {
            (0..weeks)
                .map(|k| Span {
                    start: at(7 * k + day, from.0, from.1),
                    end: at(7 * k + day, to.0, to.1),
                })
                .collect()
        }

        #[test]
        fn a_weekly_commitment_is_regular_a_one_off_is_not() {
            let mut busy = weekly(12, 1, (17, 0), (19, 0));
            busy.push(Span {
                start: at(3, 10, 0),
                end: at(3, 11, 0),
            });
            assert_eq!(regular_busy(&busy, at(0, 0, 0), 12), vec![w(2, 17, 19)]);
        }

        #[test]
        fn half_the_weeks_is_enough_fewer_is_not() {
            let from = at(0, 0, 0);
            let busy = weekly(6, 1, (17, 0), (18, 30));
            assert_eq!(
                regular_busy(&busy, from, 12),
                vec![Window::new(2, 17 * 60, 18 * 60 + 30).unwrap()]
            );
            assert_eq!(regular_busy(&busy[..5], from, 12), vec![]);
        }

        #[test]
        fn times_are_read_in_quarter_hours_and_across_midnight() {
            let from = at(0, 0, 0);
            let busy: Vec<Span> = (0..12)
                .map(|k| Span {
                    start: at(7 * k + 4, 23, 10),
                    end: at(7 * k + 5, 0, 20),
                })
                .collect();
            assert_eq!(
                regular_busy(&busy, from, 12),
                vec![
                    Window::new(5, 23 * 60, 24 * 60).unwrap(),
                    Window::new(6, 0, 30).unwrap()
                ]
            );
        }

        #[test]
        fn busy_windows_are_cut_out_of_the_available_ones() {
            assert_eq!(
                without(&[w(2, 9, 20), w(3, 9, 12)], &[w(2, 12, 13), w(2, 17, 19)]),
                vec![w(2, 9, 12), w(2, 13, 17), w(2, 19, 20), w(3, 9, 12)]
            );
            assert_eq!(without(&[w(1, 9, 12)], &[w(1, 8, 13)]), vec![]);
            assert_eq!(without(&[w(1, 9, 12)], &[]), vec![w(1, 9, 12)]);
        }
    }
}
