//! Weekdays, months and dates as people read them in each language.

use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};
use leptos_i18n::td_string;

/// An ISO weekday number (1 = Monday) by its full name; other numbers as they are.
pub fn weekday_name_in(locale: Locale, number: i64) -> String {
    match number {
        1 => td_string!(locale, names.weekday_1),
        2 => td_string!(locale, names.weekday_2),
        3 => td_string!(locale, names.weekday_3),
        4 => td_string!(locale, names.weekday_4),
        5 => td_string!(locale, names.weekday_5),
        6 => td_string!(locale, names.weekday_6),
        7 => td_string!(locale, names.weekday_7),
        other => return other.to_string(),
    }
    .to_string()
}

/// Mon, Tue … (ISO numbers, 1 = Monday).
pub fn weekday_short_in(locale: Locale, number: i64) -> String {
    match number {
        1 => td_string!(locale, names.weekday_short_1),
        2 => td_string!(locale, names.weekday_short_2),
        3 => td_string!(locale, names.weekday_short_3),
        4 => td_string!(locale, names.weekday_short_4),
        5 => td_string!(locale, names.weekday_short_5),
        6 => td_string!(locale, names.weekday_short_6),
        7 => td_string!(locale, names.weekday_short_7),
        other => return other.to_string(),
    }
    .to_string()
}

/// The month's short name ("Dec", "dets").
pub fn month_short_in(l: Locale, month: u32) -> &'static str {
    match month {
        1 => td_string!(l, names.month_short_1),
        2 => td_string!(l, names.month_short_2),
        3 => td_string!(l, names.month_short_3),
        4 => td_string!(l, names.month_short_4),
        5 => td_string!(l, names.month_short_5),
        6 => td_string!(l, names.month_short_6),
        7 => td_string!(l, names.month_short_7),
        8 => td_string!(l, names.month_short_8),
        9 => td_string!(l, names.month_short_9),
        10 => td_string!(l, names.month_short_10),
        11 => td_string!(l, names.month_short_11),
        _ => td_string!(l, names.month_short_12),
    }
}

/// "Wed 2 Dec 2026" in `l`: a day people plan around, so with its weekday.
pub fn date_in(l: Locale, date: NaiveDate) -> String {
    td_string!(
        l,
        names.date_written,
        weekday = weekday_short_in(l, i64::from(date.weekday().number_from_monday())),
        day = date.day(),
        month = month_short_in(l, date.month()),
        year = date.year()
    )
    .to_string()
}

/// "3 Feb 1990": a birth date, without the weekday.
pub fn birth_date_in(l: Locale, date: NaiveDate) -> String {
    td_string!(
        l,
        names.date_without_weekday,
        day = date.day(),
        month = month_short_in(l, date.month()),
        year = date.year()
    )
    .to_string()
}
