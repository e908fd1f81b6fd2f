//! The coordinator's day at an office: the consultations with their households, topics and
//! interpreters, attendance, notes for coordinators only, and people who walk in.

use super::choices::Choice;
use super::consultation_record::ConsultationView;
use super::free_slots::DaySlots;
use crate::domain::consultation::{AttendanceForm, WalkInForm};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        consultation_record::{view_of, write_consultation, Status},
        context,
        free_slots::{by_day, free_slots, schedule},
    },
    crate::db::{self, consultations::Scope},
    crate::domain::{
        access,
        consultation::{Attendance, WalkInMode},
        office_hours::closure,
        parse_date,
        schedule::{tallinn_day, Span},
        ErrorCode, FieldErrors,
    },
    crate::domain::{
        schedule::{AgendaKind, EventStatus},
        AuditAction, AuditSubject,
    },
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceptionDayView {
    pub offices: Vec<Choice>,
    pub office_id: i64,
    pub office: String,
    /// `2026-12-01`
    pub date: String,
    pub previous: String,
    pub next: String,
    pub is_today: bool,
    /// A holiday or an admin's closing: the offices are closed.
    pub closed: bool,
    pub consultations: Vec<ConsultationView>,
    /// The coordinator's own free slots that day (walk-ins take the first).
    pub free: Vec<DaySlots>,
    /// Households to register a walk-in for.
    pub households: Vec<Choice>,
}

#[server(endpoint = "reception_day")]
pub async fn reception_day(
    office: Option<i64>,
    date: Option<String>,
    who: Option<String>,
) -> Result<ReceptionDayView, AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    let offices = db::offices::list(db.pool()).await?;
    // Without a choice, the first office.
    let this = match office {
        Some(id) => offices.iter().find(|o| o.id == id),
        None => offices.first(),
    }
    .ok_or(AppError::NotFound)?;
    let office = this.id;
    db::audit::read(
        db.pool(),
        user.id,
        AuditAction::ReceptionView,
        AuditSubject::Office,
        Some(office),
        date.as_deref(),
    )
    .await?;
    let today = context::today();
    let day = match date.as_deref().map(str::trim) {
        None | Some("") => today,
        Some(text) => parse_date(text).map_err(|_| AppError::BadRequest)?,
    };
    let span = tallinn_day(day).ok_or(AppError::BadRequest)?;
    let schedule = schedule(&db).await?;
    let rows = db::consultations::list(
        db.pool(),
        Scope::Office {
            id: office,
            from: span.start,
            to: span.end,
        },
        None,
        500,
    )
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.household_id).collect();
    let no_shows: std::collections::BTreeMap<i64, i64> =
        db::consultations::no_shows(db.pool(), &ids)
            .await?
            .into_iter()
            .collect();
    let now = context::now();
    let consultations = rows
        .into_iter()
        .map(|row| {
            let n = no_shows.get(&row.household_id).copied().unwrap_or(0);
            view_of(row, &user, now, Some(n))
        })
        .collect();
    let free = if day >= today {
        let slots = free_slots(&db, &schedule, office, Some(user.id), now, (day, 1)).await?;
        by_day(&slots, &[(user.id, user.display_name.clone())].into())
    } else {
        Vec::new()
    };
    // Walk-ins are registered on today's page only.
    let households = if day == today {
        super::household_choices::for_staff(&db, who.as_deref().unwrap_or(""), None).await?
    } else {
        Vec::new()
    };
    Ok(ReceptionDayView {
        offices: super::choices::office_choices(&offices),
        office_id: office,
        office: this.name.clone(),
        date: day.to_string(),
        previous: day.pred_opt().map(|d| d.to_string()).unwrap_or_default(),
        next: day.succ_opt().map(|d| d.to_string()).unwrap_or_default(),
        is_today: day == today,
        closed: closure(day, &schedule.overrides).is_some(),
        consultations,
        free,
        households,
    })
}

/// The day view a change returns to.
#[cfg(feature = "ssr")]
fn day_path(office_id: i64, starts_at: i64) -> String {
    let date = crate::domain::schedule::tallinn_wall_clock(starts_at)
        .map(|(d, _)| d.to_string())
        .unwrap_or_default();
    format!("/reception?office={office_id}&date={date}")
}

