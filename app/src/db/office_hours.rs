//! Office hours, their exceptions and the admin's day overrides, read back as the domain's
//! `Schedule`.

use super::{now, Tx};
use crate::domain::office_hours::{
    ExceptionKind, HoursException, NewException, NewWindow, Schedule, Window,
};
use chrono::{NaiveDate, NaiveTime, Weekday};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct WindowRow {
    pub id: i64,
    pub coordinator_id: i64,
    pub coordinator: String,
    pub office_id: i64,
    pub office: String,
    pub weekday: i64,
    pub start_time: String,
    pub end_time: String,
    pub slot_minutes: i64,
    pub buffer_minutes: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct ExceptionRow {
    pub id: i64,
    pub coordinator_id: i64,
    pub coordinator: String,
    pub office_id: Option<i64>,
    pub office: Option<String>,
    pub kind: crate::domain::office_hours::ExceptionKind,
    pub from_date: String,
    pub to_date: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub slot_minutes: Option<i64>,
    pub buffer_minutes: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct OverrideRow {
    pub day: String,
    pub open: i64,
    pub note: Option<String>,
}

fn hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Weekly windows, of one coordinator or of everyone.
pub async fn windows(
    pool: &AnyPool,
    coordinator_id: Option<i64>,
) -> Result<Vec<WindowRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.id, h.coordinator_id, a.display_name AS coordinator, h.office_id, \
         o.name AS office, h.weekday, h.start_time, h.end_time, h.slot_minutes, h.buffer_minutes \
         FROM office_hours h JOIN accounts a ON a.id = h.coordinator_id \
         JOIN offices o ON o.id = h.office_id \
         WHERE ($1 IS NULL OR h.coordinator_id = $1) \
         ORDER BY h.office_id, h.weekday, h.start_time, a.display_name",
    )
    .bind(coordinator_id)
    .fetch_all(pool)
    .await
}

