//! Consultations at the coordinators' receptions: free slots, booking, the confirmation, cancel
//! and reschedule. A coordinator's time is occupancy on the shared calendar (until the end of
//! the buffer), so one slot is booked once whatever arrives at the same moment. The reception's
//! day view is in `reception.rs`; free slots in `free_slots.rs`; who may see and book in
//! `consultation_access.rs`; the page's view and the writing of a booking in
//! `consultation_record.rs`.

use super::choices::Choice;
use super::consultation_record::ConsultationView;
use super::free_slots::DaySlots;
use crate::domain::consultation::{BookingForm, CancelForm, RescheduleForm};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        auth::CurrentUser,
        choices::office_choices,
        consultation_access::{household_for, is_coordinator, visible},
        consultation_record::{view_of, write_consultation, Status},
        context,
        free_slots::{by_day, coordinator_names, free_slots, schedule},
        notify::{self, Notice},
    },
    crate::db::{
        self,
        calendar::BookError,
        consultations::{ConsultationRow, Scope},
    },
    crate::domain::{
        access,
        consultation::{reminder_needed, MessageKind, BOOKING_DAYS},
        ErrorCode, FieldErrors, Role,
    },
    crate::domain::{AuditAction, AuditSubject},
};

/// Everything the booking page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingChoices {
    pub offices: Vec<Choice>,
    pub office: Option<i64>,
    /// Coordinators with office hours at the chosen office.
    pub coordinators: Vec<Choice>,
    pub coordinator: Option<i64>,
    /// Whether the user chooses the household (staff) or books for their own (a beneficiary).
    pub chooses_household: bool,
    /// Households the user may book for: all while few, else the matches of the search.
    pub households: Vec<Choice>,
    pub household: Option<i64>,
    pub days: Vec<DaySlots>,
    pub by_coordinator: bool,
    pub min_notice_hours: i64,
    pub cutoff_hours: i64,
}

#[server(endpoint = "booking_page")]
pub async fn booking_page(
    office: Option<i64>,
    coordinator: Option<i64>,
    household: Option<i64>,
    who: Option<String>,
) -> Result<BookingChoices, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let rules = context::booking_rules();
    let by_coordinator = is_coordinator(&user);
    let offices = office_choices(&db::offices::list(db.pool()).await?);
    let office = office.filter(|id| offices.iter().any(|o| o.id == *id));
    let schedule = schedule(&db).await?;
    let names = coordinator_names(&db).await?;
    let (coordinators, days, coordinator) = match office {
        Some(office_id) => {
            let mut ids: Vec<i64> = schedule
                .windows
                .iter()
                .filter(|w| w.office_id == office_id)
                .map(|w| w.coordinator_id)
                .collect();
            ids.sort();
            ids.dedup();
            let coordinators: Vec<Choice> = ids
                .iter()
                .filter_map(|id| {
                    names.get(id).map(|name| Choice {
                        id: *id,
                        name: name.clone(),
                    })
                })
                .collect();
            let coordinator = coordinator.filter(|c| ids.contains(c));
            let earliest = rules.earliest(context::now(), by_coordinator);
            let slots = free_slots(
                &db,
                &schedule,
                office_id,
                coordinator,
                earliest,
                (context::today(), BOOKING_DAYS),
            )
            .await?;
            (coordinators, by_day(&slots, &names), coordinator)
        }
        None => (Vec::new(), Vec::new(), None),
    };
    let who = who.unwrap_or_default();
    let households = super::household_choices::for_user(&db, &user, &who, household).await?;
    let household = household.filter(|h| households.iter().any(|c| c.id == *h));
    let chooses_household = by_coordinator || user.roles.has(Role::SupportPerson);
    Ok(BookingChoices {
        offices,
        office,
        coordinators,
        coordinator,
        chooses_household,
        households,
        household,
        days,
        by_coordinator,
        min_notice_hours: rules.min_notice / 3600,
        cutoff_hours: rules.cutoff / 3600,
    })
}

/// Books a slot; answers the consultation's id and sends the browser to its confirmation page.
#[server(endpoint = "book_consultation")]
pub async fn book_consultation(form: BookingForm) -> Result<i64, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let result = book(&user, &form).await;
    let id = super::drafts::keep_if_invalid(result, "book_consultation", &form).await?;
    context::redirect_done(&format!("/consultations/{id}"), crate::domain::Done::Booked);
    Ok(id)
}

#[cfg(feature = "ssr")]
async fn office_ids(db: &db::Db) -> Result<Vec<i64>, AppError> {
    Ok(db::offices::list(db.pool())
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect())
}

#[cfg(feature = "ssr")]
async fn book(user: &CurrentUser, form: &BookingForm) -> Result<i64, AppError> {
    let db = context::db()?;
    let request = form.parse(&office_ids(&db).await?)?;
    let household_id = household_for(user, &form.household).await?;
    let now = context::now();
    let rules = context::booking_rules();
    let slot = rules
        .bookable(
            &schedule(&db).await?,
            request.coordinator_id,
            request.office_id,
            request.start,
            now,
            is_coordinator(user),
        )
        .map_err(|code| FieldErrors::single("slot", code))?;
    let mut tx = db.begin().await?;
    let id = write_consultation(
        &mut tx,
        user.id,
        &slot,
        household_id,
        &request.details,
        Status::Booked,
    )
    .await?;
    let base = context::public_url();
    notify::consultation(&mut tx, id, &Notice::of(MessageKind::Confirmed), now, &base).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::ConsultationBook,
        household_id,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[server(endpoint = "get_consultation")]
pub async fn get_consultation(id: i64) -> Result<ConsultationView, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let row = visible(db.pool(), &user, id).await?;
    db::audit::read(
        db.pool(),
        user.id,
        AuditAction::ConsultationView,
        AuditSubject::Household,
        Some(row.household_id),
        None,
    )
    .await?;
    let no_shows = db::consultations::no_shows(db.pool(), &[row.household_id])
        .await?
        .first()
        .map(|(_, n)| *n)
        .unwrap_or(0);
    Ok(view_of(row, &user, context::now(), Some(no_shows)))
}