/// Marks a consultation attended or a no-show, with a note for coordinators.
#[server(endpoint = "mark_attendance")]
pub async fn mark_attendance(id: i64, form: AttendanceForm) -> Result<(), AppError> {
    let user = context::require(access::RECEPTION).await?;
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let row = db::consultations::by_id(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let result = if row.status.is_live() {
        let span = Span {
            start: row.starts_at,
            end: row.ends_at,
        };
        form.parse(span, context::now()).map_err(AppError::from)
    } else {
        Err(FieldErrors::single("outcome", ErrorCode::ConsultationClosed).into())
    };
    let (outcome, note) = match result {
        Ok(parsed) => parsed,
        Err(error) => {
            drop(tx);
            let key = format!("attendance/{id}");
            return super::drafts::keep_if_invalid(Err(error), &key, &form).await;
        }
    };
    let status = match outcome {
        Attendance::Attended => EventStatus::Held,
        Attendance::NoShow => EventStatus::Missed,
    };
    db::calendar::set_status(&mut tx, id, status).await?;
    db::consultations::set_staff_note(&mut tx, id, note.as_deref()).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::ConsultationAttendance,
        row.household_id,
    )
    .await?;
    tx.commit().await?;
    context::redirect_done(
        &day_path(row.office_id, row.starts_at),
        crate::domain::Done::AttendanceSaved,
    );
    Ok(())
}

/// Someone arrives without a booking: they take the coordinator's next free slot today, or are
/// recorded as seen now, outside the slots.
#[server(endpoint = "register_walk_in")]
pub async fn register_walk_in(office: i64, form: WalkInForm) -> Result<i64, AppError> {
    let user = context::require(access::RECEPTION).await?;
    let result = walk_in(&user, office, &form).await;
    let id = super::drafts::keep_if_invalid(result, &format!("walk_in/{office}"), &form).await?;
    context::redirect_done(
        &format!("/reception?office={office}"),
        crate::domain::Done::WalkInRegistered,
    );
    Ok(id)
}

#[cfg(feature = "ssr")]
async fn walk_in(
    user: &super::auth::CurrentUser,
    office: i64,
    form: &WalkInForm,
) -> Result<i64, AppError> {
    let db = context::db()?;
    let this = db::offices::by_id(db.pool(), office)
        .await?
        .ok_or(AppError::NotFound)?;
    let walk_in = form.parse()?;
    if db::households::by_id(db.pool(), walk_in.household_id)
        .await?
        .is_none()
    {
        return Err(FieldErrors::single("household", ErrorCode::InvalidChoice).into());
    }
    let now = context::now();
    let mut tx = db.begin().await?;
    let id = match walk_in.mode {
        WalkInMode::NextSlot => {
            let schedule = schedule(&db).await?;
            // A slot already running but still free counts: the person is here now.
            let today = (context::today(), 1);
            let slots =
                free_slots(&db, &schedule, office, Some(user.id), now - 15 * 60, today).await?;
            let slot = slots
                .into_iter()
                .find(|s| s.span.end > now)
                .ok_or_else(|| FieldErrors::single("mode", ErrorCode::NoFreeSlot))?;
            write_consultation(
                &mut tx,
                user.id,
                &slot,
                walk_in.household_id,
                &walk_in.details,
                Status::WalkIn,
            )
            .await?
        }
        WalkInMode::Outside => {
            // Seen between the slots: recorded as held, occupying no slot.
            let uid = format!("{}@tugi", super::credentials::new_token());
            let place = format!("{}, {}", this.name, this.address);
            let event = db::calendar::NewEvent {
                uid: &uid,
                kind: AgendaKind::Consultation,
                span: Span {
                    start: now,
                    end: now + walk_in.minutes * 60,
                },
                status: EventStatus::Held,
                place: Some(&place),
                created_by: user.id,
                resources: &[],
                buffer_after: 0,
            };
            let id = match db::calendar::create(&mut tx, &event).await {
                Ok(id) => id,
                Err(db::calendar::BookError::Db(e)) => return Err(e.into()),
                // Nothing is occupied, so nothing can conflict.
                Err(db::calendar::BookError::Conflict) => return Err(AppError::Internal),
            };
            db::consultations::create(
                &mut tx,
                &db::consultations::NewConsultation {
                    event_id: id,
                    office_id: office,
                    coordinator_id: user.id,
                    household_id: walk_in.household_id,
                    booked_by: user.id,
                    details: &walk_in.details,
                    staff_note: None,
                    walk_in: true,
                    buffer_minutes: 0,
                    reminder_queued: true,
                },
            )
            .await?;
            id
        }
    };
    if walk_in.staff_note.is_some() {
        db::consultations::set_staff_note(&mut tx, id, walk_in.staff_note.as_deref()).await?;
    }
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::ConsultationWalkIn,
        walk_in.household_id,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
