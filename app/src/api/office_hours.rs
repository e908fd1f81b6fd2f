//! Office hours: a coordinator publishes their weekly windows per office and their exceptions;
//! an admin opens a public holiday or closes an ordinary day for every office.

use super::choices::Choice;
use crate::domain::holidays::Holiday;
use crate::domain::office_hours::{DayOverrideForm, ExceptionForm, ExceptionKind, WindowForm};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::context,
    crate::db,
    crate::domain::{access, holidays::public_holidays, parse_date, Role},
    crate::domain::{AuditAction, AuditSubject},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowView {
    pub id: i64,
    pub office: String,
    /// ISO weekday, 1 = Monday.
    pub weekday: i64,
    pub start_time: String,
    pub end_time: String,
    pub slot_minutes: i64,
    pub buffer_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionView {
    pub id: i64,
    pub kind: ExceptionKind,
    /// Empty for a day off or leave at every office.
    pub office: String,
    pub from_date: String,
    pub to_date: String,
    /// `15:00–16:00` for extra hours.
    pub hours: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayView {
    pub day: String,
    /// The public holiday, when it is one.
    pub holiday: Option<Holiday>,
    /// The admin's decision, when there is one: open or closed.
    pub open: Option<bool>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeHoursView {
    pub offices: Vec<Choice>,
    /// The coordinator's own windows and exceptions (empty for an admin who is not one).
    pub windows: Vec<WindowView>,
    pub exceptions: Vec<ExceptionView>,
    pub is_coordinator: bool,
    pub is_admin: bool,
    /// Holidays and the admin's decisions for the next twelve months.
    pub days: Vec<DayView>,
}

#[server(endpoint = "office_hours_page")]
pub async fn office_hours_page() -> Result<OfficeHoursView, AppError> {
    let user = context::require(access::OFFICE_HOURS).await?;
    let db = context::db()?;
    let today = context::today();
    let is_coordinator = user.roles.has(Role::Coordinator);
    let offices = db::offices::list(db.pool()).await?;
    let (windows, exceptions) = if is_coordinator {
        (
            db::office_hours::windows(db.pool(), Some(user.id)).await?,
            db::office_hours::exceptions(db.pool(), Some(user.id), today).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let overrides = db::office_hours::overrides(db.pool(), today).await?;
    let horizon = today + chrono::Duration::days(365);
    let mut days: Vec<DayView> = public_holidays(chrono::Datelike::year(&today))
        .into_iter()
        .chain(public_holidays(chrono::Datelike::year(&horizon)))
        .filter(|(d, _)| *d >= today && *d <= horizon)
        .map(|(d, h)| DayView {
            day: d.to_string(),
            holiday: Some(h),
            open: None,
            note: String::new(),
        })
        .collect();
    for o in overrides {
        match days.iter_mut().find(|d| d.day == o.day) {
            Some(day) => {
                day.open = Some(o.open == 1);
                day.note = o.note.unwrap_or_default();
            }
            None => days.push(DayView {
                day: o.day,
                holiday: None,
                open: Some(o.open == 1),
                note: o.note.unwrap_or_default(),
            }),
        }
    }
    days.sort_by(|a, b| a.day.cmp(&b.day));
    days.dedup_by(|a, b| a.day == b.day);
    Ok(OfficeHoursView {
        offices: super::choices::office_choices(&offices),
        windows: windows
            .into_iter()
            .map(|w| WindowView {
                id: w.id,
                office: w.office,
                weekday: w.weekday,
                start_time: w.start_time,
                end_time: w.end_time,
                slot_minutes: w.slot_minutes,
                buffer_minutes: w.buffer_minutes,
            })
            .collect(),
        exceptions: exceptions
            .into_iter()
            .map(|x| ExceptionView {
                id: x.id,
                kind: x.kind,
                office: x.office.unwrap_or_default(),
                from_date: x.from_date,
                to_date: x.to_date,
                hours: match (x.start_time, x.end_time) {
                    (Some(s), Some(e)) => format!("{s}–{e}"),
                    _ => String::new(),
                },
                note: x.note.unwrap_or_default(),
            })
            .collect(),
        is_coordinator,
        is_admin: user.roles.has(Role::Admin),
        days,
    })
}

#[cfg(feature = "ssr")]
async fn office_ids() -> Result<Vec<i64>, AppError> {
    let db = context::db()?;
    Ok(db::offices::list(db.pool())
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

#[server(endpoint = "add_office_window")]
pub async fn add_office_window(form: WindowForm) -> Result<i64, AppError> {
    let user = context::require(access::RECEPTION).await?;
    let result = async {
        let window = form.parse(&office_ids().await?)?;
        let db = context::db()?;
        let mut tx = db.begin().await?;
        let id = db::office_hours::add_window(&mut tx, user.id, &window).await?;
        tx.commit().await?;
        Ok(id)
    }
    .await;
    let id = super::drafts::keep_if_invalid(result, "office_window", &form).await?;
    context::redirect("/office-hours");
    Ok(id)
}

#[server(endpoint = "remove_office_window")]
pub async fn remove_office_window(id: i64) -> Result<(), AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    if !db::office_hours::remove_window(db.pool(), user.id, id).await? {
        return Err(AppError::NotFound);
    }
    context::redirect("/office-hours");
    Ok(())
}

#[server(endpoint = "add_hours_exception")]
pub async fn add_hours_exception(form: ExceptionForm) -> Result<i64, AppError> {
    let user = context::require(access::RECEPTION).await?;
    let result = async {
        let exception = form.parse(&office_ids().await?, context::today())?;
        let db = context::db()?;
        let mut tx = db.begin().await?;
        let id = db::office_hours::add_exception(&mut tx, user.id, &exception).await?;
        tx.commit().await?;
        Ok(id)
    }
    .await;
    let id = super::drafts::keep_if_invalid(result, "hours_exception", &form).await?;
    context::redirect("/office-hours");
    Ok(id)
}

#[server(endpoint = "remove_hours_exception")]
pub async fn remove_hours_exception(id: i64) -> Result<(), AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    if !db::office_hours::remove_exception(db.pool(), user.id, id).await? {
        return Err(AppError::NotFound);
    }
    context::redirect("/office-hours");
    Ok(())
}

#[server(endpoint = "set_day_override")]
pub async fn set_day_override(form: DayOverrideForm) -> Result<(), AppError> {
    let user = context::require(access::ADMIN).await?;
    let result = async {
        let (day, open, note) = form.parse()?;
        let db = context::db()?;
        let mut tx = db.begin().await?;
        db::office_hours::set_override(&mut tx, day, open, note.as_deref(), user.id).await?;
        let subject = day.format("%Y%m%d").to_string().parse().unwrap_or(0);
        db::audit::record(
            &mut *tx,
            user.id,
            AuditAction::DayOverride,
            AuditSubject::Day,
            subject,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    super::drafts::keep_if_invalid(result, "day_override", &form).await?;
    context::redirect("/office-hours");
    Ok(())
}

#[server(endpoint = "remove_day_override")]
pub async fn remove_day_override(day: String) -> Result<(), AppError> {
    context::require(access::ADMIN).await?;
    let day = parse_date(&day).map_err(|_| AppError::BadRequest)?;
    let db = context::db()?;
    if !db::office_hours::remove_override(db.pool(), day).await? {
        return Err(AppError::NotFound);
    }
    context::redirect("/office-hours");
    Ok(())
}
