//! Busy times from an uploaded calendar: the file is read defensively (a byte-order mark,
//! lower-case component names, unknown components and a bare VEVENT are put right first, since
//! the `ical` parser would refuse the whole calendar), recurring events are expanded with `rrule`
//! for the next twelve weeks, and only busy spans come out: no titles, places or people.

use super::own_zone::{self, Observance};
use super::text::unescape;
use crate::domain::schedule::Span;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;
use std::collections::{BTreeMap, BTreeSet};

/// Largest file accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Most events one file may hold.
pub const MAX_EVENTS: usize = 10_000;
/// Most busy times kept from one file, after expansion.
pub const MAX_BUSY: usize = 5_000;
/// How far ahead recurring events are expanded.
pub const WINDOW_DAYS: i64 = super::IMPORT_WINDOW_DAYS;

/// Why an upload was refused; nothing of it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooBig,
    NotCalendar,
    /// The file ends before `END:VCALENDAR`.
    Truncated,
    TooManyEvents,
    TooManyBusyTimes,
    /// The event's summary (for the message only) and the zone's name.
    UnknownTimeZone {
        event: String,
        zone: String,
    },
    InvalidDate {
        event: String,
        value: String,
    },
    InvalidRule {
        event: String,
        rule: String,
    },
    Unreadable,
    /// A calendar without a single event (only tasks or notes, or nothing).
    NoEvents,
}

impl ImportError {
    /// Whether the error concerns one event only, which is then left out of the import.
    fn of_one_event(&self) -> bool {
        matches!(
            self,
            ImportError::UnknownTimeZone { .. }
                | ImportError::InvalidDate { .. }
                | ImportError::InvalidRule { .. }
        )
    }
}

/// What an upload leaves: merged busy spans inside the window, how many events were read, and
/// the events left out with the reason (their titles only for the person's message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyTimes {
    pub spans: Vec<Span>,
    pub events: usize,
    pub skipped: Vec<ImportError>,
}

/// The busy times of `bytes` from `now` for [`WINDOW_DAYS`] days.
pub fn busy_times(bytes: &[u8], now: i64) -> Result<BusyTimes, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooBig);
    }
    let text = String::from_utf8_lossy(bytes);
    let text = normalise(text.trim_start_matches('\u{feff}'))?;
    let window = Span {
        start: now,
        end: now + WINDOW_DAYS * 86_400,
    };
    let mut calendars = Vec::new();
    for calendar in ical::IcalParser::new(text.as_bytes()) {
        calendars.push(calendar.map_err(|_| ImportError::Unreadable)?);
    }
    let zones = Zones::of(&calendars, now);
    let mut events: Vec<&IcalEvent> = calendars.iter().flat_map(|c| &c.events).collect();
    if events.is_empty() {
        return Err(ImportError::NoEvents);
    }
    let mut skipped = Vec::new();
    // A changed occurrence (RECURRENCE-ID) replaces the occurrence its series would have had;
    // one whose RECURRENCE-ID cannot be read is left out.
    let mut replaced: BTreeMap<String, Vec<DateTime<Tz>>> = BTreeMap::new();
    events.retain(|event| {
        let (Some(uid), Some(id)) = (value(event, "UID"), property(event, "RECURRENCE-ID")) else {
            return true;
        };
        match Moment::parse(id, &zones, &summary(event)) {
            Ok(when) => {
                replaced
                    .entry(uid.to_owned())
                    .or_default()
                    .push(when.start());
                true
            }
            Err(error) => {
                skipped.push(error);
                false
            }
        }
    });
    let mut spans = Vec::new();
    let mut read = 0;
    for event in &events {
        let mut own = Vec::new();
        match expand(event, &zones, &replaced, window, &mut own) {
            Ok(()) => {
                read += 1;
                spans.append(&mut own);
            }
            Err(error) if error.of_one_event() => skipped.push(error),
            Err(error) => return Err(error),
        }
        if spans.len() > MAX_BUSY {
            return Err(ImportError::TooManyBusyTimes);
        }
    }
    // A file of which no event can be read is refused, with the first event's reason.
    if read == 0 {
        return Err(skipped.into_iter().next().unwrap_or(ImportError::NoEvents));
    }
    Ok(BusyTimes {
        spans: merge(spans),
        events: read,
        skipped,
    })
}

