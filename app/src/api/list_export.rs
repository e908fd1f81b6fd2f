//! Lists staff used to copy by hand, written as CSV in the reader's language: the household
//! registry with the list page's filters, volunteers with their hours, a series' roster with
//! its attendance, and a reception day. Served by the server's `/households.csv`,
//! `/volunteers.csv`, `/workshops/{id}/roster.csv` and `/reception.csv`, after its role check;
//! the roster and the day check the relationship here.

use super::dashboards::hours_text;
use crate::db::{self, Db};
use crate::domain::report::csv_text;
use crate::domain::schedule::{tallinn_day, tallinn_wall_clock, EventStatus};
use crate::domain::{parse_date, AuditAction, AuditSubject, HouseholdFilter, Role};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::names::Named;
use leptos_i18n::td_string;

/// The most rows one download holds.
const MAX_ROWS: i64 = 20_000;

pub async fn households(db: &Db, filter: &HouseholdFilter, l: Locale) -> Result<String, AppError> {
    let rows = db::households::search(db.pool(), filter, MAX_ROWS, 0).await?;
    let titles = vec![
        td_string!(l, common.col_name).to_string(),
        td_string!(l, common.field_city).to_string(),
        td_string!(l, households.field_arrival_date).to_string(),
        td_string!(l, households.col_members).to_string(),
        td_string!(l, common.field_status).to_string(),
    ];
    let lines: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            let name = format!(
                "{} {}",
                r.first_name.unwrap_or_default(),
                r.last_name.unwrap_or_default()
            );
            vec![
                name.trim().to_string(),
                r.city,
                r.arrival_date,
                r.member_count.to_string(),
                r.status.name_in(l).to_string(),
            ]
        })
        .collect();
    Ok(csv_text(&titles, &lines))
}

pub async fn volunteers(db: &Db, l: Locale) -> Result<String, AppError> {
    let pool = db.pool();
    let minutes = db::volunteers::logged_minutes(pool).await?;
    let titles = vec![
        td_string!(l, common.col_name).to_string(),
        td_string!(l, common.field_email).to_string(),
        td_string!(l, common.field_status).to_string(),
        td_string!(l, volunteers.field_city_or_online).to_string(),
        td_string!(l, common.field_matches).to_string(),
        td_string!(l, common.col_hours).to_string(),
    ];
    let lines: Vec<Vec<String>> = db::volunteers::list(pool)
        .await?
        .into_iter()
        .map(|v| {
            let spent = minutes
                .iter()
                .find(|(id, _)| *id == v.id)
                .map_or(0, |(_, m)| *m);
            vec![
                v.display_name.clone(),
                v.email.clone(),
                v.status().name_in(l).to_string(),
                v.city.clone().unwrap_or_default(),
                v.busy.to_string(),
                hours_text(spent),
            ]
        })
        .collect();
    Ok(csv_text(&titles, &lines))
}

/// `2026-12-02 15:00` in Tallinn: sorts as text and reads in every spreadsheet.
fn local_time(at: i64) -> String {
    tallinn_wall_clock(at)
        .map(|(d, t)| format!("{d} {}", t.format("%H:%M")))
        .unwrap_or_default()
}

