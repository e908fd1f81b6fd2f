use super::*;

/// 2026-11-25 00:00 UTC (02:00 in Tallinn).
const NOW: i64 = 1_795_564_800;

fn utc(text: &str) -> i64 {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
        .timestamp()
}

fn calendar(body: &str) -> Vec<u8> {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n")
        .into_bytes()
}

fn event(lines: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{}\r\n{lines}END:VEVENT\r\n",
        fastrand::u64(..)
    )
}

fn spans(body: &str) -> Vec<Span> {
    busy_times(&calendar(body), NOW).unwrap().spans
}

fn span(start: &str, end: &str) -> Span {
    Span {
        start: utc(start),
        end: utc(end),
    }
}

#[test]
fn a_plain_event_in_tallinn_time() {
    let body = event(
        "SUMMARY:Dentist\r\nDTSTART;TZID=Europe/Tallinn:20261126T100000\r\n\
         DTEND;TZID=Europe/Tallinn:20261126T113000\r\n",
    );
    assert_eq!(
        spans(&body),
        vec![span("2026-11-26 08:00", "2026-11-26 09:30")]
    );
}

#[test]
fn utc_floating_and_all_day_times() {
    let body = [
        event("DTSTART:20261127T120000Z\r\nDURATION:PT45M\r\n"),
        // A floating time is Tallinn time.
        event("DTSTART:20261128T120000\r\nDTEND:20261128T130000\r\n"),
        event("DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261203\r\n"),
    ]
    .concat();
    assert_eq!(
        spans(&body),
        vec![
            span("2026-11-27 12:00", "2026-11-27 12:45"),
            span("2026-11-28 10:00", "2026-11-28 11:00"),
            span("2026-11-30 22:00", "2026-12-02 22:00"),
        ]
    );
}

#[test]
fn free_cancelled_past_and_tugi_events_are_not_busy() {
    let body = [
        event("TRANSP:TRANSPARENT\r\nDTSTART:20261127T120000Z\r\nDTEND:20261127T130000Z\r\n"),
        event("STATUS:CANCELLED\r\nDTSTART:20261127T120000Z\r\nDTEND:20261127T130000Z\r\n"),
        event("DTSTART:20261027T120000Z\r\nDTEND:20261027T130000Z\r\n"),
        "BEGIN:VEVENT\r\nUID:consultation-1@tugi\r\nDTSTART:20261127T120000Z\r\n\
         DTEND:20261127T130000Z\r\nEND:VEVENT\r\n"
            .to_owned(),
    ]
    .concat();
    assert_eq!(spans(&body), vec![]);
}

#[test]
fn a_weekly_rule_keeps_its_wall_clock_time_and_skips_exdates() {
    // Tuesdays 18:00 Tallinn from 2026-11-24, ten times, without 2026-12-08.
    let body = event(
        "DTSTART;TZID=Europe/Tallinn:20261124T180000\r\nDTEND;TZID=Europe/Tallinn:20261124T190000\r\n\
         RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10\r\nEXDATE;TZID=Europe/Tallinn:20261208T180000\r\n",
    );
    let found = spans(&body);
    // The first (yesterday) is past; nine remain, one excluded.
    assert_eq!(found.len(), 8);
    assert_eq!(found[0], span("2026-12-01 16:00", "2026-12-01 17:00"));
    assert_eq!(found[1], span("2026-12-15 16:00", "2026-12-15 17:00"));
}

#[test]
fn a_rule_across_the_spring_change_stays_at_ten_local() {
    let now = utc("2027-03-01 00:00");
    let body = event(
        "DTSTART;TZID=Europe/Tallinn:20270316T100000\r\nDTEND;TZID=Europe/Tallinn:20270316T110000\r\n\
         RRULE:FREQ=WEEKLY;COUNT=3\r\n",
    );
    let found = busy_times(&calendar(&body), now).unwrap().spans;
    assert_eq!(found[1], span("2027-03-23 08:00", "2027-03-23 09:00"));
    // After 28 March Tallinn is UTC+3.
    assert_eq!(found[2], span("2027-03-30 07:00", "2027-03-30 08:00"));
}