pub async fn add_window(
    tx: &mut Tx,
    coordinator_id: i64,
    window: &NewWindow,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO office_hours (coordinator_id, office_id, weekday, start_time, end_time, \
         slot_minutes, buffer_minutes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING id",
    )
    .bind(coordinator_id)
    .bind(window.office_id)
    .bind(window.weekday.number_from_monday() as i64)
    .bind(hhmm(window.start))
    .bind(hhmm(window.end))
    .bind(window.slot_minutes)
    .bind(window.buffer_minutes)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// False when the coordinator has no such window.
pub async fn remove_window(
    pool: &AnyPool,
    coordinator_id: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM office_hours WHERE id = $1 AND coordinator_id = $2")
        .bind(id)
        .bind(coordinator_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Exceptions that end on or after `from`, of one coordinator or of everyone.
pub async fn exceptions(
    pool: &AnyPool,
    coordinator_id: Option<i64>,
    from: NaiveDate,
) -> Result<Vec<ExceptionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT x.id, x.coordinator_id, a.display_name AS coordinator, x.office_id, \
         o.name AS office, x.kind, x.from_date, x.to_date, x.start_time, x.end_time, \
         x.slot_minutes, x.buffer_minutes, x.note \
         FROM office_hour_exceptions x JOIN accounts a ON a.id = x.coordinator_id \
         LEFT JOIN offices o ON o.id = x.office_id \
         WHERE x.to_date >= $1 AND ($2 IS NULL OR x.coordinator_id = $2) \
         ORDER BY x.from_date, x.start_time, x.id",
    )
    .bind(from.to_string())
    .bind(coordinator_id)
    .fetch_all(pool)
    .await
}

pub async fn add_exception(
    tx: &mut Tx,
    coordinator_id: i64,
    exception: &NewException,
) -> Result<i64, sqlx::Error> {
    let hours = exception.hours;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO office_hour_exceptions (coordinator_id, office_id, kind, from_date, to_date, \
         start_time, end_time, slot_minutes, buffer_minutes, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(coordinator_id)
    .bind(exception.office_id)
    .bind(exception.kind.code())
    .bind(exception.from.to_string())
    .bind(exception.to.to_string())
    .bind(hours.map(|h| hhmm(h.0)))
    .bind(hours.map(|h| hhmm(h.1)))
    .bind(hours.map(|h| h.2))
    .bind(hours.map(|h| h.3))
    .bind(exception.note.as_deref())
    .bind(now())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// False when the coordinator has no such exception.
pub async fn remove_exception(
    pool: &AnyPool,
    coordinator_id: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("DELETE FROM office_hour_exceptions WHERE id = $1 AND coordinator_id = $2")
            .bind(id)
            .bind(coordinator_id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The admin's overrides from `from` on.
pub async fn overrides(pool: &AnyPool, from: NaiveDate) -> Result<Vec<OverrideRow>, sqlx::Error> {
    sqlx::query_as("SELECT day, open, note FROM day_overrides WHERE day >= $1 ORDER BY day")
        .bind(from.to_string())
        .fetch_all(pool)
        .await
}

/// Opens or closes `day` for every office, replacing an earlier decision.
pub async fn set_override(
    tx: &mut Tx,
    day: NaiveDate,
    open: bool,
    note: Option<&str>,
    by: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO day_overrides (day, open, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (day) DO UPDATE SET open = $2, note = $3, set_by = $4, set_at = $5",
    )
    .bind(day.to_string())
    .bind(open as i64)
    .bind(note)
    .bind(by)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// False when there was no decision for `day`.
pub async fn remove_override(pool: &AnyPool, day: NaiveDate) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM day_overrides WHERE day = $1")
        .bind(day.to_string())
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Every window, the exceptions still to come from `from` on, and the overrides, as the
/// domain's schedule. Rows the domain cannot read (never written by Tugi) are skipped.
pub async fn schedule<'e, E>(executor: E, from: NaiveDate) -> Result<Schedule, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any> + Copy,
{
    type WindowTuple = (i64, i64, i64, String, String, i64, i64);
    let window_rows: Vec<WindowTuple> = sqlx::query_as(
        "SELECT coordinator_id, office_id, weekday, start_time, end_time, slot_minutes, \
         buffer_minutes FROM office_hours",
    )
    .fetch_all(executor)
    .await?;
    type ExceptionTuple = (
        i64,
        Option<i64>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<i64>,
    );
    let exception_rows: Vec<ExceptionTuple> = sqlx::query_as(
        "SELECT coordinator_id, office_id, kind, from_date, to_date, start_time, end_time, \
         slot_minutes, buffer_minutes FROM office_hour_exceptions WHERE to_date >= $1",
    )
    .bind(from.to_string())
    .fetch_all(executor)
    .await?;
    let override_rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT day, open FROM day_overrides WHERE day >= $1")
            .bind(from.to_string())
            .fetch_all(executor)
            .await?;
    let windows = window_rows
        .into_iter()
        .filter_map(
            |(coordinator_id, office_id, weekday, start, end, slot, buffer)| {
                Some(Window {
                    coordinator_id,
                    office_id,
                    weekday: Weekday::try_from(u8::try_from(weekday - 1).ok()?).ok()?,
                    start: time(&start)?,
                    end: time(&end)?,
                    slot_minutes: slot,
                    buffer_minutes: buffer,
                })
            },
        )
        .collect();
    let exceptions = exception_rows
        .into_iter()
        .filter_map(
            |(coordinator_id, office_id, kind, from, to, start, end, slot, buffer)| {
                let kind = ExceptionKind::parse(&kind)?;
                let hours = match (start, end, slot, buffer) {
                    (Some(s), Some(e), Some(slot), Some(buffer)) => {
                        Some((time(&s)?, time(&e)?, slot, buffer))
                    }
                    _ => None,
                };
                Some(HoursException {
                    coordinator_id,
                    office_id,
                    kind,
                    from: date(&from)?,
                    to: date(&to)?,
                    hours,
                })
            },
        )
        .collect();
    let overrides = override_rows
        .into_iter()
        .filter_map(|(day, open)| Some((date(&day)?, open == 1)))
        .collect();
    Ok(Schedule {
        windows,
        exceptions,
        overrides,
    })
}
