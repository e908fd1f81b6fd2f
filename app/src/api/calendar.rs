//! My calendar: a person's events as an agenda and a week, their subscription address, and the
//! busy times they imported; an office's calendar for coordinators.

use crate::domain::schedule::AgendaKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{calendar_feed, context, credentials},
    crate::db::{self, agenda::Window},
    crate::domain::{access, schedule::Span},
    crate::domain::{AuditAction, AuditSubject},
    chrono::{Datelike, NaiveDate},
};

/// One event as a calendar page lists it.
/// Where one event's .ics file is downloaded.
pub fn download_path(uid: &str) -> String {
    format!("/calendar/events/{uid}.ics")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarItem {
    pub uid: String,
    pub kind: AgendaKind,
    pub start: i64,
    pub end: i64,
    /// Tallinn date (YYYY-MM-DD) of the start.
    pub date: String,
    /// Tallinn day and time span, or the date of a whole-day item.
    pub when: String,
    /// Only the time span (`15:00–16:30`), for a list under the day's heading.
    pub time: String,
    pub all_day: bool,
    pub title: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub cancelled: bool,
    /// The event's page.
    pub link: String,
    /// Its .ics download.
    pub download: String,
    pub sequence: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarDay {
    /// YYYY-MM-DD.
    pub date: String,
    /// 1 (Monday) to 7.
    pub weekday: u32,
    pub items: Vec<CalendarItem>,
    /// Imported busy times that day, as Tallinn `HH:MM–HH:MM`.
    pub busy: Vec<String>,
}

/// Seven days from a Monday.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Week {
    pub first: String,
    pub last: String,
    pub previous: String,
    pub next: String,
    pub days: Vec<CalendarDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedAddress {
    pub https: String,
    pub webcal: String,
    pub since: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusyImportInfo {
    pub spans: i64,
    pub uploaded: String,
}

/// The calendar a person follows by its address, as their page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowInfo {
    /// The address with its secret part hidden.
    pub address: String,
    /// When it was last read successfully (Tallinn time).
    pub last_success: Option<String>,
    /// The last failed try, when it came after the last success: when, the problem's code and
    /// its detail.
    pub last_error: Option<(String, String, Option<String>)>,
    /// Paused after failing for a week: not fetched until the person asks.
    pub paused: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalCalendar {
    pub week: Week,
    /// From now, the next eight weeks.
    pub agenda: Vec<CalendarItem>,
    /// The feed address just made (from the link after making it): shown this once, since
    /// only its hash is kept.
    pub feed: Option<FeedAddress>,
    /// When the current feed address was made, if there is one.
    pub feed_since: Option<String>,
    pub can_import: bool,
    pub busy: Option<BusyImportInfo>,
    pub following: Option<FollowInfo>,
    /// Offices whose calendars the person may open.
    pub offices: Vec<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeWeek {
    pub name: String,
    pub week: Week,
    /// The public feed's address.
    pub feed: String,
}

/// How far the agenda looks ahead.
#[cfg(feature = "ssr")]
const AGENDA_DAYS: i64 = 56;

/// The Monday of the week holding `week` (a date), or of this week when it is no date or too
/// far away to be a week anyone plans (an address typed by hand, or a guess).
#[cfg(feature = "ssr")]
fn monday(week: Option<&str>) -> NaiveDate {
    monday_of(week, context::today())
}

#[cfg(feature = "ssr")]
fn monday_of(week: Option<&str>, today: NaiveDate) -> NaiveDate {
    let plausible = |d: &NaiveDate| (2000..=2100).contains(&d.year());
    let day = week
        .and_then(|w| w.parse::<NaiveDate>().ok())
        .filter(plausible)
        .unwrap_or(today);
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The week from `first` with its items and busy times laid out by day.
#[cfg(feature = "ssr")]
fn week_of(first: NaiveDate, items: &[CalendarItem], busy: &[Span]) -> Week {
    let days = (0..7)
        .map(|n| {
            let date = first + chrono::Duration::days(n);
            let key = date.to_string();
            let busy = busy
                .iter()
                .filter(|b| context::local_date(b.start) == Some(date))
                .map(|b| {
                    let span = context::local_span(b.start, b.end);
                    span.split_once(' ')
                        .map(|(_, t)| t.to_owned())
                        .unwrap_or(span)
                })
                .collect();
            CalendarDay {
                weekday: date.weekday().number_from_monday(),
                items: items.iter().filter(|i| i.date == key).cloned().collect(),
                busy,
                date: key,
            }
        })
        .collect();
    Week {
        first: first.to_string(),
        last: (first + chrono::Duration::days(6)).to_string(),
        previous: (first - chrono::Duration::days(7)).to_string(),
        next: (first + chrono::Duration::days(7)).to_string(),
        days,
    }
}

#[cfg(feature = "ssr")]
fn week_window(first: NaiveDate) -> Result<Window, AppError> {
    let start = crate::domain::schedule::tallinn_day(first).ok_or(AppError::Internal)?;
    let end = crate::domain::schedule::tallinn_day(first + chrono::Duration::days(6))
        .ok_or(AppError::Internal)?;
    Ok(Window {
        span: Span {
            start: start.start,
            end: end.end,
        },
        cancelled_since: 0,
        now: context::now(),
    })
}

#[server(endpoint = "my_calendar")]
pub async fn my_calendar(
    week: Option<String>,
    #[server(default)] new_feed: Option<String>,
) -> Result<PersonalCalendar, AppError> {
    let user = context::require_login().await?;
    let db = context::db()?;
    let pool = db.pool();
    let now = context::now();
    let first = monday(week.as_deref());
    let window = week_window(first)?;
    let items: Vec<CalendarItem> = db::agenda::personal(&db, user.id, window)
        .await?
        .into_iter()
        .map(|row| calendar_feed::item(row, user.language))
        .collect();
    let busy = db::calendar_feeds::busy_in(pool, user.id, window.span).await?;
    let ahead = Window {
        span: Span {
            start: now,
            end: now + AGENDA_DAYS * 86_400,
        },
        cancelled_since: now - 7 * 86_400,
        now,
    };
    let agenda = db::agenda::personal(&db, user.id, ahead)
        .await?
        .into_iter()
        .map(|row| calendar_feed::item(row, user.language))
        .collect();
    let base = context::public_url();
    let current = db::calendar_feeds::current(pool, user.id).await?;
    let feed_since = current
        .as_ref()
        .map(|(_, since)| super::dates::time(*since));
    let feed = match (new_feed, &current) {
        (Some(token), Some((hash, since))) if credentials::token_hash(&token) == *hash => {
            Some(feed_address(&base, &token, *since))
        }
        _ => None,
    };
    let can_import = user.roles.has_any(access::BUSY_IMPORT);
    let busy_import = match can_import {
        true => db::calendar_feeds::busy_import(pool, user.id)
            .await?
            .map(|i| BusyImportInfo {
                spans: i.spans,
                uploaded: super::dates::time(i.uploaded_at),
            }),
        false => None,
    };
    let following = match can_import {
        true => db::busy_subscriptions::of(pool, user.id)
            .await?
            .map(follow_info),
        false => None,
    };
    let offices = match user.roles.has_any(access::OFFICE_CALENDAR) {
        true => db::offices::list(pool)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect(),
        false => Vec::new(),
    };
    Ok(PersonalCalendar {
        week: week_of(first, &items, &busy),
        agenda,
        feed,
        feed_since,
        can_import,
        busy: busy_import,
        following,
        offices,
    })
}

#[cfg(feature = "ssr")]
fn follow_info(s: db::busy_subscriptions::Subscription) -> FollowInfo {
    use crate::domain::ics::subscription::FetchFailure;
    let last_error = match (s.last_error, s.last_error_at) {
        (Some(stored), Some(at)) if s.last_success_at.is_none_or(|ok| at >= ok) => {
            let failure = FetchFailure::from_stored(&stored);
            Some((
                super::dates::time(at),
                failure.problem.code().to_string(),
                failure.detail,
            ))
        }
        _ => None,
    };
    FollowInfo {
        address: s.address_masked,
        last_success: s.last_success_at.map(super::dates::time),
        last_error,
        paused: s.paused_at.is_some(),
    }
}

#[cfg(feature = "ssr")]
fn feed_address(base: &str, token: &str, since: i64) -> FeedAddress {
    let https = format!("{base}/calendar/feed/{token}.ics");
    FeedAddress {
        webcal: crate::domain::ics::webcal(&https),
        https,
        since: super::dates::time(since),
    }
}

/// Makes a new secret feed address; the old one stops working at once. Only its hash is
/// kept: the address is in the answer and in the page it leads to, and nowhere after.
#[server(endpoint = "new_feed_address")]
pub async fn new_feed_address() -> Result<FeedAddress, AppError> {
    let user = context::require_login().await?;
    let db = context::db()?;
    let token = credentials::new_token();
    let now = context::now();
    let mut tx = db.begin().await?;
    db::calendar_feeds::replace_token(&mut tx, user.id, &credentials::token_hash(&token), now)
        .await?;
    db::audit::record(
        &mut *tx,
        user.id,
        AuditAction::FeedCreate,
        AuditSubject::Account,
        user.id,
    )
    .await?;
    tx.commit().await?;
    context::redirect(&format!("/calendar?new_feed={token}#feed"));
    Ok(feed_address(&context::public_url(), &token, now))
}

/// Forgets the busy times the person imported, and the calendar they followed.
#[server(endpoint = "delete_busy_times")]
pub async fn delete_busy_times() -> Result<(), AppError> {
    let user = context::require(access::BUSY_IMPORT).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    db::calendar_feeds::delete_busy(&mut tx, user.id).await?;
    db::busy_subscriptions::stop(&mut tx, user.id).await?;
    tx.commit().await?;
    context::redirect("/calendar?busy=deleted");
    Ok(())
}

/// An office's week: its workshop sessions and consultations.
#[server(endpoint = "office_calendar")]
pub async fn office_calendar(id: i64, week: Option<String>) -> Result<OfficeWeek, AppError> {
    let user = context::require(access::OFFICE_CALENDAR).await?;
    let db = context::db()?;
    let office = db::offices::by_id_in(db.pool(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let first = monday(week.as_deref());
    // Consultations name households: only coordinators see them; admins see the sessions.
    let staff = user.roles.has_any(access::HOUSEHOLDS);
    let items: Vec<CalendarItem> = db::agenda::office(&db, id, staff, week_window(first)?)
        .await?
        .into_iter()
        .map(|row| calendar_feed::item(row, user.language))
        .collect();
    Ok(OfficeWeek {
        name: office.name,
        week: week_of(first, &items, &[]),
        feed: format!("{}/calendar/offices/{id}.ics", context::public_url()),
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::monday_of;
    use chrono::NaiveDate;

    #[test]
    fn a_week_is_its_monday_and_nonsense_is_this_week() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let this = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            monday_of(Some("2026-12-06"), today).to_string(),
            "2026-11-30"
        );
        assert_eq!(monday_of(None, today), this);
        for bad in [
            "garbage",
            "2026-13-40",
            "262142-12-31",
            "-262143-01-01",
            "1999-12-31",
            "",
        ] {
            assert_eq!(monday_of(Some(bad), today), this, "{bad}");
        }
    }
}