#[test]
fn an_endless_rule_is_expanded_for_twelve_weeks_only() {
    let body = event(
        "DTSTART;TZID=Europe/Tallinn:20260105T090000\r\nDTEND;TZID=Europe/Tallinn:20260105T100000\r\n\
         RRULE:FREQ=WEEKLY;BYDAY=MO\r\n",
    );
    assert_eq!(spans(&body).len(), 12);
}

#[test]
fn untils_as_dates_and_floating_times_are_understood() {
    let body = [
        event(
            "DTSTART;TZID=Europe/Tallinn:20261126T090000\r\nDURATION:PT1H\r\n\
             RRULE:FREQ=DAILY;UNTIL=20261128\r\n",
        ),
        event(
            "DTSTART;TZID=Europe/Tallinn:20261201T090000\r\nDURATION:PT1H\r\n\
             RRULE:FREQ=DAILY;UNTIL=20261202T090000\r\n",
        ),
    ]
    .concat();
    assert_eq!(spans(&body).len(), 5);
}

#[test]
fn a_changed_occurrence_replaces_its_original() {
    let body = "BEGIN:VEVENT\r\nUID:yoga\r\nDTSTART;TZID=Europe/Tallinn:20261130T180000\r\n\
        DTEND;TZID=Europe/Tallinn:20261130T190000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:yoga\r\nRECURRENCE-ID;TZID=Europe/Tallinn:20261207T180000\r\n\
        DTSTART;TZID=Europe/Tallinn:20261208T200000\r\nDTEND;TZID=Europe/Tallinn:20261208T210000\r\n\
        END:VEVENT\r\n";
    assert_eq!(
        spans(body),
        vec![
            span("2026-11-30 16:00", "2026-11-30 17:00"),
            span("2026-12-08 18:00", "2026-12-08 19:00"),
        ]
    );
}

#[test]
fn overlapping_busy_times_are_merged() {
    let body = [
        event("DTSTART:20261127T120000Z\r\nDTEND:20261127T140000Z\r\n"),
        event("DTSTART:20261127T130000Z\r\nDTEND:20261127T150000Z\r\n"),
    ]
    .concat();
    assert_eq!(
        spans(&body),
        vec![span("2026-11-27 12:00", "2026-11-27 15:00")]
    );
}

#[test]
fn windows_and_prefixed_zone_names_are_mapped() {
    let body = [
        event("DTSTART;TZID=FLE Standard Time:20261127T100000\r\nDURATION:PT1H\r\n"),
        event(
            "DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20261128T100000\r\nDURATION:PT1H\r\n",
        ),
        "BEGIN:VTIMEZONE\r\nTZID:Eastern European Time\r\nX-LIC-LOCATION:Europe/Riga\r\n\
         END:VTIMEZONE\r\n"
            .to_owned(),
        event("DTSTART;TZID=Eastern European Time:20261129T100000\r\nDURATION:PT1H\r\n"),
        // Outlook's display name, quoted; a lower-case IANA name; a Windows name for Moscow.
        event(
            "DTSTART;TZID=\"(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius\":20261130T100000\r\n\
             DURATION:PT1H\r\n",
        ),
        event("DTSTART;TZID=europe/tallinn:20261201T100000\r\nDURATION:PT1H\r\n"),
        event("DTSTART;TZID=Russian Standard Time:20261202T100000\r\nDURATION:PT1H\r\n"),
    ]
    .concat();
    assert_eq!(
        spans(&body),
        vec![
            span("2026-11-27 08:00", "2026-11-27 09:00"),
            span("2026-11-28 09:00", "2026-11-28 10:00"),
            span("2026-11-29 08:00", "2026-11-29 09:00"),
            span("2026-11-30 08:00", "2026-11-30 09:00"),
            span("2026-12-01 08:00", "2026-12-01 09:00"),
            span("2026-12-02 07:00", "2026-12-02 08:00"),
        ]
    );
}

