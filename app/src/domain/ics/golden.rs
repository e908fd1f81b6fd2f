//! Golden tests: the exact text written for each kind of event Tugi publishes.

use super::*;
use crate::domain::schedule::Span;
use chrono::NaiveDate;

/// 2026-11-26 10:00 Europe/Tallinn (UTC+2).
const NOV_26_10: i64 = 1_795_680_000;
/// 2026-11-24 08:30:00 UTC, the last change.
const STAMP: i64 = 1_795_509_000;

fn crlf(lines: &[&str]) -> String {
    let mut out = lines.join("\r\n");
    out.push_str("\r\n");
    out
}

fn head() -> Head<'static> {
    Head {
        name: "Tugi – Kadri Tamm",
        method: Method::Publish,
        refresh_minutes: 60,
    }
}

fn consultation() -> IcsEvent {
    IcsEvent {
        uid: "consultation-7f3a@tugi".into(),
        stamp: STAMP,
        when: When::Timed(Span {
            start: NOV_26_10,
            end: NOV_26_10 + 45 * 60,
        }),
        sequence: 0,
        cancelled: false,
        summary: "Consultation: housing, benefits".into(),
        location: Some("Tallinn reception; room 2, Pärnu mnt 10".into()),
        description: Some("Bring: ID card\nInterpreter: Arabic".into()),
        url: Some("https://tugi.example/consultations/12".into()),
    }
}

