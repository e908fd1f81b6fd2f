//! Calendar items in a reader's language, and their iCalendar text: the personal feed, an
//! office's public feed, one event's download. The server's feed routes call these.

use super::calendar::CalendarItem;
use super::context::local_date;
use crate::db::{self, agenda::AgendaRow, agenda::Window, Db};
use crate::domain::ics::add_links::{add_link, file_name, AddEvent, AddTo};
use crate::domain::ics::{self, Head, IcsEvent, Method, When};
use crate::domain::schedule::{AgendaKind, EventStatus, Span};
use crate::domain::workshops::Localised;
use crate::domain::InterfaceLanguage;
use crate::names::locale;
use crate::names::Named;
use leptos_i18n::td_string;

/// Feeds reach back this far and ahead this far.
pub const FEED_PAST_DAYS: i64 = 30;
pub const FEED_AHEAD_DAYS: i64 = 365;
/// How often a subscriber is asked to fetch again.
pub const REFRESH_MINUTES: u32 = 60;

/// The feed window around `now`.
pub fn feed_window(now: i64) -> Window {
    Window {
        span: Span {
            start: now - FEED_PAST_DAYS * 86_400,
            end: now + FEED_AHEAD_DAYS * 86_400,
        },
        cancelled_since: now - FEED_PAST_DAYS * 86_400,
        now,
    }
}

/// The row's title in `language`.
fn title(row: &AgendaRow, language: InterfaceLanguage) -> String {
    let l = locale(language);
    let person = row.person.clone().unwrap_or_default();
    let topic = row.topic.map(|t| t.name_in(l)).unwrap_or_default();
    match row.kind {
        AgendaKind::Consultation if person.is_empty() => {
            td_string!(l, mail.cal_consultation, topic = topic)
        }
        AgendaKind::Consultation => td_string!(
            l,
            mail.cal_consultation_with,
            topic = topic,
            person = person
        ),
        AgendaKind::Session => match (&row.name_et, &row.name_en, &row.name_ru, &row.name_uk) {
            (None, None, None, None) => {
                let activity = row.activity.clone().unwrap_or_default();
                crate::names::activity_name_in(l, &activity).map_or(activity, str::to_string)
            }
            (et, en, ru, uk) => Localised([et, en, ru, uk].map(|n| n.clone().unwrap_or_default()))
                .get(language.code())
                .to_string(),
        },
        AgendaKind::CheckIn => td_string!(
            l,
            mail.cal_check_in,
            person = person,
            minutes = row.minutes.unwrap_or(0)
        ),
        AgendaKind::Handover => td_string!(l, mail.cal_handover, person = person),
        AgendaKind::Meeting => td_string!(l, mail.cal_meeting_with, person = person),
    }
}

/// Where it happens: the place written for it, else its office.
fn place(row: &mut AgendaRow) -> Option<String> {
    match (row.place.take(), row.office.take()) {
        (Some(place), _) if !place.is_empty() => Some(place),
        (_, office) => office,
    }
}

/// The row as the reader sees it, in `language`.
pub fn item(mut row: AgendaRow, language: InterfaceLanguage) -> CalendarItem {
    let l = locale(language);
    let title = title(&row, language);
    let all_day = row.day.is_some();
    let place = place(&mut row);
    CalendarItem {
        time: if all_day {
            String::new()
        } else {
            super::context::local_span(row.starts_at, row.ends_at)
                .split_once(' ')
                .map(|(_, time)| time.to_owned())
                .unwrap_or_default()
        },
        when: if all_day {
            row.day.clone().unwrap_or_default()
        } else {
            super::dates::span_in(l, row.starts_at, row.ends_at)
        },
        date: local_date(row.starts_at)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        download: super::calendar::download_path(&row.uid),
        uid: row.uid,
        kind: row.kind,
        start: row.starts_at,
        end: row.ends_at,
        all_day,
        title,
        place,
        online_link: row.online_link,
        cancelled: row.status == EventStatus::Cancelled,
        link: row.link,
        sequence: row.sequence,
        updated_at: row.updated_at,
    }
}

/// The row as an iCalendar event in `language`; `base_url` makes its page's address absolute.
/// (Straight from the row: a feed of thousands of events needs none of the page's texts.)
pub fn ics_event(mut row: AgendaRow, language: InterfaceLanguage, base_url: &str) -> IcsEvent {
    let summary = title(&row, language);
    let when = match row.day.as_deref().and_then(|day| day.parse().ok()) {
        Some(first) => When::AllDay { first, days: 1 },
        None => When::Timed(Span {
            start: row.starts_at,
            end: row.ends_at,
        }),
    };
    let description = row
        .online_link
        .take()
        .map(|link| td_string!(locale(language), mail.cal_online_link, link = link));
    IcsEvent {
        location: place(&mut row),
        url: Some(format!("{base_url}{}", row.link)),
        uid: row.uid,
        stamp: row.updated_at,
        when,
        sequence: row.sequence,
        cancelled: row.status == EventStatus::Cancelled,
        summary,
        description,
    }
}