#[test]
fn what_the_parser_alone_would_refuse_is_put_right() {
    let messy = "\u{feff}begin:vcalendar\r\nversion:2.0\r\nBEGIN:X-CUSTOM\r\nFOO:bar\r\n\
        END:X-CUSTOM\r\nBEGIN:VAVAILABILITY\r\nBEGIN:AVAILABLE\r\nEND:AVAILABLE\r\n\
        END:VAVAILABILITY\r\nbegin:vevent\r\nuid:a\r\ndtstart:20261127T120000Z\r\n\
        dtend:20261127T130000Z\r\nend:vevent\r\nend:vcalendar\r\n";
    let found = busy_times(messy.as_bytes(), NOW).unwrap();
    assert_eq!(
        found.spans,
        vec![span("2026-11-27 12:00", "2026-11-27 13:00")]
    );
    // A bare event, with LF line ends.
    let bare =
        "BEGIN:VEVENT\nUID:b\nDTSTART:20261127T120000Z\nDTEND:20261127T130000Z\nEND:VEVENT\n";
    assert_eq!(busy_times(bare.as_bytes(), NOW).unwrap().spans.len(), 1);
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    assert_eq!(busy_times(b"", NOW), Err(ImportError::Empty));
    assert_eq!(
        busy_times(b"hello, world", NOW),
        Err(ImportError::NotCalendar)
    );
    assert_eq!(
        busy_times(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", NOW),
        Err(ImportError::NotCalendar)
    );
    let whole = calendar(&event(
        "DTSTART:20261127T120000Z\r\nDTEND:20261127T130000Z\r\n",
    ));
    assert_eq!(
        busy_times(&whole[..whole.len() / 2], NOW),
        Err(ImportError::Truncated)
    );
    let big = vec![b'x'; MAX_BYTES + 1];
    assert_eq!(busy_times(&big, NOW), Err(ImportError::TooBig));
    let many = "BEGIN:VEVENT\r\nEND:VEVENT\r\n".repeat(MAX_EVENTS + 1);
    assert_eq!(
        busy_times(&calendar(&many), NOW),
        Err(ImportError::TooManyEvents)
    );
    let every_minute =
        event("DTSTART:20261126T000000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY\r\n");
    assert_eq!(
        busy_times(&calendar(&every_minute), NOW),
        Err(ImportError::TooManyBusyTimes)
    );
    let zone =
        event("SUMMARY:Gym\r\nDTSTART;TZID=Mars/Olympus:20261127T100000\r\nDURATION:PT1H\r\n");
    assert_eq!(
        busy_times(&calendar(&zone), NOW),
        Err(ImportError::UnknownTimeZone {
            event: "Gym".into(),
            zone: "Mars/Olympus".into()
        })
    );
    let date = event("SUMMARY:Bad\r\nDTSTART:20261332T250000Z\r\nDURATION:PT1H\r\n");
    assert!(matches!(
        busy_times(&calendar(&date), NOW),
        Err(ImportError::InvalidDate { .. })
    ));
    let rule = event("DTSTART:20261127T120000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=SOMETIMES\r\n");
    assert!(matches!(
        busy_times(&calendar(&rule), NOW),
        Err(ImportError::InvalidRule { .. })
    ));
    // Found by the fuzzer: the `rrule` parser panicked on a byte inside a character.
    let rule = event("DTSTART:20261127T120000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;BYDAY=Ъ\r\n");
    assert!(matches!(
        busy_times(&calendar(&rule), NOW),
        Err(ImportError::InvalidRule { .. })
    ));
}

#[test]
fn one_unreadable_event_is_left_out_and_named() {
    let good = event("SUMMARY:Choir\r\nDTSTART:20261127T120000Z\r\nDTEND:20261127T130000Z\r\n");
    let bad_zone =
        event("SUMMARY:Gym\r\nDTSTART;TZID=Mars/Olympus:20261127T100000\r\nDURATION:PT1H\r\n");
    let bad_date = event("SUMMARY:Party\r\nDTSTART:20261332T250000Z\r\nDURATION:PT1H\r\n");
    let bad_rule =
        event("SUMMARY:Yoga\r\nDTSTART:20261128T120000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=OFTEN\r\n");
    let found = busy_times(
        &calendar(&format!("{bad_zone}{good}{bad_date}{bad_rule}")),
        NOW,
    )
    .expect("the readable event is imported");
    assert_eq!(found.events, 1);
    assert_eq!(
        found.spans,
        vec![span("2026-11-27 12:00", "2026-11-27 13:00")]
    );
    assert_eq!(found.skipped.len(), 3);
    assert_eq!(
        found.skipped[0],
        ImportError::UnknownTimeZone {
            event: "Gym".into(),
            zone: "Mars/Olympus".into()
        }
    );
    assert!(
        matches!(&found.skipped[1], ImportError::InvalidDate { event, .. } if event == "Party")
    );
    assert!(matches!(&found.skipped[2], ImportError::InvalidRule { event, .. } if event == "Yoga"));
}

#[test]
fn a_changed_occurrence_that_cannot_be_read_leaves_the_series_as_it_was() {
    let series = "BEGIN:VEVENT\r\nUID:weekly\r\nSUMMARY:Class\r\nDTSTART:20261126T100000Z\r\n\
        DTEND:20261126T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n";
    let moved = "BEGIN:VEVENT\r\nUID:weekly\r\nSUMMARY:Class moved\r\n\
        RECURRENCE-ID:2026120X\r\nDTSTART:20261204T100000Z\r\nDTEND:20261204T110000Z\r\n\
        END:VEVENT\r\n";
    let found = busy_times(&calendar(&format!("{series}{moved}")), NOW).expect("read");
    assert_eq!(
        found.spans,
        vec![
            span("2026-11-26 10:00", "2026-11-26 11:00"),
            span("2026-12-03 10:00", "2026-12-03 11:00"),
        ]
    );
    assert!(
        matches!(&found.skipped[..], [ImportError::InvalidDate { event, .. }] if event == "Class moved")
    );
}

#[test]
fn extra_dates_add_occurrences() {
    // Without a rule: DTSTART and two RDATEs, one of them a period of its own length.
    let body = event(
        "DTSTART:20261126T100000Z\r\nDURATION:PT1H\r\n\
         RDATE:20261128T100000Z,20261130T150000Z/PT30M\r\n",
    );
    assert_eq!(
        spans(&body),
        vec![
            span("2026-11-26 10:00", "2026-11-26 11:00"),
            span("2026-11-28 10:00", "2026-11-28 11:00"),
            span("2026-11-30 15:00", "2026-11-30 15:30"),
        ]
    );
    // With a weekly rule of two, an RDATE in Tallinn time, and an EXDATE taking one away.
    let body = event(
        "DTSTART:20261126T100000Z\r\nDTEND:20261126T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n\
         RDATE;TZID=Europe/Tallinn:20261205T120000\r\nEXDATE:20261203T100000Z\r\n",
    );
    assert_eq!(
        spans(&body),
        vec![
            span("2026-11-26 10:00", "2026-11-26 11:00"),
            span("2026-12-05 10:00", "2026-12-05 11:00"),
        ]
    );
    // An RDATE that is no date leaves the event out.
    let bad = event("SUMMARY:Odd\r\nDTSTART:20261126T100000Z\r\nDURATION:PT1H\r\nRDATE:soon\r\n");
    let good = event("DTSTART:20261127T100000Z\r\nDURATION:PT1H\r\n");
    let found = busy_times(&calendar(&format!("{bad}{good}")), NOW).expect("read");
    assert_eq!(found.events, 1);
    assert!(
        matches!(&found.skipped[..], [ImportError::InvalidDate { event, .. }] if event == "Odd")
    );
}

#[test]
fn a_files_own_time_zone_is_read_from_its_observances() {
    // "My time" has no known name and no X-LIC-LOCATION: the EU's EET rules, once by RRULE,
    // once by RDATE. A weekly class from 1 October (summer time) stays at 10:00 on the wall
    // clock after the change: 08:00 UTC in the window.
    let by_rule = "BEGIN:VTIMEZONE\r\nTZID:My time\r\n\
        BEGIN:DAYLIGHT\r\nDTSTART:19700329T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n\
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
        BEGIN:STANDARD\r\nDTSTART:19701025T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\n\
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
    let by_dates = "BEGIN:VTIMEZONE\r\nTZID:Other time\r\n\
        BEGIN:DAYLIGHT\r\nDTSTART:20260329T030000\r\nRDATE:20270328T030000\r\n\
        TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nEND:DAYLIGHT\r\n\
        BEGIN:STANDARD\r\nDTSTART:20251026T040000\r\nRDATE:20261025T040000,20271031T040000\r\n\
        TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
    for (zone, name) in [(by_rule, "My time"), (by_dates, "Other time")] {
        let body = format!(
            "{zone}{}",
            event(&format!(
                "DTSTART;TZID={name}:20261001T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
            ))
        );
        assert_eq!(
            spans(&body),
            vec![
                span("2026-11-26 08:00", "2026-11-26 09:00"),
                span("2026-12-03 08:00", "2026-12-03 09:00"),
            ],
            "{name}"
        );
    }
    // A zone whose observances never apply explains nothing: its event is left out, named.
    let never = "BEGIN:VTIMEZONE\r\nTZID:Later\r\nBEGIN:STANDARD\r\nDTSTART:21000101T000000\r\n\
        TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0200\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
    let body = format!(
        "{never}{}{}",
        event("SUMMARY:Odd\r\nDTSTART;TZID=Later:20261127T100000\r\nDURATION:PT1H\r\n"),
        event("DTSTART:20261127T120000Z\r\nDURATION:PT1H\r\n")
    );
    let found = busy_times(&calendar(&body), NOW).expect("read");
    assert_eq!(
        found.skipped,
        vec![ImportError::UnknownTimeZone {
            event: "Odd".into(),
            zone: "Later".into()
        }]
    );
}

#[test]
fn endless_rules_and_deep_nesting_stay_bounded() {
    // A billion daily occurrences, and a rule without an end: only the window's are read.
    for rule in ["FREQ=DAILY;COUNT=1000000000", "FREQ=DAILY"] {
        let body = event(&format!(
            "DTSTART:20261126T100000Z\r\nDURATION:PT1H\r\nRRULE:{rule}\r\n"
        ));
        let found = busy_times(&calendar(&body), NOW).expect(rule);
        // 26 November to 16 February: the 84-day window from the 25th.
        assert_eq!(found.spans.len(), 83, "{rule}");
    }
    // Components nested 1,000 deep, known or not, inside an event or around it.
    for name in ["X-DEEP", "VALARM", "VEVENT"] {
        let deep = format!(
            "{}{}",
            format!("BEGIN:{name}\r\n").repeat(1_000),
            format!("END:{name}\r\n").repeat(1_000)
        );
        let body = event(&format!(
            "DTSTART:20261127T120000Z\r\nDURATION:PT1H\r\n{deep}"
        ));
        let read = busy_times(&calendar(&body), NOW);
        assert!(
            matches!(
                read,
                Ok(_) | Err(ImportError::Unreadable) | Err(ImportError::TooManyEvents)
            ),
            "{name}: {read:?}"
        );
    }
}

#[test]
fn a_calendar_without_events_is_refused() {
    let tasks = "BEGIN:VTODO\r\nUID:t\r\nSUMMARY:Buy milk\r\nEND:VTODO\r\n\
        BEGIN:VJOURNAL\r\nUID:j\r\nEND:VJOURNAL\r\n";
    assert_eq!(
        busy_times(&calendar(tasks), NOW),
        Err(ImportError::NoEvents)
    );
}

#[test]
fn durations() {
    assert_eq!(parse_duration("PT1H30M"), Some(5_400));
    assert_eq!(parse_duration("P1D"), Some(86_400));
    assert_eq!(parse_duration("P2W"), Some(1_209_600));
    assert_eq!(parse_duration("P1DT2H"), Some(93_600));
    assert_eq!(parse_duration("-PT5M"), Some(-300));
    assert_eq!(parse_duration("P"), None);
    assert_eq!(parse_duration("PT1X"), None);
    assert_eq!(parse_duration("P99999999999999999999D"), None);
}