const HEAD: &[&str] = &[
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tugi//Tugi calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Tugi – Kadri Tamm",
    "X-WR-TIMEZONE:Europe/Tallinn",
    "REFRESH-INTERVAL;VALUE=DURATION:PT60M",
    "X-PUBLISHED-TTL:PT60M",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Tallinn",
    "X-LIC-LOCATION:Europe/Tallinn",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:EEST",
    "DTSTART:19700329T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:EET",
    "DTSTART:19701025T040000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

fn whole(events: &[&str]) -> String {
    let mut lines: Vec<&str> = HEAD.to_vec();
    lines.extend_from_slice(events);
    lines.push("END:VCALENDAR");
    crlf(&lines)
}

#[test]
fn a_consultation() {
    let text = calendar(&head(), &[consultation()]);
    assert_eq!(
        text,
        whole(&[
            "BEGIN:VEVENT",
            "UID:consultation-7f3a@tugi",
            "DTSTAMP:20261124T083000Z",
            "LAST-MODIFIED:20261124T083000Z",
            "DTSTART;TZID=Europe/Tallinn:20261126T100000",
            "DTEND;TZID=Europe/Tallinn:20261126T104500",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            "SUMMARY:Consultation: housing\\, benefits",
            "LOCATION:Tallinn reception\\; room 2\\, Pärnu mnt 10",
            "DESCRIPTION:Bring: ID card\\nInterpreter: Arabic",
            "URL:https://tugi.example/consultations/12",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ])
    );
}

#[test]
fn a_cancelled_workshop_session_keeps_its_uid_with_a_higher_sequence() {
    let session = IcsEvent {
        uid: "series-k2x9-3@tugi".into(),
        sequence: 2,
        cancelled: true,
        summary: "Женская группа (отменено)".into(),
        location: Some("Tartu".into()),
        description: None,
        url: None,
        ..consultation()
    };
    let text = calendar(&head(), &[session]);
    assert!(text.contains(
        "\r\nUID:series-k2x9-3@tugi\r\n\
         DTSTAMP:20261124T083000Z\r\n\
         LAST-MODIFIED:20261124T083000Z\r\n\
         DTSTART;TZID=Europe/Tallinn:20261126T100000\r\n\
         DTEND;TZID=Europe/Tallinn:20261126T104500\r\n\
         SEQUENCE:2\r\n\
         STATUS:CANCELLED\r\n\
         SUMMARY:Женская группа (отменено)\r\n\
         LOCATION:Tartu\r\n\
         TRANSP:OPAQUE\r\n\
         END:VEVENT\r\n"
    ));
}

#[test]
fn an_event_across_the_autumn_change_keeps_its_wall_clock_times() {
    // 2026-10-25 02:00 EEST (UTC+3) to 05:00 EET (UTC+2): four hours pass, three on the clock.
    let start = 1_792_882_800;
    let meeting = IcsEvent {
        uid: "meeting-5@tugi".into(),
        when: When::Timed(Span {
            start,
            end: start + 4 * 3600,
        }),
        summary: "Night shift support".into(),
        location: None,
        description: None,
        url: None,
        ..consultation()
    };
    let text = calendar(&head(), &[meeting]);
    assert!(text.contains(
        "DTSTART;TZID=Europe/Tallinn:20261025T020000\r\n\
         DTEND;TZID=Europe/Tallinn:20261025T050000\r\n"
    ));
}

/// The DTSTART and DTEND lines of the event written for a span.
fn start_and_end(start: i64, end: i64) -> String {
    let event = IcsEvent {
        when: When::Timed(Span { start, end }),
        ..consultation()
    };
    let text = calendar(&head(), &[event]);
    let (_, vevent) = text.split_once("BEGIN:VEVENT").unwrap_or_default();
    vevent
        .lines()
        .filter(|l| l.starts_with("DTSTART") || l.starts_with("DTEND"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn times_in_the_repeated_autumn_hour_are_written_in_utc() {
    // 03:13 EEST to 03:13 EET on 25 October 2026: the same wall clock twice, an hour apart.
    let first = 1_792_886_400 + 13 * 60;
    assert_eq!(
        start_and_end(first, first + 3_600),
        "DTSTART:20261025T001300Z\nDTEND:20261025T011300Z"
    );
    // 31 October 2027: from 02:30 EEST (unambiguous) to 03:30 EET (repeated).
    let start = 1_824_940_800 - 1_800;
    assert_eq!(
        start_and_end(start, start + 2 * 3_600),
        "DTSTART;TZID=Europe/Tallinn:20271031T023000\nDTEND:20271031T013000Z"
    );
    // From 04:00 EET on, wall-clock times name one instant again.
    let after = 1_824_940_800 + 7_200;
    assert_eq!(
        start_and_end(after, after + 3_600),
        "DTSTART;TZID=Europe/Tallinn:20271031T040000\nDTEND;TZID=Europe/Tallinn:20271031T050000"
    );
}

#[test]
fn times_around_the_spring_gap_keep_their_local_times() {
    // 29 March 2026 and 28 March 2027: 02:30 EET to 04:30 EEST is one hour.
    for (start, expected) in [
        (
            1_774_744_200,
            "DTSTART;TZID=Europe/Tallinn:20260329T023000\nDTEND;TZID=Europe/Tallinn:20260329T043000",
        ),
        (
            1_806_193_800,
            "DTSTART;TZID=Europe/Tallinn:20270328T023000\nDTEND;TZID=Europe/Tallinn:20270328T043000",
        ),
    ] {
        assert_eq!(start_and_end(start, start + 3_600), expected);
    }
}

#[test]
fn summer_times_are_written_in_summer_time() {
    // 2026-06-01 07:00 UTC is 10:00 EEST.
    let start = 1_780_297_200;
    let meeting = IcsEvent {
        when: When::Timed(Span {
            start,
            end: start + 3600,
        }),
        ..consultation()
    };
    let text = calendar(&head(), &[meeting]);
    assert!(text.contains("DTSTART;TZID=Europe/Tallinn:20260601T100000\r\n"));
}

#[test]
fn a_check_in_is_a_whole_day() {
    let check_in = IcsEvent {
        uid: "check-in-4@tugi".into(),
        when: When::AllDay {
            first: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            days: 1,
        },
        summary: "Check-in with Zahra (60 min)".into(),
        location: None,
        description: None,
        url: None,
        ..consultation()
    };
    let text = calendar(&head(), &[check_in]);
    assert!(
        text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\nSEQUENCE:0\r\n")
    );
}

#[test]
fn an_invitation_names_organizer_and_attendee_and_a_cancellation_cancels() {
    let event = consultation();
    let to = Invitation {
        organizer_name: "Tugi \"Tallinn\"".into(),
        organizer_email: "tugi@tugi.example".into(),
        attendee_name: "Олена Коваленко".into(),
        attendee_email: "olena@example.com".into(),
    };
    let request = Head {
        method: Method::Request,
        ..head()
    };
    let unaddressed = calendar(&request, &[event.clone(), event.clone()]);
    assert_eq!(method_of(&unaddressed), Some("REQUEST"));
    let text = addressed(&unaddressed, &to);
    assert!(text.contains("\r\nMETHOD:REQUEST\r\n"));
    assert_eq!(text.matches("\r\nORGANIZER;").count(), 2, "one per event");
    assert!(text.contains("\r\nORGANIZER;CN=\"Tugi Tallinn\":mailto:tugi@tugi.example\r\n"));
    assert!(text.contains(
        "\r\nATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE;CN=\"Олен\r\n \
         а Коваленко\":mailto:olena@example.com\r\n"
    ));
    assert!(text.contains("\r\nSTATUS:CONFIRMED\r\n"));
    let cancel = Head {
        method: Method::Cancel,
        ..head()
    };
    let text = addressed(&calendar(&cancel, std::slice::from_ref(&event)), &to);
    assert_eq!(method_of(&text), Some("CANCEL"));
    assert!(text.contains("\r\nATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE;CN="));
    assert!(text.contains("\r\nSTATUS:CANCELLED\r\n"));
    // A feed never names the attendees.
    let feed = calendar(&head(), &[event]);
    assert!(!feed.contains("ATTENDEE") && !feed.contains("ORGANIZER"));
    assert_eq!(method_of(&feed), Some("PUBLISH"));
}

#[test]
fn long_cyrillic_lines_fold_by_octets_and_every_line_ends_in_crlf() {
    let mut event = consultation();
    event.description = Some("Консультация по вопросам жилья, пособий и школы; ".repeat(6));
    let text = calendar(&head(), &[event]);
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(!text.replace("\r\n", "").contains('\r'));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn an_empty_calendar_is_still_a_calendar() {
    assert_eq!(calendar(&head(), &[]), whole(&[]));
}
