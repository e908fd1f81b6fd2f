//! Dates and times as people read them: the weekday, the day and the month's name in the
//! reader's language, at Europe/Tallinn wall-clock time ("Wed 2 Dec 2026, 15:00"). Tables,
//! logs and exports keep the compact ISO form of [`super::context::local_time`].

use super::context::{cookie_in, LOCALE_COOKIE};
use crate::i18n::Locale;
pub use crate::names::date_in;
use chrono::{NaiveDate, Timelike};
use leptos_i18n::td_string;

/// The language of the request being answered: the language cookie (written at login and by the
/// language switch), else the browser's first language Tugi offers, else English.
pub fn reader() -> Locale {
    match leptos::prelude::use_context::<http::request::Parts>() {
        Some(parts) => reader_of(&parts.headers),
        None => Locale::en,
    }
}

/// [`reader`] for code that holds the request's headers (answers outside the app's pages).
pub fn reader_of(headers: &http::HeaderMap) -> Locale {
    cookie_in(headers, LOCALE_COOKIE)
        .and_then(|code| crate::names::interface_locale(&code))
        .or_else(|| {
            let accepted = headers.get(http::header::ACCEPT_LANGUAGE)?;
            first_offered(accepted.to_str().ok()?)
        })
        .unwrap_or(Locale::en)
}

/// The first language of an `Accept-Language` header that Tugi offers.
fn first_offered(header: &str) -> Option<Locale> {
    header.split(',').find_map(|entry| {
        let tag = entry.split(';').next()?.trim();
        crate::names::interface_locale(&tag.split('-').next()?.to_ascii_lowercase())
    })
}

/// The Tallinn date and "15:00" of a UTC instant.
fn wall_clock(at: i64) -> Option<(NaiveDate, String)> {
    let local = chrono::DateTime::from_timestamp(at, 0)?.with_timezone(&chrono_tz::Europe::Tallinn);
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    Some((local.date_naive(), time))
}

/// "Wed 2 Dec 2026, 15:00" in `l`.
pub fn time_in(l: Locale, at: i64) -> String {
    let Some((date, time)) = wall_clock(at) else {
        return String::new();
    };
    td_string!(
        l,
        common.date_time_written,
        date = date_in(l, date),
        time = time
    )
}

/// "Wed 2 Dec 2026, 15:00–16:30" in `l`; both ends in full when they fall on different days.
pub fn span_in(l: Locale, start: i64, end: i64) -> String {
    match (wall_clock(start), wall_clock(end)) {
        (Some((first, from)), Some((last, to))) if first == last => td_string!(
            l,
            common.date_time_written,
            date = date_in(l, first),
            time = format!("{from}–{to}")
        ),
        _ => format!("{} – {}", time_in(l, start), time_in(l, end)),
    }
}

/// [`time_in`] for the reader of this request.
pub fn time(at: i64) -> String {
    time_in(reader(), at)
}

/// [`span_in`] for the reader of this request.
pub fn span(start: i64, end: i64) -> String {
    span_in(reader(), start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_with_weekday_and_month_in_each_language() {
        // 2026-12-02 13:00 UTC is Wednesday 15:00 in Tallinn.
        let at = 1_796_216_400;
        assert_eq!(time_in(Locale::en, at), "Wed 2 Dec 2026, 15:00");
        assert_eq!(time_in(Locale::et, at), "K, 2. dets 2026 kell 15:00");
        assert_eq!(time_in(Locale::ru, at), "Ср, 2 дек. 2026, 15:00");
        assert_eq!(time_in(Locale::uk, at), "Ср, 2 груд. 2026, 15:00");
    }

    #[test]
    fn a_span_names_its_day_once_unless_it_crosses_midnight() {
        let at = 1_796_216_400;
        assert_eq!(
            span_in(Locale::en, at, at + 5_400),
            "Wed 2 Dec 2026, 15:00–16:30"
        );
        assert_eq!(
            span_in(Locale::en, at, at + 86_400),
            "Wed 2 Dec 2026, 15:00 – Thu 3 Dec 2026, 15:00"
        );
    }

    #[test]
    fn the_browser_language_counts_only_when_offered() {
        assert_eq!(first_offered("de-DE,uk;q=0.8,en;q=0.5"), Some(Locale::uk));
        assert_eq!(first_offered("ET-ee"), Some(Locale::et));
        assert_eq!(first_offered("de, fr"), None);
    }
}