/// A series' participants, one row each, with their mark at every session: for a coordinator or
/// a facilitator of the series (others: not found). Audited as a roster read.
pub async fn series_roster(
    db: &Db,
    account: i64,
    series: i64,
    l: Locale,
) -> Result<String, AppError> {
    let pool = db.pool();
    let found = db::workshop_views::series(pool, series)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = db::accounts::roles(pool, account).await?;
    if !roles.has(Role::Coordinator)
        && !db::workshop_views::facilitates(pool, found.id, account).await?
    {
        return Err(AppError::NotFound);
    }
    db::audit::read(
        pool,
        account,
        AuditAction::RosterView,
        AuditSubject::Series,
        Some(found.id),
        Some("csv"),
    )
    .await?;
    let sessions = db::workshop_views::sessions(pool, found.id).await?;
    let people = db::workshop_views::series_roster(pool, found.id).await?;
    let languages = db::workshop_views::roster_languages(pool, found.id).await?;
    let marks = db::workshop_views::series_marks(pool, found.id).await?;
    let mut titles = vec![
        td_string!(l, common.col_name).to_string(),
        td_string!(l, common.field_languages).to_string(),
        td_string!(l, common.field_childcare).to_string(),
        td_string!(l, common.field_drop_in_session).to_string(),
    ];
    titles.extend(sessions.iter().map(|s| {
        let when = local_time(s.starts_at);
        if s.status == EventStatus::Cancelled {
            format!("{when} ({})", s.status.name_in(l))
        } else {
            when
        }
    }));
    let lines = people
        .into_iter()
        .map(|p| {
            let spoken: Vec<&str> = languages
                .iter()
                .filter(|(m, _)| *m == p.member_id)
                .map(|(_, language)| language.name_in(l))
                .collect();
            let single = p
                .session_id
                .and_then(|id| sessions.iter().find(|s| s.id == id))
                .map(|s| local_time(s.starts_at))
                .unwrap_or_default();
            let mut line = vec![
                format!("{} {}", p.first_name, p.last_name),
                spoken.join(", "),
                p.childcare.unwrap_or_default(),
                single,
            ];
            line.extend(sessions.iter().map(|s| {
                // Only sessions the seat covers, and only once it was confirmed.
                let covered = p.session_id.is_none_or(|id| id == s.id)
                    && p.confirmed_at.is_none_or(|at| at < s.ends_at);
                marks
                    .iter()
                    .find(|(session, member, _)| *session == s.id && *member == p.member_id)
                    .filter(|_| covered)
                    .map(|(_, _, mark)| mark.name_in(l).to_string())
                    .unwrap_or_default()
            }));
            line
        })
        .collect::<Vec<_>>();
    Ok(csv_text(&titles, &lines))
}

/// The consultations of one office on one Tallinn day (`2026-12-02`), as the reception page
/// lists them, for a coordinator. Audited as a reception read.
pub async fn reception_day(
    db: &Db,
    account: i64,
    office: i64,
    date: &str,
    l: Locale,
) -> Result<String, AppError> {
    let pool = db.pool();
    let day = parse_date(date.trim()).map_err(|_| AppError::BadRequest)?;
    let span = tallinn_day(day).ok_or(AppError::BadRequest)?;
    db::offices::by_id(pool, office)
        .await?
        .ok_or(AppError::NotFound)?;
    db::audit::read(
        pool,
        account,
        AuditAction::ReceptionView,
        AuditSubject::Office,
        Some(office),
        Some(&format!("{day} csv")),
    )
    .await?;
    let scope = db::consultations::Scope::Office {
        id: office,
        from: span.start,
        to: span.end,
    };
    let rows = db::consultations::list(pool, scope, None, 500).await?;
    let titles = vec![
        td_string!(l, consultations.col_time).to_string(),
        td_string!(l, common.field_household).to_string(),
        td_string!(l, common.field_party_size).to_string(),
        td_string!(l, common.field_topic).to_string(),
        td_string!(l, common.field_interpreter).to_string(),
        td_string!(l, consultations.field_coordinator).to_string(),
        td_string!(l, common.field_status).to_string(),
        td_string!(l, consultations.walk_in_label).to_string(),
        td_string!(l, common.field_note).to_string(),
        td_string!(l, common.field_staff_note).to_string(),
    ];
    let lines = rows
        .into_iter()
        .map(|r| {
            vec![
                format!("{}–{}", local_time(r.starts_at), clock(r.ends_at)),
                r.household_name,
                r.party_size.to_string(),
                r.topic.name_in(l).to_string(),
                r.interpreter
                    .map(|language| language.name_in(l).to_string())
                    .unwrap_or_default(),
                r.coordinator,
                r.status.name_in(l).to_string(),
                if r.walk_in != 0 { "✓" } else { "" }.to_string(),
                r.note.unwrap_or_default(),
                r.staff_note.unwrap_or_default(),
            ]
        })
        .collect::<Vec<_>>();
    Ok(csv_text(&titles, &lines))
}

/// `15:45` in Tallinn.
fn clock(at: i64) -> String {
    tallinn_wall_clock(at)
        .map(|(_, t)| t.format("%H:%M").to_string())
        .unwrap_or_default()
}
