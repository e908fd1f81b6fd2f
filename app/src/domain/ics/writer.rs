//! Writes an iCalendar object (RFC 5545) from events: feeds (`METHOD:PUBLISH`), one-event
//! downloads, and the invitations mailed with confirmations (`REQUEST`) and cancellations
//! (`CANCEL`). Written by hand rather than with a generator crate: text must be escaped and lines
//! folded by octets, and a feed of 10,000 events has to be rendered well inside 50 ms.

use super::text::{push_escaped, push_folded, push_param};
use super::timezone::{self, TZID, VTIMEZONE};
use crate::domain::schedule::Span;
use chrono::NaiveDate;

pub const PRODID: &str = "-//Tugi//Tugi calendar//EN";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A feed or a download: the reader adds or updates the events.
    Publish,
    /// An invitation mailed to a participant.
    Request,
    /// A cancellation mailed to a participant.
    Cancel,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// UTC instants, written as Europe/Tallinn wall-clock times with their TZID (in UTC within
    /// the hour repeated at the end of summer time).
    Timed(Span),
    /// Whole Tallinn days from `first`, `days` long (at least one).
    AllDay { first: NaiveDate, days: u32 },
}

/// Who sends an invitation and to whom (RFC 5546 asks for both on REQUEST and CANCEL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub organizer_name: String,
    pub organizer_email: String,
    pub attendee_name: String,
    pub attendee_email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Never changes for the same event.
    pub uid: String,
    /// The last change of the event, UTC.
    pub stamp: i64,
    pub when: When,
    /// Rises with every change of time, place or status.
    pub sequence: i64,
    pub cancelled: bool,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// The event's page.
    pub url: Option<String>,
}

/// What heads a calendar.
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    /// Shown by clients as the calendar's name.
    pub name: &'a str,
    pub method: Method,
    /// How often a subscriber should fetch the feed again.
    pub refresh_minutes: u32,
}

/// The invitation `calendar` (written with [`Method::Request`] or [`Method::Cancel`]) addressed
/// from its organizer to its attendee: both are named in every event. The mail sender does this,
/// since only it knows its own address; everything else was fixed when the change was made.
pub fn addressed(calendar: &str, invitation: &Invitation) -> String {
    let mut people = String::new();
    person(
        &mut people,
        "ORGANIZER",
        "",
        &invitation.organizer_name,
        &invitation.organizer_email,
    );
    let role = ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE";
    person(
        &mut people,
        "ATTENDEE",
        role,
        &invitation.attendee_name,
        &invitation.attendee_email,
    );
    // Folded lines go on with a space, so "END:VEVENT" at a line's start is always the end.
    calendar.replace("\r\nEND:VEVENT\r\n", &format!("\r\n{people}END:VEVENT\r\n"))
}

/// The `METHOD` a calendar was written with, for the mail part's content type.
pub fn method_of(calendar: &str) -> Option<&str> {
    calendar
        .split("\r\n")
        .take_while(|line| *line != "BEGIN:VEVENT")
        .find_map(|line| line.strip_prefix("METHOD:"))
}

/// A calendar user as one folded line: `ORGANIZER;CN="Name":mailto:address`.
fn person(out: &mut String, property: &str, params: &str, name: &str, email: &str) {
    let mut line = format!("{property}{params}");
    if !name.trim().is_empty() {
        line.push_str(";CN=");
        push_param(&mut line, name);
    }
    line.push_str(":mailto:");
    line.extend(email.chars().filter(|c| !c.is_control() && *c != ' '));
    push_folded(out, &line);
}

/// The whole calendar as text with CRLF line ends.
pub fn calendar<'e>(head: &Head<'_>, events: impl IntoIterator<Item = &'e IcsEvent>) -> String {
    let events = events.into_iter();
    let mut writer = Writer {
        out: String::with_capacity(1024 + 700 * events.size_hint().0),
        line: String::with_capacity(256),
    };
    writer.head(head);
    for event in events {
        writer.event(event, head.method);
    }
    writer.out.push_str("END:VCALENDAR\r\n");
    writer.out
}

