//! Weekly availability: a weekday and a span of Europe/Tallinn wall-clock time.

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
}