/// A rendered calendar and when it last changed.
pub struct Rendered {
    pub body: String,
    pub last_modified: i64,
    pub events: usize,
}

/// Renders `rows` as a feed named `name`.
pub fn render(
    rows: Vec<AgendaRow>,
    name: &str,
    language: InterfaceLanguage,
    base_url: &str,
) -> Rendered {
    written(rows, name, Method::Publish, language, base_url)
}

fn written(
    rows: Vec<AgendaRow>,
    name: &str,
    method: Method,
    language: InterfaceLanguage,
    base_url: &str,
) -> Rendered {
    let last_modified = db::agenda::last_change(&rows);
    let events: Vec<IcsEvent> = rows
        .into_iter()
        .map(|row| ics_event(row, language, base_url))
        .collect();
    let head = Head {
        name,
        method,
        refresh_minutes: REFRESH_MINUTES,
    };
    Rendered {
        body: ics::calendar(&head, &events),
        last_modified,
        events: events.len(),
    }
}

/// The calendar a message carries: an invitation to `rows` (`Method::Request`, cancelled ones
/// left out) or their cancellation (`Method::Cancel`), in `language`; `None` when no event is
/// left. The mail sender names organizer and attendee (see [`ics::addressed`]).
pub fn invitation(
    mut rows: Vec<AgendaRow>,
    method: Method,
    language: InterfaceLanguage,
    base_url: &str,
) -> Option<String> {
    if method == Method::Request {
        rows.retain(|row| row.status != EventStatus::Cancelled);
    }
    let name = title(rows.first()?, language);
    Some(written(rows, &name, method, language, base_url).body)
}

/// The personal feed of an account.
pub async fn personal(
    db: &Db,
    account_id: i64,
    now: i64,
    base_url: &str,
) -> Result<Rendered, sqlx::Error> {
    let (name, language) = db::accounts::name_and_language(db.pool(), account_id).await?;
    let rows = db::agenda::personal(db, account_id, feed_window(now)).await?;
    let title = td_string!(locale(language), mail.cal_feed_name, name = name);
    Ok(render(rows, &title, language, base_url))
}

/// The public feed of an office's open workshops and groups; `None` for an unknown office.
pub async fn office(
    db: &Db,
    office_id: i64,
    activity: Option<&str>,
    language: InterfaceLanguage,
    now: i64,
    base_url: &str,
) -> Result<Option<Rendered>, sqlx::Error> {
    let Some(office) = db::offices::by_id_in(db.pool(), office_id).await? else {
        return Ok(None);
    };
    let mut rows = db::agenda::office(db, office_id, false, feed_window(now)).await?;
    let mut title = td_string!(
        locale(language),
        mail.cal_office_feed_name,
        office = office.name
    )
    .to_string();
    // One activity type only: a family follows the groups it cares about.
    if let Some(code) = activity.filter(|c| !c.is_empty()) {
        if !db::activity_types::activity_codes(db.pool())
            .await?
            .iter()
            .any(|known| known == code)
        {
            return Ok(None);
        }
        rows.retain(|r| r.activity.as_deref() == Some(code));
        let name = crate::names::activity_name_in(locale(language), code).unwrap_or(code);
        title = format!("{title}: {name}");
    }
    Ok(Some(render(rows, &title, language, base_url)))
}

/// One event for download, in `language`: from the account's own calendar, a consultation a
/// coordinator or the household's support person may open, or a session of an open series
/// (public) for anyone.
pub async fn one(
    db: &Db,
    account: Option<i64>,
    uid: &str,
    language: InterfaceLanguage,
    base_url: &str,
) -> Result<Option<OneEvent>, sqlx::Error> {
    let pool = db.pool();
    let mut found = None;
    if let Some(id) = account {
        found = db::agenda::personal_event(pool, id, uid).await?;
        if found.is_none() {
            found = db::agenda::staff_consultation(pool, id, uid).await?;
        }
    }
    if found.is_none() {
        found = db::agenda::public_session(pool, uid).await?;
    }
    let Some(row) = found else {
        return Ok(None);
    };
    let what = match row.kind {
        AgendaKind::Session => row.activity.clone().unwrap_or_default(),
        kind => kind.code().to_owned(),
    };
    let shown = item(row.clone(), language);
    let page = format!("{base_url}{}", shown.link);
    let add = |service| {
        let event = AddEvent {
            title: &shown.title,
            start: shown.start,
            end: shown.end,
            place: shown.place.as_deref(),
            details: &page,
        };
        add_link(service, &event)
    };
    Ok(Some(OneEvent {
        file_name: file_name(&shown.date, &what),
        google: add(AddTo::Google),
        outlook: add(AddTo::Outlook),
        rendered: render(vec![row], &shown.title, language, base_url),
    }))
}

/// One event as a download and as links that add it to a web calendar.
pub struct OneEvent {
    pub rendered: Rendered,
    /// `2026-12-04-art-therapy.ics`.
    pub file_name: String,
    pub google: String,
    pub outlook: String,
}
