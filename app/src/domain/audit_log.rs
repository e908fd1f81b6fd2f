//! A record's history as people read it: every change on its own line, but the reads of one
//! person on one day folded into one line ("viewed 6 times"), so that looking does not bury
//! what was done.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::Hash;

/// One line of the history: the newest entry it stands for, and how many it folds.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine<T> {
    pub entry: T,
    pub times: usize,
}

/// Folds `entries` (newest first); `read_of` gives a read's person, action and Tallinn day, and
/// `None` for anything else, which always keeps its own line.
pub fn fold_reads<T, A: Eq + Hash>(
    entries: Vec<T>,
    read_of: impl Fn(&T) -> Option<(i64, A, NaiveDate)>,
) -> Vec<LogLine<T>> {
    let mut lines: Vec<LogLine<T>> = Vec::new();
    let mut seen: HashMap<(i64, A, NaiveDate), usize> = HashMap::new();
    for entry in entries {
        match read_of(&entry) {
            Some(key) => match seen.get(&key) {
                Some(&at) => lines[at].times += 1,
                None => {
                    seen.insert(key, lines.len());
                    lines.push(LogLine { entry, times: 1 });
                }
            },
            None => lines.push(LogLine { entry, times: 1 }),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_read(action: &str) -> bool {
        action.ends_with(".view")
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn one_persons_reads_on_one_day_are_one_line() {
        // (person, action, day), newest first.
        let entries = vec![
            (1, "household.view", 2),
            (1, "household.update", 2),
            (1, "household.view", 2),
            (2, "household.view", 2),
            (1, "household.view", 2),
            (1, "household.view", 1),
        ];
        let lines = fold_reads(entries, |&(who, action, d)| {
            is_read(action).then(|| (who, action, day(d)))
        });
        let shown: Vec<_> = lines.iter().map(|l| (l.entry, l.times)).collect();
        assert_eq!(
            shown,
            vec![
                ((1, "household.view", 2), 3),
                ((1, "household.update", 2), 1),
                ((2, "household.view", 2), 1),
                ((1, "household.view", 1), 1),
            ]
        );
    }

    #[test]
    fn changes_are_never_folded() {
        let entries = vec![(1, "household.update"), (1, "household.update")];
        let lines = fold_reads(entries, |&(who, action)| {
            is_read(action).then(|| (who, action, day(1)))
        });
        assert_eq!(lines.len(), 2);
    }
}
