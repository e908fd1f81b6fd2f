//! Busy-time import benchmark: a calendar of about 2 MB as the apps people use export it
//! (Outlook zone names, a VTIMEZONE of the file's own, weekly series with exceptions and
//! changed occurrences, all-day and free events, a few events that cannot be read), read the
//! way an upload is; prints its size, what was read and the time (fastest of five runs).
//!
//! cargo run --release -p tugi-app --features bench,ics-import --bin import-bench

use std::fmt::Write;
use std::time::Instant;
use tugi_app::domain::ics::import::{busy_times, MAX_BYTES};

/// 2026-11-25 00:00 UTC.
const NOW: i64 = 1_795_564_800;

const OWN_ZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Eastern Europe (own)\r\nBEGIN:DAYLIGHT\r\n\
DTSTART:19700329T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n\
DTSTART:19701025T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

fn calendar() -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Bench//EN\r\n");
    out.push_str(OWN_ZONE);
    let zones = [
        "FLE Standard Time",
        "Europe/Tallinn",
        "Eastern Europe (own)",
        "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius",
        "/mozilla.org/20070129_1/Europe/Tallinn",
    ];
    let mut n = 0usize;
    while out.len() < MAX_BYTES - 4_096 {
        let zone = zones[n % zones.len()];
        let day = 1 + (n % 28);
        let month = 1 + (n / 28) % 12;
        // Ten years of history: a twelve-week window sees a small part of it.
        let year = 2017 + (n / 336) % 11;
        let hour = 8 + n % 10;
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:bench-{n}@example.com\r\nDTSTAMP:20261101T120000Z\r\n"
        );
        let _ = write!(
            out,
            "SUMMARY:Appointment number {n} with a longer title as people write\r\n"
        );
        let _ = write!(
            out,
            "DESCRIPTION:Notes that the import never keeps\\, only busy spans.\r\n"
        );
        let when = format!("{year}{month:02}{day:02}T{hour:02}0000");
        match n % 10 {
            // A weekly series with an exception and a changed occurrence.
            0 => {
                let _ = write!(
                    out,
                    "DTSTART;TZID=\"{zone}\":{when}\r\nDURATION:PT1H30M\r\n\
                     RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=16\r\n\
                     EXDATE;TZID=\"{zone}\":20261201T{hour:02}0000\r\n"
                );
            }
            1 => {
                let _ = write!(
                    out,
                    "RECURRENCE-ID;TZID=\"{zone}\":20261203T{hour:02}0000\r\n\
                     DTSTART;TZID=\"{zone}\":20261203T{:02}0000\r\nDURATION:PT1H\r\n",
                    hour + 1
                );
            }
            // All day, and free.
            2 => {
                let _ = write!(out, "DTSTART;VALUE=DATE:{year}{month:02}{day:02}\r\n");
            }
            3 => {
                let _ = write!(
                    out,
                    "DTSTART:{when}Z\r\nDTEND:{year}{month:02}{day:02}T{:02}0000Z\r\nTRANSP:TRANSPARENT\r\n",
                    hour + 1
                );
            }
            // Now and then an event nobody can read.
            4 if n % 500 == 4 => {
                let _ = write!(out, "DTSTART;TZID=Mars/Olympus:{when}\r\nDURATION:PT1H\r\n");
            }
            _ => {
                let _ = write!(
                    out,
                    "DTSTART;TZID=\"{zone}\":{when}\r\nDTEND;TZID=\"{zone}\":{year}{month:02}{day:02}T{:02}3000\r\n",
                    hour
                );
            }
        }
        out.push_str("END:VEVENT\r\n");
        n += 1;
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn main() {
    let file = calendar();
    let mut fastest = f64::MAX;
    let mut outcome = None;
    for _ in 0..5 {
        let started = Instant::now();
        let read = busy_times(file.as_bytes(), NOW);
        fastest = fastest.min(started.elapsed().as_secs_f64());
        outcome = Some(read);
    }
    println!("file:        {:.2} MB", file.len() as f64 / 1_048_576.0);
    match outcome {
        Some(Ok(busy)) => {
            println!("events read: {}", busy.events);
            println!("skipped:     {}", busy.skipped.len());
            println!("busy spans:  {} (next 12 weeks, merged)", busy.spans.len());
        }
        Some(Err(error)) => println!("refused:     {error:?}"),
        None => {}
    }
    println!("time:        {:.1} ms (fastest of 5)", fastest * 1000.0);
}