/// Component names Tugi reads; the contents of any other component are left out.
const KNOWN: &[&str] = &[
    "VCALENDAR",
    "VEVENT",
    "VTIMEZONE",
    "STANDARD",
    "DAYLIGHT",
    "VALARM",
];

/// The text with BEGIN/END lines upper-cased, unknown components removed and a bare VEVENT
/// wrapped in a calendar; refused when it holds no calendar, is cut short or is too large.
fn normalise(text: &str) -> Result<String, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut skipping: Vec<String> = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let (mut events, mut calendars) = (0usize, 0usize);
    for line in text.lines() {
        let (begin, name) = match component_line(line) {
            Some(found) => found,
            None => {
                if skipping.is_empty() && !line.trim().is_empty() {
                    out.push_str(line);
                    out.push_str("\r\n");
                }
                continue;
            }
        };
        if !skipping.is_empty() || !KNOWN.contains(&name.as_str()) {
            if begin {
                skipping.push(name);
            } else if skipping.last() == Some(&name) {
                skipping.pop();
            }
            continue;
        }
        if begin {
            if name == "VEVENT" {
                events += 1;
                if events > MAX_EVENTS {
                    return Err(ImportError::TooManyEvents);
                }
            }
            if name == "VCALENDAR" {
                calendars += 1;
            }
            open.push(name.clone());
        } else if open.last() == Some(&name) {
            open.pop();
        } else {
            return Err(ImportError::Unreadable);
        }
        out.push_str(if begin { "BEGIN:" } else { "END:" });
        out.push_str(&name);
        out.push_str("\r\n");
    }
    if !open.is_empty() || !skipping.is_empty() {
        return Err(ImportError::Truncated);
    }
    if calendars == 0 {
        if events == 0 {
            return Err(ImportError::NotCalendar);
        }
        out = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{out}END:VCALENDAR\r\n");
    }
    Ok(out)
}

/// `Some((true, NAME))` for a `BEGIN:name` line, `Some((false, NAME))` for `END:name`.
fn component_line(line: &str) -> Option<(bool, String)> {
    let (key, name) = line.trim().split_once(':')?;
    let begin = if key.eq_ignore_ascii_case("BEGIN") {
        true
    } else if key.eq_ignore_ascii_case("END") {
        false
    } else {
        return None;
    };
    Some((begin, name.trim().to_ascii_uppercase()))
}

fn property<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a Property> {
    event
        .properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

fn value<'a>(event: &'a IcalEvent, name: &str) -> Option<&'a str> {
    property(event, name)?.value.as_deref().map(str::trim)
}

fn param<'a>(property: &'a Property, name: &str) -> Option<&'a str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .and_then(|(_, values)| values.first())
        .map(|v| v.trim_matches('"'))
}

/// The event's summary, only to name it in a message.
fn summary(event: &IcalEvent) -> String {
    let text = value(event, "SUMMARY").map(unescape).unwrap_or_default();
    text.chars().take(60).collect()
}

/// Most VTIMEZONEs of one file read from their observances, and observances read from each.
const MAX_OWN_ZONES: usize = 20;
const MAX_OBSERVANCES: usize = 20;

/// Time zones by the names an upload uses.
struct Zones {
    /// A VTIMEZONE's own name mapped to the IANA zone its `X-LIC-LOCATION` gives.
    custom: BTreeMap<String, Tz>,
    /// Names already looked up: a file names the same few zones thousands of times.
    known: std::cell::RefCell<BTreeMap<String, Option<Tz>>>,
}

