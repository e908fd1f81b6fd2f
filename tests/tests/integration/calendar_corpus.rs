//! Calendars as real apps export them (`tests/calendars/`): each file's busy intervals in UTC
//! equal those an independent reader (Python's icalendar and recurring-ical-events, through
//! `scripts/calendar-corpus-expected.py`) finds, and the counts of events read and left out are
//! as written in its `.expected` file. One upload goes through the server as a whole.

use chrono::{DateTime, NaiveDateTime};
use std::path::{Path, PathBuf};
use tugi_app::domain::ics::import::busy_times;

/// 2026-10-05 00:00 UTC: the corpus's "now"; its twelve weeks include the October change.
const NOW: i64 = 1_791_158_400;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars")
}

fn utc(text: &str) -> i64 {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .and_utc()
        .timestamp()
}

fn shown(at: i64) -> String {
    DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// `(events, skipped, intervals)` of an `.expected` file.
fn expected(path: &Path) -> (usize, usize, Vec<(i64, i64)>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut lines = text.lines();
    let counts: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    let (events, skipped) = match counts.as_slice() {
        ["events", e, "skipped", s] => (e.parse().unwrap(), s.parse().unwrap()),
        other => panic!("{path:?}: first line {other:?}"),
    };
    let spans = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (start, end) = l.split_once(' ').expect("two instants");
            (utc(start), utc(end))
        })
        .collect();
    (events, skipped, spans)
}

#[test]
fn every_calendar_in_the_corpus_gives_the_expected_busy_times() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "the corpus holds {} calendars",
        files.len()
    );
    let mut wrong = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (events, skipped, spans) = expected(&file.with_extension("expected"));
        let bytes = std::fs::read(file).unwrap();
        let busy = match busy_times(&bytes, NOW) {
            Ok(busy) => busy,
            Err(error) => {
                wrong.push(format!("{name}: refused ({error:?})"));
                continue;
            }
        };
        let got: Vec<(i64, i64)> = busy.spans.iter().map(|s| (s.start, s.end)).collect();
        println!(
            "{name}: {} events read, {} left out, {} busy spans",
            busy.events,
            busy.skipped.len(),
            got.len()
        );
        if (busy.events, busy.skipped.len()) != (events, skipped) {
            wrong.push(format!(
                "{name}: events {} skipped {} (expected {events} and {skipped}): {:?}",
                busy.events,
                busy.skipped.len(),
                busy.skipped
            ));
        }
        if got != spans {
            let list = |s: &[(i64, i64)]| {
                s.iter()
                    .map(|(a, b)| format!("{} {}", shown(*a), shown(*b)))
                    .collect::<Vec<_>>()
                    .join("\n    ")
            };
            wrong.push(format!(
                "{name}: busy\n    {}\n  expected\n    {}",
                list(&got),
                list(&spans)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