struct Writer {
    out: String,
    /// The logical line being built, folded into `out` by `end_line`.
    line: String,
}

impl Writer {
    fn raw(&mut self, line: &str) {
        push_folded(&mut self.out, line);
    }

    fn text(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        push_escaped(&mut self.line, value);
        self.end_line();
    }

    fn end_line(&mut self) {
        push_folded(&mut self.out, &self.line);
    }

    fn head(&mut self, head: &Head<'_>) {
        self.out.push_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        self.raw(&format!("PRODID:{PRODID}"));
        self.out.push_str("CALSCALE:GREGORIAN\r\n");
        self.raw(&format!("METHOD:{}", head.method.name()));
        self.text("X-WR-CALNAME", head.name);
        self.raw(&format!("X-WR-TIMEZONE:{TZID}"));
        if head.method == Method::Publish {
            // How often a subscriber fetches again; an invitation is not fetched at all.
            let minutes = head.refresh_minutes.max(1);
            self.raw(&format!("REFRESH-INTERVAL;VALUE=DURATION:PT{minutes}M"));
            self.raw(&format!("X-PUBLISHED-TTL:PT{minutes}M"));
        }
        self.out.push_str(VTIMEZONE);
    }

    fn event(&mut self, event: &IcsEvent, method: Method) {
        self.out.push_str("BEGIN:VEVENT\r\n");
        self.line.clear();
        self.line.push_str("UID:");
        push_escaped(&mut self.line, &event.uid);
        self.end_line();
        self.utc("DTSTAMP", event.stamp);
        self.utc("LAST-MODIFIED", event.stamp);
        match event.when {
            When::Timed(span) => {
                self.local("DTSTART", span.start);
                self.local("DTEND", span.end);
            }
            When::AllDay { first, days } => {
                let last = first + chrono::Duration::days(i64::from(days.max(1)));
                self.date("DTSTART", first);
                self.date("DTEND", last);
            }
        }
        self.line.clear();
        self.line.push_str("SEQUENCE:");
        self.line.push_str(&event.sequence.max(0).to_string());
        self.end_line();
        let cancelled = event.cancelled || method == Method::Cancel;
        self.out.push_str(if cancelled {
            "STATUS:CANCELLED\r\n"
        } else {
            "STATUS:CONFIRMED\r\n"
        });
        self.text("SUMMARY", &event.summary);
        if let Some(location) = &event.location {
            self.text("LOCATION", location);
        }
        if let Some(description) = &event.description {
            self.text("DESCRIPTION", description);
        }
        if let Some(url) = &event.url {
            // A URI value is not TEXT: it is written as it is, without escaping.
            self.line.clear();
            self.line.push_str("URL:");
            self.line.extend(url.chars().filter(|c| !c.is_control()));
            self.end_line();
        }
        self.out.push_str("TRANSP:OPAQUE\r\nEND:VEVENT\r\n");
    }

    fn utc(&mut self, name: &str, at: i64) {
        let Some(when) = chrono::DateTime::from_timestamp(at, 0) else {
            return;
        };
        self.out.push_str(name);
        self.out.push(':');
        timezone::push_date_time(&mut self.out, when.naive_utc());
        self.out.push_str("Z\r\n");
    }

    /// A Tallinn wall-clock time with its TZID, or UTC where that time would be ambiguous.
    fn local(&mut self, name: &str, at: i64) {
        let Some(when) = timezone::unambiguous_local(at) else {
            return self.utc(name, at);
        };
        self.out.push_str(name);
        self.out.push_str(";TZID=");
        self.out.push_str(TZID);
        self.out.push(':');
        timezone::push_date_time(&mut self.out, when);
        self.out.push_str("\r\n");
    }

    fn date(&mut self, name: &str, date: NaiveDate) {
        self.out.push_str(name);
        self.out.push_str(";VALUE=DATE:");
        timezone::push_date(&mut self.out, date);
        self.out.push_str("\r\n");
    }
}