impl Zones {
    /// The file's own zones: by the IANA zone their `X-LIC-LOCATION` names, or else (when the
    /// TZID is no name anyone knows) by the zone that keeps the clock their observances describe
    /// around `now`.
    fn of(calendars: &[IcalCalendar], now: i64) -> Self {
        let mut custom = BTreeMap::new();
        // Evaluating observances costs a search over every zone: a few per file suffice.
        let mut evaluated = 0;
        for zone in calendars.iter().flat_map(|c| &c.timezones) {
            let Some(id) = first_value(&zone.properties, "TZID") else {
                continue;
            };
            let located = first_value(&zone.properties, "X-LIC-LOCATION").and_then(|l| iana(&l));
            let found = located.or_else(|| {
                if iana(&id).is_some() || evaluated >= MAX_OWN_ZONES {
                    return None;
                }
                evaluated += 1;
                let observances: Vec<Observance> = zone
                    .transitions
                    .iter()
                    .take(MAX_OBSERVANCES)
                    .filter_map(|t| observance(&t.properties))
                    .collect();
                own_zone::matching_zone(&observances, now)
            });
            if let Some(tz) = found {
                custom.insert(id, tz);
            }
        }
        Zones {
            custom,
            known: Default::default(),
        }
    }

    fn get(&self, name: &str) -> Option<Tz> {
        if let Some(found) = self.known.borrow().get(name) {
            return *found;
        }
        let found = iana(name).or_else(|| self.custom.get(name).copied());
        self.known.borrow_mut().insert(name.to_owned(), found);
        found
    }
}

fn first_value(properties: &[Property], name: &str) -> Option<String> {
    properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .and_then(|p| p.value.as_deref())
        .map(|v| v.trim().to_owned())
}

/// A STANDARD or DAYLIGHT part of a VTIMEZONE; `None` when its onset or offsets are unreadable.
fn observance(properties: &[Property]) -> Option<Observance> {
    let local = |text: &str| NaiveDateTime::parse_from_str(text.trim(), "%Y%m%dT%H%M%S").ok();
    let dates = properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("RDATE"))
        .filter_map(|p| p.value.as_deref())
        .flat_map(|v| v.split(','))
        .filter_map(local)
        .collect();
    Some(Observance {
        start: local(&first_value(properties, "DTSTART")?)?,
        offset_from: own_zone::parse_offset(&first_value(properties, "TZOFFSETFROM")?)?,
        offset_to: own_zone::parse_offset(&first_value(properties, "TZOFFSETTO")?)?,
        rule: first_value(properties, "RRULE"),
        dates,
    })
}

/// The zone a TZID or an `X-LIC-LOCATION` names (`zone_names::resolve`).
fn iana(name: &str) -> Option<Tz> {
    super::zone_names::resolve(name)
}

/// A DTSTART, DTEND, RECURRENCE-ID or EXDATE value.
#[derive(Debug, Clone, Copy)]
enum Moment {
    Date(NaiveDate),
    At(DateTime<Tz>),
}

impl Moment {
    fn parse(property: &Property, zones: &Zones, event: &str) -> Result<Moment, ImportError> {
        let raw = property.value.as_deref().unwrap_or("").trim();
        let first = raw.split(',').next().unwrap_or("");
        Self::parse_one(first, param(property, "TZID"), zones, event)
    }

    fn parse_one(
        raw: &str,
        tzid: Option<&str>,
        zones: &Zones,
        event: &str,
    ) -> Result<Moment, ImportError> {
        let invalid = || ImportError::InvalidDate {
            event: event.to_owned(),
            value: raw.chars().take(40).collect(),
        };
        if raw.len() == 8 {
            return NaiveDate::parse_from_str(raw, "%Y%m%d")
                .map(Moment::Date)
                .map_err(|_| invalid());
        }
        let (local, utc) = match raw.strip_suffix('Z').or_else(|| raw.strip_suffix('z')) {
            Some(rest) => (rest, true),
            None => (raw, false),
        };
        let local = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S").map_err(|_| invalid())?;
        let zone = if utc {
            chrono_tz::UTC
        } else {
            match tzid {
                // A floating time is the reader's own: Tallinn.
                None => chrono_tz::Europe::Tallinn,
                Some(name) => zones
                    .get(name)
                    .ok_or_else(|| ImportError::UnknownTimeZone {
                        event: event.to_owned(),
                        zone: name.chars().take(60).collect(),
                    })?,
            }
        };
        Ok(Moment::At(at(local, zone)))
    }

    /// The start of the moment (a date starts at midnight in Tallinn).
    fn start(self) -> DateTime<Tz> {
        match self {
            Moment::Date(date) => at(date.and_time(NaiveTime::MIN), chrono_tz::Europe::Tallinn),
            Moment::At(when) => when,
        }
    }
}