/// Free slots at the consultation's office to move it to (the same choice the booking page has).
#[server(endpoint = "reschedule_options")]
pub async fn reschedule_options(id: i64) -> Result<Vec<DaySlots>, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let row = visible(db.pool(), &user, id).await?;
    let earliest = context::booking_rules().earliest(context::now(), is_coordinator(&user));
    let schedule = schedule(&db).await?;
    let dates = (context::today(), BOOKING_DAYS);
    let slots = free_slots(&db, &schedule, row.office_id, None, earliest, dates).await?;
    Ok(by_day(&slots, &coordinator_names(&db).await?))
}

/// The open consultation, when the user may still change it now.
#[cfg(feature = "ssr")]
async fn changeable(
    tx: &mut db::Tx,
    user: &CurrentUser,
    id: i64,
    field: &str,
) -> Result<ConsultationRow, AppError> {
    let row = visible(&mut **tx, user, id).await?;
    if !row.status.is_live() {
        return Err(FieldErrors::single(field, ErrorCode::ConsultationClosed).into());
    }
    context::booking_rules()
        .changeable(row.starts_at, context::now(), is_coordinator(user))
        .map_err(|code| FieldErrors::single(field, code))?;
    Ok(row)
}

#[server(endpoint = "cancel_consultation")]
pub async fn cancel_consultation(id: i64, form: CancelForm) -> Result<(), AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let result = cancel(&user, id, &form).await;
    super::drafts::keep_if_invalid(result, &format!("cancel_consultation/{id}"), &form).await?;
    context::redirect_done(
        &format!("/consultations/{id}"),
        crate::domain::Done::ConsultationCancelled,
    );
    Ok(())
}

#[cfg(feature = "ssr")]
async fn cancel(user: &CurrentUser, id: i64, form: &CancelForm) -> Result<(), AppError> {
    let db = context::db()?;
    let mut tx = db.begin().await?;
    let row = changeable(&mut tx, user, id, "reason").await?;
    let reason = form.parse()?;
    db::consultations::cancel(&mut tx, id, &reason, user.id).await?;
    let notice = Notice {
        kind: MessageKind::Cancelled,
        previous: None,
        reason: Some(&reason),
    };
    notify::consultation(&mut tx, id, &notice, context::now(), &context::public_url()).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::ConsultationCancel,
        row.household_id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "reschedule_consultation")]
pub async fn reschedule_consultation(id: i64, form: RescheduleForm) -> Result<(), AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let result = reschedule(&user, id, &form).await;
    super::drafts::keep_if_invalid(result, &format!("reschedule_consultation/{id}"), &form).await?;
    context::redirect_done(&format!("/consultations/{id}"), crate::domain::Done::Moved);
    Ok(())
}

#[cfg(feature = "ssr")]
async fn reschedule(user: &CurrentUser, id: i64, form: &RescheduleForm) -> Result<(), AppError> {
    let db = context::db()?;
    let schedule = schedule(&db).await?;
    let mut tx = db.begin().await?;
    let row = changeable(&mut tx, user, id, "slot").await?;
    let ((coordinator_id, start), reason) = form.parse()?;
    let now = context::now();
    let slot = context::booking_rules()
        .bookable(
            &schedule,
            coordinator_id,
            row.office_id,
            start,
            now,
            is_coordinator(user),
        )
        .map_err(|code| FieldErrors::single("slot", code))?;
    let resources = [db::calendar::person(slot.coordinator_id)];
    let buffer = slot.buffer_end - slot.span.end;
    match db::calendar::move_to(&mut tx, id, slot.span, buffer, &resources).await {
        Ok(()) => {}
        Err(BookError::Conflict) => {
            return Err(FieldErrors::single("slot", ErrorCode::SlotTaken).into())
        }
        Err(BookError::Db(e)) => return Err(e.into()),
    }
    db::consultations::moved(&mut tx, id, slot.coordinator_id, buffer / 60).await?;
    db::consultations::set_reminder_queued(&mut tx, id, !reminder_needed(slot.span.start, now))
        .await?;
    let notice = Notice {
        kind: MessageKind::Changed,
        previous: Some((row.starts_at, row.ends_at)),
        reason: Some(&reason),
    };
    notify::consultation(&mut tx, id, &notice, now, &context::public_url()).await?;
    db::audit::household(
        &mut *tx,
        user.id,
        AuditAction::ConsultationMove,
        row.household_id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The user's consultations still to come: a beneficiary's household's, a support person's
/// households', a coordinator's own receptions.
#[server(endpoint = "my_consultations")]
pub async fn my_consultations() -> Result<Vec<ConsultationView>, AppError> {
    let user = context::require(access::CONSULTATIONS).await?;
    let db = context::db()?;
    let scope = if is_coordinator(&user) {
        Scope::Coordinator(user.id)
    } else if user.roles.has(Role::SupportPerson) {
        Scope::SupportPerson(user.id)
    } else {
        match db::households::of_account(db.pool(), user.id).await? {
            Some(id) => Scope::Household(id),
            None => return Ok(Vec::new()),
        }
    };
    let now = context::now();
    let rows = db::consultations::list(db.pool(), scope, Some(now), 50).await?;
    Ok(rows
        .into_iter()
        .map(|row| view_of(row, &user, now, None))
        .collect())
}
