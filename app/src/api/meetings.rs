//! Support-person meetings: planned by the support person (or a coordinator), then marked held
//! or missed. The support person's time is occupancy on the shared calendar, so two meetings of
//! one person can never overlap, whatever arrives at once.

use crate::domain::schedule::{EventStatus, MeetingForm, OutcomeForm};
use crate::domain::ChecklistItem;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        assignments::{finish, parse_day, require_open, visible},
        context,
    },
    crate::db::{self, calendar::BookError, meetings::MeetingRow},
    crate::domain::{
        access,
        schedule::{overlap_error, tallinn_day_of, Span, ValidOutcome},
        ErrorCode, FieldErrors, Period,
    },
    crate::domain::{schedule::AgendaKind, AuditAction},
};

/// A meeting as pages show it, in Europe/Tallinn time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: i64,
    /// Its .ics download.
    pub download: String,
    pub assignment_id: i64,
    pub household_name: String,
    pub support_person: String,
    /// `2026-03-29 10:00–11:30`
    pub when: String,
    pub place: String,
    pub status: EventStatus,
    /// Checklist item codes.
    pub topics: Vec<ChecklistItem>,
    pub note: String,
    pub held_minutes: Option<i64>,
    /// The planned length, counted when "held" is recorded without minutes.
    pub planned_minutes: i64,
    /// Planned and already started: can be marked held or missed.
    pub can_record: bool,
}

#[cfg(feature = "ssr")]
pub(crate) fn meeting_view(row: MeetingRow, topics: Vec<ChecklistItem>, now: i64) -> MeetingView {
    let planned = row.status.is_live();
    MeetingView {
        id: row.event_id,
        download: super::calendar::download_path(&row.uid),
        assignment_id: row.assignment_id,
        household_name: row.household_name,
        support_person: row.support_person,
        when: super::dates::span(row.starts_at, row.ends_at),
        place: row.place.unwrap_or_default(),
        can_record: planned && row.starts_at <= now,
        status: row.status,
        topics,
        note: row.note.unwrap_or_default(),
        held_minutes: row.held_minutes,
        planned_minutes: (row.ends_at - row.starts_at) / 60,
    }
}

#[cfg(feature = "ssr")]
fn period_of(row: &db::assignments::AssignmentRow) -> Result<Period, AppError> {
    Ok(Period {
        start: parse_day(&row.start_date)?,
        end: parse_day(&row.planned_end)?,
    })
}

/// Plans a meeting; answers its id. Overlapping the support person's other meetings is refused
/// with the next free time that day.
#[server(endpoint = "plan_meeting")]
pub async fn plan_meeting(assignment_id: i64, meeting: MeetingForm) -> Result<i64, AppError> {
    let user = context::require(access::ASSIGNMENTS).await?;
    let result = plan(&user, assignment_id, &meeting).await;
    let key = format!("meeting/{assignment_id}");
    let id = super::drafts::keep_if_invalid(result, &key, &meeting).await?;
    context::redirect_done(
        &format!("/assignments/{assignment_id}"),
        crate::domain::Done::MeetingPlanned,
    );
    Ok(id)
}

#[cfg(feature = "ssr")]
async fn plan(
    user: &crate::api::auth::CurrentUser,
    assignment_id: i64,
    form: &MeetingForm,
) -> Result<i64, AppError> {
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let row = visible(&mut *tx, user, assignment_id).await?;
    require_open(&row, "date")?;
    let meeting = form.parse(&period_of(&row)?)?;
    let person = db::calendar::person(row.support_person_id);
    let resources = [person.clone()];
    let uid = format!("{}@tugi", super::credentials::new_token());
    let event = db::calendar::NewEvent {
        uid: &uid,
        kind: AgendaKind::Meeting,
        span: meeting.span,
        status: EventStatus::Confirmed,
        place: Some(&meeting.place),
        created_by: user.id,
        resources: &resources,
        buffer_after: 0,
    };
    let id = match db::calendar::create(&mut tx, &event).await {
        Ok(id) => id,
        Err(BookError::Conflict) => {
            drop(tx);
            return Err(overlap(db.pool(), &person, meeting.span).await?);
        }
        Err(BookError::Db(e)) => return Err(e.into()),
    };
    db::meetings::create(
        &mut tx,
        id,
        assignment_id,
        &meeting.topics,
        meeting.note.as_deref(),
    )
    .await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::MeetingPlan,
        row.household_id,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The overlap message for `wanted`, naming the next free time that day.
#[cfg(feature = "ssr")]
async fn overlap(pool: &sqlx::AnyPool, person: &str, wanted: Span) -> Result<AppError, AppError> {
    let day = tallinn_day_of(wanted.start).unwrap_or(wanted);
    let busy = db::calendar::busy(pool, person, day).await?;
    Ok(FieldErrors::single("start_time", overlap_error(&busy, wanted)).into())
}

/// The planned meeting, when the user may act on it, with its (open) assignment.
#[cfg(feature = "ssr")]
async fn editable(
    tx: &mut crate::db::Tx,
    user: &crate::api::auth::CurrentUser,
    id: i64,
) -> Result<(MeetingRow, db::assignments::AssignmentRow), AppError> {
    let meeting = db::meetings::by_id(&mut **tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let assignment = visible(&mut **tx, user, meeting.assignment_id).await?;
    require_open(&assignment, "outcome")?;
    if !meeting.status.is_live() {
        return Err(FieldErrors::single("outcome", ErrorCode::InvalidChoice).into());
    }
    Ok((meeting, assignment))
}

/// Marks a meeting held (with its actual length) or missed.
#[server(endpoint = "record_meeting")]
pub async fn record_meeting(id: i64, form: OutcomeForm) -> Result<(), AppError> {
    let user = context::require(access::ASSIGNMENTS).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let (meeting, assignment) = editable(&mut tx, &user, id).await?;
    let span = Span {
        start: meeting.starts_at,
        end: meeting.ends_at,
    };
    let result = form.parse(span, db::now());
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(errors) => {
            drop(tx);
            return finish(
                Err(errors.into()),
                &format!("outcome/{id}"),
                &form,
                assignment.id,
                crate::domain::Done::MeetingHeld,
            )
            .await;
        }
    };
    let (status, minutes) = match outcome {
        ValidOutcome::Held { minutes } => (EventStatus::Held, Some(minutes)),
        ValidOutcome::Missed => (EventStatus::Missed, None),
    };
    db::calendar::set_status(&mut tx, id, status).await?;
    db::meetings::set_held_minutes(&mut tx, id, minutes).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::MeetingRecord,
        assignment.household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/assignments/{}", assignment.id),
        crate::domain::Done::MeetingHeld,
    );
    Ok(())
}

/// Cancels a planned meeting; the time is free again at once.
#[server(endpoint = "cancel_meeting")]
pub async fn cancel_meeting(id: i64) -> Result<(), AppError> {
    let user = context::require(access::ASSIGNMENTS).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let (_, assignment) = editable(&mut tx, &user, id).await?;
    db::calendar::set_status(&mut tx, id, EventStatus::Cancelled).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::MeetingCancel,
        assignment.household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &format!("/assignments/{}", assignment.id),
        crate::domain::Done::MeetingCancelled,
    );
    Ok(())
}