/// `local` in `zone`; a time in a spring-forward gap is taken as the first instant after it.
fn at(local: NaiveDateTime, zone: Tz) -> DateTime<Tz> {
    let mut probe = local;
    for _ in 0..4 {
        match zone.from_local_datetime(&probe) {
            chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => return t,
            chrono::LocalResult::None => probe += chrono::Duration::minutes(30),
        }
    }
    zone.from_utc_datetime(&local)
}

/// Adds the busy spans of one event (every occurrence inside `window`).
fn expand(
    event: &IcalEvent,
    zones: &Zones,
    replaced: &BTreeMap<String, Vec<DateTime<Tz>>>,
    window: Span,
    spans: &mut Vec<Span>,
) -> Result<(), ImportError> {
    let free = value(event, "TRANSP").is_some_and(|v| v.eq_ignore_ascii_case("TRANSPARENT"));
    let cancelled = value(event, "STATUS").is_some_and(|v| v.eq_ignore_ascii_case("CANCELLED"));
    // Tugi's own events arrive through its feed; they already count.
    let ours = value(event, "UID").is_some_and(|uid| uid.ends_with("@tugi"));
    if free || cancelled || ours {
        return Ok(());
    }
    let name = summary(event);
    let Some(start_property) = property(event, "DTSTART") else {
        return Ok(());
    };
    let start = Moment::parse(start_property, zones, &name)?;
    let length = match (property(event, "DTEND"), value(event, "DURATION")) {
        (Some(end), _) => {
            Moment::parse(end, zones, &name)?.start().timestamp() - start.start().timestamp()
        }
        (None, Some(duration)) => {
            parse_duration(duration).ok_or_else(|| ImportError::InvalidDate {
                event: name.clone(),
                value: duration.chars().take(40).collect(),
            })?
        }
        (None, None) => match start {
            Moment::Date(_) => 86_400,
            Moment::At(_) => 0,
        },
    };
    if length <= 0 {
        return Ok(());
    }
    let first = start.start();
    let mut add_for = |begin: i64, length: i64| {
        let span = Span {
            start: begin,
            end: begin + length,
        };
        if span.overlaps(&window) {
            spans.push(Span {
                start: span.start.max(window.start),
                end: span.end.min(window.end),
            });
        }
    };
    let rules: Vec<&str> = event
        .properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("RRULE"))
        .filter_map(|p| p.value.as_deref())
        .collect();
    let extra = extra_dates(event, zones, &name)?;
    let mut add = |begin: i64| add_for(begin, length);
    if (rules.is_empty() && extra.is_empty()) || value(event, "RECURRENCE-ID").is_some() {
        add(first.timestamp());
        return Ok(());
    }
    let mut excluded: BTreeSet<i64> = BTreeSet::new();
    for exdate in event
        .properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("EXDATE"))
    {
        let tzid = param(exdate, "TZID");
        for raw in exdate.value.as_deref().unwrap_or("").split(',') {
            let moment = Moment::parse_one(raw.trim(), tzid, zones, &name)?;
            excluded.insert(moment.start().timestamp());
        }
    }
    if let Some(changed) = value(event, "UID").and_then(|uid| replaced.get(uid)) {
        excluded.extend(changed.iter().map(|d| d.timestamp()));
    }
    // RDATE: more occurrences, each with the event's length or its own period's.
    for (begin, own) in extra {
        if !excluded.contains(&begin) {
            add_for(begin, own.unwrap_or(length));
        }
    }
    if rules.is_empty() {
        // Without a rule, DTSTART is the first occurrence beside the RDATEs.
        if !excluded.contains(&first.timestamp()) {
            add_for(first.timestamp(), length);
        }
        return Ok(());
    }
    let mut add = |begin: i64| add_for(begin, length);
    let zone: rrule::Tz = first.timezone().into();
    let dt_start = first.with_timezone(&zone);
    let utc = |t: i64| DateTime::from_timestamp(t, 0).map(|d| d.with_timezone(&zone));
    let (Some(after), Some(before)) = (utc(window.start - length - 1), utc(window.end)) else {
        return Ok(());
    };
    for rule in rules {
        let invalid = || ImportError::InvalidRule {
            event: name.clone(),
            rule: rule.chars().take(80).collect(),
        };
        // The grammar is ASCII; the `rrule` parser slices by bytes and panics on anything else.
        if !rule.is_ascii() {
            return Err(invalid());
        }
        let rule_text = until_in_utc(rule, first.timezone(), zones).ok_or_else(invalid)?;
        let parsed: rrule::RRule<rrule::Unvalidated> = rule_text.parse().map_err(|_| invalid())?;
        let set = parsed.build(dt_start).map_err(|_| invalid())?;
        let result = set.after(after).before(before).all(MAX_BUSY as u16 + 1);
        if result.dates.len() > MAX_BUSY {
            return Err(ImportError::TooManyBusyTimes);
        }
        for date in result.dates {
            let begin = date.timestamp();
            if !excluded.contains(&begin) {
                add(begin);
            }
        }
    }
    Ok(())
}

/// The RDATE occurrences of an event: their starts, and the length of those given as a period
/// (`19970101T180000Z/PT5H` or `…/19970102T070000Z`).
fn extra_dates(
    event: &IcalEvent,
    zones: &Zones,
    name: &str,
) -> Result<Vec<(i64, Option<i64>)>, ImportError> {
    let mut out = Vec::new();
    for rdate in event
        .properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("RDATE"))
    {
        let tzid = param(rdate, "TZID");
        for raw in rdate.value.as_deref().unwrap_or("").split(',') {
            let (start, end) = match raw.trim().split_once('/') {
                Some((start, end)) => (start, Some(end)),
                None => (raw.trim(), None),
            };
            let begin = Moment::parse_one(start, tzid, zones, name)?
                .start()
                .timestamp();
            let own = match end {
                None => None,
                Some(end) => Some(match parse_duration(end) {
                    Some(seconds) => seconds,
                    None => {
                        Moment::parse_one(end, tzid, zones, name)?
                            .start()
                            .timestamp()
                            - begin
                    }
                }),
            };
            out.push((begin, own.filter(|l| *l > 0)));
        }
    }
    Ok(out)
}

/// The rule with its UNTIL as a UTC time, as `rrule` requires for a start with a time zone
/// (many calendars write a date or a floating time there); `None` when UNTIL is not a date.
fn until_in_utc(rule: &str, zone: Tz, zones: &Zones) -> Option<String> {
    let parts: Vec<String> = rule
        .split(';')
        .filter(|part| !part.trim().is_empty())
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.trim().eq_ignore_ascii_case("UNTIL") => {
                let value = value.trim();
                let moment = if value.len() == 8 {
                    // A date UNTIL includes that whole day.
                    let date = NaiveDate::parse_from_str(value, "%Y%m%d").ok()?;
                    at(date.and_hms_opt(23, 59, 59)?, zone)
                } else {
                    Moment::parse_one(value, Some(zone.name()), zones, "")
                        .ok()?
                        .start()
                };
                Some(format!(
                    "UNTIL={}",
                    moment.with_timezone(&chrono::Utc).format("%Y%m%dT%H%M%SZ")
                ))
            }
            _ => Some(part.trim().to_owned()),
        })
        .collect::<Option<_>>()?;
    Some(parts.join(";"))
}

/// Seconds of an RFC 5545 duration such as `PT1H30M`, `P1D` or `P2W`.
fn parse_duration(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut rest = text.strip_prefix('P')?;
    let mut total: i64 = 0;
    let mut in_time = false;
    let mut seen = false;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('T') {
            in_time = true;
            rest = after;
            continue;
        }
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let number: i64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        let seconds = match (unit, in_time) {
            ('W', false) => 604_800,
            ('D', false) => 86_400,
            ('H', true) => 3_600,
            ('M', true) => 60,
            ('S', true) => 1,
            _ => return None,
        };
        total = total.checked_add(number.checked_mul(seconds)?)?;
        rest = &rest[digits + unit.len_utf8()..];
        seen = true;
    }
    if !seen {
        return None;
    }
    Some(if negative { -total } else { total })
}

/// Sorted spans with overlapping and touching ones joined.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
